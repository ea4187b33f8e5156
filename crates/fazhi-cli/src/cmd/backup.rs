//! backup, backups, restore-backup, check-library, and the hidden stress-save
//! used by the crash-safety test.

use std::io::Write;
use std::process::ExitCode;

use clap::Args;
use fazhi_core::backup::{self, HealthStatus, Reason};
use fazhi_core::Paragraph;

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct BackupArgs {
    /// 备份原因：manual（手动，默认）、daily（每日）、final（定稿）
    #[arg(long, default_value = "manual", value_parser = ["manual", "daily", "final"])]
    pub reason: String,
}

#[derive(Args)]
pub struct RestoreBackupArgs {
    /// 备份编号（见 backups 的第一列）
    pub backup: String,
}

#[derive(Args)]
pub struct CheckLibraryArgs {
    /// 完整检查（PRAGMA integrity_check，较慢）；默认为快速检查
    #[arg(long)]
    pub full: bool,
}

#[derive(Args)]
pub struct StressSaveArgs {
    pub id: String,
    /// 保存次数
    #[arg(long, default_value_t = 100)]
    pub count: u32,
    /// 每隔几次保存另存一个版本（0 表示不保存版本）
    #[arg(long, default_value_t = 10)]
    pub version_every: u32,
}

pub fn create(ctx: &Ctx, a: BackupArgs) -> CliResult {
    let reason = match a.reason.as_str() {
        "daily" => Reason::Daily,
        "final" => Reason::Final,
        _ => Reason::Manual,
    };
    let store = ctx.store()?;
    let info = backup::create_backup(&store, reason)?;
    ctx.emit(&info, || info.id.clone());
    Ok(ExitCode::SUCCESS)
}

pub fn list(ctx: &Ctx) -> CliResult {
    let list = backup::list_backups(&ctx.db)?;
    ctx.emit(&list, || {
        list.iter()
            .map(|b| {
                format!(
                    "{}  {}  {}  {}份报告  {}字节",
                    b.id,
                    b.created_at,
                    b.reason_label,
                    b.reports.map_or("?".into(), |n| n.to_string()),
                    b.size
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

pub fn restore(ctx: &Ctx, a: RestoreBackupArgs) -> CliResult {
    let restored = backup::restore_backup(&ctx.db, &a.backup)?;
    ctx.emit(&restored, || {
        let mut s = format!("已从备份 {} 恢复资料库", restored.backup.id);
        if let Some(p) = &restored.set_aside {
            s.push_str(&format!("；原资料库已另存为 {p}"));
        }
        s
    });
    Ok(ExitCode::SUCCESS)
}

/// Exit 0 when the library is usable, 2 (with the Chinese reason) when not.
pub fn check_library(ctx: &Ctx, a: CheckLibraryArgs) -> CliResult {
    let health = backup::inspect_library(&ctx.db);
    if health.status == HealthStatus::Ok && a.full {
        let lines = backup::integrity_check(&ctx.db)?;
        if lines != ["ok"] {
            return Err(CliError::new(
                "damaged",
                format!("资料库完整性检查未通过：{}", lines.join("；")),
            ));
        }
    }
    if !health.is_usable() {
        return Err(CliError::new(
            match health.status {
                HealthStatus::NotSqlite => "not_sqlite",
                HealthStatus::NotOurs => "not_ours",
                HealthStatus::NewerSchema => "library_too_new",
                _ => "damaged",
            },
            health.message,
        ));
    }
    ctx.emit(&health, || "ok".into());
    Ok(ExitCode::SUCCESS)
}

/// Saves the report `count` times, each time one paragraph longer, and prints
/// every committed save as `saved <version> <paragraphs>` (and every version as
/// `revision <n>`), flushed, so a test that kills the process knows what must
/// survive.
pub fn stress_save(ctx: &Ctx, a: StressSaveArgs) -> CliResult {
    let mut store = ctx.store()?;
    let mut out = std::io::stdout().lock();
    for i in 1..=a.count {
        let view = store.get_report(&a.id)?;
        let mut doc = view.document;
        let part = doc
            .parts
            .first_mut()
            .ok_or_else(|| CliError::new("invalid", "报告没有任何部分"))?;
        let n = part.paragraphs.len() + 1;
        part.paragraphs.push(Paragraph::new(format!(
            "第{n}次保存的段落。{}",
            "依法行政".repeat(20)
        )));
        let saved = store.save_report(&a.id, doc, Some(view.version))?;
        let _ = writeln!(out, "saved {} {n}", saved.version);
        let _ = out.flush();
        if a.version_every > 0 && i % a.version_every == 0 {
            let rev = store.save_version(&a.id, Some("压力测试"), None)?;
            let _ = writeln!(out, "revision {}", rev.revision);
            let _ = out.flush();
        }
    }
    Ok(ExitCode::SUCCESS)
}
