//! Review: who acts (identity), comments anchored to the text, the workflow
//! from 草稿 to 已公开, the audit log, deadlines, and the review package.
//!
//! # API summary (for the UI and the CLI)
//!
//! Everything is a method on [`Store`](crate::Store); each write is one
//! transaction and writes an [`AuditEntry`]. The acting person is the library's
//! identity (settings `identity.name`, `identity.role`); actions that record a
//! person fail with [`ReviewError::NoIdentity`] until it is set.
//!
//! * Identity — [`Store::identity`] → [`Identity`]; [`Store::set_identity`]`(name, role)`.
//!   [`ReviewRole`]: `drafter` 起草人 / `reviewer` 审核人 / `approver` 签发人.
//! * Comments ([`comments`]) — [`Store::add_comment`]`(report, &`[`CommentTarget`]`, text)`
//!   (a node id + Unicode-scalar range in the node's own text, i.e. the paragraph
//!   text or the heading without its number; or a quote + 1-based occurrence in
//!   reading order), [`Store::reply_comment`], [`Store::edit_comment`] /
//!   [`Store::delete_comment`] (own only; a comment others replied to cannot be
//!   deleted), [`Store::resolve_comment`] / [`Store::reopen_comment`],
//!   [`Store::list_comments`]`(report, &`[`CommentFilter`]`)` → threads
//!   ([`Comment`] with `replies`), [`Store::comment_counts`] → [`CommentCounts`]
//!   (open/resolved per top-level part, orphaned).
//! * Anchors ([`anchor`]) — every save re-anchors comments in the same
//!   transaction: the range stays when its quote is still there; else the quote
//!   is searched in the node, then in the document, nearest by prefix/suffix
//!   context; else the comment is kept as orphaned (原文已删除) with its quote.
//!   The editor, which knows the exact new ranges from its marks, saves with
//!   [`Store::save_report_with_anchors`]`(id, doc, expected_version, &[`[`AnchorUpdate`]`])`
//!   (`node_id: null` = the marked text was deleted).
//! * Workflow ([`workflow`]) — [`Store::transition`]`(report, &`[`TransitionRequest`]`)`:
//!   draft→review 送审; review→draft 退回修改 (reason); review→final 定稿
//!   (签发人 only; needs `check_errors == 0` — the caller counts the 错误
//!   findings — and no open comments, or `override_checks` with a reason);
//!   final→filed 报送 (date, recipients); filed→published 公开 (date, address);
//!   final/filed/published→draft or review 撤销定稿 (签发人, reason).
//!   [`Store::workflow_info`] → [`WorkflowInfo`] (allowed next steps for the buttons).
//!   From 已定稿 on, and in review copies, content and metadata are locked
//!   (`save_report`, `restore_revision`, … fail with `Error::Locked` /
//!   [`ReviewError::ReviewCopy`]). Comments stay allowed in every state: they
//!   never change the text, and a reviewer must be able to remark on a final
//!   text (such comments do not unlock it). In 审阅中 every save that changes the
//!   content is kept as a revision (author = identity).
//! * Audit log ([`audit`]) — [`Store::audit_log`]`(report)` → `Vec<`[`AuditEntry`]`>`.
//! * Deadlines ([`deadline`]) — [`Store::deadlines`]`(today)` → one [`Deadline`] per
//!   report (ok / soon ≤ 14 days / late / done); due dates from settings
//!   `deadline.filing` (default `03-01`) and `deadline.publication` (`04-01`) of year+1.
//! * Package ([`package`]) — [`Store::export_package`]`(report, path)`,
//!   [`Store::open_package`]`(path)` (a locked review copy here, comments allowed),
//!   [`Store::merge_package`]`(path)` → [`MergeOutcome`] (new comments and replies by
//!   id; idempotent), [`read_package_info`]`(path)`.
//! * Word comments — [`Store::import_external_comments`]`(report, &[`[`ExternalComment`]`])`
//!   anchors comments read from a DOCX by quote (idempotent).

pub mod audit;
pub mod changes;
pub mod comments;
pub mod deadline;
pub mod package;
pub mod workflow;

use crate::store::{audit as audit_table, settings};
use crate::{Result, Store};

pub use crate::anchor;
pub use crate::error::{ReviewError, MAX_COMMENT_CHARS, MAX_NAME_CHARS, MAX_REASON_CHARS};
pub use crate::identity::{Identity, ReviewRole, SETTING_NAME, SETTING_ROLE};

pub use crate::anchor::{Anchor, AnchorUpdate};
pub use crate::change::{
    Change, ChangeError, ChangeKind, ChangePos, ChangeStatus, ChangeTarget, ChangeUpdate,
    NewChange, NodeRuns, Run,
};
pub use audit::{audit_csv, AuditEntry, AuditRow, EditSummary};
pub use changes::{ChangeFilter, ChangesAdded, ChangesDecided, RefusedChange, SavedReviewed};
pub use comments::{
    Comment, CommentCounts, CommentFilter, CommentState, CommentTarget, ExternalComment,
    ExternalImport, PartCommentCount,
};
pub use deadline::{Deadline, DeadlineKind, DeadlineState};
pub use package::{read_package_info, MergeOutcome, PackageInfo, PackageOpened};
pub use workflow::{AllowedTransition, TransitionOutcome, TransitionRequest, WorkflowInfo};

/// 姓名（角色）, as the audit log shows a person.
pub fn who_label(id: &Identity) -> String {
    match id.role {
        Some(r) => format!("{}（{}）", id.name, r.label()),
        None => id.name.clone(),
    }
}

/// Trims and checks free text (comments, reasons): not empty, not too long,
/// no control characters other than line breaks and tabs.
pub(crate) fn clean_text(s: &str, what: &'static str, max: usize) -> Result<String> {
    let t: String = s
        .replace("\r\n", "\n")
        .chars()
        .filter(|c| !c.is_control() || *c == '\n' || *c == '\t')
        .collect();
    let t = t.trim().to_string();
    let len = t.chars().count();
    if len > max {
        return Err(ReviewError::TooLong { what, len, max }.into());
    }
    Ok(t)
}

impl Store {
    /// The identity this library acts as (empty name until set).
    pub fn identity(&self) -> Result<Identity> {
        let name = self.setting(SETTING_NAME)?.unwrap_or_default();
        let role = self
            .setting(SETTING_ROLE)?
            .as_deref()
            .and_then(ReviewRole::parse);
        Ok(Identity {
            name,
            role,
            role_label: role.map(|r| r.label().to_string()),
        })
    }

    /// Sets name and role (one transaction).
    pub fn set_identity(&mut self, name: &str, role: ReviewRole) -> Result<Identity> {
        let name = name.trim();
        if name.is_empty()
            || name.chars().count() > MAX_NAME_CHARS
            || name.chars().any(char::is_control)
        {
            return Err(ReviewError::BadName.into());
        }
        let before = self.identity()?;
        let tx = self.conn_mut().transaction()?;
        for (k, v) in [(SETTING_NAME, name), (SETTING_ROLE, role.as_str())] {
            settings::set(&tx, k, v)?;
        }
        // Who acts decides what is allowed (签发人 finalises, closes comments):
        // every change of name or role is on the record of every report.
        if before.is_set() && (before.name != name || before.role != Some(role)) {
            let after = Identity {
                name: name.to_string(),
                role: Some(role),
                role_label: Some(role.label().to_string()),
            };
            let detail = format!("{} → {}", who_label(&before), who_label(&after));
            audit_table::record_everywhere(&tx, &after, "identity_change", &detail)?;
        }
        tx.commit()?;
        self.identity()
    }

    /// The identity, or [`ReviewError::NoIdentity`] when no name is set.
    pub fn require_identity(&self) -> Result<Identity> {
        let id = self.identity()?;
        if id.is_set() {
            Ok(id)
        } else {
            Err(ReviewError::NoIdentity.into())
        }
    }
}

#[cfg(test)]
mod tests;
