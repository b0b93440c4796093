//! What can go wrong with a register, in both languages, always naming the register file.

use std::path::PathBuf;

use crate::i18n::{Bilingual, Text};
use crate::tr;

/// A register problem: the file, and what is wrong with it or with the request.
#[derive(Debug, Clone)]
pub struct RegisterError {
    /// The register file.
    pub path: PathBuf,
    pub kind: Kind,
    pub message: Text,
}

/// What kind of problem it is (the CLI's exit code: 7 for a refusal, 5 for a file that
/// cannot be used).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The request breaks a numbering rule or names what is not there (a number to cancel,
    /// a draft to number, a number already taken).
    Rule,
    /// The file cannot be opened, read or written, or is not a register.
    Store,
}

impl RegisterError {
    pub(crate) fn rule(path: &std::path::Path, message: Text) -> RegisterError {
        RegisterError {
            path: path.to_path_buf(),
            kind: Kind::Rule,
            message,
        }
    }

    pub(crate) fn store(path: &std::path::Path, message: Text) -> RegisterError {
        RegisterError {
            path: path.to_path_buf(),
            kind: Kind::Store,
            message,
        }
    }

    /// An SQLite failure, said in words for the cases a clerk meets (another program
    /// holds the register too long, the disk is read-only or full, not a database).
    pub(crate) fn sqlite(path: &std::path::Path, e: &rusqlite::Error) -> RegisterError {
        use rusqlite::ErrorCode as C;
        let message = match e.sqlite_error_code() {
            Some(C::DatabaseBusy | C::DatabaseLocked) => tr!(
                "sổ đang bận: một tiến trình khác giữ sổ quá lâu; hãy thử lại ({e})",
                "the register is busy: another process has held it too long; try again ({e})"
            ),
            Some(C::ReadOnly | C::CannotOpen | C::PermissionDenied) => tr!(
                "không mở hoặc không ghi được tệp sổ (không có quyền, hoặc thư mục không có) ({e})",
                "cannot open or write the register file (no permission, or no such folder) ({e})"
            ),
            Some(C::DiskFull) => tr!("ổ đĩa đã đầy ({e})", "the disk is full ({e})"),
            Some(C::NotADatabase) => tr!(
                "tệp này không phải sổ đăng ký của vanban (không phải cơ sở dữ liệu SQLite)",
                "this file is not a vanban register (not an SQLite database)"
            ),
            Some(C::DatabaseCorrupt) => tr!(
                "tệp sổ bị hỏng; hãy dùng bản sao lưu gần nhất ({e})",
                "the register file is damaged; use the latest backup ({e})"
            ),
            _ => tr!(
                "lỗi cơ sở dữ liệu của sổ: {e}",
                "register database error: {e}"
            ),
        };
        RegisterError::store(path, message)
    }
}

impl Bilingual for RegisterError {
    fn text(&self) -> Text {
        let path = self.path.display();
        tr!("sổ đăng ký {path}: {m}", "register {path}: {m}"; m = self.message)
    }
}

impl std::fmt::Display for RegisterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for RegisterError {}
