//! The opening lines of an appendix (Phụ lục): the label in bold, the title in upper
//! case bold, and the italic note ("(Kèm theo Báo cáo số … ngày …)"), all centred, as
//! the Typst layout prints them. The page break, orientation and page numbering come
//! from the appendix's section (`page.rs`, `mod.rs`); the body uses the ordinary blocks.

use docx_rs::{AlignmentType, Paragraph};

use crate::document::Appendix;

use super::blocks::Piece;
use super::ctx::{Ctx, single_spacing, twips};
use super::text::{RunStyle, text_run};

/// The label, title and note paragraphs (those that are not empty).
pub(crate) fn heading(ctx: &mut Ctx, appendix: &Appendix) -> Vec<Piece> {
    let base = RunStyle::new(ctx.body_pt());
    let lines = [
        (appendix.label.trim().to_string(), base.bold()),
        (appendix.title.trim().to_string(), base.bold()),
        (appendix.note.trim().to_string(), base.italic()),
    ];
    let lines: Vec<_> = lines.into_iter().filter(|(t, _)| !t.is_empty()).collect();
    let len = lines.len();
    let gap = twips(ctx.layout.appendix.after_heading_pt);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, (text, style))| {
            let after = if i + 1 == len { gap } else { 0 };
            let p = centred(ctx, after).keep_next(true);
            Piece::Paragraph(Box::new(p.add_run(text_run(&text, style))))
        })
        .collect()
}

fn centred(ctx: &mut Ctx, after: u32) -> Paragraph {
    ctx.para()
        .align(AlignmentType::Center)
        .indent(Some(0), None, None, None)
        .line_spacing(single_spacing(0, after))
}
