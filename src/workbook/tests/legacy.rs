//! Text typed in the old TCVN3/VNI fonts: the sample workbook of `examples/make_samples.rs`
//! (cells in .VnTime, .VnTimeH, VNI-Times and Unicode fonts) read in every mode.

use serde_json::{Value as Json, json};

use super::super::*;
use super::Scratch;
use super::sample::generator;

fn read(mode: LegacyMode) -> Dataset {
    let dir = Scratch::new();
    let path = dir.path("legacy-fonts.xlsx");
    generator::write_legacy_fonts(&path).unwrap();
    let opts = ReadOptions {
        legacy: mode,
        ..ReadOptions::default()
    };
    Dataset::open(&path, &opts).unwrap()
}

fn sheet(ds: &Dataset, name: &str) -> Json {
    ds.sheet(name).unwrap().data.to_json()
}

/// (sheet, cell) of every notice.
fn places(ds: &Dataset) -> Vec<(String, String)> {
    ds.notices
        .iter()
        .map(|n| (n.sheet.clone(), n.cell.to_string()))
        .collect()
}

const INFO: &str = "Thông tin";
const DATA: &str = "Dữ liệu";

#[test]
fn auto_repairs_by_font_and_by_pattern_with_one_notice_per_cell() {
    let ds = read(LegacyMode::Auto);
    let expected: Vec<(String, String)> = [
        (INFO, "A1"),
        (INFO, "B1"),
        (INFO, "A2"),
        (INFO, "B2"),
        (INFO, "A3"),
        (INFO, "B3"),
        (INFO, "A4"),
        (INFO, "B4"),
        (INFO, "A5"),
        (INFO, "B5"),
        (DATA, "B1"),
        (DATA, "C1"),
        (DATA, "D1"),
        (DATA, "E1"),
        (DATA, "B2"),
        (DATA, "C2"),
        (DATA, "E2"),
        (DATA, "B3"),
        (DATA, "C3"),
        (DATA, "E3"),
        (DATA, "B5"),
        (DATA, "C5"),
        (DATA, "E5"),
    ]
    .iter()
    .map(|(s, c)| (s.to_string(), c.to_string()))
    .collect();
    assert_eq!(places(&ds), expected);

    // The key–value sheet is recognised after its "Trường | Giá trị" heading is repaired,
    // and its labels become keys only after repair.
    assert_eq!(
        sheet(&ds, INFO),
        json!({
            "tieu_de": "Báo cáo tình hình sản xuất quý III",
            "don_vi_bao_cao": "SỞ CÔNG THƯƠNG TỈNH NGHỆ AN",
            "nguoi_lap_bieu": "Nguyễn Văn Hùng",
            "ghi_chu": "Xin chào các bạn",
            "ngay_lap": "2025-10-05",
            "nguoi_duyet": "Trần Thị Bích Ngọc",
            "tieu_de_phu": "Báo cáo",
        })
    );
    let SheetData::Table(t) = &ds.sheet(DATA).unwrap().data else {
        panic!("Dữ liệu is a table")
    };
    let headers: Vec<&str> = t.columns.iter().map(|c| c.header.as_str()).collect();
    assert_eq!(
        headers,
        [
            "STT",
            "TÊN ĐƠN VỊ",
            "CHỈ TIÊU",
            "Số lượng",
            "Ghi chú",
            "Đơn vị tính"
        ]
    );
    assert_eq!(
        sheet(&ds, DATA),
        json!([
            {"stt": 1, "ten_don_vi": "Thành phố Vinh", "chi_tieu": "Cơ sở sản xuất",
             "so_luong": 120, "ghi_chu": "Đạt kế hoạch", "don_vi_tinh": "cơ sở"},
            {"stt": 2, "ten_don_vi": "Huyện Diễn Châu", "chi_tieu": "Cơ sở sản xuất",
             "so_luong": 85, "ghi_chu": "Vượt kế hoạch", "don_vi_tinh": "cơ sở"},
            {"stt": 3, "ten_don_vi": "Thành phố Hồ Chí Minh", "chi_tieu": "Cơ sở sản xuất",
             "so_luong": 40, "ghi_chu": "Báo cáo", "don_vi_tinh": "cơ sở"},
            {"stt": 4, "ten_don_vi": "Phòng Kế hoạch", "chi_tieu": "Cơ sở sản xuất",
             "so_luong": 12, "ghi_chu": "Xin chào các bạn", "don_vi_tinh": "cơ sở"},
        ])
    );
    // A defined name reads the repaired cell.
    assert_eq!(
        ds.name("don_vi_bao_cao"),
        Some(&Value::Text("SỞ CÔNG THƯƠNG TỈNH NGHỆ AN".into()))
    );
}

#[test]
fn notices_say_what_was_done_and_why() {
    let ds = read(LegacyMode::Auto);
    let msg = |sheet: &str, cell: &str| {
        ds.notices
            .iter()
            .find(|n| n.sheet == sheet && n.cell.to_string() == cell)
            .map(|n| n.to_string())
            .unwrap_or_default()
    };
    let b2 = msg(INFO, "B2");
    assert!(b2.ends_with(
        "sheet \"Thông tin\", cell B2: text in TCVN3 (font .VnTime) converted to Unicode: \
         \"B¸o c¸o t×nh h×nh s¶n xuÊt quý III\" → \"Báo cáo tình hình sản xuất quý III\""
    ));
    assert!(b2.contains("legacy-fonts.xlsx"), "{b2}");
    assert!(msg(INFO, "B3").contains("(font .VnTimeH, which prints capitals)"));
    assert!(msg(INFO, "B5").contains("text in VNI (font VNI-Times)"));
    assert!(msg(DATA, "B5").contains("text in TCVN3 (recognised from its characters)"));
    assert!(msg(DATA, "E5").contains("text in VNI (recognised from its characters)"));
    // The soft hyphen that stands for "ư" is shown, not hidden.
    assert!(msg(INFO, "A1").contains(r#""Tr\u{ad}êng" → "Trường""#));
}

#[test]
fn notices_in_vietnamese() {
    use crate::i18n::{Bilingual, Lang};
    let ds = read(LegacyMode::Auto);
    let vi = |sheet: &str, cell: &str| {
        let n = ds
            .notices
            .iter()
            .find(|n| n.sheet == sheet && n.cell.to_string() == cell)
            .expect("a notice for the cell");
        assert_ne!(n.message(Lang::Vi), n.message(Lang::En));
        assert_eq!(n.message(Lang::En), n.to_string());
        n.message(Lang::Vi)
    };
    let b2 = vi(INFO, "B2");
    assert!(b2.contains("legacy-fonts.xlsx"), "{b2}");
    assert!(
        b2.ends_with(
            "sheet \"Thông tin\", ô B2: chữ gõ bằng phông TCVN3 (phông .VnTime) đã được \
             chuyển sang Unicode: \"B¸o c¸o t×nh h×nh s¶n xuÊt quý III\" → \
             \"Báo cáo tình hình sản xuất quý III\""
        ),
        "{b2}"
    );
    assert!(vi(INFO, "B3").contains("(phông .VnTimeH, phông in chữ hoa)"));
    assert!(vi(INFO, "B5").contains("chữ gõ bằng phông VNI (phông VNI-Times)"));
    assert!(vi(DATA, "B5").contains("phông TCVN3 (nhận ra từ các ký tự của chữ)"));
    let forced = read(LegacyMode::Tcvn3);
    assert!(forced.notices.iter().any(|n| {
        n.message
            .vi
            .starts_with("chữ gõ bằng phông TCVN3 (legacy = \"tcvn3\")")
    }));
}

#[test]
fn off_leaves_the_legacy_text_as_it_is() {
    let ds = read(LegacyMode::Off);
    assert!(ds.notices.is_empty());
    let SheetData::Table(t) = &ds.sheet(DATA).unwrap().data else {
        panic!("Dữ liệu is a table")
    };
    assert_eq!(t.columns[1].header, "tªn ®¬n vÞ");
    assert_eq!(
        t.value(0, &t.columns[1].key),
        Some(&Value::Text("Thµnh phè Vinh".into()))
    );
    // Unrepaired, the heading "Tr­êng | Gi¸ trÞ" is not recognised as a heading; the sheet
    // still looks like a list of facts (labels beside values of several kinds), so the
    // heading is read as its first entry, in the legacy bytes.
    let info = ds.sheet(INFO).unwrap();
    let SheetData::KeyValue(info) = &info.data else {
        panic!("the facts sheet is recognised without its heading")
    };
    assert_eq!(info[0].label, "Tr\u{AD}êng");
}

#[test]
fn forced_modes_convert_every_text_but_unicode() {
    let ds = read(LegacyMode::Tcvn3);
    let data = sheet(&ds, DATA);
    // TCVN3 typed under a Unicode font, which `auto` finds by pattern, is converted; so is a
    // VNI cell (into nonsense: forcing is for workbooks typed in one encoding).
    assert_eq!(data[3]["ten_don_vi"], "Phòng Kế hoạch");
    assert_eq!(data[0]["ten_don_vi"], "Thành phố Vinh");
    assert_ne!(data[0]["ghi_chu"], "Ñaït keá hoaïch");
    // Text with a character only Unicode has is never touched.
    assert_eq!(data[2]["ten_don_vi"], "Thành phố Hồ Chí Minh");
    assert_eq!(data[0]["don_vi_tinh"], "cơ sở");
    assert_eq!(sheet(&ds, INFO)["nguoi_duyet"], "Trần Thị Bích Ngọc");
    // The "H" font still gives capitals.
    assert_eq!(
        sheet(&ds, INFO)["don_vi_bao_cao"],
        "SỞ CÔNG THƯƠNG TỈNH NGHỆ AN"
    );
    assert!(ds.notices.iter().any(|n| {
        n.message
            .en
            .starts_with("text in TCVN3 (legacy = \"tcvn3\")")
    }));
    assert!(ds.notices.iter().all(|n| !n.message.en.contains("Ngọc")));

    // Forced VNI garbles the TCVN3 headers, so look at the values only.
    let ds = read(LegacyMode::Vni);
    let data = sheet(&ds, DATA).to_string();
    for text in [
        "Đạt kế hoạch",
        "Vượt kế hoạch",
        "Xin chào các bạn",
        "Thành phố Hồ Chí Minh",
    ] {
        assert!(data.contains(text), "{text} in {data}");
    }
}

#[test]
fn unicode_cells_are_never_touched_in_any_mode() {
    for mode in [
        LegacyMode::Off,
        LegacyMode::Auto,
        LegacyMode::Tcvn3,
        LegacyMode::Vni,
    ] {
        // Where a forced mode garbles headers the keys change, so look at the values only.
        let ds = read(mode);
        let info = sheet(&ds, INFO).to_string();
        assert!(info.contains("\"Trần Thị Bích Ngọc\""), "{mode:?}");
        assert!(info.contains("\"Người duyệt\"") || info.contains("nguoi_duyet"));
        let data = sheet(&ds, DATA).to_string();
        assert!(data.contains("\"Thành phố Hồ Chí Minh\""), "{mode:?}");
        assert!(data.contains("\"cơ sở\""), "{mode:?}");
        for n in &ds.notices {
            assert!(!n.message.en.contains("Hồ Chí Minh"), "{mode:?}: {n}");
            assert!(!n.message.en.contains("cơ sở\""), "{mode:?}: {n}");
        }
    }
    // Unicode whose letters all lie in Latin-1 ("Báo cáo") is left alone unless forced.
    let ds = read(LegacyMode::Auto);
    assert_eq!(sheet(&ds, INFO)["tieu_de_phu"], "Báo cáo");
    assert_eq!(sheet(&ds, DATA)[2]["ghi_chu"], "Báo cáo");
}

#[test]
fn committed_sample_matches_the_generator() {
    let committed = Dataset::open(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/legacy-fonts.xlsx"),
        &ReadOptions::default(),
    )
    .unwrap();
    let fresh = read(LegacyMode::Auto);
    assert_eq!(committed.sheets, fresh.sheets);
    assert_eq!(places(&committed), places(&fresh));
}

#[test]
fn where_and_find_match_keys_across_tone_placement() {
    // Keys are diacritic-free, so only values need canonical tone placement: `where`
    // compares "Hoà" and "Hòa" as equal (vi::match_key).
    let rows = json!({"rows": [{"ten": "Khánh Hòa"}, {"ten": "Thanh Hoá"}]});
    let out = crate::template::helpers::eval(
        r#"{{#each (where rows "ten" "Khánh Hoà")}}{{ten}}{{/each}}|{{#with (find rows "ten" "Thanh Hóa")}}{{ten}}{{/with}}"#,
        &rows,
    )
    .unwrap();
    assert_eq!(out, "Khánh Hòa|Thanh Hoá");
    assert_eq!(key_of("Khánh Hoà"), key_of("Khánh Hòa"));
}
