//! Errors of the workbook reader.
//!
//! Every message names the file, and the sheet and cell when there is one, in words a clerk can act
//! on: what went wrong, where, and what to change — in Vietnamese and English
//! ([`Bilingual`]); `Display` gives the English text. Details that are not ours (calamine's or the
//! operating system's reason) are kept verbatim inside the translated sentence.

use std::fmt;
use std::path::PathBuf;

use thiserror::Error;

use super::cell::CellRef;
use crate::i18n::{Bilingual, Text};
use crate::tr;

/// Why a workbook could not be read.
#[derive(Debug, Error)]
pub enum WorkbookError {
    /// The path does not exist.
    NotFound { path: PathBuf },

    /// The path exists but the operating system refused to open it (permissions, a folder, ...).
    Unreadable { path: PathBuf, reason: Text },

    /// The extension is not one of the spreadsheet formats the reader understands.
    UnsupportedType {
        path: PathBuf,
        /// `.docx`, `.csv`…; empty when the file name has no extension.
        extension: String,
    },

    /// The file is empty, damaged, or another kind of file carrying a spreadsheet extension.
    NotAWorkbook {
        path: PathBuf,
        /// The kind of file its extension promises.
        format: FileFormat,
        /// What is wrong: ours ("the file is empty") or the decoder's own words, verbatim.
        detail: Text,
    },

    /// The workbook is encrypted with a password (File → Info → Protect Workbook → Encrypt
    /// with Password), so nothing in it can be read.
    Encrypted { path: PathBuf },

    /// The workbook is larger than the reader's limits ([`super::MAX_UNPACKED_BYTES`],
    /// [`super::MAX_ZIP_PARTS`], [`super::MAX_SHEET_CELLS`]): a zip bomb, or a sheet with a
    /// stray cell far from its data.
    TooLarge {
        path: PathBuf,
        /// What exceeds which limit.
        what: Text,
    },

    /// A cell of a date column holds text written as a date that cannot exist (31/02/2025).
    ImpossibleDate {
        path: PathBuf,
        sheet: String,
        cell: CellRef,
        text: String,
    },

    /// One sheet could not be decoded.
    SheetUnreadable {
        path: PathBuf,
        sheet: String,
        /// The decoder's own words, kept verbatim.
        detail: String,
    },

    /// The options name a sheet the workbook does not have.
    SheetNotFound {
        path: PathBuf,
        sheet: String,
        available: Vec<String>,
    },

    /// A row number given in the options is 0 (rows are counted from 1, as Excel shows them).
    RowZero {
        path: PathBuf,
        sheet: String,
        what: RowSetting,
    },

    /// The header row given in the options lies below the last used row of the sheet.
    HeaderRowBeyondSheet {
        path: PathBuf,
        sheet: String,
        row: u32,
        last: u32,
    },

    /// The last data row given in the options lies above the header row.
    LastRowAboveHeader {
        path: PathBuf,
        sheet: String,
        row: u32,
        header: u32,
    },

    /// Two labels of a key–value sheet give the same key, so one value would hide the other.
    DuplicateLabel {
        path: PathBuf,
        sheet: String,
        clash: Box<LabelClash>,
    },
}

/// The spreadsheet formats the reader understands, chosen from the file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileFormat {
    /// .xlsx and .xlsm.
    Xlsx,
    Xls,
    Xlsb,
    Ods,
}

impl FileFormat {
    /// What a clerk calls the file: "Excel workbook (.xlsx)".
    pub fn label(self) -> Text {
        match self {
            FileFormat::Xlsx => Text::new("bảng tính Excel (.xlsx)", "Excel workbook (.xlsx)"),
            FileFormat::Xls => Text::new(
                "bảng tính Excel 97-2003 (.xls)",
                "Excel 97-2003 workbook (.xls)",
            ),
            FileFormat::Xlsb => Text::new(
                "bảng tính Excel dạng nhị phân (.xlsb)",
                "Excel binary workbook (.xlsb)",
            ),
            FileFormat::Ods => Text::new(
                "bảng tính OpenDocument (.ods)",
                "OpenDocument spreadsheet (.ods)",
            ),
        }
    }
}

/// Which row option of a sheet a [`WorkbookError::RowZero`] is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowSetting {
    /// `header_row`.
    HeaderRow,
    /// `last_row`.
    LastRow,
}

impl RowSetting {
    fn text(self) -> Text {
        match self {
            RowSetting::HeaderRow => Text::new("dòng tiêu đề (header_row)", "header row"),
            RowSetting::LastRow => Text::new("dòng cuối (last_row)", "last row"),
        }
    }
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

/// `"A", "B"`, or "(none)" in the reader's language.
fn quoted_list(items: &[String]) -> Text {
    if items.is_empty() {
        return Text::new("(không có)", "(none)");
    }
    Text::same(
        items
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", "),
    )
}

impl Bilingual for WorkbookError {
    fn text(&self) -> Text {
        match self {
            WorkbookError::NotFound { path } => {
                let path = path.display();
                tr!(
                    "không mở được bảng tính \"{path}\": không tìm thấy tệp",
                    "cannot open workbook \"{path}\": file not found"
                )
            }
            WorkbookError::Unreadable { path, reason } => {
                let path = path.display();
                tr!(
                    "không mở được bảng tính \"{path}\": {reason}",
                    "cannot open workbook \"{path}\": {reason}";
                    reason = reason
                )
            }
            WorkbookError::UnsupportedType { path, extension } => {
                let path = path.display();
                let ext = if extension.is_empty() {
                    Text::new("(không có phần mở rộng)", "(no extension)")
                } else {
                    Text::same(extension.as_str())
                };
                tr!(
                    "không mở được bảng tính \"{path}\": không hỗ trợ tệp loại \"{ext}\"; \
                     hãy lưu thành .xlsx, .xlsm, .xls, .xlsb hoặc .ods",
                    "cannot open workbook \"{path}\": files of type \"{ext}\" are not supported; \
                     save it as .xlsx, .xlsm, .xls, .xlsb or .ods";
                    ext = ext
                )
            }
            WorkbookError::NotAWorkbook {
                path,
                format,
                detail,
            } => {
                let path = path.display();
                tr!(
                    "không đọc được bảng tính \"{path}\": đây không phải {format} hợp lệ ({detail}); \
                     hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại",
                    "cannot read workbook \"{path}\": it is not a valid {format} file ({detail}); \
                     open it in Excel or LibreOffice and save it again";
                    format = format.label(),
                    detail = detail
                )
            }
            WorkbookError::Encrypted { path } => {
                let path = path.display();
                tr!(
                    "không đọc được bảng tính \"{path}\": bảng tính được đặt mật khẩu; hãy gỡ mật \
                     khẩu trong Excel (Tệp → Thông tin → Bảo vệ Sổ làm việc → Mã hóa bằng Mật khẩu, \
                     xóa mật khẩu rồi lưu) và thử lại",
                    "cannot read workbook \"{path}\": the workbook is password-protected: remove \
                     the password in Excel (File → Info → Protect Workbook) and try again"
                )
            }
            WorkbookError::TooLarge { path, what } => {
                let path = path.display();
                tr!(
                    "không đọc bảng tính \"{path}\": {what}; bảng tính lớn bất thường như vậy có \
                     thể làm cạn bộ nhớ, nên vanban không đọc (xem giới hạn trong mục \"Bảng tính \
                     thực tế\" của hướng dẫn)",
                    "not reading workbook \"{path}\": {what}; a workbook this large could exhaust \
                     the memory, so vanban refuses it (see the limits under \"Real workbooks\" in \
                     the template guide)";
                    what = what
                )
            }
            WorkbookError::ImpossibleDate {
                path,
                sheet,
                cell,
                text,
            } => {
                let path = path.display();
                tr!(
                    "{path}, sheet \"{sheet}\", ô {cell}: {text:?} được viết như một ngày (ngày/tháng/năm) \
                     nhưng không có ngày đó; hãy sửa ô này",
                    "{path}, sheet \"{sheet}\", cell {cell}: {text:?} is written as a date \
                     (day/month/year) but no such day exists; correct the cell"
                )
            }
            WorkbookError::SheetUnreadable {
                path,
                sheet,
                detail,
            } => {
                let path = path.display();
                tr!(
                    "không đọc được sheet \"{sheet}\" của bảng tính \"{path}\": {detail}",
                    "cannot read sheet \"{sheet}\" of workbook \"{path}\": {detail}"
                )
            }
            WorkbookError::SheetNotFound {
                path,
                sheet,
                available,
            } => {
                let path = path.display();
                tr!(
                    "bảng tính \"{path}\" không có sheet \"{sheet}\"; các sheet có trong bảng tính: {list}",
                    "workbook \"{path}\" has no sheet named \"{sheet}\"; its sheets are: {list}";
                    list = quoted_list(available)
                )
            }
            WorkbookError::RowZero { path, sheet, what } => {
                let path = path.display();
                tr!(
                    "{what} của sheet \"{sheet}\" trong bảng tính \"{path}\" được ghi là 0; \
                     dòng được đánh số từ 1, như Excel hiển thị",
                    "{what} for sheet \"{sheet}\" of workbook \"{path}\" is 0; \
                     rows are numbered from 1, as Excel shows them";
                    what = what.text()
                )
            }
            WorkbookError::HeaderRowBeyondSheet {
                path,
                sheet,
                row,
                last,
            } => {
                let path = path.display();
                tr!(
                    "dòng tiêu đề {row} ghi cho sheet \"{sheet}\" của bảng tính \"{path}\" nằm dưới \
                     dòng cuối cùng có dữ liệu của sheet (dòng {last})",
                    "header row {row} given for sheet \"{sheet}\" of workbook \"{path}\" is beyond \
                     the sheet's last used row ({last})"
                )
            }
            WorkbookError::LastRowAboveHeader {
                path,
                sheet,
                row,
                header,
            } => {
                let path = path.display();
                tr!(
                    "dòng cuối {row} ghi cho sheet \"{sheet}\" của bảng tính \"{path}\" nằm trên \
                     dòng tiêu đề của sheet (dòng {header})",
                    "last row {row} given for sheet \"{sheet}\" of workbook \"{path}\" is above its \
                     header row ({header})"
                )
            }
            WorkbookError::DuplicateLabel { path, sheet, clash } => {
                let path = path.display();
                let LabelClash {
                    key,
                    first_label,
                    first,
                    second_label,
                    second,
                } = clash.as_ref();
                tr!(
                    "sheet \"{sheet}\" của bảng tính \"{path}\" có hai nhãn cho cùng một trường \
                     \"{key}\": \"{first_label}\" ở ô {first} và \"{second_label}\" ở ô {second}; \
                     hãy đổi tên một trong hai nhãn",
                    "sheet \"{sheet}\" of workbook \"{path}\" has two labels that give the same key \
                     \"{key}\": \"{first_label}\" in {first} and \"{second_label}\" in {second}; \
                     rename one of them"
                )
            }
        }
    }
}

/// The English message (for logs and tests); shown to a clerk through [`Bilingual::message`].
impl fmt::Display for WorkbookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}
