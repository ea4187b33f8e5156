//! Issuer and year from the title, the headings, the signature and the text.

use std::collections::HashMap;

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

/// 梅河口市人民政府关于2019年… → 梅河口市人民政府; XX市2019年法治政府建设年度报告 → XX市人民政府.
pub fn issuer_in_title(title: &str) -> Option<String> {
    if let Some((before, _)) = title.split_once("关于") {
        let b = before.trim();
        if !b.is_empty() && b.chars().count() <= 60 {
            return Some(b.to_string());
        }
    }
    let before: String = title.chars().take_while(|c| !c.is_ascii_digit()).collect();
    let before = before.trim();
    if before.chars().count() >= 2
        && before.chars().count() <= 40
        && before.chars().count() < title.chars().count()
    {
        if is_place(before) {
            return Some(format!("{before}人民政府"));
        }
        return Some(before.to_string());
    }
    None
}

const PLACE_ENDS: [char; 6] = ['市', '县', '区', '旗', '州', '省'];

fn is_place(s: &str) -> bool {
    s.chars().last().is_some_and(|c| PLACE_ENDS.contains(&c))
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
    let mut counts: HashMap<String, usize> = HashMap::new();
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
                *counts.entry(b).or_default() += 1;
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
        .max_by_key(|(name, n)| {
            let fits = name.chars().last().is_some_and(|c| own.contains(&c));
            (fits, count(name) + n, name.chars().count())
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

    #[test]
    fn year_needs_nian() {
        assert_eq!(year_in("一、2019年法治政府建设"), Some(2019));
        assert_eq!(year_in("共20190项，2020年"), Some(2020));
        assert_eq!(year_in("没有年份"), None);
    }

    #[test]
    fn issuer_from_titles() {
        assert_eq!(
            issuer_in_title("梅河口市人民政府关于2019年法治政府建设情况的报告").as_deref(),
            Some("梅河口市人民政府")
        );
        assert_eq!(
            issuer_in_title("通化市2019年法治政府建设年度报告").as_deref(),
            Some("通化市人民政府")
        );
        assert_eq!(
            issuer_in_title("中共某县委 某县人民政府关于2022年法治政府建设情况的报告").as_deref(),
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
