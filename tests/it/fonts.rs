//! The embedded fonts cover every Vietnamese letter in all four styles (a box where a
//! letter should be is a release blocker).

use typst::foundations::Bytes;
use typst::text::Font;
use unicode_normalization::UnicodeNormalization;

/// The 12 vowels × 6 tones in both cases (NFC), đ/Đ, the combining tone marks and the
/// punctuation official documents use.
fn vietnamese_letters() -> Vec<char> {
    let vowels = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"];
    // none, huyền, sắc, hỏi, ngã, nặng
    let tones = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
    let mut out = Vec::new();
    for v in vowels {
        for t in tones {
            for s in [v.to_string(), v.to_uppercase()] {
                let composed: String = format!("{s}{t}").nfc().collect();
                let mut chars = composed.chars();
                let c = chars.next().unwrap();
                assert!(chars.next().is_none(), "{composed:?} is one letter in NFC");
                out.push(c);
            }
        }
    }
    out.extend([
        'đ', 'Đ', '\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}',
    ]);
    out.extend(['₫', '–', '—', '“', '”', '№']);
    out
}

#[test]
fn every_vietnamese_letter_in_every_style() {
    let letters = vietnamese_letters();
    assert_eq!(letters.len(), 144 + 7 + 6);
    let toned: usize = letters.iter().filter(|c| !c.is_ascii()).count();
    assert!(
        toned >= 134,
        "the set holds the 134 precomposed toned letters"
    );
    assert_eq!(vanban::pdf::FONT_FILES.len(), 4);
    for (name, data) in vanban::pdf::FONT_FILES {
        let font = Font::new(Bytes::new(data), 0).expect("the embedded font parses");
        let missing: Vec<char> = letters
            .iter()
            .copied()
            .filter(|&c| !font.info().coverage.contains(c as u32))
            .collect();
        assert!(missing.is_empty(), "{name} lacks {missing:?}");
        assert!(
            font.info().family.starts_with("Liberation Serif"),
            "{name} is {:?}",
            font.info().family
        );
    }
}
