//! Character classes and char/byte offset bookkeeping.

/// A CJK ideograph (the characters of Chinese text proper).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4E00}'..='\u{9FFF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FFFF}'
        | '〇')
}

/// Full-width (Chinese) punctuation: 。，、；：？！“”‘’（）《》〈〉【】〔〕——…… and the like.
pub(crate) fn is_cn_punct(c: char) -> bool {
    matches!(c,
        '\u{3000}'..='\u{303F}'
        | '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}'
        | '\u{2018}'..='\u{201F}'
        | '—' | '…' | '·')
        && !is_fullwidth_alnum(c)
}

/// Text that makes its surroundings "Chinese context" for punctuation.
pub(crate) fn is_chinese(c: char) -> bool {
    is_han(c) || is_cn_punct(c)
}

pub(crate) fn is_fullwidth_alnum(c: char) -> bool {
    matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// A node's text as chars, with the byte offset of each char (and of the end)
/// so that regex byte offsets convert to the char offsets findings carry.
pub(crate) struct Text<'a> {
    pub s: &'a str,
    pub chars: Vec<char>,
    bytes: Vec<usize>,
}

impl<'a> Text<'a> {
    pub fn new(s: &'a str) -> Text<'a> {
        let mut chars = Vec::with_capacity(s.len() / 2);
        let mut bytes = Vec::with_capacity(s.len() / 2 + 1);
        for (b, c) in s.char_indices() {
            chars.push(c);
            bytes.push(b);
        }
        bytes.push(s.len());
        Text { s, chars, bytes }
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    /// Char offset of a byte offset that falls on a char boundary.
    pub fn ci(&self, byte: usize) -> usize {
        self.bytes.partition_point(|&b| b < byte)
    }

    pub fn slice(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.len())..end.min(self.len())]
            .iter()
            .collect()
    }

    pub fn get(&self, i: usize) -> Option<char> {
        self.chars.get(i).copied()
    }
}

/// Char ranges of URLs and e-mail-like tokens, where ASCII punctuation is right.
pub(crate) fn url_spans(t: &Text) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let n = t.len();
    let mut i = 0;
    while i < n {
        let starts_url = |pat: &str| {
            pat.chars()
                .enumerate()
                .all(|(k, p)| t.get(i + k).is_some_and(|c| c.eq_ignore_ascii_case(&p)))
        };
        if starts_url("http://") || starts_url("https://") || starts_url("www.") {
            let mut j = i;
            while j < n && t.chars[j].is_ascii_graphic() {
                j += 1;
            }
            out.push((i, j));
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

pub(crate) fn in_spans(spans: &[(usize, usize)], i: usize) -> bool {
    spans.iter().any(|&(a, b)| (a..b).contains(&i))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_han('法'));
        assert!(is_chinese('，'));
        assert!(is_chinese('“'));
        assert!(!is_chinese(','));
        assert!(!is_chinese('１'));
        assert!(is_fullwidth_alnum('１'));
        assert!(!is_chinese('a'));
    }

    #[test]
    fn offsets_are_chars() {
        let t = Text::new("法治a，b");
        assert_eq!(t.ci(0), 0);
        assert_eq!(t.ci(3), 1);
        assert_eq!(t.ci(6), 2);
        assert_eq!(t.ci(7), 3);
        assert_eq!(t.slice(1, 4), "治a，");
    }

    #[test]
    fn urls() {
        let t = Text::new("网址：http://a.gov.cn/x?id=1,2。再见");
        let spans = url_spans(&t);
        assert_eq!(spans.len(), 1);
        assert_eq!(t.slice(spans[0].0, spans[0].1), "http://a.gov.cn/x?id=1,2");
    }
}
