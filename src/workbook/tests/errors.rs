//! Files and options that cannot be read give errors that name the file — never a panic.

use super::super::*;
use super::Scratch;
use super::build::write_mixed;

fn open_err(path: &std::path::Path, opts: &ReadOptions) -> WorkbookError {
    match Dataset::open(path, opts) {
        Ok(_) => panic!("{} should not open", path.display()),
        Err(e) => e,
    }
}

#[test]
fn missing_file() {
    let dir = Scratch::new();
    let path = dir.path("khong-co.xlsx");
    let e = open_err(&path, &ReadOptions::default());
    assert!(matches!(e, WorkbookError::NotFound { .. }), "{e:?}");
    assert_eq!(
        e.to_string(),
        format!(
            "cannot open workbook \"{}\": file not found",
            path.display()
        )
    );
}

#[test]
fn files_that_are_not_workbooks() {
    let dir = Scratch::new();
    let cases: [(&str, &[u8]); 7] = [
        (
            "ghi-chu.xlsx",
            b"day la mot tep van ban, khong phai bang tinh\n",
        ),
        ("rong.xlsx", b""),
        (
            "tai-lieu.xls",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        ),
        ("nhi-phan.xlsb", b"PK\x03\x04garbage that looks like a zip"),
        ("hong.ods", b"PK\x03\x04\x14\x00\x00\x00\x00\x00"),
        (
            "nua-chung.xlsx",
            b"PK\x05\x06\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0",
        ),
        (
            "so.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1 truncated compound file",
        ),
    ];
    for (name, bytes) in cases {
        let path = dir.path(name);
        std::fs::write(&path, bytes).unwrap();
        let e = open_err(&path, &ReadOptions::default());
        assert!(
            matches!(e, WorkbookError::NotAWorkbook { .. }),
            "{name}: {e:?}"
        );
        assert!(e.to_string().contains(name), "{e}");
    }
}

#[test]
fn unsupported_extension_and_folder() {
    let dir = Scratch::new();
    let path = dir.path("bao-cao.docx");
    std::fs::write(&path, b"PK").unwrap();
    let e = open_err(&path, &ReadOptions::default());
    assert!(matches!(e, WorkbookError::UnsupportedType { .. }), "{e:?}");
    assert!(e.to_string().contains("\".docx\""), "{e}");

    let folder = dir.path("thu-muc.xlsx");
    std::fs::create_dir_all(&folder).unwrap();
    let e = open_err(&folder, &ReadOptions::default());
    assert!(matches!(e, WorkbookError::Unreadable { .. }), "{e:?}");
}

#[test]
fn upper_case_extension_is_accepted() {
    let dir = Scratch::new();
    let path = dir.path("MIXED.XLSX");
    write_mixed(&path);
    assert!(Dataset::open(&path, &ReadOptions::default()).is_ok());
}

fn with_sheet(name: &str, so: SheetOptions) -> ReadOptions {
    ReadOptions {
        sheets: [(name.to_string(), so)].into_iter().collect(),
        ..ReadOptions::default()
    }
}

#[test]
fn option_errors() {
    let dir = Scratch::new();
    let path = dir.path("mixed.xlsx");
    write_mixed(&path);

    let e = open_err(&path, &with_sheet("Tổng hợp", SheetOptions::default()));
    assert_eq!(
        e.to_string(),
        format!(
            "workbook \"{}\" has no sheet named \"Tổng hợp\"; its sheets are: \"Dữ liệu\", \"Thông tin\"",
            path.display()
        )
    );

    let beyond = SheetOptions {
        header_row: Some(200),
        ..SheetOptions::default()
    };
    let e = open_err(&path, &with_sheet("Dữ liệu", beyond));
    assert!(
        matches!(
            e,
            WorkbookError::HeaderRowBeyondSheet {
                row: 200,
                last: 14,
                ..
            }
        ),
        "{e:?}"
    );
    assert!(e.to_string().contains("sheet \"Dữ liệu\""), "{e}");

    let zero = SheetOptions {
        header_row: Some(0),
        ..SheetOptions::default()
    };
    let e = open_err(&path, &with_sheet("Dữ liệu", zero));
    assert!(matches!(e, WorkbookError::RowZero { .. }), "{e:?}");

    let above = SheetOptions {
        header_row: Some(5),
        last_row: Some(3),
        ..SheetOptions::default()
    };
    let e = open_err(&path, &with_sheet("Dữ liệu", above));
    assert!(
        matches!(e, WorkbookError::LastRowAboveHeader { .. }),
        "{e:?}"
    );
}

#[test]
fn duplicate_labels_name_both_cells() {
    let dir = Scratch::new();
    let path = dir.path("trung.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Thông tin").unwrap();
    for (r, (a, b)) in [
        ("Trường", "Giá trị"),
        ("Số", "45"),
        ("Ngày", "5/11"),
        ("Số:", "46"),
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(r as u32, 0, *a).unwrap();
        ws.write_string(r as u32, 1, *b).unwrap();
    }
    wb.save(&path).unwrap();
    let e = open_err(&path, &ReadOptions::default());
    assert_eq!(
        e.to_string(),
        format!(
            "sheet \"Thông tin\" of workbook \"{}\" has two labels that give the same key \"so\": \
             \"Số\" in A2 and \"Số:\" in A4; rename one of them",
            path.display()
        )
    );
}
