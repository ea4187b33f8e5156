//! `fazhi changes import-docx ID FILE.docx` [#17, Word/WPS round trip]: a reviewed
//! DOCX's tracked changes (w:ins/w:del) stored as suggestions with their authors and
//! dates, anchored by the text around them; those whose text is no longer in the
//! report are stored orphaned and listed, never dropped. The same function as the
//! app's 导入Word修订 (`fazhi_app::word::import_word_changes`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct ImportDocxArgs {
    /// 报告编号
    pub id: String,
    /// 审阅后的 Word 文档（.docx，含修订）
    pub file: PathBuf,
}

pub fn import_docx(ctx: &Ctx, a: ImportDocxArgs) -> CliResult {
    let mut store = ctx.store()?;
    let done = fazhi_app::word::import_word_changes(&mut store, &a.id, &a.file)
        .map_err(|e| CliError::new(&e.code, e.message))?;
    if done.found == 0 {
        return Err(CliError::new(
            "no_changes",
            format!(
                "“{}”中没有 Word 修订（w:ins/w:del），没有导入任何内容。要导入其中的批注，请用 fazhi comment import-docx。",
                done.file_name
            ),
        ));
    }
    let added = &done.added;
    ctx.emit(&done, || {
        let mut lines = vec![format!(
            "“{}”中有 {} 处修订：导入 {} 处（其中 {} 处原文已不在报告中，已列为失去位置），拒收 {} 处。",
            done.file_name,
            done.found,
            added.ids.len(),
            added.orphaned.len(),
            added.refused.len()
        )];
        for r in &added.refused {
            lines.push(format!("第{}处：{}", r.index + 1, r.reason));
        }
        if !added.orphaned.is_empty() {
            lines.push(format!(
                "失去位置的修订：{}（fazhi changes list {} 查看）",
                added.orphaned.join("、"),
                a.id
            ));
        }
        lines.join("\n")
    });
    Ok(ExitCode::SUCCESS)
}
