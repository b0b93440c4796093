//! Walks a parsed Handlebars template and lists what it uses: every data path (resolved to
//! an absolute path through the `{{#each}}` / `{{#with}}` scopes it sits in), what each
//! path is used for (printed, iterated, given to a number helper), and every helper name
//! that is not registered.
//!
//! The walk does not look at data; [`super`] resolves the paths against a workbook's
//! context, or builds placeholder data from them when there is no workbook.

use handlebars::template::{HelperTemplate, Parameter, Template, TemplateElement};

use crate::template::helpers::{self, Gives, ListKey, Takes};

/// One step of an absolute data path.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Step {
    /// An object key.
    Key(String),
    /// Any element of a list (a row of a table).
    Item,
}

pub(crate) type AbsPath = Vec<Step>;

/// What a path is used for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum UseKind {
    /// Printed, tested by `#if`, or given to a helper that takes anything.
    Field,
    /// Iterated by `#each` or given to a list helper.
    List,
    /// Given to a helper that needs a number (`num`, `pct`, a `sum` key…).
    Number { helper: String },
    /// Given to a helper that needs a date.
    Date,
}

/// A data path the template uses.
#[derive(Debug, Clone)]
pub(crate) struct Use {
    /// Absolute path from the root of the context; `None` parts of the scope were unknown.
    pub path: AbsPath,
    /// The path as written (`ten_tinh`, `../meta.so`), or the quoted key (`"iip"`).
    pub raw: String,
    pub kind: UseKind,
    pub line: usize,
    pub column: usize,
    /// Inside `{{#if}}` on this same path: an empty value is never given to the helper.
    pub guarded: bool,
}

/// A helper name that is not registered.
#[derive(Debug, Clone)]
pub(crate) struct UnknownHelper {
    pub name: String,
    pub line: usize,
    pub column: usize,
}

/// What a template uses.
#[derive(Debug, Default)]
pub(crate) struct Uses {
    pub paths: Vec<Use>,
    pub unknown_helpers: Vec<UnknownHelper>,
}

/// Finds where a name is written, for messages.
pub(crate) struct Locator<'a> {
    text: &'a str,
    /// For a manifest string: the line of its key in template.toml; positions inside the
    /// string are then ignored and the name is searched from that line.
    fixed_line: Option<usize>,
}

impl<'a> Locator<'a> {
    /// Positions inside `text` itself (the body).
    pub fn body(text: &'a str) -> Self {
        Locator {
            text,
            fixed_line: None,
        }
    }

    /// A string of template.toml whose key is on `line` of `manifest_text`.
    pub fn manifest(manifest_text: &'a str, line: usize) -> Self {
        Locator {
            text: manifest_text,
            fixed_line: Some(line),
        }
    }

    /// (line, column), 1-based, of `needle` as a whole word at or after `from` (a template
    /// mapping position); the start position when not found.
    pub fn find(&self, from: Option<(usize, usize)>, needle: &str) -> (usize, usize) {
        let start = match self.fixed_line {
            Some(l) => (l.max(1), 1),
            None => from.unwrap_or((1, 1)),
        };
        if let Some(p) = find_from(self.text, start, needle) {
            return p;
        }
        if let Some(p) = find_from(self.text, (1, 1), needle) {
            return p;
        }
        start
    }
}

fn find_from(text: &str, (line, col): (usize, usize), needle: &str) -> Option<(usize, usize)> {
    if needle.is_empty() {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    for (i, l) in text.lines().enumerate().skip(line.saturating_sub(1)) {
        let skip_chars = if i + 1 == line {
            col.saturating_sub(1)
        } else {
            0
        };
        let offset = l.char_indices().nth(skip_chars).map_or(l.len(), |(b, _)| b);
        let mut from = offset;
        while let Some(pos) = l[from..].find(needle) {
            let s = from + pos;
            let e = s + needle.len();
            let first = needle.chars().next().is_some_and(is_word);
            let last = needle.chars().next_back().is_some_and(is_word);
            let before_ok = !first || l[..s].chars().next_back().is_none_or(|c| !is_word(c));
            let after_ok = !last || l[e..].chars().next().is_none_or(|c| !is_word(c));
            if before_ok && after_ok {
                return Some((i + 1, l[..s].chars().count() + 1));
            }
            from = e;
        }
    }
    None
}

/// Lists what `template` uses. `known` says whether a helper name is registered.
pub(crate) fn walk(
    template: &Template,
    locator: &Locator<'_>,
    known: &dyn Fn(&str) -> bool,
) -> Uses {
    let mut w = Walker {
        uses: Uses::default(),
        locator,
        known,
        scopes: vec![Some(Vec::new())],
        guards: Vec::new(),
    };
    w.template(template);
    w.uses
}

struct Walker<'a, 'l> {
    uses: Uses,
    locator: &'a Locator<'l>,
    known: &'a dyn Fn(&str) -> bool,
    /// The block scopes, innermost last; `None` when a scope's shape is unknown.
    scopes: Vec<Option<AbsPath>>,
    /// Paths tested by the enclosing `{{#if}}` blocks.
    guards: Vec<AbsPath>,
}

impl Walker<'_, '_> {
    fn template(&mut self, t: &Template) {
        let aligned = t.mapping.len() == t.elements.len();
        for (i, e) in t.elements.iter().enumerate() {
            let pos = if aligned {
                t.mapping.get(i).map(|m| (m.0, m.1))
            } else {
                None
            };
            self.element(e, pos);
        }
    }

    fn element(&mut self, e: &TemplateElement, pos: Option<(usize, usize)>) {
        match e {
            TemplateElement::Expression(h) | TemplateElement::HtmlExpression(h) => {
                self.expression(h, pos);
            }
            TemplateElement::HelperBlock(h) => self.block(h, pos),
            _ => {}
        }
    }

    fn expression(&mut self, h: &HelperTemplate, pos: Option<(usize, usize)>) {
        let name_only = h.params.is_empty() && h.hash.is_empty();
        match &h.name {
            Parameter::Path(_) if name_only => {
                self.param(&h.name, UseKind::Field, pos);
            }
            Parameter::Name(n) if name_only && !(self.known)(n) => {
                // `{{ten}}` parses as a name when it could be a helper; it is a field.
                self.field_name(n, pos);
            }
            _ => {
                self.helper_call(h, pos);
            }
        }
    }

    /// A name written alone, resolved as a field.
    fn field_name(&mut self, n: &str, pos: Option<(usize, usize)>) {
        if let Some(path) = self.resolve(n, 0, false) {
            let (line, column) = self.locator.find(pos, n);
            self.uses.paths.push(Use {
                path,
                raw: n.to_string(),
                kind: UseKind::Field,
                line,
                column,
                guarded: false,
            });
        }
    }

    /// `{{helper p1 p2 k=v}}` or a subexpression; returns the shape of its result when it
    /// is a row or a list of the data.
    fn helper_call(&mut self, h: &HelperTemplate, pos: Option<(usize, usize)>) -> Option<AbsPath> {
        let name = h.name.as_name().unwrap_or_default().to_string();
        if !(self.known)(&name) {
            let (line, column) = self.locator.find(pos, &name);
            self.uses.unknown_helpers.push(UnknownHelper {
                name: name.clone(),
                line,
                column,
            });
        }
        let signature = helpers::signature(&name);
        let takes = signature.map_or(Takes::Any, |s| s.takes);
        let list_key = match takes {
            Takes::List(key) => key,
            _ => ListKey::None,
        };
        let mut list_shape = None;
        for (i, p) in h.params.iter().enumerate() {
            let kind = match takes {
                _ if i > 0 => UseKind::Field,
                Takes::Number => UseKind::Number {
                    helper: name.clone(),
                },
                Takes::Date => UseKind::Date,
                Takes::List(_) => UseKind::List,
                Takes::Any => UseKind::Field,
            };
            let shape = self.param(p, kind, pos);
            if i == 0 {
                list_shape = shape;
            }
            // The key of a list helper: `sum tinh "ban_le"`.
            if i == 1
                && list_key != ListKey::None
                && let Parameter::Literal(serde_json::Value::String(key)) = p
                && let Some(list) = &list_shape
            {
                let mut path = list.clone();
                path.push(Step::Item);
                path.push(Step::Key(key.clone()));
                let (line, column) = self.locator.find(pos, &format!("\"{key}\""));
                self.uses.paths.push(Use {
                    path,
                    raw: key.clone(),
                    kind: if list_key == ListKey::Numbers {
                        UseKind::Number {
                            helper: name.clone(),
                        }
                    } else {
                        UseKind::Field
                    },
                    line,
                    column: column + 1,
                    guarded: false,
                });
            }
        }
        for p in h.hash.values() {
            self.param(p, UseKind::Field, pos);
        }
        let list = list_shape?;
        match signature?.gives {
            Gives::Row => {
                let mut row = list;
                row.push(Step::Item);
                Some(row)
            }
            Gives::List => Some(list),
            Gives::Value => None,
        }
    }

    /// Records a parameter's use; returns its shape (the absolute path it denotes).
    fn param(
        &mut self,
        p: &Parameter,
        kind: UseKind,
        pos: Option<(usize, usize)>,
    ) -> Option<AbsPath> {
        match p {
            Parameter::Path(path) => {
                let raw = match path {
                    handlebars::Path::Relative((_, raw)) => raw.clone(),
                    // @index, @first, @key…: block locals, not data.
                    handlebars::Path::Local(_) => return None,
                };
                let ups = raw.matches("../").count();
                let abs = self.resolve(&raw, ups, raw.starts_with("@root"))?;
                let (line, column) = self.locator.find(pos, raw.trim_start_matches("../"));
                let guarded = self.guards.contains(&abs);
                self.uses.paths.push(Use {
                    path: abs.clone(),
                    raw,
                    kind,
                    line,
                    column,
                    guarded,
                });
                Some(abs)
            }
            Parameter::Name(n) => {
                let abs = self.resolve(n, 0, false)?;
                let (line, column) = self.locator.find(pos, n);
                let guarded = self.guards.contains(&abs);
                self.uses.paths.push(Use {
                    path: abs.clone(),
                    raw: n.clone(),
                    kind,
                    line,
                    column,
                    guarded,
                });
                Some(abs)
            }
            Parameter::Subexpression(sub) => match sub.as_element() {
                TemplateElement::Expression(h) => {
                    if h.params.is_empty() && h.hash.is_empty() && !(self.known)(sub.name()) {
                        // `(field)` is a field lookup.
                        return self.param(&h.name, kind, pos);
                    }
                    self.helper_call(h, pos)
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The absolute path of `raw` in the current scope, `ups` scopes up (or from the root);
    /// `None` when the scope is unknown.
    fn resolve(&self, raw: &str, ups: usize, root: bool) -> Option<AbsPath> {
        let mut rest = raw;
        let mut base = if root {
            rest = rest.trim_start_matches("@root");
            Vec::new()
        } else {
            let i = self.scopes.len().checked_sub(1 + ups)?;
            self.scopes.get(i)?.clone()?
        };
        rest = rest.trim_start_matches("../");
        for seg in rest.split(['.', '/']) {
            let seg = seg.trim_start_matches('[').trim_end_matches(']');
            if seg.is_empty() || seg == "this" {
                continue;
            }
            if seg.starts_with('@') {
                return None;
            }
            base.push(Step::Key(seg.to_string()));
        }
        Some(base)
    }

    fn block(&mut self, h: &HelperTemplate, pos: Option<(usize, usize)>) {
        let name = h.name.as_name().unwrap_or_default().to_string();
        let inner_scope = match name.as_str() {
            "each" | "with" => {
                let kind = if name == "each" {
                    UseKind::List
                } else {
                    UseKind::Field
                };
                let shape = match h.params.first() {
                    Some(p) => self.param(p, kind, pos),
                    None => None,
                };
                for p in h.params.iter().skip(1).chain(h.hash.values()) {
                    self.param(p, UseKind::Field, pos);
                }
                match (&h.block_param, name.as_str()) {
                    // `as |row|`: names we do not track.
                    (Some(_), _) => None,
                    (None, "each") => shape.map(|mut s| {
                        s.push(Step::Item);
                        s
                    }),
                    (None, _) => shape,
                }
            }
            _ => {
                self.helper_call(h, pos);
                self.scopes.last().cloned().flatten()
            }
        };
        let guard = match (name.as_str(), h.params.first()) {
            (
                "if",
                Some(handlebars::template::Parameter::Path(handlebars::Path::Relative((_, raw)))),
            ) => self.resolve(raw, raw.matches("../").count(), raw.starts_with("@root")),
            _ => None,
        };
        if let Some(t) = &h.template {
            self.scopes.push(inner_scope);
            if let Some(g) = &guard {
                self.guards.push(g.clone());
            }
            self.template(t);
            if guard.is_some() {
                self.guards.pop();
            }
            self.scopes.pop();
        }
        if let Some(t) = &h.inverse {
            self.template(t);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uses(src: &str) -> Uses {
        let t = Template::compile(src).unwrap();
        walk(&t, &Locator::body(src), &helpers::is_helper)
    }

    fn key(s: &str) -> Step {
        Step::Key(s.into())
    }

    #[test]
    fn scopes_of_each_and_with() {
        let u = uses(
            "{{meta.so}}\n{{#each tinh}}\n| {{num iip 1}} | {{../meta.thang}} | {{@index}}\n{{/each}}\n\
             {{#with (top tinh \"iip\")}}{{ten}}{{/with}}",
        );
        let paths: Vec<_> = u
            .paths
            .iter()
            .map(|u| (u.path.clone(), u.kind.clone()))
            .collect();
        assert!(paths.contains(&(vec![key("meta"), key("so")], UseKind::Field)));
        assert!(paths.contains(&(vec![key("tinh")], UseKind::List)));
        assert!(paths.contains(&(
            vec![key("tinh"), Step::Item, key("iip")],
            UseKind::Number {
                helper: "num".into()
            }
        )));
        assert!(paths.contains(&(vec![key("meta"), key("thang")], UseKind::Field)));
        assert!(paths.contains(&(vec![key("tinh"), Step::Item, key("ten")], UseKind::Field)));
        let iip = u.paths.iter().find(|u| u.raw == "iip").unwrap();
        assert_eq!((iip.line, iip.column), (3, 9));
        assert!(u.unknown_helpers.is_empty());
    }

    #[test]
    fn unknown_helpers_are_found_in_subexpressions() {
        let u = uses("a {{nums x}}\n{{#each (sortt rows)}}{{y}}{{/each}}");
        let names: Vec<_> = u
            .unknown_helpers
            .iter()
            .map(|h| (h.name.as_str(), h.line, h.column))
            .collect();
        assert_eq!(names, vec![("nums", 1, 5), ("sortt", 2, 10)]);
    }
}
