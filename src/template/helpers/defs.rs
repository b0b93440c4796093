//! Handlebars helpers that expose the toolkit to templates (list in docs/helpers.md).
//!
//! Every helper returns a JSON value through `HelperDef::call_inner`, so the registry's
//! escape function applies to what it produces (`{{num 1234567}}` → `1\.234\.567` under the
//! Markdown escape) and list helpers compose as subexpressions
//! (`{{#each (sort_vi rows "ten_tinh")}}`). Nothing is written raw with `out.write`.
//!
//! Numbers may arrive as JSON numbers or as numeric strings ("1234.5"), as the workbook
//! reader emits them. A null, missing or empty value given to a number helper is an error
//! that names the helper and the variable, because a blank in an official document must be
//! noticed, not printed as "0".
//!
//! A helper's message exists in Vietnamese and English ([`Text`]); it leaves Handlebars as a
//! nested error made by [`crate::i18n::helper_error`], which puts the helper's name first
//! ("div: …"), and the template error takes it out in the reader's language.

use std::cmp::Ordering;

use handlebars::{Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, ScopedJson};
use serde_json::{Map, Value, json};

use crate::i18n::{Bilingual, Text};
use crate::template::helpers::{Escape, Gives, ListKey, Mode, Signature, Takes};
use crate::tr;

use crate::vi::ViError;
use crate::vi::collate::{compare_names_vi, compare_vi};
use crate::vi::date::{
    PeriodKind, PeriodOptions, format_date, format_time, parse_date, parse_time, period_with,
    place_date,
};
use crate::vi::number::{ChangeOptions, Decimal, change_decimal, point_label, roman};
use crate::vi::text::{lower, match_key, slug, upper};
use crate::vi::words::{
    Billion, Four, Linh, MoneyOptions, Thousand, WordsOptions, money_words, words_decimal,
};

/// Where a value of the template's data came from, for messages: the workbook reader's
/// [`crate::workbook::Origins`] says "dulieu.xlsx, sheet \"IIP T10\", cell F12", so a clerk
/// looks at the right cell and not at "row 5" of a list.
pub trait Locate: Send + Sync {
    /// The file, sheet and cell of the value described by `place`, if known.
    fn locate(&self, place: &Place<'_>) -> Option<Text>;

    /// The sheet a list of rows came from: by the list's path in the context (`tinh_thanh`)
    /// when Handlebars read it from the data, else by its rows (a list a helper made keeps
    /// whole rows of one sheet). For "no row has the column …" messages.
    fn list_sheet(&self, _path: Option<&[String]>, _rows: &[Value]) -> Option<String> {
        None
    }

    /// The sheet and Excel rows of several values of one list, when all are in one sheet
    /// (`file, sheet "Tỉnh", rows 7 and 14 (cells A7, A14)`): for a message about rows that
    /// clash (a province listed twice), which names the rows as Excel shows them.
    fn locate_rows(&self, _places: &[Place<'_>]) -> Option<Text> {
        None
    }
}

/// A value a helper is complaining about.
pub struct Place<'a> {
    /// Its absolute path in the context (`["iip", "4", "gia_tri"]`), when Handlebars read it
    /// straight from the data.
    pub path: Option<&'a [String]>,
    /// The row object (of a list) it was read from.
    pub row: Option<&'a Value>,
    /// The key it was read at (the row's column, or the last part of the path).
    pub key: Option<&'a str>,
    pub value: &'a Value,
    /// The Excel row of the context's current `row`, in a batch document made per row
    /// (`row_number`).
    pub row_number: Option<u64>,
}

/// One positional parameter: its value (null when missing) and the template path it came
/// from, for messages.
struct Param {
    value: Value,
    /// The path named a variable that the data does not have.
    missing: bool,
    path: Option<String>,
    /// The absolute path in the context, when the value was read from the data.
    context_path: Option<Vec<String>>,
}

/// The parameters of one helper call, detached from Handlebars' lifetimes.
struct Args {
    usage: &'static str,
    params: Vec<Param>,
    hash: Map<String, Value>,
    locator: Option<std::sync::Arc<dyn Locate>>,
    /// See [`Place::row_number`].
    row_number: Option<u64>,
}

/// A helper: its value, or a message in both languages (the helper's name is added by
/// [`ViHelper`]).
type HelperFn = fn(&Args) -> Result<Value, Text>;

impl Args {
    fn from_helper(h: &Helper<'_>, usage: &'static str) -> Self {
        let params = h
            .params()
            .iter()
            .map(|p| Param {
                missing: p.is_value_missing(),
                value: if p.is_value_missing() {
                    Value::Null
                } else {
                    p.value().clone()
                },
                path: p.relative_path().cloned(),
                context_path: p.context_path().cloned(),
            })
            .collect();
        let hash = h
            .hash()
            .iter()
            .map(|(k, v)| (k.to_string(), v.value().clone()))
            .collect();
        Args {
            usage,
            params,
            hash,
            locator: None,
            row_number: None,
        }
    }

    /// "file, sheet \"…\", cell F12" for a value, if the data says where it came from.
    fn place(&self, place: &Place<'_>) -> Option<Text> {
        self.locator.as_ref()?.locate(place)
    }

    /// Where parameter `p`'s value came from.
    fn param_place(&self, p: &Param) -> Option<Text> {
        let path = p.context_path.as_deref();
        let key = path
            .and_then(|c| c.last())
            .map(String::as_str)
            .or_else(|| p.path.as_deref().and_then(|r| r.rsplit('.').next()));
        self.place(&Place {
            path,
            row: None,
            key,
            value: &p.value,
            row_number: self.row_number,
        })
    }

    /// A message about parameter `p`'s value, with its cell first when the data knows it.
    fn about(&self, p: &Param, msg: Text) -> Text {
        match self.param_place(p) {
            Some(at) if !p.missing => tr!("{at}: {msg}", "{at}: {msg}"; at = at, msg = msg),
            _ => msg,
        }
    }

    /// A message about row `i` of the list in parameter `list`, at `key`: the cell when the
    /// data knows it (`file, sheet "…", cell F12 ("gia_tri"): …`), else the row's number in
    /// the list.
    fn row_error(&self, list: usize, i: usize, row: &Value, key: &str, e: Text) -> Text {
        match self.row_place(list, i, row, key) {
            Some(at) => tr!("{at} ({key:?}): {e}", "{at} ({key:?}): {e}"; at = at, e = e),
            None => row_error(i, key, e),
        }
    }

    /// Where row `i` of the list in parameter `list` got its value at `key`.
    fn row_place(&self, list: usize, i: usize, row: &Value, key: &str) -> Option<Text> {
        let value = field(row, key).unwrap_or(&Value::Null);
        let path: Option<Vec<String>> = self
            .params
            .get(list)
            .and_then(|p| p.context_path.clone())
            .map(|mut p| {
                p.push(i.to_string());
                p.extend(key.split('.').map(str::to_string));
                p
            });
        self.place(&Place {
            path: path.as_deref(),
            row: Some(row),
            key: Some(key),
            value,
            row_number: self.row_number,
        })
    }

    /// Where rows `rows` (indices into the list in parameter `list`) got their values at
    /// `key`, as one place: the sheet and its Excel rows ([`Locate::locate_rows`]).
    fn rows_place(&self, list: usize, rows: &[(usize, &Value)], key: &str) -> Option<Text> {
        let base = self.params.get(list).and_then(|p| p.context_path.clone());
        let paths: Vec<Option<Vec<String>>> = rows
            .iter()
            .map(|(i, _)| {
                base.clone().map(|mut p| {
                    p.push(i.to_string());
                    p.extend(key.split('.').map(str::to_string));
                    p
                })
            })
            .collect();
        let places: Vec<Place<'_>> = rows
            .iter()
            .zip(&paths)
            .map(|((_, row), path)| Place {
                path: path.as_deref(),
                row: Some(*row),
                key: Some(key),
                value: field(row, key).unwrap_or(&Value::Null),
                row_number: self.row_number,
            })
            .collect();
        self.locator.as_ref()?.locate_rows(&places)
    }

    fn param(&self, i: usize) -> Result<&Param, Text> {
        let (n, usage) = (i + 1, self.usage);
        self.params.get(i).ok_or_else(|| {
            tr!(
                "thiếu tham số thứ {n} (cách dùng: {usage})",
                "parameter {n} is missing (usage: {usage})"
            )
        })
    }

    /// True when parameter `i` is absent, null or an empty string.
    fn is_blank(&self, i: usize) -> bool {
        self.params.get(i).is_none_or(|p| blank(&p.value))
    }

    fn number(&self, i: usize) -> Result<Decimal, Text> {
        let p = self.param(i)?;
        to_decimal(&p.value).map_err(|e| self.about(p, with_path(e, p)))
    }

    /// A small non-negative integer from parameter `i`, or else hash `key`, or `None`.
    fn opt_u32(&self, i: usize, key: &str) -> Result<Option<u32>, Text> {
        let v = match self.params.get(i) {
            Some(p) if !blank(&p.value) => &p.value,
            _ => match self.hash.get(key) {
                Some(v) if !blank(v) => v,
                _ => return Ok(None),
            },
        };
        let d = to_decimal(v)?;
        small_u32(&d).map(Some)
    }

    fn u32(&self, i: usize) -> Result<u32, Text> {
        let d = self.number(i)?;
        small_u32(&d)
    }

    fn text(&self, i: usize) -> Result<String, Text> {
        let p = self.param(i)?;
        match &p.value {
            Value::Null => Err(self.about(p, with_path(empty(), p))),
            Value::String(s) => Ok(s.clone()),
            Value::Number(n) => Ok(n.to_string()),
            Value::Bool(b) => Ok(b.to_string()),
            v => Err(self.about(
                p,
                with_path(tr!("{v} không phải là chữ", "{v} is not text"), p),
            )),
        }
    }

    fn list(&self, i: usize) -> Result<&Vec<Value>, Text> {
        let p = self.param(i)?;
        match &p.value {
            Value::Array(a) => Ok(a),
            Value::Null => Err(with_path(
                tr!(
                    "danh sách trống hoặc không có",
                    "the list is empty or missing"
                ),
                p,
            )),
            v => {
                let v = short(v);
                Err(with_path(
                    tr!("{v} không phải là danh sách", "{v} is not a list"),
                    p,
                ))
            }
        }
    }

    /// A key no row of the list in parameter `list` has is a misspelt column, never a
    /// blank: `sum rows "kinh_pi"` must not print 0. The message names the key, the list and
    /// its sheet, and the row's keys nearest to it. An empty list says nothing either way.
    fn key_in_rows(&self, list: usize, key: &str) -> Result<(), Text> {
        let Some(p) = self.params.get(list) else {
            return Ok(());
        };
        let Value::Array(rows) = &p.value else {
            return Ok(());
        };
        if rows.is_empty() || rows.iter().any(|r| field(r, key).is_some()) {
            return Ok(());
        }
        let mut known: Vec<&str> = Vec::new();
        for r in rows {
            if let Some(o) = r.as_object() {
                for k in o.keys() {
                    if !k.starts_with('_') && !known.contains(&k.as_str()) {
                        known.push(k);
                    }
                }
            }
        }
        let near = nearest_keys(key, &known);
        let near = if near.is_empty() {
            tr!("các dòng không có cột nào", "its rows have no columns")
        } else {
            tr!("gần nhất: {near}", "nearest: {near}")
        };
        let list_name = p
            .path
            .as_deref()
            .map(|n| format!(" {n:?}"))
            .unwrap_or_default();
        let sheet = self
            .locator
            .as_ref()
            .and_then(|l| l.list_sheet(p.context_path.as_deref(), rows));
        Err(match sheet {
            Some(sheet) => tr!(
                "không dòng nào của danh sách{list_name} (sheet \"{sheet}\") có cột {key:?}; {near}",
                "no row of the list{list_name} (sheet \"{sheet}\") has the column {key:?}; {near}";
                near = near
            ),
            None => tr!(
                "không dòng nào của danh sách{list_name} có cột {key:?}; {near}",
                "no row of the list{list_name} has the column {key:?}; {near}";
                near = near
            ),
        })
    }

    fn hash_str(&self, key: &str) -> Option<&str> {
        self.hash.get(key).and_then(Value::as_str)
    }

    fn hash_bool(&self, key: &str) -> Result<bool, Text> {
        match self.hash.get(key) {
            None | Some(Value::Null) => Ok(false),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::String(s)) if s == "true" => Ok(true),
            Some(Value::String(s)) if s == "false" => Ok(false),
            Some(v) => Err(tr!(
                "tùy chọn {key}={v} phải là true hoặc false",
                "option {key}={v} must be true or false"
            )),
        }
    }

    /// `from="fraction"` (Excel percent cells, 0.125) or `from="percent"` (default, 12.5).
    fn percent_value(&self, x: Decimal) -> Result<Decimal, Text> {
        match self.hash_str("from") {
            None | Some("percent") => Ok(x),
            Some("fraction") => Ok(x.shift(2)),
            Some(other) => Err(tr!(
                "from={other:?} không hợp lệ (cần \"percent\" hoặc \"fraction\")",
                "from={other:?} is not valid (expected \"percent\" or \"fraction\")"
            )),
        }
    }
}

fn blank(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// "The value is empty", before [`with_path`] names the variable.
fn empty() -> Text {
    ViError::Empty.text()
}

/// Names the variable in a message: `the value of "so_tien" is empty`, `"abc" is not a
/// number (in "meta.ky_hieu")`; a variable the data does not have is said so instead.
/// ([`ViHelper`] tells the template error which field was missing, for its suggestion.)
fn with_path(msg: Text, p: &Param) -> Text {
    let Some(path) = &p.path else {
        return msg;
    };
    if p.missing {
        return missing_field(path);
    }
    if msg == empty() {
        tr!("trường {path:?} để trống", "the value of {path:?} is empty")
    } else {
        tr!("{msg} (trường {path:?})", "{msg} (in {path:?})"; msg = msg)
    }
}

/// Up to three of `known`, nearest to `wanted` first, quoted: `"kinh_phi", "ky_hieu"`.
fn nearest_keys(wanted: &str, known: &[&str]) -> String {
    let mut by: Vec<(usize, &str)> = known
        .iter()
        .map(|k| (strsim::levenshtein(wanted, k), *k))
        .collect();
    by.sort();
    by.iter()
        .take(3)
        .map(|(_, k)| format!("{k:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A variable the data does not have.
fn missing_field(path: &str) -> Text {
    tr!(
        "không có trường {path:?}",
        "the variable {path:?} does not exist"
    )
}

/// A value, shortened for messages.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

fn to_decimal(v: &Value) -> Result<Decimal, Text> {
    match v {
        Value::Null => Err(empty()),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Ok(Decimal::from_i128(i.into()))
            } else if let Some(u) = n.as_u64() {
                Ok(Decimal::from_i128(u.into()))
            } else {
                let f = n
                    .as_f64()
                    .ok_or_else(|| tr!("{n} không phải là số", "{n} is not a number"))?;
                Decimal::from_f64(f).map_err(|e| e.text())
            }
        }
        Value::String(s) if s.trim().is_empty() => Err(empty()),
        Value::String(s) => Decimal::parse(s).map_err(|e| e.text()),
        v => {
            let v = short(v);
            Err(tr!("{v} không phải là số", "{v} is not a number"))
        }
    }
}

fn small_u32(d: &Decimal) -> Result<u32, Text> {
    if d.is_negative() || !d.frac_digits().is_empty() {
        return Err(tr!(
            "{d} không phải là số nguyên từ 0 trở lên",
            "{d} is not a whole number of 0 or more"
        ));
    }
    d.int_digits()
        .parse()
        .map_err(|_| tr!("{d} quá lớn", "{d} is too large"))
}

fn whole_i128(d: &Decimal) -> Result<i128, Text> {
    if !d.frac_digits().is_empty() {
        return Err(tr!(
            "{d} không phải là số nguyên",
            "{d} is not a whole number"
        ));
    }
    let m: i128 = d
        .int_digits()
        .parse()
        .map_err(|_| tr!("{d} nằm ngoài phạm vi cho phép", "{d} is out of range"))?;
    Ok(if d.is_negative() { -m } else { m })
}

/// A JSON number for a computed value: whole numbers as integers (so `{{sum …}}` prints
/// "15", not "15.0"), others rounded to 9 decimals to hide binary noise (0.1 + 0.2).
fn number_value(x: f64) -> Value {
    let x = Decimal::from_f64(x)
        .map(|d| d.round(9).to_f64())
        .unwrap_or(x);
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn words_options(a: &Args) -> Result<WordsOptions, Text> {
    let mut o = WordsOptions::default();
    let bad = |k: &str, v: &str, (x, y): (&str, &str)| {
        tr!(
            "{k}={v:?} không hợp lệ (cần \"{x}\" hoặc \"{y}\")",
            "{k}={v:?} is not valid (expected \"{x}\" or \"{y}\")"
        )
    };
    if let Some(v) = a.hash_str("linh") {
        o.linh = match v {
            "linh" => Linh::Linh,
            "lẻ" | "le" => Linh::Le,
            _ => return Err(bad("linh", v, ("linh", "lẻ"))),
        };
    }
    if let Some(v) = a.hash_str("thousand") {
        o.thousand = match v {
            "nghìn" | "nghin" => Thousand::Nghin,
            "ngàn" | "ngan" => Thousand::Ngan,
            _ => return Err(bad("thousand", v, ("nghìn", "ngàn"))),
        };
    }
    if let Some(v) = a.hash_str("four") {
        o.four = match v {
            "tư" | "tu" => Four::Tu,
            "bốn" | "bon" => Four::Bon,
            _ => return Err(bad("four", v, ("tư", "bốn"))),
        };
    }
    if let Some(v) = a.hash_str("billion") {
        o.billion = match v {
            "tỷ" | "ty" => Billion::Ty,
            "tỉ" | "ti" => Billion::Ti,
            _ => return Err(bad("billion", v, ("tỷ", "tỉ"))),
        };
    }
    Ok(o)
}

fn h_num(a: &Args) -> Result<Value, Text> {
    let x = a.number(0)?;
    Ok(json!(x.format(a.opt_u32(1, "decimals")?)))
}

fn h_pct(a: &Args) -> Result<Value, Text> {
    let x = a.percent_value(a.number(0)?)?;
    Ok(json!(format!("{}%", x.format(a.opt_u32(1, "decimals")?))))
}

fn h_words(a: &Args) -> Result<Value, Text> {
    let x = a.number(0)?;
    words_decimal(&x, &words_options(a)?)
        .map(Value::from)
        .map_err(|e| e.text())
}

fn h_money_words(a: &Args) -> Result<Value, Text> {
    let n = whole_i128(&a.number(0)?)?;
    let o = MoneyOptions {
        words: words_options(a)?,
        chan: a.hash_bool("chan")?,
    };
    money_words(n, &o).map(Value::from).map_err(|e| e.text())
}

fn date_param(a: &Args, i: usize) -> Result<chrono::NaiveDate, Text> {
    let p = a.param(i)?;
    match &p.value {
        Value::String(s) if !s.trim().is_empty() => parse_date(s).map_err(|e| a.about(p, e.text())),
        v if blank(v) => Err(a.about(p, with_path(empty(), p))),
        v => {
            let v = short(v);
            Err(a.about(
                p,
                tr!(
                    "{v} không phải là ngày tháng (cần dạng YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS hoặc dd/mm/yyyy)",
                    "{v} is not a date (expected YYYY-MM-DD, YYYY-MM-DDTHH:MM:SS or dd/mm/yyyy)"
                ),
            ))
        }
    }
}

fn h_date(a: &Args) -> Result<Value, Text> {
    Ok(json!(format_date(date_param(a, 0)?)))
}

fn h_place_date(a: &Args) -> Result<Value, Text> {
    let place = a.text(0)?;
    let date = if a.is_blank(1) {
        None
    } else {
        Some(date_param(a, 1)?)
    };
    let year = match a.opt_u32(2, "year")? {
        Some(y) => {
            Some(i32::try_from(y).map_err(|_| tr!("năm {y} quá lớn", "year {y} is too large"))?)
        }
        None => None,
    };
    Ok(json!(place_date(&place, date, year)))
}

fn h_period(a: &Args) -> Result<Value, Text> {
    let kind: PeriodKind = a.text(0)?.parse().map_err(|e: ViError| e.text())?;
    let n = if a.is_blank(1) { 0 } else { a.u32(1)? };
    let year = i32::try_from(a.u32(2)?).map_err(|_| tr!("năm quá lớn", "the year is too large"))?;
    let o = PeriodOptions {
        dau_nam: match a.hash.get("dau_nam") {
            None => true,
            Some(_) => a.hash_bool("dau_nam")?,
        },
    };
    period_with(kind, n, year, o)
        .map(Value::from)
        .map_err(|e| e.text())
}

fn h_time(a: &Args) -> Result<Value, Text> {
    let p = a.param(0)?;
    let (h, m) = match &p.value {
        Value::String(s) if !s.trim().is_empty() => {
            parse_time(s).map_err(|e| a.about(p, e.text()))?
        }
        Value::Number(_) => {
            // An Excel time cell: a fraction of a day.
            let f = to_decimal(&p.value)?.to_f64();
            if !(0.0..1.0).contains(&f) {
                return Err(tr!(
                    "{f} không phải là giờ (cần một phần của ngày, nhỏ hơn 1)",
                    "{f} is not a time (a fraction of a day below 1)"
                ));
            }
            let minutes = (f * 1440.0).round() as u32 % 1440;
            (minutes / 60, minutes % 60)
        }
        v if blank(v) => return Err(a.about(p, with_path(empty(), p))),
        v => {
            let v = short(v);
            return Err(a.about(p, tr!("{v} không phải là giờ", "{v} is not a time")));
        }
    };
    format_time(h, m).map(Value::from).map_err(|e| e.text())
}

fn h_change(a: &Args) -> Result<Value, Text> {
    let x = a.percent_value(a.number(0)?)?;
    let o = ChangeOptions {
        estimate: a.hash_bool("estimate")?,
    };
    Ok(json!(change_decimal(&x, a.opt_u32(1, "decimals")?, o)))
}

fn h_roman(a: &Args) -> Result<Value, Text> {
    roman(a.u32(0)?).map(Value::from).map_err(|e| e.text())
}

fn h_point_label(a: &Args) -> Result<Value, Text> {
    point_label(a.u32(0)?)
        .map(Value::from)
        .map_err(|e| e.text())
}

fn h_upper(a: &Args) -> Result<Value, Text> {
    Ok(json!(upper(&a.text(0)?)))
}

fn h_lower(a: &Args) -> Result<Value, Text> {
    Ok(json!(lower(&a.text(0)?)))
}

fn h_lower_first(a: &Args) -> Result<Value, Text> {
    Ok(json!(crate::vi::text::lower_first(&a.text(0)?)))
}

fn h_upper_first(a: &Args) -> Result<Value, Text> {
    Ok(json!(crate::vi::text::upper_first(&a.text(0)?)))
}

fn h_slug(a: &Args) -> Result<Value, Text> {
    Ok(json!(slug(&a.text(0)?)))
}

/// The value at `key` in a row; a dotted key walks into nested objects. `None` when the row
/// has no such key.
fn field<'v>(row: &'v Value, key: &str) -> Option<&'v Value> {
    key.split('.').try_fold(row, |v, k| v.get(k))
}

fn field_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The rows' values at parameter 1's key (or the items themselves without a key), as text
/// for sorting; a row without the key is an error that names the row.
fn keyed<'v>(a: &Args, list: &'v [Value]) -> Result<Vec<(&'v Value, String)>, Text> {
    let key = if a.params.len() > 1 {
        let k = a.text(1)?;
        a.key_in_rows(0, &k)?;
        Some(k)
    } else {
        None
    };
    list.iter()
        .enumerate()
        .map(|(i, row)| match &key {
            None => Ok((row, field_text(row))),
            Some(k) => field(row, k).map(|v| (row, field_text(v))).ok_or_else(|| {
                let n = i + 1;
                tr!("dòng {n} không có trường {k:?}", "row {n} has no {k:?}")
            }),
        })
        .collect()
}

fn h_sort_vi(a: &Args) -> Result<Value, Text> {
    let list = a.list(0)?;
    let mut rows = keyed(a, list)?;
    let names = a.hash_bool("names")?;
    let desc = a.hash_bool("desc")?;
    rows.sort_by(|x, y| {
        let o = if names {
            compare_names_vi(&x.1, &y.1)
        } else {
            compare_vi(&x.1, &y.1)
        };
        if desc { o.reverse() } else { o }
    });
    Ok(Value::Array(
        rows.into_iter().map(|(r, _)| r.clone()).collect(),
    ))
}

/// The numeric values of a column: blanks (null, "", missing key) are skipped, text is an
/// error naming the row.
/// A row's value at `key` that is not a number: `row 2 "dt": "nhiều" is not a number`.
fn row_error(i: usize, key: &str, e: Text) -> Text {
    let n = i + 1;
    tr!("dòng {n}, trường {key:?}: {e}", "row {n} {key:?}: {e}"; e = e)
}

fn column(a: &Args) -> Result<Vec<f64>, Text> {
    let list = a.list(0)?;
    let key = a.text(1)?;
    a.key_in_rows(0, &key)?;
    let mut out = Vec::with_capacity(list.len());
    for (i, row) in list.iter().enumerate() {
        let v = field(row, &key).unwrap_or(&Value::Null);
        if blank(v) {
            continue;
        }
        let d = to_decimal(v).map_err(|e| a.row_error(0, i, row, &key, e))?;
        out.push(d.to_f64());
    }
    Ok(out)
}

fn h_sum(a: &Args) -> Result<Value, Text> {
    Ok(number_value(column(a)?.iter().sum()))
}

/// `count list`: the rows; `count list key`: the rows with a value (not blank) at `key`.
fn h_count(a: &Args) -> Result<Value, Text> {
    let list = a.list(0)?;
    if a.params.len() < 2 {
        return Ok(json!(list.len()));
    }
    let key = a.text(1)?;
    a.key_in_rows(0, &key)?;
    Ok(json!(
        list.iter()
            .filter(|r| field(r, &key).is_some_and(|v| !blank(v)))
            .count()
    ))
}

/// The value at which two rows count as the same for `count_distinct` and `group_by`:
/// text trimmed and compared as `where` compares it ([`match_key`]: "Hoà Bình" is "Hòa
/// Bình", combining accents are the composed letters), numbers by value (`5` and `5.0` are
/// one). `None` for a blank cell.
fn distinct_value(v: &Value) -> Option<String> {
    if blank(v) {
        return None;
    }
    Some(match v {
        Value::String(s) => match_key(s.trim()),
        Value::Number(n) => match to_decimal(v) {
            Ok(d) => format!("{:?}", d.to_f64()),
            Err(_) => n.to_string(),
        },
        other => other.to_string(),
    })
}

/// `count_distinct list key`: how many different values the rows have at `key` (blank
/// cells are not a value).
fn h_count_distinct(a: &Args) -> Result<Value, Text> {
    let list = a.list(0)?;
    let key = a.text(1)?;
    a.key_in_rows(0, &key)?;
    let mut seen: Vec<String> = Vec::new();
    for row in list {
        if let Some(v) = field(row, &key).and_then(distinct_value)
            && !seen.contains(&v)
        {
            seen.push(v);
        }
    }
    Ok(json!(seen.len()))
}

/// `group_by list key`: the rows grouped by their value at `key`, one item per value in
/// order of first appearance: `{key: the value as in the first row, rows: [...], so_dong: n}`
/// (not `count`: `{{count}}` would call the helper of that name).
/// Rows with a blank cell at `key` form one group whose `key` is "" (where the first of
/// them is), so that no row is silently left out of a table; `sort_vi` on `"key"` puts the
/// groups in Vietnamese order.
fn h_group_by(a: &Args) -> Result<Value, Text> {
    let list = a.list(0)?;
    let key = a.text(1)?;
    a.key_in_rows(0, &key)?;
    // (what the rows share, the key as printed, the rows)
    let mut groups: Vec<(Option<String>, Value, Vec<Value>)> = Vec::new();
    for row in list {
        let v = field(row, &key).cloned().unwrap_or(Value::Null);
        let same = distinct_value(&v);
        match groups.iter_mut().find(|(s, _, _)| *s == same) {
            Some((_, _, rows)) => rows.push(row.clone()),
            None => {
                let shown = if same.is_none() { json!("") } else { v };
                groups.push((same, shown, vec![row.clone()]));
            }
        }
    }
    Ok(Value::Array(
        groups
            .into_iter()
            .map(|(_, key, rows)| json!({"key": key, "so_dong": rows.len(), "rows": rows}))
            .collect(),
    ))
}

fn h_avg(a: &Args) -> Result<Value, Text> {
    let xs = column(a)?;
    if xs.is_empty() {
        return Err(tr!(
            "không có giá trị nào để tính trung bình",
            "no values to average"
        ));
    }
    Ok(number_value(xs.iter().sum::<f64>() / xs.len() as f64))
}

fn extreme(a: &Args, want: Ordering) -> Result<Value, Text> {
    let xs = column(a)?;
    xs.into_iter()
        .reduce(|m, x| if x.total_cmp(&m) == want { x } else { m })
        .map(number_value)
        .ok_or_else(|| tr!("không có giá trị nào", "no values"))
}

fn h_max(a: &Args) -> Result<Value, Text> {
    extreme(a, Ordering::Greater)
}

fn h_min(a: &Args) -> Result<Value, Text> {
    extreme(a, Ordering::Less)
}

/// Equality for `where`/`find`: numbers numerically (5 = "5" = 5.0), text after NFC and
/// canonical tone placement ("Hoà Bình" = "Hòa Bình").
fn same(cell: &Value, want: &Value) -> bool {
    let numeric = matches!(cell, Value::Number(_)) || matches!(want, Value::Number(_));
    if let (true, Ok(x), Ok(y)) = (numeric, to_decimal(cell), to_decimal(want)) {
        return x == y;
    }
    match_key(&field_text(cell)) == match_key(&field_text(want))
}

fn matching(a: &Args) -> Result<impl Iterator<Item = &Value>, Text> {
    let list = a.list(0)?;
    let key = a.text(1)?;
    a.key_in_rows(0, &key)?;
    let want = &a.param(2)?.value;
    Ok(list
        .iter()
        .filter(move |row| field(row, &key).is_some_and(|v| same(v, want))))
}

fn h_where(a: &Args) -> Result<Value, Text> {
    Ok(Value::Array(matching(a)?.cloned().collect()))
}

fn h_find(a: &Args) -> Result<Value, Text> {
    Ok(matching(a)?.next().cloned().unwrap_or(Value::Null))
}

/// `filter list key op value`: the rows whose number at `key` compares to `value` by `op`
/// (`>`, `>=`, `<`, `<=`, `=`, `!=`). Rows with a blank at `key` are left out; text there
/// is an error naming the row. For equality of text use `where`.
fn h_filter(a: &Args) -> Result<Value, Text> {
    let list = a.list(0)?;
    let key = a.text(1)?;
    a.key_in_rows(0, &key)?;
    let op = a.text(2)?;
    let want = a.number(3)?.to_f64();
    let test: fn(f64, f64) -> bool = match op.as_str() {
        ">" => |x, y| x > y,
        ">=" => |x, y| x >= y,
        "<" => |x, y| x < y,
        "<=" => |x, y| x <= y,
        "=" | "==" => |x, y| x == y,
        "!=" => |x, y| x != y,
        other => {
            return Err(tr!(
                "{other:?} không phải là phép so sánh; dùng một trong: > >= < <= = !=",
                "{other:?} is not a comparison; use one of > >= < <= = !="
            ));
        }
    };
    let mut out = Vec::new();
    for (i, row) in list.iter().enumerate() {
        let v = field(row, &key).unwrap_or(&Value::Null);
        if blank(v) {
            continue;
        }
        let x = to_decimal(v)
            .map_err(|e| a.row_error(0, i, row, &key, e))?
            .to_f64();
        if test(x, want) {
            out.push(row.clone());
        }
    }
    Ok(Value::Array(out))
}

/// The row with the largest (`top`) or smallest (`bottom`) number at `key`, for
/// `{{#with (top rows "tang_truong")}}{{ten}}{{/with}}`; the first such row on ties.
fn extreme_row(a: &Args, want: Ordering) -> Result<Value, Text> {
    let list = a.list(0)?;
    let key = a.text(1)?;
    a.key_in_rows(0, &key)?;
    let mut best: Option<(f64, &Value)> = None;
    for (i, row) in list.iter().enumerate() {
        let v = field(row, &key).unwrap_or(&Value::Null);
        if blank(v) {
            continue;
        }
        let x = to_decimal(v)
            .map_err(|e| a.row_error(0, i, row, &key, e))?
            .to_f64();
        if best.is_none_or(|(b, _)| x.total_cmp(&b) == want) {
            best = Some((x, row));
        }
    }
    best.map(|(_, row)| row.clone()).ok_or_else(|| {
        tr!(
            "không dòng nào có số ở trường {key:?}",
            "no row has a number at {key:?}"
        )
    })
}

fn h_top(a: &Args) -> Result<Value, Text> {
    extreme_row(a, Ordering::Greater)
}

fn h_bottom(a: &Args) -> Result<Value, Text> {
    extreme_row(a, Ordering::Less)
}

/// `add a b`, `sub a b`: sums and differences for prose such as a trade balance
/// (`{{num (sub xuat_khau nhap_khau) 1}}`), computed on exact decimals.
fn h_add(a: &Args) -> Result<Value, Text> {
    Ok(number_value(a.number(0)?.to_f64() + a.number(1)?.to_f64()))
}

fn h_sub(a: &Args) -> Result<Value, Text> {
    Ok(number_value(a.number(0)?.to_f64() - a.number(1)?.to_f64()))
}

/// `mul a b`, `div a b`: products and quotients (a share of a plan:
/// `{{pct (mul (div thuc_hien theo_de_an) 100) 1}}`); division by zero is an error.
fn h_mul(a: &Args) -> Result<Value, Text> {
    Ok(number_value(a.number(0)?.to_f64() * a.number(1)?.to_f64()))
}

fn h_div(a: &Args) -> Result<Value, Text> {
    let n = a.number(0)?.to_f64();
    let d = a.number(1)?.to_f64();
    if d == 0.0 {
        return Err(tr!(
            "không chia được cho 0 (giá trị thứ hai bằng 0)",
            "division by zero (the second value is 0)"
        ));
    }
    Ok(number_value(n / d))
}

/// `abs x`: the size of a change without its sign ("nhập siêu 2.200 triệu USD").
fn h_abs(a: &Args) -> Result<Value, Text> {
    Ok(number_value(a.number(0)?.to_f64().abs()))
}

/// An old or new province's name as the toolkit knows it, or a message naming the value
/// and the nearest known name.
fn province(name: &str) -> Result<&'static str, Text> {
    crate::vi::province::old_unit(name).ok_or_else(|| {
        let hint = match crate::vi::province::nearest(name) {
            Some(k) => tr!(" — có phải là \"{k}\"?", " — did you mean \"{k}\"?"),
            None => Text::same(""),
        };
        tr!(
            "{name:?} không phải là tên một tỉnh, thành phố trong 63 đơn vị trước ngày 01/7/2025 hoặc 34 đơn vị sau đó (NQ 202/2025/QH15){hint}",
            "{name:?} is not the name of a province or city, among the 63 before 01/7/2025 or the 34 after (NQ 202/2025/QH15){hint}";
            hint = hint
        )
    })
}

/// `tinh_moi name`: the provincial unit `name` belongs to from 01/7/2025
/// (`{{tinh_moi "Bắc Giang"}}` → "Bắc Ninh"); a unit not merged gives its own name.
fn h_tinh_moi(a: &Args) -> Result<Value, Text> {
    let p = a.param(0)?;
    let name = a.text(0)?;
    if name.trim().is_empty() {
        return Err(a.about(p, with_path(empty(), p)));
    }
    let old = province(&name).map_err(|e| a.about(p, e))?;
    let new = crate::vi::province::unit_after_merger(old).unwrap_or(old);
    Ok(json!(new))
}

/// One new unit in `gop_tinh`'s result, while rows are read.
struct Group {
    unit: &'static str,
    olds: Vec<&'static str>,
    sums: Vec<f64>,
}

/// `gop_tinh list key [sum="col1,col2"]`: the rows of old provinces regrouped into the units
/// after the 2025 merger, one row per new unit present, in order of first appearance:
/// `{key: new unit, col1: total, …, "tinh_cu": "Bắc Ninh, Bắc Giang", "so_tinh_cu": 2}`.
///
/// Only the `sum=` columns are kept, added up as `sum` adds them: a percentage, an index or
/// a growth rate of the old provinces cannot be added up, and an average of them would be
/// wrong without each one's weight, so such a column must be recomputed from the totals in
/// the template. A blank or text cell in a sum column is an error naming the row, since a
/// total that silently skips a province is wrong. Two rows of one old province are an
/// error too: that province would be counted twice.
fn h_gop_tinh(a: &Args) -> Result<Value, Text> {
    let list = a.list(0)?;
    let key = a.text(1)?;
    let cols: Vec<String> = match a.hash.get("sum") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => s
            .split(',')
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty())
            .collect(),
        Some(v) => {
            let v = short(v);
            return Err(tr!(
                "sum={v} phải là tên các cột cách nhau bằng dấu phẩy, ví dụ sum=\"gia_tri,so_du_an\"",
                "sum={v} must be column names separated by commas, e.g. sum=\"gia_tri,so_du_an\""
            ));
        }
    };
    a.key_in_rows(0, &key)?;
    for c in &cols {
        a.key_in_rows(0, c)?;
    }
    let mut groups: Vec<Group> = Vec::new();
    // Old unit → the row (1-based) it was first seen on.
    let mut seen: Vec<(&'static str, usize, &Value)> = Vec::new();
    for (i, row) in list.iter().enumerate() {
        let n = i + 1;
        // A row of a sheet has every column: a row without the key is one of a list the
        // template made, known only by its position.
        let name = match field(row, &key) {
            None => {
                return Err(tr!(
                    "dòng {n} không có trường {key:?}",
                    "row {n} has no {key:?}"
                ));
            }
            Some(v) if blank(v) => return Err(a.row_error(0, i, row, &key, empty())),
            Some(v) => field_text(v),
        };
        let old = province(&name).map_err(|e| a.row_error(0, i, row, &key, e))?;
        if let Some((_, first, first_row)) = seen.iter().find(|(o, _, _)| *o == old) {
            // Named as Excel shows them: sheet "Tỉnh", rows 7 and 14.
            if let Some(at) = a.rows_place(0, &[(first - 1, *first_row), (i, row)], &key) {
                return Err(tr!(
                    "{at} cùng là {old:?}: số liệu của tỉnh này sẽ bị cộng hai lần; bỏ bớt một dòng",
                    "{at} are both {old:?}: its figures would be counted twice; remove one of them";
                    at = at
                ));
            }
            let places = (
                a.row_place(0, first - 1, first_row, &key),
                a.row_place(0, i, row, &key),
            );
            return Err(match places {
                (Some(before), Some(here)) => tr!(
                    "{before} và {here} cùng là {old:?}: số liệu của tỉnh này sẽ bị cộng hai lần; bỏ bớt một dòng",
                    "{before} and {here} are both {old:?}: its figures would be counted twice; remove one of them";
                    before = before,
                    here = here
                ),
                _ => tr!(
                    "dòng {first} và dòng {n} cùng là {old:?}: số liệu của tỉnh này sẽ bị cộng hai lần; bỏ bớt một dòng",
                    "rows {first} and {n} are both {old:?}: its figures would be counted twice; remove one of them"
                ),
            });
        }
        seen.push((old, n, row));
        let mut values = Vec::with_capacity(cols.len());
        for c in &cols {
            let v = field(row, c)
                .ok_or_else(|| tr!("dòng {n} không có trường {c:?}", "row {n} has no {c:?}"))?;
            let d = to_decimal(v).map_err(|e| a.row_error(0, i, row, c, e))?;
            values.push(d.to_f64());
        }
        let unit = crate::vi::province::unit_after_merger(old).unwrap_or(old);
        let g = match groups.iter_mut().position(|g| g.unit == unit) {
            Some(p) => &mut groups[p],
            None => {
                groups.push(Group {
                    unit,
                    olds: Vec::new(),
                    sums: vec![0.0; cols.len()],
                });
                let last = groups.len() - 1;
                &mut groups[last]
            }
        };
        g.olds.push(old);
        for (s, v) in g.sums.iter_mut().zip(values) {
            *s += v;
        }
    }
    Ok(Value::Array(
        groups
            .into_iter()
            .map(|g| {
                let mut row = Map::new();
                row.insert(key.clone(), json!(g.unit));
                for (c, s) in cols.iter().zip(g.sums) {
                    row.insert(c.clone(), number_value(s));
                }
                row.insert("tinh_cu".into(), json!(g.olds.join(", ")));
                row.insert("so_tinh_cu".into(), json!(g.olds.len()));
                Value::Object(row)
            })
            .collect(),
    ))
}

/// `groups list`: the rows of a table with group heading rows ("I. Miền Bắc"), one item per
/// group in order of first appearance: `{nhom: "I. Miền Bắc", ma: "I", ten: "Miền Bắc",
/// tong: {…the group's subtotal row…} or null, rows: [...]}`. Works on a filtered or sorted
/// list too, since each row carries its group (`_nhom`, see the workbook reader).
fn h_groups(a: &Args) -> Result<Value, Text> {
    let list = a.list(0)?;
    let key = crate::workbook::GROUP_KEY;
    let mut out: Vec<(Value, Vec<Value>)> = Vec::new();
    for (i, row) in list.iter().enumerate() {
        let Some(group) = row.get(key).filter(|g| g.is_object()) else {
            let n = i + 1;
            let why = tr!(
                "bảng không có dòng tiêu đề nhóm (như \"I. Miền Bắc\", \"A. Tỉnh đồng bằng\") phía trên dòng này",
                "the table has no group heading row (such as \"I. Miền Bắc\", \"A. Tỉnh đồng bằng\") above this row"
            );
            // Any cell of the row names it; the STT cell reads best.
            let first_key = row
                .as_object()
                .and_then(|o| o.keys().find(|k| *k == "stt").or_else(|| o.keys().next()))
                .cloned()
                .unwrap_or_default();
            return Err(match a.row_place(0, i, row, &first_key) {
                Some(at) => tr!(
                    "{at}: dòng này không thuộc nhóm nào: {why}",
                    "{at}: this row belongs to no group: {why}";
                    at = at,
                    why = why
                ),
                None => tr!(
                    "dòng {n} không thuộc nhóm nào: {why}",
                    "row {n} belongs to no group: {why}";
                    why = why
                ),
            });
        };
        match out
            .iter_mut()
            .find(|(g, _)| g.get("nhom") == group.get("nhom"))
        {
            Some((_, rows)) => rows.push(row.clone()),
            None => out.push((group.clone(), vec![row.clone()])),
        }
    }
    Ok(Value::Array(
        out.into_iter()
            .map(|(mut g, rows)| {
                if let Value::Object(m) = &mut g {
                    m.insert("rows".into(), Value::Array(rows));
                }
                g
            })
            .collect(),
    ))
}

/// `lookup obj key`: Handlebars' own lookup, except that a key the object does not have
/// (or an index past a list's end) is an error naming it and the nearest keys, never a
/// silent blank.
fn h_lookup(a: &Args) -> Result<Value, Text> {
    let p = a.param(0)?;
    let key = a.text(1)?;
    match &p.value {
        Value::Object(o) => o.get(&key).cloned().ok_or_else(|| {
            let known: Vec<&str> = o.keys().map(String::as_str).collect();
            let near = nearest_keys(&key, &known);
            with_path(
                tr!(
                    "không có khóa {key:?}; gần nhất: {near}",
                    "there is no key {key:?}; nearest: {near}"
                ),
                p,
            )
        }),
        Value::Array(rows) => key
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|i| rows.get(i).cloned())
            .ok_or_else(|| {
                let n = rows.len();
                with_path(
                    tr!(
                        "danh sách có {n} phần tử (chỉ số từ 0), không có phần tử {key:?}",
                        "the list has {n} items (counted from 0), none at {key:?}"
                    ),
                    p,
                )
            }),
        Value::Null => Err(with_path(empty(), p)),
        v => {
            let v = short(v);
            Err(with_path(
                tr!(
                    "{v} không phải là bảng hay danh sách",
                    "{v} is not a table or a list"
                ),
                p,
            ))
        }
    }
}

/// A toolkit function as a Handlebars helper.
struct ViHelper {
    name: &'static str,
    usage: &'static str,
    f: HelperFn,
    locator: Option<std::sync::Arc<dyn Locate>>,
}

impl HelperDef for ViHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let mut args = Args::from_helper(h, self.usage);
        if self.locator.is_some() {
            args.locator = self.locator.clone();
            args.row_number = ctx
                .data()
                .get(crate::batch::ROW_NUMBER_KEY)
                .and_then(Value::as_u64);
        }
        (self.f)(&args).map(ScopedJson::Derived).map_err(|m| {
            // A failure on a parameter the data does not have names that field, for the
            // template error's "did you mean".
            let missing = args
                .params
                .iter()
                .filter(|p| p.missing)
                .filter_map(|p| p.path.clone())
                .find(|path| m == missing_field(path));
            crate::i18n::helper_failure(self.name, m, missing)
        })
    }
}

/// One helper of the table: its name, its usage line (in messages), its signature (read
/// by `check`, [`crate::template::helpers::signature`]) and its function.
pub struct HelperSpec {
    pub name: &'static str,
    pub usage: &'static str,
    pub signature: Signature,
    f: HelperFn,
}

const ANY: Signature = Signature::new(Takes::Any, Gives::Value);
const NUMBER: Signature = Signature::new(Takes::Number, Gives::Value);
const DATE: Signature = Signature::new(Takes::Date, Gives::Value);
const COUNT: Signature = Signature::new(Takes::List(ListKey::None), Gives::Value);
const SUM: Signature = Signature::new(Takes::List(ListKey::Numbers), Gives::Value);
const ROW_BY_NUMBER: Signature = Signature::new(Takes::List(ListKey::Numbers), Gives::Row);
const ROW_BY_COLUMN: Signature = Signature::new(Takes::List(ListKey::Column), Gives::Row);
const LIST_BY_COLUMN: Signature = Signature::new(Takes::List(ListKey::Column), Gives::List);
const NEW_LIST_BY_COLUMN: Signature = Signature::new(Takes::List(ListKey::Column), Gives::Value);
/// A number made from a column's values (not a row, not a column's sum).
const NUMBER_BY_COLUMN: Signature = Signature::new(Takes::List(ListKey::Column), Gives::Value);

/// Every helper of the toolkit.
#[rustfmt::skip]
pub const HELPERS: &[HelperSpec] = &[
    HelperSpec { name: "num", usage: "num x [decimals]", signature: NUMBER, f: h_num },
    HelperSpec { name: "pct", usage: "pct x [decimals] [from=\"fraction\"]", signature: NUMBER, f: h_pct },
    HelperSpec { name: "words", usage: "words x [linh=… thousand=… four=… billion=…]", signature: NUMBER, f: h_words },
    HelperSpec { name: "money_words", usage: "money_words x [chan=true]", signature: NUMBER, f: h_money_words },
    HelperSpec { name: "date", usage: "date d", signature: DATE, f: h_date },
    HelperSpec { name: "place_date", usage: "place_date place d [year]", signature: ANY, f: h_place_date },
    HelperSpec { name: "period", usage: "period kind n year", signature: ANY, f: h_period },
    HelperSpec { name: "time", usage: "time t", signature: ANY, f: h_time },
    HelperSpec { name: "change", usage: "change x [decimals] [estimate=true]", signature: NUMBER, f: h_change },
    HelperSpec { name: "roman", usage: "roman n", signature: NUMBER, f: h_roman },
    HelperSpec { name: "point_label", usage: "point_label i", signature: NUMBER, f: h_point_label },
    HelperSpec { name: "upper", usage: "upper s", signature: ANY, f: h_upper },
    HelperSpec { name: "lower", usage: "lower s", signature: ANY, f: h_lower },
    HelperSpec { name: "slug", usage: "slug s", signature: ANY, f: h_slug },
    HelperSpec { name: "sort_vi", usage: "sort_vi list [key]", signature: LIST_BY_COLUMN, f: h_sort_vi },
    HelperSpec { name: "sum", usage: "sum list key", signature: SUM, f: h_sum },
    HelperSpec { name: "count", usage: "count list [key]", signature: COUNT, f: h_count },
    HelperSpec { name: "avg", usage: "avg list key", signature: SUM, f: h_avg },
    HelperSpec { name: "max", usage: "max list key", signature: SUM, f: h_max },
    HelperSpec { name: "min", usage: "min list key", signature: SUM, f: h_min },
    HelperSpec { name: "where", usage: "where list key value", signature: LIST_BY_COLUMN, f: h_where },
    HelperSpec { name: "find", usage: "find list key value", signature: ROW_BY_COLUMN, f: h_find },
    HelperSpec { name: "filter", usage: "filter list key op value", signature: LIST_BY_COLUMN, f: h_filter },
    HelperSpec { name: "top", usage: "top list key", signature: ROW_BY_NUMBER, f: h_top },
    HelperSpec { name: "bottom", usage: "bottom list key", signature: ROW_BY_NUMBER, f: h_bottom },
    HelperSpec { name: "add", usage: "add a b", signature: ANY, f: h_add },
    HelperSpec { name: "sub", usage: "sub a b", signature: ANY, f: h_sub },
    HelperSpec { name: "abs", usage: "abs x", signature: ANY, f: h_abs },
    HelperSpec { name: "mul", usage: "mul a b", signature: ANY, f: h_mul },
    HelperSpec { name: "div", usage: "div a b", signature: ANY, f: h_div },
    HelperSpec { name: "lower_first", usage: "lower_first s", signature: ANY, f: h_lower_first },
    HelperSpec { name: "upper_first", usage: "upper_first s", signature: ANY, f: h_upper_first },
    HelperSpec { name: "tinh_moi", usage: "tinh_moi name", signature: ANY, f: h_tinh_moi },
    HelperSpec { name: "gop_tinh", usage: "gop_tinh list key [sum=\"col1,col2\"]", signature: NEW_LIST_BY_COLUMN, f: h_gop_tinh },
    HelperSpec { name: "groups", usage: "groups list", signature: COUNT, f: h_groups },
    HelperSpec { name: "count_distinct", usage: "count_distinct list key", signature: NUMBER_BY_COLUMN, f: h_count_distinct },
    HelperSpec { name: "group_by", usage: "group_by list key", signature: NEW_LIST_BY_COLUMN, f: h_group_by },
    HelperSpec { name: "lookup", usage: "lookup obj key", signature: ANY, f: h_lookup },
];

/// Names of all helpers this module registers. Data keys with these names are shadowed
/// in templates (write `this.date` or `./date` to reach such a column).
pub fn helper_names() -> impl Iterator<Item = &'static str> {
    HELPERS.iter().map(|h| h.name)
}

/// Registers every helper on `hb`. The registry's escape function and strict mode are left
/// as the caller set them (use [`crate::template::helpers::registry`]).
pub fn register(hb: &mut Handlebars<'_>) {
    register_located(hb, None);
}

/// [`register`], with the places of the data's values, so that a helper's message names
/// the file, sheet and cell of the value it could not use.
pub fn register_located(hb: &mut Handlebars<'_>, locator: Option<std::sync::Arc<dyn Locate>>) {
    for h in HELPERS {
        hb.register_helper(
            h.name,
            Box::new(ViHelper {
                name: h.name,
                usage: h.usage,
                f: h.f,
                locator: locator.clone(),
            }),
        );
    }
}

/// Renders a one-off template against `data` with every helper, strict mode and no
/// escaping (for `vanban eval` and tests).
pub fn eval(template: &str, data: &Value) -> Result<String, RenderError> {
    eval_located(template, data, None)
}

/// [`eval`], with the places of the data's values for helper messages.
pub fn eval_located(
    template: &str,
    data: &Value,
    locator: Option<std::sync::Arc<dyn Locate>>,
) -> Result<String, RenderError> {
    crate::template::helpers::registry(Escape::None, Mode::Strict, locator)
        .render_template(template, data)
}

#[cfg(test)]
mod tests;
