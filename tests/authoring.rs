//! Template authoring: `check` (a set of broken templates, each with its expected message
//! and location), `preview`, `new`, `templates`, `watch` and the two languages.

mod common;

use std::path::{Path, PathBuf};

use common::*;

/// The workbook the broken templates are checked against: "Thông tin" (key–value) and
/// "Dữ liệu" (STT | Nội dung, rows 2–3, the text "một" in B2).
fn workbook(dir: &Path) -> PathBuf {
    let wb = dir.join("dulieu.xlsx");
    let facts = escape_facts("nội dung");
    let facts: Vec<(&str, &str)> = facts.iter().map(|(k, v)| (*k, v.as_str())).collect();
    write_workbook(&wb, &facts, &["một", "hai"]);
    wb
}

fn run(args: &[&str]) -> (i32, String, String) {
    let o = vanban(args);
    let code = o.status.code().expect("exited, not killed");
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_ne!(code, 101, "vanban panicked: {err}");
    (code, out, err)
}

#[test]
fn dump_broken() {
    let dir = tempdir();
    let wb = workbook(dir.path());
    for e in std::fs::read_dir(root().join("tests/fixtures/broken")).unwrap() {
        let p = e.unwrap().path();
        let (code, out, err) = run(&[
            "--lang",
            "en",
            "check",
            p.to_str().unwrap(),
            "--data",
            wb.to_str().unwrap(),
        ]);
        eprintln!("=== {} rc={code}\n{out}{err}", p.display());
    }
}
