//! The `vanban` command line: parses arguments, calls the library, prints, sets the exit
//! code. All the work is in the library (`src/lib.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use vanban::error::exit;
use vanban::i18n::{Lang, Msg};
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
        shard: Option<vanban::batch::Shard>,
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
    let cli = Cli::parse();
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
        } => batch(
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

/// `error: …` / `lỗi: …` on stderr.
fn print_error(lang: Lang, message: impl std::fmt::Display) {
    eprintln!("{}: {message}", lang.s(Msg::Error));
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
        eprintln!("{}: {n}", lang.s(Msg::Note));
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
    print!("{}", describe_fields(&data));
    exit::OK
}

/// The `fields` listing: per sheet, how a template reaches it, then one line per key with
/// its type, a sample value and the cell that holds the sample.
fn describe_fields(data: &vanban::workbook::Dataset) -> String {
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
    let line = |out: &mut String, f: &vanban::workbook::FieldInfo| {
        let cell = f.cell.map(|c| c.to_string()).unwrap_or_default();
        let sample: String = f.sample.chars().take(40).collect();
        let _ = writeln!(
            out,
            "  {:<width$}  {:<8}  {:<5}  {:<40}  ← \"{}\"",
            f.key, f.type_name, cell, sample, f.header
        );
    };
    for sheet in &data.sheets {
        let (kind, how) = match &sheet.data {
            SheetData::Table(t) => (
                format!("table, header row {}, {} rows", t.header_row, t.rows.len()),
                format!("{{{{#each {}}}}}{{{{KEY}}}}{{{{/each}}}}", sheet.key),
            ),
            SheetData::KeyValue(_) => (
                "key–value".to_string(),
                format!("{{{{{}.KEY}}}}", sheet.key),
            ),
        };
        let _ = writeln!(
            out,
            "Sheet \"{}\" ({kind}) — in a template: {how}",
            sheet.name
        );
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
        let _ = writeln!(out, "Defined names — in a template: {{{{names.KEY}}}}");
        for f in names {
            line(&mut out, f);
        }
    }
    out
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
        Err(vanban::preview::PreviewError::NoSuchPage { page, pages }) => {
            print_error(
                lang,
                lang.t(Msg::PageOutOfRange, &[("page", &page), ("pages", &pages)]),
            );
            2
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
            print_error(lang, e.message(lang));
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
                lang.t(Msg::ManifestInvalid, &[("reason", e)])
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
                    println!("{}: {error}\n", lang.s(Msg::Error));
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
