//! Page geometry, default fonts, and the page-number header.
//!
//! Decree 30 (VN-FORMAT §1.1): A4 portrait, margins from the model, Times New Roman,
//! Arabic page numbers centred in the top margin at the body size, upright, and **no
//! number on page 1**. The last part is done with a title page (`w:titlePg`) whose first
//! header is empty.
//!
//! Appendices are sections of their own (portrait or landscape) with the same margins
//! and headers, their page numbers restarting at 1 and again hidden on their first page.

use docx_rs::{
    Docx, FieldCharType, Header, InstrPAGE, InstrText, PageMargin, PageNumType,
    PageOrientationType, PageSize, Paragraph, Run, SectionProperty,
};

use crate::document::PageSetup;

use super::DocxError;
use super::ctx::{Ctx, single_spacing};
use super::text::{RunStyle, fonts, text_run};
use super::units::{half_points, mm_to_twips};

/// A4 portrait in twips.
pub(crate) const A4_WIDTH: i32 = 11906;
pub(crate) const A4_HEIGHT: i32 = 16838;
/// The text block must keep at least this much room in each direction, in mm, or the
/// header block cannot be laid out.
const MIN_TEXT_MM: f64 = 80.0;

/// Margins in twips, checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Margins {
    pub(crate) top: i32,
    pub(crate) bottom: i32,
    pub(crate) left: i32,
    pub(crate) right: i32,
}

impl Margins {
    /// Converts the model's millimetres and checks that a usable text block remains.
    pub(crate) fn from_setup(page: &PageSetup) -> Result<Self, DocxError> {
        let named = [
            ("top", page.margin_top_mm),
            ("bottom", page.margin_bottom_mm),
            ("left", page.margin_left_mm),
            ("right", page.margin_right_mm),
        ];
        for (name, mm) in named {
            if !mm.is_finite() || mm < 0.0 {
                let vi_name = match name {
                    "top" => "trên",
                    "bottom" => "dưới",
                    "left" => "trái",
                    _ => "phải",
                };
                return Err(DocxError::InvalidPage(crate::tr!(
                    "lề {vi_name} là {mm} mm; lề trang phải là số hữu hạn và không âm",
                    "the {name} margin is {mm} mm; margins must be finite and not negative"
                )));
            }
        }
        // Checked against the short side both ways: any part may be landscape.
        if 210.0 - page.margin_left_mm - page.margin_right_mm < MIN_TEXT_MM
            || 210.0 - page.margin_top_mm - page.margin_bottom_mm < MIN_TEXT_MM
        {
            let (top, bottom, left, right) = (
                page.margin_top_mm,
                page.margin_bottom_mm,
                page.margin_left_mm,
                page.margin_right_mm,
            );
            return Err(DocxError::InvalidPage(crate::tr!(
                "lề {top}/{bottom}/{left}/{right} mm (trên/dưới/trái/phải) chỉ còn chưa đến {MIN_TEXT_MM} mm cho phần chữ",
                "margins {top}/{bottom}/{left}/{right} mm (top/bottom/left/right) leave less than {MIN_TEXT_MM} mm of text"
            )));
        }
        Ok(Margins {
            top: mm_to_twips(page.margin_top_mm),
            bottom: mm_to_twips(page.margin_bottom_mm),
            left: mm_to_twips(page.margin_left_mm),
            right: mm_to_twips(page.margin_right_mm),
        })
    }

    /// Width between the left and right margins, portrait or landscape. Landscape pages
    /// keep the margins as given (left stays left), as Typst's `flipped` pages do.
    pub(crate) fn text_width_in(&self, landscape: bool) -> i32 {
        let width = if landscape { A4_HEIGHT } else { A4_WIDTH };
        width - self.left - self.right
    }
}

/// Turns the main part's section properties into those of another part: an appendix
/// restarts its page numbers at 1 (Decree 30 Part I §III.1.đ) and may be landscape.
/// Every part keeps the same two header references and `w:titlePg`, so each part's
/// first page shows no number and its later pages show it centred in the top margin.
pub(crate) fn shape_section(section: &mut SectionProperty, landscape: bool, restart: bool) {
    section.page_size = if landscape {
        PageSize::new()
            .size(A4_HEIGHT as u32, A4_WIDTH as u32)
            .orient(PageOrientationType::Landscape)
    } else {
        PageSize::new().size(A4_WIDTH as u32, A4_HEIGHT as u32)
    };
    section.page_num_type = restart.then(|| PageNumType::new().start(1));
}

/// The properties of a section that ends inside the body (`w:sectPr` in the `w:pPr` of
/// the section's last paragraph): the references only, not the header parts themselves,
/// which docx-rs writes once from the body's final section.
pub(crate) fn inner_section(
    main: &SectionProperty,
    landscape: bool,
    restart: bool,
) -> SectionProperty {
    let mut section = main.clone();
    section.header = None;
    section.first_header = None;
    section.even_header = None;
    section.footer = None;
    section.first_footer = None;
    section.even_footer = None;
    shape_section(&mut section, landscape, restart);
    section
}

/// Applies page size, margins, default font and size, and the page-number headers.
pub(crate) fn setup(docx: Docx, ctx: &mut Ctx, margins: Margins) -> Docx {
    let header_distance = mm_to_twips(ctx.layout.page_number.from_top_mm);
    let page_number = ctx
        .para()
        .align(docx_rs::AlignmentType::Center)
        .line_spacing(single_spacing(0, 0))
        .add_run(page_field(RunStyle::new(ctx.body_pt())));
    // An empty first-page header: page 1 shows no number (Decree 30, Phụ lục I §I).
    let first = ctx.para().line_spacing(single_spacing(0, 0));
    docx.page_size(A4_WIDTH as u32, A4_HEIGHT as u32)
        .page_margin(
            PageMargin::new()
                .top(margins.top)
                .bottom(margins.bottom)
                .left(margins.left)
                .right(margins.right)
                .header(header_distance)
                .footer(header_distance),
        )
        .default_fonts(fonts())
        .default_size(half_points(ctx.body_pt()))
        .header(Header::new().add_paragraph(page_number))
        .first_header(Header::new().add_paragraph(first))
        .title_pg()
}

/// A `PAGE` field. docx-rs's `PageNum` writes a run without formatting; this one carries
/// the body size and font so the number is 13/14 pt whatever the defaults are.
fn page_field(style: RunStyle) -> Run {
    // The cached result "2" is what Word shows before it updates fields; page 1 never
    // shows a number, so 2 is the first number a reader can see.
    text_run("", style)
        .add_field_char(FieldCharType::Begin, false)
        .add_instr_text(InstrText::PAGE(InstrPAGE::new()))
        .add_field_char(FieldCharType::Separate, false)
        .add_text("2")
        .add_field_char(FieldCharType::End, false)
}

/// A paragraph with a font that matches the document, for places where docx-rs needs a
/// paragraph but there is no text (keeps the paragraph mark in Times New Roman).
pub(crate) fn empty_paragraph(ctx: &mut Ctx, size_pt: f64) -> Paragraph {
    ctx.para()
        .fonts(fonts())
        .size(half_points(size_pt))
        .line_spacing(single_spacing(0, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_setup_gives_165_mm_text() {
        let m = Margins::from_setup(&PageSetup::default()).expect("default margins are valid");
        assert_eq!((m.top, m.bottom, m.left, m.right), (1134, 1134, 1701, 850));
        assert_eq!(m.text_width_in(false), 9355);
        assert_eq!(m.text_width_in(true), 14287);
    }

    #[test]
    fn bad_margins_are_errors() {
        let mut page = PageSetup {
            margin_left_mm: f64::NAN,
            ..PageSetup::default()
        };
        assert!(Margins::from_setup(&page).is_err());
        page.margin_left_mm = 150.0;
        assert!(Margins::from_setup(&page).is_err());
        page.margin_left_mm = -1.0;
        assert!(Margins::from_setup(&page).is_err());
    }
}
