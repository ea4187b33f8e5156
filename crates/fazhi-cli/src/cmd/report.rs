//! new, list, show, put, save-version, revisions, restore, diff, search, delete, templates.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use fazhi_core::store::NewReport;
use fazhi_core::{json, numbering, template, Document, Paragraph, Section};

use crate::ctx::Ctx;
use crate::{CliError, CliResult};

#[derive(Args)]
pub struct NewArgs {
    /// 发文机关，如 梅河口市人民政府
    #[arg(long)]
    pub issuer: String,
    /// 报告年度，如 2019
    #[arg(long)]
    pub year: i32,
    /// 模板：statutory（法定顺序，默认）或 leadership-first（第一责任人在前）
    #[arg(long)]
    pub template: Option<String>,
    /// 包含可选的第五部分“其他需要报告的情况”
    #[arg(long)]
    pub with_other: bool,
}

#[derive(Args)]
pub struct ListArgs {
    /// 只列出标题或正文含此文字的报告
    #[arg(long)]
    pub search: Option<String>,
}

#[derive(Args)]
pub struct IdArgs {
    /// 报告编号
    pub id: String,
}

#[derive(Args)]
pub struct PutArgs {
    pub id: String,
    /// 报告 JSON（与 show --json 的输出格式相同）
    pub file: PathBuf,
    /// 仅当报告仍为此版本号时才写入
    #[arg(long)]
    pub expect_version: Option<i64>,
}

#[derive(Args)]
pub struct SaveVersionArgs {
    pub id: String,
    /// 版本说明
    #[arg(short = 'm', long)]
    pub message: Option<String>,
}

#[derive(Args)]
pub struct RestoreArgs {
    pub id: String,
    /// 版本号（见 revisions）
    pub revision: i64,
}

#[derive(Args)]
pub struct DiffArgs {
    pub id: String,
    /// 较早的版本号，或 current（当前内容）
    pub from: String,
    /// 较新的版本号，或 current（当前内容，默认）
    #[arg(default_value = "current")]
    pub to: String,
}

#[derive(Args)]
pub struct SearchArgs {
    pub text: String,
}

fn author(ctx: &Ctx) -> Option<String> {
    ctx.store()
        .ok()
        .and_then(|s| s.setting("identity.name").ok().flatten())
}

pub fn new(ctx: &Ctx, a: NewArgs) -> CliResult {
    let mut store = ctx.store()?;
    let created = store.create_report(&NewReport {
        issuer: a.issuer,
        year: a.year,
        template_id: a.template,
        include_optional: a.with_other,
    })?;
    for n in &created.notices {
        eprintln!("提示：{n}");
    }
    ctx.emit(&created.report, || created.report.id.clone());
    Ok(ExitCode::SUCCESS)
}

pub fn list(ctx: &Ctx, a: ListArgs) -> CliResult {
    let store = ctx.store()?;
    let reports = store.list_reports(a.search.as_deref())?;
    ctx.emit(&reports, || {
        reports
            .iter()
            .map(|r| {
                format!(
                    "{}  {}  {}年  {}  {}",
                    r.id, r.issuer, r.year, r.status_label, r.updated_at
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

pub fn show(ctx: &Ctx, a: IdArgs) -> CliResult {
    let store = ctx.store()?;
    let r = store.get_report(&a.id)?;
    ctx.emit(&r, || outline_text(&r.document));
    Ok(ExitCode::SUCCESS)
}

/// The report as numbered text: what a reader sees, numbering derived from position.
pub fn outline_text(doc: &Document) -> String {
    fn section(s: &Section, level: usize, index: usize, out: &mut Vec<String>) {
        out.push(format!("{}{}", numbering::prefix(level, index), s.heading));
        out.extend(
            s.paragraphs
                .iter()
                .flat_map(Paragraph::text_lines)
                .map(|l| format!("　　{l}")),
        );
        for (i, c) in s.sections.iter().enumerate() {
            section(c, level + 1, i, out);
        }
    }
    let mut out = vec![doc.title()];
    if let Some(a) = doc.addressee.as_deref().filter(|a| !a.is_empty()) {
        out.push(format!("{a}："));
    }
    out.extend(
        doc.preface
            .iter()
            .flat_map(Paragraph::text_lines)
            .map(|l| format!("　　{l}")),
    );
    for (i, part) in doc.parts.iter().enumerate() {
        out.push(format!("{}{}", numbering::prefix(1, i), part.heading));
        out.extend(
            part.paragraphs
                .iter()
                .flat_map(Paragraph::text_lines)
                .map(|l| format!("　　{l}")),
        );
        for (j, s) in part.sections.iter().enumerate() {
            section(s, 2, j, &mut out);
        }
    }
    out.extend(
        doc.closing
            .iter()
            .flat_map(Paragraph::text_lines)
            .map(|l| format!("　　{l}")),
    );
    out.push(doc.signature_or_issuer().to_string());
    if let Some(d) = doc.date_official() {
        out.push(d);
    }
    // 附件 pages after the signature (#21: their tables are shown too).
    for (i, a) in doc.attachments.iter().enumerate() {
        out.push(format!("附件{}：{}", i + 1, a.title));
        out.extend(
            a.paragraphs
                .iter()
                .flat_map(Paragraph::text_lines)
                .map(|l| format!("　　{l}")),
        );
    }
    out.join("\n")
}

pub fn put(ctx: &Ctx, a: PutArgs) -> CliResult {
    let bytes = super::read_file(&a.file)?;
    let text = String::from_utf8(bytes).map_err(|_| {
        CliError::new(
            "bad_json",
            format!("文件“{}”不是 UTF-8 编码的 JSON", a.file.display()),
        )
    })?;
    let doc = json::parse_document_strict(&text)?;
    let mut store = ctx.store()?;
    let saved = store.save_report(&a.id, doc, a.expect_version)?;
    ctx.emit(&saved, || {
        format!("已保存 {}（版本{}）", saved.id, saved.version)
    });
    Ok(ExitCode::SUCCESS)
}

pub fn save_version(ctx: &Ctx, a: SaveVersionArgs) -> CliResult {
    let who = author(ctx);
    let mut store = ctx.store()?;
    let rev = store.save_version(&a.id, a.message.as_deref(), who.as_deref())?;
    ctx.emit(&serde_json::json!({ "id": rev.report_id, "revision": rev.revision, "created_at": rev.created_at, "message": rev.message }), || {
        rev.revision.to_string()
    });
    Ok(ExitCode::SUCCESS)
}

pub fn revisions(ctx: &Ctx, a: IdArgs) -> CliResult {
    let store = ctx.store()?;
    let revs = store.list_revisions(&a.id)?;
    let json: Vec<_> = revs
        .iter()
        .map(|r| serde_json::json!({ "id": r.report_id, "revision": r.revision, "message": r.message, "author": r.author, "created_at": r.created_at, "chars": r.chars }))
        .collect();
    ctx.emit(&json, || {
        revs.iter()
            .map(|r| {
                format!(
                    "第{}版  {}  {}  {}",
                    r.revision,
                    r.created_at,
                    r.author.as_deref().unwrap_or("-"),
                    r.message.as_deref().unwrap_or("")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

pub fn restore(ctx: &Ctx, a: RestoreArgs) -> CliResult {
    let who = author(ctx);
    let mut store = ctx.store()?;
    let rev = store.restore_revision(&a.id, a.revision, who.as_deref())?;
    ctx.emit(&serde_json::json!({ "id": rev.report_id, "revision": rev.revision, "message": rev.message }), || {
        format!("已恢复第{}版，保存为第{}版", a.revision, rev.revision)
    });
    Ok(ExitCode::SUCCESS)
}

/// A revision number, or None for the working copy (`current`, `当前`).
pub(crate) fn revision_arg(s: &str) -> Result<Option<i64>, CliError> {
    match s.trim() {
        "current" | "当前" | "cur" => Ok(None),
        n => n.parse::<i64>().map(Some).map_err(|_| {
            CliError::new(
                "bad_revision",
                format!("“{n}”不是版本号：请写版本号（见 revisions）或 current（当前内容）"),
            )
        }),
    }
}

fn revision_name(r: Option<i64>) -> String {
    r.map_or_else(|| "当前内容".to_string(), |n| format!("第{n}版"))
}

pub fn diff(ctx: &Ctx, a: DiffArgs) -> CliResult {
    let (from, to) = (revision_arg(&a.from)?, revision_arg(&a.to)?);
    let store = ctx.store()?;
    let load = |r: Option<i64>| match r {
        Some(n) => store.get_revision(&a.id, n),
        None => store.get_report(&a.id).map(|v| v.document),
    };
    let (old, new) = (load(from)?, load(to)?);
    let c = fazhi_core::diff::compare(&old, &new);
    ctx.emit(&c, || {
        diff_text(&c, &revision_name(from), &revision_name(to))
    });
    Ok(ExitCode::SUCCESS)
}

/// The changed blocks as text: `- ` removed, `+ ` added, `~ ` changed with
/// [-删去-]{+加入+} inside; a summary line first.
pub fn diff_text(c: &fazhi_core::diff::Comparison, from: &str, to: &str) -> String {
    use fazhi_core::diff::{BlockKind, Change};
    let s = &c.stats;
    let mut out = vec![if c.is_same() {
        // 当前内容 already ends in 内容 (no "当前内容内容相同").
        let noun = if to.ends_with("内容") { "" } else { "内容" };
        format!("{from}与{to}{noun}相同")
    } else {
        format!(
            "{from} → {to}：新增{}处，删除{}处，修改{}处（增{}字，删{}字）",
            s.added, s.removed, s.changed, s.chars_added, s.chars_removed
        )
    }];
    for b in c.blocks.iter().filter(|b| b.change != Change::Same) {
        let mark = match b.change {
            Change::Added => "+",
            Change::Removed => "-",
            _ => "~",
        };
        let body: String = if b.change == Change::Changed {
            b.spans
                .iter()
                .map(|sp| match sp.change {
                    Change::Added => format!("{{+{}+}}", sp.text),
                    Change::Removed => format!("[-{}-]", sp.text),
                    _ => sp.text.clone(),
                })
                .collect()
        } else {
            b.new.clone().or_else(|| b.old.clone()).unwrap_or_default()
        };
        let lead = match b.kind {
            BlockKind::Title => "标题：".to_string(),
            BlockKind::Meta => format!("{}：", b.label),
            BlockKind::Heading => b.number.clone(),
            BlockKind::Paragraph => "　　".to_string(),
        };
        out.push(format!("{mark} {lead}{body}"));
    }
    out.join("\n")
}

pub fn search(ctx: &Ctx, a: SearchArgs) -> CliResult {
    let store = ctx.store()?;
    let hits = store.search(&a.text)?;
    ctx.emit(&hits, || {
        hits.iter()
            .map(|h| format!("{}  {}\n    {}", h.id, h.title, h.snippet))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

pub fn delete(ctx: &Ctx, a: IdArgs) -> CliResult {
    let mut store = ctx.store()?;
    store.delete_report(&a.id)?;
    ctx.emit(&serde_json::json!({ "id": a.id, "deleted": true }), || {
        format!("已删除 {}", a.id)
    });
    Ok(ExitCode::SUCCESS)
}

pub fn templates(ctx: &Ctx) -> CliResult {
    let list = template::list();
    ctx.emit(&list, || {
        list.iter()
            .map(|t| format!("{}  {}：{}", t.id, t.name, t.description))
            .collect::<Vec<_>>()
            .join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod polish_tests {
    /// "第1版与当前内容相同", never "…内容内容相同" (#20).
    #[test]
    fn the_same_text_reads_once() {
        let same = fazhi_core::diff::Comparison {
            blocks: Vec::new(),
            stats: Default::default(),
        };
        assert_eq!(
            super::diff_text(&same, "第1版", "当前内容"),
            "第1版与当前内容相同"
        );
        assert_eq!(
            super::diff_text(&same, "第1版", "第2版"),
            "第1版与第2版内容相同"
        );
    }
}

#[cfg(test)]
mod outline_tests {
    use fazhi_core::model::{Attachment, Table};
    use fazhi_core::Paragraph;

    /// `fazhi show` (no --json) prints a section's table as rows and the 附件
    /// after the date, with their tables (#21): before, a table printed as an
    /// empty line and attachments not at all.
    #[test]
    fn tables_and_attachments_are_in_the_outline() {
        let (mut d, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2023, false);
        d.date = Some("2024-03-01".into());
        let mut t = Table::from_texts(
            [
                vec!["项目".to_string(), "数量".to_string()],
                vec!["收案".to_string(), "12".to_string()],
            ],
            1,
        );
        t.title = Some("案件情况统计表".into());
        d.parts[0].paragraphs.push(Paragraph::table(t.clone()));
        let mut a = Attachment::new("重点任务完成情况表");
        a.paragraphs = vec![Paragraph::new("说明。"), Paragraph::table(t)];
        d.attachments.push(a);
        let out = super::outline_text(&d);
        let lines: Vec<&str> = out.lines().collect();
        let date = lines.iter().position(|l| *l == "2024年3月1日").unwrap();
        assert_eq!(
            lines[date + 1..],
            [
                "附件1：重点任务完成情况表",
                "　　说明。",
                "　　表：案件情况统计表",
                "　　| 项目 | 数量 |",
                "　　|---|---|",
                "　　| 收案 | 12 |",
            ]
        );
        let heading = lines.iter().position(|l| l.starts_with("一、")).unwrap();
        assert_eq!(lines[heading + 1], "　　表：案件情况统计表");
        assert_eq!(lines[heading + 2], "　　| 项目 | 数量 |");
    }
}
