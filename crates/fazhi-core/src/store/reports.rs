//! The `reports` table: each report's working copy (validated document JSON)
//! and the columns derived from it, its workflow state and its version.
//!
//! [`write_content`] is the only statement in the crate that writes
//! `reports.content`, and it takes a [`Validated`] document: a document that did
//! not pass [`crate::validate::validate`] cannot reach the column. The derived
//! columns and the search rows are computed in one place, [`ReportRow::derive`].

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::fts;
use super::ReportSummary;
use crate::model::{Document, NodeKind};
use crate::status::Status;
use crate::validate::Validated;
use crate::{ids, Error, Result};

/// Everything the `reports` row and the search index hold that is derived
/// from the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ReportRow {
    pub issuer: String,
    pub year: i32,
    pub title: String,
    pub template_id: String,
    pub template_version: u32,
    /// The document as stored in `content`.
    pub content: String,
    pub content_schema: u32,
    /// Characters of text, headings included, whitespace not counted.
    pub chars: i64,
    /// Search rows: (`title` | `h:<part or section id>` | paragraph id, text),
    /// empty texts left out.
    pub search_rows: Vec<(String, String)>,
}

impl ReportRow {
    pub fn derive(doc: &Validated<Document>) -> Result<ReportRow> {
        let title = doc.title();
        let mut search_rows = vec![("title".to_string(), title.clone())];
        for n in doc.nodes() {
            let key = match n.kind {
                NodeKind::Part | NodeKind::Section | NodeKind::Attachment => {
                    format!("h:{}", n.id)
                }
                // A table's row holds its title (表题), found like a paragraph.
                NodeKind::Paragraph | NodeKind::Table => n.id.to_string(),
            };
            search_rows.push((key, n.text.to_string()));
        }
        search_rows.retain(|(_, t)| !t.is_empty());
        Ok(ReportRow {
            issuer: doc.issuer.clone(),
            year: doc.year,
            title,
            template_id: doc.template.id.clone(),
            template_version: doc.template.version,
            content: serde_json::to_string(&**doc)?,
            content_schema: doc.schema_version,
            chars: doc
                .plain_text()
                .chars()
                .filter(|c| !c.is_whitespace())
                .count() as i64,
            search_rows,
        })
    }
}

/// How [`write_content`] writes the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Write {
    /// A new report: 草稿, version 1.
    New,
    /// The working copy of an existing report: version + 1.
    Save,
    /// A review copy from a package (status and version as in the package):
    /// inserted, or refreshed when the row is already a review copy. An
    /// original with the same id is never overwritten (0 rows written).
    ReviewCopy { status: Status, version: i64 },
}

/// The one writer of `reports.content`: the row's content and derived columns,
/// then the search rows, in the caller's transaction. Returns the number of
/// rows written (0: no such report, or an original in the way of a review copy;
/// the index is then left alone).
pub(crate) fn write_content(
    tx: &Transaction,
    id: &str,
    doc: &Validated<Document>,
    how: Write,
) -> Result<usize> {
    let row = ReportRow::derive(doc)?;
    let cols = params![
        id,
        row.issuer,
        row.year,
        row.title,
        row.template_id,
        row.template_version,
        row.content,
        row.content_schema,
        row.chars,
    ];
    let written = match how {
        Write::New => tx.execute(
            "INSERT INTO reports (id, issuer, year, title, template_id, template_version,
                 content, content_schema, chars, status, version, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'draft', 1,
                 strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            cols,
        )?,
        Write::Save => tx.execute(
            "UPDATE reports SET issuer = ?2, year = ?3, title = ?4, template_id = ?5,
                 template_version = ?6, content = ?7, content_schema = ?8, chars = ?9,
                 version = version + 1, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
             WHERE id = ?1",
            cols,
        )?,
        Write::ReviewCopy { status, version } => tx.execute(
            "INSERT INTO reports (id, issuer, year, title, template_id, template_version,
                 content, content_schema, chars, status, version, created_at, updated_at,
                 review_copy)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
                 strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 1)
             ON CONFLICT(id) DO UPDATE SET issuer = excluded.issuer, year = excluded.year,
                 title = excluded.title, template_id = excluded.template_id,
                 template_version = excluded.template_version, status = excluded.status,
                 content = excluded.content, content_schema = excluded.content_schema,
                 chars = excluded.chars, version = excluded.version,
                 updated_at = excluded.updated_at
             WHERE reports.review_copy = 1",
            params![
                id,
                row.issuer,
                row.year,
                row.title,
                row.template_id,
                row.template_version,
                row.content,
                row.content_schema,
                row.chars,
                status.as_str(),
                version,
            ],
        )?,
    };
    if written > 0 {
        fts::sync(tx, id, &row.search_rows)?;
    }
    Ok(written)
}

pub(crate) fn status_from_sql(s: String) -> Status {
    // The column has a CHECK constraint; an unknown value cannot be stored.
    Status::parse(&s).unwrap_or(Status::Draft)
}

/// A fresh id no report has.
pub(crate) fn new_id(tx: &Transaction) -> Result<String> {
    loop {
        let id = ids::new_id();
        if !exists(tx, &id)? {
            return Ok(id);
        }
    }
}

pub(crate) fn exists(conn: &Connection, id: &str) -> Result<bool> {
    Ok(conn
        .query_row("SELECT 1 FROM reports WHERE id = ?1", [id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Status and review-copy flag.
pub(crate) fn status(conn: &Connection, id: &str) -> Result<(Status, bool)> {
    conn.query_row(
        "SELECT status, review_copy FROM reports WHERE id = ?1",
        [id],
        |r| Ok((status_from_sql(r.get(0)?), r.get(1)?)),
    )
    .optional()?
    .ok_or_else(|| Error::ReportNotFound(id.to_string()))
}

/// Status, version and review-copy flag (what a save checks).
pub(crate) fn save_state(conn: &Connection, id: &str) -> Result<(Status, i64, bool)> {
    conn.query_row(
        "SELECT status, version, review_copy FROM reports WHERE id = ?1",
        [id],
        |r| Ok((status_from_sql(r.get(0)?), r.get(1)?, r.get(2)?)),
    )
    .optional()?
    .ok_or_else(|| Error::ReportNotFound(id.to_string()))
}

/// The review-copy flag, `None` when there is no such report.
pub(crate) fn review_copy(conn: &Connection, id: &str) -> Result<Option<bool>> {
    Ok(conn
        .query_row("SELECT review_copy FROM reports WHERE id = ?1", [id], |r| {
            r.get::<_, bool>(0)
        })
        .optional()?)
}

/// The stored row: (status, version, created_at, updated_at, content).
pub(crate) struct Stored {
    pub status: Status,
    pub version: i64,
    pub created_at: String,
    pub updated_at: String,
    pub content: String,
}

pub(crate) fn get(conn: &Connection, id: &str) -> Result<Stored> {
    conn.query_row(
        "SELECT status, version, created_at, updated_at, content FROM reports WHERE id = ?1",
        [id],
        |r| {
            Ok(Stored {
                status: status_from_sql(r.get(0)?),
                version: r.get(1)?,
                created_at: r.get(2)?,
                updated_at: r.get(3)?,
                content: r.get(4)?,
            })
        },
    )
    .optional()?
    .ok_or_else(|| Error::ReportNotFound(id.to_string()))
}

/// (version, updated_at).
pub(crate) fn version(conn: &Connection, id: &str) -> Result<(i64, String)> {
    Ok(conn.query_row(
        "SELECT version, updated_at FROM reports WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?)
}

/// Every report, most recently changed first.
pub(crate) fn list(conn: &Connection) -> Result<Vec<ReportSummary>> {
    let mut stmt = conn.prepare(
        "SELECT id, issuer, year, title, status, template_id, version, created_at,
                updated_at, chars
         FROM reports ORDER BY updated_at DESC, id",
    )?;
    let rows = stmt.query_map([], |r| {
        let status = status_from_sql(r.get::<_, String>(4)?);
        Ok(ReportSummary {
            id: r.get(0)?,
            issuer: r.get(1)?,
            year: r.get(2)?,
            title: r.get(3)?,
            status,
            status_label: status.label().to_string(),
            template_id: r.get(5)?,
            version: r.get(6)?,
            created_at: r.get(7)?,
            updated_at: r.get(8)?,
            chars: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub(crate) fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0))?)
}

/// Deletes the report (revisions, comments and audit log follow by cascade)
/// and its search rows. `false` when there was no such report.
pub(crate) fn delete(tx: &Transaction, id: &str) -> Result<bool> {
    let n = tx.execute("DELETE FROM reports WHERE id = ?1", [id])?;
    if n == 0 {
        return Ok(false);
    }
    fts::delete(tx, id)?;
    Ok(true)
}

/// 报送 / 公开 records and the status move of the workflow.
pub(crate) fn set_status(tx: &Transaction, id: &str, from: Status, to: Status) -> Result<bool> {
    let n = tx.execute(
        "UPDATE reports SET status = ?2 WHERE id = ?1 AND status = ?3",
        params![id, to.as_str(), from.as_str()],
    )?;
    Ok(n > 0)
}

/// (filed_on, filed_to, published_on, published_at).
pub(crate) type Records = (
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

pub(crate) fn records(conn: &Connection, id: &str) -> Result<Records> {
    Ok(conn.query_row(
        "SELECT filed_on, filed_to, published_on, published_at FROM reports WHERE id = ?1",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?)
}

pub(crate) fn set_filed(tx: &Transaction, id: &str, on: &str, to: &str) -> Result<()> {
    tx.execute(
        "UPDATE reports SET filed_on = ?2, filed_to = ?3 WHERE id = ?1",
        params![id, on, to],
    )?;
    Ok(())
}

pub(crate) fn set_published(tx: &Transaction, id: &str, on: &str, at: &str) -> Result<()> {
    tx.execute(
        "UPDATE reports SET published_on = ?2, published_at = ?3 WHERE id = ?1",
        params![id, on, at],
    )?;
    Ok(())
}
