//! The decree form as data: every size, gap, ratio, stroke, fixed string and rule that
//! the two writers place — the Typst layout `templates/layouts/nd30.typ` for the PDF
//! (which reads it from `/document.json`) and `src/docx` for the DOCX. Neither writer
//! keeps a number or a decree string of its own; a value that differs between the
//! forms or size sets differs here.
//!
//! What it is: [`Layout`], the constants of one form setting (`nd30`, `nd78-2025`,
//! `nd34-2016`) and size set (12/13/13 or 13/14/14), and [`Measured`], the few lengths
//! that depend on the document's own words (header columns, rule lengths), computed once
//! by one algorithm ([`measure`]) for both writers. The words themselves (capitals, the
//! "Số:" line, list punctuation) are decided by the reader and carried in the document
//! model as printed (`document::Header`, `recipients`, `addressees`, `signatures`).
//!
//! Where the decree is firm (VN-FORMAT §1.3: sizes, the Quốc hiệu and Tiêu ngữ, the rule
//! under the Tiêu ngữ as long as its text, the short rules 1/3–1/2 of their line, the
//! paragraph gap ≥ 6 pt, the first-line indent 1 cm, Nơi nhận 12/11 pt) the values are
//! the decree's; where it is silent (heading spacing, the signature gap, stroke width)
//! they are the choice documented on each field. docs/layout.md lists every field.

mod advance;
mod measure;
mod table;
mod words;

use serde::{Deserialize, Serialize};

use crate::document::SizeSet;
pub use measure::{Measured, Weight, break_lines, lines_width_pt, measure, text_width_pt};
pub use table::{fit_columns, fit_tables};
pub use words::{addressee_lines, header_kind, list_entry, number_line, recipient_lines};

/// Version of the `/document.json` format a layout receives. A custom `layout.typ`
/// declares the version it was written for (`// vanban-format: 2`); a mismatch is an
/// error naming both. Raised when a field a layout reads changes meaning or place.
///
/// 1: the model as such (until vanban 0.1 without this field); 2: `layout` and
/// `measured` added, header words, recipients, addressees and signature lines carried
/// as printed.
pub const FORMAT_VERSION: u32 = 2;

/// The language of every document vanban makes (PDF and DOCX metadata).
pub const LANGUAGE: &str = "vi-VN";

/// The form rules a template follows (`[template] form`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Form {
    /// Administrative documents: Decree 30/2020/NĐ-CP.
    #[serde(rename = "nd30")]
    Nd30,
    /// Legal normative documents, current rules: Decree 78/2025/NĐ-CP.
    #[serde(rename = "nd78-2025")]
    Nd78,
    /// Legal normative documents drafted 2016–2025: Decree 34/2016/NĐ-CP.
    #[serde(rename = "nd34-2016")]
    Nd34,
}

impl Form {
    /// The setting's name as written in template.toml.
    pub fn parse(s: &str) -> Option<Form> {
        match s.trim() {
            "nd30" => Some(Form::Nd30),
            "nd78-2025" => Some(Form::Nd78),
            "nd34-2016" => Some(Form::Nd34),
            _ => None,
        }
    }

    /// The decree's number, "30/2020/NĐ-CP".
    pub fn decree_number(self) -> &'static str {
        match self {
            Form::Nd30 => "30/2020/NĐ-CP",
            Form::Nd78 => "78/2025/NĐ-CP",
            Form::Nd34 => "34/2016/NĐ-CP",
        }
    }

    /// Allowed margins (top, bottom, left, right) in mm (VN-FORMAT §1.1, §2.3): Decree 78
    /// allows 15–20 mm at the top, bottom and right; Decree 34 kept Decree 30's ranges.
    pub fn margin_ranges(self) -> [(f64, f64); 4] {
        match self {
            Form::Nd78 => [(15.0, 20.0), (15.0, 20.0), (30.0, 35.0), (15.0, 20.0)],
            Form::Nd30 | Form::Nd34 => [(20.0, 25.0), (20.0, 25.0), (30.0, 35.0), (15.0, 20.0)],
        }
    }
}

/// The constants of the form: sizes in points unless the name says otherwise.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Layout {
    pub form: Form,
    pub sizes: SizeSet,
    pub fonts: Fonts,
    pub words: Words,
    pub rules: Rules,
    pub header: HeaderLayout,
    pub title: TitleLayout,
    pub body: BodyLayout,
    pub closing: ClosingLayout,
    pub appendix: AppendixLayout,
    /// Page numbers: Arabic, centred in the top margin, not on page 1 (decree).
    pub page_number: PageNumberLayout,
    pub chart: ChartLayout,
}

/// Space around a chart (a picture in the DOCX, a drawing in the PDF) and its title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChartLayout {
    /// Above the chart, on top of the paragraph gap of the text before it.
    pub before_pt: f64,
    /// Between the chart and its title under it.
    pub title_gap_pt: f64,
    /// Under the title (or the chart), before the next paragraph.
    pub after_pt: f64,
}

/// Where the page number sits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PageNumberLayout {
    /// From the top edge of the paper to the top of the number's line (Word's header
    /// distance); the PDF puts the baseline where Word does.
    pub from_top_mm: f64,
}

/// The decree's font (VN-FORMAT §1.1), which the DOCX names.
pub const FONT: &str = "Times New Roman";

/// Its metric twin embedded in vanban for the PDF (same advance widths), so the PDF looks
/// the same on a machine without Times New Roman.
pub const PDF_FONT: &str = "Liberation Serif";

/// Fonts and font sizes (pt). Decree 30 sets the sizes per element (VN-FORMAT §1.3).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fonts {
    /// The font the DOCX names: Times New Roman.
    pub family: String,
    /// The font the PDF is set in: Liberation Serif, embedded.
    pub pdf_family: String,
    /// Quốc hiệu, cơ quan chủ quản, cơ quan ban hành, a công văn's "V/v" line: 12 or 13.
    pub small_pt: f64,
    /// Tiêu ngữ, place and date, tên loại, trích yếu, body, signature, page numbers: 13 or 14.
    pub body_pt: f64,
    /// The "Số:" line: 13 in both size sets.
    pub number_pt: f64,
    /// Text in data tables: two points below the body, so that an eight-column indicator
    /// table fits a portrait page (practice, not a decree rule).
    pub table_pt: f64,
    /// "Nơi nhận:": 12, bold italic.
    pub recipients_label_pt: f64,
    /// The Nơi nhận list: 11.
    pub recipients_pt: f64,
    /// Labels and values of a chart.
    pub chart_pt: f64,
    /// Single line height of Times New Roman / Liberation Serif, in em (ascent, descent
    /// and line gap): what Word calls one line.
    pub line_height_em: f64,
    /// Their cap height, in em (where Typst's lines start).
    pub cap_height_em: f64,
    /// Their descent below the baseline, in em (Word's lines end there).
    pub descent_em: f64,
    /// Their ascent above the baseline, in em (Word's lines start there).
    pub ascent_em: f64,
}

/// The fixed words of the form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Words {
    /// Quốc hiệu as the decree's text writes it ("HÒA", not "HOÀ").
    pub quoc_hieu: String,
    /// Tiêu ngữ: hyphens with spaces, not dashes.
    pub tieu_ngu: String,
    /// "Kính gửi:" before the addressees.
    pub addressees_label: String,
    /// "Nơi nhận:" over the recipients.
    pub recipients_label: String,
}

/// The solid rules of the header and title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rules {
    /// Thickness of every rule: ¾ pt, which Word can draw exactly (borders are in
    /// eighths of a point). The decree says only "solid".
    pub stroke_pt: f64,
    /// The rules under the agency name and under the title: 0.4 of their line, inside
    /// the decree's 1/3–1/2.
    pub short_ratio: f64,
    /// The rule under the Tiêu ngữ: as long as its text.
    pub motto_ratio: f64,
    /// Distance from the baseline of the line above down to the rule: clear of the
    /// descenders and the dots under Vietnamese letters.
    pub gap_pt: f64,
    /// Grid lines of data tables.
    pub table_stroke_pt: f64,
}

/// The header block (ô 1–4, 5b) and the draft mark.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeaderLayout {
    /// The left column's least share of the text width.
    pub left_min_share: f64,
    /// The Quốc hiệu's column never takes more than this share (a very long agency name
    /// wraps rather than pushing the Quốc hiệu onto two lines).
    pub right_max_share: f64,
    /// Room added to a measured line so that it fits on one line in both writers.
    pub fit_slack: f64,
    /// Space above the "Số:" and place-date row.
    pub number_row_gap_pt: f64,
    /// Space above a công văn's "V/v" line under "Số:" (VN-FORMAT §1.3: 6 pt).
    pub cong_van_summary_gap_pt: f64,
    /// The draft mark's box.
    pub draft_stroke_pt: f64,
    pub draft_pad_x_pt: f64,
    pub draft_pad_y_pt: f64,
}

/// Tên loại and trích yếu (ô 5a).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TitleLayout {
    /// Space above the tên loại (or, without a title, above the first line after the header).
    pub before_pt: f64,
    /// Space under the title's rule.
    pub after_pt: f64,
}

/// The body (ô 6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BodyLayout {
    /// First-line indent: 1 cm (the decree allows 1 or 1.27 cm).
    pub first_line_indent_mm: f64,
    /// Space between paragraphs: 6 pt (the decree: at least 6 pt).
    pub paragraph_gap_pt: f64,
    /// Line spacing as a multiple of single (the decree: single to 1.5).
    pub line_spacing: f64,
    /// A centred level-1 heading (Phần, Chương, Phụ lục): space above and below. The
    /// decree sets no value; 12 pt above sets it off from the text before, 6 pt below is
    /// the paragraph gap.
    pub heading1_before_pt: f64,
    pub heading1_after_pt: f64,
    /// Padding in table cells.
    pub table_pad_x_mm: f64,
    pub table_pad_y_mm: f64,
}

/// The end block: Nơi nhận (ô 9b) and signatures (ô 7).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClosingLayout {
    /// Space between the body and the end block.
    pub before_pt: f64,
    /// With one signature: the Nơi nhận column's share of the width.
    pub recipients_share: f64,
    /// Room for the signature and seal between the authority lines and the name. The
    /// decree sets no value; 26 mm holds a signature and a 36 mm seal's overlap.
    pub signature_gap_mm: f64,
    /// Space between side-by-side signature columns.
    pub signature_gutter_pt: f64,
    /// Space between side-by-side signatures and the Nơi nhận under them.
    pub recipients_below_signatures_pt: f64,
}

/// An appendix's heading (Phụ lục).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppendixLayout {
    /// Space between the heading block (label, title, note) and the appendix's body:
    /// 12 pt, as under the document's title.
    pub after_heading_pt: f64,
}

impl Layout {
    /// The defaults of a form setting and size set. The three forms share the header,
    /// body and end-block rules (Decrees 78 and 34 keep Decree 30's typography,
    /// VN-FORMAT §2.3); they differ in the margins allowed ([`Form::margin_ranges`]) and
    /// the ký hiệu's shape, which the reader checks.
    pub fn new(form: Form, sizes: SizeSet) -> Layout {
        let (small_pt, body_pt) = match sizes {
            SizeSet::Small => (12.0, 13.0),
            SizeSet::Large => (13.0, 14.0),
        };
        Layout {
            form,
            sizes,
            fonts: Fonts {
                family: FONT.into(),
                pdf_family: PDF_FONT.into(),
                small_pt,
                body_pt,
                number_pt: 13.0,
                table_pt: body_pt - 2.0,
                recipients_label_pt: 12.0,
                recipients_pt: 11.0,
                chart_pt: 9.0,
                line_height_em: 1.149,
                cap_height_em: 0.662,
                descent_em: 0.216,
                ascent_em: 0.891,
            },
            words: Words {
                quoc_hieu: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".into(),
                tieu_ngu: "Độc lập - Tự do - Hạnh phúc".into(),
                addressees_label: "Kính gửi:".into(),
                recipients_label: "Nơi nhận:".into(),
            },
            rules: Rules {
                stroke_pt: 0.75,
                short_ratio: 0.4,
                motto_ratio: 1.0,
                gap_pt: 6.5,
                table_stroke_pt: 0.5,
            },
            header: HeaderLayout {
                left_min_share: 0.4,
                right_max_share: 0.68,
                fit_slack: 1.04,
                number_row_gap_pt: 6.0,
                cong_van_summary_gap_pt: 6.0,
                draft_stroke_pt: 0.75,
                draft_pad_x_pt: 6.0,
                draft_pad_y_pt: 4.0,
            },
            title: TitleLayout {
                before_pt: 12.0,
                after_pt: 6.0,
            },
            body: BodyLayout {
                first_line_indent_mm: 10.0,
                paragraph_gap_pt: 6.0,
                line_spacing: 1.15,
                heading1_before_pt: 12.0,
                heading1_after_pt: 6.0,
                table_pad_x_mm: 1.0,
                table_pad_y_mm: 1.2,
            },
            closing: ClosingLayout {
                before_pt: 6.0,
                recipients_share: 0.45,
                signature_gap_mm: 26.0,
                signature_gutter_pt: 6.0,
                recipients_below_signatures_pt: 12.0,
            },
            appendix: AppendixLayout {
                after_heading_pt: 12.0,
            },
            page_number: PageNumberLayout { from_top_mm: 10.0 },
            chart: ChartLayout {
                before_pt: 6.0,
                title_gap_pt: 4.0,
                after_pt: 12.0,
            },
        }
    }
}

impl Default for Layout {
    fn default() -> Self {
        Layout::new(Form::Nd30, SizeSet::Large)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_sets_are_the_decrees() {
        let small = Layout::new(Form::Nd30, SizeSet::Small);
        assert_eq!((small.fonts.small_pt, small.fonts.body_pt), (12.0, 13.0));
        let large = Layout::new(Form::Nd78, SizeSet::Large);
        assert_eq!((large.fonts.small_pt, large.fonts.body_pt), (13.0, 14.0));
        for l in [&small, &large] {
            assert_eq!(l.fonts.number_pt, 13.0);
            assert_eq!(
                (l.fonts.recipients_label_pt, l.fonts.recipients_pt),
                (12.0, 11.0)
            );
            assert!((1.0 / 3.0..=0.5).contains(&l.rules.short_ratio));
            assert!(l.body.paragraph_gap_pt >= 6.0);
        }
    }

    #[test]
    fn forms_parse_by_their_template_names() {
        for (name, form) in [
            ("nd30", Form::Nd30),
            ("nd78-2025", Form::Nd78),
            ("nd34-2016", Form::Nd34),
        ] {
            assert_eq!(Form::parse(name), Some(form));
            assert_eq!(serde_json::to_value(form).expect("json"), name);
        }
        assert_eq!(Form::parse("nd31"), None);
    }
}
