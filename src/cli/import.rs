//! `vanban import`: a template folder from a Word document.

use vanban::i18n::{Lang, Text};
use vanban::import::{Options, import};
use vanban::tr;

use super::args::ImportArgs;
use super::exit::{Done, Failure};
use super::print;

pub fn run(args: ImportArgs, lang: Lang) -> Result<Done, Failure> {
    let options = Options {
        family: args.family,
        force: args.force,
    };
    let made = import(&args.docx, &args.out, &options)?;
    for n in &made.notices {
        let place = n.place.text();
        let what = &n.what;
        print::note(
            lang,
            &tr!("{place}: {what}", "{place}: {what}"; place = place, what = what),
        );
    }
    let dir = made.dir.display().to_string();
    let count = made.fields.len();
    let sample = vanban::catalog::SAMPLE_FILE;
    let text: Text = tr!(
        "đã tạo mẫu {dir} ({count} trường trong {sample}); thử: vanban render {dir} --data {dir}/{sample}",
        "made the template {dir} ({count} fields in {sample}); try: vanban render {dir} --data {dir}/{sample}"
    );
    println!("{}", text.get(lang));
    Ok(Done::Made)
}
