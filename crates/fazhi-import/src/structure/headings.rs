//! Numbered (or styled) headings at the start of a line: 一、（一）1.（1）⑴①
//! and DOCX heading styles, each split from the text run into its paragraph.
//! 一是…二是… is not a heading: it enumerates points inside running text
//! (the checks know it), so such a line stays a paragraph.

use super::roles::role_of;
use super::Line;

/// Longest heading sentence split from a run-in paragraph.
const MAX_RUN_IN_HEADING: usize = 80;
/// Longest line taken as a heading when it carries no 。.
const MAX_OWN_LINE_HEADING: usize = 60;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
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
    /// A DOCX heading style without a number, by outline level.
    Outline(u8),
}

/// A numbered (or styled) heading found at the start of a line.
pub(super) struct Heading {
    pub kind: Kind,
    pub number: Option<u32>,
    /// Heading text without number.
    pub text: String,
    /// Text run into the same paragraph after the heading sentence.
    pub body: Option<String>,
    /// The number as written, for messages.
    pub label: String,
}

/// 一 … 九十九 → 1 … 99.
pub(super) fn chinese_value(s: &str) -> Option<u32> {
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
pub(super) fn number_prefix(line: &str) -> Option<(Kind, u32, String, &str)> {
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
        return paren_prefix(line, first);
    }
    if first.is_ascii_digit() {
        return dot_prefix(line);
    }
    if is_cn_digit(first) {
        return chinese_prefix(line);
    }
    None
}

/// （一） (一) （1） (1)
fn paren_prefix(line: &str, first: char) -> Option<(Kind, u32, String, &str)> {
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
    None
}

/// 1. 1． 1、
fn dot_prefix(line: &str) -> Option<(Kind, u32, String, &str)> {
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
    Some((
        Kind::Dot,
        n,
        line[..digits_end + sep.len_utf8()].to_string(),
        rest,
    ))
}

/// 一、 一． (一是 is running text, not a heading.)
fn chinese_prefix(line: &str) -> Option<(Kind, u32, String, &str)> {
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
    // 一)纵深推进学悟笃行习近平法治思想: （一） with its opening bracket lost.
    if matches!(sep, ')' | '）') {
        return Some((
            Kind::ParenCn,
            value,
            line[..end + sep.len_utf8()].to_string(),
            rest,
        ));
    }
    None
}

/// Splits a heading from the text run into its paragraph at the first 。
/// (section headings) or takes the whole line when it is short.
fn heading_of(kind: Kind, number: Option<u32>, label: String, rest: &str) -> Option<Heading> {
    let rest = rest.trim_start_matches(|c: char| c.is_whitespace());
    // 一、上一年度推进法治政府建设的主要举措和成效； — a part heading the source
    // closed with a semicolon (a slip): still the heading, without it.
    let rest = match rest.strip_suffix(['；', ';']) {
        Some(r)
            if kind == Kind::Part
                && r.chars().count() <= MAX_OWN_LINE_HEADING
                && !r.contains(['。', '；', ';']) =>
        {
            r
        }
        _ => rest,
    };
    if rest.is_empty() {
        return None;
    }
    let max_split = if kind == Kind::Part {
        200
    } else {
        MAX_RUN_IN_HEADING
    };
    if kind != Kind::Part {
        if let Some(at) = points_start(rest) {
            // (二)持续提高依法行政水平一是健全行政决策程序。… : the heading
            // stops where its points begin.
            return Some(Heading {
                kind,
                number,
                text: rest[..at].trim().to_string(),
                body: Some(rest[at..].trim().to_string()),
                label,
            });
        }
    }
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

/// Where 一是 begins the points of a heading run straight into them, with no
/// 。 between (持续提高依法行政水平一是健全…): after a heading of 4 to 30
/// characters, before the first 。, and not 之一是 / 唯一是 / 统一是 / 第一是.
fn points_start(rest: &str) -> Option<usize> {
    let end = rest.find('。').unwrap_or(rest.len());
    // A copy that lost its line breaks to spaces: …加强法治政府建设方面 一是…
    if let Some(space) = rest[..end].find([' ', '\u{3000}']) {
        let after = rest[space..].trim_start_matches([' ', '\u{3000}']);
        let n = rest[..space].chars().count();
        if after.starts_with("一是") && (4..=80).contains(&n) {
            return Some(rest.len() - after.len());
        }
    }
    let at = rest[..end].find("一是")?;
    let before = &rest[..at];
    let n = before.chars().count();
    let joined = before.ends_with(['之', '唯', '统', '第', '单', '同', '万', '划', '其']);
    ((4..=30).contains(&n) && !joined && !before.contains(['，', ',', '；', '：', ':']))
        .then_some(at)
}

/// The heading a line starts with, if any.
pub(super) fn parse_heading(line: &Line) -> Option<Heading> {
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
        let cases: [(&str, Kind, u32, &str, Option<&str>); 12] = [
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
                "十一、其他需要报告的情况",
                Kind::Part,
                11,
                "其他需要报告的情况",
                None,
            ),
            ("1.2021年工作回顾", Kind::Dot, 1, "2021年工作回顾", None),
            // The opening bracket lost (import-real 82).
            (
                "一)纵深推进学悟笃行习近平法治思想",
                Kind::ParenCn,
                1,
                "纵深推进学悟笃行习近平法治思想",
                None,
            ),
        ];
        for (src, kind, n, text, body) in cases {
            let h = parse_heading(&line(src)).unwrap_or_else(|| panic!("not a heading: {src}"));
            assert_eq!(h.kind, kind, "{src}");
            assert_eq!(h.number, Some(n), "{src}");
            assert_eq!(h.text, text, "{src}");
            assert_eq!(h.body.as_deref(), body, "{src}");
        }
    }

    /// A heading run into its points without a 。 (20-nanchuan, real text).
    #[test]
    fn a_heading_stops_where_its_points_begin() {
        let l = line("(二)持续提高依法行政水平一是健全行政决策程序。严格落实《“三重一大”事项决策制度和议事规则》工作制度,聘请");
        let h = parse_heading(&l).expect("heading");
        assert_eq!(h.text, "持续提高依法行政水平");
        assert_eq!(
            h.body.as_deref(),
            Some("一是健全行政决策程序。严格落实《“三重一大”事项决策制度和议事规则》工作制度,聘请")
        );
        // A part heading closed with a semicolon (44-ninghe) is still one.
        let l = line("一、上一年度推进法治政府建设的主要举措和成效;");
        let h = parse_heading(&l).expect("heading");
        assert_eq!(h.text, "上一年度推进法治政府建设的主要举措和成效");
        // A space before 一是 where the line breaks were lost (40-zhuoni).
        let l = line("(一)深入学习贯彻习近平法治思想,加强党对法治政府建设的领导,加强法治政府建设方面 一是局党委高度重视习近平法治思想学习工作。");
        let h = parse_heading(&l).expect("heading");
        assert_eq!(
            h.text,
            "深入学习贯彻习近平法治思想,加强党对法治政府建设的领导,加强法治政府建设方面"
        );
        assert_eq!(
            h.body.as_deref(),
            Some("一是局党委高度重视习近平法治思想学习工作。")
        );
        // 之一是 is running text; a long lead-in is not a heading.
        let l = line("(三)重点任务之一是健全行政决策程序。严格落实。");
        assert_eq!(
            parse_heading(&l).expect("heading").text,
            "重点任务之一是健全行政决策程序"
        );
    }

    /// 一是…；二是… enumerates points in running text: never a section heading.
    #[test]
    fn yi_shi_lines_stay_running_text() {
        for src in [
            "一是法治理念有待增强。法治意识还需提高。",
            "二是政府和部门法制机构力量还比较薄弱；三是社会矛盾处理机制不够健全。",
            "二十三是第二十三项。",
            "一是加强学习",
        ] {
            assert!(parse_heading(&line(src)).is_none(), "{src}");
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
}
