//! Reads a .docx back for the tests, apart from the writer: the `zip` crate's reader opens the
//! package, quick-xml parses its parts into a small element tree, and the helpers below walk
//! WordprocessingML (paragraphs, runs with their underline, tables with their row properties).

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::Read;

use quick_xml::XmlVersion;
use quick_xml::events::Event;

/// An XML element: its qualified name (`w:p`), attributes, and children in order.
#[derive(Clone, Debug, Default)]
pub struct Element {
    pub name: String,
    pub attrs: BTreeMap<String, String>,
    pub children: Vec<Node>,
}

#[derive(Clone, Debug)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.get(name).map(String::as_str)
    }

    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Direct children named `name`.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> {
        self.elements().filter(move |e| e.name == name)
    }

    pub fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// Every descendant named `name`, in document order (not below a match).
    pub fn find_all<'a>(&'a self, name: &str) -> Vec<&'a Element> {
        let mut out = Vec::new();
        self.collect(name, &mut out);
        out
    }

    fn collect<'a>(&'a self, name: &str, out: &mut Vec<&'a Element>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            } else {
                e.collect(name, out);
            }
        }
    }

    /// All text below, concatenated.
    pub fn text(&self) -> String {
        let mut s = String::new();
        for n in &self.children {
            match n {
                Node::Text(t) => s.push_str(t),
                Node::Element(e) => s.push_str(&e.text()),
            }
        }
        s
    }
}

/// Parses an XML document into its root element.
pub fn parse(xml: &str) -> Element {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e)),
            Event::Empty(e) => {
                let el = element(&e);
                stack
                    .last_mut()
                    .expect("parent")
                    .children
                    .push(Node::Element(el));
            }
            Event::End(_) => {
                let el = stack.pop().expect("open element");
                stack
                    .last_mut()
                    .expect("parent")
                    .children
                    .push(Node::Element(el));
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref().expect("char ref") {
                    Some(c) => c,
                    None => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => panic!("unknown entity &{other};"),
                    },
                };
                push_text(&mut stack, &c.to_string());
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let mut root = stack.pop().expect("root");
    match root.children.pop() {
        Some(Node::Element(e)) => e,
        _ => panic!("no root element"),
    }
}

fn element(e: &quick_xml::events::BytesStart) -> Element {
    let mut el = Element {
        name: e.name().as_ref().to_string(),
        ..Element::default()
    };
    for a in e.attributes() {
        let a = a.expect("attribute");
        let key = a.key.as_ref().to_string();
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .expect("attribute value")
            .into_owned();
        el.attrs.insert(key, value);
    }
    el
}

fn push_text(stack: &mut [Element], text: &str) {
    let top = stack.last_mut().expect("parent");
    if let Some(Node::Text(t)) = top.children.last_mut() {
        t.push_str(text);
    } else {
        top.children.push(Node::Text(text.to_string()));
    }
}

/// The parts of a .docx package by name.
pub struct Package {
    pub parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    pub fn read(bytes: &[u8]) -> Package {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
        let mut parts = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).expect("zip entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read entry");
            parts.insert(f.name().expect("entry name").to_string(), data);
        }
        Package { parts }
    }

    pub fn xml(&self, name: &str) -> Element {
        let bytes = self
            .parts
            .get(name)
            .unwrap_or_else(|| panic!("part {name} missing"));
        parse(std::str::from_utf8(bytes).expect("UTF-8 part"))
    }

    pub fn document(&self) -> Element {
        self.xml("word/document.xml")
    }

    pub fn body(&self) -> Element {
        self.document().child("w:body").expect("w:body").clone()
    }
}

/// A run's text and whether it is underlined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RunText {
    pub text: String,
    pub underlined: bool,
}

/// The runs of a paragraph (inside hyperlinks too), with adjacent runs of the same underline
/// merged.
pub fn runs(p: &Element) -> Vec<RunText> {
    let mut out: Vec<RunText> = Vec::new();
    for r in p.find_all("w:r") {
        let underlined = r
            .child("w:rPr")
            .and_then(|pr| pr.child("w:u"))
            .is_some_and(|u| u.attr("w:val") != Some("none"));
        let text: String = r.find_all("w:t").iter().map(|t| t.text()).collect();
        if text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.underlined == underlined => last.text.push_str(&text),
            _ => out.push(RunText { text, underlined }),
        }
    }
    out
}

/// A paragraph's text (the `w:t` of its runs).
pub fn paragraph_text(p: &Element) -> String {
    p.find_all("w:t").iter().map(|t| t.text()).collect()
}

/// The paragraph's style id, if any.
pub fn style_of(p: &Element) -> Option<String> {
    p.child("w:pPr")
        .and_then(|pr| pr.child("w:pStyle"))
        .and_then(|s| s.attr("w:val"))
        .map(str::to_string)
}

/// A table row: its flags and its cells' paragraphs.
pub struct Row<'a> {
    pub header: bool,
    pub cant_split: bool,
    pub cells: Vec<Vec<&'a Element>>,
}

impl Row<'_> {
    /// Each cell's text, its paragraphs joined by line breaks.
    pub fn cell_texts(&self) -> Vec<String> {
        self.cells
            .iter()
            .map(|ps| {
                ps.iter()
                    .map(|p| paragraph_text(p))
                    .collect::<Vec<_>>()
                    .join("\n")
            })
            .collect()
    }
}

/// The rows of a table.
pub fn rows(tbl: &Element) -> Vec<Row<'_>> {
    tbl.children_named("w:tr")
        .map(|tr| {
            let pr = tr.child("w:trPr");
            let flag = |name: &str| {
                pr.and_then(|p| p.child(name))
                    .is_some_and(|e| !matches!(e.attr("w:val"), Some("0" | "false")))
            };
            Row {
                header: flag("w:tblHeader"),
                cant_split: flag("w:cantSplit"),
                cells: tr
                    .children_named("w:tc")
                    .map(|tc| tc.children_named("w:p").collect())
                    .collect(),
            }
        })
        .collect()
}

/// The comparison tables (header 項目 | … | 変更区分), in document order.
pub fn comparison_tables(body: &Element) -> Vec<&Element> {
    body.children_named("w:tbl")
        .filter(|t| {
            rows(t).first().is_some_and(|r| {
                let texts = r.cell_texts();
                texts.first().map(String::as_str) == Some("項目")
                    && texts.iter().any(|t| t == "変更区分")
            })
        })
        .collect()
}

/// Every paragraph text of the body, tables included, in order.
pub fn all_paragraph_texts(body: &Element) -> Vec<String> {
    body.find_all("w:p")
        .iter()
        .map(|p| paragraph_text(p))
        .collect()
}
