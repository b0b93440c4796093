//! The library's error type: one variant per stage, each already carrying the file,
//! sheet, cell or template line it is about. The stage tells a bad workbook from a bad
//! template; the CLI turns that into the exit code (`src/cli/exit.rs`).

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
    /// The outgoing-document register refused the number or could not be used.
    #[error(transparent)]
    Register(#[from] crate::register::RegisterError),
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
