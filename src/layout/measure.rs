//! The lengths of the form that depend on the document's own words — the header's
//! column widths and the lengths of the rules — computed once, by one algorithm, for
//! both writers ([`measure`]).
//!
//! Text widths are estimated from the standard Times advance widths (Liberation Serif,
//! the embedded PDF font, and Times New Roman, Word's, share them), Vietnamese letters
//! measured as their base letter. Measured against Typst's layout the estimate is
//! within ±5 % on capitals and ±8 % on mixed case; the rules and columns need no more
//! (the short rules may be 1/3–1/2 of their line). Issue 18 may replace the estimate
//! with the embedded fonts' own advances; the algorithm stays here.

use serde::{Deserialize, Serialize};

use super::Layout;
use super::advance::words_width_pt;
pub use super::advance::{Weight, text_width_pt};
use crate::document::{Document, HeaderKind};

/// Millimetres per point.
const MM_PER_PT: f64 = 25.4 / 72.0;

/// A4 in millimetres.
const A4_MM: (f64, f64) = (210.0, 297.0);

/// The document-dependent lengths, in points, and the lines of the header, title and
/// signatures as both writers print them: the breaks are chosen here, once, from the
/// fonts' advance widths, so the rules can be measured on the longest printed line and
/// the two outputs break in the same places.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Measured {
    /// Width between the margins of the main part's pages.
    pub text_width_pt: f64,
    /// The header block's two columns: the agency's (left) and the Quốc hiệu's (right).
    pub header_columns_pt: [f64; 2],
    /// The cơ quan chủ quản as printed, line by line (upper case, not bold).
    pub parent_lines: Vec<String>,
    /// The cơ quan ban hành as printed, line by line (bold).
    pub agency_lines: Vec<String>,
    /// The rule under the cơ quan ban hành; 0 without an agency.
    pub agency_rule_pt: f64,
    /// The rule under the Tiêu ngữ.
    pub motto_rule_pt: f64,
    /// The tên loại and trích yếu as printed, line by line (a titled document only).
    pub title_lines: Vec<String>,
    /// The rule under the title (trích yếu, or a tên loại alone); 0 without a title block.
    pub title_rule_pt: f64,
    /// Each signature's authority lines as printed (parallel to `Document::signatures`).
    pub signature_lines: Vec<Vec<String>>,
}

/// The header columns, printed lines and rule lengths of `doc` under its layout.
pub fn measure(doc: &Document) -> Measured {
    let layout = &doc.layout;
    let text_width = text_width_of(doc);
    let h = &doc.header;
    let columns = header_columns(
        layout,
        &h.agency,
        &h.parent_agency,
        h.agency_only,
        text_width,
    );
    let small = layout.fonts.small_pt;
    let slack = layout.header.fit_slack;
    let (agency_lines, parent_lines) = (columns.agency, columns.parent);
    let agency = lines_width_pt(&agency_lines, small, Weight::Bold);
    let agency_rule_pt = layout.rules.short_ratio * agency;
    let motto_rule_pt = layout.rules.motto_ratio
        * text_width_pt(&layout.words.tieu_ngu, layout.fonts.body_pt, Weight::Bold);
    let body = layout.fonts.body_pt;
    let (title_lines, title_rule_pt) = match h.kind {
        HeaderKind::Titled => {
            let mut lines = break_lines(&h.doc_type, body, Weight::Bold, text_width / slack);
            let summary = break_lines(&h.summary, body, Weight::Bold, text_width / slack);
            // The rule measures the trích yếu's longest line; a tên loại alone has its own.
            let ruled = if summary.is_empty() { &lines } else { &summary };
            let rule = layout.rules.short_ratio * lines_width_pt(ruled, body, Weight::Bold);
            lines.extend(summary);
            (lines, rule)
        }
        HeaderKind::CongVan | HeaderKind::Plain => (Vec::new(), 0.0),
    };
    let room = signature_column_pt(layout, doc.signatures.len(), text_width) / slack;
    let signature_lines = doc
        .signatures
        .iter()
        .map(|s| {
            s.lines
                .iter()
                .flat_map(|l| break_lines(l, body, Weight::Bold, room))
                .collect()
        })
        .collect();
    Measured {
        text_width_pt: text_width,
        header_columns_pt: columns.width_pt,
        parent_lines,
        agency_lines,
        agency_rule_pt,
        motto_rule_pt,
        title_lines,
        title_rule_pt,
        signature_lines,
    }
}

/// Width of a signature column's text: beside the Nơi nhận with one signature; an equal
/// share less the gutter with several.
fn signature_column_pt(layout: &Layout, count: usize, text_width: f64) -> f64 {
    let c = &layout.closing;
    if count <= 1 {
        text_width * (1.0 - c.recipients_share)
    } else {
        text_width / count as f64 - c.signature_gutter_pt
    }
}

/// Width of the widest of `lines`, in points.
pub fn lines_width_pt(lines: &[String], size_pt: f64, weight: Weight) -> f64 {
    lines
        .iter()
        .map(|l| text_width_pt(l, size_pt, weight))
        .fold(0.0, f64::max)
}

/// `text` broken into the lines it prints as in a column `width_pt` wide. A `\n` in the
/// text is a break the author chose and is always kept. A part that does not fit on one
/// line takes the fewest lines that hold it; among those, breaks before the start of a
/// phrase ("của", "về", "ngày", "quy định" …) and no line with a single word, then the
/// most even lines — so that the words that belong together stay together ("CỤC CÔNG
/// NGHIỆP / ĐỊA PHƯƠNG", not "CỤC CÔNG NGHIỆP ĐỊA / PHƯƠNG"). A word wider than the
/// column keeps its own line.
pub fn break_lines(text: &str, size_pt: f64, weight: Weight, width_pt: f64) -> Vec<String> {
    text.split('\n')
        .map(|part| part.split_whitespace().collect::<Vec<_>>())
        .filter(|words| !words.is_empty())
        .flat_map(|words| balanced(&words, size_pt, weight, width_pt))
        .collect()
}

/// Words before which a line of a name or title reads well: the start of a phrase
/// ("… Bộ Công Thương / quy định chi tiết …", "… 46/2012/TT-BCT / ngày 28 …"). A break
/// elsewhere may split a word of two syllables ("quy / định"), so it costs more.
const PHRASE_STARTS: [&str; 10] = [
    "của",
    "về",
    "và",
    "ngày",
    "tại",
    "theo",
    "trong",
    "quy định",
    "sửa đổi",
    "hướng dẫn",
];

/// Whether a line starting at `words[i]` starts a phrase (see [`PHRASE_STARTS`]).
fn starts_phrase(words: &[&str], i: usize) -> bool {
    // The phrases are at most two words long.
    let end = (i + 2).min(words.len());
    let rest = words[i..end].join(" ").to_lowercase();
    PHRASE_STARTS
        .iter()
        .any(|p| rest == *p || rest.starts_with(&format!("{p} ")))
}

/// A breaking of the first words: lines, breaks that split a phrase or leave one word
/// alone, the widest line, the raggedness, and where its last line starts.
#[derive(Clone, Copy)]
struct Breaking {
    lines: usize,
    penalty: usize,
    widest: f64,
    ragged: f64,
    start: usize,
}

/// The fewest, most even lines of `words` within `width_pt` (see [`break_lines`]).
fn balanced(words: &[&str], size_pt: f64, weight: Weight, width_pt: f64) -> Vec<String> {
    let n = words.len();
    let line = |i: usize, j: usize| words[i..j].join(" ");
    let width = |i: usize, j: usize| words_width_pt(&words[i..j], size_pt, weight);
    // Whether a line may start at each word: asked for every candidate line below.
    let phrase_at: Vec<bool> = (0..n).map(|i| starts_phrase(words, i)).collect();
    // best[j]: the best breaking of words[..j].
    let mut best: Vec<Option<Breaking>> = vec![None; n + 1];
    best[0] = Some(Breaking {
        lines: 0,
        penalty: 0,
        widest: 0.0,
        ragged: 0.0,
        start: 0,
    });
    for j in 1..=n {
        // Lines ending at word j, shortest first: once a line is too wide, every longer
        // one is too (so a long text costs its words times a line's words, not more).
        for i in (0..j).rev() {
            let w = width(i, j);
            // A single word always fits its own line, however wide.
            if w > width_pt && j - i > 1 {
                break;
            }
            let Some(before) = best[i] else {
                continue;
            };
            let slack = (width_pt - w).max(0.0);
            // A break before words[i] that does not start a phrase costs one; a line
            // holding one word of several costs two.
            let penalty = before.penalty
                + usize::from(i > 0 && !phrase_at[i])
                + 2 * usize::from(j - i == 1 && n > 1);
            let candidate = Breaking {
                lines: before.lines + 1,
                penalty,
                widest: before.widest.max(w),
                ragged: before.ragged + slack * slack,
                start: i,
            };
            let better = match best[j] {
                None => true,
                Some(current) => key(candidate) < key(current),
            };
            if better {
                best[j] = Some(candidate);
            }
        }
    }
    let mut bounds = vec![n];
    let mut j = n;
    while j > 0 {
        let i = best[j].map_or(0, |b| b.start);
        bounds.push(i);
        j = i;
    }
    bounds.reverse();
    bounds.windows(2).map(|w| line(w[0], w[1])).collect()
}

/// Order of breakings: fewer lines, then fewer split phrases and lone words, then a
/// narrower widest line (the most even), then less raggedness. Widths compare to a
/// hundredth of a point.
fn key(b: Breaking) -> (usize, usize, i64, i64) {
    (
        b.lines,
        b.penalty,
        (b.widest * 100.0).round() as i64,
        (b.ragged * 100.0).round() as i64,
    )
}

/// The width between the margins of the main part, in points.
fn text_width_of(doc: &Document) -> f64 {
    let p = &doc.page;
    let page = if p.landscape { A4_MM.1 } else { A4_MM.0 };
    ((page - p.margin_left_mm - p.margin_right_mm) / MM_PER_PT).max(0.0)
}

/// The header's columns and the agency name's lines.
struct Columns {
    width_pt: [f64; 2],
    agency: Vec<String>,
    parent: Vec<String>,
}

/// The columns are chosen from the text they hold. The right column keeps the Quốc hiệu
/// and the Tiêu ngữ each on one line; the left column then has the rest for the agency
/// name, which takes the fewest lines that fit there ([`break_lines`]: even lines, no
/// single word alone), and the left column is as wide as the name's longest line (and
/// the parent agency's), at least `left_min_share` of the width. A register book's cover
/// has no Quốc hiệu: the agency has the whole width.
fn header_columns(
    layout: &Layout,
    agency: &str,
    parent: &str,
    agency_only: bool,
    total: f64,
) -> Columns {
    let slack = layout.header.fit_slack;
    let small = layout.fonts.small_pt;
    let right_min = if agency_only {
        0.0
    } else {
        let quoc_hieu = text_width_pt(&layout.words.quoc_hieu, small, Weight::Bold);
        let motto = text_width_pt(&layout.words.tieu_ngu, layout.fonts.body_pt, Weight::Bold);
        (quoc_hieu.max(motto) * slack).min(total * layout.header.right_max_share)
    };
    let left_max = total - right_min;
    let lines = break_lines(agency, small, Weight::Bold, left_max / slack);
    let parent = break_lines(parent, small, Weight::Regular, left_max / slack);
    let wanted = lines_width_pt(&lines, small, Weight::Bold).max(lines_width_pt(
        &parent,
        small,
        Weight::Regular,
    )) * slack;
    let left = if agency_only {
        total
    } else {
        wanted.clamp(
            (total * layout.header.left_min_share).min(left_max),
            left_max,
        )
    };
    Columns {
        width_pt: [left, total - left],
        agency: lines,
        parent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// VN-FORMAT §1.2 measured "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG" at 12 pt bold as ≈ 69 mm and
    /// "Độc lập - Tự do - Hạnh phúc" at 13 pt bold as ≈ 56 mm.
    #[test]
    fn estimates_match_measured_widths() {
        let agency = text_width_pt("CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG", 12.0, Weight::Bold) * MM_PER_PT;
        assert!((agency - 69.0).abs() < 69.0 * 0.05, "{agency}");
        let motto = text_width_pt("Độc lập - Tự do - Hạnh phúc", 13.0, Weight::Bold) * MM_PER_PT;
        assert!((motto - 56.0).abs() < 56.0 * 0.08, "{motto}");
    }

    #[test]
    fn names_break_evenly_and_never_leave_one_word() {
        let agency = "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG";
        let one = text_width_pt(agency, 13.0, Weight::Bold);
        assert_eq!(break_lines(agency, 13.0, Weight::Bold, one + 1.0), [agency]);
        assert_eq!(
            break_lines(agency, 13.0, Weight::Bold, one - 10.0),
            ["CỤC CÔNG NGHIỆP", "ĐỊA PHƯƠNG"]
        );
        let label = "ĐẠI DIỆN ĐƠN VỊ ĐƯỢC KIỂM TRA";
        let lines = break_lines(label, 14.0, Weight::Bold, 225.0);
        assert_eq!(lines, ["ĐẠI DIỆN ĐƠN VỊ", "ĐƯỢC KIỂM TRA"]);
        // The author's break is kept even where the line would fit.
        assert_eq!(
            break_lines("CỤC CÔNG NGHIỆP\nĐỊA PHƯƠNG", 13.0, Weight::Bold, 1000.0),
            ["CỤC CÔNG NGHIỆP", "ĐỊA PHƯƠNG"]
        );
        // A long title breaks before its phrases, not inside "quy định".
        let title = "Sửa đổi, bổ sung một số điều của Thông tư số 46/2012/TT-BCT ngày 28 tháng 12 năm 2012 của Bộ trưởng Bộ Công Thương quy định chi tiết một số nội dung của Nghị định số 45/2012/NĐ-CP ngày 21 tháng 5 năm 2012 của Chính phủ về khuyến công";
        let lines = break_lines(title, 14.0, Weight::Bold, 450.0);
        assert!(lines.iter().all(|l| !l.ends_with(" quy")), "{lines:?}");
        assert!(lines.len() <= 4, "{lines:?}");
        // A word wider than the column keeps a line of its own; empty text has no line.
        assert_eq!(
            break_lines("ABCDEFGH IJ", 10.0, Weight::Bold, 20.0).len(),
            2
        );
        assert!(break_lines(" \n ", 10.0, Weight::Bold, 20.0).is_empty());
        // A very long text breaks in time proportional to its length.
        let long = "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG ".repeat(2000);
        let lines = break_lines(&long, 13.0, Weight::Bold, 200.0);
        assert!(lines.len() >= 2000 && lines.iter().all(|l| l.contains(' ')));
    }

    /// 165 mm of text: 467.7 pt.
    const WIDTH: f64 = 165.0 / MM_PER_PT;

    #[test]
    fn columns_are_forty_sixty_for_a_short_agency() {
        let l = Layout::new(crate::layout::Form::Nd30, crate::document::SizeSet::Small);
        let [left, right] = header_columns(&l, "CỤC", "", false, WIDTH).width_pt;
        assert!((left - WIDTH * 0.4).abs() < 1e-9 && (left + right - WIDTH).abs() < 1e-9);
    }

    #[test]
    fn columns_widen_for_a_long_agency_but_keep_the_quoc_hieu_on_one_line() {
        let agency = "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG";
        let small = Layout::new(crate::layout::Form::Nd30, crate::document::SizeSet::Small);
        let c = header_columns(&small, agency, "", false, WIDTH);
        let [left, right] = c.width_pt;
        assert_eq!(c.agency, [agency]);
        assert!(left > text_width_pt(agency, 12.0, Weight::Bold), "{left}");
        assert!(right > text_width_pt(&small.words.quoc_hieu, 12.0, Weight::Bold));
        // 13 pt: the Quốc hiệu needs ≈ 96 mm, so the agency has to wrap.
        let large = Layout::new(crate::layout::Form::Nd30, crate::document::SizeSet::Large);
        let c = header_columns(&large, agency, "", false, WIDTH);
        assert!(c.width_pt[1] > text_width_pt(&large.words.quoc_hieu, 13.0, Weight::Bold));
        assert_eq!(c.agency, ["CỤC CÔNG NGHIỆP", "ĐỊA PHƯƠNG"]);
        // A register book's cover keeps no room for a Quốc hiệu.
        let [left, _] = header_columns(&large, &agency.repeat(3), "", true, WIDTH).width_pt;
        assert!((left - WIDTH).abs() < 1e-9);
    }
}
