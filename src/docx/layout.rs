//! Shared pieces of the page furniture: short solid rules and borderless layout tables.
//!
//! Decree 30 draws a solid rule under the agency name, under the Tiêu ngữ and under the
//! trích yếu. Word has no "line as long as this text" feature, so a rule is an empty,
//! very short paragraph with a bottom border, narrowed by equal left/right indents. Being
//! its own paragraph, it can never cross the diacritics or descenders of the line above,
//! and an estimate that is a little too small cannot make the text above wrap.

use docx_rs::{
    AlignmentType, BorderType, LineSpacing, LineSpacingType, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Table, TableCell, TableCellMargins, TableRow,
    VAlignType, WidthType,
};

use super::ctx::Ctx;
use super::text::fonts;
use super::units::pt_to_twips;

/// A centred rule `width` twips long inside a box `available` twips wide, under a line
/// set at `above_pt`, with `after` twips of space below it. Its thickness and its
/// distance from the baseline above are the layout's (`layout.rules`): Word ends a line
/// at the font's descent, so the rule paragraph is that much shorter than the gap.
pub(crate) fn rule(
    ctx: &mut Ctx,
    width: f64,
    available: i32,
    above_pt: f64,
    after: u32,
) -> Paragraph {
    let rules = &ctx.layout.rules;
    let descent = ctx.layout.fonts.descent_em * above_pt;
    let height = pt_to_twips(rules.gap_pt - descent).round().max(20.0) as i32;
    let thickness = super::units::eighths(rules.stroke_pt);
    let width = width.clamp(240.0, f64::from(available.max(240)));
    let side = ((f64::from(available) - width) / 2.0).round().max(0.0) as i32;
    let mut p = ctx
        .para()
        .align(AlignmentType::Center)
        .indent(Some(side), None, Some(side), None)
        .fonts(fonts())
        .size(2)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(after)
                .line(height)
                .line_rule(LineSpacingType::Exact),
        );
    // `ParagraphProperty::set_border` starts from docx-rs's default of four single
    // borders (a box); start from none so only the bottom rule is drawn.
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty().set(
            ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                .val(BorderType::Single)
                .size(thickness)
                .space(0)
                .color("000000"),
        ),
    );
    p
}

/// A borderless table for page furniture (header block, end block): full text width,
/// no side padding in the cells so the columns use every twip of the text block.
pub(crate) fn layout_table(rows: Vec<TableRow>, grid: &[i32]) -> Table {
    layout_table_with_gutter(rows, grid, 0)
}

/// Like [`layout_table`], with `side` twips of padding left and right in every cell, so
/// that text of neighbouring columns (several signatures side by side) never touches.
pub(crate) fn layout_table_with_gutter(rows: Vec<TableRow>, grid: &[i32], side: usize) -> Table {
    let total: i32 = grid.iter().sum();
    Table::without_borders(rows)
        .set_grid(grid.iter().map(|w| (*w).max(0) as usize).collect())
        .width(total.max(0) as usize, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(0, side, 0, side))
        .layout(docx_rs::TableLayoutType::Fixed)
}

/// A layout-table cell of `width` twips holding `paragraphs`, top-aligned. A cell must
/// hold at least one paragraph, so an empty list gets an empty one.
pub(crate) fn layout_cell(ctx: &mut Ctx, width: i32, mut paragraphs: Vec<Paragraph>) -> TableCell {
    if paragraphs.is_empty() {
        let size = ctx.body_pt();
        paragraphs.push(super::page::empty_paragraph(ctx, size));
    }
    let cell = TableCell::new()
        .width(width.max(0) as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Top);
    paragraphs
        .into_iter()
        .fold(cell, |cell, p| cell.add_paragraph(p))
}

/// Splits `total` twips into two columns, the first taking `first_share` of it.
pub(crate) fn split(total: i32, first_share: f64) -> [i32; 2] {
    let first = (f64::from(total) * first_share).round() as i32;
    [first, total - first]
}

/// Splits `total` twips into `n` equal columns (the last takes the rounding rest).
pub(crate) fn equal_columns(total: i32, n: usize) -> Vec<i32> {
    let n = n.max(1);
    let each = total / n as i32;
    let mut out = vec![each; n];
    if let Some(last) = out.last_mut() {
        *last = total - each * (n as i32 - 1);
    }
    out
}

/// The closing paragraph of the body: 1 pt high, so it never adds a page.
pub(crate) fn tail_paragraph(ctx: &mut Ctx) -> Paragraph {
    ctx.para().fonts(fonts()).size(2).line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line(20)
            .line_rule(LineSpacingType::Exact),
    )
}

/// A paragraph 6 pt high that keeps two tables apart (adjacent tables would merge).
pub(crate) fn gap_paragraph(ctx: &mut Ctx) -> Paragraph {
    ctx.para().fonts(fonts()).size(2).line_spacing(
        LineSpacing::new()
            .before(0)
            .after(0)
            .line(120)
            .line_rule(LineSpacingType::Exact),
    )
}
