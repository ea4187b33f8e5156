//! The `audit_log` table: who did what to which report, when and why.

use rusqlite::{params, Connection, Transaction};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::reports::status_from_sql;
use crate::diff::{self, BlockKind, Change};
use crate::identity::{Identity, ReviewRole};
use crate::model::Document;
use crate::status::Status;
use crate::Result;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditEntry {
    #[ts(type = "number")]
    pub seq: i64,
    pub report_id: String,
    /// ISO 8601 UTC.
    pub at: String,
    pub who: String,
    pub role: Option<ReviewRole>,
    /// Stable code: submit, return, finalize, finalize_override, unfinalize,
    /// file, publish, comment_add, comment_reply, comment_edit, comment_delete,
    /// comment_resolve, comment_reopen, comment_handled, identity_change,
    /// edit, package_export, package_open,
    /// package_merge, comments_import, backup_final, backup_failed.
    pub action: String,
    /// The action in words (送审, 退回修改, …).
    pub action_label: String,
    pub from_status: Option<Status>,
    pub to_status: Option<Status>,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

pub fn action_label(action: &str) -> &'static str {
    match action {
        "submit" => "送审",
        "return" => "退回修改",
        "finalize" => "定稿",
        "finalize_override" => "定稿（未满足条件，经说明理由）",
        "unfinalize" => "撤销定稿",
        "file" => "报送",
        "publish" => "公开",
        "comment_add" => "添加批注",
        "comment_reply" => "回复批注",
        "comment_edit" => "修改批注",
        "comment_delete" => "删除批注",
        "comment_resolve" => "解决批注",
        "comment_reopen" => "重新打开批注",
        "comment_handled" => "标记批注已处理",
        "identity_change" => "变更身份",
        "edit" => "修改正文",
        "package_export" => "导出审阅包",
        "package_open" => "打开审阅包",
        "package_merge" => "导入审阅意见",
        "comments_import" => "导入Word批注",
        "backup_final" => "定稿备份",
        "backup_failed" => "定稿备份失败",
        "change_suggest" => "提出修订",
        "change_withdraw" => "撤回修订",
        "change_accept" => "接受修订",
        "change_reject" => "拒绝修订",
        "changes_import" => "导入Word修订",
        "changes_merge" => "合并审阅包修订",
        _ => "其他操作",
    }
}

/// What one save changed, as stored in an `edit` entry's detail (JSON): the
/// versions, the characters added and removed, and where (the headings, with
/// their numbers, of the changed blocks; at most [`MAX_PLACES`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EditSummary {
    pub from_version: i64,
    pub to_version: i64,
    pub added: u32,
    pub removed: u32,
    pub places: Vec<String>,
}

pub const MAX_PLACES: usize = 5;

impl EditSummary {
    /// `None` when the text did not change (a save of the same content).
    pub fn of(old: &Document, new: &Document, from_version: i64, to_version: i64) -> Option<Self> {
        let cmp = diff::compare(old, new);
        if cmp.is_same() {
            return None;
        }
        let mut places: Vec<String> = Vec::new();
        let mut heading = String::from("前言");
        for b in &cmp.blocks {
            let place = match b.kind {
                BlockKind::Heading => {
                    let text = b.new.as_deref().or(b.old.as_deref()).unwrap_or("");
                    heading = format!("{}{}", b.number, short(text));
                    heading.clone()
                }
                BlockKind::Title => "标题".to_string(),
                BlockKind::Meta => b.label.clone(),
                BlockKind::Paragraph => heading.clone(),
            };
            if b.change != Change::Same && !places.contains(&place) {
                places.push(place);
            }
        }
        places.truncate(MAX_PLACES);
        Some(EditSummary {
            from_version,
            to_version,
            added: cmp.stats.chars_added,
            removed: cmp.stats.chars_removed,
            places,
        })
    }

    /// Two summaries of consecutive saves as one.
    pub fn merge(&mut self, later: &EditSummary) {
        self.to_version = later.to_version;
        self.added += later.added;
        self.removed += later.removed;
        for p in &later.places {
            if self.places.len() < MAX_PLACES && !self.places.contains(p) {
                self.places.push(p.clone());
            }
        }
    }

    /// In words: 第3版→第5版；增加12字，删除3字；（二）依法全面履行政府职能.
    pub fn describe(&self) -> String {
        let mut out = format!("第{}版→第{}版；", self.from_version, self.to_version);
        match (self.added, self.removed) {
            (0, 0) => out.push_str("文字未增减"),
            (a, 0) => out.push_str(&format!("增加{a}字")),
            (0, r) => out.push_str(&format!("删除{r}字")),
            (a, r) => out.push_str(&format!("增加{a}字，删除{r}字")),
        }
        if !self.places.is_empty() {
            out.push('；');
            out.push_str(&self.places.join("、"));
        }
        out
    }
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(16).collect();
    if s.chars().count() > 16 {
        out.push('…');
    }
    out
}

/// Records a save's [`EditSummary`] (nothing when the text is the same).
pub(crate) fn record_edit(
    tx: &Transaction,
    report_id: &str,
    who: &Identity,
    summary: &EditSummary,
) -> Result<()> {
    let detail =
        serde_json::to_string(summary).map_err(|e| crate::Error::Database(e.to_string()))?;
    record(tx, &Record::new(report_id, who, "edit").detail(&detail))
}

/// One entry to write: [`Record::new`] then the optional parts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Record<'a> {
    pub report_id: &'a str,
    pub who: &'a Identity,
    pub action: &'a str,
    pub from: Option<Status>,
    pub to: Option<Status>,
    pub reason: Option<&'a str>,
    pub detail: Option<&'a str>,
}

impl<'a> Record<'a> {
    pub fn new(report_id: &'a str, who: &'a Identity, action: &'a str) -> Self {
        Record {
            report_id,
            who,
            action,
            from: None,
            to: None,
            reason: None,
            detail: None,
        }
    }

    pub fn detail(self, detail: &'a str) -> Self {
        Record {
            detail: Some(detail),
            ..self
        }
    }
}

/// Writes one entry, inside the caller's transaction.
pub(crate) fn record(tx: &Transaction, e: &Record<'_>) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (report_id, at, who, role, action, from_status, to_status,
             reason, detail)
         VALUES (?1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            e.report_id,
            e.who.name,
            e.who.role.map(|r| r.as_str()),
            e.action,
            e.from.map(|s| s.as_str()),
            e.to.map(|s| s.as_str()),
            e.reason,
            e.detail,
        ],
    )?;
    Ok(())
}

/// One entry in every report of the library (a change of who acts, which
/// concerns everything they do next), inside the caller's transaction.
pub(crate) fn record_everywhere(
    tx: &Transaction,
    who: &Identity,
    action: &str,
    detail: &str,
) -> Result<()> {
    tx.execute(
        "INSERT INTO audit_log (report_id, at, who, role, action, detail)
         SELECT id, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), ?1, ?2, ?3, ?4 FROM reports",
        params![who.name, who.role.map(|r| r.as_str()), action, detail],
    )?;
    Ok(())
}

/// The report's entries, oldest first.
pub(crate) fn list(conn: &Connection, report_id: &str) -> Result<Vec<AuditEntry>> {
    let mut stmt = conn.prepare(
        "SELECT seq, at, who, role, action, from_status, to_status, reason, detail
         FROM audit_log WHERE report_id = ?1 ORDER BY seq",
    )?;
    let rows = stmt.query_map([report_id], |r| {
        let action: String = r.get(4)?;
        Ok(AuditEntry {
            seq: r.get(0)?,
            report_id: report_id.to_string(),
            at: r.get(1)?,
            who: r.get(2)?,
            role: r
                .get::<_, Option<String>>(3)?
                .as_deref()
                .and_then(ReviewRole::parse),
            action_label: action_label(&action).to_string(),
            action,
            from_status: r.get::<_, Option<String>>(5)?.map(status_from_sql),
            to_status: r.get::<_, Option<String>>(6)?.map(status_from_sql),
            reason: r.get(7)?,
            detail: r.get(8)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
