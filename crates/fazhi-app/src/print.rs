//! 打印: the printers CUPS knows and a report printed on one of them — exactly the PDF
//! the export writes (the chosen fonts, the profile), two-sided by default.

use std::time::Duration;

use fazhi_core::profile::Profile;
use fazhi_print::{JobOutcome, PrintError, PrintJob, Printer};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::error::{AppError, CmdResult};
use crate::reports::check_id;
use crate::App;

/// How long the command follows a job before answering "queued".
const WAIT: Duration = Duration::from_secs(30);

/// The 打印 dialog's choices.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PrintRequest {
    pub printer: String,
    pub copies: u32,
    /// `1-3`; `None` or empty: every page.
    pub pages: Option<String>,
    /// 双面 (long edge), the default; `false`: 单面.
    pub duplex: bool,
    pub profile: Profile,
}

/// What became of the job.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct PrintResult {
    pub printer: String,
    pub job_id: String,
    /// `completed` (the printer has it) or `pending` (still queued when we stopped waiting).
    pub outcome: JobOutcome,
    pub page_count: u32,
    /// The line the dialog shows: 已打印… / 已送入打印队列….
    pub message: String,
    /// Fonts gone from this machine, characters that fell back to another face.
    pub notices: Vec<String>,
}

fn print_error(e: PrintError) -> AppError {
    AppError::new(e.code(), e.to_string())
}

impl App {
    /// The printers CUPS knows, the default first.
    pub fn list_printers(&self) -> CmdResult<Vec<Printer>> {
        fazhi_print::printers().map_err(print_error)
    }

    /// Prints report `id` as the dialog asks and follows the job for a while.
    pub fn print_report(&self, id: String, request: PrintRequest) -> CmdResult<PrintResult> {
        check_id(&id)?;
        let pages = request
            .pages
            .as_deref()
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(fazhi_print::parse_pages)
            .transpose()
            .map_err(print_error)?;
        // The fonts are resolved while the library is held and drawn after, by the one
        // rule `fazhi export`, `fazhi print` and the app's 导出 share.
        let (doc, fonts) = {
            let store = self.store_guard();
            let report = store.get_report(&id).map_err(AppError::from)?;
            let fonts = fazhi_pdf::choice::resolve_store(&store)
                .map_err(|e| AppError::new("pdf_failed", e.to_string()))?;
            (report.document, fonts)
        };
        let chosen = fazhi_pdf::choice::render_resolved(&doc, request.profile, fonts)
            .map_err(|e| AppError::new("pdf_failed", e.to_string()))?;
        let (pdf, notices) = (chosen.pdf, chosen.notices);
        let page_count = u32::try_from(pdf.page_count).unwrap_or(u32::MAX);
        let job = PrintJob {
            printer: request.printer.clone(),
            copies: request.copies,
            pages,
            duplex: request.duplex,
            title: doc.title(),
        };
        let sent = fazhi_print::submit(&pdf.bytes, &job, page_count).map_err(print_error)?;
        let outcome = fazhi_print::wait(&sent, WAIT).map_err(print_error)?;
        let message = match outcome {
            JobOutcome::Completed => format!(
                "已打印：{}，{} 份，{}（{}）",
                sent.printer,
                request.copies,
                if request.duplex { "双面" } else { "单面" },
                request.profile.label()
            ),
            JobOutcome::Pending => format!(
                "已送入打印队列：{}（任务 {}），打印机正忙或较慢",
                sent.printer, sent.job_id
            ),
        };
        Ok(PrintResult {
            printer: sent.printer,
            job_id: sent.job_id,
            outcome,
            page_count,
            message,
            notices,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::NoWindow;

    #[test]
    fn a_bad_request_is_refused_before_anything_is_sent() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(dir.path().join("lib.sqlite3"), Box::new(NoWindow));
        let id = app.list_reports(None).unwrap()[0].id.clone();
        let req = |pages: &str, copies: u32| PrintRequest {
            printer: "没有这台打印机".into(),
            copies,
            pages: Some(pages.into()),
            duplex: true,
            profile: Profile::Filing,
        };
        let e = app.print_report(id.clone(), req("3-1", 1)).unwrap_err();
        assert!(e.message.contains("页码范围"), "{}", e.message);
        let e = app.print_report(id.clone(), req("", 0)).unwrap_err();
        assert!(e.message.contains("份数"), "{}", e.message);
        assert!(app.print_report("../x".into(), req("", 1)).is_err());
    }
}
