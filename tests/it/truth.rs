//! check and render tell the same truth (issue 17): a misspelt column is an error in
//! render, check and eval alike, never a silent 0.

use std::path::Path;

use crate::common;

use common::*;

/// A copy of the shipped monthly report whose body reads `tinh` with `body` edited in.
fn broken_template(dir: &Path, from: &str, to: &str) -> std::path::PathBuf {
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    let src = root().join("templates/bao-cao-thang");
    std::fs::copy(src.join("template.toml"), tpl.join("template.toml")).unwrap();
    let body = std::fs::read_to_string(src.join("body.md.hbs")).unwrap();
    assert!(body.contains(from), "the body has {from:?}");
    std::fs::write(tpl.join("body.md.hbs"), body.replacen(from, to, 1)).unwrap();
    tpl
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_misspelt_column_fails_in_render_check_and_eval() {
    let dir = tempdir();
    let tpl = broken_template(
        dir.path(),
        "{{num (sum tinh \"ban_le_ty_dong\") 1}}",
        "{{num (sum tinh \"ban_le_ty_dog\") 1}}",
    );
    let out = dir.path().join("out");
    let tpl = tpl.to_str().unwrap();
    let render = vanban(&[
        "render",
        tpl,
        "--data",
        "samples/bao-cao-thang.xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    let check = vanban(&["check", tpl, "--data", "samples/bao-cao-thang.xlsx"]);
    let e = stderr(&render);
    assert!(!render.status.success(), "render passed a misspelt column");
    assert!(
        e.contains("has the column \"ban_le_ty_dog\"")
            && e.contains("sheet \"Tỉnh thành\"")
            && e.contains("nearest: \"ban_le_ty_dong\""),
        "render: {e}"
    );
    // check finds it before rendering, by the workbook's fields.
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        stderr(&check)
    );
    assert!(!check.status.success(), "check passed a misspelt column");
    assert!(
        said.contains("\"ban_le_ty_dog\"") && said.contains("did you mean \"ban_le_ty_dong\""),
        "check: {said}"
    );
    assert!(!out.join("BC-45-cndp-thang-10-2025.pdf").exists());
    let eval = vanban(&[
        "eval",
        "{{num (sum tinh_thanh \"khong_co_cot\") 1}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
    ]);
    assert!(!eval.status.success(), "eval printed {:?}", eval.stdout);
    assert!(
        stderr(&eval).contains(
            "sum: no row of the list \"tinh_thanh\" (sheet \"Tỉnh thành\") has the column \"khong_co_cot\""
        ),
        "{}",
        stderr(&eval)
    );
}

#[test]
fn eval_names_the_nearest_helper_and_the_workbooks_sheet() {
    let o = vanban(&[
        "eval",
        "{{sort_vn tinh_thanh \"ten\"}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("did you mean \"sort_vi\""),
        "{}",
        stderr(&o)
    );
    // The template calls the sheet `tinh`; the workbook `tinh_thanh`.
    let o = vanban(&[
        "eval",
        "{{count tinh}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
    ]);
    let e = stderr(&o);
    assert!(!o.status.success());
    assert!(
        e.contains("the workbook calls that sheet \"tinh_thanh\"") && e.contains("--template"),
        "{e}"
    );
    let o = vanban(&[
        "--lang",
        "vi",
        "eval",
        "{{count tinh}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
    ]);
    assert!(
        stderr(&o).contains("sổ Excel gọi sheet đó là \"tinh_thanh\""),
        "{}",
        stderr(&o)
    );
    // With the template, its names work.
    let o = vanban(&[
        "eval",
        "{{count tinh}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
        "--template",
        "templates/bao-cao-thang",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// render's and check's verdicts on one template and workbook: (render ok, check ok,
/// what both said).
fn verdicts(tpl: &Path, data: &Path, out: &Path) -> (bool, bool, String) {
    let (tpl, data) = (tpl.to_str().unwrap(), data.to_str().unwrap());
    let r = vanban(&["render", tpl, "--data", data, "-o", out.to_str().unwrap()]);
    let c = vanban(&["check", tpl, "--data", data]);
    let said = format!(
        "render: {}\ncheck: {}{}",
        stderr(&r),
        String::from_utf8_lossy(&c.stdout),
        stderr(&c)
    );
    (r.status.success(), c.status.success(), said)
}

/// A copy of the monthly report with one manifest line replaced.
fn with_manifest_line(dir: &Path, key: &str, line: &str) -> std::path::PathBuf {
    let tpl = dir.join(format!("tpl-{key}-{}", line.len()));
    std::fs::create_dir_all(&tpl).unwrap();
    let src = root().join("templates/bao-cao-thang");
    std::fs::copy(src.join("body.md.hbs"), tpl.join("body.md.hbs")).unwrap();
    let toml = std::fs::read_to_string(src.join("template.toml")).unwrap();
    // Only the header, distribution and signature lines: [template] has a `name` and a
    // `title` too.
    let header = toml.find("[header]").expect("a [header] table");
    let (head, rest) = toml.split_at(header);
    let toml: Vec<String> = std::iter::once(head.trim_end_matches('\n').to_string())
        .chain(rest.lines().map(|l| {
            if l.starts_with(&format!("{key} = ")) {
                line.to_string()
            } else {
                l.to_string()
            }
        }))
        .collect();
    std::fs::write(tpl.join("template.toml"), toml.join("\n")).unwrap();
    tpl
}

/// The decree's mixed-case abbreviations and a signing authority typed without its dot
/// pass both; a lower-case ký hiệu and an empty agency fail both.
#[test]
fn check_and_render_agree_on_the_header_and_signature() {
    let dir = tempdir();
    let data = root().join("samples/bao-cao-thang.xlsx");
    let cases: &[(&str, &str, bool, &str)] = &[
        ("symbol", "symbol = \"TTr-CNĐP\"", true, ""),
        ("symbol", "symbol = \"QyĐ-CNĐP\"", true, ""),
        ("symbol", "symbol = \"Bc-CNĐP\"", false, "lower-case"),
        ("authority", "authority = \"KT\"", true, ""),
        ("authority", "authority = \"Ký thay\"", true, ""),
        (
            "authority",
            "authority = \"KTT\"",
            false,
            "not a signing authority",
        ),
        (
            "agency",
            "agency = \"\"",
            false,
            "the issuing agency is empty",
        ),
    ];
    for (i, (key, line, ok, why)) in cases.iter().enumerate() {
        let tpl = with_manifest_line(dir.path(), key, line);
        let (r, c, said) = verdicts(&tpl, &data, &dir.path().join(format!("out-{i}")));
        assert_eq!((r, c), (*ok, *ok), "{line}:\n{said}");
        assert!(said.contains(why), "{line}:\n{said}");
    }
}

/// The escape fixture's workbook with its agency cell left empty.
fn empty_agency_workbook(wb: &Path) {
    let mut facts = escape_facts("bình thường");
    facts[1].1 = String::new();
    let facts: Vec<(&str, &str)> = facts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    write_workbook(wb, &facts, &["một"]);
}

/// An empty workbook cell behind a required part names the template line and the cell.
#[test]
fn an_empty_agency_cell_is_named() {
    let dir = tempdir();
    let wb = dir.path().join("trong.xlsx");
    empty_agency_workbook(&wb);
    let tpl = root().join("tests/fixtures/templates/escape");
    let (r, c, said) = verdicts(&tpl, &wb, &dir.path().join("out"));
    assert!(!r && !c, "{said}");
    assert!(
        said.contains("template.toml:16")
            && said.contains("the issuing agency is empty")
            && said.contains("sheet \"Thông tin\", cell B3"),
        "{said}"
    );
}

/// The Tờ trình starting point: `vanban new` copies it with its sample workbook, and it
/// renders in both formats with the decree's "TTr" ký hiệu, which check accepts.
#[test]
fn the_to_trinh_starting_point_renders_in_both_formats() {
    let dir = tempdir();
    let tpl = dir.path().join("to-trinh");
    let o = vanban(&["new", "to-trinh", tpl.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let data = tpl.join("du-lieu-mau.xlsx");
    let out = dir.path().join("out");
    let (r, c, said) = verdicts(&tpl, &data, &out);
    assert!(r && c, "{said}");
    let docx = docx_text(&out.join("TTr-12-cndp.docx"));
    for want in [
        "TỜ TRÌNH",
        "Số: 12/TTr-CNĐP",
        "Về việc phê duyệt danh mục đề án khuyến công quốc gia năm 2026",
        "2.870,5",
        "Trần Văn Thắng",
    ] {
        assert!(docx.contains(want), "DOCX lacks {want:?}:\n{docx}");
    }
    if let Some(pdf) = pdf_text(&out.join("TTr-12-cndp.pdf")) {
        for want in ["TỜ TRÌNH", "12/TTr-CNĐP", "2.870,5", "Trần Văn Thắng"] {
            assert!(pdf.contains(want), "PDF lacks {want:?}:\n{pdf}");
        }
    }
}

/// The other starting points (Công văn, Thông báo, Kế hoạch, Quyết định cá biệt): each
/// copied by `vanban new`, rendered in both formats from its sample, read back.
#[test]
fn every_starting_point_renders_in_both_formats() {
    let families: &[(&str, &str, &[&str])] = &[
        (
            "cong-van",
            "CV-215-cndp",
            &["Số: 215/CNĐP-KC", "V/v báo cáo kết quả", "Kính gửi"],
        ),
        (
            "thong-bao",
            "TB-30-cndp",
            &["THÔNG BÁO", "Số: 30/TB-CNĐP", "TL. CỤC TRƯỞNG"],
        ),
        (
            "ke-hoach",
            "KH-8-cndp",
            &["KẾ HOẠCH", "Số: 08/KH-CNĐP", "TỔ CHỨC THỰC HIỆN"],
        ),
        (
            "quyet-dinh",
            "QD-125-cndp",
            &[
                "QUYẾT ĐỊNH",
                "Số: 125/QĐ-CNĐP",
                "QUYẾT ĐỊNH:",
                "Điều 3.",
                "Như Điều 3",
            ],
        ),
    ];
    let dir = tempdir();
    for (family, stem, wants) in families {
        let tpl = dir.path().join(family);
        let o = vanban(&["new", family, tpl.to_str().unwrap()]);
        assert!(o.status.success(), "{family}: {}", stderr(&o));
        let out = dir.path().join(format!("out-{family}"));
        let (r, c, said) = verdicts(&tpl, &tpl.join("du-lieu-mau.xlsx"), &out);
        assert!(r && c, "{family}: {said}");
        let docx = docx_text(&out.join(format!("{stem}.docx")));
        for want in *wants {
            assert!(docx.contains(want), "{family} DOCX lacks {want:?}:\n{docx}");
        }
        if let Some(pdf) = pdf_text(&out.join(format!("{stem}.pdf"))) {
            let flat: String = pdf.split_whitespace().collect();
            for want in *wants {
                let w: String = want.split_whitespace().collect();
                assert!(flat.contains(&w), "{family} PDF lacks {want:?}:\n{pdf}");
            }
        }
    }
}

/// check ⊇ render and render ⊇ check on a corpus of broken pairs: each body edit and
/// each manifest field emptied gets the same verdict from both.
#[test]
fn check_and_render_agree_on_a_corpus_of_broken_pairs() {
    let dir = tempdir();
    let data = root().join("samples/bao-cao-thang.xlsx");
    let total = "{{num (sum tinh \"ban_le_ty_dong\") 1}}";
    let bodies: &[(&str, bool)] = &[
        ("{{num (sum tinh \"ban_le_ty_dog\") 1}}", false),
        ("{{count (filter tinh \"iipp\" \">\" 0)}}", false),
        (
            "{{#with (top tinh \"iip_so_cung_kyy\")}}{{stt}}{{/with}}",
            false,
        ),
        (
            "{{count (where tinh \"tinh_thanh_phoo\" \"Hà Nội\")}}",
            false,
        ),
        ("{{#each (sort_vi tinh \"ten\")}}{{stt}}{{/each}}", false),
        (
            "{{#each (sort_vn tinh \"tinh_thanh_pho\")}}{{stt}}{{/each}}",
            false,
        ),
        ("{{lookup meta \"khong_co\"}}", false),
        ("{{#each tinh}}{{stt}}", false),
        ("{{#if meta.thang}}x{{/each}}", false),
        ("{{#with meta}}{{thang}}", false),
        ("{{#unless meta.thang}}x", false),
        ("{{/if}}", false),
        ("{{count tinh \"iip\"}}", true),
        ("{{count_distinct tinh \"tinh_thanh_phoo\"}}", false),
        ("{{count_distinct tinh \"tinh_thanh_pho\"}}", true),
        ("{{#each (group_by tinh \"maa\")}}{{key}}{{/each}}", false),
        (
            "{{#each (group_by tinh \"ma\")}}{{key}} {{so_dong}} {{num (sum rows \"iip\") 1}}{{/each}}",
            true,
        ),
        (
            "{{#each (sort_vi tinh \"tinh_thanh_pho\")}}{{stt}}{{/each}}",
            true,
        ),
    ];
    for (i, (edit, ok)) in bodies.iter().enumerate() {
        let sub = dir.path().join(format!("b{i}"));
        let tpl = broken_template(&sub, total, edit);
        let (r, c, said) = verdicts(&tpl, &data, &sub.join("out"));
        assert_eq!((r, c), (*ok, *ok), "{edit}:\n{said}");
    }
    for (i, key) in [
        "agency",
        "symbol",
        "place",
        "date",
        "doc_type",
        "summary",
        "authority",
        "head",
        "title",
        "name",
    ]
    .iter()
    .enumerate()
    {
        let sub = dir.path().join(format!("m{i}"));
        let tpl = with_manifest_line(&sub, key, &format!("{key} = \"\""));
        let (r, c, said) = verdicts(&tpl, &data, &sub.join("out"));
        assert_eq!(r, c, "{key} emptied: render and check disagree:\n{said}");
        if ["agency", "head", "title", "name"].contains(key) {
            assert!(!r, "{key} is required:\n{said}");
        }
    }
}

/// Words of the template parser that must never reach an author, in either language.
const JARGON: &[&str] = &[
    "expected",
    "TemplateError",
    "Handlebars",
    "helper_block",
    "escape, expression",
    "invalid handlebars syntax",
];

/// An unclosed `{{#each}}` (and a block closed by the wrong tag) is shown at its opening
/// tag, with the source line and a caret under the tag, without the parser's words, in
/// render, check and eval and in both languages.
#[test]
fn block_errors_point_at_the_opening_tag_in_render_check_and_eval() {
    let dir = tempdir();
    let data = "samples/bao-cao-thang.xlsx";
    // Line 13 of the body, after "…địa phương trong bảng dưới đây đạt ".
    let total = "{{num (sum tinh \"ban_le_ty_dong\") 1}}";
    let cases: &[(&str, &str, &str)] = &[
        (
            "{{#each tinh}}{{stt}}",
            "the block {{#each}} opened here is never closed: {{/each}} is missing",
            "khối {{#each}} mở ở đây chưa được đóng: thiếu {{/each}}",
        ),
        (
            "{{#if meta.thang}}x{{/each}}",
            "the block {{#if}} opened here is closed by {{/each}}",
            "khối {{#if}} mở ở đây lại được đóng bằng {{/each}}",
        ),
    ];
    for (i, (edit, en, vi)) in cases.iter().enumerate() {
        let sub = dir.path().join(format!("c{i}"));
        let tpl = broken_template(&sub, total, edit);
        let body = std::fs::read_to_string(tpl.join("body.md.hbs")).unwrap();
        let line = body.lines().position(|l| l.contains(edit)).unwrap() + 1;
        let source = body.lines().nth(line - 1).unwrap();
        let column = source[..source.find(edit).unwrap()].chars().count() + 1;
        let at = format!("body.md.hbs:{line}:{column}: ");
        let caret = format!("| {}^", " ".repeat(column - 1));
        let tpl = tpl.to_str().unwrap();
        let out = sub.join("out");
        for lang in ["en", "vi"] {
            let render = vanban(&[
                "--lang",
                lang,
                "render",
                tpl,
                "--data",
                data,
                "-o",
                out.to_str().unwrap(),
            ]);
            let check = vanban(&["--lang", lang, "check", tpl, "--data", data]);
            let want = if lang == "en" { en } else { vi };
            for (what, o) in [("render", &render), ("check", &check)] {
                let said = format!("{}{}", String::from_utf8_lossy(&o.stdout), stderr(o));
                assert!(!o.status.success(), "{what} {lang} passed {edit}");
                assert!(
                    said.contains(&format!("{at}{want}"))
                        || said.contains(&format!(
                            "{at}{}{want}",
                            if lang == "en" { "error: " } else { "lỗi: " }
                        )),
                    "{what} {lang}: {said}"
                );
                assert!(
                    said.contains(&format!(" {line} | {source}")),
                    "{what} {lang}: {said}"
                );
                assert!(
                    said.contains(&caret),
                    "{what} {lang}: caret {caret:?} in {said}"
                );
                for w in JARGON {
                    assert!(!said.contains(w), "{what} {lang}: {w:?} in {said}");
                }
            }
        }
        // eval: the same message for the same mistake, in a one-line expression.
        for lang in ["en", "vi"] {
            let o = vanban(&[
                "--lang",
                lang,
                "eval",
                &format!("ab {edit}"),
                "--data",
                data,
            ]);
            let said = stderr(&o);
            let want = if lang == "en" { en } else { vi };
            assert!(!o.status.success());
            assert!(
                said.contains(&format!("<expression>:1:4: {want}")),
                "eval {lang}: {said}"
            );
            assert!(
                said.contains(&format!(" 1 | ab {edit}")) && said.contains("|    ^"),
                "eval {lang}: {said}"
            );
            for w in JARGON {
                assert!(!said.contains(w), "eval {lang}: {w:?} in {said}");
            }
        }
    }
}

/// A template regrouping the provinces of sheet "Tỉnh" (title rows above its header, so
/// the Excel rows are not the list's positions) with `gop_tinh`.
fn province_pair(dir: &Path, provinces: &[&str]) -> (std::path::PathBuf, std::path::PathBuf) {
    use rust_xlsxwriter::Workbook;
    let tpl = dir.join("gop");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        r#"[template]
name = "gop"
title = "Provinces regrouped"
sizes = "13/14/14"
output = "gop"

[data.meta]
sheet = "Thông tin"
kind = "key-value"

[data.tinh]
sheet = "Tỉnh"
kind = "table"

[header]
agency = "CỤC CÔNG NGHIỆP"
number = "12"
symbol = "BC-CN"
place = "Hà Nội"
date = "15/01/2026"
doc_type = "BÁO CÁO"
summary = "Số liệu theo đơn vị hành chính mới"

[distribution]
recipients = ["Lưu: VT"]

[signature]
title = "CỤC TRƯỞNG"
name = "{{meta.nguoi_ky}}"
"#,
    )
    .unwrap();
    std::fs::write(
        tpl.join("body.md.hbs"),
        "| STT | Tỉnh | Giá trị |\n|:---:|:---|---:|\n\
         {{#each (gop_tinh tinh \"ten_tinh\" sum=\"gia_tri\")}}\n\
         | {{add @index 1}} | {{ten_tinh}} | {{num gia_tri}} |\n{{/each}}\n",
    )
    .unwrap();
    let data = dir.join("tinh.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Thông tin").unwrap();
    ws.write_string(0, 0, "Trường").unwrap();
    ws.write_string(0, 1, "Giá trị").unwrap();
    ws.write_string(1, 0, "Người ký").unwrap();
    ws.write_string(1, 1, "Trần Văn Bình").unwrap();
    let ws = wb.add_worksheet().set_name("Tỉnh").unwrap();
    // Title lines above the header: the data starts on Excel row 7.
    ws.write_string(0, 0, "SỐ LIỆU THEO TỈNH").unwrap();
    ws.write_string(2, 0, "Đơn vị: tỷ đồng").unwrap();
    ws.write_string(5, 0, "Tên tỉnh").unwrap();
    ws.write_string(5, 1, "Giá trị").unwrap();
    for (i, p) in provinces.iter().enumerate() {
        ws.write_string(6 + i as u32, 0, *p).unwrap();
        ws.write_number(6 + i as u32, 1, 10.0 + i as f64).unwrap();
    }
    wb.save(&data).unwrap();
    (tpl, data)
}

/// A province listed twice: render and check both fail, naming the sheet and the Excel
/// rows (7 and 14), never the positions in the list.
#[test]
fn a_province_listed_twice_is_named_by_its_excel_rows_in_check_and_render() {
    let dir = tempdir();
    let mut provinces = vec![
        "Bắc Giang",
        "Hà Nội",
        "Huế",
        "Hà Giang",
        "Bắc Ninh",
        "Cần Thơ",
        "Đà Nẵng",
        "Bắc Giang",
    ];
    let (tpl, data) = province_pair(&dir.path().join("dup"), &provinces);
    let (r, c, said) = verdicts(&tpl, &data, &dir.path().join("out"));
    assert!(!r && !c, "{said}");
    // Once in render's message, once in check's.
    let named = "tinh.xlsx, sheet \"Tỉnh\", rows 7 and 14 (cells A7, A14) are both \"Bắc Giang\"";
    assert_eq!(said.matches(named).count(), 2, "{said}");
    assert!(!said.contains("rows 1 and 8"), "{said}");
    let check = vanban(&[
        "--lang",
        "vi",
        "check",
        tpl.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
    ]);
    assert!(
        String::from_utf8_lossy(&check.stdout)
            .contains("sheet \"Tỉnh\", dòng 7 và 14 (ô A7, A14) cùng là \"Bắc Giang\""),
        "{}",
        String::from_utf8_lossy(&check.stdout)
    );
    // Each once: both pass.
    provinces.pop();
    let (tpl, data) = province_pair(&dir.path().join("ok"), &provinces);
    let (r, c, said) = verdicts(&tpl, &data, &dir.path().join("out-ok"));
    assert!(r && c, "{said}");
}

/// The helpers that count distinct values and group rows, in a real template: the units
/// of the Tờ trình's projects counted and grouped, in both formats, and check agrees.
#[test]
fn distinct_values_are_counted_and_rows_grouped_in_both_formats() {
    let dir = tempdir();
    let tpl = dir.path().join("to-trinh");
    let o = vanban(&["new", "to-trinh", tpl.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let body = std::fs::read_to_string(tpl.join("body.md.hbs")).unwrap();
    let marker = "## III. KIẾN NGHỊ";
    assert!(body.contains(marker), "the starting point's body changed");
    let extra = "Các đề án do {{count_distinct de_an \"don_vi_thuc_hien\"}} đơn vị thực hiện:\n\n\
                 {{#each (sort_vi (group_by de_an \"don_vi_thuc_hien\") \"key\")}}\n\
                 - {{key}}: {{so_dong}} đề án, {{num (sum rows \"kinh_phi_trieu_dong\") 1}} triệu đồng;\n\
                 {{/each}}\n\n";
    std::fs::write(
        tpl.join("body.md.hbs"),
        body.replacen(marker, &format!("{extra}{marker}"), 1),
    )
    .unwrap();
    let out = dir.path().join("out");
    let (r, c, said) = verdicts(&tpl, &tpl.join("du-lieu-mau.xlsx"), &out);
    assert!(r && c, "{said}");
    let wants = [
        "Các đề án do 3 đơn vị thực hiện:",
        "Sở Công Thương tỉnh Đồng Tháp: 1 đề án, 640,0 triệu đồng;",
        "Trung tâm Khuyến công tỉnh Thái Nguyên: 1 đề án, 1.250,0 triệu đồng;",
    ];
    let docx = docx_text(&out.join("TTr-12-cndp.docx"));
    for w in wants {
        assert!(docx.contains(w), "DOCX lacks {w:?}:\n{docx}");
    }
    // Vietnamese order: "Sở" before "Trung tâm … Nghệ An" before "… Thái Nguyên".
    let at = |s: &str| docx.find(s).unwrap_or(usize::MAX);
    assert!(at("Sở Công Thương tỉnh Đồng Tháp:") < at("Trung tâm Khuyến công tỉnh Nghệ An:"));
    assert!(at("tỉnh Nghệ An:") < at("tỉnh Thái Nguyên:"), "{docx}");
    if let Some(pdf) = pdf_text(&out.join("TTr-12-cndp.pdf")) {
        let flat: String = pdf.split_whitespace().collect();
        for w in wants {
            let w: String = w.split_whitespace().collect();
            assert!(flat.contains(&w), "PDF lacks {w:?}:\n{pdf}");
        }
    }
}

/// One template and workbook with three form problems at once — an empty agency cell, a
/// lower-case ký hiệu, a "KT" signature without the head's position: check (the
/// renderer's path in collect mode) reports all three, each at its own place; render stops
/// at the first it meets.
#[test]
fn check_reports_every_form_problem_render_the_first() {
    let dir = tempdir();
    let wb = dir.path().join("trong.xlsx");
    empty_agency_workbook(&wb);
    let tpl = dir.path().join("ba-loi");
    std::fs::create_dir_all(&tpl).unwrap();
    let src = root().join("tests/fixtures/templates/escape");
    std::fs::copy(src.join("body.md.hbs"), tpl.join("body.md.hbs")).unwrap();
    let toml = std::fs::read_to_string(src.join("template.toml"))
        .unwrap()
        .replace("symbol = \"BC-TEST\"", "symbol = \"bc-test\"")
        .replace("[signature]\n", "[signature]\nauthority = \"KT\"\n");
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    let (tpl, wb) = (tpl.to_str().unwrap(), wb.to_str().unwrap());

    let c = vanban(&["check", tpl, "--data", wb, "--format", "json"]);
    assert_eq!(c.status.code(), Some(4), "{}", stderr(&c));
    let got: serde_json::Value = serde_json::from_slice(&c.stdout).expect("JSON");
    let errors: Vec<(String, u64, u64, String)> = got
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                d["message_en"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    let has = |code: &str, line: u64, what: &str| {
        errors
            .iter()
            .any(|(c, l, _, m)| c == code && *l == line && m.contains(what))
    };
    assert!(
        has("required", 16, "the issuing agency is empty")
            && has("required", 16, "sheet \"Thông tin\", cell B3"),
        "{errors:#?}"
    );
    assert!(
        has("ky-hieu", 18, "\"bc-test\"") && has("ky-hieu", 18, "lower-case"),
        "{errors:#?}"
    );
    assert!(
        has(
            "signature",
            27,
            "signature.head: with \"KT.\" give both the head"
        ),
        "{errors:#?}"
    );
    // Both languages in the JSON, the Vietnamese of the same rule.
    let vi = got.as_array().unwrap().iter().any(|d| {
        d["message_vi"]
            .as_str()
            .is_some_and(|m| m.contains("ký hiệu \"bc-test\" không đúng thể thức: có chữ thường"))
    });
    assert!(vi, "{got:#}");

    // Without the workbook, the rules are judged on what the template writes itself: the
    // ký hiệu and the signature, not the agency that comes from a cell.
    let c = vanban(&["check", tpl, "--format", "json"]);
    let got: serde_json::Value = serde_json::from_slice(&c.stdout).expect("JSON");
    let codes: Vec<&str> = got
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["ky-hieu", "signature"], "{got:#}");

    // render: the first of the three, in the order it builds the document.
    let out = dir.path().join("out");
    let r = vanban(&["render", tpl, "--data", wb, "-o", out.to_str().unwrap()]);
    assert!(!r.status.success());
    let e = stderr(&r);
    assert!(
        e.contains("template.toml:18:1: header.symbol: the ký hiệu \"bc-test\"")
            && !e.contains("the issuing agency is empty")
            && !e.contains("signature.head"),
        "{e}"
    );
}

/// A template.toml with three wrong keys: check names all three at their own lines; render
/// stops at one of them, said the same way.
#[test]
fn check_reports_every_wrong_key_of_template_toml_render_the_first() {
    let dir = tempdir();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    let src = root().join("templates/bao-cao-thang");
    std::fs::copy(src.join("body.md.hbs"), tpl.join("body.md.hbs")).unwrap();
    let toml = std::fs::read_to_string(src.join("template.toml")).unwrap();
    let toml = toml.replacen(
        "sizes = \"13/14/14\"",
        "sizes = \"13/15/14\"\nform = \"nd99\"\nkhong_co = 1",
        1,
    );
    assert!(
        toml.contains("khong_co"),
        "the sample's sizes line is there"
    );
    std::fs::write(tpl.join("template.toml"), &toml).unwrap();
    let line_of = |needle: &str| toml.lines().position(|l| l.starts_with(needle)).unwrap() + 1;
    let data = root().join("samples/bao-cao-thang.xlsx");
    let (t, d) = (tpl.to_str().unwrap(), data.to_str().unwrap());
    let c = vanban(&["--lang", "en", "check", t, "--data", d]);
    let said = String::from_utf8_lossy(&c.stdout).into_owned();
    assert!(!c.status.success());
    for (key, words) in [
        ("sizes", "not a Decree 30 size set"),
        ("form", "not a form vanban knows"),
        ("khong_co", "is not a field here"),
    ] {
        let place = format!("template.toml:{}:1: error: ", line_of(key));
        assert!(
            said.lines()
                .any(|l| l.contains(&place) && l.contains(words)),
            "{place} {words} in\n{said}"
        );
    }
    assert!(said.contains("3 error(s)"), "{said}");
    let out = dir.path().join("out");
    let r = vanban(&[
        "--lang",
        "en",
        "render",
        t,
        "--data",
        d,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(!r.status.success());
    // render stops at one of them (the first its reader meets), which check named too.
    let rerr = stderr(&r);
    assert!(
        [
            ("sizes", "not a Decree 30 size set"),
            ("form", "not a form vanban knows"),
            ("khong_co", "is not a field here"),
        ]
        .iter()
        .any(
            |(key, words)| rerr.contains(&format!("template.toml:{}:1", line_of(key)))
                && rerr.contains(words)
        ),
        "{rerr}"
    );
    assert!(!out.exists(), "nothing written");
}
