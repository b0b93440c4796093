//! Numbers typed as text: clerks type "12.408,4" into a cell Excel keeps as text (the
//! apostrophe, a text-formatted column, a paste from a PDF). Excel's own SUM then skips it, and
//! a template's `sum` stops at it. In a column whose other cells are numbers (or that holds
//! only such text, see [`all_typed_numbers`]), such text is read as the number it shows ([`crate::vi::typed_number`]: dot thousands, comma decimals, sign,
//! parentheses for negatives, `%`, ordinary and no-break spaces), and one notice per column
//! names the cells.
//!
//! Text that one separator splits before exactly three digits ("1.234") is read the way the
//! sheet's [`NumberStyle`] says (Vietnamese by default: 1234) and named in the notice, so a
//! workbook typed the English way can be switched with `numbers = "en"`. A percentage ("12,5%")
//! becomes a fraction (0.125) when every number of the column lies between -1 and 1 (Excel's
//! percent cells hold fractions), else its percent points (12.5). Text that is not a number
//! stays text; a helper that needs a number then names its cell.

use std::path::Path;

use super::cell::{CellRef, col_letter};
use super::legacy::{Notice, NoticeKind};
use super::table::Table;
use super::value::{Value, number};
use crate::i18n::Text;
use crate::tr;
use crate::vi::{NumberStyle, format_number, typed_number};

/// At most this many cells are named in one notice.
const NAMED: usize = 12;

/// One converted cell.
struct Converted {
    cell: CellRef,
    text: String,
    value: f64,
    ambiguous: bool,
}

/// Reads the text numbers of every column of `table` in place; records the cells in
/// `table.text_numbers` and one notice per column.
pub(crate) fn read_text_numbers(
    table: &mut Table,
    style: NumberStyle,
    file: &Path,
    sheet: &str,
    notices: &mut Vec<Notice>,
) {
    for i in 0..table.columns.len() {
        let numbers: Vec<f64> = all_values(table, i)
            .filter_map(|v| match v {
                Value::Int(n) => Some(*n as f64),
                Value::Float(x) => Some(*x),
                _ => None,
            })
            .collect();
        if numbers.is_empty() && !all_typed_numbers(table, i, style) {
            continue;
        }
        let fractions = !numbers.is_empty() && numbers.iter().all(|x| (-1.0..=1.0).contains(x));
        let mut done: Vec<Converted> = Vec::new();
        let col = table.columns[i].col;
        let rows = table
            .rows
            .iter_mut()
            .map(|r| (r.excel_row, &mut r.values))
            .chain(
                table
                    .totals
                    .iter_mut()
                    .map(|t| (t.excel_row, &mut t.values)),
            );
        for (excel_row, values) in rows {
            let Some(v) = values.get_mut(i) else { continue };
            let Value::Text(text) = v else { continue };
            let Some(t) = typed_number(text, style) else {
                continue;
            };
            let value = if t.percent && fractions {
                t.value / 100.0
            } else {
                t.value
            };
            done.push(Converted {
                cell: CellRef::new(excel_row.saturating_sub(1), col),
                text: std::mem::take(text),
                value,
                ambiguous: t.ambiguous,
            });
            *v = number(value);
        }
        if done.is_empty() {
            continue;
        }
        done.sort_by_key(|c| c.cell);
        table.text_numbers.extend(done.iter().map(|c| c.cell));
        notices.push(Notice {
            file: file.to_path_buf(),
            sheet: sheet.to_string(),
            cell: done[0].cell,
            message: column_message(&table.columns[i].header, col, &done, style),
            kind: NoticeKind::TextNumbers,
        });
    }
    table.text_numbers.sort();
}

/// A column with no number cell at all is still a column of numbers when every value in it
/// is text that reads as a number, at least two of them, and at least one is written as a
/// formatted number (a separator, sign, parentheses or `%`): a column pasted or exported as
/// text. Plain digit strings alone ("101", "102") may be codes, and stay text.
fn all_typed_numbers(table: &Table, i: usize, style: NumberStyle) -> bool {
    let texts: Vec<&str> = all_values(table, i)
        .filter(|v| !v.is_empty())
        .map(|v| v.as_text())
        .collect::<Option<Vec<&str>>>()
        .unwrap_or_default();
    let formatted = |t: &&str| t.contains(['.', ',', '%', '(', '-', '−', '+']);
    texts.len() >= 2
        && texts.iter().all(|t| typed_number(t, style).is_some())
        && texts.iter().any(formatted)
}

fn all_values(table: &Table, i: usize) -> impl Iterator<Item = &Value> {
    table
        .rows
        .iter()
        .filter_map(move |r| r.values.get(i))
        .chain(table.totals.iter().filter_map(move |t| t.values.get(i)))
}

/// `F12 "12.408,4" → 12408,4`, in the reader's language's number format.
fn listed(done: &[Converted]) -> Text {
    let shown = done.iter().take(NAMED);
    let item = |c: &Converted, n: String| format!("{} {:?} → {n}", c.cell, c.text);
    let vi: Vec<String> = shown
        .clone()
        .map(|c| item(c, format_number(c.value, None)))
        .collect();
    let en: Vec<String> = shown.map(|c| item(c, format!("{}", c.value))).collect();
    let more = done.len().saturating_sub(NAMED);
    let (mut vi, mut en) = (vi.join(", "), en.join(", "));
    if more > 0 {
        vi.push_str(&format!(" và {more} ô nữa"));
        en.push_str(&format!(" and {more} more"));
    }
    Text::new(vi, en)
}

fn column_message(header: &str, col: u32, done: &[Converted], style: NumberStyle) -> Text {
    let (letter, n) = (col_letter(col), done.len());
    let cells = listed(done);
    let mut text = if n == 1 {
        tr!(
            "cột {letter} (\"{header}\"): 1 ô ghi số dưới dạng chữ đã được đọc thành số: {cells}",
            "column {letter} (\"{header}\"): 1 number typed as text was read as a number: {cells}";
            cells = cells
        )
    } else {
        tr!(
            "cột {letter} (\"{header}\"): {n} ô ghi số dưới dạng chữ đã được đọc thành số: {cells}",
            "column {letter} (\"{header}\"): {n} numbers typed as text were read as numbers: {cells}";
            cells = cells
        )
    };
    let ambiguous: Vec<String> = done
        .iter()
        .filter(|c| c.ambiguous)
        .map(|c| format!("{} {:?}", c.cell, c.text))
        .collect();
    if !ambiguous.is_empty() {
        let list = ambiguous.join(", ");
        let note = match style {
            NumberStyle::Vi => tr!(
                "; {list} được đọc theo cách viết Việt Nam (dấu chấm ngăn cách hàng nghìn, dấu phẩy \
                 ngăn cách phần thập phân); nếu bảng tính viết số theo kiểu tiếng Anh, hãy ghi \
                 numbers = \"en\" trong mục [data.…] của template.toml",
                "; {list} read the Vietnamese way (dot between thousands, comma before decimals); \
                 if the workbook writes numbers the English way, put numbers = \"en\" under \
                 [data.…] in template.toml"
            ),
            NumberStyle::En => tr!(
                "; {list} được đọc theo cách viết tiếng Anh (numbers = \"en\")",
                "; {list} read the English way (numbers = \"en\")"
            ),
        };
        text = Text::new(text.vi + &note.vi, text.en + &note.en);
    }
    text
}

/// What a text cell in a date column says.
#[derive(Debug, PartialEq)]
enum TextDate {
    Date(chrono::NaiveDate),
    /// Written as a date, but no such day exists (31/02/2025, 5/13/2025).
    Impossible,
    NotADate,
}

/// Reads `d/m/yyyy`, `dd/mm/yyyy`, `d-m-yyyy`, `d.m.yyyy` and "ngày 5 tháng 11 năm 2025"
/// (with or without diacritics), day first as Vietnamese dates are written.
fn text_date(s: &str) -> TextDate {
    let key = super::keys::key_of(s);
    let parts: Vec<&str> = key.split('_').collect();
    let numbers: Option<(u32, u32, i32)> = match parts.as_slice() {
        ["ngay", d, "thang", m, "nam", y] => {
            (|| Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok()?)))()
        }
        _ => {
            let t = s.trim();
            let fields: Vec<&str> = t.split(['/', '-', '.']).map(str::trim).collect();
            let sep_ok = t.chars().filter(|c| matches!(c, '/' | '-' | '.')).count() == 2;
            match fields.as_slice() {
                [d, m, y]
                    if sep_ok
                        && (1..=2).contains(&d.len())
                        && (1..=2).contains(&m.len())
                        && y.len() == 4
                        && [d, m, y]
                            .iter()
                            .all(|f| f.bytes().all(|b| b.is_ascii_digit())) =>
                {
                    (|| Some((d.parse().ok()?, m.parse().ok()?, y.parse().ok()?)))()
                }
                _ => None,
            }
        }
    };
    match numbers {
        Some((_, _, y)) if !(1900..=2200).contains(&y) => TextDate::NotADate,
        Some((d, m, y)) => {
            chrono::NaiveDate::from_ymd_opt(y, m, d).map_or(TextDate::Impossible, TextDate::Date)
        }
        None => TextDate::NotADate,
    }
}

/// Whether text is a date as [`text_date`] reads them (possible or not).
pub(crate) fn is_text_date(s: &str) -> bool {
    text_date(s) != TextDate::NotADate
}

/// Reads the dates typed as text of every column whose other cells are dates, in place; one
/// notice per column; a date that cannot exist is an error naming its cell.
pub(crate) fn read_text_dates(
    table: &mut Table,
    file: &Path,
    sheet: &str,
    notices: &mut Vec<Notice>,
) -> Result<(), super::WorkbookError> {
    for i in 0..table.columns.len() {
        let has_dates =
            all_values(table, i).any(|v| matches!(v, Value::Date(_) | Value::DateTime(_)));
        if !has_dates {
            continue;
        }
        let col = table.columns[i].col;
        let mut done: Vec<(CellRef, String, chrono::NaiveDate)> = Vec::new();
        for row in &mut table.rows {
            let Some(v) = row.values.get_mut(i) else {
                continue;
            };
            let Value::Text(text) = v else { continue };
            let cell = CellRef::new(row.excel_row.saturating_sub(1), col);
            match text_date(text) {
                TextDate::Date(d) => {
                    done.push((cell, std::mem::take(text), d));
                    *v = Value::Date(d);
                }
                TextDate::Impossible => {
                    return Err(super::WorkbookError::ImpossibleDate {
                        path: file.to_path_buf(),
                        sheet: sheet.to_string(),
                        cell,
                        text: text.clone(),
                    });
                }
                TextDate::NotADate => {}
            }
        }
        let Some(&(first, _, _)) = done.first() else {
            continue;
        };
        let (letter, n, header) = (col_letter(col), done.len(), &table.columns[i].header);
        let list: Vec<String> = done
            .iter()
            .take(NAMED)
            .map(|(c, t, d)| format!("{c} {t:?} → {}", d.format("%d/%m/%Y")))
            .collect();
        let list = list.join(", ");
        notices.push(Notice {
            file: file.to_path_buf(),
            sheet: sheet.to_string(),
            cell: first,
            message: if n == 1 {
                tr!(
                    "cột {letter} (\"{header}\"): 1 ngày tháng ghi dưới dạng chữ đã được đọc \
                     thành ngày (ngày trước, tháng sau): {list}",
                    "column {letter} (\"{header}\"): 1 date typed as text was read as a date \
                     (day first): {list}"
                )
            } else {
                tr!(
                    "cột {letter} (\"{header}\"): {n} ngày tháng ghi dưới dạng chữ đã được đọc \
                     thành ngày (ngày trước, tháng sau): {list}",
                    "column {letter} (\"{header}\"): {n} dates typed as text were read as dates \
                     (day first): {list}"
                )
            },
            kind: NoticeKind::TextDates,
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_typed_as_text() {
        let d = |y, m, d| TextDate::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap());
        assert_eq!(text_date("5/11/2025"), d(2025, 11, 5));
        assert_eq!(text_date("05/11/2025"), d(2025, 11, 5));
        assert_eq!(text_date("5-11-2025"), d(2025, 11, 5));
        assert_eq!(text_date("ngày 5 tháng 11 năm 2025"), d(2025, 11, 5));
        assert_eq!(text_date("Ngay 05 thang 11 nam 2025"), d(2025, 11, 5));
        assert_eq!(text_date("31/02/2025"), TextDate::Impossible);
        assert_eq!(text_date("5/13/2025"), TextDate::Impossible);
        assert_eq!(text_date("ngày 32 tháng 1 năm 2025"), TextDate::Impossible);
        for no in [
            "5/11/25",
            "2025-11-05",
            "Hà Nội",
            "5/11",
            "1.234",
            "5/11/2025 x",
        ] {
            assert_eq!(text_date(no), TextDate::NotADate, "{no}");
        }
    }
}
