//! Before part one: a filing copy's 版头 (发文机关标志, 发文字号 and 签发人 — on one
//! line or two), title (also wrapped onto two lines), addressee; every other line
//! there is preface.

use super::headings::number_prefix;
use super::Line;

/// What the lines before the first part heading hold.
#[derive(Debug, Default)]
pub(super) struct FrontMatter {
    /// The 版头's 发文机关标志 as written (梅河口市人民政府文件).
    pub issuer_mark: Option<String>,
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub signer: Option<String>,
    pub addressee: Option<String>,
    /// Indexes (into the lines) of the preface paragraphs.
    pub preface_lines: Vec<usize>,
    /// Lines a web page left above the title: set aside as chrome.
    pub dropped: Vec<usize>,
    /// The organ that signed a covering letter the report is attached to…
    pub cover_signature: Option<String>,
    /// …the letter's date (ISO)…
    pub cover_date: Option<String>,
    /// …and how many preface lines the letter is (they stay in the preface).
    pub cover_letter: usize,
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

/// A 版头 line holding both: 梅政发〔2020〕1号　　签发人：王某某 (a DOCX writes a tab
/// between them, a web copy spaces).
fn number_and_signer(s: &str) -> Option<(String, String)> {
    let at = s.find("签发人")?;
    let number = s[..at].trim_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
    let signer = signer_of(&s[at..])?;
    is_doc_number(number).then(|| (number.to_string(), signer))
}

/// The 发文机关标志 at the top of a filing copy: an organ's name, alone or with 文件
/// (梅河口市人民政府文件), joint issuers separated by spaces — taken only when a 发文字号
/// follows within two lines, as in every filed 公文 (a web page's site name above a
/// title has none).
fn issuer_mark_at(lines: &[Line], i: usize, head_end: usize) -> Option<String> {
    let t = lines[i].text.trim();
    let name = t.strip_suffix("文件").unwrap_or(t);
    crate::infer::organ(name).filter(|o| o.sure)?;
    let numbered = (i + 1..head_end.min(i + 3)).any(|k| {
        let s = lines[k].text.trim();
        is_doc_number(s) || number_and_signer(s).is_some()
    });
    numbered.then(|| t.to_string())
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

/// A title that says 情况 or 工作总结 instead of 报告, with its year:
/// 四川省司法厅2020年推进法治政府建设工作情况.
fn title_without_report(s: &str) -> bool {
    let n = s.chars().count();
    (8..=60).contains(&n)
        && (s.contains("法治") || s.contains("依法行政"))
        && (s.ends_with("情况") || s.ends_with("工作总结"))
        && crate::infer::year_in_title(s).is_some()
        && !s.contains(['。', '，', ',', '；', ':', '：'])
}

/// Most lines a web page leaves above the title that are dropped for it.
const MAX_LEFTOVERS: usize = 24;

/// A line a web page leaves above the title (头部-四川省司法厅, a site's
/// name): short and not a sentence. Dropped when a title follows it.
fn page_leftover(s: &str) -> bool {
    s.chars().count() <= 30 && !s.contains(['。', '，', ',', '；', '：', ':'])
}

/// 附件, 附件1, 附件：— the line above an attached report's title.
fn attachment_label(s: &str) -> bool {
    let t = s.trim_end_matches(['：', ':']);
    t == "附件"
        || t.strip_prefix("附件")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// Reads `lines[..head_end]`: the metadata lines are taken only before the
/// first preface line, each at most once. A title may follow a few short
/// lines a web page left above it (those are dropped), and a covering letter
/// (…报上，请审阅。 / 上海市生态环境局 / 2022年1月21日 / 附件 / the report's
/// title) gives the title after its 附件 line and its signature.
pub(super) fn read_front(lines: &[Line], head_end: usize) -> FrontMatter {
    let mut f = FrontMatter::default();
    let mut skip_to = 0;
    for i in 0..head_end {
        if i < skip_to {
            continue;
        }
        let t = &lines[i].text;
        // A few lines, not a page of them: checking every earlier line again
        // at each line was quadratic on a long run of short lines
        // (5,000 一、/（一） lines: 20 s).
        let leftovers = f.preface_lines.len() <= MAX_LEFTOVERS
            && f.preface_lines
                .iter()
                .all(|&k| page_leftover(&lines[k].text));
        let early = f.preface_lines.is_empty();
        // A news copy's lead announcing the text (3月27日,生态环境部发布…报告。/
        // …/ 详情如下:) above the report's title: the page's words, not the report's.
        let announced = f.preface_lines.len() <= 4
            && f.preface_lines.last().is_some_and(|&k| {
                lines[k]
                    .text
                    .trim_end()
                    .trim_end_matches([':', '：'])
                    .ends_with("如下")
            });
        if f.title.is_none() && (early || leftovers || announced) && f.addressee.is_none() {
            if let Some((title, used)) = title_at(lines, i, head_end) {
                f.title = Some(title);
                f.dropped.append(&mut f.preface_lines);
                skip_to = i + used;
                continue;
            }
        }
        if early {
            if let Some((n, fuller)) = f
                .title
                .as_deref()
                .and_then(|title| restated(lines, i, head_end, title))
            {
                f.title = Some(fuller);
                skip_to = i + n;
                continue;
            }
        }
        if f.title.is_none() && attachment_label(t) && i + 1 < head_end {
            let next = &lines[i + 1].text;
            if title_like(next) || title_without_report(next) {
                f.title = Some(next.clone());
                if let Some((organ, date)) = cover_signature(lines, &f.preface_lines, i) {
                    // The letter's signature and date are the filing's, not
                    // preface text.
                    f.preface_lines.truncate(f.preface_lines.len() - 2);
                    f.cover_signature = Some(organ);
                    f.cover_date = Some(date);
                }
                f.cover_letter = f.preface_lines.len();
                skip_to = i + 2;
                continue;
            }
        }
        if early && i < 3 && f.title.is_none() && f.issuer_mark.is_none() && f.doc_number.is_none()
        {
            if let Some(mark) = issuer_mark_at(lines, i, head_end) {
                f.issuer_mark = Some(mark);
                continue;
            }
        }
        if early && f.doc_number.is_none() && f.signer.is_none() {
            if let Some((number, signer)) = number_and_signer(t) {
                f.doc_number = Some(number);
                f.signer = Some(signer);
                continue;
            }
        }
        if early && f.doc_number.is_none() && is_doc_number(t) {
            f.doc_number = Some(t.clone());
            continue;
        }
        if early && f.signer.is_none() {
            if let Some(s) = signer_of(t) {
                f.signer = Some(s);
                continue;
            }
        }
        if early && f.addressee.is_none() && is_addressee(t) {
            f.addressee = Some(t.trim_end_matches(['：', ':']).to_string());
            continue;
        }
        f.preface_lines.push(i);
    }
    // A news copy's dateline and lead (中新网 3月29日电 据司法部网站消息,司法部发布…。
    // 具体报告如下:) opening the preface: the agency's words, not the report's.
    if let Some(&first) = f.preface_lines.first() {
        if f.title.is_some() && news_lead(&lines[first].text) {
            f.preface_lines.remove(0);
            f.dropped.push(first);
        }
    }
    f
}

/// 中新网 3月29日电 …如下: / 新华社北京3月29日电 …全文如下：— a dated news lead
/// announcing the text below it.
fn news_lead(s: &str) -> bool {
    let t = s.trim();
    let head: String = t.chars().take(30).collect();
    let dated = head.find("日电").is_some_and(|at| {
        let before = &head[..at];
        before
            .rsplit_once('月')
            .is_some_and(|(_, day)| !day.is_empty() && day.chars().all(|c| c.is_ascii_digit()))
    });
    dated && t.chars().count() <= 200 && t.trim_end_matches([':', '：']).ends_with("如下")
}

/// The organ that signed a covering letter: the line above its date, just
/// above the 附件 line at `label`.
fn cover_signature(lines: &[Line], preface: &[usize], label: usize) -> Option<(String, String)> {
    let (date, organ) = match preface {
        [.., o, d] if *d + 1 == label && *o + 1 == *d => (*d, *o),
        _ => return None,
    };
    let iso = super::closing::date_iso(&lines[date].text)?;
    let name = lines[organ].text.trim();
    crate::infer::organ(name)
        .is_some_and(|i| i.sure)
        .then(|| (name.to_string(), iso))
}

/// The title starting at line `i` (one of the first lines) and how many lines
/// it takes, joined with the next line when it wraps: 梅河口市人民政府关于 /
/// 2019年…报告, 东安县应急管理局 / 2025年法治政府建设报告.
fn title_at(lines: &[Line], i: usize, head_end: usize) -> Option<(String, usize)> {
    let t = &lines[i].text;
    if i < 6 && (title_like(t) || lines[i].title_style || title_without_report(t)) {
        let mut full = t.clone();
        let mut used = 1;
        if !t.contains("报告")
            && !title_without_report(t)
            && i + 1 < head_end
            && title_like(&format!("{t}{}", lines[i + 1].text))
        {
            full.push_str(&lines[i + 1].text);
            used = 2;
        }
        return Some((full, used));
    }
    // An organ alone above the rest (东安县应急管理局 / 2025年法治政府建设报告):
    // Chinese characters only, never a bar of links or an index row.
    let organ_line = t.chars().count() <= 40 && t.chars().all(super::is_cjk);
    if i + 1 < head_end && i < 5 && !t.contains("报告") && organ_line {
        let joined = format!("{t}{}", lines[i + 1].text);
        if title_like(&joined) || title_without_report(&joined) {
            return Some((joined, 2));
        }
    }
    None
}

/// The title written again right below (a page's heading, then the
/// document's own, often wrapped: 湖南省交通运输厅 / 关于2022年度法治政府部门建设
/// / 工作情况的报告): how many lines from `i` restate `title`, and the fuller
/// of the two when the restatement adds the organ the first one lacked.
fn restated(lines: &[Line], i: usize, head_end: usize, title: &str) -> Option<(usize, String)> {
    let norm = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let want = norm(title);
    let mut joined = String::new();
    for m in 1..=3 {
        let k = i + m - 1;
        if k >= head_end {
            return None;
        }
        joined.push_str(&norm(&lines[k].text));
        if joined == want {
            return Some((m, title.to_string()));
        }
        if let Some(organ) = joined.strip_suffix(want.as_str()) {
            if crate::infer::organ(organ).is_some_and(|o| o.sure) {
                return Some((m, joined));
            }
        }
        // Worded a little differently (…关于2023年法治… / …关于2023年度法治…):
        // a title naming the same organ and year is the same title; the
        // document's own, the later one, is kept.
        let titled = |s: &str| title_like(s) || title_without_report(s);
        let same = |a: &str, b: &str| {
            let organ = |s: &str| crate::infer::issuer_in_title(s).map(|i| i.name);
            organ(a).is_some()
                && organ(a) == organ(b)
                && crate::infer::year_in_title(a) == crate::infer::year_in_title(b)
        };
        if titled(&joined) && same(&joined, &want) {
            return Some((m, joined));
        }
    }
    None
}
