//! A document's number from the register, filled in while the document is made.
//!
//! The header number flows from template.toml's `header.number` into
//! `Document.header.number` (`template::Renderer`); `render::Engine::produce_numbered`
//! hands the finished model to [`number_document`] before any writer sees it, so the
//! number lands in the PDF and the DOCX alike. The register row is read off the document
//! itself — tên loại and trích yếu, date, ký hiệu, signer, Nơi nhận and its "Lưu:" line —
//! so it says what the document says.

use chrono::NaiveDate;

use super::{NewEntry, RegisterError, Taking};
use crate::document::Document;

/// What happened to a document's number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Numbered {
    /// The register issued (or, for a document made again, kept) this number:
    /// "45/BC-CNĐP".
    Issued(String),
    /// The document carried its own number and the register does not hold it for
    /// another document; nothing was recorded.
    Given(String),
    /// A draft: no number, nothing recorded.
    Draft,
}

/// The register row the document makes.
pub fn entry_of(doc: &Document, key: Option<String>) -> NewEntry {
    let h = &doc.header;
    let date = h
        .date
        .and_then(|d| NaiveDate::from_ymd_opt(d.year, d.month, d.day));
    let mut recipients = Vec::new();
    let mut archive = String::new();
    for r in &doc.recipients {
        // The model carries the lines as printed ("- Như trên;").
        let r = crate::layout::list_entry(r);
        match r.strip_prefix("Lưu:").or_else(|| r.strip_prefix("Lưu :")) {
            Some(rest) => archive = rest.trim().to_string(),
            None => recipients.push(r.to_string()),
        }
    }
    let signer = doc
        .signatures
        .iter()
        .map(|s| s.name.trim())
        .filter(|n| !n.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    NewEntry {
        doc_type: h.doc_type.clone(),
        symbol: h.symbol.clone(),
        date,
        summary: h.summary.replace('\n', " "),
        signer,
        recipients,
        archive,
        copies: None,
        draft: h.draft.is_some(),
        key,
    }
}

/// Gives `doc` its number inside `taking`: a draft is left alone; a number the workbook
/// already gave is checked against the register; an empty one takes the next number (or
/// the one this document, known by `key`, already holds).
pub fn number_document(
    taking: &mut Taking<'_>,
    doc: &mut Document,
    key: Option<String>,
) -> Result<Numbered, RegisterError> {
    let entry = entry_of(doc, key);
    if entry.draft {
        return Ok(Numbered::Draft);
    }
    if let Some(given) = &doc.header.number {
        let reference = format!("{given}/{}", entry.symbol);
        return match given.parse::<i64>() {
            Ok(n) => {
                taking.check_given(&entry, n)?;
                Ok(Numbered::Given(reference))
            }
            // Not a number ("…"): nothing the register can check.
            Err(_) => Ok(Numbered::Given(reference)),
        };
    }
    let issued = taking.issue(&entry)?;
    doc.header.number = Some(issued.number_text());
    Ok(Numbered::Issued(issued.reference()))
}
