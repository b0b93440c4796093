//! PDF writer: the document model, laid out by a Typst layout, exported with typst-pdf.
//!
//! The layout (vanban's `templates/layouts/nd30.typ`, or a template's own `layout.typ`)
//! receives the [`Document`] as JSON in `/document.json` and decides where and how every
//! part goes. The document is never turned into Typst source, so no cell value can become
//! Typst markup or code.

mod chart;
pub(crate) mod fonts;
mod world;

use std::path::Path;

use typst::WorldExt;
use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::Smart;
pub use typst_layout::PagedDocument;

use crate::document::Document;
use crate::i18n::Text;
use crate::layout::Measured;
pub use chart::{chart_image, chart_images};
pub use fonts::{FAMILY, FONT_FILES};
pub use world::{DocWorld, ND30_LAYOUT, Shared};

/// A finished PDF.
#[derive(Debug, Clone)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}

/// Which Typst layout to use.
#[derive(Debug, Clone, Copy)]
pub enum Layout<'a> {
    /// vanban's Decree 30 layout.
    Nd30,
    /// A template's own layout: its source text, its file name (for messages) and the
    /// template folder (the only place it may read files from).
    Custom {
        source: &'a str,
        file: &'a Path,
        root: &'a Path,
    },
}

/// An error from laying out or exporting the PDF, with every Typst diagnostic already
/// turned into "file:line:column: message" form. Typst's own messages and hints are kept
/// verbatim (they are not ours to translate); the words around them are bilingual.
#[derive(Debug, thiserror::Error)]
#[error("the PDF layout failed:\n{}", Text::join(.diagnostics, "\n"))]
pub struct PdfError {
    pub diagnostics: Vec<Text>,
}

impl PdfError {
    /// An error with one message of ours.
    pub(crate) fn one(message: Text) -> PdfError {
        PdfError {
            diagnostics: vec![message],
        }
    }
}

/// Lays out `doc` without exporting it: the pages, for the PNG preview
/// (`typst_render`) and for checking a custom layout.
pub fn compile(doc: &Document, layout: Layout<'_>) -> Result<PagedDocument, PdfError> {
    lay_out(doc, &crate::layout::measure(doc), layout).map(|(_, _, paged)| paged)
}

/// Compiles the layout over `doc`: the world (for locating export diagnostics), the
/// layout's file name for messages, and the pages.
fn lay_out(
    doc: &Document,
    measured: &Measured,
    layout: Layout<'_>,
) -> Result<(DocWorld, String, PagedDocument), PdfError> {
    if let Layout::Custom { source, file, .. } = layout {
        check_format(source, file)?;
    }
    let input = LayoutInput {
        format: crate::layout::FORMAT_VERSION,
        document: doc,
        measured,
    };
    let json = serde_json::to_vec(&input).map_err(|e| {
        PdfError::one(crate::tr!(
            "không chuyển được văn bản sang JSON cho bố cục: {e}",
            "cannot serialise the document: {e}"
        ))
    })?;
    let today = doc
        .header
        .date
        .map(|d| (d.year, d.month as u8, d.day as u8));
    let (source, file_name, root) = match layout {
        Layout::Nd30 => (ND30_LAYOUT, "nd30.typ".to_string(), None),
        Layout::Custom { source, file, root } => (source, file.display().to_string(), Some(root)),
    };
    let world = DocWorld::new(source, json, root, today);
    let Warned { output, .. } = typst::compile::<PagedDocument>(&world);
    let paged = output.map_err(|diags| PdfError {
        diagnostics: describe(&world, &file_name, &diags),
    })?;
    Ok((world, file_name, paged))
}

/// What a layout reads as `/document.json`: the document model, with the format
/// version and the lengths measured for it (docs/layout.md).
#[derive(serde::Serialize)]
struct LayoutInput<'a> {
    format: u32,
    #[serde(flatten)]
    document: &'a Document,
    measured: &'a Measured,
}

/// The `/document.json` format a custom layout declares with a comment
/// `// vanban-format: N`; a layout without one was written before the format had a
/// version (1).
fn declared_format(source: &str) -> u32 {
    source
        .lines()
        .filter_map(|l| l.split_once("//").map(|(_, comment)| comment))
        .filter_map(|c| c.trim().strip_prefix("vanban-format:"))
        .find_map(|v| v.trim().parse::<u32>().ok())
        .unwrap_or(1)
}

/// A custom layout written for another `/document.json` format would read fields that
/// moved or changed meaning: refuse it, naming both versions.
fn check_format(source: &str, file: &Path) -> Result<(), PdfError> {
    let declared = declared_format(source);
    let current = crate::layout::FORMAT_VERSION;
    if declared == current {
        return Ok(());
    }
    let file = file.display();
    Err(PdfError::one(crate::tr!(
        "{file}: bố cục này viết cho dữ liệu văn bản (/document.json) phiên bản {declared}, \
         còn vanban này đưa phiên bản {current}; xem docs/layout.md để sửa bố cục theo các \
         trường mới, rồi ghi dòng \"// vanban-format: {current}\" vào đầu tệp",
        "{file}: this layout was written for document format (/document.json) version \
         {declared}, and this vanban gives version {current}; see docs/layout.md to update \
         the layout to the new fields, then put the line \"// vanban-format: {current}\" at \
         the top of the file"
    )))
}

/// A PDF standard the export conforms to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Standard {
    /// An ordinary (tagged) PDF.
    #[default]
    Plain,
    /// PDF/A-2b, for documents sent to the archive (VN-FORMAT §7.2).
    A2b,
}

impl Standard {
    /// The name used in template.toml and on the command line ("a-2b").
    pub fn parse(s: &str) -> Option<Standard> {
        match s.trim() {
            "a-2b" => Some(Standard::A2b),
            "none" | "" => Some(Standard::Plain),
            _ => None,
        }
    }

    /// Why a name is not a standard vanban makes, in both languages.
    pub fn unknown(s: &str) -> Text {
        crate::tr!(
            "\"{s}\" không phải chuẩn PDF mà vanban tạo được; dùng \"a-2b\" (PDF/A-2b, để lưu trữ) hoặc \"none\"",
            "\"{s}\" is not a PDF standard vanban makes; use \"a-2b\" (PDF/A-2b, for the archive) or \"none\""
        )
    }
}

/// Lays out `doc` and exports it as PDF, conforming to `standard`. Every PDF carries the
/// document's title (tên loại + trích yếu), author (the agency) and language.
pub fn write(doc: &Document, layout: Layout<'_>, standard: Standard) -> Result<Pdf, PdfError> {
    write_measured(doc, &crate::layout::measure(doc), layout, standard)
}

/// [`write`] with the document's lengths already measured: a caller making both files
/// measures once and hands the same [`Measured`] to both writers.
pub fn write_measured(
    doc: &Document,
    measured: &Measured,
    layout: Layout<'_>,
    standard: Standard,
) -> Result<Pdf, PdfError> {
    // The document's own date (never the clock), which PDF/A requires.
    let timestamp = doc.header.date.and_then(|d| {
        let datetime = typst::foundations::Datetime::from_ymd(
            d.year,
            u8::try_from(d.month).ok()?,
            u8::try_from(d.day).ok()?,
        )?;
        Some(typst_pdf::Timestamp::new_utc(datetime))
    });
    if standard == Standard::A2b && timestamp.is_none() {
        return Err(PdfError::one(crate::tr!(
            "PDF/A-2b cần ngày của văn bản ([header] date); văn bản chưa có ngày (dự thảo) thì \
             xuất PDF thường",
            "PDF/A-2b needs the document's date ([header] date); a document without one (a \
             draft) is exported as an ordinary PDF"
        )));
    }
    let (world, file_name, paged) = lay_out(doc, measured, layout)?;
    let list: &[typst_pdf::PdfStandard] = match standard {
        Standard::Plain => &[],
        Standard::A2b => &[typst_pdf::PdfStandard::A_2b],
    };
    let standards = typst_pdf::PdfStandards::new(list).map_err(|e| {
        let message = e.message().to_string();
        PdfError::one(crate::tr!(
            "chuẩn PDF không dùng được: {message}",
            "the PDF standard cannot be used: {message}"
        ))
    })?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(doc.meta.title.clone()),
        creator: Smart::Custom(Some(format!("vanban {}", env!("CARGO_PKG_VERSION")))),
        standards,
        timestamp,
        ..Default::default()
    };
    let bytes = typst_pdf::pdf(&paged, &options).map_err(|diags| PdfError {
        diagnostics: describe(&world, &file_name, &diags),
    })?;
    Ok(Pdf {
        pages: paged.pages().len(),
        bytes,
    })
}

/// Turns Typst diagnostics into "file:line:column: message" lines with hints.
fn describe(world: &DocWorld, main_name: &str, diags: &[SourceDiagnostic]) -> Vec<Text> {
    diags
        .iter()
        .map(|d| {
            let place = d.span.id().and_then(|id| {
                let range = world.range(d.span)?;
                let source = typst::World::source(world, id).ok()?;
                let line = source.lines().byte_to_line(range.start)? + 1;
                let col = source.lines().byte_to_column(range.start)? + 1;
                let name = if id == typst::World::main(world) {
                    main_name.to_string()
                } else {
                    id.vpath().get_without_slash().to_string()
                };
                Some(format!("{name}:{line}:{col}: "))
            });
            let mut s = Text::same(format!("{}{}", place.unwrap_or_default(), d.message));
            for hint in &d.hints {
                let hint = &hint.v;
                s.vi.push_str(&format!("\n  gợi ý: {hint}"));
                s.en.push_str(&format!("\n  hint: {hint}"));
            }
            s
        })
        .collect()
}

impl crate::i18n::Bilingual for PdfError {
    fn text(&self) -> Text {
        let diagnostics = Text::join(&self.diagnostics, "\n");
        crate::tr!(
            "không dàn trang được bản PDF (lỗi bố cục):\n{diagnostics}",
            "the PDF layout failed:\n{diagnostics}";
            diagnostics = diagnostics
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Bilingual, Lang};

    #[test]
    fn layout_errors_are_bilingual_around_typst_verbatim() {
        let e = PdfError {
            diagnostics: vec![Text::same("layout.typ:3:2: unknown variable: foo")],
        };
        let vi = e.message(Lang::Vi);
        assert_eq!(
            vi,
            "không dàn trang được bản PDF (lỗi bố cục):\nlayout.typ:3:2: unknown variable: foo"
        );
        assert_eq!(
            e.message(Lang::En),
            "the PDF layout failed:\nlayout.typ:3:2: unknown variable: foo"
        );
        assert_eq!(e.to_string(), e.message(Lang::En));
    }

    /// The monthly report over its sample workbook, made the way `render` makes it.
    fn sample_document() -> Document {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let template = crate::template::Template::load(&root.join("templates/bao-cao-thang"))
            .expect("the template loads");
        let data = crate::workbook::Dataset::open(
            &root.join("samples/bao-cao-thang.xlsx"),
            &template.read_options(),
        )
        .expect("the sample opens");
        let ctx = crate::template::build_context(&template, &data).expect("a context");
        crate::template::Renderer::new(&template)
            .and_then(|r| r.render(&ctx))
            .expect("renders")
            .document
    }

    #[test]
    fn a_broken_custom_layout_names_its_line_in_both_languages() {
        let root = std::env::temp_dir();
        let file = root.join("layout.typ");
        let doc = sample_document();
        let e = compile(
            &doc,
            Layout::Custom {
                source: "// vanban-format: 2\n#text(fill: nope)[x]\n",
                file: &file,
                root: &root,
            },
        )
        .expect_err("an unknown variable is an error");
        let vi = e.message(Lang::Vi);
        let en = e.message(Lang::En);
        assert!(
            vi.starts_with("không dàn trang được bản PDF (lỗi bố cục):\n"),
            "{vi}"
        );
        assert!(
            vi.contains("layout.typ:2:13: unknown variable: nope"),
            "{vi}"
        );
        assert!(en.starts_with("the PDF layout failed:\n"), "{en}");
        assert_ne!(vi, en);
    }

    #[test]
    fn a_layout_for_another_format_is_refused_naming_both_versions() {
        let root = std::env::temp_dir();
        let file = root.join("layout.typ");
        let doc = sample_document();
        for (source, declared) in [
            ("#import \"/vanban/nd30.typ\": *\n", 1),
            ("// vanban-format: 7\n", 7),
        ] {
            let e = compile(
                &doc,
                Layout::Custom {
                    source,
                    file: &file,
                    root: &root,
                },
            )
            .expect_err("another format is refused");
            let en = e.message(Lang::En);
            let current = crate::layout::FORMAT_VERSION;
            assert!(
                en.contains(&format!(
                    "version {declared}, and this vanban gives version {current}"
                )),
                "{en}"
            );
            let vi = e.message(Lang::Vi);
            assert!(
                vi.contains(&format!(
                    "phiên bản {declared}, còn vanban này đưa phiên bản {current}"
                )),
                "{vi}"
            );
        }
        assert_eq!(declared_format("// vanban-format: 2\n"), 2);
    }

    #[test]
    fn pdf_a_needs_the_documents_date() {
        let mut doc = sample_document();
        doc.header.date = None;
        let e = write(&doc, Layout::Nd30, Standard::A2b).expect_err("no date, no PDF/A");
        assert!(
            e.message(Lang::En)
                .contains("PDF/A-2b needs the document's date")
        );
        assert!(
            e.message(Lang::Vi)
                .contains("PDF/A-2b cần ngày của văn bản")
        );
        assert!(write(&doc, Layout::Nd30, Standard::Plain).is_ok());
        assert_eq!(Standard::parse("a-2b"), Some(Standard::A2b));
        assert_eq!(Standard::parse("a-3x"), None);
    }
}
