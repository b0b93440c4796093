//! Which rows of a table are data: totals and subtotal rows ("Cộng", "Tổng cộng", "Cả nước")
//! and group heading rows ("I. Miền Bắc", "A. Tỉnh đồng bằng") are not, although they sit
//! between the header and the last row.
//!
//! Counted as data, a "Cả nước" row makes `{{count rows}}` one too many and a `sum` over the
//! column twice the truth; a heading row gives a data row with empty numbers.
//!
//! # Totals rows
//! A row whose label — its first non-empty cell, which is text — says Tổng cộng, Cộng, Tổng số,
//! Tổng, Cả nước, Toàn quốc or Toàn ngành (any case; with or without diacritics; optionally
//! followed by more text, as in "Cộng nhóm I"), whose STT cell holds no number, and which has
//! at least one other value. "Tổng công ty …", "Tổng cục …", "Công an …" are names, not totals.
//! The last totals row with no data row below it is the table's total (if there is none, the
//! first with no data row above it: "Cả nước" printed first); every other totals row is the
//! subtotal of the group it closes.
//!
//! # Group heading rows
//! A row with no number, at most two values, whose label starts with a Roman numeral or a
//! capital letter and `.` or `)` ("I. Miền Bắc", "B) Miền Nam"), or whose STT cell holds a
//! Roman numeral or a single capital letter with the name beside it ("II" | "Miền Trung").
//! The data rows below it, up to the next heading, belong to its group.

use serde::Serialize;

use super::keys::key_of;
use super::table::{Column, Row};
use super::value::Value;

/// A totals or subtotal row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalsRow {
    /// Row number as Excel shows it.
    pub excel_row: u32,
    /// The label as written ("Cả nước").
    pub label: String,
    /// One value per column, in column order (the label included).
    pub values: Vec<Value>,
    /// The group this row closes (index into [`super::Table::groups`]); `None` for the
    /// table's total.
    pub group: Option<usize>,
}

/// A group heading row.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// Row number as Excel shows it.
    pub excel_row: u32,
    /// The heading as written ("I. Miền Bắc").
    pub heading: String,
    /// Its numeral or letter ("I").
    pub mark: String,
    /// Its name ("Miền Bắc").
    pub name: String,
}

/// Keys of STT column headers.
const STT_KEYS: [&str; 5] = ["stt", "tt", "so_tt", "so_thu_tu", "thu_tu"];

/// Totals words with diacritics, longest first so "tổng cộng" wins over "tổng".
const TOTALS_VI: [&str; 7] = [
    "tổng cộng",
    "tổng số",
    "cả nước",
    "toàn quốc",
    "toàn ngành",
    "cộng",
    "tổng",
];

/// The same words without diacritics, for labels typed without them.
const TOTALS_ASCII: [&str; 7] = [
    "tong cong",
    "tong so",
    "ca nuoc",
    "toan quoc",
    "toan nganh",
    "cong",
    "tong",
];

/// What follows "tổng"/"cộng" in names that are not totals (compared without diacritics).
const NOT_TOTALS: [&str; 24] = [
    "tong cong ty",
    "tong cuc",
    "tong giam doc",
    "tong thu ky",
    "tong bi thu",
    "tong lien doan",
    "tong bien tap",
    "tong cong doan",
    "cong ty",
    "cong an",
    "cong hoa",
    "cong doan",
    "cong nghiep",
    "cong nghe",
    "cong trinh",
    "cong viec",
    "cong van",
    "cong chuc",
    "cong dan",
    "cong thuong",
    "cong tac",
    "cong suat",
    "cong ich",
    "cong ly",
];

/// Whether a label says it is a totals row, by the rule in the module documentation.
pub fn is_totals_label(label: &str) -> bool {
    let lower: String = crate::vi::nfc(label.trim()).to_lowercase();
    let ascii = key_of(&lower).replace('_', " ");
    if NOT_TOTALS
        .iter()
        .any(|n| ascii == *n || ascii.starts_with(&format!("{n} ")))
    {
        return false;
    }
    let words: &[&str] = if lower.is_ascii() {
        &TOTALS_ASCII
    } else {
        &TOTALS_VI
    };
    words.iter().any(|w| {
        lower
            .strip_prefix(w)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphanumeric()))
    })
}

/// A Roman numeral up to XXXIX or a single capital letter.
fn is_mark(s: &str) -> bool {
    let s = s.trim();
    let roman = !s.is_empty() && s.len() <= 6 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'));
    let letter = s.chars().count() == 1 && s.chars().all(|c| c.is_uppercase());
    roman || letter
}

/// "I. Miền Bắc" → ("I", "Miền Bắc").
fn split_heading(text: &str) -> Option<(String, String)> {
    let at = text.find(['.', ')'])?;
    let (mark, rest) = (text.get(..at)?, text.get(at + 1..)?);
    let name = rest.trim();
    (is_mark(mark) && !name.is_empty() && rest.starts_with(char::is_whitespace))
        .then(|| (mark.trim().to_string(), name.to_string()))
}

fn is_number(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Float(_))
}

/// The index of the STT column, if the header has one.
pub(crate) fn stt_column(columns: &[Column]) -> Option<usize> {
    columns
        .iter()
        .position(|c| STT_KEYS.contains(&c.key.as_str()))
}

enum Kind {
    Data,
    Totals(String),
    Heading(Group),
}

fn kind(row: &Row, stt: Option<usize>) -> Kind {
    let filled: Vec<(usize, &Value)> = row
        .values
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let stt_value = stt.and_then(|i| row.values.get(i));
    let stt_is_number = stt_value.is_some_and(is_number);
    if let Some(&(i, Value::Text(label))) = filled.first() {
        if !stt_is_number && filled.len() > 1 && is_totals_label(label) {
            return Kind::Totals(label.clone());
        }
        let numbers = filled.iter().any(|(_, v)| is_number(v));
        if !numbers && filled.len() <= 2 {
            if let Some((mark, name)) = split_heading(label) {
                return Kind::Heading(Group {
                    excel_row: row.excel_row,
                    heading: label.clone(),
                    mark,
                    name,
                });
            }
            if let (Some(s), [_, (_, Value::Text(name))]) = (stt, filled.as_slice())
                && s == i
                && is_mark(label)
            {
                return Kind::Heading(Group {
                    excel_row: row.excel_row,
                    heading: format!("{label}. {name}"),
                    mark: label.clone(),
                    name: name.clone(),
                });
            }
        }
    }
    Kind::Data
}

/// The rows of a table, split by the rules in the module documentation.
pub(crate) struct Split {
    pub rows: Vec<Row>,
    pub totals: Vec<TotalsRow>,
    pub groups: Vec<Group>,
}

/// Splits the rows between the header and the last row into data, totals and headings.
pub(crate) fn split(columns: &[Column], raw: Vec<Row>) -> Split {
    let stt = stt_column(columns);
    let mut out = Split {
        rows: Vec::new(),
        totals: Vec::new(),
        groups: Vec::new(),
    };
    // (position among all rows, totals row) to decide later which one is the table's total.
    let mut data_positions: Vec<usize> = Vec::new();
    let mut totals_positions: Vec<usize> = Vec::new();
    for (pos, mut row) in raw.into_iter().enumerate() {
        match kind(&row, stt) {
            Kind::Data => {
                row.group = out.groups.len().checked_sub(1);
                data_positions.push(pos);
                out.rows.push(row);
            }
            Kind::Totals(label) => {
                totals_positions.push(pos);
                out.totals.push(TotalsRow {
                    excel_row: row.excel_row,
                    label,
                    values: row.values,
                    group: out.groups.len().checked_sub(1),
                });
            }
            Kind::Heading(g) => out.groups.push(g),
        }
    }
    // The table's total: the last totals row below every data row, else the first above
    // every data row; it closes no group.
    let last_data = data_positions.last().copied();
    let first_data = data_positions.first().copied();
    let grand = totals_positions
        .iter()
        .rposition(|&p| last_data.is_none_or(|d| p > d))
        .or_else(|| {
            totals_positions
                .iter()
                .position(|&p| first_data.is_some_and(|d| p < d))
        });
    if let Some(i) = grand
        && let Some(t) = out.totals.get_mut(i)
    {
        t.group = None;
    }
    // Without group headings, a totals row inside the table closes no named group.
    if out.groups.is_empty() {
        for t in &mut out.totals {
            t.group = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_labels() {
        for yes in [
            "Tổng cộng",
            "TỔNG CỘNG",
            "Cộng",
            "Cộng nhóm I",
            "Tổng số",
            "Tổng",
            "Cả nước",
            "CẢ NƯỚC",
            "Toàn quốc",
            "Toàn ngành (34 tỉnh)",
            "tong cong",
            "Ca nuoc",
            "TOAN QUOC",
            "Cộng:",
        ] {
            assert!(is_totals_label(yes), "{yes}");
        }
        for no in [
            "Tổng công ty Điện lực",
            "Tổng cục Thống kê",
            "Công an tỉnh",
            "Cong an tinh",
            "Cộng hòa",
            "Tổngkết",
            "Hà Nội",
            "Công ty A",
            "Cong ty B",
            "Nội dung tổng cộng",
        ] {
            assert!(!is_totals_label(no), "{no}");
        }
    }

    #[test]
    fn headings() {
        assert_eq!(
            split_heading("I. Miền Bắc"),
            Some(("I".into(), "Miền Bắc".into()))
        );
        assert_eq!(
            split_heading("A) Tỉnh đồng bằng"),
            Some(("A".into(), "Tỉnh đồng bằng".into()))
        );
        assert_eq!(split_heading("Hà Nội"), None);
        assert_eq!(split_heading("Ghi chú. xyz"), None);
        assert_eq!(split_heading("T.P Hồ Chí Minh"), None);
    }
}
