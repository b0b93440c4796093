//! Charts (`Block::Chart`): the PNG drawn from the PDF side's vector chart (given to
//! `docx::write` by the caller),
//! placed inline and centred, with the chart's title under it in bold at table size —
//! as the Typst layout prints it.
//!
//! A chart without an image (the caller gives the pictures, in reading order, to
//! `docx::write`; a caller without them gives none) prints its title and then its bars as a small
//! two-column table, label | value as displayed, so no number of the chart is lost.
//!
//! Picture ids come from the per-call counter in `Ctx` (docx-rs would take them from a
//! process-wide counter); the size is the model's, in millimetres, shrunk to the text
//! width when wider. docx-rs's own `Pic::new` panics on bytes it cannot decode, so the
//! PNG header is read here and anything else is an error.

use docx_rs::{AlignmentType, Paragraph, Pic, Run, TableAlignmentType, TableRow};

use crate::document::{Align, Chart, ChartImage, Inline};
use crate::i18n::Text;

use super::DocxError;
use super::blocks::Piece;
use super::ctx::{Ctx, single_spacing, twips};
use super::table::{bordered_table, content_cell};
use super::text::{RunStyle, text_run};

/// English Metric Units per millimetre.
const EMU_PER_MM: f64 = 36_000.0;
/// The fallback table's columns, as shares of the text width.
const LABEL_SHARE: f64 = 0.45;
const VALUE_SHARE: f64 = 0.2;

/// The pieces of one chart.
pub(crate) fn chart(ctx: &mut Ctx, chart: &Chart) -> Result<Vec<Piece>, DocxError> {
    let title = chart.title.trim();
    let Some(image) = ctx.next_chart() else {
        return Ok(data_fallback(ctx, chart));
    };
    let (w_emu, h_emu) = placed_size(ctx, image).map_err(|message| DocxError::InvalidChart {
        place: ctx.place.clone(),
        title: title.to_string(),
        message,
    })?;
    let (w_px, h_px) = png_dimensions(&image.png).map_err(|message| DocxError::InvalidChart {
        place: ctx.place.clone(),
        title: title.to_string(),
        message,
    })?;
    let pic = Pic::new_with_dimensions(image.png.clone(), w_px, h_px)
        .id(ctx.image_id())
        .size(w_emu, h_emu);
    let spacing = &ctx.layout.chart;
    let (before, gap, end) = (
        twips(spacing.before_pt),
        twips(spacing.title_gap_pt),
        twips(spacing.after_pt),
    );
    let after = if title.is_empty() { end } else { gap };
    let picture = centred(ctx, before, after)
        .keep_next(!title.is_empty())
        .add_run(Run::new().add_image(pic));
    let mut out = vec![Piece::Paragraph(Box::new(picture))];
    if !title.is_empty() {
        out.push(Piece::Paragraph(Box::new(title_paragraph(
            ctx, title, 0, end,
        ))));
    }
    Ok(out)
}

/// The picture's size in EMU: the model's millimetres, scaled down (keeping the aspect
/// ratio) to the text width of the section.
fn placed_size(ctx: &Ctx, image: &ChartImage) -> Result<(u32, u32), Text> {
    let (w, h) = (image.width_mm, image.height_mm);
    if !(w.is_finite() && h.is_finite() && w > 0.0 && h > 0.0) {
        return Err(crate::tr!(
            "ảnh biểu đồ có kích thước {w} × {h} mm, không phải kích thước dương",
            "the chart image size {w} × {h} mm is not a positive size"
        ));
    }
    let text_mm = f64::from(ctx.text_width) / 1440.0 * 25.4;
    let scale = (text_mm / w).min(1.0);
    let emu = |mm: f64| {
        (mm * scale * EMU_PER_MM)
            .round()
            .clamp(1.0, f64::from(u32::MAX)) as u32
    };
    Ok((emu(w), emu(h)))
}

/// Width and height in pixels from the PNG's IHDR chunk.
fn png_dimensions(png: &[u8]) -> Result<(u32, u32), Text> {
    const SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    if png.len() < 24 || png[..8] != SIGNATURE || &png[12..16] != b"IHDR" {
        return Err(crate::tr!(
            "ảnh biểu đồ không phải tệp PNG",
            "the chart image is not a PNG file"
        ));
    }
    let be = |at: usize| u32::from_be_bytes([png[at], png[at + 1], png[at + 2], png[at + 3]]);
    let (w, h) = (be(16), be(20));
    if w == 0 || h == 0 {
        return Err(crate::tr!(
            "ảnh biểu đồ không có điểm ảnh nào",
            "the chart image has no pixels"
        ));
    }
    Ok((w, h))
}

/// Title, then one row per bar: label (left) | value as displayed (right).
fn data_fallback(ctx: &mut Ctx, chart: &Chart) -> Vec<Piece> {
    let title = chart.title.trim();
    let mut out = Vec::new();
    if !title.is_empty() {
        let spacing = &ctx.layout.chart;
        let (before, gap) = (twips(spacing.before_pt), twips(spacing.title_gap_pt));
        let p = title_paragraph(ctx, title, before, gap).keep_next(true);
        out.push(Piece::Paragraph(Box::new(p)));
    }
    if chart.bars.is_empty() {
        return out;
    }
    let width = f64::from(ctx.text_width);
    let grid = [
        (width * LABEL_SHARE).round() as i32,
        (width * VALUE_SHARE).round() as i32,
    ];
    let text = |s: &str| {
        vec![Inline::Text {
            text: s.to_string(),
        }]
    };
    let mut rows = Vec::new();
    for bar in &chart.bars {
        let cells = vec![
            content_cell(ctx, &grid, 0, 1, &text(&bar.label), Align::Left, false),
            content_cell(ctx, &grid, 1, 1, &text(&bar.display), Align::Right, false),
        ];
        rows.push(TableRow::new(cells).cant_split());
    }
    let table = bordered_table(ctx, rows, &grid).align(TableAlignmentType::Center);
    out.push(Piece::plain_table(table));
    out
}

/// The chart's title: bold, centred, at table size.
fn title_paragraph(ctx: &mut Ctx, title: &str, before: u32, after: u32) -> Paragraph {
    let style = RunStyle::new(ctx.table_pt()).bold();
    centred(ctx, before, after).add_run(text_run(title, style))
}

fn centred(ctx: &mut Ctx, before: u32, after: u32) -> Paragraph {
    ctx.para()
        .align(AlignmentType::Center)
        .indent(Some(0), None, None, None)
        .line_spacing(single_spacing(before, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn png_header_gives_the_pixel_size() {
        let mut png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];
        png.extend_from_slice(b"IHDR");
        png.extend_from_slice(&640u32.to_be_bytes());
        png.extend_from_slice(&480u32.to_be_bytes());
        assert_eq!(png_dimensions(&png), Ok((640, 480)));
        assert!(png_dimensions(b"GIF89a not a png at all....").is_err());
        assert!(png_dimensions(&png[..20]).is_err());
    }

    #[test]
    fn wide_images_shrink_to_the_text_width() {
        let layout = crate::layout::Layout::default();
        let measured = crate::layout::Measured {
            text_width_pt: 467.7,
            header_columns_pt: [187.0, 280.7],
            ..Default::default()
        };
        let ctx = Ctx::new(&layout, &measured, &[], 9355);
        let image = |w: f64, h: f64| ChartImage {
            png: Vec::new(),
            width_mm: w,
            height_mm: h,
        };
        assert_eq!(
            placed_size(&ctx, &image(100.0, 50.0)),
            Ok((3_600_000, 1_800_000))
        );
        let (w, h) = placed_size(&ctx, &image(330.0, 100.0)).expect("a size");
        // 9355 twips = 165.0 mm.
        assert!((w as f64 / EMU_PER_MM - 165.0).abs() < 0.1, "{w}");
        assert!((h as f64 / EMU_PER_MM - 50.0).abs() < 0.1, "{h}");
        assert!(placed_size(&ctx, &image(f64::NAN, 1.0)).is_err());
        assert!(placed_size(&ctx, &image(10.0, 0.0)).is_err());
    }
}
