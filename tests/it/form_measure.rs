//! The form, measured (issue 18): for every built-in template over its samples, page 1
//! of the PDF (read from Typst's own laid-out frames: text runs with their widths and
//! baselines, drawn lines) and of the DOCX (document.xml, and, where LibreOffice is
//! installed, its PDF of the DOCX read back word by word) is measured as a văn thư would:
//!
//! - each short rule (under the agency, under the title) is 1/3–1/2 of the longest line
//!   of the text it stands under, and the rule under the Tiêu ngữ is as long as it;
//! - no header, title or signature line holds one word alone of a longer name;
//! - the header's lines are single-spaced (≈ 15–16 pt apart at 13–14 pt).

use crate::common;
use crate::parity::sample_documents;

use std::io::Read;
use std::path::Path;

use common::{tempdir, tool};
use typst::layout::{Frame, FrameItem, Point};
use typst::visualize::Geometry;
use vanban::document::Document;
use vanban::layout::{Weight, text_width_pt};
use vanban::{docx, pdf};

/// One printed line: pieces of text on one baseline with no wide gap between them.
#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    x1: f64,
    baseline: f64,
    size: f64,
    bold: bool,
    text: String,
}

impl Line {
    fn width(&self) -> f64 {
        self.x1 - self.x0
    }
    fn centre(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    fn words(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// A horizontal drawn line.
#[derive(Debug, Clone, Copy)]
struct Rule {
    x0: f64,
    x1: f64,
    y: f64,
}

/// The text lines and horizontal rules of one PDF page, in points from its top left.
fn pdf_page(frame: &Frame) -> (Vec<Line>, Vec<Rule>) {
    let mut pieces = Vec::new();
    let mut rules = Vec::new();
    walk(frame, Point::zero(), &mut pieces, &mut rules);
    (join_lines(pieces), rules)
}

fn walk(frame: &Frame, at: Point, pieces: &mut Vec<Line>, rules: &mut Vec<Rule>) {
    for (pos, item) in frame.items() {
        let p = at + *pos;
        match item {
            FrameItem::Group(g) => {
                let shift = Point::new(g.transform.tx, g.transform.ty);
                walk(&g.frame, p + shift, pieces, rules);
            }
            FrameItem::Text(t) => {
                let x0 = p.x.to_pt();
                pieces.push(Line {
                    x0,
                    x1: x0 + t.width().to_pt(),
                    baseline: p.y.to_pt(),
                    size: t.size.to_pt(),
                    bold: t.font.info().variant.weight.to_number() >= 600,
                    text: t.text.to_string(),
                });
            }
            FrameItem::Shape(shape, _) => {
                if let Geometry::Line(end) = shape.geometry
                    && end.y.to_pt().abs() < 0.01
                    && end.x.to_pt() > 1.0
                {
                    let x0 = p.x.to_pt();
                    rules.push(Rule {
                        x0,
                        x1: x0 + end.x.to_pt(),
                        y: p.y.to_pt(),
                    });
                }
            }
            _ => {}
        }
    }
}

/// Text runs on one baseline closer than a few spaces are one line; further apart (the
/// two header columns) they are two.
fn join_lines(mut pieces: Vec<Line>) -> Vec<Line> {
    pieces.sort_by(|a, b| {
        (a.baseline * 10.0)
            .round()
            .total_cmp(&(b.baseline * 10.0).round())
            .then(a.x0.total_cmp(&b.x0))
    });
    let mut lines: Vec<Line> = Vec::new();
    for p in pieces {
        if let Some(last) = lines.last_mut()
            && (last.baseline - p.baseline).abs() < 0.5
            && p.x0 - last.x1 < 1.5 * p.size
        {
            if p.x0 - last.x1 > 0.1 * p.size && !last.text.ends_with(' ') {
                last.text.push(' ');
            }
            last.text.push_str(&p.text);
            last.x1 = last.x1.max(p.x1);
            last.bold &= p.bold;
            continue;
        }
        lines.push(p);
    }
    for l in &mut lines {
        l.text = l.text.split_whitespace().collect::<Vec<_>>().join(" ");
        // Trailing spaces are in the run's width but print nothing.
        l.x1 = l.x0 + text_width_pt(&l.text, l.size, weight(l.bold)).min(l.width());
    }
    lines
}

fn weight(bold: bool) -> Weight {
    if bold { Weight::Bold } else { Weight::Regular }
}

/// The lines a rule stands under: the nearest line above it, centred over it, and the
/// lines of the same weight stacked above that one at a single line's pitch.
/// Only a rule `gap_pt` under a baseline counts (the form's rules; an underline or a
/// table's grid line sits elsewhere).
fn block_above<'a>(rule: &Rule, lines: &'a [Line], gap_pt: f64) -> Vec<&'a Line> {
    let centre = (rule.x0 + rule.x1) / 2.0;
    let centred = |l: &&Line| (l.centre() - centre).abs() < 2.0;
    let Some(last) = lines
        .iter()
        .filter(centred)
        .filter(|l| (rule.y - l.baseline - gap_pt).abs() < 1.5)
        .max_by(|a, b| a.baseline.total_cmp(&b.baseline))
    else {
        return Vec::new();
    };
    let mut block = vec![last];
    loop {
        let top = block[block.len() - 1];
        let next = lines
            .iter()
            .filter(centred)
            .filter(|l| l.bold == last.bold && l.baseline < top.baseline)
            .filter(|l| top.baseline - l.baseline < 1.5 * top.size)
            .max_by(|a, b| a.baseline.total_cmp(&b.baseline));
        match next {
            Some(l) => block.push(l),
            None => break,
        }
    }
    block
}

/// Asserts the rules, lone words and header pitch of page 1 of `doc`'s PDF; returns the
/// short rules' ratios and the header's line pitch.
fn measure_pdf(label: &str, doc: &Document) -> (Vec<f64>, f64) {
    let paged = pdf::compile(doc, pdf::Layout::Nd30).expect("lays out");
    let pages = paged.pages();
    let (lines, rules) = pdf_page(&pages[0].frame);
    let motto = &doc.layout.words.tieu_ngu;
    let mut ratios = Vec::new();
    let mut found_motto = false;
    for rule in &rules {
        let block = block_above(rule, &lines, doc.layout.rules.gap_pt);
        let Some(longest) = block.iter().map(|l| l.width()).reduce(f64::max) else {
            continue;
        };
        let ratio = (rule.x1 - rule.x0) / longest;
        let texts: Vec<&str> = block.iter().map(|l| l.text.as_str()).collect();
        if block[0].text == *motto {
            found_motto = true;
            let ratio = (rule.x1 - rule.x0) / block[0].width();
            assert!(
                (0.97..=1.03).contains(&ratio),
                "{label}: the rule under the Tiêu ngữ is {ratio:.2} of it"
            );
            continue;
        }
        assert!(
            (1.0 / 3.0 - 0.01..=0.51).contains(&ratio),
            "{label}: a rule of {:.1} pt under {texts:?} (longest {longest:.1} pt) is {ratio:.2} of it, not 1/3–1/2",
            rule.x1 - rule.x0
        );
        if block.len() > 1 {
            assert!(
                block.iter().all(|l| l.words() > 1),
                "{label}: a line holds one word alone in {texts:?}"
            );
            // The lines of a name or title are single-spaced.
            for pair in block.windows(2) {
                let pitch = pair[0].baseline - pair[1].baseline;
                assert!(
                    pitch <= 1.2 * pair[0].size,
                    "{label}: {texts:?} are {pitch:.1} pt apart at {} pt",
                    pair[0].size
                );
            }
        }
        ratios.push(ratio);
    }
    assert!(found_motto, "{label}: no rule under the Tiêu ngữ on page 1");
    let expected = usize::from(!doc.header.agency.trim().is_empty())
        + usize::from(!doc.header.doc_type.trim().is_empty());
    assert!(
        ratios.len() >= expected,
        "{label}: {} short rules measured on page 1, {expected} expected",
        ratios.len()
    );
    // Header pitch: the Quốc hiệu's line to the Tiêu ngữ's, single spacing.
    let quoc_hieu = lines
        .iter()
        .find(|l| l.text == doc.layout.words.quoc_hieu)
        .expect("the Quốc hiệu on page 1");
    let tieu_ngu = lines
        .iter()
        .find(|l| l.text == *motto)
        .expect("the Tiêu ngữ on page 1");
    let pitch = tieu_ngu.baseline - quoc_hieu.baseline;
    let body = doc.layout.fonts.body_pt;
    assert!(
        (1.05 * body..=1.2 * body).contains(&pitch),
        "{label}: the header's lines are {pitch:.1} pt apart at {body} pt (single: ≈ {:.1})",
        1.149 * body
    );
    // Signature labels, on any page: no line is the last word of a longer label alone.
    let all: Vec<Line> = pages.iter().flat_map(|p| pdf_page(&p.frame).0).collect();
    for s in &doc.signatures {
        for source in &s.lines {
            let words: Vec<&str> = source.split_whitespace().collect();
            if words.len() < 2 {
                continue;
            }
            let tail = words[words.len() - 1];
            assert!(
                !all.iter().any(|l| l.bold && l.text == tail),
                "{label}: the signature label {source:?} leaves {tail:?} alone on a line"
            );
        }
    }
    (ratios, pitch)
}

/// A paragraph of document.xml: its text, and for a rule paragraph its length in points.
#[derive(Debug)]
struct Para {
    text: String,
    rule_pt: Option<f64>,
    /// The table cell it is in (numbered from 1 in document order), 0 in the body.
    cell: usize,
}

/// The paragraphs of page 1's header block and title, from document.xml: each rule's
/// length is the width it is drawn in (its cell's, or the text width) less its indents.
fn docx_paragraphs(xml: &str, text_width_twips: f64) -> Vec<Para> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut cell: Option<f64> = None;
    let (mut cells, mut in_cell) = (0, 0);
    let mut in_text = false;
    let mut text = String::new();
    let mut bottom = false;
    let mut indent = 0.0;
    let attr = |e: &quick_xml::events::BytesStart, name: &str| -> Option<f64> {
        e.attributes().flatten().find_map(|a| {
            (a.key.as_ref() == name)
                .then(|| a.value.parse().ok())
                .flatten()
        })
    };
    loop {
        match reader.read_event().expect("well-formed") {
            quick_xml::events::Event::Eof => break,
            quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e) => {
                match e.name().as_ref() {
                    "w:tcW" => cell = attr(&e, "w:w"),
                    "w:tc" => {
                        cells += 1;
                        in_cell = cells;
                    }
                    "w:p" => {
                        text.clear();
                        bottom = false;
                        indent = 0.0;
                    }
                    "w:bottom" => bottom = true,
                    "w:ind" => indent = attr(&e, "w:left").unwrap_or(0.0),
                    "w:t" => in_text = true,
                    _ => {}
                }
            }
            quick_xml::events::Event::Text(t) if in_text => text.push_str(&t.into_inner()),
            quick_xml::events::Event::End(e) => match e.name().as_ref() {
                "w:t" => in_text = false,
                "w:tc" => {
                    cell = None;
                    in_cell = 0;
                }
                "w:p" => {
                    let width = cell.unwrap_or(text_width_twips);
                    out.push(Para {
                        text: text.trim().to_string(),
                        rule_pt: (bottom && text.trim().is_empty())
                            .then(|| (width - 2.0 * indent) / 20.0),
                        cell: in_cell,
                    });
                }
                _ => {}
            },
            _ => {}
        }
    }
    out
}

/// document.xml of a DOCX.
fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("zip");
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .expect("document.xml")
        .read_to_string(&mut xml)
        .expect("utf-8");
    xml
}

/// The rules of document.xml with the lines (paragraphs) just above each, until an empty
/// paragraph or another rule; the Tiêu ngữ's rule is left out (it is as long as its text
/// by construction, asserted in the PDF).
fn docx_rules(paras: &[Para], motto: &str) -> Vec<(f64, Vec<String>)> {
    let mut out = Vec::new();
    for (i, p) in paras.iter().enumerate() {
        let Some(rule) = p.rule_pt else { continue };
        let mut block = Vec::new();
        for q in paras[..i].iter().rev() {
            if q.text.is_empty() || q.rule_pt.is_some() || q.cell != p.cell {
                break;
            }
            block.push(q.text.clone());
            // The header cells hold the parent agency above the agency; the title has the
            // tên loại above the trích yếu: the longest line decides either way.
        }
        if block.first().is_some_and(|t| t == motto) {
            continue;
        }
        out.push((rule, block));
        if out.len() == 2 {
            break;
        }
    }
    out
}

/// The PDF's text as LibreOffice printed it: each line's words and width (points), from
/// `pdftotext -bbox-layout`.
fn libreoffice_lines(pdf: &Path) -> Vec<(String, f64)> {
    let out = std::process::Command::new("pdftotext")
        .args(["-f", "1", "-l", "1", "-bbox-layout"])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let html = String::from_utf8_lossy(&out.stdout).into_owned();
    let num = |s: &str, key: &str| -> f64 {
        let at = s.find(&format!("{key}=\"")).expect("attribute") + key.len() + 2;
        s[at..at + s[at..].find('"').expect("q")]
            .parse()
            .expect("number")
    };
    html.split("<line ")
        .skip(1)
        .map(|chunk| {
            let chunk = &chunk[..chunk.find("</line>").unwrap_or(chunk.len())];
            let words: Vec<String> = chunk
                .split("<word ")
                .skip(1)
                .map(|w| {
                    let t = &w[w.find('>').expect("tag") + 1..];
                    common::unescape_xml(&t[..t.find("</word>").expect("end")])
                })
                .collect();
            (words.join(" "), num(chunk, "xMax") - num(chunk, "xMin"))
        })
        .collect()
}

#[test]
fn every_sample_has_its_rules_lines_and_pitch_in_both_outputs() {
    let dir = tempdir();
    let docs = sample_documents(dir.path());
    let lo = tool("soffice") && tool("pdftotext");
    let profile = dir.path().join("lo-profile");
    let mut seen = Vec::new();
    let mut report = Vec::new();
    for (i, (label, doc)) in docs.iter().enumerate() {
        if doc.header.agency_only {
            // A register book's cover is a form without Quốc hiệu, title or signatures.
            continue;
        }
        let measured = vanban::layout::measure(doc);
        let (pdf_ratios, pitch) = measure_pdf(label, doc);
        let charts = pdf::chart_images(doc).expect("chart pictures");
        let bytes = docx::write(doc, &charts).expect("writes");
        let xml = document_xml(&bytes);
        let text_width = measured.text_width_pt * 20.0;
        let paras = docx_paragraphs(&xml, text_width);
        let rules = docx_rules(&paras, &doc.layout.words.tieu_ngu);
        let expected = usize::from(!doc.header.agency.trim().is_empty())
            + usize::from(!doc.header.doc_type.trim().is_empty());
        assert!(
            rules.len() >= expected,
            "{label}: {} short rules in document.xml, {expected} expected",
            rules.len()
        );
        // The DOCX's lines, measured in Times metrics (Liberation Serif's advances); where
        // LibreOffice is installed, as it lays them out.
        let family = label.split(' ').next().unwrap_or_default().to_string();
        let lo_lines = if lo && !seen.contains(&family) {
            seen.push(family);
            let path = dir.path().join(format!("{i}.docx"));
            std::fs::write(&path, &bytes).expect("writes the DOCX");
            let outdir = dir.path().join(format!("lo-{i}"));
            let o = std::process::Command::new("soffice")
                .arg(format!(
                    "-env:UserInstallation=file://{}",
                    profile.display()
                ))
                .args(["--headless", "--convert-to", "pdf", "--outdir"])
                .arg(&outdir)
                .arg(&path)
                .output()
                .expect("soffice runs");
            assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
            Some(libreoffice_lines(&outdir.join(format!("{i}.pdf"))))
        } else {
            None
        };
        let mut docx_ratios = Vec::new();
        for (rule, block) in &rules {
            // The agency's rule measures the agency's lines (not the parent agency's, in
            // the same cell), at the header's size; the title's the title's lines.
            let agency = block.iter().any(|t| measured.agency_lines.contains(t));
            let block: Vec<String> = block
                .iter()
                .filter(|t| !agency || measured.agency_lines.contains(t))
                .cloned()
                .collect();
            let size = if agency {
                doc.layout.fonts.small_pt
            } else {
                doc.layout.fonts.body_pt
            };
            let longest = match &lo_lines {
                Some(lo) => block
                    .iter()
                    .map(|t| {
                        // Each paragraph prints as one line: LibreOffice has it whole.
                        lo.iter()
                            .find(|(words, _)| words == t)
                            .map(|(_, w)| *w)
                            .unwrap_or_else(|| {
                                panic!("{label}: LibreOffice breaks {t:?} (lines: {lo:?})")
                            })
                    })
                    .fold(0.0, f64::max),
                None => block
                    .iter()
                    .map(|t| text_width_pt(t, size, Weight::Bold))
                    .fold(0.0, f64::max),
            };
            let ratio = rule / longest;
            assert!(
                (1.0 / 3.0 - 0.02..=0.52).contains(&ratio),
                "{label}: DOCX rule of {rule:.1} pt under {block:?} (longest {longest:.1} pt) is {ratio:.2} of it"
            );
            if block.len() > 1 {
                assert!(
                    block.iter().all(|t| t.split_whitespace().count() > 1),
                    "{label}: DOCX line with one word alone in {block:?}"
                );
            }
            docx_ratios.push(ratio);
        }
        report.push(format!(
            "{label}: rules/line PDF {pdf_ratios:.2?} DOCX {docx_ratios:.2?}, header pitch {pitch:.1} pt"
        ));
    }
    eprintln!("{}", report.join("\n"));
}

/// `check` on the periodic report: a Nơi nhận line holding two recipients and an appendix
/// the body never names are warnings; the agency broken by the header is a note that shows
/// the break. The built-in report names its appendices and has one recipient per line.
#[test]
fn check_warns_of_two_recipients_on_a_line_and_of_appendices_never_named() {
    let dir = tempdir();
    let tpl = dir.path().join("bao-cao-dinh-ky");
    std::fs::create_dir(&tpl).expect("a folder");
    let source = common::root().join("templates/bao-cao-dinh-ky");
    for entry in std::fs::read_dir(&source).expect("the built-in template") {
        let path = entry.expect("an entry").path();
        std::fs::copy(&path, tpl.join(path.file_name().expect("a name"))).expect("copies");
    }
    let wb = common::root().join("samples/bao-cao-dinh-ky-quy.xlsx");
    let check = |lang: &str| {
        let o = common::vanban(&[
            "--lang",
            lang,
            "check",
            tpl.to_str().expect("utf-8"),
            "--data",
            wb.to_str().expect("utf-8"),
        ]);
        String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr)
    };
    let clean = check("en");
    assert!(clean.contains("no problems found"), "{clean}");
    assert!(
        clean.contains("note: the agency name does not fit one line and will be broken: CỤC CÔNG NGHIỆP / ĐỊA PHƯƠNG"),
        "{clean}"
    );
    let body = tpl.join("body.md.hbs");
    let text = std::fs::read_to_string(&body).expect("reads");
    assert!(text.contains(" (chi tiết tại Phụ lục I)"));
    std::fs::write(&body, text.replace(" (chi tiết tại Phụ lục I)", "")).expect("writes");
    let manifest = tpl.join("template.toml");
    let text = std::fs::read_to_string(&manifest).expect("reads");
    let text = text.replacen(
        "  \"Lưu: VT,",
        "  \"Công báo; Cổng Thông tin điện tử Chính phủ\",\n  \"Lưu: VT,",
        1,
    );
    std::fs::write(&manifest, text).expect("writes");
    let en = check("en");
    assert!(
        en.contains("warning: the document has Phụ lục I but its body never names it"),
        "{en}"
    );
    assert!(!en.contains("has Phụ lục II but"), "{en}");
    assert!(
        en.contains("warning: the Nơi nhận line \"Công báo; Cổng Thông tin điện tử Chính phủ\" has a \";\" inside"),
        "{en}"
    );
    let vi = check("vi");
    assert!(
        vi.contains("văn bản có Phụ lục I nhưng phần nội dung không nhắc đến"),
        "{vi}"
    );
    assert!(
        vi.contains("có dấu \";\" ở giữa: mỗi nơi nhận một dòng"),
        "{vi}"
    );
}

/// An inserted article keeps its structure in the draft circular and in the comparison
/// table, in both outputs: its title "Điều 5a. Khuyến công xanh" is a line of its own
/// (the workbook cell has the line break), not run into its first sentence.
#[test]
fn inserted_articles_keep_their_title_on_its_own_line() {
    let dir = tempdir();
    let title = "Điều 5a. Khuyến công xanh";
    let docs = sample_documents(dir.path());
    let mut seen = 0;
    for (label, doc) in &docs {
        if !(label.starts_with("du-thao-thong-tu ") || label.starts_with("bang-so-sanh ")) {
            continue;
        }
        seen += 1;
        let paged = pdf::compile(doc, pdf::Layout::Nd30).expect("lays out");
        let lines: Vec<Line> = paged
            .pages()
            .iter()
            .flat_map(|p| pdf_page(&p.frame).0)
            .collect();
        assert!(
            lines
                .iter()
                .any(|l| l.text.trim_start_matches('“') == title),
            "{label}: the PDF runs {title:?} into the next words"
        );
        let charts = pdf::chart_images(doc).expect("chart pictures");
        let xml = document_xml(&docx::write(doc, &charts).expect("writes"));
        let at = xml
            .find("Khuyến công xanh")
            .expect("the article in document.xml");
        let after = &xml[at..];
        // The title ends its paragraph (the draft), or a line break follows it (a cell).
        let paragraph_end = after.find("</w:p>").expect("paragraph end");
        let next_text = after.find("Hỗ trợ").expect("the article's text");
        assert!(
            paragraph_end < next_text || after[..next_text].contains("<w:br "),
            "{label}: the DOCX runs {title:?} into the next words"
        );
    }
    assert_eq!(seen, 2, "the draft circular and the comparison table");
}

/// An unknown `docx_changes` is an error naming template.toml and the two settings, in
/// both languages.
#[test]
fn an_unknown_docx_changes_setting_is_refused_with_the_choices() {
    let dir = tempdir();
    let tpl = dir.path().join("bang-so-sanh");
    std::fs::create_dir(&tpl).expect("a folder");
    let source = common::root().join("templates/bang-so-sanh");
    for entry in std::fs::read_dir(&source).expect("the built-in template") {
        let path = entry.expect("an entry").path();
        std::fs::copy(&path, tpl.join(path.file_name().expect("a name"))).expect("copies");
    }
    let manifest = tpl.join("template.toml");
    let text = std::fs::read_to_string(&manifest).expect("reads");
    assert!(text.contains("docx_changes = \"marks\""));
    std::fs::write(
        &manifest,
        text.replace("docx_changes = \"marks\"", "docx_changes = \"mau\""),
    )
    .expect("writes");
    let wb = common::root().join("samples/du-thao-thong-tu.xlsx");
    let out = dir.path().join("out");
    for (lang, words) in [
        (
            "en",
            "is not a way of showing changes in the DOCX; use \"marks\"",
        ),
        (
            "vi",
            "không phải cách ghi thay đổi của DOCX; dùng \"marks\"",
        ),
    ] {
        let o = common::vanban(&[
            "--lang",
            lang,
            "render",
            tpl.to_str().expect("utf-8"),
            "--data",
            wb.to_str().expect("utf-8"),
            "-o",
            out.to_str().expect("utf-8"),
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "{err}");
        assert!(
            err.contains("template.toml") && err.contains(words),
            "{err}"
        );
    }
    assert!(!out.exists() || std::fs::read_dir(&out).expect("lists").next().is_none());
}
