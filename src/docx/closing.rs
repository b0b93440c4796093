//! The end block: "Nơi nhận" (ô 9b) and the signatures (ô 7).
//!
//! One signature (or none): a borderless two-column table (≈ 45 % | 55 %), so the "Nơi
//! nhận:" label sits level with the first quyền hạn/chức vụ line as Decree 30 wants; with
//! no signature the right column stays empty. Two to four signatures (a biên bản signed
//! by several parties): a borderless table of equal columns side by side, then "Nơi
//! nhận" below it on the left. That table has two rows, authority lines and then names,
//! so that the names line up even when one party has more authority lines than another.
//! The words arrive as printed (capitals, list punctuation); sizes and gaps are the
//! layout's (`crate::layout`).

use docx_rs::{AlignmentType, Paragraph, TableRow};

use crate::document::Signature;

use super::blocks::Piece;
use super::ctx::{Ctx, single_spacing, twips};
use super::layout::{equal_columns, layout_cell, layout_table, layout_table_with_gutter, split};
use super::text::{RunStyle, text_run};
use super::units::mm_to_twips;

/// The end block; empty when there are neither recipients nor signatures.
pub(crate) fn end_block(
    ctx: &mut Ctx,
    recipients: &[String],
    signatures: &[Signature],
) -> Vec<Piece> {
    let recipients: Vec<&str> = recipients
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
        .collect();
    let signatures: Vec<&Signature> = signatures.iter().filter(|s| has_content(s)).collect();
    let c = &ctx.layout.closing;
    let (before, share, gutter, below) = (
        twips(c.before_pt),
        c.recipients_share,
        // Half the gutter on each side of every column.
        twips(c.signature_gutter_pt / 2.0) as usize,
        twips(c.recipients_below_signatures_pt),
    );
    match signatures.as_slice() {
        [] if recipients.is_empty() => Vec::new(),
        [] | [_] => {
            let grid = split(ctx.text_width, share);
            let left = recipient_paragraphs(ctx, &recipients, before);
            let right = match signatures.first() {
                Some(signature) => signature_paragraphs(ctx, signature),
                None => Vec::new(),
            };
            let row = TableRow::new(vec![
                layout_cell(ctx, grid[0], left),
                layout_cell(ctx, grid[1], right),
            ])
            .cant_split();
            vec![Piece::plain_table(layout_table(vec![row], &grid))]
        }
        several => {
            // Two rows: the authority lines, then the room for signature and seal with
            // the names, so that the names sit on one line whatever the number of
            // authority lines in each column.
            let grid = equal_columns(ctx.text_width, several.len());
            let mut authority = Vec::new();
            let mut names = Vec::new();
            for (signature, width) in several.iter().zip(&grid) {
                let lines = authority_paragraphs(ctx, signature);
                authority.push(layout_cell(ctx, *width, lines));
                let name = name_paragraphs(ctx, signature);
                names.push(layout_cell(ctx, *width, name));
            }
            let rows = vec![
                TableRow::new(authority).cant_split(),
                TableRow::new(names).cant_split(),
            ];
            let mut out = vec![Piece::plain_table(layout_table_with_gutter(
                rows, &grid, gutter,
            ))];
            out.extend(
                recipient_paragraphs(ctx, &recipients, below)
                    .into_iter()
                    .map(|p| Piece::Paragraph(Box::new(p))),
            );
            out
        }
    }
}

fn has_content(signature: &Signature) -> bool {
    signature.lines.iter().any(|l| !l.trim().is_empty())
        || !signature.hint.trim().is_empty()
        || !signature.name.trim().is_empty()
}

/// "Nơi nhận:" and the list, `before` twips below what precedes them.
fn recipient_paragraphs(ctx: &mut Ctx, recipients: &[&str], before: u32) -> Vec<Paragraph> {
    if recipients.is_empty() {
        return Vec::new();
    }
    let label = ctx.layout.words.recipients_label.clone();
    let label_pt = ctx.layout.fonts.recipients_label_pt;
    let list_pt = ctx.layout.fonts.recipients_pt;
    let mut out = vec![
        flush_left(ctx, before)
            .keep_next(true)
            .add_run(text_run(&label, RunStyle::new(label_pt).bold().italic())),
    ];
    let len = recipients.len();
    for (i, line) in recipients.iter().enumerate() {
        let p = flush_left(ctx, 0).add_run(text_run(line, RunStyle::new(list_pt)));
        // Keep the list together with its label (a short list never fills a page).
        out.push(if i + 1 < len { p.keep_next(true) } else { p });
    }
    out
}

/// Authority lines (upper case, bold), room for signature and seal, then the name.
fn signature_paragraphs(ctx: &mut Ctx, signature: &Signature) -> Vec<Paragraph> {
    let mut out = authority_paragraphs(ctx, signature);
    out.extend(name_paragraphs(ctx, signature));
    out
}

/// The quyền hạn / chức vụ lines, upper case and bold, and the italic hint under them
/// ("(Ký, ghi rõ họ tên)"), each kept with the next.
fn authority_paragraphs(ctx: &mut Ctx, signature: &Signature) -> Vec<Paragraph> {
    let style = RunStyle::new(ctx.body_pt()).bold();
    let mut out = Vec::new();
    for (i, line) in signature
        .lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .enumerate()
    {
        let before = if i == 0 {
            twips(ctx.layout.closing.before_pt)
        } else {
            0
        };
        out.push(
            centred(ctx, before)
                .keep_next(true)
                .add_run(text_run(line, style)),
        );
    }
    let hint = signature.hint.trim();
    if !hint.is_empty() {
        let before = if out.is_empty() {
            twips(ctx.layout.closing.before_pt)
        } else {
            0
        };
        let style = RunStyle::new(ctx.body_pt()).italic();
        out.push(
            centred(ctx, before)
                .keep_next(true)
                .add_run(text_run(hint, style)),
        );
    }
    out
}

/// The room for the signature and the seal (`layout.closing.signature_gap_mm`, as the
/// PDF), then the name in bold.
fn name_paragraphs(ctx: &mut Ctx, signature: &Signature) -> Vec<Paragraph> {
    let size = ctx.body_pt();
    let gap = mm_to_twips(ctx.layout.closing.signature_gap_mm).max(0) as u32;
    let name = signature.name.trim();
    let p = centred(ctx, gap);
    vec![if name.is_empty() {
        p.size(super::units::half_points(size))
    } else {
        p.add_run(text_run(name, RunStyle::new(size).bold()))
    }]
}

fn flush_left(ctx: &mut Ctx, before: u32) -> Paragraph {
    ctx.para()
        .align(AlignmentType::Left)
        .indent(Some(0), None, None, None)
        .line_spacing(single_spacing(before, 0))
}

fn centred(ctx: &mut Ctx, before: u32) -> Paragraph {
    ctx.para()
        .align(AlignmentType::Center)
        .indent(Some(0), None, None, None)
        .line_spacing(single_spacing(before, 0))
}
