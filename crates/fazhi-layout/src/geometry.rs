//! The page and the 版头's measures (GB/T 9704-2012 §5.2, §7.2), in millimetres and
//! grid rows, so that the PDF and the DOCX put every element at the same place.
//!
//! The text block is 156 × 225 mm, 37 mm from the top and 28 mm from the left, 22 rows
//! of 28 characters (三号, 16 pt). The 发文机关标志's top edge is 35 mm below the block's
//! top edge; 发文字号 and 签发人 stand two (blank) rows below the mark; the red rule 4 mm
//! below the 发文字号 row; the title two (blank) rows below the rule.

pub const PAGE_WIDTH_MM: f64 = 210.0;
pub const PAGE_HEIGHT_MM: f64 = 297.0;
pub const BLOCK_LEFT_MM: f64 = 28.0;
pub const BLOCK_TOP_MM: f64 = 37.0;
pub const BLOCK_WIDTH_MM: f64 = 156.0;
pub const BLOCK_HEIGHT_MM: f64 = 225.0;
pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;
pub const MM_PER_PT: f64 = 25.4 / 72.0;
/// 三号
pub const BODY_PT: f64 = 16.0;
/// 二号
pub const TITLE_PT: f64 = 22.0;

/// The 发文机关标志's top edge below the text block's top edge.
pub const MARK_TOP_MM: f64 = 35.0;
/// The mark's size before it is shrunk to fit the block (小初, 36 pt: ten characters
/// such as 梅河口市人民政府文件 fit at full size).
pub const MARK_PT: f64 = 36.0;
/// Stacked joint issuers: line pitch as a multiple of the mark's size.
pub const MARK_LEADING: f64 = 1.2;
/// The red rule's distance below the bottom of the 发文字号 line's characters.
pub const RULE_GAP_MM: f64 = 4.0;
/// The red rule's thickness (the usual 0.35 mm of a 文件 template's 反线).
pub const RULE_WIDTH_MM: f64 = 0.35;
/// The standard's print red (Y80% M80%) as RGB: C0 M80 Y80 K0 → (255, 51, 51).
pub const RED_RGB: (u8, u8, u8) = (255, 51, 51);
/// [`RED_RGB`] as a hex colour for DOCX and CSS.
pub const RED_HEX: &str = "FF3333";

/// Height of one grid row.
pub fn row_mm() -> f64 {
    BLOCK_HEIGHT_MM / LINES_PER_PAGE as f64
}

/// Width of one grid cell (one body character).
pub fn cell_mm() -> f64 {
    BLOCK_WIDTH_MM / CHARS_PER_LINE as f64
}

/// Top of grid row `row` (0-based) from the page's top edge.
pub fn row_top_mm(row: usize) -> f64 {
    BLOCK_TOP_MM + row as f64 * row_mm()
}

/// The mark's size: [`MARK_PT`], shrunk so that its widest line (`width_em`) stays
/// inside the block; never a line break. Shrunk in half points, down, so that the DOCX
/// (which sizes type in half points) draws it at the size the PDF does and never a hair
/// wider than the block — where a word processor would wrap the mark.
pub fn mark_size_pt(width_em: f64) -> f64 {
    if width_em <= 0.0 {
        return MARK_PT;
    }
    let fit = BLOCK_WIDTH_MM / (width_em * MM_PER_PT);
    if fit >= MARK_PT {
        return MARK_PT;
    }
    // A line exactly the block's width is wrapped by rounding: keep 0.05 pt clear.
    ((fit - 0.05) * 2.0).floor() / 2.0
}

/// Where the 版头 puts things on page one, for a mark of `lines` lines at `size_pt`
/// and `signer_rows` rows of 签发人.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Masthead {
    /// Top edge of the mark's first line.
    pub mark_top_mm: f64,
    /// Line pitch of stacked marks.
    pub mark_pitch_mm: f64,
    /// The grid row of the first 签发人 line (the 发文字号 stands on the last).
    pub first_signer_row: usize,
    /// The grid row of the 发文字号 (the last 签发人 line).
    pub doc_number_row: usize,
    /// Centre of the red rule's stroke.
    pub rule_y_mm: f64,
    /// The grid row the title starts on.
    pub title_row: usize,
}

/// The 版头's places. The mark's top is 35 mm into the block; the first signer row is
/// the third row wholly below the mark (two rows left empty); the rule 4 mm below the
/// bottom of the 发文字号 row's characters (centred in their row); the title on the
/// third row wholly below the rule.
pub fn masthead(lines: usize, size_pt: f64, signer_rows: usize) -> Masthead {
    let mark_top = BLOCK_TOP_MM + MARK_TOP_MM;
    let pitch = size_pt * MM_PER_PT * MARK_LEADING;
    let mark_bottom = mark_top + (lines.max(1) - 1) as f64 * pitch + size_pt * MM_PER_PT;
    let first_free = first_row_below(mark_bottom);
    let first_signer_row = first_free + 2;
    let doc_number_row = first_signer_row + signer_rows.max(1) - 1;
    let em = BODY_PT * MM_PER_PT;
    let chars_bottom = row_top_mm(doc_number_row) + (row_mm() + em) / 2.0;
    let rule_y = chars_bottom + RULE_GAP_MM;
    let title_row = first_row_below(rule_y) + 2;
    Masthead {
        mark_top_mm: mark_top,
        mark_pitch_mm: pitch,
        first_signer_row,
        doc_number_row,
        rule_y_mm: rule_y,
        title_row,
    }
}

/// The first grid row whose top is at or below `y_mm`.
fn first_row_below(y_mm: f64) -> usize {
    ((y_mm - BLOCK_TOP_MM) / row_mm() - 1e-6).ceil().max(0.0) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_masthead_of_a_one_line_mark() {
        let m = masthead(1, MARK_PT, 1);
        assert!((m.mark_top_mm - 72.0).abs() < 1e-9);
        // The mark (12.7 mm) ends at 84.7 mm; row 5 is the first wholly below it.
        assert_eq!((m.first_signer_row, m.doc_number_row), (7, 7));
        assert!(m.rule_y_mm > row_top_mm(8) && m.rule_y_mm < row_top_mm(9));
        assert_eq!(m.title_row, 11);
        let two = masthead(2, MARK_PT, 2);
        assert!(two.doc_number_row > m.doc_number_row + 1);
    }

    #[test]
    fn the_mark_shrinks_to_the_block_never_grows() {
        assert_eq!(mark_size_pt(8.0), MARK_PT);
        let long = mark_size_pt(20.0);
        let w = 20.0 * long * MM_PER_PT;
        assert!(w < BLOCK_WIDTH_MM && w > BLOCK_WIDTH_MM - 20.0 * 0.55 * MM_PER_PT);
        assert!(long < MARK_PT);
        // In half points: 15 em fit 29.48 pt, drawn at 29 (29.5 would be 0.1 mm too wide).
        assert_eq!(mark_size_pt(15.0), 29.0);
        assert_eq!((mark_size_pt(25.0) * 2.0).fract(), 0.0);
    }
}
