//! Widths in em as every output counts them for its decisions: Chinese characters,
//! full-width marks, quotes, dashes and ellipses one em; Latin letters, digits and
//! half-width marks half an em (the official fonts' proportions). Also the 禁则 classes
//! and the runs a line never breaks (a number, a word, a character with its marks),
//! which the table layout's column floors and the typesetter share.

/// Width of `c` in em.
pub fn char_em(c: char) -> f64 {
    match c as u32 {
        0x2000..=0x206F | 0x2E80.. => 1.0,
        // The Latin-1 signs of GB 2312's first row (· of 艾尔肯·吐尔逊, ×, ÷, °, §, ±,
        // ¨, ¤): the official faces and the bundled Fandol ones draw them one em wide.
        0xB7 | 0xD7 | 0xF7 | 0xB0 | 0xA7 | 0xB1 | 0xA8 | 0xA4 => 1.0,
        _ => 0.5,
    }
}

/// Width of a text in em (see [`char_em`]).
pub fn em_width(s: &str) -> f64 {
    s.chars().map(char_em).sum()
}

// 禁则 (GB/T 15834 and the usual tables), used by every output that breaks lines: the
// typesetter's body and cells, and the table layout's column floors.

/// Marks that must not begin a line.
pub fn no_line_start(ch: char) -> bool {
    matches!(
        ch,
        '，' | '。'
            | '、'
            | '；'
            | '：'
            | '？'
            | '！'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '”'
            | '’'
            | '…'
            | '—'
            | '%'
            | '％'
            | '〕'
            | '】'
            | '］'
            | '｝'
            | '〗'
            | '·'
            | '～'
            | ','
            | '.'
            | ';'
            | ':'
            | '?'
            | '!'
            | ')'
            | ']'
            | '}'
    )
}

/// Marks that must not end a line.
pub fn no_line_end(ch: char) -> bool {
    matches!(
        ch,
        '（' | '《'
            | '〈'
            | '「'
            | '『'
            | '“'
            | '‘'
            | '〔'
            | '【'
            | '［'
            | '｛'
            | '〖'
            | '('
            | '['
            | '{'
    )
}

/// Characters of a Latin word or a number, kept together on one line.
pub fn is_word_char(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || matches!(ch, '.' | '/' | '-' | '+' | '%' | '#' | '&' | '@' | '_')
}

/// Units that stay with the number before them (2019年, 1.28亿, 75场).
pub fn is_unit_char(ch: char) -> bool {
    "年月日时分秒号亿万千百件个项人次家场名份元条册篇台辆户所座吨倍期批届岁%％".contains(ch)
}

/// Whether a cell line may not break between `chars[i - 1]` and `chars[i]`: inside a
/// Latin word or a number (with its 千分位 commas, decimal point, 百分号, a date
/// 2024-03-28 or a time 9:30, and up to two unit characters after its digits), before
/// a closing mark, after an opening one.
fn joined(chars: &[char], i: usize, unit_run: &mut usize) -> bool {
    let (a, b) = (chars[i - 1], chars[i]);
    let digit_at = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    let number_mark =
        |k: usize| matches!(chars[k], ',' | ':') && k > 0 && digit_at(k - 1) && digit_at(k + 1);
    let word = |k: usize| is_word_char(chars[k]) || number_mark(k);
    if word(i - 1) && word(i) {
        *unit_run = 0;
        return true;
    }
    if b == '％' && is_word_char(a) {
        return true;
    }
    if is_unit_char(b) && *unit_run < 2 && (a.is_ascii_digit() || *unit_run > 0) {
        *unit_run += 1;
        return true;
    }
    *unit_run = 0;
    no_line_start(b) || no_line_end(a)
}

/// The runs of `s` a cell line never breaks, as char index ranges, in order and
/// covering `s`.
pub fn unbreakable_runs(s: &str) -> Vec<std::ops::Range<usize>> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut unit_run = 0;
    for i in 1..chars.len() {
        if !joined(&chars, i, &mut unit_run) {
            out.push(start..i);
            start = i;
        }
    }
    if !chars.is_empty() {
        out.push(start..chars.len());
    }
    out
}

/// The width in em of the longest run of `s` that a line never breaks (see
/// [`unbreakable_runs`]): 94,929 is 3 em, 合计（宗） needs 3 em for （宗）.
pub fn longest_unbreakable_em(s: &str) -> f64 {
    let chars: Vec<char> = s.chars().collect();
    unbreakable_runs(s)
        .into_iter()
        .map(|r| chars[r].iter().copied().map(char_em).sum::<f64>())
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_counts_half() {
        assert_eq!(em_width("2020年3月13日"), 3.0 + 3.5);
        assert_eq!(em_width("“法”——……"), 7.0);
        // The 间隔号 of a transcribed name is a full character in the Chinese faces.
        assert_eq!(em_width("艾尔肯·吐尔逊"), 7.0);
    }

    #[test]
    fn numbers_dates_and_bracketed_words_are_not_broken() {
        let runs = |s: &str| -> Vec<String> {
            let c: Vec<char> = s.chars().collect();
            unbreakable_runs(s)
                .into_iter()
                .map(|r| c[r].iter().collect())
                .collect()
        };
        assert_eq!(runs("94,929"), ["94,929"]);
        assert_eq!(runs("1753.79"), ["1753.79"]);
        assert_eq!(runs("12.5%"), ["12.5%"]);
        assert_eq!(runs("于2024-03-28"), ["于", "2024-03-28"]);
        assert_eq!(runs("合计（宗）"), ["合", "计", "（宗）"]);
        assert_eq!(runs("共75件次"), ["共", "75件次"]);
        assert_eq!(runs("甲,乙"), ["甲,", "乙"]);
        assert_eq!(longest_unbreakable_em("罚没金额（万元）"), 2.0);
        assert_eq!(longest_unbreakable_em("108,156"), 3.5);
        assert_eq!(longest_unbreakable_em(""), 0.0);
    }
}
