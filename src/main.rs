//! The `vanban` command line: parses arguments, runs the command, prints how it ended and
//! sets the exit code. The commands are in `src/cli/`; all the work is in the library
//! (`src/lib.rs`).

mod cli;

use std::process::ExitCode;

fn main() -> ExitCode {
    cli::print::install_panic_hook();
    let ended = cli::args::parse(std::env::args_os().collect()).and_then(|cli| {
        let lang = cli.lang();
        let ended = cli::run(cli.command, lang);
        if let Err(failure) = &ended {
            cli::print::failure(lang, failure);
        }
        ended
    });
    ExitCode::from(cli::exit::code(&ended))
}
