//! What the typesetter hands out: a [`Layout`] of [`Page`]s, each of [`Line`]s of placed
//! [`Glyph`]s and the [`Rule`]s of the 版记, all in millimetres from the page's top-left
//! corner. The PDF writer and the app's 打印预览 draw exactly this.

use serde::Serialize;

use super::metrics::FontRole;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "level")]
pub enum LineKind {
    /// 份号, 密级和保密期限, 紧急程度 (版头, top left).
    Masthead,
    /// The red 发文机关标志.
    IssuerMark,
    /// 发文字号 and 签发人.
    DocNumber,
    Title,
    Addressee,
    Body,
    /// 1 = 一、 … 4 = （1）
    Heading(usize),
    Signature,
    Date,
    /// 附注 under the date.
    Note,
    /// 附件说明 under the body.
    AttachmentNote,
    /// "附件1" at the top left of an attachment's first page.
    AttachmentLabel,
    /// An attachment's title, centred on its third line.
    AttachmentTitle,
    /// 版记 (抄送, 印发机关 and 印发日期) between rules at the foot of the last page.
    Imprint,
    PageNumber,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Glyph {
    pub ch: char,
    pub font: FontRole,
    /// Where the glyph's origin is drawn, from the page's left edge.
    pub x_mm: f32,
    /// Horizontal space the glyph takes in the line (after compression or spreading).
    pub width_mm: f32,
    /// The font's own advance at this size.
    pub advance_mm: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Line {
    pub kind: LineKind,
    pub text: String,
    /// Left edge of the first glyph's cell, from the page's left edge.
    pub x_mm: f32,
    /// Baseline, from the page's top edge.
    pub y_mm: f32,
    /// Right edge of the last glyph's cell.
    pub right_mm: f32,
    pub size_pt: f32,
    /// The line's main font (glyphs may fall back to another).
    pub font: FontRole,
    /// Grid row (0-based); `None` for the page number.
    pub row: Option<usize>,
    /// Spread or squeezed to the full block width.
    pub justified: bool,
    /// Last line of its paragraph (flush left, natural spacing).
    pub paragraph_end: bool,
    /// Printed in the standard's red (the 发文机关标志); black otherwise.
    pub red: bool,
    pub glyphs: Vec<Glyph>,
}

/// A horizontal rule (the 版头's red rule, the 版记's separator lines).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub x0_mm: f32,
    pub x1_mm: f32,
    /// Centre of the stroke, from the page's top edge.
    pub y_mm: f32,
    /// Stroke thickness.
    pub width_mm: f32,
    /// The 版头's rule is red; the 版记's are black.
    pub red: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based.
    pub page_number: usize,
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
    /// [tracking #17] A 花脸稿's inserted and deleted glyphs; empty in a report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<super::redline::SpanMark>,
}

impl Page {
    /// An empty page numbered `page_number`.
    pub(super) fn blank(page_number: usize) -> Page {
        Page {
            page_number,
            lines: Vec::new(),
            rules: Vec::new(),
            marks: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Layout {
    pub page_width_mm: f32,
    pub page_height_mm: f32,
    pub pages: Vec<Page>,
}

impl Layout {
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
}
