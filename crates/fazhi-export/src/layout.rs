//! GB/T 9704-2012 page geometry and type, in the units DOCX uses. The decisions every
//! output shares (title lines, widths in em) come from `fazhi_layout`.

/// Twentieths of a point per millimetre.
pub const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

pub const fn mm(v: f64) -> i32 {
    // Rounded to the nearest twip; const-friendly (no f64::round in const fn).
    (v * TWIPS_PER_MM + 0.5) as i32
}

/// A4.
pub const PAGE_WIDTH: u32 = 11906;
pub const PAGE_HEIGHT: u32 = 16838;
/// 37 mm top, 28 mm left (binding side), 26 mm right, 35 mm bottom: a 156 × 225 mm text block.
pub const MARGIN_TOP: i32 = mm(37.0);
pub const MARGIN_LEFT: i32 = mm(28.0);
pub const MARGIN_RIGHT: i32 = mm(26.0);
pub const MARGIN_BOTTOM: i32 = mm(35.0);
/// Distance from the page's bottom edge to the footer's bottom. Chosen so that
/// the 一字线 of the page number stands 7 mm below the text block (measured in
/// LibreOffice, see the layout test).
pub const FOOTER_DISTANCE: i32 = mm(25.4);
pub const TEXT_WIDTH: i32 = PAGE_WIDTH as i32 - MARGIN_LEFT - MARGIN_RIGHT;

/// [tables #21] A landscape page (a table too wide for the block, GB/T 9704 §8): the
/// sheet turned with its binding edge at the top, so the margins turn with it —
/// top 28 mm (binding), bottom 26 mm, left 35 mm, right 37 mm: a 225 × 156 mm block.
pub const LANDSCAPE_MARGIN_TOP: i32 = mm(28.0);
pub const LANDSCAPE_MARGIN_BOTTOM: i32 = mm(26.0);
pub const LANDSCAPE_MARGIN_LEFT: i32 = mm(35.0);
pub const LANDSCAPE_MARGIN_RIGHT: i32 = mm(37.0);
pub const LANDSCAPE_TEXT_WIDTH: i32 =
    PAGE_HEIGHT as i32 - LANDSCAPE_MARGIN_LEFT - LANDSCAPE_MARGIN_RIGHT;

/// 三号 (16 pt) in half-points, the body size.
pub const BODY_SIZE: usize = 32;
/// 二号 (22 pt), the title.
pub const TITLE_SIZE: usize = 44;
/// 四号 (14 pt), page numbers.
pub const PAGE_NUMBER_SIZE: usize = 28;

/// Exact line height and grid pitch that give 22 lines in the 225 mm block.
pub const LINE_PITCH: i32 = 579;
/// Tightens 16 pt characters to 315 twips so that exactly 28 fit in 156 mm.
pub const CHAR_SPACING: i32 = -5;
/// One body character on the grid (16 pt + spacing).
pub const BODY_CHAR: i32 = 320 + CHAR_SPACING;
/// One 四号 character: the page number's inset from the text block's edge.
pub const PAGE_NUMBER_INSET: i32 = 280;

pub const FONT_FANGSONG: &str = "仿宋_GB2312";
pub const FONT_HEI: &str = "黑体";
pub const FONT_KAI: &str = "楷体_GB2312";
pub const FONT_TITLE: &str = "方正小标宋简体";
pub const FONT_SONG: &str = "宋体";

/// Lines per page and characters per line the geometry is built for.
pub const LINES_PER_PAGE: usize = 22;
pub const CHARS_PER_LINE: usize = 28;

/// The title's lines, decided once for every output.
pub use fazhi_layout::title_lines;
/// Widths in em, as the layout model counts them.
pub use fazhi_layout::width::{char_em, em_width};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn geometry_gives_the_standard_block() {
        assert_eq!(MARGIN_TOP, 2098);
        assert_eq!(MARGIN_LEFT, 1587);
        // 156 mm wide and 225 mm high, to a twip
        assert!((TEXT_WIDTH as f64 / TWIPS_PER_MM - 156.0).abs() < 0.1);
        let height = PAGE_HEIGHT as i32 - MARGIN_TOP - MARGIN_BOTTOM;
        assert!((height as f64 / TWIPS_PER_MM - 225.0).abs() < 0.1);
        // 22 lines and 28 characters fit, 23 and 29 do not
        assert!((LINE_PITCH * 22..LINE_PITCH * 23).contains(&height));
        let width = TEXT_WIDTH;
        assert!((BODY_CHAR * 28..BODY_CHAR * 29).contains(&width));
    }
}
