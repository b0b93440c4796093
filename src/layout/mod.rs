//! The decree form as data: every size, gap, ratio, stroke, string and rule that the
//! two writers (the Typst layout for the PDF, `src/docx` for the DOCX) place.

/// The language of every document vanban makes (document metadata).
pub const LANGUAGE: &str = "vi-VN";
