//! When a report is due: filing (报送, default 3月1日) and publication (公开,
//! default 4月1日) of the year after the year reported on.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dates::parse_iso;
use crate::status::Status;
use crate::{Result, Store};

pub const SETTING_FILING: &str = "deadline.filing";
pub const SETTING_PUBLICATION: &str = "deadline.publication";
pub const DEFAULT_FILING: &str = "03-01";
pub const DEFAULT_PUBLICATION: &str = "04-01";
/// Within this many days a deadline is "soon".
pub const SOON_DAYS: i64 = 14;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum DeadlineKind {
    /// 报送 (due until the report is filed).
    Filing,
    /// 公开 (due once filed, until published).
    Publication,
    /// Published: nothing is due.
    Done,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum DeadlineState {
    Ok,
    /// Due within [`SOON_DAYS`] days.
    Soon,
    Late,
    Done,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Deadline {
    pub report_id: String,
    pub kind: DeadlineKind,
    /// ISO date of the next deadline (`None` when done).
    pub due: Option<String>,
    /// Days from today to `due` (negative: late).
    #[ts(type = "number | null")]
    pub days_left: Option<i64>,
    pub state: DeadlineState,
    /// E.g. 距报送截止还有5天 / 报送已逾期3天 / 已公开.
    pub label: String,
}

/// Days since 1970-01-01 of a civil date.
fn days(y: i32, m: u32, d: u32) -> i64 {
    let (y, m) = if m <= 2 {
        (y as i64 - 1, m + 9)
    } else {
        (y as i64, m - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m as i64 + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// `MM-DD` of `year` as ISO, falling back to `default` when the setting is bad
/// (02-29 in a common year becomes 02-28).
fn due_date(setting: Option<&str>, default: &str, year: i32) -> String {
    let try_one = |md: &str| -> Option<String> {
        let md = md.trim();
        let iso = format!("{year}-{md}");
        if parse_iso(&iso).is_some() {
            return Some(iso);
        }
        (md == "02-29").then(|| format!("{year}-02-28"))
    };
    setting
        .and_then(try_one)
        .or_else(|| try_one(default))
        .unwrap_or_else(|| format!("{year}-{default}"))
}

/// The deadline of a report of `year` in `status`, as seen on `today` (ISO).
pub fn deadline_state(
    report_id: &str,
    year: i32,
    status: Status,
    today: &str,
    filing_md: Option<&str>,
    publication_md: Option<&str>,
) -> Deadline {
    let (kind, what) = match status {
        Status::Published => {
            return Deadline {
                report_id: report_id.to_string(),
                kind: DeadlineKind::Done,
                due: None,
                days_left: None,
                state: DeadlineState::Done,
                label: "已公开".into(),
            }
        }
        Status::Filed => (DeadlineKind::Publication, "公开"),
        _ => (DeadlineKind::Filing, "报送"),
    };
    let due = match kind {
        DeadlineKind::Publication => due_date(publication_md, DEFAULT_PUBLICATION, year + 1),
        _ => due_date(filing_md, DEFAULT_FILING, year + 1),
    };
    let left = match (parse_iso(&due), parse_iso(today)) {
        (Some((y, m, d)), Some((ty, tm, td))) => Some(days(y, m, d) - days(ty, tm, td)),
        _ => None,
    };
    let (state, label) = match left {
        None => (DeadlineState::Ok, format!("{what}截止日期{due}")),
        Some(n) if n < 0 => (DeadlineState::Late, format!("{what}已逾期{}天", -n)),
        Some(0) => (DeadlineState::Soon, format!("今天是{what}截止日")),
        Some(n) if n <= SOON_DAYS => (DeadlineState::Soon, format!("距{what}截止还有{n}天")),
        Some(n) => (DeadlineState::Ok, format!("距{what}截止还有{n}天")),
    };
    Deadline {
        report_id: report_id.to_string(),
        kind,
        due: Some(due),
        days_left: left,
        state,
        label,
    }
}

impl Store {
    /// The next deadline of every report, as seen on `today` (ISO `YYYY-MM-DD`).
    pub fn deadlines(&self, today: &str) -> Result<Vec<Deadline>> {
        let filing = self.setting(SETTING_FILING)?;
        let publication = self.setting(SETTING_PUBLICATION)?;
        Ok(self
            .list_reports(None)?
            .into_iter()
            .map(|r| {
                deadline_state(
                    &r.id,
                    r.year,
                    r.status,
                    today,
                    filing.as_deref(),
                    publication.as_deref(),
                )
            })
            .collect())
    }

    /// The deadline of one report.
    pub fn deadline(&self, report_id: &str, today: &str) -> Result<Deadline> {
        let r = self.get_report(report_id)?;
        Ok(deadline_state(
            report_id,
            r.document.year,
            r.status,
            today,
            self.setting(SETTING_FILING)?.as_deref(),
            self.setting(SETTING_PUBLICATION)?.as_deref(),
        ))
    }
}

/// Today's date (UTC) as ISO, for callers without a calendar of their own.
pub fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filing_deadline_states() {
        let d = deadline_state("r", 2019, Status::Draft, "2020-02-20", None, None);
        assert_eq!(d.due.as_deref(), Some("2020-03-01"));
        assert_eq!(d.days_left, Some(10)); // 2020 is a leap year
        assert_eq!(d.state, DeadlineState::Soon);
        let d = deadline_state("r", 2019, Status::Review, "2020-01-01", None, None);
        assert_eq!(d.state, DeadlineState::Ok);
        let d = deadline_state("r", 2019, Status::Final, "2020-03-04", None, None);
        assert_eq!((d.state, d.days_left), (DeadlineState::Late, Some(-3)));
        assert_eq!(d.label, "报送已逾期3天");
    }

    #[test]
    fn publication_after_filing_and_settings() {
        let d = deadline_state("r", 2019, Status::Filed, "2020-03-25", None, None);
        assert_eq!(
            (d.kind, d.due.as_deref()),
            (DeadlineKind::Publication, Some("2020-04-01"))
        );
        assert_eq!(d.state, DeadlineState::Soon);
        let d = deadline_state("r", 2019, Status::Draft, "2020-03-25", Some("03-31"), None);
        assert_eq!(d.due.as_deref(), Some("2020-03-31"));
        let d = deadline_state("r", 2019, Status::Draft, "2020-03-25", Some("bogus"), None);
        assert_eq!(d.due.as_deref(), Some("2020-03-01"));
        let d = deadline_state("r", 2019, Status::Published, "2021-01-01", None, None);
        assert_eq!(d.state, DeadlineState::Done);
    }

    #[test]
    fn today_is_a_date() {
        assert!(parse_iso(&today_utc()).is_some());
        assert_eq!(days(1970, 1, 1), 0);
        assert_eq!(days(2000, 3, 1) - days(2000, 2, 28), 2);
    }
}
