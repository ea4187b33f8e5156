//! export. (Owned by the [docx] work; the pdf format calls fazhi-pdf.)

use std::path::PathBuf;

use clap::Args;

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct ExportArgs {
    /// 报告编号
    pub id: String,
    /// docx、html 或 pdf
    #[arg(long)]
    pub format: String,
    /// filing（报送版，默认）或 publication（公开版）
    #[arg(long, default_value = "filing")]
    pub profile: String,
    /// 将批注导出为 Word 批注（仅 docx）
    #[arg(long)]
    pub with_comments: bool,
    /// 输出文件
    #[arg(short = 'o', long)]
    pub output: PathBuf,
}

pub fn export(_ctx: &Ctx, _a: ExportArgs) -> CliResult {
    Err(CliError::new("unsupported", "导出功能尚未完成"))
}
