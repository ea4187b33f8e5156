//! The title: 二号 小标宋, centred, wrapped into a trapezoid or diamond at word boundaries
//! (after 关于, before the year, around the organ's name or 情况/工作/报告).

use super::grid::{BLOCK_LEFT_MM, BLOCK_WIDTH_MM, EPS, MM_PER_PT, TITLE_PT};
use super::linebreak::break_clusters;
use super::metrics::{FontRole, Metrics};
use super::page::LineKind;
use super::place::{place, run_width, shifted, Draft};
use super::shape::{clusters, shape, width, Ch};

/// How bad a line break before `chars[at]` is: 0 around 关于, 1 before a year, 2 after
/// an organ, 3 around 的/情况/工作/报告, 20 elsewhere (it may split a word).
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
    let best = fewest_lines(&candidates, |breaks, cost| {
        title_score(chars, breaks, cost, cap)
    });
    match best {
        Some(b) => b,
        // Too long for four lines of the block: fall back to filling each line.
        None => {
            let lines = break_clusters(chars, cl, cap, cap, false);
            lines.iter().skip(1).map(|l| l.range.start).collect()
        }
    }
}

/// The best-scoring breaks among `candidates` (position, cost), trying one break, then
/// two, then three: fewer lines win over a better shape.
fn fewest_lines(
    candidates: &[(usize, u32)],
    score_of: impl Fn(&[usize], u32) -> Option<f32>,
) -> Option<Vec<usize>> {
    let mut best: Option<(f32, Vec<usize>)> = None;
    let consider = |breaks: Vec<usize>, cost: u32, best: &mut Option<(f32, Vec<usize>)>| {
        if let Some(score) = score_of(&breaks, cost) {
            if best.as_ref().is_none_or(|b| score < b.0) {
                *best = Some((score, breaks));
            }
        }
    };
    for &(a, ca) in candidates {
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
    best.map(|(_, b)| b)
}

/// Score of breaking at `breaks` (lower is better; `None` when a line is too long): the
/// breaks' cost, a penalty unless the lines make a trapezoid or diamond, the difference
/// between the longest and shortest line, and above all the number of lines.
fn title_score(chars: &[Ch], breaks: &[usize], cost: u32, cap: f32) -> Option<f32> {
    let ws: Vec<f32> = line_bounds(breaks, chars.len())
        .windows(2)
        .map(|w| width(chars, &(w[0]..w[1])))
        .collect();
    if ws.iter().any(|&w| w > cap + EPS) {
        return None;
    }
    let shape_penalty = if well_shaped(&ws) { 0.0 } else { 50.0 };
    let spread =
        ws.iter().cloned().fold(f32::MIN, f32::max) - ws.iter().cloned().fold(f32::MAX, f32::min);
    Some(cost as f32 * 4.0 + shape_penalty + spread + 100.0 * ws.len() as f32)
}

/// Where each line starts and ends: 0, the breaks, `len`.
fn line_bounds(breaks: &[usize], len: usize) -> Vec<usize> {
    let mut bounds = vec![0];
    bounds.extend(breaks);
    bounds.push(len);
    bounds
}

/// Whether line widths `ws` grow, shrink, or grow then shrink (three lines or more).
fn well_shaped(ws: &[f32]) -> bool {
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
    up || down || diamond
}

/// Title lines as text, in order.
pub fn title_lines(title: &str, metrics: &dyn Metrics) -> Vec<String> {
    set_title(title, metrics)
        .into_iter()
        .map(|d| d.glyphs.iter().map(|g| g.ch).collect())
        .collect()
}

/// The title's lines, each centred in the block at natural spacing.
pub(super) fn set_title(title: &str, metrics: &dyn Metrics) -> Vec<Draft> {
    let chars = shape(&[(title.trim().to_string(), FontRole::Title)], metrics);
    if chars.is_empty() {
        return Vec::new();
    }
    let em = TITLE_PT * MM_PER_PT;
    let cap = (BLOCK_WIDTH_MM / em).floor();
    let bounds = line_bounds(&title_breaks(&chars, cap), chars.len());
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

#[cfg(test)]
mod tests {
    use super::super::classes::is_wide;
    use super::super::grid::block_right_mm;
    use super::super::testing::m;
    use super::*;

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
}
