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
use crate::i18n::Text;
use crate::render::Formats;
use crate::spans::{Spans, place_of};
use crate::tr;

/// The parsed batch file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BatchFile {
    /// Output folder, relative to the batch file. Default `out`.
    #[serde(default = "default_output")]
    pub output: String,
    /// The outgoing-document register the documents are numbered from, relative to this
    /// file (`--register` overrides it).
    #[serde(default)]
    pub register: Option<String>,
    #[serde(rename = "job", default)]
    pub jobs: Vec<JobSpec>,
    /// Where each field is written, for messages (`job[2].formats`).
    #[serde(skip)]
    pub spans: Spans,
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
    /// The formats the job asks for; `file` is the place of its `formats` for messages.
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
                    let job = &self.name;
                    return Err(BatchError::File {
                        path: file.to_path_buf(),
                        message: tr!(
                            "việc \"{job}\": formats có \"{other}\"; chỉ viết \"pdf\" và/hoặc \"docx\"",
                            "job \"{job}\": formats has \"{other}\"; write \"pdf\" and/or \"docx\""
                        ),
                    });
                }
            }
        }
        if !f.pdf && !f.docx {
            let job = &self.name;
            return Err(BatchError::File {
                path: file.to_path_buf(),
                message: tr!(
                    "việc \"{job}\": formats để trống; viết [\"pdf\", \"docx\"] hoặc bỏ dòng này",
                    "job \"{job}\": formats is empty; write [\"pdf\", \"docx\"] or leave it out"
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
            Text::new("không có tệp này", "no such file")
        } else {
            crate::i18n::io_reason(&e)
        },
    })?;
    let mut file: BatchFile = toml::from_str(&text).map_err(|e| {
        let name = Text::same(
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
        let x = crate::toml_explain::explain::<BatchFile>(&name, &text, &e);
        let at = x.at.map(|at| {
            let p = place_of(&text, at);
            format!(":{}:{}", p.line, p.column)
        });
        BatchError::File {
            path: PathBuf::from(format!("{}{}", path.display(), at.unwrap_or_default())),
            message: x.message,
        }
    })?;
    file.spans = Spans::parse(&text);
    let at = |field: &str| file.spans.file_place(path, field);
    if file.jobs.is_empty() {
        return Err(BatchError::File {
            path: path.to_path_buf(),
            message: Text::new(
                "chưa có việc nào: thêm ít nhất một [[job]] có name, template và workbook",
                "no jobs: add at least one [[job]] with name, template and workbook",
            ),
        });
    }
    let mut seen = std::collections::HashSet::new();
    for (i, job) in file.jobs.iter().enumerate() {
        let name = job.name.trim();
        if name.is_empty() || name.contains(['/', '\\', '#']) {
            return Err(BatchError::File {
                path: at(&format!("job[{i}].name")),
                message: {
                    let name = &job.name;
                    tr!(
                        "tên việc \"{name}\": đặt cho mỗi việc một tên ngắn, không có / \\ hoặc #",
                        "job name \"{name}\": give each job a short name without / \\ or #"
                    )
                },
            });
        }
        if name == "failed" {
            return Err(BatchError::File {
                path: at(&format!("job[{i}].name")),
                message: Text::new(
                    "không đặt tên việc là \"failed\" (`--only failed` là các văn bản bị lỗi \
                     ở lần chạy trước)",
                    "a job cannot be called \"failed\" (`--only failed` means the documents \
                     that failed last time)",
                ),
            });
        }
        if !seen.insert(name.to_string()) {
            return Err(BatchError::File {
                path: at(&format!("job[{i}].name")),
                message: tr!(
                    "có hai việc cùng tên \"{name}\"; mỗi việc phải có tên riêng",
                    "two jobs are called \"{name}\"; job names must be unique"
                ),
            });
        }
        job.formats(&at(&format!("job[{i}].formats")))?;
    }
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Bilingual, Lang};

    fn error_of(toml: &str) -> BatchError {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lo.toml");
        std::fs::write(&path, toml).unwrap();
        read(&path).unwrap_err()
    }

    #[test]
    fn batch_file_errors_in_vietnamese() {
        let e = error_of("output = \"out\"\n");
        assert!(e.message(Lang::Vi).contains("chưa có việc nào"), "{e}");
        assert!(e.message(Lang::En).contains("no jobs"));

        let job = "[[job]]\nname = \"a\"\ntemplate = \"t\"\nworkbook = \"w.xlsx\"\n";
        let e = error_of(&format!("{job}{job}"));
        assert!(
            e.message(Lang::Vi).contains("có hai việc cùng tên \"a\""),
            "{}",
            e.message(Lang::Vi)
        );
        // Located by the spans: the second job's own name line, then the formats line.
        assert!(e.to_string().contains("lo.toml:6:1: "), "{e}");
        let e = error_of(&format!("{job}formats = [\"pdf\", \"odt\"]\n"));
        assert!(e.to_string().contains("lo.toml:5:1: "), "{e}");
        assert!(
            e.message(Lang::Vi)
                .contains("việc \"a\": formats có \"odt\"; chỉ viết \"pdf\" và/hoặc \"docx\""),
            "{}",
            e.message(Lang::Vi)
        );
        let e = error_of(&format!("{job}formats = []\n"));
        assert!(e.message(Lang::Vi).contains("formats để trống"));
        let e = error_of("[[job]]\nname = \"failed\"\ntemplate = \"t\"\nworkbook = \"w\"\n");
        assert!(
            e.message(Lang::Vi)
                .contains("không đặt tên việc là \"failed\"")
        );
        let e = error_of("[[job]]\nname = \"a/b\"\ntemplate = \"t\"\nworkbook = \"w\"\n");
        assert!(e.message(Lang::Vi).contains("tên việc \"a/b\""));
        assert_ne!(e.message(Lang::Vi), e.message(Lang::En));
    }

    #[test]
    fn toml_errors_name_the_line_in_both_languages() {
        let e = error_of("[[job]]\nname = \"a\"\ntemplat = \"t\"\nworkbook = \"w\"\n");
        let vi = e.message(Lang::Vi);
        assert!(vi.contains("lo.toml:3:1"), "{vi}");
        assert!(
            vi.contains("không dùng được trường job[0].templat ở đây"),
            "{vi}"
        );
        assert!(
            vi.contains(" template,") || vi.contains(" template"),
            "{vi}"
        );
        assert!(
            e.message(Lang::En)
                .contains("job[0].templat is not a field here")
        );

        let e = error_of("[[job]]\nname = \"a\"\nworkbook = \"w\"\n");
        assert!(e.to_string().contains("lo.toml:1:1"), "{e}");
        assert!(
            e.message(Lang::Vi).contains("thiếu trường job[0].template"),
            "{e}"
        );
        assert!(
            e.message(Lang::En)
                .contains("the field job[0].template is missing")
        );

        let e = error_of("[[job]\nname = \"a\"\n");
        let vi = e.message(Lang::Vi);
        assert!(
            vi.contains("lo.toml không đúng cú pháp TOML ở dòng 1, cột")
                && vi.contains("thiếu dấu \"]]\" đóng"),
            "{vi}"
        );
        assert!(vi.contains("lo.toml:1:"), "{vi}");
        let en = e.message(Lang::En);
        assert!(
            en.contains("lo.toml is not valid TOML at line 1, column") && en.contains("(parser: "),
            "{en}"
        );

        let missing = read(Path::new("/nonexistent/lo.toml")).unwrap_err();
        assert!(missing.message(Lang::Vi).ends_with("không có tệp này"));
        assert!(missing.to_string().ends_with("no such file"));
    }
}
