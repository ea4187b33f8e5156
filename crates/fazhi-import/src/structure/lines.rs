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

/// The non-empty lines of the blocks; chrome lines go to `removed`.
pub(super) fn read_lines(blocks: &[Block], removed: &mut Vec<Removed>) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        // Soft line breaks inside a DOCX paragraph separate lines as in text.
        for raw in b.text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
            let text = clean(raw);
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
