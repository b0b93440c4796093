//! `vanban check`: every problem of a template (and of a workbook for it) at once, each
//! with its file, line and column, in words a clerk can act on.
//!
//! Rendering stops at the first problem; a template author wants the whole list. This
//! module parses the body and every manifest string, walks the parsed Handlebars
//! ([`walk`]) to find unknown helpers and every data path with its `{{#each}}` /
//! `{{#with}}` scope, resolves the paths against the workbook (unknown fields with the
//! nearest key, number helpers on text cells naming the cell, error cells), checks the
//! sheets and columns the manifest requires, renders the Markdown and reads it as the
//! writers would, and checks the form rules of Decree 30 that need no layout ([`form`]).
//! Without a workbook, fields cannot be checked; the Markdown is then checked with
//! placeholder data built from the paths the template uses.
//!
//! It is not a renderer: nothing is written. The CLI prints the [`Report`]; `watch` uses
//! it to explain a failed render.

mod data;
mod form;
mod markdown;
mod report;
mod walk;

pub use report::{Diagnostic, Report, Severity};

use data::placeholder_context;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use serde_json::Value as Json;

use crate::i18n::{Bilingual, Text};
use crate::suggest::nearest;
use crate::template::helpers::{self};
use crate::template::{BODY_FILE, LAYOUT_FILE, MANIFEST_FILE, Template, TemplateError};
use crate::tr;
use crate::workbook::{Dataset, NoticeKind};
use walk::{Locator, Uses};
/// Checks the template folder `dir`, against the workbook `data` when given.
pub fn check(dir: &Path, data: Option<&Path>) -> Report {
    check_with(dir, data, None)
}

/// [`check`] for a template made once per row of a sheet (as `vanban batch` does with
/// `rows = "…"`): `{{row.KEY}}` is checked against the columns of the sheet `rows`.
pub fn check_with(dir: &Path, data: Option<&Path>, rows: Option<&str>) -> Report {
    let mut c = Checker {
        dir: dir.to_path_buf(),
        rows: rows.map(str::to_string),
        diags: Vec::new(),
    };
    c.run(data);
    let mut seen = HashSet::new();
    c.diags
        .retain(|d| seen.insert((d.file.clone(), d.line, d.column, d.code, d.message.clone())));
    // Notes first (what was not checked), then problems in file order.
    c.diags.sort_by_key(|d| {
        (
            d.severity != Severity::Note,
            d.file.clone(),
            d.line,
            d.column,
        )
    });
    Report {
        template: dir.to_path_buf(),
        diagnostics: c.diags,
    }
}

struct Checker {
    dir: PathBuf,
    /// The sheet whose rows are `row` (per-row templates).
    rows: Option<String>,
    diags: Vec<Diagnostic>,
}

/// A manifest string: its name in messages, its text, and the line of its key.
struct ManifestString {
    name: String,
    text: String,
    line: usize,
}

impl Checker {
    /// The amendments sheet against the current text the template names (`[current_text]`,
    /// `legal::current`): a unit that is not there, an insertion that already is (errors),
    /// a typed current text that differs (warnings). Empty current texts are filled in
    /// `data`, as the renderer does.
    fn check_current_text(&mut self, template: &Template, data: &mut Dataset) {
        let Some(src) = &template.manifest.current_text else {
            return;
        };
        // Located at the current text's DOCX; each message names the workbook row.
        let docx = template.file(&src.docx);
        match crate::legal::current::check(template, src, data) {
            Ok(checked) => {
                for (_, e) in checked.errors {
                    let (sev, code) = (Severity::Error, "current-text");
                    self.push(docx.clone(), 0, 0, sev, code, e, None, None);
                }
                for w in checked.warnings {
                    let (sev, code) = (Severity::Warning, "current-text");
                    self.push(docx.clone(), 0, 0, sev, code, w.text(), None, None);
                }
            }
            Err(e) => {
                let (sev, code) = (Severity::Error, "current-text");
                self.push(docx, 0, 0, sev, code, e.text(), None, None);
            }
        }
    }

    /// What the reader found in the workbook: a totals row that does not add up is a
    /// warning (the figures would be printed as they are); the rest are notes.
    fn workbook_notices(&mut self, data: &Dataset) {
        for n in &data.notices {
            let (severity, code) = match n.kind {
                NoticeKind::TotalsMismatch => (Severity::Warning, "totals-mismatch"),
                NoticeKind::TextNumbers => (Severity::Note, "text-numbers"),
                NoticeKind::TextDates => (Severity::Note, "text-dates"),
                NoticeKind::UnsavedFormulas => (Severity::Warning, "unsaved-formulas"),
                NoticeKind::LegacyText => (Severity::Note, "legacy-text"),
                NoticeKind::CurrentTextDiffers => (Severity::Warning, "current-text"),
            };
            // The message names the sheet and cell; a workbook has no lines to point at.
            let path = data.path.clone();
            self.push(path, 0, 0, severity, code, n.text(), None, None);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        file: PathBuf,
        line: usize,
        column: usize,
        severity: Severity,
        code: &'static str,
        message: Text,
        hint: Option<Text>,
        source: Option<&str>,
    ) {
        let source_line = source
            .filter(|_| line > 0)
            .and_then(|s| s.lines().nth(line - 1))
            .map(str::to_string);
        self.diags.push(Diagnostic {
            file,
            line,
            column,
            severity,
            code,
            message,
            hint,
            source_line,
        });
    }

    fn error_count(&self) -> usize {
        self.diags
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count()
    }

    fn run(&mut self, data: Option<&Path>) {
        let template = match Template::load(&self.dir) {
            Ok(t) => t,
            Err(first @ TemplateError::Manifest { .. }) => {
                let TemplateError::Manifest { location, .. } = &first else {
                    return;
                };
                let text = std::fs::read_to_string(&location.file).ok();
                // Every problem of template.toml at once; the first as render reports it.
                let mut all = text
                    .as_deref()
                    .map(|t| crate::template::manifest_problems(&self.dir, t))
                    .unwrap_or_default();
                if all.is_empty() {
                    all.push(first);
                }
                for problem in all {
                    if let TemplateError::Manifest { location, message } = problem {
                        self.push(
                            location.file.clone(),
                            location.line,
                            location.column,
                            Severity::Error,
                            "manifest",
                            // A load error of template.toml is TOML's detail; it goes in our
                            // sentence.
                            manifest_invalid(&message),
                            Some(manifest_hint()),
                            text.as_deref(),
                        );
                    }
                }
                // The body can still be checked on its own.
                if let Ok(body) = std::fs::read_to_string(self.dir.join(BODY_FILE))
                    && let Some(parsed) = self.compile(&self.dir.join(BODY_FILE), &body, None)
                {
                    self.walk_and_report_helpers(&parsed, &Locator::body(&body), BODY_FILE, &body);
                }
                return;
            }
            Err(e) => {
                let file = match &e {
                    TemplateError::Io { path, .. } => path.clone(),
                    _ => self.dir.clone(),
                };
                let reason = match &e {
                    TemplateError::Io { message, .. } => message.clone(),
                    other => other.text(),
                };
                self.push(
                    file,
                    0,
                    0,
                    Severity::Error,
                    "manifest",
                    tr!(
                        "không đọc được mẫu: {reason}",
                        "cannot read the template: {reason}";
                        reason = reason
                    ),
                    None,
                    None,
                );
                return;
            }
        };
        let body_file = template.file(BODY_FILE);
        let manifest_file = template.file(MANIFEST_FILE);

        // 1. Syntax, helpers and the paths used, in the body and every manifest string.
        let mut uses: Vec<(walk::Use, PathBuf, String)> = Vec::new();
        let body_parsed = self.compile(&body_file, &template.body, None);
        if let Some(parsed) = &body_parsed {
            let u = self.walk_and_report_helpers(
                parsed,
                &Locator::body(&template.body),
                BODY_FILE,
                &template.body,
            );
            uses.extend(
                u.paths
                    .into_iter()
                    .map(|p| (p, body_file.clone(), template.body.clone())),
            );
        }
        // Appendix bodies are checked like the body.
        let mut appendices_parsed = Vec::new();
        for (name, text) in &template.appendix_bodies {
            let file = template.file(name);
            let parsed = self.compile(&file, text, None);
            if let Some(parsed) = &parsed {
                let u = self.walk_and_report_helpers(parsed, &Locator::body(text), name, text);
                uses.extend(u.paths.into_iter().map(|p| (p, file.clone(), text.clone())));
            }
            appendices_parsed.push(parsed.is_some());
        }
        let strings = manifest_strings(&template);
        for s in &strings {
            if let Some(parsed) = self.compile(&manifest_file, &s.text, Some((s.line, &template))) {
                let u = self.walk_and_report_helpers(
                    &parsed,
                    &Locator::manifest(&template.manifest_text, s.line),
                    MANIFEST_FILE,
                    &template.manifest_text,
                );
                uses.extend(
                    u.paths
                        .into_iter()
                        .map(|p| (p, manifest_file.clone(), template.manifest_text.clone())),
                );
            }
        }

        // 2. The data: the workbook's, or placeholders.
        let dataset = match data {
            Some(path) => match Dataset::open(path, &template.read_options()) {
                Ok(mut d) => {
                    self.workbook_notices(&d);
                    self.check_current_text(&template, &mut d);
                    Some(d)
                }
                Err(e) => {
                    self.push(
                        path.to_path_buf(),
                        0,
                        0,
                        Severity::Error,
                        "workbook",
                        tr!(
                            "không đọc được bảng tính: {reason}",
                            "cannot read the workbook: {reason}";
                            reason = e
                        ),
                        None,
                        None,
                    );
                    None
                }
            },
            None => {
                self.push(
                    self.dir.clone(),
                    0,
                    0,
                    Severity::Note,
                    "no-data",
                    tr!(
                        "chưa có bảng tính (--data): không kiểm tra được tên trường và kiểu dữ \
                         liệu; Markdown được kiểm tra với dữ liệu giả",
                        "no workbook given (--data): fields and data types are not checked; the \
                         Markdown is checked with placeholder data"
                    ),
                    None,
                    None,
                );
                None
            }
        };
        let ctx = match &dataset {
            Some(d) => {
                let ctx = self.data_context(&template, d);
                self.check_uses(&template, d, &ctx, &uses);
                Some(ctx)
            }
            None if data.is_none() => Some(placeholder_context(&uses)),
            None => None,
        };

        // 3. The Markdown, as the writers will read it.
        let placeholder = dataset.is_none();
        if let Some(ctx) = &ctx {
            if body_parsed.is_some() {
                self.check_markdown(&template.file(BODY_FILE), &template.body, ctx, placeholder);
            }
            for ((name, text), parsed) in template.appendix_bodies.iter().zip(&appendices_parsed) {
                if *parsed {
                    self.check_markdown(&template.file(name), text, ctx, placeholder);
                }
            }
        }

        // 4. check's own form lints, then the renderer's form rules, every one.
        self.check_form(&template, &strings, dataset.as_ref().and(ctx.as_ref()));
        if let Some(ctx) = &ctx {
            self.form_rules(&template, ctx, dataset.as_ref());
        }
    }

    /// Parses one Handlebars source; reports its first syntax error.
    fn compile(
        &mut self,
        file: &Path,
        text: &str,
        manifest: Option<(usize, &Template)>,
    ) -> Option<handlebars::template::Template> {
        match handlebars::template::Template::compile(text) {
            Ok(t) => Some(t),
            Err(e) => {
                let problem = crate::template::describe_syntax_error(text, &e);
                let (mut line, mut column) = (problem.line, problem.column);
                let mut source = text.to_string();
                if let Some((key_line, t)) = manifest {
                    // Positions inside a TOML string: point at the key's line.
                    line = key_line;
                    column = 1;
                    source = t.manifest_text.clone();
                }
                self.push(
                    file.to_path_buf(),
                    line,
                    column,
                    Severity::Error,
                    "syntax",
                    problem.message,
                    Some(problem.hint),
                    Some(&source),
                );
                None
            }
        }
    }

    fn walk_and_report_helpers(
        &mut self,
        parsed: &handlebars::template::Template,
        locator: &Locator<'_>,
        file_name: &str,
        source: &str,
    ) -> Uses {
        let known = |n: &str| helpers::is_helper(n);
        let uses = walk::walk(parsed, locator, &known);
        for h in &uses.unknown_helpers {
            let all: Vec<&str> = helpers::BUILTIN
                .iter()
                .copied()
                .chain(helpers::names())
                .collect();
            let name = &h.name;
            let message = match nearest(name, all.iter().copied()) {
                Some(s) => tr!(
                    "không có hàm (helper) \"{name}\" — có phải là \"{s}\"?",
                    "unknown helper \"{name}\" — did you mean \"{s}\"?"
                ),
                None => tr!(
                    "không có hàm (helper) \"{name}\"",
                    "unknown helper \"{name}\""
                ),
            };
            self.push(
                self.dir.join(file_name),
                h.line,
                h.column,
                Severity::Error,
                "unknown-helper",
                message,
                Some(tr!(
                    "các hàm có sẵn được liệt kê trong docs/helpers.md",
                    "the helpers are listed in docs/helpers.md"
                )),
                Some(source),
            );
        }
        uses
    }

    /// What only the rendered document shows: appendices its body never names (a
    /// warning), and an agency name that the header breaks without a break of the
    /// author's (a note showing the break chosen).
    fn check_rendered(&mut self, template: &Template, doc: &crate::document::Document) {
        let manifest_file = template.file(MANIFEST_FILE);
        let text = template.manifest_text.clone();
        for label in form::unnamed_appendices(doc) {
            let (line, column) = text
                .lines()
                .enumerate()
                .find_map(|(i, l)| {
                    l.find(label.as_str())
                        .map(|b| (i + 1, l[..b].chars().count() + 1))
                })
                .unwrap_or((0, 0));
            self.push(
                manifest_file.clone(),
                line,
                column,
                Severity::Warning,
                "appendix-named",
                tr!(
                    "văn bản có {label} nhưng phần nội dung không nhắc đến",
                    "the document has {label} but its body never names it"
                ),
                Some(tr!(
                    "Nghị định 30 (Phụ lục I, mục III): nội dung phải dẫn chiếu đến phụ lục, ví dụ \"(chi tiết tại {label})\"",
                    "Decree 30 (Appendix I, part III): the text refers to each appendix, e.g. \"(chi tiết tại {label})\""
                )),
                Some(&text),
            );
        }
        let lines = crate::layout::measure(doc).agency_lines;
        if lines.len() > 1 && !doc.header.agency.contains('\n') {
            let loc = template.manifest_location("header.agency");
            let lines = lines.join(" / ");
            self.push(
                manifest_file,
                loc.line,
                loc.column,
                // A note: the decree allows a name on two lines, and the break chosen is
                // shown so the author can choose another.
                Severity::Note,
                "agency-wraps",
                tr!(
                    "tên cơ quan không vừa một dòng và sẽ được ngắt: {lines}",
                    "the agency name does not fit one line and will be broken: {lines}"
                ),
                Some(tr!(
                    "nếu muốn ngắt ở chỗ khác, ghi dấu xuống dòng vào tên (\\n trong template.toml, Alt+Enter trong ô Excel)",
                    "to break it elsewhere, put a line break in the name (\\n in template.toml, Alt+Enter in the Excel cell)"
                )),
                Some(&text),
            );
        }
    }

    /// Runs the renderer in collect mode ([`crate::template::Renderer::collect`]): every
    /// form rule it applies, with its messages and places. Without a workbook the data are
    /// placeholders, so only rules on values the template writes out itself are reported.
    /// With one, what else keeps the document from being made (and a custom layout's
    /// errors) is reported when nothing was found before, so a problem is never reported
    /// twice; a document that is made gets the checks only it allows.
    fn form_rules(&mut self, template: &Template, ctx: &Json, data: Option<&Dataset>) {
        // Helper messages name the workbook cell, as `vanban render` does.
        let locator = data.map(|d| template.origins(d));
        let collected = crate::template::Renderer::collect(template, locator, ctx);
        let written: Vec<(String, String)> = crate::template::manifest_strings(template);
        let literal = |field: &str| {
            written
                .iter()
                .find(|(name, _)| name == field)
                .is_none_or(|(_, text)| !text.contains("{{"))
        };
        for p in collected.problems {
            if data.is_none() && !literal(&p.field) {
                continue;
            }
            self.diags.push(Diagnostic {
                file: p.location.file,
                line: p.location.line,
                column: p.location.column,
                severity: Severity::Error,
                code: p.rule,
                message: p.message,
                hint: p.hint,
                source_line: p.location.source_line,
            });
        }
        if data.is_none() || self.error_count() > 0 {
            return;
        }
        let (location, reason) = match (collected.failure, collected.rendered) {
            (Some(TemplateError::Manifest { location, message }), _)
            | (Some(TemplateError::Render { location, message }), _) => (Some(location), message),
            (Some(e), _) => (None, e.text()),
            (None, Some(rendered)) => {
                self.check_rendered(template, &rendered.document);
                let Some(source) = &template.layout else {
                    return;
                };
                let layout = crate::pdf::Layout::Custom {
                    source,
                    file: &template.file(LAYOUT_FILE),
                    root: &template.dir,
                };
                match crate::pdf::compile(&rendered.document, layout) {
                    Ok(_) => return,
                    Err(e) => (None, e.text()),
                }
            }
            (None, None) => return,
        };
        let (file, line, column, source) = match location {
            Some(l) => (l.file, l.line, l.column, l.source_line),
            None => (self.dir.clone(), 0, 0, None),
        };
        self.diags.push(Diagnostic {
            file,
            line,
            column,
            severity: Severity::Error,
            code: "render",
            message: tr!(
                "chưa tạo được văn bản: {reason}",
                "the document cannot be made: {reason}";
                reason = reason
            ),
            hint: None,
            source_line: source,
        });
    }
}

/// Where the fields of template.toml are listed.
fn manifest_hint() -> Text {
    tr!(
        "xem danh sách các trường của template.toml trong docs/template-guide.md",
        "the fields of template.toml are listed in docs/template-guide.md"
    )
}

/// "template.toml is not valid: …" around the reader's reason.
fn manifest_invalid(reason: &Text) -> Text {
    tr!(
        "template.toml không hợp lệ: {reason}",
        "template.toml is not valid: {reason}";
        reason = reason
    )
}

/// The manifest's Handlebars strings (the renderer's list) with the line of their key;
/// empty strings are left out, except the entries of the distribution lists.
fn manifest_strings(t: &Template) -> Vec<ManifestString> {
    crate::template::manifest_strings(t)
        .into_iter()
        .filter(|(name, text)| {
            !text.is_empty() || name.starts_with("addressees[") || name.starts_with("recipients[")
        })
        .map(|(name, text)| ManifestString {
            line: t.manifest_location(&name).line,
            name,
            text,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::markdown::map_line;
    use super::*;

    #[test]
    fn markdown_lines_map_back_to_the_template() {
        let body = "Intro {{x}} text\n\n{{#each r}}\n| {{a}} | b |\n{{/each}}\n<div>{{y}}</div>\n";
        assert_eq!(map_line(body, "<div>1</div>"), Some(6));
        assert_eq!(map_line(body, "Intro 1 text"), Some(1));
        assert_eq!(map_line(body, "nothing like it"), None);
    }

    #[test]
    fn placeholders_have_the_used_shape() {
        let src = "{{#each tinh}}{{num iip}}{{/each}}{{date meta.ngay}}{{meta.so}}";
        let t = handlebars::template::Template::compile(src).unwrap();
        let u = walk::walk(&t, &Locator::body(src), &helpers::is_helper);
        let uses: Vec<_> = u
            .paths
            .into_iter()
            .map(|p| (p, PathBuf::new(), String::new()))
            .collect();
        let ctx = placeholder_context(&uses);
        assert_eq!(
            ctx,
            serde_json::json!({"tinh": [{"iip": 1}], "meta": {"ngay": "2025-01-05", "so": 1}})
        );
    }
}
