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

pub mod anchor;
pub mod audit;
pub mod comments;
pub mod deadline;
pub mod package;
pub mod workflow;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use ts_rs::TS;

use crate::{Result, Store};

pub use anchor::{Anchor, AnchorUpdate};
pub use audit::AuditEntry;
pub use comments::{
    Comment, CommentCounts, CommentFilter, CommentState, CommentTarget, ExternalComment,
    ExternalImport, PartCommentCount,
};
pub use deadline::{Deadline, DeadlineKind, DeadlineState};
pub use package::{read_package_info, MergeOutcome, PackageInfo, PackageOpened};
pub use workflow::{AllowedTransition, TransitionOutcome, TransitionRequest, WorkflowInfo};

/// The role a person plays in the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ReviewRole {
    /// 起草人
    Drafter,
    /// 审核人
    Reviewer,
    /// 签发人
    Approver,
}

impl ReviewRole {
    pub fn label(self) -> &'static str {
        match self {
            ReviewRole::Drafter => "起草人",
            ReviewRole::Reviewer => "审核人",
            ReviewRole::Approver => "签发人",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ReviewRole::Drafter => "drafter",
            ReviewRole::Reviewer => "reviewer",
            ReviewRole::Approver => "approver",
        }
    }

    /// Accepts the code (`approver`) or the label (签发人).
    pub fn parse(s: &str) -> Option<ReviewRole> {
        [
            ReviewRole::Drafter,
            ReviewRole::Reviewer,
            ReviewRole::Approver,
        ]
        .into_iter()
        .find(|r| r.as_str() == s.trim() || r.label() == s.trim())
    }
}

/// Who the library acts as (settings `identity.name`, `identity.role`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Identity {
    /// Empty until set.
    pub name: String,
    pub role: Option<ReviewRole>,
    pub role_label: Option<String>,
}

impl Identity {
    pub fn is_set(&self) -> bool {
        !self.name.trim().is_empty()
    }
}

pub const MAX_NAME_CHARS: usize = 40;
pub const MAX_COMMENT_CHARS: usize = 5000;
pub const MAX_REASON_CHARS: usize = 1000;

/// Why a review action was refused. `Display` is the Chinese message.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReviewError {
    #[error("请先设置您的姓名和角色（设置 → 身份；命令行：fazhi whoami --name 姓名 --role drafter|reviewer|approver）")]
    NoIdentity,
    #[error("姓名不能为空，且不超过{MAX_NAME_CHARS}字、不含控制字符")]
    BadName,
    #[error("未知的角色“{0}”，只能是 drafter（起草人）、reviewer（审核人）、approver（签发人）")]
    BadRole(String),
    #[error("找不到批注：{0}")]
    CommentNotFound(String),
    #[error("只能修改或删除自己的批注（此条由{0}添加）")]
    NotYourComment(String),
    #[error("此批注已有他人回复，不能删除；可将其标记为已解决")]
    HasReplies,
    #[error("只能对批注本身标记解决或重新打开，不能对回复操作")]
    NotAThread,
    #[error("批注内容不能为空")]
    EmptyComment,
    #[error("{what}过长（{len}字，上限{max}字）")]
    TooLong {
        what: &'static str,
        len: usize,
        max: usize,
    },
    #[error("报告中找不到批注的位置：{0}")]
    BadAnchor(String),
    #[error("报告中找不到“{quote}”{}", occurrence_note(*.occurrence))]
    QuoteNotFound { quote: String, occurrence: u32 },
    #[error("无法从“{from}”变为“{to}”：{hint}")]
    BadTransition {
        from: &'static str,
        to: &'static str,
        hint: &'static str,
    },
    #[error("“{action}”只能由{needed}执行（当前身份：{current}）")]
    Forbidden {
        action: &'static str,
        needed: &'static str,
        current: String,
    },
    #[error("“{0}”须填写理由")]
    NeedReason(&'static str),
    #[error("{0}")]
    NeedField(&'static str),
    #[error("定稿前须处理完：{errors}项检查错误、{open}条未解决批注；如确需定稿，请选择“仍然定稿”并填写理由")]
    FinalizeBlocked { errors: u32, open: i64 },
    #[error("这是审阅副本，正文只读；请添加批注后导出审阅包交回起草人")]
    ReviewCopy,
    #[error("文件“{0}”不是法治报告审阅包，或已损坏")]
    NotAPackage(String),
    #[error("审阅包由更新版本的程序创建（格式版本{found}，本程序支持到{supported}），请升级程序")]
    PackageTooNew { found: i64, supported: i64 },
    #[error("审阅包过大（{0} MB），上限{max} MB", max = package::MAX_PACKAGE_BYTES / 1024 / 1024)]
    PackageTooLarge(u64),
    #[error("审阅包属于另一份报告（{package_title}），本资料库中没有这份报告；如需查看，请用“打开审阅包”")]
    PackageOtherReport { package_title: String },
    #[error("本资料库中已有这份报告（{0}）的原稿，请用“导入审阅意见”合并批注，而不是打开审阅副本")]
    PackageIsOriginal(String),
    #[error("审阅包内容无效：{0}")]
    BadPackage(String),
}

fn occurrence_note(n: u32) -> String {
    if n > 1 {
        format!("（第{n}处）")
    } else {
        String::new()
    }
}

impl ReviewError {
    pub fn code(&self) -> &'static str {
        match self {
            ReviewError::NoIdentity => "no_identity",
            ReviewError::BadName => "bad_name",
            ReviewError::BadRole(_) => "bad_role",
            ReviewError::CommentNotFound(_) => "comment_not_found",
            ReviewError::NotYourComment(_) => "not_your_comment",
            ReviewError::HasReplies => "has_replies",
            ReviewError::NotAThread => "not_a_thread",
            ReviewError::EmptyComment => "empty_comment",
            ReviewError::TooLong { .. } => "too_long",
            ReviewError::BadAnchor(_) => "bad_anchor",
            ReviewError::QuoteNotFound { .. } => "quote_not_found",
            ReviewError::BadTransition { .. } => "bad_transition",
            ReviewError::Forbidden { .. } => "forbidden",
            ReviewError::NeedReason(_) => "need_reason",
            ReviewError::NeedField(_) => "need_field",
            ReviewError::FinalizeBlocked { .. } => "finalize_blocked",
            ReviewError::ReviewCopy => "review_copy",
            ReviewError::NotAPackage(_) => "not_a_package",
            ReviewError::PackageTooNew { .. } => "package_too_new",
            ReviewError::PackageTooLarge(_) => "package_too_large",
            ReviewError::PackageOtherReport { .. } => "package_other_report",
            ReviewError::PackageIsOriginal(_) => "package_is_original",
            ReviewError::BadPackage(_) => "bad_package",
        }
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

pub const SETTING_NAME: &str = "identity.name";
pub const SETTING_ROLE: &str = "identity.role";

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
        let tx = self.conn_mut().transaction()?;
        for (k, v) in [(SETTING_NAME, name), (SETTING_ROLE, role.as_str())] {
            tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                rusqlite::params![k, v],
            )?;
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
