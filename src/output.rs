//! Writing output files safely: names made from data, and atomic replacement.
//!
//! A file name built from a workbook cell can hold anything: `../../etc`, `CON`, a slash,
//! a control character. [`safe_file_stem`] turns any text into a name that stays inside
//! the output folder on every operating system. [`write_atomic`] writes to a temporary
//! file in the same folder and renames it into place, so a reader (or a crash) never sees
//! a half-written PDF or DOCX where a good one was.

use std::io::Write;
use std::path::{Path, PathBuf};

use unicode_normalization::UnicodeNormalization;

/// Names Windows reserves whatever the extension.
const RESERVED: [&str; 22] = [
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Makes `s` a safe file name stem: NFC; path separators, `:*?"<>|` and control
/// characters become `-`; no leading or trailing dots or spaces (so no `..`); reserved
/// device names get a `_` suffix; at most 120 characters; never empty.
pub fn safe_file_stem(s: &str) -> String {
    let nfc: String = s.nfc().collect();
    let mut out = String::with_capacity(nfc.len());
    for c in nfc.chars() {
        let bad =
            c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|');
        out.push(if bad { '-' } else { c });
    }
    // Collapse runs of '-' and whitespace made above.
    let mut collapsed = String::with_capacity(out.len());
    for c in out.chars() {
        if c == '-' && collapsed.ends_with('-') {
            continue;
        }
        collapsed.push(c);
    }
    let trimmed: String = collapsed
        .trim_matches(|c: char| c == '.' || c.is_whitespace() || c == '-')
        .chars()
        .take(120)
        .collect();
    let trimmed = trimmed.trim_end_matches(['.', ' ']).to_string();
    if trimmed.is_empty() {
        return "van-ban".into();
    }
    let base = trimmed.split('.').next().unwrap_or("").to_ascii_uppercase();
    if RESERVED.contains(&base.as_str()) {
        return format!("{trimmed}_");
    }
    trimmed
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, flushed,
/// then renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut tmp = temp_beside(path)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The temporary file an output is written to before it is renamed over `path` (in the
/// same folder, so the rename is atomic), for writers that stream (the service's zip).
///
/// It gets the mode any new file gets (0666 less the umask, so 0644 under the usual
/// 022), not a temporary file's private 0600: an output on a shared folder must open for
/// the colleague it was made for. The mode is given at creation, so the operating
/// system applies the umask itself.
pub fn temp_beside(path: &Path) -> std::io::Result<tempfile::NamedTempFile> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".vanban-").suffix(".part");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    builder.tempfile_in(&dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names() {
        assert_eq!(safe_file_stem("../../etc/passwd"), "etc-passwd");
        assert_eq!(safe_file_stem("BC 45/BC-CNĐP"), "BC 45-BC-CNĐP");
        assert_eq!(safe_file_stem("CON"), "CON_");
        assert_eq!(safe_file_stem("nul.txt"), "nul.txt_");
        assert_eq!(safe_file_stem(".."), "van-ban");
        assert_eq!(safe_file_stem(""), "van-ban");
        assert_eq!(safe_file_stem("a\u{0}b\nc"), "a-b-c");
        // NFD in, NFC out.
        assert_eq!(safe_file_stem("Ha\u{0300}"), "Hà");
    }

    #[test]
    fn atomic_write_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.pdf");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
            .collect();
        assert!(leftovers.is_empty());
    }
}
