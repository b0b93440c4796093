//! `vanban render`: one template over one workbook into PDF and/or DOCX.

use vanban::i18n::Lang;

use super::args::RenderArgs;
use super::exit::{Done, Failure};
use super::print;

pub fn run(args: RenderArgs, lang: Lang) -> Result<Done, Failure> {
    let options = vanban::render::RenderOptions {
        formats: args.format.into(),
        legacy: args.legacy.map(Into::into),
        pdf_standard: args.pdf_standard.map(Into::into),
        docx_changes: args.docx_changes.map(Into::into),
        register: args.register.clone(),
    };
    let made = vanban::render::render(&args.template, &args.data, &args.out, &options)?;
    print::notices(&made.notices, lang);
    if let Some(n) = &made.numbered {
        print::note(lang, &super::register::numbered_text(n));
    }
    for f in &made.files {
        println!("{}", f.display());
    }
    Ok(Done::Made)
}
