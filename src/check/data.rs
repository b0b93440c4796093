//! The data side of `check`: the context on the renderer's path (every missing sheet and
//! column), every path the template uses resolved against it (unknown fields with the
//! nearest key, number helpers on text cells, error cells), and placeholder data when no
//! workbook is given.

use std::collections::HashSet;
use std::path::PathBuf;

use serde_json::{Map, Value as Json};

use crate::suggest::nearest;
use crate::template::{DataProblem, MANIFEST_FILE, Template};
use crate::tr;
use crate::vi;
use crate::workbook::{CellRef, Dataset, SheetData, Value};

use super::walk::{self, AbsPath, Step, UseKind};
use super::{Checker, Severity};

impl Checker {
    /// The context the renderer will see, reporting every missing sheet and column.
    pub(super) fn data_context(&mut self, template: &Template, data: &Dataset) -> Json {
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
    pub(super) fn check_uses(
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
pub(super) fn placeholder_context(uses: &[(walk::Use, PathBuf, String)]) -> Json {
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
