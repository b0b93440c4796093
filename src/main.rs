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
    /// Benchmark the service: POST /api/render from concurrent clients (latency, renders/s).
    BenchServe {
        /// Concurrent clients.
        #[arg(long, default_value_t = 4)]
        clients: usize,
        /// Measured requests.
        #[arg(long, default_value_t = 200)]
        requests: usize,
        /// The template (a catalog name).
        #[arg(long, default_value = "bao-cao-thang")]
        template: String,
        /// The workbook to upload.
        #[arg(long, default_value = "samples/bao-cao-thang.xlsx")]
        sample: PathBuf,
        /// pdf, docx or zip (both).
        #[arg(long, default_value = "zip")]
        format: String,
        /// Render threads of the service (0 = one per core).
        #[arg(long, default_value_t = 0)]
        workers: usize,
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
    /// The document service: a web page for staff and an HTTP API (see README "Service").
    Serve {
        /// Address to listen on; one that is not loopback needs --token-file.
        #[arg(long, default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// A folder of local templates (repeatable); built-in templates are always offered.
        #[arg(long)]
        templates: Vec<PathBuf>,
        /// Where uploads, jobs and their results are kept; nothing else is written.
        #[arg(long, default_value = "vanban-data")]
        data_dir: PathBuf,
        /// Render threads (0 = one per core).
        #[arg(long, default_value_t = 0)]
        workers: usize,
        /// A file whose first line is the bearer token every /api route and the page need.
        #[arg(long)]
        token_file: Option<PathBuf>,
        /// Largest upload, in MB.
        #[arg(long, default_value_t = 20)]
        max_upload: usize,
        /// Requests that may wait for a worker before 429 (for tests).
        #[arg(long, hide = true, default_value_t = vanban::serve::DEFAULT_QUEUE)]
        queue: usize,
        /// Longest render in seconds before 503 (for tests).
        #[arg(long, hide = true, default_value_t = 60)]
        timeout_secs: u64,
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
        Command::BenchServe {
            clients,
            requests,
            template,
            sample,
            format,
            workers,
        } => {
            let opts = vanban::serve::bench::BenchOptions {
                clients,
                requests,
                template,
                sample,
                format,
                workers,
                lang,
            };
            match vanban::serve::bench::run(&opts, &mut std::io::stdout()) {
                Ok(()) => exit::OK,
                Err(e) => {
                    print_error(lang, &e);
                    e.exit_code()
                }
            }
        }
        Command::Serve {
            addr,
            templates,
            data_dir,
            workers,
            token_file,
            max_upload,
            queue,
            timeout_secs,
        } => serve(vanban::serve::Options {
            addr,
            templates,
            data_dir,
            workers,
            token_file,
            lang: cli.lang.map_or(Lang::Vi, |l| match l {
                LangArg::Vi => Lang::Vi,
                LangArg::En => Lang::En,
            }),
            max_upload: max_upload.saturating_mul(1024 * 1024),
            queue,
            timeout: std::time::Duration::from_secs(timeout_secs),
        }),
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
                    vanban::batch::Options {
                        jobs,
                        only,
                        force,
                        dry_run,
                        shard,
                        lang,
                        stop: None,
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

/// Runs a batch. The first Ctrl-C asks the library to stop after the documents in
/// progress (it then writes the manifest, the results workbook and the summary, and the
/// exit code is 130); a second one quits at once — files are still whole, as every write
/// is atomic.
fn batch(file: &Path, mut opts: vanban::batch::Options) -> i32 {
    use std::sync::Arc;
    use std::sync::atomic::{AtomicBool, Ordering};
    let lang = opts.lang;
    if !opts.dry_run {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = Arc::clone(&stop);
        let stopping = vanban::tr!(
            "đang dừng: chờ các văn bản đang tạo xong… (nhấn Ctrl+C lần nữa để thoát ngay)",
            "stopping after the documents in progress… (Ctrl+C again to quit at once)"
        )
        .take(lang);
        // Without a handler (the system refused it) Ctrl-C simply ends the process, as
        // before: files stay whole and the next run resumes.
        let installed = ctrlc::set_handler(move || {
            if flag.swap(true, Ordering::SeqCst) {
                std::process::exit(exit::STOPPED);
            }
            eprintln!("{stopping}");
        });
        if installed.is_ok() {
            opts.stop = Some(stop);
        }
    }
    let mut console = vanban::batch::console::Console::new(lang);
    match vanban::batch::run(file, &opts, &mut console) {
        Ok(summary) => {
            print!("{}", summary.report(lang));
            summary.exit_code()
        }
        Err(e) => {
            print_error(lang, &e);
            e.exit_code()
        }
    }
}

/// Runs the service; what it says goes to stderr in the language of --lang (or the
/// locale), and the address it listens on also to stdout, for scripts and tests.
fn serve(opts: vanban::serve::Options) -> i32 {
    use vanban::serve::Event;
    let lang = opts.lang;
    let result = vanban::serve::run(opts, move |event| {
        if let Event::Listening(addr) = &event {
            println!("http://{addr}/");
        }
        eprintln!("{}", event.text().get(lang));
    });
    match result {
        Ok(()) => exit::OK,
        Err(e) => {
            print_error(lang, &e);
            e.exit_code()
        }
    }
}

fn bench(opts: &vanban::batch::bench::BenchOptions) -> i32 {
    match vanban::batch::bench::run(opts, &mut std::io::stdout()) {
        Ok(()) => exit::OK,
        Err(e) => {
            print_error(opts.lang, &e);
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

// The Vietnamese command line lives with the other CLI-only code in src/cli/ (the rest
// of src/ is the library).
#[path = "cli/vi_help.rs"]
mod vi_help;
