//! Puts the children of WordprocessingML property elements in the order the schema
//! (ECMA-376, `wml.xsd`) requires.
//!
//! docx-rs 0.4.22 writes many of them out of order: `w:rPr` and `w:jc` before
//! `w:spacing` in paragraph properties; `w:tblCellMar` before `w:tblLayout`; `w:rPr`
//! before `w:pPr` in styles; header references after `w:pgSz` in section properties;
//! `w:defaultTabStop` before `w:zoom` in the settings — all sequences in the schema. Run
//! properties (`w:szCs` before `w:rFonts`) are a free choice in the later editions of
//! the schema but a sequence in the first (Word 2007), so they are sorted too.
//! LibreOffice and python-docx accept any order; Word validates sequences and may call
//! such a file damaged ("Word found unreadable content"), which a secretariat cannot be
//! asked to click through. So every part docx-rs writes goes through [`sort`], on the
//! element tree of `xml.rs`, before it is packed (`package.rs`).
//!
//! The pass moves whole child elements and never changes one: a stable sort of each
//! listed element's direct children by their place in the schema's sequence. A child the
//! table does not know keeps its place after the child before it.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::xml::{Element, Node};

/// The schema sequence of each element whose children are sorted: the element's local
/// name (prefix `w:`) and its children's local names in order; names joined by `|` share
/// a place (a choice in the schema).
const SEQUENCES: &[(&str, &[&str])] = &[
    (
        "pPr",
        &[
            "pStyle",
            "keepNext",
            "keepLines",
            "pageBreakBefore",
            "framePr",
            "widowControl",
            "numPr",
            "suppressLineNumbers",
            "pBdr",
            "shd",
            "tabs",
            "suppressAutoHyphens",
            "kinsoku",
            "wordWrap",
            "overflowPunct",
            "topLinePunct",
            "autoSpaceDE",
            "autoSpaceDN",
            "bidi",
            "adjustRightInd",
            "snapToGrid",
            "spacing",
            "ind",
            "contextualSpacing",
            "mirrorIndents",
            "suppressOverlap",
            "jc",
            "textDirection",
            "textAlignment",
            "textboxTightWrap",
            "outlineLvl",
            "divId",
            "cnfStyle",
            "rPr",
            "sectPr",
            "pPrChange",
        ],
    ),
    (
        "rPr",
        &[
            "ins",
            "del",
            "moveFrom",
            "moveTo",
            "rStyle",
            "rFonts",
            "b",
            "bCs",
            "i",
            "iCs",
            "caps",
            "smallCaps",
            "strike",
            "dstrike",
            "outline",
            "shadow",
            "emboss",
            "imprint",
            "noProof",
            "snapToGrid",
            "vanish",
            "webHidden",
            "color",
            "spacing",
            "w",
            "kern",
            "position",
            "sz",
            "szCs",
            "highlight",
            "u",
            "effect",
            "bdr",
            "shd",
            "fitText",
            "vertAlign",
            "rtl",
            "cs",
            "em",
            "lang",
            "eastAsianLayout",
            "specVanish",
            "oMath",
            "rPrChange",
        ],
    ),
    (
        "tblPr",
        &[
            "tblStyle",
            "tblpPr",
            "tblOverlap",
            "bidiVisual",
            "tblStyleRowBandSize",
            "tblStyleColBandSize",
            "tblW",
            "jc",
            "tblCellSpacing",
            "tblInd",
            "tblBorders",
            "shd",
            "tblLayout",
            "tblCellMar",
            "tblLook",
            "tblCaption",
            "tblDescription",
            "tblPrChange",
        ],
    ),
    (
        "tcPr",
        &[
            "cnfStyle",
            "tcW",
            "gridSpan",
            "hMerge",
            "vMerge",
            "tcBorders",
            "shd",
            "noWrap",
            "tcMar",
            "textDirection",
            "tcFitText",
            "vAlign",
            "hideMark",
            "headers",
            "cellIns",
            "cellDel",
            "cellMerge",
            "tcPrChange",
        ],
    ),
    (
        "sectPr",
        &[
            "headerReference|footerReference",
            "footnotePr",
            "endnotePr",
            "type",
            "pgSz",
            "pgMar",
            "paperSrc",
            "pgBorders",
            "lnNumType",
            "pgNumType",
            "cols",
            "formProt",
            "vAlign",
            "noEndnote",
            "titlePg",
            "textDirection",
            "bidi",
            "rtlGutter",
            "docGrid",
            "printerSettings",
            "sectPrChange",
        ],
    ),
    (
        "tblBorders",
        &[
            "top",
            "left|start",
            "bottom",
            "right|end",
            "insideH",
            "insideV",
        ],
    ),
    (
        "tcBorders",
        &[
            "top",
            "left|start",
            "bottom",
            "right|end",
            "insideH",
            "insideV",
            "tl2br",
            "tr2bl",
        ],
    ),
    ("tblCellMar", &["top", "left|start", "bottom", "right|end"]),
    ("tcMar", &["top", "left|start", "bottom", "right|end"]),
    (
        "pBdr",
        &["top", "left", "bottom", "right", "between", "bar"],
    ),
    (
        "style",
        &[
            "name",
            "aliases",
            "basedOn",
            "next",
            "link",
            "autoRedefine",
            "hidden",
            "uiPriority",
            "semiHidden",
            "unhideWhenUsed",
            "qFormat",
            "locked",
            "personal",
            "personalCompose",
            "personalReply",
            "rsid",
            "pPr",
            "rPr",
            "tblPr",
            "trPr",
            "tcPr",
            "tblStylePr",
        ],
    ),
    (
        "lvl",
        &[
            "start",
            "numFmt",
            "lvlRestart",
            "pStyle",
            "isLgl",
            "suff",
            "lvlText",
            "lvlPicBulletId",
            "legacy",
            "lvlJc",
            "pPr",
            "rPr",
        ],
    ),
    // The document settings (CT_Settings): docx-rs writes `w:defaultTabStop`
    // before `w:zoom`.
    (
        "settings",
        &[
            "writeProtection",
            "view",
            "zoom",
            "removePersonalInformation",
            "removeDateAndTime",
            "doNotDisplayPageBoundaries",
            "displayBackgroundShape",
            "printPostScriptOverText",
            "printFractionalCharacterWidth",
            "printFormsData",
            "embedTrueTypeFonts",
            "embedSystemFonts",
            "saveSubsetFonts",
            "saveFormsData",
            "mirrorMargins",
            "alignBordersAndEdges",
            "bordersDoNotSurroundHeader",
            "bordersDoNotSurroundFooter",
            "gutterAtTop",
            "hideSpellingErrors",
            "hideGrammaticalErrors",
            "activeWritingStyle",
            "proofState",
            "formsDesign",
            "attachedTemplate",
            "linkStyles",
            "stylePaneFormatFilter",
            "stylePaneSortMethod",
            "documentType",
            "mailMerge",
            "revisionView",
            "trackRevisions",
            "doNotTrackMoves",
            "doNotTrackFormatting",
            "documentProtection",
            "autoFormatOverride",
            "styleLockTheme",
            "styleLockQFSet",
            "defaultTabStop",
            "autoHyphenation",
            "consecutiveHyphenLimit",
            "hyphenationZone",
            "doNotHyphenateCaps",
            "showEnvelope",
            "summaryLength",
            "clickAndTypeStyle",
            "defaultTableStyle",
            "evenAndOddHeaders",
            "bookFoldRevPrinting",
            "bookFoldPrinting",
            "bookFoldPrintingSheets",
            "drawingGridHorizontalSpacing",
            "drawingGridVerticalSpacing",
            "displayHorizontalDrawingGridEvery",
            "displayVerticalDrawingGridEvery",
            "doNotUseMarginsForDrawingGridOrigin",
            "drawingGridHorizontalOrigin",
            "drawingGridVerticalOrigin",
            "doNotShadeFormData",
            "noPunctuationKerning",
            "characterSpacingControl",
            "printTwoOnOne",
            "strictFirstAndLastChars",
            "noLineBreaksAfter",
            "noLineBreaksBefore",
            "savePreviewPicture",
            "doNotValidateAgainstSchema",
            "saveInvalidXml",
            "ignoreMixedContent",
            "alwaysShowPlaceholderText",
            "doNotDemarcateInvalidXml",
            "saveXmlDataOnly",
            "useXSLTWhenSaving",
            "saveThroughXslt",
            "showXMLTags",
            "alwaysMergeEmptyNamespace",
            "updateFields",
            "hdrShapeDefaults",
            "footnotePr",
            "endnotePr",
            "compat",
            "docVars",
            "rsids",
            "mathPr",
            "attachedSchema",
            "themeFontLang",
            "clrSchemeMapping",
            "doNotIncludeSubdocsInStats",
            "doNotAutoCompressPictures",
            "forceUpgrade",
            "captions",
            "readModeInkLockDown",
            "smartTagType",
            "schemaLibrary",
            "shapeDefaults",
            "doNotEmbedSmartTags",
            "decimalSymbol",
            "listSeparator",
        ],
    ),
];

/// Each sorted element's children's ranks, by local name: [`SEQUENCES`] read once into
/// maps, since the sort asks for the rank of every property of every paragraph and run.
type Ranks = HashMap<&'static str, usize>;

fn ranks() -> &'static HashMap<&'static str, Ranks> {
    static RANKS: OnceLock<HashMap<&'static str, Ranks>> = OnceLock::new();
    RANKS.get_or_init(|| {
        SEQUENCES
            .iter()
            .map(|(parent, sequence)| {
                let mut ranks = Ranks::new();
                for (rank, names) in sequence.iter().enumerate() {
                    for name in names.split('|') {
                        // The first place a name is listed is its place.
                        ranks.entry(name).or_insert(rank);
                    }
                }
                (*parent, ranks)
            })
            .collect()
    })
}

/// The ranks of the children of `name` (a qualified `w:` name), if it is sorted.
fn sequence_of(name: &str) -> Option<&'static Ranks> {
    ranks().get(name.strip_prefix("w:")?)
}

/// Puts the children of every element listed in [`SEQUENCES`], under and including
/// `root`, in schema order. Each child is moved whole and never changed.
pub(crate) fn sort(root: &mut Element) {
    root.walk_mut(&mut |e| {
        let Some(sequence) = sequence_of(&e.name) else {
            return;
        };
        // A child the table does not know (or text) keeps the rank of the one before it.
        let mut previous = 0;
        let ranks: Vec<usize> = e
            .children
            .iter()
            .map(|n| {
                let known = match n {
                    Node::Element(c) => c
                        .name
                        .strip_prefix("w:")
                        .and_then(|l| sequence.get(l).copied()),
                    _ => None,
                };
                previous = known.unwrap_or(previous);
                previous
            })
            .collect();
        if ranks.is_sorted() {
            return;
        }
        let mut ranked: Vec<(usize, Node)> = ranks
            .into_iter()
            .zip(std::mem::take(&mut e.children))
            .collect();
        // A stable sort: children of one rank (header references, say) keep their order.
        ranked.sort_by_key(|(r, _)| *r);
        e.children = ranked.into_iter().map(|(_, n)| n).collect();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `s` sorted, written back in the tree's form (`<a/>` for empty elements).
    fn order(s: &str) -> String {
        let mut part = crate::docx::xml::Part::parse(s.as_bytes()).expect("valid XML");
        sort(&mut part.root);
        String::from_utf8(part.to_bytes()).expect("UTF-8")
    }

    #[test]
    fn run_properties_follow_the_schema() {
        let xml = r#"<w:r><w:rPr><w:sz w:val="28" /><w:szCs w:val="28" /><w:b /><w:bCs /><w:rFonts w:ascii="Times New Roman" /><w:i /></w:rPr><w:t>Điều 1</w:t></w:r>"#;
        assert_eq!(
            order(xml),
            r#"<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" /><w:b /><w:bCs /><w:i /><w:sz w:val="28" /><w:szCs w:val="28" /></w:rPr><w:t>Điều 1</w:t></w:r>"#
        );
    }

    #[test]
    fn nested_properties_are_sorted_at_each_level() {
        let xml = r#"<w:p><w:pPr><w:rPr><w:szCs w:val="26" /><w:rFonts w:ascii="X" /></w:rPr><w:jc w:val="both" /><w:spacing w:after="120" /><w:keepNext /></w:pPr><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#;
        assert_eq!(
            order(xml),
            r#"<w:p><w:pPr><w:keepNext /><w:spacing w:after="120" /><w:jc w:val="both" /><w:rPr><w:rFonts w:ascii="X" /><w:szCs w:val="26" /></w:rPr></w:pPr><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r></w:p>"#
        );
    }

    #[test]
    fn header_references_go_first_and_keep_their_order() {
        let xml = r#"<w:sectPr><w:pgSz w:w="1" /><w:cols w:space="3" /><w:headerReference w:type="default" r:id="a" /><w:headerReference w:type="first" r:id="b" /><w:pgNumType w:start="1" /><w:titlePg /></w:sectPr>"#;
        assert_eq!(
            order(xml),
            r#"<w:sectPr><w:headerReference w:type="default" r:id="a" /><w:headerReference w:type="first" r:id="b" /><w:pgSz w:w="1" /><w:pgNumType w:start="1" /><w:cols w:space="3" /><w:titlePg /></w:sectPr>"#
        );
    }

    #[test]
    fn sections_inside_paragraph_properties_are_sorted_too() {
        let section = r#"<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape" /><w:cols w:space="425" w:num="1" /><w:headerReference w:type="default" r:id="a" /><w:pgNumType w:start="1" /><w:titlePg /></w:sectPr>"#;
        let ordered = r#"<w:sectPr><w:headerReference w:type="default" r:id="a" /><w:pgSz w:w="16838" w:h="11906" w:orient="landscape" /><w:pgNumType w:start="1" /><w:cols w:space="425" w:num="1" /><w:titlePg /></w:sectPr>"#;
        let xml = format!("<w:body><w:p><w:pPr>{section}</w:pPr></w:p><w:p />{section}</w:body>");
        assert_eq!(
            order(&xml),
            format!("<w:body><w:p><w:pPr>{ordered}</w:pPr></w:p><w:p />{ordered}</w:body>")
        );
    }

    #[test]
    fn unknown_children_stay_after_their_neighbour_and_other_elements_are_untouched() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document><w:body><w:p><w:r><w:t>b</w:t><w:t>a</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblCellMar><w:left w:w="0" /><w:top w:w="0" /></w:tblCellMar><w:tblLayout w:type="fixed" /><w:tblW w:w="0" /></w:tblPr></w:tbl><w:style><w:rPr><w:b /><w14:x /><w:rFonts /></w:rPr><w:pPr /><w:qFormat /><w:name w:val="Normal" /></w:style></w:body></w:document>"#;
        assert_eq!(
            order(xml),
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document><w:body><w:p><w:r><w:t>b</w:t><w:t>a</w:t></w:r></w:p><w:tbl><w:tblPr><w:tblW w:w="0" /><w:tblLayout w:type="fixed" /><w:tblCellMar><w:top w:w="0" /><w:left w:w="0" /></w:tblCellMar></w:tblPr></w:tbl><w:style><w:name w:val="Normal" /><w:qFormat /><w:pPr /><w:rPr><w:rFonts /><w:b /><w14:x /></w:rPr></w:style></w:body></w:document>"#
        );
    }
}
