//! redline: the 花脸稿 of two versions (`fazhi redline ID --from REV --to REV|current
//! --format pdf|docx -o F`): deletions red and struck through, insertions blue and
//! underlined, on the report's GB/T 9704 page, heading and metadata changes listed,
//! a header line naming the versions. The library is opened read-only.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::cmd::export::open_for_reading;
use crate::cmd::report::revision_arg;
use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct RedlineArgs {
    /// 报告编号
    pub id: String,
    /// 较早的版本号（见 revisions），或 current（当前内容）
    #[arg(long)]
    pub from: String,
    /// 较新的版本号，或 current（当前内容，默认）
    #[arg(long, default_value = "current")]
    pub to: String,
    /// pdf（默认）或 docx
    #[arg(long, default_value = "pdf")]
    pub format: String,
    /// 输出文件
    #[arg(short = 'o', long)]
    pub output: PathBuf,
}

pub fn redline(ctx: &Ctx, a: RedlineArgs) -> CliResult {
    let format = a.format.trim().to_ascii_lowercase();
    if !matches!(format.as_str(), "pdf" | "docx") {
        return Err(CliError::new(
            "bad_format",
            format!("不支持的花脸稿格式“{}”：请用 pdf 或 docx", a.format),
        ));
    }
    let (from, to) = (revision_arg(&a.from)?, revision_arg(&a.to)?);
    crate::cmd::output_file(&a.output)?;
    let store = open_for_reading(ctx)?;
    let (doc, r) = fazhi_export::redline_versions(&store, &a.id, from, to)?;
    let bytes = if format == "pdf" {
        let failed = |e: fazhi_pdf::PdfError| CliError::new("pdf_failed", e.to_string());
        let fonts = fazhi_pdf::choice::resolve_store(&store).map_err(failed)?;
        let chosen = fazhi_pdf::choice::render_redline_resolved(&doc, &r, fonts).map_err(failed)?;
        for w in &chosen.notices {
            eprintln!("提示：{w}");
        }
        chosen.pdf.bytes
    } else {
        fazhi_export::redline_docx(&doc, &r).map_err(|e| CliError::new(e.code(), e.to_string()))?
    };
    fazhi_export::write_file_atomic(&a.output, &bytes)
        .map_err(|e| CliError::new(e.code(), e.to_string()))?;
    let out = serde_json::json!({
        "id": a.id,
        "format": format,
        "output": a.output.display().to_string(),
        "bytes": bytes.len(),
        "changed": r.changed,
        "stats": r.stats,
    });
    ctx.emit(&out, || {
        format!(
            "已导出花脸稿（{}）：{}{}",
            format.to_uppercase(),
            a.output.display(),
            if r.changed {
                ""
            } else {
                "（两个版本文字相同）"
            }
        )
    });
    Ok(ExitCode::SUCCESS)
}
