//! The end block: "Nơi nhận" (ô 9b) and the signatures (ô 7).
//!
//! One signature (or none): a borderless two-column table (≈ 45 % | 55 %), so the "Nơi
//! nhận:" label sits level with the first quyền hạn/chức vụ line as Decree 30 wants; with
//! no signature the right column stays empty. Two to four signatures (a biên bản signed
//! by several parties): a borderless table of equal columns side by side, then "Nơi
//! nhận" below it on the left. That table has two rows, authority lines and then names,
//! so that the names line up even when one party has more authority lines than another. The writer adds the list punctuation itself: "- X;" and
//! "." after the last entry.

use docx_rs::{AlignmentType, Paragraph, TableRow};

use crate::document::Signature;

use super::blocks::Piece;
use super::ctx::{Ctx, single_spacing};
use super::layout::{equal_columns, layout_cell, layout_table, layout_table_with_gutter, split};
use super::page::empty_paragraph;
use super::text::{RunStyle, list_end, strip_end_punctuation, text_run};

/// "Nơi nhận:" is 12 pt bold italic in both size sets.
const LABEL_PT: f64 = 12.0;
/// The recipients are 11 pt in both size sets.
const LIST_PT: f64 = 11.0;
/// Empty lines left for the signature and the seal.
const SIGNATURE_GAP_LINES: usize = 4;
/// Space between the body and the end block: 6 pt.
const BEFORE: u32 = 120;
/// Space between side-by-side signatures and the "Nơi nhận" under them: 12 pt.
const RECIPIENTS_BELOW_SIGNATURES: u32 = 240;
/// Padding on each side of a signature column when several sit side by side: 3 pt,
/// so the PDF's 6 pt gutter between columns.
const SIGNATURE_GUTTER_SIDE: usize = 60;

/// The end block; empty when there are neither recipients nor signatures.
pub(crate) fn end_block(
    ctx: &mut Ctx,
    recipients: &[String],
    signatures: &[Signature],
) -> Vec<Piece> {
    let recipients: Vec<&str> = recipients
        .iter()
        .map(|r| strip_end_punctuation(r))
        .filter(|r| !r.is_empty())
        .collect();
    let signatures: Vec<&Signature> = signatures.iter().filter(|s| has_content(s)).collect();
    match signatures.as_slice() {
        [] if recipients.is_empty() => Vec::new(),
        [] | [_] => {
            let grid = split(ctx.text_width, 0.45);
            let left = recipient_paragraphs(ctx, &recipients, BEFORE);
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
                rows,
                &grid,
                SIGNATURE_GUTTER_SIDE,
            ))];
            out.extend(
                recipient_paragraphs(ctx, &recipients, RECIPIENTS_BELOW_SIGNATURES)
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
    let mut out = vec![flush_left(ctx, before).keep_next(true).add_run(text_run(
        "Nơi nhận:",
        RunStyle::new(LABEL_PT).bold().italic(),
    ))];
    let len = recipients.len();
    for (i, r) in recipients.iter().enumerate() {
        let text = format!("- {r}{}", list_end(i, len));
        let p = flush_left(ctx, 0).add_run(text_run(&text, RunStyle::new(LIST_PT)));
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
        let before = if i == 0 { BEFORE } else { 0 };
        out.push(
            centred(ctx, before)
                .keep_next(true)
                .add_run(text_run(&line.to_uppercase(), style)),
        );
    }
    let hint = signature.hint.trim();
    if !hint.is_empty() {
        let before = if out.is_empty() { BEFORE } else { 0 };
        let style = RunStyle::new(ctx.body_pt()).italic();
        out.push(
            centred(ctx, before)
                .keep_next(true)
                .add_run(text_run(hint, style)),
        );
    }
    out
}

/// Empty lines for the signature and the seal, then the name in bold.
fn name_paragraphs(ctx: &mut Ctx, signature: &Signature) -> Vec<Paragraph> {
    let size = ctx.body_pt();
    let mut out = Vec::new();
    for _ in 0..SIGNATURE_GAP_LINES {
        out.push(empty_paragraph(ctx, size).keep_next(true));
    }
    let name = signature.name.trim();
    if !name.is_empty() {
        out.push(centred(ctx, 0).add_run(text_run(name, RunStyle::new(size).bold())));
    }
    out
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
