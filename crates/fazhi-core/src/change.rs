//! A reviewer's 修订 (tracked change): where it sits, what it does to the text,
//! and how it follows edits. Plain document logic, below the store (the table
//! is [`crate::store::changes`], the review actions [`crate::review::changes`]).
//!
//! The working copy keeps the ORIGINAL text; a pending change is an overlay: a
//! start and an end position (a node id and an offset in Unicode scalar values
//! of the node's own text, as [`crate::anchor`] counts), the quoted original
//! text between them, the new text, and context either side for re-anchoring.
//!
//! Positions across nodes are read on the document's *flat text*: every text
//! node of [`Document::nodes`] in reading order, joined by `"\n"`. A change
//! whose end lies in a later node covers the node breaks between (its `old`
//! holds them as `"\n"`); a `"\n"` in `new` is a paragraph break (an insertion
//! that splits a paragraph). Deleting a node break merges two nodes.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

use crate::anchor;
use crate::identity::ReviewRole;
use crate::model::{Attachment, Document, Paragraph, Part, Section};

/// Characters of context kept either side of a change.
pub const CONTEXT_CHARS: usize = 24;
/// Longest old or new text of one change.
pub const MAX_CHANGE_CHARS: usize = 20_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ChangeKind {
    /// Text added (`old` empty).
    Insert,
    /// Text removed (`new` empty).
    Delete,
    /// Text replaced.
    Replace,
}

impl ChangeKind {
    pub fn of(old: &str, new: &str) -> Option<ChangeKind> {
        match (old.is_empty(), new.is_empty()) {
            (true, true) => None,
            (true, false) => Some(ChangeKind::Insert),
            (false, true) => Some(ChangeKind::Delete),
            (false, false) => Some(ChangeKind::Replace),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Insert => "insert",
            ChangeKind::Delete => "delete",
            ChangeKind::Replace => "replace",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Insert => "插入",
            ChangeKind::Delete => "删除",
            ChangeKind::Replace => "替换",
        }
    }

    pub fn parse(s: &str) -> Option<ChangeKind> {
        [ChangeKind::Insert, ChangeKind::Delete, ChangeKind::Replace]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ChangeStatus {
    Pending,
    Accepted,
    Rejected,
}

impl ChangeStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeStatus::Pending => "pending",
            ChangeStatus::Accepted => "accepted",
            ChangeStatus::Rejected => "rejected",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ChangeStatus::Pending => "待处理",
            ChangeStatus::Accepted => "已接受",
            ChangeStatus::Rejected => "已拒绝",
        }
    }

    pub fn parse(s: &str) -> Option<ChangeStatus> {
        [
            ChangeStatus::Pending,
            ChangeStatus::Accepted,
            ChangeStatus::Rejected,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A place in the text: a node (paragraph, or the part/section/attachment
/// whose heading it is) and an offset in Unicode scalar values of its text
/// (0 ..= the text's length).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangePos {
    pub node_id: String,
    pub offset: u32,
}

/// A suggested change as stored and listed (TypeScript: `TrackedChange`,
/// beside the diff's `Change`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "TrackedChange")]
pub struct Change {
    pub id: String,
    pub report_id: String,
    pub kind: ChangeKind,
    pub start: ChangePos,
    /// Equal to `start` for an insertion; may be in a later node.
    pub end: ChangePos,
    /// The original text between `start` and `end` (node breaks as "\n").
    pub old: String,
    /// The suggested text ("\n" = a paragraph break).
    pub new: String,
    /// Up to [`CONTEXT_CHARS`] characters of the flat text before `start`.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters of the flat text after `end`.
    pub suffix: String,
    pub author: String,
    pub role: Option<ReviewRole>,
    pub created_at: String,
    pub status: ChangeStatus,
    /// Who accepted or rejected it, and when.
    pub decided_by: Option<String>,
    pub decided_at: Option<String>,
    /// The original text is no longer where it was and was not found again
    /// (原文已变): listed, never applied, only rejected.
    pub orphaned: bool,
    /// Top-level part holding `start` (`None`: preface, closing, attachments).
    pub part_id: Option<String>,
    /// Where it is, in words (一、…… 第2段), for lists.
    pub location: String,
    /// Suggested by the library's identity.
    pub mine: bool,
}

/// Where a new suggestion goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ChangeTarget {
    /// From `start` to `end` (equal for an insertion).
    Range { start: ChangePos, end: ChangePos },
    /// The `occurrence`-th (1-based, default 1) match of `quote` in the flat
    /// text (reading order; may span nodes with "\n").
    Quote {
        quote: String,
        #[serde(default)]
        occurrence: Option<u32>,
    },
}

/// The editor's word on one change at save time (`save_report_reviewed`):
/// an existing change (`id` known) at its current place, or a new one (`id`
/// absent, or a fresh 12-hex id the editor chose for its mark).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangeUpdate {
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    pub start: ChangePos,
    pub end: ChangePos,
    pub new: String,
}

/// A change arriving from elsewhere (a reviewed DOCX's w:ins/w:del), anchored
/// by its text and context; `start`/`end` when the importer knows the place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewChange {
    #[serde(default)]
    #[ts(optional)]
    pub id: Option<String>,
    pub author: String,
    #[serde(default)]
    pub role: Option<ReviewRole>,
    /// ISO 8601; now when absent.
    #[serde(default)]
    pub created_at: Option<String>,
    /// The original text the change removes ("" for an insertion).
    pub old: String,
    pub new: String,
    /// Original text just before the change (the more, the surer the place).
    #[serde(default)]
    pub prefix: String,
    /// Original text just after it.
    #[serde(default)]
    pub suffix: String,
    #[serde(default)]
    #[ts(optional)]
    pub start: Option<ChangePos>,
    #[serde(default)]
    #[ts(optional)]
    pub end: Option<ChangePos>,
}

/// Why a change was refused. `Display` is the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ChangeError {
    #[error("找不到修订：{0}")]
    NotFound(String),
    #[error("修订编号无效：{0}（应为字母、数字组成的编号）")]
    BadId(String),
    #[error("修订的位置无效：{0}")]
    BadPosition(String),
    #[error("报告中找不到“{quote}”{}", occurrence_note(*.occurrence))]
    QuoteNotFound { quote: String, occurrence: u32 },
    #[error("修订没有改动任何文字")]
    NoChange,
    #[error("修订文字过长（{len}字，上限{MAX_CHANGE_CHARS}字）")]
    TooLong { len: usize },
    #[error("修订文字含有控制字符")]
    ControlChars,
    #[error("这处修订与{author}的另一处修订重叠；请先接受或拒绝那处修订")]
    Overlaps { author: String },
    #[error("这处修订接受后，报告将不符合法定结构：{0}")]
    BreaksTemplate(String),
    #[error("报告处于审阅中，审核人不能直接修改正文；请在修订模式下提出修改建议（原文保持不变）")]
    ReviewerMustSuggest,
    #[error("审核人不能接受修订；请由起草人或签发人接受")]
    ReviewerCannotAccept,
    #[error("只能撤回自己的修订（此处由{0}提出）")]
    NotYours(String),
    #[error("不能修改他人的修订（此处由{0}提出）")]
    OthersChange(String),
    #[error("这处修订已{0}，不能再处理")]
    AlreadyDecided(&'static str),
    #[error("这处修订的原文已不在报告中（已失效），只能拒绝")]
    Orphaned,
    #[error("修订不能跨越表格，也不能在表格内分段；请分别修改表格内外的文字")]
    Table,
    #[error("报告处于“{0}”状态，不能再提出修订")]
    Locked(&'static str),
    #[error("定稿前须处理完：{errors}项检查错误、{open}条未解决批注、{changes}处待处理修订；如确需定稿，请选择“仍然定稿”并填写理由")]
    FinalizeBlocked {
        errors: u32,
        open: i64,
        changes: i64,
    },
}

fn occurrence_note(n: u32) -> String {
    if n > 1 {
        format!("（第{n}处）")
    } else {
        String::new()
    }
}

impl ChangeError {
    pub fn code(&self) -> &'static str {
        match self {
            ChangeError::NotFound(_) => "change_not_found",
            ChangeError::BadId(_) => "bad_change_id",
            ChangeError::BadPosition(_) => "bad_change_position",
            ChangeError::QuoteNotFound { .. } => "quote_not_found",
            ChangeError::NoChange => "no_change",
            ChangeError::TooLong { .. } => "too_long",
            ChangeError::ControlChars => "control_chars",
            ChangeError::Overlaps { .. } => "change_overlaps",
            ChangeError::BreaksTemplate(_) => "change_breaks_template",
            ChangeError::ReviewerMustSuggest => "reviewer_must_suggest",
            ChangeError::ReviewerCannotAccept => "reviewer_cannot_accept",
            ChangeError::NotYours(_) => "not_your_change",
            ChangeError::OthersChange(_) => "others_change",
            ChangeError::AlreadyDecided(_) => "change_decided",
            ChangeError::Orphaned => "change_orphaned",
            ChangeError::Table => "change_table",
            ChangeError::Locked(_) => "locked",
            ChangeError::FinalizeBlocked { .. } => "finalize_blocked",
        }
    }
}

/// Checks a change's new text: length and control characters (line breaks
/// are paragraph breaks; CRLF is read as one).
pub fn clean_new_text(s: &str) -> Result<String, ChangeError> {
    let t = s.replace("\r\n", "\n").replace('\r', "\n");
    if t.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(ChangeError::ControlChars);
    }
    let len = t.chars().count();
    if len > MAX_CHANGE_CHARS {
        return Err(ChangeError::TooLong { len });
    }
    Ok(t)
}

// ---- the flat text ------------------------------------------------------------

/// The document's text nodes in reading order joined by "\n", with where each
/// node starts.
#[derive(Debug, Clone)]
pub struct Flat {
    pub chars: Vec<char>,
    /// (node id, start in `chars`, length, top-level part).
    pub nodes: Vec<(String, usize, usize, Option<String>)>,
}

impl Flat {
    pub fn of(doc: &Document) -> Flat {
        let mut chars = Vec::new();
        let mut nodes = Vec::new();
        for (i, (id, text, part)) in anchor::text_nodes(doc).into_iter().enumerate() {
            if i > 0 {
                chars.push('\n');
            }
            let start = chars.len();
            chars.extend(text.chars());
            nodes.push((id, start, chars.len() - start, part));
        }
        Flat { chars, nodes }
    }

    /// Index of the node with this id.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.0 == id)
    }

    /// The flat offset of a position, `None` when the node is gone or the
    /// offset lies past its text.
    pub fn offset(&self, p: &ChangePos) -> Option<usize> {
        let (_, start, len, _) = &self.nodes[self.node_index(&p.node_id)?];
        (p.offset as usize <= *len).then_some(start + p.offset as usize)
    }

    /// The position of a flat offset (a node break counts as the end of the
    /// node before it).
    pub fn pos(&self, at: usize) -> ChangePos {
        let i = self
            .nodes
            .iter()
            .rposition(|n| n.1 <= at)
            .unwrap_or_default();
        match self.nodes.get(i) {
            Some((id, start, len, _)) => ChangePos {
                node_id: id.clone(),
                offset: (at - start).min(*len) as u32,
            },
            None => ChangePos {
                node_id: String::new(),
                offset: 0,
            },
        }
    }

    pub fn slice(&self, a: usize, b: usize) -> String {
        self.chars[a.min(self.chars.len())..b.min(self.chars.len())]
            .iter()
            .collect()
    }

    /// (prefix, suffix) context of `a..b`.
    pub fn context(&self, a: usize, b: usize) -> (String, String) {
        (
            self.slice(a.saturating_sub(CONTEXT_CHARS), a),
            self.slice(b, b + CONTEXT_CHARS),
        )
    }

    /// The flat range of a change's positions, `None` when either is gone or
    /// the end precedes the start.
    pub fn range(&self, start: &ChangePos, end: &ChangePos) -> Option<(usize, usize)> {
        let (a, b) = (self.offset(start)?, self.offset(end)?);
        (a <= b).then_some((a, b))
    }

    /// Start positions of every occurrence of `q` (non-empty).
    fn occurrences(&self, q: &[char]) -> Vec<usize> {
        if q.is_empty() || q.len() > self.chars.len() {
            return Vec::new();
        }
        (0..=self.chars.len() - q.len())
            .filter(|&i| self.chars[i..i + q.len()] == *q)
            .collect()
    }

    /// The `occurrence`-th (1-based) match of `quote`.
    pub fn find(&self, quote: &str, occurrence: u32) -> Option<(usize, usize)> {
        let q: Vec<char> = quote.chars().collect();
        let at = *self.occurrences(&q).get(occurrence.max(1) as usize - 1)?;
        Some((at, at + q.len()))
    }

    fn context_score(&self, a: usize, b: usize, prefix: &[char], suffix: &[char]) -> usize {
        let before = prefix
            .iter()
            .rev()
            .zip(self.chars[..a].iter().rev())
            .take_while(|(x, y)| x == y)
            .count();
        let after = suffix
            .iter()
            .zip(self.chars[b..].iter())
            .take_while(|(x, y)| x == y)
            .count();
        before + after
    }

    /// Where a change with this original text and context sits now: its old
    /// place when the text there is still `old` (for an insertion: when the
    /// node is there and the context agrees at least as well as anywhere
    /// else), else the best match by context, nearest the old place among
    /// equals; `None` (orphaned) when the text is gone or the match is
    /// ambiguous without context.
    pub fn reanchor(
        &self,
        old: &str,
        prefix: &str,
        suffix: &str,
        hint: Option<(usize, usize)>,
    ) -> Option<(usize, usize)> {
        let q: Vec<char> = old.chars().collect();
        let prefix: Vec<char> = prefix.chars().collect();
        let suffix: Vec<char> = suffix.chars().collect();
        let near = hint.map(|h| h.0).unwrap_or(0);
        let candidates: Vec<usize> = if q.is_empty() {
            // An insertion: where the old context meets.
            let mut c: Vec<usize> = Vec::new();
            if !prefix.is_empty() {
                c.extend(
                    self.occurrences(&prefix)
                        .into_iter()
                        .map(|i| i + prefix.len()),
                );
            }
            if !suffix.is_empty() {
                c.extend(self.occurrences(&suffix));
            }
            if let Some((h, _)) = hint {
                c.push(h);
            }
            c.sort_unstable();
            c.dedup();
            c
        } else {
            self.occurrences(&q)
        };
        let n = q.len();
        if let Some((a, b)) = hint {
            if !q.is_empty() && b == a + n && b <= self.chars.len() && self.chars[a..b] == *q {
                return Some((a, b));
            }
        }
        let scored: Vec<(usize, usize)> = candidates
            .iter()
            .map(|&a| (self.context_score(a, a + n, &prefix, &suffix), a))
            .collect();
        let best = scored.iter().map(|s| s.0).max()?;
        if q.is_empty() {
            // An insertion with context needs some of it to agree.
            if best == 0 && !(prefix.is_empty() && suffix.is_empty()) {
                return None;
            }
        } else if scored.len() > 1 && best == 0 {
            return None;
        }
        let at = scored
            .iter()
            .filter(|s| s.0 == best)
            .min_by_key(|s| s.1.abs_diff(near))?
            .1;
        Some((at, at + n))
    }
}

/// Where a position is, in words: the heading (with its number) holding it,
/// and the paragraph's number under it; in a table, the table's number under
/// the heading and the cell (第1个表格第2行第3列), as the checks name them.
/// A table's cells do not count as paragraphs.
pub fn describe_location(doc: &Document, node_id: &str) -> String {
    use crate::model::{NodeKind, Region};
    let mut heading = String::new();
    let mut para = 0usize;
    let mut tables = 0usize;
    for n in doc.nodes() {
        // The preface and the closing have no heading of their own: named so,
        // counted from their first paragraph.
        let region = match n.region {
            Region::Preface => Some("开头"),
            Region::Closing => Some("结尾"),
            _ => None,
        };
        if let Some(r) = region.filter(|r| heading != *r) {
            heading = r.to_string();
            para = 0;
            tables = 0;
        }
        match n.kind {
            NodeKind::Paragraph if n.cell.is_some() => {}
            NodeKind::Paragraph => para += 1,
            NodeKind::Table => tables += 1,
            NodeKind::Part | NodeKind::Section => {
                heading = format!("{}{}", crate::numbering::prefix(n.level, n.index), n.text);
                para = 0;
                tables = 0;
            }
            NodeKind::Attachment => {
                heading = format!("附件 {}", n.text);
                para = 0;
                tables = 0;
            }
        }
        if n.id == node_id {
            let head: String = heading.chars().take(20).collect();
            return match (n.kind, n.cell) {
                (NodeKind::Paragraph, Some(at)) => {
                    format!(
                        "{head} 第{tables}个表格第{}行第{}列",
                        at.row + 1,
                        at.col + 1
                    )
                }
                (NodeKind::Paragraph, None) => format!("{head} 第{para}段"),
                (NodeKind::Table, _) => format!("{head} 第{tables}个表格表题"),
                _ => format!("标题 {head}"),
            };
        }
    }
    "（位置已失效）".into()
}

// ---- applying changes ---------------------------------------------------------

/// A node of the tree as a flat block: the struct itself with its children
/// taken out (put back by [`rebuild`]), so that every other field survives.
#[derive(Debug, Clone)]
enum Block {
    Para(Region, Paragraph),
    Part(Part),
    Section(usize, Section),
    Attachment(Attachment),
}

/// Where a paragraph block stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Region {
    Preface,
    Body,
    Closing,
    Attachment,
}

impl Block {
    fn id(&self) -> &str {
        match self {
            Block::Para(_, p) => &p.id,
            Block::Part(p) => &p.id,
            Block::Section(_, s) => &s.id,
            Block::Attachment(a) => &a.id,
        }
    }

    fn text(&self) -> &str {
        match self {
            Block::Para(_, p) => &p.text,
            Block::Part(p) => &p.heading,
            Block::Section(_, s) => &s.heading,
            Block::Attachment(a) => &a.title,
        }
    }

    fn set_text(&mut self, t: String) {
        match self {
            Block::Para(_, p) => p.text = t,
            Block::Part(p) => p.heading = t,
            Block::Section(_, s) => s.heading = t,
            Block::Attachment(a) => a.title = t,
        }
    }

    /// A table block (its text lives in its cells): changes do not cross it.
    fn is_table(&self) -> bool {
        match self {
            Block::Para(_, p) => p.table.is_some(),
            _ => false,
        }
    }
}

fn blocks(doc: &Document) -> Vec<Block> {
    fn section(out: &mut Vec<Block>, s: &Section, level: usize) {
        let mut head = s.clone();
        head.paragraphs.clear();
        head.sections.clear();
        out.push(Block::Section(level, head));
        out.extend(
            s.paragraphs
                .iter()
                .map(|p| Block::Para(Region::Body, p.clone())),
        );
        for c in &s.sections {
            section(out, c, level + 1);
        }
    }
    let mut out: Vec<Block> = doc
        .preface
        .iter()
        .map(|p| Block::Para(Region::Preface, p.clone()))
        .collect();
    for part in &doc.parts {
        let mut head = part.clone();
        head.paragraphs.clear();
        head.sections.clear();
        out.push(Block::Part(head));
        out.extend(
            part.paragraphs
                .iter()
                .map(|p| Block::Para(Region::Body, p.clone())),
        );
        for s in &part.sections {
            section(&mut out, s, 2);
        }
    }
    out.extend(
        doc.closing
            .iter()
            .map(|p| Block::Para(Region::Closing, p.clone())),
    );
    for a in &doc.attachments {
        let mut head = a.clone();
        head.paragraphs.clear();
        out.push(Block::Attachment(head));
        out.extend(
            a.paragraphs
                .iter()
                .map(|p| Block::Para(Region::Attachment, p.clone())),
        );
    }
    out
}

/// The container a section path names (`path`: section indices below the part).
fn container<'a>(
    part: &'a mut Part,
    path: &[usize],
) -> (&'a mut Vec<Paragraph>, &'a mut Vec<Section>) {
    let Some((first, rest)) = path.split_first() else {
        return (&mut part.paragraphs, &mut part.sections);
    };
    let mut s = &mut part.sections[*first];
    for i in rest {
        s = &mut s.sections[*i];
    }
    (&mut s.paragraphs, &mut s.sections)
}

/// The tree again from its blocks. A paragraph goes to the last open heading
/// (so the paragraphs of a section whose heading was deleted join the section
/// or part before it); a section to the last open heading one level up.
fn rebuild(doc: &Document, blocks: Vec<Block>) -> Document {
    let mut out = doc.clone();
    out.preface.clear();
    out.parts.clear();
    out.closing.clear();
    out.attachments.clear();
    // Section indices below the current part.
    let mut path: Vec<usize> = Vec::new();
    for b in blocks {
        match b {
            Block::Para(Region::Preface, p) => out.preface.push(p),
            Block::Para(Region::Closing, p) => out.closing.push(p),
            Block::Para(Region::Attachment, p) => match out.attachments.last_mut() {
                Some(a) => a.paragraphs.push(p),
                None => out.closing.push(p),
            },
            Block::Para(Region::Body, p) => match out.parts.last_mut() {
                Some(part) => container(part, &path).0.push(p),
                None => out.preface.push(p),
            },
            Block::Part(p) => {
                out.parts.push(p);
                path.clear();
            }
            Block::Section(level, s) => match out.parts.last_mut() {
                Some(part) => {
                    // The container for level L is at depth L - 2 below the part.
                    path.truncate(level.saturating_sub(2));
                    let (_, sections) = container(part, &path);
                    sections.push(s);
                    path.push(sections.len() - 1);
                }
                None => out.preface.push(Paragraph::new(s.heading)),
            },
            Block::Attachment(a) => out.attachments.push(a),
        }
    }
    out
}

/// Replaces `start..end` with `new` in `doc` (no other check: the caller
/// validates the result).
pub fn apply_one(
    doc: &Document,
    start: &ChangePos,
    end: &ChangePos,
    new: &str,
) -> Result<Document, ChangeError> {
    // Within one paragraph (a table's cell included): the text alone changes.
    if start.node_id == end.node_id && !new.contains('\n') {
        let mut out = doc.clone();
        if let Some(p) = out
            .paragraph_mut(&start.node_id)
            .filter(|p| p.table.is_none())
        {
            let t: Vec<char> = p.text.chars().collect();
            let (s, e) = (start.offset as usize, end.offset as usize);
            if s > e || e > t.len() {
                return Err(ChangeError::BadPosition(
                    "起点在终点之后，或超出段落长度".to_string(),
                ));
            }
            p.text = t[..s]
                .iter()
                .copied()
                .chain(new.chars())
                .chain(t[e..].iter().copied())
                .collect();
            return Ok(out);
        }
    }
    let mut bs = blocks(doc);
    let find = |id: &str| bs.iter().position(|b| b.id() == id);
    let bad = |what: &str| ChangeError::BadPosition(what.to_string());
    let (Some(i), Some(j)) = (find(&start.node_id), find(&end.node_id)) else {
        // A node outside the blocks is a table's title or cell paragraph.
        let flat = Flat::of(doc);
        if flat.node_index(&start.node_id).is_some() && flat.node_index(&end.node_id).is_some() {
            return Err(ChangeError::Table);
        }
        return Err(bad("所在段落已不存在"));
    };
    let ti: Vec<char> = bs[i].text().chars().collect();
    let tj: Vec<char> = bs[j].text().chars().collect();
    let (s, e) = (start.offset as usize, end.offset as usize);
    if i > j || (i == j && s > e) || s > ti.len() || e > tj.len() {
        return Err(bad("起点在终点之后，或超出段落长度"));
    }
    if (i..=j).any(|k| bs[k].is_table()) {
        return Err(ChangeError::Table);
    }
    let head: String = ti[..s].iter().collect();
    let tail: String = tj[e..].iter().collect();
    let pieces: Vec<&str> = new.split('\n').collect();
    let region = match &bs[i] {
        Block::Para(r, _) => *r,
        Block::Attachment(_) => Region::Attachment,
        _ => Region::Body,
    };
    let last = pieces.len() - 1;
    if last == 0 {
        bs[i].set_text(format!("{head}{}{tail}", pieces[0]));
        bs.drain(i + 1..=j);
    } else {
        bs[i].set_text(format!("{head}{}", pieces[0]));
        let mut inserted: Vec<Block> = pieces[1..last]
            .iter()
            .map(|t| Block::Para(region, Paragraph::new(*t)))
            .collect();
        let end_text = format!("{}{tail}", pieces[last]);
        if j > i && matches!(bs[j], Block::Para(..)) {
            // The end paragraph keeps its id (and its place after the new ones).
            bs[j].set_text(end_text);
            bs.splice(i + 1..j, inserted);
        } else {
            inserted.push(Block::Para(region, Paragraph::new(end_text)));
            bs.splice(i + 1..=j, inserted);
        }
    }
    Ok(rebuild(doc, bs))
}

/// The flat ranges of pending, placed changes, checked against `doc`.
fn placed<'a>(flat: &Flat, changes: &[&'a Change]) -> Vec<(usize, usize, &'a Change)> {
    changes
        .iter()
        .filter(|c| c.status == ChangeStatus::Pending && !c.orphaned)
        .filter_map(|c| {
            let (a, b) = flat.range(&c.start, &c.end)?;
            (flat.slice(a, b) == c.old).then_some((a, b, *c))
        })
        .collect()
}

/// `doc` with every given pending, placed change applied (the 接受全部 view).
/// Changes are applied from the last to the first, so that earlier positions
/// stay valid; at one place, deletions go before insertions and earlier
/// insertions before later ones.
pub fn apply_all(doc: &Document, changes: &[&Change]) -> Result<Document, ChangeError> {
    let flat = Flat::of(doc);
    let mut order = placed(&flat, changes);
    order.sort_by(|x, y| {
        (x.0, x.1, &x.2.created_at, &x.2.id).cmp(&(y.0, y.1, &y.2.created_at, &y.2.id))
    });
    let mut out = doc.clone();
    for (_, _, c) in order.into_iter().rev() {
        out = apply_one(&out, &c.start, &c.end, &c.new)?;
    }
    Ok(out)
}

/// A change applied at `a..b` of the old flat text, with its new text's
/// length and its order key among insertions at one place.
#[derive(Debug, Clone, Copy)]
pub struct Applied<'a> {
    pub a: usize,
    pub b: usize,
    pub new_len: usize,
    pub key: (&'a str, &'a str),
}

impl<'a> Applied<'a> {
    pub fn of(flat: &Flat, c: &'a Change) -> Option<Applied<'a>> {
        let (a, b) = flat.range(&c.start, &c.end)?;
        Some(Applied {
            a,
            b,
            new_len: c.new.chars().count(),
            key: (&c.created_at, &c.id),
        })
    }
}

/// Where a pending change not among `applied` (and overlapping none of them)
/// lies once they are: `ra..rb` of the old flat text mapped onto the new one,
/// by the order [`apply_all`] uses (at one place: the deletion first, then
/// insertions by creation).
pub fn map_range(
    (ra, rb): (usize, usize),
    key: (&str, &str),
    applied: &[Applied<'_>],
) -> (usize, usize) {
    let mut delta: isize = 0;
    for x in applied {
        let moves = if x.b > x.a {
            ra >= x.b
        } else {
            ra > x.a || (ra == x.a && (rb > ra || key > x.key))
        };
        if moves {
            delta += x.new_len as isize - (x.b - x.a) as isize;
        }
    }
    let shift = |v: usize| (v as isize + delta).max(0) as usize;
    (shift(ra), shift(rb))
}

/// The text as it would be with every pending change accepted.
pub fn accepted_view(doc: &Document, changes: &[Change]) -> Result<Document, ChangeError> {
    let refs: Vec<&Change> = changes.iter().collect();
    apply_all(doc, &refs)
}

/// The text with every pending change rejected: the working copy itself.
pub fn rejected_view(doc: &Document) -> Document {
    doc.clone()
}

/// Whether `a..b` (an insertion when `a == b`) overlaps the pending change
/// `c` placed at `ca..cb`: shared characters, or an insertion strictly inside
/// the other's range.
pub fn overlaps(a: usize, b: usize, ca: usize, cb: usize) -> bool {
    if a == b && ca == cb {
        return false;
    }
    if a == b {
        return ca < a && a < cb;
    }
    if ca == cb {
        return a < ca && ca < b;
    }
    a < cb && ca < b
}

/// The pending change among `changes` that `a..b` overlaps, if any.
pub fn overlapping<'a>(
    flat: &Flat,
    changes: &'a [Change],
    a: usize,
    b: usize,
    except: Option<&str>,
) -> Option<&'a Change> {
    let refs: Vec<&Change> = changes
        .iter()
        .filter(|c| Some(c.id.as_str()) != except)
        .collect();
    placed(flat, &refs)
        .into_iter()
        .find(|(ca, cb, _)| overlaps(a, b, *ca, *cb))
        .map(|(_, _, c)| c)
}

/// One run of a node's text as a redline shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[ts(export, rename = "ChangeRun")]
pub enum Run {
    /// Unchanged original text.
    Same { text: String },
    /// Original text a change deletes (a node break it removes is not a run:
    /// see [`NodeRuns::break_deleted`]).
    Deleted { text: String, change_id: String },
    /// Text a change inserts here ("\n" = a paragraph break it adds).
    Inserted { text: String, change_id: String },
}

/// A text node with its pending changes as runs, for the DOCX w:ins/w:del
/// export and the 花脸稿.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NodeRuns {
    pub node_id: String,
    pub runs: Vec<Run>,
    /// The break after this node is deleted by this change (the next node
    /// merges into it when accepted).
    pub break_deleted: Option<String>,
}

/// Every text node of `doc` as runs of original, deleted and inserted text.
/// Orphaned, decided or misplaced changes are left out.
pub fn runs(doc: &Document, changes: &[Change]) -> Vec<NodeRuns> {
    let flat = Flat::of(doc);
    let refs: Vec<&Change> = changes.iter().collect();
    let mut order = placed(&flat, &refs);
    order.sort_by(|x, y| {
        (x.0, x.1, &x.2.created_at, &x.2.id).cmp(&(y.0, y.1, &y.2.created_at, &y.2.id))
    });
    let mut out = Vec::with_capacity(flat.nodes.len());
    for (id, start, len, _) in &flat.nodes {
        let (ns, ne) = (*start, start + len);
        let mut runs: Vec<Run> = Vec::new();
        let mut at = ns;
        let mut break_deleted = None;
        for (a, b, c) in &order {
            if *b < ns || *a > ne {
                continue;
            }
            if *a >= ns && *a <= ne && *a >= at {
                if *a > at {
                    runs.push(Run::Same {
                        text: flat.slice(at, *a),
                    });
                }
                at = *a;
            }
            let (da, db) = ((*a).max(ns), (*b).min(ne));
            if db > da && da >= at {
                runs.push(Run::Deleted {
                    text: flat.slice(da, db),
                    change_id: c.id.clone(),
                });
                at = db;
            }
            if *b > ne {
                break_deleted = Some(c.id.clone());
            }
            if *a >= ns && *a <= ne && !c.new.is_empty() {
                runs.push(Run::Inserted {
                    text: c.new.clone(),
                    change_id: c.id.clone(),
                });
            }
        }
        if at < ne {
            runs.push(Run::Same {
                text: flat.slice(at, ne),
            });
        }
        out.push(NodeRuns {
            node_id: id.clone(),
            runs,
            break_deleted,
        });
    }
    out
}

#[cfg(test)]
mod tests;
