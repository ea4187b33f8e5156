//! GB/T 9704 typesetting, free of any GUI or PDF code: a document becomes pages of lines,
//! each line a list of glyphs placed in millimetres from the page's top-left corner.
//! The PDF writer draws exactly this, and the app's 打印预览 can draw it too.
//!
//! The grid: A4, text block 156 × 225 mm at 37 mm from the top and 28 mm from the left,
//! 22 rows of 28 cells. A cell is 156/28 mm (a hair narrower than the 16 pt em, as in the
//! Word/WPS templates), a row 225/22 mm. Every glyph line is centred vertically in its row.

use fazhi_core::model::{HeadingStyle, Section};
use fazhi_core::profile::Profile;
use fazhi_core::{numbering, Document};
use serde::Serialize;

use crate::PdfOptions;

pub const PAGE_WIDTH_MM: f32 = 210.0;
pub const PAGE_HEIGHT_MM: f32 = 297.0;
pub const BLOCK_LEFT_MM: f32 = 28.0;
pub const BLOCK_TOP_MM: f32 = 37.0;
pub const BLOCK_WIDTH_MM: f32 = 156.0;
pub const BLOCK_HEIGHT_MM: f32 = 225.0;
pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;
/// 三号
pub const BODY_PT: f32 = 16.0;
/// 二号
pub const TITLE_PT: f32 = 22.0;
/// 四号
pub const PAGE_NUMBER_PT: f32 = 14.0;
/// The page number's 一字线 sits this far below the text block.
pub const PAGE_NUMBER_GAP_MM: f32 = 7.0;

const MM_PER_PT: f32 = 25.4 / 72.0;
/// Top of the ideographic em box above the baseline, in em (Adobe's ideographic em box:
/// descent 0.12 em). Used to centre lines in their rows.
const EM_ASCENT: f32 = 0.88;
const EPS: f32 = 1e-4;

/// Width of one grid cell (one character of body text).
pub fn cell_mm() -> f32 {
    BLOCK_WIDTH_MM / CHARS_PER_LINE as f32
}

/// Height of one grid row.
pub fn row_mm() -> f32 {
    BLOCK_HEIGHT_MM / LINES_PER_PAGE as f32
}

pub fn block_right_mm() -> f32 {
    BLOCK_LEFT_MM + BLOCK_WIDTH_MM
}

/// Baseline of a line of `size_pt` text centred in grid row `row` (0-based).
pub fn baseline_mm(row: usize, size_pt: f32) -> f32 {
    let centre = BLOCK_TOP_MM + (row as f32 + 0.5) * row_mm();
    centre + (EM_ASCENT - 0.5) * size_pt * MM_PER_PT
}

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "level")]
pub enum LineKind {
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
    pub glyphs: Vec<Glyph>,
}

/// A horizontal rule (the 版记's separator lines).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Rule {
    pub x0_mm: f32,
    pub x1_mm: f32,
    /// Centre of the stroke, from the page's top edge.
    pub y_mm: f32,
    /// Stroke thickness.
    pub width_mm: f32,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page {
    /// 1-based.
    pub page_number: usize,
    pub lines: Vec<Line>,
    pub rules: Vec<Rule>,
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

/// Number of pages the document takes.
pub fn page_count(doc: &Document, opts: &PdfOptions, metrics: &dyn Metrics) -> usize {
    layout(doc, opts, metrics).page_count()
}

// ---------------------------------------------------------------------------------------
// Character classes (GB/T 15834 and the usual 禁则 tables).

/// Characters that take a full cell.
pub fn is_wide(ch: char) -> bool {
    let c = ch as u32;
    (0x2E80..=0xA4CF).contains(&c)
        || (0xF900..=0xFAFF).contains(&c)
        || (0xFE30..=0xFE4F).contains(&c)
        || (0xFF00..=0xFF60).contains(&c)
        || (0xFFE0..=0xFFE6).contains(&c)
        || (0x20000..=0x3FFFF).contains(&c)
        || matches!(
            ch,
            '“' | '”' | '‘' | '’' | '—' | '…' | '·' | '※' | '√' | '×'
        )
}

/// Marks that must not begin a line.
pub fn no_line_start(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '”'
            | '’'
            | '…'
            | '—'
            | '%'
            | '％'
            | '〕'
            | '】'
            | '］'
            | '｝'
            | '〗'
            | '·'
            | '～'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// Marks that must not end a line.
pub fn no_line_end(ch: char) -> bool {
    matches!(
        ch,
        '（' | '《'
            | '〈'
            | '「'
            | '『'
            | '“'
            | '‘'
            | '〔'
            | '【'
            | '［'
            | '｛'
            | '〖'
            | '('
            | '['
            | '{'
    )
}

/// Full-width marks whose glyph fills only half the cell, so half the cell can be taken
/// away when a line needs room (标点挤压). Opening marks lose their left half.
fn compressible(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '（'
            | '）'
            | '《'
            | '》'
            | '〈'
            | '〉'
            | '「'
            | '」'
            | '『'
            | '』'
            | '“'
            | '”'
            | '‘'
            | '’'
            | '〔'
            | '〕'
            | '【'
            | '】'
    )
}

/// Closing marks that may hang past the block's right edge (half a cell: their glyph sits
/// in the left half of the em box) when the character they follow fills the line's last
/// cell and the line has no punctuation left to squeeze. Word's 允许标点溢出边界 does the
/// same; it keeps the 28 characters of the line on the grid instead of pushing one down
/// and spreading 27 over 28 cells.
pub fn hangable(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '”'
            | '’'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '〕'
            | '】'
    )
}

/// Characters of a Latin word or a number, kept together on one line.
fn is_word_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || matches!(ch, '.' | '/' | '-' | '+' | '%' | '#' | '&' | '@' | '_')
}

/// Units that stay with the number before them (2019年, 1.28亿, 75场).
fn is_unit_char(ch: char) -> bool {
    "年月日时分秒号亿万千百件个项人次家场名份元条册篇台辆户所座吨倍期批届岁%％".contains(ch)
}

// ---------------------------------------------------------------------------------------
// Line breaking.

#[derive(Debug, Clone)]
struct Ch {
    ch: char,
    font: FontRole,
    /// Natural width in cells.
    w: f32,
    advance_em: f32,
    compress: f32,
    word: bool,
}

/// A stretch of text that is never broken across lines: a character with the marks that
/// must stay with it, or a Latin word / number with its unit.
type Cluster = std::ops::Range<usize>;

fn shape(spans: &[(String, FontRole)], metrics: &dyn Metrics) -> Vec<Ch> {
    let mut out = Vec::new();
    for (text, font) in spans {
        for ch in text.chars() {
            if ch == '\n' || ch == '\r' || ch == '\t' {
                continue;
            }
            let (font, adv) = match metrics.advance(*font, ch) {
                Some(a) => (*font, a),
                None => match metrics.advance(FontRole::Fallback, ch) {
                    Some(a) => (FontRole::Fallback, a),
                    None => (*font, if is_wide(ch) { 1.0 } else { 0.5 }),
                },
            };
            // Wide characters sit on the grid whatever the font says.
            let w = if is_wide(ch) { 1.0 } else { adv };
            out.push(Ch {
                ch,
                font,
                w,
                advance_em: adv,
                compress: if compressible(ch) { 0.5 } else { 0.0 },
                word: is_word_char(ch),
            });
        }
    }
    out
}

fn clusters(chars: &[Ch]) -> Vec<Cluster> {
    let n = chars.len();
    // Units first: words/numbers (with inner single spaces and a trailing unit), else one char.
    let mut units: Vec<Cluster> = Vec::new();
    let mut i = 0;
    while i < n {
        if chars[i].word {
            let mut j = i + 1;
            while j < n
                && (chars[j].word
                    || (chars[j].ch == ' ' && j + 1 < n && chars[j + 1].word && chars[j - 1].word))
            {
                j += 1;
            }
            if chars[j - 1].ch.is_ascii_digit() {
                // 1.28亿件: up to two unit characters stay with the number.
                let mut units = 0;
                while units < 2 && j < n && is_unit_char(chars[j].ch) {
                    j += 1;
                    units += 1;
                }
            }
            units.push(i..j);
            i = j;
        } else {
            units.push(i..i + 1);
            i += 1;
        }
    }
    let mut out: Vec<Cluster> = Vec::new();
    let mut pending_open: Option<usize> = None;
    for u in units {
        let single = u.len() == 1;
        let c = chars[u.start].ch;
        if single && (no_line_start(c) || c == ' ') && pending_open.is_none() {
            if let Some(last) = out.last_mut() {
                last.end = u.end;
                continue;
            }
        }
        if single && no_line_end(c) {
            pending_open.get_or_insert(u.start);
            continue;
        }
        let start = pending_open.take().unwrap_or(u.start);
        out.push(start..u.end);
    }
    if let Some(s) = pending_open {
        out.push(s..n);
    }
    out
}

fn width(chars: &[Ch], r: &Cluster) -> f32 {
    chars[r.clone()].iter().map(|c| c.w).sum()
}

/// How much the marks of `chars` (one line) may be squeezed: not an opening mark that
/// starts the line nor the line's last mark, so both block edges stay on the grid.
fn squeezes(chars: &[Ch]) -> Vec<f32> {
    let n = chars.len();
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i + 1 == n || (i == 0 && no_line_end(c.ch)) {
                0.0
            } else {
                c.compress
            }
        })
        .collect()
}

/// A line of a paragraph: its characters, and whether the last one hangs past the edge.
#[derive(Debug, Clone)]
struct BrokenLine {
    range: Cluster,
    hang: bool,
}

/// Splits clusters into lines: `first_cap` cells on the first line, `cap` on the others.
/// A cluster that does not fit is pulled in when the line's punctuation can be squeezed
/// enough, or (with `allow_hang`) when only its closing mark is left over and can hang
/// past the edge; else it starts the next line (and the line is spread to the full width:
/// only when that cluster is an unbreakable number or Latin run, or a mark that may not
/// start a line after a line with nothing to squeeze).
fn break_clusters(
    chars: &[Ch],
    mut cl: Vec<Cluster>,
    first_cap: f32,
    cap: f32,
    allow_hang: bool,
) -> Vec<BrokenLine> {
    let mut lines = Vec::new();
    let mut idx = 0;
    while idx < cl.len() {
        let cap_here = if lines.is_empty() { first_cap } else { cap };
        let mut w = 0.0f32;
        let mut k = idx;
        let mut hang = false;
        while k < cl.len() {
            let cw = width(chars, &cl[k]);
            if w + cw <= cap_here + EPS {
                w += cw;
                k += 1;
                continue;
            }
            // Squeeze only to keep a character with its mark on a line that has room
            // left, and by at most one cell; a full line simply ends.
            let sq: f32 = squeezes(&chars[cl[idx].start..cl[k].end]).iter().sum();
            let overflow = w + cw - cap_here;
            let last = cl[k].end - 1;
            let core_fits = || {
                // Without its closing mark the cluster fits, squeezing what the line has.
                let core_over = w + cw - chars[last].w - cap_here;
                let core_sq: f32 = squeezes(&chars[cl[idx].start..last]).iter().sum();
                core_over <= core_sq + EPS && core_over <= 1.0 + EPS && core_over > -0.5 - EPS
            };
            if k > idx && w < cap_here - EPS && overflow <= 1.0 + EPS && overflow <= sq + EPS {
                k += 1;
            } else if allow_hang
                && k > idx
                && w < cap_here - EPS
                && cl[k].len() >= 2
                && hangable(chars[last].ch)
                && core_fits()
            {
                k += 1;
                hang = true;
            } else if k == idx {
                // A single unbreakable run longer than the line: cut it where it must be.
                let r = cl[k].clone();
                let mut acc = 0.0;
                let mut cut = r.start;
                while cut < r.end && acc + chars[cut].w <= cap_here + EPS {
                    acc += chars[cut].w;
                    cut += 1;
                }
                let cut = cut.max(r.start + 1);
                if cut < r.end {
                    cl[k] = r.start..cut;
                    cl.insert(k + 1, cut..r.end);
                }
                k += 1;
            }
            break;
        }
        lines.push(BrokenLine {
            range: cl[idx].start..cl[k - 1].end,
            hang,
        });
        idx = k;
    }
    lines
}

/// Places a line whose last character hangs past the edge: the others fill
/// `target_cells` exactly, the mark follows at half a cell.
fn place_hanging(
    chars: &[Ch],
    target_cells: f32,
    cell: f32,
    size_pt: f32,
    left_mm: f32,
) -> Vec<Glyph> {
    let n = chars.len();
    let mut glyphs = place(&chars[..n - 1], target_cells, true, cell, size_pt, left_mm);
    let c = &chars[n - 1];
    glyphs.push(Glyph {
        ch: c.ch,
        font: c.font,
        x_mm: left_mm + target_cells * cell,
        width_mm: (c.w - c.compress) * cell,
        advance_mm: c.advance_em * size_pt * MM_PER_PT,
    });
    glyphs
}

/// Places the characters of one line. Returns glyphs with x relative to `left_mm`.
fn place(
    chars: &[Ch],
    target_cells: f32,
    justify: bool,
    cell: f32,
    size_pt: f32,
    left_mm: f32,
) -> Vec<Glyph> {
    let natural: f32 = chars.iter().map(|c| c.w).sum();
    let sq = squeezes(chars);
    let squeezable: f32 = sq.iter().sum();
    let mut widths: Vec<f32> = chars.iter().map(|c| c.w).collect();
    let mut shift: Vec<f32> = vec![0.0; chars.len()];
    if natural > target_cells + EPS && squeezable > 0.0 {
        let f = ((natural - target_cells) / squeezable).min(1.0);
        for (i, c) in chars.iter().enumerate() {
            let d = sq[i] * f;
            widths[i] -= d;
            if no_line_end(c.ch) {
                shift[i] = -d;
            }
        }
    }
    let mut gaps = vec![0.0f32; chars.len()];
    let used: f32 = widths.iter().sum();
    if justify && used < target_cells - EPS && chars.len() > 1 {
        // Spread between characters, but never inside a Latin word or number.
        let slots: Vec<usize> = (0..chars.len() - 1)
            .filter(|&i| !(chars[i].word && chars[i + 1].word))
            .collect();
        if !slots.is_empty() {
            let extra = (target_cells - used) / slots.len() as f32;
            for i in slots {
                gaps[i] = extra;
            }
        }
    }
    let mut x = 0.0f32;
    let em = size_pt * MM_PER_PT;
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let g = Glyph {
                ch: c.ch,
                font: c.font,
                x_mm: left_mm + (x + shift[i]) * cell,
                width_mm: widths[i] * cell,
                advance_mm: c.advance_em * em,
            };
            x += widths[i] + gaps[i];
            g
        })
        .collect()
}

/// A paragraph set on the grid, before rows are assigned.
#[derive(Debug, Clone)]
struct Draft {
    kind: LineKind,
    font: FontRole,
    size_pt: f32,
    glyphs: Vec<Glyph>,
    justified: bool,
    paragraph_end: bool,
}

/// Breaks a paragraph of body-sized text into grid lines: first line indented
/// `indent` cells, all lines but the last spread to the block's width.
fn set_paragraph(
    spans: &[(String, FontRole)],
    kind: LineKind,
    indent: f32,
    metrics: &dyn Metrics,
) -> Vec<Draft> {
    let chars = shape(spans, metrics);
    if chars.is_empty() {
        return Vec::new();
    }
    let cap = CHARS_PER_LINE as f32;
    let cl = clusters(&chars);
    let lines = break_clusters(&chars, cl, cap - indent, cap, true);
    let n = lines.len();
    let font = spans.first().map(|s| s.1).unwrap_or(FontRole::Fang);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let ind = if i == 0 { indent } else { 0.0 };
            let last = i + 1 == n;
            let left = BLOCK_LEFT_MM + ind * cell_mm();
            let glyphs = if line.hang {
                place_hanging(&chars[line.range], cap - ind, cell_mm(), BODY_PT, left)
            } else {
                place(
                    &chars[line.range],
                    cap - ind,
                    !last,
                    cell_mm(),
                    BODY_PT,
                    left,
                )
            };
            Draft {
                kind,
                font,
                size_pt: BODY_PT,
                glyphs,
                justified: !last,
                paragraph_end: last,
            }
        })
        .collect()
}

/// Line texts of a body paragraph (two-character indent), as the typesetter breaks it.
pub fn break_body_text(text: &str, metrics: &dyn Metrics) -> Vec<String> {
    set_paragraph(
        &[(text.to_string(), FontRole::Fang)],
        LineKind::Body,
        2.0,
        metrics,
    )
    .into_iter()
    .map(|d| d.glyphs.iter().map(|g| g.ch).collect())
    .collect()
}

/// A line of natural spacing (no grid stretching), e.g. the date or the page number.
fn set_run(
    spans: &[(String, FontRole)],
    size_pt: f32,
    cell: f32,
    metrics: &dyn Metrics,
) -> Vec<Glyph> {
    let chars = shape(spans, metrics);
    place(&chars, f32::MAX, false, cell, size_pt, 0.0)
}

fn run_width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.width_mm).sum()
}

fn shifted(mut glyphs: Vec<Glyph>, dx: f32) -> Vec<Glyph> {
    for g in &mut glyphs {
        g.x_mm += dx;
    }
    glyphs
}

// ---------------------------------------------------------------------------------------
// Title: 二号, centred, wrapped into a trapezoid or diamond at word boundaries.

/// Positions inside a title where a line may break, best first by cost.
fn title_break_cost(chars: &[Ch], at: usize) -> Option<u32> {
    let prev = chars[at - 1].ch;
    let next = chars[at].ch;
    let before: String = chars[at.saturating_sub(2)..at]
        .iter()
        .map(|c| c.ch)
        .collect();
    let after: String = chars[at..(at + 2).min(chars.len())]
        .iter()
        .map(|c| c.ch)
        .collect();
    if before == "关于" || after == "关于" {
        return Some(0);
    }
    if next.is_ascii_digit() || (prev == '年' && chars[at.saturating_sub(2)].ch.is_ascii_digit()) {
        return Some(1);
    }
    if prev == '的' || next == '的' || after == "情况" || after == "工作" || after == "报告"
    {
        return Some(3);
    }
    if before == "政府" || before == "委员" || before.ends_with('局') || before.ends_with('委')
    {
        return Some(2);
    }
    // Elsewhere between two Han characters: allowed, but it may split a word.
    Some(20)
}

/// Chooses the title's lines: as few as fit, shaped as a trapezoid (each line at least as
/// long as the one above, or each at most) or a diamond (longest in the middle), broken
/// where words end. Returns the break positions (char indices).
fn title_breaks(chars: &[Ch], cap: f32) -> Vec<usize> {
    let cl = clusters(chars);
    let total: f32 = chars.iter().map(|c| c.w).sum();
    if total <= cap + EPS || cl.len() < 2 {
        return Vec::new();
    }
    let candidates: Vec<(usize, u32)> = cl[1..]
        .iter()
        .filter_map(|r| title_break_cost(chars, r.start).map(|c| (r.start, c)))
        .collect();
    let width_of = |a: usize, b: usize| -> f32 { chars[a..b].iter().map(|c| c.w).sum() };
    let score_of = |breaks: &[usize], cost: u32| -> Option<f32> {
        let mut bounds = vec![0];
        bounds.extend(breaks);
        bounds.push(chars.len());
        let ws: Vec<f32> = bounds.windows(2).map(|w| width_of(w[0], w[1])).collect();
        if ws.iter().any(|&w| w > cap + EPS) {
            return None;
        }
        let up = ws.windows(2).all(|p| p[1] >= p[0] - EPS);
        let down = ws.windows(2).all(|p| p[1] <= p[0] + EPS);
        let peak = ws
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|p| p.0)
            .unwrap_or(0);
        let diamond = ws.len() >= 3
            && ws[..=peak].windows(2).all(|p| p[1] >= p[0] - EPS)
            && ws[peak..].windows(2).all(|p| p[1] <= p[0] + EPS);
        let shape_penalty = if up || down || diamond { 0.0 } else { 50.0 };
        let spread = ws.iter().cloned().fold(f32::MIN, f32::max)
            - ws.iter().cloned().fold(f32::MAX, f32::min);
        Some(cost as f32 * 4.0 + shape_penalty + spread + 100.0 * ws.len() as f32)
    };
    let mut best: Option<(f32, Vec<usize>)> = None;
    let consider = |breaks: Vec<usize>, cost: u32, best: &mut Option<(f32, Vec<usize>)>| {
        if let Some(score) = score_of(&breaks, cost) {
            if best.as_ref().is_none_or(|b| score < b.0) {
                *best = Some((score, breaks));
            }
        }
    };
    for &(a, ca) in &candidates {
        consider(vec![a], ca, &mut best);
    }
    if best.is_none() {
        for (i, &(a, ca)) in candidates.iter().enumerate() {
            for &(b, cb) in &candidates[i + 1..] {
                consider(vec![a, b], ca + cb, &mut best);
            }
        }
    }
    if best.is_none() {
        for (i, &(a, ca)) in candidates.iter().enumerate() {
            for (j, &(b, cb)) in candidates.iter().enumerate().skip(i + 1) {
                for &(c, cc) in &candidates[j + 1..] {
                    consider(vec![a, b, c], ca + cb + cc, &mut best);
                }
            }
        }
    }
    match best {
        Some((_, b)) => b,
        // Too long for four lines of the block: fall back to filling each line.
        None => {
            let lines = break_clusters(chars, cl, cap, cap, false);
            lines.iter().skip(1).map(|l| l.range.start).collect()
        }
    }
}

/// Title lines as text, in order.
pub fn title_lines(title: &str, metrics: &dyn Metrics) -> Vec<String> {
    set_title(title, metrics)
        .into_iter()
        .map(|d| d.glyphs.iter().map(|g| g.ch).collect())
        .collect()
}

fn set_title(title: &str, metrics: &dyn Metrics) -> Vec<Draft> {
    let chars = shape(&[(title.trim().to_string(), FontRole::Title)], metrics);
    if chars.is_empty() {
        return Vec::new();
    }
    let em = TITLE_PT * MM_PER_PT;
    let cap = (BLOCK_WIDTH_MM / em).floor();
    let breaks = title_breaks(&chars, cap);
    let mut bounds = vec![0];
    bounds.extend(breaks);
    bounds.push(chars.len());
    let n = bounds.len() - 1;
    bounds
        .windows(2)
        .enumerate()
        .map(|(i, w)| {
            let glyphs = place(&chars[w[0]..w[1]], f32::MAX, false, em, TITLE_PT, 0.0);
            let wd = run_width(&glyphs);
            let left = BLOCK_LEFT_MM + (BLOCK_WIDTH_MM - wd) / 2.0;
            Draft {
                kind: LineKind::Title,
                font: FontRole::Title,
                size_pt: TITLE_PT,
                glyphs: shifted(glyphs, left),
                justified: false,
                paragraph_end: i + 1 == n,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The document, row by row.

enum Item {
    Line(Draft),
    /// An empty row; dropped at the top of a page.
    Blank,
    /// Rows that must stay on one page (signature, date, note).
    Together(Vec<Item>),
}

fn heading_font(level: usize) -> FontRole {
    match level {
        1 => FontRole::Hei,
        2 => FontRole::Kai,
        _ => FontRole::Fang,
    }
}

/// A run-in heading sentence ends with a full stop unless it already ends with a mark.
fn run_in_heading(text: &str) -> String {
    let t = text.trim_end();
    match t.chars().last() {
        Some('。' | '？' | '！' | '：' | '；') | None => t.to_string(),
        _ => format!("{t}。"),
    }
}

fn body(text: &str, metrics: &dyn Metrics, items: &mut Vec<Item>) {
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    for d in set_paragraph(
        &[(t.to_string(), FontRole::Fang)],
        LineKind::Body,
        2.0,
        metrics,
    ) {
        items.push(Item::Line(d));
    }
}

fn section(
    s: &Section,
    level: usize,
    index: usize,
    run_in: bool,
    metrics: &dyn Metrics,
    items: &mut Vec<Item>,
) {
    let number = numbering::prefix(level, index);
    let font = heading_font(level);
    let mut paras = s.paragraphs.iter().filter(|p| !p.text.trim().is_empty());
    if run_in {
        let head = run_in_heading(&format!("{number}{}", s.heading.trim()));
        let mut spans = vec![(head, font)];
        if let Some(first) = paras.next() {
            spans.push((first.text.trim().to_string(), FontRole::Fang));
        }
        for d in set_paragraph(&spans, LineKind::Heading(level), 2.0, metrics) {
            items.push(Item::Line(d));
        }
    } else {
        let head = format!("{number}{}", s.heading.trim());
        for d in set_paragraph(&[(head, font)], LineKind::Heading(level), 2.0, metrics) {
            items.push(Item::Line(d));
        }
    }
    for p in paras {
        body(&p.text, metrics, items);
    }
    for (i, c) in s.sections.iter().enumerate() {
        section(c, level + 1, i, run_in, metrics, items);
    }
}

fn items(doc: &Document, profile: Profile, metrics: &dyn Metrics) -> Vec<Item> {
    let filing = profile == Profile::Filing;
    let given = |o: &Option<String>| {
        o.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let mut items = Vec::new();

    // 发文字号 flush left one character in, 签发人 right one character in, on one row.
    let doc_number = given(&doc.doc_number).filter(|_| filing);
    let signer = given(&doc.signer).filter(|_| filing);
    if doc_number.is_some() || signer.is_some() {
        let cell = cell_mm();
        let mut glyphs = Vec::new();
        if let Some(n) = &doc_number {
            glyphs.extend(shifted(
                set_run(&[(n.clone(), FontRole::Fang)], BODY_PT, cell, metrics),
                BLOCK_LEFT_MM + cell,
            ));
        }
        if let Some(s) = &signer {
            let run = set_run(
                &[
                    ("签发人：".to_string(), FontRole::Fang),
                    (s.clone(), FontRole::Kai),
                ],
                BODY_PT,
                cell,
                metrics,
            );
            let w = run_width(&run);
            glyphs.extend(shifted(run, block_right_mm() - cell - w));
        }
        items.push(Item::Line(Draft {
            kind: LineKind::DocNumber,
            font: FontRole::Fang,
            size_pt: BODY_PT,
            glyphs,
            justified: false,
            paragraph_end: true,
        }));
        items.push(Item::Blank);
    }

    for d in set_title(&doc.title(), metrics) {
        items.push(Item::Line(d));
    }
    items.push(Item::Blank);

    if let Some(a) = given(&doc.addressee).filter(|_| filing) {
        for d in set_paragraph(&[(a, FontRole::Fang)], LineKind::Addressee, 0.0, metrics) {
            items.push(Item::Line(d));
        }
    }
    for p in &doc.preface {
        body(&p.text, metrics, &mut items);
    }
    let run_in = doc.settings.heading_style == HeadingStyle::RunIn;
    for (pi, part) in doc.parts.iter().enumerate() {
        let head = format!("{}{}", numbering::prefix(1, pi), part.heading.trim());
        for d in set_paragraph(&[(head, FontRole::Hei)], LineKind::Heading(1), 2.0, metrics) {
            items.push(Item::Line(d));
        }
        for p in &part.paragraphs {
            body(&p.text, metrics, &mut items);
        }
        for (si, s) in part.sections.iter().enumerate() {
            section(s, 2, si, run_in, metrics, &mut items);
        }
    }
    for p in &doc.closing {
        body(&p.text, metrics, &mut items);
    }

    // Signature and date (GB/T 9704 7.3.5.1, sealed): two blank rows for the seal, the date
    // right-aligned four characters in, the issuer centred over the date.
    let cell = cell_mm();
    let mut tail = vec![Item::Blank, Item::Blank];
    let date = doc.date_official();
    let date_run = date
        .as_ref()
        .map(|d| set_run(&[(d.clone(), FontRole::Fang)], BODY_PT, cell, metrics));
    let right = block_right_mm() - 4.0 * cell;
    let sig = doc.signature_or_issuer().trim().to_string();
    if !sig.is_empty() {
        let run = set_run(&[(sig, FontRole::Fang)], BODY_PT, cell, metrics);
        let w = run_width(&run);
        let centre = match &date_run {
            Some(d) => right - run_width(d) / 2.0,
            None => right - w / 2.0,
        };
        let left = (centre - w / 2.0)
            .min(block_right_mm() - w)
            .max(BLOCK_LEFT_MM);
        tail.push(Item::Line(Draft {
            kind: LineKind::Signature,
            font: FontRole::Fang,
            size_pt: BODY_PT,
            glyphs: shifted(run, left),
            justified: false,
            paragraph_end: true,
        }));
    }
    if let Some(run) = date_run {
        let w = run_width(&run);
        tail.push(Item::Line(Draft {
            kind: LineKind::Date,
            font: FontRole::Fang,
            size_pt: BODY_PT,
            glyphs: shifted(run, right - w),
            justified: false,
            paragraph_end: true,
        }));
    }
    // 附注: 居左空二字, in parentheses, the row after the date (filing only).
    if let Some(note) = given(&doc.note).filter(|_| filing) {
        let text = if note.starts_with('（') {
            note
        } else {
            format!("（{note}）")
        };
        for d in set_paragraph(&[(text, FontRole::Fang)], LineKind::Note, 2.0, metrics) {
            tail.push(Item::Line(d));
        }
    }
    items.push(Item::Together(tail));
    items
}

struct Pager {
    pages: Vec<Page>,
    row: usize,
}

impl Pager {
    fn rows_left(&self) -> usize {
        LINES_PER_PAGE - self.row
    }

    fn new_page(&mut self) {
        let n = self.pages.len() + 1;
        self.pages.push(Page {
            page_number: n,
            lines: Vec::new(),
            rules: Vec::new(),
        });
        self.row = 0;
    }

    fn put(&mut self, item: Item) {
        match item {
            Item::Blank => {
                if self.row > 0 && self.row < LINES_PER_PAGE {
                    self.row += 1;
                }
            }
            Item::Line(d) => {
                if self.row >= LINES_PER_PAGE {
                    self.new_page();
                }
                let row = self.row;
                self.row += 1;
                let text: String = d.glyphs.iter().map(|g| g.ch).collect();
                let x = d.glyphs.first().map(|g| g.x_mm).unwrap_or(BLOCK_LEFT_MM);
                let right = d.glyphs.last().map(|g| g.x_mm + g.width_mm).unwrap_or(x);
                let line = Line {
                    kind: d.kind,
                    text,
                    x_mm: x,
                    y_mm: baseline_mm(row, d.size_pt),
                    right_mm: right,
                    size_pt: d.size_pt,
                    font: d.font,
                    row: Some(row),
                    justified: d.justified,
                    paragraph_end: d.paragraph_end,
                    glyphs: d.glyphs,
                };
                if let Some(p) = self.pages.last_mut() {
                    p.lines.push(line);
                }
            }
            Item::Together(mut items) => {
                let rows = count_rows(&items);
                let blanks = items
                    .iter()
                    .take_while(|i| matches!(i, Item::Blank))
                    .count();
                if self.row > 0 && rows > self.rows_left() {
                    if rows - blanks <= self.rows_left() {
                        // The seal space shrinks before the block leaves the page: the
                        // seal's top may come within one line of the text (7.3.5.1).
                        let drop = rows - self.rows_left();
                        items.drain(..drop);
                    } else if rows <= LINES_PER_PAGE {
                        // No page may hold the signature alone (7.3.5.4, no 此页无正文):
                        // the page's last two text lines go over with it.
                        let mut carried = Vec::new();
                        if let Some(page) = self.pages.last_mut() {
                            while carried.len() < 2
                                && page.lines.len() > 2
                                && page.lines.last().is_some_and(|l| {
                                    matches!(l.kind, LineKind::Body | LineKind::Heading(_))
                                })
                            {
                                carried.extend(page.lines.pop());
                            }
                        }
                        self.new_page();
                        for mut l in carried.into_iter().rev() {
                            let row = self.row;
                            self.row += 1;
                            l.y_mm = baseline_mm(row, l.size_pt);
                            l.row = Some(row);
                            if let Some(p) = self.pages.last_mut() {
                                p.lines.push(l);
                            }
                        }
                    }
                }
                for i in items {
                    self.put(i);
                }
            }
        }
    }
}

fn count_rows(items: &[Item]) -> usize {
    items
        .iter()
        .map(|i| match i {
            Item::Together(v) => count_rows(v),
            _ => 1,
        })
        .sum()
}

fn page_number_line(n: usize, metrics: &dyn Metrics) -> Line {
    // 四号 半角 Arabic digits between two 一字线, odd pages right and even pages left,
    // one character in; the dash (at the em box's middle) 7 mm below the block.
    let text = format!("— {n} —");
    let em = PAGE_NUMBER_PT * MM_PER_PT;
    let run = set_run(
        &[(text.clone(), FontRole::Song)],
        PAGE_NUMBER_PT,
        em,
        metrics,
    );
    let w = run_width(&run);
    let cell = cell_mm();
    let left = if n % 2 == 1 {
        block_right_mm() - cell - w
    } else {
        BLOCK_LEFT_MM + cell
    };
    let dash_y = BLOCK_TOP_MM + BLOCK_HEIGHT_MM + PAGE_NUMBER_GAP_MM;
    let y = dash_y + (EM_ASCENT - 0.5) * em;
    let glyphs = shifted(run, left);
    Line {
        kind: LineKind::PageNumber,
        text,
        x_mm: left,
        y_mm: y,
        right_mm: left + w,
        size_pt: PAGE_NUMBER_PT,
        font: FontRole::Song,
        row: None,
        justified: false,
        paragraph_end: true,
        glyphs,
    }
}

// ---------------------------------------------------------------------------------------
// 版记 (GB/T 9704 7.4): 抄送 and 印发机关/印发日期 in 四号仿宋 between rules, at the bottom
// of the last page, which must be an even page (the back of the last sheet).

/// 首条、末条分隔线 (thick) and the 中间分隔线 (thin), recommended heights.
pub const IMPRINT_THICK_MM: f32 = 0.35;
pub const IMPRINT_THIN_MM: f32 = 0.25;

struct Imprint {
    /// 抄送 lines (the first starts with 抄送：, the others align after the colon).
    copy_to: Vec<Vec<Glyph>>,
    /// 印发机关 left one character in, 印发日期 right one character in, on one row.
    printed: Option<Vec<Glyph>>,
}

impl Imprint {
    fn rows(&self) -> usize {
        self.copy_to.len() + usize::from(self.printed.is_some())
    }
}

fn imprint(doc: &Document, metrics: &dyn Metrics) -> Option<Imprint> {
    let text = doc.imprint_text()?;
    let em = PAGE_NUMBER_PT * MM_PER_PT;
    let mut copy_to = Vec::new();
    if let Some(c) = text.copy_to {
        // 抄送：A，B，C。 — 左右各空一字; a second line aligns with the first organ.
        let chars = shape(&[(c, FontRole::Fang)], metrics);
        let cap = ((BLOCK_WIDTH_MM - 2.0 * em) / em).floor();
        let lines = break_clusters(&chars, clusters(&chars), cap, cap - 3.0, false);
        for (i, l) in lines.into_iter().enumerate() {
            let indent = if i == 0 { 1.0 } else { 4.0 };
            let glyphs = place(&chars[l.range], f32::MAX, false, em, PAGE_NUMBER_PT, 0.0);
            copy_to.push(shifted(glyphs, BLOCK_LEFT_MM + indent * em));
        }
    }
    let (by, on) = (text.printed_by, text.printed_on);
    let printed = if by.is_some() || on.is_some() {
        let mut glyphs = Vec::new();
        if let Some(by) = by {
            let run = set_run(&[(by, FontRole::Fang)], PAGE_NUMBER_PT, em, metrics);
            glyphs.extend(shifted(run, BLOCK_LEFT_MM + em));
        }
        if let Some(on) = on {
            let run = set_run(&[(on, FontRole::Fang)], PAGE_NUMBER_PT, em, metrics);
            let w = run_width(&run);
            glyphs.extend(shifted(run, block_right_mm() - em - w));
        }
        Some(glyphs)
    } else {
        None
    };
    let im = Imprint { copy_to, printed };
    (im.rows() > 0).then_some(im)
}

/// Puts the 版记 on the last rows of the last even page: on the last page when it is even
/// and has room below the text (one row kept free), else on a new even page (after a
/// blank page when the text ends on an even page). Returns how many pages at the end
/// go without a page number.
fn place_imprint(pages: &mut Vec<Page>, rows_used: usize, im: Imprint) -> usize {
    let rows = im.rows().min(LINES_PER_PAGE);
    let n = pages.len();
    let mut unnumbered = 0;
    let fits = n.is_multiple_of(2) && rows_used + 1 + rows <= LINES_PER_PAGE;
    if !fits {
        if n.is_multiple_of(2) {
            pages.push(Page {
                page_number: n + 1,
                lines: Vec::new(),
                rules: Vec::new(),
            });
            unnumbered = 2;
        }
        let k = pages.len() + 1;
        pages.push(Page {
            page_number: k,
            lines: Vec::new(),
            rules: Vec::new(),
        });
    }
    let Some(page) = pages.last_mut() else {
        return 0;
    };
    let first = LINES_PER_PAGE - rows;
    let row_top = |r: usize| BLOCK_TOP_MM + r as f32 * row_mm();
    let mut put = |row: usize, glyphs: Vec<Glyph>| {
        let text: String = glyphs.iter().map(|g| g.ch).collect();
        let x = glyphs.first().map(|g| g.x_mm).unwrap_or(BLOCK_LEFT_MM);
        let right = glyphs.last().map(|g| g.x_mm + g.width_mm).unwrap_or(x);
        page.lines.push(Line {
            kind: LineKind::Imprint,
            text,
            x_mm: x,
            y_mm: baseline_mm(row, PAGE_NUMBER_PT),
            right_mm: right,
            size_pt: PAGE_NUMBER_PT,
            font: FontRole::Fang,
            row: Some(row),
            justified: false,
            paragraph_end: true,
            glyphs,
        });
    };
    let n_copy = im.copy_to.len();
    for (row, g) in (first..).zip(im.copy_to.into_iter().take(rows)) {
        put(row, g);
    }
    if let Some(g) = im.printed {
        put(LINES_PER_PAGE - 1, g);
    }
    let rule = |y: f32, width: f32| Rule {
        x0_mm: BLOCK_LEFT_MM,
        x1_mm: block_right_mm(),
        y_mm: y,
        width_mm: width,
    };
    // The first rule sits above the first element, the last one on the block's lower
    // edge; a thin rule parts 抄送 from 印发.
    page.rules.push(rule(row_top(first), IMPRINT_THICK_MM));
    if n_copy > 0 && rows > n_copy {
        page.rules
            .push(rule(row_top(LINES_PER_PAGE - 1), IMPRINT_THIN_MM));
    }
    page.rules.push(rule(
        BLOCK_TOP_MM + BLOCK_HEIGHT_MM - IMPRINT_THICK_MM / 2.0,
        IMPRINT_THICK_MM,
    ));
    unnumbered
}

/// Lays the document out on GB/T 9704 pages.
pub fn layout(doc: &Document, opts: &PdfOptions, metrics: &dyn Metrics) -> Layout {
    let mut pager = Pager {
        pages: Vec::new(),
        row: 0,
    };
    pager.new_page();
    for item in items(doc, opts.profile, metrics) {
        pager.put(item);
    }
    let rows_used = pager.row;
    let mut pages = pager.pages;
    if pages.len() > 1 && pages.last().is_some_and(|p| p.lines.is_empty()) {
        pages.pop();
    }
    // 版记 pages after a blank page carry no page number (GB/T 9704 7.5).
    let mut unnumbered = 0;
    if opts.profile == Profile::Filing {
        if let Some(im) = imprint(doc, metrics) {
            unnumbered = place_imprint(&mut pages, rows_used, im);
        }
    }
    let numbered = pages.len() - unnumbered;
    for p in &mut pages[..numbered] {
        p.lines.push(page_number_line(p.page_number, metrics));
    }
    Layout {
        page_width_mm: PAGE_WIDTH_MM,
        page_height_mm: PAGE_HEIGHT_MM,
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn m() -> SimpleMetrics {
        SimpleMetrics::default()
    }

    fn body_lines(text: &str) -> Vec<Draft> {
        set_paragraph(
            &[(text.to_string(), FontRole::Fang)],
            LineKind::Body,
            2.0,
            &m(),
        )
    }

    /// Right edge of the line's characters on the grid: a mark hanging past the block's
    /// edge (which must be a closing mark drawn right at the edge) does not count.
    fn right(d: &Draft) -> f32 {
        let mut g = d.glyphs.last().unwrap();
        if d.glyphs.len() > 1 && g.x_mm >= block_right_mm() - 1e-3 {
            assert!(hangable(g.ch), "{} hangs", g.ch);
            assert!((g.x_mm - block_right_mm()).abs() < 1e-3);
            assert!(g.width_mm <= cell_mm() / 2.0 + 1e-3);
            g = &d.glyphs[d.glyphs.len() - 2];
        }
        g.x_mm + g.width_mm
    }

    fn han(n: usize) -> String {
        "法治政府建设情况报告依法行政"
            .chars()
            .cycle()
            .take(n)
            .collect()
    }

    #[test]
    fn grid_constants_match_the_standard() {
        assert!((cell_mm() * 28.0 - 156.0).abs() < 1e-4);
        assert!((row_mm() * 22.0 - 225.0).abs() < 1e-4);
        // Rows are centred: the first row's centre is half a row below the block top.
        let em = BODY_PT * MM_PER_PT;
        let top_of_em = baseline_mm(0, BODY_PT) - EM_ASCENT * em;
        assert!((top_of_em + em / 2.0 - (37.0 + row_mm() / 2.0)).abs() < 1e-4);
    }

    #[test]
    fn paragraph_of_exactly_28_characters() {
        // 26 on the indented first line, the 2 left over on the second.
        let lines = body_lines(&han(28));
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].glyphs.len(), 26);
        assert!((lines[0].glyphs[0].x_mm - (BLOCK_LEFT_MM + 2.0 * cell_mm())).abs() < 1e-3);
        assert!((right(&lines[0]) - block_right_mm()).abs() < 1e-3);
        assert_eq!(lines[1].glyphs.len(), 2);
        assert!(lines[1].paragraph_end && !lines[1].justified);
        assert!((lines[1].glyphs[0].x_mm - BLOCK_LEFT_MM).abs() < 1e-3);
        // A 26-character paragraph fills its single line exactly.
        let one = body_lines(&han(26));
        assert_eq!(one.len(), 1);
        assert!((right(&one[0]) - block_right_mm()).abs() < 1e-3);
    }

    #[test]
    fn full_lines_fill_the_block_on_cells() {
        let lines = body_lines(&han(26 + 28 * 3 + 5));
        assert_eq!(lines.len(), 5);
        for (i, l) in lines[1..4].iter().enumerate() {
            assert_eq!(l.glyphs.len(), 28, "line {i}");
            for (k, g) in l.glyphs.iter().enumerate() {
                let x = BLOCK_LEFT_MM + k as f32 * cell_mm();
                assert!(
                    (g.x_mm - x).abs() < 1e-3,
                    "glyph {k} of line {i} off the grid"
                );
            }
        }
    }

    #[test]
    fn closing_mark_never_starts_a_line_squeezed_in() {
        // 26 characters then 。: the full stop would start line 2; the line has
        // punctuation to squeeze, so it is pulled in.
        let text = format!("{}，{}，{}。后文", han(6), han(6), han(12));
        assert_eq!(text.chars().count(), 26 + 1 + 2);
        let lines = body_lines(&text);
        assert!(
            lines[0].glyphs.last().unwrap().ch == '。',
            "{:?}",
            lines[0].glyphs.iter().map(|g| g.ch).collect::<String>()
        );
        assert!((right(&lines[0]) - block_right_mm()).abs() < 1e-3);
        assert!(!no_line_start(lines[1].glyphs[0].ch));
    }

    #[test]
    fn closing_mark_hangs_when_nothing_can_be_squeezed() {
        // No punctuation to squeeze: the full stop hangs half a cell past the edge and
        // the 26 characters keep their cells (no character pushed down, no spreading).
        for mark in ['。', '，', '、', '”', '）'] {
            let text = format!("{}{mark}后文", han(26));
            let lines = body_lines(&text);
            let l0: String = lines[0].glyphs.iter().map(|g| g.ch).collect();
            let l1: String = lines[1].glyphs.iter().map(|g| g.ch).collect();
            assert_eq!(l0, format!("{}{mark}", han(26)));
            assert_eq!(l1, "后文");
            let g = &lines[0].glyphs;
            for (i, g) in g[..26].iter().enumerate() {
                let want = BLOCK_LEFT_MM + (2 + i) as f32 * cell_mm();
                assert!((g.x_mm - want).abs() < 1e-3, "{mark}: glyph {i} spread");
            }
            assert!((g[26].x_mm - block_right_mm()).abs() < 1e-3);
            assert!((right(&lines[0]) - block_right_mm()).abs() < 1e-3);
        }
        // Two marks (”。): the first stays in the last cell unsqueezed, the second hangs;
        // the line's two commas give up half a cell each for it.
        let text = format!("{}，{}，{}”。后文", han(8), han(8), han(8));
        let lines = body_lines(&text);
        let l0: String = lines[0].glyphs.iter().map(|g| g.ch).collect();
        assert!(l0.ends_with("”。"), "{l0}");
        assert!((right(&lines[0]) - block_right_mm()).abs() < 1e-3);
    }

    #[test]
    fn a_number_that_does_not_fit_goes_down_and_the_line_is_spread() {
        // An unbreakable run with nothing to squeeze: the one case where a full line
        // holds fewer than 28 cells (the proof test on the sample allows exactly this).
        let text = format!("{}（2015—2020年）实施", han(25));
        let lines = body_lines(&text);
        let l1: String = lines[1].glyphs.iter().map(|g| g.ch).collect();
        assert!(l1.starts_with("（2015"), "{l1}");
        assert!((right(&lines[0]) - block_right_mm()).abs() < 1e-3);
        assert_eq!(lines[0].glyphs.len(), 25);
    }

    #[test]
    fn opening_mark_never_ends_a_line() {
        for n in 20..30 {
            let text = format!("{}《中华人民共和国行政许可法》规定", han(n));
            let lines = body_lines(&text);
            for l in &lines {
                assert!(!no_line_end(l.glyphs.last().unwrap().ch), "n={n}");
                assert!(!no_line_start(l.glyphs[0].ch), "n={n}");
            }
        }
    }

    #[test]
    fn double_marks_and_dashes_stay_together() {
        for n in 20..30 {
            let text = format!("{}“双随机、一公开”。2021—2025年……完成", han(n));
            for l in body_lines(&text) {
                assert!(!no_line_start(l.glyphs[0].ch), "n={n}");
            }
        }
    }

    #[test]
    fn numbers_and_latin_words_are_never_split() {
        let words = ["1.28亿件", "23.6%", "GB/T 9704", "2019年"];
        for n in 15..32 {
            let text = format!(
                "{}办理1.28亿件，增长23.6%，按GB/T 9704排版，2019年完成",
                han(n)
            );
            let lines = body_lines(&text);
            let texts: Vec<String> = lines
                .iter()
                .map(|l| l.glyphs.iter().map(|g| g.ch).collect())
                .collect();
            assert_eq!(texts.concat(), text);
            let joined = texts.join("|");
            for w in words {
                assert!(joined.contains(w), "{w} split in {joined}");
            }
            for l in &lines[..lines.len() - 1] {
                assert!(
                    (right(l) - block_right_mm()).abs() < 1e-3,
                    "n={n}: {joined}"
                );
            }
        }
    }

    #[test]
    fn spreading_never_opens_a_word() {
        let text = format!("{}GB/T 9704{}", han(20), han(30));
        let lines = body_lines(&text);
        let g = &lines[0].glyphs;
        let i = g.iter().position(|g| g.ch == 'G').unwrap();
        for k in i..i + 3 {
            assert!((g[k + 1].x_mm - g[k].x_mm - g[k].width_mm).abs() < 1e-4);
        }
    }

    #[test]
    fn missing_glyphs_fall_back() {
        let metrics = SimpleMetrics {
            missing: vec!['堃', '喆'],
        };
        let d = set_paragraph(
            &[("张堃同志与李喆同志".to_string(), FontRole::Fang)],
            LineKind::Body,
            2.0,
            &metrics,
        );
        let fonts: Vec<FontRole> = d[0].glyphs.iter().map(|g| g.font).collect();
        assert_eq!(fonts[1], FontRole::Fallback);
        assert_eq!(fonts[6], FontRole::Fallback);
        assert_eq!(fonts[0], FontRole::Fang);
    }

    #[test]
    fn short_title_is_one_centred_line() {
        let lines = set_title("关于法治政府建设情况的报告", &m());
        assert_eq!(lines.len(), 1);
        let l = &lines[0];
        let left = l.glyphs[0].x_mm - BLOCK_LEFT_MM;
        let right =
            block_right_mm() - (l.glyphs.last().unwrap().x_mm + l.glyphs.last().unwrap().width_mm);
        assert!((left - right).abs() < 1e-3);
    }

    #[test]
    fn long_title_wraps_at_words_as_a_trapezoid() {
        let lines = title_lines("梅河口市人民政府关于2019年法治政府建设情况的报告", &m());
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines == ["梅河口市人民政府关于2019年", "法治政府建设情况的报告"]
                || lines == ["梅河口市人民政府关于", "2019年法治政府建设情况的报告"],
            "{lines:?}"
        );
        let lines = title_lines(
            "中共梅河口市委员会梅河口市人民政府关于2019年度法治政府建设工作情况的报告",
            &m(),
        );
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(
            lines.concat(),
            "中共梅河口市委员会梅河口市人民政府关于2019年度法治政府建设工作情况的报告"
        );
        let w: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
        let up = w.windows(2).all(|p| p[1] >= p[0]);
        let down = w.windows(2).all(|p| p[1] <= p[0]);
        let peak = w
            .iter()
            .enumerate()
            .max_by_key(|p| p.1)
            .map(|p| p.0)
            .unwrap();
        let diamond = w[..=peak].windows(2).all(|p| p[1] >= p[0])
            && w[peak..].windows(2).all(|p| p[1] <= p[0]);
        assert!(up || down || diamond, "{lines:?}");
        for l in &lines {
            let cells: f32 = l.chars().map(|c| if is_wide(c) { 1.0 } else { 0.5 }).sum();
            assert!(cells <= 20.0, "{l}");
        }
    }

    fn sample_doc() -> Document {
        let (mut doc, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("梅河口市人民政府", 2019, false);
        doc.date = Some("2020-03-13".into());
        doc.doc_number = Some("梅政发〔2020〕1号".into());
        doc.signer = Some("张堃".into());
        doc.addressee = Some("通化市人民政府：".into());
        doc.note = Some("此件公开发布".into());
        doc.preface[0].text = han(200);
        for p in &mut doc.parts {
            for s in &mut p.sections {
                s.paragraphs.push(fazhi_core::Paragraph::new(han(120)));
            }
            for para in &mut p.paragraphs {
                para.text = han(90);
            }
        }
        doc
    }

    #[test]
    fn pages_fill_all_22_rows_and_numbers_alternate() {
        let doc = sample_doc();
        let l = layout(&doc, &PdfOptions::default(), &m());
        assert!(l.pages.len() >= 3);
        for p in &l.pages[..l.pages.len() - 1] {
            let rows: Vec<usize> = p.lines.iter().filter_map(|l| l.row).collect();
            assert_eq!(
                *rows.last().unwrap(),
                LINES_PER_PAGE - 1,
                "page {}",
                p.page_number
            );
        }
        for p in &l.pages {
            let n = p
                .lines
                .iter()
                .find(|l| l.kind == LineKind::PageNumber)
                .unwrap();
            assert_eq!(n.text, format!("— {} —", p.page_number));
            if p.page_number % 2 == 1 {
                assert!((n.right_mm - (block_right_mm() - cell_mm())).abs() < 1e-3);
            } else {
                assert!((n.x_mm - (BLOCK_LEFT_MM + cell_mm())).abs() < 1e-3);
            }
        }
        assert_eq!(
            page_count(&doc, &PdfOptions::default(), &m()),
            l.pages.len()
        );
    }

    #[test]
    fn profiles_differ_in_internal_metadata() {
        let doc = sample_doc();
        let text = |p: Profile| -> String {
            let l = layout(
                &doc,
                &PdfOptions {
                    profile: p,
                    fonts: None,
                },
                &m(),
            );
            l.pages
                .iter()
                .flat_map(|p| p.lines.iter().map(|l| l.text.clone()))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let filing = text(Profile::Filing);
        let public = text(Profile::Publication);
        for s in [
            "梅政发〔2020〕1号",
            "签发人：张堃",
            "通化市人民政府：",
            "（此件公开发布）",
        ] {
            assert!(filing.contains(s), "{s}");
            assert!(!public.contains(s), "{s}");
        }
        for s in ["梅河口市人民政府关于", "2020年3月13日", "一、2019年"] {
            assert!(public.contains(s), "{s}");
        }
    }

    #[test]
    fn signature_and_date_follow_the_standard() {
        let doc = sample_doc();
        let l = layout(&doc, &PdfOptions::default(), &m());
        let last = l.pages.last().unwrap();
        let date = last
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Date)
            .unwrap();
        let sig = last
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Signature)
            .unwrap();
        assert_eq!(date.text, "2020年3月13日");
        assert!((date.right_mm - (block_right_mm() - 4.0 * cell_mm())).abs() < 1e-3);
        let c = |l: &Line| (l.x_mm + l.right_mm) / 2.0;
        assert!((c(date) - c(sig)).abs() < 1e-3);
        assert_eq!(date.row.unwrap(), sig.row.unwrap() + 1);
        let note = last
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Note)
            .unwrap();
        assert_eq!(note.row.unwrap(), date.row.unwrap() + 1);
    }

    #[test]
    fn imprint_closes_the_last_even_page_in_the_filing_profile_only() {
        let filing = PdfOptions {
            profile: Profile::Filing,
            fonts: None,
        };
        let mut parities = [false; 2];
        let mut blank_before = false;
        for extra in 0..48 {
            let mut doc = sample_doc();
            for _ in 0..extra {
                doc.closing.push(fazhi_core::Paragraph::new(han(20)));
            }
            doc.copy_to = Some(format!("{}，市人大常委会办公室，市政协办公室", han(30)));
            doc.printed_by = Some("梅河口市人民政府办公室".into());
            doc.printed_on = Some("2020-03-13".into());
            let plain = layout(&doc, &filing, &m());
            let text_pages = {
                let mut d = doc.clone();
                d.copy_to = None;
                d.printed_by = None;
                d.printed_on = None;
                layout(&d, &filing, &m()).pages.len()
            };
            parities[text_pages % 2] = true;
            let n = plain.pages.len();
            assert_eq!(n % 2, 0, "extra {extra}: the 版记 page is even");
            let last = plain.pages.last().unwrap();
            let imprint: Vec<&Line> = last
                .lines
                .iter()
                .filter(|l| l.text.starts_with("抄送") || l.text.contains("印发"))
                .collect();
            // 抄送 wraps onto a second line aligned after 抄送：; 印发 on the last row.
            let copy: Vec<&Line> = last
                .lines
                .iter()
                .filter(|l| l.kind == LineKind::Imprint)
                .collect();
            assert_eq!(copy.len(), 3, "extra {extra}");
            assert!(copy[0].text.starts_with("抄送："));
            assert!(copy[1].text.ends_with("市政协办公室。"), "{}", copy[1].text);
            let em = PAGE_NUMBER_PT * MM_PER_PT;
            assert!((copy[0].x_mm - (BLOCK_LEFT_MM + em)).abs() < 1e-3);
            assert!((copy[1].x_mm - (BLOCK_LEFT_MM + 4.0 * em)).abs() < 1e-3);
            assert!(copy
                .iter()
                .all(|l| l.right_mm <= block_right_mm() - em + 1e-3));
            let printed = imprint.last().unwrap();
            assert_eq!(printed.row, Some(LINES_PER_PAGE - 1));
            assert!(printed.text.starts_with("梅河口市人民政府办公室"));
            assert!(printed.text.ends_with("2020年3月13日印发"));
            assert!((printed.right_mm - (block_right_mm() - em)).abs() < 1e-3);
            // Rules: thick above, thin between 抄送 and 印发, thick on the block's edge.
            let rules = &last.rules;
            assert_eq!(rules.len(), 3);
            assert_eq!(rules[0].width_mm, IMPRINT_THICK_MM);
            assert_eq!(rules[1].width_mm, IMPRINT_THIN_MM);
            assert_eq!(rules[2].width_mm, IMPRINT_THICK_MM);
            let bottom = BLOCK_TOP_MM + BLOCK_HEIGHT_MM;
            assert!((rules[2].y_mm + IMPRINT_THICK_MM / 2.0 - bottom).abs() < 1e-3);
            assert!((rules[0].y_mm - (BLOCK_TOP_MM + 19.0 * row_mm())).abs() < 1e-3);
            // Nothing of the text below the first rule.
            for l in &last.lines {
                if l.kind != LineKind::Imprint && l.kind != LineKind::PageNumber {
                    assert!(
                        l.row.unwrap() < 19,
                        "extra {extra}: {} under the 版记",
                        l.text
                    );
                }
            }
            // A blank page before the 版记 page when the text ends on an even page
            // with no room; those two pages carry no number.
            if n == text_pages + 2 {
                blank_before = true;
                assert!(plain.pages[n - 2].lines.is_empty());
                assert!(!last.lines.iter().any(|l| l.kind == LineKind::PageNumber));
            } else {
                assert!(last.lines.iter().any(|l| l.kind == LineKind::PageNumber));
            }
            // Not in the publication profile.
            let publication = PdfOptions {
                profile: Profile::Publication,
                fonts: None,
            };
            let public = layout(&doc, &publication, &m());
            assert!(public.pages.iter().all(|p| p.rules.is_empty()
                && !p
                    .lines
                    .iter()
                    .any(|l| l.text.contains("抄送") || l.text.contains("印发"))));
        }
        assert!(parities[0] && parities[1], "both parities tried");
        assert!(blank_before, "the blank-page case was reached");
    }

    #[test]
    fn the_signature_never_stands_alone_on_a_page() {
        // Grow the closing until the signature block no longer fits on the page, for
        // each possible number of rows left.
        for extra in 0..30 {
            let mut doc = sample_doc();
            for _ in 0..extra {
                doc.closing.push(fazhi_core::Paragraph::new(han(20)));
            }
            let l = layout(&doc, &PdfOptions::default(), &m());
            let last = l.pages.last().unwrap();
            let sig = last
                .lines
                .iter()
                .find(|l| l.kind == LineKind::Signature)
                .unwrap();
            let date = last
                .lines
                .iter()
                .find(|l| l.kind == LineKind::Date)
                .unwrap();
            assert_eq!(date.row.unwrap(), sig.row.unwrap() + 1);
            assert!(
                last.lines.iter().any(|l| l.kind == LineKind::Body),
                "extra {extra}: signature alone on page {}",
                last.page_number
            );
            let body_rows: Vec<usize> = last
                .lines
                .iter()
                .filter(|l| l.kind == LineKind::Body)
                .filter_map(|l| l.row)
                .collect();
            assert!(body_rows.iter().all(|&r| r < sig.row.unwrap()));
        }
    }

    #[test]
    fn run_in_headings_share_the_paragraph() {
        let mut doc = sample_doc();
        doc.settings.heading_style = HeadingStyle::RunIn;
        let l = layout(&doc, &PdfOptions::default(), &m());
        let first = l
            .pages
            .iter()
            .flat_map(|p| &p.lines)
            .find(|l| l.kind == LineKind::Heading(2))
            .unwrap();
        assert!(
            first.text.starts_with("（一）依法全面履行政府职能。法治"),
            "{}",
            first.text
        );
        assert_eq!(first.glyphs[2].font, FontRole::Kai);
        assert_eq!(first.glyphs[first.glyphs.len() - 1].font, FontRole::Fang);
    }

    proptest! {
        #[test]
        fn any_paragraph_keeps_the_rules(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("法"), Just("治"), Just("，"), Just("。"), Just("、"), Just("《"), Just("》"),
                    Just("（"), Just("）"), Just("“"), Just("”"), Just("2019年"), Just("23.6%"),
                    Just("GB/T 9704"), Just("——"), Just("……"), Just("；"), Just("：")
                ],
                1..160,
            )
        ) {
            let text: String = parts.concat();
            // A run of marks and words wider than a line has to be cut somewhere; the
            // rules hold for text that has any place to break.
            let longest = text
                .split(|c: char| !(no_line_start(c) || is_word_char(c) || c == ' '))
                .map(|r| r.chars().count())
                .max()
                .unwrap_or(0);
            prop_assume!(longest <= 20);
            let lines = body_lines(&text);
            let joined: String = lines.iter().flat_map(|l| l.glyphs.iter().map(|g| g.ch)).collect();
            prop_assert_eq!(&joined, &text);
            for (i, l) in lines.iter().enumerate() {
                if i > 0 {
                    prop_assert!(!no_line_start(l.glyphs[0].ch), "line starts with a closing mark");
                }
                if i + 1 < lines.len() {
                    prop_assert!(!no_line_end(l.glyphs.last().unwrap().ch));
                    prop_assert!((right(l) - block_right_mm()).abs() < 1e-3, "line {} not justified", i);
                } else {
                    prop_assert!(right(l) <= block_right_mm() + 1e-3);
                }
            }
        }
    }
}
