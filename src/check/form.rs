//! Form rules of Decree 30 that can be checked before rendering: the ký hiệu's shape,
//! leading zeros in written dates, and the last line of Nơi nhận.
//!
//! The rules are in ../shared/VN-FORMAT.md (§1.5 "Forming Số, ký hiệu", §4.3 dates, the
//! Nơi nhận row of the element table). The draft rule (a `[draft]` must not carry a
//! number) is checked in [`super`], where the rendered number is at hand.

use crate::i18n::Text;
use crate::tr;

/// Why a ký hiệu is malformed, or `None` when it has the shape `BC-CNĐP`: upper-case
/// groups of letters and digits joined by `-` (or `/` for the year part of legal
/// documents), no spaces, no number in front.
pub(crate) fn symbol_problem(symbol: &str) -> Option<Text> {
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
        return Some(tr!(
            "có cả số văn bản hoặc \"Số:\" — số ghi ở header.number",
            "it includes the number or \"Số:\" — the number goes in header.number"
        ));
    }
    if s.chars().any(char::is_whitespace) {
        return Some(tr!("có dấu cách", "it has spaces"));
    }
    if let Some(c) = s
        .chars()
        .find(|c| !(c.is_alphanumeric() || *c == '-' || *c == '/'))
    {
        return Some(tr!(
            "có ký tự \"{c}\" không dùng trong ký hiệu",
            "it has the character \"{c}\", which a ký hiệu does not use"
        ));
    }
    if s.chars().any(char::is_lowercase) {
        return Some(tr!("có chữ thường", "it has lower-case letters"));
    }
    if s.split(['-', '/']).any(str::is_empty) {
        return Some(tr!(
            "có nhóm rỗng giữa các dấu \"-\"",
            "it has an empty group between \"-\" signs"
        ));
    }
    None
}

/// A written date that breaks the leading-zero rule: its 1-based line and column (of the
/// number) and the message.
pub(crate) struct DateProblem {
    pub line: usize,
    pub column: usize,
    pub message: Text,
}

/// Finds "ngày D tháng M" in literal text and checks the leading zeros: days below 10 and
/// months 1 and 2 take a 0, months 3–12 do not.
pub(crate) fn date_problems(text: &str) -> Vec<DateProblem> {
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
                        message: tr!(
                            "ngày dưới 10 phải có số 0 ở trước: \"ngày {d}\" → \"ngày 0{d}\"",
                            "days below 10 take a leading zero: \"ngày {d}\" → \"ngày 0{d}\""
                        ),
                    });
                }
                if let Some(m) = parse(&month) {
                    if (1..=2).contains(&m) && month.len() == 1 {
                        out.push(DateProblem {
                            line: i + 1,
                            column: month_at + 1,
                            message: tr!(
                                "tháng 1 và 2 phải có số 0 ở trước: \"tháng {m}\" → \"tháng 0{m}\"",
                                "months 1 and 2 take a leading zero: \"tháng {m}\" → \"tháng 0{m}\""
                            ),
                        });
                    } else if (3..=12).contains(&m) && month.starts_with('0') {
                        out.push(DateProblem {
                            line: i + 1,
                            column: month_at + 1,
                            message: tr!(
                                "tháng 3 đến 12 không có số 0 ở trước: \"tháng {month}\" → \
                                 \"tháng {m}\"",
                                "months 3 to 12 take no leading zero: \"tháng {month}\" → \
                                 \"tháng {m}\""
                            ),
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
        let en = |s: &str| symbol_problem(s).map(|t| t.en);
        assert_eq!(en("BC-CNĐP"), None);
        assert_eq!(en("BNV-VP"), None);
        assert_eq!(en("2012/TT-BCT"), None);
        assert!(en("BC - CNĐP").unwrap().contains("spaces"));
        assert!(en("bc-cndp").unwrap().contains("lower"));
        assert!(en("BC--CNĐP").unwrap().contains("empty"));
        assert!(en("Số: 12/BC-CNĐP").unwrap().contains("number"));
        assert!(en("12/BC-CNĐP").unwrap().contains("number"));
        assert!(en("BC_CNĐP").unwrap().contains('_'));
        let vi = symbol_problem("bc-cndp").unwrap().vi;
        assert_eq!(vi, "có chữ thường");
    }

    #[test]
    fn dates() {
        let p = date_problems("Hà Nội, ngày 5 tháng 1 năm 2025 và ngày 29 tháng 06 năm 2019");
        let cols: Vec<_> = p.iter().map(|p| p.column).collect();
        assert_eq!(cols, vec![14, 22, 50]);
        assert!(date_problems("ngày 05 tháng 01 năm 2020; Ngày 29 tháng 6").is_empty());
        assert!(date_problems("ngày {{d}} tháng {{m}}").is_empty());
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
