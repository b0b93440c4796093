//! The `vanban` command line: parses arguments, calls the library, prints, sets the exit
//! code. All the work is in the library (`src/lib.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use vanban::error::exit;
use vanban::i18n::{Bilingual, Lang, Msg};
use vanban::render::Formats;
use vanban::workbook::{LegacyMode, Notice};

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Excel workbooks to Vietnamese official documents (PDF and DOCX), in the form Decree 30/2020/NĐ-CP requires"
)]
struct Cli {
    /// Language of messages (default: from LC_ALL / LC_MESSAGES / LANG; "vi…" gives Vietnamese).
    #[arg(long, global = true, value_enum)]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Vi,
    En,
}

#[derive(Subcommand)]
enum Command {
    /// Render a template over a workbook into PDF and DOCX.
    Render {
        /// The template folder (e.g. templates/bao-cao-thang).
        template: PathBuf,
        /// The workbook (.xlsx, .xls, .xlsb or .ods).
        #[arg(long, short = 'd')]
        data: PathBuf,
        /// Output folder (created if missing).
        #[arg(long, short = 'o', default_value = "out")]
        out: PathBuf,
        /// Which files to make.
        #[arg(long, value_enum, default_value = "both")]
        format: Format,
        /// Repair of text typed in the old TCVN3/VNI fonts (overrides template.toml).
        #[arg(long, value_enum)]
        legacy: Option<Legacy>,
    },
    /// List the keys a workbook gives templates, with types and a sample value.
    Fields {
        /// The workbook (.xlsx, .xls, .xlsb or .ods).
        workbook: PathBuf,
        /// Repair of text typed in the old TCVN3/VNI fonts (default: auto).
        #[arg(long, value_enum)]
        legacy: Option<Legacy>,
    },
    /// Make many documents from a batch file (TOML; see samples/cuoi-thang.toml).
    Batch {
        /// The batch file.
        file: PathBuf,
        /// Worker threads (0 = one per core, plus one).
        #[arg(long, short = 'j', default_value_t = 0)]
        jobs: usize,
        /// Only this job (repeatable), or `failed`: the documents that failed last time.
        #[arg(long)]
        only: Vec<String>,
        /// Remake everything, and overwrite files edited since vanban wrote them.
        #[arg(long)]
        force: bool,
        /// Show what would be made; write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Make only part K of N (1-based), e.g. 2/4, for runs spread over machines.
        #[arg(long)]
        shard: Option<String>,
    },
    /// Benchmark batch runs on synthetic rows made from the sample workbook.
    Bench {
        /// Numbers of documents to make, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
        docs: Vec<usize>,
        /// Worker threads (0 = one per core, plus one).
        #[arg(long, short = 'j', default_value_t = 0)]
        jobs: usize,
        /// The sample workbook the synthetic rows are made from.
        #[arg(long, default_value = "samples/bao-cao-thang.xlsx")]
        sample: PathBuf,
        /// The per-row template.
        #[arg(long, default_value = "templates/bao-cao-tinh")]
        template: PathBuf,
        /// Only the PDF + DOCX runs (skip the PDF-only and DOCX-only runs).
        #[arg(long)]
        both_only: bool,
    },
    /// Print what a Handlebars expression gives, with every helper, e.g. '{{words 1005}}'.
    Eval {
        /// The expression (a one-off template; strict, nothing escaped).
        expression: String,
        /// A workbook: its sheets by key, `names`, and the first key–value sheet as `meta`.
        #[arg(long, short = 'd')]
        data: Option<PathBuf>,
        /// A template folder: the expression sees exactly that template's data.
        #[arg(long, short = 't', requires = "data")]
        template: Option<PathBuf>,
        /// Repair of text typed in the old TCVN3/VNI fonts.
        #[arg(long, value_enum)]
        legacy: Option<Legacy>,
    },
    /// Report every problem of a template (and of a workbook for it) at once.
    Check {
        /// The template folder.
        template: PathBuf,
        /// A workbook to check the fields and data types against.
        #[arg(long, short = 'd')]
        data: Option<PathBuf>,
        /// For a template made once per row (vanban batch): the sheet whose rows are `row`.
        #[arg(long)]
        rows: Option<String>,
        /// text (for people) or json (for tools).
        #[arg(long, value_enum, default_value = "text")]
        format: CheckFormat,
    },
    /// PNG images of the document's pages, for a quick look.
    Preview {
        template: PathBuf,
        #[arg(long, short = 'd')]
        data: PathBuf,
        /// Only this page (1-based).
        #[arg(long)]
        page: Option<usize>,
        #[arg(long, short = 'o', default_value = "out")]
        out: PathBuf,
        /// Resolution in dots per inch.
        #[arg(long, default_value_t = 96.0)]
        dpi: f32,
    },
    /// Make a new template folder from a built-in one (see `vanban templates`).
    New {
        /// A built-in template (e.g. bao-cao-thang) or a template folder to copy.
        family: String,
        /// The new folder (must not exist or be empty).
        dir: PathBuf,
    },
    /// List the built-in templates and those in a folder, with the data each needs.
    Templates {
        /// Where to look for local templates (default: the current folder).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Re-render whenever the template or the workbook changes.
    Watch {
        template: PathBuf,
        #[arg(long, short = 'd')]
        data: PathBuf,
        #[arg(long, short = 'o', default_value = "out")]
        out: PathBuf,
        #[arg(long, value_enum, default_value = "both")]
        format: Format,
        /// Stop after this many renders (for tests and scripts).
        #[arg(long, hide = true)]
        max_renders: Option<usize>,
        /// Stop after this many milliseconds (for tests and scripts).
        #[arg(long, hide = true)]
        exit_after_ms: Option<u64>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Pdf,
    Docx,
    Both,
}

/// `--legacy`: how text typed in the old TCVN3 (ABC) and VNI fonts is repaired.
#[derive(Clone, Copy, ValueEnum)]
enum Legacy {
    /// Leave text as it is.
    Off,
    /// By the cell's font (.xlsx), else by the text's characters.
    Auto,
    /// Every text cell is TCVN3.
    Tcvn3,
    /// Every text cell is VNI.
    Vni,
}

impl From<Legacy> for LegacyMode {
    fn from(l: Legacy) -> LegacyMode {
        match l {
            Legacy::Off => LegacyMode::Off,
            Legacy::Auto => LegacyMode::Auto,
            Legacy::Tcvn3 => LegacyMode::Tcvn3,
            Legacy::Vni => LegacyMode::Vni,
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The language of clap's help and usage errors is needed before parsing.
    let lang = lang_of_args(&args).unwrap_or_else(Lang::from_env);
    let cli = match parse(args, lang) {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let lang = match cli.lang {
        Some(LangArg::Vi) => Lang::Vi,
        Some(LangArg::En) => Lang::En,
        None => Lang::from_env(),
    };
    let code = match cli.command {
        Command::Render {
            template,
            data,
            out,
            format,
            legacy,
        } => render(&template, &data, &out, format, legacy.map(Into::into), lang),
        Command::Fields { workbook, legacy } => fields(&workbook, legacy.map(Into::into), lang),
        Command::Eval {
            expression,
            data,
            template,
            legacy,
        } => eval(
            &expression,
            &vanban::eval::EvalOptions {
                data: data.as_deref(),
                template: template.as_deref(),
                legacy: legacy.map(Into::into),
            },
            lang,
        ),
        Command::Check {
            template,
            data,
            rows,
            format,
        } => check(&template, data.as_deref(), rows.as_deref(), format, lang),
        Command::Preview {
            template,
            data,
            page,
            out,
            dpi,
        } => preview(&template, &data, &out, page, dpi, lang),
        Command::New { family, dir } => new(&family, &dir, lang),
        Command::Templates { dir } => templates(dir.as_deref(), lang),
        Command::Watch {
            template,
            data,
            out,
            format,
            max_renders,
            exit_after_ms,
        } => watch(
            &template,
            &data,
            &out,
            format,
            max_renders,
            exit_after_ms,
            lang,
        ),
        Command::Batch {
            file,
            jobs,
            only,
            force,
            dry_run,
            shard,
        } => {
            // Parsed here rather than by clap, so that a wrong K/N is explained in the
            // reader's language.
            match shard
                .as_deref()
                .map(vanban::batch::Shard::parse)
                .transpose()
            {
                Ok(shard) => batch(
                    &file,
                    &vanban::batch::Options {
                        jobs,
                        only,
                        force,
                        dry_run,
                        shard,
                        lang,
                    },
                ),
                Err(e) => {
                    print_error(lang, &e);
                    2
                }
            }
        }
        Command::Bench {
            docs,
            jobs,
            sample,
            template,
            both_only,
        } => bench(&vanban::batch::bench::BenchOptions {
            docs,
            jobs,
            sample,
            template,
            both_only,
            lang,
        }),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// `--lang vi`, `--lang=vi` (or `en`) among the arguments, read before clap parses them
/// so that its help and usage errors are in that language too.
fn lang_of_args(args: &[std::ffi::OsString]) -> Option<Lang> {
    let mut found = None;
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = if a == "--lang" {
            it.next().map(|v| v.into_owned())
        } else {
            a.strip_prefix("--lang=").map(str::to_string)
        };
        match value.as_deref() {
            Some("vi") => found = Some(Lang::Vi),
            Some("en") => found = Some(Lang::En),
            _ => {}
        }
    }
    found
}

/// The command line in `lang`: clap's definition, with Vietnamese help texts for `Vi`.
fn cli_command(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    match lang {
        Lang::Vi => vi_help::localize(cmd),
        Lang::En => cmd,
    }
}

/// Parses the arguments. Help and version are printed as clap prints them (exit 0); a
/// usage error is printed in `lang` with the usage line (exit 2).
fn parse(args: Vec<std::ffi::OsString>, lang: Lang) -> Result<Cli, ExitCode> {
    let mut cmd = cli_command(lang);
    let parsed = cmd
        .try_get_matches_from_mut(args)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => Ok(cli),
        Err(e) => {
            if lang == Lang::Vi
                && let Some(message) = vi_help::usage_error(&e, &cmd)
            {
                eprint!("{message}");
                return Err(ExitCode::from(2));
            }
            e.exit()
        }
    }
}

/// `error: …` / `lỗi: …` on stderr, in the reader's language.
fn print_error(lang: Lang, e: &dyn Bilingual) {
    eprintln!("{}: {}", lang.s(Msg::Error), e.message(lang));
}

fn formats(format: Format) -> Formats {
    match format {
        Format::Pdf => Formats {
            pdf: true,
            docx: false,
        },
        Format::Docx => Formats {
            pdf: false,
            docx: true,
        },
        Format::Both => Formats::default(),
    }
}

/// Prints what the workbook reader repaired; these never change the exit code.
fn print_notices(notices: &[Notice], lang: Lang) {
    for n in notices {
        eprintln!("{}: {}", lang.s(Msg::Note), n.message(lang));
    }
}

fn eval(expression: &str, opts: &vanban::eval::EvalOptions<'_>, lang: Lang) -> i32 {
    match vanban::eval::eval(expression, opts) {
        Ok(made) => {
            print_notices(&made.notices, lang);
            println!("{}", made.text);
            exit::OK
        }
        Err(e) => {
            print_error(lang, &e);
            e.exit_code()
        }
    }
}

fn render(
    template: &Path,
    data: &Path,
    out: &Path,
    format: Format,
    legacy: Option<LegacyMode>,
    lang: Lang,
) -> i32 {
    match vanban::render::render_with(template, data, out, formats(format), legacy) {
        Ok(made) => {
            print_notices(&made.notices, lang);
            for f in &made.files {
                println!("{}", f.display());
            }
            exit::OK
        }
        Err(e) => {
            print_error(lang, &e);
            e.exit_code()
        }
    }
}

fn batch(file: &Path, opts: &vanban::batch::Options) -> i32 {
    use vanban::i18n::Bilingual;
    let lang = opts.lang;
    let mut console = vanban::batch::console::Console::new(lang);
    match vanban::batch::run(file, opts, &mut console) {
        Ok(summary) => {
            print!("{}", summary.report(lang));
            summary.exit_code()
        }
        Err(e) => {
            eprintln!("{}: {}", lang.s(Msg::Error), e.message(lang));
            e.exit_code()
        }
    }
}

fn bench(opts: &vanban::batch::bench::BenchOptions) -> i32 {
    use vanban::i18n::Bilingual;
    match vanban::batch::bench::run(opts, &mut std::io::stdout()) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("{}: {}", opts.lang.s(Msg::Error), e.message(opts.lang));
            e.exit_code()
        }
    }
}

fn fields(workbook: &Path, legacy: Option<LegacyMode>, lang: Lang) -> i32 {
    let opts = vanban::workbook::ReadOptions {
        legacy: legacy.unwrap_or_default(),
        ..Default::default()
    };
    let data = match vanban::workbook::Dataset::open(workbook, &opts) {
        Ok(d) => d,
        Err(e) => {
            print_error(lang, &e);
            return exit::DATA;
        }
    };
    print_notices(&data.notices, lang);
    print!("{}", describe_fields(&data, lang));
    exit::OK
}

/// The `fields` listing: per sheet, how a template reaches it, then one line per key with
/// its type, a sample value and the cell that holds the sample.
fn describe_fields(data: &vanban::workbook::Dataset, lang: Lang) -> String {
    use std::fmt::Write;
    use vanban::workbook::SheetData;
    let fields = data.fields();
    let mut out = String::new();
    let width = fields
        .iter()
        .map(|f| f.key.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let type_width = fields
        .iter()
        .map(|f| type_name(f.type_name, lang).chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    let line = |out: &mut String, f: &vanban::workbook::FieldInfo| {
        let cell = f.cell.map(|c| c.to_string()).unwrap_or_default();
        let sample: String = f.sample.chars().take(40).collect();
        let _ = writeln!(
            out,
            "  {:<width$}  {:<type_width$}  {:<5}  {:<40}  ← \"{}\"",
            f.key,
            type_name(f.type_name, lang),
            cell,
            sample,
            f.header
        );
    };
    let key = match lang {
        Lang::Vi => "TRƯỜNG",
        Lang::En => "KEY",
    };
    for sheet in &data.sheets {
        let (kind, how) = match &sheet.data {
            SheetData::Table(t) => {
                let (header, rows) = (t.header_row, t.rows.len());
                (
                    match lang {
                        Lang::Vi => format!("bảng, dòng tiêu đề {header}, {rows} dòng"),
                        Lang::En => format!("table, header row {header}, {rows} rows"),
                    },
                    format!("{{{{#each {}}}}}{{{{{key}}}}}{{{{/each}}}}", sheet.key),
                )
            }
            SheetData::KeyValue(_) => (
                lang.s(Msg::KindKeyValue).to_string(),
                format!("{{{{{}.{key}}}}}", sheet.key),
            ),
        };
        let name = &sheet.name;
        let _ = match lang {
            Lang::Vi => writeln!(out, "Sheet \"{name}\" ({kind}) — trong mẫu: {how}"),
            Lang::En => writeln!(out, "Sheet \"{name}\" ({kind}) — in a template: {how}"),
        };
        for f in fields
            .iter()
            .filter(|f| f.sheet.as_deref() == Some(sheet.name.as_str()))
        {
            line(&mut out, f);
        }
        out.push('\n');
    }
    let names: Vec<_> = fields.iter().filter(|f| f.sheet.is_none()).collect();
    if !names.is_empty() {
        let _ = match lang {
            Lang::Vi => writeln!(
                out,
                "Tên đã đặt trong bảng tính (defined names) — trong mẫu: {{{{names.{key}}}}}"
            ),
            Lang::En => writeln!(out, "Defined names — in a template: {{{{names.{key}}}}}"),
        };
        for f in names {
            line(&mut out, f);
        }
    }
    out
}

/// The type of a field as `vanban fields` shows it (the library names it in English).
fn type_name(name: &'static str, lang: Lang) -> &'static str {
    if lang == Lang::En {
        return name;
    }
    match name {
        "empty" => "trống",
        "bool" => "đúng/sai",
        "integer" => "số nguyên",
        "number" => "số",
        "text" => "chữ",
        "date" => "ngày tháng",
        "datetime" => "ngày giờ",
        "time" => "giờ",
        "error" => "lỗi",
        "mixed" => "hỗn hợp",
        other => other,
    }
}

fn check(
    template: &Path,
    data: Option<&Path>,
    rows: Option<&str>,
    format: CheckFormat,
    lang: Lang,
) -> i32 {
    let report = vanban::check::check_with(template, data, rows, lang);
    match format {
        CheckFormat::Text => print!("{}", report.to_text(lang)),
        CheckFormat::Json => println!("{}", report.to_json()),
    }
    report.exit_code()
}

fn preview(
    template: &Path,
    data: &Path,
    out: &Path,
    page: Option<usize>,
    dpi: f32,
    lang: Lang,
) -> i32 {
    let opts = vanban::preview::PreviewOptions { page, dpi };
    match vanban::preview::preview(template, data, out, opts) {
        Ok(images) => {
            for i in images {
                let file = i.path.display();
                println!(
                    "{}",
                    lang.t(
                        Msg::PreviewWrote,
                        &[("file", &file), ("width", &i.width), ("height", &i.height)]
                    )
                );
            }
            exit::OK
        }
        Err(e) => {
            print_error(lang, &e);
            e.exit_code()
        }
    }
}

fn new(family: &str, dir: &Path, lang: Lang) -> i32 {
    match vanban::catalog::new_template(family, dir) {
        Ok(made) => {
            let sample = made
                .sample
                .clone()
                .unwrap_or_else(|| PathBuf::from("<workbook>"));
            println!(
                "{}",
                lang.t(
                    Msg::NewMade,
                    &[
                        ("dir", &dir.display()),
                        ("family", &family),
                        ("sample", &sample.display())
                    ]
                )
            );
            exit::OK
        }
        Err(e) => {
            print_error(lang, &e);
            match e {
                vanban::catalog::NewError::Write { .. } => exit::OUTPUT,
                _ => 2,
            }
        }
    }
}

fn templates(dir: Option<&Path>, lang: Lang) -> i32 {
    use vanban::catalog::Origin;
    let dir = dir.unwrap_or(Path::new("."));
    let listings = vanban::catalog::list(dir);
    let builtin: Vec<_> = listings
        .iter()
        .filter(|l| l.origin == Origin::BuiltIn)
        .collect();
    let local: Vec<_> = listings
        .iter()
        .filter(|l| l.origin != Origin::BuiltIn)
        .collect();
    println!("{}:", lang.s(Msg::TemplatesBuiltIn));
    print_listings(&builtin, lang);
    println!();
    println!(
        "{}:",
        lang.t(Msg::TemplatesLocal, &[("dir", &dir.display())])
    );
    print_listings(&local, lang);
    exit::OK
}

fn print_listings(listings: &[&vanban::catalog::Listing], lang: Lang) {
    if listings.is_empty() {
        println!("  {}", lang.s(Msg::TemplatesNone));
    }
    for l in listings {
        let place = match &l.origin {
            vanban::catalog::Origin::Local(p) => format!(" ({})", p.display()),
            vanban::catalog::Origin::BuiltIn => String::new(),
        };
        println!("  {}{place}", l.name);
        match &l.manifest {
            Ok(m) => {
                println!("    {}", m.template.title);
                if !m.template.description.is_empty() {
                    println!("    {}", m.template.description);
                }
                for (alias, source) in &m.data {
                    let kind = match source.kind.as_deref() {
                        Some("key-value") => lang.s(Msg::KindKeyValue),
                        _ => lang.s(Msg::KindTable),
                    };
                    let sheet = lang.t(
                        Msg::TemplatesSheet,
                        &[("sheet", &source.sheet), ("kind", &kind)],
                    );
                    println!("    {} {alias}: {sheet}", lang.s(Msg::TemplatesNeeds));
                    if !source.columns.is_empty() {
                        println!(
                            "      {}",
                            lang.t(
                                Msg::TemplatesColumns,
                                &[("columns", &source.columns.join(", "))]
                            )
                        );
                    }
                }
                if l.has_sample {
                    println!(
                        "    {}: {}",
                        lang.s(Msg::TemplatesSample),
                        catalog_sample_hint(l)
                    );
                }
            }
            Err(e) => println!(
                "    {}: {}",
                lang.s(Msg::Error),
                lang.t(Msg::ManifestInvalid, &[("reason", &e.get(lang))])
            ),
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn watch(
    template: &Path,
    data: &Path,
    out: &Path,
    format: Format,
    max_renders: Option<usize>,
    exit_after_ms: Option<u64>,
    lang: Lang,
) -> i32 {
    use std::io::Write;
    use vanban::watch::{Event, WatchOptions};
    let mut opts = WatchOptions::new(out.to_path_buf());
    opts.formats = formats(format);
    opts.lang = lang;
    opts.max_renders = max_renders;
    opts.exit_after = exit_after_ms.map(std::time::Duration::from_millis);
    println!(
        "{}",
        lang.t(
            Msg::WatchStart,
            &[
                ("template", &template.display()),
                ("data", &data.display()),
                ("out", &out.display())
            ]
        )
    );
    let start = std::time::Instant::now();
    let stamp = || format!("{:.1}s", start.elapsed().as_secs_f64());
    let mut failed_last = false;
    vanban::watch::watch(template, data, &opts, |event| {
        match event {
            Event::Changed(files) => {
                let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                println!(
                    "{}",
                    lang.t(
                        Msg::WatchChanged,
                        &[("time", &stamp()), ("files", &files.join(", "))]
                    )
                );
            }
            Event::Rendered { files, elapsed } => {
                failed_last = false;
                let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
                println!(
                    "{}",
                    lang.t(
                        Msg::WatchRendered,
                        &[
                            ("time", &stamp()),
                            ("ms", &elapsed.as_millis()),
                            ("files", &files.join(", "))
                        ]
                    )
                );
            }
            Event::Failed {
                report,
                error,
                elapsed,
            } => {
                failed_last = true;
                if report.is_clean() {
                    println!("{}: {}\n", lang.s(Msg::Error), error.get(lang));
                } else {
                    print!("{}", report.to_text(lang));
                }
                println!(
                    "{}",
                    lang.t(
                        Msg::WatchFailed,
                        &[("time", &stamp()), ("ms", &elapsed.as_millis())]
                    )
                );
            }
        }
        let _ = std::io::stdout().flush();
    });
    if failed_last {
        exit::TEMPLATE
    } else {
        exit::OK
    }
}

/// Where the sample workbook of a listed template is.
fn catalog_sample_hint(l: &vanban::catalog::Listing) -> String {
    match &l.origin {
        vanban::catalog::Origin::BuiltIn => {
            format!(
                "vanban new {} <dir> → <dir>/{}",
                l.name,
                vanban::catalog::SAMPLE_FILE
            )
        }
        vanban::catalog::Origin::Local(p) => {
            p.join(vanban::catalog::SAMPLE_FILE).display().to_string()
        }
    }
}

/// The command line in Vietnamese: help texts of every command and argument, the help
/// headings, and clap's common usage errors.
///
/// clap prints help and usage errors in English; its texts cannot be swapped by a locale,
/// so the built command is rewritten from the table [`vi_help::TEXTS`] before parsing. A
/// test walks the command so that no command or argument is left in English.
mod vi_help {
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
            let mut cmd = super::super::Cli::command();
            cmd.build();
            let mut missing = Vec::new();
            untranslated(&cmd, "vanban", &mut missing);
            assert!(missing.is_empty(), "no Vietnamese text for: {missing:?}");
            // And the built Vietnamese command shows them.
            let vi = localize(super::super::Cli::command());
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
            let mut cmd = super::super::Cli::command();
            cmd.build();
            for (c, a, _) in TEXTS {
                if *c == "*" {
                    continue;
                }
                let command = if *c == "vanban" {
                    Some(&cmd)
                } else {
                    cmd.get_subcommands().find(|s| s.get_name() == *c)
                };
                let command = command.unwrap_or_else(|| panic!("no command {c}"));
                assert!(
                    a.is_empty() || command.get_arguments().any(|x| x.get_id() == *a),
                    "no argument {a} in {c}"
                );
            }
        }

        fn error_of(args: &[&str]) -> String {
            let mut cmd = localize(super::super::Cli::command());
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
            let mut vi = localize(super::super::Cli::command());
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
}
