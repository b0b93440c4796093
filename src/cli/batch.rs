//! `vanban batch`: many documents from one batch file, with a progress bar, a summary and
//! a graceful stop on Ctrl-C.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use vanban::batch::console::Console;
use vanban::batch::{Options, Shard};
use vanban::i18n::Lang;

use super::args::BatchArgs;
use super::exit::{self, Done, Failure};

pub fn run(args: BatchArgs, lang: Lang) -> Result<Done, Failure> {
    // Parsed here rather than by clap, so that a wrong K/N is explained in the reader's
    // language.
    let shard = args
        .shard
        .as_deref()
        .map(Shard::parse)
        .transpose()
        .map_err(|e| Failure::Usage(Some(e)))?;
    let opts = Options {
        jobs: args.jobs,
        only: args.only,
        force: args.force,
        dry_run: args.dry_run,
        shard,
        lang,
        stop: None,
        register: args.register,
    };
    batch(&args.file, opts)
}

/// Runs a batch. The first Ctrl-C asks the library to stop after the documents in
/// progress (it then writes the manifest, the results workbook and the summary, and the
/// exit code is 130); a second one quits at once — files are still whole, as every write
/// is atomic.
fn batch(file: &Path, mut opts: Options) -> Result<Done, Failure> {
    let lang = opts.lang;
    if !opts.dry_run {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let stopping = vanban::tr!(
            "đang dừng: chờ các văn bản đang tạo xong… (nhấn Ctrl+C lần nữa để thoát ngay)",
            "stopping after the documents in progress… (Ctrl+C again to quit at once)"
        )
        .take(lang);
        // Without a handler (the system refused it) Ctrl-C simply ends the process, as
        // before: files stay whole and the next run resumes.
        let installed = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(i32::from(exit::STOPPED));
            }
            eprintln!("{stopping}");
        });
        if installed.is_ok() {
            opts.stop = Some(stop);
        }
    }
    let mut console = Console::new(lang);
    let summary = vanban::batch::run(file, &opts, &mut console)?;
    print!("{}", summary.report(lang));
    Ok(Done::Batch {
        failed: summary.failed,
        stopped: summary.stopped,
    })
}
