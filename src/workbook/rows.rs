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
//! In a table with group headings, the first totals row after a group's data rows is that
//! group's subtotal, unless its label names the whole (Cả nước, Toàn quốc, Toàn ngành). Among
//! the others, the last one with no data row below it is the table's total (if there is none,
//! the first with no data row above it: "Cả nước" printed first).
//!
//! # Group heading rows
//! A row whose label starts with a Roman numeral or a capital letter and `.` or `)`
//! ("I. Miền Bắc", "B) Miền Nam"), or whose STT cell holds a Roman numeral or a single capital
//! letter with the name beside it ("II" | "Miền Trung"), and which has either no number and at
//! most two values (a heading alone) or numbers (a heading that carries its group's figures, as
//! statistical tables print them: those figures are the group's subtotal). The data rows below
//! it, up to the next heading, belong to its group.

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
    /// The group this row closes (index into [`super::Table::groups`]), if it is a subtotal.
    pub group: Option<usize>,
    /// It is the table's total (`{{X_tong.…}}`).
    pub whole_table: bool,
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
    /// A group heading; with `true` when the row also holds the group's figures (its
    /// subtotal), as statistical tables print "I | Miền Bắc | 13.408,9".
    Heading(Group, bool),
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
    let Some(&(i, Value::Text(label))) = filled.first() else {
        return Kind::Data;
    };
    if !stt_is_number && filled.len() > 1 && is_totals_label(label) {
        return Kind::Totals(label.clone());
    }
    let numbers = filled.iter().any(|(_, v)| is_number(v));
    // "I. Miền Bắc" in the label cell.
    if let Some((mark, name)) = split_heading(label)
        && (numbers || filled.len() <= 2)
    {
        let group = Group {
            excel_row: row.excel_row,
            heading: label.clone(),
            mark,
            name,
        };
        return Kind::Heading(group, numbers);
    }
    // "I" in the STT cell, the name beside it.
    if let (Some(s), Some((_, Value::Text(name)))) = (stt, filled.get(1))
        && s == i
        && is_mark(label)
        && (numbers || filled.len() == 2)
    {
        let group = Group {
            excel_row: row.excel_row,
            heading: format!("{label}. {name}"),
            mark: label.clone(),
            name: name.clone(),
        };
        return Kind::Heading(group, numbers);
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
///
/// A table in which nothing would be left as data (every row a heading or a total: a list
/// whose STT is "A", "B", … beside text) is kept as it is: the rules are for tables of
/// figures, and a table must not lose all its rows to them.
pub(crate) fn split(columns: &[Column], raw: Vec<Row>) -> Split {
    let kept = raw.clone();
    let out = split_rows(columns, raw);
    if out.rows.is_empty() && (!out.groups.is_empty() || !out.totals.is_empty()) {
        return Split {
            rows: kept,
            totals: Vec::new(),
            groups: Vec::new(),
        };
    }
    out
}

fn split_rows(columns: &[Column], raw: Vec<Row>) -> Split {
    let stt = stt_column(columns);
    let mut out = Split {
        rows: Vec::new(),
        totals: Vec::new(),
        groups: Vec::new(),
    };
    // Positions among all rows, to decide which totals row is the table's.
    let mut data_positions: Vec<usize> = Vec::new();
    let mut totals_positions: Vec<usize> = Vec::new();
    // Whether the open group has data rows and already has its subtotal.
    let (mut group_has_data, mut group_closed) = (false, false);
    for (pos, mut row) in raw.into_iter().enumerate() {
        match kind(&row, stt) {
            Kind::Data => {
                row.group = out.groups.len().checked_sub(1);
                group_has_data = true;
                data_positions.push(pos);
                out.rows.push(row);
            }
            Kind::Totals(label) => {
                // The first totals row after a group's data closes that group, unless its
                // label names the whole (Cả nước, Toàn quốc, Toàn ngành).
                let closes = group_has_data && !group_closed && !names_the_whole(&label);
                let group = if closes {
                    group_closed = true;
                    out.groups.len().checked_sub(1)
                } else {
                    None
                };
                totals_positions.push(pos);
                out.totals.push(TotalsRow {
                    excel_row: row.excel_row,
                    label,
                    values: row.values,
                    group,
                    whole_table: false,
                });
            }
            Kind::Heading(g, with_figures) => {
                let label = g.name.clone();
                out.groups.push(g);
                (group_has_data, group_closed) = (false, with_figures);
                if with_figures {
                    totals_positions.push(pos);
                    out.totals.push(TotalsRow {
                        excel_row: row.excel_row,
                        label,
                        values: row.values,
                        group: out.groups.len().checked_sub(1),
                        whole_table: false,
                    });
                }
            }
        }
    }
    // The table's total, among the totals rows that close no group: the last one below every
    // data row, else the first one above every data row ("Cả nước" printed first).
    let last_data = data_positions.last().copied();
    let first_data = data_positions.first().copied();
    let open: Vec<(usize, usize)> = out
        .totals
        .iter()
        .zip(&totals_positions)
        .enumerate()
        .filter(|(_, (t, _))| t.group.is_none())
        .map(|(i, (_, &p))| (i, p))
        .collect();
    let whole = open
        .iter()
        .rev()
        .find(|&&(_, p)| last_data.is_none_or(|d| p > d))
        .or_else(|| {
            open.iter()
                .find(|&&(_, p)| first_data.is_some_and(|d| p < d))
        })
        .map(|&(i, _)| i);
    if let Some(t) = whole.and_then(|i| out.totals.get_mut(i)) {
        t.whole_table = true;
    }
    out
}

/// Labels that name the whole country or sector: never a group's subtotal.
fn names_the_whole(label: &str) -> bool {
    let key = key_of(label);
    ["ca_nuoc", "toan_quoc", "toan_nganh"]
        .iter()
        .any(|w| key == *w || key.starts_with(&format!("{w}_")))
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

    fn row(excel_row: u32, values: Vec<Value>) -> Row {
        Row {
            excel_row,
            values,
            group: None,
        }
    }

    fn columns(keys: &[&str]) -> Vec<Column> {
        keys.iter()
            .enumerate()
            .map(|(i, k)| Column {
                key: k.to_string(),
                header: k.to_string(),
                col: i as u32,
            })
            .collect()
    }

    fn text(s: &str) -> Value {
        Value::Text(s.into())
    }

    #[test]
    fn groups_subtotals_and_the_total() {
        let cols = columns(&["stt", "ten", "gia_tri"]);
        let rows = vec![
            row(4, vec![text("Cả nước"), Value::Empty, Value::Int(60)]),
            row(5, vec![text("I"), text("Miền Bắc"), Value::Empty]),
            row(6, vec![Value::Int(1), text("Hà Nội"), Value::Int(10)]),
            row(7, vec![Value::Empty, text("Cộng"), Value::Int(10)]),
            row(8, vec![text("II. Miền Nam"), Value::Empty, Value::Empty]),
            row(9, vec![Value::Int(2), text("Cần Thơ"), Value::Int(50)]),
            row(10, vec![Value::Empty, text("Cộng"), Value::Int(50)]),
        ];
        let s = split(&cols, rows);
        assert_eq!(
            s.rows.iter().map(|r| r.excel_row).collect::<Vec<_>>(),
            [6, 9]
        );
        assert_eq!(s.rows[0].group, Some(0));
        assert_eq!(s.rows[1].group, Some(1));
        assert_eq!(s.groups[0].heading, "I. Miền Bắc");
        assert_eq!(s.groups[1].name, "Miền Nam");
        let totals: Vec<(u32, Option<usize>, bool)> = s
            .totals
            .iter()
            .map(|t| (t.excel_row, t.group, t.whole_table))
            .collect();
        // "Cả nước" printed first is the table's total; each "Cộng" closes its group.
        assert_eq!(
            totals,
            [(4, None, true), (7, Some(0), false), (10, Some(1), false)]
        );
    }

    #[test]
    fn heading_rows_with_their_groups_figures() {
        let cols = columns(&["stt", "ten", "gia_tri"]);
        let rows = vec![
            row(5, vec![text("I"), text("Miền Bắc"), Value::Int(30)]),
            row(6, vec![Value::Int(1), text("Hà Nội"), Value::Int(10)]),
            row(7, vec![Value::Int(2), text("Hải Phòng"), Value::Int(20)]),
            row(8, vec![text("II. Miền Nam"), Value::Empty, Value::Int(50)]),
            row(9, vec![Value::Int(3), text("Cần Thơ"), Value::Int(50)]),
            row(10, vec![Value::Empty, text("Cả nước"), Value::Int(80)]),
        ];
        let s = split(&cols, rows);
        assert_eq!(
            s.rows.iter().map(|r| r.excel_row).collect::<Vec<_>>(),
            [6, 7, 9]
        );
        let totals: Vec<(u32, Option<usize>, bool)> = s
            .totals
            .iter()
            .map(|t| (t.excel_row, t.group, t.whole_table))
            .collect();
        assert_eq!(
            totals,
            [(5, Some(0), false), (8, Some(1), false), (10, None, true)]
        );
    }

    #[test]
    fn a_table_never_loses_all_its_rows() {
        let cols = columns(&["stt", "noi_dung"]);
        let rows = vec![
            row(2, vec![text("A"), text("Chuẩn bị")]),
            row(3, vec![text("B"), text("Thực hiện")]),
        ];
        let s = split(&cols, rows);
        assert_eq!(s.rows.len(), 2);
        assert!(s.groups.is_empty() && s.totals.is_empty());
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
