//! Opening a workbook file and turning each worksheet into a [`Sheet`].
//!
//! The format is chosen from the extension (case-insensitive) rather than sniffed, so a clerk who
//! picks the wrong file gets a message about that file type instead of a guess.

use std::collections::HashMap;
use std::fmt::Display;
use std::fs::File;
use std::io::BufReader;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

use calamine::{Ods, Reader, SheetType, Sheets, Xls, Xlsb, Xlsx, open_workbook};

use super::error::{FileFormat as Format, WorkbookError};
use super::grid::{Grid, Merge};
use super::keys::{dedupe, key_of};
use super::options::{LegacyMode, ReadOptions, SheetKind, SheetOptions};
use super::{
    Dataset, ReadContext, Sheet, SheetData, fonts, formula, keyvalue, legacy, names, table, totals,
    typed,
};
use crate::i18n::{Text, io_reason};

fn format_of(path: &Path) -> Result<Format, WorkbookError> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    match ext.as_str() {
        "xlsx" | "xlsm" => Ok(Format::Xlsx),
        "xls" => Ok(Format::Xls),
        "xlsb" => Ok(Format::Xlsb),
        "ods" => Ok(Format::Ods),
        _ => Err(WorkbookError::UnsupportedType {
            path: path.to_path_buf(),
            extension: if ext.is_empty() {
                String::new()
            } else {
                format!(".{ext}")
            },
        }),
    }
}

/// Opens and reads the whole workbook.
pub(crate) fn open(path: &Path, opts: &ReadOptions) -> Result<Dataset, WorkbookError> {
    let meta = match std::fs::metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(WorkbookError::NotFound {
                path: path.to_path_buf(),
            });
        }
        Err(e) => return Err(unreadable(path, io_reason(&e))),
    };
    if meta.is_dir() {
        return Err(unreadable(
            path,
            Text::new(
                "đây là thư mục, không phải tệp",
                "it is a folder, not a file",
            ),
        ));
    }
    let format = format_of(path)?;
    if meta.len() == 0 {
        return Err(not_a_workbook(
            path,
            format,
            Text::new("tệp rỗng", "the file is empty"),
        ));
    }
    // Open once ourselves so that permission problems are reported as such, not as "damaged".
    File::open(path).map_err(|e| unreadable(path, io_reason(&e)))?;
    super::guard::precheck(path, format)?;
    // calamine parses untrusted bytes; a damaged file must end in an error, never a crash.
    let was = DECODING.replace(true);
    let read = catch_unwind(AssertUnwindSafe(|| read_all(path, format, opts)));
    DECODING.set(was);
    read.unwrap_or_else(|_| {
        Err(not_a_workbook(
            path,
            format,
            Text::new(
                "nội dung tệp bị hỏng, không đọc tiếp được",
                "the reader stopped on damaged content",
            ),
        ))
    })
}

thread_local! {
    /// Set while this thread decodes a workbook.
    static DECODING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether the current thread is decoding a workbook. A panic there is caught and reported
/// as a damaged file ([`WorkbookError::NotAWorkbook`]), so a panic hook may keep quiet about
/// it instead of printing a decoder's internals to a clerk.
pub fn in_decoder() -> bool {
    DECODING.get()
}

fn unreadable(path: &Path, reason: Text) -> WorkbookError {
    WorkbookError::Unreadable {
        path: path.to_path_buf(),
        reason,
    }
}

/// `detail` is ours (translated) or the decoder's own words ([`Text::same`]).
fn not_a_workbook(path: &Path, format: Format, detail: Text) -> WorkbookError {
    WorkbookError::NotAWorkbook {
        path: path.to_path_buf(),
        format,
        detail,
    }
}

fn encrypted(path: &Path) -> WorkbookError {
    WorkbookError::Encrypted {
        path: path.to_path_buf(),
    }
}

type Book = Sheets<BufReader<File>>;

fn open_book(path: &Path, format: Format) -> Result<Book, WorkbookError> {
    // calamine's reason is not ours: kept verbatim inside the translated sentence.
    let bad = |e: &dyn Display| not_a_workbook(path, format, Text::same(e.to_string()));
    match format {
        Format::Xlsx => open_workbook::<Xlsx<_>, _>(path)
            .map(Sheets::Xlsx)
            .map_err(|e| bad(&e)),
        Format::Xls => open_workbook::<Xls<_>, _>(path)
            .map(Sheets::Xls)
            .map_err(|e| match e {
                calamine::XlsError::Password => encrypted(path),
                e => bad(&e),
            }),
        Format::Xlsb => open_workbook::<Xlsb<_>, _>(path)
            .map(Sheets::Xlsb)
            .map_err(|e| bad(&e)),
        Format::Ods => open_workbook::<Ods<_>, _>(path)
            .map(Sheets::Ods)
            .map_err(|e| match e {
                calamine::OdsError::Password => encrypted(path),
                e => bad(&e),
            }),
    }
}

/// Merged regions of a sheet; xlsb and ods readers have none to offer.
fn merges(book: &mut Book, sheet: &str) -> Result<Vec<Merge>, String> {
    let dims = match book {
        Sheets::Xlsx(x) => x
            .merge_cells_by_sheet_name(sheet)
            .map_err(|e| e.to_string())?,
        Sheets::Xls(x) => x
            .merge_cells_by_sheet_name(sheet)
            .map_err(|e| e.to_string())?,
        Sheets::Xlsb(_) | Sheets::Ods(_) => Vec::new(),
    };
    Ok(dims
        .into_iter()
        .map(|d| Merge {
            first_row: d.start.0,
            first_col: d.start.1,
            last_row: d.end.0,
            last_col: d.end.1,
        })
        .collect())
}

/// Matches an option's sheet name against the workbook: exact name, or same key.
fn find_sheet<'a>(names: &'a [String], wanted: &str) -> Option<&'a String> {
    names.iter().find(|n| n.as_str() == wanted).or_else(|| {
        let key = key_of(wanted);
        names.iter().find(|n| !key.is_empty() && key_of(n) == key)
    })
}

fn read_all(path: &Path, format: Format, opts: &ReadOptions) -> Result<Dataset, WorkbookError> {
    let mut book = open_book(path, format)?;
    let metas = book.sheets_metadata().to_vec();
    let all_names: Vec<String> = metas.iter().map(|m| m.name.clone()).collect();

    let mut sheet_opts: HashMap<String, SheetOptions> = HashMap::new();
    for (wanted, so) in &opts.sheets {
        let Some(name) = find_sheet(&all_names, wanted) else {
            return Err(WorkbookError::SheetNotFound {
                path: path.to_path_buf(),
                sheet: wanted.clone(),
                available: all_names,
            });
        };
        sheet_opts.insert(name.clone(), *so);
    }

    // Cell fonts are known for .xlsx only; when they cannot be read, patterns decide.
    let fonts = match (format, opts.legacy) {
        (_, LegacyMode::Off) | (Format::Xls | Format::Xlsb | Format::Ods, _) => HashMap::new(),
        (Format::Xlsx, _) => fonts::read(path).unwrap_or_default(),
    };
    let mut notices = Vec::new();
    let mut unsaved = Vec::new();
    let mut grids: Vec<(String, Grid)> = Vec::new();
    for meta in metas.iter().filter(|m| m.typ == SheetType::WorkSheet) {
        let unreadable = |detail: String| WorkbookError::SheetUnreadable {
            path: path.to_path_buf(),
            sheet: meta.name.clone(),
            detail,
        };
        if let Sheets::Xlsx(xlsx) = &mut book {
            super::guard::check_xlsx_sheet(xlsx, path, &meta.name)?;
        }
        let range = book
            .worksheet_range(&meta.name)
            .map_err(|e| unreadable(e.to_string()))?;
        super::guard::check_area(path, &meta.name, range.get_size())?;
        let merged = merges(&mut book, &meta.name).map_err(unreadable)?;
        let mut grid = Grid::new(&range, merged);
        // A sheet whose formulas cannot be listed still reads; only the check is skipped.
        if let Ok(formulas) = book.worksheet_formula(&meta.name) {
            formula::find_unsaved(
                &formulas,
                &grid,
                path,
                &meta.name,
                &mut unsaved,
                &mut notices,
            );
        }
        legacy::repair_grid(
            &mut grid,
            path,
            &meta.name,
            fonts.get(&meta.name),
            opts.legacy,
            &mut notices,
        );
        grids.push((meta.name.clone(), grid));
    }

    let mut keys: Vec<String> = grids
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            let key = key_of(name);
            if key.is_empty() {
                format!("sheet_{}", i + 1)
            } else {
                key
            }
        })
        .collect();
    dedupe(&mut keys);

    let mut sheets = Vec::with_capacity(grids.len());
    for ((name, grid), key) in grids.iter().zip(keys) {
        let ctx = ReadContext { path, sheet: name };
        let so = sheet_opts.get(name).copied().unwrap_or_default();
        let kind = so.kind.unwrap_or(if keyvalue::detect(grid) {
            SheetKind::KeyValue
        } else {
            SheetKind::Table
        });
        let data = match kind {
            SheetKind::Table => {
                let mut t = table::read(grid, &so, &ctx)?;
                typed::read_text_numbers(&mut t, so.numbers, path, name, &mut notices);
                typed::read_text_dates(&mut t, path, name, &mut notices)?;
                totals::check(&t, path, name, &mut notices);
                SheetData::Table(t)
            }
            SheetKind::KeyValue => SheetData::KeyValue(keyvalue::read(grid, &so, &ctx)?),
        };
        sheets.push(Sheet {
            name: name.clone(),
            key,
            data,
        });
    }

    let names = names::resolve(book.defined_names(), |sheet, cell| {
        grids
            .iter()
            .find(|(name, _)| name == sheet)
            .map(|(_, grid)| grid.get(cell.row, cell.col).clone())
    });

    Ok(Dataset {
        path: path.to_path_buf(),
        sheets,
        names,
        notices,
        unsaved_formulas: unsaved,
    })
}
