//! The 版记 at the very end of a filing copy (GB/T 9704 7.4): "抄送：…。" and
//! "印发机关　　2020年3月13日印发" — the report's copy_to, printed_by and printed_on,
//! not the last part's (or the last attachment's) text.

use super::Line;

/// The 版记 as read.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Imprint {
    pub copy_to: Option<String>,
    pub printed_by: Option<String>,
    /// ISO date.
    pub printed_on: Option<String>,
}

/// "梅河口市人民政府办公室　　2020年3月13日印发": the organ (may be absent) and the ISO date.
fn printed(s: &str) -> Option<(Option<String>, String)> {
    let s = s.trim().strip_suffix("印发")?;
    let at = s
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '\u{3000}');
    let (organ, date) = match at {
        Some((i, c)) => (s[..i].trim(), &s[i + c.len_utf8()..]),
        None => ("", s),
    };
    let iso = super::closing::date_iso(date.trim())?;
    let organ = (!organ.is_empty() && organ.chars().count() <= 40).then(|| organ.to_string());
    Some((organ, iso))
}

/// "抄送：市委办公室，市人大常委会办公室。" → the organs, without the final 。.
fn copied_to(s: &str) -> Option<String> {
    let rest = s.trim().strip_prefix("抄送")?;
    let rest = rest.strip_prefix(['：', ':'])?.trim();
    let organs = rest.trim_end_matches(['。', '.']).trim();
    (!organs.is_empty() && organs.chars().count() <= 200).then(|| organs.to_string())
}

/// Takes the 版记 off the end of `lines` (the 印发 line last, 抄送 just above it, or
/// 抄送 alone last). Nothing is taken unless the last line is one of them.
pub(super) fn take(lines: &mut Vec<Line>) -> Imprint {
    let mut im = Imprint::default();
    if let Some((organ, iso)) = lines.last().and_then(|l| printed(&l.text)) {
        im.printed_by = organ;
        im.printed_on = Some(iso);
        lines.pop();
    }
    if let Some(organs) = lines.last().and_then(|l| copied_to(&l.text)) {
        im.copy_to = Some(organs);
        lines.pop();
    }
    im
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, block: usize) -> Line {
        Line {
            text: text.into(),
            block,
            outline: None,
            title_style: false,
        }
    }

    #[test]
    fn the_imprint_is_taken_off_the_end() {
        let mut lines = vec![
            line("全年完成重点工作12项。", 0),
            line("抄送：市委办公室，市人大常委会办公室。", 1),
            line("梅河口市人民政府办公室\t2020年3月13日印发", 2),
        ];
        let im = take(&mut lines);
        assert_eq!(lines.len(), 1);
        assert_eq!(
            im,
            Imprint {
                copy_to: Some("市委办公室，市人大常委会办公室".into()),
                printed_by: Some("梅河口市人民政府办公室".into()),
                printed_on: Some("2020-03-13".into()),
            }
        );
        let mut alone = vec![line("正文。", 0), line("抄送：县司法局。", 1)];
        assert_eq!(take(&mut alone).copy_to.as_deref(), Some("县司法局"));
        assert_eq!(alone.len(), 1);
        let mut spaced = vec![line("东岗县人民政府办公室　　2023年1月5日印发", 0)];
        let im = take(&mut spaced);
        assert_eq!(im.printed_by.as_deref(), Some("东岗县人民政府办公室"));
        assert_eq!(im.printed_on.as_deref(), Some("2023-01-05"));
    }

    #[test]
    fn text_that_only_mentions_them_stays() {
        for text in [
            "《关于印发2023年工作要点的通知》已于3月印发",
            "抄送范围另行通知",
            "各单位要于2023年3月1日前印发实施方案并抄送：司法局。这是正文",
        ] {
            let mut lines = vec![line("正文。", 0), line(text, 1)];
            assert_eq!(take(&mut lines), Imprint::default(), "{text}");
            assert_eq!(lines.len(), 2);
        }
    }
}
