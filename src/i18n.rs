//! Every message a user can see, in Vietnamese and English.
//!
//! Clerks read Vietnamese, so every message exists in both languages, with the terms the
//! decrees use (trích yếu, ký hiệu, Nơi nhận, căn cứ…). The language comes from `--lang` or
//! the locale ([`Lang::from_env`]).
//!
//! One mechanism: a [`Text`] is a message in both languages, made where the problem is
//! found (a workbook cell, a template line, a helper's argument) with [`tr!`](crate::tr),
//! whose two format strings the compiler checks against the same arguments. Errors
//! implement [`Bilingual`] and are shown with [`Bilingual::message`] in the reader's
//! language; their `Display` is the English text (for logs and `?` in tests). Only the CLI
//! picks a language.
//!
//! Not translated, and kept verbatim inside the translated message: text that is not ours —
//! typst's diagnostics of a layout file, the operating system's reason for an I/O failure,
//! a damaged file's decoder detail — and clap's own usage errors.

/// The language of messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    Vi,
    #[default]
    En,
}

impl Lang {
    /// The language the locale asks for: the first of `LC_ALL`, `LC_MESSAGES` and `LANG`
    /// that is set and non-empty decides (POSIX order); a value starting with `vi` gives
    /// Vietnamese, anything else English.
    pub fn from_env() -> Lang {
        for var in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let Ok(v) = std::env::var(var)
                && !v.is_empty()
            {
                return Lang::from_locale(&v);
            }
        }
        Lang::En
    }

    /// The language's code, for `lang=` attributes, `?lang=` links and the
    /// Content-Language header: `vi`, `en`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    /// The other language, for a page's language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::Vi => Lang::En,
            Lang::En => Lang::Vi,
        }
    }

    /// The language's name in itself ("Tiếng Việt", "English"), as a language switch
    /// shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Lang::Vi => "Tiếng Việt",
            Lang::En => "English",
        }
    }

    /// `vi`, `vi_VN.UTF-8`, `vi-VN` → Vietnamese; anything else → English.
    pub fn from_locale(s: &str) -> Lang {
        if s.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }
}

/// A message in both languages, made where the problem is found.
///
/// `Display` gives the English text; [`Text::get`] the one the reader asked for.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Text {
    pub vi: String,
    pub en: String,
}

impl Text {
    pub fn new(vi: impl Into<String>, en: impl Into<String>) -> Text {
        Text {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// Text that reads the same in both languages: a name, a number, or a foreign
    /// diagnostic (typst, the operating system) that has no translation of ours.
    pub fn same(s: impl Into<String>) -> Text {
        let s = s.into();
        Text {
            vi: s.clone(),
            en: s,
        }
    }

    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// The text in `lang`, owned.
    pub fn take(self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }

    /// Both texts changed by the same function (a prefix, a quote, a suffix).
    pub fn map(self, f: impl Fn(String) -> String) -> Text {
        Text {
            vi: f(self.vi),
            en: f(self.en),
        }
    }

    /// Joins texts with `sep` in each language.
    pub fn join(parts: &[Text], sep: &str) -> Text {
        Text {
            vi: parts
                .iter()
                .map(|t| t.vi.as_str())
                .collect::<Vec<_>>()
                .join(sep),
            en: parts
                .iter()
                .map(|t| t.en.as_str())
                .collect::<Vec<_>>()
                .join(sep),
        }
    }
}

impl std::fmt::Display for Text {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.en)
    }
}

/// A text is an error value of its own (a shard that does not parse, a batch note).
impl std::error::Error for Text {}

/// Anything that can say what it is in both languages: every error the library returns.
pub trait Bilingual {
    /// The message in both languages.
    fn text(&self) -> Text;

    /// The message in `lang`.
    fn message(&self, lang: Lang) -> String {
        self.text().take(lang)
    }
}

impl<T: Bilingual + ?Sized> Bilingual for &T {
    fn text(&self) -> Text {
        (**self).text()
    }
}

impl<T: Bilingual + ?Sized> Bilingual for Box<T> {
    fn text(&self) -> Text {
        (**self).text()
    }
}

impl Bilingual for Text {
    fn text(&self) -> Text {
        self.clone()
    }
}

/// The word that leads a line of output: `lỗi: …`, `cảnh báo: …`, `ghi chú: …`,
/// `gợi ý: …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lead {
    Error,
    Warning,
    Note,
    Hint,
}

impl Lead {
    pub fn text(self) -> Text {
        match self {
            Lead::Error => crate::tr!("lỗi", "error"),
            Lead::Warning => crate::tr!("cảnh báo", "warning"),
            Lead::Note => crate::tr!("ghi chú", "note"),
            Lead::Hint => crate::tr!("gợi ý", "hint"),
        }
    }
}

/// A bilingual message: `tr!("Vietnamese {x}", "English {x}")` formats both strings with
/// the same arguments (inline `{name}` captures work). Arguments that are themselves
/// bilingual (a nested error, a [`Text`]) are given after `;` as `name = expr` and are
/// filled in each language: `tr!("không ghi được: {e}", "cannot write: {e}"; e = err)`.
#[macro_export]
macro_rules! tr {
    ($vi:literal, $en:literal $(,)?) => {
        $crate::i18n::Text::new(format!($vi), format!($en))
    };
    ($vi:literal, $en:literal; $($name:ident = $val:expr),+ $(,)?) => {{
        $(let $name = $crate::i18n::Bilingual::text(&$val);)+
        $crate::i18n::Text::new(
            { $(let $name = &$name.vi;)+ format!($vi) },
            { $(let $name = &$name.en;)+ format!($en) },
        )
    }};
}

/// Why a file operation failed, in both languages. The kinds a clerk meets (no such file,
/// no permission, a full disk, a file open in another program) are said in words; the
/// operating system's own text follows in brackets for whoever supports them.
pub fn io_reason(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let reason = match e.kind() {
        K::NotFound => crate::tr!("không tìm thấy tệp hoặc thư mục", "no such file or folder"),
        K::PermissionDenied => crate::tr!(
            "không có quyền (tệp chỉ đọc, hoặc đang mở trong chương trình khác)",
            "permission denied (the file is read-only or open in another program)"
        ),
        K::AlreadyExists => crate::tr!("tệp đã có", "the file already exists"),
        K::StorageFull => crate::tr!("ổ đĩa đã đầy", "the disk is full"),
        K::ReadOnlyFilesystem => crate::tr!("ổ đĩa chỉ cho đọc", "the disk is read-only"),
        K::IsADirectory => crate::tr!(
            "đây là thư mục, không phải tệp",
            "this is a folder, not a file"
        ),
        K::NotADirectory => crate::tr!(
            "một phần của đường dẫn là tệp, không phải thư mục",
            "part of the path is a file, not a folder"
        ),
        K::DirectoryNotEmpty => crate::tr!("thư mục không rỗng", "the folder is not empty"),
        K::InvalidData => crate::tr!(
            "nội dung tệp không hợp lệ",
            "the file's content is not valid"
        ),
        K::UnexpectedEof => crate::tr!("tệp bị cắt cụt", "the file is cut short"),
        _ => return Text::same(e.to_string()),
    };
    reason.map(|r| format!("{r} ({e})"))
}

/// Why a helper failed: its message in both languages (with the helper's name first) and,
/// when the cause is a field the data does not have, that field — so that the template
/// error can suggest the nearest key without reading the message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HelperFailure {
    pub text: Text,
    pub missing_field: Option<String>,
}

impl std::fmt::Display for HelperFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text.en)
    }
}

impl std::error::Error for HelperFailure {}

/// The Handlebars error a helper returns: the helper's name and its bilingual message,
/// carried as a nested error so that the template error can show it in either language.
pub fn helper_error(helper: &str, message: Text) -> handlebars::RenderError {
    helper_failure(helper, message, None)
}

/// [`helper_error`] for a failure caused by `missing_field`, a field the data lacks.
pub fn helper_failure(
    helper: &str,
    message: Text,
    missing_field: Option<String>,
) -> handlebars::RenderError {
    let failure = HelperFailure {
        text: message.map(|m| format!("{helper}: {m}")),
        missing_field,
    };
    handlebars::RenderErrorReason::NestedError(Box::new(failure)).into()
}

/// What a helper failed with, inside a Handlebars error reason made by [`helper_error`].
pub fn failure_of_nested(reason: &handlebars::RenderErrorReason) -> Option<&HelperFailure> {
    match reason {
        handlebars::RenderErrorReason::NestedError(e) => e.downcast_ref::<HelperFailure>(),
        _ => None,
    }
}

/// The bilingual message inside a Handlebars error reason made by [`helper_error`].
pub fn text_of_nested(reason: &handlebars::RenderErrorReason) -> Option<Text> {
    failure_of_nested(reason).map(|f| f.text.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tr_fills_both_languages() {
        let n = 3;
        let t = crate::tr!("có {n} lỗi", "{n} errors");
        assert_eq!(t.get(Lang::Vi), "có 3 lỗi");
        assert_eq!(t.get(Lang::En), "3 errors");
        let sheet = "Số liệu";
        let inner = Text::new("ô trống", "empty cell");
        let outer =
            crate::tr!("sheet \"{sheet}\": {inner}", "sheet \"{sheet}\": {inner}"; inner = inner);
        assert_eq!(outer.vi, "sheet \"Số liệu\": ô trống");
        assert_eq!(outer.en, "sheet \"Số liệu\": empty cell");
    }

    #[test]
    fn io_reasons_are_translated() {
        let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert!(io_reason(&e).vi.starts_with("không có quyền"));
        assert!(io_reason(&e).en.starts_with("permission denied"));
    }

    #[test]
    fn helper_messages_survive_handlebars() {
        let e = helper_error("num", Text::new("cần một số", "needs a number"));
        let t = text_of_nested(e.reason()).expect("a nested text");
        assert_eq!(t.vi, "num: cần một số");
        assert_eq!(t.en, "num: needs a number");
    }

    #[test]
    fn locale_choice() {
        assert_eq!(Lang::from_locale("vi_VN.UTF-8"), Lang::Vi);
        assert_eq!(Lang::from_locale("vi"), Lang::Vi);
        assert_eq!(Lang::from_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::from_locale("C"), Lang::En);
    }
}
