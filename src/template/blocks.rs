//! The block structure of a Handlebars source, read by its tags alone: which `{{#name}}`
//! is never closed, which is closed by the wrong `{{/name}}`, which `{{/name}}` closes
//! nothing, which `{{` never ends.
//!
//! Handlebars' parser reports an unclosed block at the end of the file, in its grammar's
//! words; an author needs the place where the block was opened. This scanner finds it
//! from the source itself, so the message never depends on the parser's English. It knows
//! just enough of the syntax to skip what is not a tag: `\{{` (a literal brace pair),
//! `{{!-- … --}}` and `{{! … }}` comments, `{{{{raw}}}} … {{{{/raw}}}}` blocks, and
//! quoted strings inside a tag (`{{x "}}"}}`).

/// A tag's place in the source: 1-based line and column (in characters, as the caret
/// display counts them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Place {
    pub line: usize,
    pub column: usize,
}

/// A tag that opens or closes a block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    /// The block's name: `each` for `{{#each items}}`, `inline` for `{{#*inline "x"}}`.
    pub name: String,
    /// How the tag is written, shortened: `{{#each}}`, `{{/if}}`, `{{{{raw}}}}`.
    pub shown: String,
    pub at: Place,
}

/// The first thing wrong with the block structure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A block opened and never closed (the innermost one, when several are open at the
    /// end).
    Unclosed { open: Tag },
    /// A block closed by another name's tag.
    Mismatched { open: Tag, close: Tag },
    /// A closing tag with no block open.
    Stray { close: Tag },
    /// `{{` (or a comment's `{{!--`) with no end.
    Unterminated { at: Place, opener: &'static str },
}

impl Problem {
    /// Where the problem shows: the opening tag, or the stray one.
    pub fn place(&self) -> Place {
        match self {
            Problem::Unclosed { open } | Problem::Mismatched { open, .. } => open.at,
            Problem::Stray { close } => close.at,
            Problem::Unterminated { at, .. } => *at,
        }
    }

    /// Where a parser reading from the start would first notice it: the wrong closing
    /// tag, the end of the source for an unclosed block, the place itself otherwise.
    pub fn noticed(&self, text: &str) -> Place {
        match self {
            Problem::Mismatched { close, .. } => close.at,
            Problem::Unclosed { .. } => place_of(text, text.len()),
            other => other.place(),
        }
    }
}

/// The kind of block a tag belongs to: helper blocks must be closed by their own name;
/// partial and decorator blocks (`{{#> x}}`, `{{#*inline}}`) also by an empty `{{/}}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Helper,
    Partial,
}

/// The first problem of `text`'s block structure, or `None` when every block is closed by
/// its own name.
pub fn first_problem(text: &str) -> Option<Problem> {
    let bytes = text.as_bytes();
    let mut open: Vec<(Tag, Kind)> = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find("{{") {
        let start = i + found;
        // `\{{` is a literal pair of braces; `\\{{` is a backslash and then a tag.
        let backslashes = bytes[..start]
            .iter()
            .rev()
            .take_while(|&&b| b == b'\\')
            .count();
        if backslashes == 1 {
            i = start
                + if text[start..].starts_with("{{{{") {
                    4
                } else {
                    2
                };
            continue;
        }
        if text[start..].starts_with("{{{{") {
            match raw_block(text, start) {
                Ok(next) => i = next,
                Err(p) => return Some(*p),
            }
            continue;
        }
        if text[start..].starts_with("{{!") {
            let end = if text[start..].starts_with("{{!--") {
                text[start..]
                    .find("--}}")
                    .map(|e| start + e + 4)
                    .or_else(|| text[start..].find("}}").map(|e| start + e + 2))
            } else {
                text[start..].find("}}").map(|e| start + e + 2)
            };
            match end {
                Some(end) => i = end,
                None => {
                    return Some(Problem::Unterminated {
                        at: place_of(text, start),
                        opener: "{{!",
                    });
                }
            }
            continue;
        }
        let Some(end) = tag_end(text, start + 2) else {
            return Some(Problem::Unterminated {
                at: place_of(text, start),
                opener: "{{",
            });
        };
        i = end;
        let inner = text[start + 2..end - 2]
            .trim_start_matches('{')
            .trim_start_matches('~')
            .trim_start();
        let at = place_of(text, start);
        if let Some(rest) = inner.strip_prefix('#') {
            let rest = rest.trim_start();
            let (kind, sigil, rest) = match rest.chars().next() {
                Some(c @ ('>' | '*')) => (Kind::Partial, c.to_string(), rest[1..].trim_start()),
                _ => (Kind::Helper, String::new(), rest),
            };
            let name = name_of(rest);
            let shown = format!("{{{{#{sigil}{name}}}}}");
            open.push((Tag { name, shown, at }, kind));
        } else if let Some(rest) = inner.strip_prefix('/') {
            let name = name_of(rest.trim_start());
            let close = Tag {
                shown: format!("{{{{/{name}}}}}"),
                name,
                at,
            };
            match open.pop() {
                None => return Some(Problem::Stray { close }),
                Some((o, kind)) => {
                    let empty_ok = kind == Kind::Partial && close.name.is_empty();
                    if o.name != close.name && !empty_ok {
                        return Some(Problem::Mismatched { open: o, close });
                    }
                }
            }
        }
    }
    open.pop().map(|(open, _)| Problem::Unclosed { open })
}

/// `{{{{name …}}}} … {{{{/name}}}}`: the index after the closing tag, or the problem.
fn raw_block(text: &str, start: usize) -> Result<usize, Box<Problem>> {
    let at = place_of(text, start);
    let Some(head_end) = text[start + 4..].find("}}}}").map(|e| start + 4 + e + 4) else {
        return Err(Box::new(Problem::Unterminated { at, opener: "{{{{" }));
    };
    let inner = text[start + 4..head_end - 4]
        .trim_start_matches('~')
        .trim_start();
    if let Some(rest) = inner.strip_prefix('/') {
        let name = name_of(rest.trim_start());
        return Err(Box::new(Problem::Stray {
            close: Tag {
                shown: format!("{{{{{{{{/{name}}}}}}}}}"),
                name,
                at,
            },
        }));
    }
    let name = name_of(inner);
    let open = Tag {
        shown: format!("{{{{{{{{{name}}}}}}}}}"),
        name,
        at,
    };
    // The raw text runs to the next `{{{{`, which must be the block's end.
    let Some(next) = text[head_end..].find("{{{{").map(|e| head_end + e) else {
        return Err(Box::new(Problem::Unclosed { open }));
    };
    let Some(close_end) = text[next + 4..].find("}}}}").map(|e| next + 4 + e + 4) else {
        return Err(Box::new(Problem::Unterminated {
            at: place_of(text, next),
            opener: "{{{{",
        }));
    };
    let inner = text[next + 4..close_end - 4]
        .trim_start_matches('~')
        .trim_start();
    let close_name = name_of(inner.strip_prefix('/').unwrap_or(inner).trim_start());
    let close = Tag {
        shown: format!("{{{{{{{{/{close_name}}}}}}}}}"),
        name: close_name,
        at: place_of(text, next),
    };
    if !inner.starts_with('/') {
        return Err(Box::new(Problem::Unclosed { open }));
    }
    if close.name != open.name {
        return Err(Box::new(Problem::Mismatched { open, close }));
    }
    Ok(close_end)
}

/// The index just after the `}}` that ends the tag whose inside starts at `from`; quoted
/// strings inside may hold braces.
fn tag_end(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = from;
    let mut quote: Option<u8> = None;
    while i < bytes.len() {
        let b = bytes[i];
        match quote {
            Some(q) => {
                if b == b'\\' {
                    i += 1;
                } else if b == q {
                    quote = None;
                }
            }
            None => {
                if b == b'"' || b == b'\'' {
                    quote = Some(b);
                } else if b == b'}' && bytes.get(i + 1) == Some(&b'}') {
                    // A triple-stash `{{{x}}}` ends at its third brace.
                    let mut end = i + 2;
                    if bytes.get(end) == Some(&b'}') {
                        end += 1;
                    }
                    return Some(end);
                }
            }
        }
        i += 1;
    }
    None
}

/// The name at the start of a tag's inside: up to a space, a brace, a tilde or a
/// parenthesis.
fn name_of(rest: &str) -> String {
    rest.chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '}' | '~' | '(' | ')'))
        .collect()
}

/// The 1-based line and column (in characters) of byte offset `at`.
pub fn place_of(text: &str, at: usize) -> Place {
    let at = at.min(text.len());
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    Place {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Place {
        Place { line, column }
    }

    #[test]
    fn balanced_sources_have_no_problem() {
        for text in [
            "",
            "plain text",
            "{{#each a}}{{#if b}}x{{else}}y{{/if}}{{/each}}",
            "{{~#each a~}}\n{{this}}\n{{~/each~}}",
            "{{#> layout}}x{{/}}",
            "{{#*inline \"p\"}}x{{/inline}}",
            "{{! {{#each}} in a comment }}",
            "{{!-- {{#each a}} }} still a comment --}}",
            "\\{{#each a}} is literal text",
            "{{{{raw}}}}{{#each a}}{{{{/raw}}}}",
            "{{x \"}}\"}}{{#if a}}{{/if}}",
            "{{{html}}}{{#with a}}{{/with}}",
            "Đoạn: {{meta.đoạn}\n\n- Mục: {{meta.mục}} {{#if ạ}}ố{{/if}}",
        ] {
            assert_eq!(first_problem(text), None, "{text}");
        }
    }

    /// Any text at all, cut anywhere: an answer, never a panic (the scanner reads
    /// bytes of Vietnamese text).
    #[test]
    fn no_input_makes_it_panic() {
        let text =
            "Tổng {{#each tỉnh}}{{{{raw}}}}ố{{{{/raw}}}}{{!-- ư --}}\\{{ạ \"}}ề\" '}}'}}{{/each}}";
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            for start in (0..end).filter(|&i| text.is_char_boundary(i)) {
                let _ = first_problem(&text[start..end]);
            }
        }
    }

    #[test]
    fn an_unclosed_block_is_found_at_its_opening_tag() {
        let text = "Mở đầu\n\n{{#each tinh}}\n| {{stt}} |\n{{#if x}}y{{/if}}\nKết\n";
        match first_problem(text) {
            Some(Problem::Unclosed { open }) => {
                assert_eq!(open.name, "each");
                assert_eq!(open.shown, "{{#each}}");
                assert_eq!(open.at, at(3, 1));
            }
            other => panic!("{other:?}"),
        }
        // The column counts characters, not bytes.
        let p = first_problem("Tổng: {{#if a}}").unwrap();
        assert_eq!(p.place(), at(1, 7));
        assert_eq!(p.noticed("Tổng: {{#if a}}"), at(1, 16));
        for (text, name) in [
            ("{{#with a}}", "with"),
            ("{{#unless a}}", "unless"),
            ("{{~ #if a ~}}", "if"),
        ] {
            match first_problem(text) {
                Some(Problem::Unclosed { open }) => assert_eq!(open.name, name),
                other => panic!("{text}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_innermost_open_block_is_the_one_reported() {
        let text = "{{#each a}}\n  {{#if b}}\n";
        match first_problem(text) {
            Some(Problem::Unclosed { open }) => {
                assert_eq!((open.name.as_str(), open.at), ("if", at(2, 3)))
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_wrong_closing_tag_names_both() {
        let text = "a\n {{#if meta.a}}x\n{{/each}}";
        match first_problem(text) {
            Some(Problem::Mismatched { open, close }) => {
                assert_eq!((open.shown.as_str(), open.at), ("{{#if}}", at(2, 2)));
                assert_eq!((close.shown.as_str(), close.at), ("{{/each}}", at(3, 1)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn stray_and_unterminated_tags() {
        assert!(matches!(
            first_problem("x {{/each}}"),
            Some(Problem::Stray { close }) if close.at == at(1, 3)
        ));
        assert!(matches!(
            first_problem("x\n{{ten"),
            Some(Problem::Unterminated { at: p, opener: "{{" }) if p == at(2, 1)
        ));
        assert!(matches!(
            first_problem("{{!-- never closed"),
            Some(Problem::Unterminated { opener: "{{!", .. })
        ));
        assert!(matches!(
            first_problem("{{{{raw}}}} text"),
            Some(Problem::Unclosed { open }) if open.shown == "{{{{raw}}}}"
        ));
        assert!(matches!(
            first_problem("{{{{raw}}}} text {{{{/row}}}}"),
            Some(Problem::Mismatched { .. })
        ));
    }
}
