//! The batch file (TOML): which documents a month-end run makes. Only parsing and checks
//! of the file itself live here; loading templates and workbooks is `plan`'s job.
//!
//! ```toml
//! output = "out/thang-10"                  # folder for every output, relative to this file
//!
//! [[job]]
//! name = "bao-cao-tinh"                     # unique; `--only bao-cao-tinh`
//! template = "../templates/bao-cao-tinh"
//! workbook = "bao-cao-thang.xlsx"
//! rows = "Tỉnh thành"                       # one document per row of this sheet
//! when = "{{gt row.iip_so_cung_ky 0}}"      # optional filter over the row
//! output = "BC-{{row.ma}}-{{slug row.tinh_thanh_pho}}"   # optional name pattern
//! folder = "tinh"                           # optional subfolder
//! formats = ["pdf", "docx"]                 # default: both
//! ```

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::BatchError;
use crate::render::Formats;

/// The parsed batch file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchFile {
    /// Output folder, relative to the batch file. Default `out`.
    #[serde(default = "default_output")]
    pub output: String,
    #[serde(rename = "job", default)]
    pub jobs: Vec<JobSpec>,
}

fn default_output() -> String {
    "out".into()
}

/// One `[[job]]`: a template over a workbook, making one document or one per row.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobSpec {
    /// Unique name, used by `--only`, in the manifest and the results workbook.
    pub name: String,
    /// The template folder, relative to the batch file.
    pub template: String,
    /// The workbook, relative to the batch file.
    pub workbook: String,
    /// One document per data row of this sheet (its name as Excel shows it, or its key).
    /// Absent: one document from the whole workbook, as `vanban render` makes.
    #[serde(default)]
    pub rows: Option<String>,
    /// Handlebars over the row: the row makes a document unless this renders to "",
    /// "false", "0" or "null".
    #[serde(default)]
    pub when: Option<String>,
    /// Output name pattern (Handlebars, no extension); default: the template's own
    /// `output`. Made safe for any file system.
    #[serde(default)]
    pub output: Option<String>,
    /// Subfolder of the batch's output folder (made safe).
    #[serde(default)]
    pub folder: Option<String>,
    /// "pdf" and/or "docx"; default both.
    #[serde(default)]
    pub formats: Option<Vec<String>>,
}

impl JobSpec {
    pub fn formats(&self, file: &Path) -> Result<Formats, BatchError> {
        let Some(list) = &self.formats else {
            return Ok(Formats::default());
        };
        let mut f = Formats {
            pdf: false,
            docx: false,
        };
        for item in list {
            match item.trim().to_ascii_lowercase().as_str() {
                "pdf" => f.pdf = true,
                "docx" => f.docx = true,
                other => {
                    return Err(BatchError::File {
                        path: file.to_path_buf(),
                        message: format!(
                            "job \"{}\": formats has \"{other}\"; write \"pdf\" and/or \"docx\"",
                            self.name
                        ),
                    });
                }
            }
        }
        if !f.pdf && !f.docx {
            return Err(BatchError::File {
                path: file.to_path_buf(),
                message: format!(
                    "job \"{}\": formats is empty; write [\"pdf\", \"docx\"] or leave it out",
                    self.name
                ),
            });
        }
        Ok(f)
    }
}

/// Reads and checks a batch file: TOML errors with line and column, at least one job,
/// unique non-empty job names.
pub fn read(path: &Path) -> Result<BatchFile, BatchError> {
    let text = std::fs::read_to_string(path).map_err(|e| BatchError::File {
        path: path.to_path_buf(),
        message: if e.kind() == std::io::ErrorKind::NotFound {
            "no such file".into()
        } else {
            e.to_string()
        },
    })?;
    let file: BatchFile = toml::from_str(&text).map_err(|e| {
        let at = e.span().map(|span| {
            let before = &text[..span.start.min(text.len())];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            format!(":{line}:{col}")
        });
        BatchError::File {
            path: PathBuf::from(format!("{}{}", path.display(), at.unwrap_or_default())),
            message: e.message().to_string(),
        }
    })?;
    if file.jobs.is_empty() {
        return Err(BatchError::File {
            path: path.to_path_buf(),
            message: "no jobs: add at least one [[job]] with name, template and workbook".into(),
        });
    }
    let mut seen = std::collections::HashSet::new();
    for job in &file.jobs {
        let name = job.name.trim();
        if name.is_empty() || name.contains(['/', '\\', '#']) {
            return Err(BatchError::File {
                path: path.to_path_buf(),
                message: format!(
                    "job name \"{}\": give each job a short name without / \\ or #",
                    job.name
                ),
            });
        }
        if name == "failed" {
            return Err(BatchError::File {
                path: path.to_path_buf(),
                message: "a job cannot be called \"failed\" (`--only failed` means the documents \
                          that failed last time)"
                    .into(),
            });
        }
        if !seen.insert(name.to_string()) {
            return Err(BatchError::File {
                path: path.to_path_buf(),
                message: format!("two jobs are called \"{name}\"; job names must be unique"),
            });
        }
        job.formats(path)?;
    }
    Ok(file)
}
