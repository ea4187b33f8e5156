//! The library: one SQLite file holding every report, its working copy, its
//! revisions and a full-text index.
//!
//! Every write is one transaction. The only writer of `reports.content` is
//! [`reports::write_content`], which takes a [`Validated`] document (made only
//! by [`crate::validate::validated`]) and writes the derived columns and search
//! rows computed by [`reports::ReportRow::derive`].
//!
//! One module per table (`schema`, `reports`, `fts`, `revisions`, `comments`,
//! `audit`, `settings`) holds its statements as free functions on a
//! `Connection`/`Transaction`; [`Store`]'s methods are the facade. The layers
//! go one way: `review/` and `backup` → `store` → `model`, `validate`,
//! `anchor`, `identity`, `error` (nothing under `store/` names `review` or
//! `backup`; [`Store::open`], which backs up an older library before migrating,
//! is therefore defined in `backup.rs`).

pub mod audit;
pub mod changes;
pub mod comments;
pub(crate) mod fts;
pub mod ignored;
pub mod lexicon;
pub mod reports;
pub mod revisions;
pub mod schema;
pub mod settings;

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use self::reports::Write;
use crate::change::ChangeError;
use crate::error::ReviewError;
use crate::identity::{ReviewRole, SETTING_NAME};
use crate::model::Document;
use crate::status::Status;
use crate::validate::{self, Validated};
use crate::{json, template, Error, Result};

pub use schema::{APPLICATION_ID, SCHEMA_VERSION};

/// What a save carries beside the document.
#[derive(Default)]
pub(crate) struct SaveWith<'a> {
    /// The editor's comment ranges.
    pub anchors: &'a [crate::anchor::AnchorUpdate],
    /// Force a revision with this message and author.
    pub revision: Option<(&'a str, Option<&'a str>)>,
    /// The editor's full list of pending changes (`save_report_reviewed`).
    pub changes: Option<&'a [crate::change::ChangeUpdate]>,
    /// Runs in the transaction after the content is written and before the
    /// changes are re-anchored: accepting changes marks them here.
    #[allow(clippy::type_complexity)]
    pub decide: Option<&'a dyn Fn(&rusqlite::Transaction) -> Result<()>>,
}

/// The audit entries of a reviewed save: suggestions added and withdrawn.
fn record_suggestions(
    tx: &rusqlite::Transaction,
    report_id: &str,
    who: &crate::identity::Identity,
    r: &changes::Reconciled,
) -> Result<()> {
    for (action, ids) in [
        ("change_suggest", &r.added),
        ("change_withdraw", &r.withdrawn),
    ] {
        for id in ids {
            audit::record(tx, &audit::Record::new(report_id, who, action).detail(id))?;
        }
    }
    Ok(())
}

/// What the report list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportSummary {
    pub id: String,
    pub issuer: String,
    pub year: i32,
    pub title: String,
    pub status: Status,
    pub status_label: String,
    pub template_id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    /// Characters of text, headings included.
    #[ts(type = "number")]
    pub chars: i64,
}

/// A report as opened: its workflow data and the document, flattened so that
/// `fazhi show --json` has the parts at the top level.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportView {
    pub id: String,
    pub status: Status,
    pub status_label: String,
    /// Bumped by every save; a save names the version it was edited from.
    #[ts(type = "number")]
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub title: String,
    #[serde(flatten)]
    pub document: Document,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct NewReport {
    pub issuer: String,
    pub year: i32,
    /// Template id; the default (statutory order) when absent.
    #[serde(default)]
    pub template_id: Option<String>,
    /// Add the optional fifth part 其他需要报告的情况.
    #[serde(default)]
    pub include_optional: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Created {
    pub report: ReportView,
    /// What the user should know about the new report (e.g. an outline fallback).
    pub notices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Saved {
    pub id: String,
    #[ts(type = "number")]
    pub version: i64,
    pub updated_at: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RevisionInfo {
    pub report_id: String,
    /// 1, 2, 3… per report.
    #[ts(type = "number")]
    pub revision: i64,
    pub message: Option<String>,
    pub author: Option<String>,
    pub created_at: String,
    #[ts(type = "number")]
    pub chars: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub year: i32,
    /// The matching text with some context.
    pub snippet: String,
}

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

/// The library file the app and the CLI use unless told otherwise:
/// `$FAZHI_DB`, else the platform data directory
/// (`$XDG_DATA_HOME/fazhi-studio/library.sqlite3`, `~/.local/share/…`,
/// `%APPDATA%\fazhi-studio\…`).
pub fn default_path() -> PathBuf {
    if let Some(p) = std::env::var_os("FAZHI_DB").filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    data_dir().join("fazhi-studio").join("library.sqlite3")
}

fn data_dir() -> PathBuf {
    let env = |k: &str| {
        std::env::var_os(k)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if cfg!(windows) {
        if let Some(p) = env("APPDATA") {
            return p;
        }
    }
    if let Some(p) = env("XDG_DATA_HOME") {
        return p;
    }
    if let Some(h) = env("HOME") {
        return h.join(".local").join("share");
    }
    PathBuf::from(".")
}

impl Store {
    /// Opens (or creates) the library at `path`: `before_migration` sees the
    /// connection before the schema checks and migrations run ([`Store::open`]
    /// passes the backup of an older library, made in [`crate::backup`], which
    /// sits above this module). A library written by a newer schema, or a file
    /// that is not a library, is refused without being modified.
    pub(crate) fn open_with(
        path: &Path,
        before_migration: impl FnOnce(&Connection, &Path) -> Result<()>,
    ) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                path: dir.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        let shown = path.display().to_string();
        let named = |e: Error| match e {
            Error::NotALibrary(_) => Error::NotALibrary(shown.clone()),
            other => other,
        };
        let mut conn = Connection::open(path).map_err(|e| named(Error::from(e)))?;
        before_migration(&conn, path).map_err(named)?;
        schema::init(&mut conn, true).map_err(named)?;
        Ok(Store {
            conn,
            path: Some(path.to_path_buf()),
        })
    }

    /// Opens an existing library for reading only (an export, a print): no migration,
    /// no backup, no pragma written, and SQLite refuses any write (`query_only`).
    /// `None` when there is no file yet or the library is older than this build (the
    /// caller then opens it with [`Store::open`], which migrates it); a file that is
    /// not a library, or a newer one, is refused as [`Store::open`] refuses it.
    pub fn open_read_only(path: &Path) -> Result<Option<Store>> {
        use rusqlite::OpenFlags;
        if !path.is_file() {
            return Ok(None);
        }
        let shown = path.display().to_string();
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| match Error::from(e) {
            Error::NotALibrary(_) => Error::NotALibrary(shown.clone()),
            other => other,
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        conn.pragma_update(None, "query_only", "ON")?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        if version > 0 && app_id != APPLICATION_ID {
            return Err(Error::NotALibrary(shown));
        }
        if version > SCHEMA_VERSION {
            return Err(Error::LibraryTooNew {
                found: version,
                supported: SCHEMA_VERSION,
            });
        }
        if version < SCHEMA_VERSION {
            return Ok(None);
        }
        Ok(Some(Store {
            conn,
            path: Some(path.to_path_buf()),
        }))
    }

    pub fn open_in_memory() -> Result<Store> {
        let mut conn = Connection::open_in_memory()?;
        schema::init(&mut conn, false)?;
        Ok(Store { conn, path: None })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The underlying connection, for sibling modules of the core (comments,
    /// settings) that add their own tables.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    pub(crate) fn conn_mut(&mut self) -> &mut Connection {
        &mut self.conn
    }

    // ---- reports -------------------------------------------------------------

    /// Creates a report from its template.
    pub fn create_report(&mut self, new: &NewReport) -> Result<Created> {
        let tpl_id = new
            .template_id
            .as_deref()
            .filter(|s| !s.is_empty())
            .unwrap_or(template::DEFAULT_TEMPLATE);
        let tpl = template::latest(tpl_id)?;
        let (doc, notices) = tpl.instantiate(&new.issuer, new.year, new.include_optional);
        let report = self.create_from_document(doc)?;
        Ok(Created { report, notices })
    }

    /// Stores a new report holding `doc` (importers and 下一年度报告 come here).
    pub fn create_from_document(&mut self, doc: Document) -> Result<ReportView> {
        let doc = validate::validated(doc)?;
        let tx = self.conn.transaction()?;
        let id = reports::new_id(&tx)?;
        reports::write_content(&tx, &id, &doc, Write::New)?;
        tx.commit()?;
        self.get_report(&id)
    }

    pub fn list_reports(&self, query: Option<&str>) -> Result<Vec<ReportSummary>> {
        let q = query.map(str::trim).filter(|q| !q.is_empty());
        let ids: Option<Vec<String>> = match q {
            None => None,
            Some(q) => Some(self.search(q)?.into_iter().map(|h| h.id).collect()),
        };
        let mut out = reports::list(&self.conn)?;
        if let Some(ids) = ids {
            out.retain(|s| ids.contains(&s.id));
        }
        Ok(out)
    }

    pub fn get_report(&self, id: &str) -> Result<ReportView> {
        let row = reports::get(&self.conn, id)?;
        let document = json::parse_document(&row.content)?;
        Ok(ReportView {
            id: id.to_string(),
            status: row.status,
            status_label: row.status.label().to_string(),
            version: row.version,
            created_at: row.created_at,
            updated_at: row.updated_at,
            title: document.title(),
            document,
        })
    }

    /// Replaces the working copy. `expected_version` is the version the editor
    /// loaded; when another writer saved in between the save is refused rather
    /// than overwriting their work. Comments are re-anchored in the same
    /// transaction (see [`crate::anchor`]).
    pub fn save_report(
        &mut self,
        id: &str,
        doc: Document,
        expected_version: Option<i64>,
    ) -> Result<Saved> {
        self.save_report_with_anchors(id, doc, expected_version, &[])
    }

    /// [`Store::save_report`] with the editor's exact new comment ranges; comments
    /// not named in `anchors` are re-anchored by their quote and context. An
    /// update that does not fit the document falls back to that search: a save is
    /// never refused because of a comment. In 审阅中 the saved content is also
    /// kept as a revision (author: the library's identity) when it changed.
    pub fn save_report_with_anchors(
        &mut self,
        id: &str,
        doc: Document,
        expected_version: Option<i64>,
        anchors: &[crate::anchor::AnchorUpdate],
    ) -> Result<Saved> {
        let doc = validate::validated(doc)?;
        self.save_inner(id, &doc, expected_version, anchors, None)
            .map(|(saved, _)| saved)
    }

    /// One transaction: the write, the index, the anchors, the changes and the
    /// revision (`with.revision` forces one; else one is kept only in 审阅中).
    fn save_inner(
        &mut self,
        id: &str,
        doc: &Validated<Document>,
        expected_version: Option<i64>,
        anchors: &[crate::anchor::AnchorUpdate],
        revision_message: Option<(&str, Option<&str>)>,
    ) -> Result<(Saved, Option<RevisionInfo>)> {
        let with = SaveWith {
            anchors,
            revision: revision_message,
            ..SaveWith::default()
        };
        self.save_with(id, doc, expected_version, &with)
            .map(|(saved, revision, _)| (saved, revision))
    }

    /// The save path with everything a save may carry ([`SaveWith`]).
    pub(crate) fn save_with(
        &mut self,
        id: &str,
        doc: &Validated<Document>,
        expected_version: Option<i64>,
        with: &SaveWith<'_>,
    ) -> Result<(Saved, Option<RevisionInfo>, changes::Reconciled)> {
        let author = self.setting(SETTING_NAME)?;
        let who = self.identity()?;
        let tx = self.conn.transaction()?;
        let (status, current, review_copy) = reports::save_state(&tx, id)?;
        let before = json::parse_document(&reports::get(&tx, id)?.content)?;
        // A reviewed save that leaves the original text as it is only stores
        // the suggestions: allowed in 审阅中 for reviewers and in a review copy.
        let overlay_only = with.changes.is_some() && before == **doc;
        if status.is_locked() {
            return Err(if overlay_only {
                ChangeError::Locked(status.label()).into()
            } else {
                Error::Locked(status.label())
            });
        }
        if review_copy && !overlay_only {
            return Err(ReviewError::ReviewCopy.into());
        }
        if let Some(expected) = expected_version {
            if expected != current {
                return Err(Error::Conflict { expected, current });
            }
        }
        // 修订 is forced on for reviewers in 审阅中: their word on the text is a
        // suggestion (#17), never a change of the original.
        if status == Status::Review && who.role == Some(ReviewRole::Reviewer) && before != **doc {
            return Err(ChangeError::ReviewerMustSuggest.into());
        }
        let mut revision = None;
        if !overlay_only {
            reports::write_content(&tx, id, doc, Write::Save)?;
            comments::reanchor_all(&tx, id, doc, with.anchors)?;
            // The audit log's 修改正文 entry: what this save changed (#20).
            if let Some(edit) = audit::EditSummary::of(&before, doc, current, current + 1) {
                audit::record_edit(&tx, id, &who, &edit)?;
            }
        }
        if let Some(decide) = with.decide {
            decide(&tx)?;
        }
        let reconciled = changes::reconcile(&tx, id, doc, with.changes, &who)?;
        record_suggestions(&tx, id, &who, &reconciled)?;
        if overlay_only {
            // Nothing else to write: the content and its version stay.
        } else if let Some((message, by)) = with.revision {
            revision = Some(revisions::insert(&tx, id, Some(message), by)?);
        } else if status == Status::Review {
            let content = reports::get(&tx, id)?.content;
            if revisions::last_content(&tx, id)?.as_deref() != Some(content.as_str()) {
                revision = Some(revisions::insert(
                    &tx,
                    id,
                    Some("审阅中保存"),
                    author.as_deref(),
                )?);
            }
        }
        let (version, updated_at) = reports::version(&tx, id)?;
        tx.commit()?;
        let saved = Saved {
            id: id.to_string(),
            version,
            updated_at,
        };
        Ok((saved, revision, reconciled))
    }

    pub fn delete_report(&mut self, id: &str) -> Result<()> {
        // A finalised, filed or published report is the office's record: it
        // cannot be deleted until a 签发人 withdraws the 定稿. A review copy is
        // the reviewer's scratch copy and may go.
        let (status, review_copy) = self.get_report_status(id)?;
        if status.is_locked() && !review_copy {
            return Err(Error::Locked(status.label()));
        }
        let tx = self.conn.transaction()?;
        if !reports::delete(&tx, id)? {
            return Err(Error::ReportNotFound(id.to_string()));
        }
        tx.commit()?;
        Ok(())
    }

    /// Status and review-copy flag of a report.
    pub fn report_status(&self, id: &str) -> Result<(Status, bool)> {
        self.get_report_status(id)
    }

    pub(crate) fn get_report_status(&self, id: &str) -> Result<(Status, bool)> {
        reports::status(&self.conn, id)
    }

    // ---- revisions -----------------------------------------------------------

    /// 保存版本: an immutable copy of the working copy as it stands.
    pub fn save_version(
        &mut self,
        id: &str,
        message: Option<&str>,
        author: Option<&str>,
    ) -> Result<RevisionInfo> {
        let tx = self.conn.transaction()?;
        let info = revisions::insert(&tx, id, message, author)?;
        tx.commit()?;
        Ok(info)
    }

    pub fn list_revisions(&self, id: &str) -> Result<Vec<RevisionInfo>> {
        self.ensure_exists(id)?;
        revisions::list(&self.conn, id)
    }

    pub fn get_revision(&self, id: &str, revision: i64) -> Result<Document> {
        json::parse_document(&revisions::content(&self.conn, id, revision)?)
    }

    /// Makes a revision the working copy again and records that as a new
    /// revision, so that nothing in the history is lost. The revision passes
    /// the template check again, like any save.
    pub fn restore_revision(
        &mut self,
        id: &str,
        revision: i64,
        author: Option<&str>,
    ) -> Result<RevisionInfo> {
        let doc = validate::validated(self.get_revision(id, revision)?)?;
        let msg = format!("恢复自第{revision}版");
        let (_, info) = self.save_inner(id, &doc, None, &[], Some((&msg, author)))?;
        info.ok_or_else(|| Error::Database("恢复版本未能记录".into()))
    }

    fn ensure_exists(&self, id: &str) -> Result<()> {
        if reports::exists(&self.conn, id)? {
            Ok(())
        } else {
            Err(Error::ReportNotFound(id.to_string()))
        }
    }

    // ---- search ----------------------------------------------------------------

    /// Full-text search over every report's title, headings and paragraphs.
    /// Trigram FTS5 for queries of three characters and more; shorter ones
    /// (common in Chinese: 法治, 执法) are a substring scan of the same table.
    pub fn search(&self, text: &str) -> Result<Vec<SearchHit>> {
        fts::search(&self.conn, text)
    }

    // ---- settings --------------------------------------------------------------

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        settings::get(&self.conn, key)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        settings::set(&tx, key, value)?;
        tx.commit()?;
        Ok(())
    }

    /// Every setting whose key starts with `prefix` (e.g. `fonts.`), by key.
    pub fn settings_with_prefix(&self, prefix: &str) -> Result<Vec<(String, String)>> {
        settings::with_prefix(&self.conn, prefix)
    }

    /// Removes a setting (back to its default); nothing happens when it is not set.
    pub fn remove_setting(&mut self, key: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        settings::delete(&tx, key)?;
        tx.commit()?;
        Ok(())
    }

    pub fn report_count(&self) -> Result<i64> {
        reports::count(&self.conn)
    }

    // ---- proofing: the library's lexicon and ignored findings (003) ---------------

    /// The library's own lexicon entries and overrides, in their order.
    pub fn lexicon_entries(&self) -> Result<Vec<lexicon::LexiconRow>> {
        lexicon::list(&self.conn)
    }

    /// Replaces the library's lexicon entries as a whole, in one transaction.
    pub fn set_lexicon_entries(&mut self, rows: &[lexicon::LexiconRow]) -> Result<()> {
        let tx = self.conn.transaction()?;
        lexicon::replace_all(&tx, rows)?;
        tx.commit()?;
        Ok(())
    }

    /// The ignores that apply to a report (its own and the library-wide ones).
    pub fn ignored_findings(&self, report_id: &str) -> Result<Vec<ignored::IgnoredFinding>> {
        reports::get(&self.conn, report_id)?;
        ignored::for_report(&self.conn, report_id)
    }

    /// Records an ignore; returns its id (the existing one when it is there already).
    pub fn ignore_finding(&mut self, new: &ignored::NewIgnore) -> Result<i64> {
        let tx = self.conn.transaction()?;
        reports::get(&tx, new.report_id)?;
        let id = ignored::add(&tx, new)?;
        tx.commit()?;
        Ok(id)
    }

    /// Restores an ignored finding (deletes the ignore).
    pub fn restore_ignored(&mut self, id: i64) -> Result<()> {
        let tx = self.conn.transaction()?;
        if !ignored::remove(&tx, id)? {
            return Err(Error::IgnoredNotFound(id));
        }
        tx.commit()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
