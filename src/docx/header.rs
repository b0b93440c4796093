//! The top of page 1: the draft mark of a draft, header block (ô 1–4), title (ô 5a/5b)
//! and "Kính gửi" (ô 9a).
//!
//! The header block is a borderless two-column table (VN-FORMAT §1.2). Row 1 holds the
//! agency (left) and the Quốc hiệu with Tiêu ngữ (right); row 2 holds "Số:" (left) and
//! the place-date (right), so those two lines always sit on one baseline whatever the
//! height of the agency name. A biên bản has no place-date: that cell stays empty.
//! Title and addressees follow as centred paragraphs.
//!
//! A document without a tên loại is a công văn: its trích yếu ("V/v …") goes under the
//! "Số:" line in the left column (ô 5b), upright and not bold, instead of as a centred
//! title.

use docx_rs::{
    AlignmentType, BorderType, Paragraph, ParagraphBorder, ParagraphBorderPosition,
    ParagraphBorders, SpecialIndentType, Table, TableRow,
};

use crate::document::{DraftMark, DraftPosition, Header};

use super::ctx::{Ctx, single_spacing};
use super::layout::{layout_cell, layout_table, rule};
use super::text::{RunStyle, list_end, strip_end_punctuation, text_run};
use super::units::{Weight, pt_to_twips, text_width_twips, widest_line_twips};

/// Quốc hiệu, as the decree's text writes it.
pub(crate) const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
/// Tiêu ngữ: hyphens with spaces, not dashes.
pub(crate) const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";
/// The "Số" line is 13 pt in both size sets (VN-FORMAT §1.3).
const NUMBER_PT: f64 = 13.0;
/// Rules under the agency name and the trích yếu: 1/3–1/2 of the text line.
const SHORT_RULE_SHARE: f64 = 0.4;
/// Space between the rule rows and the "Số" / place-date row: 6 pt.
const NUMBER_ROW_BEFORE: u32 = 120;
/// Safety factor on estimated widths that must fit on one line.
const SLACK: f64 = 1.04;
/// Space above the tên loại: 12 pt.
const TITLE_BEFORE: u32 = 240;
/// Space between the draft mark and the header block: 8 pt, as in the PDF.
const DRAFT_AFTER: u32 = 160;
/// The draft mark's box: ¾ pt lines, 6 pt from the text at the sides, 4 pt above and
/// below (the PDF's inset).
const DRAFT_BORDER_EIGHTHS: usize = 6;
const DRAFT_BORDER_TWIPS: i32 = 15;
const DRAFT_PAD_X_PT: usize = 6;
const DRAFT_PAD_Y_PT: usize = 4;
/// Extra room in the box so that an estimate a little short never wraps the words.
const DRAFT_TEXT_SLACK: i32 = 60;

/// True when the document has no tên loại and a trích yếu: a công văn.
fn is_cong_van(header: &Header) -> bool {
    header.doc_type.trim().is_empty() && !header.summary.trim().is_empty()
}

/// The header block table.
pub(crate) fn header_block(ctx: &mut Ctx, header: &Header) -> Table {
    let text_width = ctx.text_width;
    let grid = header_grid(ctx, header, text_width);

    let left_top = agency_paragraphs(ctx, header, grid[0]);
    if header.agency_only {
        // A register book's cover: the agency block alone (Phụ lục IV).
        let rows = vec![TableRow::new(vec![
            layout_cell(ctx, grid[0], left_top),
            layout_cell(ctx, grid[1], Vec::new()),
        ])];
        return layout_table(rows, &grid);
    }
    let right_top = national_paragraphs(ctx, grid[1]);
    let mut left_bottom = vec![number_paragraph(ctx, header)];
    if is_cong_van(header) {
        left_bottom.push(cong_van_summary(ctx, &header.summary));
    }
    let right_bottom = vec![place_date_paragraph(ctx, &header.place_date)];

    let rows = vec![
        TableRow::new(vec![
            layout_cell(ctx, grid[0], left_top),
            layout_cell(ctx, grid[1], right_top),
        ]),
        TableRow::new(vec![
            layout_cell(ctx, grid[0], left_bottom),
            layout_cell(ctx, grid[1], right_bottom),
        ]),
    ];
    layout_table(rows, &grid)
}

/// Column widths. The right column must hold the Quốc hiệu on one line (≈ 88 mm at
/// 12 pt bold, 96 mm at 13 pt); the left column takes about 40 % and grows to fit the
/// agency name on one line when the right column can spare the room, because a name
/// broken by the cell ("CỤC CÔNG NGHIỆP ĐỊA / PHƯƠNG") reads badly. A name that still
/// does not fit wraps, which the decree allows; a `\n` in the data chooses the break.
fn header_grid(ctx: &Ctx, header: &Header, text_width: i32) -> [i32; 2] {
    let total = f64::from(text_width);
    let quoc_hieu = text_width_twips(QUOC_HIEU, ctx.small_pt(), Weight::Bold) * SLACK;
    // A register book's cover has no Quốc hiệu to keep room for.
    let right_min = if header.agency_only {
        0.0
    } else {
        quoc_hieu.min(total * 0.68)
    };
    let left_max = total - right_min;
    let agency = widest_line_twips(
        &header.agency.trim().to_uppercase(),
        ctx.small_pt(),
        Weight::Bold,
    );
    let parent = widest_line_twips(
        &header.parent_agency.trim().to_uppercase(),
        ctx.small_pt(),
        Weight::Regular,
    );
    let wanted = agency.max(parent) * SLACK;
    let left = wanted.clamp((total * 0.4).min(left_max), left_max).round() as i32;
    [left, text_width - left]
}

/// Cơ quan chủ quản (upper case, not bold), cơ quan ban hành (bold), and the short rule.
fn agency_paragraphs(ctx: &mut Ctx, header: &Header, column: i32) -> Vec<Paragraph> {
    let size = ctx.small_pt();
    let mut out = Vec::new();
    let parent = header.parent_agency.trim();
    if !parent.is_empty() {
        out.push(centred(ctx).add_run(text_run(&parent.to_uppercase(), RunStyle::new(size))));
    }
    let agency = header.agency.trim().to_uppercase();
    if !agency.is_empty() {
        out.push(centred(ctx).add_run(text_run(&agency, RunStyle::new(size).bold())));
        let line = widest_line_twips(&agency, size, Weight::Bold).min(f64::from(column));
        out.push(rule(ctx, line * SHORT_RULE_SHARE, column, 0));
    }
    out
}

/// Quốc hiệu, Tiêu ngữ, and the rule as long as the Tiêu ngữ.
fn national_paragraphs(ctx: &mut Ctx, column: i32) -> Vec<Paragraph> {
    let small = ctx.small_pt();
    let body = ctx.body_pt();
    let motto_width = text_width_twips(TIEU_NGU, body, Weight::Bold);
    vec![
        centred(ctx).add_run(text_run(QUOC_HIEU, RunStyle::new(small).bold())),
        centred(ctx).add_run(text_run(TIEU_NGU, RunStyle::new(body).bold())),
        rule(ctx, motto_width, column, 0),
    ]
}

/// "Số: 45/BC-CNĐP", or "Số:      /BC-CNĐP" before registration (the number is never
/// invented).
pub(crate) fn number_text(header: &Header) -> String {
    let symbol = header.symbol.trim();
    let number = header
        .number
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty());
    match (number, symbol.is_empty()) {
        (Some(n), false) => format!("Số: {n}/{symbol}"),
        (Some(n), true) => format!("Số: {n}"),
        (None, false) => format!("Số:      /{symbol}"),
        (None, true) => "Số:".to_string(),
    }
}

fn number_paragraph(ctx: &mut Ctx, header: &Header) -> Paragraph {
    centred(ctx)
        .line_spacing(single_spacing(NUMBER_ROW_BEFORE, 0))
        .add_run(text_run(&number_text(header), RunStyle::new(NUMBER_PT)))
}

/// Ô 5b: the công văn's "V/v …" line under the number, 6 pt below it.
fn cong_van_summary(ctx: &mut Ctx, summary: &str) -> Paragraph {
    let size = ctx.small_pt();
    centred(ctx)
        .line_spacing(single_spacing(NUMBER_ROW_BEFORE, 0))
        .add_run(text_run(summary.trim(), RunStyle::new(size)))
}

fn place_date_paragraph(ctx: &mut Ctx, place_date: &str) -> Paragraph {
    let size = ctx.body_pt();
    let p = centred(ctx).line_spacing(single_spacing(NUMBER_ROW_BEFORE, 0));
    let text = place_date.trim();
    if text.is_empty() {
        p.size(super::units::half_points(size))
    } else {
        p.add_run(text_run(text, RunStyle::new(size).italic()))
    }
}

/// The draft mark ("DỰ THẢO", VN-FORMAT §1.7) above the header block: bold, upper case,
/// body size, flush left over the agency column or flush right over the Quốc hiệu, as
/// the PDF prints it. A boxed mark is a paragraph with borders on all four sides whose
/// indents narrow it to the estimated width of its text (plus slack), with the words
/// centred in the box. `None` when the mark has no text.
pub(crate) fn draft_mark(ctx: &mut Ctx, mark: &DraftMark) -> Option<Paragraph> {
    let text = mark.text.trim().to_uppercase();
    if text.is_empty() {
        return None;
    }
    let size = ctx.body_pt();
    let run = text_run(&text, RunStyle::new(size).bold());
    let p = ctx
        .para()
        .line_spacing(single_spacing(0, DRAFT_AFTER))
        .keep_next(true);
    if !mark.boxed {
        let align = match mark.position {
            DraftPosition::TopLeft => AlignmentType::Left,
            DraftPosition::TopRight => AlignmentType::Right,
        };
        return Some(
            p.align(align)
                .indent(Some(0), None, None, None)
                .add_run(run),
        );
    }
    // Word draws paragraph borders outside the text, `w:space` points away from it; the
    // outer edge of the box is kept on the margin.
    let outside = pt_to_twips(DRAFT_PAD_X_PT as f64) as i32 + DRAFT_BORDER_TWIPS;
    let inner =
        (text_width_twips(&text, size, Weight::Bold) * SLACK).round() as i32 + DRAFT_TEXT_SLACK;
    let free = (ctx.text_width - 2 * outside - inner).max(0);
    let (left, right) = match mark.position {
        DraftPosition::TopLeft => (outside, outside + free),
        DraftPosition::TopRight => (outside + free, outside),
    };
    let border = |position, space| {
        ParagraphBorder::new(position)
            .val(BorderType::Single)
            .size(DRAFT_BORDER_EIGHTHS)
            .space(space)
            .color("000000")
    };
    let mut p = p
        .align(AlignmentType::Center)
        .indent(Some(left), None, Some(right), None)
        .add_run(run);
    p.property = p.property.set_borders(
        ParagraphBorders::with_empty()
            .set(border(ParagraphBorderPosition::Top, DRAFT_PAD_Y_PT))
            .set(border(ParagraphBorderPosition::Bottom, DRAFT_PAD_Y_PT))
            .set(border(ParagraphBorderPosition::Left, DRAFT_PAD_X_PT))
            .set(border(ParagraphBorderPosition::Right, DRAFT_PAD_X_PT)),
    );
    Some(p)
}

/// Tên loại and trích yếu, centred and bold, with the short rule under the trích yếu.
/// Empty for a công văn (its trích yếu is in the header block).
pub(crate) fn title_block(ctx: &mut Ctx, header: &Header) -> Vec<Paragraph> {
    let size = ctx.body_pt();
    let width = ctx.text_width;
    let mut out = Vec::new();
    if is_cong_van(header) {
        return out;
    }
    let doc_type = header.doc_type.trim();
    let summary = header.summary.trim();
    if !doc_type.is_empty() {
        out.push(
            centred(ctx)
                .line_spacing(single_spacing(TITLE_BEFORE, 0))
                .keep_next(true)
                .add_run(text_run(doc_type, RunStyle::new(size).bold())),
        );
    }
    if !summary.is_empty() {
        let before = if doc_type.is_empty() { TITLE_BEFORE } else { 0 };
        out.push(
            centred(ctx)
                .line_spacing(single_spacing(before, 0))
                .keep_next(true)
                .add_run(text_run(summary, RunStyle::new(size).bold())),
        );
    }
    let last_line = if summary.is_empty() {
        doc_type
    } else {
        summary
    };
    if !last_line.is_empty() {
        // The first line of the trích yếu as set: at most one text width.
        let first = last_line.split('\n').next().unwrap_or_default();
        let line = text_width_twips(first, size, Weight::Bold).min(f64::from(width));
        out.push(rule(ctx, line * SHORT_RULE_SHARE, width, 120));
    }
    out
}

/// "Kính gửi": one addressee on the same line, centred; several on their own lines with
/// the dashes aligned under the end of "Kính gửi:". Punctuation is the writer's: each
/// line ends with `;`, the last with `.`. `gap_above` is the space above the first line:
/// more when no title sits between the header block and the addressees (công văn).
pub(crate) fn addressees(ctx: &mut Ctx, names: &[String], gap_above: u32) -> Vec<Paragraph> {
    let size = ctx.body_pt();
    let style = RunStyle::new(size);
    let names: Vec<&str> = names
        .iter()
        .map(|n| strip_end_punctuation(n))
        .filter(|n| !n.is_empty())
        .collect();
    match names.as_slice() {
        [] => Vec::new(),
        [one] => vec![
            centred(ctx)
                .line_spacing(single_spacing(gap_above, 120))
                .add_run(text_run(&format!("Kính gửi: {one}."), style)),
        ],
        many => {
            let width = f64::from(ctx.text_width);
            let label = "Kính gửi:";
            let label_w = text_width_twips(label, size, Weight::Regular);
            let dash_w = text_width_twips("- ", size, Weight::Regular);
            let widest = many
                .iter()
                .map(|n| text_width_twips(&format!("- {n};"), size, Weight::Regular))
                .fold(0.0, f64::max);
            // Centre the whole block (label + list) on the text width.
            let block = (label_w + widest).min(width);
            let start = ((width - block) / 2.0).max(0.0);
            let dash_x = (start + label_w).round() as i32;
            let mut out = vec![
                ctx.para()
                    .align(AlignmentType::Left)
                    .indent(Some(start.round() as i32), None, None, None)
                    .line_spacing(single_spacing(gap_above, 0))
                    .add_run(text_run(label, style)),
            ];
            let len = many.len();
            for (i, name) in many.iter().enumerate() {
                let after = if i + 1 == len { 120 } else { 0 };
                out.push(
                    ctx.para()
                        .align(AlignmentType::Left)
                        .indent(
                            Some(dash_x + dash_w.round() as i32),
                            Some(SpecialIndentType::Hanging(dash_w.round() as i32)),
                            None,
                            None,
                        )
                        .line_spacing(single_spacing(0, after))
                        .add_run(text_run(&format!("- {name}{}", list_end(i, len)), style)),
                );
            }
            out
        }
    }
}

/// A centred single-spaced paragraph without indent.
fn centred(ctx: &mut Ctx) -> Paragraph {
    ctx.para()
        .align(AlignmentType::Center)
        .line_spacing(single_spacing(0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(number: Option<&str>, symbol: &str) -> Header {
        Header {
            parent_agency: String::new(),
            agency: "CỤC".into(),
            number: number.map(String::from),
            symbol: symbol.into(),
            place: "Hà Nội".into(),
            date: None,
            place_date: String::new(),
            doc_type: String::new(),
            summary: String::new(),
            draft: None,
            agency_only: false,
        }
    }

    #[test]
    fn number_line_forms() {
        assert_eq!(
            number_text(&header(Some("45"), "BC-CNĐP")),
            "Số: 45/BC-CNĐP"
        );
        assert_eq!(number_text(&header(None, "BC-CNĐP")), "Số:      /BC-CNĐP");
        assert_eq!(number_text(&header(Some(" "), "BC")), "Số:      /BC");
        assert_eq!(number_text(&header(None, "")), "Số:");
    }

    #[test]
    fn grid_is_forty_sixty_for_a_short_agency() {
        let ctx = Ctx::new(crate::document::SizeSet::Small, 9355);
        assert_eq!(header_grid(&ctx, &header(None, ""), 9355), [3742, 5613]);
    }

    #[test]
    fn grid_widens_for_a_long_agency_but_keeps_the_quoc_hieu_on_one_line() {
        let mut h = header(None, "");
        h.agency = "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG".into();
        let small = Ctx::new(crate::document::SizeSet::Small, 9355);
        let [left, right] = header_grid(&small, &h, 9355);
        let agency = text_width_twips(&h.agency, 12.0, Weight::Bold);
        assert!(f64::from(left) > agency && left + right == 9355, "{left}");
        let quoc_hieu = text_width_twips(QUOC_HIEU, 12.0, Weight::Bold);
        assert!(f64::from(right) > quoc_hieu);
        // 13 pt: the Quốc hiệu needs ≈ 96 mm, so the agency has to wrap.
        let large = Ctx::new(crate::document::SizeSet::Large, 9355);
        let [_, right] = header_grid(&large, &h, 9355);
        assert!(f64::from(right) > text_width_twips(QUOC_HIEU, 13.0, Weight::Bold));
    }
}
