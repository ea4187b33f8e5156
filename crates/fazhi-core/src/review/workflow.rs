//! The workflow: 草稿 → 审阅中 → 已定稿 → 已报送 → 已公开, with 退回修改 and 撤销定稿.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{clean_text, AuditEntry, ReviewError, ReviewRole, MAX_REASON_CHARS};
use crate::change::ChangeError;
use crate::status::Status;
use crate::store::audit::{self, Record};
use crate::store::{reports, revisions};
use crate::{Error, Result, Store};

/// What 报送 and 公开 record beside the status.
enum Filing {
    /// (date, recipients)
    Filed(String, String),
    /// (date, address)
    Published(String, String),
}

/// A request to move a report to another state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TransitionRequest {
    pub to: Status,
    /// Required for 退回修改, 撤销定稿 and an overriding 定稿.
    #[serde(default)]
    pub reason: Option<String>,
    /// 定稿 although checks report errors or comments are open (needs a reason).
    #[serde(default)]
    pub override_checks: bool,
    /// Number of 错误 findings of the checks, counted by the caller (定稿 only).
    #[serde(default)]
    pub check_errors: u32,
    /// 报送 / 公开 date, ISO `YYYY-MM-DD`.
    #[serde(default)]
    pub date: Option<String>,
    /// 报送: to whom (e.g. 市委、市人大常委会).
    #[serde(default)]
    pub recipients: Option<String>,
    /// 公开: where (web address or place).
    #[serde(default)]
    pub address: Option<String>,
}

impl TransitionRequest {
    pub fn to(to: Status) -> Self {
        TransitionRequest {
            to,
            reason: None,
            override_checks: false,
            check_errors: 0,
            date: None,
            recipients: None,
            address: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TransitionOutcome {
    pub status: Status,
    pub status_label: String,
    pub entry: AuditEntry,
}

/// A step the workflow allows from the current state (for the buttons).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AllowedTransition {
    pub to: Status,
    /// 送审, 退回修改, 定稿, 报送, 公开, 撤销定稿.
    pub label: String,
    pub needs_reason: bool,
    /// Only this role may take it (`None`: anyone).
    pub role: Option<ReviewRole>,
    /// The identity may take it now (role permitting).
    pub permitted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct WorkflowInfo {
    pub report_id: String,
    pub status: Status,
    pub status_label: String,
    /// Content and metadata may not change (已定稿 and later, or a review copy).
    pub locked: bool,
    /// Opened from a review package: read-only text, comments allowed.
    pub review_copy: bool,
    #[ts(type = "number")]
    pub open_comments: i64,
    /// 修订 awaiting acceptance or rejection (定稿 waits for them, like comments).
    #[ts(type = "number")]
    pub pending_changes: i64,
    pub filed_on: Option<String>,
    pub filed_to: Option<String>,
    pub published_on: Option<String>,
    pub published_at: Option<String>,
    pub allowed: Vec<AllowedTransition>,
    /// Why 删除报告 is refused (a finalised, filed or published report is the
    /// office's record); `None` when it may be deleted.
    pub delete_refusal: Option<String>,
}

/// (action code, label, needs reason, role) of the move `from → to`, if any.
fn action(
    from: Status,
    to: Status,
) -> Option<(&'static str, &'static str, bool, Option<ReviewRole>)> {
    use Status::*;
    Some(match (from, to) {
        (Draft, Review) => ("submit", "送审", false, None),
        (Review, Draft) => ("return", "退回修改", true, None),
        (Review, Final) => ("finalize", "定稿", false, Some(ReviewRole::Approver)),
        (Final, Filed) => ("file", "报送", false, None),
        (Filed, Published) => ("publish", "公开", false, None),
        (Final | Filed | Published, Draft | Review) => {
            ("unfinalize", "撤销定稿", true, Some(ReviewRole::Approver))
        }
        _ => return None,
    })
}

fn hint(from: Status, to: Status) -> &'static str {
    use Status::*;
    match (from, to) {
        _ if from == to => "报告已处于该状态",
        (Draft, Final) => "请先送审，审阅后再定稿",
        (Draft | Review, Filed | Published) => "须先定稿",
        (Final, Published) => "须先报送，再公开",
        _ => "流程不允许这一步",
    }
}

impl Store {
    /// Refuses when the report's content may not change (locked state or
    /// review copy). For commands that write content outside `save_report`.
    pub fn ensure_editable(&self, id: &str) -> Result<()> {
        let (status, copy) = self.get_report_status(id)?;
        if status.is_locked() {
            return Err(Error::Locked(status.label()));
        }
        if copy {
            return Err(ReviewError::ReviewCopy.into());
        }
        Ok(())
    }

    pub fn workflow_info(&self, id: &str) -> Result<WorkflowInfo> {
        let (status, review_copy) = self.get_report_status(id)?;
        let me = self.identity()?;
        let (filed_on, filed_to, published_on, published_at) =
            reports::records(self.connection(), id)?;
        let mut allowed = Vec::new();
        if !review_copy {
            for to in [
                Status::Draft,
                Status::Review,
                Status::Final,
                Status::Filed,
                Status::Published,
            ] {
                // 撤销定稿 is offered once, back to 草稿.
                if status.is_locked() && to == Status::Review {
                    continue;
                }
                if let Some((_, label, needs_reason, role)) = action(status, to) {
                    allowed.push(AllowedTransition {
                        to,
                        label: label.to_string(),
                        needs_reason,
                        role,
                        permitted: me.is_set() && role.is_none_or(|r| me.role == Some(r)),
                    });
                }
            }
        }
        Ok(WorkflowInfo {
            report_id: id.to_string(),
            status,
            status_label: status.label().to_string(),
            locked: status.is_locked() || review_copy,
            review_copy,
            open_comments: self.open_comment_count(id)?,
            pending_changes: self.pending_change_count(id)?,
            filed_on,
            filed_to,
            published_on,
            published_at,
            allowed,
            delete_refusal: (status.is_locked() && !review_copy).then(|| {
                format!(
                    "报告处于“{}”状态，是本机关的正式记录，不能删除；如需删除，请由签发人先撤销定稿",
                    status.label()
                )
            }),
        })
    }

    /// Moves a report to `req.to`, checking the workflow, the role and the
    /// conditions, and logs it. One transaction.
    pub fn transition(&mut self, id: &str, req: &TransitionRequest) -> Result<TransitionOutcome> {
        let who = self.require_identity()?;
        let (from, review_copy) = self.get_report_status(id)?;
        if review_copy {
            return Err(ReviewError::ReviewCopy.into());
        }
        let to = req.to;
        let Some((mut code, label, needs_reason, role)) = action(from, to) else {
            return Err(ReviewError::BadTransition {
                from: from.label(),
                to: to.label(),
                hint: hint(from, to),
            }
            .into());
        };
        if let Some(r) = role {
            if who.role != Some(r) {
                return Err(ReviewError::Forbidden {
                    action: label,
                    needed: r.label(),
                    current: format!(
                        "{}（{}）",
                        who.name,
                        who.role.map(|r| r.label()).unwrap_or("未设角色")
                    ),
                }
                .into());
            }
        }
        let reason = clean_text(
            req.reason.as_deref().unwrap_or(""),
            "理由",
            MAX_REASON_CHARS,
        )?;
        let reason = (!reason.is_empty()).then_some(reason);
        if needs_reason && reason.is_none() {
            return Err(ReviewError::NeedReason(label).into());
        }
        let mut detail: Option<String> = None;
        let tx_date = |what: &'static str| -> Result<String> {
            let d = req.date.as_deref().map(str::trim).unwrap_or("");
            if crate::dates::parse_iso(d).is_none() {
                return Err(ReviewError::NeedField(what).into());
            }
            Ok(d.to_string())
        };
        let field = |v: &Option<String>, what: &'static str| -> Result<String> {
            let t = clean_text(v.as_deref().unwrap_or(""), "内容", 500)?;
            if t.is_empty() {
                return Err(ReviewError::NeedField(what).into());
            }
            Ok(t)
        };
        let mut update: Option<Filing> = None;
        match code {
            "finalize" => {
                let open = self.open_comment_count(id)?;
                let changes = self.pending_change_count(id)?;
                if req.check_errors > 0 || open > 0 || changes > 0 {
                    if !req.override_checks {
                        if changes > 0 {
                            return Err(ChangeError::FinalizeBlocked {
                                errors: req.check_errors,
                                open,
                                changes,
                            }
                            .into());
                        }
                        return Err(ReviewError::FinalizeBlocked {
                            errors: req.check_errors,
                            open,
                        }
                        .into());
                    }
                    if reason.is_none() {
                        return Err(ReviewError::NeedReason("仍然定稿").into());
                    }
                    code = "finalize_override";
                    detail = Some(if changes > 0 {
                        format!(
                            "检查错误{}项，未解决批注{}条，待处理修订{}处",
                            req.check_errors, open, changes
                        )
                    } else {
                        format!("检查错误{}项，未解决批注{}条", req.check_errors, open)
                    });
                }
            }
            "file" => {
                let date = tx_date("报送须填写报送日期（YYYY-MM-DD）")?;
                let to_whom = field(&req.recipients, "报送须填写报送对象")?;
                detail = Some(format!("{date} 报送{to_whom}"));
                update = Some(Filing::Filed(date, to_whom));
            }
            "publish" => {
                let date = tx_date("公开须填写公开日期（YYYY-MM-DD）")?;
                let addr = field(&req.address, "公开须填写公开地址（如政府网站网址）")?;
                detail = Some(format!("{date} 公开于{addr}"));
                update = Some(Filing::Published(date, addr));
            }
            _ => {}
        }
        let tx = self.conn_mut().transaction()?;
        if !reports::set_status(&tx, id, from, to)? {
            // Someone else moved it in between.
            return Err(Error::Busy);
        }
        match &update {
            Some(Filing::Filed(on, to_whom)) => reports::set_filed(&tx, id, on, to_whom)?,
            Some(Filing::Published(on, at)) => reports::set_published(&tx, id, on, at)?,
            None => {}
        }
        // The text as it was sent for review, finalised and filed is kept in
        // 历史版本, in the same transaction as the change of status.
        if matches!(code, "submit" | "finalize" | "finalize_override" | "file") {
            let rev = revisions::insert(&tx, id, Some(label), Some(&who.name))?;
            let version = format!("历史版本第{}版", rev.revision);
            detail = Some(match detail {
                Some(d) => format!("{d}；{version}"),
                None => version,
            });
        }
        audit::record(
            &tx,
            &Record {
                from: Some(from),
                to: Some(to),
                reason: reason.as_deref(),
                detail: detail.as_deref(),
                ..Record::new(id, &who, code)
            },
        )?;
        tx.commit()?;
        if to == Status::Final {
            self.backup_at_final(id, &who)?;
        }
        let entry = self
            .audit_log(id)?
            .iter()
            .rev()
            .find(|e| e.action == code)
            .cloned()
            .ok_or_else(|| Error::Database("审计记录缺失".into()))?;
        Ok(TransitionOutcome {
            status: to,
            status_label: to.label().to_string(),
            entry,
        })
    }
}

impl Store {
    /// 定稿 backs the library up (a file library only). The transition has
    /// already committed, so a failed backup does not undo it: the failure is
    /// written to the audit log instead, where the office will see it.
    fn backup_at_final(&mut self, id: &str, who: &super::Identity) -> Result<()> {
        if self.path().is_none() {
            return Ok(());
        }
        let (action, detail) =
            match crate::backup::create_backup(self, crate::backup::Reason::Final) {
                Ok(b) => ("backup_final", format!("定稿备份：{}", b.id)),
                Err(e) => ("backup_failed", format!("定稿备份失败：{e}")),
            };
        let tx = self.conn_mut().transaction()?;
        audit::record(&tx, &Record::new(id, who, action).detail(&detail))?;
        tx.commit()?;
        Ok(())
    }
}
