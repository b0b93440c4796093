//! The Handlebars helpers every template sees, and the one constructor of the registry
//! that renders templates: the renderer, `check`, `eval` and a batch's name patterns all
//! get theirs from [`registry`], so a helper added to a table is known everywhere.
//!
//! A helper's signature (what its first parameter and its list key must be, what it gives
//! back) is written once, in its table ([`defs`], [`crate::legal`]); `check`
//! follows the data through helpers and stands in for them by reading [`signature`].

use std::sync::Arc;

use handlebars::Handlebars;

pub mod defs;

pub use defs::{HELPERS, HelperSpec, Locate, Place, eval, eval_located, helper_names, register};

/// Handlebars' own helpers (registered by `Handlebars::new`).
pub const BUILTIN: &[&str] = &[
    "if", "unless", "each", "with", "lookup", "raw", "log", "eq", "ne", "gt", "gte", "lt", "lte",
    "and", "or", "not", "len",
];

/// What a helper's first parameter must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// Anything: text, a field.
    Any,
    /// A number (`num x`): the cell must hold one.
    Number,
    /// A date (`date d`).
    Date,
    /// A list of rows (`sum tinh "dan_so"`), and what its second parameter, a column key,
    /// must be.
    List(ListKey),
}

/// The column key a list helper takes as its second parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListKey {
    /// None (`count list`).
    None,
    /// A column the rows have (`where list "ma" "01"`).
    Column,
    /// A column of numbers (`sum list "dan_so"`).
    Numbers,
}

/// What a helper gives back, as far as `check` follows the data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gives {
    /// A value made by the helper (text, a number, a new list).
    Value,
    /// One row of its list (`top`, `find`).
    Row,
    /// Its list, filtered or sorted: rows of the same shape (`where`, `sort_vi`).
    List,
}

/// What a helper takes and gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    pub takes: Takes,
    pub gives: Gives,
}

impl Signature {
    pub const fn new(takes: Takes, gives: Gives) -> Signature {
        Signature { takes, gives }
    }
}

/// How a registry escapes what expressions print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    /// For Markdown: data never becomes markup (the body, appendix bodies).
    Markdown,
    /// Nothing: plain strings (header fields, file names, `eval`).
    None,
}

/// Whether a field the data lacks is an error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// As the renderer runs: a missing field is an error naming it.
    Strict,
    /// As `check` renders to look at the Markdown after it has reported the fields.
    Lenient,
}

/// The registry with every helper: Handlebars' own, the Vietnamese toolkit and the legal
/// drafting helpers. With `locator` (where each value of the data came from), a helper's
/// message names the workbook cell of a value it cannot use.
pub fn registry(
    escape: Escape,
    mode: Mode,
    locator: Option<Arc<dyn Locate>>,
) -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(mode == Mode::Strict);
    match escape {
        Escape::Markdown => hb.register_escape_fn(super::escape::markdown),
        Escape::None => hb.register_escape_fn(handlebars::no_escape),
    }
    defs::register_located(&mut hb, locator);
    crate::legal::register(&mut hb);
    hb
}

/// The names of our helpers (not Handlebars' own): data keys with these names are
/// shadowed in templates (write `this.date` to reach such a column).
pub fn names() -> impl Iterator<Item = &'static str> {
    defs::HELPERS
        .iter()
        .map(|h| h.name)
        .chain(crate::legal::HELPERS.iter().map(|(name, _)| *name))
}

/// Whether a template can call `name`.
pub fn is_helper(name: &str) -> bool {
    BUILTIN.contains(&name) || names().any(|n| n == name)
}

/// The signature of one of our helpers; `None` for Handlebars' own and unknown names.
pub fn signature(name: &str) -> Option<Signature> {
    defs::HELPERS
        .iter()
        .find(|h| h.name == name)
        .map(|h| h.signature)
        .or_else(|| {
            crate::legal::HELPERS
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| *s)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_listed_name_is_registered_and_no_other() {
        let hb = registry(Escape::None, Mode::Strict, None);
        for name in BUILTIN.iter().copied().chain(names()) {
            assert!(is_helper(name), "{name}");
            // A registered helper is called (and may fail on its arguments); an unknown
            // name in strict mode is a missing field or helper.
            let out = hb.render_template(&format!("{{{{{name} 1 2}}}}"), &json!({}));
            if let Err(e) = out {
                let unknown =
                    matches!(e.reason(), handlebars::RenderErrorReason::HelperNotFound(_));
                assert!(!unknown, "{name}: {e}");
            }
        }
        let unknown = hb
            .render_template("{{khong_co 1 2}}", &json!({}))
            .expect_err("an unknown helper");
        assert!(matches!(
            unknown.reason(),
            handlebars::RenderErrorReason::HelperNotFound(_)
        ));
        assert!(!is_helper("khong_co"));
        assert!(signature("if").is_none());
        assert_eq!(
            signature("sum"),
            Some(Signature::new(Takes::List(ListKey::Numbers), Gives::Value))
        );
    }
}
