//! A reference to a unit of a legal document: "điểm a khoản 2 Điều 5", "khoản 2a Điều 5",
//! "Điều 5a".

use std::cmp::Ordering;
use std::fmt;

use unicode_normalization::UnicodeNormalization;

use crate::i18n::{Bilingual, Text};
use crate::tr;

/// The letters of điểm, in order (no f, j, w, z: VN-FORMAT §1.3).
const POINT_LETTERS: [&str; 23] = [
    "a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t",
    "u", "v", "x", "y",
];

/// A unit reference. `article` is always present; `clause` and `point` narrow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// Điều number and an optional suffix letter (Điều 5a → (5, "a")).
    pub article: (u32, String),
    /// Khoản number and suffix (khoản 2a → (2, "a")).
    pub clause: Option<(u32, String)>,
    /// Điểm letter and suffix digits (điểm a1 → ("a", "1")).
    pub point: Option<(String, String)>,
}

/// A reference that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "\"{text}\" is not a unit reference ({why}); write e.g. \"Điều 5\", \"khoản 2 Điều 5\" or \"điểm a khoản 2 Điều 5\""
)]
pub struct UnitError {
    /// The reference as written.
    pub text: String,
    /// What is wrong with it, in both languages (`Display` is the English).
    pub why: Text,
}

/// Splits "12a" into (12, "a").
fn number_with_suffix(s: &str) -> Option<(u32, String)> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    let rest: String = s.chars().skip(digits.len()).collect();
    let n = digits.parse().ok()?;
    if rest.chars().all(|c| c.is_ascii_lowercase()) {
        Some((n, rest))
    } else {
        None
    }
}

impl Unit {
    /// Reads "điểm a khoản 2 Điều 5" (any case, NFC or not, extra spaces allowed).
    pub fn parse(text: &str) -> Result<Unit, UnitError> {
        let err = |why: Text| UnitError {
            text: text.to_string(),
            why,
        };
        let norm: String = text.nfc().collect::<String>().to_lowercase();
        let words: Vec<&str> = norm
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter(|w| !w.is_empty())
            .collect();
        let (mut article, mut clause, mut point) = (None, None, None);
        let mut i = 0;
        while i < words.len() {
            let value = words.get(i + 1).copied();
            match words[i] {
                "điều" => {
                    let v =
                        value.ok_or_else(|| err(tr!("thiếu số của Điều", "Điều has no number")))?;
                    article = Some(
                        number_with_suffix(v)
                            .ok_or_else(|| err(tr!("số Điều không hợp lệ", "bad Điều number")))?,
                    );
                }
                "khoản" => {
                    let v = value
                        .ok_or_else(|| err(tr!("thiếu số của khoản", "khoản has no number")))?;
                    clause =
                        Some(number_with_suffix(v).ok_or_else(|| {
                            err(tr!("số khoản không hợp lệ", "bad khoản number"))
                        })?);
                }
                "điểm" => {
                    let v = value
                        .ok_or_else(|| err(tr!("thiếu chữ cái của điểm", "điểm has no letter")))?;
                    let letter = POINT_LETTERS
                        .iter()
                        .filter(|l| v.starts_with(**l))
                        .max_by_key(|l| l.len())
                        .ok_or_else(|| {
                            err(tr!("chữ cái của điểm không hợp lệ", "bad điểm letter"))
                        })?;
                    let rest = &v[letter.len()..];
                    if !rest.chars().all(|c| c.is_ascii_digit()) {
                        return Err(err(tr!("chữ cái của điểm không hợp lệ", "bad điểm letter")));
                    }
                    point = Some((letter.to_string(), rest.to_string()));
                }
                other => {
                    return Err(err(tr!(
                        "không hiểu từ \"{other}\"",
                        "unexpected word \"{other}\""
                    )));
                }
            }
            i += 2;
        }
        let article = article.ok_or_else(|| err(tr!("thiếu Điều", "no Điều")))?;
        if point.is_some() && clause.is_none() {
            return Err(err(tr!(
                "điểm phải ghi kèm khoản",
                "a điểm needs its khoản"
            )));
        }
        Ok(Unit {
            article,
            clause,
            point,
        })
    }

    /// The unit inserted right after this one, as the `n`-th insertion there (n ≥ 1):
    /// Điều 5 → Điều 5a, khoản 2 → khoản 2a, điểm a → điểm a1.
    pub fn inserted_after(&self, n: u32) -> Unit {
        let letter = |n: u32| {
            // a, b, c … after the number (n = 1 → "a").
            char::from_u32(u32::from(b'a') + (n - 1).min(25)).map_or(String::new(), String::from)
        };
        let mut u = self.clone();
        if let Some((p, _)) = &self.point {
            u.point = Some((p.clone(), n.to_string()));
        } else if let Some((c, _)) = &self.clause {
            u.clause = Some((*c, letter(n)));
        } else {
            u.article = (self.article.0, letter(n));
        }
        u
    }

    /// The smallest unit's own label: "Điều 5a", "khoản 2a", "điểm a1".
    pub fn kind_word(&self) -> &'static str {
        if self.point.is_some() {
            "điểm"
        } else if self.clause.is_some() {
            "khoản"
        } else {
            "Điều"
        }
    }

    /// How the unit's own text starts: "Điều 5a.", "2a.", "a1)".
    pub fn own_label(&self) -> String {
        if let Some((p, s)) = &self.point {
            format!("{p}{s})")
        } else if let Some((c, s)) = &self.clause {
            format!("{c}{s}.")
        } else {
            format!("Điều {}{}.", self.article.0, self.article.1)
        }
    }

    /// The smallest unit with its number: "khoản 2a", "điểm a1", "Điều 5a".
    pub fn short(&self) -> String {
        if let Some((p, s)) = &self.point {
            format!("điểm {p}{s}")
        } else if let Some((c, s)) = &self.clause {
            format!("khoản {c}{s}")
        } else {
            format!("Điều {}{}", self.article.0, self.article.1)
        }
    }

    /// The parent of the smallest unit, for "vào sau khoản 2 Điều 5": " Điều 5" or
    /// " khoản 2 Điều 5" (with a leading space), or "" for an Điều.
    pub fn parent_suffix(&self) -> String {
        let article = format!("Điều {}{}", self.article.0, self.article.1);
        match (&self.point, &self.clause) {
            (Some(_), Some((c, s))) => format!(" khoản {c}{s} {article}"),
            (None, Some(_)) => format!(" {article}"),
            _ => String::new(),
        }
    }

    fn point_index(&self) -> Option<(usize, &str)> {
        self.point.as_ref().map(|(p, s)| {
            (
                POINT_LETTERS.iter().position(|l| l == p).unwrap_or(0),
                s.as_str(),
            )
        })
    }
}

impl fmt::Display for Unit {
    /// "điểm a khoản 2 Điều 5".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.short(), self.parent_suffix())
    }
}

/// Compares suffixes so that "" < "a" < "b" and "" < "1" < "2" < "10".
fn suffix_cmp(a: &str, b: &str) -> Ordering {
    a.len().cmp(&b.len()).then_with(|| a.cmp(b))
}

impl Ord for Unit {
    /// The amended document's order: by Điều, then khoản, then điểm; a unit comes before
    /// the units inside it (Điều 5 before khoản 1 Điều 5).
    fn cmp(&self, other: &Self) -> Ordering {
        self.article
            .0
            .cmp(&other.article.0)
            .then_with(|| suffix_cmp(&self.article.1, &other.article.1))
            .then_with(|| match (&self.clause, &other.clause) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (Some(a), Some(b)) => a.0.cmp(&b.0).then_with(|| suffix_cmp(&a.1, &b.1)),
            })
            .then_with(|| match (self.point_index(), other.point_index()) {
                (None, None) => Ordering::Equal,
                (None, Some(_)) => Ordering::Less,
                (Some(_), None) => Ordering::Greater,
                (Some(a), Some(b)) => a.0.cmp(&b.0).then_with(|| suffix_cmp(a.1, b.1)),
            })
    }
}

impl PartialOrd for Unit {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Bilingual for UnitError {
    fn text(&self) -> Text {
        let text = &self.text;
        tr!(
            "không đọc được \"{text}\" là Điều, khoản, điểm ({why}); viết theo dạng \"Điều 5\", \
             \"khoản 2 Điều 5\" hoặc \"điểm a khoản 2 Điều 5\"",
            "\"{text}\" is not a unit reference ({why}); write e.g. \"Điều 5\", \"khoản 2 Điều 5\" \
             or \"điểm a khoản 2 Điều 5\"";
            why = self.why
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        let u = Unit::parse("điểm a khoản 2 Điều 5").unwrap();
        assert_eq!(u.to_string(), "điểm a khoản 2 Điều 5");
        assert_eq!(
            Unit::parse("  Khoản 3  điều 12 ").unwrap().to_string(),
            "khoản 3 Điều 12"
        );
        assert_eq!(Unit::parse("Điều 5a").unwrap().to_string(), "Điều 5a");
        assert_eq!(
            Unit::parse("điểm đ khoản 1 Điều 7").unwrap().short(),
            "điểm đ"
        );
        assert!(Unit::parse("khoản 2").is_err());
        assert!(Unit::parse("điểm a Điều 5").is_err());
        assert!(
            Unit::parse("mục 2 Điều 5")
                .unwrap_err()
                .to_string()
                .contains("mục")
        );
    }

    #[test]
    fn errors_read_in_vietnamese_and_english() {
        use crate::i18n::Lang;
        let e = Unit::parse("mục 2 Điều 5").unwrap_err();
        assert_eq!(
            e.message(Lang::Vi),
            "không đọc được \"mục 2 Điều 5\" là Điều, khoản, điểm (không hiểu từ \"mục\"); \
             viết theo dạng \"Điều 5\", \"khoản 2 Điều 5\" hoặc \"điểm a khoản 2 Điều 5\""
        );
        // Display and the English message agree, word for word.
        assert_eq!(e.message(Lang::En), e.to_string());
        assert!(
            e.to_string()
                .starts_with("\"mục 2 Điều 5\" is not a unit reference (unexpected word \"mục\")"),
            "{e}"
        );
        for (input, vi) in [
            ("khoản 2", "(thiếu Điều)"),
            ("điểm a Điều 5", "(điểm phải ghi kèm khoản)"),
            ("Điều", "(thiếu số của Điều)"),
            ("khoản x Điều 5", "(số khoản không hợp lệ)"),
            ("điểm f khoản 1 Điều 5", "(chữ cái của điểm không hợp lệ)"),
            ("khoản 1 Điều 5 điểm", "(thiếu chữ cái của điểm)"),
        ] {
            let e = Unit::parse(input).unwrap_err();
            assert!(
                e.message(Lang::Vi).contains(vi),
                "{input}: {}",
                e.message(Lang::Vi)
            );
            assert_ne!(e.message(Lang::Vi), e.message(Lang::En));
        }
    }

    #[test]
    fn inserted_units_are_numbered_as_the_rules_say() {
        let p = |s| Unit::parse(s).unwrap();
        assert_eq!(p("Điều 5").inserted_after(1).short(), "Điều 5a");
        assert_eq!(
            p("khoản 2 Điều 5").inserted_after(1).to_string(),
            "khoản 2a Điều 5"
        );
        assert_eq!(p("khoản 2 Điều 5").inserted_after(2).short(), "khoản 2b");
        assert_eq!(
            p("điểm a khoản 1 Điều 7").inserted_after(1).short(),
            "điểm a1"
        );
        assert_eq!(p("khoản 2 Điều 5").inserted_after(1).own_label(), "2a.");
        assert_eq!(
            p("điểm a khoản 1 Điều 7").inserted_after(1).own_label(),
            "a1)"
        );
    }

    #[test]
    fn document_order() {
        let mut v: Vec<Unit> = [
            "khoản 1 Điều 12",
            "Điều 5a",
            "điểm đ khoản 2 Điều 5",
            "Điều 5",
            "điểm d khoản 2 Điều 5",
            "khoản 2a Điều 5",
            "khoản 10 Điều 5",
            "khoản 2 Điều 5",
        ]
        .iter()
        .map(|s| Unit::parse(s).unwrap())
        .collect();
        v.sort();
        let s: Vec<String> = v.iter().map(Unit::to_string).collect();
        assert_eq!(
            s,
            [
                "Điều 5",
                "khoản 2 Điều 5",
                "điểm d khoản 2 Điều 5",
                "điểm đ khoản 2 Điều 5",
                "khoản 2a Điều 5",
                "khoản 10 Điều 5",
                "Điều 5a",
                "khoản 1 Điều 12",
            ]
        );
    }
}
