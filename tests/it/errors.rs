//! Errors a clerk can act on: each names the file, sheet, cell or template line, exits
//! with the documented code, never panics, and never leaves a broken output behind.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

const DATA: i32 = 3;
const TEMPLATE: i32 = 4;

/// A copy of the escape test template in `dir`, with `edit` applied to (toml, body).
fn template_copy(dir: &Path, edit: impl Fn(&mut String, &mut String)) -> PathBuf {
    let src = root().join("tests/fixtures/templates/escape");
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    let mut toml = std::fs::read_to_string(src.join("template.toml")).unwrap();
    let mut body = std::fs::read_to_string(src.join("body.md.hbs")).unwrap();
    edit(&mut toml, &mut body);
    std::fs::write(tpl.join("template.toml"), toml).unwrap();
    std::fs::write(tpl.join("body.md.hbs"), body).unwrap();
    tpl
}

fn good_workbook(dir: &Path) -> PathBuf {
    let wb = dir.join("dulieu.xlsx");
    let facts = escape_facts("nội dung");
    let facts: Vec<(&str, &str)> = facts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    write_workbook(&wb, &facts, &["một", "hai"]);
    wb
}

fn run(template: &Path, data: &Path, out: &Path) -> (i32, String) {
    let o = vanban(&[
        "render",
        template.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let code = o.status.code().expect("exited, not killed");
    assert_ne!(
        code,
        101,
        "vanban panicked: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (code, String::from_utf8_lossy(&o.stderr).into_owned())
}

#[test]
fn missing_workbook() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |_, _| {});
    let (code, err) = run(
        &tpl,
        &dir.path().join("khong-co.xlsx"),
        &dir.path().join("out"),
    );
    assert_eq!(code, DATA, "{err}");
    assert!(
        err.contains("khong-co.xlsx") && err.contains("not found"),
        "{err}"
    );
}

#[test]
fn file_that_is_not_a_workbook() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |_, _| {});
    let fake = dir.path().join("bao-cao.xlsx");
    std::fs::write(&fake, "đây là văn bản, không phải bảng tính").unwrap();
    let (code, err) = run(&tpl, &fake, &dir.path().join("out"));
    assert_eq!(code, DATA, "{err}");
    assert!(err.contains("bao-cao.xlsx"), "{err}");
}

#[test]
fn missing_sheet_lists_the_sheets_there_are() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |toml, _| {
        *toml = toml.replace("sheet = \"Dữ liệu\"", "sheet = \"Số liệu\"");
    });
    let (code, err) = run(&tpl, &good_workbook(dir.path()), &dir.path().join("out"));
    assert_eq!(code, DATA, "{err}");
    assert!(
        err.contains("\"Số liệu\"") && err.contains("\"Dữ liệu\""),
        "{err}"
    );
}

#[test]
fn missing_column_names_the_sheet_and_suggests() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |toml, _| {
        *toml = toml.replace(
            "sheet = \"Dữ liệu\"",
            "sheet = \"Dữ liệu\"\ncolumns = [\"stt\", \"noi_dug\"]",
        );
    });
    let (code, err) = run(&tpl, &good_workbook(dir.path()), &dir.path().join("out"));
    assert_eq!(code, DATA, "{err}");
    assert!(err.contains("sheet \"Dữ liệu\""), "{err}");
    assert!(err.contains("did you mean \"noi_dung\""), "{err}");
}

#[test]
fn unknown_field_names_file_line_column_and_suggests() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |_, body| {
        *body = body.replace("{{noi_dung}}", "{{noi_dng}}");
    });
    let (code, err) = run(&tpl, &good_workbook(dir.path()), &dir.path().join("out"));
    assert_eq!(code, TEMPLATE, "{err}");
    assert!(err.contains("body.md.hbs:10:"), "{err}");
    assert!(err.contains("unknown field \"noi_dng\""), "{err}");
    assert!(err.contains("did you mean \"noi_dung\""), "{err}");
    assert!(
        err.contains("| {{stt}} | {{noi_dng}} |"),
        "the source line is shown: {err}"
    );
}

#[test]
fn handlebars_syntax_error_names_the_line() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |_, body| {
        *body = body.replace("{{/each}}", "{{/if}}");
    });
    let (code, err) = run(&tpl, &good_workbook(dir.path()), &dir.path().join("out"));
    assert_eq!(code, TEMPLATE, "{err}");
    // At the block's opening tag, naming the wrong closing tag's line.
    assert!(
        err.contains("body.md.hbs:9:1: the block {{#each}} opened here is closed by {{/if}} (line 11, column 1)"),
        "{err}"
    );
}

#[test]
fn error_cell_used_by_the_template_names_the_cell() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |_, _| {});
    let wb = dir.path().join("loi.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Thông tin").unwrap();
    ws.write_string(0, 0, "Trường").unwrap();
    ws.write_string(0, 1, "Giá trị").unwrap();
    for (i, (k, v)) in escape_facts("x").iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, *k).unwrap();
        ws.write_string(i as u32 + 1, 1, v).unwrap();
    }
    let ws = book.add_worksheet();
    ws.set_name("Dữ liệu").unwrap();
    ws.write_string(0, 0, "STT").unwrap();
    ws.write_string(0, 1, "Nội dung").unwrap();
    ws.write_number(1, 0, 1.0).unwrap();
    ws.write_string(1, 1, "một").unwrap();
    ws.write_number(2, 0, 2.0).unwrap();
    ws.write_formula(
        2,
        1,
        rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
    )
    .unwrap();
    book.save(&wb).unwrap();
    let (code, err) = run(&tpl, &wb, &dir.path().join("out"));
    assert_eq!(code, DATA, "{err}");
    assert!(
        err.contains("loi.xlsx") && err.contains("\"Dữ liệu\""),
        "{err}"
    );
    assert!(err.contains("cell B3") && err.contains("#DIV/0!"), "{err}");
}

#[test]
fn missing_template_folder() {
    let dir = tempdir();
    let (code, err) = run(
        &dir.path().join("khong-co-mau"),
        &good_workbook(dir.path()),
        &dir.path().join("out"),
    );
    assert_eq!(code, TEMPLATE, "{err}");
    assert!(
        err.contains("khong-co-mau") && err.contains("no such folder"),
        "{err}"
    );
}

#[test]
fn a_failed_render_leaves_the_earlier_good_output_untouched() {
    let dir = tempdir();
    let out = dir.path().join("out");
    let tpl = template_copy(dir.path(), |_, _| {});
    let wb = good_workbook(dir.path());
    let (code, err) = run(&tpl, &wb, &out);
    assert_eq!(code, 0, "{err}");
    let good_pdf = std::fs::read(out.join("kiem-tra.pdf")).unwrap();
    let good_docx = std::fs::read(out.join("kiem-tra.docx")).unwrap();

    // Break the template; the render fails and the earlier files stay as they were.
    std::fs::write(
        tpl.join("body.md.hbs"),
        "{{#each dong}}\n| {{khong_co}} |\n{{/each}}\n",
    )
    .unwrap();
    let (code, _) = run(&tpl, &wb, &out);
    assert_eq!(code, TEMPLATE);
    assert_eq!(std::fs::read(out.join("kiem-tra.pdf")).unwrap(), good_pdf);
    assert_eq!(std::fs::read(out.join("kiem-tra.docx")).unwrap(), good_docx);
    let stray: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with("kiem-tra."))
        .collect();
    assert!(stray.is_empty(), "stray files: {stray:?}");
}

#[test]
fn bad_signing_authority_names_the_manifest_field() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |toml, _| {
        *toml = toml.replace("[signature]\n", "[signature]\nauthority = \"KY THAY\"\n");
    });
    let (code, err) = run(&tpl, &good_workbook(dir.path()), &dir.path().join("out"));
    assert_eq!(code, TEMPLATE, "{err}");
    assert!(
        err.contains("template.toml:") && err.contains("signature.authority"),
        "{err}"
    );
}

/// `vanban --lang vi ARGS…`: (exit code, stderr). The tests using it need main.rs to print
/// errors with `Bilingual::message(lang)`: they pass once branch i18n-cli is merged.
fn run_vi(args: &[&str]) -> (i32, String) {
    let mut all = vec!["--lang", "vi"];
    all.extend_from_slice(args);
    let o = vanban(&all);
    let code = o.status.code().expect("exited, not killed");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_ne!(code, 101, "vanban panicked: {err}");
    (code, err)
}

#[test]
fn missing_workbook_in_vietnamese() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |_, _| {});
    let missing = dir.path().join("khong-co.xlsx");
    let out = dir.path().join("out");
    let (code, err) = run_vi(&[
        "render",
        tpl.to_str().unwrap(),
        "--data",
        missing.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, DATA, "{err}");
    assert!(
        err.contains(&format!(
            "lỗi: không mở được bảng tính \"{}\": không tìm thấy tệp",
            missing.display()
        )),
        "{err}"
    );
}

#[test]
fn sheet_named_by_the_template_missing_in_vietnamese() {
    let dir = tempdir();
    let tpl = template_copy(dir.path(), |toml, _| {
        *toml = toml.replace("sheet = \"Dữ liệu\"", "sheet = \"Số liệu\"");
    });
    let wb = good_workbook(dir.path());
    let out = dir.path().join("out");
    let (code, err) = run_vi(&[
        "render",
        tpl.to_str().unwrap(),
        "--data",
        wb.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, DATA, "{err}");
    assert!(
        err.contains(&format!(
            "bảng tính \"{}\" không có sheet \"Số liệu\"; các sheet có trong bảng tính: \
             \"Thông tin\", \"Dữ liệu\"",
            wb.display()
        )),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn duplicate_label_in_vietnamese_names_both_cells() {
    let dir = tempdir();
    let wb = dir.path().join("trung-nhan.xlsx");
    // "Ngày ký" and "NGÀY KÝ:" both give the key ngay_ky.
    write_workbook(
        &wb,
        &[
            ("Ngày ký", "05/11/2025"),
            ("Người ký", "Nguyễn Văn A"),
            ("NGÀY KÝ:", "06/11/2025"),
        ],
        &["một"],
    );
    let (code, err) = run_vi(&["fields", wb.to_str().unwrap()]);
    assert_eq!(code, DATA, "{err}");
    assert!(
        err.contains(&format!(
            "sheet \"Thông tin\" của bảng tính \"{}\" có hai nhãn cho cùng một trường \
             \"ngay_ky\": \"Ngày ký\" ở ô A2 và \"NGÀY KÝ:\" ở ô A4; hãy đổi tên một trong hai nhãn",
            wb.display()
        )),
        "{err}"
    );
}

#[test]
fn csv_given_as_workbook_in_vietnamese() {
    let dir = tempdir();
    let csv = dir.path().join("so-lieu.csv");
    std::fs::write(&csv, "STT,Nội dung\n1,một\n").unwrap();
    let (code, err) = run_vi(&["fields", csv.to_str().unwrap()]);
    assert_eq!(code, DATA, "{err}");
    assert!(
        err.contains(&format!(
            "không mở được bảng tính \"{}\": không hỗ trợ tệp loại \".csv\"; \
             hãy lưu thành .xlsx, .xlsm, .xls, .xlsb hoặc .ods",
            csv.display()
        )),
        "{err}"
    );
}

#[test]
fn damaged_workbook_in_vietnamese_keeps_the_decoders_words() {
    let dir = tempdir();
    let fake = dir.path().join("bao-cao.xlsx");
    std::fs::write(&fake, "đây là văn bản, không phải bảng tính").unwrap();
    let (code, err) = run_vi(&["fields", fake.to_str().unwrap()]);
    assert_eq!(code, DATA, "{err}");
    assert!(
        err.contains(&format!(
            "không đọc được bảng tính \"{}\": đây không phải bảng tính Excel (.xlsx) hợp lệ (",
            fake.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("hãy mở tệp bằng Excel hoặc LibreOffice rồi lưu lại"),
        "{err}"
    );
}
