//! The library: one SQLite file holding every report, its working copy, its
//! revisions and a full-text index.
//!
//! Every write is one transaction, and every content write passes
//! [`crate::validate::validate`] first: there is no other way into the
//! `reports.content` column.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{params, Connection, OptionalExtension, Transaction};
use rusqlite_migration::{Migrations, M};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::{Document, Section};
use crate::status::Status;
use crate::{ids, json, template, validate, Error, Result};

/// 'FZHS': marks a SQLite file as a Fazhi Studio library.
const APPLICATION_ID: i64 = 0x465A_4853;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("store/migrations/001_init.sql")),
        M::up(include_str!("store/migrations/002_review.sql")),
    ])
}

/// Schema version this build writes (the number of migrations).
pub const SCHEMA_VERSION: i64 = 2;

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
    /// Opens (or creates) the library at `path` and brings its schema up to date.
    /// A library written by a newer schema, or a file that is not a library, is
    /// refused without being modified.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Io {
                path: dir.display().to_string(),
                reason: e.to_string(),
            })?;
        }
        let shown = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| match Error::from(e) {
            Error::NotALibrary(_) => Error::NotALibrary(shown.clone()),
            other => other,
        })?;
        // An older library of ours is backed up before its migrations run.
        crate::backup::backup_before_migration(&conn, path, SCHEMA_VERSION).map_err(
            |e| match e {
                Error::NotALibrary(_) => Error::NotALibrary(shown.clone()),
                other => other,
            },
        )?;
        let mut store = Store {
            conn,
            path: Some(path.to_path_buf()),
        };
        store.init().map_err(|e| match e {
            Error::NotALibrary(_) => Error::NotALibrary(shown.clone()),
            other => other,
        })?;
        Ok(store)
    }

    pub fn open_in_memory() -> Result<Store> {
        let mut store = Store {
            conn: Connection::open_in_memory()?,
            path: None,
        };
        store.init()?;
        Ok(store)
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

    fn init(&mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(5))?;
        // Read-only checks first: nothing is written to a file we do not own.
        let user_version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let app_id: i64 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let tables: i64 = self.conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if (user_version > 0 || tables > 0) && app_id != APPLICATION_ID {
            return Err(Error::NotALibrary(String::new()));
        }
        if user_version > SCHEMA_VERSION {
            return Err(Error::LibraryTooNew {
                found: user_version,
                supported: SCHEMA_VERSION,
            });
        }
        if self.path.is_some() {
            let mode: String = self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            debug_assert_eq!(mode.to_lowercase(), "wal");
        }
        self.conn.pragma_update(None, "foreign_keys", "ON")?;
        // FULL: a commit is on disk before we report it saved (power loss included).
        self.conn.pragma_update(None, "synchronous", "FULL")?;
        migrations()
            .to_latest(&mut self.conn)
            .map_err(|e| match e {
                rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
                other => Error::Database(other.to_string()),
            })?;
        if app_id != APPLICATION_ID {
            self.conn
                .pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        Ok(())
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
    pub fn create_from_document(&mut self, mut doc: Document) -> Result<ReportView> {
        validate::assign_missing_ids(&mut doc);
        validate::validate(&doc)?;
        let content = serde_json::to_string(&doc)?;
        let tx = self.conn.transaction()?;
        let id = loop {
            let id = ids::new_id();
            let taken: bool = tx
                .query_row("SELECT 1 FROM reports WHERE id = ?1", [&id], |_| Ok(true))
                .optional()?
                .unwrap_or(false);
            if !taken {
                break id;
            }
        };
        tx.execute(
            "INSERT INTO reports (id, issuer, year, title, template_id, template_version,
                 status, content, content_schema, chars, version, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'draft', ?7, ?8, ?9, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            params![
                id,
                doc.issuer,
                doc.year,
                doc.title(),
                doc.template.id,
                doc.template.version,
                content,
                doc.schema_version,
                char_count(&doc),
            ],
        )?;
        sync_index(&tx, &id, &doc)?;
        tx.commit()?;
        self.get_report(&id)
    }

    pub fn list_reports(&self, query: Option<&str>) -> Result<Vec<ReportSummary>> {
        let q = query.map(str::trim).filter(|q| !q.is_empty());
        let ids: Option<Vec<String>> = match q {
            None => None,
            Some(q) => Some(self.search(q)?.into_iter().map(|h| h.id).collect()),
        };
        let mut stmt = self.conn.prepare(
            "SELECT id, issuer, year, title, status, template_id, version, created_at,
                    updated_at, chars
             FROM reports ORDER BY updated_at DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(ReportSummary {
                id: r.get(0)?,
                issuer: r.get(1)?,
                year: r.get(2)?,
                title: r.get(3)?,
                status: status_from_sql(r.get::<_, String>(4)?),
                status_label: String::new(),
                template_id: r.get(5)?,
                version: r.get(6)?,
                created_at: r.get(7)?,
                updated_at: r.get(8)?,
                chars: r.get(9)?,
            })
        })?;
        let mut out = Vec::new();
        for row in rows {
            let mut s = row?;
            s.status_label = s.status.label().to_string();
            if ids.as_ref().is_none_or(|ids| ids.contains(&s.id)) {
                out.push(s);
            }
        }
        Ok(out)
    }

    pub fn get_report(&self, id: &str) -> Result<ReportView> {
        let row = self
            .conn
            .query_row(
                "SELECT status, version, created_at, updated_at, content, content_schema
                 FROM reports WHERE id = ?1",
                [id],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, i64>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, String>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, i64>(5)?,
                    ))
                },
            )
            .optional()?
            .ok_or_else(|| Error::ReportNotFound(id.to_string()))?;
        let (status, version, created_at, updated_at, content, _schema) = row;
        let document = json::parse_document(&content)?;
        let status = status_from_sql(status);
        Ok(ReportView {
            id: id.to_string(),
            status,
            status_label: status.label().to_string(),
            version,
            created_at,
            updated_at,
            title: document.title(),
            document,
        })
    }

    /// Replaces the working copy. `expected_version` is the version the editor
    /// loaded; when another writer saved in between the save is refused rather
    /// than overwriting their work. Comments are re-anchored in the same
    /// transaction (see [`crate::review::anchor`]).
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
        anchors: &[crate::review::AnchorUpdate],
    ) -> Result<Saved> {
        self.save_inner(id, doc, expected_version, anchors, None)
            .map(|(saved, _)| saved)
    }

    /// One transaction: the write, the index, the anchors and the revision
    /// (`revision_message` forces one; else one is kept only in 审阅中).
    fn save_inner(
        &mut self,
        id: &str,
        mut doc: Document,
        expected_version: Option<i64>,
        anchors: &[crate::review::AnchorUpdate],
        revision_message: Option<(&str, Option<&str>)>,
    ) -> Result<(Saved, Option<RevisionInfo>)> {
        validate::assign_missing_ids(&mut doc);
        validate::validate(&doc)?;
        let content = serde_json::to_string(&doc)?;
        let author = self.setting(crate::review::SETTING_NAME)?;
        let tx = self.conn.transaction()?;
        let (status, current, review_copy): (String, i64, bool) = tx
            .query_row(
                "SELECT status, version, review_copy FROM reports WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?
            .ok_or_else(|| Error::ReportNotFound(id.to_string()))?;
        let status = status_from_sql(status);
        if status.is_locked() {
            return Err(Error::Locked(status.label()));
        }
        if review_copy {
            return Err(crate::review::ReviewError::ReviewCopy.into());
        }
        if let Some(expected) = expected_version {
            if expected != current {
                return Err(Error::Conflict { expected, current });
            }
        }
        tx.execute(
            "UPDATE reports SET issuer = ?2, year = ?3, title = ?4, template_id = ?5,
                 template_version = ?6, content = ?7, content_schema = ?8, chars = ?9,
                 version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1",
            params![
                id,
                doc.issuer,
                doc.year,
                doc.title(),
                doc.template.id,
                doc.template.version,
                content,
                doc.schema_version,
                char_count(&doc),
            ],
        )?;
        sync_index(&tx, id, &doc)?;
        crate::review::comments::reanchor_all(&tx, id, &doc, anchors)?;
        let mut revision = None;
        if let Some((message, by)) = revision_message {
            revision = Some(insert_revision(&tx, id, Some(message), by)?);
        } else if status == Status::Review {
            let last: Option<String> = tx
                .query_row(
                    "SELECT content FROM revisions WHERE report_id = ?1 ORDER BY seq DESC LIMIT 1",
                    [id],
                    |r| r.get(0),
                )
                .optional()?;
            if last.as_deref() != Some(content.as_str()) {
                revision = Some(insert_revision(
                    &tx,
                    id,
                    Some("审阅中保存"),
                    author.as_deref(),
                )?);
            }
        }
        let saved = tx.query_row(
            "SELECT version, updated_at FROM reports WHERE id = ?1",
            [id],
            |r| {
                Ok(Saved {
                    id: id.to_string(),
                    version: r.get(0)?,
                    updated_at: r.get(1)?,
                })
            },
        )?;
        tx.commit()?;
        Ok((saved, revision))
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
        let n = tx.execute("DELETE FROM reports WHERE id = ?1", [id])?;
        if n == 0 {
            return Err(Error::ReportNotFound(id.to_string()));
        }
        tx.execute("DELETE FROM report_fts WHERE report_id = ?1", [id])?;
        tx.commit()?;
        Ok(())
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
        let info = insert_revision(&tx, id, message, author)?;
        tx.commit()?;
        Ok(info)
    }

    pub fn list_revisions(&self, id: &str) -> Result<Vec<RevisionInfo>> {
        self.ensure_exists(id)?;
        let mut stmt = self.conn.prepare(
            "SELECT seq, message, author, created_at, chars FROM revisions
             WHERE report_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok(RevisionInfo {
                report_id: id.to_string(),
                revision: r.get(0)?,
                message: r.get(1)?,
                author: r.get(2)?,
                created_at: r.get(3)?,
                chars: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub fn get_revision(&self, id: &str, revision: i64) -> Result<Document> {
        let content: String = self
            .conn
            .query_row(
                "SELECT content FROM revisions WHERE report_id = ?1 AND seq = ?2",
                params![id, revision],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| Error::RevisionNotFound {
                report: id.to_string(),
                revision,
            })?;
        json::parse_document(&content)
    }

    /// Makes a revision the working copy again and records that as a new
    /// revision, so that nothing in the history is lost.
    pub fn restore_revision(
        &mut self,
        id: &str,
        revision: i64,
        author: Option<&str>,
    ) -> Result<RevisionInfo> {
        let doc = self.get_revision(id, revision)?;
        let msg = format!("恢复自第{revision}版");
        let (_, info) = self.save_inner(id, doc, None, &[], Some((&msg, author)))?;
        info.ok_or_else(|| Error::Database("恢复版本未能记录".into()))
    }

    fn ensure_exists(&self, id: &str) -> Result<()> {
        self.conn
            .query_row("SELECT 1 FROM reports WHERE id = ?1", [id], |_| Ok(()))
            .optional()?
            .ok_or_else(|| Error::ReportNotFound(id.to_string()))
    }

    // ---- search ----------------------------------------------------------------

    /// Full-text search over every report's title, headings and paragraphs.
    /// Trigram FTS5 for queries of three characters and more; shorter ones
    /// (common in Chinese: 法治, 执法) are a substring scan of the same table.
    pub fn search(&self, text: &str) -> Result<Vec<SearchHit>> {
        let q = text.trim();
        if q.is_empty() {
            return Ok(Vec::new());
        }
        let (sql, arg) = if q.chars().count() >= 3 {
            (
                "SELECT f.report_id, r.title, r.year, f.text FROM report_fts f
                 JOIN reports r ON r.id = f.report_id
                 WHERE report_fts MATCH ?1 ORDER BY r.updated_at DESC",
                format!("text : \"{}\"", q.replace('"', "\"\"")),
            )
        } else {
            (
                "SELECT f.report_id, r.title, r.year, f.text FROM report_fts f
                 JOIN reports r ON r.id = f.report_id
                 WHERE instr(f.text, ?1) > 0 ORDER BY r.updated_at DESC",
                q.to_string(),
            )
        };
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([arg], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i32>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        let mut hits: Vec<SearchHit> = Vec::new();
        for row in rows {
            let (id, title, year, body) = row?;
            if hits.iter().any(|h| h.id == id) {
                continue;
            }
            hits.push(SearchHit {
                id,
                title,
                year,
                snippet: snippet(&body, q),
            });
        }
        Ok(hits)
    }

    // ---- settings --------------------------------------------------------------

    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?)
    }

    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        tx.commit()?;
        Ok(())
    }

    pub fn report_count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT count(*) FROM reports", [], |r| r.get(0))?)
    }
}

pub(crate) fn status_from_sql(s: String) -> Status {
    // The column has a CHECK constraint; an unknown value cannot be stored.
    Status::parse(&s).unwrap_or(Status::Draft)
}

pub(crate) fn insert_revision(
    tx: &Transaction,
    id: &str,
    message: Option<&str>,
    author: Option<&str>,
) -> Result<RevisionInfo> {
    let message = message.map(str::trim).filter(|m| !m.is_empty());
    let n = tx.execute(
        "INSERT INTO revisions (report_id, seq, content, content_schema, chars, message, author,
             created_at)
         SELECT id, (SELECT coalesce(max(seq), 0) + 1 FROM revisions WHERE report_id = ?1),
                content, content_schema, chars, ?2, ?3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
         FROM reports WHERE id = ?1",
        params![id, message, author],
    )?;
    if n == 0 {
        return Err(Error::ReportNotFound(id.to_string()));
    }
    let rowid = tx.last_insert_rowid();
    Ok(tx.query_row(
        "SELECT seq, message, author, created_at, chars FROM revisions WHERE rowid = ?1",
        [rowid],
        |r| {
            Ok(RevisionInfo {
                report_id: id.to_string(),
                revision: r.get(0)?,
                message: r.get(1)?,
                author: r.get(2)?,
                created_at: r.get(3)?,
                chars: r.get(4)?,
            })
        },
    )?)
}

/// Keeps the full-text index in step with a document: one row per title,
/// heading and paragraph, rewriting only the rows whose text changed, so that
/// an autosave after one keystroke touches one row.
pub(crate) fn sync_index(tx: &Transaction, report_id: &str, doc: &Document) -> Result<()> {
    let mut wanted: HashMap<String, String> = HashMap::new();
    wanted.insert("title".into(), doc.title());
    fn section(s: &Section, out: &mut HashMap<String, String>) {
        out.insert(format!("h:{}", s.id), s.heading.clone());
        for p in &s.paragraphs {
            out.insert(p.id.clone(), p.text.clone());
        }
        for c in &s.sections {
            section(c, out);
        }
    }
    for p in doc.preface.iter().chain(&doc.closing) {
        wanted.insert(p.id.clone(), p.text.clone());
    }
    for part in &doc.parts {
        wanted.insert(format!("h:{}", part.id), part.heading.clone());
        for p in &part.paragraphs {
            wanted.insert(p.id.clone(), p.text.clone());
        }
        for s in &part.sections {
            section(s, &mut wanted);
        }
    }
    wanted.retain(|_, t| !t.is_empty());

    let mut existing: HashMap<String, (i64, String)> = HashMap::new();
    {
        let mut stmt =
            tx.prepare_cached("SELECT rowid, node_id, text FROM report_fts WHERE report_id = ?1")?;
        let rows = stmt.query_map([report_id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        for row in rows {
            let (rowid, node, text) = row?;
            existing.insert(node, (rowid, text));
        }
    }
    let mut delete = tx.prepare_cached("DELETE FROM report_fts WHERE rowid = ?1")?;
    let mut insert =
        tx.prepare_cached("INSERT INTO report_fts (report_id, node_id, text) VALUES (?1, ?2, ?3)")?;
    for (node, (rowid, text)) in &existing {
        if wanted.get(node) != Some(text) {
            delete.execute([rowid])?;
        }
    }
    for (node, text) in &wanted {
        if existing.get(node).map(|(_, t)| t) != Some(text) {
            insert.execute(params![report_id, node, text])?;
        }
    }
    Ok(())
}

fn char_count(doc: &Document) -> i64 {
    doc.plain_text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count() as i64
}

/// Up to 30 characters either side of the first match.
fn snippet(body: &str, q: &str) -> String {
    let chars: Vec<char> = body.chars().collect();
    let Some(byte_at) = body.find(q) else {
        return chars.iter().take(60).collect();
    };
    let at = body[..byte_at].chars().count();
    let from = at.saturating_sub(30);
    let to = (at + q.chars().count() + 30).min(chars.len());
    let mut s: String = chars[from..to].iter().collect();
    if from > 0 {
        s.insert(0, '…');
    }
    if to < chars.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests;
