//! [print #19] The DOCX names the fonts the office chose in 设置 → 字体: the official
//! names the styles and runs carry (仿宋_GB2312, 方正小标宋简体…) are replaced, as whole
//! attribute values, by the chosen families. Set once per process by the app and the
//! CLI from the library's choice; unset, the DOCX names the official fonts as before.

use std::sync::RwLock;

use crate::layout::{FONT_FANGSONG, FONT_HEI, FONT_KAI, FONT_SONG, FONT_TITLE};

static CHOSEN: RwLock<Vec<(&'static str, String)>> = RwLock::new(Vec::new());

/// The official font the DOCX names for a role key (`title`, `body`, `heading1`,
/// `heading2`, `page_number`, as `fazhi_pdf::choice::Slot::key`).
pub fn official_font(role: &str) -> Option<&'static str> {
    Some(match role {
        "title" => FONT_TITLE,
        "body" => FONT_FANGSONG,
        "heading1" => FONT_HEI,
        "heading2" => FONT_KAI,
        "page_number" => FONT_SONG,
        _ => return None,
    })
}

/// The chosen family per role key; roles left out keep their official name.
pub fn set_font_names(chosen: &[(&str, String)]) {
    let map = chosen
        .iter()
        .filter_map(|(role, family)| Some((official_font(role)?, family.clone())))
        .collect();
    if let Ok(mut c) = CHOSEN.write() {
        *c = map;
    }
}

/// Makes `resolved` (the library's 设置 → 字体, resolved) this process's fonts: the DOCX
/// names the chosen families (fonts installed here; a role left to 内置, or whose chosen
/// font has gone, keeps its official name) and the typesetter — the DOCX's pagination
/// (版记, signature) and 打印预览 — measures with the chosen files. One function for the
/// app and the CLI, so both paginate a DOCX alike. Returns the choice's warnings (a chosen
/// font gone from this machine), which the caller shows.
pub fn use_resolved_fonts(resolved: &fazhi_pdf::choice::Resolved) -> Vec<String> {
    let names: Vec<(&str, String)> = resolved
        .families
        .iter()
        .filter_map(|(slot, f)| Some((slot.key(), f.clone()?)))
        .collect();
    set_font_names(&names);
    let any = resolved.families.iter().any(|(_, f)| f.is_some());
    fazhi_pdf::set_chosen_fonts(any.then(|| resolved.config.clone()));
    resolved.warnings.clone()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `xml` with the official names replaced by the chosen ones.
pub(crate) fn apply(xml: String) -> String {
    let Ok(chosen) = CHOSEN.read() else {
        return xml;
    };
    chosen.iter().fold(xml, |xml, (official, family)| {
        xml.replace(
            &format!("=\"{official}\""),
            &format!("=\"{}\"", escape(family)),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_attribute_values_of_the_chosen_roles_are_renamed() {
        set_font_names(&[("body", "FangSong \"Office\"".into())]);
        let xml = r#"<w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/><w:rFonts w:ascii="黑体"/><w:t>仿宋_GB2312</w:t>"#;
        let out = apply(xml.to_string());
        set_font_names(&[]);
        assert!(
            out.contains(r#"w:eastAsia="FangSong &quot;Office&quot;""#),
            "{out}"
        );
        assert!(!out.contains(r#"="仿宋_GB2312""#), "{out}");
        assert!(out.contains(r#"w:ascii="黑体""#));
        assert!(
            out.contains("<w:t>仿宋_GB2312</w:t>"),
            "text is not touched"
        );
    }
}
