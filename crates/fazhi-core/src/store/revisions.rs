//! The `revisions` table: immutable copies of a report's working copy.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::RevisionInfo;
use crate::{Error, Result};

/// Copies the report's working copy (as stored: content and chars) into a new
/// revision, inside the caller's transaction.
pub(crate) fn insert(
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

pub(crate) fn list(conn: &Connection, id: &str) -> Result<Vec<RevisionInfo>> {
    let mut stmt = conn.prepare(
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

/// The stored content of one revision.
pub(crate) fn content(conn: &Connection, id: &str, revision: i64) -> Result<String> {
    conn.query_row(
        "SELECT content FROM revisions WHERE report_id = ?1 AND seq = ?2",
        params![id, revision],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| Error::RevisionNotFound {
        report: id.to_string(),
        revision,
    })
}

/// The content of the report's newest revision, if any.
pub(crate) fn last_content(conn: &Connection, id: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row(
            "SELECT content FROM revisions WHERE report_id = ?1 ORDER BY seq DESC LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}
