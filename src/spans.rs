//! Where each key of a TOML file (template.toml, a batch file) is written, so that a
//! message about a field points at that field's own line and column.
//!
//! The typed structs are read by serde as before; this is a second, spanned read of the
//! same text (toml's `DeTable`), indexed by the field's path as messages name it:
//! `template.name`, `signature.name`, `signatures[1].title`, `data.tinh.kind`,
//! `distribution.recipients[2]`, `job[0].formats`. Searching the text for a key's name
//! cannot tell `[signature] name` from `[template] name`; a path can.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

/// The places of every key and array element of one TOML text.
#[derive(Debug, Clone, Default)]
pub struct Spans {
    /// The text, for turning offsets into lines and columns.
    text: String,
    /// path → byte offset of the key (of the value, for an array element).
    places: HashMap<String, usize>,
    /// Every string value: its span, its path and the string.
    strings: Vec<(Range<usize>, String, String)>,
}

/// A place in a text: 1-based line and column (in characters) and the line itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
    pub source_line: String,
}

impl Spans {
    /// Indexes `text`; a text that is not valid TOML gives an empty index (its parse error
    /// is reported, with its own span, by the typed read).
    pub fn parse(text: &str) -> Spans {
        let mut index = Index::default();
        if let Ok(root) = DeTable::parse(text) {
            index.table(root.get_ref(), "");
        }
        Spans {
            text: text.to_string(),
            places: index.places,
            strings: index.strings,
        }
    }

    /// The string value written at byte offset `at` (a parser's error span), with its
    /// path: which field a value error is about.
    pub fn value_at(&self, at: usize) -> Option<(&str, &str)> {
        self.strings
            .iter()
            .filter(|(span, _, _)| span.start <= at && at < span.end.max(span.start + 1))
            .min_by_key(|(span, _, _)| span.len())
            .map(|(_, path, value)| (path.as_str(), value.as_str()))
    }

    /// The byte offset of `path`, or of its nearest written ancestor when the field itself
    /// is not written (a default): a missing `signatures[0].title` points at that
    /// `[[signatures]]` block.
    pub fn offset(&self, path: &str) -> Option<usize> {
        let mut path = path;
        loop {
            if let Some(&at) = self.places.get(path) {
                return Some(at);
            }
            path = parent(path)?;
        }
    }

    /// [`Spans::offset`] as a line and column.
    pub fn place(&self, path: &str) -> Option<Place> {
        self.offset(path).map(|at| place_of(&self.text, at))
    }

    /// `file:line:column` of `path`, for messages that start with the place (a batch
    /// file's); `file` alone when the field is not written.
    pub fn file_place(&self, file: &std::path::Path, path: &str) -> std::path::PathBuf {
        match self.place(path) {
            Some(p) => format!("{}:{}:{}", file.display(), p.line, p.column).into(),
            None => file.to_path_buf(),
        }
    }
}

/// The line, column and source line of byte offset `at` in `text`.
pub fn place_of(text: &str, at: usize) -> Place {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let source_line = text.lines().nth(line - 1).unwrap_or("").to_string();
    Place {
        line,
        column,
        source_line,
    }
}

/// `a.b[2].c` → `a.b[2]` → `a.b` → `a` → none.
fn parent(path: &str) -> Option<&str> {
    if path.ends_with(']') {
        return path.rfind('[').map(|i| &path[..i]);
    }
    path.rfind(['.', '[']).map(|i| &path[..i])
}

fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

#[derive(Default)]
struct Index {
    places: HashMap<String, usize>,
    strings: Vec<(Range<usize>, String, String)>,
}

impl Index {
    fn table(&mut self, table: &DeTable<'_>, prefix: &str) {
        for (key, value) in table.iter() {
            let path = join(prefix, key.get_ref());
            // The first place a table is named wins (`[data.tinh]` before its keys).
            self.places.entry(path.clone()).or_insert(key.span().start);
            self.value(value.get_ref(), value.span(), &path);
        }
    }

    fn value(&mut self, value: &DeValue<'_>, span: Range<usize>, path: &str) {
        match value {
            DeValue::Table(t) => self.table(t, path),
            DeValue::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    let path = format!("{path}[{i}]");
                    self.places.insert(path.clone(), item.span().start);
                    self.value(item.get_ref(), item.span(), &path);
                }
            }
            DeValue::String(s) => self.strings.push((span, path.to_string(), s.to_string())),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
[template]
name = \"a\"
title = \"T\"

[data.tinh]
sheet = \"Tỉnh\"
kind = \"bảng\"

[signature]
title = \"CỤC TRƯỞNG\"
name = \"\"

[[signatures]]
name = \"X\"

[[signatures]]
title = \"Y\"
  name = \"Z\"

[distribution]
recipients = [\"Như trên\", \"Lưu: VT\"]
";

    fn at(path: &str) -> (usize, usize) {
        let p = Spans::parse(TEXT).place(path).expect(path);
        (p.line, p.column)
    }

    #[test]
    fn each_field_has_its_own_place() {
        assert_eq!(at("template.name"), (2, 1));
        assert_eq!(at("signature.name"), (11, 1));
        assert_eq!(at("signature.title"), (10, 1));
        assert_eq!(at("data.tinh.kind"), (7, 1));
        assert_eq!(at("signatures[1].name"), (18, 3));
        assert_eq!(at("signatures[0].name"), (14, 1));
        assert_eq!(at("distribution.recipients[1]"), (21, 27));
    }

    #[test]
    fn an_unwritten_field_points_at_its_table() {
        // signatures[0] has no title: its [[signatures]] block.
        let (line, _) = at("signatures[0].title");
        assert_eq!(line, 13);
        let (line, _) = at("signature.head");
        assert_eq!(line, 9);
        assert!(Spans::parse(TEXT).place("page.landscape").is_none());
    }

    #[test]
    fn a_value_span_names_its_field() {
        let s = Spans::parse(TEXT);
        let at = TEXT.find("\"bảng\"").unwrap();
        assert_eq!(s.value_at(at + 1), Some(("data.tinh.kind", "bảng")));
        let at = TEXT.find("\"Lưu: VT\"").unwrap();
        assert_eq!(
            s.value_at(at),
            Some(("distribution.recipients[1]", "Lưu: VT"))
        );
        assert_eq!(s.value_at(0), None);
    }

    #[test]
    fn broken_toml_gives_no_places_and_no_panic() {
        let s = Spans::parse("[template\nname = ");
        assert!(s.offset("template.name").is_none());
        let p = place_of("ngày\ntháng", 100);
        assert_eq!((p.line, p.source_line.as_str()), (2, "tháng"));
    }
}
