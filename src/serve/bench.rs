//! `vanban bench-serve`: the service measured from outside — `POST /api/render` of one
//! template and workbook (by default the monthly report, as a zip of the PDF and the
//! DOCX) from a few concurrent clients against a service started in this process on
//! 127.0.0.1 (a free port) with a temporary data folder. Reports the latency (p50, p95,
//! max) and renders per second. A benchmark, not a test: it asserts nothing about speed.
//!
//! The client is a few lines of HTTP/1.1 over a TCP stream (one connection per request,
//! `Connection: close`), so that the library needs no HTTP client of its own.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::{Options, ServeError};
use crate::i18n::{Lang, Text, io_reason};
use crate::tr;

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Concurrent clients.
    pub clients: usize,
    /// Measured requests (after a warm-up of two per client).
    pub requests: usize,
    /// Catalog name of the template.
    pub template: String,
    /// The workbook to upload.
    pub sample: PathBuf,
    /// `pdf`, `docx` or `zip`.
    pub format: String,
    /// Render threads of the service (0 = one per core).
    pub workers: usize,
    pub lang: Lang,
}

fn err(message: Text) -> ServeError {
    ServeError::Runtime {
        reason: message.map(|m| format!("bench-serve: {m}")),
    }
}

const BOUNDARY: &str = "vanban-bench-3f9a1c";

/// The request, made once.
fn request(addr: SocketAddr, opts: &BenchOptions, workbook: &[u8]) -> Vec<u8> {
    let file = opts
        .sample
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bang-tinh.xlsx".into());
    let mut body = Vec::new();
    for (name, value) in [("template", &opts.template), ("format", &opts.format)] {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"workbook\"; filename=\"{file}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(workbook);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    let mut req = format!(
        "POST /api/render HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\
         Content-Type: multipart/form-data; boundary={BOUNDARY}\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    req.extend_from_slice(&body);
    req
}

/// Sends one request; Ok(latency) for a 200 with a body, Err(what came back).
fn one(addr: SocketAddr, req: &[u8]) -> Result<Duration, String> {
    let started = Instant::now();
    let mut s = TcpStream::connect(addr).map_err(|e| e.to_string())?;
    s.write_all(req).map_err(|e| e.to_string())?;
    let mut resp = Vec::new();
    s.read_to_end(&mut resp).map_err(|e| e.to_string())?;
    let took = started.elapsed();
    let head_end = resp
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or("no HTTP head")?;
    let status = String::from_utf8_lossy(&resp[..head_end.min(64)]).into_owned();
    if status.starts_with("HTTP/1.1 200") && resp.len() > head_end + 4 {
        Ok(took)
    } else {
        Err(String::from_utf8_lossy(&resp[..resp.len().min(600)]).into_owned())
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Runs the benchmark and writes its report to `out`.
pub fn run(opts: &BenchOptions, out: &mut dyn Write) -> Result<(), ServeError> {
    let lang = opts.lang;
    let workbook = std::fs::read(&opts.sample).map_err(|e| {
        let path = opts.sample.display();
        err(tr!("{path}: {reason}", "{path}: {reason}"; reason = io_reason(&e)))
    })?;
    let data = tempfile::Builder::new()
        .prefix("vanban-bench-serve-")
        .tempdir()
        .map_err(|e| {
            err(tr!(
                "không tạo được thư mục tạm: {reason}",
                "cannot make a temporary folder: {reason}";
                reason = io_reason(&e)
            ))
        })?;
    let mut o = Options::new(
        SocketAddr::from(([127, 0, 0, 1], 0)),
        data.path().to_path_buf(),
    );
    o.workers = opts.workers;
    o.lang = lang;
    let workers = match opts.workers {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let service = super::start(o, |_| {})?;
    let addr = service.addr;
    let req = request(addr, opts, &workbook);
    let clients = opts.clients.max(1);
    let version = env!("CARGO_PKG_VERSION");
    let (template, format, requests) = (&opts.template, &opts.format, opts.requests);
    let _ = writeln!(
        out,
        "{}",
        tr!(
            "vanban bench-serve — vanban {version}: POST /api/render mẫu {template}, format={format}, {clients} máy khách, {workers} luồng của dịch vụ, {requests} yêu cầu",
            "vanban bench-serve — vanban {version}: POST /api/render of {template}, format={format}, {clients} clients, {workers} service workers, {requests} requests"
        )
        .take(lang)
    );
    let _ = out.flush();
    // Warm-up: fonts, the Typst library, the first layouts.
    for _ in 0..(2 * clients) {
        one(addr, &req).map_err(|e| err(Text::same(e)))?;
    }
    let started = Instant::now();
    let results: Vec<Result<Duration, String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                let req = &req;
                scope.spawn(move || {
                    (c..requests)
                        .step_by(clients)
                        .map(|_| one(addr, req))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    let wall = started.elapsed();
    let _ = service.stop();
    let mut times = Vec::new();
    for r in results {
        times.push(r.map_err(|e| err(Text::same(e)))?);
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (p50, p95, max) = (
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95)),
        ms(percentile(&times, 1.0)),
    );
    let per_s = times.len() as f64 / wall.as_secs_f64().max(1e-9);
    let secs = wall.as_secs_f64();
    let _ = writeln!(
        out,
        "{}",
        tr!(
            "p50 {p50:.1} ms, p95 {p95:.1} ms, lâu nhất {max:.1} ms; {per_s:.1} văn bản/giây ({requests} yêu cầu trong {secs:.1} giây)",
            "p50 {p50:.1} ms, p95 {p95:.1} ms, max {max:.1} ms; {per_s:.1} renders/s ({requests} requests in {secs:.1} s)"
        )
        .take(lang)
    );
    Ok(())
}
