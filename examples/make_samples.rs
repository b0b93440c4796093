// Writes the committed sample workbooks:
// - `bao-cao-thang.xlsx`: the October 2025 monthly report data of Cục Công nghiệp địa phương
//   (Bộ Công Thương);
// - `legacy-fonts.xlsx`: an old-style workbook with text typed in the pre-Unicode fonts
//   (.VnTime, .VnTimeH, VNI-Times) next to Unicode cells, for the TCVN3/VNI repair.
//
//     cargo run --example make_samples -- <out_dir>
//
// The output is deterministic: numbers come from a fixed-seed generator, never from the clock.
// (Plain `//` comments: the tests `include!` this file, where inner doc comments are not allowed.)

use std::path::Path;

use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// The 34 provincial units since 1 July 2025, North to South:
/// (name, code, retail sales base in tỷ đồng, exports base in triệu USD).
const PROVINCES: [(&str, &str, f64, f64); 34] = [
    ("Hà Nội", "01", 68_500.0, 1_850.0),
    ("Tuyên Quang", "08", 3_100.0, 95.0),
    ("Cao Bằng", "04", 1_650.0, 45.0),
    ("Lào Cai", "10", 3_900.0, 210.0),
    ("Điện Biên", "11", 1_550.0, 8.5),
    ("Lai Châu", "12", 1_520.0, 5.2),
    ("Sơn La", "14", 2_600.0, 18.0),
    ("Thái Nguyên", "19", 5_200.0, 3_100.0),
    ("Lạng Sơn", "20", 2_300.0, 320.0),
    ("Quảng Ninh", "22", 9_800.0, 520.0),
    ("Phú Thọ", "25", 8_900.0, 1_650.0),
    ("Bắc Ninh", "27", 10_500.0, 6_200.0),
    ("Hưng Yên", "33", 7_800.0, 1_350.0),
    ("Hải Phòng", "31", 14_200.0, 3_400.0),
    ("Ninh Bình", "37", 8_100.0, 900.0),
    ("Thanh Hóa", "38", 12_500.0, 880.0),
    ("Nghệ An", "40", 9_600.0, 310.0),
    ("Hà Tĩnh", "42", 4_100.0, 260.0),
    ("Quảng Trị", "45", 4_600.0, 85.0),
    ("Huế", "46", 3_900.0, 110.0),
    ("Đà Nẵng", "48", 11_200.0, 280.0),
    ("Quảng Ngãi", "51", 6_900.0, 320.0),
    ("Gia Lai", "64", 7_400.0, 180.0),
    ("Đắk Lắk", "66", 8_200.0, 210.0),
    ("Khánh Hòa", "56", 7_300.0, 160.0),
    ("Lâm Đồng", "68", 9_100.0, 250.0),
    ("Đồng Nai", "75", 16_800.0, 2_900.0),
    ("Thành phố Hồ Chí Minh", "79", 89_500.0, 11_800.0),
    ("Tây Ninh", "72", 10_200.0, 1_450.0),
    ("Đồng Tháp", "87", 9_300.0, 380.0),
    ("Vĩnh Long", "86", 9_900.0, 450.0),
    ("An Giang", "89", 11_800.0, 520.0),
    ("Cần Thơ", "92", 10_700.0, 390.0),
    ("Cà Mau", "96", 6_200.0, 230.0),
];

/// IIP growth (tenths of a percent) fixed for some provinces so the sample always has declines
/// and an exact zero, whatever the generator gives.
const IIP_GROWTH_OVERRIDES: [(&str, i64); 4] = [
    ("Cao Bằng", -18),
    ("Điện Biên", -32),
    ("Lai Châu", -54),
    ("Hà Tĩnh", 0),
];

/// A tiny linear congruential generator with a fixed seed (deterministic output).
struct Lcg(u64);

impl Lcg {
    /// A whole number in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let span = (hi - lo + 1).max(1) as u64;
        lo + ((self.0 >> 33) % span) as i64
    }
}

/// Tenths to a float with one decimal, computed from integers so 96.8 is exactly `96.8`.
fn tenths(n: i64) -> f64 {
    n as f64 / 10.0
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = std::env::args()
        .nth(1)
        .ok_or("usage: cargo run --example make_samples -- <out_dir>")?;
    let out_dir = Path::new(&out_dir);
    std::fs::create_dir_all(out_dir)?;
    let path = out_dir.join("bao-cao-thang.xlsx");
    write_bao_cao_thang(&path)?;
    println!("wrote {}", path.display());
    let path = out_dir.join("legacy-fonts.xlsx");
    write_legacy_fonts(&path)?;
    println!("wrote {}", path.display());
    Ok(())
}

/// Writes the monthly report workbook to `path`.
pub fn write_bao_cao_thang(path: &Path) -> Result<(), XlsxError> {
    let mut workbook = Workbook::new();
    write_thong_tin(workbook.add_worksheet().set_name("Thông tin")?)?;
    write_tinh_thanh(workbook.add_worksheet().set_name("Tỉnh thành")?)?;
    // B9 is the "Tháng" row of the key–value sheet (row 1 is its heading).
    workbook.define_name("KyBaoCao", "='Thông tin'!$B$9")?;
    workbook.save(path)
}

enum Fact {
    Int(i64),
    Num(f64),
    Text(&'static str),
    Date(u16, u8, u8),
}

fn write_thong_tin(ws: &mut Worksheet) -> Result<(), XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7");
    let label = Format::new().set_border(FormatBorder::Thin);
    let text = Format::new().set_border(FormatBorder::Thin);
    let int = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0");
    let num = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.0");
    let date = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("dd/mm/yyyy")
        .set_align(FormatAlign::Left);

    ws.set_column_width(0, 34)?;
    ws.set_column_width(1, 34)?;
    ws.write_string_with_format(0, 0, "Trường", &head)?;
    ws.write_string_with_format(0, 1, "Giá trị", &head)?;

    let facts: [(&str, Fact); 23] = [
        ("Số", Fact::Int(45)),
        ("Ký hiệu", Fact::Text("BC-CNĐP")),
        ("Ngày ban hành", Fact::Date(2025, 11, 5)),
        ("Địa danh", Fact::Text("Hà Nội")),
        ("Cơ quan chủ quản", Fact::Text("BỘ CÔNG THƯƠNG")),
        ("Cơ quan ban hành", Fact::Text("CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG")),
        (
            "Cơ quan ban hành tên",
            Fact::Text("Cục Công nghiệp địa phương"),
        ),
        ("Tháng", Fact::Int(10)),
        ("Năm", Fact::Int(2025)),
        ("Kính gửi", Fact::Text("Bộ trưởng Bộ Công Thương")),
        ("Quyền hạn ký", Fact::Text("KT.")),
        ("Chức vụ người đứng đầu", Fact::Text("CỤC TRƯỞNG")),
        ("Chức vụ người ký", Fact::Text("PHÓ CỤC TRƯỞNG")),
        ("Người ký", Fact::Text("Trần Văn Thắng")),
        ("Đơn vị soạn thảo", Fact::Text("CNĐP")),
        ("IIP cả nước so cùng kỳ (%)", Fact::Num(9.2)),
        ("IIP tháng trước (%)", Fact::Num(1.3)),
        ("IIP lũy kế (%)", Fact::Num(8.9)),
        ("Bán lẻ cả nước (tỷ đồng)", Fact::Num(587_100.0)),
        ("Bán lẻ so cùng kỳ (%)", Fact::Num(10.8)),
        ("Xuất khẩu cả nước (triệu USD)", Fact::Num(42_000.5)),
        ("Xuất khẩu so cùng kỳ (%)", Fact::Num(17.5)),
        ("Nhập khẩu so cùng kỳ (%)", Fact::Num(-2.4)),
    ];
    for (i, (name, fact)) in facts.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string_with_format(row, 0, *name, &label)?;
        match fact {
            Fact::Int(n) => ws.write_number_with_format(row, 1, *n as f64, &int)?,
            Fact::Num(x) => ws.write_number_with_format(row, 1, *x, &num)?,
            Fact::Text(s) => ws.write_string_with_format(row, 1, *s, &text)?,
            Fact::Date(y, m, d) => {
                ws.write_datetime_with_format(row, 1, ExcelDateTime::from_ymd(*y, *m, *d)?, &date)?
            }
        };
    }
    Ok(())
}

fn write_tinh_thanh(ws: &mut Worksheet) -> Result<(), XlsxError> {
    let title = Format::new()
        .set_bold()
        .set_font_size(14)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let subtitle = Format::new().set_italic().set_align(FormatAlign::Center);
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_background_color("#DDEBF7")
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let center = Format::new()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let pct = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("0.0");
    let money = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.0");
    let note = Format::new().set_italic();
    let sign = Format::new().set_bold().set_align(FormatAlign::Center);
    let signer = Format::new().set_align(FormatAlign::Center);

    for (col, width) in [6.0, 6.0, 26.0, 12.0, 12.0, 16.0, 12.0, 16.0, 12.0]
        .into_iter()
        .enumerate()
    {
        ws.set_column_width(col as u16, width)?;
    }

    ws.merge_range(
        0,
        0,
        0,
        8,
        "SỐ LIỆU CÔNG NGHIỆP, THƯƠNG MẠI CÁC ĐỊA PHƯƠNG THÁNG 10 NĂM 2025",
        &title,
    )?;
    ws.set_row_height(0, 24)?;
    ws.merge_range(
        1,
        0,
        1,
        8,
        "(Số liệu ước tính; đơn vị ghi ở từng cột)",
        &subtitle,
    )?;

    // Row 4–5 (Excel): two-row header.
    ws.merge_range(3, 0, 4, 0, "STT", &head)?;
    ws.merge_range(3, 1, 4, 1, "Mã", &head)?;
    ws.merge_range(3, 2, 4, 2, "Tỉnh, thành phố", &head)?;
    ws.merge_range(3, 3, 3, 4, "Chỉ số sản xuất công nghiệp (IIP)", &head)?;
    ws.merge_range(3, 5, 3, 6, "Tổng mức bán lẻ hàng hóa", &head)?;
    ws.merge_range(3, 7, 3, 8, "Kim ngạch xuất khẩu", &head)?;
    let leaves = [
        "IIP (%)",
        "IIP so cùng kỳ (%)",
        "Bán lẻ (tỷ đồng)",
        "Bán lẻ so cùng kỳ (%)",
        "Xuất khẩu (triệu USD)",
        "Xuất khẩu so cùng kỳ (%)",
    ];
    for (i, text) in leaves.iter().enumerate() {
        ws.write_string_with_format(4, 3 + i as u16, *text, &head)?;
    }
    ws.set_row_height(3, 30)?;
    ws.set_row_height(4, 45)?;

    let mut rng = Lcg(20_251_031);
    for (i, (name, code, retail_base, export_base)) in PROVINCES.iter().enumerate() {
        let row = 5 + i as u32;
        // IIP: index vs the same month last year, and the growth it implies (index − 100).
        let generated = rng.range(-40, 250);
        let growth = IIP_GROWTH_OVERRIDES
            .iter()
            .find(|(n, _)| n == name)
            .map_or(generated, |&(_, g)| g);
        let retail = (retail_base * 10.0) as i64 + rng.range(-3_000, 3_000);
        let retail_growth = rng.range(-30, 200);
        let export = ((export_base * 10.0) as i64 + rng.range(-20, 20)).max(50);
        let export_growth = rng.range(-80, 350);

        ws.write_number_with_format(row, 0, (i + 1) as f64, &center)?;
        ws.write_string_with_format(row, 1, *code, &center)?;
        ws.write_string_with_format(row, 2, *name, &cell)?;
        ws.write_number_with_format(row, 3, tenths(1_000 + growth), &pct)?;
        ws.write_number_with_format(row, 4, tenths(growth), &pct)?;
        ws.write_number_with_format(row, 5, tenths(retail), &money)?;
        ws.write_number_with_format(row, 6, tenths(retail_growth), &pct)?;
        ws.write_number_with_format(row, 7, tenths(export), &money)?;
        ws.write_number_with_format(row, 8, tenths(export_growth), &pct)?;
    }

    // Below the table: a blank row, a note, then the signature block. None of this is data.
    let last_data = 5 + PROVINCES.len() as u32 - 1; // Excel row 39
    ws.merge_range(
        last_data + 2,
        0,
        last_data + 2,
        8,
        "Ghi chú: Số liệu tháng 10 là số ước tính.",
        &note,
    )?;
    ws.write_string_with_format(last_data + 4, 2, "NGƯỜI LẬP BIỂU", &sign)?;
    ws.write_string_with_format(last_data + 4, 7, "KT. CỤC TRƯỞNG", &sign)?;
    ws.write_string_with_format(last_data + 5, 7, "PHÓ CỤC TRƯỞNG", &sign)?;
    ws.write_string_with_format(last_data + 8, 2, "Nguyễn Thị Hương", &signer)?;
    ws.write_string_with_format(last_data + 8, 7, "Trần Văn Thắng", &signer)?;
    ws.set_freeze_panes(5, 3)?;
    ws.set_landscape();
    ws.set_paper_size(9); // A4
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}

// TCVN3 (ABC) text as Excel hands it over: the font's bytes as Windows-1252 characters
// (made with `iconv -t TCVN5712-1 | iconv -f WINDOWS-1252`). "ư" is byte AD, which
// Windows-1252 shows as a soft hyphen, hence the \u{AD}.
const T_TRUONG: &str = "Tr\u{AD}êng"; // Trường
const T_GIA_TRI: &str = "Gi¸ trÞ"; // Giá trị
const T_TIEU_DE: &str = "Tiªu ®Ò"; // Tiêu đề
const T_BAO_CAO: &str = "B¸o c¸o t×nh h×nh s¶n xuÊt quý III"; // Báo cáo tình hình sản xuất quý III
const T_DON_VI: &str = "§¬n vÞ b¸o c¸o"; // Đơn vị báo cáo
const T_SO_CONG_THUONG: &str = "Së C«ng Th\u{AD}¬ng tØnh NghÖ An"; // Sở Công Thương tỉnh Nghệ An
const T_NGUOI_LAP: &str = "Ng\u{AD}êi lËp biÓu"; // Người lập biểu
const T_NGUYEN_VAN_HUNG: &str = "NguyÔn V¨n Hïng"; // Nguyễn Văn Hùng
const T_TEN_DON_VI: &str = "tªn ®¬n vÞ"; // tên đơn vị (in .VnTimeH: TÊN ĐƠN VỊ)
const T_CHI_TIEU: &str = "chØ tiªu"; // chỉ tiêu (in .VnTimeH: CHỈ TIÊU)
const T_SO_LUONG: &str = "Sè l\u{AD}îng"; // Số lượng
const T_VINH: &str = "Thµnh phè Vinh"; // Thành phố Vinh
const T_DIEN_CHAU: &str = "HuyÖn DiÔn Ch©u"; // Huyện Diễn Châu
const T_CO_SO: &str = "C¬ së s¶n xuÊt"; // Cơ sở sản xuất
const T_KE_HOACH: &str = "Phßng KÕ ho¹ch"; // Phòng Kế hoạch

// VNI text the same way: a base letter followed by a mark character ("chaøo" is "chào").
const V_GHI_CHU: &str = "Ghi chuù"; // Ghi chú
const V_XIN_CHAO: &str = "Xin chaøo caùc baïn"; // Xin chào các bạn
const V_DAT: &str = "Ñaït keá hoaïch"; // Đạt kế hoạch
const V_VUOT: &str = "Vöôït keá hoaïch"; // Vượt kế hoạch

/// Writes the legacy-font workbook to `path`. Cells, by font:
/// - .VnTime (TCVN3): most labels and names;
/// - .VnTimeH (TCVN3, drawn as capitals): the table's header and one value;
/// - VNI-Times (VNI): "Ghi chú" and two notes;
/// - Arial / Times New Roman (Unicode fonts): Unicode text that must stay as it is, plus one
///   TCVN3 and one VNI text typed under a Unicode font (found by their characters only).
pub fn write_legacy_fonts(path: &Path) -> Result<(), XlsxError> {
    let vn = Format::new().set_font_name(".VnTime").set_font_size(13);
    let vn_h = Format::new()
        .set_font_name(".VnTimeH")
        .set_font_size(13)
        .set_bold();
    let vni = Format::new().set_font_name("VNI-Times").set_font_size(13);
    let uni = Format::new()
        .set_font_name("Times New Roman")
        .set_font_size(13);
    let arial = Format::new().set_font_name("Arial");
    let vn_date = Format::new()
        .set_font_name(".VnTime")
        .set_num_format("dd/mm/yyyy");

    let mut workbook = Workbook::new();
    let ws = workbook.add_worksheet().set_name("Thông tin")?;
    ws.set_column_width(0, 24)?;
    ws.set_column_width(1, 44)?;
    ws.write_string_with_format(0, 0, T_TRUONG, &vn)?; // A1
    ws.write_string_with_format(0, 1, T_GIA_TRI, &vn)?; // B1
    ws.write_string_with_format(1, 0, T_TIEU_DE, &vn)?; // A2
    ws.write_string_with_format(1, 1, T_BAO_CAO, &vn)?; // B2
    ws.write_string_with_format(2, 0, T_DON_VI, &vn)?; // A3
    ws.write_string_with_format(2, 1, T_SO_CONG_THUONG, &vn_h)?; // B3: SỞ CÔNG THƯƠNG …
    ws.write_string_with_format(3, 0, T_NGUOI_LAP, &vn)?; // A4
    ws.write_string_with_format(3, 1, T_NGUYEN_VAN_HUNG, &vn)?; // B4
    ws.write_string_with_format(4, 0, V_GHI_CHU, &vni)?; // A5
    ws.write_string_with_format(4, 1, V_XIN_CHAO, &vni)?; // B5
    ws.write_string_with_format(5, 0, "Ngày lập", &uni)?; // A6 (Unicode)
    ws.write_datetime_with_format(5, 1, ExcelDateTime::from_ymd(2025, 10, 5)?, &vn_date)?; // B6
    ws.write_string_with_format(6, 0, "Người duyệt", &uni)?; // A7 (Unicode)
    ws.write_string_with_format(6, 1, "Trần Thị Bích Ngọc", &uni)?; // B7 (Unicode)
    ws.write_string_with_format(7, 0, "Tiêu đề phụ", &uni)?; // A8 (Unicode)
    // B8: Unicode whose letters all lie in Latin-1, under a Unicode font: must stay.
    ws.write_string_with_format(7, 1, "Báo cáo", &arial)?;
    workbook.define_name("DonViBaoCao", "='Thông tin'!$B$3")?;

    let ws = workbook.add_worksheet().set_name("Dữ liệu")?;
    for (col, width) in [6.0, 24.0, 24.0, 12.0, 22.0, 14.0].into_iter().enumerate() {
        ws.set_column_width(col as u16, width)?;
    }
    ws.write_string_with_format(0, 0, "STT", &vn_h)?; // A1: ASCII capitals, unchanged
    ws.write_string_with_format(0, 1, T_TEN_DON_VI, &vn_h)?; // B1: TÊN ĐƠN VỊ
    ws.write_string_with_format(0, 2, T_CHI_TIEU, &vn_h)?; // C1: CHỈ TIÊU
    ws.write_string_with_format(0, 3, T_SO_LUONG, &vn)?; // D1: Số lượng
    ws.write_string_with_format(0, 4, V_GHI_CHU, &vni)?; // E1: Ghi chú
    ws.write_string_with_format(0, 5, "Đơn vị tính", &uni)?; // F1 (Unicode)
    let rows: [(&str, &Format, &str, &Format, f64, &str, &Format); 4] = [
        (T_VINH, &vn, T_CO_SO, &vn, 120.0, V_DAT, &vni),
        (T_DIEN_CHAU, &vn, T_CO_SO, &vn, 85.0, V_VUOT, &vni),
        // Unicode cells: untouched.
        (
            "Thành phố Hồ Chí Minh",
            &uni,
            "Cơ sở sản xuất",
            &uni,
            40.0,
            "Báo cáo",
            &arial,
        ),
        // Legacy text under a Unicode font: only its characters tell.
        (T_KE_HOACH, &arial, T_CO_SO, &vn, 12.0, V_XIN_CHAO, &arial),
    ];
    for (i, (name, name_f, what, what_f, n, note, note_f)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &vn)?;
        ws.write_string_with_format(r, 1, *name, name_f)?;
        ws.write_string_with_format(r, 2, *what, what_f)?;
        ws.write_number_with_format(r, 3, *n, &vn)?;
        ws.write_string_with_format(r, 4, *note, note_f)?;
        ws.write_string_with_format(r, 5, "cơ sở", &uni)?;
    }
    workbook.save(path)
}
