//! Dates, times and report periods (VN-FORMAT.md §4.3).
//!
//! Decree 30 writes issue dates as "ngày 05 tháng 01 năm 2018": a leading zero for days 1–9
//! and for months 1 and 2 only, so that nobody can turn "1" into "11" or "12". Months 3–12
//! are written plainly ("tháng 6", "tháng 12").
//!
//! Dates reach templates as text, because that is how the workbook reader emits Excel dates:
//! `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS`, or a typed `dd/mm/yyyy`. [`parse_date`] accepts all
//! three and names the value when it accepts none.

use chrono::{Datelike, NaiveDate};

use super::ViError;
use crate::i18n::Text;

/// The range of a month number, for messages.
/// The range of a month, for messages.
fn months() -> Text {
    Text::new("tháng từ 1 đến 12", "months 1 to 12")
}
use super::number::roman;

/// The gap left for a hand-written day or month in an unsigned draft: five NO-BREAK SPACEs
/// (U+00A0). Regular spaces would collapse to one in Markdown and Typst; no-break spaces keep
/// the gap and keep the date line from breaking inside the blank.
pub const DATE_BLANK: &str = "\u{a0}\u{a0}\u{a0}\u{a0}\u{a0}";

/// Day with a leading zero below 10.
fn day2(d: u32) -> String {
    format!("{d:02}")
}

/// Month with a leading zero for January and February only.
fn month_vn(m: u32) -> String {
    if m <= 2 {
        format!("{m:02}")
    } else {
        m.to_string()
    }
}

/// "ngày 05 tháng 01 năm 2018", "ngày 29 tháng 6 năm 2019", "ngày 10 tháng 12 năm 2025".
pub fn format_date(d: NaiveDate) -> String {
    format!(
        "ngày {} tháng {} năm {}",
        day2(d.day()),
        month_vn(d.month()),
        d.year()
    )
}

/// The địa danh line: "Hà Nội, ngày 05 tháng 01 năm 2018". Without a date, the draft form
/// with [`DATE_BLANK`] in place of day and month: "Hà Nội, ngày␣␣␣␣␣tháng␣␣␣␣␣năm 2025"
/// (␣ = U+00A0); without a `blank_year` the year is blank too.
pub fn place_date(place: &str, d: Option<NaiveDate>, blank_year: Option<i32>) -> String {
    let place = place.trim();
    match d {
        Some(d) => format!("{place}, {}", format_date(d)),
        None => {
            let year = match blank_year {
                Some(y) => format!(" {y}"),
                None => DATE_BLANK.to_string(),
            };
            format!("{place}, ngày{DATE_BLANK}tháng{DATE_BLANK}năm{year}")
        }
    }
}

/// "08 giờ 30 phút", "14 giờ 00 phút" (two digits each, as minutes are written in minutes).
pub fn format_time(h: u32, m: u32) -> Result<String, ViError> {
    if h > 23 || m > 59 {
        return Err(ViError::BadTime(format!("{h}:{m}")));
    }
    Ok(format!("{h:02} giờ {m:02} phút"))
}

fn num<T: std::str::FromStr>(s: &str, max_len: usize) -> Option<T> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// Splits a time `HH:MM[:SS[.fff]]` into hours and minutes (seconds are checked, then
/// dropped).
fn parse_hms(s: &str) -> Option<(u32, u32)> {
    let mut it = s.split(':');
    let h: u32 = num(it.next()?, 2)?;
    let m: u32 = num(it.next()?, 2)?;
    if let Some(sec) = it.next() {
        let whole = sec.split_once('.').map_or(sec, |(a, _)| a);
        let sec: u32 = num(whole, 2)?;
        if sec > 60 {
            return None;
        }
    }
    if it.next().is_some() || h > 23 || m > 59 {
        return None;
    }
    Some((h, m))
}

/// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM:SS` (time ignored; a space instead of `T` is also
/// accepted) or `dd/mm/yyyy` (one-digit day and month allowed). Impossible dates such as
/// 31/02/2025 are errors too.
pub fn parse_date(s: &str) -> Result<NaiveDate, ViError> {
    let bad = || ViError::BadDate(s.to_string());
    let t = s.trim();
    let (y, m, d) = match t.split_once(['T', ' ']) {
        Some((date, time)) => {
            parse_hms(time).ok_or_else(bad)?;
            date_parts(date).ok_or_else(bad)?
        }
        None => date_parts(t).ok_or_else(bad)?,
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(bad)
}

/// `YYYY-MM-DD` or `d/m/yyyy` into (year, month, day), unchecked.
fn date_parts(s: &str) -> Option<(i32, u32, u32)> {
    if s.contains('/') {
        let p: Vec<&str> = s.split('/').collect();
        match p.as_slice() {
            [d, m, y] if y.len() == 4 => Some((num(y, 4)?, num(m, 2)?, num(d, 2)?)),
            _ => None,
        }
    } else {
        iso_parts(s)
    }
}

fn iso_parts(s: &str) -> Option<(i32, u32, u32)> {
    let p: Vec<&str> = s.split('-').collect();
    match p.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => {
            Some((num(y, 4)?, num(m, 2)?, num(d, 2)?))
        }
        _ => None,
    }
}

/// Parses a time of day: `HH:MM`, `HH:MM:SS` (one-digit hour allowed) or a datetime string
/// `YYYY-MM-DDTHH:MM:SS`, whose time part is used. Returns (hours, minutes).
pub fn parse_time(s: &str) -> Result<(u32, u32), ViError> {
    let t = s.trim();
    let time = match t.split_once(['T', ' ']) {
        Some((date, time)) if iso_parts(date).is_some() => time,
        Some(_) => return Err(ViError::BadTime(s.to_string())),
        None => t,
    };
    parse_hms(time).ok_or_else(|| ViError::BadTime(s.to_string()))
}

/// Kinds of reporting period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    /// `thang`: one month, n = 1..=12 → "tháng 10 năm 2025" (months 1, 2 as "01", "02",
    /// the same rule as issue dates).
    Month,
    /// `quy`: quarter n = 1..=4 → "quý III năm 2025".
    Quarter,
    /// `6thang`: "6 tháng đầu năm 2025" (n ignored).
    FirstHalf,
    /// `6thang_cuoi`: "6 tháng cuối năm 2025" (n ignored).
    SecondHalf,
    /// `9thang`: "9 tháng đầu năm 2025" (n ignored).
    NineMonths,
    /// `luyke`: first n months cumulative, n = 1..=12 → "10 tháng đầu năm 2025".
    Cumulative,
    /// `nam`: "năm 2025" (n ignored).
    Year,
}

impl std::str::FromStr for PeriodKind {
    type Err = ViError;
    fn from_str(s: &str) -> Result<Self, ViError> {
        Ok(match s.trim() {
            "thang" | "tháng" => Self::Month,
            "quy" | "quý" => Self::Quarter,
            "6thang" | "6tháng" => Self::FirstHalf,
            "6thang_cuoi" | "6tháng_cuối" => Self::SecondHalf,
            "9thang" | "9tháng" => Self::NineMonths,
            "luyke" | "lũykế" | "lũy_kế" => Self::Cumulative,
            "nam" | "năm" => Self::Year,
            _ => {
                return Err(ViError::BadOption {
                    what: Text::new("loại kỳ báo cáo", "period kind"),
                    value: s.to_string(),
                    expected: Text::new(
                        "thang, quy, 6thang, 6thang_cuoi, 9thang, luyke hoặc nam",
                        "thang, quy, 6thang, 6thang_cuoi, 9thang, luyke or nam",
                    ),
                });
            }
        })
    }
}

/// Options of [`period_with`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodOptions {
    /// Write "đầu năm" in cumulative periods ("9 tháng đầu năm 2025"); false gives the
    /// shorter "9 tháng năm 2025" that some units use. Default true.
    pub dau_nam: bool,
}

impl Default for PeriodOptions {
    fn default() -> Self {
        PeriodOptions { dau_nam: true }
    }
}

/// A reporting period with the default options, see [`period_with`].
pub fn period(kind: PeriodKind, n: u32, year: i32) -> Result<String, ViError> {
    period_with(kind, n, year, PeriodOptions::default())
}

/// A reporting period: "tháng 10 năm 2025", "quý III năm 2025", "6 tháng đầu năm 2025",
/// "9 tháng đầu năm 2025", "10 tháng đầu năm 2025", "năm 2025".
pub fn period_with(
    kind: PeriodKind,
    n: u32,
    year: i32,
    o: PeriodOptions,
) -> Result<String, ViError> {
    let range = |ok: bool, range: Text| {
        if ok {
            Ok(())
        } else {
            Err(ViError::OutOfRange {
                value: n.to_string(),
                range,
            })
        }
    };
    let cumulative = |months: u32| {
        if o.dau_nam {
            format!("{months} tháng đầu năm {year}")
        } else {
            format!("{months} tháng năm {year}")
        }
    };
    Ok(match kind {
        PeriodKind::Month => {
            range((1..=12).contains(&n), months())?;
            format!("tháng {} năm {year}", month_vn(n))
        }
        PeriodKind::Quarter => {
            range(
                (1..=4).contains(&n),
                Text::new("quý từ 1 đến 4", "quarters 1 to 4"),
            )?;
            format!("quý {} năm {year}", roman(n)?)
        }
        PeriodKind::FirstHalf => cumulative(6),
        PeriodKind::SecondHalf => format!("6 tháng cuối năm {year}"),
        PeriodKind::NineMonths => cumulative(9),
        PeriodKind::Cumulative => {
            range((1..=12).contains(&n), months())?;
            cumulative(n)
        }
        PeriodKind::Year => format!("năm {year}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn issue_dates() {
        assert_eq!(format_date(d(2018, 1, 5)), "ngày 05 tháng 01 năm 2018");
        assert_eq!(format_date(d(2020, 1, 5)), "ngày 05 tháng 01 năm 2020");
        assert_eq!(format_date(d(2019, 6, 29)), "ngày 29 tháng 6 năm 2019");
        assert_eq!(format_date(d(2025, 12, 10)), "ngày 10 tháng 12 năm 2025");
        assert_eq!(format_date(d(2025, 2, 26)), "ngày 26 tháng 02 năm 2025");
        assert_eq!(format_date(d(2017, 8, 18)), "ngày 18 tháng 8 năm 2017");
        assert_eq!(format_date(d(2025, 3, 1)), "ngày 01 tháng 3 năm 2025");
        assert_eq!(format_date(d(2025, 11, 9)), "ngày 09 tháng 11 năm 2025");
        assert_eq!(
            place_date("Hà Nội", Some(d(2018, 1, 5)), None),
            "Hà Nội, ngày 05 tháng 01 năm 2018"
        );
        assert_eq!(
            place_date("Thành phố Hồ Chí Minh", Some(d(2019, 6, 29)), None),
            "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019"
        );
        assert_eq!(
            place_date("Hà Nội", None, Some(2025)).replace('\u{a0}', " "),
            "Hà Nội, ngày     tháng     năm 2025"
        );
        assert_eq!(
            place_date("Hà Nội", None, None).replace('\u{a0}', " "),
            "Hà Nội, ngày     tháng     năm     "
        );
    }

    #[test]
    fn every_day_of_2024() {
        let mut day = d(2024, 1, 1);
        while day.year() == 2024 {
            let s = format_date(day);
            let want_day = if day.day() < 10 {
                format!("0{}", day.day())
            } else {
                day.day().to_string()
            };
            let want_month = match day.month() {
                1 => "01".to_string(),
                2 => "02".to_string(),
                m => m.to_string(),
            };
            assert_eq!(s, format!("ngày {want_day} tháng {want_month} năm 2024"));
            day = day.succ_opt().unwrap_or_default();
        }
    }

    #[test]
    fn parsing() {
        assert_eq!(parse_date("2018-01-05"), Ok(d(2018, 1, 5)));
        assert_eq!(parse_date("2018-01-05T00:00:00"), Ok(d(2018, 1, 5)));
        assert_eq!(parse_date("2018-01-05T13:45:10.250"), Ok(d(2018, 1, 5)));
        assert_eq!(parse_date("2018-01-05 08:30"), Ok(d(2018, 1, 5)));
        assert_eq!(parse_date("05/01/2018"), Ok(d(2018, 1, 5)));
        assert_eq!(parse_date("5/1/2018"), Ok(d(2018, 1, 5)));
        assert_eq!(parse_date(" 29/06/2019 "), Ok(d(2019, 6, 29)));
        assert_eq!(parse_date("29/06/2019 08:30:00"), Ok(d(2019, 6, 29)));
        for bad in [
            "2025/06/01",
            "31/02/2025",
            "2025-13-01",
            "2025-1-5",
            "01/01/25",
            "hôm nay",
            "",
            "2018-01-05T25:00:00",
            "2018-01-05Tabc",
            "45000",
        ] {
            let e = parse_date(bad).unwrap_err();
            assert!(e.to_string().contains(&format!("{bad:?}")), "{e}");
        }
        assert_eq!(parse_time("08:30"), Ok((8, 30)));
        assert_eq!(parse_time("8:30"), Ok((8, 30)));
        assert_eq!(parse_time("08:30:00"), Ok((8, 30)));
        assert_eq!(parse_time("2025-11-20T14:05:33"), Ok((14, 5)));
        assert!(parse_time("24:00").is_err());
        assert!(parse_time("08h30").is_err());
        assert!(parse_time("x 08:30").is_err());
    }

    #[test]
    fn times() {
        assert_eq!(format_time(8, 30).as_deref(), Ok("08 giờ 30 phút"));
        assert_eq!(format_time(14, 0).as_deref(), Ok("14 giờ 00 phút"));
        assert!(format_time(24, 0).is_err());
        assert!(format_time(1, 60).is_err());
    }

    #[test]
    fn periods() {
        let p = |k: &str, n, y| period(k.parse().unwrap_or(PeriodKind::Year), n, y);
        assert_eq!(p("thang", 10, 2025).as_deref(), Ok("tháng 10 năm 2025"));
        assert_eq!(p("thang", 1, 2025).as_deref(), Ok("tháng 01 năm 2025"));
        assert_eq!(p("quy", 3, 2025).as_deref(), Ok("quý III năm 2025"));
        assert_eq!(p("quy", 4, 2025).as_deref(), Ok("quý IV năm 2025"));
        assert_eq!(p("6thang", 0, 2025).as_deref(), Ok("6 tháng đầu năm 2025"));
        assert_eq!(
            p("6thang_cuoi", 0, 2025).as_deref(),
            Ok("6 tháng cuối năm 2025")
        );
        assert_eq!(p("9thang", 0, 2025).as_deref(), Ok("9 tháng đầu năm 2025"));
        assert_eq!(p("luyke", 10, 2025).as_deref(), Ok("10 tháng đầu năm 2025"));
        assert_eq!(p("nam", 0, 2025).as_deref(), Ok("năm 2025"));
        let short = PeriodOptions { dau_nam: false };
        assert_eq!(
            period_with(PeriodKind::Cumulative, 10, 2025, short).as_deref(),
            Ok("10 tháng năm 2025")
        );
        assert_eq!(
            period_with(PeriodKind::NineMonths, 0, 2025, short).as_deref(),
            Ok("9 tháng năm 2025")
        );
        assert!(p("quy", 5, 2025).is_err());
        assert!(p("thang", 13, 2025).is_err());
        assert!(p("thang", 0, 2025).is_err());
        assert!("tuan".parse::<PeriodKind>().is_err());
    }
}
