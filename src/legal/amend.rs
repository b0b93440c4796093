//! Amendments: from the rows of an amendment sheet to the numbered items of Điều 1.

use std::collections::HashMap;

use super::unit::{Unit, UnitError};
use crate::i18n::{Bilingual, Text};
use crate::tr;

/// What an amendment does to its unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// "sửa đổi" / "sửa đổi, bổ sung": the unit gets a new text.
    Amend,
    /// "bổ sung": a new unit is inserted after the target.
    Insert,
    /// "bãi bỏ": the unit is repealed.
    Repeal,
    /// "thay thế cụm từ": a phrase is replaced inside the unit.
    ReplacePhrase,
}

impl Action {
    /// Reads the action column (any case; "sửa đổi, bổ sung" counts as an amendment).
    pub fn parse(s: &str) -> Option<Action> {
        let s: String = s
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        match s.trim_end_matches('.') {
            "sửa đổi" | "sửa đổi, bổ sung" | "sửa đổi bổ sung" => {
                Some(Action::Amend)
            }
            "bổ sung" => Some(Action::Insert),
            "bãi bỏ" => Some(Action::Repeal),
            "thay thế cụm từ" | "thay thế" => Some(Action::ReplacePhrase),
            _ => None,
        }
    }
}

/// One row of the amendment sheet.
#[derive(Debug, Clone)]
pub struct AmendmentRow {
    pub unit: String,
    pub action: String,
    pub current: String,
    pub new: String,
}

/// One numbered item of Điều 1, in the amended document's order.
#[derive(Debug, Clone, PartialEq)]
pub struct Amendment {
    /// 1-based position in the output.
    pub number: usize,
    /// 0-based index of the row it came from.
    pub row: usize,
    pub action: Action,
    /// The unit the item is about (for an insertion, the new unit).
    pub unit: Unit,
    /// The item's sentence: "Sửa đổi, bổ sung khoản 2 Điều 5 như sau:".
    pub heading: String,
    /// The new text in “ ”, starting with the unit's own label; `None` for a repeal or a
    /// phrase replacement.
    pub quoted: Option<String>,
}

/// A text of an amendment row that its action needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowPart {
    /// The new wording of the unit (sửa đổi, bổ sung).
    NewText,
    /// The phrase to replace (thay thế cụm từ).
    CurrentPhrase,
    /// The phrase that replaces it.
    NewPhrase,
}

impl RowPart {
    fn text(self) -> Text {
        match self {
            RowPart::NewText => crate::tr!("nội dung mới", "the new text"),
            RowPart::CurrentPhrase => crate::tr!("cụm từ cần thay thế", "the phrase to replace"),
            RowPart::NewPhrase => crate::tr!("cụm từ mới", "the new phrase"),
        }
    }
}

impl std::fmt::Display for RowPart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// A row that cannot become an amendment; names the row (1-based, as in the sheet's data).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AmendmentError {
    #[error("amendment row {row}: {source}")]
    Unit { row: usize, source: UnitError },
    #[error(
        "amendment row {row}: \"{action}\" is not an action; write \"sửa đổi\", \"bổ sung\", \
         \"bãi bỏ\" or \"thay thế cụm từ\""
    )]
    Action { row: usize, action: String },
    #[error("amendment row {row}: {what} is empty")]
    Missing { row: usize, what: RowPart },
}

/// Quotes `text` as the unit's new wording, adding the unit's label when the drafting
/// team did not write it: “2a. Nội dung …”.
fn quote(unit: &Unit, text: &str) -> String {
    let label = unit.own_label();
    let text = text.trim();
    if text.starts_with(&label) {
        format!("“{text}”")
    } else {
        format!("“{label} {text}”")
    }
}

/// Orders, numbers and words the amendments.
pub fn amendments(rows: &[AmendmentRow]) -> Result<Vec<Amendment>, AmendmentError> {
    let mut out = Vec::with_capacity(rows.len());
    let mut insertions: HashMap<String, u32> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let row = i + 1;
        let target = Unit::parse(&r.unit).map_err(|source| AmendmentError::Unit { row, source })?;
        let action = Action::parse(&r.action).ok_or_else(|| AmendmentError::Action {
            row,
            action: r.action.clone(),
        })?;
        let need = |s: &str, what| {
            if s.trim().is_empty() {
                Err(AmendmentError::Missing { row, what })
            } else {
                Ok(())
            }
        };
        let (unit, heading, quoted) = match action {
            Action::Amend => {
                need(&r.new, RowPart::NewText)?;
                let heading = format!("Sửa đổi, bổ sung {target} như sau:");
                let quoted = quote(&target, &r.new);
                (target, heading, Some(quoted))
            }
            Action::Insert => {
                need(&r.new, RowPart::NewText)?;
                let n = insertions.entry(target.to_string()).or_insert(0);
                *n += 1;
                let new_unit = target.inserted_after(*n);
                let heading = format!(
                    "Bổ sung {} vào sau {}{} như sau:",
                    new_unit.short(),
                    target.short(),
                    target.parent_suffix()
                );
                let quoted = quote(&new_unit, &r.new);
                (new_unit, heading, Some(quoted))
            }
            Action::Repeal => {
                let heading = format!("Bãi bỏ {target}.");
                (target, heading, None)
            }
            Action::ReplacePhrase => {
                need(&r.current, RowPart::CurrentPhrase)?;
                need(&r.new, RowPart::NewPhrase)?;
                let heading = format!(
                    "Thay thế cụm từ “{}” bằng cụm từ “{}” tại {target}.",
                    r.current.trim(),
                    r.new.trim()
                );
                (target, heading, None)
            }
        };
        out.push(Amendment {
            number: 0,
            row: i,
            action,
            unit,
            heading,
            quoted,
        });
    }
    // The amended document's order; rows about the same unit keep the sheet's order.
    out.sort_by(|a, b| a.unit.cmp(&b.unit).then(a.row.cmp(&b.row)));
    for (i, a) in out.iter_mut().enumerate() {
        a.number = i + 1;
    }
    Ok(out)
}

impl Bilingual for AmendmentError {
    fn text(&self) -> Text {
        match self {
            AmendmentError::Unit { row, source } => tr!(
                "bảng sửa đổi, dòng {row}: {source}",
                "amendment row {row}: {source}";
                source = source
            ),
            AmendmentError::Action { row, action } => tr!(
                "bảng sửa đổi, dòng {row}: \"{action}\" không phải là hình thức sửa đổi; ghi \
                 \"sửa đổi\", \"bổ sung\", \"bãi bỏ\" hoặc \"thay thế cụm từ\"",
                "amendment row {row}: \"{action}\" is not an action; write \"sửa đổi\", \
                 \"bổ sung\", \"bãi bỏ\" or \"thay thế cụm từ\""
            ),
            AmendmentError::Missing { row, what } => tr!(
                "bảng sửa đổi, dòng {row}: {what} để trống",
                "amendment row {row}: {what} is empty";
                what = what.text()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(unit: &str, action: &str, current: &str, new: &str) -> AmendmentRow {
        AmendmentRow {
            unit: unit.into(),
            action: action.into(),
            current: current.into(),
            new: new.into(),
        }
    }

    #[test]
    fn ordered_numbered_and_worded() {
        let rows = [
            row(
                "khoản 3 Điều 8",
                "Thay thế cụm từ",
                "Sở Công Thương",
                "cơ quan chuyên môn",
            ),
            row("khoản 2 Điều 5", "bổ sung", "", "Hỗ trợ chuyển đổi số."),
            row(
                "khoản 2 Điều 5",
                "Sửa đổi, bổ sung",
                "cũ",
                "2. Mức hỗ trợ mới.",
            ),
            row("điểm c khoản 1 Điều 7", "bãi bỏ", "", ""),
            row("Điều 5", "bổ sung", "", "Điều 5a. Khuyến công xanh"),
            row("điểm a khoản 1 Điều 7", "bổ sung", "", "Hỗ trợ tư vấn."),
        ];
        let a = amendments(&rows).unwrap();
        let headings: Vec<(usize, &str)> =
            a.iter().map(|x| (x.number, x.heading.as_str())).collect();
        assert_eq!(
            headings,
            [
                (1, "Sửa đổi, bổ sung khoản 2 Điều 5 như sau:"),
                (2, "Bổ sung khoản 2a vào sau khoản 2 Điều 5 như sau:"),
                (3, "Bổ sung Điều 5a vào sau Điều 5 như sau:"),
                (4, "Bổ sung điểm a1 vào sau điểm a khoản 1 Điều 7 như sau:"),
                (5, "Bãi bỏ điểm c khoản 1 Điều 7."),
                (
                    6,
                    "Thay thế cụm từ “Sở Công Thương” bằng cụm từ “cơ quan chuyên môn” tại khoản 3 Điều 8."
                ),
            ]
        );
        assert_eq!(a[0].quoted.as_deref(), Some("“2. Mức hỗ trợ mới.”"));
        assert_eq!(a[1].quoted.as_deref(), Some("“2a. Hỗ trợ chuyển đổi số.”"));
        assert_eq!(a[2].quoted.as_deref(), Some("“Điều 5a. Khuyến công xanh”"));
        assert_eq!(a[3].quoted.as_deref(), Some("“a1) Hỗ trợ tư vấn.”"));
        assert_eq!(a[4].quoted, None);
    }

    #[test]
    fn two_insertions_after_the_same_unit() {
        let rows = [
            row("khoản 2 Điều 5", "bổ sung", "", "Một."),
            row("khoản 2 Điều 5", "bổ sung", "", "Hai."),
        ];
        let a = amendments(&rows).unwrap();
        assert_eq!(a[0].unit.short(), "khoản 2a");
        assert_eq!(a[1].unit.short(), "khoản 2b");
    }

    #[test]
    fn bad_rows_name_the_row() {
        let e = amendments(&[row("khoản 2", "sửa đổi", "", "x")]).unwrap_err();
        assert!(e.to_string().starts_with("amendment row 1:"), "{e}");
        let e = amendments(&[row("Điều 2", "xóa", "", "x")]).unwrap_err();
        assert!(e.to_string().contains("\"xóa\" is not an action"), "{e}");
        let e = amendments(&[row("Điều 2", "sửa đổi", "", " ")]).unwrap_err();
        assert!(e.to_string().contains("the new text is empty"), "{e}");
    }

    #[test]
    fn errors_read_in_vietnamese_and_english() {
        use crate::i18n::Lang;
        let e = amendments(&[
            row("Điều 1", "sửa đổi", "", "x"),
            row("khoản 2", "sửa đổi", "", "x"),
        ])
        .unwrap_err();
        assert!(
            e.message(Lang::Vi).starts_with(
                "bảng sửa đổi, dòng 2: không đọc được \"khoản 2\" là Điều, khoản, điểm (thiếu Điều)"
            ),
            "{}",
            e.message(Lang::Vi)
        );
        assert_eq!(e.message(Lang::En), e.to_string());

        let e = amendments(&[row("Điều 2", "xóa", "", "x")]).unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            "bảng sửa đổi, dòng 1: \"xóa\" không phải là hình thức sửa đổi; ghi \"sửa đổi\", \
             \"bổ sung\", \"bãi bỏ\" hoặc \"thay thế cụm từ\""
        );
        assert_eq!(e.message(Lang::En), e.to_string());

        for (r, vi, en) in [
            (
                row("Điều 2", "sửa đổi", "", " "),
                "nội dung mới để trống",
                "the new text is empty",
            ),
            (
                row("Điều 2", "bổ sung", "", ""),
                "nội dung mới để trống",
                "the new text is empty",
            ),
            (
                row("Điều 2", "thay thế cụm từ", "", "mới"),
                "cụm từ cần thay thế để trống",
                "the phrase to replace is empty",
            ),
            (
                row("Điều 2", "thay thế cụm từ", "cũ", ""),
                "cụm từ mới để trống",
                "the new phrase is empty",
            ),
        ] {
            let e = amendments(&[r]).unwrap_err();
            assert_eq!(e.message(Lang::Vi), format!("bảng sửa đổi, dòng 1: {vi}"));
            assert_eq!(e.to_string(), format!("amendment row 1: {en}"));
        }
    }
}
