//! The title: 二号 小标宋, each line centred in the block at natural spacing. Where it
//! breaks is decided by the layout model (`fazhi_layout::title_lines`, one cost
//! function for every output), not here.

use super::grid::{BLOCK_LEFT_MM, BLOCK_WIDTH_MM, MM_PER_PT, TITLE_PT};
use super::metrics::{FontRole, Metrics};
use super::page::LineKind;
use super::place::{place, run_width, shifted, Draft};
use super::shape::shape;

/// The title's lines as the layout model breaks them.
pub fn title_lines(title: &str) -> Vec<String> {
    fazhi_layout::title_lines(title)
}

/// `lines`, each centred in the block at natural spacing.
pub(super) fn set_title(lines: &[String], metrics: &dyn Metrics) -> Vec<Draft> {
    let em = TITLE_PT * MM_PER_PT;
    let n = lines.len();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let chars = shape(&[(line.trim().to_string(), FontRole::Title)], metrics);
            if chars.is_empty() {
                return None;
            }
            let glyphs = place(&chars, f32::MAX, false, em, TITLE_PT, 0.0);
            let wd = run_width(&glyphs);
            let left = BLOCK_LEFT_MM + (BLOCK_WIDTH_MM - wd) / 2.0;
            Some(Draft {
                kind: LineKind::Title,
                font: FontRole::Title,
                size_pt: TITLE_PT,
                glyphs: shifted(glyphs, left),
                justified: false,
                paragraph_end: i + 1 == n,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::grid::block_right_mm;
    use super::super::testing::m;
    use super::*;

    #[test]
    fn each_line_is_centred() {
        let lines = set_title(
            &title_lines("梅河口市人民政府关于2019年法治政府建设情况的报告"),
            &m(),
        );
        assert_eq!(lines.len(), 2);
        for l in &lines {
            let left = l.glyphs[0].x_mm - BLOCK_LEFT_MM;
            let last = l.glyphs.last().unwrap();
            let right = block_right_mm() - (last.x_mm + last.width_mm);
            assert!((left - right).abs() < 1e-3);
        }
    }
}
