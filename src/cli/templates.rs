//! `vanban templates`: the built-in templates and those in a folder, with the data each
//! needs.

use std::path::Path;

use vanban::catalog::{Listing, Origin, SAMPLE_FILE};
use vanban::i18n::{Lang, Lead};
use vanban::tr;
use vanban::workbook::SheetKind;

use super::args::TemplatesArgs;
use super::exit::{Done, Failure};

pub fn run(args: TemplatesArgs, lang: Lang) -> Result<Done, Failure> {
    let dir = args.dir.as_deref().unwrap_or(Path::new("."));
    let listings = vanban::catalog::list(dir);
    let builtin: Vec<_> = listings
        .iter()
        .filter(|l| l.origin == Origin::BuiltIn)
        .collect();
    let local: Vec<_> = listings
        .iter()
        .filter(|l| l.origin != Origin::BuiltIn)
        .collect();
    println!("{}:", tr!("Mẫu có sẵn", "Built-in templates").get(lang));
    print_listings(&builtin, lang);
    println!();
    let shown = dir.display();
    println!(
        "{}:",
        tr!("Mẫu trong {shown}", "Templates in {shown}").get(lang)
    );
    print_listings(&local, lang);
    Ok(Done::Made)
}

fn print_listings(listings: &[&Listing], lang: Lang) {
    if listings.is_empty() {
        println!("  {}", tr!("(không có)", "(none)").get(lang));
    }
    for l in listings {
        let place = match &l.origin {
            Origin::Local(p) => format!(" ({})", p.display()),
            Origin::BuiltIn => String::new(),
        };
        println!("  {}{place}", l.name);
        match &l.manifest {
            Ok(m) => {
                println!("    {}", m.template.title);
                let description = m.template.description_in(lang);
                if !description.is_empty() {
                    println!("    {description}");
                }
                for (alias, source) in &m.data {
                    let kind = vanban::template::kind_text(source.kind.unwrap_or(SheetKind::Table));
                    let sheet = &source.sheet;
                    let needs = tr!(
                        "cần {alias}: sheet \"{sheet}\" ({kind})",
                        "needs {alias}: sheet \"{sheet}\" ({kind})";
                        kind = kind
                    );
                    println!("    {}", needs.get(lang));
                    if !source.columns.is_empty() {
                        let columns = source.columns.join(", ");
                        let columns = tr!("các cột: {columns}", "columns: {columns}");
                        println!("      {}", columns.get(lang));
                    }
                }
                if l.has_sample {
                    let sample = tr!("dữ liệu mẫu", "sample data");
                    println!("    {}: {}", sample.get(lang), sample_hint(l));
                }
            }
            Err(e) => {
                let invalid = tr!(
                    "template.toml không hợp lệ: {e}",
                    "template.toml is not valid: {e}";
                    e = e
                );
                println!(
                    "    {}: {}",
                    Lead::Error.text().get(lang),
                    invalid.get(lang)
                );
            }
        }
    }
}

/// Where the sample workbook of a listed template is.
fn sample_hint(l: &Listing) -> String {
    match &l.origin {
        Origin::BuiltIn => format!("vanban new {} <dir> → <dir>/{SAMPLE_FILE}", l.name),
        Origin::Local(p) => p.join(SAMPLE_FILE).display().to_string(),
    }
}
