//! The elements of the three document families (issue 4), read back from document.xml:
//! several signatures, appendices as sections, the draft mark, a biên bản's header
//! without a date line, tracked changes, and charts.

use super::*;

use crate::docx::DocxError;

/// The `w:sectPr` elements of document.xml, in order.
fn sections(xml: &str) -> Vec<&str> {
    xml.match_indices("<w:sectPr>")
        .map(|(start, _)| {
            let end = start + xml[start..].find("</w:sectPr>").expect("sectPr ends");
            &xml[start..end]
        })
        .collect()
}

/// The `w:p` elements of `xml` that contain `needle`.
fn paragraph_with<'a>(xml: &'a str, needle: &str) -> &'a str {
    let at = xml.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    let start = xml[..at].rfind("<w:p ").expect("a paragraph encloses it");
    let end = at + xml[at..].find("</w:p>").expect("paragraph ends");
    &xml[start..end]
}

fn signature(lines: &[&str], name: &str) -> Signature {
    Signature {
        lines: lines.iter().map(|l| (*l).to_string()).collect(),
        hint: String::new(),
        name: name.into(),
    }
}

fn grid_of(table: &str) -> Vec<i32> {
    table[..table.find("</w:tblGrid>").expect("grid")]
        .split(r#"<w:gridCol w:w=""#)
        .skip(1)
        .map(|s| s[..s.find('"').expect("q")].parse().expect("n"))
        .collect()
}

// ---------------------------------------------------------------------------
// Signatures

#[test]
fn no_signature_leaves_the_recipients_alone_on_the_left() {
    let mut doc = sample();
    doc.signatures.clear();
    let xml = part(&write(&doc).expect("writes"), "word/document.xml");
    let end = tables(&xml)
        .into_iter()
        .find(|t| t.contains(">Nơi nhận:</w:t>"))
        .expect("end block");
    assert_eq!(grid_of(end), vec![4210, 5145]);
    let right = &end[end.rfind("<w:tc>").expect("right cell")..];
    assert!(!right.contains("<w:t "), "the right column is empty");
    assert!(!xml.contains("PHÓ CỤC TRƯỞNG"));

    // Neither recipients nor signatures: no end block at all.
    doc.recipients.clear();
    let xml = part(&write(&doc).expect("writes"), "word/document.xml");
    // Header block, body table, appendix table.
    assert_eq!(tables(&xml).len(), 3);
    assert!(!xml.contains("Nơi nhận"));
}

#[test]
fn several_signatures_sit_in_equal_columns_with_the_recipients_below() {
    let parties = [
        signature(&["ĐẠI DIỆN ĐOÀN KIỂM TRA", "TRƯỞNG ĐOÀN"], "Nguyễn Văn An"),
        signature(&["ĐẠI DIỆN ĐƠN VỊ THỰC HIỆN"], "Trần Thị Bình"),
        signature(&["ĐẠI DIỆN SỞ CÔNG THƯƠNG"], "Lê Văn Cường"),
        signature(&["THƯ KÝ"], "Phạm Thị Dung"),
    ];
    for n in 2..=4 {
        let mut doc = sample();
        doc.signatures = parties[..n].to_vec();
        let bytes = write(&doc).expect("writes");
        keep(&format!("signatures-{n}.docx"), &bytes);
        let xml = part(&bytes, "word/document.xml");
        let block = tables(&xml)
            .into_iter()
            .find(|t| t.contains("Nguyễn Văn An"))
            .expect("signature table");
        let grid = grid_of(block);
        assert_eq!(grid.len(), n);
        assert_eq!(grid.iter().sum::<i32>(), 9355);
        assert!(grid.iter().all(|w| (w - 9355 / n as i32).abs() <= n as i32));
        assert!(block.contains("<w:tblBorders />"), "borderless");
        assert!(
            block.contains(r#"<w:left w:w="60" w:type="dxa" />"#),
            "a gutter"
        );
        for party in &parties[..n] {
            for line in &party.lines {
                let run = run_of(block, &line.to_uppercase());
                assert!(run.contains("<w:b />") && run.contains(r#"<w:sz w:val="26" />"#));
            }
            assert!(run_of(block, &party.name).contains("<w:b />"));
        }
        // Authority lines in the first row, the names on one line in the second.
        let rows: Vec<&str> = block.split("<w:tr>").skip(1).collect();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].contains("TRƯỞNG ĐOÀN") && !rows[0].contains("Nguyễn Văn An"));
        assert!(rows[1].contains("Nguyễn Văn An") && !rows[1].contains("TRƯỞNG ĐOÀN"));
        assert_eq!(rows[1].matches("<w:tc>").count(), n);
        // Room for signature and seal: the layout's 26 mm (1474 twips) above each name.
        let gap = r#"<w:spacing w:before="1474" w:after="0""#;
        assert_eq!(rows[1].matches(gap).count(), n, "{}", rows[1]);
        assert!(!block.contains("Nơi nhận"));
        // Nơi nhận follows the table as plain paragraphs, 12 pt below it.
        let after = &xml[xml.find(block).expect("table") + block.len()..];
        let label = paragraph_with(after, ">Nơi nhận:</w:t>");
        assert!(label.contains(r#"<w:spacing w:before="240""#), "{label}");
        assert!(label.contains(r#"<w:jc w:val="left" />"#));
        let last = paragraph_with(after, ">- Lưu: VT, CNĐP.</w:t>");
        assert!(last.contains(r#"<w:sz w:val="22" />"#));
        assert!(after.find("Nơi nhận:") < after.find("<w:sectPr>"));
    }
}

#[test]
fn a_signature_hint_is_italic_under_the_authority_lines() {
    let hint = "(Ký, ghi rõ họ tên)";
    let mut doc = sample();
    doc.signatures[0].hint = hint.into();
    let xml = part(&write(&doc).expect("writes"), "word/document.xml");
    let run = run_of(&xml, hint);
    assert!(run.contains("<w:i />") && !run.contains("<w:b />"));
    assert!(xml.find("PHÓ CỤC TRƯỞNG") < xml.find(hint));
    assert!(xml.find(hint) < xml.find("Trần Văn Thắng"));

    let mut parties = vec![
        signature(&["ĐẠI DIỆN ĐOÀN KIỂM TRA"], "Nguyễn Văn An"),
        signature(&["ĐẠI DIỆN ĐƠN VỊ"], "Trần Thị Bình"),
    ];
    parties[1].hint = hint.into();
    doc.signatures = parties;
    let xml = part(&write(&doc).expect("writes"), "word/document.xml");
    let block = tables(&xml)
        .into_iter()
        .find(|t| t.contains("Nguyễn Văn An"))
        .expect("signature table");
    let rows: Vec<&str> = block.split("<w:tr>").skip(1).collect();
    assert!(
        rows[0].contains(hint),
        "the hint sits with the authority lines"
    );
}

// ---------------------------------------------------------------------------
// Appendices

#[test]
fn a_landscape_main_part_is_landscape_from_the_first_page() {
    let mut doc = sample();
    doc.page.landscape = true;
    doc.appendices[0].landscape = false;
    let bytes = write(&doc).expect("writes");
    keep("landscape-main.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    let found = sections(&xml);
    assert_eq!(found.len(), 2);
    assert!(found[0].contains(r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" />"#));
    assert!(!found[0].contains("pgNumType"));
    assert!(found[1].contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#));
    assert!(found[1].contains(r#"<w:pgNumType w:start="1" />"#));
    let all = tables(&xml);
    assert!(
        all[0].contains(r#"<w:tblW w:w="14287" w:type="dxa" />"#),
        "header block"
    );
    assert!(
        all[1].contains(r#"<w:tblW w:w="14287" w:type="dxa" />"#),
        "body table"
    );
    assert!(
        all[3].contains(r#"<w:tblW w:w="9355" w:type="dxa" />"#),
        "appendix table"
    );

    doc.appendices.clear();
    let xml = part(&write(&doc).expect("writes"), "word/document.xml");
    let found = sections(&xml);
    assert_eq!(found.len(), 1);
    assert!(found[0].contains(r#"w:orient="landscape""#) && !found[0].contains("pgNumType"));
}

#[test]
fn an_appendix_is_a_landscape_section_with_its_own_page_numbers() {
    let bytes = write(&sample()).expect("writes");
    keep("appendix.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    let found = sections(&xml);
    assert_eq!(found.len(), 2);
    let refs = r#"<w:sectPr><w:headerReference w:type="default" r:id="rIdHeader1" /><w:headerReference w:type="first" r:id="rIdHeader2" />"#;
    // The main part: portrait, in the pPr of its last paragraph, numbered from 1.
    let main = found[0];
    assert!(main.starts_with(refs), "{main}");
    assert!(main.contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#));
    assert!(!main.contains("pgNumType") && main.ends_with("<w:titlePg />"));
    let before_main = &xml[..xml.find(main).expect("main section")];
    assert!(
        before_main.ends_with("<w:pPr>")
            || before_main.rfind("<w:pPr>") > before_main.rfind("</w:p>")
    );
    // The appendix: the body's last sectPr, landscape with the same margins, its page
    // numbers restarting at 1 and hidden on its first page.
    let last = found[1];
    assert!(xml.ends_with(&format!("{last}</w:sectPr></w:body></w:document>")));
    assert!(last.starts_with(refs), "{last}");
    assert!(last.contains(
        r#"<w:pgSz w:w="16838" w:h="11906" w:orient="landscape" /><w:pgMar w:top="1134" w:right="850" w:bottom="1134" w:left="1701""#
    ));
    assert!(last.contains(r#"<w:pgNumType w:start="1" /><w:cols"#));
    assert!(last.ends_with("<w:titlePg />"));
    // Heading lines after the section break: label bold, title upper case bold, note italic.
    let appendix = &xml[xml.find(main).expect("main")..];
    assert!(run_of(appendix, "Phụ lục").contains("<w:b />"));
    let title = run_of(
        appendix,
        "MỘT SỐ CHỈ TIÊU PHÁT TRIỂN CÔNG NGHIỆP, THƯƠNG MẠI",
    );
    assert!(title.contains("<w:b />"));
    let note = run_of(
        appendix,
        "(Kèm theo Báo cáo số 45/BC-CNĐP ngày 05 tháng 11 năm 2025)",
    );
    assert!(note.contains("<w:i />") && !note.contains("<w:b />"));
    assert!(paragraph_with(appendix, ">Phụ lục</w:t>").contains(r#"<w:jc w:val="center" />"#));
    // The appendix's table spans the landscape text width and repeats its header row.
    let table = &appendix[appendix.find("<w:tbl>").expect("appendix table")..];
    assert!(table.contains(r#"<w:tblW w:w="14287" w:type="dxa" />"#));
    assert_eq!(grid_of(table).iter().sum::<i32>(), 14287);
    let rows: Vec<&str> = table.split("<w:tr>").skip(1).collect();
    assert!(rows[0].starts_with("<w:trPr><w:tblHeader />"));
    assert!(!rows[1].contains("tblHeader"));
    assert!(run_of(table, "Chỉ tiêu công nghiệp số 4").contains(r#"<w:sz w:val="22" />"#));
}

#[test]
fn a_long_appendix_table_repeats_its_header_row() {
    let mut doc = sample();
    if let Block::Table(t) = &mut doc.appendices[0].body[0] {
        let rows = t.body.clone();
        t.body = (0..12).flat_map(|_| rows.clone()).collect();
    }
    let bytes = write(&doc).expect("writes");
    keep("appendix-long.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    let table = *tables(&xml).last().expect("appendix table");
    assert_eq!(table.matches("<w:tr>").count(), 49);
    assert_eq!(table.matches("<w:tblHeader />").count(), 1);
    assert!(
        table
            .split("<w:tr>")
            .nth(1)
            .expect("row")
            .starts_with("<w:trPr><w:tblHeader />")
    );
}

#[test]
fn several_appendices_each_get_a_section_and_their_header_rows() {
    let mut doc = sample();
    let mut portrait = sample_appendix();
    portrait.label = "Phụ lục I".into();
    portrait.landscape = false;
    // Two tables: one with the body table's two header rows, one with one.
    let mut first = sample_table();
    first.body.truncate(1);
    portrait.body.insert(0, Block::Table(first));
    doc.appendices.insert(0, portrait);
    doc.appendices[1].label = "Phụ lục II".into();
    let bytes = write(&doc).expect("writes");
    keep("two-appendices.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    let found = sections(&xml);
    assert_eq!(found.len(), 3);
    assert!(found[0].contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#));
    assert!(!found[0].contains("pgNumType"));
    assert!(found[1].contains(r#"<w:pgSz w:w="11906" w:h="16838" />"#));
    assert!(found[1].contains(r#"<w:pgNumType w:start="1" />"#));
    assert!(found[2].contains(r#"w:orient="landscape""#));
    assert!(found[2].contains(r#"<w:pgNumType w:start="1" />"#));
    assert!(found.iter().all(|s| s.ends_with("<w:titlePg />")));
    // Header block, body table, end block, three appendix tables.
    let all = tables(&xml);
    assert_eq!(all.len(), 6);
    let header_rows: Vec<usize> = all
        .iter()
        .map(|t| t.matches("<w:tblHeader />").count())
        .collect();
    assert_eq!(header_rows, vec![0, 2, 0, 2, 1, 1]);
    // Tables in a row are kept apart by a paragraph, or Word would join them.
    let between = &xml[xml.find(all[3]).expect("t3") + all[3].len()..xml.find(all[4]).expect("t4")];
    assert!(between.contains("<w:p "), "{between}");
    // The portrait appendix's tables are as wide as the portrait text.
    assert!(all[3].contains(r#"<w:tblW w:w="9355""#));
    assert!(all[5].contains(r#"<w:tblW w:w="14287""#));
    docx_rs::read_docx(&bytes).expect("docx-rs reads the file back");
}

#[test]
fn a_bad_table_in_an_appendix_names_the_appendix() {
    let mut doc = sample();
    doc.appendices[0].label = "Phụ lục II".into();
    if let Block::Table(t) = &mut doc.appendices[0].body[0] {
        t.widths.pop();
    }
    let msg = match write(&doc) {
        Err(e) => e.to_string(),
        Ok(_) => panic!("a table with a missing width must be an error"),
    };
    assert!(
        msg.starts_with("table 1 of Phụ lục II: 7 column widths"),
        "{msg}"
    );
}

// ---------------------------------------------------------------------------
// Header variants

#[test]
fn boxed_draft_mark_sits_top_left_above_the_header_block() {
    let mut doc = sample();
    doc.header.number = None;
    reprint(&mut doc);
    doc.header.draft = Some(DraftMark {
        text: "DỰ THẢO".into(),
        position: DraftPosition::TopLeft,
        boxed: true,
    });
    let bytes = write(&doc).expect("writes");
    keep("draft-top-left.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    let first_table = xml.find("<w:tbl>").expect("header block");
    let mark = paragraph_with(&xml, ">DỰ THẢO</w:t>");
    assert!(
        xml.find(mark).expect("mark") < first_table,
        "above the header block"
    );
    let run = run_of(&xml, "DỰ THẢO");
    assert!(run.contains("<w:b />") && run.contains(r#"<w:sz w:val="26" />"#));
    for side in ["top", "left", "bottom", "right"] {
        assert!(
            mark.contains(&format!(r#"<w:{side} w:val="single" w:space="#))
                && mark.contains(r#"w:sz="6""#),
            "{side} border: {mark}"
        );
    }
    // Narrowed to its words at the left margin: small left, large right indent.
    let indent = &mark[mark.find("<w:ind ").expect("indent")..];
    let value = |name: &str| -> i32 {
        let at = indent.find(&format!("w:{name}=\"")).expect("attribute") + name.len() + 4;
        indent[at..at + indent[at..].find('"').expect("q")]
            .parse()
            .expect("n")
    };
    assert_eq!(value("left"), 135);
    assert!(value("right") > 9355 / 2, "{indent}");
    assert!(xml.contains(
        ">Số:\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}/BC-CNĐP</w:t>"
    ));
}

#[test]
fn unboxed_draft_mark_top_right_is_flush_right() {
    let mut doc = sample();
    doc.header.draft = Some(DraftMark {
        text: "DỰ THẢO 2".into(),
        position: DraftPosition::TopRight,
        boxed: false,
    });
    let xml = part(&write(&doc).expect("writes"), "word/document.xml");
    let mark = paragraph_with(&xml, ">DỰ THẢO 2</w:t>");
    assert!(mark.contains(r#"<w:jc w:val="right" />"#));
    assert!(!mark.contains("<w:pBdr>"));
    assert!(xml.find(mark) < xml.find("<w:tbl>"));
    // A mark without words prints nothing.
    let mut doc = sample();
    doc.header.draft = Some(DraftMark {
        text: "  ".into(),
        position: DraftPosition::TopRight,
        boxed: true,
    });
    let xml = part(&write(&doc).expect("writes"), "word/document.xml");
    assert!(
        xml[..xml.find("<w:tbl>").expect("table")]
            .matches("<w:p ")
            .count()
            == 0
    );
}

#[test]
fn a_header_without_place_and_date_prints_nothing_there() {
    let mut doc = sample();
    doc.header.place_date = String::new();
    doc.header.date = None;
    doc.header.doc_type = "BIÊN BẢN".into();
    doc.header.summary = "Kiểm tra đề án khuyến công quốc gia".into();
    reprint(&mut doc);
    let bytes = write(&doc).expect("writes");
    keep("bien-ban-header.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    let header = tables(&xml)[0];
    let second_row = header.split("<w:tr>").nth(2).expect("second row");
    let cells: Vec<&str> = second_row.split("<w:tc>").skip(1).collect();
    assert!(cells[0].contains(">Số: 45/BC-CNĐP</w:t>"));
    assert!(!cells[1].contains("<w:t "), "{}", cells[1]);
    assert!(!header.contains("<w:i />"));
    assert!(run_of(&xml, "BIÊN BẢN").contains("<w:b />"));
}

// ---------------------------------------------------------------------------
// Tracked changes

#[test]
fn insertions_and_deletions_are_tracked_changes() {
    let mut doc = sample();
    // A change inside a table cell, and bold text inside an insertion.
    table_mut(&mut doc).body[0].cells[1].content =
        vec![text("Hà "), deleted("Tây"), inserted("Nội")];
    doc.body.push(para(vec![
        text("Khoản 2 Điều 5 "),
        Inline::Insert {
            content: vec![text("được "), strong("sửa đổi"), Inline::LineBreak],
        },
    ]));
    let bytes = write(&doc).expect("writes");
    keep("tracked-changes.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    let attrs = r#"w:author="Cục Công nghiệp địa phương" w:date="2025-11-05T00:00:00Z">"#;
    // Document order: the table cell (1, 2), the sample paragraph (3, 4), the new one (5).
    for (id, kind) in [(1, "del"), (2, "ins"), (3, "del"), (4, "ins"), (5, "ins")] {
        assert!(
            xml.contains(&format!(r#"<w:{kind} w:id="{id}" {attrs}"#)),
            "{kind} {id}"
        );
    }
    assert_eq!(xml.matches("<w:ins ").count(), 3);
    assert_eq!(xml.matches("<w:del ").count(), 2);
    // Deleted text is w:delText inside w:del; nothing is struck through by formatting.
    assert!(
        xml.contains(r#"<w:delText xml:space="preserve">500 triệu đồng</w:delText></w:r></w:del>"#)
    );
    assert!(xml.contains(r#"<w:delText xml:space="preserve">Tây</w:delText>"#));
    assert!(!xml.contains("<w:strike"));
    assert!(!texts(&xml).contains(&"500 triệu đồng".to_string()));
    let insertion = &xml[xml.find(r#"<w:ins w:id="2""#).expect("ins")..];
    assert!(insertion[..insertion.find("</w:ins>").expect("end")].contains(">Nội</w:t>"));
    // One w:ins holds all runs of one insertion, bold included.
    let last = &xml[xml.find(r#"<w:ins w:id="5""#).expect("ins 5")..];
    let last = &last[..last.find("</w:ins>").expect("end")];
    assert!(last.contains(">được </w:t>") && last.contains("<w:br w:type=\"textWrapping\" />"));
    assert!(run_of(last, "sửa đổi").contains("<w:b />"));
    docx_rs::read_docx(&bytes).expect("docx-rs reads the file back");
}

#[test]
fn tracked_changes_without_a_date_omit_it_and_escape_the_author_once() {
    let mut doc = sample();
    doc.meta.revision_date = String::new();
    doc.meta.author = "Vụ Pháp chế & Tổ \"soạn thảo\"".into();
    let bytes = write(&doc).expect("writes");
    let xml = part(&bytes, "word/document.xml");
    assert!(
        xml.contains(r#"<w:del w:id="1" w:author="Vụ Pháp chế &amp; Tổ &quot;soạn thảo&quot;">"#)
    );
    assert!(
        xml.contains(r#"<w:ins w:id="2" w:author="Vụ Pháp chế &amp; Tổ &quot;soạn thảo&quot;">"#)
    );
    assert!(!xml.contains("w:date"));
    docx_rs::read_docx(&bytes).expect("well-formed");
}

// ---------------------------------------------------------------------------
// Charts

#[test]
fn a_chart_image_is_an_inline_centred_picture_with_its_title_below() {
    let doc = sample();
    let Some(Block::Chart(chart)) = doc.body.iter().find(|b| matches!(b, Block::Chart(_))) else {
        panic!("the sample has a chart");
    };
    let _ = chart;
    let png = sample_chart_image().png;
    let bytes = write(&doc).expect("writes");
    keep("chart.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    let picture = paragraph_with(&xml, "<w:drawing>");
    assert!(picture.contains(r#"<w:jc w:val="center" />"#) && picture.contains("<w:keepNext />"));
    // 120 × 45 mm at 36 000 EMU per mm.
    assert!(picture.contains(r#"<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="4320000" cy="1620000" />"#));
    assert!(picture.contains(r#"<wp:docPr id="1" name="Figure" />"#));
    assert!(picture.contains(r#"<a:blip r:embed="rIdImage1" />"#));
    let title = "Biểu đồ 1. Tốc độ tăng IIP một số địa phương (%)";
    let after = &xml[xml.find(picture).expect("picture")..];
    let run = run_of(after, title);
    assert!(run.contains("<w:b />") && run.contains(r#"<w:sz w:val="22" />"#));
    assert!(paragraph_with(after, title).contains(r#"<w:jc w:val="center" />"#));
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdImage1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/rIdImage1.png""#));
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).expect("zip");
    let mut media = Vec::new();
    archive
        .by_name("word/media/rIdImage1.png")
        .expect("the picture is packed")
        .read_to_end(&mut media)
        .expect("reads");
    assert!(media == png, "the PNG is stored unchanged");
}

#[test]
fn two_charts_get_their_own_ids_and_a_wide_one_fits_the_text() {
    let mut doc = sample();
    let mut wide = sample_chart();
    wide.title = "Biểu đồ 2".into();
    let mut pictures = chart_pictures(&doc);
    pictures.push(ChartImage {
        png: bar_png(&[1.0, 2.0]),
        width_mm: 330.0,
        height_mm: 110.0,
    });
    doc.body.push(Block::Chart(wide));
    let bytes = crate::docx::write(&doc, &pictures).expect("writes");
    let xml = part(&bytes, "word/document.xml");
    assert!(xml.contains(r#"<wp:docPr id="1" name="Figure" />"#));
    assert!(xml.contains(r#"<wp:docPr id="2" name="Figure" />"#));
    assert!(xml.contains(r#"<a:blip r:embed="rIdImage2" />"#));
    // 9355 twips = 165.01 mm; height scaled by the same factor.
    assert!(
        xml.contains(r#"<wp:extent cx="5940425" cy="1980142" />"#),
        "scaled"
    );
    let rels = part(&bytes, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Target="media/rIdImage2.png""#));
}

#[test]
fn a_chart_without_an_image_prints_its_numbers_as_a_table() {
    let doc = sample();
    // No pictures given: the chart prints its numbers.
    let bytes = crate::docx::write(&doc, &[]).expect("writes");
    keep("chart-fallback.docx", &bytes);
    let xml = part(&bytes, "word/document.xml");
    assert!(!xml.contains("<w:drawing>"));
    let title = "Biểu đồ 1. Tốc độ tăng IIP một số địa phương (%)";
    assert!(run_of(&xml, title).contains("<w:b />"));
    let after = &xml[xml.find(title).expect("title")..];
    let table = &after[after.find("<w:tbl>").expect("table")..];
    let table = &table[..table.find("</w:tbl>").expect("end")];
    assert!(table.contains(r#"<w:jc w:val="center" />"#));
    for (label, value) in [
        ("Bắc Ninh", "24,5"),
        ("Hải Phòng", "18,7"),
        ("Đà Nẵng", "-2,8"),
    ] {
        assert!(run_of(table, label).contains(r#"<w:sz w:val="22" />"#));
        let cell = paragraph_with(table, &format!(">{value}</w:t>"));
        assert!(cell.contains(r#"<w:jc w:val="right" />"#), "{value}");
    }
    assert!(!table.contains("tblHeader"));
}

#[test]
fn a_chart_image_that_is_not_a_png_is_an_error() {
    let doc = sample();
    let mut pictures = chart_pictures(&doc);
    for p in &mut pictures {
        p.png = b"GIF89a....................".to_vec();
    }
    match crate::docx::write(&doc, &pictures) {
        Err(e @ DocxError::InvalidChart { .. }) => {
            let msg = e.to_string();
            assert!(msg.starts_with("chart \"Biểu đồ 1."), "{msg}");
            assert!(
                msg.contains("in the body: the chart image is not a PNG file"),
                "{msg}"
            );
            let vi = crate::i18n::Bilingual::message(&e, crate::i18n::Lang::Vi);
            assert!(vi.starts_with("biểu đồ \"Biểu đồ 1."), "{vi}");
            assert!(
                vi.contains("trong phần nội dung: ảnh biểu đồ không phải tệp PNG"),
                "{vi}"
            );
        }
        other => panic!("expected InvalidChart, got {:?}", other.map(|b| b.len())),
    }
}
