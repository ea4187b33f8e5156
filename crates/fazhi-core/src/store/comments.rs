//! The `comments` table: comments and replies on a report, each thread's
//! anchor in the text, and re-anchoring inside a save's transaction.

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::anchor::{self, Anchor, AnchorUpdate};
use crate::error::ReviewError;
use crate::identity::ReviewRole;
use crate::model::Document;
use crate::{ids, Error, Result};

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
    /// Closed (已解决) by its author or a 签发人.
    pub resolved: bool,
    /// Who closed it; while open, who marked it 已处理 (see `handled`).
    pub resolved_by: Option<String>,
    pub resolved_at: Option<String>,
    /// 已处理: the drafter answered and marked it, awaiting its author's or a
    /// 签发人's closing; still open (counts against 定稿). Stored as an open
    /// comment with `resolved_by`/`resolved_at` set (no schema change).
    pub handled: bool,
    /// Whether the library's identity may close or reopen the thread (its
    /// author or a 签发人); set on the threads of `list_comments`.
    pub may_close: bool,
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

const COLS: &str = "id, report_id, parent_id, author, role, created_at, edited_at, text, resolved,
     resolved_by, resolved_at, node_id, start_off, end_off, quote, prefix, suffix, orphaned";

pub(crate) fn from_row(r: &rusqlite::Row<'_>, me: &str) -> rusqlite::Result<Comment> {
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
    let resolved: bool = r.get(8)?;
    let resolved_by: Option<String> = r.get(9)?;
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
        resolved,
        handled: !resolved && resolved_by.is_some(),
        may_close: false,
        resolved_by,
        resolved_at: r.get(10)?,
        anchor,
        orphaned: r.get(17)?,
        part_id: None,
        replies: Vec::new(),
    })
}

pub(crate) fn load(tx: &Connection, comment_id: &str, me: &str) -> Result<Comment> {
    tx.query_row(
        &format!("SELECT {COLS} FROM comments WHERE id = ?1"),
        [comment_id],
        |r| from_row(r, me),
    )
    .optional()?
    .ok_or_else(|| ReviewError::CommentNotFound(comment_id.to_string()).into())
}

/// A fresh id no comment has.
pub(crate) fn new_id(tx: &Transaction) -> Result<String> {
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

/// A comment or reply to insert.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NewComment<'a> {
    pub id: &'a str,
    pub report_id: &'a str,
    /// The thread root a reply belongs to; `None` for a root.
    pub parent_id: Option<&'a str>,
    pub author: &'a str,
    pub role: Option<ReviewRole>,
    /// `None`: now.
    pub created_at: Option<&'a str>,
    pub text: &'a str,
    pub anchor: Option<&'a Anchor>,
    pub orphaned: bool,
}

pub(crate) fn insert(tx: &Transaction, c: &NewComment<'_>) -> Result<()> {
    let anchor = c.anchor;
    tx.execute(
        "INSERT INTO comments (id, report_id, parent_id, author, role, created_at, text,
             node_id, start_off, end_off, quote, prefix, suffix, orphaned)
         VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')), ?7,
             ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        params![
            c.id,
            c.report_id,
            c.parent_id,
            c.author,
            c.role.map(|r| r.as_str()),
            c.created_at,
            c.text,
            anchor.map(|a| a.node_id.as_str()),
            anchor.map(|a| a.start),
            anchor.map(|a| a.end),
            anchor.map(|a| a.quote.as_str()),
            anchor.map(|a| a.prefix.as_str()),
            anchor.map(|a| a.suffix.as_str()),
            c.orphaned,
        ],
    )?;
    Ok(())
}

pub(crate) fn set_text(tx: &Transaction, id: &str, text: &str) -> Result<()> {
    tx.execute(
        "UPDATE comments SET text = ?2, edited_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         WHERE id = ?1",
        params![id, text],
    )?;
    Ok(())
}

/// `edited_at` as given (a merged comment keeps its history).
pub(crate) fn set_edited_at(tx: &Transaction, id: &str, at: Option<&str>) -> Result<()> {
    tx.execute(
        "UPDATE comments SET edited_at = ?2 WHERE id = ?1",
        params![id, at],
    )?;
    Ok(())
}

/// Resolved by `by` now, or reopened (`None`).
pub(crate) fn set_resolved(tx: &Transaction, id: &str, by: Option<&str>) -> Result<()> {
    match by {
        Some(by) => tx.execute(
            "UPDATE comments SET resolved = 1, resolved_by = ?2,
                 resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
            params![id, by],
        )?,
        None => tx.execute(
            "UPDATE comments SET resolved = 0, resolved_by = NULL, resolved_at = NULL
             WHERE id = ?1",
            [id],
        )?,
    };
    Ok(())
}

/// Marked 已处理 by `by` now: still open, `resolved_by`/`resolved_at` say who and when.
pub(crate) fn set_handled(tx: &Transaction, id: &str, by: &str) -> Result<()> {
    tx.execute(
        "UPDATE comments SET resolved = 0, resolved_by = ?2,
             resolved_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?1",
        params![id, by],
    )?;
    Ok(())
}

/// Resolved as recorded elsewhere (a merged comment).
pub(crate) fn set_resolved_as(
    tx: &Transaction,
    id: &str,
    by: Option<&str>,
    at: Option<&str>,
) -> Result<()> {
    tx.execute(
        "UPDATE comments SET resolved = 1, resolved_by = ?2, resolved_at = ?3 WHERE id = ?1",
        params![id, by, at],
    )?;
    Ok(())
}

/// Deletes a comment (its replies follow by cascade).
pub(crate) fn delete(tx: &Transaction, id: &str) -> Result<()> {
    tx.execute("DELETE FROM comments WHERE id = ?1", [id])?;
    Ok(())
}

/// Replies to `id` written by someone other than `author`.
pub(crate) fn replies_by_others(conn: &Connection, id: &str, author: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM comments WHERE parent_id = ?1 AND author <> ?2",
        params![id, author],
        |r| r.get(0),
    )?)
}

/// Open threads of a report.
pub(crate) fn open_count(conn: &Connection, report_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM comments WHERE report_id = ?1 AND parent_id IS NULL AND resolved = 0",
        [report_id],
        |r| r.get(0),
    )?)
}

/// A reply of `root` with this author and text, if one exists.
pub(crate) fn find_reply(
    conn: &Connection,
    root: &str,
    author: &str,
    text: &str,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM comments WHERE parent_id = ?1 AND author = ?2 AND text = ?3",
            params![root, author, text],
            |r| r.get(0),
        )
        .optional()?)
}

/// A thread of the report with this author, text and quote, if one exists.
pub(crate) fn find_thread(
    conn: &Connection,
    report_id: &str,
    author: &str,
    text: &str,
    quote: &str,
) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT id FROM comments WHERE report_id = ?1 AND parent_id IS NULL
                 AND author = ?2 AND text = ?3 AND coalesce(quote, '') = ?4",
            params![report_id, author, text, quote],
            |r| r.get(0),
        )
        .optional()?)
}

/// The report a comment id belongs to, if the id is taken.
pub(crate) fn report_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT report_id FROM comments WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
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
