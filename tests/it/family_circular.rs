//! The draft amending circular and its comparison table, from one amendment sheet.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

fn render(template: &Path, out: &Path) -> (i32, String, Vec<PathBuf>) {
    render_with(template, out, &[])
}

fn render_with(template: &Path, out: &Path, extra: &[&str]) -> (i32, String, Vec<PathBuf>) {
    let mut args = vec![
        "render",
        template.to_str().unwrap(),
        "--data",
        "samples/du-thao-thong-tu.xlsx",
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    let o = vanban(&args);
    let files = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(PathBuf::from)
        .collect();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
        files,
    )
}

/// Whitespace collapsed; a line broken after "/" (which Typst allows) is joined again.
fn flat(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("/ ", "/")
}

const ITEMS: [&str; 6] = [
    "1. Sửa đổi, bổ sung khoản 2 Điều 5 như sau:",
    "2. Bổ sung khoản 2a vào sau khoản 2 Điều 5 như sau:",
    "3. Bổ sung Điều 5a vào sau Điều 5 như sau:",
    "4. Sửa đổi, bổ sung điểm a khoản 1 Điều 7 như sau:",
    "5. Bãi bỏ điểm c khoản 1 Điều 7.",
    "6. Thay thế cụm từ “Sở Công Thương” bằng cụm từ “cơ quan chuyên môn về công thương cấp tỉnh” tại khoản 3 Điều 8.",
];

fn check_draft_text(text: &str) {
    let text = flat(text);
    for s in [
        "DỰ THẢO 2",
        "BỘ CÔNG THƯƠNG",
        "/2025/TT-BCT",
        "Hà Nội, ngày tháng năm 2025",
        "THÔNG TƯ",
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15",
        "Theo đề nghị của Cục trưởng Cục Công nghiệp địa phương;",
        "Bộ trưởng Bộ Công Thương ban hành Thông tư sửa đổi, bổ sung một số điều của Thông tư số 46/2012/TT-BCT",
        "Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 46/2012/TT-BCT",
        "“2a. Hỗ trợ cơ sở công nghiệp nông thôn ứng dụng chuyển đổi số",
        "“2. Mức hỗ trợ tối đa cho mỗi cơ sở công nghiệp nông thôn là 3.000.000 đồng/người",
        "Điều 2. Hiệu lực thi hành",
        "KT. BỘ TRƯỞNG",
        "THỨ TRƯỞNG",
        "- Lưu: VT, PC, CNĐP.",
    ] {
        assert!(text.contains(s), "lacks {s:?}\n{text}");
    }
    // The number is blank: "Số:" is followed by the blank and "/2025/TT-BCT".
    assert!(!text.contains("Số: 1"), "a draft carries no number");
    // One item per amendment, in the amended circular's order.
    let mut at = 0;
    for item in ITEMS {
        let pos = text[at..]
            .find(item)
            .unwrap_or_else(|| panic!("item {item:?} missing or out of order\n{text}"));
        at += pos + item.len();
    }
}

#[test]
fn draft_circular_in_both_formats() {
    let dir = tempdir();
    let (code, err, files) = render(&root().join("templates/du-thao-thong-tu"), dir.path());
    assert_eq!(code, 0, "{err}");
    let docx = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "docx"))
        .unwrap();
    // The draft mark is in page 1's header (the top margin), then the body.
    check_draft_text(&format!(
        "{}\n{}",
        docx_first_header_text(docx),
        docx_text(docx)
    ));
    // Căn cứ lines are italic in the DOCX.
    let xml = docx_part(docx, "word/document.xml");
    let canc = xml.find("Căn cứ Luật Ban hành").unwrap();
    let run_start = xml[..canc].rfind("<w:r>").unwrap();
    assert!(xml[run_start..canc].contains("<w:i />"), "căn cứ is italic");
    let pdf = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    if let Some(text) = pdf_text(pdf) {
        check_draft_text(&text);
    }
}

/// A copy of the draft template with `edit` applied to its template.toml.
fn variant(dir: &Path, edit: impl Fn(&str) -> String) -> PathBuf {
    let src = root().join("templates/du-thao-thong-tu");
    let dst = dir.join("tpl");
    std::fs::create_dir_all(&dst).unwrap();
    std::fs::copy(src.join("body.md.hbs"), dst.join("body.md.hbs")).unwrap();
    let toml = std::fs::read_to_string(src.join("template.toml")).unwrap();
    std::fs::write(dst.join("template.toml"), edit(&toml)).unwrap();
    dst
}

#[test]
fn a_draft_with_a_number_is_refused() {
    let dir = tempdir();
    let tpl = variant(dir.path(), |t| {
        t.replace("number = \"\"", "number = \"12\"")
    });
    let (code, err, files) = render(&tpl, &dir.path().join("out"));
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("header.number") && err.contains("draft"),
        "{err}"
    );
    assert!(files.is_empty());
    assert!(!dir.path().join("out").exists(), "nothing is written");
}

#[test]
fn both_rule_sets_render_and_others_are_refused() {
    let dir = tempdir();
    let tpl = variant(dir.path(), |t| {
        t.replace("form = \"nd78-2025\"", "form = \"nd34-2016\"")
    });
    let (code, err, _) = render(&tpl, &dir.path().join("out34"));
    assert_eq!(code, 0, "{err}");

    let dir = tempdir();
    let tpl = variant(dir.path(), |t| {
        t.replace("form = \"nd78-2025\"", "form = \"nd99\"")
    });
    let (code, err, _) = render(&tpl, &dir.path().join("out"));
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("template.form") && err.contains("nd78-2025"),
        "{err}"
    );

    // A legal normative document's ký hiệu carries its year.
    let dir = tempdir();
    let tpl = variant(dir.path(), |t| {
        t.replace("symbol = \"{{meta.ky_hieu}}\"", "symbol = \"TT-BCT\"")
    });
    let (code, err, _) = render(&tpl, &dir.path().join("out"));
    assert_eq!(code, 4, "{err}");
    assert!(
        err.contains("header.symbol") && err.contains("2025/TT-BCT"),
        "{err}"
    );
}

#[test]
fn comparison_table_marks_changes() {
    let dir = tempdir();
    let (code, err, files) = render(&root().join("templates/bang-so-sanh"), dir.path());
    assert_eq!(code, 0, "{err}");
    let docx = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "docx"))
        .unwrap();
    let xml = docx_part(docx, "word/document.xml");
    assert!(xml.contains(r#"w:orient="landscape""#), "landscape");
    // By default, the copy sent out: black ink as in the PDF, no tracked change.
    assert!(
        !xml.contains("<w:ins ") && !xml.contains("<w:del "),
        "no revisions"
    );
    let run_with = |text: &str| {
        let end = xml.find(&format!(">{text}</w:t>")).expect("the run");
        xml[xml[..end].rfind("<w:r>").expect("a run")..end].to_string()
    };
    assert!(run_with("2.000.000").contains("<w:strike />"));
    assert!(run_with("3.000.000").contains(r#"<w:u w:val="single" />"#));
    let text = flat(&docx_text(docx));
    assert!(text.contains("2.000.000 3.000.000"), "both amounts shown");
    // With --docx-changes revisions: Word tracked changes, the old amount deleted and the
    // new one inserted.
    let revisions = dir.path().join("revisions");
    let (code, err, files) = render_with(
        &root().join("templates/bang-so-sanh"),
        &revisions,
        &["--docx-changes", "revisions"],
    );
    assert_eq!(code, 0, "{err}");
    let docx = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "docx"))
        .unwrap();
    let xml = docx_part(docx, "word/document.xml");
    assert!(
        xml.contains("<w:ins ") && xml.contains("<w:del "),
        "tracked changes"
    );
    let deleted: Vec<&str> = xml
        .split("<w:delText")
        .skip(1)
        .filter_map(|s| {
            s.split_once('>')
                .and_then(|(_, rest)| rest.split_once("</w:delText>"))
        })
        .map(|(text, _)| text)
        .collect();
    assert!(
        deleted.iter().any(|t| t.contains("2.000.000")),
        "{deleted:?}"
    );
    assert!(
        deleted.iter().any(|t| t.contains("Sở Công Thương")),
        "{deleted:?}"
    );
    let text = flat(&docx_text(docx));
    for s in [
        "BẢNG SO SÁNH, THUYẾT MINH",
        "Quy định hiện hành",
        "Dự thảo sửa đổi, bổ sung",
        "Thuyết minh",
        "3.000.000",
    ] {
        assert!(text.contains(s), "lacks {s:?}");
    }
    let pdf = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "pdf"))
        .unwrap();
    if let Some(info) = poppler("pdfinfo", pdf) {
        assert!(info.contains("841.89 x 595.276"), "landscape A4: {info}");
    }
}
