//! A small typed XML tree for the parts docx-rs writes, so that what vanban changes in
//! them is done on elements and attributes — never by searching the bytes.
//!
//! Only what WordprocessingML parts use is kept: elements with their attributes in
//! order, text, and the XML declaration. Comments and processing instructions (docx-rs
//! writes none) are kept verbatim. Serialising an unchanged tree gives well-formed XML
//! with the same elements, attributes and text (empty elements written `<a />`, as
//! docx-rs does); the byte form of a changed part may differ in quoting, and every
//! output goes through the same path, so files stay byte-identical from run to run.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One node of a part.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Element(Element),
    /// Character data, unescaped.
    Text(String),
    /// A comment, declaration or processing instruction, as written.
    Raw(String),
}

/// An element: its qualified name ("w:p"), attributes in document order and children.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Element {
    pub(crate) name: String,
    pub(crate) attrs: Vec<(String, String)>,
    pub(crate) children: Vec<Node>,
}

impl Element {
    pub(crate) fn new(name: &str) -> Element {
        Element {
            name: name.to_string(),
            attrs: Vec::new(),
            children: Vec::new(),
        }
    }

    /// Builder: adds an attribute.
    pub(crate) fn attr(mut self, name: &str, value: &str) -> Element {
        self.set_attr(name, value);
        self
    }

    /// Builder: adds a child element.
    pub(crate) fn child(mut self, child: Element) -> Element {
        self.children.push(Node::Element(child));
        self
    }

    /// Builder: adds text.
    pub(crate) fn text(mut self, text: &str) -> Element {
        self.children.push(Node::Text(text.to_string()));
        self
    }

    pub(crate) fn get_attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub(crate) fn set_attr(&mut self, name: &str, value: &str) {
        match self.attrs.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value.to_string(),
            None => self.attrs.push((name.to_string(), value.to_string())),
        }
    }

    pub(crate) fn remove_attr(&mut self, name: &str) {
        self.attrs.retain(|(n, _)| n != name);
    }

    /// Child elements.
    pub(crate) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// Child elements, mutable.
    pub(crate) fn elements_mut(&mut self) -> impl Iterator<Item = &mut Element> {
        self.children.iter_mut().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            _ => None,
        })
    }

    /// The first child element named `name`.
    pub(crate) fn find(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The first child element named `name`, mutable.
    pub(crate) fn find_mut(&mut self, name: &str) -> Option<&mut Element> {
        self.elements_mut().find(|e| e.name == name)
    }

    /// Calls `f` on this element and every descendant element, parents before
    /// children, in document order.
    pub(crate) fn walk_mut(&mut self, f: &mut impl FnMut(&mut Element)) {
        f(self);
        for child in self.elements_mut() {
            child.walk_mut(f);
        }
    }

    /// Serialises the element into `out`.
    fn write(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (name, value) in &self.attrs {
            out.push(' ');
            out.push_str(name);
            out.push_str("=\"");
            escape_into(value, true, out);
            out.push('"');
        }
        if self.children.is_empty() {
            // docx-rs's form, which the tests and readers of earlier files know.
            out.push_str(" />");
            return;
        }
        out.push('>');
        for child in &self.children {
            match child {
                Node::Element(e) => e.write(out),
                Node::Text(t) => escape_into(t, false, out),
                Node::Raw(r) => out.push_str(r),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

/// A whole part: what comes before the root element (the declaration) and the root.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Part {
    pub(crate) prolog: Vec<String>,
    pub(crate) root: Element,
}

/// The standard declaration of every part vanban writes.
pub(crate) const DECLARATION: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#;

impl Part {
    /// A new part with the standard declaration.
    pub(crate) fn new(root: Element) -> Part {
        Part {
            prolog: vec![DECLARATION.to_string()],
            root,
        }
    }

    /// Parses a part. Errors are technical (docx-rs wrote something unexpected).
    pub(crate) fn parse(bytes: &[u8]) -> Result<Part, String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let mut reader = Reader::from_str(text);
        let mut prolog = Vec::new();
        let mut stack: Vec<Element> = Vec::new();
        let mut root = None;
        loop {
            let event = reader
                .read_event()
                .map_err(|e| format!("at byte {}: {e}", reader.error_position()))?;
            match event {
                Event::Eof => break,
                Event::Start(start) => stack.push(element_of(&start)?),
                Event::Empty(start) => {
                    let element = element_of(&start)?;
                    attach(&mut stack, &mut root, element)?;
                }
                Event::End(_) => {
                    let element = stack.pop().ok_or("an end tag without a start tag")?;
                    attach(&mut stack, &mut root, element)?;
                }
                Event::Text(t) => {
                    let s = t.into_inner().into_owned();
                    if let Some(parent) = stack.last_mut() {
                        push_text(parent, &s);
                    } else if !s.trim().is_empty() {
                        return Err("text outside the root element".into());
                    }
                }
                Event::GeneralRef(r) => {
                    let s = match r.resolve_char_ref().map_err(|e| e.to_string())? {
                        Some(c) => c.to_string(),
                        None => quick_xml::escape::resolve_predefined_entity(&r)
                            .ok_or_else(|| format!("an unknown entity &{};", &*r))?
                            .to_string(),
                    };
                    if let Some(parent) = stack.last_mut() {
                        push_text(parent, &s);
                    }
                }
                Event::CData(c) => {
                    if let Some(parent) = stack.last_mut() {
                        push_text(parent, &c);
                    }
                }
                Event::Decl(d) => prolog.push(format!("<?{}?>", &*d)),
                Event::Comment(c) => {
                    let raw = format!("<!--{}-->", &*c);
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(Node::Raw(raw)),
                        None => prolog.push(raw),
                    }
                }
                Event::PI(p) => {
                    let raw = format!("<?{}?>", &*p);
                    match stack.last_mut() {
                        Some(parent) => parent.children.push(Node::Raw(raw)),
                        None => prolog.push(raw),
                    }
                }
                Event::DocType(_) => return Err("a DOCTYPE in an OOXML part".into()),
            }
        }
        if !stack.is_empty() {
            return Err("an element is not closed".into());
        }
        let root = root.ok_or("no root element")?;
        Ok(Part { prolog, root })
    }

    /// The part's bytes.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = String::new();
        for p in &self.prolog {
            out.push_str(p);
        }
        self.root.write(&mut out);
        out.into_bytes()
    }
}

/// Appends text to `parent`, joining it to text just before (entity references arrive
/// as events of their own).
fn push_text(parent: &mut Element, s: &str) {
    match parent.children.last_mut() {
        Some(Node::Text(t)) => t.push_str(s),
        _ => parent.children.push(Node::Text(s.to_string())),
    }
}

fn element_of(start: &BytesStart<'_>) -> Result<Element, String> {
    let name = start.name().as_ref().to_string();
    let mut attrs = Vec::with_capacity(2);
    // docx-rs writes each attribute once: the duplicate check (quadratic in the
    // attributes of each element) is skipped.
    for a in start.attributes().with_checks(false) {
        let a = a.map_err(|e| e.to_string())?;
        let key = a.key.as_ref().to_string();
        let value = a
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?
            .into_owned();
        attrs.push((key, value));
    }
    Ok(Element {
        name,
        attrs,
        children: Vec::new(),
    })
}

fn attach(
    stack: &mut [Element],
    root: &mut Option<Element>,
    element: Element,
) -> Result<(), String> {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(element)),
        None if root.is_none() => *root = Some(element),
        None => return Err("two root elements".into()),
    }
    Ok(())
}

/// Escapes text or an attribute value. The characters to escape are ASCII, so the
/// text between them is copied as whole runs of bytes rather than character by character.
fn escape_into(s: &str, attribute: bool, out: &mut String) {
    let mut copied = 0;
    for (i, b) in s.bytes().enumerate() {
        let escaped = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' if attribute => "&quot;",
            b'\n' if attribute => "&#10;",
            b'\t' if attribute => "&#9;",
            _ => continue,
        };
        out.push_str(&s[copied..i]);
        out.push_str(escaped);
        copied = i + 1;
    }
    out.push_str(&s[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_elements_attributes_and_escaped_text() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p w:a="x &amp; &quot;y&quot;"><w:r><w:t xml:space="preserve">a &lt; b &amp; Đ</w:t></w:r><w:br /></w:p>"#;
        let part = Part::parse(xml.as_bytes()).expect("parses");
        assert_eq!(part.root.get_attr("w:a"), Some("x & \"y\""));
        let out = String::from_utf8(part.to_bytes()).expect("utf-8");
        assert_eq!(
            out,
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:p w:a="x &amp; &quot;y&quot;"><w:r><w:t xml:space="preserve">a &lt; b &amp; Đ</w:t></w:r><w:br /></w:p>"#
        );
        assert_eq!(Part::parse(&part.to_bytes()).expect("again"), part);
    }

    #[test]
    fn escapes_only_what_must_be() {
        let mut text = String::new();
        escape_into("Đ<1> & \"ư\"\n\tý", false, &mut text);
        assert_eq!(text, "Đ&lt;1&gt; &amp; \"ư\"\n\tý");
        let mut attr = String::new();
        escape_into("Đ<1> & \"ư\"\n\tý", true, &mut attr);
        assert_eq!(attr, "Đ&lt;1&gt; &amp; &quot;ư&quot;&#10;&#9;ý");
        let mut plain = String::new();
        escape_into("", true, &mut plain);
        assert_eq!(plain, "");
    }

    #[test]
    fn broken_xml_is_an_error() {
        assert!(Part::parse(b"<w:p><w:pPr></w:p>").is_err());
        assert!(Part::parse(b"<a/><b/>").is_err());
    }
}
