//! print: a report's PDF (the export's, in the chosen fonts) sent to a CUPS printer,
//! two-sided unless --simplex; `printers` lists what CUPS knows.

use std::process::ExitCode;
use std::time::Duration;

use clap::Args;
use fazhi_core::profile::Profile;
use fazhi_print::{JobOutcome, PrintError, PrintJob};

use crate::cmd::export::{open_for_reading, render_pdf};
use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct PrintArgs {
    /// 报告编号
    pub id: String,
    /// 打印机名称（fazhi printers 列出）
    #[arg(long)]
    pub printer: String,
    /// 份数
    #[arg(long, default_value_t = 1)]
    pub copies: u32,
    /// 页码范围，如 1-3
    #[arg(long)]
    pub pages: Option<String>,
    /// 单面打印（默认双面，长边翻页）
    #[arg(long)]
    pub simplex: bool,
    /// filing（报送版，默认）或 publication（公开版）
    #[arg(long, default_value = "filing")]
    pub profile: String,
    /// 等待打印完成的秒数（0 表示发送后不等待）
    #[arg(long, default_value_t = 60)]
    pub wait: u64,
}

fn print_error(e: PrintError) -> CliError {
    CliError::new(e.code(), e.to_string())
}

pub fn print(ctx: &Ctx, a: PrintArgs) -> CliResult {
    let profile = Profile::parse(a.profile.trim()).ok_or_else(|| {
        CliError::new(
            "bad_profile",
            format!(
                "不支持的版本“{}”：请用 filing（报送版）或 publication（公开版）",
                a.profile
            ),
        )
    })?;
    let pages = a
        .pages
        .as_deref()
        .map(fazhi_print::parse_pages)
        .transpose()
        .map_err(print_error)?;
    let store = open_for_reading(ctx)?;
    let report = store.get_report(&a.id)?;
    let rendered = render_pdf(&store, &report.document, profile)?;
    for line in &rendered.notices {
        eprintln!("提示：{line}");
    }
    let job = PrintJob {
        printer: a.printer.clone(),
        copies: a.copies,
        pages,
        duplex: !a.simplex,
        title: report.document.title(),
    };
    let page_count = u32::try_from(rendered.pdf.page_count).unwrap_or(u32::MAX);
    eprintln!("正在发送到打印机“{}”…", a.printer);
    let sent = fazhi_print::submit(&rendered.pdf.bytes, &job, page_count).map_err(print_error)?;
    eprintln!("已发送：任务 {}", sent.job_id);
    let outcome = if a.wait == 0 {
        JobOutcome::Pending
    } else {
        fazhi_print::wait(&sent, Duration::from_secs(a.wait)).map_err(print_error)?
    };
    let out = serde_json::json!({
        "id": report.id,
        "printer": sent.printer,
        "job_id": sent.job_id,
        "outcome": outcome,
        "pages": page_count,
        "copies": a.copies,
        "duplex": !a.simplex,
        "profile": profile,
    });
    ctx.emit(&out, || match outcome {
        JobOutcome::Completed => format!(
            "打印完成：{}（{}，{} 页 × {} 份，{}）",
            a.printer,
            profile.label(),
            page_count,
            a.copies,
            if a.simplex { "单面" } else { "双面" }
        ),
        JobOutcome::Pending => format!("已送入打印队列：{}（任务 {}）", a.printer, sent.job_id),
    });
    Ok(ExitCode::SUCCESS)
}

pub fn printers(ctx: &Ctx) -> CliResult {
    let list = fazhi_print::printers().map_err(print_error)?;
    ctx.emit(&list, || {
        if list.is_empty() {
            return "本机没有打印机。".to_string();
        }
        list.iter()
            .map(|p| {
                format!(
                    "{}{}：{}{}",
                    p.name,
                    if p.is_default { "（默认）" } else { "" },
                    p.state,
                    if p.duplex { "，支持双面" } else { "" }
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}
