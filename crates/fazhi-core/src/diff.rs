//! Comparing two versions of a report: which blocks (title, metadata lines,
//! headings, paragraphs) were added, removed or changed, and inside a changed
//! block which characters. Used by 历史版本 → 比较 and `fazhi diff`.
//!
//! Blocks are matched by their text in reading order (the `similar` crate's
//! Patience diff); a removed block followed by an added one that is at least
//! 40 % alike is shown as one changed block with character-level spans.

use serde::{Deserialize, Serialize};
use similar::{capture_diff_slices, Algorithm, ChangeTag, DiffOp, TextDiff};
use ts_rs::TS;

use crate::model::{Document, NodeKind};
use crate::numbering;

/// What a block of the report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BlockKind {
    /// The report's title.
    Title,
    /// A metadata line such as 成文日期 or 发文字号 (its label is in `label`).
    Meta,
    /// A part or section heading (`level` 1 to 4).
    Heading,
    Paragraph,
}

/// How a block differs between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Change {
    Same,
    Added,
    Removed,
    Changed,
}

/// A run of characters inside a block.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Span {
    /// `same`, `added` (only in the newer version) or `removed` (only in the older).
    pub change: Change,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiffBlock {
    pub change: Change,
    pub kind: BlockKind,
    /// 0 for paragraphs and metadata, 1 (一、) to 4 (（1）) for headings.
    pub level: u8,
    /// The derived number of a heading (一、（一）1.（1）) in the version that has it, newer first;
    /// for a cell's paragraph its place (第2行第3列).
    pub number: String,
    /// What a metadata line is (成文日期…); `表格` for a table (its text the
    /// title), `单元格` for a cell's paragraph; empty otherwise.
    pub label: String,
    /// The text in the older version (null when added).
    pub old: Option<String>,
    /// The text in the newer version (null when removed).
    pub new: Option<String>,
    /// Character-level spans: the whole text as one span unless `change` is `changed`.
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DiffStats {
    pub added: u32,
    pub removed: u32,
    pub changed: u32,
    /// Characters only in the newer / only in the older version.
    pub chars_added: u32,
    pub chars_removed: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Comparison {
    pub blocks: Vec<DiffBlock>,
    pub stats: DiffStats,
}

impl Comparison {
    /// Whether the two versions have the same text everywhere.
    pub fn is_same(&self) -> bool {
        self.blocks.iter().all(|b| b.change == Change::Same)
    }
}

/// One block of a flattened document.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    kind: BlockKind,
    level: u8,
    number: String,
    label: String,
    text: String,
}

impl Block {
    /// What is compared: the kind, the label and the text (not the derived number,
    /// so that a moved section shows as moved text, not as every heading changed).
    fn key(&self) -> (BlockKind, u8, &str, &str) {
        (self.kind, self.level, &self.label, &self.text)
    }
}

/// The `label` of a table's block (its text is the title, maybe empty).
pub const TABLE_LABEL: &str = "表格";
/// The `label` of a table cell's paragraph (its place is in `number`).
pub const CELL_LABEL: &str = "单元格";

/// Reads one metadata field of a document.
type MetaField = fn(&Document) -> Option<&str>;

const META: &[(&str, MetaField)] = &[
    ("主送机关", |d| d.addressee.as_deref()),
    ("发文字号", |d| d.doc_number.as_deref()),
    ("签发人", |d| d.signer.as_deref()),
    ("署名", |d| Some(d.signature_or_issuer())),
    ("成文日期", |d| d.date.as_deref()),
    ("附注", |d| d.note.as_deref()),
    ("抄送机关", |d| d.copy_to.as_deref()),
    ("印发机关", |d| d.printed_by.as_deref()),
    ("印发日期", |d| d.printed_on.as_deref()),
];

fn flatten(doc: &Document) -> Vec<Block> {
    let mut out = Vec::new();
    let block = |kind, level, number: String, label: &str, text: &str| Block {
        kind,
        level,
        number,
        label: label.to_string(),
        text: text.to_string(),
    };
    out.push(block(BlockKind::Title, 0, String::new(), "", &doc.title()));
    let para = |out: &mut Vec<Block>, text: &str| {
        out.push(block(BlockKind::Paragraph, 0, String::new(), "", text));
    };
    for n in doc.nodes() {
        match n.kind {
            // A cell's paragraph: labelled 单元格 (so cells pair with cells),
            // its place shown in `number` (not compared: a row inserted above
            // does not make every later cell a change).
            NodeKind::Paragraph if n.cell.is_some() => {
                let at = n.cell.unwrap_or(crate::model::CellAt {
                    row: 0,
                    col: 0,
                    index: 0,
                });
                out.push(block(
                    BlockKind::Paragraph,
                    0,
                    format!("第{}行第{}列", at.row + 1, at.col + 1),
                    CELL_LABEL,
                    n.text,
                ));
            }
            NodeKind::Paragraph => para(&mut out, n.text),
            // A table: its title, labelled 表格, so an added or removed table
            // shows even when it has no title.
            NodeKind::Table => out.push(block(
                BlockKind::Paragraph,
                0,
                String::new(),
                TABLE_LABEL,
                n.text,
            )),
            NodeKind::Part | NodeKind::Section => out.push(block(
                BlockKind::Heading,
                n.level as u8,
                numbering::prefix(n.level, n.index),
                "",
                n.text,
            )),
            NodeKind::Attachment => out.push(block(
                BlockKind::Heading,
                1,
                format!("附件{}", n.index + 1),
                "",
                n.text,
            )),
        }
    }
    for (label, get) in META {
        if let Some(v) = get(doc).map(str::trim).filter(|v| !v.is_empty()) {
            out.push(block(BlockKind::Meta, 0, String::new(), label, v));
        }
    }
    out
}

fn whole(change: Change, text: &str) -> Vec<Span> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Span {
            change,
            text: text.to_string(),
        }]
    }
}

/// Character-level spans from `old` to `new`, adjacent runs of one kind merged.
pub fn char_spans(old: &str, new: &str) -> Vec<Span> {
    let diff = TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_chars(old, new);
    let mut spans: Vec<Span> = Vec::new();
    for c in diff.iter_all_changes() {
        let change = match c.tag() {
            ChangeTag::Equal => Change::Same,
            ChangeTag::Insert => Change::Added,
            ChangeTag::Delete => Change::Removed,
        };
        match spans.last_mut() {
            Some(last) if last.change == change => last.text.push_str(c.value()),
            _ => spans.push(Span {
                change,
                text: c.value().to_string(),
            }),
        }
    }
    spans
}

/// How alike two texts are, 0 to 1 (shared characters over total).
fn similarity(old: &str, new: &str) -> f32 {
    if old.is_empty() && new.is_empty() {
        return 1.0;
    }
    TextDiff::configure()
        .algorithm(Algorithm::Patience)
        .diff_chars(old, new)
        .ratio()
}

fn count(s: &str) -> u32 {
    u32::try_from(s.chars().count()).unwrap_or(u32::MAX)
}

/// Compares `old` with `new`: every block of both in reading order, each marked.
pub fn compare(old: &Document, new: &Document) -> Comparison {
    let a = flatten(old);
    let b = flatten(new);
    let ka: Vec<_> = a.iter().map(Block::key).collect();
    let kb: Vec<_> = b.iter().map(Block::key).collect();
    let ops = capture_diff_slices(Algorithm::Patience, &ka, &kb);
    let mut blocks = Vec::with_capacity(a.len().max(b.len()));
    let mut stats = DiffStats::default();
    let removed = |blk: &Block, stats: &mut DiffStats| {
        stats.removed += 1;
        stats.chars_removed += count(&blk.text);
        DiffBlock {
            change: Change::Removed,
            kind: blk.kind,
            level: blk.level,
            number: blk.number.clone(),
            label: blk.label.clone(),
            old: Some(blk.text.clone()),
            new: None,
            spans: whole(Change::Removed, &blk.text),
        }
    };
    let added = |blk: &Block, stats: &mut DiffStats| {
        stats.added += 1;
        stats.chars_added += count(&blk.text);
        DiffBlock {
            change: Change::Added,
            kind: blk.kind,
            level: blk.level,
            number: blk.number.clone(),
            label: blk.label.clone(),
            old: None,
            new: Some(blk.text.clone()),
            spans: whole(Change::Added, &blk.text),
        }
    };
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    let (x, y) = (&a[old_index + k], &b[new_index + k]);
                    blocks.push(DiffBlock {
                        change: Change::Same,
                        kind: y.kind,
                        level: y.level,
                        number: y.number.clone(),
                        label: y.label.clone(),
                        old: Some(x.text.clone()),
                        new: Some(y.text.clone()),
                        spans: whole(Change::Same, &y.text),
                    });
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                for x in &a[old_index..old_index + old_len] {
                    blocks.push(removed(x, &mut stats));
                }
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                for y in &b[new_index..new_index + new_len] {
                    blocks.push(added(y, &mut stats));
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                // Pair the removed and added blocks in order while they are of
                // the same kind and alike enough; the rest are removed/added.
                let (xs, ys) = (
                    &a[old_index..old_index + old_len],
                    &b[new_index..new_index + new_len],
                );
                let pairs = |x: &Block, y: &Block| {
                    x.kind == y.kind
                        && x.level == y.level
                        && x.label == y.label
                        && similarity(&x.text, &y.text) >= 0.4
                };
                let (mut i, mut j) = (0, 0);
                while i < xs.len() || j < ys.len() {
                    match (xs.get(i), ys.get(j)) {
                        (Some(x), Some(y)) if pairs(x, y) => {
                            let spans = char_spans(&x.text, &y.text);
                            stats.changed += 1;
                            for s in &spans {
                                match s.change {
                                    Change::Added => stats.chars_added += count(&s.text),
                                    Change::Removed => stats.chars_removed += count(&s.text),
                                    _ => {}
                                }
                            }
                            blocks.push(DiffBlock {
                                change: Change::Changed,
                                kind: y.kind,
                                level: y.level,
                                number: y.number.clone(),
                                label: y.label.clone(),
                                old: Some(x.text.clone()),
                                new: Some(y.text.clone()),
                                spans,
                            });
                            i += 1;
                            j += 1;
                        }
                        // Not a pair: the older block goes first, unless a later
                        // newer block pairs with it (then the ones before are new).
                        (Some(x), Some(y)) => {
                            if ys[j + 1..].iter().any(|later| pairs(x, later)) {
                                blocks.push(added(y, &mut stats));
                                j += 1;
                            } else {
                                blocks.push(removed(x, &mut stats));
                                i += 1;
                            }
                        }
                        (None, Some(y)) => {
                            blocks.push(added(y, &mut stats));
                            j += 1;
                        }
                        (Some(x), None) => {
                            blocks.push(removed(x, &mut stats));
                            i += 1;
                        }
                        (None, None) => break,
                    }
                }
            }
        }
    }
    Comparison { blocks, stats }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Paragraph, Role, Section};
    use crate::template;

    fn doc() -> Document {
        let mut d = template::latest("statutory")
            .expect("template")
            .instantiate("梅河口市人民政府", 2019, false)
            .0;
        d.preface = vec![Paragraph::new(
            "2019年，我市坚持以习近平新时代中国特色社会主义思想为指导。",
        )];
        assert_eq!(d.parts[0].role, Role::Measures);
        let part = &mut d.parts[0];
        part.sections = vec![Section::new("依法全面履行政府职能")];
        part.sections[0].paragraphs = vec![
            Paragraph::new("深化“放管服”改革。"),
            Paragraph::new("优化营商环境。"),
        ];
        d
    }

    fn changes(c: &Comparison) -> Vec<(Change, BlockKind, String)> {
        c.blocks
            .iter()
            .filter(|b| b.change != Change::Same)
            .map(|b| (b.change, b.kind, b.new.clone().or(b.old.clone()).unwrap()))
            .collect()
    }

    #[test]
    fn identical_documents_are_the_same() {
        let d = doc();
        let c = compare(&d, &d.clone());
        assert!(c.is_same());
        assert_eq!(c.stats, DiffStats::default());
        assert!(c.blocks.iter().any(|b| b.kind == BlockKind::Title));
        let h = c
            .blocks
            .iter()
            .find(|b| b.text_is("依法全面履行政府职能"))
            .unwrap();
        assert_eq!(
            (h.kind, h.level, h.number.as_str()),
            (BlockKind::Heading, 2, "（一）")
        );
    }

    impl DiffBlock {
        fn text_is(&self, t: &str) -> bool {
            self.new.as_deref() == Some(t) || self.old.as_deref() == Some(t)
        }
    }

    #[test]
    fn a_changed_paragraph_has_character_spans() {
        let old = doc();
        let mut new = old.clone();
        new.parts[0].sections[0].paragraphs[0].text = "深入推进“放管服”改革。".into();
        let c = compare(&old, &new);
        let ch: Vec<_> = c
            .blocks
            .iter()
            .filter(|b| b.change != Change::Same)
            .collect();
        assert_eq!(ch.len(), 1, "{ch:?}");
        assert_eq!(ch[0].change, Change::Changed);
        assert_eq!(ch[0].old.as_deref(), Some("深化“放管服”改革。"));
        let joined = |keep: Change| -> String {
            ch[0]
                .spans
                .iter()
                .filter(|s| s.change == keep || s.change == Change::Same)
                .map(|s| s.text.as_str())
                .collect()
        };
        assert_eq!(joined(Change::Added), "深入推进“放管服”改革。");
        assert_eq!(joined(Change::Removed), "深化“放管服”改革。");
        assert!(ch[0]
            .spans
            .iter()
            .any(|s| s.change == Change::Added && s.text.contains("入推进")));
        assert!(ch[0]
            .spans
            .iter()
            .any(|s| s.change == Change::Removed && s.text == "化"));
        assert_eq!(c.stats.changed, 1);
        assert_eq!((c.stats.chars_added, c.stats.chars_removed), (3, 1));
    }

    #[test]
    fn added_and_removed_paragraphs_and_sections() {
        let old = doc();
        let mut new = old.clone();
        let part = &mut new.parts[0];
        part.sections[0].paragraphs.remove(1);
        let mut s = Section::new("推进法治政府建设");
        s.paragraphs.push(Paragraph::new("完善依法行政制度体系。"));
        part.sections.push(s);
        new.closing.push(Paragraph::new("特此报告。"));
        let c = compare(&old, &new);
        assert_eq!(
            changes(&c),
            vec![
                (
                    Change::Removed,
                    BlockKind::Paragraph,
                    "优化营商环境。".to_string()
                ),
                (
                    Change::Added,
                    BlockKind::Heading,
                    "推进法治政府建设".to_string()
                ),
                (
                    Change::Added,
                    BlockKind::Paragraph,
                    "完善依法行政制度体系。".to_string()
                ),
                (
                    Change::Added,
                    BlockKind::Paragraph,
                    "特此报告。".to_string()
                ),
            ]
        );
        let h = c
            .blocks
            .iter()
            .find(|b| b.text_is("推进法治政府建设"))
            .unwrap();
        assert_eq!(h.number, "（二）");
        assert_eq!((c.stats.added, c.stats.removed, c.stats.changed), (3, 1, 0));
    }

    #[test]
    fn unrelated_replacement_is_removed_then_added() {
        let old = doc();
        let mut new = old.clone();
        new.parts[0].sections[0].paragraphs[1].text = "全年办理行政复议案件一百二十件。".into();
        let c = compare(&old, &new);
        assert_eq!(
            changes(&c),
            vec![
                (
                    Change::Removed,
                    BlockKind::Paragraph,
                    "优化营商环境。".to_string()
                ),
                (
                    Change::Added,
                    BlockKind::Paragraph,
                    "全年办理行政复议案件一百二十件。".to_string()
                ),
            ]
        );
    }

    #[test]
    fn metadata_and_year_changes_show() {
        let old = doc();
        let mut new = old.clone();
        new.date = Some("2020-03-13".into());
        new.year = 2020;
        let c = compare(&old, &new);
        let date = c.blocks.iter().find(|b| b.label == "成文日期").unwrap();
        assert_eq!((date.change, date.kind), (Change::Added, BlockKind::Meta));
        let title = c
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Title)
            .unwrap();
        assert_eq!(title.change, Change::Changed);
        assert!(title
            .spans
            .iter()
            .any(|s| s.change == Change::Added && s.text == "20"));
    }

    #[test]
    fn moved_section_keeps_its_text_unchanged_apart_from_the_move() {
        let old = doc();
        let mut new = old.clone();
        let s = new.parts[0].sections.remove(0);
        new.parts[1].sections.push(s);
        let c = compare(&old, &new);
        // The heading's number is not compared: the move is one removal and one addition per block.
        assert_eq!(c.stats.changed, 0);
        assert_eq!(c.stats.added, c.stats.removed);
        assert!(c.stats.added >= 1);
        assert_eq!(c.stats.chars_added, c.stats.chars_removed);
    }

    #[test]
    fn empty_paragraphs_and_empty_docs_are_fine() {
        let mut old = doc();
        old.preface.push(Paragraph::new(""));
        let mut new = old.clone();
        new.preface.pop();
        let c = compare(&old, &new);
        assert_eq!(c.stats.removed, 1);
        assert!(c
            .blocks
            .iter()
            .any(|b| b.change == Change::Removed && b.spans.is_empty()));
    }
}
