//! Line breaking on the 28-cell grid (禁则): clusters fill a line; one that does not fit
//! is pulled in by hanging its closing mark past the edge (when the character before it
//! fills the line), or else starts the next line and the line is spread to the full
//! width. No mark is squeezed to pull anything in: the DOCX asks the word processor for
//! no compression (no `w:characterSpacingControl`) and LibreOffice compresses none, so
//! squeezing here broke lines LibreOffice does not — of 97 published reports filed with
//! their web punctuation, 35 ended a page a line apart from LibreOffice's rendering of
//! the DOCX and 8 ran a page longer there (the 版记 on an odd page); without squeezing,
//! 9 and none (with the punctuation made full-width as 校对 would: 29 and 2 → 22 and
//! none). tests/filing_variations.rs, `FAZHI_FILING_REAL=all`.

use super::classes::{hangable, no_line_start};
use super::grid::{cell_mm, BLOCK_LEFT_MM, BODY_PT, CHARS_PER_LINE, EPS};
use super::metrics::{FontRole, Metrics};
use super::page::LineKind;
use super::place::{place, place_hanging, Draft};
use super::shape::{clusters, shape, width, Ch, Cluster};

/// A line of a paragraph: its characters, and whether the last one hangs past the edge.
#[derive(Debug, Clone)]
pub(super) struct BrokenLine {
    pub(super) range: Cluster,
    pub(super) hang: bool,
}

/// Splits clusters into lines: `first_cap` cells on the first line, `cap` on the others.
/// A cluster that does not fit is pulled in (with `allow_hang`) when only its closing
/// mark is left over and can hang past the edge, nothing squeezed; else it starts the
/// next line (and the line is spread to the full width).
pub(super) fn break_clusters(
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
        let (end, hang) = fill_line(chars, &mut cl, idx, cap_here, allow_hang);
        lines.push(BrokenLine {
            range: cl[idx].start..cl[end - 1].end,
            hang,
        });
        idx = end;
    }
    lines
}

/// Takes clusters from `idx` onto one line of `cap` cells. Returns the index after the
/// line's last cluster and whether that cluster's closing mark hangs. A single cluster
/// longer than the line is cut in `cl` first.
fn fill_line(
    chars: &[Ch],
    cl: &mut Vec<Cluster>,
    idx: usize,
    cap: f32,
    allow_hang: bool,
) -> (usize, bool) {
    let mut w = 0.0f32;
    let mut k = idx;
    while k < cl.len() {
        let cw = width(chars, &cl[k]);
        if w + cw <= cap + EPS {
            w += cw;
            k += 1;
            continue;
        }
        // Hang only to keep a character with its mark on a line that has room left; a
        // full line simply ends.
        let room = k > idx && w < cap - EPS;
        if allow_hang && room && fits_hanging(chars, &cl[k], w + cw, cap) {
            return (k + 1, true);
        }
        if k == idx {
            cut_overlong(chars, cl, k, cap);
            return (k + 1, false);
        }
        return (k, false);
    }
    (k, false)
}

/// Whether cluster `next` (the line reaching `total` cells with it) fits without its
/// closing mark, so that the mark can hang.
fn fits_hanging(chars: &[Ch], next: &Cluster, total: f32, cap: f32) -> bool {
    let last = next.end - 1;
    if next.len() < 2 || !hangable(chars[last].ch) {
        return false;
    }
    let core_over = total - chars[last].w - cap;
    // The line without the mark fills the block (nothing squeezed for it) or leaves less
    // than half a cell, which spreading takes up.
    core_over <= EPS && core_over > -0.5 - EPS
}

/// A single unbreakable run longer than the line: cut it where it must be (after at
/// least one character, never before a closing mark unless at its first character).
fn cut_overlong(chars: &[Ch], cl: &mut Vec<Cluster>, k: usize, cap: f32) {
    let r = cl[k].clone();
    let mut acc = 0.0;
    let mut cut = r.start;
    while cut < r.end && acc + chars[cut].w <= cap + EPS {
        acc += chars[cut].w;
        cut += 1;
    }
    let mut cut = cut.max(r.start + 1);
    // 禁则 still: the piece carried over does not start with a closing mark (（宗|）).
    while cut > r.start + 1 && cut < r.end && no_line_start(chars[cut].ch) {
        cut -= 1;
    }
    if cut < r.end {
        cl[k] = r.start..cut;
        cl.insert(k + 1, cut..r.end);
    }
}

/// Breaks a paragraph of body-sized text into grid lines: first line indented
/// `indent` cells, all lines but the last spread to the block's width.
pub(super) fn set_paragraph(
    spans: &[(String, FontRole)],
    kind: LineKind,
    indent: f32,
    metrics: &dyn Metrics,
) -> Vec<Draft> {
    set_paragraph_indented(spans, kind, (indent, 0.0), true, metrics)
}

/// [`set_paragraph`] with the first line indented `indents.0` cells and the others
/// `indents.1` (a hanging list such as the 附件说明); spread to the block's width
/// only when `justify`.
pub(super) fn set_paragraph_indented(
    spans: &[(String, FontRole)],
    kind: LineKind,
    indents: (f32, f32),
    justify: bool,
    metrics: &dyn Metrics,
) -> Vec<Draft> {
    let (indent, rest) = indents;
    let chars = shape(spans, metrics);
    if chars.is_empty() {
        return Vec::new();
    }
    let cap = CHARS_PER_LINE as f32;
    let cl = clusters(&chars);
    let lines = break_clusters(&chars, cl, cap - indent, cap - rest, true);
    let n = lines.len();
    let font = spans.first().map(|s| s.1).unwrap_or(FontRole::Fang);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let ind = if i == 0 { indent } else { rest };
            let last = i + 1 == n || !justify;
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
                paragraph_end: i + 1 == n,
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

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::classes::{is_word_char, no_line_end, no_line_start};
    use super::super::grid::block_right_mm;
    use super::super::testing::{han, m};
    use super::*;

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
    fn a_character_is_never_squeezed_in() {
        // 25 cells, then 《法 (an opening mark keeps the character after it): pulling it
        // in would squeeze the line's two commas by a cell; it goes down and the line is
        // spread, as LibreOffice does with the DOCX (no compression).
        let text = format!("{}，{}，{}《法规》后文", han(6), han(6), han(11));
        let lines = body_lines(&text);
        let l0: String = lines[0].glyphs.iter().map(|g| g.ch).collect();
        let l1: String = lines[1].glyphs.iter().map(|g| g.ch).collect();
        assert_eq!(l0.chars().count(), 25, "{l0}|{l1}");
        assert!(l1.starts_with("《法规》"), "{l0}|{l1}");
        assert!((right(&lines[0]) - block_right_mm()).abs() < 1e-3, "spread");
        // A closing mark alone left over hangs.
        let text = format!("{}，{}，{}。后文", han(6), han(6), han(12));
        let lines = body_lines(&text);
        assert!(lines[0].glyphs.last().unwrap().ch == '。');
        assert!((right(&lines[0]) - block_right_mm()).abs() < 1e-3);
        assert!(!no_line_start(lines[1].glyphs[0].ch));
    }

    #[test]
    fn a_closing_mark_hangs_when_its_character_fills_the_line() {
        // The 26th character fills the line: its mark hangs half a cell past the edge
        // and the 26 characters keep their cells (none pushed down, no spreading).
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
        // Two marks (”。) after the 26th cell: ” would need a squeeze to stay, so the
        // character goes down with both and the line is spread.
        let text = format!("{}，{}，{}”。后文", han(8), han(8), han(8));
        let lines = body_lines(&text);
        let l0: String = lines[0].glyphs.iter().map(|g| g.ch).collect();
        let l1: String = lines[1].glyphs.iter().map(|g| g.ch).collect();
        assert!(
            l1.ends_with("”。后文") && l1.chars().count() == 5,
            "{l0}|{l1}"
        );
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
