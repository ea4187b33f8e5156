//! The library's word lists: common typos and the right names of offices.

use crate::ids;
use crate::rules::{fix, Cx};

pub(super) fn words(cx: &mut Cx) {
    let mut hits = Vec::new();
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
        let msg = if what == "名称" {
            format!("“{wrong}”应写作规范名称“{right}”")
        } else {
            format!("“{wrong}”是{what}，应为“{right}”")
        };
        cx.emit(rule, s, e, msg, fix(right, false));
    }
}
