//! Numbers per GB/T 15835—2011: 〇 inside Chinese numerals (number.zero: not
//! the digit 0, the letter O, the symbol ○ or 零 in a year), and no Arabic
//! digits with 千/百 as units (number.mixed: 3万5千, 2千余人).

use std::sync::LazyLock;

use regex::Regex;

use super::{captures_if, char_after, has, re};
use crate::ids;
use crate::rules::{fix, Cx};

static HAN_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?P<y>[〇○零一二三四五六七八九0OoＯ０]{4})年"));
static MIXED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<a>\d+)(?P<big>[万亿])(?P<b>\d)(?P<u>[千百])|(?P<n>\d+(?:\.\d+)?)(?P<unit>[千百])")
});

const HAN_DIGITS: &str = "一二三四五六七八九";

static APPROX: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<n>\d*[1-9])(?P<w>余|多)(?P<u>[个人次件场名家项条所起份户元场期批篇]|万|亿)")
});
static ARTICLE: LazyLock<Regex> = LazyLock::new(|| re(r"第(?P<n>\d{1,3})条"));

/// 23 → 二十三, 105 → 一百零五 (1..=999), as article numbers are written.
fn han(n: u32) -> String {
    let d = |k: u32| {
        "〇一二三四五六七八九"
            .chars()
            .nth(k as usize)
            .unwrap_or('〇')
    };
    let (h, t, u) = (n / 100, n / 10 % 10, n % 10);
    let mut s = String::new();
    if h > 0 {
        s.push(d(h));
        s.push('百');
    }
    if t > 0 {
        if !(h == 0 && t == 1) {
            s.push(d(t));
        }
        s.push('十');
    } else if h > 0 && u > 0 {
        s.push('零');
    }
    if u > 0 {
        s.push(d(u));
    }
    s
}

/// The round number a 概数 would use instead of `n` (its last digit, always ASCII 1–9,
/// made 0): 464 → 460; a single digit → 10 (4余 → 10余, never 0余).
fn round_example(n: &str) -> String {
    match n.len() {
        0 | 1 => "10".to_string(),
        len => format!("{}0", &n[..len - 1]),
    }
}

fn approx_and_articles(cx: &mut Cx) {
    let mut hits = Vec::new();
    // APPROX needs an ASCII 1–9 just before 余/多.
    let s = cx.t.s;
    let approx = s.match_indices(['余', '多']).any(|(i, _)| {
        s[..i]
            .chars()
            .next_back()
            .is_some_and(|c| ('1'..='9').contains(&c))
    });
    if cx.on(ids::NUMBER_APPROX) && approx {
        for m in APPROX.captures_iter(cx.t.s) {
            let (Some(n), Some(w)) = (m.name("n"), m.name("w")) else {
                continue;
            };
            // 1.5万余: the number before 余 is a decimal's tail, not a count.
            if super::char_before(cx, n.start()).is_some_and(|c| c == '.' || c.is_ascii_digit()) {
                continue;
            }
            hits.push((
                ids::NUMBER_APPROX,
                n.start(),
                w.end(),
                format!(
                    "“{}”是确数，其后不加“{}”；概数写作整数加“{}”（如“{}{}”）",
                    n.as_str(),
                    w.as_str(),
                    w.as_str(),
                    round_example(n.as_str()),
                    w.as_str()
                ),
                Some(n.as_str().to_string()),
            ));
        }
    }
    // ARTICLE needs a `\d` just after 第, and a 条.
    let article = s.contains('条')
        && s.match_indices('第').any(|(i, w)| {
            s[i + w.len()..]
                .chars()
                .next()
                .is_some_and(char::is_numeric)
        });
    if cx.on(ids::NUMBER_ARTICLE) && article {
        for m in ARTICLE.captures_iter(cx.t.s) {
            let (Some(whole), Some(n)) = (m.get(0), m.name("n")) else {
                continue;
            };
            let Ok(v) = n.as_str().parse::<u32>() else {
                continue;
            };
            if v == 0 || super::char_after(cx, whole.end()).is_some_and(|c| c.is_ascii_digit()) {
                continue;
            }
            let right = format!("第{}条", han(v));
            hits.push((
                ids::NUMBER_ARTICLE,
                whole.start(),
                whole.end(),
                format!("法律条文的序号用汉字数字，应为“{right}”"),
                Some(right),
            ));
        }
    }
    for (rule, from, to, msg, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit(rule, s, e, msg, right.and_then(|r| fix(r, false)));
    }
}

/// A 年 after four chars of which two at least are Chinese digits and one a wrong
/// zero — what every finding of HAN_YEAR holds (its year is the four chars before 年).
fn wrong_zero_year(s: &str) -> bool {
    s.match_indices('年').any(|(i, _)| {
        let y: Vec<char> = s[..i].chars().rev().take(4).collect();
        y.iter().filter(|c| HAN_DIGITS.contains(**c)).count() >= 2
            && y.iter().any(|c| "○零0OoＯ０".contains(*c))
    })
}

pub(super) fn numerals(cx: &mut Cx) {
    approx_and_articles(cx);
    let mut zero_hits = Vec::new();
    if cx.on(ids::NUMBER_ZERO) {
        for m in captures_if(wrong_zero_year(cx.t.s), &HAN_YEAR, cx.t.s) {
            let Some(y) = m.name("y") else { continue };
            let digits = y
                .as_str()
                .chars()
                .filter(|c| HAN_DIGITS.contains(*c))
                .count();
            let wrong = y.as_str().chars().any(|c| "○零0OoＯ０".contains(c));
            // Two Chinese digits at least: "2020年" or "O2O年" are not Chinese numerals.
            if digits < 2 || !wrong {
                continue;
            }
            let right: String = y
                .as_str()
                .chars()
                .map(|c| {
                    if "○零0OoＯ０".contains(c) {
                        '〇'
                    } else {
                        c
                    }
                })
                .collect();
            zero_hits.push((y.start(), y.end(), right));
        }
    }
    for (from, to, right) in zero_hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit(
            ids::NUMBER_ZERO,
            s,
            e,
            format!("汉字数字中的零应写作“〇”，应为“{right}”（GB/T 15835—2011）"),
            fix(right, true),
        );
    }
    if !cx.on(ids::NUMBER_MIXED) || !has(cx.t.s, &["千", "百"]) {
        return;
    }
    let mut hits = Vec::new();
    for m in MIXED.captures_iter(cx.t.s) {
        let Some(whole) = m.get(0) else { continue };
        // 千米、千克、千瓦、百分点… are units of measure, not counts.
        if char_after(cx, whole.end()).is_some_and(|c| "米克瓦伏帕焦卡赫兆分位".contains(c))
        {
            continue;
        }
        if super::char_before(cx, whole.start()).is_some_and(|c| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let right = match (m.name("a"), m.name("big"), m.name("b"), m.name("u")) {
            (Some(a), Some(big), Some(b), Some(u)) => {
                let small: u64 = if u.as_str() == "千" { 1000 } else { 100 };
                let base: u64 = if big.as_str() == "万" {
                    10_000
                } else {
                    100_000_000
                };
                let b: u64 = b.as_str().parse().unwrap_or(0);
                // 3万5千 → 3.5万 keeps the unit the writer chose.
                let frac = b * small;
                let decimals = base.to_string().len() - 1;
                let frac_s = format!("{frac:0decimals$}");
                Some(format!(
                    "{}.{}{}",
                    a.as_str(),
                    frac_s.trim_end_matches('0'),
                    big.as_str()
                ))
            }
            _ => match (m.name("n"), m.name("unit")) {
                (Some(n), Some(u)) if !n.as_str().contains('.') => {
                    let mul: u64 = if u.as_str() == "千" { 1000 } else { 100 };
                    n.as_str()
                        .parse::<u64>()
                        .ok()
                        .map(|v| (v * mul).to_string())
                }
                _ => None,
            },
        };
        hits.push((whole.start(), whole.end(), right));
    }
    for (from, to, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        let advice = right
            .as_ref()
            .map(|r| format!("，应为“{r}”"))
            .unwrap_or_default();
        cx.emit(
            ids::NUMBER_MIXED,
            s,
            e,
            format!("阿拉伯数字不与“千”“百”连用{advice}（GB/T 15835—2011）"),
            right.and_then(|r| fix(r, false)),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn han_numbers() {
        assert_eq!(super::han(23), "二十三");
        assert_eq!(super::han(10), "十");
        assert_eq!(super::han(15), "十五");
        assert_eq!(super::han(105), "一百零五");
        assert_eq!(super::han(110), "一百一十");
        assert_eq!(super::han(7), "七");
    }
}
