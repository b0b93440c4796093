//! Running a planned batch: selection (`--only`, `--shard`), skipping what is up to date,
//! the worker threads, careful writing, the manifest and the results workbook.

use std::collections::HashSet;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value as Json;
use sha2::{Digest, Sha256};

use super::manifest::{OutputRecord, Record, RunRecord};
use super::plan::{self, Doc, Job, Plan, ROW_KEY, ROW_NUMBER_KEY, hex};
use super::{BatchError, DocResult, Options, Progress, Status, Summary, file};
use crate::i18n::{Bilingual, Text};
use crate::render::{Engine, Timings};
use crate::template::DocData;
use crate::tr;

/// Save the manifest at least this often while running, so an interrupted batch resumes
/// near where it stopped.
const SAVE_EVERY: Duration = Duration::from_secs(2);
/// Worker stack: typst lays out deep documents recursively; plain threads get 2 MiB by
/// default, less than the main thread's 8 MiB.
const WORKER_STACK: usize = 32 * 1024 * 1024;
/// Test-only: milliseconds each worker waits before writing a document, so a test can
/// interrupt a batch reliably (`vanban serve` waits as long before each render, so a test
/// can fill its queue). Not for users; documented in README ("Batch runs").
pub(crate) const SLOWDOWN_ENV: &str = "VANBAN_TEST_SLOWDOWN_MS";

/// Runs the batch file at `batch_path`.
pub fn run(
    batch_path: &Path,
    opts: &Options,
    report: &mut dyn Progress,
) -> Result<Summary, BatchError> {
    let started = Instant::now();
    let batch = file::read(batch_path)?;
    let mut plan = plan::plan(batch_path, &batch)?;
    let register = opts.register.clone().or_else(|| {
        let base = batch_path.parent().unwrap_or(Path::new("."));
        batch.register.as_ref().map(|r| base.join(r))
    });
    if let Some(register) = &register {
        super::numbers::mark(&mut plan, register);
    }
    for only in &opts.only {
        if only != "failed" && !plan.jobs.iter().any(|j| &j.name == only) {
            let jobs = plan
                .jobs
                .iter()
                .map(|j| format!("\"{}\"", j.name))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(BatchError::Plan {
                message: tr!(
                    "--only {only}: không có việc nào tên như vậy; các việc là {jobs} (hoặc dùng --only failed)",
                    "--only {only}: no job has that name; the jobs are {jobs} (or use --only failed)"
                ),
            });
        }
    }
    let manifest_path = plan.out_dir.join(super::manifest::file_name(opts.shard));
    let old = RunRecord::load(&manifest_path)?;
    let selected: Vec<usize> = (0..plan.docs.len())
        .filter(|&i| selected(&plan, &plan.docs[i], opts, &old))
        .collect();
    let skip: Vec<bool> = selected
        .iter()
        .map(|&i| !opts.force && up_to_date(&plan, &plan.docs[i], &plan.out_dir, &old))
        .collect();
    let to_make = skip.iter().filter(|s| !**s).count();
    for job in &plan.jobs {
        for n in &job.notices {
            report.notice(n);
        }
    }
    report.start(selected.len(), to_make);

    let workers = match opts.jobs {
        0 => super::default_workers(),
        n => n,
    }
    .max(1);
    let mut results: Vec<Option<DocResult>> = vec![None; selected.len()];

    if opts.dry_run {
        for (slot, (&i, &skip)) in selected.iter().zip(&skip).enumerate() {
            let doc = &plan.docs[i];
            let mut r = base_result(&plan, doc);
            if let Some(problem) = &doc.problem {
                r.status = Status::Failed;
                r.error = Some(problem.clone());
            } else {
                r.status = if skip {
                    Status::WouldSkip
                } else {
                    Status::WouldMake
                };
                r.files = planned_files(&plan, doc);
            }
            report.document(&r);
            results[slot] = Some(r);
        }
        report.finish();
        return Ok(summarise(
            &plan, opts, results, started, workers, None, None,
        ));
    }

    prepare_folders(&plan, opts)?;
    let numbers = match &register {
        Some(register) => {
            let order: Vec<usize> = selected
                .iter()
                .zip(&skip)
                .filter(|(_, skip)| !**skip)
                .map(|(&i, _)| i)
                .collect();
            super::numbers::assign(&mut plan, &order, register)?
        }
        None => super::numbers::Numbers::new(),
    };
    // Read-only from here on: the workers share it.
    let plan = plan;
    let mut manifest = old.clone();
    let planned: HashSet<String> = plan
        .docs
        .iter()
        .filter_map(|d| {
            d.stem
                .as_ref()
                .map(|s| d.relative(&plan.jobs, s, "").to_lowercase())
        })
        .collect();

    // Documents up to date are reported at once; the rest go to the workers.
    let mut queue = Vec::new();
    for (slot, (&i, &skip)) in selected.iter().zip(&skip).enumerate() {
        if skip {
            let doc = &plan.docs[i];
            let mut r = base_result(&plan, doc);
            r.status = Status::Skipped;
            if let Some(rec) = old.documents.get(&doc.id) {
                r.files = rec.outputs.iter().map(|o| o.file.clone()).collect();
                r.pages = rec.pages;
            }
            report.document(&r);
            results[slot] = Some(r);
        } else {
            queue.push((slot, i));
        }
    }

    let engines = plan
        .jobs
        .iter()
        .map(|j| Engine::located(&j.template, j.origins.clone()))
        .collect::<Result<Vec<_>, _>>();
    let engines = engines.map_err(|e| BatchError::Plan { message: e.text() })?;
    let slowdown = std::env::var(SLOWDOWN_ENV)
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_millis);
    let env = WorkEnv {
        plan: &plan,
        engines: &engines,
        old: &old,
        planned: &planned,
        force: opts.force,
        slowdown,
        numbers: &numbers,
    };
    let next = AtomicUsize::new(0);
    let stop = opts.stop.as_deref();
    let mut save_error = None;
    std::thread::scope(|scope| -> Result<(), BatchError> {
        let (tx, rx) = mpsc::channel::<(usize, usize, Outcome)>();
        for w in 0..workers.min(queue.len().max(1)) {
            let tx = tx.clone();
            let (queue, next, env) = (&queue, &next, &env);
            std::thread::Builder::new()
                .name(format!("vanban-batch-{w}"))
                .stack_size(WORKER_STACK)
                .spawn_scoped(scope, move || {
                    let mut contexts: Vec<Option<DocData>> =
                        (0..env.plan.jobs.len()).map(|_| None).collect();
                    loop {
                        // A stop request lets the document in hand finish (it is written
                        // atomically and recorded) but starts no other.
                        if stop.is_some_and(|s| s.load(Ordering::Relaxed)) {
                            break;
                        }
                        let n = next.fetch_add(1, Ordering::Relaxed);
                        let Some(&(slot, i)) = queue.get(n) else {
                            break;
                        };
                        let outcome = make_isolated(env, &env.plan.docs[i], &mut contexts);
                        if tx.send((slot, i, outcome)).is_err() {
                            break;
                        }
                    }
                })
                .map_err(|source| BatchError::Output {
                    path: plan.out_dir.clone(),
                    source,
                })?;
        }
        drop(tx);
        let mut done = 0usize;
        let mut last_save = Instant::now();
        for (slot, i, outcome) in rx {
            let doc = &plan.docs[i];
            let result = record(&plan, doc, outcome, &mut manifest, opts.lang);
            report.document(&result);
            results[slot] = Some(result);
            done += 1;
            crate::render::evict_caches_after(done);
            if last_save.elapsed() >= SAVE_EVERY {
                if let Err(e) = manifest.save(&manifest_path) {
                    save_error.get_or_insert(e);
                }
                last_save = Instant::now();
            }
        }
        Ok(())
    })?;
    comemo::evict(0);
    // Documents no worker took (the run was stopped): listed in the results workbook, left
    // out of the manifest so that the next run makes them.
    for &(slot, i) in &queue {
        if results[slot].is_none() {
            let mut r = base_result(&plan, &plan.docs[i]);
            r.status = Status::Stopped;
            results[slot] = Some(r);
        }
    }
    report.finish();
    manifest.save(&manifest_path)?;
    if let Some(e) = save_error {
        return Err(e);
    }
    let results_path = plan.out_dir.join(super::results::file_name(opts.shard));
    let summary = summarise(
        &plan,
        opts,
        results,
        started,
        workers,
        Some(manifest_path),
        Some(results_path.clone()),
    );
    super::results::write(&results_path, &summary, opts.lang)?;
    Ok(summary)
}

/// Whether `--only` and `--shard` select the document.
fn selected(plan: &Plan, doc: &Doc, opts: &Options, old: &RunRecord) -> bool {
    if let Some(shard) = opts.shard
        && !shard.contains(&doc.id)
    {
        return false;
    }
    if opts.only.is_empty() {
        return true;
    }
    opts.only.iter().any(|only| {
        if only == "failed" {
            old.documents
                .get(&doc.id)
                .is_some_and(|r| r.status == "failed")
                || old
                    .documents
                    .values()
                    .any(|r| r.status == "failed" && r.source_key == doc.source_key)
        } else {
            &plan.jobs[doc.job].name == only
        }
    })
}

/// A document is up to date when the manifest says it was made from the same inputs in
/// the same formats and every file it wrote is still there.
fn up_to_date(plan: &Plan, doc: &Doc, out_dir: &Path, old: &RunRecord) -> bool {
    if doc.problem.is_some() || doc.stem.is_none() {
        return false;
    }
    let Some(rec) = old.documents.get(&doc.id) else {
        return false;
    };
    let formats = plan.jobs[doc.job].formats;
    let has = |f: &str| rec.outputs.iter().any(|o| o.format == f);
    rec.status == "made"
        && rec.input == doc.input_hash
        && has("pdf") == formats.pdf
        && has("docx") == formats.docx
        && rec.outputs.iter().all(|o| out_dir.join(&o.file).is_file())
}

fn planned_files(plan: &Plan, doc: &Doc) -> Vec<String> {
    let Some(stem) = &doc.stem else {
        return Vec::new();
    };
    let f = plan.jobs[doc.job].formats;
    let mut v = Vec::new();
    if f.pdf {
        v.push(doc.relative(&plan.jobs, stem, "pdf"));
    }
    if f.docx {
        v.push(doc.relative(&plan.jobs, stem, "docx"));
    }
    v
}

fn base_result(plan: &Plan, doc: &Doc) -> DocResult {
    let job = &plan.jobs[doc.job];
    DocResult {
        job: job.name.clone(),
        source: doc.source(&plan.jobs),
        workbook: job.workbook.clone(),
        sheet: job.rows.clone(),
        row: doc.excel_row,
        name: doc.stem.clone(),
        files: Vec::new(),
        status: Status::Failed,
        pages: None,
        error: None,
        note: None,
        timings: Timings::default(),
    }
}

/// Creates the output folders and removes temporary files an interrupted run left
/// (`.vanban-*.part`; with `--shard` only old ones, another shard may be writing).
fn prepare_folders(plan: &Plan, opts: &Options) -> Result<(), BatchError> {
    let mut folders: Vec<std::path::PathBuf> = vec![plan.out_dir.clone()];
    for job in &plan.jobs {
        if !job.folder.is_empty() {
            folders.push(plan.out_dir.join(&job.folder));
        }
    }
    folders.sort();
    folders.dedup();
    for dir in &folders {
        std::fs::create_dir_all(dir).map_err(|source| BatchError::Output {
            path: dir.clone(),
            source,
        })?;
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !(name.starts_with(".vanban-") && name.ends_with(".part")) {
                continue;
            }
            let old_enough = opts.shard.is_none()
                || entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| t.elapsed().ok())
                    .is_some_and(|age| age > Duration::from_secs(600));
            if old_enough {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
    Ok(())
}

/// What the workers share.
struct WorkEnv<'a> {
    plan: &'a Plan,
    engines: &'a [Engine<'a>],
    old: &'a RunRecord,
    /// Every planned `folder/stem`, lower case: a "(vanban 2)" name never takes one.
    planned: &'a HashSet<String>,
    force: bool,
    slowdown: Option<Duration>,
    /// Numbers from the register, by document id.
    numbers: &'a super::numbers::Numbers,
}

/// A worker's result for one document.
enum Outcome {
    Made {
        files: Vec<OutputRecord>,
        pages: Option<usize>,
        note: Option<Text>,
        timings: Timings,
    },
    Failed {
        error: Text,
        timings: Timings,
    },
}

/// Makes one document; a panic inside (a bug, never bad data) fails that document only.
fn make_isolated(env: &WorkEnv<'_>, doc: &Doc, contexts: &mut [Option<DocData>]) -> Outcome {
    let outcome =
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| make(env, doc, contexts)));
    outcome.unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default();
        Outcome::Failed {
            error: tr!(
                "{source}: lỗi bên trong vanban khi tạo văn bản này ({what}); xin báo lại lỗi này",
                "{source}: internal error while making this document ({what}); please report it";
                source = doc.source(&env.plan.jobs)
            ),
            timings: Timings::default(),
        }
    })
}

fn make(env: &WorkEnv<'_>, doc: &Doc, contexts: &mut [Option<DocData>]) -> Outcome {
    let plan = env.plan;
    let job: &Job = &plan.jobs[doc.job];
    let source = doc.source(&plan.jobs);
    let (Some(stem), None) = (&doc.stem, &doc.problem) else {
        return Outcome::Failed {
            error: doc.problem.clone().unwrap_or_default(),
            timings: Timings::default(),
        };
    };
    let ctx = contexts[doc.job].get_or_insert_with(|| DocData::new(job.base.clone()));
    if let (Some(row), Json::Object(map)) = (&doc.row, ctx.json_mut()) {
        map.insert(ROW_KEY.into(), row.clone());
        map.insert(
            ROW_NUMBER_KEY.into(),
            Json::from(doc.excel_row.unwrap_or(0)),
        );
    }
    let number = env.numbers.get(&doc.id);
    let produced = match env.engines[doc.job].produce_numbered(ctx, job.formats, &mut |d, _| {
        if let Some((n, _)) = number {
            d.header.number = Some(n.clone());
        }
        Ok(())
    }) {
        Ok(p) => p,
        Err(e) => {
            return Outcome::Failed {
                error: if doc.row.is_some() {
                    tr!("{source}: {e}", "{source}: {e}"; source = source, e = e)
                } else {
                    e.text()
                },
                timings: Timings::default(),
            };
        }
    };
    if let Some(pause) = env.slowdown {
        std::thread::sleep(pause);
    }
    let timings = produced.timings;
    let pages = produced.pdf.as_ref().map(|p| p.pages);
    let mut files = Vec::new();
    let mut notes = Vec::new();
    if let Some((_, reference)) = number {
        notes.push(tr!("số {reference}", "number {reference}"));
    }
    let outputs = [
        ("pdf", produced.pdf.map(|p| p.bytes)),
        ("docx", produced.docx),
    ];
    for (ext, bytes) in outputs {
        let Some(bytes) = bytes else { continue };
        // Hashed once: `place` compares it with what is on disk, the manifest records it.
        let sha256 = sha(&bytes);
        match place(env, doc, stem, ext, &bytes, &sha256) {
            Ok((file, note)) => {
                files.push(OutputRecord {
                    format: ext.into(),
                    file,
                    sha256,
                });
                notes.extend(note);
            }
            Err(e) => {
                return Outcome::Failed { error: e, timings };
            }
        }
    }
    Outcome::Made {
        files,
        pages,
        note: (!notes.is_empty()).then(|| Text::join(&notes, "; ")),
        timings,
    }
}

fn sha(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn file_sha(path: &Path) -> Option<String> {
    std::fs::read(path).ok().map(|b| sha(&b))
}

/// Writes one output where it belongs, never over a person's edit.
///
/// The file goes to `folder/stem.ext` when that file is absent, is exactly what
/// vanban last wrote there (its hash is in the manifest), or holds the same bytes
/// already. Otherwise someone changed it (or it is not vanban's): it is kept, and the
/// new version goes beside it as `stem (vanban 2).ext` (the first free number) —
/// unless `--force`. `new_sha` is the hash of `bytes`. Returns the file written (relative)
/// and a note when an edit was kept.
fn place(
    env: &WorkEnv<'_>,
    doc: &Doc,
    stem: &str,
    ext: &str,
    bytes: &[u8],
    new_sha: &str,
) -> Result<(String, Option<Text>), Text> {
    let plan = env.plan;
    let write = |rel: &str| -> Result<(), Text> {
        let path = plan.out_dir.join(rel);
        crate::output::write_atomic(&path, bytes).map_err(|e| {
            let path = path.display();
            tr!(
                "không ghi được {path}: {reason}",
                "cannot write {path}: {reason}";
                reason = crate::i18n::io_reason(&e)
            )
        })
    };
    let canonical = doc.relative(&plan.jobs, stem, ext);
    let target = plan.out_dir.join(&canonical);
    let Some(existing) = file_sha(&target) else {
        write(&canonical)?;
        return Ok((canonical, None));
    };
    if existing == new_sha {
        return Ok((canonical, None));
    }
    if env.force || env.old.wrote(&doc.id, &canonical, &existing) {
        write(&canonical)?;
        return Ok((canonical, None));
    }
    for n in 2..10_000 {
        let beside_stem = format!("{stem} (vanban {n})");
        let rel = doc.relative(&plan.jobs, &beside_stem, ext);
        if env
            .planned
            .contains(&doc.relative(&plan.jobs, &beside_stem, "").to_lowercase())
        {
            continue;
        }
        let there = file_sha(&plan.out_dir.join(&rel));
        let usable = match &there {
            None => true,
            Some(h) => h == new_sha || env.old.wrote(&doc.id, &rel, h),
        };
        if usable {
            if there.as_deref() != Some(new_sha) {
                write(&rel)?;
            }
            let note = tr!(
                "{canonical} đã được sửa sau khi vanban ghi nên được giữ nguyên; bản mới ghi \
                 vào {rel} (--force để ghi đè)",
                "{canonical} was changed since vanban wrote it, so it was kept; the new version \
                 is {rel} (--force overwrites)"
            );
            return Ok((rel, Some(note)));
        }
    }
    Err(tr!(
        "{canonical} đã được sửa sau khi vanban ghi, và không còn tên trống nào bên cạnh để ghi bản mới",
        "{canonical} was changed since vanban wrote it, and no free name was found beside it"
    ))
}

/// Turns a worker's outcome into a result and a manifest record.
///
/// The manifest keeps the messages in the run's language: it is read by people as well.
fn record(
    plan: &Plan,
    doc: &Doc,
    outcome: Outcome,
    manifest: &mut RunRecord,
    lang: crate::i18n::Lang,
) -> DocResult {
    let mut r = base_result(plan, doc);
    let job = &plan.jobs[doc.job];
    let mut rec = Record {
        job: job.name.clone(),
        source: r.source.get(lang).to_string(),
        source_key: doc.source_key.clone(),
        status: String::new(),
        input: doc.input_hash.clone(),
        outputs: Vec::new(),
        pages: None,
        error: None,
    };
    match outcome {
        Outcome::Made {
            files,
            pages,
            note,
            timings,
        } => {
            r.status = Status::Made;
            r.files = files.iter().map(|f| f.file.clone()).collect();
            r.pages = pages;
            r.note = note;
            r.timings = timings;
            rec.status = "made".into();
            rec.outputs = files;
            rec.pages = pages;
        }
        Outcome::Failed { error, timings } => {
            rec.status = "failed".into();
            rec.input = String::new();
            rec.error = Some(error.get(lang).to_string());
            r.status = Status::Failed;
            r.error = Some(error);
            r.timings = timings;
            // Keep the files an earlier run made, so a later run still knows them.
            if let Some(prev) = manifest.documents.get(&doc.id) {
                rec.outputs = prev.outputs.clone();
            }
        }
    }
    manifest.documents.insert(doc.id.clone(), rec);
    r
}

fn summarise(
    plan: &Plan,
    opts: &Options,
    results: Vec<Option<DocResult>>,
    started: Instant,
    workers: usize,
    manifest: Option<std::path::PathBuf>,
    results_path: Option<std::path::PathBuf>,
) -> Summary {
    let documents: Vec<DocResult> = results.into_iter().flatten().collect();
    let count = |s: Status| documents.iter().filter(|d| d.status == s).count();
    let mut total = Timings::default();
    for d in &documents {
        total.render += d.timings.render;
        total.pdf += d.timings.pdf;
        total.docx += d.timings.docx;
    }
    Summary {
        out_dir: plan.out_dir.clone(),
        made: count(Status::Made),
        skipped: count(Status::Skipped),
        failed: count(Status::Failed),
        stopped: count(Status::Stopped),
        dry_run: opts.dry_run,
        elapsed: started.elapsed(),
        workers,
        documents,
        manifest,
        results: results_path,
        total,
    }
}
