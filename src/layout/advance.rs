//! Text widths from the embedded fonts' own advance widths: Liberation Serif, the face
//! the PDF is set in, whose advances are those of Times New Roman, the face the DOCX
//! names (metric-compatible by design). Both writers therefore break and measure the
//! same lines.
//!
//! Kerning is left out: Word does not kern Times New Roman by default, and Typst's
//! kerning only narrows a line by a fraction of a point, which the fit slack covers.

use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

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
    chars_width_pt(text.chars(), size_pt, weight)
}

/// [`text_width_pt`] of `words` joined by single spaces, without joining them: the
/// same characters summed in the same order, so the same width to the last bit.
pub(crate) fn words_width_pt(words: &[&str], size_pt: f64, weight: Weight) -> f64 {
    let chars = words
        .iter()
        .enumerate()
        .flat_map(|(k, w)| (k > 0).then_some(' ').into_iter().chain(w.chars()));
    chars_width_pt(chars, size_pt, weight)
}

/// Width in points of `chars` set one after the other.
fn chars_width_pt(chars: impl Iterator<Item = char>, size_pt: f64, weight: Weight) -> f64 {
    let index = match weight {
        Weight::Regular => 0,
        Weight::Bold => 1,
    };
    let Some(font) = &faces()[index] else {
        // The fonts are compiled in; a face that does not parse is a build defect the
        // font tests catch. Half an em per character keeps the layout usable meanwhile.
        return chars.count() as f64 * 0.5 * size_pt;
    };
    let em: f64 = chars.map(|c| cached_advance_em(index, font, c)).sum();
    em * size_pt
}

/// Characters below this have their advance kept once looked up: Latin with its
/// supplements and extensions and the Vietnamese letters (U+1E00–U+1EFF), which is
/// every character of a header, title or signature in practice.
const CACHED_BELOW: usize = 0x2000;

/// The advances looked up so far, per face, as the bitwise complement of the `f64`'s
/// bits, so that the zero of a static array means "not looked up yet". Relaxed atomics
/// suffice: every thread stores the same value for a character.
static ADVANCES: [[AtomicU64; CACHED_BELOW]; 2] =
    [const { [const { AtomicU64::new(0) }; CACHED_BELOW] }; 2];

/// [`advance_em`], kept per character: measuring breaks each title and signature into
/// lines by trying many candidate lines, and a font's character map is slower to ask
/// than an array.
fn cached_advance_em(index: usize, font: &Face, c: char) -> f64 {
    let Some(slot) = ADVANCES[index].get(c as usize) else {
        return advance_em(font, c);
    };
    match slot.load(Ordering::Relaxed) {
        0 => {
            let em = advance_em(font, c);
            slot.store(!em.to_bits(), Ordering::Relaxed);
            em
        }
        bits => f64::from_bits(!bits),
    }
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

    /// Words measured without joining them measure as the joined line, bit for bit.
    #[test]
    fn words_measure_as_their_line() {
        let words = ["CỤC", "CÔNG", "NGHIỆP", "ĐỊA", "PHƯƠNG"];
        for weight in [Weight::Regular, Weight::Bold] {
            for (i, j) in [(0, 1), (0, 5), (2, 4), (3, 3)] {
                let joined = text_width_pt(&words[i..j].join(" "), 13.0, weight);
                let apart = words_width_pt(&words[i..j], 13.0, weight);
                assert_eq!(joined.to_bits(), apart.to_bits(), "{i}..{j}");
            }
        }
    }

    /// The kept advances are the font's, bit for bit, whether looked up or kept, and a
    /// character past the kept range is looked up each time.
    #[test]
    fn kept_advances_equal_looked_up_ones() {
        let font = faces()[1].as_ref().expect("bold face");
        for c in ['A', 'Ệ', 'đ', ' ', '\u{2003}', '€', '漢'] {
            let looked_up = advance_em(font, c);
            assert_eq!(
                cached_advance_em(1, font, c).to_bits(),
                looked_up.to_bits(),
                "{c}"
            );
            assert_eq!(
                cached_advance_em(1, font, c).to_bits(),
                looked_up.to_bits(),
                "{c}"
            );
        }
    }
}
