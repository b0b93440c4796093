//! `vanban eval`: what a Handlebars expression gives, with every helper.

use vanban::eval::EvalOptions;
use vanban::i18n::Lang;

use super::args::EvalArgs;
use super::exit::{Done, Failure};
use super::print;

pub fn run(args: EvalArgs, lang: Lang) -> Result<Done, Failure> {
    let opts = EvalOptions {
        data: args.data.as_deref(),
        template: args.template.as_deref(),
        legacy: args.legacy.map(Into::into),
    };
    let made = vanban::eval::eval(&args.expression, &opts)?;
    print::notices(&made.notices, lang);
    println!("{}", made.text);
    Ok(Done::Made)
}
