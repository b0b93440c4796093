//! Template errors: each one says where (file, line, column) and what to do.

use std::fmt;
use std::path::PathBuf;

/// A place in a template file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub file: PathBuf,
    /// 1-based; 0 when unknown.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    /// The source line, for the caret display.
    pub source_line: Option<String>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

impl Location {
    /// The source line with a caret under the column, indented for display after the
    /// message; empty when the line is unknown.
    pub fn snippet(&self) -> String {
        match &self.source_line {
            Some(src) if self.line > 0 => {
                let gutter = self.line.to_string();
                let pad = " ".repeat(gutter.len());
                let caret_at = self.column.saturating_sub(1);
                let lead: String = src
                    .chars()
                    .take(caret_at)
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                format!("\n {pad} |\n {gutter} | {src}\n {pad} | {lead}^")
            }
            _ => String::new(),
        }
    }
}

/// Everything that can be wrong with a template or its use of the data.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read template folder {}: {message}", .path.display())]
    Io { path: PathBuf, message: String },

    #[error("{location}: {message}{}", .location.snippet())]
    Manifest { location: Location, message: String },

    #[error("{location}: {message}{}{}", .location.snippet(), hint_text(.hint))]
    Syntax {
        location: Location,
        message: String,
        hint: Option<String>,
    },

    #[error("{location}: unknown field \"{field}\"{}{}", suggestion_text(.suggestion), .location.snippet())]
    UnknownField {
        location: Location,
        field: String,
        suggestion: Option<String>,
    },

    #[error("{location}: {message}{}", .location.snippet())]
    Render { location: Location, message: String },

    #[error("{message}")]
    Data { message: String },

    #[error("{}: {field}: {message}", .file.display())]
    Form {
        file: PathBuf,
        field: String,
        message: String,
    },

    #[error("the Markdown made by {} (after filling in the data), line {line}: {message}\n  the line reads: {text}", .file.display())]
    Markdown {
        file: PathBuf,
        line: usize,
        message: String,
        text: String,
    },
}

fn suggestion_text(s: &Option<String>) -> String {
    match s {
        Some(s) => format!(" — did you mean \"{s}\"?"),
        None => String::new(),
    }
}

fn hint_text(s: &Option<String>) -> String {
    match s {
        Some(s) => format!("\n  hint: {s}"),
        None => String::new(),
    }
}

/// Interim: the English text in both languages, until this error's messages are translated.
impl crate::i18n::Bilingual for TemplateError {
    fn text(&self) -> crate::i18n::Text {
        crate::i18n::Text::same(self.to_string())
    }
}
