//! The library's word lists: common typos and the right names of offices.

use crate::ids;
use crate::rules::{fix, Cx};

/// The issuer's name without the character of its own level — 鲁山县人民政府 →
/// 鲁山人民政府, 呼中区教育局 → 呼中教育局 — and the whole name: a report that
/// names its own organ so has dropped a character of its official name. Only a
/// single organ whose name has at least two characters on either side of the
/// level character (浚县人民政府 has one) and no space (joint issuers).
fn issuer_short(issuer: &str) -> Option<(String, &str)> {
    let name = issuer.trim();
    if name.is_empty() || name.chars().any(char::is_whitespace) {
        return None;
    }
    let chars: Vec<char> = name.chars().collect();
    let at = (0..chars.len())
        .rev()
        .find(|&i| "省市县区旗州盟镇乡".contains(chars[i]) && !in_a_word(&chars, i))?;
    let (before, after) = (&chars[..at], &chars[at + 1..]);
    if before.len() < 2 || after.len() < 2 || !after.iter().all(|c| crate::text::is_han(*c)) {
        return None;
    }
    Some((before.iter().chain(after).collect(), name))
}

/// Whether the level character at `at` belongs to a word of the organ's own
/// name (市场监督管理局, 住房和城乡建设局, 城市管理局, 乡村振兴局, 社区), not
/// to its place: the place's level character stands before it.
fn in_a_word(chars: &[char], at: usize) -> bool {
    let next = chars.get(at + 1).copied();
    let prev = at.checked_sub(1).map(|p| chars[p]);
    matches!(
        (chars[at], next),
        ('市', Some('场' | '政')) | ('乡', Some('村'))
    ) || matches!(
        (prev, chars[at]),
        (Some('城'), '乡' | '市') | (Some('社' | '园' | '辖'), '区')
    )
}

pub(super) fn words(cx: &mut Cx) {
    let mut hits = Vec::new();
    if cx.on(ids::WORD_NAME) {
        if let Some((short, whole)) = issuer_short(cx.issuer) {
            for (b, _) in cx.t.s.match_indices(short.as_str()) {
                hits.push((
                    ids::WORD_NAME,
                    b,
                    b + short.len(),
                    "发文机关",
                    short.clone(),
                    whole.to_string(),
                ));
            }
        }
    }
    for (rule, list, what) in [
        (ids::WORD_TYPO, &cx.lists.typos, "错别字"),
        (ids::WORD_NAME, &cx.lists.names, "名称"),
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
        let msg = if what == "发文机关" {
            format!("机关名称不全：本报告发文机关为“{right}”，此处写作“{wrong}”")
        } else if what == "名称" {
            format!("“{wrong}”应写作规范名称“{right}”")
        } else {
            format!("“{wrong}”是{what}，应为“{right}”")
        };
        cx.emit(rule, s, e, msg, fix(right, false));
    }
}
