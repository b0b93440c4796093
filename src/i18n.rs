//! The messages of the authoring commands (`check`, `watch`, `preview`, `new`, `templates`)
//! and of the CLI itself, in Vietnamese and English.
//!
//! Clerks read Vietnamese, so every message those commands print exists in both languages,
//! with the terms the decrees use (trích yếu, ký hiệu, Nơi nhận, căn cứ…). The language
//! comes from `--lang` or the locale ([`Lang::from_env`]). Messages are identified by
//! [`Msg`]; each has a Vietnamese and an English text with `{name}` placeholders filled by
//! [`Lang::t`]. A unit test checks that both texts of every message use the same
//! placeholders.
//!
//! Not covered: the library's own error enums (workbook, template rendering, PDF, DOCX),
//! which stay in English and are printed after the translated prefix, and clap's usage text.

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
