//! Errors as `application/problem+json` (RFC 9457), and the language of a request.
//!
//! The message is the library's own, located (workbook, sheet and cell, or template
//! file:line:column) and in the reader's language, exactly as the command line prints it,
//! except that server paths are shown as the names the reader knows: the uploaded file's
//! name and the template's folder name ([`Shown`]).

use std::path::{Path, PathBuf};

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::check::Diagnostic;
use crate::i18n::{Lang, Text};
use crate::tr;

/// The language of a request: `lang` (query or form field), else the first of `vi`/`en`
/// in `Accept-Language` by preference, else the service's default.
pub fn lang_of(explicit: Option<&str>, headers: &HeaderMap, default: Lang) -> Lang {
    if let Some(l) = explicit.and_then(parse_lang) {
        return l;
    }
    let Some(accept) = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
    else {
        return default;
    };
    let mut best: Option<(f32, Lang)> = None;
    for part in accept.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or("").trim();
        let q = pieces
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if let Some(lang) = parse_lang(tag)
            && q > 0.0
            && best.is_none_or(|(bq, _)| q > bq)
        {
            best = Some((q, lang));
        }
    }
    best.map_or(default, |(_, l)| l)
}

/// `vi`, `vi-VN` → Vietnamese; `en`, `en-US` → English; anything else → none.
pub fn parse_lang(s: &str) -> Option<Lang> {
    let s = s.trim().to_ascii_lowercase();
    let primary = s.split(['-', '_']).next().unwrap_or("");
    match primary {
        "vi" => Some(Lang::Vi),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// Server paths as the reader knows them: the folder a file was uploaded to and the
/// folders templates live in are left out, so `…/tmp/upload-x1/so-lieu.xlsx, sheet "A",
/// cell B4` reads `so-lieu.xlsx, sheet "A", cell B4` and a template's file reads
/// `bao-cao-thang/body.md.hbs:20:9`.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    prefixes: Vec<String>,
}

impl Shown {
    /// Hides `dir` (a folder whose files the reader knows by name).
    pub fn hide(&mut self, dir: &Path) {
        let mut s = dir.display().to_string();
        if !s.ends_with(std::path::MAIN_SEPARATOR) {
            s.push(std::path::MAIN_SEPARATOR);
        }
        // Longest first, so that a folder inside another is removed whole.
        self.prefixes.push(s);
        self.prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
    }

    pub fn str(&self, s: &str) -> String {
        let mut out = s.to_string();
        for p in &self.prefixes {
            out = out.replace(p.as_str(), "");
        }
        out
    }

    pub fn path(&self, p: &Path) -> String {
        self.str(&p.display().to_string())
    }
}

/// One failed request.
#[derive(Debug)]
pub struct Problem {
    pub status: StatusCode,
    /// A stable name for tools, e.g. `data`, `template`, `too-large`, `busy`.
    pub code: &'static str,
    pub lang: Lang,
    /// Seconds, for 429 and 503.
    pub retry_after: Option<u64>,
    /// Boxed, so that `Result<_, Problem>` stays small.
    more: Box<Details>,
}

#[derive(Debug)]
struct Details {
    /// What happened, in both languages.
    detail: Text,
    /// Every problem `check` found, when it ran.
    problems: Vec<Diagnostic>,
    shown: Shown,
}

impl Problem {
    pub fn new(status: StatusCode, code: &'static str, lang: Lang, detail: Text) -> Problem {
        Problem {
            status,
            code,
            lang,
            retry_after: None,
            more: Box::new(Details {
                detail,
                problems: Vec::new(),
                shown: Shown::default(),
            }),
        }
    }

    pub fn with_problems(mut self, problems: Vec<Diagnostic>) -> Problem {
        self.more.problems = problems;
        self
    }

    pub fn shown(mut self, shown: &Shown) -> Problem {
        self.more.shown = shown.clone();
        self
    }

    /// The short title for a status, in the reader's language.
    fn title(&self) -> String {
        let title = match (self.status.as_u16(), self.code) {
            (422, "register-rule") => {
                tr!("Sổ đăng ký không cấp số này", "The register refused")
            }
            (status, _) => match status {
                400 => tr!("Yêu cầu không hợp lệ", "Bad request"),
                401 => tr!("Cần mã truy cập", "Token required"),
                404 => tr!("Không tìm thấy", "Not found"),
                409 => tr!("Chưa xong", "Not ready"),
                413 => tr!("Tệp quá lớn", "Upload too large"),
                422 => tr!(
                    "Dữ liệu hoặc mẫu có lỗi",
                    "The data or the template has problems"
                ),
                429 => tr!("Dịch vụ đang bận", "Too many requests"),
                503 => tr!("Quá thời gian", "Took too long"),
                _ => tr!("Lỗi của dịch vụ", "Service error"),
            },
        };
        title.take(self.lang)
    }

    /// The JSON body.
    pub fn body(&self) -> serde_json::Value {
        let shown = &self.more.shown;
        let problems: Vec<serde_json::Value> = self
            .more
            .problems
            .iter()
            .map(|d| {
                json!({
                    "file": shown.path(&d.file),
                    "line": d.line,
                    "column": d.column,
                    "severity": d.severity,
                    "code": d.code,
                    "message": shown.str(d.message.get(self.lang)),
                    "hint": d.hint.as_ref().map(|h| shown.str(h.get(self.lang))),
                    "message_vi": shown.str(&d.message.vi),
                    "message_en": shown.str(&d.message.en),
                    "text": shown.str(&d.to_text(self.lang)),
                })
            })
            .collect();
        json!({
            "type": format!("urn:vanban:problem:{}", self.code),
            "title": self.title(),
            "status": self.status.as_u16(),
            "code": self.code,
            "detail": shown.str(self.more.detail.get(self.lang)),
            "problems": problems,
        })
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = self.body().to_string();
        let mut resp = (self.status, body).into_response();
        let h = resp.headers_mut();
        h.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        h.insert(
            header::CONTENT_LANGUAGE,
            HeaderValue::from_static(self.lang.code()),
        );
        if let Some(s) = self.retry_after {
            h.insert(header::RETRY_AFTER, HeaderValue::from(s));
        }
        resp
    }
}

/// Where a path lies, for [`Shown::hide`]: the folder holding it.
pub fn parent_of(p: &Path) -> PathBuf {
    p.parent().map(Path::to_path_buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_by_preference() {
        let mut h = HeaderMap::new();
        assert_eq!(lang_of(None, &h, Lang::Vi), Lang::Vi);
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("fr-FR, en-US;q=0.8, vi;q=0.9"),
        );
        assert_eq!(lang_of(None, &h, Lang::En), Lang::Vi);
        h.insert(
            header::ACCEPT_LANGUAGE,
            HeaderValue::from_static("en-GB,vi;q=0.5"),
        );
        assert_eq!(lang_of(None, &h, Lang::Vi), Lang::En);
        assert_eq!(lang_of(Some("vi"), &h, Lang::En), Lang::Vi);
        assert_eq!(lang_of(Some("xx"), &h, Lang::Vi), Lang::En);
    }

    #[test]
    fn server_paths_are_hidden() {
        let mut s = Shown::default();
        s.hide(Path::new("/srv/data/tmp/upload-1"));
        s.hide(Path::new("/srv/data/builtin"));
        assert_eq!(
            s.str("/srv/data/tmp/upload-1/so-lieu.xlsx, sheet \"A\", cell B4"),
            "so-lieu.xlsx, sheet \"A\", cell B4"
        );
        assert_eq!(
            s.path(Path::new("/srv/data/builtin/bao-cao-thang/body.md.hbs")),
            "bao-cao-thang/body.md.hbs"
        );
    }
}
