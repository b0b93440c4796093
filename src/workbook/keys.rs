//! The one rule that turns header text, labels, sheet names and defined names into template keys.
//!
//! Templates (Handlebars) address values by simple keys such as `gia_tri_sx_ty_dong`; clerks write
//! headers such as "Giá trị SX (tỷ đồng)". [`key_of`] is the only bridge between the two, so a
//! clerk can predict a key from the header alone.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::cell::col_letter;

/// Turns text into a template key.
///
/// The rule, step by step:
/// 1. Unicode NFC, then lower case;
/// 2. diacritics removed (decompose, drop combining marks) and `đ` → `d`;
/// 3. every run of characters other than `a`–`z` and `0`–`9` becomes one `_`;
/// 4. `_` trimmed from both ends;
/// 5. a key that starts with a digit gets a leading `c` (`"2025"` → `c2025`), because Handlebars
///    cannot address a key that starts with a digit with the plain `{{name}}` syntax.
///
/// Text with no letters or digits gives the empty string; callers choose a fallback.
///
/// `"Giá trị SX (tỷ đồng)"` → `gia_tri_sx_ty_dong`, `"Tỉnh, thành phố"` → `tinh_thanh_pho`.
pub fn key_of(text: &str) -> String {
    let lowered: String = text.nfc().collect::<String>().to_lowercase();
    let mut out = String::with_capacity(lowered.len());
    let mut gap = false;
    for ch in lowered.nfd() {
        if is_combining_mark(ch) {
            continue;
        }
        let ch = if ch == 'đ' { 'd' } else { ch };
        if ch.is_ascii_alphanumeric() {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(ch);
        } else {
            gap = true;
        }
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'c');
    }
    out
}

/// Key of a column: [`key_of`] of its header, or `col_<letter>` (e.g. `col_d`) when the header has
/// no letters or digits, so every column stays addressable.
pub(crate) fn column_key(header: &str, col: u32) -> String {
    let key = key_of(header);
    if key.is_empty() {
        format!("col_{}", col_letter(col).to_lowercase())
    } else {
        key
    }
}

/// Key of a workbook defined name: CamelCase is split into words first (`KyBaoCao` →
/// `ky_bao_cao`), because Excel names cannot hold spaces and clerks write words in CamelCase
/// there; then [`key_of`].
pub(crate) fn name_key(name: &str) -> String {
    let mut spaced = String::with_capacity(name.len() + 8);
    let mut prev: Option<char> = None;
    for ch in name.chars() {
        if ch.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
            spaced.push(' ');
        }
        spaced.push(ch);
        prev = Some(ch);
    }
    key_of(&spaced)
}

/// Makes keys unique in order: the second `x` becomes `x_2`, the third `x_3`, skipping any
/// suffix that another key already uses.
pub(crate) fn dedupe(keys: &mut [String]) {
    let originals: HashSet<String> = keys.iter().cloned().collect();
    let mut used: HashSet<String> = HashSet::new();
    for key in keys.iter_mut() {
        if used.insert(key.clone()) {
            continue;
        }
        let mut n = 2u32;
        loop {
            let candidate = format!("{key}_{n}");
            if !used.contains(&candidate) && !originals.contains(&candidate) {
                used.insert(candidate.clone());
                *key = candidate;
                break;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_rule_vectors() {
        let cases = [
            ("Giá trị SX (tỷ đồng)", "gia_tri_sx_ty_dong"),
            ("Tỉnh, thành phố", "tinh_thanh_pho"),
            ("2025", "c2025"),
            ("  STT  ", "stt"),
            ("Mã", "ma"),
            ("ĐẮK LẮK", "dak_lak"),
            ("Đơn vị soạn thảo", "don_vi_soan_thao"),
            ("Ngày ban hành", "ngay_ban_hanh"),
            ("IIP cả nước so cùng kỳ (%)", "iip_ca_nuoc_so_cung_ky"),
            (
                "Xuất khẩu tháng 10 (triệu USD)",
                "xuat_khau_thang_10_trieu_usd",
            ),
            ("Quyền hạn ký", "quyen_han_ky"),
            ("Người ký", "nguoi_ky"),
            ("Ư ơ ă â ê ô", "u_o_a_a_e_o"),
            ("a--b__c", "a_b_c"),
            ("(%)", ""),
            ("", ""),
            ("10 tháng", "c10_thang"),
            ("Số", "so"),
            ("Ký hiệu", "ky_hieu"),
        ];
        for (text, want) in cases {
            assert_eq!(key_of(text), want, "{text:?}");
        }
    }

    #[test]
    fn nfd_and_nfc_give_the_same_key() {
        let nfc = "Tỉnh thành";
        let nfd: String = nfc.nfd().collect();
        assert_ne!(nfc, nfd);
        assert_eq!(key_of(&nfd), key_of(nfc));
    }

    #[test]
    fn column_fallback() {
        assert_eq!(column_key("", 3), "col_d");
        assert_eq!(column_key("---", 27), "col_ab");
        assert_eq!(column_key("Mã", 1), "ma");
    }

    #[test]
    fn camel_case_names() {
        assert_eq!(name_key("KyBaoCao"), "ky_bao_cao");
        assert_eq!(name_key("SoVanBan2"), "so_van_ban2");
        assert_eq!(name_key("Nam2025Thang"), "nam2025_thang");
        assert_eq!(name_key("IIP_CaNuoc"), "iip_ca_nuoc");
        assert_eq!(name_key("ngay"), "ngay");
    }

    #[test]
    fn dedupe_adds_suffixes() {
        let mut keys: Vec<String> = ["a", "b", "a", "a", "a_2"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        dedupe(&mut keys);
        assert_eq!(keys, ["a", "b", "a_3", "a_4", "a_2"]);
    }
}
