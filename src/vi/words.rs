//! Numbers and amounts in words (đọc số thành chữ, VN-FORMAT.md §4.2).
//!
//! The reading works in groups of three digits. The rules that trip people up:
//! - a **non-leading** group always reads its hundreds, even 0: 1.005 = "một nghìn không trăm
//!   linh năm"; all-zero groups are skipped (1.000.100 = "một triệu một trăm");
//! - units after "mươi" (tens ≥ 2): 1 → "mốt", 4 → "tư", 5 → "lăm"; after "mười": 5 → "lăm",
//!   1 and 4 stay "một", "bốn"; after "linh"/"lẻ" the plain digit ("linh một", "linh năm");
//! - above 999.999.999 the number of tỷ is itself read as a number, so 10^12 = "một nghìn
//!   tỷ", 10^15 = "một triệu tỷ", 10^18 = "một tỷ tỷ" and 1.005 × 10^12 = "một nghìn không
//!   trăm linh năm tỷ".
//!
//! Regional and stylistic variants are options ([`WordsOptions`]); the defaults are the
//! central-government forms linh, nghìn, tư, tỷ.

use super::ViError;
use super::number::Decimal;
use super::text::upper_first;
use crate::i18n::Text;

/// Word for a zero tens digit between hundreds and units (1.005 → "… linh năm").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Linh {
    /// "linh" (North, official). Default.
    #[default]
    Linh,
    /// "lẻ" (South).
    Le,
}

/// Word for 10^3.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Thousand {
    /// "nghìn" (official/North). Default.
    #[default]
    Nghin,
    /// "ngàn" (South).
    Ngan,
}

/// Units digit 4 after "mươi".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Four {
    /// "hai mươi tư". Default.
    #[default]
    Tu,
    /// "hai mươi bốn".
    Bon,
}

/// Spelling of 10^9.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Billion {
    /// "tỷ". Default.
    #[default]
    Ty,
    /// "tỉ".
    Ti,
}

/// Variants of the reading; `Default` is linh / nghìn / tư / tỷ.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordsOptions {
    /// "linh" or "lẻ".
    pub linh: Linh,
    /// "nghìn" or "ngàn".
    pub thousand: Thousand,
    /// "tư" or "bốn" after "mươi".
    pub four: Four,
    /// "tỷ" or "tỉ".
    pub billion: Billion,
}

impl WordsOptions {
    fn linh_word(&self) -> &'static str {
        match self.linh {
            Linh::Linh => "linh",
            Linh::Le => "lẻ",
        }
    }
    fn thousand_word(&self) -> &'static str {
        match self.thousand {
            Thousand::Nghin => "nghìn",
            Thousand::Ngan => "ngàn",
        }
    }
    fn billion_word(&self) -> &'static str {
        match self.billion {
            Billion::Ty => "tỷ",
            Billion::Ti => "tỉ",
        }
    }
}

/// Largest magnitude read: one tỷ tỷ.
pub const MAX_WORDS: u128 = 1_000_000_000_000_000_000;

const DIGITS: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reads one group of three digits into `out`. `leading` is true only for the first group
/// of the whole number, the one group allowed to drop "không trăm" and "linh".
fn read_group(n: u32, leading: bool, o: &WordsOptions, out: &mut Vec<&'static str>) {
    let (h, t, u) = (
        (n / 100) as usize,
        ((n / 10) % 10) as usize,
        (n % 10) as usize,
    );
    let read_hundreds = !(leading && h == 0);
    if read_hundreds {
        out.push(DIGITS[h]);
        out.push("trăm");
    }
    match t {
        0 => {
            if u != 0 {
                if read_hundreds {
                    out.push(o.linh_word());
                }
                out.push(DIGITS[u]);
            }
        }
        1 => {
            out.push("mười");
            match u {
                0 => {}
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]),
            }
        }
        _ => {
            out.push(DIGITS[t]);
            out.push("mươi");
            match u {
                0 => {}
                1 => out.push("mốt"),
                4 if o.four == Four::Tu => out.push("tư"),
                5 => out.push("lăm"),
                _ => out.push(DIGITS[u]),
            }
        }
    }
}

/// Reads 1..=999.999.999; the first non-zero group is leading only if `leading`.
fn read_below_billion(n: u64, mut leading: bool, o: &WordsOptions, out: &mut Vec<&'static str>) {
    let groups = [
        ((n / 1_000_000) as u32, Some("triệu")),
        (((n / 1_000) % 1_000) as u32, Some(o.thousand_word())),
        ((n % 1_000) as u32, None),
    ];
    for (g, scale) in groups {
        if g == 0 {
            continue;
        }
        read_group(g, leading, o, out);
        leading = false;
        if let Some(s) = scale {
            out.push(s);
        }
    }
}

/// Reads 1..=MAX_WORDS: the count of tỷ is read as a number of its own.
fn read_positive(n: u128, leading: bool, o: &WordsOptions, out: &mut Vec<&'static str>) {
    const BILLION: u128 = 1_000_000_000;
    if n >= BILLION {
        read_positive(n / BILLION, leading, o, out);
        out.push(o.billion_word());
        let rest = (n % BILLION) as u64;
        if rest > 0 {
            read_below_billion(rest, false, o, out);
        }
    } else {
        read_below_billion(n as u64, leading, o, out);
    }
}

fn read_magnitude(n: u128, o: &WordsOptions) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    let mut out = Vec::new();
    read_positive(n, true, o, &mut out);
    out.join(" ")
}

/// An integer in words with the default options: 1005 → "một nghìn không trăm linh năm".
/// Magnitudes above 10^18 are an error.
pub fn words(n: i128) -> Result<String, ViError> {
    words_with(n, &WordsOptions::default())
}

/// An integer in words: lower case, "âm" before negatives, "không" for zero.
pub fn words_with(n: i128, o: &WordsOptions) -> Result<String, ViError> {
    let m = n.unsigned_abs();
    if m > MAX_WORDS {
        return Err(ViError::OutOfRange {
            value: n.to_string(),
            range: Text::new("từ -10^18 đến 10^18", "-10^18 to 10^18"),
        });
    }
    let body = read_magnitude(m, o);
    Ok(if n < 0 { format!("âm {body}") } else { body })
}

/// A decimal in words: the digits after the comma are read as a number, after one "không"
/// per leading zero: 7,5 → "bảy phẩy năm", 3,05 → "ba phẩy không năm", -0,25 → "âm không
/// phẩy hai mươi lăm". Trailing zeros are not read (7,50 → "bảy phẩy năm"). At most 18
/// decimals.
pub fn words_decimal(x: &Decimal, o: &WordsOptions) -> Result<String, ViError> {
    let out_of_range = || ViError::OutOfRange {
        value: x.to_string(),
        range: Text::new(
            "từ -10^18 đến 10^18, tối đa 18 chữ số thập phân",
            "-10^18 to 10^18, at most 18 decimals",
        ),
    };
    let int: u128 = x.int_digits().parse().map_err(|_| out_of_range())?;
    let frac = x.frac_digits();
    if int > MAX_WORDS || frac.len() > 18 || (int == MAX_WORDS && !frac.is_empty()) {
        return Err(out_of_range());
    }
    let mut s = String::new();
    if x.is_negative() {
        s.push_str("âm ");
    }
    s.push_str(&read_magnitude(int, o));
    if !frac.is_empty() {
        s.push_str(" phẩy");
        let zeros = frac.len() - frac.trim_start_matches('0').len();
        for _ in 0..zeros {
            s.push_str(" không");
        }
        let rest: u128 = frac[zeros..].parse().map_err(|_| out_of_range())?;
        s.push(' ');
        s.push_str(&read_magnitude(rest, o));
    }
    Ok(s)
}

/// Options of [`money_words`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MoneyOptions {
    /// Variants of the reading.
    pub words: WordsOptions,
    /// Append "chẵn" ("… đồng chẵn"), as receipts do for round amounts. The caller decides
    /// when an amount counts as round; default off.
    pub chan: bool,
}

/// An amount of đồng in words, first letter capitalised, as written after "Bằng chữ:":
/// 1250000000 → "Một tỷ hai trăm năm mươi triệu đồng".
pub fn money_words(n: i128, o: &MoneyOptions) -> Result<String, ViError> {
    let w = words_with(n, &o.words)?;
    let mut s = format!("{} đồng", upper_first(&w));
    if o.chan {
        s.push_str(" chẵn");
    }
    Ok(s)
}

#[cfg(test)]
mod tests;
