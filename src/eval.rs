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
use crate::template::{Template, build_context, expression_error, workbook_context};
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
    let text = crate::vi::helpers::eval_located(expr, &ctx, origins)
        .map_err(|e| expression_error(expr, &e, &ctx))?;
    Ok(Evaluated { text, notices })
}

type Located = Option<std::sync::Arc<dyn crate::vi::helpers::Locate>>;

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
