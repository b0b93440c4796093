//! `vanban import`: a Word document written in the Decree 30 form → a template folder
//! (template.toml, body.md.hbs, and a sample workbook du-lieu-mau.xlsx) that renders the
//! same document.
//!
//! Three steps, each its own module: [`wordml`] reads the DOCX into paragraphs and tables
//! (Word's meaning: texts, alignment, bold/italic, merges, header rows, fields),
//! [`decree`] recognises the Decree 30 parts in them, and [`markdown`] writes the body in
//! the Markdown conventions of `document::markdown`. This module writes the manifest and
//! the workbook and puts the folder in place atomically. What the template cannot carry
//! is returned as notices with where it was; the import still succeeds.
//!
//! The values that change from one document to the next — số, ký hiệu, địa danh, ngày,
//! Kính gửi, the signer's name — become `{{meta.…}}` fields, with the document's own
//! values in the sample workbook's "Thông tin" sheet, so the template renders the same
//! document from its sample and a clerk changes only the workbook.

pub mod decree;
pub mod markdown;
pub mod wordml;

use std::path::{Path, PathBuf};

use crate::i18n::{Bilingual, Text, io_reason};
use crate::tr;
pub use wordml::{Notice, Place};

use decree::Parts;
use markdown::Fields;

/// What `import` made.
#[derive(Debug, Clone)]
pub struct Imported {
    pub dir: PathBuf,
    /// Things of the Word document the template does not carry, with where they were.
    pub notices: Vec<Notice>,
    /// The fields the template uses (keys of "Thông tin", then the table sheets).
    pub fields: Vec<String>,
}

/// Options of an import.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// A built-in family whose form rules and size set the template takes.
    pub family: Option<String>,
    /// Replace a non-empty output folder.
    pub force: bool,
}

/// Why an import failed.
#[derive(Debug, Clone)]
pub enum ImportError {
    /// The Word document cannot be read (missing, `.doc`, damaged).
    Read { path: PathBuf, reason: Text },
    /// The output folder exists and is not empty (no `--force`).
    Exists { dir: PathBuf },
    /// `--family` names no built-in family.
    Family { name: String },
    /// Writing the folder failed.
    Write { path: PathBuf, reason: Text },
}

impl Bilingual for ImportError {
    fn text(&self) -> Text {
        match self {
            ImportError::Read { path, reason } => {
                let p = path.display().to_string();
                tr!("{p}: {r}", "{p}: {r}"; r = reason)
            }
            ImportError::Exists { dir } => {
                let d = dir.display();
                tr!(
                    "{d}: thư mục đã có và không rỗng; chọn thư mục khác hoặc thêm --force để thay",
                    "{d}: the folder exists and is not empty; choose another or add --force to replace it"
                )
            }
            ImportError::Family { name } => {
                let names = crate::catalog::builtins()
                    .iter()
                    .map(|b| b.family)
                    .collect::<Vec<_>>()
                    .join(", ");
                tr!(
                    "không có mẫu dựng sẵn \"{name}\"; các mẫu có: {names}",
                    "no built-in family \"{name}\"; the families are: {names}"
                )
            }
            ImportError::Write { path, reason } => {
                let p = path.display().to_string();
                tr!("không ghi được {p}: {r}", "cannot write {p}: {r}"; r = reason)
            }
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

impl std::error::Error for ImportError {}

/// The files of a template folder made from a Word document.
#[derive(Debug, Clone)]
pub struct Made {
    pub files: Vec<(String, Vec<u8>)>,
    pub notices: Vec<Notice>,
    pub fields: Vec<String>,
}

/// Imports `docx` into the folder `dir`.
pub fn import(docx: &Path, dir: &Path, options: &Options) -> Result<Imported, ImportError> {
    let bytes = std::fs::read(docx).map_err(|e| ImportError::Read {
        path: docx.to_path_buf(),
        reason: io_reason(&e),
    })?;
    let name = docx
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "mau".into());
    let made = make(&bytes, &name, options).map_err(|reason| ImportError::Read {
        path: docx.to_path_buf(),
        reason,
    })?;
    if let Some(f) = &options.family
        && crate::catalog::builtin(f).is_none()
    {
        return Err(ImportError::Family { name: f.clone() });
    }
    write_folder(dir, &made.files, options.force)?;
    Ok(Imported {
        dir: dir.to_path_buf(),
        notices: made.notices,
        fields: made.fields,
    })
}

/// The template folder's files for a DOCX's bytes (`name`: the document's file name
/// without extension, for the template's name and output).
pub fn make(bytes: &[u8], name: &str, options: &Options) -> Result<Made, Text> {
    let doc = wordml::read(bytes).map_err(|e| e.0)?;
    let parts = decree::recognise(&doc);
    let mut notices = doc.notices.clone();
    notices.extend(parts.notices.iter().cloned());
    if !parts.found_header && !parts.agency_only {
        notices.push(Notice {
            place: Place::default(),
            what: tr!(
                "không thấy phần đầu theo Nghị định 30 (bảng có Quốc hiệu); cả văn bản thành nội dung, phần đầu để trống để điền",
                "no Decree 30 header found (a table with the Quốc hiệu); the whole document becomes the body, the header fields are left to fill in"
            ),
        });
    }
    let mut fields = Fields::default();
    let body = markdown::body(&parts.body, &mut fields, &mut notices);
    let mut appendix_bodies = Vec::new();
    for a in &parts.appendices {
        appendix_bodies.push(markdown::body(&a.body, &mut fields, &mut notices));
    }
    let (form, sizes) = settings(&parts, options);
    let manifest = manifest(&parts, name, &form, &sizes, &mut fields);
    let workbook = workbook(&fields).map_err(|e| {
        let e = e.to_string();
        tr!(
            "không tạo được sổ dữ liệu mẫu: {e}",
            "cannot make the sample workbook: {e}"
        )
    })?;
    let mut files = vec![
        ("template.toml".to_string(), manifest.into_bytes()),
        ("body.md.hbs".to_string(), body.into_bytes()),
    ];
    for (i, b) in appendix_bodies.into_iter().enumerate() {
        files.push((format!("phu-luc-{}.md.hbs", i + 1), b.into_bytes()));
    }
    files.push((crate::catalog::SAMPLE_FILE.to_string(), workbook));
    let mut keys: Vec<String> = fields
        .meta
        .iter()
        .map(|(k, _, _)| format!("meta.{k}"))
        .collect();
    for t in &fields.tables {
        keys.extend(t.columns.iter().map(|(k, _)| format!("{}.{k}", t.key)));
    }
    Ok(Made {
        files,
        notices,
        fields: keys,
    })
}

/// The form rules and size set: from `--family`, else from what the document is (a ký
/// hiệu that starts with a year, "2025/TT-BCT", is a legal normative document).
fn settings(parts: &Parts, options: &Options) -> (String, String) {
    if let Some(b) = options.family.as_deref().and_then(crate::catalog::builtin)
        && let Some((_, toml)) = b.files.iter().find(|(p, _)| *p == "template.toml")
        && let Ok(text) = std::str::from_utf8(toml)
        && let Ok(m) = toml::from_str::<crate::template::Manifest>(text)
    {
        // The settings as template.toml writes them (their serde names).
        let written = |v: Result<serde_json::Value, serde_json::Error>| {
            v.ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default()
        };
        return (
            written(serde_json::to_value(m.template.form)),
            written(serde_json::to_value(m.template.sizes)),
        );
    }
    let legal = parts
        .symbol
        .split('/')
        .next()
        .is_some_and(|y| y.len() == 4 && y.chars().all(|c| c.is_ascii_digit()));
    let form = if legal { "nd78-2025" } else { "nd30" };
    (form.to_string(), sizes(parts).to_string())
}

/// Decree 30's two size sets, by the body text's usual size: 13 pt → "12/13/13", else
/// (14 pt, or not stated) "13/14/14".
fn sizes(parts: &Parts) -> &'static str {
    let mut count: std::collections::HashMap<u32, usize> = Default::default();
    for b in &parts.body {
        if let wordml::Block::Para(p) = b {
            for r in &p.runs {
                if let Some(sz) = r.size {
                    *count.entry(sz).or_default() += r.text.chars().count();
                }
            }
        }
    }
    match count.into_iter().max_by_key(|(_, n)| *n) {
        Some((26, _)) => "12/13/13",
        _ => "13/14/14",
    }
}

/// A TOML basic string.
fn q(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A value that changes per document: a `{{meta.key}}` field with the document's value
/// as its sample, unless the author already typed fields there.
fn field(fields: &mut Fields, label: &str, value: &str) -> String {
    if value.contains("{{") {
        return markdown::hbs_text(value, fields);
    }
    let key = fields.meta(label, value);
    format!("{{{{meta.{key}}}}}")
}

fn manifest(parts: &Parts, name: &str, form: &str, sizes: &str, fields: &mut Fields) -> String {
    let slug = crate::vi::text::slug(name);
    let slug = if slug.is_empty() {
        "mau".to_string()
    } else {
        slug
    };
    let mut s = String::new();
    s.push_str("# Made by `vanban import` from a Word document; edit freely.\n");
    s.push_str("# The values that change per document are fields of the sheet \"Thông tin\" of\n");
    s.push_str("# du-lieu-mau.xlsx; the rest is the document's own text.\n\n");
    s.push_str("[template]\n");
    s.push_str(&format!("name = {}\n", q(&slug)));
    let title = if parts.doc_type.is_empty() {
        parts.summary.replace('\n', " ")
    } else {
        format!("{} {}", parts.doc_type, parts.summary.replace('\n', " "))
    };
    let title = if title.trim().is_empty() {
        name.to_string()
    } else {
        title
    };
    s.push_str(&format!("title = {}\n", q(title.trim())));
    s.push_str(&format!(
        "description = {}\ndescription_en = {}\n",
        q("Nhập từ một văn bản Word (vanban import)"),
        q("Imported from a Word document (vanban import)")
    ));
    s.push_str(&format!("form = {}\n", q(form)));
    s.push_str(&format!("sizes = {}\n", q(sizes)));
    s.push_str(&format!("output = {}\n\n", q(&slug.replace("{{", "\\{{"))));
    if parts.landscape {
        s.push_str("[page]\nlandscape = true\n\n");
    }
    // The header fields first, so "Thông tin" lists them in the document's order.
    let number = if parts.number.is_empty() {
        String::new()
    } else {
        field(fields, "Số", &parts.number)
    };
    let symbol = if parts.symbol.is_empty() {
        String::new()
    } else {
        field(fields, "Ký hiệu", &parts.symbol)
    };
    let place = if parts.place.is_empty() {
        String::new()
    } else {
        field(fields, "Địa danh", &parts.place)
    };
    let date = if parts.date.is_empty() {
        String::new()
    } else {
        field(fields, "Ngày ban hành", &parts.date)
    };
    let mut addressees = Vec::new();
    for (i, a) in parts.addressees.iter().enumerate() {
        let label = if parts.addressees.len() == 1 {
            "Kính gửi".to_string()
        } else {
            format!("Kính gửi {}", i + 1)
        };
        addressees.push(field(fields, &label, a));
    }
    let mut signers = Vec::new();
    for (i, sig) in parts.signatures.iter().enumerate() {
        let label = if parts.signatures.len() == 1 {
            "Người ký".to_string()
        } else {
            format!("Người ký {}", i + 1)
        };
        signers.push(field(fields, &label, &sig.name));
    }
    let h = |t: &str, f: &mut Fields| markdown::hbs_text(t, f);
    if let Some(d) = &parts.draft {
        s.push_str(&format!("[draft]\ntext = {}\n\n", q(&h(d, fields))));
    }
    s.push_str("[header]\n");
    if !parts.parent_agency.is_empty() {
        s.push_str(&format!(
            "parent_agency = {}\n",
            q(&h(&parts.parent_agency, fields))
        ));
    }
    s.push_str(&format!("agency = {}\n", q(&h(&parts.agency, fields))));
    s.push_str(&format!("number = {}\n", q(&number)));
    s.push_str(&format!("symbol = {}\n", q(&symbol)));
    s.push_str(&format!("place = {}\n", q(&place)));
    s.push_str(&format!("date = {}\n", q(&date)));
    if !parts.blank_year.is_empty() {
        s.push_str(&format!("blank_year = {}\n", q(&parts.blank_year)));
    }
    if !parts.date_line {
        s.push_str("date_line = false\n");
    }
    if parts.agency_only {
        s.push_str("agency_only = true\n");
    }
    s.push_str(&format!("doc_type = {}\n", q(&h(&parts.doc_type, fields))));
    s.push_str(&format!("summary = {}\n\n", q(&h(&parts.summary, fields))));
    if !addressees.is_empty() || !parts.recipients.is_empty() {
        s.push_str("[distribution]\n");
        if !addressees.is_empty() {
            let list: Vec<String> = addressees.iter().map(|a| q(a)).collect();
            s.push_str(&format!("addressees = [{}]\n", list.join(", ")));
        }
        if !parts.recipients.is_empty() {
            s.push_str("recipients = [\n");
            for r in &parts.recipients {
                s.push_str(&format!("  {},\n", q(&h(r, fields))));
            }
            s.push_str("]\n");
        }
        s.push('\n');
    }
    let one = parts.signatures.len() == 1;
    for (sig, name) in parts.signatures.iter().zip(&signers) {
        s.push_str(if one {
            "[signature]\n"
        } else {
            "[[signatures]]\n"
        });
        if !sig.authority.is_empty() {
            s.push_str(&format!("authority = {}\n", q(&sig.authority)));
            s.push_str(&format!("head = {}\n", q(&h(&sig.head, fields))));
        }
        if !sig.title.is_empty() {
            s.push_str(&format!("title = {}\n", q(&h(&sig.title, fields))));
        }
        if !sig.hint.is_empty() {
            s.push_str(&format!("hint = {}\n", q(&h(&sig.hint, fields))));
        }
        s.push_str(&format!("name = {}\n\n", q(name)));
    }
    for (i, a) in parts.appendices.iter().enumerate() {
        s.push_str("[[appendix]]\n");
        s.push_str(&format!("label = {}\n", q(&h(&a.label, fields))));
        s.push_str(&format!("title = {}\n", q(&h(&a.title, fields))));
        if !a.note.is_empty() {
            s.push_str(&format!("note = {}\n", q(&h(&a.note, fields))));
        }
        if a.landscape {
            s.push_str("landscape = true\n");
        }
        s.push_str(&format!("body = \"phu-luc-{}.md.hbs\"\n\n", i + 1));
    }
    if !fields.meta.is_empty() {
        s.push_str("[data.meta]\nsheet = \"Thông tin\"\nkind = \"key-value\"\n\n");
    }
    for t in &fields.tables {
        s.push_str(&format!("[data.{}]\nsheet = {}\n", t.key, q(&t.sheet)));
        let cols: Vec<String> = t.columns.iter().map(|(k, _)| q(k)).collect();
        s.push_str(&format!("columns = [{}]\n\n", cols.join(", ")));
    }
    s.trim_end().to_string() + "\n"
}

/// The sample workbook: "Thông tin" (Trường | Giá trị) and one sheet per table with
/// fields, two sample rows each.
fn workbook(fields: &Fields) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    {
        let ws = wb.add_worksheet();
        ws.set_name("Thông tin")?;
        ws.write_string_with_format(0, 0, "Trường", &bold)?;
        ws.write_string_with_format(0, 1, "Giá trị", &bold)?;
        ws.set_column_width(0, 28)?;
        ws.set_column_width(1, 60)?;
        for (i, (_, label, value)) in fields.meta.iter().enumerate() {
            let r = i as u32 + 1;
            ws.write_string(r, 0, label)?;
            ws.write_string(r, 1, value)?;
        }
    }
    for t in &fields.tables {
        let ws = wb.add_worksheet();
        ws.set_name(&t.sheet)?;
        for (c, (_, header)) in t.columns.iter().enumerate() {
            let c = c as u16;
            ws.write_string_with_format(0, c, header, &bold)?;
            ws.set_column_width(c, 20)?;
            for r in 1..=2u32 {
                ws.write_string(r, c, format!("[{header}] {r}"))?;
            }
        }
    }
    wb.save_to_buffer()
}

/// Writes the folder atomically: the files go into a fresh folder beside `dir`, which
/// then takes `dir`'s place (an old folder replaced with `force` is removed only after).
fn write_folder(dir: &Path, files: &[(String, Vec<u8>)], force: bool) -> Result<(), ImportError> {
    let werr = |path: &Path, e: std::io::Error| ImportError::Write {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    let non_empty = std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some());
    if dir.exists() && !dir.is_dir() {
        return Err(ImportError::Exists {
            dir: dir.to_path_buf(),
        });
    }
    if non_empty && !force {
        return Err(ImportError::Exists {
            dir: dir.to_path_buf(),
        });
    }
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&parent).map_err(|e| werr(&parent, e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".vanban-import-")
        .tempdir_in(&parent)
        .map_err(|e| werr(&parent, e))?;
    for (name, bytes) in files {
        let path = tmp.path().join(name);
        crate::output::write_atomic(&path, bytes).map_err(|e| werr(&dir.join(name), e))?;
    }
    let staged = tmp.keep();
    let old = if dir.exists() {
        let old = parent.join(format!(".vanban-import-old-{}", std::process::id()));
        std::fs::rename(dir, &old).map_err(|e| werr(dir, e))?;
        Some(old)
    } else {
        None
    };
    if let Err(e) = std::fs::rename(&staged, dir) {
        if let Some(old) = &old {
            let _ = std::fs::rename(old, dir);
        }
        let _ = std::fs::remove_dir_all(&staged);
        return Err(werr(dir, e));
    }
    if let Some(old) = old {
        let _ = std::fs::remove_dir_all(old);
    }
    Ok(())
}
