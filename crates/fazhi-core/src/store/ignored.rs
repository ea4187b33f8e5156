//! The `ignored_findings` table: findings ignored once (by their stable id)
//! or remembered (rule + text) for a report or the whole library.

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Result;

/// How far an ignore reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum IgnoreScope {
    /// This finding (its id) in this report.
    Once,
    /// The rule on the same text, anywhere in this report.
    Report,
    /// The rule on the same text, in every report of the library.
    Library,
}

impl IgnoreScope {
    pub fn as_sql(self) -> &'static str {
        match self {
            IgnoreScope::Once => "once",
            IgnoreScope::Report => "report",
            IgnoreScope::Library => "library",
        }
    }

    fn from_sql(s: &str) -> IgnoreScope {
        match s {
            "report" => IgnoreScope::Report,
            "library" => IgnoreScope::Library,
            _ => IgnoreScope::Once,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            IgnoreScope::Once => "忽略本处",
            IgnoreScope::Report => "本报告中记住",
            IgnoreScope::Library => "全部报告中记住",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct IgnoredFinding {
    #[ts(type = "number")]
    pub id: i64,
    /// `None` for a library-wide ignore.
    pub report_id: Option<String>,
    pub scope: IgnoreScope,
    pub finding_id: String,
    pub rule: String,
    pub text: String,
    pub message: String,
    pub node_id: Option<String>,
    pub created_at: String,
}

/// What to ignore (the finding as the checker reported it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIgnore<'a> {
    pub report_id: &'a str,
    pub scope: IgnoreScope,
    pub finding_id: &'a str,
    pub rule: &'a str,
    pub text: &'a str,
    pub message: &'a str,
    pub node_id: Option<&'a str>,
}

const COLUMNS: &str = "id, report_id, scope, finding_id, rule, text, message, node_id, created_at";

fn row(r: &rusqlite::Row) -> rusqlite::Result<IgnoredFinding> {
    Ok(IgnoredFinding {
        id: r.get(0)?,
        report_id: r.get(1)?,
        scope: IgnoreScope::from_sql(&r.get::<_, String>(2)?),
        finding_id: r.get(3)?,
        rule: r.get(4)?,
        text: r.get(5)?,
        message: r.get(6)?,
        node_id: r.get(7)?,
        created_at: r.get(8)?,
    })
}

/// The ignores that apply to a report: its own and the library-wide ones.
pub(crate) fn for_report(conn: &Connection, report_id: &str) -> Result<Vec<IgnoredFinding>> {
    let mut st = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM ignored_findings
         WHERE report_id = ?1 OR report_id IS NULL ORDER BY id"
    ))?;
    let rows = st.query_map([report_id], row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Inside the caller's transaction. An ignore that is already there is not
/// stored twice; its id is returned.
pub(crate) fn add(conn: &Connection, n: &NewIgnore) -> Result<i64> {
    let report = (n.scope != IgnoreScope::Library).then_some(n.report_id);
    let existing: Option<i64> = conn
        .query_row(
            "SELECT id FROM ignored_findings
             WHERE scope = ?1 AND report_id IS ?2 AND rule = ?3
               AND (CASE WHEN ?1 = 'once' THEN finding_id = ?4 ELSE text = ?5 END)",
            params![n.scope.as_sql(), report, n.rule, n.finding_id, n.text],
            |r| r.get(0),
        )
        .optional()?;
    if let Some(id) = existing {
        return Ok(id);
    }
    conn.execute(
        "INSERT INTO ignored_findings
           (report_id, scope, finding_id, rule, text, message, node_id, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
        params![
            report,
            n.scope.as_sql(),
            n.finding_id,
            n.rule,
            n.text,
            n.message,
            n.node_id
        ],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Deletes one ignore; false when there was none with this id.
pub(crate) fn remove(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.execute("DELETE FROM ignored_findings WHERE id = ?1", [id])? == 1)
}
