//! `vanban bench`: batch runs timed on synthetic rows made from the sample workbook.

use vanban::batch::bench::BenchOptions;
use vanban::i18n::Lang;

use super::args::BenchArgs;
use super::exit::{Done, Failure};

pub fn run(args: BenchArgs, lang: Lang) -> Result<Done, Failure> {
    let opts = BenchOptions {
        docs: args.docs,
        jobs: args.jobs,
        sample: args.sample,
        template: args.template,
        both_only: args.both_only,
        lang,
    };
    vanban::batch::bench::run(&opts, &mut std::io::stdout())?;
    Ok(Done::Made)
}
