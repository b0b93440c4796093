//! Tests of the legacy converters: the §4.5 table, glibc iconv, samples, round trips
//! through test-only encoders, and the detection heuristic.

use super::*;
use proptest::prelude::*;
use std::collections::HashMap;

/// The ABC subset exactly as VN-FORMAT.md §4.5 lists it.
const DOC_TABLE: &[(u8, char)] = &[
    (0xA1, 'Ă'),
    (0xA8, 'ă'),
    (0xB5, 'à'),
    (0xB6, 'ả'),
    (0xA2, 'Â'),
    (0xA9, 'â'),
    (0xB7, 'ã'),
    (0xB8, 'á'),
    (0xA3, 'Ê'),
    (0xAA, 'ê'),
    (0xB9, 'ạ'),
    (0xBB, 'ằ'),
    (0xA4, 'Ô'),
    (0xAB, 'ô'),
    (0xBC, 'ẳ'),
    (0xBD, 'ẵ'),
    (0xA5, 'Ơ'),
    (0xAC, 'ơ'),
    (0xBE, 'ắ'),
    (0xC6, 'ặ'),
    (0xA6, 'Ư'),
    (0xAD, 'ư'),
    (0xC7, 'ầ'),
    (0xC8, 'ẩ'),
    (0xA7, 'Đ'),
    (0xAE, 'đ'),
    (0xC9, 'ẫ'),
    (0xCA, 'ấ'),
    (0xCB, 'ậ'),
    (0xCC, 'è'),
    (0xCE, 'ẻ'),
    (0xCF, 'ẽ'),
    (0xD0, 'é'),
    (0xD1, 'ẹ'),
    (0xD2, 'ề'),
    (0xD3, 'ể'),
    (0xD4, 'ễ'),
    (0xD5, 'ế'),
    (0xD6, 'ệ'),
    (0xD7, 'ì'),
    (0xD8, 'ỉ'),
    (0xDC, 'ĩ'),
    (0xDD, 'í'),
    (0xDE, 'ị'),
    (0xDF, 'ò'),
    (0xE1, 'ỏ'),
    (0xE2, 'õ'),
    (0xE3, 'ó'),
    (0xE4, 'ọ'),
    (0xE5, 'ồ'),
    (0xE6, 'ổ'),
    (0xE7, 'ỗ'),
    (0xE8, 'ố'),
    (0xE9, 'ộ'),
    (0xEA, 'ờ'),
    (0xEB, 'ở'),
    (0xEC, 'ỡ'),
    (0xED, 'ớ'),
    (0xEE, 'ợ'),
    (0xEF, 'ù'),
    (0xF1, 'ủ'),
    (0xF2, 'ũ'),
    (0xF3, 'ú'),
    (0xF4, 'ụ'),
    (0xF5, 'ừ'),
    (0xF6, 'ử'),
    (0xF7, 'ữ'),
    (0xF8, 'ứ'),
    (0xF9, 'ự'),
    (0xFA, 'ỳ'),
    (0xFB, 'ỷ'),
    (0xFC, 'ỹ'),
    (0xFD, 'ý'),
    (0xFE, 'ỵ'),
];

#[test]
fn table_matches_the_spec() {
    for &(b, want) in DOC_TABLE {
        let got = tcvn3_char(char::from(b));
        assert_eq!(got, Some(want), "byte {b:02X}");
    }
    assert_eq!(tcvn3_char('\u{E9}'), Some('ộ'));
    assert_eq!(tcvn3_char('\u{EA}'), Some('ờ'));
    assert_eq!(tcvn3_char('A'), None);
    assert_eq!(tcvn3_char('\u{A0}'), None);
}

/// Every byte A1..FE against glibc, when `iconv` is on the machine.
#[test]
fn table_matches_glibc_iconv() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let bytes: Vec<u8> = (0xA1..=0xFE).collect();
    let child = Command::new("iconv")
        .args(["-f", "TCVN5712-1", "-t", "UTF-8"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        eprintln!("iconv not found: skipping the glibc comparison");
        return;
    };
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(&bytes).unwrap();
    }
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "iconv failed");
    let glibc: Vec<char> = String::from_utf8(out.stdout).unwrap().chars().collect();
    assert_eq!(glibc.len(), bytes.len());
    for (b, g) in bytes.iter().zip(&glibc) {
        assert_eq!(tcvn3_char(char::from(*b)), Some(*g), "byte {b:02X}");
    }
    // The ABC subset of §4.5 in particular.
    for &(b, want) in DOC_TABLE {
        assert_eq!(glibc[usize::from(b - 0xA1)], want, "glibc byte {b:02X}");
    }
}

#[test]
fn tcvn3_samples() {
    assert_eq!(
        tcvn3_to_unicode("B¸o c¸o t×nh h×nh", false),
        "Báo cáo tình hình"
    );
    // ư is 0xAD, a soft hyphen: invisible, and lost when the sample is copied as text.
    // VN-FORMAT.md prints "Mêng Kh¬ng" without it, which decodes to "Mờng Khơng".
    assert_eq!(
        tcvn3_to_unicode("M\u{AD}êng Kh\u{AD}¬ng", false),
        "Mường Khương"
    );
    assert_eq!(tcvn3_to_unicode("Mêng Kh¬ng", false), "Mờng Khơng");
    assert_eq!(
        tcvn3_to_unicode("céng hoµ x· héi chñ nghÜa viÖt nam", true),
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    );
    assert_eq!(tcvn3_to_unicode("§éc lËp", false), "Độc lập");
    // Combining tone marks B0..B4 end up composed (NFC).
    assert_eq!(tcvn3_to_unicode("a\u{B3}", false), "á");
}

#[test]
fn vni_samples() {
    assert_eq!(vni_to_unicode("Xin chaøo caùc baïn"), "Xin chào các bạn");
    assert_eq!(vni_to_unicode("Baùo caùo tình hình"), "Báo cáo tình hình");
    assert_eq!(vni_to_unicode("Ñöôøng"), "Đường");
    assert_eq!(vni_to_unicode("Vieät Nam"), "Việt Nam");
    assert_eq!(
        vni_to_unicode("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM"),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    );
    assert_eq!(
        vni_to_unicode("Ñoäc laäp - Töï do - Haïnh phuùc"),
        "Độc lập - Tự do - Hạnh phúc"
    );
    assert_eq!(vni_to_unicode("thuôû"), "thuở");
    assert_eq!(vni_to_unicode("ngaét"), "ngắt");
    assert_eq!(vni_to_unicode("khuyeân"), "khuyên");
    assert_eq!(vni_to_unicode("Aù"), "Á");
    assert_eq!(vni_to_unicode("AÙ"), "Á");
}

/// All 67 lower-case Vietnamese letters with diacritics (and their capitals).
const VI_LETTERS: &str = "àảãáạăằẳẵắặâầẩẫấậđèẻẽéẹêềểễếệìỉĩíịòỏõóọôồổỗốộơờởỡớợùủũúụưừửữứựỳỷỹýỵ";

fn tcvn3_encoder() -> HashMap<char, char> {
    (0xA1u32..=0xFE)
        .filter_map(|b| {
            let c = char::from_u32(b)?;
            Some((tcvn3_char(c)?, c))
        })
        .collect()
}

fn vni_encoder() -> HashMap<char, String> {
    let bases = "aeouyôöAEOUYÔÖ";
    let mods = "ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË";
    let mut m = HashMap::new();
    for b in bases.chars() {
        for x in mods.chars() {
            if let Some(u) = vni_pair(b, x) {
                // Prefer the sequence whose modifier has the base's case.
                if b.is_uppercase() == x.is_uppercase() {
                    m.insert(u, format!("{b}{x}"));
                }
            }
        }
    }
    for c in "æóòîôöñÆÓÒÎÔÖÑ".chars() {
        if let Some(u) = vni_single(c) {
            m.insert(u, c.to_string());
        }
    }
    for c in "íìÍÌ".chars() {
        m.insert(c, c.to_string());
    }
    m
}

#[test]
fn every_letter_has_a_legacy_form() {
    let t = tcvn3_encoder();
    let v = vni_encoder();
    for c in VI_LETTERS.chars() {
        assert!(t.contains_key(&c), "TCVN3 lacks {c}");
        assert!(v.contains_key(&c), "VNI lacks {c}");
        let cap = c.to_uppercase().next().unwrap_or(c);
        assert!(v.contains_key(&cap), "VNI lacks {cap}");
        assert_eq!(vni_to_unicode(&v[&c]), c.to_string());
        assert_eq!(vni_to_unicode(&v[&cap]), cap.to_string());
        assert_eq!(tcvn3_to_unicode(&t[&c].to_string(), false), c.to_string());
        assert_eq!(tcvn3_to_unicode(&t[&c].to_string(), true), cap.to_string());
    }
    assert_eq!(VI_LETTERS.chars().count(), 67);
}

const CORPUS: &[&str] = &[
    "Báo cáo tình hình phát triển công nghiệp và thương mại",
    "Cục Công nghiệp địa phương đề nghị các Sở Công Thương",
    "Ủy ban nhân dân tỉnh Hưng Yên",
    "Độc lập - Tự do - Hạnh phúc",
    "Người ký: Nguyễn Văn Trường, Phó Cục trưởng",
    "khuyến công quốc gia năm 2025 đã hoàn thành",
    "thuở ấy, những ngày tháng khó khăn",
    "Quyết định số 1234/QĐ-BCT ngày 05 tháng 01 năm 2018",
    "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến",
    "mười lăm triệu đồng",
];

fn encode_tcvn3(s: &str) -> String {
    let t = tcvn3_encoder();
    s.chars()
        .map(|c| {
            // ABC has no toned capitals: the lower-case code stands in (the text in a
            // non-H font then reads lower case, as real files do).
            let lc = c.to_lowercase().next().unwrap_or(c);
            t.get(&c).or_else(|| t.get(&lc)).copied().unwrap_or(c)
        })
        .collect()
}

fn encode_vni(s: &str) -> String {
    let v = vni_encoder();
    s.chars()
        .map(|c| v.get(&c).cloned().unwrap_or_else(|| c.to_string()))
        .collect()
}

#[test]
fn corpus_round_trips_and_detection() {
    for s in CORPUS {
        let v = encode_vni(s);
        assert_eq!(vni_to_unicode(&v), *s, "VNI {v}");
        assert_eq!(detect_legacy(&v), Some(Legacy::Vni), "detect VNI {v}");
        assert_eq!(repair(&v, RepairMode::Auto), *s);
        let t = encode_tcvn3(&s.to_lowercase());
        assert_eq!(tcvn3_to_unicode(&t, false), s.to_lowercase(), "TCVN3 {t}");
        assert_eq!(detect_legacy(&t), Some(Legacy::Tcvn3), "detect TCVN3 {t}");
        assert_eq!(repair(&t, RepairMode::Tcvn3), s.to_lowercase());
        assert_eq!(detect_legacy(s), None, "Unicode {s}");
        assert!(matches!(repair(s, RepairMode::Auto), Cow::Borrowed(_)));
    }
}

#[test]
fn detection_samples() {
    assert_eq!(detect_legacy("B¸o c¸o t×nh h×nh"), Some(Legacy::Tcvn3));
    assert_eq!(detect_legacy("Mêng Kh¬ng"), Some(Legacy::Tcvn3));
    assert_eq!(detect_legacy("M\u{AD}êng Kh\u{AD}¬ng"), Some(Legacy::Tcvn3));
    assert_eq!(detect_legacy("Xin chaøo caùc baïn"), Some(Legacy::Vni));
    assert_eq!(detect_legacy("Baùo caùo tình hình"), Some(Legacy::Vni));
    for plain in [
        "",
        "Hello, world",
        "Cà Mau",
        "Hoà Bình",
        "Thuý",
        "tôi là ai",
        "Giá × 2",
        "© 2025",
        "Coca-Cola®",
        "Bà Rịa",
        "CỘNG HOÀ",
        "Café crème",
        "ho\u{301}a",
    ] {
        assert_eq!(detect_legacy(plain), None, "{plain}");
    }
}

#[test]
fn repair_modes() {
    assert_eq!(repair("B¸o c¸o", RepairMode::Off), "B¸o c¸o");
    assert_eq!(repair("B¸o c¸o", RepairMode::Auto), "Báo cáo");
    assert_eq!(repair("b¸o c¸o", RepairMode::Tcvn3Upper), "BÁO CÁO");
    assert_eq!(repair("Baùo", RepairMode::Vni), "Báo");
    // Off still normalises to NFC.
    assert_eq!(repair("ho\u{300}a", RepairMode::Off), "hòa");
    assert!(matches!(repair("hòa", RepairMode::Off), Cow::Borrowed(_)));
}

fn vi_word() -> impl Strategy<Value = String> {
    let onsets = [
        "", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu",
        "r", "s", "t", "th", "tr", "v", "x",
    ];
    let rhymes = [
        "a", "à", "ả", "ã", "á", "ạ", "ăn", "ắt", "ân", "ấy", "em", "ế", "ệt", "i", "ìn", "oa",
        "oà", "òa", "ôi", "ồng", "ơn", "ớp", "u", "ùng", "ưa", "ương", "ường", "ước", "uy", "uý",
        "úy", "yên", "iếng", "o", "ọc", "ỏi", "ũ", "ĩa",
    ];
    (
        proptest::sample::select(onsets.to_vec()),
        proptest::sample::select(rhymes.to_vec()),
        any::<bool>(),
    )
        .prop_map(|(o, r, cap)| {
            // "qu" + a rhyme starting with u is not a Vietnamese syllable ("quùng").
            let o = if o == "qu" && r.starts_with(['u', 'ù', 'ư', 'ũ']) {
                "t"
            } else {
                o
            };
            let w = format!("{o}{r}");
            if cap {
                super::super::text::upper(&w)
            } else {
                w
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn unicode_vietnamese_is_never_flagged(words in proptest::collection::vec(vi_word(), 1..8)) {
        let s = words.join(" ");
        prop_assert_eq!(detect_legacy(&s), None, "{}", s);
        prop_assert_eq!(repair(&s, RepairMode::Auto), s.as_str());
    }

    #[test]
    fn ascii_is_never_flagged(s in "[ -~]{0,40}") {
        prop_assert_eq!(detect_legacy(&s), None);
    }

    #[test]
    fn vni_round_trip(words in proptest::collection::vec(vi_word(), 1..8)) {
        let s = words.join(" ");
        prop_assert_eq!(vni_to_unicode(&encode_vni(&s)), s);
    }

    #[test]
    fn tcvn3_round_trip(words in proptest::collection::vec(vi_word(), 1..8)) {
        let s = words.join(" ").to_lowercase();
        prop_assert_eq!(tcvn3_to_unicode(&encode_tcvn3(&s), false), s);
    }
}
