//! The templates a user can start from: the built-in families (embedded in the binary by
//! `build.rs` from `templates/`, with their sample workbooks from `samples/`) and local
//! template folders; `vanban new` copies one into a new folder, `vanban templates` lists
//! them with what data each needs.
//!
//! Built-ins are embedded rather than looked up next to the executable so that an
//! installed `vanban` (no checkout beside it) can still scaffold; `build.rs` reruns when
//! anything under `templates/` or `samples/` changes, so the embedded copy is the one in
//! the tree at build time.

use std::path::{Path, PathBuf};

use crate::i18n::{Bilingual, Text, io_reason};
use crate::template::{MANIFEST_FILE, Manifest};
use crate::tr;

/// A built-in template family.
#[derive(Debug)]
pub struct Builtin {
    /// The folder name under `templates/`, e.g. "bao-cao-thang".
    pub family: &'static str,
    /// Every file of the folder: path relative to it, contents.
    pub files: &'static [(&'static str, &'static [u8])],
    /// `samples/<family>.xlsx`, when there is one.
    pub sample: Option<&'static [u8]>,
}

include!(concat!(env!("OUT_DIR"), "/builtin_templates.rs"));

/// The name the sample workbook gets in a new template folder.
pub const SAMPLE_FILE: &str = "du-lieu-mau.xlsx";

/// Every built-in family, by name.
pub fn builtins() -> &'static [Builtin] {
    BUILTIN
}

/// A built-in family by name.
pub fn builtin(family: &str) -> Option<&'static Builtin> {
    BUILTIN.iter().find(|b| b.family == family)
}

/// Where a listed template comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    Local(PathBuf),
}

/// One template in a listing.
#[derive(Debug, Clone)]
pub struct Listing {
    /// Family name (built-in) or folder name (local).
    pub name: String,
    pub origin: Origin,
    /// The manifest, or why it cannot be read (in both languages; TOML's own detail
    /// verbatim).
    pub manifest: Result<Manifest, Text>,
    /// Built-ins: whether a sample workbook ships with it.
    pub has_sample: bool,
}

/// The built-in templates, then the local template folders in `dir` (the folder itself
/// when it is a template, and each sub-folder holding a template.toml).
pub fn list(dir: &Path) -> Vec<Listing> {
    let mut out = list_builtin();
    out.extend(list_local(dir));
    out
}

/// The built-in templates.
pub fn list_builtin() -> Vec<Listing> {
    BUILTIN
        .iter()
        .map(|b| Listing {
            name: b.family.to_string(),
            origin: Origin::BuiltIn,
            manifest: b
                .files
                .iter()
                .find(|(p, _)| *p == MANIFEST_FILE)
                .ok_or_else(|| tr!("không có template.toml", "no template.toml"))
                .and_then(|(_, bytes)| parse_manifest(bytes)),
            has_sample: b.sample.is_some(),
        })
        .collect()
}

/// The local template folders in `dir`: the folder itself when it is a template, and
/// each sub-folder holding a template.toml.
pub fn list_local(dir: &Path) -> Vec<Listing> {
    let mut out = Vec::new();
    let mut dirs = Vec::new();
    if dir.join(MANIFEST_FILE).is_file() {
        dirs.push(dir.to_path_buf());
    }
    if let Ok(rd) = std::fs::read_dir(dir) {
        let mut subs: Vec<PathBuf> = rd
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.join(MANIFEST_FILE).is_file())
            .collect();
        subs.sort();
        dirs.extend(subs);
    }
    for d in dirs {
        let manifest = std::fs::read(d.join(MANIFEST_FILE))
            .map_err(|e| io_reason(&e))
            .and_then(|b| parse_manifest(&b));
        out.push(Listing {
            name: d
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| d.display().to_string()),
            origin: Origin::Local(d.clone()),
            manifest,
            has_sample: d.join(SAMPLE_FILE).is_file(),
        });
    }
    out
}

fn parse_manifest(bytes: &[u8]) -> Result<Manifest, Text> {
    let text = std::str::from_utf8(bytes).map_err(|_| {
        tr!(
            "template.toml không phải văn bản UTF-8; hãy lưu lại với bảng mã UTF-8",
            "template.toml is not UTF-8"
        )
    })?;
    toml::from_str(text).map_err(|e| {
        crate::toml_explain::explain::<Manifest>(&Text::same("template.toml"), text, &e).message
    })
}

/// What `new` made.
#[derive(Debug, Clone)]
pub struct Made {
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    /// The sample workbook copied into the folder, when the family has one.
    pub sample: Option<PathBuf>,
}

/// Why `new` made nothing.
#[derive(Debug, thiserror::Error)]
pub enum NewError {
    #[error("there is no built-in template \"{family}\"; the built-in templates are: {known}")]
    UnknownFamily { family: String, known: String },
    #[error("the folder {} exists and is not empty; choose another name or remove it first", .dir.display())]
    NotEmpty { dir: PathBuf },
    #[error("cannot write {}: {}", .path.display(), io_reason(.source))]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl Bilingual for NewError {
    fn text(&self) -> Text {
        match self {
            NewError::UnknownFamily { family, known } => tr!(
                "không có mẫu có sẵn \"{family}\"; các mẫu có sẵn: {known}",
                "there is no built-in template \"{family}\"; the built-in templates are: {known}"
            ),
            NewError::NotEmpty { dir } => {
                let dir = dir.display();
                tr!(
                    "thư mục {dir} đã có và không rỗng; chọn tên khác hoặc xóa thư mục đó trước",
                    "the folder {dir} exists and is not empty; choose another name or remove it \
                     first"
                )
            }
            NewError::Write { path, source } => {
                let file = path.display();
                tr!(
                    "không ghi được {file}: {reason}",
                    "cannot write {file}: {reason}";
                    reason = io_reason(source)
                )
            }
        }
    }
}

/// Makes `dest` a new template from `family`: a built-in family's files and sample
/// workbook (as [`SAMPLE_FILE`]), or a copy of a local template folder when `family` is
/// a path to one. The manifest's `name` becomes the new folder's name. Refuses a
/// non-empty `dest`.
pub fn new_template(family: &str, dest: &Path) -> Result<Made, NewError> {
    let files: Vec<(String, Vec<u8>)> = match builtin(family) {
        Some(b) => {
            let mut f: Vec<(String, Vec<u8>)> = b
                .files
                .iter()
                .map(|(p, bytes)| (p.to_string(), bytes.to_vec()))
                .collect();
            if let Some(sample) = b.sample {
                f.push((SAMPLE_FILE.to_string(), sample.to_vec()));
            }
            f
        }
        None if Path::new(family).join(MANIFEST_FILE).is_file() => {
            read_folder(Path::new(family)).map_err(|source| NewError::Write {
                path: PathBuf::from(family),
                source,
            })?
        }
        None => {
            return Err(NewError::UnknownFamily {
                family: family.to_string(),
                known: BUILTIN
                    .iter()
                    .map(|b| b.family)
                    .collect::<Vec<_>>()
                    .join(", "),
            });
        }
    };
    if dest.exists() {
        let empty = std::fs::read_dir(dest)
            .map(|mut rd| rd.next().is_none())
            .unwrap_or(false);
        if !empty {
            return Err(NewError::NotEmpty {
                dir: dest.to_path_buf(),
            });
        }
    }
    let new_name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut made = Made {
        dir: dest.to_path_buf(),
        files: Vec::new(),
        sample: None,
    };
    for (rel, mut bytes) in files {
        if rel == MANIFEST_FILE && !new_name.is_empty() {
            bytes = rename_manifest(&bytes, &new_name);
        }
        let path = dest.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|source| NewError::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        std::fs::write(&path, &bytes).map_err(|source| NewError::Write {
            path: path.clone(),
            source,
        })?;
        if rel == SAMPLE_FILE {
            made.sample = Some(path.clone());
        }
        made.files.push(path);
    }
    Ok(made)
}

fn read_folder(dir: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if let Ok(rel) = p.strip_prefix(dir) {
                out.push((rel.to_string_lossy().replace('\\', "/"), std::fs::read(&p)?));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Sets `name = "…"` in the `[template]` table to the new folder's name.
fn rename_manifest(bytes: &[u8], name: &str) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    let mut in_template = false;
    let mut done = false;
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        if t.starts_with('[') {
            in_template = t.starts_with("[template]");
        }
        if in_template && !done && t.starts_with("name") && t[4..].trim_start().starts_with('=') {
            let eol = if line.ends_with('\n') { "\n" } else { "" };
            let escaped = name.replace('\\', "\\\\").replace('"', "\\\"");
            out.push_str(&format!("name = \"{escaped}\"{eol}"));
            done = true;
        } else {
            out.push_str(line);
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    #[test]
    fn builtins_include_the_monthly_report_and_its_sample() {
        let b = builtin("bao-cao-thang").expect("embedded");
        assert!(b.files.iter().any(|(p, _)| *p == "template.toml"));
        assert!(b.files.iter().any(|(p, _)| *p == "body.md.hbs"));
        assert!(b.sample.is_some_and(|s| s.starts_with(b"PK")));
        assert!(builtin("layouts").is_none());
    }

    #[test]
    fn new_errors_in_both_languages() {
        let e = new_template("khong-co", Path::new("/nonexistent/x")).unwrap_err();
        let vi = e.message(Lang::Vi);
        assert!(vi.starts_with("không có mẫu có sẵn \"khong-co\""), "{vi}");
        assert!(vi.contains("bao-cao-thang"), "{vi}");
        assert_eq!(e.message(Lang::En), e.to_string());
        let e = NewError::Write {
            path: PathBuf::from("mau/template.toml"),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert!(
            e.message(Lang::Vi)
                .starts_with("không ghi được mau/template.toml: không có quyền"),
            "{}",
            e.message(Lang::Vi)
        );
        assert_ne!(e.message(Lang::Vi), e.message(Lang::En));
    }

    #[test]
    fn a_broken_local_manifest_is_listed_with_its_reason() {
        let bad = parse_manifest(b"[template\n").unwrap_err();
        assert!(!bad.en.is_empty());
        let bad = parse_manifest(&[0xff, 0xfe]).unwrap_err();
        assert!(bad.vi.contains("UTF-8") && bad.vi != bad.en, "{}", bad.vi);
    }

    #[test]
    fn the_manifest_takes_the_new_name() {
        let t = b"# c\n[template]\nname = \"bao-cao-thang\"\ntitle = \"x\"\n[data.meta]\nname = \"keep\"\n";
        let r = String::from_utf8(rename_manifest(t, "bao-cao-cua-toi")).unwrap();
        assert!(r.contains("name = \"bao-cao-cua-toi\"\ntitle"));
        assert!(r.contains("name = \"keep\""));
    }
}
