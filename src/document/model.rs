//! The document model: one Vietnamese official document, as both writers see it.
//!
//! Readers (the Markdown reader, the template renderer) build it; writers (PDF through
//! Typst, DOCX through docx-rs) read it. It knows the named parts that Decree 30/2020/NĐ-CP
//! gives an administrative document — issuing body, number and symbol, place and date,
//! document type and summary, recipients, signature — so that the *layout* decides how
//! they look and a template only says what they are.
//!
//! The model serialises to JSON: that JSON is exactly what the Typst layout receives
//! (as the virtual file `/document.json`), so field names here are part of the layout
//! contract documented in `docs/layout.md`.

use serde::{Deserialize, Serialize};

use crate::layout::Layout;

/// One official document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Font size set, chosen once for the whole document (VN-FORMAT §1.1).
    pub sizes: SizeSet,
    /// Page geometry of the main part.
    pub page: PageSetup,
    /// The header block (ô 1–5 of Decree 30).
    pub header: Header,
    /// "Kính gửi" addressees (ô 9a) as printed after the label: one addressee has no
    /// final "." ("Bộ Công Thương", as the decree's sample); several are "- A;" … "- Z." lines. Empty when the
    /// document has none. The label is the layout's (`layout.words.addressees_label`).
    pub addressees: Vec<String>,
    /// The content (ô 6).
    pub body: Vec<Block>,
    /// "Nơi nhận" lines (ô 9b) as printed: "- Như trên;" … "- Lưu: VT, CNĐP." May be
    /// empty (e.g. a biên bản).
    pub recipients: Vec<String>,
    /// Signature blocks (ô 7). One: Nơi nhận on the left, the signature on the right.
    /// Two to four (a biên bản signed by several parties): equal columns side by side,
    /// Nơi nhận below them on the left.
    pub signatures: Vec<Signature>,
    /// Appendices (Phụ lục) after the signature, each starting a new page, each with its
    /// own page numbering (Decree 30 Part I §III.1.đ).
    pub appendices: Vec<Appendix>,
    /// Document metadata (PDF/DOCX properties). Never taken from the clock.
    pub meta: Meta,
    /// The form's sizes, gaps, rules and fixed words, for both writers.
    pub layout: Layout,
}

/// An appendix (Phụ lục) printed after the document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Appendix {
    /// "Phụ lục" or "Phụ lục I".
    pub label: String,
    /// The title, upper case, bold, centred.
    pub title: String,
    /// The italic line under the title, e.g. "(Kèm theo Báo cáo số 45/BC-CNĐP ngày …)".
    pub note: String,
    /// Landscape pages (allowed for wide tables, Decree 30 Part I §I).
    pub landscape: bool,
    pub body: Vec<Block>,
}

/// The "DỰ THẢO" mark of a draft (practice, not a decree rule: VN-FORMAT §1.7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftMark {
    /// The words, e.g. "DỰ THẢO" or "DỰ THẢO 2".
    pub text: String,
    pub position: DraftPosition,
    /// Printed inside a single-line box.
    pub boxed: bool,
}

/// Where the draft mark goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DraftPosition {
    /// Above the agency block, top left.
    TopLeft,
    /// Above the Quốc hiệu, top right.
    TopRight,
}

/// The two size sets of Decree 30: Quốc hiệu / Tiêu ngữ / địa danh. Body text takes
/// the larger size of the set. The sizes themselves are in `crate::layout::Fonts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SizeSet {
    /// Quốc hiệu 12, Tiêu ngữ 13, địa danh 13, body 13.
    #[serde(rename = "12/13/13")]
    Small,
    /// Quốc hiệu 13, Tiêu ngữ 14, địa danh 14, body 14.
    #[serde(rename = "13/14/14")]
    Large,
}

/// Page size is always A4; margins in millimetres.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PageSetup {
    pub margin_top_mm: f64,
    pub margin_bottom_mm: f64,
    pub margin_left_mm: f64,
    pub margin_right_mm: f64,
    /// Landscape pages for the main part (a comparison table, a wide list).
    #[serde(default)]
    pub landscape: bool,
}

impl Default for PageSetup {
    /// 20/20/30/15 mm: inside Decree 30's ranges and Decree 78's.
    fn default() -> Self {
        PageSetup {
            margin_top_mm: 20.0,
            margin_bottom_mm: 20.0,
            margin_left_mm: 30.0,
            margin_right_mm: 15.0,
            landscape: false,
        }
    }
}

/// The header block, with its words as printed: the reader decides capitals and the
/// "Số:" line once, and both writers only place them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Header {
    /// Which title the header has.
    pub kind: HeaderKind,
    /// Cơ quan chủ quản, in capitals (e.g. "BỘ CÔNG THƯƠNG"), not bold. May be empty.
    pub parent_agency: String,
    /// Cơ quan ban hành, in capitals, bold. A `\n` marks a chosen line break.
    pub agency: String,
    /// The number, already zero-padded ("05"); `None` leaves it blank ("Số:      /BC-CNĐP").
    pub number: Option<String>,
    /// Ký hiệu, e.g. "BC-CNĐP".
    pub symbol: String,
    /// The whole "Số:" line as printed: "Số: 45/BC-CNĐP", "Số:      /BC-CNĐP" before
    /// registration, "Số: 45" without a ký hiệu.
    pub number_line: String,
    /// Địa danh, e.g. "Hà Nội".
    pub place: String,
    /// Issue date; `None` prints the blank draft form.
    pub date: Option<Date>,
    /// The whole place-and-date line as printed (computed by the reader from place and
    /// date with the leading-zero rule), so both writers print the same words.
    pub place_date: String,
    /// Tên loại in capitals (e.g. "BÁO CÁO"); empty for a công văn.
    pub doc_type: String,
    /// Trích yếu. A `\n` marks a chosen line break. For a công văn, the "V/v …" line.
    pub summary: String,
    /// The draft mark, for drafts.
    pub draft: Option<DraftMark>,
    /// Only the agency block, without the Quốc hiệu, Tiêu ngữ and "Số:" line: the cover
    /// of a register book (Decree 30 Phụ lục IV), which is a form, not an official
    /// document. Every official document leaves it false.
    #[serde(default)]
    pub agency_only: bool,
}

/// What stands under the header block (ô 5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeaderKind {
    /// A document with a tên loại (ô 5a): tên loại, trích yếu and a rule, centred.
    Titled,
    /// A công văn: no tên loại; its trích yếu ("V/v …") sits under "Số:" (ô 5b).
    CongVan,
    /// Neither a tên loại nor a trích yếu.
    Plain,
}

/// A calendar date (no time zone: official documents carry dates only).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// The signature block: authority lines, then space for the signature, then the name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signature {
    /// Bold lines as printed, in capitals, e.g. ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG"].
    pub lines: Vec<String>,
    /// An italic hint under the lines, e.g. "(Ký, ghi rõ họ tên, đóng dấu)"; may be empty.
    #[serde(default)]
    pub hint: String,
    /// The signer's name ("Nguyễn Văn A"), bold.
    pub name: String,
}

/// Properties carried into the files' metadata.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Title for the PDF/DOCX properties (tên loại + trích yếu).
    pub title: String,
    /// Author (the issuing agency); also the author of tracked changes in the DOCX.
    pub author: String,
    /// Date of tracked changes in the DOCX, ISO 8601 ("2025-11-05T00:00:00Z"): the
    /// document's date, never the clock, so outputs stay byte-identical.
    pub revision_date: String,
    /// How the DOCX shows a draft's changes (`[template] docx_changes`, `vanban render
    /// --docx-changes`).
    #[serde(default)]
    pub docx_changes: DocxChanges,
}

/// How the DOCX shows a draft's changes (the comparison table's added and removed words).
/// The PDF always prints black-ink marks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DocxChanges {
    /// Black ink, as the PDF: added words underlined, removed words struck through — for
    /// the copy that is sent out, which reads the same in every program and cannot lose
    /// the old wording to "accept all".
    #[default]
    Marks,
    /// Word tracked changes (`w:ins`, `w:del`), for the drafting team's own editing:
    /// each change can be accepted or rejected.
    Revisions,
}

impl DocxChanges {
    /// The message for a name that is neither (template.toml's `docx_changes`, read by
    /// serde as this enum; explained at its key by `template::setting_error`).
    pub fn unknown(s: &str) -> crate::i18n::Text {
        crate::tr!(
            "\"{s}\" không phải cách ghi thay đổi của DOCX; dùng \"marks\" (gạch chân chữ thêm, gạch ngang chữ bỏ, như bản PDF) hoặc \"revisions\" (theo dõi thay đổi của Word)",
            "\"{s}\" is not a way of showing changes in the DOCX; use \"marks\" (added words underlined, removed words struck through, as in the PDF) or \"revisions\" (Word tracked changes)"
        )
    }
}

/// A body block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Block {
    /// A heading. Level 1 is centred (Phần, Chương, Phụ lục); levels 2–4 are the report's
    /// "I.", "1." and "a)" headings, flush with the body's first-line indent.
    Heading { level: u8, content: Vec<Inline> },
    /// A body paragraph: justified, first-line indent.
    Paragraph { content: Vec<Inline> },
    /// A paragraph centred without indent (e.g. a table caption or a unit line).
    Centered { content: Vec<Inline> },
    /// A list; each item is one or more blocks. Items print with a "-" (bullet) or
    /// their number, in the body's indent.
    List {
        ordered: bool,
        start: u64,
        items: Vec<Vec<Block>>,
    },
    /// A table.
    Table(Table),
    /// A chart drawn from the data: vector graphics in the PDF, an image in the DOCX.
    Chart(Chart),
    /// Start a new page.
    PageBreak,
}

/// A bar chart: one bar per category (e.g. growth by province).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    /// Caption printed under the chart, e.g. "Biểu đồ 1. Tốc độ tăng IIP (%)".
    pub title: String,
    /// Unit shown with the values, e.g. "%".
    pub unit: String,
    pub bars: Vec<Bar>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as printed (Vietnamese number format), e.g. "-3,2".
    pub display: String,
}

/// A raster rendering of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartImage {
    pub png: Vec<u8>,
    /// Size at which the image is placed, in millimetres.
    pub width_mm: f64,
    pub height_mm: f64,
}

/// Inline content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Inline {
    Text {
        text: String,
    },
    Strong {
        content: Vec<Inline>,
    },
    Emph {
        content: Vec<Inline>,
    },
    Strike {
        content: Vec<Inline>,
    },
    /// Code spans print as plain text (official documents have no monospace).
    Code {
        text: String,
    },
    /// Text a draft inserts: a tracked insertion in the DOCX, underlined in the PDF.
    Insert {
        content: Vec<Inline>,
    },
    /// Text a draft deletes: a tracked deletion in the DOCX, struck through in the PDF.
    Delete {
        content: Vec<Inline>,
    },
    /// A forced line break inside a paragraph.
    LineBreak,
}

/// Horizontal alignment of a table column or cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A table: header rows (repeated on every page), body rows, and totals rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// One entry per column: alignment of body cells.
    pub columns: Vec<Align>,
    /// Relative column widths (same length as `columns`): the dashes of the template's
    /// alignment row when they ask for widths, else estimated from the content
    /// (`document::widths`); then fitted to the page by [`crate::layout::fit_tables`]
    /// (points, no column narrower than its longest word). Both writers share them out
    /// over the text width.
    pub widths: Vec<f64>,
    pub header: Vec<Row>,
    pub body: Vec<Row>,
    /// Totals rows, printed bold after the body.
    pub totals: Vec<Row>,
}

/// A table row. Cells covered by a span of another cell are absent, so the number of
/// cells in a row may be less than the number of columns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    pub cells: Vec<Cell>,
}

/// A table cell with its grid position and span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// Zero-based column of the cell's top-left corner.
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
    pub align: Align,
    pub content: Vec<Inline>,
}
