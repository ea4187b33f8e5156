//! The page and its grid: A4, a text block of 22 rows of 28 cells, and where a line of a
//! given size sits in its row. Every other stage measures in these units.

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

pub(super) const MM_PER_PT: f32 = 25.4 / 72.0;
/// Top of the ideographic em box above the baseline, in em (Adobe's ideographic em box:
/// descent 0.12 em). Used to centre lines in their rows.
pub(super) const EM_ASCENT: f32 = 0.88;
/// Tolerance of width comparisons: sums of cell fractions are not exact in f32.
pub(super) const EPS: f32 = 1e-4;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_constants_match_the_standard() {
        assert!((cell_mm() * 28.0 - 156.0).abs() < 1e-4);
        assert!((row_mm() * 22.0 - 225.0).abs() < 1e-4);
        // Rows are centred: the first row's centre is half a row below the block top.
        let em = BODY_PT * MM_PER_PT;
        let top_of_em = baseline_mm(0, BODY_PT) - EM_ASCENT * em;
        assert!((top_of_em + em / 2.0 - (37.0 + row_mm() / 2.0)).abs() < 1e-4);
    }
}
