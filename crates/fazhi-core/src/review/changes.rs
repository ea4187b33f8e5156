//! Reviewers' 修订 (tracked changes): suggesting, listing, accepting and
//! rejecting, the editor's reviewed save, and changes from elsewhere (a
//! reviewed DOCX). The positions and views are [`crate::change`], the table
//! [`crate::store::changes`].
//!
//! The working copy keeps the original text. Accepting applies a change
//! through the normal validated save path, with its status and audit entry in
//! the same transaction; rejecting marks it and logs it. A change whose text
//! vanished is orphaned: listed, never applied, only rejected.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::ReviewRole;
use crate::change::{
    self, Change, ChangeError, ChangeKind, ChangeStatus, ChangeTarget, ChangeUpdate, Flat,
    NewChange,
};
use crate::identity::Identity;
use crate::model::Document;
use crate::store::audit::{self, Record};
use crate::store::changes as table;
use crate::store::{SaveWith, Saved};
use crate::{ids, json, validate, Result, Store};

/// Which changes a list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ChangeFilter {
    /// Pending ones (the default): what awaits a decision.
    #[default]
    Pending,
    All,
}

/// What `save_report_reviewed` answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SavedReviewed {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub updated_at: String,
    /// Every pending change after the save (the editor re-marks from these).
    pub changes: Vec<Change>,
    /// Ids of the changes this save orphaned (their original text vanished).
    pub orphaned: Vec<String>,
}

/// What accepting or rejecting answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangesDecided {
    pub id: String,
    /// The report's version after the decision (unchanged by a rejection).
    #[ts(type = "number")]
    pub version: i64,
    pub updated_at: String,
    /// The changes decided, as they are now.
    pub decided: Vec<Change>,
    /// Pending changes left out (orphaned ones cannot be accepted).
    pub skipped: Vec<Change>,
}

/// What [`Store::add_changes`] answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ChangesAdded {
    /// Ids of the changes stored, one per placed input, in input order
    /// (an input already stored answers its existing id).
    pub ids: Vec<String>,
    /// Inputs whose text was not found (stored as orphaned, listed here).
    pub orphaned: Vec<String>,
    /// Inputs refused (overlap, template check), with the reason, by index.
    pub refused: Vec<RefusedChange>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RefusedChange {
    pub index: u32,
    pub reason: String,
}

/// One decision of a list of changes.
fn who_may_decide(who: &Identity, c: &Change, accept: bool) -> Result<()> {
    if who.role == Some(ReviewRole::Reviewer) {
        if accept {
            return Err(ChangeError::ReviewerCannotAccept.into());
        }
        if c.author != who.name {
            return Err(ChangeError::NotYours(c.author.clone()).into());
        }
    }
    Ok(())
}

/// The audit entry's words for a change: 插入“…” / 删除“…” / “…”改为“…”.
fn describe(c: &Change) -> String {
    let short = |s: &str| {
        let mut t: String = s.chars().take(30).collect::<String>().replace('\n', "↵");
        if s.chars().count() > 30 {
            t.push('…');
        }
        t
    };
    let what = match c.kind {
        ChangeKind::Insert => format!("插入“{}”", short(&c.new)),
        ChangeKind::Delete => format!("删除“{}”", short(&c.old)),
        ChangeKind::Replace => format!("“{}”改为“{}”", short(&c.old), short(&c.new)),
    };
    format!("{}的修订 {}：{what}", c.author, c.id)
}

impl Store {
    fn with_places(&self, doc: &Document, mut list: Vec<Change>) -> Vec<Change> {
        let parts = crate::anchor::part_of_nodes(doc);
        for c in &mut list {
            c.part_id = parts.get(&c.start.node_id).cloned().flatten();
            c.location = if c.orphaned {
                "（原文已变，未能定位）".to_string()
            } else {
                change::describe_location(doc, &c.start.node_id)
            };
        }
        list
    }

    /// The report's changes (pending ones by default), oldest first, with
    /// their location in words.
    pub fn list_changes(&self, report_id: &str, filter: ChangeFilter) -> Result<Vec<Change>> {
        let doc = self.get_report(report_id)?.document;
        let me = self.identity()?.name;
        let mut list = table::list(self.connection(), report_id, &me)?;
        if filter == ChangeFilter::Pending {
            list.retain(|c| c.status == ChangeStatus::Pending);
        }
        Ok(self.with_places(&doc, list))
    }

    pub fn get_change(&self, change_id: &str) -> Result<Change> {
        let me = self.identity()?.name;
        let c = table::get(self.connection(), change_id, &me)?;
        let doc = self.get_report(&c.report_id)?.document;
        Ok(self.with_places(&doc, vec![c]).remove(0))
    }

    /// Pending changes of a report (定稿 waits for them).
    pub fn pending_change_count(&self, report_id: &str) -> Result<i64> {
        table::pending_count(self.connection(), report_id)
    }

    /// The text with every pending change accepted (`None`: as it is).
    pub fn accepted_view(&self, report_id: &str) -> Result<Document> {
        let doc = self.get_report(report_id)?.document;
        let list = table::list(self.connection(), report_id, "")?;
        Ok(change::accepted_view(&doc, &list)?)
    }

    /// Every text node with its pending changes as runs (DOCX w:ins/w:del, 花脸稿).
    pub fn change_runs(&self, report_id: &str) -> Result<Vec<change::NodeRuns>> {
        let doc = self.get_report(report_id)?.document;
        let list = table::list(self.connection(), report_id, "")?;
        Ok(change::runs(&doc, &list))
    }

    /// Suggests replacing the target's text with `new` ("" deletes it; a
    /// range with start = end inserts). A quote target is narrowed to the
    /// characters that actually differ (依法行政 → 全面依法行政 is the
    /// insertion of 全面). The original text stays; the change is stored with
    /// the identity as author. One transaction with its audit entry.
    pub fn suggest_change(
        &mut self,
        report_id: &str,
        target: &ChangeTarget,
        new: &str,
    ) -> Result<Change> {
        let who = self.require_identity()?;
        let report = self.get_report(report_id)?;
        if report.status.is_locked() {
            return Err(ChangeError::Locked(report.status.label()).into());
        }
        let new = change::clean_new_text(new)?;
        let flat = Flat::of(&report.document);
        let (mut a, mut b) = match target {
            ChangeTarget::Range { start, end } => flat.range(start, end).ok_or_else(|| {
                ChangeError::BadPosition("起止位置不在报告正文中，或终点在起点之前".into())
            })?,
            ChangeTarget::Quote { quote, occurrence } => {
                let n = occurrence.unwrap_or(1);
                let q = quote.replace("\r\n", "\n");
                flat.find(&q, n).ok_or(ChangeError::QuoteNotFound {
                    quote: q.chars().take(40).collect(),
                    occurrence: n,
                })?
            }
        };
        let mut new_chars: Vec<char> = new.chars().collect();
        if matches!(target, ChangeTarget::Quote { .. }) {
            // Narrow to what differs.
            let common_head = flat.chars[a..b]
                .iter()
                .zip(&new_chars)
                .take_while(|(x, y)| x == y)
                .count();
            a += common_head;
            new_chars.drain(..common_head);
            let common_tail = flat.chars[a..b]
                .iter()
                .rev()
                .zip(new_chars.iter().rev())
                .take_while(|(x, y)| x == y)
                .count();
            b -= common_tail;
            new_chars.truncate(new_chars.len() - common_tail);
        }
        let new: String = new_chars.into_iter().collect();
        let old = flat.slice(a, b);
        let Some(kind) = ChangeKind::of(&old, &new) else {
            return Err(ChangeError::NoChange.into());
        };
        let existing = table::list(self.connection(), report_id, "")?;
        if let Some(o) = change::overlapping(&flat, &existing, a, b, None) {
            return Err(ChangeError::Overlaps {
                author: o.author.clone(),
            }
            .into());
        }
        let tx = self.conn_mut().transaction()?;
        let id = table::new_id(&tx)?;
        let (prefix, suffix) = flat.context(a, b);
        let c = Change {
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
        };
        table::insert(&tx, &c)?;
        let all = table::list(&tx, report_id, "")?;
        table::check_accepted(&report.document, &all)?;
        audit::record(
            &tx,
            &Record::new(report_id, &who, "change_suggest").detail(&describe(&c)),
        )?;
        tx.commit()?;
        self.get_change(&id)
    }

    /// The editor's save in 修订 mode: the document (the ORIGINAL text, plus
    /// any direct edits a drafter made), the comment ranges, and the full list
    /// of pending changes with their current places (see
    /// [`table::reconcile`]). In 审阅中 a reviewer's document must equal the
    /// stored original; their suggestions are stored all the same, and also in
    /// a review copy (the content is then not written and the version stays).
    pub fn save_report_reviewed(
        &mut self,
        id: &str,
        doc: Document,
        expected_version: Option<i64>,
        anchors: &[crate::anchor::AnchorUpdate],
        changes: &[ChangeUpdate],
    ) -> Result<SavedReviewed> {
        let doc = validate::validated(doc)?;
        let with = SaveWith {
            anchors,
            changes: Some(changes),
            ..SaveWith::default()
        };
        let (saved, _, reconciled) = self.save_with(id, &doc, expected_version, &with)?;
        Ok(SavedReviewed {
            id: saved.id,
            version: saved.version,
            updated_at: saved.updated_at,
            changes: self.list_changes(id, ChangeFilter::Pending)?,
            orphaned: reconciled.orphaned,
        })
    }

    /// Accepts one change: its text goes into the working copy through the
    /// validated save path; status and audit entry in the same transaction.
    pub fn accept_change(
        &mut self,
        change_id: &str,
        expected_version: Option<i64>,
    ) -> Result<ChangesDecided> {
        let c = self.get_change(change_id)?;
        self.accept_changes(&c.report_id.clone(), vec![c], expected_version)
    }

    /// Accepts every pending change (of `author` when given); orphaned ones
    /// are left pending and listed as skipped.
    pub fn accept_all_changes(
        &mut self,
        report_id: &str,
        author: Option<&str>,
        expected_version: Option<i64>,
    ) -> Result<ChangesDecided> {
        let list = self.pending_of(report_id, author)?;
        self.accept_changes(report_id, list, expected_version)
    }

    fn pending_of(&self, report_id: &str, author: Option<&str>) -> Result<Vec<Change>> {
        let mut list = self.list_changes(report_id, ChangeFilter::Pending)?;
        if let Some(a) = author.map(str::trim).filter(|a| !a.is_empty()) {
            list.retain(|c| c.author == a);
        }
        Ok(list)
    }

    fn accept_changes(
        &mut self,
        report_id: &str,
        list: Vec<Change>,
        expected_version: Option<i64>,
    ) -> Result<ChangesDecided> {
        let who = self.require_identity()?;
        let report = self.get_report(report_id)?;
        let flat = Flat::of(&report.document);
        let single = list.len() == 1;
        let (mut take, mut skipped) = (Vec::new(), Vec::new());
        for c in list {
            who_may_decide(&who, &c, true)?;
            if c.status != ChangeStatus::Pending {
                return Err(ChangeError::AlreadyDecided(c.status.label()).into());
            }
            if c.orphaned || table::placed_range(&flat, &c).is_none() {
                if single {
                    return Err(ChangeError::Orphaned.into());
                }
                skipped.push(c);
            } else {
                take.push(c);
            }
        }
        if take.is_empty() {
            return Ok(ChangesDecided {
                id: report_id.to_string(),
                version: report.version,
                updated_at: report.updated_at,
                decided: Vec::new(),
                skipped,
            });
        }
        let refs: Vec<&Change> = take.iter().collect();
        let applied = change::apply_all(&report.document, &refs)?;
        let doc =
            validate::validated(applied).map_err(|e| ChangeError::BreaksTemplate(e.to_string()))?;
        // Where the other pending changes lie in the new text: mapped exactly,
        // rather than searched for (their context may have been changed).
        let applied: Vec<change::Applied> = take
            .iter()
            .filter_map(|c| change::Applied::of(&flat, c))
            .collect();
        let others = table::list(self.connection(), report_id, "")?;
        let new_flat = Flat::of(&doc);
        let moved: Vec<(String, (usize, usize), String)> = others
            .iter()
            .filter(|o| o.status == ChangeStatus::Pending && !take.iter().any(|t| t.id == o.id))
            .filter_map(|o| {
                let r = table::placed_range(&flat, o)?;
                let (a, b) = change::map_range(r, (&o.created_at, &o.id), &applied);
                (new_flat.slice(a, b) == o.old).then(|| (o.id.clone(), (a, b), o.new.clone()))
            })
            .collect();
        let decide = |tx: &rusqlite::Transaction| -> Result<()> {
            for (id, r, new) in &moved {
                table::write_place(tx, id, &new_flat, *r, new)?;
            }
            for c in &take {
                table::set_status(tx, &c.id, ChangeStatus::Accepted, Some(&who.name), None)?;
                audit::record(
                    tx,
                    &Record::new(report_id, &who, "change_accept").detail(&describe(c)),
                )?;
            }
            Ok(())
        };
        let with = SaveWith {
            decide: Some(&decide),
            ..SaveWith::default()
        };
        let (saved, _, _) = self.save_with(report_id, &doc, expected_version, &with)?;
        self.decided(saved, &take, skipped)
    }

    fn decided(
        &self,
        saved: Saved,
        list: &[Change],
        skipped: Vec<Change>,
    ) -> Result<ChangesDecided> {
        let decided = list
            .iter()
            .map(|c| self.get_change(&c.id))
            .collect::<Result<Vec<_>>>()?;
        Ok(ChangesDecided {
            id: saved.id,
            version: saved.version,
            updated_at: saved.updated_at,
            decided,
            skipped,
        })
    }

    /// Rejects one change: the text stays as it is. A reviewer may reject
    /// (withdraw) only their own.
    pub fn reject_change(&mut self, change_id: &str) -> Result<ChangesDecided> {
        let c = self.get_change(change_id)?;
        if c.status != ChangeStatus::Pending {
            return Err(ChangeError::AlreadyDecided(c.status.label()).into());
        }
        self.reject_changes(&c.report_id.clone(), vec![c])
    }

    /// Rejects every pending change (of `author` when given), orphaned ones included.
    pub fn reject_all_changes(
        &mut self,
        report_id: &str,
        author: Option<&str>,
    ) -> Result<ChangesDecided> {
        let list = self.pending_of(report_id, author)?;
        self.reject_changes(report_id, list)
    }

    fn reject_changes(&mut self, report_id: &str, list: Vec<Change>) -> Result<ChangesDecided> {
        let who = self.require_identity()?;
        for c in &list {
            who_may_decide(&who, c, false)?;
        }
        let tx = self.conn_mut().transaction()?;
        for c in &list {
            table::set_status(&tx, &c.id, ChangeStatus::Rejected, Some(&who.name), None)?;
            audit::record(
                &tx,
                &Record::new(report_id, &who, "change_reject").detail(&describe(c)),
            )?;
        }
        tx.commit()?;
        let r = self.get_report(report_id)?;
        let saved = Saved {
            id: r.id,
            version: r.version,
            updated_at: r.updated_at,
        };
        self.decided(saved, &list, Vec::new())
    }

    /// Stores changes from elsewhere (a reviewed DOCX's w:ins/w:del): each is
    /// placed at `start..end` when that still quotes `old`, else by `old` and
    /// its context; one not found is stored orphaned and listed. An input
    /// equal to a stored change (same id, or same author, texts and place)
    /// answers the stored id: importing twice adds nothing. Inputs that
    /// overlap a pending change or would break the template check are refused
    /// one by one (listed), the others stored. One transaction.
    pub fn add_changes(&mut self, report_id: &str, input: Vec<NewChange>) -> Result<ChangesAdded> {
        let who = self.require_identity()?;
        let report = self.get_report(report_id)?;
        if report.status.is_locked() {
            return Err(ChangeError::Locked(report.status.label()).into());
        }
        let doc = report.document;
        let flat = Flat::of(&doc);
        let mut out = ChangesAdded {
            ids: Vec::new(),
            orphaned: Vec::new(),
            refused: Vec::new(),
        };
        let tx = self.conn_mut().transaction()?;
        let mut added = 0usize;
        for (i, n) in input.into_iter().enumerate() {
            let refuse = |out: &mut ChangesAdded, reason: String| {
                out.refused.push(RefusedChange {
                    index: i as u32,
                    reason,
                })
            };
            let (old, new) = match (
                change::clean_new_text(&n.old),
                change::clean_new_text(&n.new),
            ) {
                (Ok(o), Ok(n)) => (o, n),
                (Err(e), _) | (_, Err(e)) => {
                    refuse(&mut out, e.to_string());
                    continue;
                }
            };
            let author = super::clean_text(&n.author, "作者", super::MAX_NAME_CHARS)?;
            let author = if author.is_empty() {
                who.name.clone()
            } else {
                author
            };
            let Some(kind) = ChangeKind::of(&old, &new) else {
                refuse(&mut out, ChangeError::NoChange.to_string());
                continue;
            };
            let hint = match (&n.start, &n.end) {
                (Some(s), Some(e)) => flat.range(s, e),
                _ => None,
            };
            let place = flat.reanchor(&old, &n.prefix, &n.suffix, hint);
            let existing = table::list(&tx, report_id, "")?;
            if let Some(id) = n.id.as_deref() {
                if !ids::is_valid_id(id) {
                    refuse(
                        &mut out,
                        ChangeError::BadId(id.chars().take(70).collect()).to_string(),
                    );
                    continue;
                }
                if let Some(e) = existing.iter().find(|c| c.id == id) {
                    out.ids.push(e.id.clone());
                    continue;
                }
                if table::report_of(&tx, id)?.is_some() {
                    refuse(&mut out, ChangeError::BadId(id.to_string()).to_string());
                    continue;
                }
            }
            let same = existing.iter().find(|c| {
                c.author == author
                    && c.old == old
                    && c.new == new
                    && (place.is_none() || table::placed_range(&flat, c) == place)
            });
            if let Some(e) = same {
                out.ids.push(e.id.clone());
                continue;
            }
            if let Some((a, b)) = place {
                if let Some(o) = change::overlapping(&flat, &existing, a, b, None) {
                    refuse(
                        &mut out,
                        ChangeError::Overlaps {
                            author: o.author.clone(),
                        }
                        .to_string(),
                    );
                    continue;
                }
            }
            let id = match n.id {
                Some(id) => id,
                None => table::new_id(&tx)?,
            };
            let (a, b) = place.unwrap_or((0, 0));
            let (prefix, suffix) = match place {
                Some(_) => flat.context(a, b),
                None => (n.prefix.clone(), n.suffix.clone()),
            };
            let c = Change {
                id: id.clone(),
                report_id: report_id.to_string(),
                kind,
                start: n
                    .start
                    .filter(|_| place.is_none())
                    .unwrap_or_else(|| flat.pos(a)),
                end: n
                    .end
                    .filter(|_| place.is_none())
                    .unwrap_or_else(|| flat.pos(b)),
                old,
                new,
                prefix,
                suffix,
                author,
                role: n.role,
                created_at: n
                    .created_at
                    .filter(|t| crate::dates::parse_iso(t.get(..10).unwrap_or("")).is_some())
                    .unwrap_or_default(),
                status: ChangeStatus::Pending,
                decided_by: None,
                decided_at: None,
                orphaned: place.is_none(),
                part_id: None,
                location: String::new(),
                mine: false,
            };
            // The template check, one input at a time: a bad one is refused alone.
            let mut with_it = existing.clone();
            with_it.push(c.clone());
            if let Err(e) = table::check_accepted(&doc, &with_it) {
                refuse(&mut out, e.to_string());
                continue;
            }
            table::insert(&tx, &c)?;
            if c.orphaned {
                out.orphaned.push(id.clone());
            }
            out.ids.push(id);
            added += 1;
        }
        if added > 0 {
            audit::record(
                &tx,
                &Record::new(report_id, &who, "changes_import")
                    .detail(&format!("导入修订{added}处")),
            )?;
        }
        tx.commit()?;
        Ok(out)
    }
}

/// Reads a change id typed by a person: trimmed, our alphabet.
pub fn parse_change_id(s: &str) -> Result<String> {
    let t = s.trim();
    if ids::is_valid_id(t) {
        Ok(t.to_string())
    } else {
        Err(ChangeError::BadId(t.chars().take(70).collect()).into())
    }
}

/// The reviewed-save arguments as the editor sends them (kept here so the app
/// and the CLI read the same JSON).
pub fn parse_updates(s: &str) -> Result<Vec<ChangeUpdate>> {
    serde_json::from_str(s).map_err(|e| crate::Error::BadJson(json::describe(&e)))
}

#[cfg(test)]
#[path = "changes_tests.rs"]
mod tests;
