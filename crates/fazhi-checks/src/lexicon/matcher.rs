//! The lexicon compiled for checking: one Aho–Corasick pass finds every plain
//! wrong form (overlapping, so that a longer and a shorter form at one place
//! are both tried), the regex entries run one by one.

use aho_corasick::{AhoCorasick, MatchKind};
use regex::RegexSet;

use super::{Condition, LexEntry};

/// A match of one entry: byte range in the text and the entry's index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub entry: usize,
}

pub(crate) struct Matcher {
    entries: Vec<LexEntry>,
    conditions: Vec<Condition>,
    plain: Option<(AhoCorasick, Vec<usize>)>,
    regexes: Vec<usize>,
    /// All regex entries at once: one pass tells which of them can match.
    set: Option<RegexSet>,
}

impl Matcher {
    /// Compiles the enabled entries; an entry whose condition does not parse
    /// is skipped (entries are validated when they are stored).
    pub fn new(all: &[LexEntry]) -> Matcher {
        let mut entries = Vec::new();
        let mut conditions = Vec::new();
        for e in all.iter().filter(|e| e.enabled && !e.wrong.is_empty()) {
            if let Ok(c) = Condition::parse(&e.condition) {
                entries.push(e.clone());
                conditions.push(c);
            }
        }
        let mut plain_ix = Vec::new();
        let mut regexes = Vec::new();
        for (i, c) in conditions.iter().enumerate() {
            if c.regex().is_some() {
                regexes.push(i);
            } else {
                plain_ix.push(i);
            }
        }
        let words: Vec<&str> = plain_ix
            .iter()
            .map(|&i| entries[i].wrong.as_str())
            .collect();
        let plain = if words.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&words)
                .ok()
                .map(|a| (a, plain_ix))
        };
        let set = RegexSet::new(
            regexes
                .iter()
                .filter_map(|&i| conditions[i].regex().map(|r| r.as_str())),
        )
        .ok();
        Matcher {
            entries,
            conditions,
            plain,
            regexes,
            set,
        }
    }

    pub fn entry(&self, i: usize) -> &LexEntry {
        &self.entries[i]
    }

    /// Every hit, leftmost first; where hits overlap the earlier (then the
    /// longer) one wins, so that one place gets one finding.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        if let Some((ac, ix)) = &self.plain {
            for m in ac.find_overlapping_iter(text) {
                let entry = ix[m.pattern().as_usize()];
                if self.conditions[entry].holds(text, m.start(), m.end()) {
                    hits.push(Hit {
                        start: m.start(),
                        end: m.end(),
                        entry,
                    });
                }
            }
        }
        let candidates: Vec<usize> = match &self.set {
            Some(set) => set
                .matches(text)
                .into_iter()
                .map(|k| self.regexes[k])
                .collect(),
            None => self.regexes.clone(),
        };
        for entry in candidates {
            let Some(re) = self.conditions[entry].regex() else {
                continue;
            };
            let wrong = self.entries[entry].wrong.as_str();
            // The flagged text is the wrong form: no need to run the pattern
            // over a text without it (most regex entries, most paragraphs).
            if !text.contains(wrong) {
                continue;
            }
            for c in re.captures_iter(text) {
                let Some(whole) = c.get(0) else { continue };
                let (s, e) = match c.name("w") {
                    Some(w) => (w.start(), w.end()),
                    None => match whole.as_str().find(wrong) {
                        Some(at) => (whole.start() + at, whole.start() + at + wrong.len()),
                        None => (whole.start(), whole.end()),
                    },
                };
                if s < e && self.conditions[entry].holds(text, s, e) {
                    hits.push(Hit {
                        start: s,
                        end: e,
                        entry,
                    });
                }
            }
        }
        hits.sort_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end)).cmp(&(b.start, std::cmp::Reverse(b.end)))
        });
        let mut out: Vec<Hit> = Vec::with_capacity(hits.len());
        for h in hits {
            if out.last().is_some_and(|l| h.start < l.end) {
                continue;
            }
            out.push(h);
        }
        out
    }
}
