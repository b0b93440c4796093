//! The routes, and the HTTP face of each library call.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Multipart, Path as UrlPath, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::json;

use super::jobs::{self, Jobs, NewJob};
use super::metrics::Metrics;
use super::pool::{Pool, Refused};
use super::problem::{Problem, Shown, lang_of, parent_of};
use super::templates::{self, Entry, Templates};
use super::upload::{self, Upload};
use super::{Event, Options, ServeError, auth, page, register};
use crate::error::Error;
use crate::i18n::{Bilingual, Lang, Text, io_reason};
use crate::render::Formats;
use crate::tr;

/// The service's state, shared by every request.
pub struct App {
    pub opts: Options,
    pub token: Option<String>,
    pub templates: Templates,
    pub pool: Pool,
    pub metrics: Arc<Metrics>,
    pub jobs: Arc<Jobs>,
    /// Uploads go to folders in here.
    pub tmp: PathBuf,
}

pub type Shared = Arc<App>;

/// `?lang=` on any request.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
}

impl App {
    pub fn lang(&self, q: &LangQuery, headers: &HeaderMap) -> Lang {
        lang_of(q.lang.as_deref(), headers, self.opts.lang)
    }
}

/// Binds, serves until SIGINT/SIGTERM, then lets running jobs stop cleanly.
pub async fn serve(
    opts: Options,
    workers: usize,
    token: Option<String>,
    events: Arc<dyn Fn(Event) + Send + Sync>,
    stop: Arc<tokio::sync::Notify>,
    ready: std::sync::mpsc::Sender<std::net::SocketAddr>,
) -> Result<(), ServeError> {
    let data_err = |path: &Path, e: std::io::Error| ServeError::DataDir {
        path: path.to_path_buf(),
        reason: io_reason(&e),
    };
    std::fs::create_dir_all(&opts.data_dir).map_err(|e| data_err(&opts.data_dir, e))?;
    let data_dir = opts
        .data_dir
        .canonicalize()
        .map_err(|e| data_err(&opts.data_dir, e))?;
    // Uploads left by a crash are removed; everything else is kept.
    let tmp = data_dir.join("tmp");
    if tmp.exists() {
        std::fs::remove_dir_all(&tmp).map_err(|e| data_err(&tmp, e))?;
    }
    std::fs::create_dir_all(&tmp).map_err(|e| data_err(&tmp, e))?;
    // A register that cannot be opened is said at start, not at the first number asked.
    if let Some(file) = &opts.register {
        crate::register::Register::open(file).map_err(ServeError::Register)?;
    }
    let templates = Templates::install(&data_dir, opts.templates.clone())
        .map_err(|(path, reason)| ServeError::DataDir { path, reason })?;
    let metrics = Arc::new(Metrics::default());
    let (jobs, resumed) = Jobs::start(data_dir.join("jobs"), workers, Arc::clone(&metrics))
        .map_err(|e| data_err(&data_dir.join("jobs"), e))?;
    if resumed > 0 {
        events(Event::Resumed(resumed));
    }
    let listener = tokio::net::TcpListener::bind(opts.addr)
        .await
        .map_err(|e| ServeError::Bind {
            addr: opts.addr,
            reason: io_reason(&e),
        })?;
    let local = listener.local_addr().map_err(|e| ServeError::Bind {
        addr: opts.addr,
        reason: io_reason(&e),
    })?;
    let limit = opts.max_upload.saturating_add(64 * 1024);
    let app: Shared = Arc::new(App {
        pool: Pool::new(workers, opts.queue, opts.timeout, Arc::clone(&metrics)),
        opts,
        token,
        templates,
        metrics,
        jobs: Arc::clone(&jobs),
        tmp,
    });
    let router = Router::new()
        .route("/", get(page::index))
        .route("/login", post(page::login))
        .route("/ui/inspect", post(page::inspect))
        .route("/healthz", get(|| async { "ok\n" }))
        .route("/metrics", get(metrics_text))
        .route("/api/templates", get(list_templates))
        .route("/api/check", post(check))
        .route("/api/fields", post(fields))
        .route("/api/render", post(render))
        .route("/api/preview", post(preview))
        .route("/api/jobs", post(create_job))
        .route("/api/jobs/{id}", get(job_status))
        .route("/api/jobs/{id}/result.zip", get(job_result))
        .route("/api/register", get(register::list))
        .route("/api/register/take", post(register::take))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(Arc::clone(&app), guard))
        .layer(DefaultBodyLimit::max(limit))
        .with_state(Arc::clone(&app));
    events(Event::Listening(local));
    let _ = ready.send(local);
    let stopping = Arc::clone(&events);
    let served = axum::serve(listener, router)
        .with_graceful_shutdown(async move {
            tokio::select! {
                _ = shutdown_signal() => {},
                _ = stop.notified() => {},
            }
            stopping(Event::Stopping);
        })
        .await;
    let jobs_done = tokio::task::spawn_blocking(move || jobs.shutdown()).await;
    served.map_err(|e| ServeError::Runtime {
        reason: io_reason(&e),
    })?;
    jobs_done.map_err(|e| ServeError::Runtime {
        reason: Text::same(e.to_string()),
    })
}

/// SIGINT (Ctrl-C) or SIGTERM (systemd stop).
async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

/// Authentication: with a token, every route but `/healthz`, `/metrics` and `/login`
/// needs it; the page without it is the login form.
async fn guard(State(app): State<Shared>, req: Request, next: Next) -> Response {
    let Some(token) = &app.token else {
        return next.run(req).await;
    };
    let path = req.uri().path();
    if matches!(path, "/healthz" | "/metrics" | "/login") || auth::allowed(req.headers(), token) {
        return next.run(req).await;
    }
    let lang = lang_of(
        query_lang(req.uri().query()).as_deref(),
        req.headers(),
        app.opts.lang,
    );
    if path == "/" {
        return page::login_page(
            lang_of(
                query_lang(req.uri().query()).as_deref(),
                &HeaderMap::new(),
                app.opts.lang,
            ),
            false,
        );
    }
    let mut resp = Problem::new(
        StatusCode::UNAUTHORIZED,
        "unauthorized",
        lang,
        tr!(
            "cần mã truy cập: gửi tiêu đề Authorization: Bearer <mã>",
            "a token is needed: send the header Authorization: Bearer <token>"
        ),
    )
    .into_response();
    resp.headers_mut().insert(
        header::WWW_AUTHENTICATE,
        HeaderValue::from_static("Bearer realm=\"vanban\""),
    );
    resp
}

/// `lang=…` in a query string.
fn query_lang(q: Option<&str>) -> Option<String> {
    q?.split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "lang")
        .map(|(_, v)| v.to_string())
}

async fn not_found(State(app): State<Shared>, q: Query<LangQuery>, h: HeaderMap) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        app.lang(&q, &h),
        tr!("không có trang này", "no such page"),
    )
}

async fn metrics_text(State(app): State<Shared>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        app.metrics.text(),
    )
        .into_response()
}

async fn list_templates(State(app): State<Shared>, q: Query<LangQuery>, h: HeaderMap) -> Response {
    let lang = app.lang(&q, &h);
    let list: Vec<_> = app
        .templates
        .entries()
        .iter()
        .map(|e| templates::to_json(e, lang))
        .collect();
    axum::Json(json!({ "templates": list })).into_response()
}

/// A request with an upload: the fields and workbook, the language (a `lang` field wins
/// over the query and `Accept-Language`), the template when one is named, and the paths
/// to hide in messages.
pub struct Asked {
    pub up: Upload,
    pub lang: Lang,
    pub shown: Shown,
}

impl Asked {
    pub async fn read(
        app: &App,
        q: &LangQuery,
        h: &HeaderMap,
        mp: Multipart,
    ) -> Result<Asked, Problem> {
        let lang = app.lang(q, h);
        let up = upload::read(mp, &app.tmp, app.opts.max_upload, lang).await?;
        let lang = up
            .field("lang")
            .and_then(super::problem::parse_lang)
            .unwrap_or(lang);
        let mut shown = Shown::default();
        shown.hide(up.dir.path());
        Ok(Asked { up, lang, shown })
    }

    /// The prologue of the handlers that make documents (render, preview, batch): the
    /// request read, the template it names and the uploaded workbook, each missing one a
    /// problem in the asker's language.
    pub async fn to_make(
        app: &App,
        q: &LangQuery,
        h: &HeaderMap,
        mp: Multipart,
    ) -> Result<(Asked, Entry, PathBuf), Problem> {
        let mut a = Asked::read(app, q, h, mp).await?;
        let entry = a.template(app)?;
        let workbook = a.workbook()?;
        Ok((a, entry, workbook))
    }

    /// The template the request names (field `template`).
    pub fn template(&mut self, app: &App) -> Result<Entry, Problem> {
        let name = self.up.field("template").unwrap_or("").to_string();
        let entry = app.templates.find(&name, self.lang)?;
        self.shown.hide(&parent_of(&entry.dir));
        Ok(entry)
    }

    pub fn workbook(&self) -> Result<PathBuf, Problem> {
        self.up.workbook(self.lang).map(Path::to_path_buf)
    }
}

/// A refused render as a problem.
pub fn refused(r: Refused, lang: Lang) -> Problem {
    match r {
        Refused::Busy { retry_after } => {
            let mut p = Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "busy",
                lang,
                tr!(
                    "dịch vụ đang bận (hàng đợi đã đầy); thử lại sau {retry_after} giây",
                    "the service is busy (the queue is full); try again in {retry_after} s"
                ),
            );
            p.retry_after = Some(retry_after);
            p
        }
        Refused::Timeout { limit } => {
            let secs = limit.as_secs_f64();
            let mut p = Problem::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "timeout",
                lang,
                tr!(
                    "tạo văn bản mất quá {secs} giây nên đã bỏ; thử lại, hoặc dùng vanban batch cho việc lớn",
                    "making the document took longer than {secs} s and was given up; try again, or use vanban batch for large work"
                ),
            );
            p.retry_after = Some(5);
            p
        }
        Refused::Crashed(message) => Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            lang,
            tr!(
                "lỗi bên trong vanban (xin báo lại): {message}",
                "an internal error in vanban (please report it): {message}"
            ),
        ),
    }
}

/// Whose fault a refused render is: the service's HTTP policy (the CLI's exit codes are
/// its own, in `src/cli/exit.rs`), decided by the stage the library's error comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The workbook cannot be read or lacks what the template needs: 422.
    Data,
    /// The template (manifest, body, layout) has a problem: 422.
    Template,
    /// A parameter of the request (a page that is not there): 400.
    Request,
    /// An output could not be made: 500.
    Output,
}

impl Fault {
    pub fn of(e: &Error) -> Fault {
        use crate::template::TemplateError;
        match e {
            Error::Workbook(_) | Error::Template(TemplateError::Data { .. }) => Fault::Data,
            Error::Template(_) | Error::Pdf(_) => Fault::Template,
            // A number the workbook gives that the register holds for another document.
            Error::Register(r) if r.kind == crate::register::Kind::Rule => Fault::Data,
            Error::Docx(_) | Error::Output { .. } | Error::Register(_) => Fault::Output,
        }
    }
}

/// A library error of a render or preview: 422 when the data or template is wrong, with
/// every problem `check` finds (as `vanban watch` shows after a failed render); 500 when
/// an output could not be made.
fn render_problem(
    e: &dyn Bilingual,
    fault: Fault,
    report: Option<crate::check::Report>,
    a: &Asked,
) -> Problem {
    let (status, name) = match fault {
        Fault::Data => (StatusCode::UNPROCESSABLE_ENTITY, "data"),
        Fault::Template => (StatusCode::UNPROCESSABLE_ENTITY, "template"),
        Fault::Request => (StatusCode::BAD_REQUEST, "request"),
        Fault::Output => (StatusCode::INTERNAL_SERVER_ERROR, "output"),
    };
    Problem::new(status, name, a.lang, e.text())
        .with_problems(report.map(|r| r.diagnostics).unwrap_or_default())
        .shown(&a.shown)
}

/// Runs `work` in the pool and counts it under `kind`.
async fn timed<T: Send + 'static>(
    app: &App,
    kind: &'static str,
    lang: Lang,
    work: impl FnOnce() -> Result<T, Problemish> + Send + 'static,
) -> Result<T, Result<Problemish, Problem>> {
    let started = Instant::now();
    match app.pool.run(work).await {
        Ok(Ok(v)) => {
            app.metrics.observe(kind, started.elapsed(), true);
            Ok(v)
        }
        Ok(Err(p)) => {
            app.metrics.observe(kind, started.elapsed(), false);
            Err(Ok(p))
        }
        Err(r) => {
            if !matches!(r, Refused::Busy { .. }) {
                app.metrics.observe(kind, started.elapsed(), false);
            }
            Err(Err(refused(r, lang)))
        }
    }
}

/// What a worker gives back when the library refused: the error's text, whose fault it
/// is, and `check`'s report.
pub struct Problemish {
    pub text: Text,
    pub fault: Fault,
    pub report: Option<crate::check::Report>,
}

impl Bilingual for Problemish {
    fn text(&self) -> Text {
        self.text.clone()
    }
}

impl Problemish {
    fn from_error(e: &Error, template: &Path, workbook: &Path, rows: Option<&str>) -> Problemish {
        let fault = Fault::of(e);
        let report = matches!(fault, Fault::Data | Fault::Template)
            .then(|| crate::check::check_with(template, Some(workbook), rows));
        Problemish {
            text: e.text(),
            fault,
            report,
        }
    }
}

fn into_problem(r: Result<Problemish, Problem>, a: &Asked) -> Problem {
    match r {
        Ok(Problemish {
            text,
            fault,
            report,
        }) => render_problem(&text, fault, report, a),
        Err(p) => p,
    }
}

async fn check(
    State(app): State<Shared>,
    q: Query<LangQuery>,
    h: HeaderMap,
    mp: Multipart,
) -> Result<Response, Problem> {
    let mut a = Asked::read(&app, &q, &h, mp).await?;
    let entry = a.template(&app)?;
    let workbook = a.up.workbook.clone();
    let rows = a.up.field("rows").map(str::to_string);
    let lang = a.lang;
    let dir = entry.dir.clone();
    let report = timed(&app, "check", lang, move || {
        Ok(crate::check::check_with(
            &dir,
            workbook.as_deref(),
            rows.as_deref(),
        ))
    })
    .await
    .map_err(|r| into_problem(r, &a))?;
    let p = Problem::new(StatusCode::OK, "check", lang, Text::default())
        .with_problems(report.diagnostics.clone())
        .shown(&a.shown);
    let body = p.body();
    Ok(axum::Json(json!({
        "template": entry.listing.name,
        "clean": report.is_clean(),
        "errors": report.count(crate::check::Severity::Error),
        "warnings": report.count(crate::check::Severity::Warning),
        "data_only": !report.is_clean() && report.errors_are_the_workbooks(),
        "problems": body["problems"],
    }))
    .into_response())
}

/// What `vanban fields` lists, as JSON.
async fn fields(
    State(app): State<Shared>,
    q: Query<LangQuery>,
    h: HeaderMap,
    mp: Multipart,
) -> Result<Response, Problem> {
    let a = Asked::read(&app, &q, &h, mp).await?;
    let workbook = a.workbook()?;
    let lang = a.lang;
    let data = timed(&app, "fields", lang, move || read_fields(&workbook))
        .await
        .map_err(|r| into_problem(r, &a))?;
    Ok(axum::Json(fields_json(&data, lang, &a.shown)).into_response())
}

/// Reads a workbook as `vanban fields` does.
pub fn read_fields(workbook: &Path) -> Result<crate::workbook::Dataset, Problemish> {
    let opts = crate::workbook::ReadOptions::default();
    crate::workbook::Dataset::open(workbook, &opts).map_err(|e| Problemish {
        text: e.text(),
        fault: Fault::Data,
        report: None,
    })
}

pub fn fields_json(
    data: &crate::workbook::Dataset,
    lang: Lang,
    shown: &Shown,
) -> serde_json::Value {
    let fields: Vec<_> = data
        .fields()
        .iter()
        .map(|f| {
            json!({
                "sheet": f.sheet,
                "sheet_key": f.sheet_key,
                "key": f.key,
                "header": f.header,
                "type": f.type_name,
                "type_text": f.type_text().get(lang),
                "sample": f.sample,
                "cell": f.cell.map(|c| c.to_string()),
            })
        })
        .collect();
    let sheets: Vec<_> = data
        .sheets
        .iter()
        .map(|s| {
            let (kind, rows) = match &s.data {
                crate::workbook::SheetData::Table(t) => ("table", Some(t.rows.len())),
                crate::workbook::SheetData::KeyValue(_) => ("key-value", None),
            };
            json!({ "name": s.name, "key": s.key, "kind": kind, "rows": rows })
        })
        .collect();
    let notices: Vec<_> = data
        .notices
        .iter()
        .map(|n| shown.str(&n.message(lang)))
        .collect();
    json!({ "sheets": sheets, "fields": fields, "notices": notices })
}

/// `Content-Disposition` for a file name that may be Vietnamese: an ASCII fallback and
/// the UTF-8 name (RFC 6266 / 5987).
pub fn attachment(name: &str) -> HeaderValue {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = percent_encode(name, b"");
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    ))
    .unwrap_or_else(|_| HeaderValue::from_static("attachment"))
}

fn file_response(name: &str, content_type: &'static str, bytes: Vec<u8>) -> Response {
    let mut resp = Response::new(Body::from(bytes));
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_DISPOSITION, attachment(name));
    resp
}

const PDF: &str = "application/pdf";
const DOCX: &str = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const ZIP: &str = "application/zip";

async fn render(
    State(app): State<Shared>,
    q: Query<LangQuery>,
    h: HeaderMap,
    mp: Multipart,
) -> Result<Response, Problem> {
    let (a, entry, workbook) = Asked::to_make(&app, &q, &h, mp).await?;
    let lang = a.lang;
    let format =
        a.up.field("format")
            .unwrap_or("pdf")
            .trim()
            .to_ascii_lowercase();
    let formats = match format.as_str() {
        "pdf" => Formats {
            pdf: true,
            docx: false,
        },
        "docx" => Formats {
            pdf: false,
            docx: true,
        },
        "zip" | "both" => Formats::default(),
        other => {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "format",
                lang,
                tr!(
                    "format \"{other}\": chỉ có pdf, docx hoặc zip (cả hai)",
                    "format \"{other}\": only pdf, docx or zip (both)"
                ),
            ));
        }
    };
    // `register` (the page's "take a number" box): a final document with an empty number
    // is numbered from the service's register.
    let book = register::asked(&app, &a.up, lang)?;
    let dir = entry.dir.clone();
    let made = timed(&app, "render", lang, move || {
        let options = crate::render::RenderOptions {
            formats,
            register: book,
            ..Default::default()
        };
        crate::render::produce_with(&dir, &workbook, &options)
            .map_err(|e| Problemish::from_error(&e, &dir, &workbook, None))
    })
    .await
    .map_err(|r| into_problem(r, &a))?;
    let numbered = made.numbered;
    let made = made.produced;
    let name = made.name.clone();
    let mut resp = match (made.pdf, made.docx) {
        (Some(pdf), None) => file_response(&format!("{name}.pdf"), PDF, pdf.bytes),
        (None, Some(docx)) => file_response(&format!("{name}.docx"), DOCX, docx),
        (pdf, docx) => {
            let mut files: Vec<(String, &[u8])> = Vec::new();
            if let Some(p) = &pdf {
                files.push((format!("{name}.pdf"), &p.bytes));
            }
            if let Some(d) = &docx {
                files.push((format!("{name}.docx"), d));
            }
            let bytes = jobs::zip_bytes(&files).map_err(|e| {
                Problem::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "output",
                    lang,
                    io_reason(&e),
                )
            })?;
            file_response(&format!("{name}.zip"), ZIP, bytes)
        }
    };
    // The number the document carries, for the caller: `X-Vanban-Number` ("05"), and the
    // whole reference percent-encoded (it holds Vietnamese letters) with what the
    // register did (`issued`, `given`, `draft`).
    if let Some(n) = numbered {
        use crate::register::Numbered;
        let (state, reference) = match &n {
            Numbered::Issued(r) => ("issued", r.as_str()),
            Numbered::Given(r) => ("given", r.as_str()),
            Numbered::Draft => ("draft", ""),
        };
        let h = resp.headers_mut();
        h.insert("x-vanban-numbered", HeaderValue::from_static(state));
        if let Some(number) = reference.split('/').next().filter(|n| !n.is_empty()) {
            if let Ok(v) = HeaderValue::from_str(number) {
                h.insert("x-vanban-number", v);
            }
            if let Ok(v) = HeaderValue::from_str(&percent_encode(reference, b"/")) {
                h.insert("x-vanban-reference", v);
            }
        }
    }
    Ok(resp)
}

/// `s` with every byte outside unreserved ASCII (RFC 3986) and `keep` as `%XX`, for a
/// header value that may hold Vietnamese letters.
fn percent_encode(s: &str, keep: &[u8]) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || keep.contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

async fn preview(
    State(app): State<Shared>,
    q: Query<LangQuery>,
    h: HeaderMap,
    mp: Multipart,
) -> Result<Response, Problem> {
    use crate::preview::{PreviewError, PreviewOptions};
    let (a, entry, workbook) = Asked::to_make(&app, &q, &h, mp).await?;
    let lang = a.lang;
    let number = |field: &str, default: f64, min: f64, max: f64| -> Result<f64, Problem> {
        let Some(v) = a.up.field(field) else {
            return Ok(default);
        };
        match v.trim().parse::<f64>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "request",
                lang,
                tr!(
                    "{field} = \"{v}\": cần một số từ {min} đến {max}",
                    "{field} = \"{v}\": a number from {min} to {max} is needed"
                ),
            )),
        }
    };
    let page = number("page", 1.0, 1.0, 10_000.0)? as usize;
    let dpi = number("dpi", 96.0, 24.0, 300.0)? as f32;
    let dir = entry.dir.clone();
    let made = timed(&app, "preview", lang, move || {
        let opts = PreviewOptions {
            page: Some(page),
            dpi,
        };
        crate::preview::pages(&dir, &workbook, opts).map_err(|e| match &e {
            PreviewError::Render(inner) => Problemish::from_error(inner, &dir, &workbook, None),
            PreviewError::NoSuchPage { .. } => Problemish {
                text: e.text(),
                fault: Fault::Request,
                report: None,
            },
            PreviewError::Png { .. } => Problemish {
                text: e.text(),
                fault: Fault::Output,
                report: None,
            },
        })
    })
    .await
    .map_err(|r| into_problem(r, &a))?;
    let (_name, mut pages) = made;
    let Some(p) = pages.pop() else {
        return Err(Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "output",
            lang,
            tr!("không vẽ được trang nào", "no page was drawn"),
        ));
    };
    let mut resp = Response::new(Body::from(p.png));
    let h = resp.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("image/png"));
    h.insert("x-vanban-page", HeaderValue::from(p.page));
    h.insert("x-vanban-pages", HeaderValue::from(p.pages));
    Ok(resp)
}

async fn create_job(
    State(app): State<Shared>,
    q: Query<LangQuery>,
    h: HeaderMap,
    mp: Multipart,
) -> Result<Response, Problem> {
    let (mut a, entry, workbook) = Asked::to_make(&app, &q, &h, mp).await?;
    let lang = a.lang;
    let Some(rows) = a.up.field("rows").map(str::to_string) else {
        return Err(Problem::new(
            StatusCode::BAD_REQUEST,
            "rows-missing",
            lang,
            tr!(
                "chưa chọn sheet (trường \"rows\": mỗi dòng của sheet này thành một văn bản)",
                "no sheet chosen (field \"rows\": each row of this sheet becomes a document)"
            ),
        ));
    };
    let output = a.up.field("output").map(str::to_string);
    let when = a.up.field("when").map(str::to_string);
    let book = register::asked(&app, &a.up, lang)?;
    let jobs = Arc::clone(&app.jobs);
    let name = entry.listing.name.clone();
    let dir = entry.dir.clone();
    let prepared = app
        .pool
        .run(move || {
            jobs.prepare(&NewJob {
                template_name: &name,
                template_dir: &dir,
                workbook: &workbook,
                rows: &rows,
                output: output.as_deref(),
                when: when.as_deref(),
                lang,
                register: book.as_deref(),
            })
        })
        .await
        .map_err(|r| refused(r, lang))?;
    match prepared {
        Ok((record, _dir)) => {
            app.jobs.queue(&record);
            let url = format!("/api/jobs/{}", record.id);
            let mut resp = (
                StatusCode::ACCEPTED,
                axum::Json(json!({ "id": record.id, "total": record.total, "status": url })),
            )
                .into_response();
            if let Ok(v) = HeaderValue::from_str(&url) {
                resp.headers_mut().insert(header::LOCATION, v);
            }
            Ok(resp)
        }
        Err((text, job_dir)) => {
            a.shown.hide(&job_dir);
            Err(Problem::new(StatusCode::UNPROCESSABLE_ENTITY, "batch", lang, text).shown(&a.shown))
        }
    }
}

async fn job_status(
    State(app): State<Shared>,
    UrlPath(id): UrlPath<String>,
    q: Query<LangQuery>,
    h: HeaderMap,
) -> Result<Response, Problem> {
    let lang = app.lang(&q, &h);
    app.jobs
        .status(&id, lang)
        .map(|s| axum::Json(s).into_response())
        .ok_or_else(|| no_job(&id, lang))
}

fn no_job(id: &str, lang: Lang) -> Problem {
    let id: String = id.chars().take(64).collect();
    Problem::new(
        StatusCode::NOT_FOUND,
        "job-unknown",
        lang,
        tr!("không có việc \"{id}\"", "there is no job \"{id}\""),
    )
}

async fn job_result(
    State(app): State<Shared>,
    UrlPath(id): UrlPath<String>,
    q: Query<LangQuery>,
    h: HeaderMap,
) -> Result<Response, Problem> {
    let lang = app.lang(&q, &h);
    let path = match app.jobs.result(&id) {
        None => return Err(no_job(&id, lang)),
        Some(Err(state)) => {
            return Err(Problem::new(
                StatusCode::CONFLICT,
                "not-ready",
                lang,
                jobs::not_ready(state),
            ));
        }
        Some(Ok(path)) => path,
    };
    let file = tokio::fs::File::open(&path).await.map_err(|e| {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "output",
            lang,
            io_reason(&e),
        )
    })?;
    let len = file.metadata().await.map(|m| m.len()).ok();
    let mut resp = Response::new(Body::from_stream(chunks(file)));
    let hd = resp.headers_mut();
    hd.insert(header::CONTENT_TYPE, HeaderValue::from_static(ZIP));
    hd.insert(
        header::CONTENT_DISPOSITION,
        attachment(&format!("{id}.zip")),
    );
    if let Some(len) = len {
        hd.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    }
    Ok(resp)
}

/// A file as a stream of chunks, so a large result is not held in memory.
fn chunks(
    file: tokio::fs::File,
) -> impl futures_util::Stream<Item = std::io::Result<Vec<u8>>> + Send {
    use tokio::io::AsyncReadExt;
    futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let mut buf = vec![0u8; 256 * 1024];
        match file.read(&mut buf).await {
            Ok(0) => None,
            Ok(n) => {
                buf.truncate(n);
                Some((Ok(buf), Some(file)))
            }
            Err(e) => Some((Err(e), None)),
        }
    })
}
