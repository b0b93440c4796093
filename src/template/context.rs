//! The data a template sees: the workbook's sheets under the names the manifest gives
//! them, checked against what the template needs before anything is rendered.

use std::collections::HashMap;

use serde_json::{Map, Value as Json};

use super::{BODY_FILE, Location, Template, TemplateError, find_word};
use crate::i18n::Text;
use crate::suggest::nearest;
use crate::tr;
use crate::workbook::{Dataset, ReadOptions, Sheet, SheetData, SheetOptions};

impl Template {
    /// How the workbook reader should read the sheets this template names.
    pub fn read_options(&self) -> ReadOptions {
        let mut sheets = HashMap::new();
        for source in self.manifest.data.values() {
            sheets.insert(
                source.sheet.clone(),
                SheetOptions {
                    kind: source.kind,
                    header_row: source.header_row,
                    last_row: source.last_row,
                    raw_rows: source.rows == Some(super::manifest::Rows::Raw),
                    numbers: source.numbers.unwrap_or_default(),
                },
            );
        }
        ReadOptions {
            sheets,
            legacy: self.manifest.workbook.legacy.unwrap_or_default(),
        }
    }
}

/// Something the template needs that the workbook lacks, found while the context is built.
#[derive(Debug, Clone, PartialEq)]
pub enum DataProblem {
    /// `[data.ALIAS] sheet` names a sheet the workbook does not have.
    MissingSheet {
        alias: String,
        /// The message (with the sheets there are), in both languages.
        message: Text,
    },
    /// A key of `[data.ALIAS] columns` (the `index`-th) no column gives.
    MissingColumn {
        alias: String,
        index: usize,
        message: Text,
        /// The keys the header row gives.
        hint: Text,
    },
}

impl DataProblem {
    /// The manifest field it is about, for its place in template.toml.
    pub fn field(&self) -> String {
        match self {
            DataProblem::MissingSheet { alias, .. } => format!("data.{alias}.sheet"),
            DataProblem::MissingColumn { alias, index, .. } => {
                format!("data.{alias}.columns[{index}]")
            }
        }
    }

    pub fn message(&self) -> &Text {
        match self {
            DataProblem::MissingSheet { message, .. }
            | DataProblem::MissingColumn { message, .. } => message,
        }
    }

    /// What to look at, when the message does not say it already.
    pub fn hint(&self) -> Option<&Text> {
        match self {
            DataProblem::MissingSheet { .. } => None,
            DataProblem::MissingColumn { hint, .. } => Some(hint),
        }
    }

    /// As the renderer reports it: the message, then the hint on its own line.
    fn into_error(self) -> TemplateError {
        let message = match self.hint() {
            Some(hint) => {
                let message = self.message();
                tr!("{message}\n  {hint}", "{message}\n  {hint}"; message = message, hint = hint)
            }
            None => self.message().clone(),
        };
        TemplateError::Data { message }
    }
}

impl Template {
    /// Where each value of `data` came from, under the names this template gives the
    /// sheets: for helper messages that name the cell ([`super::Renderer::located`]).
    pub fn origins(&self, data: &Dataset) -> std::sync::Arc<dyn crate::template::helpers::Locate> {
        std::sync::Arc::new(self.origins_of(data))
    }

    /// [`Template::origins`] for a batch job making one document per row of `sheet`.
    pub fn origins_per_row(
        &self,
        data: &Dataset,
        sheet: &str,
    ) -> std::sync::Arc<dyn crate::template::helpers::Locate> {
        std::sync::Arc::new(self.origins_of(data).with_rows(sheet))
    }

    fn origins_of(&self, data: &Dataset) -> crate::workbook::Origins {
        let aliases: Vec<(String, String)> = self
            .manifest
            .data
            .iter()
            .map(|(alias, source)| (alias.clone(), source.sheet.clone()))
            .collect();
        crate::workbook::Origins::new(data, &aliases)
    }
}

/// Builds the JSON context for one document: every aliased sheet under its alias, every
/// other sheet under its own key, and the workbook's defined names under `names`.
///
/// Checks, with messages that name the sheet and cell: each sheet the manifest names
/// exists; each column it requires is there (nearest key suggested); no error cell
/// (`#DIV/0!`, `#REF!`, …) sits in a column the template uses.
pub fn build_context(template: &Template, data: &Dataset) -> Result<Json, TemplateError> {
    let (ctx, problems) = collect_context(template, data);
    if let Some(first) = problems.into_iter().next() {
        return Err(first.into_error());
    }
    check_error_cells(template, data)?;
    Ok(ctx)
}

/// [`build_context`] that goes on past missing sheets and columns and returns every one
/// of them with the context it could build (for `vanban check`, which reports them all).
/// Error cells are left to the caller (check reports them where the template uses them).
pub fn collect_context(template: &Template, data: &Dataset) -> (Json, Vec<DataProblem>) {
    let file = data.path.display().to_string();
    let mut ctx = Map::new();
    let mut problems = Vec::new();
    for (alias, source) in &template.manifest.data {
        let Some(sheet) = data.sheet(&source.sheet) else {
            let wanted = &source.sheet;
            let manifest = template.file(super::MANIFEST_FILE);
            let manifest = manifest.display();
            let sheets = data.sheet_list();
            problems.push(DataProblem::MissingSheet {
                alias: alias.clone(),
                message: tr!(
                    "{file}: mẫu cần sheet tên \"{wanted}\" (data.{alias} trong {manifest}), \
                         nhưng bảng tính chỉ có: {sheets}",
                    "{file}: the template needs a sheet named \"{wanted}\" (data.{alias} in \
                         {manifest}), but the workbook has only: {sheets}"
                ),
            });
            continue;
        };
        if let SheetData::Table(table) = &sheet.data {
            let keys: Vec<&str> = table.columns.iter().map(|c| c.key.as_str()).collect();
            for (index, needed) in source.columns.iter().enumerate() {
                if keys.contains(&needed.as_str()) {
                    continue;
                }
                let suggestion = match nearest(needed, keys.iter().copied()) {
                    Some(k) => tr!(" — có phải là \"{k}\"?", " — did you mean \"{k}\"?"),
                    None => Default::default(),
                };
                let name = &sheet.name;
                let row = table.header_row;
                let keys = keys.join(", ");
                problems.push(DataProblem::MissingColumn {
                    alias: alias.clone(),
                    index,
                    message: tr!(
                        "{file}, sheet \"{name}\": không cột nào cho trường \"{needed}\"{suggestion}",
                        "{file}, sheet \"{name}\": no column gives the key \"{needed}\"{suggestion}";
                        suggestion = suggestion
                    ),
                    hint: tr!(
                        "dòng tiêu đề (dòng {row}) cho các trường: {keys}",
                        "the header row ({row}) gives: {keys}"
                    ),
                });
            }
        }
        for (key, value) in sheet.context_entries(alias) {
            ctx.entry(key).or_insert(value);
        }
    }
    insert_sheets(&mut ctx, data, |sheet| {
        template
            .manifest
            .data
            .values()
            .any(|s| s.sheet == sheet.name)
    });
    insert_names(&mut ctx, data);
    (Json::Object(ctx), problems)
}

/// The context of a workbook read without a template (for `vanban eval --data`): every
/// sheet under its key, the defined names under `names`, and the first key–value sheet also
/// under `meta` (unless a sheet's key already is `meta`), since that is the alias templates
/// give the document's facts.
pub fn workbook_context(data: &Dataset) -> Json {
    let mut ctx = Map::new();
    insert_sheets(&mut ctx, data, |_| false);
    insert_names(&mut ctx, data);
    if let Some(facts) = data
        .sheets
        .iter()
        .find(|s| matches!(s.data, SheetData::KeyValue(_)))
    {
        ctx.entry("meta").or_insert_with(|| facts.data.to_json());
    }
    Json::Object(ctx)
}

/// Every sheet not `skip`ped under its own key (first come, first served).
fn insert_sheets(ctx: &mut Map<String, Json>, data: &Dataset, skip: impl Fn(&Sheet) -> bool) {
    for sheet in &data.sheets {
        if !skip(sheet) && !ctx.contains_key(&sheet.key) && !sheet.key.is_empty() {
            for (key, value) in sheet.context_entries(&sheet.key) {
                ctx.entry(key).or_insert(value);
            }
        }
    }
}

/// The workbook's defined names under `names`, unless a sheet took that key.
fn insert_names(ctx: &mut Map<String, Json>, data: &Dataset) {
    let mut names = Map::new();
    for name in &data.names {
        names.insert(name.key.clone(), name.value.to_json());
    }
    ctx.entry("names").or_insert(Json::Object(names));
}

/// An error cell in a column (or key) that the template mentions is an error naming the
/// cell; error cells in columns the template never uses do not stop the document.
fn check_error_cells(template: &Template, data: &Dataset) -> Result<(), TemplateError> {
    for cell in data.error_cells() {
        let used_in_body = find_word(&template.body, &cell.key);
        let used_in_manifest = find_word(&template.manifest_text, &cell.key);
        let place = match (used_in_body, used_in_manifest) {
            (Some((line, column, src)), _) => Some(Location {
                file: template.file(BODY_FILE),
                line,
                column,
                source_line: Some(src),
            }),
            (None, Some((line, column, src))) => Some(Location {
                file: template.file(super::MANIFEST_FILE),
                line,
                column,
                source_line: Some(src),
            }),
            (None, None) => None,
        };
        if let Some(location) = place {
            let (path, sheet, at, code, key) = (
                data.path.display(),
                &cell.sheet,
                &cell.cell,
                &cell.code,
                &cell.key,
            );
            return Err(TemplateError::Data {
                message: tr!(
                    "{path}, sheet \"{sheet}\", ô {at}: ô chứa lỗi Excel {code} và mẫu dùng cột \
                     này (\"{key}\") ở {location}; hãy sửa công thức hoặc giá trị trong bảng tính",
                    "{path}, sheet \"{sheet}\", cell {at}: the cell holds the Excel error {code} and \
                     the template uses this column (\"{key}\") at {location}; correct the formula \
                     or the value in the workbook"
                ),
            });
        }
    }
    Ok(())
}

/// A `kind` other than "table" or "key-value" under `[data.ALIAS]`.
pub(crate) fn kind_error(alias: &str, kind: &str) -> crate::i18n::Text {
    tr!(
        "data.{alias}.kind là \"{kind}\"; chỉ được là \"table\" hoặc \"key-value\"",
        "data.{alias}.kind is \"{kind}\"; it must be \"table\" or \"key-value\""
    )
}
