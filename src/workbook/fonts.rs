//! Which cells of an .xlsx are set in a pre-Unicode Vietnamese font (`.VnTime`, `VNI-Times`, …),
//! so that their text can be repaired with certainty instead of by guessing.
//!
//! calamine does not expose cell formatting, so this reads the package itself: `xl/styles.xml`
//! (the fonts, and each cell format's `fontId`), the sheet list in `xl/workbook.xml` with its
//! relationships, and the `s` (style) attribute of every `<c>` in each sheet. Only cells whose
//! format uses a legacy font are kept; a workbook with no such font costs one read of
//! styles.xml. Not for anything else about styles, and not for rich-text runs inside a cell
//! (their fonts are not read; such text falls back to pattern detection).

use std::collections::HashMap;
use std::fs::File;
use std::io::{BufRead, BufReader, Read, Seek};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};
use zip::ZipArchive;

use super::cell::CellRef;
use crate::vi::Legacy;

/// A legacy font used by some cell format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct LegacyFont {
    /// The font name as the workbook gives it, e.g. `.VnTimeH`.
    pub name: String,
    pub encoding: Legacy,
    /// An "H" font (`.VnTimeH`): it draws every letter as a capital.
    pub upper: bool,
}

/// The encoding a font name stands for, and whether it is an upper-case "H" font:
/// `.Vn…` fonts are TCVN3 (ABC), those ending in a capital `H` draw capitals; `VNI-…` fonts
/// are VNI.
pub(crate) fn classify_font(name: &str) -> Option<(Legacy, bool)> {
    let name = name.trim();
    let lower = name.to_ascii_lowercase();
    if lower.starts_with(".vn") {
        Some((Legacy::Tcvn3, name.ends_with('H')))
    } else if lower.starts_with("vni-") || lower.starts_with("vni ") {
        Some((Legacy::Vni, false))
    } else {
        None
    }
}

/// The legacy-font cells of one sheet.
#[derive(Debug, Default)]
pub(crate) struct SheetFonts {
    fonts: Vec<LegacyFont>,
    cells: HashMap<(u32, u32), usize>,
}

impl SheetFonts {
    /// The legacy font of the cell at (row, col), 0-based; `None` for any other font.
    pub fn get(&self, row: u32, col: u32) -> Option<&LegacyFont> {
        self.cells.get(&(row, col)).and_then(|&i| self.fonts.get(i))
    }
}

/// Reads the legacy-font cells of every sheet, keyed by sheet name. An empty map when the
/// workbook uses no legacy font. An error (damaged or unusual package) means "fonts unknown":
/// the caller then relies on pattern detection.
pub(crate) fn read(path: &Path) -> Result<HashMap<String, SheetFonts>, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut zip = ZipArchive::new(BufReader::new(file)).map_err(|e| e.to_string())?;
    let workbook = office_document(&mut zip).unwrap_or_else(|| "xl/workbook.xml".to_string());
    let rels = relationships(&mut zip, &rels_path(&workbook))?;
    let styles = rels
        .values()
        .find(|(kind, _)| kind.ends_with("/styles"))
        .map(|(_, target)| resolve(&workbook, target))
        .unwrap_or_else(|| "xl/styles.xml".to_string());
    let Some((fonts, xf_font)) = legacy_formats(&mut zip, &styles)? else {
        return Ok(HashMap::new());
    };
    let mut out = HashMap::new();
    for (name, rel_id) in sheet_list(&mut zip, &workbook)? {
        let Some((_, target)) = rels.get(&rel_id) else {
            continue;
        };
        let part = resolve(&workbook, target);
        let cells = sheet_cells(&mut zip, &part, &xf_font)?;
        if !cells.is_empty() {
            out.insert(
                name,
                SheetFonts {
                    fonts: fonts.clone(),
                    cells,
                },
            );
        }
    }
    Ok(out)
}

type Zip = ZipArchive<BufReader<File>>;

/// An XML reader over one part of the package; `None` when the part does not exist.
fn part<'z, R: Read + Seek>(
    zip: &'z mut ZipArchive<R>,
    name: &str,
) -> Result<Option<Reader<BufReader<zip::read::ZipFile<'z, R>>>>, String> {
    match zip.by_name(name) {
        Ok(f) => Ok(Some(Reader::from_reader(BufReader::new(f)))),
        Err(zip::result::ZipError::FileNotFound) => Ok(None),
        Err(e) => Err(format!("{name}: {e}")),
    }
}

/// Calls `f` with the local name of every element of an XML part: `Some(start)` where it
/// opens (with its attributes), `None` where it closes (`<x/>` gives both).
fn walk<B: BufRead>(
    reader: &mut Reader<B>,
    name: &str,
    mut f: impl FnMut(&str, Option<&BytesStart<'_>>),
) -> Result<(), String> {
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(Event::Start(e)) => f(e.local_name().as_ref(), Some(&e)),
            Ok(Event::Empty(e)) => {
                f(e.local_name().as_ref(), Some(&e));
                f(e.local_name().as_ref(), None);
            }
            Ok(Event::End(e)) => f(e.local_name().as_ref(), None),
            Ok(Event::Eof) => return Ok(()),
            Ok(_) => {}
            Err(e) => return Err(format!("{name}: {e}")),
        }
        buf.clear();
    }
}

/// The value of the attribute whose local name is `key` (any prefix, so `r:id` matches
/// `id` when `prefixed` is set; unprefixed only otherwise).
fn attr(e: &BytesStart<'_>, key: &str, prefixed: bool) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let has_prefix = a.key.prefix().is_some();
        (a.key.local_name().as_ref() == key && has_prefix == prefixed)
            .then(|| a.normalized_value(XmlVersion::Implicit1_0).ok())
            .flatten()
            .map(|v| v.into_owned())
    })
}

/// The main workbook part named by `_rels/.rels`.
fn office_document(zip: &mut Zip) -> Option<String> {
    let rels = relationships(zip, "_rels/.rels").ok()?;
    rels.values()
        .find(|(kind, _)| kind.ends_with("/officeDocument"))
        .map(|(_, target)| target.trim_start_matches('/').to_string())
}

/// The relationships file of a part: `xl/workbook.xml` → `xl/_rels/workbook.xml.rels`.
fn rels_path(part: &str) -> String {
    match part.rsplit_once('/') {
        Some((dir, file)) => format!("{dir}/_rels/{file}.rels"),
        None => format!("_rels/{part}.rels"),
    }
}

/// A relationship target relative to the part that names it, as a path inside the package.
fn resolve(base_part: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut parts: Vec<&str> = match base_part.rsplit_once('/') {
        Some((dir, _)) => dir.split('/').collect(),
        None => Vec::new(),
    };
    for seg in target.split('/') {
        match seg {
            ".." => {
                parts.pop();
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// Relationship id → (type, target) of a `.rels` part; empty when the part is missing.
fn relationships(zip: &mut Zip, name: &str) -> Result<HashMap<String, (String, String)>, String> {
    let mut out = HashMap::new();
    let Some(mut reader) = part(zip, name)? else {
        return Ok(out);
    };
    walk(&mut reader, name, |tag, start| {
        if let (Some(e), "Relationship") = (start, tag)
            && let (Some(id), Some(target)) = (attr(e, "Id", false), attr(e, "Target", false))
        {
            out.insert(id, (attr(e, "Type", false).unwrap_or_default(), target));
        }
    })?;
    Ok(out)
}

/// The sheets of the workbook part: (name, relationship id), in order.
fn sheet_list(zip: &mut Zip, workbook: &str) -> Result<Vec<(String, String)>, String> {
    let mut out = Vec::new();
    let Some(mut reader) = part(zip, workbook)? else {
        return Err(format!("{workbook} is missing"));
    };
    walk(&mut reader, workbook, |tag, start| {
        if let (Some(e), "sheet") = (start, tag)
            && let (Some(name), Some(id)) = (attr(e, "name", false), attr(e, "id", true))
        {
            out.push((name, id));
        }
    })?;
    Ok(out)
}

/// The legacy fonts of the styles part, and for each cell format (`cellXfs` index) the
/// index of its legacy font; `None` when no cell format uses a legacy font.
#[allow(clippy::type_complexity)]
fn legacy_formats(
    zip: &mut Zip,
    styles: &str,
) -> Result<Option<(Vec<LegacyFont>, Vec<Option<usize>>)>, String> {
    let Some(mut reader) = part(zip, styles)? else {
        return Ok(None);
    };
    let mut font_names: Vec<Option<String>> = Vec::new();
    let mut xf_font_ids: Vec<usize> = Vec::new();
    let (mut in_fonts, mut in_xfs, mut in_font) = (false, false, false);
    walk(&mut reader, styles, |tag, start| match (tag, start) {
        ("fonts", s) => in_fonts = s.is_some(),
        ("cellXfs", s) => in_xfs = s.is_some(),
        ("font", Some(_)) if in_fonts => {
            font_names.push(None);
            in_font = true;
        }
        ("font", None) => in_font = false,
        ("name", Some(e)) if in_fonts && in_font => {
            if let Some(last) = font_names.last_mut() {
                *last = attr(e, "val", false);
            }
        }
        ("xf", Some(e)) if in_xfs => {
            let id = attr(e, "fontId", false)
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            xf_font_ids.push(id);
        }
        _ => {}
    })?;
    let mut fonts = Vec::new();
    let mut font_index: HashMap<usize, usize> = HashMap::new();
    for (i, name) in font_names.iter().enumerate() {
        if let Some(name) = name
            && let Some((encoding, upper)) = classify_font(name)
        {
            font_index.insert(i, fonts.len());
            fonts.push(LegacyFont {
                name: name.trim().to_string(),
                encoding,
                upper,
            });
        }
    }
    let xf_font: Vec<Option<usize>> = xf_font_ids
        .iter()
        .map(|id| font_index.get(id).copied())
        .collect();
    Ok(xf_font
        .iter()
        .any(Option::is_some)
        .then_some((fonts, xf_font)))
}

/// (row, col) → legacy font index of every cell in a sheet part whose format uses one.
/// A cell without `s` has format 0; rows and cells without `r` follow the previous one.
fn sheet_cells(
    zip: &mut Zip,
    name: &str,
    xf_font: &[Option<usize>],
) -> Result<HashMap<(u32, u32), usize>, String> {
    let mut out = HashMap::new();
    let Some(mut reader) = part(zip, name)? else {
        return Ok(out);
    };
    let mut in_data = false;
    let mut row: Option<u32> = None;
    let mut col: Option<u32> = None;
    walk(&mut reader, name, |tag, start| match (tag, start) {
        ("sheetData", s) => in_data = s.is_some(),
        ("row", Some(e)) if in_data => {
            let r = attr(e, "r", false)
                .and_then(|v| v.trim().parse::<u32>().ok())
                .and_then(|r| r.checked_sub(1));
            row = r.or_else(|| Some(row.map_or(0, |p| p.saturating_add(1))));
            col = None;
        }
        ("c", Some(e)) if in_data => {
            let at = attr(e, "r", false).and_then(|v| CellRef::parse_a1(&v));
            let (r, c) = match at {
                Some(cell) => (cell.row, cell.col),
                None => (row.unwrap_or(0), col.map_or(0, |p| p.saturating_add(1))),
            };
            col = Some(c);
            let xf = attr(e, "s", false)
                .and_then(|v| v.trim().parse::<usize>().ok())
                .unwrap_or(0);
            if let Some(Some(font)) = xf_font.get(xf) {
                out.insert((r, c), *font);
            }
        }
        _ => {}
    })?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn font_names() {
        assert_eq!(classify_font(".VnTime"), Some((Legacy::Tcvn3, false)));
        assert_eq!(classify_font(".VnTimeH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(classify_font(".VnArial"), Some((Legacy::Tcvn3, false)));
        assert_eq!(classify_font(".VnArialH"), Some((Legacy::Tcvn3, true)));
        assert_eq!(
            classify_font(".VnArial NarrowH"),
            Some((Legacy::Tcvn3, true))
        );
        assert_eq!(classify_font("VNI-Times"), Some((Legacy::Vni, false)));
        assert_eq!(classify_font("VNI-Helve"), Some((Legacy::Vni, false)));
        assert_eq!(classify_font("Times New Roman"), None);
        assert_eq!(classify_font("Calibri"), None);
        assert_eq!(classify_font("Arial"), None);
    }

    #[test]
    fn relationship_targets() {
        assert_eq!(
            resolve("xl/workbook.xml", "worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(
            resolve("xl/workbook.xml", "/xl/worksheets/sheet1.xml"),
            "xl/worksheets/sheet1.xml"
        );
        assert_eq!(resolve("xl/workbook.xml", "../x/s.xml"), "x/s.xml");
        assert_eq!(rels_path("xl/workbook.xml"), "xl/_rels/workbook.xml.rels");
    }
}
