//! Vietnamese language toolkit for vanban.
//!
//! Everything a template needs to write Vietnamese the way an official document does
//! (VN-FORMAT.md §4): numbers with `.` thousands and `,` decimals ([`number`]), amounts in
//! words ([`mod@words`]), dates and report periods ([`date`]), case mapping, slugs and tone
//! placement ([`text`]), alphabetical order ([`collate`]), repair of text typed in the old
//! TCVN3/VNI fonts ([`legacy`]) and the provinces before and after the 2025 merger (§5,
//! [`province`]). Templates reach all of it through the Handlebars helpers in
//! `template::helpers`.
//!
//! The functions are pure: no clock, no locale, no I/O. Errors are values ([`ViError`]) that
//! carry the offending input so that a clerk reading the message knows what to fix.

pub mod collate;
pub mod date;
pub mod legacy;
pub mod number;
pub mod province;
pub mod text;
pub mod words;

use crate::i18n::Text;

pub use collate::{compare_vi, sort_key};
pub use date::{
    PeriodKind, PeriodOptions, format_date, format_time, parse_date, parse_time, period,
    period_with, place_date,
};
pub use legacy::{
    Legacy, RepairMode, detect_legacy, has_unicode_vietnamese, repair, tcvn3_to_unicode,
    vni_to_unicode,
};
pub use number::{
    ChangeOptions, Decimal, NumberStyle, TypedNumber, change, format_int, format_number,
    format_percent, parse_vi_number, pct_of, point_label, roman, typed_number,
};
pub use province::{MERGER_DATE, components, unit_after_merger};
pub use text::{canonical_tone, lower, match_key, nfc, slug, upper};
pub use words::{
    Billion, Four, Linh, MoneyOptions, Thousand, WordsOptions, money_words, words, words_decimal,
    words_with,
};

/// Every error of the toolkit. Messages quote the offending value with `{:?}` so that empty
/// strings, stray spaces and look-alike characters are visible.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ViError {
    /// A value that should be a number is text.
    #[error("{0:?} is not a number")]
    NotANumber(String),
    /// A value is missing, null or an empty string.
    #[error("the value is empty")]
    Empty,
    /// A number is outside the range a function supports.
    #[error("{value} is out of range ({range})")]
    OutOfRange {
        /// The offending value, as text.
        value: String,
        /// The supported range, in words.
        range: Text,
    },
    /// A number that must be whole has a fractional part.
    #[error("{0} is not a whole number")]
    NotWhole(String),
    /// A string is not a date in one of the accepted forms.
    #[error("{0:?} is not a date (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or dd/mm/yyyy)")]
    BadDate(String),
    /// A string is not a time in one of the accepted forms.
    #[error("{0:?} is not a time (expected HH:MM, HH:MM:SS or YYYY-MM-DDTHH:MM:SS)")]
    BadTime(String),
    /// An option or period kind that the toolkit does not know.
    #[error("{value:?} is not a valid {what} (expected {expected})")]
    BadOption {
        /// What was being chosen, e.g. "period kind".
        what: Text,
        /// The offending value.
        value: String,
        /// The accepted values.
        expected: Text,
    },
}

impl crate::i18n::Bilingual for ViError {
    fn text(&self) -> crate::i18n::Text {
        use crate::tr;
        match self {
            ViError::NotANumber(s) => tr!("{s:?} không phải là số", "{s:?} is not a number"),
            ViError::Empty => tr!("giá trị để trống", "the value is empty"),
            ViError::OutOfRange { value, range } => tr!(
                "{value} nằm ngoài phạm vi cho phép ({range})",
                "{value} is out of range ({range})";
                range = range
            ),
            ViError::NotWhole(s) => tr!("{s} không phải là số nguyên", "{s} is not a whole number"),
            ViError::BadDate(s) => tr!(
                "{s:?} không phải là ngày tháng (cần dạng YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS hoặc dd/mm/yyyy)",
                "{s:?} is not a date (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or dd/mm/yyyy)"
            ),
            ViError::BadTime(s) => tr!(
                "{s:?} không phải là giờ (cần dạng HH:MM, HH:MM:SS hoặc YYYY-MM-DDTHH:MM:SS)",
                "{s:?} is not a time (expected HH:MM, HH:MM:SS or YYYY-MM-DDTHH:MM:SS)"
            ),
            ViError::BadOption {
                what,
                value,
                expected,
            } => tr!(
                "{value:?} không phải là {what} hợp lệ (cần: {expected})",
                "{value:?} is not a valid {what} (expected {expected})";
                what = what,
                expected = expected
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Bilingual, Lang};

    #[test]
    fn errors_read_in_vietnamese_and_english() {
        let e = number::Decimal::parse("abc").unwrap_err();
        assert_eq!(e.message(Lang::Vi), "\"abc\" không phải là số");
        assert_eq!(e.message(Lang::En), e.to_string());

        let e = roman(0).unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            "0 nằm ngoài phạm vi cho phép (từ 1 đến 3999)"
        );
        assert_eq!(e.message(Lang::En), "0 is out of range (1 to 3999)");

        let e = point_label(24).unwrap_err();
        assert!(e.message(Lang::Vi).contains("từ 1 đến 23 (a … y)"), "{e}");

        let e = words(10i128.pow(19)).unwrap_err();
        assert!(e.message(Lang::Vi).contains("từ -10^18 đến 10^18"), "{e}");

        let e = parse_date("2025/06/01").unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            "\"2025/06/01\" không phải là ngày tháng (cần dạng YYYY-MM-DD, \
             YYYY-MM-DDTHH:MM:SS hoặc dd/mm/yyyy)"
        );
        let e = parse_time("8h30").unwrap_err();
        assert!(
            e.message(Lang::Vi)
                .starts_with("\"8h30\" không phải là giờ"),
            "{e}"
        );

        let e = "tuan".parse::<PeriodKind>().unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            "\"tuan\" không phải là loại kỳ báo cáo hợp lệ (cần: thang, quy, 6thang, \
             6thang_cuoi, 9thang, luyke hoặc nam)"
        );
        assert_eq!(
            e.to_string(),
            "\"tuan\" is not a valid period kind (expected thang, quy, 6thang, 6thang_cuoi, \
             9thang, luyke or nam)"
        );

        let e = period(PeriodKind::Quarter, 5, 2025).unwrap_err();
        assert!(e.message(Lang::Vi).contains("(quý từ 1 đến 4)"), "{e}");
        let e = period(PeriodKind::Month, 13, 2025).unwrap_err();
        assert!(e.message(Lang::Vi).contains("(tháng từ 1 đến 12)"), "{e}");

        for e in [
            ViError::Empty,
            ViError::NotWhole("1.5".into()),
            ViError::NotANumber("x".into()),
            number::Decimal::parse("1e999").unwrap_err(),
        ] {
            assert_ne!(e.message(Lang::Vi), e.message(Lang::En), "{e}");
            assert_eq!(e.message(Lang::En), e.to_string());
        }
        assert_eq!(ViError::Empty.message(Lang::Vi), "giá trị để trống");
        assert_eq!(
            ViError::NotWhole("1.5".into()).message(Lang::Vi),
            "1.5 không phải là số nguyên"
        );
    }
}
