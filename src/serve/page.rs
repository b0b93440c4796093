//! The page for clerks (`GET /`): server-rendered HTML and a little plain JavaScript
//! (`page.js`, no build step), Vietnamese by default with an English switch. Five steps:
//! choose a template; upload a workbook and see what vanban reads from it and every
//! problem `check` finds; see the pages; download the PDF, the DOCX or both; for a
//! per-row template, run a batch and download its zip.
//!
//! Every value that comes from a workbook or a template is escaped here ([`esc`]), on the
//! server: the script only inserts the fragments the server made, and writes the few
//! strings of its own with `textContent`.

use axum::extract::{Form, Multipart, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;

use super::api::{Asked, LangQuery, Problemish, Shared, fields_json, read_fields};
use super::auth;
use super::problem::{Problem, lang_of, parse_lang};
use super::templates;
use crate::check::Severity;
use crate::i18n::{Lang, Lead, Text};
use crate::template::kind_text;
use crate::tr;
use crate::workbook::SheetKind;

/// HTML-escapes text for an element or a quoted attribute.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = include_str!("page.css");
const SCRIPT: &str = include_str!("page.js");

/// The strings the script shows, in the page's language, as a JSON object.
fn script_strings(lang: Lang) -> String {
    let pairs: &[(&str, Text)] = &[
        ("working", tr!("Đang xử lý…", "Working…")),
        (
            "chooseTemplate",
            tr!("Hãy chọn một mẫu (bước 1).", "Choose a template (step 1)."),
        ),
        (
            "chooseWorkbook",
            tr!(
                "Hãy chọn bảng tính (bước 2).",
                "Choose a workbook (step 2)."
            ),
        ),
        ("chooseSheet", tr!("Hãy chọn sheet.", "Choose the sheet.")),
        ("page", tr!("Trang", "Page")),
        ("of", tr!("trên", "of")),
        ("downloaded", tr!("Đã tải về", "Downloaded")),
        ("numberTaken", tr!("số", "number")),
        ("made", tr!("đã tạo", "made")),
        ("failed", tr!("lỗi", "failed")),
        ("total", tr!("tổng số", "total")),
        ("queued", tr!("đang chờ", "queued")),
        ("running", tr!("đang chạy", "running")),
        ("done", tr!("xong", "done")),
        ("jobFailed", tr!("không chạy được", "could not run")),
        (
            "result",
            tr!("Tải kết quả (zip)", "Download the result (zip)"),
        ),
        ("error", tr!("Lỗi", "Error")),
    ];
    let map: serde_json::Map<String, serde_json::Value> = pairs
        .iter()
        .map(|(k, text)| (k.to_string(), text.get(lang).into()))
        .collect();
    // Inside <script>: no "</" may appear.
    serde_json::Value::Object(map)
        .to_string()
        .replace('<', "\\u003c")
}

fn head(lang: Lang, title: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"{code}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title}</title><style>{STYLE}</style></head>\n",
        code = lang.code(),
        title = esc(title)
    )
}

/// The link to the page in the other language, named in that language.
fn switch(lang: Lang) -> String {
    let other = lang.other();
    format!(
        "<a href=\"/?lang={code}\" id=\"lang-switch\" hreflang=\"{code}\">{name}</a>",
        code = other.code(),
        name = other.own_name()
    )
}

/// The cookie that keeps the page's language once the switch was used.
const LANG_COOKIE: &str = "vanban_lang";

/// The page's language: `?lang=`, else the switch's cookie, else the service's (`--lang`,
/// Vietnamese by default). Unlike the API, the browser's Accept-Language is not asked:
/// the page is Vietnamese unless the clerk switches.
fn page_lang(app: &Shared, q: &LangQuery, h: &HeaderMap) -> Lang {
    q.lang
        .as_deref()
        .or_else(|| auth::cookie(h, LANG_COOKIE))
        .and_then(parse_lang)
        .unwrap_or(app.opts.lang)
}

/// `GET /`.
pub async fn index(State(app): State<Shared>, q: Query<LangQuery>, h: HeaderMap) -> Response {
    let lang = page_lang(&app, &q, &h);
    let mut s = head(
        lang,
        tr!("vanban — tạo văn bản", "vanban — documents").get(lang),
    );
    s.push_str(&format!(
        "<body><header><h1>vanban</h1><p>{}</p>{}</header><main>\n\
         <form id=\"f\" enctype=\"multipart/form-data\" autocomplete=\"off\">\
         <input type=\"hidden\" name=\"lang\" value=\"{}\">\n",
        tr!(
            "Tạo văn bản hành chính (PDF, DOCX) từ bảng tính Excel, theo mẫu.",
            "Official documents (PDF, DOCX) from Excel workbooks, by template."
        )
        .take(lang),
        switch(lang),
        lang.code()
    ));
    // 1. Templates.
    s.push_str(&format!(
        "<section id=\"step1\"><h2>1. {}</h2><div class=\"templates\">\n",
        tr!("Chọn mẫu", "Choose a template").take(lang)
    ));
    for e in app.templates.entries() {
        let j = templates::to_json(&e, lang);
        let name = e.listing.name.as_str();
        let text = |k: &str| j[k].as_str().unwrap_or("").to_string();
        s.push_str(&format!(
            "<label class=\"tpl\"><input type=\"radio\" name=\"template\" value=\"{}\"> \
             <b>{}</b> <code>{}</code>",
            esc(name),
            esc(&text("title")),
            esc(name)
        ));
        if let Some(err) = j["error"].as_str() {
            s.push_str(&format!("<p class=\"err\">{}</p>", esc(err)));
        }
        let desc = text("description");
        if !desc.is_empty() {
            s.push_str(&format!("<p>{}</p>", esc(&desc)));
        }
        if let Some(data) = j["data"].as_array() {
            s.push_str("<ul>");
            for d in data {
                let kind = if d["kind"] == "key-value" {
                    kind_text(SheetKind::KeyValue)
                } else {
                    kind_text(SheetKind::Table)
                };
                let kind = kind.get(lang);
                let sheet = d["sheet"].as_str().unwrap_or("");
                s.push_str(&format!(
                    "<li>{} \"{}\" ({})",
                    tr!("sheet", "sheet").take(lang),
                    esc(sheet),
                    esc(kind)
                ));
                let cols: Vec<String> = d["columns"]
                    .as_array()
                    .map(|c| {
                        c.iter()
                            .filter_map(|v| v.as_str())
                            .map(|v| format!("<code>{}</code>", esc(v)))
                            .collect()
                    })
                    .unwrap_or_default();
                if !cols.is_empty() {
                    s.push_str(&format!(
                        ": {} {}",
                        tr!("cột", "columns").take(lang),
                        cols.join(", ")
                    ));
                }
                s.push_str("</li>");
            }
            s.push_str("</ul>");
        }
        s.push_str("</label>\n");
    }
    s.push_str("</div></section>\n");
    // 2. Workbook.
    s.push_str(&format!(
        "<section id=\"step2\"><h2>2. {}</h2>\
         <input type=\"file\" name=\"workbook\" id=\"workbook\" accept=\".xlsx,.xlsm,.xls,.xlsb,.ods\">\
         <div id=\"inspect\" aria-live=\"polite\"></div></section>\n",
        tr!("Tải bảng tính lên", "Upload a workbook").take(lang)
    ));
    // 3. Preview.
    s.push_str(&format!(
        "<section id=\"step3\"><h2>3. {}</h2>\
         <button type=\"button\" id=\"preview\">{}</button>\
         <div id=\"preview-msg\"></div><div id=\"pages\"></div></section>\n",
        tr!("Xem trước", "Preview").take(lang),
        tr!("Xem các trang", "Show the pages").take(lang)
    ));
    // 4. Download; with a register, the văn thư may have the document numbered.
    let numbering = if app.opts.register.is_some() {
        format!(
            "<p><label><input type=\"checkbox\" name=\"register\" value=\"1\" id=\"register\"> {}</label></p>",
            tr!(
                "Lấy số từ sổ đăng ký văn bản đi (văn bản chính thức chưa có số; tạo lại cùng \
                 văn bản thì giữ số cũ)",
                "Take the number from the outgoing-document register (a final document without \
                 a number; the same document made again keeps its number)"
            )
            .take(lang)
        )
    } else {
        String::new()
    };
    s.push_str(&format!(
        "<section id=\"step4\"><h2>4. {}</h2>{numbering}\
         <button type=\"button\" class=\"download\" data-format=\"pdf\" id=\"download-pdf\">PDF</button> \
         <button type=\"button\" class=\"download\" data-format=\"docx\" id=\"download-docx\">DOCX</button> \
         <button type=\"button\" class=\"download\" data-format=\"zip\" id=\"download-zip\">{}</button>\
         <div id=\"download-msg\"></div></section>\n",
        tr!("Tải văn bản về", "Download").take(lang),
        tr!("Cả hai (zip)", "Both (zip)").take(lang)
    ));
    // 5. Batch.
    s.push_str(&format!(
        "<section id=\"step5\"><h2>5. {}</h2><p>{}</p>\
         <label>{} <select name=\"rows\" id=\"rows\"><option value=\"\">—</option></select></label> \
         <button type=\"button\" id=\"start\">{}</button>\
         <div id=\"job\"><progress id=\"job-progress\" max=\"1\" value=\"0\" hidden></progress> \
         <span id=\"job-counts\"></span> <a id=\"job-result\" hidden></a></div>\
         <div id=\"job-msg\"></div></section>\n",
        tr!("Mỗi dòng một văn bản", "One document per row").take(lang),
        tr!("Với mẫu tạo một văn bản cho mỗi dòng (ví dụ bao-cao-tinh): chọn sheet, bấm Bắt đầu, rồi tải về một tệp zip có mọi văn bản và bảng kết quả.", "For a template made once per row (e.g. bao-cao-tinh): choose the sheet, press Start, then download a zip with every document and the results workbook.").take(lang),
        tr!("Sheet:", "Sheet:").take(lang),
        tr!("Bắt đầu", "Start").take(lang)
    ));
    s.push_str(&format!(
        "</form></main>\n<script>const T = {};\n{SCRIPT}</script></body></html>\n",
        script_strings(lang)
    ));
    let mut resp = page_response(StatusCode::OK, lang, s);
    if q.lang.as_deref().and_then(parse_lang).is_some() {
        let cookie = format!(
            "{LANG_COOKIE}={}; Path=/; SameSite=Strict; Max-Age=31536000",
            lang.code()
        );
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            resp.headers_mut().insert(header::SET_COOKIE, v);
        }
    }
    resp
}

fn page_response(status: StatusCode, lang: Lang, html: String) -> Response {
    let mut resp = (status, Html(html)).into_response();
    resp.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    resp
}

/// The page that asks for the token (401).
pub fn login_page(lang: Lang, wrong: bool) -> Response {
    let mut s = head(lang, "vanban");
    s.push_str(&format!(
        "<body><header><h1>vanban</h1>{}</header><main><section>\
         <form method=\"post\" action=\"/login\" id=\"login\">\
         <input type=\"hidden\" name=\"lang\" value=\"{}\">\
         <label>{} <input type=\"password\" name=\"token\" id=\"token\" autofocus></label> \
         <button type=\"submit\">{}</button></form>{}</section></main></body></html>\n",
        switch(lang),
        lang.code(),
        tr!("Mã truy cập:", "Access token:").take(lang),
        tr!("Vào", "Enter").take(lang),
        if wrong {
            format!(
                "<p class=\"err\">{}</p>",
                tr!("Mã không đúng.", "Wrong token.").take(lang)
            )
        } else {
            String::new()
        }
    ));
    page_response(StatusCode::UNAUTHORIZED, lang, s)
}

#[derive(Debug, Deserialize)]
pub struct Login {
    token: String,
    lang: Option<String>,
}

/// `POST /login`: a right token is kept in a cookie and the page shown.
pub async fn login(State(app): State<Shared>, h: HeaderMap, Form(form): Form<Login>) -> Response {
    let lang = lang_of(form.lang.as_deref(), &h, app.opts.lang);
    let Some(token) = &app.token else {
        return redirect(lang, None);
    };
    let mut probe = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&format!("Bearer {}", form.token.trim())) {
        probe.insert(header::AUTHORIZATION, v);
    }
    if !auth::allowed(&probe, token) {
        return login_page(lang, true);
    }
    redirect(lang, Some(auth::set_cookie(token)))
}

fn redirect(lang: Lang, cookie: Option<String>) -> Response {
    let to = format!("/?lang={}", lang.code());
    let mut resp = StatusCode::SEE_OTHER.into_response();
    resp.headers_mut().insert(
        header::LOCATION,
        HeaderValue::from_str(&to).unwrap_or(HeaderValue::from_static("/")),
    );
    if let Some(c) = cookie.and_then(|c| HeaderValue::from_str(&c).ok()) {
        resp.headers_mut().insert(header::SET_COOKIE, c);
    }
    resp
}

/// `POST /ui/inspect` (template, workbook, rows): the HTML of step 2 — what vanban reads
/// from the workbook (`vanban fields`) and every problem `vanban check` finds — and the
/// sheets to choose from in step 5.
pub async fn inspect(
    State(app): State<Shared>,
    q: Query<LangQuery>,
    h: HeaderMap,
    mp: Multipart,
) -> Result<Response, Problem> {
    let mut a = Asked::read(&app, &q, &h, mp).await?;
    let entry = match a.up.field("template") {
        Some(_) => Some(a.template(&app)?),
        None => None,
    };
    let workbook = a.workbook()?;
    let rows = a.up.field("rows").map(str::to_string);
    let lang = a.lang;
    let dir = entry.map(|e| e.dir);
    let started = std::time::Instant::now();
    let done = app
        .pool
        .run(move || -> Result<_, Problemish> {
            let data = read_fields(&workbook)?;
            let report =
                dir.map(|d| crate::check::check_with(&d, Some(&workbook), rows.as_deref()));
            Ok((data, report))
        })
        .await
        .map_err(|r| super::api::refused(r, lang))?;
    app.metrics
        .observe("fields", started.elapsed(), done.is_ok());
    let (data, report) = match done {
        Ok(v) => v,
        Err(p) => {
            return Err(
                Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "data", lang, p.text)
                    .shown(&a.shown),
            );
        }
    };
    let fields = fields_json(&data, lang, &a.shown);
    let mut s = String::new();
    // Problems first: they are what the clerk must act on.
    if let Some(report) = &report {
        let errors = report.count(Severity::Error);
        let warnings = report.count(Severity::Warning);
        s.push_str(&format!(
            "<div id=\"problems\" class=\"{}\"><h3>{}</h3>",
            if errors > 0 { "bad" } else { "good" },
            esc(&tr!(
                "Kiểm tra: {errors} lỗi, {warnings} cảnh báo",
                "Check: {errors} error(s), {warnings} warning(s)"
            )
            .take(lang))
        ));
        s.push_str("<ul>");
        for d in &report.diagnostics {
            let class = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Note => "note",
            };
            s.push_str(&format!(
                "<li class=\"{class}\"><pre>{}</pre></li>",
                esc(&a.shown.str(&d.to_text(lang)))
            ));
        }
        s.push_str("</ul></div>");
    }
    for n in fields["notices"].as_array().into_iter().flatten() {
        s.push_str(&format!(
            "<p class=\"note\">{}: {}</p>",
            esc(Lead::Note.text().get(lang)),
            esc(n.as_str().unwrap_or(""))
        ));
    }
    s.push_str(&format!(
        "<h3>{}</h3>",
        tr!(
            "vanban đọc được từ bảng tính",
            "What vanban reads from the workbook"
        )
        .take(lang)
    ));
    let all = fields["fields"].as_array().cloned().unwrap_or_default();
    let mut options = String::from("<option value=\"\">—</option>");
    for sheet in fields["sheets"].as_array().into_iter().flatten() {
        let name = sheet["name"].as_str().unwrap_or("");
        let key = sheet["key"].as_str().unwrap_or("");
        let kind = if sheet["kind"] == "table" {
            let rows = sheet["rows"].as_u64().unwrap_or(0);
            options.push_str(&format!(
                "<option value=\"{}\">{} ({rows})</option>",
                esc(name),
                esc(name)
            ));
            tr!(
                "bảng, {rows} dòng — {{{{#each {key}}}}}",
                "table, {rows} rows — {{{{#each {key}}}}}"
            )
            .take(lang)
        } else {
            format!(
                "{} — {{{{{key}.…}}}}",
                kind_text(SheetKind::KeyValue).get(lang)
            )
        };
        s.push_str(&format!(
            "<h4>Sheet \"{}\" <small>{}</small></h4><table class=\"fields\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>",
            esc(name),
            esc(&kind),
            tr!("Trường", "Key").take(lang),
            tr!("Kiểu", "Type").take(lang),
            tr!("Ô", "Cell").take(lang),
            tr!("Giá trị mẫu", "Sample").take(lang),
            tr!("Tiêu đề", "Header").take(lang)
        ));
        for f in all.iter().filter(|f| f["sheet"].as_str() == Some(name)) {
            let sample: String = f["sample"]
                .as_str()
                .unwrap_or("")
                .chars()
                .take(80)
                .collect();
            s.push_str(&format!(
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(f["key"].as_str().unwrap_or("")),
                esc(f["type_text"].as_str().unwrap_or("")),
                esc(f["cell"].as_str().unwrap_or("")),
                esc(&sample),
                esc(f["header"].as_str().unwrap_or(""))
            ));
        }
        s.push_str("</tbody></table>");
    }
    let names: Vec<_> = all.iter().filter(|f| f["sheet"].is_null()).collect();
    if !names.is_empty() {
        s.push_str(&format!(
            "<h4>{} <small>{{{{names.…}}}}</small></h4><table class=\"fields\"><tbody>",
            tr!("Tên đã đặt trong bảng tính", "Defined names").take(lang)
        ));
        for f in names {
            let sample: String = f["sample"]
                .as_str()
                .unwrap_or("")
                .chars()
                .take(80)
                .collect();
            s.push_str(&format!(
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(f["key"].as_str().unwrap_or("")),
                esc(f["type_text"].as_str().unwrap_or("")),
                esc(f["cell"].as_str().unwrap_or("")),
                esc(&sample),
                esc(f["header"].as_str().unwrap_or(""))
            ));
        }
        s.push_str("</tbody></table>");
    }
    s.push_str(&format!(
        "<select id=\"sheet-options\" hidden>{options}</select>"
    ));
    Ok(page_response(StatusCode::OK, lang, s))
}
