//! `vanban watch`: re-renders whenever the template or the workbook changes, printing a
//! line per change, render and failure.

use std::io::Write;
use std::time::{Duration, Instant};

use vanban::i18n::{Lang, Lead};
use vanban::tr;
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
    let start = {
        let (template, data, out) = (template.display(), data.display(), out.display());
        tr!(
            "đang theo dõi {template} và {data}; kết quả ghi vào {out} (Ctrl+C để dừng)",
            "watching {template} and {data}; writing to {out} (Ctrl+C to stop)"
        )
    };
    println!("{}", start.get(lang));
    let start = Instant::now();
    let stamp = || format!("{:.1}s", start.elapsed().as_secs_f64());
    let mut failed_last = false;
    vanban::watch::watch(&template, &data, &opts, |event| {
        match event {
            Event::Changed(files) => {
                let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                let (time, files) = (stamp(), files.join(", "));
                let line = tr!("[{time}] thay đổi: {files}", "[{time}] changed: {files}");
                println!("{}", line.get(lang));
            }
            Event::Rendered { files, elapsed } => {
                failed_last = false;
                let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                let (time, ms, files) = (stamp(), elapsed.as_millis(), files.join(", "));
                let line = tr!(
                    "[{time}] đã tạo trong {ms} ms: {files}",
                    "[{time}] rendered in {ms} ms: {files}"
                );
                println!("{}", line.get(lang));
            }
            Event::Failed {
                report,
                error,
                elapsed,
            } => {
                failed_last = true;
                if report.is_clean() {
                    println!("{}: {}\n", Lead::Error.text().get(lang), error.get(lang));
                } else {
                    print!("{}", report.to_text(lang));
                }
                let (time, ms) = (stamp(), elapsed.as_millis());
                let line = tr!(
                    "[{time}] lỗi sau {ms} ms; giữ nguyên kết quả tốt gần nhất",
                    "[{time}] failed after {ms} ms; the last good output is kept"
                );
                println!("{}", line.get(lang));
            }
        }
        let _ = std::io::stdout().flush();
    });
    Ok(Done::Watched { failed_last })
}
