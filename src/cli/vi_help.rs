//! The command line in Vietnamese: help texts of every command and argument, the help
//! headings, and clap's common usage errors.
//!
//! clap prints help and usage errors in English; its texts cannot be swapped by a locale,
//! so the built command is rewritten from the table [`TEXTS`] before parsing. A
//! test walks the command so that no command or argument is left in English.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};

/// (command, argument id, text): the command's `about` when the id is empty. Command
/// `*` gives the text of an argument every command has (`--lang`, `--help`).
pub(super) const TEXTS: &[(&str, &str, &str)] = &[
    (
        "vanban",
        "",
        "Chuyển bảng tính Excel thành văn bản hành chính (PDF và DOCX) đúng thể thức Nghị định 30/2020/NĐ-CP",
    ),
    (
        "*",
        "lang",
        "Ngôn ngữ của thông báo: vi (tiếng Việt) hoặc en (tiếng Anh); mặc định theo LC_ALL / LC_MESSAGES / LANG (\"vi…\" là tiếng Việt).",
    ),
    ("*", "help", "In hướng dẫn."),
    ("*", "version", "In số phiên bản."),
    (
        "help",
        "",
        "In hướng dẫn này, hoặc hướng dẫn của lệnh đã cho.",
    ),
    // render
    (
        "render",
        "",
        "Tạo văn bản PDF và DOCX từ một mẫu và một bảng tính.",
    ),
    (
        "render",
        "template",
        "Thư mục mẫu (ví dụ templates/bao-cao-thang).",
    ),
    ("*", "data", "Bảng tính (.xlsx, .xls, .xlsb hoặc .ods)."),
    ("*", "out", "Thư mục ghi kết quả (tạo mới nếu chưa có)."),
    ("*", "format", "Tạo tệp nào: pdf, docx, hoặc cả hai (both)."),
    (
        "*",
        "legacy",
        "Sửa chữ gõ bằng phông TCVN3 (ABC) hoặc VNI cũ: off (để nguyên), auto (theo phông của ô trong tệp .xlsx, nếu không thì theo các ký tự), tcvn3 (mọi ô chữ là TCVN3), vni (mọi ô chữ là VNI).",
    ),
    (
        "render",
        "legacy",
        "Sửa chữ gõ bằng phông TCVN3 (ABC) hoặc VNI cũ (thay cho thiết lập trong template.toml): off (để nguyên), auto (theo phông của ô trong tệp .xlsx, nếu không thì theo các ký tự), tcvn3 (mọi ô chữ là TCVN3), vni (mọi ô chữ là VNI).",
    ),
    (
        "render",
        "pdf_standard",
        "Chuẩn PDF để lưu trữ (thay cho pdf_standard trong template.toml): a-2b (PDF/A-2b, cần ngày của văn bản), none (PDF thường).",
    ),
    (
        "render",
        "docx_changes",
        "Cách DOCX ghi các thay đổi của dự thảo (thay cho docx_changes trong template.toml): marks (mực đen như bản PDF: gạch chân chữ thêm, gạch ngang chữ bỏ — cho bản gửi đi), revisions (theo dõi thay đổi của Word, chấp nhận hoặc từ chối được — cho tổ soạn thảo).",
    ),
    (
        "render",
        "register",
        "Lấy số cho văn bản từ sổ đăng ký văn bản đi này (văn bản chính thức chưa có số được cấp số tiếp theo; xem `vanban register`).",
    ),
    (
        "batch",
        "register",
        "Lấy số cho các văn bản từ sổ đăng ký văn bản đi này (thay cho register trong tệp chạy hàng loạt).",
    ),
    // register
    (
        "register",
        "",
        "Sổ đăng ký văn bản đi: cấp số, liệt kê, hủy số, in sổ.",
    ),
    (
        "init",
        "",
        "Tạo tệp sổ đăng ký mới cho một cơ quan ban hành.",
    ),
    ("init", "file", "Tệp sổ cần tạo (SQLite; chưa được có)."),
    (
        "init",
        "agency",
        "Chữ viết tắt của cơ quan ban hành, như trong ký hiệu (ví dụ CNĐP).",
    ),
    (
        "init",
        "name",
        "Tên cơ quan in trên bìa sổ (ví dụ \"CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG\").",
    ),
    (
        "init",
        "parent",
        "Cơ quan chủ quản in trên bìa sổ (ví dụ \"BỘ CÔNG THƯƠNG\").",
    ),
    (
        "init",
        "series",
        "Sổ số riêng: \"by-type\" (mỗi tên loại một sổ số), hoặc các tên loại có sổ số riêng (lặp lại được, ví dụ --series \"Quyết định\"); mặc định: văn bản hành chính dùng chung một sổ số.",
    ),
    (
        "show",
        "",
        "Xem thiết lập của sổ và, theo từng năm và sổ số, các số đã cấp.",
    ),
    ("show", "file", "Tệp sổ đăng ký."),
    (
        "take",
        "",
        "Lấy số tiếp theo cho một văn bản và ghi vào sổ; in ra ví dụ 45/BC-CNĐP.",
    ),
    ("take", "file", "Tệp sổ đăng ký."),
    (
        "take",
        "doc_type",
        "Tên loại văn bản (ví dụ \"Báo cáo\"); để trống cho công văn.",
    ),
    (
        "take",
        "symbol",
        "Ký hiệu (ví dụ BC-CNĐP, hoặc 2025/TT-BCT cho thông tư).",
    ),
    (
        "take",
        "date",
        "Ngày tháng văn bản (2025-11-05 hoặc 05/11/2025): số được cấp theo năm của ngày này.",
    ),
    ("take", "summary", "Trích yếu nội dung."),
    ("take", "signer", "Người ký."),
    ("take", "recipients", "Nơi nhận (lặp lại được)."),
    (
        "take",
        "archive",
        "Đơn vị, người nhận bản lưu: dòng \"Lưu:\" (ví dụ \"VT, CNĐP\").",
    ),
    ("take", "copies", "Số lượng bản."),
    ("list", "", "Liệt kê các văn bản trong sổ."),
    ("list", "file", "Tệp sổ đăng ký."),
    ("list", "year", "Chỉ năm này."),
    (
        "list",
        "format",
        "table (để đọc), csv (cho bảng tính) hoặc json (cho công cụ khác).",
    ),
    (
        "cancel",
        "",
        "Hủy một số đã cấp (số đó không bao giờ cấp lại); lý do ghi vào cột Ghi chú.",
    ),
    ("cancel", "file", "Tệp sổ đăng ký."),
    ("cancel", "year", "Năm của số cần hủy."),
    ("cancel", "number", "Số cần hủy."),
    (
        "cancel",
        "symbol",
        "Ký hiệu, khi các sổ số riêng cùng cấp số này cho hai văn bản.",
    ),
    ("cancel", "reason", "Lý do hủy số."),
    (
        "backup",
        "",
        "Sao lưu sổ sang một tệp khác ngay cả khi sổ đang được dùng (sao lưu trực tuyến của SQLite).",
    ),
    ("backup", "file", "Tệp sổ đăng ký."),
    ("backup", "out", "Tệp bản sao cần ghi."),
    (
        "print",
        "",
        "In sổ đăng ký văn bản đi của một năm (Phụ lục IV) ra PDF, DOCX và XLSX.",
    ),
    ("print", "file", "Tệp sổ đăng ký."),
    ("print", "year", "Năm cần in."),
    ("print", "volume", "Quyển số in trên bìa sổ."),
    (
        "print",
        "template",
        "Thư mục mẫu dùng thay mẫu có sẵn (tạo bằng `vanban new so-dang-ky-van-ban-di THƯ_MỤC`).",
    ),
    // fields
    (
        "fields",
        "",
        "Liệt kê các trường mà bảng tính cung cấp cho mẫu, với kiểu dữ liệu và một giá trị ví dụ.",
    ),
    (
        "fields",
        "workbook",
        "Bảng tính (.xlsx, .xls, .xlsb hoặc .ods).",
    ),
    (
        "fields",
        "legacy",
        "Sửa chữ gõ bằng phông TCVN3 (ABC) hoặc VNI cũ (mặc định: auto): off (để nguyên), auto (theo phông của ô trong tệp .xlsx, nếu không thì theo các ký tự), tcvn3 (mọi ô chữ là TCVN3), vni (mọi ô chữ là VNI).",
    ),
    // batch
    (
        "batch",
        "",
        "Tạo nhiều văn bản theo một tệp chạy hàng loạt (TOML; xem samples/cuoi-thang.toml).",
    ),
    ("batch", "file", "Tệp chạy hàng loạt."),
    (
        "*",
        "jobs",
        "Số luồng làm việc (0 = mỗi nhân một luồng, thêm một luồng).",
    ),
    (
        "batch",
        "only",
        "Chỉ làm việc này (ghi nhiều lần được), hoặc `failed`: các văn bản bị lỗi ở lần chạy trước.",
    ),
    (
        "batch",
        "force",
        "Tạo lại tất cả, và ghi đè cả các tệp đã được sửa sau khi vanban tạo ra.",
    ),
    (
        "batch",
        "dry_run",
        "Chỉ cho biết sẽ tạo những gì; không ghi tệp nào.",
    ),
    (
        "batch",
        "shard",
        "Chỉ làm phần K trong N phần (đếm từ 1), ví dụ 2/4, để chia một lô cho nhiều máy.",
    ),
    // bench
    (
        "bench",
        "",
        "Đo tốc độ chạy hàng loạt trên các dòng giả lập làm từ bảng tính mẫu.",
    ),
    (
        "bench",
        "docs",
        "Số văn bản cần tạo, cách nhau bằng dấu phẩy.",
    ),
    (
        "bench",
        "sample",
        "Bảng tính mẫu dùng để làm các dòng giả lập.",
    ),
    ("bench", "template", "Mẫu tạo một văn bản cho mỗi dòng."),
    (
        "bench",
        "both_only",
        "Chỉ chạy PDF + DOCX (bỏ các lần chạy chỉ PDF và chỉ DOCX).",
    ),
    // bench-serve
    (
        "bench-serve",
        "",
        "Đo tốc độ của dịch vụ: POST /api/render từ nhiều máy khách cùng lúc (độ trễ, văn bản/giây).",
    ),
    ("bench-serve", "clients", "Số máy khách gửi cùng lúc."),
    ("bench-serve", "requests", "Số yêu cầu được đo."),
    ("bench-serve", "template", "Mẫu (tên trong danh mục)."),
    ("bench-serve", "sample", "Bảng tính gửi lên."),
    ("bench-serve", "format", "pdf, docx hoặc zip (cả hai)."),
    (
        "bench-serve",
        "workers",
        "Số luồng tạo văn bản của dịch vụ (0 = mỗi lõi một luồng).",
    ),
    // serve
    (
        "serve",
        "",
        "Dịch vụ tạo văn bản: trang web cho cán bộ và API HTTP (xem mục \"The service\" trong README).",
    ),
    (
        "serve",
        "addr",
        "Địa chỉ để nghe; địa chỉ không phải nội bộ (loopback) cần --token-file.",
    ),
    (
        "serve",
        "templates",
        "Thư mục mẫu riêng (dùng được nhiều lần); các mẫu có sẵn luôn có.",
    ),
    (
        "serve",
        "data_dir",
        "Nơi giữ tệp gửi lên, các việc hàng loạt và kết quả; không ghi gì ra ngoài thư mục này.",
    ),
    (
        "serve",
        "workers",
        "Số luồng tạo văn bản (0 = mỗi lõi một luồng).",
    ),
    (
        "serve",
        "token_file",
        "Tệp có dòng đầu là mã truy cập (Bearer) mà mọi đường /api và trang web đòi.",
    ),
    (
        "serve",
        "register",
        "Sổ đăng ký văn bản đi (tạo bằng vanban register init) mà POST /api/register/take lấy số \
         và GET /api/register liệt kê.",
    ),
    ("serve", "max_upload", "Tệp gửi lên lớn nhất, tính bằng MB."),
    (
        "serve",
        "queue",
        "Số yêu cầu được chờ luồng trước khi trả 429 (dùng cho kiểm thử).",
    ),
    (
        "serve",
        "timeout_secs",
        "Thời gian tạo văn bản lâu nhất, tính bằng giây, trước khi trả 503 (dùng cho kiểm thử).",
    ),
    // eval
    (
        "eval",
        "",
        "In kết quả của một biểu thức Handlebars, dùng được mọi hàm (helper), ví dụ '{{words 1005}}'.",
    ),
    (
        "eval",
        "expression",
        "Biểu thức (một mẫu dùng một lần; kiểm tra chặt, không thoát ký tự).",
    ),
    (
        "eval",
        "data",
        "Một bảng tính: các sheet theo khóa, `names`, và sheet trường – giá trị đầu tiên là `meta`.",
    ),
    (
        "eval",
        "template",
        "Một thư mục mẫu: biểu thức thấy đúng dữ liệu của mẫu đó (cần --data).",
    ),
    // check
    (
        "check",
        "",
        "Báo cùng lúc mọi vấn đề của một mẫu (và của bảng tính dùng cho mẫu đó).",
    ),
    ("*", "template", "Thư mục mẫu."),
    (
        "check",
        "data",
        "Bảng tính để kiểm tra tên trường và kiểu dữ liệu.",
    ),
    (
        "check",
        "rows",
        "Với mẫu tạo một văn bản cho mỗi dòng (vanban batch): sheet có các dòng là `row`.",
    ),
    (
        "check",
        "format",
        "text (cho người đọc) hoặc json (cho công cụ).",
    ),
    // preview
    (
        "preview",
        "",
        "Ảnh PNG các trang của văn bản, để xem nhanh.",
    ),
    ("preview", "page", "Chỉ trang này (đếm từ 1)."),
    ("preview", "out", "Thư mục ghi ảnh (tạo mới nếu chưa có)."),
    (
        "preview",
        "dpi",
        "Độ phân giải, tính bằng điểm ảnh trên inch (dpi).",
    ),
    // new
    (
        "new",
        "",
        "Tạo một thư mục mẫu mới từ một mẫu có sẵn (xem `vanban templates`).",
    ),
    (
        "new",
        "family",
        "Một mẫu có sẵn (ví dụ bao-cao-thang) hoặc một thư mục mẫu để sao chép.",
    ),
    ("new", "dir", "Thư mục mới (chưa có, hoặc đang rỗng)."),
    // import
    (
        "import",
        "",
        "Tạo một thư mục mẫu từ một văn bản Word (.docx) trình bày theo Nghị định 30.",
    ),
    (
        "import",
        "docx",
        "Văn bản Word (.docx; tệp .doc cũ phải chuyển sang .docx trước).",
    ),
    (
        "import",
        "out",
        "Thư mục mẫu sẽ tạo (chưa có hoặc đang rỗng, trừ khi có --force).",
    ),
    (
        "import",
        "family",
        "Một mẫu có sẵn để lấy quy tắc thể thức và cỡ chữ (ví dụ du-thao-thong-tu).",
    ),
    (
        "import",
        "force",
        "Thay nội dung thư mục nếu thư mục không rỗng.",
    ),
    // templates
    (
        "templates",
        "",
        "Liệt kê các mẫu có sẵn và các mẫu trong một thư mục, với dữ liệu mỗi mẫu cần.",
    ),
    (
        "templates",
        "dir",
        "Thư mục tìm mẫu (mặc định: thư mục hiện tại).",
    ),
    // watch
    (
        "watch",
        "",
        "Tạo lại văn bản mỗi khi mẫu hoặc bảng tính thay đổi.",
    ),
    (
        "watch",
        "max_renders",
        "Dừng sau số lần tạo này (cho kiểm thử và script).",
    ),
    (
        "watch",
        "exit_after_ms",
        "Dừng sau số mili giây này (cho kiểm thử và script).",
    ),
];

/// The Vietnamese about of `command`, or help of its argument `arg`.
pub(super) fn text(command: &str, arg: &str) -> Option<&'static str> {
    let find = |c: &str| {
        TEXTS
            .iter()
            .find(|(tc, ta, _)| *tc == c && *ta == arg)
            .map(|(_, _, t)| *t)
    };
    find(command).or_else(|| (!arg.is_empty()).then(|| find("*")).flatten())
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The command with every help text in Vietnamese. The command is built first, so that
/// clap's own `--help`, `--version` and `help` are there to be translated too.
pub(super) fn localize(mut cmd: Command) -> Command {
    cmd.build();
    localize_command(cmd, "vanban")
}

fn localize_command(cmd: Command, name: &str) -> Command {
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("Các lệnh")
        .mut_args(|a| localize_arg(a, name));
    if let Some(about) = text(name, "") {
        cmd = cmd.about(about);
    }
    cmd.mut_subcommands(|sub| {
        let name = sub.get_name().to_string();
        localize_command(sub, &name)
    })
}

/// The argument's Vietnamese help, with its default and possible values said in
/// Vietnamese (clap's own "[default: …]" and "[possible values: …]" are hidden).
fn localize_arg(arg: Arg, command: &str) -> Arg {
    let id = arg.get_id().as_str().to_string();
    let mut help = match text(command, &id) {
        Some(t) => t.to_string(),
        None => return arg,
    };
    let takes_values = arg.get_action().takes_values();
    let defaults: Vec<String> = arg
        .get_default_values()
        .iter()
        .map(|v| v.to_string_lossy().into_owned())
        .collect();
    if takes_values && !defaults.is_empty() && !arg.is_hide_default_value_set() {
        help.push_str(&format!(" [mặc định: {}]", defaults.join(",")));
    }
    let values: Vec<String> = arg
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if takes_values && !values.is_empty() && !arg.is_hide_possible_values_set() {
        help.push_str(&format!(" [giá trị: {}]", values.join(", ")));
    }
    let heading = if arg.is_positional() {
        "Tham số"
    } else {
        "Tùy chọn"
    };
    arg.help(help)
        .long_help(None::<&'static str>)
        .hide_default_value(true)
        .hide_possible_values(true)
        .help_heading(heading)
}

fn string(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        _ => None,
    }
}

fn strings(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => vec![s.clone()],
        Some(ContextValue::Strings(v)) => v.clone(),
        _ => Vec::new(),
    }
}

/// clap's usage error `e` in Vietnamese: what is wrong, a suggestion if clap has one,
/// the usage line and where to read more. `None` for help and version (clap prints
/// them) and for the rare kinds left in clap's English.
pub(super) fn usage_error(e: &clap::Error, cmd: &Command) -> Option<String> {
    let arg = string(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = string(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::UnknownArgument => format!("không có tham số '{arg}'"),
        ErrorKind::MissingRequiredArgument => {
            let mut m = "thiếu tham số bắt buộc:".to_string();
            for a in strings(e, ContextKind::InvalidArg) {
                m.push_str(&format!("\n  {a}"));
            }
            m
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("tham số '{arg}' cần một giá trị nhưng chưa có")
        }
        ErrorKind::InvalidValue => {
            let mut m = format!("giá trị '{value}' không hợp lệ cho '{arg}'");
            let valid = strings(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                m.push_str(&format!(
                    "\n  [các giá trị được dùng: {}]",
                    valid.join(", ")
                ));
            }
            m
        }
        ErrorKind::ValueValidation => {
            // The reason comes from the value's parser, in its own words.
            let reason = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("giá trị '{value}' không hợp lệ cho '{arg}'{reason}")
        }
        ErrorKind::InvalidSubcommand => {
            let sub = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("không có lệnh '{sub}'")
        }
        ErrorKind::MissingSubcommand => {
            let sub = string(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut m = format!("'{sub}' cần một lệnh nhưng chưa có");
            let valid = strings(e, ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                m.push_str(&format!("\n  [các lệnh: {}]", valid.join(", ")));
            }
            m
        }
        ErrorKind::ArgumentConflict => {
            let prior = string(e, ContextKind::PriorArg).unwrap_or_default();
            format!("không dùng '{arg}' cùng với '{prior}'")
        }
        ErrorKind::TooManyValues => {
            format!("giá trị thừa '{value}' cho '{arg}'")
        }
        _ => return None,
    };
    let suggestions = [
        (ContextKind::SuggestedSubcommand, "lệnh"),
        (ContextKind::SuggestedArg, "tham số"),
        (ContextKind::SuggestedValue, "giá trị"),
    ];
    let mut first = true;
    for (kind, what) in suggestions {
        let similar = strings(e, kind);
        if similar.is_empty() {
            continue;
        }
        message.push_str(if first { "\n\n" } else { "\n" });
        first = false;
        let similar: Vec<String> = similar.iter().map(|s| format!("'{s}'")).collect();
        message.push_str(&format!(
            "  gợi ý: có {what} gần giống: {}",
            similar.join(", ")
        ));
    }
    let usage = match e.get(ContextKind::Usage) {
        Some(ContextValue::StyledStr(u)) => {
            let u = u.to_string();
            let u = u.trim_start();
            let u = u.strip_prefix("Usage:").map(str::trim_start).unwrap_or(u);
            format!("\n\nCách dùng: {u}")
        }
        _ => String::new(),
    };
    let help = if cmd.is_disable_help_flag_set() {
        String::new()
    } else {
        "\n\nXem thêm: '--help'.".to_string()
    };
    Some(format!("lỗi: {message}{usage}{help}\n"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command and argument, as "command" and "command --arg", that has no
    /// Vietnamese text.
    fn untranslated(cmd: &Command, name: &str, out: &mut Vec<String>) {
        if text(name, "").is_none() {
            out.push(name.to_string());
        }
        for a in cmd.get_arguments() {
            let id = a.get_id().as_str();
            if text(name, id).is_none() {
                out.push(format!("{name} {id}"));
            }
        }
        for sub in cmd.get_subcommands() {
            let sub_name = sub.get_name();
            untranslated(sub, sub_name, out);
        }
    }

    #[test]
    fn every_command_and_argument_has_a_vietnamese_help_text() {
        let mut cmd = super::super::args::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        untranslated(&cmd, "vanban", &mut missing);
        assert!(missing.is_empty(), "no Vietnamese text for: {missing:?}");
        // And the built Vietnamese command shows them.
        let vi = localize(super::super::args::Cli::command());
        let mut all = 0;
        for sub in vi.get_subcommands() {
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            assert_eq!(Some(about.as_str()), text(sub.get_name(), ""));
            for a in sub.get_arguments() {
                let help = a.get_help().map(|h| h.to_string()).unwrap_or_default();
                let expected = text(sub.get_name(), a.get_id().as_str()).unwrap_or("?");
                assert!(
                    help.starts_with(expected),
                    "{} {}: {help}",
                    sub.get_name(),
                    a.get_id()
                );
                all += 1;
            }
        }
        assert!(all > 40, "only {all} arguments walked");
    }

    #[test]
    fn the_table_has_no_stale_entries() {
        // Each row of the table names a real command and argument.
        let mut cmd = super::super::args::Cli::command();
        cmd.build();
        for (c, a, _) in TEXTS {
            if *c == "*" {
                continue;
            }
            let command = if *c == "vanban" {
                Some(&cmd)
            } else {
                // Top-level commands, and those of `register` (`register take`).
                cmd.get_subcommands()
                    .chain(cmd.get_subcommands().flat_map(|s| s.get_subcommands()))
                    .find(|s| s.get_name() == *c)
            };
            let command = command.unwrap_or_else(|| panic!("no command {c}"));
            assert!(
                a.is_empty() || command.get_arguments().any(|x| x.get_id() == *a),
                "no argument {a} in {c}"
            );
        }
    }

    fn error_of(args: &[&str]) -> String {
        let mut cmd = localize(super::super::args::Cli::command());
        let e = cmd
            .try_get_matches_from_mut(args)
            .expect_err("a usage error");
        usage_error(&e, &cmd).expect("a Vietnamese message")
    }

    #[test]
    fn usage_errors_in_vietnamese() {
        let m = error_of(&["vanban", "render", "templates/bao-cao-thang"]);
        assert!(
            m.starts_with("lỗi: thiếu tham số bắt buộc:\n  --data <DATA>"),
            "{m}"
        );
        assert!(m.contains("Cách dùng: vanban render"), "{m}");
        let m = error_of(&["vanban", "render", "t", "-d", "x", "--format", "odt"]);
        assert!(
            m.contains("giá trị 'odt' không hợp lệ cho '--format <FORMAT>'"),
            "{m}"
        );
        assert!(
            m.contains("[các giá trị được dùng: pdf, docx, both]"),
            "{m}"
        );
        let m = error_of(&["vanban", "rendr"]);
        assert!(m.starts_with("lỗi: không có lệnh 'rendr'"), "{m}");
        assert!(m.contains("gợi ý: có lệnh gần giống: 'render'"), "{m}");
        let m = error_of(&["vanban", "fields", "a.xlsx", "--legasy", "off"]);
        assert!(m.starts_with("lỗi: không có tham số '--legasy'"), "{m}");
        assert!(m.contains("'--legacy'"), "{m}");
        let m = error_of(&["vanban", "preview", "t", "-d", "x", "--page", "một"]);
        assert!(
            m.starts_with("lỗi: giá trị 'một' không hợp lệ cho '--page <PAGE>'"),
            "{m}"
        );
    }

    #[test]
    fn help_is_vietnamese() {
        let mut vi = localize(super::super::args::Cli::command());
        let help = vi.render_help().to_string();
        assert!(help.contains("Cách dùng: vanban"), "{help}");
        assert!(help.contains("Các lệnh:"), "{help}");
        assert!(help.contains("Tạo văn bản PDF và DOCX"), "{help}");
        let render = vi
            .find_subcommand_mut("render")
            .expect("render")
            .render_long_help()
            .to_string();
        for s in [
            "Tham số:",
            "Tùy chọn:",
            "Thư mục mẫu",
            "[mặc định: out]",
            "[giá trị: pdf, docx, both]",
            "In hướng dẫn.",
        ] {
            assert!(render.contains(s), "{s:?} not in:\n{render}");
        }
        for s in [
            "Usage:",
            "Options:",
            "Arguments:",
            "[default:",
            "Possible values",
            "Print help",
        ] {
            assert!(!render.contains(s), "{s:?} in:\n{render}");
        }
    }
}
