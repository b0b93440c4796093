//! The manifest (`vanban-manifest.json` in the output folder): what vanban made, from
//! which inputs, with the hash of every file it wrote. It is how a re-run knows what to
//! skip and how it tells a file a person edited from the one vanban wrote.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::BatchError;

/// The manifest's file name; with `--shard K/N` each shard keeps its own
/// (`vanban-manifest.shard-K-of-N.json`) so shards can share one output folder.
pub fn file_name(shard: Option<super::Shard>) -> String {
    match shard {
        Some(s) => format!("vanban-manifest.shard-{}-of-{}.json", s.k, s.n),
        None => "vanban-manifest.json".into(),
    }
}

/// What the batch runs into one output folder made: the manifest file's content (named
/// apart from the template's [`crate::template::Manifest`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RunRecord {
    /// The vanban version that wrote the manifest.
    pub vanban: String,
    /// Documents by id (`job/stem`, or `job/folder/stem`).
    pub documents: BTreeMap<String, Record>,
}

/// The last outcome of one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    pub job: String,
    /// "workbook, sheet "…", row N": where the data came from.
    pub source: String,
    /// `job#rowN`: the row, whatever the document's name.
    pub source_key: String,
    /// "made" or "failed".
    pub status: String,
    /// Hex SHA-256 of the inputs (template files, the row's data and the rest of the
    /// context it sees, the job's settings, vanban's version).
    pub input: String,
    /// The files vanban wrote, with their hashes.
    #[serde(default)]
    pub outputs: Vec<OutputRecord>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputRecord {
    /// "pdf" or "docx".
    pub format: String,
    /// Path relative to the output folder, `/`-separated.
    pub file: String,
    /// Hex SHA-256 of the bytes vanban wrote.
    pub sha256: String,
}

impl RunRecord {
    /// Reads the manifest; a missing file is an empty manifest. A damaged one is an
    /// error: without it vanban cannot tell edited files from its own.
    pub fn load(path: &Path) -> Result<RunRecord, BatchError> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes).map_err(|e| {
                let path = path.display();
                BatchError::Plan {
                    message: crate::tr!(
                        "{path}: không đọc được tệp ghi nhận (manifest) ({e}); vanban cần tệp này \
                         để phân biệt tệp người dùng đã sửa với tệp vanban ghi. Hãy khôi phục \
                         tệp, hoặc chuyển nó đi chỗ khác để chạy lại từ đầu (khi đó tệp đã có \
                         mà khác bản mới sẽ được giữ nguyên và bản mới ghi bên cạnh)",
                        "{path}: the manifest cannot be read ({e}); vanban needs it to tell files a \
                         person edited from its own. Restore it, or move it away to start afresh \
                         (existing files that differ from the new ones are then kept and the new \
                         versions written beside them)"
                    ),
                }
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(RunRecord::default()),
            Err(e) => Err(BatchError::Output {
                path: path.to_path_buf(),
                source: e,
            }),
        }
    }

    /// Writes the manifest atomically.
    pub fn save(&self, path: &Path) -> Result<(), BatchError> {
        let mut m = self.clone();
        m.vanban = env!("CARGO_PKG_VERSION").into();
        let mut bytes = serde_json::to_vec_pretty(&m).unwrap_or_default();
        bytes.push(b'\n');
        crate::output::write_atomic(path, &bytes).map_err(|source| BatchError::Output {
            path: PathBuf::from(path),
            source,
        })
    }

    /// Whether `file` (relative) is a file vanban wrote with exactly this hash.
    pub fn wrote(&self, id: &str, file: &str, sha: &str) -> bool {
        self.documents
            .get(id)
            .is_some_and(|r| r.outputs.iter().any(|o| o.file == file && o.sha256 == sha))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Bilingual, Lang};

    #[test]
    fn a_damaged_manifest_is_explained_in_both_languages() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file_name(None));
        std::fs::write(&path, "{ not json").unwrap();
        let e = RunRecord::load(&path).unwrap_err();
        let vi = e.message(Lang::Vi);
        assert!(
            vi.contains("vanban-manifest.json: không đọc được tệp ghi nhận"),
            "{vi}"
        );
        assert!(vi.contains("chuyển nó đi chỗ khác"), "{vi}");
        assert!(e.message(Lang::En).contains("the manifest cannot be read"));
        assert_eq!(e.to_string(), e.message(Lang::En));
    }
}
