//! Tables among the blocks. They take no part in the text phases (a table is
//! no title, heading, signature or date): the line naming a table just above
//! it becomes its 表题 first, and once the report is built each table is put
//! back right after the node its preceding block became — in the preface, a
//! part or section, the closing or an 附件 — so it stands where it stood.

use fazhi_core::model::{Attachment, Paragraph, Section};
use fazhi_core::Document;

use super::{attachments, Block, Builder};
use crate::tables::RawTable;
use crate::Uncertain;

/// Blocks holding a table: their indexes.
pub(super) fn positions(blocks: &[Block]) -> Vec<usize> {
    (0..blocks.len())
        .filter(|&i| blocks[i].table.is_some())
        .collect()
}

/// A one-line block just above a table that names it (…情况表, 表1 …) becomes
/// the table's title, unless it is an 附件's own title (the line after 附件1).
pub(super) fn take_titles(blocks: &mut [Block]) {
    for k in 0..blocks.len() {
        if blocks[k].table.as_ref().is_none_or(|t| t.caption.is_some()) {
            continue;
        }
        let filled = |b: &Block| b.table.is_some() || !b.text.trim().is_empty();
        let Some(j) = (0..k).rev().find(|&j| filled(&blocks[j])) else {
            continue;
        };
        let text = blocks[j].text.trim().to_string();
        if blocks[j].table.is_some() || text.contains('\n') || !crate::tables::title_like(&text) {
            continue;
        }
        let above = (0..j).rev().find(|&i| filled(&blocks[i]));
        if above.is_some_and(|i| attachments::is_label(&blocks[i].text)) {
            continue;
        }
        if let Some(t) = blocks[k].table.as_mut() {
            t.caption = Some(text);
        }
        blocks[j].text.clear();
    }
}

/// Puts each table into the built report after the node of the nearest block
/// above it that became one (the start of the preface when none did).
pub(super) fn put_back(b: &mut Builder, doc: &mut Document, tables: Vec<(usize, RawTable)>) {
    for (k, raw) in tables {
        let Some((table, note)) = raw.into_table() else {
            continue;
        };
        let p = Paragraph::table(table);
        let id = p.id.clone();
        let after = (0..k.min(b.block_last.len()))
            .rev()
            .find_map(|j| b.block_last[j].clone());
        place(doc, after.as_deref(), p);
        b.note_block(k, &id);
        if let Some(message) = note {
            b.uncertain.push(Uncertain {
                node_id: Some(id),
                message: format!("{message}，请核对。"),
                excerpt: String::new(),
            });
        }
    }
}

/// Inserts `p` after the node `after` (a paragraph: after it in its list; a
/// part, section or attachment: first among its paragraphs), or at the start
/// of the preface.
fn place(doc: &mut Document, after: Option<&str>, p: Paragraph) {
    let Some(id) = after else {
        doc.preface.insert(0, p);
        return;
    };
    fn in_list(ps: &mut Vec<Paragraph>, id: &str, p: &mut Option<Paragraph>) {
        if let Some(i) = ps.iter().position(|x| x.id == id) {
            if let Some(p) = p.take() {
                ps.insert(i + 1, p);
            }
        }
    }
    fn in_section(s: &mut Section, id: &str, p: &mut Option<Paragraph>) {
        if s.id == id {
            if let Some(p) = p.take() {
                s.paragraphs.insert(0, p);
            }
            return;
        }
        in_list(&mut s.paragraphs, id, p);
        for c in &mut s.sections {
            if p.is_some() {
                in_section(c, id, p);
            }
        }
    }
    let mut p = Some(p);
    in_list(&mut doc.preface, id, &mut p);
    for part in &mut doc.parts {
        if p.is_none() {
            return;
        }
        if part.id == id {
            if let Some(p) = p.take() {
                part.paragraphs.insert(0, p);
            }
            return;
        }
        in_list(&mut part.paragraphs, id, &mut p);
        for s in &mut part.sections {
            if p.is_some() {
                in_section(s, id, &mut p);
            }
        }
    }
    in_list(&mut doc.closing, id, &mut p);
    for a in &mut doc.attachments {
        if p.is_none() {
            return;
        }
        attachment(a, id, &mut p);
    }
    // The node was not found (never expected): the table is kept, at the end
    // of the body.
    if let Some(p) = p {
        match doc.parts.last_mut() {
            Some(part) => part.paragraphs.push(p),
            None => doc.preface.push(p),
        }
    }
}

fn attachment(a: &mut Attachment, id: &str, p: &mut Option<Paragraph>) {
    if a.id == id {
        if let Some(p) = p.take() {
            a.paragraphs.insert(0, p);
        }
        return;
    }
    if let Some(i) = a.paragraphs.iter().position(|x| x.id == id) {
        if let Some(p) = p.take() {
            a.paragraphs.insert(i + 1, p);
        }
    }
}
