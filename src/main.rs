//! The `vanban` command line: parses arguments, calls the library, prints, sets the exit
//! code. All the work is in the library (`src/lib.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use vanban::error::exit;
use vanban::render::Formats;

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Excel workbooks to Vietnamese official documents (PDF and DOCX), in the form Decree 30/2020/NĐ-CP requires"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
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
    },
    /// List the keys a workbook gives templates, with types and a sample value.
    Fields {
        /// The workbook (.xlsx, .xls, .xlsb or .ods).
        workbook: PathBuf,
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
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Pdf,
    Docx,
    Both,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Render {
            template,
            data,
            out,
            format,
        } => render(&template, &data, &out, format),
        Command::Fields { workbook } => fields(&workbook),
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
        }),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

fn render(template: &Path, data: &Path, out: &Path, format: Format) -> i32 {
    let formats = match format {
        Format::Pdf => Formats {
            pdf: true,
            docx: false,
        },
        Format::Docx => Formats {
            pdf: false,
            docx: true,
        },
        Format::Both => Formats::default(),
    };
    match vanban::render::render(template, data, out, formats) {
        Ok(made) => {
            for f in &made.files {
                println!("{}", f.display());
            }
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}

fn batch(file: &Path, opts: &vanban::batch::Options) -> i32 {
    let mut console = vanban::batch::console::Console::new();
    match vanban::batch::run(file, opts, &mut console) {
        Ok(summary) => {
            print!("{summary}");
            summary.exit_code()
        }
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}

fn bench(opts: &vanban::batch::bench::BenchOptions) -> i32 {
    match vanban::batch::bench::run(opts, &mut std::io::stdout()) {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: {e}");
            e.exit_code()
        }
    }
}

fn fields(workbook: &Path) -> i32 {
    let data = match vanban::workbook::Dataset::open(workbook, &Default::default()) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::DATA;
        }
    };
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
