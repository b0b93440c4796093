//! Text widths from the embedded fonts' own advance widths: Liberation Serif, the face
//! the PDF is set in, whose advances are those of Times New Roman, the face the DOCX
//! names (metric-compatible by design). Both writers therefore break and measure the
//! same lines.
//!
//! Kerning is left out: Word does not kern Times New Roman by default, and Typst's
//! kerning only narrows a line by a fraction of a point, which the fit slack covers.

use std::sync::OnceLock;

use ttf_parser::Face;
use unicode_normalization::UnicodeNormalization;

use crate::pdf::fonts::FONT_FILES;

/// Weight of the face a text is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// The regular and bold faces, parsed once per process.
fn faces() -> &'static [Option<Face<'static>>; 2] {
    static FACES: OnceLock<[Option<Face<'static>>; 2]> = OnceLock::new();
    FACES.get_or_init(|| {
        let face = |i: usize| Face::parse(FONT_FILES[i].1, 0).ok();
        [face(0), face(1)]
    })
}

/// Width in points of `text` set in Liberation Serif (Times New Roman's metric twin) at
/// `size_pt`, one line, without kerning.
pub fn text_width_pt(text: &str, size_pt: f64, weight: Weight) -> f64 {
    let index = match weight {
        Weight::Regular => 0,
        Weight::Bold => 1,
    };
    let Some(font) = &faces()[index] else {
        // The fonts are compiled in; a face that does not parse is a build defect the
        // font tests catch. Half an em per character keeps the layout usable meanwhile.
        return text.chars().count() as f64 * 0.5 * size_pt;
    };
    let em: f64 = text.chars().map(|c| advance_em(font, c)).sum();
    em * size_pt
}

/// Advance of one character in em: its own glyph, or, for a precomposed letter the face
/// lacks, the glyph of its base letter (the marks do not widen it).
fn advance_em(font: &Face, c: char) -> f64 {
    let per_em = f64::from(font.units_per_em().max(1));
    let glyph = |c: char| {
        font.glyph_index(c)
            .and_then(|g| font.glyph_hor_advance(g))
            .map(|units| f64::from(units) / per_em)
    };
    glyph(c)
        .or_else(|| c.to_string().nfd().next().and_then(glyph))
        .unwrap_or(0.5)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Both faces load from the embedded files.
    #[test]
    fn faces_load() {
        assert!(faces().iter().all(Option::is_some));
    }

    /// Liberation Serif's advances are Times': "A" is 0.722 em in both weights, a space
    /// 0.25 em; a Vietnamese capital is as wide as its base letter.
    #[test]
    fn advances_are_the_fonts() {
        let a = text_width_pt("A", 1000.0, Weight::Bold);
        assert!((a - 722.0).abs() < 1.0, "{a}");
        let space = text_width_pt(" ", 1000.0, Weight::Regular);
        assert!((space - 250.0).abs() < 1.0, "{space}");
        let e = text_width_pt("E", 13.0, Weight::Bold);
        assert!((text_width_pt("Ệ", 13.0, Weight::Bold) - e).abs() < 0.01);
    }
}
