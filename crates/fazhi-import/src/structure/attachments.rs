//! 附件 at the end of a source (GB/T 9704 7.3.4, 7.3.7): the 附件说明 under the body
//! ("附件：1.…" with its numbered continuation lines) and the attachments' own pages
//! ("附件1" alone on a line, the title, the text), kept as the report's attachments
//! instead of a paragraph and a subsection "1.".

use super::headings::chinese_value;
use super::Line;

/// An attachment as found: its title and the lines of its text.
#[derive(Debug, Default)]
pub(super) struct RawAttachment {
    pub title: String,
    pub lines: Vec<usize>,
    /// The lines of its label (附件1) and title.
    pub head: Vec<usize>,
}

/// "附件", "附件1", "附件 2", "附件三" alone on a line: an attachment page starts.
pub(super) fn is_label(s: &str) -> bool {
    let Some(rest) = s.trim().strip_prefix("附件") else {
        return false;
    };
    let n = rest.trim().trim_end_matches(['：', ':']);
    n.is_empty() || n.chars().all(|c| c.is_ascii_digit()) || chinese_value(n).is_some()
}

/// The attachments' pages: from the first label after `from` to the end. Returns
/// where they start (the lines before are the report) and the attachments.
/// `tables` are the blocks holding tables: a table right under the label
/// means the attachment has no title line of its own.
pub(super) fn read_pages(
    lines: &[Line],
    from: usize,
    tables: &[usize],
) -> (usize, Vec<RawAttachment>) {
    let Some(start) = (from..lines.len()).find(|&i| is_label(&lines[i].text)) else {
        return (lines.len(), Vec::new());
    };
    let mut out: Vec<RawAttachment> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        if is_label(&lines[i].text) {
            let label = lines[i].block;
            let next = lines
                .get(i + 1)
                .filter(|l| !tables.iter().any(|&t| label < t && t < l.block))
                .filter(|l| !is_label(&l.text));
            // A title broken by line breaks inside its paragraph (our DOCX puts the
            // layout's title lines so; offices break long titles by hand) is one title
            // — never a web page's block of text lines: at most three short lines, no
            // sentence ended among them.
            let title_lines = next.map_or(0, |first| {
                let more = lines[i + 2..]
                    .iter()
                    .take(2)
                    .take_while(|l| l.block == first.block && title_piece(&l.text))
                    .count();
                let joined: usize = lines[i + 1..i + 2 + more]
                    .iter()
                    .map(|l| l.text.trim().chars().count())
                    .sum();
                if title_piece(&first.text) && joined <= 60 {
                    1 + more
                } else {
                    1
                }
            });
            let title = next.map(|_| {
                lines[i + 1..i + 1 + title_lines]
                    .iter()
                    .map(|l| l.text.trim())
                    .collect::<String>()
            });
            let taken = 1 + title_lines;
            out.push(RawAttachment {
                title: title.unwrap_or_default(),
                lines: Vec::new(),
                head: (i..i + taken).collect(),
            });
            i += taken;
            continue;
        }
        if let Some(a) = out.last_mut() {
            a.lines.push(i);
        }
        i += 1;
    }
    (start, out)
}

/// A line that may be part of a title: short, no sentence ended.
fn title_piece(s: &str) -> bool {
    let t = s.trim();
    t.chars().count() <= 40 && !t.ends_with(['。', '；', ';', '：', ':', '！', '？'])
}

/// An item's number ("1." "1．" "1、" "（1）") and the title after it.
fn numbered(s: &str) -> Option<&str> {
    let s = s.trim();
    let digits = s.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    s[digits..].strip_prefix(['.', '．', '、'])
}

fn title_of(s: &str) -> String {
    let t = numbered(s).unwrap_or(s).trim();
    t.trim_end_matches(['。', '；', ';', '，', ',']).to_string()
}

/// The 附件说明 ending just before `end` (the signature or the attachments' pages):
/// its first line index and the listed titles.
pub(super) fn read_note(lines: &[Line], from: usize, end: usize) -> Option<(usize, Vec<String>)> {
    let mut j = end;
    let mut items = Vec::new();
    while j > from {
        let t = lines[j - 1].text.trim();
        if let Some(rest) = t.strip_prefix("附件：").or_else(|| t.strip_prefix("附件:")) {
            if rest.trim().is_empty() {
                return None;
            }
            items.insert(0, title_of(rest));
            return Some((j - 1, items));
        }
        // Every line between the 附件： line and the signature is a numbered item.
        numbered(t)?;
        items.insert(0, title_of(t));
        j -= 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                text: t.to_string(),
                block: i,
                outline: None,
                title_style: false,
            })
            .collect()
    }

    #[test]
    fn the_note_and_the_pages() {
        let ls = lines(&[
            "正文。",
            "附件：1.重点工作完成情况表",
            "2.典型案例。",
            "梅河口市人民政府",
            "2020年3月13日",
            "附件1",
            "重点工作完成情况表",
            "第一段。",
            "第二段。",
            "附件2",
            "典型案例",
            "案例一。",
        ]);
        let (start, pages) = read_pages(&ls, 1, &[]);
        assert_eq!(start, 5);
        assert_eq!(pages.len(), 2);
        assert_eq!(pages[0].title, "重点工作完成情况表");
        assert_eq!(pages[0].lines, [7, 8]);
        assert_eq!(pages[1].lines, [11]);
        let (at, titles) = read_note(&ls, 0, 3).unwrap();
        assert_eq!(at, 1);
        assert_eq!(titles, ["重点工作完成情况表", "典型案例"]);
        // A body line that merely mentions 附件 is no note.
        assert!(read_note(&lines(&["正文，见附件。"]), 0, 1).is_none());
        assert!(!is_label("附件说明如下"));
        assert!(is_label("附件三"));
    }
}
