//! Where a comment sits in the text, and how it follows edits.
//!
//! An anchor names a node (a paragraph, or a part/section whose heading text it
//! marks) and a range of Unicode scalar values in that node's own text, with the
//! quoted text and some context either side. After an edit the anchor is kept
//! when its quote is still at the same place; otherwise the quote is searched
//! for, first in the same node and then in the whole document, preferring the
//! occurrence whose surroundings best match the old context and, among equals,
//! the one nearest the old position. When it is gone the comment is orphaned,
//! never deleted.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::model::Document;

/// Characters of context kept either side of the quote.
pub const CONTEXT_CHARS: usize = 24;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Anchor {
    /// Id of the paragraph, or of the part/section whose heading is marked.
    pub node_id: String,
    /// Start, in Unicode scalar values of the node's text.
    pub start: u32,
    /// End (exclusive).
    pub end: u32,
    /// The marked text.
    pub quote: String,
    /// Up to [`CONTEXT_CHARS`] characters before the quote.
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters after the quote.
    pub suffix: String,
}

/// The editor's word on where a comment now sits (from its ProseMirror mark).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AnchorUpdate {
    pub comment_id: String,
    /// `None`: the marked text was deleted (the comment becomes orphaned).
    #[serde(default)]
    pub node_id: Option<String>,
    #[serde(default)]
    pub start: u32,
    #[serde(default)]
    pub end: u32,
}

/// Every text node of a document: (node id, text, id of the top-level part
/// holding it — `None` for preface and closing), in reading order.
pub fn text_nodes(doc: &Document) -> Vec<(String, String, Option<String>)> {
    doc.nodes()
        .map(|n| {
            (
                n.id.to_string(),
                n.text.to_string(),
                n.part_id.map(str::to_string),
            )
        })
        .collect()
}

/// Node id → top-level part id, for the "by part" filter and counts.
pub fn part_of_nodes(doc: &Document) -> HashMap<String, Option<String>> {
    text_nodes(doc)
        .into_iter()
        .map(|(id, _, part)| (id, part))
        .collect()
}

/// Builds the anchor for `start..end` (scalar values) in `text`, or `None`
/// when the range is empty or outside the text.
pub fn make_anchor(node_id: &str, text: &str, start: u32, end: u32) -> Option<Anchor> {
    let chars: Vec<char> = text.chars().collect();
    let (s, e) = (start as usize, end as usize);
    if s >= e || e > chars.len() {
        return None;
    }
    Some(build(node_id, &chars, s, e))
}

fn build(node_id: &str, chars: &[char], s: usize, e: usize) -> Anchor {
    Anchor {
        node_id: node_id.to_string(),
        start: s as u32,
        end: e as u32,
        quote: chars[s..e].iter().collect(),
        prefix: chars[s.saturating_sub(CONTEXT_CHARS)..s].iter().collect(),
        suffix: chars[e..(e + CONTEXT_CHARS).min(chars.len())]
            .iter()
            .collect(),
    }
}

/// Start positions (scalar values) of every occurrence of `quote` in `text`.
fn occurrences(text: &[char], quote: &[char]) -> Vec<usize> {
    if quote.is_empty() || quote.len() > text.len() {
        return Vec::new();
    }
    (0..=text.len() - quote.len())
        .filter(|&i| text[i..i + quote.len()] == *quote)
        .collect()
}

/// The `occurrence`-th (1-based) match of `quote` in reading order.
pub fn find_quote(doc: &Document, quote: &str, occurrence: u32) -> Option<Anchor> {
    let q: Vec<char> = quote.chars().collect();
    let mut n = 0u32;
    for (id, text, _) in text_nodes(doc) {
        let chars: Vec<char> = text.chars().collect();
        for at in occurrences(&chars, &q) {
            n += 1;
            if n == occurrence.max(1) {
                return Some(build(&id, &chars, at, at + q.len()));
            }
        }
    }
    None
}

/// How well the text around `at` matches the old context: the length of the
/// common tail of `prefix` and the text before, plus the common head of
/// `suffix` and the text after.
fn context_score(text: &[char], at: usize, len: usize, prefix: &[char], suffix: &[char]) -> usize {
    let before = prefix
        .iter()
        .rev()
        .zip(text[..at].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let after = suffix
        .iter()
        .zip(text[at + len..].iter())
        .take_while(|(a, b)| a == b)
        .count();
    before + after
}

/// Where `old` belongs in `doc` now, or `None` when its text is gone.
pub fn reanchor(doc: &Document, old: &Anchor) -> Option<Anchor> {
    reanchor_in(&text_nodes(doc), old)
}

pub(crate) fn reanchor_in(
    nodes: &[(String, String, Option<String>)],
    old: &Anchor,
) -> Option<Anchor> {
    let q: Vec<char> = old.quote.chars().collect();
    if q.is_empty() {
        return None;
    }
    let prefix: Vec<char> = old.prefix.chars().collect();
    let suffix: Vec<char> = old.suffix.chars().collect();
    // 1. Same node: same place, else the best match in the node.
    if let Some((id, text, _)) = nodes.iter().find(|(id, _, _)| *id == old.node_id) {
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = (old.start as usize, old.end as usize);
        if e <= chars.len() && s < e && chars[s..e] == *q {
            return Some(build(id, &chars, s, e));
        }
        let best = occurrences(&chars, &q).into_iter().max_by(|&a, &b| {
            let sa = context_score(&chars, a, q.len(), &prefix, &suffix);
            let sb = context_score(&chars, b, q.len(), &prefix, &suffix);
            sa.cmp(&sb).then_with(|| s.abs_diff(b).cmp(&s.abs_diff(a)))
        });
        if let Some(at) = best {
            return Some(build(id, &chars, at, at + q.len()));
        }
    }
    // 2. Elsewhere in the document (a paragraph split, merged or moved): only
    //    when the match is unambiguous or its context agrees, so that a short
    //    quote does not land on an unrelated occurrence.
    let mut candidates: Vec<(usize, &str, Vec<char>, usize)> = Vec::new();
    for (id, text, _) in nodes {
        let chars: Vec<char> = text.chars().collect();
        for at in occurrences(&chars, &q) {
            let score = context_score(&chars, at, q.len(), &prefix, &suffix);
            candidates.push((score, id, chars.clone(), at));
        }
    }
    let total = candidates.len();
    let best_score = candidates.iter().map(|c| c.0).max()?;
    if total > 1 && best_score == 0 {
        return None;
    }
    let (_, id, chars, at) = candidates.into_iter().find(|c| c.0 == best_score)?;
    Some(build(id, &chars, at, at + q.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nodes(texts: &[(&str, &str)]) -> Vec<(String, String, Option<String>)> {
        texts
            .iter()
            .map(|(i, t)| (i.to_string(), t.to_string(), None))
            .collect()
    }

    fn anchor_on(id: &str, text: &str, quote: &str, nth: usize) -> Anchor {
        let chars: Vec<char> = text.chars().collect();
        let q: Vec<char> = quote.chars().collect();
        let at = occurrences(&chars, &q)[nth];
        build(id, &chars, at, at + q.len())
    }

    #[test]
    fn unchanged_text_keeps_the_range() {
        let a = anchor_on("p1", "推进依法行政，建设法治政府。", "依法行政", 0);
        assert_eq!((a.start, a.end), (2, 6));
        let got = reanchor_in(&nodes(&[("p1", "推进依法行政，建设法治政府。")]), &a).unwrap();
        assert_eq!(got, a);
    }

    #[test]
    fn text_inserted_before_shifts_the_range() {
        let a = anchor_on("p1", "推进依法行政，建设法治政府。", "法治政府", 0);
        let got = reanchor_in(
            &nodes(&[("p1", "全面推进依法行政，加快建设法治政府。")]),
            &a,
        )
        .unwrap();
        assert_eq!(got.quote, "法治政府");
        assert_eq!((got.start, got.end), (13, 17));
    }

    #[test]
    fn repeated_quote_follows_its_context() {
        let text = "甲方审核，乙方审核，丙方审核。";
        let a = anchor_on("p1", text, "审核", 1);
        let edited = "新增：甲方审核，乙方审核，丙方审核。";
        let got = reanchor_in(&nodes(&[("p1", edited)]), &a).unwrap();
        assert_eq!(got.prefix.chars().last(), Some('方'));
        assert!(got.prefix.ends_with("乙方"), "{got:?}");
    }

    #[test]
    fn deleted_text_orphans() {
        let a = anchor_on("p1", "推进依法行政，建设法治政府。", "依法行政", 0);
        assert_eq!(reanchor_in(&nodes(&[("p1", "建设法治政府。")]), &a), None);
    }

    #[test]
    fn moved_to_another_paragraph_is_found() {
        let a = anchor_on("p1", "第一句。推进依法行政的具体措施。", "依法行政", 0);
        let got = reanchor_in(
            &nodes(&[("p1", "第一句。"), ("p2", "推进依法行政的具体措施。")]),
            &a,
        )
        .unwrap();
        assert_eq!(got.node_id, "p2");
        assert_eq!((got.start, got.end), (2, 6));
    }

    #[test]
    fn ambiguous_match_elsewhere_without_context_orphans() {
        let a = anchor_on("p1", "abc的def", "的", 0);
        let got = reanchor_in(&nodes(&[("p2", "x的y"), ("p3", "z的w")]), &a);
        assert_eq!(got, None);
    }

    #[test]
    fn make_anchor_refuses_bad_ranges() {
        assert!(make_anchor("p", "一二三", 1, 1).is_none());
        assert!(make_anchor("p", "一二三", 2, 4).is_none());
        let a = make_anchor("p", "一二三", 1, 3).unwrap();
        assert_eq!(a.quote, "二三");
        assert_eq!(a.prefix, "一");
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        // Text around the quote comes from an alphabet the quote does not use,
        // so the true position is known after any edit outside it.
        fn filler() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop::sample::select(vec!['法', '治', '，', '。', 'a', '1', ' ']),
                0..40,
            )
            .prop_map(|v| v.into_iter().collect())
        }

        #[derive(Debug, Clone)]
        enum Edit {
            Insert(usize, String),
            Delete(usize, usize),
        }

        fn edit() -> impl Strategy<Value = Edit> {
            prop_oneof![
                (0usize..200, filler()).prop_map(|(at, s)| Edit::Insert(at, s)),
                (0usize..200, 1usize..6).prop_map(|(at, n)| Edit::Delete(at, n)),
            ]
        }

        fn apply(chars: &mut Vec<char>, e: &Edit) -> (usize, usize, isize) {
            match e {
                Edit::Insert(at, s) => {
                    let at = at % (chars.len() + 1);
                    let ins: Vec<char> = s.chars().collect();
                    let n = ins.len();
                    chars.splice(at..at, ins);
                    (at, at, n as isize)
                }
                Edit::Delete(at, n) => {
                    if chars.is_empty() {
                        return (0, 0, 0);
                    }
                    let at = at % chars.len();
                    let end = (at + n).min(chars.len());
                    chars.drain(at..end);
                    (at, end, -((end - at) as isize))
                }
            }
        }

        proptest! {
            #[test]
            fn edits_keep_the_anchor_on_its_words_or_orphan_it(
                left in filler(), right in filler(), edits in proptest::collection::vec(edit(), 1..8)
            ) {
                let quote = "审核意见";
                let text = format!("{left}{quote}{right}");
                let mut a = anchor_on("p", &text, quote, 0);
                let mut chars: Vec<char> = text.chars().collect();
                // Where the quote truly is, while untouched.
                let mut truth: Option<usize> = Some(a.start as usize);
                for e in &edits {
                    let (from, to, delta) = apply(&mut chars, e);
                    if let Some(t) = truth {
                        let qend = t + 4;
                        truth = if from == to {
                            // insertion of `delta` characters at `from`
                            if from <= t {
                                Some(t + delta as usize)
                            } else if from >= qend {
                                Some(t)
                            } else {
                                None
                            }
                        } else if to <= t {
                            Some(t - (to - from))
                        } else if from >= qend {
                            Some(t)
                        } else {
                            None
                        };
                    }
                    let now: String = chars.iter().collect();
                    let got = reanchor_in(&[("p".to_string(), now.clone(), None)], &a);
                    match (&got, truth) {
                        (Some(g), Some(t)) => {
                            prop_assert_eq!(g.start as usize, t);
                            prop_assert_eq!(&g.quote, quote);
                        }
                        (Some(g), None) => {
                            // Re-found elsewhere: must still be on the same words.
                            let slice: String = chars[g.start as usize..g.end as usize].iter().collect();
                            prop_assert_eq!(&slice, quote);
                            truth = Some(g.start as usize);
                        }
                        (None, Some(t)) => prop_assert!(false, "lost an intact quote at {t} in {now}"),
                        (None, None) => {}
                    }
                    if let Some(g) = got { a = g; }
                }
            }
        }
    }
}
