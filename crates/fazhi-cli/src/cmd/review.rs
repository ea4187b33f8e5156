//! Review from the command line: identity (`whoami`), comments, workflow
//! (`status`), the audit log (`log`), deadlines and review packages. Each is a
//! call into fazhi-core's review module, acting as the library's identity.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use fazhi_core::review::{
    Comment, CommentFilter, CommentState, CommentTarget, ExternalComment, ReviewRole,
    TransitionRequest,
};
use fazhi_core::{Status, Store};

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct WhoamiArgs {
    /// 姓名（与 --role 一起设置；都不给时显示当前身份）
    #[arg(long)]
    pub name: Option<String>,
    /// drafter（起草人）、reviewer（审核人）或 approver（签发人）
    #[arg(long)]
    pub role: Option<String>,
}

#[derive(Subcommand)]
pub enum CommentCmd {
    /// 添加批注（按引用的原文定位）
    Add(CommentAddArgs),
    /// 列出批注
    List(CommentListArgs),
    /// 回复批注
    Reply(CommentReplyArgs),
    /// 修改自己的批注
    Edit(CommentReplyArgs),
    /// 标记为已解决
    Resolve(CommentIdArgs),
    /// 重新打开
    Reopen(CommentIdArgs),
    /// 标记为已处理（附回复说明如何处理；由批注人或签发人关闭）
    Handled(CommentReplyArgs),
    /// 删除自己的批注
    Delete(CommentIdArgs),
    /// 从 Word/WPS 批注过的 DOCX 导入批注
    ImportDocx(CommentImportArgs),
}

#[derive(Args)]
pub struct CommentArgs {
    #[command(subcommand)]
    pub cmd: CommentCmd,
}

#[derive(Args)]
pub struct CommentAddArgs {
    /// 报告编号
    pub id: String,
    /// 批注所针对的原文
    #[arg(long)]
    pub quote: String,
    /// 原文出现多次时取第几处（从1开始，按正文顺序）
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    pub occurrence: u32,
    /// 批注内容
    #[arg(long)]
    pub text: String,
}

#[derive(Args)]
pub struct CommentListArgs {
    /// 报告编号
    pub id: String,
    /// 只列未解决的
    #[arg(long, conflicts_with = "resolved")]
    pub open: bool,
    /// 只列已解决的
    #[arg(long)]
    pub resolved: bool,
    /// 只列自己添加的
    #[arg(long)]
    pub mine: bool,
    /// 只列某一部分（部分编号）的
    #[arg(long)]
    pub part: Option<String>,
}

#[derive(Args)]
pub struct CommentReplyArgs {
    /// 报告编号
    pub id: String,
    /// 批注编号
    pub comment: String,
    /// 内容
    #[arg(long)]
    pub text: String,
}

#[derive(Args)]
pub struct CommentIdArgs {
    /// 报告编号
    pub id: String,
    /// 批注编号
    pub comment: String,
}

#[derive(Args)]
pub struct CommentImportArgs {
    /// 报告编号
    pub id: String,
    /// DOCX 文件
    pub file: PathBuf,
}

#[derive(Args)]
pub struct StatusArgs {
    /// 报告编号
    pub id: String,
    /// draft、review、final、filed 或 published（不给时显示当前状态）
    #[arg(long)]
    pub to: Option<String>,
    /// 理由（退回修改、撤销定稿、强制定稿时必填）
    #[arg(long)]
    pub reason: Option<String>,
    /// 有检查错误或未解决批注时仍然定稿（须同时给出 --reason，记入审计日志）
    #[arg(long = "override")]
    pub override_checks: bool,
    /// 报送或公开日期（YYYY-MM-DD）
    #[arg(long)]
    pub date: Option<String>,
    /// 报送对象
    #[arg(long)]
    pub recipients: Option<String>,
    /// 公开地址
    #[arg(long)]
    pub address: Option<String>,
}

#[derive(Args)]
pub struct LogArgs {
    /// 报告编号
    pub id: String,
    /// 另存为 CSV 表格（UTF-8，WPS/Excel 可直接打开）
    #[arg(long)]
    pub csv: Option<PathBuf>,
    /// CSV 中时间的时区偏移（分钟，东八区为 480；默认 0 即 UTC）
    #[arg(long, default_value_t = 0, allow_hyphen_values = true)]
    pub utc_offset: i32,
}

#[derive(Args)]
pub struct DeadlinesArgs {
    /// 按此日期计算（YYYY-MM-DD，默认今天）
    #[arg(long)]
    pub today: Option<String>,
}

#[derive(Subcommand)]
pub enum PackageCmd {
    /// 导出审阅包
    Export(PackageExportArgs),
    /// 导入审阅意见：把审阅包中新的批注和回复合并到原报告
    Merge(PackageFileArgs),
    /// 打开审阅包：在本资料库中建立只读的审阅副本
    Open(PackageFileArgs),
    /// 显示审阅包内容摘要
    Info(PackageFileArgs),
}

#[derive(Args)]
pub struct PackageArgs {
    #[command(subcommand)]
    pub cmd: PackageCmd,
}

#[derive(Args)]
pub struct PackageExportArgs {
    /// 报告编号
    pub id: String,
    /// 输出文件（.fzbg）
    #[arg(short = 'o', long)]
    pub output: PathBuf,
}

#[derive(Args)]
pub struct PackageFileArgs {
    /// 审阅包文件（.fzbg）
    pub file: PathBuf,
}

fn parse_role(s: &str) -> Result<ReviewRole, CliError> {
    ReviewRole::parse(s).ok_or_else(|| {
        CliError::new(
            "bad_role",
            format!(
                "未知的角色“{s}”，只能是 drafter（起草人）、reviewer（审核人）、approver（签发人）"
            ),
        )
    })
}

pub fn whoami(ctx: &Ctx, a: WhoamiArgs) -> CliResult {
    let mut store = ctx.store()?;
    let identity = match (a.name, a.role) {
        (None, None) => store.identity()?,
        (Some(name), Some(role)) => store.set_identity(&name, parse_role(&role)?)?,
        (Some(name), None) => {
            let role = store.identity()?.role.ok_or_else(|| {
                CliError::new(
                    "bad_role",
                    "首次设置身份须同时给出 --role drafter|reviewer|approver",
                )
            })?;
            store.set_identity(&name, role)?
        }
        (None, Some(role)) => {
            let name = store.identity()?.name;
            if name.is_empty() {
                return Err(CliError::new(
                    "bad_name",
                    "首次设置身份须同时给出 --name 姓名",
                ));
            }
            store.set_identity(&name, parse_role(&role)?)?
        }
    };
    ctx.emit(&identity, || {
        if identity.is_set() {
            format!(
                "{}（{}）",
                identity.name,
                identity.role_label.as_deref().unwrap_or("未设角色")
            )
        } else {
            "尚未设置身份：fazhi whoami --name 姓名 --role drafter|reviewer|approver".into()
        }
    });
    Ok(ExitCode::SUCCESS)
}

fn comment_line(c: &Comment, indent: &str) -> String {
    let mut flags = Vec::new();
    if c.resolved {
        flags.push("已解决".to_string());
    }
    if c.orphaned {
        flags.push("原文已删除".to_string());
    }
    let flags = if flags.is_empty() {
        String::new()
    } else {
        format!("【{}】", flags.join("，"))
    };
    let quote = c
        .anchor
        .as_ref()
        .map(|a| format!("  “{}”", a.quote))
        .unwrap_or_default();
    let role = c
        .role
        .map(|r| format!("（{}）", r.label()))
        .unwrap_or_default();
    format!(
        "{indent}{}  {}{role}  {}{flags}{quote}\n{indent}  {}",
        c.id,
        c.author,
        c.created_at,
        c.text.replace('\n', &format!("\n{indent}  "))
    )
}

pub fn comment(ctx: &Ctx, a: CommentArgs) -> CliResult {
    let mut store = ctx.store()?;
    match a.cmd {
        CommentCmd::Add(a) => {
            let target = CommentTarget::Quote {
                quote: a.quote,
                occurrence: Some(a.occurrence),
            };
            let c = store.add_comment(&a.id, &target, &a.text)?;
            ctx.emit(&c, || format!("已添加批注 {}", c.id));
        }
        CommentCmd::List(a) => {
            let filter = CommentFilter {
                state: if a.open {
                    CommentState::Open
                } else if a.resolved {
                    CommentState::Resolved
                } else {
                    CommentState::All
                },
                mine: a.mine,
                part_id: a.part,
            };
            let list = store.list_comments(&a.id, &filter)?;
            ctx.emit(&list, || {
                if list.is_empty() {
                    return "没有批注".into();
                }
                list.iter()
                    .map(|t| {
                        let mut s = comment_line(t, "");
                        for r in &t.replies {
                            s.push('\n');
                            s.push_str(&comment_line(r, "    "));
                        }
                        s
                    })
                    .collect::<Vec<_>>()
                    .join("\n\n")
            });
        }
        CommentCmd::Reply(a) => {
            let c = store.reply_comment(&a.id, &a.comment, &a.text)?;
            ctx.emit(&c, || format!("已回复，回复编号 {}", c.id));
        }
        CommentCmd::Edit(a) => {
            ensure_in_report(&store, &a.id, &a.comment)?;
            let c = store.edit_comment(&a.comment, &a.text)?;
            ctx.emit(&c, || format!("已修改批注 {}", c.id));
        }
        CommentCmd::Resolve(a) => {
            ensure_in_report(&store, &a.id, &a.comment)?;
            let c = store.resolve_comment(&a.comment)?;
            ctx.emit(&c, || format!("批注 {} 已标记为已解决", c.id));
        }
        CommentCmd::Handled(a) => {
            ensure_in_report(&store, &a.id, &a.comment)?;
            let c = store.mark_comment_handled(&a.comment, &a.text)?;
            ctx.emit(&c, || {
                format!("批注 {} 已标记为已处理，待批注人或签发人关闭", c.id)
            });
        }
        CommentCmd::Reopen(a) => {
            ensure_in_report(&store, &a.id, &a.comment)?;
            let c = store.reopen_comment(&a.comment)?;
            ctx.emit(&c, || format!("批注 {} 已重新打开", c.id));
        }
        CommentCmd::Delete(a) => {
            ensure_in_report(&store, &a.id, &a.comment)?;
            store.delete_comment(&a.comment)?;
            ctx.emit(
                &serde_json::json!({ "id": a.comment, "deleted": true }),
                || format!("已删除批注 {}", a.comment),
            );
        }
        CommentCmd::ImportDocx(a) => {
            let parsed =
                fazhi_import::import_file(&a.file, &fazhi_import::ImportOptions::default())
                    .map_err(|e| CliError::new("import", e.to_string()))?;
            let comments: Vec<ExternalComment> = parsed
                .comments
                .into_iter()
                .map(ExternalComment::from)
                .collect();
            let out = store.import_external_comments(&a.id, &comments)?;
            ctx.emit(&out, || {
                let mut s = format!("导入批注{}条，已存在{}条", out.added, out.duplicates);
                if out.orphaned > 0 {
                    s.push_str(&format!(
                        "；{}条在报告中找不到原文，已标为“原文已删除”",
                        out.orphaned
                    ));
                }
                s
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A comment id given with a report id must belong to that report.
fn ensure_in_report(store: &Store, id: &str, comment: &str) -> Result<(), CliError> {
    store.get_report(id)?;
    let c = store.get_comment(comment)?;
    if c.report_id != id {
        return Err(CliError::new(
            "comment_not_found",
            format!("报告{id}中没有批注{comment}"),
        ));
    }
    Ok(())
}

fn parse_status(s: &str) -> Result<Status, CliError> {
    Status::parse(s.trim()).ok_or_else(|| {
        CliError::new(
            "bad_status",
            format!("未知的状态“{s}”：请用 draft、review、final、filed 或 published"),
        )
    })
}

pub fn status(ctx: &Ctx, a: StatusArgs) -> CliResult {
    let mut store = ctx.store()?;
    let Some(to) = a.to else {
        let info = store.workflow_info(&a.id)?;
        ctx.emit(&info, || {
            let mut s = format!(
                "{}（未解决批注{}条）",
                info.status_label, info.open_comments
            );
            if info.review_copy {
                s.push_str("；这是审阅副本，正文只读");
            }
            if !info.allowed.is_empty() {
                let next: Vec<String> = info
                    .allowed
                    .iter()
                    .map(|t| format!("{}（--to {}）", t.label, t.to.as_str()))
                    .collect();
                s.push_str(&format!("\n可以：{}", next.join("、")));
            }
            s
        });
        return Ok(ExitCode::SUCCESS);
    };
    let to = parse_status(&to)?;
    // The errors `fazhi check` lists (ignores applied), the number `fazhi export` tells.
    let check_errors = if to == Status::Final {
        fazhi_checks::proofing::stored_error_count(&store, &a.id)
            .map_err(crate::cmd::lexicon::err)?
    } else {
        0
    };
    let req = TransitionRequest {
        to,
        reason: a.reason,
        override_checks: a.override_checks,
        check_errors,
        date: a.date,
        recipients: a.recipients,
        address: a.address,
    };
    let out = store.transition(&a.id, &req)?;
    ctx.emit(&out, || {
        format!("{}：报告现为“{}”", out.entry.action_label, out.status_label)
    });
    Ok(ExitCode::SUCCESS)
}

pub fn log(ctx: &Ctx, a: LogArgs) -> CliResult {
    if let Some(path) = &a.csv {
        crate::cmd::output_file(path)?;
    }
    let store = ctx.store()?;
    let entries = store.audit_log(&a.id)?;
    // The readable log, as the app shows it: names, what changed, saves summarised.
    let rows = store.audit_table(&a.id)?;
    if let Some(path) = &a.csv {
        let csv = fazhi_core::review::audit_csv(&rows, a.utc_offset);
        std::fs::write(path, csv).map_err(|e| {
            CliError::new(
                "io",
                format!(
                    "无法写入“{}”：{}",
                    path.display(),
                    fazhi_core::error::io_reason(&e)
                ),
            )
        })?;
    }
    ctx.emit(&entries, || {
        if rows.is_empty() {
            return "没有记录".into();
        }
        rows.iter()
            .map(|r| {
                let mut s = format!("{}  {}", r.at, r.who);
                if let Some(l) = &r.role_label {
                    s.push_str(&format!("（{l}）"));
                }
                s.push_str(&format!("  {}", r.action_label));
                if !r.what.is_empty() {
                    s.push_str(&format!("  {}", r.what));
                }
                if let Some(reason) = &r.reason {
                    s.push_str(&format!("  理由：{reason}"));
                }
                s
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

pub fn deadlines(ctx: &Ctx, a: DeadlinesArgs) -> CliResult {
    let store = ctx.store()?;
    let today = match a.today {
        Some(t) if fazhi_core::dates::parse_iso(&t).is_some() => t,
        Some(t) => {
            return Err(CliError::new(
                "bad_date",
                format!("日期“{t}”无效，请用 YYYY-MM-DD"),
            ))
        }
        None => fazhi_core::review::deadline::today_utc(),
    };
    let list = store.deadlines(&today)?;
    let reports = store.list_reports(None)?;
    ctx.emit(&list, || {
        list.iter()
            .map(|d| {
                let title = reports
                    .iter()
                    .find(|r| r.id == d.report_id)
                    .map(|r| r.title.as_str())
                    .unwrap_or("");
                let mark = match d.state {
                    fazhi_core::review::DeadlineState::Late => "【逾期】",
                    fazhi_core::review::DeadlineState::Soon => "【临近】",
                    _ => "",
                };
                format!("{}  {mark}{}  {}", d.report_id, d.label, title)
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

pub fn package(ctx: &Ctx, a: PackageArgs) -> CliResult {
    match a.cmd {
        PackageCmd::Export(a) => {
            crate::cmd::output_file(&a.output)?;
            let mut store = ctx.store()?;
            let info = store.export_package(&a.id, &a.output)?;
            ctx.emit(&info, || {
                format!(
                    "已导出审阅包（第{}版，批注{}条）：{}",
                    info.report_version,
                    info.comments,
                    a.output.display()
                )
            });
        }
        PackageCmd::Merge(a) => {
            let mut store = ctx.store()?;
            let out = store.merge_package(&a.file)?;
            ctx.emit(&out, || {
                let mut s = format!(
                    "“{}”：新增批注{}条、回复{}条，已存在{}条",
                    out.title, out.added_comments, out.added_replies, out.already_present
                );
                for n in &out.notices {
                    s.push_str(&format!("\n提示：{n}"));
                }
                s
            });
        }
        PackageCmd::Open(a) => {
            let mut store = ctx.store()?;
            let out = store.open_package(&a.file)?;
            ctx.emit(&out, || {
                let mut s = format!("已打开审阅副本 {}：{}", out.report.id, out.report.title);
                for n in &out.notices {
                    s.push_str(&format!("\n提示：{n}"));
                }
                s
            });
        }
        PackageCmd::Info(a) => {
            let info = fazhi_core::review::read_package_info(&a.file)?;
            ctx.emit(&info, || {
                format!(
                    "{}（报告 {}，第{}版，{}）\n由{}于{}导出，批注{}条",
                    info.title,
                    info.report_id,
                    info.report_version,
                    info.status.label(),
                    info.exported_by,
                    info.exported_at,
                    info.comments
                )
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}
