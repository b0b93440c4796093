//! `amendments`: the Handlebars face of [`super::amendments`].
//!
//! ```text
//! {{#each (amendments sua_doi)}}
//! {{so}}. {{tieu_de}}
//! {{#if trich_dan}}{{trich_dan}}{{/if}}
//! {{/each}}
//! ```
//!
//! Column keys default to `don_vi`, `hanh_dong`, `quy_dinh_hien_hanh`, `du_thao`; hash
//! options `unit=`, `action=`, `current=`, `new=` name other columns. Each item has `so`
//! (its number), `tieu_de` (the sentence), `trich_dan` (the quoted new text, or empty, on
//! one line), `trich_dan_doan` (the same as paragraphs: `{text, dieu}` for each line of the
//! cell, the Điều title, each khoản and điểm its own, `dieu` true on an article's title),
//! `don_vi` (the unit it is about, e.g. "khoản 2a Điều 5") and `row` (the sheet row).

use handlebars::{Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, ScopedJson};
use serde_json::{Value, json};

use super::{AmendmentRow, amendments};
use crate::i18n::{Bilingual, Text, helper_error};
use crate::template::helpers::{Gives, Signature, Takes};
use crate::tr;

struct Amendments;

fn text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

impl HelperDef for Amendments {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let fail = |m: Text| helper_error("amendments", m);
        let list = h
            .param(0)
            .and_then(|p| p.value().as_array())
            .ok_or_else(|| {
                fail(tr!(
                    "tham số đầu tiên phải là một bảng, ví dụ (amendments sua_doi)",
                    "the first parameter must be a table, e.g. (amendments sua_doi)"
                ))
            })?;
        let key = |name: &str, default: &str| {
            h.hash_get(name)
                .and_then(|v| v.value().as_str())
                .unwrap_or(default)
                .to_string()
        };
        let (ku, ka, kc, kn) = (
            key("unit", "don_vi"),
            key("action", "hanh_dong"),
            key("current", "quy_dinh_hien_hanh"),
            key("new", "du_thao"),
        );
        let rows: Vec<AmendmentRow> = list
            .iter()
            .map(|r| AmendmentRow {
                unit: text(r.get(&ku)),
                action: text(r.get(&ka)),
                current: text(r.get(&kc)),
                new: text(r.get(&kn)),
            })
            .collect();
        let items = amendments(&rows).map_err(|e| fail(e.text()))?;
        let out: Vec<Value> = items
            .iter()
            .map(|a| {
                json!({
                    "so": a.number,
                    "tieu_de": a.heading,
                    "trich_dan": a.quoted.clone().unwrap_or_default(),
                    "trich_dan_doan": paragraphs(a.quoted.as_deref().unwrap_or_default()),
                    "don_vi": a.unit.to_string(),
                    "row": list.get(a.row).cloned().unwrap_or(Value::Null),
                })
            })
            .collect();
        Ok(ScopedJson::Derived(Value::Array(out)))
    }
}

/// The quoted wording as the paragraphs it prints as: each line of the cell (the Điều's
/// title, each khoản, each điểm) its own paragraph, the quotes on the first and the last;
/// `dieu` marks an article's title line ("“Điều 5a. Khuyến công xanh"), printed bold.
fn paragraphs(quoted: &str) -> Vec<Value> {
    quoted
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, line)| {
            let title = i == 0 && line.trim_start_matches('“').starts_with("Điều ");
            let more = quoted.lines().filter(|l| !l.trim().is_empty()).count() > 1;
            json!({ "text": line, "dieu": title && more })
        })
        .collect()
}

/// Registers the legal drafting helpers.
/// The legal drafting helpers with their signatures
/// ([`crate::template::helpers::signature`]). `amendments` takes the rows of a sheet and
/// gives new items, not rows of that sheet.
pub const HELPERS: &[(&str, Signature)] =
    &[("amendments", Signature::new(Takes::Any, Gives::Value))];

pub fn register(hb: &mut Handlebars<'_>) {
    hb.register_helper("amendments", Box::new(Amendments));
}

#[cfg(test)]
mod tests {
    use super::paragraphs;

    /// An inserted article: its title its own bold paragraph, each khoản its own.
    #[test]
    fn quoted_units_keep_their_lines() {
        let p = paragraphs("“Điều 5a. Khuyến công xanh\n1. Hỗ trợ;\n\na) điểm a.”");
        let texts: Vec<&str> = p.iter().filter_map(|v| v["text"].as_str()).collect();
        assert_eq!(
            texts,
            ["“Điều 5a. Khuyến công xanh", "1. Hỗ trợ;", "a) điểm a.”"]
        );
        assert_eq!(p[0]["dieu"], true);
        assert_eq!(p[1]["dieu"], false);
        // One line is one paragraph, not a title.
        let p = paragraphs("“Điều 5 được bãi bỏ.”");
        assert_eq!(p.len(), 1);
        assert_eq!(p[0]["dieu"], false);
        assert!(paragraphs("").is_empty());
    }
}
