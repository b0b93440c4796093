//! One template, two files, the same words: for every built-in template over its bundled
//! samples (render, and every row of every per-row job of the sample batch files) and for
//! test templates that try the header and closing variants, the PDF — its text read from
//! Typst's own laid-out frames — and the DOCX's document.xml hold the same words in the
//! same order. The PDF may add only what it repeats or draws: table header rows repeated
//! on later pages, page numbers, and the labels and values drawn inside a chart (the
//! DOCX shows the chart as a picture). Where LibreOffice is installed, each sample's DOCX
//! converted to PDF has as many pages as vanban's PDF.

use crate::common;

use std::io::Read;
use std::path::Path;

use common::{root, tempdir, tool, write_workbook};
use serde_json::Value as Json;
use typst::layout::{Frame, FrameItem};
use vanban::document::{Block, Document, Inline};
use vanban::template::{Renderer, Template, build_context};
use vanban::workbook::{Dataset, key_of};
use vanban::{docx, pdf};

/// The words of a PDF layout, page by page in frame order.
fn pdf_words(doc: &Document) -> (Vec<String>, usize) {
    let paged = pdf::compile(doc, pdf::Layout::Nd30).expect("lays out");
    let mut text = String::new();
    for page in paged.pages() {
        frame_text(&page.frame, &mut text);
    }
    (words(&text), paged.pages().len())
}

fn frame_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => frame_text(&g.frame, out),
            FrameItem::Text(t) => {
                out.push_str(&t.text);
                out.push(' ');
            }
            _ => {}
        }
    }
}

/// The words of the DOCX writer's document.xml: the text of `w:t` and `w:delText`.
fn docx_words(doc: &Document) -> Vec<String> {
    let charts = pdf::chart_images(doc).expect("chart pictures");
    let bytes = docx::write(doc, &charts).expect("writes");
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let mut text = String::new();
    let mut inside = false;
    loop {
        match reader.read_event().expect("well-formed") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) => {
                inside = matches!(e.name().as_ref(), "w:t" | "w:delText");
            }
            quick_xml::events::Event::End(e) => {
                // Runs of one paragraph join; paragraphs (and so cells) are words apart.
                if e.name().as_ref() == "w:p" {
                    text.push(' ');
                }
                inside = false;
            }
            quick_xml::events::Event::Text(t) if inside => text.push_str(&t.into_inner()),
            quick_xml::events::Event::GeneralRef(r) if inside => {
                let s = quick_xml::escape::resolve_predefined_entity(&r).unwrap_or("");
                text.push_str(s);
            }
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == "w:br" => text.push(' '),
            _ => {}
        }
    }
    words(&text)
}

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Words the PDF may add: table header cells (repeated on later pages), chart labels
/// and values (drawn in the PDF, a picture in the DOCX).
fn repeatable(doc: &Document) -> Vec<String> {
    fn inline_text(xs: &[Inline], out: &mut String) {
        for x in xs {
            match x {
                Inline::Text { text } | Inline::Code { text } => out.push_str(text),
                Inline::Strong { content }
                | Inline::Emph { content }
                | Inline::Strike { content }
                | Inline::Insert { content }
                | Inline::Delete { content } => inline_text(content, out),
                Inline::LineBreak => out.push(' '),
            }
            out.push(' ');
        }
    }
    fn blocks(bs: &[Block], out: &mut String) {
        for b in bs {
            match b {
                Block::Table(t) => {
                    for r in &t.header {
                        for c in &r.cells {
                            inline_text(&c.content, out);
                        }
                    }
                }
                Block::Chart(c) => {
                    for bar in &c.bars {
                        out.push_str(&format!(" {} {} ", bar.label, bar.display));
                    }
                }
                Block::List { items, .. } => items.iter().for_each(|i| blocks(i, out)),
                _ => {}
            }
        }
    }
    let mut s = String::new();
    blocks(&doc.body, &mut s);
    for a in &doc.appendices {
        blocks(&a.body, &mut s);
    }
    words(&s)
}

/// Asserts that the DOCX words appear in the PDF in the same order, and that every PDF
/// word the DOCX lacks is a page number; table header and chart words are compared by
/// count (the PDF repeats header rows on each page and draws the chart's labels).
fn assert_same_words(label: &str, doc: &Document) -> usize {
    let (pdf, pages) = pdf_words(doc);
    let docx = docx_words(doc);
    assert!(!docx.is_empty(), "{label}: the DOCX has no words");
    let extra_ok = repeatable(doc);
    // Table header words (Typst lays out spanning header cells in its own order and
    // repeats header rows) and chart words are compared as counts; the rest in order.
    for w in &extra_ok {
        let (d, p) = (
            docx.iter().filter(|x| *x == w).count(),
            pdf.iter().filter(|x| *x == w).count(),
        );
        assert!(
            p >= d,
            "{label}: {w:?} is {d} times in the DOCX, {p} in the PDF"
        );
    }
    let pdf: Vec<String> = pdf.into_iter().filter(|w| !extra_ok.contains(w)).collect();
    let docx: Vec<String> = docx.into_iter().filter(|w| !extra_ok.contains(w)).collect();
    let mut p = 0;
    let mut extras = Vec::new();
    for (i, w) in docx.iter().enumerate() {
        let start = p;
        loop {
            let Some(candidate) = pdf.get(p) else {
                let context = docx[i.saturating_sub(8)..(i + 8).min(docx.len())].join(" ");
                let pdf_context =
                    pdf[start.saturating_sub(8)..(start + 8).min(pdf.len())].join(" ");
                panic!(
                    "{label}: DOCX word {i} {w:?} not found in the PDF in order\n  DOCX: …{context}…\n  PDF:  …{pdf_context}…"
                );
            };
            p += 1;
            if candidate == w {
                break;
            }
            // A line broken after "/" or "-" splits one word over two PDF lines.
            if w.starts_with(candidate.as_str()) {
                let mut joined = candidate.clone();
                let mut q = p;
                while joined.len() < w.len()
                    && let Some(next) = pdf.get(q)
                    && w.starts_with(&format!("{joined}{next}"))
                {
                    joined.push_str(next);
                    q += 1;
                }
                if joined == *w {
                    p = q;
                    break;
                }
            }
            extras.push(candidate.clone());
        }
    }
    extras.extend(pdf[p..].iter().cloned());
    let unexplained: Vec<&String> = extras
        .iter()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect();
    assert!(
        unexplained.is_empty(),
        "{label}: words only the PDF has: {unexplained:?}"
    );
    pages
}

/// Every document the built-in templates make from the bundled samples: one per render
/// (templates/X over samples/X*.xlsx) and one per row of each per-row batch job.
fn sample_documents(book_dir: &Path) -> Vec<(String, Document)> {
    let book_dir = book_dir.to_path_buf();
    let mut out = Vec::new();
    let samples = root().join("samples");
    let mut files: Vec<_> = std::fs::read_dir(&samples)
        .expect("samples/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let per_row: Vec<(String, String, String)> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .filter_map(|p| toml::from_str::<toml::Table>(&std::fs::read_to_string(p).ok()?).ok())
        .flat_map(|t| {
            t.get("job")
                .and_then(|j| j.as_array())
                .cloned()
                .unwrap_or_default()
        })
        .filter_map(|job| {
            let name = |k: &str| job.get(k).and_then(|v| v.as_str()).map(String::from);
            let template = Path::new(&name("template")?)
                .file_name()?
                .to_string_lossy()
                .into_owned();
            Some((template, name("workbook")?, name("rows")?))
        })
        .collect();
    for template in common::built_in_templates() {
        let dir = root().join("templates").join(&template);
        let t = Template::load(&dir).expect("loads");
        let renderer = Renderer::new(&t).expect("compiles");
        if common::is_register_book(&template) {
            // Printed from a register: its workbook is the one `register print` writes.
            let (_, xlsx) = common::register_book(&book_dir, "both");
            let data = Dataset::open(&xlsx, &t.read_options()).expect("opens");
            let ctx = build_context(&t, &data).expect("context");
            let doc = renderer.render(&ctx).expect("renders").document;
            out.push((format!("{template} register"), doc));
            continue;
        }
        if let Some((_, workbook, rows)) = per_row.iter().find(|(n, _, _)| *n == template) {
            let data = Dataset::open(&samples.join(workbook), &t.read_options()).expect("opens");
            let ctx = build_context(&t, &data).expect("context");
            let rows_json = ctx[key_of(rows)]
                .as_array()
                .cloned()
                .expect("the row sheet");
            for (i, row) in rows_json.into_iter().enumerate() {
                let mut c = ctx.clone();
                c["row"] = row;
                c["row_number"] = Json::from(i + 2);
                let doc = renderer.render(&c).expect("renders a row").document;
                out.push((format!("{template} row {}", i + 1), doc));
            }
            continue;
        }
        for wb in &files {
            let stem = wb
                .file_stem()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            let ours = stem == template || stem.starts_with(&format!("{template}-"));
            let ours = ours || template == "bang-so-sanh" && stem == "du-thao-thong-tu";
            if !ours || wb.extension().is_none_or(|e| e != "xlsx") {
                continue;
            }
            let data = Dataset::open(wb, &t.read_options()).expect("opens");
            let ctx = build_context(&t, &data).expect("context");
            let doc = renderer.render(&ctx).expect("renders").document;
            out.push((format!("{template} {stem}"), doc));
        }
    }
    for template in common::built_in_templates() {
        assert!(
            out.iter()
                .any(|(l, _)| l.starts_with(&format!("{template} "))),
            "templates/{template} made no document"
        );
    }
    out
}

#[test]
fn every_sample_prints_the_same_words_in_pdf_and_docx() {
    let dir = tempdir();
    let docs = sample_documents(dir.path());
    for (label, doc) in &docs {
        assert_same_words(label, doc);
    }
}

/// The variants of the header and the closing, as a template author would type them.
#[test]
fn header_and_closing_variants_print_the_same_words() {
    let dir = tempdir();
    let wb = dir.path().join("d.xlsx");
    write_workbook(&wb, &[("Tên", "x")], &["một", "hai"]);
    let recipients: Vec<String> = (1..=30).map(|i| format!("\"Đơn vị số {i}\"")).collect();
    let signature = |title: &str, name: &str| {
        format!(
            "[[signatures]]\ntitle = \"{title}\"\nname = \"{name}\"\nhint = \"(Ký, ghi rõ họ tên)\"\n\n"
        )
    };
    let variants: Vec<(&str, String, String)> = vec![
        (
            "ordinary-case names, empty ký hiệu",
            "parent_agency = \"Bộ Công Thương\"\nagency = \"Cục Công nghiệp địa phương\"\nnumber = \"45\"\nsymbol = \"\"\nplace = \"Hà Nội\"\ndate = \"2025-11-05\"\ndoc_type = \"Báo cáo\"\nsummary = \"Tình hình tháng 10\"\n".into(),
            "[signature]\ntitle = \"Cục trưởng\"\nname = \"Nguyễn Văn A\"\n\n[distribution]\nrecipients = [\"Như trên\", \"Lưu: VT, CNĐP\"]\n".into(),
        ),
        (
            "công văn without tên loại, several addressees",
            "agency = \"CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG\"\nnumber = \"\"\nsymbol = \"CNĐP-KC\"\nplace = \"Hà Nội\"\ndate = \"\"\nsummary = \"V/v báo cáo tình hình sản xuất\"\n".into(),
            "[signature]\nauthority = \"KT.\"\nhead = \"CỤC TRƯỞNG\"\ntitle = \"PHÓ CỤC TRƯỞNG\"\nname = \"Trần Văn B\"\n\n[distribution]\naddressees = [\"Sở Công Thương Hà Nội\", \"Sở Công Thương Huế\"]\nrecipients = [\"Như trên\", \"Lưu: VT, KC\"]\n".into(),
        ),
        (
            "tên loại alone, 30 Nơi nhận lines",
            "agency = \"CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG\"\nnumber = \"7\"\nsymbol = \"TB-CNĐP\"\nplace = \"Hà Nội\"\ndate = \"2025-11-05\"\ndoc_type = \"THÔNG BÁO\"\nsummary = \"\"\n".into(),
            format!(
                "[signature]\ntitle = \"CỤC TRƯỞNG\"\nname = \"Nguyễn Văn A\"\n\n[distribution]\nrecipients = [{}, \"Lưu: VT, CNĐP\"]\n",
                recipients.join(", ")
            ),
        ),
        (
            "two signatures",
            "agency = \"ĐOÀN KIỂM TRA\"\nnumber = \"3\"\nsymbol = \"BB-ĐKT\"\nplace = \"Hà Nội\"\ndate = \"2025-11-05\"\ndoc_type = \"BIÊN BẢN\"\nsummary = \"Kiểm tra đề án\"\n".into(),
            format!("{}{}", signature("Thư ký", "Lê Thị C"), signature("Chủ tọa", "Phạm Văn D")),
        ),
        (
            "four signatures with appendices",
            "agency = \"ĐOÀN KIỂM TRA\"\nnumber = \"3\"\nsymbol = \"BB-ĐKT\"\nplace = \"Hà Nội\"\ndate = \"2025-11-05\"\ndoc_type = \"BIÊN BẢN\"\nsummary = \"Kiểm tra đề án\"\n".into(),
            format!(
                "{}{}{}{}[distribution]\nrecipients = [\"Các thành viên\", \"Lưu: VT, Hồ sơ\"]\n\n[[appendix]]\nlabel = \"Phụ lục I\"\ntitle = \"Danh sách thành phần\"\nnote = \"(Kèm theo Biên bản số 03/BB-ĐKT)\"\nbody = \"phu-luc.md.hbs\"\n\n[[appendix]]\nlabel = \"Phụ lục II\"\ntitle = \"Bảng số liệu\"\nnote = \"\"\nlandscape = true\nbody = \"phu-luc.md.hbs\"\n",
                signature("Đại diện đơn vị được kiểm tra", "A"),
                signature("Đại diện Sở Công Thương", "B"),
                signature("Thư ký", "C"),
                signature("Trưởng đoàn", "D")
            ),
        ),
    ];
    let mut made = Vec::new();
    for (i, (label, header, rest)) in variants.iter().enumerate() {
        let tpl = dir.path().join(format!("v{i}"));
        std::fs::create_dir_all(&tpl).expect("folder");
        std::fs::write(
            tpl.join("template.toml"),
            format!(
                "[template]\nname = \"v{i}\"\ntitle = \"{label}\"\nsizes = \"{}\"\noutput = \"v{i}\"\n\n[data.meta]\nsheet = \"Thông tin\"\nkind = \"key-value\"\n\n[data.dong]\nsheet = \"Dữ liệu\"\n\n[header]\n{header}\n{rest}",
                if i % 2 == 0 { "13/14/14" } else { "12/13/13" }
            ),
        )
        .expect("manifest");
        let body = "## I. Nội dung\n\nĐoạn văn thứ nhất của {{meta.ten}}.\n\n| STT | Nội dung |\n|---|---|\n{{#each dong}}| {{stt}} | {{noi_dung}} |\n{{/each}}\n\n- ý một;\n- ý hai.\n";
        std::fs::write(tpl.join("body.md.hbs"), body).expect("body");
        std::fs::write(
            tpl.join("phu-luc.md.hbs"),
            "| STT | Nội dung |\n|---|---|\n{{#each dong}}| {{stt}} | {{noi_dung}} |\n{{/each}}\n",
        )
        .expect("appendix");
        let t = Template::load(&tpl).unwrap_or_else(|e| panic!("{label}: {e}"));
        let data = Dataset::open(&wb, &t.read_options()).expect("opens");
        let ctx = build_context(&t, &data).expect("context");
        let doc = Renderer::new(&t)
            .and_then(|r| r.render(&ctx))
            .unwrap_or_else(|e| panic!("{label}: {e}"))
            .document;
        assert_same_words(label, &doc);
        // Every variant's DOCX is also one Word accepts (see docx_schema.rs).
        let charts = pdf::chart_images(&doc).expect("chart pictures");
        let file = dir.path().join(format!("v{i}.docx"));
        std::fs::write(&file, docx::write(&doc, &charts).expect("writes")).expect("saved");
        made.push(file);
        if i == 0 {
            // Ordinary case in, the decree's capitals out, in both files.
            let docx = docx_words(&doc).join(" ");
            assert!(
                docx.contains("BỘ CÔNG THƯƠNG CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG"),
                "{docx}"
            );
            assert!(
                docx.contains("BÁO CÁO") && docx.contains("CỤC TRƯỞNG"),
                "{docx}"
            );
            assert!(docx.contains("Số: 45 "), "no dangling '/': {docx}");
        }
    }
    if let Some(validator) = common::ooxml_validator() {
        let files: Vec<&Path> = made.iter().map(|p| p.as_path()).collect();
        let report = common::ooxml_violations(&validator, &files);
        assert!(report.is_empty(), "OOXML violations:\n{report}");
    }
}

/// Where LibreOffice is installed, each sample's DOCX has as many pages as its PDF.
#[test]
fn every_sample_docx_has_the_pdf_page_count_in_libreoffice() {
    if !tool("soffice") || !tool("pdfinfo") {
        return;
    }
    let out = tempdir();
    let made = common::make_every_sample(out.path(), "both");
    let lo = out.path().join("lo");
    let profile = out.path().join("lo-profile");
    // One document per template family and sample workbook (the per-row jobs share one
    // layout; their first document stands for the rest).
    let mut seen = Vec::new();
    let docx: Vec<_> = made
        .with_ext("docx")
        .into_iter()
        .filter(|(t, p)| {
            let key = format!(
                "{t}/{}",
                p.parent()
                    .map(|d| d.display().to_string())
                    .unwrap_or_default()
            );
            !seen.contains(&key) && {
                seen.push(key);
                true
            }
        })
        .collect();
    let pages = |pdf: &Path| -> usize {
        let info = common::poppler("pdfinfo", pdf).expect("pdfinfo");
        info.lines()
            .find_map(|l| l.strip_prefix("Pages:"))
            .and_then(|n| n.trim().parse().ok())
            .expect("a page count")
    };
    for (i, (template, d)) in docx.into_iter().enumerate() {
        let outdir = lo.join(i.to_string());
        let o = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&outdir)
            .arg(d)
            .output()
            .expect("soffice runs");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let ours = d.with_extension("pdf");
        let theirs = outdir
            .join(d.file_name().expect("a name"))
            .with_extension("pdf");
        assert_eq!(
            pages(&theirs),
            pages(&ours),
            "{template}: {} has another page count in LibreOffice",
            d.display()
        );
    }
}
