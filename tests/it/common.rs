//! Shared helpers for the integration tests: running the real binary, reading PDFs and
//! DOCX files back, and the external read-back tools.
#![allow(dead_code)]

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the real `vanban` binary, with English messages whatever the machine's locale
/// (tests of Vietnamese messages pass `--lang vi`, or use [`vanban_vi`]).
pub fn vanban(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .current_dir(root())
        .output()
        .expect("the vanban binary runs")
}

/// `vanban render` of a template folder over its own sample workbook (`du-lieu-mau.xlsx`,
/// as `vanban new` and `vanban import` write it) into `out`.
pub fn render_own_sample(tpl: &Path, out: &Path) -> Output {
    vanban(&[
        "render",
        tpl.to_str().unwrap(),
        "--data",
        tpl.join("du-lieu-mau.xlsx").to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ])
}

/// Whether an external read-back tool is installed. Under CI (`CI` set) a missing tool is
/// a failure, because `.ci/run` installs them; on a developer's machine the check that
/// needs it is skipped with a note.
pub fn tool(name: &str) -> bool {
    let found = Command::new("sh")
        .arg("-c")
        .arg(format!("command -v {name}"))
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !found {
        if std::env::var_os("CI").is_some() {
            panic!("{name} is required under CI (.ci/run installs it)");
        }
        eprintln!("note: {name} is not installed; skipping the check that needs it");
    }
    found
}

/// Text of a PDF, by pdftotext (None when the tool is missing outside CI).
pub fn pdf_text(pdf: &Path) -> Option<String> {
    if !tool("pdftotext") {
        return None;
    }
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    assert!(
        out.status.success(),
        "pdftotext failed on {}",
        pdf.display()
    );
    Some(String::from_utf8(out.stdout).expect("pdftotext gives UTF-8"))
}

/// Output of a poppler tool (pdfinfo, pdffonts) for a PDF.
pub fn poppler(tool_name: &str, pdf: &Path) -> Option<String> {
    if !tool(tool_name) {
        return None;
    }
    let out = Command::new(tool_name)
        .arg(pdf)
        .output()
        .expect("tool runs");
    assert!(
        out.status.success(),
        "{tool_name} failed on {}",
        pdf.display()
    );
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// One part of a DOCX (e.g. "word/document.xml").
pub fn docx_part(docx: &Path, part: &str) -> String {
    let file = std::fs::File::open(docx).expect("the DOCX exists");
    let mut zip = zip::ZipArchive::new(file).expect("the DOCX is a zip");
    let mut entry = zip.by_name(part).expect("the part exists");
    let mut s = String::new();
    entry.read_to_string(&mut s).expect("the part is UTF-8");
    s
}

/// The text of document.xml: the contents of every `<w:t>` element, paragraphs separated
/// by newlines.
pub fn docx_text(docx: &Path) -> String {
    xml_text(&docx_part(docx, "word/document.xml"))
}

/// The text of page 1's header (the part `w:titlePg`'s first header reference names):
/// where a draft's mark sits, in the top margin.
pub fn docx_first_header_text(docx: &Path) -> String {
    let xml = docx_part(docx, "word/document.xml");
    let Some(at) = xml.find(r#"<w:headerReference w:type="first" r:id=""#) else {
        return String::new();
    };
    let id = &xml[at..][r#"<w:headerReference w:type="first" r:id=""#.len()..];
    let id = &id[..id.find('"').expect("a quoted id")];
    let rels = docx_part(docx, "word/_rels/document.xml.rels");
    let rel = &rels[rels
        .find(&format!(r#"Id="{id}""#))
        .expect("the relationship")..];
    let target = &rel[rel.find("Target=\"").expect("a target") + 8..];
    let target = &target[..target.find('"').expect("a quoted target")];
    xml_text(&docx_part(docx, &format!("word/{target}")))
}

/// The contents of every `<w:t>` element of a WordprocessingML part, paragraphs separated
/// by newlines.
fn xml_text(xml: &str) -> String {
    let mut out = String::new();
    let mut rest = xml;
    while let Some(i) = rest.find('<') {
        let Some(j) = rest[i..].find('>') else { break };
        let tag = &rest[i + 1..i + j];
        rest = &rest[i + j + 1..];
        if tag == "/w:p" {
            out.push('\n');
        } else if tag.starts_with("w:br") || tag.starts_with("w:tab") && tag.ends_with('/') {
            out.push(' ');
        } else if tag.starts_with("w:t")
            && !tag.ends_with('/')
            && (tag == "w:t" || tag.starts_with("w:t "))
        {
            let end = rest.find("</w:t>").unwrap_or(rest.len());
            out.push_str(&unescape_xml(&rest[..end]));
            rest = &rest[end..];
        }
    }
    out
}

pub fn unescape_xml(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A fresh temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// Writes a small workbook for the test templates: a key–value sheet "Thông tin" with
/// `facts` (all text) and a table sheet "Dữ liệu" with columns STT | Nội dung.
pub fn write_workbook(path: &Path, facts: &[(&str, &str)], rows: &[&str]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Thông tin").unwrap();
    ws.write_string(0, 0, "Trường").unwrap();
    ws.write_string(0, 1, "Giá trị").unwrap();
    for (i, (k, v)) in facts.iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, *k).unwrap();
        ws.write_string(i as u32 + 1, 1, *v).unwrap();
    }
    let ws = wb.add_worksheet();
    ws.set_name("Dữ liệu").unwrap();
    ws.write_string(0, 0, "STT").unwrap();
    ws.write_string(0, 1, "Nội dung").unwrap();
    for (i, v) in rows.iter().enumerate() {
        ws.write_number(i as u32 + 1, 0, (i + 1) as f64).unwrap();
        ws.write_string(i as u32 + 1, 1, *v).unwrap();
    }
    wb.save(path).unwrap();
}

/// The facts the escape test template needs, with `value` in every text position.
pub fn escape_facts(value: &str) -> Vec<(&'static str, String)> {
    vec![
        ("Tên tệp", "kiem-tra".to_string()),
        ("Cơ quan", "CỤC KIỂM TRA".to_string()),
        ("Số", "7".to_string()),
        ("Ngày", "05/01/2026".to_string()),
        ("Trích yếu", value.to_string()),
        ("Nơi nhận", value.to_string()),
        ("Người ký", "Nguyễn Văn A".to_string()),
        ("Tiêu đề", value.to_string()),
        ("Đoạn", value.to_string()),
        ("Mục", value.to_string()),
    ]
}

/// What the built-in templates made from the bundled samples: every output file, with
/// the template folder's name it came from.
pub struct Samples {
    pub files: Vec<(String, PathBuf)>,
}

impl Samples {
    /// The files with extension `ext` ("pdf", "docx").
    pub fn with_ext(&self, ext: &str) -> Vec<&(String, PathBuf)> {
        self.files
            .iter()
            .filter(|(_, p)| p.extension().is_some_and(|e| e == ext))
            .collect()
    }
}

/// The built-in template folders found on disk (`templates/*/template.toml`), by name.
pub fn built_in_templates() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(root().join("templates"))
        .expect("templates/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("template.toml").is_file())
        .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
        .collect();
    out.sort();
    out
}

/// Makes every built-in template's documents from the bundled samples, found on disk:
/// `vanban render templates/X --data samples/X.xlsx` (and every `samples/X-*.xlsx`),
/// and every batch file `samples/*.toml` run into `out` (its output folder replaced).
/// `formats` is "pdf", "docx" or "both". Panics when a template on disk is made by none
/// of them, so that a new template without a sample cannot pass a test vacuously.
pub fn make_every_sample(out: &Path, formats: &str) -> Samples {
    let mut files = Vec::new();
    let samples = root().join("samples");
    let mut workbooks: Vec<PathBuf> = std::fs::read_dir(&samples)
        .expect("samples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    workbooks.sort();
    // Templates made one document per row (a batch job with `rows`) cannot be rendered.
    let per_row: Vec<String> = workbooks
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .filter_map(|t| toml::from_str::<toml::Table>(&t).ok())
        .flat_map(|t| {
            t.get("job")
                .and_then(|j| j.as_array())
                .cloned()
                .unwrap_or_default()
        })
        .filter(|job| job.get("rows").is_some())
        .filter_map(|job| {
            let t = job.get("template")?.as_str()?;
            Some(Path::new(t).file_name()?.to_string_lossy().into_owned())
        })
        .collect();
    for template in built_in_templates() {
        if per_row.contains(&template) {
            continue;
        }
        for wb in &workbooks {
            let Some(stem) = wb.file_stem().map(|s| s.to_string_lossy().into_owned()) else {
                continue;
            };
            let matches = stem == template || stem.starts_with(&format!("{template}-"));
            if !matches || wb.extension().is_none_or(|e| e != "xlsx") {
                continue;
            }
            let dir = out.join(format!("render-{stem}"));
            let o = vanban(&[
                "render",
                &root().join("templates").join(&template).to_string_lossy(),
                "--data",
                &wb.to_string_lossy(),
                "-o",
                &dir.to_string_lossy(),
                "--format",
                formats,
            ]);
            assert!(
                o.status.success(),
                "render {template} {stem}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            for f in files_in(&dir) {
                files.push((template.clone(), f));
            }
        }
    }
    for batch in workbooks
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let stem = batch
            .file_stem()
            .expect("a name")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(batch).expect("the batch file reads");
        let mut doc: toml::Table = toml::from_str(&text).expect("the batch file parses");
        let dir = out.join(format!("batch-{stem}"));
        doc.insert("output".into(), dir.to_string_lossy().into_owned().into());
        let jobs = doc
            .get_mut("job")
            .and_then(|j| j.as_array_mut())
            .expect("a batch file has jobs");
        let mut job_templates: Vec<(String, String)> = Vec::new();
        for job in jobs.iter_mut() {
            let job = job.as_table_mut().expect("a job is a table");
            let name = job
                .get("name")
                .and_then(|v| v.as_str())
                .expect("a job name");
            let template = job
                .get("template")
                .and_then(|v| v.as_str())
                .expect("a template");
            let template_name = Path::new(template)
                .file_name()
                .expect("a template folder")
                .to_string_lossy()
                .into_owned();
            job_templates.push((name.to_string(), template_name));
            for key in ["template", "workbook"] {
                let rel = job.get(key).and_then(|v| v.as_str()).expect("a path");
                let abs = samples.join(rel);
                job.insert(key.into(), abs.to_string_lossy().into_owned().into());
            }
            let list: Vec<toml::Value> = match formats {
                "both" => vec!["pdf".into(), "docx".into()],
                f => vec![f.into()],
            };
            job.insert("formats".into(), list.into());
        }
        let file = out.join(format!("{stem}.toml"));
        std::fs::write(&file, toml::to_string(&doc).expect("toml")).expect("batch file");
        let o = vanban(&["batch", &file.to_string_lossy()]);
        assert!(
            o.status.success(),
            "batch {stem}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // Each document's files and job, from the batch manifest.
        let manifest = std::fs::read_to_string(dir.join("vanban-manifest.json"))
            .expect("the batch wrote its manifest");
        let manifest: serde_json::Value =
            serde_json::from_str(&manifest).expect("the manifest is JSON");
        let documents = manifest["documents"].as_object().expect("documents");
        for record in documents.values() {
            let job = record["job"].as_str().expect("a job");
            let (_, template) = job_templates
                .iter()
                .find(|(n, _)| n == job)
                .expect("the job is in the batch file");
            for output in record["outputs"].as_array().expect("outputs") {
                let file = output["file"].as_str().expect("a file");
                files.push((template.clone(), dir.join(file)));
            }
        }
    }
    // The register book is made from a register by `vanban register print`.
    for template in built_in_templates() {
        if is_register_book(&template) {
            let (dir, _) = register_book(out, formats);
            for f in files_in(&dir) {
                files.push((template.clone(), f));
            }
        }
    }
    for template in built_in_templates() {
        assert!(
            files.iter().any(|(t, _)| *t == template),
            "templates/{template} has no sample: add samples/{template}.xlsx or a samples/*.toml job"
        );
    }
    Samples { files }
}

/// Whether a built-in template is a register book's form (`[header] agency_only`),
/// printed by `vanban register print` rather than rendered from a sample workbook.
pub fn is_register_book(template: &str) -> bool {
    let text = std::fs::read_to_string(
        root()
            .join("templates")
            .join(template)
            .join("template.toml"),
    )
    .unwrap_or_default();
    toml::from_str::<toml::Table>(&text)
        .ok()
        .and_then(|t| t.get("header")?.get("agency_only")?.as_bool())
        .unwrap_or(false)
}

/// A small register (two documents taken) printed as its book into `out/register-book`:
/// the folder and the book's workbook (the data the book template reads).
pub fn register_book(out: &Path, formats: &str) -> (PathBuf, PathBuf) {
    let reg = out.join("so-di.sqlite");
    let r = reg.to_string_lossy().into_owned();
    let ok = |o: Output| {
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    };
    if !reg.exists() {
        ok(vanban(&[
            "register",
            "init",
            &r,
            "--agency",
            "CNĐP",
            "--name",
            "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG",
            "--parent",
            "BỘ CÔNG THƯƠNG",
        ]));
        for (doc_type, symbol) in [("Báo cáo", "BC-CNĐP"), ("Công văn", "CNĐP-KC")] {
            ok(vanban(&[
                "register",
                "take",
                &r,
                "--type",
                doc_type,
                "--symbol",
                symbol,
                "--date",
                "2025-11-05",
                "--summary",
                "Tình hình sản xuất công nghiệp",
                "--signer",
                "Nguyễn Văn A",
                "--recipients",
                "Bộ trưởng",
                "--archive",
                "VT, CNĐP",
            ]));
        }
    }
    let dir = out.join(format!("register-book-{formats}"));
    ok(vanban(&[
        "register",
        "print",
        &r,
        "--year",
        "2025",
        "-o",
        &dir.to_string_lossy(),
    ]));
    let _ = formats;
    let xlsx = std::fs::read_dir(&dir)
        .expect("the book's folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "xlsx"))
        .expect("the book's workbook");
    (dir, xlsx)
}

/// The PDF and DOCX files directly in `dir`, sorted.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|r| {
            r.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "pdf" || e == "docx"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// The strict OOXML validator beside the repository (`<root>/../shared/ooxml/validate.py`,
/// where CI's clone has it), when it and lxml are there. Under CI a missing validator,
/// shared folder or lxml is a failure; elsewhere the check is skipped with a note.
pub fn ooxml_validator() -> Option<PathBuf> {
    let script = root().join("../shared/ooxml/validate.py");
    let ci = std::env::var_os("CI").is_some();
    if !script.is_file() {
        assert!(!ci, "{} is required under CI", script.display());
        eprintln!(
            "note: {} is missing; skipping the OOXML validation",
            script.display()
        );
        return None;
    }
    if !python_module("lxml") {
        return None;
    }
    Some(script)
}

/// Whether python3 can import `module`. Under CI a missing python3 or module is a
/// failure (.ci/run installs them); elsewhere the check is skipped with a note.
pub fn python_module(module: &str) -> bool {
    if !tool("python3") {
        return false;
    }
    let ok = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        assert!(
            std::env::var_os("CI").is_none(),
            "the python module {module} is required under CI (.ci/run installs it)"
        );
        eprintln!(
            "note: python module {module} is not installed; skipping the check that needs it"
        );
    }
    ok
}

/// Runs the strict validator over `files` at once; returns its report (empty when every
/// file passes).
pub fn ooxml_violations(validator: &Path, files: &[&Path]) -> String {
    let o = Command::new("python3")
        .arg(validator)
        .args(files)
        .output()
        .expect("python3 runs");
    if o.status.success() {
        String::new()
    } else {
        format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    }
}
