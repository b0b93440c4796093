//! Errors of the workbook reader.
//!
//! Every message names the file, and the sheet and cell when there is one, in words a clerk can act
//! on: what went wrong, where, and what to change.

use std::path::PathBuf;

use thiserror::Error;

use super::cell::CellRef;

/// Why a workbook could not be read.
#[derive(Debug, Error)]
pub enum WorkbookError {
    /// The path does not exist.
    #[error("cannot open workbook \"{}\": file not found", path.display())]
    NotFound { path: PathBuf },

    /// The path exists but the operating system refused to open it (permissions, a folder, ...).
    #[error("cannot open workbook \"{}\": {reason}", path.display())]
    Unreadable { path: PathBuf, reason: String },

    /// The extension is not one of the spreadsheet formats the reader understands.
    #[error(
        "cannot open workbook \"{}\": files of type \"{extension}\" are not supported; \
         save it as .xlsx, .xlsm, .xls, .xlsb or .ods",
        path.display()
    )]
    UnsupportedType { path: PathBuf, extension: String },

    /// The file is empty, damaged, or another kind of file carrying a spreadsheet extension.
    #[error(
        "cannot read workbook \"{}\": it is not a valid {format} file ({detail}); \
         open it in Excel or LibreOffice and save it again",
        path.display()
    )]
    NotAWorkbook {
        path: PathBuf,
        format: &'static str,
        detail: String,
    },

    /// One sheet could not be decoded.
    #[error("cannot read sheet \"{sheet}\" of workbook \"{}\": {detail}", path.display())]
    SheetUnreadable {
        path: PathBuf,
        sheet: String,
        detail: String,
    },

    /// The options name a sheet the workbook does not have.
    #[error(
        "workbook \"{}\" has no sheet named \"{sheet}\"; its sheets are: {}",
        path.display(),
        quoted_list(available)
    )]
    SheetNotFound {
        path: PathBuf,
        sheet: String,
        available: Vec<String>,
    },

    /// A row number given in the options is 0 (rows are counted from 1, as Excel shows them).
    #[error(
        "{what} for sheet \"{sheet}\" of workbook \"{}\" is 0; rows are numbered from 1, as Excel shows them",
        path.display()
    )]
    RowZero {
        path: PathBuf,
        sheet: String,
        what: &'static str,
    },

    /// The header row given in the options lies below the last used row of the sheet.
    #[error(
        "header row {row} given for sheet \"{sheet}\" of workbook \"{}\" is beyond the sheet's last used row ({last})",
        path.display()
    )]
    HeaderRowBeyondSheet {
        path: PathBuf,
        sheet: String,
        row: u32,
        last: u32,
    },

    /// The last data row given in the options lies above the header row.
    #[error(
        "last row {row} given for sheet \"{sheet}\" of workbook \"{}\" is above its header row ({header})",
        path.display()
    )]
    LastRowAboveHeader {
        path: PathBuf,
        sheet: String,
        row: u32,
        header: u32,
    },

    /// Two labels of a key–value sheet give the same key, so one value would hide the other.
    #[error(
        "sheet \"{sheet}\" of workbook \"{}\" has two labels that give the same key \"{}\": \
         \"{}\" in {} and \"{}\" in {}; rename one of them",
        path.display(),
        clash.key,
        clash.first_label,
        clash.first,
        clash.second_label,
        clash.second
    )]
    DuplicateLabel {
        path: PathBuf,
        sheet: String,
        clash: Box<LabelClash>,
    },
}

/// The two cells of a [`WorkbookError::DuplicateLabel`] (boxed to keep the error small).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelClash {
    pub key: String,
    pub first_label: String,
    /// The first label's cell.
    pub first: CellRef,
    pub second_label: String,
    /// The second label's cell.
    pub second: CellRef,
}

fn quoted_list(items: &[String]) -> String {
    if items.is_empty() {
        return "(none)".to_string();
    }
    items
        .iter()
        .map(|s| format!("\"{s}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Interim: the English text in both languages, until this error's messages are translated.
impl crate::i18n::Bilingual for WorkbookError {
    fn text(&self) -> crate::i18n::Text {
        crate::i18n::Text::same(self.to_string())
    }
}
