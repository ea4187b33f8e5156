//! Source blocks → cleaned lines: soft breaks split, invisible characters
//! dropped, site chrome set aside; a file without Chinese is refused here.

use crate::{chrome, ImportError, Removed};

use super::{Block, Line};

/// Control and zero-width characters removed, whitespace trimmed.
fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| {
            (!c.is_control() || *c == '\t')
                && !matches!(
                    c,
                    '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2028}' | '\u{2029}'
                )
        })
        .collect::<String>()
        .trim()
        .to_string()
}

pub fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || ('\u{20000}'..='\u{2FFFF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

/// A document site's copy that lost its paragraph breaks to spaces (…报告如下:
/// 一、年度… (一)深入学习… 一是…): a long line is cut before a space followed
/// by a part or section number (一、 （一） (一)), when there are at least two
/// such places and the first is 一、 or （一）. A space inside running text
/// is not followed by 一、 in reports.
fn split_run_together(text: &str) -> Vec<String> {
    if text.chars().count() < 300 {
        return vec![text.to_string()];
    }
    const SPACES: [char; 2] = [' ', '\u{3000}'];
    let mut cuts = Vec::new();
    for (b, c) in text.char_indices() {
        // Only the first space of a run looks past it: looking from every
        // space of a run to its end is quadratic (20,000 spaces took 12 s).
        if !SPACES.contains(&c) || text[..b].ends_with(SPACES) {
            continue;
        }
        let rest = text[b + c.len_utf8()..].trim_start_matches(SPACES);
        // An opening is a few characters (（十一）, 十一、); a window keeps
        // number_prefix's search for the closing ） from walking the line.
        let window = rest.char_indices().nth(8).map_or(rest, |(e, _)| &rest[..e]);
        if let Some((kind, _, _, _)) = super::headings::number_prefix(window) {
            if matches!(
                kind,
                super::headings::Kind::Part | super::headings::Kind::ParenCn
            ) {
                cuts.push(text.len() - rest.len());
            }
        }
    }
    if cuts.len() < 2 {
        return vec![text.to_string()];
    }
    // 市人大常委会: 2024年,我市…: the addressee the copy ran into the
    // preface, cut after its colon.
    if let Some((b, _)) = text
        .char_indices()
        .take(30)
        .find(|(_, c)| matches!(c, ':' | '：'))
    {
        let head = &text[..b];
        let after = &text[b..];
        let colon = after.chars().next().map_or(0, char::len_utf8);
        if after[colon..].starts_with(SPACES)
            && (2..=20).contains(&head.chars().count())
            && head.chars().all(|c| is_cjk(c) || c == '、')
            && !head.contains("如下")
            && cuts[0] > b
        {
            cuts.insert(0, b + colon);
        }
    }
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        let piece = text[start..cut].trim();
        if !piece.is_empty() {
            out.push(piece.to_string());
        }
        start = cut;
    }
    out.push(text[start..].trim().to_string());
    out
}

/// The non-empty lines of the blocks; chrome lines go to `removed`.
pub(super) fn read_lines(blocks: &[Block], removed: &mut Vec<Removed>) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        // Soft line breaks inside a DOCX paragraph separate lines as in text.
        let pieces = b
            .text
            .split(['\n', '\r', '\u{2028}', '\u{2029}'])
            .flat_map(|raw| split_run_together(&clean(raw)));
        for text in pieces {
            if text.is_empty() {
                continue;
            }
            // 一、… 公文汇 www.gongwenhui.com: the heading without the watermark.
            let text = match chrome::watermark_tail(&text)
                .filter(|(kept, _)| super::headings::number_prefix(kept).is_some())
            {
                Some((kept, mark)) => {
                    removed.push(Removed {
                        text: mark,
                        reason: "文档网站的水印".into(),
                    });
                    kept
                }
                None => text,
            };
            // | 东疆综合保税区2025年度法治政府建设情况报告 |: a table of one cell
            // copied as a line; its text.
            let text = match text
                .strip_prefix(['|', '｜'])
                .and_then(|t| t.strip_suffix(['|', '｜']))
                .map(str::trim)
            {
                Some(inner) if !inner.contains(['|', '｜']) && inner.chars().any(is_cjk) => {
                    inner.to_string()
                }
                _ => text,
            };
            // …年度报告 - 文号: — an index label left after the title.
            let text = match chrome::label_tail(&text) {
                Some((kept, label)) => {
                    removed.push(Removed {
                        text: label,
                        reason: "信息公开目录的索引栏".into(),
                    });
                    kept
                }
                None => text,
            };
            if let Some(reason) = chrome::reason(&text) {
                removed.push(Removed {
                    text,
                    reason: reason.to_string(),
                });
                continue;
            }
            lines.push(Line {
                text,
                block: i,
                outline: b.outline,
                title_style: b.title_style,
            });
        }
    }
    lines
}

/// Refuses a file whose lines hold no Chinese character.
pub(super) fn require_chinese(file: &str, lines: &[Line]) -> Result<(), ImportError> {
    let cjk: usize = lines
        .iter()
        .map(|l| l.text.chars().filter(|c| is_cjk(*c)).count())
        .sum();
    if cjk == 0 {
        return Err(ImportError::NoText {
            file: file.to_string(),
            reason: if lines.is_empty() {
                "去掉网页导航等内容后没有剩下文字".into()
            } else {
                "文件中没有中文".into()
            },
        });
    }
    Ok(())
}
