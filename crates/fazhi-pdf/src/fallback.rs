//! Which characters a report's chosen faces lacked: the typesetter draws each such
//! glyph from the fallback face (per glyph, never the whole line), and the export says
//! so, since an office that chose 仿宋_GB2312 should know a name came out in another face.

use serde::Serialize;

use crate::typeset::{FontRole, Layout, Metrics};

/// The characters of one role drawn from another face.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FellBack {
    pub role: FontRole,
    /// The role in words (仿宋（正文）…).
    pub label: String,
    /// Each character once, in order of first appearance.
    pub chars: String,
    /// Of those, the ones no face had (drawn as an empty box).
    pub missing: String,
}

/// The fallen-back characters of `layout`, per role of the lines they sit in.
pub fn fallbacks(layout: &Layout, metrics: &dyn Metrics) -> Vec<FellBack> {
    let mut out: Vec<FellBack> = Vec::new();
    for line in layout.pages.iter().flat_map(|p| p.lines.iter()) {
        for g in &line.glyphs {
            if g.ch.is_whitespace() {
                continue;
            }
            let fell = g.font == FontRole::Fallback && line.font != FontRole::Fallback;
            let none = metrics.advance(g.font, g.ch).is_none();
            if !fell && !none {
                continue;
            }
            let i = match out.iter().position(|f| f.role == line.font) {
                Some(i) => i,
                None => {
                    out.push(FellBack {
                        role: line.font,
                        label: line.font.label().to_string(),
                        chars: String::new(),
                        missing: String::new(),
                    });
                    out.len() - 1
                }
            };
            let entry = &mut out[i];
            if !entry.chars.contains(g.ch) {
                entry.chars.push(g.ch);
            }
            if none && !entry.missing.contains(g.ch) {
                entry.missing.push(g.ch);
            }
        }
    }
    out.sort_by_key(|f| f.role);
    out
}

impl FellBack {
    /// One line for the user: 正文（仿宋）缺字形，改用后备字体：堃喆.
    pub fn message(&self) -> String {
        let mut m = format!(
            "{}字体缺少“{}”的字形，已逐字改用后备字体",
            self.label, self.chars
        );
        if !self.missing.is_empty() {
            m.push_str(&format!("（其中“{}”所有字体都没有）", self.missing));
        }
        m.push('。');
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::SimpleMetrics;
    use crate::PdfOptions;

    #[test]
    fn characters_missing_from_the_body_face_are_reported_once_each() {
        let (mut doc, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2019, false);
        doc.preface[0].text = "张堃同志和王喆同志，张堃。".into();
        let metrics = SimpleMetrics {
            missing: vec!['堃', '喆'],
        };
        let layout = crate::typeset::layout(&doc, &PdfOptions::default(), &metrics);
        let fb = fallbacks(&layout, &metrics);
        let body: Vec<&FellBack> = fb.iter().filter(|f| f.role == FontRole::Fang).collect();
        assert_eq!(body.len(), 1, "{fb:?}");
        assert_eq!(body[0].chars, "堃喆");
        assert!(body[0].missing.is_empty());
        assert!(body[0].message().contains("堃喆"));
    }
}
