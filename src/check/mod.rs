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

mod form;
mod walk;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use handlebars::Handlebars;
use serde::Serialize;
use serde_json::{Map, Value as Json};

use crate::document;
use crate::i18n::{Bilingual, Lang, Lead, Text};
use crate::suggest::nearest;
use crate::template::helpers::{self, Escape, Gives, Mode};
use crate::template::{
    BODY_FILE, DataProblem, LAYOUT_FILE, Location, MANIFEST_FILE, Template, TemplateError,
};
use crate::tr;
use crate::vi;
use crate::workbook::{CellRef, Dataset, SheetData, Value};
use walk::{AbsPath, Locator, Step, UseKind, Uses};

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be made, or would be wrong.
    Error,
    /// Worth a look; the document can be made.
    Warning,
    /// What was not checked, and why.
    Note,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub severity: Severity,
    /// A stable name for tools: `syntax`, `unknown-helper`, `unknown-field`,
    /// `not-a-number`, `empty-number`, `error-cell`, `missing-sheet`, `missing-column`,
    /// `workbook`, `manifest`, `markdown`, `ky-hieu`, `date-zero`, `noi-nhan`, `draft-number`,
    /// `render`,
    /// `no-data`, `markdown-unchecked`.
    pub code: &'static str,
    /// What is wrong, in both languages.
    pub message: Text,
    /// What to do, in both languages.
    pub hint: Option<Text>,
    /// The source line, for the caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// `file:line:column: error: message`, the source line with a caret, then the hint.
    pub fn to_text(&self, lang: Lang) -> String {
        let sev = match self.severity {
            Severity::Error => Lead::Error,
            Severity::Warning => Lead::Warning,
            Severity::Note => Lead::Note,
        }
        .text();
        let sev = sev.get(lang);
        let location = Location {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            source_line: self.source_line.clone(),
        };
        let message = self.message.get(lang);
        let mut s = format!("{location}: {sev}: {message}{}", location.snippet());
        if let Some(h) = &self.hint {
            let lead = Lead::Hint.text();
            s.push_str(&format!("\n  {}: {}", lead.get(lang), h.get(lang)));
        }
        s
    }
}

/// Codes of problems that are the workbook's, not the template's (exit code 3).
const DATA_CODES: &[&str] = &[
    "not-a-number",
    "empty-number",
    "error-cell",
    "missing-sheet",
    "missing-column",
    "workbook",
];

/// Everything `check` found.
#[derive(Debug, Clone)]
pub struct Report {
    pub template: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// No errors (warnings and notes allowed).
    pub fn is_clean(&self) -> bool {
        self.count(Severity::Error) == 0
    }

    /// Every error (if any) is the workbook's, not the template's: the CLI's exit code
    /// tells the two apart.
    pub fn errors_are_the_workbooks(&self) -> bool {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .all(|d| DATA_CODES.contains(&d.code))
    }

    /// Every diagnostic as text, then a summary line.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.to_text(lang));
            out.push_str("\n\n");
        }
        let template = self.template.display();
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        let summary = if errors == 0 && warnings == 0 {
            tr!(
                "{template}: không phát hiện vấn đề nào.",
                "{template}: no problems found."
            )
        } else {
            tr!(
                "{template}: {errors} lỗi, {warnings} cảnh báo.",
                "{template}: {errors} error(s), {warnings} warning(s)."
            )
        };
        out.push_str(summary.get(lang));
        out.push('\n');
        out
    }

    /// A JSON array of {file, line, column, severity, code, message, hint} with the message
    /// and hint in `lang`, and each also in both languages (message_vi, message_en,
    /// hint_vi, hint_en).
    pub fn to_json(&self, lang: Lang) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            file: &'a Path,
            line: usize,
            column: usize,
            severity: Severity,
            code: &'static str,
            message: &'a str,
            hint: Option<&'a str>,
            message_vi: &'a str,
            message_en: &'a str,
            hint_vi: Option<&'a str>,
            hint_en: Option<&'a str>,
        }
        let out: Vec<Out<'_>> = self
            .diagnostics
            .iter()
            .map(|d| Out {
                file: &d.file,
                line: d.line,
                column: d.column,
                severity: d.severity,
                code: d.code,
                message: d.message.get(lang),
                hint: d.hint.as_ref().map(|h| h.get(lang)),
                message_vi: &d.message.vi,
                message_en: &d.message.en,
                hint_vi: d.hint.as_ref().map(|h| h.vi.as_str()),
                hint_en: d.hint.as_ref().map(|h| h.en.as_str()),
            })
            .collect();
        serde_json::to_string_pretty(&out).unwrap_or_else(|_| "[]".into())
    }
}

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
            Err(TemplateError::Manifest { location, message }) => {
                let text = std::fs::read_to_string(&location.file).ok();
                self.push(
                    location.file.clone(),
                    location.line,
                    location.column,
                    Severity::Error,
                    "manifest",
                    // A load error of template.toml is TOML's detail; it goes in our sentence.
                    manifest_invalid(&message),
                    Some(tr!(
                        "xem danh sách các trường của template.toml trong docs/template-guide.md",
                        "the fields of template.toml are listed in docs/template-guide.md"
                    )),
                    text.as_deref(),
                );
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
                Ok(d) => Some(d),
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

        // 4. Form rules.
        self.check_form(&template, &strings, dataset.as_ref().and(ctx.as_ref()));

        // 5. Anything else the real renderer finds (only when nothing was found above, so
        //    a problem is never reported twice).
        if let (Some(_), Some(ctx)) = (&dataset, &ctx)
            && self.error_count() == 0
        {
            self.full_render(&template, ctx);
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
                let (mut line, mut column) = e.pos().unwrap_or((0, 0));
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
                    tr!(
                        "lỗi cú pháp Handlebars: {reason}",
                        "Handlebars syntax error: {reason}";
                        reason = syntax_reason(e.reason())
                    ),
                    Some(tr!(
                        "mỗi {{{{#each}}}}, {{{{#if}}}}, {{{{#with}}}} cần có {{{{/each}}}}, \
                         {{{{/if}}}}, {{{{/with}}}} tương ứng; kiểm tra các dấu ngoặc gần dấu ^",
                        "every {{{{#each}}}}, {{{{#if}}}} and {{{{#with}}}} needs its \
                         {{{{/each}}}}, {{{{/if}}}}, {{{{/with}}}}; check the braces near the caret"
                    )),
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

    /// The context the renderer will see, reporting every missing sheet and column.
    fn data_context(&mut self, template: &Template, data: &Dataset) -> Json {
        let workbook = data.path.display().to_string();
        let manifest_file = template.file(MANIFEST_FILE);
        let text = template.manifest_text.clone();
        let (ctx, problems) = crate::template::collect_context(template, data);
        let Json::Object(mut ctx) = ctx else {
            return ctx;
        };
        for p in problems {
            let loc = template.manifest_location(&p.field());
            let (code, column) = match p {
                DataProblem::MissingSheet { .. } => ("missing-sheet", loc.column),
                // At the key inside its quotes.
                DataProblem::MissingColumn { .. } => ("missing-column", loc.column + 1),
            };
            self.push(
                manifest_file.clone(),
                loc.line,
                column,
                Severity::Error,
                code,
                p.message().clone(),
                p.hint().cloned(),
                Some(&text),
            );
        }
        if let Some(rows) = self.rows.clone() {
            match data.sheet(&rows).map(|s| &s.data) {
                Some(SheetData::Table(t)) => {
                    let first = t.to_json().as_array().and_then(|a| a.first().cloned());
                    ctx.insert("row".into(), first.unwrap_or(Json::Object(Map::new())));
                }
                _ => {
                    let sheets = data.sheet_list();
                    self.push(
                        data.path.clone(),
                        0,
                        0,
                        Severity::Error,
                        "missing-sheet",
                        tr!(
                            "bảng tính {workbook} không có sheet \"{rows}\" (--rows)",
                            "the workbook {workbook} has no sheet named \"{rows}\" (--rows)"
                        ),
                        Some(tr!(
                            "bảng tính chỉ có các sheet: {sheets}",
                            "the workbook has only these sheets: {sheets}"
                        )),
                        None,
                    );
                }
            }
        }
        Json::Object(ctx)
    }

    /// Resolves every path the template uses against the workbook's context.
    fn check_uses(
        &mut self,
        template: &Template,
        data: &Dataset,
        ctx: &Json,
        uses: &[(walk::Use, PathBuf, String)],
    ) {
        let mut reported_cells: HashSet<(String, CellRef, &'static str)> = HashSet::new();
        let mut row_noted = false;
        for (u, file, source) in uses {
            if ctx.get("row").is_none() && u.path.first() == Some(&Step::Key("row".into())) {
                if !row_noted {
                    row_noted = true;
                    self.push(
                        file.clone(),
                        u.line,
                        u.column,
                        Severity::Note,
                        "rows-not-given",
                        {
                            let field = &u.raw;
                            tr!(
                                "mẫu dùng {field}: mẫu tạo một văn bản cho mỗi dòng (vanban \
                                 batch); thêm --rows <SHEET> để kiểm tra các trường row.…",
                                "the template uses {field}: it makes one document per row \
                                 (vanban batch); give --rows <SHEET> to check the row.… fields"
                            )
                        },
                        None,
                        Some(source),
                    );
                }
                continue;
            }
            match resolve(ctx, &u.path) {
                Resolved::Missing { keys, last } => {
                    // A path under a missing sheet was reported with the sheet.
                    if let Some(Step::Key(first)) = u.path.first()
                        && template.manifest.data.contains_key(first)
                        && ctx.get(first).is_none()
                    {
                        continue;
                    }
                    let suggestion = if last {
                        let wanted = match u.path.last() {
                            Some(Step::Key(k)) => k.as_str(),
                            _ => "",
                        };
                        nearest(wanted, keys.iter().map(String::as_str)).map(|k| {
                            match u.raw.rsplit_once(['.', '/']) {
                                Some((prefix, _)) => format!("{prefix}.{k}"),
                                None => k,
                            }
                        })
                    } else {
                        None
                    };
                    let field = &u.raw;
                    let message = match &suggestion {
                        Some(s) => tr!(
                            "bảng tính không có trường \"{field}\" — có phải là \"{s}\"?",
                            "the workbook does not provide the field \"{field}\" — did you mean \
                             \"{s}\"?"
                        ),
                        None => tr!(
                            "bảng tính không có trường \"{field}\"",
                            "the workbook does not provide the field \"{field}\""
                        ),
                    };
                    let shown: Vec<&str> = keys.iter().take(12).map(String::as_str).collect();
                    let mut list = shown.join(", ");
                    if keys.len() > shown.len() {
                        list.push_str(", …");
                    }
                    self.push(
                        file.clone(),
                        u.line,
                        u.column,
                        Severity::Error,
                        "unknown-field",
                        message,
                        Some(tr!(
                            "ở đây có các trường: {list} (chạy `vanban fields <bảng tính>` để \
                             xem tất cả)",
                            "the fields here are: {list} (run `vanban fields <workbook>` to see \
                             them all)"
                        )),
                        Some(source),
                    );
                }
                Resolved::Found | Resolved::Unknown => {
                    let Some((sheet, cells)) =
                        cells_of(template, data, self.rows.as_deref(), &u.path)
                    else {
                        continue;
                    };
                    let field = match u.path.last() {
                        Some(Step::Key(k)) => k.clone(),
                        _ => u.raw.clone(),
                    };
                    for (cell, value) in &cells {
                        if let Value::Error(code) = value
                            && reported_cells.insert((sheet.clone(), *cell, "error-cell"))
                        {
                            self.push(
                                file.clone(),
                                u.line,
                                u.column,
                                Severity::Error,
                                "error-cell",
                                tr!(
                                    "ô {cell} (sheet \"{sheet}\") chứa lỗi Excel {code} và mẫu \
                                     dùng trường \"{field}\"",
                                    "cell {cell} (sheet \"{sheet}\") holds the Excel error {code} \
                                     and the template uses the field \"{field}\""
                                ),
                                Some(tr!(
                                    "sửa công thức hoặc giá trị trong bảng tính",
                                    "correct the formula or the value in the workbook"
                                )),
                                Some(source),
                            );
                        }
                    }
                    if let UseKind::Number { helper } = &u.kind {
                        let bad = cells
                            .iter()
                            .find(|(_, v)| !is_number(v) && !v.is_empty() && !v.is_error());
                        let empty = cells.iter().find(|(_, v)| v.is_empty());
                        if let Some((cell, v)) = bad {
                            self.push(
                                file.clone(),
                                u.line,
                                u.column,
                                Severity::Error,
                                "not-a-number",
                                tr!(
                                    "hàm \"{helper}\" cần số, nhưng ô {cell} (sheet \"{sheet}\") \
                                     chứa chữ \"{v}\"",
                                    "the helper \"{helper}\" needs a number, but cell {cell} \
                                     (sheet \"{sheet}\") holds the text \"{v}\""
                                ),
                                Some(tr!(
                                    "sửa ô trong bảng tính thành số (không có dấu chấm phân cách \
                                     hàng nghìn, không có chữ), hoặc dùng trường khác",
                                    "correct the cell in the workbook to a number (no thousands \
                                     separators, no words), or use another field"
                                )),
                                Some(source),
                            );
                        } else if let Some((cell, _)) = empty.filter(|_| !u.guarded) {
                            self.push(
                                file.clone(),
                                u.line,
                                u.column,
                                Severity::Error,
                                "empty-number",
                                tr!(
                                    "hàm \"{helper}\" cần số, nhưng ô {cell} (sheet \"{sheet}\") \
                                     để trống",
                                    "the helper \"{helper}\" needs a number, but cell {cell} \
                                     (sheet \"{sheet}\") is empty"
                                ),
                                Some(tr!(
                                    "điền số vào ô (số 0 nếu đúng là không); một ô trống trong văn \
                                     bản hành chính phải được phát hiện, không in thành 0",
                                    "fill in the cell (0 if it really is zero); a blank in an \
                                     official document must be noticed, not printed as 0"
                                )),
                                Some(source),
                            );
                        }
                    }
                }
            }
        }
    }

    /// Renders the body (leniently: problems found above must not hide Markdown ones) and
    /// reads it as the writers do.
    fn check_markdown(&mut self, body_file: &Path, body: &str, ctx: &Json, placeholder: bool) {
        let mut hb = helpers::registry(Escape::Markdown, Mode::Lenient);
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

    /// The ký hiệu, written dates and the Nơi nhận closing line.
    fn check_form(&mut self, template: &Template, strings: &[ManifestString], ctx: Option<&Json>) {
        let manifest_file = template.file(MANIFEST_FILE);
        let text = template.manifest_text.clone();
        let value = |s: &ManifestString| -> Option<String> {
            if !s.text.contains("{{") {
                return Some(s.text.clone());
            }
            let ctx = ctx?;
            helpers::registry(Escape::None, Mode::Lenient)
                .render_template(&s.text, ctx)
                .ok()
        };
        if let Some(s) = strings.iter().find(|s| s.name == "header.symbol")
            && let Some(symbol) = value(s)
            && let Some(reason) = form::symbol_problem(&symbol)
        {
            let loc = template.manifest_location("header.symbol");
            self.push(
                manifest_file.clone(),
                loc.line,
                loc.column,
                Severity::Error,
                "ky-hieu",
                {
                    let symbol = symbol.trim();
                    tr!(
                        "ký hiệu \"{symbol}\" không đúng thể thức: {reason}",
                        "the ký hiệu \"{symbol}\" is not in the form Decree 30 requires: {reason}";
                        reason = reason
                    )
                },
                Some(tr!(
                    "ký hiệu viết IN HOA, các nhóm chữ nối bằng dấu \"-\" không có dấu cách, không \
                     có số và không có \"Số:\", ví dụ \"BC-CNĐP\" (in ra: \"Số: 12/BC-CNĐP\")",
                    "write the ký hiệu in UPPER CASE, groups joined by \"-\" without spaces, \
                     without the number and without \"Số:\", e.g. \"BC-CNĐP\" (printed: \
                     \"Số: 12/BC-CNĐP\")"
                )),
                Some(&text),
            );
        }
        let mut sources = vec![
            (template.file(BODY_FILE), template.body.clone()),
            (manifest_file.clone(), text.clone()),
        ];
        for (name, body) in &template.appendix_bodies {
            sources.push((template.file(name), body.clone()));
        }
        if template.manifest.draft.is_some()
            && let Some(s) = strings.iter().find(|s| s.name == "header.number")
            && let Some(number) = value(s)
            && !number.trim().is_empty()
        {
            let loc = template.manifest_location("header.number");
            self.push(
                manifest_file.clone(),
                loc.line,
                loc.column,
                Severity::Error,
                "draft-number",
                {
                    let number = number.trim();
                    tr!(
                        "văn bản là dự thảo ([draft]) nhưng đã có số \"{number}\"",
                        "the document is a draft ([draft]) but carries the number \"{number}\""
                    )
                },
                Some(tr!(
                    "số của dự thảo để trống cho đến khi văn bản được vào sổ: để header.number \
                     trống hoặc bỏ [draft]",
                    "a draft's number stays blank until the document is registered: leave \
                     header.number empty or remove [draft]"
                )),
                Some(&text),
            );
        }
        for (file, source) in sources {
            for p in form::date_problems(&source) {
                self.push(
                    file.clone(),
                    p.line,
                    p.column,
                    Severity::Error,
                    "date-zero",
                    p.message,
                    Some(tr!(
                        "Nghị định 30 (Phụ lục I, II.4.b): ngày dưới 10 và tháng 1, 2 ghi thêm số 0 \
                         để không ai thêm được chữ số",
                        "Decree 30 (Appendix I, II.4.b): days below 10 and months 1 and 2 take a 0 \
                         so that no digit can be added"
                    )),
                    Some(&source),
                );
            }
        }
        if let Some(name) = template.manifest.template.pdf_standard.as_deref()
            && crate::pdf::Standard::parse(name).is_none()
        {
            let loc = template.manifest_location("template.pdf_standard");
            self.push(
                manifest_file.clone(),
                loc.line,
                loc.column,
                Severity::Error,
                "pdf-standard",
                crate::pdf::Standard::unknown(name),
                None,
                Some(&text),
            );
        }
        // Where the decree wants capitals, the reader prints them: say so for a value in
        // ordinary case, so the author is not surprised by the file.
        for field in ["header.parent_agency", "header.agency", "header.doc_type"] {
            if let Some(s) = strings.iter().find(|s| s.name == field)
                && let Some(v) = value(s)
                && vi::upper(v.trim()) != v.trim()
            {
                let loc = template.manifest_location(field);
                let printed = vi::upper(v.trim());
                self.push(
                    manifest_file.clone(),
                    loc.line,
                    loc.column,
                    Severity::Note,
                    "capitals",
                    {
                        let value = v.trim();
                        tr!(
                            "{field} \"{value}\" sẽ được in hoa: \"{printed}\"",
                            "{field} \"{value}\" will be printed in capitals: \"{printed}\""
                        )
                    },
                    Some(tr!(
                        "Nghị định 30 (Phụ lục I, mục II) in hoa tên cơ quan chủ quản, cơ quan ban \
                         hành và tên loại văn bản; có thể nhập chữ thường, vanban tự in hoa",
                        "Decree 30 (Appendix I, part II) prints the parent agency, the issuing \
                         agency and the document type in capitals; ordinary case is accepted and \
                         printed in capitals"
                    )),
                    Some(&text),
                );
            }
        }
        let recipients: Vec<&ManifestString> = strings
            .iter()
            .filter(|s| s.name.starts_with("recipients["))
            .collect();
        if let Some(last) = recipients.last()
            && let Some(v) = value(last)
            && !form::is_luu_vt(&v)
        {
            let loc = template.manifest_location(&last.name);
            self.push(
                manifest_file,
                loc.line,
                loc.column + 1,
                Severity::Error,
                "noi-nhan",
                {
                    let last = v.trim();
                    tr!(
                        "dòng cuối của Nơi nhận phải là \"Lưu: VT, …\" (đang là \"{last}\")",
                        "the last line of Nơi nhận must be \"Lưu: VT, …\" (it is \"{last}\")"
                    )
                },
                Some(tr!(
                    "thêm dòng cuối \"Lưu: VT, <viết tắt đơn vị soạn thảo>\" vào [distribution] \
                     recipients, ví dụ \"Lưu: VT, CNĐP\"",
                    "end [distribution] recipients with \"Lưu: VT, <drafting unit>\", e.g. \
                     \"Lưu: VT, CNĐP\""
                )),
                Some(&text),
            );
        }
    }

    /// Runs the real renderer (and a custom layout) to catch what the checks above do not
    /// model: date parsing, signature authority, margins, layout errors.
    fn full_render(&mut self, template: &Template, ctx: &Json) {
        let result = crate::template::Renderer::new(template).and_then(|r| r.render(ctx));
        let (location, reason) = match result {
            Ok(rendered) => {
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
            Err(TemplateError::Manifest { location, message })
            | Err(TemplateError::Render { location, message }) => (Some(location), message),
            Err(e) => (None, e.text()),
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

/// A Handlebars syntax error in words an author can act on.
fn syntax_reason(r: &handlebars::TemplateErrorReason) -> Text {
    use handlebars::TemplateErrorReason as R;
    match r {
        R::MismatchingClosedHelper(open, close) => tr!(
            "khối {{{{#{open}}}}} lại được đóng bằng {{{{/{close}}}}}",
            "the block {{{{#{open}}}}} is closed by {{{{/{close}}}}}"
        ),
        R::InvalidSyntax(detail) => tr!(
            "có một {{{{ … }}}} chưa đóng hoặc viết sai ({detail})",
            "a {{{{ … }}}} is not closed or is malformed ({detail})"
        ),
        other => crate::template::syntax_reason(other),
    }
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

enum Resolved {
    Found,
    /// A key is missing; `keys` are those of the object where it was looked for; `last`
    /// says it was the path's last step.
    Missing {
        keys: Vec<String>,
        last: bool,
    },
    /// The path goes through an empty list or an empty value: nothing to say.
    Unknown,
}

fn resolve(ctx: &Json, path: &AbsPath) -> Resolved {
    let mut cur = ctx;
    for (i, step) in path.iter().enumerate() {
        match (step, cur) {
            (Step::Key(k), Json::Object(m)) => match m.get(k) {
                Some(v) => cur = v,
                None => {
                    return Resolved::Missing {
                        keys: m.keys().cloned().collect(),
                        last: i + 1 == path.len(),
                    };
                }
            },
            (Step::Item, Json::Array(a)) => match a.first() {
                Some(v) => cur = v,
                None => return Resolved::Unknown,
            },
            (Step::Key(_), Json::String(_) | Json::Number(_) | Json::Bool(_)) => {
                return Resolved::Missing {
                    keys: Vec::new(),
                    last: i + 1 == path.len(),
                };
            }
            _ => return Resolved::Unknown,
        }
    }
    Resolved::Found
}

/// The workbook cells behind a path: a table column, a key–value entry or a defined name.
fn cells_of<'d>(
    template: &Template,
    data: &'d Dataset,
    rows: Option<&str>,
    path: &AbsPath,
) -> Option<(String, Vec<(CellRef, &'d Value)>)> {
    let Some(Step::Key(first)) = path.first() else {
        return None;
    };
    if first == "names"
        && let [_, Step::Key(k)] = path.as_slice()
        && !template.manifest.data.contains_key("names")
    {
        let n = data.names.iter().find(|n| &n.key == k)?;
        return Some((n.sheet.clone(), vec![(n.cell, &n.value)]));
    }
    if first == "row"
        && let Some(rows) = rows
        && let [_, Step::Key(k)] = path.as_slice()
        && let SheetData::Table(table) = &data.sheet(rows)?.data
    {
        let i = table.column_index(k)?;
        let cells = table
            .rows
            .iter()
            .filter_map(|r| Some((table.cell(r, i)?, r.values.get(i)?)))
            .collect();
        return Some((data.sheet(rows)?.name.clone(), cells));
    }
    let sheet = match template.manifest.data.get(first) {
        Some(source) => data.sheet(&source.sheet)?,
        None => data.sheets.iter().find(|s| &s.key == first)?,
    };
    match (&sheet.data, &path[1..]) {
        (SheetData::Table(table), [Step::Item, Step::Key(k)]) => {
            let i = table.column_index(k)?;
            let cells = table
                .rows
                .iter()
                .filter_map(|r| Some((table.cell(r, i)?, r.values.get(i)?)))
                .collect();
            Some((sheet.name.clone(), cells))
        }
        (SheetData::KeyValue(entries), [Step::Key(k)]) => {
            let e = entries.iter().find(|e| &e.key == k)?;
            Some((sheet.name.clone(), vec![(e.cell, &e.value)]))
        }
        _ => None,
    }
}

/// Whether a number helper accepts the value.
fn is_number(v: &Value) -> bool {
    match v {
        Value::Int(_) | Value::Float(_) => true,
        Value::Text(s) => vi::Decimal::parse(s.trim()).is_ok(),
        _ => false,
    }
}

/// Placeholder data with the shape the template uses: lists get one row, number uses get
/// 1, date uses a date, everything else 1 (which every helper accepts as text too).
fn placeholder_context(uses: &[(walk::Use, PathBuf, String)]) -> Json {
    let mut root = Json::Object(Map::new());
    // Longer paths first so that containers are made before leaves would claim them.
    let mut paths: Vec<&walk::Use> = uses.iter().map(|(u, _, _)| u).collect();
    paths.sort_by_key(|u| std::cmp::Reverse(u.path.len()));
    for u in paths {
        let leaf = match u.kind {
            UseKind::Date => Json::String("2025-01-05".into()),
            UseKind::List => Json::Array(vec![Json::Object(Map::new())]),
            _ => Json::from(1),
        };
        insert(&mut root, &u.path, leaf);
    }
    root
}

fn insert(cur: &mut Json, path: &[Step], leaf: Json) {
    let Some((step, rest)) = path.split_first() else {
        return;
    };
    match step {
        Step::Key(k) => {
            let Json::Object(m) = cur else { return };
            if rest.is_empty() {
                m.entry(k.clone()).or_insert(leaf);
                return;
            }
            let next = m.entry(k.clone()).or_insert_with(|| match rest[0] {
                Step::Item => Json::Array(vec![Json::Object(Map::new())]),
                Step::Key(_) => Json::Object(Map::new()),
            });
            insert(next, rest, leaf);
        }
        Step::Item => {
            let Json::Array(a) = cur else { return };
            if a.is_empty() {
                a.push(Json::Object(Map::new()));
            }
            if let Some(first) = a.first_mut() {
                insert(first, rest, leaf);
            }
        }
    }
}

/// The body line a line of rendered Markdown most likely came from: the first template
/// line whose literal text (outside `{{…}}`) appears, in order, in the rendered line and
/// has at least three letters or signs.
fn map_line(body: &str, rendered: &str) -> Option<usize> {
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

#[cfg(test)]
mod tests {
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
