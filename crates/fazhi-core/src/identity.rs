//! Who acts on the library: the identity (settings `identity.name`,
//! `identity.role`) and the roles of the review. Plain data, below the store
//! and the review (comments and the audit log record it).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const SETTING_NAME: &str = "identity.name";
pub const SETTING_ROLE: &str = "identity.role";

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
