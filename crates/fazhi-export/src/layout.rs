//! GB/T 9704-2012 page geometry and type, in the units DOCX uses, plus the few
//! typesetting decisions both formats share (title lines, widths in em).

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

/// Width of a character in em in Chinese text: Latin letters and digits are
/// half-width; quotes, dashes and ellipses (U+2000..U+206F) take a full cell
/// in a Chinese font, like the ideographs.
pub fn char_em(c: char) -> f64 {
    match c as u32 {
        0x2000..=0x206F | 0x2E80.. => 1.0,
        _ => 0.5,
    }
}

/// Width of a text in em (see [`char_em`]).
pub fn em_width(s: &str) -> f64 {
    s.chars().map(char_em).sum()
}

/// Most em a title line holds at 二号 in the 156 mm block.
pub fn title_line_capacity() -> f64 {
    (TEXT_WIDTH / (TITLE_SIZE as i32 * 10)) as f64
}

/// Splits a title into lines that keep words whole and are as even as possible
/// (the standard asks for a trapezoid or diamond, never a long line over a
/// stub). Breaks are only taken at the seams of the usual title pattern
/// 〈机关〉关于〈年〉年〈事由〉的报告; a title that fits stays on one line, and
/// one with no acceptable seam is left to the word processor.
pub fn title_lines(title: &str) -> Vec<String> {
    let title = title.trim();
    let cap = title_line_capacity();
    if em_width(title) <= cap {
        return vec![title.to_string()];
    }
    let chars: Vec<char> = title.chars().collect();
    let mut seams: Vec<usize> = Vec::new();
    let find_all = |needle: &str, out: &mut Vec<usize>, after: bool| {
        let n: Vec<char> = needle.chars().collect();
        for i in 0..chars.len().saturating_sub(n.len() - 1) {
            if chars[i..].starts_with(&n) {
                out.push(if after { i + n.len() } else { i });
            }
        }
    };
    find_all("关于", &mut seams, false);
    find_all("关于", &mut seams, true);
    find_all("法治政府", &mut seams, false);
    find_all("情况的报告", &mut seams, false);
    find_all("年度报告", &mut seams, false);
    // after a year: 2019年|
    for i in 1..chars.len() {
        if chars[i] == '年' && chars[i - 1].is_ascii_digit() {
            seams.push(i + 1);
        }
    }
    // 中共XX县委 XX县人民政府 (joint reports): break after the space
    for (i, c) in chars.iter().enumerate() {
        if *c == ' ' || *c == '\u{3000}' {
            seams.push(i + 1);
        }
    }
    let mut best: Option<(f64, usize)> = None;
    for &s in &seams {
        if s == 0 || s >= chars.len() {
            continue;
        }
        let a: String = chars[..s].iter().collect();
        let b: String = chars[s..].iter().collect();
        let (wa, wb) = (em_width(a.trim()), em_width(b.trim()));
        if wa > cap || wb > cap {
            continue;
        }
        let diff = (wa - wb).abs();
        if best.is_none_or(|(d, _)| diff < d) {
            best = Some((diff, s));
        }
    }
    match best {
        Some((_, s)) => vec![
            chars[..s].iter().collect::<String>().trim().to_string(),
            chars[s..].iter().collect::<String>().trim().to_string(),
        ],
        None => vec![title.to_string()],
    }
}

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

    #[test]
    fn the_sample_title_breaks_after_the_year() {
        assert_eq!(
            title_lines("梅河口市人民政府关于2019年法治政府建设情况的报告"),
            ["梅河口市人民政府关于2019年", "法治政府建设情况的报告"]
        );
    }

    #[test]
    fn a_short_title_stays_whole() {
        assert_eq!(
            title_lines("某县2019年法治政府建设年度报告"),
            ["某县2019年法治政府建设年度报告"]
        );
    }

    #[test]
    fn joint_titles_break_at_a_seam() {
        let lines = title_lines("中共某某县委 某某县人民政府关于2021年法治政府建设情况的报告");
        assert!(lines.len() == 2, "{lines:?}");
        assert!(lines.iter().all(|l| em_width(l) <= title_line_capacity()));
    }

    #[test]
    fn no_seam_no_forced_break() {
        let t = "甲".repeat(30);
        assert_eq!(title_lines(&t), std::slice::from_ref(&t));
    }

    #[test]
    fn half_width_counts_half() {
        assert_eq!(em_width("2020年3月13日"), 3.0 + 3.5);
    }
}
