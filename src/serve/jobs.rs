//! Batch jobs (`POST /api/jobs`): a per-row template over an uploaded workbook, one
//! document per row of a sheet, run by the batch engine (`batch::run`: manifest, atomic
//! writes, results workbook) in `--data-dir/jobs/<id>/`:
//!
//! ```text
//! jobs/<id>/job.json      what was asked, the state and the counts
//! jobs/<id>/batch.toml    the batch file the engine runs (one [[job]])
//! jobs/<id>/<workbook>    the uploaded workbook
//! jobs/<id>/out/          the documents, vanban-manifest.json, vanban-ket-qua.xlsx
//! jobs/<id>/result.zip    every document and the results workbook, when done
//! ```
//!
//! One job runs at a time, on a thread of its own, with `--workers` batch workers. A job
//! whose `job.json` still says queued or running when the service starts was interrupted
//! (a crash, a restart, a stop): it is run again, and the manifest makes the engine skip
//! the documents already made, so it continues where it stopped.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{Value as Json, json};

use super::metrics::Metrics;
use crate::batch::{self, BatchError, DocResult, Status};
use crate::i18n::{Bilingual, Lang, Text, io_reason};
use crate::output::write_atomic;
use crate::tr;

const JOB_FILE: &str = "job.json";
const BATCH_FILE: &str = "batch.toml";
const OUT_DIR: &str = "out";
pub const RESULT_FILE: &str = "result.zip";

/// Where a job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Queued,
    Running,
    /// Every document was tried; `result.zip` is ready (some may have failed).
    Done,
    /// The batch could not run (its problem is in `error`).
    Failed,
}

/// `job.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobFile {
    pub id: String,
    pub template: String,
    pub workbook: String,
    pub rows: String,
    pub lang: String,
    pub state: State,
    pub total: usize,
    /// Made in this run or an earlier one (skipped as already made).
    pub made: usize,
    pub failed: usize,
    pub error_vi: Option<String>,
    pub error_en: Option<String>,
    /// Seconds since 1970.
    pub created: u64,
}

/// What a new job needs.
pub struct NewJob<'a> {
    pub template_name: &'a str,
    pub template_dir: &'a Path,
    /// The uploaded workbook (moved into the job's folder).
    pub workbook: &'a Path,
    pub rows: &'a str,
    pub output: Option<&'a str>,
    pub when: Option<&'a str>,
    pub lang: Lang,
    /// The register the documents are numbered from (`register=1` with `--register`).
    pub register: Option<&'a Path>,
}

/// Live counts of a running job.
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    total: usize,
    made: usize,
    failed: usize,
}

pub struct Jobs {
    root: PathBuf,
    workers: usize,
    live: Arc<Mutex<HashMap<String, Counts>>>,
    tx: Mutex<Option<mpsc::Sender<String>>>,
    stop: Arc<AtomicBool>,
    runner: Mutex<Option<std::thread::JoinHandle<()>>>,
    metrics: Arc<Metrics>,
}

fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// A job id is the name of its folder: letters and digits only, so it never names
/// anything outside `jobs/`.
pub fn valid_id(id: &str) -> bool {
    !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric())
}

impl Jobs {
    /// Starts the job thread and queues the jobs an earlier run left unfinished; returns
    /// how many.
    pub fn start(
        root: PathBuf,
        workers: usize,
        metrics: Arc<Metrics>,
    ) -> std::io::Result<(Arc<Jobs>, usize)> {
        std::fs::create_dir_all(&root)?;
        let (tx, rx) = mpsc::channel::<String>();
        let jobs = Arc::new(Jobs {
            root,
            workers,
            live: Arc::new(Mutex::new(HashMap::new())),
            tx: Mutex::new(Some(tx.clone())),
            stop: Arc::new(AtomicBool::new(false)),
            runner: Mutex::new(None),
            metrics,
        });
        let mut unfinished: Vec<JobFile> = std::fs::read_dir(&jobs.root)?
            .filter_map(Result::ok)
            .filter_map(|e| read_job(&e.path().join(JOB_FILE)))
            .filter(|j| matches!(j.state, State::Queued | State::Running))
            .collect();
        unfinished.sort_by(|a, b| (a.created, &a.id).cmp(&(b.created, &b.id)));
        let resumed = unfinished.len();
        for j in unfinished {
            let _ = tx.send(j.id);
        }
        let worker = Arc::clone(&jobs);
        let handle = std::thread::Builder::new()
            .name("vanban-jobs".into())
            .spawn(move || worker.serve(rx))?;
        *jobs.runner.lock().unwrap_or_else(|p| p.into_inner()) = Some(handle);
        Ok((jobs, resumed))
    }

    fn dir(&self, id: &str) -> PathBuf {
        self.root.join(id)
    }

    /// Makes the job's folder and batch file, moves the workbook in, and checks the
    /// batch as `vanban batch --dry-run` does (template, workbook, sheet, names) without
    /// writing a document. The job is not queued yet: see [`Jobs::queue`].
    pub fn prepare(&self, job: &NewJob<'_>) -> Result<(JobFile, PathBuf), (Text, PathBuf)> {
        let dir = tempfile::Builder::new()
            .prefix("")
            .rand_bytes(16)
            .tempdir_in(&self.root)
            .map_err(|e| (io_reason(&e), self.root.clone()))?;
        let id = dir
            .path()
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // On any error below the folder is removed with `dir`.
        let fail = |e: std::io::Error| (io_reason(&e), dir.path().to_path_buf());
        let file_name = job
            .workbook
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "bang-tinh.xlsx".into());
        std::fs::rename(job.workbook, dir.path().join(&file_name)).map_err(fail)?;
        let mut spec = toml::Table::new();
        spec.insert("name".into(), job.template_name.into());
        spec.insert(
            "template".into(),
            job.template_dir.display().to_string().into(),
        );
        spec.insert("workbook".into(), file_name.clone().into());
        spec.insert("rows".into(), job.rows.into());
        if let Some(o) = job.output {
            spec.insert("output".into(), o.into());
        }
        if let Some(w) = job.when {
            spec.insert("when".into(), w.into());
        }
        let mut file = toml::Table::new();
        file.insert("output".into(), OUT_DIR.into());
        // In the batch file, so a job resumed after a restart numbers from it too.
        if let Some(r) = job.register {
            file.insert("register".into(), r.display().to_string().into());
        }
        file.insert(
            "job".into(),
            toml::Value::Array(vec![toml::Value::Table(spec)]),
        );
        let text = toml::to_string(&file)
            .map_err(|e| (Text::same(e.to_string()), dir.path().to_path_buf()))?;
        let batch_path = dir.path().join(BATCH_FILE);
        write_atomic(&batch_path, text.as_bytes()).map_err(fail)?;
        let check = batch::Options {
            dry_run: true,
            lang: job.lang,
            ..Default::default()
        };
        let summary = batch::run(&batch_path, &check, &mut batch::Silent)
            .map_err(|e| (e.text(), dir.path().to_path_buf()))?;
        let record = JobFile {
            id,
            template: job.template_name.to_string(),
            workbook: file_name,
            rows: job.rows.to_string(),
            lang: job.lang.code().into(),
            state: State::Queued,
            total: summary.documents.len(),
            made: 0,
            failed: 0,
            error_vi: None,
            error_en: None,
            created: now(),
        };
        save_job(&dir.path().join(JOB_FILE), &record).map_err(fail)?;
        let path = dir.keep();
        Ok((record, path))
    }

    /// Queues a prepared job.
    pub fn queue(&self, record: &JobFile) {
        self.live.lock().unwrap_or_else(|p| p.into_inner()).insert(
            record.id.clone(),
            Counts {
                total: record.total,
                ..Counts::default()
            },
        );
        if let Some(tx) = self.tx.lock().unwrap_or_else(|p| p.into_inner()).as_ref() {
            let _ = tx.send(record.id.clone());
        }
    }

    /// The job's status, or None when there is no such job.
    pub fn status(&self, id: &str, lang: Lang) -> Option<Json> {
        if !valid_id(id) {
            return None;
        }
        let mut j = read_job(&self.dir(id).join(JOB_FILE))?;
        if let Some(c) = self
            .live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(id)
            .copied()
            && matches!(j.state, State::Queued | State::Running)
        {
            (j.total, j.made, j.failed) = (c.total, c.made, c.failed);
        }
        // Kept in both languages in the job's record; shown in the asker's.
        let error = j
            .error_vi
            .clone()
            .zip(j.error_en.clone())
            .map(|(vi, en)| Text::new(vi, en).take(lang));
        Some(json!({
            "id": j.id,
            "template": j.template,
            "workbook": j.workbook,
            "rows": j.rows,
            "state": j.state,
            "total": j.total,
            "made": j.made,
            "failed": j.failed,
            "error": error,
            "result": (j.state == State::Done).then(|| format!("/api/jobs/{}/{RESULT_FILE}", j.id)),
        }))
    }

    /// The result zip of a finished job: Ok(path), or Err(state) when it is not done.
    pub fn result(&self, id: &str) -> Option<Result<PathBuf, State>> {
        if !valid_id(id) {
            return None;
        }
        let j = read_job(&self.dir(id).join(JOB_FILE))?;
        Some(match j.state {
            State::Done => Ok(self.dir(id).join(RESULT_FILE)),
            other => Err(other),
        })
    }

    /// Asks the running job to stop after the documents in hand (it continues on the
    /// next start), and waits for the job thread.
    pub fn shutdown(&self) {
        self.stop.store(true, Ordering::SeqCst);
        self.tx.lock().unwrap_or_else(|p| p.into_inner()).take();
        let handle = self.runner.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(h) = handle {
            let _ = h.join();
        }
    }

    /// The job thread: one job at a time, until stopped.
    fn serve(&self, rx: mpsc::Receiver<String>) {
        loop {
            if self.stop.load(Ordering::SeqCst) {
                return;
            }
            match rx.recv_timeout(Duration::from_millis(250)) {
                Ok(id) => self.run(&id),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
    }

    fn run(&self, id: &str) {
        let dir = self.dir(id);
        let job_path = dir.join(JOB_FILE);
        let Some(mut record) = read_job(&job_path) else {
            return;
        };
        let lang = super::problem::parse_lang(&record.lang).unwrap_or(Lang::Vi);
        record.state = State::Running;
        let _ = save_job(&job_path, &record);
        self.metrics.job_started();
        let mut progress = Progress {
            live: Arc::clone(&self.live),
            id: id.to_string(),
        };
        let opts = batch::Options {
            jobs: self.workers,
            lang,
            stop: Some(Arc::clone(&self.stop)),
            ..Default::default()
        };
        let outcome = batch::run(&dir.join(BATCH_FILE), &opts, &mut progress);
        self.metrics.job_ended();
        match outcome {
            // Stopped before the end: stays "running", and continues on the next start.
            Ok(summary) if summary.stopped > 0 => {}
            Ok(summary) => {
                record.total = summary.documents.len();
                record.made = summary.made + summary.skipped;
                record.failed = summary.failed;
                match zip_folder(&dir.join(OUT_DIR), &dir.join(RESULT_FILE)) {
                    Ok(()) => record.state = State::Done,
                    Err(e) => fail(
                        &mut record,
                        &BatchError::Output {
                            path: dir.join(RESULT_FILE),
                            source: e,
                        },
                    ),
                }
            }
            Err(e) => fail(&mut record, &e),
        }
        let _ = save_job(&job_path, &record);
        self.live
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(id);
    }
}

fn fail(record: &mut JobFile, e: &dyn Bilingual) {
    let t = e.text();
    record.state = State::Failed;
    record.error_vi = Some(t.vi);
    record.error_en = Some(t.en);
}

fn read_job(path: &Path) -> Option<JobFile> {
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn save_job(path: &Path, job: &JobFile) -> std::io::Result<()> {
    let text = serde_json::to_vec_pretty(job).map_err(std::io::Error::other)?;
    write_atomic(path, &text)
}

/// The batch engine's progress, into the live counts.
struct Progress {
    live: Arc<Mutex<HashMap<String, Counts>>>,
    id: String,
}

impl batch::Progress for Progress {
    fn start(&mut self, total: usize, _to_make: usize) {
        let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        live.insert(
            self.id.clone(),
            Counts {
                total,
                ..Counts::default()
            },
        );
    }

    fn document(&mut self, r: &DocResult) {
        let mut live = self.live.lock().unwrap_or_else(|p| p.into_inner());
        let c = live.entry(self.id.clone()).or_default();
        match r.status {
            Status::Made | Status::Skipped => c.made += 1,
            Status::Failed => c.failed += 1,
            _ => {}
        }
    }

    fn finish(&mut self) {}
}

/// Zips every file under `dir` (documents in their sub-folders, the results workbook)
/// into `dest`, written atomically. The manifest and leftover `.part` files stay out:
/// they are the engine's, not the clerk's. Files are stored, not compressed: PDF, DOCX
/// and XLSX are compressed already.
fn zip_folder(dir: &Path, dest: &Path) -> std::io::Result<()> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort();
    let tmp = crate::output::temp_beside(dest)?;
    let mut zip = zip::ZipWriter::new(tmp.reopen()?);
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    for rel in files {
        zip.start_file(rel.as_str(), opts)
            .map_err(std::io::Error::other)?;
        let mut f = std::fs::File::open(dir.join(&rel))?;
        std::io::copy(&mut f, &mut zip)?;
    }
    let mut file = zip.finish().map_err(std::io::Error::other)?;
    file.flush()?;
    file.sync_all()?;
    tmp.persist(dest).map_err(|e| e.error)?;
    Ok(())
}

fn collect(base: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let path = e.path();
        let name = e.file_name().to_string_lossy().into_owned();
        if e.file_type()?.is_dir() {
            collect(base, &path, out)?;
        } else if !name.ends_with(".part")
            && !name.starts_with("vanban-manifest")
            && let Ok(rel) = path.strip_prefix(base)
        {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Makes a zip of named files in memory (the PDF and the DOCX of `POST /api/render`
/// with `format=zip`).
pub fn zip_bytes(files: &[(String, &[u8])]) -> std::io::Result<Vec<u8>> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in files {
        zip.start_file(name.as_str(), opts)
            .map_err(std::io::Error::other)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

/// A message for a job that is not done yet.
pub fn not_ready(state: State) -> Text {
    match state {
        State::Failed => tr!(
            "việc này không chạy được, không có kết quả; xem trạng thái để biết lỗi",
            "this job could not run and has no result; its status says why"
        ),
        _ => tr!(
            "việc này chưa xong; hỏi lại trạng thái sau",
            "this job is not finished yet; ask for its status later"
        ),
    }
}
