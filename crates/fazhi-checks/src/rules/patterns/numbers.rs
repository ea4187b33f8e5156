//! Numbers in their written forms: 发文字号 (〔2019〕1号), year spans
//! (2015—2020年) and numeric ranges (3～5个).

use std::sync::LazyLock;

use regex::Regex;

use super::{
    ascii_digits_before, captures_if, char_after, char_before, digit_before, plausible_year, re,
    sep_after_four_digits, strip_zeros,
};
use crate::ids;
use crate::rules::{fix, Cx};
use crate::text::is_han;

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
/// BAD_DASH's dashes.
const DASHES: [char; 9] = ['-', '－', '~', '～', '–', '〜', '‐', '‑', '−'];
static NUM_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<a>\d+(?:\.\d+)?)(?P<pa>[%％])?[ ]*(?P<d>[-－~〜–‐‑−])[ ]*(?P<b>\d+(?:\.\d+)?)(?P<pb>[%％])?",
    )
});

/// 发文字号: 〔2019〕1号. Runs before the punctuation rule so that the brackets
/// of a wrong number are reported once, here.
pub(crate) fn doc_numbers(cx: &mut Cx) {
    if !cx.on(ids::DOCNUM_FORMAT) || !cx.t.s.contains('号') {
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
            ids::DOCNUM_FORMAT,
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

pub(super) fn year_spans(cx: &mut Cx) {
    if !cx.on(ids::PUNCT_YEAR_SPAN) {
        return;
    }
    let mut hits = Vec::new();
    // Each finding's two years parse, so they are eight ASCII digits before 年.
    let lost = ascii_digits_before(cx.t.s, "年", 8);
    for m in captures_if(lost, &LOST_DASH, cx.t.s) {
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
    // Each finding's years parse: four ASCII digits on either side of the dash.
    let dash = sep_after_four_digits(cx.t.s, &DASHES, &[' ', '\u{3000}']);
    for m in captures_if(dash, &BAD_DASH, cx.t.s) {
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
        cx.emit(ids::PUNCT_YEAR_SPAN, s, e, msg, fix(right, true));
    }
}

/// Units after which a span is one of time (1—3月: 一字线), not a range of values.
const TIME_UNITS: [char; 7] = ['月', '日', '号', '时', '点', '季', '旬'];

/// Numeric ranges (3～5个工作日, 10%～15%) take the 浪纹线 (GB/T 15834—2011
/// 4.13); a span of time (1—3月) the 一字线. Only when a Chinese unit follows:
/// phone numbers, dates, codes and sums (0435-4229999, 2020-03-13, 5-3) are
/// left alone. Years are punct.year_span's.
pub(super) fn num_ranges(cx: &mut Cx) {
    if !cx.on(ids::PUNCT_NUM_RANGE) {
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
        cx.emit(ids::PUNCT_NUM_RANGE, s, e, msg, fix(right, false));
    }
}
