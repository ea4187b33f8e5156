//! Citations (the outline's full name and period, the two rules' exact titles)
//! and the genre (报告 not 汇报, no 请示 inside a report).

use std::sync::LazyLock;

use regex::Regex;

use super::{char_after, char_before, has, re};
use crate::ids;
use crate::nodes::Kind;
use crate::rules::{fix, Cx};

static OUTLINE: LazyLock<Regex> =
    LazyLock::new(|| re(r"法治政府建设实施纲要(?P<paren>[(（][^()（）《》]{0,24}[)）])?"));
static MISPLACED_CLOSE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"〈法治政府建设实施纲要(?P<paren>[（(][^（()）]{4,16}[）)])(?P<tail>[^〈〉《》]{1,40})〉")
});
static HUIBAO: LazyLock<Regex> = LazyLock::new(|| re(r"汇报如下|现将[^。；]{0,60}?汇报"));
static QINGSHI: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?P<pre>妥否|当否|以上[^。]{0,10})?[，,]?请(?:予以?)?(?:批准|批示|审批|核准)(?P<post>[。！!]|$)?",
    )
});

pub(crate) const OUTLINE_PERIODS: [(i32, i32); 2] = [(2015, 2020), (2021, 2025)];
const LEADERS_RULE: &str = "党政主要负责人履行推进法治建设第一责任人职责规定";
const SUPERVISION_RULE: &str = "法治政府建设与责任落实督察工作规定";

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

/// The character before 法治政府建设实施纲要 ends a place name (省, 市, 区,
/// 县, 州, 盟, 旗, 乡, 镇): the outline is a local one.
fn local_outline(before: Option<char>) -> bool {
    matches!(
        before,
        Some('省' | '市' | '区' | '县' | '州' | '盟' | '旗' | '乡' | '镇')
    )
}

pub(super) fn citations(cx: &mut Cx) {
    if cx.on(ids::CITE_OUTLINE) {
        let mut hits = Vec::new();
        if cx.t.s.contains("法治政府建设实施纲要") {
            for m in OUTLINE.captures_iter(cx.t.s) {
                let Some(whole) = m.get(0) else { continue };
                // 《浙江省法治政府建设实施纲要（…）》, 《广东省法治政府建设实施纲要》:
                // a local outline has its own title and period, which this list
                // does not know; only the national one is checked.
                if local_outline(char_before(cx, whole.start())) {
                    continue;
                }
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
        }
        // 〈法治政府建设实施纲要（…年）的实施意见〉: the single title mark closes
        // after the outline's own title, not after the outer title's words.
        if cx.t.s.contains('〈') {
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
        }
        for (from, to, msg, right) in hits {
            let (s, e) = (cx.t.ci(from), cx.t.ci(to));
            let f = right.and_then(|(r, safe)| fix(r, safe));
            cx.emit(ids::CITE_OUTLINE, s, e, msg, f);
        }
    }
    if cx.on(ids::CITE_RULE_TITLE) && cx.t.s.contains('《') {
        let mut hits = Vec::new();
        for inner in super::titles(cx.t.s, 1..=120) {
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
                ids::CITE_RULE_TITLE,
                s,
                e,
                format!("法规名称不准确，应为《{right}》"),
                fix(right, false),
            );
        }
    }
}

pub(super) fn genre(cx: &mut Cx) {
    if cx.on(ids::GENRE_HUIBAO) && cx.t.s.contains("汇报") {
        let s = cx.t.s;
        let mut hits: Vec<(usize, usize)> = Vec::new();
        if s.contains("汇报如下") || s.contains("现将") {
            hits.extend(HUIBAO.find_iter(s).filter_map(|m| {
                let at = m.as_str().find("汇报")?;
                Some((m.start() + at, m.start() + at + "汇报".len()))
            }));
        }
        if cx.node.kind == Kind::Title {
            hits.extend(cx.t.s.match_indices("汇报").map(|(b, w)| (b, b + w.len())));
            hits.sort();
            hits.dedup();
        }
        for (from, to) in hits {
            let (s, e) = (cx.t.ci(from), cx.t.ci(to));
            cx.emit(
                ids::GENRE_HUIBAO,
                s,
                e,
                "本文是报告，应写“报告如下”“现将……报告如下”，不用“汇报”".into(),
                fix("报告", false),
            );
        }
    }
    if cx.on(ids::GENRE_QINGSHI)
        && cx.t.s.contains('请')
        && has(cx.t.s, &["批准", "批示", "审批", "核准"])
    {
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
                ids::GENRE_QINGSHI,
                s,
                e,
                "报告中不得夹带请示事项；需要上级批准的事项应另行请示".into(),
                None,
            );
        }
    }
}
