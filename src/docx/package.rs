//! The .docx package: which parts go into the ZIP, their relationships and content
//! types, and the typed corrections of what docx-rs writes that Word does not accept.
//!
//! docx-rs builds the WordprocessingML of the body, styles, settings, font table, page
//! headers and pictures; this module owns everything around it:
//!
//! * **Parts nothing refers to are left out.** docx-rs always writes comments,
//!   commentsExtended, footnotes and numbering parts and an empty custom-properties part;
//!   vanban uses none of them and no relationship reaches the first four, which a strict
//!   reader reports. A part is packed only when a relationship from the package, the
//!   main document or a header reaches it; relationships to a part that is not packed
//!   are dropped, and so are the content-type overrides of absent parts.
//! * **Core properties are written here** (title, author, language, the document's
//!   date), because docx-rs can set only the dates.
//! * **Corrections on the element tree** ([`super::xml`]): the schema's child order
//!   ([`super::order`]); no `w:type` on `w:gridCol` (not in the schema); no `w:rPr` in a
//!   style's or the defaults' paragraph properties (CT_PPrGeneral has none); the header
//!   rows of data tables marked `w:tblHeader` (docx-rs has no method for it); the ids of
//!   tracked changes and drawings numbered in document order (docx-rs takes them from
//!   process-wide counters, or writes 1 for every drawing).
//!
//! Every step works on elements and attributes, never on the bytes, and fails with
//! [`DocxError::Unexpected`] when docx-rs wrote a shape it does not expect.

mod container;
mod recent;

use std::cell::RefCell;
use std::rc::Rc;

use recent::Recent;

use super::DocxError;
use super::ctx::DataTableMark;
use super::xml::{Element, Node, Part};
use crate::document::Meta;

const RELS_NS: &str = "http://schemas.openxmlformats.org/package/2006/relationships";

/// Everything the package step needs besides docx-rs's parts.
pub(crate) struct PackageInfo<'a> {
    pub(crate) meta: &'a Meta,
    /// The document's date as W3CDTF ("2025-11-05T00:00:00Z"), or empty.
    pub(crate) date: &'a str,
    /// Data tables and how many header rows each repeats.
    pub(crate) tables: &'a [DataTableMark],
}

/// Packs docx-rs's parts, corrected, into the bytes of a .docx.
pub(crate) fn pack(xml: docx_rs::XMLDocx, info: &PackageInfo<'_>) -> Result<Vec<u8>, DocxError> {
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    let document = fix_part("word/document.xml", &xml.document, |root| {
        super::order::sort(root);
        drop_grid_col_types(root);
        mark_header_rows(root, info.tables)?;
        number_revisions_and_drawings(root);
        Ok(())
    })?;
    parts.push(("word/document.xml".into(), document));
    let styles = fix_shared_part("word/styles.xml", &xml.styles, |root| {
        super::order::sort(root);
        drop_run_properties_in_general_paragraph_properties(root);
    })?;
    parts.push(("word/styles.xml".into(), styles));
    let settings = fix_shared_part("word/settings.xml", &xml.settings, super::order::sort)?;
    parts.push(("word/settings.xml".into(), settings));
    parts.push(("word/fontTable.xml".into(), xml.font_table));
    for (i, h) in xml.headers.iter().enumerate() {
        let name = format!("word/header{}.xml", i + 1);
        let fixed = fix_shared_part("word/header.xml", h, super::order::sort)?;
        parts.push((name, fixed));
        if let Some(rels) = xml.header_rels.get(i) {
            parts.push((format!("word/_rels/header{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (i, f) in xml.footers.iter().enumerate() {
        let name = format!("word/footer{}.xml", i + 1);
        let fixed = fix_shared_part("word/footer.xml", f, super::order::sort)?;
        parts.push((name, fixed));
        if let Some(rels) = xml.footer_rels.get(i) {
            parts.push((format!("word/_rels/footer{}.xml.rels", i + 1), rels.clone()));
        }
    }
    for (id, png) in xml.media {
        parts.push((format!("word/media/{id}.png"), png));
    }
    parts.push(("docProps/app.xml".into(), xml.doc_props.app));
    parts.push(("docProps/core.xml".into(), core_properties(info)));
    parts.push(("_rels/.rels".into(), xml.rels));
    parts.push(("word/_rels/document.xml.rels".into(), xml.document_rels));

    let parts = reachable(parts)?;
    let content_types = content_types(&xml.content_type, &parts)?;
    zip(content_types, parts)
}

/// Parses a part, applies `f` to its root, and serialises it.
fn fix_part(
    part: &'static str,
    bytes: &[u8],
    f: impl FnOnce(&mut Element) -> Result<(), String>,
) -> Result<Vec<u8>, DocxError> {
    let unexpected = |message: String| DocxError::Unexpected { part, message };
    let mut tree = Part::parse(bytes).map_err(unexpected)?;
    f(&mut tree.root).map_err(unexpected)?;
    Ok(tree.to_bytes())
}

thread_local! {
    /// The shared parts this thread fixed lately (see [`recent`]).
    static FIXED: RefCell<Recent<Rc<Vec<u8>>>> = const { RefCell::new(Recent::new()) };
}

/// [`fix_part`] for a part whose fix depends on its bytes alone (`f` is a plain
/// function, capturing nothing): the styles, settings, headers and footers, which every
/// document of a template shares. The same bytes fixed lately give the same result again.
fn fix_shared_part(
    part: &'static str,
    bytes: &[u8],
    f: fn(&mut Element),
) -> Result<Vec<u8>, DocxError> {
    FIXED.with(|recent| {
        let fixed = recent.borrow_mut().get_or_make(part, bytes, || {
            fix_part(part, bytes, |root| {
                f(root);
                Ok(())
            })
            .map(Rc::new)
        })?;
        Ok(fixed.as_ref().clone())
    })
}

/// `w:gridCol` has only `w:w` in the schema; docx-rs adds `w:type`.
fn drop_grid_col_types(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if e.name == "w:gridCol" {
            e.remove_attr("w:type");
        }
    });
}

/// The paragraph properties of a style, of the document defaults and of a numbering
/// level are CT_PPrGeneral, which has no `w:rPr`; docx-rs writes an empty one. A
/// non-empty one would carry formatting that belongs in the style's own `w:rPr`; docx-rs
/// writes none, so it is left for the validator to catch.
fn drop_run_properties_in_general_paragraph_properties(root: &mut Element) {
    root.walk_mut(&mut |e| {
        if matches!(e.name.as_str(), "w:style" | "w:pPrDefault" | "w:lvl")
            && let Some(ppr) = e.find_mut("w:pPr")
        {
            ppr.children.retain(
                |n| !matches!(n, Node::Element(c) if c.name == "w:rPr" && c.children.is_empty()),
            );
        }
    });
}

/// Marks the first `header_rows` rows of each listed top-level table of the body with
/// `w:tblHeader` ("repeat as header row at the top of each page").
fn mark_header_rows(root: &mut Element, marks: &[DataTableMark]) -> Result<(), String> {
    if marks.iter().all(|m| m.header_rows == 0) {
        return Ok(());
    }
    let body = root.find_mut("w:body").ok_or("no w:body")?;
    let mut tables: Vec<&mut Element> = body.elements_mut().filter(|e| e.name == "w:tbl").collect();
    let found = tables.len();
    for mark in marks.iter().filter(|m| m.header_rows > 0) {
        let table = tables.get_mut(mark.table_index).ok_or_else(|| {
            format!(
                "expected at least {} tables, found {found}",
                mark.table_index + 1
            )
        })?;
        let mut rows: Vec<&mut Element> =
            table.elements_mut().filter(|e| e.name == "w:tr").collect();
        if rows.len() < mark.header_rows {
            return Err(format!(
                "table {} has {} rows, expected at least {} header rows",
                mark.table_index,
                rows.len(),
                mark.header_rows
            ));
        }
        for row in rows.iter_mut().take(mark.header_rows) {
            if row.find("w:trPr").is_none() {
                // The row properties follow a possible w:tblPrEx, which docx-rs never writes.
                row.children
                    .insert(0, Node::Element(Element::new("w:trPr")));
            }
            let props = row.find_mut("w:trPr").ok_or("no w:trPr")?;
            if props.find("w:tblHeader").is_none() {
                // The row properties are an unordered choice, so the flag may go first.
                props
                    .children
                    .insert(0, Node::Element(Element::new("w:tblHeader")));
            }
        }
    }
    Ok(())
}

/// Tracked changes (`w:ins`/`w:del`, one sequence from 1) and drawings (`wp:docPr`)
/// numbered in document order; a change without a date loses its empty `w:date`.
fn number_revisions_and_drawings(root: &mut Element) {
    let (mut revision, mut drawing) = (0u32, 0u32);
    root.walk_mut(&mut |e| match e.name.as_str() {
        "w:ins" | "w:del" if e.get_attr("w:id").is_some() => {
            revision += 1;
            e.set_attr("w:id", &revision.to_string());
            if e.get_attr("w:date") == Some("") {
                e.remove_attr("w:date");
            }
        }
        "wp:docPr" => {
            drawing += 1;
            e.set_attr("id", &drawing.to_string());
        }
        _ => {}
    });
}

/// docProps/core.xml: title (tên loại + trích yếu), creator and last editor (the
/// agency), language, and the document's date as created/modified (never the clock).
fn core_properties(info: &PackageInfo<'_>) -> Vec<u8> {
    let mut root = Element::new("cp:coreProperties")
        .attr(
            "xmlns:cp",
            "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
        )
        .attr("xmlns:dc", "http://purl.org/dc/elements/1.1/")
        .attr("xmlns:dcterms", "http://purl.org/dc/terms/")
        .attr("xmlns:dcmitype", "http://purl.org/dc/dcmitype/")
        .attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
    let title = info.meta.title.trim();
    if !title.is_empty() {
        root = root.child(Element::new("dc:title").text(title));
    }
    let author = info.meta.author.trim();
    if !author.is_empty() {
        root = root
            .child(Element::new("dc:creator").text(author))
            .child(Element::new("cp:lastModifiedBy").text(author));
    }
    root = root.child(Element::new("dc:language").text(crate::layout::LANGUAGE));
    if !info.date.is_empty() {
        for name in ["dcterms:created", "dcterms:modified"] {
            root = root.child(
                Element::new(name)
                    .attr("xsi:type", "dcterms:W3CDTF")
                    .text(info.date),
            );
        }
    }
    Part::new(root).to_bytes()
}

/// Keeps the parts reached by a relationship (from the package, the main document, a
/// header or a footer) and the relationship parts themselves, and drops relationships
/// whose target is not packed. Order is kept.
fn reachable(parts: Vec<(String, Vec<u8>)>) -> Result<Vec<(String, Vec<u8>)>, DocxError> {
    let present: Vec<String> = parts.iter().map(|(n, _)| n.clone()).collect();
    let mut out = Vec::new();
    let mut reached: Vec<String> = Vec::new();
    // Relationship parts first: each says which parts it reaches from its source.
    let mut rels: Vec<(String, Vec<u8>)> = Vec::new();
    for (name, bytes) in &parts {
        let Some(source_dir) = rels_source_dir(name) else {
            continue;
        };
        let unexpected = |message: String| DocxError::Unexpected {
            part: "relationships",
            message: format!("{name}: {message}"),
        };
        let mut tree = Part::parse(bytes).map_err(unexpected)?;
        if tree.root.name != "Relationships" {
            return Err(unexpected("no <Relationships>".into()));
        }
        tree.root.children.retain(|n| match n {
            Node::Element(r) if r.name == "Relationship" => {
                if r.get_attr("TargetMode") == Some("External") {
                    return true;
                }
                let target = resolve(&source_dir, r.get_attr("Target").unwrap_or_default());
                let keep = present.contains(&target);
                if keep {
                    reached.push(target);
                }
                keep
            }
            _ => true,
        });
        tree.root.set_attr("xmlns", RELS_NS);
        rels.push((name.clone(), tree.to_bytes()));
    }
    for (name, bytes) in parts {
        if let Some((_, fixed)) = rels.iter().find(|(n, _)| *n == name) {
            // A part's relationships are packed only when the part itself is.
            let source = rels_source(&name);
            if source
                .as_deref()
                .is_none_or(|s| reached.iter().any(|r| r == s))
            {
                out.push((name, fixed.clone()));
            }
        } else if reached.contains(&name) {
            out.push((name, bytes));
        }
    }
    Ok(out)
}

/// For "word/_rels/document.xml.rels", the folder its targets are relative to
/// ("word/"); "" for the package's "_rels/.rels"; `None` for a part that is not a
/// relationship part.
fn rels_source_dir(name: &str) -> Option<String> {
    let (dir, file) = name
        .rsplit_once("_rels/")
        .map_or(("", name), |(d, f)| (d, f));
    if !file.ends_with(".rels") {
        return None;
    }
    Some(dir.to_string())
}

/// The part whose relationships `name` holds ("word/document.xml"), `None` for the
/// package's own.
fn rels_source(name: &str) -> Option<String> {
    let (dir, file) = name.rsplit_once("_rels/")?;
    let source = file.strip_suffix(".rels")?;
    if source.is_empty() {
        None
    } else {
        Some(format!("{dir}{source}"))
    }
}

/// A relationship target resolved against its source folder ("media/a.png" from
/// "word/" → "word/media/a.png"; "/word/x.xml" is absolute).
fn resolve(dir: &str, target: &str) -> String {
    if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    }
    let mut path: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                path.pop();
            }
            s => path.push(s),
        }
    }
    path.join("/")
}

/// [Content_Types].xml: docx-rs's defaults, and the overrides of the parts packed.
fn content_types(bytes: &[u8], parts: &[(String, Vec<u8>)]) -> Result<Vec<u8>, DocxError> {
    let mut tree = Part::parse(bytes).map_err(|message| DocxError::Unexpected {
        part: "[Content_Types].xml",
        message,
    })?;
    tree.root.children.retain(|n| match n {
        Node::Element(o) if o.name == "Override" => {
            let name = o.get_attr("PartName").unwrap_or_default();
            parts
                .iter()
                .any(|(p, _)| name.strip_prefix('/') == Some(p.as_str()))
        }
        _ => true,
    });
    let has_png = tree.root.elements().any(|d| {
        d.name == "Default"
            && d.get_attr("Extension")
                .is_some_and(|x| x.eq_ignore_ascii_case("png"))
    });
    if !has_png && parts.iter().any(|(p, _)| p.ends_with(".png")) {
        tree.root.children.push(Node::Element(
            Element::new("Default")
                .attr("Extension", "png")
                .attr("ContentType", "image/png"),
        ));
    }
    Ok(tree.to_bytes())
}

/// The ZIP container: content types first, every entry deflated, with the fixed
/// 1980-01-01 time of ZIP's epoch (no clock).
fn zip(content_types: Vec<u8>, parts: Vec<(String, Vec<u8>)>) -> Result<Vec<u8>, DocxError> {
    let entries = std::iter::once(("[Content_Types].xml", content_types.as_slice())).chain(
        parts
            .iter()
            .map(|(name, bytes)| (name.as_str(), bytes.as_slice())),
    );
    container::write(entries).map_err(|message| DocxError::Pack(message.into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root(xml: &str) -> Element {
        Part::parse(xml.as_bytes()).expect("parses").root
    }

    fn text(e: &Element) -> String {
        String::from_utf8(
            Part {
                prolog: vec![],
                root: e.clone(),
            }
            .to_bytes(),
        )
        .expect("utf-8")
    }

    #[test]
    fn marks_only_the_header_rows_of_the_chosen_table() {
        let mut doc = root(
            "<w:document><w:body><w:tbl><w:tr><w:trPr /></w:tr></w:tbl>\
             <w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr>\
             <w:tr><w:tc><w:tbl><w:tr><w:trPr /></w:tr></w:tbl></w:tc></w:tr>\
             <w:tr><w:trPr /></w:tr></w:tbl></w:body></w:document>",
        );
        let marks = [DataTableMark {
            table_index: 1,
            header_rows: 2,
        }];
        mark_header_rows(&mut doc, &marks).expect("marks");
        assert_eq!(
            text(&doc),
            "<w:document><w:body><w:tbl><w:tr><w:trPr /></w:tr></w:tbl>\
             <w:tbl><w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr></w:tr>\
             <w:tr><w:trPr><w:tblHeader /></w:trPr><w:tc><w:tbl><w:tr><w:trPr /></w:tr></w:tbl></w:tc></w:tr>\
             <w:tr><w:trPr /></w:tr></w:tbl></w:body></w:document>"
        );
        let missing = [DataTableMark {
            table_index: 5,
            header_rows: 1,
        }];
        assert!(mark_header_rows(&mut doc, &missing).is_err());
    }

    #[test]
    fn revisions_and_drawings_are_numbered_in_document_order() {
        let mut doc = root(
            r#"<w:p><w:del w:id="41" w:author="A" w:date=""><w:r /></w:del><w:ins w:id="7" w:author="A" w:date="2025-11-05T00:00:00Z"><w:r /></w:ins><wp:docPr id="1" name="Figure" /><w:ins w:id="3" w:author="A" w:date="" /><wp:docPr id="1" name="Figure" /></w:p>"#,
        );
        number_revisions_and_drawings(&mut doc);
        assert_eq!(
            text(&doc),
            r#"<w:p><w:del w:id="1" w:author="A"><w:r /></w:del><w:ins w:id="2" w:author="A" w:date="2025-11-05T00:00:00Z"><w:r /></w:ins><wp:docPr id="1" name="Figure" /><w:ins w:id="3" w:author="A" /><wp:docPr id="2" name="Figure" /></w:p>"#
        );
    }

    #[test]
    fn style_paragraph_properties_lose_their_empty_run_properties() {
        let mut styles = root(
            r#"<w:styles><w:docDefaults><w:pPrDefault><w:pPr><w:rPr /></w:pPr></w:pPrDefault></w:docDefaults><w:style><w:pPr><w:jc w:val="both" /><w:rPr /></w:pPr><w:rPr><w:b /></w:rPr></w:style></w:styles>"#,
        );
        drop_run_properties_in_general_paragraph_properties(&mut styles);
        assert_eq!(
            text(&styles),
            r#"<w:styles><w:docDefaults><w:pPrDefault><w:pPr /></w:pPrDefault></w:docDefaults><w:style><w:pPr><w:jc w:val="both" /></w:pPr><w:rPr><w:b /></w:rPr></w:style></w:styles>"#
        );
    }

    #[test]
    fn relationship_targets_resolve_against_their_source() {
        assert_eq!(resolve("word/", "media/a.png"), "word/media/a.png");
        assert_eq!(resolve("", "word/document.xml"), "word/document.xml");
        assert_eq!(resolve("word/", "../docProps/x.xml"), "docProps/x.xml");
        assert_eq!(
            rels_source("word/_rels/document.xml.rels").as_deref(),
            Some("word/document.xml")
        );
        assert_eq!(rels_source("_rels/.rels"), None);
        assert_eq!(
            rels_source_dir("word/_rels/header1.xml.rels").as_deref(),
            Some("word/")
        );
    }

    #[test]
    fn unreached_parts_and_their_relationships_are_dropped() {
        let rels = format!(
            r#"<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="t" Target="word/document.xml" /><Relationship Id="rId4" Type="t" Target="docProps/custom.xml" /></Relationships>"#
        );
        let doc_rels = format!(
            r#"<Relationships xmlns="{RELS_NS}"><Relationship Id="rId1" Type="t" Target="styles.xml" /></Relationships>"#
        );
        let parts = vec![
            ("word/document.xml".to_string(), b"<a />".to_vec()),
            ("word/styles.xml".to_string(), b"<a />".to_vec()),
            ("word/comments.xml".to_string(), b"<a />".to_vec()),
            ("_rels/.rels".to_string(), rels.into_bytes()),
            (
                "word/_rels/document.xml.rels".to_string(),
                doc_rels.into_bytes(),
            ),
        ];
        let kept = reachable(parts).expect("reachable");
        let names: Vec<&str> = kept.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "word/document.xml",
                "word/styles.xml",
                "_rels/.rels",
                "word/_rels/document.xml.rels"
            ]
        );
        let package_rels = String::from_utf8(kept[2].1.clone()).expect("utf-8");
        assert!(!package_rels.contains("custom.xml"), "{package_rels}");
    }
}
