//! Where each value a template sees came from: file, sheet and Excel cell.
//!
//! Templates see plain JSON (numbers, text), which cannot carry a cell. A helper that fails on
//! a value (`num`, `sum`, `date`, `filter`, `gop_tinh`, …) asks [`Origins`] where it came from,
//! so the message names the cell a clerk must correct (`sheet "IIP T10", cell F12`) and not
//! "row 5" of a list. Three ways, most precise first:
//! 1. the value's path in the context, which Handlebars knows for values read straight from
//!    the data (`iip.4.gia_tri` → the 5th data row of the sheet aliased `iip`, column
//!    `gia_tri`; `iip_tong.gia_tri` → its totals row; `meta.so` → a key–value entry;
//!    `names.ky` → a defined name);
//! 2. for a row of a list a helper made (`where`, `sort_vi`, `filter` keep rows whole), the
//!    data row with the same values;
//! 3. else the cells of a column with that key holding that value (named when at most three).

use std::path::PathBuf;

use serde_json::Value as Json;

use super::cell::CellRef;
use super::table::{GROUP_KEY, Table};
use super::{Dataset, SheetData, TOTAL_SUFFIX};
use crate::i18n::Text;
use crate::template::helpers::{Locate, Place};
use crate::tr;

/// The places of a dataset's values, for helper messages.
#[derive(Debug, Clone)]
pub struct Origins {
    file: PathBuf,
    data: Dataset,
    /// Context name → sheet name: the template's aliases, then every sheet's key.
    roots: Vec<(String, String)>,
    /// The sheet whose rows are `row`, one document each (a batch job with `rows = …`).
    rows_sheet: Option<String>,
}

/// One cell found.
struct Found<'a> {
    sheet: &'a str,
    cell: CellRef,
}

impl Origins {
    /// `aliases` are the template's `[data.ALIAS]` names with their sheet names.
    pub fn new(data: &Dataset, aliases: &[(String, String)]) -> Origins {
        let mut roots: Vec<(String, String)> = aliases
            .iter()
            .filter_map(|(alias, sheet)| Some((alias.clone(), data.sheet(sheet)?.name.clone())))
            .collect();
        roots.extend(data.sheets.iter().map(|s| (s.key.clone(), s.name.clone())));
        Origins {
            file: data.path.clone(),
            data: data.clone(),
            roots,
            rows_sheet: None,
        }
    }

    /// For a batch job that makes one document per row of `sheet`: `row.<key>` is that
    /// row's cell (the row's Excel number is `row_number` in the context).
    pub fn with_rows(mut self, sheet: &str) -> Origins {
        self.rows_sheet = self.data.sheet(sheet).map(|s| s.name.clone());
        self
    }

    /// `row.<key>` of a batch document.
    fn batch_row(&self, rest: &[String], row_number: Option<u64>) -> Option<Found<'_>> {
        let sheet = self.data.sheet(self.rows_sheet.as_deref()?)?;
        let SheetData::Table(t) = &sheet.data else {
            return None;
        };
        let excel_row = u32::try_from(row_number?).ok()?;
        let cell = t.cell_at(excel_row, t.column_index(rest.first()?)?)?;
        Some(Found {
            sheet: &sheet.name,
            cell,
        })
    }

    fn sheet_of(&self, root: &str) -> Option<&super::Sheet> {
        let name = &self.roots.iter().find(|(r, _)| r == root)?.1;
        self.data.sheets.iter().find(|s| &s.name == name)
    }

    /// Way 1: the context path.
    fn by_path(&self, path: &[String], row_number: Option<u64>) -> Option<Found<'_>> {
        let (root, rest) = path.split_first()?;
        if root == crate::batch::ROW_KEY && self.rows_sheet.is_some() {
            return self.batch_row(rest, row_number);
        }
        if root == "names" {
            let n = self
                .data
                .names
                .iter()
                .find(|n| Some(&n.key) == rest.first())?;
            return Some(Found {
                sheet: &n.sheet,
                cell: n.cell,
            });
        }
        let (sheet, total) = match self.sheet_of(root) {
            Some(s) => (s, false),
            None => (self.sheet_of(root.strip_suffix(TOTAL_SUFFIX)?)?, true),
        };
        let cell = match (&sheet.data, total, rest) {
            (SheetData::KeyValue(entries), false, [key, ..]) => {
                entries.iter().find(|e| &e.key == key)?.cell
            }
            (SheetData::Table(t), false, [index, key, ..]) => {
                let row = t.rows.get(index.parse::<usize>().ok()?)?;
                t.cell(row, t.column_index(key)?)?
            }
            (SheetData::Table(t), true, [key, ..]) => {
                t.cell_at(t.total()?.excel_row, t.column_index(key)?)?
            }
            _ => return None,
        };
        Some(Found {
            sheet: &sheet.name,
            cell,
        })
    }

    /// Way 2: a data row with the same values as `row`.
    fn by_row(&self, row: &Json, key: &str) -> Option<Found<'_>> {
        let object = row.as_object()?;
        self.tables().find_map(|(name, t)| {
            let i = t.column_index(key)?;
            let hit = t.rows.iter().find(|r| {
                t.columns
                    .iter()
                    .zip(&r.values)
                    .all(|(c, v)| object.get(&c.key).is_none_or(|x| *x == v.to_json()))
                    && object
                        .keys()
                        .all(|k| k == GROUP_KEY || t.column_index(k).is_some())
            })?;
            Some(Found {
                sheet: name,
                cell: t.cell(hit, i)?,
            })
        })
    }

    /// Way 3: every cell of a column `key` (or entry `key`) holding `value`.
    fn by_value(&self, key: &str, value: &Json) -> Vec<Found<'_>> {
        let mut out = Vec::new();
        for sheet in &self.data.sheets {
            match &sheet.data {
                SheetData::Table(t) => {
                    let Some(i) = t.column_index(key) else {
                        continue;
                    };
                    for r in &t.rows {
                        if r.values.get(i).is_some_and(|v| v.to_json() == *value)
                            && let Some(cell) = t.cell(r, i)
                        {
                            out.push(Found {
                                sheet: &sheet.name,
                                cell,
                            });
                        }
                    }
                }
                SheetData::KeyValue(entries) => {
                    out.extend(
                        entries
                            .iter()
                            .filter(|e| e.key == key && e.value.to_json() == *value)
                            .map(|e| Found {
                                sheet: &sheet.name,
                                cell: e.cell,
                            }),
                    );
                }
            }
        }
        out
    }

    fn tables(&self) -> impl Iterator<Item = (&str, &Table)> {
        self.data.sheets.iter().filter_map(|s| match &s.data {
            SheetData::Table(t) => Some((s.name.as_str(), t)),
            SheetData::KeyValue(_) => None,
        })
    }

    fn text(&self, found: &[Found<'_>]) -> Option<Text> {
        let first = found.first()?;
        let file = self.file.display();
        let sheet = first.sheet;
        let cells: Vec<String> = found
            .iter()
            .filter(|f| f.sheet == sheet)
            .map(|f| f.cell.to_string())
            .collect();
        let cells = cells.join(", ");
        let unsaved = self
            .data
            .unsaved_formulas
            .iter()
            .any(|u| u.sheet == sheet && u.cell == first.cell);
        Some(if found.len() == 1 && unsaved {
            tr!(
                "{file}, sheet \"{sheet}\", ô {cells} ({advice})",
                "{file}, sheet \"{sheet}\", cell {cells} ({advice})";
                advice = super::formula::advice()
            )
        } else if found.len() == 1 {
            tr!(
                "{file}, sheet \"{sheet}\", ô {cells}",
                "{file}, sheet \"{sheet}\", cell {cells}"
            )
        } else {
            tr!(
                "{file}, sheet \"{sheet}\", các ô {cells}",
                "{file}, sheet \"{sheet}\", cells {cells}"
            )
        })
    }
}

/// At most this many cells are named when only the value identifies them.
const BY_VALUE: usize = 3;

impl Locate for Origins {
    fn locate(&self, place: &Place<'_>) -> Option<Text> {
        if let Some(found) = place.path.and_then(|p| self.by_path(p, place.row_number)) {
            return self.text(&[found]);
        }
        let key = place.key?;
        if let Some(found) = place.row.and_then(|r| self.by_row(r, key)) {
            return self.text(&[found]);
        }
        let found = self.by_value(key, place.value);
        if found.len() <= BY_VALUE {
            self.text(&found)
        } else {
            None
        }
    }

    fn locate_rows(&self, places: &[Place<'_>]) -> Option<Text> {
        let found: Vec<Found<'_>> = places
            .iter()
            .map(|p| {
                p.path
                    .and_then(|path| self.by_path(path, p.row_number))
                    .or_else(|| self.by_row(p.row?, p.key?))
            })
            .collect::<Option<_>>()?;
        let sheet = found.first()?.sheet;
        let rows: Vec<u32> = found.iter().map(|f| f.cell.row + 1).collect();
        let mut distinct = rows.clone();
        distinct.sort_unstable();
        distinct.dedup();
        // Two identical rows are found as one: the rows cannot be told apart.
        if found.iter().any(|f| f.sheet != sheet) || distinct.len() != rows.len() {
            return None;
        }
        let file = self.file.display();
        let cells: Vec<String> = found.iter().map(|f| f.cell.to_string()).collect();
        let cells = cells.join(", ");
        let rows: Vec<String> = rows.iter().map(u32::to_string).collect();
        let (vi_rows, en_rows) = match rows.split_last() {
            Some((last, rest)) if !rest.is_empty() => {
                let rest = rest.join(", ");
                (format!("{rest} và {last}"), format!("{rest} and {last}"))
            }
            _ => (rows.join(""), rows.join("")),
        };
        Some(tr!(
            "{file}, sheet \"{sheet}\", dòng {vi_rows} (ô {cells})",
            "{file}, sheet \"{sheet}\", rows {en_rows} (cells {cells})"
        ))
    }

    fn list_sheet(&self, path: Option<&[String]>, rows: &[Json]) -> Option<String> {
        if let Some(root) = path.and_then(|p| p.first())
            && let Some(sheet) = self
                .sheet_of(root)
                .or_else(|| self.sheet_of(root.strip_suffix(TOTAL_SUFFIX)?))
        {
            return Some(sheet.name.clone());
        }
        let first = rows.first()?.as_object()?;
        self.tables()
            .find(|(_, t)| {
                first
                    .keys()
                    .all(|k| k == GROUP_KEY || t.column_index(k).is_some())
            })
            .map(|(name, _)| name.to_string())
    }
}
