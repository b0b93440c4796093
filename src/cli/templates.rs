//! `vanban templates`: the built-in templates and those in a folder, with the data each
//! needs.

use std::path::Path;

use vanban::catalog::{Listing, Origin, SAMPLE_FILE};
use vanban::i18n::{Lang, Msg};
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
    println!("{}:", lang.s(Msg::TemplatesBuiltIn));
    print_listings(&builtin, lang);
    println!();
    println!(
        "{}:",
        lang.t(Msg::TemplatesLocal, &[("dir", &dir.display())])
    );
    print_listings(&local, lang);
    Ok(Done::Made)
}

fn print_listings(listings: &[&Listing], lang: Lang) {
    if listings.is_empty() {
        println!("  {}", lang.s(Msg::TemplatesNone));
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
                if !m.template.description.is_empty() {
                    println!("    {}", m.template.description);
                }
                for (alias, source) in &m.data {
                    let kind = match source.kind {
                        Some(SheetKind::KeyValue) => lang.s(Msg::KindKeyValue),
                        _ => lang.s(Msg::KindTable),
                    };
                    let sheet = lang.t(
                        Msg::TemplatesSheet,
                        &[("sheet", &source.sheet), ("kind", &kind)],
                    );
                    println!("    {} {alias}: {sheet}", lang.s(Msg::TemplatesNeeds));
                    if !source.columns.is_empty() {
                        println!(
                            "      {}",
                            lang.t(
                                Msg::TemplatesColumns,
                                &[("columns", &source.columns.join(", "))]
                            )
                        );
                    }
                }
                if l.has_sample {
                    println!("    {}: {}", lang.s(Msg::TemplatesSample), sample_hint(l));
                }
            }
            Err(e) => println!(
                "    {}: {}",
                lang.s(Msg::Error),
                lang.t(Msg::ManifestInvalid, &[("reason", &e.get(lang))])
            ),
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
