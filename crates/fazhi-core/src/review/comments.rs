//! Comments and replies on a report, anchored to its text.

use std::collections::HashMap;

use rusqlite::Transaction;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{clean_text, Identity, ReviewError, ReviewRole, MAX_COMMENT_CHARS};
use crate::anchor::{self, Anchor};
use crate::model::Document;
use crate::store::audit::{self, Record};
use crate::store::comments::{self as table, load, NewComment};
use crate::{Result, Store};

pub use crate::store::comments::Comment;

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

/// Closing or reopening a comment is for its author or a 签发人: a drafter
/// must not close a reviewer's remark (they mark it 已处理).
fn ensure_may_close(c: &Comment, who: &Identity, resolve: bool) -> Result<()> {
    if c.author == who.name || who.role == Some(ReviewRole::Approver) {
        return Ok(());
    }
    Err(ReviewError::Forbidden {
        action: if resolve {
            "关闭批注"
        } else {
            "重新打开批注"
        },
        needed: "批注人或签发人",
        current: format!(
            "{}（{}）；起草人请回复并标记“已处理”",
            who.name,
            who.role.map(|r| r.label()).unwrap_or("未设角色")
        ),
    }
    .into())
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
        let id = table::new_id(&tx)?;
        table::insert(
            &tx,
            &NewComment {
                id: &id,
                report_id,
                parent_id: None,
                author: &who.name,
                role: who.role,
                created_at: None,
                text: &text,
                anchor: Some(&anchor),
                orphaned: false,
            },
        )?;
        audit::record(
            &tx,
            &Record::new(report_id, &who, "comment_add")
                .detail(&format!("{id}：“{}”", short(&anchor.quote))),
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
        let id = table::new_id(&tx)?;
        table::insert(
            &tx,
            &NewComment {
                id: &id,
                report_id,
                parent_id: Some(&root),
                author: &who.name,
                role: who.role,
                created_at: None,
                text: &text,
                anchor: None,
                orphaned: false,
            },
        )?;
        audit::record(
            &tx,
            &Record::new(report_id, &who, "comment_reply").detail(&format!("{id} → {root}")),
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
            audit::record(&tx, &Record::new(&c.report_id, who, action).detail(&detail))?;
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
            table::set_text(tx, comment_id, &text)?;
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
            if table::replies_by_others(tx, comment_id, &who.name)? > 0 {
                return Err(ReviewError::HasReplies.into());
            }
            table::delete(tx, comment_id)?;
            let detail = format!("{comment_id}：“{}”", short(&c.text));
            Ok(((), audited("comment_delete", detail)))
        })
    }

    /// Closes (已解决) a comment: only its author or a 签发人 may; the drafter
    /// answers with [`Store::mark_comment_handled`] instead.
    pub fn resolve_comment(&mut self, comment_id: &str) -> Result<Comment> {
        self.set_resolved(comment_id, true)
    }

    /// Reopens a closed or 已处理 comment: its author or a 签发人.
    pub fn reopen_comment(&mut self, comment_id: &str) -> Result<Comment> {
        self.set_resolved(comment_id, false)
    }

    /// 已处理: the drafter (anyone but a closer needs this) answers a comment
    /// with a reply saying what was done; the comment stays open until its
    /// author or a 签发人 closes it. One transaction: the reply, the mark and
    /// the audit entry.
    pub fn mark_comment_handled(&mut self, comment_id: &str, reply: &str) -> Result<Comment> {
        let who = self.require_identity()?;
        let reply = clean_text(reply, "处理说明", MAX_COMMENT_CHARS)?;
        if reply.is_empty() {
            return Err(ReviewError::NeedField("标记“已处理”须写明如何处理（作为回复）").into());
        }
        let tx = self.conn_mut().transaction()?;
        let c = load(&tx, comment_id, &who.name)?;
        if c.parent_id.is_some() {
            return Err(ReviewError::NotAThread.into());
        }
        if c.resolved {
            return Err(ReviewError::BadTransition {
                from: "已解决",
                to: "已处理",
                hint: "批注已关闭；如需再处理，请由批注人或签发人重新打开",
            }
            .into());
        }
        let id = table::new_id(&tx)?;
        table::insert(
            &tx,
            &NewComment {
                id: &id,
                report_id: &c.report_id,
                parent_id: Some(comment_id),
                author: &who.name,
                role: who.role,
                created_at: None,
                text: &reply,
                anchor: None,
                orphaned: false,
            },
        )?;
        table::set_handled(&tx, comment_id, &who.name)?;
        audit::record(
            &tx,
            &Record::new(&c.report_id, &who, "comment_handled").detail(comment_id),
        )?;
        let out = load(&tx, comment_id, &who.name)?;
        tx.commit()?;
        Ok(out)
    }

    fn set_resolved(&mut self, comment_id: &str, resolved: bool) -> Result<Comment> {
        let who = self.require_identity()?;
        self.change_comment(&who, comment_id, |tx, c| {
            if c.parent_id.is_some() {
                return Err(ReviewError::NotAThread.into());
            }
            ensure_may_close(c, &who, resolved)?;
            // Reopening a 已处理 comment clears the mark.
            let audited = if c.resolved == resolved && (resolved || !c.handled) {
                None
            } else if resolved {
                table::set_resolved(tx, comment_id, Some(&who.name))?;
                audited("comment_resolve", comment_id)
            } else {
                table::set_resolved(tx, comment_id, None)?;
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
        let who = self.identity()?;
        let me = who.name.clone();
        let all = table::all_comments(self.connection(), report_id, &me)?;
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
            // The rule of `ensure_may_close`, for the panel's buttons.
            r.may_close = ensure_may_close(r, &who, !r.resolved).is_ok();
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
        table::open_count(self.connection(), report_id)
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
                let dup = table::find_reply(&tx, &root, &author, &text)?;
                if let Some(d) = dup {
                    out.duplicates += 1;
                    ids_by_index.push(Some(d));
                    continue;
                }
                let id = table::new_id(&tx)?;
                table::insert(
                    &tx,
                    &NewComment {
                        id: &id,
                        report_id,
                        parent_id: Some(&root),
                        author: &author,
                        role: None,
                        created_at: date,
                        text: &text,
                        anchor: None,
                        orphaned: false,
                    },
                )?;
                out.added += 1;
                ids_by_index.push(Some(id));
                continue;
            }
            let quote: String = ec.anchor_text.chars().filter(|c| !c.is_control()).collect();
            let dup = table::find_thread(&tx, report_id, &author, &text, &quote)?;
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
                    anchor::find_quote(&doc, &quote, 1).or_else(|| longest_sentence(&doc, &quote))
                }
            });
            let id = table::new_id(&tx)?;
            match &found {
                Some(a) => table::insert(
                    &tx,
                    &NewComment {
                        id: &id,
                        report_id,
                        parent_id: None,
                        author: &author,
                        role: None,
                        created_at: date,
                        text: &text,
                        anchor: Some(a),
                        orphaned: false,
                    },
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
                    table::insert(
                        &tx,
                        &NewComment {
                            id: &id,
                            report_id,
                            parent_id: None,
                            author: &author,
                            role: None,
                            created_at: date,
                            text: &text,
                            anchor: Some(&a),
                            orphaned: true,
                        },
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
                &Record::new(report_id, &who, "comments_import")
                    .detail(&format!("新增{}条，重复{}条", out.added, out.duplicates)),
            )?;
        }
        tx.commit()?;
        Ok(out)
    }
}

/// A Word comment's range over a heading, or over a run-in heading and its
/// text, quotes text no single node holds (the heading's number and a run-in
/// heading's 。 are the layout's): anchored on its longest sentence found —
/// a heading without its number and 。 —, not orphaned.
fn longest_sentence(doc: &Document, quote: &str) -> Option<Anchor> {
    let mut pieces: Vec<&str> = quote
        .split_inclusive(['。', '！', '？', '；'])
        .map(str::trim)
        .filter(|p| p.chars().count() >= 4)
        .collect();
    pieces.sort_by_key(|p| std::cmp::Reverse(p.chars().count()));
    pieces.into_iter().find_map(|p| {
        anchor::find_quote(doc, p, 1).or_else(|| {
            let heading = without_heading_number(p)?.trim_end_matches('。');
            anchor::find_quote(doc, heading, 1)
        })
    })
}

/// `piece` without the heading number our export prints before a heading's
/// text (一、（一）1.（1）, as `numbering::prefix` makes them), if it has one.
fn without_heading_number(piece: &str) -> Option<&str> {
    (1..=crate::numbering::MAX_LEVEL)
        .flat_map(|level| (0..99).map(move |i| crate::numbering::prefix(level, i)))
        .find_map(|number| piece.strip_prefix(number.as_str()))
        .map(str::trim_start)
        .filter(|rest| !rest.is_empty())
}

#[cfg(test)]
mod heading_quote_tests {
    use super::*;
    use crate::store::NewReport;

    fn report() -> Document {
        let mut s = Store::open_in_memory().unwrap();
        s.create_report(&NewReport {
            issuer: "梅河口市人民政府".into(),
            year: 2019,
            template_id: None,
            include_optional: false,
        })
        .unwrap()
        .report
        .document
    }

    /// A Word comment on a heading quotes it with the number our export prints
    /// before it (一、, （一）) and a run-in heading's 。: the heading itself is
    /// found, the comment is not orphaned.
    #[test]
    fn a_heading_quoted_with_its_number_is_found() {
        let doc = report();
        let part = doc.parts[0].heading.clone();
        let section = doc.parts[0].sections[0].heading.clone();
        for (quote, heading) in [
            (format!("一、{part}"), &part),
            (format!("（一）{section}。"), &section),
            (format!("（一）{section}"), &section),
        ] {
            let a = longest_sentence(&doc, &quote);
            assert_eq!(a.map(|a| a.quote).as_ref(), Some(heading), "{quote}");
        }
        assert!(longest_sentence(&doc, "一、早已不在的标题").is_none());
    }
}
