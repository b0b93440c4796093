//! The core path end to end: the bundled sample workbook and template in, PDF and DOCX
//! out, both read back.

use crate::common;

use std::path::Path;

use common::*;

fn render_sample(out: &Path) -> (std::path::PathBuf, std::path::PathBuf) {
    let o = vanban(&[
        "render",
        "templates/bao-cao-thang",
        "--data",
        "samples/bao-cao-thang.xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(
        o.status.success(),
        "render failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let stem = "BC-45-cndp-thang-10-2025";
    (
        out.join(format!("{stem}.pdf")),
        out.join(format!("{stem}.docx")),
    )
}

/// Strings both outputs must contain, diacritics intact.
const EXPECTED: &[&str] = &[
    "BỘ CÔNG THƯƠNG",
    "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Số: 45/BC-CNĐP",
    "Hà Nội, ngày 05 tháng 11 năm 2025",
    "BÁO CÁO",
    "Kính gửi: Bộ trưởng Bộ Công Thương.",
    "I. TÌNH HÌNH SẢN XUẤT CÔNG NGHIỆP",
    "ước tăng 1,3% so với tháng trước",
    "ước tăng 9,2% so với cùng kỳ năm trước",
    "ước giảm 2,4%",
    "587.100 tỷ đồng",
    "Thành phố Hồ Chí Minh",
    "Tổng cộng",
    "Nơi nhận:",
    "- Như trên;",
    "- Lưu: VT, CNĐP.",
    "KT. CỤC TRƯỞNG",
    "PHÓ CỤC TRƯỞNG",
    "Trần Văn Thắng",
];

#[test]
fn sample_report_pdf_reads_back() {
    let dir = tempdir();
    let (pdf, _) = render_sample(dir.path());
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let Some(text) = pdf_text(&pdf) else { return };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in EXPECTED {
        assert!(flat.contains(s), "PDF text lacks {s:?}\n---\n{flat}");
    }
    // 34 provinces in the table, in the order of the workbook.
    let hn = flat.find("Hà Nội 1").or_else(|| flat.find("Hà Nội"));
    let cm = flat.find("Cà Mau");
    assert!(hn.is_some() && cm.is_some());
    // Page numbers: none on page 1, "2" at the top of page 2.
    let pages: Vec<&str> = text.split('\u{c}').collect();
    assert!(pages.len() >= 2, "the sample report has at least two pages");
    assert!(!pages[0].trim_start().starts_with('1'));
    assert!(
        pages[1].trim_start().starts_with('2'),
        "page 2 starts with its number"
    );

    if let Some(info) = poppler("pdfinfo", &pdf) {
        assert!(info.contains("A4"), "{info}");
    }
    if let Some(fonts) = poppler("pdffonts", &pdf) {
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty());
        for row in rows {
            assert!(row.contains("LiberationSerif"), "unexpected font: {row}");
            let cols: Vec<&str> = row.split_whitespace().collect();
            // name type... emb sub uni object ID: emb is the 5th field from the end.
            assert_eq!(cols[cols.len() - 5], "yes", "font not embedded: {row}");
        }
    }
}

#[test]
fn sample_report_docx_reads_back() {
    let dir = tempdir();
    let (_, docx) = render_sample(dir.path());
    let text = docx_text(&docx);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for s in EXPECTED {
        assert!(flat.contains(s), "DOCX text lacks {s:?}\n---\n{flat}");
    }
    let xml = docx_part(&docx, "word/document.xml");
    // A4 and the 20/20/30/15 mm margins in twips.
    assert!(xml.contains(r#"w:w="11906""#) && xml.contains(r#"w:h="16838""#));
    for (side, twips) in [
        ("top", 1134),
        ("bottom", 1134),
        ("left", 1701),
        ("right", 850),
    ] {
        assert!(
            xml.contains(&format!(r#"w:{side}="{twips}""#)),
            "margin {side} is not {twips} twips"
        );
    }
    assert!(xml.contains("Times New Roman"));
    assert!(
        xml.contains("<w:titlePg"),
        "page 1 has its own (empty) header"
    );
    assert!(xml.contains("<w:tblHeader"), "table header rows repeat");
    assert!(
        xml.contains("<w:gridSpan"),
        "grouped header cells span columns"
    );
}

#[test]
fn two_runs_are_byte_identical() {
    let a = tempdir();
    let b = tempdir();
    let (pa, da) = render_sample(a.path());
    let (pb, db) = render_sample(b.path());
    assert_eq!(std::fs::read(pa).unwrap(), std::fs::read(pb).unwrap());
    assert_eq!(std::fs::read(da).unwrap(), std::fs::read(db).unwrap());
}

#[test]
fn docx_opens_in_python_docx_and_libreoffice() {
    let dir = tempdir();
    let (_, docx) = render_sample(dir.path());
    // Under CI a missing python3 or python-docx fails here (`python_module`).
    if common::python_module("docx") {
        let script = "import sys, docx\nd = docx.Document(sys.argv[1])\ns = d.sections[0]\nprint(round(s.page_width.mm), round(s.page_height.mm), round(s.top_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm))\nprint(len(d.tables))\nprint('\\n'.join(p.text for p in d.paragraphs))";
        let o = std::process::Command::new("python3")
            .args(["-c", script])
            .arg(&docx)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "python-docx: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.starts_with("210 297 20 30 15"), "{out}");
    }
    if tool("soffice") {
        let profile = dir.path().join("lo-profile");
        let o = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(dir.path().join("lo"))
            .arg(&docx)
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "soffice: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let pdf = dir
            .path()
            .join("lo")
            .join(docx.file_stem().unwrap())
            .with_extension("pdf");
        if let Some(text) = pdf_text(&pdf) {
            assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
            assert!(text.contains("Trần Văn Thắng"));
        }
    }
}

#[test]
fn fields_lists_the_keys_of_the_sample() {
    let o = vanban(&["fields", "samples/bao-cao-thang.xlsx"]);
    assert!(o.status.success());
    let out = String::from_utf8(o.stdout).unwrap();
    for s in [
        "Sheet \"Thông tin\" (key–value)",
        "ngay_ban_hanh",
        "date",
        "05/11/2025",
        "Sheet \"Tỉnh thành\" (table, header row 5, 34 rows)",
        "tinh_thanh_pho",
        "Hà Nội",
        "ban_le_ty_dong",
        "ky_bao_cao",
    ] {
        assert!(out.contains(s), "fields output lacks {s:?}:\n{out}");
    }
}

#[test]
fn the_documented_custom_layout_works() {
    // docs/layout.md's example, taken from the document itself so the two cannot drift.
    let docs = std::fs::read_to_string(root().join("docs/layout.md")).unwrap();
    let start = docs.find("```typst\n").unwrap() + "```typst\n".len();
    let end = start + docs[start..].find("```").unwrap();
    let dir = tempdir();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    for f in ["template.toml", "body.md.hbs"] {
        std::fs::copy(root().join("templates/bao-cao-thang").join(f), tpl.join(f)).unwrap();
    }
    std::fs::write(tpl.join("layout.typ"), &docs[start..end]).unwrap();
    let out = dir.path().join("out");
    let o = vanban(&[
        "render",
        tpl.to_str().unwrap(),
        "--data",
        "samples/bao-cao-thang.xlsx",
        "-o",
        out.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    if let Some(text) = pdf_text(&out.join("BC-45-cndp-thang-10-2025.pdf")) {
        assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
        assert!(text.contains("Trần Văn Thắng"));
    }
}
