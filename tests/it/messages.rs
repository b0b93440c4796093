//! The command line in Vietnamese: clap's help and usage errors, and the errors of
//! render, preview and fields as `--lang vi` (or a vi locale) prints them, on the real
//! binary over the sample template and workbook.

use crate::common;

use std::path::Path;
use std::process::{Command, Output};

use common::{root, tempdir, vanban};

/// The binary with the locale `lang_env` (LANG) and no `--lang`.
fn vanban_locale(args: &[&str], lang_env: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(args)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", lang_env)
        .current_dir(root())
        .output()
        .expect("the vanban binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn help_is_in_vietnamese_with_lang_vi() {
    let o = vanban(&["--lang", "vi", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    for s in [
        "Cách dùng: vanban",
        "Các lệnh:",
        "Ngôn ngữ của thông báo",
        "In hướng dẫn.",
    ] {
        assert!(out.contains(s), "{s:?} not in:\n{out}");
    }
    // The command column is as wide as the longest command name.
    assert!(
        out.lines().any(|l| l.trim_start().starts_with("render ")
            && l.ends_with(" Tạo văn bản PDF và DOCX từ một mẫu và một bảng tính.")),
        "{out}"
    );
    assert!(
        !out.contains("Usage:") && !out.contains("Commands:"),
        "{out}"
    );

    let o = vanban(&["--lang=vi", "render", "--help"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    for s in [
        "Cách dùng: vanban render [OPTIONS] --data <DATA> <TEMPLATE>",
        "Tham số:",
        "Thư mục mẫu (ví dụ templates/bao-cao-thang).",
        "Tùy chọn:",
        "Bảng tính (.xlsx, .xls, .xlsb hoặc .ods).",
        "[mặc định: out]",
        "[giá trị: pdf, docx, both]",
        "off (để nguyên)",
    ] {
        assert!(out.contains(s), "{s:?} not in:\n{out}");
    }
    for s in [
        "Usage:",
        "Options:",
        "[default:",
        "Possible values:",
        "Print help",
    ] {
        assert!(!out.contains(s), "{s:?} in:\n{out}");
    }

    // English stays clap's own.
    let o = vanban(&["render", "--help"]);
    assert!(text(&o.stdout).contains("Usage: vanban render"));
}

#[test]
fn a_vi_locale_gives_vietnamese_usage_errors() {
    let o = vanban_locale(&["render", "templates/bao-cao-thang"], "vi_VN.UTF-8");
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(
        err.starts_with("lỗi: thiếu tham số bắt buộc:\n  --data <DATA>\n"),
        "{err}"
    );
    assert!(
        err.contains("Cách dùng: vanban render --data <DATA> <TEMPLATE>"),
        "{err}"
    );
    assert!(err.contains("Xem thêm: '--help'."), "{err}");

    let o = vanban_locale(&["rendr"], "vi_VN.UTF-8");
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.starts_with("lỗi: không có lệnh 'rendr'"), "{err}");
    assert!(err.contains("gợi ý: có lệnh gần giống: 'render'"), "{err}");

    // `--lang en` wins over the locale.
    let o = vanban_locale(&["--lang", "en", "rendr"], "vi_VN.UTF-8");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).starts_with("error: unrecognized subcommand 'rendr'"));
}

#[test]
fn a_missing_workbook_is_reported_in_vietnamese() {
    let o = vanban(&[
        "--lang",
        "vi",
        "render",
        "templates/bao-cao-thang",
        "--data",
        "nope.xlsx",
    ]);
    assert_eq!(o.status.code(), Some(3));
    let err = text(&o.stderr);
    assert!(err.starts_with("lỗi: "), "{err}");
    assert!(err.contains("nope.xlsx"), "{err}");
    assert!(!err.starts_with("error:"), "{err}");
}

#[test]
fn preview_of_a_page_that_is_not_there_in_vietnamese() {
    let dir = tempdir();
    let out = dir.path().join("png");
    let o = vanban(&[
        "--lang",
        "vi",
        "preview",
        "templates/bao-cao-thang",
        "--data",
        "samples/bao-cao-thang.xlsx",
        "--page",
        "99",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let err = text(&o.stderr);
    assert!(err.starts_with("lỗi: văn bản có "), "{err}");
    assert!(err.contains(" trang; không có trang 99"), "{err}");
    assert!(!out.exists(), "nothing is written");
}

/// Renders the sample into `out` in Vietnamese.
fn render_vi(out: &Path, format: &str) -> Output {
    vanban(&[
        "--lang",
        "vi",
        "render",
        "templates/bao-cao-thang",
        "--data",
        "samples/bao-cao-thang.xlsx",
        "--format",
        format,
        "-o",
        out.to_str().unwrap(),
    ])
}

#[test]
fn output_that_cannot_be_written_is_explained_in_vietnamese() {
    let dir = tempdir();
    // The output folder's parent is a file.
    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").unwrap();
    let out = file.join("out");
    let o = render_vi(&out, "docx");
    assert_eq!(o.status.code(), Some(5), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    assert!(
        err.starts_with(&format!("lỗi: không ghi được {}: ", out.display())),
        "{err}"
    );
    assert!(
        err.contains("một phần của đường dẫn là tệp, không phải thư mục"),
        "{err}"
    );

    // The output file's name is taken by a folder.
    let good = dir.path().join("good");
    let o = render_vi(&good, "docx");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let made = text(&o.stdout);
    let name = Path::new(made.lines().next().expect("a file"))
        .file_name()
        .expect("a name")
        .to_owned();
    let blocked = dir.path().join("blocked");
    std::fs::create_dir_all(blocked.join(&name).join("inside")).unwrap();
    let o = render_vi(&blocked, "docx");
    assert_eq!(o.status.code(), Some(5), "{}", text(&o.stderr));
    let err = text(&o.stderr);
    let target = blocked.join(&name);
    assert!(
        err.starts_with(&format!("lỗi: không ghi được {}: ", target.display())),
        "{err}"
    );
    assert!(err.contains("thư mục"), "{err}");
    assert!(
        blocked.join(&name).join("inside").is_dir(),
        "the folder is left alone"
    );
}

#[test]
fn a_broken_layout_is_reported_in_vietnamese_with_typst_verbatim() {
    let dir = tempdir();
    let tpl = dir.path().join("tpl");
    std::fs::create_dir_all(&tpl).unwrap();
    for f in ["template.toml", "body.md.hbs"] {
        std::fs::copy(root().join("templates/bao-cao-thang").join(f), tpl.join(f)).unwrap();
    }
    std::fs::write(
        tpl.join("layout.typ"),
        "#let doc = json(\"/document.json\") // vanban-format: 2\n#text(fill: khong-co)[x]\n",
    )
    .unwrap();
    let o = vanban(&[
        "--lang",
        "vi",
        "render",
        tpl.to_str().unwrap(),
        "--data",
        "samples/bao-cao-thang.xlsx",
        "--format",
        "pdf",
        "-o",
        dir.path().join("out").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(4));
    let err = text(&o.stderr);
    assert!(
        err.starts_with("lỗi: không dàn trang được bản PDF (lỗi bố cục):\n"),
        "{err}"
    );
    assert!(
        err.contains("layout.typ:2:13: unknown variable: khong-co"),
        "{err}"
    );
}

#[test]
fn fields_listing_in_vietnamese() {
    let o = vanban(&["--lang", "vi", "fields", "samples/bao-cao-thang.xlsx"]);
    assert_eq!(o.status.code(), Some(0));
    let out = text(&o.stdout);
    for s in [
        "Sheet \"Thông tin\" (trường – giá trị) — trong mẫu: {{",
        ".TRƯỜNG}}",
        "Sheet \"Tỉnh thành\" (bảng, dòng tiêu đề 5, 34 dòng) — trong mẫu: {{#each ",
        "ngày tháng",
        "05/11/2025",
        "ngay_ban_hanh",
    ] {
        assert!(out.contains(s), "{s:?} not in:\n{out}");
    }
    assert!(
        !out.contains("in a template") && !out.contains("header row"),
        "{out}"
    );
}
