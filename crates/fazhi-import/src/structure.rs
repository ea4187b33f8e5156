//! Text blocks → report structure: chrome, title, addressee, preface, parts
//! mapped to statutory roles, nested sections, closing, signature and date.
//!
//! Heading levels are not fixed by the numbering form: offices write 1. right
//! under 一、 or 一是 instead of （一）. A stack of the forms met so far in the
//! current part decides: a form already on the stack is a sibling at that
//! depth, a new form opens the next level down.

use fazhi_core::model::{DocSettings, HeadingStyle, DOC_SCHEMA_VERSION};
use fazhi_core::numbering::MAX_LEVEL;
use fazhi_core::{template, Document, Paragraph, Part, Role, Section};

use crate::{
    chrome, infer, ImportError, ImportFormat, ImportOptions, ImportResult, ImportedComment,
    Recognised, RecognisedKind, Removed, Uncertain, ValueSource,
};

/// Longest heading sentence split from a run-in paragraph.
const MAX_RUN_IN_HEADING: usize = 80;
/// Longest line taken as a heading when it carries no 。.
const MAX_OWN_LINE_HEADING: usize = 60;
/// Paragraphs longer than this are cut (the validator's limit is 50 000).
const MAX_PARAGRAPH: usize = 40_000;

/// A paragraph of the source with what its format says about it.
#[derive(Debug, Clone, Default)]
pub struct Block {
    pub text: String,
    /// DOCX outline level (0 = top) from the paragraph or its style.
    pub outline: Option<u8>,
    /// DOCX "Title" style.
    pub title_style: bool,
}

/// A comment before its anchor is mapped to a node.
#[derive(Debug, Clone, Default)]
pub struct RawComment {
    pub author: String,
    pub date: Option<String>,
    pub text: String,
    pub anchor_text: String,
    pub block: Option<usize>,
    pub reply_to: Option<u32>,
}

#[derive(Debug, Default)]
pub struct Input {
    pub blocks: Vec<Block>,
    /// Chrome already taken out by the format reader (e.g. HTML navigation).
    pub removed: Vec<Removed>,
    pub comments: Vec<RawComment>,
}

impl Input {
    pub fn from_text(text: &str) -> Input {
        Input {
            blocks: text
                .lines()
                .map(|l| Block {
                    text: l.to_string(),
                    ..Block::default()
                })
                .collect(),
            ..Input::default()
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// 一、
    Part,
    /// （一） (一)
    ParenCn,
    /// 1. 1． 1、
    Dot,
    /// （1） (1) ⑴
    ParenNum,
    /// ①
    Circled,
    /// 一是
    Shi,
    /// A DOCX heading style without a number, by outline level.
    Outline(u8),
}

/// A line after cleaning, with its source block.
#[derive(Debug, Clone)]
struct Line {
    text: String,
    block: usize,
    outline: Option<u8>,
    title_style: bool,
}

/// A numbered (or styled) heading found at the start of a line.
struct Heading {
    kind: Kind,
    number: Option<u32>,
    /// Heading text without number.
    text: String,
    /// Text run into the same paragraph after the heading sentence.
    body: Option<String>,
    /// The number as written, for messages.
    label: String,
}

struct RawPart {
    heading: String,
    role: Option<Role>,
    paragraphs: Vec<Paragraph>,
    sections: Vec<Section>,
    id: String,
    source_label: String,
}

struct Builder<'a> {
    recognised: Vec<Recognised>,
    uncertain: Vec<Uncertain>,
    /// Node id per input block, for comments.
    block_nodes: Vec<Option<String>>,
    run_in: usize,
    own_line: usize,
    file: &'a str,
}

fn excerpt(s: &str) -> String {
    let mut e: String = s.chars().take(30).collect();
    if s.chars().count() > 30 {
        e.push('…');
    }
    e
}

fn clean(s: &str) -> String {
    s.chars()
        .filter(|c| {
            (!c.is_control() || *c == '\t')
                && !matches!(
                    c,
                    '\u{FEFF}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2028}' | '\u{2029}'
                )
        })
        .collect::<String>()
        .trim()
        .to_string()
}

pub fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
        || ('\u{3400}'..='\u{4DBF}').contains(&c)
        || ('\u{20000}'..='\u{2FFFF}').contains(&c)
        || ('\u{F900}'..='\u{FAFF}').contains(&c)
}

fn chinese_value(s: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|p| p as u32)
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        [a] if *a == '十' => Some(10),
        [a] => digit(*a).filter(|d| *d > 0),
        ['十', b] => digit(*b).map(|d| 10 + d),
        [a, '十'] => digit(*a).filter(|d| *d > 1).map(|d| d * 10),
        [a, '十', b] => Some(digit(*a).filter(|d| *d > 1)? * 10 + digit(*b).filter(|d| *d > 0)?),
        _ => None,
    }
}

fn is_cn_digit(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

/// The numbering prefix of a line: kind, value, label and the rest.
fn number_prefix(line: &str) -> Option<(Kind, u32, String, &str)> {
    let mut it = line.char_indices();
    let (_, first) = it.next()?;
    // ⑴…⒇ and ①…⑳
    if ('\u{2474}'..='\u{2487}').contains(&first) {
        let n = first as u32 - 0x2474 + 1;
        return Some((
            Kind::ParenNum,
            n,
            first.to_string(),
            &line[first.len_utf8()..],
        ));
    }
    if ('\u{2460}'..='\u{2473}').contains(&first) {
        let n = first as u32 - 0x2460 + 1;
        return Some((
            Kind::Circled,
            n,
            first.to_string(),
            &line[first.len_utf8()..],
        ));
    }
    if first == '（' || first == '(' {
        let inner_start = first.len_utf8();
        let close = line[inner_start..].find(['）', ')'])? + inner_start;
        let inner = &line[inner_start..close];
        let close_len = line[close..].chars().next()?.len_utf8();
        let rest = &line[close + close_len..];
        let label = line[..close + close_len].to_string();
        if !inner.is_empty() && inner.chars().count() <= 3 && inner.chars().all(is_cn_digit) {
            return Some((Kind::ParenCn, chinese_value(inner)?, label, rest));
        }
        if !inner.is_empty() && inner.len() <= 2 && inner.bytes().all(|b| b.is_ascii_digit()) {
            return Some((Kind::ParenNum, inner.parse().ok()?, label, rest));
        }
        return None;
    }
    if first.is_ascii_digit() {
        let digits_end = line.find(|c: char| !c.is_ascii_digit())?;
        if digits_end > 2 {
            return None;
        }
        let sep = line[digits_end..].chars().next()?;
        if !matches!(sep, '.' | '．' | '、') {
            return None;
        }
        let rest = &line[digits_end + sep.len_utf8()..];
        // 1.5亿元 is a figure, not a heading; 1.2021年工作回顾 is a heading.
        let starts_with_year = rest.len() >= 7
            && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && rest[4..].starts_with('年');
        if rest.starts_with(|c: char| c.is_ascii_digit()) && !starts_with_year {
            return None;
        }
        let n: u32 = line[..digits_end].parse().ok()?;
        return Some((
            Kind::Dot,
            n,
            line[..digits_end + sep.len_utf8()].to_string(),
            rest,
        ));
    }
    if is_cn_digit(first) {
        let end = line.find(|c: char| !is_cn_digit(c)).unwrap_or(line.len());
        let num = &line[..end];
        if num.chars().count() > 3 {
            return None;
        }
        let sep = line[end..].chars().next()?;
        let value = chinese_value(num)?;
        let rest = &line[end + sep.len_utf8()..];
        if matches!(sep, '、' | '．') {
            return Some((
                Kind::Part,
                value,
                line[..end + sep.len_utf8()].to_string(),
                rest,
            ));
        }
        if sep == '是' && !rest.trim().is_empty() {
            return Some((
                Kind::Shi,
                value,
                line[..end + sep.len_utf8()].to_string(),
                rest,
            ));
        }
    }
    None
}

/// Splits a heading from the text run into its paragraph at the first 。
/// (section headings) or takes the whole line when it is short.
fn heading_of(kind: Kind, number: Option<u32>, label: String, rest: &str) -> Option<Heading> {
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace());
    if rest.is_empty() {
        return None;
    }
    let max_split = if kind == Kind::Part {
        200
    } else {
        MAX_RUN_IN_HEADING
    };
    if let Some(pos) = rest.find('。') {
        let head = rest[..pos].trim();
        if !head.is_empty() && head.chars().count() <= max_split {
            let body = rest[pos + '。'.len_utf8()..].trim();
            return Some(Heading {
                kind,
                number,
                text: head.to_string(),
                body: (!body.is_empty()).then(|| body.to_string()),
                label,
            });
        }
    }
    let limit = if kind == Kind::Part {
        200
    } else {
        MAX_OWN_LINE_HEADING
    };
    let ends_like_sentence = rest.ends_with(['；', ';', '，', ',', '、']);
    if rest.chars().count() <= limit && !ends_like_sentence && !rest.contains('。') {
        return Some(Heading {
            kind,
            number,
            text: rest.trim_end_matches(['：', ':']).trim().to_string(),
            body: None,
            label,
        });
    }
    None
}

/// The heading a line starts with, if any.
fn parse_heading(line: &Line) -> Option<Heading> {
    if let Some((kind, n, label, rest)) = number_prefix(&line.text) {
        return heading_of(kind, Some(n), label, rest);
    }
    // A DOCX heading style with no visible number.
    let lvl = line.outline?;
    if line.text.chars().count() > 200 {
        return None;
    }
    if lvl == 0 && role_of(&line.text).is_some() {
        return heading_of(Kind::Part, None, String::new(), &line.text);
    }
    heading_of(Kind::Outline(lvl), None, String::new(), &line.text)
}

/// The statutory role a part heading names. Leadership is tested first: its
/// heading also says 加强法治政府建设的有关情况.
pub fn role_of(heading: &str) -> Option<Role> {
    let has = |ws: &[&str]| ws.iter().any(|w| heading.contains(w));
    if has(&["第一责任人", "主要负责人"]) {
        Some(Role::Leadership)
    } else if has(&["不足", "存在的问题", "问题", "差距", "短板"]) {
        Some(Role::Shortcomings)
    } else if has(&[
        "主要安排",
        "工作安排",
        "安排",
        "下一步",
        "打算",
        "计划",
        "思路",
        "下一年",
    ]) {
        Some(Role::Plans)
    } else if has(&["其他", "其它"]) {
        Some(Role::Other)
    } else if has(&[
        "举措",
        "措施",
        "成效",
        "主要工作",
        "基本情况",
        "建设情况",
        "工作情况",
        "情况",
    ]) {
        Some(Role::Measures)
    } else {
        None
    }
}

pub fn title_like(s: &str) -> bool {
    let n = s.chars().count();
    (4..=80).contains(&n)
        && s.contains("报告")
        && (s.contains("法治") || s.contains("依法行政"))
        && !s.ends_with(['。', '：', ':', '，', ',', '；'])
}

fn is_doc_number(s: &str) -> bool {
    let n = s.chars().count();
    n <= 30
        && s.ends_with('号')
        && s.contains(['〔', '[', '【', '(', '（'])
        && !s.contains(['，', '。', ','])
}

fn signer_of(s: &str) -> Option<String> {
    let rest = s.strip_prefix("签发人")?;
    let rest = rest.trim_start_matches([':', '：', ' ', '\u{3000}']);
    (!rest.is_empty() && rest.chars().count() <= 20).then(|| rest.to_string())
}

fn is_addressee(s: &str) -> bool {
    let n = s.chars().count();
    (2..=40).contains(&n)
        && s.ends_with(['：', ':'])
        && !s.contains(['，', ',', '。', '；', ';'])
        && !s.contains("如下")
        && number_prefix(s).is_none()
}

/// 2020年3月13日, 2020年03月13日, 二〇二〇年三月十三日 → ISO.
fn date_of(s: &str) -> Option<String> {
    let s = s.trim();
    if s.chars().count() > 16 || !s.ends_with('日') {
        return None;
    }
    if let Some(iso) = fazhi_core::dates::official_to_iso(s) {
        return Some(iso);
    }
    // Chinese numerals: 二〇二〇年三月十三日
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let year: String = y
        .chars()
        .map(|c| {
            "〇一二三四五六七八九".chars().position(|d| d == c).or(
                if c == '零' || c == 'Ｏ' || c == 'O' {
                    Some(0)
                } else {
                    None
                },
            )
        })
        .map(|d| d.and_then(|d| char::from_digit(d as u32, 10)))
        .collect::<Option<String>>()?;
    let iso = format!(
        "{}-{:02}-{:02}",
        year.parse::<i32>().ok()?,
        chinese_value(m)?,
        chinese_value(d)?
    );
    fazhi_core::dates::parse_iso(&iso).map(|_| iso)
}

fn note_of(s: &str) -> Option<String> {
    let inner = s
        .strip_prefix(['（', '('])
        .and_then(|r| r.strip_suffix(['）', ')']))?;
    (inner.starts_with("此件") && inner.chars().count() <= 30).then(|| inner.to_string())
}

fn is_closing_phrase(s: &str) -> bool {
    let t = s.trim_end_matches(['。', '！', '.']);
    matches!(
        t,
        "特此报告" | "特此报告如上" | "以上报告" | "以上报告，请审阅" | "以上报告,请审阅"
    )
}

fn is_signature(s: &str) -> bool {
    let n = s.chars().count();
    (2..=40).contains(&n)
        && !s.contains(['，', ',', '。', '；', ';', '：', ':', '、'])
        && number_prefix(s).is_none()
        && s.chars().filter(|c| is_cjk(*c)).count() >= 2
}

/// Cuts a paragraph over the validator's limit after a 。 near the limit.
fn split_long(text: String) -> Vec<String> {
    if text.chars().count() <= MAX_PARAGRAPH {
        return vec![text];
    }
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut n = 0;
    for c in text.chars() {
        cur.push(c);
        n += 1;
        if (n >= MAX_PARAGRAPH - 2000 && c == '。') || n >= MAX_PARAGRAPH {
            out.push(std::mem::take(&mut cur));
            n = 0;
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

impl Builder<'_> {
    fn paragraphs(&mut self, text: String, block: usize) -> Vec<Paragraph> {
        let parts = split_long(text);
        if parts.len() > 1 {
            self.uncertain.push(Uncertain {
                node_id: None,
                message: format!(
                    "一段文字超过 {MAX_PARAGRAPH} 字，已拆成 {} 段，请核对。",
                    parts.len()
                ),
                excerpt: excerpt(&parts[0]),
            });
        }
        let ps: Vec<Paragraph> = parts.into_iter().map(Paragraph::new).collect();
        if let Some(p) = ps.first() {
            self.note_block(block, &p.id);
        }
        ps
    }

    fn note_block(&mut self, block: usize, id: &str) {
        if let Some(slot) = self.block_nodes.get_mut(block) {
            if slot.is_none() {
                *slot = Some(id.to_string());
            }
        }
    }
}

/// The section list at `depth` (0 = the part's own) along the last children.
fn sections_at(part: &mut RawPart, depth: usize) -> &mut Vec<Section> {
    let mut list = &mut part.sections;
    for _ in 0..depth {
        // The stack only records depths that exist, so the last child is there;
        // an empty list (never expected) stops the descent safely.
        if list.is_empty() {
            break;
        }
        let last = list.len() - 1;
        list = &mut list[last].sections;
    }
    list
}

fn paragraphs_at(part: &mut RawPart, depth: Option<usize>) -> &mut Vec<Paragraph> {
    let has_section = depth.is_some_and(|d| !sections_at(part, d).is_empty());
    match depth {
        Some(d) if has_section => {
            let list = sections_at(part, d);
            let last = list.len() - 1;
            &mut list[last].paragraphs
        }
        _ => &mut part.paragraphs,
    }
}

pub fn build(
    file: &str,
    input: Input,
    opts: &ImportOptions,
    format: ImportFormat,
    encoding: String,
) -> Result<ImportResult, ImportError> {
    let mut removed = input.removed;
    let mut lines: Vec<Line> = Vec::new();
    for (i, b) in input.blocks.iter().enumerate() {
        // Soft line breaks inside a DOCX paragraph separate lines as in text.
        for raw in b.text.split(['\n', '\r', '\u{2028}', '\u{2029}']) {
            let text = clean(raw);
            if text.is_empty() {
                continue;
            }
            if let Some(reason) = chrome::reason(&text) {
                removed.push(Removed {
                    text,
                    reason: reason.to_string(),
                });
                continue;
            }
            lines.push(Line {
                text,
                block: i,
                outline: b.outline,
                title_style: b.title_style,
            });
        }
    }
    let cjk: usize = lines
        .iter()
        .map(|l| l.text.chars().filter(|c| is_cjk(*c)).count())
        .sum();
    if cjk == 0 {
        return Err(ImportError::NoText {
            file: file.to_string(),
            reason: if lines.is_empty() {
                "去掉网页导航等内容后没有剩下文字".into()
            } else {
                "文件中没有中文".into()
            },
        });
    }

    let mut b = Builder {
        recognised: Vec::new(),
        uncertain: Vec::new(),
        block_nodes: vec![None; input.blocks.len()],
        run_in: 0,
        own_line: 0,
        file,
    };

    let headings: Vec<Option<Heading>> = lines.iter().map(parse_heading).collect();
    let first_part = headings
        .iter()
        .position(|h| h.as_ref().is_some_and(|h| h.kind == Kind::Part));
    let head_end = first_part.unwrap_or(lines.len());

    // --- before part one: title, 发文字号, 签发人, addressee, preface
    let mut title: Option<String> = None;
    let mut doc_number = None;
    let mut signer = None;
    let mut addressee = None;
    let mut preface_lines: Vec<usize> = Vec::new();
    for i in 0..head_end {
        let t = &lines[i].text;
        let early = preface_lines.is_empty();
        if early && title.is_none() && i < 6 && (title_like(t) || lines[i].title_style) {
            // A title wrapped onto two lines: 梅河口市人民政府关于 / 2019年…报告
            let mut full = t.clone();
            if !t.contains("报告")
                && i + 1 < head_end
                && title_like(&format!("{t}{}", lines[i + 1].text))
            {
                full.push_str(&lines[i + 1].text);
            }
            title = Some(full);
            continue;
        }
        if early && title.is_none() && i + 1 < head_end && i < 5 && !t.contains("报告") {
            let joined = format!("{t}{}", lines[i + 1].text);
            if title_like(&joined) && t.chars().count() <= 40 && !t.ends_with(['。', '：', ':']) {
                title = Some(joined);
                continue;
            }
        }
        if let Some(prev) = &title {
            if prev.ends_with(t.as_str()) && early && i > 0 && !title_like(t) && prev != t {
                // second line of a wrapped title, already joined
                continue;
            }
        }
        if early && doc_number.is_none() && is_doc_number(t) {
            doc_number = Some(t.clone());
            continue;
        }
        if early && signer.is_none() {
            if let Some(s) = signer_of(t) {
                signer = Some(s);
                continue;
            }
        }
        if early && addressee.is_none() && is_addressee(t) {
            addressee = Some(t.trim_end_matches(['：', ':']).to_string());
            continue;
        }
        preface_lines.push(i);
    }

    // --- after the last part: note, date, signature, 特此报告
    let mut tail_start = lines.len();
    let mut note = None;
    let mut date = None;
    let mut signature_lines: Vec<String> = Vec::new();
    let mut closing_lines: Vec<usize> = Vec::new();
    if let Some(fp) = first_part {
        let mut j = lines.len();
        while j > fp + 1 {
            let t = &lines[j - 1].text;
            if note.is_none() && date.is_none() && signature_lines.is_empty() {
                if let Some(n) = note_of(t) {
                    note = Some(n);
                    j -= 1;
                    continue;
                }
            }
            if date.is_none() && signature_lines.is_empty() {
                if let Some(d) = date_of(t) {
                    date = Some((d, t.clone()));
                    j -= 1;
                    continue;
                }
            }
            if date.is_some()
                && signature_lines.len() < 2
                && closing_lines.is_empty()
                && is_signature(t)
                && headings[j - 1].is_none()
            {
                signature_lines.insert(0, t.clone());
                j -= 1;
                continue;
            }
            if is_closing_phrase(t) {
                closing_lines.insert(0, j - 1);
                j -= 1;
                continue;
            }
            break;
        }
        tail_start = j;
    }

    // --- the parts
    let mut raw_parts: Vec<RawPart> = Vec::new();
    let mut stack: Vec<Kind> = Vec::new();
    let mut expected_next: Vec<u32> = Vec::new();
    let mut part_expected = 1u32;
    if let Some(fp) = first_part {
        let mut i = fp;
        while i < tail_start {
            let line = &lines[i];
            let h = headings[i].as_ref();
            match h {
                Some(h) if h.kind == Kind::Part => {
                    if let Some(n) = h.number {
                        if n != part_expected {
                            b.uncertain.push(Uncertain {
                                node_id: None,
                                message: format!(
                                    "部分编号不连续：此处应为“{}”，原文为“{}”。编号会按位置重新生成。",
                                    fazhi_core::numbering::prefix(1, part_expected as usize - 1),
                                    h.label
                                ),
                                excerpt: excerpt(&line.text),
                            });
                        }
                        part_expected = n + 1;
                    }
                    let id = fazhi_core::ids::new_id();
                    b.note_block(line.block, &id);
                    let mut part = RawPart {
                        heading: h.text.clone(),
                        role: role_of(&h.text),
                        paragraphs: Vec::new(),
                        sections: Vec::new(),
                        id,
                        source_label: h.label.clone(),
                    };
                    if let Some(body) = &h.body {
                        part.paragraphs = b.paragraphs(body.clone(), line.block);
                    }
                    raw_parts.push(part);
                    stack.clear();
                    expected_next.clear();
                }
                Some(h) => {
                    let Some(part) = raw_parts.last_mut() else {
                        break;
                    };
                    let depth = match stack.iter().position(|k| *k == h.kind) {
                        Some(d) => {
                            stack.truncate(d + 1);
                            expected_next.truncate(d + 1);
                            Some(d)
                        }
                        None if stack.len() < MAX_LEVEL - 1 => {
                            stack.push(h.kind);
                            expected_next.push(1);
                            Some(stack.len() - 1)
                        }
                        None => None,
                    };
                    match depth {
                        Some(d) => {
                            if let Some(n) = h.number {
                                let want = expected_next[d];
                                if n != want {
                                    b.uncertain.push(Uncertain {
                                        node_id: None,
                                        message: format!(
                                            "编号不连续：“{}”之前应为第 {want} 项，编号会按位置重新生成，请核对是否漏了内容。",
                                            h.label
                                        ),
                                        excerpt: excerpt(&line.text),
                                    });
                                }
                                expected_next[d] = n + 1;
                            } else {
                                expected_next[d] += 1;
                            }
                            let mut s = Section::new(h.text.clone());
                            b.note_block(line.block, &s.id);
                            if let Some(body) = &h.body {
                                b.run_in += 1;
                                s.paragraphs = b.paragraphs(body.clone(), line.block);
                            } else {
                                b.own_line += 1;
                            }
                            let level = d + 2;
                            b.recognised.push(Recognised {
                                kind: RecognisedKind::Section,
                                text: s.heading.clone(),
                                node_id: Some(s.id.clone()),
                                level: Some(level as u8),
                                role: None,
                            });
                            sections_at(part, d).push(s);
                        }
                        None => {
                            // Deeper than four levels: keep the line as text.
                            let ps = b.paragraphs(line.text.clone(), line.block);
                            b.uncertain.push(Uncertain {
                                node_id: ps.first().map(|p| p.id.clone()),
                                message: format!(
                                    "“{}”是第五级或更深的标题，报告最多四级，已作为正文保留。",
                                    h.label
                                ),
                                excerpt: excerpt(&line.text),
                            });
                            let depth = (!stack.is_empty()).then(|| stack.len() - 1);
                            paragraphs_at(part, depth).extend(ps);
                        }
                    }
                }
                None => {
                    let Some(part) = raw_parts.last_mut() else {
                        break;
                    };
                    if number_prefix(&line.text).is_some() {
                        b.uncertain.push(Uncertain {
                            node_id: None,
                            message: "这一段以编号开头，但不像小标题（没有以“。”结束的标题句），已作为正文保留。".into(),
                            excerpt: excerpt(&line.text),
                        });
                    }
                    let ps = b.paragraphs(line.text.clone(), line.block);
                    let depth = (!stack.is_empty()).then(|| stack.len() - 1);
                    paragraphs_at(part, depth).extend(ps);
                }
            }
            i += 1;
        }
    }

    // --- preface and closing paragraphs
    let mut preface = Vec::new();
    for &i in &preface_lines {
        let ps = b.paragraphs(lines[i].text.clone(), lines[i].block);
        preface.extend(ps);
    }
    let mut closing = Vec::new();
    for &i in &closing_lines {
        let ps = b.paragraphs(lines[i].text.clone(), lines[i].block);
        closing.extend(ps);
    }
    if first_part.is_none() {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: "没有找到“一、二、三、四”部分标题，全部正文已放在第一部分，请手工划分各部分。"
                .into(),
            excerpt: String::new(),
        });
    }

    // --- issuer and year
    // Inference needs the start of the report only; a bound keeps hostile
    // files from making it slow.
    let mut text_all = String::new();
    for l in &lines {
        if text_all.len() > 300_000 {
            break;
        }
        text_all.push_str(&l.text);
        text_all.push('\n');
    }
    let signature = (!signature_lines.is_empty()).then(|| signature_lines.join(" "));
    let (issuer, issuer_source) = match opts
        .issuer
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(i) => (i.to_string(), ValueSource::Given),
        None => {
            let found = title
                .as_deref()
                .and_then(infer::issuer_in_title)
                .or_else(|| signature.clone())
                .or_else(|| infer::issuer_in_text(&text_all));
            match found {
                Some(i) => (i, ValueSource::Inferred),
                None => (String::new(), ValueSource::Missing),
            }
        }
    };
    let (year, year_source) = match opts.year {
        Some(y) => (y, ValueSource::Given),
        None => {
            let from_parts = |role: Role, shift: i32| {
                raw_parts
                    .iter()
                    .find(|p| p.role == Some(role))
                    .and_then(|p| infer::year_in(&p.heading))
                    .map(|y| y + shift)
            };
            let found = title
                .as_deref()
                .and_then(infer::year_in)
                .or_else(|| from_parts(Role::Measures, 0))
                .or_else(|| from_parts(Role::Shortcomings, 0))
                .or_else(|| from_parts(Role::Plans, -1))
                .or_else(|| {
                    preface
                        .iter()
                        .find(|p| p.text.contains("报告如下"))
                        .and_then(|p| infer::year_in(&p.text))
                })
                .or_else(|| {
                    date.as_ref()
                        .and_then(|(d, _)| d.get(..4)?.parse::<i32>().ok())
                        .map(|y| y - 1)
                });
            match found {
                Some(y) => (y, ValueSource::Inferred),
                None => (infer::previous_calendar_year(), ValueSource::Missing),
            }
        }
    };
    if issuer_source == ValueSource::Missing {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: "没有识别出发文机关，请填写。".into(),
            excerpt: String::new(),
        });
    }
    if year_source == ValueSource::Missing {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: format!("没有识别出报告年度，暂定为 {year} 年，请核对。"),
            excerpt: String::new(),
        });
    }

    // --- template and part order
    let first_role = raw_parts.iter().find_map(|p| p.role);
    let template_id = opts.template_id.clone().unwrap_or_else(|| {
        if first_role == Some(Role::Leadership) {
            "leadership-first".to_string()
        } else {
            template::DEFAULT_TEMPLATE.to_string()
        }
    });
    let tpl = template::latest(&template_id).map_err(|_| ImportError::UnknownTemplate {
        file: file.to_string(),
        template: template_id.clone(),
    })?;

    // Parts with no role, or a role already taken, become a section of the
    // nearest part so that nothing is lost.
    let mut placed: Vec<RawPart> = Vec::new();
    let mut pending_front: Vec<RawPart> = Vec::new();
    for p in raw_parts {
        let taken = p
            .role
            .is_some_and(|r| placed.iter().any(|q| q.role == Some(r)));
        let fits = p.role.is_some_and(|r| tpl.spec(r).is_some());
        if fits && !taken {
            placed.push(p);
            if !pending_front.is_empty() {
                let front = std::mem::take(&mut pending_front);
                let target = placed.len() - 1;
                for f in front.into_iter().rev() {
                    demote_into(&mut b, &mut placed[target], f, true);
                }
            }
            continue;
        }
        let why = if taken {
            "与前面的部分重复"
        } else {
            "无法对应到法定部分"
        };
        match p
            .role
            .and_then(|r| placed.iter().position(|q| q.role == Some(r)))
            .or(placed.len().checked_sub(1))
        {
            Some(target) => {
                b.uncertain.push(Uncertain {
                    node_id: Some(p.id.clone()),
                    message: format!(
                        "部分“{}{}”{why}，已并入“{}”作为小标题，请核对。",
                        p.source_label, p.heading, placed[target].heading
                    ),
                    excerpt: excerpt(&p.heading),
                });
                demote_into(&mut b, &mut placed[target], p, false);
            }
            None => {
                b.uncertain.push(Uncertain {
                    node_id: Some(p.id.clone()),
                    message: format!(
                        "部分“{}{}”{why}，已并入后面的部分作为小标题，请核对。",
                        p.source_label, p.heading
                    ),
                    excerpt: excerpt(&p.heading),
                });
                pending_front.push(p);
            }
        }
    }

    let source_order: Vec<Role> = placed.iter().filter_map(|p| p.role).collect();
    let mut parts: Vec<Part> = Vec::new();
    let mut leftover_front = pending_front;
    for spec in &tpl.parts {
        let found = placed.iter().position(|p| p.role == Some(spec.role));
        match found {
            Some(pos) => {
                let mut p = placed.remove(pos);
                let mut heading = p.heading.clone();
                if !spec.keywords.iter().any(|k| heading.contains(k.as_str())) {
                    let replaced = tpl
                        .heading(spec.role, year)
                        .unwrap_or_else(|| spec.role.label().to_string());
                    b.uncertain.push(Uncertain {
                        node_id: Some(p.id.clone()),
                        message: format!("部分标题“{heading}”没有写明法定事项，已改为模板标题“{replaced}”，请核对。"),
                        excerpt: excerpt(&heading),
                    });
                    heading = replaced;
                }
                if p.paragraphs.is_empty() && p.sections.is_empty() {
                    p.paragraphs.push(Paragraph::new(""));
                    b.uncertain.push(Uncertain {
                        node_id: Some(p.id.clone()),
                        message: format!("“{}”部分没有正文，请补写。", spec.role.label()),
                        excerpt: excerpt(&heading),
                    });
                }
                b.recognised.push(Recognised {
                    kind: RecognisedKind::Part,
                    text: heading.clone(),
                    node_id: Some(p.id.clone()),
                    level: Some(1),
                    role: Some(spec.role),
                });
                parts.push(Part {
                    id: p.id,
                    role: spec.role,
                    heading,
                    paragraphs: p.paragraphs,
                    sections: p.sections,
                });
            }
            None if spec.optional => {}
            None => {
                let heading = tpl
                    .heading(spec.role, year)
                    .unwrap_or_else(|| spec.role.label().to_string());
                let part = Part {
                    id: fazhi_core::ids::new_id(),
                    role: spec.role,
                    heading,
                    paragraphs: vec![Paragraph::new("")],
                    sections: Vec::new(),
                };
                if first_part.is_some() {
                    b.uncertain.push(Uncertain {
                        node_id: Some(part.id.clone()),
                        message: format!(
                            "原文没有“{}”部分，已按模板补上空白部分，请补写。",
                            spec.role.label()
                        ),
                        excerpt: String::new(),
                    });
                }
                parts.push(part);
            }
        }
    }
    // Whatever could not be placed in front (no part at all took a role).
    if !leftover_front.is_empty() {
        if let Some(first) = parts.first_mut() {
            for f in leftover_front.drain(..) {
                let mut rp = RawPart {
                    heading: first.heading.clone(),
                    role: Some(first.role),
                    paragraphs: std::mem::take(&mut first.paragraphs),
                    sections: std::mem::take(&mut first.sections),
                    id: first.id.clone(),
                    source_label: String::new(),
                };
                rp.paragraphs.retain(|p| !p.text.is_empty());
                demote_into(&mut b, &mut rp, f, false);
                first.paragraphs = rp.paragraphs;
                first.sections = rp.sections;
            }
        }
    }
    let template_order: Vec<Role> = tpl
        .parts
        .iter()
        .map(|s| s.role)
        .filter(|r| source_order.contains(r))
        .collect();
    if source_order != template_order {
        b.uncertain.push(Uncertain {
            node_id: None,
            message: format!(
                "原文各部分的顺序与模板“{}”不同，已按模板顺序排列，请核对。",
                tpl.name
            ),
            excerpt: String::new(),
        });
    }

    // No part headings: the whole body is the first part's text.
    if first_part.is_none() {
        if let Some(first) = parts.first_mut() {
            first.paragraphs = std::mem::take(&mut preface);
        }
    }

    // --- recognised metadata, in reading order
    let mut rec_head = Vec::new();
    let push = |v: &mut Vec<Recognised>, kind, text: &str, node_id: Option<String>| {
        v.push(Recognised {
            kind,
            text: text.to_string(),
            node_id,
            level: None,
            role: None,
        })
    };
    if let Some(t) = &title {
        push(&mut rec_head, RecognisedKind::Title, t, None);
    }
    if let Some(t) = &doc_number {
        push(&mut rec_head, RecognisedKind::DocNumber, t, None);
    }
    if let Some(t) = &signer {
        push(&mut rec_head, RecognisedKind::Signer, t, None);
    }
    if let Some(t) = &addressee {
        push(&mut rec_head, RecognisedKind::Addressee, t, None);
    }
    for p in &preface {
        push(
            &mut rec_head,
            RecognisedKind::Preface,
            &excerpt(&p.text),
            Some(p.id.clone()),
        );
    }
    let mut rec_tail = Vec::new();
    for p in &closing {
        push(
            &mut rec_tail,
            RecognisedKind::Closing,
            &p.text,
            Some(p.id.clone()),
        );
    }
    if let Some(s) = &signature {
        push(&mut rec_tail, RecognisedKind::Signature, s, None);
    }
    if let Some((_, t)) = &date {
        push(&mut rec_tail, RecognisedKind::Date, t, None);
    }
    if let Some(n) = &note {
        push(&mut rec_tail, RecognisedKind::Note, n, None);
    }
    // Parts were pushed after their sections: order by document position.
    let mut body_rec = std::mem::take(&mut b.recognised);
    order_recognised(&parts, &mut body_rec);
    let recognised: Vec<Recognised> = rec_head
        .into_iter()
        .chain(body_rec)
        .chain(rec_tail)
        .collect();

    let title_override = title.as_ref().and_then(|t| {
        (t.as_str() != fazhi_core::model::derived_title(&issuer, year)).then(|| t.clone())
    });
    let heading_style = if b.run_in > b.own_line {
        HeadingStyle::RunIn
    } else {
        HeadingStyle::Separate
    };
    let document = Document {
        schema_version: DOC_SCHEMA_VERSION,
        issuer: issuer.clone(),
        year,
        title_override,
        addressee,
        doc_number,
        signer,
        signature: signature.filter(|s| *s != issuer),
        date: date.map(|(d, _)| d),
        note,
        copy_to: None,
        printed_by: None,
        printed_on: None,
        template: tpl.reference(),
        settings: DocSettings { heading_style },
        preface,
        parts,
        closing,
    };

    let comments = input
        .comments
        .into_iter()
        .map(|c| ImportedComment {
            node_id: c
                .block
                .and_then(|i| b.block_nodes.get(i).cloned().flatten()),
            author: c.author,
            date: c.date,
            text: c.text,
            anchor_text: c.anchor_text,
            reply_to: c.reply_to,
        })
        .collect();

    let _ = b.file;
    Ok(ImportResult {
        document,
        format,
        encoding,
        issuer,
        issuer_source,
        year,
        year_source,
        recognised,
        removed,
        uncertain: b.uncertain,
        comments,
    })
}

/// Puts the part/section records in document order (sections were found
/// before their part was placed).
fn order_recognised(parts: &[Part], recs: &mut Vec<Recognised>) {
    let mut order: Vec<String> = Vec::new();
    fn walk(s: &Section, out: &mut Vec<String>) {
        out.push(s.id.clone());
        s.sections.iter().for_each(|c| walk(c, out));
    }
    for p in parts {
        order.push(p.id.clone());
        p.sections.iter().for_each(|s| walk(s, &mut order));
    }
    // A map, not a scan: a hostile file may hold a million headings.
    let pos: std::collections::HashMap<&str, usize> = order
        .iter()
        .enumerate()
        .map(|(i, id)| (id.as_str(), i))
        .collect();
    recs.retain(|r| r.node_id.as_deref().is_some_and(|id| pos.contains_key(id)));
    recs.sort_by_key(|r| {
        r.node_id
            .as_deref()
            .and_then(|id| pos.get(id).copied())
            .unwrap_or(usize::MAX)
    });
}

/// Makes part `p` a section of `target` (at the front or the end), flattening
/// anything that would end up deeper than four levels.
fn demote_into(b: &mut Builder, target: &mut RawPart, p: RawPart, front: bool) {
    let mut s = Section {
        id: p.id,
        heading: format!("{}{}", p.source_label, p.heading)
            .trim()
            .to_string(),
        paragraphs: p.paragraphs,
        sections: p.sections,
    };
    flatten_below(&mut s, MAX_LEVEL - 2);
    b.recognised.push(Recognised {
        kind: RecognisedKind::Section,
        text: s.heading.clone(),
        node_id: Some(s.id.clone()),
        level: Some(2),
        role: None,
    });
    if front {
        target.sections.insert(0, s);
    } else {
        target.sections.push(s);
    }
}

/// Keeps at most `levels` levels of subsections under `s`; deeper headings
/// become paragraphs (text kept, in order).
fn flatten_below(s: &mut Section, levels: usize) {
    if levels == 0 {
        let mut paras = Vec::new();
        fn collect(sec: Section, out: &mut Vec<Paragraph>) {
            out.push(Paragraph::new(sec.heading));
            out.extend(sec.paragraphs);
            for c in sec.sections {
                collect(c, out);
            }
        }
        for c in std::mem::take(&mut s.sections) {
            collect(c, &mut paras);
        }
        s.paragraphs.extend(paras);
        return;
    }
    for c in &mut s.sections {
        flatten_below(c, levels - 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> Line {
        Line {
            text: t.into(),
            block: 0,
            outline: None,
            title_style: false,
        }
    }

    #[test]
    fn every_heading_form_is_recognised() {
        let cases: [(&str, Kind, u32, &str, Option<&str>); 13] = [
            (
                "一、2019年主要举措和成效",
                Kind::Part,
                1,
                "2019年主要举措和成效",
                None,
            ),
            (
                "（一）依法全面履行政府职能",
                Kind::ParenCn,
                1,
                "依法全面履行政府职能",
                None,
            ),
            (
                "(二)完善依法行政制度体系。提高制度建设公众参与度。",
                Kind::ParenCn,
                2,
                "完善依法行政制度体系",
                Some("提高制度建设公众参与度。"),
            ),
            ("1.深化改革", Kind::Dot, 1, "深化改革", None),
            ("2．强化监督。正文", Kind::Dot, 2, "强化监督", Some("正文")),
            ("3、加强培训", Kind::Dot, 3, "加强培训", None),
            ("（1）规范审批", Kind::ParenNum, 1, "规范审批", None),
            ("(12)规范审批。", Kind::ParenNum, 12, "规范审批", None),
            ("⑴清理证明事项", Kind::ParenNum, 1, "清理证明事项", None),
            (
                "一是法治理念有待增强。法治意识还需提高。",
                Kind::Shi,
                1,
                "法治理念有待增强",
                Some("法治意识还需提高。"),
            ),
            (
                "十一、其他需要报告的情况",
                Kind::Part,
                11,
                "其他需要报告的情况",
                None,
            ),
            ("二十三是第二十三项。", Kind::Shi, 23, "第二十三项", None),
            ("1.2021年工作回顾", Kind::Dot, 1, "2021年工作回顾", None),
        ];
        for (src, kind, n, text, body) in cases {
            let h = parse_heading(&line(src)).unwrap_or_else(|| panic!("not a heading: {src}"));
            assert_eq!(h.kind, kind, "{src}");
            assert_eq!(h.number, Some(n), "{src}");
            assert_eq!(h.text, text, "{src}");
            assert_eq!(h.body.as_deref(), body, "{src}");
        }
    }

    #[test]
    fn figures_and_sentences_are_not_headings() {
        for src in [
            "1.5亿元用于法治建设。",
            "2019年，我市全面推进依法行政。",
            "十分重视法治建设。",
            "（此件公开发布）",
            "(涉及国家秘密的内容除外)后面还有很长的一句话，没有句号而且超过了六十个字的长度限制，所以不能当作标题来看待，只能作为正文保留下来，对吧",
        ] {
            assert!(parse_heading(&line(src)).is_none(), "taken as heading: {src}");
        }
    }

    #[test]
    fn roles_by_wording_and_synonyms() {
        let cases = [
            ("2019年推进法治政府建设的主要举措和成效", Role::Measures),
            ("主要措施和成效", Role::Measures),
            ("基本情况和主要成效", Role::Measures),
            ("2019年推进法治政府建设情况", Role::Measures),
            ("存在的不足和原因", Role::Shortcomings),
            ("存在的问题", Role::Shortcomings),
            (
                "党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
                Role::Leadership,
            ),
            ("2020年推进法治政府建设的主要安排", Role::Plans),
            ("2021年工作安排", Role::Plans),
            ("下一步工作打算", Role::Plans),
            ("2022年工作计划", Role::Plans),
            ("其他需要报告的情况", Role::Other),
        ];
        for (h, r) in cases {
            assert_eq!(role_of(h), Some(r), "{h}");
        }
        assert_eq!(role_of("工作亮点"), None);
    }

    #[test]
    fn dates_in_both_numeral_forms() {
        assert_eq!(date_of("2020年3月13日").as_deref(), Some("2020-03-13"));
        assert_eq!(
            date_of("二〇二〇年三月十三日").as_deref(),
            Some("2020-03-13")
        );
        assert_eq!(date_of("2020年13月1日"), None);
        assert_eq!(date_of("2020年"), None);
    }

    #[test]
    fn long_paragraphs_are_cut_without_loss() {
        let text = "法治。".repeat(30_000);
        let parts = split_long(text.clone());
        assert!(parts.len() >= 2);
        assert!(parts.iter().all(|p| p.chars().count() <= MAX_PARAGRAPH));
        assert_eq!(parts.concat(), text);
    }
}
