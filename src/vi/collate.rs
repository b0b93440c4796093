//! Vietnamese alphabetical order (VN-FORMAT.md §4.4), by ICU4X's `icu_collator` with the
//! CLDR `vi` tailoring and compiled data.
//!
//! The tailoring gives: a < ă < â, d < đ, e < ê, o < ô < ơ, u < ư as different letters
//! (primary); tones as a secondary difference, compared only when the base letters of the
//! whole strings are equal, in the order none < huyền < hỏi < ngã < sắc < nặng; case last
//! (tertiary, lower before upper). Code-point order would put "Đ" after "Z"; ICU does not.
//! The `traditional` tailoring (ch, gh, … as single letters) is not used.
//!
//! ICU normalises its input itself, so NFC and NFD spellings compare equal.

use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{CollatorBorrowed, CollatorPreferences};
use icu_locale_core::locale;

/// The one `vi` collator, built on first use from the data compiled into the binary.
fn collator() -> Option<&'static CollatorBorrowed<'static>> {
    static C: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    C.get_or_init(|| {
        let prefs = CollatorPreferences::from(&locale!("vi"));
        CollatorBorrowed::try_new(prefs, CollatorOptions::default()).ok()
    })
    .as_ref()
}

/// Compares two strings in Vietnamese order. Strings ICU considers equal (e.g. NFC vs NFD of
/// the same text) are `Equal`. Should the compiled data ever fail to load, this falls back to
/// code-point order of the NFC forms rather than panicking.
pub fn compare_vi(a: &str, b: &str) -> Ordering {
    match collator() {
        Some(c) => c.compare(a, b),
        None => super::text::nfc(a).cmp(&super::text::nfc(b)),
    }
}

/// A byte key whose byte order is [`compare_vi`] order; compute once per row when sorting
/// large lists.
pub fn sort_key(s: &str) -> Vec<u8> {
    let mut key = Vec::new();
    match collator() {
        Some(c) => {
            // Writing into a Vec cannot fail.
            let _ = c.write_sort_key_to(s, &mut key);
        }
        None => key.extend_from_slice(super::text::nfc(s).as_bytes()),
    }
    key
}

/// Sorts in place by a string key in Vietnamese order; stable, so equal keys keep their
/// input order.
pub fn sort_by_vi<T>(items: &mut [T], key: impl Fn(&T) -> &str) {
    items.sort_by_cached_key(|t| sort_key(key(t)));
}

/// Key parts of a full name in the order Vietnamese name lists sort by: given name (tên)
/// first, then middle names (họ đệm), then family name (họ). "Nguyễn Văn An" → ("An",
/// "Văn", "Nguyễn"). A one-word name is all tên.
pub fn name_parts(full: &str) -> (String, String, String) {
    let words: Vec<&str> = full.split_whitespace().collect();
    match words.as_slice() {
        [] => Default::default(),
        [only] => (only.to_string(), String::new(), String::new()),
        [ho, mid @ .., ten] => (ten.to_string(), mid.join(" "), ho.to_string()),
    }
}

/// Compares full names by tên, then họ đệm, then họ, each in Vietnamese order.
pub fn compare_names_vi(a: &str, b: &str) -> Ordering {
    let (x, y) = (name_parts(a), name_parts(b));
    compare_vi(&x.0, &y.0)
        .then_with(|| compare_vi(&x.1, &y.1))
        .then_with(|| compare_vi(&x.2, &y.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn province_order() {
        let mut v = vec![
            "Đà Nẵng",
            "Điện Biên",
            "Cà Mau",
            "An Giang",
            "Ăn",
            "Ân",
            "Bắc Ninh",
            "Hà Nội",
            "Hà Tĩnh",
            "Huế",
            "Hưng Yên",
            "Hải Phòng",
        ];
        v.sort_by(|a, b| compare_vi(a, b));
        assert_eq!(
            v,
            [
                "An Giang",
                "Ăn",
                "Ân",
                "Bắc Ninh",
                "Cà Mau",
                "Đà Nẵng",
                "Điện Biên",
                "Hà Nội",
                "Hà Tĩnh",
                "Hải Phòng",
                "Huế",
                "Hưng Yên",
            ]
        );
        let mut w = v.clone();
        w.reverse();
        sort_by_vi(&mut w, |s| s);
        assert_eq!(w, v);
    }

    #[test]
    fn letters_and_tones() {
        let chain = |xs: &[&str]| {
            for p in xs.windows(2) {
                assert_eq!(
                    compare_vi(p[0], p[1]),
                    Ordering::Less,
                    "{} < {}",
                    p[0],
                    p[1]
                );
                assert!(sort_key(p[0]) < sort_key(p[1]), "key {} < {}", p[0], p[1]);
            }
        };
        chain(&["a", "ă", "â", "b"]);
        chain(&["d", "đ", "e", "ê", "g"]);
        chain(&["o", "ô", "ơ", "p"]);
        chain(&["u", "ư", "v"]);
        chain(&["Đ", "E"]);
        assert_eq!(compare_vi("Đà", "Zoo"), Ordering::Less);
        // tones: none < huyền < hỏi < ngã < sắc < nặng
        chain(&["ma", "mà", "mả", "mã", "má", "mạ"]);
        // base letters of the whole string before tones
        chain(&["má a", "ma b"]);
        chain(&["ma", "Ma"]);
        assert_eq!(compare_vi("ho\u{300}a", "hòa"), Ordering::Equal);
    }

    #[test]
    fn names() {
        let mut v = vec!["Trần Văn Bình", "Nguyễn Thị An", "Lê An", "Phạm Minh Đức"];
        v.sort_by(|a, b| compare_names_vi(a, b));
        assert_eq!(
            v,
            ["Lê An", "Nguyễn Thị An", "Trần Văn Bình", "Phạm Minh Đức"]
        );
        assert_eq!(
            name_parts("Nguyễn Văn An"),
            ("An".into(), "Văn".into(), "Nguyễn".into())
        );
    }
}
