//! The DOCX files of every built-in template keep the child order the OOXML schema
//! (ECMA-376 `wml.xsd`) prescribes for property elements, which Word checks and
//! LibreOffice does not: each file is made by the real binary from the bundled samples,
//! unzipped, and every property element's children are checked against orders restated
//! here from the schema (independently of the writer's own table in src/docx/order.rs).

use crate::common;

use std::path::Path;

use common::{docx_part, tempdir};
use quick_xml::Reader;
use quick_xml::events::Event;

/// For each parent, a chain of children that must appear in this order when present
/// (a subset of the schema's sequence: the children vanban's documents use).
const CHAINS: &[(&str, &[&str])] = &[
    (
        "w:pPr",
        &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:widowControl",
            "w:numPr",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:spacing",
            "w:ind",
            "w:jc",
            "w:outlineLvl",
            "w:rPr",
            "w:sectPr",
        ],
    ),
    (
        "w:rPr",
        &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:strike",
            "w:vanish",
            "w:color",
            "w:spacing",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:vertAlign",
            "w:lang",
        ],
    ),
    (
        "w:tblPr",
        &[
            "w:tblStyle",
            "w:tblW",
            "w:jc",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
        ],
    ),
    (
        "w:tcPr",
        &[
            "w:tcW",
            "w:gridSpan",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:vAlign",
        ],
    ),
    (
        "w:sectPr",
        &[
            "w:headerReference",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:pgNumType",
            "w:cols",
            "w:titlePg",
            "w:docGrid",
        ],
    ),
    (
        "w:style",
        &[
            "w:name",
            "w:basedOn",
            "w:next",
            "w:qFormat",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
        ],
    ),
    (
        "w:tblBorders",
        &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ],
    ),
    ("w:tblCellMar", &["w:top", "w:left", "w:bottom", "w:right"]),
    ("w:pBdr", &["w:top", "w:left", "w:bottom", "w:right"]),
    (
        "w:settings",
        &[
            "w:view",
            "w:zoom",
            "w:trackRevisions",
            "w:defaultTabStop",
            "w:evenAndOddHeaders",
            "w:characterSpacingControl",
            "w:compat",
            "w:rsids",
        ],
    ),
];

/// Every place in `xml` where a property element has two children out of the schema's
/// order, as "parent: a before b".
fn misorders(xml: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    // For each open element: its name and the highest chain position seen among its
    // children so far (with that child's name).
    let mut stack: Vec<(String, Option<(usize, String)>)> = Vec::new();
    let mut found = Vec::new();
    let mut child = |stack: &mut Vec<(String, Option<(usize, String)>)>, name: &str| {
        let Some((parent, seen)) = stack.last_mut() else {
            return;
        };
        let Some((_, chain)) = CHAINS.iter().find(|(p, _)| p == parent) else {
            return;
        };
        let name = if name == "w:footerReference" {
            "w:headerReference"
        } else {
            name
        };
        let Some(at) = chain.iter().position(|c| *c == name) else {
            return;
        };
        match seen {
            Some((max, before)) if *max > at => {
                found.push(format!("{parent}: {before} before {name}"));
            }
            Some((max, _)) if *max == at => {}
            _ => *seen = Some((at, name.to_string())),
        }
    };
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => break,
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                child(&mut stack, &name);
                stack.push((name, None));
            }
            Event::Empty(e) => {
                let name = e.name().as_ref().to_string();
                child(&mut stack, &name);
            }
            Event::End(_) => {
                stack.pop();
            }
            _ => {}
        }
    }
    found.sort();
    found.dedup();
    found
}

fn check(docx: &Path) {
    let mut problems = Vec::new();
    for part in [
        "word/document.xml",
        "word/styles.xml",
        "word/header1.xml",
        "word/settings.xml",
    ] {
        let xml = docx_part(docx, part);
        for p in misorders(&xml) {
            problems.push(format!("{part}: {p}"));
        }
    }
    assert!(
        problems.is_empty(),
        "{}: children out of schema order:\n{}",
        docx.display(),
        problems.join("\n")
    );
}

#[test]
fn the_checker_sees_a_misorder() {
    let bad = r#"<w:p><w:pPr><w:jc w:val="both" /><w:spacing w:after="0" /><w:rPr><w:sz w:val="28" /><w:rFonts w:ascii="X" /></w:rPr></w:pPr></w:p>"#;
    assert_eq!(
        misorders(bad),
        [
            "w:pPr: w:jc before w:spacing",
            "w:rPr: w:sz before w:rFonts"
        ]
    );
}

/// Every built-in template found on disk, over its samples (render and batch).
#[test]
fn every_built_in_template_writes_docx_in_schema_order() {
    let out = tempdir();
    let made = common::make_every_sample(out.path(), "docx");
    let files = made.with_ext("docx");
    for template in common::built_in_templates() {
        assert!(
            files.iter().any(|(t, _)| *t == template),
            "no DOCX from templates/{template}"
        );
    }
    for (_, path) in files {
        check(path);
    }
}

/// Every DOCX that every built-in template makes from the bundled samples (render and
/// batch, found on disk) passes the strict OOXML validator in ../shared/ooxml.
#[test]
fn every_sample_docx_passes_the_strict_validator() {
    let Some(validator) = common::ooxml_validator() else {
        return;
    };
    let out = tempdir();
    let made = common::make_every_sample(out.path(), "docx");
    let files: Vec<&Path> = made
        .with_ext("docx")
        .iter()
        .map(|(_, p)| p.as_path())
        .collect();
    assert!(!files.is_empty());
    let report = common::ooxml_violations(&validator, &files);
    assert!(report.is_empty(), "OOXML violations:\n{report}");
}
