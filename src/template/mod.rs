//! Template folders: the manifest, the Handlebars body, the optional Typst layout, and
//! the rendering of a workbook's data into a [`Document`].
//!
//! A template folder holds `template.toml` (what the document is, where its data comes
//! from, its header fields), `body.md.hbs` (the content: Markdown with Handlebars) and,
//! optionally, `layout.typ` (a custom PDF layout). Handlebars runs in strict mode: a field
//! the data does not have is an error naming the file, line and column, with the nearest
//! known key suggested. Every value is escaped for the Markdown it lands in, so data never
//! becomes markup.

mod blocks;
mod context;
pub(crate) mod directives;
mod error;
pub mod escape;
mod form;
pub mod helpers;
mod manifest;
mod render;
mod syntax;

use std::path::{Path, PathBuf};

use crate::i18n::{Text, io_reason};
use crate::spans::{Spans, place_of};
use crate::tr;

pub(crate) use crate::suggest::nearest as nearest_key;
pub(crate) use context::kind_error;
pub use context::{DataProblem, build_context, collect_context, workbook_context};
pub use error::{Location, TemplateError};
pub use form::FormProblem;
pub use manifest::{
    AppendixFields, CurrentTextSource, DataSource, Distribution, DraftFields, HeaderFields,
    Manifest, PageInfo, Rows, SignatureFields, TemplateInfo, WorkbookSettings, kind_name,
    kind_text, setting_error,
};
pub use render::{Collected, DocData, EXPRESSION, Rendered, Renderer, expression_error};
pub(crate) use render::{manifest_strings, reason_text};
pub(crate) use syntax::describe as describe_syntax_error;

/// File names inside a template folder.
pub const MANIFEST_FILE: &str = "template.toml";
pub const BODY_FILE: &str = "body.md.hbs";
pub const LAYOUT_FILE: &str = "layout.typ";

/// A loaded template folder.
#[derive(Debug, Clone)]
pub struct Template {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// The manifest's text, for locating fields in messages.
    pub manifest_text: String,
    /// Where each field of the manifest is written ([`Template::manifest_location`]).
    pub manifest_spans: Spans,
    pub body: String,
    /// The custom Typst layout, if the folder has one.
    pub layout: Option<String>,
    /// The body of each `[[appendix]]`, in order: (file name, text).
    pub appendix_bodies: Vec<(String, String)>,
}

impl Template {
    /// Reads and parses a template folder.
    pub fn load(dir: &Path) -> Result<Template, TemplateError> {
        if !dir.is_dir() {
            return Err(TemplateError::Io {
                path: dir.to_path_buf(),
                message: if dir.exists() {
                    tr!(
                        "đây là tệp, không phải thư mục mẫu (mẫu là một thư mục chứa \
                         template.toml và body.md.hbs)",
                        "this is a file, not a template folder (a template is a folder holding \
                         template.toml and body.md.hbs)"
                    )
                } else {
                    tr!("không có thư mục này", "no such folder")
                },
            });
        }
        let read = |name: &str| -> Result<Option<String>, TemplateError> {
            let path = dir.join(name);
            match std::fs::read(&path) {
                Ok(bytes) => String::from_utf8(bytes)
                    .map(Some)
                    .map_err(|_| TemplateError::Io {
                        path: path.clone(),
                        message: tr!(
                            "tệp không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8",
                            "the file is not UTF-8 text; save it as UTF-8"
                        ),
                    }),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(TemplateError::Io {
                    path,
                    message: io_reason(&e),
                }),
            }
        };
        let missing = |name: &str| TemplateError::Io {
            path: dir.join(name),
            message: tr!(
                "thiếu tệp: thư mục mẫu nào cũng cần template.toml và body.md.hbs",
                "missing: every template folder needs template.toml and body.md.hbs"
            ),
        };
        let manifest_text = read(MANIFEST_FILE)?.ok_or_else(|| missing(MANIFEST_FILE))?;
        let body = read(BODY_FILE)?.ok_or_else(|| missing(BODY_FILE))?;
        let layout = read(LAYOUT_FILE)?;
        let manifest: Manifest =
            toml::from_str(&manifest_text).map_err(|e| manifest_error(dir, &manifest_text, &e))?;
        let manifest_spans = Spans::parse(&manifest_text);
        let mut appendix_bodies = Vec::new();
        for (i, a) in manifest.appendix.iter().enumerate() {
            let name = a.body.trim();
            let inside = std::path::Path::new(name)
                .components()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            if name.is_empty() || !inside {
                return Err(TemplateError::Manifest {
                    location: located(
                        dir,
                        &manifest_text,
                        manifest_spans.offset(&format!("appendix[{i}].body")),
                    ),
                    message: tr!(
                        "body của phụ lục \"{name}\" phải là tên một tệp trong thư mục mẫu",
                        "appendix body \"{name}\" must be a file name inside the template folder"
                    ),
                });
            }
            let text = read(name)?.ok_or_else(|| TemplateError::Io {
                path: dir.join(name),
                message: tr!(
                    "thiếu tệp: template.toml ghi tệp này là body của một phụ lục",
                    "missing: template.toml names it as an appendix body"
                ),
            })?;
            appendix_bodies.push((name.to_string(), text));
        }
        Ok(Template {
            dir: dir.to_path_buf(),
            manifest,
            manifest_text,
            manifest_spans,
            body,
            layout,
            appendix_bodies,
        })
    }

    /// Path of a file in the template folder, for messages.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Where a manifest field is written in template.toml, found by its span: `name` is
    /// the field's path as messages give it (`signature.name`, `signatures[1].title`,
    /// `data.tinh.kind`, `recipients[2]`). A field left to its default points at its
    /// table; line 0 when even that is not written.
    pub fn manifest_location(&self, name: &str) -> Location {
        let path = if name.starts_with("addressees[") || name.starts_with("recipients[") {
            format!("distribution.{name}")
        } else {
            name.to_string()
        };
        located(
            &self.dir,
            &self.manifest_text,
            self.manifest_spans.offset(&path),
        )
    }
}

/// The place of byte offset `at` of the manifest `text` (line 0 for none).
fn located(dir: &Path, text: &str, at: Option<usize>) -> Location {
    let file = dir.join(MANIFEST_FILE);
    match at {
        Some(at) => {
            let p = place_of(text, at);
            Location {
                file,
                line: p.line,
                column: p.column,
                source_line: Some(p.source_line),
            }
        }
        None => Location {
            file,
            line: 0,
            column: 0,
            source_line: None,
        },
    }
}

/// Every problem of a template.toml that does not read as a [`Manifest`], for `check`,
/// which reports them all at once: the first exactly as [`Template::load`] reports it;
/// then, the line of each key found wrong set aside (left blank, so later lines keep their
/// numbers), the next, for as long as the problems can be told apart. It stops at a
/// problem that setting a line aside could have made: the text no longer TOML (a value
/// over several lines), a field now missing (reported at its table's header), or a line
/// already reported. Empty when the text reads.
pub fn manifest_problems(dir: &Path, text: &str) -> Vec<TemplateError> {
    const MOST: usize = 20;
    let mut problems: Vec<TemplateError> = Vec::new();
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut current = text.to_string();
    while problems.len() < MOST {
        let Err(e) = toml::from_str::<Manifest>(&current) else {
            break;
        };
        let problem = manifest_error(dir, &current, &e);
        let line = match &problem {
            TemplateError::Manifest { location, .. } => location.line,
            _ => 0,
        };
        if !problems.is_empty() {
            let artefact = current.parse::<toml::Table>().is_err()
                || line == 0
                || lines
                    .get(line - 1)
                    .is_some_and(|l| l.trim_start().starts_with('['))
                || problems.iter().any(|p| {
                    matches!(p, TemplateError::Manifest { location, .. } if location.line == line)
                });
            if artefact {
                break;
            }
        }
        problems.push(problem);
        // Only a `key = value` line can be set aside; anything else ends the search.
        match lines.get_mut(line.wrapping_sub(1)) {
            Some(l) if l.contains('=') && !l.trim_start().starts_with('[') => l.clear(),
            _ => break,
        }
        current = lines.join("\n");
    }
    problems
}

/// A manifest that does not parse: a setting that is none of its values is said in our
/// words at its key ([`setting_error`], found by the error's span); anything else is
/// explained from its structure ([`crate::toml_explain`]) at the field it is about.
fn manifest_error(dir: &Path, text: &str, e: &toml::de::Error) -> TemplateError {
    let spans = Spans::parse(text);
    let setting = e.span().and_then(|span| {
        let (path, value) = spans.value_at(span.start)?;
        Some((setting_error(path, value)?, spans.offset(path)))
    });
    match setting {
        Some((message, at)) => TemplateError::Manifest {
            location: located(dir, text, at),
            message,
        },
        None => {
            let x = crate::toml_explain::explain::<Manifest>(&Text::same(MANIFEST_FILE), text, e);
            TemplateError::Manifest {
                location: located(dir, text, x.at),
                message: x.message,
            }
        }
    }
}

/// Finds the first place `word` appears as a whole word in `text`: (line, column,
/// source line), 1-based.
pub(crate) fn find_word(text: &str, word: &str) -> Option<(usize, usize, String)> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    for (i, line) in text.lines().enumerate() {
        let mut from = 0;
        while let Some(pos) = line[from..].find(word) {
            let start = from + pos;
            let end = start + word.len();
            let before_ok = line[..start]
                .chars()
                .next_back()
                .is_none_or(|c| !is_word(c));
            let after_ok = line[end..].chars().next().is_none_or(|c| !is_word(c));
            if before_ok && after_ok {
                return Some((i + 1, line[..start].chars().count() + 1, line.to_string()));
            }
            from = end;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<usize> {
        manifest_problems(Path::new("t"), text)
            .iter()
            .map(|p| match p {
                TemplateError::Manifest { location, .. } => location.line,
                _ => 0,
            })
            .collect()
    }

    const GOOD: &str = "[template]\nname = \"t\"\ntitle = \"T\"\noutput = \"x\"\n\n[header]\n\
                        agency = \"CỤC A\"\nsymbol = \"BC-A\"\nplace = \"Hà Nội\"\ndoc_type = \"BÁO CÁO\"\n\
                        summary = \"S\"\n\n[signature]\ntitle = \"CỤC TRƯỞNG\"\nname = \"A\"\n";

    #[test]
    fn every_wrong_key_is_found_and_what_setting_aside_makes_is_not() {
        if let Err(e) = toml::from_str::<Manifest>(GOOD) {
            panic!("the base reads: {e}");
        }
        assert_eq!(lines(GOOD), Vec::<usize>::new());
        // Three wrong keys, each on its own line.
        let three = GOOD.replace(
            "output = \"x\"\n",
            "output = \"x\"\nsizes = \"1/2/3\"\nform = \"nd99\"\nkhong_co = 1\n",
        );
        let mut found = lines(&three);
        found.sort_unstable();
        assert_eq!(found, vec![5, 6, 7]);
        // A required key of the wrong kind: once set aside it would be "missing"; that
        // is not reported, nor anything after it.
        let required = GOOD.replace("name = \"t\"", "name = 5");
        assert_eq!(lines(&required), vec![2]);
        // A wrong value in an array over several lines: setting its first line aside
        // leaves no TOML, and the search stops there without reporting that.
        let array = GOOD.replace(
            "output = \"x\"\n",
            "output = \"x\"\nsizes = [\n  1,\n]\nform = \"nd99\"\n",
        );
        let mut found = lines(&array);
        found.sort_unstable();
        assert_eq!(found, vec![5, 8], "{array}");
    }
}
