//! Review comments as Word comments: each anchored on its character range in
//! the runs of its paragraph or heading, replies sharing the parent's range;
//! comments whose node is gone are kept on the title. Pending changes
//! ([`super::changes`]) are placed in the same runs, as tracked deletions and
//! insertions.

use std::collections::HashMap;

use docx_rs::{Comment, Paragraph, Run};

use crate::ExportComment;

use super::changes::{add_deleted, add_inserted, delete_mark, ExportChange};

use super::body::add_title_lines;
use super::styles::{STYLE_COMMENT, STYLE_TITLE};
use super::{allowed_in_xml, clean, fonts};

/// A comment's or a pending change's place in one block, in characters of the
/// block's text.
pub(super) struct Anchor<'c> {
    start: usize,
    end: usize,
    what: Anchored<'c>,
}

enum Anchored<'c> {
    Comment(&'c ExportComment),
    /// Deletes `start..end` and inserts its text at `end`.
    Change(&'c ExportChange),
}

/// One piece of a block's text with the font it is set in (None: the style's).
pub(super) struct Span<'t> {
    pub text: &'t str,
    pub font: Option<&'static str>,
}

/// The comments and pending changes still to place, keyed by node id, and the
/// next comment id.
pub(super) struct Comments<'c> {
    by_node: HashMap<&'c str, Vec<&'c ExportComment>>,
    changes: HashMap<&'c str, Vec<&'c ExportChange>>,
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
            changes: HashMap::new(),
            next_id: 1,
        }
    }

    /// Also places `changes` as tracked changes.
    pub fn with_changes(mut self, changes: &'c [ExportChange]) -> Comments<'c> {
        for c in changes {
            self.changes.entry(c.node_id.as_str()).or_default().push(c);
        }
        self
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
                    what: Anchored::Comment(c),
                });
            }
        }
        if let Some(cs) = self.changes.remove(node) {
            for c in cs {
                let s = c.start.min(len);
                out.push(Anchor {
                    start: offset + s,
                    end: offset + c.end.clamp(s, len),
                    what: Anchored::Change(c),
                });
            }
        }
    }

    /// Ids for each anchor's thread: the comment first, then its replies (none
    /// for a change).
    fn thread_ids(&mut self, anchors: &[Anchor]) -> Vec<Vec<usize>> {
        anchors
            .iter()
            .map(|a| match a.what {
                Anchored::Comment(c) => self.thread_ids_for(c),
                Anchored::Change(_) => Vec::new(),
            })
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
    /// Text a change deletes goes into `w:del`, what it inserts follows as `w:ins`.
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

        let font_at = |i: usize| chars.get(i).map_or("", |c| c.1);
        for a in anchors {
            if let Anchored::Change(c) = a.what {
                if c.mark_deleted {
                    p = delete_mark(p, c);
                }
            }
        }
        for (k, &cut) in cuts.iter().enumerate() {
            // ends before starts, so that touching ranges do not nest
            for (a, id) in anchors.iter().zip(&ids) {
                if let (Anchored::Comment(_), true) = (&a.what, a.end == cut && a.start != cut) {
                    p = end_thread(p, id);
                }
            }
            // A change's insertion follows the text it deletes (Word's order).
            for a in anchors.iter().filter(|a| a.end == cut) {
                if let Anchored::Change(c) = a.what {
                    let font = font_at(cut.saturating_sub(1).max(a.start).min(total));
                    p = add_inserted(p, c, font);
                }
            }
            for (a, id) in anchors.iter().zip(&ids) {
                if let (Anchored::Comment(c), true) = (&a.what, a.start == cut) {
                    p = start_thread(p, c, &c.text, id);
                    if a.end == cut {
                        p = end_thread(p, id);
                    }
                }
            }
            let Some(&next) = cuts.get(k + 1) else {
                break;
            };
            let deleting = anchors.iter().find_map(|a| match a.what {
                Anchored::Change(c) if a.start <= cut && next <= a.end && a.start < a.end => {
                    Some(c)
                }
                _ => None,
            });
            p = match deleting {
                Some(c) => add_deleted_runs(p, c, &chars[cut..next]),
                None => add_runs(p, &chars[cut..next]),
            };
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
    for (font, text) in font_runs(chars) {
        let mut run = Run::new().add_text(text);
        if !font.is_empty() {
            run = run.fonts(fonts(font));
        }
        p = p.add_run(run);
    }
    p
}

/// The characters between two cuts deleted by `c`, one `w:del` per change of font.
fn add_deleted_runs(
    mut p: Paragraph,
    c: &ExportChange,
    chars: &[(usize, &'static str, char)],
) -> Paragraph {
    for (font, text) in font_runs(chars) {
        p = add_deleted(p, c, &text, font);
    }
    p
}

/// `chars` grouped by font, characters XML cannot hold left out.
fn font_runs(chars: &[(usize, &'static str, char)]) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = Vec::new();
    for &(_, font, ch) in chars {
        match out.last_mut() {
            Some((f, text)) if *f == font => {
                if allowed_in_xml(ch) {
                    text.push(ch);
                }
            }
            _ => out.push((
                font,
                if allowed_in_xml(ch) {
                    ch.to_string()
                } else {
                    String::new()
                },
            )),
        }
    }
    out
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
