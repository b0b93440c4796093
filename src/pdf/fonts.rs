//! The fonts vanban embeds, and the one-per-process font book built from them.
//!
//! Only these files are ever used for PDFs — never fonts found on the machine — so a
//! document renders the same (byte for byte) on a clerk's laptop and on a server with no
//! fonts installed. See `fonts/README.md` for why Liberation Serif 2.x.

use typst::foundations::Bytes;
use typst::text::Font;

/// The font files, as (file name, bytes). Names are for messages and tests only.
pub const FONT_FILES: [(&str, &[u8]); 4] = [
    (
        "LiberationSerif-Regular.ttf",
        include_bytes!("../../fonts/LiberationSerif-Regular.ttf"),
    ),
    (
        "LiberationSerif-Bold.ttf",
        include_bytes!("../../fonts/LiberationSerif-Bold.ttf"),
    ),
    (
        "LiberationSerif-Italic.ttf",
        include_bytes!("../../fonts/LiberationSerif-Italic.ttf"),
    ),
    (
        "LiberationSerif-BoldItalic.ttf",
        include_bytes!("../../fonts/LiberationSerif-BoldItalic.ttf"),
    ),
];

/// The family name the layouts ask for.
pub const FAMILY: &str = crate::layout::PDF_FONT;

/// Parses every embedded face. The bytes are static, so this cannot fail on user input;
/// a face that does not parse would be a build defect and is simply skipped (the test
/// suite checks that all four load).
pub fn load() -> Vec<Font> {
    FONT_FILES
        .iter()
        .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
        .collect()
}
