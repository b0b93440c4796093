//! `vanban preview`: PNG images of a document's pages, for a quick look without a PDF
//! viewer.
//!
//! The document is made exactly as `render` makes it (same template, data and layout),
//! laid out by [`crate::pdf::compile`] and rasterised in process by `typst-render`. It is
//! not an export format: images are for looking, the PDF and DOCX are the documents.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::write_atomic;
use crate::template::{Renderer, Template, build_context};
use crate::workbook::Dataset;

/// What to draw.
#[derive(Debug, Clone, Copy)]
pub struct PreviewOptions {
    /// One page (1-based), or every page.
    pub page: Option<usize>,
    /// Resolution in dots per inch (72 gives one pixel per point).
    pub dpi: f32,
}

impl Default for PreviewOptions {
    fn default() -> Self {
        PreviewOptions {
            page: None,
            dpi: 96.0,
        }
    }
}

/// One written image.
#[derive(Debug, Clone)]
pub struct PageImage {
    pub path: PathBuf,
    /// 1-based page number.
    pub page: usize,
    pub width: u32,
    pub height: u32,
}

/// Why no preview was made.
#[derive(Debug, thiserror::Error)]
pub enum PreviewError {
    #[error(transparent)]
    Render(#[from] Error),
    /// `--page` beyond the document.
    #[error("the document has {pages} page(s); there is no page {page}")]
    NoSuchPage { page: usize, pages: usize },
    #[error("cannot encode page {page} as PNG: {message}")]
    Png { page: usize, message: String },
}

/// One page drawn as a PNG, in memory.
#[derive(Debug, Clone)]
pub struct PagePng {
    /// 1-based page number.
    pub page: usize,
    /// Pages of the whole document.
    pub pages: usize,
    pub width: u32,
    pub height: u32,
    pub png: Vec<u8>,
}

/// Renders `template_dir` over `workbook` and writes `<name>-<page>.png` into `out_dir`.
/// Every image is made in memory before the first is written.
pub fn preview(
    template_dir: &Path,
    workbook: &Path,
    out_dir: &Path,
    opts: PreviewOptions,
) -> Result<Vec<PageImage>, PreviewError> {
    let (name, pngs) = pages(template_dir, workbook, opts)?;
    let digits = pngs.first().map_or(1, |p| p.pages.to_string().len());
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Output {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut out = Vec::new();
    for p in pngs {
        let n = p.page;
        let path = out_dir.join(format!("{name}-{n:0digits$}.png"));
        write_atomic(&path, &p.png).map_err(|source| Error::Output {
            path: path.clone(),
            source,
        })?;
        out.push(PageImage {
            path,
            page: n,
            width: p.width,
            height: p.height,
        });
    }
    Ok(out)
}

/// The pages [`preview`] draws, in memory and not written (what `vanban serve` sends
/// back), with the document's file name stem.
pub fn pages(
    template_dir: &Path,
    workbook: &Path,
    opts: PreviewOptions,
) -> Result<(String, Vec<PagePng>), PreviewError> {
    let template = Template::load(template_dir).map_err(Error::from)?;
    let mut data = Dataset::open(workbook, &template.read_options()).map_err(Error::from)?;
    crate::legal::current::apply(&template, &mut data).map_err(Error::from)?;
    let ctx = build_context(&template, &data).map_err(Error::from)?;
    let renderer =
        Renderer::located(&template, Some(template.origins(&data))).map_err(Error::from)?;
    let rendered = renderer.render(&ctx).map_err(Error::from)?;
    let layout = match &template.layout {
        Some(source) => crate::pdf::Layout::Custom {
            source,
            file: &template.dir.join(crate::template::LAYOUT_FILE),
            root: &template.dir,
        },
        None => crate::pdf::Layout::Nd30,
    };
    let paged = crate::pdf::compile(&rendered.document, layout).map_err(Error::from)?;
    let pages = paged.pages();
    let wanted: Vec<usize> = match opts.page {
        Some(p) if p == 0 || p > pages.len() => {
            return Err(PreviewError::NoSuchPage {
                page: p,
                pages: pages.len(),
            });
        }
        Some(p) => vec![p],
        None => (1..=pages.len()).collect(),
    };
    let render_opts = typst_render::RenderOptions {
        pixel_per_pt: typst::utils::Scalar::new(f64::from(opts.dpi.max(1.0)) / 72.0),
        render_bleed: false,
    };
    let mut images = Vec::new();
    for n in wanted {
        let pixmap = typst_render::render(&pages[n - 1], &render_opts);
        let png = pixmap.encode_png().map_err(|e| PreviewError::Png {
            page: n,
            message: e.to_string(),
        })?;
        images.push(PagePng {
            page: n,
            pages: pages.len(),
            width: pixmap.width(),
            height: pixmap.height(),
            png,
        });
    }
    Ok((rendered.name, images))
}

impl crate::i18n::Bilingual for PreviewError {
    fn text(&self) -> crate::i18n::Text {
        match self {
            PreviewError::Render(e) => e.text(),
            PreviewError::NoSuchPage { page, pages } => crate::tr!(
                "văn bản có {pages} trang; không có trang {page}",
                "the document has {pages} page(s); there is no page {page}"
            ),
            PreviewError::Png { page, message } => crate::tr!(
                "không ghi được trang {page} thành ảnh PNG: {message}",
                "cannot encode page {page} as PNG: {message}"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Bilingual, Lang};

    #[test]
    fn preview_errors_in_vietnamese() {
        let e = PreviewError::NoSuchPage { page: 9, pages: 2 };
        assert_eq!(e.message(Lang::Vi), "văn bản có 2 trang; không có trang 9");
        assert_eq!(e.message(Lang::En), e.to_string());
        let e = PreviewError::Png {
            page: 3,
            message: "out of memory".into(),
        };
        assert_eq!(
            e.message(Lang::Vi),
            "không ghi được trang 3 thành ảnh PNG: out of memory"
        );
        assert_eq!(e.message(Lang::En), e.to_string());
        let e = PreviewError::Render(Error::Output {
            path: "out/a.png".into(),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        });
        assert!(
            e.message(Lang::Vi)
                .starts_with("không ghi được out/a.png: không có quyền"),
            "{}",
            e.message(Lang::Vi)
        );
    }
}
