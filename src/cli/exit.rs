//! How a command ended, and the one function that turns that into the process's exit
//! code (README.md, "Exit codes"). The library reports what happened (an error value, a
//! check report, a batch summary); which number a script sees is decided only here.

use vanban::batch::BatchError;
use vanban::catalog::NewError;
use vanban::error::Error;
use vanban::i18n::{Bilingual, Text};
use vanban::import::ImportError;
use vanban::preview::PreviewError;
use vanban::register::{Kind, RegisterError};
use vanban::serve::ServeError;
use vanban::template::TemplateError;
use vanban::workbook::WorkbookError;

/// Everything was made (or found clean).
pub const OK: u8 = 0;
/// The command line was wrong.
pub const USAGE: u8 = 2;
/// The workbook could not be read or lacks what the template needs.
pub const DATA: u8 = 3;
/// The template (manifest, body or layout) has a problem.
pub const TEMPLATE: u8 = 4;
/// An output could not be produced or written.
pub const OUTPUT: u8 = 5;
/// A batch ran, and some of its documents failed (the others were made).
pub const FAILED: u8 = 6;
/// The outgoing-document register refused the request (a numbering rule: a number
/// already issued to another document, a ký hiệu of another agency, a number to cancel
/// that is not there).
pub const REGISTER: u8 = 7;
/// A batch was stopped on request (Ctrl-C) before all its documents were made; the ones
/// made are recorded, and running the same command again makes the rest. 130 is what
/// shells report for a command ended by Ctrl-C (128 + SIGINT).
pub const STOPPED: u8 = 130;

/// A command that ran to its end.
pub enum Done {
    /// Everything asked for was made.
    Made,
    /// `check` reported its findings: `clean` without errors; else `data_only` when every
    /// error is the workbook's.
    Checked { clean: bool, data_only: bool },
    /// A batch ran: some documents may have failed, or the run was stopped.
    Batch { failed: usize, stopped: usize },
    /// `watch` ended; `failed_last` when its last render failed.
    Watched { failed_last: bool },
}

/// Why a command stopped with an error; printed as `error: …` (except a usage error that
/// was already printed).
#[derive(Debug)]
pub enum Failure {
    /// A wrong command line: the message, or `None` when it was already printed.
    Usage(Option<Text>),
    /// Reading, rendering or writing one document.
    Run(Error),
    Preview(PreviewError),
    Batch(BatchError),
    New(NewError),
    Register(RegisterError),
    Serve(ServeError),
    Import(ImportError),
}

impl Failure {
    /// The message to print, in both languages (none for a usage error already printed).
    pub fn text(&self) -> Option<Text> {
        match self {
            Failure::Usage(text) => text.clone(),
            Failure::Run(e) => Some(e.text()),
            Failure::Preview(e) => Some(e.text()),
            Failure::Batch(e) => Some(e.text()),
            Failure::New(e) => Some(e.text()),
            Failure::Register(e) => Some(e.text()),
            Failure::Serve(e) => Some(e.text()),
            Failure::Import(e) => Some(e.text()),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        Failure::Run(e)
    }
}

impl From<WorkbookError> for Failure {
    fn from(e: WorkbookError) -> Failure {
        Failure::Run(e.into())
    }
}

impl From<PreviewError> for Failure {
    fn from(e: PreviewError) -> Failure {
        Failure::Preview(e)
    }
}

impl From<BatchError> for Failure {
    fn from(e: BatchError) -> Failure {
        Failure::Batch(e)
    }
}

impl From<RegisterError> for Failure {
    fn from(e: RegisterError) -> Failure {
        Failure::Register(e)
    }
}

impl From<ServeError> for Failure {
    fn from(e: ServeError) -> Failure {
        Failure::Serve(e)
    }
}

impl From<ImportError> for Failure {
    fn from(e: ImportError) -> Failure {
        Failure::Import(e)
    }
}

impl From<NewError> for Failure {
    fn from(e: NewError) -> Failure {
        Failure::New(e)
    }
}

/// The exit code of every way a command can end: the whole policy of README's table.
pub fn code(ended: &Result<Done, Failure>) -> u8 {
    fn of_register(e: &RegisterError) -> u8 {
        match e.kind {
            Kind::Rule => REGISTER,
            Kind::Store => OUTPUT,
        }
    }
    fn of_error(e: &Error) -> u8 {
        match e {
            Error::Workbook(_) | Error::Template(TemplateError::Data { .. }) => DATA,
            Error::Template(_) | Error::Pdf(_) => TEMPLATE,
            Error::Docx(_) | Error::Output { .. } => OUTPUT,
            Error::Register(e) => of_register(e),
        }
    }
    match ended {
        Ok(Done::Made) | Ok(Done::Watched { failed_last: false }) => OK,
        Ok(Done::Watched { failed_last: true }) => TEMPLATE,
        Ok(Done::Checked { clean: true, .. }) => OK,
        Ok(Done::Checked { data_only, .. }) => {
            if *data_only {
                DATA
            } else {
                TEMPLATE
            }
        }
        // A stop that came after the last document was taken left nothing undone: the
        // run counts as complete.
        Ok(Done::Batch { stopped, failed }) => {
            if *stopped > 0 {
                STOPPED
            } else if *failed > 0 {
                FAILED
            } else {
                OK
            }
        }
        Err(Failure::Usage(_)) => USAGE,
        Err(Failure::Run(e)) => of_error(e),
        Err(Failure::Preview(e)) => match e {
            PreviewError::Render(e) => of_error(e),
            PreviewError::NoSuchPage { .. } => USAGE,
            PreviewError::Png { .. } => OUTPUT,
        },
        Err(Failure::Batch(e)) => match e {
            BatchError::Job { source, .. } => of_error(source),
            BatchError::File { .. } | BatchError::Plan { .. } => TEMPLATE,
            BatchError::Output { .. } => OUTPUT,
            BatchError::Register(e) => of_register(e),
        },
        Err(Failure::New(e)) => match e {
            NewError::Write { .. } => OUTPUT,
            NewError::UnknownFamily { .. } | NewError::NotEmpty { .. } => USAGE,
        },
        Err(Failure::Register(e)) => of_register(e),
        // A refused configuration is a usage error; what the system refused (the
        // address, the data folder) is an output that could not be made.
        Err(Failure::Serve(e)) => match e {
            ServeError::OpenWithoutToken { .. } | ServeError::Token { .. } => USAGE,
            ServeError::Bind { .. } | ServeError::DataDir { .. } | ServeError::Runtime { .. } => {
                OUTPUT
            }
            ServeError::Register(e) => of_register(e),
        },
        Err(Failure::Import(e)) => match e {
            // The Word document is the input, as a workbook is for render.
            ImportError::Read { .. } => DATA,
            ImportError::Exists { .. } | ImportError::Family { .. } => USAGE,
            ImportError::Write { .. } => OUTPUT,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_that_was_stopped_says_so_even_with_failures() {
        let batch = |failed, stopped| code(&Ok(Done::Batch { failed, stopped }));
        assert_eq!(batch(0, 0), OK);
        assert_eq!(batch(2, 0), FAILED);
        assert_eq!(batch(2, 1), STOPPED);
        assert_eq!(batch(0, 37), STOPPED);
    }

    #[test]
    fn check_tells_a_bad_workbook_from_a_bad_template() {
        let checked = |clean, data_only| code(&Ok(Done::Checked { clean, data_only }));
        assert_eq!(checked(true, true), OK);
        assert_eq!(checked(false, true), DATA);
        assert_eq!(checked(false, false), TEMPLATE);
    }

    #[test]
    fn errors_by_stage() {
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let output = Error::Output {
            path: "out/x.pdf".into(),
            source: missing,
        };
        assert_eq!(code(&Err(Failure::Run(output))), OUTPUT);
        let no_page = PreviewError::NoSuchPage { page: 9, pages: 1 };
        assert_eq!(code(&Err(Failure::Preview(no_page))), USAGE);
        assert_eq!(code(&Err(Failure::Usage(None))), USAGE);
        let plan = BatchError::Plan {
            message: Text::same("x"),
        };
        assert_eq!(code(&Err(Failure::Batch(plan))), TEMPLATE);
    }
}
