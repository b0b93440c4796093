//! The printed words of the form that follow a rule rather than a template: the "Số:"
//! line, the punctuation of the Kính gửi and Nơi nhận lists, and the kind of title. The
//! reader applies them once (`template::render`) and the model carries the result, so
//! the PDF and the DOCX print the same characters.

use crate::document::HeaderKind;

/// The room kept for a number the văn thư writes in by hand at registration: no-break
/// spaces, so that neither writer collapses them.
const BLANK_NUMBER: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// "Số: 45/BC-CNĐP"; before registration "Số:" with room for the number and
/// "/BC-CNĐP" (VN-FORMAT §1.5: the number is never invented); without a ký hiệu just
/// "Số: 45" — the "/" separates the number from a ký hiệu, and there is none.
pub fn number_line(number: Option<&str>, symbol: &str) -> String {
    let symbol = symbol.trim();
    let number = number.map(str::trim).filter(|n| !n.is_empty());
    match (number, symbol.is_empty()) {
        (Some(n), false) => format!("Số: {n}/{symbol}"),
        (Some(n), true) => format!("Số: {n}"),
        (None, false) => format!("Số:{BLANK_NUMBER}/{symbol}"),
        (None, true) => format!("Số:{BLANK_NUMBER}"),
    }
}

/// A document with a tên loại has the centred title (ô 5a); without one, a trích yếu is
/// a công văn's "V/v" line (ô 5b).
pub fn header_kind(doc_type: &str, summary: &str) -> HeaderKind {
    match (doc_type.trim().is_empty(), summary.trim().is_empty()) {
        (false, _) => HeaderKind::Titled,
        (true, false) => HeaderKind::CongVan,
        (true, true) => HeaderKind::Plain,
    }
}

/// Text without the `;` or `.` a template may have typed at its end.
fn unpunctuated(text: &str) -> &str {
    text.trim().trim_end_matches([';', '.']).trim_end()
}

/// "- A;" … "- Z.": a dash before each entry, `;` after each and `.` after the last
/// (Decree 30 ô 9b). Empty entries are dropped.
fn dashed(items: &[String]) -> Vec<String> {
    let items: Vec<&str> = items
        .iter()
        .map(|i| unpunctuated(i))
        .filter(|i| !i.is_empty())
        .collect();
    let n = items.len();
    items
        .iter()
        .enumerate()
        .map(|(i, item)| format!("- {item}{}", if i + 1 == n { '.' } else { ';' }))
        .collect()
}

/// The entry a printed list line holds: "- Như trên;" → "Như trên" (for readers of the
/// model that keep the entries, such as the register).
pub fn list_entry(line: &str) -> &str {
    let line = line.trim();
    unpunctuated(line.strip_prefix("- ").unwrap_or(line))
}

/// The Nơi nhận lines as printed.
pub fn recipient_lines(items: &[String]) -> Vec<String> {
    dashed(items)
}

/// The Kính gửi entries as printed after the label: one addressee on the label's line
/// ends with "."; several are dashed lines (Decree 30 ô 9a).
pub fn addressee_lines(items: &[String]) -> Vec<String> {
    let kept: Vec<&str> = items
        .iter()
        .map(|i| unpunctuated(i))
        .filter(|i| !i.is_empty())
        .collect();
    match kept.as_slice() {
        [one] => vec![format!("{one}.")],
        _ => dashed(items),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_line_forms() {
        assert_eq!(number_line(Some("45"), "BC-CNĐP"), "Số: 45/BC-CNĐP");
        assert_eq!(number_line(Some("45"), ""), "Số: 45");
        assert_eq!(
            number_line(None, "BC-CNĐP"),
            format!("Số:{BLANK_NUMBER}/BC-CNĐP")
        );
        assert_eq!(
            number_line(Some(" "), "BC"),
            format!("Số:{BLANK_NUMBER}/BC")
        );
        assert_eq!(number_line(None, ""), format!("Số:{BLANK_NUMBER}"));
    }

    #[test]
    fn lists_are_punctuated_once() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            recipient_lines(&v(&["Như trên;", " ", "Lưu: VT, CNĐP."])),
            ["- Như trên;", "- Lưu: VT, CNĐP."]
        );
        assert_eq!(
            addressee_lines(&v(&["Bộ Công Thương;"])),
            ["Bộ Công Thương."]
        );
        assert_eq!(addressee_lines(&v(&["A", "B."])), ["- A;", "- B."]);
        assert!(addressee_lines(&v(&[])).is_empty());
        assert_eq!(list_entry("- Lưu: VT, CNĐP."), "Lưu: VT, CNĐP");
        assert_eq!(list_entry("Bộ Công Thương."), "Bộ Công Thương");
    }

    #[test]
    fn kinds() {
        assert_eq!(header_kind("BÁO CÁO", ""), HeaderKind::Titled);
        assert_eq!(header_kind("", "V/v x"), HeaderKind::CongVan);
        assert_eq!(header_kind(" ", ""), HeaderKind::Plain);
    }
}
