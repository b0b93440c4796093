//! A sheet's cells converted to [`Value`]s, addressed by absolute position, with its merged
//! regions. Everything above this file speaks in absolute 0-based (row, col), because calamine's
//! ranges may start anywhere.

use calamine::{Data, Range};

use super::value::{Value, from_data};

static EMPTY: Value = Value::Empty;

/// A merged region, 0-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Merge {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

impl Merge {
    pub fn contains(&self, row: u32, col: u32) -> bool {
        (self.first_row..=self.last_row).contains(&row)
            && (self.first_col..=self.last_col).contains(&col)
    }
}

/// The used part of one sheet.
#[derive(Debug, Default)]
pub(crate) struct Grid {
    first_row: u32,
    first_col: u32,
    height: u32,
    width: u32,
    cells: Vec<Value>,
    /// Merged regions; empty for formats without merge information (ODS, xlsb).
    merges: Vec<Merge>,
}

impl Grid {
    pub fn new(range: &Range<Data>, merges: Vec<Merge>) -> Grid {
        let (Some(start), Some(end)) = (range.start(), range.end()) else {
            return Grid {
                merges,
                ..Grid::default()
            };
        };
        let height = end.0.saturating_sub(start.0).saturating_add(1);
        let width = end.1.saturating_sub(start.1).saturating_add(1);
        let mut cells = Vec::with_capacity(range.get_size().0 * range.get_size().1);
        for r in start.0..=end.0 {
            for c in start.1..=end.1 {
                cells.push(range.get_value((r, c)).map_or(Value::Empty, from_data));
            }
        }
        Grid {
            first_row: start.0,
            first_col: start.1,
            height,
            width,
            cells,
            merges,
        }
    }

    /// The value at an absolute position; `Empty` outside the used range.
    pub fn get(&self, row: u32, col: u32) -> &Value {
        if row < self.first_row || col < self.first_col {
            return &EMPTY;
        }
        let (r, c) = (row - self.first_row, col - self.first_col);
        if r >= self.height || c >= self.width {
            return &EMPTY;
        }
        let index = r as usize * self.width as usize + c as usize;
        self.cells.get(index).unwrap_or(&EMPTY)
    }

    /// Rows of the used range (absolute, 0-based), possibly empty.
    pub fn rows(&self) -> std::ops::Range<u32> {
        self.first_row..self.first_row.saturating_add(self.height)
    }

    /// Columns of the used range (absolute, 0-based), possibly empty.
    pub fn cols(&self) -> std::ops::Range<u32> {
        self.first_col..self.first_col.saturating_add(self.width)
    }

    /// Last used row (absolute, 0-based), if any cell has a value.
    pub fn last_used_row(&self) -> Option<u32> {
        self.rows().rev().find(|&r| !self.row_is_empty(r))
    }

    pub fn first_used_row(&self) -> Option<u32> {
        self.rows().find(|&r| !self.row_is_empty(r))
    }

    pub fn row_is_empty(&self, row: u32) -> bool {
        self.cols().all(|c| self.get(row, c).is_empty())
    }

    /// Non-empty cells of a row, left to right.
    pub fn row_cells(&self, row: u32) -> impl Iterator<Item = (u32, &Value)> + '_ {
        self.cols()
            .map(move |c| (c, self.get(row, c)))
            .filter(|(_, v)| !v.is_empty())
    }

    /// Every text cell, mutable, with its absolute (row, col): for repairs that must happen
    /// before headers become keys.
    pub fn texts_mut(&mut self) -> impl Iterator<Item = (u32, u32, &mut String)> + '_ {
        let (first_row, first_col) = (self.first_row, self.first_col);
        let width = self.width.max(1) as usize;
        self.cells
            .iter_mut()
            .enumerate()
            .filter_map(move |(i, v)| match v {
                Value::Text(s) => {
                    let r = u32::try_from(i / width).ok()?;
                    let c = u32::try_from(i % width).ok()?;
                    Some((first_row.saturating_add(r), first_col.saturating_add(c), s))
                }
                _ => None,
            })
    }

    pub fn merges(&self) -> &[Merge] {
        &self.merges
    }

    pub fn merge_at(&self, row: u32, col: u32) -> Option<&Merge> {
        self.merges.iter().find(|m| m.contains(row, col))
    }
}
