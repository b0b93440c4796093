//! Data never becomes markup, and a template reads nothing outside its folder.

use crate::common;

use common::*;

const HOSTILE: &[&str] = &[
    r#"#read("/etc/passwd")"#,
    "*x*",
    "| a | b |",
    "<w:p>",
    "{{x}}",
    "$x$",
    "# not a heading",
    "- not a list",
    "1. not a list",
    "[link](http://example.com) & \"quotes\" 'single' `code` \\back",
];

#[test]
fn hostile_cell_values_print_literally_in_pdf_and_docx() {
    let dir = tempdir();
    for (i, value) in HOSTILE.iter().enumerate() {
        let wb = dir.path().join(format!("hostile-{i}.xlsx"));
        let facts = escape_facts(value);
        let facts: Vec<(&str, &str)> = facts.iter().map(|(k, v)| (*k, v.as_str())).collect();
        write_workbook(&wb, &facts, &[value, "bình thường"]);
        let out = dir.path().join(format!("out-{i}"));
        let o = vanban(&[
            "render",
            "tests/fixtures/templates/escape",
            "--data",
            wb.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            o.status.success(),
            "value {value:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        // DOCX: the exact characters, in the heading, the paragraph, the list item, the
        // table cell, the trích yếu and Nơi nhận (six places).
        let text = docx_text(&out.join("kiem-tra.docx"));
        let n = text.matches(value).count();
        assert!(
            n >= 6,
            "value {value:?} appears {n} times in the DOCX:\n{text}"
        );
        if let Some(pdf) = pdf_text(&out.join("kiem-tra.pdf")) {
            // pdftotext guesses word spaces from glyph gaps and drops some narrow ones
            // ("| a |" in bold can come back as "|a|"), so compare without whitespace;
            // the DOCX check above covers the exact spacing.
            let flat: String = pdf.split_whitespace().collect();
            let v: String = value.split_whitespace().collect();
            let n = flat.matches(&v).count();
            assert!(
                n >= 5,
                "value {value:?} appears {n} times in the PDF:\n{flat}"
            );
        }
    }
}

#[test]
fn a_custom_layout_cannot_read_outside_its_folder() {
    let dir = tempdir();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    let src = root().join("tests/fixtures/templates/escape");
    for f in ["template.toml", "body.md.hbs"] {
        std::fs::copy(src.join(f), tpl.join(f)).unwrap();
    }
    std::fs::write(dir.path().join("secret.txt"), "bí mật").unwrap();
    let wb = dir.path().join("d.xlsx");
    let facts = escape_facts("x");
    let facts: Vec<(&str, &str)> = facts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    write_workbook(&wb, &facts, &["a"]);

    for path in ["/etc/passwd", "../secret.txt", "/../secret.txt"] {
        std::fs::write(
            tpl.join("layout.typ"),
            format!("#let d = json(\"/document.json\") // vanban-format: 2\n#read(\"{path}\")\n"),
        )
        .unwrap();
        let o = vanban(&[
            "render",
            tpl.to_str().unwrap(),
            "--data",
            wb.to_str().unwrap(),
            "-o",
            dir.path().join("out").to_str().unwrap(),
            "--format",
            "pdf",
        ]);
        assert!(!o.status.success(), "reading {path} must fail");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("layout.typ:2:"),
            "the error names the layout line: {err}"
        );
        assert!(!err.contains("root:"), "no file content leaks: {err}");
    }

    // A file inside the folder is fine, and the layout gets the document as data.
    std::fs::write(tpl.join("note.txt"), "ghi chú").unwrap();
    std::fs::write(
        tpl.join("layout.typ"),
        "#let d = json(\"/document.json\") // vanban-format: 2\n#d.header.agency — #read(\"note.txt\")\n",
    )
    .unwrap();
    let out = dir.path().join("ok");
    let o = vanban(&[
        "render",
        tpl.to_str().unwrap(),
        "--data",
        wb.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--format",
        "pdf",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    if let Some(text) = pdf_text(&out.join("kiem-tra.pdf")) {
        assert!(text.contains("CỤC KIỂM TRA — ghi chú"), "{text}");
    }
}
