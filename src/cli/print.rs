//! What every command prints the same way: errors and the workbook reader's notices, on
//! stderr, in the reader's language.

use vanban::i18n::{Bilingual, Lang, Lead, Text};
use vanban::tr;
use vanban::workbook::Notice;
use vanban::workbook::SheetKind;

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

/// How `fields` and `templates` name the two kinds of sheet.
pub fn sheet_kind(kind: SheetKind) -> Text {
    match kind {
        SheetKind::Table => tr!("bảng", "table"),
        SheetKind::KeyValue => tr!("trường – giá trị", "key–value"),
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
