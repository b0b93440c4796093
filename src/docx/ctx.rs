//! Per-call writer state: the form's layout and measured lengths, the chart pictures,
//! the text width of the current section, the author and date of tracked changes, and
//! the counters that docx-rs would otherwise take from process-wide state.
//!
//! docx-rs numbers paragraphs (`w14:paraId`) from a thread-local counter when a
//! `Paragraph` is created, and pictures from a process-wide one, so two documents built
//! in one process would carry different ids. Every paragraph this writer emits gets its
//! id from [`Ctx::para`] and every picture from [`Ctx::image_id`] instead, both starting
//! at 1 for each call of `write`. (Revision and drawing ids are renumbered after the
//! build, in `post.rs`.)

use docx_rs::{LineSpacing, LineSpacingType, Paragraph};

use crate::document::ChartImage;
use crate::layout::{Layout, Measured};

use super::units::pt_to_twips;

/// State threaded through the builders of one `write` call.
pub(crate) struct Ctx<'a> {
    /// The form's sizes, gaps, rules and words (`crate::layout`).
    pub(crate) layout: &'a Layout,
    /// Header columns and rule lengths, measured once for both writers.
    pub(crate) measured: &'a Measured,
    /// The pictures of the document's charts, in reading order.
    charts: &'a [ChartImage],
    next_chart: usize,
    /// Width between the page margins of the section being built, in twips.
    pub(crate) text_width: i32,
    /// Author and date of the tracked changes (`w:ins`/`w:del`).
    pub(crate) revision: Revision,
    /// Where the builders are, for error messages: "the body" or an appendix label.
    pub(crate) place: super::Place,
    /// Data tables built so far in `place`, for error messages.
    pub(crate) tables_in_place: usize,
    next_para_id: u32,
    next_image_id: u32,
}

/// How a draft's changes are shown, and, as tracked changes, who made them and when.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Revision {
    pub(crate) author: String,
    /// ISO 8601; empty means "no date" (the attribute is dropped in post-processing).
    pub(crate) date: String,
    /// Black-ink marks (the default) or Word tracked changes.
    pub(crate) changes: crate::document::DocxChanges,
}

/// Where a data table sits among all `w:tbl` elements of document.xml, and how many of
/// its first rows are header rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DataTableMark {
    /// Zero-based index among the top-level tables of the document body.
    pub(crate) table_index: usize,
    pub(crate) header_rows: usize,
}

impl<'a> Ctx<'a> {
    pub(crate) fn new(
        layout: &'a Layout,
        measured: &'a Measured,
        charts: &'a [ChartImage],
        text_width: i32,
    ) -> Self {
        Ctx {
            layout,
            measured,
            charts,
            next_chart: 0,
            text_width,
            revision: Revision::default(),
            place: super::Place::Body,
            tables_in_place: 0,
            next_para_id: 1,
            next_image_id: 1,
        }
    }

    /// A new empty paragraph with a deterministic id.
    pub(crate) fn para(&mut self) -> Paragraph {
        let id = self.next_para_id;
        self.next_para_id += 1;
        // w14:paraId must stay below 0x80000000; a document never has that many paragraphs.
        Paragraph::new().id(format!("{id:08X}"))
    }

    /// The relationship id of the next picture ("rIdImage1", …); docx-rs also names the
    /// media file after it (`word/media/rIdImage1.png`).
    pub(crate) fn image_id(&mut self) -> String {
        let id = self.next_image_id;
        self.next_image_id += 1;
        format!("rIdImage{id}")
    }

    /// The picture of the next chart in reading order, if the caller gave one.
    pub(crate) fn next_chart(&mut self) -> Option<&'a ChartImage> {
        let image = self.charts.get(self.next_chart);
        self.next_chart += 1;
        image
    }

    /// Size of Quốc hiệu and the agency names.
    pub(crate) fn small_pt(&self) -> f64 {
        self.layout.fonts.small_pt
    }

    /// Size of Tiêu ngữ, place-date, title, body and signature.
    pub(crate) fn body_pt(&self) -> f64 {
        self.layout.fonts.body_pt
    }

    /// Size of text inside data tables.
    pub(crate) fn table_pt(&self) -> f64 {
        self.layout.fonts.table_pt
    }
}

/// Points to the twips of spacing attributes.
pub(crate) fn twips(pt: f64) -> u32 {
    pt_to_twips(pt).round().max(0.0) as u32
}

/// Spacing before/after in twips with single (auto 240) line spacing.
pub(crate) fn single_spacing(before: u32, after: u32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(240)
        .line_rule(LineSpacingType::Auto)
}
