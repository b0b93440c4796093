//! The command line (binary only): [`args`] says what can be typed, one module per
//! command does it by calling the library and printing, [`exit`] turns how it ended into
//! the exit code, [`print`] prints errors and notices alike for all commands, and
//! [`vi_help`] puts clap's help and usage errors into Vietnamese. No rule of the program
//! lives here: the library (`src/lib.rs`) does the work.

pub mod args;
pub mod exit;
pub mod print;
mod vi_help;

mod batch;
mod bench;
mod bench_serve;
mod check;
mod eval;
mod fields;
mod import;
mod new;
mod preview;
mod register;
mod render;
mod serve;
mod templates;
mod watch;

use vanban::i18n::Lang;

use args::Command;
use exit::{Done, Failure};

/// Runs one command with messages in `lang`.
pub fn run(command: Command, lang: Lang) -> Result<Done, Failure> {
    match command {
        Command::Render(a) => render::run(a, lang),
        Command::Fields(a) => fields::run(a, lang),
        Command::Eval(a) => eval::run(a, lang),
        Command::Check(a) => check::run(a, lang),
        Command::Preview(a) => preview::run(a, lang),
        Command::New(a) => new::run(a, lang),
        Command::Import(a) => import::run(a, lang),
        Command::Templates(a) => templates::run(a, lang),
        Command::Watch(a) => watch::run(a, lang),
        Command::Batch(a) => batch::run(a, lang),
        Command::Bench(a) => bench::run(a, lang),
        Command::Register { command } => register::run(command, lang),
        Command::Serve(a) => serve::run(a, lang),
        Command::BenchServe(a) => bench_serve::run(a, lang),
    }
}
