//! The report's years: in the title, the part headings and the preface, template
//! placeholders (20XX, 上一年度) and 今年.

use std::sync::LazyLock;

use regex::Regex;

use fazhi_core::Role;

use super::{char_after, char_before, digit_before, has, plausible_year, re};
use crate::ids;
use crate::nodes::{Kind, Place};
use crate::rules::{fix, Cx};

static YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"(?P<y>(?:19|20)\d\d)年"));
static PLACEHOLDER_YEAR: LazyLock<Regex> = LazyLock::new(|| re(r"20[XxＸｘ×]{2}"));
static PLACEHOLDER_X: LazyLock<Regex> = LazyLock::new(|| re(r"[XＸ×]{2,}"));
static RELATIVE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?P<w>上一年度|上年度|下一年度|下年度)(?P<tail>推进法治政府建设|法治政府建设)?")
});
static PREFACE_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"现将[^。；]{0,40}?(?P<y>(?:19|20)\d\d)年[^。；]{0,40}?(?:报告|汇报)如下")
});

/// Whether `s` holds a year other than `year` written in ASCII digits just before
/// 年, as [`plausible_year`] reads it. Each finding of the preface's rule and of the
/// title's and headings' names one (their `y` is the four `\d` before 年, and only
/// ASCII digits parse), so without one their patterns need not run — the preface's
/// the costliest to compile of the rules', two bounded repetitions of a class of
/// almost every character: a text naming the report's own year, as most do, skips it.
fn other_year_before_nian(s: &str, year: i32) -> bool {
    s.match_indices('年').any(|(i, _)| {
        i >= 4
            && s.is_char_boundary(i - 4)
            && plausible_year(&s[i - 4..i]).is_some_and(|v| v != year)
    })
}

/// Title, part headings and the preface's 现将…报告如下 name the right years.
pub(super) fn years(cx: &mut Cx) {
    let year = cx.year;
    let (rule, expected, what): (&'static str, i32, String) = match (cx.node.kind, cx.node.place) {
        (Kind::Title, _) => (ids::YEAR_TITLE, year, "标题".into()),
        (Kind::PartHeading, _) => match cx.node.role {
            Some(Role::Plans) => (
                ids::YEAR_HEADING,
                year + 1,
                "“主要安排”部分标题（应为下一年度）".into(),
            ),
            Some(Role::Other) | None => return,
            Some(_) => (ids::YEAR_HEADING, year, "部分标题".into()),
        },
        (Kind::Paragraph, Place::Preface) => {
            if !cx.on(ids::YEAR_BODY)
                || !cx.t.s.contains("现将")
                || !other_year_before_nian(cx.t.s, year)
            {
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
                    ids::YEAR_BODY,
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
    // Each finding names an ASCII year before 年 other than the one expected.
    if !cx.on(rule) || !other_year_before_nian(cx.t.s, expected) {
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

pub(super) fn placeholders(cx: &mut Cx) {
    if !cx.on(ids::YEAR_PLACEHOLDER) {
        return;
    }
    let year = cx.year;
    let heading_like = matches!(
        cx.node.kind,
        Kind::Title | Kind::PartHeading | Kind::SectionHeading
    ) || cx.node.place == Place::Preface;
    let plans = cx.node.role == Some(Role::Plans);
    let mut hits: Vec<(usize, usize, String, Option<String>)> = Vec::new();
    if cx.t.s.contains("20") && has(cx.t.s, &["X", "x", "Ｘ", "ｘ", "×"]) {
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
    }
    if has(cx.t.s, &["X", "Ｘ", "×"]) {
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
    }
    if has(cx.t.s, &["上一年度", "上年度", "下一年度", "下年度"]) {
        for m in RELATIVE_YEAR.captures_iter(cx.t.s) {
            let (Some(w), tail) = (m.name("w"), m.name("tail")) else {
                continue;
            };
            // In the body 上年度 is ordinary language (比上年度增长); only the
            // statutory wording left from the template is a placeholder.
            if !heading_like && tail.is_none() {
                continue;
            }
            // “每年第一季度报告上一年度法治政府建设情况” describes the yearly duty
            // (the regulation's own words), not this report's year.
            let clause_start = cx.t.s[..w.start()]
                .rfind(['。', '；', '，', '\n'])
                .map_or(0, |b| b + '。'.len_utf8());
            let clause = &cx.t.s[clause_start.min(w.start())..w.start()];
            let duty = ["报告", "报送", "提交", "总结", "公开"]
                .iter()
                .any(|v| clause.ends_with(v));
            if !heading_like && (duty || clause.contains("每年")) {
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
    }
    for (from, to, msg, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        let f = right.and_then(|r| fix(r, true));
        cx.emit(ids::YEAR_PLACEHOLDER, s, e, msg, f);
    }
}

/// 今年, 明年, 去年 and the year each names counted from the 成文日期's year.
const RELATIVE_WORDS: [(&str, i32); 3] = [("今年", 0), ("明年", 1), ("去年", -1)];

/// Whether the word at `b` is part of a longer word rather than a year: 如今|年轻,
/// 过去|年度, 说明|年度 (the character before ends a word with the word's first
/// character).
fn inside_word(cx: &Cx, word: &str, b: usize) -> bool {
    let Some(c) = char_before(cx, b) else {
        return false;
    };
    match word {
        "今年" => "如当现迄".contains(c),
        "去年" => "过失除离".contains(c),
        "明年" => {
            "说表证声查阐标注透文光英聪开发分简鲜辨严指申载写列讲问亮点言清昌廉黎澄".contains(c)
        }
        _ => false,
    }
}

/// 今年, 明年, 去年 read against the report's dates. The report on year Y is
/// normally written in Y+1: there 今年 in parts 一–三 (and the title and preface)
/// names Y+1 — the writer meant Y (2024年, 本年度) —, while in part 四 (the next
/// year's plans) it is right, and 明年 there names Y+2. A report dated in Y
/// (written in December) reads the other way. Without a 成文日期 the year of
/// writing is unknown: every 今年 is flagged as possibly meaning the report year.
pub(super) fn jinnian(cx: &mut Cx) {
    if !cx.on(ids::YEAR_JINNIAN) || cx.node.kind == Kind::Meta {
        return;
    }
    let words: &[(&str, i32)] = match cx.written {
        Some(_) => &RELATIVE_WORDS,
        None => &RELATIVE_WORDS[..1],
    };
    if !words.iter().any(|(w, _)| cx.t.s.contains(w)) {
        return;
    }
    let plans = cx.node.role == Some(Role::Plans);
    let standing = Standing {
        year: cx.year,
        // The year this part of the report is about.
        about: if plans { cx.year + 1 } else { cx.year },
        plans,
        whole: matches!(cx.node.kind, Kind::Title) || cx.node.place == Place::Preface,
    };
    let mut hits: Vec<(usize, String, String)> = Vec::new();
    for &(word, offset) in words {
        for (b, _) in cx.t.s.match_indices(word) {
            if inside_word(cx, word, b) {
                continue;
            }
            let found = match cx.written {
                None => Some(undated(cx.year)),
                Some(w) => standing.dated(word, offset, w),
            };
            if let Some((message, right)) = found {
                hits.push((b, message, right));
            }
        }
    }
    hits.sort_by_key(|h| h.0);
    for (b, message, right) in hits {
        let s = cx.t.ci(b);
        cx.emit(ids::YEAR_JINNIAN, s, s + 2, message, fix(right, false));
    }
}

/// Without a 成文日期: 今年 may mean the year of writing or the report's.
fn undated(year: i32) -> (String, String) {
    (
        format!(
            "报告在{}年成文，“今年”指代不明；如指报告年度，应写“{year}年”",
            year + 1
        ),
        format!("{year}年"),
    )
}

/// Where a relative year word stands: the report's year, the year its part is
/// about (the next in part 四), and whether it speaks for the whole report.
struct Standing {
    year: i32,
    about: i32,
    plans: bool,
    whole: bool,
}

impl Standing {
    /// The message and the year to write for `word` (naming the year `offset`
    /// from `written`, the 成文日期's), or `None` when it names the right year.
    fn dated(&self, word: &str, offset: i32, written: i32) -> Option<(String, String)> {
        let (year, about) = (self.year, self.about);
        let named = written + offset;
        let right = match word {
            // 明年 looks ahead from the writing: right only for the year planned.
            "明年" => named == year + 1,
            // 去年 may also be the year before the one a part is about
            // (比去年增长 in a December report).
            "去年" => named == about || named == about - 1,
            _ => named == about,
        };
        if right {
            return None;
        }
        let part = if self.whole { "本报告" } else { "本部分" };
        // The word that names `y` counted from the writing, if any.
        let relative = |y: i32| {
            RELATIVE_WORDS
                .iter()
                .find(|(_, o)| written + o == y)
                .map(|(r, _)| format!("或“{r}”"))
                .unwrap_or_default()
        };
        // 明年 written in parts 一–三 looks ahead to the year after the report's.
        let meant = if word == "明年" { year + 1 } else { about };
        let advice = if self.plans {
            format!(
                "{part}安排{about}年工作，宜写“{about}年”{}",
                relative(about)
            )
        } else if word == "明年" {
            format!("如指{meant}年，宜写“{meant}年”{}", relative(meant))
        } else {
            format!("{part}总结{about}年工作，宜写“{about}年”或“本年度”")
        };
        Some((
            format!("报告成文于{written}年，“{word}”指{named}年；{advice}。"),
            format!("{meant}年"),
        ))
    }
}
