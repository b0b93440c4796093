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

/// Every error of the reader, in Vietnamese: the Vietnamese text names the same file, sheet
/// and cells as the English one, uses the decree terms, and is not the English text.
mod vietnamese {
    use std::path::PathBuf;

    use super::super::super::*;
    use crate::i18n::{Bilingual, Lang, Text};

    fn vi(e: &WorkbookError) -> String {
        let t = e.text();
        assert_ne!(t.vi, t.en, "{e:?}");
        assert_eq!(e.to_string(), t.en, "Display is the English text");
        assert_eq!(e.message(Lang::Vi), t.vi);
        t.vi
    }

    fn path() -> PathBuf {
        PathBuf::from("du-lieu/bao-cao.xlsx")
    }

    #[test]
    fn file_errors() {
        assert_eq!(
            vi(&WorkbookError::NotFound { path: path() }),
            "không mở được bảng tính \"du-lieu/bao-cao.xlsx\": không tìm thấy tệp"
        );
        let e = WorkbookError::Unreadable {
            path: path(),
            reason: crate::i18n::io_reason(&std::io::Error::from(
                std::io::ErrorKind::PermissionDenied,
            )),
        };
        assert!(
            vi(&e).starts_with("không mở được bảng tính \"du-lieu/bao-cao.xlsx\": không có quyền"),
            "{}",
            e.message(Lang::Vi)
        );
        assert_eq!(
            vi(&WorkbookError::UnsupportedType {
                path: PathBuf::from("so-lieu.csv"),
                extension: ".csv".into(),
            }),
            "không mở được bảng tính \"so-lieu.csv\": không hỗ trợ tệp loại \".csv\"; \
             hãy lưu thành .xlsx, .xlsm, .xls, .xlsb hoặc .ods"
        );
        let e = WorkbookError::UnsupportedType {
            path: PathBuf::from("so-lieu"),
            extension: String::new(),
        };
        assert!(vi(&e).contains("\"(không có phần mở rộng)\""), "{e:?}");
        assert!(e.to_string().contains("\"(no extension)\""), "{e}");
    }

    #[test]
    fn damaged_files_keep_the_decoders_words() {
        let e = WorkbookError::NotAWorkbook {
            path: path(),
            format: FileFormat::Xlsx,
            detail: Text::same("Zip error: invalid Zip archive"),
        };
        assert_eq!(
            vi(&e),
            "không đọc được bảng tính \"du-lieu/bao-cao.xlsx\": đây không phải bảng tính Excel \
             (.xlsx) hợp lệ (Zip error: invalid Zip archive); hãy mở tệp bằng Excel hoặc \
             LibreOffice rồi lưu lại"
        );
        let e = WorkbookError::SheetUnreadable {
            path: path(),
            sheet: "Số liệu".into(),
            detail: "Xml error: unexpected end".into(),
        };
        assert_eq!(
            vi(&e),
            "không đọc được sheet \"Số liệu\" của bảng tính \"du-lieu/bao-cao.xlsx\": \
             Xml error: unexpected end"
        );
    }

    #[test]
    fn empty_and_damaged_files_through_the_reader() {
        let dir = super::Scratch::new();
        let empty = dir.path("rong.xlsx");
        std::fs::write(&empty, b"").unwrap();
        let e = super::open_err(&empty, &ReadOptions::default());
        assert!(
            vi(&e).contains("đây không phải bảng tính Excel (.xlsx) hợp lệ (tệp rỗng)"),
            "{}",
            e.message(Lang::Vi)
        );
        let folder = dir.path("thu-muc.ods");
        std::fs::create_dir_all(&folder).unwrap();
        let e = super::open_err(&folder, &ReadOptions::default());
        assert!(
            vi(&e).ends_with("thu-muc.ods\": đây là thư mục, không phải tệp"),
            "{}",
            e.message(Lang::Vi)
        );
    }

    #[test]
    fn option_errors() {
        let e = WorkbookError::SheetNotFound {
            path: path(),
            sheet: "Tổng hợp".into(),
            available: vec!["Dữ liệu".into(), "Thông tin".into()],
        };
        assert_eq!(
            vi(&e),
            "bảng tính \"du-lieu/bao-cao.xlsx\" không có sheet \"Tổng hợp\"; các sheet có trong \
             bảng tính: \"Dữ liệu\", \"Thông tin\""
        );
        let none = WorkbookError::SheetNotFound {
            path: path(),
            sheet: "Tổng hợp".into(),
            available: vec![],
        };
        assert!(vi(&none).ends_with("các sheet có trong bảng tính: (không có)"));
        assert!(none.to_string().ends_with("its sheets are: (none)"));

        let e = WorkbookError::RowZero {
            path: path(),
            sheet: "Dữ liệu".into(),
            what: RowSetting::HeaderRow,
        };
        assert_eq!(
            vi(&e),
            "dòng tiêu đề (header_row) của sheet \"Dữ liệu\" trong bảng tính \
             \"du-lieu/bao-cao.xlsx\" được ghi là 0; dòng được đánh số từ 1, như Excel hiển thị"
        );
        assert!(
            e.to_string()
                .starts_with("header row for sheet \"Dữ liệu\"")
        );
        let e = WorkbookError::RowZero {
            path: path(),
            sheet: "Dữ liệu".into(),
            what: RowSetting::LastRow,
        };
        assert!(vi(&e).starts_with("dòng cuối (last_row) của sheet"));

        let e = WorkbookError::HeaderRowBeyondSheet {
            path: path(),
            sheet: "Dữ liệu".into(),
            row: 200,
            last: 14,
        };
        assert_eq!(
            vi(&e),
            "dòng tiêu đề 200 ghi cho sheet \"Dữ liệu\" của bảng tính \"du-lieu/bao-cao.xlsx\" \
             nằm dưới dòng cuối cùng có dữ liệu của sheet (dòng 14)"
        );
        let e = WorkbookError::LastRowAboveHeader {
            path: path(),
            sheet: "Dữ liệu".into(),
            row: 3,
            header: 5,
        };
        assert_eq!(
            vi(&e),
            "dòng cuối 3 ghi cho sheet \"Dữ liệu\" của bảng tính \"du-lieu/bao-cao.xlsx\" nằm \
             trên dòng tiêu đề của sheet (dòng 5)"
        );
    }

    #[test]
    fn duplicate_label() {
        let e = WorkbookError::DuplicateLabel {
            path: path(),
            sheet: "Thông tin".into(),
            clash: Box::new(LabelClash {
                key: "so".into(),
                first_label: "Số".into(),
                first: CellRef::new(1, 0),
                second_label: "Số:".into(),
                second: CellRef::new(3, 0),
            }),
        };
        assert_eq!(
            vi(&e),
            "sheet \"Thông tin\" của bảng tính \"du-lieu/bao-cao.xlsx\" có hai nhãn cho cùng một \
             trường \"so\": \"Số\" ở ô A2 và \"Số:\" ở ô A4; hãy đổi tên một trong hai nhãn"
        );
    }

    #[test]
    fn legacy_mode_parse_error() {
        let e = "abcd".parse::<LegacyMode>().unwrap_err();
        assert_eq!(
            e.vi,
            "\"abcd\" không phải là một chế độ chữ cũ (legacy); hãy dùng off, auto, tcvn3 hoặc vni"
        );
        assert_eq!(
            e.en,
            "\"abcd\" is not a legacy-text mode; use off, auto, tcvn3 or vni"
        );
    }
}

/// A sheet with one value at A1 and one at XFD1048576 would make calamine allocate the whole
/// area (17 billion cells); it is refused before that, naming the sheet and both cells.
#[test]
fn stray_far_cell_is_refused_before_memory_runs_out() {
    let dir = Scratch::new();
    let path = dir.path("o-lac.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Số liệu").unwrap();
    ws.write_string(0, 0, "Tỉnh").unwrap();
    ws.write_number(1_048_575, 16_383, 1.0).unwrap();
    wb.save(&path).unwrap();
    let e = open_err(&path, &ReadOptions::default());
    assert!(matches!(e, WorkbookError::TooLarge { .. }), "{e:?}");
    let en = e.to_string();
    assert!(
        en.contains("sheet \"Số liệu\" has values from A1 to XFD1048576"),
        "{en}"
    );
    assert!(en.contains("5000000 cells"), "{en}");
    let vi = crate::i18n::Bilingual::text(&e).vi;
    assert!(vi.contains("từ ô A1 đến ô XFD1048576"), "{vi}");
}

/// A zip whose parts declare gigabytes unpacked is refused from its directory alone.
#[test]
fn zip_bomb_is_refused_from_the_declared_sizes() {
    let dir = Scratch::new();
    let path = dir.path("bom.xlsx");
    write_mixed(&path);
    let mut bytes = std::fs::read(&path).unwrap();
    // Every central-directory entry (PK\x01\x02) claims 1 GiB unpacked (offset 24).
    let mut at = 0;
    while let Some(i) = bytes[at..]
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .map(|i| i + at)
    {
        bytes[i + 24..i + 28].copy_from_slice(&(1u32 << 30).to_le_bytes());
        at = i + 4;
    }
    std::fs::write(&path, &bytes).unwrap();
    let e = open_err(&path, &ReadOptions::default());
    assert!(matches!(e, WorkbookError::TooLarge { .. }), "{e:?}");
    assert!(e.to_string().contains("the limit is 512 MiB"), "{e}");
}

/// Formulas far apart with no saved values are counted too: calamine makes a dense range of
/// the formulas as well.
#[test]
fn stray_far_formula_is_refused_too() {
    let dir = Scratch::new();
    let path = dir.path("cong-thuc-lac.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet().set_name("Số liệu").unwrap();
    ws.set_formula_result_default("");
    ws.write_formula(0, 0, "=1+1").unwrap();
    ws.write_formula(1_048_575, 16_383, "=2+2").unwrap();
    wb.save(&path).unwrap();
    let e = open_err(&path, &ReadOptions::default());
    assert!(matches!(e, WorkbookError::TooLarge { .. }), "{e:?}");
    assert!(e.to_string().contains("from A1 to XFD1048576"), "{e}");
}

/// An .ods saved with a password (its manifest describes the encryption of content.xml) is
/// told to remove the password, as an encrypted .xlsx is.
#[test]
fn password_protected_ods() {
    use std::io::{Read, Write};
    let dir = Scratch::new();
    let src = std::fs::read(super::fixture("mixed.ods")).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(src)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == "META-INF/manifest.xml" {
            let text = String::from_utf8(data).unwrap().replace(
                "manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>",
                "manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\">\
                 <manifest:encryption-data manifest:checksum-type=\"SHA1/1K\" \
                 manifest:checksum=\"AAAA\"><manifest:algorithm \
                 manifest:algorithm-name=\"Blowfish CFB\" manifest:initialisation-vector=\"AAAA\"/>\
                 </manifest:encryption-data></manifest:file-entry>",
            );
            data = text.into_bytes();
        }
        out.start_file(name.as_str(), stored).unwrap();
        out.write_all(&data).unwrap();
    }
    let path = dir.path("mat-khau.ods");
    std::fs::write(&path, out.finish().unwrap().into_inner()).unwrap();
    let e = open_err(&path, &ReadOptions::default());
    assert!(matches!(e, WorkbookError::Encrypted { .. }), "{e:?}");
    assert!(
        e.to_string()
            .contains("the workbook is password-protected: remove the password in Excel"),
        "{e}"
    );
}
