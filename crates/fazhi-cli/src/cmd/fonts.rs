//! fonts: the font chosen per role (设置 → 字体) and the installed candidates;
//! `fonts set ROLE FAMILY|default`.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use fazhi_pdf::choice::{self, Choice, Slot};
use fazhi_pdf::system;

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct FontsArgs {
    #[command(subcommand)]
    pub action: Option<FontsAction>,
}

#[derive(Subcommand)]
pub enum FontsAction {
    /// 为某一用途选择字体：ROLE 为 title、body、heading1、heading2、page_number（或 标题、正文…），FAMILY 为本机已安装的字体名，default 表示内置字体
    Set { role: String, family: String },
}

fn slot(role: &str) -> Result<Slot, CliError> {
    Slot::parse(role).ok_or_else(|| {
        CliError::new(
            "bad_role",
            format!(
                "未知的字体用途“{role}”：请用 title（标题）、body（正文）、heading1（一级标题）、heading2（二级标题）或 page_number（页码）"
            ),
        )
    })
}

pub fn fonts(ctx: &Ctx, a: FontsArgs) -> CliResult {
    match a.action {
        None => list(ctx),
        Some(FontsAction::Set { role, family }) => set(ctx, &role, &family),
    }
}

fn list(ctx: &Ctx) -> CliResult {
    let store = ctx.store()?;
    let choices = choice::load(&store)?;
    let resolved =
        choice::resolve_store(&store).map_err(|e| CliError::new("pdf_failed", e.to_string()))?;
    let installed = system::installed();
    let roles: Vec<serde_json::Value> = Slot::ALL
        .iter()
        .map(|&s| {
            let chosen = choices.iter().find(|(c, _)| *c == s).map(|(_, c)| c);
            serde_json::json!({
                "role": s.key(),
                "label": s.label(),
                "style": s.style(),
                "choice": chosen.map(|c| c.family.clone()),
                "in_use": resolved.family(s),
            })
        })
        .collect();
    let out = serde_json::json!({
        "roles": roles,
        "warnings": resolved.warnings,
        "installed": installed,
    });
    ctx.emit(&out, || {
        let mut t = String::new();
        for &s in &Slot::ALL {
            let chosen = choices.iter().find(|(c, _)| *c == s).map(|(_, c)| c);
            t.push_str(&format!(
                "{}（{}）：{}\n",
                s.label(),
                s.style(),
                match (chosen, resolved.family(s)) {
                    (_, Some(f)) => f.to_string(),
                    (Some(c), None) => format!("内置（所选“{}”不在本机）", c.family),
                    (None, None) => "内置".to_string(),
                }
            ));
        }
        for w in &resolved.warnings {
            t.push_str(&format!("提示：{w}\n"));
        }
        t.push_str(&format!("本机可用的中文字体（{} 种）：\n", installed.len()));
        for f in &installed {
            t.push_str(&format!("  {}\n", f.family));
        }
        t.trim_end().to_string()
    });
    Ok(ExitCode::SUCCESS)
}

fn set(ctx: &Ctx, role: &str, family: &str) -> CliResult {
    let slot = slot(role)?;
    let mut store = ctx.store()?;
    let family = family.trim();
    let chosen = if matches!(family, "default" | "内置" | "") {
        None
    } else {
        let installed = system::installed();
        let face = system::find(&installed, family).ok_or_else(|| {
            CliError::new(
                "font_not_installed",
                format!("本机没有安装字体“{family}”：运行 fazhi fonts 查看可用的字体"),
            )
        })?;
        Some(Choice {
            family: face.family.clone(),
            path: face.path.clone(),
            index: face.index,
        })
    };
    choice::save(&mut store, slot, chosen.as_ref())?;
    let shown = chosen
        .as_ref()
        .map_or("内置".to_string(), |c| c.family.clone());
    let out = serde_json::json!({ "role": slot.key(), "family": chosen.map(|c| c.family) });
    ctx.emit(&out, || format!("{}字体已设为：{shown}", slot.label()));
    Ok(ExitCode::SUCCESS)
}
