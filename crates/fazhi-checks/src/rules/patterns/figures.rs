//! Figures: percentages over 100 % that are not growth rates.

use std::sync::LazyLock;

use regex::Regex;

use super::{char_before, digit_before, re};
use crate::ids;
use crate::rules::Cx;

static PERCENT: LazyLock<Regex> = LazyLock::new(|| re(r"(?P<v>\d+(?:\.\d+)?)[ ]?[%％]"));

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

pub(super) fn percent(cx: &mut Cx) {
    if !cx.on(ids::FIGURE_PERCENT) {
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
            ids::FIGURE_PERCENT,
            s,
            e,
            format!("比率{v}%超过100%，只有增长率等才可能超过100%，请核对"),
            None,
        );
    }
}
