//! Every template.toml field, broken one at a time: `render` and `check` must point at
//! that field's own line and column (found from the TOML spans), not at the first key of
//! the same name elsewhere in the file — `[signature] name` is not `[template] name`.

use std::path::Path;

use crate::common::{self, tempdir, vanban};

/// A template whose every line is unique, so a test can say which line a field is on.
const MANIFEST: &str = r#"[template]
name = "mau-thu"
title = "Báo cáo thử"
output = "{{meta.ten_tep}}"
form = "nd30"
sizes = "13/14/14"

[page]
margin_left_mm = 30

[data.meta]
sheet = "Thông tin"
kind = "key-value"
columns = ["co_quan", "so"]

[data.dong]
sheet = "Dữ liệu"

[header]
agency = "{{meta.co_quan}}"
number = "{{meta.so}}"
symbol = "BC-THU"
place = "Hà Nội"
date = "05/01/2026"
doc_type = "BÁO CÁO"
summary = "Về việc thử"

[distribution]
recipients = ["Như trên", "Lưu: VT"]

[signature]
authority = ""
title = "CỤC TRƯỞNG"
name = "Nguyễn Văn A"
"#;

const BODY: &str = "## Thử\n\nĐoạn văn.\n";

/// One broken field: the lines of `MANIFEST` it replaces and their new text, and the text
/// the reported place must point at (its line, and the column where that text starts).
struct Case {
    field: &'static str,
    edits: &'static [(&'static str, &'static str)],
    at: &'static str,
}

const CASES: &[Case] = &[
    Case {
        field: "template.form",
        edits: &[("form = \"nd30\"", "form = \"nd99\"")],
        at: "form = \"nd99\"",
    },
    Case {
        field: "template.sizes",
        edits: &[("sizes = \"13/14/14\"", "sizes = \"11/12/12\"")],
        at: "sizes = \"11/12/12\"",
    },
    Case {
        field: "template.output",
        edits: &[(
            "output = \"{{meta.ten_tep}}\"",
            "output = \"{{#if meta.ten_tep}}\"",
        )],
        at: "output = \"{{#if meta.ten_tep}}\"",
    },
    Case {
        field: "page.margin_left_mm",
        edits: &[("margin_left_mm = 30", "margin_left_mm = 5")],
        at: "margin_left_mm = 5",
    },
    Case {
        field: "data.meta.kind",
        edits: &[("kind = \"key-value\"", "kind = \"bang\"")],
        at: "kind = \"bang\"",
    },
    Case {
        field: "header.agency",
        edits: &[(
            "agency = \"{{meta.co_quan}}\"",
            "agency = \"{{meta.co_quam}}\"",
        )],
        at: "agency = \"{{meta.co_quam}}\"",
    },
    Case {
        field: "header.symbol",
        edits: &[("symbol = \"BC-THU\"", "symbol = \"2025/BC-THU\"")],
        at: "symbol = \"2025/BC-THU\"",
    },
    Case {
        field: "header.date",
        edits: &[("date = \"05/01/2026\"", "date = \"hôm qua\"")],
        at: "date = \"hôm qua\"",
    },
    Case {
        field: "header.summary",
        edits: &[("summary = \"Về việc thử\"", "summary = \"{{#each}}\"")],
        at: "summary = \"{{#each}}\"",
    },
    Case {
        field: "signature.authority",
        edits: &[("authority = \"\"", "authority = \"XYZ.\"")],
        at: "authority = \"XYZ.\"",
    },
    Case {
        field: "signature.title",
        edits: &[("title = \"CỤC TRƯỞNG\"", "title = \"\"")],
        at: "title = \"\"",
    },
    Case {
        field: "distribution.recipients[1]",
        edits: &[(
            "recipients = [\"Như trên\", \"Lưu: VT\"]",
            "recipients = [\"Như trên\", \"{{meta.khong_co}}\"]",
        )],
        at: "\"{{meta.khong_co}}\"",
    },
    Case {
        field: "draft.position",
        edits: &[
            ("number = \"{{meta.so}}\"", "number = \"\""),
            ("[signature]", "[draft]\nposition = \"giữa\"\n\n[signature]"),
        ],
        at: "position = \"giữa\"",
    },
    // A draft carries no number: the error is header.number's.
    Case {
        field: "header.number",
        edits: &[(
            "[signature]",
            "[draft]\ntext = \"DỰ THẢO 1\"\n\n[signature]",
        )],
        at: "number = \"{{meta.so}}\"",
    },
    Case {
        field: "appendix[0].body",
        edits: &[(
            "[signature]",
            "[[appendix]]\ntitle = \"Phụ lục thử\"\nbody = \"../ngoai.md\"\n\n[signature]",
        )],
        at: "body = \"../ngoai.md\"",
    },
    Case {
        field: "signatures[1].name",
        edits: &[(
            "[signature]",
            "[[signatures]]\ntitle = \"TRƯỞNG ĐOÀN\"\nname = \"Trần B\"\n\n\
             [[signatures]]\ntitle = \"THƯ KÝ\"\nname = \"  \"\n\n[signature]",
        )],
        at: "name = \"  \"",
    },
    Case {
        field: "data.dong.rows",
        edits: &[("sheet = \"Dữ liệu\"", "sheet = \"Dữ liệu\"\nrows = \"all\"")],
        at: "rows = \"all\"",
    },
    Case {
        field: "data.dong.numbers",
        edits: &[(
            "sheet = \"Dữ liệu\"",
            "sheet = \"Dữ liệu\"\nnumbers = \"fr\"",
        )],
        at: "numbers = \"fr\"",
    },
    Case {
        field: "template.pdf_standard",
        edits: &[(
            "sizes = \"13/14/14\"",
            "sizes = \"13/14/14\"\npdf_standard = \"a-9z\"",
        )],
        at: "pdf_standard = \"a-9z\"",
    },
    Case {
        field: "template.docx_changes",
        edits: &[(
            "sizes = \"13/14/14\"",
            "sizes = \"13/14/14\"\ndocx_changes = \"tracked\"",
        )],
        at: "docx_changes = \"tracked\"",
    },
    Case {
        field: "workbook.legacy",
        edits: &[(
            "[signature]",
            "[workbook]\nlegacy = \"tcvn4\"\n\n[signature]",
        )],
        at: "legacy = \"tcvn4\"",
    },
    // The reported bug: an empty signer name pointed at `[template] name`.
    Case {
        field: "signature.name",
        edits: &[("name = \"Nguyễn Văn A\"", "name = \"\"")],
        at: "name = \"\"",
    },
];

/// The text of the broken manifest, and the 1-based (line, column) of `at` in it.
fn broken(case: &Case) -> (String, (usize, usize)) {
    let mut text = MANIFEST.to_string();
    for (line, with) in case.edits {
        assert_eq!(text.matches(line).count(), 1, "{}", case.field);
        text = text.replace(line, with);
    }
    let (i, line) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains(case.at))
        .expect("the broken line is there");
    let column = line[..line.find(case.at).unwrap_or(0)].chars().count() + 1;
    (text, (i + 1, column))
}

fn write_template(dir: &Path, manifest: &str) {
    std::fs::create_dir_all(dir).unwrap();
    std::fs::write(dir.join("template.toml"), manifest).unwrap();
    std::fs::write(dir.join("body.md.hbs"), BODY).unwrap();
}

/// `template.toml:<line>:<column>` as the message prints it.
fn place_in(stderr: &str) -> Option<(usize, usize)> {
    let rest = &stderr[stderr.find("template.toml:")? + "template.toml:".len()..];
    let mut parts = rest.splitn(3, ':');
    let line = parts.next()?.parse().ok()?;
    let column = parts.next()?.parse().ok()?;
    Some((line, column))
}

#[test]
fn every_broken_manifest_field_is_reported_at_its_own_line_and_column() {
    let tmp = tempdir();
    let data = tmp.path().join("data.xlsx");
    common::write_workbook(
        &data,
        &[("Tên tệp", "thu"), ("Cơ quan", "CỤC THỬ"), ("Số", "12")],
        &["một"],
    );
    let data = data.to_str().unwrap();

    // The unbroken template renders: each failure below is the broken field's.
    let good = tmp.path().join("good");
    write_template(&good, MANIFEST);
    let out = tmp.path().join("out");
    let o = vanban(&[
        "render",
        good.to_str().unwrap(),
        "-d",
        data,
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    for (n, case) in CASES.iter().enumerate() {
        let (text, expected) = broken(case);
        let dir = tmp.path().join(format!("t{n}"));
        write_template(&dir, &text);
        let o = vanban(&[
            "render",
            dir.to_str().unwrap(),
            "-d",
            data,
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(!o.status.success(), "{}: renders", case.field);
        assert_eq!(place_in(&err), Some(expected), "{}: {err}", case.field);
    }
}

#[test]
fn a_value_of_the_wrong_type_is_located_by_the_parser() {
    let tmp = tempdir();
    let dir = tmp.path().join("t");
    let text = MANIFEST.replace(
        "place = \"Hà Nội\"",
        "place = \"Hà Nội\"\ndate_line = \"có\"",
    );
    write_template(&dir, &text);
    let o = vanban(&["check", dir.to_str().unwrap()]);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    let (i, _) = text
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("date_line"))
        .unwrap();
    assert_eq!(o.status.code(), Some(4), "{out}");
    // The parser's span is the value: line of date_line, after `date_line = `.
    assert!(
        out.contains(&format!("template.toml:{}:13", i + 1)),
        "{out}"
    );
}

#[test]
fn check_points_at_the_same_places() {
    let tmp = tempdir();
    let data = tmp.path().join("data.xlsx");
    common::write_workbook(
        &data,
        &[("Tên tệp", "thu"), ("Cơ quan", "CỤC THỬ"), ("Số", "12")],
        &["một"],
    );
    let data = data.to_str().unwrap();
    for (n, case) in CASES.iter().enumerate() {
        let (text, (line, column)) = broken(case);
        let dir = tmp.path().join(format!("t{n}"));
        write_template(&dir, &text);
        let o = vanban(&[
            "check",
            dir.to_str().unwrap(),
            "-d",
            data,
            "--format",
            "json",
        ]);
        let report: serde_json::Value =
            serde_json::from_slice(&o.stdout).expect("check --format json prints JSON");
        let errors: Vec<&serde_json::Value> = report
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["severity"] == "error")
            .collect();
        assert!(!errors.is_empty(), "{}: check finds nothing", case.field);
        let places: Vec<(u64, u64)> = errors
            .iter()
            .map(|d| {
                (
                    d["line"].as_u64().unwrap_or(0),
                    d["column"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        assert!(
            places.iter().any(|&(l, _)| l == line as u64),
            "{}: expected line {line} (column {column}), got {places:?}",
            case.field
        );
    }
}

#[test]
fn a_setting_that_is_none_of_its_values_is_said_in_both_languages() {
    let tmp = tempdir();
    let dir = tmp.path().join("t");
    write_template(
        &dir,
        &MANIFEST.replace("form = \"nd30\"", "form = \"nd99\""),
    );
    let en = vanban(&["check", dir.to_str().unwrap()]);
    let vi = vanban(&["--lang", "vi", "check", dir.to_str().unwrap()]);
    let (en, vi) = (
        String::from_utf8_lossy(&en.stdout).into_owned(),
        String::from_utf8_lossy(&vi.stdout).into_owned(),
    );
    assert!(
        en.contains("template.toml:5:1: error: template.toml is not valid: template.form: \"nd99\" is not a form vanban knows"),
        "{en}"
    );
    assert!(
        vi.contains("template.toml:5:1: lỗi: template.toml không hợp lệ: template.form: vanban không biết thể thức \"nd99\""),
        "{vi}"
    );
}

/// template.toml that is not TOML: the place with a caret, a plain sentence in the
/// reader's language with our own hint (never the parser's English translated back), the
/// parser's words only in the English.
#[test]
fn a_template_toml_that_is_not_toml_is_explained_in_both_languages() {
    let tmp = tempdir();
    let data = tmp.path().join("data.xlsx");
    common::write_workbook(&data, &[("Tên tệp", "thu")], &["một"]);
    let dir = tmp.path().join("t");
    write_template(
        &dir,
        &MANIFEST.replace("place = \"Hà Nội\"", "place = Hà Nội"),
    );
    let line = MANIFEST
        .lines()
        .position(|l| l.starts_with("place = "))
        .unwrap()
        + 1;
    for (lang, want) in [
        (
            "vi",
            format!(
                "template.toml:{line}:9: template.toml không đúng cú pháp TOML ở dòng {line}, \
                 cột 9: giá trị chữ phải đặt trong dấu ngoặc kép, ví dụ place = \"Hà Nội\""
            ),
        ),
        (
            "en",
            format!(
                "template.toml:{line}:9: template.toml is not valid TOML at line {line}, \
                 column 9: a text value goes in double quotes, e.g. place = \"Hà Nội\" (parser: "
            ),
        ),
    ] {
        let o = vanban(&[
            "--lang",
            lang,
            "render",
            dir.to_str().unwrap(),
            "-d",
            data.to_str().unwrap(),
            "-o",
            tmp.path().join("out").to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(!o.status.success());
        assert!(err.contains(&want), "{lang}: {err}");
        assert!(err.contains(&format!(" {line} | place = Hà Nội")), "{err}");
        if lang == "vi" {
            assert!(
                !err.contains("parser") && !err.contains("expected"),
                "{err}"
            );
        }
    }
}
