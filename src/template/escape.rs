//! Escaping data values for the Markdown that Handlebars produces.
//!
//! CommonMark lets any ASCII punctuation character be backslash-escaped, and an escaped
//! character is always literal text. Escaping all of them is therefore enough to make any
//! value print exactly as written, whatever Markdown construct it lands in (a paragraph,
//! a heading, a table cell). Newlines become spaces so that a value can never start a new
//! block.

/// Escapes `s` for Markdown.
pub fn markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    for c in s.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
            out.push(c);
        } else if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn punctuation_and_newlines() {
        assert_eq!(super::markdown("*x*\n| a |"), r"\*x\* \| a \|");
        assert_eq!(super::markdown("Hà Nội"), "Hà Nội");
    }
}
