//! The `lexicon_entries` table: a library's own lexicon entries and its
//! overrides of built-in ones, as plain text fields (fazhi-checks gives them
//! meaning and validates them before they are stored).

use rusqlite::{params, Connection};

use crate::Result;

/// One stored entry. `level` is `error`/`warning`/`info`; `group` is the
/// group's Chinese name.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LexiconRow {
    pub wrong: String,
    pub suggestion: String,
    pub level: String,
    pub condition: String,
    pub group: String,
    pub explanation: String,
    pub example: String,
    pub counter: String,
    pub enabled: bool,
}

impl LexiconRow {
    pub fn key(&self) -> String {
        format!("{}|{}", self.wrong.trim(), self.condition.trim())
    }
}

pub(crate) fn list(conn: &Connection) -> Result<Vec<LexiconRow>> {
    let mut st = conn.prepare(
        "SELECT wrong, suggestion, level, condition, grp, explanation, example, counter, enabled
         FROM lexicon_entries ORDER BY position",
    )?;
    let rows = st.query_map([], |r| {
        Ok(LexiconRow {
            wrong: r.get(0)?,
            suggestion: r.get(1)?,
            level: r.get(2)?,
            condition: r.get(3)?,
            group: r.get(4)?,
            explanation: r.get(5)?,
            example: r.get(6)?,
            counter: r.get(7)?,
            enabled: r.get::<_, i64>(8)? == 1,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Adds the rows whose key this library does not have (a review package's
/// entries: the receiving library's own edits win). Returns how many.
pub(crate) fn add_missing(conn: &Connection, rows: &[LexiconRow]) -> Result<usize> {
    let mut next: i64 = conn.query_row(
        "SELECT coalesce(max(position), -1) + 1 FROM lexicon_entries",
        [],
        |r| r.get(0),
    )?;
    let mut added = 0;
    for r in rows {
        let level = match r.level.as_str() {
            "error" | "warning" | "info" => r.level.as_str(),
            _ => continue,
        };
        let n = conn.execute(
            "INSERT OR IGNORE INTO lexicon_entries
               (key, position, wrong, suggestion, level, condition, grp, explanation, example,
                counter, enabled, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            params![
                r.key(),
                next,
                r.wrong.trim(),
                r.suggestion,
                level,
                r.condition.trim(),
                r.group,
                r.explanation,
                r.example,
                r.counter,
                r.enabled as i64,
            ],
        )?;
        if n == 1 {
            next += 1;
            added += 1;
        }
    }
    Ok(added)
}

/// Replaces the whole list, inside the caller's transaction (a later row with
/// the same key wins).
pub(crate) fn replace_all(conn: &Connection, rows: &[LexiconRow]) -> Result<()> {
    conn.execute("DELETE FROM lexicon_entries", [])?;
    let mut st = conn.prepare(
        "INSERT INTO lexicon_entries
           (key, position, wrong, suggestion, level, condition, grp, explanation, example,
            counter, enabled, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT(key) DO UPDATE SET
           suggestion = excluded.suggestion, level = excluded.level, grp = excluded.grp,
           explanation = excluded.explanation, example = excluded.example,
           counter = excluded.counter, enabled = excluded.enabled,
           updated_at = excluded.updated_at",
    )?;
    for (i, r) in rows.iter().enumerate() {
        st.execute(params![
            r.key(),
            i as i64,
            r.wrong.trim(),
            r.suggestion,
            r.level,
            r.condition.trim(),
            r.group,
            r.explanation,
            r.example,
            r.counter,
            r.enabled as i64,
        ])?;
    }
    Ok(())
}
