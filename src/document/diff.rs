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

/// The amended text with its changes marked.
pub fn word_diff(current: &str, new: &str) -> Vec<Inline> {
    let a: Vec<String> = current
        .split_whitespace()
        .map(|w| w.nfc().collect())
        .collect();
    let b: Vec<String> = new.split_whitespace().map(|w| w.nfc().collect()).collect();
    let ops = align(&a, &b);

    // Group consecutive words with the same operation into one inline; spaces between
    // groups belong to the unchanged text when there is any, so a reader sees
    // "cũ mới" rather than "cũmới".
    let mut out: Vec<Inline> = Vec::new();
    let mut group: Vec<&str> = Vec::new();
    let mut group_op = None;
    let mut first = true;
    let flush = |out: &mut Vec<Inline>, op: Option<Op>, words: &mut Vec<&str>, first: &mut bool| {
        if words.is_empty() {
            return;
        }
        if !*first {
            out.push(Inline::Text { text: " ".into() });
        }
        *first = false;
        let text = Inline::Text {
            text: words.join(" "),
        };
        out.push(match op {
            Some(Op::Delete) => Inline::Delete {
                content: vec![text],
            },
            Some(Op::Insert) => Inline::Insert {
                content: vec![text],
            },
            _ => text,
        });
        words.clear();
    };
    let (mut i, mut j) = (0, 0);
    for op in ops {
        let word = match op {
            Op::Same | Op::Delete => {
                let w = &a[i];
                i += 1;
                if op == Op::Same {
                    j += 1;
                }
                w.as_str()
            }
            Op::Insert => {
                let w = &b[j];
                j += 1;
                w.as_str()
            }
        };
        if group_op != Some(op) {
            flush(&mut out, group_op, &mut group, &mut first);
            group_op = Some(op);
        }
        group.push(word);
    }
    flush(&mut out, group_op, &mut group, &mut first);
    out
}

/// The edit script turning `a` into `b`, deletions before insertions at each change.
fn align(a: &[String], b: &[String]) -> Vec<Op> {
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

    #[test]
    fn insertion_and_deletion_at_the_ends() {
        assert_eq!(show(&word_diff("a b c", "x a b")), "[+x+] a b [-c-]");
        assert_eq!(show(&word_diff("", "mới hoàn toàn")), "[+mới hoàn toàn+]");
        assert_eq!(show(&word_diff("bãi bỏ", "")), "[-bãi bỏ-]");
        assert_eq!(show(&word_diff("giữ nguyên", "giữ nguyên")), "giữ nguyên");
    }

    #[test]
    fn nfd_and_nfc_are_the_same_word() {
        assert_eq!(show(&word_diff("ho\u{0300}a", "hòa")), "hòa");
    }
}
