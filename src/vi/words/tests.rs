//! Tests of the reading against the §4.2 vectors and against an independent oracle.
//!
//! The oracle reads a group naively ("hai mươi một", "một mươi năm", "linh …") and then
//! repairs it with text rewrites, and it composes groups from the decimal string in blocks
//! of nine digits with "tỷ" repeated per block. The implementation instead decides each
//! word from the digit pattern and recurses on the count of tỷ.

use super::*;
use proptest::prelude::*;

const D: [&str; 10] = [
    "không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín",
];

/// Reference reading of one group 0..=999. `full` forces "X trăm" (non-leading group).
fn oracle_group(n: usize, full: bool) -> String {
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut p: Vec<&str> = Vec::new();
    let hundreds = h > 0 || full;
    if hundreds {
        p.push(D[h]);
        p.push("trăm");
    }
    if t > 0 {
        p.push(D[t]);
        p.push("mươi");
    } else if u > 0 && hundreds {
        p.push("linh");
    }
    if u > 0 {
        p.push(D[u]);
    }
    let mut s = p.join(" ");
    for (from, to) in [
        ("một mươi", "mười"),
        ("mười năm", "mười lăm"),
        ("mươi một", "mươi mốt"),
        ("mươi năm", "mươi lăm"),
        ("mươi bốn", "mươi tư"),
    ] {
        s = s.replace(from, to);
    }
    s
}

/// Reference reading of 0..=10^18 by string chunking.
fn oracle(n: u128) -> String {
    if n == 0 {
        return "không".into();
    }
    let s = n.to_string();
    let pad = (3 - s.len() % 3) % 3;
    let s = format!("{}{s}", "0".repeat(pad));
    let groups: Vec<usize> = s
        .as_bytes()
        .chunks(3)
        .map(|c| std::str::from_utf8(c).unwrap().parse().unwrap())
        .collect();
    let count = groups.len();
    let mut out: Vec<String> = Vec::new();
    let mut started = false;
    let mut block_has = false;
    for (i, g) in groups.iter().enumerate() {
        let k = count - 1 - i; // group index from the right
        if *g != 0 {
            out.push(oracle_group(*g, started));
            started = true;
            block_has = true;
            match k % 3 {
                1 => out.push("nghìn".into()),
                2 => out.push("triệu".into()),
                _ => {}
            }
        }
        if k.is_multiple_of(3) && block_has {
            for _ in 0..k / 3 {
                out.push("tỷ".into());
            }
            block_has = false;
        }
    }
    out.join(" ")
}

fn w(n: i128) -> String {
    words(n).unwrap_or_else(|e| format!("ERROR {e}"))
}

#[test]
fn spec_vectors() {
    let v: &[(i128, &str)] = &[
        (0, "không"),
        (15, "mười lăm"),
        (21, "hai mươi mốt"),
        (24, "hai mươi tư"),
        (25, "hai mươi lăm"),
        (101, "một trăm linh một"),
        (105, "một trăm linh năm"),
        (110, "một trăm mười"),
        (115, "một trăm mười lăm"),
        (1005, "một nghìn không trăm linh năm"),
        (1050, "một nghìn không trăm năm mươi"),
        (1000010, "một triệu không trăm mười"),
        (1000100, "một triệu một trăm"),
        (1250000, "một triệu hai trăm năm mươi nghìn"),
        (19990000, "mười chín triệu chín trăm chín mươi nghìn"),
        (2500000000, "hai tỷ năm trăm triệu"),
        (
            1234567891,
            "một tỷ hai trăm ba mươi tư triệu năm trăm sáu mươi bảy nghìn tám trăm chín mươi mốt",
        ),
        (1000000000000, "một nghìn tỷ"),
        (1_000_000_000_000_000, "một triệu tỷ"),
        (1_000_000_000_000_000_000, "một tỷ tỷ"),
        (1_000_000_005, "một tỷ không trăm linh năm"),
        (1_000_005_000, "một tỷ không trăm linh năm nghìn"),
        (10_000_000_000_000, "mười nghìn tỷ"),
        (1_005_000_000_000, "một nghìn không trăm linh năm tỷ"),
        (1_000_000_000_005, "một nghìn tỷ không trăm linh năm"),
        (11, "mười một"),
        (14, "mười bốn"),
        (10, "mười"),
        (20, "hai mươi"),
        (31, "ba mươi mốt"),
        (104, "một trăm linh bốn"),
        (114, "một trăm mười bốn"),
        (1_000_000, "một triệu"),
        (1_000, "một nghìn"),
        (100, "một trăm"),
        (-5, "âm năm"),
        (-1_250_000, "âm một triệu hai trăm năm mươi nghìn"),
    ];
    for (n, want) in v {
        assert_eq!(w(*n), *want, "n = {n}");
    }
}

#[test]
fn oracle_self_check() {
    // The oracle itself against hand-written readings, so that agreement means something.
    assert_eq!(oracle(0), "không");
    assert_eq!(oracle(21), "hai mươi mốt");
    assert_eq!(oracle(15), "mười lăm");
    assert_eq!(oracle(1005), "một nghìn không trăm linh năm");
    assert_eq!(oracle(1_000_005_000), "một tỷ không trăm linh năm nghìn");
    assert_eq!(
        oracle(1_005_000_000_000),
        "một nghìn không trăm linh năm tỷ"
    );
    assert_eq!(oracle(1_000_000_000_000_000_000), "một tỷ tỷ");
}

#[test]
fn every_number_to_1100_matches_oracle() {
    for n in 0..=1100u128 {
        assert_eq!(w(n as i128), oracle(n), "n = {n}");
    }
}

#[test]
fn group_boundaries_match_oracle() {
    let mut checked = 0;
    for k in 1..=6u32 {
        let base = 10u128.pow(3 * k);
        for off in [
            0i128, 1, 5, 10, 14, 15, 21, 24, 25, 101, 105, 110, 999, 1000, 1005,
        ] {
            for n in [base as i128 + off, base as i128 - off.min(base as i128)] {
                if n >= 0 && n as u128 <= MAX_WORDS {
                    assert_eq!(w(n), oracle(n as u128), "n = {n}");
                    checked += 1;
                }
            }
        }
        // x.000…005 and x.000…021 for several leading values
        for x in [1u128, 2, 5, 10, 15, 21, 100, 105, 999] {
            for tail in [5u128, 15, 21, 1000, 5000] {
                let n = x * base + tail;
                if n <= MAX_WORDS {
                    assert_eq!(w(n as i128), oracle(n), "n = {n}");
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} boundary cases");
}

#[test]
fn limits() {
    assert!(words(1_000_000_000_000_000_001).is_err());
    assert!(words(-1_000_000_000_000_000_001).is_err());
    assert_eq!(w(-1_000_000_000_000_000_000), "âm một tỷ tỷ");
    let e = words(i128::MAX).unwrap_err().to_string();
    assert!(e.contains("170141183460469231731687303715884105727"), "{e}");
}

#[test]
fn variants() {
    let o = WordsOptions {
        linh: Linh::Le,
        thousand: Thousand::Ngan,
        four: Four::Bon,
        billion: Billion::Ti,
    };
    let v = |n| words_with(n, &o).unwrap_or_default();
    assert_eq!(v(1005), "một ngàn không trăm lẻ năm");
    assert_eq!(v(24), "hai mươi bốn");
    assert_eq!(v(104), "một trăm lẻ bốn");
    assert_eq!(v(2_000_000_000), "hai tỉ");
    assert_eq!(v(1_000_000_000_000), "một ngàn tỉ");
    assert_eq!(v(25), "hai mươi lăm");
    assert_eq!(v(21), "hai mươi mốt");
}

#[test]
fn decimals_in_words() {
    let d = |s: &str| {
        words_decimal(&Decimal::parse(s).unwrap(), &WordsOptions::default()).unwrap_or_default()
    };
    assert_eq!(d("7.5"), "bảy phẩy năm");
    assert_eq!(d("3.05"), "ba phẩy không năm");
    assert_eq!(d("7.50"), "bảy phẩy năm");
    assert_eq!(d("-0.25"), "âm không phẩy hai mươi lăm");
    assert_eq!(d("12"), "mười hai");
    assert_eq!(d("1.001"), "một phẩy không không một");
    assert_eq!(d("2.15"), "hai phẩy mười lăm");
    assert!(words_decimal(&Decimal::parse("1e19").unwrap(), &WordsOptions::default()).is_err());
    assert!(words_decimal(&Decimal::parse("1e18").unwrap(), &WordsOptions::default()).is_ok());
}

#[test]
fn money() {
    let o = MoneyOptions::default();
    assert_eq!(
        money_words(1_250_000_000, &o).unwrap_or_default(),
        "Một tỷ hai trăm năm mươi triệu đồng"
    );
    assert_eq!(money_words(0, &o).unwrap_or_default(), "Không đồng");
    let c = MoneyOptions { chan: true, ..o };
    assert_eq!(
        money_words(1_000_000, &c).unwrap_or_default(),
        "Một triệu đồng chẵn"
    );
    assert_eq!(
        money_words(-5000, &o).unwrap_or_default(),
        "Âm năm nghìn đồng"
    );
}

const FORBIDDEN: [&str; 7] = [
    "mười mốt",
    "mươi một",
    "linh mốt",
    "linh lăm",
    "linh tư",
    "mươi năm",
    "mười năm",
];

fn well_formed(s: &str) -> bool {
    !s.is_empty()
        && !s.contains("  ")
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && FORBIDDEN.iter().all(|f| !s.contains(f))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn words_well_formed(n in -1_000_000_000_000_000_000i128..=1_000_000_000_000_000_000i128) {
        let s = words(n).unwrap();
        prop_assert!(well_formed(&s), "{n}: {s}");
    }

    #[test]
    fn words_match_oracle(n in 0u128..=MAX_WORDS) {
        prop_assert_eq!(words(n as i128).unwrap(), oracle(n));
    }

    #[test]
    fn small_words_match_oracle(n in 0u128..10_000_000) {
        prop_assert_eq!(words(n as i128).unwrap(), oracle(n));
    }

    #[test]
    fn decimal_words_well_formed(i in 0u64..1_000_000_000, f in 0u32..100_000) {
        let x = Decimal::parse(&format!("{i}.{f:05}")).unwrap();
        let s = words_decimal(&x, &WordsOptions::default()).unwrap();
        prop_assert!(well_formed(&s), "{x}: {s}");
    }
}
