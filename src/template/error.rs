//! Template errors: each one says where (file, line, column) and what to do.

use std::fmt;
use std::path::PathBuf;

use crate::i18n::{Bilingual, Text};
use crate::tr;

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
///
/// Messages are [`Text`]: made in both languages where the problem is found. `Display`
/// gives the English text; [`Bilingual::text`] both.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("cannot read template folder {}: {message}", .path.display())]
    Io { path: PathBuf, message: Text },

    #[error("{location}: {message}{}", .location.snippet())]
    Manifest { location: Location, message: Text },

    #[error("{location}: {message}{}{}", .location.snippet(), hint_text(.hint))]
    Syntax {
        location: Location,
        message: Text,
        /// Boxed: it keeps the error small enough to return by value everywhere.
        hint: Option<Box<Text>>,
    },

    #[error("{location}: unknown field \"{field}\"{}{}", suggestion_text(.suggestion), .location.snippet())]
    UnknownField {
        location: Location,
        field: String,
        suggestion: Option<String>,
    },

    #[error("{location}: {message}{}", .location.snippet())]
    Render { location: Location, message: Text },

    #[error("{message}")]
    Data { message: Text },

    #[error("{}: {field}: {message}", .file.display())]
    Form {
        file: PathBuf,
        field: String,
        message: Text,
    },

    #[error("the Markdown made by {} (after filling in the data), line {line}: {message}\n  the line reads: {text}", .file.display())]
    Markdown {
        file: PathBuf,
        line: usize,
        message: Text,
        text: String,
    },
}

fn suggestion_text(s: &Option<String>) -> String {
    match s {
        Some(s) => format!(" — did you mean \"{s}\"?"),
        None => String::new(),
    }
}

fn hint_text(s: &Option<Box<Text>>) -> String {
    match s {
        Some(s) => format!("\n  hint: {s}"),
        None => String::new(),
    }
}

impl Bilingual for TemplateError {
    fn text(&self) -> Text {
        match self {
            TemplateError::Io { path, message } => {
                let path = path.display();
                tr!(
                    "không đọc được thư mục mẫu {path}: {m}",
                    "cannot read template folder {path}: {m}";
                    m = message
                )
            }
            TemplateError::Manifest { location, message }
            | TemplateError::Render { location, message } => {
                let snippet = location.snippet();
                tr!("{location}: {m}{snippet}", "{location}: {m}{snippet}"; m = message)
            }
            TemplateError::Syntax {
                location,
                message,
                hint,
            } => {
                let snippet = location.snippet();
                let hint = match hint {
                    Some(h) => tr!("\n  gợi ý: {h}", "\n  hint: {h}"; h = h),
                    None => Text::default(),
                };
                tr!(
                    "{location}: {m}{snippet}{hint}",
                    "{location}: {m}{snippet}{hint}";
                    m = message,
                    hint = hint
                )
            }
            TemplateError::UnknownField {
                location,
                field,
                suggestion,
            } => {
                let snippet = location.snippet();
                let suggestion = match suggestion {
                    Some(s) => tr!(" — có phải là \"{s}\"?", " — did you mean \"{s}\"?"),
                    None => Text::default(),
                };
                tr!(
                    "{location}: dữ liệu không có trường \"{field}\"{suggestion}{snippet}",
                    "{location}: unknown field \"{field}\"{suggestion}{snippet}";
                    suggestion = suggestion
                )
            }
            TemplateError::Data { message } => message.clone(),
            TemplateError::Form {
                file,
                field,
                message,
            } => {
                let file = file.display();
                tr!("{file}: {field}: {m}", "{file}: {field}: {m}"; m = message)
            }
            TemplateError::Markdown {
                file,
                line,
                message,
                text,
            } => {
                let file = file.display();
                tr!(
                    "Markdown tạo ra từ {file} (sau khi điền dữ liệu), dòng {line}: {m}\n  \
                     dòng đó là: {text}",
                    "the Markdown made by {file} (after filling in the data), line {line}: \
                     {m}\n  the line reads: {text}";
                    m = message
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn at(line: usize, column: usize, src: &str) -> Location {
        Location {
            file: PathBuf::from("mau/body.md.hbs"),
            line,
            column,
            source_line: Some(src.into()),
        }
    }

    #[test]
    fn unknown_field_in_both_languages() {
        let e = TemplateError::UnknownField {
            location: at(3, 5, "Số {{meta.so_vb}}"),
            field: "meta.so_vb".into(),
            suggestion: Some("meta.so_van_ban".into()),
        };
        let vi = e.message(Lang::Vi);
        assert!(
            vi.starts_with(
                "mau/body.md.hbs:3:5: dữ liệu không có trường \"meta.so_vb\" — có phải là \
                 \"meta.so_van_ban\"?"
            ),
            "{vi}"
        );
        assert!(vi.ends_with("|     ^"), "{vi}");
        assert_eq!(e.message(Lang::En), e.to_string());
        assert_ne!(vi, e.to_string());
    }

    #[test]
    fn syntax_hint_is_goi_y_in_vietnamese() {
        let e = TemplateError::Syntax {
            location: at(2, 1, "{{#if x}}"),
            message: Text::new("lỗi cú pháp", "syntax error"),
            hint: Some(Box::new(Text::new("đóng khối", "close the block"))),
        };
        assert!(e.message(Lang::Vi).ends_with("\n  gợi ý: đóng khối"));
        assert!(e.message(Lang::En).ends_with("\n  hint: close the block"));
        assert_eq!(e.message(Lang::En), e.to_string());
    }

    #[test]
    fn io_and_markdown_in_vietnamese() {
        let e = TemplateError::Io {
            path: PathBuf::from("mau"),
            message: Text::new("không có thư mục này", "no such folder"),
        };
        assert_eq!(
            e.message(Lang::Vi),
            "không đọc được thư mục mẫu mau: không có thư mục này"
        );
        let e = TemplateError::Markdown {
            file: PathBuf::from("mau/body.md.hbs"),
            line: 4,
            message: Text::new("không dùng được khối HTML", "HTML blocks are not supported"),
            text: "<div>".into(),
        };
        assert_eq!(
            e.message(Lang::Vi),
            "Markdown tạo ra từ mau/body.md.hbs (sau khi điền dữ liệu), dòng 4: không dùng được \
             khối HTML\n  dòng đó là: <div>"
        );
        assert_eq!(e.message(Lang::En), e.to_string());
    }
}
