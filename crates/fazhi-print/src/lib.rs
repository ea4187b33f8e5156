//! Printing through the system's CUPS with its own clients (`lpstat`, `lpoptions`, `lp`):
//! the printers it knows and their options, a job for our exact PDF (copies, page
//! range, two-sided by default as GB/T 9704 prints), and the job's outcome. No spooler
//! of our own: CUPS queues, converts and talks to the printer.
//!
//! The clients run with `LC_ALL=C` so that their output (and their errors, which we
//! turn into Chinese) has one wording.

mod cups;
mod job;

pub use cups::{printers, Printer, PrinterOption};
pub use job::{parse_pages, submit, wait, JobOutcome, PageRange, PrintJob, Submitted};

/// What went wrong, in the user's words.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PrintError {
    #[error("本机没有可用的打印服务（CUPS）：找不到 {0} 命令。请安装 cups-client 或联系管理员。")]
    NoCups(&'static str),
    #[error("打印服务（CUPS）没有运行或无法连接：{0}")]
    SchedulerDown(String),
    #[error("找不到打印机“{0}”：请从打印机列表中选择。")]
    UnknownPrinter(String),
    #[error("打印机“{printer}”拒绝接收打印任务：{reason}")]
    Refused { printer: String, reason: String },
    #[error("打印份数应为 1 到 {max} 之间的整数，收到 {got}。")]
    BadCopies { got: u32, max: u32 },
    #[error("页码范围“{0}”无效：请写成“起始页-结束页”，如 1-3。")]
    BadPages(String),
    #[error("页码范围 {from}-{to} 超出了报告的 {count} 页。")]
    PagesOutOfRange { from: u32, to: u32, count: u32 },
    #[error("打印机“{printer}”出错，任务 {job} 未能完成：{reason}")]
    JobFailed {
        printer: String,
        job: String,
        reason: String,
    },
    #[error("发送打印任务失败：{0}")]
    Failed(String),
}

impl PrintError {
    /// A stable code for the CLI's JSON and the app's errors.
    pub fn code(&self) -> &'static str {
        match self {
            PrintError::NoCups(_) => "print_no_cups",
            PrintError::SchedulerDown(_) => "print_scheduler_down",
            PrintError::UnknownPrinter(_) => "print_unknown_printer",
            PrintError::Refused { .. } => "print_refused",
            PrintError::BadCopies { .. } => "print_bad_copies",
            PrintError::BadPages(_) | PrintError::PagesOutOfRange { .. } => "print_bad_pages",
            PrintError::JobFailed { .. } => "print_job_failed",
            PrintError::Failed(_) => "print_failed",
        }
    }
}
