//! Workbook defined names that point at a single cell become scalar values (`KyBaoCao` →
//! `ky_bao_cao`). Names of ranges, constants and formulas, and Excel's built-in names
//! (`_xlnm.Print_Area`, …), are ignored: they are not facts a template can print.

use serde::Serialize;

use super::cell::CellRef;
use super::keys::{dedupe, name_key};
use super::value::Value;

/// A defined name resolved to the value of its cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DefinedName {
    /// Template key: CamelCase split, then [`super::key_of`].
    pub key: String,
    /// The name as defined in the workbook.
    pub name: String,
    /// Sheet of the referenced cell.
    pub sheet: String,
    pub cell: CellRef,
    pub value: Value,
}

/// Parses a single-cell reference in the forms calamine returns:
/// xlsx `'Thông tin'!$B$8`, xls `Thông tin!$B$8` (quotes dropped), ods `$'Thông tin'.$B$8`.
/// Ranges, several areas and anything else give `None`.
pub(crate) fn parse_reference(formula: &str) -> Option<(String, CellRef)> {
    let s = formula.trim();
    let s = s.strip_prefix('=').unwrap_or(s);
    let (sheet, cell) = if let Some(at) = s.rfind('!') {
        (s.get(..at)?, s.get(at + 1..)?)
    } else if let Some(ods) = s.strip_prefix('$') {
        let at = ods.rfind('.')?;
        (ods.get(..at)?, ods.get(at + 1..)?)
    } else {
        return None;
    };
    if cell.contains(':') || cell.contains(',') || cell.contains(';') {
        return None;
    }
    // A bare sheet part holding '!' means several areas ("A!$A$1,A!$B$2").
    if !sheet.starts_with('\'') && sheet.contains('!') {
        return None;
    }
    let sheet = unquote(sheet)?;
    if sheet.is_empty() {
        return None;
    }
    Some((sheet, CellRef::parse_a1(cell)?))
}

/// Removes the quotes around a sheet name (`'It''s'` → `It's`); bare names are returned as is.
fn unquote(sheet: &str) -> Option<String> {
    match sheet.strip_prefix('\'') {
        Some(inner) => Some(inner.strip_suffix('\'')?.replace("''", "'")),
        None => Some(sheet.to_string()),
    }
}

fn is_builtin(name: &str) -> bool {
    name.starts_with("_xlnm.") || name.starts_with("__Anonymous")
}

/// Resolves the single-cell names; `lookup(sheet, cell)` gives a cell's value, or `None` when the
/// sheet does not exist (such names are ignored).
pub(crate) fn resolve(
    defined: &[(String, String)],
    lookup: impl Fn(&str, CellRef) -> Option<Value>,
) -> Vec<DefinedName> {
    let mut names: Vec<DefinedName> = defined
        .iter()
        .filter(|(name, _)| !is_builtin(name))
        .filter_map(|(name, formula)| {
            let (sheet, cell) = parse_reference(formula)?;
            let value = lookup(&sheet, cell)?;
            let key = name_key(name);
            (!key.is_empty()).then(|| DefinedName {
                key,
                name: name.clone(),
                sheet,
                cell,
                value,
            })
        })
        .collect();
    let mut keys: Vec<String> = names.iter().map(|n| n.key.clone()).collect();
    dedupe(&mut keys);
    for (n, k) in names.iter_mut().zip(keys) {
        n.key = k;
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_forms() {
        let b8 = Some(("Thông tin".to_string(), CellRef::new(7, 1)));
        assert_eq!(parse_reference("'Thông tin'!$B$8"), b8);
        assert_eq!(parse_reference("Thông tin!$B$8"), b8);
        assert_eq!(parse_reference("$'Thông tin'.$B$8"), b8);
        assert_eq!(parse_reference("='Thông tin'!B8"), b8);
        assert_eq!(
            parse_reference("Sheet1!$C$2"),
            Some(("Sheet1".to_string(), CellRef::new(1, 2)))
        );
        assert_eq!(
            parse_reference("$Sheet1.$C$2"),
            Some(("Sheet1".to_string(), CellRef::new(1, 2)))
        );
        assert_eq!(
            parse_reference("'It''s'!$A$1"),
            Some(("It's".to_string(), CellRef::new(0, 0)))
        );
        assert_eq!(
            parse_reference("'Số liệu v1.2'!$A$1"),
            Some(("Số liệu v1.2".to_string(), CellRef::new(0, 0)))
        );
        assert_eq!(
            parse_reference("$'v1.2'.$A$1"),
            Some(("v1.2".to_string(), CellRef::new(0, 0)))
        );
        for bad in [
            "'Dữ liệu'!$A$1:$D$3",
            "Dữ liệu!$A$1:$D$3",
            "$'Dữ liệu'.$A$1:.$D$3",
            "#REF!",
            "42",
            "=SUM(A1:A3)",
            "Sheet1!$A$1,Sheet1!$B$2",
            "",
            "'unterminated!$A$1",
        ] {
            assert_eq!(parse_reference(bad), None, "{bad:?}");
        }
    }
}
