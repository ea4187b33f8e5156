//! 修订 (tracked changes) from the command line [#17]: suggest, list, accept,
//! reject — calls into fazhi-core's review::changes, acting as the library's
//! identity. (`changes import-docx` is added by the Word round trip.)

use std::process::ExitCode;

use clap::{Args, Subcommand};
use fazhi_core::review::{Change, ChangeFilter, ChangeTarget, ChangesDecided};

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Subcommand)]
pub enum ChangesCmd {
    /// 提出修订：把引用的原文改为新文字（--with "" 即删除）；原文保持不变，待起草人接受或拒绝
    Suggest(SuggestArgs),
    /// 列出修订（编号、类型、作者、角色、时间、原文、新文字、位置）
    List(ListArgs),
    /// 接受修订：一处（修订编号），或 --all 全部（可加 --author 只接受某人的）
    Accept(DecideArgs),
    /// 拒绝修订：一处（修订编号），或 --all 全部（可加 --author 只拒绝某人的）
    Reject(DecideArgs),
    /// [tracking-word] 导入审阅后 Word 文档中的修订（w:ins/w:del，保留作者和时间）
    ImportDocx(super::changes_docx::ImportDocxArgs),
}

#[derive(Args)]
pub struct ChangesArgs {
    #[command(subcommand)]
    pub cmd: ChangesCmd,
}

#[derive(Args)]
pub struct SuggestArgs {
    /// 报告编号
    pub id: String,
    /// 要修改的原文（可跨段，段落之间用换行）
    #[arg(long, allow_hyphen_values = true)]
    pub quote: String,
    /// 新文字（空字符串表示删除原文）
    #[arg(long = "with", allow_hyphen_values = true)]
    pub with_text: String,
    /// 原文出现多次时取第几处（从1开始，按正文顺序）
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub occurrence: u32,
}

#[derive(Args)]
pub struct ListArgs {
    /// 报告编号
    pub id: String,
    /// 也列出已接受、已拒绝的
    #[arg(long)]
    pub all: bool,
}

#[derive(Args)]
pub struct DecideArgs {
    /// 报告编号
    pub id: String,
    /// 修订编号（与 --all 二选一）
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub change: Option<String>,
    /// 全部待处理的修订
    #[arg(long)]
    pub all: bool,
    /// 只处理此人提出的修订（与 --all 一起用）
    #[arg(long, requires = "all")]
    pub author: Option<String>,
}

pub fn changes(ctx: &Ctx, a: ChangesArgs) -> CliResult {
    match a.cmd {
        ChangesCmd::Suggest(a) => suggest(ctx, a),
        ChangesCmd::List(a) => list(ctx, a),
        ChangesCmd::Accept(a) => decide(ctx, a, true),
        ChangesCmd::Reject(a) => decide(ctx, a, false),
        ChangesCmd::ImportDocx(a) => super::changes_docx::import_docx(ctx, a),
    }
}

fn suggest(ctx: &Ctx, a: SuggestArgs) -> CliResult {
    let mut store = ctx.store()?;
    let target = ChangeTarget::Quote {
        quote: a.quote,
        occurrence: Some(a.occurrence),
    };
    let c = store.suggest_change(&a.id, &target, &a.with_text)?;
    ctx.emit(&c, || c.id.clone());
    Ok(ExitCode::SUCCESS)
}

/// A text for one line: line breaks shown as ↵, long texts shortened.
fn shown(s: &str) -> String {
    let mut t: String = s.chars().take(40).collect::<String>().replace('\n', "↵");
    if s.chars().count() > 40 {
        t.push('…');
    }
    t
}

/// One change as a line of the list.
pub fn change_line(c: &Change) -> String {
    let who = match c.role {
        Some(r) => format!("{}（{}）", c.author, r.label()),
        None => c.author.clone(),
    };
    let mut flags = Vec::new();
    if c.orphaned {
        flags.push("已失效：原文已变".to_string());
    }
    if c.status != fazhi_core::review::ChangeStatus::Pending {
        flags.push(c.status.label().to_string());
    }
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!(" [{}]", flags.join("，"))
    };
    format!(
        "{}  {}  {}  {}  “{}” → “{}”  {}{}",
        c.id,
        c.kind.label(),
        who,
        c.created_at
            .get(..19)
            .unwrap_or(&c.created_at)
            .replace('T', " "),
        shown(&c.old),
        shown(&c.new),
        c.location,
        flags
    )
}

fn list(ctx: &Ctx, a: ListArgs) -> CliResult {
    let store = ctx.store()?;
    let filter = if a.all {
        ChangeFilter::All
    } else {
        ChangeFilter::Pending
    };
    let list = store.list_changes(&a.id, filter)?;
    ctx.emit(&list, || {
        if list.is_empty() {
            "没有待处理的修订".into()
        } else {
            list.iter().map(change_line).collect::<Vec<_>>().join("\n")
        }
    });
    Ok(ExitCode::SUCCESS)
}

fn decide(ctx: &Ctx, a: DecideArgs, accept: bool) -> CliResult {
    // clap's `requires` lets `CHANGE_ID --author NAME` through (the author then
    // silently ignored): refused here, before anything is decided.
    if a.author.is_some() && !a.all {
        return Err(CliError::new(
            "bad_option",
            "--author 只能与 --all 一起使用（处理某人提出的全部修订）",
        ));
    }
    let mut store = ctx.store()?;
    let out: ChangesDecided = match (&a.change, a.all) {
        (Some(change), false) => {
            let id = fazhi_core::review::changes::parse_change_id(change)?;
            let c = store.get_change(&id)?;
            if c.report_id != a.id.trim() {
                return Err(CliError::new(
                    "change_not_found",
                    format!("报告{}中没有修订{}", a.id.trim(), id),
                ));
            }
            if accept {
                store.accept_change(&id, None)?
            } else {
                store.reject_change(&id)?
            }
        }
        _ if accept => store.accept_all_changes(&a.id, a.author.as_deref(), None)?,
        _ => store.reject_all_changes(&a.id, a.author.as_deref())?,
    };
    let verb = if accept { "接受" } else { "拒绝" };
    ctx.emit(&out, || {
        let mut lines = vec![format!(
            "已{verb}修订{}处（报告第{}版）",
            out.decided.len(),
            out.version
        )];
        lines.extend(out.decided.iter().map(change_line));
        if !out.skipped.is_empty() {
            lines.push(format!(
                "{}处修订的原文已变，未能接受（可查看后拒绝）：",
                out.skipped.len()
            ));
            lines.extend(out.skipped.iter().map(change_line));
        }
        lines.join("\n")
    });
    Ok(ExitCode::SUCCESS)
}
