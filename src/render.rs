//! One template over one workbook, and the reusable pieces a batch is built from.
//!
//! The work splits into what is done once per template ([`Engine::new`]: the template
//! parsed, its Handlebars compiled; the Typst fonts and library are process-wide already,
//! see `pdf::Shared`) and what is done per document ([`Engine::produce`]: Handlebars →
//! Markdown → model → PDF and DOCX bytes, in memory). [`render`] is `vanban render`: load,
//! read, produce one document, write it atomically. `batch` calls the same two pieces for
//! many documents. Writing files is not done here for a batch: it decides names, edits and
//! skips itself.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::error::Error;
use crate::output::write_atomic;
use crate::template::{DocData, Renderer, Template, TemplateError, build_context};
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
    /// What the register did with the document's number (`--register`).
    pub numbered: Option<crate::register::Numbered>,
}

/// A template ready to make documents: parsed and compiled once, shared (by reference)
/// between worker threads.
pub struct Engine<'t> {
    template: &'t Template,
    renderer: Renderer<'t>,
    /// `layout.typ`'s path, for Typst's messages.
    layout_file: PathBuf,
    /// The PDF standard: the template's `pdf_standard`, or the command line's.
    pdf_standard: pdf::Standard,
    /// The command line's way of showing a draft's changes in the DOCX, over the
    /// template's (`[template] docx_changes`, carried in the document's meta).
    docx_changes: Option<crate::document::DocxChanges>,
}

/// One document, made in memory and not yet written.
#[derive(Debug, Clone)]
pub struct Produced {
    /// The file name stem the template's `output` gives (already safe).
    pub name: String,
    pub pdf: Option<pdf::Pdf>,
    pub docx: Option<Vec<u8>>,
    pub timings: Timings,
}

/// Where a document's time went (wall time on the thread that made it).
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    /// Handlebars, Markdown and the document model.
    pub render: Duration,
    /// Typst layout and PDF export.
    pub pdf: Duration,
    /// The DOCX writer.
    pub docx: Duration,
}

impl<'t> Engine<'t> {
    /// Compiles the template's body and manifest strings.
    pub fn new(template: &'t Template) -> Result<Engine<'t>, Error> {
        Engine::located(template, None)
    }

    /// [`Engine::new`] for documents made from one workbook: helper messages name its cells
    /// ([`Template::origins`]).
    pub fn located(
        template: &'t Template,
        locator: Option<std::sync::Arc<dyn crate::template::helpers::Locate>>,
    ) -> Result<Engine<'t>, Error> {
        let pdf_standard = template.manifest.template.pdf_standard.unwrap_or_default();
        Ok(Engine {
            template,
            renderer: Renderer::located(template, locator)?,
            layout_file: template.file(crate::template::LAYOUT_FILE),
            pdf_standard,
            docx_changes: None,
        })
    }

    /// Overrides the template's PDF standard (`vanban render --pdf-standard`).
    pub fn set_pdf_standard(&mut self, standard: pdf::Standard) {
        self.pdf_standard = standard;
    }

    /// Overrides how the DOCX shows a draft's changes (`vanban render --docx-changes`).
    pub fn set_docx_changes(&mut self, changes: crate::document::DocxChanges) {
        self.docx_changes = Some(changes);
    }

    pub fn template(&self) -> &'t Template {
        self.template
    }

    /// The Typst layout: the template's own `layout.typ` or vanban's Decree 30 layout.
    fn layout(&self) -> pdf::Layout<'_> {
        let template = self.template;
        match &template.layout {
            Some(source) => pdf::Layout::Custom {
                source,
                file: &self.layout_file,
                root: &template.dir,
            },
            None => pdf::Layout::Nd30,
        }
    }

    /// Makes one document from a Handlebars context (see [`build_context`]): the files'
    /// bytes, in memory.
    pub fn produce(&self, ctx: &DocData, formats: Formats) -> Result<Produced, Error> {
        self.produce_numbered(ctx, formats, &mut |_, _| Ok(()))
    }

    /// [`Engine::produce`], with `finish` given the document model and its output name
    /// before any writer sees it: the register fills in the number there
    /// (`register::number_document`), so it lands in both files.
    pub fn produce_numbered(
        &self,
        ctx: &DocData,
        formats: Formats,
        finish: &mut dyn FnMut(&mut crate::document::Document, &str) -> Result<(), Error>,
    ) -> Result<Produced, Error> {
        let mut timings = Timings::default();
        let started = Instant::now();
        let mut rendered = self
            .renderer
            .render_data(ctx)
            .map_err(|e| explain_row_field(e, ctx))?;
        timings.render = started.elapsed();
        finish(&mut rendered.document, &rendered.name)?;
        if let Some(changes) = self.docx_changes {
            rendered.document.meta.docx_changes = changes;
        }
        // The register may have given the number: the "Số:" line is printed from it.
        let header = &mut rendered.document.header;
        header.number_line = crate::layout::number_line(header.number.as_deref(), &header.symbol);
        let mut made = Produced {
            name: rendered.name,
            pdf: None,
            docx: None,
            timings,
        };
        // The header columns, printed lines and rules: measured once, for both writers.
        let measured = crate::layout::measure(&rendered.document);
        if formats.pdf {
            let started = Instant::now();
            made.pdf = Some(pdf::write_measured(
                &rendered.document,
                &measured,
                self.layout(),
                self.pdf_standard,
            )?);
            made.timings.pdf = started.elapsed();
        }
        if formats.docx {
            let started = Instant::now();
            // The DOCX shows charts as pictures of the PDF's drawing.
            let charts = pdf::chart_images(&rendered.document)?;
            made.docx = Some(docx::write_measured(
                &rendered.document,
                &measured,
                &charts,
            )?);
            made.timings.docx = started.elapsed();
        }
        Ok(made)
    }
}

/// A template written for one row at a time (`{{row.…}}`, see `batch`) rendered without
/// a row: say so, instead of "unknown field row".
fn explain_row_field(e: TemplateError, ctx: &DocData) -> TemplateError {
    let has_row = ctx.json().get("row").is_some();
    match e {
        TemplateError::UnknownField {
            location, field, ..
        } if !has_row && (field == "row" || field.starts_with("row.")) => TemplateError::Render {
            location,
            message: crate::tr!(
                "\"{field}\": mẫu này tạo một văn bản cho mỗi dòng của một sheet ({{{{row.…}}}} \
                 là dòng đang xét), nên `vanban render` không tạo được; hãy chạy bằng \
                 `vanban batch` với một việc ghi tên sheet (rows = \"…\"), xem mục \
                 \"Batch runs\" trong README",
                "\"{field}\": this template makes one document per row of a sheet ({{{{row.…}}}} \
                 is the current row), so `vanban render` cannot make it; run it with \
                 `vanban batch` and a job that names the sheet (rows = \"…\"), see README \
                 \"Batch runs\""
            ),
        },
        other => other,
    }
}

/// How `vanban render` makes its document: which files, and what the command line sets
/// over the template's own settings.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    pub formats: Formats,
    /// `--legacy`, over `[workbook] legacy`.
    pub legacy: Option<LegacyMode>,
    /// `--pdf-standard`, over `[template] pdf_standard`.
    pub pdf_standard: Option<pdf::Standard>,
    /// `--docx-changes`, over `[template] docx_changes`.
    pub docx_changes: Option<crate::document::DocxChanges>,
    /// `--register FILE`: number the document from this register.
    pub register: Option<PathBuf>,
}

/// Renders `template_dir` over `workbook` into `out_dir`: the one entry point for making a
/// document from a template and a workbook (`vanban render`, `watch`).
///
/// Nothing is written unless every requested output was produced: both files are built
/// in memory first, then each is written atomically. With a register, its write
/// transaction is taken before the document is made and committed only once its files are
/// in place: a render that fails anywhere — data, template, layout, writing — rolls back
/// and takes no number. The document is known to the register by its output path, so
/// rendering it again to the same place keeps its number.
pub fn render(
    template_dir: &Path,
    workbook: &Path,
    out_dir: &Path,
    options: &RenderOptions,
) -> Result<Made, Error> {
    let formats = options.formats;
    let register = options.register.as_deref();
    let (template, data) = load(template_dir, workbook, options)?;
    let ctx = build_context(&template, &data)?;
    let engine = engine(&template, &data, options)?;
    let ctx = DocData::new(ctx);
    let Some(register) = register else {
        let made = engine.produce(&ctx, formats)?;
        return write_made(made, out_dir, data.notices, None);
    };
    in_register(
        &engine,
        &ctx,
        formats,
        register,
        |name| register_key(out_dir, name),
        |made, numbered| write_made(made, out_dir, data.notices, numbered),
    )
}

/// Makes the document inside a transaction of `register`: a final document with an empty
/// number takes the next one, known to the register by `key(output name)`. `keep` (writing
/// the files, or handing the bytes over) runs before the transaction commits, so a failure
/// anywhere — data, template, layout, writing — takes no number.
fn in_register<T>(
    engine: &Engine<'_>,
    ctx: &DocData,
    formats: Formats,
    register: &Path,
    key: impl Fn(&str) -> String,
    keep: impl FnOnce(Produced, Option<crate::register::Numbered>) -> Result<T, Error>,
) -> Result<T, Error> {
    let mut register = crate::register::Register::open(register)?;
    let mut taking = register.begin()?;
    let mut numbered = None;
    let made = engine.produce_numbered(ctx, formats, &mut |doc, name| {
        numbered = Some(crate::register::number_document(
            &mut taking,
            doc,
            Some(key(name)),
        )?);
        Ok(())
    })?;
    let kept = keep(made, numbered)?;
    taking.commit()?;
    Ok(kept)
}

/// The register's key of a document `vanban render` makes: its output path without
/// extension, made absolute, so the same document rendered again keeps its number.
fn register_key(out_dir: &Path, name: &str) -> String {
    let dir = std::path::absolute(out_dir).unwrap_or_else(|_| out_dir.to_path_buf());
    format!("render:{}", dir.join(name).display())
}

/// Writes a produced document's files into `out_dir`, each atomically.
fn write_made(
    made: Produced,
    out_dir: &Path,
    notices: Vec<Notice>,
    numbered: Option<crate::register::Numbered>,
) -> Result<Made, Error> {
    let mut outputs: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let pdf_pages = made.pdf.as_ref().map(|p| p.pages);
    if let Some(pdf) = made.pdf {
        outputs.push((out_dir.join(format!("{}.pdf", made.name)), pdf.bytes));
    }
    if let Some(bytes) = made.docx {
        outputs.push((out_dir.join(format!("{}.docx", made.name)), bytes));
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
        notices,
        numbered,
    })
}

/// One document made in memory by [`produce_with`].
pub struct InMemory {
    pub produced: Produced,
    /// What the workbook reader repaired.
    pub notices: Vec<Notice>,
    /// What the register did with the document's number (`options.register`).
    pub numbered: Option<crate::register::Numbered>,
}

/// One document from a template folder and a workbook, made in memory and not written:
/// what `vanban serve` sends back. With `options.register`, a final document with an empty
/// number takes the next one, as [`render`] does; the number is recorded only once both
/// files were made, and the document is known to the register by its template folder's
/// name and its output name, so the same document made again keeps its number.
pub fn produce_with(
    template_dir: &Path,
    workbook: &Path,
    options: &RenderOptions,
) -> Result<InMemory, Error> {
    let (template, data) = load(template_dir, workbook, options)?;
    let ctx = DocData::new(build_context(&template, &data)?);
    let engine = engine(&template, &data, options)?;
    let Some(register) = options.register.as_deref() else {
        let produced = engine.produce(&ctx, options.formats)?;
        return Ok(InMemory {
            produced,
            notices: data.notices,
            numbered: None,
        });
    };
    let folder = template_dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    in_register(
        &engine,
        &ctx,
        options.formats,
        register,
        |name| format!("made:{folder}/{name}"),
        |produced, numbered| {
            Ok(InMemory {
                produced,
                notices: data.notices,
                numbered,
            })
        },
    )
}

/// The template folder and the workbook, read with the command line's `--legacy` over the
/// template's `[workbook] legacy`.
fn load(
    template_dir: &Path,
    workbook: &Path,
    options: &RenderOptions,
) -> Result<(Template, Dataset), Error> {
    let template = Template::load(template_dir)?;
    let mut read = template.read_options();
    if let Some(mode) = options.legacy {
        read.legacy = mode;
    }
    let mut data = Dataset::open(workbook, &read)?;
    crate::legal::current::apply(&template, &mut data)?;
    Ok((template, data))
}

/// The template's engine (its messages locate data in `data`), with the command line's
/// `--pdf-standard` over the template's.
fn engine<'t>(
    template: &'t Template,
    data: &Dataset,
    options: &RenderOptions,
) -> Result<Engine<'t>, Error> {
    let mut engine = Engine::located(template, Some(template.origins(data)))?;
    if let Some(standard) = options.pdf_standard {
        engine.set_pdf_standard(standard);
    }
    if let Some(changes) = options.docx_changes {
        engine.set_docx_changes(changes);
    }
    Ok(engine)
}

/// Typst's memo caches keep what every document laid out; a long-running process (a
/// batch, the service) calls this after each document it made, with how many it has
/// made so far. Every [`EVICT_EVERY`] documents, entries unused for [`EVICT_AGE`]
/// evictions are dropped: those every document uses (the parsed layout, font data) are
/// touched each time and stay, one document's own (~1 MB each) go, so memory stays flat
/// however many documents are made. Safe while other threads lay out documents.
pub fn evict_caches_after(done: usize) {
    if done > 0 && done.is_multiple_of(EVICT_EVERY) {
        comemo::evict(EVICT_AGE);
    }
}

/// See [`evict_caches_after`].
const EVICT_EVERY: usize = 16;
const EVICT_AGE: usize = 2;
