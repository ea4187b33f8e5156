//! The title's lines (GB/T 9704 7.3.1): 二号, centred, on as few lines as fit, broken
//! where words end and shaped as a trapezoid or a diamond. One cost function decides,
//! for every output: the PDF, the DOCX (whose word processor must not re-break it) and
//! the editor's page view.

use crate::geometry::{BLOCK_WIDTH_MM, MM_PER_PT, TITLE_PT};
use crate::width::char_em;

/// Most em a title line holds at 二号 in the 156 mm block (20).
pub const TITLE_CAPACITY_EM: f64 = 20.0;

const _: () = assert!(BLOCK_WIDTH_MM / (TITLE_PT * MM_PER_PT) >= TITLE_CAPACITY_EM);

/// What a half-width character (a year's digits, a Latin letter) is counted as in a
/// title line: the title faces draw digits wider than half an em (the bundled Noto
/// Serif SC Bold 0.59 em, its Regular 0.56 em), so a full line of 20 em that counted
/// them as halves ran past the block in the PDF and wrapped in the word processor.
const TITLE_HALF_EM: f64 = 0.6;

/// Width of `c` in a title line, in em (see [`TITLE_HALF_EM`]).
fn title_em(c: char) -> f64 {
    let w = char_em(c);
    if w < 1.0 {
        TITLE_HALF_EM
    } else {
        w
    }
}

/// How bad a break before `chars[at]` is, or `None` where no break may fall (inside a
/// number or a Latin word, before a closing mark, after an opening one): 0 around 关于,
/// 1 at a year (before its digits, after 年), 2 after an organ (政府, 委员会, …局, …委),
/// 3 around 的/情况/工作/报告, 20 elsewhere between two Chinese characters.
fn break_cost(chars: &[char], at: usize) -> Option<u32> {
    let prev = chars[at - 1];
    let next = chars[at];
    let word = |c: char| c.is_ascii_alphanumeric();
    if word(prev) && word(next) {
        return None;
    }
    if "，。、；：？！）》〉〕】”’…—".contains(next) || "（《〈〔【“‘".contains(prev)
    {
        return None;
    }
    let before: String = chars[at.saturating_sub(2)..at].iter().collect();
    let after: String = chars[at..(at + 2).min(chars.len())].iter().collect();
    if before == "关于" || after == "关于" {
        return Some(0);
    }
    if next.is_ascii_digit() || (prev == '年' && at >= 2 && chars[at - 2].is_ascii_digit()) {
        return Some(1);
    }
    if before == "政府" || before == "委员" || prev == '局' || prev == '委' || prev == '会' {
        return Some(2);
    }
    if prev == '的' || next == '的' || after == "情况" || after == "工作" || after == "报告"
    {
        return Some(3);
    }
    if prev == ' ' || prev == '\u{3000}' {
        return Some(0);
    }
    Some(20)
}

fn width(chars: &[char]) -> f64 {
    chars.iter().copied().map(title_em).sum()
}

/// What LibreOffice adds where Chinese meets Latin letters or digits, in em: its DOCX
/// import ignores `w:autoSpaceDE`/`w:autoSpaceDN` (which Word and WPS honour and the
/// DOCX sets off) and puts a fifth of the size at each change of script (see
/// tests/official.rs). A line is chosen to fit with it, so that no word processor wraps
/// a title line the layout gave: "报告（2023年1月1日至2023年12月31日）" has twelve.
const SCRIPT_CHANGE_EM: f64 = 0.2;

/// The width a title line must fit in: [`width`] and [`SCRIPT_CHANGE_EM`] per change of
/// script.
fn fitting_width(chars: &[char]) -> f64 {
    let latin = |c: char| c.is_ascii_alphanumeric();
    let changes = chars
        .windows(2)
        .filter(|p| latin(p[0]) != latin(p[1]) && !p[0].is_whitespace() && !p[1].is_whitespace())
        .count();
    width(chars) + SCRIPT_CHANGE_EM * changes as f64
}

/// Whether widths grow, shrink, or grow then shrink (a diamond, three lines or more).
fn well_shaped(ws: &[f64]) -> bool {
    const E: f64 = 1e-9;
    let up = ws.windows(2).all(|p| p[1] >= p[0] - E);
    let down = ws.windows(2).all(|p| p[1] <= p[0] + E);
    let peak = ws
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))
        .map_or(0, |p| p.0);
    let diamond = ws.len() >= 3
        && ws[..=peak].windows(2).all(|p| p[1] >= p[0] - E)
        && ws[peak..].windows(2).all(|p| p[1] <= p[0] + E);
    up || down || diamond
}

/// The cost of breaking at `breaks` (lower is better; `None` when a line is too wide):
/// above all the number of lines, then the shape, the breaks' own costs and the
/// difference between the longest and the shortest line.
fn score(chars: &[char], breaks: &[usize], cost: u32, cap: f64) -> Option<f64> {
    let mut bounds = vec![0];
    bounds.extend_from_slice(breaks);
    bounds.push(chars.len());
    let lines: Vec<&[char]> = bounds.windows(2).map(|w| &chars[w[0]..w[1]]).collect();
    if lines.iter().any(|l| fitting_width(l) > cap + 1e-9) {
        return None;
    }
    let ws: Vec<f64> = lines.iter().map(|l| width(l)).collect();
    let shape = if well_shaped(&ws) { 0.0 } else { 50.0 };
    let max = ws.iter().copied().fold(f64::MIN, f64::max);
    let min = ws.iter().copied().fold(f64::MAX, f64::min);
    Some(100.0 * ws.len() as f64 + shape + 4.0 * cost as f64 + (max - min))
}

/// The title broken into lines of at most `cap` em by the one cost function.
fn lines_within(title: &str, cap: f64) -> Vec<String> {
    let chars: Vec<char> = title.trim().chars().collect();
    if chars.is_empty() {
        return Vec::new();
    }
    if fitting_width(&chars) <= cap + 1e-9 {
        return vec![chars.iter().collect()];
    }
    let cands: Vec<(usize, u32)> = (1..chars.len())
        .filter_map(|at| break_cost(&chars, at).map(|c| (at, c)))
        .collect();
    let mut best: Option<(f64, Vec<usize>)> = None;
    let mut consider = |breaks: Vec<usize>, cost: u32| {
        if let Some(s) = score(&chars, &breaks, cost, cap) {
            if best.as_ref().is_none_or(|b| s < b.0) {
                best = Some((s, breaks));
            }
        }
    };
    // One break, two, three: the line count dominates the score, so the first count
    // that fits wins and longer searches are skipped.
    for (i, &(a, ca)) in cands.iter().enumerate() {
        consider(vec![a], ca);
        for (j, &(b, cb)) in cands.iter().enumerate().skip(i + 1) {
            if width(&chars[..a]) > cap {
                break;
            }
            consider(vec![a, b], ca + cb);
            for &(c, cc) in &cands[j + 1..] {
                if width(&chars[a..b]) > cap {
                    break;
                }
                consider(vec![a, b, c], ca + cb + cc);
            }
        }
    }
    let breaks = match best {
        Some((_, b)) => b,
        // Longer than four full lines: fill each line.
        None => {
            let mut out = Vec::new();
            let mut start = 0;
            for i in 1..chars.len() {
                if fitting_width(&chars[start..=i]) > cap + 1e-9 {
                    out.push(i);
                    start = i;
                }
            }
            out
        }
    };
    let mut bounds = vec![0];
    bounds.extend(breaks);
    bounds.push(chars.len());
    bounds
        .windows(2)
        .map(|w| {
            chars[w[0]..w[1]]
                .iter()
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}

/// The title's lines at 二号 in the text block.
pub fn title_lines(title: &str) -> Vec<String> {
    lines_within(title, TITLE_CAPACITY_EM)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::width::em_width;

    #[test]
    fn the_sample_title_breaks_after_guanyu() {
        assert_eq!(
            title_lines("梅河口市人民政府关于2019年法治政府建设情况的报告"),
            ["梅河口市人民政府关于", "2019年法治政府建设情况的报告"]
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
    fn long_titles_keep_words_and_shape() {
        for t in [
            "中共梅河口市委员会梅河口市人民政府关于2019年度法治政府建设工作情况的报告",
            "中共某某县委 某某县人民政府关于2021年法治政府建设情况的报告",
            "某某自治州人民政府关于2023年度法治政府建设工作情况和2024年工作安排的报告",
            "中共新疆维吾尔自治区伊犁哈萨克自治州委员会全面依法治州委员会办公室伊犁哈萨克自治州人民政府办公室关于2023年度法治政府建设工作情况和2024年度主要工作安排的报告",
            "某某市2023年度法治政府建设工作报告（2023年1月1日至2023年12月31日）",
        ] {
            let lines = title_lines(t);
            assert!(lines.len() >= 2, "{lines:?}");
            assert_eq!(lines.concat().replace(' ', ""), t.replace(' ', ""));
            let ws: Vec<f64> = lines
                .iter()
                .map(|l| width(&l.chars().collect::<Vec<_>>()))
                .collect();
            // Each line fits with LibreOffice's spaces between scripts.
            assert!(
                lines
                    .iter()
                    .all(|l| fitting_width(&l.chars().collect::<Vec<_>>()) <= TITLE_CAPACITY_EM),
                "{lines:?}"
            );
            assert!(well_shaped(&ws), "{lines:?}");
            // No number split, no word such as 情况 or 报告 split, no line of two.
            for l in &lines {
                assert!(l.chars().count() > 2, "{lines:?}");
                assert!(!l.ends_with("情") && !l.starts_with("况"), "{lines:?}");
                assert!(!l.ends_with("20") && !l.starts_with("19"), "{lines:?}");
            }
        }
    }

    #[test]
    fn a_title_without_seams_still_fits() {
        let t = "甲".repeat(90);
        let lines = title_lines(&t);
        assert_eq!(lines.concat(), t);
        assert!(lines.iter().all(|l| em_width(l) <= TITLE_CAPACITY_EM));
    }
}
