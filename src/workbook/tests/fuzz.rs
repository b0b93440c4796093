//! Mutated workbooks through the whole reading path and a render: no input may panic, and
//! every failure must be an error that names the file (issue 12, item 10).
//!
//! The cases are made from one realistic workbook (title, grouped table, totals, numbers
//! typed as text, a key–value sheet) by a seeded generator, so a failure is reproducible from
//! its case number:
//! * bytes flipped anywhere in the .xlsx (the zip);
//! * the file cut short;
//! * the first worksheet's XML mutated inside an otherwise valid zip (bytes flipped, cell types
//!   changed to `s`/`n`/`b`/`e`/`str`/`d`/`inlineStr`, values replaced, cell references moved);
//! * workbooks written with random cell types and values in random cells;
//! * bytes flipped in, and cuts of, the .ods and .xls fixtures (LibreOffice conversions).
//!
//! The deeper, open-ended search is `fuzz/` (cargo-fuzz, not run in CI).

use std::io::{Read, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use super::super::*;
use super::Scratch;
use crate::i18n::Bilingual;
use crate::template::{Renderer, Template, build_context};

/// How many cases of each kind.
const FLIPS: usize = 700;
const CUTS: usize = 300;
const XML: usize = 900;
const RANDOM: usize = 300;
/// Flips and cuts of the committed .ods and .xls conversions of the "mixed" workbook.
const OTHER_FORMATS: usize = 200;

/// xorshift64*: small, seeded, reproducible.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The workbook every mutation starts from.
fn base_workbook(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    // A fixed creation time, so the bytes (and the flipped ones) are the same in every run.
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 11, 5).unwrap();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let ws = wb.add_worksheet().set_name("IIP").unwrap();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    ws.merge_range(0, 0, 0, 3, "CHỈ SỐ SẢN XUẤT", &bold)
        .unwrap();
    for (c, h) in ["STT", "Tỉnh", "Giá trị", "So cùng kỳ (%)"]
        .iter()
        .enumerate()
    {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_string(3, 0, "I. Miền Bắc").unwrap();
    let rows: [(f64, &str, &str, f64); 3] = [
        (1.0, "Hà Nội", "1.000,5", 105.2),
        (2.0, "Hải Phòng", "12.408,4", 110.1),
        (3.0, "Bắc Ninh", "(3,2)", 99.0),
    ];
    for (i, (stt, name, v, g)) in rows.iter().enumerate() {
        let r = 4 + i as u32;
        ws.write_number(r, 0, *stt).unwrap();
        ws.write_string(r, 1, *name).unwrap();
        ws.write_string(r, 2, *v).unwrap();
        ws.write_number(r, 3, *g).unwrap();
    }
    ws.write_string(7, 1, "Cả nước").unwrap();
    ws.write_number(7, 2, 13405.7).unwrap();
    let ws = wb.add_worksheet().set_name("Thông tin").unwrap();
    ws.write_string(0, 0, "Số").unwrap();
    ws.write_number(0, 1, 12.0).unwrap();
    ws.write_string(1, 0, "Ngày").unwrap();
    ws.write_string(1, 1, "ngày 5 tháng 11 năm 2025").unwrap();
    wb.save(path).unwrap();
}

/// The parts of a zip, in order.
fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn rezip(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, data) in parts {
        out.start_file(name.as_str(), opts).unwrap();
        out.write_all(data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// One mutation of the first worksheet's XML.
fn mutate_xml(xml: &mut Vec<u8>, rng: &mut Rng) {
    const TYPES: [&str; 7] = ["s", "n", "b", "e", "str", "d", "inlineStr"];
    const VALUES: [&str; 9] = [
        "",
        "-1",
        "99999999",
        "1e308",
        "NaN",
        "#DIV/0!",
        "abc",
        "2025-13-45T99:00:00",
        "0.5",
    ];
    // Far references: XFD1048576 is refused by the size guard; the others stay small enough
    // for a quick test (a million-row sheet is legitimate, only slow in a debug build).
    const REFS: [&str; 6] = ["A1", "XFD1048576", "ZZ9", "A0", "", "C9999"];
    let text = String::from_utf8_lossy(xml).into_owned();
    let replaced = match rng.below(4) {
        0 => {
            for _ in 0..1 + rng.below(6) {
                let i = rng.below(xml.len());
                xml[i] ^= 1 << rng.below(8);
            }
            return;
        }
        1 => text.replacen(
            &format!("t=\"{}\"", rng.pick(&["s", "n", "str"])),
            &format!("t=\"{}\"", rng.pick(&TYPES)),
            1 + rng.below(3),
        ),
        2 => {
            let v = rng.pick(&VALUES);
            match text.find("<v>") {
                Some(at) => {
                    let end = text[at..].find("</v>").map_or(at + 3, |e| at + e);
                    format!("{}<v>{v}{}", &text[..at], &text[end..])
                }
                None => text,
            }
        }
        _ => text.replacen(
            &format!("r=\"{}\"", rng.pick(&["C5", "B6", "A1", "D5"])),
            &format!("r=\"{}\"", rng.pick(&REFS)),
            1,
        ),
    };
    *xml = replaced.into_bytes();
}

/// A workbook of random cells of random types.
fn random_workbook(path: &Path, rng: &mut Rng) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 11, 5).unwrap();
    wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let ws = wb.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    const TEXTS: [&str; 10] = [
        "Tổng cộng",
        "Cộng",
        "I. Miền Bắc",
        "12.408,4",
        "1.234",
        "(3,2)",
        "31/02/2025",
        "5/11/2025",
        "Hà Nội",
        "#REF!",
    ];
    for _ in 0..rng.below(40) {
        let (r, c) = (rng.below(30) as u32, rng.below(8) as u16);
        let _ = match rng.below(6) {
            0 => ws.write_number(r, c, (rng.next() % 100_000) as f64 / 10.0),
            1 => ws.write_string(r, c, *rng.pick(&TEXTS)),
            2 => ws.write_boolean(r, c, rng.below(2) == 1),
            3 => {
                let d = rust_xlsxwriter::ExcelDateTime::from_ymd(2025, 1 + rng.below(12) as u8, 1)
                    .unwrap();
                ws.write_datetime_with_format(r, c, &d, &date)
            }
            4 => ws.write_formula(r, c, "=1/0"),
            _ => ws.write_number(r, c, -((rng.next() % 1000) as f64)),
        };
    }
    wb.save(path).unwrap();
}

/// A template that uses the totals, groups, text numbers and helpers.
fn template(dir: &Path) -> Template {
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("template.toml"),
        "[template]\nname = \"f\"\ntitle = \"F\"\noutput = \"f\"\n\
         [header]\nagency = \"A\"\nsymbol = \"BC\"\nplace = \"Hà Nội\"\n\
         [signature]\ntitle = \"CỤC TRƯỞNG\"\nname = \"Nguyễn Văn A\"\n",
    )
    .unwrap();
    std::fs::write(
        tpl.join("body.md.hbs"),
        "{{#each iip}}{{num gia_tri}} {{/each}}\n\n{{num (sum iip \"gia_tri\") 1}}\n\n\
         {{#each (groups iip)}}{{ten}}{{/each}}\n\n{{num iip_tong.gia_tri}}\n",
    )
    .unwrap();
    Template::load(&tpl).unwrap()
}

/// Reads one case and renders it; panics only when the reader or renderer misbehaves.
fn run_case(
    path: &Path,
    template: &Template,
    renderer: &Renderer<'_>,
    n: usize,
    outcome: &mut [usize; 3],
) {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let read = catch_unwind(AssertUnwindSafe(|| {
        Dataset::open(path, &ReadOptions::default())
    }));
    let data = match read {
        Err(_) => panic!("case {n}: the reader panicked"),
        Ok(Err(e)) => {
            let t = e.text();
            assert!(
                t.en.contains(&name) && t.vi.contains(&name),
                "case {n}: the error does not name the file: {t:?}"
            );
            outcome[0] += 1;
            return;
        }
        Ok(Ok(d)) => d,
    };
    let rendered = catch_unwind(AssertUnwindSafe(|| {
        let ctx = build_context(template, &data)?;
        renderer.render(&ctx)
    }));
    match rendered {
        Err(_) => panic!("case {n}: the render panicked"),
        Ok(Ok(_)) => outcome[2] += 1,
        Ok(Err(e)) => {
            let t = e.text().en;
            assert!(
                t.contains(&name) || t.contains("body.md.hbs") || t.contains("template.toml"),
                "case {n}: the render error names neither workbook nor template: {t}"
            );
            outcome[1] += 1;
        }
    }
}

#[test]
fn mutated_workbooks_never_panic_and_every_error_is_located() {
    let dir = Scratch::new();
    let base = dir.path("base.xlsx");
    base_workbook(&base);
    let tpl = template(&dir.path(""));
    // One renderer for every case (compiling it per case would dominate the run time).
    let renderer = Renderer::new(&tpl).unwrap();
    let bytes = std::fs::read(&base).unwrap();
    let parts = unzip(&bytes);
    let sheet = parts
        .iter()
        .position(|(n, _)| n == "xl/worksheets/sheet1.xml")
        .unwrap();
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    // [read errors, render errors, rendered]
    let mut outcome = [0usize; 3];
    let mut n = 0;
    let case = |n: usize| dir.path(&format!("ca-{n}.xlsx"));
    for _ in 0..FLIPS {
        let mut b = bytes.clone();
        for _ in 0..1 + rng.below(8) {
            let i = rng.below(b.len());
            b[i] ^= 1 << rng.below(8);
        }
        std::fs::write(case(n), &b).unwrap();
        run_case(&case(n), &tpl, &renderer, n, &mut outcome);
        n += 1;
    }
    for _ in 0..CUTS {
        std::fs::write(case(n), &bytes[..rng.below(bytes.len())]).unwrap();
        run_case(&case(n), &tpl, &renderer, n, &mut outcome);
        n += 1;
    }
    for _ in 0..XML {
        let mut p = parts.clone();
        for _ in 0..1 + rng.below(3) {
            mutate_xml(&mut p[sheet].1, &mut rng);
        }
        std::fs::write(case(n), rezip(&p)).unwrap();
        run_case(&case(n), &tpl, &renderer, n, &mut outcome);
        n += 1;
    }
    for _ in 0..RANDOM {
        random_workbook(&case(n), &mut rng);
        run_case(&case(n), &tpl, &renderer, n, &mut outcome);
        n += 1;
    }
    for (i, name) in ["mixed.ods", "mixed.xls"]
        .iter()
        .cycle()
        .take(OTHER_FORMATS)
        .enumerate()
    {
        let bytes = std::fs::read(super::fixture(name)).unwrap();
        let mut b = if i % 4 == 3 {
            bytes[..rng.below(bytes.len())].to_vec()
        } else {
            bytes
        };
        for _ in 0..rng.below(6) {
            let at = rng.below(b.len());
            if let Some(byte) = b.get_mut(at) {
                *byte ^= 1 << rng.below(8);
            }
        }
        let path = dir.path(&format!("ca-{n}.{}", &name[6..]));
        std::fs::write(&path, &b).unwrap();
        run_case(&path, &tpl, &renderer, n, &mut outcome);
        n += 1;
    }
    assert_eq!(n, FLIPS + CUTS + XML + RANDOM + OTHER_FORMATS);
    eprintln!(
        "fuzz: {n} cases: {} refused with a located read error, {} with a located render \
         error, {} rendered",
        outcome[0], outcome[1], outcome[2]
    );
    // The mutations must reach every outcome, or the test proves little.
    assert!(outcome.iter().all(|&k| k > 0), "{outcome:?}");
}
