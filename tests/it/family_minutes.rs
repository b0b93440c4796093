//! Inspection minutes: one biên bản per project row, members joined from another sheet.

use crate::common;

use common::*;

fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn one_biên_bản_per_project() {
    let dir = tempdir();
    let batch = dir.path().join("bien-ban.toml");
    std::fs::write(
        &batch,
        format!(
            "output = \"out\"\n\n[[job]]\nname = \"bb\"\ntemplate = \"{}\"\nworkbook = \"{}\"\nrows = \"Đề án\"\noutput = \"BB-{{{{row.so_bien_ban}}}}-{{{{row.ma_de_an}}}}\"\n",
            root().join("templates/bien-ban-kiem-tra").display(),
            root().join("samples/bien-ban-kiem-tra.xlsx").display(),
        ),
    )
    .unwrap();
    let o = vanban(&["batch", batch.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = dir.path().join("out");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".pdf") || n.ends_with(".docx"))
        .collect();
    names.sort();
    // Five projects, two files each; "KCQG-2025/07" became a safe name.
    assert_eq!(names.len(), 10, "{names:?}");
    assert!(
        names.contains(&"BB-31-KCQG-2025-07.pdf".to_string()),
        "{names:?}"
    );

    let docx = out.join("BB-31-KCQG-2025-07.docx");
    let text = flat(&docx_text(&docx));
    let expected = [
        "Số: 31/BB-CNĐP",
        "BIÊN BẢN",
        "Kiểm tra tình hình thực hiện đề án khuyến công quốc gia",
        "Căn cứ Quyết định số 125/QĐ-BCT",
        "Hôm nay, vào hồi 08 giờ 30 phút, ngày 15 tháng 10 năm 2025, tại xã Tân Cương, tỉnh Thái Nguyên",
        "- Ông Lê Quang Huy, Phó Trưởng phòng Khuyến công, trưởng đoàn;",
        "- Ông Hoàng Văn Dũng, Giám đốc Trung tâm;",
        "- Bà Ngô Thị Lan, Chủ cơ sở.",
        "III. KẾT QUẢ KIỂM TRA",
        "82,0",
        "Biên bản kết thúc vào hồi 11 giờ 15 phút cùng ngày",
        "lập thành 03 bản",
        "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA",
        "(Ký, ghi rõ họ tên, đóng dấu)",
        "TM. ĐOÀN KIỂM TRA TRƯỞNG ĐOÀN",
        "Hoàng Văn Dũng",
        "Lê Quang Huy",
    ];
    for s in expected {
        assert!(text.contains(s), "DOCX lacks {s:?}\n{text}");
    }
    // Only this project's people; no place-and-date line in the header.
    assert!(!text.contains("Trịnh Thị Mai"));
    assert!(!text.contains("Hà Nội, ngày"));
    if let Some(pdf) = pdf_text(&out.join("BB-31-KCQG-2025-07.pdf")) {
        let pdf = flat(&pdf);
        for s in expected {
            assert!(pdf.contains(s), "PDF lacks {s:?}\n{pdf}");
        }
        assert!(!pdf.contains("Hà Nội, ngày"));
    }
    // Another row gets its own data.
    let other = flat(&docx_text(&out.join("BB-32-KCQG-2025-12.docx")));
    assert!(other.contains("Số: 32/BB-CNĐP") && other.contains("Trịnh Thị Mai"));
}
