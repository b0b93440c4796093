//! Cell addresses: the "D7" a clerk sees in Excel, kept as 0-based numbers inside.

use std::fmt;

use serde::{Serialize, Serializer};

/// A cell position, 0-based (`row: 6, col: 3` is the cell Excel calls "D7").
///
/// Displayed and serialised in A1 form, because that is what a clerk can find in the workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CellRef {
    /// 0-based row (Excel row number minus one).
    pub row: u32,
    /// 0-based column (A = 0).
    pub col: u32,
}

impl CellRef {
    pub fn new(row: u32, col: u32) -> CellRef {
        CellRef { row, col }
    }

    /// The row number as Excel shows it (1-based).
    pub fn excel_row(&self) -> u32 {
        self.row.saturating_add(1)
    }

    /// Parses an A1 reference such as `D7` or `$D$7` (no sheet part, no range).
    pub fn parse_a1(text: &str) -> Option<CellRef> {
        let text = text.trim();
        let letters_end = text
            .trim_start_matches('$')
            .find(|c: char| !c.is_ascii_alphabetic())?;
        let body = text.trim_start_matches('$');
        let (letters, rest) = body.split_at(letters_end);
        let digits = rest.strip_prefix('$').unwrap_or(rest);
        if letters.is_empty() || letters.len() > 3 || digits.is_empty() {
            return None;
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mut col: u32 = 0;
        for b in letters.bytes() {
            let v = u32::from(b.to_ascii_uppercase() - b'A') + 1;
            col = col * 26 + v;
        }
        let row: u32 = digits.parse().ok()?;
        if row == 0 {
            return None;
        }
        Some(CellRef {
            row: row - 1,
            col: col - 1,
        })
    }
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", col_letter(self.col), self.excel_row())
    }
}

impl Serialize for CellRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Column letters for a 0-based column: 0 → "A", 3 → "D", 26 → "AA".
pub fn col_letter(col: u32) -> String {
    let mut n = u64::from(col) + 1;
    let mut out = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        // rem < 26, so the cast cannot truncate.
        out.push(b'A' + rem as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters() {
        assert_eq!(col_letter(0), "A");
        assert_eq!(col_letter(3), "D");
        assert_eq!(col_letter(25), "Z");
        assert_eq!(col_letter(26), "AA");
        assert_eq!(col_letter(27), "AB");
        assert_eq!(col_letter(701), "ZZ");
        assert_eq!(col_letter(702), "AAA");
        assert_eq!(col_letter(16383), "XFD");
    }

    #[test]
    fn display_and_parse() {
        assert_eq!(CellRef::new(6, 3).to_string(), "D7");
        assert_eq!(CellRef::parse_a1("D7"), Some(CellRef::new(6, 3)));
        assert_eq!(CellRef::parse_a1("$B$8"), Some(CellRef::new(7, 1)));
        assert_eq!(CellRef::parse_a1("$AA$1"), Some(CellRef::new(0, 26)));
        assert_eq!(CellRef::parse_a1("b2"), Some(CellRef::new(1, 1)));
        for bad in ["", "A", "7", "A0", "A1:B2", "$", "A$", "ABCD1", "A1B", "Ä1"] {
            assert_eq!(CellRef::parse_a1(bad), None, "{bad:?}");
        }
    }
}
