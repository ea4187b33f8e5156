//! Numbers per GB/T 15835—2011: 〇 inside Chinese numerals (number.zero: not
//! the digit 0, the letter O, the symbol ○ or 零 in a year), and no Arabic
//! digits with 千/百 as units (number.mixed: 3万5千, 2千余人).

use std::sync::LazyLock;

use regex::Regex;

use super::{char_after, re};
use crate::ids;
use crate::rules::{fix, Cx};

static HAN_YEAR: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?P<y>[〇○零一二三四五六七八九0OoＯ０]{4})年"));
static MIXED: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<a>\d+)(?P<big>[万亿])(?P<b>\d)(?P<u>[千百])|(?P<n>\d+(?:\.\d+)?)(?P<unit>[千百])")
});

const HAN_DIGITS: &str = "一二三四五六七八九";

pub(super) fn numerals(cx: &mut Cx) {
    let mut zero_hits = Vec::new();
    if cx.on(ids::NUMBER_ZERO) {
        for m in HAN_YEAR.captures_iter(cx.t.s) {
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
    if !cx.on(ids::NUMBER_MIXED) {
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
