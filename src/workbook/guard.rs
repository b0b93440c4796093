//! Checks made before the decoder sees a file: password-protected workbooks, and workbooks so
//! large unpacked (a "zip bomb") that reading them would exhaust memory.
//!
//! Why here: calamine reports an encrypted .xlsx as a damaged zip (the file is really an OLE
//! container holding an `EncryptedPackage` stream), so the clerk would be told to "save it
//! again" instead of "remove the password"; and calamine turns each sheet into a dense grid,
//! so two cells at A1 and XFD1048576 would ask for billions of cells and end the process
//! (an allocation failure aborts, it cannot be caught).
//!
//! # Limits (documented in docs/template-guide.md "Bảng tính thực tế" and .en.md "Real workbooks")
//! * [`MAX_UNPACKED_BYTES`]: the sum of the unpacked sizes of a .xlsx/.xlsm/.xlsb/.ods file's
//!   parts, as its zip directory declares them;
//! * [`MAX_ZIP_PARTS`]: the number of parts in that zip;
//! * [`MAX_SHEET_CELLS`]: the area (rows × columns) from a sheet's first to its last cell that
//!   holds a value (.xlsx/.xlsm, checked cell by cell before the sheet is decoded).

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use calamine::{DataRef, Xlsx};

use super::error::{FileFormat, WorkbookError};
use crate::i18n::Text;
use crate::tr;

/// Largest total unpacked size of a zip-based workbook: 512 MiB. Real workbooks of a
/// provincial department stay below 50 MiB unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 512 * 1024 * 1024;

/// Largest number of parts in a zip-based workbook.
pub const MAX_ZIP_PARTS: usize = 20_000;

/// Largest used area of one sheet, in cells: 5 million (for example 250 000 rows × 20
/// columns).
pub const MAX_SHEET_CELLS: u64 = 5_000_000;

/// The first bytes of an OLE compound file (.xls, and the container of encrypted OOXML).
const CFB_MAGIC: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How much of a compound file is searched for the `EncryptedPackage` stream name; the
/// directory of a small container sits near its start, a large one's may be anywhere.
const CFB_SCAN_BYTES: u64 = 64 * 1024 * 1024;

/// Refuses password-protected and oversized files, before calamine opens them.
pub(crate) fn precheck(path: &Path, format: FileFormat) -> Result<(), WorkbookError> {
    let Ok(mut file) = File::open(path) else {
        // The caller has opened it already; a race is reported by the decoder.
        return Ok(());
    };
    let mut magic = [0u8; 8];
    if file.read_exact(&mut magic).is_err() {
        return Ok(());
    }
    if magic == CFB_MAGIC {
        return if holds_encrypted_package(path) {
            Err(WorkbookError::Encrypted {
                path: path.to_path_buf(),
            })
        } else {
            Ok(())
        };
    }
    if magic.starts_with(b"PK") && format != FileFormat::Xls {
        check_zip(path)?;
    }
    Ok(())
}

/// Whether a compound file holds the `EncryptedPackage` stream of an encrypted OOXML file
/// (the stream name is stored in UTF-16LE in the container's directory).
fn holds_encrypted_package(path: &Path) -> bool {
    let Ok(file) = File::open(path) else {
        return false;
    };
    let mut bytes = Vec::new();
    if file.take(CFB_SCAN_BYTES).read_to_end(&mut bytes).is_err() {
        return false;
    }
    let needle: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// The zip directory's declared sizes against [`MAX_UNPACKED_BYTES`] and [`MAX_ZIP_PARTS`].
/// A zip that cannot be listed is left to the decoder, which says what is wrong with it.
fn check_zip(path: &Path) -> Result<(), WorkbookError> {
    let Ok(file) = File::open(path) else {
        return Ok(());
    };
    let Ok(mut zip) = zip::ZipArchive::new(BufReader::new(file)) else {
        return Ok(());
    };
    let too_large = |what: Text| WorkbookError::TooLarge {
        path: path.to_path_buf(),
        what,
    };
    let parts = zip.len();
    if parts > MAX_ZIP_PARTS {
        return Err(too_large(tr!(
            "tệp gồm {parts} phần (giới hạn {MAX_ZIP_PARTS})",
            "the file has {parts} parts (the limit is {MAX_ZIP_PARTS})"
        )));
    }
    let mut total: u64 = 0;
    for i in 0..parts {
        if let Ok(part) = zip.by_index_raw(i) {
            total = total.saturating_add(part.size());
        }
    }
    if total > MAX_UNPACKED_BYTES {
        let (mib, limit) = (total / (1024 * 1024), MAX_UNPACKED_BYTES / (1024 * 1024));
        return Err(too_large(tr!(
            "giải nén ra {mib} MiB (giới hạn {limit} MiB)",
            "it unpacks to {mib} MiB (the limit is {limit} MiB)"
        )));
    }
    Ok(())
}

/// Checks one .xlsx sheet's used area against [`MAX_SHEET_CELLS`] by reading its cells one
/// at a time (calamine would otherwise allocate the whole area at once).
///
/// Other formats are bounded by the format (.xls: 65 536 × 256 cells) or by calamine (.ods);
/// [`check_area`] still keeps vanban's own copy of a decoded sheet within the limit.
pub(crate) fn check_xlsx_sheet(
    book: &mut Xlsx<BufReader<File>>,
    path: &Path,
    sheet: &str,
) -> Result<(), WorkbookError> {
    let Ok(mut cells) = book.worksheet_cells_reader(sheet) else {
        // The decoder reports an unreadable sheet itself.
        return Ok(());
    };
    let mut bounds: Option<(u32, u32, u32, u32)> = None;
    // A cell counts when it has a value or a formula: calamine makes one dense range of the
    // values and one of the formulas.
    while let Ok(Some(cell)) = cells.next_cell_with_formula() {
        if matches!(cell.value, DataRef::Empty) && cell.formula.is_none_or(|f| f.is_empty()) {
            continue;
        }
        let (r, c) = cell.pos;
        let b = bounds.get_or_insert((r, c, r, c));
        *b = (b.0.min(r), b.1.min(c), b.2.max(r), b.3.max(c));
        let area = (u64::from(b.2) - u64::from(b.0) + 1) * (u64::from(b.3) - u64::from(b.1) + 1);
        if area > MAX_SHEET_CELLS {
            let (first, last) = (super::CellRef::new(b.0, b.1), super::CellRef::new(b.2, b.3));
            return Err(WorkbookError::TooLarge {
                path: path.to_path_buf(),
                what: tr!(
                    "sheet \"{sheet}\" có dữ liệu từ ô {first} đến ô {last}, hơn {MAX_SHEET_CELLS} ô \
                     (có thể do một ô lạc ở rất xa; hãy xóa các dòng, cột thừa)",
                    "sheet \"{sheet}\" has values from {first} to {last}, more than \
                     {MAX_SHEET_CELLS} cells (perhaps a stray cell far away; delete the unused \
                     rows and columns)"
                ),
            });
        }
    }
    Ok(())
}

/// Refuses a decoded sheet whose area exceeds [`MAX_SHEET_CELLS`], before vanban copies it.
pub(crate) fn check_area(
    path: &Path,
    sheet: &str,
    (height, width): (usize, usize),
) -> Result<(), WorkbookError> {
    let area = (height as u64).saturating_mul(width as u64);
    if area <= MAX_SHEET_CELLS {
        return Ok(());
    }
    Err(WorkbookError::TooLarge {
        path: path.to_path_buf(),
        what: tr!(
            "sheet \"{sheet}\" có vùng dữ liệu {height} dòng × {width} cột, hơn {MAX_SHEET_CELLS} ô",
            "sheet \"{sheet}\" has a used area of {height} rows × {width} columns, more than \
             {MAX_SHEET_CELLS} cells"
        ),
    })
}
