//! Fenced blocks that draw from the data: ```` ```chart ```` and ```` ```compare ````.
//!
//! A template author writes the block's settings in TOML; the values name tables and
//! columns of the data, never contain data, so a cell can never create or change a
//! directive (data values are backslash-escaped and cannot open a code fence).
//!
//! ````text
//! ```chart
//! rows = "tinh"                  # a table of the data
//! label = "tinh_thanh_pho"       # the bar labels
//! value = "iip_so_cung_ky"       # the bar lengths
//! title = "Biểu đồ 1. Tốc độ tăng IIP so với cùng kỳ năm trước (%)"
//! unit = "%"
//! decimals = 1                   # printed values (default 1)
//! sort = "desc"                  # "asc", "desc" or "none" (default: the table's order)
//! ```
//!
//! ```compare
//! rows = "sua_doi"
//! current = "quy_dinh_hien_hanh" # the text in force
//! new = "du_thao"                # the drafted text: words removed and added are marked
//! note = "thuyet_minh"           # optional explanation column
//! ```
//! ````

use serde::Deserialize;
use serde_json::Value as Json;

use crate::document::{
    Align, Bar, Block, Cell, Chart, Inline, Row, Table, with_line_breaks, word_diff,
};
use crate::i18n::Text;
use crate::tr;
use crate::vi;

/// Resolves one fenced block against the context; `Ok(None)` for an unknown name.
pub fn resolve(name: &str, body: &str, ctx: &Json) -> Result<Option<Vec<Block>>, Text> {
    match name {
        "chart" => chart(body, ctx).map(|b| Some(vec![b])),
        "compare" => compare(body, ctx).map(|b| Some(vec![b])),
        _ => Ok(None),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartSpec {
    rows: String,
    label: String,
    value: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    unit: String,
    #[serde(default = "one")]
    decimals: u32,
    #[serde(default)]
    sort: Option<String>,
}

fn one() -> u32 {
    1
}

fn rows<'c>(ctx: &'c Json, name: &str) -> Result<&'c Vec<Json>, Text> {
    let value = name
        .split('.')
        .try_fold(ctx, |v, k| v.get(k))
        .ok_or_else(|| {
            tr!(
                "rows = \"{name}\": dữ liệu không có bảng nào tên như vậy",
                "rows = \"{name}\": the data has no table by that name"
            )
        })?;
    value.as_array().ok_or_else(|| {
        tr!(
            "rows = \"{name}\" không phải là bảng (sheet đọc theo dòng)",
            "rows = \"{name}\" is not a table (a sheet read as rows)"
        )
    })
}

/// The block's settings (`body`) could not be read as a `T`: why, from its structure.
fn settings_error<T: serde::de::DeserializeOwned>(body: &str, e: toml::de::Error) -> Text {
    let name = tr!("thiết đặt", "the block");
    let m = crate::toml_explain::explain::<T>(&name, body, &e).message;
    tr!("thiết đặt của khối viết sai: {m}", "{m}"; m = m)
}

/// A row of the table lacks a column the block names.
fn no_column(i: usize, key: &str) -> Text {
    let row = i + 1;
    tr!(
        "dòng {row} không có cột \"{key}\"",
        "row {row} has no \"{key}\""
    )
}

fn text_of(v: &Json) -> String {
    match v {
        Json::String(s) => s.clone(),
        Json::Null => String::new(),
        other => other.to_string(),
    }
}

fn chart(body: &str, ctx: &Json) -> Result<Block, Text> {
    let spec: ChartSpec = toml::from_str(body).map_err(|e| settings_error::<ChartSpec>(body, e))?;
    let table = rows(ctx, &spec.rows)?;
    let mut bars = Vec::new();
    for (i, row) in table.iter().enumerate() {
        let label = row
            .get(&spec.label)
            .ok_or_else(|| no_column(i, &spec.label))?;
        let row_no = i + 1;
        let column = &spec.value;
        let value = match row.get(&spec.value) {
            None => return Err(no_column(i, &spec.value)),
            Some(Json::Null) => continue,
            Some(Json::Number(n)) => n.as_f64().unwrap_or(0.0),
            Some(Json::String(s)) if s.trim().is_empty() => continue,
            Some(Json::String(s)) => s.trim().parse::<f64>().map_err(|_| {
                tr!(
                    "dòng {row_no}: \"{column}\" chứa \"{s}\", không phải là số",
                    "row {row_no}: \"{column}\" holds \"{s}\", not a number"
                )
            })?,
            Some(other) => {
                return Err(tr!(
                    "dòng {row_no}: \"{column}\" chứa {other}, không phải là số",
                    "row {row_no}: \"{column}\" holds {other}, not a number"
                ));
            }
        };
        bars.push(Bar {
            label: text_of(label),
            value,
            display: vi::format_number(value, Some(spec.decimals)),
        });
    }
    match spec.sort.as_deref() {
        None | Some("none") => {}
        Some("asc") => bars.sort_by(|a, b| a.value.total_cmp(&b.value)),
        Some("desc") => bars.sort_by(|a, b| b.value.total_cmp(&a.value)),
        Some(other) => {
            return Err(tr!(
                "sort = \"{other}\": dùng \"asc\", \"desc\" hoặc \"none\"",
                "sort = \"{other}\": use \"asc\", \"desc\" or \"none\""
            ));
        }
    }
    if bars.is_empty() {
        let rows = &spec.rows;
        return Err(tr!(
            "không dòng nào của \"{rows}\" có giá trị để vẽ",
            "no row of \"{rows}\" has a value to draw"
        ));
    }
    Ok(Block::Chart(Chart {
        title: spec.title,
        unit: spec.unit,
        bars,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CompareSpec {
    rows: String,
    current: String,
    new: String,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    headers: Option<Vec<String>>,
}

fn text_cell(col: usize, align: Align, content: Vec<Inline>) -> Cell {
    Cell {
        col,
        colspan: 1,
        rowspan: 1,
        align,
        content,
    }
}

fn plain(text: String) -> Vec<Inline> {
    vec![Inline::Text { text }]
}

fn compare(body: &str, ctx: &Json) -> Result<Block, Text> {
    let spec: CompareSpec =
        toml::from_str(body).map_err(|e| settings_error::<CompareSpec>(body, e))?;
    let table = rows(ctx, &spec.rows)?;
    let ncols = if spec.note.is_some() { 4 } else { 3 };
    let headers = spec.headers.unwrap_or_else(|| {
        let mut h = vec![
            "STT".to_string(),
            "Quy định hiện hành".to_string(),
            "Dự thảo sửa đổi, bổ sung".to_string(),
        ];
        if spec.note.is_some() {
            h.push("Thuyết minh".to_string());
        }
        h
    });
    if headers.len() != ncols {
        let names = headers.len();
        return Err(tr!(
            "headers có {names} tên; bảng này có {ncols} cột",
            "headers has {names} names; this table has {ncols} columns"
        ));
    }
    let header = Row {
        cells: headers
            .into_iter()
            .enumerate()
            .map(|(c, h)| text_cell(c, Align::Center, plain(h)))
            .collect(),
    };
    let field = |row: &Json, key: &str, i: usize| -> Result<String, Text> {
        row.get(key).map(text_of).ok_or_else(|| no_column(i, key))
    };
    let mut body_rows = Vec::new();
    for (i, row) in table.iter().enumerate() {
        let current = field(row, &spec.current, i)?;
        let new = field(row, &spec.new, i)?;
        let mut cells = vec![
            text_cell(0, Align::Center, plain((i + 1).to_string())),
            // The units' lines (Điều title, khoản, điểm) stay lines in both columns.
            text_cell(1, Align::Left, with_line_breaks(plain(current.clone()))),
            text_cell(2, Align::Left, word_diff(&current, &new)),
        ];
        if let Some(note) = &spec.note {
            cells.push(text_cell(3, Align::Left, plain(field(row, note, i)?)));
        }
        body_rows.push(Row { cells });
    }
    let mut widths = vec![4.0, 30.0, 30.0];
    if ncols == 4 {
        widths.push(22.0);
    }
    Ok(Block::Table(Table {
        columns: vec![Align::Left; ncols],
        widths,
        header: vec![header],
        body: body_rows,
        totals: Vec::new(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn chart_from_rows() {
        let ctx = json!({"tinh": [
            {"ten": "Hà Nội", "g": 3.34},
            {"ten": "Huế", "g": null},
            {"ten": "Cà Mau", "g": -1.75}
        ]});
        let body = "rows = \"tinh\"\nlabel = \"ten\"\nvalue = \"g\"\nsort = \"asc\"\n";
        let Some(blocks) = resolve("chart", body, &ctx).unwrap() else {
            panic!("chart is a known directive")
        };
        let Block::Chart(c) = &blocks[0] else {
            panic!("a chart")
        };
        let shown: Vec<(&str, &str)> = c
            .bars
            .iter()
            .map(|b| (b.label.as_str(), b.display.as_str()))
            .collect();
        assert_eq!(shown, [("Cà Mau", "-1,8"), ("Hà Nội", "3,3")]);
    }

    #[test]
    fn chart_errors_name_the_setting() {
        let ctx = json!({"tinh": [{"ten": "Huế", "g": "nhiều"}]});
        let e = resolve(
            "chart",
            "rows = \"tinh\"\nlabel = \"ten\"\nvalue = \"g\"",
            &ctx,
        )
        .unwrap_err();
        assert!(
            e.en.contains("row 1") && e.en.contains("not a number"),
            "{e}"
        );
        assert_eq!(e.vi, "dòng 1: \"g\" chứa \"nhiều\", không phải là số");
        let e = resolve(
            "chart",
            "rows = \"khong\"\nlabel = \"a\"\nvalue = \"b\"",
            &ctx,
        )
        .unwrap_err();
        assert!(e.en.contains("no table by that name"), "{e}");
        assert!(
            e.vi.contains("dữ liệu không có bảng nào tên như vậy"),
            "{}",
            e.vi
        );
        let e = resolve(
            "chart",
            "rows = \"tinh\"\nlabel = \"ten\"\nvalu = \"g\"",
            &ctx,
        )
        .unwrap_err();
        assert!(
            e.vi.starts_with("thiết đặt của khối viết sai: "),
            "{}",
            e.vi
        );
        assert!(
            e.vi.contains(
                "không dùng được trường valu ở đây; các trường dùng được: rows, label, value"
            ),
            "said from the structure in Vietnamese: {}",
            e.vi
        );
        assert!(e.en.starts_with("valu is not a field here"), "{}", e.en);
        let e = resolve("chart", "rows = tinh", &ctx).unwrap_err();
        assert!(
            e.vi.contains("thiết đặt không đúng cú pháp TOML ở dòng 1, cột 8: giá trị chữ phải đặt trong dấu ngoặc kép"),
            "{}",
            e.vi
        );
        assert!(resolve("mermaid", "", &ctx).unwrap().is_none());
    }

    #[test]
    fn compare_marks_changes_in_the_draft_column() {
        let ctx = json!({"sd": [{"cu": "mức 2.000.000 đồng", "moi": "mức 3.000.000 đồng", "tm": "tăng mức"}]});
        let body = "rows = \"sd\"\ncurrent = \"cu\"\nnew = \"moi\"\nnote = \"tm\"\n";
        let Some(blocks) = resolve("compare", body, &ctx).unwrap() else {
            panic!("compare is a known directive")
        };
        let Block::Table(t) = &blocks[0] else {
            panic!("a table")
        };
        assert_eq!(t.header[0].cells.len(), 4);
        let draft = &t.body[0].cells[2].content;
        assert!(draft.iter().any(|x| matches!(x, Inline::Delete { .. })));
        assert!(draft.iter().any(|x| matches!(x, Inline::Insert { .. })));
    }
}
