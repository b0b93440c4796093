//! The command line as clap sees it: every command, argument and default, and nothing
//! about what the commands do (that is in the sibling module named after each command).
//! The doc comments are the English help texts; [`super::vi_help`] holds the Vietnamese
//! ones.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use vanban::i18n::Lang;
use vanban::render::Formats;
use vanban::workbook::LegacyMode;

use super::exit::Failure;
use super::vi_help;

#[derive(Parser)]
#[command(
    name = "vanban",
    version,
    about = "Excel workbooks to Vietnamese official documents (PDF and DOCX), in the form Decree 30/2020/NĐ-CP requires"
)]
pub struct Cli {
    /// Language of messages (default: from LC_ALL / LC_MESSAGES / LANG; "vi…" gives Vietnamese).
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum LangArg {
    Vi,
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Vi => Lang::Vi,
            LangArg::En => Lang::En,
        }
    }
}

#[derive(Subcommand)]
pub enum Command {
    /// Render a template over a workbook into PDF and DOCX.
    Render(RenderArgs),
    /// List the keys a workbook gives templates, with types and a sample value.
    Fields(FieldsArgs),
    /// Make many documents from a batch file (TOML; see samples/cuoi-thang.toml).
    Batch(BatchArgs),
    /// Benchmark batch runs on synthetic rows made from the sample workbook.
    Bench(BenchArgs),
    /// Print what a Handlebars expression gives, with every helper, e.g. '{{words 1005}}'.
    Eval(EvalArgs),
    /// Report every problem of a template (and of a workbook for it) at once.
    Check(CheckArgs),
    /// PNG images of the document's pages, for a quick look.
    Preview(PreviewArgs),
    /// Make a new template folder from a built-in one (see `vanban templates`).
    New(NewArgs),
    /// Make a template folder from a Word document (.docx) written in the Decree 30 form.
    Import(ImportArgs),
    /// List the built-in templates and those in a folder, with the data each needs.
    Templates(TemplatesArgs),
    /// Re-render whenever the template or the workbook changes.
    Watch(WatchArgs),
    /// The document service: a web page for staff and an HTTP API (see README "The service").
    Serve(ServeArgs),
    /// Benchmark the service: POST /api/render from concurrent clients (latency, renders/s).
    BenchServe(BenchServeArgs),
    /// The outgoing-document register (sổ đăng ký văn bản đi): issue, list, cancel, print.
    Register {
        #[command(subcommand)]
        command: RegisterCommand,
    },
}

// The argument structs carry no doc comment of their own: the command's help text is the
// doc comment of its variant above.

#[derive(Args)]
pub struct RenderArgs {
    /// The template folder (e.g. templates/bao-cao-thang).
    pub template: PathBuf,
    /// The workbook (.xlsx, .xls, .xlsb or .ods).
    #[arg(long, short = 'd')]
    pub data: PathBuf,
    /// Output folder (created if missing).
    #[arg(long, short = 'o', default_value = "out")]
    pub out: PathBuf,
    /// Which files to make.
    #[arg(long, value_enum, default_value = "both")]
    pub format: Format,
    /// Repair of text typed in the old TCVN3/VNI fonts (overrides template.toml).
    #[arg(long, value_enum)]
    pub legacy: Option<Legacy>,
    /// A PDF standard for the archive (overrides pdf_standard in template.toml).
    #[arg(long, value_enum)]
    pub pdf_standard: Option<PdfStandard>,
    /// How the DOCX shows a draft's changes (overrides docx_changes in template.toml).
    #[arg(long, value_enum)]
    pub docx_changes: Option<DocxChanges>,
    /// Number the document from this register (a final document with an empty number
    /// takes the next one; see `vanban register`).
    #[arg(long)]
    pub register: Option<PathBuf>,
}

#[derive(Args)]
pub struct FieldsArgs {
    /// The workbook (.xlsx, .xls, .xlsb or .ods).
    pub workbook: PathBuf,
    /// Repair of text typed in the old TCVN3/VNI fonts (default: auto).
    #[arg(long, value_enum)]
    pub legacy: Option<Legacy>,
}

#[derive(Args)]
pub struct BatchArgs {
    /// The batch file.
    pub file: PathBuf,
    /// Worker threads (0 = one per core, plus one).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// Only this job (repeatable), or `failed`: the documents that failed last time.
    #[arg(long)]
    pub only: Vec<String>,
    /// Remake everything, and overwrite files edited since vanban wrote them.
    #[arg(long)]
    pub force: bool,
    /// Show what would be made; write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Make only part K of N (1-based), e.g. 2/4, for runs spread over machines.
    #[arg(long)]
    pub shard: Option<String>,
    /// Number the documents from this register (overrides `register` in the batch file).
    #[arg(long)]
    pub register: Option<PathBuf>,
}

/// `vanban register …`.
#[derive(Subcommand)]
pub enum RegisterCommand {
    /// Make a new register file for one issuing agency.
    Init {
        /// The register file to make (SQLite; must not exist).
        file: PathBuf,
        /// The issuing agency's abbreviation, as in the ký hiệu (e.g. CNĐP).
        #[arg(long)]
        agency: String,
        /// The agency's name for the book's cover (e.g. "CỤC CÔNG NGHIỆP ĐỊA PHƯƠNG").
        #[arg(long)]
        name: Option<String>,
        /// The parent agency for the book's cover (e.g. "BỘ CÔNG THƯƠNG").
        #[arg(long)]
        parent: Option<String>,
        /// Separate series: "by-type" (every tên loại its own), or tên loại that have their
        /// own (repeatable, e.g. --series "Quyết định"); default: one shared series.
        #[arg(long)]
        series: Vec<String>,
    },
    /// Show a register's settings and, per year and series, the numbers issued.
    Show {
        /// The register file.
        file: PathBuf,
    },
    /// Take the next number for a document and record it; prints e.g. 45/BC-CNĐP.
    Take {
        /// The register file.
        file: PathBuf,
        /// Tên loại (e.g. "Báo cáo"); empty for a công văn.
        #[arg(long = "type", default_value = "")]
        doc_type: String,
        /// Ký hiệu (e.g. BC-CNĐP, or 2025/TT-BCT for a circular).
        #[arg(long)]
        symbol: String,
        /// The document's date (2025-11-05 or 05/11/2025): its year is the numbering year.
        #[arg(long)]
        date: String,
        /// Trích yếu.
        #[arg(long)]
        summary: String,
        /// Người ký.
        #[arg(long)]
        signer: String,
        /// Nơi nhận (repeatable).
        #[arg(long)]
        recipients: Vec<String>,
        /// Đơn vị, người nhận bản lưu: the "Lưu:" line (e.g. "VT, CNĐP").
        #[arg(long, default_value = "")]
        archive: String,
        /// Số lượng bản.
        #[arg(long)]
        copies: Option<u32>,
    },
    /// List the register's entries.
    List {
        /// The register file.
        file: PathBuf,
        /// Only this year.
        #[arg(long)]
        year: Option<i32>,
        /// table (for people), csv (for spreadsheets) or json (for tools).
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// Cancel an issued number (it is never reused); the reason goes into Ghi chú.
    Cancel {
        /// The register file.
        file: PathBuf,
        /// The year of the number.
        #[arg(long)]
        year: i32,
        /// The number.
        #[arg(long)]
        number: i64,
        /// The ký hiệu, when separate series give the number to two documents.
        #[arg(long)]
        symbol: Option<String>,
        /// Why the number is cancelled.
        #[arg(long)]
        reason: String,
    },
    /// Copy the register to another file while it is in use (SQLite online backup).
    Backup {
        /// The register file.
        file: PathBuf,
        /// The copy to write.
        out: PathBuf,
    },
    /// Print a year's register book (Phụ lục IV) as PDF, DOCX and XLSX.
    Print {
        /// The register file.
        file: PathBuf,
        /// The year.
        #[arg(long)]
        year: i32,
        /// Output folder (created if missing).
        #[arg(long, short = 'o', default_value = "out")]
        out: PathBuf,
        /// Quyển số: the volume number printed on the cover.
        #[arg(long, default_value_t = 1)]
        volume: u32,
        /// A template folder to print with instead of the built-in one (make one with
        /// `vanban new so-dang-ky-van-ban-di DIR`).
        #[arg(long)]
        template: Option<PathBuf>,
    },
}

/// `register list --format`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Table,
    Csv,
    Json,
}

#[derive(Args)]
pub struct BenchArgs {
    /// Numbers of documents to make, comma-separated.
    #[arg(long, value_delimiter = ',', default_value = "1000,10000")]
    pub docs: Vec<usize>,
    /// Worker threads (0 = one per core, plus one).
    #[arg(long, short = 'j', default_value_t = 0)]
    pub jobs: usize,
    /// The sample workbook the synthetic rows are made from.
    #[arg(long, default_value = "samples/bao-cao-thang.xlsx")]
    pub sample: PathBuf,
    /// The per-row template.
    #[arg(long, default_value = "templates/bao-cao-tinh")]
    pub template: PathBuf,
    /// Only the PDF + DOCX runs (skip the PDF-only and DOCX-only runs).
    #[arg(long)]
    pub both_only: bool,
}

#[derive(Args)]
pub struct EvalArgs {
    /// The expression (a one-off template; strict, nothing escaped).
    pub expression: String,
    /// A workbook: its sheets by key, `names`, and the first key–value sheet as `meta`.
    #[arg(long, short = 'd')]
    pub data: Option<PathBuf>,
    /// A template folder: the expression sees exactly that template's data.
    #[arg(long, short = 't', requires = "data")]
    pub template: Option<PathBuf>,
    /// Repair of text typed in the old TCVN3/VNI fonts.
    #[arg(long, value_enum)]
    pub legacy: Option<Legacy>,
}

#[derive(Args)]
pub struct CheckArgs {
    /// The template folder.
    pub template: PathBuf,
    /// A workbook to check the fields and data types against.
    #[arg(long, short = 'd')]
    pub data: Option<PathBuf>,
    /// For a template made once per row (vanban batch): the sheet whose rows are `row`.
    #[arg(long)]
    pub rows: Option<String>,
    /// text (for people) or json (for tools).
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
}

#[derive(Args)]
pub struct PreviewArgs {
    pub template: PathBuf,
    #[arg(long, short = 'd')]
    pub data: PathBuf,
    /// Only this page (1-based).
    #[arg(long)]
    pub page: Option<usize>,
    #[arg(long, short = 'o', default_value = "out")]
    pub out: PathBuf,
    /// Resolution in dots per inch.
    #[arg(long, default_value_t = 96.0)]
    pub dpi: f32,
}

#[derive(Args)]
pub struct NewArgs {
    /// A built-in template (e.g. bao-cao-thang) or a template folder to copy.
    pub family: String,
    /// The new folder (must not exist or be empty).
    pub dir: PathBuf,
}

#[derive(Args)]
pub struct ImportArgs {
    /// The Word document (.docx; an old .doc must be converted first).
    pub docx: PathBuf,
    /// The template folder to make (must not exist or be empty, unless --force).
    #[arg(long, short = 'o')]
    pub out: PathBuf,
    /// A built-in template whose form rules and size set to use (e.g. du-thao-thong-tu).
    #[arg(long)]
    pub family: Option<String>,
    /// Replace the folder's contents if it is not empty.
    #[arg(long)]
    pub force: bool,
}

#[derive(Args)]
pub struct TemplatesArgs {
    /// Where to look for local templates (default: the current folder).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

#[derive(Args)]
pub struct WatchArgs {
    pub template: PathBuf,
    #[arg(long, short = 'd')]
    pub data: PathBuf,
    #[arg(long, short = 'o', default_value = "out")]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value = "both")]
    pub format: Format,
    /// Stop after this many renders (for tests and scripts).
    #[arg(long, hide = true)]
    pub max_renders: Option<usize>,
    /// Stop after this many milliseconds (for tests and scripts).
    #[arg(long, hide = true)]
    pub exit_after_ms: Option<u64>,
}

#[derive(Args)]
pub struct ServeArgs {
    /// Address to listen on; one that is not loopback needs --token-file.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: std::net::SocketAddr,
    /// A folder of local templates (repeatable); built-in templates are always offered.
    #[arg(long)]
    pub templates: Vec<PathBuf>,
    /// Where uploads, jobs and their results are kept; nothing else is written.
    #[arg(long, default_value = "vanban-data")]
    pub data_dir: PathBuf,
    /// Render threads (0 = one per core).
    #[arg(long, default_value_t = 0)]
    pub workers: usize,
    /// A file whose first line is the bearer token every /api route and the page need.
    #[arg(long)]
    pub token_file: Option<PathBuf>,
    /// The outgoing-document register (made by `vanban register init`) that
    /// POST /api/register/take numbers from and GET /api/register lists.
    #[arg(long)]
    pub register: Option<PathBuf>,
    /// Largest upload, in MB.
    #[arg(long, default_value_t = 20)]
    pub max_upload: usize,
    /// Requests that may wait for a worker before 429 (for tests).
    #[arg(long, hide = true, default_value_t = vanban::serve::DEFAULT_QUEUE)]
    pub queue: usize,
    /// Longest render in seconds before 503 (for tests).
    #[arg(long, hide = true, default_value_t = 60)]
    pub timeout_secs: u64,
}

#[derive(Args)]
pub struct BenchServeArgs {
    /// Concurrent clients.
    #[arg(long, default_value_t = 4)]
    pub clients: usize,
    /// Measured requests.
    #[arg(long, default_value_t = 200)]
    pub requests: usize,
    /// The template (a catalog name).
    #[arg(long, default_value = "bao-cao-thang")]
    pub template: String,
    /// The workbook to upload.
    #[arg(long, default_value = "samples/bao-cao-thang.xlsx")]
    pub sample: PathBuf,
    /// pdf, docx or zip (both).
    #[arg(long, default_value = "zip")]
    pub format: String,
    /// Render threads of the service (0 = one per core).
    #[arg(long, default_value_t = 0)]
    pub workers: usize,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    Pdf,
    Docx,
    Both,
}

impl From<Format> for Formats {
    fn from(format: Format) -> Formats {
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
}

/// `--pdf-standard`: the PDF standard the PDF conforms to.
#[derive(Clone, Copy, ValueEnum)]
pub enum PdfStandard {
    /// PDF/A-2b, for documents sent to the archive (needs the document's date).
    #[value(name = "a-2b")]
    A2b,
    /// An ordinary PDF.
    None,
}

impl From<PdfStandard> for vanban::pdf::Standard {
    fn from(s: PdfStandard) -> vanban::pdf::Standard {
        match s {
            PdfStandard::A2b => vanban::pdf::Standard::A2b,
            PdfStandard::None => vanban::pdf::Standard::Plain,
        }
    }
}

/// `--docx-changes`: how the DOCX shows a draft's added and removed words.
#[derive(Clone, Copy, ValueEnum)]
pub enum DocxChanges {
    /// Black ink, as the PDF: added words underlined, removed words struck through (for
    /// the copy that is sent out).
    Marks,
    /// Word tracked changes, to accept or reject (for the drafting team).
    Revisions,
}

impl From<DocxChanges> for vanban::document::DocxChanges {
    fn from(c: DocxChanges) -> vanban::document::DocxChanges {
        match c {
            DocxChanges::Marks => vanban::document::DocxChanges::Marks,
            DocxChanges::Revisions => vanban::document::DocxChanges::Revisions,
        }
    }
}

/// `--legacy`: how text typed in the old TCVN3 (ABC) and VNI fonts is repaired.
#[derive(Clone, Copy, ValueEnum)]
pub enum Legacy {
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

/// The command line in `lang`: clap's definition, with Vietnamese help texts for `Vi`.
pub fn command(lang: Lang) -> clap::Command {
    let cmd = Cli::command();
    match lang {
        Lang::Vi => vi_help::localize(cmd),
        Lang::En => cmd,
    }
}

/// Parses the arguments, with help and usage errors in the language `--lang` among them
/// asks for, else the locale's. Help and version are printed as clap prints them and end
/// the process (exit 0), as does a usage error in English (clap's own, exit 2); a usage
/// error in Vietnamese is printed here and returned as [`Failure::Usage`].
pub fn parse(args: Vec<OsString>) -> Result<Cli, Failure> {
    // The language of clap's help and usage errors is needed before parsing.
    let lang = lang_of_args(&args).unwrap_or_else(Lang::from_env);
    let mut cmd = command(lang);
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
                return Err(Failure::Usage(None));
            }
            e.exit()
        }
    }
}

/// `--lang vi`, `--lang=vi` (or `en`) among the arguments, read before clap parses them
/// so that its help and usage errors are in that language too.
fn lang_of_args(args: &[OsString]) -> Option<Lang> {
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

impl Cli {
    /// The language of messages: `--lang`, else the locale's.
    pub fn lang(&self) -> Lang {
        self.lang.map_or_else(Lang::from_env, Lang::from)
    }
}
