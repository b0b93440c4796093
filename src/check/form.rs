//! check's own lints on the form of Decree 30, beyond the rules the renderer applies
//! (those are run by [`super::Checker::form_rules`] on the renderer's path): leading zeros
//! in written dates, the Nơi nhận lines, and the capitals notes.
//!
//! The rules are in ../shared/VN-FORMAT.md (§4.3 dates, the Nơi nhận row of the element
//! table, Appendix I part II for capitals). `Checker::check_form` applies them to the
//! manifest's values filled with the workbook's data.

use serde_json::Value as Json;

use super::{ManifestString, Severity};
use crate::i18n::Text;
use crate::template::helpers::{self, Escape, Mode};
use crate::template::{BODY_FILE, MANIFEST_FILE, Template};
use crate::tr;
use crate::vi;

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

impl super::Checker {
    /// The ký hiệu, written dates and the Nơi nhận closing line.
    pub(super) fn check_form(
        &mut self,
        template: &Template,
        strings: &[ManifestString],
        ctx: Option<&Json>,
    ) {
        let manifest_file = template.file(MANIFEST_FILE);
        let text = template.manifest_text.clone();
        let value = |s: &ManifestString| -> Option<String> {
            if !s.text.contains("{{") {
                return Some(s.text.clone());
            }
            let ctx = ctx?;
            helpers::registry(Escape::None, Mode::Lenient, None)
                .render_template(&s.text, ctx)
                .ok()
        };
        let mut sources = vec![
            (template.file(BODY_FILE), template.body.clone()),
            (manifest_file.clone(), text.clone()),
        ];
        for (name, body) in &template.appendix_bodies {
            sources.push((template.file(name), body.clone()));
        }
        for (file, source) in sources {
            for p in date_problems(&source) {
                self.push(
                    file.clone(),
                    p.line,
                    p.column,
                    // The decree's rule is formally the issue date's (vanban writes that
                    // one itself); in body text it is practice [P] (VN-FORMAT §4.3): a
                    // lint, which render does not refuse.
                    Severity::Warning,
                    "date-zero",
                    p.message,
                    Some(tr!(
                        "Nghị định 30 (Phụ lục I, II.4.b): ngày dưới 10 và tháng 1, 2 ghi thêm số 0 \
                         để không ai thêm được chữ số",
                        "Decree 30 (Appendix I, II.4.b): days below 10 and months 1 and 2 take a 0 \
                         so that no digit can be added"
                    )),
                    Some(&source),
                );
            }
        }
        // Where the decree wants capitals, the reader prints them: say so for a value in
        // ordinary case, so the author is not surprised by the file.
        for field in ["header.parent_agency", "header.agency", "header.doc_type"] {
            if let Some(s) = strings.iter().find(|s| s.name == field)
                && let Some(v) = value(s)
                && vi::upper(v.trim()) != v.trim()
            {
                let loc = template.manifest_location(field);
                let printed = vi::upper(v.trim());
                self.push(
                    manifest_file.clone(),
                    loc.line,
                    loc.column,
                    Severity::Note,
                    "capitals",
                    {
                        let value = v.trim();
                        tr!(
                            "{field} \"{value}\" sẽ được in hoa: \"{printed}\"",
                            "{field} \"{value}\" will be printed in capitals: \"{printed}\""
                        )
                    },
                    Some(tr!(
                        "Nghị định 30 (Phụ lục I, mục II) in hoa tên cơ quan chủ quản, cơ quan ban \
                         hành và tên loại văn bản; có thể nhập chữ thường, vanban tự in hoa",
                        "Decree 30 (Appendix I, part II) prints the parent agency, the issuing \
                         agency and the document type in capitals; ordinary case is accepted and \
                         printed in capitals"
                    )),
                    Some(&text),
                );
            }
        }
        let recipients: Vec<&ManifestString> = strings
            .iter()
            .filter(|s| s.name.starts_with("recipients["))
            .collect();
        for r in &recipients {
            if let Some(v) = value(r)
                && two_recipients(&v)
            {
                let loc = template.manifest_location(&r.name);
                let line = v.trim().to_string();
                self.push(
                    manifest_file.clone(),
                    loc.line,
                    loc.column + 1,
                    Severity::Warning,
                    "noi-nhan-line",
                    tr!(
                        "dòng Nơi nhận \"{line}\" có dấu \";\" ở giữa: mỗi nơi nhận một dòng",
                        "the Nơi nhận line \"{line}\" has a \";\" inside: one recipient per line"
                    ),
                    Some(tr!(
                        "tách thành hai dòng trong [distribution] recipients; vanban tự thêm \";\" cuối mỗi dòng",
                        "split it into two entries of [distribution] recipients; vanban adds the \";\" at each line's end"
                    )),
                    Some(&text),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        let p = date_problems("Hà Nội, ngày 5 tháng 1 năm 2025 và ngày 29 tháng 06 năm 2019");
        let cols: Vec<_> = p.iter().map(|p| p.column).collect();
        assert_eq!(cols, vec![14, 22, 50]);
        assert!(date_problems("ngày 05 tháng 01 năm 2020; Ngày 29 tháng 6").is_empty());
        assert!(date_problems("ngày {{d}} tháng {{m}}").is_empty());
    }
}
