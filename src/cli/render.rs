//! `vanban render`: one template over one workbook into PDF and/or DOCX.

use vanban::i18n::Lang;

use super::args::RenderArgs;
use super::exit::{Done, Failure};
use super::print;

pub fn run(args: RenderArgs, lang: Lang) -> Result<Done, Failure> {
    let made = vanban::render::render_registered(
        &args.template,
        &args.data,
        &args.out,
        args.format.into(),
        args.legacy.map(Into::into),
        args.register.as_deref(),
    )?;
    print::notices(&made.notices, lang);
    if let Some(n) = &made.numbered {
        print::note(lang, &super::register::numbered_text(n));
    }
    for f in &made.files {
        println!("{}", f.display());
    }
    Ok(Done::Made)
}
