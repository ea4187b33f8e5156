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
    /// A table's 表题, centred above it.
    TableTitle,
    /// Text of a table's header cell (repeated on every page the table spans).
    TableHeader,
    /// Text of a table's body cell.
    TableCell,
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

/// A rule (the 版头's red rule, the 版记's separator lines, a table's grid lines):
/// a stroke from (`x0_mm`, `y_mm`) to (`x1_mm`, `y1_mm`), horizontal or vertical.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub x0_mm: f32,
    pub x1_mm: f32,
    /// Centre of the stroke, from the page's top edge (a vertical rule's top end).
    pub y_mm: f32,
    /// The stroke's other end: `y_mm` for a horizontal rule, below it for a
    /// vertical one (a table's column lines).
    pub y1_mm: f32,
    /// Stroke thickness.
    pub width_mm: f32,
    /// The 版头's rule is red; the 版记's are black.
    pub red: bool,
}

impl Rule {
    pub fn horizontal(x0_mm: f32, x1_mm: f32, y_mm: f32, width_mm: f32, red: bool) -> Rule {
        Rule {
            x0_mm,
            x1_mm,
            y_mm,
            y1_mm: y_mm,
            width_mm,
            red,
        }
    }

    /// A black vertical rule at `x_mm` from `y0_mm` down to `y1_mm`.
    pub fn vertical(x_mm: f32, y0_mm: f32, y1_mm: f32, width_mm: f32) -> Rule {
        Rule {
            x0_mm: x_mm,
            x1_mm: x_mm,
            y_mm: y0_mm,
            y1_mm,
            width_mm,
            red: false,
        }
    }
}

/// What a landscape page (a table too wide for the portrait block, GB/T 9704 §8)
/// holds, set on the sheet turned a quarter: a frame 297 mm wide and 210 mm high
/// whose top is the sheet's left (binding) edge, measured from the frame's top-left
/// corner. A frame point (u, v) is the sheet point (v, 297 − u); writers turn it back.
/// The page number stays on the sheet, where every other page has it.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Turned {
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
    /// [tracking #17] A 花脸稿's inserted and deleted glyphs of `lines`; empty in a report.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<super::redline::SpanMark>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based.
    pub page_number: usize,
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
    /// [tables #21] A landscape page's table, in the turned frame ([`Turned`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub turned: Option<Turned>,
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
            turned: None,
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
