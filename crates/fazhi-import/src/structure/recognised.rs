//! The list of what was recognised, in reading order: front matter and
//! preface, parts and sections by document position, then the closing.

use fazhi_core::{Paragraph, Part, Section};

use crate::{Recognised, RecognisedKind};

use super::closing::Tail;
use super::excerpt;
use super::front::FrontMatter;

fn record(kind: RecognisedKind, text: &str, node_id: Option<String>) -> Recognised {
    Recognised {
        kind,
        text: text.to_string(),
        node_id,
        level: None,
        role: None,
    }
}

/// Head records, then the body's (`body`, in any order), then the tail's.
pub(super) fn in_reading_order(
    front: &FrontMatter,
    preface: &[Paragraph],
    parts: &[Part],
    mut body: Vec<Recognised>,
    closing: &[Paragraph],
    tail: &Tail,
) -> Vec<Recognised> {
    let mut out = Vec::new();
    let head = [
        (RecognisedKind::Title, &front.title),
        (RecognisedKind::DocNumber, &front.doc_number),
        (RecognisedKind::Signer, &front.signer),
        (RecognisedKind::Addressee, &front.addressee),
    ];
    for (kind, value) in head {
        if let Some(t) = value {
            out.push(record(kind, t, None));
        }
    }
    for p in preface {
        out.push(record(
            RecognisedKind::Preface,
            &excerpt(&p.text),
            Some(p.id.clone()),
        ));
    }
    // Parts were pushed after their sections: order by document position.
    order_recognised(parts, &mut body);
    out.extend(body);
    for p in closing {
        out.push(record(RecognisedKind::Closing, &p.text, Some(p.id.clone())));
    }
    if let Some(s) = &tail.signature() {
        out.push(record(RecognisedKind::Signature, s, None));
    }
    if let Some((_, t)) = &tail.date {
        out.push(record(RecognisedKind::Date, t, None));
    }
    if let Some(n) = &tail.note {
        out.push(record(RecognisedKind::Note, n, None));
    }
    out
}

/// Puts the part/section records in document order (sections were found
/// before their part was placed).
fn order_recognised(parts: &[Part], recs: &mut Vec<Recognised>) {
    let mut order: Vec<String> = Vec::new();
    fn walk(s: &Section, out: &mut Vec<String>) {
        out.push(s.id.clone());
        s.sections.iter().for_each(|c| walk(c, out));
    }
    for p in parts {
        order.push(p.id.clone());
        p.sections.iter().for_each(|s| walk(s, &mut order));
    }
    // A map, not a scan: a hostile file may hold a million headings.
    let pos: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    recs.retain(|r| r.node_id.as_deref().is_some_and(|id| pos.contains_key(id)));
    recs.sort_by_key(|r| {
        r.node_id
            .as_deref()
            .and_then(|id| pos.get(id).copied())
            .unwrap_or(usize::MAX)
    });
}
