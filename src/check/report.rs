//! What `check` found: each problem ([`Diagnostic`]) with its place, severity and
//! message in both languages, and the [`Report`] printed as text or JSON.

use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::i18n::{Lang, Lead, Text};
use crate::template::Location;
use crate::tr;

/// How serious a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The document cannot be made, or would be wrong.
    Error,
    /// Worth a look; the document can be made.
    Warning,
    /// What was not checked, and why.
    Note,
}

/// One problem, located in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub severity: Severity,
    /// A stable name for tools: `syntax`, `unknown-helper`, `unknown-field`,
    /// `not-a-number`, `empty-number`, `error-cell`, `missing-sheet`, `missing-column`,
    /// `workbook`, `manifest`, `markdown`, `date-zero`, `noi-nhan`, `render`, `no-data`,
    /// `markdown-unchecked`; and the renderer's form rules ([`crate::template::FormProblem`]):
    /// `ky-hieu`, `draft-number`, `date`, `required`, `signature`, `signatures`, `margin`.
    pub code: &'static str,
    /// What is wrong, in both languages.
    pub message: Text,
    /// What to do, in both languages.
    pub hint: Option<Text>,
    /// The source line, for the caret display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    /// `file:line:column: error: message`, the source line with a caret, then the hint.
    pub fn to_text(&self, lang: Lang) -> String {
        let sev = match self.severity {
            Severity::Error => Lead::Error,
            Severity::Warning => Lead::Warning,
            Severity::Note => Lead::Note,
        }
        .text();
        let sev = sev.get(lang);
        let location = Location {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            source_line: self.source_line.clone(),
        };
        let message = self.message.get(lang);
        let mut s = format!("{location}: {sev}: {message}{}", location.snippet());
        if let Some(h) = &self.hint {
            let lead = Lead::Hint.text();
            s.push_str(&format!("\n  {}: {}", lead.get(lang), h.get(lang)));
        }
        s
    }
}

/// Codes of problems that are the workbook's, not the template's (exit code 3).
const DATA_CODES: &[&str] = &[
    "not-a-number",
    "empty-number",
    "error-cell",
    "missing-sheet",
    "missing-column",
    "workbook",
];

/// Everything `check` found.
#[derive(Debug, Clone)]
pub struct Report {
    pub template: PathBuf,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }

    /// No errors (warnings and notes allowed).
    pub fn is_clean(&self) -> bool {
        self.count(Severity::Error) == 0
    }

    /// Every error (if any) is the workbook's, not the template's: the CLI's exit code
    /// tells the two apart.
    pub fn errors_are_the_workbooks(&self) -> bool {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .all(|d| DATA_CODES.contains(&d.code))
    }

    /// Every diagnostic as text, then a summary line.
    pub fn to_text(&self, lang: Lang) -> String {
        let mut out = String::new();
        for d in &self.diagnostics {
            out.push_str(&d.to_text(lang));
            out.push_str("\n\n");
        }
        let template = self.template.display();
        let (errors, warnings) = (self.count(Severity::Error), self.count(Severity::Warning));
        let summary = if errors == 0 && warnings == 0 {
            tr!(
                "{template}: không phát hiện vấn đề nào.",
                "{template}: no problems found."
            )
        } else {
            tr!(
                "{template}: {errors} lỗi, {warnings} cảnh báo.",
                "{template}: {errors} error(s), {warnings} warning(s)."
            )
        };
        out.push_str(summary.get(lang));
        out.push('\n');
        out
    }

    /// A JSON array of {file, line, column, severity, code, message, hint} with the message
    /// and hint in `lang`, and each also in both languages (message_vi, message_en,
    /// hint_vi, hint_en).
    pub fn to_json(&self, lang: Lang) -> String {
        #[derive(Serialize)]
        struct Out<'a> {
            file: &'a Path,
            line: usize,
            column: usize,
            severity: Severity,
            code: &'static str,
            message: &'a str,
            hint: Option<&'a str>,
            message_vi: &'a str,
            message_en: &'a str,
            hint_vi: Option<&'a str>,
            hint_en: Option<&'a str>,
        }
        let out: Vec<Out<'_>> = self
            .diagnostics
            .iter()
            .map(|d| Out {
                file: &d.file,
                line: d.line,
                column: d.column,
                severity: d.severity,
                code: d.code,
                message: d.message.get(lang),
                hint: d.hint.as_ref().map(|h| h.get(lang)),
                message_vi: &d.message.vi,
                message_en: &d.message.en,
                hint_vi: d.hint.as_ref().map(|h| h.vi.as_str()),
                hint_en: d.hint.as_ref().map(|h| h.en.as_str()),
            })
            .collect();
        serde_json::to_string_pretty(&out).unwrap_or_else(|_| "[]".into())
    }
}
