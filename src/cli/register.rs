//! `vanban register …`: the outgoing-document register (sổ đăng ký văn bản đi) on the
//! command line, printing what `vanban::register` did.

use std::path::Path;

use vanban::i18n::{Lang, Text};
use vanban::register::{Entry, NewEntry, Register, SeriesRule, Settings, book, rules};
use vanban::tr;

use super::args::{ListFormat, RegisterCommand};
use super::exit::{Done, Failure};

/// Runs one `register` command.
pub fn run(cmd: RegisterCommand, lang: Lang) -> Result<Done, Failure> {
    match cmd {
        RegisterCommand::Init {
            file,
            agency,
            name,
            parent,
            series,
        } => init(&file, agency, name, parent, &series, lang),
        RegisterCommand::Show { file } => show(&file, lang),
        RegisterCommand::Take {
            file,
            doc_type,
            symbol,
            date,
            summary,
            signer,
            recipients,
            archive,
            copies,
        } => take(
            &file,
            NewEntry {
                doc_type,
                symbol,
                date: None,
                summary,
                signer,
                recipients,
                archive,
                copies,
                draft: false,
                key: None,
            },
            &date,
        ),
        RegisterCommand::List { file, year, format } => list(&file, year, format, lang),
        RegisterCommand::Cancel {
            file,
            year,
            number,
            symbol,
            reason,
        } => cancel(&file, year, number, symbol.as_deref(), &reason, lang),
        RegisterCommand::Backup { file, out } => backup(&file, &out, lang),
        RegisterCommand::Print {
            file,
            year,
            out,
            volume,
            template,
        } => print(&file, year, &out, volume, template.as_deref()),
    }?;
    Ok(Done::Made)
}

fn init(
    file: &Path,
    agency: String,
    name: Option<String>,
    parent: Option<String>,
    series: &[String],
    lang: Lang,
) -> Result<(), Failure> {
    let settings = Settings {
        agency: agency.trim().to_string(),
        name: name.unwrap_or_default().trim().to_string(),
        parent: parent.unwrap_or_default().trim().to_string(),
        series: SeriesRule::parse(series),
    };
    let register = Register::init(file, settings)?;
    let f = file.display();
    let a = &register.settings().agency;
    let s = series_rule_text(&register.settings().series);
    println!(
        "{}",
        tr!(
            "đã tạo sổ đăng ký văn bản đi {f} cho {a} ({s})",
            "made the outgoing-document register {f} for {a} ({s})";
            s = s
        )
        .get(lang)
    );
    Ok(())
}

fn series_rule_text(rule: &SeriesRule) -> Text {
    match rule {
        SeriesRule::Shared => tr!(
            "văn bản hành chính dùng chung một sổ số",
            "administrative documents share one series"
        ),
        SeriesRule::EveryType => tr!(
            "mỗi tên loại văn bản một sổ số riêng",
            "each tên loại has its own series"
        ),
        SeriesRule::Types(types) => {
            let t = types
                .iter()
                .map(|t| rules::type_label(t))
                .collect::<Vec<_>>()
                .join(", ");
            tr!(
                "sổ số riêng cho: {t}; các loại khác dùng chung",
                "separate series for: {t}; the others share one"
            )
        }
    }
}

fn show(file: &Path, lang: Lang) -> Result<(), Failure> {
    let register = Register::open(file)?;
    let s = register.settings();
    let f = file.display();
    let a = &s.agency;
    let rule = series_rule_text(&s.series);
    let mut out = vec![
        tr!(
            "Sổ đăng ký văn bản đi: {f}",
            "Outgoing-document register: {f}"
        ),
        tr!("  Cơ quan: {a}", "  Agency: {a}"),
    ];
    if !s.name.is_empty() || !s.parent.is_empty() {
        let name = [s.parent.as_str(), s.name.as_str()]
            .iter()
            .filter(|x| !x.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" / ");
        out.push(tr!(
            "  Tên trên bìa sổ: {name}",
            "  Name on the cover: {name}"
        ));
    }
    out.push(tr!("  Cách đánh số: {r}", "  Numbering: {r}"; r = rule));
    let entries = register.list(None)?;
    if entries.is_empty() {
        out.push(tr!("  Chưa cấp số nào.", "  No number issued yet."));
    }
    let mut groups: Vec<(i32, String, Vec<&Entry>)> = Vec::new();
    for e in &entries {
        match groups.last_mut() {
            Some((y, s, list)) if *y == e.year && *s == e.series => list.push(e),
            _ => groups.push((e.year, e.series.clone(), vec![e])),
        }
    }
    for (year, series, list) in groups {
        let label = rules::series_label(&series);
        let first = list.first().map(|e| e.number_text()).unwrap_or_default();
        let last = list.last().map(|e| e.number_text()).unwrap_or_default();
        let n = list.len();
        let cancelled = list.iter().filter(|e| e.cancelled.is_some()).count();
        let next = rules::number_text(list.last().map_or(1, |e| e.number + 1));
        out.push(tr!(
            "  Năm {year}, {l}: {n} số (từ số {first} đến số {last}; {cancelled} số đã hủy); số \
             tiếp theo {next}",
            "  {year}, {l}: {n} numbers ({first} to {last}; {cancelled} cancelled); next {next}";
            l = label
        ));
    }
    for line in out {
        println!("{}", line.get(lang));
    }
    Ok(())
}

fn take(file: &Path, mut entry: NewEntry, date: &str) -> Result<(), Failure> {
    entry.date = Some(vanban::register::parse_date(date).ok_or_else(|| {
        Failure::Usage(Some(tr!(
            "--date \"{date}\" không phải ngày tháng; ghi dạng 2025-11-05 hoặc 05/11/2025",
            "--date \"{date}\" is not a date; write it as 2025-11-05 or 05/11/2025"
        )))
    })?);
    let mut register = Register::open(file)?;
    let issued = register.take(&entry)?;
    println!("{}", issued.reference());
    Ok(())
}

/// The book's column titles, (1) to (10), in the reader's language: the book's own
/// Vietnamese titles, each with its English.
fn columns(lang: Lang) -> Vec<String> {
    let en = [
        "Number and symbol",
        "Date",
        "Type and summary",
        "Signer",
        "Recipients",
        "Archive copy (unit, person)",
        "Copies",
        "Date sent",
        "Received (signature)",
        "Remarks",
    ];
    book::COLUMNS
        .iter()
        .zip(en)
        .map(|(vi, en)| Text::new(*vi, en).take(lang))
        .collect()
}

fn list(file: &Path, year: Option<i32>, format: ListFormat, lang: Lang) -> Result<(), Failure> {
    let register = Register::open(file)?;
    let entries = register.list(year)?;
    let mut out: String;
    match format {
        ListFormat::Json => {
            let rows: Vec<serde_json::Value> = entries.iter().map(Entry::to_json).collect();
            out = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
            out.push('\n');
        }
        ListFormat::Csv => {
            let quote = |s: &str| {
                if s.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_string()
                }
            };
            let head: Vec<String> = columns(lang).iter().map(|c| quote(c)).collect();
            out = head.join(",") + "\n";
            for e in &entries {
                let row: Vec<String> = book::cells(e).iter().map(|c| quote(c)).collect();
                out += &(row.join(",") + "\n");
            }
        }
        ListFormat::Table => {
            if entries.is_empty() {
                out = tr!("(sổ chưa có văn bản nào)", "(the register has no entries)").take(lang)
                    + "\n";
                emit(&out);
                return Ok(());
            }
            // Number, date, type and summary, signer, remarks: the columns a clerk looks
            // up; `--format csv` gives all ten.
            let picked = [0usize, 1, 2, 3, 9];
            let head = columns(lang);
            let rows: Vec<[String; 10]> = entries.iter().map(book::cells).collect();
            let width = |i: usize| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([head[i].chars().count()])
                    .max()
                    .unwrap_or(0)
                    .min(60)
            };
            let widths: Vec<usize> = picked.iter().map(|&i| width(i)).collect();
            let line = |values: Vec<&str>| {
                values
                    .iter()
                    .zip(&widths)
                    .map(|(v, w)| {
                        let v: String = v.chars().take(*w).collect();
                        let pad = w.saturating_sub(v.chars().count());
                        format!("{v}{}", " ".repeat(pad))
                    })
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            out = line(picked.iter().map(|&i| head[i].as_str()).collect()) + "\n";
            for r in &rows {
                out += &(line(picked.iter().map(|&i| r[i].as_str()).collect()) + "\n");
            }
        }
    }
    emit(&out);
    Ok(())
}

/// Writes a listing to stdout. A reader that stops early (`| head`) closes the pipe; that
/// is not an error, so the rest is simply not written.
fn emit(text: &str) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

fn cancel(
    file: &Path,
    year: i32,
    number: i64,
    symbol: Option<&str>,
    reason: &str,
    lang: Lang,
) -> Result<(), Failure> {
    let mut register = Register::open(file)?;
    let e = register.cancel(year, number, symbol, reason)?;
    let r = e.reference();
    let reason = reason.trim();
    println!(
        "{}",
        tr!(
            "đã hủy số {r} năm {year} (lý do: {reason}); số này không cấp lại",
            "cancelled {r} of {year} (reason: {reason}); the number is not issued again"
        )
        .get(lang)
    );
    Ok(())
}

fn backup(file: &Path, out: &Path, lang: Lang) -> Result<(), Failure> {
    let register = Register::open(file)?;
    register.backup(out)?;
    let f = file.display();
    let o = out.display();
    println!(
        "{}",
        tr!(
            "đã sao lưu sổ {f} vào {o}",
            "backed up the register {f} to {o}"
        )
        .get(lang)
    );
    Ok(())
}

fn print(
    file: &Path,
    year: i32,
    out: &Path,
    volume: u32,
    template: Option<&Path>,
) -> Result<(), Failure> {
    let register = Register::open(file)?;
    let made = book::print(&register, year, out, volume, template)?;
    for f in made {
        println!("{}", f.display());
    }
    Ok(())
}

/// What `render --register` (and `batch`) says about a document's number.
pub fn numbered_text(n: &vanban::register::Numbered) -> Text {
    use vanban::register::Numbered;
    match n {
        Numbered::Issued(r) => tr!(
            "số {r} đã vào sổ đăng ký văn bản đi",
            "number {r} is recorded in the register"
        ),
        Numbered::Given(r) => tr!(
            "văn bản đã có số {r} (không trùng với sổ); sổ không ghi thêm",
            "the document already carries {r} (no clash with the register); nothing recorded"
        ),
        Numbered::Draft => tr!(
            "dự thảo không lấy số; sổ không ghi gì",
            "a draft takes no number; nothing recorded"
        ),
    }
}
