//! Numbering derived from position: 一、 （一） 1. （1） (GB/T 9704 7.3.3).

/// Chinese numeral for 1..=99 as used in headings (一, 十, 十一, 二十一).
pub fn chinese_numeral(n: usize) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        0 => D[0].to_string(),
        1..=9 => D[n].to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", D[n - 10]),
        20..=99 => {
            let tail = if n.is_multiple_of(10) { "" } else { D[n % 10] };
            format!("{}十{}", D[n / 10], tail)
        }
        _ => n.to_string(),
    }
}

/// The number prefix for a heading. `level` 1 is a part (一、), 2 a section
/// (（一）), 3 a subsection (1.), 4 a sub-subsection (（1））. `index` is 0-based.
pub fn prefix(level: usize, index: usize) -> String {
    let n = index + 1;
    match level {
        1 => format!("{}、", chinese_numeral(n)),
        2 => format!("（{}）", chinese_numeral(n)),
        3 => format!("{n}."),
        _ => format!("（{n}）"),
    }
}

/// Deepest heading level a document may have (parts are level 1).
pub const MAX_LEVEL: usize = 4;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(chinese_numeral(1), "一");
        assert_eq!(chinese_numeral(10), "十");
        assert_eq!(chinese_numeral(12), "十二");
        assert_eq!(chinese_numeral(20), "二十");
        assert_eq!(chinese_numeral(23), "二十三");
    }

    #[test]
    fn prefixes_per_level() {
        assert_eq!(prefix(1, 3), "四、");
        assert_eq!(prefix(2, 0), "（一）");
        assert_eq!(prefix(3, 1), "2.");
        assert_eq!(prefix(4, 2), "（3）");
    }
}
