//! Vietnamese language toolkit for vanban.
//!
//! Everything a template needs to write Vietnamese the way an official document does
//! (VN-FORMAT.md §4): numbers with `.` thousands and `,` decimals ([`number`]), amounts in
//! words ([`mod@words`]), dates and report periods ([`date`]), case mapping, slugs and tone
//! placement ([`text`]), alphabetical order ([`collate`]), repair of text typed in the old
//! TCVN3/VNI fonts ([`legacy`]) and the Handlebars helpers that expose all of it ([`helpers`]).
//!
//! The functions are pure: no clock, no locale, no I/O. Errors are values ([`ViError`]) that
//! carry the offending input so that a clerk reading the message knows what to fix.

pub mod collate;
pub mod date;
pub mod helpers;
pub mod legacy;
pub mod number;
pub mod text;
pub mod words;

pub use collate::{compare_vi, sort_key};
pub use date::{
    PeriodKind, PeriodOptions, format_date, format_time, parse_date, parse_time, period,
    period_with, place_date,
};
pub use helpers::{eval, register};
pub use legacy::{
    Legacy, RepairMode, detect_legacy, has_unicode_vietnamese, repair, tcvn3_to_unicode,
    vni_to_unicode,
};
pub use number::{
    ChangeOptions, Decimal, change, format_int, format_number, format_percent, parse_vi_number,
    pct_of, point_label, roman,
};
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
        range: &'static str,
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
        what: &'static str,
        /// The offending value.
        value: String,
        /// The accepted values.
        expected: &'static str,
    },
}

/// Interim: the English text in both languages, until this error's messages are translated.
impl crate::i18n::Bilingual for ViError {
    fn text(&self) -> crate::i18n::Text {
        crate::i18n::Text::same(self.to_string())
    }
}
