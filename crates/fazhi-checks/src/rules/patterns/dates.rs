//! Dates: no leading zeros, no dots or dashes, no Chinese numerals
//! (2020年3月13日).

use std::sync::LazyLock;

use regex::Regex;

use super::{
    captures_if, char_after, char_before, digit_before, has, re, sep_after_four_digits, strip_zeros,
};
use crate::ids;
use crate::nodes::Kind;
use crate::rules::{fix, Cx};
use crate::text::in_spans;

static DATE_ZERO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?"));
/// A year in digits without its 年 before 全年/上半年/下半年/以来 or an
/// opening quotation mark: 2022全年, 开展2023“我们的节日”活动.
static YEAR_BARE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?P<y>(?:19|20)\d\d)(?:全年|上半年|下半年|以来|“)"));
/// A month-day name of an event or day in quotation marks written with a
/// full stop: “4.15”国家安全教育日 (GB/T 15834—2011 4.16: “4·15”).
static MONTH_DAY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"“(?P<m>\d{1,2})(?P<dot>[.．])(?P<d>\d{1,2})”(?P<tail>[^，。；、“”]{0,12})")
});
static DATE_SEP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<y>(?:19|20)\d\d)(?P<s1>[./\-．])(?P<m>\d{1,2})(?P<s2>[./\-．])(?P<d>\d{1,2})")
});
static DATE_HAN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?:(?P<d>[一二三四五六七八九十]{1,3})[日号])?",
    )
});

fn valid_date(y: i32, m: u32, d: u32) -> bool {
    fazhi_core::dates::parse_iso(&format!("{y:04}-{m:02}-{d:02}")).is_some()
}

fn han_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .map(|p| p as u32)
        .or(match c {
            '零' | '○' => Some(0),
            _ => None,
        })
}

/// 十二 → 12, 三十一 → 31, 五 → 5.
fn han_number(s: &str) -> Option<u32> {
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => han_digit(*c),
        ['十', u] => Some(10 + han_digit(*u)?),
        [t, '十'] => Some(han_digit(*t)? * 10),
        [t, '十', u] => Some(han_digit(*t)? * 10 + han_digit(*u)?),
        _ => None,
    }
}

/// “4.15”: a dot between one or two ASCII digits after “ and before ” — what every
/// finding of MONTH_DAY_NAME holds (its month and day parse).
fn month_day_in_quotes(s: &str) -> bool {
    let digits = |t: &str| t.bytes().take_while(u8::is_ascii_digit).count();
    s.match_indices(['.', '．']).any(|(i, dot)| {
        let before = s[..i].trim_end_matches(|c: char| c.is_ascii_digit());
        let after = &s[i + dot.len()..];
        let (m, d) = (i - before.len(), digits(after));
        (1..=2).contains(&m)
            && before.ends_with('“')
            && (1..=2).contains(&d)
            && after[d..].starts_with('”')
    })
}

/// A year 19xx/20xx (four numeric chars) just before 全年, 上半年, 下半年, 以来 or “ —
/// what every match of YEAR_BARE holds.
fn bare_year(s: &str) -> bool {
    ["全年", "上半年", "下半年", "以来", "“"]
        .iter()
        .any(|tail| {
            s.match_indices(tail).any(|(i, _)| {
                let y: Vec<char> = s[..i].chars().rev().take(4).collect();
                y.len() == 4
                    && y[..2].iter().all(|c| c.is_numeric())
                    && matches!((y[3], y[2]), ('1', '9') | ('2', '0'))
            })
        })
}

/// How far after a quoted month-day the name of the list it is an item of is
/// looked for (“3·15”、“6.26”、“12·4”等普法节日: a dozen items fit).
const LIST_CLAUSE_CHARS: usize = 120;

/// The standards a date's form follows, cited in every date.format message.
const CLAUSE: &str = "（GB/T 9704—2012 7.3.5，GB/T 15835—2011）";

pub(super) fn dates(cx: &mut Cx) {
    if !cx.on(ids::DATE_FORMAT) {
        return;
    }
    let urls = crate::text::url_spans(&cx.t);
    let mut hits = Vec::new();
    // A finding's month or day starts with an ASCII 0, just after 年 or 月.
    let zero = has(cx.t.s, &["年0", "月0"]);
    for m in captures_if(zero, &DATE_ZERO, cx.t.s) {
        let (Some(whole), Some(y), Some(mo)) = (m.get(0), m.name("y"), m.name("m")) else {
            continue;
        };
        let d = m.name("d");
        if digit_before(cx, whole.start()) {
            continue;
        }
        let zero = mo.as_str().starts_with('0') || d.is_some_and(|d| d.as_str().starts_with('0'));
        if !zero {
            continue;
        }
        let right = match d {
            Some(d) => format!(
                "{}年{}月{}日",
                y.as_str(),
                strip_zeros(mo.as_str()),
                strip_zeros(d.as_str())
            ),
            None => format!("{}年{}月", y.as_str(), strip_zeros(mo.as_str())),
        };
        hits.push((
            whole.start(),
            whole.end(),
            format!("日期中的月、日不编虚位，应写作“{right}”{CLAUSE}"),
            right,
        ));
    }
    // A finding's year, month and day parse: four ASCII digits, a separator, a digit.
    let sep = sep_after_four_digits(cx.t.s, &['.', '/', '-', '．'], &[]);
    for m in captures_if(sep, &DATE_SEP, cx.t.s) {
        let (Some(whole), Some(y), Some(mo), Some(d), Some(s1), Some(s2)) = (
            m.get(0),
            m.name("y"),
            m.name("m"),
            m.name("d"),
            m.name("s1"),
            m.name("s2"),
        ) else {
            continue;
        };
        if s1.as_str() != s2.as_str() {
            continue;
        }
        let before = char_before(cx, whole.start());
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || "/.-_:".contains(c)) {
            continue;
        }
        let after = char_after(cx, whole.end());
        if after.is_some_and(|c| c.is_ascii_alphanumeric() || "/.-_".contains(c)) {
            continue;
        }
        if in_spans(&urls, cx.t.ci(whole.start())) {
            continue;
        }
        let (Ok(yv), Ok(mv), Ok(dv)) = (
            y.as_str().parse::<i32>(),
            mo.as_str().parse::<u32>(),
            d.as_str().parse::<u32>(),
        ) else {
            continue;
        };
        if !valid_date(yv, mv, dv) {
            continue;
        }
        let right = format!("{yv}年{mv}月{dv}日");
        hits.push((
            whole.start(),
            whole.end(),
            format!("日期应写作“{right}”，不用“{}”{CLAUSE}", whole.as_str()),
            right,
        ));
    }
    if cx.t.s.contains('年') && cx.t.s.contains('月') {
        for m in DATE_HAN.captures_iter(cx.t.s) {
            let (Some(whole), Some(y), Some(mo)) = (m.get(0), m.name("y"), m.name("m")) else {
                continue;
            };
            let year: Option<String> = y
                .as_str()
                .chars()
                .map(|c| han_digit(c).and_then(|d| char::from_digit(d, 10)))
                .collect();
            let (Some(year), Some(mv)) = (year, han_number(mo.as_str())) else {
                continue;
            };
            let right = match m.name("d") {
                Some(d) => {
                    let Some(dv) = han_number(d.as_str()) else {
                        continue;
                    };
                    let Ok(yv) = year.parse::<i32>() else {
                        continue;
                    };
                    if !valid_date(yv, mv, dv) {
                        continue;
                    }
                    format!("{year}年{mv}月{dv}日")
                }
                None if (1..=12).contains(&mv) => format!("{year}年{mv}月"),
                None => continue,
            };
            hits.push((
                whole.start(),
                whole.end(),
                format!("日期应使用阿拉伯数字，写作“{right}”{CLAUSE}"),
                right,
            ));
        }
    }
    if month_day_in_quotes(cx.t.s) {
        for m in MONTH_DAY_NAME.captures_iter(cx.t.s) {
            let (Some(mo), Some(dot), Some(d), Some(tail)) =
                (m.name("m"), m.name("dot"), m.name("d"), m.name("tail"))
            else {
                continue;
            };
            let (Ok(mv), Ok(dv)) = (mo.as_str().parse::<u32>(), d.as_str().parse::<u32>()) else {
                continue;
            };
            // A day's or an event's name follows (日, 节, 周, 活动, 事件…), and the
            // figures are a real month and day: not a version number “2.0”.
            let words = ["日", "节", "周", "月", "活动", "事件", "宣传"];
            let mut named = words.iter().any(|w| tail.as_str().contains(w));
            // One item of a list of quoted names (“3·15”、“6.26”、“12·4”等普法节日):
            // the name stands after the list, in the same clause.
            let rest = &cx.t.s[m.get(0).map_or(tail.end(), |w| w.end())..];
            if !named && tail.as_str().is_empty() && rest.starts_with(['、', '“', ' ']) {
                // A list's clause, read no further than a long list reaches: a
                // paragraph of such items without a comma read to its end from
                // each of them (160,000 characters took minutes).
                let clause: String = rest
                    .chars()
                    .take(LIST_CLAUSE_CHARS)
                    .take_while(|c| !"，。；,;".contains(*c))
                    .collect();
                named = words.iter().any(|w| clause.contains(w));
            }
            if !named || !valid_date(2024, mv, dv) {
                continue;
            }
            hits.push((
                dot.start(),
                dot.end(),
                format!(
                    "事件、节日名称中的月日简称用间隔号，应写作“{mv}·{dv}”（GB/T 15834—2011 4.16）"
                ),
                "·".to_string(),
            ));
        }
    }
    for m in captures_if(bare_year(cx.t.s), &YEAR_BARE, cx.t.s) {
        let Some(y) = m.name("y") else { continue };
        let before = char_before(cx, y.start());
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || "/.-_:".contains(c))
            || in_spans(&urls, cx.t.ci(y.start()))
        {
            continue;
        }
        hits.push((
            y.start(),
            y.end(),
            format!("年份后缺“年”，应写作“{}年”{CLAUSE}", y.as_str()),
            format!("{}年", y.as_str()),
        ));
    }
    bare_years_in_headings(cx, &mut hits);
    for (from, to, msg, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit(ids::DATE_FORMAT, s, e, msg, fix(right, true));
    }
}

/// Measure words a count stands before (化解矛盾纠纷2024件, 培训2025人次): four
/// figures before one are a count even when they equal the report's year.
const MEASURE_WORDS: &str = "件人次个项起场家名户条份元万亿余多宗批所座处本册期篇轮";

/// A title or heading names the report's year (or the next, the plans') in
/// figures straight before a word: 沅江路街道2024法治政府建设年度报告. Four figures
/// that make the report's year there lack their 年 — unless a measure word
/// follows: a heading may state a count, and the fix is safe.
fn bare_years_in_headings(cx: &Cx, hits: &mut Vec<(usize, usize, String, String)>) {
    if !matches!(
        cx.node.kind,
        Kind::Title | Kind::PartHeading | Kind::SectionHeading
    ) {
        return;
    }
    let at: Vec<(usize, char)> = cx.t.s.char_indices().collect();
    let chars: Vec<char> = at.iter().map(|(_, c)| *c).collect();
    for i in 0..chars.len().saturating_sub(4) {
        let digits: String = chars[i..i + 4].iter().collect();
        let Ok(v) = digits.parse::<i32>() else {
            continue;
        };
        let next = chars[i + 4];
        let before = i.checked_sub(1).map(|j| chars[j]);
        if !digits.chars().all(|c| c.is_ascii_digit())
            || !(cx.year..=cx.year + 1).contains(&v)
            || before.is_some_and(|c| c.is_ascii_alphanumeric() || "/.-_:".contains(c))
            || !crate::text::is_han(next)
            || "年届级".contains(next)
            || MEASURE_WORDS.contains(next)
        {
            continue;
        }
        let (from, to) = (at[i].0, at[i + 4].0);
        if hits.iter().any(|h| h.0 == from) {
            continue;
        }
        hits.push((
            from,
            to,
            format!("年份后缺“年”，应写作“{digits}年”{CLAUSE}"),
            format!("{digits}年"),
        ));
    }
}

static WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})日[ \u{3000}]*[（(](?P<w>(?P<pre>星期|周|礼拜)(?P<n>[一二三四五六日天]))[）)]",
    )
});

/// A date without its year and a bracketed weekday: 3月5日（星期日）. Checked
/// against the last year named before it in the same text (no year, no check).
static WEEKDAY_NO_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<m>\d{1,2})月(?P<d>\d{1,2})日[ \u{3000}]*[（(](?P<w>(?P<pre>星期|周|礼拜)(?P<n>[一二三四五六日天]))[）)]",
    )
});
static YEAR_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"(?P<y>(?:19|20)\d\d)年"));

/// 0 = Sunday … 6 = Saturday (Sakamoto's method).
fn day_of_week(y: i32, m: u32, d: u32) -> u32 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if m < 3 { y - 1 } else { y };
    let w = y + y / 4 - y / 100 + y / 400 + T[(m - 1) as usize] + d as i32;
    w.rem_euclid(7) as u32
}

/// A weekday in brackets that is not the date's: 2023年3月1日（星期二）.
pub(super) fn weekdays(cx: &mut Cx) {
    if !cx.on(ids::DATE_WEEKDAY) || !has(cx.t.s, &["星期", "周", "礼拜"]) {
        return;
    }
    let mut hits = Vec::new();
    for m in WEEKDAY.captures_iter(cx.t.s) {
        let (Some(y), Some(mo), Some(d), Some(w), Some(pre), Some(n)) = (
            m.name("y"),
            m.name("m"),
            m.name("d"),
            m.name("w"),
            m.name("pre"),
            m.name("n"),
        ) else {
            continue;
        };
        let (Ok(yv), Ok(mv), Ok(dv)) = (
            y.as_str().parse::<i32>(),
            mo.as_str().parse::<u32>(),
            d.as_str().parse::<u32>(),
        ) else {
            continue;
        };
        if !valid_date(yv, mv, dv) {
            continue;
        }
        let written = match n.as_str() {
            "日" | "天" => 0,
            s => "一二三四五六"
                .chars()
                .position(|c| s.starts_with(c))
                .map_or(9, |p| p as u32 + 1),
        };
        let actual = day_of_week(yv, mv, dv);
        if written == actual {
            continue;
        }
        let name = ["日", "一", "二", "三", "四", "五", "六"][actual as usize];
        let right = format!("{}{name}", pre.as_str());
        hits.push((
            w.start(),
            w.end(),
            format!(
                "{yv}年{mv}月{dv}日是{right}，不是{}；请核对日期和星期",
                w.as_str()
            ),
            right,
        ));
    }
    for m in WEEKDAY_NO_YEAR.captures_iter(cx.t.s) {
        let (Some(whole), Some(mo), Some(d), Some(w), Some(pre), Some(n)) = (
            m.get(0),
            m.name("m"),
            m.name("d"),
            m.name("w"),
            m.name("pre"),
            m.name("n"),
        ) else {
            continue;
        };
        // With its year written (2023年3月1日) the loop above has it.
        if cx.t.s[..whole.start()].ends_with('年') {
            continue;
        }
        let Some(yv) = YEAR_BEFORE
            .captures_iter(&cx.t.s[..whole.start()])
            .last()
            .and_then(|c| c.name("y")?.as_str().parse::<i32>().ok())
        else {
            continue;
        };
        let (Ok(mv), Ok(dv)) = (mo.as_str().parse::<u32>(), d.as_str().parse::<u32>()) else {
            continue;
        };
        if !valid_date(yv, mv, dv) {
            continue;
        }
        let written = match n.as_str() {
            "日" | "天" => 0,
            s => "一二三四五六"
                .chars()
                .position(|c| s.starts_with(c))
                .map_or(9, |p| p as u32 + 1),
        };
        let actual = day_of_week(yv, mv, dv);
        if written == actual {
            continue;
        }
        let name = ["日", "一", "二", "三", "四", "五", "六"][actual as usize];
        let right = format!("{}{name}", pre.as_str());
        hits.push((
            w.start(),
            w.end(),
            format!(
                "{yv}年{mv}月{dv}日是{right}，不是{}；请核对日期和星期",
                w.as_str()
            ),
            right,
        ));
    }
    for (from, to, msg, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit(ids::DATE_WEEKDAY, s, e, msg, fix(right, false));
    }
}

#[cfg(test)]
mod weekday_tests {
    use super::day_of_week;

    #[test]
    fn known_days() {
        assert_eq!(day_of_week(2023, 3, 1), 3, "a Wednesday");
        assert_eq!(day_of_week(2024, 2, 29), 4);
        assert_eq!(day_of_week(2000, 1, 1), 6);
        assert_eq!(day_of_week(2021, 12, 26), 0);
    }
}
