//! End-to-end tests: build a `Document`, write it, unzip the bytes and read the XML back.
//!
//! Set `VANBAN_DOCX_OUT=/some/dir` to also keep the sample files (for looking at them in
//! LibreOffice or Word).

use std::io::{Cursor, Read};

use crate::document::*;

use crate::layout::{Form, Layout};

/// Writes `doc` as the renderer does: with a picture for each of its charts (a test
/// picture of the sample's size, so the assertions below know its bytes).
fn write(doc: &Document) -> Result<Vec<u8>, super::DocxError> {
    super::write(doc, &chart_pictures(doc))
}

/// One picture per chart of `doc`, in reading order.
fn chart_pictures(doc: &Document) -> Vec<ChartImage> {
    fn count(blocks: &[Block]) -> usize {
        blocks
            .iter()
            .map(|b| match b {
                Block::Chart(_) => 1,
                Block::List { items, .. } => items.iter().map(|i| count(i)).sum(),
                _ => 0,
            })
            .sum()
    }
    let n = count(&doc.body) + doc.appendices.iter().map(|a| count(&a.body)).sum::<usize>();
    (0..n).map(|_| sample_chart_image()).collect()
}

/// The number line and kind of `doc`'s header, after a test changed its words.
fn reprint(doc: &mut Document) {
    let h = &mut doc.header;
    h.number_line = crate::layout::number_line(h.number.as_deref(), &h.symbol);
    h.kind = crate::layout::header_kind(&h.doc_type, &h.summary);
    doc.layout = Layout::new(doc.layout.form, doc.sizes);
}

/// Tests of the elements of the three document families: signatures, appendices, draft
/// mark, tracked changes, charts.
mod families;

fn text(s: &str) -> Inline {
    Inline::Text { text: s.into() }
}

fn strong(s: &str) -> Inline {
    Inline::Strong {
        content: vec![text(s)],
    }
}

fn emph(s: &str) -> Inline {
    Inline::Emph {
        content: vec![text(s)],
    }
}

fn para(content: Vec<Inline>) -> Block {
    Block::Paragraph { content }
}

fn heading(level: u8, s: &str) -> Block {
    Block::Heading {
        level,
        content: vec![text(s)],
    }
}

fn cell(col: usize, colspan: usize, rowspan: usize, align: Align, s: &str) -> Cell {
    Cell {
        col,
        colspan,
        rowspan,
        align,
        content: vec![text(s)],
    }
}

/// Production table: a two-row header where "STT" and "Địa phương" span both rows and
/// "Giá trị sản xuất (tỷ đồng)" spans two columns; a totals row.
fn sample_table() -> Table {
    let c = Align::Center;
    let r = Align::Right;
    let l = Align::Left;
    let body_row = |n: &str, name: &str, a: &str, b: &str, d: &str| Row {
        cells: vec![
            cell(0, 1, 1, c, n),
            cell(1, 1, 1, l, name),
            cell(2, 1, 1, r, a),
            cell(3, 1, 1, r, b),
            cell(4, 1, 1, r, d),
        ],
    };
    Table {
        columns: vec![c, l, r, r, r],
        widths: vec![0.6, 3.0, 1.5, 1.5, 1.4],
        header: vec![
            Row {
                cells: vec![
                    cell(0, 1, 2, c, "STT"),
                    cell(1, 1, 2, c, "Địa phương"),
                    cell(2, 2, 1, c, "Giá trị sản xuất (tỷ đồng)"),
                    cell(4, 1, 2, c, "Tăng/giảm (%)"),
                ],
            },
            Row {
                cells: vec![
                    cell(2, 1, 1, c, "Tháng 10/2025"),
                    cell(3, 1, 1, c, "Tháng 10/2024"),
                ],
            },
        ],
        body: vec![
            body_row("1", "Hà Nội", "45.210,5", "41.002,3", "10,3"),
            body_row("2", "Thành phố Hồ Chí Minh", "61.874,0", "58.120,7", "6,5"),
            body_row("3", "Đà Nẵng", "7.412,8", "7.630,1", "-2,8"),
        ],
        totals: vec![Row {
            cells: vec![
                cell(0, 2, 1, c, "Tổng cộng"),
                cell(2, 1, 1, r, "114.497,3"),
                cell(3, 1, 1, r, "106.753,1"),
                cell(4, 1, 1, r, "7,3"),
            ],
        }],
    }
}

fn sample() -> Document {
    let mut body = vec![
        heading(2, "I. TÌNH HÌNH SẢN XUẤT CÔNG NGHIỆP"),
        heading(3, "1. Chỉ số sản xuất công nghiệp"),
        para(vec![
            text("Chỉ số sản xuất toàn ngành công nghiệp (IIP) tháng 10 năm 2025 "),
            strong("ước tăng 9,2%"),
            text(" so với cùng kỳ năm trước; trong đó ngành chế biến, chế tạo "),
            emph("tăng 10,1%"),
            text(", ngành sản xuất và phân phối điện tăng 7,4%."),
        ]),
        heading(4, "a) Các địa phương có mức tăng cao"),
        Block::List {
            ordered: false,
            start: 1,
            items: vec![
                vec![para(vec![text("Bắc Ninh tăng 24,5%;")])],
                vec![para(vec![text("Hải Phòng tăng 18,7%;")])],
                vec![para(vec![text("Thanh Hóa tăng 15,2%.")])],
            ],
        },
        Block::Centered {
            content: vec![emph(
                "Bảng 1. Giá trị sản xuất công nghiệp một số địa phương",
            )],
        },
        Block::Table(sample_table()),
        para(vec![
            text("Đề nghị điều chỉnh mức hỗ trợ từ "),
            deleted("500 triệu đồng"),
            inserted("01 tỷ đồng"),
            text(" cho mỗi đề án khuyến công."),
        ]),
        Block::Chart(sample_chart()),
        heading(2, "II. NHIỆM VỤ TRỌNG TÂM THÁNG 11 NĂM 2025"),
        Block::List {
            ordered: true,
            start: 1,
            items: vec![
                vec![para(vec![text(
                    "Theo dõi sát tình hình sản xuất công nghiệp tại các địa phương.",
                )])],
                vec![para(vec![
                    text("Phối hợp với "),
                    Inline::Strong {
                        content: vec![emph("Sở Công Thương")],
                    },
                    text(" các tỉnh tháo gỡ khó khăn cho doanh nghiệp./."),
                ])],
            ],
        },
    ];
    // Enough body to reach a second page, so the page number shows.
    for i in 0..6 {
        body.insert(
            3,
            para(vec![text(&format!(
                "Đoạn phân tích số {}: tiêu thụ sản phẩm công nghiệp chế biến, chế tạo \
                 tiếp tục phục hồi; chỉ số tồn kho giảm so với cùng thời điểm năm trước, \
                 cho thấy nhu cầu thị trường trong nước và xuất khẩu được cải thiện rõ rệt.",
                i + 1
            ))]),
        );
    }
    Document {
        sizes: SizeSet::Small,
        page: PageSetup::default(),
        header: Header {
            kind: HeaderKind::Titled,
            number_line: "Số: 45/BC-CNĐP".into(),
            parent_agency: "BỘ CÔNG THƯƠNG".into(),
            agency: "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG".into(),
            number: Some("45".into()),
            symbol: "BC-CNĐP".into(),
            place: "Hà Nội".into(),
            date: Some(Date {
                year: 2025,
                month: 11,
                day: 5,
            }),
            place_date: "Hà Nội, ngày 05 tháng 11 năm 2025".into(),
            doc_type: "BÁO CÁO".into(),
            summary:
                "Tình hình phát triển công nghiệp, thương mại các địa phương tháng 10 năm 2025"
                    .into(),
            draft: None,
            agency_only: false,
        },
        addressees: vec!["Bộ trưởng Bộ Công Thương.".into()],
        body,
        recipients: vec![
            "- Như trên;".into(),
            "- Thứ trưởng Nguyễn Văn A (để b/c);".into(),
            "- Lưu: VT, CNĐP.".into(),
        ],
        signatures: vec![Signature {
            lines: vec!["KT. CỤC TRƯỞNG".into(), "PHÓ CỤC TRƯỞNG".into()],
            hint: String::new(),
            name: "Trần Văn Thắng".into(),
        }],
        appendices: vec![sample_appendix()],
        meta: Meta {
            title: "BÁO CÁO Tình hình phát triển công nghiệp".into(),
            author: "Cục Công nghiệp địa phương".into(),
            revision_date: "2025-11-05T00:00:00Z".into(),
        },
        layout: Layout::new(Form::Nd30, SizeSet::Small),
    }
}

fn inserted(s: &str) -> Inline {
    Inline::Insert {
        content: vec![text(s)],
    }
}

fn deleted(s: &str) -> Inline {
    Inline::Delete {
        content: vec![text(s)],
    }
}

/// Growth by province, with a picture of it.
fn sample_chart() -> Chart {
    let bars = [("Bắc Ninh", 24.5), ("Hải Phòng", 18.7), ("Đà Nẵng", -2.8)];
    Chart {
        title: "Biểu đồ 1. Tốc độ tăng IIP một số địa phương (%)".into(),
        unit: "%".into(),
        bars: bars
            .iter()
            .map(|(label, value)| Bar {
                label: (*label).into(),
                value: *value,
                display: format!("{value:.1}").replace('.', ","),
            })
            .collect(),
    }
}

/// The test picture of the sample chart: 120 × 45 mm.
fn sample_chart_image() -> ChartImage {
    ChartImage {
        png: bar_png(&[24.5, 18.7, -2.8]),
        width_mm: 120.0,
        height_mm: 45.0,
    }
}

/// A landscape appendix with an eight-column indicator table.
fn sample_appendix() -> Appendix {
    let c = Align::Center;
    let r = Align::Right;
    let headers = [
        "STT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Thực hiện tháng 10/2024",
        "Ước thực hiện tháng 10/2025",
        "Lũy kế 10 tháng 2025",
        "So với cùng kỳ (%)",
        "Ghi chú",
    ];
    let row = |i: usize| Row {
        cells: (0..8)
            .map(|col| {
                let s = match col {
                    0 => (i + 1).to_string(),
                    1 => format!("Chỉ tiêu công nghiệp số {}", i + 1),
                    2 => "tỷ đồng".to_string(),
                    7 => String::new(),
                    _ => format!("{}.{:03},{}", 10 + i, 7 * i % 1000, col),
                };
                cell(col, 1, 1, if col == 1 { Align::Left } else { r }, &s)
            })
            .collect(),
    };
    Appendix {
        label: "Phụ lục".into(),
        title: "MỘT SỐ CHỈ TIÊU PHÁT TRIỂN CÔNG NGHIỆP, THƯƠNG MẠI".into(),
        note: "(Kèm theo Báo cáo số 45/BC-CNĐP ngày 05 tháng 11 năm 2025)".into(),
        landscape: true,
        body: vec![Block::Table(Table {
            columns: vec![c, Align::Left, c, r, r, r, r, Align::Left],
            widths: vec![0.5, 3.0, 1.0, 1.4, 1.4, 1.4, 1.2, 1.0],
            header: vec![Row {
                cells: headers
                    .iter()
                    .enumerate()
                    .map(|(i, h)| cell(i, 1, 1, c, h))
                    .collect(),
            }],
            body: (0..4).map(row).collect(),
            totals: Vec::new(),
        })],
    }
}

/// A grey-scale PNG of horizontal bars, one per value (a stand-in for the renderer's
/// chart picture), encoded here with stored (uncompressed) deflate blocks.
fn bar_png(values: &[f64]) -> Vec<u8> {
    let (width, row_h) = (480u32, 40u32);
    let height = row_h * values.len().max(1) as u32;
    let max = values.iter().fold(1.0f64, |m, v| m.max(v.abs()));
    let zero = 160u32;
    let mut raw = Vec::new();
    for y in 0..height {
        raw.push(0); // filter: none
        let v = values.get((y / row_h) as usize).copied().unwrap_or(0.0);
        let len = (v.abs() / max * f64::from(width - zero - 20)) as u32;
        let (from, to) = if v >= 0.0 {
            (zero, zero + len)
        } else {
            (zero.saturating_sub(len), zero)
        };
        let in_bar = y % row_h > 8 && y % row_h < row_h - 8;
        for x in 0..width {
            let grey = if x == zero {
                0
            } else if in_bar && x >= from && x < to {
                if v >= 0.0 { 70 } else { 150 }
            } else {
                255
            };
            raw.push(grey);
        }
    }
    png_grey(width, height, &raw)
}

/// A valid 8-bit grey-scale PNG around already filtered scanlines.
pub(super) fn png_grey(width: u32, height: u32, scanlines: &[u8]) -> Vec<u8> {
    fn crc32(bytes: &[u8]) -> u32 {
        let mut c = 0xFFFF_FFFFu32;
        for &b in bytes {
            c ^= u32::from(b);
            for _ in 0..8 {
                c = if c & 1 == 1 {
                    0xEDB8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        !c
    }
    fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
        out.extend_from_slice(&(data.len() as u32).to_be_bytes());
        let mut body = kind.to_vec();
        body.extend_from_slice(data);
        out.extend_from_slice(&body);
        out.extend_from_slice(&crc32(&body).to_be_bytes());
    }
    let mut zlib = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = scanlines.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        zlib.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        zlib.extend_from_slice(&len.to_le_bytes());
        zlib.extend_from_slice(&(!len).to_le_bytes());
        zlib.extend_from_slice(block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for &byte in scanlines {
        a = (a + u32::from(byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    zlib.extend_from_slice(&((b << 16) | a).to_be_bytes());
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    let mut ihdr = Vec::new();
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[8, 0, 0, 0, 0]); // 8-bit grey, no interlace
    chunk(&mut out, b"IHDR", &ihdr);
    chunk(&mut out, b"IDAT", &zlib);
    chunk(&mut out, b"IEND", &[]);
    out
}

/// The sample's data table.
fn table_mut(doc: &mut Document) -> &mut Table {
    doc.body
        .iter_mut()
        .find_map(|b| match b {
            Block::Table(t) => Some(t),
            _ => None,
        })
        .expect("the sample has a table")
}

/// The named part of the .docx as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).expect("the output is a zip");
    let mut file = archive.by_name(name).expect("the part exists");
    let mut out = String::new();
    file.read_to_string(&mut out).expect("the part is UTF-8");
    out
}

fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("VANBAN_DOCX_OUT") {
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, bytes).expect("VANBAN_DOCX_OUT is writable");
    }
}

/// The run properties (`<w:r>…`) of the run whose text is exactly `text`.
fn run_of<'a>(xml: &'a str, text: &str) -> &'a str {
    let end = xml
        .find(&format!(">{text}</w:t>"))
        .unwrap_or_else(|| panic!("no run with text {text:?}"));
    let start = xml[..end].rfind("<w:r>").expect("a run encloses the text");
    &xml[start..end]
}

/// All `w:t` texts, unescaped.
fn texts(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find("<w:t xml:space=\"preserve\">") {
        rest = &rest[i + "<w:t xml:space=\"preserve\">".len()..];
        let end = rest.find("</w:t>").expect("w:t closes");
        out.push(
            rest[..end]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        );
        rest = &rest[end..];
    }
    out
}

/// The top-level tables of document.xml, in order (the writer nests no tables).
fn tables(xml: &str) -> Vec<&str> {
    xml.match_indices("<w:tbl>")
        .map(|(start, _)| {
            let end = start + xml[start..].find("</w:tbl>").expect("table ends");
            &xml[start..end]
        })
        .collect()
}

/// The `w:sz` values used in `xml`.
fn sizes(xml: &str) -> std::collections::BTreeSet<u32> {
    xml.split("<w:sz w:val=\"")
        .skip(1)
        .map(|s| s[..s.find('"').expect("quoted")].parse().expect("number"))
        .collect()
}

#[test]
fn page_is_a4_with_model_margins_and_title_page() {
    let bytes = write(&sample()).expect("the sample writes");
    keep("sample.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#));
    assert!(xml.contains(
        r#"<w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701" w:header="567""#
    ));
    assert!(xml.contains(
        r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1" /><w:headerReference w:type="first" r:id="rIdHeader2" /><w:pgSz"#
    ));
    assert!(xml.contains("<w:titlePg /></w:sectPr>"));
    // Default header = page number; first-page header = empty.
    assert!(xml.contains(r#"<w:headerReference w:type="default" r:id="rIdHeader1" />"#));
    assert!(xml.contains(r#"<w:headerReference w:type="first" r:id="rIdHeader2" />"#));
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdHeader1""#) && rels.contains(r#"Target="header1.xml""#));
    let default_header = part(&bytes, "word/header1.xml");
    assert!(default_header.contains("<w:instrText>PAGE</w:instrText>"));
    assert!(default_header.contains(r#"<w:jc w:val="center" />"#));
    assert!(default_header.contains(r#"<w:sz w:val="26" />"#));
    assert!(!default_header.contains("<w:i />"));
    let first_header = part(&bytes, "word/header2.xml");
    assert!(!first_header.contains("PAGE"));
}

#[test]
fn fonts_and_sizes_follow_the_small_set() {
    let bytes = write(&sample()).expect("the sample writes");
    let xml = part(&bytes, "word/document.xml");
    let tnr = r#"<w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman" />"#;
    assert!(xml.contains(tnr));
    assert!(part(&bytes, "word/styles.xml").contains(tnr));
    assert_eq!(xml.matches("<w:rFonts").count(), xml.matches(tnr).count());
    // 11 (recipients, table text), 12 (Quốc hiệu, agency, "Nơi nhận:"), 13 (body);
    // 1 pt only on the empty rule paragraphs.
    assert_eq!(sizes(&xml), [2, 22, 24, 26].into_iter().collect());
    assert!(run_of(&xml, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").contains(r#"<w:sz w:val="24" />"#));
    assert!(run_of(&xml, "Độc lập - Tự do - Hạnh phúc").contains(r#"<w:sz w:val="26" />"#));
    assert!(run_of(&xml, "Số: 45/BC-CNĐP").contains(r#"<w:sz w:val="26" />"#));
    let body = run_of(
        &xml,
        " so với cùng kỳ năm trước; trong đó ngành chế biến, chế tạo ",
    );
    assert!(body.contains(r#"<w:sz w:val="26" />"#) && !body.contains("<w:b />"));
}

#[test]
fn large_set_uses_13_and_14() {
    let mut doc = sample();
    doc.sizes = SizeSet::Large;
    reprint(&mut doc);
    let xml = part(&write(&doc).expect("writes"), "word/document.xml");
    assert_eq!(sizes(&xml), [2, 22, 24, 26, 28].into_iter().collect());
    assert!(run_of(&xml, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").contains(r#"<w:sz w:val="26" />"#));
    assert!(run_of(&xml, "Độc lập - Tự do - Hạnh phúc").contains(r#"<w:sz w:val="28" />"#));
    assert!(run_of(&xml, "Số: 45/BC-CNĐP").contains(r#"<w:sz w:val="26" />"#));
    assert!(run_of(&xml, "STT").contains(r#"<w:sz w:val="24" />"#));
}

#[test]
fn header_block_has_the_decree_30_lines() {
    let xml = part(&write(&sample()).expect("writes"), "word/document.xml");
    let parent = run_of(&xml, "BỘ CÔNG THƯƠNG");
    assert!(!parent.contains("<w:b />"));
    assert!(run_of(&xml, "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG").contains("<w:b />"));
    assert!(run_of(&xml, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").contains("<w:b />"));
    assert!(run_of(&xml, "Độc lập - Tự do - Hạnh phúc").contains("<w:b />"));
    let place_date = run_of(&xml, "Hà Nội, ngày 05 tháng 11 năm 2025");
    assert!(place_date.contains("<w:i />") && !place_date.contains("<w:b />"));
    assert!(!run_of(&xml, "Số: 45/BC-CNĐP").contains("<w:b />"));
    assert!(run_of(&xml, "BÁO CÁO").contains("<w:b />"));
    assert!(
        run_of(
            &xml,
            "Tình hình phát triển công nghiệp, thương mại các địa phương tháng 10 năm 2025"
        )
        .contains("<w:b />")
    );
    assert!(xml.contains(">Kính gửi: Bộ trưởng Bộ Công Thương.</w:t>"));
    // The header block comes first, borderless, with a left column wide enough for the
    // agency on one line (≥ 40 %) and the rest for the Quốc hiệu.
    let first_table = &xml[xml.find("<w:tbl>").expect("a table")..];
    assert!(first_table.starts_with(
        r#"<w:tbl><w:tblPr><w:tblW w:w="9355" w:type="dxa" /><w:jc w:val="left" /><w:tblBorders />"#
    ));
    let grid: Vec<i32> = first_table[..first_table.find("</w:tblGrid>").expect("grid")]
        .split(r#"<w:gridCol w:w=""#)
        .skip(1)
        .map(|s| s[..s.find('"').expect("q")].parse().expect("n"))
        .collect();
    assert_eq!(grid.len(), 2);
    assert_eq!(grid[0] + grid[1], 9355);
    assert!(grid[0] >= 3742 && grid[1] >= 4990, "{grid:?}");
    // Three rules: agency, Tiêu ngữ, trích yếu.
    assert_eq!(xml.matches("<w:pBdr><w:bottom w:val=\"single\"").count(), 3);
    assert!(!xml.contains("<w:pBdr><w:left"));
}

#[test]
fn blank_number_keeps_the_space() {
    let mut doc = sample();
    doc.header.number = None;
    reprint(&mut doc);
    let xml = part(&write(&doc).expect("writes"), "word/document.xml");
    assert!(xml.contains(
        ">Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-CNĐP</w:t>"
    ));
}

#[test]
fn body_paragraphs_use_the_fixed_spacing() {
    let xml = part(&write(&sample()).expect("writes"), "word/document.xml");
    let p = r#"<w:spacing w:before="0" w:after="120" w:line="276" w:lineRule="auto" /><w:ind w:left="0" w:right="0" w:firstLine="567" /><w:jc w:val="both" />"#;
    assert!(xml.contains(p), "body paragraph properties");
    assert!(xml.contains(">- </w:t>"), "unordered list marker");
    assert!(
        xml.contains(">1. </w:t>") && xml.contains(">2. </w:t>"),
        "ordered markers"
    );
    let nested = run_of(&xml, "Sở Công Thương");
    assert!(nested.contains("<w:b />") && nested.contains("<w:i />"));
    assert!(run_of(&xml, "a) Các địa phương có mức tăng cao").contains("<w:i />"));
    assert!(!xml.contains("<w:numPr>"), "no Word numbering");
}

#[test]
fn table_has_spans_borders_and_repeating_header() {
    let xml = part(&write(&sample()).expect("writes"), "word/document.xml");
    let start = xml.match_indices("<w:tbl>").nth(1).expect("data table").0;
    let end = start + xml[start..].find("</w:tbl>").expect("table ends");
    let table = &xml[start..end];
    assert_eq!(table.matches("<w:tblHeader />").count(), 2);
    // Two in this table, one in the appendix's table.
    assert_eq!(xml.matches("<w:tblHeader />").count(), 3);
    // Both header rows carry it, body rows do not.
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    assert_eq!(rows.len(), 6);
    assert!(rows[0].starts_with("<w:trPr><w:tblHeader />"));
    assert!(rows[1].starts_with("<w:trPr><w:tblHeader />"));
    assert!(!rows[2].contains("tblHeader"));
    assert!(table.contains(r#"<w:gridSpan w:val="2" />"#));
    assert_eq!(table.matches(r#"<w:vMerge w:val="restart" />"#).count(), 3);
    assert_eq!(table.matches(r#"<w:vMerge w:val="continue" />"#).count(), 3);
    // Row 2 of the header: continue, two cells, continue, continue = 5 grid columns.
    assert_eq!(rows[1].matches("<w:tc>").count(), 5);
    assert!(table.contains(r#"<w:insideV w:val="single" w:sz="4""#));
    // `w:gridCol` carries only its width (the schema has no `w:type` there).
    assert!(table.contains(r#"<w:gridCol w:w="701" />"#));
    assert!(run_of(table, "Tổng cộng").contains("<w:b />"));
    assert!(!run_of(table, "Hà Nội").contains("<w:b />"));
    assert!(run_of(table, "STT").contains("<w:b />"));
    let body_cell = &table[..table.find(">45.210,5</w:t>").expect("cell")];
    let para = &body_cell[body_cell.rfind("<w:p ").expect("paragraph")..];
    assert!(para.contains(r#"<w:jc w:val="right" />"#));
}

#[test]
fn recipients_and_signature() {
    let xml = part(&write(&sample()).expect("writes"), "word/document.xml");
    let label = run_of(&xml, "Nơi nhận:");
    assert!(label.contains("<w:b />") && label.contains("<w:i />"));
    assert!(label.contains(r#"<w:sz w:val="24" />"#));
    for line in [
        "- Như trên;",
        "- Thứ trưởng Nguyễn Văn A (để b/c);",
        "- Lưu: VT, CNĐP.",
    ] {
        assert!(
            run_of(&xml, line).contains(r#"<w:sz w:val="22" />"#),
            "{line}"
        );
    }
    for line in ["KT. CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "Trần Văn Thắng"] {
        assert!(run_of(&xml, line).contains("<w:b />"), "{line}");
    }
    let end = tables(&xml)
        .into_iter()
        .find(|t| t.contains(">Nơi nhận:</w:t>"))
        .expect("end block");
    assert!(
        end.contains(r#"<w:tblGrid><w:gridCol w:w="4210" /><w:gridCol w:w="5145" /></w:tblGrid>"#)
    );
}

#[test]
fn several_addressees_get_dashes_and_punctuation() {
    let mut doc = sample();
    doc.addressees = vec!["- Bộ Nội vụ;".into(), "- Bộ Tài chính.".into()];
    let bytes = write(&doc).expect("writes");
    keep("addressees.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains(">Kính gửi:</w:t>"));
    assert!(xml.contains(">- Bộ Nội vụ;</w:t>"));
    assert!(xml.contains(">- Bộ Tài chính.</w:t>"));
}

#[test]
fn cong_van_summary_goes_under_the_number() {
    let mut doc = sample();
    doc.header.doc_type = String::new();
    doc.header.summary = "V/v báo cáo tình hình sản xuất".into();
    doc.header.number = None;
    doc.sizes = SizeSet::Large;
    reprint(&mut doc);
    let bytes = write(&doc).expect("writes");
    keep("cong-van-large.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    let header_table = &xml[..xml.find("</w:tbl>").expect("header block")];
    let run = run_of(header_table, "V/v báo cáo tình hình sản xuất");
    assert!(!run.contains("<w:b />") && run.contains(r#"<w:sz w:val="26" />"#));
    // No trích yếu rule for a công văn: only agency and Tiêu ngữ rules.
    assert_eq!(xml.matches("<w:pBdr>").count(), 2);
}

#[test]
fn output_is_deterministic_within_a_process() {
    let doc = sample();
    let first = write(&doc).expect("writes");
    // Something else in between that moves docx-rs's thread-local paragraph counter and
    // its process-wide revision and picture counters.
    let _ = docx_rs::Paragraph::new();
    let mut other = sample();
    other.body.truncate(2);
    other
        .body
        .push(para(vec![deleted("a"), inserted("b"), deleted("c")]));
    other.body.push(Block::Chart(sample_chart()));
    write(&other).expect("writes");
    let xml = part(&first, "word/document.xml");
    assert!(xml.contains("<w:ins ") && xml.contains("<w:del ") && xml.contains("<w:drawing>"));
    let second = write(&doc).expect("writes");
    assert!(first == second, "two writes of one document differ");
    let third = std::thread::spawn(move || write(&doc).expect("writes"))
        .join()
        .expect("thread");
    assert!(first == third, "a write on another thread differs");
}

#[test]
fn metadata_has_no_clock_time() {
    let bytes = write(&sample()).expect("writes");
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:creator>Cục Công nghiệp địa phương</dc:creator>"));
    assert!(core.contains("<dc:title>BÁO CÁO Tình hình phát triển công nghiệp</dc:title>"));
    // The document's own date, never the clock.
    assert!(
        core.contains(">2025-11-05T00:00:00Z</dcterms:created>"),
        "{core}"
    );
    assert!(core.contains("<dc:language>vi-VN</dc:language>"));
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).expect("zip");
    for i in 0..archive.len() {
        let file = archive.by_index(i).expect("entry");
        let time = file.last_modified().expect("entry time");
        assert_eq!(
            (time.year(), time.month(), time.day()),
            (1980, 1, 1),
            "{}",
            file.name()
        );
    }
}

const TRICKY: &str = r#"<w:p> & " ' {{x}} #read("/etc/passwd") *x* | a | b | $x$"#;

#[test]
fn tricky_text_round_trips_literally() {
    let mut doc = sample();
    // The words as the reader prints them: the agency in capitals, the recipient dashed.
    doc.header.agency = TRICKY.to_uppercase();
    doc.body.push(para(vec![text(TRICKY)]));
    doc.recipients.push(format!("- {TRICKY}."));
    doc.meta.title = TRICKY.into();
    table_mut(&mut doc).body[0].cells[1].content = vec![text(TRICKY)];
    let bytes = write(&doc).expect("writes");
    let xml = part(&bytes, "word/document.xml");
    assert!(!xml.contains("<w:p> &"), "raw markup leaked into the XML");
    assert!(xml.contains("&lt;w:p&gt; &amp; \" ' {{x}}"));
    let found = texts(&xml);
    assert_eq!(found.iter().filter(|t| t.as_str() == TRICKY).count(), 2);
    assert!(
        found.contains(&TRICKY.to_uppercase()),
        "agency upper-cased literally"
    );
    assert!(found.contains(&format!("- {TRICKY}.")));
    // A real XML parser accepts every part.
    let parsed = docx_rs::read_docx(&bytes).expect("docx-rs reads the file back");
    let json = parsed.json();
    assert!(json.contains("{{x}} #read(\\\"/etc/passwd\\\") *x* | a | b | $x$"));
}

#[test]
fn control_characters_do_not_break_the_xml() {
    let mut doc = sample();
    doc.body.push(para(vec![text("a\u{0001}b\u{000C}c\td")]));
    let bytes = write(&doc).expect("writes");
    docx_rs::read_docx(&bytes).expect("well-formed");
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains(">abc</w:t><w:tab /><w:t xml:space=\"preserve\">d</w:t>"));
}

#[test]
fn bad_tables_are_errors_with_context() {
    let mut doc = sample();
    table_mut(&mut doc).body[1].cells[2].col = 1; // overlaps the cell at column 2
    let msg = match write(&doc) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("an overlapping cell must be an error"),
    };
    assert!(msg.starts_with("table 1 of the body: row 4:"), "{msg}");

    let mut doc = sample();
    table_mut(&mut doc).widths.pop();
    assert!(matches!(
        write(&doc),
        Err(super::DocxError::InvalidTable { table: 1, .. })
    ));

    let mut doc = sample();
    table_mut(&mut doc).body[0].cells[4].colspan = 2;
    assert!(write(&doc).is_err());
}

#[test]
fn holes_and_long_rowspans_are_filled() {
    let mut doc = sample();
    let t = table_mut(&mut doc);
    t.body[0].cells.remove(3); // a hole at column 4
    t.body[1].cells[0].rowspan = 9; // clamped to the body's last row
    t.body[2].cells.remove(0);
    let bytes = write(&doc).expect("writes");
    let xml = part(&bytes, "word/document.xml");
    let start = xml.match_indices("<w:tbl>").nth(1).expect("data table").0;
    let table = &xml[start..start + xml[start..].find("</w:tbl>").expect("end")];
    for row in table.split("<w:tr>").skip(1) {
        let spans: usize = row
            .split("<w:tc>")
            .skip(1)
            .map(|tc| {
                tc.split(r#"<w:gridSpan w:val=""#)
                    .nth(1)
                    .map_or(1, |s| s[..s.find('"').expect("q")].parse().expect("n"))
            })
            .sum();
        assert_eq!(spans, 5, "every row covers the grid");
    }
}

#[test]
fn invalid_margins_are_errors() {
    let mut doc = sample();
    doc.page.margin_right_mm = f64::INFINITY;
    assert!(matches!(write(&doc), Err(super::DocxError::InvalidPage(_))));
}

/// Opens the file with python-docx when it is installed (skipped otherwise).
#[test]
fn python_docx_reads_the_file() {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import docx"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("note: python3 with python-docx not available; skipping");
        return;
    }
    let bytes = write(&sample()).expect("writes");
    let path = std::env::temp_dir().join(format!("vanban-docx-{}.docx", std::process::id()));
    std::fs::write(&path, &bytes).expect("temp file");
    let script = r#"
import sys, docx
d = docx.Document(sys.argv[1])
s = d.sections[0]
print(round(s.page_width.mm, 1), round(s.page_height.mm, 1))
print(round(s.top_margin.mm), round(s.bottom_margin.mm), round(s.left_margin.mm), round(s.right_margin.mm))
print(s.different_first_page_header_footer)
for p in d.paragraphs:
    if p.text.strip():
        print("P|" + p.text)
for t in d.tables:
    for row in t.rows:
        print("R|" + "|".join(c.text.replace("\n", "/") for c in row.cells))
for x in d.sections:
    print("S|%s|%.1f|%.1f|%s|%s" % (x.orientation, x.page_width.mm, x.page_height.mm,
        x.different_first_page_header_footer, round(x.left_margin.mm)))
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(&path)
        .output()
        .expect("python3 runs");
    let _ = std::fs::remove_file(&path);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "210.0 297.0");
    assert_eq!(lines[1], "20 20 30 15");
    assert_eq!(lines[2], "True");
    assert!(lines.contains(&"P|BÁO CÁO"));
    assert!(lines.contains(&"P|Kính gửi: Bộ trưởng Bộ Công Thương."));
    assert!(lines.contains(&"R|Số: 45/BC-CNĐP|Hà Nội, ngày 05 tháng 11 năm 2025"));
    assert!(lines.contains(
        &"R|STT|Địa phương|Giá trị sản xuất (tỷ đồng)|Giá trị sản xuất (tỷ đồng)|Tăng/giảm (%)"
    ));
    assert!(lines.contains(&"R|Tổng cộng|Tổng cộng|114.497,3|106.753,1|7,3"));
    let sections: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("S|"))
        .collect();
    assert_eq!(
        sections,
        [
            "S|PORTRAIT (0)|210.0|297.0|True|30",
            "S|LANDSCAPE (1)|297.0|210.0|True|30"
        ]
    );
    assert!(lines.contains(&"P|MỘT SỐ CHỈ TIÊU PHÁT TRIỂN CÔNG NGHIỆP, THƯƠNG MẠI"));
    assert!(lines.iter().any(|l| l.starts_with("R|Nơi nhận:")
        && l.contains("- Lưu: VT, CNĐP.")
        && l.contains("Trần Văn Thắng")));
}

#[test]
fn long_table_keeps_two_header_rows() {
    let mut doc = sample();
    let t = table_mut(&mut doc);
    let row = t.body[0].clone();
    t.body = (0..80).map(|_| row.clone()).collect();
    let bytes = write(&doc).expect("writes");
    keep("long-table.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    assert_eq!(tables(&xml)[1].matches("<w:tblHeader />").count(), 2);
    assert_eq!(xml.matches("<w:tblHeader />").count(), 3);
}

#[test]
fn docx_errors_in_vietnamese() {
    use crate::i18n::{Bilingual, Lang};
    let mut doc = sample();
    table_mut(&mut doc).body[1].cells[2].col = 1; // overlaps the cell at column 2
    let e = write(&doc).expect_err("an overlapping cell is an error");
    let vi = e.message(Lang::Vi);
    assert_eq!(
        vi,
        "bảng 1 của phần nội dung: dòng 4: ô ở cột 2 chồng lên ô trước nó"
    );
    assert_eq!(
        e.message(Lang::En),
        "table 1 of the body: row 4: the cell at column 2 overlaps the cell before it"
    );

    let mut doc = sample();
    table_mut(&mut doc).widths.pop();
    let e = write(&doc).expect_err("missing widths are an error");
    assert!(
        e.message(Lang::Vi).ends_with("có 4 độ rộng cột cho 5 cột"),
        "{}",
        e.message(Lang::Vi)
    );

    let mut doc = sample();
    doc.page.margin_right_mm = f64::INFINITY;
    let e = write(&doc).expect_err("an infinite margin is an error");
    assert_eq!(
        e.message(Lang::Vi),
        "khổ giấy, lề trang không hợp lệ: lề phải là inf mm; lề trang phải là số hữu hạn và không âm"
    );
    assert_ne!(e.message(Lang::Vi), e.message(Lang::En));

    let mut doc = sample();
    doc.page.margin_left_mm = 100.0;
    doc.page.margin_right_mm = 80.0;
    let e = write(&doc).expect_err("a narrow text block is an error");
    assert!(
        e.message(Lang::Vi)
            .contains("(trên/dưới/trái/phải) chỉ còn chưa đến"),
        "{}",
        e.message(Lang::Vi)
    );
}
