//! Before part one: title (also wrapped onto two lines), 发文字号, 签发人,
//! addressee; every other line there is preface.

use super::headings::number_prefix;
use super::Line;

/// What the lines before the first part heading hold.
#[derive(Debug, Default)]
pub(super) struct FrontMatter {
    pub title: Option<String>,
    pub doc_number: Option<String>,
    pub signer: Option<String>,
    pub addressee: Option<String>,
    /// Indexes (into the lines) of the preface paragraphs.
    pub preface_lines: Vec<usize>,
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

/// Reads `lines[..head_end]`: the metadata lines are taken only before the
/// first preface line, each at most once.
pub(super) fn read_front(lines: &[Line], head_end: usize) -> FrontMatter {
    let mut f = FrontMatter::default();
    for i in 0..head_end {
        let t = &lines[i].text;
        let early = f.preface_lines.is_empty();
        if early && f.title.is_none() {
            if let Some(title) = title_at(lines, i, head_end) {
                f.title = Some(title);
                continue;
            }
        }
        if let Some(prev) = &f.title {
            if prev.ends_with(t.as_str()) && early && i > 0 && !title_like(t) && prev != t {
                // second line of a wrapped title, already joined
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
    f
}

/// The title starting at line `i` (one of the first lines), joined with the
/// next line when it wraps: 梅河口市人民政府关于 / 2019年…报告.
fn title_at(lines: &[Line], i: usize, head_end: usize) -> Option<String> {
    let t = &lines[i].text;
    if i < 6 && (title_like(t) || lines[i].title_style) {
        let mut full = t.clone();
        if !t.contains("报告")
            && i + 1 < head_end
            && title_like(&format!("{t}{}", lines[i + 1].text))
        {
            full.push_str(&lines[i + 1].text);
        }
        return Some(full);
    }
    if i + 1 < head_end && i < 5 && !t.contains("报告") {
        let joined = format!("{t}{}", lines[i + 1].text);
        if title_like(&joined) && t.chars().count() <= 40 && !t.ends_with(['。', '：', ':']) {
            return Some(joined);
        }
    }
    None
}
