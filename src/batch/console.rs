//! How a batch shows its progress: a progress bar (indicatif) when stderr is a terminal,
//! one line per document on stdout otherwise (a log, a CI job, a scheduler).

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};

use super::{DocResult, Progress, Status};
use crate::i18n::{Lang, Lead};

/// The `vanban batch` progress display.
pub struct Console {
    bar: Option<ProgressBar>,
    /// Bar on a terminal; lines otherwise.
    terminal: bool,
    lang: Lang,
}

impl Console {
    /// A bar when stderr is a terminal, lines otherwise.
    pub fn new(lang: Lang) -> Console {
        Console {
            bar: None,
            terminal: std::io::stderr().is_terminal(),
            lang,
        }
    }

    /// Always one line per document.
    pub fn lines(lang: Lang) -> Console {
        Console {
            bar: None,
            terminal: false,
            lang,
        }
    }
}

impl Default for Console {
    fn default() -> Self {
        Console::new(Lang::default())
    }
}

/// The one-line form of a result: `made     BC-01-ha-noi.pdf, BC-01-ha-noi.docx (2 pages)`
/// (`đã tạo     … (2 trang)` in Vietnamese).
pub fn line(r: &DocResult, lang: Lang) -> String {
    let what = if r.files.is_empty() {
        r.name
            .clone()
            .unwrap_or_else(|| r.source.get(lang).to_string())
    } else {
        r.files.join(", ")
    };
    let mut s = format!("{:<10} {what}", r.status.word().get(lang));
    if let Some(p) = r.pages {
        let pages = if p == 1 { "page" } else { "pages" };
        let pages = crate::tr!(" ({p} trang)", " ({p} {pages})");
        s.push_str(pages.get(lang));
    }
    if let Some(e) = &r.error {
        s.push_str(&format!(
            "\n           {}",
            e.get(lang).replace('\n', "\n           ")
        ));
    }
    if let Some(n) = &r.note {
        s.push_str(&format!(
            "\n           {}: {}",
            Lead::Note.text().get(lang),
            n.get(lang)
        ));
    }
    s
}

impl Progress for Console {
    fn start(&mut self, total: usize, to_make: usize) {
        if self.terminal {
            let bar = ProgressBar::new(total as u64);
            // indicatif's template: its {placeholders} are filled by the bar, not by tr!.
            let template = crate::i18n::Text::new(
                "{bar:40.cyan/blue} {pos}/{len} {per_sec} còn {eta} {msg}",
                "{bar:40.cyan/blue} {pos}/{len} {per_sec} eta {eta} {msg}",
            );
            let template = template.get(self.lang);
            let message = crate::tr!("(cần tạo {to_make})", "({to_make} to make)").take(self.lang);
            bar.set_style(
                ProgressStyle::with_template(template)
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_message(message);
            self.bar = Some(bar);
        }
    }

    fn document(&mut self, r: &DocResult) {
        match &self.bar {
            Some(bar) => {
                if r.status == Status::Failed || r.note.is_some() {
                    bar.println(line(r, self.lang));
                }
                bar.inc(1);
            }
            None => {
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{}", line(r, self.lang));
            }
        }
    }

    fn finish(&mut self) {
        if let Some(bar) = self.bar.take() {
            bar.finish_and_clear();
        }
    }

    fn notice(&mut self, notice: &crate::workbook::Notice) {
        use crate::i18n::Bilingual;
        eprintln!(
            "{}: {}",
            Lead::Note.text().get(self.lang),
            notice.message(self.lang)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Text;

    #[test]
    fn one_line_per_document_in_both_languages() {
        let r = DocResult {
            job: "tinh".into(),
            source: Text::new(
                "data.xlsx, sheet \"Tỉnh thành\", dòng 2",
                "data.xlsx, sheet \"Tỉnh thành\", row 2",
            ),
            workbook: "data.xlsx".into(),
            sheet: Some("Tỉnh thành".into()),
            row: Some(2),
            name: Some("BC-01".into()),
            files: vec!["BC-01.pdf".into(), "BC-01.docx".into()],
            status: Status::Made,
            pages: Some(2),
            error: None,
            note: Some(Text::new(
                "bản mới ghi vào BC-01 (vanban 2).pdf",
                "the new version is BC-01 (vanban 2).pdf",
            )),
            timings: Default::default(),
        };
        assert_eq!(
            line(&r, Lang::Vi),
            "đã tạo     BC-01.pdf, BC-01.docx (2 trang)\n           ghi chú: bản mới ghi vào BC-01 (vanban 2).pdf"
        );
        assert_eq!(
            line(&r, Lang::En),
            "made       BC-01.pdf, BC-01.docx (2 pages)\n           note: the new version is BC-01 (vanban 2).pdf"
        );
        let failed = DocResult {
            files: Vec::new(),
            name: None,
            status: Status::Failed,
            pages: None,
            note: None,
            error: Some(Text::new("ô E2 trống", "cell E2 is empty")),
            ..r
        };
        assert_eq!(
            line(&failed, Lang::Vi),
            "lỗi        data.xlsx, sheet \"Tỉnh thành\", dòng 2\n           ô E2 trống"
        );
    }
}
