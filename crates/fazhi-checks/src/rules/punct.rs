//! Punctuation rules (GB/T 15834—2011): half-width marks in Chinese text,
//! unbalanced pairs, nested book titles, 顿号 between titles, stray spaces,
//! full-width digits and letters, punctuation closing a title.

use super::{fix, Cx};
use crate::ids;
use crate::nodes::Kind;
use crate::text::{in_spans, is_chinese, is_fullwidth_alnum, is_han, url_spans};

pub(crate) fn run(cx: &mut Cx) {
    halfwidth(cx);
    unbalanced(cx);
    nested_titles(cx);
    title_dunhao(cx);
    spaces(cx);
    fullwidth_alnum(cx);
    title_end(cx);
}

fn full_form(c: char) -> Option<(char, &'static str, &'static str)> {
    Some(match c {
        ',' => ('，', "逗号", "4.4"),
        ';' => ('；', "分号", "4.6"),
        ':' => ('：', "冒号", "4.7"),
        '?' => ('？', "问号", "4.2"),
        '!' => ('！', "叹号", "4.3"),
        '(' => ('（', "括号", "4.9"),
        ')' => ('）', "括号", "4.9"),
        _ => return None,
    })
}

/// The nearest char before/after `i`, skipping ASCII spaces.
fn neighbours(cx: &Cx, i: usize) -> (Option<char>, Option<char>) {
    let chars = &cx.t.chars;
    let prev = chars[..i].iter().rev().find(|c| **c != ' ').copied();
    let next = chars[i + 1..].iter().find(|c| **c != ' ').copied();
    (prev, next)
}

fn halfwidth(cx: &mut Cx) {
    if !cx.on(ids::PUNCT_HALFWIDTH) {
        return;
    }
    let n = cx.t.len();
    let urls = url_spans(&cx.t);
    let is_cn = |c: Option<char>| c.is_some_and(is_chinese);
    // Parentheses are decided per pair: a pair is Chinese when what it encloses
    // or what surrounds it is.
    let mut paren_cn = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    for i in 0..n {
        match cx.t.chars[i] {
            '(' => stack.push(i),
            ')' => {
                let (_, next) = neighbours(cx, i);
                if let Some(o) = stack.pop() {
                    let (prev, _) = neighbours(cx, o);
                    let cn = cx.t.chars[o + 1..i].iter().any(|c| is_chinese(*c))
                        || is_cn(prev)
                        || is_cn(next);
                    paren_cn[o] = cn;
                    paren_cn[i] = cn;
                } else {
                    let (prev, _) = neighbours(cx, i);
                    paren_cn[i] = is_cn(prev) || is_cn(next);
                }
            }
            _ => {}
        }
    }
    for o in stack {
        let (prev, next) = neighbours(cx, o);
        paren_cn[o] = is_cn(prev) || is_cn(next);
    }
    for (i, &is_paren_cn) in paren_cn.iter().enumerate() {
        let c = cx.t.chars[i];
        let Some((full, name, clause)) = full_form(c) else {
            continue;
        };
        if in_spans(&urls, i) || in_spans(&cx.claimed, i) {
            continue;
        }
        let (prev, next) = neighbours(cx, i);
        let chinese = match c {
            '(' | ')' => is_paren_cn,
            // 1,000 and 14:30 stand between digits and are not Chinese punctuation.
            ',' | ':'
                if prev.is_some_and(|p| p.is_ascii_digit())
                    && next.is_some_and(|p| p.is_ascii_digit()) =>
            {
                false
            }
            _ => is_cn(prev) || is_cn(next),
        };
        if !chinese {
            continue;
        }
        cx.emit(
            ids::PUNCT_HALFWIDTH,
            i,
            i + 1,
            format!(
                "中文语境中应使用全角{name}“{full}”，不用半角“{c}”（GB/T 15834—2011 {clause}）"
            ),
            fix(full.to_string(), true),
        );
    }
}

fn unbalanced(cx: &mut Cx) {
    if !cx.on(ids::PUNCT_UNBALANCED) {
        return;
    }
    const PAIRS: [(char, char, &str); 6] = [
        ('（', '）', "括号"),
        ('“', '”', "引号"),
        ('‘', '’', "引号"),
        ('《', '》', "书名号"),
        ('〈', '〉', "书名号"),
        ('【', '】', "方头括号"),
    ];
    let norm = |c: char| match c {
        '(' => '（',
        ')' => '）',
        other => other,
    };
    let mut bad: Vec<(usize, String)> = Vec::new();
    for (open, close, name) in PAIRS {
        let mut stack = Vec::new();
        for (i, c) in cx.t.chars.iter().enumerate() {
            let c = norm(*c);
            if c == open {
                stack.push(i);
            } else if c == close && stack.pop().is_none() {
                bad.push((i, format!("{name}不成对：“{close}”前面缺少“{open}”")));
            }
        }
        for i in stack {
            bad.push((i, format!("{name}不成对：“{open}”后面缺少“{close}”")));
        }
    }
    bad.sort();
    for (i, msg) in bad {
        cx.emit(
            ids::PUNCT_UNBALANCED,
            i,
            i + 1,
            format!("{msg}（GB/T 15834—2011）"),
            None,
        );
    }
}

/// Text of the national outline title, to tell where a misplaced 〉 belongs.
const OUTLINE_NAME: &str = "法治政府建设实施纲要";

fn nested_titles(cx: &mut Cx) {
    if !cx.on(ids::PUNCT_NESTED_TITLE) {
        return;
    }
    let chars = cx.t.chars.clone();
    let mut depth = 0usize;
    let mut outer_start = 0usize;
    let mut inner_open: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '《' => {
                if depth == 0 {
                    outer_start = i;
                } else {
                    inner_open.push(i);
                }
                depth += 1;
            }
            '》' if depth > 0 => {
                depth -= 1;
                if depth > 0 {
                    if let Some(o) = inner_open.pop() {
                        let msg =
                            "书名号内再用书名号时，里层应用单书名号〈〉（GB/T 15834—2011 4.15）";
                        cx.emit(
                            ids::PUNCT_NESTED_TITLE,
                            o,
                            o + 1,
                            msg.into(),
                            fix("〈", true),
                        );
                        cx.emit(
                            ids::PUNCT_NESTED_TITLE,
                            i,
                            i + 1,
                            msg.into(),
                            fix("〉", true),
                        );
                    }
                } else {
                    angle_pairs(cx, &chars, outer_start, i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    // ASCII < > standing for a book title outside any 《》.
    let mut depth = 0usize;
    for (i, c) in chars.iter().enumerate() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            '<' | '>' if depth == 0 => {
                let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
                let next = chars.get(i + 1).copied();
                if prev.is_some_and(is_han) || next.is_some_and(is_han) {
                    cx.emit(
                        ids::PUNCT_NESTED_TITLE,
                        i,
                        i + 1,
                        format!("中文中的“{c}”不是标点符号：书名应使用书名号《》，书名内的书名用〈〉（GB/T 15834—2011 4.15）"),
                        None,
                    );
                }
            }
            _ => {}
        }
    }
}

/// `<` and `>` inside one 《…》: the single book-title marks written in ASCII.
fn angle_pairs(cx: &mut Cx, chars: &[char], from: usize, to: usize) {
    let lt: Vec<usize> = (from..to).filter(|&j| chars[j] == '<').collect();
    let gt: Vec<usize> = (from..to).filter(|&j| chars[j] == '>').collect();
    if lt.is_empty() && gt.is_empty() {
        return;
    }
    let unambiguous = lt.len() == 1 && gt.len() == 1 && lt[0] < gt[0];
    let mut hint = String::new();
    if unambiguous {
        let inner: String = chars[lt[0] + 1..gt[0]].iter().collect();
        // 〈法治政府建设实施纲要（…年）的实施意见〉: the closing mark belongs after the
        // outline's own title, not at the end of the outer one.
        if let Some(rest) = inner.strip_prefix(OUTLINE_NAME) {
            if let Some((close, c)) = rest.char_indices().find(|(_, c)| matches!(c, ')' | '）')) {
                let end = close + c.len_utf8();
                let tail = &rest[end..];
                if !tail.is_empty() {
                    hint = format!(
                        "；另：被引的书名是“{OUTLINE_NAME}{}”，“〉”应紧接其后，而不是在“{tail}”之后",
                        &rest[..end]
                    );
                }
            }
        }
    }
    for j in lt.iter().chain(&gt) {
        let (right, c) = if chars[*j] == '<' {
            ('〈', '<')
        } else {
            ('〉', '>')
        };
        cx.emit(
            ids::PUNCT_NESTED_TITLE,
            *j,
            *j + 1,
            format!(
                "书名号内的书名应使用单书名号“{right}”，不用“{c}”（GB/T 15834—2011 4.15）{hint}"
            ),
            if unambiguous {
                fix(right.to_string(), true)
            } else {
                None
            },
        );
    }
}

fn title_dunhao(cx: &mut Cx) {
    if !cx.on(ids::PUNCT_TITLE_DUNHAO) {
        return;
    }
    let chars = cx.t.chars.clone();
    for i in 1..chars.len().saturating_sub(1) {
        let titles = chars[i - 1] == '》' && chars[i + 1] == '《';
        let quotes = chars[i - 1] == '”' && chars[i + 1] == '“';
        if chars[i] == '、' && (titles || quotes) {
            let what = if titles { "书名号" } else { "引号" };
            cx.emit(
                ids::PUNCT_TITLE_DUNHAO,
                i,
                i + 1,
                format!("标有{what}的并列成分之间一般不用顿号（GB/T 15834—2011 4.5.3.5）"),
                fix("", false),
            );
        }
    }
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\u{3000}' | '\u{00A0}' | '\t')
}

/// Where a paragraph's quote marks and Han characters are, so that
/// [`Quotes::inside_title`] answers for each of its spaces in constant time (it
/// scanned the paragraph from every space: 40,000 spaces took 22 s).
struct Quotes {
    /// Per position, the last “ 《 ” 》 before it.
    last_mark: Vec<Option<usize>>,
    /// Per position, the next ” and the next 》 at or after it.
    next_close: Vec<(Option<usize>, Option<usize>)>,
    /// Han characters before each position (one more entry than `chars`).
    han_before: Vec<usize>,
}

impl Quotes {
    fn of(chars: &[char]) -> Self {
        let mut last_mark = Vec::with_capacity(chars.len());
        let mut han_before = Vec::with_capacity(chars.len() + 1);
        let (mut mark, mut han) = (None, 0);
        for (i, &c) in chars.iter().enumerate() {
            last_mark.push(mark);
            han_before.push(han);
            if matches!(c, '“' | '《' | '”' | '》') {
                mark = Some(i);
            }
            han += usize::from(crate::text::is_han(c));
        }
        han_before.push(han);
        let mut next_close = vec![(None, None); chars.len()];
        let (mut quote, mut title) = (None, None);
        for (i, &c) in chars.iter().enumerate().rev() {
            match c {
                '”' => quote = Some(i),
                '》' => title = Some(i),
                _ => {}
            }
            next_close[i] = (quote, title);
        }
        Quotes {
            last_mark,
            next_close,
            han_before,
        }
    }

    /// Whether position `at` lies inside “…” or 《…》 with at least four Han
    /// characters on each side of it before the marks.
    fn inside_title(&self, chars: &[char], at: usize) -> bool {
        let Some(o) = self.last_mark[at].filter(|&o| matches!(chars[o], '“' | '《')) else {
            return false;
        };
        let (quote, title) = self.next_close[at];
        let Some(c) = (if chars[o] == '“' { quote } else { title }) else {
            return false;
        };
        let han = |a: usize, b: usize| self.han_before[b] - self.han_before[a];
        han(o + 1, at) >= 4 && han(at, c) >= 4
    }
}

/// Organ names end so (中共浚县县委, 浚县人民政府, 国务院办公厅, 市司法局).
const ORGAN_ENDS: [&str; 11] = [
    "委",
    "政府",
    "办公厅",
    "办公室",
    "局",
    "部",
    "厅",
    "委员会",
    "法院",
    "检察院",
    "院",
];

/// Whether the space at `start..end` separates two organ names, as joint issuers
/// are written (中共浚县县委 浚县人民政府关于…的报告; 中共中央办公厅 国务院办公厅印发):
/// the Han run before it ends as an organ name does, and the Han run after it
/// holds one that ends right before 关于, 印发, 联合, 的 or the run's end.
fn joint_organs(chars: &[char], start: usize, end: usize) -> bool {
    let ends_organ = |run: &[char]| {
        let s: String = run.iter().collect();
        run.len() >= 2 && ORGAN_ENDS.iter().any(|e| s.ends_with(e))
    };
    let before: Vec<char> = {
        let from = chars[..start]
            .iter()
            .rposition(|c| !crate::text::is_han(*c))
            .map_or(0, |p| p + 1);
        chars[from..start].to_vec()
    };
    if !ends_organ(&before) {
        return false;
    }
    let after: Vec<char> = chars[end..]
        .iter()
        .take_while(|c| crate::text::is_han(**c))
        .copied()
        .collect();
    (2..=after.len().min(24)).any(|n| {
        let rest: String = after[n..].iter().collect();
        ends_organ(&after[..n])
            && (rest.is_empty()
                || ["关于", "印发", "联合", "的"]
                    .iter()
                    .any(|w| rest.starts_with(w)))
    })
}

fn spaces(cx: &mut Cx) {
    // Names in 签发人/署名 are padded with spaces on purpose (张  三).
    if !cx.on(ids::PUNCT_SPACE) || cx.node.kind == Kind::Meta {
        return;
    }
    let chars = cx.t.chars.clone();
    if !chars.iter().any(|c| is_space(*c)) {
        return;
    }
    let quotes = Quotes::of(&chars);
    let mut i = 0;
    while i < chars.len() {
        if !is_space(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_space(chars[i]) {
            i += 1;
        }
        let prev = start.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i).copied();
        // “学习贯彻安全生产法 牢固树立安全发展理念”: inside quotes or a book
        // title a space separating two headline phrases is the title's own.
        if quotes.inside_title(&chars, start) || joint_organs(&chars, start, i) {
            continue;
        }
        // 2025 年: a space between a number and its unit is stray too.
        let digit_unit = prev.is_some_and(|c| c.is_ascii_digit())
            && next.is_some_and(|c| "年月日号个件次项人名家元万亿%".contains(c));
        if digit_unit || (prev.is_some_and(is_chinese) && next.is_some_and(is_chinese)) {
            cx.emit(
                ids::PUNCT_SPACE,
                start,
                i,
                "中文文字之间不应有空格".into(),
                fix("", true),
            );
        }
    }
}

fn fullwidth_alnum(cx: &mut Cx) {
    if !cx.on(ids::PUNCT_FULLWIDTH_ALNUM) {
        return;
    }
    let chars = cx.t.chars.clone();
    let mut i = 0;
    while i < chars.len() {
        if !is_fullwidth_alnum(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_fullwidth_alnum(chars[i]) {
            i += 1;
        }
        let half: String = chars[start..i]
            .iter()
            .filter_map(|c| char::from_u32(*c as u32 - 0xFEE0))
            .collect();
        cx.emit(
            ids::PUNCT_FULLWIDTH_ALNUM,
            start,
            i,
            format!("数字和字母应使用半角“{half}”，不用全角（GB/T 15835—2011）"),
            fix(half, true),
        );
    }
}

fn title_end(cx: &mut Cx) {
    if !cx.on(ids::PUNCT_TITLE_END) || cx.node.kind != Kind::Title {
        return;
    }
    let trimmed = cx.t.s.trim_end().chars().count();
    let mut start = trimmed;
    while start > 0
        && matches!(
            cx.t.chars[start - 1],
            '。' | '，' | '；' | '：' | '、' | '.' | ',' | ';' | ':'
        )
    {
        start -= 1;
    }
    if start < trimmed {
        cx.emit(
            ids::PUNCT_TITLE_END,
            start,
            trimmed,
            "公文标题末尾不加标点（GB/T 9704—2012 7.3.1）".into(),
            fix("", true),
        );
    }
}
