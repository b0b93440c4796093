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
//! Not here: the document itself (`render::Engine`), the CLI (`src/cli/`).

pub mod bench;
pub mod console;
pub mod file;
pub mod manifest;
mod numbers;
mod plan;
pub mod results;
mod run;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

pub use plan::{ROW_KEY, ROW_NUMBER_KEY};
pub(crate) use run::SLOWDOWN_ENV;
pub use run::run;

use crate::i18n::{Bilingual, Lang, Lead, Text};
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
    /// The language of the messages, the per-document lines and the results workbook.
    pub lang: Lang,
    /// Set it (from another thread: a Ctrl-C handler, a GUI's Stop button) to stop the run
    /// gracefully: workers take no new document, the ones being made finish and are
    /// recorded, the rest are [`Status::Stopped`], and the manifest and results workbook
    /// are written as usual, so the same command run again continues. The library only
    /// reads the flag; it installs no signal handler.
    pub stop: Option<Arc<AtomicBool>>,
    /// Number the documents from this register (overrides the batch file's `register`).
    pub register: Option<PathBuf>,
}

/// `--shard K/N`: the K-th (1-based) of N deterministic, disjoint parts of the documents.
/// A document's shard depends only on its id (job, folder and file name), so every
/// machine computes the same split, and it does not move when rows are added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub k: usize,
    pub n: usize,
}

impl Shard {
    /// Reads `K/N`; the error says what to write, in both languages.
    pub fn parse(s: &str) -> Result<Shard, Text> {
        let (k, n) = s.split_once('/').ok_or_else(|| {
            crate::tr!(
                "\"{s}\": viết --shard theo dạng K/N, ví dụ 1/4",
                "\"{s}\": write the shard as K/N, e.g. 1/4"
            )
        })?;
        let k: usize = k
            .trim()
            .parse()
            .map_err(|_| crate::tr!("\"{s}\": K không phải là số", "\"{s}\": K is not a number"))?;
        let n: usize = n
            .trim()
            .parse()
            .map_err(|_| crate::tr!("\"{s}\": N không phải là số", "\"{s}\": N is not a number"))?;
        if n == 0 || k == 0 || k > n {
            return Err(crate::tr!(
                "\"{s}\": K đếm từ 1 đến N (1/4, 2/4, 3/4, 4/4)",
                "\"{s}\": K counts from 1 to N (1/4, 2/4, 3/4, 4/4)"
            ));
        }
        Ok(Shard { k, n })
    }

    /// Whether the document with this id belongs to the shard.
    pub fn contains(&self, id: &str) -> bool {
        use sha2::{Digest, Sha256};
        let h = Sha256::digest(id.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&h[..8]);
        (u64::from_le_bytes(first) % self.n as u64) as usize + 1 == self.k
    }
}

/// For clap: the message is the English one (clap parses `--shard` before it knows the
/// language); [`Shard::parse`] gives both.
impl std::str::FromStr for Shard {
    type Err = Text;
    fn from_str(s: &str) -> Result<Shard, Text> {
        Shard::parse(s)
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
    /// The run was stopped ([`Options::stop`]) before this document was started: nothing
    /// was written for it and the manifest does not mention it, so the next run makes it.
    Stopped,
}

impl Status {
    /// The word for the console and the results workbook.
    pub fn word(self) -> Text {
        match self {
            Status::Made => crate::tr!("đã tạo", "made"),
            Status::Skipped => crate::tr!("bỏ qua", "skipped"),
            Status::Failed => crate::tr!("lỗi", "failed"),
            Status::WouldMake => crate::tr!("sẽ tạo", "would make"),
            Status::WouldSkip => crate::tr!("sẽ bỏ qua", "would skip"),
            Status::Stopped => crate::tr!("chưa tạo (đã dừng)", "not made (stopped)"),
        }
    }
}

/// One document's outcome, in the order of the plan.
#[derive(Debug, Clone)]
pub struct DocResult {
    pub job: String,
    /// "workbook, sheet "…", row N" (or just the workbook for a single document).
    pub source: Text,
    /// The workbook as the batch file names it.
    pub workbook: String,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    /// File name stem, when it could be made.
    pub name: Option<String>,
    /// Files written (or found identical), relative to the output folder.
    pub files: Vec<String>,
    pub status: Status,
    pub pages: Option<usize>,
    pub error: Option<Text>,
    /// E.g. "BC-01.docx was edited since vanban wrote it; the new version is …".
    pub note: Option<Text>,
    pub timings: Timings,
}

/// The outcome of a batch.
#[derive(Debug, Clone)]
pub struct Summary {
    pub out_dir: PathBuf,
    pub made: usize,
    pub skipped: usize,
    pub failed: usize,
    /// Documents not started because the run was stopped ([`Status::Stopped`]).
    pub stopped: usize,
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
    /// The summary printed at the end of a run, in `lang`: the counts, the failed
    /// documents, the notes, where the results workbook is and, last, whether the run was
    /// stopped before the end.
    pub fn report(&self, lang: Lang) -> String {
        use crate::tr;
        use std::fmt::Write;
        let mut f = String::new();
        let secs = self.elapsed.as_secs_f64();
        let mut line = |t: Text| {
            let _ = writeln!(f, "{}", t.get(lang));
        };
        if self.dry_run {
            let count = |s: Status| self.documents.iter().filter(|d| d.status == s).count();
            let (would_make, would_skip, failed) = (
                count(Status::WouldMake),
                count(Status::WouldSkip),
                self.failed,
            );
            line(tr!(
                "chạy thử: {would_make} văn bản sẽ được tạo, {would_skip} bỏ qua, {failed} lỗi (tên hoặc dữ liệu); chưa ghi tệp nào",
                "dry run: {would_make} would be made, {would_skip} skipped, {failed} failed (names or data); nothing was written"
            ));
        } else {
            let (made, skipped, failed, workers) =
                (self.made, self.skipped, self.failed, self.workers);
            let out = self.out_dir.display();
            let secs_vi = format!("{secs:.1}").replace('.', ",");
            line(tr!(
                "đã tạo {made}, bỏ qua {skipped}, lỗi {failed}, trong {secs_vi} giây ({workers} luồng) → {out}",
                "{made} made, {skipped} skipped, {failed} failed in {secs:.1} s ({workers} workers) → {out}"
            ));
        }
        let failed: Vec<&DocResult> = self
            .documents
            .iter()
            .filter(|d| d.status == Status::Failed)
            .collect();
        if !failed.is_empty() {
            line(tr!("lỗi:", "failed:"));
            for d in &failed {
                let (job, name) = (&d.job, d.name.as_deref().unwrap_or(d.source.get(lang)));
                let error = d.error.as_ref().map_or("", |e| e.get(lang));
                line(Text::same(format!("  {job} {name}: {error}")));
            }
            line(tr!(
                "chỉ chạy lại những văn bản này: thêm --only failed",
                "re-run only these with --only failed"
            ));
        }
        for d in &self.documents {
            if let Some(note) = &d.note {
                line(
                    tr!("{lead}: {note}", "{lead}: {note}"; lead = Lead::Note.text(), note = note),
                );
            }
        }
        if let Some(r) = &self.results {
            let r = r.display();
            line(tr!("kết quả: {r}", "results: {r}"));
        }
        if self.stopped > 0 {
            line(stopped_line(self.stopped));
        }
        f
    }
}

/// The last line of a stopped run's summary: why it stopped, what is left, how to go on.
fn stopped_line(n: usize) -> Text {
    let documents = if n == 1 { "document" } else { "documents" };
    crate::tr!(
        "đã dừng theo yêu cầu (Ctrl+C): {n} văn bản chưa tạo; chạy lại đúng lệnh này để làm tiếp",
        "stopped on request (Ctrl+C): {n} {documents} not made; run the same command again to continue where it stopped"
    )
}

/// The English summary ([`Summary::report`]).
impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.report(Lang::En))
    }
}

/// Progress of a running batch, for a progress bar or a log.
pub trait Progress {
    /// The plan is ready: `total` documents, `to_make` of them to be made.
    fn start(&mut self, total: usize, to_make: usize);
    /// One document is done (made, skipped or failed).
    fn document(&mut self, result: &DocResult);
    /// All documents are done.
    fn finish(&mut self);
    /// What the workbook reader of a job changed or found (numbers typed as text, a totals
    /// row that does not add up, …), once per job before the documents; never a failure.
    fn notice(&mut self, _notice: &crate::workbook::Notice) {}
}

/// A report that says nothing (for the benchmark and library callers).
pub struct Silent;

impl Progress for Silent {
    fn start(&mut self, _: usize, _: usize) {}
    fn document(&mut self, _: &DocResult) {}
    fn finish(&mut self) {}
}

/// What stops a batch before (or instead of) making documents.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{}: {message}", .path.display())]
    File { path: PathBuf, message: Text },
    #[error("job \"{job}\": {source}")]
    Job {
        job: String,
        source: Box<crate::error::Error>,
    },
    #[error("{message}")]
    Plan { message: Text },
    #[error("cannot write {}: {source}", .path.display())]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The register the documents are numbered from cannot be used.
    #[error(transparent)]
    Register(#[from] crate::register::RegisterError),
}

impl Bilingual for BatchError {
    fn text(&self) -> Text {
        match self {
            BatchError::File { path, message } => {
                let path = path.display();
                crate::tr!("{path}: {message}", "{path}: {message}"; message = message)
            }
            BatchError::Job { job, source } => crate::tr!(
                "việc \"{job}\": {source}",
                "job \"{job}\": {source}";
                source = source
            ),
            BatchError::Plan { message } => message.clone(),
            BatchError::Register(e) => e.text(),
            BatchError::Output { path, source } => {
                let path = path.display();
                crate::tr!(
                    "không ghi được {path}: {reason}",
                    "cannot write {path}: {reason}";
                    reason = crate::i18n::io_reason(source)
                )
            }
        }
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
    fn shard_errors_in_both_languages() {
        let e = Shard::parse("5/4").unwrap_err();
        assert_eq!(e.vi, "\"5/4\": K đếm từ 1 đến N (1/4, 2/4, 3/4, 4/4)");
        assert_eq!(e.en, "\"5/4\": K counts from 1 to N (1/4, 2/4, 3/4, 4/4)");
        let e = Shard::parse("x").unwrap_err();
        assert!(e.vi.contains("viết --shard theo dạng K/N"), "{}", e.vi);
        assert!(
            Shard::parse("a/4")
                .unwrap_err()
                .vi
                .contains("K không phải là số")
        );
        assert!(
            Shard::parse("1/b")
                .unwrap_err()
                .vi
                .contains("N không phải là số")
        );
    }

    #[test]
    fn status_words() {
        let all = [
            Status::Made,
            Status::Skipped,
            Status::Failed,
            Status::WouldMake,
            Status::WouldSkip,
            Status::Stopped,
        ];
        let vi: Vec<String> = all.iter().map(|s| s.word().vi).collect();
        let en: Vec<String> = all.iter().map(|s| s.word().en).collect();
        assert_eq!(
            vi,
            [
                "đã tạo",
                "bỏ qua",
                "lỗi",
                "sẽ tạo",
                "sẽ bỏ qua",
                "chưa tạo (đã dừng)"
            ]
        );
        assert_eq!(
            en,
            [
                "made",
                "skipped",
                "failed",
                "would make",
                "would skip",
                "not made (stopped)"
            ]
        );
    }

    fn doc(status: Status, error: Option<Text>, note: Option<Text>) -> DocResult {
        DocResult {
            job: "tinh".into(),
            source: crate::tr!(
                "data.xlsx, sheet \"Tỉnh thành\", dòng 3",
                "data.xlsx, sheet \"Tỉnh thành\", row 3"
            ),
            workbook: "data.xlsx".into(),
            sheet: Some("Tỉnh thành".into()),
            row: Some(3),
            name: Some("BC-02".into()),
            files: Vec::new(),
            status,
            pages: None,
            error,
            note,
            timings: Timings::default(),
        }
    }

    fn summary(dry_run: bool, documents: Vec<DocResult>) -> Summary {
        let count = |s: Status| documents.iter().filter(|d| d.status == s).count();
        Summary {
            out_dir: PathBuf::from("out"),
            made: count(Status::Made),
            skipped: count(Status::Skipped),
            failed: count(Status::Failed),
            stopped: count(Status::Stopped),
            dry_run,
            elapsed: Duration::from_millis(1500),
            workers: 3,
            documents,
            manifest: None,
            results: Some(PathBuf::from("out/vanban-ket-qua.xlsx")),
            total: Timings::default(),
        }
    }

    #[test]
    fn the_summary_in_both_languages() {
        let s = summary(
            false,
            vec![
                doc(
                    Status::Made,
                    None,
                    Some(Text::new("đã giữ bản sửa", "the edit was kept")),
                ),
                doc(
                    Status::Failed,
                    Some(Text::new("ô E3 chứa chữ", "cell E3 holds text")),
                    None,
                ),
            ],
        );
        let vi = s.report(Lang::Vi);
        assert!(
            vi.starts_with("đã tạo 1, bỏ qua 0, lỗi 1, trong 1,5 giây (3 luồng) → out\n"),
            "{vi}"
        );
        assert!(vi.contains("lỗi:\n  tinh BC-02: ô E3 chứa chữ\n"), "{vi}");
        assert!(vi.contains("chỉ chạy lại những văn bản này: thêm --only failed"));
        assert!(vi.contains("ghi chú: đã giữ bản sửa"));
        assert!(vi.contains("kết quả: out/vanban-ket-qua.xlsx"));
        let en = s.to_string();
        assert_eq!(en, s.report(Lang::En));
        assert!(en.starts_with("1 made, 0 skipped, 1 failed in 1.5 s (3 workers) → out\n"));
        assert!(
            en.contains("failed:\n  tinh BC-02: cell E3 holds text\n"),
            "{en}"
        );
        assert!(en.contains("note: the edit was kept"));

        let dry = summary(true, vec![doc(Status::WouldMake, None, None)]);
        assert!(dry.report(Lang::Vi).starts_with(
            "chạy thử: 1 văn bản sẽ được tạo, 0 bỏ qua, 0 lỗi (tên hoặc dữ liệu); chưa ghi tệp nào"
        ));
        assert!(dry.to_string().starts_with("dry run: 1 would be made"));
    }

    #[test]
    fn a_stopped_run_ends_its_summary_saying_how_to_go_on() {
        let mut docs = vec![doc(Status::Made, None, None)];
        docs.extend((0..37).map(|_| doc(Status::Stopped, None, None)));
        let s = summary(false, docs);
        assert_eq!(s.stopped, 37);
        let vi = s.report(Lang::Vi);
        assert!(
            vi.starts_with("đã tạo 1, bỏ qua 0, lỗi 0, trong 1,5 giây (3 luồng) → out\n"),
            "{vi}"
        );
        assert!(
            vi.ends_with(
                "kết quả: out/vanban-ket-qua.xlsx\nđã dừng theo yêu cầu (Ctrl+C): 37 văn bản chưa \
                 tạo; chạy lại đúng lệnh này để làm tiếp\n"
            ),
            "{vi}"
        );
        let en = s.to_string();
        assert!(
            en.ends_with(
                "results: out/vanban-ket-qua.xlsx\nstopped on request (Ctrl+C): 37 documents not \
                 made; run the same command again to continue where it stopped\n"
            ),
            "{en}"
        );

        // One document left: singular in English; stopped and failed: still "stopped".
        let one = summary(
            false,
            vec![
                doc(Status::Failed, Some(Text::new("hỏng", "broken")), None),
                doc(Status::Stopped, None, None),
            ],
        );
        assert_eq!(one.stopped, 1);
        assert!(
            one.to_string()
                .ends_with("(Ctrl+C): 1 document not made; run the same command again to continue where it stopped\n"),
            "{one}"
        );
        assert!(
            one.report(Lang::Vi)
                .contains("chỉ chạy lại những văn bản này: thêm --only failed\n"),
        );

        // Not stopped: no such line, and the usual exit code.
        let done = summary(false, vec![doc(Status::Made, None, None)]);
        assert_eq!(done.stopped, 0);
        assert!(!done.report(Lang::Vi).contains("đã dừng"));
        assert!(!done.to_string().contains("stopped"));
    }

    #[test]
    fn batch_errors_in_both_languages() {
        let e = BatchError::Output {
            path: PathBuf::from("out/vanban-manifest.json"),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert!(
            e.message(Lang::Vi)
                .starts_with("không ghi được out/vanban-manifest.json: không có quyền"),
            "{}",
            e.message(Lang::Vi)
        );
        assert!(
            e.to_string()
                .starts_with("cannot write out/vanban-manifest.json:")
        );

        let e = BatchError::File {
            path: PathBuf::from("lo.toml:3:1"),
            message: Text::new("thiếu trường `template`", "missing field `template`"),
        };
        assert_eq!(e.message(Lang::Vi), "lo.toml:3:1: thiếu trường `template`");
        assert_eq!(e.to_string(), "lo.toml:3:1: missing field `template`");

        let e = BatchError::Job {
            job: "tinh".into(),
            source: Box::new(crate::error::Error::Output {
                path: PathBuf::from("x.pdf"),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            }),
        };
        let vi = e.message(Lang::Vi);
        assert!(
            vi.starts_with("việc \"tinh\": không ghi được x.pdf:"),
            "{vi}"
        );
        assert!(
            e.to_string()
                .starts_with("job \"tinh\": cannot write x.pdf")
        );
        assert_ne!(vi, e.message(Lang::En));
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
