//! Workbooks as clerks really send them (issue 12): password-protected files, totals rows,
//! numbers typed as text, formulas without saved results. Each test makes its workbook with
//! rust_xlsxwriter (and LibreOffice or msoffcrypto-tool where a format needs them), runs the
//! real binary and checks what a clerk sees.

use crate::common;

use std::process::Command;

use common::*;

/// A small table workbook: a title row, a header, three provinces.
fn write_provinces(path: &std::path::Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Tỉnh").unwrap();
    ws.write_string(0, 0, "STT").unwrap();
    ws.write_string(0, 1, "Tỉnh").unwrap();
    ws.write_string(0, 2, "Giá trị").unwrap();
    for (i, (name, v)) in [("Hà Nội", 10.5), ("Huế", 2.0), ("Cần Thơ", 3.25)]
        .iter()
        .enumerate()
    {
        let r = i as u32 + 1;
        ws.write_number(r, 0, f64::from(r)).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_number(r, 2, *v).unwrap();
    }
    wb.save(path).unwrap();
}

/// An .xlsx encrypted with a password (by msoffcrypto-tool, as Excel's "Encrypt with
/// Password" does) is refused with "remove the password", in both languages.
#[test]
fn password_protected_workbook_says_remove_the_password() {
    if !tool("msoffcrypto-tool") {
        return;
    }
    let dir = tempdir();
    let plain = dir.path().join("plain.xlsx");
    write_provinces(&plain);
    let locked = dir.path().join("co-mat-khau.xlsx");
    let o = Command::new("msoffcrypto-tool")
        .args(["-e", "-p", "matkhau"])
        .arg(&plain)
        .arg(&locked)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let path = locked.to_str().unwrap();

    let o = vanban(&["fields", path]);
    assert_eq!(o.status.code(), Some(3), "{o:?}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "the workbook is password-protected: remove the password in Excel \
             (File → Info → Protect Workbook) and try again"
        ),
        "{err}"
    );
    assert!(err.contains("co-mat-khau.xlsx"), "{err}");
    assert!(!err.contains("save it again"), "{err}");

    let o = vanban(&["--lang", "vi", "fields", path]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bảng tính được đặt mật khẩu; hãy gỡ mật khẩu"),
        "{err}"
    );
}

/// The province table as a department sends it: a title, a header, group headings
/// ("I. Miền Bắc"), subtotal rows "Cộng", a "Cả nước" totals row whose figure Excel's SUM got
/// wrong (it skipped the numbers typed as text), and a key–value sheet with no heading row.
///
/// Rows (Excel): 3 header; 4 "I. Miền Bắc"; 5 Hà Nội 1000,5; 6 Hải Phòng "12.408,4" (text);
/// 7 Cộng 13.408,9; 8 "II. Miền Nam"; 9 TP HCM 2000; 10 Cần Thơ "1.234" (text); 11 Cộng
/// 3234; 12 Cả nước 3000,5 (wrong: the true sum is 16.642,9).
fn write_department(path: &std::path::Path, bad_text: Option<&str>) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Thông tin").unwrap();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "Tên tệp").unwrap();
    ws.write_string(0, 1, "bao-cao-iip").unwrap();
    ws.write_string(1, 0, "Số").unwrap();
    ws.write_number(1, 1, 125.0).unwrap();
    ws.write_string(2, 0, "Ngày ban hành").unwrap();
    let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 11, 5).unwrap();
    ws.write_datetime_with_format(2, 1, &d, &date).unwrap();
    ws.write_string(3, 0, "Người ký").unwrap();
    ws.write_string(3, 1, "Nguyễn Văn An").unwrap();

    let ws = wb.add_worksheet().set_name("IIP T10").unwrap();
    ws.write_string(0, 0, "CHỈ SỐ SẢN XUẤT CÔNG NGHIỆP THÁNG 10")
        .unwrap();
    for (c, h) in [
        "STT",
        "Tỉnh, thành phố",
        "Giá trị SX (tỷ đồng)",
        "So cùng kỳ (%)",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 0, "I. Miền Bắc").unwrap();
    ws.write_number(4, 0, 1.0).unwrap();
    ws.write_string(4, 1, "Hà Nội").unwrap();
    ws.write_number(4, 2, 1000.5).unwrap();
    ws.write_number(4, 3, 105.2).unwrap();
    ws.write_number(5, 0, 2.0).unwrap();
    ws.write_string(5, 1, "Hải Phòng").unwrap();
    ws.write_string(5, 2, bad_text.unwrap_or("12.408,4"))
        .unwrap();
    ws.write_number(5, 3, 110.1).unwrap();
    ws.write_string(6, 1, "Cộng").unwrap();
    ws.write_number(6, 2, 13408.9).unwrap();
    ws.write_number(6, 3, 109.0).unwrap();
    ws.write_string(7, 0, "II. Miền Nam").unwrap();
    ws.write_number(8, 0, 3.0).unwrap();
    ws.write_string(8, 1, "TP. Hồ Chí Minh").unwrap();
    ws.write_number(8, 2, 2000.0).unwrap();
    ws.write_number(8, 3, 101.0).unwrap();
    ws.write_number(9, 0, 4.0).unwrap();
    ws.write_string(9, 1, "Cần Thơ").unwrap();
    // The bad text, when given, is in C10 too: a message must still name the one cell.
    ws.write_string(9, 2, bad_text.unwrap_or("1.234")).unwrap();
    ws.write_number(9, 3, 99.5).unwrap();
    ws.write_string(10, 1, "Cộng").unwrap();
    ws.write_number(10, 2, 3234.0).unwrap();
    ws.write_number(10, 3, 100.4).unwrap();
    ws.write_string(11, 1, "Cả nước").unwrap();
    ws.write_number(11, 2, 3000.5).unwrap();
    ws.write_number(11, 3, 104.3).unwrap();
    wb.save(path).unwrap();
}

/// A template over the department workbook; `body` is its Markdown body.
fn department_template(dir: &std::path::Path, body: &str) -> std::path::PathBuf {
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        r#"[template]
name = "iip"
title = "Báo cáo IIP"
output = "{{meta.ten_tep}}"

[data.meta]
sheet = "Thông tin"

[data.iip]
sheet = "IIP T10"

[header]
agency = "CỤC THỐNG KÊ"
number = "{{meta.so}}"
symbol = "BC-CTK"
place = "Hà Nội"
date = "{{meta.ngay_ban_hanh}}"
doc_type = "BÁO CÁO"
summary = "Chỉ số sản xuất công nghiệp tháng 10"

[distribution]
recipients = ["Lưu: VT"]

[signature]
title = "CỤC TRƯỞNG"
name = "{{meta.nguoi_ky}}"
"#,
    )
    .unwrap();
    std::fs::write(tpl.join("body.md.hbs"), body).unwrap();
    tpl
}

const DEPARTMENT_BODY: &str = r#"Số tỉnh có số liệu: {{count iip}}.

Tổng giá trị các tỉnh: {{num (sum iip "gia_tri_sx_ty_dong") 1}} tỷ đồng.

Dòng Cả nước của bảng: {{num iip_tong.gia_tri_sx_ty_dong 1}} tỷ đồng.

{{#each (groups iip)}}
- {{ten}} ({{ma}}): {{num (sum rows "gia_tri_sx_ty_dong") 1}} tỷ đồng, dòng Cộng {{num tong.gia_tri_sx_ty_dong 1}}, {{count rows}} tỉnh
{{/each}}
"#;

/// Totals rows are not data, group headings become groups, numbers typed as text are read,
/// and the wrong "Cả nước" figure is reported — checked in the PDF and DOCX a clerk gets.
#[test]
fn department_table_gives_the_right_figures() {
    let dir = tempdir();
    let wb = dir.path().join("iip.xlsx");
    write_department(&wb, None);
    let tpl = department_template(dir.path(), DEPARTMENT_BODY);
    let out = dir.path().join("out");
    let o = vanban(&[
        "render",
        tpl.to_str().unwrap(),
        "-d",
        wb.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "{err}");
    // One notice for the column, naming both cells; the ambiguous one explained.
    assert!(
        err.contains(
            "sheet \"IIP T10\", cell C6: column C (\"Giá trị SX (tỷ đồng)\"): 2 numbers typed \
             as text were read as numbers: C6 \"12.408,4\" → 12408.4, C10 \"1.234\" → 1234"
        ),
        "{err}"
    );
    assert!(
        err.contains("C10 \"1.234\" read the Vietnamese way"),
        "{err}"
    );
    assert!(err.contains("numbers = \"en\""), "{err}");
    // The totals check, naming the cells.
    assert!(
        err.contains(
            "sheet \"IIP T10\", cell C12: the total says 3.000,5 but C5:C10 add up to 16.642,9 \
             (C6, C10 hold numbers typed as text, which Excel's SUM skips)"
        ),
        "{err}"
    );
    // The subtotals agree with their groups, and the ratio column is not summed.
    assert!(!err.contains("cell C7:"), "{err}");
    assert!(!err.contains("cell C11:"), "{err}");
    assert!(!err.contains("cell D12:"), "{err}");

    let want = [
        "Số tỉnh có số liệu: 4.",
        "Tổng giá trị các tỉnh: 16.642,9 tỷ đồng.",
        "Dòng Cả nước của bảng: 3.000,5 tỷ đồng.",
        "Miền Bắc (I): 13.408,9 tỷ đồng, dòng Cộng 13.408,9, 2 tỉnh",
        "Miền Nam (II): 3.234,0 tỷ đồng, dòng Cộng 3.234,0, 2 tỉnh",
    ];
    let docx = docx_text(&out.join("bao-cao-iip.docx"));
    let flat = docx.split_whitespace().collect::<Vec<_>>().join(" ");
    for w in want {
        assert!(flat.contains(w), "DOCX lacks {w:?}:\n{docx}");
    }
    if let Some(pdf) = pdf_text(&out.join("bao-cao-iip.pdf")) {
        let flat = pdf.split_whitespace().collect::<Vec<_>>().join(" ");
        for w in want {
            assert!(flat.contains(w), "PDF lacks {w:?}:\n{pdf}");
        }
    }

    // `vanban check --data` reports the wrong total as a warning, in Vietnamese too.
    let o = vanban(&["check", tpl.to_str().unwrap(), "-d", wb.to_str().unwrap()]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        text.contains("warning: ") && text.contains("C5:C10 add up to 16.642,9"),
        "{text}"
    );
    assert!(text.contains("0 error(s), 1 warning(s)"), "{text}");
    let o = vanban(&[
        "--lang",
        "vi",
        "check",
        tpl.to_str().unwrap(),
        "-d",
        wb.to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(
        text.contains("ô C12: dòng tổng ghi 3.000,5 nhưng C5:C10 cộng lại được 16.642,9"),
        "{text}"
    );
}

/// `vanban fields` shows the key–value sheet without a heading row as key–value, the data
/// rows without the totals, and the totals row under `<sheet>_tong`.
#[test]
fn fields_shows_key_value_and_totals() {
    let dir = tempdir();
    let wb = dir.path().join("iip.xlsx");
    write_department(&wb, None);
    let o = vanban(&["fields", wb.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    assert!(
        out.contains("key–value") || out.contains("key-value"),
        "{out}"
    );
    assert!(out.contains("ngay_ban_hanh"), "{out}");
    assert!(out.contains("nguoi_ky"), "{out}");
    assert!(!out.contains("bao_cao_iip"), "a value became a key: {out}");
    assert!(out.contains("table, header row 3, 4 rows"), "{out}");
    assert!(out.contains("iip_t10_tong"), "{out}");
}

/// A helper that meets a value it cannot use names the workbook, sheet and Excel cell — for
/// a column summed over the sheet, over a filtered list, and one value inside `each`.
#[test]
fn helper_messages_name_the_excel_cell() {
    let dir = tempdir();
    let wb = dir.path().join("iip.xlsx");
    write_department(&wb, Some("12.408,4x"));
    let cases = [
        r#"{{num (sum iip "gia_tri_sx_ty_dong") 1}}"#,
        r#"{{sum (filter iip "so_cung_ky" ">" 100) "gia_tri_sx_ty_dong"}}"#,
        r#"{{#each iip}}{{num gia_tri_sx_ty_dong}} {{/each}}"#,
    ];
    for body in cases {
        let tpl = department_template(dir.path(), body);
        let out = dir.path().join("out");
        let o = vanban(&[
            "render",
            tpl.to_str().unwrap(),
            "-d",
            wb.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(o.status.code(), Some(4), "{body}: {o:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("iip.xlsx, sheet \"IIP T10\", cell C6"),
            "{body}: {err}"
        );
        assert!(
            err.contains("\"12.408,4x\" is not a number"),
            "{body}: {err}"
        );
        assert!(!err.contains("row 2"), "{body}: {err}");
        let o = vanban(&[
            "--lang",
            "vi",
            "render",
            tpl.to_str().unwrap(),
            "-d",
            wb.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("iip.xlsx, sheet \"IIP T10\", ô C6"),
            "{body}: {err}"
        );
        // `vanban check --data` finds it the same way.
        let o = vanban(&["check", tpl.to_str().unwrap(), "-d", wb.to_str().unwrap()]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            out.contains("cell C6 (sheet \"IIP T10\") holds the text \"12.408,4x\""),
            "{body}: {out}"
        );
    }
}

/// Converts `src` with LibreOffice into `ext` ("ods", "xls") next to it.
fn convert(src: &std::path::Path, ext: &str) -> std::path::PathBuf {
    let dir = src.parent().unwrap();
    let profile = dir.join("lo-profile");
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(dir)
        .arg(src)
        .output()
        .unwrap();
    assert!(o.status.success(), "soffice: {o:?}");
    let out = src.with_extension(ext);
    assert!(out.exists(), "soffice made no {ext}: {o:?}");
    out
}

/// The same workbook saved as .xlsx, .ods and .xls gives the same Dataset: the same sheets,
/// kinds, keys, cells, values, totals, groups and notices (only the file name differs).
#[test]
fn xlsx_ods_and_xls_give_the_same_dataset() {
    if !tool("soffice") {
        return;
    }
    use vanban::workbook::{Dataset, ReadOptions};
    let dir = tempdir();
    let xlsx = dir.path().join("so-lieu.xlsx");
    write_department(&xlsx, None);
    let read = |p: &std::path::Path| Dataset::open(p, &ReadOptions::default()).unwrap();
    let a = read(&xlsx);
    let notices = |d: &Dataset| -> Vec<String> {
        d.notices
            .iter()
            .map(|n| format!("{} {} {}", n.sheet, n.cell, n.message.en))
            .collect()
    };
    assert_eq!(a.notices.len(), 2, "{:?}", notices(&a));
    for ext in ["ods", "xls"] {
        let b = read(&convert(&xlsx, ext));
        assert_eq!(a.sheets, b.sheets, "{ext}");
        assert_eq!(a.names, b.names, "{ext}");
        assert_eq!(notices(&a), notices(&b), "{ext}");
    }
}

/// A formula saved without a result (as programs write them) reads as empty; the reader's
/// notice names the cell, and a helper that needs the value says to open and save the
/// workbook in Excel or LibreOffice.
#[test]
fn formula_without_saved_result_names_the_cell_and_the_cure() {
    let dir = tempdir();
    let wb = dir.path().join("cong-thuc.xlsx");
    write_department(&wb, None);
    // The same workbook with the document number as a formula that has no saved result.
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet().set_name("Thông tin").unwrap();
    ws.write_string(0, 0, "Tên tệp").unwrap();
    ws.write_string(0, 1, "bao-cao-iip").unwrap();
    ws.write_string(1, 0, "Số").unwrap();
    // What a script writes: the formula and no result.
    ws.set_formula_result_default("");
    ws.write_formula(1, 1, "=100+25").unwrap();
    ws.write_string(2, 0, "Ngày ban hành").unwrap();
    ws.write_string(2, 1, "05/11/2025").unwrap();
    ws.write_string(3, 0, "Người ký").unwrap();
    ws.write_string(3, 1, "Nguyễn Văn An").unwrap();
    ws.write_string(4, 0, "Tháng").unwrap();
    ws.write_number(4, 1, 10.0).unwrap();
    let ws = book.add_worksheet().set_name("IIP T10").unwrap();
    ws.write_string(0, 0, "STT").unwrap();
    ws.write_string(0, 1, "Tỉnh").unwrap();
    ws.write_number(1, 0, 1.0).unwrap();
    ws.write_string(1, 1, "Hà Nội").unwrap();
    book.save(&wb).unwrap();
    let tpl = department_template(dir.path(), "Số: {{num meta.so}}.");
    let out = dir.path().join("out");
    let o = vanban(&[
        "render",
        tpl.to_str().unwrap(),
        "-d",
        wb.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(4), "{err}");
    assert!(
        err.contains("cong-thuc.xlsx, sheet \"Thông tin\", cell B2 (the cell is a formula with no saved result"),
        "{err}"
    );
    let o = vanban(&[
        "--lang",
        "vi",
        "render",
        tpl.to_str().unwrap(),
        "-d",
        wb.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("ô B2 (ô này là công thức chưa có kết quả được lưu"),
        "{err}"
    );

    // The reader's notice, as `vanban fields` prints it.
    let o = vanban(&["fields", wb.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(
            "sheet \"Thông tin\", cell B2: the formula cell B2 has no saved result and reads as \
             empty; open the workbook in Excel or LibreOffice and save it"
        ),
        "{err}"
    );
}

/// Dates typed as text in a date column are read as dates (day first) with a notice; a date
/// that cannot exist stops with the cell named.
#[test]
fn dates_typed_as_text_in_a_date_column() {
    let dir = tempdir();
    let write = |path: &std::path::Path, second: &str| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet().set_name("Văn bản").unwrap();
        let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        ws.write_string(0, 0, "Số").unwrap();
        ws.write_string(0, 1, "Ngày ban hành").unwrap();
        ws.write_string(1, 0, "12/BC").unwrap();
        let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 10, 1).unwrap();
        ws.write_datetime_with_format(1, 1, &d, &date).unwrap();
        ws.write_string(2, 0, "13/BC").unwrap();
        ws.write_string(2, 1, second).unwrap();
        ws.write_string(3, 0, "14/BC").unwrap();
        ws.write_string(3, 1, "ngày 5 tháng 11 năm 2025").unwrap();
        wb.save(path).unwrap();
    };
    let good = dir.path().join("ngay.xlsx");
    write(&good, "7/10/2025");
    let o = vanban(&[
        "eval",
        "--data",
        good.to_str().unwrap(),
        "{{#each van_ban}}{{date ngay_ban_hanh}}; {{/each}}",
    ]);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr),
    );
    assert!(o.status.success(), "{err}");
    assert!(
        out.contains(
            "ngày 01 tháng 10 năm 2025; ngày 07 tháng 10 năm 2025; ngày 05 tháng 11 năm 2025;"
        ),
        "{out}"
    );
    assert!(
        err.contains(
            "cell B3: column B (\"Ngày ban hành\"): 2 dates typed as text were read as dates \
             (day first): B3 \"7/10/2025\" → 07/10/2025, B4 \"ngày 5 tháng 11 năm 2025\" → 05/11/2025"
        ),
        "{err}"
    );

    let bad = dir.path().join("sai-ngay.xlsx");
    write(&bad, "31/02/2025");
    let o = vanban(&["fields", bad.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(
        err.contains(
            "sai-ngay.xlsx, sheet \"Văn bản\", cell B3: \"31/02/2025\" is written as a date \
             (day/month/year) but no such day exists; correct the cell"
        ),
        "{err}"
    );
}

/// `rows = "raw"` keeps the totals and heading rows among the rows, as in the sheet; a
/// `numbers` setting other than "vi"/"en" and a `rows` other than "raw" are refused.
#[test]
fn raw_rows_and_number_style_settings() {
    let dir = tempdir();
    let wb = dir.path().join("iip.xlsx");
    write_department(&wb, None);
    let tpl = department_template(dir.path(), "x");
    let toml = tpl.join("template.toml");
    let text = std::fs::read_to_string(&toml).unwrap();
    let eval = |expr: &str| {
        let o = vanban(&[
            "eval",
            "-d",
            wb.to_str().unwrap(),
            "-t",
            tpl.to_str().unwrap(),
            expr,
        ]);
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    assert_eq!(eval("{{count iip}}").1.trim(), "4");

    std::fs::write(
        &toml,
        text.replace("sheet = \"IIP T10\"", "sheet = \"IIP T10\"\nrows = \"raw\""),
    )
    .unwrap();
    let (code, out, err) = eval("{{count iip}}");
    assert_eq!((code, out.trim()), (Some(0), "9"), "{err}");

    // English number style: "1.234" is 1.234 and "12.408,4" stays text.
    std::fs::write(
        &toml,
        text.replace(
            "sheet = \"IIP T10\"",
            "sheet = \"IIP T10\"\nnumbers = \"en\"",
        ),
    )
    .unwrap();
    let (code, out, err) = eval("{{#each iip}}{{gia_tri_sx_ty_dong}};{{/each}}");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(out.trim(), "1000.5;12.408,4;2000;1.234;", "{err}");
    assert!(err.contains("C10 \"1.234\" read the English way"), "{err}");

    std::fs::write(
        &toml,
        text.replace("sheet = \"IIP T10\"", "sheet = \"IIP T10\"\nrows = \"all\""),
    )
    .unwrap();
    let (code, _, err) = eval("{{count iip}}");
    assert_eq!(code, Some(4), "{err}");
    assert!(
        err.contains("data.iip.rows is \"all\"; it can only be \"raw\""),
        "{err}"
    );
    let o = vanban(&["check", tpl.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_ne!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("data.iip.rows is \"all\""), "{out}");
}

/// A damaged .xls on which the decoder panics (an arithmetic overflow in calamine, found by
/// the fuzz test) ends in the reader's located error, with no panic message for the clerk.
#[test]
fn a_decoder_panic_is_a_quiet_located_error() {
    let path = root().join("tests/fixtures/decoder-panic.xls");
    let o = vanban(&["fields", path.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(3), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains(
            "decoder-panic.xls\": it is not a valid Excel 97-2003 workbook (.xls) file (the \
             reader stopped on damaged content)"
        ),
        "{err}"
    );
}

/// A batch job making one document per row names each row's own cell when a helper cannot
/// use its value (the same bad text is in C6 and C10).
#[test]
fn batch_row_messages_name_the_rows_cell() {
    let dir = tempdir();
    let wb = dir.path().join("iip.xlsx");
    write_department(&wb, Some("không rõ"));
    department_template(dir.path(), "Giá trị: {{num row.gia_tri_sx_ty_dong 1}}.");
    let file = dir.path().join("batch.toml");
    std::fs::write(
        &file,
        "output = \"out\"\n\n[[job]]\nname = \"tinh\"\ntemplate = \"tpl\"\n\
         workbook = \"iip.xlsx\"\nrows = \"IIP T10\"\noutput = \"tinh-{{row.stt}}\"\n\
         formats = [\"docx\"]\n",
    )
    .unwrap();
    let o = vanban(&["batch", file.to_str().unwrap(), "--jobs", "1"]);
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert_ne!(o.status.code(), Some(0), "{text}");
    for cell in ["C6", "C10"] {
        assert!(
            text.contains(&format!(
                "iip.xlsx, sheet \"IIP T10\", cell {cell}: \"không rõ\" is not a number"
            )),
            "{cell}: {text}"
        );
    }
    assert!(!text.contains("cells C6, C10"), "{text}");
    // The reader's notes are printed once for the job: the "Cộng" of group I does not add up.
    assert!(
        text.contains("note: ")
            && text.contains("cell C7: the total says 13.408,9 but C5:C6 add up to 1.000,5"),
        "{text}"
    );
    // The other rows made their documents.
    assert!(dir.path().join("out/tinh-1.docx").exists(), "{text}");
}
