//! The lexicon compiled for checking: one Aho–Corasick pass finds every plain
//! wrong form (overlapping, so that a longer and a shorter form at one place
//! are both tried); a second one finds the wrong forms of the regex entries,
//! and only the entries whose wrong form occurs run their pattern — compiled
//! then, on first use, so a process that checks one report compiles the few
//! patterns its text calls for, not the whole lexicon's.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

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
    /// The regex entries' wrong forms (the flagged text always holds it): an
    /// entry runs its pattern only where its wrong form occurs.
    regex_words: Option<(AhoCorasick, Vec<usize>)>,
}

fn automaton(
    words: &[&str],
    ix: Vec<usize>,
    kind: Option<AhoCorasickKind>,
) -> Option<(AhoCorasick, Vec<usize>)> {
    if words.is_empty() {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(words)
        .ok()
        .map(|a| (a, ix))
}

impl Matcher {
    /// Reads the enabled entries; an entry whose condition does not parse is
    /// skipped (entries are validated when they are stored). Patterns are
    /// compiled when first needed.
    pub fn new(all: &[LexEntry]) -> Matcher {
        let mut entries = Vec::new();
        let mut conditions = Vec::new();
        for e in all.iter().filter(|e| e.enabled && !e.wrong.is_empty()) {
            if let Ok(c) = Condition::parse_deferred(&e.condition) {
                entries.push(e.clone());
                conditions.push(c);
            }
        }
        let (mut plain_ix, mut regex_ix) = (Vec::new(), Vec::new());
        for (i, c) in conditions.iter().enumerate() {
            if c.has_regex() {
                regex_ix.push(i);
            } else {
                plain_ix.push(i);
            }
        }
        let words =
            |ix: &[usize]| -> Vec<&str> { ix.iter().map(|&i| entries[i].wrong.as_str()).collect() };
        let plain = automaton(&words(&plain_ix), plain_ix.clone(), None);
        // Few patterns: the crate would build a DFA, which costs more to build than
        // this pass over one report saves (it only says which entries to run).
        let regex_words = automaton(
            &words(&regex_ix),
            regex_ix.clone(),
            Some(AhoCorasickKind::ContiguousNFA),
        );
        Matcher {
            entries,
            conditions,
            plain,
            regex_words,
        }
    }

    pub fn entry(&self, i: usize) -> &LexEntry {
        &self.entries[i]
    }

    /// Every hit, leftmost first; where hits overlap the earlier (then the
    /// longer) one wins, so that one place gets one finding.
    pub fn find(&self, text: &str) -> Vec<Hit> {
        let mut hits = self.plain_hits(text);
        // The flagged text is the wrong form: only entries whose wrong form
        // occurs run their pattern (most regex entries, most paragraphs: none),
        // in the entries' order.
        for entry in self.regex_candidates(text) {
            self.regex_hits(entry, text, &mut hits);
        }
        resolve(hits)
    }

    /// What [`Matcher::find`] gives, when a hit (before overlaps are settled) of an
    /// entry that is `wanted` occurs in `text`; nothing otherwise. The patterns of the
    /// entries not wanted are compiled and run only then: a check that wants only
    /// the errors compiles the warnings' patterns only for a paragraph with an error
    /// (where they can still take its place — one finding per place).
    pub fn find_if_any(&self, text: &str, wanted: impl Fn(&LexEntry) -> bool) -> Vec<Hit> {
        let mut any = self
            .plain_hits(text)
            .iter()
            .any(|h| wanted(&self.entries[h.entry]));
        if !any {
            let mut hits = Vec::new();
            for entry in self.regex_candidates(text) {
                if wanted(&self.entries[entry]) {
                    self.regex_hits(entry, text, &mut hits);
                    if !hits.is_empty() {
                        any = true;
                        break;
                    }
                }
            }
        }
        if any {
            self.find(text)
        } else {
            Vec::new()
        }
    }

    /// The plain entries' hits whose condition holds.
    fn plain_hits(&self, text: &str) -> Vec<Hit> {
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
        hits
    }

    /// The regex entries whose wrong form occurs in `text`, in the entries' order.
    fn regex_candidates(&self, text: &str) -> Vec<usize> {
        let mut candidates: Vec<usize> = match &self.regex_words {
            Some((ac, ix)) => ac
                .find_overlapping_iter(text)
                .map(|m| ix[m.pattern().as_usize()])
                .collect(),
            None => Vec::new(),
        };
        candidates.sort_unstable();
        candidates.dedup();
        candidates
    }

    /// A regex entry's hits (its pattern compiled on first use).
    fn regex_hits(&self, entry: usize, text: &str, hits: &mut Vec<Hit>) {
        let Some(re) = self.conditions[entry].regex() else {
            return;
        };
        let wrong = self.entries[entry].wrong.as_str();
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
}

/// Leftmost first; where hits overlap the earlier (then the longer) one wins.
fn resolve(mut hits: Vec<Hit>) -> Vec<Hit> {
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
