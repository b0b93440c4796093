//! Numbers as Vietnamese documents print them (VN-FORMAT.md §4.1): `.` groups thousands, `,`
//! separates decimals, no space before `%`; plus increase/decrease phrases, Roman numerals and
//! the letters of điểm (§1.3).
//!
//! Rounding works on a decimal string ([`Decimal`]), not on binary floating point: a clerk who
//! types 2.675 in Excel expects "2,68", while `(2.675 * 100.0).round()` gives 267. Rust prints
//! an `f64` as the shortest decimal that reads back to the same value ("2.675"), so rounding
//! that text gives the answer the clerk saw in the cell.

use super::ViError;
use crate::i18n::Text;

/// Most decimals printed when the caller does not fix the number of decimals.
pub const MAX_AUTO_DECIMALS: u32 = 6;

/// A finite decimal number held as digits, so that rounding and percent shifts are exact.
///
/// Invariants: `int` has no leading zeros (zero is `"0"`), `frac` has no trailing zeros, and
/// zero is never negative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decimal {
    neg: bool,
    int: String,
    frac: String,
}

impl Decimal {
    fn new(neg: bool, int: &str, frac: &str) -> Self {
        let int = int.trim_start_matches('0');
        let frac = frac.trim_end_matches('0');
        let int = if int.is_empty() { "0" } else { int };
        let zero = int == "0" && frac.is_empty();
        Decimal {
            neg: neg && !zero,
            int: int.to_string(),
            frac: frac.to_string(),
        }
    }

    /// The exact decimal that Rust prints for `x` (shortest round-trip form).
    pub fn from_f64(x: f64) -> Result<Self, ViError> {
        if !x.is_finite() {
            return Err(ViError::NotANumber(x.to_string()));
        }
        // Display for f64 never uses an exponent, so this is plain digits.
        Self::parse(&format!("{x}"))
    }

    /// A whole number.
    pub fn from_i128(n: i128) -> Self {
        Self::new(n < 0, &n.unsigned_abs().to_string(), "")
    }

    /// Parses machine-format numeric text as the workbook reader emits it: optional sign,
    /// digits, optional `.` fraction, optional exponent (`1234.5`, `-3`, `1.5E-3`, `.5`).
    /// Vietnamese-formatted text such as `1.234,5` is *not* accepted here (use
    /// [`parse_vi_number`]); "1.234" therefore means one point two three four.
    pub fn parse(s: &str) -> Result<Self, ViError> {
        let bad = || ViError::NotANumber(s.to_string());
        let t = s.trim();
        let (neg, body) = match t.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, t.strip_prefix('+').unwrap_or(t)),
        };
        let (mantissa, exp) = match body.find(['e', 'E']) {
            Some(i) => {
                let e: i32 = body[i + 1..].parse().map_err(|_| bad())?;
                (&body[..i], e)
            }
            None => (body, 0),
        };
        let (ip, fp) = match mantissa.split_once('.') {
            Some((a, b)) => (a, b),
            None => (mantissa, ""),
        };
        let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
        if (ip.is_empty() && fp.is_empty()) || !digits(ip) || !digits(fp) {
            return Err(bad());
        }
        if exp.unsigned_abs() > 400 {
            return Err(ViError::OutOfRange {
                value: s.to_string(),
                range: Text::new("số mũ tối đa ±400", "exponents up to ±400"),
            });
        }
        Ok(Self::new(neg, ip, fp).shift(exp))
    }

    /// Multiplies by 10^k exactly (k may be negative). `shift(2)` turns an Excel fraction
    /// (0.125) into a percent value (12.5).
    pub fn shift(&self, k: i32) -> Self {
        let mut all = format!("{}{}", self.int, self.frac);
        let mut point = self.int.len() as i64 + i64::from(k);
        if point < 0 {
            all = format!("{}{all}", "0".repeat(point.unsigned_abs() as usize));
            point = 0;
        }
        let point = point as usize;
        if point > all.len() {
            all.push_str(&"0".repeat(point - all.len()));
        }
        let (i, f) = all.split_at(point);
        Self::new(self.neg, i, f)
    }

    /// Rounds to `decimals` places, half away from zero, on the decimal digits.
    pub fn round(&self, decimals: u32) -> Self {
        let d = decimals as usize;
        if self.frac.len() <= d {
            return self.clone();
        }
        let round_up = self.frac.as_bytes()[d] >= b'5';
        let mut digits: Vec<u8> = format!("{}{}", self.int, &self.frac[..d]).into_bytes();
        if round_up {
            let mut i = digits.len();
            loop {
                if i == 0 {
                    digits.insert(0, b'1');
                    break;
                }
                i -= 1;
                if digits[i] == b'9' {
                    digits[i] = b'0';
                } else {
                    digits[i] += 1;
                    break;
                }
            }
        }
        let s = String::from_utf8_lossy(&digits).into_owned();
        let (i, f) = s.split_at(s.len() - d);
        Self::new(self.neg, i, f)
    }

    /// True for zero (there is no negative zero).
    pub fn is_zero(&self) -> bool {
        self.int == "0" && self.frac.is_empty()
    }

    /// True below zero.
    pub fn is_negative(&self) -> bool {
        self.neg
    }

    /// The same magnitude, not negative.
    pub fn abs(&self) -> Self {
        Self::new(false, &self.int, &self.frac)
    }

    /// Digits before the decimal point, without sign or leading zeros.
    pub fn int_digits(&self) -> &str {
        &self.int
    }

    /// Digits after the decimal point, without trailing zeros (empty for whole numbers).
    pub fn frac_digits(&self) -> &str {
        &self.frac
    }

    /// The value as `f64` (may lose precision beyond 15–17 significant digits).
    pub fn to_f64(&self) -> f64 {
        let s = format!(
            "{}{}.{}",
            if self.neg { "-" } else { "" },
            self.int,
            if self.frac.is_empty() {
                "0"
            } else {
                &self.frac
            }
        );
        s.parse().unwrap_or(f64::NAN)
    }

    /// Vietnamese form: `.` thousands, `,` decimals. `Some(d)` rounds and pads to exactly
    /// `d` decimals; `None` rounds to [`MAX_AUTO_DECIMALS`] and drops trailing zeros.
    pub fn format(&self, decimals: Option<u32>) -> String {
        let r = self.round(decimals.unwrap_or(MAX_AUTO_DECIMALS));
        let mut out = String::new();
        if r.neg {
            out.push('-');
        }
        out.push_str(&group_thousands(&r.int));
        let mut frac = r.frac.clone();
        if let Some(d) = decimals {
            while frac.len() < d as usize {
                frac.push('0');
            }
        }
        if !frac.is_empty() {
            out.push(',');
            out.push_str(&frac);
        }
        out
    }
}

impl std::fmt::Display for Decimal {
    /// Machine form (`-1234.5`), the inverse of [`Decimal::parse`].
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.neg {
            f.write_str("-")?;
        }
        f.write_str(&self.int)?;
        if !self.frac.is_empty() {
            write!(f, ".{}", self.frac)?;
        }
        Ok(())
    }
}

/// Inserts `.` every three digits from the right of a digit string.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    let n = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (n - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `1234567.891, Some(2)` → `"1.234.567,89"`; `None` decimals → as many as needed, up to 6.
/// Rounds half away from zero on the decimal value (2.675 → "2,68"); never prints "-0".
/// Non-finite input (which JSON cannot carry) is printed as Rust prints it.
pub fn format_number(x: f64, decimals: Option<u32>) -> String {
    match Decimal::from_f64(x) {
        Ok(d) => d.format(decimals),
        Err(_) => x.to_string(),
    }
}

/// A whole number with `.` thousands: `-1234567` → `"-1.234.567"`. For years, document
/// numbers and codes print the integer plainly instead (§4.1: never grouped).
pub fn format_int(n: i64) -> String {
    let g = group_thousands(&n.unsigned_abs().to_string());
    if n < 0 { format!("-{g}") } else { g }
}

/// A value that is already a percentage: `12.5` → `"12,5%"` (no space before `%`).
pub fn format_percent(x: f64, decimals: Option<u32>) -> String {
    format!("{}%", format_number(x, decimals))
}

/// An Excel percent cell, which holds a fraction: `0.125` → `"12,5%"`. The ×100 is a
/// decimal shift, so 0.1 gives "10%" and not "10,000000000000002%".
pub fn pct_of(fraction: f64, decimals: Option<u32>) -> String {
    match Decimal::from_f64(fraction) {
        Ok(d) => format!("{}%", d.shift(2).format(decimals)),
        Err(_) => format!("{}%", fraction * 100.0),
    }
}

/// Parses Vietnamese-formatted text (`"1.234,5"`, `"-3,2"`, `"1.234.567"`) back to a number.
/// A `.` must separate groups of exactly three digits.
pub fn parse_vi_number(s: &str) -> Result<f64, ViError> {
    let bad = || ViError::NotANumber(s.to_string());
    let t = s.trim();
    let (sign, body) = match t.strip_prefix('-') {
        Some(r) => ("-", r),
        None => ("", t),
    };
    let (ip, fp) = body.split_once(',').unwrap_or((body, ""));
    let groups: Vec<&str> = ip.split('.').collect();
    let first_ok = groups
        .first()
        .is_some_and(|g| !g.is_empty() && g.len() <= 3 || groups.len() == 1 && !g.is_empty());
    let rest_ok = groups.iter().skip(1).all(|g| g.len() == 3);
    let all_digits = ip.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && fp.bytes().all(|b| b.is_ascii_digit());
    if !first_ok || !rest_ok || !all_digits || (body.contains(',') && fp.is_empty()) {
        return Err(bad());
    }
    format!(
        "{sign}{}.{}",
        groups.concat(),
        if fp.is_empty() { "0" } else { fp }
    )
    .parse()
    .map_err(|_| bad())
}

/// How digits typed as text are grouped: the Vietnamese way (`1.234,5`, the default) or the
/// English way (`1,234.5`), as `[data.X] numbers = "vi" | "en"` in template.toml says.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum NumberStyle {
    /// `.` groups thousands, `,` separates decimals.
    #[default]
    Vi,
    /// `,` groups thousands, `.` separates decimals.
    En,
}

impl NumberStyle {
    /// (thousands separator, decimal separator).
    fn separators(self) -> (char, char) {
        match self {
            NumberStyle::Vi => ('.', ','),
            NumberStyle::En => (',', '.'),
        }
    }
}

/// A number read from text by [`typed_number`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TypedNumber {
    /// The value as written; a percentage keeps its percent points (`12,5%` → 12.5).
    pub value: f64,
    /// The text ended in `%`.
    pub percent: bool,
    /// The other style would read it differently: one separator followed by exactly three
    /// digits (`1.234` is 1234 the Vietnamese way, 1.234 the English way).
    pub ambiguous: bool,
}

/// Spaces that may appear inside numbers typed in Excel: ordinary, no-break (U+00A0),
/// narrow no-break (U+202F), thin (U+2009) and figure (U+2007) spaces.
fn is_number_space(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// Reads a number typed as text in `style`: digits grouped by the style's thousands separator
/// or by spaces (groups of three), one decimal separator, an optional sign (`-`, `−`, `+`,
/// spaces allowed after it), parentheses for a negative (`(3,2)`), and an optional trailing
/// `%`. `None` for anything else, including codes with a leading zero (`"01"`), which are
/// text on purpose.
pub fn typed_number(s: &str, style: NumberStyle) -> Option<TypedNumber> {
    let spaced: String = s
        .chars()
        .map(|c| if is_number_space(c) { ' ' } else { c })
        .collect();
    let mut t = spaced.trim();
    let mut negative = false;
    if let Some(inner) = t.strip_prefix('(').and_then(|r| r.strip_suffix(')')) {
        negative = true;
        t = inner.trim();
    }
    let percent = t.ends_with('%');
    if percent {
        t = t[..t.len() - 1].trim_end();
    }
    if let Some(rest) = t.strip_prefix(['-', '−']) {
        if negative {
            return None;
        }
        negative = true;
        t = rest.trim_start();
    } else if let Some(rest) = t.strip_prefix('+') {
        t = rest.trim_start();
    }
    let (group, decimal) = style.separators();
    let (ip, fp) = match t.split_once(decimal) {
        Some((a, b)) => (a, Some(b)),
        None => (t, None),
    };
    if let Some(fp) = fp
        && (fp.is_empty() || !fp.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let groups: Vec<&str> = ip.split([group, ' ']).collect();
    let digits = |g: &str| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit());
    let first = groups.first().copied().unwrap_or("");
    let grouped = groups.len() > 1;
    if !digits(first)
        || (grouped && first.len() > 3)
        || !groups.iter().skip(1).all(|g| g.len() == 3 && digits(g))
    {
        return None;
    }
    let int: String = groups.concat();
    // A leading zero marks a code ("01"); more than 15 digits cannot be held exactly as a
    // number (identity or account numbers), so both stay text.
    if (int.len() > 1 && int.starts_with('0')) || int.len() > 15 {
        return None;
    }
    let separators = t.chars().filter(|&c| c == '.' || c == ',').count();
    let after_one = match (grouped, fp) {
        (true, None) if groups.len() == 2 && !ip.contains(' ') => true,
        (false, Some(f)) => f.len() == 3,
        _ => false,
    };
    let ambiguous = separators == 1 && after_one;
    let text = format!(
        "{}{int}.{}",
        if negative { "-" } else { "" },
        fp.unwrap_or("0")
    );
    let value: f64 = text.parse().ok()?;
    value.is_finite().then_some(TypedNumber {
        value,
        percent,
        ambiguous,
    })
}

/// Options of [`change`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ChangeOptions {
    /// Prefix "ước" for estimated figures: "ước tăng 5,2%".
    pub estimate: bool,
}

/// Default number of decimals of [`change`].
pub const CHANGE_DECIMALS: u32 = 1;

/// Prose for a change in percent: `5.2` → "tăng 5,2%", `-3.1` → "giảm 3,1%", and
/// "không đổi" when the value rounds to zero at `decimals` (default 1), so 0.04 → "không đổi".
/// Never "tăng -3,2%". With `estimate`, "ước tăng …"/"ước giảm …"; "không đổi" stays bare
/// because an estimate of no change is still written "không đổi".
pub fn change(x: f64, decimals: Option<u32>, opts: ChangeOptions) -> String {
    match Decimal::from_f64(x) {
        Ok(d) => change_decimal(&d, decimals, opts),
        Err(_) => x.to_string(),
    }
}

/// [`change`] on an exact decimal (the helper uses it so that strings are not re-rounded).
pub fn change_decimal(x: &Decimal, decimals: Option<u32>, opts: ChangeOptions) -> String {
    let d = decimals.unwrap_or(CHANGE_DECIMALS);
    let r = x.round(d);
    if r.is_zero() {
        return "không đổi".to_string();
    }
    let verb = if r.is_negative() { "giảm" } else { "tăng" };
    let pre = if opts.estimate { "ước " } else { "" };
    format!("{pre}{verb} {}%", r.abs().format(Some(d)))
}

/// Roman numeral for 1..=3999 (Phần I, Chương IV, quý III).
pub fn roman(n: u32) -> Result<String, ViError> {
    if !(1..=3999).contains(&n) {
        return Err(ViError::OutOfRange {
            value: n.to_string(),
            range: Text::new("từ 1 đến 3999", "1 to 3999"),
        });
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (v, s) in TABLE {
        while rest >= v {
            out.push_str(s);
            rest -= v;
        }
    }
    Ok(out)
}

/// The 23 letters of điểm in order (Decree 30, §1.3): no f, j, w, z; đ after d.
pub const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// Letter of the i-th điểm, 1-based: 1 → "a", 5 → "đ", 23 → "y". Beyond 23 is an error: the
/// decree defines no 24th letter, and a khoản that long should be split.
pub fn point_label(i: u32) -> Result<&'static str, ViError> {
    match i.checked_sub(1).and_then(|k| POINT_LETTERS.get(k as usize)) {
        Some(s) => Ok(s),
        None => Err(ViError::OutOfRange {
            value: i.to_string(),
            range: Text::new("từ 1 đến 23 (a … y)", "1 to 23 (a … y)"),
        }),
    }
}

#[cfg(test)]
mod typed_tests {
    use super::*;

    fn vi(s: &str) -> Option<(f64, bool, bool)> {
        typed_number(s, NumberStyle::Vi).map(|t| (t.value, t.percent, t.ambiguous))
    }

    #[test]
    fn vietnamese_text_numbers() {
        assert_eq!(vi("12.408,4"), Some((12408.4, false, false)));
        assert_eq!(vi("1.234"), Some((1234.0, false, true)));
        assert_eq!(vi("1,234"), Some((1.234, false, true)));
        assert_eq!(vi("12,5%"), Some((12.5, true, false)));
        assert_eq!(vi("(3,2)"), Some((-3.2, false, false)));
        assert_eq!(vi("- 3,2"), Some((-3.2, false, false)));
        assert_eq!(vi("−3,2"), Some((-3.2, false, false)));
        assert_eq!(
            vi("1\u{a0}234\u{202f}567,5"),
            Some((1234567.5, false, false))
        );
        assert_eq!(
            vi("\u{a0}3.301.187,3\u{a0}"),
            Some((3301187.3, false, false))
        );
        assert_eq!(vi("42"), Some((42.0, false, false)));
        assert_eq!(vi("0,5"), Some((0.5, false, false)));
        for bad in [
            "12.408,4x",
            "1.5",
            "1.23.4",
            "01",
            "007",
            "",
            "-",
            "%",
            "1,2,3",
            "(-3)",
            "abc",
            "1.2345",
            "12 34",
            ",5",
            "5,",
        ] {
            assert_eq!(vi(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn english_text_numbers() {
        let en = |s: &str| typed_number(s, NumberStyle::En).map(|t| (t.value, t.ambiguous));
        assert_eq!(en("12,408.4"), Some((12408.4, false)));
        assert_eq!(en("1.234"), Some((1.234, true)));
        assert_eq!(en("1,234"), Some((1234.0, true)));
        assert_eq!(en("12.408,4"), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_number_vectors() {
        assert_eq!(format_number(1234567.0, None), "1.234.567");
        assert_eq!(format_number(1234567.891, Some(2)), "1.234.567,89");
        assert_eq!(format_number(-3.2, None), "-3,2");
        assert_eq!(format_number(1234.5, None), "1.234,5");
        assert_eq!(format_number(7.5, None), "7,5");
        assert_eq!(format_number(1234.56, None), "1.234,56");
        assert_eq!(format_number(2.675, Some(2)), "2,68");
        assert_eq!(format_number(1.005, Some(2)), "1,01");
        assert_eq!(format_number(-2.5, Some(0)), "-3");
        assert_eq!(format_number(0.5, Some(0)), "1");
        assert_eq!(format_number(999.995, Some(2)), "1.000,00");
        assert_eq!(format_number(999999.5, Some(0)), "1.000.000");
        assert_eq!(format_number(-0.0, None), "0");
        assert_eq!(format_number(-0.004, Some(2)), "0,00");
        assert_eq!(format_number(-0.0000001, None), "0");
        assert_eq!(format_number(0.1 + 0.2, None), "0,3");
        assert_eq!(format_number(1e-7, None), "0");
        assert_eq!(format_number(1.0 / 3.0, None), "0,333333");
        assert_eq!(format_number(100.0, Some(1)), "100,0");
        assert_eq!(format_number(123.0, None), "123");
        assert_eq!(format_number(1e21, None), "1.000.000.000.000.000.000.000");
        assert_eq!(format_number(f64::NAN, None), "NaN");
    }

    #[test]
    fn ints_and_percent() {
        assert_eq!(format_int(0), "0");
        assert_eq!(format_int(999), "999");
        assert_eq!(format_int(1000), "1.000");
        assert_eq!(format_int(-1234567), "-1.234.567");
        assert_eq!(format_int(i64::MIN), "-9.223.372.036.854.775.808");
        assert_eq!(format_percent(12.5, None), "12,5%");
        assert_eq!(format_percent(12.345, Some(1)), "12,3%");
        assert_eq!(pct_of(0.125, None), "12,5%");
        assert_eq!(pct_of(0.1, None), "10%");
        assert_eq!(pct_of(0.07, Some(1)), "7,0%");
        assert_eq!(pct_of(1.5, None), "150%");
    }

    #[test]
    fn decimal_parse_and_shift() {
        let p = |s| Decimal::parse(s).map(|d| d.to_string());
        assert_eq!(p("1234.5").as_deref(), Ok("1234.5"));
        assert_eq!(p(" -003.500 ").as_deref(), Ok("-3.5"));
        assert_eq!(p("1.5E-3").as_deref(), Ok("0.0015"));
        assert_eq!(p("2e3").as_deref(), Ok("2000"));
        assert_eq!(p(".5").as_deref(), Ok("0.5"));
        assert_eq!(p("-0").as_deref(), Ok("0"));
        assert!(p("abc").is_err());
        assert!(p("").is_err());
        assert!(p("1,5").is_err());
        assert!(p("1.2.3").is_err());
        assert!(p("--1").is_err());
        assert_eq!(
            Decimal::parse("0.125").map(|d| d.shift(2).to_string()),
            Ok("12.5".into())
        );
        assert_eq!(
            Decimal::parse("12.5").map(|d| d.shift(-3).to_string()),
            Ok("0.0125".into())
        );
    }

    #[test]
    fn parse_vi() {
        assert_eq!(parse_vi_number("1.234,5"), Ok(1234.5));
        assert_eq!(parse_vi_number("-3,2"), Ok(-3.2));
        assert_eq!(parse_vi_number("1.234.567"), Ok(1234567.0));
        assert_eq!(parse_vi_number("12"), Ok(12.0));
        assert!(parse_vi_number("1.23,4").is_err());
        assert!(parse_vi_number("1,").is_err());
        assert!(parse_vi_number("abc").is_err());
    }

    #[test]
    fn change_phrases() {
        let o = ChangeOptions::default();
        let e = ChangeOptions { estimate: true };
        assert_eq!(change(5.2, None, o), "tăng 5,2%");
        assert_eq!(change(-3.1, None, o), "giảm 3,1%");
        assert_eq!(change(0.0, None, o), "không đổi");
        assert_eq!(change(0.04, None, o), "không đổi");
        assert_eq!(change(-0.04, None, o), "không đổi");
        assert_eq!(change(0.05, None, o), "tăng 0,1%");
        assert_eq!(change(-3.2, Some(2), o), "giảm 3,20%");
        assert_eq!(change(5.2, None, e), "ước tăng 5,2%");
        assert_eq!(change(-5.25, None, e), "ước giảm 5,3%");
        assert_eq!(change(12.0, None, o), "tăng 12,0%");
    }

    #[test]
    fn roman_and_points() {
        assert_eq!(roman(1).as_deref(), Ok("I"));
        assert_eq!(roman(4).as_deref(), Ok("IV"));
        assert_eq!(roman(12).as_deref(), Ok("XII"));
        assert_eq!(roman(1994).as_deref(), Ok("MCMXCIV"));
        assert_eq!(roman(3999).as_deref(), Ok("MMMCMXCIX"));
        assert!(roman(0).is_err());
        assert!(roman(4000).is_err());
        assert_eq!(point_label(1), Ok("a"));
        assert_eq!(point_label(4), Ok("d"));
        assert_eq!(point_label(5), Ok("đ"));
        assert_eq!(point_label(6), Ok("e"));
        assert_eq!(point_label(7), Ok("g"));
        assert_eq!(point_label(23), Ok("y"));
        assert!(point_label(0).is_err());
        assert!(point_label(24).is_err());
        let all: String = (1..=23).map(|i| point_label(i).unwrap_or("?")).collect();
        assert_eq!(all, "abcdđeghiklmnopqrstuvxy");
    }

    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn format_round_trips(x in -1.0e12f64..1.0e12, d in 0u32..=6) {
            let s = format_number(x, Some(d));
            let want = Decimal::from_f64(x).map(|v| v.round(d).to_f64()).unwrap_or(f64::NAN);
            prop_assert_eq!(parse_vi_number(&s), Ok(want), "{} → {}", x, s);
            prop_assert!(!s.starts_with("-0") || s.chars().any(|c| ('1'..='9').contains(&c)));
            let auto = format_number(x, None);
            let want = Decimal::from_f64(x).map(|v| v.round(6).to_f64()).unwrap_or(f64::NAN);
            prop_assert_eq!(parse_vi_number(&auto), Ok(want), "{} → {}", x, auto);
        }

        #[test]
        fn ints_round_trip(n in any::<i64>()) {
            let s = format_int(n);
            let back: i128 = s.replace('.', "").parse().unwrap_or(0);
            prop_assert_eq!(back, i128::from(n));
            prop_assert_eq!(format_number(n as f64, None).replace('.', "").parse::<f64>().ok(), Some(n as f64));
        }

        #[test]
        fn change_never_signed(x in -1000.0f64..1000.0, d in 0u32..4) {
            let s = change(x, Some(d), ChangeOptions::default());
            prop_assert!(!s.contains('-'), "{}", s);
        }
    }
}
