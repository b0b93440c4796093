//! What the caller may say about each sheet. Everything is optional: with no options the reader
//! detects the kind of each sheet, its header row and its last data row.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// Options for a whole workbook.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ReadOptions {
    /// Per-sheet options, keyed by sheet name (or the sheet's key, e.g. `tinh_thanh`).
    pub sheets: HashMap<String, SheetOptions>,
    /// Repair of text typed in the old TCVN3 (ABC) and VNI fonts; `auto` by default.
    pub legacy: LegacyMode,
}

/// How text typed in the pre-Unicode Vietnamese fonts is repaired while reading
/// (`[workbook] legacy = "…"` in template.toml, `--legacy` on the command line).
///
/// Such text reaches us as the Windows-1252 characters of the font's bytes ("B¸o c¸o" is
/// "Báo cáo" in `.VnTime`). Every repaired cell is reported in [`super::Dataset::notices`].
/// Text holding a character that only Unicode Vietnamese has (ă đ ơ ư ạ ế …) is never
/// converted, in any mode.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LegacyMode {
    /// Leave all text as it is (only NFC).
    Off,
    /// Convert cells whose font is a TCVN3 font (`.VnTime`, `.VnArialH`, …; the "H" fonts
    /// give capitals) or a VNI font (`VNI-Times`, `VNI-Helve`, …), where the reader can see
    /// fonts (.xlsx); other text only when its characters are recognised as TCVN3 or VNI
    /// ([`crate::vi::detect_legacy`]).
    #[default]
    Auto,
    /// Treat every text cell as TCVN3 (capitals in cells whose font is an "H" font).
    Tcvn3,
    /// Treat every text cell as VNI.
    Vni,
}

impl LegacyMode {
    /// The name used in template.toml and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            LegacyMode::Off => "off",
            LegacyMode::Auto => "auto",
            LegacyMode::Tcvn3 => "tcvn3",
            LegacyMode::Vni => "vni",
        }
    }
}

impl std::str::FromStr for LegacyMode {
    type Err = crate::i18n::Text;

    fn from_str(s: &str) -> Result<LegacyMode, crate::i18n::Text> {
        match s.trim().to_ascii_lowercase().as_str() {
            "off" => Ok(LegacyMode::Off),
            "auto" => Ok(LegacyMode::Auto),
            "tcvn3" | "abc" => Ok(LegacyMode::Tcvn3),
            "vni" => Ok(LegacyMode::Vni),
            _ => Err(crate::tr!(
                "\"{s}\" không phải là một chế độ chữ cũ (legacy); hãy dùng off, auto, tcvn3 hoặc vni",
                "\"{s}\" is not a legacy-text mode; use off, auto, tcvn3 or vni"
            )),
        }
    }
}

/// Options for one sheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SheetOptions {
    /// Table or key–value; detected when absent.
    pub kind: Option<SheetKind>,
    /// Header row as Excel shows it (1-based); detected when absent. For a key–value sheet, the
    /// row holding "Trường | Giá trị" (entries start below it).
    pub header_row: Option<u32>,
    /// Last data row as Excel shows it (1-based); by default the last full row.
    pub last_row: Option<u32>,
    /// Keep totals, subtotal and group heading rows among the data rows (`rows = "raw"`).
    pub raw_rows: bool,
    /// How numbers typed as text are read (`numbers = "vi"`, the default, or `"en"`).
    pub numbers: crate::vi::NumberStyle,
}

/// How a sheet is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    /// Header row plus one object per row.
    Table,
    /// Column A labels, column B values: the document's facts.
    KeyValue,
}
