//! Comments and replies on a report, anchored to its text.

use std::collections::HashMap;

use rusqlite::{params, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::anchor::{self, Anchor, AnchorUpdate};
use super::{audit, clean_text, Identity, ReviewError, ReviewRole, MAX_COMMENT_CHARS};
use crate::model::Document;
use crate::{ids, Error, Result, Store};

/// A comment (thread root) or a reply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Comment {
    pub id: String,
    pub report_id: String,
    /// The comment a reply answers; `None` for a thread root.
    pub parent_id: Option<String>,
    pub author: String,
    pub role: Option<ReviewRole>,
    pub created_at: String,
    pub edited_at: Option<String>,
    pub text: String,
    pub resolved: bool,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
    /// Where the thread sits (roots only). Kept, with its quote, when orphaned.
    pub anchor: Option<Anchor>,
    /// The commented text was deleted (原文已删除).
    pub orphaned: bool,
    /// Top-level part holding the anchor (`None`: preface, closing, orphaned, reply).
    pub part_id: Option<String>,
    /// Written by the library's identity.
    pub mine: bool,
    /// Replies, oldest first (roots only).
    pub replies: Vec<Comment>,
}

/// Where a new comment goes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum CommentTarget {
    /// A range in a node's own text (Unicode scalar values, end exclusive).
    Range {
        node_id: String,
        start: u32,
        end: u32,
    },
    /// The `occurrence`-th (1-based, default 1) match of `quote` in reading order.
    Quote {
        quote: String,
        #[serde(default)]
        occurrence: Option<u32>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum CommentState {
    #[default]
    All,
    Open,
    Resolved,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommentFilter {
    #[serde(default)]
    pub state: CommentState,
    /// Only threads started by the library's identity.
    #[serde(default)]
    pub mine: bool,
    /// Only threads anchored in this top-level part.
    #[serde(default)]
    pub part_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PartCommentCount {
    pub part_id: String,
    #[ts(type = "number")]
    pub open: i64,
    #[ts(type = "number")]
    pub resolved: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CommentCounts {
    /// Threads only (replies are not counted).
    #[ts(type = "number")]
    pub open: i64,
    #[ts(type = "number")]
    pub resolved: i64,
    /// Open or not, whose text was deleted.
    #[ts(type = "number")]
    pub orphaned: i64,
    /// Per top-level part, in document order (parts without comments omitted).
    pub by_part: Vec<PartCommentCount>,
}

/// A comment read from another program (Word/WPS comments in a DOCX).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExternalComment {
    pub author: String,
    /// ISO date or date-time as written in the file.
    pub date: Option<String>,
    pub text: String,
    /// The commented text.
    pub anchor_text: String,
    /// Node of this report holding the start of the commented text, when known.
    pub node_id: Option<String>,
    /// Index in the list of the comment this one replies to.
    pub reply_to: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExternalImport {
    pub added: u32,
    /// Already in the report (importing the same file again adds nothing).
    pub duplicates: u32,
    /// Added, but their text was not found in the report (原文已删除).
    pub orphaned: u32,
}

const COLS: &str = "id, report_id, parent_id, author, role, created_at, edited_at, text, resolved,
     resolved_by, resolved_at, node_id, start_off, end_off, quote, prefix, suffix, orphaned";

fn from_row(r: &rusqlite::Row<'_>, me: &str) -> rusqlite::Result<Comment> {
    let node_id: Option<String> = r.get(11)?;
    let anchor = match node_id {
        Some(node_id) => Some(Anchor {
            node_id,
            start: r.get::<_, Option<u32>>(12)?.unwrap_or(0),
            end: r.get::<_, Option<u32>>(13)?.unwrap_or(0),
            quote: r.get::<_, Option<String>>(14)?.unwrap_or_default(),
            prefix: r.get::<_, Option<String>>(15)?.unwrap_or_default(),
            suffix: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
        }),
        None => None,
    };
    let author: String = r.get(3)?;
    Ok(Comment {
        id: r.get(0)?,
        report_id: r.get(1)?,
        parent_id: r.get(2)?,
        mine: !me.is_empty() && author == me,
        author,
        role: r
            .get::<_, Option<String>>(4)?
            .as_deref()
            .and_then(ReviewRole::parse),
        created_at: r.get(5)?,
        edited_at: r.get(6)?,
        text: r.get(7)?,
        resolved: r.get(8)?,
        resolved_by: r.get(9)?,
        resolved_at: r.get(10)?,
        anchor,
        orphaned: r.get(17)?,
        part_id: None,
        replies: Vec::new(),
    })
}

fn load(tx: &rusqlite::Connection, comment_id: &str, me: &str) -> Result<Comment> {
    tx.query_row(
        &format!("SELECT {COLS} FROM comments WHERE id = ?1"),
        [comment_id],
        |r| from_row(r, me),
    )
    .optional()?
    .ok_or_else(|| ReviewError::CommentNotFound(comment_id.to_string()).into())
}

fn new_comment_id(tx: &Transaction) -> Result<String> {
    loop {
        let id = ids::new_id();
        let taken = tx
            .query_row("SELECT 1 FROM comments WHERE id = ?1", [&id], |_| Ok(()))
            .optional()?
            .is_some();
        if !taken {
            return Ok(id);
        }
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        out.push('…');
    }
    out
}

fn comment_text(s: &str) -> Result<String> {
    let t = clean_text(s, "批注", MAX_COMMENT_CHARS)?;
    if t.is_empty() {
        return Err(ReviewError::EmptyComment.into());
    }
    Ok(t)
}

/// Only the author edits or deletes a comment.
fn ensure_own(c: &Comment, who: &Identity) -> Result<()> {
    if c.author != who.name {
        return Err(ReviewError::NotYourComment(c.author.clone()).into());
    }
    Ok(())
}

/// The audit entry of a change to a comment.
struct Audited {
    action: &'static str,
    detail: String,
}

/// A change worth an audit entry (`None` is a change that changed nothing).
fn audited(action: &'static str, detail: impl Into<String>) -> Option<Audited> {
    Some(Audited {
        action,
        detail: detail.into(),
    })
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn insert(
    tx: &Transaction,
    id: &str,
    report_id: &str,
    parent_id: Option<&str>,
    author: &str,
    role: Option<ReviewRole>,
    created_at: Option<&str>,
    text: &str,
    anchor: Option<&Anchor>,
    orphaned: bool,
) -> Result<()> {
    tx.execute(
        "INSERT INTO comments (id, report_id, parent_id, author, role, created_at, text,
             node_id, start_off, end_off, quote, prefix, suffix, orphaned)
         VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), ?7,
             ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            id,
            report_id,
            parent_id,
            author,
            role.map(|r| r.as_str()),
            created_at,
            text,
            anchor.map(|a| a.node_id.as_str()),
            anchor.map(|a| a.start),
            anchor.map(|a| a.end),
            anchor.map(|a| a.quote.as_str()),
            anchor.map(|a| a.prefix.as_str()),
            anchor.map(|a| a.suffix.as_str()),
            orphaned,
        ],
    )?;
    Ok(())
}

fn write_anchor(tx: &Transaction, comment_id: &str, a: Option<&Anchor>) -> Result<()> {
    match a {
        Some(a) => tx.execute(
            "UPDATE comments SET node_id = ?2, start_off = ?3, end_off = ?4, quote = ?5,
                 prefix = ?6, suffix = ?7, orphaned = 0 WHERE id = ?1",
            params![comment_id, a.node_id, a.start, a.end, a.quote, a.prefix, a.suffix],
        )?,
        None => tx.execute(
            "UPDATE comments SET orphaned = 1 WHERE id = ?1",
            [comment_id],
        )?,
    };
    Ok(())
}

/// Re-anchors every anchored thread of `report_id` to `doc` (inside the save's
/// transaction). Explicit updates from the editor win when they fit the document.
pub(crate) fn reanchor_all(
    tx: &Transaction,
    report_id: &str,
    doc: &Document,
    updates: &[AnchorUpdate],
) -> Result<()> {
    let mut current: Vec<Comment> = Vec::new();
    {
        let mut stmt = tx.prepare_cached(&format!(
            "SELECT {COLS} FROM comments
             WHERE report_id = ?1 AND parent_id IS NULL AND node_id IS NOT NULL"
        ))?;
        let rows = stmt.query_map([report_id], |r| from_row(r, ""))?;
        for row in rows {
            current.push(row?);
        }
    }
    // Most saves are of reports without comments: no text walk for them
    // (updates can only name this report's threads, so none applies).
    if current.is_empty() {
        return Ok(());
    }
    let nodes = anchor::text_nodes(doc);
    let by_id: HashMap<&str, &AnchorUpdate> =
        updates.iter().map(|u| (u.comment_id.as_str(), u)).collect();
    for c in &current {
        let Some(old) = &c.anchor else { continue };
        if let Some(u) = by_id.get(c.id.as_str()) {
            match &u.node_id {
                None => {
                    if !c.orphaned {
                        write_anchor(tx, &c.id, None)?;
                    }
                    continue;
                }
                Some(node) => {
                    let fitted = nodes
                        .iter()
                        .find(|(id, _, _)| id == node)
                        .and_then(|(id, text, _)| anchor::make_anchor(id, text, u.start, u.end));
                    if let Some(a) = fitted {
                        if c.orphaned || &a != old {
                            write_anchor(tx, &c.id, Some(&a))?;
                        }
                        continue;
                    }
                }
            }
        }
        // Orphaned comments stay orphaned unless the editor places them again.
        if c.orphaned {
            continue;
        }
        match anchor::reanchor_in(&nodes, old) {
            Some(a) if &a == old => {}
            Some(a) => write_anchor(tx, &c.id, Some(&a))?,
            None => write_anchor(tx, &c.id, None)?,
        }
    }
    Ok(())
}

impl Store {
    fn report_document(&self, report_id: &str) -> Result<Document> {
        Ok(self.get_report(report_id)?.document)
    }

    /// A new comment on a range or a quote of the report.
    pub fn add_comment(
        &mut self,
        report_id: &str,
        target: &CommentTarget,
        text: &str,
    ) -> Result<Comment> {
        let who = self.require_identity()?;
        let text = comment_text(text)?;
        let doc = self.report_document(report_id)?;
        let anchor = match target {
            CommentTarget::Range {
                node_id,
                start,
                end,
            } => {
                let nodes = anchor::text_nodes(&doc);
                let (id, t, _) =
                    nodes
                        .iter()
                        .find(|(id, _, _)| id == node_id)
                        .ok_or_else(|| {
                            ReviewError::BadAnchor(format!("没有编号为“{node_id}”的段落或标题"))
                        })?;
                anchor::make_anchor(id, t, *start, *end).ok_or_else(|| {
                    ReviewError::BadAnchor(format!(
                        "范围{start}—{end}超出该段文字（{}字）或为空",
                        t.chars().count()
                    ))
                })?
            }
            CommentTarget::Quote { quote, occurrence } => {
                let n = occurrence.unwrap_or(1);
                if quote.trim().is_empty() {
                    return Err(ReviewError::BadAnchor("引用的原文不能为空".into()).into());
                }
                anchor::find_quote(&doc, quote, n).ok_or_else(|| ReviewError::QuoteNotFound {
                    quote: short(quote),
                    occurrence: n,
                })?
            }
        };
        let tx = self.conn_mut().transaction()?;
        let id = new_comment_id(&tx)?;
        insert(
            &tx,
            &id,
            report_id,
            None,
            &who.name,
            who.role,
            None,
            &text,
            Some(&anchor),
            false,
        )?;
        audit::record(
            &tx,
            report_id,
            &who,
            "comment_add",
            None,
            None,
            None,
            Some(&format!("{id}：“{}”", short(&anchor.quote))),
        )?;
        let mut c = load(&tx, &id, &who.name)?;
        tx.commit()?;
        c.part_id = anchor::part_of_nodes(&doc)
            .get(&anchor.node_id)
            .cloned()
            .flatten();
        Ok(c)
    }

    /// A reply to a comment (a reply to a reply joins the same thread).
    pub fn reply_comment(
        &mut self,
        report_id: &str,
        parent_id: &str,
        text: &str,
    ) -> Result<Comment> {
        let who = self.require_identity()?;
        let text = comment_text(text)?;
        let tx = self.conn_mut().transaction()?;
        let parent = load(&tx, parent_id, &who.name)?;
        if parent.report_id != report_id {
            return Err(ReviewError::CommentNotFound(parent_id.to_string()).into());
        }
        let root = parent.parent_id.clone().unwrap_or(parent.id.clone());
        let id = new_comment_id(&tx)?;
        insert(
            &tx,
            &id,
            report_id,
            Some(&root),
            &who.name,
            who.role,
            None,
            &text,
            None,
            false,
        )?;
        audit::record(
            &tx,
            report_id,
            &who,
            "comment_reply",
            None,
            None,
            None,
            Some(&format!("{id} → {root}")),
        )?;
        let c = load(&tx, &id, &who.name)?;
        tx.commit()?;
        Ok(c)
    }

    /// The shape shared by every change to an existing comment, in one
    /// transaction: load the comment, let `change` check and write (returning
    /// its result and the audit entry, `None` when nothing changed), record
    /// the entry, commit. Any error rolls the whole change back.
    fn change_comment<T>(
        &mut self,
        who: &Identity,
        comment_id: &str,
        change: impl FnOnce(&Transaction, &Comment) -> Result<(T, Option<Audited>)>,
    ) -> Result<T> {
        let tx = self.conn_mut().transaction()?;
        let c = load(&tx, comment_id, &who.name)?;
        let (out, audited) = change(&tx, &c)?;
        if let Some(Audited { action, detail }) = audited {
            audit::record(
                &tx,
                &c.report_id,
                who,
                action,
                None,
                None,
                None,
                Some(&detail),
            )?;
        }
        tx.commit()?;
        Ok(out)
    }

    /// Changes the text of one's own comment or reply.
    pub fn edit_comment(&mut self, comment_id: &str, text: &str) -> Result<Comment> {
        let who = self.require_identity()?;
        let text = comment_text(text)?;
        self.change_comment(&who, comment_id, |tx, c| {
            ensure_own(c, &who)?;
            tx.execute(
                "UPDATE comments SET text = ?2, edited_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
                 WHERE id = ?1",
                params![comment_id, text],
            )?;
            let edited = load(tx, comment_id, &who.name)?;
            Ok((edited, audited("comment_edit", comment_id)))
        })
    }

    /// Deletes one's own comment or reply (with one's own replies under it);
    /// refused when someone else has replied.
    pub fn delete_comment(&mut self, comment_id: &str) -> Result<()> {
        let who = self.require_identity()?;
        self.change_comment(&who, comment_id, |tx, c| {
            ensure_own(c, &who)?;
            let others: i64 = tx.query_row(
                "SELECT count(*) FROM comments WHERE parent_id = ?1 AND author <> ?2",
                params![comment_id, who.name],
                |r| r.get(0),
            )?;
            if others > 0 {
                return Err(ReviewError::HasReplies.into());
            }
            tx.execute("DELETE FROM comments WHERE id = ?1", [comment_id])?;
            let detail = format!("{comment_id}：“{}”", short(&c.text));
            Ok(((), audited("comment_delete", detail)))
        })
    }

    pub fn resolve_comment(&mut self, comment_id: &str) -> Result<Comment> {
        self.set_resolved(comment_id, true)
    }

    pub fn reopen_comment(&mut self, comment_id: &str) -> Result<Comment> {
        self.set_resolved(comment_id, false)
    }

    fn set_resolved(&mut self, comment_id: &str, resolved: bool) -> Result<Comment> {
        let who = self.require_identity()?;
        self.change_comment(&who, comment_id, |tx, c| {
            if c.parent_id.is_some() {
                return Err(ReviewError::NotAThread.into());
            }
            let audited = if c.resolved == resolved {
                None
            } else if resolved {
                tx.execute(
                    "UPDATE comments SET resolved = 1, resolved_by = ?2,
                         resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
                    params![comment_id, who.name],
                )?;
                audited("comment_resolve", comment_id)
            } else {
                tx.execute(
                    "UPDATE comments SET resolved = 0, resolved_by = NULL, resolved_at = NULL
                     WHERE id = ?1",
                    [comment_id],
                )?;
                audited("comment_reopen", comment_id)
            };
            Ok((load(tx, comment_id, &who.name)?, audited))
        })
    }

    /// One comment (root or reply) by id, without replies.
    pub fn get_comment(&self, comment_id: &str) -> Result<Comment> {
        let me = self.identity()?.name;
        load(self.connection(), comment_id, &me)
    }

    /// Threads (roots with their replies) in document order of their anchors;
    /// orphaned threads last.
    pub fn list_comments(&self, report_id: &str, filter: &CommentFilter) -> Result<Vec<Comment>> {
        let doc = self.report_document(report_id)?;
        let me = self.identity()?.name;
        let all = all_comments(self.connection(), report_id, &me)?;
        let order: HashMap<String, usize> = anchor::text_nodes(&doc)
            .iter()
            .enumerate()
            .map(|(i, (id, _, _))| (id.clone(), i))
            .collect();
        let parts = anchor::part_of_nodes(&doc);
        let mut roots: Vec<Comment> = Vec::new();
        let mut replies: HashMap<String, Vec<Comment>> = HashMap::new();
        for c in all {
            match &c.parent_id {
                Some(p) => replies.entry(p.clone()).or_default().push(c),
                None => roots.push(c),
            }
        }
        for r in &mut roots {
            r.replies = replies.remove(&r.id).unwrap_or_default();
            if !r.orphaned {
                r.part_id = r
                    .anchor
                    .as_ref()
                    .and_then(|a| parts.get(&a.node_id).cloned().flatten());
            }
        }
        roots.retain(|r| match filter.state {
            CommentState::All => true,
            CommentState::Open => !r.resolved,
            CommentState::Resolved => r.resolved,
        });
        if filter.mine {
            roots.retain(|r| r.mine);
        }
        if let Some(p) = filter.part_id.as_deref().filter(|p| !p.is_empty()) {
            roots.retain(|r| r.part_id.as_deref() == Some(p));
        }
        let key = |c: &Comment| -> (usize, usize, u32, String) {
            match (&c.anchor, c.orphaned) {
                (Some(a), false) => (
                    0,
                    order.get(&a.node_id).copied().unwrap_or(usize::MAX),
                    a.start,
                    c.created_at.clone(),
                ),
                _ => (1, 0, 0, c.created_at.clone()),
            }
        };
        roots.sort_by_key(key);
        Ok(roots)
    }

    /// Open threads of a report (what blocks 定稿).
    pub fn open_comment_count(&self, report_id: &str) -> Result<i64> {
        Ok(self.connection().query_row(
            "SELECT count(*) FROM comments WHERE report_id = ?1 AND parent_id IS NULL AND resolved = 0",
            [report_id],
            |r| r.get(0),
        )?)
    }

    pub fn comment_counts(&self, report_id: &str) -> Result<CommentCounts> {
        let doc = self.report_document(report_id)?;
        let threads = self.list_comments(report_id, &CommentFilter::default())?;
        let mut out = CommentCounts::default();
        for part in &doc.parts {
            let (mut open, mut resolved) = (0, 0);
            for t in threads
                .iter()
                .filter(|t| t.part_id.as_deref() == Some(part.id.as_str()))
            {
                if t.resolved {
                    resolved += 1;
                } else {
                    open += 1;
                }
            }
            if open + resolved > 0 {
                out.by_part.push(PartCommentCount {
                    part_id: part.id.clone(),
                    open,
                    resolved,
                });
            }
        }
        for t in &threads {
            if t.resolved {
                out.resolved += 1;
            } else {
                out.open += 1;
            }
            if t.orphaned {
                out.orphaned += 1;
            }
        }
        Ok(out)
    }

    /// Brings in comments read from a DOCX as comments of this report, each
    /// anchored to the first match of its commented text (in its node when
    /// known); replies join their thread. A comment already present (same
    /// author, text and quote) is not added again.
    pub fn import_external_comments(
        &mut self,
        report_id: &str,
        comments: &[ExternalComment],
    ) -> Result<ExternalImport> {
        let who = self.require_identity()?;
        let doc = self.report_document(report_id)?;
        let nodes = anchor::text_nodes(&doc);
        let tx = self.conn_mut().transaction()?;
        let mut out = ExternalImport::default();
        let mut ids_by_index: Vec<Option<String>> = Vec::with_capacity(comments.len());
        for (i, ec) in comments.iter().enumerate() {
            let author = clean_text(&ec.author, "作者", super::MAX_NAME_CHARS)
                .ok()
                .filter(|a| !a.is_empty())
                .unwrap_or_else(|| "Word批注".to_string());
            let Ok(text) = comment_text(&ec.text) else {
                ids_by_index.push(None);
                continue;
            };
            let date = ec.date.as_deref().map(str::trim).filter(|d| {
                d.len() <= 40 && crate::dates::parse_iso(d.get(..10).unwrap_or("")).is_some()
            });
            let parent = ec
                .reply_to
                .and_then(|r| ids_by_index.get(r as usize).cloned().flatten())
                .filter(|_| (ec.reply_to.unwrap_or(0) as usize) < i);
            if let Some(root) = parent {
                let dup: Option<String> = tx
                    .query_row(
                        "SELECT id FROM comments WHERE parent_id = ?1 AND author = ?2 AND text = ?3",
                        params![root, author, text],
                        |r| r.get(0),
                    )
                    .optional()?;
                if let Some(d) = dup {
                    out.duplicates += 1;
                    ids_by_index.push(Some(d));
                    continue;
                }
                let id = new_comment_id(&tx)?;
                insert(
                    &tx,
                    &id,
                    report_id,
                    Some(&root),
                    &author,
                    None,
                    date,
                    &text,
                    None,
                    false,
                )?;
                out.added += 1;
                ids_by_index.push(Some(id));
                continue;
            }
            let quote: String = ec.anchor_text.chars().filter(|c| !c.is_control()).collect();
            let dup: Option<String> = tx
                .query_row(
                    "SELECT id FROM comments WHERE report_id = ?1 AND parent_id IS NULL
                         AND author = ?2 AND text = ?3 AND coalesce(quote, '') = ?4",
                    params![report_id, author, text, quote],
                    |r| r.get(0),
                )
                .optional()?;
            if let Some(d) = dup {
                out.duplicates += 1;
                ids_by_index.push(Some(d));
                continue;
            }
            let in_node = ec.node_id.as_deref().and_then(|n| {
                let (id, t, _) = nodes.iter().find(|(id, _, _)| id == n)?;
                let chars: Vec<char> = t.chars().collect();
                let q: Vec<char> = quote.chars().collect();
                let at = (0..chars.len().checked_sub(q.len())? + 1)
                    .find(|&k| !q.is_empty() && chars[k..k + q.len()] == *q)?;
                anchor::make_anchor(id, t, at as u32, (at + q.len()) as u32)
            });
            let found = in_node.or_else(|| {
                if quote.trim().is_empty() {
                    None
                } else {
                    anchor::find_quote(&doc, &quote, 1)
                }
            });
            let id = new_comment_id(&tx)?;
            match &found {
                Some(a) => insert(
                    &tx,
                    &id,
                    report_id,
                    None,
                    &author,
                    None,
                    date,
                    &text,
                    Some(a),
                    false,
                )?,
                None => {
                    // Keep it, with its quote, as 原文已删除.
                    let a = Anchor {
                        node_id: ec.node_id.clone().unwrap_or_default(),
                        start: 0,
                        end: 0,
                        quote: quote.clone(),
                        prefix: String::new(),
                        suffix: String::new(),
                    };
                    insert(
                        &tx,
                        &id,
                        report_id,
                        None,
                        &author,
                        None,
                        date,
                        &text,
                        Some(&a),
                        true,
                    )?;
                    out.orphaned += 1;
                }
            }
            out.added += 1;
            ids_by_index.push(Some(id));
        }
        if out.added > 0 {
            audit::record(
                &tx,
                report_id,
                &who,
                "comments_import",
                None,
                None,
                None,
                Some(&format!("新增{}条，重复{}条", out.added, out.duplicates)),
            )?;
        }
        tx.commit()?;
        Ok(out)
    }
}

pub(crate) fn all_comments(
    conn: &rusqlite::Connection,
    report_id: &str,
    me: &str,
) -> Result<Vec<Comment>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLS} FROM comments WHERE report_id = ?1 ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([report_id], |r| from_row(r, me))?;
    rows.collect::<rusqlite::Result<Vec<_>>>()
        .map_err(Error::from)
}
