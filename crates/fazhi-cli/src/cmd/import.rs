//! import, next-year. (Owned by the [import] work; arguments fixed by the issue.)

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use fazhi_import::{ImportError, ImportOptions, ValueSource};

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
    /// 模板：statutory 或 leadership-first（默认按原文各部分的顺序判断）
    #[arg(long)]
    pub template: Option<String>,
}

#[derive(Args)]
pub struct NextYearArgs {
    /// 上一年度报告的编号
    pub id: String,
}

fn import_error(e: ImportError) -> CliError {
    CliError::new(e.code(), e.to_string())
}

pub fn import(ctx: &Ctx, a: ImportArgs) -> CliResult {
    let opts = ImportOptions {
        issuer: a.issuer,
        year: a.year,
        template_id: a.template,
    };
    let mut result = fazhi_import::import_file(&a.file, &opts).map_err(import_error)?;
    let name = a.file.display().to_string();
    // Without a terminal to confirm in, a value the file does not give must
    // come from the command line rather than be guessed.
    if result.issuer_source == ValueSource::Missing {
        return Err(CliError::new(
            "issuer_missing",
            format!("未能从文件“{name}”中识别发文机关，请用 --issuer 指定，例如 --issuer 梅河口市人民政府。"),
        ));
    }
    if result.year_source == ValueSource::Missing {
        return Err(CliError::new(
            "year_missing",
            format!("未能从文件“{name}”中识别报告年度，请用 --year 指定，例如 --year 2019。"),
        ));
    }
    let mut store = ctx.store()?;
    let view = store.create_from_document(result.document.clone())?;
    result.document = view.document.clone();
    if !ctx.json {
        let source = |s: ValueSource| match s {
            ValueSource::Given => "指定",
            ValueSource::Inferred => "识别",
            ValueSource::Missing => "暂定",
        };
        eprintln!(
            "已导入：{}（{}，{}）；发文机关 {}（{}），年度 {}（{}）；识别 {} 项，去除网页杂项 {} 行，需核对 {} 项。",
            name,
            result.format.label(),
            result.encoding,
            result.issuer,
            source(result.issuer_source),
            result.year,
            source(result.year_source),
            result.recognised.len(),
            result.removed.len(),
            result.uncertain.len()
        );
        for u in &result.uncertain {
            eprintln!("需核对：{}", u.message);
        }
    }
    let out = serde_json::json!({ "id": view.id, "import": result });
    ctx.emit(&out, || view.id.clone());
    Ok(ExitCode::SUCCESS)
}

pub fn next_year(ctx: &Ctx, a: NextYearArgs) -> CliResult {
    let mut store = ctx.store()?;
    let last = store.get_report(&a.id)?;
    let doc = fazhi_import::next_year(&last.document);
    let view = store.create_from_document(doc)?;
    ctx.emit(&view, || view.id.clone());
    Ok(ExitCode::SUCCESS)
}
