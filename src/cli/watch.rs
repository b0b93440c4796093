//! `vanban watch`: re-renders whenever the template or the workbook changes, printing a
//! line per change, render and failure.

use std::io::Write;
use std::time::{Duration, Instant};

use vanban::i18n::{Lang, Msg};
use vanban::watch::{Event, WatchOptions};

use super::args::WatchArgs;
use super::exit::{Done, Failure};

pub fn run(args: WatchArgs, lang: Lang) -> Result<Done, Failure> {
    let WatchArgs {
        template,
        data,
        out,
        format,
        max_renders,
        exit_after_ms,
    } = args;
    let mut opts = WatchOptions::new(out.clone());
    opts.formats = format.into();
    opts.lang = lang;
    opts.max_renders = max_renders;
    opts.exit_after = exit_after_ms.map(Duration::from_millis);
    println!(
        "{}",
        lang.t(
            Msg::WatchStart,
            &[
                ("template", &template.display()),
                ("data", &data.display()),
                ("out", &out.display())
            ]
        )
    );
    let start = Instant::now();
    let stamp = || format!("{:.1}s", start.elapsed().as_secs_f64());
    let mut failed_last = false;
    vanban::watch::watch(&template, &data, &opts, |event| {
        match event {
            Event::Changed(files) => {
                let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                println!(
                    "{}",
                    lang.t(
                        Msg::WatchChanged,
                        &[("time", &stamp()), ("files", &files.join(", "))]
                    )
                );
            }
            Event::Rendered { files, elapsed } => {
                failed_last = false;
                let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                println!(
                    "{}",
                    lang.t(
                        Msg::WatchRendered,
                        &[
                            ("time", &stamp()),
                            ("ms", &elapsed.as_millis()),
                            ("files", &files.join(", "))
                        ]
                    )
                );
            }
            Event::Failed {
                report,
                error,
                elapsed,
            } => {
                failed_last = true;
                if report.is_clean() {
                    println!("{}: {}\n", lang.s(Msg::Error), error.get(lang));
                } else {
                    print!("{}", report.to_text(lang));
                }
                println!(
                    "{}",
                    lang.t(
                        Msg::WatchFailed,
                        &[("time", &stamp()), ("ms", &elapsed.as_millis())]
                    )
                );
            }
        }
        let _ = std::io::stdout().flush();
    });
    Ok(Done::Watched { failed_last })
}
