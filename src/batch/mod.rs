//! Month-end batch runs: many documents from one batch file, in one process.
//!
//! `vanban batch cuoi-thang.toml` reads the batch file ([`file`]), loads each job's
//! template and workbook once and lists every document with its name and input hash
//! ([`plan`]) — a bad file, a missing sheet or two documents with one name stop the run
//! before anything is written. Documents then go to a few plain worker threads pulling
//! from a queue ([`run`]; not a rayon `par_iter`: typst uses rayon inside, and whole
//! documents nested in its pool overflow the stack). Each document is made in memory and
//! written atomically; the manifest ([`manifest`]) records its inputs and outputs, so a
//! re-run skips what did not change and never overwrites a file a person edited. A
//! results workbook ([`results`]) lists every document for the clerk. [`bench`] measures
//! all of it on synthetic data.
//!
//! Not here: the document itself (`render::Engine`), the CLI (`main.rs`).

pub mod bench;
pub mod console;
pub mod file;
pub mod manifest;
mod plan;
pub mod results;
mod run;

use std::path::PathBuf;
use std::time::Duration;

pub use plan::{ROW_KEY, ROW_NUMBER_KEY};
pub use run::run;

use crate::render::Timings;

/// Worker threads when `--jobs` is not given: one per core plus one, so a core stays busy
/// while a worker waits for its files to reach the disk (measured on the 2-core
/// development machine: 3 workers made 1 000 documents ~10 % faster than 2; README).
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get()) + 1
}

/// How to run a batch (the command-line options).
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Worker threads; 0 = [`default_workers`].
    pub jobs: usize,
    /// Job names to run, or `failed` for the documents that failed last time; empty = all.
    pub only: Vec<String>,
    /// Remake every document, and overwrite files edited since vanban wrote them.
    pub force: bool,
    /// Plan and report what would be made; write nothing.
    pub dry_run: bool,
    /// Make only this shard of the documents.
    pub shard: Option<Shard>,
}

/// `--shard K/N`: the K-th (1-based) of N deterministic, disjoint parts of the documents.
/// A document's shard depends only on its id (job, folder and file name), so every
/// machine computes the same split, and it does not move when rows are added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

impl std::str::FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let (k, n) = s
            .split_once('/')
            .ok_or_else(|| format!("\"{s}\": write the shard as K/N, e.g. 1/4"))?;
        let k: usize = k
            .trim()
            .parse()
            .map_err(|_| format!("\"{s}\": K is not a number"))?;
        let n: usize = n
            .trim()
            .parse()
            .map_err(|_| format!("\"{s}\": N is not a number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(format!(
                "\"{s}\": K counts from 1 to N (1/4, 2/4, 3/4, 4/4)"
            ));
        }
        Ok(Shard { k, n })
    }
}

impl Shard {
    /// Whether the document with this id belongs to the shard.
    pub fn contains(&self, id: &str) -> bool {
        use sha2::{Digest, Sha256};
        let h = Sha256::digest(id.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&h[..8]);
        (u64::from_le_bytes(first) % self.n as u64) as usize + 1 == self.k
    }
}

/// What happened to one document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Made (written, or found already identical on disk).
    Made,
    /// Inputs unchanged since the last run and the files are there: left alone.
    Skipped,
    Failed,
    /// `--dry-run`: would be made.
    WouldMake,
    /// `--dry-run`: would be skipped.
    WouldSkip,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Made => "made",
            Status::Skipped => "skipped",
            Status::Failed => "failed",
            Status::WouldMake => "would make",
            Status::WouldSkip => "would skip",
        }
    }
}

/// One document's outcome, in the order of the plan.
#[derive(Debug, Clone)]
pub struct DocResult {
    pub job: String,
    /// "workbook, sheet "…", row N" (or just the workbook for a single document).
    pub source: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    /// File name stem, when it could be made.
    pub name: Option<String>,
    /// Files written (or found identical), relative to the output folder.
    pub files: Vec<String>,
    pub status: Status,
    pub pages: Option<usize>,
    pub error: Option<String>,
    /// E.g. "BC-01.docx was edited since vanban wrote it; the new version is …".
    pub note: Option<String>,
    pub timings: Timings,
}

/// The outcome of a batch.
#[derive(Debug, Clone)]
pub struct Summary {
    pub out_dir: PathBuf,
    pub made: usize,
    pub skipped: usize,
    pub failed: usize,
    pub dry_run: bool,
    pub elapsed: Duration,
    pub workers: usize,
    /// Every document, in plan order.
    pub documents: Vec<DocResult>,
    pub manifest: Option<PathBuf>,
    pub results: Option<PathBuf>,
    /// Sum of per-document times over the documents made.
    pub total: Timings,
}

impl Summary {
    /// The exit code: OK, or FAILED when some documents failed.
    pub fn exit_code(&self) -> i32 {
        if self.failed > 0 {
            crate::error::exit::FAILED
        } else {
            crate::error::exit::OK
        }
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let secs = self.elapsed.as_secs_f64();
        if self.dry_run {
            let would_make = self
                .documents
                .iter()
                .filter(|d| d.status == Status::WouldMake)
                .count();
            let would_skip = self
                .documents
                .iter()
                .filter(|d| d.status == Status::WouldSkip)
                .count();
            writeln!(
                f,
                "dry run: {would_make} would be made, {would_skip} skipped, {} failed (names or data); nothing was written",
                self.failed
            )?;
        } else {
            writeln!(
                f,
                "{} made, {} skipped, {} failed in {secs:.1} s ({} workers) → {}",
                self.made,
                self.skipped,
                self.failed,
                self.workers,
                self.out_dir.display()
            )?;
        }
        let failed: Vec<&DocResult> = self
            .documents
            .iter()
            .filter(|d| d.status == Status::Failed)
            .collect();
        if !failed.is_empty() {
            writeln!(f, "failed:")?;
            for d in &failed {
                writeln!(
                    f,
                    "  {} {}: {}",
                    d.job,
                    d.name.as_deref().unwrap_or(&d.source),
                    d.error.as_deref().unwrap_or("")
                )?;
            }
            writeln!(f, "re-run only these with --only failed")?;
        }
        for d in self.documents.iter().filter(|d| d.note.is_some()) {
            writeln!(f, "note: {}", d.note.as_deref().unwrap_or(""))?;
        }
        if let Some(r) = &self.results {
            writeln!(f, "results: {}", r.display())?;
        }
        Ok(())
    }
}

/// Progress of a running batch, for a progress bar or a log.
pub trait Report {
    /// The plan is ready: `total` documents, `to_make` of them to be made.
    fn start(&mut self, total: usize, to_make: usize);
    /// One document is done (made, skipped or failed).
    fn document(&mut self, result: &DocResult);
    /// All documents are done.
    fn finish(&mut self);
}

/// A report that says nothing (for the benchmark and library callers).
pub struct Silent;

impl Report for Silent {
    fn start(&mut self, _: usize, _: usize) {}
    fn document(&mut self, _: &DocResult) {}
    fn finish(&mut self) {}
}

/// What stops a batch before (or instead of) making documents.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{}: {message}", .path.display())]
    File { path: PathBuf, message: String },
    #[error("job \"{job}\": {source}")]
    Job {
        job: String,
        source: Box<crate::error::Error>,
    },
    #[error("{message}")]
    Plan { message: String },
    #[error("cannot write {}: {source}", .path.display())]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl BatchError {
    pub fn exit_code(&self) -> i32 {
        use crate::error::exit;
        match self {
            BatchError::Job { source, .. } => source.exit_code(),
            BatchError::File { .. } | BatchError::Plan { .. } => exit::TEMPLATE,
            BatchError::Output { .. } => exit::OUTPUT,
        }
    }
}

/// Interim: the English text in both languages, until this error's messages are translated.
impl crate::i18n::Bilingual for BatchError {
    fn text(&self) -> crate::i18n::Text {
        crate::i18n::Text::same(self.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_syntax() {
        assert_eq!("2/4".parse::<Shard>(), Ok(Shard { k: 2, n: 4 }));
        assert!("0/4".parse::<Shard>().is_err());
        assert!("5/4".parse::<Shard>().is_err());
        assert!("1/0".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn every_id_is_in_exactly_one_shard() {
        let n = 4;
        let mut sizes = vec![0; n];
        for i in 0..1000 {
            let id = format!("tinh/BC-{i:05}");
            let owners: Vec<usize> = (1..=n).filter(|&k| Shard { k, n }.contains(&id)).collect();
            assert_eq!(owners.len(), 1, "{id}");
            sizes[owners[0] - 1] += 1;
        }
        // A hash split: roughly even.
        assert!(sizes.iter().all(|&s| s > 180 && s < 320), "{sizes:?}");
    }
}
