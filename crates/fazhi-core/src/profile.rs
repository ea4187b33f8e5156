//! Export profiles shared by every exporter (DOCX, HTML, PDF).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Profile {
    /// 报送版: the full official layout with 发文字号, 签发人, 主送机关, 附注, 版记.
    #[default]
    Filing,
    /// 公开版: title, body, signature and date; no internal metadata, no comments.
    Publication,
}

impl Profile {
    pub fn label(self) -> &'static str {
        match self {
            Profile::Filing => "报送版",
            Profile::Publication => "公开版",
        }
    }

    pub fn parse(s: &str) -> Option<Profile> {
        match s {
            "filing" | "报送版" => Some(Profile::Filing),
            "publication" | "公开版" => Some(Profile::Publication),
            _ => None,
        }
    }
}
