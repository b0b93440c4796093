//! The numbering rules of Decree 30/2020/NĐ-CP (Điều 15–16, Phụ lục IV; VN-FORMAT §1.5,
//! §2.2), as pure functions the store applies inside its transaction:
//!
//! - numbers run per issuing agency (one register = one agency) and per calendar year of
//!   the document's date, from 01; below 10 with a leading zero ([`number_text`]);
//! - administrative documents share one series, unless the register was set up with
//!   separate series by tên loại ([`SeriesRule`]);
//! - a legal normative document (its ký hiệu starts with the year: `2025/TT-BCT`) runs in
//!   its own series per type, and that year must be the year of its date;
//! - the ký hiệu names the register's agency (`BC-CNĐP` in the register of CNĐP).
//!
//! Never reusing a number, never deleting one and refusing drafts are the store's part
//! (`mod.rs` and the schema's triggers).

use crate::i18n::Text;
use crate::tr;

/// How administrative documents are numbered (`register init --series`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeriesRule {
    /// One series for every administrative document (the decree's default).
    Shared,
    /// Every tên loại has its own series (`--series by-type`).
    EveryType,
    /// These tên loại (normalised, see [`type_key`]) have their own series; the others
    /// share one.
    Types(Vec<String>),
}

impl SeriesRule {
    /// The rule as stored in the register and shown by `register show`: `shared`,
    /// `by-type`, or the tên loại separated by `; `.
    pub fn to_setting(&self) -> String {
        match self {
            SeriesRule::Shared => "shared".into(),
            SeriesRule::EveryType => "by-type".into(),
            SeriesRule::Types(types) => types.join("; "),
        }
    }

    /// The rule from `--series` values (each may hold several tên loại separated by
    /// `;` or `,`) or from the stored setting.
    pub fn parse(values: &[String]) -> SeriesRule {
        let mut types: Vec<String> = Vec::new();
        for v in values {
            for part in v.split([';', ',']) {
                let part = part.trim();
                match part {
                    "" => {}
                    "shared" => {}
                    "by-type" => return SeriesRule::EveryType,
                    other => {
                        let k = type_key(other);
                        if !types.contains(&k) {
                            types.push(k);
                        }
                    }
                }
            }
        }
        if types.is_empty() {
            SeriesRule::Shared
        } else {
            SeriesRule::Types(types)
        }
    }
}

/// A tên loại as a comparison key: NFC, lower case, single spaces ("BÁO CÁO", "Báo  cáo"
/// → "báo cáo"). A công văn has no tên loại and is keyed "công văn".
pub fn type_key(doc_type: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let s: String = doc_type.nfc().collect::<String>().to_lowercase();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.is_empty() { "công văn".into() } else { s }
}

/// A tên loại as the register writes it: "BÁO CÁO" → "Báo cáo"; none → "Công văn".
pub fn type_label(doc_type: &str) -> String {
    let key = type_key(doc_type);
    let mut chars = key.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "5" → "05", "45" → "45" (Decree 30: numbers below 10 take a leading zero).
pub fn number_text(number: i64) -> String {
    format!("{number:02}")
}

/// For a legal normative document's ký hiệu (`2025/TT-BCT`): its year and type code
/// (`TT`). `None` for an administrative ký hiệu.
pub fn normative_parts(symbol: &str) -> Option<(i32, &str)> {
    let (year, rest) = symbol.split_once('/')?;
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) || rest.is_empty() {
        return None;
    }
    let code = rest.split('-').next().unwrap_or(rest);
    Some((year.parse().ok()?, code))
}

/// The series a document is numbered in, within its year: `""` for the shared
/// administrative series, `loai:<tên loại>` for a separate one, `qppl:<code>` for legal
/// normative documents of one type.
pub fn series_of(
    rule: &SeriesRule,
    doc_type: &str,
    symbol: &str,
    year: i32,
) -> Result<String, Text> {
    if let Some((symbol_year, code)) = normative_parts(symbol) {
        if symbol_year != year {
            return Err(tr!(
                "ký hiệu \"{symbol}\" ghi năm {symbol_year} nhưng văn bản đề ngày thuộc năm {year}; \
                 số của văn bản quy phạm pháp luật ghi năm ban hành",
                "the ký hiệu \"{symbol}\" says {symbol_year} but the document is dated in {year}; \
                 a legal normative document's number carries its year of issue"
            ));
        }
        return Ok(format!("qppl:{code}"));
    }
    let key = type_key(doc_type);
    Ok(match rule {
        SeriesRule::Shared => String::new(),
        SeriesRule::EveryType => format!("loai:{key}"),
        SeriesRule::Types(types) if types.contains(&key) => format!("loai:{key}"),
        SeriesRule::Types(_) => String::new(),
    })
}

/// The series in words, for messages and `register show`.
pub fn series_label(series: &str) -> Text {
    if series.is_empty() {
        tr!(
            "sổ chung của văn bản hành chính",
            "the shared series of administrative documents"
        )
    } else if let Some(code) = series.strip_prefix("qppl:") {
        tr!(
            "sổ riêng của văn bản quy phạm pháp luật {code}",
            "the series of legal normative documents {code}"
        )
    } else {
        let t = type_label(series.strip_prefix("loai:").unwrap_or(series));
        tr!(
            "sổ riêng của loại \"{t}\"",
            "the separate series of \"{t}\""
        )
    }
}

/// Checks a ký hiệu for the register of `agency`: not empty, no spaces, and one of its
/// groups (between `/` and `-`) is the agency's abbreviation (`BC-CNĐP`, `CNĐP-KC`,
/// `2025/TT-BCT`). NFC before comparing.
pub fn check_symbol(symbol: &str, agency: &str) -> Result<(), Text> {
    use unicode_normalization::UnicodeNormalization;
    if symbol.trim().is_empty() {
        return Err(tr!(
            "thiếu ký hiệu văn bản (ví dụ \"BC-{agency}\")",
            "the ký hiệu is missing (e.g. \"BC-{agency}\")"
        ));
    }
    if symbol.chars().any(char::is_whitespace) {
        return Err(tr!(
            "ký hiệu \"{symbol}\" có khoảng trắng; giữa các nhóm chữ dùng dấu \"-\", không cách",
            "the ký hiệu \"{symbol}\" has spaces; its groups are joined by \"-\" with no spaces"
        ));
    }
    let symbol_nfc: String = symbol.nfc().collect();
    let agency_nfc: String = agency.nfc().collect();
    if !symbol_nfc.split(['/', '-']).any(|g| g == agency_nfc) {
        return Err(tr!(
            "ký hiệu \"{symbol}\" không ghi cơ quan {agency} của sổ này (ví dụ \"BC-{agency}\"); \
             mỗi cơ quan ban hành có sổ đăng ký riêng",
            "the ký hiệu \"{symbol}\" does not name {agency}, the agency of this register \
             (e.g. \"BC-{agency}\"); each issuing agency keeps its own register"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_zero_below_ten() {
        assert_eq!(number_text(1), "01");
        assert_eq!(number_text(9), "09");
        assert_eq!(number_text(10), "10");
        assert_eq!(number_text(145), "145");
    }

    #[test]
    fn series_by_rule() {
        let shared = SeriesRule::Shared;
        assert_eq!(series_of(&shared, "BÁO CÁO", "BC-CNĐP", 2025).unwrap(), "");
        assert_eq!(series_of(&shared, "", "CNĐP-KC", 2025).unwrap(), "");
        let every = SeriesRule::EveryType;
        assert_eq!(
            series_of(&every, "BÁO CÁO", "BC-CNĐP", 2025).unwrap(),
            "loai:báo cáo"
        );
        let some = SeriesRule::parse(&["Quyết định; Biên bản".into()]);
        assert_eq!(
            some,
            SeriesRule::Types(vec!["quyết định".into(), "biên bản".into()])
        );
        assert_eq!(
            series_of(&some, "QUYẾT ĐỊNH", "QĐ-CNĐP", 2025).unwrap(),
            "loai:quyết định"
        );
        assert_eq!(series_of(&some, "BÁO CÁO", "BC-CNĐP", 2025).unwrap(), "");
        assert_eq!(
            SeriesRule::parse(&["by-type".into()]),
            SeriesRule::EveryType
        );
        assert_eq!(SeriesRule::parse(&[]), SeriesRule::Shared);
    }

    #[test]
    fn normative_documents_have_their_own_series_and_the_year() {
        let s = SeriesRule::Shared;
        assert_eq!(
            series_of(&s, "THÔNG TƯ", "2025/TT-BCT", 2025).unwrap(),
            "qppl:TT"
        );
        let e = series_of(&s, "THÔNG TƯ", "2025/TT-BCT", 2026).unwrap_err();
        assert!(e.vi.contains("năm 2026"), "{}", e.vi);
        assert!(e.en.contains("2026"), "{}", e.en);
    }

    #[test]
    fn symbol_names_the_agency() {
        assert!(check_symbol("BC-CNĐP", "CNĐP").is_ok());
        assert!(check_symbol("CNĐP-KC", "CNĐP").is_ok());
        assert!(check_symbol("2025/TT-BCT", "BCT").is_ok());
        let e = check_symbol("BC-BNV", "CNĐP").unwrap_err();
        assert!(e.vi.contains("không ghi cơ quan CNĐP"), "{}", e.vi);
        assert!(check_symbol("BC - CNĐP", "CNĐP").is_err());
        assert!(check_symbol("", "CNĐP").is_err());
    }

    #[test]
    fn type_labels() {
        assert_eq!(type_label("BÁO CÁO"), "Báo cáo");
        assert_eq!(type_label(""), "Công văn");
        assert_eq!(type_key("Quyết  định"), "quyết định");
    }
}
