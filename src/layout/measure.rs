//! The lengths of the form that depend on the document's own words — the header's
//! column widths and the lengths of the rules — computed once, by one algorithm, for
//! both writers ([`measure`]).
//!
//! Text widths are estimated from the standard Times advance widths (Liberation Serif,
//! the embedded PDF font, and Times New Roman, Word's, share them), Vietnamese letters
//! measured as their base letter. Measured against Typst's layout the estimate is
//! within ±5 % on capitals and ±8 % on mixed case; the rules and columns need no more
//! (the short rules may be 1/3–1/2 of their line). Issue 18 may replace the estimate
//! with the embedded fonts' own advances; the algorithm stays here.

use serde::{Deserialize, Serialize};

use super::Layout;
use crate::document::{Document, HeaderKind};

/// Millimetres per point.
const MM_PER_PT: f64 = 25.4 / 72.0;

/// A4 in millimetres.
const A4_MM: (f64, f64) = (210.0, 297.0);

/// The document-dependent lengths, in points.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// Width between the margins of the main part's pages.
    pub text_width_pt: f64,
    /// The header block's two columns: the agency's (left) and the Quốc hiệu's (right).
    pub header_columns_pt: [f64; 2],
    /// The rule under the cơ quan ban hành; 0 without an agency.
    pub agency_rule_pt: f64,
    /// The rule under the Tiêu ngữ.
    pub motto_rule_pt: f64,
    /// The rule under the title (trích yếu, or a tên loại alone); 0 without a title block.
    pub title_rule_pt: f64,
}

/// The header columns and rule lengths of `doc` under its layout.
pub fn measure(doc: &Document) -> Measured {
    let layout = &doc.layout;
    let text_width = text_width_of(doc);
    let h = &doc.header;
    let header_columns_pt = header_columns(
        layout,
        &h.agency,
        &h.parent_agency,
        h.agency_only,
        text_width,
    );
    let small = layout.fonts.small_pt;
    let agency = widest_line_pt(&doc.header.agency, small, Weight::Bold);
    let agency_rule_pt = layout.rules.short_ratio * agency.min(header_columns_pt[0]);
    let motto_rule_pt = layout.rules.motto_ratio
        * text_width_pt(&layout.words.tieu_ngu, layout.fonts.body_pt, Weight::Bold);
    let title_rule_pt = match doc.header.kind {
        HeaderKind::Titled => {
            let line = if doc.header.summary.trim().is_empty() {
                &doc.header.doc_type
            } else {
                &doc.header.summary
            };
            let widest = widest_line_pt(line, layout.fonts.body_pt, Weight::Bold);
            layout.rules.short_ratio * widest.min(text_width)
        }
        HeaderKind::CongVan | HeaderKind::Plain => 0.0,
    };
    Measured {
        text_width_pt: text_width,
        header_columns_pt,
        agency_rule_pt,
        motto_rule_pt,
        title_rule_pt,
    }
}

/// The width between the margins of the main part, in points.
fn text_width_of(doc: &Document) -> f64 {
    let p = &doc.page;
    let page = if p.landscape { A4_MM.1 } else { A4_MM.0 };
    ((page - p.margin_left_mm - p.margin_right_mm) / MM_PER_PT).max(0.0)
}

/// The left column takes `left_min_share` of the width and grows to hold the agency
/// name (and the parent agency) on their lines, as long as the right column still
/// holds the Quốc hiệu on one line — a name broken by the column ("CỤC CÔNG NGHIỆP ĐỊA
/// / PHƯƠNG") reads badly. A name that still does not fit wraps, which the decree allows;
/// a `\n` in the data chooses the break.
fn header_columns(
    layout: &Layout,
    agency: &str,
    parent: &str,
    agency_only: bool,
    total: f64,
) -> [f64; 2] {
    let slack = layout.header.fit_slack;
    let small = layout.fonts.small_pt;
    let quoc_hieu = text_width_pt(&layout.words.quoc_hieu, small, Weight::Bold) * slack;
    // A register book's cover has no Quốc hiệu to keep room for.
    let right_min = if agency_only {
        0.0
    } else {
        quoc_hieu.min(total * layout.header.right_max_share)
    };
    let left_max = total - right_min;
    let agency = widest_line_pt(agency, small, Weight::Bold);
    let parent = widest_line_pt(parent, small, Weight::Regular);
    let wanted = agency.max(parent) * slack;
    let left = wanted.clamp(
        (total * layout.header.left_min_share).min(left_max),
        left_max,
    );
    [left, total - left]
}

/// Weight of the face whose advances are estimated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// Estimated width in points of `text` set in Times New Roman (or Liberation Serif, its
/// metric twin) at `size_pt`.
pub fn text_width_pt(text: &str, size_pt: f64, weight: Weight) -> f64 {
    let em: f64 = text.chars().map(|c| advance_em(c, weight)).sum();
    em * size_pt
}

/// Width of the widest of the lines of `text` (split at `\n`), in points.
pub fn widest_line_pt(text: &str, size_pt: f64, weight: Weight) -> f64 {
    text.split('\n')
        .map(|line| text_width_pt(line.trim(), size_pt, weight))
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

    /// VN-FORMAT §1.2 measured "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG" at 12 pt bold as ≈ 69 mm and
    /// "Độc lập - Tự do - Hạnh phúc" at 13 pt bold as ≈ 56 mm.
    #[test]
    fn estimates_match_measured_widths() {
        let agency = text_width_pt("CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG", 12.0, Weight::Bold) * MM_PER_PT;
        assert!((agency - 69.0).abs() < 69.0 * 0.05, "{agency}");
        let motto = text_width_pt("Độc lập - Tự do - Hạnh phúc", 13.0, Weight::Bold) * MM_PER_PT;
        assert!((motto - 56.0).abs() < 56.0 * 0.08, "{motto}");
    }

    #[test]
    fn widest_line_uses_longest_line() {
        let one = widest_line_pt("CỤC CÔNG NGHIỆP", 12.0, Weight::Bold);
        let two = widest_line_pt("CỤC CÔNG NGHIỆP\nĐỊA", 12.0, Weight::Bold);
        assert_eq!(one, two);
    }

    /// 165 mm of text: 467.7 pt.
    const WIDTH: f64 = 165.0 / MM_PER_PT;

    #[test]
    fn columns_are_forty_sixty_for_a_short_agency() {
        let l = Layout::new(crate::layout::Form::Nd30, crate::document::SizeSet::Small);
        let [left, right] = header_columns(&l, "CỤC", "", false, WIDTH);
        assert!((left - WIDTH * 0.4).abs() < 1e-9 && (left + right - WIDTH).abs() < 1e-9);
    }

    #[test]
    fn columns_widen_for_a_long_agency_but_keep_the_quoc_hieu_on_one_line() {
        let agency = "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG";
        let small = Layout::new(crate::layout::Form::Nd30, crate::document::SizeSet::Small);
        let [left, right] = header_columns(&small, agency, "", false, WIDTH);
        assert!(left > text_width_pt(agency, 12.0, Weight::Bold), "{left}");
        assert!(right > text_width_pt(&small.words.quoc_hieu, 12.0, Weight::Bold));
        // 13 pt: the Quốc hiệu needs ≈ 96 mm, so the agency has to wrap.
        let large = Layout::new(crate::layout::Form::Nd30, crate::document::SizeSet::Large);
        let [_, right] = header_columns(&large, agency, "", false, WIDTH);
        assert!(right > text_width_pt(&large.words.quoc_hieu, 13.0, Weight::Bold));
        // A register book's cover keeps no room for a Quốc hiệu.
        let [left, _] = header_columns(&large, &agency.repeat(3), "", true, WIDTH);
        assert!((left - WIDTH).abs() < 1e-9);
    }
}
