//! PDF/A-2b for the archive (`pdf_standard = "a-2b"` in template.toml), and the
//! document's metadata — title (tên loại + trích yếu), author (the agency), language — in
//! every PDF (its XMP metadata, which the real binary writes uncompressed) and in the
//! DOCX core properties.

use crate::common;

use std::path::{Path, PathBuf};

use common::{docx_part, root, tempdir, vanban};

/// A copy of the monthly report with `extra` added to its `[template]` table.
fn template_with(dir: &Path, extra: &str) -> PathBuf {
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).expect("folder");
    for f in ["template.toml", "body.md.hbs"] {
        std::fs::copy(root().join("templates/bao-cao-thang").join(f), tpl.join(f)).expect("copy");
    }
    let manifest = std::fs::read_to_string(tpl.join("template.toml")).expect("manifest");
    let manifest = manifest.replacen("[template]\n", &format!("[template]\n{extra}\n"), 1);
    std::fs::write(tpl.join("template.toml"), manifest).expect("manifest");
    tpl
}

fn render(tpl: &Path, out: &Path) -> std::process::Output {
    vanban(&[
        "render",
        &tpl.to_string_lossy(),
        "--data",
        "samples/bao-cao-thang.xlsx",
        "-o",
        &out.to_string_lossy(),
    ])
}

fn only(dir: &Path, ext: &str) -> PathBuf {
    std::fs::read_dir(dir)
        .expect("output folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == ext))
        .expect("a file")
}

const TITLE: &str =
    "BÁO CÁO Tình hình phát triển công nghiệp, thương mại các địa phương tháng 10 năm 2025";
const AUTHOR: &str = "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG";

fn assert_metadata(pdf: &[u8], docx: &Path) {
    let pdf = String::from_utf8_lossy(pdf);
    assert!(pdf.contains(TITLE), "the PDF's XMP title");
    assert!(pdf.contains(AUTHOR), "the PDF's XMP author");
    assert!(
        pdf.contains("<rdf:li>vi-VN</rdf:li>"),
        "the PDF's XMP language"
    );
    let core = docx_part(docx, "docProps/core.xml");
    assert!(
        core.contains(&format!("<dc:title>{TITLE}</dc:title>")),
        "{core}"
    );
    assert!(
        core.contains(&format!("<dc:creator>{AUTHOR}</dc:creator>")),
        "{core}"
    );
    assert!(core.contains("<dc:language>vi-VN</dc:language>"), "{core}");
}

#[test]
fn a_2b_from_template_toml_with_the_documents_metadata() {
    let dir = tempdir();
    let tpl = template_with(dir.path(), "pdf_standard = \"a-2b\"");
    let out = dir.path().join("out");
    let o = render(&tpl, &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(only(&out, "pdf")).expect("the PDF");
    let text = String::from_utf8_lossy(&pdf);
    assert!(
        text.contains("<pdfaid:part>2</pdfaid:part>"),
        "PDF/A part 2"
    );
    assert!(
        text.contains("<pdfaid:conformance>B</pdfaid:conformance>"),
        "level B"
    );
    assert_metadata(&pdf, &only(&out, "docx"));
}

#[test]
fn every_pdf_carries_title_author_and_language() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let o = render(&root().join("templates/bao-cao-thang"), &out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(only(&out, "pdf")).expect("the PDF");
    assert!(
        !String::from_utf8_lossy(&pdf).contains("pdfaid:part"),
        "not PDF/A unless asked"
    );
    assert_metadata(&pdf, &only(&out, "docx"));
}

#[test]
fn an_unknown_standard_names_the_manifest_in_both_languages() {
    let dir = tempdir();
    let tpl = template_with(dir.path(), "pdf_standard = \"a-9z\"");
    let out = dir.path().join("out");
    let o = render(&tpl, &out);
    assert_eq!(o.status.code(), Some(4));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("template.toml:"), "{err}");
    assert!(
        err.contains("\"a-9z\" is not a PDF standard vanban makes"),
        "{err}"
    );
    let o = vanban(&[
        "--lang",
        "vi",
        "render",
        &tpl.to_string_lossy(),
        "--data",
        "samples/bao-cao-thang.xlsx",
        "-o",
        &out.to_string_lossy(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("không phải chuẩn PDF mà vanban tạo được"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn the_command_line_overrides_the_template() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let o = vanban(&[
        "render",
        "templates/bao-cao-thang",
        "--data",
        "samples/bao-cao-thang.xlsx",
        "-o",
        &out.to_string_lossy(),
        "--format",
        "pdf",
        "--pdf-standard",
        "a-2b",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(only(&out, "pdf")).expect("the PDF");
    assert!(String::from_utf8_lossy(&pdf).contains("<pdfaid:part>2</pdfaid:part>"));
    let tpl = template_with(dir.path(), "pdf_standard = \"a-2b\"");
    let plain = dir.path().join("plain");
    let o = vanban(&[
        "render",
        &tpl.to_string_lossy(),
        "--data",
        "samples/bao-cao-thang.xlsx",
        "-o",
        &plain.to_string_lossy(),
        "--format",
        "pdf",
        "--pdf-standard",
        "none",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = std::fs::read(only(&plain, "pdf")).expect("the PDF");
    assert!(!String::from_utf8_lossy(&pdf).contains("pdfaid:part"));
}

#[test]
fn check_names_an_unknown_standard() {
    let dir = tempdir();
    let tpl = template_with(dir.path(), "pdf_standard = \"a-9z\"");
    let o = vanban(&[
        "check",
        &tpl.to_string_lossy(),
        "--data",
        "samples/bao-cao-thang.xlsx",
    ]);
    assert!(!o.status.success());
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        all.contains("\"a-9z\" is not a PDF standard vanban makes"),
        "{all}"
    );
    assert!(all.contains("template.toml:"), "{all}");
}
