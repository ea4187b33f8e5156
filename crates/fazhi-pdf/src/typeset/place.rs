//! Placing the characters of one line: squeezing marks when the line is too long,
//! spreading it to the block's width, a closing mark hanging past the edge; and the
//! [`Draft`] line that carries the result until the pager gives it a row.

use super::classes::no_line_end;
use super::grid::{baseline_mm, BLOCK_LEFT_MM, BODY_PT, EPS, MM_PER_PT};
use super::metrics::FontRole;
use super::page::{Glyph, Line, LineKind};
use super::shape::{shape, Ch};
use super::Metrics;

/// A line set on the grid, before rows are assigned.
#[derive(Debug, Clone)]
pub(super) struct Draft {
    pub(super) kind: LineKind,
    pub(super) font: FontRole,
    pub(super) size_pt: f32,
    pub(super) glyphs: Vec<Glyph>,
    pub(super) justified: bool,
    pub(super) paragraph_end: bool,
}

impl Draft {
    /// A one-line body-sized 仿宋 element at natural spacing (发文字号, 署名, 日期).
    pub(super) fn single(kind: LineKind, glyphs: Vec<Glyph>) -> Draft {
        Draft {
            kind,
            font: FontRole::Fang,
            size_pt: BODY_PT,
            glyphs,
            justified: false,
            paragraph_end: true,
        }
    }

    /// The line on grid row `row`, centred in it.
    pub(super) fn into_line(self, row: usize) -> Line {
        let text: String = self.glyphs.iter().map(|g| g.ch).collect();
        let x = self.glyphs.first().map(|g| g.x_mm).unwrap_or(BLOCK_LEFT_MM);
        let right = self.glyphs.last().map(|g| g.x_mm + g.width_mm).unwrap_or(x);
        Line {
            kind: self.kind,
            text,
            x_mm: x,
            y_mm: baseline_mm(row, self.size_pt),
            right_mm: right,
            size_pt: self.size_pt,
            font: self.font,
            row: Some(row),
            justified: self.justified,
            paragraph_end: self.paragraph_end,
            red: false,
            glyphs: self.glyphs,
        }
    }
}

/// How much the marks of `chars` (one line) may be squeezed: not an opening mark that
/// starts the line nor the line's last mark, so both block edges stay on the grid.
pub(super) fn squeezes(chars: &[Ch]) -> Vec<f32> {
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

/// Places the characters of one line in `target_cells` cells of `cell` mm, squeezed to
/// fit and (with `justify`) spread to fill. Returns glyphs with x from `left_mm`.
pub(super) fn place(
    chars: &[Ch],
    target_cells: f32,
    justify: bool,
    cell: f32,
    size_pt: f32,
    left_mm: f32,
) -> Vec<Glyph> {
    let (widths, shift) = squeeze(chars, target_cells);
    let gaps = if justify {
        spread(chars, &widths, target_cells)
    } else {
        vec![0.0f32; chars.len()]
    };
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

/// Widths (in cells) of a line's characters with its marks squeezed evenly, just enough to
/// fit `target_cells` (at most fully), and how far each glyph moves left: an opening mark
/// loses its left half, so its glyph moves with it.
fn squeeze(chars: &[Ch], target_cells: f32) -> (Vec<f32>, Vec<f32>) {
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
    (widths, shift)
}

/// Space (in cells) after each character that spreads a short line to `target_cells`,
/// the same in every slot, but never inside a Latin word or number.
fn spread(chars: &[Ch], widths: &[f32], target_cells: f32) -> Vec<f32> {
    let mut gaps = vec![0.0f32; chars.len()];
    let used: f32 = widths.iter().sum();
    if used < target_cells - EPS && chars.len() > 1 {
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
    gaps
}

/// Places a line whose last character hangs past the edge: the others fill
/// `target_cells` exactly, the mark follows at half a cell.
pub(super) fn place_hanging(
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

/// A line of natural spacing (no grid stretching), e.g. the date or the page number,
/// from x = 0: callers move it with [`shifted`] once they know its width.
pub(super) fn set_run(
    spans: &[(String, FontRole)],
    size_pt: f32,
    cell: f32,
    metrics: &dyn Metrics,
) -> Vec<Glyph> {
    let chars = shape(spans, metrics);
    place(&chars, f32::MAX, false, cell, size_pt, 0.0)
}

pub(super) fn run_width(glyphs: &[Glyph]) -> f32 {
    glyphs.iter().map(|g| g.width_mm).sum()
}

pub(super) fn shifted(mut glyphs: Vec<Glyph>, dx: f32) -> Vec<Glyph> {
    for g in &mut glyphs {
        g.x_mm += dx;
    }
    glyphs
}
