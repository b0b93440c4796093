//! `template.toml`: what a template is, which data it needs, and its header fields.
//!
//! Every string field except the settings is a Handlebars template rendered against the
//! same data as the body, so `number = "{{meta.so}}"` takes the number from the workbook.
//! The settings (`form`, `sizes`, `kind`, `position`, `legacy`, `docx_changes`) are typed
//! enums read by serde here and nowhere else; [`setting_error`] says in both languages
//! what a wrong one should be. The full reference is in `docs/template-guide.md`.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer};

use crate::document::{DocxChanges, DraftPosition, SizeSet};
use crate::i18n::{Lang, Text};
use crate::layout::Form;
use crate::tr;
use crate::workbook::{LegacyMode, SheetKind};

/// `pdf_standard = "a-2b"` (or "none") under `[template]`; a name the PDF writer does not
/// know is explained by [`setting_error`].
fn pdf_standard<'de, D: Deserializer<'de>>(d: D) -> Result<Option<crate::pdf::Standard>, D::Error> {
    let Some(name) = Option::<String>::deserialize(d)? else {
        return Ok(None);
    };
    crate::pdf::Standard::parse(&name)
        .map(Some)
        .ok_or_else(|| serde::de::Error::custom("unknown PDF standard"))
}

/// `rows = "raw"` under `[data.ALIAS]`: keep totals, subtotal and group heading rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Rows {
    #[serde(rename = "raw")]
    Raw,
}

/// `kind = "table"` or `"key-value"` under `[data.ALIAS]`.
fn sheet_kind<'de, D: Deserializer<'de>>(d: D) -> Result<Option<SheetKind>, D::Error> {
    #[derive(Deserialize)]
    enum Kind {
        #[serde(rename = "table")]
        Table,
        #[serde(rename = "key-value")]
        KeyValue,
    }
    Ok(Option::<Kind>::deserialize(d)?.map(|k| match k {
        Kind::Table => SheetKind::Table,
        Kind::KeyValue => SheetKind::KeyValue,
    }))
}

/// A sheet kind as template.toml writes it (`kind = "key-value"`).
pub fn kind_name(kind: SheetKind) -> &'static str {
    match kind {
        SheetKind::Table => "table",
        SheetKind::KeyValue => "key-value",
    }
}

/// A sheet kind in words, for listings (`vanban templates`, `fields`, the service's page).
pub fn kind_text(kind: SheetKind) -> Text {
    match kind {
        SheetKind::Table => tr!("bảng", "table"),
        SheetKind::KeyValue => tr!("trường – giá trị", "key–value"),
    }
}

/// What a setting that is not one of its values should be, in both languages, for the
/// field at `path` (as [`crate::spans::Spans`] names it) written as `value`; `None` for a
/// field that is not a setting.
pub fn setting_error(path: &str, value: &str) -> Option<Text> {
    let message = match path {
        "template.form" => tr!(
            "vanban không biết thể thức \"{value}\"; dùng \"nd30\" (văn bản hành chính), \
             \"nd78-2025\" hoặc \"nd34-2016\" (văn bản quy phạm pháp luật)",
            "\"{value}\" is not a form vanban knows; use \"nd30\" (administrative \
             documents), \"nd78-2025\" or \"nd34-2016\" (legal normative documents)"
        ),
        "template.sizes" => tr!(
            "\"{value}\" không phải bộ cỡ chữ của Nghị định 30; ghi \"12/13/13\" hoặc \
             \"13/14/14\"",
            "\"{value}\" is not a Decree 30 size set; write \"12/13/13\" or \"13/14/14\""
        ),
        "draft.position" => tr!(
            "\"{value}\": dùng \"top-left\" hoặc \"top-right\"",
            "\"{value}\": use \"top-left\" or \"top-right\""
        ),
        "template.pdf_standard" => crate::pdf::Standard::unknown(value),
        "template.docx_changes" => DocxChanges::unknown(value),
        "workbook.legacy" => tr!(
            "\"{value}\": dùng \"off\", \"auto\", \"tcvn3\" hoặc \"vni\"",
            "\"{value}\": use \"off\", \"auto\", \"tcvn3\" or \"vni\""
        ),
        _ => {
            let setting = path.strip_prefix("data.")?;
            if let Some(alias) = setting.strip_suffix(".kind") {
                return Some(super::kind_error(alias, value));
            }
            if let Some(alias) = setting.strip_suffix(".rows") {
                return Some(tr!(
                    "data.{alias}.rows là \"{value}\"; chỉ được là \"raw\" (giữ cả dòng tổng, \
                     dòng tiêu đề nhóm) hoặc bỏ trống",
                    "data.{alias}.rows is \"{value}\"; it can only be \"raw\" (keep totals and \
                     group heading rows) or be left out"
                ));
            }
            let alias = setting.strip_suffix(".numbers")?;
            return Some(tr!(
                "data.{alias}.numbers là \"{value}\"; dùng \"vi\" (1.234,5) hoặc \"en\" (1,234.5)",
                "data.{alias}.numbers is \"{value}\"; use \"vi\" (1.234,5) or \"en\" (1,234.5)"
            ));
        }
    };
    Some(message.map(|m| format!("{path}: {m}")))
}

/// The parsed `template.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub template: TemplateInfo,
    #[serde(default)]
    pub page: Option<PageInfo>,
    /// Data sources: alias → sheet. The alias is the name the body uses (`{{#each tinh}}`).
    #[serde(default)]
    pub data: BTreeMap<String, DataSource>,
    pub header: HeaderFields,
    #[serde(default)]
    pub distribution: Distribution,
    /// The draft mark; present only for drafts (then the number must be blank).
    #[serde(default)]
    pub draft: Option<DraftFields>,
    /// The signature block of a document signed by one person.
    #[serde(default)]
    pub signature: Option<SignatureFields>,
    /// Several signature blocks side by side (a biên bản: 2 to 4 columns).
    #[serde(default)]
    pub signatures: Vec<SignatureFields>,
    /// Appendices (Phụ lục), in order.
    #[serde(default)]
    pub appendix: Vec<AppendixFields>,
    /// How the workbook is read (`[workbook]`).
    #[serde(default)]
    pub workbook: WorkbookSettings,
    /// The current text of the document being amended (`[current_text]`), read from its
    /// DOCX to fill and check the amendments sheet (`legal::current`).
    #[serde(default)]
    pub current_text: Option<CurrentTextSource>,
}

/// `[current_text]`: where the amended document's current text is, and which sheet lists
/// the amendments.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CurrentTextSource {
    /// The DOCX (the circular or its consolidated text), relative to the template folder.
    pub docx: String,
    /// The alias of the amendments sheet under `[data]` (default `sua_doi`).
    #[serde(default = "default_amendments")]
    pub data: String,
    /// Column keys: the unit, the action, the current text (defaults `don_vi`,
    /// `hanh_dong`, `quy_dinh_hien_hanh`, as the `amendments` helper reads them).
    #[serde(default = "default_unit_column")]
    pub unit: String,
    #[serde(default = "default_action_column")]
    pub action: String,
    #[serde(default = "default_current_column")]
    pub current: String,
}

fn default_amendments() -> String {
    "sua_doi".into()
}

fn default_unit_column() -> String {
    "don_vi".into()
}

fn default_action_column() -> String {
    "hanh_dong".into()
}

fn default_current_column() -> String {
    "quy_dinh_hien_hanh".into()
}

/// `[workbook]`: reading settings that apply to the whole workbook.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkbookSettings {
    /// Repair of TCVN3/VNI text: "off", "auto" (the default), "tcvn3" or "vni". The
    /// `--legacy` option of the command line overrides it.
    #[serde(default)]
    pub legacy: Option<LegacyMode>,
}

/// `[draft]`: marks the document as a draft (VN-FORMAT §1.7: practice, configurable).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DraftFields {
    /// The words of the mark (Handlebars), default "DỰ THẢO".
    #[serde(default = "default_draft_text")]
    pub text: String,
    /// "top-left" (default, above the agency) or "top-right" (above the Quốc hiệu).
    #[serde(default = "default_position")]
    pub position: DraftPosition,
    /// In a single-line box (default true).
    #[serde(default = "default_true")]
    pub boxed: bool,
}

fn default_draft_text() -> String {
    "DỰ THẢO".into()
}

fn default_position() -> DraftPosition {
    DraftPosition::TopLeft
}

fn default_true() -> bool {
    true
}

/// `[[appendix]]`: one Phụ lục, with its own body file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppendixFields {
    /// "Phụ lục" or "Phụ lục I" (Handlebars).
    #[serde(default = "default_appendix_label")]
    pub label: String,
    /// The title (Handlebars), printed upper case.
    pub title: String,
    /// The italic line under the title (Handlebars), e.g. "(Kèm theo Báo cáo số …)".
    #[serde(default)]
    pub note: String,
    /// Landscape pages.
    #[serde(default)]
    pub landscape: bool,
    /// The body file in the template folder, Markdown with Handlebars.
    pub body: String,
}

fn default_appendix_label() -> String {
    "Phụ lục".into()
}

/// Who the document goes to.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Distribution {
    /// "Kính gửi" addressees (ô 9a), each a Handlebars string; empty entries are dropped.
    #[serde(default)]
    pub addressees: Vec<String>,
    /// "Nơi nhận" entries (ô 9b), each a Handlebars string; punctuation is added by the
    /// writers.
    #[serde(default)]
    pub recipients: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TemplateInfo {
    /// Short machine name, e.g. "bao-cao-thang".
    pub name: String,
    /// What the document is, in words a clerk recognises.
    pub title: String,
    /// What the template makes, in Vietnamese: the page, `vanban templates` and the API
    /// show it ([`TemplateInfo::description_in`]). A template written before
    /// `description_en` existed may have it in English; it is then shown in both.
    #[serde(default)]
    pub description: String,
    /// The same in English.
    #[serde(default)]
    pub description_en: String,
    /// "12/13/13" or "13/14/14" (Decree 30's two size sets).
    #[serde(default = "default_sizes")]
    pub sizes: SizeSet,
    /// Output file name without extension (Handlebars); made safe before use.
    pub output: String,
    /// The form rules: "nd30" (administrative documents, Decree 30/2020, the default),
    /// "nd78-2025" (legal normative documents under Decree 78/2025, current) or
    /// "nd34-2016" (drafts of the 2016–2025 period under Decree 34/2016).
    #[serde(default = "default_form")]
    pub form: Form,
    /// A PDF standard the PDF must conform to: "a-2b" (PDF/A-2b, for the archive), or
    /// absent for an ordinary PDF. `vanban render --pdf-standard` overrides it.
    #[serde(default, deserialize_with = "pdf_standard")]
    pub pdf_standard: Option<crate::pdf::Standard>,
    /// How the DOCX shows a draft's changes: "marks" (the default: black-ink underline and
    /// strike-through, as the PDF) or "revisions" (Word tracked changes).
    /// `vanban render --docx-changes` overrides it.
    #[serde(default)]
    pub docx_changes: DocxChanges,
}

impl TemplateInfo {
    /// The description in the reader's language, or the other one when that is all the
    /// template gives.
    pub fn description_in(&self, lang: Lang) -> &str {
        let (wanted, other) = match lang {
            Lang::Vi => (&self.description, &self.description_en),
            Lang::En => (&self.description_en, &self.description),
        };
        if wanted.trim().is_empty() {
            other
        } else {
            wanted
        }
    }
}

fn default_form() -> Form {
    Form::Nd30
}

fn default_sizes() -> SizeSet {
    SizeSet::Large
}

/// Margins in millimetres; each defaults to 20/20/30/15.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageInfo {
    pub margin_top_mm: Option<f64>,
    pub margin_bottom_mm: Option<f64>,
    pub margin_left_mm: Option<f64>,
    pub margin_right_mm: Option<f64>,
    /// Landscape pages for the whole main part.
    #[serde(default)]
    pub landscape: bool,
}

/// One sheet of the workbook, as the template sees it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    /// The sheet's name as Excel shows it.
    pub sheet: String,
    /// "table" or "key-value"; found from the sheet's shape when absent.
    #[serde(default, deserialize_with = "sheet_kind")]
    pub kind: Option<SheetKind>,
    /// 1-based header row; found automatically when absent.
    #[serde(default)]
    pub header_row: Option<u32>,
    /// 1-based last data row; found automatically when absent.
    #[serde(default)]
    pub last_row: Option<u32>,
    /// Keys the template needs; checked before rendering, so a missing column is
    /// reported once with the sheet's real keys.
    #[serde(default)]
    pub columns: Vec<String>,
    /// "raw" keeps totals, subtotal and group heading rows among the rows (by default they
    /// are set apart: `{{ALIAS_tong.…}}`, `groups`).
    #[serde(default)]
    pub rows: Option<Rows>,
    /// How numbers typed as text are read: "vi" (`1.234,5`, the default) or "en"
    /// (`1,234.5`).
    #[serde(default)]
    pub numbers: Option<crate::vi::NumberStyle>,
}

/// Header block fields (Handlebars strings).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeaderFields {
    #[serde(default)]
    pub parent_agency: String,
    pub agency: String,
    /// Blank (after rendering) leaves the number blank for registration.
    #[serde(default)]
    pub number: String,
    pub symbol: String,
    pub place: String,
    /// A date ("2025-11-05", "05/11/2025"); blank prints the draft form.
    #[serde(default)]
    pub date: String,
    /// Tên loại, e.g. "BÁO CÁO".
    #[serde(default)]
    pub doc_type: String,
    /// Trích yếu.
    #[serde(default)]
    pub summary: String,
    /// The year printed in a blank date ("ngày     tháng     năm 2025") when `date` is
    /// empty (Handlebars); empty leaves the year blank too.
    #[serde(default)]
    pub blank_year: String,
    /// Print the place-and-date line (default true; a biên bản has none in its header).
    #[serde(default = "default_true")]
    pub date_line: bool,
    /// Only the agency block (no Quốc hiệu, Tiêu ngữ or "Số:" line): a register book's
    /// cover (Phụ lục IV). Default false.
    #[serde(default)]
    pub agency_only: bool,
}

/// Signature block fields (Handlebars strings).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignatureFields {
    /// "", "TM.", "Q.", "KT.", "TL." or "TUQ.".
    #[serde(default)]
    pub authority: String,
    /// The head on whose behalf one signs ("CỤC TRƯỞNG"), needed with an authority.
    #[serde(default)]
    pub head: String,
    /// The signer's own position ("PHÓ CỤC TRƯỞNG").
    #[serde(default)]
    pub title: String,
    /// An italic hint under the lines, e.g. "(Ký, ghi rõ họ tên)".
    #[serde(default)]
    pub hint: String,
    pub name: String,
}
