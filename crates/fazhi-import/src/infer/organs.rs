//! The organ a report names only as 我市 / 我局, or without its place
//! (市公安局), guessed from where the text writes the name in full.

use std::collections::HashMap;

use super::{as_issuer, is_han, own_titles_only};

/// What the text calls itself (我市, 我镇, 我局…), the most used.
const OWN_WORDS: [(&str, &str); 10] = [
    ("我市", "市"),
    ("我县", "县"),
    ("我区", "区"),
    ("我镇", "镇"),
    ("我乡", "乡"),
    ("我街道", "街道"),
    ("我局", "局"),
    ("我厅", "厅"),
    ("我委", "委"),
    ("我办", "办"),
];

/// Characters that may stand right before a name in running text
/// (在下太镇…, 列入下太镇委党校, 《长治市…》).
fn before_name(c: Option<char>) -> bool {
    c.is_none_or(|c| !is_han(c) || "在把入对和与及了是为将由从向到至经于".contains(c))
}

/// The organ a report names only as 我市 / 我镇 / 我局, found where the text
/// writes its name in full: 下太镇 (在下太镇落地生根), 武汉市 (制定《武汉市…办法》),
/// 江门市交通运输局 (印发《江门市交通运输局制定…》) — outside cited titles, or in a
/// title it wrote itself (a 县 bureau's report cites its superior's 《…》). The
/// name most often written, as the issuer (武汉市 → 武汉市人民政府); a guess for
/// the user to confirm.
pub fn own_organ_in_text(text: &str) -> Option<(String, &'static str)> {
    let text: String = text.chars().take(60_000).collect();
    let text = own_titles_only(&text);
    let (own, suffix) = OWN_WORDS
        .iter()
        .map(|(w, s)| (*w, *s, text.matches(w).count()))
        .filter(|(_, _, n)| *n > 0)
        .max_by_key(|(_, _, n)| *n)
        .map(|(w, s, _)| (w, s))?;
    let organ = matches!(suffix, "局" | "厅" | "委" | "办");
    let name = places_in(&text, suffix, organ)?;
    let issuer = as_issuer(&name).filter(|i| i.sure)?;
    Some((issuer.name, own))
}

/// The name ending in `suffix` (镇, 市, or an organ's 局) the text writes most
/// often in full, at a word boundary: 下太镇, 长治市, 江门市交通运输局.
fn places_in(text: &str, suffix: &str, organ: bool) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let suf: Vec<char> = suffix.chars().collect();
    let (min, max) = if organ { (4, 14) } else { (2, 4) };
    // How often and where first each possible name is written, in one pass:
    // searching the text again for each (text.matches, text.find) was
    // quadratic in the number of names (6,000 names: 4.7 s).
    let written = names_written(&chars, &suf, min, max);
    let count = |s: &str| written.get(s).map_or(0, |w| w.0);
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i + suf.len() <= chars.len() {
        if chars[i..i + suf.len()] != suf[..] {
            i += 1;
            continue;
        }
        let after = chars.get(i + suf.len()).copied();
        // 市委, 市政府, 市场, 县级: the level word of something else.
        let level_of_other =
            !organ && after.is_some_and(|c| "委政长直级场属民区人域内外容".contains(c));
        let name = |n: usize| -> String { chars[i - n..i + suf.len()].iter().collect() };
        // The shortest name that starts at a word's start (在下太镇, 《长治市,
        // a line's start); taken at a clear start (《 “ （ a line) or when
        // the text writes it at least twice (，联合区体育 once is no name).
        let found = (min..=max)
            .take_while(|&m| m <= i && chars[i - m..i].iter().all(|c| is_han(*c)))
            .find(|&m| before_name(i.checked_sub(m + 1).map(|k| chars[k])));
        if let (Some(n), false) = (found, level_of_other) {
            let candidate = name(n);
            let start = i.checked_sub(n + 1).map(|k| chars[k]);
            let placed = !organ
                || candidate
                    .chars()
                    .take(6)
                    .any(|c| "省市县区州旗".contains(c));
            // An organ's whole name may also open a sentence (…新成效。盐城市
            // 交通运输局被交通运输部表彰…); a place may not (。协调区党政… is none).
            let sentence = organ && matches!(start, Some('。' | '；'));
            if placed
                && plain_name(&chars[i - n..i])
                && (clear_start(start) || sentence || count(&candidate) >= 2)
            {
                *counts.entry(candidate).or_default() += 1;
            }
        }
        i += suf.len();
    }
    counts
        .into_iter()
        .max_by_key(|(name, n)| (*n, std::cmp::Reverse(written.get(name).map(|w| w.1))))
        .map(|(name, _)| name)
}

/// Every run of `min..=max` characters ending in `suf` where `suf` is
/// written: how many times, and the first character's place.
fn names_written(
    chars: &[char],
    suf: &[char],
    min: usize,
    max: usize,
) -> HashMap<String, (usize, usize)> {
    let mut written: HashMap<String, (usize, usize)> = HashMap::new();
    let mut i = 0;
    while i + suf.len() <= chars.len() {
        if chars[i..i + suf.len()] != suf[..] {
            i += 1;
            continue;
        }
        for n in min..=max.min(i) {
            let name: String = chars[i - n..i + suf.len()].iter().collect();
            let w = written.entry(name).or_insert((0, i - n));
            w.0 += 1;
        }
        i += suf.len();
    }
    written
}

/// Where a name clearly starts: a line's start, 《, “, （.
fn clear_start(c: Option<char>) -> bool {
    c.is_none_or(|c| "\n《“（(".contains(c))
}

/// A place's or organ's name holds no pronoun, quantifier, preposition or
/// verb of the sentence around it (为我镇, 制定全市, 现将市, 邀请湖北省, 年度象山县);
/// 和 stays (文化和旅游局, 人力资源和社会保障局).
fn plain_name(chars: &[char]) -> bool {
    !chars
        .iter()
        .any(|c| "我全本各该将现把在对由从向为是了的与及等请邀度年".contains(*c))
}

/// A name the report writes without its place (市公安局, 市生态环境局), completed
/// from the text: the same name with its place where the text writes it
/// (《宜春市公安局营商环境提升行动实施方案》 → 宜春市公安局), else the place the text
/// names most at that level (印发实施青岛市“三线一单”… → 青岛市生态环境局). A guess.
pub fn complete_in_text(partial: &str, text: &str) -> Option<String> {
    let level = partial.chars().next()?;
    if !"省市县区".contains(level) {
        return None;
    }
    let all_text: String = text.chars().take(60_000).collect();
    let text = own_titles_only(&all_text);
    let chars: Vec<char> = text.chars().collect();
    let want: Vec<char> = partial.chars().collect();
    // How often each place (宜春市) and where first each full name
    // (宜春市公安局) is written, in one pass each, as in `places_in`: a
    // search of the text per place was quadratic (8,000 places: 7 s).
    let places = names_written(&chars, &[level], 2, 4);
    let fulls = names_written(&chars, &want, 2, 4);
    let count = |s: &str| places.get(s).map_or(0, |w| w.0);
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut i = 0;
    while i + want.len() <= chars.len() {
        if chars[i..i + want.len()] != want[..] {
            i += 1;
            continue;
        }
        // The place before the name (宜春 + 市公安局), taken as in `places_in`.
        let found = (2..=4)
            .take_while(|&m| m <= i && chars[i - m..i].iter().all(|c| is_han(*c)))
            .find(|&m| before_name(i.checked_sub(m + 1).map(|k| chars[k])));
        if let Some(n) = found {
            let place: String = chars[i - n..=i].iter().collect();
            let start = i.checked_sub(n + 1).map(|k| chars[k]);
            if plain_name(&chars[i - n..i]) && (clear_start(start) || count(&place) >= 2) {
                let name: String = chars[i - n..i + want.len()].iter().collect();
                *counts.entry(name).or_default() += 1;
            }
        }
        i += want.len();
    }
    let full = counts
        .into_iter()
        .max_by_key(|(n, c)| (*c, std::cmp::Reverse(fulls.get(n).map(|w| w.1))))
        .map(|(n, _)| n);
    let full = full.or_else(|| {
        // A 区 or 县 has no bureau of the same name above it: the district a
        // 区人社局 names, in its own words or in the district's documents it
        // implements (落实《汕头市澄海区2024年法治政府建设工作要点》), is its own.
        // A 市 bureau may cite its superior city's (江门市 for 开平市): only
        // the text's own words count there.
        let place = places_in(&text, &level.to_string(), false).or_else(|| {
            matches!(level, '区' | '县')
                .then(|| district_in(&all_text, level))
                .flatten()
        })?;
        Some(format!("{place}{}", &partial[level.len_utf8()..]))
    })?;
    as_issuer(&full).filter(|i| i.sure).map(|i| i.name)
}

/// The 区 or 县 a text names most, titles included, with its city when
/// written (《汕头市澄海区2024年…》 → 汕头市澄海区): two or three characters
/// before the level word, right after 《 or a city's 市/州/盟 (a sentence's
/// 协调区党政… is no place), and not the level word of something else (区委,
/// 区政府). One pass.
fn district_in(text: &str, level: char) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for i in 0..chars.len() {
        if chars[i] != level {
            continue;
        }
        if chars
            .get(i + 1)
            .is_some_and(|c| "委政长直级场属民区人域内外容".contains(*c))
        {
            continue;
        }
        // 社区, 园区, 景区, 辖区, 山区…: a kind of area, not a district's name
        // (《城乡社区服务体系建设规划》 names none; 城区 stays: 上城区, 东城区 are places).
        if i > 0 && level == '区' && "社园景辖山矿片街校牧灾营".contains(chars[i - 1])
        {
            continue;
        }
        // The character before place `k`, if any.
        let before = |k: usize| k.checked_sub(1).map(|b| chars[b]);
        let city_end = |k: usize| before(k).is_some_and(|c| "市州盟".contains(c));
        let Some(m) = (2..=3).find(|&m| {
            m <= i
                && chars[i - m..i].iter().all(|c| is_han(*c))
                && plain_name(&chars[i - m..i])
                && (city_end(i - m) || before(i - m) == Some('《'))
        }) else {
            continue;
        };
        let mut start = i - m;
        // 汕头市 before 澄海区: the city too, when it starts at a boundary.
        if city_end(start) {
            if let Some(c) = (2..=3).find(|&c| {
                start > c
                    && chars[start - 1 - c..start - 1].iter().all(|x| is_han(*x))
                    && plain_name(&chars[start - 1 - c..start - 1])
                    && !before(start - 1 - c).is_some_and(is_han)
            }) {
                start -= 1 + c;
            }
        }
        let name: String = chars[start..=i].iter().collect();
        let e = counts.entry(name).or_insert((0, start));
        e.0 += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(_, (n, first))| (*n, std::cmp::Reverse(*first)))
        .map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real reports that call themselves 我镇/我市/我局 only
    /// (tests/fixtures/import-real 23, 26, 27, 29).
    #[test]
    fn the_organ_a_report_calls_we() {
        for (text, issuer) in [
            ("我镇深入学习。让党的二十大精神在下太镇落地生根。我镇高度重视。二是把习近平法治思想列入下太镇委党校培训课程。", "下太镇人民政府"),
            ("2024年,我市坚持。提请市人大常委会审议《武汉市推进科技创新中心建设条例》等,制定《武汉市长江流域重点水域垂钓管理办法》等政府规章3件。", "武汉市人民政府"),
            ("现将我局2022年度法治政府建设工作报告如下:我局高度重视。印发《江门市交通运输局制定规范性文件工作规程》,建立台账。", "江门市交通运输局"),
        ] {
            assert_eq!(own_organ_in_text(text).map(|(n, _)| n).as_deref(), Some(issuer), "{text}");
        }
        // Its whole name opening a sentence once (import-real 79).
        assert_eq!(
            own_organ_in_text("我局深入学习。法治交通建设取得了新成效。盐城市交通运输局被交通运输部表彰为先进集体。对我市法治交通建设工作给予充分肯定。")
                .map(|(n, _)| n)
                .as_deref(),
            Some("盐城市交通运输局")
        );
        // Named nowhere: no guess.
        assert_eq!(
            own_organ_in_text("2024年,我局在市委市政府的正确领导下。我市水利改革。全局干部。"),
            None
        );
        assert_eq!(
            own_organ_in_text("我局认真落实《**区2022年全面依法治区工作要点》。"),
            None
        );
        // 长治市 written only in a plan it implements (扎实推动《长治市…》): the
        // same shape as a 县级市 implementing its superior's plan — no guess.
        assert_eq!(
            own_organ_in_text("2023年,我市坚持以习近平新时代中国特色社会主义思想为指导。扎实推动《长治市“十四五”政府治理体系和治理能力现代化专项规划》任务落实。全市乡镇普遍构建。"),
            None
        );
        // A 县 bureau implementing its superior's documents: the superior is
        // named only inside titles the report did not write — no guess.
        let cites = "我局认真贯彻《江门市交通运输局关于加强行政执法监督的实施意见》，我局严格执行《江门市交通运输局行政处罚裁量权基准》。";
        assert_eq!(own_organ_in_text(cites), None);
        assert_eq!(
            own_organ_in_text("我局认真落实市委制定的《江门市交通运输局执法规程》。我局高度重视。"),
            None
        );
        assert_eq!(
            own_organ_in_text("我局高度重视。制定了《开平市交通运输局执法规程》。贯彻《江门市交通运输局实施意见》《江门市交通运输局裁量基准》。")
                .map(|(n, _)| n)
                .as_deref(),
            Some("开平市交通运输局")
        );
    }

    /// Real reports naming themselves without their place (import-real 34, 06).
    #[test]
    fn a_name_without_its_place_completed_from_the_text() {
        assert_eq!(
            complete_in_text("市公安局", "2023年,市公安局认真贯彻落实。制定落实了《宜春市公安局营商环境提升行动实施方案》,组织开展。").as_deref(),
            Some("宜春市公安局")
        );
        assert_eq!(
            complete_in_text("市生态环境局", "2021年,市生态环境局深入学习。科学制定规划,印发实施青岛市“三线一单”生态环境分区管控方案。").as_deref(),
            None,
            "青岛市 stands after 实施, no boundary: no guess"
        );
        assert_eq!(
            complete_in_text("市生态环境局", "2021年,市生态环境局深入学习。修订《青岛市不纳入建设项目环境影响评价管理的项目名录》。").as_deref(),
            Some("青岛市生态环境局")
        );
        assert_eq!(
            complete_in_text("市公安局", "市公安局坚持。全市公安机关。").as_deref(),
            None
        );
        // A 县级市's bureau citing its superior's title: not its own name.
        assert_eq!(
            complete_in_text(
                "市交通运输局",
                "市交通运输局认真贯彻《江门市交通运输局关于加强行政执法监督的实施意见》。"
            )
            .as_deref(),
            None
        );
        // A 区 bureau implementing its district's plan (import-real 62): the
        // district is its own.
        assert_eq!(
            complete_in_text(
                "区人社局",
                "区人社局坚持。落实《中共汕头市澄海区委全面依法治区委员会2024年工作要点》《汕头市澄海区2024年法治政府建设工作要点》。"
            )
            .as_deref(),
            Some("汕头市澄海区人社局")
        );
        // A kind of area in a cited title is no district.
        assert_eq!(
            complete_in_text(
                "区民政局",
                "区民政局坚持。落实《城乡社区服务体系建设规划》《工业园区管理办法》。"
            )
            .as_deref(),
            None
        );
        // 协调区党政负责人… is no district; 《罗湖区法治建设…》 is (import-real 42).
        assert_eq!(
            complete_in_text(
                "区司法局",
                "区司法局坚持。协调区党政负责人述法。修改完善《罗湖区法治建设指标》。"
            )
            .as_deref(),
            Some("罗湖区司法局")
        );
        // 现将市人社局…: a verb before the name is no place.
        assert_eq!(
            complete_in_text("市人社局", "现将市人社局2021年度法治政府建设情况报告如下。")
                .as_deref(),
            None
        );
    }
}
