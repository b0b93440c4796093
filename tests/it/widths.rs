//! Table column widths (issue 17, item 6): the alignment row's dashes give relative widths,
//! honoured by both writers from the one value of the document model, and no column is
//! narrower than its longest word ("STT" never prints as S/T/T).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// The Tờ trình starting point (its sample workbook included), with its table's alignment
/// row replaced by `align`.
fn to_trinh(dir: &Path, align: Option<&str>) -> PathBuf {
    let tpl = dir.join("to-trinh");
    let o = vanban(&["new", "to-trinh", tpl.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    if let Some(align) = align {
        let body = std::fs::read_to_string(tpl.join("body.md.hbs")).unwrap();
        let old = "|:---:|:----------|:-----------------|----------------------:|";
        assert!(
            body.contains(old),
            "the starting point's alignment row changed"
        );
        std::fs::write(tpl.join("body.md.hbs"), body.replace(old, align)).unwrap();
    }
    tpl
}

fn render(tpl: &Path, out: &Path) {
    let o = render_own_sample(tpl, out);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

/// The grid columns (twips) of the DOCX's data table: the table whose grid has 4 columns.
fn data_grid(docx: &Path) -> Vec<f64> {
    let xml = docx_part(docx, "word/document.xml");
    xml.split("<w:tblGrid>")
        .skip(1)
        .map(|g| {
            let g = g.split("</w:tblGrid>").next().unwrap_or_default();
            g.split("w:w=\"")
                .skip(1)
                .filter_map(|s| s.split('"').next()?.parse::<f64>().ok())
                .collect::<Vec<f64>>()
        })
        .find(|g| g.len() == 4)
        .expect("a table of four columns")
}

/// The lines of a PDF's text in layout mode.
fn layout_text(pdf: &Path) -> Option<String> {
    if !tool("pdftotext") {
        return None;
    }
    Some(pdftotext(pdf, "-layout"))
}

/// `pdftotext` of a whole PDF in one of its modes (`-layout`, `-bbox`), as UTF-8.
fn pdftotext(pdf: &Path, mode: &str) -> String {
    let o = Command::new("pdftotext")
        .args([mode, "-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).unwrap()
}

/// The left edge (points) of the first occurrence of `word` in a PDF (`pdftotext -bbox`).
fn word_x(pdf: &Path, word: &str) -> f64 {
    word_span(pdf, word).0
}

/// "STT" as a word of one line, never broken into "ST"/"T" or "S"/"T"/"T".
fn stt_on_one_line(text: &str, what: &str) {
    assert!(
        text.lines()
            .any(|l| l.split_whitespace().any(|w| w == "STT")),
        "{what}: no line holds STT whole:\n{text}"
    );
    assert!(
        !text.lines().any(|l| matches!(l.trim(), "S" | "T" | "ST")),
        "{what}: STT is broken:\n{text}"
    );
}

/// LibreOffice's own rendering of a DOCX, as text.
fn libreoffice_text(docx: &Path, dir: &Path) -> Option<String> {
    if !tool("soffice") {
        return None;
    }
    // A profile of its own: two LibreOffice processes sharing one (tests run in
    // parallel) make the second fail.
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    layout_text(&pdf)
}

#[test]
fn dashes_give_the_column_widths_in_both_writers() {
    let dir = tempdir();
    // 4 : 20 : 12 : 8, and no column needs more than its share.
    let tpl = to_trinh(
        dir.path(),
        Some("|:----:|:--------------------|:------------|--------:|"),
    );
    let out = dir.path().join("out");
    render(&tpl, &out);
    let grid = data_grid(&out.join("TTr-12-cndp.docx"));
    let total: f64 = grid.iter().sum();
    for (g, want) in grid.iter().zip([4.0, 20.0, 12.0, 8.0]) {
        let share = want / 44.0 * total;
        assert!((g - share).abs() <= 2.0, "grid {grid:?}: {g} for {want}/44");
    }
    let pdf = out.join("TTr-12-cndp.pdf");
    if let Some(text) = layout_text(&pdf) {
        stt_on_one_line(&text, "PDF");
        // The name column is 20/44 of the 165 mm text width: from the first word of a
        // name ("Hỗ", left-aligned) to the first of its unit ("Trung") in the same row.
        let (name, unit) = (word_x(&pdf, "Hỗ"), word_x(&pdf, "Trung"));
        let want = 20.0 / 44.0 * 165.0 / 25.4 * 72.0;
        assert!(
            ((unit - name) - want).abs() < 3.0,
            "name column {} pt, want {want}",
            unit - name
        );
    }
    if let Some(lo) = libreoffice_text(&out.join("TTr-12-cndp.docx"), dir.path()) {
        stt_on_one_line(&lo, "LibreOffice");
    }
}

/// The starting point's own table, whose alignment row only lines the source up (each
/// cell as long as the header cell above it): widths from the content, but the STT column
/// at least as wide as "STT" in bold.
#[test]
fn a_narrow_column_never_wraps_a_short_word() {
    let dir = tempdir();
    let tpl = to_trinh(dir.path(), None);
    let out = dir.path().join("out");
    render(&tpl, &out);
    let grid = data_grid(&out.join("TTr-12-cndp.docx"));
    // "STT" in bold 12 pt is about 23 pt wide; with the cell's margins (1 mm each side) it
    // needs some 580 twips. Before, the column had 480 and Word wrapped it.
    assert!(grid[0] >= 580.0, "{grid:?}");
    if let Some(pdf) = layout_text(&out.join("TTr-12-cndp.pdf")) {
        stt_on_one_line(&pdf, "PDF");
    }
    if let Some(lo) = libreoffice_text(&out.join("TTr-12-cndp.docx"), dir.path()) {
        stt_on_one_line(&lo, "LibreOffice");
    }
}

/// The left and right edges (points) of the first occurrence of `word` in a PDF
/// (`pdftotext -bbox`).
fn word_span(pdf: &Path, word: &str) -> (f64, f64) {
    let html = pdftotext(pdf, "-bbox");
    let line = html
        .lines()
        .find(|l| l.ends_with(&format!(">{word}</word>")))
        .unwrap_or_else(|| panic!("{word} is not in the PDF"));
    let attr = |name: &str| -> f64 {
        line.split(&format!("{name}=\""))
            .nth(1)
            .and_then(|x| x.split('"').next())
            .and_then(|x| x.parse().ok())
            .unwrap_or_else(|| panic!("no {name} in {line}"))
    };
    (attr("xMin"), attr("xMax"))
}

/// A header cell merged over two narrow columns (`<<`) holding a long word: the two
/// columns together are widened to hold it, in both writers, and the word is not broken.
#[test]
fn a_merged_cell_widens_the_columns_under_it() {
    let dir = tempdir();
    let word = "Kinhphíđềánnăm2025";
    let tpl = to_trinh(
        dir.path(),
        Some("|:-:|:-|:-|-----------------------------------:|"),
    );
    let body = std::fs::read_to_string(tpl.join("body.md.hbs")).unwrap();
    let header = "| STT | Tên đề án | Đơn vị thực hiện | Kinh phí (triệu đồng) |";
    assert!(body.contains(header), "the starting point's header changed");
    let merged = format!("| STT | {word} | << | Kinh phí (triệu đồng) |");
    std::fs::write(tpl.join("body.md.hbs"), body.replace(header, &merged)).unwrap();
    let out = dir.path().join("out");
    render(&tpl, &out);
    let grid = data_grid(&out.join("TTr-12-cndp.docx"));
    // The word in bold is some 120 pt (2 400 twips) wide; the two columns' shares of
    // 1 : 1 against 35 would give them about 500 twips together.
    assert!(grid[1] + grid[2] >= 2_400.0, "{grid:?}");
    let pdf = out.join("TTr-12-cndp.pdf");
    if tool("pdftotext") {
        let (_, end) = word_span(&pdf, word);
        let (next, _) = word_span(&pdf, "Kinh");
        assert!(
            end < next,
            "the word ends at {end} pt, the next column starts at {next} pt"
        );
    }
    if let Some(lo) = libreoffice_text(&out.join("TTr-12-cndp.docx"), dir.path()) {
        assert!(lo.contains(word), "LibreOffice broke the word:\n{lo}");
    }
}
