//! The document model and the reader that builds its body from Markdown.
//!
//! This is the one model of vanban: readers build it, writers ([`crate::pdf`],
//! [`crate::docx`]) read it, and none of them knows the others.

mod diff;
mod markdown;
mod model;
mod widths;

pub use diff::{with_line_breaks, word_diff};
pub use markdown::{MarkdownError, read_markdown, read_markdown_with};
pub use model::*;
pub use widths::plain_text;
