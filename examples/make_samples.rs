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
    let path = out_dir.join("bien-ban-kiem-tra.xlsx");
    write_bien_ban_kiem_tra(&path)?;
    println!("wrote {}", path.display());
    let path = out_dir.join("to-trinh.xlsx");
    write_to_trinh(&path)?;
    println!("wrote {}", path.display());
    for (file, facts) in [
        ("cong-van.xlsx", CONG_VAN_FACTS),
        ("thong-bao.xlsx", THONG_BAO_FACTS),
        ("ke-hoach.xlsx", KE_HOACH_FACTS),
        ("quyet-dinh.xlsx", QUYET_DINH_FACTS),
    ] {
        let path = out_dir.join(file);
        write_facts_only(&path, facts)?;
        println!("wrote {}", path.display());
    }
    let path = out_dir.join("du-thao-thong-tu.xlsx");
    write_du_thao_thong_tu(&path)?;
    println!("wrote {}", path.display());
    for (file, period) in [
        ("bao-cao-dinh-ky-thang.xlsx", Period::Month),
        ("bao-cao-dinh-ky-quy.xlsx", Period::Quarter),
        ("bao-cao-dinh-ky-6-thang.xlsx", Period::HalfYear),
        ("bao-cao-dinh-ky-nam.xlsx", Period::Year),
    ] {
        let path = out_dir.join(file);
        write_bao_cao_dinh_ky(&path, period)?;
        println!("wrote {}", path.display());
    }
    Ok(())
}

/// The reporting period of a periodic report sample.
#[derive(Clone, Copy)]
pub enum Period {
    /// Tháng 10 năm 2025.
    Month,
    /// Quý III năm 2025.
    Quarter,
    /// 6 tháng đầu năm 2025.
    HalfYear,
    /// Năm 2024 (the annual report, issued in December).
    Year,
}

/// Writes a periodic report workbook (the `bao-cao-dinh-ky` template): the facts with the
/// period, the province table, and the indicator table of the appendix.
pub fn write_bao_cao_dinh_ky(path: &Path, period: Period) -> Result<(), XlsxError> {
    let (ky, so_ky, so, ngay, luy_ke): (&str, i64, i64, Fact, i64) = match period {
        Period::Month => ("thang", 10, 45, Fact::Date(2025, 11, 5), 10),
        Period::Quarter => ("quy", 3, 52, Fact::Date(2025, 10, 6), 9),
        Period::HalfYear => ("6thang", 6, 31, Fact::Date(2025, 6, 20), 6),
        Period::Year => ("nam", 0, 88, Fact::Date(2025, 12, 18), 12),
    };
    let facts = [
        ("Số", Fact::Int(so)),
        ("Ký hiệu", Fact::Text("BC-CNĐP")),
        ("Ngày ban hành", ngay),
        ("Địa danh", Fact::Text("Hà Nội")),
        ("Cơ quan chủ quản", Fact::Text("BỘ CÔNG THƯƠNG")),
        ("Cơ quan ban hành", Fact::Text("CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG")),
        (
            "Cơ quan ban hành tên",
            Fact::Text("Cục Công nghiệp địa phương"),
        ),
        ("Kỳ báo cáo", Fact::Text(ky)),
        ("Số kỳ", Fact::Int(so_ky)),
        ("Năm", Fact::Int(2025)),
        ("Số tháng lũy kế", Fact::Int(luy_ke)),
        ("Kính gửi", Fact::Text("Bộ trưởng Bộ Công Thương")),
        ("Quyền hạn ký", Fact::Text("KT.")),
        ("Chức vụ người đứng đầu", Fact::Text("CỤC TRƯỞNG")),
        ("Chức vụ người ký", Fact::Text("PHÓ CỤC TRƯỞNG")),
        ("Người ký", Fact::Text("Trần Văn Thắng")),
        ("Đơn vị soạn thảo", Fact::Text("CNĐP")),
        ("Số liệu ước tính", Fact::Text("có")),
        ("IIP so kỳ trước (%)", Fact::Num(1.3)),
        ("IIP so cùng kỳ (%)", Fact::Num(9.2)),
        ("IIP lũy kế (%)", Fact::Num(8.9)),
        ("Bán lẻ (tỷ đồng)", Fact::Num(587_100.0)),
        ("Bán lẻ so cùng kỳ (%)", Fact::Num(10.8)),
        ("Xuất khẩu (triệu USD)", Fact::Num(42_000.5)),
        ("Xuất khẩu so cùng kỳ (%)", Fact::Num(17.5)),
        ("Nhập khẩu (triệu USD)", Fact::Num(39_800.0)),
        ("Nhập khẩu so cùng kỳ (%)", Fact::Num(-2.4)),
        ("Đề án khuyến công", Fact::Int(126)),
        ("Kinh phí khuyến công (triệu đồng)", Fact::Num(98_500.0)),
        ("Tỷ lệ giải ngân (%)", Fact::Num(64.5)),
        ("Cụm công nghiệp", Fact::Int(1_284)),
        ("Tỷ lệ lấp đầy (%)", Fact::Num(67.3)),
    ];
    let mut workbook = new_workbook()?;
    write_facts(workbook.add_worksheet().set_name("Thông tin")?, &facts)?;
    write_tinh_thanh(workbook.add_worksheet().set_name("Tỉnh thành")?)?;
    write_chi_tieu(workbook.add_worksheet().set_name("Chỉ tiêu")?)?;
    workbook.save(path)
}

/// The indicator table of VN-FORMAT §3.2 (the report's appendix): one row per indicator,
/// with its unit, the previous and current period, the cumulative value and two
/// comparisons.
fn write_chi_tieu(ws: &mut Worksheet) -> Result<(), XlsxError> {
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let num = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.0");
    let headers = [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Kỳ trước",
        "Kỳ báo cáo",
        "Lũy kế",
        "So cùng kỳ (%)",
        "So kế hoạch năm (%)",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    // (STT, indicator, unit, previous, current, cumulative, vs last year, vs plan)
    type Indicator = (
        &'static str,
        &'static str,
        &'static str,
        f64,
        f64,
        f64,
        f64,
        f64,
    );
    let rows: [Indicator; 11] = [
        (
            "1",
            "Chỉ số sản xuất công nghiệp (IIP)",
            "%",
            107.8,
            109.2,
            108.9,
            109.2,
            98.1,
        ),
        ("1.1", "Khai khoáng", "%", 97.9, 98.4, 97.6, 98.4, 95.0),
        (
            "1.2",
            "Chế biến, chế tạo",
            "%",
            109.6,
            110.7,
            110.1,
            110.7,
            99.2,
        ),
        (
            "1.3",
            "Sản xuất và phân phối điện",
            "%",
            108.1,
            109.5,
            111.3,
            109.5,
            97.4,
        ),
        (
            "1.4",
            "Cung cấp nước, quản lý và xử lý rác thải, nước thải",
            "%",
            105.2,
            106.3,
            105.9,
            106.3,
            96.8,
        ),
        (
            "2",
            "Tổng mức bán lẻ hàng hóa và doanh thu dịch vụ tiêu dùng",
            "tỷ đồng",
            571_300.0,
            587_100.0,
            5_612_400.0,
            110.8,
            83.5,
        ),
        (
            "3",
            "Kim ngạch xuất khẩu",
            "triệu USD",
            40_150.0,
            42_000.5,
            391_200.0,
            117.5,
            86.9,
        ),
        (
            "4",
            "Kim ngạch nhập khẩu",
            "triệu USD",
            40_620.0,
            39_800.0,
            372_900.0,
            97.6,
            80.2,
        ),
        (
            "5",
            "Chỉ số giá tiêu dùng (CPI)",
            "%",
            103.1,
            103.3,
            103.2,
            103.3,
            0.0,
        ),
        (
            "6",
            "Kinh phí khuyến công quốc gia đã giải ngân",
            "triệu đồng",
            58_400.0,
            63_500.0,
            63_500.0,
            112.4,
            64.5,
        ),
        (
            "7",
            "Tỷ lệ lấp đầy cụm công nghiệp",
            "%",
            66.8,
            67.3,
            67.3,
            101.2,
            96.1,
        ),
    ];
    for (i, (stt, name, unit, prev, cur, cum, yoy, plan)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string_with_format(r, 0, *stt, &cell)?;
        ws.write_string_with_format(r, 1, *name, &cell)?;
        ws.write_string_with_format(r, 2, *unit, &cell)?;
        for (c, v) in [prev, cur, cum, yoy].iter().enumerate() {
            ws.write_number_with_format(r, 3 + c as u16, **v, &num)?;
        }
        // CPI has no annual plan: the cell stays empty.
        if *plan != 0.0 {
            ws.write_number_with_format(r, 7, *plan, &num)?;
        }
    }
    ws.set_column_width(1, 48)?;
    Ok(())
}

/// A workbook whose properties carry a fixed date, so the generator writes the same bytes
/// every time (rust_xlsxwriter would otherwise stamp the clock's time).
fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2025, 11, 1)?;
    workbook.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    Ok(workbook)
}

/// Writes the Tờ trình workbook (the `to-trinh` template): its facts and the projects
/// proposed.
pub fn write_to_trinh(path: &Path) -> Result<(), XlsxError> {
    let mut workbook = new_workbook()?;
    write_facts(
        workbook.add_worksheet().set_name("Thông tin")?,
        &TO_TRINH_FACTS,
    )?;
    let ws = workbook.add_worksheet().set_name("Đề án")?;
    let head = Format::new().set_bold().set_border(FormatBorder::Thin);
    let cell = Format::new().set_border(FormatBorder::Thin);
    let money = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.0");
    for (col, (name, width)) in [
        ("STT", 6.0),
        ("Tên đề án", 50.0),
        ("Đơn vị thực hiện", 30.0),
        ("Kinh phí (triệu đồng)", 16.0),
    ]
    .into_iter()
    .enumerate()
    {
        ws.set_column_width(col as u16, width)?;
        ws.write_string_with_format(0, col as u16, name, &head)?;
    }
    let rows: [(&str, &str, f64); 3] = [
        (
            "Hỗ trợ ứng dụng máy móc tiên tiến trong chế biến chè",
            "Trung tâm Khuyến công tỉnh Thái Nguyên",
            1_250.0,
        ),
        (
            "Xây dựng mô hình trình diễn kỹ thuật sản xuất gạch không nung",
            "Trung tâm Khuyến công tỉnh Nghệ An",
            980.5,
        ),
        (
            "Hỗ trợ phát triển sản phẩm công nghiệp nông thôn tiêu biểu",
            "Sở Công Thương tỉnh Đồng Tháp",
            640.0,
        ),
    ];
    for (i, (name, unit, money_value)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number_with_format(r, 0, f64::from(r), &cell)?;
        ws.write_string_with_format(r, 1, *name, &cell)?;
        ws.write_string_with_format(r, 2, *unit, &cell)?;
        ws.write_number_with_format(r, 3, *money_value, &money)?;
    }
    workbook.save(path)
}

/// The facts of the Tờ trình (sheet "Thông tin").
const TO_TRINH_FACTS: [(&str, Fact); 18] = [
    ("Số", Fact::Int(12)),
    ("Ký hiệu", Fact::Text("TTr-CNĐP")),
    ("Ngày ban hành", Fact::Date(2025, 11, 20)),
    ("Địa danh", Fact::Text("Hà Nội")),
    ("Cơ quan chủ quản", Fact::Text("BỘ CÔNG THƯƠNG")),
    ("Cơ quan ban hành", Fact::Text("CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG")),
    (
        "Cơ quan ban hành tên",
        Fact::Text("Cục Công nghiệp địa phương"),
    ),
    (
        "Trích yếu",
        Fact::Text("Về việc phê duyệt danh mục đề án khuyến công quốc gia năm 2026"),
    ),
    ("Năm", Fact::Int(2026)),
    ("Kính gửi", Fact::Text("Bộ trưởng Bộ Công Thương")),
    (
        "Căn cứ",
        Fact::Text(
            "Nghị định số 45/2012/NĐ-CP ngày 21 tháng 5 năm 2012 của Chính phủ về khuyến công",
        ),
    ),
    (
        "Sự cần thiết",
        Fact::Text(
            "Các đề án được lựa chọn từ đề xuất của các địa phương, đáp ứng tiêu chí của chương trình khuyến công quốc gia và phù hợp với dự toán được giao.",
        ),
    ),
    ("Quyền hạn ký", Fact::Text("KT.")),
    ("Chức vụ người đứng đầu", Fact::Text("CỤC TRƯỞNG")),
    ("Chức vụ người ký", Fact::Text("PHÓ CỤC TRƯỞNG")),
    ("Người ký", Fact::Text("Trần Văn Thắng")),
    ("Đơn vị soạn thảo", Fact::Text("CNĐP")),
    ("Ghi chú", Fact::Text("Mẫu khởi đầu cho một Tờ trình")),
];

/// Writes a starting point's workbook: one key–value sheet "Thông tin".
pub fn write_facts_only(path: &Path, facts: &[(&str, Fact)]) -> Result<(), XlsxError> {
    let mut workbook = new_workbook()?;
    write_facts(workbook.add_worksheet().set_name("Thông tin")?, facts)?;
    workbook.save(path)
}

/// The agency and signer every starting point shares.
macro_rules! agency_facts {
    ($so:expr, $ky_hieu:expr, $($rest:tt)*) => {
        &[
            ("Số", Fact::Int($so)),
            ("Ký hiệu", Fact::Text($ky_hieu)),
            ("Ngày ban hành", Fact::Date(2025, 11, 20)),
            ("Địa danh", Fact::Text("Hà Nội")),
            ("Cơ quan chủ quản", Fact::Text("BỘ CÔNG THƯƠNG")),
            ("Cơ quan ban hành", Fact::Text("CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG")),
            ("Cơ quan ban hành tên", Fact::Text("Cục Công nghiệp địa phương")),
            ("Đơn vị soạn thảo", Fact::Text("CNĐP")),
            $($rest)*
        ]
    };
}

const CONG_VAN_FACTS: &[(&str, Fact)] = agency_facts!(
    215,
    "CNĐP-KC",
    (
        "Trích yếu",
        Fact::Text("V/v báo cáo kết quả thực hiện đề án khuyến công năm 2025")
    ),
    (
        "Kính gửi",
        Fact::Text("Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương")
    ),
    (
        "Nội dung",
        Fact::Text(
            "Để tổng hợp kết quả thực hiện chương trình khuyến công quốc gia năm 2025, Cục Công nghiệp địa phương đề nghị Quý Sở báo cáo kết quả thực hiện các đề án trên địa bàn trước ngày 15 tháng 12 năm 2025."
        )
    ),
    ("Quyền hạn ký", Fact::Text("KT.")),
    ("Chức vụ người đứng đầu", Fact::Text("CỤC TRƯỞNG")),
    ("Chức vụ người ký", Fact::Text("PHÓ CỤC TRƯỞNG")),
    ("Người ký", Fact::Text("Trần Văn Thắng")),
);

const THONG_BAO_FACTS: &[(&str, Fact)] = agency_facts!(
    30,
    "TB-CNĐP",
    (
        "Trích yếu",
        Fact::Text("Kết luận của Cục trưởng tại cuộc họp giao ban tháng 11 năm 2025")
    ),
    (
        "Nội dung",
        Fact::Text(
            "Ngày 18 tháng 11 năm 2025, Cục trưởng Cục Công nghiệp địa phương chủ trì cuộc họp giao ban. Cục trưởng yêu cầu các phòng đẩy nhanh tiến độ thẩm định các đề án khuyến công năm 2026."
        )
    ),
    ("Nơi nhận", Fact::Text("Các phòng thuộc Cục")),
    ("Quyền hạn ký", Fact::Text("TL.")),
    ("Chức vụ người đứng đầu", Fact::Text("CỤC TRƯỞNG")),
    ("Chức vụ người ký", Fact::Text("CHÁNH VĂN PHÒNG")),
    ("Người ký", Fact::Text("Nguyễn Thị Hoa")),
);

const KE_HOACH_FACTS: &[(&str, Fact)] = agency_facts!(
    8,
    "KH-CNĐP",
    (
        "Trích yếu",
        Fact::Text("Kiểm tra tình hình thực hiện đề án khuyến công quốc gia năm 2026")
    ),
    (
        "Mục đích",
        Fact::Text(
            "Đánh giá tiến độ, chất lượng thực hiện các đề án; kịp thời tháo gỡ khó khăn cho các đơn vị thực hiện."
        )
    ),
    (
        "Nội dung",
        Fact::Text(
            "Kiểm tra hồ sơ, chứng từ và kết quả thực hiện của các đề án tại các địa phương trong quý II và quý III năm 2026."
        )
    ),
    (
        "Tổ chức thực hiện",
        Fact::Text(
            "Phòng Khuyến công chủ trì, phối hợp với Sở Công Thương các địa phương tổ chức thực hiện Kế hoạch này."
        )
    ),
    ("Nơi nhận", Fact::Text("Sở Công Thương các tỉnh, thành phố")),
    ("Quyền hạn ký", Fact::Text("")),
    ("Chức vụ người đứng đầu", Fact::Text("")),
    ("Chức vụ người ký", Fact::Text("CỤC TRƯỞNG")),
    ("Người ký", Fact::Text("Lê Minh Quang")),
);

const QUYET_DINH_FACTS: &[(&str, Fact)] = agency_facts!(
    125,
    "QĐ-CNĐP",
    (
        "Trích yếu",
        Fact::Text("Về việc thành lập Đoàn kiểm tra đề án khuyến công quốc gia năm 2026")
    ),
    (
        "Thẩm quyền ban hành",
        Fact::Text("Cục trưởng Cục Công nghiệp địa phương")
    ),
    (
        "Căn cứ",
        Fact::Text(
            "Nghị định số 45/2012/NĐ-CP ngày 21 tháng 5 năm 2012 của Chính phủ về khuyến công"
        )
    ),
    ("Đề nghị", Fact::Text("Trưởng phòng Khuyến công")),
    (
        "Điều 1",
        Fact::Text(
            "Thành lập Đoàn kiểm tra tình hình thực hiện đề án khuyến công quốc gia năm 2026."
        )
    ),
    (
        "Điều 3",
        Fact::Text(
            "Chánh Văn phòng, Trưởng phòng Khuyến công và các thành viên Đoàn kiểm tra chịu trách nhiệm thi hành Quyết định này"
        )
    ),
    ("Quyền hạn ký", Fact::Text("")),
    ("Chức vụ người đứng đầu", Fact::Text("")),
    ("Chức vụ người ký", Fact::Text("CỤC TRƯỞNG")),
    ("Người ký", Fact::Text("Lê Minh Quang")),
);

/// Writes the monthly report workbook to `path`.
pub fn write_bao_cao_thang(path: &Path) -> Result<(), XlsxError> {
    let mut workbook = new_workbook()?;
    write_thong_tin(workbook.add_worksheet().set_name("Thông tin")?)?;
    write_tinh_thanh(workbook.add_worksheet().set_name("Tỉnh thành")?)?;
    // B9 is the "Tháng" row of the key–value sheet (row 1 is its heading).
    workbook.define_name("KyBaoCao", "='Thông tin'!$B$9")?;
    workbook.save(path)
}

/// The facts of the monthly report (sheet "Thông tin").
const BAO_CAO_THANG_FACTS: [(&str, Fact); 23] = [
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

pub enum Fact {
    Int(i64),
    Num(f64),
    Text(&'static str),
    Date(u16, u8, u8),
}

fn write_thong_tin(ws: &mut Worksheet) -> Result<(), XlsxError> {
    write_facts(ws, &BAO_CAO_THANG_FACTS)
}

/// Writes a key–value sheet: "Trường | Giá trị", then one fact per row.
fn write_facts(ws: &mut Worksheet, facts: &[(&str, Fact)]) -> Result<(), XlsxError> {
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

/// Writes the draft amending circular workbook (templates `du-thao-thong-tu` and
/// `bang-so-sanh`): the draft's facts, its căn cứ lines, and the amendment sheet — one row
/// per amendment of Circular 46/2012/TT-BCT on industrial promotion, deliberately not in
/// the circular's order (vanban orders them). The amendment texts are illustrative.
pub fn write_du_thao_thong_tu(path: &Path) -> Result<(), XlsxError> {
    let facts = [
        ("Cơ quan ban hành", Fact::Text("BỘ CÔNG THƯƠNG")),
        ("Ký hiệu", Fact::Text("2025/TT-BCT")),
        ("Địa danh", Fact::Text("Hà Nội")),
        ("Năm", Fact::Int(2025)),
        ("Lần dự thảo", Fact::Text("DỰ THẢO 2")),
        ("Thông tư được sửa đổi", Fact::Text("46/2012/TT-BCT")),
        (
            "Tên gọi",
            Fact::Text(
                "Sửa đổi, bổ sung một số điều của Thông tư số 46/2012/TT-BCT ngày 28 tháng 12 \
                 năm 2012 của Bộ trưởng Bộ Công Thương quy định chi tiết một số nội dung của \
                 Nghị định số 45/2012/NĐ-CP ngày 21 tháng 5 năm 2012 của Chính phủ về khuyến công",
            ),
        ),
        (
            "Cơ quan đề nghị",
            Fact::Text("Cục trưởng Cục Công nghiệp địa phương"),
        ),
        ("Bộ trưởng", Fact::Text("Bộ trưởng Bộ Công Thương")),
        ("Quyền hạn ký", Fact::Text("KT.")),
        ("Chức vụ người đứng đầu", Fact::Text("BỘ TRƯỞNG")),
        ("Chức vụ người ký", Fact::Text("THỨ TRƯỞNG")),
        ("Người ký", Fact::Text("Phạm Minh Hòa")),
        ("Đơn vị soạn thảo", Fact::Text("CNĐP")),
    ];
    let can_cu = [
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15;",
        "Căn cứ Nghị định số 40/2025/NĐ-CP ngày 26 tháng 02 năm 2025 của Chính phủ quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Công Thương;",
        "Căn cứ Nghị định số 45/2012/NĐ-CP ngày 21 tháng 5 năm 2012 của Chính phủ về khuyến công, được sửa đổi, bổ sung bởi Nghị định số 235/2025/NĐ-CP ngày 27 tháng 8 năm 2025 của Chính phủ;",
    ];
    // (unit, action, current text, new text, rationale)
    let amendments: [(&str, &str, &str, &str, &str); 6] = [
        (
            "khoản 3 Điều 8",
            "Thay thế cụm từ",
            "Sở Công Thương",
            "cơ quan chuyên môn về công thương cấp tỉnh",
            "Phù hợp với mô hình chính quyền địa phương hai cấp từ ngày 01 tháng 7 năm 2025.",
        ),
        (
            "khoản 2 Điều 5",
            "Sửa đổi, bổ sung",
            "2. Mức hỗ trợ tối đa cho mỗi cơ sở công nghiệp nông thôn là 2.000.000 đồng/người tham gia đào tạo nghề.",
            "2. Mức hỗ trợ tối đa cho mỗi cơ sở công nghiệp nông thôn là 3.000.000 đồng/người tham gia đào tạo nghề, truyền nghề.",
            "Điều chỉnh mức hỗ trợ phù hợp với chi phí đào tạo thực tế và bổ sung hoạt động truyền nghề.",
        ),
        (
            "khoản 2 Điều 5",
            "Bổ sung",
            "",
            "Hỗ trợ cơ sở công nghiệp nông thôn ứng dụng chuyển đổi số trong quản lý sản xuất, kinh doanh.",
            "Thực hiện chủ trương đẩy mạnh chuyển đổi số trong doanh nghiệp nhỏ và vừa.",
        ),
        (
            "điểm c khoản 1 Điều 7",
            "Bãi bỏ",
            "c) Hỗ trợ thuê tư vấn lập hồ sơ đăng ký nhãn hiệu hàng hóa.",
            "",
            "Nội dung đã được quy định tại văn bản chuyên ngành về sở hữu trí tuệ.",
        ),
        (
            "Điều 5",
            "Bổ sung",
            "",
            "Điều 5a. Khuyến công xanh\nHỗ trợ cơ sở công nghiệp nông thôn áp dụng sản xuất sạch hơn, sử dụng năng lượng tiết kiệm và hiệu quả.",
            "Cụ thể hóa định hướng phát triển công nghiệp xanh tại Quyết định số 2646/QĐ-BCT.",
        ),
        (
            "điểm a khoản 1 Điều 7",
            "Sửa đổi, bổ sung",
            "a) Hỗ trợ tổ chức hội chợ, triển lãm hàng công nghiệp nông thôn tiêu biểu cấp khu vực.",
            "a) Hỗ trợ tổ chức hội chợ, triển lãm hàng công nghiệp nông thôn tiêu biểu cấp khu vực và cấp quốc gia, kể cả hình thức trực tuyến.",
            "Mở rộng hình thức xúc tiến thương mại trên môi trường số.",
        ),
    ];
    let mut workbook = new_workbook()?;
    write_facts(workbook.add_worksheet().set_name("Thông tin")?, &facts)?;

    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let ws = workbook.add_worksheet().set_name("Căn cứ")?;
    ws.write_string_with_format(0, 0, "Căn cứ", &head)?;
    ws.set_column_width(0, 120)?;
    for (i, line) in can_cu.iter().enumerate() {
        ws.write_string_with_format(i as u32 + 1, 0, *line, &cell)?;
    }

    let ws = workbook.add_worksheet().set_name("Sửa đổi")?;
    let headers = [
        "STT",
        "Đơn vị",
        "Hành động",
        "Quy định hiện hành",
        "Dự thảo",
        "Thuyết minh",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    for (c, w) in [5.0, 22.0, 16.0, 50.0, 50.0, 40.0].into_iter().enumerate() {
        ws.set_column_width(c as u16, w)?;
    }
    for (i, (unit, action, current, new, why)) in amendments.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number_with_format(r, 0, (i + 1) as f64, &cell)?;
        for (c, text) in [unit, action, current, new, why].iter().enumerate() {
            ws.write_string_with_format(r, 1 + c as u16, **text, &cell)?;
        }
    }
    workbook.save(path)
}

/// Writes the inspection minutes workbook (template `bien-ban-kiem-tra`, one document per
/// row of "Đề án"): the inspection's facts, the projects inspected, the people present
/// (joined to a project by its code; the team's members carry no code) and the results
/// per project. Names of people and places are illustrative.
pub fn write_bien_ban_kiem_tra(path: &Path) -> Result<(), XlsxError> {
    let facts = [
        ("Cơ quan chủ quản", Fact::Text("BỘ CÔNG THƯƠNG")),
        ("Cơ quan ban hành", Fact::Text("CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG")),
        (
            "Cơ quan ban hành tên",
            Fact::Text("Cục Công nghiệp địa phương"),
        ),
        ("Ký hiệu", Fact::Text("BB-CNĐP")),
        ("Năm kế hoạch", Fact::Int(2025)),
        (
            "Quyết định giao kế hoạch",
            Fact::Text(
                "Quyết định số 125/QĐ-BCT ngày 20 tháng 01 năm 2025 của Bộ trưởng Bộ Công Thương \
                 về việc giao kế hoạch và kinh phí khuyến công quốc gia năm 2025",
            ),
        ),
        (
            "Quyết định thành lập đoàn",
            Fact::Text(
                "Quyết định số 215/QĐ-CNĐP ngày 01 tháng 10 năm 2025 của Cục trưởng Cục Công \
                 nghiệp địa phương về việc thành lập Đoàn kiểm tra tình hình thực hiện đề án \
                 khuyến công quốc gia năm 2025",
            ),
        ),
    ];
    // (số, mã, tên đề án, đơn vị thực hiện, đơn vị thụ hưởng, địa điểm, ngày, giờ bắt đầu,
    //  giờ kết thúc, kết luận, kiến nghị, số bản)
    #[allow(clippy::type_complexity)]
    type Project = (
        i64,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        (u16, u8, u8),
        &'static str,
        &'static str,
        &'static str,
        &'static str,
        i64,
    );
    let projects: [Project; 5] = [
        (
            31,
            "KCQG-2025/07",
            "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong chế biến chè",
            "Trung tâm Khuyến công tỉnh Thái Nguyên",
            "Hợp tác xã chè Tân Cương",
            "xã Tân Cương, tỉnh Thái Nguyên",
            (2025, 10, 15),
            "08:30",
            "11:15",
            "Đề án được triển khai đúng nội dung, tiến độ; máy móc thiết bị đã lắp đặt, vận hành ổn định.",
            "Hoàn thiện hồ sơ quyết toán trước ngày 30 tháng 11 năm 2025.",
            3,
        ),
        (
            32,
            "KCQG-2025/12",
            "Đào tạo nghề và truyền nghề mây tre đan xuất khẩu",
            "Trung tâm Khuyến công tỉnh Ninh Bình",
            "Cơ sở mây tre đan Phú Vinh",
            "xã Phú Nghĩa, Thành phố Hà Nội",
            (2025, 10, 16),
            "14:00",
            "16:30",
            "Đã tổ chức 02/03 lớp đào tạo theo đề án; lớp thứ ba dự kiến hoàn thành trong tháng 11.",
            "Đẩy nhanh tiến độ lớp đào tạo thứ ba; bổ sung danh sách học viên có chữ ký.",
            3,
        ),
        (
            33,
            "KCQG-2025/19",
            "Xây dựng mô hình trình diễn kỹ thuật sản xuất gốm sứ tiết kiệm năng lượng",
            "Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Vĩnh Long",
            "Công ty TNHH Gốm Đỏ Mang Thít",
            "xã Mỹ An, tỉnh Vĩnh Long",
            (2025, 10, 21),
            "09:00",
            "11:30",
            "Mô hình trình diễn đã hoàn thành, hiệu quả tiết kiệm năng lượng đạt yêu cầu của đề án.",
            "Tổ chức hội thảo nhân rộng mô hình cho các cơ sở trong vùng.",
            2,
        ),
        (
            34,
            "KCQG-2025/23",
            "Hỗ trợ tham gia hội chợ hàng công nghiệp nông thôn tiêu biểu khu vực miền Trung",
            "Trung tâm Khuyến công thành phố Đà Nẵng",
            "Hợp tác xã thủ công mỹ nghệ Non Nước",
            "phường Ngũ Hành Sơn, thành phố Đà Nẵng",
            (2025, 10, 23),
            "08:00",
            "10:00",
            "Các nội dung hỗ trợ đã thực hiện đầy đủ; chứng từ thanh toán hợp lệ.",
            "Không có kiến nghị bổ sung.",
            2,
        ),
        (
            35,
            "KCQG-2025/28",
            "Hỗ trợ chuyển đổi số trong quản lý sản xuất cho cơ sở chế biến nông sản",
            "Trung tâm Khuyến công tỉnh Lâm Đồng",
            "Công ty cổ phần Nông sản Cầu Đất",
            "xã Xuân Trường, tỉnh Lâm Đồng",
            (2025, 10, 28),
            "13:30",
            "16:00",
            "Phần mềm quản lý đã triển khai; còn thiếu biên bản nghiệm thu từng hạng mục.",
            "Bổ sung biên bản nghiệm thu; báo cáo kết quả về Cục trước ngày 15 tháng 11 năm 2025.",
            3,
        ),
    ];
    let mut workbook = new_workbook()?;
    write_facts(workbook.add_worksheet().set_name("Thông tin")?, &facts)?;

    let head = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_text_wrap();
    let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
    let date = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("dd/mm/yyyy");
    let num = Format::new()
        .set_border(FormatBorder::Thin)
        .set_num_format("#,##0.0");

    let ws = workbook.add_worksheet().set_name("Đề án")?;
    let headers = [
        "Số biên bản",
        "Mã đề án",
        "Tên đề án",
        "Đơn vị thực hiện",
        "Đơn vị thụ hưởng",
        "Địa điểm",
        "Ngày kiểm tra",
        "Giờ bắt đầu",
        "Giờ kết thúc",
        "Kết luận",
        "Kiến nghị",
        "Số bản",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    for (i, p) in projects.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number_with_format(r, 0, p.0 as f64, &cell)?;
        for (c, t) in [p.1, p.2, p.3, p.4, p.5].iter().enumerate() {
            ws.write_string_with_format(r, 1 + c as u16, *t, &cell)?;
        }
        let (y, m, d) = p.6;
        ws.write_datetime_with_format(r, 6, ExcelDateTime::from_ymd(y, m, d)?, &date)?;
        ws.write_string_with_format(r, 7, p.7, &cell)?;
        ws.write_string_with_format(r, 8, p.8, &cell)?;
        ws.write_string_with_format(r, 9, p.9, &cell)?;
        ws.write_string_with_format(r, 10, p.10, &cell)?;
        ws.write_number_with_format(r, 11, p.11 as f64, &cell)?;
    }

    // The people present: the team (no code) and each project's units.
    let ws = workbook.add_worksheet().set_name("Thành phần")?;
    for (c, h) in [
        "Mã đề án",
        "Bên",
        "Danh xưng",
        "Họ và tên",
        "Chức vụ",
        "Vai trò",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    let mut people: Vec<(&str, &str, &str, &str, &str)> = vec![
        (
            "",
            "Đoàn kiểm tra",
            "Ông Lê Quang Huy",
            "Phó Trưởng phòng Khuyến công",
            "Trưởng đoàn",
        ),
        (
            "",
            "Đoàn kiểm tra",
            "Bà Đặng Thu Trang",
            "Chuyên viên chính",
            "Thành viên",
        ),
        (
            "",
            "Đoàn kiểm tra",
            "Ông Vũ Đức Long",
            "Chuyên viên",
            "Thư ký",
        ),
    ];
    let units = [
        ("KCQG-2025/07", "Ông Hoàng Văn Dũng", "Bà Ngô Thị Lan"),
        ("KCQG-2025/12", "Bà Trịnh Thị Mai", "Ông Đỗ Văn Phú"),
        ("KCQG-2025/19", "Ông Trương Minh Tâm", "Ông Huỳnh Văn Lợi"),
        ("KCQG-2025/23", "Bà Phan Thị Hoa", "Bà Lý Thị Ngọc"),
        ("KCQG-2025/28", "Ông Bùi Quang Vinh", "Ông Đinh Công Sơn"),
    ];
    for (code, executor, beneficiary) in units {
        people.push((
            code,
            "Đơn vị thực hiện",
            executor,
            "Giám đốc Trung tâm",
            "Đại diện",
        ));
        people.push((
            code,
            "Đơn vị thụ hưởng",
            beneficiary,
            "Chủ cơ sở",
            "Đại diện",
        ));
    }
    for (i, row) in people.iter().enumerate() {
        let r = i as u32 + 1;
        // "Ông Lê Quang Huy" → "Ông" | "Lê Quang Huy": lists print both, signatures the name.
        let (title, name) = row.2.split_once(' ').unwrap_or(("", row.2));
        for (c, t) in [row.0, row.1, title, name, row.3, row.4].iter().enumerate() {
            ws.write_string_with_format(r, c as u16, *t, &cell)?;
        }
    }

    // Results: what the approved project planned and what was done.
    let ws = workbook.add_worksheet().set_name("Kết quả")?;
    for (c, h) in [
        "Mã đề án",
        "Nội dung",
        "Đơn vị tính",
        "Theo đề án",
        "Thực hiện",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &head)?;
    }
    let mut rng = Lcg(20_251_015);
    let mut r = 1;
    for (code, ..) in units {
        for (item, unit, planned) in [
            ("Kinh phí khuyến công quốc gia hỗ trợ", "triệu đồng", 500.0),
            ("Vốn đối ứng của cơ sở", "triệu đồng", 1_200.0),
            ("Khối lượng công việc", "hạng mục", 4.0),
        ] {
            let done = (planned * (70 + rng.range(0, 30)) as f64 / 100.0).round();
            ws.write_string_with_format(r, 0, code, &cell)?;
            ws.write_string_with_format(r, 1, item, &cell)?;
            ws.write_string_with_format(r, 2, unit, &cell)?;
            ws.write_number_with_format(r, 3, planned, &num)?;
            ws.write_number_with_format(r, 4, done, &num)?;
            r += 1;
        }
    }
    workbook.save(path)
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

    let mut workbook = new_workbook()?;
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
