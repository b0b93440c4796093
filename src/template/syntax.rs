//! A template that does not parse, in an author's words and at the place to look: the one
//! function that makes the message for `render`, `check` and `eval` alike.
//!
//! The block structure comes from [`super::blocks`] (an unclosed `{{#each}}` is shown at
//! its opening tag, not at the end of the file where the parser gave up); anything else
//! at the parser's position, described without the parser's grammar words.

use crate::i18n::Text;
use crate::tr;

use super::blocks::{self, Problem};

/// A syntax error: where (1-based line and column in the source; 0 when unknown), what,
/// and what to do.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxProblem {
    pub line: usize,
    pub column: usize,
    pub message: Text,
    pub hint: Text,
}

/// Describes the parser's error `e` on `text`. The block scanner's finding wins when a
/// parser reading from the start meets it no later than the place it stopped, so the two
/// always speak of the same mistake.
pub fn describe(text: &str, e: &handlebars::TemplateError) -> SyntaxProblem {
    let stopped = e.pos();
    if let Some(problem) = blocks::first_problem(text) {
        let noticed = problem.noticed(text);
        let before =
            stopped.is_none_or(|(line, column)| (noticed.line, noticed.column) <= (line, column));
        if before {
            return block_problem(&problem);
        }
    }
    let (line, column) = stopped.unwrap_or((0, 0));
    let column = tag_start(text, line, column);
    SyntaxProblem {
        line,
        column,
        message: reason(e.reason()),
        hint: tr!(
            "kiểm tra các dấu ngoặc {{{{ }}}} và dấu nháy gần dấu ^",
            "check the {{{{ }}}} braces and the quotes near the caret"
        ),
    }
}

/// The column of the last `{{` at or before `column` on line `line` (1-based): the start of
/// the tag the parser stopped in, where the caret helps most; `column` itself when the line
/// has none before it.
fn tag_start(text: &str, line: usize, column: usize) -> usize {
    let Some(src) = text
        .lines()
        .nth(line.saturating_sub(1))
        .filter(|_| line > 0)
    else {
        return column;
    };
    let upto: String = src.chars().take(column).collect();
    match upto.rfind("{{") {
        // The first brace of a run (`{{{x` starts at its first brace).
        Some(b) => {
            let start = upto[..b].trim_end_matches('{').len();
            upto[..start].chars().count() + 1
        }
        None => column,
    }
}

/// A problem of the block structure, at the opening tag (or the stray one).
fn block_problem(problem: &Problem) -> SyntaxProblem {
    let at = problem.place();
    let (message, hint) = match problem {
        Problem::Unclosed { open } => {
            let (shown, close) = (&open.shown, closing(open));
            (
                tr!(
                    "khối {shown} mở ở đây chưa được đóng: thiếu {close}",
                    "the block {shown} opened here is never closed: {close} is missing"
                ),
                tr!(
                    "thêm {close} vào chỗ khối kết thúc",
                    "add {close} where the block ends"
                ),
            )
        }
        Problem::Mismatched { open, close } => {
            let (shown, wrong, right) = (&open.shown, &close.shown, closing(open));
            let (line, column) = (close.at.line, close.at.column);
            (
                tr!(
                    "khối {shown} mở ở đây lại được đóng bằng {wrong} (dòng {line}, cột {column})",
                    "the block {shown} opened here is closed by {wrong} (line {line}, column {column})"
                ),
                tr!(
                    "khối {shown} đóng bằng {right}; các khối lồng nhau đóng theo thứ tự ngược \
                     với thứ tự mở",
                    "{shown} is closed by {right}; nested blocks close in the reverse order of \
                     opening"
                ),
            )
        }
        Problem::Stray { close } => {
            let shown = &close.shown;
            (
                tr!(
                    "{shown} đóng một khối chưa được mở",
                    "{shown} closes a block that was never opened"
                ),
                tr!(
                    "xóa thẻ này, hoặc thêm thẻ mở khối tương ứng phía trên",
                    "remove this tag, or add the block's opening tag above it"
                ),
            )
        }
        Problem::Unterminated { opener, .. } => {
            let end = match *opener {
                "{{!" => "}}",
                "{{{{" => "}}}}",
                _ => "}}",
            };
            (
                tr!(
                    "{opener} mở ở đây chưa được đóng bằng {end}",
                    "this {opener} is never closed by {end}"
                ),
                tr!(
                    "thêm {end} vào cuối biểu thức",
                    "add {end} at the end of the expression"
                ),
            )
        }
    };
    SyntaxProblem {
        line: at.line,
        column: at.column,
        message,
        hint,
    }
}

/// The tag that closes `open`: `{{/each}}`, `{{{{/raw}}}}`.
fn closing(open: &blocks::Tag) -> String {
    let name = &open.name;
    if open.shown.starts_with("{{{{") {
        format!("{{{{{{{{/{name}}}}}}}}}")
    } else {
        format!("{{{{/{name}}}}}")
    }
}

/// The parser's reason without its grammar words: what an author can act on.
pub fn reason(reason: &handlebars::TemplateErrorReason) -> Text {
    use handlebars::TemplateErrorReason as R;
    match reason {
        R::MismatchingClosedHelper(open, close) | R::MismatchingClosedDecorator(open, close) => {
            let (open, close) = (open.trim_matches('"'), close.trim_matches('"'));
            tr!(
                "khối {{{{#{open}}}}} lại được đóng bằng {{{{/{close}}}}}",
                "the block {{{{#{open}}}}} is closed by {{{{/{close}}}}}"
            )
        }
        R::InvalidParam(p) => tr!(
            "tham số viết sai: {p}",
            "a parameter is written wrongly: {p}"
        ),
        R::NestedSubexpression => tr!(
            "không dùng được biểu thức con lồng nhau ở đây",
            "a nested subexpression cannot be used here"
        ),
        _ => tr!(
            "có một {{{{ … }}}} chưa đóng hoặc viết sai",
            "a {{{{ … }}}} is not closed or is malformed"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn problem(text: &str) -> SyntaxProblem {
        match handlebars::template::Template::compile(text) {
            Ok(_) => panic!("{text} parses"),
            Err(e) => describe(text, &e),
        }
    }

    /// Words of the parser that must never reach an author.
    const JARGON: &[&str] = &["expected", "TemplateError", "helper_block", "pest", "rule"];

    fn clean(t: &Text) {
        for lang in [Lang::Vi, Lang::En] {
            let s = t.get(lang);
            for w in JARGON {
                assert!(!s.contains(w), "{w:?} in {s}");
            }
        }
    }

    #[test]
    fn an_unclosed_each_is_at_its_opening_tag() {
        let p = problem("Mở đầu\n\n  {{#each tinh}}\n| {{stt}} |\n\nKết\n");
        assert_eq!((p.line, p.column), (3, 3));
        assert_eq!(
            p.message.vi,
            "khối {{#each}} mở ở đây chưa được đóng: thiếu {{/each}}"
        );
        assert_eq!(
            p.message.en,
            "the block {{#each}} opened here is never closed: {{/each}} is missing"
        );
        clean(&p.message);
        clean(&p.hint);
    }

    #[test]
    fn a_mismatched_close_is_at_the_opening_tag_and_names_the_close() {
        let p = problem("Mở đầu\n{{#if meta.a}}x{{/each}}\n");
        assert_eq!((p.line, p.column), (2, 1));
        assert!(
            p.message.en.contains("{{#if}}")
                && p.message.en.contains("{{/each}} (line 2, column 16)"),
            "{}",
            p.message.en
        );
        clean(&p.message);
    }

    #[test]
    fn other_mistakes_keep_the_parsers_place_without_its_words() {
        let p = problem("a\n{{x y=}}\n");
        assert_eq!((p.line, p.column), (2, 1));
        let p = problem("Đoạn văn: {{meta.doan}\n\n- Mục: {{meta.muc}}\n");
        assert_eq!((p.line, p.column), (1, 11));
        assert_eq!(p.message.en, "a {{ … }} is not closed or is malformed");
        clean(&p.message);
        clean(&p.hint);
        let p = problem("{{ten");
        assert_eq!((p.line, p.column), (1, 1));
        assert!(
            p.message.en.contains("never closed by }}"),
            "{}",
            p.message.en
        );
    }
}
