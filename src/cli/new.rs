//! `vanban new`: a new template folder from a built-in one (or a copy of a local one).

use std::path::PathBuf;

use vanban::i18n::{Lang, Msg};

use super::args::NewArgs;
use super::exit::{Done, Failure};

pub fn run(args: NewArgs, lang: Lang) -> Result<Done, Failure> {
    let made = vanban::catalog::new_template(&args.family, &args.dir)?;
    let sample = made.sample.unwrap_or_else(|| PathBuf::from("<workbook>"));
    println!(
        "{}",
        lang.t(
            Msg::NewMade,
            &[
                ("dir", &args.dir.display()),
                ("family", &args.family),
                ("sample", &sample.display())
            ]
        )
    );
    Ok(Done::Made)
}
