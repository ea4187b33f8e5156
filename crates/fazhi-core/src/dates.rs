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

/// A date as a person types it — 2020年3月13日, 2020-03-13, 2020.3.13 or
/// 2020/3/13 (full-width digits and spaces allowed) — as ISO, or why not (the
/// 成文日期 field shows the reason beside itself).
pub fn parse_input(s: &str) -> Result<String, String> {
    let s: String = s
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '－' | '／' | '．' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .collect();
    if s.is_empty() {
        return Err("请填写日期，如 2020年3月13日".into());
    }
    let fields: Vec<&str> = if s.contains('年') {
        let t = s.strip_suffix('日').unwrap_or(&s);
        t.split(['年', '月']).collect()
    } else {
        s.split(['-', '.', '/']).collect()
    };
    let nums: Vec<u32> = fields
        .iter()
        .filter_map(|f| {
            (!f.is_empty() && f.len() <= 4)
                .then(|| f.parse().ok())
                .flatten()
        })
        .collect();
    if fields.len() != 3 || nums.len() != 3 || fields[0].len() != 4 {
        return Err(
            "无法识别的日期，请写成 2020年3月13日、2020-03-13、2020.3.13 或 2020/3/13".into(),
        );
    }
    let (y, m, d) = (nums[0] as i32, nums[1], nums[2]);
    if !(1900..=2200).contains(&y) {
        return Err(format!("年份{y}不在合理范围内"));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("没有{m}月"));
    }
    if d == 0 || d > days_in_month(y, m) {
        return Err(format!("{y}年{m}月没有{d}日"));
    }
    Ok(format!("{y}-{m:02}-{d:02}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dates_in_every_usual_form() {
        for s in [
            "2020年3月13日",
            "2020-03-13",
            "2020.3.13",
            "2020/3/13",
            " 2020 年 03 月 13 日 ",
            "２０２０－３－１３",
        ] {
            assert_eq!(parse_input(s).as_deref(), Ok("2020-03-13"), "{s}");
        }
        assert_eq!(parse_input("2019-02-29").unwrap_err(), "2019年2月没有29日");
        assert_eq!(parse_input("2020-13-01").unwrap_err(), "没有13月");
        assert!(parse_input("03/13/2020").is_err());
        assert!(parse_input("0013-12-03").is_err());
        assert!(parse_input("明天").is_err());
        assert!(parse_input("").is_err());
    }

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
