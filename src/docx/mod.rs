//! DOCX writer: turns a [`Document`] into the bytes of a .docx laid out in the form
//! Decree 30/2020/NĐ-CP requires (VN-FORMAT §1): A4 portrait, the model's margins,
//! Times New Roman throughout, the header block with Quốc hiệu and Tiêu ngữ, the title,
//! the body, the "Nơi nhận" and signature block, and page numbers from page 2.
//!
//! What it is for: an editable Word file that matches the PDF the Typst layout prints,
//! for agencies that still edit and sign in Word.
//!
//! What it is not: a general Markdown-to-DOCX converter (it knows only the blocks of the
//! model), a file writer (the caller writes the bytes atomically), or a validator of the
//! model's content (readers decide text and numbers; this module prints them).
//!
//! Output is deterministic: the same `Document` gives byte-identical files, also when
//! `write` runs many times in one process. docx-rs takes paragraph ids from thread-local
//! state, so every paragraph gets an id from a per-call counter (`ctx.rs`); headers get
//! ids per document; no feature with a process-wide counter (footnotes, comments,
//! bookmarks, hyperlinks, images) is used; `docProps/core.xml` carries docx-rs's fixed
//! 1970-01-01T00:00:00Z dates and the ZIP entries its fixed 1980-01-01 time.

mod blocks;
mod closing;
mod ctx;
mod header;
mod layout;
mod page;
mod post;
mod table;
mod text;
mod units;

use std::io::Cursor;

use docx_rs::Docx;

use crate::document::Document;

use blocks::Piece;
use ctx::Ctx;
use page::Margins;

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The page margins leave no usable text block or are not numbers.
    #[error("invalid page setup: {0}")]
    InvalidPage(String),
    /// A table's columns, widths or spans do not fit together. `table` counts the body's
    /// tables from 1 in document order.
    #[error("table {table} of the body: {message}")]
    InvalidTable { table: usize, message: String },
    /// docx-rs wrote a part in a shape the post-processing did not expect (only after a
    /// docx-rs upgrade).
    #[error("unexpected {part} from docx-rs: {message}")]
    Unexpected { part: &'static str, message: String },
    /// Packing the parts into the ZIP container failed.
    #[error("could not pack the .docx: {0}")]
    Pack(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Writes `doc` as a .docx and returns its bytes.
pub fn write(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let margins = Margins::from_setup(&doc.page)?;
    let mut ctx = Ctx::new(doc.sizes, margins.text_width());
    let mut docx = page::setup(Docx::new(), &mut ctx, margins);

    // Top-level table 0 of document.xml; data tables count from 1.
    docx = docx.add_table(header::header_block(&mut ctx, &doc.header));
    let title = header::title_block(&mut ctx, &doc.header);
    // 6 pt under the title's rule; 12 pt under the header block when there is no title.
    let gap_above = if title.is_empty() { 240 } else { 120 };
    for p in title {
        docx = docx.add_paragraph(p);
    }
    for p in header::addressees(&mut ctx, &doc.addressees, gap_above) {
        docx = docx.add_paragraph(p);
    }
    let mut table_index = 1;
    for piece in blocks::body(&mut ctx, &doc.body, &mut table_index)? {
        docx = match piece {
            Piece::Paragraph(p) => docx.add_paragraph(*p),
            Piece::Table(t) => docx.add_table(*t),
        };
    }
    if let Some(signature) = doc.signatures.first()
        && let Some(end) = closing::end_block(&mut ctx, &doc.recipients, signature)
    {
        docx = docx.add_table(end);
    }
    // Word expects the body to end with a paragraph, not a table; keep it tiny so it
    // cannot push an empty page.
    docx = docx.add_paragraph(layout::tail_paragraph(&mut ctx));

    let mut xml = docx.build();
    post::mark_header_rows(&mut xml.document, &ctx.data_table_headers)?;
    post::order_section_properties(&mut xml.document)?;
    post::core_properties(&mut xml.doc_props.core, &doc.meta)?;

    let mut out = Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| DocxError::Pack(Box::new(e)))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests;
