//! The periodic report family (báo cáo định kỳ): one template, the period from the data,
//! a chart, and landscape appendices with their own page numbers.

use crate::common;

use std::path::{Path, PathBuf};

use common::*;

fn render(sample: &str, out: &Path) -> (PathBuf, PathBuf) {
    let o = vanban(&[
        "render",
        "templates/bao-cao-dinh-ky",
        "--data",
        &format!("samples/{sample}"),
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files: Vec<PathBuf> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(PathBuf::from)
        .collect();
    assert_eq!(files.len(), 2, "{files:?}");
    (files[0].clone(), files[1].clone())
}

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Page sizes of a PDF as (width, height) in points, by pdfinfo.
fn page_sizes(pdf: &Path) -> Option<Vec<(f64, f64)>> {
    if !tool("pdfinfo") {
        return None;
    }
    let o = std::process::Command::new("pdfinfo")
        .args(["-f", "1", "-l", "999"])
        .arg(pdf)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    Some(
        text.lines()
            .filter(|l| l.starts_with("Page") && l.contains(" size:"))
            .map(|l| {
                let nums: Vec<f64> = l
                    .split_whitespace()
                    .filter_map(|w| w.parse::<f64>().ok())
                    .collect();
                (nums[1], nums[2])
            })
            .collect(),
    )
}

#[test]
fn quarterly_report_takes_its_period_from_the_data() {
    let dir = tempdir();
    let (pdf, docx) = render("bao-cao-dinh-ky-quy.xlsx", dir.path());
    assert!(pdf.ends_with("BC-52-cndp-quy-3-2025.pdf"));
    let expected = [
        "Số: 52/BC-CNĐP",
        "Hà Nội, ngày 06 tháng 10 năm 2025",
        "Tình hình phát triển công nghiệp, thương mại các địa phương quý III năm 2025",
        "Tính chung 9 tháng đầu năm 2025, IIP ước tăng 8,9%",
        "Ngành khai khoáng giảm 1,6% so với cùng kỳ;",
        "Ngành chế biến, chế tạo tăng 10,7% so với cùng kỳ;",
        "xuất siêu 2.200,5 triệu USD",
        "mức giảm sâu nhất tại Lai Châu (giảm 5,4%)",
        "Phụ lục I",
        "MỘT SỐ CHỈ TIÊU CHỦ YẾU QUÝ III NĂM 2025",
        "(Kèm theo Báo cáo số 52/BC-CNĐP ngày 06 tháng 10 năm 2025 của Cục Công nghiệp địa phương)",
        "Phụ lục II",
        "- Lưu: VT, CNĐP.",
        "KT. CỤC TRƯỞNG PHÓ CỤC TRƯỞNG",
    ];
    let docx_text = flat(&docx_text(&docx));
    for s in expected {
        assert!(docx_text.contains(s), "DOCX lacks {s:?}");
    }
    if let Some(text) = pdf_text(&pdf) {
        let text = flat(&text);
        for s in expected {
            assert!(text.contains(s), "PDF lacks {s:?}\n{text}");
        }
        assert!(text.contains("Biểu đồ 1. Tốc độ tăng chỉ số IIP"));
        // "ngày 06 tháng 10": leading zero for the day, none for month 10.
        assert!(!text.contains("tháng 010"));
    }
}

#[test]
fn monthly_report_and_its_landscape_appendices() {
    let dir = tempdir();
    let (pdf, docx) = render("bao-cao-dinh-ky-thang.xlsx", dir.path());
    let text = flat(&docx_text(&docx));
    assert!(text.contains("các địa phương tháng 10 năm 2025"), "{text}");
    assert!(text.contains("Tính chung 10 tháng đầu năm 2025"));

    if let Some(sizes) = page_sizes(&pdf) {
        assert!(sizes.len() >= 5, "{sizes:?}");
        let portrait = |(w, h): (f64, f64)| w < h;
        assert!(portrait(sizes[0]), "the report starts portrait");
        let first_landscape = sizes
            .iter()
            .position(|s| !portrait(*s))
            .expect("appendix pages");
        assert!(
            sizes[first_landscape..].iter().all(|s| !portrait(*s)),
            "{sizes:?}"
        );
    }
    // Page numbers: none on page 1 and none on an appendix's first page; an appendix's
    // second page is "2" again.
    if tool("pdftotext") {
        let page = |n: usize| {
            let o = std::process::Command::new("pdftotext")
                .args(["-layout", "-f", &n.to_string(), "-l", &n.to_string()])
                .arg(&pdf)
                .arg("-")
                .output()
                .unwrap();
            String::from_utf8_lossy(&o.stdout)
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let sizes = page_sizes(&pdf).unwrap();
        let last = sizes.len();
        assert_eq!(page(2), "2");
        assert_eq!(page(last - 1), "Phụ lục II");
        assert_eq!(
            page(last),
            "2",
            "the province table's second landscape page"
        );
    }
    // The DOCX has the landscape section and repeats table headers.
    let xml = docx_part(&docx, "word/document.xml");
    assert!(
        xml.contains(r#"w:orient="landscape""#),
        "a landscape section"
    );
    assert!(xml.contains("<w:tblHeader"));
    assert!(
        xml.contains("<w:drawing>") || xml.contains("<w:drawing "),
        "the chart as a picture"
    );
}

#[test]
fn the_chart_is_vector_graphics_in_the_pdf() {
    let dir = tempdir();
    let (pdf, _) = render("bao-cao-dinh-ky-thang.xlsx", dir.path());
    // A vector chart adds no image to the PDF (the only images would be rasters).
    if let Some(list) = std::process::Command::new("pdfimages")
        .args(["-list"])
        .arg(&pdf)
        .output()
        .ok()
        .filter(|o| o.status.success())
    {
        let rows = String::from_utf8_lossy(&list.stdout).lines().count();
        assert_eq!(rows, 2, "pdfimages lists only its two header lines");
    }
    if let Some(text) = pdf_text(&pdf) {
        // Every province label and its value are text in the drawing.
        assert!(text.contains("Thanh Hóa") && text.contains("24,8"));
    }
}

#[test]
fn half_year_and_annual_reports_use_the_same_template() {
    for (sample, stem, title) in [
        (
            "bao-cao-dinh-ky-6-thang.xlsx",
            "BC-31-cndp-6thang-6-2025",
            "các địa phương 6 tháng đầu năm 2025",
        ),
        (
            "bao-cao-dinh-ky-nam.xlsx",
            "BC-88-cndp-nam-2025",
            "các địa phương năm 2025",
        ),
    ] {
        let dir = tempdir();
        let (pdf, docx) = render(sample, dir.path());
        assert!(pdf.ends_with(format!("{stem}.pdf")), "{pdf:?}");
        let text = flat(&docx_text(&docx));
        assert!(
            text.contains(&format!(
                "Tình hình phát triển công nghiệp, thương mại {title}"
            )),
            "{text}"
        );
        assert!(
            text.contains(&format!(
                "SỐ LIỆU CỦA CÁC TỈNH, THÀNH PHỐ {}",
                title.trim_start_matches("các địa phương ").to_uppercase()
            )),
            "{text}"
        );
    }
}
