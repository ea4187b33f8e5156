//! Where 署名 and 成文日期 stand (GB/T 9704 7.3.5), in em from the text block's right
//! edge, so that every output puts them at the same place.

use serde::Serialize;

use crate::width::em_width;

#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct SignaturePlace {
    /// The issuer's right edge, in em from the block's right edge.
    pub issuer_right_em: f64,
    /// The date's right edge, same unit.
    pub date_right_em: f64,
    /// Empty rows between the text and the signature (the seal's room).
    pub rows_before: usize,
}

/// Sealed: the date four characters from the right edge, the issuer centred over it
/// (a wider issuer pushes the date in to stay inside the block), two rows left for the
/// seal. Unsealed: the issuer two characters from the right edge, the date on the next
/// line starting two characters right of the issuer's start; a longer date stands two
/// characters from the edge and the issuer moves left to keep the offset; one row
/// between text and signature.
pub fn signature_place(issuer: &str, date: Option<&str>, sealed: bool) -> SignaturePlace {
    let iw = em_width(issuer);
    let dw = date.map_or(0.0, em_width);
    if sealed {
        let mut date_right = 4.0;
        let mut issuer_right = date_right + (dw - iw) / 2.0;
        if date.is_none() {
            issuer_right = date_right;
        }
        if issuer_right < 0.0 {
            date_right -= issuer_right;
            issuer_right = 0.0;
        }
        SignaturePlace {
            issuer_right_em: issuer_right,
            date_right_em: date_right,
            rows_before: 2,
        }
    } else {
        let issuer_right = 2.0;
        // The date starts 2 em right of the issuer's start.
        let date_right = issuer_right + iw - 2.0 - dw;
        let (issuer_right, date_right) = if date_right < 2.0 {
            (2.0 + dw + 2.0 - iw, 2.0)
        } else {
            (issuer_right, date_right)
        };
        SignaturePlace {
            issuer_right_em: issuer_right.max(0.0),
            date_right_em: date_right,
            rows_before: 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_centres_the_issuer_over_the_date_four_in() {
        let p = signature_place("梅河口市人民政府", Some("2020年3月13日"), true);
        assert_eq!(p.date_right_em, 4.0);
        // centres: 4 + 6.5/2 == issuer_right + 8/2
        assert!((p.issuer_right_em + 4.0 - (4.0 + 3.25)).abs() < 1e-9);
        assert_eq!(p.rows_before, 2);
        let long = signature_place(&"长".repeat(26), Some("2020年3月13日"), true);
        assert_eq!(long.issuer_right_em, 0.0);
        assert!(long.date_right_em > 4.0);
    }

    #[test]
    fn unsealed_keeps_the_two_character_offset() {
        // Issuer 8 em two in: it starts 10 em from the right, the date (6.5 em) would
        // start 8 em from the right and end 1.5 em from it, closer than two: the date
        // stands two in and the issuer moves left to keep the offset.
        let p = signature_place("梅河口市人民政府", Some("2020年3月13日"), false);
        assert_eq!(p.date_right_em, 2.0);
        assert!((p.issuer_right_em - (2.0 + 6.5 + 2.0 - 8.0)).abs() < 1e-9);
        // A long issuer: issuer 2 in, the date 2 right of its start.
        let q = signature_place("中共某某县委员会办公室", Some("2020年3月13日"), false);
        assert_eq!(q.issuer_right_em, 2.0);
        let issuer_start = 2.0 + 11.0;
        assert!((q.date_right_em + 6.5 - (issuer_start - 2.0)).abs() < 1e-9);
        assert_eq!(q.rows_before, 1);
    }
}
