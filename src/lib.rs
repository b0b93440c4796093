//! vanban: Excel workbooks to Vietnamese official documents, as PDF and DOCX.
//!
//! One flow, one model (README.md, "Layout of the code"):
//!
//! ```text
//! workbook ──workbook::Dataset──▶ template (Handlebars) ──▶ Markdown + header fields
//!          ──document::read_markdown──▶ Document ──pdf::write──▶ .pdf
//!                                                 ──docx::write─▶ .docx
//! ```
//!
//! The library does the work; the CLI (`src/main.rs`, `src/cli/`) only parses arguments,
//! prints and sets exit codes.
//! Every message is made in both languages where the problem is found (`i18n`) and
//! printed in the reader's language at the edge.

pub mod batch;
pub mod catalog;
pub mod check;
pub mod document;
pub mod docx;
pub mod error;
pub mod eval;
pub mod i18n;
pub mod import;
pub mod layout;
pub mod legal;
pub mod output;
pub mod pdf;
pub mod preview;
pub mod register;
pub mod render;
pub mod serve;
pub mod spans;
pub mod suggest;
pub mod template;
pub mod toml_explain;
pub mod vi;
pub mod watch;
pub mod workbook;
