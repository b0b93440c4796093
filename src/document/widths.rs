//! A table's relative column widths, the one value both writers read
//! ([`super::Table::widths`]): the template's own, written as the dashes of the Markdown
//! alignment row, or else estimated from the text in each column.
//!
//! `|:---:|:-----------|---:|` asks for 3 : 12 : 4. A row of equal dashes (`|---|---|`)
//! asks for nothing, and neither does a row whose dashes only pad the source so that its
//! columns line up under the header (each segment exactly as wide as the header cell above
//! it, as an editor's "format table" writes it): such tables keep the widths estimated
//! from their content, as before widths could be given.
//!
//! The widths are relative; [`crate::layout::fit_tables`] turns them into the page's
//! points, widening a column to its longest word.

use super::model::{Inline, Row};

/// The widths the alignment row of `source` (a Markdown table: header row, alignment
/// row, …) asks for, one per column, or `None` when it asks for none (see the module).
pub fn from_dashes(source: &str, ncols: usize) -> Option<Vec<f64>> {
    let mut lines = source.lines();
    let header = cells(lines.next()?);
    let align = cells(lines.next()?);
    if align.len() != ncols || ncols == 0 {
        return None;
    }
    let dashes: Vec<usize> = align.iter().map(|s| s.matches('-').count()).collect();
    let all_equal = dashes.iter().all(|&d| d == dashes[0]);
    let padding = header.len() == align.len()
        && header
            .iter()
            .zip(&align)
            .all(|(h, a)| h.chars().count() == a.chars().count());
    if all_equal || padding || dashes.contains(&0) {
        return None;
    }
    Some(dashes.into_iter().map(|d| d as f64).collect())
}

/// A table row of the source split at its unescaped pipes, the outer pipes dropped; each
/// cell as written, spaces included.
fn cells(line: &str) -> Vec<&str> {
    let line = line.trim();
    let line = line.strip_prefix('|').unwrap_or(line);
    let line = match line.strip_suffix('|') {
        Some(l) if !l.ends_with('\\') => l,
        _ => line,
    };
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = line.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|' && (i == 0 || bytes[i - 1] != b'\\') {
            out.push(&line[start..i]);
            start = i + 1;
        }
    }
    out.push(&line[start..]);
    out
}

/// Relative column widths, in characters, from the text in each column, so that a number
/// column stays narrow and a name column gets room.
///
/// A body cell needs its whole text on one line; a header cell may wrap, so it needs its
/// longest word or two fifths of its text, whichever is more. Every column gets 2
/// characters for the cell's inner margins, and no column needs more than 40.
pub fn from_content(ncols: usize, header: &[Row], body: &[Row], totals: &[Row]) -> Vec<f64> {
    const PADDING: f64 = 2.0;
    let mut widths = vec![2.0 + PADDING; ncols];
    let mut measure = |rows: &[Row], header: bool| {
        for row in rows {
            for cell in &row.cells {
                if cell.colspan != 1 || cell.col >= ncols {
                    continue;
                }
                let text = plain_text(&cell.content);
                let chars = text.chars().count() as f64;
                let longest_word = text
                    .split_whitespace()
                    .map(|w| w.chars().count())
                    .max()
                    .unwrap_or(0) as f64;
                let need = if header {
                    (chars / 2.5).max(longest_word)
                } else {
                    chars
                };
                widths[cell.col] = widths[cell.col].max(need.min(40.0) + PADDING);
            }
        }
    };
    measure(header, true);
    measure(body, false);
    measure(totals, false);
    widths
}

/// The text of inline content, as printed, without its styles.
pub fn plain_text(xs: &[Inline]) -> String {
    let mut s = String::new();
    for x in xs {
        match x {
            Inline::Text { text } | Inline::Code { text } => s.push_str(text),
            Inline::Strong { content }
            | Inline::Emph { content }
            | Inline::Strike { content }
            | Inline::Insert { content }
            | Inline::Delete { content } => s.push_str(&plain_text(content)),
            Inline::LineBreak => s.push(' '),
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_give_widths_when_they_differ() {
        let t = "| STT | Tên | Kinh phí |\n|---|------------|---:|\n| 1 | a | 2 |\n";
        assert_eq!(from_dashes(t, 3), Some(vec![3.0, 12.0, 3.0]));
        let t = "| STT | Tên | Kinh phí |\n|:---:|:------------|----:|\n";
        assert_eq!(from_dashes(t, 3), Some(vec![3.0, 12.0, 4.0]));
    }

    #[test]
    fn equal_or_padding_dashes_give_none() {
        assert_eq!(from_dashes("| a | b |\n|---|---|\n", 2), None);
        assert_eq!(from_dashes("| a | b |\n|:---:|---:|\n", 2), None);
        // Padded to the header, as an editor lines the columns up.
        let t = "| STT | Tỉnh, thành phố | Chỉ số IIP |\n|:---:|:----------------|-----------:|\n";
        assert_eq!(from_dashes(t, 3), None);
        // A row for another number of columns.
        assert_eq!(from_dashes("| a | b |\n|---|------|\n", 3), None);
    }

    #[test]
    fn escaped_pipes_stay_inside_a_cell() {
        assert_eq!(cells("| a \\| b | c |"), vec![" a \\| b ", " c "]);
        assert_eq!(cells("a|b"), vec!["a", "b"]);
    }
}
