//! The workbook reader: turns an Excel or LibreOffice workbook into typed data for templates.
//!
//! What it does:
//! * reads .xlsx/.xlsm, .xls, .xlsb and .ods through calamine;
//! * turns each worksheet into a [`Table`] (header row → keys, each data row → one object) or a
//!   key–value list of [`Entry`]s (the document's facts: number, date, signer, …);
//! * finds the header row under title rows, understands two-row grouped headers with merged
//!   cells, and leaves notes and signatures below the table out of the data;
//! * turns header text into simple keys by one rule, [`key_of`];
//! * keeps types: integers, numbers, dates, date-times, times, booleans, text (NFC), and error
//!   cells as [`Value::Error`] with their address ([`Dataset::error_cells`]);
//! * resolves single-cell defined names into scalar values;
//! * repairs text typed in the old TCVN3 (ABC) and VNI fonts ([`LegacyMode`]), by the cell's
//!   font (.xlsx) or the text's characters, before headers become keys, and reports each
//!   repaired cell as a [`Notice`];
//! * reads workbooks as departments send them (`rows`, `typed`, `totals`, `formula`): totals,
//!   subtotal and group heading rows are set apart from the data; numbers and dates typed as
//!   text are read; totals rows are checked against their data; formulas saved without a
//!   result are named — each reported as a [`Notice`];
//! * recognises two-column fact sheets without a heading row (`keyvalue`);
//! * refuses password-protected and oversized files before decoding them (`guard`);
//! * knows where every value came from ([`Origins`]), so helper messages name the cell.
//!
//! What it does not do: evaluate formulas (a formula cell gives the value Excel cached when the
//! file was saved; see `formula`), format numbers or dates for print, decide how errors are reported, or build
//! the template context — that is the caller's job.

mod cell;
mod error;
mod fonts;
mod formula;
#[doc(hidden)]
pub mod fuzzing;
mod grid;
mod guard;
mod header;
mod keys;
mod keyvalue;
mod legacy;
mod names;
mod options;
mod origins;
mod read;
mod rows;
mod table;
mod totals;
mod typed;
mod value;

#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use cell::{CellRef, col_letter};
pub use error::{FileFormat, LabelClash, RowSetting, WorkbookError};
pub use formula::UnsavedFormula;
pub use guard::{MAX_SHEET_CELLS, MAX_UNPACKED_BYTES, MAX_ZIP_PARTS};
pub use keys::key_of;
pub use keyvalue::{Entry, LABEL_HEADINGS, VALUE_HEADINGS};
pub use legacy::{Notice, NoticeKind};
pub use names::DefinedName;
pub use options::{LegacyMode, ReadOptions, SheetKind, SheetOptions};
pub use origins::Origins;
pub use read::in_decoder;
pub use rows::{Group, TotalsRow, is_totals_label};
pub use table::{Column, GROUP_KEY, Row, Table};
pub use value::{ERROR_CODES, Value, ValueType};

/// Everything read from one workbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Dataset {
    pub path: PathBuf,
    /// Worksheets in workbook order (chart and macro sheets are skipped).
    pub sheets: Vec<Sheet>,
    /// Defined names that point at one cell.
    pub names: Vec<DefinedName>,
    /// What the reader changed or found, cell by cell (text repaired from TCVN3/VNI, numbers
    /// typed as text, totals that do not add up, …), in sheet order.
    pub notices: Vec<Notice>,
    /// Formula cells saved without a result: they read as empty.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unsaved_formulas: Vec<UnsavedFormula>,
}

/// One worksheet.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sheet {
    /// The sheet name as in the workbook tab.
    pub name: String,
    /// `key_of(name)` (made unique; `sheet_<n>` if the name gives no key).
    pub key: String,
    pub data: SheetData,
}

/// The suffix of the key under which a table's totals row reaches templates:
/// `{{iip_tong.gia_tri}}` for the sheet (or alias) `iip`.
pub const TOTAL_SUFFIX: &str = "_tong";

impl Sheet {
    /// What a template sees of this sheet under `name`: its data, and for a table with a
    /// totals row, that row under `<name>_tong` (key → value).
    pub fn context_entries(&self, name: &str) -> Vec<(String, serde_json::Value)> {
        let mut out = vec![(name.to_string(), self.data.to_json())];
        if let SheetData::Table(t) = &self.data
            && let Some(total) = t.total()
        {
            out.push((format!("{name}{TOTAL_SUFFIX}"), t.totals_json(total)));
        }
        out
    }
}

/// The content of a sheet, by kind.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", content = "data", rename_all = "snake_case")]
pub enum SheetData {
    Table(Table),
    KeyValue(Vec<Entry>),
}

impl SheetData {
    /// A table as an array of objects; a key–value sheet as one object (key → value).
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            SheetData::Table(t) => t.to_json(),
            SheetData::KeyValue(entries) => serde_json::Value::Object(
                entries
                    .iter()
                    .map(|e| (e.key.clone(), e.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// An error cell found in the data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorCell {
    /// Sheet name.
    pub sheet: String,
    pub cell: CellRef,
    /// Column key, entry key or defined-name key the cell feeds.
    pub key: String,
    /// Error code such as `#DIV/0!`.
    pub code: String,
}

/// One addressable field, for `vanban fields`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldInfo {
    /// Sheet name; `None` for a defined name.
    pub sheet: Option<String>,
    /// Sheet key; `None` for a defined name.
    pub sheet_key: Option<String>,
    pub key: String,
    /// Original header, label or defined name.
    pub header: String,
    /// The type of the value, or of the column's values.
    pub type_name: ValueType,
    /// The first non-empty value, as display text ("" when there is none).
    pub sample: String,
    /// The cell of the sample.
    pub cell: Option<CellRef>,
}

/// Where a value is read from, for error messages.
pub(crate) struct ReadContext<'a> {
    pub path: &'a Path,
    pub sheet: &'a str,
}

impl ReadContext<'_> {
    fn row_zero(&self, what: RowSetting) -> WorkbookError {
        WorkbookError::RowZero {
            path: self.path.to_path_buf(),
            sheet: self.sheet.to_string(),
            what,
        }
    }
}

impl Dataset {
    /// Reads a workbook. See the module documentation for what is read and how.
    pub fn open(path: &Path, opts: &ReadOptions) -> Result<Dataset, WorkbookError> {
        read::open(path, opts)
    }

    /// A sheet by its name or its key (`"Tỉnh thành"` or `"tinh_thanh"`).
    pub fn sheet(&self, name_or_key: &str) -> Option<&Sheet> {
        self.sheets
            .iter()
            .find(|s| s.name == name_or_key)
            .or_else(|| self.sheets.iter().find(|s| s.key == name_or_key))
            .or_else(|| {
                let key = key_of(name_or_key);
                self.sheets.iter().find(|s| s.key == key)
            })
    }

    /// A defined name's value by its key (`ky_bao_cao`).
    pub fn name(&self, key: &str) -> Option<&Value> {
        self.names.iter().find(|n| n.key == key).map(|n| &n.value)
    }

    /// Every error cell in tables, key–value sheets and defined names, once per cell, in sheet
    /// order.
    pub fn error_cells(&self) -> Vec<ErrorCell> {
        let mut out = Vec::new();
        for sheet in &self.sheets {
            match &sheet.data {
                SheetData::Table(table) => {
                    for row in &table.rows {
                        for (i, v) in row.values.iter().enumerate() {
                            if let (Value::Error(code), Some(cell), Some(col)) =
                                (v, table.cell(row, i), table.columns.get(i))
                            {
                                out.push(ErrorCell {
                                    sheet: sheet.name.clone(),
                                    cell,
                                    key: col.key.clone(),
                                    code: code.clone(),
                                });
                            }
                        }
                    }
                }
                SheetData::KeyValue(entries) => {
                    for e in entries {
                        if let Value::Error(code) = &e.value {
                            out.push(ErrorCell {
                                sheet: sheet.name.clone(),
                                cell: e.cell,
                                key: e.key.clone(),
                                code: code.clone(),
                            });
                        }
                    }
                }
            }
        }
        let mut seen: HashSet<(String, CellRef)> =
            out.iter().map(|e| (e.sheet.clone(), e.cell)).collect();
        for n in &self.names {
            if let Value::Error(code) = &n.value
                && seen.insert((n.sheet.clone(), n.cell))
            {
                out.push(ErrorCell {
                    sheet: n.sheet.clone(),
                    cell: n.cell,
                    key: n.key.clone(),
                    code: code.clone(),
                });
            }
        }
        out
    }

    /// The sheet names, quoted and joined, for messages about a missing sheet:
    /// `"Thông tin", "Tỉnh thành"`.
    pub fn sheet_list(&self) -> String {
        self.sheets
            .iter()
            .map(|s| format!("\"{}\"", s.name))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Every field a template can use: table columns, key–value entries, then defined names.
    pub fn fields(&self) -> Vec<FieldInfo> {
        let mut out = Vec::new();
        for sheet in &self.sheets {
            match &sheet.data {
                SheetData::Table(table) => {
                    for (i, col) in table.columns.iter().enumerate() {
                        let values = table.rows.iter().filter_map(|r| r.values.get(i));
                        let sample = table
                            .rows
                            .iter()
                            .find(|r| r.values.get(i).is_some_and(is_sample));
                        out.push(FieldInfo {
                            sheet: Some(sheet.name.clone()),
                            sheet_key: Some(sheet.key.clone()),
                            key: col.key.clone(),
                            header: col.header.clone(),
                            type_name: column_type(values),
                            sample: sample
                                .and_then(|r| r.values.get(i))
                                .map(Value::to_string)
                                .unwrap_or_default(),
                            cell: sample.and_then(|r| table.cell(r, i)),
                        });
                    }
                    out.extend(totals_fields(sheet, table));
                }
                SheetData::KeyValue(entries) => {
                    for e in entries {
                        out.push(FieldInfo {
                            sheet: Some(sheet.name.clone()),
                            sheet_key: Some(sheet.key.clone()),
                            key: e.key.clone(),
                            header: e.label.clone(),
                            type_name: e.value.type_name(),
                            sample: e.value.to_string(),
                            cell: Some(e.cell),
                        });
                    }
                }
            }
        }
        for n in &self.names {
            out.push(FieldInfo {
                sheet: None,
                sheet_key: None,
                key: n.key.clone(),
                header: n.name.clone(),
                type_name: n.value.type_name(),
                sample: n.value.to_string(),
                cell: Some(n.cell),
            });
        }
        out
    }
}

impl FieldInfo {
    /// [`FieldInfo::type_name`] in both languages.
    pub fn type_text(&self) -> crate::i18n::Text {
        self.type_name.text()
    }
}

/// The fields of a table's totals row (`iip_tong.gia_tri`) and of its groups
/// (`_nhom.ten` in each row), for `vanban fields`.
fn totals_fields(sheet: &Sheet, table: &Table) -> Vec<FieldInfo> {
    let mut out = Vec::new();
    if let Some(total) = table.total() {
        for (i, col) in table.columns.iter().enumerate() {
            let Some(v) = total.values.get(i).filter(|v| !v.is_empty()) else {
                continue;
            };
            out.push(FieldInfo {
                sheet: Some(sheet.name.clone()),
                sheet_key: Some(sheet.key.clone()),
                key: format!("{}{TOTAL_SUFFIX}.{}", sheet.key, col.key),
                header: format!("{} / {}", total.label, col.header),
                type_name: v.type_name(),
                sample: v.to_string(),
                cell: table.cell_at(total.excel_row, i),
            });
        }
    }
    if let Some(first) = table.groups.first() {
        let headings: Vec<&str> = table.groups.iter().map(|g| g.heading.as_str()).collect();
        out.push(FieldInfo {
            sheet: Some(sheet.name.clone()),
            sheet_key: Some(sheet.key.clone()),
            key: format!("{GROUP_KEY}.ten"),
            header: headings.join(", "),
            type_name: ValueType::Text,
            sample: first.name.clone(),
            cell: table.cell_at(first.excel_row, 0),
        });
    }
    out
}

fn is_sample(v: &Value) -> bool {
    !v.is_empty() && !v.is_error()
}

/// The type of a column: the common type of its non-empty, non-error values; integers mixed
/// with numbers are "number"; anything else mixed is "mixed"; no values is "empty".
fn column_type<'a>(values: impl Iterator<Item = &'a Value>) -> ValueType {
    use ValueType::{Integer, Number};
    let mut kind: Option<ValueType> = None;
    for v in values.filter(|v| is_sample(v)) {
        let t = v.type_name();
        kind = Some(match kind {
            None => t,
            Some(k) if k == t => k,
            Some(Integer | Number) if matches!(t, Integer | Number) => Number,
            Some(_) => ValueType::Mixed,
        });
    }
    kind.unwrap_or(ValueType::Empty)
}
