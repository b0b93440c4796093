//! Unit conversions and a rough text-width estimate.
//!
//! Word lays text out itself, so the writer never needs exact metrics. It needs widths in
//! two places only: the short rules under the agency name and the trích yếu (Decree 30
//! wants them 1/3–1/2 of the text line), and the rule under the Tiêu ngữ (as long as the
//! text). ±15 % is good enough there, so a small advance table for Times New Roman
//! (the standard Times AFM widths, in em) is used instead of reading a font file.

/// Twips (1/20 pt) per millimetre: 1440 twips per inch, 25.4 mm per inch.
const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Millimetres to twips, rounded to the nearest twip.
pub(crate) fn mm_to_twips(mm: f64) -> i32 {
    (mm * TWIPS_PER_MM).round() as i32
}

/// Points to the half-points of `w:sz`.
pub(crate) fn half_points(pt: f64) -> usize {
    (pt * 2.0).round().max(1.0) as usize
}

/// Points to twips.
pub(crate) fn pt_to_twips(pt: f64) -> f64 {
    pt * 20.0
}

/// Weight of the face whose advances are estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

/// Estimated width in twips of `text` set in Times New Roman at `size_pt`.
pub(crate) fn text_width_twips(text: &str, size_pt: f64, weight: Weight) -> f64 {
    let em: f64 = text.chars().map(|c| advance_em(c, weight)).sum();
    pt_to_twips(em * size_pt)
}

/// Width of the widest of the lines of `text` (split at `\n`), in twips.
pub(crate) fn widest_line_twips(text: &str, size_pt: f64, weight: Weight) -> f64 {
    text.split('\n')
        .map(|line| text_width_twips(line.trim(), size_pt, weight))
        .fold(0.0, f64::max)
}

/// Advance of one character in em. Vietnamese letters are measured as their base letter:
/// the diacritics sit above or below and do not widen the glyph.
fn advance_em(c: char, weight: Weight) -> f64 {
    let base = base_letter(c);
    let bold = weight == Weight::Bold;
    match base {
        ' ' => 0.25,
        '0'..='9' => 0.5,
        'A'..='Z' => {
            let i = (base as u8 - b'A') as usize;
            if bold { BOLD_CAPS[i] } else { REGULAR_CAPS[i] }
        }
        'a'..='z' => {
            let i = (base as u8 - b'a') as usize;
            if bold {
                BOLD_LOWER[i]
            } else {
                REGULAR_LOWER[i]
            }
        }
        '.' | ',' | ';' => 0.25,
        ':' => 0.333,
        '-' | '(' | ')' | '/' => 0.333,
        _ => 0.5,
    }
}

/// Times-Bold advances of A–Z, in em.
const BOLD_CAPS: [f64; 26] = [
    0.722, 0.667, 0.722, 0.722, 0.667, 0.611, 0.778, 0.778, 0.389, 0.5, 0.778, 0.667, 0.944, 0.722,
    0.778, 0.611, 0.778, 0.722, 0.556, 0.667, 0.722, 0.722, 1.0, 0.722, 0.722, 0.667,
];
/// Times-Bold advances of a–z, in em.
const BOLD_LOWER: [f64; 26] = [
    0.5, 0.556, 0.444, 0.556, 0.444, 0.333, 0.5, 0.556, 0.278, 0.333, 0.556, 0.278, 0.833, 0.556,
    0.5, 0.556, 0.556, 0.444, 0.389, 0.333, 0.556, 0.5, 0.722, 0.5, 0.5, 0.444,
];
/// Times-Roman advances of A–Z, in em.
const REGULAR_CAPS: [f64; 26] = [
    0.722, 0.667, 0.667, 0.722, 0.611, 0.556, 0.722, 0.722, 0.333, 0.389, 0.722, 0.611, 0.889,
    0.722, 0.722, 0.556, 0.722, 0.667, 0.556, 0.611, 0.722, 0.722, 0.944, 0.722, 0.722, 0.611,
];
/// Times-Roman advances of a–z, in em.
const REGULAR_LOWER: [f64; 26] = [
    0.444, 0.5, 0.444, 0.5, 0.444, 0.333, 0.5, 0.5, 0.278, 0.278, 0.5, 0.278, 0.778, 0.5, 0.5, 0.5,
    0.5, 0.333, 0.389, 0.278, 0.5, 0.5, 0.722, 0.5, 0.5, 0.444,
];

/// Precomposed Vietnamese vowels grouped by their base letter.
const VIETNAMESE_VOWELS: [(char, &str); 12] = [
    ('a', "àáảãạăằắẳẵặâầấẩẫậ"),
    ('e', "èéẻẽẹêềếểễệ"),
    ('i', "ìíỉĩị"),
    ('o', "òóỏõọôồốổỗộơờớởỡợ"),
    ('u', "ùúủũụưừứửữự"),
    ('y', "ỳýỷỹỵ"),
    ('A', "ÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ"),
    ('E', "ÈÉẺẼẸÊỀẾỂỄỆ"),
    ('I', "ÌÍỈĨỊ"),
    ('O', "ÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ"),
    ('U', "ÙÚỦŨỤƯỪỨỬỮỰ"),
    ('Y', "ỲÝỶỸỴ"),
];

/// The unaccented letter a Vietnamese letter is built on (`Ệ` → `E`, `đ` → `d`).
fn base_letter(c: char) -> char {
    match c {
        'đ' => return 'd',
        'Đ' => return 'D',
        _ if c.is_ascii() => return c,
        _ => {}
    }
    VIETNAMESE_VOWELS
        .iter()
        .find(|(_, variants)| variants.contains(c))
        .map_or(c, |(base, _)| *base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_margins_convert_to_known_twips() {
        assert_eq!(mm_to_twips(20.0), 1134);
        assert_eq!(mm_to_twips(30.0), 1701);
        assert_eq!(mm_to_twips(15.0), 850);
        assert_eq!(mm_to_twips(10.0), 567);
        assert_eq!(mm_to_twips(165.0), 9354);
    }

    /// VN-FORMAT §1.2 measured "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG" at 12 pt bold as ≈ 69 mm and
    /// "Độc lập - Tự do - Hạnh phúc" at 13 pt bold as ≈ 56 mm.
    #[test]
    fn estimates_match_measured_widths() {
        let mm = |tw: f64| tw / TWIPS_PER_MM;
        let agency = mm(text_width_twips(
            "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG",
            12.0,
            Weight::Bold,
        ));
        assert!((agency - 69.0).abs() < 69.0 * 0.05, "{agency}");
        let motto = mm(text_width_twips(
            "Độc lập - Tự do - Hạnh phúc",
            13.0,
            Weight::Bold,
        ));
        assert!((motto - 56.0).abs() < 56.0 * 0.08, "{motto}");
    }

    #[test]
    fn widest_line_uses_longest_line() {
        let one = widest_line_twips("CỤC CÔNG NGHIỆP", 12.0, Weight::Bold);
        let two = widest_line_twips("CỤC CÔNG NGHIỆP\nĐỊA", 12.0, Weight::Bold);
        assert_eq!(one, two);
    }
}
