//! check and render tell the same truth (issue 17): a misspelt column is an error in
//! render, check and eval alike, never a silent 0.

use std::path::Path;

use crate::common;

use common::*;

/// A copy of the shipped monthly report whose body reads `tinh` with `body` edited in.
fn broken_template(dir: &Path, from: &str, to: &str) -> std::path::PathBuf {
    let tpl = dir.join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    let src = root().join("templates/bao-cao-thang");
    std::fs::copy(src.join("template.toml"), tpl.join("template.toml")).unwrap();
    let body = std::fs::read_to_string(src.join("body.md.hbs")).unwrap();
    assert!(body.contains(from), "the body has {from:?}");
    std::fs::write(tpl.join("body.md.hbs"), body.replacen(from, to, 1)).unwrap();
    tpl
}

fn stderr(o: &std::process::Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn a_misspelt_column_fails_in_render_check_and_eval() {
    let dir = tempdir();
    let tpl = broken_template(
        dir.path(),
        "{{num (sum tinh \"ban_le_ty_dong\") 1}}",
        "{{num (sum tinh \"ban_le_ty_dog\") 1}}",
    );
    let out = dir.path().join("out");
    let tpl = tpl.to_str().unwrap();
    let render = vanban(&[
        "render",
        tpl,
        "--data",
        "samples/bao-cao-thang.xlsx",
        "-o",
        out.to_str().unwrap(),
    ]);
    let check = vanban(&["check", tpl, "--data", "samples/bao-cao-thang.xlsx"]);
    let e = stderr(&render);
    assert!(!render.status.success(), "render passed a misspelt column");
    assert!(
        e.contains("has the column \"ban_le_ty_dog\"")
            && e.contains("sheet \"Tỉnh thành\"")
            && e.contains("nearest: \"ban_le_ty_dong\""),
        "render: {e}"
    );
    // check finds it before rendering, by the workbook's fields.
    let said = format!(
        "{}{}",
        String::from_utf8_lossy(&check.stdout),
        stderr(&check)
    );
    assert!(!check.status.success(), "check passed a misspelt column");
    assert!(
        said.contains("\"ban_le_ty_dog\"") && said.contains("did you mean \"ban_le_ty_dong\""),
        "check: {said}"
    );
    assert!(!out.join("BC-45-cndp-thang-10-2025.pdf").exists());
    let eval = vanban(&[
        "eval",
        "{{num (sum tinh_thanh \"khong_co_cot\") 1}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
    ]);
    assert!(!eval.status.success(), "eval printed {:?}", eval.stdout);
    assert!(
        stderr(&eval).contains(
            "sum: no row of the list \"tinh_thanh\" (sheet \"Tỉnh thành\") has the column \"khong_co_cot\""
        ),
        "{}",
        stderr(&eval)
    );
}

#[test]
fn eval_names_the_nearest_helper_and_the_workbooks_sheet() {
    let o = vanban(&[
        "eval",
        "{{sort_vn tinh_thanh \"ten\"}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
    ]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("did you mean \"sort_vi\""),
        "{}",
        stderr(&o)
    );
    // The template calls the sheet `tinh`; the workbook `tinh_thanh`.
    let o = vanban(&[
        "eval",
        "{{count tinh}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
    ]);
    let e = stderr(&o);
    assert!(!o.status.success());
    assert!(
        e.contains("the workbook calls that sheet \"tinh_thanh\"") && e.contains("--template"),
        "{e}"
    );
    let o = vanban(&[
        "--lang",
        "vi",
        "eval",
        "{{count tinh}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
    ]);
    assert!(
        stderr(&o).contains("sổ Excel gọi sheet đó là \"tinh_thanh\""),
        "{}",
        stderr(&o)
    );
    // With the template, its names work.
    let o = vanban(&[
        "eval",
        "{{count tinh}}",
        "--data",
        "samples/bao-cao-thang.xlsx",
        "--template",
        "templates/bao-cao-thang",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}
