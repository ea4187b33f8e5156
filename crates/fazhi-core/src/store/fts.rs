//! The `report_fts` table: one FTS5 (trigram) row per title, heading and
//! paragraph of every report, and the search over it.

use std::collections::HashMap;

use rusqlite::{params, Connection, Transaction};

use super::SearchHit;
use crate::Result;

/// Brings a report's rows to `wanted` ((node key, text), see
/// [`super::reports::ReportRow`]), rewriting only the rows whose text changed,
/// so that an autosave after one keystroke touches one row.
pub(crate) fn sync(tx: &Transaction, report_id: &str, wanted: &[(String, String)]) -> Result<()> {
    let wanted: HashMap<&str, &str> = wanted
        .iter()
        .map(|(k, t)| (k.as_str(), t.as_str()))
        .collect();
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
        if wanted.get(node.as_str()) != Some(&text.as_str()) {
            delete.execute([rowid])?;
        }
    }
    for (node, text) in &wanted {
        if existing.get(*node).map(|(_, t)| t.as_str()) != Some(*text) {
            insert.execute(params![report_id, node, text])?;
        }
    }
    Ok(())
}

/// A report's rows as stored: (node key, text), sorted (for tests and checks).
#[cfg(test)]
pub(crate) fn rows(conn: &Connection, report_id: &str) -> Result<Vec<(String, String)>> {
    let mut stmt = conn.prepare("SELECT node_id, text FROM report_fts WHERE report_id = ?1")?;
    let mut out = stmt
        .query_map([report_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    out.sort();
    Ok(out)
}

pub(crate) fn delete(tx: &Transaction, report_id: &str) -> Result<()> {
    tx.execute("DELETE FROM report_fts WHERE report_id = ?1", [report_id])?;
    Ok(())
}

/// Trigram FTS5 for queries of three characters and more; shorter ones
/// (common in Chinese: 法治, 执法) are a substring scan of the same table.
/// One hit per report, most recently changed first.
pub(crate) fn search(conn: &Connection, text: &str) -> Result<Vec<SearchHit>> {
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
    let mut stmt = conn.prepare(sql)?;
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
