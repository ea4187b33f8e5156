//! check, fix. (Owned by the [checks] work; arguments fixed by the issue.)

use clap::Args;

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct CheckArgs {
    /// 报告编号
    pub id: String,
}

#[derive(Args)]
pub struct FixArgs {
    /// 报告编号
    pub id: String,
    /// 只应用这一规则的修正
    #[arg(long)]
    pub rule: Option<String>,
}

pub fn check(_ctx: &Ctx, _a: CheckArgs) -> CliResult {
    Err(CliError::new("unsupported", "校对功能尚未完成"))
}

pub fn fix(_ctx: &Ctx, _a: FixArgs) -> CliResult {
    Err(CliError::new("unsupported", "自动修正功能尚未完成"))
}
