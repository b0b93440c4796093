//! WordprocessingML → a plain list of paragraphs and tables.
//!
//! Read with `zip` and `quick-xml` (both already in the tree for workbook fonts and the
//! DOCX schema-order pass) rather than a DOCX-reader crate: the readers on crates.io either
//! parse into a writer's model (docx-rs's reader drops merge and field details and panics
//! on some real files) or are unmaintained. What the importer needs is small and is Word's
//! meaning, not anyone's XML layout: paragraph texts with their alignment and run
//! formatting, page breaks, section orientation, tables with their merges and header rows,
//! and fields. Everything else is reported as a [`Notice`] with where it was.
//!
//! Text is joined across runs before anything looks at it, so `{{field}}` that Word split
//! over three runs (it does, after a spell-check or an edit in the middle) is whole, and a
//! MERGEFIELD (simple `w:fldSimple` or complex `w:fldChar`/`w:instrText`) becomes one
//! [`Run`] with `field` set.

use std::io::{Read, Seek};

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::i18n::Text;
use crate::tr;

/// Where something was in the Word document: the paragraph (counted from 1 over the whole
/// document, in reading order) and, inside a table, the table (from 1), row and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Place {
    pub paragraph: usize,
    pub cell: Option<(usize, usize, usize)>,
}

impl Place {
    /// "đoạn 12" / "paragraph 12", or "bảng 2, hàng 3, cột 1" / "table 2, row 3, column 1".
    pub fn text(&self) -> Text {
        let p = self.paragraph;
        match self.cell {
            Some((t, r, c)) => tr!(
                "đoạn {p} (bảng {t}, hàng {r}, cột {c})",
                "paragraph {p} (table {t}, row {r}, column {c})"
            ),
            None => tr!("đoạn {p}", "paragraph {p}"),
        }
    }
}

/// Something of the Word document that the template cannot carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub place: Place,
    pub what: Text,
}

/// Paragraph alignment as Word states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
    Justify,
}

/// A run of text with one formatting, or a field.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Run {
    /// The text; `\n` for a line break inside the paragraph.
    pub text: String,
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    /// Font size in half-points (`w:sz`), when the run states it.
    pub size: Option<u32>,
    /// A MERGEFIELD's name: this run stands for the field (its text is Word's preview).
    pub field: Option<String>,
}

/// A paragraph.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Para {
    pub place: Place,
    pub style: Option<String>,
    pub align: Align,
    pub runs: Vec<Run>,
    /// A page break before this paragraph (a `w:br w:type="page"` or `pageBreakBefore`).
    pub page_break_before: bool,
    /// This paragraph ends a section; `Some(true)` when that section is landscape.
    pub section_end: Option<bool>,
}

impl Para {
    /// The paragraph's text, fields as `{{name}}`.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for r in &self.runs {
            match &r.field {
                Some(f) => {
                    s.push_str("{{");
                    s.push_str(f);
                    s.push_str("}}");
                }
                None => s.push_str(&r.text),
            }
        }
        s
    }
}

/// Whether a cell starts or continues a vertical merge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VMerge {
    #[default]
    None,
    Restart,
    Continue,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Cell {
    /// Grid columns covered (`gridSpan`).
    pub span: usize,
    pub vmerge: VMerge,
    pub paras: Vec<Para>,
}

impl Cell {
    /// The cell's paragraphs' texts joined by `\n`.
    pub fn text(&self) -> String {
        self.paras
            .iter()
            .map(Para::text)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Row {
    /// A repeated header row (`tblHeader`).
    pub header: bool,
    pub cells: Vec<Cell>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// 1-based number of the table in the document.
    pub number: usize,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    Para(Para),
    Table(Table),
}

/// The document body as the importer sees it.
#[derive(Debug, Clone, Default)]
pub struct WordDoc {
    pub blocks: Vec<Block>,
    /// The last section (the body's own `sectPr`) is landscape.
    pub last_landscape: bool,
    pub notices: Vec<Notice>,
}

/// Why a DOCX could not be read, in both languages (the caller adds the file name).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError(pub Text);

/// The first bytes of an OLE compound file: a binary Word `.doc` (Word 97–2003).
const OLE_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a DOCX from its bytes.
pub fn read(bytes: &[u8]) -> Result<WordDoc, ReadError> {
    if bytes.starts_with(&OLE_MAGIC[..4]) {
        return Err(ReadError(tr!(
            "đây là tệp Word cũ (.doc, dạng nhị phân), không phải .docx; hãy lưu lại thành .docx trong Word (Lưu thành… → Tài liệu Word) hoặc chuyển bằng LibreOffice: soffice --headless --convert-to docx TỆP.doc",
            "this is an old binary Word file (.doc), not a .docx; save it as .docx in Word (Save As… → Word Document) or convert it with LibreOffice: soffice --headless --convert-to docx FILE.doc"
        )));
    }
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| {
        ReadError(tr!(
            "không phải tệp .docx (không mở được như một gói ZIP: {e})",
            "not a .docx file (cannot be opened as a ZIP package: {e})"
        ))
    })?;
    let main = main_part(&mut zip);
    let xml = part_text(&mut zip, &main)?.ok_or_else(|| {
        ReadError(tr!(
            "tệp .docx thiếu phần nội dung {main}",
            "the .docx has no content part {main}"
        ))
    })?;
    let mut doc = parse_document(&xml, &main)?;
    // Comments are anchored in the text (reported there); a comments part whose anchors
    // are gone is still worth a word.
    let has_comments = part_text(&mut zip, "word/comments.xml")
        .ok()
        .flatten()
        .is_some_and(|x| x.contains(":comment ") || x.contains("<comment "));
    if has_comments && !doc.notices.iter().any(|n| n.what.en.contains("comment")) {
        doc.notices.push(Notice {
            place: Place::default(),
            what: tr!(
                "có chú thích (comment) — không mang sang mẫu",
                "has comments — not carried into the template"
            ),
        });
    }
    Ok(doc)
}

/// The main document part named by `_rels/.rels` (default `word/document.xml`).
fn main_part<R: Read + Seek>(zip: &mut zip::ZipArchive<R>) -> String {
    let fallback = "word/document.xml".to_string();
    let Ok(Some(rels)) = part_text(zip, "_rels/.rels") else {
        return fallback;
    };
    let mut reader = Reader::from_str(&rels);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                if e.local_name().as_ref() == "Relationship"
                    && attr(&e, "Type").is_some_and(|t| t.ends_with("/officeDocument"))
                    && let Some(t) = attr(&e, "Target")
                {
                    return t.trim_start_matches('/').to_string();
                }
            }
            Ok(Event::Eof) | Err(_) => return fallback,
            _ => {}
        }
    }
}

/// A part of the package as text; `None` when it is not there.
fn part_text<R: Read + Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, ReadError> {
    let mut file = match zip.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => {
            return Err(ReadError(tr!(
                "không đọc được phần {name} của tệp .docx: {e}",
                "cannot read the part {name} of the .docx: {e}"
            )));
        }
    };
    // A part larger than this is not a document anyone typed; refuse rather than exhaust
    // memory on a crafted file that claims a huge size.
    const LIMIT: u64 = 256 * 1024 * 1024;
    let mut bytes = Vec::new();
    (&mut file)
        .take(LIMIT)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            ReadError(tr!(
                "không đọc được phần {name} của tệp .docx (tệp hỏng?): {e}",
                "cannot read the part {name} of the .docx (damaged file?): {e}"
            ))
        })?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        ReadError(tr!(
            "phần {name} của tệp .docx không phải văn bản UTF-8 (byte {at})",
            "the part {name} of the .docx is not UTF-8 text (byte {at})"
        ))
    })
}

fn attr(e: &BytesStart<'_>, key: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == key)
            .then(|| a.normalized_value(quick_xml::XmlVersion::Implicit1_0).ok())
            .flatten()
            .map(|v| v.into_owned())
    })
}

/// `w:val` on/off: absent or anything but 0/false/off/none is on.
fn on(e: &BytesStart<'_>) -> bool {
    !matches!(
        attr(e, "val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// Elements whose whole content the importer skips (with a notice, except for the ones
/// that only duplicate content: a deleted text is gone, a fallback repeats its choice).
fn skipped(name: &str) -> Option<(&'static str, &'static str)> {
    Some(match name {
        "drawing" | "pict" | "object" => (
            "hình ảnh, hình vẽ hoặc hộp văn bản",
            "an image, drawing or text box",
        ),
        "del" | "moveFrom" => (
            "thay đổi được theo dõi (chữ đã xóa) — bỏ qua",
            "a tracked change (deleted text) — left out",
        ),
        "Fallback" => ("", ""),
        "txbxContent" => ("hộp văn bản", "a text box"),
        _ => return None,
    })
}

/// Complex field state: `w:fldChar begin` … instr … `separate` … result … `end`.
#[derive(Default)]
struct Field {
    instr: String,
    /// Past `separate`: the result's runs are Word's preview and are dropped for a field
    /// we understand.
    in_result: bool,
    known: bool,
}

#[derive(Default)]
struct TableBuilder {
    table: Table,
    row: Option<Row>,
    cell: Option<Cell>,
}

struct Parser<'a> {
    part: &'a str,
    doc: WordDoc,
    paragraphs: usize,
    tables: usize,
    stack: Vec<TableBuilder>,
    para: Option<Para>,
    run: Option<Run>,
    in_ppr: bool,
    in_rpr: bool,
    in_trpr: bool,
    in_tcpr: bool,
    in_sectpr_of_para: bool,
    body_sectpr: bool,
    pending_page_break: bool,
    skip_depth: usize,
    fields: Vec<Field>,
    in_instr: bool,
    /// Inside `w:fldSimple`: its instruction, and whether the content is the preview.
    simple: Option<bool>,
    in_text: bool,
    depth: usize,
    /// The last paragraph with automatic numbering (for one notice per numbered run).
    numbered_until: Option<usize>,
}

fn parse_document(xml: &str, part: &str) -> Result<WordDoc, ReadError> {
    let mut p = Parser {
        part,
        doc: WordDoc::default(),
        paragraphs: 0,
        tables: 0,
        stack: Vec::new(),
        para: None,
        run: None,
        in_ppr: false,
        in_rpr: false,
        in_trpr: false,
        in_tcpr: false,
        in_sectpr_of_para: false,
        body_sectpr: false,
        pending_page_break: false,
        skip_depth: 0,
        fields: Vec::new(),
        in_instr: false,
        simple: None,
        in_text: false,
        depth: 0,
        numbered_until: None,
    };
    let mut reader = Reader::from_str(xml);
    loop {
        let event = reader.read_event().map_err(|e| {
            let at = reader.buffer_position();
            ReadError(tr!(
                "phần {part} của tệp .docx hỏng: XML sai ở byte {at} ({e})",
                "the part {part} of the .docx is damaged: bad XML at byte {at} ({e})"
            ))
        })?;
        match event {
            Event::Start(e) => {
                p.depth += 1;
                p.start(&e, false);
            }
            Event::Empty(e) => {
                p.depth += 1;
                p.start(&e, true);
                p.end(e.local_name().as_ref());
                p.depth -= 1;
            }
            Event::End(e) => {
                p.end(e.local_name().as_ref());
                p.depth = p.depth.saturating_sub(1);
            }
            Event::Text(t) if p.in_text || p.in_instr => {
                let s = t.xml10_content();
                p.text(&s);
            }
            Event::GeneralRef(r) if p.in_text || p.in_instr => {
                let s = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*r {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        _ => String::new(),
                    },
                };
                p.text(&s);
            }
            Event::CData(t) if p.in_text => {
                let s = t.xml10_content().into_owned();
                p.text(&s);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if p.depth != 0 {
        return Err(ReadError(tr!(
            "phần {part} của tệp .docx bị cắt cụt (XML chưa đóng hết thẻ)",
            "the part {part} of the .docx is cut short (unclosed XML elements)"
        )));
    }
    let _ = p.part;
    Ok(p.doc)
}

impl Parser<'_> {
    fn place(&self) -> Place {
        let cell = self.stack.last().map(|t| {
            (
                t.table.number,
                t.table.rows.len() + 1,
                t.row.as_ref().map_or(0, |r| r.cells.len()) + 1,
            )
        });
        Place {
            paragraph: self.paragraphs.max(1),
            cell,
        }
    }

    fn notice(&mut self, vi: impl Into<String>, en: impl Into<String>) {
        let place = self.place();
        self.doc.notices.push(Notice {
            place,
            what: Text::new(vi, en),
        });
    }

    fn start(&mut self, e: &BytesStart<'_>, empty: bool) {
        let name = e.local_name();
        let name = name.as_ref();
        if self.skip_depth > 0 {
            if !empty {
                self.skip_depth += 1;
            }
            return;
        }
        if let Some((vi, en)) = skipped(name) {
            if !vi.is_empty() {
                self.notice(vi, en);
            }
            if !empty {
                self.skip_depth = 1;
            }
            return;
        }
        match name {
            "p" => {
                self.paragraphs += 1;
                let place = self.place();
                self.para = Some(Para {
                    place,
                    page_break_before: std::mem::take(&mut self.pending_page_break),
                    ..Para::default()
                });
            }
            "pPr" => self.in_ppr = true,
            "rPr" => self.in_rpr = true,
            "sectPr" => {
                if self.para.is_some() {
                    self.in_sectpr_of_para = true;
                    if let Some(p) = self.para.as_mut() {
                        p.section_end = Some(false);
                    }
                } else {
                    self.body_sectpr = true;
                }
            }
            "pgSz" => {
                let landscape = attr(e, "orient").as_deref() == Some("landscape");
                if self.in_sectpr_of_para {
                    if let Some(p) = self.para.as_mut() {
                        p.section_end = Some(landscape);
                    }
                } else if self.body_sectpr {
                    self.doc.last_landscape = landscape;
                }
            }
            "pStyle" if self.in_ppr => {
                if let Some(p) = self.para.as_mut() {
                    p.style = attr(e, "val");
                }
            }
            "jc" if self.in_ppr && !self.in_rpr => {
                if let Some(p) = self.para.as_mut() {
                    p.align = match attr(e, "val").as_deref() {
                        Some("center") => Align::Center,
                        Some("right" | "end") => Align::Right,
                        Some("both" | "distribute" | "lowKashida" | "mediumKashida") => {
                            Align::Justify
                        }
                        _ => Align::Left,
                    };
                }
            }
            "numPr" if self.in_ppr => {
                // Word's automatic numbering: its numbers and bullets are not in the text.
                // One notice for a run of numbered paragraphs, at the first.
                let here = self.paragraphs;
                if self.numbered_until.map(|p| p + 1) != Some(here) {
                    self.notice(
                        "đánh số tự động của Word — số, gạch đầu dòng không mang sang; hãy gõ chúng vào chữ",
                        "automatic numbering — Word's numbers and bullets are not carried; type them into the text",
                    );
                }
                self.numbered_until = Some(here);
            }
            "pageBreakBefore" if self.in_ppr && on(e) => {
                if let Some(p) = self.para.as_mut() {
                    p.page_break_before = true;
                }
            }
            "r" => {
                if self.para.is_none() {
                    return;
                }
                self.run = Some(Run::default());
            }
            "b" if self.in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.bold = on(e);
                }
            }
            "i" if self.in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.italic = on(e);
                }
            }
            "sz" if self.in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.size = attr(e, "val").and_then(|v| v.parse().ok());
                }
            }
            "u" if self.in_rpr => {
                if let Some(r) = self.run.as_mut() {
                    r.underline = on(e);
                }
            }
            "t" if self.run.is_some() => self.in_text = !empty,
            "tab" if self.run.is_some() && !self.in_ppr => self.text("\t"),
            "noBreakHyphen" if self.run.is_some() => self.text("-"),
            "br" | "cr" if self.run.is_some() => {
                if attr(e, "type").as_deref() == Some("page") {
                    self.page_break();
                } else {
                    self.text("\n");
                }
            }
            "instrText" => self.in_instr = !empty,
            "fldChar" => match attr(e, "fldCharType").as_deref() {
                Some("begin") => self.fields.push(Field::default()),
                Some("separate") => {
                    if let Some(f) = self.fields.last_mut() {
                        f.in_result = true;
                        if let Some(name) = merge_field(&f.instr) {
                            f.known = true;
                            self.push_field(name);
                        } else {
                            let instr = f.instr.trim().to_string();
                            self.unknown_field(&instr);
                        }
                    }
                }
                Some("end") => {
                    if let Some(f) = self.fields.pop()
                        && !f.in_result
                    {
                        // A field without a result part.
                        if let Some(name) = merge_field(&f.instr) {
                            self.push_field(name);
                        } else {
                            self.unknown_field(f.instr.trim());
                        }
                    }
                }
                _ => {}
            },
            "fldSimple" => {
                let instr = attr(e, "instr").unwrap_or_default();
                match merge_field(&instr) {
                    Some(name) => {
                        self.push_field(name);
                        self.simple = Some(true);
                    }
                    None => {
                        self.unknown_field(instr.trim());
                        self.simple = Some(false);
                    }
                }
                if empty {
                    self.simple = None;
                }
            }
            "ins" | "moveTo" => self.notice(
                "thay đổi được theo dõi (chữ chèn thêm) — giữ chữ, bỏ dấu theo dõi",
                "a tracked change (inserted text) — the text is kept, not the tracking",
            ),
            "commentRangeStart" => self.notice(
                "chú thích (comment) — không mang sang mẫu",
                "a comment — not carried into the template",
            ),
            "footnoteReference" => self.notice(
                "chú thích cuối trang (footnote) — không mang sang mẫu",
                "a footnote — not carried into the template",
            ),
            "endnoteReference" => self.notice(
                "chú thích cuối văn bản (endnote) — không mang sang mẫu",
                "an endnote — not carried into the template",
            ),
            "tbl" => {
                if !self.stack.is_empty() {
                    self.notice(
                        "bảng lồng trong bảng — nội dung được đưa vào ô chứa nó",
                        "a table inside a table — its text is put into the cell holding it",
                    );
                }
                self.tables += 1;
                self.stack.push(TableBuilder {
                    table: Table {
                        number: self.tables,
                        rows: Vec::new(),
                    },
                    ..TableBuilder::default()
                });
            }
            "tr" => {
                if let Some(t) = self.stack.last_mut() {
                    t.row = Some(Row::default());
                }
            }
            "trPr" => self.in_trpr = true,
            "tblHeader" if self.in_trpr && on(e) => {
                if let Some(r) = self.stack.last_mut().and_then(|t| t.row.as_mut()) {
                    r.header = true;
                }
            }
            "tc" => {
                if let Some(t) = self.stack.last_mut() {
                    t.cell = Some(Cell {
                        span: 1,
                        ..Cell::default()
                    });
                }
            }
            "tcPr" => self.in_tcpr = true,
            "gridSpan" if self.in_tcpr => {
                if let Some(c) = self.stack.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.span = attr(e, "val")
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                }
            }
            "vMerge" if self.in_tcpr => {
                if let Some(c) = self.stack.last_mut().and_then(|t| t.cell.as_mut()) {
                    c.vmerge = if attr(e, "val").as_deref() == Some("restart") {
                        VMerge::Restart
                    } else {
                        VMerge::Continue
                    };
                }
            }
            _ => {}
        }
    }

    fn end(&mut self, name: &str) {
        if self.skip_depth > 0 {
            self.skip_depth -= 1;
            return;
        }
        match name {
            "pPr" => self.in_ppr = false,
            "rPr" => self.in_rpr = false,
            "sectPr" => {
                self.in_sectpr_of_para = false;
                self.body_sectpr = false;
            }
            "t" => self.in_text = false,
            "instrText" => self.in_instr = false,
            "fldSimple" => self.simple = None,
            "r" => {
                if let Some(run) = self.run.take()
                    && !run.text.is_empty()
                    && !self.hides_runs()
                    && let Some(p) = self.para.as_mut()
                {
                    p.runs.push(run);
                }
            }
            "p" => {
                if let Some(p) = self.para.take() {
                    self.push_para(p);
                }
            }
            "trPr" => self.in_trpr = false,
            "tcPr" => self.in_tcpr = false,
            "tc" => {
                if let Some(t) = self.stack.last_mut()
                    && let Some(c) = t.cell.take()
                    && let Some(r) = t.row.as_mut()
                {
                    r.cells.push(c);
                }
            }
            "tr" => {
                if let Some(t) = self.stack.last_mut()
                    && let Some(r) = t.row.take()
                {
                    t.table.rows.push(r);
                }
            }
            "tbl" => {
                if let Some(t) = self.stack.pop() {
                    match self.stack.last_mut().and_then(|o| o.cell.as_mut()) {
                        // A nested table: its paragraphs go into the outer cell.
                        Some(cell) => {
                            for row in t.table.rows {
                                for c in row.cells {
                                    cell.paras.extend(c.paras);
                                }
                            }
                        }
                        None => self.doc.blocks.push(Block::Table(t.table)),
                    }
                }
            }
            _ => {}
        }
    }

    /// Runs inside a field we turned into a field, or inside its instruction, are not text.
    fn hides_runs(&self) -> bool {
        self.simple == Some(true) || self.fields.last().is_some_and(|f| !f.in_result || f.known)
    }

    fn text(&mut self, s: &str) {
        if self.in_instr {
            if let Some(f) = self.fields.last_mut() {
                f.instr.push_str(s);
            }
            return;
        }
        if let Some(r) = self.run.as_mut() {
            r.text.push_str(s);
        }
    }

    fn page_break(&mut self) {
        // A page break inside a paragraph with text before it: the rest goes on the next
        // page; the importer carries it as a break before the next paragraph.
        match self.para.as_mut() {
            Some(p) if p.runs.iter().all(|r| r.text.trim().is_empty()) && p.runs.is_empty() => {
                p.page_break_before = true
            }
            _ => self.pending_page_break = true,
        }
    }

    fn push_field(&mut self, name: String) {
        if let Some(p) = self.para.as_mut() {
            let (bold, italic, underline, size) =
                self.run.as_ref().map_or((false, false, false, None), |r| {
                    (r.bold, r.italic, r.underline, r.size)
                });
            // Flush the text of the current run before the field.
            if let Some(r) = self.run.as_mut()
                && !r.text.is_empty()
            {
                let text = std::mem::take(&mut r.text);
                p.runs.push(Run { text, ..r.clone() });
            }
            p.runs.push(Run {
                text: String::new(),
                bold,
                italic,
                underline,
                size,
                field: Some(name),
            });
        }
    }

    fn unknown_field(&mut self, instr: &str) {
        let kind = instr.split_whitespace().next().unwrap_or("").to_string();
        // Page numbers and the like are the layout's business, not the template's.
        if matches!(kind.as_str(), "PAGE" | "NUMPAGES" | "SECTIONPAGES") {
            return;
        }
        let instr = instr.to_string();
        self.notice(
            format!("trường Word không xử lý được: {instr} — giữ chữ đang hiển thị"),
            format!("a Word field it does not know: {instr} — its shown text is kept"),
        );
    }

    fn push_para(&mut self, p: Para) {
        match self.stack.last_mut() {
            Some(t) => {
                if let Some(c) = t.cell.as_mut() {
                    c.paras.push(p);
                }
            }
            None => self.doc.blocks.push(Block::Para(p)),
        }
    }
}

/// The field name of a MERGEFIELD instruction (`MERGEFIELD  ten_tinh  \* MERGEFORMAT`,
/// `MERGEFIELD "Tên tỉnh"`); `None` for any other field.
pub fn merge_field(instr: &str) -> Option<String> {
    let rest = instr.trim_start();
    let rest = rest
        .strip_prefix("MERGEFIELD")
        .or_else(|| rest.strip_prefix("mergefield"))?;
    let rest = rest.trim_start();
    let name = if let Some(q) = rest.strip_prefix('"') {
        q.split('"').next().unwrap_or("")
    } else {
        rest.split_whitespace().next().unwrap_or("")
    };
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> WordDoc {
        let xml = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{body}</w:body></w:document>"#
        );
        parse_document(&xml, "word/document.xml").unwrap()
    }

    fn paras(d: &WordDoc) -> Vec<String> {
        d.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Para(p) => Some(p.text()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn split_runs_join() {
        let d = doc(
            r#"<w:p><w:r><w:t>Tỉnh {{</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>ten_</w:t></w:r><w:r><w:t>tinh}} &amp; x</w:t></w:r></w:p>"#,
        );
        assert_eq!(paras(&d), ["Tỉnh {{ten_tinh}} & x"]);
    }

    #[test]
    fn merge_fields_simple_and_complex() {
        let d = doc(
            r#"<w:p><w:fldSimple w:instr=" MERGEFIELD so \* MERGEFORMAT "><w:r><w:t>«so»</w:t></w:r></w:fldSimple><w:r><w:t>/</w:t></w:r>
            <w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> MERGEFIELD </w:instrText></w:r><w:r><w:instrText>ky_hieu </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>«ky_hieu»</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#,
        );
        assert_eq!(paras(&d), ["{{so}}/{{ky_hieu}}"]);
    }

    #[test]
    fn merges_headers_and_notices() {
        let d = doc(
            r#"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:drawing><w:p><w:r><w:t>hidden</w:t></w:r></w:p></w:drawing><w:t>B</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"#,
        );
        let Block::Table(t) = &d.blocks[0] else {
            panic!("a table")
        };
        assert!(t.rows[0].header);
        assert_eq!(t.rows[0].cells[0].span, 2);
        assert_eq!(t.rows[1].cells[0].vmerge, VMerge::Restart);
        assert_eq!(t.rows[1].cells[0].text(), "B");
        assert_eq!(d.notices.len(), 1);
        assert_eq!(d.notices[0].place.cell, Some((1, 2, 1)));
    }

    #[test]
    fn tracked_changes_and_footnotes_are_reported_where_they_are() {
        let d = doc(
            r#"<w:p><w:r><w:t>a</w:t></w:r></w:p><w:p><w:ins><w:r><w:t>new </w:t></w:r></w:ins><w:del><w:r><w:delText>old</w:delText></w:r></w:del><w:r><w:footnoteReference w:id="1"/></w:r><w:r><w:t>b</w:t></w:r></w:p>"#,
        );
        assert_eq!(paras(&d), ["a", "new b"]);
        let what: Vec<&str> = d.notices.iter().map(|n| n.what.en.as_str()).collect();
        assert_eq!(d.notices.len(), 3, "{what:?}");
        assert!(d.notices.iter().all(|n| n.place.paragraph == 2));
        assert!(what[2].contains("footnote"), "{what:?}");
    }

    #[test]
    fn automatic_numbering_is_one_notice_per_run() {
        let item = r#"<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>"#;
        let d = doc(&format!("{item}{item}{item}<w:p/>{item}"));
        let at: Vec<usize> = d.notices.iter().map(|n| n.place.paragraph).collect();
        assert_eq!(at, [1, 5]);
    }

    #[test]
    fn doc_and_garbage_are_errors() {
        let e = read(&[0xD0, 0xCF, 0x11, 0xE0, 0, 0, 0, 0]).unwrap_err();
        assert!(e.0.en.contains("soffice --headless --convert-to docx"));
        assert!(read(b"hello").is_err());
        assert!(parse_document("<w:document><w:body><w:p>", "x").is_err());
    }
}
