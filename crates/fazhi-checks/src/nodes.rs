//! The text-bearing nodes of a document, in reading order, with the context a
//! rule needs (which part, which heading level), and the way back from a
//! node id to its text.

use fazhi_core::numbering;
use fazhi_core::{Document, Role, Section};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    /// A title override.
    Title,
    /// A metadata field (issuer, addressee, doc number, signer, signature, note).
    Meta,
    PartHeading,
    SectionHeading,
    Paragraph,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Place {
    Front,
    Preface,
    Part,
    Closing,
    /// An 附件 (its title and paragraphs), after the closing.
    Attachment,
}

#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub id: &'a str,
    pub kind: Kind,
    pub place: Place,
    pub text: &'a str,
    /// The statutory part the node belongs to.
    pub role: Option<Role>,
    /// Heading level of the node (headings) or of the heading it stands under
    /// (paragraphs): 1 = part, 2 = （一）, 3 = 1., 4 = （1）; 0 outside parts.
    pub level: usize,
    /// The part or section holding a paragraph (numbering runs per container).
    pub container: Option<&'a str>,
    /// Index of the paragraph in its container.
    pub index: usize,
}

pub(crate) const META_FIELDS: [(&str, &str); 6] = [
    ("meta:issuer", "发文机关"),
    ("meta:addressee", "主送机关"),
    ("meta:doc_number", "发文字号"),
    ("meta:signer", "签发人"),
    ("meta:signature", "署名"),
    ("meta:note", "附注"),
];

fn meta_value<'a>(doc: &'a Document, id: &str) -> Option<&'a str> {
    match id {
        "meta:issuer" => Some(doc.issuer.as_str()),
        "meta:addressee" => doc.addressee.as_deref(),
        "meta:doc_number" => doc.doc_number.as_deref(),
        "meta:signer" => doc.signer.as_deref(),
        "meta:signature" => doc.signature.as_deref(),
        "meta:note" => doc.note.as_deref(),
        _ => None,
    }
}

pub(crate) fn nodes(doc: &Document) -> Vec<Node<'_>> {
    let mut out = Vec::new();
    if let Some(t) = doc
        .title_override
        .as_deref()
        .filter(|t| !t.trim().is_empty())
    {
        out.push(Node {
            id: "title",
            kind: Kind::Title,
            place: Place::Front,
            text: t,
            role: None,
            level: 0,
            container: None,
            index: 0,
        });
    }
    for (id, _) in META_FIELDS {
        if let Some(v) = meta_value(doc, id) {
            out.push(Node {
                id,
                kind: Kind::Meta,
                place: Place::Front,
                text: v,
                role: None,
                level: 0,
                container: None,
                index: 0,
            });
        }
    }
    for (i, p) in doc.preface.iter().enumerate() {
        out.push(Node {
            id: &p.id,
            kind: Kind::Paragraph,
            place: Place::Preface,
            text: &p.text,
            role: None,
            level: 0,
            container: None,
            index: i,
        });
    }
    fn section<'a>(s: &'a Section, role: Role, level: usize, out: &mut Vec<Node<'a>>) {
        out.push(Node {
            id: &s.id,
            kind: Kind::SectionHeading,
            place: Place::Part,
            text: &s.heading,
            role: Some(role),
            level,
            container: None,
            index: 0,
        });
        for (i, p) in s.paragraphs.iter().enumerate() {
            out.push(Node {
                id: &p.id,
                kind: Kind::Paragraph,
                place: Place::Part,
                text: &p.text,
                role: Some(role),
                level,
                container: Some(&s.id),
                index: i,
            });
        }
        for c in &s.sections {
            section(c, role, level + 1, out);
        }
    }
    for part in &doc.parts {
        out.push(Node {
            id: &part.id,
            kind: Kind::PartHeading,
            place: Place::Part,
            text: &part.heading,
            role: Some(part.role),
            level: 1,
            container: None,
            index: 0,
        });
        for (i, p) in part.paragraphs.iter().enumerate() {
            out.push(Node {
                id: &p.id,
                kind: Kind::Paragraph,
                place: Place::Part,
                text: &p.text,
                role: Some(part.role),
                level: 1,
                container: Some(&part.id),
                index: i,
            });
        }
        for s in &part.sections {
            section(s, part.role, 2, &mut out);
        }
    }
    for (i, p) in doc.closing.iter().enumerate() {
        out.push(Node {
            id: &p.id,
            kind: Kind::Paragraph,
            place: Place::Closing,
            text: &p.text,
            role: None,
            level: 0,
            container: None,
            index: i,
        });
    }
    // 附件 are proofread like the body: the title as a heading (no numbering of
    // its own), the paragraphs numbered per attachment.
    for a in &doc.attachments {
        out.push(Node {
            id: &a.id,
            kind: Kind::SectionHeading,
            place: Place::Attachment,
            text: &a.title,
            role: None,
            level: 0,
            container: None,
            index: 0,
        });
        for (i, p) in a.paragraphs.iter().enumerate() {
            out.push(Node {
                id: &p.id,
                kind: Kind::Paragraph,
                place: Place::Attachment,
                text: &p.text,
                role: None,
                level: 0,
                container: Some(&a.id),
                index: i,
            });
        }
    }
    out
}

/// The node with this id, if any.
pub(crate) fn find<'a>(doc: &'a Document, id: &str) -> Option<Node<'a>> {
    nodes(doc).into_iter().find(|n| n.id == id)
}

/// The text of a node, for applying a fix. A derived title has no text of its
/// own (it follows the issuer and year) and is not reachable here.
pub(crate) fn text_mut<'a>(doc: &'a mut Document, id: &str) -> Option<&'a mut String> {
    fn in_section<'a>(s: &'a mut Section, id: &str) -> Option<&'a mut String> {
        if s.id == id {
            return Some(&mut s.heading);
        }
        if let Some(p) = s.paragraphs.iter_mut().find(|p| p.id == id) {
            return Some(&mut p.text);
        }
        s.sections.iter_mut().find_map(|c| in_section(c, id))
    }
    match id {
        "title" => return doc.title_override.as_mut(),
        "meta:issuer" => return Some(&mut doc.issuer),
        "meta:addressee" => return doc.addressee.as_mut(),
        "meta:doc_number" => return doc.doc_number.as_mut(),
        "meta:signer" => return doc.signer.as_mut(),
        "meta:signature" => return doc.signature.as_mut(),
        "meta:note" => return doc.note.as_mut(),
        _ => {}
    }
    if let Some(p) = doc
        .preface
        .iter_mut()
        .chain(doc.closing.iter_mut())
        .find(|p| p.id == id)
    {
        return Some(&mut p.text);
    }
    for part in &mut doc.parts {
        if part.id == id {
            return Some(&mut part.heading);
        }
        if let Some(p) = part.paragraphs.iter_mut().find(|p| p.id == id) {
            return Some(&mut p.text);
        }
        if let Some(t) = part.sections.iter_mut().find_map(|s| in_section(s, id)) {
            return Some(t);
        }
    }
    for a in &mut doc.attachments {
        if a.id == id {
            return Some(&mut a.title);
        }
        if let Some(p) = a.paragraphs.iter_mut().find(|p| p.id == id) {
            return Some(&mut p.text);
        }
    }
    None
}

/// Where a node is, in the words a reviewer uses: 标题, 发文字号, 前言第1段,
/// 一、标题, 一、（二）第3段, 结尾第1段. `None` when the id is unknown.
pub fn node_label(doc: &Document, id: &str) -> Option<String> {
    if id == "title" {
        return Some("标题".into());
    }
    if let Some((_, name)) = META_FIELDS.iter().find(|(k, _)| *k == id) {
        return Some((*name).to_string());
    }
    if let Some(i) = doc.preface.iter().position(|p| p.id == id) {
        return Some(format!("前言第{}段", i + 1));
    }
    if let Some(i) = doc.closing.iter().position(|p| p.id == id) {
        return Some(format!("结尾第{}段", i + 1));
    }
    fn in_section(s: &Section, path: &str, level: usize, id: &str) -> Option<String> {
        if s.id == id {
            return Some(format!("{path}标题"));
        }
        if let Some(i) = s.paragraphs.iter().position(|p| p.id == id) {
            return Some(format!("{path}第{}段", i + 1));
        }
        s.sections.iter().enumerate().find_map(|(j, c)| {
            let p = format!("{path}{}", numbering::prefix(level + 1, j));
            in_section(c, &p, level + 1, id)
        })
    }
    for (i, part) in doc.parts.iter().enumerate() {
        let path = numbering::prefix(1, i);
        if part.id == id {
            return Some(format!("{path}标题"));
        }
        if let Some(j) = part.paragraphs.iter().position(|p| p.id == id) {
            return Some(format!("{path}第{}段", j + 1));
        }
        let found = part.sections.iter().enumerate().find_map(|(j, s)| {
            let p = format!("{path}{}", numbering::prefix(2, j));
            in_section(s, &p, 2, id)
        });
        if found.is_some() {
            return found;
        }
    }
    for (i, a) in doc.attachments.iter().enumerate() {
        if a.id == id {
            return Some(format!("附件{}标题", i + 1));
        }
        if let Some(j) = a.paragraphs.iter().position(|p| p.id == id) {
            return Some(format!("附件{}第{}段", i + 1, j + 1));
        }
    }
    None
}
