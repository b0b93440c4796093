//! The outgoing-document register over HTTP, for other systems (an e-office system asks
//! for a number when a document is signed): `POST /api/register/take` issues the next
//! number by the rules `vanban register take` follows, `GET /api/register?year=Y` lists
//! what `vanban register list --format json` lists. Both go through `crate::register`; the
//! HTTP around it is all that lives here.
//!
//! Each request opens the register file anew on a blocking thread: SQLite's own locking
//! (the write lock `BEGIN IMMEDIATE` takes) keeps numbers distinct and consecutive between
//! the service's requests and any `vanban` command using the same file at the same time.

use std::path::PathBuf;

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::api::{LangQuery, Shared};
use super::problem::{Problem, Shown};
use crate::i18n::{Lang, Text};
use crate::register::{Entry, Kind, NewEntry, Register, RegisterError};
use crate::tr;

/// The fields of `POST /api/register/take`'s JSON body: those of `vanban register take`
/// (`type` is the tên loại, empty for a công văn), and `lang` for the answer's language.
const FIELDS: &[&str] = &[
    "type",
    "symbol",
    "date",
    "summary",
    "signer",
    "recipients",
    "archive",
    "copies",
    "lang",
];

/// Reads the JSON body field by field, so that a message names the field that is wrong
/// (serde's own messages are English and name no field we could show).
fn read_take(body: &[u8], lang: Lang) -> Result<(NewEntry, Lang), Problem> {
    let value: serde_json::Value = serde_json::from_slice(body).map_err(|e| {
        let (line, column) = (e.line(), e.column());
        bad_request(
            lang,
            tr!(
                "nội dung yêu cầu không phải JSON đúng cú pháp (chỗ sai ở dòng {line}, cột \
                 {column})",
                "the request body is not valid JSON (wrong at line {line}, column {column})"
            ),
        )
    })?;
    let Some(map) = value.as_object() else {
        return Err(bad_request(
            lang,
            tr!(
                "nội dung yêu cầu phải là một đối tượng JSON {{\"symbol\": …, \"date\": …}}",
                "the request body must be a JSON object {{\"symbol\": …, \"date\": …}}"
            ),
        ));
    };
    if let Some(key) = map.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        let hint = crate::suggest::nearest(key, FIELDS.iter().copied())
            .map(|n| tr!(" (có phải \"{n}\"?)", " (did you mean \"{n}\"?)"))
            .unwrap_or_default();
        let known = FIELDS.join(", ");
        return Err(bad_request(
            lang,
            tr!(
                "trường \"{key}\" không có{h}; các trường: {known}",
                "there is no field \"{key}\"{h}; the fields are: {known}";
                h = hint
            ),
        ));
    }
    let not_text = |key: &str| {
        bad_request(
            lang,
            tr!(
                "trường \"{key}\" phải là chuỗi chữ",
                "the field \"{key}\" must be a string"
            ),
        )
    };
    let text = |key: &str| -> Result<String, Problem> {
        match map.get(key) {
            None | Some(serde_json::Value::Null) => Ok(String::new()),
            Some(serde_json::Value::String(s)) => Ok(s.trim().to_string()),
            Some(_) => Err(not_text(key)),
        }
    };
    let lang = match text("lang")? {
        l if l.is_empty() => lang,
        l => super::problem::parse_lang(&l).unwrap_or(lang),
    };
    for key in ["symbol", "date"] {
        if text(key)?.is_empty() {
            return Err(bad_request(
                lang,
                tr!(
                    "thiếu trường \"{key}\" (bắt buộc)",
                    "the field \"{key}\" is missing (it is required)"
                ),
            ));
        }
    }
    let date_text = text("date")?;
    let date = crate::register::parse_date(&date_text).ok_or_else(|| {
        bad_request(
            lang,
            tr!(
                "date \"{date_text}\" không phải ngày tháng; ghi dạng 2025-11-05 hoặc 05/11/2025",
                "date \"{date_text}\" is not a date; write it as 2025-11-05 or 05/11/2025"
            ),
        )
    })?;
    let not_a_list = || {
        bad_request(
            lang,
            tr!(
                "trường \"recipients\" phải là danh sách chuỗi chữ (mỗi nơi nhận một chuỗi)",
                "the field \"recipients\" must be a list of strings (one per recipient)"
            ),
        )
    };
    let recipients = match map.get("recipients") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|v| v.as_str().map(|s| s.trim().to_string()))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(not_a_list)?,
        Some(serde_json::Value::String(s)) => vec![s.trim().to_string()],
        Some(_) => return Err(not_a_list()),
    };
    let copies = match map.get("copies") {
        None | Some(serde_json::Value::Null) => None,
        Some(v) => Some(
            v.as_u64()
                .and_then(|n| u32::try_from(n).ok())
                .ok_or_else(|| {
                    bad_request(
                        lang,
                        tr!(
                            "trường \"copies\" phải là một số nguyên không âm (số lượng bản)",
                            "the field \"copies\" must be a whole number (how many copies)"
                        ),
                    )
                })?,
        ),
    };
    let entry = NewEntry {
        doc_type: text("type")?,
        symbol: text("symbol")?,
        date: Some(date),
        summary: text("summary")?,
        signer: text("signer")?,
        recipients,
        archive: text("archive")?,
        copies,
        draft: false,
        key: None,
    };
    Ok((entry, lang))
}

/// `GET /api/register?year=2025`.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    year: Option<String>,
    lang: Option<String>,
}

/// The register file, or the answer that the service has none.
fn file(app: &Shared, lang: Lang) -> Result<PathBuf, Problem> {
    app.opts.register.clone().ok_or_else(|| {
        Problem::new(
            StatusCode::NOT_FOUND,
            "no-register",
            lang,
            tr!(
                "dịch vụ chưa dùng sổ đăng ký văn bản đi: khởi động bằng vanban serve --register \
                 TỆP (tạo sổ bằng vanban register init TỆP --agency …)",
                "the service keeps no outgoing-document register: start it with vanban serve \
                 --register FILE (make one with vanban register init FILE --agency …)"
            ),
        )
    })
}

/// The register to number from when the request asks for it (field `register`, the
/// page's box: `1`, `true`, `on` or `yes`); asked of a service without one, the answer
/// says how to get one.
pub(super) fn asked(
    app: &Shared,
    up: &super::upload::Upload,
    lang: Lang,
) -> Result<Option<PathBuf>, Problem> {
    let wanted = up
        .field("register")
        .is_some_and(|v| matches!(v.trim(), "1" | "true" | "on" | "yes"));
    if wanted {
        file(app, lang).map(Some)
    } else {
        Ok(None)
    }
}

/// A register error as an answer: a broken rule (a number already taken, a ký hiệu of
/// another agency) is the caller's to fix, 422; a file that cannot be used is ours, 500.
/// The register file's path is the service's business, not the caller's.
fn problem(e: &RegisterError, lang: Lang) -> Problem {
    let (status, code) = match e.kind {
        Kind::Rule => (StatusCode::UNPROCESSABLE_ENTITY, "register-rule"),
        Kind::Store => (StatusCode::INTERNAL_SERVER_ERROR, "register"),
    };
    let mut shown = Shown::default();
    if let Some(dir) = e.path.parent() {
        shown.hide(dir);
    }
    // The file is the service's business: the message alone, without its path.
    Problem::new(status, code, lang, e.message.clone()).shown(&shown)
}

/// Runs a register call on a blocking thread (SQLite waits for its lock there, never on
/// the async runtime).
async fn blocking<T: Send + 'static>(
    lang: Lang,
    work: impl FnOnce() -> Result<T, RegisterError> + Send + 'static,
) -> Result<T, Problem> {
    match tokio::task::spawn_blocking(work).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(problem(&e, lang)),
        // A panic on the thread: said as a crashed render is.
        Err(e) => Err(super::api::refused(
            super::pool::Refused::Crashed(e.to_string()),
            lang,
        )),
    }
}

fn bad_request(lang: Lang, detail: Text) -> Problem {
    Problem::new(StatusCode::BAD_REQUEST, "request", lang, detail)
}

/// `POST /api/register/take` with a JSON body: 201 and the entry, as `GET /api/register`
/// lists it (`reference` is what goes after "Số:").
pub async fn take(
    State(app): State<Shared>,
    q: Query<LangQuery>,
    h: HeaderMap,
    body: Bytes,
) -> Result<Response, Problem> {
    let (entry, lang) = read_take(&body, app.lang(&q, &h))?;
    let path = file(&app, lang)?;
    let issued = blocking(lang, move || Register::open(&path)?.take(&entry)).await?;
    Ok((StatusCode::CREATED, axum::Json(issued.to_json())).into_response())
}

/// `GET /api/register[?year=Y]`: the entries, by year, series and number.
pub async fn list(
    State(app): State<Shared>,
    q: Query<ListQuery>,
    h: HeaderMap,
) -> Result<Response, Problem> {
    let lang = app.lang(
        &LangQuery {
            lang: q.lang.clone(),
        },
        &h,
    );
    let year = match q.year.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(y) => Some(y.parse::<i32>().map_err(|_| {
            bad_request(
                lang,
                tr!(
                    "year \"{y}\" không phải một năm (ví dụ year=2025)",
                    "year \"{y}\" is not a year (e.g. year=2025)"
                ),
            )
        })?),
    };
    let path = file(&app, lang)?;
    let entries = blocking(lang, move || Register::open(&path)?.list(year)).await?;
    let rows: Vec<_> = entries.iter().map(Entry::to_json).collect();
    Ok(axum::Json(json!({ "year": year, "entries": rows })).into_response())
}
