//! Text blocks → report structure: chrome, title, addressee, preface, parts
//! mapped to statutory roles, nested sections, closing, signature and date.
//!
//! [`build`] runs the phases in order, each in its own module:
//! [`lines`] (cleaning, chrome), [`headings`] (numbered headings),
//! [`front`] (before part one), [`attachments`] (附件说明 and the 附件 pages at the
//! end), [`closing`] (after the last part),
//! [`parts`] (parts and nested sections), [`inference`] (issuer and year),
//! [`roles`] (the template's statutory parts) and [`recognised`] (the report
//! of what was found).

mod attachments;
mod closing;
mod front;
mod headings;
mod imprint;
mod inference;
mod lines;
mod parts;
mod recognised;
mod roles;
mod tables;

use fazhi_core::model::{DocSettings, HeadingStyle, DOC_SCHEMA_VERSION};
use fazhi_core::{Document, Paragraph, Role, Section};

use crate::{
    ImportError, ImportFormat, ImportOptions, ImportResult, ImportedComment, Recognised, Removed,
    Uncertain,
};

pub use front::title_like;
pub use lines::is_cjk;

use headings::{parse_heading, Heading, Kind};

/// Paragraphs longer than this are cut (the validator's limit is 50 000).
const MAX_PARAGRAPH: usize = 40_000;

/// A paragraph of the source with what its format says about it.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub text: String,
    /// DOCX outline level (0 = top) from the paragraph or its style.
    pub outline: Option<u8>,
    /// DOCX "Title" style.
    pub title_style: bool,
    /// A table holding data (its `text` is empty): put back into the report
    /// where it stood ([`tables`]).
    pub table: Option<crate::tables::RawTable>,
}

/// A comment before its anchor is mapped to a node.
#[derive(Debug, Clone, Default)]
pub struct RawComment {
    pub author: String,
    pub date: Option<String>,
    pub text: String,
    pub anchor_text: String,
    pub block: Option<usize>,
    pub reply_to: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Input {
    pub blocks: Vec<Block>,
    /// Chrome already taken out by the format reader (e.g. HTML navigation).
    pub removed: Vec<Removed>,
    pub comments: Vec<RawComment>,
}

impl Input {
    pub fn from_text(text: &str) -> Input {
        Input {
            blocks: text
                .lines()
                .map(|l| Block {
                    text: l.to_string(),
                    ..Block::default()
                })
                .collect(),
            ..Input::default()
        }
    }
}

/// A line after cleaning, with its source block.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    block: usize,
    outline: Option<u8>,
    title_style: bool,
}

/// A part as found in the source, before it is matched to the template.
struct RawPart {
    heading: String,
    role: Option<Role>,
    paragraphs: Vec<Paragraph>,
    sections: Vec<Section>,
    id: String,
    source_label: String,
}

/// What the phases collect along the way.
struct Builder {
    recognised: Vec<Recognised>,
    uncertain: Vec<Uncertain>,
    /// Node id per input block, for comments.
    block_nodes: Vec<Option<String>>,
    /// The last node each block became (a run-in heading's paragraph after
    /// its heading), for putting tables back after it ([`tables`]).
    block_last: Vec<Option<String>>,
    /// Sections whose heading runs into their first paragraph…
    run_in: usize,
    /// …and those whose heading stands on its own line.
    own_line: usize,
    /// The notes (places in `uncertain`) saying a part was added blank:
    /// [`roles::absorb_front`] rewords the first part's when it fills it.
    blank_part_notes: Vec<usize>,
}

fn excerpt(s: &str) -> String {
    let mut e: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        e.push('…');
    }
    e
}

/// Cuts a paragraph over the validator's limit after a 。 near the limit.
fn split_long(text: String) -> Vec<String> {
    if text.chars().count() <= MAX_PARAGRAPH {
        return vec![text];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut n = 0;
    for c in text.chars() {
        cur.push(c);
        n += 1;
        if (n >= MAX_PARAGRAPH - 2000 && c == '。') || n >= MAX_PARAGRAPH {
            out.push(std::mem::take(&mut cur));
            n = 0;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

impl Builder {
    fn new(blocks: usize) -> Builder {
        Builder {
            recognised: Vec::new(),
            uncertain: Vec::new(),
            block_nodes: vec![None; blocks],
            block_last: vec![None; blocks],
            run_in: 0,
            own_line: 0,
            blank_part_notes: Vec::new(),
        }
    }

    fn paragraphs(&mut self, text: String, block: usize) -> Vec<Paragraph> {
        let parts = split_long(text);
        if parts.len() > 1 {
            self.uncertain.push(Uncertain {
                node_id: None,
                message: format!(
                    "一段文字超过 {MAX_PARAGRAPH} 字，已拆成 {} 段，请核对。",
                    parts.len()
                ),
                excerpt: excerpt(&parts[0]),
            });
        }
        let ps: Vec<Paragraph> = parts.into_iter().map(Paragraph::new).collect();
        if let Some(p) = ps.first() {
            self.note_block(block, &p.id);
        }
        if let (Some(p), Some(slot)) = (ps.last(), self.block_last.get_mut(block)) {
            *slot = Some(p.id.clone());
        }
        ps
    }

    /// The paragraphs of the lines at `indexes`.
    fn paragraphs_of(&mut self, lines: &[Line], indexes: &[usize]) -> Vec<Paragraph> {
        let mut out = Vec::new();
        for &i in indexes {
            out.extend(self.paragraphs(lines[i].text.clone(), lines[i].block));
        }
        out
    }

    fn note_block(&mut self, block: usize, id: &str) {
        for slots in [&mut self.block_nodes, &mut self.block_last] {
            if let Some(slot) = slots.get_mut(block) {
                if slot.is_none() {
                    *slot = Some(id.to_string());
                }
            }
        }
    }

    /// Run-in when most sections ran their heading into the text.
    fn heading_style(&self) -> HeadingStyle {
        if self.run_in > self.own_line {
            HeadingStyle::RunIn
        } else {
            HeadingStyle::Separate
        }
    }
}

pub fn build(
    file: &str,
    input: Input,
    opts: &ImportOptions,
    format: ImportFormat,
    encoding: String,
) -> Result<ImportResult, ImportError> {
    let mut removed = input.removed;
    let mut blocks = input.blocks;
    tables::from_text_rows(&mut blocks);
    tables::take_titles(&mut blocks);
    let table_blocks = tables::positions(&blocks);
    let mut lines = lines::read_lines(&blocks, &mut removed);
    lines::require_chinese(file, &lines)?;
    // The 版记 ends a filing copy, after the 附件 pages: taken first so that neither
    // the last part nor the last attachment keeps it as text.
    let imprint = imprint::take(&mut lines);
    let mut b = Builder::new(blocks.len());

    let mut headings: Vec<Option<Heading>> = lines.iter().map(parse_heading).collect();
    tables::notes_are_no_headings(&lines, &mut headings, &table_blocks);
    let first_part = headings
        .iter()
        .position(|h| h.as_ref().is_some_and(|h| h.kind == Kind::Part));
    let front = front::read_front(&lines, first_part.unwrap_or(lines.len()));
    // 附件 pages at the end, then the tail before them, then the 附件说明 just
    // above the tail: none of them belongs to the last part.
    let (pages_start, pages) = attachments::read_pages(
        &lines,
        first_part.map_or(lines.len(), |p| p + 1),
        &table_blocks,
    );
    let mut tail = closing::read_tail(&lines[..pages_start], &headings, first_part);
    let listed = first_part.and_then(|fp| attachments::read_note(&lines, fp + 1, tail.start));
    if let Some((at, _)) = &listed {
        tail.start = *at;
    }
    let raw_parts = match first_part {
        Some(fp) => parts::read_parts(&mut b, &lines, &headings, fp..tail.start),
        None => Vec::new(),
    };
    for &i in &front.dropped {
        removed.push(Removed {
            text: lines[i].text.clone(),
            reason: "标题前的网页文字".into(),
        });
    }
    let mut preface = b.paragraphs_of(&lines, &front.preface_lines);
    let closing = b.paragraphs_of(&lines, &tail.closing_lines);
    let attachments = import_attachments(&mut b, &lines, pages, listed.map(|(_, t)| t));
    if first_part.is_none() {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: "没有找到“一、二、三、四”部分标题，全部正文已放在第一部分，请手工划分各部分。"
                .into(),
            excerpt: String::new(),
        });
    }

    let signature = tail.signature();
    let title = front.title.as_deref();
    let page_organs = page_organs(&removed);
    let (issuer, issuer_source, issuer_note) = inference::issuer(
        opts,
        title,
        signature.as_deref().or(front.cover_signature.as_deref()),
        &lines,
        &page_organs,
    );
    let date = tail
        .date
        .as_ref()
        .map(|(iso, _)| iso.as_str())
        .or(front.cover_date.as_deref());
    note_cover_letter(&mut b, front.cover_letter, &preface);
    let (year, year_source, year_note) = inference::year(opts, title, &raw_parts, &preface, date);
    inference::flag_missing(&mut b, issuer_source, year, year_source);
    inference::note_guesses(&mut b, [issuer_note, year_note]);

    let tpl = roles::choose_template(file, opts, &raw_parts)?;
    let (placed, leftover_front) = roles::place_parts(&mut b, raw_parts, tpl);
    let source_order: Vec<Role> = placed.iter().filter_map(|p| p.role).collect();
    let mut parts = roles::fill_template(&mut b, tpl, placed, year, first_part.is_some());
    roles::absorb_front(&mut b, &mut parts, leftover_front);
    roles::check_order(&mut b, tpl, &source_order);
    // No part headings: the whole body is the first part's text.
    if first_part.is_none() {
        if let Some(first) = parts.first_mut() {
            first.paragraphs = std::mem::take(&mut preface);
        }
    }

    let body_recognised = std::mem::take(&mut b.recognised);
    let recognised =
        recognised::in_reading_order(&front, &preface, &parts, body_recognised, &closing, &tail);
    let title_override = front.title.as_ref().and_then(|t| {
        (t.as_str() != fazhi_core::model::derived_title(&issuer, year)).then(|| t.clone())
    });
    let mut document = Document {
        schema_version: DOC_SCHEMA_VERSION,
        issuer: issuer.clone(),
        year,
        title_override,
        addressee: front.addressee,
        doc_number: front.doc_number,
        signer: front.signer,
        signature: signature.filter(|s| *s != issuer),
        date: tail.date.map(|(d, _)| d).or(front.cover_date.clone()),
        note: tail.note,
        copy_to: imprint.copy_to,
        printed_by: imprint.printed_by,
        printed_on: imprint.printed_on,
        // The 版头's mark is kept only where it says more than the issuer (…文件, joint
        // issuers): null prints the issuer.
        issuer_mark: front.issuer_mark.filter(|m| *m != issuer),
        copy_number: None,
        secrecy: None,
        urgency: None,
        sealed: true,
        attachments,
        template: tpl.reference(),
        settings: DocSettings {
            heading_style: b.heading_style(),
        },
        preface,
        parts,
        closing,
    };
    let raw_tables: Vec<(usize, crate::tables::RawTable)> = blocks
        .into_iter()
        .enumerate()
        .filter_map(|(i, bl)| Some((i, bl.table?)))
        .collect();
    tables::put_back(&mut b, &mut document, raw_tables);
    let comments = anchor_comments(input.comments, &b.block_nodes);
    Ok(ImportResult {
        document,
        format,
        encoding,
        issuer,
        issuer_source,
        year,
        year_source,
        recognised,
        removed,
        uncertain: b.uncertain,
        comments,
    })
}

/// The organs the page's removed lines name as its source (来源：上海市生态环境局).
fn page_organs(removed: &[Removed]) -> Vec<String> {
    removed
        .iter()
        .filter_map(|r| crate::chrome::source_organ(&r.text))
        .collect()
}

/// Says so when the source is a covering letter (`letter` paragraphs) with
/// the report after 附件: the letter's words stay at the preface's start.
fn note_cover_letter(b: &mut Builder, letter: usize, preface: &[Paragraph]) {
    if letter == 0 {
        return;
    }
    b.uncertain.push(Uncertain {
        node_id: preface.first().map(|p| p.id.clone()),
        message: format!(
            "原文是一封报送函（{letter} 段）附上报告，报告从“附件”后的标题开始；报送函的文字已留在前言开头，请核对是否删去。"
        ),
        excerpt: preface.first().map(|p| excerpt(&p.text)).unwrap_or_default(),
    });
}

/// The attachments as the report's: their pages when the source has them (titles
/// from the 附件说明 where a page lacks one), else the 附件说明's titles alone.
fn import_attachments(
    b: &mut Builder,
    lines: &[Line],
    pages: Vec<attachments::RawAttachment>,
    listed: Option<Vec<String>>,
) -> Vec<fazhi_core::model::Attachment> {
    let listed = listed.unwrap_or_default();
    if pages.is_empty() {
        return listed
            .into_iter()
            .map(fazhi_core::model::Attachment::new)
            .collect();
    }
    pages
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let mut a = fazhi_core::model::Attachment::new(if p.title.is_empty() {
                listed.get(i).cloned().unwrap_or_default()
            } else {
                p.title
            });
            // A table right under the title goes to this attachment.
            for &i in &p.head {
                b.note_block(lines[i].block, &a.id);
            }
            a.paragraphs = b.paragraphs_of(lines, &p.lines);
            a
        })
        .collect()
}

/// Comments with their block mapped to the node that block became.
fn anchor_comments(
    comments: Vec<RawComment>,
    block_nodes: &[Option<String>],
) -> Vec<ImportedComment> {
    comments
        .into_iter()
        .map(|c| ImportedComment {
            node_id: c.block.and_then(|i| block_nodes.get(i).cloned().flatten()),
            author: c.author,
            date: c.date,
            text: c.text,
            anchor_text: c.anchor_text,
            reply_to: c.reply_to,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_paragraphs_are_cut_without_loss() {
        let text = "法治。".repeat(30_000);
        let parts = split_long(text.clone());
        assert!(parts.len() >= 2);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_PARAGRAPH));
        assert_eq!(parts.concat(), text);
    }
}
