//! `vanban eval`: renders a one-off Handlebars expression with every helper, so a template
//! author can try `{{words 1005}}` or `{{date meta.ngay_ban_hanh}}` without writing a
//! template. Strict mode, no escaping: the output is the plain text the helpers produce.
//!
//! The data is what a template would see: nothing (an empty context) without a workbook;
//! with a workbook, every sheet under its key, the defined names under `names` and the first
//! key–value sheet also as `meta` ([`crate::template::workbook_context`]); with a template
//! folder too, exactly that template's context, aliases included
//! ([`crate::template::build_context`]).

use std::path::Path;

use serde_json::Value as Json;

use crate::error::Error;
use crate::i18n::Text;
use crate::template::{Template, TemplateError, build_context, expression_error, workbook_context};
use crate::tr;
use crate::workbook::{Dataset, LegacyMode, Notice, ReadOptions};

/// Where the data of an expression comes from.
#[derive(Debug, Clone, Copy, Default)]
pub struct EvalOptions<'a> {
    /// The workbook.
    pub data: Option<&'a Path>,
    /// A template folder whose context (aliases, sheet options) the expression sees; needs
    /// `data`.
    pub template: Option<&'a Path>,
    /// Overrides the legacy-text mode of the template (or the default, `auto`).
    pub legacy: Option<LegacyMode>,
}

/// The rendered text and what the workbook reader repaired on the way.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluated {
    pub text: String,
    pub notices: Vec<Notice>,
}

/// Renders `expr` against the data `opts` names.
pub fn eval(expr: &str, opts: &EvalOptions<'_>) -> Result<Evaluated, Error> {
    let (ctx, notices, origins) = context(opts)?;
    let text = crate::template::helpers::eval_located(expr, &ctx, origins).map_err(|e| {
        let err = expression_error(expr, &e, &ctx);
        if opts.data.is_some() && opts.template.is_none() {
            with_sheet_hint(err, &ctx)
        } else {
            err
        }
    })?;
    Ok(Evaluated { text, notices })
}

/// Without `--template` the data has the workbook's own names (`danh_muc_de_an`), not the
/// template's aliases (`de_an`): a name the workbook does not have gets the sheet the
/// workbook calls by a name like it, and the advice to give `--template`.
fn with_sheet_hint(err: TemplateError, ctx: &Json) -> TemplateError {
    const NEEDLE: &str = "the variable \"";
    let field = match &err {
        TemplateError::UnknownField { field, .. } => field.clone(),
        TemplateError::Render { message, .. } => {
            let en = &message.en;
            match en
                .find(NEEDLE)
                .map(|i| &en[i + NEEDLE.len()..])
                .and_then(|rest| rest.split('"').next())
            {
                Some(f) => f.to_string(),
                None => return err,
            }
        }
        _ => return err,
    };
    let root = field.split('.').next().unwrap_or(&field);
    let Some(keys) = ctx.as_object().filter(|k| !k.contains_key(root)) else {
        return err;
    };
    let (location, base) = match err {
        TemplateError::UnknownField { location, .. } => (
            location,
            tr!("không có trường {field:?}", "unknown field {field:?}"),
        ),
        TemplateError::Render { location, message } => (location, message),
        other => return other,
    };
    let like = keys
        .keys()
        .find(|k| k.contains(root) || root.contains(k.as_str()))
        .cloned()
        .or_else(|| crate::template::nearest_key(root, keys.keys().map(String::as_str)));
    // The sheet named is the better lead than a near field name.
    let base = match (&like, base.en.split_once(" — "), base.vi.split_once(" — ")) {
        (Some(_), Some((en, _)), Some((vi, _))) => Text::new(vi.to_string(), en.to_string()),
        _ => base,
    };
    let sheet = match like {
        Some(k) => tr!(
            "; sổ Excel gọi sheet đó là \"{k}\"",
            "; the workbook calls that sheet \"{k}\""
        ),
        None => Text::same(""),
    };
    let message = tr!(
        "{base}{sheet} (không có --template, biểu thức thấy tên sheet của sổ Excel; thêm --template THU_MUC_MAU để dùng các tên mẫu đặt)",
        "{base}{sheet} (without --template an expression sees the workbook's sheet names; add --template DIR for the template's names)";
        base = base,
        sheet = sheet
    );
    TemplateError::Render { location, message }
}

type Located = Option<std::sync::Arc<dyn crate::template::helpers::Locate>>;

fn context(opts: &EvalOptions<'_>) -> Result<(Json, Vec<Notice>, Located), Error> {
    let Some(path) = opts.data else {
        return Ok((Json::Object(Default::default()), Vec::new(), None));
    };
    match opts.template {
        Some(dir) => {
            let template = Template::load(dir)?;
            let mut read = template.read_options();
            if let Some(mode) = opts.legacy {
                read.legacy = mode;
            }
            let data = Dataset::open(path, &read)?;
            let ctx = build_context(&template, &data)?;
            let origins = template.origins(&data);
            Ok((ctx, data.notices, Some(origins)))
        }
        None => {
            let read = ReadOptions {
                legacy: opts.legacy.unwrap_or_default(),
                ..ReadOptions::default()
            };
            let data = Dataset::open(path, &read)?;
            // `meta` is the first key–value sheet, as workbook_context gives it.
            let meta: Vec<(String, String)> = data
                .sheets
                .iter()
                .find(|s| matches!(s.data, crate::workbook::SheetData::KeyValue(_)))
                .map(|s| ("meta".to_string(), s.name.clone()))
                .into_iter()
                .collect();
            let origins: Located = Some(std::sync::Arc::new(crate::workbook::Origins::new(
                &data, &meta,
            )));
            Ok((workbook_context(&data), data.notices, origins))
        }
    }
}
