//! Why a TOML text (template.toml, a batch file, a ```chart block's settings) does not
//! read, said in both languages from what is known structurally — never by reading the
//! parser's English back.
//!
//! Two layers. A text that is not TOML at all gets a plain sentence with the line and
//! column of the parser's span, and a hint from our own look at the source line there (an
//! unquoted value, a missing `=`, a key or table written twice, an unclosed string or
//! table name); the parser's own words appear only in the English, untranslated. A text
//! that is TOML but does not fit the typed struct is read a second time through a small
//! deserializer of ours whose error type serde tells *what* is wrong (a missing field, an
//! unknown one with the fields allowed, a value of the wrong kind) and *where* (the field's
//! path, located by [`crate::spans::Spans`]).

use std::fmt;

use serde::de::value::{MapDeserializer, SeqDeserializer, StrDeserializer};
use serde::de::{self, DeserializeOwned, Deserializer, IntoDeserializer, Unexpected, Visitor};
use toml::Value;

use crate::i18n::Text;
use crate::spans::{Spans, place_of};
use crate::tr;

/// Why a text does not read, and the byte offset it is about (none when unknown).
#[derive(Debug, Clone)]
pub struct Explained {
    pub at: Option<usize>,
    pub message: Text,
}

/// Explains `e`, the error of reading `text` (called `name` in messages) as a `T`.
pub fn explain<T: DeserializeOwned>(name: &Text, text: &str, e: &toml::de::Error) -> Explained {
    let parser_at = e.span().map(|s| s.start);
    let table = match text.parse::<toml::Table>() {
        Ok(t) => t,
        Err(syntax) => {
            let at = syntax.span().map(|s| s.start).or(parser_at);
            return Explained {
                at,
                message: syntax_message(name, text, at, syntax.message()),
            };
        }
    };
    let shape = match T::deserialize(ValueDe::root(&table)) {
        Err(shape) => shape,
        // Our read accepts what the parser refused: say only where.
        Ok(_) => Shape {
            kind: Kind::Other(e.message().trim().to_string()),
            path: None,
        },
    };
    let spans = Spans::parse(text);
    let field_at = Some(shape.place())
        .filter(|p| !p.is_empty())
        .and_then(|p| spans.offset(&p));
    // A wrong value is shown where the value is (the parser's span); a missing or unknown
    // field where its table or key is.
    let at = match shape.kind {
        Kind::Missing(_) | Kind::Unknown(..) => field_at.or(parser_at),
        _ => parser_at.or(field_at),
    };
    Explained {
        at,
        message: shape.text(),
    }
}

/// "template.toml is not valid TOML at line L, column C", with our hint when the source
/// line shows one.
fn syntax_message(name: &Text, text: &str, at: Option<usize>, detail: &str) -> Text {
    let detail = detail.trim();
    let Some(at) = at else {
        return tr!(
            "{name} không đúng cú pháp TOML",
            "{name} is not valid TOML ({detail})";
            name = name
        );
    };
    let p = place_of(text, at);
    let (line, column) = (p.line, p.column);
    let hint = match syntax_hint(text, line) {
        Some(h) => tr!(": {h}", ": {h}"; h = h),
        None => Text::default(),
    };
    tr!(
        "{name} không đúng cú pháp TOML ở dòng {line}, cột {column}{hint}",
        "{name} is not valid TOML at line {line}, column {column}{hint} (parser: {detail})";
        name = name,
        hint = hint
    )
}

/// What the source line `line` (1-based) shows is wrong, by our own look at it.
fn syntax_hint(text: &str, line: usize) -> Option<Text> {
    let lines: Vec<&str> = text.lines().collect();
    let src = lines.get(line.checked_sub(1)?)?.trim();
    if src.is_empty() || src.starts_with('#') {
        return None;
    }
    // The table this line is in, and the lines before it in that table.
    let table_start = lines[..line - 1]
        .iter()
        .rposition(|l| l.trim_start().starts_with('['))
        .map_or(0, |i| i + 1);
    if src.starts_with('[') {
        let close = if src.starts_with("[[") { "]]" } else { "]" };
        if !src.contains(close) {
            return Some(tr!(
                "tên bảng [ … ] thiếu dấu \"{close}\" đóng",
                "the table name [ … ] lacks its closing \"{close}\""
            ));
        }
        if !src.starts_with("[[")
            && let Some(n) = lines[..line - 1].iter().position(|l| l.trim() == src)
        {
            let n = n + 1;
            return Some(tr!(
                "bảng {src} đã được viết ở dòng {n}; mỗi bảng chỉ viết một lần",
                "the table {src} is already written at line {n}; write each table once"
            ));
        }
        return None;
    }
    let Some((key, value)) = src.split_once('=') else {
        return Some(tr!(
            "thiếu dấu \"=\" giữa tên trường và giá trị (ví dụ title = \"Báo cáo\")",
            "a \"=\" is missing between the key and its value (e.g. title = \"Báo cáo\")"
        ));
    };
    let (key, value) = (key.trim(), value.trim());
    let earlier = (table_start..line - 1).find(|&i| {
        let l = lines[i].trim_start();
        !l.starts_with('#') && l.split_once('=').is_some_and(|(k, _)| k.trim() == key)
    });
    if let Some(i) = earlier {
        let n = i + 1;
        return Some(tr!(
            "trường {key} đã được viết ở dòng {n}; mỗi trường chỉ viết một lần",
            "the key {key} is already written at line {n}; write each key once"
        ));
    }
    if value.is_empty() {
        return Some(tr!(
            "chưa có giá trị sau dấu \"=\"",
            "there is no value after the \"=\""
        ));
    }
    if value.starts_with('"') && !value.starts_with("\"\"\"") {
        let quotes = value.chars().filter(|&c| c == '"').count() - value.matches("\\\"").count();
        if quotes % 2 == 1 {
            return Some(tr!(
                "chuỗi chữ thiếu dấu ngoặc kép đóng",
                "the text lacks its closing double quote"
            ));
        }
        if value.contains('\\') {
            return Some(tr!(
                "sau dấu \\ phải là một ký tự thoát (\\n, \\\", \\\\ …); muốn viết chính dấu \\ \
                 thì viết \\\\",
                "a \\ starts an escape (\\n, \\\", \\\\ …); write \\\\ for the \\ itself"
            ));
        }
    }
    let first = value.chars().next()?;
    if first.is_alphabetic() && !["true", "false", "inf", "nan"].contains(&value) {
        return Some(tr!(
            "giá trị chữ phải đặt trong dấu ngoặc kép, ví dụ {key} = \"{value}\"",
            "a text value goes in double quotes, e.g. {key} = \"{value}\""
        ));
    }
    None
}

/// What serde found wrong in a text that is TOML, and at which field.
#[derive(Debug)]
struct Shape {
    kind: Kind,
    /// The field's path as [`Spans`] names it (`signatures[1].title`); the innermost wins.
    path: Option<String>,
}

#[derive(Debug)]
enum Kind {
    Missing(String),
    Unknown(String, &'static [&'static str]),
    Type(Found, String),
    Value(Found, String),
    Variant(String, &'static [&'static str]),
    Other(String),
}

/// The value serde met, owned.
#[derive(Debug)]
enum Found {
    Bool(bool),
    Number(String),
    Text(String),
    List,
    Table,
    Other(String),
}

impl Found {
    fn of(u: Unexpected<'_>) -> Found {
        match u {
            Unexpected::Bool(b) => Found::Bool(b),
            Unexpected::Signed(i) => Found::Number(i.to_string()),
            Unexpected::Unsigned(i) => Found::Number(i.to_string()),
            Unexpected::Float(f) => Found::Number(f.to_string()),
            Unexpected::Str(s) => Found::Text(s.to_string()),
            Unexpected::Char(c) => Found::Text(c.to_string()),
            Unexpected::Seq => Found::List,
            Unexpected::Map => Found::Table,
            other => Found::Other(other.to_string()),
        }
    }

    fn text(&self) -> Text {
        match self {
            Found::Bool(b) => tr!("giá trị {b}", "the value {b}"),
            Found::Number(n) => tr!("số {n}", "the number {n}"),
            Found::Text(s) => tr!("chữ \"{s}\"", "the text \"{s}\""),
            Found::List => tr!("một danh sách [ … ]", "a list [ … ]"),
            Found::Table => tr!("một bảng", "a table"),
            Found::Other(s) => Text::same(s.clone()),
        }
    }
}

impl Shape {
    fn at(mut self, path: &str) -> Shape {
        if self.path.is_none() {
            self.path = Some(path.to_string());
        }
        self
    }

    /// The path of what the message is about: an unknown field's own key, else the
    /// field (or, for a missing field, the table) the error was raised in.
    fn place(&self) -> String {
        let path = self.path.clone().unwrap_or_default();
        match &self.kind {
            Kind::Unknown(field, _) if path.is_empty() => field.clone(),
            Kind::Unknown(field, _) => format!("{path}.{field}"),
            _ => path,
        }
    }

    fn text(&self) -> Text {
        let path = self.path.as_deref().unwrap_or("");
        let full = |field: &str| {
            if path.is_empty() {
                field.to_string()
            } else {
                format!("{path}.{field}")
            }
        };
        let list = |names: &[&str]| names.join(", ");
        match &self.kind {
            Kind::Missing(field) => {
                let field = full(field);
                tr!("thiếu trường {field}", "the field {field} is missing")
            }
            Kind::Unknown(field, allowed) => {
                let field = full(field);
                if allowed.is_empty() {
                    tr!(
                        "không dùng được trường {field} ở đây",
                        "{field} is not a field here"
                    )
                } else {
                    let allowed = list(allowed);
                    tr!(
                        "không dùng được trường {field} ở đây; các trường dùng được: {allowed}",
                        "{field} is not a field here; the fields are: {allowed}"
                    )
                }
            }
            Kind::Type(found, expected) => tr!(
                "{path}: {found} không đúng kiểu giá trị của trường này",
                "{path}: {found} is not the kind of value this field takes ({expected})";
                found = found.text()
            ),
            Kind::Value(found, expected) => tr!(
                "{path}: {found} không phải giá trị hợp lệ của trường này",
                "{path}: {found} is not a valid value of this field ({expected})";
                found = found.text()
            ),
            Kind::Variant(value, allowed) => {
                let allowed = list(allowed);
                tr!(
                    "{path}: không dùng được \"{value}\"; dùng một trong: {allowed}",
                    "{path}: \"{value}\" cannot be used; use one of: {allowed}"
                )
            }
            Kind::Other(detail) => tr!(
                "{path}: giá trị không hợp lệ",
                "{path}: the value is not valid ({detail})"
            ),
        }
    }
}

impl fmt::Display for Shape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for Shape {}

impl de::Error for Shape {
    fn custom<T: fmt::Display>(msg: T) -> Shape {
        Shape {
            kind: Kind::Other(msg.to_string()),
            path: None,
        }
    }

    fn missing_field(field: &'static str) -> Shape {
        Shape {
            kind: Kind::Missing(field.to_string()),
            path: None,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Shape {
        Shape {
            kind: Kind::Unknown(field.to_string(), expected),
            path: None,
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Shape {
        Shape {
            kind: Kind::Variant(variant.to_string(), expected),
            path: None,
        }
    }

    fn invalid_type(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Shape {
        Shape {
            kind: Kind::Type(Found::of(unexp), exp.to_string()),
            path: None,
        }
    }

    fn invalid_value(unexp: Unexpected<'_>, exp: &dyn de::Expected) -> Shape {
        Shape {
            kind: Kind::Value(Found::of(unexp), exp.to_string()),
            path: None,
        }
    }
}

/// A TOML value read by serde with [`Shape`] errors, knowing its path.
struct ValueDe<'a> {
    value: ValueRef<'a>,
    path: String,
}

#[derive(Clone, Copy)]
enum ValueRef<'a> {
    Value(&'a Value),
    Table(&'a toml::Table),
}

impl<'a> ValueDe<'a> {
    fn root(table: &'a toml::Table) -> ValueDe<'a> {
        ValueDe {
            value: ValueRef::Table(table),
            path: String::new(),
        }
    }

    fn child(&self, value: &'a Value, key: &str) -> ValueDe<'a> {
        ValueDe {
            value: ValueRef::Value(value),
            path: if self.path.is_empty() {
                key.to_string()
            } else {
                format!("{}.{key}", self.path)
            },
        }
    }
}

impl<'de> IntoDeserializer<'de, Shape> for ValueDe<'_> {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

impl<'de> Deserializer<'de> for ValueDe<'_> {
    type Error = Shape;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Shape> {
        let path = self.path.clone();
        let table = |t: &toml::Table, visitor: V| {
            visitor.visit_map(MapDeserializer::new(
                t.iter().map(|(k, v)| (k.as_str(), self.child(v, k))),
            ))
        };
        let result =
            match self.value {
                ValueRef::Table(t) => table(t, visitor),
                ValueRef::Value(v) => match v {
                    Value::String(s) => visitor.visit_str(s),
                    Value::Integer(i) => visitor.visit_i64(*i),
                    Value::Float(f) => visitor.visit_f64(*f),
                    Value::Boolean(b) => visitor.visit_bool(*b),
                    Value::Datetime(d) => visitor.visit_string(d.to_string()),
                    Value::Array(a) => visitor.visit_seq(SeqDeserializer::new(
                        a.iter().enumerate().map(|(i, v)| ValueDe {
                            value: ValueRef::Value(v),
                            path: format!("{path}[{i}]"),
                        }),
                    )),
                    Value::Table(t) => table(t, visitor),
                },
            };
        result.map_err(|e| e.at(&path))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Shape> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Shape> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Shape> {
        match self.value {
            ValueRef::Value(Value::String(s)) => {
                let name: StrDeserializer<'_, Shape> = s.as_str().into_deserializer();
                visitor.visit_enum(name).map_err(|e| e.at(&self.path))
            }
            _ => self.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
        byte_buf unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        template: Info,
        #[serde(default)]
        signatures: Vec<Sig>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Info {
        name: String,
        #[serde(default)]
        count: u32,
        #[serde(default)]
        changes: Option<Changes>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(rename_all = "kebab-case")]
    enum Changes {
        Marks,
        Revisions,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Sig {
        name: String,
    }

    fn explained(text: &str) -> (usize, Text) {
        let e = toml::from_str::<Doc>(text).expect_err("an error");
        let x = explain::<Doc>(&Text::same("template.toml"), text, &e);
        let line = x.at.map_or(0, |at| place_of(text, at).line);
        (line, x.message)
    }

    #[test]
    fn syntax_errors_say_line_and_column_in_both_languages_with_our_hint() {
        let (line, m) = explained("[template]\nname = Báo cáo\n");
        assert_eq!(line, 2);
        assert!(
            m.vi.starts_with("template.toml không đúng cú pháp TOML ở dòng 2, cột 8: giá trị chữ phải đặt trong dấu ngoặc kép, ví dụ name = \"Báo cáo\""),
            "{}",
            m.vi
        );
        assert!(
            m.en.starts_with("template.toml is not valid TOML at line 2, column 8: a text value goes in double quotes, e.g. name = \"Báo cáo\" (parser: "),
            "{}",
            m.en
        );
        let (_, m) = explained("[template]\nname \"x\"\n");
        assert!(m.vi.contains("thiếu dấu \"=\""), "{}", m.vi);
        assert!(m.en.contains("a \"=\" is missing"), "{}", m.en);
        let (_, m) = explained("[template]\nname = \"a\"\nname = \"b\"\n");
        assert!(
            m.vi.contains("trường name đã được viết ở dòng 2"),
            "{}",
            m.vi
        );
        assert!(
            m.en.contains("key name is already written at line 2"),
            "{}",
            m.en
        );
        let (_, m) = explained("[template]\nname = \"a\n");
        assert!(m.vi.contains("thiếu dấu ngoặc kép đóng"), "{}", m.vi);
        let (_, m) = explained("[template\nname = \"a\"\n");
        assert!(m.vi.contains("thiếu dấu \"]\""), "{}", m.vi);
        let (_, m) = explained("[template]\nname = \"a\"\n[template]\n");
        assert!(
            m.en.contains("table [template] is already written at line 1"),
            "{}",
            m.en
        );
        // No hint: the plain sentence, the parser's words only in the English.
        let (_, m) = explained("[template]\nname = \"a\"\ncount = 1__2\n");
        assert_eq!(
            m.vi,
            "template.toml không đúng cú pháp TOML ở dòng 3, cột 10"
        );
        assert!(m.en.contains("(parser: "), "{}", m.en);
    }

    #[test]
    fn shape_errors_name_the_field_at_its_place() {
        let (line, m) = explained("[template]\ncount = 2\n");
        assert_eq!(line, 1);
        assert_eq!(m.vi, "thiếu trường template.name");
        assert_eq!(m.en, "the field template.name is missing");
        let (line, m) = explained("[template]\nname = \"a\"\ntitel = \"b\"\n");
        assert_eq!(line, 3);
        assert_eq!(
            m.vi,
            "không dùng được trường template.titel ở đây; các trường dùng được: name, count, \
             changes"
        );
        assert!(
            m.en.starts_with("template.titel is not a field here"),
            "{}",
            m.en
        );
        let (line, m) = explained("[template]\nname = \"a\"\ncount = \"5\"\n");
        assert_eq!(line, 3);
        assert_eq!(
            m.vi,
            "template.count: chữ \"5\" không đúng kiểu giá trị của trường này"
        );
        assert!(m.en.contains("the text \"5\" is not the kind"), "{}", m.en);
        let (line, m) = explained("[template]\nname = \"a\"\nchanges = \"tracked\"\n");
        assert_eq!(line, 3);
        assert_eq!(
            m.vi,
            "template.changes: không dùng được \"tracked\"; dùng một trong: marks, revisions"
        );
        let (line, m) = explained(
            "[template]\nname = \"a\"\n\n[[signatures]]\nname = \"x\"\n\n[[signatures]]\nten = \"y\"\n",
        );
        assert_eq!(line, 7);
        assert_eq!(m.en, "the field signatures[1].name is missing");
    }
}
