//! Post-processing of the XML parts docx-rs writes, for what its API cannot express
//! (schema order of property elements is `order.rs`).
//!
//! * `w:tblHeader` ("repeat as header row at the top of each page") has no docx-rs
//!   method, so the header rows of data tables are marked here.
//! * Core properties: docx-rs 0.4.22 can set only the created/modified dates of
//!   `docProps/core.xml` (creator and title fields are private); the author and title
//!   from `doc.meta` are written in here.
//!
//! * Ids of tracked changes and drawings: docx-rs takes the first from a process-wide
//!   counter and writes 1 for every `wp:docPr`; both are numbered here in document order.
//!
//! The edits are textual and rely on the exact shape docx-rs emits (`<w:tbl>`, `<w:tr>`,
//! `<w:trPr />`, `<dc:creator>unknown</dc:creator>`, `<w:ins w:id="…"`). If a docx-rs upgrade changes that
//! shape, the functions return [`DocxError::Unexpected`] instead of silently producing a
//! document without repeating headers; the tests catch it first.

use crate::document::Meta;

use super::DocxError;
use super::ctx::DataTableMark;
use super::text::escape_xml;

const TABLE_OPEN: &str = "<w:tbl>";
const TABLE_CLOSE: &str = "</w:tbl>";
const ROW_OPEN: &str = "<w:tr>";
const ROW_PROPS_EMPTY: &str = "<w:trPr />";
const ROW_PROPS_OPEN: &str = "<w:trPr>";
const TABLE_HEADER: &str = "<w:tblHeader />";

/// Marks the first `header_rows` rows of each listed top-level table with `w:tblHeader`.
pub(crate) fn mark_header_rows(
    document: &mut Vec<u8>,
    marks: &[DataTableMark],
) -> Result<(), DocxError> {
    if marks.iter().all(|m| m.header_rows == 0) {
        return Ok(());
    }
    let unexpected = |message: String| DocxError::Unexpected {
        part: "word/document.xml",
        message,
    };
    let xml = std::str::from_utf8(document).map_err(|e| unexpected(e.to_string()))?;
    let tables = top_level_tables(xml);

    // (position, bytes to replace, replacement), in increasing position order.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for mark in marks.iter().filter(|m| m.header_rows > 0) {
        let &(start, end) = tables.get(mark.table_index).ok_or_else(|| {
            unexpected(format!(
                "expected at least {} tables, found {}",
                mark.table_index + 1,
                tables.len()
            ))
        })?;
        let rows = top_level_rows(&xml[start..end]);
        if rows.len() < mark.header_rows {
            return Err(unexpected(format!(
                "table {} has {} rows, expected at least {} header rows",
                mark.table_index,
                rows.len(),
                mark.header_rows
            )));
        }
        for row in rows.into_iter().take(mark.header_rows) {
            let at = start + row + ROW_OPEN.len();
            let rest = &xml[at..];
            let edit = if rest.starts_with(ROW_PROPS_EMPTY) {
                (
                    at,
                    ROW_PROPS_EMPTY.len(),
                    format!("{ROW_PROPS_OPEN}{TABLE_HEADER}</w:trPr>"),
                )
            } else if rest.starts_with(ROW_PROPS_OPEN) {
                // The row properties are an unordered choice, so the flag may go first.
                (at + ROW_PROPS_OPEN.len(), 0, TABLE_HEADER.to_string())
            } else {
                (at, 0, format!("{ROW_PROPS_OPEN}{TABLE_HEADER}</w:trPr>"))
            };
            edits.push(edit);
        }
    }
    edits.sort_by_key(|e| e.0);

    let mut out = String::with_capacity(xml.len() + edits.len() * 32);
    let mut copied = 0;
    for (at, remove, insert) in edits {
        out.push_str(&xml[copied..at]);
        out.push_str(&insert);
        copied = at + remove;
    }
    out.push_str(&xml[copied..]);
    *document = out.into_bytes();
    Ok(())
}

/// Byte ranges of the top-level `<w:tbl>` elements, in document order.
fn top_level_tables(xml: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    let mut pos = 0;
    while let Some((at, open)) = next_table_tag(xml, pos) {
        if open {
            if depth == 0 {
                start = at;
            }
            depth += 1;
            pos = at + TABLE_OPEN.len();
        } else {
            depth = depth.saturating_sub(1);
            pos = at + TABLE_CLOSE.len();
            if depth == 0 {
                out.push((start, pos));
            }
        }
    }
    out
}

/// The next `<w:tbl>` (true) or `</w:tbl>` (false) at or after `from`.
fn next_table_tag(xml: &str, from: usize) -> Option<(usize, bool)> {
    let open = xml[from..].find(TABLE_OPEN).map(|i| (from + i, true));
    let close = xml[from..].find(TABLE_CLOSE).map(|i| (from + i, false));
    match (open, close) {
        (Some(o), Some(c)) => Some(if o.0 < c.0 { o } else { c }),
        (o, c) => o.or(c),
    }
}

/// Offsets (within `table`, which starts with `<w:tbl>`) of the rows of this table,
/// skipping rows of tables nested in its cells.
fn top_level_rows(table: &str) -> Vec<usize> {
    let mut rows = Vec::new();
    let mut depth = 0usize;
    let mut pos = 0;
    loop {
        let candidates = [
            table[pos..].find(TABLE_OPEN).map(|i| (pos + i, 0)),
            table[pos..].find(TABLE_CLOSE).map(|i| (pos + i, 1)),
            table[pos..].find(ROW_OPEN).map(|i| (pos + i, 2)),
        ];
        let Some((at, kind)) = candidates.into_iter().flatten().min() else {
            break;
        };
        match kind {
            0 => {
                depth += 1;
                pos = at + TABLE_OPEN.len();
            }
            1 => {
                depth = depth.saturating_sub(1);
                pos = at + TABLE_CLOSE.len();
            }
            _ => {
                if depth == 1 {
                    rows.push(at);
                }
                pos = at + ROW_OPEN.len();
            }
        }
    }
    rows
}

/// Gives deterministic ids to what docx-rs numbers from process-wide counters or not at
/// all: tracked changes (`w:ins`/`w:del` `w:id`, shared sequence from 1) and drawings
/// (`wp:docPr` `id`, which docx-rs always writes as 1). A tracked change without a date
/// loses its empty `w:date` attribute, which Word would reject.
pub(crate) fn number_revisions_and_drawings(document: &mut Vec<u8>) -> Result<(), DocxError> {
    let unexpected = |message: String| DocxError::Unexpected {
        part: "word/document.xml",
        message,
    };
    let xml = std::str::from_utf8(document).map_err(|e| unexpected(e.to_string()))?;
    const REVISIONS: [&str; 2] = ["<w:ins w:id=\"", "<w:del w:id=\""];
    const DRAWING: &str = "<wp:docPr id=\"";
    let mut out = String::with_capacity(xml.len());
    let (mut revision, mut drawing) = (0u32, 0u32);
    let mut pos = 0;
    loop {
        let next = REVISIONS
            .iter()
            .chain([&DRAWING])
            .filter_map(|p| xml[pos..].find(p).map(|i| (pos + i, *p)))
            .min_by_key(|(at, _)| *at);
        let Some((at, prefix)) = next else { break };
        let id_start = at + prefix.len();
        let id_end = id_start
            + xml[id_start..]
                .find('"')
                .ok_or_else(|| unexpected(format!("an unterminated id after {prefix}")))?;
        out.push_str(&xml[pos..id_start]);
        if prefix == DRAWING {
            drawing += 1;
            out.push_str(&drawing.to_string());
            pos = id_end;
        } else {
            revision += 1;
            out.push_str(&revision.to_string());
            let tag_end = id_end
                + xml[id_end..]
                    .find('>')
                    .ok_or_else(|| unexpected(format!("an unterminated {prefix}")))?;
            out.push_str(&xml[id_end..tag_end].replace(" w:date=\"\"", ""));
            pos = tag_end;
        }
    }
    out.push_str(&xml[pos..]);
    *document = out.into_bytes();
    Ok(())
}

/// Writes the author (creator, last modified by) and title into docProps/core.xml.
pub(crate) fn core_properties(core: &mut Vec<u8>, meta: &Meta) -> Result<(), DocxError> {
    let unexpected = |message: &str| DocxError::Unexpected {
        part: "docProps/core.xml",
        message: message.to_string(),
    };
    let xml = std::str::from_utf8(core).map_err(|e| unexpected(&e.to_string()))?;
    let mut xml = xml.to_string();
    let author = meta.author.trim();
    if !author.is_empty() {
        let author = escape_xml(author);
        for (old, tag) in [
            ("<dc:creator>unknown</dc:creator>", "dc:creator"),
            (
                "<cp:lastModifiedBy>unknown</cp:lastModifiedBy>",
                "cp:lastModifiedBy",
            ),
        ] {
            if !xml.contains(old) {
                return Err(unexpected(&format!("no placeholder {old}")));
            }
            xml = xml.replacen(old, &format!("<{tag}>{author}</{tag}>"), 1);
        }
    }
    let title = meta.title.trim();
    if !title.is_empty() {
        let close = "</cp:coreProperties>";
        let at = xml
            .rfind(close)
            .ok_or_else(|| unexpected("no </cp:coreProperties>"))?;
        xml.insert_str(at, &format!("<dc:title>{}</dc:title>", escape_xml(title)));
    }
    *core = xml.into_bytes();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_only_the_header_rows_of_the_chosen_table() {
        let xml = "<w:body><w:tbl><w:tr><w:trPr /></w:tr></w:tbl>\
                   <w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>\
                   <w:tr><w:trPr /><w:tc><w:tbl><w:tr><w:trPr /></w:tr></w:tbl></w:tc></w:tr>\
                   <w:tr><w:trPr /></w:tr></w:tbl></w:body>";
        let mut bytes = xml.as_bytes().to_vec();
        let marks = [DataTableMark {
            table_index: 1,
            header_rows: 2,
        }];
        mark_header_rows(&mut bytes, &marks).expect("marks");
        let out = String::from_utf8(bytes).expect("utf-8");
        assert_eq!(out.matches(TABLE_HEADER).count(), 2);
        assert!(out.contains("<w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>"));
        // The nested table's row and the third row stay unmarked.
        assert!(out.contains("<w:tbl><w:tr><w:trPr /></w:tr></w:tbl></w:tc>"));
        assert!(out.ends_with("<w:tr><w:trPr /></w:tr></w:tbl></w:body>"));
    }

    #[test]
    fn revisions_and_drawings_are_numbered_in_document_order() {
        let xml = r#"<w:p><w:del w:id="41" w:author="A" w:date=""><w:r /></w:del><w:ins w:id="7" w:author="A" w:date="2025-11-05T00:00:00Z"><w:r /></w:ins><wp:docPr id="1" name="Figure" /><w:r><w:delText>x</w:delText></w:r><w:ins w:id="3" w:author="A" w:date=""></w:ins><wp:docPr id="1" name="Figure" /></w:p>"#;
        let mut bytes = xml.as_bytes().to_vec();
        number_revisions_and_drawings(&mut bytes).expect("numbers");
        let out = String::from_utf8(bytes).expect("utf-8");
        assert_eq!(
            out,
            r#"<w:p><w:del w:id="1" w:author="A"><w:r /></w:del><w:ins w:id="2" w:author="A" w:date="2025-11-05T00:00:00Z"><w:r /></w:ins><wp:docPr id="1" name="Figure" /><w:r><w:delText>x</w:delText></w:r><w:ins w:id="3" w:author="A"></w:ins><wp:docPr id="2" name="Figure" /></w:p>"#
        );
    }

    #[test]
    fn missing_table_is_an_error() {
        let mut bytes = b"<w:body></w:body>".to_vec();
        let marks = [DataTableMark {
            table_index: 0,
            header_rows: 1,
        }];
        assert!(mark_header_rows(&mut bytes, &marks).is_err());
    }

    #[test]
    fn core_properties_get_escaped_author_and_title() {
        let mut core = b"<cp:coreProperties><dc:creator>unknown</dc:creator>\
            <cp:lastModifiedBy>unknown</cp:lastModifiedBy></cp:coreProperties>"
            .to_vec();
        let meta = Meta {
            title: "BÁO CÁO <A & B>".into(),
            author: "Cục \"CNĐP\"".into(),
            revision_date: String::new(),
        };
        core_properties(&mut core, &meta).expect("core");
        let out = String::from_utf8(core).expect("utf-8");
        assert!(out.contains("<dc:creator>Cục &quot;CNĐP&quot;</dc:creator>"));
        assert!(out.contains("<dc:title>BÁO CÁO &lt;A &amp; B&gt;</dc:title></cp:coreProperties>"));
    }
}
