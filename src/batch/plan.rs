//! Planning a batch: every job's template and workbook loaded once, every document
//! listed with its name, its data and the hash of its inputs — all before anything is
//! written, so a bad batch file, a missing sheet or two documents with one name stop the
//! run with nothing touched.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use handlebars::Handlebars;
use serde_json::{Map, Value as Json};
use sha2::{Digest, Sha256};

use super::BatchError;
use super::file::{BatchFile, JobSpec};
use crate::i18n::Text;
use crate::render::Formats;
use crate::template::helpers::{Escape, Mode, registry};
use crate::template::{Template, build_context, find_word};
use crate::tr;
use crate::workbook::{Dataset, SheetData, Table, Value};

/// The key a per-row document's context holds its row under: `{{row.tinh_thanh_pho}}`.
pub const ROW_KEY: &str = "row";
/// The Excel row number of the current row: `{{row_number}}`.
pub const ROW_NUMBER_KEY: &str = "row_number";

/// One job, loaded.
pub(crate) struct Job {
    pub name: String,
    pub template: Template,
    pub formats: Formats,
    /// Subfolder of the output folder ("" for none), made safe.
    pub folder: String,
    /// The workbook as the batch file names it, for messages and the results workbook.
    pub workbook: String,
    /// The context every document of the job starts from (no `row`).
    pub base: Json,
    /// The sheet the rows come from, for per-row jobs.
    pub rows: Option<String>,
    /// Where the workbook's values came from, for helper messages that name the cell.
    pub origins: Option<std::sync::Arc<dyn crate::template::helpers::Locate>>,
    /// What the workbook reader changed or found in the job's workbook.
    pub notices: Vec<crate::workbook::Notice>,
}

/// One document of the plan.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub job: usize,
    /// Excel row number, for per-row documents.
    pub excel_row: Option<u32>,
    /// The row as the template sees it (`row`).
    pub row: Option<Json>,
    /// The file name stem (safe), when its pattern rendered.
    pub stem: Option<String>,
    /// Manifest key: `job/folder/stem`, or `job#rowN` when the name could not be made.
    pub id: String,
    /// `job#rowN` (or `job` for a single document): stable across renames, for
    /// `--only failed`.
    pub source_key: String,
    /// A problem found while planning (an error cell, a name that failed): the document
    /// fails with this message without being rendered.
    pub problem: Option<Text>,
    /// Hex SHA-256 of everything the document is made from.
    pub input_hash: String,
}

impl Doc {
    /// "bao-cao-thang.xlsx, sheet "Tỉnh thành", row 9" or "bao-cao-thang.xlsx".
    pub fn source(&self, jobs: &[Job]) -> Text {
        let job = &jobs[self.job];
        match (&job.rows, self.excel_row) {
            (Some(sheet), Some(row)) => row_place(&job.workbook, sheet, row),
            _ => Text::same(job.workbook.clone()),
        }
    }

    /// Path of the file for one extension, relative to the output folder.
    pub fn relative(&self, jobs: &[Job], stem: &str, ext: &str) -> String {
        let folder = &jobs[self.job].folder;
        if folder.is_empty() {
            format!("{stem}.{ext}")
        } else {
            format!("{folder}/{stem}.{ext}")
        }
    }
}

/// "bao-cao-thang.xlsx, sheet "Tỉnh thành", row 9" in both languages.
fn row_place(workbook: &str, sheet: &str, row: u32) -> Text {
    tr!(
        "{workbook}, sheet \"{sheet}\", dòng {row}",
        "{workbook}, sheet \"{sheet}\", row {row}"
    )
}

pub(crate) struct Plan {
    pub out_dir: PathBuf,
    pub jobs: Vec<Job>,
    pub docs: Vec<Doc>,
}

/// Loads every job and lists every document (before `--only` and `--shard`).
pub(crate) fn plan(batch_path: &Path, file: &BatchFile) -> Result<Plan, BatchError> {
    let base_dir = batch_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let out_dir = base_dir.join(&file.output);
    let mut jobs = Vec::new();
    let mut docs = Vec::new();
    for (index, spec) in file.jobs.iter().enumerate() {
        let (job, job_docs) = plan_job(batch_path, file, base_dir, index, spec)?;
        jobs.push(job);
        docs.extend(job_docs);
    }
    check_collisions(&jobs, &docs, &out_dir)?;
    Ok(Plan {
        out_dir,
        jobs,
        docs,
    })
}

fn job_error(job: &str, source: crate::error::Error) -> BatchError {
    BatchError::Job {
        job: job.to_string(),
        source: Box::new(source),
    }
}

fn plan_job(
    batch_path: &Path,
    file: &BatchFile,
    base_dir: &Path,
    index: usize,
    spec: &JobSpec,
) -> Result<(Job, Vec<Doc>), BatchError> {
    let name = spec.name.trim().to_string();
    let template =
        Template::load(&base_dir.join(&spec.template)).map_err(|e| job_error(&name, e.into()))?;
    let workbook_path = base_dir.join(&spec.workbook);
    let mut data = Dataset::open(&workbook_path, &template.read_options())
        .map_err(|e| job_error(&name, e.into()))?;
    crate::legal::current::apply(&template, &mut data).map_err(|e| job_error(&name, e.into()))?;
    let at = |field: &str| {
        file.spans
            .file_place(batch_path, &format!("job[{index}].{field}"))
    };
    let formats = spec.formats(&at("formats"))?;
    let folder = spec
        .folder
        .as_deref()
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .map(crate::output::safe_file_stem)
        .unwrap_or_default();
    let text = template_text(&template);
    let names = NamePatterns::new(&at, &name, spec, &template)?;
    let mut job = Job {
        name: name.clone(),
        template,
        formats,
        folder,
        workbook: spec.workbook.clone(),
        base: Json::Null,
        rows: None,
        origins: None,
        notices: data.notices.clone(),
    };
    let job_settings = format!(
        "{:?}|{:?}|{:?}|{:?}|{:?}",
        spec.output, spec.when, job.folder, formats.pdf, formats.docx
    );

    let Some(rows_sheet) = &spec.rows else {
        // One document from the whole workbook, as `vanban render` makes it.
        job.base = build_context(&job.template, &data).map_err(|e| job_error(&name, e.into()))?;
        job.origins = Some(job.template.origins(&data));
        let shared = shared_hash(&job.template, &job_settings, &job.base, None)?;
        let mut doc = Doc {
            job: index,
            excel_row: None,
            row: None,
            stem: None,
            id: String::new(),
            source_key: name.clone(),
            problem: None,
            input_hash: hex(&shared),
        };
        match names.name(&job.base) {
            Ok(stem) => {
                doc.id = doc_id(&name, &job.folder, &stem);
                doc.stem = Some(stem);
            }
            Err(message) => {
                return Err(BatchError::Plan {
                    message: tr!(
                        "việc \"{name}\": tên tệp kết quả (output): {message}",
                        "job \"{name}\": the output name: {message}";
                        message = message
                    ),
                });
            }
        }
        return Ok((job, vec![doc]));
    };

    // One document per row.
    let workbook = &spec.workbook;
    let sheet = data.sheet(rows_sheet).ok_or_else(|| {
        let sheets = data.sheet_list();
        BatchError::Plan {
            message: tr!(
                "việc \"{name}\": rows = \"{rows_sheet}\", nhưng bảng tính {workbook} chỉ có các sheet {sheets}",
                "job \"{name}\": rows = \"{rows_sheet}\", but {workbook} has only the sheets {sheets}"
            ),
        }
    })?;
    let SheetData::Table(table) = &sheet.data else {
        let sheet = &sheet.name;
        return Err(BatchError::Plan {
            message: tr!(
                "việc \"{name}\": sheet \"{sheet}\" của {workbook} là sheet trường – giá trị (mỗi dòng \
                 một thông tin); rows = phải là một sheet dạng bảng, mỗi dòng dữ liệu một văn bản",
                "job \"{name}\": sheet \"{sheet}\" of {workbook} is a key–value sheet (one fact per line); \
                 rows = names a table sheet, one document per data row"
            ),
        });
    };
    let sheet_name = sheet.name.clone();
    let alias = job
        .template
        .manifest
        .data
        .iter()
        .find(|(_, s)| data.sheet(&s.sheet).is_some_and(|x| x.name == sheet_name))
        .map(|(alias, _)| alias.clone())
        .unwrap_or_else(|| sheet.key.clone());
    // Does the template read the whole table (`{{#each tinh}}`, `{{count tinh}}`), or only
    // its row? Only then does every document depend on every row.
    let uses_table = find_word(&text, &alias).is_some();
    let uses_row_number = find_word(&text, ROW_NUMBER_KEY).is_some()
        || spec
            .output
            .as_deref()
            .is_some_and(|o| find_word(o, ROW_NUMBER_KEY).is_some());
    let table = table.clone();
    let ctx_data = if uses_table {
        data
    } else {
        // Error cells of the row sheet fail only their own row's document (checked below),
        // so the shared context sees them as blanks.
        let mut d = data;
        for s in &mut d.sheets {
            if s.name == sheet_name
                && let SheetData::Table(t) = &mut s.data
            {
                for row in &mut t.rows {
                    for v in &mut row.values {
                        if v.is_error() {
                            *v = Value::Empty;
                        }
                    }
                }
            }
        }
        d
    };
    job.base = build_context(&job.template, &ctx_data).map_err(|e| job_error(&name, e.into()))?;
    job.rows = Some(sheet_name.clone());
    job.origins = Some(job.template.origins_per_row(&ctx_data, &sheet_name));
    let shared = shared_hash(
        &job.template,
        &job_settings,
        &job.base,
        if uses_table { None } else { Some(&alias) },
    )?;
    let scalars: Map<String, Json> = match &job.base {
        Json::Object(m) => m
            .iter()
            .filter(|(_, v)| !v.is_array())
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect(),
        _ => Map::new(),
    };
    let workbook_file = workbook_path.display().to_string();
    let mut docs = Vec::new();
    for row in &table.rows {
        let row_json = row_object(&table, row);
        let mut name_ctx = scalars.clone();
        if let Json::Object(fields) = &row_json {
            for (k, v) in fields {
                name_ctx.insert(k.clone(), v.clone());
            }
        }
        name_ctx.insert(ROW_KEY.into(), row_json.clone());
        name_ctx.insert(ROW_NUMBER_KEY.into(), Json::from(row.excel_row));
        let name_ctx = Json::Object(name_ctx);
        let at = row_place(&spec.workbook, &sheet_name, row.excel_row);
        match names.when(&name_ctx) {
            Ok(true) => {}
            Ok(false) => continue,
            Err(message) => {
                return Err(BatchError::Plan {
                    message: tr!(
                        "việc \"{name}\", {at}: when = …: {message}",
                        "job \"{name}\", {at}: when = …: {message}";
                        at = at,
                        message = message
                    ),
                });
            }
        }
        let mut hasher = Sha256::new();
        hasher.update(shared);
        hasher.update(serde_json::to_vec(&row_json).unwrap_or_default());
        if uses_row_number {
            hasher.update(row.excel_row.to_le_bytes());
        }
        let mut doc = Doc {
            job: index,
            excel_row: Some(row.excel_row),
            row: Some(row_json),
            stem: None,
            id: format!("{name}#row{}", row.excel_row),
            source_key: format!("{name}#row{}", row.excel_row),
            problem: None,
            input_hash: hex(&hasher.finalize()),
        };
        match names.name(&name_ctx) {
            Ok(stem) => {
                doc.id = doc_id(&name, &job.folder, &stem);
                doc.stem = Some(stem);
            }
            Err(message) => {
                doc.problem = Some(tr!(
                    "{at}: tên tệp kết quả (output): {message}",
                    "{at}: the output name: {message}";
                    at = at,
                    message = message
                ))
            }
        }
        if doc.problem.is_none() {
            doc.problem = row_error_cell(&table, row, &text, &workbook_file, &sheet_name);
        }
        docs.push(doc);
    }
    Ok((job, docs))
}

fn doc_id(job: &str, folder: &str, stem: &str) -> String {
    if folder.is_empty() {
        format!("{job}/{stem}")
    } else {
        format!("{job}/{folder}/{stem}")
    }
}

/// One row as the template sees it: key → value, in column order.
fn row_object(table: &Table, row: &crate::workbook::Row) -> Json {
    Json::Object(
        table
            .columns
            .iter()
            .zip(&row.values)
            .map(|(c, v)| (c.key.clone(), v.to_json()))
            .collect(),
    )
}

/// An error cell (`#DIV/0!`…) in this row, in a column the template mentions.
fn row_error_cell(
    table: &Table,
    row: &crate::workbook::Row,
    text: &str,
    workbook: &str,
    sheet: &str,
) -> Option<Text> {
    for (i, v) in row.values.iter().enumerate() {
        if let (Value::Error(code), Some(col)) = (v, table.columns.get(i)) {
            if find_word(text, &col.key).is_none() {
                continue;
            }
            let cell = table
                .cell(row, i)
                .map(|c| c.to_string())
                .unwrap_or_default();
            let (excel_row, key) = (row.excel_row, &col.key);
            return Some(tr!(
                "{workbook}, sheet \"{sheet}\", dòng {excel_row}, ô {cell}: ô chứa lỗi Excel \
                 {code} và mẫu dùng cột này (\"{key}\"); sửa công thức hoặc giá trị trong bảng tính",
                "{workbook}, sheet \"{sheet}\", row {excel_row}, cell {cell}: the cell holds the Excel \
                 error {code} and the template uses this column (\"{key}\"); correct the formula \
                 or the value in the workbook"
            ));
        }
    }
    None
}

/// The body and every Handlebars string of the manifest, for "does the template use this
/// key" checks.
fn template_text(t: &Template) -> String {
    let mut parts: Vec<String> = vec![t.body.clone()];
    parts.extend(
        crate::template::manifest_strings(t)
            .into_iter()
            .map(|(_, text)| text),
    );
    if let Some(layout) = &t.layout {
        parts.push(layout.clone());
    }
    parts.join("\n")
}

/// Hash of what every document of a job shares: vanban's version and built-in layout,
/// every file of the template folder, the job's settings and the data context (without
/// the row table when the template reads only its row).
fn shared_hash(
    template: &Template,
    settings: &str,
    base: &Json,
    without: Option<&str>,
) -> Result<[u8; 32], BatchError> {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION").as_bytes());
    h.update(crate::pdf::ND30_LAYOUT.as_bytes());
    let mut files = Vec::new();
    collect_files(&template.dir, &template.dir, &mut files).map_err(|e| {
        let dir = template.dir.display();
        BatchError::Plan {
            message: tr!(
                "không đọc được thư mục mẫu {dir}: {reason}",
                "cannot read template folder {dir}: {reason}";
                reason = crate::i18n::io_reason(&e)
            ),
        }
    })?;
    files.sort();
    for (rel, path) in files {
        let bytes = std::fs::read(&path).map_err(|e| {
            let file = path.display();
            BatchError::Plan {
                message: tr!(
                    "không đọc được {file}: {reason}",
                    "cannot read {file}: {reason}";
                    reason = crate::i18n::io_reason(&e)
                ),
            }
        })?;
        h.update(rel.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    h.update(settings.as_bytes());
    match (base, without) {
        (Json::Object(m), Some(key)) => {
            let mut m = m.clone();
            m.remove(key);
            h.update(serde_json::to_vec(&m).unwrap_or_default());
        }
        _ => h.update(serde_json::to_vec(base).unwrap_or_default()),
    }
    Ok(h.finalize().into())
}

fn collect_files(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() {
            collect_files(root, &path, out)?;
        } else if kind.is_file() {
            let rel = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .to_string_lossy()
                .replace('\\', "/");
            out.push((rel, path));
        }
    }
    Ok(())
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// The job's `output` and `when` patterns, compiled once.
struct NamePatterns {
    hb: Handlebars<'static>,
    has_when: bool,
}

impl NamePatterns {
    fn new(
        at: &dyn Fn(&str) -> PathBuf,
        job: &str,
        spec: &JobSpec,
        template: &Template,
    ) -> Result<NamePatterns, BatchError> {
        let mut hb = registry(Escape::None, Mode::Strict, None);
        let output = spec
            .output
            .clone()
            .unwrap_or_else(|| template.manifest.template.output.clone());
        let bad = |what: &str, e: handlebars::TemplateError| {
            let reason = e.reason();
            BatchError::File {
                path: at(what),
                message: tr!(
                    "việc \"{job}\": {what} không phải là mẫu Handlebars hợp lệ: {reason}",
                    "job \"{job}\": {what} is not a valid Handlebars pattern: {reason}"
                ),
            }
        };
        hb.register_template_string("output", &output)
            .map_err(|e| bad("output", e))?;
        if let Some(when) = &spec.when {
            hb.register_template_string("when", when)
                .map_err(|e| bad("when", e))?;
        }
        Ok(NamePatterns {
            hb,
            has_when: spec.when.is_some(),
        })
    }

    /// The file name stem for a document, made safe.
    fn name(&self, ctx: &Json) -> Result<String, Text> {
        let raw = self.hb.render("output", ctx).map_err(|e| describe(&e))?;
        if raw.trim().is_empty() {
            return Err(Text::new(
                "mẫu tên cho ra tên rỗng",
                "the pattern gives an empty name",
            ));
        }
        Ok(crate::output::safe_file_stem(raw.trim()))
    }

    fn when(&self, ctx: &Json) -> Result<bool, Text> {
        if !self.has_when {
            return Ok(true);
        }
        let s = self.hb.render("when", ctx).map_err(|e| describe(&e))?;
        Ok(!matches!(s.trim(), "" | "false" | "0" | "null"))
    }
}

/// Why a name or `when` pattern failed: an unknown field, a helper's own message (in both
/// languages), or Handlebars' text.
fn describe(e: &handlebars::RenderError) -> Text {
    match e.reason() {
        handlebars::RenderErrorReason::MissingVariable(Some(path)) => {
            tr!("không có trường \"{path}\"", "unknown field \"{path}\"")
        }
        other => crate::template::reason_text(other),
    }
}

/// Two documents that would be written to one file (compared as Windows and macOS do:
/// ignoring case, after NFC) stop the batch before anything is written.
fn check_collisions(jobs: &[Job], docs: &[Doc], out_dir: &Path) -> Result<(), BatchError> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut clashes = Vec::new();
    for (i, doc) in docs.iter().enumerate() {
        let Some(stem) = &doc.stem else { continue };
        let key = {
            use unicode_normalization::UnicodeNormalization;
            let folder = &jobs[doc.job].folder;
            format!("{folder}/{stem}")
                .nfc()
                .collect::<String>()
                .to_lowercase()
        };
        if let Some(&first) = seen.get(&key) {
            let a = &docs[first];
            let file = out_dir.join(doc.relative(jobs, stem, "*"));
            let file = file.display();
            let (job_a, job_b) = (&jobs[a.job].name, &jobs[doc.job].name);
            clashes.push(tr!(
                "  {file}: việc \"{job_a}\" ({src_a}) và việc \"{job_b}\" ({src_b})",
                "  {file}: job \"{job_a}\" ({src_a}) and job \"{job_b}\" ({src_b})";
                src_a = a.source(jobs),
                src_b = doc.source(jobs)
            ));
        } else {
            seen.insert(key, i);
        }
    }
    if clashes.is_empty() {
        return Ok(());
    }
    let count = clashes.len();
    let more = count.saturating_sub(10);
    clashes.truncate(10);
    let list = Text::join(&clashes, "\n");
    let more = if more > 0 {
        tr!("\n  … và {more} văn bản khác", "\n  … and {more} more")
    } else {
        Text::default()
    };
    Err(BatchError::Plan {
        message: tr!(
            "{count} văn bản sẽ ghi vào tệp mà một văn bản khác cũng dùng (tên tệp được so sánh \
             không phân biệt chữ hoa, chữ thường); chưa ghi tệp nào. Hãy sửa output để mỗi văn bản \
             có tên riêng, ví dụ thêm {{{{row.ma}}}}:\n{list}{more}",
            "{count} document(s) would be written to a file another document also uses (names are \
             compared ignoring case); nothing was written. Make the output pattern unique, e.g. \
             add {{{{row.ma}}}}:\n{list}{more}";
            list = list,
            more = more
        ),
    })
}
