//! Every message a user can see, in Vietnamese and English.
//!
//! Clerks read Vietnamese, so every message exists in both languages, with the terms the
//! decrees use (trích yếu, ký hiệu, Nơi nhận, căn cứ…). The language comes from `--lang` or
//! the locale ([`Lang::from_env`]).
//!
//! Two shapes, one rule:
//! - [`Msg`]: fixed messages of the commands (`check`, `watch`, `preview`, `new`,
//!   `templates`), each a (Vietnamese, English) pair with `{name}` placeholders filled by
//!   [`Lang::t`]. A unit test checks that both texts use the same placeholders.
//! - [`Text`]: a message made where a problem is found (a workbook cell, a template line, a
//!   helper's argument), carrying both languages from that moment on, written with
//!   [`tr!`](crate::tr). Errors implement [`Bilingual`] and are shown with
//!   [`Bilingual::message`] in the reader's language; their `Display` is the English text
//!   (for logs and `?` in tests).
//!
//! Not translated, and kept verbatim inside the translated message: text that is not ours —
//! typst's diagnostics of a layout file, the operating system's reason for an I/O failure,
//! a damaged file's decoder detail — and clap's own usage errors.

use std::fmt::Display;

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

    /// `vi`, `vi_VN.UTF-8`, `vi-VN` → Vietnamese; anything else → English.
    pub fn from_locale(s: &str) -> Lang {
        if s.to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// The text of `msg` with each `{name}` replaced by its argument.
    pub fn t(self, msg: Msg, args: &[(&str, &dyn Display)]) -> String {
        let (vi, en) = msg.texts();
        let mut out = match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
        .to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), &value.to_string());
        }
        out
    }

    /// A message without arguments.
    pub fn s(self, msg: Msg) -> &'static str {
        let (vi, en) = msg.texts();
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// A message in both languages, made where the problem is found.
///
/// `Display` gives the English text; [`Text::get`] the one the reader asked for.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
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

/// So that a helper's message can travel through Handlebars as a nested error and come
/// out in both languages ([`helper_error`], [`text_of_nested`]).
impl std::error::Error for Text {}

impl From<Msg> for Text {
    fn from(m: Msg) -> Text {
        let (vi, en) = m.texts();
        Text::new(vi, en)
    }
}

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
    let (vi, en) = match e.kind() {
        K::NotFound => ("không tìm thấy tệp hoặc thư mục", "no such file or folder"),
        K::PermissionDenied => (
            "không có quyền (tệp chỉ đọc, hoặc đang mở trong chương trình khác)",
            "permission denied (the file is read-only or open in another program)",
        ),
        K::AlreadyExists => ("tệp đã có", "the file already exists"),
        K::StorageFull => ("ổ đĩa đã đầy", "the disk is full"),
        K::ReadOnlyFilesystem => ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
        K::IsADirectory => (
            "đây là thư mục, không phải tệp",
            "this is a folder, not a file",
        ),
        K::NotADirectory => (
            "một phần của đường dẫn là tệp, không phải thư mục",
            "part of the path is a file, not a folder",
        ),
        K::DirectoryNotEmpty => ("thư mục không rỗng", "the folder is not empty"),
        K::InvalidData => (
            "nội dung tệp không hợp lệ",
            "the file's content is not valid",
        ),
        K::UnexpectedEof => ("tệp bị cắt cụt", "the file is cut short"),
        _ => return Text::same(e.to_string()),
    };
    Text::new(format!("{vi} ({e})"), format!("{en} ({e})"))
}

/// A TOML parser's message (template.toml, a batch file, a chart block's settings) in
/// both languages: the English is the parser's own, the Vietnamese says the same for the
/// mistakes people make by hand — a key written twice, a missing quote or bracket, a
/// misspelt or missing key, a value of the wrong kind. Anything else keeps the parser's
/// words after a Vietnamese lead-in.
pub fn toml_detail(message: &str) -> Text {
    toml_detail_or(message, |m| format!("viết sai cú pháp TOML ({m})"))
}

/// [`toml_detail`] with the caller's Vietnamese for a message it does not know (a batch
/// file says which file slipped).
pub fn toml_detail_or(message: &str, otherwise: impl FnOnce(&str) -> String) -> Text {
    let m = message.trim();
    let vi = toml_vi(m).unwrap_or_else(|| otherwise(m));
    Text::new(vi, m)
}

fn toml_vi(m: &str) -> Option<String> {
    if let Some(key) = m.strip_prefix("duplicate key") {
        let key = key.trim();
        let key = if key.is_empty() { "này" } else { key };
        return Some(format!(
            "trường {key} đã được viết ở trên; mỗi trường chỉ viết một lần"
        ));
    }
    if m.starts_with("unclosed table") || m.starts_with("unclosed array of tables") {
        return Some("tên bảng [ … ] thiếu dấu \"]\" đóng".into());
    }
    if m.starts_with("invalid basic string") || m.starts_with("invalid literal string") {
        return Some("chuỗi chữ thiếu dấu ngoặc kép đóng".into());
    }
    if m.starts_with("string values must be quoted") {
        return Some(
            "giá trị chữ phải đặt trong dấu ngoặc kép, ví dụ title = \"Báo cáo tháng\"".into(),
        );
    }
    if m.starts_with("key with no value") {
        return Some("trường chưa có giá trị: thiếu dấu \"=\" và giá trị sau tên trường".into());
    }
    if m.starts_with("missing escaped value") || m.starts_with("invalid escape") {
        return Some(
            "sau dấu \\ phải là một ký tự thoát (\\n, \\\", \\\\ …); muốn viết chính dấu \\ thì viết \\\\"
                .into(),
        );
    }
    if let Some(key) = m.strip_prefix("missing field ") {
        return Some(format!("thiếu trường {key}"));
    }
    if let Some(rest) = m.strip_prefix("unknown field ") {
        let (key, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let key = key.trim_end_matches(", there are no fields");
        let expected = expected
            .strip_prefix("one of ")
            .unwrap_or(expected)
            .replace(" or ", " hoặc ");
        return Some(if expected.is_empty() {
            format!("không dùng được trường {key} ở đây")
        } else {
            format!("không dùng được trường {key} ở đây; các trường dùng được: {expected}")
        });
    }
    for (prefix, lead) in [
        ("invalid type: ", "giá trị không đúng kiểu"),
        ("invalid value: ", "giá trị không hợp lệ"),
    ] {
        if let Some(rest) = m.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ")?;
            return Some(format!(
                "{lead}: {}, trong khi cần {}",
                toml_found(found),
                toml_expected(expected)
            ));
        }
    }
    None
}

/// "string \"5\"", "integer `1`" … as the parser names what it found.
fn toml_found(found: &str) -> String {
    for (en, vi) in [
        ("string ", "chữ "),
        ("integer ", "số nguyên "),
        ("floating point ", "số thập phân "),
        ("boolean ", "giá trị đúng/sai "),
        ("sequence", "danh sách"),
        ("map", "bảng"),
    ] {
        if let Some(rest) = found.strip_prefix(en) {
            return format!("{vi}{rest}").trim_end().to_string();
        }
        if found == en.trim_end() {
            return vi.trim_end().to_string();
        }
    }
    found.to_string()
}

/// What the parser expected, as serde names it.
fn toml_expected(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "một số nguyên không âm".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "một số nguyên".into(),
        "f32" | "f64" | "a float" => "một số".into(),
        "a boolean" => "true hoặc false".into(),
        "a string" => "chữ trong dấu ngoặc kép".into(),
        "a sequence" => "một danh sách, ví dụ [\"pdf\", \"docx\"]".into(),
        "a map" | "struct" => "một bảng [ … ]".into(),
        other => other.to_string(),
    }
}

/// The Handlebars error a helper returns: the helper's name and its bilingual message,
/// carried as a nested error so that the template error can show it in either language.
pub fn helper_error(helper: &str, message: Text) -> handlebars::RenderError {
    let text = message.map(|m| format!("{helper}: {m}"));
    handlebars::RenderErrorReason::NestedError(Box::new(text)).into()
}

/// The bilingual message inside a Handlebars error reason made by [`helper_error`].
pub fn text_of_nested(reason: &handlebars::RenderErrorReason) -> Option<Text> {
    match reason {
        handlebars::RenderErrorReason::NestedError(e) => e.downcast_ref::<Text>().cloned(),
        _ => None,
    }
}

macro_rules! messages {
    ($($id:ident => ($vi:expr, $en:expr),)*) => {
        /// A message id; see [`Lang::t`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Msg { $($id,)* }

        impl Msg {
            /// Every message, for tests.
            pub const ALL: &'static [Msg] = &[$(Msg::$id,)*];

            /// (Vietnamese, English).
            pub fn texts(self) -> (&'static str, &'static str) {
                match self { $(Msg::$id => ($vi, $en),)* }
            }
        }
    };
}

messages! {
    // CLI-level words.
    Error => ("lỗi", "error"),
    Warning => ("cảnh báo", "warning"),
    Note => ("ghi chú", "note"),
    Hint => ("gợi ý", "hint"),

    // check: summary.
    CheckClean => ("{template}: không phát hiện vấn đề nào.", "{template}: no problems found."),
    CheckSummary => (
        "{template}: {errors} lỗi, {warnings} cảnh báo.",
        "{template}: {errors} error(s), {warnings} warning(s)."
    ),
    NoDataNote => (
        "chưa có bảng tính (--data): không kiểm tra được tên trường và kiểu dữ liệu; Markdown được kiểm tra với dữ liệu giả",
        "no workbook given (--data): fields and data types are not checked; the Markdown is checked with placeholder data"
    ),
    RowsNote => (
        "mẫu dùng {field}: mẫu tạo một văn bản cho mỗi dòng (vanban batch); thêm --rows <SHEET> để kiểm tra các trường row.…",
        "the template uses {field}: it makes one document per row (vanban batch); give --rows <SHEET> to check the row.… fields"
    ),
    MarkdownNotChecked => (
        "chưa kiểm tra được Markdown vì phần thân chưa điền được dữ liệu: {reason}",
        "the Markdown was not checked because the body could not be filled in: {reason}"
    ),

    // check: template folder and manifest.
    CannotLoad => ("không đọc được mẫu: {reason}", "cannot read the template: {reason}"),
    ManifestInvalid => ("template.toml không hợp lệ: {reason}", "template.toml is not valid: {reason}"),
    ManifestHint => (
        "xem danh sách các trường của template.toml trong docs/template-guide.md",
        "the fields of template.toml are listed in docs/template-guide.md"
    ),

    // check: Handlebars.
    SyntaxError => ("lỗi cú pháp Handlebars: {reason}", "Handlebars syntax error: {reason}"),
    SyntaxMismatch => (
        "khối {{#{open}}} lại được đóng bằng {{/{close}}}",
        "the block {{#{open}}} is closed by {{/{close}}}"
    ),
    SyntaxMalformed => (
        "có một {{ … }} chưa đóng hoặc viết sai ({detail})",
        "a {{ … }} is not closed or is malformed ({detail})"
    ),
    SyntaxHint => (
        "mỗi {{#each}}, {{#if}}, {{#with}} cần có {{/each}}, {{/if}}, {{/with}} tương ứng; kiểm tra các dấu ngoặc gần dấu ^",
        "every {{#each}}, {{#if}} and {{#with}} needs its {{/each}}, {{/if}}, {{/with}}; check the braces near the caret"
    ),
    UnknownHelper => ("không có hàm (helper) \"{name}\"", "unknown helper \"{name}\""),
    UnknownHelperSuggest => (
        "không có hàm (helper) \"{name}\" — có phải là \"{suggestion}\"?",
        "unknown helper \"{name}\" — did you mean \"{suggestion}\"?"
    ),
    HelperHint => (
        "các hàm có sẵn được liệt kê trong docs/helpers.md",
        "the helpers are listed in docs/helpers.md"
    ),
    UnknownField => (
        "bảng tính không có trường \"{field}\"",
        "the workbook does not provide the field \"{field}\""
    ),
    UnknownFieldSuggest => (
        "bảng tính không có trường \"{field}\" — có phải là \"{suggestion}\"?",
        "the workbook does not provide the field \"{field}\" — did you mean \"{suggestion}\"?"
    ),
    FieldHint => (
        "ở đây có các trường: {keys} (chạy `vanban fields <bảng tính>` để xem tất cả)",
        "the fields here are: {keys} (run `vanban fields <workbook>` to see them all)"
    ),
    NotANumber => (
        "hàm \"{helper}\" cần số, nhưng ô {cell} (sheet \"{sheet}\") chứa chữ \"{value}\"",
        "the helper \"{helper}\" needs a number, but cell {cell} (sheet \"{sheet}\") holds the text \"{value}\""
    ),
    NotANumberHint => (
        "sửa ô trong bảng tính thành số (không có dấu chấm phân cách hàng nghìn, không có chữ), hoặc dùng trường khác",
        "correct the cell in the workbook to a number (no thousands separators, no words), or use another field"
    ),
    EmptyNumber => (
        "hàm \"{helper}\" cần số, nhưng ô {cell} (sheet \"{sheet}\") để trống",
        "the helper \"{helper}\" needs a number, but cell {cell} (sheet \"{sheet}\") is empty"
    ),
    EmptyNumberHint => (
        "điền số vào ô (số 0 nếu đúng là không); một ô trống trong văn bản hành chính phải được phát hiện, không in thành 0",
        "fill in the cell (0 if it really is zero); a blank in an official document must be noticed, not printed as 0"
    ),
    ErrorCell => (
        "ô {cell} (sheet \"{sheet}\") chứa lỗi Excel {code} và mẫu dùng trường \"{field}\"",
        "cell {cell} (sheet \"{sheet}\") holds the Excel error {code} and the template uses the field \"{field}\""
    ),
    ErrorCellHint => (
        "sửa công thức hoặc giá trị trong bảng tính",
        "correct the formula or the value in the workbook"
    ),

    // check: data the manifest requires.
    MissingSheet => (
        "bảng tính {workbook} không có sheet \"{sheet}\" (data.{alias})",
        "the workbook {workbook} has no sheet named \"{sheet}\" (data.{alias})"
    ),
    MissingSheetHint => (
        "bảng tính chỉ có các sheet: {sheets}",
        "the workbook has only these sheets: {sheets}"
    ),
    MissingColumn => (
        "sheet \"{sheet}\" của {workbook} không có cột cho trường \"{column}\" mà mẫu yêu cầu",
        "sheet \"{sheet}\" of {workbook} has no column giving the key \"{column}\", which the template requires"
    ),
    MissingColumnSuggest => (
        "sheet \"{sheet}\" của {workbook} không có cột cho trường \"{column}\" mà mẫu yêu cầu — có phải là \"{suggestion}\"?",
        "sheet \"{sheet}\" of {workbook} has no column giving the key \"{column}\", which the template requires — did you mean \"{suggestion}\"?"
    ),
    MissingColumnHint => (
        "dòng tiêu đề (dòng {row}) cho các trường: {keys}",
        "the header row (row {row}) gives: {keys}"
    ),
    WorkbookUnreadable => ("không đọc được bảng tính: {reason}", "cannot read the workbook: {reason}"),

    // check: Markdown.
    Markdown => ("{reason}", "{reason}"),
    MarkdownAfterFill => (
        "trong Markdown tạo ra từ {file} (sau khi điền dữ liệu), dòng {line}: {reason}",
        "in the Markdown made from {file} (after filling in the data), line {line}: {reason}"
    ),
    MarkdownHint => (
        "văn bản chỉ in được: tiêu đề #, đoạn văn, **đậm**, *nghiêng*, danh sách, bảng và --- (ngắt trang); dòng sau khi điền dữ liệu: {text}",
        "the writers print headings, paragraphs, **bold**, *italic*, lists, tables and --- (page break); the line after filling in the data: {text}"
    ),

    // check: form rules of Decree 30.
    SymbolShape => (
        "ký hiệu \"{symbol}\" không đúng thể thức: {reason}",
        "the ký hiệu \"{symbol}\" is not in the form Decree 30 requires: {reason}"
    ),
    SymbolHint => (
        "ký hiệu viết IN HOA, các nhóm chữ nối bằng dấu \"-\" không có dấu cách, không có số và không có \"Số:\", ví dụ \"BC-CNĐP\" (in ra: \"Số: 12/BC-CNĐP\")",
        "write the ký hiệu in UPPER CASE, groups joined by \"-\" without spaces, without the number and without \"Số:\", e.g. \"BC-CNĐP\" (printed: \"Số: 12/BC-CNĐP\")"
    ),
    SymbolLower => ("có chữ thường", "it has lower-case letters"),
    SymbolSpace => ("có dấu cách", "it has spaces"),
    SymbolEmptyGroup => ("có nhóm rỗng giữa các dấu \"-\"", "it has an empty group between \"-\" signs"),
    SymbolNumber => (
        "có cả số văn bản hoặc \"Số:\" — số ghi ở header.number",
        "it includes the number or \"Số:\" — the number goes in header.number"
    ),
    SymbolChar => ("có ký tự \"{char}\" không dùng trong ký hiệu", "it has the character \"{char}\", which a ký hiệu does not use"),
    DateDay => (
        "ngày dưới 10 phải có số 0 ở trước: \"ngày {day}\" → \"ngày 0{day}\"",
        "days below 10 take a leading zero: \"ngày {day}\" → \"ngày 0{day}\""
    ),
    DateMonthZero => (
        "tháng 1 và 2 phải có số 0 ở trước: \"tháng {month}\" → \"tháng 0{month}\"",
        "months 1 and 2 take a leading zero: \"tháng {month}\" → \"tháng 0{month}\""
    ),
    DateMonthNoZero => (
        "tháng 3 đến 12 không có số 0 ở trước: \"tháng {written}\" → \"tháng {month}\"",
        "months 3 to 12 take no leading zero: \"tháng {written}\" → \"tháng {month}\""
    ),
    DateHint => (
        "Nghị định 30 (Phụ lục I, II.4.b): ngày dưới 10 và tháng 1, 2 ghi thêm số 0 để không ai thêm được chữ số",
        "Decree 30 (Appendix I, II.4.b): days below 10 and months 1 and 2 take a 0 so that no digit can be added"
    ),
    PrintedInCapitals => (
        "{field} \"{value}\" sẽ được in hoa: \"{printed}\"",
        "{field} \"{value}\" will be printed in capitals: \"{printed}\""
    ),
    PrintedInCapitalsHint => (
        "Nghị định 30 (Phụ lục I, mục II) in hoa tên cơ quan chủ quản, cơ quan ban hành và tên loại văn bản; có thể nhập chữ thường, vanban tự in hoa",
        "Decree 30 (Appendix I, part II) prints the parent agency, the issuing agency and the document type in capitals; ordinary case is accepted and printed in capitals"
    ),
    NoiNhanLast => (
        "dòng cuối của Nơi nhận phải là \"Lưu: VT, …\" (đang là \"{last}\")",
        "the last line of Nơi nhận must be \"Lưu: VT, …\" (it is \"{last}\")"
    ),
    NoiNhanHint => (
        "thêm dòng cuối \"Lưu: VT, <viết tắt đơn vị soạn thảo>\" vào [distribution] recipients, ví dụ \"Lưu: VT, CNĐP\"",
        "end [distribution] recipients with \"Lưu: VT, <drafting unit>\", e.g. \"Lưu: VT, CNĐP\""
    ),
    DraftNumber => (
        "văn bản là dự thảo ([draft]) nhưng đã có số \"{number}\"",
        "the document is a draft ([draft]) but carries the number \"{number}\""
    ),
    DraftNumberHint => (
        "số của dự thảo để trống cho đến khi văn bản được vào sổ: để header.number trống hoặc bỏ [draft]",
        "a draft's number stays blank until the document is registered: leave header.number empty or remove [draft]"
    ),
    RenderFailed => ("chưa tạo được văn bản: {reason}", "the document cannot be made: {reason}"),
    NoiNhanTwoOnALine => (
        "dòng Nơi nhận \"{line}\" có dấu \";\" ở giữa: mỗi nơi nhận một dòng",
        "the Nơi nhận line \"{line}\" has a \";\" inside: one recipient per line"
    ),
    NoiNhanTwoOnALineHint => (
        "tách thành hai dòng trong [distribution] recipients; vanban tự thêm \";\" cuối mỗi dòng",
        "split it into two entries of [distribution] recipients; vanban adds the \";\" at each line's end"
    ),
    AppendixNotNamed => (
        "văn bản có {label} nhưng phần nội dung không nhắc đến",
        "the document has {label} but its body never names it"
    ),
    AppendixNotNamedHint => (
        "Nghị định 30 (Phụ lục I, mục III): nội dung phải dẫn chiếu đến phụ lục, ví dụ \"(chi tiết tại {label})\"",
        "Decree 30 (Appendix I, part III): the text refers to each appendix, e.g. \"(chi tiết tại {label})\""
    ),
    AgencyWraps => (
        "tên cơ quan không vừa một dòng và sẽ được ngắt: {lines}",
        "the agency name does not fit one line and will be broken: {lines}"
    ),
    AgencyWrapsHint => (
        "nếu muốn ngắt ở chỗ khác, ghi dấu xuống dòng vào tên (\\n trong template.toml, Alt+Enter trong ô Excel)",
        "to break it elsewhere, put a line break in the name (\\n in template.toml, Alt+Enter in the Excel cell)"
    ),

    // preview.
    PreviewWrote => ("đã ghi {file} ({width}×{height} điểm ảnh)", "wrote {file} ({width}×{height} pixels)"),
    PageOutOfRange => (
        "văn bản có {pages} trang; không có trang {page}",
        "the document has {pages} page(s); there is no page {page}"
    ),

    // new / templates.
    NewMade => (
        "đã tạo mẫu {dir} từ \"{family}\"; thử: vanban render {dir} --data {sample}",
        "made the template {dir} from \"{family}\"; try: vanban render {dir} --data {sample}"
    ),
    NewUnknownFamily => (
        "không có mẫu có sẵn \"{family}\"; các mẫu có sẵn: {families}",
        "there is no built-in template \"{family}\"; the built-in templates are: {families}"
    ),
    NewNotEmpty => (
        "thư mục {dir} đã có và không rỗng; chọn tên khác hoặc xóa thư mục đó trước",
        "the folder {dir} exists and is not empty; choose another name or remove it first"
    ),
    NewWriteFailed => ("không ghi được {file}: {reason}", "cannot write {file}: {reason}"),
    TemplatesBuiltIn => ("Mẫu có sẵn", "Built-in templates"),
    TemplatesLocal => ("Mẫu trong {dir}", "Templates in {dir}"),
    TemplatesNone => ("(không có)", "(none)"),
    TemplatesNeeds => ("cần", "needs"),
    TemplatesSheet => ("sheet \"{sheet}\" ({kind})", "sheet \"{sheet}\" ({kind})"),
    TemplatesColumns => ("các cột: {columns}", "columns: {columns}"),
    TemplatesSample => ("dữ liệu mẫu", "sample data"),
    KindTable => ("bảng", "table"),
    KindKeyValue => ("trường – giá trị", "key–value"),

    // watch.
    WatchStart => (
        "đang theo dõi {template} và {data}; kết quả ghi vào {out} (Ctrl+C để dừng)",
        "watching {template} and {data}; writing to {out} (Ctrl+C to stop)"
    ),
    WatchRendered => ("[{time}] đã tạo trong {ms} ms: {files}", "[{time}] rendered in {ms} ms: {files}"),
    WatchFailed => (
        "[{time}] lỗi sau {ms} ms; giữ nguyên kết quả tốt gần nhất",
        "[{time}] failed after {ms} ms; the last good output is kept"
    ),
    WatchChanged => ("[{time}] thay đổi: {files}", "[{time}] changed: {files}"),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placeholders(s: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut rest = s;
        while let Some(i) = rest.find('{') {
            rest = &rest[i + 1..];
            // `{{#each}}` in a hint is Handlebars, not a placeholder.
            if rest.starts_with('{') {
                rest = rest.trim_start_matches('{');
                continue;
            }
            if let Some(j) = rest.find('}') {
                let name = &rest[..j];
                if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                    out.push(name.to_string());
                }
                rest = &rest[j + 1..];
            }
        }
        out.sort();
        out.dedup();
        out
    }

    #[test]
    fn both_languages_use_the_same_placeholders() {
        for &m in Msg::ALL {
            let (vi, en) = m.texts();
            assert!(!vi.is_empty() && !en.is_empty(), "{m:?}");
            assert_eq!(placeholders(vi), placeholders(en), "{m:?}");
        }
    }

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
    fn toml_messages_in_vietnamese() {
        let cases = [
            ("duplicate key", "chỉ viết một lần"),
            ("unclosed table, expected `]`", "thiếu dấu \"]\""),
            ("invalid basic string, expected `\"`", "thiếu dấu ngoặc kép"),
            (
                "string values must be quoted, expected literal string",
                "phải đặt trong dấu ngoặc kép",
            ),
            ("key with no value, expected `=`", "thiếu dấu \"=\""),
            ("missing field `title`", "thiếu trường `title`"),
            (
                "unknown field `from`, expected one of `name`, `title`",
                "không dùng được trường `from` ở đây; các trường dùng được: `name`, `title`",
            ),
            (
                "invalid type: string \"5\", expected u32",
                "giá trị không đúng kiểu: chữ \"5\", trong khi cần một số nguyên không âm",
            ),
            (
                "invalid type: integer `1`, expected a boolean",
                "số nguyên `1`, trong khi cần true hoặc false",
            ),
            (
                "invalid value: integer `-1`, expected u32",
                "giá trị không hợp lệ: số nguyên `-1`",
            ),
            ("something new", "viết sai cú pháp TOML (something new)"),
        ];
        for (en, vi) in cases {
            let t = toml_detail(en);
            assert_eq!(t.en, en);
            assert!(t.vi.contains(vi), "{en}: {}", t.vi);
        }
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
        assert_eq!(
            Lang::Vi.t(Msg::UnknownField, &[("field", &"ten_tnh")]),
            "bảng tính không có trường \"ten_tnh\""
        );
    }
}
