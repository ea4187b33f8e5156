//! The review package (`.fzbg`): one SQLite file with its own application id,
//! holding one report as it stands (content and version), its comments and
//! replies, and who exported it. Another library opens it as a review copy
//! (text read-only, comments allowed); the drafter merges the returned package's
//! new comments and replies by id.
//!
//! Packages come from other machines: everything read from one is checked
//! (size, format, ids, lengths, the document through the template check) and
//! only ever bound as SQL parameters.

use std::collections::HashSet;
use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{clean_text, ReviewError, ReviewRole, MAX_COMMENT_CHARS, MAX_NAME_CHARS};
use crate::anchor::{self, Anchor};
use crate::change::{self, Change, ChangeKind, ChangeStatus, Flat};
use crate::model::Document;
use crate::status::Status;
use crate::store::audit::{self, Record};
use crate::store::changes as change_rows;
use crate::store::comments::{self, Comment, NewComment};
use crate::store::lexicon::{self as lexicon_rows, LexiconRow};
use crate::store::reports::{self, Write};
use crate::store::ReportView;
use crate::validate::{self, Validated};
use crate::{ids, json, Error, Result, Store};

pub use crate::error::MAX_PACKAGE_BYTES;

/// 'FZBG': marks a SQLite file as a review package.
pub const PACKAGE_APPLICATION_ID: i64 = 0x465A_4247;
/// Format version this build writes and reads.
pub const PACKAGE_VERSION: i64 = 1;
/// At most this many comments and replies are read from a package.
pub const MAX_PACKAGE_COMMENTS: i64 = 20_000;

/// What a package holds, without opening it into a library.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackageInfo {
    #[ts(type = "number")]
    pub format_version: i64,
    pub report_id: String,
    pub title: String,
    pub year: i32,
    /// The report's version when the package was written.
    #[ts(type = "number")]
    pub report_version: i64,
    pub status: Status,
    pub exported_at: String,
    pub exported_by: String,
    #[ts(type = "number")]
    pub comments: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackageOpened {
    pub report: ReportView,
    /// A review copy of this report was already here and has been refreshed.
    pub refreshed: bool,
    #[ts(type = "number")]
    pub comments_added: i64,
    /// 修订 (tracked changes) the package brought.
    #[serde(default)]
    #[ts(type = "number")]
    pub changes_added: i64,
    pub notices: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct MergeOutcome {
    pub report_id: String,
    pub title: String,
    #[ts(type = "number")]
    pub added_comments: i64,
    #[ts(type = "number")]
    pub added_replies: i64,
    /// Already here (merging the same package twice adds nothing).
    #[ts(type = "number")]
    pub already_present: i64,
    /// Added, but their text is no longer in the report (原文已删除).
    #[ts(type = "number")]
    pub orphaned: i64,
    /// Replies whose comment is neither here nor in the package.
    #[ts(type = "number")]
    pub skipped: i64,
    /// 修订 (tracked changes) new to this library.
    #[serde(default)]
    #[ts(type = "number")]
    pub changes_added: i64,
    /// 修订 here still pending that the package's copy had rejected (withdrawn).
    #[serde(default)]
    #[ts(type = "number")]
    pub changes_decided: i64,
    /// New 修订 whose text is not in this report's text (or that overlap
    /// another pending change): kept, marked 已失效.
    #[serde(default)]
    #[ts(type = "number")]
    pub changes_orphaned: i64,
    #[ts(type = "number")]
    pub package_version: i64,
    #[ts(type = "number")]
    pub report_version: i64,
    /// What the user should know (e.g. the package is based on an older version).
    pub notices: Vec<String>,
}

/// A package read into memory, checked.
struct Package {
    info: PackageInfo,
    doc: Validated<Document>,
    comments: Vec<Comment>,
    /// The exporting library's lexicon entries (校对词库), so that a reviewer
    /// checks with the drafter's words (meta key `lexicon`, JSON).
    lexicon: Vec<LexiconRow>,
    /// The report's 修订, every state (meta key `changes`, JSON; absent in
    /// packages written before #17, which older builds read unchanged).
    changes: Vec<Change>,
}

fn bad(what: impl Into<String>) -> Error {
    ReviewError::BadPackage(what.into()).into()
}

fn io_err(path: &Path, e: &std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        reason: crate::error::io_reason(e),
    }
}

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE report (
    id TEXT NOT NULL, status TEXT NOT NULL, version INTEGER NOT NULL,
    content TEXT NOT NULL
) STRICT;
CREATE TABLE comments (
    id TEXT PRIMARY KEY, parent_id TEXT, author TEXT NOT NULL, role TEXT,
    created_at TEXT NOT NULL, edited_at TEXT, text TEXT NOT NULL,
    resolved INTEGER NOT NULL, resolved_by TEXT, resolved_at TEXT,
    node_id TEXT, start_off INTEGER, end_off INTEGER, quote TEXT, prefix TEXT,
    suffix TEXT, orphaned INTEGER NOT NULL
) STRICT;
";

impl Store {
    /// 导出审阅包: writes the report, its comments and replies to `path`
    /// (replaced atomically if it exists).
    pub fn export_package(&mut self, report_id: &str, path: &Path) -> Result<PackageInfo> {
        let lexicon = lexicon_rows::list(self.connection())?;
        let who = self.require_identity()?;
        let report = self.get_report(report_id)?;
        let comments = comments::all_comments(self.connection(), report_id, "")?;
        let tracked = change_rows::list(self.connection(), report_id, "")?;
        let content = serde_json::to_string(&report.document)?;
        let tmp = path.with_extension("fzbg.part");
        let _ = std::fs::remove_file(&tmp);
        let write = || -> Result<()> {
            let mut conn = Connection::open(&tmp)?;
            conn.pragma_update(None, "application_id", PACKAGE_APPLICATION_ID)?;
            conn.pragma_update(None, "user_version", PACKAGE_VERSION)?;
            let tx = conn.transaction()?;
            tx.execute_batch(SCHEMA)?;
            let meta = [
                ("format_version", PACKAGE_VERSION.to_string()),
                ("report_id", report.id.clone()),
                ("title", report.title.clone()),
                ("exported_by", who.name.clone()),
                (
                    "exported_role",
                    who.role.map(|r| r.as_str()).unwrap_or("").to_string(),
                ),
                ("app_version", env!("CARGO_PKG_VERSION").to_string()),
            ];
            for (k, v) in &meta {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                    params![k, v],
                )?;
            }
            tx.execute(
                "INSERT INTO meta (key, value) VALUES ('exported_at', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
                [],
            )?;
            if !lexicon.is_empty() {
                let json = serde_json::to_string(&lexicon).map_err(|e| bad(e.to_string()))?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('lexicon', ?1)",
                    [json],
                )?;
            }
            if !tracked.is_empty() {
                let json = serde_json::to_string(&tracked).map_err(|e| bad(e.to_string()))?;
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES ('changes', ?1)",
                    [json],
                )?;
            }
            tx.execute(
                "INSERT INTO report (id, status, version, content) VALUES (?1, ?2, ?3, ?4)",
                params![report.id, report.status.as_str(), report.version, content],
            )?;
            for c in &comments {
                let a = c.anchor.as_ref();
                tx.execute(
                    "INSERT INTO comments (id, parent_id, author, role, created_at, edited_at, text,
                         resolved, resolved_by, resolved_at, node_id, start_off, end_off, quote,
                         prefix, suffix, orphaned)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
                    params![
                        c.id,
                        c.parent_id,
                        c.author,
                        c.role.map(|r| r.as_str()),
                        c.created_at,
                        c.edited_at,
                        c.text,
                        c.resolved,
                        c.resolved_by,
                        c.resolved_at,
                        a.map(|a| a.node_id.as_str()),
                        a.map(|a| a.start),
                        a.map(|a| a.end),
                        a.map(|a| a.quote.as_str()),
                        a.map(|a| a.prefix.as_str()),
                        a.map(|a| a.suffix.as_str()),
                        c.orphaned,
                    ],
                )?;
            }
            tx.commit()?;
            conn.close().map_err(|(_, e)| Error::from(e))?;
            Ok(())
        };
        if let Err(e) = write() {
            let _ = std::fs::remove_file(&tmp);
            return Err(match e {
                Error::Database(_) | Error::NotALibrary(_) => Error::Io {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                },
                // SQLite could not create the package's file: it is the package's
                // folder that is missing or read-only, not the library.
                Error::CannotOpen => Error::Io {
                    path: path.display().to_string(),
                    reason: "所在文件夹不存在或没有写入权限".into(),
                },
                other => other,
            });
        }
        std::fs::rename(&tmp, path).map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            io_err(path, &e)
        })?;
        let tx = self.conn_mut().transaction()?;
        audit::record(
            &tx,
            &Record::new(report_id, &who, "package_export").detail(&format!(
                "第{}版，批注{}条，修订{}处",
                report.version,
                comments.len(),
                tracked.len()
            )),
        )?;
        tx.commit()?;
        read_package_info(path)
    }

    /// 打开审阅包: the package's report becomes a review copy in this library
    /// (same id; text locked, comments allowed). Opening a newer package of the
    /// same report refreshes the copy and adds its new comments. Refused when
    /// this library holds the original (merge instead).
    pub fn open_package(&mut self, path: &Path) -> Result<PackageOpened> {
        let who = self.require_identity()?;
        let pkg = read_package(path)?;
        let id = pkg.info.report_id.clone();
        let existing = reports::review_copy(self.connection(), &id)?;
        if existing == Some(false) {
            return Err(ReviewError::PackageIsOriginal(pkg.info.title.clone()).into());
        }
        let tx = self.conn_mut().transaction()?;
        // A new review copy, or a refresh of the one already here. The write
        // repeats, inside the transaction, the refusal above: an original that
        // appeared since is never overwritten (nothing written).
        let how = Write::ReviewCopy {
            status: pkg.info.status,
            version: pkg.info.report_version,
        };
        if reports::write_content(&tx, &id, &pkg.doc, how)? == 0 {
            return Err(ReviewError::PackageIsOriginal(pkg.info.title.clone()).into());
        }
        let mut merged = merge_comments(&tx, &id, &pkg, &pkg.doc)?;
        merge_changes(&tx, &id, &pkg, &pkg.doc, &mut merged)?;
        let words = lexicon_rows::add_missing(&tx, &pkg.lexicon)?;
        // Anchors of comments and changes already here follow the refreshed text.
        comments::reanchor_all(&tx, &id, &pkg.doc, &[])?;
        change_rows::reconcile(&tx, &id, &pkg.doc, None, &who)?;
        let detail = format!(
            "第{}版，由{}导出",
            pkg.info.report_version, pkg.info.exported_by
        );
        audit::record(&tx, &Record::new(&id, &who, "package_open").detail(&detail))?;
        tx.commit()?;
        let mut notices = vec![format!(
            "这是“{}”的审阅副本（第{}版，{}导出）：正文只读，可添加批注和回复，完成后请导出审阅包交回。",
            pkg.info.title, pkg.info.report_version, pkg.info.exported_by
        )];
        if merged.orphaned > 0 {
            notices.push(format!("{}条批注的原文已删除", merged.orphaned));
        }
        if words > 0 {
            notices.push(format!(
                "审阅包带来的{words}条校对词库条目已加入本资料库词库"
            ));
        }
        Ok(PackageOpened {
            report: self.get_report(&id)?,
            refreshed: existing.is_some(),
            comments_added: merged.added_comments + merged.added_replies,
            changes_added: merged.changes_added,
            notices,
        })
    }

    /// 导入审阅意见: adds the package's comments and replies that this library
    /// does not have yet to the same report, re-anchored by quote and context
    /// when the text changed since the package was written.
    pub fn merge_package(&mut self, path: &Path) -> Result<MergeOutcome> {
        let who = self.require_identity()?;
        let pkg = read_package(path)?;
        let id = pkg.info.report_id.clone();
        let current = match self.get_report(&id) {
            Ok(r) => r,
            Err(Error::ReportNotFound(_)) => {
                return Err(ReviewError::PackageOtherReport {
                    package_title: pkg.info.title.clone(),
                }
                .into())
            }
            Err(e) => return Err(e),
        };
        let tx = self.conn_mut().transaction()?;
        let mut out = merge_comments(&tx, &id, &pkg, &current.document)?;
        merge_changes(&tx, &id, &pkg, &current.document, &mut out)?;
        out.report_version = current.version;
        let words = lexicon_rows::add_missing(&tx, &pkg.lexicon)?;
        if words > 0 {
            out.notices.push(format!(
                "审阅包带来的{words}条校对词库条目已加入本资料库词库"
            ));
        }
        if pkg.info.report_version < current.version {
            out.notices.push(format!(
                "审阅包基于第{}版，报告此后已修改（现为第{}版）：批注已按原文和上下文重新定位",
                pkg.info.report_version, current.version
            ));
        } else if pkg.info.report_version > current.version {
            out.notices.push(format!(
                "审阅包的版本（第{}版）比本库中的报告（第{}版）新：批注已按原文和上下文定位，请核对",
                pkg.info.report_version, current.version
            ));
        }
        if out.orphaned > 0 {
            out.notices.push(format!(
                "{}条批注在现有正文中找不到原文，已标为“原文已删除”",
                out.orphaned
            ));
        }
        if out.skipped > 0 {
            out.notices
                .push(format!("{}条回复所针对的批注不存在，未导入", out.skipped));
        }
        if out.changes_orphaned > 0 {
            out.notices.push(format!(
                "{}处修订在现有正文中找不到原文（或与已有修订重叠），已标为“已失效”，可查看后拒绝",
                out.changes_orphaned
            ));
        }
        if out.added_comments + out.added_replies + out.changes_added + out.changes_decided == 0 {
            out.notices
                .push("没有新的批注、回复或修订（此审阅包已导入过）".into());
        } else {
            let detail = format!(
                "{}导出的第{}版：新增批注{}条、回复{}条、修订{}处",
                pkg.info.exported_by,
                pkg.info.report_version,
                out.added_comments,
                out.added_replies,
                out.changes_added
            );
            audit::record(
                &tx,
                &Record::new(&id, &who, "package_merge").detail(&detail),
            )?;
        }
        tx.commit()?;
        Ok(out)
    }
}

/// Adds the package's comments not yet in the library (by id).
fn merge_comments(
    tx: &rusqlite::Transaction,
    report_id: &str,
    pkg: &Package,
    doc: &Document,
) -> Result<MergeOutcome> {
    let nodes = anchor::text_nodes(doc);
    let same_text = *doc == *pkg.doc;
    let mut out = MergeOutcome {
        report_id: report_id.to_string(),
        title: pkg.info.title.clone(),
        package_version: pkg.info.report_version,
        ..MergeOutcome::default()
    };
    let mut present: HashSet<String> = HashSet::new();
    for c in &pkg.comments {
        if let Some(rid) = comments::report_of(tx, &c.id)? {
            if rid != report_id {
                return Err(bad(format!("批注编号{}属于另一份报告", c.id)));
            }
            present.insert(c.id.clone());
        }
    }
    // Roots first, then replies (whose parent may be new too).
    let (roots, replies): (Vec<&Comment>, Vec<&Comment>) =
        pkg.comments.iter().partition(|c| c.parent_id.is_none());
    for c in roots.into_iter().chain(replies) {
        if present.contains(&c.id) {
            out.already_present += 1;
            continue;
        }
        let (anchor, orphaned) = match (&c.parent_id, &c.anchor) {
            (Some(p), _) => {
                if !present.contains(p) {
                    out.skipped += 1;
                    continue;
                }
                (None, false)
            }
            (None, Some(a)) if c.orphaned => (Some(a.clone()), true),
            (None, Some(a)) => {
                let placed = if same_text {
                    nodes
                        .iter()
                        .find(|(id, _, _)| *id == a.node_id)
                        .and_then(|(id, t, _)| anchor::make_anchor(id, t, a.start, a.end))
                        .filter(|n| n.quote == a.quote)
                        .or_else(|| anchor::reanchor_in(&nodes, a))
                } else {
                    anchor::reanchor_in(&nodes, a)
                };
                match placed {
                    Some(n) => (Some(n), false),
                    None => (Some(a.clone()), true),
                }
            }
            (None, None) => (None, false),
        };
        comments::insert(
            tx,
            &NewComment {
                id: &c.id,
                report_id,
                parent_id: c.parent_id.as_deref(),
                author: &c.author,
                role: c.role,
                created_at: Some(&c.created_at),
                text: &c.text,
                anchor: anchor.as_ref(),
                orphaned,
            },
        )?;
        if c.resolved {
            comments::set_resolved_as(
                tx,
                &c.id,
                c.resolved_by.as_deref(),
                c.resolved_at.as_deref(),
            )?;
        }
        if c.edited_at.is_some() {
            comments::set_edited_at(tx, &c.id, c.edited_at.as_deref())?;
        }
        present.insert(c.id.clone());
        if c.parent_id.is_some() {
            out.added_replies += 1;
        } else {
            out.added_comments += 1;
            if orphaned {
                out.orphaned += 1;
            }
        }
    }
    Ok(out)
}

/// Adds the package's 修订 not yet in the library (by id), placed on `doc`
/// (where the package had them when the text is the same, else by quote and
/// context; not found or overlapping a pending change: kept as orphaned). A
/// change pending here that the package's copy rejected becomes rejected;
/// an acceptance is adopted only when `doc` is the package's own text (a
/// review copy), since accepting means the text changed.
fn merge_changes(
    tx: &rusqlite::Transaction,
    report_id: &str,
    pkg: &Package,
    doc: &Document,
    out: &mut MergeOutcome,
) -> Result<()> {
    let same_text = *doc == *pkg.doc;
    let flat = Flat::of(doc);
    let pkg_flat = Flat::of(&pkg.doc);
    for c in &pkg.changes {
        if let Some(rid) = change_rows::report_of(tx, &c.id)? {
            if rid != report_id {
                return Err(bad(format!("修订编号{}属于另一份报告", c.id)));
            }
            let here = change_rows::get(tx, &c.id, "")?;
            let adopt = here.status == ChangeStatus::Pending
                && (c.status == ChangeStatus::Rejected
                    || (c.status == ChangeStatus::Accepted && same_text));
            if adopt {
                change_rows::set_status(
                    tx,
                    &c.id,
                    c.status,
                    c.decided_by.as_deref(),
                    c.decided_at.as_deref(),
                )?;
                out.changes_decided += 1;
            }
            continue;
        }
        let mut new = c.clone();
        new.report_id = report_id.to_string();
        if c.status == ChangeStatus::Pending {
            let hint = if same_text {
                pkg_flat.range(&c.start, &c.end)
            } else {
                None
            };
            let place = if c.orphaned {
                None
            } else {
                flat.reanchor(&c.old, &c.prefix, &c.suffix, hint)
            };
            let existing = change_rows::list(tx, report_id, "")?;
            let clash = place
                .is_some_and(|(a, b)| change::overlapping(&flat, &existing, a, b, None).is_some());
            match place {
                Some((a, b)) if !clash => {
                    new.start = flat.pos(a);
                    new.end = flat.pos(b);
                    (new.prefix, new.suffix) = flat.context(a, b);
                    new.orphaned = false;
                }
                _ => {
                    new.orphaned = true;
                    out.changes_orphaned += 1;
                }
            }
        }
        change_rows::insert(tx, &new)?;
        out.changes_added += 1;
    }
    Ok(())
}

/// The package's 修订 (meta key `changes`): bounded and checked like its
/// comments. Absent: none.
fn read_changes(conn: &Connection, report_id: &str) -> Result<Vec<Change>> {
    let json: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'changes'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(json) = json else {
        return Ok(Vec::new());
    };
    let list: Vec<Change> = serde_json::from_str(&json).map_err(|e| bad(format!("修订：{e}")))?;
    if list.len() as i64 > MAX_PACKAGE_COMMENTS {
        return Err(bad(format!("修订过多（{}处）", list.len())));
    }
    let mut seen = HashSet::new();
    for c in &list {
        let short = |s: &str, max: usize| s.chars().count() <= max;
        let ok = ids::is_valid_id(&c.id)
            && seen.insert(c.id.clone())
            && c.report_id == report_id
            && ids::is_valid_id(&c.start.node_id)
            && ids::is_valid_id(&c.end.node_id)
            && short(&c.old, change::MAX_CHANGE_CHARS)
            && change::clean_new_text(&c.new).is_ok()
            && short(&c.prefix, 4 * change::CONTEXT_CHARS)
            && short(&c.suffix, 4 * change::CONTEXT_CHARS)
            && !c.author.trim().is_empty()
            && short(&c.author, MAX_NAME_CHARS)
            && !c.author.chars().any(char::is_control)
            && c.created_at.len() <= 40
            && c.decided_by
                .as_deref()
                .is_none_or(|d| short(d, MAX_NAME_CHARS))
            && c.decided_at.as_deref().is_none_or(|d| d.len() <= 40)
            && ChangeKind::of(&c.old, &c.new) == Some(c.kind);
        if !ok {
            return Err(bad(format!(
                "修订{}的内容无效",
                c.id.chars().take(70).collect::<String>()
            )));
        }
    }
    Ok(list)
}

/// What the package at `path` holds (checked as fully as for opening it).
pub fn read_package_info(path: &Path) -> Result<PackageInfo> {
    Ok(read_package(path)?.info)
}

fn short_text(s: Option<String>, max: usize, what: &str) -> Result<Option<String>> {
    match s {
        Some(v) if v.chars().count() > max => Err(bad(format!("{what}过长"))),
        other => Ok(other),
    }
}

fn read_package(path: &Path) -> Result<Package> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_err(path, &e))?;
    if meta.is_dir() {
        return Err(ReviewError::NotAPackage(shown).into());
    }
    if meta.len() > MAX_PACKAGE_BYTES {
        return Err(ReviewError::PackageTooLarge(meta.len() / 1024 / 1024).into());
    }
    let mut head = [0u8; 16];
    {
        use std::io::Read;
        let mut f = std::fs::File::open(path).map_err(|e| io_err(path, &e))?;
        if f.read_exact(&mut head).is_err() || &head != b"SQLite format 3\0" {
            return Err(ReviewError::NotAPackage(shown).into());
        }
    }
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|_| ReviewError::NotAPackage(shown.clone()))?;
    // A hostile file may define views or triggers: never run its schema code.
    conn.pragma_update(None, "trusted_schema", "OFF")?;
    let not_pkg = |_| Error::from(ReviewError::NotAPackage(shown.clone()));
    let app_id: i64 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(not_pkg)?;
    if app_id != PACKAGE_APPLICATION_ID {
        return Err(ReviewError::NotAPackage(shown).into());
    }
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .map_err(not_pkg)?;
    if version > PACKAGE_VERSION {
        return Err(ReviewError::PackageTooNew {
            found: version,
            supported: PACKAGE_VERSION,
        }
        .into());
    }
    if version < 1 {
        return Err(ReviewError::NotAPackage(shown).into());
    }
    // Only plain tables are read.
    let kinds: i64 = conn
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'
                 AND name IN ('meta', 'report', 'comments')",
            [],
            |r| r.get(0),
        )
        .map_err(not_pkg)?;
    if kinds != 3 {
        return Err(ReviewError::NotAPackage(shown).into());
    }
    let meta_value = |k: &str| -> Result<String> {
        conn.query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| {
            r.get::<_, String>(0)
        })
        .optional()?
        .ok_or_else(|| bad(format!("缺少“{k}”")))
    };
    let exported_by = meta_value("exported_by")?;
    let exported_at = meta_value("exported_at")?;
    if exported_by.chars().count() > MAX_NAME_CHARS || exported_at.len() > 40 {
        return Err(bad("导出信息过长"));
    }
    let mut stmt = conn.prepare("SELECT id, status, version, content FROM report LIMIT 2")?;
    let rows: Vec<(String, String, i64, String)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
        .collect::<rusqlite::Result<_>>()
        .map_err(|e| bad(e.to_string()))?;
    let [(report_id, status, report_version, content)] =
        <[_; 1]>::try_from(rows).map_err(|_| bad("应当恰好包含一份报告"))?;
    if !ids::is_valid_id(&report_id) {
        return Err(bad("报告编号无效"));
    }
    let status = Status::parse(&status).ok_or_else(|| bad("报告状态无效"))?;
    let doc = validate::validated(json::parse_document(&content)?)?;
    let count: i64 = conn.query_row("SELECT count(*) FROM comments", [], |r| r.get(0))?;
    if count > MAX_PACKAGE_COMMENTS {
        return Err(bad(format!("批注过多（{count}条）")));
    }
    let mut stmt = conn.prepare(
        "SELECT id, parent_id, author, role, created_at, edited_at, text, resolved, resolved_by,
             resolved_at, node_id, start_off, end_off, quote, prefix, suffix, orphaned
         FROM comments ORDER BY created_at, id",
    )?;
    let raw = stmt
        .query_map([], |r| {
            Ok((
                (
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, String>(6)?,
                    r.get::<_, bool>(7)?,
                    r.get::<_, Option<String>>(8)?,
                ),
                (
                    r.get::<_, Option<String>>(9)?,
                    r.get::<_, Option<String>>(10)?,
                    r.get::<_, Option<i64>>(11)?,
                    r.get::<_, Option<i64>>(12)?,
                    r.get::<_, Option<String>>(13)?,
                    r.get::<_, Option<String>>(14)?,
                    r.get::<_, Option<String>>(15)?,
                    r.get::<_, bool>(16)?,
                ),
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()
        .map_err(|e| bad(format!("批注表无法读取：{e}")))?;
    let mut comments = Vec::with_capacity(raw.len());
    let mut seen = HashSet::new();
    for ((id, parent_id, author, role, created_at, edited_at, text, resolved, resolved_by), rest) in
        raw
    {
        let (resolved_at, node_id, start, end, quote, prefix, suffix, orphaned) = rest;
        if !ids::is_valid_id(&id) || parent_id.as_deref().is_some_and(|p| !ids::is_valid_id(p)) {
            return Err(bad("批注编号无效"));
        }
        if !seen.insert(id.clone()) {
            return Err(bad("批注编号重复"));
        }
        let author = clean_text(&author, "批注作者", MAX_NAME_CHARS)?;
        let text = clean_text(&text, "批注", MAX_COMMENT_CHARS)?;
        if author.is_empty() || text.is_empty() {
            return Err(bad("批注的作者或内容为空"));
        }
        for d in [Some(&created_at), edited_at.as_ref(), resolved_at.as_ref()]
            .into_iter()
            .flatten()
        {
            if d.len() > 40 {
                return Err(bad("批注时间无效"));
            }
        }
        let resolved_by = short_text(resolved_by, MAX_NAME_CHARS, "解决人")?;
        let anchor = match node_id {
            Some(node_id) if parent_id.is_none() => {
                let quote = short_text(quote, MAX_COMMENT_CHARS, "引用原文")?.unwrap_or_default();
                let prefix =
                    short_text(prefix, 4 * anchor::CONTEXT_CHARS, "上下文")?.unwrap_or_default();
                let suffix =
                    short_text(suffix, 4 * anchor::CONTEXT_CHARS, "上下文")?.unwrap_or_default();
                let range = |v: Option<i64>| v.and_then(|v| u32::try_from(v).ok()).unwrap_or(0);
                if node_id.len() > 64 {
                    return Err(bad("批注位置无效"));
                }
                Some(Anchor {
                    node_id,
                    start: range(start),
                    end: range(end),
                    quote,
                    prefix,
                    suffix,
                })
            }
            _ => None,
        };
        comments.push(Comment {
            id,
            report_id: report_id.clone(),
            parent_id,
            author,
            role: role.as_deref().and_then(ReviewRole::parse),
            created_at,
            edited_at,
            text,
            resolved,
            handled: !resolved && resolved_by.is_some(),
            may_close: false,
            resolved_by,
            resolved_at,
            anchor,
            orphaned,
            part_id: None,
            mine: false,
            replies: Vec::new(),
        });
    }
    let lexicon = read_lexicon(&conn)?;
    let changes = read_changes(&conn, &report_id)?;
    Ok(Package {
        lexicon,
        changes,
        info: PackageInfo {
            format_version: version,
            report_id,
            title: doc.title(),
            year: doc.year,
            report_version,
            status,
            exported_at,
            exported_by,
            comments: comments.len() as i64,
        },
        doc,
        comments,
    })
}

/// The package's lexicon entries (absent in packages without any): bounded,
/// and each field a plain string of sane length; their meaning is checked
/// when the checker loads them (an invalid row is skipped there).
fn read_lexicon(conn: &Connection) -> Result<Vec<LexiconRow>> {
    const MAX_ENTRIES: usize = 5000;
    const MAX_FIELD: usize = 1000;
    let json: Option<String> = conn
        .query_row("SELECT value FROM meta WHERE key = 'lexicon'", [], |r| {
            r.get(0)
        })
        .optional()?;
    let Some(json) = json else {
        return Ok(Vec::new());
    };
    let rows: Vec<LexiconRow> =
        serde_json::from_str(&json).map_err(|e| bad(format!("词库条目：{e}")))?;
    if rows.len() > MAX_ENTRIES {
        return Err(bad("词库条目过多"));
    }
    let long = |r: &LexiconRow| {
        [
            &r.wrong,
            &r.suggestion,
            &r.level,
            &r.condition,
            &r.group,
            &r.explanation,
            &r.example,
            &r.counter,
        ]
        .iter()
        .any(|f| f.chars().count() > MAX_FIELD)
    };
    if rows.iter().any(|r| long(r) || r.wrong.trim().is_empty()) {
        return Err(bad("词库条目过长或为空"));
    }
    Ok(rows)
}
