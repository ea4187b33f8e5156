//! Pattern rules: document numbers, year spans, dates, years and placeholders,
//! citations, genre, confidentiality, percentages and the word lists.

use std::sync::LazyLock;

use fazhi_core::Role;
use regex::Regex;

use super::{fix, Cx};
use crate::nodes::{Kind, Place};
use crate::text::{in_spans, is_han};

fn re(p: &str) -> Regex {
    // The patterns are literals of this file, covered by the tests.
    Regex::new(p).unwrap_or_else(|e| panic!("bad pattern {p}: {e}"))
}

static DOCNUM: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\p{Han}(?P<open>[〔\[［【(（])(?P<body>\d{2,9})(?P<close>[〕\]］】)）])?(?P<di>第)?(?P<num>\d{1,5})?号",
    )
});
static LOST_DASH: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?P<a>(?:19|20)\d\d)(?P<b>(?:19|20)\d\d)年"));
static BAD_DASH: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<a>(?:19|20)\d\d)[ \u{3000}]*(?P<d>[-－~～–〜‐‑−])[ \u{3000}]*(?P<b>(?:19|20)\d\d)")
});
static NUM_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<a>\d+(?:\.\d+)?)(?P<pa>[%％])?[ ]*(?P<d>[-－~〜–‐‑−])[ ]*(?P<b>\d+(?:\.\d+)?)(?P<pb>[%％])?",
    )
});
static DATE_ZERO: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})日)?"));
static DATE_SEP: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<y>(?:19|20)\d\d)(?P<s1>[./\-．])(?P<m>\d{1,2})(?P<s2>[./\-．])(?P<d>\d{1,2})")
});
static DATE_HAN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?:(?P<d>[一二三四五六七八九十]{1,3})[日号])?",
    )
});
static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?P<y>(?:19|20)\d\d)年"));
static PLACEHOLDER_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"20[XxＸｘ×]{2}"));
static PLACEHOLDER_X: LazyLock<Regex> = LazyLock::new(|| re(r"[XＸ×]{2,}"));
static RELATIVE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<w>上一年度|上年度|下一年度|下年度)(?P<tail>推进法治政府建设|法治政府建设)?")
});
static PREFACE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"现将[^。；]{0,40}?(?P<y>(?:19|20)\d\d)年[^。；]{0,40}?(?:报告|汇报)如下")
});
static OUTLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"法治政府建设实施纲要(?P<paren>[(（][^()（）《》]{0,24}[)）])?"));
static MISPLACED_CLOSE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"〈法治政府建设实施纲要(?P<paren>[（(][^（()）]{4,16}[）)])(?P<tail>[^〈〉《》]{1,40})〉")
});
static TITLE: LazyLock<Regex> = LazyLock::new(|| re(r"《(?P<inner>[^《》]{1,120})》"));
static HUIBAO: LazyLock<Regex> = LazyLock::new(|| re(r"汇报如下|现将[^。；]{0,60}?汇报"));
static QINGSHI: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<pre>妥否|当否|以上[^。]{0,10})?[，,]?请(?:予以?)?(?:批准|批示|审批|核准)(?P<post>[。！!]|$)?",
    )
});
static MARKING: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:绝密|机密|秘密)[ \u{3000}]*★|内部资料|不得外传|内部文件"));
static LEADING_SECRET: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[ \u{3000}]*(?:绝密|机密|秘密)(?:[ \u{3000}★]|$)"));
static ID_NUMBER: LazyLock<Regex> = LazyLock::new(|| re(r"\d{17}[\dXx]"));
static MOBILE: LazyLock<Regex> = LazyLock::new(|| re(r"1[3-9]\d{9}"));
static PERCENT: LazyLock<Regex> = LazyLock::new(|| re(r"(?P<v>\d+(?:\.\d+)?)[ ]?[%％]"));

pub(crate) const OUTLINE_PERIODS: [(i32, i32); 2] = [(2015, 2020), (2021, 2025)];
const LEADERS_RULE: &str = "党政主要负责人履行推进法治建设第一责任人职责规定";
const SUPERVISION_RULE: &str = "法治政府建设与责任落实督察工作规定";

pub(crate) fn run(cx: &mut Cx) {
    year_spans(cx);
    num_ranges(cx);
    dates(cx);
    years(cx);
    placeholders(cx);
    jinnian(cx);
    citations(cx);
    genre(cx);
    secrecy(cx);
    percent(cx);
    words(cx);
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

/// 发文字号: 〔2019〕1号. Runs before the punctuation rule so that the brackets
/// of a wrong number are reported once, here.
pub(crate) fn doc_numbers(cx: &mut Cx) {
    if !cx.on("docnum.format") {
        return;
    }
    let found: Vec<_> = DOCNUM
        .captures_iter(cx.t.s)
        .filter_map(|m| {
            let open = m.name("open")?;
            let body = m.name("body")?.as_str();
            let close = m.name("close").map(|c| c.as_str());
            let di = m.name("di").is_some();
            let num = m.name("num").map(|n| n.as_str());
            let whole = m.get(0)?;
            let (year, serial) = match (close, num) {
                (Some(_), Some(n)) => (body, n),
                // 〔20191号: the closing bracket was lost; the year is the first
                // four digits and the rest the serial number.
                (None, None) if body.len() >= 5 => (&body[..4], &body[4..]),
                _ => return None,
            };
            Some((
                open.start(),
                whole.end(),
                open.as_str().to_string(),
                year.to_string(),
                close.map(str::to_string),
                di,
                serial.to_string(),
            ))
        })
        .collect();
    for (from, to, open, year, close, di, serial) in found {
        let start = cx.t.ci(from);
        let end = cx.t.ci(to);
        let mut problems = Vec::new();
        if close.is_none() {
            problems.push("丢失了后六角括号“〕”".to_string());
        } else if open != "〔" || close.as_deref() != Some("〕") {
            problems.push(format!(
                "年份应用六角括号“〔〕”括入，不用“{open}{}”",
                close.as_deref().unwrap_or("")
            ));
        }
        let full_year = year.len() == 4 && plausible_year(&year).is_some();
        if !full_year {
            problems.push("年份应标全称（四位数字）".into());
        }
        if di {
            problems.push("序号前不加“第”".into());
        }
        if serial.starts_with('0') {
            problems.push("序号不编虚位（1不编为01）".into());
        }
        if problems.is_empty() {
            continue;
        }
        let right = format!("〔{year}〕{}号", strip_zeros(&serial));
        cx.claimed.push((start, end));
        cx.emit(
            "docnum.format",
            start,
            end,
            format!(
                "发文字号{}，应为“{}”（GB/T 9704—2012 7.2.5）",
                problems.join("，"),
                if full_year {
                    right.as_str()
                } else {
                    "〔四位年份〕序号号"
                }
            ),
            if full_year { fix(right, true) } else { None },
        );
    }
}

fn year_spans(cx: &mut Cx) {
    if !cx.on("punct.year_span") {
        return;
    }
    let mut hits = Vec::new();
    for m in LOST_DASH.captures_iter(cx.t.s) {
        let (Some(a), Some(b)) = (m.name("a"), m.name("b")) else {
            continue;
        };
        if digit_before(cx, a.start()) {
            continue;
        }
        let (Some(ya), Some(yb)) = (plausible_year(a.as_str()), plausible_year(b.as_str())) else {
            continue;
        };
        if yb <= ya || yb - ya > 30 {
            continue;
        }
        let right = format!("{ya}—{yb}");
        hits.push((
            a.start(),
            b.end(),
            format!("两个年份之间丢失了连接号，年份起止应写作“{right}年”，用一字线（GB/T 15834—2011 4.13）"),
            right,
        ));
    }
    let mut depth = 0i32;
    let title_depth: Vec<i32> =
        cx.t.s
            .char_indices()
            .map(|(_, c)| {
                match c {
                    '《' => depth += 1,
                    '》' => depth -= 1,
                    _ => {}
                }
                depth
            })
            .collect();
    for m in BAD_DASH.captures_iter(cx.t.s) {
        let (Some(a), Some(b), Some(d)) = (m.name("a"), m.name("b"), m.name("d")) else {
            continue;
        };
        let before = char_before(cx, a.start());
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '/' || c == '-' || c == '.') {
            continue;
        }
        if char_after(cx, b.end()).is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '/') {
            continue;
        }
        let (Some(ya), Some(yb)) = (plausible_year(a.as_str()), plausible_year(b.as_str())) else {
            continue;
        };
        if yb <= ya {
            continue;
        }
        // Official titles write the span with －: accepted inside 《》.
        let inside_title = title_depth.get(cx.t.ci(d.start())).is_some_and(|d| *d > 0);
        if d.as_str() == "－" && inside_title {
            continue;
        }
        let right = format!("{ya}—{yb}");
        hits.push((
            a.start(),
            b.end(),
            format!(
                "年份起止应使用一字线“—”，写作“{right}”，不用“{}”（GB/T 15834—2011 4.13）",
                d.as_str()
            ),
            right,
        ));
    }
    for (from, to, msg, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit("punct.year_span", s, e, msg, fix(right, true));
    }
}

/// Units after which a span is one of time (1—3月: 一字线), not a range of values.
const TIME_UNITS: [char; 7] = ['月', '日', '号', '时', '点', '季', '旬'];

/// Numeric ranges (3～5个工作日, 10%～15%) take the 浪纹线 (GB/T 15834—2011
/// 4.13); a span of time (1—3月) the 一字线. Only when a Chinese unit follows:
/// phone numbers, dates, codes and sums (0435-4229999, 2020-03-13, 5-3) are
/// left alone. Years are punct.year_span's.
fn num_ranges(cx: &mut Cx) {
    if !cx.on("punct.num_range") {
        return;
    }
    let mut hits = Vec::new();
    for m in NUM_RANGE.captures_iter(cx.t.s) {
        let (Some(a), Some(b), Some(whole)) = (m.name("a"), m.name("b"), m.get(0)) else {
            continue;
        };
        let before = char_before(cx, whole.start());
        if before.is_some_and(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '/' | ':' | '_' | '#' | '－')
        }) {
            continue;
        }
        let Some(unit) = char_after(cx, whole.end()) else {
            continue;
        };
        let has_percent = m.name("pb").is_some();
        if !(is_han(unit) || has_percent) {
            continue;
        }
        if plausible_year(a.as_str()).is_some()
            && plausible_year(b.as_str()).is_some()
            && a.as_str().len() == 4
            && b.as_str().len() == 4
        {
            continue;
        }
        let (Ok(x), Ok(y)) = (a.as_str().parse::<f64>(), b.as_str().parse::<f64>()) else {
            continue;
        };
        if x >= y {
            continue;
        }
        let time = !has_percent && TIME_UNITS.contains(&unit);
        let dash = if time { "—" } else { "～" };
        let pa = m.name("pa").map_or("", |p| p.as_str());
        let pb = m.name("pb").map_or("", |p| p.as_str());
        let right = format!("{}{pa}{dash}{}{pb}", a.as_str(), b.as_str());
        let msg = if time {
            format!("时间的起止应使用一字线“—”，写作“{right}”（GB/T 15834—2011 4.13）")
        } else {
            format!("数值范围的起止应使用浪纹线“～”，写作“{right}”（GB/T 15834—2011 4.13）")
        };
        hits.push((whole.start(), whole.end(), msg, right));
    }
    for (from, to, msg, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit("punct.num_range", s, e, msg, fix(right, false));
    }
}

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

fn dates(cx: &mut Cx) {
    if !cx.on("date.format") {
        return;
    }
    const CLAUSE: &str = "（GB/T 9704—2012 7.3.5，GB/T 15835—2011）";
    let urls = crate::text::url_spans(&cx.t);
    let mut hits = Vec::new();
    for m in DATE_ZERO.captures_iter(cx.t.s) {
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
    for m in DATE_SEP.captures_iter(cx.t.s) {
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
    for (from, to, msg, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit("date.format", s, e, msg, fix(right, true));
    }
}

/// Title, part headings and the preface's 现将…报告如下 name the right years.
fn years(cx: &mut Cx) {
    let year = cx.year;
    let (rule, expected, what): (&'static str, i32, String) = match (cx.node.kind, cx.node.place) {
        (Kind::Title, _) => ("year.title", year, "标题".into()),
        (Kind::PartHeading, _) => match cx.node.role {
            Some(Role::Plans) => (
                "year.heading",
                year + 1,
                "“主要安排”部分标题（应为下一年度）".into(),
            ),
            Some(Role::Other) | None => return,
            Some(_) => ("year.heading", year, "部分标题".into()),
        },
        (Kind::Paragraph, Place::Preface) => {
            if !cx.on("year.body") {
                return;
            }
            let hits: Vec<(usize, usize, i32)> = PREFACE_YEAR
                .captures_iter(cx.t.s)
                .filter_map(|m| {
                    let y = m.name("y")?;
                    let v = plausible_year(y.as_str())?;
                    (v != year).then_some((y.start(), y.end(), v))
                })
                .collect();
            for (from, to, v) in hits {
                let (s, e) = (cx.t.ci(from), cx.t.ci(to));
                cx.emit(
                    "year.body",
                    s,
                    e,
                    format!("本报告是{year}年度报告，“现将……情况报告如下”中写的是{v}年"),
                    fix(year.to_string(), false),
                );
            }
            return;
        }
        _ => return,
    };
    if !cx.on(rule) {
        return;
    }
    // A title names the report year first; a later year there is usually the
    // plans (关于2019年法治政府建设和2020年工作安排的报告).
    let take = if cx.node.kind == Kind::Title {
        1
    } else {
        usize::MAX
    };
    let hits: Vec<(usize, usize, i32)> = YEAR
        .captures_iter(cx.t.s)
        .filter_map(|m| {
            let y = m.name("y")?;
            if digit_before(cx, y.start()) {
                return None;
            }
            Some((y.start(), y.end(), plausible_year(y.as_str())?))
        })
        .take(take)
        .filter(|h| h.2 != expected)
        .collect();
    for (from, to, v) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit(
            rule,
            s,
            e,
            format!("本报告是{year}年度报告，{what}应为{expected}年，此处写的是{v}年"),
            fix(expected.to_string(), false),
        );
    }
}

fn placeholders(cx: &mut Cx) {
    if !cx.on("year.placeholder") {
        return;
    }
    let year = cx.year;
    let heading_like = matches!(
        cx.node.kind,
        Kind::Title | Kind::PartHeading | Kind::SectionHeading
    ) || cx.node.place == Place::Preface;
    let plans = cx.node.role == Some(Role::Plans);
    let mut hits: Vec<(usize, usize, String, Option<String>)> = Vec::new();
    for m in PLACEHOLDER_YEAR.find_iter(cx.t.s) {
        if digit_before(cx, m.start()) {
            continue;
        }
        // In a part heading the year is known: the report year, or the next
        // one in the plans part.
        let fill = (cx.node.kind == Kind::PartHeading || cx.node.kind == Kind::Title)
            .then(|| if plans { year + 1 } else { year }.to_string());
        hits.push((
            m.start(),
            m.end(),
            format!("模板占位“{}”未替换为实际年份", m.as_str()),
            fill,
        ));
    }
    for m in PLACEHOLDER_X.find_iter(cx.t.s) {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(char_before(cx, m.start())) || latin(char_after(cx, m.end())) {
            continue;
        }
        if hits.iter().any(|h| h.0 <= m.start() && m.end() <= h.1) {
            continue;
        }
        hits.push((
            m.start(),
            m.end(),
            format!("模板占位“{}”未替换", m.as_str()),
            None,
        ));
    }
    for m in RELATIVE_YEAR.captures_iter(cx.t.s) {
        let (Some(w), tail) = (m.name("w"), m.name("tail")) else {
            continue;
        };
        // In the body 上年度 is ordinary language (比上年度增长); only the
        // statutory wording left from the template is a placeholder.
        if !heading_like && tail.is_none() {
            continue;
        }
        let right = match w.as_str() {
            "上一年度" => format!("{year}年"),
            "上年度" => format!("{year}年度"),
            "下一年度" => format!("{}年", year + 1),
            _ => format!("{}年度", year + 1),
        };
        hits.push((
            w.start(),
            w.end(),
            format!(
                "“{}”是法规条文的说法，报告中应写明年份“{right}”",
                w.as_str()
            ),
            Some(right),
        ));
    }
    for (from, to, msg, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        let f = right.and_then(|r| fix(r, true));
        cx.emit("year.placeholder", s, e, msg, f);
    }
}

fn jinnian(cx: &mut Cx) {
    if !cx.on("year.jinnian") || cx.node.kind == Kind::Meta {
        return;
    }
    let year = cx.year;
    let hits: Vec<usize> = cx.t.s.match_indices("今年").map(|(b, _)| b).collect();
    for b in hits {
        let s = cx.t.ci(b);
        cx.emit(
            "year.jinnian",
            s,
            s + 2,
            format!(
                "报告在{}年成文，“今年”指代不明；如指报告年度，应写“{year}年”",
                year + 1
            ),
            fix(format!("{year}年"), false),
        );
    }
}

/// The outline's parenthesis normalised: ASCII brackets, dashes and a lost
/// dash do not make a wrong citation (other rules report those characters).
fn normalise_period(p: &str) -> String {
    let mut s: String = p
        .chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '-' | '－' | '~' | '～' | '–' | '〜' | '‐' | '−' => '—',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect();
    s = s.replace("——", "—");
    let digits: String = s.chars().filter(|c| c.is_ascii_digit()).collect();
    if digits.len() == 8 && !s.contains('—') {
        s = s.replacen(&digits, &format!("{}—{}", &digits[..4], &digits[4..]), 1);
    }
    s
}

fn citations(cx: &mut Cx) {
    if cx.on("cite.outline") {
        let mut hits = Vec::new();
        for m in OUTLINE.captures_iter(cx.t.s) {
            let Some(whole) = m.get(0) else { continue };
            let known: Vec<String> = OUTLINE_PERIODS
                .iter()
                .map(|(a, b)| format!("（{a}—{b}年）"))
                .collect();
            match m.name("paren") {
                None => {
                    // Only a citation (in 《》 or 〈〉) must carry its period;
                    // “法治政府建设实施纲要确定的目标” in running text need not.
                    let after = char_after(cx, whole.end());
                    if matches!(after, Some('》' | '〉' | '>')) {
                        hits.push((
                            whole.start(),
                            whole.end(),
                            format!(
                                "纲要名称不完整，应写明起止年份，如《法治政府建设实施纲要{}》",
                                known.join("》或《法治政府建设实施纲要")
                            ),
                            None,
                        ));
                    }
                }
                Some(p) => {
                    let norm = normalise_period(p.as_str());
                    if known.contains(&norm) {
                        continue;
                    }
                    let with_nian = norm.replace('）', "年）");
                    let (msg, right) = if known.contains(&with_nian) {
                        (
                            format!("纲要名称中的年份后缺少“年”，应为“{with_nian}”"),
                            Some((with_nian, false)),
                        )
                    } else {
                        (
                            format!(
                                "纲要名称的起止年份不对，现行纲要为《法治政府建设实施纲要{}》",
                                known.join("》《法治政府建设实施纲要")
                            ),
                            None,
                        )
                    };
                    hits.push((p.start(), p.end(), msg, right));
                }
            }
        }
        // 〈法治政府建设实施纲要（…年）的实施意见〉: the single title mark closes
        // after the outline's own title, not after the outer title's words.
        for m in MISPLACED_CLOSE.captures_iter(cx.t.s) {
            let (Some(paren), Some(tail), Some(whole)) =
                (m.name("paren"), m.name("tail"), m.get(0))
            else {
                continue;
            };
            // The outline's own title ends with its period in brackets, so the
            // words after it belong to the outer title. When the outer 》
            // follows the 〉 at once, nothing else can be meant: moving the 〉
            // is safe. Otherwise (more text before the 》) it is a suggestion.
            let safe = char_after(cx, whole.end()) == Some('》');
            hits.push((
                paren.end(),
                whole.end(),
                format!(
                    "单书名号位置不对：被引的书名是“法治政府建设实施纲要{}”，“〉”应紧接其后，不应在“{}”之后（GB/T 15834—2011 4.15）",
                    paren.as_str(),
                    tail.as_str()
                ),
                Some((format!("〉{}", tail.as_str()), safe)),
            ));
        }
        for (from, to, msg, right) in hits {
            let (s, e) = (cx.t.ci(from), cx.t.ci(to));
            let f = right.and_then(|(r, safe)| fix(r, safe));
            cx.emit("cite.outline", s, e, msg, f);
        }
    }
    if cx.on("cite.rule_title") {
        let mut hits = Vec::new();
        for m in TITLE.captures_iter(cx.t.s) {
            let Some(inner) = m.name("inner") else {
                continue;
            };
            let mut offset = inner.start();
            for seg in inner.as_str().split(['〈', '〉', '<', '>']) {
                let seg_start = offset;
                offset += seg.len() + 1;
                let right = if seg.ends_with("第一责任人职责规定") && seg != LEADERS_RULE {
                    LEADERS_RULE
                } else if seg.contains("责任落实")
                    && seg.contains('督')
                    && seg.ends_with("工作规定")
                    && seg != SUPERVISION_RULE
                {
                    SUPERVISION_RULE
                } else {
                    continue;
                };
                hits.push((seg_start, seg_start + seg.len(), right));
            }
        }
        for (from, to, right) in hits {
            let (s, e) = (cx.t.ci(from), cx.t.ci(to));
            cx.emit(
                "cite.rule_title",
                s,
                e,
                format!("法规名称不准确，应为《{right}》"),
                fix(right, false),
            );
        }
    }
}

fn genre(cx: &mut Cx) {
    if cx.on("genre.huibao") {
        let mut hits: Vec<(usize, usize)> = HUIBAO
            .find_iter(cx.t.s)
            .filter_map(|m| {
                let at = m.as_str().find("汇报")?;
                Some((m.start() + at, m.start() + at + "汇报".len()))
            })
            .collect();
        if cx.node.kind == Kind::Title {
            hits.extend(cx.t.s.match_indices("汇报").map(|(b, w)| (b, b + w.len())));
            hits.sort();
            hits.dedup();
        }
        for (from, to) in hits {
            let (s, e) = (cx.t.ci(from), cx.t.ci(to));
            cx.emit(
                "genre.huibao",
                s,
                e,
                "本文是报告，应写“报告如下”“现将……报告如下”，不用“汇报”".into(),
                fix("报告", false),
            );
        }
    }
    if cx.on("genre.qingshi") {
        let hits: Vec<(usize, usize)> = QINGSHI
            .captures_iter(cx.t.s)
            .filter_map(|m| {
                let whole = m.get(0)?;
                // 报请批准后实施 describes a procedure; a request closes its
                // sentence or follows 妥否/当否/以上.
                if char_before(cx, whole.start()).is_some_and(|c| c == '报' || c == '提') {
                    return None;
                }
                (m.name("pre").is_some() || m.name("post").is_some())
                    .then_some((whole.start(), whole.end()))
            })
            .collect();
        for (from, to) in hits {
            let (s, e) = (cx.t.ci(from), cx.t.ci(to));
            cx.emit(
                "genre.qingshi",
                s,
                e,
                "报告中不得夹带请示事项；需要上级批准的事项应另行请示".into(),
                None,
            );
        }
    }
}

/// GB 11643 check digit of an 18-digit citizen ID number.
fn id_checksum_ok(s: &str) -> bool {
    const W: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    const C: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];
    let chars: Vec<char> = s.chars().collect();
    if chars.len() != 18 {
        return false;
    }
    let mut sum = 0;
    for (c, w) in chars[..17].iter().zip(W) {
        match c.to_digit(10) {
            Some(d) => sum += d * w,
            None => return false,
        }
    }
    let month: u32 = s[10..12].parse().unwrap_or(0);
    let century = &s[6..8];
    (century == "19" || century == "20")
        && (1..=12).contains(&month)
        && chars[17].to_ascii_uppercase() == C[(sum % 11) as usize]
}

fn secrecy(cx: &mut Cx) {
    let mut hits: Vec<(&'static str, usize, usize, String)> = Vec::new();
    if cx.on("secret.marking") {
        for m in MARKING.find_iter(cx.t.s) {
            hits.push((
                "secret.marking",
                m.start(),
                m.end(),
                format!(
                    "公开发布的报告不得含有“{}”等密级或内部标志，请核实并删除，必要时先做保密审查",
                    m.as_str()
                ),
            ));
        }
        if matches!(cx.node.kind, Kind::Title | Kind::Meta) || cx.node.index == 0 {
            if let Some(m) = LEADING_SECRET.find(cx.t.s) {
                if !hits.iter().any(|h| h.1 <= m.start() && m.start() < h.2) {
                    let t = m.as_str().trim();
                    let lead = m.as_str().len() - m.as_str().trim_start().len();
                    hits.push((
                        "secret.marking",
                        m.start() + lead,
                        m.start() + lead + t.len(),
                        format!("公开发布的报告不得标注密级“{t}”，请核实并做保密审查"),
                    ));
                }
            }
        }
    }
    let digit_around = |cx: &Cx, a: usize, b: usize| {
        digit_before(cx, a) || char_after(cx, b).is_some_and(|c| c.is_ascii_digit())
    };
    if cx.on("secret.id_number") {
        for m in ID_NUMBER.find_iter(cx.t.s) {
            if digit_around(cx, m.start(), m.end()) || !id_checksum_ok(m.as_str()) {
                continue;
            }
            hits.push((
                "secret.id_number",
                m.start(),
                m.end(),
                "公开发布的报告不得含有公民身份号码，请删除或隐去".into(),
            ));
        }
    }
    if cx.on("secret.mobile") {
        for m in MOBILE.find_iter(cx.t.s) {
            if digit_around(cx, m.start(), m.end()) {
                continue;
            }
            hits.push((
                "secret.mobile",
                m.start(),
                m.end(),
                "含有手机号码：如属个人信息，公开前应删除；如是公开的服务电话可忽略".into(),
            ));
        }
    }
    if cx.on("secret.term") {
        if let Some((ac, terms)) = &cx.lists.terms {
            for m in ac.find_iter(cx.t.s) {
                let term = terms
                    .get(m.pattern().as_usize())
                    .cloned()
                    .unwrap_or_default();
                hits.push((
                    "secret.term",
                    m.start(),
                    m.end(),
                    format!("含有本资料库设定的敏感词“{term}”，公开前请核实"),
                ));
            }
        }
    }
    for (rule, from, to, msg) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit(rule, s, e, msg, None);
    }
}

const GROWTH_WORDS: [&str; 16] = [
    "增长",
    "增加",
    "增幅",
    "增速",
    "提高",
    "提升",
    "上升",
    "同比",
    "环比",
    "比上年",
    "较上年",
    "较",
    "超",
    "翻",
    "完成",
    "为上年",
];

fn percent(cx: &mut Cx) {
    if !cx.on("figure.percent") {
        return;
    }
    let mut hits = Vec::new();
    for m in PERCENT.captures_iter(cx.t.s) {
        let (Some(whole), Some(v)) = (m.get(0), m.name("v")) else {
            continue;
        };
        if digit_before(cx, whole.start()) || char_before(cx, whole.start()) == Some('.') {
            continue;
        }
        let Ok(value) = v.as_str().parse::<f64>() else {
            continue;
        };
        if value <= 100.0 {
            continue;
        }
        // The clause before the number: growth rates and completion rates may
        // exceed 100 %.
        let head = &cx.t.s[..whole.start()];
        let clause_start = head
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '，' | '。' | '；' | ',' | ';'))
            .map(|(b, c)| b + c.len_utf8())
            .unwrap_or(0);
        let clause = &head[clause_start..];
        if GROWTH_WORDS.iter().any(|w| clause.contains(w)) {
            continue;
        }
        hits.push((whole.start(), whole.end(), v.as_str().to_string()));
    }
    for (from, to, v) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit(
            "figure.percent",
            s,
            e,
            format!("比率{v}%超过100%，只有增长率等才可能超过100%，请核对"),
            None,
        );
    }
}

fn words(cx: &mut Cx) {
    let mut hits = Vec::new();
    for (rule, list, what) in [
        ("word.typo", &cx.lists.typos, "错别字"),
        ("word.name", &cx.lists.names, "名称"),
    ] {
        if !cx.on(rule) {
            continue;
        }
        if let Some((ac, pairs)) = list {
            for m in ac.find_iter(cx.t.s) {
                if let Some(p) = pairs.get(m.pattern().as_usize()) {
                    hits.push((
                        rule,
                        m.start(),
                        m.end(),
                        what,
                        p.wrong.clone(),
                        p.right.clone(),
                    ));
                }
            }
        }
    }
    for (rule, from, to, what, wrong, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        let msg = if what == "名称" {
            format!("“{wrong}”应写作规范名称“{right}”")
        } else {
            format!("“{wrong}”是{what}，应为“{right}”")
        };
        cx.emit(rule, s, e, msg, fix(right, false));
    }
}
