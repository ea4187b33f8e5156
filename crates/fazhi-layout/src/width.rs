//! Widths in em as every output counts them for its decisions: Chinese characters,
//! full-width marks, quotes, dashes and ellipses one em; Latin letters, digits and
//! half-width marks half an em (the official fonts' proportions).

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
}
