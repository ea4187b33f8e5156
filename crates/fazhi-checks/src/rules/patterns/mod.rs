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

use regex::Regex;

use super::Cx;

pub(crate) use numbers::doc_numbers;

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
