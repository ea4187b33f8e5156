//! 成文日期: stored as ISO `YYYY-MM-DD`, shown as 2020年3月13日 (GB/T 9704 7.3.5.1).

/// Parses `YYYY-MM-DD` into (year, month, day), checking the calendar.
pub fn parse_iso(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.trim().splitn(3, '-');
    let y: i32 = it.next()?.parse().ok()?;
    let m: u32 = it.next()?.parse().ok()?;
    let d: u32 = it.next()?.parse().ok()?;
    if !(1900..=2200).contains(&y) || !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
        return None;
    }
    Some((y, m, d))
}

fn days_in_month(y: i32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// `2020-03-13` → `2020年3月13日` (Arabic digits, full year, no leading zeros).
pub fn iso_to_official(s: &str) -> Option<String> {
    parse_iso(s).map(|(y, m, d)| format!("{y}年{m}月{d}日"))
}

/// `2020年3月13日` (or with leading zeros) → `2020-03-13`.
pub fn official_to_iso(s: &str) -> Option<String> {
    let s = s.trim();
    let (y, rest) = s.split_once('年')?;
    let (m, rest) = rest.split_once('月')?;
    let d = rest.strip_suffix('日')?;
    let iso = format!(
        "{}-{:02}-{:02}",
        y.parse::<i32>().ok()?,
        m.parse::<u32>().ok()?,
        d.parse::<u32>().ok()?
    );
    parse_iso(&iso).map(|_| iso)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn official_form_has_no_leading_zeros() {
        assert_eq!(
            iso_to_official("2020-03-13").as_deref(),
            Some("2020年3月13日")
        );
        assert_eq!(
            official_to_iso("2020年03月13日").as_deref(),
            Some("2020-03-13")
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(parse_iso("2019-02-29").is_none());
        assert!(parse_iso("2020-02-29").is_some());
        assert!(parse_iso("2020-13-01").is_none());
        assert!(parse_iso("20200313").is_none());
    }
}
