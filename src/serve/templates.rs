//! The templates the service offers: the catalog (`vanban templates`) of built-in
//! templates and local template folders, found by catalog name — never by path.
//!
//! The library renders from template folders, so the built-in templates (embedded in the
//! binary) are written to `--data-dir/builtin/<name>/` when the service starts. Local
//! folders (`--templates DIR`) are listed again on every request, so a drafting team's
//! edit, or a new template, shows up without a restart. A local template with a built-in
//! template's name is offered instead of it; between local folders, the first given wins.

use std::path::{Path, PathBuf};

use axum::http::StatusCode;
use serde_json::{Value as Json, json};

use super::problem::Problem;
use crate::catalog::{self, Listing, Origin};
use crate::i18n::{Lang, Text, io_reason};
use crate::output::write_atomic;
use crate::tr;

/// The catalog.
#[derive(Debug, Clone)]
pub struct Templates {
    /// Where the built-in templates were written.
    builtin_root: PathBuf,
    /// `--templates` folders.
    dirs: Vec<PathBuf>,
}

/// One template, with the folder it is read from.
#[derive(Debug, Clone)]
pub struct Entry {
    pub listing: Listing,
    pub dir: PathBuf,
}

impl Templates {
    /// Writes the built-in templates under `data_dir/builtin` (only files whose content
    /// changed, so a running render never reads a half-written file).
    pub fn install(data_dir: &Path, dirs: Vec<PathBuf>) -> Result<Templates, (PathBuf, Text)> {
        let builtin_root = data_dir.join("builtin");
        for b in catalog::builtins() {
            for (rel, bytes) in b.files {
                let path = builtin_root.join(b.family).join(rel);
                if std::fs::read(&path).is_ok_and(|old| old == *bytes) {
                    continue;
                }
                let parent = path.parent().unwrap_or(&builtin_root).to_path_buf();
                std::fs::create_dir_all(&parent)
                    .and_then(|()| write_atomic(&path, bytes))
                    .map_err(|e| (path.clone(), io_reason(&e)))?;
            }
        }
        Ok(Templates { builtin_root, dirs })
    }

    /// Every template offered, in catalog order: built-in, then local.
    pub fn entries(&self) -> Vec<Entry> {
        let mut local: Vec<Entry> = Vec::new();
        for dir in &self.dirs {
            for listing in catalog::list_local(dir) {
                if local.iter().any(|e| e.listing.name == listing.name) {
                    continue;
                }
                let Origin::Local(path) = &listing.origin else {
                    continue;
                };
                let path = path.clone();
                local.push(Entry { listing, dir: path });
            }
        }
        let mut out: Vec<Entry> = catalog::list_builtin()
            .into_iter()
            .filter(|l| !local.iter().any(|e| e.listing.name == l.name))
            .map(|listing| Entry {
                dir: self.builtin_root.join(&listing.name),
                listing,
            })
            .collect();
        out.extend(local);
        out
    }

    /// The template called `name` in the catalog. A name that looks like a path is
    /// refused as such (400); an unknown name is 404 with the names there are.
    pub fn find(&self, name: &str, lang: Lang) -> Result<Entry, Problem> {
        let name = name.trim();
        if name.is_empty() {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "template-missing",
                lang,
                tr!(
                    "chưa chọn mẫu (trường \"template\": tên một mẫu trong danh mục)",
                    "no template chosen (field \"template\": the name of a template in the catalog)"
                ),
            ));
        }
        if name.contains(['/', '\\', '\0']) || name.starts_with('.') || name.contains("..") {
            return Err(Problem::new(
                StatusCode::BAD_REQUEST,
                "template-name",
                lang,
                tr!(
                    "\"{name}\": mẫu được chọn theo tên trong danh mục, không theo đường dẫn",
                    "\"{name}\": templates are chosen by their catalog name, not by a path"
                ),
            ));
        }
        let entries = self.entries();
        if let Some(e) = entries.iter().find(|e| e.listing.name == name) {
            return Ok(e.clone());
        }
        let known = entries
            .iter()
            .map(|e| e.listing.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        Err(Problem::new(
            StatusCode::NOT_FOUND,
            "template-unknown",
            lang,
            tr!(
                "không có mẫu \"{name}\"; các mẫu là: {known}",
                "there is no template \"{name}\"; the templates are: {known}"
            ),
        ))
    }
}

/// A template as `GET /api/templates` gives it (and the page shows it): what `vanban
/// templates` prints.
pub fn to_json(e: &Entry, lang: Lang) -> Json {
    let l = &e.listing;
    let origin = match l.origin {
        Origin::BuiltIn => "built-in",
        Origin::Local(_) => "local",
    };
    match &l.manifest {
        Ok(m) => {
            let data: Vec<Json> = m
                .data
                .iter()
                .map(|(alias, s)| {
                    json!({
                        "alias": alias,
                        "sheet": s.sheet,
                        "kind": crate::template::kind_name(
                            s.kind.unwrap_or(crate::workbook::SheetKind::Table)
                        ),
                        "columns": s.columns,
                    })
                })
                .collect();
            json!({
                "name": l.name,
                "origin": origin,
                "title": m.template.title,
                "description": m.template.description_in(lang),
                "description_vi": m.template.description_in(crate::i18n::Lang::Vi),
                "description_en": m.template.description_in(crate::i18n::Lang::En),
                "data": data,
            })
        }
        Err(reason) => json!({
            "name": l.name,
            "origin": origin,
            "error": reason.get(lang),
        }),
    }
}
