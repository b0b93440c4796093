//! Provinces before and after the 2025 merger (VN-FORMAT.md §5): which of the 34 provincial
//! units an old province belongs to from 01/7/2025, and which old provinces make up a new one.
//!
//! Reports on a period after 01/7/2025 compare with last year's figures, which were collected
//! by the 63 old provinces; this table regroups them. It is for names only: no codes, no
//! administrative centres, no agency names (those are data, VN-FORMAT §5).
//!
//! Source: Nghị quyết 202/2025/QH15 (passed 12/6/2025; the new units operate from 01/7/2025),
//! as transcribed by a third party and copied into VN-FORMAT.md §5 [V3]. It has not been
//! checked against the Resolution itself.
//!
//! Names are written as the table of VN-FORMAT §5 writes them, without "tỉnh" or "thành
//! phố": "Bắc Ninh", "Hà Nội", "Hải Phòng", "Huế". The one exception is "Thành phố Hồ Chí
//! Minh", whose official name includes "Thành phố" and which nobody writes as "Hồ Chí Minh"
//! alone. Tones sit where the official lists put them ("Hòa Bình", "Thanh Hóa", "Khánh
//! Hòa"). A template adds "tỉnh"/"thành phố" where its sentence needs it.
//!
//! Matching a name typed in a workbook ignores case, a leading "tỉnh", "thành phố", "TP" or
//! "TP.", spaces, old or new tone placement (Hoà/Hòa), the dash of "Bà Rịa - Vũng Tàu", and
//! accepts the common variants "TP HCM", "Thừa Thiên Huế", "Đăk Lăk", "Đăk Nông", "Bắc Cạn".

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::NaiveDate;

use super::text::{canonical_tone, lower, slug};

/// The day the 34 new provincial units began operating (NQ 202/2025/QH15).
pub const MERGER_DATE: NaiveDate = match NaiveDate::from_ymd_opt(2025, 7, 1) {
    Some(d) => d,
    None => panic!("2025-07-01 is a date"),
};

/// Every one of the 63 old provincial units and the unit it belongs to from 01/7/2025,
/// grouped by new unit, the retained (name-giving) old unit first in each group. The 11
/// units not merged map to themselves.
pub const MERGER: [(&str, &str); 63] = [
    // Not merged (11).
    ("Hà Nội", "Hà Nội"),
    ("Huế", "Huế"),
    ("Cao Bằng", "Cao Bằng"),
    ("Điện Biên", "Điện Biên"),
    ("Hà Tĩnh", "Hà Tĩnh"),
    ("Lai Châu", "Lai Châu"),
    ("Lạng Sơn", "Lạng Sơn"),
    ("Nghệ An", "Nghệ An"),
    ("Quảng Ninh", "Quảng Ninh"),
    ("Thanh Hóa", "Thanh Hóa"),
    ("Sơn La", "Sơn La"),
    // Merged (23 new units from 52 old ones).
    ("Tuyên Quang", "Tuyên Quang"),
    ("Hà Giang", "Tuyên Quang"),
    ("Lào Cai", "Lào Cai"),
    ("Yên Bái", "Lào Cai"),
    ("Thái Nguyên", "Thái Nguyên"),
    ("Bắc Kạn", "Thái Nguyên"),
    ("Phú Thọ", "Phú Thọ"),
    ("Vĩnh Phúc", "Phú Thọ"),
    ("Hòa Bình", "Phú Thọ"),
    ("Bắc Ninh", "Bắc Ninh"),
    ("Bắc Giang", "Bắc Ninh"),
    ("Hưng Yên", "Hưng Yên"),
    ("Thái Bình", "Hưng Yên"),
    ("Hải Phòng", "Hải Phòng"),
    ("Hải Dương", "Hải Phòng"),
    ("Ninh Bình", "Ninh Bình"),
    ("Hà Nam", "Ninh Bình"),
    ("Nam Định", "Ninh Bình"),
    ("Quảng Trị", "Quảng Trị"),
    ("Quảng Bình", "Quảng Trị"),
    ("Đà Nẵng", "Đà Nẵng"),
    ("Quảng Nam", "Đà Nẵng"),
    ("Quảng Ngãi", "Quảng Ngãi"),
    ("Kon Tum", "Quảng Ngãi"),
    ("Gia Lai", "Gia Lai"),
    ("Bình Định", "Gia Lai"),
    ("Khánh Hòa", "Khánh Hòa"),
    ("Ninh Thuận", "Khánh Hòa"),
    ("Lâm Đồng", "Lâm Đồng"),
    ("Đắk Nông", "Lâm Đồng"),
    ("Bình Thuận", "Lâm Đồng"),
    ("Đắk Lắk", "Đắk Lắk"),
    ("Phú Yên", "Đắk Lắk"),
    ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("Bình Dương", "Thành phố Hồ Chí Minh"),
    ("Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"),
    ("Đồng Nai", "Đồng Nai"),
    ("Bình Phước", "Đồng Nai"),
    ("Tây Ninh", "Tây Ninh"),
    ("Long An", "Tây Ninh"),
    ("Cần Thơ", "Cần Thơ"),
    ("Sóc Trăng", "Cần Thơ"),
    ("Hậu Giang", "Cần Thơ"),
    ("Vĩnh Long", "Vĩnh Long"),
    ("Bến Tre", "Vĩnh Long"),
    ("Trà Vinh", "Vĩnh Long"),
    ("Đồng Tháp", "Đồng Tháp"),
    ("Tiền Giang", "Đồng Tháp"),
    ("An Giang", "An Giang"),
    ("Kiên Giang", "An Giang"),
    ("Cà Mau", "Cà Mau"),
    ("Bạc Liêu", "Cà Mau"),
];

/// The six centrally-run cities after the merger, as [`MERGER`] writes them.
pub const CITIES: [&str; 6] = [
    "Hà Nội",
    "Huế",
    "Hải Phòng",
    "Đà Nẵng",
    "Thành phố Hồ Chí Minh",
    "Cần Thơ",
];

/// Other ways a workbook writes an old unit: (variant, name in [`MERGER`]). Case, prefixes,
/// tone placement and dashes are already handled by [`key`]; these are the remaining ones.
const VARIANTS: &[(&str, &str)] = &[
    ("Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
    ("HCM", "Thành phố Hồ Chí Minh"),
    ("TPHCM", "Thành phố Hồ Chí Minh"),
    // A province until 31/12/2024, then a centrally-run city (NQ 1314/NQ-UBTVQH15 [R]):
    // last year's figures often still carry the old name.
    ("Thừa Thiên Huế", "Huế"),
    ("Bắc Cạn", "Bắc Kạn"),
    ("Đăk Lăk", "Đắk Lắk"),
    ("Đắc Lắc", "Đắk Lắk"),
    ("Đắk Lắc", "Đắk Lắk"),
    ("Đăk Nông", "Đắk Nông"),
    ("Đắc Nông", "Đắk Nông"),
    ("Kontum", "Kon Tum"),
];

/// The matching key of a name: NFC, new-style tones, lower case, dashes and dots as spaces,
/// single spaces, and no leading "tỉnh", "thành phố" or "tp".
fn key(name: &str) -> String {
    let s = lower(&canonical_tone(name));
    let s: String = s
        .chars()
        .map(|c| match c {
            '-' | '‐' | '‑' | '‒' | '–' | '—' | '.' | '_' => ' ',
            c => c,
        })
        .collect();
    let mut words: Vec<&str> = s.split_whitespace().collect();
    loop {
        match words.as_slice() {
            ["tỉnh", _, ..] | ["tp", _, ..] => {
                words.remove(0);
            }
            ["thành", "phố", _, ..] => {
                words.drain(..2);
            }
            _ => break,
        }
    }
    words.join(" ")
}

/// Every accepted key → the old unit's name in [`MERGER`].
static BY_KEY: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut m: HashMap<String, &'static str> =
        MERGER.iter().map(|&(old, _)| (key(old), old)).collect();
    for &(variant, old) in VARIANTS {
        m.insert(key(variant), old);
    }
    m
});

/// The new units in table order, each with its old units (retained first).
static GROUPS: LazyLock<Vec<(&'static str, Vec<&'static str>)>> = LazyLock::new(|| {
    let mut groups: Vec<(&'static str, Vec<&'static str>)> = Vec::new();
    for &(old, new) in &MERGER {
        match groups.iter_mut().find(|(n, _)| *n == new) {
            Some((_, olds)) => olds.push(old),
            None => groups.push((new, vec![old])),
        }
    }
    groups
});

/// The old unit (as [`MERGER`] writes it) that `name` denotes, in any of the accepted
/// spellings; `None` for a name that is not one of the 63. A new unit's name is also its
/// retained old unit's name, so "Bắc Ninh" gives "Bắc Ninh".
pub fn old_unit(name: &str) -> Option<&'static str> {
    BY_KEY.get(&key(name)).copied()
}

/// The provincial unit that `name` (an old or a new unit) belongs to from 01/7/2025:
/// "Bắc Giang" → "Bắc Ninh", "TP. HCM" → "Thành phố Hồ Chí Minh", "Hà Nội" → "Hà Nội".
pub fn unit_after_merger(name: &str) -> Option<&'static str> {
    let old = old_unit(name)?;
    MERGER.iter().find(|(o, _)| *o == old).map(|(_, n)| *n)
}

/// The old units merged into the new unit `new_unit`, the retained one first: "Bắc Ninh" →
/// ["Bắc Ninh", "Bắc Giang"]; a unit not merged gives itself alone. `None` when `new_unit`
/// is not one of the 34 (an old unit that was absorbed, such as "Bắc Giang", is not).
pub fn components(new_unit: &str) -> Option<&'static [&'static str]> {
    let old = old_unit(new_unit)?;
    GROUPS
        .iter()
        .find(|(n, _)| *n == old)
        .map(|(_, olds)| olds.as_slice())
}

/// The 34 units after the merger, in the order of [`MERGER`].
pub fn new_units() -> impl Iterator<Item = &'static str> {
    GROUPS.iter().map(|(n, _)| *n)
}

/// The known name closest to an unknown `name`, to suggest in a message: compared without
/// diacritics, so "Bac Giang" suggests "Bắc Giang" and "Ha Noi" suggests "Hà Nội".
pub fn nearest(name: &str) -> Option<&'static str> {
    let wanted = slug(&key(name));
    if wanted.is_empty() {
        return None;
    }
    let limit = (wanted.chars().count() / 3).max(2);
    BY_KEY
        .iter()
        .map(|(k, old)| (strsim::levenshtein(&wanted, &slug(k)), *old))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, old)| old)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn sixty_three_old_units_become_thirty_four() {
        let olds: HashSet<&str> = MERGER.iter().map(|(o, _)| *o).collect();
        assert_eq!(olds.len(), 63, "an old unit is listed twice");
        let news: HashSet<&str> = MERGER.iter().map(|(_, n)| *n).collect();
        assert_eq!(news.len(), 34);
        assert_eq!(new_units().count(), 34);
        // Every new unit keeps the name of one of its old units, and is reachable.
        for n in &news {
            assert!(olds.contains(n), "{n} is not an old unit's name");
            assert_eq!(unit_after_merger(n), Some(*n), "{n}");
        }
        let unchanged = news
            .iter()
            .filter(|n| components(n).is_some_and(|c| c.len() == 1))
            .count();
        assert_eq!(unchanged, 11);
        let merged = news.len() - unchanged;
        assert_eq!(merged, 23);
        for c in CITIES {
            assert!(news.contains(c), "{c}");
        }
        // No two old units share a matching key.
        let keys: HashSet<String> = olds.iter().map(|o| key(o)).collect();
        assert_eq!(keys.len(), 63);
    }

    #[test]
    fn components_round_trip() {
        let mut seen = 0;
        for n in new_units() {
            let parts = components(n).unwrap();
            assert_eq!(parts[0], n, "the retained unit comes first");
            for p in parts {
                assert_eq!(unit_after_merger(p), Some(n), "{p}");
            }
            seen += parts.len();
        }
        assert_eq!(seen, 63);
        for (old, new) in MERGER {
            assert!(components(new).unwrap().contains(&old), "{old}");
        }
        assert_eq!(components("Bắc Ninh"), Some(&["Bắc Ninh", "Bắc Giang"][..]));
        assert_eq!(
            components("TP. Hồ Chí Minh"),
            Some(&["Thành phố Hồ Chí Minh", "Bình Dương", "Bà Rịa - Vũng Tàu"][..])
        );
        assert_eq!(
            components("Phú Thọ"),
            Some(&["Phú Thọ", "Vĩnh Phúc", "Hòa Bình"][..])
        );
        assert_eq!(components("Hà Nội"), Some(&["Hà Nội"][..]));
        assert_eq!(components("Bắc Giang"), None);
        assert_eq!(components("Hà Tây"), None);
    }

    #[test]
    fn the_table_of_vn_format() {
        for (old, new) in [
            ("Hà Giang", "Tuyên Quang"),
            ("Yên Bái", "Lào Cai"),
            ("Bắc Kạn", "Thái Nguyên"),
            ("Vĩnh Phúc", "Phú Thọ"),
            ("Bắc Giang", "Bắc Ninh"),
            ("Thái Bình", "Hưng Yên"),
            ("Hải Dương", "Hải Phòng"),
            ("Nam Định", "Ninh Bình"),
            ("Quảng Bình", "Quảng Trị"),
            ("Quảng Nam", "Đà Nẵng"),
            ("Kon Tum", "Quảng Ngãi"),
            ("Bình Định", "Gia Lai"),
            ("Ninh Thuận", "Khánh Hòa"),
            ("Bình Thuận", "Lâm Đồng"),
            ("Phú Yên", "Đắk Lắk"),
            ("Bình Dương", "Thành phố Hồ Chí Minh"),
            ("Bình Phước", "Đồng Nai"),
            ("Long An", "Tây Ninh"),
            ("Hậu Giang", "Cần Thơ"),
            ("Trà Vinh", "Vĩnh Long"),
            ("Tiền Giang", "Đồng Tháp"),
            ("Kiên Giang", "An Giang"),
            ("Bạc Liêu", "Cà Mau"),
            ("Sơn La", "Sơn La"),
        ] {
            assert_eq!(unit_after_merger(old), Some(new), "{old}");
        }
    }

    #[test]
    fn spellings_a_workbook_uses() {
        for (typed, new) in [
            ("bắc giang", "Bắc Ninh"),
            ("  BẮC GIANG ", "Bắc Ninh"),
            ("Tỉnh Bắc Giang", "Bắc Ninh"),
            ("tỉnh  Bắc   Giang", "Bắc Ninh"),
            ("Hòa Bình", "Phú Thọ"),
            ("Hoà Bình", "Phú Thọ"),
            ("Thanh Hoá", "Thanh Hóa"),
            ("Thanh Hóa", "Thanh Hóa"),
            ("Khánh Hoà", "Khánh Hòa"),
            ("TP HCM", "Thành phố Hồ Chí Minh"),
            ("TP. HCM", "Thành phố Hồ Chí Minh"),
            ("TP.HCM", "Thành phố Hồ Chí Minh"),
            ("Tp. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
            ("TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
            ("Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
            ("Thành phố Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
            ("thành phố hồ chí minh", "Thành phố Hồ Chí Minh"),
            ("Bà Rịa - Vũng Tàu", "Thành phố Hồ Chí Minh"),
            ("Bà Rịa-Vũng Tàu", "Thành phố Hồ Chí Minh"),
            ("Bà Rịa – Vũng Tàu", "Thành phố Hồ Chí Minh"),
            ("Bà Rịa Vũng Tàu", "Thành phố Hồ Chí Minh"),
            ("Thừa Thiên Huế", "Huế"),
            ("Thừa Thiên - Huế", "Huế"),
            ("Tỉnh Thừa Thiên Huế", "Huế"),
            ("Thành phố Huế", "Huế"),
            ("Đắk Lắk", "Đắk Lắk"),
            ("Đăk Lăk", "Đắk Lắk"),
            ("Đắk Nông", "Lâm Đồng"),
            ("Đăk Nông", "Lâm Đồng"),
            ("Bắc Kạn", "Thái Nguyên"),
            ("Bắc Cạn", "Thái Nguyên"),
            ("Kontum", "Quảng Ngãi"),
            ("Đắc Lắc", "Đắk Lắk"),
            ("TPHCM", "Thành phố Hồ Chí Minh"),
            ("TP Hải Phòng", "Hải Phòng"),
            ("Thành phố Cần Thơ", "Cần Thơ"),
            ("TP. Đà Nẵng", "Đà Nẵng"),
            ("Thành phố Hà Nội", "Hà Nội"),
            // NFD input (macOS, "tổ hợp" typing).
            (
                "Ba\u{300} Ri\u{323}a - Vu\u{303}ng Ta\u{300}u",
                "Thành phố Hồ Chí Minh",
            ),
        ] {
            assert_eq!(unit_after_merger(typed), Some(new), "{typed:?}");
        }
        assert_eq!(old_unit("Tp. HCM"), Some("Thành phố Hồ Chí Minh"));
        assert_eq!(old_unit("Thừa Thiên - Huế"), Some("Huế"));
        assert_eq!(old_unit("Đăk Lăk"), Some("Đắk Lắk"));
    }

    #[test]
    fn unknown_names_and_suggestions() {
        for bad in [
            "",
            "  ",
            "Hà Tây",
            "Bac Giang",
            "Tỉnh",
            "TP",
            "Thành phố",
            "Việt Nam",
        ] {
            assert_eq!(unit_after_merger(bad), None, "{bad:?}");
        }
        assert_eq!(nearest("Bac Giang"), Some("Bắc Giang"));
        assert_eq!(nearest("Ha Noi"), Some("Hà Nội"));
        assert_eq!(nearest("Bắc Giangg"), Some("Bắc Giang"));
        assert_eq!(nearest("Thừa Thiên Huê"), Some("Huế"));
        assert_eq!(nearest("Liên bang Nga"), None);
        assert_eq!(nearest(""), None);
    }

    #[test]
    fn merger_date() {
        assert_eq!(MERGER_DATE.to_string(), "2025-07-01");
    }
}
