//! The outgoing-document register, through the real binary: numbering rules, concurrent
//! takers, a taker killed in the middle, `render --register`, the printed book.

use crate::common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use common::{docx_text, pdf_text, tempdir, vanban};

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\nstdout: {}\nstderr: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn err(out: &Output, code: i32) -> String {
    assert_eq!(
        out.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// A new register for CNĐP in `dir`, with `series` options.
fn init(dir: &Path, series: &[&str]) -> PathBuf {
    let file = dir.join("so-di.sqlite");
    let mut args = vec![
        "register",
        "init",
        s(&file),
        "--agency",
        "CNĐP",
        "--name",
        "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG",
        "--parent",
        "BỘ CÔNG THƯƠNG",
    ];
    for x in series {
        args.push("--series");
        args.push(x);
    }
    ok(&vanban(&args));
    file
}

fn take_args<'a>(
    file: &'a Path,
    doc_type: &'a str,
    symbol: &'a str,
    date: &'a str,
) -> Vec<&'a str> {
    vec![
        "register",
        "take",
        s(file),
        "--type",
        doc_type,
        "--symbol",
        symbol,
        "--date",
        date,
        "--summary",
        "Tình hình sản xuất công nghiệp",
        "--signer",
        "Nguyễn Văn A",
        "--recipients",
        "Bộ trưởng",
        "--recipients",
        "Sở Công Thương các tỉnh",
        "--archive",
        "VT, CNĐP",
        "--copies",
        "5",
    ]
}

fn take(file: &Path, doc_type: &str, symbol: &str, date: &str) -> String {
    ok(&vanban(&take_args(file, doc_type, symbol, date)))
        .trim()
        .to_string()
}

fn list_json(file: &Path, year: Option<i32>) -> Vec<serde_json::Value> {
    let y = year.map(|y| y.to_string());
    let mut args = vec!["register", "list", s(file), "--format", "json"];
    if let Some(y) = &y {
        args.push("--year");
        args.push(y);
    }
    let out = ok(&vanban(&args));
    serde_json::from_str::<Vec<serde_json::Value>>(&out).expect("list --format json is JSON")
}

fn references(file: &Path, year: Option<i32>) -> Vec<String> {
    list_json(file, year)
        .iter()
        .map(|e| e["reference"].as_str().unwrap_or_default().to_string())
        .collect()
}

#[test]
fn numbers_run_per_year_of_the_document_date_with_a_leading_zero() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "2025-12-31"), "01/BC-CNĐP");
    // The year is the document's date's, not the clock's: a document dated in 2026 starts
    // that year's numbers at 01, and 2025 goes on where it was.
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "02/01/2026"), "01/BC-CNĐP");
    // Administrative documents share one series: a công văn follows the report.
    assert_eq!(take(&reg, "", "CNĐP-KH", "2025-11-05"), "02/CNĐP-KH");
    for n in 3..=9 {
        assert_eq!(
            take(&reg, "Tờ trình", "TTr-CNĐP", "2025-11-06"),
            format!("{n:02}/TTr-CNĐP")
        );
    }
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "2025-11-07"), "10/BC-CNĐP");
    let all = list_json(&reg, Some(2025));
    assert_eq!(all.len(), 10);
    assert_eq!(all[1]["doc_type"], "Công văn");
    assert_eq!(all[0]["signer"], "Nguyễn Văn A");
    assert_eq!(all[0]["archive"], "VT, CNĐP");
    assert_eq!(all[0]["copies"], 5);
    assert_eq!(references(&reg, Some(2026)), vec!["01/BC-CNĐP".to_string()]);

    // `show` says where each series stands.
    let shown = ok(&vanban(&["register", "show", s(&reg)]));
    assert!(shown.contains("2025, the shared series of administrative documents: 10 numbers (01 to 10; 0 cancelled); next 11"), "{shown}");
    let shown = ok(&vanban(&["--lang", "vi", "register", "show", s(&reg)]));
    assert!(
        shown.contains("Năm 2026, sổ chung của văn bản hành chính: 1 số"),
        "{shown}"
    );
}

#[test]
fn separate_series_by_type_and_legal_documents_with_the_year() {
    let dir = tempdir();
    let reg = init(dir.path(), &["Quyết định"]);
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "2025-03-01"), "01/BC-CNĐP");
    assert_eq!(
        take(&reg, "Quyết định", "QĐ-CNĐP", "2025-03-01"),
        "01/QĐ-CNĐP"
    );
    assert_eq!(
        take(&reg, "QUYẾT ĐỊNH", "QĐ-CNĐP", "2025-03-02"),
        "02/QĐ-CNĐP"
    );
    assert_eq!(
        take(&reg, "Kế hoạch", "KH-CNĐP", "2025-03-02"),
        "02/KH-CNĐP"
    );
    // A circular: its own series, the year in the ký hiệu.
    assert_eq!(
        take(&reg, "Thông tư", "2025/TT-CNĐP", "2025-03-03"),
        "01/2025/TT-CNĐP"
    );
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "2025-03-04"), "03/BC-CNĐP");
    // The year in the ký hiệu must be the document's.
    let e = err(
        &vanban(&take_args(&reg, "Thông tư", "2025/TT-CNĐP", "2026-01-05")),
        7,
    );
    assert!(
        e.contains("says 2025 but the document is dated in 2026"),
        "{e}"
    );
    // A ký hiệu of another agency does not go into this register.
    let e = err(
        &vanban(&take_args(&reg, "Báo cáo", "BC-BNV", "2025-03-05")),
        7,
    );
    assert!(
        e.contains("does not name CNĐP, the agency of this register"),
        "{e}"
    );
    let mut vi = vec!["--lang", "vi"];
    vi.extend(take_args(&reg, "Báo cáo", "BC-BNV", "2025-03-05"));
    let e = err(&vanban(&vi), 7);
    assert!(e.starts_with("lỗi: sổ đăng ký "), "{e}");
    assert!(e.contains("không ghi cơ quan CNĐP của sổ này"), "{e}");
    // Nothing was recorded by the refusals.
    assert_eq!(list_json(&reg, None).len(), 6);
}

#[test]
fn cancelled_numbers_stay_and_are_never_reused() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    for _ in 0..3 {
        take(&reg, "Báo cáo", "BC-CNĐP", "2025-05-05");
    }
    let out = ok(&vanban(&[
        "register",
        "cancel",
        s(&reg),
        "--year",
        "2025",
        "--number",
        "3",
        "--reason",
        "Ký nhầm",
    ]));
    assert!(
        out.contains("cancelled 03/BC-CNĐP of 2025 (reason: Ký nhầm)"),
        "{out}"
    );
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "2025-05-06"), "04/BC-CNĐP");
    let all = list_json(&reg, Some(2025));
    assert_eq!(all.len(), 4);
    assert_eq!(all[2]["cancelled"], "Ký nhầm");
    assert_eq!(all[2]["remarks"], "Đã hủy: Ký nhầm");
    // Twice, or a number that is not there: refused, in both languages.
    let again = [
        "register",
        "cancel",
        s(&reg),
        "--year",
        "2025",
        "--number",
        "3",
        "--reason",
        "x",
    ];
    let e = err(&vanban(&again), 7);
    assert!(
        e.contains("03/BC-CNĐP was already cancelled (reason: Ký nhầm)"),
        "{e}"
    );
    let mut vi = vec!["--lang", "vi"];
    vi.extend(again);
    let e = err(&vanban(&vi), 7);
    assert!(
        e.contains("số 03/BC-CNĐP đã hủy trước đó (lý do: Ký nhầm)"),
        "{e}"
    );
    let e = err(
        &vanban(&[
            "--lang",
            "vi",
            "register",
            "cancel",
            s(&reg),
            "--year",
            "2024",
            "--number",
            "1",
            "--reason",
            "x",
        ]),
        7,
    );
    assert!(e.contains("không có số 01 trong năm 2024"), "{e}");
}

#[test]
fn a_register_is_never_overwritten_and_other_files_are_not_registers() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    let e = err(
        &vanban(&["register", "init", s(&reg), "--agency", "CNĐP"]),
        5,
    );
    assert!(
        e.contains("the file already exists; a register is never overwritten"),
        "{e}"
    );
    let other = dir.path().join("note.txt");
    std::fs::write(&other, "không phải sổ").unwrap();
    let e = err(&vanban(&["--lang", "vi", "register", "show", s(&other)]), 5);
    assert!(e.contains("không phải sổ đăng ký của vanban"), "{e}");
    let e = err(
        &vanban(&["register", "show", s(&dir.path().join("none.sqlite"))]),
        5,
    );
    assert!(
        e.contains("no such register file; make one with `vanban register init`"),
        "{e}"
    );
}

#[test]
fn eight_processes_taking_fifty_numbers_each_get_400_distinct_consecutive_numbers() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    let started = std::time::Instant::now();
    let takers: Vec<_> = (0..8)
        .map(|_| {
            let reg = reg.clone();
            std::thread::spawn(move || {
                (0..50)
                    .map(|_| take(&reg, "Báo cáo", "BC-CNĐP", "2025-06-01"))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut got: Vec<i64> = Vec::new();
    for t in takers {
        let mine = t.join().expect("a taker thread");
        // Each process sees its own numbers rise.
        let numbers: Vec<i64> = mine
            .iter()
            .map(|r| r.split('/').next().unwrap().parse().unwrap())
            .collect();
        assert!(numbers.windows(2).all(|w| w[0] < w[1]), "{numbers:?}");
        got.extend(numbers);
    }
    eprintln!(
        "400 takes by 8 concurrent processes in {:.2} s",
        started.elapsed().as_secs_f64()
    );
    got.sort_unstable();
    assert_eq!(got, (1..=400).collect::<Vec<i64>>());
    let listed: Vec<String> = references(&reg, Some(2025));
    let expected: Vec<String> = (1..=400).map(|n| format!("{n:02}/BC-CNĐP")).collect();
    assert_eq!(listed, expected);
}

#[test]
fn a_taker_killed_in_the_middle_leaves_the_register_consistent() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "2025-07-01"), "01/BC-CNĐP");
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(take_args(&reg, "Báo cáo", "BC-CNĐP", "2025-07-02"))
        .env("LANG", "C.UTF-8")
        .env("VANBAN_TEST_REGISTER_PAUSE_MS", "600000")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vanban starts");
    // Wait until it is inside its transaction, number 02 written but not committed.
    let stderr = child.stderr.take().expect("stderr");
    let mut line = String::new();
    BufReader::new(stderr)
        .read_line(&mut line)
        .expect("reads stderr");
    assert_eq!(line.trim(), "register: pausing");
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("the child ends");
    assert!(!status.success());
    // Nothing of it remains; the next take continues with no gap and no duplicate.
    assert_eq!(references(&reg, None), vec!["01/BC-CNĐP".to_string()]);
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "2025-07-03"), "02/BC-CNĐP");
    assert_eq!(
        references(&reg, None),
        vec!["01/BC-CNĐP".to_string(), "02/BC-CNĐP".to_string()]
    );
    // A backup made now reads the same.
    let copy = dir.path().join("copy.sqlite");
    ok(&vanban(&["register", "backup", s(&reg), s(&copy)]));
    assert_eq!(references(&copy, None), references(&reg, None));
}

/// A workbook for the test template `register`: "Số" as given, the date, the trích yếu.
fn report_workbook(path: &Path, number: &str, date: &str, summary: &str) {
    common::write_workbook(
        path,
        &[
            ("Tên tệp", "thang-11"),
            ("Số", number),
            ("Ngày", date),
            ("Trích yếu", summary),
            ("Người ký", "Trần Thị B"),
        ],
        &["Sản xuất công nghiệp tăng."],
    );
}

fn fixture(name: &str) -> PathBuf {
    common::root().join("tests/fixtures/templates").join(name)
}

#[test]
fn render_takes_the_number_into_both_files_and_the_row_from_the_document() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    take(&reg, "Báo cáo", "BC-CNĐP", "2025-11-01");
    let wb = dir.path().join("bc.xlsx");
    report_workbook(
        &wb,
        "",
        "2025-11-05",
        "Tình hình công nghiệp tháng 11 năm 2025",
    );
    let out = dir.path().join("out");
    let run = vanban(&[
        "render",
        s(&fixture("register")),
        "--data",
        s(&wb),
        "-o",
        s(&out),
        "--register",
        s(&reg),
    ]);
    ok(&run);
    let note = String::from_utf8_lossy(&run.stderr);
    assert!(
        note.contains("number 02/BC-CNĐP is recorded in the register"),
        "{note}"
    );
    let pdf = out.join("BC-thang-11.pdf");
    let docx = out.join("BC-thang-11.docx");
    if let Some(text) = pdf_text(&pdf) {
        assert!(text.contains("Số: 02/BC-CNĐP"), "{text}");
    }
    let text = docx_text(&docx);
    assert!(text.contains("Số: 02/BC-CNĐP"), "{text}");
    let row = &list_json(&reg, Some(2025))[1];
    assert_eq!(row["reference"], "02/BC-CNĐP");
    assert_eq!(row["date"], "2025-11-05");
    assert_eq!(row["doc_type"], "Báo cáo");
    assert_eq!(row["summary"], "Tình hình công nghiệp tháng 11 năm 2025");
    assert_eq!(row["signer"], "Trần Thị B");
    assert_eq!(
        row["recipients"],
        serde_json::json!(["Bộ trưởng (để b/c)", "Sở Công Thương các tỉnh"])
    );
    assert_eq!(row["archive"], "VT, CNĐP");

    // Made again to the same place: the same document keeps its number.
    ok(&vanban(&[
        "render",
        s(&fixture("register")),
        "--data",
        s(&wb),
        "-o",
        s(&out),
        "--register",
        s(&reg),
    ]));
    assert_eq!(references(&reg, None), vec!["01/BC-CNĐP", "02/BC-CNĐP"]);
    assert!(docx_text(&docx).contains("Số: 02/BC-CNĐP"));
}

#[test]
fn a_render_that_fails_takes_no_number() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    let wb = dir.path().join("bc.xlsx");
    report_workbook(&wb, "", "2025-11-05", "Tình hình");
    // The output folder is a file: the document is made (and numbered inside the
    // transaction), then writing fails, and the number goes back.
    let blocked = dir.path().join("blocked");
    std::fs::write(&blocked, "a file").unwrap();
    let run = vanban(&[
        "render",
        s(&fixture("register")),
        "--data",
        s(&wb),
        "-o",
        s(&blocked),
        "--register",
        s(&reg),
    ]);
    err(&run, 5);
    assert!(list_json(&reg, None).is_empty());
    // A bad date fails the template: nothing either.
    let bad = dir.path().join("bad.xlsx");
    report_workbook(&bad, "", "ngày mai", "Tình hình");
    err(
        &vanban(&[
            "render",
            s(&fixture("register")),
            "--data",
            s(&bad),
            "-o",
            s(&dir.path().join("o2")),
            "--register",
            s(&reg),
        ]),
        4,
    );
    assert!(list_json(&reg, None).is_empty());
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "2025-11-06"), "01/BC-CNĐP");
}

#[test]
fn a_number_given_by_the_workbook_is_checked_and_drafts_take_none() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    take(&reg, "Báo cáo", "BC-CNĐP", "2025-11-01");
    let wb = dir.path().join("bc.xlsx");
    report_workbook(&wb, "1", "2025-11-05", "Tình hình tháng 11");
    let args = |lang: &'static str, out: &Path| {
        vec![
            "--lang".to_string(),
            lang.to_string(),
            "render".into(),
            fixture("register").display().to_string(),
            "--data".into(),
            wb.display().to_string(),
            "-o".into(),
            out.display().to_string(),
            "--register".into(),
            reg.display().to_string(),
        ]
    };
    let out = dir.path().join("out");
    let en: Vec<String> = args("en", &out);
    let e = err(
        &vanban(&en.iter().map(String::as_str).collect::<Vec<_>>()),
        7,
    );
    assert!(
        e.contains("number 01 of 2025 (the shared series of administrative documents) was issued to another document: this document is \"01/BC-CNĐP Báo cáo Tình hình tháng 11\", that number was issued to \"01/BC-CNĐP Báo cáo Tình hình sản xuất công nghiệp\" dated 01/11/2025"),
        "{e}"
    );
    let vi: Vec<String> = args("vi", &out);
    let e = err(
        &vanban(&vi.iter().map(String::as_str).collect::<Vec<_>>()),
        7,
    );
    assert!(
        e.contains("số 01 của năm 2025 (sổ chung của văn bản hành chính) đã cấp cho văn bản khác"),
        "{e}"
    );
    assert!(!out.exists(), "nothing written");

    // A number the register has not issued: made, nothing recorded.
    report_workbook(&wb, "7", "2025-11-05", "Tình hình tháng 11");
    let run = vanban(&en.iter().map(String::as_str).collect::<Vec<_>>());
    ok(&run);
    assert!(String::from_utf8_lossy(&run.stderr).contains("already carries 07/BC-CNĐP"));
    assert_eq!(list_json(&reg, None).len(), 1);

    // A draft: no number, nothing recorded, said in the reader's language.
    report_workbook(&wb, "", "", "Dự thảo");
    let run = vanban(&[
        "--lang",
        "vi",
        "render",
        s(&fixture("register-draft")),
        "--data",
        s(&wb),
        "-o",
        s(&dir.path().join("draft")),
        "--register",
        s(&reg),
    ]);
    ok(&run);
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("dự thảo không lấy số; sổ không ghi gì"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert_eq!(list_json(&reg, None).len(), 1);
}

/// The cells of a sheet of an .xlsx, as text, row by row.
fn xlsx_rows(path: &Path, sheet: &str) -> Vec<Vec<String>> {
    use calamine::{Reader, open_workbook_auto};
    let mut wb = open_workbook_auto(path).expect("the XLSX opens");
    let range = wb.worksheet_range(sheet).expect("the sheet is there");
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn the_printed_book_matches_the_list() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    for d in ["2025-01-02", "2025-02-03", "2025-03-04"] {
        take(&reg, "Báo cáo", "BC-CNĐP", d);
    }
    take(&reg, "", "CNĐP-KH", "2025-04-05");
    ok(&vanban(&[
        "register",
        "cancel",
        s(&reg),
        "--year",
        "2025",
        "--number",
        "2",
        "--reason",
        "Thu hồi",
    ]));
    take(&reg, "Báo cáo", "BC-CNĐP", "2026-01-05");
    let out = dir.path().join("book");
    let made = ok(&vanban(&[
        "register",
        "print",
        s(&reg),
        "--year",
        "2025",
        "-o",
        s(&out),
    ]));
    let pdf = out.join("so-dang-ky-van-ban-di-CNĐP-2025.pdf");
    let docx = out.join("so-dang-ky-van-ban-di-CNĐP-2025.docx");
    let xlsx = out.join("so-dang-ky-van-ban-di-CNĐP-2025.xlsx");
    for f in [&pdf, &docx, &xlsx] {
        assert!(made.contains(s(f)), "{made}");
        assert!(f.is_file(), "{}", f.display());
    }
    // `list --format csv` in Vietnamese has the book's ten columns.
    let csv = ok(&vanban(&[
        "--lang",
        "vi",
        "register",
        "list",
        s(&reg),
        "--year",
        "2025",
        "--format",
        "csv",
    ]));
    let listed: Vec<Vec<String>> = csv.lines().skip(1).map(parse_csv_line).collect();
    assert_eq!(listed.len(), 4);
    // The XLSX: titles, the numbered row, then one row per entry, equal to the list.
    let rows = xlsx_rows(&xlsx, "Sổ đăng ký");
    assert_eq!(rows[0][0], "Số, ký hiệu văn bản");
    assert_eq!(
        rows[1],
        (1..=10).map(|n| format!("({n})")).collect::<Vec<_>>()
    );
    assert_eq!(rows[2..].to_vec(), listed);
    let cover = xlsx_rows(&xlsx, "Bìa sổ");
    assert!(
        cover.contains(&vec!["Từ số".to_string(), "01".to_string()]),
        "{cover:?}"
    );
    assert!(
        cover.contains(&vec!["Đến số".to_string(), "04".to_string()]),
        "{cover:?}"
    );
    assert!(
        cover.contains(&vec!["Từ ngày".to_string(), "02/01/2025".to_string()]),
        "{cover:?}"
    );
    // The PDF: the cover, the numbered header, every entry.
    if let Some(text) = pdf_text(&pdf) {
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for want in [
            "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG",
            "SỔ ĐĂNG KÝ VĂN BẢN ĐI",
            "Năm 2025",
            "Từ ngày 02/01/2025 đến ngày 05/04/2025",
            "Từ số 01 đến số 04",
            "Quyển số: 01",
            "(1) ",
            "(10)",
            "Đã hủy:",
        ] {
            assert!(flat.contains(want), "{want} not in {flat}");
        }
        // The cover is a form, not an official document: no Quốc hiệu.
        assert!(
            !flat.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{flat}"
        );
        // Cells wrap in narrow columns (a ký hiệu may break at its hyphen): compare
        // without spaces and hyphens.
        let squeeze = |s: &str| {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '-')
                .collect::<String>()
        };
        let squeezed = squeeze(&text);
        for row in &listed {
            assert!(
                squeezed.contains(&squeeze(&row[0])),
                "{} not in the PDF",
                row[0]
            );
            assert!(
                squeezed.contains(&squeeze(&row[1])),
                "{} not in the PDF",
                row[1]
            );
        }
        assert!(!flat.contains("2026"), "only 2025 is printed");
    }
    if let Some(info) = common::poppler("pdfinfo", &pdf) {
        assert!(info.contains("Pages:"), "{info}");
    }
    let text = docx_text(&docx);
    for row in &listed {
        assert!(text.contains(&row[0]), "{} not in the DOCX", row[0]);
        assert!(text.contains(&row[2]), "{} not in the DOCX", row[2]);
    }
    assert!(text.contains("(10)"));
}

/// One line of the CSV `register list` writes (RFC 4180 quoting).
fn parse_csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => out.push(std::mem::take(&mut cur)),
            (c, _) => cur.push(c),
        }
    }
    out.push(cur);
    out
}

#[test]
fn register_help_is_in_vietnamese() {
    let out = ok(&vanban(&["--lang", "vi", "register", "take", "--help"]));
    assert!(out.contains("Lấy số tiếp theo"), "{out}");
    assert!(out.contains("Trích yếu"), "{out}");
    let out = ok(&vanban(&["--lang", "vi", "register", "--help"]));
    assert!(out.contains("Sổ đăng ký văn bản đi"), "{out}");
}

/// A batch over the `register` test template: one document per row of "Dữ liệu" (job
/// `tung-dong`), then one for the whole workbook (job `tong-hop`).
fn write_batch(dir: &Path, rows: &[&str], register_line: &str) -> PathBuf {
    let wb = dir.join("du-lieu.xlsx");
    common::write_workbook(
        &wb,
        &[
            ("Tên tệp", "tong-hop"),
            ("Số", ""),
            ("Ngày", "2025-11-20"),
            ("Trích yếu", "Tình hình tháng 11"),
            ("Người ký", "Trần Thị B"),
        ],
        rows,
    );
    let template = fixture("register").display().to_string().replace('\\', "/");
    let file = dir.join("batch.toml");
    std::fs::write(
        &file,
        format!(
            "output = \"out\"\n{register_line}\n\n\
             [[job]]\nname = \"tung-dong\"\ntemplate = \"{template}\"\nworkbook = \"du-lieu.xlsx\"\n\
             rows = \"Dữ liệu\"\noutput = \"BC-dong-{{{{row.stt}}}}\"\n\n\
             [[job]]\nname = \"tong-hop\"\ntemplate = \"{template}\"\nworkbook = \"du-lieu.xlsx\"\n"
        ),
    )
    .unwrap();
    file
}

#[test]
fn batch_numbers_in_job_then_row_order_and_keeps_them_on_reruns() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    take(&reg, "Báo cáo", "BC-CNĐP", "2025-01-05");
    let file = write_batch(
        dir.path(),
        &["Một", "Hai", "Ba"],
        "register = \"so-di.sqlite\"",
    );
    let run = |extra: &[&str]| {
        let mut args = vec!["batch", s(&file), "--jobs", "3"];
        args.extend_from_slice(extra);
        ok(&vanban(&args))
    };
    run(&[]);
    let out = dir.path().join("out");
    let expected = [
        "01/BC-CNĐP",
        "02/BC-CNĐP",
        "03/BC-CNĐP",
        "04/BC-CNĐP",
        "05/BC-CNĐP",
    ];
    assert_eq!(references(&reg, None), expected);
    for (stem, number) in [
        ("BC-dong-1", "02"),
        ("BC-dong-2", "03"),
        ("BC-dong-3", "04"),
        ("BC-tong-hop", "05"),
    ] {
        let want = format!("Số: {number}/BC-CNĐP");
        let docx = docx_text(&out.join(format!("{stem}.docx")));
        assert!(docx.contains(&want), "{stem}: {docx}");
        if let Some(text) = pdf_text(&out.join(format!("{stem}.pdf"))) {
            assert!(text.contains(&want), "{stem}: {text}");
        }
    }
    // A re-run skips everything and takes nothing.
    let again = run(&[]);
    assert!(again.contains("skipped"), "{again}");
    assert_eq!(references(&reg, None), expected);
    // A changed row is made again with its own number; --force remakes all, same numbers.
    write_batch(
        dir.path(),
        &["Một", "Hai đã sửa", "Ba"],
        "register = \"so-di.sqlite\"",
    );
    run(&[]);
    assert_eq!(references(&reg, None), expected);
    let docx = docx_text(&out.join("BC-dong-2.docx"));
    assert!(
        docx.contains("Số: 03/BC-CNĐP") && docx.contains("Hai đã sửa"),
        "{docx}"
    );
    run(&["--force"]);
    assert_eq!(references(&reg, None), expected);
    assert!(docx_text(&out.join("BC-tong-hop.docx")).contains("Số: 05/BC-CNĐP"));
    // --register on the command line, with the same register: still the same numbers.
    run(&["--force", "--register", s(&reg)]);
    assert_eq!(references(&reg, None), expected);
}

#[test]
fn the_books_numbered_header_row_repeats_on_every_page() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    for _ in 0..40 {
        take(&reg, "Báo cáo", "BC-CNĐP", "2025-08-08");
    }
    let out = dir.path().join("book");
    ok(&vanban(&[
        "register",
        "print",
        s(&reg),
        "--year",
        "2025",
        "-o",
        s(&out),
        "--volume",
        "2",
    ]));
    let pdf = out.join("so-dang-ky-van-ban-di-CNĐP-2025.pdf");
    if let Some(text) = pdf_text(&pdf) {
        // pdftotext ends each page with a form feed.
        let pages: Vec<&str> = text
            .split('\u{c}')
            .filter(|p| !p.trim().is_empty())
            .collect();
        assert!(pages.len() >= 3, "{} pages", pages.len());
        assert!(pages[0].contains("Quyển số: 02"), "{}", pages[0]);
        for (i, page) in pages.iter().enumerate().skip(1) {
            for n in 1..=10 {
                assert!(page.contains(&format!("({n})")), "page {}: no ({n})", i + 1);
            }
            assert!(page.contains("Số, ký"), "page {}: no titles", i + 1);
        }
    }
    let xml = common::docx_part(
        &out.join("so-dang-ky-van-ban-di-CNĐP-2025.docx"),
        "word/document.xml",
    );
    assert_eq!(
        xml.matches("<w:tblHeader").count(),
        2,
        "two repeated header rows"
    );
    assert!(xml.contains("w:orient=\"landscape\""));
    // Printing again gives the same bytes (no clock in any of the three files).
    let first: Vec<Vec<u8>> = ["pdf", "docx", "xlsx"]
        .iter()
        .map(|e| std::fs::read(out.join(format!("so-dang-ky-van-ban-di-CNĐP-2025.{e}"))).unwrap())
        .collect();
    ok(&vanban(&[
        "register",
        "print",
        s(&reg),
        "--year",
        "2025",
        "-o",
        s(&out),
        "--volume",
        "2",
    ]));
    for (bytes, e) in first.iter().zip(["pdf", "docx", "xlsx"]) {
        let again =
            std::fs::read(out.join(format!("so-dang-ky-van-ban-di-CNĐP-2025.{e}"))).unwrap();
        assert!(&again == bytes, "{e} differs between two prints");
    }
}

#[test]
fn a_take_while_a_render_holds_the_register_waits_for_it_and_gets_the_next_number() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    let wb = dir.path().join("bc.xlsx");
    report_workbook(&wb, "", "2025-11-05", "Tình hình tháng 11");
    let out = dir.path().join("out");
    // The render pauses inside its transaction after its files are written.
    let mut render = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args([
            "render",
            s(&fixture("register")),
            "--data",
            s(&wb),
            "-o",
            s(&out),
            "--register",
            s(&reg),
        ])
        .env("LANG", "C.UTF-8")
        .env("VANBAN_TEST_REGISTER_PAUSE_MS", "1500")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vanban starts");
    let mut stderr = BufReader::new(render.stderr.take().expect("stderr"));
    let mut line = String::new();
    stderr.read_line(&mut line).expect("reads stderr");
    assert_eq!(line.trim(), "register: pausing");
    // The files are in place, the number not yet committed: a take now waits.
    assert!(docx_text(&out.join("BC-thang-11.docx")).contains("Số: 01/BC-CNĐP"));
    assert_eq!(take(&reg, "Báo cáo", "BC-CNĐP", "2025-11-06"), "02/BC-CNĐP");
    assert!(render.wait().expect("the render ends").success());
    let rows = list_json(&reg, None);
    assert_eq!(rows[0]["reference"], "01/BC-CNĐP");
    assert_eq!(rows[0]["summary"], "Tình hình tháng 11");
    assert_eq!(rows[1]["reference"], "02/BC-CNĐP");
}

#[test]
fn in_a_batch_a_number_the_register_refuses_fails_only_its_document() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    take(&reg, "Báo cáo", "BC-CNĐP", "2025-01-05");
    let file = write_batch(dir.path(), &["Một", "Hai"], "register = \"so-di.sqlite\"");
    // The whole-workbook job reads another workbook that gives the number 01, issued to
    // another document.
    let given = dir.path().join("co-so.xlsx");
    report_workbook(&given, "1", "2025-11-20", "Tổng hợp tháng 11");
    let text = std::fs::read_to_string(&file).unwrap();
    let (head, tail) = text.split_at(text.rfind("[[job]]").unwrap());
    std::fs::write(
        &file,
        format!("{head}{}", tail.replace("du-lieu.xlsx", "co-so.xlsx")),
    )
    .unwrap();
    let run = vanban(&["batch", s(&file), "--jobs", "2"]);
    let out =
        String::from_utf8_lossy(&run.stdout).into_owned() + &String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(6), "{out}");
    assert!(
        out.contains("number 01 of 2025 (the shared series of administrative documents) was issued to another document"),
        "{out}"
    );
    assert_eq!(
        references(&reg, None),
        vec!["01/BC-CNĐP", "02/BC-CNĐP", "03/BC-CNĐP"]
    );
    let made = dir.path().join("out");
    assert!(docx_text(&made.join("BC-dong-2.docx")).contains("Số: 03/BC-CNĐP"));
    assert!(!made.join("BC-thang-11.docx").exists());
}

#[test]
fn the_book_prints_with_a_copy_of_its_template() {
    let dir = tempdir();
    let reg = init(dir.path(), &[]);
    take(&reg, "Báo cáo", "BC-CNĐP", "2025-08-08");
    let mine = dir.path().join("so-cua-toi");
    ok(&vanban(&["new", "so-dang-ky-van-ban-di", s(&mine)]));
    let manifest = mine.join("template.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    std::fs::write(
        &manifest,
        text.replace(
            "summary = \"Năm {{bia.nam}}\"",
            "summary = \"Năm {{bia.nam}} (bản của Văn thư)\"",
        ),
    )
    .unwrap();
    let out = dir.path().join("book");
    ok(&vanban(&[
        "register",
        "print",
        s(&reg),
        "--year",
        "2025",
        "-o",
        s(&out),
        "--template",
        s(&mine),
    ]));
    let docx = docx_text(&out.join("so-dang-ky-van-ban-di-CNĐP-2025.docx"));
    assert!(docx.contains("Năm 2025 (bản của Văn thư)"), "{docx}");
    assert!(docx.contains("01/BC-CNĐP"), "{docx}");
}
