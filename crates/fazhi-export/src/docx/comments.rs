//! Review comments as Word comments: each anchored on its character range in
//! the runs of its paragraph or heading, replies sharing the parent's range;
//! comments whose node is gone are kept on the title.

use std::collections::HashMap;

use docx_rs::{Comment, Paragraph, Run};

use crate::ExportComment;

use super::body::add_title_lines;
use super::styles::{STYLE_COMMENT, STYLE_TITLE};
use super::{allowed_in_xml, clean, fonts};

/// A comment's place in one block, in characters of the block's text.
pub(super) struct Anchor<'c> {
    start: usize,
    end: usize,
    comment: &'c ExportComment,
}

/// One piece of a block's text with the font it is set in (None: the style's).
pub(super) struct Span<'t> {
    pub text: &'t str,
    pub font: Option<&'static str>,
}

/// The comments still to place, keyed by node id, and the next comment id.
pub(super) struct Comments<'c> {
    by_node: HashMap<&'c str, Vec<&'c ExportComment>>,
    next_id: usize,
}

fn clamp_range(c: &ExportComment, len: usize) -> (usize, usize) {
    let s = c.start.min(len);
    (s, c.end.clamp(s, len))
}

/// Word wants a date-time; a bare ISO date becomes midnight UTC.
pub(super) fn word_date(d: &str) -> String {
    let d = d.trim();
    if d.len() == 10 && d.as_bytes().get(4) == Some(&b'-') {
        format!("{d}T00:00:00Z")
    } else {
        d.to_string()
    }
}

fn comment_body(c: Comment, text: &str) -> Comment {
    text.split('\n').fold(c, |c, line| {
        c.add_paragraph(
            Paragraph::new()
                .style(STYLE_COMMENT)
                .add_run(Run::new().add_text(clean(line))),
        )
    })
}

/// Opens the thread of `c` in `p`: the comment (with `text`) as `ids[0]`,
/// its replies as the following ids.
fn start_thread(mut p: Paragraph, c: &ExportComment, text: &str, ids: &[usize]) -> Paragraph {
    p = p.add_comment_start(comment_body(
        Comment::new(ids[0])
            .author(clean(&c.author))
            .date(word_date(&c.date)),
        text,
    ));
    for (r, rid) in c.replies.iter().zip(&ids[1..]) {
        p = p.add_comment_start(comment_body(
            Comment::new(*rid)
                .author(clean(&r.author))
                .date(word_date(&r.date))
                .parent_comment_id(ids[0]),
            &r.text,
        ));
    }
    p
}

fn end_thread(mut p: Paragraph, ids: &[usize]) -> Paragraph {
    for i in ids {
        p = p.add_comment_end(*i);
    }
    p
}

impl<'c> Comments<'c> {
    pub fn new(comments: &'c [ExportComment]) -> Comments<'c> {
        let mut by_node: HashMap<&'c str, Vec<&'c ExportComment>> = HashMap::new();
        for c in comments {
            by_node.entry(c.node_id.as_str()).or_default().push(c);
        }
        Comments {
            by_node,
            next_id: 1,
        }
    }

    /// Takes the comments of `node`, whose text of `len` characters starts
    /// `offset` characters into the block, as anchors of that block.
    pub fn anchor(&mut self, node: &str, offset: usize, len: usize, out: &mut Vec<Anchor<'c>>) {
        if let Some(cs) = self.by_node.remove(node) {
            for c in cs {
                let (s, e) = clamp_range(c, len);
                out.push(Anchor {
                    start: offset + s,
                    end: offset + e,
                    comment: c,
                });
            }
        }
    }

    /// Ids for each anchor's thread: the comment first, then its replies.
    fn thread_ids(&mut self, anchors: &[Anchor]) -> Vec<Vec<usize>> {
        anchors
            .iter()
            .map(|a| self.thread_ids_for(a.comment))
            .collect()
    }

    /// The next free ids for the thread of `c`.
    fn thread_ids_for(&mut self, c: &ExportComment) -> Vec<usize> {
        let n = 1 + c.replies.len();
        let v: Vec<usize> = (self.next_id..self.next_id + n).collect();
        self.next_id += n;
        v
    }

    /// Writes `spans` into `p`, opening and closing the comment ranges at their
    /// character offsets. Replies share their parent's range, as Word stores them.
    pub fn add_spans(&mut self, mut p: Paragraph, spans: &[Span], anchors: &[Anchor]) -> Paragraph {
        let ids = self.thread_ids(anchors);
        let mut cuts: Vec<usize> = anchors.iter().flat_map(|a| [a.start, a.end]).collect();
        let mut pos = 0;
        for s in spans {
            pos += s.text.chars().count();
            cuts.push(pos);
        }
        cuts.push(0);
        cuts.sort_unstable();
        cuts.dedup();
        let total = pos;

        let chars: Vec<(usize, &'static str, char)> = {
            let mut v = Vec::with_capacity(total);
            for s in spans {
                for c in s.text.chars() {
                    v.push((v.len(), s.font.unwrap_or(""), c));
                }
            }
            v
        };

        for (k, &cut) in cuts.iter().enumerate() {
            // ends before starts, so that touching ranges do not nest
            for (a, id) in anchors.iter().zip(&ids) {
                if a.end == cut && a.start != cut {
                    p = end_thread(p, id);
                }
            }
            for (a, id) in anchors.iter().zip(&ids) {
                if a.start == cut {
                    p = start_thread(p, a.comment, &a.comment.text, id);
                    if a.end == cut {
                        p = end_thread(p, id);
                    }
                }
            }
            let Some(&next) = cuts.get(k + 1) else {
                break;
            };
            p = add_runs(p, &chars[cut..next]);
        }
        p
    }

    /// The title paragraph again, with the comments whose paragraph is gone
    /// around all its lines, marked as such; `None` when every comment found
    /// its place.
    pub fn orphans_on_title(mut self, lines: &[String]) -> Option<Paragraph> {
        let mut orphans: Vec<&ExportComment> = std::mem::take(&mut self.by_node)
            .into_values()
            .flatten()
            .collect();
        orphans.sort_by_key(|c| (c.date.clone(), c.node_id.clone()));
        if orphans.is_empty() {
            return None;
        }
        // The line breaks sit between runs; the comments span the whole title,
        // so they open before the first line and close after the last.
        let mut p = Paragraph::new().style(STYLE_TITLE);
        let mut threads = Vec::new();
        for c in &orphans {
            let ids = self.thread_ids_for(c);
            p = start_thread(p, c, &format!("（批注原位置已不在文中）{}", c.text), &ids);
            threads.push(ids);
        }
        p = add_title_lines(p, lines);
        for ids in threads {
            p = end_thread(p, &ids);
        }
        Some(p)
    }
}

/// The characters between two cuts, one run per change of font.
fn add_runs(mut p: Paragraph, chars: &[(usize, &'static str, char)]) -> Paragraph {
    let mut i = 0;
    while i < chars.len() {
        let font = chars[i].1;
        let mut j = i;
        let mut text = String::new();
        while j < chars.len() && chars[j].1 == font {
            if allowed_in_xml(chars[j].2) {
                text.push(chars[j].2);
            }
            j += 1;
        }
        let mut run = Run::new().add_text(text);
        if !font.is_empty() {
            run = run.fonts(fonts(font));
        }
        p = p.add_run(run);
        i = j;
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_dates_become_date_times() {
        assert_eq!(word_date("2020-03-01"), "2020-03-01T00:00:00Z");
        assert_eq!(word_date("2020-03-01T08:00:00Z"), "2020-03-01T08:00:00Z");
    }
}
