//! Text and inline content to docx-rs runs, and a draft's insertions and deletions to
//! Word tracked changes (`w:ins`/`w:del`, children of the paragraph, not of a run).
//!
//! Every run carries its font and size explicitly (not only through `docDefaults`) so
//! that the text keeps Times New Roman and the Decree 30 size when it is copied into
//! another document. Text is cleaned of characters XML 1.0 cannot carry; docx-rs escapes
//! the rest (`<`, `&`, quotes), so template-like text such as `{{x}}` stays literal.

use docx_rs::{BreakType, Delete, Insert, Paragraph, Run, RunFonts};

use crate::document::Inline;

use super::ctx::Revision;
use super::units::half_points;

/// The one font of the document (Decree 30: Times New Roman, TCVN 6909 Unicode).
pub(crate) const FONT: &str = crate::layout::FONT;

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
    styled_run(text, style, false)
}

/// Like [`text_run`]; `deleted` text goes in `w:delText`, which a `w:del` requires.
fn styled_run(text: &str, style: RunStyle, deleted: bool) -> Run {
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
                run = if deleted {
                    run.add_delete_text(piece)
                } else {
                    run.add_text(piece)
                };
            }
        }
    }
    run
}

/// Whether a piece of text is part of a draft's change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Unchanged,
    Inserted,
    Deleted,
}

/// Adds inline content to `p`: runs for ordinary text, and the draft's changes as Word
/// tracked changes (`w:ins` around inserted runs, `w:del` with `w:delText` around deleted
/// ones) that a drafting team can accept or reject. Nested emphasis combines: `Strong`
/// inside `Emph` is bold italic; a change nested in another change takes the inner kind.
/// Deleted text carries no strike-through of its own: Word and LibreOffice show it
/// struck through as a deletion, and rejecting the deletion must leave it plain.
pub(crate) fn add_inlines(
    mut p: Paragraph,
    content: &[Inline],
    style: RunStyle,
    revision: &Revision,
) -> Paragraph {
    let mut runs = Vec::new();
    push_inlines(content, style, Change::Unchanged, &mut runs);
    let mut runs = runs.into_iter().peekable();
    while let Some((change, run)) = runs.next() {
        let mut group = vec![run];
        while let Some((_, next)) =
            runs.next_if(|(c, _)| *c == change && change != Change::Unchanged)
        {
            group.push(next);
        }
        p = match change {
            Change::Unchanged => group.into_iter().fold(p, |p, r| p.add_run(r)),
            Change::Inserted => {
                // docx-rs writes these attributes as given: escape them here.
                let mut insert = Insert::new_with_empty();
                insert.author = escape_xml(&revision.author);
                insert.date = escape_xml(&revision.date);
                p.add_insert(group.into_iter().fold(insert, |i, r| i.add_run(r)))
            }
            Change::Deleted => {
                let mut delete = Delete::new();
                delete.author = escape_xml(&revision.author);
                delete.date = escape_xml(&revision.date);
                p.add_delete(group.into_iter().fold(delete, |d, r| d.add_run(r)))
            }
        };
    }
    p
}

fn push_inlines(
    content: &[Inline],
    style: RunStyle,
    change: Change,
    runs: &mut Vec<(Change, Run)>,
) {
    let deleted = change == Change::Deleted;
    for inline in content {
        match inline {
            Inline::Text { text } | Inline::Code { text } => {
                runs.push((change, styled_run(text, style, deleted)));
            }
            Inline::Strong { content } => push_inlines(content, style.bold(), change, runs),
            Inline::Emph { content } => push_inlines(content, style.italic(), change, runs),
            Inline::Strike { content } => push_inlines(
                content,
                RunStyle {
                    strike: true,
                    ..style
                },
                change,
                runs,
            ),
            Inline::Insert { content } => push_inlines(content, style, Change::Inserted, runs),
            Inline::Delete { content } => push_inlines(content, style, Change::Deleted, runs),
            Inline::LineBreak => {
                runs.push((change, style.run().add_break(BreakType::TextWrapping)));
            }
        }
    }
}

/// XML escaping for text and attribute values docx-rs writes without escaping (core
/// properties, the author and date of tracked changes); line breaks become spaces.
pub(crate) fn escape_xml(text: &str) -> String {
    let cleaned = clean(text).replace('\n', " ");
    let mut out = String::with_capacity(cleaned.len());
    for c in cleaned.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_text_and_drops_xml_illegal_controls() {
        assert_eq!(clean("a\u{0001}b\u{000B}c\r\n\td"), "abc\n\td");
        assert_eq!(clean("<w:p> & \" '"), "<w:p> & \" '");
    }
}
