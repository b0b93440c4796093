//! Table sheets: the header gives the keys, each data row becomes one object.
//!
//! # Which rows are data
//! Data rows are the non-empty rows from the row after the header up to and including the last
//! *full* row, where a row is full when it has a value in at least half (rounded up) of the
//! header's columns. Empty rows in between are skipped; rows after the last full row (notes,
//! "Người lập biểu", signatures) are not data. The caller may instead give the last row.
//!
//! Totals, subtotal and group heading rows among them are then set apart (see [`super::rows`]),
//! unless the caller asks for the raw rows.
//!
//! # Which columns
//! Every column with header text (leaf or group) and every column holding a value in a data row;
//! a column with values but no header gets the key `col_<letter>`.

use std::collections::BTreeSet;

use serde::Serialize;

use super::ReadContext;
use super::cell::CellRef;
use super::error::{RowSetting, WorkbookError};
use super::grid::Grid;
use super::header;
use super::options::SheetOptions;
use super::rows::{self, Group, TotalsRow};
use super::value::Value;

/// One table sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// The header row as Excel shows it (1-based); 0 when the sheet is empty.
    pub header_row: u32,
    pub columns: Vec<Column>,
    /// Data rows only.
    pub rows: Vec<Row>,
    /// Totals and subtotal rows, in sheet order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub totals: Vec<TotalsRow>,
    /// Group heading rows, in sheet order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    /// Cells whose text was read as a number (see `typed`), in sheet order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub text_numbers: Vec<CellRef>,
}

/// One column of a table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Column {
    /// Template key (see [`super::key_of`] and the collision rule in the header module).
    pub key: String,
    /// Original header text; group and leaf joined by " / " for grouped headers.
    pub header: String,
    /// 0-based column number (A = 0).
    pub col: u32,
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    /// Row number as Excel shows it (1-based).
    pub excel_row: u32,
    /// One value per column, in column order.
    pub values: Vec<Value>,
    /// The group heading above it (index into [`Table::groups`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<usize>,
}

impl Table {
    fn empty() -> Table {
        Table {
            header_row: 0,
            columns: Vec::new(),
            rows: Vec::new(),
            totals: Vec::new(),
            groups: Vec::new(),
            text_numbers: Vec::new(),
        }
    }

    /// Array of objects, one per row, keys in column order.
    pub fn to_json(&self) -> serde_json::Value {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let mut json = object(&self.columns, &row.values);
                if let (Some(g), serde_json::Value::Object(m)) =
                    (row.group.and_then(|i| self.groups.get(i)), &mut json)
                {
                    m.insert(GROUP_KEY.to_string(), self.group_json(row.group, g));
                }
                json
            })
            .collect();
        serde_json::Value::Array(rows)
    }

    /// What a data row of a grouped table carries under [`GROUP_KEY`]: the heading and the
    /// group's subtotal row (`null` when it has none).
    fn group_json(&self, index: Option<usize>, g: &Group) -> serde_json::Value {
        let subtotal = self
            .totals
            .iter()
            .find(|t| t.group.is_some() && t.group == index)
            .map_or(serde_json::Value::Null, |t| self.totals_json(t));
        serde_json::json!({
            "nhom": g.heading,
            "ma": g.mark,
            "ten": g.name,
            "tong": subtotal,
        })
    }

    /// Index of the column with this key.
    pub fn column_index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    /// The value of one row in the column with this key.
    pub fn value(&self, row: usize, key: &str) -> Option<&Value> {
        let i = self.column_index(key)?;
        self.rows.get(row)?.values.get(i)
    }

    /// The cell a row's value in column `index` came from.
    pub fn cell(&self, row: &Row, index: usize) -> Option<CellRef> {
        self.cell_at(row.excel_row, index)
    }

    /// The cell of Excel row `excel_row` in column `index`.
    pub fn cell_at(&self, excel_row: u32, index: usize) -> Option<CellRef> {
        let col = self.columns.get(index)?.col;
        Some(CellRef::new(excel_row.saturating_sub(1), col))
    }

    /// The table's total, if it has one.
    pub fn total(&self) -> Option<&TotalsRow> {
        self.totals.iter().find(|t| t.whole_table)
    }

    /// An object of column key → value for a totals row, as templates see it.
    pub fn totals_json(&self, row: &TotalsRow) -> serde_json::Value {
        object(&self.columns, &row.values)
    }
}

/// The key under which each data row of a grouped table carries its group
/// (`{{_nhom.ten}}`); column keys never start with `_`, so it cannot hide a column.
pub const GROUP_KEY: &str = "_nhom";

/// Column key → value, in column order.
fn object(columns: &[Column], values: &[Value]) -> serde_json::Value {
    serde_json::Value::Object(
        columns
            .iter()
            .zip(values)
            .map(|(col, v)| (col.key.clone(), v.to_json()))
            .collect(),
    )
}

/// Reads a sheet as a table, by the rules in the module documentation.
pub(crate) fn read(
    grid: &Grid,
    opts: &SheetOptions,
    ctx: &ReadContext<'_>,
) -> Result<Table, WorkbookError> {
    let last_used = grid.last_used_row();
    let block = match opts.header_row {
        Some(0) => return Err(ctx.row_zero(RowSetting::HeaderRow)),
        Some(n) => match last_used {
            Some(last) if n - 1 <= last => header::block_ending_at(grid, n - 1),
            _ => {
                return Err(WorkbookError::HeaderRowBeyondSheet {
                    path: ctx.path.to_path_buf(),
                    sheet: ctx.sheet.to_string(),
                    row: n,
                    last: last_used.map_or(0, |l| l + 1),
                });
            }
        },
        None => match header::detect(grid) {
            Some(block) => block,
            None => return Ok(Table::empty()),
        },
    };
    let h = block.last;
    let first_col = grid.cols().start;
    let header_cols: Vec<u32> = grid
        .cols()
        .filter(|&c| header::has_header(grid, block, c, first_col))
        .collect();

    let last = match opts.last_row {
        Some(0) => return Err(ctx.row_zero(RowSetting::LastRow)),
        Some(n) if n - 1 < h => {
            return Err(WorkbookError::LastRowAboveHeader {
                path: ctx.path.to_path_buf(),
                sheet: ctx.sheet.to_string(),
                row: n,
                header: h + 1,
            });
        }
        Some(n) => n - 1,
        None => last_full_row(grid, h, &header_cols),
    };
    let last = last.min(grid.rows().end.saturating_sub(1));
    let data_rows: Vec<u32> = (h.saturating_add(1)..=last)
        .filter(|&r| !grid.row_is_empty(r))
        .collect();

    let mut cols: BTreeSet<u32> = header_cols.iter().copied().collect();
    for &r in &data_rows {
        cols.extend(grid.row_cells(r).map(|(c, _)| c));
    }
    let cols: Vec<u32> = cols.into_iter().collect();
    let columns = header::columns(grid, block, &cols);
    let raw: Vec<Row> = data_rows
        .into_iter()
        .map(|r| Row {
            excel_row: r + 1,
            values: cols.iter().map(|&c| grid.get(r, c).clone()).collect(),
            group: None,
        })
        .collect();
    let split = if opts.raw_rows {
        rows::Split {
            rows: raw,
            totals: Vec::new(),
            groups: Vec::new(),
        }
    } else {
        rows::split(&columns, raw)
    };
    Ok(Table {
        header_row: h + 1,
        columns,
        rows: split.rows,
        totals: split.totals,
        groups: split.groups,
        text_numbers: Vec::new(),
    })
}

/// The last row below the header with values in at least half (rounded up) of the header
/// columns; the header row itself when there is none.
fn last_full_row(grid: &Grid, header_row: u32, header_cols: &[u32]) -> u32 {
    let need = header_cols.len().div_ceil(2).max(1);
    (header_row.saturating_add(1)..grid.rows().end)
        .rev()
        .find(|&r| {
            header_cols
                .iter()
                .filter(|&&c| !grid.get(r, c).is_empty())
                .count()
                >= need
        })
        .unwrap_or(header_row)
}
