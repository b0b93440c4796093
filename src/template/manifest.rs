//! `template.toml`: what a template is, which data it needs, and its header fields.
//!
//! Every string field except the `[data]` and `[workbook]` settings is a Handlebars
//! template rendered against the same data as the body, so `number = "{{meta.so}}"` takes
//! the number from the workbook. The full reference is in `docs/template-guide.md`.

use std::collections::BTreeMap;

use serde::Deserialize;

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
    pub signature: SignatureFields,
    /// How the workbook is read (`[workbook]`).
    #[serde(default)]
    pub workbook: WorkbookSettings,
}

/// `[workbook]`: reading settings that apply to the whole workbook.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkbookSettings {
    /// Repair of TCVN3/VNI text: "off", "auto" (the default), "tcvn3" or "vni". The
    /// `--legacy` option of the command line overrides it.
    #[serde(default)]
    pub legacy: Option<crate::workbook::LegacyMode>,
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
    #[serde(default)]
    pub description: String,
    /// "12/13/13" or "13/14/14" (Decree 30's two size sets).
    #[serde(default = "default_sizes")]
    pub sizes: String,
    /// Output file name without extension (Handlebars); made safe before use.
    pub output: String,
}

fn default_sizes() -> String {
    "13/14/14".into()
}

/// Margins in millimetres; each defaults to 20/20/30/15.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageInfo {
    pub margin_top_mm: Option<f64>,
    pub margin_bottom_mm: Option<f64>,
    pub margin_left_mm: Option<f64>,
    pub margin_right_mm: Option<f64>,
}

/// One sheet of the workbook, as the template sees it.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DataSource {
    /// The sheet's name as Excel shows it.
    pub sheet: String,
    /// "table" (default) or "key-value".
    #[serde(default)]
    pub kind: Option<String>,
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
    pub name: String,
}
