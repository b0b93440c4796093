//! One template over one workbook: the whole flow, end to end.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output::write_atomic;
use crate::template::{Renderer, Template, build_context};
use crate::workbook::{Dataset, LegacyMode, Notice};
use crate::{docx, pdf};

/// Which files to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub pdf: bool,
    pub docx: bool,
}

impl Default for Formats {
    fn default() -> Self {
        Formats {
            pdf: true,
            docx: true,
        }
    }
}

/// What a render produced.
#[derive(Debug, Clone)]
pub struct Made {
    pub files: Vec<PathBuf>,
    /// Pages of the PDF, when one was made.
    pub pdf_pages: Option<usize>,
    /// What the workbook reader repaired (TCVN3/VNI text), cell by cell.
    pub notices: Vec<Notice>,
}

/// Renders `template_dir` over `workbook` into `out_dir`.
///
/// Nothing is written unless every requested output was produced: both files are built
/// in memory first, then each is written atomically.
pub fn render(
    template_dir: &Path,
    workbook: &Path,
    out_dir: &Path,
    formats: Formats,
) -> Result<Made, Error> {
    render_with(template_dir, workbook, out_dir, formats, None)
}

/// [`render`], with the legacy-text mode of the command line (`--legacy`), which overrides
/// the template's `[workbook] legacy`.
pub fn render_with(
    template_dir: &Path,
    workbook: &Path,
    out_dir: &Path,
    formats: Formats,
    legacy: Option<LegacyMode>,
) -> Result<Made, Error> {
    let template = Template::load(template_dir)?;
    let mut read = template.read_options();
    if let Some(mode) = legacy {
        read.legacy = mode;
    }
    let data = Dataset::open(workbook, &read)?;
    let ctx = build_context(&template, &data)?;
    let renderer = Renderer::new(&template)?;
    let mut rendered = renderer.render(&ctx)?;

    let layout = match &template.layout {
        Some(source) => pdf::Layout::Custom {
            source,
            file: &template.dir.join(crate::template::LAYOUT_FILE),
            root: &template.dir,
        },
        None => pdf::Layout::Nd30,
    };
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut pdf_pages = None;
    if formats.pdf {
        let made = pdf::write(&rendered.document, layout)?;
        pdf_pages = Some(made.pages);
        outputs.push((out_dir.join(format!("{}.pdf", rendered.name)), made.bytes));
    }
    if formats.docx {
        // The DOCX shows charts as pictures of the PDF's drawing.
        pdf::attach_chart_images(&mut rendered.document)?;
        let bytes = docx::write(&rendered.document)?;
        outputs.push((out_dir.join(format!("{}.docx", rendered.name)), bytes));
    }
    std::fs::create_dir_all(out_dir).map_err(|source| Error::Output {
        path: out_dir.to_path_buf(),
        source,
    })?;
    let mut files = Vec::new();
    for (path, bytes) in outputs {
        write_atomic(&path, &bytes).map_err(|source| Error::Output {
            path: path.clone(),
            source,
        })?;
        files.push(path);
    }
    Ok(Made {
        files,
        pdf_pages,
        notices: data.notices,
    })
}
