//! Reading documents from JSON (files, IPC) with messages a user can act on.

use crate::model::Document;
use crate::Error;

/// Documents larger than this are refused before parsing (a report is ~100 KB).
pub const MAX_DOCUMENT_BYTES: usize = 20 * 1024 * 1024;

pub fn parse_document(s: &str) -> Result<Document, Error> {
    if s.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::BadJson(format!(
            "文件过大（{} MB），上限{} MB",
            s.len() / 1024 / 1024,
            MAX_DOCUMENT_BYTES / 1024 / 1024
        )));
    }
    Ok(serde_json::from_str(s.trim_start_matches('\u{feff}'))?)
}

/// serde's message, with the cases users meet put in Chinese.
pub fn describe(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let at = format!("（第{}行第{}列）", e.line(), e.column());
    if msg.contains("unknown variant") {
        let name = msg.split('`').nth(1).unwrap_or("?");
        return format!(
            "未知的部分类型“{name}”，只能是 measures、shortcomings、leadership、plans、other 之一{at}"
        );
    }
    if let Some(rest) = msg.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or("?");
        return format!("缺少字段“{name}”{at}");
    }
    if e.is_syntax() || e.is_eof() {
        return format!("JSON语法错误{at}");
    }
    format!("{msg}{at}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_role_is_explained_in_chinese() {
        let src = r#"{"issuer":"某县人民政府","year":2019,"template":{"id":"statutory","version":1},
            "parts":[{"role":"achievements","heading":"x"}]}"#;
        let err = parse_document(src).unwrap_err().to_string();
        assert!(err.contains("未知的部分类型“achievements”"), "{err}");
    }

    #[test]
    fn syntax_errors_name_the_place() {
        let err = parse_document("{\"issuer\": ").unwrap_err().to_string();
        assert!(err.contains("JSON语法错误"), "{err}");
    }
}
