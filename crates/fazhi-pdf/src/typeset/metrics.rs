//! The typefaces by role and the glyph metrics the typesetter asks of them: the real
//! fonts (`crate::fonts`) or [`SimpleMetrics`], which needs no font files.

use serde::Serialize;

use super::classes::is_wide;

/// The typefaces of a report, by the style they stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FontRole {
    /// 仿宋: body, 1. and （1） headings
    Fang,
    /// 黑体: 一、 headings
    Hei,
    /// 楷体: （一） headings, the signer's name
    Kai,
    /// 宋体: page numbers
    Song,
    /// 小标宋: the title
    Title,
    /// For characters the others lack (rare name characters such as 堃喆珺).
    Fallback,
}

impl FontRole {
    pub const ALL: [FontRole; 6] = [
        FontRole::Fang,
        FontRole::Hei,
        FontRole::Kai,
        FontRole::Song,
        FontRole::Title,
        FontRole::Fallback,
    ];

    /// The style in words, for messages.
    pub fn label(self) -> &'static str {
        match self {
            FontRole::Fang => "仿宋（正文）",
            FontRole::Hei => "黑体（一级标题）",
            FontRole::Kai => "楷体（二级标题）",
            FontRole::Song => "宋体（页码）",
            FontRole::Title => "小标宋（标题）",
            FontRole::Fallback => "后备字体（生僻字）",
        }
    }
}

/// Glyph metrics the typesetter needs.
pub trait Metrics {
    /// Advance width of `ch` in `font`, in em; `None` when the font has no glyph for it.
    fn advance(&self, font: FontRole, ch: char) -> Option<f32>;
}

/// Metrics without font files: wide characters one em, the rest half an em; the
/// characters in `missing` exist only in the fallback font. For tests and for a preview
/// drawn before the fonts are loaded.
#[derive(Debug, Clone, Default)]
pub struct SimpleMetrics {
    pub missing: Vec<char>,
}

impl Metrics for SimpleMetrics {
    fn advance(&self, font: FontRole, ch: char) -> Option<f32> {
        if font != FontRole::Fallback && self.missing.contains(&ch) {
            return None;
        }
        Some(if is_wide(ch) { 1.0 } else { 0.5 })
    }
}
