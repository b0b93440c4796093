//! Entry points for the cargo-fuzz targets in `fuzz/` (not run in CI; see `fuzz/README.md`).
//! They live in the crate, so they are compiled and tested with it; the targets only call
//! them. Each must return normally for any input: errors are fine, panics are the bugs the
//! fuzzer looks for.

use std::path::Path;

use crate::template::{Renderer, Template, build_context};

use super::{Dataset, ReadOptions};

/// The extensions the reader knows; the first input byte picks one.
const EXTENSIONS: [&str; 4] = ["xlsx", "xls", "ods", "xlsb"];

/// Writes `bytes` as a workbook (the first byte picks the extension) and reads it.
pub fn read_workbook(bytes: &[u8]) {
    let Some((&pick, rest)) = bytes.split_first() else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let ext = EXTENSIONS[usize::from(pick) % EXTENSIONS.len()];
    let path = dir.path().join(format!("fuzz.{ext}"));
    if std::fs::write(&path, rest).is_ok()
        && let Ok(data) = Dataset::open(&path, &ReadOptions::default())
    {
        let _ = data.fields();
        let _ = data.error_cells();
        let _ = crate::template::workbook_context(&data);
    }
}

/// Compiles `text` as a template body and renders it (Handlebars, Markdown, the document
/// model) against a small fixed context.
pub fn template_body(text: &str) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    if write_template(dir.path(), text).is_err() {
        return;
    }
    let Ok(template) = Template::load(dir.path()) else {
        return;
    };
    let ctx = serde_json::json!({
        "meta": {"so": 12, "ngay": "2025-11-05", "ten": "Hà Nội"},
        "tinh": [
            {"stt": 1, "ten": "Hà Nội", "gia_tri": 1000.5, "_nhom": {"nhom": "I. Bắc", "ten": "Bắc"}},
            {"stt": 2, "ten": "Huế", "gia_tri": "12.408,4x"}
        ],
        "tinh_tong": {"gia_tri": 13408.9}
    });
    if let Ok(renderer) = Renderer::new(&template) {
        let _ = renderer.render(&ctx);
    }
}

fn write_template(dir: &Path, body: &str) -> std::io::Result<()> {
    std::fs::write(
        dir.join("template.toml"),
        "[template]\nname = \"f\"\ntitle = \"F\"\noutput = \"f\"\n\
         [header]\nagency = \"A\"\nsymbol = \"BC\"\nplace = \"Hà Nội\"\n\
         [signature]\ntitle = \"CỤC TRƯỞNG\"\nname = \"Nguyễn Văn A\"\n",
    )?;
    std::fs::write(dir.join("body.md.hbs"), body)
}

/// Reads a workbook the reader has just refused or accepted, to keep `build_context` in the
/// fuzzed path for templates too.
pub fn workbook_and_template(bytes: &[u8], body: &str) {
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let path = dir.path().join("fuzz.xlsx");
    if std::fs::write(&path, bytes).is_err() || write_template(dir.path(), body).is_err() {
        return;
    }
    let (Ok(data), Ok(template)) = (
        Dataset::open(&path, &ReadOptions::default()),
        Template::load(dir.path()),
    ) else {
        return;
    };
    if let (Ok(ctx), Ok(renderer)) = (build_context(&template, &data), Renderer::new(&template)) {
        let _ = renderer.render(&ctx);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The entry points return on empty, garbage and real input.
    #[test]
    fn entry_points_return() {
        read_workbook(b"");
        read_workbook(b"\x00PK\x03\x04garbage");
        read_workbook(b"\x02not an ods");
        template_body("{{#each tinh}}{{num gia_tri}}{{/each}} {{num tinh_tong.gia_tri}}");
        template_body("{{#if}}{{/each}}");
        template_body("| a |\n|---|\n| {{meta.ten}} |");
        let dir = super::super::tests::Scratch::new();
        let path = dir.path("w.xlsx");
        super::super::tests::build::write_mixed(&path);
        let bytes = std::fs::read(&path).unwrap_or_default();
        let mut with_pick = vec![0u8];
        with_pick.extend_from_slice(&bytes);
        read_workbook(&with_pick);
        workbook_and_template(&bytes, "{{count du_lieu}}");
    }
}
