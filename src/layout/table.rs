//! Data tables' column widths on the page, decided once for both writers: the template's
//! relative widths ([`crate::document::Table::widths`]: the alignment row's dashes, or
//! the content's estimate) shared out over the text width, with no column narrower than
//! its longest word.
//!
//! A proportional share alone squeezes a narrow column as hard as a wide one, but only
//! the wide one can wrap: "STT" in a column of 8 mm printed as S/T/T in Word and spilled
//! over the border in the PDF. So each column first gets room for its longest word
//! (measured with the embedded fonts' advances, bold in the header and totals) and the
//! cell's inner margins (a merged cell's longest word, the columns it spans together);
//! the rest of the width goes to the other columns by their weights. [`fit_tables`]
//! writes the result back as the table's widths, in points, so the PDF layout
//! (`w * 1fr`) and the DOCX grid (proportional twips) print the same columns.

use super::Layout;
use super::measure::{Weight, text_width_pt};
use crate::document::{Block, Document, PageSetup, Row, Table};

/// Millimetres per point.
const MM_PER_PT: f64 = 25.4 / 72.0;

/// Room added to a measured word: the estimate's error and the renderers' rounding.
const SLACK: f64 = 1.08;

/// A4 in millimetres.
const A4_MM: (f64, f64) = (210.0, 297.0);

/// Fits every data table of `doc` (body and appendices, inside lists too) to the text
/// width of its pages.
pub fn fit_tables(doc: &mut Document) {
    let layout = doc.layout.clone();
    let main = text_width(&doc.page, doc.page.landscape);
    fit_blocks(&mut doc.body, &layout, main);
    for a in &mut doc.appendices {
        let width = text_width(&doc.page, a.landscape);
        fit_blocks(&mut a.body, &layout, width);
    }
}

fn fit_blocks(blocks: &mut [Block], layout: &Layout, width: f64) {
    for b in blocks {
        match b {
            Block::Table(t) => t.widths = fit_columns(t, layout, width),
            Block::List { items, .. } => {
                for item in items {
                    fit_blocks(item, layout, width);
                }
            }
            _ => {}
        }
    }
}

/// Width between the margins, in points.
fn text_width(page: &PageSetup, landscape: bool) -> f64 {
    let paper = if landscape { A4_MM.1 } else { A4_MM.0 };
    ((paper - page.margin_left_mm - page.margin_right_mm) / MM_PER_PT).max(0.0)
}

/// The columns of `table` in points, summing to `width`: each at least its longest word
/// (when all the longest words fit), the rest shared by the table's relative widths.
/// A table whose widths do not match its columns is left as it is (the writers report it).
pub fn fit_columns(table: &Table, layout: &Layout, width: f64) -> Vec<f64> {
    let n = table.columns.len();
    if n == 0 || table.widths.len() != n || width <= 0.0 {
        return table.widths.clone();
    }
    let weights = weights(&table.widths);
    let mins = min_widths(table, layout);
    let total_min: f64 = mins.iter().sum();
    if total_min >= width {
        // Not even the words fit: share by the words, every column squeezed alike.
        return mins.iter().map(|m| m / total_min * width).collect();
    }
    let mut fixed = vec![false; n];
    loop {
        let taken: f64 = (0..n).filter(|&c| fixed[c]).map(|c| mins[c]).sum();
        let weight: f64 = (0..n).filter(|&c| !fixed[c]).map(|c| weights[c]).sum();
        let share = |c: usize| (width - taken) * weights[c] / weight;
        let short: Vec<usize> = (0..n)
            .filter(|&c| !fixed[c] && share(c) < mins[c])
            .collect();
        if short.is_empty() {
            return (0..n)
                .map(|c| if fixed[c] { mins[c] } else { share(c) })
                .collect();
        }
        for c in short {
            fixed[c] = true;
        }
    }
}

/// The relative widths with any that is not a positive number replaced by the average
/// of the others (1 when none is).
fn weights(widths: &[f64]) -> Vec<f64> {
    let valid: Vec<f64> = widths
        .iter()
        .copied()
        .filter(|w| w.is_finite() && *w > 0.0)
        .collect();
    let fill = if valid.is_empty() {
        1.0
    } else {
        valid.iter().sum::<f64>() / valid.len() as f64
    };
    widths
        .iter()
        .map(|&w| if w.is_finite() && w > 0.0 { w } else { fill })
        .collect()
}

/// Each column's longest word (in the cells it holds alone) and the cell's margins; then
/// each merged cell's longest word, when its columns together are narrower, shares the
/// difference out over them by their weights (narrower merges first, so a wide merge
/// sees what a narrow one already asked for).
fn min_widths(table: &Table, layout: &Layout) -> Vec<f64> {
    let size = layout.fonts.table_pt;
    let margins = 2.0 * layout.body.table_pad_x_mm / MM_PER_PT;
    let n = table.columns.len();
    let longest = |cell: &crate::document::Cell, weight: Weight| {
        crate::document::plain_text(&cell.content)
            .split_whitespace()
            .map(|word| text_width_pt(word, size, weight) * SLACK)
            .fold(0.0_f64, f64::max)
    };
    let rows = [
        (&table.header, Weight::Bold),
        (&table.body, Weight::Regular),
        (&table.totals, Weight::Bold),
    ];
    let mut mins = vec![0.0_f64; n];
    // Merged cells: (first column, columns, room its longest word needs).
    let mut merged: Vec<(usize, usize, f64)> = Vec::new();
    for (rows, weight) in rows {
        for cell in rows.iter().flat_map(|r: &Row| &r.cells) {
            if cell.col >= n {
                continue;
            }
            let span = cell.colspan.clamp(1, n - cell.col);
            let need = longest(cell, weight);
            if span == 1 {
                mins[cell.col] = mins[cell.col].max(need);
            } else if need > 0.0 {
                merged.push((cell.col, span, need));
            }
        }
    }
    let mut mins: Vec<f64> = mins.iter().map(|w| w + margins).collect();
    let weights = weights(&table.widths);
    merged.sort_by_key(|&(_, span, _)| span);
    for (first, span, need) in merged {
        let columns = first..first + span;
        // One cell's margins are the merged cell's; the columns' other margins are room.
        let have = mins[columns.clone()].iter().sum::<f64>() - margins;
        let short = need - have;
        if short <= 0.0 {
            continue;
        }
        let weight: f64 = weights.get(columns.clone()).map_or(0.0, |w| w.iter().sum());
        for c in columns {
            let share = weights.get(c).map_or(1.0 / span as f64, |w| w / weight);
            mins[c] += short * share;
        }
    }
    mins
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::read_markdown;
    use crate::layout::Form;

    fn table(md: &str) -> Table {
        match read_markdown(md).unwrap().remove(0) {
            Block::Table(t) => t,
            other => panic!("{other:?}"),
        }
    }

    fn layout() -> Layout {
        Layout::new(Form::Nd30, crate::document::SizeSet::Small)
    }

    #[test]
    fn a_narrow_column_gets_its_longest_word() {
        let t = table(
            "| STT | Tên | Ghi chú |\n|---|------------------------------------|------------|\n\
             | 1 | một tên rất dài | x |\n",
        );
        let l = layout();
        let cols = fit_columns(&t, &l, 450.0);
        let stt = text_width_pt("STT", l.fonts.table_pt, Weight::Bold)
            + 2.0 * l.body.table_pad_x_mm / MM_PER_PT;
        assert!(cols[0] >= stt, "{cols:?} vs {stt}");
        assert!((cols.iter().sum::<f64>() - 450.0).abs() < 1e-6, "{cols:?}");
        // The other two keep their ratio, 36 : 12.
        assert!((cols[1] / cols[2] - 3.0).abs() < 1e-9, "{cols:?}");
    }

    #[test]
    fn wide_enough_columns_keep_their_shares() {
        let t = table("| A | B |\n|----------|------------------------------|\n| 1 | 2 |\n");
        let cols = fit_columns(&t, &layout(), 400.0);
        assert!(
            (cols[0] - 100.0).abs() < 1e-9 && (cols[1] - 300.0).abs() < 1e-9,
            "{cols:?}"
        );
    }

    #[test]
    fn a_merged_cell_widens_the_columns_it_spans() {
        let word = "Kimngạchxuấtkhẩutoànquốc";
        let md = format!(
            "| STT | {word} | << | Ghi chú |\n|---|---|---|------------------------------|\n\
             | 1 | 2 | 3 | x |\n"
        );
        let t = table(&md);
        assert_eq!(t.header[0].cells[1].colspan, 2, "{:?}", t.header[0].cells);
        let l = layout();
        let cols = fit_columns(&t, &l, 450.0);
        let margins = 2.0 * l.body.table_pad_x_mm / MM_PER_PT;
        let need = text_width_pt(word, l.fonts.table_pt, Weight::Bold) + margins;
        assert!(cols[1] + cols[2] >= need, "{cols:?} vs {need}");
        assert!((cols.iter().sum::<f64>() - 450.0).abs() < 1e-6, "{cols:?}");
        // With a short word there, the same two columns take their shares: narrower.
        let short = table(&md.replace(word, "Tổng"));
        let cols = fit_columns(&short, &l, 450.0);
        assert!(cols[1] + cols[2] < need, "{cols:?} vs {need}");
    }

    #[test]
    fn too_many_words_share_the_width_by_their_length() {
        let t = table(
            "| Mộtchữrấtdàiđếnmứckhôngvừa | Haichữrấtdàiđếnmứckhôngvừa |\n|---|---|\n| 1 | 2 |\n",
        );
        let cols = fit_columns(&t, &layout(), 100.0);
        assert!((cols.iter().sum::<f64>() - 100.0).abs() < 1e-9, "{cols:?}");
    }
}
