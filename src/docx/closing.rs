//! The end block: "Nơi nhận" (ô 9b, left) and the signature (ô 7, right).
//!
//! A borderless two-column table (≈ 45 % | 55 %), so the "Nơi nhận:" label sits level
//! with the first quyền hạn/chức vụ line as Decree 30 wants. The writer adds the list
//! punctuation itself: "- X;" and "." after the last entry.

use docx_rs::{AlignmentType, Paragraph, Table, TableRow};

use crate::document::Signature;

use super::ctx::{Ctx, single_spacing};
use super::layout::{layout_cell, layout_table, split};
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

/// The end block, or `None` when there are neither recipients nor a signature.
pub(crate) fn end_block(
    ctx: &mut Ctx,
    recipients: &[String],
    signature: &Signature,
) -> Option<Table> {
    let recipients: Vec<&str> = recipients
        .iter()
        .map(|r| strip_end_punctuation(r))
        .filter(|r| !r.is_empty())
        .collect();
    let has_signature =
        signature.lines.iter().any(|l| !l.trim().is_empty()) || !signature.name.trim().is_empty();
    if recipients.is_empty() && !has_signature {
        return None;
    }
    let grid = split(ctx.text_width, 0.45);
    let left = recipient_paragraphs(ctx, &recipients);
    let right = if has_signature {
        signature_paragraphs(ctx, signature)
    } else {
        Vec::new()
    };
    let row = TableRow::new(vec![
        layout_cell(ctx, grid[0], left),
        layout_cell(ctx, grid[1], right),
    ])
    .cant_split();
    Some(layout_table(vec![row], grid))
}

fn recipient_paragraphs(ctx: &mut Ctx, recipients: &[&str]) -> Vec<Paragraph> {
    if recipients.is_empty() {
        return Vec::new();
    }
    let mut out = vec![flush_left(ctx, BEFORE).keep_next(true).add_run(text_run(
        "Nơi nhận:",
        RunStyle::new(LABEL_PT).bold().italic(),
    ))];
    let len = recipients.len();
    for (i, r) in recipients.iter().enumerate() {
        let text = format!("- {r}{}", list_end(i, len));
        out.push(flush_left(ctx, 0).add_run(text_run(&text, RunStyle::new(LIST_PT))));
    }
    out
}

/// Authority lines (upper case, bold), room for signature and seal, then the name.
fn signature_paragraphs(ctx: &mut Ctx, signature: &Signature) -> Vec<Paragraph> {
    let size = ctx.body_pt();
    let style = RunStyle::new(size).bold();
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
    for _ in 0..SIGNATURE_GAP_LINES {
        out.push(empty_paragraph(ctx, size).keep_next(true));
    }
    let name = signature.name.trim();
    if !name.is_empty() {
        out.push(centred(ctx, 0).add_run(text_run(name, style)));
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
