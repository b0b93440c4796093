//! `vanban serve`: the document service. What it says goes to stderr in the language of
//! --lang (or the locale); the address it listens on also goes to stdout, alone on its
//! line, for scripts and tests. The page and the API answer in the language each request
//! asks for, else in --lang's, else in Vietnamese.

use vanban::i18n::Lang;
use vanban::serve::{Event, Options};

use super::args::ServeArgs;
use super::exit::{Done, Failure};

pub fn run(args: ServeArgs, lang: Lang) -> Result<Done, Failure> {
    let mut opts = Options::new(args.addr, args.data_dir);
    opts.templates = args.templates;
    opts.workers = args.workers;
    opts.token_file = args.token_file;
    opts.register = args.register;
    // Without --lang, the service speaks Vietnamese to requests that do not ask.
    opts.lang = if has_lang_flag() { lang } else { Lang::Vi };
    opts.max_upload = args.max_upload.saturating_mul(1024 * 1024);
    opts.queue = args.queue;
    opts.timeout = std::time::Duration::from_secs(args.timeout_secs);
    vanban::serve::run(opts, move |event| {
        if let Event::Listening(addr) = &event {
            println!("http://{addr}/");
        }
        eprintln!("{}", event.text().get(lang));
    })?;
    Ok(Done::Made)
}

/// Whether --lang was given (the locale alone does not set the service's language).
fn has_lang_flag() -> bool {
    std::env::args_os().any(|a| {
        let a = a.to_string_lossy();
        a == "--lang" || a.starts_with("--lang=")
    })
}
