//! Pattern rules, one module per family: [`numbers`] (document numbers, year
//! spans, numeric ranges), [`dates`], [`years`] (years and placeholders),
//! [`citations`] (citations and genre), [`secrecy`], [`figures`]
//! (percentages) and [`words`] (the word lists).

mod citations;
mod dates;
mod figures;
mod laws;
mod lexicon;
mod numbers;
mod numerals;
mod repeats;
mod secrecy;
mod words;
mod years;

use std::sync::LazyLock;

use regex::Regex;

use super::Cx;

pub(crate) use numbers::doc_numbers;

/// A title in 《》, any length: [`titles`] bounds it. The rules wanted
/// `《[^《》]{1,120}》` and `《[^《》]{2,80}》`; the unbounded pattern, filtered by
/// length, gives exactly their matches (no 《 lies inside a match it gives, so none
/// of theirs can start inside one it drops), and compiles once for both and much
/// faster: a bounded repetition of a class of almost every character compiles into
/// that many copies of the class (~0.6 and ~0.3 ms in each `fazhi export` process).
static TITLE: LazyLock<Regex> = LazyLock::new(|| re(r"《(?P<inner>[^《》]+)》"));

/// The inner text of each 《…》 in `s` whose length in chars is in `len`.
fn titles<'s>(
    s: &'s str,
    len: std::ops::RangeInclusive<usize>,
) -> impl Iterator<Item = regex::Match<'s>> {
    TITLE
        .captures_iter(s)
        .filter_map(|m| m.name("inner"))
        .filter(move |inner| len.contains(&inner.as_str().chars().count()))
}

fn re(p: &str) -> Regex {
    // The patterns are literals of these files, covered by the tests.
    Regex::new(p).unwrap_or_else(|e| panic!("bad pattern {p}: {e}"))
}

pub(crate) fn run(cx: &mut Cx) {
    numbers::year_spans(cx);
    numbers::num_ranges(cx);
    dates::dates(cx);
    years::years(cx);
    years::placeholders(cx);
    years::jinnian(cx);
    citations::citations(cx);
    citations::genre(cx);
    secrecy::secrecy(cx);
    figures::percent(cx);
    words::words(cx);
    lexicon::lexicon(cx);
    repeats::repeats(cx);
    laws::law_titles(cx);
    dates::weekdays(cx);
    numerals::numerals(cx);
}

/// Whether `s` contains one of `needles`. A rare pattern runs only on text
/// that holds a literal every match of the pattern contains (read off the
/// pattern: a necessary condition), so its `LazyLock` is not compiled for a
/// text that cannot match it — `fazhi export`'s count is a cold check in a
/// fresh process. The findings cannot change.
fn has(s: &str, needles: &[&str]) -> bool {
    needles.iter().any(|n| s.contains(n))
}

/// The longest run of numeric chars in `s`; `char::is_numeric` (Nd, Nl, No)
/// includes every char of the patterns' Unicode `\d` (Nd), so a pattern that
/// needs k `\d` in a row cannot match when this is below k.
fn digit_run(s: &str) -> usize {
    let mut run = 0;
    let mut best = 0;
    for c in s.chars() {
        run = if c.is_numeric() { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// `re`'s captures in `s` — or none, and `re` is not compiled, when `possible` is
/// false: a condition every *finding* of the rule needs (not only every match), read
/// off the rule's code. The findings cannot change; a report that has none of the
/// rule's faults does not pay for its pattern.
fn captures_if<'s>(
    possible: bool,
    re: &'static LazyLock<Regex>,
    s: &'s str,
) -> impl Iterator<Item = regex::Captures<'s>> {
    possible.then(|| re.captures_iter(s)).into_iter().flatten()
}

/// Whether some `at` in `s` has `n` ASCII digits just before it.
fn ascii_digits_before(s: &str, at: &str, n: usize) -> bool {
    s.match_indices(at)
        .any(|(i, _)| i >= n && s.as_bytes()[i - n..i].iter().all(u8::is_ascii_digit))
}

/// Whether one of `seps` in `s` has four ASCII digits before it (after `pad`) and an
/// ASCII digit after it (after `pad`).
fn sep_after_four_digits(s: &str, seps: &[char], pad: &[char]) -> bool {
    s.match_indices(seps).any(|(i, sep)| {
        let before = s[..i].trim_end_matches(pad).as_bytes();
        let after = s[i + sep.len()..].trim_start_matches(pad);
        before.len() >= 4
            && before[before.len() - 4..].iter().all(u8::is_ascii_digit)
            && after.starts_with(|c: char| c.is_ascii_digit())
    })
}

fn digit_before(cx: &Cx, byte: usize) -> bool {
    cx.t.s[..byte]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_ascii_digit())
}

fn char_after(cx: &Cx, byte: usize) -> Option<char> {
    cx.t.s[byte..].chars().next()
}

fn char_before(cx: &Cx, byte: usize) -> Option<char> {
    cx.t.s[..byte].chars().next_back()
}

fn plausible_year(s: &str) -> Option<i32> {
    s.parse::<i32>().ok().filter(|y| (1949..=2100).contains(y))
}

fn strip_zeros(s: &str) -> &str {
    let t = s.trim_start_matches('0');
    if t.is_empty() {
        "0"
    } else {
        t
    }
}
