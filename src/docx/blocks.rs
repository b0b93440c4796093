//! Body blocks (ô 6, and the bodies of appendices) to paragraphs and tables.
//!
//! Body paragraphs: justified, the layout's first-line indent, 0 pt before, the
//! paragraph gap after, the layout's line spacing (`crate::layout::BodyLayout`, which
//! the PDF reads too).
//!
//! Lists are typed, not Word numbering: official documents print their "-" and "1." as
//! text, and typed prefixes survive copy and paste between agencies' templates.

use docx_rs::{AlignmentType, BreakType, LineSpacing, LineSpacingType, Paragraph, Table};

use crate::document::{Block, Inline};

use super::DocxError;
use super::chart::chart;
use super::ctx::{Ctx, twips};
use super::table::data_table;
use super::text::{RunStyle, add_inlines, text_run};
use super::units::mm_to_twips;

/// What a block becomes in document.xml: a top-level paragraph or table.
pub(crate) enum Piece {
    // Boxed: docx-rs values are large (a paragraph is over 2 KB) and moved often.
    Paragraph(Box<Paragraph>),
    /// A table; `header_rows` of its first rows repeat on every page (`w:tblHeader`,
    /// added by the post-processor once the table's place in document.xml is known).
    Table {
        table: Box<Table>,
        header_rows: usize,
    },
}

impl Piece {
    /// A table without repeating header rows (layout tables, a chart's fallback table).
    pub(crate) fn plain_table(table: Table) -> Piece {
        Piece::Table {
            table: Box::new(table),
            header_rows: 0,
        }
    }
}

/// Builds the blocks of the body or of an appendix.
pub(crate) fn body(ctx: &mut Ctx, blocks: &[Block]) -> Result<Vec<Piece>, DocxError> {
    let mut out = Vec::new();
    for block in blocks {
        push_block(ctx, block, None, &mut out)?;
    }
    keep_tables_with_neighbours(&mut out, twips(ctx.layout.body.paragraph_gap_pt));
    Ok(out)
}

/// A paragraph right before a table is almost always its caption or unit line ("Đơn
/// vị: tỷ đồng"): keep it on the table's page. A paragraph right after a table gets
/// 6 pt before it, since a table has no spacing of its own and the text would touch the
/// bottom border. Nothing else changes the fixed body spacing.
fn keep_tables_with_neighbours(pieces: &mut [Piece], gap: u32) {
    for i in 0..pieces.len() {
        let next_is_table = matches!(pieces.get(i + 1), Some(Piece::Table { .. }));
        let after_table = i > 0 && matches!(pieces.get(i - 1), Some(Piece::Table { .. }));
        if let Piece::Paragraph(p) = &mut pieces[i] {
            if next_is_table {
                **p = std::mem::take(&mut **p).keep_next(true);
            }
            if after_table {
                let mut spacing = p.property.line_spacing.clone().unwrap_or_default();
                spacing = spacing.before(gap);
                **p = std::mem::take(&mut **p).line_spacing(spacing);
            }
        }
    }
}

/// Appends `block`; `prefix` is a list marker for the first paragraph of a list item.
fn push_block(
    ctx: &mut Ctx,
    block: &Block,
    prefix: Option<String>,
    out: &mut Vec<Piece>,
) -> Result<(), DocxError> {
    let body_style = RunStyle::new(ctx.body_pt());
    match block {
        Block::Paragraph { content } => {
            let p = body_paragraph(ctx, AlignmentType::Both, Some(first_line(ctx)));
            out.push(Piece::Paragraph(Box::new(fill(
                ctx, p, prefix, content, body_style,
            ))));
        }
        Block::Centered { content } => {
            let p = body_paragraph(ctx, AlignmentType::Center, None);
            out.push(Piece::Paragraph(Box::new(fill(
                ctx, p, prefix, content, body_style,
            ))));
        }
        Block::Heading { level, content } => {
            let (p, style) = heading(ctx, *level, body_style);
            out.push(Piece::Paragraph(Box::new(fill(
                ctx, p, prefix, content, style,
            ))));
        }
        Block::List {
            ordered,
            start,
            items,
        } => {
            for (i, item) in items.iter().enumerate() {
                let marker = if *ordered {
                    format!("{}. ", start.saturating_add(i as u64))
                } else {
                    "- ".to_string()
                };
                push_item(ctx, item, marker, out)?;
            }
        }
        Block::Table(table) => {
            out.push(Piece::Table {
                table: Box::new(data_table(ctx, table)?),
                header_rows: table.header.len(),
            });
        }
        Block::Chart(c) => out.extend(chart(ctx, c)?),
        Block::PageBreak => {
            let p = ctx
                .para()
                .add_run(text_run("", body_style).add_break(BreakType::Page));
            out.push(Piece::Paragraph(Box::new(p)));
        }
    }
    Ok(())
}

/// One list item: the marker goes in front of the item's first paragraph-like block.
fn push_item(
    ctx: &mut Ctx,
    item: &[Block],
    marker: String,
    out: &mut Vec<Piece>,
) -> Result<(), DocxError> {
    let mut marker = Some(marker);
    for block in item {
        match block {
            Block::Paragraph { .. } | Block::Centered { .. } | Block::Heading { .. } => {
                push_block(ctx, block, marker.take(), out)?;
            }
            _ => {
                // An item that opens with a nested list or a table shows its marker alone.
                if let Some(m) = marker.take() {
                    push_marker_only(ctx, m, out);
                }
                push_block(ctx, block, None, out)?;
            }
        }
    }
    if let Some(m) = marker {
        // An empty item still prints its marker.
        push_marker_only(ctx, m, out);
    }
    Ok(())
}

fn push_marker_only(ctx: &mut Ctx, marker: String, out: &mut Vec<Piece>) {
    let style = RunStyle::new(ctx.body_pt());
    let p = body_paragraph(ctx, AlignmentType::Both, Some(first_line(ctx)));
    out.push(Piece::Paragraph(Box::new(
        p.add_run(text_run(marker.trim_end(), style)),
    )));
}

/// Heading levels: 1 centred bold without indent; 2 bold, justified, indented; 3 bold,
/// indented; 4 bold italic, indented. Levels outside 1–4 take the nearest level.
fn heading(ctx: &mut Ctx, level: u8, base: RunStyle) -> (Paragraph, RunStyle) {
    let (p, style) = match level.clamp(1, 4) {
        1 => {
            // Centred, with the layout's heading spacing (as the PDF).
            let body = &ctx.layout.body;
            let (before, after) = (
                twips(body.heading1_before_pt),
                twips(body.heading1_after_pt),
            );
            let p = body_paragraph(ctx, AlignmentType::Center, None);
            let spacing = p
                .property
                .line_spacing
                .clone()
                .unwrap_or_default()
                .before(before)
                .after(after);
            (p.line_spacing(spacing), base.bold())
        }
        2 | 3 => (
            body_paragraph(ctx, AlignmentType::Both, Some(first_line(ctx))),
            base.bold(),
        ),
        _ => (
            body_paragraph(ctx, AlignmentType::Both, Some(first_line(ctx))),
            base.bold().italic(),
        ),
    };
    (p.keep_next(true), style)
}

/// The body's first-line indent in twips.
fn first_line(ctx: &Ctx) -> i32 {
    mm_to_twips(ctx.layout.body.first_line_indent_mm)
}

/// A paragraph with the body spacing.
fn body_paragraph(ctx: &mut Ctx, align: AlignmentType, first_line: Option<i32>) -> Paragraph {
    let body = &ctx.layout.body;
    let (after, line) = (
        twips(body.paragraph_gap_pt),
        (body.line_spacing * 240.0).round() as i32,
    );
    let p = ctx.para().align(align).line_spacing(
        LineSpacing::new()
            .before(0)
            .after(after)
            .line(line)
            .line_rule(LineSpacingType::Auto),
    );
    match first_line {
        Some(indent) => p.indent(
            Some(0),
            Some(docx_rs::SpecialIndentType::FirstLine(indent)),
            None,
            None,
        ),
        None => p.indent(Some(0), None, None, None),
    }
}

/// Adds the optional typed list marker and the inline content.
fn fill(
    ctx: &Ctx,
    mut p: Paragraph,
    prefix: Option<String>,
    content: &[Inline],
    style: RunStyle,
) -> Paragraph {
    if let Some(prefix) = prefix {
        p = p.add_run(text_run(&prefix, RunStyle::new(style.size_pt)));
    }
    add_inlines(p, content, style, &ctx.revision)
}
