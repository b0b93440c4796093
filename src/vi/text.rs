//! Text utilities: NFC, Vietnamese-safe case mapping, ASCII slugs and the canonical tone
//! placement used to match keys (VN-FORMAT.md §4.6).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// NFC form of `s`. Text from macOS file names, PDFs or Unikey's "tổ hợp" mode arrives as
/// NFD; comparing it unnormalised fails silently.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Upper case, NFC in and out. Rust's case mapping is locale-independent (no Turkish
/// dotless-i rules), which is what Vietnamese needs: ư → Ư, đ → Đ, ệ → Ệ.
pub fn upper(s: &str) -> String {
    nfc(&nfc(s).to_uppercase())
}

/// Lower case, NFC in and out.
pub fn lower(s: &str) -> String {
    nfc(&nfc(s).to_lowercase())
}

/// First character upper-cased, the rest unchanged (for "Bằng chữ: Một tỷ …").
pub fn upper_first(s: &str) -> String {
    let s = nfc(s);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The first letter in lower case, the rest as written: a title quoted inside a sentence
/// ("Sửa đổi … Thông tư số 46/2012/TT-BCT" → "sửa đổi … Thông tư số 46/2012/TT-BCT"),
/// where lower-casing everything would wreck proper names and document numbers.
pub fn lower_first(s: &str) -> String {
    let s = nfc(s);
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// ASCII slug: lower case, diacritics removed, đ → d (đ has no decomposition), every run of
/// other characters becomes one `-`: "Thành phố Hồ Chí Minh" → "thanh-pho-ho-chi-minh".
pub fn slug(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut dash = false;
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            'đ' | 'Đ' => 'd',
            c => c.to_ascii_lowercase(),
        };
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c);
        } else {
            dash = true;
        }
    }
    out
}

/// The five tone marks as combining characters (NFD).
const TONES: [char; 5] = ['\u{300}', '\u{309}', '\u{303}', '\u{301}', '\u{323}'];

fn is_vowel(c: char) -> bool {
    matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y')
}

/// Moves the tone of one NFD syllable (letters with their marks) to the new-style position.
fn canon_syllable(letters: &mut [(char, Vec<char>)]) {
    let n = letters.len();
    if n < 2 {
        return;
    }
    let (a, b) = (&letters[n - 2], &letters[n - 1]);
    let pair = (a.0.to_ascii_lowercase(), b.0.to_ascii_lowercase());
    if !matches!(pair, ('o', 'a') | ('o', 'e') | ('u', 'y')) {
        return;
    }
    // Only tone marks allowed on the pair: "oă", "uê", "uơ" have their own rules.
    let only_tones = |m: &Vec<char>| m.iter().all(|c| TONES.contains(c));
    if !only_tones(&a.1) || !only_tones(&b.1) {
        return;
    }
    if n >= 3 {
        let before = letters[n - 3].0;
        // "qu" is a consonant: "quý" has no variant; a third vowel makes another pattern.
        if is_vowel(before) || (pair.0 == 'u' && before.eq_ignore_ascii_case(&'q')) {
            return;
        }
    }
    let moved: Vec<char> = letters[n - 1].1.drain(..).collect();
    letters[n - 2].1.extend(moved);
}

/// Canonical tone placement for matching keys: old-style "hoà, hoá, thuý, uỷ, khoẻ" and
/// new-style "hòa, hóa, thúy, ủy, khỏe" both become the new style (tone on the first vowel
/// of an open "oa", "oe", "uy" syllable), the style of current government documents. Use
/// it for comparisons only; output keeps the user's spelling. Output is NFC.
pub fn canonical_tone(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut syl: Vec<(char, Vec<char>)> = Vec::new();
    let flush = |syl: &mut Vec<(char, Vec<char>)>, out: &mut String| {
        canon_syllable(syl);
        for (c, marks) in syl.drain(..) {
            out.push(c);
            out.extend(marks);
        }
    };
    for c in s.nfd() {
        if is_combining_mark(c) {
            match syl.last_mut() {
                Some(last) => last.1.push(c),
                None => out.push(c),
            }
        } else if c.is_alphabetic() {
            syl.push((c, Vec::new()));
        } else {
            flush(&mut syl, &mut out);
            out.push(c);
        }
    }
    flush(&mut syl, &mut out);
    nfc(&out)
}

/// Key under which two cells count as the same value: NFC plus canonical tone placement.
pub fn match_key(s: &str) -> String {
    canonical_tone(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_mapping() {
        assert_eq!(
            upper("cộng hòa xã hội chủ nghĩa việt nam"),
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
        );
        assert_eq!(upper("đường ưu tiên"), "ĐƯỜNG ƯU TIÊN");
        assert_eq!(lower("ĐỘC LẬP"), "độc lập");
        assert_eq!(upper("istanbul i"), "ISTANBUL I");
        // NFD in, NFC out
        assert_eq!(upper("ho\u{300}a"), "HÒA");
        assert_eq!(upper_first("một tỷ"), "Một tỷ");
        assert_eq!(upper_first("âm một"), "Âm một");
        assert_eq!(upper_first(""), "");
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Thành phố Hồ Chí Minh"), "thanh-pho-ho-chi-minh");
        assert_eq!(slug("Đắk Lắk"), "dak-lak");
        assert_eq!(slug("  Báo cáo (quý III/2025)!  "), "bao-cao-quy-iii-2025");
        assert_eq!(slug("Ưu đãi"), "uu-dai");
        assert_eq!(slug("---"), "");
    }

    #[test]
    fn tone_placement() {
        for (old, new) in [
            ("hoà", "hòa"),
            ("hoá", "hóa"),
            ("thuý", "thúy"),
            ("uỷ", "ủy"),
            ("Uỷ ban", "Ủy ban"),
            ("khoẻ", "khỏe"),
            ("CỘNG HOÀ", "CỘNG HÒA"),
            ("hoạ", "họa"),
        ] {
            assert_eq!(canonical_tone(old), new, "{old}");
            assert_eq!(canonical_tone(new), new, "{new}");
        }
        for same in [
            "quý",
            "Quỳnh",
            "hoàng",
            "thuế",
            "khuya",
            "ngoài",
            "tuỳ tiện x",
            "mùa",
        ] {
            let expect = if same.starts_with("tuỳ") {
                "tùy tiện x"
            } else {
                same
            };
            assert_eq!(canonical_tone(same), expect, "{same}");
        }
        assert_eq!(canonical_tone("ho\u{0300}a"), "hòa");
        assert_eq!(match_key("Hoà Bình"), match_key("Hòa Bình"));
    }
}
