//! Per-call writer state: the document's size set, the text width, and the counters that
//! docx-rs would otherwise take from process-wide state.
//!
//! docx-rs numbers paragraphs (`w14:paraId`) from a thread-local counter when a
//! `Paragraph` is created, so two documents built in one thread (or after a failed build)
//! would carry different ids. Every paragraph this writer emits gets its id from
//! [`Ctx::para`] instead, which starts at 1 for each call of `write`.

use docx_rs::{LineSpacing, LineSpacingType, Paragraph};

use crate::document::SizeSet;

/// State threaded through the builders of one `write` call.
pub(crate) struct Ctx {
    pub(crate) sizes: SizeSet,
    /// Width between the page margins, in twips.
    pub(crate) text_width: i32,
    next_para_id: u32,
    /// For each bordered data table, in document order: how many header rows it has.
    /// The post-processor marks those rows as repeating (`w:tblHeader`).
    pub(crate) data_table_headers: Vec<DataTableMark>,
}

/// Where a data table sits among all `w:tbl` elements of document.xml, and how many of
/// its first rows are header rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DataTableMark {
    /// Zero-based index among the top-level tables of the document body.
    pub(crate) table_index: usize,
    pub(crate) header_rows: usize,
}

impl Ctx {
    pub(crate) fn new(sizes: SizeSet, text_width: i32) -> Self {
        Ctx {
            sizes,
            text_width,
            next_para_id: 1,
            data_table_headers: Vec::new(),
        }
    }

    /// A new empty paragraph with a deterministic id.
    pub(crate) fn para(&mut self) -> Paragraph {
        let id = self.next_para_id;
        self.next_para_id += 1;
        // w14:paraId must stay below 0x80000000; a document never has that many paragraphs.
        Paragraph::new().id(format!("{id:08X}"))
    }

    /// Size of Quốc hiệu and the agency names.
    pub(crate) fn small_pt(&self) -> f64 {
        self.sizes.small_pt()
    }

    /// Size of Tiêu ngữ, place-date, title, body and signature.
    pub(crate) fn body_pt(&self) -> f64 {
        self.sizes.body_pt()
    }

    /// Size of text inside data tables (see `SizeSet::table_pt`).
    pub(crate) fn table_pt(&self) -> f64 {
        self.sizes.table_pt()
    }
}

/// Spacing before/after in twips with single (auto 240) line spacing.
pub(crate) fn single_spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(240)
        .line_rule(LineSpacingType::Auto)
}
