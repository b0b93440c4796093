//! Multipart uploads: the workbook goes to a temporary folder under `--data-dir/tmp`
//! (removed when the [`Upload`] is dropped, that is when the response is made), the
//! other fields are kept as text.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::extract::Multipart;
use axum::extract::multipart::MultipartError;
use axum::http::StatusCode;
use tokio::io::AsyncWriteExt;

use super::problem::Problem;
use crate::i18n::{Lang, io_reason};
use crate::output::safe_file_stem;
use crate::tr;

/// Longest text field (template name, output pattern, `when`…).
const MAX_FIELD: usize = 64 * 1024;

/// A parsed upload.
#[derive(Debug)]
pub struct Upload {
    pub fields: HashMap<String, String>,
    /// The uploaded workbook, under its own (made safe) name.
    pub workbook: Option<PathBuf>,
    /// The temporary folder; removed on drop.
    pub dir: tempfile::TempDir,
}

impl Upload {
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .map(String::as_str)
            .filter(|s| !s.trim().is_empty())
    }

    /// The workbook, or 400 saying it is missing.
    pub fn workbook(&self, lang: Lang) -> Result<&Path, Problem> {
        self.workbook.as_deref().ok_or_else(|| {
            Problem::new(
                StatusCode::BAD_REQUEST,
                "workbook-missing",
                lang,
                tr!(
                    "chưa gửi bảng tính (trường \"workbook\": tệp .xlsx, .xls hoặc .ods)",
                    "no workbook sent (field \"workbook\": an .xlsx, .xls or .ods file)"
                ),
            )
        })
    }
}

/// Reads every field of `mp`; the workbook (field `workbook`) is written to a new folder
/// in `tmp_root`. More than `max` bytes in all is 413.
pub async fn read(
    mut mp: Multipart,
    tmp_root: &Path,
    max: usize,
    lang: Lang,
) -> Result<Upload, Problem> {
    let dir = tempfile::Builder::new()
        .prefix("upload-")
        .tempdir_in(tmp_root)
        .map_err(|e| {
            let path = tmp_root.display();
            Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "storage",
                lang,
                tr!(
                    "không tạo được thư mục tạm trong {path}: {reason}",
                    "cannot make a temporary folder in {path}: {reason}";
                    reason = io_reason(&e)
                ),
            )
        })?;
    let mut up = Upload {
        fields: HashMap::new(),
        workbook: None,
        dir,
    };
    let mut total = 0usize;
    while let Some(mut field) = mp.next_field().await.map_err(|e| multipart(e, lang, max))? {
        let name = field.name().unwrap_or("").to_string();
        if name == "workbook" {
            let file_name = field.file_name().unwrap_or("bang-tinh.xlsx").to_string();
            let path = up.dir.path().join(safe_file_stem(&file_name));
            let mut file = tokio::fs::File::create(&path)
                .await
                .map_err(|e| storage(&e, lang))?;
            while let Some(chunk) = field.chunk().await.map_err(|e| multipart(e, lang, max))? {
                total += chunk.len();
                if total > max {
                    return Err(too_large(max, lang));
                }
                file.write_all(&chunk)
                    .await
                    .map_err(|e| storage(&e, lang))?;
            }
            file.flush().await.map_err(|e| storage(&e, lang))?;
            up.workbook = Some(path);
        } else {
            let mut value = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(|e| multipart(e, lang, max))? {
                total += chunk.len();
                if total > max {
                    return Err(too_large(max, lang));
                }
                value.extend_from_slice(&chunk);
                if value.len() > MAX_FIELD {
                    return Err(Problem::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "too-large",
                        lang,
                        tr!(
                            "trường \"{name}\" quá dài",
                            "the field \"{name}\" is too long"
                        ),
                    ));
                }
            }
            up.fields
                .insert(name, String::from_utf8_lossy(&value).into_owned());
        }
    }
    Ok(up)
}

fn storage(e: &std::io::Error, lang: Lang) -> Problem {
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "storage",
        lang,
        tr!(
            "không lưu được tệp gửi lên: {reason}",
            "cannot store the upload: {reason}";
            reason = io_reason(e)
        ),
    )
}

/// A malformed request body, or one over the body limit (413).
fn multipart(e: MultipartError, lang: Lang, max: usize) -> Problem {
    let status = e.status();
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return too_large(max, lang);
    }
    let detail = e.body_text();
    Problem::new(
        StatusCode::BAD_REQUEST,
        "multipart",
        lang,
        tr!(
            "yêu cầu không phải multipart/form-data hợp lệ ({detail})",
            "the request is not valid multipart/form-data ({detail})"
        ),
    )
}

/// 413: the upload is over `--max-upload`.
fn too_large(max: usize, lang: Lang) -> Problem {
    let mb = max as f64 / 1_048_576.0;
    Problem::new(
        StatusCode::PAYLOAD_TOO_LARGE,
        "too-large",
        lang,
        tr!(
            "tệp gửi lên lớn hơn giới hạn {mb:.1} MB (--max-upload)",
            "the upload is larger than the limit of {mb:.1} MB (--max-upload)"
        ),
    )
}
