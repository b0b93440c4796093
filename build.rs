//! Embeds the built-in templates (every folder of `templates/` holding a `template.toml`,
//! except the shared `layouts/`) and their sample workbooks (`samples/<family>.xlsx`) in
//! the binary, so that `vanban new` and `vanban templates` work from an installed binary
//! with no checkout next to it. A template folder added under `templates/` is picked up
//! by the next build without touching any code.

use std::fmt::Write;
use std::path::{Path, PathBuf};

fn files(dir: &Path, base: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, base, out);
        } else if let Ok(rel) = path.strip_prefix(base) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            if !rel.starts_with('.') && !rel.ends_with('~') {
                out.push((rel, path.clone()));
            }
        }
    }
}

fn main() {
    println!("cargo:rerun-if-changed=templates");
    println!("cargo:rerun-if-changed=samples");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it"));
    let mut families: Vec<PathBuf> = std::fs::read_dir(root.join("templates"))
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    families.sort();
    let mut code = String::from("pub(crate) static BUILTIN: &[Builtin] = &[\n");
    for dir in families {
        let Some(family) = dir.file_name().and_then(|n| n.to_str()).map(str::to_string) else {
            continue;
        };
        if family == "layouts" || !dir.join("template.toml").is_file() {
            continue;
        }
        let mut list = Vec::new();
        files(&dir, &dir, &mut list);
        let _ = writeln!(
            code,
            "    Builtin {{\n        family: {family:?},\n        files: &["
        );
        for (rel, path) in list {
            let _ = writeln!(
                code,
                "            ({rel:?}, include_bytes!({:?})),",
                path.display().to_string()
            );
        }
        code.push_str("        ],\n");
        // `samples/<family>.xlsx`, else the first `samples/<family>-*.xlsx`.
        let mut sample = root.join("samples").join(format!("{family}.xlsx"));
        if !sample.is_file() {
            let mut variants: Vec<PathBuf> = std::fs::read_dir(root.join("samples"))
                .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
                .unwrap_or_default();
            variants.retain(|p| {
                p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with(&format!("{family}-")) && n.ends_with(".xlsx"))
            });
            variants.sort();
            if let Some(first) = variants.into_iter().next() {
                sample = first;
            }
        }
        if sample.is_file() {
            let _ = writeln!(
                code,
                "        sample: Some(include_bytes!({:?})),",
                sample.display().to_string()
            );
        } else {
            code.push_str("        sample: None,\n");
        }
        code.push_str("    },\n");
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it"));
    std::fs::write(out.join("builtin_templates.rs"), code).expect("OUT_DIR is writable");
}
