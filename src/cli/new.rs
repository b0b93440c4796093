//! `vanban new`: a new template folder from a built-in one (or a copy of a local one).

use std::path::PathBuf;

use vanban::i18n::Lang;
use vanban::tr;

use super::args::NewArgs;
use super::exit::{Done, Failure};

pub fn run(args: NewArgs, lang: Lang) -> Result<Done, Failure> {
    let made = vanban::catalog::new_template(&args.family, &args.dir)?;
    let sample = made.sample.unwrap_or_else(|| PathBuf::from("<workbook>"));
    let (dir, family, sample) = (args.dir.display(), &args.family, sample.display());
    let made = tr!(
        "đã tạo mẫu {dir} từ \"{family}\"; thử: vanban render {dir} --data {sample}",
        "made the template {dir} from \"{family}\"; try: vanban render {dir} --data {sample}"
    );
    println!("{}", made.get(lang));
    Ok(Done::Made)
}
