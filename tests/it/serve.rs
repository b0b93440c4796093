//! `vanban serve`: the real binary listening on 127.0.0.1 (port 0), spoken to over real
//! HTTP — render, check, preview, jobs across a restart, limits (413, 429, 503), auth,
//! template names that are paths, HTML escaping, a bounded soak run, and the page in a
//! real headless Chromium.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

// ---------------------------------------------------------------------------------------
// A server and a small HTTP client.

/// A running `vanban serve`; killed when dropped.
struct Server {
    child: Child,
    url: String,
    /// The server's working folder: it must stay empty (nothing outside --data-dir).
    cwd: tempfile::TempDir,
}

impl Server {
    /// Starts the server with `--data-dir data` and `args`, and waits for its address.
    fn start(data: &Path, args: &[&str], env: &[(&str, &str)]) -> Server {
        let cwd = tempdir();
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_vanban"));
        cmd.args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
            .arg(data)
            .args(args)
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env("LANG", "C.UTF-8")
            .env_remove("VANBAN_TEST_SLOWDOWN_MS")
            .current_dir(cwd.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("vanban serve starts");
        let mut line = String::new();
        let stdout = child.stdout.take().expect("stdout is piped");
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the address");
        if line.trim().is_empty() {
            let mut err = String::new();
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            let _ = child.wait();
            panic!("vanban serve did not start: {err}");
        }
        let url = line.trim().trim_end_matches('/').to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{url}");
        Server { child, url, cwd }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }

    /// Resident memory of the server process, in kB.
    fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc is readable");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmRSS")
    }

    /// Kills the server at once (SIGKILL), as a crash would.
    fn kill(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let left: Vec<_> = std::fs::read_dir(self.cwd.path())
            .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
            .unwrap_or_default();
        if !std::thread::panicking() {
            assert!(left.is_empty(), "written outside --data-dir: {left:?}");
        }
    }
}

/// An answer.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(180)))
        .build()
        .into()
}

fn reply(resp: ureq::http::Response<ureq::Body>) -> Reply {
    let status = resp.status().as_u16();
    let headers = resp
        .headers()
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_str().unwrap_or("").to_string()))
        .collect();
    let body = resp
        .into_body()
        .with_config()
        .limit(200 * 1024 * 1024)
        .read_to_vec()
        .expect("the body is read");
    Reply {
        status,
        headers,
        body,
    }
}

fn get(url: &str, headers: &[(&str, &str)]) -> Reply {
    let mut req = agent().get(url);
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    reply(req.call().expect("the server answers"))
}

/// A multipart/form-data body.
#[derive(Clone, Default)]
struct Form {
    parts: Vec<(String, Option<String>, Vec<u8>)>,
}

const BOUNDARY: &str = "vanban-test-7d1f0c2e9b";

impl Form {
    fn new() -> Form {
        Form::default()
    }

    fn text(mut self, name: &str, value: &str) -> Form {
        self.parts
            .push((name.into(), None, value.as_bytes().to_vec()));
        self
    }

    fn file(mut self, name: &str, file_name: &str, bytes: Vec<u8>) -> Form {
        self.parts
            .push((name.into(), Some(file_name.into()), bytes));
        self
    }

    /// The template and a workbook file from disk.
    fn with(template: &str, workbook: &Path) -> Form {
        let name = workbook.file_name().unwrap().to_string_lossy().into_owned();
        Form::new().text("template", template).file(
            "workbook",
            &name,
            std::fs::read(workbook).unwrap(),
        )
    }

    fn encode(&self) -> Vec<u8> {
        let mut body = Vec::new();
        for (name, file, bytes) in &self.parts {
            body.extend_from_slice(format!("--{BOUNDARY}\r\n").as_bytes());
            match file {
                Some(f) => body.extend_from_slice(
                    format!(
                        "Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\n\
                         Content-Type: application/octet-stream\r\n\r\n"
                    )
                    .as_bytes(),
                ),
                None => body.extend_from_slice(
                    format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes(),
                ),
            }
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
        body
    }
}

fn post(url: &str, form: &Form, headers: &[(&str, &str)]) -> Reply {
    let mut req = agent().post(url).header(
        "Content-Type",
        format!("multipart/form-data; boundary={BOUNDARY}"),
    );
    for (k, v) in headers {
        req = req.header(*k, *v);
    }
    reply(req.send(&form.encode()[..]).expect("the server answers"))
}

fn sample() -> PathBuf {
    root().join("samples/bao-cao-thang.xlsx")
}

fn fixtures() -> String {
    root()
        .join("tests/fixtures/templates")
        .display()
        .to_string()
}

/// Files under `dir`, recursively (relative paths).
fn files_under(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().display().to_string());
            }
        }
    }
    out.sort();
    out
}

/// The entries of a zip.
fn zip_names(bytes: &[u8]) -> Vec<String> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..z.len())
        .map(|i| z.by_index(i).unwrap().name().to_string())
        .collect()
}

/// A workbook for the `escape` fixture template whose cell B3 of "Dữ liệu" is #DIV/0!.
fn error_cell_workbook(path: &Path) {
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("Thông tin").unwrap();
    ws.write_string(0, 0, "Trường").unwrap();
    ws.write_string(0, 1, "Giá trị").unwrap();
    for (i, (k, v)) in escape_facts("x").iter().enumerate() {
        ws.write_string(i as u32 + 1, 0, *k).unwrap();
        ws.write_string(i as u32 + 1, 1, v).unwrap();
    }
    let ws = book.add_worksheet();
    ws.set_name("Dữ liệu").unwrap();
    ws.write_string(0, 0, "STT").unwrap();
    ws.write_string(0, 1, "Nội dung").unwrap();
    ws.write_number(1, 0, 1.0).unwrap();
    ws.write_string(1, 1, "một").unwrap();
    ws.write_number(2, 0, 2.0).unwrap();
    ws.write_formula(
        2,
        1,
        rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
    )
    .unwrap();
    book.save(path).unwrap();
}

// ---------------------------------------------------------------------------------------
// The API.

#[test]
fn render_check_preview_and_the_catalog() {
    let data = tempdir();
    let s = Server::start(data.path(), &["--templates", &fixtures()], &[]);
    assert_eq!(get(&s.url("/healthz"), &[]).status, 200);

    let list = get(&s.url("/api/templates"), &[]).json();
    let names: Vec<&str> = list["templates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    for n in ["bao-cao-thang", "bao-cao-tinh", "escape", "helpers"] {
        assert!(names.contains(&n), "{names:?}");
    }

    // PDF, named as `vanban render` names it, and read back.
    let form = Form::with("bao-cao-thang", &sample());
    let r = post(
        &s.url("/api/render"),
        &form.clone().text("format", "pdf"),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    let cd = r.header("content-disposition").unwrap().to_string();
    assert!(cd.contains("BC-45-cndp-thang-10-2025.pdf"), "{cd}");
    assert!(r.body.starts_with(b"%PDF"));
    let dir = tempdir();
    let pdf = dir.path().join("a.pdf");
    std::fs::write(&pdf, &r.body).unwrap();
    if let Some(text) = pdf_text(&pdf) {
        assert!(
            text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
            "{text}"
        );
    }
    // DOCX, and both as a zip.
    let r = post(
        &s.url("/api/render"),
        &form.clone().text("format", "docx"),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(
        r.header("content-disposition")
            .unwrap()
            .contains("BC-45-cndp-thang-10-2025.docx")
    );
    assert!(r.body.starts_with(b"PK"));
    let r = post(
        &s.url("/api/render"),
        &form.clone().text("format", "zip"),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/zip"));
    assert_eq!(
        zip_names(&r.body),
        [
            "BC-45-cndp-thang-10-2025.pdf",
            "BC-45-cndp-thang-10-2025.docx"
        ]
    );
    let r = post(
        &s.url("/api/render"),
        &form.clone().text("format", "odt"),
        &[],
    );
    assert_eq!(r.status, 400, "{}", r.text());

    // Check: the sample is clean.
    let r = post(&s.url("/api/check"), &form, &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    let report = r.json();
    assert_eq!(report["clean"], true, "{report}");

    // Preview: page 2 as PNG, with the page count.
    let r = post(
        &s.url("/api/preview"),
        &form.clone().text("page", "2").text("dpi", "50"),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("image/png"));
    assert!(r.body.starts_with(b"\x89PNG"));
    let pages: usize = r.header("x-vanban-pages").unwrap().parse().unwrap();
    assert!(pages >= 2, "{pages}");
    let r = post(
        &s.url("/api/preview"),
        &form.clone().text("page", "99"),
        &[],
    );
    assert_eq!(r.status, 400, "{}", r.text());
    assert!(r.json()["detail"].as_str().unwrap().contains("99"));

    // A data error: 422, problem+json, located (file, sheet, cell), in the reader's
    // language, with the names the reader knows and no server path.
    let wb = dir.path().join("loi.xlsx");
    error_cell_workbook(&wb);
    let bad = Form::with("escape", &wb);
    let r = post(
        &s.url("/api/render"),
        &bad,
        &[("Accept-Language", "en-US,en;q=0.9")],
    );
    assert_eq!(r.status, 422, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    let p = r.json();
    let detail = p["detail"].as_str().unwrap();
    assert!(
        detail.contains("loi.xlsx") && detail.contains("\"Dữ liệu\"") && detail.contains("cell B3"),
        "{detail}"
    );
    assert!(
        !r.text().contains(&data.path().display().to_string()),
        "{}",
        r.text()
    );
    assert!(
        p["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "error-cell"),
        "{p}"
    );
    let r = post(&s.url("/api/render"), &bad, &[]);
    let vi = r.json()["detail"].as_str().unwrap().to_string();
    assert!(vi.contains("loi.xlsx") && vi.contains("ô B3"), "{vi}");
    let r = post(&s.url("/api/check?lang=en"), &bad, &[]);
    let report = r.json();
    assert_eq!(report["clean"], false);
    assert!(
        report["problems"].as_array().unwrap().iter().any(|d| {
            d["code"] == "error-cell" && d["message"].as_str().unwrap().contains("B3")
        }),
        "{report}"
    );

    // A per-row template has no single document: 422 saying to run a batch.
    let r = post(
        &s.url("/api/render?lang=en"),
        &Form::with("bao-cao-tinh", &sample()),
        &[],
    );
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(
        r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("vanban batch")
    );

    // Metrics count what was done.
    let m = get(&s.url("/metrics"), &[]).text();
    assert!(m.contains("vanban_renders_total{kind=\"render\"} 3"), "{m}");
    assert!(
        m.contains("vanban_render_failures_total{kind=\"render\"} 3"),
        "{m}"
    );
    assert!(m.contains("vanban_queue_length 0"), "{m}");
    assert!(
        m.contains("vanban_render_duration_seconds_count{kind=\"preview\"} 2"),
        "{m}"
    );

    // Uploads are gone once answered.
    assert!(files_under(&data.path().join("tmp")).is_empty());
}

#[test]
fn template_names_are_never_paths() {
    let data = tempdir();
    let s = Server::start(data.path(), &[], &[]);
    for name in [
        "../../etc",
        "bao-cao-thang/../bao-cao-tinh",
        "/etc/passwd",
        "..",
        ".hidden",
    ] {
        let r = post(
            &s.url("/api/render?lang=en"),
            &Form::with(name, &sample()),
            &[],
        );
        assert_eq!(r.status, 400, "{name}: {}", r.text());
        assert_eq!(r.json()["code"], "template-name");
        assert!(
            r.json()["detail"]
                .as_str()
                .unwrap()
                .contains("catalog name")
        );
    }
    let r = post(
        &s.url("/api/check"),
        &Form::with("khong-co", &sample()),
        &[],
    );
    assert_eq!(r.status, 404, "{}", r.text());
    assert!(
        r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("bao-cao-thang")
    );
    // Job ids are not paths either.
    for id in ["..%2F..%2Fetc", "..", "abc%2Fdef"] {
        let r = get(&s.url(&format!("/api/jobs/{id}")), &[]);
        assert_eq!(r.status, 404, "{id}");
    }
    // The workbook's own name is made safe.
    let form = Form::new()
        .text("template", "bao-cao-thang")
        .text("format", "pdf")
        .file(
            "workbook",
            "../../../tmp/x.xlsx",
            std::fs::read(sample()).unwrap(),
        );
    let r = post(&s.url("/api/render"), &form, &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(files_under(&data.path().join("tmp")).is_empty());
}

#[test]
fn an_upload_over_the_limit_is_413() {
    let data = tempdir();
    let s = Server::start(data.path(), &["--max-upload", "1"], &[]);
    let big = vec![b'x'; 1_300_000];
    let form = Form::new()
        .text("template", "bao-cao-thang")
        .file("workbook", "lon.xlsx", big);
    let r = post(&s.url("/api/render?lang=en"), &form, &[]);
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    assert!(
        r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("--max-upload")
    );
    // Under the limit is fine.
    let r = post(
        &s.url("/api/render"),
        &Form::with("bao-cao-thang", &sample()),
        &[],
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(files_under(&data.path().join("tmp")).is_empty());
}

#[test]
fn a_full_queue_is_429_and_a_slow_render_503() {
    // One worker, one place in the queue, and renders that take 3 s: of five requests
    // sent at once, one runs, one waits, three are refused with Retry-After.
    let data = tempdir();
    let s = Server::start(
        data.path(),
        &["--workers", "1", "--queue", "1"],
        &[("VANBAN_TEST_SLOWDOWN_MS", "3000")],
    );
    let url = s.url("/api/render?lang=en");
    let form = Form::with("bao-cao-thang", &sample());
    let replies: Vec<Reply> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..5)
            .map(|_| scope.spawn(|| post(&url, &form, &[])))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let ok = replies.iter().filter(|r| r.status == 200).count();
    let busy: Vec<&Reply> = replies.iter().filter(|r| r.status == 429).collect();
    assert_eq!(
        (ok, busy.len()),
        (2, 3),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
    for r in busy {
        let secs: u64 = r
            .header("retry-after")
            .expect("Retry-After")
            .parse()
            .unwrap();
        assert!((1..=60).contains(&secs));
        assert_eq!(r.json()["code"], "busy");
    }
    drop(s);

    // A render over the time limit is 503, and its slot is given back at once: with one
    // worker and no queue, a second request sent while the first thread still sleeps is
    // run (and times out too) instead of being refused as busy.
    let data = tempdir();
    let s = Server::start(
        data.path(),
        &["--workers", "1", "--queue", "0", "--timeout-secs", "1"],
        &[("VANBAN_TEST_SLOWDOWN_MS", "5000")],
    );
    let url = s.url("/api/render?lang=en");
    let r = post(&url, &form, &[]);
    assert_eq!(r.status, 503, "{}", r.text());
    assert_eq!(r.json()["code"], "timeout");
    assert!(r.header("retry-after").is_some());
    let r = post(&url, &form, &[]);
    assert_eq!(r.status, 503, "{}", r.text());
    let m = get(&s.url("/metrics"), &[]).text();
    assert!(m.contains("vanban_rejected_timeout_total 2"), "{m}");
    assert!(m.contains("vanban_rejected_busy_total 0"), "{m}");
}

#[test]
fn a_token_guards_the_api_and_the_page() {
    let data = tempdir();
    let secret = tempdir();
    let token = "s3cret-token-for-the-test-0123";
    let token_file = secret.path().join("token");
    std::fs::write(&token_file, format!("{token}\n")).unwrap();
    let s = Server::start(
        data.path(),
        &["--token-file", &token_file.display().to_string()],
        &[],
    );
    assert_eq!(get(&s.url("/healthz"), &[]).status, 200);
    let r = get(&s.url("/api/templates?lang=en"), &[]);
    assert_eq!(r.status, 401);
    assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
    assert!(
        r.json()["detail"]
            .as_str()
            .unwrap()
            .contains("Authorization: Bearer")
    );
    let wrong = get(
        &s.url("/api/templates"),
        &[("Authorization", "Bearer nope-nope-nope-nope")],
    );
    assert_eq!(wrong.status, 401);
    let bearer = format!("Bearer {token}");
    let r = get(&s.url("/api/templates"), &[("Authorization", &bearer)]);
    assert_eq!(r.status, 200, "{}", r.text());
    let r = post(
        &s.url("/api/render"),
        &Form::with("bao-cao-thang", &sample()),
        &[],
    );
    assert_eq!(r.status, 401);
    let r = post(
        &s.url("/api/render"),
        &Form::with("bao-cao-thang", &sample()),
        &[("Authorization", &bearer)],
    );
    assert_eq!(r.status, 200, "{}", r.text());

    // The page asks for the token, then keeps it in a cookie.
    let page = get(&s.url("/"), &[]);
    assert_eq!(page.status, 401);
    assert!(page.text().contains("name=\"token\""), "{}", page.text());
    let no_redirect: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .max_redirects(0)
        .build()
        .into();
    let login = |t: &str| {
        reply(
            no_redirect
                .post(&s.url("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .send(format!("token={t}&lang=vi").as_bytes())
                .unwrap(),
        )
    };
    assert_eq!(login("wrong-token-000000000").status, 401);
    let ok = login(token);
    assert_eq!(ok.status, 303);
    let cookie = ok.header("set-cookie").unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().unwrap().to_string();
    let page = get(&s.url("/"), &[("Cookie", &pair)]);
    assert_eq!(page.status, 200);
    assert!(page.text().contains("id=\"step5\""));
    drop(s);

    // A non-loopback address without a token: refused, saying why.
    let out = vanban(&[
        "serve",
        "--addr",
        "0.0.0.0:0",
        "--data-dir",
        &data.path().display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("--token-file") && err.contains("0.0.0.0"),
        "{err}"
    );
    // A token too short to be a secret is refused too.
    std::fs::write(&token_file, "abc\n").unwrap();
    let out = vanban(&[
        "serve",
        "--data-dir",
        &data.path().display().to_string(),
        "--token-file",
        &token_file.display().to_string(),
    ]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn workbook_values_are_html_escaped_on_the_page() {
    let data = tempdir();
    let s = Server::start(data.path(), &["--templates", &fixtures()], &[]);
    let dir = tempdir();
    let wb = dir.path().join("xss.xlsx");
    write_workbook(
        &wb,
        &escape_facts("<script>alert(1)</script>")
            .iter()
            .map(|(k, v)| (*k, v.as_str()))
            .collect::<Vec<_>>(),
        &["a & b <img src=x onerror=alert(2)>", "c"],
    );
    let r = post(&s.url("/ui/inspect"), &Form::with("escape", &wb), &[]);
    assert_eq!(r.status, 200, "{}", r.text());
    let html = r.text();
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror=alert(2)&gt;"),
        "{html}"
    );
    assert!(html.contains("a &amp; b"), "{html}");
    assert!(
        !html.contains("<script") && !html.contains("<img"),
        "{html}"
    );
    // The page itself: in Vietnamese by default, in English on request.
    let page = get(&s.url("/"), &[]).text();
    assert!(page.contains("<html lang=\"vi\"") && page.contains("Chọn mẫu"));
    let page = get(&s.url("/?lang=en"), &[]).text();
    assert!(page.contains("<html lang=\"en\"") && page.contains("Choose a template"));
}

#[test]
fn a_job_continues_after_a_crash() {
    let data = tempdir();
    // Slow documents (0.3 s each, one worker), so the kill lands mid-run.
    let s = Server::start(
        data.path(),
        &["--workers", "1"],
        &[("VANBAN_TEST_SLOWDOWN_MS", "300")],
    );
    // A sheet that is not there: 422 before anything runs.
    let bad = Form::with("bao-cao-tinh", &sample()).text("rows", "Không có");
    let r = post(&s.url("/api/jobs?lang=en"), &bad, &[]);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.json()["detail"].as_str().unwrap().contains("Không có"));

    let form = Form::with("bao-cao-tinh", &sample()).text("rows", "Tỉnh thành");
    let r = post(&s.url("/api/jobs"), &form, &[]);
    assert_eq!(r.status, 202, "{}", r.text());
    let id = r.json()["id"].as_str().unwrap().to_string();
    assert_eq!(r.json()["total"], 34);
    let status_url = format!("/api/jobs/{id}");
    let r = get(&s.url(&format!("{status_url}/result.zip")), &[]);
    assert_eq!(r.status, 409, "{}", r.text());
    let started = Instant::now();
    loop {
        let st = get(&s.url(&status_url), &[]).json();
        if st["made"].as_u64().unwrap() >= 3 {
            assert_eq!(st["state"], "running", "{st}");
            break;
        }
        assert!(started.elapsed() < Duration::from_secs(120), "{st}");
        std::thread::sleep(Duration::from_millis(100));
    }
    s.kill();

    // Started again on the same folder, the job continues and finishes.
    let s = Server::start(data.path(), &[], &[]);
    let started = Instant::now();
    let st = loop {
        let st = get(&s.url(&status_url), &[]).json();
        if st["state"] == "done" {
            break st;
        }
        assert_ne!(st["state"], "failed", "{st}");
        assert!(started.elapsed() < Duration::from_secs(300), "{st}");
        std::thread::sleep(Duration::from_millis(200));
    };
    assert_eq!(
        (st["made"].as_u64(), st["failed"].as_u64()),
        (Some(34), Some(0)),
        "{st}"
    );
    let r = get(&s.url(&format!("{status_url}/result.zip")), &[]);
    assert_eq!(r.status, 200);
    let names = zip_names(&r.body);
    assert_eq!(
        names.iter().filter(|n| n.ends_with(".pdf")).count(),
        34,
        "{names:?}"
    );
    assert_eq!(
        names.iter().filter(|n| n.ends_with(".docx")).count(),
        34,
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n == "vanban-ket-qua.xlsx"),
        "{names:?}"
    );
    assert!(
        !names
            .iter()
            .any(|n| n.contains("manifest") || n.ends_with(".part"))
    );
    // Everything the job wrote is in its folder under --data-dir.
    let job_files = files_under(&data.path().join("jobs").join(&id));
    assert!(job_files.iter().any(|f| f == "result.zip"), "{job_files:?}");
}

#[test]
fn soak_500_renders_from_8_clients() {
    const CLIENTS: usize = 8;
    const RENDERS: usize = 500;
    let data = tempdir();
    let s = Server::start(data.path(), &[], &[]);
    let url = s.url("/api/render");
    let form = Form::with("bao-cao-thang", &sample()).text("format", "pdf");
    let run = |n: usize| {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..CLIENTS)
                .map(|c| {
                    let (url, form) = (&url, &form);
                    scope.spawn(move || {
                        let mut statuses = Vec::new();
                        for _ in (c..n).step_by(CLIENTS) {
                            let r = post(url, form, &[]);
                            assert!(r.body.starts_with(b"%PDF") || r.status != 200);
                            statuses.push(r.status);
                        }
                        statuses
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap())
                .collect::<Vec<u16>>()
        })
    };
    let warm_up = RENDERS / 5;
    let started = Instant::now();
    let first = run(warm_up);
    let after_warm_up = s.rss_kb();
    let second = run(RENDERS - warm_up);
    let at_end = s.rss_kb();
    let took = started.elapsed();
    let statuses: Vec<u16> = first.into_iter().chain(second).collect();
    assert_eq!(statuses.len(), RENDERS);
    assert!(statuses.iter().all(|s| *s == 200), "{statuses:?}");
    eprintln!(
        "soak: {RENDERS} renders from {CLIENTS} clients in {:.1} s; RSS {} MB after warm-up, {} MB at the end",
        took.as_secs_f64(),
        after_warm_up / 1024,
        at_end / 1024
    );
    // Flat: the last 400 renders add less than a fifth (and 64 MB) to what the first 100
    // left.
    assert!(
        at_end <= after_warm_up + (after_warm_up / 5).max(64 * 1024),
        "RSS grew from {after_warm_up} kB to {at_end} kB"
    );
    let m = get(&s.url("/metrics"), &[]).text();
    assert!(
        m.contains(&format!(
            "vanban_renders_total{{kind=\"render\"}} {RENDERS}"
        )),
        "{m}"
    );
    assert!(files_under(&data.path().join("tmp")).is_empty());
    assert!(files_under(&data.path().join("jobs")).is_empty());
}

// ---------------------------------------------------------------------------------------
// The page, in a real headless Chromium.

/// A free loopback port.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// chromedriver on a free loopback port; killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn chromedriver() -> Driver {
    let port = free_port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .arg("--allowed-ips=127.0.0.1")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver {
        child,
        url: format!("http://127.0.0.1:{port}"),
    };
    let started = Instant::now();
    loop {
        let up = agent()
            .get(&format!("{}/status", driver.url))
            .call()
            .is_ok_and(|r| r.status().as_u16() == 200);
        if up {
            return driver;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "chromedriver did not start"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Waits until `script` (a JavaScript expression) is truthy in the page.
async fn until(c: &fantoccini::Client, what: &str, script: &str, secs: u64) {
    let started = Instant::now();
    loop {
        let v = c
            .execute(&format!("return !!({script});"), vec![])
            .await
            .expect("the script runs");
        if v == serde_json::Value::Bool(true) {
            return;
        }
        if started.elapsed() > Duration::from_secs(secs) {
            let body = c
                .execute("return document.body.innerText;", vec![])
                .await
                .unwrap_or_default();
            panic!("timed out waiting for {what}; the page says:\n{body}");
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A finished download in `dir` whose name ends with `ext`.
async fn downloaded(dir: &Path, ext: &str) -> PathBuf {
    let started = Instant::now();
    loop {
        let found = std::fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(ext));
        if let Some(p) = found {
            return p;
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "no {ext} downloaded: {:?}",
            files_under(dir)
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[test]
fn the_page_in_headless_chromium() {
    if !tool("chromium") || !tool("chromedriver") {
        return;
    }
    let data = tempdir();
    let s = Server::start(data.path(), &[], &[]);
    let driver = chromedriver();
    let profile = tempdir();
    let downloads = tempdir();
    let caps: serde_json::Map<String, serde_json::Value> =
        serde_json::from_value(serde_json::json!({
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,2200",
                    format!("--user-data-dir={}", profile.path().display()),
                ],
                "prefs": {
                    "download.default_directory": downloads.path().display().to_string(),
                    "download.prompt_for_download": false,
                    "download.directory_upgrade": true,
                },
            },
        }))
        .unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        use fantoccini::Locator;
        let c = fantoccini::ClientBuilder::new(
            hyper_util::client::legacy::connect::HttpConnector::new(),
        )
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .expect("a WebDriver session");
        c.goto(&s.url("/")).await.unwrap();
        let title = c.find(Locator::Css("#step1 h2")).await.unwrap().text().await.unwrap();
        assert_eq!(title, "1. Chọn mẫu");

        // 1. The monthly report.
        c.find(Locator::Css("input[name=template][value='bao-cao-thang']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        // 2. The workbook: fields and the check report appear.
        c.find(Locator::Id("workbook"))
            .await
            .unwrap()
            .send_keys(&sample().display().to_string())
            .await
            .unwrap();
        until(&c, "the fields view", "document.querySelector('#inspect table.fields')", 60).await;
        let inspect = c.find(Locator::Id("inspect")).await.unwrap().text().await.unwrap();
        assert!(inspect.contains("Kiểm tra: 0 lỗi"), "{inspect}");
        assert!(inspect.contains("tinh_thanh_pho"), "{inspect}");
        // 3. Every page as an image.
        c.find(Locator::Id("preview")).await.unwrap().click().await.unwrap();
        until(
            &c,
            "the page images",
            "document.querySelectorAll('#pages img').length >= 3 && \
             [...document.querySelectorAll('#pages img')].every(i => i.complete && i.naturalWidth > 0)",
            120,
        )
        .await;
        // 4. The PDF, downloaded and read back.
        c.find(Locator::Id("download-pdf")).await.unwrap().click().await.unwrap();
        let pdf = downloaded(downloads.path(), ".pdf").await;
        assert!(pdf.ends_with("BC-45-cndp-thang-10-2025.pdf"), "{}", pdf.display());
        if let Some(text) = pdf_text(&pdf) {
            assert!(text.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{text}");
        }
        let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-page.png");
        std::fs::write(&shot, c.screenshot().await.unwrap()).unwrap();
        eprintln!("screenshot: {}", shot.display());

        // 5. The per-row template: choose the sheet, start, watch, download the zip.
        until(&c, "the first check", "document.getElementById('inspect').dataset.inspections === '1'", 60).await;
        c.find(Locator::Css("input[name=template][value='bao-cao-tinh']"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        until(
            &c,
            "the check of the per-row template",
            "document.getElementById('inspect').dataset.inspections === '2'",
            60,
        )
        .await;
        c.find(Locator::Id("rows"))
            .await
            .unwrap()
            .select_by_value("Tỉnh thành")
            .await
            .unwrap();
        c.find(Locator::Id("start")).await.unwrap().click().await.unwrap();
        until(&c, "progress", "document.querySelector('#job-counts').textContent.length > 0", 60).await;
        until(
            &c,
            "the job to finish",
            "document.querySelector('#job-counts').dataset.state === 'done'",
            300,
        )
        .await;
        let counts = c.find(Locator::Id("job-counts")).await.unwrap().text().await.unwrap();
        assert!(counts.contains("đã tạo 34") && counts.contains("lỗi 0"), "{counts}");
        c.execute("document.getElementById('step3').scrollIntoView();", vec![])
            .await
            .unwrap();
        let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("serve-page-batch.png");
        std::fs::write(&shot, c.screenshot().await.unwrap()).unwrap();
        c.find(Locator::Id("job-result")).await.unwrap().click().await.unwrap();
        let zip = downloaded(downloads.path(), ".zip").await;
        let names = zip_names(&std::fs::read(&zip).unwrap());
        assert_eq!(names.iter().filter(|n| n.ends_with(".pdf")).count(), 34, "{names:?}");

        // The English switch, kept for the next visit.
        c.find(Locator::Id("lang-switch")).await.unwrap().click().await.unwrap();
        until(&c, "the English page", "document.documentElement.lang === 'en'", 30).await;
        c.goto(&s.url("/")).await.unwrap();
        let title = c.find(Locator::Css("#step1 h2")).await.unwrap().text().await.unwrap();
        assert_eq!(title, "1. Choose a template");
        c.close().await.unwrap();
    });
}

/// A template's description in the reader's language — template.toml's `description`
/// (Vietnamese) and `description_en` — on the page, in the API's list and in
/// `vanban templates`; a template with only the old `description` shows it in both.
#[test]
fn template_descriptions_are_in_the_readers_language() {
    let data = tempdir();
    let folder = tempdir();
    let old = folder.path().join("mau-cu");
    std::fs::create_dir_all(&old).unwrap();
    let src = root().join("tests/fixtures/templates/escape");
    std::fs::copy(src.join("body.md.hbs"), old.join("body.md.hbs")).unwrap();
    let toml = std::fs::read_to_string(src.join("template.toml"))
        .unwrap()
        .replace(
            "title = \"Escaping test\"",
            "title = \"Escaping test\"\ndescription = \"Only one description\"",
        );
    std::fs::write(old.join("template.toml"), toml).unwrap();
    let vi_desc = "Báo cáo theo Nghị định 30 (Mẫu 1.4) từ bảng tính có một sheet trường – giá trị";
    let en_desc = "Decree 30 report (Mẫu 1.4) from a workbook with a key–value sheet";

    let folder_arg = folder.path().display().to_string();
    let s = Server::start(data.path(), &["--templates", &folder_arg], &[]);
    let described = |lang: &str, name: &str| -> String {
        let list = get(&s.url(&format!("/api/templates?lang={lang}")), &[]).json();
        list["templates"]
            .as_array()
            .unwrap()
            .iter()
            .find(|t| t["name"] == name)
            .unwrap_or_else(|| panic!("{name} in {list}"))["description"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(described("vi", "bao-cao-thang").starts_with(vi_desc));
    assert!(described("en", "bao-cao-thang").starts_with(en_desc));
    assert_eq!(described("vi", "mau-cu"), "Only one description");
    assert_eq!(described("en", "mau-cu"), "Only one description");
    let page = get(&s.url("/"), &[]).text();
    assert!(page.contains(vi_desc) && !page.contains(en_desc), "{page}");
    let page = get(&s.url("/?lang=en"), &[]).text();
    assert!(page.contains(en_desc) && !page.contains(vi_desc), "{page}");

    for (lang, want, not) in [("vi", vi_desc, en_desc), ("en", en_desc, vi_desc)] {
        let o = vanban(&["--lang", lang, "templates", "--dir", &folder_arg]);
        assert!(o.status.success());
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(out.contains(want) && !out.contains(not), "{lang}: {out}");
        assert!(out.contains("    Only one description"), "{lang}: {out}");
    }
}

// ---------------------------------------------------------------------------------------
// The register over HTTP.

fn post_json(url: &str, body: &str) -> Reply {
    reply(
        agent()
            .post(url)
            .header("Content-Type", "application/json")
            .send(body.as_bytes())
            .expect("the server answers"),
    )
}

/// POST /api/register/take and GET /api/register follow `vanban register`'s rules on the
/// same SQLite file: numbers taken over HTTP by four clients at once, and by the command
/// line at the same time, are distinct and consecutive; the list equals `register list`.
#[test]
fn the_register_over_http() {
    let dir = tempdir();
    let book = dir.path().join("so-di.sqlite");
    let book_s = book.display().to_string();
    let made = vanban(&["register", "init", &book_s, "--agency", "CNĐP"]);
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );

    // Without --register the routes say how to get one.
    let bare = Server::start(&dir.path().join("bare"), &[], &[]);
    let r = get(&bare.url("/api/register?year=2025"), &[]);
    assert_eq!(r.status, 404, "{}", r.text());
    assert_eq!(r.json()["code"], "no-register");
    assert!(r.json()["detail"].as_str().unwrap().contains("--register"));
    drop(bare);

    // A register that is not there stops the service at start, naming the file.
    let missing = dir.path().join("khong-co.sqlite");
    let out = Command::new(env!("CARGO_BIN_EXE_vanban"))
        .args(["serve", "--addr", "127.0.0.1:0", "--data-dir"])
        .arg(dir.path().join("d2"))
        .arg("--register")
        .arg(&missing)
        .env("LANG", "C.UTF-8")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("vanban runs");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("khong-co.sqlite"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let server = Server::start(
        &dir.path().join("data"),
        &["--register", &book_s, "--templates", &fixtures()],
        &[],
    );
    let take = server.url("/api/register/take");
    let first = post_json(
        &take,
        r#"{"type": "Báo cáo", "symbol": "BC-CNĐP", "date": "2025-11-05",
            "summary": "Tình hình sản xuất công nghiệp tháng 10", "signer": "Nguyễn Văn An",
            "recipients": ["Bộ trưởng (để b/c)", "Các Thứ trưởng"], "archive": "VT, CNĐP",
            "copies": 3}"#,
    );
    assert_eq!(first.status, 201, "{}", first.text());
    let e = first.json();
    assert_eq!(e["reference"], "01/BC-CNĐP");
    assert_eq!(e["number"], 1);
    assert_eq!(e["year"], 2025);
    assert_eq!(e["copies"], 3);
    assert_eq!(e["recipients"][1], "Các Thứ trưởng");

    // Four HTTP clients and the command line, at once.
    let clients: Vec<_> = (0..4)
        .map(|c| {
            let take = take.clone();
            std::thread::spawn(move || {
                (0..8)
                    .map(|i| {
                        let body = format!(
                            r#"{{"type": "Công văn", "symbol": "CNĐP-KH", "date": "05/11/2025",
                                "summary": "Khách {c}-{i}"}}"#
                        );
                        let r = post_json(&take, &body);
                        assert_eq!(r.status, 201, "{}", r.text());
                        r.json()["number"].as_i64().expect("a number")
                    })
                    .collect::<Vec<i64>>()
            })
        })
        .collect();
    let mut cli = Vec::new();
    for i in 0..4 {
        let summary = format!("Dòng lệnh {i}");
        let out = vanban(&[
            "register",
            "take",
            &book_s,
            "--type",
            "Thông báo",
            "--symbol",
            "TB-CNĐP",
            "--date",
            "2025-11-06",
            "--summary",
            &summary,
            "--signer",
            "Trần Thị Bình",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let reference = String::from_utf8_lossy(&out.stdout);
        cli.push(
            reference
                .trim()
                .split('/')
                .next()
                .unwrap()
                .parse::<i64>()
                .unwrap(),
        );
    }
    let mut numbers: Vec<i64> = clients
        .into_iter()
        .flat_map(|t| t.join().expect("a client thread"))
        .chain(cli)
        .chain([1])
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=37).collect::<Vec<i64>>());

    // The list is what `register list --format json` gives.
    let listed = get(&server.url("/api/register?year=2025"), &[]);
    assert_eq!(listed.status, 200, "{}", listed.text());
    let out = vanban(&[
        "register", "list", &book_s, "--year", "2025", "--format", "json",
    ]);
    let cli_list: serde_json::Value =
        serde_json::from_str(&String::from_utf8_lossy(&out.stdout)).expect("JSON");
    assert_eq!(listed.json()["entries"], cli_list);
    assert_eq!(listed.json()["entries"].as_array().unwrap().len(), 37);
    let none = get(&server.url("/api/register?year=2024"), &[]);
    assert_eq!(none.json()["entries"], serde_json::json!([]));

    // Refusals name what is wrong, in the language asked for, never the file's path.
    let other = post_json(&take, r#"{"symbol": "BC-UBND", "date": "2025-11-05"}"#);
    assert_eq!(other.status, 422, "{}", other.text());
    assert_eq!(other.json()["code"], "register-rule");
    let detail = other.json()["detail"].as_str().unwrap().to_string();
    assert!(
        detail.contains("BC-UBND") && detail.contains("CNĐP"),
        "{detail}"
    );
    assert!(!detail.contains("so-di.sqlite"), "{detail}");
    let missing = post_json(&take, r#"{"date": "2025-11-05"}"#);
    assert_eq!(missing.status, 400);
    assert!(
        missing.json()["detail"]
            .as_str()
            .unwrap()
            .contains("\"symbol\"")
    );
    let typo = post_json(
        &format!("{take}?lang=en"),
        r#"{"symbol": "BC-CNĐP", "date": "2025-11-05", "summry": "x"}"#,
    );
    assert_eq!(typo.status, 400);
    assert_eq!(typo.header("Content-Language"), Some("en"));
    let detail = typo.json()["detail"].as_str().unwrap().to_string();
    assert!(
        detail.contains("\"summry\"") && detail.contains("did you mean \"summary\""),
        "{detail}"
    );
    let date = post_json(
        &take,
        r#"{"symbol": "BC-CNĐP", "date": "31/02/2025", "lang": "en"}"#,
    );
    assert_eq!(date.status, 400);
    assert!(
        date.json()["detail"]
            .as_str()
            .unwrap()
            .contains("is not a date"),
        "{}",
        date.text()
    );
    let broken = post_json(&take, r#"{"symbol": "BC-CNĐP""#);
    assert_eq!(broken.status, 400);
    let detail = broken.json()["detail"].as_str().unwrap().to_string();
    assert!(
        detail.contains("dòng 1") && !detail.contains("EOF"),
        "{detail}"
    );
    let year = get(&server.url("/api/register?year=hai-nghin"), &[]);
    assert_eq!(year.status, 400);
    // Nothing was taken by the refusals.
    let after = get(&server.url("/api/register"), &[]);
    assert_eq!(after.json()["entries"].as_array().unwrap().len(), 37);

    // The page offers the register's box, and a render with it takes the next number into
    // both files; made again, the same document keeps it; a preview takes none.
    let page = get(&server.url("/"), &[]);
    assert!(
        page.text().contains("name=\"register\""),
        "the page has the box"
    );
    let wb = dir.path().join("bc-thang-11.xlsx");
    write_workbook(
        &wb,
        &[
            ("Tên tệp", "thang-11"),
            ("Số", ""),
            ("Ngày", "2025-11-20"),
            ("Trích yếu", "Tình hình sản xuất công nghiệp tháng 11"),
            ("Người ký", "Trần Thị Bình"),
        ],
        &["Sản xuất công nghiệp tăng."],
    );
    let form = Form::with("register", &wb)
        .text("format", "zip")
        .text("register", "1");
    for _ in 0..2 {
        let made = post(&server.url("/api/render"), &form, &[]);
        assert_eq!(made.status, 200, "{}", made.text());
        assert_eq!(made.header("X-Vanban-Numbered"), Some("issued"));
        assert_eq!(made.header("X-Vanban-Number"), Some("38"));
        assert_eq!(
            made.header("X-Vanban-Reference"),
            Some("38/BC-CN%C4%90P"),
            "the reference, percent-encoded"
        );
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(made.body.clone())).expect("a zip");
        let pdf = dir.path().join("so-38.pdf");
        let mut bytes = Vec::new();
        z.by_name("BC-thang-11.pdf")
            .expect("the PDF")
            .read_to_end(&mut bytes)
            .unwrap();
        std::fs::write(&pdf, &bytes).unwrap();
        if let Some(text) = pdf_text(&pdf) {
            assert!(text.contains("Số: 38/BC-CNĐP"), "{text}");
        }
        let mut xml = String::new();
        z.by_name("BC-thang-11.docx")
            .map(|mut f| {
                let mut b = Vec::new();
                f.read_to_end(&mut b).unwrap();
                let mut d = zip::ZipArchive::new(std::io::Cursor::new(b)).expect("a DOCX");
                d.by_name("word/document.xml")
                    .expect("document.xml")
                    .read_to_string(&mut xml)
                    .unwrap();
            })
            .expect("the DOCX");
        assert!(xml.contains("38/BC-CNĐP"), "the DOCX carries the number");
    }
    let preview = post(
        &server.url("/api/preview"),
        &Form::with("register", &wb).text("register", "1"),
        &[],
    );
    assert_eq!(preview.status, 200, "{}", preview.text());
    let plain = post(
        &server.url("/api/render"),
        &Form::with("register", &wb).text("format", "pdf"),
        &[],
    );
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("X-Vanban-Number"), None);
    let entries = get(&server.url("/api/register?year=2025"), &[]).json()["entries"].clone();
    assert_eq!(
        entries.as_array().unwrap().len(),
        38,
        "one number for the document"
    );
    assert_eq!(entries[37]["reference"], "38/BC-CNĐP");
    assert_eq!(
        entries[37]["summary"],
        "Tình hình sản xuất công nghiệp tháng 11"
    );
    assert_eq!(entries[37]["signer"], "Trần Thị Bình");

    // A batch job with the box: one number per row, taken by the batch engine in row
    // order, recorded with the row's document.
    let rows_wb = dir.path().join("ba-dong.xlsx");
    write_workbook(
        &rows_wb,
        &[
            ("Tên tệp", "tong-hop"),
            ("Số", ""),
            ("Ngày", "2025-11-21"),
            ("Trích yếu", "Tình hình từng dòng"),
            ("Người ký", "Trần Thị Bình"),
        ],
        &["Một", "Hai", "Ba"],
    );
    let job = post(
        &server.url("/api/jobs"),
        &Form::with("register", &rows_wb)
            .text("rows", "Dữ liệu")
            .text("output", "BC-dong-{{row.stt}}")
            .text("register", "1"),
        &[],
    );
    assert_eq!(job.status, 202, "{}", job.text());
    let status_url = server.url(&format!("/api/jobs/{}", job.json()["id"].as_str().unwrap()));
    let started = Instant::now();
    loop {
        let st = get(&status_url, &[]).json();
        if st["state"] == "done" {
            assert_eq!(st["made"], 3, "{st}");
            break;
        }
        assert_ne!(st["state"], "failed", "{st}");
        assert!(started.elapsed() < Duration::from_secs(120), "{st}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let entries = get(&server.url("/api/register?year=2025"), &[]).json()["entries"].clone();
    let refs: Vec<&str> = entries
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["reference"].as_str().unwrap())
        .collect();
    assert_eq!(refs.len(), 41, "{refs:?}");
    assert_eq!(&refs[38..], ["39/BC-CNĐP", "40/BC-CNĐP", "41/BC-CNĐP"]);

    // A service without a register refuses to number, and says how.
    drop(server);
    let bare = Server::start(
        &dir.path().join("bare2"),
        &["--templates", &fixtures()],
        &[],
    );
    let refused = post(&bare.url("/api/render"), &form, &[]);
    assert_eq!(refused.status, 404, "{}", refused.text());
    assert_eq!(refused.json()["code"], "no-register");
    assert!(
        !get(&bare.url("/"), &[])
            .text()
            .contains("name=\"register\"")
    );
}
