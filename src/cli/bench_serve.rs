//! `vanban bench-serve`: the service's latency and renders per second, measured from
//! outside over HTTP.

use vanban::i18n::Lang;
use vanban::serve::bench::BenchOptions;

use super::args::BenchServeArgs;
use super::exit::{Done, Failure};

pub fn run(args: BenchServeArgs, lang: Lang) -> Result<Done, Failure> {
    let opts = BenchOptions {
        clients: args.clients,
        requests: args.requests,
        template: args.template,
        sample: args.sample,
        format: args.format,
        workers: args.workers,
        lang,
    };
    vanban::serve::bench::run(&opts, &mut std::io::stdout())?;
    Ok(Done::Made)
}
