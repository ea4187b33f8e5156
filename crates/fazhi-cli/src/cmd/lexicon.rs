//! lexicon list / export / import: the library's 词库 (built-in entries with
//! this library's overrides and own entries), as the app's 设置 → 词库 shows it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};
use fazhi_checks::proofing::{self, ProofingError};
use fazhi_checks::LexSource;

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct LexiconArgs {
    #[command(subcommand)]
    pub cmd: LexiconCmd,
}

#[derive(Subcommand)]
pub enum LexiconCmd {
    /// 列出词库（内置词条、本资料库的修改和自定义词条，含是否启用）
    List,
    /// 导出词库为 CSV 或 XLSX（按扩展名）
    Export {
        /// 输出文件（.csv 或 .xlsx）
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// 从 CSV 或 XLSX 导入词条并合并（同一错误写法和条件的词条被替换），下次检查生效
    Import {
        /// 词库文件（.csv 或 .xlsx，第一行为表头）
        file: PathBuf,
    },
}

pub fn err(e: ProofingError) -> CliError {
    CliError::new(e.code(), e.to_string())
}

pub fn lexicon(ctx: &Ctx, a: LexiconArgs) -> CliResult {
    match a.cmd {
        LexiconCmd::List => {
            let store = ctx.store()?;
            let all = proofing::lexicon(&store).map_err(err)?;
            ctx.emit(&all, || {
                let mut out: Vec<String> = all
                    .iter()
                    .map(|e| {
                        let from = match e.source {
                            LexSource::Builtin => "",
                            LexSource::Override => "（已修改）",
                            LexSource::User => "（自定义）",
                        };
                        format!(
                            "{}{} → {}  {} {} {}{}",
                            if e.enabled { "" } else { "[停用] " },
                            e.wrong,
                            if e.suggestion.is_empty() {
                                "（删除）"
                            } else {
                                &e.suggestion
                            },
                            e.level.label(),
                            e.group.label(),
                            // In Chinese, as 设置 → 词库 and the CSV show it.
                            fazhi_checks::lexicon::Condition::label(&e.condition),
                            from
                        )
                    })
                    .collect();
                let on = all.iter().filter(|e| e.enabled).count();
                out.push(format!("共{}条，启用{}条", all.len(), on));
                out.join("\n")
            });
        }
        LexiconCmd::Export { output } => {
            crate::cmd::output_file(&output)?;
            let store = ctx.store()?;
            let n = proofing::export_file(&store, &output).map_err(err)?;
            ctx.emit(
                &serde_json::json!({ "file": output.display().to_string(), "entries": n }),
                || format!("已导出词库{}条：{}", n, output.display()),
            );
        }
        LexiconCmd::Import { file } => {
            let mut store = ctx.store()?;
            let r = proofing::import_file(&mut store, &file).map_err(err)?;
            ctx.emit(&r, || {
                format!(
                    "已导入“{}”：{}行，新增{}条，修改{}条，未变{}条；下次检查生效",
                    file.display(),
                    r.rows,
                    r.added,
                    r.changed,
                    r.unchanged
                )
            });
        }
    }
    Ok(ExitCode::SUCCESS)
}
