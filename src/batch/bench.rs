//! `vanban bench`: a benchmark of batch runs, not a test. It makes a synthetic workbook of
//! N province rows from the sample workbook (the 34 real rows repeated with varied
//! numbers, each with its own code), runs the real batch over it with the per-row template
//! (PDF only, DOCX only, both), and reports documents per second, milliseconds per
//! document, where the time goes and the peak memory of each run. Everything it writes
//! goes to a temporary folder that is removed afterwards.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::{BatchError, DocResult, Options, Progress};
use crate::i18n::{Bilingual, Lang, Text};
use crate::tr;
use crate::workbook::{Dataset, SheetData, Value};

/// What to measure.
#[derive(Debug, Clone)]
pub struct BenchOptions {
    /// Batch sizes, e.g. [1000, 10000].
    pub docs: Vec<usize>,
    /// Worker threads (0 = one per core, plus one).
    pub jobs: usize,
    /// The sample workbook (with the sheets "Thông tin" and "Tỉnh thành").
    pub sample: PathBuf,
    /// The per-row template folder.
    pub template: PathBuf,
    /// Only the PDF + DOCX runs.
    pub both_only: bool,
    /// The language of the report's headings and of its errors.
    pub lang: Lang,
}

fn err(message: Text) -> BatchError {
    BatchError::Plan {
        message: message.map(|m| format!("bench: {m}")),
    }
}

/// An I/O failure on `path` while preparing the benchmark.
fn io_err(path: &Path, e: &std::io::Error) -> BatchError {
    let path = path.display();
    err(tr!("{path}: {reason}", "{path}: {reason}"; reason = crate::i18n::io_reason(e)))
}

/// Runs the benchmark and writes its report to `out`.
pub fn run(opts: &BenchOptions, out: &mut dyn Write) -> Result<(), BatchError> {
    let lang = opts.lang;
    let sample = Dataset::open(&opts.sample, &Default::default()).map_err(|e| err(e.text()))?;
    let template = opts
        .template
        .canonicalize()
        .map_err(|e| io_err(&opts.template, &e))?;
    let work = tempfile::Builder::new()
        .prefix("vanban-bench-")
        .tempdir()
        .map_err(|e| {
            err(tr!(
                "không tạo được thư mục tạm: {reason}",
                "cannot make a temporary folder: {reason}";
                reason = crate::i18n::io_reason(&e)
            ))
        })?;
    let workers = match opts.jobs {
        0 => super::default_workers(),
        n => n,
    };
    let say = |out: &mut dyn Write, s: String| {
        let _ = writeln!(out, "{s}");
        let _ = out.flush();
    };
    let version = env!("CARGO_PKG_VERSION");
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = load_average();
    say(
        out,
        tr!(
            "vanban bench — vanban {version}, {workers} luồng, {cores} lõi, tải trung bình trước khi chạy: {load}",
            "vanban bench — vanban {version}, {workers} workers, {cores} cores, load average before: {load}"
        )
        .take(lang),
    );
    let (template_dir, sample_file) = (opts.template.display(), opts.sample.display());
    say(
        out,
        tr!(
            "mẫu {template_dir}, dòng tổng hợp tạo từ {sample_file}",
            "template {template_dir}, synthetic rows from {sample_file}"
        )
        .take(lang),
    );
    say(
        out,
        tr!(
            " số VB  loại         giây  VB/giây   ms/VB   cpu ms/VB  của nhân │ mỗi VB, thời gian luồng: điền  pdf  docx ms │ trang  đỉnh MB (VmHWM)    RSS sau MB",
            "  docs  formats    wall s   docs/s  ms/doc  cpu ms/doc  of kernel │ per doc, thread time: render   pdf  docx ms │ pages  peak MB (VmHWM)  RSS after MB"
        )
        .take(lang),
    );
    for &n in &opts.docs {
        let workbook = work.path().join(format!("rows-{n}.xlsx"));
        synthetic_workbook(&sample, n, &workbook)?;
        let runs: &[(&str, &str)] = if opts.both_only {
            &[("both", "[\"pdf\", \"docx\"]")]
        } else {
            &[
                ("pdf", "[\"pdf\"]"),
                ("docx", "[\"docx\"]"),
                ("both", "[\"pdf\", \"docx\"]"),
            ]
        };
        for (label, formats) in runs {
            let dir = work.path().join(format!("run-{n}-{label}"));
            std::fs::create_dir_all(&dir).map_err(|e| io_err(&dir, &e))?;
            let batch = dir.join("bench.toml");
            let toml = format!(
                "output = \"out\"\n\n[[job]]\nname = \"bench\"\ntemplate = {}\nworkbook = {}\nrows = \"Tỉnh thành\"\noutput = \"BC-{{{{row.ma}}}}\"\nformats = {formats}\n",
                toml_string(&template),
                toml_string(&workbook),
            );
            std::fs::write(&batch, toml).map_err(|e| io_err(&batch, &e))?;
            reset_peak_memory();
            let cpu_before = cpu_times();
            let started = Instant::now();
            let mut probe = MemoryProbe::default();
            let summary = super::run(
                &batch,
                &Options {
                    jobs: workers,
                    lang,
                    ..Options::default()
                },
                &mut probe,
            )?;
            let wall = started.elapsed().as_secs_f64();
            let (cpu, kernel) = cpu_times().since(cpu_before);
            if summary.failed > 0 || summary.made != n {
                let (failed, made) = (summary.failed, summary.made);
                let first = summary
                    .documents
                    .iter()
                    .find_map(|d| d.error.clone())
                    .unwrap_or_default();
                return Err(err(tr!(
                    "{failed}/{n} văn bản bị lỗi, {made} được tạo; lỗi đầu tiên: {first}",
                    "{failed} of {n} documents failed, {made} made; first error: {first}";
                    first = first
                )));
            }
            let peak = memory_kb("VmHWM:").map_or(0.0, |kb| kb as f64 / 1024.0);
            let rss = memory_kb("VmRSS:").map_or(0.0, |kb| kb as f64 / 1024.0);
            let per = |d: std::time::Duration| d.as_secs_f64() * 1000.0 / n as f64;
            let pages = summary
                .documents
                .iter()
                .filter_map(|d| d.pages)
                .max()
                .map_or("-".to_string(), |p| p.to_string());
            say(
                out,
                format!(
                    "{n:>6}  {label:<7} {wall:>8.2} {:>8.0} {:>7.2} {:>11.2} {:>10.2} │ {:>31.2} {:>5.2} {:>5.2}    │ {pages:>5} {peak:>16.0} {rss:>13.0}",
                    n as f64 / wall,
                    wall * 1000.0 / n as f64,
                    cpu * 1000.0 / n as f64,
                    kernel * 1000.0 / n as f64,
                    per(summary.total.render),
                    per(summary.total.pdf),
                    per(summary.total.docx),
                ),
            );
            let samples = probe
                .samples
                .iter()
                .map(|m| format!("{m:.0}"))
                .collect::<Vec<_>>()
                .join(" ");
            let pad = " ".repeat(14);
            say(
                out,
                tr!(
                    "{pad} RSS khi chạy, MB, ở 10 %, 20 %, … 100 % số văn bản: {samples}",
                    "{pad} RSS while running, MB, at 10 %, 20 %, … 100 % of the documents: {samples}"
                )
                .take(lang),
            );
            // 10 000 documents are about a gigabyte: remove each run's files.
            let _ = std::fs::remove_dir_all(&dir);
        }
        let _ = std::fs::remove_file(&workbook);
    }
    let load = load_average();
    say(
        out,
        tr!(
            "tải trung bình sau khi chạy: {load}",
            "load average after: {load}"
        )
        .take(lang),
    );
    Ok(())
}

fn toml_string(p: &Path) -> String {
    let s = p.display().to_string();
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The sample's facts and `n` province rows: the 34 real rows repeated, numbers varied
/// deterministically, each row with its own 5-digit code.
fn synthetic_workbook(sample: &Dataset, n: usize, path: &Path) -> Result<(), BatchError> {
    let facts = sample
        .sheet("Thông tin")
        .and_then(|s| match &s.data {
            SheetData::KeyValue(e) => Some(e.clone()),
            _ => None,
        })
        .ok_or_else(|| {
            err(Text::new(
                "bảng tính mẫu không có sheet trường – giá trị \"Thông tin\"",
                "the sample has no key–value sheet \"Thông tin\"",
            ))
        })?;
    let table = sample
        .sheet("Tỉnh thành")
        .and_then(|s| match &s.data {
            SheetData::Table(t) => Some(t.clone()),
            _ => None,
        })
        .ok_or_else(|| {
            err(Text::new(
                "bảng tính mẫu không có sheet dạng bảng \"Tỉnh thành\"",
                "the sample has no table sheet \"Tỉnh thành\"",
            ))
        })?;
    if table.rows.is_empty() {
        return Err(err(Text::new(
            "sheet \"Tỉnh thành\" của bảng tính mẫu không có dòng nào",
            "the sample's \"Tỉnh thành\" has no rows",
        )));
    }
    let x = |e: rust_xlsxwriter::XlsxError| err(Text::same(format!("{}: {e}", path.display())));
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Thông tin").map_err(x)?;
    ws.write_string(0, 0, "Trường").map_err(x)?;
    ws.write_string(0, 1, "Giá trị").map_err(x)?;
    for (i, e) in facts.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, &e.label).map_err(x)?;
        write_value(ws, r, 1, &e.value).map_err(x)?;
    }
    let ws = wb.add_worksheet();
    ws.set_name("Tỉnh thành").map_err(x)?;
    for (c, col) in table.columns.iter().enumerate() {
        // The key as the header gives the same key back.
        ws.write_string(0, c as u16, &col.key).map_err(x)?;
    }
    let ma = table.column_index("ma");
    for i in 0..n {
        let base = &table.rows[i % table.rows.len()];
        // A factor in 0.90..1.10 that differs from row to row.
        let factor = 0.9 + ((i * 7919) % 201) as f64 / 1000.0;
        for (c, v) in base.values.iter().enumerate() {
            let r = i as u32 + 1;
            let v = if Some(c) == ma {
                Value::Text(format!("{:05}", i + 1))
            } else {
                match v {
                    Value::Float(f) => Value::Float((f * factor * 10.0).round() / 10.0),
                    other => other.clone(),
                }
            };
            write_value(ws, r, c as u16, &v).map_err(x)?;
        }
    }
    wb.save(path).map_err(x)
}

fn write_value(
    ws: &mut rust_xlsxwriter::Worksheet,
    r: u32,
    c: u16,
    v: &Value,
) -> Result<(), rust_xlsxwriter::XlsxError> {
    match v {
        Value::Int(i) => ws.write_number(r, c, *i as f64).map(|_| ()),
        Value::Float(f) => ws.write_number(r, c, *f).map(|_| ()),
        Value::Bool(b) => ws.write_boolean(r, c, *b).map(|_| ()),
        Value::Empty => Ok(()),
        other => ws
            .write_string(r, c, other.to_json().as_str().unwrap_or(""))
            .map(|_| ()),
    }
}

/// Samples the resident memory at every tenth of the documents, to show it stays flat.
#[derive(Default)]
struct MemoryProbe {
    total: usize,
    done: usize,
    samples: Vec<f64>,
}

impl Progress for MemoryProbe {
    fn start(&mut self, total: usize, _to_make: usize) {
        self.total = total;
    }

    fn document(&mut self, _: &DocResult) {
        self.done += 1;
        let step = (self.total / 10).max(1);
        if self.done.is_multiple_of(step) {
            self.samples
                .push(memory_kb("VmRSS:").map_or(0.0, |kb| kb as f64 / 1024.0));
        }
    }

    fn finish(&mut self) {}
}

/// Resets the kernel's peak-RSS counter (VmHWM) so each run reports its own peak.
fn reset_peak_memory() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// A `/proc/self/status` field in kB.
fn memory_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// CPU time (user + system) of the whole process so far, in seconds, from /proc/self/stat
/// (clock ticks of 1/100 s, the Linux default).
/// This process's CPU time so far, in seconds: in its own code (user) and in the kernel
/// on its behalf (system: creating, writing and syncing the files). The kernel's share
/// depends on the file system the outputs go to (`TMPDIR`), not on vanban.
#[derive(Debug, Clone, Copy)]
struct CpuTimes {
    user: f64,
    system: f64,
}

impl CpuTimes {
    /// The CPU time since `before`: all of it, and the kernel's part.
    fn since(self, before: CpuTimes) -> (f64, f64) {
        let system = self.system - before.system;
        (self.user - before.user + system, system)
    }
}

fn cpu_times() -> CpuTimes {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return CpuTimes {
            user: 0.0,
            system: 0.0,
        };
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // utime and stime are fields 14 and 15 of the line: 12 and 13 after the name, in
    // clock ticks of 1/100 s.
    let seconds = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0) as f64
            / 100.0
    };
    CpuTimes {
        user: seconds(11),
        system: seconds(12),
    }
}

fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "unknown".into())
}
