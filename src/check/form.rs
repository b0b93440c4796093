//! Form rules of Decree 30 that can be checked before rendering: the ký hiệu's shape,
//! leading zeros in written dates, and the last line of Nơi nhận.
//!
//! The rules are in ../shared/VN-FORMAT.md (§1.5 "Forming Số, ký hiệu", §4.3 dates, the
//! Nơi nhận row of the element table). The draft rule (a `[draft]` must not carry a
//! number) is checked in [`super`], where the rendered number is at hand.

use crate::i18n::{Lang, Msg};

/// The abbreviations of Decree 30's table (Phụ lục III §I) spelt with lower-case letters.
const MIXED_CASE: [&str; 4] = ["TTr", "QyĐ", "CTr", "TrS"];

/// [`symbol_problem`] in both languages, for render (check says it in the reader's).
pub(crate) fn symbol_problem_text(symbol: &str) -> Option<crate::i18n::Text> {
    let vi = symbol_problem(symbol, Lang::Vi)?;
    let en = symbol_problem(symbol, Lang::En)?;
    let s = symbol.trim();
    Some(crate::i18n::Text::new(
        Lang::Vi.t(Msg::SymbolShape, &[("symbol", &s), ("reason", &vi)]),
        Lang::En.t(Msg::SymbolShape, &[("symbol", &s), ("reason", &en)]),
    ))
}

/// Why a ký hiệu is malformed, or `None` when it has the shape `BC-CNĐP`: upper-case
/// groups of letters and digits joined by `-` (or `/` for the year part of legal
/// documents), no spaces, no number in front.
pub(crate) fn symbol_problem(symbol: &str, lang: Lang) -> Option<String> {
    let s = symbol.trim();
    if s.is_empty() {
        return None;
    }
    // "12/BC-CNĐP": the number was written into the ký hiệu (a 4-digit year, as in the
    // ký hiệu of legal documents "2012/TT-BCT", is allowed).
    let first = s.split(['/', '-']).next().unwrap_or("");
    let number_first = s.contains('/')
        && !first.is_empty()
        && first.chars().all(|c| c.is_ascii_digit())
        && first.len() != 4;
    if s.to_lowercase().starts_with("số") || number_first {
        return Some(lang.s(Msg::SymbolNumber).to_string());
    }
    if s.chars().any(char::is_whitespace) {
        return Some(lang.s(Msg::SymbolSpace).to_string());
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '/'))
    {
        return Some(lang.t(Msg::SymbolChar, &[("char", &c)]));
    }
    // Lower case only inside the decree's mixed-case abbreviations (VN-FORMAT §1.5:
    // TTr, QyĐ, CTr, TrS).
    if s.split(['-', '/'])
        .any(|g| g.chars().any(char::is_lowercase) && !MIXED_CASE.contains(&g))
    {
        return Some(lang.s(Msg::SymbolLower).to_string());
    }
    if s.split(['-', '/']).any(str::is_empty) {
        return Some(lang.s(Msg::SymbolEmptyGroup).to_string());
    }
    None
}

/// A written date that breaks the leading-zero rule: its 1-based line and column (of the
/// number) and the message.
pub(crate) struct DateProblem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Finds "ngày D tháng M" in literal text and checks the leading zeros: days below 10 and
/// months 1 and 2 take a 0, months 3–12 do not.
pub(crate) fn date_problems(text: &str, lang: Lang) -> Vec<DateProblem> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let chars: Vec<char> = line.chars().collect();
        let lower: Vec<char> = line.to_lowercase().chars().collect();
        if lower.len() != chars.len() {
            continue;
        }
        let mut k = 0;
        while k < lower.len() {
            if let Some(after) = word_at(&lower, k, "ngày")
                && let Some((day, day_at, after_day)) = number_after(&chars, after)
                && let Some(after_thang) = word_at(&lower, skip_spaces(&chars, after_day), "tháng")
                && let Some((month, month_at, _)) = number_after(&chars, after_thang)
            {
                if let Some(d) = parse(&day)
                    && (1..10).contains(&d)
                    && day.len() == 1
                {
                    out.push(DateProblem {
                        line: i + 1,
                        column: day_at + 1,
                        message: lang.t(Msg::DateDay, &[("day", &d)]),
                    });
                }
                if let Some(m) = parse(&month) {
                    if (1..=2).contains(&m) && month.len() == 1 {
                        out.push(DateProblem {
                            line: i + 1,
                            column: month_at + 1,
                            message: lang.t(Msg::DateMonthZero, &[("month", &m)]),
                        });
                    } else if (3..=12).contains(&m) && month.starts_with('0') {
                        out.push(DateProblem {
                            line: i + 1,
                            column: month_at + 1,
                            message: lang
                                .t(Msg::DateMonthNoZero, &[("month", &m), ("written", &month)]),
                        });
                    }
                }
                k = after;
            } else {
                k += 1;
            }
        }
    }
    out
}

fn parse(s: &str) -> Option<u32> {
    s.parse().ok()
}

/// The index after `word` if it starts at `k` as a whole word.
fn word_at(lower: &[char], k: usize, word: &str) -> Option<usize> {
    let w: Vec<char> = word.chars().collect();
    if lower.len() < k + w.len() || lower[k..k + w.len()] != w[..] {
        return None;
    }
    if k > 0 && lower[k - 1].is_alphanumeric() {
        return None;
    }
    Some(k + w.len())
}

fn skip_spaces(chars: &[char], mut k: usize) -> usize {
    while k < chars.len() && chars[k].is_whitespace() {
        k += 1;
    }
    k
}

/// Digits after at least one space: (digits, index of the first digit, index after).
fn number_after(chars: &[char], k: usize) -> Option<(String, usize, usize)> {
    let start = skip_spaces(chars, k);
    if start == k {
        return None;
    }
    let mut end = start;
    while end < chars.len() && chars[end].is_ascii_digit() {
        end += 1;
    }
    if end == start || end - start > 2 {
        return None;
    }
    if chars.get(end).is_some_and(|c| c.is_alphanumeric()) {
        return None;
    }
    Some((chars[start..end].iter().collect(), start, end))
}

/// Whether a Nơi nhận entry is the closing "Lưu: VT, …" line.
/// A Nơi nhận line that holds two recipients: a ";" before its end.
pub(crate) fn two_recipients(entry: &str) -> bool {
    let entry = entry.trim().trim_end_matches([';', '.']);
    entry.contains(';')
}

/// The labels of the appendices ("Phụ lục I") that the body never names. A label is
/// named when it appears as a whole ("Phụ lục I" is not named by "Phụ lục II").
pub(crate) fn unnamed_appendices(doc: &crate::document::Document) -> Vec<String> {
    let body = serde_json::to_string(&doc.body).unwrap_or_default();
    doc.appendices
        .iter()
        .map(|a| a.label.trim().to_string())
        .filter(|label| !label.is_empty())
        .filter(|label| {
            !body.match_indices(label.as_str()).any(|(at, m)| {
                body[at + m.len()..]
                    .chars()
                    .next()
                    .is_none_or(|c| !c.is_alphanumeric())
            })
        })
        .collect()
}

pub(crate) fn is_luu_vt(entry: &str) -> bool {
    let e = entry.trim().trim_start_matches('-').trim();
    let Some(rest) = e.strip_prefix("Lưu") else {
        return false;
    };
    let rest = rest.trim_start();
    let Some(rest) = rest.strip_prefix(':') else {
        return false;
    };
    rest.split(|c: char| !c.is_alphanumeric())
        .any(|w| w == "VT")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbols() {
        let l = Lang::En;
        assert_eq!(symbol_problem("BC-CNĐP", l), None);
        assert_eq!(symbol_problem("BNV-VP", l), None);
        assert_eq!(symbol_problem("2012/TT-BCT", l), None);
        assert!(symbol_problem("BC - CNĐP", l).unwrap().contains("spaces"));
        assert!(symbol_problem("bc-cndp", l).unwrap().contains("lower"));
        // The decree's own mixed-case abbreviations are right.
        for ok in ["TTr-CNĐP", "QyĐ-BNV", "CTr-UBND", "TrS-VP"] {
            assert_eq!(symbol_problem(ok, l), None, "{ok}");
        }
        assert!(symbol_problem("Ttr-CNĐP", l).unwrap().contains("lower"));
        assert!(symbol_problem("BC--CNĐP", l).unwrap().contains("empty"));
        assert!(
            symbol_problem("Số: 12/BC-CNĐP", l)
                .unwrap()
                .contains("number")
        );
        assert!(symbol_problem("12/BC-CNĐP", l).unwrap().contains("number"));
        assert!(symbol_problem("BC_CNĐP", l).unwrap().contains('_'));
    }

    #[test]
    fn dates() {
        let p = date_problems(
            "Hà Nội, ngày 5 tháng 1 năm 2025 và ngày 29 tháng 06 năm 2019",
            Lang::En,
        );
        let cols: Vec<_> = p.iter().map(|p| p.column).collect();
        assert_eq!(cols, vec![14, 22, 50]);
        assert!(date_problems("ngày 05 tháng 01 năm 2020; Ngày 29 tháng 6", Lang::En).is_empty());
        assert!(date_problems("ngày {{d}} tháng {{m}}", Lang::En).is_empty());
    }

    #[test]
    fn two_recipients_on_a_line() {
        assert!(two_recipients("Công báo; Cổng Thông tin điện tử Chính phủ"));
        assert!(!two_recipients("Như trên;"));
        assert!(!two_recipients("Lưu: VT, CNĐP."));
    }

    #[test]
    fn luu_vt() {
        assert!(is_luu_vt("Lưu: VT, CNĐP"));
        assert!(is_luu_vt("- Lưu: VT, PC, CNĐP."));
        assert!(!is_luu_vt("Lưu: CNĐP"));
        assert!(!is_luu_vt("Như trên"));
        assert!(!is_luu_vt("Lưu VT"));
    }
}
