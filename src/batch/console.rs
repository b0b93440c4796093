//! How a batch shows its progress: a progress bar (indicatif) when stderr is a terminal,
//! one line per document on stdout otherwise (a log, a CI job, a scheduler).

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};

use super::{DocResult, Report, Status};

/// The `vanban batch` progress display.
pub struct Console {
    bar: Option<ProgressBar>,
    /// Bar on a terminal; lines otherwise.
    terminal: bool,
}

impl Console {
    /// A bar when stderr is a terminal, lines otherwise.
    pub fn new() -> Console {
        Console {
            bar: None,
            terminal: std::io::stderr().is_terminal(),
        }
    }

    /// Always one line per document.
    pub fn lines() -> Console {
        Console {
            bar: None,
            terminal: false,
        }
    }
}

impl Default for Console {
    fn default() -> Self {
        Console::new()
    }
}

/// The one-line form of a result: `made     BC-01-ha-noi.pdf, BC-01-ha-noi.docx (2 pages)`.
pub fn line(r: &DocResult) -> String {
    let what = if r.files.is_empty() {
        r.name.clone().unwrap_or_else(|| r.source.clone())
    } else {
        r.files.join(", ")
    };
    let mut s = format!("{:<10} {what}", r.status.word());
    if let Some(p) = r.pages {
        s.push_str(&format!(" ({p} page{})", if p == 1 { "" } else { "s" }));
    }
    if let Some(e) = &r.error {
        s.push_str(&format!(
            "\n           {}",
            e.replace('\n', "\n           ")
        ));
    }
    if let Some(n) = &r.note {
        s.push_str(&format!("\n           note: {n}"));
    }
    s
}

impl Report for Console {
    fn start(&mut self, total: usize, to_make: usize) {
        if self.terminal {
            let bar = ProgressBar::new(total as u64);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40.cyan/blue} {pos}/{len} {per_sec} eta {eta} {msg}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_message(format!("({} to make)", to_make));
            self.bar = Some(bar);
        }
    }

    fn document(&mut self, r: &DocResult) {
        match &self.bar {
            Some(bar) => {
                if r.status == Status::Failed || r.note.is_some() {
                    bar.println(line(r));
                }
                bar.inc(1);
            }
            None => {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{}", line(r));
            }
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }
}
