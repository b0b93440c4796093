//! The library's error type: one variant per stage, each already carrying the file,
//! sheet, cell or template line it is about, and an exit code per kind of problem so that
//! scripts can tell a bad workbook from a bad template.

use std::path::PathBuf;

use crate::docx::DocxError;
use crate::pdf::PdfError;
use crate::template::TemplateError;
use crate::workbook::WorkbookError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Workbook(#[from] WorkbookError),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Pdf(#[from] PdfError),
    #[error("cannot write the DOCX: {0}")]
    Docx(#[from] DocxError),
    #[error("cannot write {}: {source}", .path.display())]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Register(#[from] crate::register::RegisterError),
}

/// Exit codes, documented in README.md.
pub mod exit {
    /// Everything was made.
    pub const OK: i32 = 0;
    /// The workbook could not be read or lacks what the template needs.
    pub const DATA: i32 = 3;
    /// The template (manifest, body or layout) has a problem.
    pub const TEMPLATE: i32 = 4;
    /// An output could not be produced or written.
    pub const OUTPUT: i32 = 5;
    /// A batch ran, and some of its documents failed (the others were made).
    pub const FAILED: i32 = 6;
    /// The outgoing-document register refused the request (a numbering rule: a number
    /// already issued to another document, a ký hiệu of another agency, a number to
    /// cancel that is not there).
    pub const REGISTER: i32 = 7;
    /// A batch was stopped on request (Ctrl-C) before all its documents were made; the
    /// ones made are recorded, and running the same command again makes the rest. 130 is
    /// what shells report for a command ended by Ctrl-C (128 + SIGINT).
    pub const STOPPED: i32 = 130;
}

impl crate::i18n::Bilingual for Error {
    fn text(&self) -> crate::i18n::Text {
        match self {
            Error::Workbook(e) => e.text(),
            Error::Template(e) => e.text(),
            Error::Pdf(e) => e.text(),
            Error::Docx(e) => crate::tr!(
                "không tạo được tệp DOCX: {e}",
                "cannot write the DOCX: {e}";
                e = e
            ),
            Error::Register(e) => e.text(),
            Error::Output { path, source } => {
                let path = path.display();
                crate::tr!(
                    "không ghi được {path}: {reason}",
                    "cannot write {path}: {reason}";
                    reason = crate::i18n::io_reason(source)
                )
            }
        }
    }
}

impl Error {
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Workbook(_) => exit::DATA,
            Error::Template(TemplateError::Data { .. }) => exit::DATA,
            Error::Template(_) => exit::TEMPLATE,
            Error::Pdf(_) => exit::TEMPLATE,
            Error::Docx(_) | Error::Output { .. } => exit::OUTPUT,
            Error::Register(e) => e.exit_code(),
        }
    }
}
