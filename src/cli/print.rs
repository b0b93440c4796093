//! What every command prints the same way: errors and the workbook reader's notices, on
//! stderr, in the reader's language.

use vanban::i18n::{Bilingual, Lang, Msg};
use vanban::workbook::Notice;

use super::exit::Failure;

/// `error: …` / `lỗi: …` on stderr, in the reader's language.
pub fn error(lang: Lang, e: &dyn Bilingual) {
    eprintln!("{}: {}", lang.s(Msg::Error), e.message(lang));
}

/// The error a command ended with (nothing for a usage error clap or the Vietnamese
/// usage text has already printed).
pub fn failure(lang: Lang, f: &Failure) {
    if let Some(text) = f.text() {
        error(lang, &text);
    }
}

/// Prints what the workbook reader repaired; these never change the exit code.
pub fn notices(notices: &[Notice], lang: Lang) {
    for n in notices {
        eprintln!("{}: {}", lang.s(Msg::Note), n.message(lang));
    }
}
