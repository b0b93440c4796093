//! The top of page 1: the draft mark of a draft, header block (ô 1–4), title (ô 5a/5b)
//! and "Kính gửi" (ô 9a).
//!
//! The header block is a borderless two-column table (VN-FORMAT §1.2). Row 1 holds the
//! agency (left) and the Quốc hiệu with Tiêu ngữ (right); row 2 holds "Số:" (left) and
//! the place-date (right), so those two lines always sit on one baseline whatever the
//! height of the agency name. A biên bản has no place-date: that cell stays empty.
//! Title and addressees follow as centred paragraphs.
//!
//! A document without a tên loại is a công văn: its trích yếu ("V/v …") goes under the
//! "Số:" line in the left column (ô 5b), upright and not bold, instead of as a centred
//! title.

use docx_rs::{
    AlignmentType, BorderType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, SpecialIndentType, Table, TableRow,
};

use crate::document::{DraftMark, DraftPosition, Header, HeaderKind};
use crate::layout::{Weight, text_width_pt};

use super::ctx::{Ctx, single_spacing, twips};
use super::layout::{layout_cell, layout_table, rule};
use super::text::{RunStyle, text_run};
use super::units::pt_to_twips;

/// Extra room in the draft mark's box so that an estimate a little short never wraps
/// the words (Word's own rounding of border spacing).
const DRAFT_TEXT_SLACK: i32 = 60;

/// The header block table.
pub(crate) fn header_block(ctx: &mut Ctx, header: &Header) -> Table {
    let [left, right] = ctx.measured.header_columns_pt;
    let left = pt_to_twips(left).round() as i32;
    let grid = [left, ctx.text_width - left];
    let _ = right;

    let left_top = agency_paragraphs(ctx, header, grid[0]);
    if header.agency_only {
        // A register book's cover: the agency block alone (Phụ lục IV).
        let rows = vec![TableRow::new(vec![
            layout_cell(ctx, grid[0], left_top),
            layout_cell(ctx, grid[1], Vec::new()),
        ])];
        return layout_table(rows, &grid);
    }
    if header.agency_only {
        // A register book's cover: the agency block alone (Phụ lục IV).
        let rows = vec![TableRow::new(vec![
            layout_cell(ctx, grid[0], left_top),
            layout_cell(ctx, grid[1], Vec::new()),
        ])];
        return layout_table(rows, &grid);
    }
    let right_top = national_paragraphs(ctx, grid[1]);
    let mut left_bottom = vec![number_paragraph(ctx, header)];
    if header.kind == HeaderKind::CongVan {
        left_bottom.push(cong_van_summary(ctx, &header.summary));
    }
    let right_bottom = vec![place_date_paragraph(ctx, &header.place_date)];

    let rows = vec![
        TableRow::new(vec![
            layout_cell(ctx, grid[0], left_top),
            layout_cell(ctx, grid[1], right_top),
        ]),
        TableRow::new(vec![
            layout_cell(ctx, grid[0], left_bottom),
            layout_cell(ctx, grid[1], right_bottom),
        ]),
    ];
    layout_table(rows, &grid)
}

/// Cơ quan chủ quản (not bold), cơ quan ban hành (bold), and the short rule, as printed.
fn agency_paragraphs(ctx: &mut Ctx, header: &Header, column: i32) -> Vec<Paragraph> {
    let size = ctx.small_pt();
    let mut out = Vec::new();
    let parent = header.parent_agency.trim();
    if !parent.is_empty() {
        out.push(centred(ctx).add_run(text_run(parent, RunStyle::new(size))));
    }
    let agency = header.agency.trim();
    if !agency.is_empty() {
        out.push(centred(ctx).add_run(text_run(agency, RunStyle::new(size).bold())));
        let length = pt_to_twips(ctx.measured.agency_rule_pt);
        out.push(rule(ctx, length, column, size, 0));
    }
    out
}

/// Quốc hiệu, Tiêu ngữ, and the rule under the Tiêu ngữ.
fn national_paragraphs(ctx: &mut Ctx, column: i32) -> Vec<Paragraph> {
    let small = ctx.small_pt();
    let body = ctx.body_pt();
    let words = &ctx.layout.words;
    let (quoc_hieu, tieu_ngu) = (words.quoc_hieu.clone(), words.tieu_ngu.clone());
    let motto_rule = pt_to_twips(ctx.measured.motto_rule_pt);
    vec![
        centred(ctx).add_run(text_run(&quoc_hieu, RunStyle::new(small).bold())),
        centred(ctx).add_run(text_run(&tieu_ngu, RunStyle::new(body).bold())),
        rule(ctx, motto_rule, column, body, 0),
    ]
}

fn number_paragraph(ctx: &mut Ctx, header: &Header) -> Paragraph {
    let size = ctx.layout.fonts.number_pt;
    let gap = twips(ctx.layout.header.number_row_gap_pt);
    centred(ctx)
        .line_spacing(single_spacing(gap, 0))
        .add_run(text_run(&header.number_line, RunStyle::new(size)))
}

/// Ô 5b: the công văn's "V/v …" line under the number.
fn cong_van_summary(ctx: &mut Ctx, summary: &str) -> Paragraph {
    let size = ctx.small_pt();
    let gap = twips(ctx.layout.header.cong_van_summary_gap_pt);
    centred(ctx)
        .line_spacing(single_spacing(gap, 0))
        .add_run(text_run(summary.trim(), RunStyle::new(size)))
}

fn place_date_paragraph(ctx: &mut Ctx, place_date: &str) -> Paragraph {
    let size = ctx.body_pt();
    let gap = twips(ctx.layout.header.number_row_gap_pt);
    let p = centred(ctx).line_spacing(single_spacing(gap, 0));
    let text = place_date.trim();
    if text.is_empty() {
        p.size(super::units::half_points(size))
    } else {
        p.add_run(text_run(text, RunStyle::new(size).italic()))
    }
}

/// The draft mark ("DỰ THẢO", VN-FORMAT §1.7) above the header block: bold, upper case,
/// body size, flush left over the agency column or flush right over the Quốc hiệu, as
/// the PDF prints it. A boxed mark is a paragraph with borders on all four sides whose
/// indents narrow it to the estimated width of its text (plus slack), with the words
/// centred in the box. `None` when the mark has no text.
pub(crate) fn draft_mark(ctx: &mut Ctx, mark: &DraftMark) -> Option<Paragraph> {
    let text = mark.text.trim();
    if text.is_empty() {
        return None;
    }
    let size = ctx.body_pt();
    let h = &ctx.layout.header;
    let (gap, stroke, pad_x, pad_y, slack) = (
        twips(h.draft_gap_pt),
        h.draft_stroke_pt,
        h.draft_pad_x_pt,
        h.draft_pad_y_pt,
        h.fit_slack,
    );
    let run = text_run(text, RunStyle::new(size).bold());
    let p = ctx
        .para()
        .line_spacing(single_spacing(0, gap))
        .keep_next(true);
    if !mark.boxed {
        let align = match mark.position {
            DraftPosition::TopLeft => AlignmentType::Left,
            DraftPosition::TopRight => AlignmentType::Right,
        };
        return Some(
            p.align(align)
                .indent(Some(0), None, None, None)
                .add_run(run),
        );
    }
    // Word draws paragraph borders outside the text, `w:space` points away from it; the
    // outer edge of the box is kept on the margin.
    let outside = (pt_to_twips(pad_x) + pt_to_twips(stroke)).round() as i32;
    let inner = (pt_to_twips(text_width_pt(text, size, Weight::Bold)) * slack).round() as i32
        + DRAFT_TEXT_SLACK;
    let free = (ctx.text_width - 2 * outside - inner).max(0);
    let (left, right) = match mark.position {
        DraftPosition::TopLeft => (outside, outside + free),
        DraftPosition::TopRight => (outside + free, outside),
    };
    let border = |position, space| {
        ParagraphBorder::new(position)
            .val(BorderType::Single)
            .size(super::units::eighths(stroke))
            .space(space)
            .color("000000")
    };
    let mut p = p
        .align(AlignmentType::Center)
        .indent(Some(left), None, Some(right), None)
        .add_run(run);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty()
            .set(border(ParagraphBorderPosition::Top, pad_y.round() as usize))
            .set(border(
                ParagraphBorderPosition::Bottom,
                pad_y.round() as usize,
            ))
            .set(border(
                ParagraphBorderPosition::Left,
                pad_x.round() as usize,
            ))
            .set(border(
                ParagraphBorderPosition::Right,
                pad_x.round() as usize,
            )),
    );
    Some(p)
}

/// Tên loại and trích yếu, centred and bold, with the short rule under the last of
/// them. Empty unless the header has a tên loại (a công văn's trích yếu is in the header
/// block).
pub(crate) fn title_block(ctx: &mut Ctx, header: &Header) -> Vec<Paragraph> {
    let size = ctx.body_pt();
    let width = ctx.text_width;
    let mut out = Vec::new();
    if header.kind != HeaderKind::Titled {
        return out;
    }
    let before = twips(ctx.layout.title.before_pt);
    let after = twips(ctx.layout.title.after_pt);
    let lines = [header.doc_type.trim(), header.summary.trim()];
    for (i, line) in lines.into_iter().filter(|l| !l.is_empty()).enumerate() {
        let gap = if i == 0 { before } else { 0 };
        out.push(
            centred(ctx)
                .line_spacing(single_spacing(gap, 0))
                .keep_next(true)
                .add_run(text_run(line, RunStyle::new(size).bold())),
        );
    }
    let length = pt_to_twips(ctx.measured.title_rule_pt);
    out.push(rule(ctx, length, width, size, after));
    out
}

/// "Kính gửi": one addressee on the label's line, centred; several on their own lines
/// with the dashes aligned after "Kính gửi:". The entries arrive punctuated. `gap_above`
/// is the space above the first line.
pub(crate) fn addressees(ctx: &mut Ctx, lines: &[String], gap_above: u32) -> Vec<Paragraph> {
    let size = ctx.body_pt();
    let style = RunStyle::new(size);
    let after = twips(ctx.layout.body.paragraph_gap_pt);
    let label = ctx.layout.words.addressees_label.clone();
    match lines {
        [] => Vec::new(),
        [one] => vec![
            centred(ctx)
                .line_spacing(single_spacing(gap_above, after))
                .add_run(text_run(&format!("{label} {one}"), style)),
        ],
        many => {
            let width = f64::from(ctx.text_width);
            let label_w = pt_to_twips(text_width_pt(&format!("{label} "), size, Weight::Regular));
            let dash_w = pt_to_twips(text_width_pt("- ", size, Weight::Regular));
            let widest = many
                .iter()
                .map(|n| pt_to_twips(text_width_pt(n, size, Weight::Regular)))
                .fold(0.0, f64::max);
            // Centre the whole block (label + list) on the text width.
            let block = (label_w + widest).min(width);
            let start = ((width - block) / 2.0).max(0.0);
            let dash_x = (start + label_w).round() as i32;
            let mut out = vec![
                ctx.para()
                    .align(AlignmentType::Left)
                    .indent(Some(start.round() as i32), None, None, None)
                    .line_spacing(single_spacing(gap_above, 0))
                    .add_run(text_run(&label, style)),
            ];
            let len = many.len();
            for (i, line) in many.iter().enumerate() {
                let gap = if i + 1 == len { after } else { 0 };
                out.push(
                    ctx.para()
                        .align(AlignmentType::Left)
                        .indent(
                            Some(dash_x + dash_w.round() as i32),
                            Some(SpecialIndentType::Hanging(dash_w.round() as i32)),
                            None,
                            None,
                        )
                        .line_spacing(single_spacing(0, gap))
                        .add_run(text_run(line, style)),
                );
            }
            out
        }
    }
}

/// A centred single-spaced paragraph without indent.
fn centred(ctx: &mut Ctx) -> Paragraph {
    ctx.para()
        .align(AlignmentType::Center)
        .line_spacing(single_spacing(0, 0))
}
