//! `vanban fields`: the keys a workbook gives templates, with their types and a sample.

use std::fmt::Write;

use vanban::i18n::Lang;
use vanban::tr;
use vanban::workbook::{Dataset, FieldInfo, ReadOptions, SheetData, SheetKind};

use super::args::FieldsArgs;
use super::exit::{Done, Failure};
use super::print;

pub fn run(args: FieldsArgs, lang: Lang) -> Result<Done, Failure> {
    let opts = ReadOptions {
        legacy: args.legacy.map(Into::into).unwrap_or_default(),
        ..Default::default()
    };
    let data = Dataset::open(&args.workbook, &opts)?;
    print::notices(&data.notices, lang);
    print!("{}", describe(&data, lang));
    Ok(Done::Made)
}

/// The listing: per sheet, how a template reaches it, then one line per key with its
/// type, a sample value and the cell that holds the sample.
fn describe(data: &Dataset, lang: Lang) -> String {
    let fields = data.fields();
    let mut out = String::new();
    let width = fields
        .iter()
        .map(|f| f.key.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let type_width = fields
        .iter()
        .map(|f| f.type_text().get(lang).chars().count())
        .max()
        .unwrap_or(0)
        .max(8);
    let line = |out: &mut String, f: &FieldInfo| {
        let cell = f.cell.map(|c| c.to_string()).unwrap_or_default();
        let sample: String = f.sample.chars().take(40).collect();
        let _ = writeln!(
            out,
            "  {:<width$}  {:<type_width$}  {:<5}  {:<40}  ← \"{}\"",
            f.key,
            f.type_text().get(lang),
            cell,
            sample,
            f.header
        );
    };
    for sheet in &data.sheets {
        let sheet_key = &sheet.key;
        let (kind, how) = match &sheet.data {
            SheetData::Table(t) => {
                let (header, rows) = (t.header_row, t.rows.len());
                (
                    tr!(
                        "bảng, dòng tiêu đề {header}, {rows} dòng",
                        "table, header row {header}, {rows} rows"
                    ),
                    tr!(
                        "{{{{#each {sheet_key}}}}}{{{{TRƯỜNG}}}}{{{{/each}}}}",
                        "{{{{#each {sheet_key}}}}}{{{{KEY}}}}{{{{/each}}}}"
                    ),
                )
            }
            SheetData::KeyValue(_) => (
                vanban::template::kind_text(SheetKind::KeyValue),
                tr!("{{{{{sheet_key}.TRƯỜNG}}}}", "{{{{{sheet_key}.KEY}}}}"),
            ),
        };
        let name = &sheet.name;
        let heading = tr!(
            "Sheet \"{name}\" ({kind}) — trong mẫu: {how}",
            "Sheet \"{name}\" ({kind}) — in a template: {how}";
            kind = kind,
            how = how
        );
        let _ = writeln!(out, "{}", heading.get(lang));
        for f in fields
            .iter()
            .filter(|f| f.sheet.as_deref() == Some(sheet.name.as_str()))
        {
            line(&mut out, f);
        }
        out.push('\n');
    }
    let names: Vec<_> = fields.iter().filter(|f| f.sheet.is_none()).collect();
    if !names.is_empty() {
        let heading = tr!(
            "Tên đã đặt trong bảng tính (defined names) — trong mẫu: {{{{names.TRƯỜNG}}}}",
            "Defined names — in a template: {{{{names.KEY}}}}"
        );
        let _ = writeln!(out, "{}", heading.get(lang));
        for f in names {
            line(&mut out, f);
        }
    }
    out
}
