//! vanban: Excel workbooks to Vietnamese official documents, as PDF and DOCX.
//!
//! One flow, one model (see `docs/architecture.md`):
//!
//! ```text
//! workbook ──workbook::Dataset──▶ template (Handlebars) ──▶ Markdown + header fields
//!          ──document::read_markdown──▶ Document ──pdf::write──▶ .pdf
//!                                                 ──docx::write─▶ .docx
//! ```
//!
//! The library does the work; `main.rs` only parses arguments, prints and sets exit codes.

pub mod batch;
pub mod catalog;
pub mod check;
pub mod document;
pub mod docx;
pub mod error;
pub mod eval;
pub mod i18n;
pub mod legal;
pub mod output;
pub mod pdf;
pub mod preview;
pub mod render;
pub mod template;
pub mod vi;
pub mod watch;
pub mod workbook;
