//! What a check produces, as sent over IPC and printed by `fazhi check --json`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The reviewer's grouping of rules (the 校对 panel groups by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[ts(export)]
pub enum Category {
    #[serde(rename = "结构")]
    Structure,
    #[serde(rename = "年份")]
    Year,
    #[serde(rename = "编号")]
    Numbering,
    #[serde(rename = "标点")]
    Punctuation,
    #[serde(rename = "文号")]
    DocNumber,
    #[serde(rename = "日期")]
    Date,
    #[serde(rename = "引用")]
    Citation,
    #[serde(rename = "文种")]
    Genre,
    #[serde(rename = "保密")]
    Secrecy,
    #[serde(rename = "数字")]
    Figures,
    /// Word lists edited per library (common typos, names of offices).
    #[serde(rename = "用词")]
    Wording,
}

impl Category {
    pub fn label(self) -> &'static str {
        match self {
            Category::Structure => "结构",
            Category::Year => "年份",
            Category::Numbering => "编号",
            Category::Punctuation => "标点",
            Category::DocNumber => "文号",
            Category::Date => "日期",
            Category::Citation => "引用",
            Category::Genre => "文种",
            Category::Secrecy => "保密",
            Category::Figures => "数字",
            Category::Wording => "用词",
        }
    }
}

/// 错误 blocks 定稿; 警告 and 提示 do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Error => "错误",
            Severity::Warning => "警告",
            Severity::Info => "提示",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim() {
            "error" | "错误" => Some(Severity::Error),
            "warning" | "警告" => Some(Severity::Warning),
            "info" | "提示" => Some(Severity::Info),
            _ => None,
        }
    }
}

/// Where a finding is: a node and a range of its text.
///
/// `node_id` is a part, section or paragraph id (a part or section id points at
/// its heading), `"title"` for a title override, or `"meta:FIELD"` for a metadata
/// field (`meta:issuer`, `meta:addressee`, `meta:doc_number`, `meta:signer`,
/// `meta:signature`, `meta:note`). `start`/`end` are **Unicode scalar (char)
/// offsets** into that node's text, end exclusive; a finding about a whole part
/// covers the part's heading.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Location {
    pub node_id: String,
    #[ts(type = "number")]
    pub start: usize,
    #[ts(type = "number")]
    pub end: usize,
}

/// A correction: replace the finding's range with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Fix {
    pub replacement: String,
    /// Unambiguous and meaning-preserving: applied by 一键修正 and `fazhi fix`.
    /// Other fixes are suggestions the user applies one by one.
    pub safe: bool,
    /// What the fix does, for the button (e.g. 改为“，”).
    pub label: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Finding {
    /// Stable across checks and across edits elsewhere in the report: derived
    /// from the rule, the node, the text found and which occurrence of that
    /// text in the node it is (see `finding_ids`). 12 hex digits.
    #[serde(default)]
    pub id: String,
    pub rule: String,
    pub category: Category,
    pub severity: Severity,
    /// What is wrong and what is right, citing the standard where there is one.
    pub message: String,
    pub location: Location,
    /// The offending text as it stands in the report.
    pub text: String,
    pub fix: Option<Fix>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RuleInfo {
    pub id: String,
    pub category: Category,
    pub default_severity: Severity,
    /// One sentence in Chinese saying what the rule checks.
    pub description: String,
    /// Whether the rule offers fixes that 一键修正 applies.
    pub has_safe_fix: bool,
}

/// One change made by [`crate::fix`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AppliedFix {
    pub rule: String,
    /// Location in the text as it was before this change.
    pub location: Location,
    pub before: String,
    pub after: String,
}
