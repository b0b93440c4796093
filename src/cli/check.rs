//! `vanban check`: every problem of a template (and of a workbook for it), as text or
//! JSON.

use vanban::i18n::Lang;

use super::args::{CheckArgs, CheckFormat};
use super::exit::{Done, Failure};

pub fn run(args: CheckArgs, lang: Lang) -> Result<Done, Failure> {
    let report =
        vanban::check::check_with(&args.template, args.data.as_deref(), args.rows.as_deref());
    match args.format {
        CheckFormat::Text => print!("{}", report.to_text(lang)),
        CheckFormat::Json => println!("{}", report.to_json(lang)),
    }
    Ok(Done::Checked {
        clean: report.is_clean(),
        data_only: report.errors_are_the_workbooks(),
    })
}
