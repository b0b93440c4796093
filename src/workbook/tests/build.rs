//! Workbooks written for the tests.

use std::path::Path;

use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use unicode_normalization::UnicodeNormalization;

/// The "mixed" workbook: a table with title rows, a merged two-row header whose leaf texts
/// collide, every value type, an error cell, an empty row, notes and signatures below; a
/// key–value sheet; a single-cell and a range defined name.
///
/// `tests/fixtures/mixed.{xlsx,ods,xls}` were made from this (xlsx by the ignored test
/// `regenerate_fixture_xlsx`, the others by LibreOffice).
pub fn write_mixed(path: &Path) {
    let mut wb = Workbook::new();
    let head = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let datetime = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let time = Format::new().set_num_format("hh:mm");

    let ws = wb.add_worksheet().set_name("Dữ liệu").unwrap();
    ws.merge_range(0, 0, 0, 12, "BÁO CÁO THỬ NGHIỆM", &head)
        .unwrap();
    ws.write_string(1, 0, "(đơn vị: tỷ đồng)").unwrap();
    ws.merge_range(3, 0, 4, 0, "STT", &head).unwrap();
    ws.merge_range(3, 1, 4, 1, "Tên đơn vị", &head).unwrap();
    ws.merge_range(3, 2, 3, 3, "Sản xuất", &head).unwrap();
    ws.merge_range(3, 4, 3, 5, "Thương mại", &head).unwrap();
    ws.merge_range(3, 6, 4, 6, "Ngày báo cáo", &head).unwrap();
    ws.merge_range(3, 7, 4, 7, "Thời điểm", &head).unwrap();
    ws.merge_range(3, 8, 4, 8, "Đạt", &head).unwrap();
    ws.merge_range(3, 9, 4, 9, "Tổng", &head).unwrap();
    ws.merge_range(3, 10, 4, 10, "Ghi chú", &head).unwrap();
    ws.merge_range(3, 11, 4, 11, "Ghi chú", &head).unwrap();
    for (c, t) in [
        (2, "Tháng 10"),
        (3, "So cùng kỳ (%)"),
        (4, "Tháng 10"),
        (5, "So cùng kỳ (%)"),
    ] {
        ws.write_string_with_format(4, c, t, &head).unwrap();
    }

    // (row, stt, name, sx, sx growth (None = #DIV/0!), tm, tm growth, day, hour, ok, note)
    type DataRow = (
        u32,
        i32,
        &'static str,
        f64,
        Option<f64>,
        f64,
        f64,
        u8,
        u16,
        bool,
        &'static str,
    );
    let rows: [DataRow; 4] = [
        (
            5,
            1,
            "Công ty A",
            120.0,
            Some(5.5),
            80.25,
            -2.0,
            31,
            14,
            true,
            "mới",
        ),
        (
            6,
            2,
            "Công ty B",
            95.0,
            Some(0.0),
            60.5,
            3.1,
            30,
            9,
            false,
            "",
        ),
        (8, 3, "Công ty C", 70.0, None, 40.0, 1.0, 29, 8, true, ""),
        (
            9,
            4,
            "Công ty D",
            50.0,
            Some(2.5),
            30.0,
            2.0,
            28,
            16,
            true,
            "cũ",
        ),
    ];
    for (r, stt, name, sx, sx_g, tm, tm_g, day, hour, ok, note) in rows {
        ws.write_number(r, 0, stt).unwrap();
        // Written decomposed (NFD), as some Vietnamese input methods do.
        let nfd: String = name.nfd().collect();
        ws.write_string(r, 1, &nfd).unwrap();
        ws.write_number(r, 2, sx).unwrap();
        match sx_g {
            Some(g) => ws.write_number(r, 3, g).unwrap(),
            None => ws
                .write_formula(r, 3, Formula::new("=1/0").set_result("#DIV/0!"))
                .unwrap(),
        };
        ws.write_number(r, 4, tm).unwrap();
        ws.write_number(r, 5, tm_g).unwrap();
        let d = ExcelDateTime::from_ymd(2025, 10, day).unwrap();
        ws.write_datetime_with_format(r, 6, &d, &date).unwrap();
        let dt = ExcelDateTime::from_ymd(2025, 10, day)
            .unwrap()
            .and_hms(hour, 30, 0)
            .unwrap();
        ws.write_datetime_with_format(r, 7, &dt, &datetime).unwrap();
        ws.write_boolean(r, 8, ok).unwrap();
        let excel_row = r + 1;
        ws.write_formula(
            r,
            9,
            Formula::new(format!("=C{excel_row}+E{excel_row}")).set_result((sx + tm).to_string()),
        )
        .unwrap();
        if !note.is_empty() {
            ws.write_string(r, 10, note).unwrap();
        }
        // A column with values but no header.
        ws.write_number(r, 12, f64::from(stt) * 10.0).unwrap();
    }
    ws.merge_range(
        11,
        0,
        11,
        12,
        "Ghi chú: số liệu thử nghiệm.",
        &Format::new(),
    )
    .unwrap();
    ws.write_string(13, 1, "NGƯỜI LẬP").unwrap();
    ws.write_string(13, 7, "GIÁM ĐỐC").unwrap();

    let kv = wb.add_worksheet().set_name("Thông tin").unwrap();
    kv.write_string(0, 0, "Trường").unwrap();
    kv.write_string(0, 1, "Giá trị").unwrap();
    kv.write_string(1, 0, "Số").unwrap();
    kv.write_number(1, 1, 45).unwrap();
    kv.write_string(2, 0, "Ngày ban hành").unwrap();
    kv.write_datetime_with_format(2, 1, ExcelDateTime::from_ymd(2025, 11, 5).unwrap(), &date)
        .unwrap();
    kv.write_string(3, 0, "Người ký").unwrap();
    kv.write_string(3, 1, "  Trần Văn Thắng ").unwrap();
    kv.write_string(4, 0, "Giờ họp").unwrap();
    kv.write_datetime_with_format(4, 1, ExcelDateTime::from_hms(14, 30, 0).unwrap(), &time)
        .unwrap();
    kv.write_string(5, 0, "Tỷ lệ (%)").unwrap();
    kv.write_number(5, 1, 12.5).unwrap();
    kv.write_string(7, 0, "2025").unwrap();
    kv.write_string(7, 1, "năm kế hoạch").unwrap();

    wb.define_name("KyBaoCao", "='Thông tin'!$B$2").unwrap();
    wb.define_name("DanhSach", "='Dữ liệu'!$A$6:$B$10").unwrap();
    wb.save(path).unwrap();
}

/// A plain table: header in row 1, no title, no merges.
pub fn write_flat(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("Danh sách").unwrap();
    for (c, h) in ["Họ và tên", "Đơn vị", "", "Số năm"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let people = [("Nguyễn Văn A", "Phòng 1", 3), ("Lê Thị B", "Phòng 2", 12)];
    for (i, (n, u, y)) in people.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *n).unwrap();
        ws.write_string(r, 1, *u).unwrap();
        ws.write_string(r, 2, "x").unwrap();
        ws.write_number(r, 3, *y).unwrap();
    }
    wb.save(path).unwrap();
}
