//! What the caller may say about each sheet. Everything is optional: with no options the reader
//! detects the kind of each sheet, its header row and its last data row.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Options for a whole workbook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReadOptions {
    /// Per-sheet options, keyed by sheet name (or the sheet's key, e.g. `tinh_thanh`).
    pub sheets: HashMap<String, SheetOptions>,
}

/// Options for one sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SheetOptions {
    /// Table or key–value; detected when absent.
    pub kind: Option<SheetKind>,
    /// Header row as Excel shows it (1-based); detected when absent. For a key–value sheet, the
    /// row holding "Trường | Giá trị" (entries start below it).
    pub header_row: Option<u32>,
    /// Last data row as Excel shows it (1-based); by default the last full row.
    pub last_row: Option<u32>,
}

/// How a sheet is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    /// Header row plus one object per row.
    Table,
    /// Column A labels, column B values: the document's facts.
    KeyValue,
}
