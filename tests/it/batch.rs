//! `vanban batch`: the real binary over real workbooks in temporary folders — failure
//! isolation, re-runs, edits kept, interruption, shards, unsafe names, collisions,
//! byte-identical outputs and the results workbook.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use calamine::{Data, Reader};
use common::{pdf_text, root, tempdir};
use vanban::workbook::{Dataset, SheetData, Value};

/// One province row of the test workbook: code, name, IIP growth (a cell).
#[derive(Clone)]
struct Row {
    ma: String,
    ten: String,
    iip_so_cung_ky: Cell,
}

#[derive(Clone)]
enum Cell {
    Number(f64),
    Text(String),
    /// A formula whose cached result is `#DIV/0!`.
    DivZero,
}

fn rows(n: usize) -> Vec<Row> {
    let names = [
        "Hà Nội",
        "Cao Bằng",
        "Huế",
        "Đà Nẵng",
        "Thanh Hóa",
        "Cà Mau",
        "Lào Cai",
        "Gia Lai",
        "Nghệ An",
        "Cần Thơ",
        "Sơn La",
        "Tây Ninh",
    ];
    (0..n)
        .map(|i| Row {
            ma: format!("{:02}", i + 1),
            ten: names[i % names.len()].to_string(),
            iip_so_cung_ky: Cell::Number(i as f64 * 1.5 - 3.0),
        })
        .collect()
}

/// Writes a workbook with the sample's facts ("Thông tin") and `rows` in "Tỉnh thành".
fn write_workbook(path: &Path, rows: &[Row]) {
    let sample = Dataset::open(
        &root().join("samples/bao-cao-thang.xlsx"),
        &Default::default(),
    )
    .unwrap();
    let Some(SheetData::KeyValue(facts)) = sample.sheet("Thông tin").map(|s| &s.data) else {
        panic!("the sample has a key–value sheet");
    };
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Thông tin").unwrap();
    ws.write_string(0, 0, "Trường").unwrap();
    ws.write_string(0, 1, "Giá trị").unwrap();
    for (i, e) in facts.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &e.label).unwrap();
        match &e.value {
            Value::Int(n) => ws.write_number(r, 1, *n as f64).unwrap(),
            Value::Float(f) => ws.write_number(r, 1, *f).unwrap(),
            other => ws
                .write_string(r, 1, other.to_json().as_str().unwrap_or(""))
                .unwrap(),
        };
    }
    let ws = wb.add_worksheet();
    ws.set_name("Tỉnh thành").unwrap();
    let headers = [
        "STT",
        "Mã",
        "Tỉnh, thành phố",
        "IIP",
        "IIP so cùng kỳ",
        "Bán lẻ (tỷ đồng)",
        "Bán lẻ so cùng kỳ",
        "Xuất khẩu (triệu USD)",
        "Xuất khẩu so cùng kỳ",
    ];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, row) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, &row.ma).unwrap();
        ws.write_string(r, 2, &row.ten).unwrap();
        ws.write_number(r, 3, 100.0 + i as f64).unwrap();
        match &row.iip_so_cung_ky {
            Cell::Number(x) => ws.write_number(r, 4, *x).unwrap(),
            Cell::Text(s) => ws.write_string(r, 4, s).unwrap(),
            Cell::DivZero => ws
                .write_formula(
                    r,
                    4,
                    rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
                )
                .unwrap(),
        };
        ws.write_number(r, 5, 1000.0 + 10.0 * i as f64).unwrap();
        ws.write_number(r, 6, 2.5).unwrap();
        ws.write_number(r, 7, 50.0 + i as f64).unwrap();
        ws.write_number(r, 8, -1.5).unwrap();
    }
    wb.save(path).unwrap();
}

/// A batch folder: workbook, batch file, output folder `out`.
struct Batch {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    file: PathBuf,
    out: PathBuf,
}

impl Batch {
    fn new(rows: &[Row], output: &str, formats: &str) -> Batch {
        let dir = tempdir();
        let path = dir.path().to_path_buf();
        write_workbook(&path.join("data.xlsx"), rows);
        let file = path.join("batch.toml");
        let template = root().join("templates/bao-cao-tinh");
        std::fs::write(
            &file,
            format!(
                "output = \"out\"\n\n[[job]]\nname = \"tinh\"\ntemplate = \"{}\"\nworkbook = \"data.xlsx\"\nrows = \"Tỉnh thành\"\noutput = \"{output}\"\nformats = {formats}\n",
                template.display()
            ),
        )
        .unwrap();
        Batch {
            out: path.join("out"),
            file,
            dir: path,
            _dir: dir,
        }
    }

    fn run(&self, extra: &[&str]) -> Output {
        let mut args = vec!["batch", self.file.to_str().unwrap()];
        args.extend_from_slice(extra);
        common::vanban(&args)
    }

    fn rewrite(&self, rows: &[Row]) {
        write_workbook(&self.dir.join("data.xlsx"), rows);
    }

    /// Every file under `out` (relative path → bytes), manifest and results left out.
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = BTreeMap::new();
        walk(&self.out, &self.out, &mut out);
        out.retain(|k, _| !k.starts_with("vanban-"));
        out
    }
}

fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            walk(root, &p, out);
        } else {
            let rel = p.strip_prefix(root).unwrap().to_string_lossy().into_owned();
            // While a batch runs, a temporary file can be renamed or removed between the
            // listing and the read: it is simply not there.
            if let Ok(bytes) = std::fs::read(&p) {
                out.insert(rel, bytes);
            }
        }
    }
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The summary's counts: (made, skipped, failed).
fn counts(o: &Output) -> (usize, usize, usize) {
    let t = String::from_utf8_lossy(&o.stdout).into_owned();
    let line = t
        .lines()
        .find(|l| l.contains(" made, ") && l.contains(" skipped, "))
        .unwrap_or_else(|| panic!("a summary line in:\n{t}"));
    let nums: Vec<usize> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .take(3)
        .map(|s| s.parse().unwrap())
        .collect();
    (nums[0], nums[1], nums[2])
}

const NAME: &str = "BC-{{row.ma}}-{{slug row.tinh_thanh_pho}}";
const BOTH: &str = "[\"pdf\", \"docx\"]";
const DOCX: &str = "[\"docx\"]";

#[test]
fn a_bad_row_fails_only_its_document_and_the_results_workbook_says_so() {
    let mut data = rows(5);
    data[1].iip_so_cung_ky = Cell::Text("không rõ".into()); // `change` fails on text
    data[3].iip_so_cung_ky = Cell::DivZero; // an error cell the template uses
    let b = Batch::new(&data, NAME, BOTH);
    let o = b.run(&[]);
    let t = text(&o);
    assert_eq!(code(&o), 6, "exit code 6 when some failed:\n{t}");
    assert_eq!(counts(&o), (3, 0, 2), "{t}");
    // Each failure names the sheet and the row (Excel rows 3 and 5).
    assert!(t.contains("sheet \"Tỉnh thành\", row 3"), "{t}");
    assert!(t.contains("sheet \"Tỉnh thành\", row 5, cell E5"), "{t}");
    assert!(t.contains("#DIV/0!"), "{t}");
    assert!(t.contains("--only failed"), "{t}");
    let files = b.files();
    for made in ["BC-01-ha-noi", "BC-03-hue", "BC-05-thanh-hoa"] {
        assert!(files.contains_key(&format!("{made}.pdf")), "{files:?}");
        assert!(files.contains_key(&format!("{made}.docx")));
    }
    assert!(
        !files
            .keys()
            .any(|k| k.starts_with("BC-02") || k.starts_with("BC-04"))
    );
    let pdf = pdf_text(&b.out.join("BC-03-hue.pdf"));
    if let Some(pdf) = pdf {
        assert!(pdf.contains("Huế"), "{pdf}");
        assert!(pdf.contains("thương mại thành phố Huế"), "{pdf}");
    }

    // The results workbook, read back with calamine.
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(b.out.join("vanban-ket-qua.xlsx")).unwrap();
    let range = wb.worksheet_range("Kết quả").unwrap();
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert_eq!(rows.len(), 6, "header + 5 documents: {rows:?}");
    assert_eq!(rows[0][0], "STT");
    let status: Vec<&str> = rows[1..].iter().map(|r| r[7].as_str()).collect();
    assert_eq!(status, ["made", "failed", "made", "failed", "made"]);
    let excel_rows: Vec<&Data> = range.rows().skip(1).map(|r| &r[3]).collect();
    assert_eq!(excel_rows[1], &Data::Float(3.0));
    assert_eq!(rows[1][5], "BC-01-ha-noi.pdf");
    assert_eq!(rows[1][6], "BC-01-ha-noi.docx");
    assert_eq!(rows[1][8], "2", "two pages");
    assert!(rows[4][9].contains("#DIV/0!"), "{:?}", rows[4]);

    // Fix the rows; `--only failed` makes just those two.
    data[1].iip_so_cung_ky = Cell::Number(1.0);
    data[3].iip_so_cung_ky = Cell::Number(2.0);
    b.rewrite(&data);
    let o = b.run(&["--only", "failed"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(counts(&o), (2, 0, 0), "{}", text(&o));
    assert!(b.out.join("BC-04-da-nang.pdf").is_file());
}

#[test]
fn a_rerun_skips_everything_and_a_changed_row_remakes_only_its_document() {
    let mut data = rows(4);
    let b = Batch::new(&data, NAME, BOTH);
    let first = b.run(&[]);
    assert_eq!(code(&first), 0, "{}", text(&first));
    assert_eq!(counts(&first), (4, 0, 0));
    let before = b.files();

    let again = b.run(&[]);
    assert_eq!(code(&again), 0);
    assert_eq!(counts(&again), (0, 4, 0), "{}", text(&again));
    assert_eq!(b.files(), before);

    data[2].iip_so_cung_ky = Cell::Number(42.5);
    b.rewrite(&data);
    let changed = b.run(&[]);
    assert_eq!(counts(&changed), (1, 3, 0), "{}", text(&changed));
    let after = b.files();
    for (name, bytes) in &before {
        if name.starts_with("BC-03") {
            assert_ne!(&after[name], bytes, "{name} was re-made with the new value");
        } else {
            assert_eq!(&after[name], bytes, "{name} untouched");
        }
    }
    if let Some(pdf) = pdf_text(&b.out.join("BC-03-hue.pdf")) {
        assert!(pdf.contains("tăng 42,5%"), "{pdf}");
    }
    // A deleted output is made again.
    std::fs::remove_file(b.out.join("BC-01-ha-noi.docx")).unwrap();
    let o = b.run(&[]);
    assert_eq!(counts(&o), (1, 3, 0), "{}", text(&o));
    assert_eq!(b.files(), after);
}

#[test]
fn an_edited_output_is_kept_and_the_new_version_goes_beside_it() {
    let mut data = rows(2);
    let b = Batch::new(&data, NAME, DOCX);
    assert_eq!(code(&b.run(&[])), 0);
    let edited = b.out.join("BC-02-cao-bang.docx");
    let mut bytes = std::fs::read(&edited).unwrap();
    bytes.extend_from_slice(b"edited by a person");
    std::fs::write(&edited, &bytes).unwrap();

    // Inputs unchanged: nothing to do, the edit stays.
    let o = b.run(&[]);
    assert_eq!(counts(&o), (0, 2, 0), "{}", text(&o));
    assert_eq!(std::fs::read(&edited).unwrap(), bytes);

    // Inputs changed: the edit stays, the new version goes beside it.
    data[1].iip_so_cung_ky = Cell::Number(7.0);
    b.rewrite(&data);
    let o = b.run(&[]);
    let t = text(&o);
    assert_eq!(code(&o), 0, "{t}");
    assert_eq!(counts(&o), (1, 1, 0), "{t}");
    assert_eq!(std::fs::read(&edited).unwrap(), bytes, "the edit is kept");
    let beside = b.out.join("BC-02-cao-bang (vanban 2).docx");
    assert!(beside.is_file(), "{t}");
    assert!(t.contains("was changed since vanban wrote it"), "{t}");
    assert!(common::docx_text(&beside).contains("tăng 7,0%"));

    // Changed again: the beside file is vanban's own, so it is updated in place.
    data[1].iip_so_cung_ky = Cell::Number(8.0);
    b.rewrite(&data);
    let o = b.run(&[]);
    assert_eq!(counts(&o), (1, 1, 0), "{}", text(&o));
    assert!(common::docx_text(&beside).contains("tăng 8,0%"));
    assert!(!b.out.join("BC-02-cao-bang (vanban 3).docx").exists());
    assert_eq!(std::fs::read(&edited).unwrap(), bytes);

    // --force overwrites the edit.
    let o = b.run(&["--force"]);
    assert_eq!(counts(&o), (2, 0, 0), "{}", text(&o));
    assert!(common::docx_text(&edited).contains("tăng 8,0%"));
    assert_ne!(std::fs::read(&edited).unwrap(), bytes);
}

/// Every .pdf is a whole PDF and every .docx a whole zip: nothing half-written.
fn assert_complete(files: &BTreeMap<String, Vec<u8>>) {
    for (name, bytes) in files {
        if name.ends_with(".pdf") {
            let tail =
                String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..]).into_owned();
            assert!(
                bytes.starts_with(b"%PDF-") && tail.contains("%%EOF"),
                "{name} is whole"
            );
        } else if name.ends_with(".docx") {
            let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.clone()));
            assert!(zip.is_ok(), "{name} is a whole zip");
        }
    }
}

#[test]
fn an_interrupted_batch_leaves_no_partial_file_and_the_next_run_completes() {
    let data = rows(12);
    let b = Batch::new(&data, NAME, BOTH);
    // Test-only slowdown (README, "Batch runs"): each document waits before it is
    // written, so the kill lands mid-run.
    let mut child = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["batch", b.file.to_str().unwrap(), "--jobs", "2"])
        .env("VANBAN_TEST_SLOWDOWN_MS", "400")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let made = b.files().keys().filter(|k| k.ends_with(".docx")).count();
        if made >= 2 || std::time::Instant::now() > deadline {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "the batch was killed before it finished");
    let at_kill = b.files();
    let finished: Vec<&String> = at_kill
        .keys()
        .filter(|k| k.ends_with(".pdf") || k.ends_with(".docx"))
        .collect();
    assert!(
        finished.len() < 24,
        "killed mid-run, not after: {finished:?}"
    );
    assert_complete(&at_kill);
    // Anything else is one of write_atomic's temporary files, which the next run removes.
    for name in at_kill.keys() {
        assert!(
            name.ends_with(".pdf") || name.ends_with(".docx") || name.ends_with(".part"),
            "{name}"
        );
    }

    let o = b.run(&[]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let (made, skipped, failed) = counts(&o);
    assert_eq!((made + skipped, failed), (12, 0), "{}", text(&o));
    let after = b.files();
    assert_eq!(after.len(), 24, "{:?}", after.keys());
    assert!(after.keys().all(|k| !k.ends_with(".part")));
    assert_complete(&after);
    for (name, bytes) in &at_kill {
        if !name.ends_with(".part") {
            assert_eq!(
                &after[name], bytes,
                "{name} made before the kill is kept as is"
            );
        }
    }
    // And the run after that has nothing left to do.
    assert_eq!(counts(&b.run(&[])), (0, 12, 0));
}

/// Starts a slow batch (test-only slowdown, README "Batch runs") with output captured.
fn spawn_slow(b: &Batch, extra: &[&str], slowdown_ms: u32) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["batch", b.file.to_str().unwrap()])
        .args(extra)
        .env("VANBAN_TEST_SLOWDOWN_MS", slowdown_ms.to_string())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until more than `before` documents are whole on disk (the DOCX is written after
/// the PDF), then sends one SIGINT — what Ctrl-C sends — and waits for the process to end.
fn interrupt_after_a_document(b: &Batch, child: std::process::Child, before: usize) -> Output {
    interrupt(b, child, before, 1)
}

/// Sends `times` SIGINTs (100 ms apart) once more than `before` documents are on disk.
fn interrupt(b: &Batch, child: std::process::Child, before: usize, times: usize) -> Output {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    loop {
        let made = b.files().keys().filter(|k| k.ends_with(".docx")).count();
        if made > before {
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no document was made in time"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    for i in 0..times {
        if i > 0 {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let kill = Command::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(kill.success());
    }
    child.wait_with_output().unwrap()
}

/// What a stopped run leaves: whole files only, no temporary file, a manifest that lists
/// exactly the documents made, and a results workbook listing every document, the ones not
/// made with `stopped_word`. Returns the stems made so far.
fn assert_stopped_cleanly(b: &Batch, total: usize, stopped_word: &str) -> BTreeSet<String> {
    let files = b.files();
    assert_complete(&files);
    assert!(
        files
            .keys()
            .all(|k| k.ends_with(".pdf") || k.ends_with(".docx")),
        "no .vanban-*.part is left: {:?}",
        files.keys()
    );
    let stems: BTreeSet<String> = files
        .keys()
        .map(|k| k.rsplit_once('.').unwrap().0.to_string())
        .collect();
    for stem in &stems {
        assert!(files.contains_key(&format!("{stem}.pdf")), "{stem}.pdf");
        assert!(files.contains_key(&format!("{stem}.docx")), "{stem}.docx");
    }

    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(b.out.join("vanban-manifest.json")).unwrap())
            .unwrap();
    let recorded: BTreeSet<String> = manifest["documents"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(id, rec)| {
            assert_eq!(rec["status"], "made", "{id}");
            id.trim_start_matches("tinh/").to_string()
        })
        .collect();
    assert_eq!(recorded, stems, "the manifest lists what was made, no more");

    let rows = results_rows(&b.out);
    assert_eq!(rows.len(), total + 1, "{rows:?}");
    let mut stopped = 0;
    for row in &rows[1..] {
        if row[7] == stopped_word {
            stopped += 1;
            assert!(!stems.contains(&row[4]), "{row:?}");
            assert_eq!((row[5].as_str(), row[6].as_str()), ("", ""), "{row:?}");
        } else {
            assert!(stems.contains(&row[4]), "{row:?}");
            assert_eq!(row[5], format!("{}.pdf", row[4]));
        }
    }
    assert_eq!(stopped, total - stems.len(), "{rows:?}");
    assert!(stopped > 0, "stopped before the end: {rows:?}");
    stems
}

#[test]
fn ctrl_c_stops_after_the_documents_in_progress_and_the_next_run_continues() {
    let total = 16;
    let b = Batch::new(&rows(total), NAME, BOTH);

    // Vietnamese: the first Ctrl-C.
    let o =
        interrupt_after_a_document(&b, spawn_slow(&b, &["--lang", "vi", "--jobs", "2"], 500), 0);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    );
    assert_eq!(code(&o), 130, "{out}{err}");
    assert!(
        err.contains(
            "đang dừng: chờ các văn bản đang tạo xong… (nhấn Ctrl+C lần nữa để thoát ngay)"
        ),
        "{err}"
    );
    let made_first = assert_stopped_cleanly(&b, total, "chưa tạo (đã dừng)");
    let n = made_first.len();
    assert!(
        out.contains(&format!("đã tạo {n}, bỏ qua 0, lỗi 0, trong ")),
        "{out}"
    );
    assert!(
        out.ends_with(&format!(
            "đã dừng theo yêu cầu (Ctrl+C): {} văn bản chưa tạo; chạy lại đúng lệnh này để làm tiếp\n",
            total - n
        )),
        "{out}"
    );
    // Per-document lines are for what happened; the documents not made are only counted.
    assert_eq!(out.lines().filter(|l| l.starts_with("đã tạo  ")).count(), n);
    assert!(!out.contains("chưa tạo (đã dừng)"), "{out}");
    let before = b.files();

    // English: the same command again continues, and is stopped again.
    let o =
        interrupt_after_a_document(&b, spawn_slow(&b, &["--lang", "en", "--jobs", "2"], 500), n);
    let (out, err) = (
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    );
    assert_eq!(code(&o), 130, "{out}{err}");
    assert!(
        err.contains("stopping after the documents in progress… (Ctrl+C again to quit at once)"),
        "{err}"
    );
    let made_second = assert_stopped_cleanly(&b, total, "not made (stopped)");
    assert!(made_second.is_superset(&made_first));
    let m = made_second.len();
    assert_eq!(counts(&o), (m - n, n, 0), "{out}");
    assert!(
        out.ends_with(&format!(
            "stopped on request (Ctrl+C): {} document{} not made; run the same command again to continue where it stopped\n",
            total - m,
            if total - m == 1 { "" } else { "s" }
        )),
        "{out}"
    );
    let after_second = b.files();
    for (name, bytes) in &before {
        assert_eq!(&after_second[name], bytes, "{name} is not made again");
    }

    // Run to the end: what was made is skipped, the rest made; exit 0.
    let o = b.run(&[]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert_eq!(counts(&o), (total - m, m, 0), "{}", text(&o));
    assert!(!text(&o).contains("stopped"), "{}", text(&o));
    let done = b.files();
    assert_eq!(done.len(), 2 * total, "{:?}", done.keys());
    assert_complete(&done);
    for (name, bytes) in &after_second {
        assert_eq!(
            &done[name], bytes,
            "{name} made before the stop is kept as is"
        );
    }
    let status: BTreeSet<String> = results_rows(&b.out)[1..]
        .iter()
        .map(|r| r[7].clone())
        .collect();
    assert_eq!(
        status,
        BTreeSet::from(["made".to_string(), "skipped".to_string()])
    );
}

#[test]
fn a_second_ctrl_c_quits_at_once_and_the_next_run_still_completes() {
    let b = Batch::new(&rows(4), NAME, BOTH);
    // One worker that waits 2 s per document: after the first document it is inside the
    // second, so both signals reach a running process.
    let o = interrupt(
        &b,
        spawn_slow(&b, &["--lang", "en", "--jobs", "1"], 2000),
        0,
        2,
    );
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(code(&o), 130, "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("(Ctrl+C again to quit at once)"),
        "{}",
        text(&o)
    );
    // Quit at once: no summary, no results workbook; the files on disk are whole.
    assert!(!out.contains(" made, "), "{out}");
    assert!(!b.out.join("vanban-ket-qua.xlsx").exists());
    let at_quit = b.files();
    assert_complete(&at_quit);
    assert!(at_quit.len() < 8, "{:?}", at_quit.keys());

    let o = b.run(&[]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let (made, skipped, failed) = counts(&o);
    assert_eq!((made + skipped, failed), (4, 0), "{}", text(&o));
    let done = b.files();
    assert_eq!(done.len(), 8, "{:?}", done.keys());
    assert_complete(&done);
}

/// The documents a dry run lists as "would make".
fn would_make(o: &Output) -> BTreeSet<String> {
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter_map(|l| l.strip_prefix("would make "))
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn shards_partition_the_documents() {
    let data = rows(12);
    let b = Batch::new(&data, NAME, DOCX);
    let all = b.run(&["--dry-run"]);
    assert_eq!(code(&all), 0, "{}", text(&all));
    let all = would_make(&all);
    assert_eq!(all.len(), 12, "{all:?}");
    assert!(!b.out.exists(), "a dry run writes nothing");
    let mut union = BTreeSet::new();
    let mut total = 0;
    for k in 1..=3 {
        let shard = format!("{k}/3");
        let o = b.run(&["--dry-run", "--shard", &shard]);
        let part = would_make(&o);
        // Deterministic: the same shard twice gives the same documents.
        assert_eq!(would_make(&b.run(&["--dry-run", "--shard", &shard])), part);
        total += part.len();
        union.extend(part);
    }
    assert_eq!(total, 12, "no document in two shards");
    assert_eq!(union, all, "together the shards make every document");

    // A real shard keeps its own manifest and results workbook.
    let o = b.run(&["--shard", "2/3"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    assert!(b.out.join("vanban-manifest.shard-2-of-3.json").is_file());
    assert!(b.out.join("vanban-ket-qua.shard-2-of-3.xlsx").is_file());
    assert!(!b.out.join("vanban-manifest.json").exists());

    let bad = b.run(&["--shard", "4/3"]);
    assert_eq!(code(&bad), 2, "{}", text(&bad));
}

#[test]
fn unsafe_names_from_data_stay_inside_the_output_folder() {
    let mut data = rows(4);
    data[0].ten = "../x".into();
    data[1].ten = "CON".into();
    data[2].ten = "a/b\\c".into();
    data[3].ten = "/etc/passwd".into();
    let b = Batch::new(&data, "{{row.tinh_thanh_pho}}", DOCX);
    let o = b.run(&[]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let names: BTreeSet<String> = b.files().into_keys().collect();
    let expected: BTreeSet<String> = ["x.docx", "CON_.docx", "a-b-c.docx", "etc-passwd.docx"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    assert_eq!(names, expected);
    assert!(!b.dir.join("x.docx").exists());
}

#[test]
fn two_documents_with_one_name_stop_the_batch_before_anything_is_written() {
    let mut data = rows(3);
    data[0].ten = "Hà Nội".into();
    data[2].ten = "hà nội".into(); // the same file on Windows and macOS
    let b = Batch::new(&data, "{{row.tinh_thanh_pho}}", BOTH);
    let o = b.run(&[]);
    let t = text(&o);
    assert_eq!(code(&o), 4, "{t}");
    assert!(t.contains("nothing was written"), "{t}");
    assert!(t.contains("row 2") && t.contains("row 4"), "{t}");
    assert!(!b.out.exists(), "no output folder, no manifest");
}

#[test]
fn outputs_are_byte_identical_across_runs_and_worker_counts() {
    let data = rows(6);
    let one = Batch::new(&data, NAME, BOTH);
    let two = Batch::new(&data, NAME, BOTH);
    assert_eq!(code(&one.run(&["--jobs", "1"])), 0);
    assert_eq!(code(&two.run(&["--jobs", "2"])), 0);
    let a = one.files();
    assert_eq!(a.len(), 12);
    assert_eq!(a, two.files(), "--jobs 1 and --jobs 2 give the same bytes");
    let o = one.run(&["--jobs", "2", "--force"]);
    assert_eq!(counts(&o), (6, 0, 0));
    assert_eq!(one.files(), a, "a second run gives the same bytes");
}

#[test]
fn the_sample_batch_file_plans_every_province_and_the_summary() {
    // The sample, with its paths pointed at the repository and its output at a temporary
    // folder (so an earlier run's manifest in out/ does not matter).
    let dir = tempdir();
    let root = root();
    let sample = std::fs::read_to_string(root.join("samples/cuoi-thang.toml")).unwrap();
    let out = dir.path().join("out");
    let text_ = sample
        .replace("\"../out/cuoi-thang\"", &format!("\"{}\"", out.display()))
        .replace(
            "\"../templates/",
            &format!("\"{}/templates/", root.display()),
        )
        .replace(
            "\"bao-cao-thang.xlsx\"",
            &format!("\"{}/samples/bao-cao-thang.xlsx\"", root.display()),
        );
    assert_ne!(text_, sample);
    let file = dir.path().join("cuoi-thang.toml");
    std::fs::write(&file, text_).unwrap();
    let file = file.to_str().unwrap();
    let o = common::vanban(&["batch", file, "--dry-run"]);
    assert_eq!(code(&o), 0, "{}", text(&o));
    let made = would_make(&o);
    assert_eq!(made.len(), 35, "{made:?}");
    assert!(made.contains("tinh/BC-01-ha-noi.pdf, tinh/BC-01-ha-noi.docx"));
    assert!(made.contains("BC-45-cndp-thang-10-2025.pdf, BC-45-cndp-thang-10-2025.docx"));
    assert!(!out.exists(), "a dry run writes nothing");
    let only = common::vanban(&["batch", file, "--dry-run", "--only", "nope"]);
    assert_eq!(code(&only), 4);
    assert!(text(&only).contains("\"bao-cao-tinh\""), "{}", text(&only));
}

#[test]
fn the_per_row_template_explains_itself_under_render() {
    let out = tempdir();
    let o = common::vanban(&[
        "render",
        "templates/bao-cao-tinh",
        "--data",
        "samples/bao-cao-thang.xlsx",
        "-o",
        out.path().to_str().unwrap(),
    ]);
    let t = text(&o);
    assert_eq!(code(&o), 4, "{t}");
    assert!(t.contains("body.md.hbs:1:"), "{t}");
    assert!(t.contains("vanban batch"), "{t}");
    assert!(std::fs::read_dir(out.path()).unwrap().next().is_none());
}

/// The results workbook's cells as text, header first.
fn results_rows(out: &Path) -> Vec<Vec<String>> {
    let mut wb: calamine::Xlsx<_> =
        calamine::open_workbook(out.join("vanban-ket-qua.xlsx")).unwrap();
    let range = wb.worksheet_range("Kết quả").unwrap();
    range
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

/// Writes a batch file with one job over the test workbook, `extra` lines added to the job.
fn batch_file(b: &Batch, extra: &str) -> String {
    let template = root().join("templates/bao-cao-tinh");
    let file = b.dir.join("lo.toml");
    std::fs::write(
        &file,
        format!(
            "output = \"out\"\n\n[[job]]\nname = \"tinh\"\ntemplate = \"{}\"\nworkbook = \"data.xlsx\"\n{extra}",
            template.display()
        ),
    )
    .unwrap();
    file.to_str().unwrap().to_string()
}

#[test]
fn batch_file_problems_are_explained_in_vietnamese() {
    let b = Batch::new(&rows(2), NAME, BOTH);

    // A misspelt key: the file, line and column, and the keys that are allowed.
    let file = batch_file(&b, "rows = \"Tỉnh thành\"\nformat = [\"pdf\"]\n");
    let o = common::vanban(&["--lang", "vi", "batch", &file]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(code(&o), 4, "{err}");
    assert!(err.starts_with("lỗi: "), "{err}");
    assert!(
        err.contains("lo.toml:8:1: không dùng được trường job[0].format ở đây"),
        "{err}"
    );
    assert!(
        err.contains("các trường dùng được:") && err.contains(" formats"),
        "{err}"
    );

    // A job naming a sheet the workbook does not have.
    let file = batch_file(&b, "rows = \"Huyện\"\n");
    let o = common::vanban(&["batch", &file, "--lang", "vi"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(code(&o), 4, "{err}");
    assert_eq!(
        err.trim_end(),
        "lỗi: việc \"tinh\": rows = \"Huyện\", nhưng bảng tính data.xlsx chỉ có các sheet \"Thông tin\", \"Tỉnh thành\""
    );

    // A key–value sheet cannot give one document per row.
    let file = batch_file(&b, "rows = \"Thông tin\"\n");
    let o = common::vanban(&["batch", &file, "--lang", "vi"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(code(&o), 4, "{err}");
    assert!(
        err.contains("việc \"tinh\": sheet \"Thông tin\" của data.xlsx là sheet trường – giá trị"),
        "{err}"
    );

    // An output pattern that is not Handlebars.
    let file = batch_file(
        &b,
        "rows = \"Tỉnh thành\"\noutput = \"BC-{{#if row.ma}}\"\n",
    );
    let o = common::vanban(&["batch", &file, "--lang", "vi"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(code(&o), 4, "{err}");
    assert!(
        // The place is the job's own `output` line (line 8), found by its span.
        err.contains("lo.toml:8:1: việc \"tinh\": output không phải là mẫu Handlebars hợp lệ: "),
        "{err}"
    );

    // A `when` filter naming a field the row does not have.
    let file = batch_file(&b, "rows = \"Tỉnh thành\"\nwhen = \"{{row.khong_co}}\"\n");
    let o = common::vanban(&["batch", &file, "--lang", "vi"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(code(&o), 4, "{err}");
    assert!(
        err.contains("việc \"tinh\", data.xlsx, sheet \"Tỉnh thành\", dòng 2: when = …: không có trường \"row.khong_co\""),
        "{err}"
    );

    // --only with a job that does not exist; the locale alone (LANG=vi_VN) chooses Vietnamese.
    let file = batch_file(&b, "rows = \"Tỉnh thành\"\n");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["batch", &file, "--dry-run", "--only", "huyen"])
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "vi_VN.UTF-8")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(code(&o), 4, "{err}");
    assert!(
        err.contains("lỗi: --only huyen: không có việc nào tên như vậy; các việc là \"tinh\""),
        "{err}"
    );
    assert!(!b.out.exists(), "nothing written");
}

#[test]
fn a_run_with_failed_rows_reports_in_vietnamese_and_the_results_workbook_too() {
    let mut data = rows(5);
    data[1].iip_so_cung_ky = Cell::Text("không rõ".into());
    data[3].iip_so_cung_ky = Cell::DivZero;
    let b = Batch::new(&data, NAME, BOTH);
    let o = b.run(&["--lang", "vi"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(code(&o), 6, "{}", text(&o));
    // One line per document (stdout is not a terminal).
    assert!(
        out.contains("đã tạo     BC-01-ha-noi.pdf, BC-01-ha-noi.docx (2 trang)\n"),
        "{out}"
    );
    assert!(out.contains("lỗi        BC-04-da-nang\n"), "{out}");
    assert!(
        out.contains(
            "data.xlsx, sheet \"Tỉnh thành\", dòng 5, ô E5: ô chứa lỗi Excel #DIV/0! và mẫu dùng \
             cột này (\"iip_so_cung_ky\"); sửa công thức hoặc giá trị trong bảng tính"
        ),
        "{out}"
    );
    // The text cell's failure comes from the template; it names the row in Vietnamese.
    assert!(
        out.contains("data.xlsx, sheet \"Tỉnh thành\", dòng 3: "),
        "{out}"
    );
    // The summary.
    assert!(out.contains("đã tạo 3, bỏ qua 0, lỗi 2, trong "), "{out}");
    assert!(out.contains(" luồng) → "), "{out}");
    assert!(
        out.contains("\nlỗi:\n  tinh BC-02-cao-bang: data.xlsx, sheet \"Tỉnh thành\", dòng 3: "),
        "{out}"
    );
    assert!(
        out.contains("chỉ chạy lại những văn bản này: thêm --only failed"),
        "{out}"
    );
    assert!(out.contains("kết quả: "), "{out}");
    assert!(!out.contains(" made, "), "{out}");

    let rows = results_rows(&b.out);
    assert_eq!(
        rows[0],
        [
            "STT",
            "Việc",
            "Bảng tính / sheet",
            "Dòng",
            "Tên",
            "PDF",
            "DOCX",
            "Trạng thái",
            "Số trang",
            "Lỗi hoặc ghi chú"
        ]
    );
    let status: Vec<&str> = rows[1..].iter().map(|r| r[7].as_str()).collect();
    assert_eq!(status, ["đã tạo", "lỗi", "đã tạo", "lỗi", "đã tạo"]);
    assert_eq!(rows[1][2], "data.xlsx (Tỉnh thành)");
    assert!(
        rows[4][9].contains("dòng 5, ô E5: ô chứa lỗi Excel #DIV/0!"),
        "{:?}",
        rows[4]
    );

    // A dry run says what it would do: skip the rows made, try the failed ones again.
    let o = b.run(&["--lang", "vi", "--dry-run"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        out.contains("sẽ bỏ qua  BC-01-ha-noi.pdf, BC-01-ha-noi.docx"),
        "{out}"
    );
    assert!(
        out.contains(
            "chạy thử: 1 văn bản sẽ được tạo, 3 bỏ qua, 1 lỗi (tên hoặc dữ liệu); chưa ghi tệp nào"
        ),
        "{out}"
    );
}

#[test]
fn an_edited_file_and_a_name_collision_are_explained_in_vietnamese() {
    let mut data = rows(1);
    let b = Batch::new(&data, NAME, DOCX);
    assert_eq!(code(&b.run(&[])), 0);
    let edited = b.out.join("BC-01-ha-noi.docx");
    let mut bytes = std::fs::read(&edited).unwrap();
    bytes.extend_from_slice(b"edited");
    std::fs::write(&edited, &bytes).unwrap();
    data[0].iip_so_cung_ky = Cell::Number(9.0);
    b.rewrite(&data);
    let o = b.run(&["--lang", "vi"]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(code(&o), 0, "{}", text(&o));
    let note = "ghi chú: BC-01-ha-noi.docx đã được sửa sau khi vanban ghi nên được giữ nguyên; \
                bản mới ghi vào BC-01-ha-noi (vanban 2).docx (--force để ghi đè)";
    assert!(out.contains(note), "{out}");
    let results = results_rows(&b.out);
    assert!(
        results[1][9].starts_with("BC-01-ha-noi.docx đã được sửa"),
        "{results:?}"
    );

    let mut data = rows(3);
    data[0].ten = "Hà Nội".into();
    data[2].ten = "hà nội".into();
    let c = Batch::new(&data, "{{row.tinh_thanh_pho}}", BOTH);
    let o = c.run(&["--lang", "vi"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(code(&o), 4, "{err}");
    assert!(
        err.starts_with("lỗi: 1 văn bản sẽ ghi vào tệp mà một văn bản khác cũng dùng"),
        "{err}"
    );
    assert!(err.contains("chưa ghi tệp nào"), "{err}");
    assert!(
        err.contains("việc \"tinh\" (data.xlsx, sheet \"Tỉnh thành\", dòng 2) và việc \"tinh\" (data.xlsx, sheet \"Tỉnh thành\", dòng 4)"),
        "{err}"
    );
    assert!(!c.out.exists());
}

#[test]
fn english_output_is_unchanged() {
    let mut data = rows(3);
    data[1].iip_so_cung_ky = Cell::DivZero;
    let b = Batch::new(&data, NAME, BOTH);
    let o = b.run(&[]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(code(&o), 6, "{}", text(&o));
    assert!(
        out.contains("made       BC-01-ha-noi.pdf, BC-01-ha-noi.docx (2 pages)\n"),
        "{out}"
    );
    assert!(out.contains("failed     BC-02-cao-bang\n"), "{out}");
    assert!(
        out.contains(
            "data.xlsx, sheet \"Tỉnh thành\", row 3, cell E3: the cell holds the Excel error \
             #DIV/0! and the template uses this column (\"iip_so_cung_ky\"); correct the formula \
             or the value in the workbook"
        ),
        "{out}"
    );
    assert_eq!(counts(&o), (2, 0, 1));
    assert!(out.contains("\nfailed:\n  tinh BC-02-cao-bang: "), "{out}");
    assert!(
        out.contains("re-run only these with --only failed\nresults: "),
        "{out}"
    );
    let rows = results_rows(&b.out);
    assert_eq!(
        rows[0],
        [
            "STT",
            "Job",
            "Workbook / sheet",
            "Row",
            "Name",
            "PDF",
            "DOCX",
            "Status",
            "Pages",
            "Error or note"
        ]
    );
    let status: Vec<&str> = rows[1..].iter().map(|r| r[7].as_str()).collect();
    assert_eq!(status, ["made", "failed", "made"]);
    assert_eq!(rows[1][2], "data.xlsx (Tỉnh thành)");

    // `--lang en` on a Vietnamese machine gives the same English.
    let file = batch_file(&b, "rows = \"Huyện\"\n");
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["--lang", "en", "batch", &file])
        .env("LANG", "vi_VN.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&o.stderr).trim_end(),
        "error: job \"tinh\": rows = \"Huyện\", but data.xlsx has only the sheets \"Thông tin\", \"Tỉnh thành\""
    );
}

/// `vanban bench` runs the real batch on synthetic rows and prints, for each run, the CPU
/// time per document and the kernel's part of it (a smoke test of the report: the
/// figures are read and checked for sense, never against a time limit).
#[test]
fn bench_reports_cpu_and_kernel_time_per_document() {
    let tmp = tempdir();
    let o = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["bench", "--docs", "3", "--both-only", "--jobs", "2"])
        .env("TMPDIR", tmp.path())
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .current_dir(root())
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{stdout}{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        stdout.contains("cpu ms/doc  of kernel"),
        "no CPU columns:\n{stdout}"
    );
    let row = stdout
        .lines()
        .find(|l| l.trim_start().starts_with("3  both"))
        .unwrap_or_else(|| panic!("no row for the 3 documents:\n{stdout}"));
    let numbers: Vec<f64> = row
        .split_whitespace()
        .skip(2)
        .take(5)
        .map(|f| f.parse().unwrap_or_else(|_| panic!("{f} in {row}")))
        .collect();
    let [wall, _, _, cpu, kernel] = numbers[..] else {
        panic!("{row}");
    };
    assert!(wall > 0.0 && cpu > 0.0, "{row}");
    assert!((0.0..=cpu).contains(&kernel), "{row}");
    // The benchmark cleans up after itself.
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(left.is_empty(), "{left:?}");
}
