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
    let xml = docx_part(docx, "word/document.xml");
    let mut out = String::new();
    let mut rest = xml.as_str();
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
