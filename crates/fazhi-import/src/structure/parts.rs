//! The body between the first part heading and the tail: parts, their nested
//! sections and paragraphs.
//!
//! Heading levels are not fixed by the numbering form: offices write 1. right
//! under 一、 or 一是 instead of （一）. A stack of the forms met so far in the
//! current part decides: a form already on the stack is a sibling at that
//! depth, a new form opens the next level down.

use std::ops::Range;

use fazhi_core::numbering::MAX_LEVEL;
use fazhi_core::{Paragraph, Section};

use crate::{Recognised, RecognisedKind, Uncertain};

use super::headings::{number_prefix, Heading, Kind};
use super::roles::role_of;
use super::{excerpt, Builder, Line, RawPart};

/// The heading forms open in the current part, one per depth, with the
/// number expected next at each depth.
#[derive(Default)]
struct Outline {
    stack: Vec<Kind>,
    expected_next: Vec<u32>,
}

impl Outline {
    fn clear(&mut self) {
        self.stack.clear();
        self.expected_next.clear();
    }

    /// The depth (0 = right under the part) of a heading of `kind`: a form
    /// on the stack closes the deeper ones, a new form opens a level; `None`
    /// when that level would be deeper than the model allows.
    fn enter(&mut self, kind: Kind) -> Option<usize> {
        match self.stack.iter().position(|k| *k == kind) {
            Some(d) => {
                self.stack.truncate(d + 1);
                self.expected_next.truncate(d + 1);
                Some(d)
            }
            None if self.stack.len() < MAX_LEVEL - 1 => {
                self.stack.push(kind);
                self.expected_next.push(1);
                Some(self.stack.len() - 1)
            }
            None => None,
        }
    }

    /// The depth whose last section takes body text (`None`: the part).
    fn body_depth(&self) -> Option<usize> {
        (!self.stack.is_empty()).then(|| self.stack.len() - 1)
    }
}

/// Reads the parts of `lines[range]`, which starts at a part heading.
pub(super) fn read_parts(
    b: &mut Builder,
    lines: &[Line],
    headings: &[Option<Heading>],
    range: Range<usize>,
) -> Vec<RawPart> {
    let mut parts: Vec<RawPart> = Vec::new();
    let mut outline = Outline::default();
    let mut part_expected = 1u32;
    for i in range {
        let line = &lines[i];
        match headings[i].as_ref() {
            Some(h) if h.kind == Kind::Part => {
                check_part_number(b, h, line, &mut part_expected);
                parts.push(start_part(b, h, line));
                outline.clear();
            }
            Some(h) => {
                let Some(part) = parts.last_mut() else {
                    break;
                };
                match outline.enter(h.kind) {
                    Some(d) => add_section(b, part, &mut outline, d, h, line),
                    None => keep_too_deep(b, part, &outline, h, line),
                }
            }
            None => {
                let Some(part) = parts.last_mut() else {
                    break;
                };
                add_body_line(b, part, &outline, line);
            }
        }
    }
    parts
}

/// Flags a part number out of sequence (一、三、) and moves the expectation.
fn check_part_number(b: &mut Builder, h: &Heading, line: &Line, part_expected: &mut u32) {
    let Some(n) = h.number else {
        return;
    };
    if n != *part_expected {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: format!(
                "部分编号不连续：此处应为“{}”，原文为“{}”。编号会按位置重新生成。",
                fazhi_core::numbering::prefix(1, *part_expected as usize - 1),
                h.label
            ),
            excerpt: excerpt(&line.text),
        });
    }
    *part_expected = n + 1;
}

/// A new part from its heading line (and the text run into it).
fn start_part(b: &mut Builder, h: &Heading, line: &Line) -> RawPart {
    let id = fazhi_core::ids::new_id();
    b.note_block(line.block, &id);
    let mut part = RawPart {
        heading: h.text.clone(),
        role: role_of(&h.text),
        paragraphs: Vec::new(),
        sections: Vec::new(),
        id,
        source_label: h.label.clone(),
    };
    if let Some(body) = &h.body {
        part.paragraphs = b.paragraphs(body.clone(), line.block);
    }
    part
}

/// A section at depth `d` of the current part.
fn add_section(
    b: &mut Builder,
    part: &mut RawPart,
    outline: &mut Outline,
    d: usize,
    h: &Heading,
    line: &Line,
) {
    if let Some(n) = h.number {
        let want = outline.expected_next[d];
        if n != want {
            b.uncertain.push(Uncertain {
                node_id: None,
                message: format!(
                    "编号不连续：“{}”之前应为第 {want} 项，编号会按位置重新生成，请核对是否漏了内容。",
                    h.label
                ),
                excerpt: excerpt(&line.text),
            });
        }
        outline.expected_next[d] = n + 1;
    } else {
        outline.expected_next[d] += 1;
    }
    let mut s = Section::new(h.text.clone());
    b.note_block(line.block, &s.id);
    if let Some(body) = &h.body {
        b.run_in += 1;
        s.paragraphs = b.paragraphs(body.clone(), line.block);
    } else {
        b.own_line += 1;
    }
    let level = d + 2;
    b.recognised.push(Recognised {
        kind: RecognisedKind::Section,
        text: s.heading.clone(),
        node_id: Some(s.id.clone()),
        level: Some(level as u8),
        role: None,
    });
    sections_at(part, d).push(s);
}

/// A heading deeper than four levels: the line is kept as text.
fn keep_too_deep(b: &mut Builder, part: &mut RawPart, outline: &Outline, h: &Heading, line: &Line) {
    let ps = b.paragraphs(line.text.clone(), line.block);
    b.uncertain.push(Uncertain {
        node_id: ps.first().map(|p| p.id.clone()),
        message: format!(
            "“{}”是第五级或更深的标题，报告最多四级，已作为正文保留。",
            h.label
        ),
        excerpt: excerpt(&line.text),
    });
    paragraphs_at(part, outline.body_depth()).extend(ps);
}

/// A body line: a paragraph of the innermost open section.
fn add_body_line(b: &mut Builder, part: &mut RawPart, outline: &Outline, line: &Line) {
    if number_prefix(&line.text).is_some() {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: "这一段以编号开头，但不像小标题（没有以“。”结束的标题句），已作为正文保留。"
                .into(),
            excerpt: excerpt(&line.text),
        });
    }
    let ps = b.paragraphs(line.text.clone(), line.block);
    paragraphs_at(part, outline.body_depth()).extend(ps);
}

/// The section list at `depth` (0 = the part's own) along the last children.
fn sections_at(part: &mut RawPart, depth: usize) -> &mut Vec<Section> {
    let mut list = &mut part.sections;
    for _ in 0..depth {
        // The stack only records depths that exist, so the last child is there;
        // an empty list (never expected) stops the descent safely.
        if list.is_empty() {
            break;
        }
        let last = list.len() - 1;
        list = &mut list[last].sections;
    }
    list
}

fn paragraphs_at(part: &mut RawPart, depth: Option<usize>) -> &mut Vec<Paragraph> {
    let has_section = depth.is_some_and(|d| !sections_at(part, d).is_empty());
    match depth {
        Some(d) if has_section => {
            let list = sections_at(part, d);
            let last = list.len() - 1;
            &mut list[last].paragraphs
        }
        _ => &mut part.paragraphs,
    }
}
