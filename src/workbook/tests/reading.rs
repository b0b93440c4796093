//! Reading real files: the mixed workbook in every format, header options, key–value sheets.

use chrono::NaiveDate;

use super::super::*;
use super::build::{write_flat, write_mixed};
use super::{Scratch, fixture};

const MIXED_KEYS: [&str; 13] = [
    "stt",
    "ten_don_vi",
    "san_xuat_thang_10",
    "san_xuat_so_cung_ky",
    "thuong_mai_thang_10",
    "thuong_mai_so_cung_ky",
    "ngay_bao_cao",
    "thoi_diem",
    "dat",
    "tong",
    "ghi_chu",
    "ghi_chu_2",
    "col_m",
];

fn table<'a>(ds: &'a Dataset, sheet: &str) -> &'a Table {
    match &ds.sheet(sheet).expect("sheet").data {
        SheetData::Table(t) => t,
        SheetData::KeyValue(_) => panic!("{sheet} read as key-value"),
    }
}

fn entries<'a>(ds: &'a Dataset, sheet: &str) -> &'a [Entry] {
    match &ds.sheet(sheet).expect("sheet").data {
        SheetData::KeyValue(e) => e,
        SheetData::Table(_) => panic!("{sheet} read as a table"),
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The checks every format of the mixed workbook must pass. `ods` marks LibreOffice's ODS, which
/// stores booleans as numbers.
fn check_mixed(ds: &Dataset, ods: bool) {
    let t = table(ds, "Dữ liệu");
    assert_eq!(t.header_row, 5);
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, MIXED_KEYS);
    assert_eq!(t.columns[0].header, "STT");
    assert_eq!(t.columns[3].header, "Sản xuất / So cùng kỳ (%)");
    assert_eq!(t.columns[12].col, 12);

    // The empty row 8 is skipped; the note (row 12) and signatures (row 14) are not data.
    let rows: Vec<u32> = t.rows.iter().map(|r| r.excel_row).collect();
    assert_eq!(rows, [6, 7, 9, 10]);

    assert_eq!(t.value(0, "stt"), Some(&Value::Int(1)));
    // Written as NFD, read back as NFC.
    assert_eq!(
        t.value(0, "ten_don_vi"),
        Some(&Value::Text("Công ty A".into()))
    );
    assert_eq!(t.value(0, "san_xuat_thang_10"), Some(&Value::Int(120)));
    assert_eq!(t.value(0, "san_xuat_so_cung_ky"), Some(&Value::Float(5.5)));
    assert_eq!(t.value(1, "san_xuat_so_cung_ky"), Some(&Value::Int(0)));
    assert_eq!(
        t.value(0, "thuong_mai_thang_10"),
        Some(&Value::Float(80.25))
    );
    assert_eq!(t.value(0, "thuong_mai_so_cung_ky"), Some(&Value::Int(-2)));
    assert_eq!(
        t.value(0, "ngay_bao_cao"),
        Some(&Value::Date(date(2025, 10, 31)))
    );
    assert_eq!(
        t.value(0, "thoi_diem"),
        Some(&Value::DateTime(
            date(2025, 10, 31).and_hms_opt(14, 30, 0).unwrap()
        ))
    );
    let yes = if ods {
        Value::Int(1)
    } else {
        Value::Bool(true)
    };
    let no = if ods {
        Value::Int(0)
    } else {
        Value::Bool(false)
    };
    assert_eq!(t.value(0, "dat"), Some(&yes));
    assert_eq!(t.value(1, "dat"), Some(&no));
    // Formula cells give their cached value.
    assert_eq!(t.value(0, "tong"), Some(&Value::Float(200.25)));
    assert_eq!(t.value(2, "tong"), Some(&Value::Int(110)));
    assert_eq!(t.value(0, "ghi_chu"), Some(&Value::Text("mới".into())));
    assert_eq!(t.value(1, "ghi_chu"), Some(&Value::Empty));
    assert_eq!(t.value(3, "col_m"), Some(&Value::Int(40)));

    // The error cell stays an error, with its address.
    assert_eq!(
        t.value(2, "san_xuat_so_cung_ky"),
        Some(&Value::Error("#DIV/0!".into()))
    );
    let errors = ds.error_cells();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].sheet, "Dữ liệu");
    assert_eq!(errors[0].cell.to_string(), "D9");
    assert_eq!(errors[0].key, "san_xuat_so_cung_ky");
    assert_eq!(errors[0].code, "#DIV/0!");

    let kv = entries(ds, "thong_tin");
    let pairs: Vec<(&str, &Value)> = kv.iter().map(|e| (e.key.as_str(), &e.value)).collect();
    assert_eq!(
        pairs,
        [
            ("so", &Value::Int(45)),
            ("ngay_ban_hanh", &Value::Date(date(2025, 11, 5))),
            ("nguoi_ky", &Value::Text("Trần Văn Thắng".into())),
            ("gio_hop", &Value::Time("14:30:00".into())),
            ("ty_le", &Value::Float(12.5)),
            ("c2025", &Value::Text("năm kế hoạch".into())),
        ]
    );
    assert_eq!(kv[0].cell.to_string(), "B2");
    assert_eq!(kv[0].label, "Số");

    // The single-cell name is a value; the range name is ignored.
    assert_eq!(ds.names.len(), 1, "{:?}", ds.names);
    assert_eq!(ds.name("ky_bao_cao"), Some(&Value::Int(45)));
    assert_eq!(ds.names[0].cell.to_string(), "B2");
    assert_eq!(ds.names[0].sheet, "Thông tin");

    let json = t.to_json();
    assert_eq!(json[0]["ngay_bao_cao"], "2025-10-31");
    assert_eq!(json[0]["thoi_diem"], "2025-10-31T14:30:00");
    assert_eq!(json[0]["stt"], 1);
    assert!(json[2]["san_xuat_so_cung_ky"].is_null());
    let object = json[0].as_object().unwrap();
    let json_keys: Vec<&str> = object.keys().map(String::as_str).collect();
    let mut sorted = MIXED_KEYS.to_vec();
    sorted.sort_unstable();
    let mut got = json_keys.clone();
    got.sort_unstable();
    assert_eq!(got, sorted);
}

#[test]
fn mixed_xlsx_written_now() {
    let dir = Scratch::new();
    let path = dir.path("mixed.xlsx");
    write_mixed(&path);
    let ds = Dataset::open(&path, &ReadOptions::default()).unwrap();
    check_mixed(&ds, false);
}

#[test]
fn mixed_xlsx_fixture() {
    let ds = Dataset::open(&fixture("mixed.xlsx"), &ReadOptions::default()).unwrap();
    check_mixed(&ds, false);
}

/// LibreOffice's ODS: no merge information (the fallbacks give the same keys), dates as ISO
/// text, the error as the text "#DIV/0!", booleans as 1/0.
#[test]
fn mixed_ods_fixture() {
    let ds = Dataset::open(&fixture("mixed.ods"), &ReadOptions::default()).unwrap();
    check_mixed(&ds, true);
}

/// LibreOffice's BIFF8 .xls: integers arrive as Int, names without quotes.
#[test]
fn mixed_xls_fixture() {
    let ds = Dataset::open(&fixture("mixed.xls"), &ReadOptions::default()).unwrap();
    check_mixed(&ds, false);
}

/// Writes `tests/fixtures/mixed.xlsx`; the .ods and .xls are converted from it with
/// `soffice --headless --convert-to ods|xls`. Run with `cargo test -- --ignored`.
#[test]
#[ignore]
fn regenerate_fixture_xlsx() {
    write_mixed(&fixture("mixed.xlsx"));
}

fn opts(sheet: &str, so: SheetOptions) -> ReadOptions {
    ReadOptions {
        sheets: [(sheet.to_string(), so)].into_iter().collect(),
        ..ReadOptions::default()
    }
}

#[test]
fn explicit_header_row_gives_the_same_table() {
    let dir = Scratch::new();
    let path = dir.path("mixed.xlsx");
    write_mixed(&path);
    let auto = Dataset::open(&path, &ReadOptions::default()).unwrap();
    let so = SheetOptions {
        header_row: Some(5),
        ..SheetOptions::default()
    };
    let given = Dataset::open(&path, &opts("Dữ liệu", so)).unwrap();
    assert_eq!(table(&auto, "Dữ liệu"), table(&given, "Dữ liệu"));
    // The sheet may also be named by its key.
    let by_key = Dataset::open(&path, &opts("du_lieu", so)).unwrap();
    assert_eq!(table(&auto, "Dữ liệu"), table(&by_key, "Dữ liệu"));
}

#[test]
fn explicit_last_row() {
    let dir = Scratch::new();
    let path = dir.path("mixed.xlsx");
    write_mixed(&path);
    let so = SheetOptions {
        last_row: Some(7),
        ..SheetOptions::default()
    };
    let ds = Dataset::open(&path, &opts("Dữ liệu", so)).unwrap();
    let rows: Vec<u32> = table(&ds, "Dữ liệu")
        .rows
        .iter()
        .map(|r| r.excel_row)
        .collect();
    assert_eq!(rows, [6, 7]);
    assert!(ds.error_cells().is_empty());
}

#[test]
fn flat_table_and_empty_header() {
    let dir = Scratch::new();
    let path = dir.path("flat.xlsx");
    write_flat(&path);
    let ds = Dataset::open(&path, &ReadOptions::default()).unwrap();
    let t = table(&ds, "danh_sach");
    assert_eq!(t.header_row, 1);
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["ho_va_ten", "don_vi", "col_c", "so_nam"]);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.value(1, "so_nam"), Some(&Value::Int(12)));
}

#[test]
fn kinds_can_be_forced() {
    let dir = Scratch::new();
    let path = dir.path("flat.xlsx");
    write_flat(&path);
    let so = SheetOptions {
        kind: Some(SheetKind::KeyValue),
        header_row: Some(1),
        ..SheetOptions::default()
    };
    let ds = Dataset::open(&path, &opts("Danh sách", so)).unwrap();
    let kv = entries(&ds, "Danh sách");
    assert_eq!(kv.len(), 2);
    assert_eq!(kv[0].key, "nguyen_van_a");
    assert_eq!(kv[0].value, Value::Text("Phòng 1".into()));
    assert_eq!(kv[0].cell.to_string(), "B2");

    let path = dir.path("mixed.xlsx");
    write_mixed(&path);
    let so = SheetOptions {
        kind: Some(SheetKind::Table),
        ..SheetOptions::default()
    };
    let ds = Dataset::open(&path, &opts("Thông tin", so)).unwrap();
    let t = table(&ds, "Thông tin");
    let keys: Vec<&str> = t.columns.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(keys, ["truong", "gia_tri"]);
}

#[test]
fn fields_describe_columns_entries_and_names() {
    let dir = Scratch::new();
    let path = dir.path("mixed.xlsx");
    write_mixed(&path);
    let ds = Dataset::open(&path, &ReadOptions::default()).unwrap();
    let fields = ds.fields();
    let find = |key: &str| fields.iter().find(|f| f.key == key).expect(key);
    let f = find("san_xuat_so_cung_ky");
    assert_eq!(f.type_name, ValueType::Number);
    assert_eq!(f.sample, "5.5");
    assert_eq!(f.cell.map(|c| c.to_string()).as_deref(), Some("D6"));
    assert_eq!(find("stt").type_name, ValueType::Integer);
    assert_eq!(find("ngay_bao_cao").type_name, ValueType::Date);
    assert_eq!(find("ngay_bao_cao").sample, "31/10/2025");
    assert_eq!(find("ghi_chu_2").type_name, ValueType::Empty);
    assert_eq!(find("gio_hop").type_name, ValueType::Time);
    let name = find("ky_bao_cao");
    assert_eq!(name.sheet, None);
    assert_eq!(name.header, "KyBaoCao");
}

/// A column holding only numbers typed as text (pasted from a PDF) is read as numbers when
/// at least one is a formatted number; a column of plain digit strings (codes) stays text.
#[test]
fn column_of_text_numbers_only() {
    let dir = super::Scratch::new();
    let path = dir.path("chu-so.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Số liệu").unwrap();
    for (c, h) in ["Tỉnh", "Giá trị", "Mã"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (name, v, code)) in [("Hà Nội", "1.000,5", "101"), ("Huế", "12.408,4", "102")]
        .iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *name).unwrap();
        ws.write_string(r, 1, *v).unwrap();
        ws.write_string(r, 2, *code).unwrap();
    }
    wb.save(&path).unwrap();
    let ds = Dataset::open(&path, &ReadOptions::default()).unwrap();
    let SheetData::Table(t) = &ds.sheets[0].data else {
        panic!("a table")
    };
    assert_eq!(t.value(0, "gia_tri"), Some(&Value::Float(1000.5)));
    assert_eq!(t.value(1, "gia_tri"), Some(&Value::Float(12408.4)));
    assert_eq!(t.value(0, "ma"), Some(&Value::Text("101".into())));
    assert_eq!(ds.notices.len(), 1, "{:?}", ds.notices);
    assert!(
        ds.notices[0]
            .to_string()
            .contains("column B (\"Giá trị\"): 2 numbers typed as text were read as numbers"),
        "{}",
        ds.notices[0]
    );
}
