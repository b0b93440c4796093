//! Formula cells saved without a result.
//!
//! vanban does not evaluate formulas: it reads the result Excel or LibreOffice saved with each
//! formula cell, because only they compute every function the way the clerk saw it. A file
//! written by a program (or by Excel with manual calculation and "recalculate before saving"
//! off) may hold formulas with no saved result; such a cell reads as empty. Each sheet with
//! such cells gives one notice naming them, and a helper that meets one says it is a formula
//! with no saved result. The cure is to open the workbook in Excel or LibreOffice and save it.

use std::path::Path;

use calamine::Range;
use serde::Serialize;

use super::cell::CellRef;
use super::grid::Grid;
use super::legacy::{Notice, NoticeKind};
use crate::tr;

/// At most this many cells are named in one notice.
const NAMED: usize = 12;

/// One formula cell with no saved result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnsavedFormula {
    pub sheet: String,
    pub cell: CellRef,
    /// The formula, as the file stores it (without `=`).
    pub formula: String,
}

/// What to tell a clerk about such a cell.
pub fn advice() -> crate::i18n::Text {
    crate::i18n::Text::new(
        "ô này là công thức chưa có kết quả được lưu (tệp được một chương trình tạo ra, hoặc Excel \
         đang tính tay); hãy mở bảng tính bằng Excel hoặc LibreOffice rồi lưu lại để công thức \
         được tính",
        "the cell is a formula with no saved result (the file was written by a program, or Excel \
         calculates manually); open the workbook in Excel or LibreOffice and save it, so the \
         formula is calculated",
    )
}

/// Records the formula cells of one sheet whose value is empty, and one notice for them.
pub(crate) fn find_unsaved(
    formulas: &Range<String>,
    grid: &Grid,
    file: &Path,
    sheet: &str,
    out: &mut Vec<UnsavedFormula>,
    notices: &mut Vec<Notice>,
) {
    let found: Vec<UnsavedFormula> = formulas
        .used_cells()
        .filter(|(_, _, f)| !f.trim().is_empty())
        .filter_map(|(r, c, f)| {
            let (start_row, start_col) = formulas.start()?;
            let row = start_row.checked_add(u32::try_from(r).ok()?)?;
            let col = start_col.checked_add(u32::try_from(c).ok()?)?;
            grid.get(row, col).is_empty().then(|| UnsavedFormula {
                sheet: sheet.to_string(),
                cell: CellRef::new(row, col),
                formula: f.clone(),
            })
        })
        .collect();
    let Some(first) = found.first() else {
        return;
    };
    let n = found.len();
    let mut cells: Vec<String> = found
        .iter()
        .take(NAMED)
        .map(|f| f.cell.to_string())
        .collect();
    if n > NAMED {
        cells.push("…".into());
    }
    let cells = cells.join(", ");
    notices.push(Notice {
        file: file.to_path_buf(),
        sheet: sheet.to_string(),
        cell: first.cell,
        message: if n == 1 {
            tr!(
                "ô công thức {cells} chưa có kết quả được lưu nên được đọc là ô trống; hãy mở bảng \
                 tính bằng Excel hoặc LibreOffice rồi lưu lại để công thức được tính",
                "the formula cell {cells} has no saved result and reads as empty; open the \
                 workbook in Excel or LibreOffice and save it, so the formula is calculated"
            )
        } else {
            tr!(
                "{n} ô công thức chưa có kết quả được lưu ({cells}) nên được đọc là ô trống; hãy \
                 mở bảng tính bằng Excel hoặc LibreOffice rồi lưu lại để các công thức được tính",
                "{n} formula cells have no saved result ({cells}) and read as empty; open the \
                 workbook in Excel or LibreOffice and save it, so the formulas are calculated"
            )
        },
        kind: NoticeKind::UnsavedFormulas,
    });
    out.extend(found);
}
