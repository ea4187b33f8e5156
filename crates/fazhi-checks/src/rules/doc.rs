//! Document rules: statutory parts present and substantive, list numbering in
//! text that is not yet structured, and the same quantity stated alike.

use std::collections::HashMap;
use std::sync::LazyLock;

use fazhi_core::numbering::{chinese_numeral, prefix};
use fazhi_core::{Document, Part, Role, Section};
use regex::Regex;

use super::{Cx, Facts, Marker, Quantity};
use crate::config::RuleConfig;
use crate::ids;
use crate::model::{Finding, Location};
use crate::nodes::{Kind, Node};
use crate::registry;
use crate::text::is_han;

static QUANTITY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?P<num>\d+(?:\.\d+)?)(?P<unit>人次|万元|亿元|项|件|个|场|人|次|家|份|户|名|所|条|篇|期)",
    )
    .unwrap_or_else(|e| panic!("bad quantity pattern: {e}"))
});
static SENTENCE_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:19|20)\d\d").unwrap_or_else(|e| panic!("{e}")));

/// Sentences that compare or split figures legitimately hold several numbers
/// for the same thing.
const COMPARISON: [&str; 14] = [
    "同比",
    "比上年",
    "较上年",
    "增长",
    "下降",
    "减少",
    "增加",
    "缩短",
    "提高",
    "由",
    "累计",
    "其中",
    "分别",
    "较",
];

const HAN_NUMERALS: &str = "一二三四五六七八九十";

pub(crate) fn han_value(s: &str) -> Option<usize> {
    let d = |c: char| HAN_NUMERALS.chars().position(|x| x == c).map(|p| p + 1);
    let chars: Vec<char> = s.chars().collect();
    match chars.as_slice() {
        [c] => d(*c),
        ['十', u] => Some(10 + d(*u)?),
        [t, '十'] => Some(d(*t)? * 10),
        [t, '十', u] => Some(d(*t)? * 10 + d(*u)?),
        _ => None,
    }
}

fn numeral_run(chars: &[char], from: usize) -> usize {
    let mut j = from;
    while j < chars.len() && j - from < 3 && HAN_NUMERALS.contains(chars[j]) {
        j += 1;
    }
    j
}

/// The node's list markers and quantities (kept per node by the checker).
pub(crate) fn facts(cx: &Cx) -> Facts {
    let mut f = Facts::default();
    if cx.node.kind != Kind::Paragraph {
        return f;
    }
    let chars = &cx.t.chars;
    // 一是、二是…: only where a clause starts, so that 统一是 is not read as 一是.
    for i in 0..chars.len() {
        let starts_clause = i == 0
            || matches!(
                chars[i - 1],
                '，' | '。'
                    | '；'
                    | '：'
                    | '、'
                    | '“'
                    | '（'
                    | '('
                    | ' '
                    | '\u{3000}'
                    | ','
                    | ';'
                    | ':'
            );
        if !starts_clause || !HAN_NUMERALS.contains(chars[i]) {
            continue;
        }
        let j = numeral_run(chars, i);
        if chars.get(j) != Some(&'是') {
            continue;
        }
        let num: String = chars[i..j].iter().collect();
        if let Some(value) = han_value(&num) {
            f.list_markers.push(Marker {
                level: 0,
                value,
                start: i,
                end: j + 1,
                text: format!("{num}是"),
            });
        }
    }
    f.lead = lead_marker(chars);
    // Read only by the figures rule (its pattern is not compiled while the rule is off).
    if cx.on(ids::FIGURE_INCONSISTENT) {
        f.quantities = quantities(cx);
    }
    f
}

fn lead_marker(chars: &[char]) -> Option<Marker> {
    let s = chars
        .iter()
        .position(|c| !matches!(c, ' ' | '\u{3000}' | '\t'))?;
    let open = |c: char| c == '（' || c == '(';
    let close = |c: Option<&char>| matches!(c, Some('）' | ')'));
    let mk = |level, value, end: usize| Marker {
        level,
        value,
        start: s,
        end,
        text: chars[s..end].iter().collect(),
    };
    let c0 = chars[s];
    if HAN_NUMERALS.contains(c0) {
        let j = numeral_run(chars, s);
        if chars.get(j) == Some(&'、') {
            let v = han_value(&chars[s..j].iter().collect::<String>())?;
            return Some(mk(1, v, j + 1));
        }
        return None;
    }
    if open(c0) {
        let inner = s + 1;
        if chars.get(inner).is_some_and(|c| HAN_NUMERALS.contains(*c)) {
            let j = numeral_run(chars, inner);
            if close(chars.get(j)) {
                let v = han_value(&chars[inner..j].iter().collect::<String>())?;
                return Some(mk(2, v, j + 1));
            }
        }
        let mut j = inner;
        while j < chars.len() && j - inner < 2 && chars[j].is_ascii_digit() {
            j += 1;
        }
        if j > inner && close(chars.get(j)) {
            let v: usize = chars[inner..j].iter().collect::<String>().parse().ok()?;
            return Some(mk(4, v, j + 1));
        }
        return None;
    }
    if c0.is_ascii_digit() {
        let mut j = s;
        while j < chars.len() && j - s < 2 && chars[j].is_ascii_digit() {
            j += 1;
        }
        // 1. and 1、 open an item; 1.5亿 is a decimal.
        if matches!(chars.get(j), Some('.' | '．' | '、'))
            && !chars.get(j + 1).is_some_and(|c| c.is_ascii_digit())
        {
            let v: usize = chars[s..j].iter().collect::<String>().parse().ok()?;
            return Some(mk(3, v, j + 1));
        }
    }
    None
}

fn quantities(cx: &Cx) -> Vec<Quantity> {
    let s = cx.t.s;
    let mut out = Vec::new();
    for m in QUANTITY.captures_iter(s) {
        let (Some(num), Some(unit)) = (m.name("num"), m.name("unit")) else {
            continue;
        };
        let head = &s[..num.start()];
        if head.ends_with(|c: char| c.is_ascii_digit() || c == '.') {
            continue;
        }
        let mut label: Vec<char> = head
            .chars()
            .rev()
            .take_while(|c| is_han(*c))
            .take(8)
            .collect();
        label.reverse();
        while label
            .last()
            .is_some_and(|c| "共达为计约了有和及近超".contains(*c))
        {
            label.pop();
        }
        let cut = label.len().saturating_sub(6);
        // What the cut label leaves out, less counting and time words.
        let qualifier: String = label[..cut]
            .iter()
            .filter(|c| !"共达为计约了有和及近超累全年度月".contains(**c))
            .collect();
        let label: String = label[cut..].iter().collect();
        if label.chars().count() < 4 {
            continue;
        }
        // The sentence around the figure.
        let from = head
            .char_indices()
            .rev()
            .find(|(_, c)| matches!(c, '。' | '；' | '！' | '？'))
            .map(|(b, c)| b + c.len_utf8())
            .unwrap_or(0);
        let to = s[num.end()..]
            .find(['。', '；', '！', '？'])
            .map(|b| num.end() + b)
            .unwrap_or(s.len());
        let sentence = &s[from..to];
        if COMPARISON.iter().any(|w| sentence.contains(w)) {
            continue;
        }
        let years: Vec<&str> = SENTENCE_YEAR
            .find_iter(sentence)
            .map(|y| y.as_str())
            .collect();
        out.push(Quantity {
            key: format!("{label}|{}|{}", unit.as_str(), years.join(",")),
            qualifier,
            value: num.as_str().to_string(),
            start: cx.t.ci(num.start()),
            end: cx.t.ci(unit.end()),
        });
    }
    out
}

fn finding(
    cfg: &RuleConfig,
    rule: &'static str,
    node: &str,
    (start, end): (usize, usize),
    text: String,
    message: String,
) -> Option<Finding> {
    if !cfg.is_enabled(rule) {
        return None;
    }
    let def = registry::def_of_emitted(rule)?;
    Some(Finding {
        id: String::new(),
        rule: rule.into(),
        category: def.category,
        severity: cfg.severity(rule),
        message,
        location: Location {
            node_id: node.to_string(),
            start,
            end,
        },
        text,
        fix: None,
    })
}

fn part_text(part: &Part) -> String {
    fn walk(s: &Section, out: &mut String) {
        for p in &s.paragraphs {
            out.push_str(&p.text);
            out.push('\n');
        }
        for c in &s.sections {
            walk(c, out);
        }
    }
    let mut out = String::new();
    for p in &part.paragraphs {
        out.push_str(&p.text);
        out.push('\n');
    }
    for s in &part.sections {
        walk(s, &mut out);
    }
    out
}

/// Words that state a cause in a 不足和原因 part.
const CAUSE_WORDS: [&str; 8] = [
    "原因",
    "由于",
    "因为",
    "根源",
    "究其",
    "归因",
    "主要在于",
    "之所以",
];
const LEADERS: [&str; 13] = [
    "书记",
    "市长",
    "县长",
    "区长",
    "省长",
    "州长",
    "旗长",
    "乡长",
    "镇长",
    "主要负责人",
    "主要领导",
    "第一责任人",
    "负责同志",
];
const LEADER_ACTIONS: [&str; 14] = [
    "亲自", "主持", "带头", "听取", "研究", "部署", "召开", "批示", "督促", "专题", "审定", "签批",
    "调研", "讲授",
];

pub(crate) fn document(
    doc: &Document,
    nodes: &[(Node, &Facts)],
    cfg: &RuleConfig,
    out: &mut Vec<Finding>,
) {
    structure(doc, cfg, out);
    heading_ends(doc, cfg, out);
    numbering(nodes, cfg, out);
    figures(doc, nodes, cfg, out);
}

fn structure(doc: &Document, cfg: &RuleConfig, out: &mut Vec<Finding>) {
    for part in &doc.parts {
        if part.role == Role::Other {
            continue;
        }
        let text = part_text(part);
        if text.trim().is_empty() {
            out.extend(finding(
                cfg,
                ids::STRUCTURE_EMPTY_PART,
                &part.id,
                (0, part.heading.chars().count()),
                part.heading.clone(),
                format!(
                    "法定部分“{}”没有内容（《法治政府建设与责任落实督察工作规定》第二十五条）",
                    part.role.label()
                ),
            ));
            continue;
        }
        match part.role {
            Role::Shortcomings if !CAUSE_WORDS.iter().any(|w| text.contains(w)) => {
                out.extend(finding(
                    cfg,
                    ids::STRUCTURE_NO_CAUSES,
                    &part.id,
                    (0, part.heading.chars().count()),
                    part.heading.clone(),
                    "“存在的不足和原因”部分只列了问题，没有分析原因；应写明产生不足的原因".into(),
                ));
            }
            Role::Leadership
                if !(LEADERS.iter().any(|w| text.contains(w))
                    && LEADER_ACTIONS.iter().any(|w| text.contains(w))) =>
            {
                out.extend(finding(
                    cfg,
                    ids::STRUCTURE_LEADERSHIP_ACTIONS,
                    &part.id,
                    (0, part.heading.chars().count()),
                    part.heading.clone(),
                    "本部分应写明党政主要负责人本人履行第一责任人职责的具体情况（如亲自部署、主持研究、听取汇报）".into(),
                ));
            }
            _ => {}
        }
    }
}

/// Sibling section headings end alike: all with 。 (usual for headings run
/// into their text) or none. The minority is flagged; a tie follows the
/// report's heading style.
fn heading_ends(doc: &Document, cfg: &RuleConfig, out: &mut Vec<Finding>) {
    if !cfg.is_enabled(ids::PUNCT_HEADING_END) {
        return;
    }
    let run_in = doc.settings.heading_style == fazhi_core::model::HeadingStyle::RunIn;
    fn siblings(list: &[Section], run_in: bool, cfg: &RuleConfig, out: &mut Vec<Finding>) {
        let headed: Vec<(&Section, bool)> = list
            .iter()
            .filter(|s| !s.heading.trim().is_empty())
            .map(|s| (s, s.heading.trim_end().ends_with('。')))
            .collect();
        let with = headed.iter().filter(|(_, p)| *p).count();
        let without = headed.len() - with;
        if with > 0 && without > 0 {
            let want_period = with > without || (with == without && run_in);
            for (s, has) in &headed {
                if *has == want_period {
                    continue;
                }
                let trimmed: Vec<char> = s.heading.trim_end().chars().collect();
                let end = trimmed.len();
                let last = trimmed[end - 1];
                let (message, replacement) = if *has {
                    (
                        format!("同级小标题末尾标点不一致：本级{}个小标题中{without}个不以“。”结尾，此标题却有“。”；应统一", headed.len()),
                        String::new(),
                    )
                } else {
                    (
                        format!("同级小标题末尾标点不一致：本级{}个小标题中{with}个以“。”结尾，此标题没有；应统一", headed.len()),
                        format!("{last}。"),
                    )
                };
                if let Some(mut f) = finding(
                    cfg,
                    ids::PUNCT_HEADING_END,
                    &s.id,
                    (end - 1, end),
                    last.to_string(),
                    message,
                ) {
                    f.fix = super::fix(replacement, false);
                    out.push(f);
                }
            }
        }
        for s in list {
            siblings(&s.sections, run_in, cfg, out);
        }
    }
    for part in &doc.parts {
        siblings(&part.sections, run_in, cfg, out);
    }
}

fn numbering(nodes: &[(Node, &Facts)], cfg: &RuleConfig, out: &mut Vec<Finding>) {
    let mut container: Option<(Option<&str>, crate::nodes::Place)> = None;
    let mut last_list = 0usize;
    let mut counters = [0usize; 5];
    for (node, facts) in nodes {
        if node.kind != Kind::Paragraph {
            continue;
        }
        let key = (node.container, node.place);
        if container != Some(key) {
            container = Some(key);
            last_list = 0;
            counters = [0; 5];
        }
        for m in &facts.list_markers {
            let n = m.value;
            let name = |v: usize| format!("{}是", chinese_numeral(v));
            let msg = if n == 1 {
                None
            } else if n == last_list {
                Some(format!("序号“{}”重复出现", name(n)))
            } else if last_list > 0 && n > last_list + 1 {
                Some(format!(
                    "序号跳号：“{}”之后是“{}”，缺少“{}”",
                    name(last_list),
                    name(n),
                    name(last_list + 1)
                ))
            } else if last_list > 0 && n < last_list {
                Some(format!(
                    "序号顺序颠倒：“{}”之后又出现“{}”",
                    name(last_list),
                    name(n)
                ))
            } else {
                None
            };
            if let Some(msg) = msg {
                out.extend(finding(
                    cfg,
                    ids::NUMBERING_SEQUENCE,
                    node.id,
                    (m.start, m.end),
                    m.text.clone(),
                    msg,
                ));
            }
            last_list = n;
        }
        let Some(m) = &facts.lead else { continue };
        let l = m.level;
        let name = |v: usize| prefix(l, v.saturating_sub(1));
        let prev = counters[l];
        let msg = if prev > 0 && m.value == prev {
            Some(format!("序号“{}”重复出现", name(m.value)))
        } else if prev > 0 && m.value > prev + 1 {
            Some(format!(
                "序号跳号：“{}”之后是“{}”，缺少“{}”（GB/T 9704—2012 7.3.3）",
                name(prev),
                name(m.value),
                name(prev + 1)
            ))
        } else if prev == 0 && m.value > 1 && l > 1 && counters[l - 1] > 0 {
            Some(format!("序号从“{}”开始，缺少“{}”", name(m.value), name(1)))
        } else {
            None
        };
        if let Some(msg) = msg {
            out.extend(finding(
                cfg,
                ids::NUMBERING_SEQUENCE,
                node.id,
                (m.start, m.end),
                m.text.clone(),
                msg,
            ));
        }
        // Level check: under a part (level 1) text starts at （一）; a 1. needs a
        // （一） above it, and a part may not contain another 一、.
        let under = node.level;
        let skipped = l > under + 1 && counters[l - 1] == 0;
        let repeated = under >= 1 && l <= under;
        if skipped || repeated {
            let expected = prefix(under + 1, 0);
            let msg = if repeated {
                format!(
                    "此段位于第{under}级标题之下，却以第{l}级序号“{}”开头，层次重复；下一层应使用“{expected}”（GB/T 9704—2012 7.3.3）",
                    m.text
                )
            } else {
                format!(
                    "序号跳级：此处应先用“{expected}”一级，再用“{}”（GB/T 9704—2012 7.3.3）",
                    m.text
                )
            };
            out.extend(finding(
                cfg,
                ids::NUMBERING_LEVEL,
                node.id,
                (m.start, m.end),
                m.text.clone(),
                msg,
            ));
        }
        counters[l] = m.value;
        for c in counters.iter_mut().skip(l + 1) {
            *c = 0;
        }
    }
}

fn figures(doc: &Document, nodes: &[(Node, &Facts)], cfg: &RuleConfig, out: &mut Vec<Finding>) {
    if !cfg.is_enabled(ids::FIGURE_INCONSISTENT) {
        return;
    }
    let mut first: HashMap<&str, (&Quantity, &str)> = HashMap::new();
    for (node, facts) in nodes {
        for q in &facts.quantities {
            match first.get(q.key.as_str()) {
                None => {
                    first.insert(&q.key, (q, node.id));
                }
                // 县政府规范性文件备案6件，县政府部门规范性文件备案2件: not one figure.
                Some((f, _))
                    if !f.qualifier.is_empty()
                        && !q.qualifier.is_empty()
                        && f.qualifier != q.qualifier => {}
                Some((f, at)) if f.value != q.value => {
                    let label = q.key.split('|').next().unwrap_or_default();
                    let unit = q.key.split('|').nth(1).unwrap_or_default();
                    let place = crate::nodes::node_label(doc, at).unwrap_or_default();
                    out.extend(finding(
                        cfg,
                        ids::FIGURE_INCONSISTENT,
                        node.id,
                        (q.start, q.end),
                        format!("{}{unit}", q.value),
                        format!(
                            "“{label}”在{place}写的是{}{unit}，此处是{}{unit}，同一数量前后应一致，请核对",
                            f.value, q.value
                        ),
                    ));
                }
                Some(_) => {}
            }
        }
    }
}
