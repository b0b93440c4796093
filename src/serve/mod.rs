//! `vanban serve`: the document service — a web page for staff and an HTTP API for other
//! systems, in the same binary, on the same library, with the same messages.
//!
//! It is a thin face over the library: every answer is made by the function the matching
//! command calls (`catalog` for `templates`, `check::check_with` for `check`,
//! `render::produce_with` for `render`, `preview::pages` for `preview`, `batch::run` for
//! `batch`), so the service holds no logic the command line lacks. What is its own is the
//! HTTP around them:
//!
//! - [`templates`]: template names are catalog names, never paths; the built-in templates
//!   are written under `--data-dir` (the library reads template folders), local folders
//!   (`--templates`) are re-read on every request, so an edit shows without a restart.
//! - [`upload`]: multipart uploads into a temporary folder under `--data-dir`, removed
//!   when the response ends; more than `--max-upload` bytes is 413.
//! - [`pool`]: renders run on at most `--workers` blocking threads; at most
//!   [`Options::queue`] requests wait (then 429 with Retry-After); a render running
//!   longer than [`Options::timeout`] is answered 503 and its slot given back.
//! - [`jobs`]: batches in `--data-dir/jobs`, on the batch engine; a job interrupted by a
//!   restart (or a stop) continues when the service starts again.
//! - [`problem`]: errors as `application/problem+json`, with the library's located
//!   messages in the language of `lang` or `Accept-Language`.
//! - [`page`]: the page for clerks, server-rendered HTML with a little plain JavaScript.
//! - [`register`]: the outgoing-document register (`--register FILE`): numbers taken and
//!   listed over HTTP by the rules of `vanban register`.
//! - [`auth`]: `Authorization: Bearer` with `--token-file`; the page asks once and keeps
//!   the token in a cookie.
//!
//! Nothing outside `--data-dir` is written.

mod api;
mod auth;
pub mod bench;
mod jobs;
mod metrics;
mod page;
mod pool;
mod problem;
mod register;
mod templates;
mod upload;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use crate::i18n::{Bilingual, Lang, Text, io_reason};
use crate::tr;

/// Default for `--max-upload`: 20 MB.
pub const DEFAULT_MAX_UPLOAD: usize = 20 * 1024 * 1024;
/// Requests that may wait for a worker; one more is answered 429.
pub const DEFAULT_QUEUE: usize = 64;
/// A render running longer is answered 503.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How to run the service (the command-line options).
#[derive(Debug, Clone)]
pub struct Options {
    pub addr: SocketAddr,
    /// Folders of local templates (each a template, or holding template folders).
    pub templates: Vec<PathBuf>,
    /// Where uploads, built-in templates, jobs and their results are kept; nothing is
    /// written anywhere else.
    pub data_dir: PathBuf,
    /// Render threads; 0 = one per core.
    pub workers: usize,
    /// A file holding the bearer token (its first line, trimmed).
    pub token_file: Option<PathBuf>,
    /// The language when a request does not ask for one.
    pub lang: Lang,
    /// Largest upload, in bytes.
    pub max_upload: usize,
    /// Requests that may wait for a worker.
    pub queue: usize,
    /// Longest render.
    pub timeout: Duration,
    /// The outgoing-document register that `POST /api/register/take` numbers from and
    /// `GET /api/register` lists (`--register FILE`, made by `vanban register init`).
    pub register: Option<PathBuf>,
}

impl Options {
    pub fn new(addr: SocketAddr, data_dir: PathBuf) -> Options {
        Options {
            addr,
            templates: Vec::new(),
            data_dir,
            workers: 0,
            token_file: None,
            lang: Lang::Vi,
            max_upload: DEFAULT_MAX_UPLOAD,
            queue: DEFAULT_QUEUE,
            timeout: DEFAULT_TIMEOUT,
            register: None,
        }
    }
}

/// Why the service did not start (or stopped).
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(
        "{addr} is not a loopback address: anyone on the network could use the service; give --token-file FILE (a secret token), or listen on 127.0.0.1"
    )]
    OpenWithoutToken { addr: SocketAddr },
    #[error("cannot read the token file {}: {reason}", .path.display())]
    Token { path: PathBuf, reason: Text },
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: Text },
    #[error("cannot use the data folder {}: {reason}", .path.display())]
    DataDir { path: PathBuf, reason: Text },
    #[error("the service stopped: {reason}")]
    Runtime { reason: Text },
    #[error("{0}")]
    Register(crate::register::RegisterError),
}

impl Bilingual for ServeError {
    fn text(&self) -> Text {
        match self {
            ServeError::OpenWithoutToken { addr } => tr!(
                "{addr} không phải địa chỉ nội bộ (loopback): ai trong mạng cũng dùng được dịch vụ; \
                 hãy cho --token-file TỆP (một mã bí mật), hoặc nghe trên 127.0.0.1",
                "{addr} is not a loopback address: anyone on the network could use the service; \
                 give --token-file FILE (a secret token), or listen on 127.0.0.1"
            ),
            ServeError::Token { path, reason } => {
                let path = path.display();
                tr!(
                    "không đọc được tệp mã truy cập {path}: {reason}",
                    "cannot read the token file {path}: {reason}";
                    reason = reason
                )
            }
            ServeError::Bind { addr, reason } => tr!(
                "không nghe được trên {addr}: {reason}",
                "cannot listen on {addr}: {reason}";
                reason = reason
            ),
            ServeError::DataDir { path, reason } => {
                let path = path.display();
                tr!(
                    "không dùng được thư mục dữ liệu {path}: {reason}",
                    "cannot use the data folder {path}: {reason}";
                    reason = reason
                )
            }
            ServeError::Runtime { reason } => tr!(
                "dịch vụ đã dừng: {reason}",
                "the service stopped: {reason}";
                reason = reason
            ),
            ServeError::Register(e) => e.text(),
        }
    }
}

/// What the service tells its operator while it runs (the CLI prints it).
#[derive(Debug, Clone)]
pub enum Event {
    /// Listening; the address actually bound (port 0 gives a free port).
    Listening(SocketAddr),
    /// Jobs interrupted by the last stop are being continued.
    Resumed(usize),
    /// A signal asked the service to stop; running jobs stop after their documents in
    /// hand and continue on the next start.
    Stopping,
}

impl Event {
    pub fn text(&self) -> Text {
        match self {
            Event::Listening(addr) => tr!(
                "vanban serve đang nghe tại http://{addr}/",
                "vanban serve is listening on http://{addr}/"
            ),
            Event::Resumed(n) => tr!(
                "làm tiếp {n} việc bị gián đoạn lần trước",
                "continuing {n} job(s) interrupted last time"
            ),
            Event::Stopping => tr!(
                "đang dừng: chờ các văn bản đang tạo xong; việc chưa xong sẽ làm tiếp ở lần chạy sau",
                "stopping after the documents in progress; unfinished jobs continue on the next start"
            ),
        }
    }
}

/// The bearer token from `--token-file`, and the refusal to listen on a non-loopback
/// address without one.
fn token(opts: &Options) -> Result<Option<String>, ServeError> {
    let Some(path) = &opts.token_file else {
        if !opts.addr.ip().is_loopback() {
            return Err(ServeError::OpenWithoutToken { addr: opts.addr });
        }
        return Ok(None);
    };
    let text = std::fs::read_to_string(path).map_err(|e| ServeError::Token {
        path: path.clone(),
        reason: io_reason(&e),
    })?;
    let token = text.lines().next().unwrap_or("").trim().to_string();
    // It travels in a header and a cookie: visible ASCII without `;` or `,`.
    let plain = token
        .chars()
        .all(|c| c.is_ascii_graphic() && c != ';' && c != ',');
    if token.len() < 16 || !plain {
        return Err(ServeError::Token {
            path: path.clone(),
            reason: tr!(
                "mã (dòng đầu của tệp) phải dài ít nhất 16 ký tự, chỉ gồm chữ, số và dấu ASCII, \
                 không có dấu cách, ; hay ,",
                "the token (the file's first line) must be at least 16 characters of ASCII \
                 letters, digits and punctuation, without spaces, ; or ,"
            ),
        });
    }
    Ok(Some(token))
}

/// A service started by [`start`], running on a thread of its own.
pub struct Running {
    /// The address it listens on (port 0 in the options gives a free port).
    pub addr: SocketAddr,
    stop: Arc<tokio::sync::Notify>,
    thread: std::thread::JoinHandle<Result<(), ServeError>>,
}

impl Running {
    /// Stops it as SIGTERM would (running jobs stop after the documents in hand) and
    /// waits until it has stopped.
    pub fn stop(self) -> Result<(), ServeError> {
        self.stop.notify_one();
        self.wait()
    }

    /// Waits until it stops (on SIGINT or SIGTERM).
    pub fn wait(self) -> Result<(), ServeError> {
        self.thread.join().unwrap_or_else(|_| {
            Err(ServeError::Runtime {
                reason: tr!("luồng của dịch vụ bị lỗi", "the service's thread panicked"),
            })
        })
    }
}

/// Starts the service and returns once it listens. `events` hears what the operator
/// should see.
pub fn start(
    opts: Options,
    events: impl Fn(Event) + Send + Sync + 'static,
) -> Result<Running, ServeError> {
    let token = token(&opts)?;
    let events: Arc<dyn Fn(Event) + Send + Sync> = Arc::new(events);
    let workers = match opts.workers {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let stop = Arc::new(tokio::sync::Notify::new());
    let (ready_tx, ready_rx) = std::sync::mpsc::channel();
    let stop_for_thread = Arc::clone(&stop);
    let thread = std::thread::Builder::new()
        .name("vanban-serve".into())
        .spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                // typst lays out deep documents recursively (see batch's WORKER_STACK).
                .thread_stack_size(32 * 1024 * 1024)
                .thread_name("vanban-serve")
                .build()
                .map_err(|e| ServeError::Runtime {
                    reason: io_reason(&e),
                })?;
            runtime.block_on(api::serve(
                opts,
                workers,
                token,
                events,
                stop_for_thread,
                ready_tx,
            ))
        })
        .map_err(|e| ServeError::Runtime {
            reason: io_reason(&e),
        })?;
    match ready_rx.recv() {
        Ok(addr) => Ok(Running { addr, stop, thread }),
        // The thread ended before listening: its error says why.
        Err(_) => {
            let running = Running {
                addr: SocketAddr::from(([127, 0, 0, 1], 0)),
                stop,
                thread,
            };
            running.wait()?;
            Err(ServeError::Runtime {
                reason: tr!("dịch vụ không khởi động được", "the service did not start"),
            })
        }
    }
}

/// Runs the service until SIGINT or SIGTERM.
pub fn run(
    opts: Options,
    events: impl Fn(Event) + Send + Sync + 'static,
) -> Result<(), ServeError> {
    start(opts, events)?.wait()
}
