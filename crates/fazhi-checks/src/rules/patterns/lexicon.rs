//! The curated lexicon (lex.*): each hit of an enabled entry whose context
//! condition holds, at the entry's level.

use crate::lexicon::LexGroup;
use crate::rules::{fix, Cx};

pub(super) fn lexicon(cx: &mut Cx) {
    if !LexGroup::ALL.iter().any(|g| cx.on(g.rule())) {
        return;
    }
    let lists = cx.lists;
    for h in lists.lexicon.find(cx.t.s) {
        let e = lists.lexicon.entry(h.entry);
        let rule = e.group.rule();
        if !cx.on(rule) {
            continue;
        }
        // The library's severity for the whole group wins over the entry's level.
        let severity = cx
            .cfg
            .rules
            .get(rule)
            .and_then(|s| s.severity)
            .unwrap_or(e.level);
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
