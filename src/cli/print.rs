//! What every command prints the same way: errors and the workbook reader's notices, on
//! stderr, in the reader's language.

use vanban::i18n::{Bilingual, Lang, Lead};
use vanban::workbook::Notice;

use super::exit::Failure;

/// `error: …` / `lỗi: …` on stderr, in the reader's language.
pub fn error(lang: Lang, e: &dyn Bilingual) {
    eprintln!("{}: {}", Lead::Error.text().get(lang), e.message(lang));
}

/// The error a command ended with (nothing for a usage error clap or the Vietnamese
/// usage text has already printed).
pub fn failure(lang: Lang, f: &Failure) {
    if let Some(text) = f.text() {
        error(lang, &text);
    }
}

/// `note: …` / `ghi chú: …` on stderr, in the reader's language.
pub fn note(lang: Lang, text: &dyn Bilingual) {
    eprintln!("{}: {}", Lead::Note.text().get(lang), text.message(lang));
}

/// Prints what the workbook reader repaired; these never change the exit code.
pub fn notices(notices: &[Notice], lang: Lang) {
    for n in notices {
        eprintln!("{}: {}", Lead::Note.text().get(lang), n.message(lang));
    }
}

/// A closed stdout or stderr (`vanban templates | head -3`) ends the program quietly with
/// exit code 0, as ripgrep does: whoever closed the pipe has read what they wanted.
///
/// Rust's `print!` family panics when a write fails, and output is written from many places
/// (every command, the batch console); this hook, installed once by `main`, turns exactly
/// that panic — a failed write to stdout or stderr with EPIPE — into the exit, and leaves
/// every other panic to the default hook — except those inside the workbook decoder, which
/// the reader catches and reports as a damaged file.
pub fn install_panic_hook() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        let broken_pipe = message.starts_with("failed printing to std")
            && (message.contains("os error 32") || message.contains("Broken pipe"));
        if broken_pipe {
            std::process::exit(0);
        }
        // The workbook reader catches its decoder's panics and reports a damaged file.
        if vanban::workbook::in_decoder() {
            return;
        }
        default(info);
    }));
}
