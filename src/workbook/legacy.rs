//! Repair of cell text typed in the pre-Unicode Vietnamese fonts (TCVN3/ABC and VNI), done on
//! each sheet's cells before headers become keys, so keys, values and defined names all see
//! Unicode. Each repaired cell gives a [`Notice`].
//!
//! The conversions themselves are in [`crate::vi::legacy`]; this file decides, per cell, which
//! one applies: the cell's font when the reader knows it ([`super::fonts`], .xlsx only), else
//! the text's characters ([`crate::vi::detect_legacy`]), as [`LegacyMode`] says.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::cell::CellRef;
use super::fonts::SheetFonts;
use super::grid::Grid;
use super::options::LegacyMode;
use crate::i18n::{Bilingual, Text};
use crate::tr;
use crate::vi::{Legacy, has_unicode_vietnamese, tcvn3_to_unicode, vni_to_unicode};

/// Something the reader changed in the data and the clerk should know about (printed as
/// `note: …`; it does not stop the document). `Display` gives the English text,
/// [`Bilingual::message`] the reader's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// The workbook.
    pub file: PathBuf,
    /// Sheet name.
    pub sheet: String,
    pub cell: CellRef,
    /// What was done, e.g. `text in TCVN3 (font .VnTime) converted to Unicode: "B¸o c¸o" →
    /// "Báo cáo"` (texts quoted with `{:?}`, so the soft hyphen that stands for "ư" in TCVN3
    /// shows as `\u{ad}`).
    #[serde(serialize_with = "both_languages")]
    pub message: Text,
    /// What kind of change or finding it is.
    pub kind: NoticeKind,
}

/// The kinds of [`Notice`]: what the reader changed, or found wrong without changing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// Text typed in TCVN3/VNI converted to Unicode.
    LegacyText,
    /// Numbers typed as text read as numbers.
    TextNumbers,
    /// Dates typed as text read as dates.
    TextDates,
    /// Formula cells saved without a result.
    UnsavedFormulas,
    /// A totals cell that does not match the sum of its column (`vanban check --data`
    /// reports it as a warning).
    TotalsMismatch,
    /// A current text typed in the amendments sheet that differs from the amended
    /// document's (`legal::current`; a warning).
    CurrentTextDiffers,
}

/// A [`Text`] as `{"vi": …, "en": …}`.
fn both_languages<S: serde::Serializer>(t: &Text, s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut map = s.serialize_map(Some(2))?;
    map.serialize_entry("vi", &t.vi)?;
    map.serialize_entry("en", &t.en)?;
    map.end()
}

impl Bilingual for Notice {
    fn text(&self) -> Text {
        let file = self.file.display();
        let (sheet, cell) = (&self.sheet, self.cell);
        tr!(
            "{file}, sheet \"{sheet}\", ô {cell}: {message}",
            "{file}, sheet \"{sheet}\", cell {cell}: {message}";
            message = self.message
        )
    }
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text().en)
    }
}

/// Why a cell is taken to be legacy text, for the notice.
enum Evidence<'a> {
    Font(&'a str),
    Pattern,
    Forced(LegacyMode),
}

/// Repairs every text cell of one sheet in place and records a notice per changed cell.
pub(crate) fn repair_grid(
    grid: &mut Grid,
    file: &Path,
    sheet: &str,
    fonts: Option<&SheetFonts>,
    mode: LegacyMode,
    notices: &mut Vec<Notice>,
) {
    if mode == LegacyMode::Off {
        return;
    }
    for (row, col, text) in grid.texts_mut() {
        let font = fonts.and_then(|f| f.get(row, col));
        // ASCII only changes in an "H" font (capitals); real Unicode Vietnamese is never
        // converted, whatever the font or mode says.
        if (text.is_ascii() && !font.is_some_and(|f| f.upper)) || has_unicode_vietnamese(text) {
            continue;
        }
        let (encoding, upper, evidence) = match mode {
            LegacyMode::Off => continue,
            LegacyMode::Auto => match font {
                Some(f) => (f.encoding, f.upper, Evidence::Font(&f.name)),
                None => match crate::vi::detect_legacy(text) {
                    Some(e) => (e, false, Evidence::Pattern),
                    None => continue,
                },
            },
            LegacyMode::Tcvn3 => (
                Legacy::Tcvn3,
                font.is_some_and(|f| f.encoding == Legacy::Tcvn3 && f.upper),
                Evidence::Forced(mode),
            ),
            LegacyMode::Vni => (Legacy::Vni, false, Evidence::Forced(mode)),
        };
        let fixed = match encoding {
            Legacy::Tcvn3 => tcvn3_to_unicode(text, upper),
            Legacy::Vni => vni_to_unicode(text),
        };
        if fixed == *text {
            continue;
        }
        let name = match encoding {
            Legacy::Tcvn3 => "TCVN3",
            Legacy::Vni => "VNI",
        };
        let why = match evidence {
            Evidence::Font(f) if upper => {
                tr!(
                    "phông {f}, phông in chữ hoa",
                    "font {f}, which prints capitals"
                )
            }
            Evidence::Font(f) => tr!("phông {f}", "font {f}"),
            Evidence::Pattern => Text::new(
                "nhận ra từ các ký tự của chữ",
                "recognised from its characters",
            ),
            Evidence::Forced(m) => Text::same(format!("legacy = \"{}\"", m.name())),
        };
        let (before, after) = (format!("{:?}", clip(text)), format!("{:?}", clip(&fixed)));
        notices.push(Notice {
            file: file.to_path_buf(),
            sheet: sheet.to_string(),
            cell: CellRef::new(row, col),
            message: tr!(
                "chữ gõ bằng phông {name} ({why}) đã được chuyển sang Unicode: {before} → {after}",
                "text in {name} ({why}) converted to Unicode: {before} → {after}";
                why = why
            ),
            kind: NoticeKind::LegacyText,
        });
        *text = fixed;
    }
}

/// The first 60 characters of a text, for a one-line notice.
fn clip(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(MAX).collect();
        out.push('…');
        out
    }
}
