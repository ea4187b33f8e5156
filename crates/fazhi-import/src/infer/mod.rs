//! Issuer and year from the title, the headings, the signature and the text.

use std::collections::HashMap;

mod organs;

pub use organs::{complete_in_text, own_organ_in_text};

/// The first four-digit year followed by 年 (2000..=2100).
pub fn year_in(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i + 4 < chars.len() + 1 {
        if i + 4 <= chars.len()
            && chars[i..i + 4].iter().all(|c| c.is_ascii_digit())
            && (i == 0 || !chars[i - 1].is_ascii_digit())
            && chars.get(i + 4) == Some(&'年')
        {
            let y: i32 = chars[i..i + 4].iter().collect::<String>().parse().ok()?;
            if (2000..=2100).contains(&y) {
                return Some(y);
            }
        }
        i += 1;
    }
    None
}

/// An issuer read from the title or the text, and whether it is complete
/// (a full name) or a guess to confirm (区政府, 市人力资源和社会保障局: the
/// place is not named).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issuer {
    pub name: String,
    pub sure: bool,
}

const PLACE_ENDS: [char; 6] = ['市', '县', '区', '旗', '州', '省'];

/// Where a place's name ends and the government is meant: 青山区 → 青山区人民政府.
const PLACE_SUFFIXES: [&str; 10] = [
    "自治区",
    "自治州",
    "自治县",
    "市",
    "县",
    "区",
    "旗",
    "州",
    "省",
    "盟",
];
const TOWN_SUFFIXES: [&str; 3] = ["镇", "乡", "街道"];

/// Names of issuing bodies end like this.
const BODY_SUFFIXES: [&str; 16] = [
    "人民政府",
    "政府",
    "办事处",
    "管理委员会",
    "管委会",
    "委员会",
    "局",
    "厅",
    "委",
    "办公室",
    "办",
    "院",
    "中心",
    "署",
    "处",
    "所",
];

/// The State Council's ministries whose names end in 部 (a bare “…部” is
/// too often 干部, 全部, 东部): the issuers of a department's report.
const MINISTRIES: [&str; 26] = [
    // Former names, in reports of their years.
    "环境保护部",
    "国土资源部",
    "农业部",
    "文化部",
    "监察部",
    "交通部",
    "外交部",
    "国防部",
    "教育部",
    "科学技术部",
    "工业和信息化部",
    "公安部",
    "国家安全部",
    "民政部",
    "司法部",
    "财政部",
    "人力资源和社会保障部",
    "自然资源部",
    "生态环境部",
    "住房和城乡建设部",
    "交通运输部",
    "水利部",
    "农业农村部",
    "商务部",
    "文化和旅游部",
    "应急管理部",
];

/// Zones whose issuer is their 管委会 (宁河经济开发区 → 宁河经济开发区管委会).
const ZONES: [&str; 8] = [
    "开发区",
    "高新区",
    "产业园区",
    "工业园区",
    "示范区",
    "试验区",
    "合作区",
    "保税区",
];

/// A zone named without its place: 经济开发区, 高新技术产业开发区.
fn generic_zone(s: &str) -> bool {
    let zone = s.strip_suffix("管委会").unwrap_or(s);
    ["经济", "高新", "工业", "产业", "综合", "国家级"]
        .iter()
        .any(|g| zone.starts_with(g))
        && ZONES.iter().any(|z| zone.ends_with(z))
}

/// A Party committee alone (市委, 县委, 梅河口市委): the report's leadership,
/// never the issuer of a government's report.
fn party_committee(s: &str) -> bool {
    let chars: Vec<char> = s.chars().collect();
    chars.len() >= 2
        && chars[chars.len() - 1] == '委'
        && PLACE_ENDS.contains(&chars[chars.len() - 2])
        && !s.contains([' ', '\u{3000}'])
}

/// A bare level word (市、区政府、省人民政府、市人社局): the place is not named.
fn names_no_place(s: &str) -> bool {
    if s.starts_with("街道") || generic_zone(s) {
        return true;
    }
    let first = s.chars().next();
    let second = s.chars().nth(1);
    // 市市场监管局 is 市 + 市场监管局; 市中区 is a place.
    let market = s.get(3..).is_some_and(|r| r.starts_with("市场"));
    matches!(first, Some('市' | '县' | '区' | '省' | '州' | '镇' | '乡'))
        && (market || !second.is_some_and(|c| PLACE_ENDS.contains(&c) || c == '中'))
}

/// A name as the issuer: a place becomes its government (青山区 → 青山区人民政府,
/// 有庆镇 → 有庆镇人民政府), 区政府 → 区人民政府; None when it names no body.
fn as_issuer(raw: &str) -> Option<Issuer> {
    let s = raw
        .trim()
        .trim_matches(|c: char| c.is_whitespace() || "，,、：:".contains(c));
    let n = s.chars().count();
    // 巴州党委、政府坚持…: the committee and the government together; the
    // government is the organ of a 法治政府 report.
    if let Some(place) = ["党委、政府", "党委和政府", "党委政府"]
        .iter()
        .find_map(|j| s.strip_suffix(j))
        .filter(|p| p.ends_with(PLACE_ENDS) && p.chars().count() >= 2)
    {
        return as_issuer(&format!("{place}人民政府"));
    }
    // Joint issuers are written with a space: 中共某县委 某县人民政府.
    if !(2..=40).contains(&n) || !s.chars().all(|c| is_han(c) || " \u{3000}Xx×Ｘ".contains(c)) {
        // 高新区(新市区)人民政府: a second name in brackets, balanced, Chinese inside.
        let bracketed = s.chars().all(|c| is_han(c) || "()（）".contains(c))
            && s.matches(['(', '（']).count() == 1
            && s.matches([')', '）']).count() == 1
            && s.find(['(', '（']) < s.find([')', '）']);
        if !(2..=40).contains(&n) || !bracketed {
            return None;
        }
    }
    if s.starts_with('我') || s.starts_with('全') || s.starts_with('各') {
        return None;
    }
    // 民政部党组坚持… : the ministry is the issuer; 中共双牌县教育局党组 → 双牌县教育局.
    let party_group = ["党组", "党工委", "党委"].iter().any(|g| s.ends_with(g));
    let s = if party_group {
        s.strip_prefix("中共").unwrap_or(s)
    } else {
        s
    };
    let s = s
        .strip_suffix("党组")
        .or_else(|| s.strip_suffix("党工委"))
        .or_else(|| s.strip_suffix("党委"))
        .filter(|b| b.chars().count() >= 2)
        .unwrap_or(s);
    if party_committee(s) {
        return None;
    }
    let name = if let Some(m) = MINISTRIES.iter().find(|m| s.ends_with(*m)) {
        // 原环境保护部: 原 says the name is a former one; the organ is the
        // ministry (原平市 is a place, so only before a ministry's whole name).
        if s.strip_prefix('原') == Some(*m) {
            m.to_string()
        } else {
            s.to_string()
        }
    } else if ZONES.iter().any(|z| s.ends_with(z)) {
        // A development zone is run by its 管委会, not a 人民政府.
        format!("{s}管委会")
    } else if let Some(place) = s.strip_suffix("政府").filter(|p| !p.ends_with("人民")) {
        format!("{place}人民政府")
    } else if PLACE_SUFFIXES.iter().any(|x| s.ends_with(x))
        || TOWN_SUFFIXES.iter().take(2).any(|x| s.ends_with(x))
    {
        format!("{s}人民政府")
    } else if s.ends_with("街道") {
        format!("{s}办事处")
    } else if BODY_SUFFIXES.iter().any(|x| s.ends_with(x)) {
        s.to_string()
    } else {
        return None;
    };
    let sure = !names_no_place(&name);
    Some(Issuer { name, sure })
}

/// A line as an organ's name (a signature, a page's source): 上海市生态环境局.
pub fn organ(s: &str) -> Option<Issuer> {
    as_issuer(s)
}

/// The text without its cited titles (《…》): 根据《法治政府建设实施纲要
/// （2021—2025年）》… names no year of the report.
pub fn without_titles(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '《' => depth += 1,
            '》' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The text with the titles it cites but did not write emptied (《》 kept as
/// a boundary): a 县 bureau that 贯彻《江门市交通运输局…》 implements its
/// superior's document, and that name is not its own. A title the report's
/// organ wrote itself (印发《…》, 制定了《…》, 修订《…》) is kept.
fn own_titles_only(s: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut keep = true;
    for c in s.chars() {
        match c {
            '《' => {
                if depth == 0 {
                    keep = authored_before(&out);
                }
                depth += 1;
                out.push(c);
            }
            '》' if depth > 0 => {
                depth -= 1;
                out.push(c);
            }
            _ if depth == 0 || keep => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether the clause before a 《 says its organ wrote the title: an
/// authoring verb right before it (印发《, 制定了《, 研究制定《, 印发实施《,
/// 制定落实了《), not a description of another's (市委制定的《, 省厅印发的《) nor
/// a verb further back (制定实施方案贯彻落实《); or 提请…审议《 (its own draft
/// sent to the 人大).
fn authored_before(text: &str) -> bool {
    const VERBS: [&str; 5] = ["印发", "制定", "出台", "修订", "起草"];
    let clause: Vec<char> = text
        .chars()
        .rev()
        .take_while(|c| !"，。；：！？,;:!?》\n".contains(*c))
        .take(16)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let clause: String = clause.into_iter().collect();
    let tail = clause.trim_end_matches('了');
    let near: String = {
        let n = tail.chars().count();
        tail.chars().skip(n.saturating_sub(4)).collect()
    };
    let verb_near = VERBS.iter().any(|v| {
        near.match_indices(v)
            .any(|(at, _)| !near[at + v.len()..].starts_with('的'))
    });
    verb_near || (clause.contains("提请") && tail.ends_with("审议"))
}

/// A year written at the start: 2021年, 2021年度.
fn strip_leading_year(s: &str) -> &str {
    let t = s.trim_start();
    let digits = t.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits == 4 {
        let rest = &t[4..];
        let rest = rest
            .strip_prefix("年度")
            .or_else(|| rest.strip_prefix('年'));
        if let Some(r) = rest {
            return r.trim_start_matches(['，', ',', ' ']);
        }
    }
    t
}

/// Where the issuer's name stops in a title without 关于: at its year or at
/// the subject (法治政府建设…).
const TITLE_SUBJECTS: [&str; 6] = [
    "法治政府",
    "法治建设",
    "依法行政",
    "推进法治",
    "年度法治",
    "法治工作",
];

/// The issuer named by a title, in every form reports use: 梅河口市人民政府关于
/// 2019年…的报告; XX市2022年度法治政府建设工作报告; 2021年青山区法治政府建设情况报告
/// (year first); 青山区法治政府建设情况报告 (no year).
pub fn issuer_in_title(title: &str) -> Option<Issuer> {
    let title = title.trim();
    if let Some((before, _)) = title.split_once("关于") {
        // 关于…的报告 without an issuer names none.
        return as_issuer(strip_leading_year(before));
    }
    let rest = strip_leading_year(title);
    let mut end = rest.len();
    for (b, _) in rest.char_indices() {
        let tail = &rest[b..];
        let year_here = tail.chars().take(4).all(|c| c.is_ascii_digit())
            && tail.chars().nth(4) == Some('年')
            && tail.chars().count() > 4;
        let han_year_here = han_year_in(&tail.chars().take(5).collect::<String>()).is_some();
        if year_here || han_year_here || TITLE_SUBJECTS.iter().any(|x| tail.starts_with(x)) {
            end = b;
            break;
        }
    }
    if end == rest.len() {
        return None;
    }
    // A news copy's headline: 司法部发布2023年法治政府建设年度报告.
    let named = &rest[..end];
    as_issuer(named).or_else(|| {
        ["发布", "公布", "印发"]
            .iter()
            .find_map(|v| named.strip_suffix(v))
            .and_then(as_issuer)
    })
}

/// Words that begin the predicate of a report's first sentence: the issuer
/// is what stands before them.
const PREDICATE_STARTS: [&str; 43] = [
    "坚决",
    "统筹",
    "锚定",
    "奋力",
    "努力",
    "狠抓",
    "加快",
    "强化",
    "注重",
    "牢固",
    "推动",
    "推进",
    "落实",
    "坚持",
    "深入",
    "认真",
    "全面",
    "紧紧",
    "始终",
    "以习近平",
    "按照",
    "围绕",
    "持续",
    "不断",
    "积极",
    "扎实",
    "聚焦",
    "立足",
    "高度",
    "紧扣",
    "全力",
    "进一步",
    "大力",
    "切实",
    "严格",
    "着力",
    "主动",
    "结合",
    "贯彻",
    "在",
    "以",
    "把",
    "将",
];

/// The subject of a clause: 东岗县卫生健康局深入推进… → 东岗县卫生健康局.
fn subject_of(clause: &str) -> Option<Issuer> {
    for (b, _) in clause.char_indices().skip(2) {
        let tail = &clause[b..];
        // 中村乡法治政府建设工作在…领导下: the subject names the work.
        if PREDICATE_STARTS.iter().any(|p| tail.starts_with(p))
            || TITLE_SUBJECTS.iter().any(|x| tail.starts_with(x))
        {
            if let Some(i) = as_issuer(&clause[..b]) {
                return Some(i);
            }
        }
    }
    None
}

/// The issuer named by the opening sentence when there is no title:
/// “2022年，在县委、县政府的坚强领导下，东岗县卫生健康局深入推进…”, or by
/// the preface's “现将市人力资源和社会保障局2019年度…报告如下”.
pub fn issuer_in_opening(sentence: &str) -> Option<Issuer> {
    let s = sentence.trim();
    // A name without its place from 现将…报告如下 (现将街道2025年度…) yields
    // to the subject of the opening clause (2025年，大中街道在…).
    let mut partial = None;
    if let Some(after) = s.split_once("现将").map(|(_, a)| a) {
        let stop = after
            .char_indices()
            .find(|(b, _)| {
                let t = &after[*b..];
                (t.chars().take(4).all(|c| c.is_ascii_digit()) && t.chars().count() > 4)
                    || TITLE_SUBJECTS.iter().any(|x| t.starts_with(x))
                    || t.starts_with("关于")
            })
            .map(|(b, _)| b);
        match stop.and_then(|b| as_issuer(&after[..b])) {
            Some(i) if i.sure => return Some(i),
            other => partial = other,
        }
    }
    let s = strip_leading_year(s);
    // Clauses: skip the “在……领导下” and “根据……” ones.
    for clause in s.split(['，', ',', '；']) {
        let c = clause.trim();
        if c.starts_with('在') && (c.ends_with('下') || c.contains("领导")) {
            continue;
        }
        if c.starts_with("根据") || c.starts_with("按照") || c.starts_with("为") {
            continue;
        }
        // 2020年以来, 一年来, 近年来: when, not who.
        if c.is_empty() || c.ends_with("以来") || c.ends_with("年来") {
            continue;
        }
        return match subject_of(c) {
            Some(i) if i.sure || partial.is_none() => Some(i),
            _ => partial,
        };
    }
    partial
}

/// A year written in Chinese numerals: 二〇二一年 → 2021.
fn han_year_in(s: &str) -> Option<i32> {
    let chars: Vec<char> = s.chars().collect();
    let digit = |c: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .or(match c {
                '零' | '○' | 'O' | '0' => Some(0),
                _ => None,
            })
    };
    for i in 0..chars.len().saturating_sub(4) {
        if chars[i + 4] != '年' {
            continue;
        }
        let ds: Option<Vec<usize>> = chars[i..i + 4].iter().map(|&c| digit(c)).collect();
        if let Some(ds) = ds {
            let y = ds.iter().fold(0i32, |a, d| a * 10 + *d as i32);
            if (2000..=2100).contains(&y) {
                return Some(y);
            }
        }
    }
    None
}

/// The year the text names most often (2021年 counts, 2021年度 too), the
/// later one on a tie: a last resort for a report that names its year
/// nowhere a title or heading would.
pub fn most_named_year(text: &str) -> Option<i32> {
    let chars: Vec<char> = text.chars().take(40_000).collect();
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for i in 0..chars.len().saturating_sub(4) {
        let four = &chars[i..i + 4];
        if four.iter().all(|c| c.is_ascii_digit())
            && chars[i + 4] == '年'
            && (i == 0 || !chars[i - 1].is_ascii_digit())
        {
            let y: i32 = four.iter().collect::<String>().parse().unwrap_or(0);
            if (2000..=2100).contains(&y) {
                *counts.entry(y).or_default() += 1;
            }
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(y, n)| (n, y))
        .map(|(y, _)| y)
}

/// A year in a title: 2021年 or 二〇二一年.
pub fn year_in_title(s: &str) -> Option<i32> {
    year_in(s).or_else(|| han_year_in(s))
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c)
}

/// The place whose 人民政府 the text names most often. The place name's start
/// is unknown (在梅河口市人民政府网站…), so each candidate is extended to the
/// left while the longer string occurs about as often in the whole text as
/// the shorter one: 口市 → 河口市 → 梅河口市 stop (在梅河口市 occurs once).
pub fn issuer_in_text(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let marker: Vec<char> = "人民政府".chars().collect();
    // Each place: how often it stands before 人民政府, and where first (the
    // tie-break: a HashMap's order is random, and a tie decided by it gave
    // 54-changji a different note from one run to the next).
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    let cache: std::cell::RefCell<HashMap<String, usize>> = Default::default();
    let count = |needle: &str| {
        if let Some(n) = cache.borrow().get(needle) {
            return *n;
        }
        let n = text.matches(needle).count();
        cache.borrow_mut().insert(needle.to_string(), n);
        n
    };
    let mut i = 2;
    let mut seen = 0;
    while i + marker.len() <= chars.len() {
        if chars[i..i + marker.len()] == marker[..] && PLACE_ENDS.contains(&chars[i - 1]) {
            seen += 1;
            if seen > 200 {
                break;
            }
            let mut n = 2;
            let mut best: Option<String> = None;
            let mut prev = 0usize;
            while n <= 8 && n <= i {
                let slice = &chars[i - n..i];
                if !slice.iter().all(|c| is_han(*c)) {
                    break;
                }
                let cand: String = slice.iter().collect();
                let c = count(&cand);
                if best.is_some() && c * 10 < prev * 6 {
                    break;
                }
                prev = c;
                best = Some(cand);
                n += 1;
            }
            if let Some(b) = best {
                counts.entry(b).or_insert((0, i)).0 += 1;
            }
            i += marker.len();
        } else {
            i += 1;
        }
    }
    // Prefer the place that fits 我市/我县/我区 in the text.
    let own: Vec<char> = PLACE_ENDS
        .iter()
        .copied()
        .filter(|c| text.contains(&format!("我{c}")))
        .collect();
    counts
        .into_iter()
        .max_by_key(|(name, (n, first))| {
            let fits = name.chars().last().is_some_and(|c| own.contains(&c));
            (
                fits,
                count(name) + n,
                name.chars().count(),
                std::cmp::Reverse(*first),
            )
        })
        .map(|(name, _)| format!("{name}人民政府"))
}

/// The previous calendar year (reports are written early in the year after),
/// from the system clock; a placeholder the user must confirm.
pub fn previous_calendar_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let year = 1970 + (secs / 31_556_952) as i32;
    (year - 1).clamp(2000, 2100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(i: Option<Issuer>) -> Option<String> {
        i.map(|i| i.name)
    }

    fn guess(i: Option<Issuer>) -> Option<(String, bool)> {
        i.map(|i| (i.name, i.sure))
    }

    #[test]
    fn every_title_form() {
        for (title, issuer, year) in [
            ("2021年青山区法治政府建设情况报告", "青山区人民政府", 2021),
            ("青山区2021年度法治政府建设情况报告", "青山区人民政府", 2021),
            ("XX市2022年度法治政府建设工作报告", "XX市人民政府", 2022),
            (
                "有庆镇2020年度法治政府建设工作情况报告",
                "有庆镇人民政府",
                2020,
            ),
            (
                "广州市教育局2021年法治政府建设年度报告",
                "广州市教育局",
                2021,
            ),
            (
                "忠县人民政府2021年法治政府建设年度报告",
                "忠县人民政府",
                2021,
            ),
            (
                "某开发区管委会2022年度法治政府建设工作报告",
                "某开发区管委会",
                2022,
            ),
            (
                "古丈县司法局关于2024年度法治政府建设情况的报告",
                "古丈县司法局",
                2024,
            ),
            (
                "新疆维吾尔自治区人民政府关于2017年法治政府建设工作的报告",
                "新疆维吾尔自治区人民政府",
                2017,
            ),
            ("某街道2023年法治政府建设情况报告", "某街道办事处", 2023),
            (
                "青山区二〇二一年法治政府建设情况报告",
                "青山区人民政府",
                2021,
            ),
        ] {
            assert_eq!(
                guess(issuer_in_title(title)),
                Some((issuer.to_string(), true)),
                "{title}"
            );
            assert_eq!(year_in_title(title), Some(year), "{title}");
        }
        // No issuer in the title, or only a level word.
        assert_eq!(issuer_in_title("关于2022年法治政府建设情况的报告"), None);
        assert_eq!(
            guess(issuer_in_title(
                "省人民政府关于2020年度推进法治政府建设情况的报告"
            )),
            Some(("省人民政府".into(), false))
        );
    }

    #[test]
    fn openings_without_a_title() {
        for (s, issuer, sure) in [
            ("2022年，在县委、县政府的坚强领导下，东岗县卫生健康局深入推进法治政府建设。", "东岗县卫生健康局", true),
            ("2019年，在省委、省政府和市委、市政府的正确领导下，南昌县全面贯彻党的十九大精神。", "南昌县人民政府", true),
            ("2021年，梧州市人力资源和社会保障局以习近平新时代中国特色社会主义思想为指引。", "梧州市人力资源和社会保障局", true),
            ("2023年，在市委、市政府和区委的坚强领导下，区政府坚持以习近平新时代中国特色社会主义思想为指导。", "区人民政府", false),
            ("2023年，市市场监管局在市委市政府的坚强领导下，深入学习贯彻习近平法治思想。", "市市场监管局", false),
            ("现将市人力资源和社会保障局2019年度法治政府建设工作报告如下：", "市人力资源和社会保障局", false),
        ] {
            assert_eq!(guess(issuer_in_opening(s)), Some((issuer.to_string(), sure)), "{s}");
        }
        assert_eq!(
            issuer_in_opening("现将我局2023年度法治政府建设工作报告如下："),
            None
        );
        // Real openings (tests/fixtures/import-real): a ministry, its Party
        // group, a township whose subject is its work, a 街道 whose 现将 names
        // no place, a Party committee's addressee.
        for (s, issuer, sure) in [
            ("2022年,司法部坚持以习近平新时代中国特色社会主义思想为指导,全面贯彻落实党的二十大精神。", "司法部", true),
            ("2022年,民政部党组坚持以习近平新时代中国特色社会主义思想为指导,深入学习贯彻党的二十大精神。", "民政部", true),
            ("2025年,中村乡法治政府建设工作在市委、市人民政府的正确领导下,认真落实上级各项工作部署。", "中村乡人民政府", true),
            ("2025年,大中街道在区委、区政府的坚强领导下,扎实推进依法行政。现将街道2025年度法治政府建设工作情况报告如下:", "大中街道办事处", true),
            ("现将街道2025年度法治政府建设工作情况报告如下:", "街道办事处", false),
            // corpus set2: 以来 after the year, a former ministry's name.
            ("2020年以来,在市委、市政府的坚强领导下,山海关区政府坚决贯彻落实习近平总书记全面依法治国新理念。", "山海关区人民政府", true),
            ("2023年以来,县司法局在县委、县政府的坚强领导下,在上级司法行政机关的精心指导下,始终坚持。", "县司法局", false),
            ("2017年,原环境保护部深入学习宣传贯彻党的十九大精神。", "环境保护部", true),
            ("2023年,清波街道党工委坚持以习近平新时代中国特色社会主义思想为指导。", "清波街道办事处", true),
            ("2024年,中共双牌县教育局党组坚持以习近平新时代中国特色社会主义思想为指导。", "双牌县教育局", true),
        ] {
            assert_eq!(guess(issuer_in_opening(s)), Some((issuer.to_string(), sure)), "{s}");
        }
        assert_eq!(issuer_in_opening("市委全面依法治市委员会:"), None);
        // A development zone is run by its 管委会 (import-real 44).
        assert_eq!(
            guess(issuer_in_opening("2024年宁河经济开发区在区委、区政府的正确领导下,坚持以习近平新时代中国特色社会主义思想为指导。")),
            Some(("宁河经济开发区管委会".to_string(), true))
        );
        assert_eq!(
            guess(issuer_in_title("经济开发区2024年度法治政府建设情况报告")),
            Some(("经济开发区管委会".to_string(), false))
        );
        // A second name in brackets (import-real 46).
        assert_eq!(
            guess(issuer_in_title(
                "高新区(新市区)人民政府2024年法治政府建设工作报告"
            )),
            Some(("高新区(新市区)人民政府".to_string(), true))
        );
        assert_eq!(
            name(issuer_in_title("司法部2020年法治政府建设年度报告")).as_deref(),
            Some("司法部")
        );
        assert_eq!(
            issuer_in_opening("2022年，全市司法行政系统在市委、市政府的正确领导下，始终坚持。"),
            None
        );
    }

    #[test]
    fn year_needs_nian() {
        assert_eq!(year_in("一、2019年法治政府建设"), Some(2019));
        assert_eq!(year_in("共20190项，2020年"), Some(2020));
        assert_eq!(year_in("没有年份"), None);
    }

    #[test]
    fn issuer_from_titles() {
        assert_eq!(
            name(issuer_in_title(
                "梅河口市人民政府关于2019年法治政府建设情况的报告"
            ))
            .as_deref(),
            Some("梅河口市人民政府")
        );
        assert_eq!(
            name(issuer_in_title("通化市2019年法治政府建设年度报告")).as_deref(),
            Some("通化市人民政府")
        );
        assert_eq!(
            name(issuer_in_title(
                "中共某县委 某县人民政府关于2022年法治政府建设情况的报告"
            ))
            .as_deref(),
            Some("中共某县委 某县人民政府")
        );
    }

    #[test]
    fn issuer_from_text_finds_the_whole_place_name() {
        let text = "在梅河口市人民政府网站公开。梅河口市全面落实。成立梅河口市人民政府法律顾问室。我市各部门。梅河口市机构改革。";
        assert_eq!(issuer_in_text(text).as_deref(), Some("梅河口市人民政府"));
        assert_eq!(issuer_in_text("没有机关名称的文字"), None);
    }
}
