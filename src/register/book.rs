//! The register book (sổ đăng ký văn bản đi, Decree 30/2020/NĐ-CP Phụ lục IV) as PDF,
//! DOCX and XLSX: `vanban register print`.
//!
//! The book goes through the same path as every other document. A year of the register
//! becomes a workbook ([`workbook`]): a key–value sheet "Bìa sổ" with what the cover says
//! (agency, year, first and last dates and numbers, volume) and the table "Sổ đăng ký" with
//! the ten columns of the form under their numbered row (1)…(10). That workbook is the
//! XLSX output; it is then read back as a `Dataset` and rendered with the built-in
//! template `templates/so-dang-ky-van-ban-di` (or a copy of it, `--template`) into the PDF
//! and DOCX: the cover as the main part, the register itself as a landscape appendix whose
//! two header rows repeat on every page. So the three files say the same, and a clerk can
//! change the book's look the way they change any template.

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::{Entry, Register, RegisterError};
use crate::error::Error;
use crate::i18n::{Text, io_reason};
use crate::output::write_atomic;
use crate::template::{Template, build_context};
use crate::tr;
use crate::workbook::{Dataset, ReadOptions};

/// The built-in template of the book.
pub const TEMPLATE: &str = "so-dang-ky-van-ban-di";

/// The cover sheet and the register sheet of the book's workbook.
pub const COVER_SHEET: &str = "Bìa sổ";
pub const BOOK_SHEET: &str = "Sổ đăng ký";

/// The form's ten columns, (1) to (10).
pub const COLUMNS: [&str; 10] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// One entry as the form's ten columns; (8) Ngày chuyển and (9) Ký nhận are written by
/// hand in the paper book.
pub fn cells(e: &Entry) -> [String; 10] {
    [
        e.reference(),
        e.date_vi(),
        e.type_and_summary(),
        e.signer.clone(),
        e.recipients.join("; "),
        e.archive.clone(),
        e.copies.map(|c| c.to_string()).unwrap_or_default(),
        String::new(),
        String::new(),
        e.remarks(),
    ]
}

/// The book's workbook for one year's entries (every series, in the register's order).
pub fn workbook(
    register: &Register,
    year: i32,
    volume: u32,
    entries: &[Entry],
) -> Result<Vec<u8>, XlsxError> {
    let s = register.settings();
    let mut book = Workbook::new();
    // The file's creation date is the book's last date (or 1 January), never the clock's,
    // so the same register prints the same bytes.
    let last = entries.iter().map(|e| e.date.as_str()).max();
    let created = last
        .and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
        .map(|d| {
            use chrono::Datelike;
            (d.year(), d.month(), d.day())
        })
        .unwrap_or((year, 1, 1));
    let created = rust_xlsxwriter::ExcelDateTime::from_ymd(
        u16::try_from(created.0).unwrap_or(1900),
        created.1 as u8,
        created.2 as u8,
    )?;
    book.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);

    let by_date = {
        let mut d: Vec<&str> = entries.iter().map(|e| e.date.as_str()).collect();
        d.sort_unstable();
        d
    };
    let vi_date = |iso: Option<&&str>| {
        iso.and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default()
    };
    let numbers: Vec<i64> = entries.iter().map(|e| e.number).collect();
    let first = numbers.iter().min().map(|n| super::rules::number_text(*n));
    let last = numbers.iter().max().map(|n| super::rules::number_text(*n));
    let cover = book.add_worksheet();
    cover.set_name(COVER_SHEET)?;
    cover.write_string_with_format(0, 0, "Trường", &bold)?;
    cover.write_string_with_format(0, 1, "Giá trị", &bold)?;
    let rows: [(&str, String); 9] = [
        ("Cơ quan chủ quản", s.parent.clone()),
        ("Cơ quan", s.name.clone()),
        ("Ký hiệu cơ quan", s.agency.clone()),
        ("Năm", year.to_string()),
        ("Từ ngày", vi_date(by_date.first())),
        ("Đến ngày", vi_date(by_date.last())),
        ("Từ số", first.unwrap_or_default()),
        ("Đến số", last.unwrap_or_default()),
        ("Quyển số", super::rules::number_text(i64::from(volume))),
    ];
    for (i, (label, value)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        cover.write_string(r, 0, *label)?;
        cover.write_string(r, 1, value)?;
    }
    cover.set_column_width(0, 20)?;
    cover.set_column_width(1, 50)?;

    let sheet = book.add_worksheet();
    sheet.set_name(BOOK_SHEET)?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    sheet.set_repeat_rows(0, 1)?;
    sheet.set_print_fit_to_pages(1, 0);
    let widths = [16.0, 12.0, 45.0, 18.0, 30.0, 16.0, 8.0, 11.0, 11.0, 20.0];
    for (c, (title, w)) in COLUMNS.iter().zip(widths).enumerate() {
        let c = c as u16;
        sheet.set_column_width(c, w)?;
        sheet.write_string_with_format(0, c, *title, &head)?;
        sheet.write_string_with_format(1, c, format!("({})", c + 1), &head)?;
    }
    for (i, e) in entries.iter().enumerate() {
        let r = i as u32 + 2;
        for (c, value) in cells(e).iter().enumerate() {
            sheet.write_string_with_format(r, c as u16, value, &cell)?;
        }
    }
    book.save_to_buffer()
}

/// Prints the book of `year` into `out_dir`: PDF, DOCX and XLSX, named by the template's
/// `output`. `template` is a template folder to use instead of the built-in one.
pub fn print(
    register: &Register,
    year: i32,
    out_dir: &Path,
    volume: u32,
    template: Option<&Path>,
) -> Result<Vec<PathBuf>, Error> {
    let entries = register.list(Some(year))?;
    let path = register.path();
    let xlsx = workbook(register, year, volume, &entries).map_err(|e| {
        RegisterError::store(
            path,
            tr!(
                "không tạo được tệp XLSX của sổ: {e}",
                "cannot make the book's XLSX: {e}"
            ),
        )
    })?;
    // The built-in template is written out to a temporary folder and loaded from there,
    // exactly as a local copy of it would be.
    let builtin_dir;
    let template_dir = match template {
        Some(dir) => dir.to_path_buf(),
        None => {
            builtin_dir = materialise_builtin(path)?;
            builtin_dir.path().to_path_buf()
        }
    };
    let template = Template::load(&template_dir)?;
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Output {
        path: out_dir.to_path_buf(),
        source,
    })?;
    // The workbook is read back from a file, as every workbook is.
    let staged = tempfile::Builder::new()
        .prefix(".vanban-")
        .suffix(".xlsx")
        .tempfile_in(out_dir)
        .map_err(|source| Error::Output {
            path: out_dir.to_path_buf(),
            source,
        })?;
    std::fs::write(staged.path(), &xlsx).map_err(|source| Error::Output {
        path: staged.path().to_path_buf(),
        source,
    })?;
    let read = ReadOptions {
        ..template.read_options()
    };
    let data = Dataset::open(staged.path(), &read)?;
    let ctx = build_context(&template, &data)?;
    let engine = crate::render::Engine::new(&template)?;
    let made = engine.produce(
        &crate::template::DocData::new(ctx),
        crate::render::Formats::default(),
    )?;
    let mut files = Vec::new();
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    if let Some(pdf) = made.pdf {
        outputs.push((out_dir.join(format!("{}.pdf", made.name)), pdf.bytes));
    }
    if let Some(docx) = made.docx {
        outputs.push((out_dir.join(format!("{}.docx", made.name)), docx));
    }
    outputs.push((out_dir.join(format!("{}.xlsx", made.name)), xlsx));
    for (file, bytes) in outputs {
        write_atomic(&file, &bytes).map_err(|source| Error::Output {
            path: file.clone(),
            source,
        })?;
        files.push(file);
    }
    Ok(files)
}

/// Writes the built-in book template to a temporary folder.
fn materialise_builtin(register: &Path) -> Result<tempfile::TempDir, RegisterError> {
    let fail = |message: Text| RegisterError::store(register, message);
    let Some(builtin) = crate::catalog::builtin(TEMPLATE) else {
        return Err(fail(tr!(
            "bản vanban này thiếu mẫu sổ có sẵn \"{TEMPLATE}\"",
            "this vanban lacks the built-in book template \"{TEMPLATE}\""
        )));
    };
    let io = |e: std::io::Error| {
        fail(tr!(
            "không tạo được thư mục tạm cho mẫu sổ: {r}",
            "cannot make a temporary folder for the book template: {r}";
            r = io_reason(&e)
        ))
    };
    let dir = tempfile::Builder::new()
        .prefix(".vanban-so-")
        .tempdir()
        .map_err(io)?;
    for (rel, bytes) in builtin.files {
        let file = dir.path().join(rel);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        std::fs::write(&file, bytes).map_err(io)?;
    }
    Ok(dir)
}
