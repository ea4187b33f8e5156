//! import, next-year. (Owned by the [import] work; arguments fixed by the issue.)

use std::path::PathBuf;

use clap::Args;

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct ImportArgs {
    /// 要导入的文件（.txt、.docx、.html/.htm）
    pub file: PathBuf,
    /// 发文机关（覆盖自动识别的结果）
    #[arg(long)]
    pub issuer: Option<String>,
    /// 报告年度（覆盖自动识别的结果）
    #[arg(long)]
    pub year: Option<i32>,
}

#[derive(Args)]
pub struct NextYearArgs {
    /// 上一年度报告的编号
    pub id: String,
}

pub fn import(_ctx: &Ctx, _a: ImportArgs) -> CliResult {
    Err(CliError::new("unsupported", "导入功能尚未完成"))
}

pub fn next_year(_ctx: &Ctx, _a: NextYearArgs) -> CliResult {
    Err(CliError::new("unsupported", "下一年度报告功能尚未完成"))
}
