//! Text and inline content to docx-rs runs.
//!
//! Every run carries its font and size explicitly (not only through `docDefaults`) so
//! that the text keeps Times New Roman and the Decree 30 size when it is copied into
//! another document. Text is cleaned of characters XML 1.0 cannot carry; docx-rs escapes
//! the rest (`<`, `&`, quotes), so template-like text such as `{{x}}` stays literal.

use docx_rs::{BreakType, Run, RunFonts};

use crate::document::Inline;

use super::units::half_points;

/// The one font of the document (Decree 30: Times New Roman, TCVN 6909 Unicode).
pub(crate) const FONT: &str = "Times New Roman";

/// Font for all four script slots, so Vietnamese letters never fall back to another face.
pub(crate) fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

/// Character formatting of a run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct RunStyle {
    pub(crate) size_pt: f64,
    pub(crate) bold: bool,
    pub(crate) italic: bool,
    pub(crate) strike: bool,
}

impl RunStyle {
    pub(crate) fn new(size_pt: f64) -> Self {
        RunStyle {
            size_pt,
            bold: false,
            italic: false,
            strike: false,
        }
    }

    pub(crate) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }

    pub(crate) fn italic(mut self) -> Self {
        self.italic = true;
        self
    }

    /// An empty run with this formatting.
    fn run(self) -> Run {
        let size = half_points(self.size_pt);
        let mut run = Run::new().fonts(fonts()).size(size);
        if self.bold {
            run = run.bold();
        }
        if self.italic {
            run = run.italic();
        }
        if self.strike {
            run = run.strike();
        }
        run
    }
}

/// Drops characters that XML 1.0 forbids (C0 controls other than tab and newline, and
/// the non-characters U+FFFE/U+FFFF) and carriage returns, which Word does not need.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n')
                || !(c.is_control() && (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}')
        })
        .filter(|&c| c != '\r')
        .collect()
}

/// One run holding `text`; `\n` becomes a line break (`w:br`) and `\t` a tab.
pub(crate) fn text_run(text: &str, style: RunStyle) -> Run {
    let mut run = style.run();
    let cleaned = clean(text);
    for (i, line) in cleaned.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        for (j, piece) in line.split('\t').enumerate() {
            if j > 0 {
                run = run.add_tab();
            }
            if !piece.is_empty() {
                run = run.add_text(piece);
            }
        }
    }
    run
}

/// Runs for inline content. Nested emphasis combines: `Strong` inside `Emph` is bold italic.
pub(crate) fn inline_runs(content: &[Inline], style: RunStyle) -> Vec<Run> {
    let mut runs = Vec::new();
    push_inlines(content, style, &mut runs);
    runs
}

fn push_inlines(content: &[Inline], style: RunStyle, runs: &mut Vec<Run>) {
    for inline in content {
        match inline {
            Inline::Text { text } | Inline::Code { text } => runs.push(text_run(text, style)),
            Inline::Strong { content } => push_inlines(content, style.bold(), runs),
            Inline::Emph { content } => push_inlines(content, style.italic(), runs),
            Inline::Strike { content } => push_inlines(
                content,
                RunStyle {
                    strike: true,
                    ..style
                },
                runs,
            ),
            Inline::Insert { content } => push_inlines(content, style, runs),
            Inline::Delete { content } => push_inlines(
                content,
                RunStyle {
                    strike: true,
                    ..style
                },
                runs,
            ),
            Inline::LineBreak => runs.push(style.run().add_break(BreakType::TextWrapping)),
        }
    }
}

/// Removes the punctuation a data cell may already end with, so the writer can add the
/// `;` or `.` that Decree 30 wants without doubling it.
pub(crate) fn strip_end_punctuation(text: &str) -> &str {
    text.trim().trim_end_matches([';', '.']).trim_end()
}

/// The `;` or `.` that ends item `index` of a list of `len` items.
pub(crate) fn list_end(index: usize, len: usize) -> char {
    if index + 1 == len { '.' } else { ';' }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_text_and_drops_xml_illegal_controls() {
        assert_eq!(clean("a\u{0001}b\u{000B}c\r\n\td"), "abc\n\td");
        assert_eq!(clean("<w:p> & \" '"), "<w:p> & \" '");
    }

    #[test]
    fn end_punctuation_is_stripped_once_added_back() {
        assert_eq!(strip_end_punctuation(" Như trên; "), "Như trên");
        assert_eq!(strip_end_punctuation("Lưu: VT, CNĐP."), "Lưu: VT, CNĐP");
        assert_eq!(list_end(0, 2), ';');
        assert_eq!(list_end(1, 2), '.');
    }
}
