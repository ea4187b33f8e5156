//! Text to grid characters: each character's font (falling back for glyphs a font lacks)
//! and width in cells, and the clusters that line breaking never splits.

use super::classes::{
    compressible, is_unit_char, is_wide, is_word_char, no_line_end, no_line_start,
};
use super::metrics::{FontRole, Metrics};

/// A character ready for the grid.
#[derive(Debug, Clone)]
pub(super) struct Ch {
    pub(super) ch: char,
    pub(super) font: FontRole,
    /// Natural width in cells.
    pub(super) w: f32,
    pub(super) advance_em: f32,
    /// Cells the mark may give up when its line is squeezed.
    pub(super) compress: f32,
    pub(super) word: bool,
}

/// A stretch of text that is never broken across lines: a character with the marks that
/// must stay with it, or a Latin word / number with its unit.
pub(super) type Cluster = std::ops::Range<usize>;

/// Measures the characters of `spans` (text in a font each). Line breaks and tabs are
/// dropped: a paragraph is one run of text.
pub(super) fn shape(spans: &[(String, FontRole)], metrics: &dyn Metrics) -> Vec<Ch> {
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

/// Groups `chars` into clusters: words and numbers (see [`words`]), each closing mark or
/// space joined to what precedes it, each opening mark to what follows it.
pub(super) fn clusters(chars: &[Ch]) -> Vec<Cluster> {
    let n = chars.len();
    let mut out: Vec<Cluster> = Vec::new();
    let mut pending_open: Option<usize> = None;
    for u in words(chars) {
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

/// Splits `chars` into words/numbers (with inner single spaces and, after a digit, up to
/// two unit characters) and single characters.
fn words(chars: &[Ch]) -> Vec<Cluster> {
    let n = chars.len();
    let mut units: Vec<Cluster> = Vec::new();
    let mut i = 0;
    while i < n {
        if chars[i].word {
            let mut j = i + 1;
            while j < n
                && (chars[j].word
                    || (chars[j].ch == ' ' && j + 1 < n && chars[j + 1].word && chars[j - 1].word)
                    || inner_number_sign(chars, j))
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
    units
}

/// A 千分位 comma or a time's colon between digits (94,929, 9:30): inside the number, as
/// Word and LibreOffice keep it — a line ending in "94," would break where theirs do not.
fn inner_number_sign(chars: &[Ch], j: usize) -> bool {
    matches!(chars[j].ch, ',' | ':')
        && j > 0
        && chars[j - 1].ch.is_ascii_digit()
        && chars.get(j + 1).is_some_and(|c| c.ch.is_ascii_digit())
}

/// Natural width of a cluster, in cells.
pub(super) fn width(chars: &[Ch], r: &Cluster) -> f32 {
    chars[r.clone()].iter().map(|c| c.w).sum()
}

#[cfg(test)]
mod tests {
    use super::super::linebreak::set_paragraph;
    use super::super::metrics::SimpleMetrics;
    use super::super::page::LineKind;
    use super::*;

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
    fn a_number_with_its_thousands_comma_is_not_broken() {
        // 26 characters and 共 before it: 94,929件 starts at the line's end.
        let metrics = SimpleMetrics { missing: vec![] };
        for lead in 22..28 {
            let text = format!("{}共94,929件，同比增长12:30。", "行".repeat(lead));
            let lines = super::super::linebreak::break_body_text(&text, &metrics);
            assert!(
                lines
                    .iter()
                    .all(|l| !l.ends_with("94,") && !l.ends_with("12:")),
                "{lines:?}"
            );
            assert_eq!(lines.concat(), text);
        }
    }
}
