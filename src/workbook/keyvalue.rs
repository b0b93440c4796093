//! Key–value sheets: column A holds labels ("Số", "Ngày ban hành", …), column B their values.
//! They carry the facts of one document rather than a list of rows.
//!
//! # Detection rule
//! With no option for the sheet, it is key–value when its first non-empty row has exactly two
//! non-empty cells, side by side, both text, the first one a label heading ([`LABEL_HEADINGS`]:
//! "Trường", "Khóa", "Key", "Tên trường", …) and the second a value heading ([`VALUE_HEADINGS`]:
//! "Giá trị", "Value", "Nội dung", …), compared by key (see [`key_of`]).
//!
//! Without such a heading row it is key–value too when it looks like a list of facts
//! ([`looks_like_facts`]): values in exactly two adjacent columns, at least two rows, the first
//! column all short text labels giving distinct keys, and values of at least two kinds (text,
//! number, date, …) — but not a text heading over a column of one other kind, which is a
//! two-column table ("Tỉnh | Dân số"; numbers and dates typed as text count as numbers and
//! dates here).

use std::collections::HashMap;

use serde::Serialize;

use super::ReadContext;
use super::cell::CellRef;
use super::error::{LabelClash, RowSetting, WorkbookError};
use super::grid::Grid;
use super::keys::key_of;
use super::options::SheetOptions;
use super::value::{Value, ValueType};

/// Keys of headings that mark the label column of a key–value sheet.
pub const LABEL_HEADINGS: [&str; 9] = [
    "truong",
    "ten_truong",
    "khoa",
    "key",
    "field",
    "name",
    "nhan",
    "label",
    "thong_tin",
];

/// Keys of headings that mark the value column of a key–value sheet.
pub const VALUE_HEADINGS: [&str; 4] = ["gia_tri", "value", "noi_dung", "so_lieu"];

/// One fact of a key–value sheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entry {
    /// `key_of(label)`, or `row_<n>` when the label gives no key.
    pub key: String,
    /// The label as written.
    pub label: String,
    pub value: Value,
    /// The value's cell.
    pub cell: CellRef,
}

/// The heading row of a key–value sheet: its row and label column, if the first non-empty row
/// is one.
fn heading(grid: &Grid) -> Option<(u32, u32)> {
    let row = grid.first_used_row()?;
    let cells: Vec<(u32, &Value)> = grid.row_cells(row).collect();
    let [(c1, Value::Text(t1)), (c2, Value::Text(t2))] = cells.as_slice() else {
        return None;
    };
    let adjacent = c1.checked_add(1) == Some(*c2);
    (adjacent
        && LABEL_HEADINGS.contains(&key_of(t1).as_str())
        && VALUE_HEADINGS.contains(&key_of(t2).as_str()))
    .then_some((row, *c1))
}

/// Whether the sheet looks key–value by the rule in the module documentation.
pub(crate) fn detect(grid: &Grid) -> bool {
    heading(grid).is_some() || looks_like_facts(grid)
}

/// Longest label of a key–value sheet without a heading row, in characters.
const MAX_LABEL: usize = 80;

/// A key–value sheet without a heading row, by the rule in the module documentation.
fn looks_like_facts(grid: &Grid) -> bool {
    let used: Vec<u32> = grid
        .cols()
        .filter(|&c| grid.rows().any(|r| !grid.get(r, c).is_empty()))
        .collect();
    let [label_col, value_col] = used.as_slice() else {
        return false;
    };
    if label_col.checked_add(1) != Some(*value_col) {
        return false;
    }
    let rows: Vec<(&Value, &Value)> = grid
        .rows()
        .map(|r| (grid.get(r, *label_col), grid.get(r, *value_col)))
        .filter(|(l, v)| !l.is_empty() || !v.is_empty())
        .collect();
    if rows.len() < 2 {
        return false;
    }
    let mut keys = std::collections::HashSet::new();
    for (label, _) in &rows {
        let Value::Text(t) = label else { return false };
        if t.chars().count() > MAX_LABEL || !keys.insert(key_of(t)) || key_of(t).is_empty() {
            return false;
        }
    }
    // Text that reads as a number or a date counts as one, so a date column partly typed
    // as text is still one kind.
    let kind = |v: &Value| match v {
        Value::Int(_) | Value::Float(_) => ValueType::Number,
        Value::Text(t) if crate::vi::typed_number(t, crate::vi::NumberStyle::Vi).is_some() => {
            ValueType::Number
        }
        Value::Text(t) if super::typed::is_text_date(t) => ValueType::Date,
        other => other.type_name(),
    };
    let mut distinct: Vec<ValueType> = rows
        .iter()
        .map(|(_, v)| kind(v))
        .filter(|k| *k != ValueType::Empty)
        .collect();
    distinct.sort_unstable();
    distinct.dedup();
    if distinct.len() < 2 {
        return false;
    }
    // "Tỉnh | Dân số" over names and numbers is a table with its header row.
    let first_is_text = matches!(rows[0].1, Value::Text(_));
    let mut rest: Vec<ValueType> = rows
        .iter()
        .skip(1)
        .map(|(_, v)| kind(v))
        .filter(|k| *k != ValueType::Empty)
        .collect();
    rest.sort_unstable();
    rest.dedup();
    let rest_one_kind = rest.len() == 1;
    let rest = rest.first().copied();
    !(first_is_text && rest_one_kind && rest != Some(ValueType::Text))
}

/// Reads a key–value sheet. Labels are in the first used column (or the heading's column),
/// values in the next; other columns are ignored.
pub(crate) fn read(
    grid: &Grid,
    opts: &SheetOptions,
    ctx: &ReadContext<'_>,
) -> Result<Vec<Entry>, WorkbookError> {
    let Some(first_used) = grid.first_used_row() else {
        return Ok(Vec::new());
    };
    let label_col = heading(grid).map_or_else(
        || {
            grid.cols()
                .find(|&c| grid.rows().any(|r| !grid.get(r, c).is_empty()))
                .unwrap_or(0)
        },
        |(_, c)| c,
    );
    let start = match opts.header_row {
        Some(0) => return Err(ctx.row_zero(RowSetting::HeaderRow)),
        Some(n) => n,
        None => match heading(grid) {
            Some((row, _)) => row + 1,
            None => first_used,
        },
    };
    let end = match opts.last_row {
        Some(0) => return Err(ctx.row_zero(RowSetting::LastRow)),
        Some(n) => n.min(grid.rows().end),
        None => grid.rows().end,
    };
    let value_col = label_col.saturating_add(1);
    let mut entries: Vec<Entry> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in start..end {
        let label_value = grid.get(row, label_col);
        let value = grid.get(row, value_col);
        if label_value.is_empty() && value.is_empty() {
            continue;
        }
        let label = label_value.to_string();
        let mut key = key_of(&label);
        if key.is_empty() {
            key = format!("row_{}", row + 1);
        }
        let cell = CellRef::new(row, value_col);
        if let Some(&i) = seen.get(&key)
            && let Some(first) = entries.get(i)
        {
            return Err(WorkbookError::DuplicateLabel {
                path: ctx.path.to_path_buf(),
                sheet: ctx.sheet.to_string(),
                clash: Box::new(LabelClash {
                    key,
                    first_label: first.label.clone(),
                    first: CellRef::new(first.cell.row, label_col),
                    second_label: label,
                    second: CellRef::new(row, label_col),
                }),
            });
        }
        seen.insert(key.clone(), entries.len());
        entries.push(Entry {
            key,
            label,
            value: value.clone(),
            cell,
        });
    }
    Ok(entries)
}
