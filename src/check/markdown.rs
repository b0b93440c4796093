//! The Markdown side of `check`: the body rendered leniently (with stand-ins for helpers
//! that failed on the data) and read as the writers read it, each problem mapped back to
//! its template line.

use std::path::Path;

use handlebars::Handlebars;
use serde_json::Value as Json;

use crate::document;
use crate::template::helpers::{self, Escape, Gives, Mode};
use crate::tr;

use super::{Checker, Severity};

impl Checker {
    /// Renders the body (leniently: problems found above must not hide Markdown ones) and
    /// reads it as the writers do.
    pub(super) fn check_markdown(
        &mut self,
        body_file: &Path,
        body: &str,
        ctx: &Json,
        placeholder: bool,
    ) {
        let mut hb = helpers::registry(Escape::Markdown, Mode::Lenient, None);
        let body_file = body_file.to_path_buf();
        // With the real helpers first; when a helper fails on the data (already reported
        // above), with stand-ins that keep the Markdown's structure.
        let first = hb.render_template(body, ctx);
        let rendered = first.or_else(|_| {
            for name in helpers::names().chain(["helperMissing"]) {
                hb.register_helper(name, Box::new(StandIn));
            }
            hb.render_template(body, ctx)
        });
        let markdown = match rendered {
            Ok(m) => m,
            Err(e) => {
                let reason = crate::template::reason_text(e.reason());
                let reason = match e.line_no {
                    Some(l) => reason.map(|r| format!("{}:{l}: {r}", body_file.display())),
                    None => reason,
                };
                self.push(
                    body_file,
                    0,
                    0,
                    Severity::Note,
                    "markdown-unchecked",
                    tr!(
                        "chưa kiểm tra được Markdown vì phần thân chưa điền được dữ liệu: {reason}",
                        "the Markdown was not checked because the body could not be filled in: \
                         {reason}";
                        reason = reason
                    ),
                    None,
                    None,
                );
                return;
            }
        };
        // With placeholder data, ```chart / ```compare blocks cannot find their tables
        // (the walk does not see inside them): only their Markdown around is checked.
        let mut directive = |name: &str, text: &str| {
            if placeholder {
                Ok(Some(Vec::new()))
            } else {
                crate::template::directives::resolve(name, text, ctx)
            }
        };
        if let Err(e) = document::read_markdown_with(&markdown, &mut directive) {
            let rendered = markdown.lines().nth(e.line.saturating_sub(1)).unwrap_or("");
            let hint = Some(tr!(
                "văn bản chỉ in được: tiêu đề #, đoạn văn, **đậm**, *nghiêng*, danh sách, bảng và \
                 --- (ngắt trang); dòng sau khi điền dữ liệu: {rendered}",
                "the writers print headings, paragraphs, **bold**, *italic*, lists, tables and --- \
                 (page break); the line after filling in the data: {rendered}"
            ));
            match map_line(body, rendered) {
                Some(line) => self.push(
                    body_file,
                    line,
                    1,
                    Severity::Error,
                    "markdown",
                    e.message.clone(),
                    hint,
                    Some(body),
                ),
                None => self.push(
                    body_file.clone(),
                    0,
                    0,
                    Severity::Error,
                    "markdown",
                    {
                        let (file, line) = (body_file.display(), e.line);
                        tr!(
                            "trong Markdown tạo ra từ {file} (sau khi điền dữ liệu), dòng {line}: \
                             {reason}",
                            "in the Markdown made from {file} (after filling in the data), line \
                             {line}: {reason}";
                            reason = e.message
                        )
                    },
                    hint,
                    None,
                ),
            }
        }
    }
}

/// A helper that stands in for any helper when the Markdown is checked after a helper
/// failed: list helpers give their list, row helpers its first row, the rest "0". Helper
/// output is escaped, so the Markdown's structure does not depend on it.
struct StandIn;

impl handlebars::HelperDef for StandIn {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc handlebars::Context,
        _: &mut handlebars::RenderContext<'reg, 'rc>,
    ) -> Result<handlebars::ScopedJson<'rc>, handlebars::RenderError> {
        let first = h.param(0).map(|p| p.value().clone());
        let gives = helpers::signature(h.name()).map(|s| s.gives);
        let value = match (gives, first) {
            (Some(Gives::List), Some(Json::Array(a))) => Json::Array(a),
            (Some(Gives::Row), Some(Json::Array(a))) => a.into_iter().next().unwrap_or(Json::Null),
            _ => Json::String("0".into()),
        };
        Ok(handlebars::ScopedJson::Derived(value))
    }
}

/// The body line a line of rendered Markdown most likely came from: the first template
/// line whose literal text (outside `{{…}}`) appears, in order, in the rendered line and
/// has at least three letters or signs.
pub(super) fn map_line(body: &str, rendered: &str) -> Option<usize> {
    let rendered = rendered.trim();
    if rendered.is_empty() {
        return None;
    }
    let mut best: Option<(usize, usize)> = None;
    for (i, line) in body.lines().enumerate() {
        let fragments = literal_fragments(line);
        let weight: usize = fragments.iter().map(|f| f.trim().chars().count()).sum();
        if weight < 3 {
            continue;
        }
        let mut at = 0;
        let ok = fragments.iter().all(|f| {
            let f = f.trim();
            if f.is_empty() {
                return true;
            }
            match rendered[at..].find(f) {
                Some(p) => {
                    at += p + f.len();
                    true
                }
                None => false,
            }
        });
        if ok && best.is_none_or(|(_, w)| weight > w) {
            best = Some((i + 1, weight));
        }
    }
    best.map(|(l, _)| l)
}

fn literal_fragments(line: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(i) = rest.find("{{") {
        out.push(&rest[..i]);
        match rest[i..].find("}}") {
            Some(j) => rest = rest[i + j + 2..].trim_start_matches('}'),
            None => return out,
        }
    }
    out.push(rest);
    out
}
