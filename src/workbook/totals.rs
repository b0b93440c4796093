//! The totals check: a totals row's number must be the sum of the data cells above it.
//!
//! Excel's SUM skips numbers typed as text, so a totals row typed or computed in Excel can be
//! wrong while every figure above it looks right; and a total typed by hand can simply be
//! mistyped. For each totals row (the table's total against all data rows, a group's subtotal
//! against that group's rows) and each column whose data holds numbers, the stored total is
//! compared with the sum of the column's data (after [`super::typed`] has read the text
//! numbers). A difference larger than half a unit of the total's last decimal (so a total
//! typed rounded to its shown decimals passes) gives a notice naming both, and the cells that
//! held numbers typed as text. It never stops a render; `vanban check --data` reports it as a
//! warning.
//!
//! Columns of ratios are not sums, and are not checked: a header with `%`, or whose key holds
//! tỷ lệ, so cùng kỳ, so với, so sánh, chỉ số, tốc độ, bình quân, trung bình, tăng giảm,
//! phần trăm or cơ cấu; nor is the STT column.

use std::path::Path;

use super::cell::{CellRef, col_letter};
use super::legacy::{Notice, NoticeKind};
use super::rows::stt_column;
use super::table::Table;
use super::value::Value;
use crate::tr;
use crate::vi::format_number;

/// Parts of a column key that mark a ratio rather than an amount.
const RATIO_WORDS: [&str; 11] = [
    "ty_le",
    "so_cung_ky",
    "so_voi",
    "so_sanh",
    "chi_so",
    "toc_do",
    "binh_quan",
    "trung_binh",
    "tang_giam",
    "phan_tram",
    "co_cau",
];

fn as_number(v: &Value) -> Option<f64> {
    match v {
        Value::Int(n) => Some(*n as f64),
        Value::Float(x) => Some(*x),
        _ => None,
    }
}

/// Decimals of a number as Rust prints it shortest (12408.4 → 1).
fn decimals(x: f64) -> i32 {
    let s = format!("{x}");
    s.split_once('.')
        .map_or(0, |(_, f)| i32::try_from(f.len()).unwrap_or(15))
}

fn is_ratio(header: &str, key: &str) -> bool {
    header.contains('%') || RATIO_WORDS.iter().any(|w| key.contains(w))
}

/// Checks every totals row of `table` and records a notice per mismatching cell.
pub(crate) fn check(table: &Table, file: &Path, sheet: &str, notices: &mut Vec<Notice>) {
    let stt = stt_column(&table.columns);
    // A totals row that is neither the table's total nor a group's subtotal has no known
    // set of rows to add up.
    for total in table
        .totals
        .iter()
        .filter(|t| t.whole_table || t.group.is_some())
    {
        let rows: Vec<_> = table
            .rows
            .iter()
            .filter(|r| total.whole_table || r.group == total.group)
            .collect();
        let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
            continue;
        };
        for (i, column) in table.columns.iter().enumerate() {
            if Some(i) == stt || is_ratio(&column.header, &column.key) {
                continue;
            }
            let Some(stated) = total.values.get(i).and_then(as_number) else {
                continue;
            };
            let numbers: Vec<f64> = rows
                .iter()
                .filter_map(|r| r.values.get(i).and_then(as_number))
                .collect();
            if numbers.is_empty() {
                continue;
            }
            let sum: f64 = numbers.iter().sum();
            let tolerance = 0.5 * 10f64.powi(-decimals(stated)) + 1e-9 * sum.abs().max(1.0);
            if (sum - stated).abs() <= tolerance {
                continue;
            }
            let cell = CellRef::new(total.excel_row.saturating_sub(1), column.col);
            let letter = col_letter(column.col);
            let range = format!("{letter}{}:{letter}{}", first.excel_row, last.excel_row);
            let (said, added) = (format_number(stated, None), format_number(sum, None));
            let typed: Vec<String> = rows
                .iter()
                .map(|r| CellRef::new(r.excel_row.saturating_sub(1), column.col))
                .filter(|c| table.text_numbers.binary_search(c).is_ok())
                .map(|c| c.to_string())
                .collect();
            let mut message = tr!(
                "dòng tổng ghi {said} nhưng {range} cộng lại được {added}",
                "the total says {said} but {range} add up to {added}"
            );
            if !typed.is_empty() {
                let list = typed.join(", ");
                let why = tr!(
                    " ({list} ghi số dưới dạng chữ, hàm SUM của Excel bỏ qua các ô này)",
                    " ({list} hold numbers typed as text, which Excel's SUM skips)"
                );
                message = crate::i18n::Text::new(message.vi + &why.vi, message.en + &why.en);
            }
            notices.push(Notice {
                file: file.to_path_buf(),
                sheet: sheet.to_string(),
                cell,
                message,
                kind: NoticeKind::TotalsMismatch,
            });
        }
    }
}
