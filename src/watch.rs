//! `vanban watch`: re-render whenever the template folder or the workbook changes.
//!
//! The files are polled (every 250 ms by default) rather than watched with OS
//! notifications: a template folder and one workbook are a handful of small files, polling
//! them costs nothing, needs no dependency, and works the same on network shares and
//! synced folders, where many offices keep their workbooks and where inotify-style events
//! are unreliable. A change is judged by content (a hash, for files up to 4 MB) or size and
//! modification time, so an editor's "save as temp, rename" counts once and a `touch`
//! does not re-render. After a change, polling continues until the files have been quiet
//! for `quiet` (debounce; at most 2 s), so Excel's multi-step save or an editor's
//! burst of writes gives one render.
//!
//! Each render goes through [`crate::render::render`], which builds every output in memory
//! and writes nothing unless all of them were made, each atomically: a broken save leaves
//! the last good PDF and DOCX in place. On failure the folder is checked with
//! [`crate::check`] so the author sees every problem, not just the first.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

use crate::check::{self, Report};
use crate::i18n::Lang;
use crate::render::Formats;

/// How to watch.
#[derive(Debug, Clone)]
pub struct WatchOptions {
    pub out_dir: PathBuf,
    pub formats: Formats,
    pub lang: Lang,
    /// How often the files are looked at.
    pub poll: Duration,
    /// How long the files must stay unchanged before a render.
    pub quiet: Duration,
    /// Stop after this many renders (for tests and scripts).
    pub max_renders: Option<usize>,
    /// Stop after this long (for tests and scripts).
    pub exit_after: Option<Duration>,
}

impl WatchOptions {
    pub fn new(out_dir: PathBuf) -> Self {
        WatchOptions {
            out_dir,
            formats: Formats::default(),
            lang: Lang::default(),
            poll: Duration::from_millis(250),
            quiet: Duration::from_millis(150),
            max_renders: None,
            exit_after: None,
        }
    }
}

/// What happened, for the caller to print.
#[derive(Debug)]
pub enum Event {
    /// Files changed (relative to nothing: as found on disk).
    Changed(Vec<PathBuf>),
    /// A render succeeded and wrote these files.
    Rendered {
        files: Vec<PathBuf>,
        elapsed: Duration,
    },
    /// A render failed; nothing was written. `report` is the check of the folder against
    /// the workbook; `error` is the renderer's own message in both languages (for when the
    /// check finds nothing, e.g. a layout error).
    Failed {
        report: Report,
        error: crate::i18n::Text,
        elapsed: Duration,
    },
}

/// Watches until a limit of `opts` is reached (forever without one); returns the number
/// of renders.
pub fn watch(
    template: &Path,
    data: &Path,
    opts: &WatchOptions,
    mut on: impl FnMut(Event),
) -> usize {
    let start = Instant::now();
    let mut renders = 0;
    let mut last = fingerprint(template, data, &opts.out_dir);
    let render = |on: &mut dyn FnMut(Event)| {
        let t = Instant::now();
        let options = crate::render::RenderOptions {
            formats: opts.formats,
            ..Default::default()
        };
        match crate::render::render(template, data, &opts.out_dir, &options) {
            Ok(made) => on(Event::Rendered {
                files: made.files,
                elapsed: t.elapsed(),
            }),
            Err(e) => {
                let elapsed = t.elapsed();
                let report = check::check(template, Some(data));
                on(Event::Failed {
                    report,
                    error: crate::i18n::Bilingual::text(&e),
                    elapsed,
                });
            }
        }
    };
    let done = |renders: usize| {
        opts.max_renders.is_some_and(|m| renders >= m)
            || opts.exit_after.is_some_and(|d| start.elapsed() >= d)
    };
    render(&mut on);
    renders += 1;
    while !done(renders) {
        std::thread::sleep(opts.poll);
        let now = fingerprint(template, data, &opts.out_dir);
        if now == last {
            continue;
        }
        // Debounce: wait until the files stay the same for `quiet`.
        let burst = Instant::now();
        let mut current = now;
        loop {
            std::thread::sleep(opts.quiet);
            let again = fingerprint(template, data, &opts.out_dir);
            let settled = again == current;
            current = again;
            if settled || burst.elapsed() > Duration::from_secs(2) {
                break;
            }
        }
        let changed: Vec<PathBuf> = current
            .iter()
            .filter(|(p, f)| last.get(*p) != Some(f))
            .map(|(p, _)| p.clone())
            .chain(last.keys().filter(|p| !current.contains_key(*p)).cloned())
            .collect();
        last = current;
        if changed.is_empty() {
            continue;
        }
        on(Event::Changed(changed));
        render(&mut on);
        renders += 1;
    }
    renders
}

/// What a file looks like now: a content hash for files up to 4 MB, else size and
/// modification time.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Print {
    Content(u64),
    Stat(u64, Option<SystemTime>),
}

/// Every file of the template folder (outside the output folder, skipping hidden and
/// temporary files) and the workbook.
fn fingerprint(template: &Path, data: &Path, out_dir: &Path) -> BTreeMap<PathBuf, Print> {
    let out_abs = out_dir.canonicalize().ok();
    let mut files = Vec::new();
    let mut stack = vec![template.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if out_abs.is_some() && dir.canonicalize().ok() == out_abs {
            continue;
        }
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for e in rd.filter_map(Result::ok) {
            let p = e.path();
            let name = e.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') || name.starts_with("~$") || name.ends_with('~') {
                continue;
            }
            if p.is_dir() {
                stack.push(p);
            } else {
                files.push(p);
            }
        }
    }
    files.push(data.to_path_buf());
    files
        .into_iter()
        .filter_map(|p| {
            let meta = std::fs::metadata(&p).ok()?;
            let print = if meta.len() <= 4 << 20 {
                let bytes = std::fs::read(&p).ok()?;
                let mut h = DefaultHasher::new();
                bytes.hash(&mut h);
                Print::Content(h.finish())
            } else {
                Print::Stat(meta.len(), meta.modified().ok())
            };
            Some((p, print))
        })
        .collect()
}
