//! `vanban preview`: PNG images of the document's pages.

use vanban::i18n::Lang;
use vanban::preview::PreviewOptions;
use vanban::tr;

use super::args::PreviewArgs;
use super::exit::{Done, Failure};

pub fn run(args: PreviewArgs, lang: Lang) -> Result<Done, Failure> {
    let opts = PreviewOptions {
        page: args.page,
        dpi: args.dpi,
    };
    let images = vanban::preview::preview(&args.template, &args.data, &args.out, opts)?;
    for i in images {
        let (file, width, height) = (i.path.display(), i.width, i.height);
        let wrote = tr!(
            "đã ghi {file} ({width}×{height} điểm ảnh)",
            "wrote {file} ({width}×{height} pixels)"
        );
        println!("{}", wrote.get(lang));
    }
    Ok(Done::Made)
}
