//! Rendering: Handlebars (strict, Markdown-escaped) → Markdown → the document model.
//!
//! A [`Renderer`] compiles a template once — the body and every header field — and can
//! then render any number of documents, which is what a batch needs.

use std::path::PathBuf;
use std::sync::Arc;

use handlebars::{Handlebars, RenderError, RenderErrorReason};
use serde_json::Value as Json;

use super::form::{FormProblem, Problems, symbol_hint, symbol_problem_text, symbol_year_problem};
use super::helpers::{Escape, Mode, registry};
use super::{BODY_FILE, Location, MANIFEST_FILE, Template, TemplateError};
use crate::document::{self, Appendix, Date, Document, DraftMark, Header, Meta};
use crate::i18n::{Text, failure_of_nested, text_of_nested};
use crate::layout::{self, Layout};
use crate::suggest::nearest;
use crate::template::helpers::Locate;
use crate::tr;
use crate::vi;

/// One rendered document and the file name (without extension) the manifest gives it.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub document: Document,
    /// Output file stem, already made safe for any file system.
    pub name: String,
}

/// What [`Renderer::collect`] found on one document.
#[derive(Debug)]
pub struct Collected {
    /// Every form rule broken, in the order the renderer met them.
    pub problems: Vec<FormProblem>,
    /// The first error that is not a form rule (Handlebars, Markdown): the part it is in
    /// was left out, and no rule was judged on it.
    pub failure: Option<TemplateError>,
    /// The document, when nothing at all was found.
    pub rendered: Option<Rendered>,
}

/// The data of one document, wrapped once for the template engine: the body and every
/// manifest field read the same data, and a batch keeps one per job and worker, changing
/// only the current row, instead of copying every table of the workbook per document.
#[derive(Debug, Clone)]
pub struct DocData(handlebars::Context);

impl DocData {
    /// Wraps a context made by [`super::build_context`].
    pub fn new(ctx: Json) -> DocData {
        DocData(handlebars::Context::from(ctx))
    }

    pub fn json(&self) -> &Json {
        self.0.data()
    }

    /// For a batch: the current row is replaced in place.
    pub fn json_mut(&mut self) -> &mut Json {
        self.0.data_mut()
    }
}

/// A compiled template.
pub struct Renderer<'t> {
    pub(super) template: &'t Template,
    /// Escapes every value for Markdown: renders the body.
    markdown: Handlebars<'static>,
    /// Escapes nothing: renders header fields, which become plain strings in the model.
    plain: Handlebars<'static>,
    /// Where the data's values came from, for "this required part came out empty" messages.
    pub(super) locator: Option<Arc<dyn Locate>>,
}

/// The manifest's Handlebars strings, by the name used in messages.
pub(crate) fn manifest_strings(t: &Template) -> Vec<(String, String)> {
    let m = &t.manifest;
    let h = &m.header;
    let mut v = vec![
        ("template.output".to_string(), m.template.output.clone()),
        ("header.parent_agency".into(), h.parent_agency.clone()),
        ("header.agency".into(), h.agency.clone()),
        ("header.number".into(), h.number.clone()),
        ("header.symbol".into(), h.symbol.clone()),
        ("header.place".into(), h.place.clone()),
        ("header.date".into(), h.date.clone()),
        ("header.blank_year".into(), h.blank_year.clone()),
        ("header.doc_type".into(), h.doc_type.clone()),
        ("header.summary".into(), h.summary.clone()),
    ];
    for (prefix, s) in signature_fields(m) {
        v.push((format!("{prefix}.authority"), s.authority.clone()));
        v.push((format!("{prefix}.head"), s.head.clone()));
        v.push((format!("{prefix}.title"), s.title.clone()));
        v.push((format!("{prefix}.name"), s.name.clone()));
        v.push((format!("{prefix}.hint"), s.hint.clone()));
    }
    if let Some(d) = &m.draft {
        v.push(("draft.text".into(), d.text.clone()));
    }
    for (i, a) in m.appendix.iter().enumerate() {
        v.push((format!("appendix[{i}].label"), a.label.clone()));
        v.push((format!("appendix[{i}].title"), a.title.clone()));
        v.push((format!("appendix[{i}].note"), a.note.clone()));
    }
    for (i, a) in m.distribution.addressees.iter().enumerate() {
        v.push((format!("addressees[{i}]"), a.clone()));
    }
    for (i, r) in m.distribution.recipients.iter().enumerate() {
        v.push((format!("recipients[{i}]"), r.clone()));
    }
    v
}

/// The signature blocks of the manifest with the name their fields have in messages:
/// `[signature]` first, then each `[[signatures]]`.
fn signature_fields(m: &super::Manifest) -> Vec<(String, &super::SignatureFields)> {
    let mut out: Vec<(String, &super::SignatureFields)> = Vec::new();
    if let Some(s) = &m.signature {
        out.push(("signature".into(), s));
    }
    for (i, s) in m.signatures.iter().enumerate() {
        out.push((format!("signatures[{i}]"), s));
    }
    out
}

impl<'t> Renderer<'t> {
    /// Compiles the body and every manifest string; reports the first syntax error with
    /// its file, line and column.
    pub fn new(template: &'t Template) -> Result<Renderer<'t>, TemplateError> {
        Renderer::located(template, None)
    }

    /// [`Renderer::new`], with where the data's values came from ([`Template::origins`]), so
    /// that a helper's message names the workbook cell.
    pub fn located(
        template: &'t Template,
        locator: Option<Arc<dyn Locate>>,
    ) -> Result<Renderer<'t>, TemplateError> {
        Renderer::build(template, locator, &Problems::stop())
    }

    /// Every form problem of one document at once — what `vanban check --data` reports —
    /// on the path a render takes: the same rules, messages and places, without stopping
    /// at the first. A part that cannot be rendered at all (a Handlebars or Markdown
    /// error) is left out and its first error returned apart.
    pub fn collect(
        template: &'t Template,
        locator: Option<Arc<dyn Locate>>,
        ctx: &Json,
    ) -> Collected {
        let problems = Problems::collect();
        let rendered = Renderer::build(template, locator, &problems)
            .and_then(|r| r.render_with(&DocData::new(ctx.clone()), &problems));
        let clean = problems.is_clean();
        let (form, failure) = problems.into_parts();
        match rendered {
            Ok(r) => Collected {
                rendered: clean.then_some(r),
                problems: form,
                failure,
            },
            // Collect mode reports through the sink; an error here is a bug's fallback.
            Err(e) => Collected {
                rendered: None,
                problems: form,
                failure: failure.or(Some(e)),
            },
        }
    }

    /// Compiles the template; a syntax error goes to `problems` (in collect mode, the
    /// part is then left unrendered).
    fn build(
        template: &'t Template,
        locator: Option<Arc<dyn Locate>>,
        problems: &Problems,
    ) -> Result<Renderer<'t>, TemplateError> {
        let mut markdown = registry(Escape::Markdown, Mode::Strict, locator.clone());
        let mut plain = registry(Escape::None, Mode::Strict, locator.clone());
        if let Err(e) = markdown.register_template_string(BODY_FILE, &template.body) {
            problems.fail(
                BODY_FILE,
                syntax_error(template.file(BODY_FILE), &template.body, &e),
            )?;
        }
        for (name, text) in &template.appendix_bodies {
            if let Err(e) = markdown.register_template_string(name, text) {
                problems.fail(name, syntax_error(template.file(name), text, &e))?;
            }
        }
        for (name, text) in manifest_strings(template) {
            if let Err(e) = plain.register_template_string(&name, &text) {
                let mut err = syntax_error(template.file(MANIFEST_FILE), &text, &e);
                if let TemplateError::Syntax { location, .. } = &mut err {
                    *location = template.manifest_location(&name);
                }
                problems.fail(&name, err)?;
            }
        }
        Ok(Renderer {
            template,
            markdown,
            plain,
            locator,
        })
    }

    /// Renders one document from a context made by [`super::build_context`].
    pub fn render(&self, ctx: &Json) -> Result<Rendered, TemplateError> {
        self.render_data(&DocData::new(ctx.clone()))
    }

    /// Renders one document from its [`DocData`].
    pub fn render_data(&self, data: &DocData) -> Result<Rendered, TemplateError> {
        self.render_with(data, &Problems::stop())
    }

    /// Renders one document, the form rules' problems going to `problems`.
    fn render_with(&self, data: &DocData, problems: &Problems) -> Result<Rendered, TemplateError> {
        let t = self.template;
        let hctx = &data.0;
        let ctx = hctx.data();
        // A part that cannot be rendered stops a render; check goes on without it.
        let field = |name: &str| -> Result<String, TemplateError> {
            match self.plain.render_with_context(name, hctx) {
                Ok(s) => Ok(s.trim().to_string()),
                Err(e) => {
                    problems.fail(name, self.render_error(&e, ctx))?;
                    Ok(String::new())
                }
            }
        };
        let blocks = |file: &str| -> Result<Vec<crate::document::Block>, TemplateError> {
            let made = self
                .markdown
                .render_with_context(file, hctx)
                .map_err(|e| self.render_error(&e, ctx))
                .and_then(|md| self.markdown_blocks(file, &md, ctx));
            match made {
                Ok(blocks) => Ok(blocks),
                Err(e) => {
                    problems.fail(file, e)?;
                    Ok(Vec::new())
                }
            }
        };
        let list = |prefix: &str, n: usize| -> Result<Vec<String>, TemplateError> {
            let mut out = Vec::new();
            for i in 0..n {
                let s = field(&format!("{prefix}[{i}]"))?;
                if !s.is_empty() {
                    out.push(s);
                }
            }
            Ok(out)
        };

        let body = blocks(BODY_FILE)?;
        let form = t.manifest.template.form;
        let sizes = t.manifest.template.sizes;
        let date_text = field("header.date")?;
        let date = match vi::parse_date(&date_text) {
            Ok(d) => Some(d),
            Err(_) if date_text.is_empty() => None,
            Err(_) => {
                problems.form(self.problem(
                    "header.date",
                    "date",
                    tr!(
                        "\"{date_text}\" không phải ngày tháng; ghi dạng 2025-11-05 hoặc 05/11/2025 \
                         (hoặc dùng một ô ngày tháng của Excel)",
                        "\"{date_text}\" is not a date; give it as 2025-11-05 or 05/11/2025 \
                         (or an Excel date cell)"
                    ),
                    None,
                ))?;
                None
            }
        };
        let place = field("header.place")?;
        let blank_year = field("header.blank_year")?.parse::<i32>().ok();
        let place_date = if t.manifest.header.date_line {
            vi::place_date(&place, date, blank_year)
        } else {
            String::new()
        };
        let revision_date = date
            .map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")))
            .unwrap_or_default();
        let date = date.map(|d| {
            use chrono::Datelike;
            Date {
                year: d.year(),
                month: d.month(),
                day: d.day(),
            }
        });
        let number = normalise_number(&field("header.number")?);
        let symbol = field("header.symbol")?;
        for m in [
            symbol_year_problem(form, &symbol),
            symbol_problem_text(&symbol),
        ]
        .into_iter()
        .flatten()
        {
            problems.form(self.problem("header.symbol", "ky-hieu", m, Some(symbol_hint())))?;
        }
        let draft = match &t.manifest.draft {
            None => None,
            Some(d) => {
                if let Some(n) = &number {
                    problems.form(self.problem(
                        "header.number",
                        "draft-number",
                        tr!(
                            "đây là dự thảo (có [draft]) nhưng đã có số \"{n}\"; số của dự thảo \
                             để trống cho đến khi văn bản được vào sổ",
                            "this is a draft ([draft] is set) but it carries the number \"{n}\"; \
                             a draft's number stays blank until the document is registered"
                        ),
                        Some(tr!(
                            "để header.number trống hoặc bỏ [draft]",
                            "leave header.number empty or remove [draft]"
                        )),
                    ))?;
                }
                Some(DraftMark {
                    text: vi::upper(&field("draft.text")?),
                    position: d.position,
                    boxed: d.boxed,
                })
            }
        };
        // The words as printed: capitals where the decree wants them (VN-FORMAT §1.3),
        // whatever case the template or workbook gives.
        let doc_type = vi::upper(&field("header.doc_type")?);
        let summary = field("header.summary")?;
        let agency = vi::upper(&field("header.agency")?);
        let h = &t.manifest.header;
        self.required("header.agency", &h.agency, &agency, ctx, problems)?;
        self.required("header.doc_type", &h.doc_type, &doc_type, ctx, problems)?;
        self.required("header.summary", &h.summary, &summary, ctx, problems)?;
        let kind = layout::header_kind(&doc_type, &summary);
        let header = Header {
            kind,
            parent_agency: vi::upper(&field("header.parent_agency")?),
            agency: agency.clone(),
            number_line: layout::number_line(number.as_deref(), &symbol),
            number,
            symbol,
            place,
            date,
            place_date,
            doc_type: doc_type.clone(),
            summary: summary.clone(),
            draft,
            agency_only: t.manifest.header.agency_only,
        };
        let mut signatures = Vec::new();
        for (prefix, _) in signature_fields(&t.manifest) {
            let mut signature = self.signature(
                problems,
                &prefix,
                &field(&format!("{prefix}.authority"))?,
                &field(&format!("{prefix}.head"))?,
                &field(&format!("{prefix}.title"))?,
                field(&format!("{prefix}.name"))?,
            )?;
            signature.hint = field(&format!("{prefix}.hint"))?;
            signatures.push(signature);
        }
        if signatures.len() > 4 {
            let n = signatures.len();
            problems.form(self.problem(
                "signatures",
                "signatures",
                tr!(
                    "{n} khối chữ ký; một văn bản có tối đa 4 khối cạnh nhau",
                    "{n} signature blocks; a document has at most 4 side by side"
                ),
                None,
            ))?;
        }
        let mut appendices = Vec::new();
        for (i, (a, (file, _))) in t
            .manifest
            .appendix
            .iter()
            .zip(&t.appendix_bodies)
            .enumerate()
        {
            appendices.push(Appendix {
                label: field(&format!("appendix[{i}].label"))?,
                title: vi::upper(&field(&format!("appendix[{i}].title"))?),
                note: field(&format!("appendix[{i}].note"))?,
                landscape: a.landscape,
                body: blocks(file)?,
            });
        }
        let recipients = list("recipients", t.manifest.distribution.recipients.len())?;
        self.closing_line(&recipients, problems)?;
        let page = self.page(form, problems)?;
        let layout = Layout::new(form, sizes);
        let name = crate::output::safe_file_stem(&field("template.output")?);
        let title = [doc_type.as_str(), summary.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ")
            .replace('\n', " ");
        let mut document = Document {
            sizes,
            page,
            header,
            addressees: layout::addressee_lines(&list(
                "addressees",
                t.manifest.distribution.addressees.len(),
            )?),
            body,
            recipients: layout::recipient_lines(&recipients),
            signatures,
            appendices,
            meta: Meta {
                title,
                author: agency.replace('\n', " "),
                revision_date,
                docx_changes: t.manifest.template.docx_changes,
            },
            layout,
        };
        // Table columns on the page, decided once for both writers.
        layout::fit_tables(&mut document);
        Ok(Rendered { document, name })
    }

    /// Reads the Markdown made from `file`, resolving ```chart and ```compare blocks
    /// against the data.
    fn markdown_blocks(
        &self,
        file: &str,
        md: &str,
        ctx: &Json,
    ) -> Result<Vec<crate::document::Block>, TemplateError> {
        let mut directive = |name: &str, body: &str| super::directives::resolve(name, body, ctx);
        document::read_markdown_with(md, &mut directive).map_err(|e| TemplateError::Markdown {
            file: self.template.file(file),
            line: e.line,
            message: e.message.clone(),
            text: md
                .lines()
                .nth(e.line.saturating_sub(1))
                .unwrap_or("")
                .to_string(),
        })
    }

    /// Maps a Handlebars render error to a located template error, with the nearest
    /// known key for a missing field.
    fn render_error(&self, e: &RenderError, ctx: &Json) -> TemplateError {
        let t = self.template;
        let name = e.template_name.clone().unwrap_or_else(|| BODY_FILE.into());
        let location = if name == BODY_FILE {
            let line = e.line_no.unwrap_or(0);
            Location {
                file: t.file(BODY_FILE),
                line,
                column: e.column_no.unwrap_or(0),
                source_line: t
                    .body
                    .lines()
                    .nth(line.saturating_sub(1))
                    .map(str::to_string),
            }
        } else {
            let mut loc = t.manifest_location(&name);
            if loc.line == 0 {
                loc.file = PathBuf::from(format!("{} ({name})", t.file(MANIFEST_FILE).display()));
            }
            loc
        };
        located_error(location, e.reason(), ctx)
    }
}

/// A render error at `location`: an unknown field with the nearest known key, an unknown
/// helper, or the helper's own message (with a suggestion when it names a missing field).
fn located_error(location: Location, reason: &RenderErrorReason, ctx: &Json) -> TemplateError {
    match reason {
        RenderErrorReason::MissingVariable(Some(path)) => {
            let field = path.clone();
            let last = field.rsplit('.').next().unwrap_or(&field).to_string();
            let known = known_keys(ctx);
            let suggestion = nearest(&last, known.iter().map(String::as_str)).map(|k| match field
                .rsplit_once('.')
            {
                Some((prefix, _)) => format!("{prefix}.{k}"),
                None => k,
            });
            TemplateError::UnknownField {
                location,
                field,
                suggestion,
            }
        }
        other => TemplateError::Render {
            location,
            message: with_suggestion(other, ctx),
        },
    }
}

/// A Handlebars render error's reason in both languages: a helper's own bilingual
/// message, the reasons a template author meets translated, and for the rest Handlebars'
/// own English text inside a Vietnamese sentence. The English is what Handlebars says
/// (or the helper's text), as it always read.
pub(crate) fn reason_text(reason: &RenderErrorReason) -> Text {
    use RenderErrorReason as R;
    if let Some(t) = text_of_nested(reason) {
        return t;
    }
    let en = reason.to_string();
    let vi = match reason {
        R::Other(s) => return Text::same(s.clone()),
        R::HelperNotFound(h) => {
            let hint = match nearest_helper(h) {
                Some(k) => tr!(" — có phải là \"{k}\"?", " — did you mean \"{k}\"?"),
                None => Text::same(""),
            };
            return tr!(
                "không có hàm (helper) \"{h}\"{hint} (các hàm có sẵn được liệt kê trong docs/helpers.md)",
                "unknown helper \"{h}\"{hint} (the helpers are listed in docs/helpers.md)";
                hint = hint
            );
        }
        R::MissingVariable(Some(v)) => format!("dữ liệu không có trường \"{v}\""),
        R::MissingVariable(None) => "dữ liệu thiếu một trường mà mẫu dùng".to_string(),
        R::ParamNotFoundForIndex(h, i) => {
            format!("hàm \"{h}\" cần tham số thứ {} nhưng không có", i + 1)
        }
        R::ParamNotFoundForName(h, n) => {
            format!("hàm \"{h}\" cần tham số \"{n}\" nhưng không có")
        }
        R::ParamTypeMismatchForName(h, n, t) | R::HashTypeMismatchForName(h, n, t) => {
            format!("tham số \"{n}\" của hàm \"{h}\" không đúng kiểu: cần {t}")
        }
        R::InvalidParamType(t) => format!("tham số không đúng kiểu: cần {t}"),
        R::TemplateNotFound(t) => format!("không có mẫu \"{t}\""),
        R::PartialNotFound(p) => format!("không có mẫu con (partial) \"{p}\""),
        R::PartialBlockNotFound => "không tìm thấy khối {{> @partial-block}}".to_string(),
        R::DecoratorNotFound(d) => format!("không có decorator \"{d}\""),
        R::BlockContentRequired => "hàm này cần dùng dạng khối: {{#tên …}}…{{/tên}}".to_string(),
        R::InvalidJsonPath(p) => format!("đường dẫn dữ liệu không hợp lệ: {p}"),
        R::InvalidJsonIndex(s) => {
            format!("không lấy được phần tử của danh sách bằng chỉ số chữ: {s}")
        }
        R::TemplateError(te) => return super::syntax::reason(te.reason()),
        _ => format!("lỗi của Handlebars: {en}"),
    };
    Text::new(vi, en)
}

/// The helper (the toolkit's or Handlebars' own) nearest to a name no helper has:
/// `sort_vn` → `sort_vi`.
fn nearest_helper(name: &str) -> Option<String> {
    let names: Vec<&str> = super::helpers::names()
        .chain(super::helpers::BUILTIN.iter().copied())
        .collect();
    nearest(name, names.iter().copied())
}

/// Maps an error of a one-off expression (`vanban eval`) to a template error located in the
/// expression, called `<expression>` in messages: unknown fields get the nearest known key,
/// syntax errors the usual hint.
pub fn expression_error(expr: &str, e: &RenderError, ctx: &Json) -> TemplateError {
    let file = PathBuf::from(EXPRESSION);
    if let RenderErrorReason::TemplateError(te) = e.reason() {
        return syntax_error(file, expr, te);
    }
    let line = e.line_no.unwrap_or(0);
    let location = Location {
        file,
        line,
        column: e.column_no.unwrap_or(0),
        source_line: expr.lines().nth(line.saturating_sub(1)).map(str::to_string),
    };
    located_error(location, e.reason(), ctx)
}

/// A helper's failure on a field the data does not have (strict mode does not reach
/// helper parameters, so the helper reports it) gets the nearest known key, as an unknown
/// field does; the helper names the field ([`crate::i18n::HelperFailure`]).
fn with_suggestion(reason: &RenderErrorReason, ctx: &Json) -> Text {
    let message = reason_text(reason);
    let Some(field) = failure_of_nested(reason).and_then(|f| f.missing_field.as_deref()) else {
        return message;
    };
    let last = field.rsplit('.').next().unwrap_or(field);
    let known = known_keys(ctx);
    match nearest(last, known.iter().map(String::as_str)) {
        Some(k) => {
            let k = match field.rsplit_once('.') {
                Some((prefix, _)) => format!("{prefix}.{k}"),
                None => k,
            };
            tr!(
                "{message} — có phải là \"{k}\"?",
                "{message} — did you mean \"{k}\"?";
                message = message
            )
        }
        None => message,
    }
}

/// The name of a one-off expression in messages.
pub const EXPRESSION: &str = "<expression>";

/// Every object key in the context (descending into the first element of arrays), for
/// "did you mean" suggestions.
fn known_keys(ctx: &Json) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &Json, out: &mut Vec<String>, depth: usize) {
        if depth > 4 {
            return;
        }
        match v {
            Json::Object(m) => {
                for (k, v) in m {
                    out.push(k.clone());
                    walk(v, out, depth + 1);
                }
            }
            Json::Array(a) => {
                if let Some(first) = a.first() {
                    walk(first, out, depth + 1);
                }
            }
            _ => {}
        }
    }
    walk(ctx, &mut out, 0);
    out.sort();
    out.dedup();
    out
}

/// A syntax error in `text` (the file `file`), located and worded by
/// [`super::syntax::describe`], as `check` reports it.
fn syntax_error(file: PathBuf, text: &str, e: &handlebars::TemplateError) -> TemplateError {
    let p = super::syntax::describe(text, e);
    TemplateError::Syntax {
        location: Location {
            file,
            line: p.line,
            column: p.column,
            source_line: text
                .lines()
                .nth(p.line.saturating_sub(1))
                .map(str::to_string),
        },
        message: p.message,
        hint: Some(Box::new(p.hint)),
    }
}

/// "5" → "05" (Decree 30: numbers below 10 take a leading zero); blank → None.
fn normalise_number(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    match s.parse::<u64>() {
        Ok(n) if n < 10 => Some(format!("{n:02}")),
        Ok(n) => Some(n.to_string()),
        Err(_) => Some(s.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::i18n::{Bilingual, Lang, helper_failure};
    use serde_json::json;

    const MANIFEST: &str = "[template]\nname = \"t\"\ntitle = \"T\"\noutput = \"x\"\n\n\
        [header]\nagency = \"SỞ\"\nsymbol = \"BC-S\"\nplace = \"Huế\"\n\
        doc_type = \"BÁO CÁO\"\nsummary = \"v/v\"\n\n\
        [signature]\ntitle = \"GIÁM ĐỐC\"\nname = \"An\"\n";

    fn template(manifest_extra: &str, body: &str) -> Template {
        let manifest_text = format!("{MANIFEST}{manifest_extra}");
        Template {
            dir: PathBuf::from("mau"),
            manifest: toml::from_str(&manifest_text).unwrap(),
            manifest_spans: crate::spans::Spans::parse(&manifest_text),
            manifest_text,
            body: body.into(),
            layout: None,
            appendix_bodies: Vec::new(),
        }
    }

    fn render_err(t: &Template, ctx: &Json) -> TemplateError {
        match Renderer::new(t).and_then(|r| r.render(ctx)) {
            Ok(_) => panic!("an error"),
            Err(e) => e,
        }
    }

    #[test]
    fn syntax_error_in_vietnamese_with_caret_and_hint() {
        let t = template("", "Mở đầu\n{{#if meta.a}}x{{/each}}\n");
        let e = match Renderer::new(&t) {
            Err(e) => e,
            Ok(_) => panic!("a syntax error"),
        };
        let vi = e.message(Lang::Vi);
        assert!(
            vi.starts_with(
                "mau/body.md.hbs:2:1: khối {{#if}} mở ở đây lại được đóng bằng {{/each}} \
                 (dòng 2, cột 16)"
            ),
            "{vi}"
        );
        assert!(vi.contains(" 2 | {{#if meta.a}}x{{/each}}\n   | ^"), "{vi}");
        assert!(
            vi.contains("\n  gợi ý: khối {{#if}} đóng bằng {{/if}}"),
            "{vi}"
        );
        let en = e.message(Lang::En);
        assert_eq!(en, e.to_string());
        assert!(
            !en.contains("Handlebars") && en.contains("\n  hint: "),
            "{en}"
        );
    }

    #[test]
    fn unknown_field_with_suggestion_in_vietnamese() {
        let t = template("", "Số liệu: {{meta.so_lieu_thng}}\n");
        let ctx = json!({"meta": {"so_lieu_thang": 3}});
        let e = render_err(&t, &ctx);
        let vi = e.message(Lang::Vi);
        assert!(
            vi.starts_with(
                "mau/body.md.hbs:1:10: dữ liệu không có trường \"meta.so_lieu_thng\" — có \
                 phải là \"meta.so_lieu_thang\"?"
            ),
            "{vi}"
        );
        assert!(
            e.message(Lang::En)
                .contains("did you mean \"meta.so_lieu_thang\"")
        );
    }

    #[test]
    fn helper_messages_come_out_in_both_languages_with_a_suggestion() {
        let loc = || Location {
            file: PathBuf::from(EXPRESSION),
            line: 1,
            column: 1,
            source_line: None,
        };
        let ctx = json!({"meta": {"ngay_ban_hanh": "2025-11-05"}});
        // A helper's failure on a missing field: its bilingual text, with the nearest key
        // added to both.
        let nested = helper_failure(
            "date",
            Text::new(
                "không có trường \"meta.ngay_ban_hnh\"",
                "the variable \"meta.ngay_ban_hnh\" does not exist",
            ),
            Some("meta.ngay_ban_hnh".into()),
        );
        let e = located_error(loc(), nested.reason(), &ctx);
        assert_eq!(
            e.message(Lang::Vi),
            "<expression>:1:1: date: không có trường \"meta.ngay_ban_hnh\" — có phải là \
             \"meta.ngay_ban_hanh\"?"
        );
        assert_eq!(
            e.message(Lang::En),
            "<expression>:1:1: date: the variable \"meta.ngay_ban_hnh\" does not exist — did \
             you mean \"meta.ngay_ban_hanh\"?"
        );
        // Handlebars' own reasons.
        let e = located_error(loc(), &RenderErrorReason::HelperNotFound("so".into()), &ctx);
        assert!(e.message(Lang::Vi).contains("không có hàm (helper) \"so\""));
        let r = reason_text(&RenderErrorReason::ParamNotFoundForIndex("if", 0));
        assert_eq!(r.vi, "hàm \"if\" cần tham số thứ 1 nhưng không có");
        assert_eq!(
            r.en,
            "Helper/Decorator if param at index 0 required but not found"
        );
        let r = reason_text(&RenderErrorReason::CannotIncludeSelf);
        assert_eq!(r.vi, format!("lỗi của Handlebars: {}", r.en));
    }

    #[test]
    fn form_rules_in_vietnamese() {
        let ctx = json!({});
        let t = template("\n[page]\nmargin_left_mm = 10\n", "Nội dung\n");
        let e = render_err(&t, &ctx);
        let vi = e.message(Lang::Vi);
        assert!(
            vi.contains(
                ": page.margin_left_mm: 10 mm nằm ngoài khoảng 30–35 mm mà Nghị định \
                 30/2020/NĐ-CP quy định"
            ),
            "{vi}"
        );
        assert!(vi.starts_with("mau/template.toml:"), "{vi}");
        assert!(e.message(Lang::En).contains("Decree 30/2020/NĐ-CP sets"));

        let t = template("", "Nội dung\n");
        let mut t2 = t.clone();
        t2.manifest.header.symbol = "2025/BC-S".into();
        let e = render_err(&t2, &ctx);
        assert!(
            e.message(Lang::Vi)
                .contains("ký hiệu của văn bản hành chính không ghi năm"),
            "{}",
            e.message(Lang::Vi)
        );

        let mut t3 = t.clone();
        if let Some(s) = &mut t3.manifest.signature {
            s.authority = "PT.".into();
        }
        let e = render_err(&t3, &ctx);
        assert!(
            e.message(Lang::Vi)
                .contains("\"PT.\" không phải thẩm quyền ký theo Nghị định 30"),
            "{}",
            e.message(Lang::Vi)
        );
    }

    #[test]
    fn markdown_problems_name_the_file_and_line_in_vietnamese() {
        let t = template("", "Một\n\n<div>x</div>\n");
        let e = render_err(&t, &json!({}));
        let vi = e.message(Lang::Vi);
        assert!(
            vi.starts_with(
                "Markdown tạo ra từ mau/body.md.hbs (sau khi điền dữ liệu), dòng 3: không dùng \
                 được khối HTML"
            ),
            "{vi}"
        );
        assert!(vi.ends_with("dòng đó là: <div>x</div>"), "{vi}");
    }

    #[test]
    fn document_numbers() {
        assert_eq!(normalise_number("5"), Some("05".into()));
        assert_eq!(normalise_number("45"), Some("45".into()));
        assert_eq!(normalise_number(""), None);
    }
}
