//! Cell values as templates see them, and the conversion from calamine's cell data.
//!
//! The point of this file is that types survive the trip from Excel: an integer stays an integer
//! (xlsx stores every number as a float), a date stays a date, and an error cell stays an error
//! instead of turning into the text "#DIV/0!".

use std::fmt;

use calamine::{Data, ExcelDateTime};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use serde::{Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use crate::i18n::Text;

/// The error codes a spreadsheet shows in a cell. ODS files deliver them as plain text, so text
/// exactly equal to one of these is treated as an error cell in every format.
pub const ERROR_CODES: [&str; 7] = [
    "#DIV/0!", "#REF!", "#N/A", "#VALUE!", "#NAME?", "#NUM!", "#NULL!",
];

/// Largest integer an f64 holds exactly (2^53); beyond it a "whole" float is not a safe integer.
const MAX_SAFE_INT: f64 = 9_007_199_254_740_992.0;

/// One cell value.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    /// Empty cell (also text that is only whitespace).
    #[default]
    Empty,
    Bool(bool),
    /// Whole numbers, including xlsx floats with no fraction and |x| < 2^53.
    Int(i64),
    Float(f64),
    /// Text, NFC-normalised and trimmed.
    Text(String),
    /// A date cell whose time part is 00:00:00.
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    /// A time of day or a duration, as `HH:MM:SS` (hours may exceed 23 for durations).
    Time(String),
    /// An error cell, with its code such as `#DIV/0!`.
    Error(String),
}

impl Value {
    /// JSON for templates. Dates are ISO (`YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`) so templates can
    /// format them; errors become `null` because the caller reports them through
    /// [`super::Dataset::error_cells`] before rendering.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match self {
            Value::Empty | Value::Error(_) => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::Text(s) | Value::Time(s) => J::String(s.clone()),
            Value::Date(d) => J::String(d.format("%Y-%m-%d").to_string()),
            Value::DateTime(dt) => J::String(dt.format("%Y-%m-%dT%H:%M:%S").to_string()),
        }
    }

    /// The value's type, as `vanban fields` lists it.
    pub fn type_name(&self) -> ValueType {
        match self {
            Value::Empty => ValueType::Empty,
            Value::Bool(_) => ValueType::Bool,
            Value::Int(_) => ValueType::Integer,
            Value::Float(_) => ValueType::Number,
            Value::Text(_) => ValueType::Text,
            Value::Date(_) => ValueType::Date,
            Value::DateTime(_) => ValueType::DateTime,
            Value::Time(_) => ValueType::Time,
            Value::Error(_) => ValueType::Error,
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Value::Empty)
    }

    /// The type name in both languages, for a clerk reading `vanban fields` in Vietnamese.
    pub fn type_text(&self) -> Text {
        self.type_name().text()
    }

    pub fn is_error(&self) -> bool {
        matches!(self, Value::Error(_))
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// Display text for people (`vanban fields`, error messages): dates as dd/mm/yyyy, the way a
/// Vietnamese clerk reads them; numbers in Rust's shortest form.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Empty => Ok(()),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Int(i) => write!(f, "{i}"),
            Value::Float(x) => write!(f, "{x}"),
            Value::Text(s) | Value::Time(s) | Value::Error(s) => f.write_str(s),
            Value::Date(d) => write!(f, "{}", d.format("%d/%m/%Y")),
            Value::DateTime(dt) => write!(f, "{}", dt.format("%d/%m/%Y %H:%M:%S")),
        }
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// Converts one calamine cell.
pub(crate) fn from_data(data: &Data) -> Value {
    match data {
        Data::Empty => Value::Empty,
        Data::Int(i) => Value::Int(*i),
        Data::Float(x) => number(*x),
        Data::String(s) => text(s),
        Data::Bool(b) => Value::Bool(*b),
        Data::DateTime(dt) => excel_datetime(dt),
        Data::DateTimeIso(s) => iso_datetime(s),
        Data::DurationIso(s) => iso_duration(s).unwrap_or_else(|| text(s)),
        Data::Error(e) => Value::Error(e.to_string()),
    }
}

/// A float with no fraction and |x| < 2^53 becomes an integer (xlsx has no integer type).
pub(crate) fn number(x: f64) -> Value {
    if x.is_finite() && x.fract() == 0.0 && x.abs() < MAX_SAFE_INT {
        // In range and whole, so the cast is exact.
        Value::Int(x as i64)
    } else {
        Value::Float(x)
    }
}

fn text(s: &str) -> Value {
    let s: String = s.nfc().collect();
    let s = s.trim();
    if s.is_empty() {
        Value::Empty
    } else if ERROR_CODES.contains(&s) {
        Value::Error(s.to_string())
    } else {
        Value::Text(s.to_string())
    }
}

/// Excel serial dates. A serial below 1 with a date/time format is a time of day (Excel has no
/// separate time type); a date-time at midnight is a plain date.
fn excel_datetime(dt: &ExcelDateTime) -> Value {
    if dt.is_duration() {
        return match dt.as_duration() {
            Some(d) => Value::Time(hms(d.num_milliseconds())),
            None => number(dt.as_f64()),
        };
    }
    let serial = dt.as_f64();
    if (0.0..1.0).contains(&serial) {
        return Value::Time(hms((serial * 86_400_000.0).round() as i64));
    }
    match dt.as_datetime() {
        Some(ndt) => date_or_datetime(round_to_second(ndt)),
        None => number(serial),
    }
}

/// ODS `office:date-value`: `2025-06-01` or `2025-06-01T13:45:00[.fff]`.
fn iso_datetime(s: &str) -> Value {
    if let Ok(ndt) = NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S%.f") {
        return date_or_datetime(round_to_second(ndt));
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Value::Date(d);
    }
    text(s)
}

/// ODS `office:time-value`: ISO 8601 durations such as `PT13H45M00S` or `PT36H00M00.5S`.
fn iso_duration(s: &str) -> Option<Value> {
    let (negative, rest) = match s.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, s),
    };
    let rest = rest.strip_prefix('P')?;
    let mut millis: f64 = 0.0;
    let mut number = String::new();
    let mut in_time = false;
    for ch in rest.chars() {
        match ch {
            '0'..='9' | '.' | ',' => number.push(if ch == ',' { '.' } else { ch }),
            'T' if number.is_empty() => in_time = true,
            unit => {
                let n: f64 = number.parse().ok()?;
                number.clear();
                let factor = match (unit, in_time) {
                    ('D', false) => 86_400_000.0,
                    ('H', true) => 3_600_000.0,
                    ('M', true) => 60_000.0,
                    ('S', true) => 1000.0,
                    _ => return None,
                };
                millis += n * factor;
            }
        }
    }
    if !number.is_empty() {
        return None;
    }
    let ms = millis.round() as i64;
    Some(Value::Time(hms(if negative { -ms } else { ms })))
}

fn date_or_datetime(ndt: NaiveDateTime) -> Value {
    if ndt.time() == NaiveTime::MIN {
        Value::Date(ndt.date())
    } else {
        Value::DateTime(ndt)
    }
}

/// Excel stores times as fractions of a day, so 13:45:00 may arrive as 13:44:59.999.
fn round_to_second(ndt: NaiveDateTime) -> NaiveDateTime {
    let nanos = ndt.nanosecond();
    let base = ndt.with_nanosecond(0).unwrap_or(ndt);
    if nanos >= 500_000_000 {
        base.checked_add_signed(chrono::TimeDelta::seconds(1))
            .unwrap_or(base)
    } else {
        base
    }
}

/// `HH:MM:SS` from milliseconds, rounded to the second; hours are not wrapped at 24.
fn hms(millis: i64) -> String {
    let sign = if millis < 0 { "-" } else { "" };
    let total = (millis.unsigned_abs() + 500) / 1000;
    let (h, m, s) = (total / 3600, (total / 60) % 60, total % 60);
    format!("{sign}{h:02}:{m:02}:{s:02}")
}

/// The type of a value, or of a column ([`ValueType::Mixed`] for several types), as
/// `vanban fields` lists it; serialised as its English name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueType {
    Empty,
    Bool,
    Integer,
    Number,
    Text,
    Date,
    DateTime,
    Time,
    Error,
    Mixed,
}

impl ValueType {
    /// Every type, for tests.
    pub const ALL: [ValueType; 10] = [
        ValueType::Empty,
        ValueType::Bool,
        ValueType::Integer,
        ValueType::Number,
        ValueType::Text,
        ValueType::Date,
        ValueType::DateTime,
        ValueType::Time,
        ValueType::Error,
        ValueType::Mixed,
    ];

    /// The type's name in both languages.
    pub fn text(self) -> Text {
        match self {
            ValueType::Empty => crate::tr!("trống", "empty"),
            ValueType::Bool => crate::tr!("đúng/sai", "bool"),
            ValueType::Integer => crate::tr!("số nguyên", "integer"),
            ValueType::Number => crate::tr!("số", "number"),
            ValueType::Text => crate::tr!("chữ", "text"),
            ValueType::Date => crate::tr!("ngày tháng", "date"),
            ValueType::DateTime => crate::tr!("ngày giờ", "datetime"),
            ValueType::Time => crate::tr!("giờ", "time"),
            ValueType::Error => crate::tr!("lỗi", "error"),
            ValueType::Mixed => crate::tr!("nhiều kiểu", "mixed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_names_in_both_languages() {
        assert_eq!(Value::Int(3).type_text(), Text::new("số nguyên", "integer"));
        assert_eq!(ValueType::Date.text().vi, "ngày tháng");
        assert_eq!(ValueType::Mixed.text(), Text::new("nhiều kiểu", "mixed"));
        for t in ValueType::ALL {
            let text = t.text();
            assert!(!text.vi.is_empty() && !text.en.is_empty());
            assert_ne!(text.vi, text.en, "{t:?}");
            // Serialised (e.g. in JSON for tools) as its English name.
            assert_eq!(serde_json::to_value(t).unwrap(), text.en.as_str());
        }
    }

    #[test]
    fn floats_that_are_whole_become_ints() {
        assert_eq!(from_data(&Data::Float(42.0)), Value::Int(42));
        assert_eq!(from_data(&Data::Float(-3.0)), Value::Int(-3));
        assert_eq!(from_data(&Data::Float(9.2)), Value::Float(9.2));
        assert_eq!(from_data(&Data::Float(1e300)), Value::Float(1e300));
        assert!(matches!(from_data(&Data::Float(f64::NAN)), Value::Float(_)));
    }

    #[test]
    fn text_is_nfc_trimmed_and_errors_are_recognised() {
        assert_eq!(
            from_data(&Data::String("  Ha\u{300} Nội \n".into())),
            Value::Text("Hà Nội".into())
        );
        assert_eq!(from_data(&Data::String("   ".into())), Value::Empty);
        assert_eq!(
            from_data(&Data::String("#DIV/0!".into())),
            Value::Error("#DIV/0!".into())
        );
        assert_eq!(
            from_data(&Data::Error(calamine::CellErrorType::NA)),
            Value::Error("#N/A".into())
        );
    }

    #[test]
    fn iso_values() {
        let d = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        assert_eq!(iso_datetime("2025-06-01"), Value::Date(d));
        assert_eq!(iso_datetime("2025-06-01T00:00:00"), Value::Date(d));
        assert_eq!(
            iso_datetime("2025-06-01T13:45:00"),
            Value::DateTime(d.and_hms_opt(13, 45, 0).unwrap())
        );
        assert_eq!(
            iso_duration("PT13H45M00S"),
            Some(Value::Time("13:45:00".into()))
        );
        assert_eq!(
            iso_duration("PT36H00M00.6S"),
            Some(Value::Time("36:00:01".into()))
        );
        assert_eq!(iso_duration("P1DT1H"), Some(Value::Time("25:00:00".into())));
        assert_eq!(iso_duration("-PT1H"), Some(Value::Time("-01:00:00".into())));
        assert_eq!(iso_duration("garbage"), None);
        assert_eq!(iso_duration("PT1X"), None);
    }

    #[test]
    fn json_forms() {
        let d = NaiveDate::from_ymd_opt(2025, 11, 5).unwrap();
        assert_eq!(Value::Date(d).to_json(), serde_json::json!("2025-11-05"));
        assert_eq!(
            Value::DateTime(d.and_hms_opt(8, 30, 0).unwrap()).to_json(),
            serde_json::json!("2025-11-05T08:30:00")
        );
        assert_eq!(Value::Int(45).to_json(), serde_json::json!(45));
        assert_eq!(Value::Float(9.2).to_json(), serde_json::json!(9.2));
        assert_eq!(
            Value::Error("#REF!".into()).to_json(),
            serde_json::Value::Null
        );
        assert_eq!(Value::Date(d).to_string(), "05/11/2025");
    }
}
