//! Widths in em as every output counts them for its decisions: Chinese characters,
//! full-width marks, quotes, dashes and ellipses one em; Latin letters, digits and
//! half-width marks half an em (the official fonts' proportions).

/// Width of `c` in em.
pub fn char_em(c: char) -> f64 {
    match c as u32 {
        0x2000..=0x206F | 0x2E80.. => 1.0,
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
    }
}
