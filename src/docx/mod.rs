//! DOCX writer: turns a [`Document`] into the bytes of a .docx laid out in the form
//! Decree 30/2020/NĐ-CP requires (VN-FORMAT §1): A4 portrait, the model's margins,
//! Times New Roman throughout, the draft mark of a draft, the header block with Quốc
//! hiệu and Tiêu ngữ, the title, the body (with charts as pictures and a draft's changes
//! as Word tracked changes), the "Nơi nhận" and one or several signatures, page numbers
//! from page 2, and appendices as sections of their own (landscape when asked) whose
//! page numbers restart at 1.
//!
//! What it is for: an editable Word file that matches the PDF the Typst layout prints,
//! for agencies that still edit and sign in Word.
//!
//! What it is not: a general Markdown-to-DOCX converter (it knows only the blocks of the
//! model), a file writer (the caller writes the bytes atomically), or a validator of the
//! model's content (readers decide text and numbers; this module prints them).
//!
//! Output is deterministic: the same `Document` gives byte-identical files, also when
//! `write` runs many times in one process or on several threads. docx-rs takes
//! paragraph and picture ids from thread-local or process-wide state, so every
//! paragraph and picture gets its id from a per-call counter (`ctx.rs`); the ids of
//! tracked changes and drawings are renumbered after the build (`package.rs`); headers
//! get ids per document; no other feature with a process-wide counter (footnotes,
//! comments, bookmarks, hyperlinks) is used; `docProps/core.xml` carries the document's
//! own date and the ZIP entries ZIP's fixed 1980-01-01 time.
//!
//! docx-rs builds the WordprocessingML of the body, styles, settings, font table and
//! page headers; `package.rs` owns the package around it (which parts, relationships,
//! content types, core properties) and corrects, on a typed element tree (`xml.rs`),
//! what docx-rs writes that the schema or Word does not accept.

mod appendix;
mod blocks;
mod chart;
mod closing;
mod ctx;
mod header;
mod layout;
mod order;
mod package;
mod page;
mod table;
mod text;
mod units;
mod xml;

use docx_rs::Docx;

use crate::document::{ChartImage, Document};
use crate::i18n::Text;

use blocks::Piece;
use ctx::{Ctx, DataTableMark, Revision};
use page::Margins;

/// Why a document could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    /// The page margins leave no usable text block or are not numbers.
    #[error("invalid page setup: {0}")]
    InvalidPage(Text),
    /// A table's columns, widths or spans do not fit together. `table` counts the data
    /// tables of `place` ("the body", or an appendix's label) from 1 in reading order.
    #[error("table {table} of {place}: {message}")]
    InvalidTable {
        table: usize,
        place: Place,
        message: Text,
    },
    /// A chart's picture is not a PNG or has no usable size.
    #[error("chart \"{title}\" in {place}: {message}")]
    InvalidChart {
        title: String,
        place: Place,
        message: Text,
    },
    /// docx-rs wrote a part in a shape the post-processing did not expect (only after a
    /// docx-rs upgrade). `message` is a technical detail for whoever supports vanban, in
    /// English only.
    #[error("unexpected {part} from docx-rs: {message}")]
    Unexpected { part: &'static str, message: String },
    /// Packing the parts into the ZIP container failed.
    #[error("could not pack the .docx: {0}")]
    Pack(#[source] Box<dyn std::error::Error + Send + Sync>),
}

/// Where in the document a table or chart is, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// The body of the document.
    Body,
    /// An appendix, by its label (empty for an appendix without one).
    Appendix(String),
}

impl std::fmt::Display for Place {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::i18n::Bilingual::text(self).en)
    }
}

impl crate::i18n::Bilingual for Place {
    fn text(&self) -> Text {
        match self {
            Place::Body => crate::tr!("phần nội dung", "the body"),
            Place::Appendix(label) if label.is_empty() => crate::tr!("một phụ lục", "an appendix"),
            Place::Appendix(label) => Text::same(label.clone()),
        }
    }
}

/// Writes `doc` as a .docx and returns its bytes. `charts` are the pictures of the
/// document's charts in reading order (`pdf::chart_images` draws them from the PDF's
/// own drawing); a chart without one prints its numbers as a table.
pub fn write(doc: &Document, charts: &[ChartImage]) -> Result<Vec<u8>, DocxError> {
    write_measured(doc, &crate::layout::measure(doc), charts)
}

/// [`write`] with the document's lengths already measured: a caller making both files
/// measures once and hands the same [`Measured`](crate::layout::Measured) to both writers.
pub fn write_measured(
    doc: &Document,
    measured: &crate::layout::Measured,
    charts: &[ChartImage],
) -> Result<Vec<u8>, DocxError> {
    let margins = Margins::from_setup(&doc.page)?;
    let mut ctx = Ctx::new(
        &doc.layout,
        measured,
        charts,
        margins.text_width_in(doc.page.landscape),
    );
    ctx.revision = Revision {
        author: doc.meta.author.trim().to_string(),
        date: doc.meta.revision_date.trim().to_string(),
        changes: doc.meta.docx_changes,
    };
    // A draft's mark sits in page 1's top margin, as the PDF's.
    let mark = doc
        .header
        .draft
        .as_ref()
        .and_then(|mark| header::draft_mark(&mut ctx, mark));
    let mut docx = page::setup(Docx::new(), &mut ctx, margins, mark);
    let main_section = docx.document.section_property.clone();

    let mut pieces = Vec::new();
    pieces.push(Piece::plain_table(header::header_block(
        &mut ctx,
        &doc.header,
    )));
    let title = header::title_block(&mut ctx, &doc.header);
    // Under the title's rule, the title's gap below; without a title, the title's gap
    // above (as the PDF).
    let gap_above = if title.is_empty() {
        ctx.layout.title.before_pt
    } else {
        0.0
    };
    let paragraphs = title.into_iter().chain(header::addressees(
        &mut ctx,
        &doc.addressees,
        ctx::twips(gap_above),
    ));
    pieces.extend(paragraphs.map(|p| Piece::Paragraph(Box::new(p))));
    pieces.extend(blocks::body(&mut ctx, &doc.body)?);
    pieces.extend(closing::end_block(
        &mut ctx,
        &doc.recipients,
        &doc.signatures,
    ));

    // Each part ends with a tiny paragraph (Word expects a paragraph, not a table, at the
    // end of a section, and it cannot push an empty page). A part followed by another
    // carries its `w:sectPr` in that paragraph; the last part's goes in the body.
    let mut landscape = doc.page.landscape;
    let mut restart = false;
    for a in &doc.appendices {
        let section = page::inner_section(&main_section, landscape, restart);
        pieces.push(Piece::Paragraph(Box::new(
            layout::tail_paragraph(&mut ctx).section_property(section),
        )));
        landscape = a.landscape;
        restart = true;
        ctx.text_width = margins.text_width_in(landscape);
        ctx.place = Place::Appendix(a.label.trim().to_string());
        ctx.tables_in_place = 0;
        pieces.extend(appendix::heading(&mut ctx, a));
        pieces.extend(blocks::body(&mut ctx, &a.body)?);
    }
    pieces.push(Piece::Paragraph(Box::new(layout::tail_paragraph(&mut ctx))));
    page::shape_section(&mut docx.document.section_property, landscape, restart);

    // Top-level tables are counted in document order so that the post-processor can
    // find the header rows to repeat. Two tables in a row would be joined into one by
    // Word and LibreOffice: a small paragraph goes between them.
    let mut marks = Vec::new();
    let mut table_index = 0;
    let mut after_table = false;
    for piece in pieces {
        docx = match piece {
            Piece::Paragraph(p) => {
                after_table = false;
                docx.add_paragraph(*p)
            }
            Piece::Table { table, header_rows } => {
                if after_table {
                    docx = docx.add_paragraph(layout::gap_paragraph(&mut ctx));
                }
                after_table = true;
                marks.push(DataTableMark {
                    table_index,
                    header_rows,
                });
                table_index += 1;
                docx.add_table(*table)
            }
        };
    }

    package::pack(
        docx.build(),
        &package::PackageInfo {
            meta: &doc.meta,
            date: doc.meta.revision_date.trim(),
            tables: &marks,
        },
    )
}

impl crate::i18n::Bilingual for DocxError {
    fn text(&self) -> Text {
        match self {
            DocxError::InvalidPage(m) => crate::tr!(
                "khổ giấy, lề trang không hợp lệ: {m}",
                "invalid page setup: {m}";
                m = m
            ),
            DocxError::InvalidTable {
                table,
                place,
                message,
            } => crate::tr!(
                "bảng {table} của {place}: {message}",
                "table {table} of {place}: {message}";
                place = place,
                message = message
            ),
            DocxError::InvalidChart {
                title,
                place,
                message,
            } => crate::tr!(
                "biểu đồ \"{title}\" trong {place}: {message}",
                "chart \"{title}\" in {place}: {message}";
                place = place,
                message = message
            ),
            DocxError::Unexpected { part, message } => crate::tr!(
                "docx-rs tạo phần {part} không như dự kiến (lỗi của vanban, xin báo lại): {message}",
                "unexpected {part} from docx-rs: {message}"
            ),
            DocxError::Pack(e) => crate::tr!(
                "không đóng gói được tệp .docx: {e}",
                "could not pack the .docx: {e}"
            ),
        }
    }
}

#[cfg(test)]
mod tests;
