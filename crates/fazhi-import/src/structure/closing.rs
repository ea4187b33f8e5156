//! After the last part, read backwards: note (此件…), date, signature and the
//! closing phrase (特此报告).

use fazhi_core::dates;

use super::headings::{chinese_value, number_prefix, Heading};
use super::lines::is_cjk;
use super::Line;

/// What the lines after the last part hold.
#[derive(Debug, Default)]
pub(super) struct Tail {
    /// Index of the first tail line: the parts end here.
    pub start: usize,
    pub note: Option<String>,
    /// The date as ISO and as written.
    pub date: Option<(String, String)>,
    pub signature_lines: Vec<String>,
    /// Indexes (into the lines) of the closing paragraphs.
    pub closing_lines: Vec<usize>,
}

impl Tail {
    /// The signature lines joined, if any.
    pub fn signature(&self) -> Option<String> {
        (!self.signature_lines.is_empty()).then(|| self.signature_lines.join(" "))
    }
}

/// A line that is a date alone (2022年1月21日), as ISO.
pub(super) fn date_iso(s: &str) -> Option<String> {
    date_of(s)
}

/// 2020年3月13日, 2020年03月13日, 二〇二〇年三月十三日 → ISO.
fn date_of(s: &str) -> Option<String> {
    let s = s.trim();
    if s.chars().count() > 16 || !s.ends_with('日') {
        return None;
    }
    if let Some(iso) = dates::official_to_iso(s) {
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
    dates::parse_iso(&iso).map(|_| iso)
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

/// Reads the tail from the last line back, never reaching the first part's
/// heading line. Without parts there is no tail (`start` = the line count).
pub(super) fn read_tail(
    lines: &[Line],
    headings: &[Option<Heading>],
    first_part: Option<usize>,
) -> Tail {
    let mut tail = Tail {
        start: lines.len(),
        ..Tail::default()
    };
    let Some(fp) = first_part else {
        return tail;
    };
    let mut j = lines.len();
    while j > fp + 1 {
        let t = &lines[j - 1].text;
        if tail.note.is_none() && tail.date.is_none() && tail.signature_lines.is_empty() {
            if let Some(n) = note_of(t) {
                tail.note = Some(n);
                j -= 1;
                continue;
            }
        }
        if tail.date.is_none() && tail.signature_lines.is_empty() {
            if let Some(d) = date_of(t) {
                tail.date = Some((d, t.clone()));
                j -= 1;
                continue;
            }
        }
        if tail.date.is_some()
            && tail.signature_lines.len() < 2
            && tail.closing_lines.is_empty()
            && is_signature(t)
            && headings[j - 1].is_none()
        {
            tail.signature_lines.insert(0, t.clone());
            j -= 1;
            continue;
        }
        if is_closing_phrase(t) {
            tail.closing_lines.insert(0, j - 1);
            j -= 1;
            continue;
        }
        break;
    }
    tail.start = j;
    tail
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
