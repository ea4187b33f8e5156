//! One print job: our PDF handed to `lp` with copies, a page range and sides, then
//! followed in the queue (`lpstat -W …`) until CUPS has finished it or the printer
//! stops on it.

use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::cups::{destinations, run, stderr};
use crate::PrintError;

/// Most copies one job asks for (a filing run is a handful; a typo is not 1000).
pub const MAX_COPIES: u32 = 99;

/// Pages `from` to `to`, 1-based and inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PageRange {
    pub from: u32,
    pub to: u32,
}

/// `3`, `1-3`, `2–5` (en dash), `2-` (to the end: `to` = 0 until checked).
pub fn parse_pages(s: &str) -> Result<PageRange, PrintError> {
    let bad = || PrintError::BadPages(s.to_string());
    let t = s.trim().replace(['–', '—', '－', '~'], "-");
    let num = |x: &str| x.trim().parse::<u32>().ok().filter(|n| *n >= 1);
    let (from, to) = match t.split_once('-') {
        Some((a, b)) if b.trim().is_empty() => (num(a).ok_or_else(bad)?, 0),
        Some((a, b)) => (num(a).ok_or_else(bad)?, num(b).ok_or_else(bad)?),
        None => {
            let n = num(&t).ok_or_else(bad)?;
            (n, n)
        }
    };
    if to != 0 && to < from {
        return Err(bad());
    }
    Ok(PageRange { from, to })
}

/// What to print and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    pub printer: String,
    pub copies: u32,
    pub pages: Option<PageRange>,
    /// Both sides, long edge (GB/T 9704: odd pages' numbers right, even pages' left).
    pub duplex: bool,
    /// The job's name in the queue (the report's title).
    pub title: String,
}

/// A job CUPS accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Submitted {
    pub printer: String,
    /// CUPS's request id (`Office-12`).
    pub job_id: String,
}

/// How a job ended, as far as we waited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum JobOutcome {
    /// CUPS finished it: the printer has the pages.
    Completed,
    /// Still queued or printing when we stopped waiting (a busy or slow printer).
    Pending,
}

fn check(job: &PrintJob, page_count: u32) -> Result<Option<PageRange>, PrintError> {
    if job.copies == 0 || job.copies > MAX_COPIES {
        return Err(PrintError::BadCopies {
            got: job.copies,
            max: MAX_COPIES,
        });
    }
    let Some(r) = job.pages else {
        return Ok(None);
    };
    let to = if r.to == 0 { page_count } else { r.to };
    if r.from > page_count || to > page_count {
        return Err(PrintError::PagesOutOfRange {
            from: r.from,
            to,
            count: page_count,
        });
    }
    // The whole document is no range at all.
    Ok(if (r.from, to) == (1, page_count) {
        None
    } else {
        Some(PageRange { from: r.from, to })
    })
}

/// The `lp` arguments of a job (the PDF comes on standard input).
fn lp_args(job: &PrintJob, pages: Option<PageRange>) -> Vec<String> {
    let mut args = vec![
        "-d".to_string(),
        job.printer.clone(),
        "-n".to_string(),
        job.copies.to_string(),
        "-t".to_string(),
        job.title.clone(),
        "-o".to_string(),
        format!(
            "sides={}",
            if job.duplex {
                "two-sided-long-edge"
            } else {
                "one-sided"
            }
        ),
    ];
    if let Some(r) = pages {
        args.push("-o".into());
        args.push(format!("page-ranges={}-{}", r.from, r.to));
    }
    args.push("--".into());
    args.push("-".into());
    args
}

/// Sends `pdf` (of `page_count` pages) to the printer of `job`.
pub fn submit(pdf: &[u8], job: &PrintJob, page_count: u32) -> Result<Submitted, PrintError> {
    let pages = check(job, page_count)?;
    if !destinations()?.contains(&job.printer) {
        return Err(PrintError::UnknownPrinter(job.printer.clone()));
    }
    let args = lp_args(job, pages);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o = run("lp", &args, Some(pdf))?;
    let out = String::from_utf8_lossy(&o.stdout);
    let err = stderr(&o);
    if !o.status.success() {
        return Err(
            if err.contains("does not exist") || err.contains("Unknown destination") {
                PrintError::UnknownPrinter(job.printer.clone())
            } else if err.contains("not accepting") || err.contains("disabled") {
                PrintError::Refused {
                    printer: job.printer.clone(),
                    reason: "打印机已暂停接收任务".into(),
                }
            } else {
                PrintError::Failed(err)
            },
        );
    }
    // "request id is Office-12 (1 file(s))"
    let job_id = out
        .split_whitespace()
        .skip_while(|w| *w != "is")
        .nth(1)
        .map(String::from)
        .ok_or_else(|| PrintError::Failed(format!("无法读取任务编号：{out}")))?;
    Ok(Submitted {
        printer: job.printer.clone(),
        job_id,
    })
}

fn listed(printer: &str, which: &str, job_id: &str) -> Result<bool, PrintError> {
    let o = run("lpstat", &["-W", which, "-o", printer], None)?;
    Ok(String::from_utf8_lossy(&o.stdout)
        .lines()
        .any(|l| l.split_whitespace().next() == Some(job_id)))
}

/// Why a printer is stopped (`lpstat -p`: the indented line under a disabled printer).
fn stopped_reason(printer: &str) -> Result<Option<String>, PrintError> {
    let o = run("lpstat", &["-p", printer], None)?;
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    if !text.contains("disabled") {
        return Ok(None);
    }
    let reason = text
        .lines()
        .skip(1)
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("打印机已停止")
        .to_string();
    Ok(Some(reason))
}

/// Follows a job until CUPS has finished it, the printer stops on it, or `timeout`.
pub fn wait(job: &Submitted, timeout: Duration) -> Result<JobOutcome, PrintError> {
    let start = Instant::now();
    loop {
        if !listed(&job.printer, "not-completed", &job.job_id)? {
            return if listed(&job.printer, "completed", &job.job_id)? {
                Ok(JobOutcome::Completed)
            } else {
                Err(PrintError::JobFailed {
                    printer: job.printer.clone(),
                    job: job.job_id.clone(),
                    reason: "任务被取消或中止".into(),
                })
            };
        }
        if let Some(reason) = stopped_reason(&job.printer)? {
            return Err(PrintError::JobFailed {
                printer: job.printer.clone(),
                job: job.job_id.clone(),
                reason,
            });
        }
        if start.elapsed() >= timeout {
            return Ok(JobOutcome::Pending);
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job() -> PrintJob {
        PrintJob {
            printer: "Office".into(),
            copies: 2,
            pages: None,
            duplex: true,
            title: "报告".into(),
        }
    }

    #[test]
    fn page_ranges_parse_and_bad_ones_are_refused() {
        assert_eq!(parse_pages("1-3").unwrap(), PageRange { from: 1, to: 3 });
        assert_eq!(
            parse_pages(" 2 – 5 ").unwrap(),
            PageRange { from: 2, to: 5 }
        );
        assert_eq!(parse_pages("4").unwrap(), PageRange { from: 4, to: 4 });
        assert_eq!(parse_pages("2-").unwrap(), PageRange { from: 2, to: 0 });
        for bad in ["", "0-2", "3-1", "a-b", "1-2-3"] {
            assert!(parse_pages(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn two_sided_long_edge_by_default_and_the_range_only_when_partial() {
        let j = job();
        let pages = check(&j, 5).unwrap();
        let args = lp_args(&j, pages).join(" ");
        assert!(args.contains("-o sides=two-sided-long-edge"), "{args}");
        assert!(args.contains("-n 2"));
        assert!(!args.contains("page-ranges"), "{args}");
        let mut simplex = job();
        simplex.duplex = false;
        simplex.pages = Some(PageRange { from: 2, to: 0 });
        let pages = check(&simplex, 5).unwrap();
        let args = lp_args(&simplex, pages).join(" ");
        assert!(args.contains("sides=one-sided"), "{args}");
        assert!(args.contains("page-ranges=2-5"), "{args}");
    }

    #[test]
    fn copies_and_ranges_beyond_the_report_are_refused_in_chinese() {
        let mut j = job();
        j.copies = 0;
        assert!(check(&j, 3).unwrap_err().to_string().contains("份数"));
        let mut j = job();
        j.pages = Some(PageRange { from: 2, to: 9 });
        let e = check(&j, 3).unwrap_err();
        assert_eq!(e.code(), "print_bad_pages");
        assert!(e.to_string().contains("3 页"), "{e}");
    }
}
