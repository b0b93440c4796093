//! Finding the header row and turning header cells into column keys.
//!
//! Office workbooks put title rows above the table and use two-row headers: group cells merged
//! across several columns in one row, leaf cells below them, and cells such as "STT" merged down
//! over both rows. This file decides which row is the header and which text each column gets.
//!
//! # Header detection rule
//! Among the first [`SCAN_ROWS`] rows starting at the first non-empty row, count the cells that
//! hold text (numbers, dates and merged-away cells do not count). Let `W` be the largest count.
//! The header block starts at the first row whose count is at least 2 and at least 60 % of `W`
//! (title rows hold one text; data rows hold numbers). The block then grows downwards while the
//! next row [continues](continues) it; the last row of the block is the header row. If no row
//! holds two texts, the first non-empty row is the header.

use super::grid::Grid;
use super::keys::{column_key, dedupe, key_of};
use super::table::Column;
use super::value::Value;

/// How many rows from the top the header may be searched in.
pub(crate) const SCAN_ROWS: u32 = 30;

/// A header block may have at most this many rows below its first one.
const MAX_EXTRA_ROWS: u32 = 3;

/// Rows (absolute, 0-based, inclusive) holding the header; `last` is the header row proper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct HeaderBlock {
    pub first: u32,
    pub last: u32,
}

fn text_count(grid: &Grid, row: u32) -> usize {
    grid.row_cells(row)
        .filter(|(_, v)| matches!(v, Value::Text(_)))
        .count()
}

fn is_text(v: &Value) -> bool {
    matches!(v, Value::Text(_))
}

/// Whether row `below` is a further header row under row `above` — a two-row header.
///
/// It is when `above` holds at least two texts, `below` holds only text, and either a merged
/// region starts in `above` and reaches down into `below` ("STT" merged over both rows), or
/// `below` has text where `above` is empty (leaves under a group) *and* `above` has text where
/// `below` is empty (a cell that spans both rows without being merged — how ODS delivers it).
pub(crate) fn continues(grid: &Grid, above: u32, below: u32) -> bool {
    if text_count(grid, above) < 2 {
        return false;
    }
    let mut below_cells = grid.row_cells(below).peekable();
    if below_cells.peek().is_none() || !below_cells.all(|(_, v)| is_text(v)) {
        return false;
    }
    let vertical_merge = grid
        .merges()
        .iter()
        .any(|m| m.first_row == above && m.last_row >= below);
    if vertical_merge {
        return true;
    }
    let fills_gap = grid
        .cols()
        .any(|c| is_text(grid.get(below, c)) && grid.get(above, c).is_empty());
    let leaves_gap = grid
        .cols()
        .any(|c| is_text(grid.get(above, c)) && grid.get(below, c).is_empty());
    fills_gap && leaves_gap
}

/// Finds the header block by the rule in the module documentation. `None` for an empty sheet.
pub(crate) fn detect(grid: &Grid) -> Option<HeaderBlock> {
    let first = grid.first_used_row()?;
    let end = grid.rows().end.min(first.saturating_add(SCAN_ROWS));
    let counts: Vec<(u32, usize)> = (first..end).map(|r| (r, text_count(grid, r))).collect();
    let widest = counts.iter().map(|&(_, n)| n).max().unwrap_or(0);
    let threshold = ((widest * 3).div_ceil(5)).max(2);
    let start = counts
        .iter()
        .find(|&&(_, n)| n >= threshold)
        .map_or(first, |&(r, _)| r);
    let mut last = start;
    while last - start < MAX_EXTRA_ROWS
        && last.saturating_add(1) < grid.rows().end
        && continues(grid, last, last + 1)
    {
        last += 1;
    }
    Some(HeaderBlock { first: start, last })
}

/// The header block whose header row the caller chose: it reaches upwards over rows that the
/// chosen row [continues](continues).
pub(crate) fn block_ending_at(grid: &Grid, header_row: u32) -> HeaderBlock {
    let mut first = header_row;
    while header_row - first < MAX_EXTRA_ROWS
        && first > grid.rows().start
        && continues(grid, first - 1, first)
    {
        first -= 1;
    }
    HeaderBlock {
        first,
        last: header_row,
    }
}

/// Header text of a cell: text as is, numbers and dates as displayed; errors count as empty.
fn cell_text(v: &Value) -> Option<String> {
    match v {
        Value::Empty | Value::Error(_) => None,
        Value::Text(s) => Some(s.clone()),
        other => Some(other.to_string()),
    }
}

/// A header text and the cell it comes from (to tell a group from the leaf it merely repeats).
#[derive(Debug, Clone, PartialEq)]
struct HeaderText {
    text: String,
    source: (u32, u32),
}

/// Text of the merged region covering (row, col), taken from its top-left cell, if that cell is
/// inside the header block.
fn merged_text(grid: &Grid, block: HeaderBlock, row: u32, col: u32) -> Option<HeaderText> {
    let m = grid.merge_at(row, col)?;
    if m.first_row < block.first {
        return None;
    }
    let text = cell_text(grid.get(m.first_row, m.first_col))?;
    Some(HeaderText {
        text,
        source: (m.first_row, m.first_col),
    })
}

fn raw_text(grid: &Grid, row: u32, col: u32) -> Option<HeaderText> {
    cell_text(grid.get(row, col)).map(|text| HeaderText {
        text,
        source: (row, col),
    })
}

/// The leaf text of a column: the header-row cell; if empty, the merged region's top-left text;
/// if not merged and the block has a row above, the text directly above (a cell spanning both
/// header rows without a merge, as ODS delivers it).
fn leaf(grid: &Grid, block: HeaderBlock, col: u32) -> Option<HeaderText> {
    let h = block.last;
    if let Some(t) = raw_text(grid, h, col) {
        return Some(t);
    }
    if grid.merge_at(h, col).is_some() {
        return merged_text(grid, block, h, col);
    }
    if block.first < h {
        return raw_text(grid, h - 1, col);
    }
    None
}

/// The group text of a column, from the row above the header row: the merged region's top-left
/// text; else the cell's own text; else (no merge information, as in ODS) the nearest text to the
/// left in that row, provided that text heads leaves of its own in the header row.
fn group(grid: &Grid, block: HeaderBlock, col: u32, first_col: u32) -> Option<HeaderText> {
    if block.first >= block.last {
        return None;
    }
    let g = block.last - 1;
    if grid.merge_at(g, col).is_some() {
        return merged_text(grid, block, g, col);
    }
    if let Some(t) = raw_text(grid, g, col) {
        return Some(t);
    }
    for x in (first_col..col).rev() {
        if grid.merge_at(g, x).is_some() {
            return None;
        }
        if let Some(t) = raw_text(grid, g, x) {
            return grid.get(block.last, x).as_text().is_some().then_some(t);
        }
    }
    None
}

/// Builds the columns for the given (absolute, ascending) column numbers.
///
/// Key rule: the leaf key ([`key_of`] of the leaf text, or `col_<letter>`); when two or more
/// columns have the same leaf key, each of those that has a group gets `<group key>_<leaf key>`;
/// keys still equal after that get `_2`, `_3`, … in column order. The header shown to people is
/// "group / leaf", or the leaf alone.
pub(crate) fn columns(grid: &Grid, block: HeaderBlock, cols: &[u32]) -> Vec<Column> {
    let first_col = cols.first().copied().unwrap_or(0);
    let parts: Vec<(u32, Option<HeaderText>, Option<HeaderText>)> = cols
        .iter()
        .map(|&c| {
            let leaf = leaf(grid, block, c);
            let group = group(grid, block, c, first_col).filter(|g| leaf.as_ref() != Some(g));
            (c, leaf, group)
        })
        .collect();
    let leaf_keys: Vec<String> = parts
        .iter()
        .map(|(c, leaf, _)| column_key(leaf.as_ref().map_or("", |t| t.text.as_str()), *c))
        .collect();
    let mut keys: Vec<String> = parts
        .iter()
        .zip(&leaf_keys)
        .map(|((_, _, group), leaf_key)| {
            let collides = leaf_keys.iter().filter(|k| *k == leaf_key).count() > 1;
            match group {
                Some(g) if collides && !key_of(&g.text).is_empty() => {
                    format!("{}_{}", key_of(&g.text), leaf_key)
                }
                _ => leaf_key.clone(),
            }
        })
        .collect();
    dedupe(&mut keys);
    parts
        .into_iter()
        .zip(keys)
        .map(|((col, leaf, group), key)| {
            let leaf = leaf.map(|t| t.text).unwrap_or_default();
            let header = match group {
                Some(g) if leaf.is_empty() => g.text,
                Some(g) => format!("{} / {}", g.text, leaf),
                None => leaf,
            };
            Column { key, header, col }
        })
        .collect()
}

/// Whether the header block gives column `col` any text (leaf or group).
pub(crate) fn has_header(grid: &Grid, block: HeaderBlock, col: u32, first_col: u32) -> bool {
    leaf(grid, block, col).is_some() || group(grid, block, col, first_col).is_some()
}
