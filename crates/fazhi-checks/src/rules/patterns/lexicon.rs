//! The curated lexicon (lex.*): each hit of an enabled entry whose context
//! condition holds, at the entry's level.

use crate::lexicon::{LexEntry, LexGroup};
use crate::model::Severity;
use crate::rules::{fix, Cx};

pub(super) fn lexicon(cx: &mut Cx) {
    if !LexGroup::ALL.iter().any(|g| cx.on(g.rule())) {
        return;
    }
    let lists = cx.lists;
    // The library's severity for the whole group wins over the entry's level.
    let level_of = |cx: &Cx, e: &LexEntry| {
        cx.cfg
            .rules
            .get(e.group.rule())
            .and_then(|s| s.severity)
            .unwrap_or(e.level)
    };
    let hits = if lists.errors_only {
        let cx = &*cx;
        lists.lexicon.find_if_any(cx.t.s, |e| {
            cx.on(e.group.rule()) && level_of(cx, e) == Severity::Error
        })
    } else {
        lists.lexicon.find(cx.t.s)
    };
    for h in hits {
        let e = lists.lexicon.entry(h.entry);
        let rule = e.group.rule();
        if !cx.on(rule) {
            continue;
        }
        let severity = level_of(cx, e);
        let (s, end) = (cx.t.ci(h.start), cx.t.ci(h.end));
        let found = &cx.t.s[h.start..h.end];
        let advice = if e.suggestion.is_empty() {
            format!("建议删除“{found}”")
        } else {
            format!("建议改为“{}”", e.suggestion)
        };
        let why = if e.explanation.is_empty() {
            String::new()
        } else {
            format!("：{}", e.explanation)
        };
        let msg = format!("“{found}”{}{why}；{advice}", e.group.label());
        cx.emit_at(
            rule,
            severity,
            s,
            end,
            msg,
            fix(e.suggestion.clone(), false),
        );
    }
}
