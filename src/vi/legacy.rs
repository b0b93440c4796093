//! Repair of text typed in the pre-Unicode Vietnamese fonts (VN-FORMAT.md §4.5).
//!
//! Old workbooks hold text typed with TCVN3 (ABC) fonts such as `.VnTime` or with VNI fonts
//! such as `VNI-Times`. Excel hands that text over as the Windows-1252 characters of the
//! font's bytes: "B¸o c¸o t×nh h×nh" (TCVN3) or "Baùo caùo tình hình" (VNI). The reliable way
//! to know is the cell's font name, which the workbook reader sees; [`detect_legacy`] is
//! the fallback heuristic for text whose font is unknown. Every conversion ends in NFC.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

use super::text::{nfc, upper};

/// A legacy encoding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Legacy {
    /// TCVN 5712:1993 VN3 / ABC, fonts `.VnTime`, `.VnArial`, …
    Tcvn3,
    /// VNI-Windows, fonts `VNI-Times`, `VNI-Helve`, …
    Vni,
}

/// What [`repair`] does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum RepairMode {
    /// Leave the text alone (only NFC). Default, because a false repair garbles good text.
    #[default]
    Off,
    /// Convert when [`detect_legacy`] recognises an encoding.
    Auto,
    /// The text is TCVN3 (e.g. the cell font is `.VnTime`).
    Tcvn3,
    /// The text is TCVN3 typed in an upper-case "H" font (`.VnTimeH`, `.VnArialH`).
    Tcvn3Upper,
    /// The text is VNI (e.g. the cell font is `VNI-Times`).
    Vni,
}

/// U+00A1..=U+00FF (the TCVN3 bytes A1..FF as Windows-1252 characters) to Unicode, as glibc
/// `iconv -f TCVN5712-1` decodes those bytes. ABC files use the lower-case subset listed in
/// §4.5; the capitals (AF, BA, BF–C5, CD, D9–DB, E0, F0, FF) and the combining tone marks
/// (B0–B4) are the rest of VN1. Bytes below A1 are not mapped: in VN1 they are control-range
/// capitals that Windows-1252 text cannot carry faithfully.
const TCVN3_A1_FF: [char; 95] = [
    'Ă', 'Â', 'Ê', 'Ô', 'Ơ', 'Ư', 'Đ', 'ă', // A1
    'â', 'ê', 'ô', 'ơ', 'ư', 'đ', 'Ằ', '\u{300}', // A9
    '\u{309}', '\u{303}', '\u{301}', '\u{323}', 'à', 'ả', 'ã', 'á', // B1
    'ạ', 'Ẳ', 'ằ', 'ẳ', 'ẵ', 'ắ', 'Ẵ', 'Ắ', // B9
    'Ầ', 'Ẩ', 'Ẫ', 'Ấ', 'Ề', 'ặ', 'ầ', 'ẩ', // C1
    'ẫ', 'ấ', 'ậ', 'è', 'Ể', 'ẻ', 'ẽ', 'é', // C9
    'ẹ', 'ề', 'ể', 'ễ', 'ế', 'ệ', 'ì', 'ỉ', // D1
    'Ễ', 'Ế', 'Ồ', 'ĩ', 'í', 'ị', 'ò', 'Ổ', // D9
    'ỏ', 'õ', 'ó', 'ọ', 'ồ', 'ổ', 'ỗ', 'ố', // E1
    'ộ', 'ờ', 'ở', 'ỡ', 'ớ', 'ợ', 'ù', 'Ỗ', // E9
    'ủ', 'ũ', 'ú', 'ụ', 'ừ', 'ử', 'ữ', 'ứ', // F1
    'ự', 'ỳ', 'ỷ', 'ỹ', 'ý', 'ỵ', 'Ố', // F9
];

fn tcvn3_char(c: char) -> Option<char> {
    let i = (c as u32).checked_sub(0xA1)?;
    TCVN3_A1_FF.get(i as usize).copied()
}

/// TCVN3 text (as Windows-1252 characters) to Unicode NFC. Set `upper` for runs in the "H"
/// fonts (`.VnTimeH`), which draw the lower-case codes as capitals; the result is then
/// upper-cased. Characters outside U+00A1..=U+00FF pass through.
pub fn tcvn3_to_unicode(s: &str, upper_font: bool) -> String {
    let out: String = s.chars().map(|c| tcvn3_char(c).unwrap_or(c)).collect();
    if upper_font { upper(&out) } else { nfc(&out) }
}

const SAC: char = '\u{301}';
const HUYEN: char = '\u{300}';
const HOI: char = '\u{309}';
const NGA: char = '\u{303}';
const NANG: char = '\u{323}';
const CIRCUMFLEX: char = '\u{302}';
const BREVE: char = '\u{306}';

/// Tone of a plain VNI tone modifier (after a, e, o, u, y, ơ, ư).
fn vni_tone(m: char) -> Option<char> {
    Some(match m {
        'ù' => SAC,
        'ø' => HUYEN,
        'û' => HOI,
        'õ' => NGA,
        'ï' => NANG,
        _ => return None,
    })
}

/// Shape mark and tone of a modifier that adds a circumflex (after a, e, o).
fn vni_circumflex(m: char) -> Option<Option<char>> {
    Some(match m {
        'â' => None,
        'á' => Some(SAC),
        'à' => Some(HUYEN),
        'å' => Some(HOI),
        'ã' => Some(NGA),
        'ä' => Some(NANG),
        _ => return None,
    })
}

/// Shape mark and tone of a modifier that adds a breve (after a).
fn vni_breve(m: char) -> Option<Option<char>> {
    Some(match m {
        'ê' => None,
        'é' => Some(SAC),
        'è' => Some(HUYEN),
        'ú' => Some(HOI),
        'ü' => Some(NGA),
        'ë' => Some(NANG),
        _ => return None,
    })
}

fn compose(base: char, marks: &[char], capital: bool) -> char {
    let s: String = std::iter::once(base)
        .chain(marks.iter().copied())
        .nfc()
        .collect();
    let s = if capital { s.to_uppercase() } else { s };
    s.chars().next().unwrap_or(base)
}

/// Unicode base letter of a VNI base character (ô and ö stand for ơ and ư).
fn vni_base(b: char) -> Option<char> {
    Some(match b {
        'a' | 'e' | 'o' | 'u' | 'y' => b,
        'ô' => 'ơ',
        'ö' => 'ư',
        _ => return None,
    })
}

/// A two-character VNI sequence (base letter + modifier), either case.
fn vni_pair(b: char, m: char) -> Option<char> {
    let capital = b.is_uppercase();
    let bl = b.to_lowercase().next()?;
    let ml = m.to_lowercase().next()?;
    let base = vni_base(bl)?;
    if let Some(t) = vni_tone(ml) {
        // ỵ is the single character î, not y + ï.
        if bl == 'y' && t == NANG {
            return None;
        }
        return Some(compose(base, &[t], capital));
    }
    let shaped = match bl {
        'a' | 'e' | 'o' => vni_circumflex(ml).map(|t| (CIRCUMFLEX, t)),
        _ => None,
    }
    .or_else(|| {
        if bl == 'a' {
            vni_breve(ml).map(|t| (BREVE, t))
        } else {
            None
        }
    })?;
    let mut marks = vec![shaped.0];
    marks.extend(shaped.1);
    Some(compose(base, &marks, capital))
}

/// A single VNI character that stands for a Vietnamese letter on its own.
fn vni_single(c: char) -> Option<char> {
    Some(match c {
        'æ' => 'ỉ',
        'ó' => 'ĩ',
        'ò' => 'ị',
        'î' => 'ỵ',
        'ô' => 'ơ',
        'ö' => 'ư',
        'ñ' => 'đ',
        'Æ' => 'Ỉ',
        'Ó' => 'Ĩ',
        'Ò' => 'Ị',
        'Î' => 'Ỵ',
        'Ô' => 'Ơ',
        'Ö' => 'Ư',
        'Ñ' => 'Đ',
        _ => return None,
    })
}

/// VNI text (as Windows-1252 characters) to Unicode NFC. Two-character sequences are
/// matched before single characters ("oâ" is ô, a lone "ô" is ơ); í and ì are the same in
/// both. Upper and lower case follow the base letter.
pub fn vni_to_unicode(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(u) = chars.get(i + 1).and_then(|&m| vni_pair(c, m)) {
            out.push(u);
            i += 2;
        } else {
            out.push(vni_single(c).unwrap_or(c));
            i += 1;
        }
    }
    nfc(&out)
}

/// Letters of Unicode Vietnamese that live in Latin-1 (so may appear in either world).
fn is_vi_latin1(c: char) -> bool {
    "ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý".contains(c)
}

/// Characters that only Unicode Vietnamese text contains: letters above Latin-1 (ă đ ĩ ũ
/// ơ ư and the toned letters U+1EA0..U+1EF9) and combining marks.
fn is_unicode_vi(c: char) -> bool {
    matches!(
        c,
        'Ă' | 'ă' | 'Đ' | 'đ' | 'Ĩ' | 'ĩ' | 'Ũ' | 'ũ' | 'Ơ' | 'ơ' | 'Ư' | 'ư'
    ) || ('\u{1EA0}'..='\u{1EF9}').contains(&c)
        || ('\u{300}'..='\u{36F}').contains(&c)
}

/// Whether `s` holds a character that only Unicode Vietnamese text has (ă đ ĩ ũ ơ ư, the
/// toned letters U+1EA0..U+1EF9 or a combining mark): such text is never legacy-encoded, so
/// the workbook reader never converts it, whatever the cell's font says.
pub fn has_unicode_vietnamese(s: &str) -> bool {
    s.chars().any(is_unicode_vi)
}

fn count_tones(word: &str) -> usize {
    word.nfd()
        .filter(|c| [SAC, HUYEN, HOI, NGA, NANG].contains(c))
        .count()
}

/// How implausible a decoded text is: words with two or more tones, plus Latin-1 characters
/// left that Vietnamese does not use.
fn penalty(decoded: &str) -> usize {
    let multi = decoded
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| count_tones(w) >= 2)
        .count();
    let foreign = decoded
        .chars()
        .filter(|&c| ('\u{A1}'..='\u{FF}').contains(&c) && !is_vi_latin1(c))
        .count();
    multi + foreign
}

/// Evidence scores (TCVN3, VNI) of a string.
fn scores(s: &str) -> (usize, usize) {
    let chars: Vec<char> = s.chars().collect();
    let letter = |i: Option<usize>| {
        i.and_then(|i| chars.get(i))
            .is_some_and(|c| c.is_alphabetic())
    };
    let (mut tcvn, mut vni) = (0, 0);
    for (i, &c) in chars.iter().enumerate() {
        let (before, after) = (letter(i.checked_sub(1)), letter(Some(i + 1)));
        if tcvn3_char(c).is_some() && !is_vi_latin1(c) {
            tcvn += usize::from(before) + usize::from(after);
        }
        if let Some(&m) = chars.get(i + 1) {
            let unicode_old_style = c.eq_ignore_ascii_case(&'o') && "àáãÀÁÃ".contains(m);
            if vni_pair(c, m).is_some() && !unicode_old_style {
                vni += 3;
            }
            if matches!((c, m), ('ö', 'ô') | ('Ö', 'Ô')) {
                vni += 2;
            }
        }
        if matches!(c, 'ñ' | 'Ñ') && !before && after {
            vni += 1;
        }
    }
    (tcvn, vni)
}

/// Guesses whether `s` is TCVN3 or VNI text seen through Windows-1252.
///
/// Heuristic, in order:
/// 1. plain ASCII, or any character only Unicode Vietnamese has (ă đ ơ ư ạ … or a combining
///    mark) → `None`: real Unicode Vietnamese almost always contains one;
/// 2. TCVN3 evidence: each TCVN3 code that is not a Vietnamese Latin-1 letter scores 1 per
///    neighbouring letter (so "Kh¬ng" scores 2, a lone "®" after a brand name scores 1, and
///    "2 × 3" scores 0); VNI evidence: each base+modifier pair scores 3 (except o + à/á/ã,
///    which old-style Unicode "hoà" also has), "öô" (ươ) 2, a word-initial "ñ" (đ) 1;
/// 3. an encoding needs a score of at least 2; if both qualify, the one whose decoding is
///    more plausible (fewer words with two tones, fewer leftover Latin-1 symbols) wins, then
///    the higher score, then TCVN3.
///
/// Short strings may stay undetected ("lµ" alone); prefer the cell font when it is known.
pub fn detect_legacy(s: &str) -> Option<Legacy> {
    if s.is_ascii() || s.chars().any(is_unicode_vi) {
        return None;
    }
    let (tcvn, vni) = scores(s);
    match (tcvn >= 2, vni >= 2) {
        (false, false) => None,
        (true, false) => Some(Legacy::Tcvn3),
        (false, true) => Some(Legacy::Vni),
        (true, true) => {
            let pt = penalty(&tcvn3_to_unicode(s, false));
            let pv = penalty(&vni_to_unicode(s));
            Some(
                if (pv, std::cmp::Reverse(vni)) < (pt, std::cmp::Reverse(tcvn)) {
                    Legacy::Vni
                } else {
                    Legacy::Tcvn3
                },
            )
        }
    }
}

/// Repairs `s` according to `mode`; the result is always NFC, and borrowed when nothing
/// changed.
pub fn repair(s: &str, mode: RepairMode) -> Cow<'_, str> {
    let fixed = match mode {
        RepairMode::Off => None,
        RepairMode::Tcvn3 => Some(tcvn3_to_unicode(s, false)),
        RepairMode::Tcvn3Upper => Some(tcvn3_to_unicode(s, true)),
        RepairMode::Vni => Some(vni_to_unicode(s)),
        RepairMode::Auto => match detect_legacy(s) {
            Some(Legacy::Tcvn3) => Some(tcvn3_to_unicode(s, false)),
            Some(Legacy::Vni) => Some(vni_to_unicode(s)),
            None => None,
        },
    };
    let out = fixed.unwrap_or_else(|| nfc(s));
    if out == s {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(out)
    }
}

#[cfg(test)]
mod tests;
