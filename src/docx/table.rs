//! Data tables: real Word tables with thin borders, spans and repeating header rows.
//!
//! The model lists only the cells that start in a row (cells covered by a span are
//! absent) and places each one by its `col`. Word instead wants every row to cover the
//! whole grid: a cell spanning columns carries `w:gridSpan`, and a cell spanning rows is
//! a `vMerge="restart"` cell followed by one `vMerge` (continue) cell in each row below.
//! This module walks the grid row by row and synthesises those continue cells, plus an
//! empty cell for any hole the model leaves.
//!
//! Row spans stop at the end of their section (header, body, totals): a header cell
//! merged into the body would break the repeating header on the next page.
//!
//! `w:tblHeader` (repeat header rows on each page) has no docx-rs API; the writer records
//! how many header rows each table has (`Piece::Table`) and the post-processor marks them.

use docx_rs::{
    AlignmentType, BorderType, Paragraph, Table, TableBorder, TableBorderPosition, TableBorders,
    TableCell, TableCellMargins, TableLayoutType, TableRow, VAlignType, VMergeType, WidthType,
};

use crate::document::{Align, Cell, Row, Table as ModelTable};
use crate::i18n::Text;

use super::DocxError;
use super::ctx::{Ctx, single_spacing};
use super::text::{RunStyle, add_inlines};
use super::units::{eighths, half_points, mm_to_twips};

/// Which part of the table a row belongs to; it decides weight and alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Header,
    Body,
    Totals,
}

/// A row span still open above the current row.
#[derive(Debug, Clone, Copy)]
struct OpenSpan {
    colspan: usize,
    rows_left: usize,
}

/// Builds the Word table for `table`, the next data table of `ctx.place`.
pub(crate) fn data_table(ctx: &mut Ctx, table: &ModelTable) -> Result<Table, DocxError> {
    ctx.tables_in_place += 1;
    let number = ctx.tables_in_place;
    let place = ctx.place.clone();
    let err = |message: Text| DocxError::InvalidTable {
        table: number,
        place: place.clone(),
        message,
    };
    let ncols = table.columns.len();
    if ncols == 0 {
        return Err(err(crate::tr!(
            "bảng không có cột nào",
            "the table has no columns"
        )));
    }
    if table.widths.len() != ncols {
        let widths = table.widths.len();
        return Err(err(crate::tr!(
            "có {widths} độ rộng cột cho {ncols} cột",
            "{widths} column widths for {ncols} columns"
        )));
    }
    let grid = column_twips(&table.widths, ctx.text_width);

    let mut rows = Vec::new();
    let sections = [
        (Section::Header, &table.header),
        (Section::Body, &table.body),
        (Section::Totals, &table.totals),
    ];
    let mut row_number = 0;
    for (section, section_rows) in sections {
        let mut open: Vec<Option<OpenSpan>> = vec![None; ncols];
        for (i, row) in section_rows.iter().enumerate() {
            let remaining = section_rows.len() - i - 1;
            let cells = row_cells(ctx, &grid, row, section, remaining, &mut open).map_err(|m| {
                let row = row_number + 1;
                err(crate::tr!("dòng {row}: {m}", "row {row}: {m}"; m = m))
            })?;
            // No row splits across a page: a figure and its label stay on one line of
            // the table, as in the PDF.
            rows.push(TableRow::new(cells).cant_split());
            row_number += 1;
        }
    }
    if rows.is_empty() {
        return Err(err(crate::tr!(
            "bảng không có dòng nào",
            "the table has no rows"
        )));
    }
    Ok(bordered_table(ctx, rows, &grid))
}

/// A table with the data tables' borders and cell padding (`layout.rules`,
/// `layout.body`) over `grid`.
pub(crate) fn bordered_table(ctx: &Ctx, rows: Vec<TableRow>, grid: &[i32]) -> Table {
    let width: i32 = grid.iter().sum();
    let side = mm_to_twips(ctx.layout.body.table_pad_x_mm).max(0) as usize;
    let stroke = eighths(ctx.layout.rules.table_stroke_pt);
    Table::new(rows)
        .set_grid(grid.iter().map(|w| (*w).max(0) as usize).collect())
        .width(width.max(0) as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .margins(TableCellMargins::new().margin(0, side, 0, side))
        .set_borders(borders(stroke))
}

/// Single black borders `size` eighths of a point wide around and between all cells.
fn borders(size: usize) -> TableBorders {
    [
        TableBorderPosition::Top,
        TableBorderPosition::Left,
        TableBorderPosition::Bottom,
        TableBorderPosition::Right,
        TableBorderPosition::InsideH,
        TableBorderPosition::InsideV,
    ]
    .into_iter()
    .fold(TableBorders::new(), |b, pos| {
        b.set(
            TableBorder::new(pos)
                .border_type(BorderType::Single)
                .size(size)
                .color("000000"),
        )
    })
}

/// Column widths in twips, proportional to `weights` and summing to `total`. Weights
/// that are not positive numbers count as the average of the others.
fn column_twips(weights: &[f64], total: i32) -> Vec<i32> {
    let valid: Vec<f64> = weights
        .iter()
        .copied()
        .filter(|w| w.is_finite() && *w > 0.0)
        .collect();
    let fallback = if valid.is_empty() {
        1.0
    } else {
        valid.iter().sum::<f64>() / valid.len() as f64
    };
    let weights: Vec<f64> = weights
        .iter()
        .map(|w| {
            if w.is_finite() && *w > 0.0 {
                *w
            } else {
                fallback
            }
        })
        .collect();
    let sum: f64 = weights.iter().sum();
    let mut out: Vec<i32> = weights
        .iter()
        .map(|w| (w / sum * f64::from(total)).floor() as i32)
        .collect();
    let used: i32 = out.iter().sum();
    if let Some(last) = out.last_mut() {
        *last += total - used;
    }
    out
}

/// The Word cells of one row, covering the whole grid.
fn row_cells(
    ctx: &mut Ctx,
    grid: &[i32],
    row: &Row,
    section: Section,
    rows_below: usize,
    open: &mut [Option<OpenSpan>],
) -> Result<Vec<TableCell>, Text> {
    let ncols = grid.len();
    let mut cells: Vec<&Cell> = row.cells.iter().collect();
    cells.sort_by_key(|c| c.col);
    let mut pending = cells.into_iter().peekable();
    let mut out = Vec::new();
    let mut col = 0;
    while col < ncols {
        if let Some(span) = open[col] {
            if pending.peek().is_some_and(|c| c.col < col + span.colspan) {
                let column = col + 1;
                return Err(crate::tr!(
                    "ô ở cột {column} nằm dưới một ô gộp dòng của dòng trên",
                    "a cell at column {column} lies under a row span from a row above"
                ));
            }
            out.push(continue_cell(ctx, grid, col, span.colspan));
            open[col] = (span.rows_left > 1).then_some(OpenSpan {
                rows_left: span.rows_left - 1,
                ..span
            });
            col += span.colspan;
            continue;
        }
        match pending.peek() {
            Some(cell) if cell.col < col => {
                let column = cell.col + 1;
                return Err(crate::tr!(
                    "ô ở cột {column} chồng lên ô trước nó",
                    "the cell at column {column} overlaps the cell before it"
                ));
            }
            Some(cell) if cell.col == col => {
                let colspan = cell.colspan.max(1);
                if col + colspan > ncols {
                    let column = col + 1;
                    return Err(crate::tr!(
                        "ô ở cột {column} gộp {colspan} cột nhưng bảng chỉ có {ncols} cột",
                        "the cell at column {column} spans {colspan} columns but the table has {ncols}"
                    ));
                }
                let rowspan = cell.rowspan.max(1).min(rows_below + 1);
                let align = match section {
                    Section::Header => Align::Center,
                    _ => cell.align,
                };
                let bold = section != Section::Body;
                let mut tc = content_cell(ctx, grid, col, colspan, &cell.content, align, bold);
                if rowspan > 1 {
                    tc = tc.vertical_merge(VMergeType::Restart);
                    open[col] = Some(OpenSpan {
                        colspan,
                        rows_left: rowspan - 1,
                    });
                }
                out.push(tc);
                pending.next();
                col += colspan;
            }
            _ => {
                // A hole the model left: fill it so the row covers the grid.
                out.push(content_cell(ctx, grid, col, 1, &[], Align::Left, false));
                col += 1;
            }
        }
    }
    if let Some(cell) = pending.next() {
        let column = cell.col + 1;
        return Err(crate::tr!(
            "ô ở cột {column} nằm ngoài {ncols} cột của bảng",
            "the cell at column {column} is outside the table's {ncols} columns"
        ));
    }
    Ok(out)
}

/// Width in twips of `colspan` grid columns starting at `col`.
fn span_width(grid: &[i32], col: usize, colspan: usize) -> usize {
    grid[col..col + colspan].iter().sum::<i32>().max(0) as usize
}

fn base_cell(grid: &[i32], col: usize, colspan: usize) -> TableCell {
    let mut tc = TableCell::new()
        .width(span_width(grid, col, colspan), WidthType::Dxa)
        .vertical_align(VAlignType::Center);
    if colspan > 1 {
        tc = tc.grid_span(colspan);
    }
    tc
}

pub(crate) fn content_cell(
    ctx: &mut Ctx,
    grid: &[i32],
    col: usize,
    colspan: usize,
    content: &[crate::document::Inline],
    align: Align,
    bold: bool,
) -> TableCell {
    let size = ctx.table_pt();
    let mut style = RunStyle::new(size);
    if bold {
        style = style.bold();
    }
    let p = cell_paragraph(ctx, align);
    let p = add_inlines(p, content, style, &ctx.revision);
    base_cell(grid, col, colspan).add_paragraph(p)
}

/// The cell under a row-spanning cell: same width, merged into the one above.
fn continue_cell(ctx: &mut Ctx, grid: &[i32], col: usize, colspan: usize) -> TableCell {
    let p = cell_paragraph(ctx, Align::Left);
    base_cell(grid, col, colspan)
        .vertical_merge(VMergeType::Continue)
        .add_paragraph(p)
}

/// Table text: no indent, no space before or after, single line spacing.
fn cell_paragraph(ctx: &mut Ctx, align: Align) -> Paragraph {
    let size = ctx.table_pt();
    let align = match align {
        Align::Left => AlignmentType::Left,
        Align::Center => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    };
    ctx.para()
        .align(align)
        .indent(Some(0), None, None, None)
        .line_spacing(single_spacing(0, 0))
        .fonts(super::text::fonts())
        .size(half_points(size))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_proportional_and_exact() {
        assert_eq!(column_twips(&[1.0, 1.0, 2.0], 9355), vec![2338, 2338, 4679]);
        assert_eq!(column_twips(&[0.0, f64::NAN], 100), vec![50, 50]);
        assert_eq!(column_twips(&[3.0, -1.0], 90).iter().sum::<i32>(), 90);
    }
}
