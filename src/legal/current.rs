//! The current text of the document being amended, read from its DOCX.
//!
//! A draft amending circular and its comparison table name the amended circular (or its
//! consolidated text, văn bản hợp nhất) in template.toml:
//!
//! ```toml
//! [current_text]
//! docx = "thong-tu-46-2012.docx"   # relative to the template folder
//! data = "sua_doi"                 # the amendments sheet's alias (default)
//! ```
//!
//! The DOCX is split into Chương / Mục / Điều / khoản / điểm (the units of [`Unit`]: an
//! Điều number is unique in the whole document, so Chương and Mục only end the Điều before
//! them), and each amendments-sheet row is checked against it in the order
//! [`super::amendments`] gives (so an insertion gets the unit number the draft prints):
//! - a row whose "Quy định hiện hành" is empty gets the unit's text;
//! - a row that types its own text that differs gets a warning showing the difference;
//! - the unit a row amends, repeals or inserts after must exist — else an error naming the
//!   sheet row and the reference, with the nearest units; an inserted unit must not exist
//!   yet; a phrase to replace must be in its unit.

use std::path::Path;

use super::{Action, AmendmentRow, Unit, amendments};
use crate::i18n::Text;
use crate::import::wordml::{self, Block};
use crate::tr;
use crate::workbook::{CellRef, Dataset, Notice, SheetData, Value};

/// The units of a legal document, in the document's order, with their texts (each text
/// starts with the unit's label, "2. …", "a) …", and holds the units inside it).
#[derive(Debug, Clone, Default)]
pub struct CurrentText {
    pub units: Vec<(Unit, String)>,
}

impl CurrentText {
    /// The text of `unit`, if the document has it.
    pub fn get(&self, unit: &Unit) -> Option<&str> {
        self.units
            .iter()
            .find(|(u, _)| u == unit)
            .map(|(_, t)| t.as_str())
    }

    /// Up to three units nearest to `unit` in the document's order (the ones around where
    /// it would be), for an error message.
    pub fn nearest(&self, unit: &Unit) -> Vec<String> {
        let at = self.units.partition_point(|(u, _)| u < unit);
        let from = at.saturating_sub(2);
        self.units[from..(at + 2).min(self.units.len())]
            .iter()
            .map(|(u, _)| u.to_string())
            .collect()
    }
}

/// "Điều 5a." at the start of a paragraph → (5, "a").
fn article_label(t: &str) -> Option<(u32, String)> {
    let rest = t.strip_prefix("Điều")?.trim_start();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let n = digits.parse().ok()?;
    let after = &rest[digits.len()..];
    let suffix: String = after.chars().take_while(char::is_ascii_lowercase).collect();
    after[suffix.len()..]
        .starts_with('.')
        .then_some((n, suffix))
}

/// "2a. " → (2, "a").
fn clause_label(t: &str) -> Option<(u32, String)> {
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let n = digits.parse().ok()?;
    let after = &t[digits.len()..];
    let suffix: String = after.chars().take_while(char::is_ascii_lowercase).collect();
    after[suffix.len()..]
        .starts_with(". ")
        .then_some((n, suffix))
}

/// "a) ", "đ1) " → ("a", ""), ("đ", "1").
fn point_label(t: &str) -> Option<(String, String)> {
    let mut cs = t.chars();
    let letter = cs.next()?;
    if !(letter.is_ascii_lowercase() || letter == 'đ') {
        return None;
    }
    let rest = cs.as_str();
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    rest[digits.len()..]
        .starts_with(") ")
        .then(|| (letter.to_string(), digits))
}

/// Reads the units of a legal document from its paragraphs.
pub fn parse(doc: &wordml::WordDoc) -> CurrentText {
    let mut paras: Vec<String> = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Para(p) => paras.push(p.text()),
            Block::Table(t) => {
                for r in &t.rows {
                    for c in &r.cells {
                        paras.extend(c.paras.iter().map(|p| p.text()));
                    }
                }
            }
        }
    }
    let mut out = CurrentText::default();
    // Open units: indexes into out.units of the current Điều, khoản, điểm.
    let (mut art, mut cla, mut poi): (Option<usize>, Option<usize>, Option<usize>) =
        (None, None, None);
    for p in paras {
        let t = p.replace('\u{a0}', " ").trim().to_string();
        if t.is_empty() {
            continue;
        }
        let upper = t.to_uppercase();
        if upper.starts_with("CHƯƠNG ") || upper.starts_with("MỤC ") && !t.starts_with("Mục")
        {
            // A structural heading ends the Điều before it.
            (art, cla, poi) = (None, None, None);
            continue;
        }
        if t.starts_with("Mục ") && t[5..].starts_with(|c: char| c.is_ascii_digit()) {
            (art, cla, poi) = (None, None, None);
            continue;
        }
        if let Some(a) = article_label(&t) {
            out.units.push((
                Unit {
                    article: a,
                    clause: None,
                    point: None,
                },
                t.clone(),
            ));
            (art, cla, poi) = (Some(out.units.len() - 1), None, None);
            continue;
        }
        let Some(ai) = art else {
            continue;
        };
        let article = out.units[ai].0.article.clone();
        if let Some(c) = clause_label(&t) {
            out.units.push((
                Unit {
                    article,
                    clause: Some(c),
                    point: None,
                },
                t.clone(),
            ));
            cla = Some(out.units.len() - 1);
            poi = None;
            out.units[ai].1.push('\n');
            out.units[ai].1.push_str(&t);
            continue;
        }
        if let (Some(ci), Some(pt)) = (cla, point_label(&t)) {
            let clause = out.units[ci].0.clause.clone();
            out.units.push((
                Unit {
                    article,
                    clause,
                    point: Some(pt),
                },
                t.clone(),
            ));
            poi = Some(out.units.len() - 1);
            for i in [ai, ci] {
                out.units[i].1.push('\n');
                out.units[i].1.push_str(&t);
            }
            continue;
        }
        // A continuation paragraph of the innermost open unit (and of its parents).
        for i in [Some(ai), cla, poi].into_iter().flatten() {
            out.units[i].1.push('\n');
            out.units[i].1.push_str(&t);
        }
    }
    out
}

/// Reads the current text from a DOCX file.
pub fn read(path: &Path) -> Result<CurrentText, Text> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path)
        .map_err(|e| tr!("{file}: {r}", "{file}: {r}"; r = crate::i18n::io_reason(&e)))?;
    let doc = wordml::read(&bytes).map_err(|e| tr!("{file}: {r}", "{file}: {r}"; r = e.0))?;
    let text = parse(&doc);
    if text.units.is_empty() {
        return Err(tr!(
            "{file}: không thấy Điều nào (đoạn bắt đầu bằng \"Điều 1.\") trong văn bản hiện hành",
            "{file}: no Điều found (a paragraph starting \"Điều 1.\") in the current text"
        ));
    }
    Ok(text)
}

/// Words only, for comparing a typed text with the document's.
fn normal(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The difference of two texts as "[-removed-] [+added+]" around the common words.
fn difference(typed: &str, document: &str) -> String {
    use crate::document::{Inline, word_diff};
    fn show(xs: &[Inline]) -> String {
        xs.iter()
            .map(|x| match x {
                Inline::Text { text } => text.clone(),
                Inline::Insert { content } => format!("[+{}+]", show(content)),
                Inline::Delete { content } => format!("[-{}-]", show(content)),
                _ => String::new(),
            })
            .collect()
    }
    show(&word_diff(typed, document))
}

/// What checking the amendments sheet against the current text found.
#[derive(Debug, Default)]
pub struct Checked {
    /// Rows that cannot be right (a unit that is not there, an insertion that is), with
    /// their Excel row, in the sheet's order.
    pub errors: Vec<(u32, Text)>,
    /// Typed current texts that differ from the document (the workbook's text is kept).
    pub warnings: Vec<Notice>,
}

/// The columns of the amendments sheet the check reads (keys, as `vanban fields` lists).
pub struct Columns<'a> {
    pub unit: &'a str,
    pub action: &'a str,
    pub current: &'a str,
}

/// Checks the table `alias` of `data` against `text` and fills empty current texts.
pub fn fill(
    data: &mut Dataset,
    sheet_name: &str,
    cols: &Columns<'_>,
    text: &CurrentText,
) -> Checked {
    let mut checked = Checked::default();
    let file = data.path.clone();
    let Some(sheet) = data.sheets.iter_mut().find(|s| s.name == sheet_name) else {
        return checked;
    };
    let name = sheet.name.clone();
    let SheetData::Table(table) = &mut sheet.data else {
        return checked;
    };
    let col = |k: &str| table.columns.iter().position(|c| c.key == k);
    let (Some(ui), Some(ai)) = (col(cols.unit), col(cols.action)) else {
        return checked;
    };
    let ci = col(cols.current);
    let cell_text = |v: &Value| match v {
        Value::Text(s) => s.clone(),
        Value::Empty => String::new(),
        other => other.to_string(),
    };
    // Rows the amendment rules can read; the rest are the sheet's own errors, reported by
    // the `amendments` helper when the body uses it.
    let rows: Vec<AmendmentRow> = table
        .rows
        .iter()
        .map(|r| AmendmentRow {
            unit: r.values.get(ui).map(cell_text).unwrap_or_default(),
            action: r.values.get(ai).map(cell_text).unwrap_or_default(),
            current: ci
                .and_then(|c| r.values.get(c))
                .map(cell_text)
                .unwrap_or_default(),
            new: "-".into(),
        })
        .collect();
    let Ok(items) = amendments(&rows) else {
        return checked;
    };
    let file_s = file.display().to_string();
    for a in items {
        let row = &table.rows[a.row];
        let excel = row.excel_row;
        let target = match Unit::parse(&rows[a.row].unit) {
            Ok(u) => u,
            Err(_) => continue,
        };
        let reference = rows[a.row].unit.clone();
        let missing = |u: &Unit| {
            let near = text.nearest(u).join(", ");
            tr!(
                "{file_s}, sheet \"{name}\", dòng {excel}: văn bản hiện hành không có {u} (\"{reference}\"); các đơn vị gần nhất: {near}",
                "{file_s}, sheet \"{name}\", row {excel}: the current text has no {u} (\"{reference}\"); the nearest units: {near}"
            )
        };
        let Some(current) = text.get(&target) else {
            checked.errors.push((excel, missing(&target)));
            continue;
        };
        match a.action {
            Action::Insert => {
                if text.get(&a.unit).is_some() {
                    let u = &a.unit;
                    checked.errors.push((excel, tr!(
                        "{file_s}, sheet \"{name}\", dòng {excel}: \"bổ sung\" {u} nhưng văn bản hiện hành đã có {u}; dùng \"sửa đổi, bổ sung\"",
                        "{file_s}, sheet \"{name}\", row {excel}: \"bổ sung\" (insert) {u}, but the current text already has {u}; use \"sửa đổi, bổ sung\""
                    )));
                }
            }
            Action::ReplacePhrase => {
                let phrase = normal(&rows[a.row].current);
                if !phrase.is_empty() && !normal(current).contains(&phrase) {
                    checked.warnings.push(Notice {
                        kind: crate::workbook::NoticeKind::CurrentTextDiffers,
                        file: file.clone(),
                        sheet: name.clone(),
                        cell: CellRef {
                            row: excel.saturating_sub(1),
                            col: ci.map_or(0, |c| table.columns[c].col),
                        },
                        message: tr!(
                            "cụm từ \"{phrase}\" không có trong {target} của văn bản hiện hành",
                            "the phrase \"{phrase}\" is not in {target} of the current text"
                        ),
                    });
                }
            }
            Action::Amend | Action::Repeal => {
                let Some(ci) = ci else { continue };
                let typed = rows[a.row].current.clone();
                let cell = CellRef {
                    row: excel.saturating_sub(1),
                    col: table.columns[ci].col,
                };
                if typed.trim().is_empty() {
                    if let Some(v) = table.rows[a.row].values.get_mut(ci) {
                        *v = Value::Text(current.to_string());
                    }
                } else if normal(&typed) != normal(current) {
                    let diff = difference(&typed, current);
                    checked.warnings.push(Notice {
                        kind: crate::workbook::NoticeKind::CurrentTextDiffers,
                        file: file.clone(),
                        sheet: name.clone(),
                        cell,
                        message: tr!(
                            "quy định hiện hành gõ ở đây khác {target} trong văn bản hiện hành (giữ chữ đã gõ; [-…-] chỉ có trong bảng tính, [+…+] chỉ có trong văn bản): {diff}",
                            "the current text typed here differs from {target} in the current text document (the typed text is kept; [-…-] only in the workbook, [+…+] only in the document): {diff}"
                        ),
                    });
                }
            }
        }
    }
    checked.errors.sort_by_key(|(row, _)| *row);
    checked
}

/// Reads the current text a template names (`[current_text]`), checks the amendments
/// sheet of `data` against it and fills the empty current texts. Differences are added to
/// `data.notices`; units that cannot be right are one error listing every row.
pub fn apply(
    template: &crate::template::Template,
    data: &mut Dataset,
) -> Result<(), crate::template::TemplateError> {
    let Some(src) = &template.manifest.current_text else {
        return Ok(());
    };
    let checked = check(template, src, data)?;
    data.notices.extend(checked.warnings);
    if checked.errors.is_empty() {
        Ok(())
    } else {
        Err(crate::template::TemplateError::Data {
            message: Text::join(
                &checked
                    .errors
                    .into_iter()
                    .map(|(_, t)| t)
                    .collect::<Vec<_>>(),
                "\n",
            ),
        })
    }
}

/// [`apply`] without stopping at errors: what `vanban check` reports.
pub fn check(
    template: &crate::template::Template,
    src: &crate::template::CurrentTextSource,
    data: &mut Dataset,
) -> Result<Checked, crate::template::TemplateError> {
    let path = template.file(&src.docx);
    let text = read(&path).map_err(|message| crate::template::TemplateError::Data { message })?;
    let sheet = template
        .manifest
        .data
        .get(&src.data)
        .map(|d| d.sheet.clone())
        .ok_or_else(|| {
            let alias = &src.data;
            crate::template::TemplateError::Data {
                message: tr!(
                    "[current_text] data = \"{alias}\" không phải một sheet trong [data] của template.toml",
                    "[current_text] data = \"{alias}\" is not a sheet under [data] in template.toml"
                ),
            }
        })?;
    let cols = Columns {
        unit: &src.unit,
        action: &src.action,
        current: &src.current,
    };
    Ok(fill(data, &sheet, &cols, &text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::wordml::{Para, Run};

    fn doc(lines: &[&str]) -> wordml::WordDoc {
        wordml::WordDoc {
            blocks: lines
                .iter()
                .map(|l| {
                    Block::Para(Para {
                        runs: vec![Run {
                            text: l.to_string(),
                            ..Run::default()
                        }],
                        ..Para::default()
                    })
                })
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn units_of_a_circular() {
        let t = parse(&doc(&[
            "Chương I",
            "QUY ĐỊNH CHUNG",
            "Điều 1. Phạm vi",
            "Thông tư này quy định…",
            "Chương II",
            "Mục 1. HỖ TRỢ",
            "Điều 5. Mức hỗ trợ",
            "1. Khoản một.",
            "2. Khoản hai:",
            "a) Điểm a;",
            "b) Điểm b.",
            "Điều 5a. Chèn",
        ]));
        let u = |s| Unit::parse(s).unwrap();
        assert_eq!(
            t.get(&u("Điều 1")),
            Some("Điều 1. Phạm vi\nThông tư này quy định…")
        );
        assert_eq!(
            t.get(&u("khoản 2 Điều 5")),
            Some("2. Khoản hai:\na) Điểm a;\nb) Điểm b.")
        );
        assert_eq!(t.get(&u("điểm b khoản 2 Điều 5")), Some("b) Điểm b."));
        assert!(t.get(&u("Điều 5a")).is_some());
        assert!(t.get(&u("khoản 3 Điều 5")).is_none());
        assert_eq!(
            t.nearest(&u("khoản 3 Điều 5")),
            ["điểm a khoản 2 Điều 5", "điểm b khoản 2 Điều 5", "Điều 5a"]
        );
        let d = difference("a b c", "a x c");
        assert!(d.contains("[-b") && d.contains("[+x"), "{d}");
    }
}
