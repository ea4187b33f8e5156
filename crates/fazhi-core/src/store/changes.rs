//! The `changes` table: reviewers' suggested changes (修订) over a report's
//! working copy, and their re-anchoring inside a save's transaction. The
//! change itself (positions, applying, views) is [`crate::change`].

use std::collections::{HashMap, HashSet};

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use crate::change::{
    self, Change, ChangeError, ChangeKind, ChangePos, ChangeStatus, ChangeUpdate, Flat,
};
use crate::error::ReviewError;
use crate::identity::{Identity, ReviewRole};
use crate::model::Document;
use crate::{ids, validate, Result};

const COLS: &str = "id, report_id, kind, start_node, start_off, end_node, end_off, old_text,
     new_text, prefix, suffix, author, role, created_at, status, decided_by, decided_at, orphaned";

fn from_row(r: &rusqlite::Row<'_>, me: &str) -> rusqlite::Result<Change> {
    let author: String = r.get(11)?;
    Ok(Change {
        id: r.get(0)?,
        report_id: r.get(1)?,
        // The columns have CHECK constraints; unknown values cannot be stored.
        kind: ChangeKind::parse(&r.get::<_, String>(2)?).unwrap_or(ChangeKind::Replace),
        start: ChangePos {
            node_id: r.get(3)?,
            offset: r.get(4)?,
        },
        end: ChangePos {
            node_id: r.get(5)?,
            offset: r.get(6)?,
        },
        old: r.get(7)?,
        new: r.get(8)?,
        prefix: r.get(9)?,
        suffix: r.get(10)?,
        mine: !me.is_empty() && author == me,
        author,
        role: r
            .get::<_, Option<String>>(12)?
            .as_deref()
            .and_then(ReviewRole::parse),
        created_at: r.get(13)?,
        status: ChangeStatus::parse(&r.get::<_, String>(14)?).unwrap_or(ChangeStatus::Pending),
        decided_by: r.get(15)?,
        decided_at: r.get(16)?,
        orphaned: r.get(17)?,
        part_id: None,
        location: String::new(),
    })
}

/// Every change of a report (all states), oldest first; `me` marks `mine`.
pub fn list(conn: &Connection, report_id: &str, me: &str) -> Result<Vec<Change>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLS} FROM changes WHERE report_id = ?1 ORDER BY created_at, id"
    ))?;
    let rows = stmt.query_map([report_id], |r| from_row(r, me))?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
}

pub fn get(conn: &Connection, id: &str, me: &str) -> Result<Change> {
    conn.query_row(
        &format!("SELECT {COLS} FROM changes WHERE id = ?1"),
        [id],
        |r| from_row(r, me),
    )
    .optional()?
    .ok_or_else(|| ChangeError::NotFound(id.to_string()).into())
}

/// The report a change id belongs to, if the id is taken.
pub fn report_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT report_id FROM changes WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// Pending changes of a report (orphaned ones included: they await a decision).
pub fn pending_count(conn: &Connection, report_id: &str) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM changes WHERE report_id = ?1 AND status = 'pending'",
        [report_id],
        |r| r.get(0),
    )?)
}

/// A fresh id no change has.
pub fn new_id(conn: &Connection) -> Result<String> {
    loop {
        let id = ids::new_id();
        if report_of(conn, &id)?.is_none() {
            return Ok(id);
        }
    }
}

/// Inserts `c` as given (`created_at` empty: now).
pub fn insert(tx: &Transaction, c: &Change) -> Result<()> {
    tx.execute(
        "INSERT INTO changes (id, report_id, kind, start_node, start_off, end_node, end_off,
             old_text, new_text, prefix, suffix, author, role, created_at, status, decided_by,
             decided_at, orphaned)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
             coalesce(nullif(?14, ''), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
             ?15, ?16, ?17, ?18)",
        params![
            c.id,
            c.report_id,
            c.kind.as_str(),
            c.start.node_id,
            c.start.offset,
            c.end.node_id,
            c.end.offset,
            c.old,
            c.new,
            c.prefix,
            c.suffix,
            c.author,
            c.role.map(|r| r.as_str()),
            c.created_at,
            c.status.as_str(),
            c.decided_by,
            c.decided_at,
            c.orphaned,
        ],
    )?;
    Ok(())
}

/// Moves a change (and its quote, text and kind) to `a..b` of `flat`.
pub fn write_place(
    tx: &Transaction,
    id: &str,
    flat: &Flat,
    (a, b): (usize, usize),
    new: &str,
) -> Result<()> {
    let old = flat.slice(a, b);
    let kind = ChangeKind::of(&old, new).unwrap_or(ChangeKind::Replace);
    let (prefix, suffix) = flat.context(a, b);
    let (s, e) = (flat.pos(a), flat.pos(b));
    tx.execute(
        "UPDATE changes SET kind = ?2, start_node = ?3, start_off = ?4, end_node = ?5,
             end_off = ?6, old_text = ?7, new_text = ?8, prefix = ?9, suffix = ?10, orphaned = 0
         WHERE id = ?1",
        params![
            id,
            kind.as_str(),
            s.node_id,
            s.offset,
            e.node_id,
            e.offset,
            old,
            new,
            prefix,
            suffix
        ],
    )?;
    Ok(())
}

fn set_orphaned(tx: &Transaction, id: &str) -> Result<()> {
    tx.execute("UPDATE changes SET orphaned = 1 WHERE id = ?1", [id])?;
    Ok(())
}

pub fn delete(tx: &Transaction, id: &str) -> Result<()> {
    tx.execute("DELETE FROM changes WHERE id = ?1", [id])?;
    Ok(())
}

/// Accepted or rejected by `by` (now, or at `at` for a merged decision).
pub fn set_status(
    tx: &Transaction,
    id: &str,
    status: ChangeStatus,
    by: Option<&str>,
    at: Option<&str>,
) -> Result<()> {
    tx.execute(
        "UPDATE changes SET status = ?2, decided_by = ?3,
             decided_at = CASE WHEN ?2 = 'pending' THEN NULL
                 ELSE coalesce(?4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) END
         WHERE id = ?1",
        params![id, status.as_str(), by, at],
    )?;
    Ok(())
}

/// The flat range of a stored change when its quote is still there.
pub fn placed_range(flat: &Flat, c: &Change) -> Option<(usize, usize)> {
    let (a, b) = flat.range(&c.start, &c.end)?;
    (flat.slice(a, b) == c.old).then_some((a, b))
}

/// Finds where `c` belongs in `flat` now (its place, or its quote and
/// context); `None`: orphaned.
pub fn find_place(flat: &Flat, c: &Change) -> Option<(usize, usize)> {
    flat.reanchor(&c.old, &c.prefix, &c.suffix, flat.range(&c.start, &c.end))
}

/// What a save did to the changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reconciled {
    /// New suggestions (ids).
    pub added: Vec<String>,
    /// Own suggestions whose text or place the editor changed.
    pub modified: Vec<String>,
    /// Own suggestions the editor no longer holds (deleted).
    pub withdrawn: Vec<String>,
    /// Changes whose original text vanished in this save.
    pub orphaned: Vec<String>,
}

/// Re-anchors every pending change of `report_id` to `doc` inside the save's
/// transaction. With `updates` (the editor's full list, `save_report_reviewed`)
/// the editor's places win when they quote the same text; its new entries
/// become suggestions by `who`; `who`'s placed pending changes it does not
/// list are withdrawn. Others' changes are never deleted: a vanished text
/// orphans them.
pub fn reconcile(
    tx: &Transaction,
    report_id: &str,
    doc: &Document,
    updates: Option<&[ChangeUpdate]>,
    who: &Identity,
) -> Result<Reconciled> {
    let all = list(tx, report_id, &who.name)?;
    let pending: Vec<&Change> = all
        .iter()
        .filter(|c| c.status == ChangeStatus::Pending)
        .collect();
    let mut out = Reconciled::default();
    if pending.is_empty() && updates.is_none_or(|u| u.is_empty()) {
        return Ok(out);
    }
    let flat = Flat::of(doc);
    let mut seen: HashSet<&str> = HashSet::new();
    if let Some(updates) = updates {
        let by_id: HashMap<&str, &Change> = all.iter().map(|c| (c.id.as_str(), c)).collect();
        for u in updates {
            let new = change::clean_new_text(&u.new)?;
            let range = flat.range(&u.start, &u.end);
            if let Some(c) = u.id.as_deref().and_then(|id| by_id.get(id)) {
                seen.insert(c.id.as_str());
                if c.status != ChangeStatus::Pending {
                    // Decided meanwhile by someone else: the editor will reload it.
                    continue;
                }
                if c.author == who.name {
                    let Some(r) = range else {
                        return Err(bad_range(&c.id));
                    };
                    if ChangeKind::of(&flat.slice(r.0, r.1), &new).is_none() {
                        delete(tx, &c.id)?;
                        out.withdrawn.push(c.id.clone());
                        continue;
                    }
                    if placed_range(&flat, c) != Some(r) || c.new != new || c.orphaned {
                        write_place(tx, &c.id, &flat, r, &new)?;
                        out.modified.push(c.id.clone());
                    }
                    continue;
                }
                if c.new != new {
                    return Err(ChangeError::OthersChange(c.author.clone()).into());
                }
                let place = range
                    .filter(|&(a, b)| flat.slice(a, b) == c.old)
                    .or_else(|| find_place(&flat, c));
                match place {
                    Some(r) if placed_range(&flat, c) != Some(r) || c.orphaned => {
                        write_place(tx, &c.id, &flat, r, &c.new)?
                    }
                    Some(_) => {}
                    None if !c.orphaned => {
                        set_orphaned(tx, &c.id)?;
                        out.orphaned.push(c.id.clone());
                    }
                    None => {}
                }
                continue;
            }
            // A new suggestion.
            if !who.is_set() {
                return Err(ReviewError::NoIdentity.into());
            }
            let id = match u.id.as_deref() {
                Some(id) if !ids::is_valid_id(id) => {
                    return Err(ChangeError::BadId(id.chars().take(70).collect()).into())
                }
                Some(id) if report_of(tx, id)?.is_some() => {
                    return Err(ChangeError::BadId(id.to_string()).into())
                }
                Some(id) => id.to_string(),
                None => new_id(tx)?,
            };
            let Some((a, b)) = range else {
                return Err(bad_range(&id));
            };
            let old = flat.slice(a, b);
            let Some(kind) = ChangeKind::of(&old, &new) else {
                continue;
            };
            let (prefix, suffix) = flat.context(a, b);
            insert(
                tx,
                &Change {
                    id: id.clone(),
                    report_id: report_id.to_string(),
                    kind,
                    start: flat.pos(a),
                    end: flat.pos(b),
                    old,
                    new,
                    prefix,
                    suffix,
                    author: who.name.clone(),
                    role: who.role,
                    created_at: String::new(),
                    status: ChangeStatus::Pending,
                    decided_by: None,
                    decided_at: None,
                    orphaned: false,
                    part_id: None,
                    location: String::new(),
                    mine: true,
                },
            )?;
            out.added.push(id);
        }
    }
    for c in pending {
        if seen.contains(c.id.as_str()) || c.orphaned {
            continue;
        }
        if updates.is_some() && c.author == who.name && placed_range(&flat, c).is_some() {
            delete(tx, &c.id)?;
            out.withdrawn.push(c.id.clone());
            continue;
        }
        match find_place(&flat, c) {
            Some(r) if placed_range(&flat, c) == Some(r) => {}
            Some(r) => write_place(tx, &c.id, &flat, r, &c.new)?,
            None => {
                set_orphaned(tx, &c.id)?;
                out.orphaned.push(c.id.clone());
            }
        }
    }
    if !out.added.is_empty() || !out.modified.is_empty() {
        check_suggestions(tx, report_id, doc, &out)?;
    }
    Ok(out)
}

fn bad_range(id: &str) -> crate::Error {
    ChangeError::BadPosition(format!("修订{id}的起止位置不在报告正文中")).into()
}

/// New or changed suggestions may not overlap another pending change, and the
/// text with every pending change accepted must pass the template check.
pub fn check_suggestions(
    conn: &Connection,
    report_id: &str,
    doc: &Document,
    touched: &Reconciled,
) -> Result<()> {
    let all = list(conn, report_id, "")?;
    let flat = Flat::of(doc);
    let fresh = |id: &str| {
        touched
            .added
            .iter()
            .chain(&touched.modified)
            .any(|t| t == id)
    };
    for c in all.iter().filter(|c| fresh(&c.id)) {
        let Some((a, b)) = placed_range(&flat, c) else {
            continue;
        };
        if let Some(o) = change::overlapping(&flat, &all, a, b, Some(&c.id)) {
            return Err(ChangeError::Overlaps {
                author: o.author.clone(),
            }
            .into());
        }
    }
    check_accepted(doc, &all)
}

/// The template check of the text with every pending change accepted.
pub fn check_accepted(doc: &Document, changes: &[Change]) -> Result<()> {
    let accepted = change::accepted_view(doc, changes)?;
    validate::validate(&accepted).map_err(|e| ChangeError::BreaksTemplate(e.to_string()))?;
    Ok(())
}
