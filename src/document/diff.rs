//! Word-level differences between a current text and its amended version, as inline
//! content: unchanged words as text, removed words as [`Inline::Delete`], added words as
//! [`Inline::Insert`]. The DOCX writer prints these as Word tracked changes, the PDF
//! layout as struck-through and underlined words.
//!
//! Words are whitespace-separated tokens (punctuation stays attached: "khoản 2," is one
//! word), compared after Unicode NFC so that a composed and a decomposed "ồ" are equal.
//! The alignment is a longest common subsequence, which is exact and fast enough for the
//! paragraph-sized texts of an amendment (a few hundred words).

use unicode_normalization::UnicodeNormalization;

use super::model::Inline;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Same,
    Delete,
    Insert,
}

/// A token of a text: a word or a punctuation mark, whether a space preceded it, and
/// whether that space held a line break (an amended unit's lines: its Điều title, each
/// khoản and điểm, keep their own lines).
#[derive(Debug, Clone)]
struct Token {
    text: String,
    space_before: bool,
    break_before: bool,
}

/// The words of `text`, each with whether a line break preceded it.
fn words_of(text: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut word = String::new();
    let mut line_break = false;
    for c in text.chars() {
        if c.is_whitespace() {
            if !word.is_empty() {
                out.push((std::mem::take(&mut word), line_break));
                line_break = false;
            }
            line_break |= c == '\n';
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        out.push((word, line_break));
    }
    out
}

/// Punctuation that stands apart from words when comparing, so that "vực." and
/// "vực và" share the word "vực".
fn is_punct(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ';' | ':' | '!' | '?' | '(' | ')' | '“' | '”' | '"' | '\''
    )
}

fn tokens(text: &str) -> Vec<Token> {
    let text: String = text.nfc().collect();
    let mut out: Vec<Token> = Vec::new();
    for (wi, (word, line_break)) in words_of(&text).into_iter().enumerate() {
        // Leading and trailing marks stand alone; marks inside a word ("2.000.000",
        // "đồng/người") stay in it.
        let chars: Vec<char> = word.chars().collect();
        let lead = chars.iter().take_while(|c| is_punct(**c)).count();
        let trail = chars[lead..]
            .iter()
            .rev()
            .take_while(|c| is_punct(**c))
            .count();
        let core_end = chars.len() - trail;
        let mut pieces: Vec<String> = chars[..lead].iter().map(|c| c.to_string()).collect();
        if core_end > lead {
            pieces.push(chars[lead..core_end].iter().collect());
        }
        pieces.extend(chars[core_end..].iter().map(|c| c.to_string()));
        for (pi, piece) in pieces.into_iter().enumerate() {
            out.push(Token {
                text: piece,
                space_before: pi == 0 && wi > 0,
                break_before: pi == 0 && wi > 0 && line_break,
            });
        }
    }
    out
}

/// The amended text with its changes marked.
pub fn word_diff(current: &str, new: &str) -> Vec<Inline> {
    let a = tokens(current);
    let b = tokens(new);
    let at: Vec<&str> = a.iter().map(|t| t.text.as_str()).collect();
    let bt: Vec<&str> = b.iter().map(|t| t.text.as_str()).collect();
    let ops = align(&at, &bt);

    // Consecutive tokens with the same operation become one inline; a token's leading
    // space goes with it.
    let mut out: Vec<Inline> = Vec::new();
    let mut group = String::new();
    let mut group_op: Option<Op> = None;
    let flush = |out: &mut Vec<Inline>, op: Option<Op>, text: &mut String| {
        if text.is_empty() {
            return;
        }
        let inline = Inline::Text {
            text: std::mem::take(text),
        };
        out.push(match op {
            Some(Op::Delete) => Inline::Delete {
                content: vec![inline],
            },
            Some(Op::Insert) => Inline::Insert {
                content: vec![inline],
            },
            _ => inline,
        });
    };
    let (mut i, mut j) = (0, 0);
    let mut started = false;
    for op in ops {
        let token = match op {
            // The output is the new text: unchanged tokens keep its spacing.
            Op::Same => {
                j += 1;
                i += 1;
                &b[j - 1]
            }
            Op::Delete => {
                i += 1;
                &a[i - 1]
            }
            Op::Insert => {
                j += 1;
                &b[j - 1]
            }
        };
        if group_op != Some(op) {
            let after_delete = group_op == Some(Op::Delete);
            flush(&mut out, group_op, &mut group);
            group_op = Some(op);
            // A replacement at the start of a text ("cũ" → "mới") has no space of its
            // own between the old and the new words; give it one.
            let is_word = token.text.chars().next().is_some_and(|c| !is_punct(c));
            if after_delete && op == Op::Insert && !token.space_before && is_word {
                out.push(Inline::Text { text: " ".into() });
            }
            // A space at the boundary of a change belongs to the unchanged text, so
            // that underlines and strike-throughs cover words, not the gaps before them.
            if token.space_before && started && op != Op::Same {
                out.push(Inline::Text {
                    text: gap(token).into(),
                });
            } else if token.space_before && started {
                group.push(gap(token));
            }
        } else if token.space_before {
            group.push(gap(token));
        }
        group.push_str(&token.text);
        started = true;
    }
    flush(&mut out, group_op, &mut group);
    with_line_breaks(out)
}

/// What stands before a token: a line break where the text had one, else a space.
fn gap(token: &Token) -> char {
    if token.break_before { '\n' } else { ' ' }
}

/// `xs` with every `\n` inside a text turned into a [`Inline::LineBreak`], at any depth,
/// so that both writers break the line there.
pub fn with_line_breaks(xs: Vec<Inline>) -> Vec<Inline> {
    let mut out = Vec::with_capacity(xs.len());
    for x in xs {
        match x {
            Inline::Text { text } if text.contains('\n') => {
                let parts: Vec<&str> = text.split('\n').collect();
                let last = parts.len() - 1;
                for (i, part) in parts.into_iter().enumerate() {
                    if i > 0 {
                        out.push(Inline::LineBreak);
                    }
                    // The spaces around a break print nothing; the others are kept.
                    let part = if i > 0 { part.trim_start() } else { part };
                    let part = if i < last { part.trim_end() } else { part };
                    if !part.is_empty() {
                        out.push(Inline::Text { text: part.into() });
                    }
                }
            }
            Inline::Insert { content } => out.push(Inline::Insert {
                content: with_line_breaks(content),
            }),
            Inline::Delete { content } => out.push(Inline::Delete {
                content: with_line_breaks(content),
            }),
            other => out.push(other),
        }
    }
    out
}

/// The edit script turning `a` into `b`, deletions before insertions at each change.
fn align(a: &[&str], b: &[&str]) -> Vec<Op> {
    // lcs[i][j] = length of the LCS of a[i..] and b[j..].
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut ops = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            ops.push(Op::Same);
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            ops.push(Op::Delete);
            i += 1;
        } else {
            ops.push(Op::Insert);
            j += 1;
        }
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(xs: &[Inline]) -> String {
        xs.iter()
            .map(|x| match x {
                Inline::Text { text } => text.clone(),
                Inline::Insert { content } => format!("[+{}+]", show(content)),
                Inline::Delete { content } => format!("[-{}-]", show(content)),
                Inline::LineBreak => "/".into(),
                _ => String::new(),
            })
            .collect()
    }

    #[test]
    fn replaced_amount() {
        let d = word_diff(
            "Mức hỗ trợ tối đa 2.000.000 đồng/người.",
            "Mức hỗ trợ tối đa 3.000.000 đồng/người.",
        );
        assert_eq!(
            show(&d),
            "Mức hỗ trợ tối đa [-2.000.000-] [+3.000.000+] đồng/người."
        );
    }

    /// An inserted article keeps its lines: the title on its own, then its text.
    #[test]
    fn line_breaks_of_the_new_text_are_kept() {
        let d = word_diff("", "Điều 5a. Khuyến công xanh\nHỗ trợ cơ sở");
        assert_eq!(show(&d), "[+Điều 5a. Khuyến công xanh/Hỗ trợ cơ sở+]");
        let d = word_diff("1. Cũ.\n2. Giữ", "1. Mới.\n2. Giữ");
        assert_eq!(show(&d), "1. [-Cũ-] [+Mới+]./2. Giữ");
        assert_eq!(
            show(&with_line_breaks(vec![Inline::Text {
                text: "a \n b ".into()
            }])),
            "a/b "
        );
    }

    #[test]
    fn insertion_and_deletion_at_the_ends() {
        assert_eq!(show(&word_diff("a b c", "x a b")), "[+x+] a b [-c-]");
        assert_eq!(show(&word_diff("", "mới hoàn toàn")), "[+mới hoàn toàn+]");
        assert_eq!(show(&word_diff("bãi bỏ", "")), "[-bãi bỏ-]");
        assert_eq!(
            show(&word_diff("Sở Công Thương", "cơ quan")),
            "[-Sở Công Thương-] [+cơ quan+]"
        );
        assert_eq!(show(&word_diff("giữ nguyên", "giữ nguyên")), "giữ nguyên");
    }

    #[test]
    fn punctuation_is_compared_on_its_own() {
        assert_eq!(
            show(&word_diff("cấp khu vực.", "cấp khu vực và cấp quốc gia.")),
            "cấp khu vực [+và cấp quốc gia+]."
        );
        assert_eq!(
            show(&word_diff("(a) và b;", "(a) hoặc b;")),
            "(a) [-và-] [+hoặc+] b;"
        );
    }

    #[test]
    fn nfd_and_nfc_are_the_same_word() {
        assert_eq!(show(&word_diff("ho\u{0300}a", "hòa")), "hòa");
    }
}
