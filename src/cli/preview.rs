//! `vanban preview`: PNG images of the document's pages.

use vanban::i18n::{Lang, Msg};
use vanban::preview::PreviewOptions;

use super::args::PreviewArgs;
use super::exit::{Done, Failure};

pub fn run(args: PreviewArgs, lang: Lang) -> Result<Done, Failure> {
    let opts = PreviewOptions {
        page: args.page,
        dpi: args.dpi,
    };
    let images = vanban::preview::preview(&args.template, &args.data, &args.out, opts)?;
    for i in images {
        let file = i.path.display();
        println!(
            "{}",
            lang.t(
                Msg::PreviewWrote,
                &[("file", &file), ("width", &i.width), ("height", &i.height)]
            )
        );
    }
    Ok(Done::Made)
}
