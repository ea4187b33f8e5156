//! Cited titles of laws, regulations and Party rules (cite.law_title): a
//! 《…》 close to a listed title but not it — a word added, dropped or changed
//! — is flagged with the right title. The list is data
//! (`assets/laws/laws.v1.txt`); exact titles and the short forms without
//! “中华人民共和国” stay silent, and so do titles near none of the list.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::ids;
use crate::rules::{fix, Cx};

const LAWS_TXT: &str = include_str!("../../../../../assets/laws/laws.v1.txt");
const PRC: &str = "中华人民共和国";

/// Titles end in the name of their kind; anything else in 《》 (a book, a
/// newspaper, a notice's title) is not compared.
const KINDS: [&str; 13] = [
    "法", "条例", "规定", "办法", "意见", "纲要", "决定", "准则", "规划", "通知", "章程", "细则",
    "年）",
];

/// Words whose addition names a different (local or implementing) text.
const ADDED_ELSEWHERE: [&str; 9] = ["实施", "贯彻", "落实", "细则", "省", "市", "县", "区", "州"];

struct Laws {
    /// Each title and its short form (without 中华人民共和国), normalised.
    exact: HashSet<String>,
    /// (short form as chars, full title)
    short: Vec<(Vec<char>, String)>,
}

/// Brackets and dashes written alike, so that （2021-2025年） and
/// （2021－2025年） compare equal (other rules report the characters).
fn normalise(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            '-' | '—' | '–' | '~' | '～' | '‐' | '−' => '－',
            c => c,
        })
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace("－－", "－")
}

static LAWS: LazyLock<Laws> = LazyLock::new(|| {
    let mut exact = HashSet::new();
    let mut short = Vec::new();
    for line in LAWS_TXT.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let n = normalise(line);
        let s = n.strip_prefix(PRC).unwrap_or(&n).to_string();
        exact.insert(n.clone());
        exact.insert(s.clone());
        short.push((s.chars().collect(), line.to_string()));
    }
    Laws { exact, short }
});

/// The listed titles.
#[cfg(test)]
fn listed() -> Vec<String> {
    LAWS.short.iter().map(|(_, t)| t.clone()).collect()
}

/// How `cited` differs from `title`: one contiguous stretch replaced.
/// Returns (prefix length, chars removed from title, chars added in cited).
fn one_change(cited: &[char], title: &[char]) -> (usize, usize, usize) {
    let p = cited.iter().zip(title).take_while(|(a, b)| a == b).count();
    let max_q = cited.len().min(title.len()) - p;
    let q = cited
        .iter()
        .rev()
        .zip(title.iter().rev())
        .take(max_q)
        .take_while(|(a, b)| a == b)
        .count();
    (p, title.len() - p - q, cited.len() - p - q)
}

/// The listed title `cited` is a slip of, if any: a word (≤ 4 characters)
/// dropped anywhere, changed inside a long title, or added inside (not
/// before or after: 《吉林省优化营商环境条例》 and 《…实施条例》 are other texts).
fn near(cited: &str) -> Option<&'static str> {
    let c: Vec<char> = cited.chars().collect();
    let mut best: Option<(usize, &'static str)> = None;
    let mut tie = false;
    for (t, full) in &LAWS.short {
        let (p, removed, added) = one_change(&c, t);
        if removed == 0 && added == 0 {
            return None;
        }
        let size = removed.max(added);
        let ok = match (removed, added) {
            // Dropped: 《重大行政决策程序条例》, 《营商环境条例》.
            (r, 0) => r <= 4 && t.len() >= 6 && r * 4 <= t.len(),
            // Added inside: 《优化营商环境管理条例》.
            (0, a) => a <= 4 && p > 0 && p + removed < t.len() && a * 4 <= t.len() && t.len() >= 6,
            // Changed: only long titles, where two titles a word apart are not both real.
            (r, a) => r.max(a) <= 3 && t.len() >= 10 && r.max(a) * 5 <= t.len(),
        };
        // An added 实施/贯彻 or a place name makes another text: 《关于…的实施意见》,
        // 《吉林省…条例》.
        let added_text: String = c[p..p + added].iter().collect();
        if !ok || ADDED_ELSEWHERE.iter().any(|w| added_text.contains(w)) {
            continue;
        }
        match best {
            Some((s, f)) if s == size && f != full.as_str() => tie = true,
            Some((s, _)) if s <= size => {}
            _ => {
                best = Some((size, full.as_str()));
                tie = false;
            }
        }
    }
    if tie {
        None
    } else {
        best.map(|(_, f)| f)
    }
}

pub(super) fn law_titles(cx: &mut Cx) {
    if !cx.on(ids::CITE_LAW_TITLE) || !cx.t.s.contains('《') {
        return;
    }
    let mut hits = Vec::new();
    for inner in super::titles(cx.t.s, 2..=80) {
        let mut offset = inner.start();
        for seg in inner.as_str().split(['〈', '〉']) {
            let seg_start = offset;
            offset += seg.len() + '〈'.len_utf8();
            // The outline and the two rules have rules of their own.
            if seg.contains("法治政府建设实施纲要")
                || seg.ends_with("第一责任人职责规定")
                || (seg.contains("责任落实") && seg.contains('督'))
            {
                continue;
            }
            let n = normalise(seg);
            if LAWS.exact.contains(&n) || !KINDS.iter().any(|k| n.ends_with(k)) {
                continue;
            }
            let with_prc = n.starts_with(PRC);
            let short = n.strip_prefix(PRC).unwrap_or(&n);
            let Some(right) = near(short) else { continue };
            // A short citation keeps its short form.
            let shown = if with_prc {
                right.to_string()
            } else {
                right.strip_prefix(PRC).unwrap_or(right).to_string()
            };
            hits.push((seg_start, seg_start + seg.len(), shown));
        }
    }
    for (from, to, right) in hits {
        let (s, e) = (cx.t.ci(from), cx.t.ci(to));
        cx.emit(
            ids::CITE_LAW_TITLE,
            s,
            e,
            format!("引用的名称与现行名称不一致，应为《{right}》"),
            fix(right, false),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_titles() {
        assert_eq!(
            near("重大行政决策程序条例"),
            Some("重大行政决策程序暂行条例")
        );
        assert_eq!(near("优化营商环境管理条例"), Some("优化营商环境条例"));
        assert_eq!(near("营商环境条例"), Some("优化营商环境条例"));
        assert_eq!(
            near("重大行政决策程序暂行规定"),
            Some("重大行政决策程序暂行条例")
        );
        assert_eq!(near("行政复议法"), None, "exact short form");
        assert_eq!(near("吉林省优化营商环境条例"), None, "a local regulation");
        assert_eq!(near("优化营商环境条例实施细则"), None, "another text");
        assert_eq!(near("行政监督法"), None, "short titles are not guessed at");
        assert_eq!(near("关于完善国家工作人员学法用法制度的实施意见"), None);
        assert!(listed().len() >= 100);
        assert_eq!(LAWS.exact.len(), LAWS.exact.len());
    }
}
