//! The audit log: who did what to which report, when and why. The table and
//! its entry type are in [`crate::store::audit`]; here is the readable view
//! (names, times, what changed in words, consecutive saves summarised) and its
//! CSV export.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use crate::store::audit::{action_label, AuditEntry, EditSummary};
use crate::{store, Result, Store};

/// Saves by one person less than this apart are one row of the readable log.
const EDIT_SESSION_SECONDS: i64 = 30 * 60;

/// One row of the readable audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct AuditRow {
    /// ISO 8601 UTC of the (last) entry.
    pub at: String,
    /// ISO 8601 UTC of the first entry a summarised row covers (= `at` otherwise).
    pub since: String,
    /// The person, or 未设身份.
    pub who: String,
    pub role_label: Option<String>,
    pub action: String,
    pub action_label: String,
    /// What changed, in words: statuses, versions, characters, sections, comments.
    pub what: String,
    pub reason: Option<String>,
    /// How many log entries the row stands for (saves summarised).
    pub entries: u32,
}

impl Store {
    /// The report's audit log, oldest first.
    pub fn audit_log(&self, report_id: &str) -> Result<Vec<AuditEntry>> {
        self.get_report_status(report_id)?;
        store::audit::list(self.connection(), report_id)
    }

    /// The audit log as a reader wants it: comment ids replaced by their
    /// words, status changes and saves described, consecutive saves of one
    /// person within half an hour as one row. Oldest first.
    pub fn audit_table(&self, report_id: &str) -> Result<Vec<AuditRow>> {
        let entries = self.audit_log(report_id)?;
        let comments = comment_words(self, report_id)?;
        let mut rows: Vec<(AuditRow, Option<EditSummary>)> = Vec::new();
        for e in entries {
            let who = if e.who.trim().is_empty() {
                "未设身份".to_string()
            } else {
                e.who.clone()
            };
            let edit = (e.action == "edit")
                .then(|| {
                    e.detail
                        .as_deref()
                        .and_then(|d| serde_json::from_str::<EditSummary>(d).ok())
                })
                .flatten();
            if let (Some(edit), Some((last, Some(sum)))) = (&edit, rows.last_mut()) {
                if last.who == who
                    && seconds_between(&last.at, &e.at).is_some_and(|s| s < EDIT_SESSION_SECONDS)
                {
                    sum.merge(edit);
                    last.at = e.at.clone();
                    last.what = sum.describe();
                    last.entries += 1;
                    continue;
                }
            }
            let what = match &edit {
                Some(sum) => sum.describe(),
                None => describe(&e, &comments),
            };
            rows.push((
                AuditRow {
                    since: e.at.clone(),
                    at: e.at,
                    who,
                    role_label: e.role.map(|r| r.label().to_string()),
                    action: e.action,
                    action_label: e.action_label,
                    what,
                    reason: e.reason,
                    entries: 1,
                },
                edit,
            ));
        }
        Ok(rows.into_iter().map(|(r, _)| r).collect())
    }
}

/// Each comment's words for the log: “beginning of the comment…”.
fn comment_words(store: &Store, report_id: &str) -> Result<HashMap<String, String>> {
    let mut out = HashMap::new();
    let filter = super::CommentFilter::default();
    for t in store.list_comments(report_id, &filter)? {
        for r in &t.replies {
            out.insert(r.id.clone(), format!("回复“{}”", short(&r.text)));
        }
        out.insert(t.id.clone(), format!("批注“{}”", short(&t.text)));
    }
    Ok(out)
}

fn short(s: &str) -> String {
    let mut out: String = s.chars().take(20).collect();
    if s.chars().count() > 20 {
        out.push('…');
    }
    out
}

/// An entry's change in words; ids of comments become their words.
fn describe(e: &AuditEntry, comments: &HashMap<String, String>) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let (Some(from), Some(to)) = (e.from_status, e.to_status) {
        parts.push(format!("{} → {}", from.label(), to.label()));
    }
    if let Some(d) = e.detail.as_deref().filter(|d| !d.is_empty()) {
        parts.push(if e.action.starts_with("comment") {
            replace_ids(d, comments)
        } else {
            d.to_string()
        });
    }
    parts.join("；")
}

/// 12-hex ids in `text` replaced by the words of the comment they name
/// (a deleted one: 已删除的批注).
fn replace_ids(text: &str, comments: &HashMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let id_here = rest.len() >= 12
            && rest.is_char_boundary(12)
            && crate::ids::is_valid_id(&rest[..12])
            && !rest[12..].starts_with(|c: char| c.is_ascii_hexdigit());
        if id_here {
            let id = &rest[..12];
            out.push_str(
                comments
                    .get(id)
                    .map(String::as_str)
                    .unwrap_or("已删除的批注"),
            );
            rest = &rest[12..];
        } else {
            let c = rest.chars().next().unwrap_or_default();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// Seconds from `a` to `b` (ISO 8601 UTC as the store writes them).
fn seconds_between(a: &str, b: &str) -> Option<i64> {
    Some(epoch_seconds(b)? - epoch_seconds(a)?)
}

fn epoch_seconds(iso: &str) -> Option<i64> {
    let n = |r: std::ops::Range<usize>| iso.get(r)?.parse::<i64>().ok();
    let (y, mo, d) = (n(0..4)?, n(5..7)?, n(8..10)?);
    let (h, mi, s) = (n(11..13)?, n(14..16)?, n(17..19)?);
    let days = days_from_civil(y, mo, d);
    Some(days * 86_400 + h * 3600 + mi * 60 + s)
}

/// The readable log as CSV (UTF-8 with BOM, so that WPS and Excel read the
/// Chinese), times shifted by the window's `utc_offset_minutes`.
pub fn audit_csv(rows: &[AuditRow], utc_offset_minutes: i32) -> String {
    let mut out = String::from("\u{feff}时间,人员,角色,操作,内容,理由,合并条数\r\n");
    for r in rows {
        let fields = [
            local_time(&r.at, utc_offset_minutes),
            r.who.clone(),
            r.role_label.clone().unwrap_or_default(),
            r.action_label.clone(),
            r.what.clone(),
            r.reason.clone().unwrap_or_default(),
            r.entries.to_string(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_field(s: &str) -> String {
    // A leading = + - @ would be a formula in a spreadsheet.
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// `2026-12-03T23:41:38.123Z` shifted by the offset: `2026-12-04 07:41:38`.
pub fn local_time(iso: &str, utc_offset_minutes: i32) -> String {
    let Some(secs) = epoch_seconds(iso) else {
        return iso.to_string();
    };
    let t = secs + i64::from(utc_offset_minutes) * 60;
    let (days, rem) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02}",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date of a day count since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_shift_across_midnight_and_round_trip() {
        assert_eq!(
            local_time("2026-12-03T23:41:38.123Z", 480),
            "2026-12-04 07:41:38"
        );
        assert_eq!(
            local_time("2024-03-01T01:00:00Z", -120),
            "2024-02-29 23:00:00"
        );
        assert_eq!(
            seconds_between("2026-12-31T23:59:30Z", "2027-01-01T00:00:10Z"),
            Some(40)
        );
        assert_eq!(local_time("bad", 0), "bad");
    }

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("说\"明\""), "\"说\"\"明\"\"\"");
    }
}
