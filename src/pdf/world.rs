//! The Typst `World` vanban compiles in: one layout, the document as JSON, nothing else.
//!
//! The world is the sandbox. It answers for exactly these files:
//! - `/main.typ`: the layout (vanban's own, or the template's `layout.typ`);
//! - `/document.json`: the document model as data — never spliced into Typst source;
//! - `/vanban/nd30.typ`: the shared layout, so a custom layout can import its parts;
//! - any other path: a file inside the template folder (images, a logo), read from disk.
//!
//! There is no package manager and no access to the rest of the file system: a path that
//! leaves the template folder is refused. Fonts and the standard library are parsed once
//! per process ([`Shared`]) and shared by every world, so a batch pays for them once; so
//! is each layout's source text ([`parsed`]): a batch parses nd30.typ once, not once per
//! document, and typst's memoized results for it stay valid from one document to the next.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use super::fonts;

/// The shared layout for Decree 30 documents, embedded so it is always available.
pub const ND30_LAYOUT: &str = include_str!("../../templates/layouts/nd30.typ");

/// Virtual path of the document data.
pub const DOCUMENT_PATH: &str = "/document.json";
/// Virtual path of the shared layout.
pub const SHARED_LAYOUT_PATH: &str = "/vanban/nd30.typ";
/// Virtual path of the main (layout) file.
pub const MAIN_PATH: &str = "/main.typ";

/// What every world shares: the standard library and the embedded fonts.
pub struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Shared {
    /// The process-wide instance, built on first use.
    pub fn get() -> Arc<Shared> {
        static SHARED: OnceLock<Arc<Shared>> = OnceLock::new();
        SHARED
            .get_or_init(|| {
                let fonts = fonts::load();
                Arc::new(Shared {
                    library: LazyHash::new(Library::default()),
                    book: LazyHash::new(FontBook::from_fonts(&fonts)),
                    fonts,
                })
            })
            .clone()
    }

    /// Number of font faces loaded (for tests and `vanban --version`-style reports).
    pub fn font_count(&self) -> usize {
        self.fonts.len()
    }
}

/// How many parsed sources [`parsed`] keeps: the shared layout, the main file of each
/// layout in use (vanban's, a template's own, a chart's), and the files they import.
const PARSED_SOURCES: usize = 32;

/// The parsed source of `text` as file `id`, parsed once per process.
///
/// A source is looked up by its id *and* its whole text, so a layout edited while
/// `vanban watch` runs is parsed afresh, never served stale. Parsing happens outside the
/// lock; two threads that miss at once both parse, and the first one stored is kept.
/// The oldest entry goes when the cache is full.
fn parsed(id: FileId, text: &str) -> Source {
    static CACHE: Mutex<Vec<Source>> = Mutex::new(Vec::new());
    let find = |cache: &[Source]| {
        cache
            .iter()
            .find(|s| s.id() == id && s.text() == text)
            .cloned()
    };
    if let Some(hit) = find(&CACHE.lock().unwrap_or_else(PoisonError::into_inner)) {
        return hit;
    }
    let source = Source::new(id, text.to_string());
    let mut cache = CACHE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(hit) = find(&cache) {
        return hit;
    }
    if cache.len() >= PARSED_SOURCES {
        cache.remove(0);
    }
    cache.push(source.clone());
    source
}

/// Makes a file id in the project root. The paths used here are constants or come from
/// Typst itself, so they are always valid virtual paths.
fn file_id(path: &str) -> Option<FileId> {
    let vpath = VirtualPath::new(path).ok()?;
    Some(FileId::new(RootedPath::new(VirtualRoot::Project, vpath)))
}

/// One compilation's world.
pub struct DocWorld {
    shared: Arc<Shared>,
    main: Source,
    shared_layout: Option<Source>,
    data_id: Option<FileId>,
    data: Bytes,
    /// The template folder; files under it may be read by the layout.
    root: Option<PathBuf>,
    /// The document's date, so `datetime.today()` never reads the clock.
    today: Option<Datetime>,
}

impl DocWorld {
    /// A world whose main file is `layout` and whose `/document.json` is `json`.
    pub fn new(
        layout: &str,
        json: Vec<u8>,
        root: Option<&Path>,
        today: Option<(i32, u8, u8)>,
    ) -> DocWorld {
        let main_id = file_id(MAIN_PATH).expect("constant path is valid");
        let shared_layout = file_id(SHARED_LAYOUT_PATH).map(|id| parsed(id, ND30_LAYOUT));
        DocWorld {
            shared: Shared::get(),
            main: parsed(main_id, layout),
            shared_layout,
            data_id: file_id(DOCUMENT_PATH),
            data: Bytes::new(json),
            root: root.map(Path::to_path_buf),
            today: today.and_then(|(y, m, d)| Datetime::from_ymd(y, m, d)),
        }
    }

    /// Reads a file from the template folder, refusing anything outside it.
    fn read_from_root(&self, id: FileId) -> FileResult<Bytes> {
        let vpath = id.vpath();
        let not_found = || FileError::NotFound(PathBuf::from(vpath.get_with_slash()));
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(
                "packages are not available in vanban".into(),
            )));
        }
        let root = self.root.as_ref().ok_or_else(not_found)?;
        let path = vpath.realize(root).map_err(|_| FileError::AccessDenied)?;
        // `realize` keeps the path under `root` lexically; also refuse symlinks that lead out.
        let canon_root = root.canonicalize().map_err(|_| not_found())?;
        let canon = path.canonicalize().map_err(|_| not_found())?;
        if !canon.starts_with(&canon_root) {
            return Err(FileError::AccessDenied);
        }
        std::fs::read(&canon)
            .map(Bytes::new)
            .map_err(|e| FileError::from_io(e, &canon))
    }
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if let Some(shared) = &self.shared_layout
            && id == shared.id()
        {
            return Ok(shared.clone());
        }
        let bytes = self.read_from_root(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(parsed(id, text))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if Some(id) == self.data_id {
            return Ok(self.data.clone());
        }
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        self.read_from_root(id)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        self.today
    }
}
