//! Workflow states of a report (草稿 → 审阅中 → 已定稿 → 已报送 → 已公开).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Status {
    Draft,
    Review,
    Final,
    Filed,
    Published,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Draft => "草稿",
            Status::Review => "审阅中",
            Status::Final => "已定稿",
            Status::Filed => "已报送",
            Status::Published => "已公开",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Final => "final",
            Status::Filed => "filed",
            Status::Published => "published",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        [
            Status::Draft,
            Status::Review,
            Status::Final,
            Status::Filed,
            Status::Published,
        ]
        .into_iter()
        .find(|st| st.as_str() == s || st.label() == s)
    }

    /// From 已定稿 on, the content may not change.
    pub fn is_locked(self) -> bool {
        matches!(self, Status::Final | Status::Filed | Status::Published)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes_and_labels() {
        assert_eq!(Status::parse("draft"), Some(Status::Draft));
        assert_eq!(Status::parse("已定稿"), Some(Status::Final));
        assert_eq!(Status::parse("x"), None);
        assert!(Status::Final.is_locked());
        assert!(!Status::Review.is_locked());
    }
}
