//! Charts as images, for the DOCX writer.
//!
//! The PDF draws a chart as vector graphics with the layout's `render-chart`. Word files
//! have no such drawing language that LibreOffice and Word both render the same, so the
//! DOCX gets a PNG of the very same Typst drawing: one chart implementation, two outputs
//! that look alike.

use typst::diag::Warned;
use typst::utils::Scalar;
use typst_layout::PagedDocument;

use super::{DocWorld, PdfError};
use crate::document::{Block, Chart, ChartImage, Document};
use crate::layout::Layout;

/// Resolution of chart images: enough for print, small enough for e-mail.
const DPI: f64 = 200.0;

/// A picture of every chart of the document, in reading order (body, then each
/// appendix; inside lists too): what the DOCX writer places where the PDF draws them.
pub fn chart_images(doc: &Document) -> Result<Vec<ChartImage>, PdfError> {
    let page = doc.page;
    let portrait_mm = 210.0 - page.margin_left_mm - page.margin_right_mm;
    let landscape_mm = 297.0 - page.margin_left_mm - page.margin_right_mm;
    let mut out = Vec::new();
    let main_mm = if page.landscape {
        landscape_mm
    } else {
        portrait_mm
    };
    collect(&doc.body, &doc.layout, main_mm, &mut out)?;
    for a in &doc.appendices {
        let width = if a.landscape {
            landscape_mm
        } else {
            portrait_mm
        };
        collect(&a.body, &doc.layout, width, &mut out)?;
    }
    Ok(out)
}

fn collect(
    blocks: &[Block],
    layout: &Layout,
    width_mm: f64,
    out: &mut Vec<ChartImage>,
) -> Result<(), PdfError> {
    for block in blocks {
        match block {
            Block::Chart(chart) => out.push(chart_image(chart, layout, width_mm)?),
            Block::List { items, .. } => {
                for item in items {
                    collect(item, layout, width_mm, out)?;
                }
            }
            _ => {}
        }
    }
    Ok(())
}

/// Draws `chart` (without its title, which the DOCX prints as text) `width_mm` wide.
pub fn chart_image(chart: &Chart, layout: &Layout, width_mm: f64) -> Result<ChartImage, PdfError> {
    let data = serde_json::json!({
        "layout": layout,
        "chart": Chart { title: String::new(), ..chart.clone() },
    });
    let json = serde_json::to_vec(&data).map_err(|e| {
        PdfError::one(crate::tr!(
            "biểu đồ: không chuyển được sang JSON: {e}",
            "cannot serialise the chart: {e}"
        ))
    })?;
    // Only numbers computed here are spliced into this source; the chart itself travels
    // as JSON like the document does.
    let source = format!(
        "#import \"/vanban/nd30.typ\": render-chart, body-size\n\
         #set page(width: {width_mm:.2}mm, height: auto, margin: 0.5mm, fill: white)\n\
         #set text(font: \"{}\", size: body-size, lang: \"vi\")\n\
         #render-chart(json(\"/document.json\").chart)\n",
        super::FAMILY
    );
    let world = DocWorld::new(&source, json, None, None);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    let paged = output.map_err(|diags| PdfError {
        diagnostics: diags
            .iter()
            .map(|d| {
                let message = &d.message;
                crate::tr!("biểu đồ: {message}", "chart: {message}")
            })
            .collect(),
    })?;
    let page = paged.pages().first().ok_or_else(|| {
        PdfError::one(crate::tr!(
            "biểu đồ: không vẽ được gì",
            "chart: nothing was drawn"
        ))
    })?;
    let pixel_per_pt = DPI / 72.0;
    let pixmap = typst_render::render(
        page,
        &typst_render::RenderOptions {
            pixel_per_pt: Scalar::new(pixel_per_pt),
            render_bleed: false,
        },
    );
    let png = pixmap.encode_png().map_err(|e| {
        PdfError::one(crate::tr!(
            "biểu đồ: không ghi được ảnh PNG: {e}",
            "chart: cannot encode the PNG: {e}"
        ))
    })?;
    let mm_per_px = 25.4 / DPI;
    Ok(ChartImage {
        png,
        width_mm: f64::from(pixmap.width()) * mm_per_px,
        height_mm: f64::from(pixmap.height()) * mm_per_px,
    })
}
