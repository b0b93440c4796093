//! The `vanban` command line: parses arguments, calls the library, prints, sets the exit
//! code. All the work is in the library (`src/lib.rs`).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use vanban::error::exit;
use vanban::render::Formats;
use vanban::workbook::{LegacyMode, Notice};

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
            legacy,
        } => render(&template, &data, &out, format, legacy.map(Into::into)),
        Command::Fields { workbook, legacy } => fields(&workbook, legacy.map(Into::into)),
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
        ),
    };
    ExitCode::from(u8::try_from(code).unwrap_or(1))
}

/// Prints what the workbook reader repaired; these never change the exit code.
fn print_notices(notices: &[Notice]) {
    for n in notices {
        eprintln!("note: {n}");
    }
}

fn eval(expression: &str, opts: &vanban::eval::EvalOptions<'_>) -> i32 {
    match vanban::eval::eval(expression, opts) {
        Ok(made) => {
            print_notices(&made.notices);
            println!("{}", made.text);
            exit::OK
        }
        Err(e) => {
            eprintln!("error: {e}");
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
) -> i32 {
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
    match vanban::render::render_with(template, data, out, formats, legacy) {
        Ok(made) => {
            print_notices(&made.notices);
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

fn fields(workbook: &Path, legacy: Option<LegacyMode>) -> i32 {
    let opts = vanban::workbook::ReadOptions {
        legacy: legacy.unwrap_or_default(),
        ..Default::default()
    };
    let data = match vanban::workbook::Dataset::open(workbook, &opts) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::DATA;
        }
    };
    print_notices(&data.notices);
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
