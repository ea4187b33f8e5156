//! ignore / ignored: set a finding aside once or remember it (for the report,
//! or with --library for every report), list what is ignored, restore.

use std::process::ExitCode;

use clap::Args;
use fazhi_checks::proofing;
use fazhi_core::store::ignored::IgnoreScope;

use super::lexicon::err;
use crate::ctx::Ctx;
use crate::CliResult;

#[derive(Args)]
pub struct IgnoreArgs {
    /// 报告编号
    pub id: String,
    /// 问题编号（fazhi check --json 中每条问题的 id）
    pub finding_id: String,
    /// 忽略并记住：本报告中同一规则、同一文字的问题以后都不再提示（修改别处后仍有效）
    #[arg(long)]
    pub remember: bool,
    /// 与 --remember 同用：在全部报告中记住
    #[arg(long, requires = "remember")]
    pub library: bool,
}

#[derive(Args)]
pub struct IgnoredArgs {
    /// 报告编号
    pub id: String,
    /// 恢复（取消忽略）这一条：fazhi ignored 列出的编号
    #[arg(long, value_name = "N")]
    pub restore: Option<i64>,
}

pub fn ignore(ctx: &Ctx, a: IgnoreArgs) -> CliResult {
    let scope = match (a.remember, a.library) {
        (false, _) => IgnoreScope::Once,
        (true, false) => IgnoreScope::Report,
        (true, true) => IgnoreScope::Library,
    };
    let mut store = ctx.store()?;
    let i = proofing::ignore(&mut store, &a.id, &a.finding_id, scope).map_err(err)?;
    ctx.emit(&i, || {
        format!(
            "已忽略（{}，编号{}）：{}「{}」",
            i.scope.label(),
            i.id,
            i.rule,
            i.text
        )
    });
    Ok(ExitCode::SUCCESS)
}

pub fn ignored(ctx: &Ctx, a: IgnoredArgs) -> CliResult {
    let mut store = ctx.store()?;
    if let Some(n) = a.restore {
        store.restore_ignored(n)?;
    }
    let list = store.ignored_findings(&a.id)?;
    ctx.emit(&list, || {
        let mut out = Vec::new();
        if let Some(n) = a.restore {
            out.push(format!("已恢复第{n}条。"));
        }
        if list.is_empty() {
            out.push("本报告没有已忽略的问题。".into());
        }
        for i in &list {
            out.push(format!(
                "{}. {}「{}」（{}）{}",
                i.id,
                i.rule,
                i.text,
                i.scope.label(),
                i.message
            ));
        }
        out.join("\n")
    });
    Ok(ExitCode::SUCCESS)
}
