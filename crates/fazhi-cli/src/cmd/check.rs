//! check, fix. (Owned by the [checks] work; arguments fixed by the issue.)

use std::collections::BTreeMap;
use std::process::ExitCode;

use clap::Args;
use fazhi_checks::{AppliedFix, Finding, RuleConfig, Severity};
use fazhi_core::Document;
use serde_json::{json, Value};

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

/// How many examples of one rule the text output shows before summing up.
const EXAMPLES_PER_RULE: usize = 5;

fn config(store: &fazhi_core::Store) -> Result<RuleConfig, CliError> {
    RuleConfig::load(store).map_err(|e| CliError::new("config", e.to_string()))
}

fn place(doc: &Document, node_id: &str, start: usize) -> String {
    let node = fazhi_checks::node_label(doc, node_id).unwrap_or_else(|| node_id.to_string());
    if start == 0 {
        node
    } else {
        format!("{node}第{}字", start + 1)
    }
}

/// A finding as JSON, with where it is in words beside the node id.
fn finding_json(doc: &Document, f: &Finding) -> Value {
    let mut v = serde_json::to_value(f).unwrap_or(Value::Null);
    if let Some(loc) = v.get_mut("location").and_then(Value::as_object_mut) {
        let label = fazhi_checks::node_label(doc, &f.location.node_id);
        loc.insert("label".into(), json!(label));
    }
    v
}

fn counts(findings: &[Finding]) -> BTreeMap<&'static str, usize> {
    let mut c = BTreeMap::from([("error", 0), ("warning", 0), ("info", 0)]);
    for f in findings {
        let k = match f.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        };
        *c.entry(k).or_default() += 1;
    }
    c
}

fn summary(findings: &[Finding]) -> String {
    let c = counts(findings);
    format!(
        "{}处（错误{}处，警告{}处，提示{}处）",
        findings.len(),
        c["error"],
        c["warning"],
        c["info"]
    )
}

/// Findings grouped by category and rule, a few examples each.
fn findings_text(doc: &Document, findings: &[Finding]) -> String {
    if findings.is_empty() {
        return "未发现问题。".into();
    }
    let mut groups: BTreeMap<(fazhi_checks::Category, &str), Vec<&Finding>> = BTreeMap::new();
    for f in findings {
        groups.entry((f.category, &f.rule)).or_default().push(f);
    }
    let mut out = Vec::new();
    for ((cat, rule), fs) in &groups {
        out.push(format!(
            "【{}】{}（{}，{}处）",
            cat.label(),
            rule,
            fs[0].severity.label(),
            fs.len()
        ));
        for f in fs.iter().take(EXAMPLES_PER_RULE) {
            let fix = match &f.fix {
                Some(x) if x.safe => format!(" →「{}」", x.replacement),
                _ => String::new(),
            };
            out.push(format!(
                "  {}：「{}」{fix}  {}",
                place(doc, &f.location.node_id, f.location.start),
                f.text,
                f.message
            ));
        }
        if fs.len() > EXAMPLES_PER_RULE {
            out.push(format!("  ……另有{}处", fs.len() - EXAMPLES_PER_RULE));
        }
    }
    out.push(format!("共{}", summary(findings)));
    out.join("\n")
}

pub fn check(ctx: &Ctx, a: CheckArgs) -> CliResult {
    let store = ctx.store()?;
    let report = store.get_report(&a.id)?;
    let cfg = config(&store)?;
    let doc = &report.document;
    let findings = fazhi_checks::check(doc, &cfg);
    let value = json!({
        "id": report.id,
        "version": report.version,
        "counts": counts(&findings),
        "findings": findings.iter().map(|f| finding_json(doc, f)).collect::<Vec<_>>(),
    });
    ctx.emit(&value, || findings_text(doc, &findings));
    if findings.iter().any(|f| f.severity == Severity::Error) {
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

fn applied_json(doc: &Document, a: &AppliedFix) -> Value {
    let mut v = serde_json::to_value(a).unwrap_or(Value::Null);
    if let Some(loc) = v.get_mut("location").and_then(Value::as_object_mut) {
        loc.insert(
            "label".into(),
            json!(fazhi_checks::node_label(doc, &a.location.node_id)),
        );
    }
    v
}

pub fn fix(ctx: &Ctx, a: FixArgs) -> CliResult {
    if let Some(rule) = &a.rule {
        if !fazhi_checks::rules().iter().any(|r| &r.id == rule) {
            return Err(CliError::new(
                "unknown_rule",
                format!("没有规则“{rule}”；规则编号见 fazhi check 的输出"),
            ));
        }
    }
    let mut store = ctx.store()?;
    let report = store.get_report(&a.id)?;
    let cfg = config(&store)?;
    let mut doc = report.document.clone();
    let applied = fazhi_checks::fix(&mut doc, &cfg, a.rule.as_deref());
    let saved = if applied.is_empty() {
        None
    } else {
        // The same save the editor does: the template check runs, and a save
        // made meanwhile by someone else is not overwritten.
        Some(store.save_report(&a.id, doc.clone(), Some(report.version))?)
    };
    let remaining = fazhi_checks::check(&doc, &cfg);
    let value = json!({
        "id": report.id,
        "version": saved.as_ref().map_or(report.version, |s| s.version),
        "applied": applied.iter().map(|x| applied_json(&report.document, x)).collect::<Vec<_>>(),
        "remaining": counts(&remaining),
    });
    ctx.emit(&value, || {
        if applied.is_empty() {
            return format!(
                "没有可自动修正的问题。{}",
                if remaining.is_empty() {
                    String::new()
                } else {
                    format!(
                        "还有{}需人工处理（fazhi check {}）",
                        summary(&remaining),
                        a.id
                    )
                }
            );
        }
        let mut out = vec![format!(
            "已修正{}处，报告已保存（版本{}）：",
            applied.len(),
            saved.as_ref().map_or(report.version, |s| s.version)
        )];
        for x in &applied {
            out.push(format!(
                "  {}：「{}」→「{}」（{}）",
                place(&report.document, &x.location.node_id, x.location.start),
                x.before,
                x.after,
                x.rule
            ));
        }
        if remaining.is_empty() {
            out.push("修正后未发现其他问题。".into());
        } else {
            out.push(format!(
                "修正后还有{}需人工处理（fazhi check {}）",
                summary(&remaining),
                a.id
            ));
        }
        out.join("\n")
    });
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::Store;

    const SAMPLE: &str = include_str!("../../../../assets/samples/meihekou-2019-web.txt");
    const CLEAN: &str =
        "为贯彻落实《法治政府建设与责任落实督察工作规定》，现将我市2019年法治政府建设情况报告如下：
一、2019年推进法治政府建设的主要举措和成效
（一）依法全面履行政府职能。录入政务服务事项890项，平均办理时限由20.2个工作日缩短到6.9个工作日。
二、2019年推进法治政府建设存在的不足和原因
究其原因，主要是部分干部法治意识不强。
三、2019年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况
市委书记亲自主持召开专题会议，研究部署法治政府建设工作。
四、2020年推进法治政府建设的主要安排
（一）深入推进法治政府建设。全面落实《法治政府建设实施纲要（2015—2020年）》。";

    /// A library in a fresh temporary folder (removed on drop) holding one
    /// report built from `text`.
    struct Lib {
        ctx: Ctx,
        id: String,
        dir: std::path::PathBuf,
    }

    impl Drop for Lib {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn library(name: &str, text: &str) -> Lib {
        let dir = std::env::temp_dir().join(format!(
            "fazhi-check-{name}-{}-{}",
            std::process::id(),
            fazhi_core::ids::new_id()
        ));
        let db = dir.join("library.sqlite3");
        let mut store = Store::open(&db).unwrap();
        let doc = fazhi_checks::testing::document_from_text(text, "梅河口市人民政府", 2019);
        let id = store.create_from_document(doc).unwrap().id;
        Lib {
            ctx: Ctx { db, json: true },
            id,
            dir,
        }
    }

    fn code(r: CliResult) -> String {
        format!("{:?}", r.map_err(|e| e.message).unwrap())
    }

    #[test]
    fn check_exits_1_on_errors_and_fix_saves_the_corrections() {
        let lib = library("sample", SAMPLE);
        let (ctx, id) = (&lib.ctx, lib.id.clone());
        assert_eq!(
            code(check(ctx, CheckArgs { id: id.clone() })),
            format!("{:?}", ExitCode::from(1))
        );
        fix(
            ctx,
            FixArgs {
                id: id.clone(),
                rule: None,
            },
        )
        .unwrap();
        let store = ctx.store().unwrap();
        let r = store.get_report(&id).unwrap();
        assert_eq!(r.version, 2, "fix saves through save_report");
        let text = r.document.plain_text();
        assert!(!text.contains(',') && text.contains("梅政办明电〔2019〕1号"));
        let left = fazhi_checks::check(&r.document, &RuleConfig::default());
        assert!(left
            .iter()
            .all(|f| !["punct.halfwidth", "docnum.format", "punct.year_span"]
                .contains(&f.rule.as_str())));
        // Nothing safe is left: a second fix changes nothing and saves nothing.
        fix(
            ctx,
            FixArgs {
                id: id.clone(),
                rule: None,
            },
        )
        .unwrap();
        assert_eq!(store.get_report(&id).unwrap().version, 2);
    }

    #[test]
    fn a_report_without_errors_passes() {
        let lib = library("clean", CLEAN);
        let (ctx, id) = (&lib.ctx, lib.id.clone());
        let store = ctx.store().unwrap();
        let doc = store.get_report(&id).unwrap().document;
        let errors: Vec<_> = fazhi_checks::check(&doc, &RuleConfig::default())
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            code(check(ctx, CheckArgs { id })),
            format!("{:?}", ExitCode::SUCCESS)
        );
    }

    #[test]
    fn fix_of_one_rule_and_unknown_rules() {
        let lib = library("rule", SAMPLE);
        let (ctx, id) = (&lib.ctx, lib.id.clone());
        let e = fix(
            ctx,
            FixArgs {
                id: id.clone(),
                rule: Some("no.such".into()),
            },
        )
        .unwrap_err();
        assert_eq!(e.code, "unknown_rule");
        assert!(e.message.contains("no.such"));
        fix(
            ctx,
            FixArgs {
                id: id.clone(),
                rule: Some("docnum.format".into()),
            },
        )
        .unwrap();
        let text = ctx
            .store()
            .unwrap()
            .get_report(&id)
            .unwrap()
            .document
            .plain_text();
        assert!(text.contains("〔2019〕39号"));
        assert!(text.contains(','), "other rules are left alone");
    }

    #[test]
    fn unknown_report_is_a_chinese_error() {
        let lib = library("missing", CLEAN);
        let ctx = &lib.ctx;
        let e = check(ctx, CheckArgs { id: "nope".into() }).unwrap_err();
        assert_eq!(e.exit, 2);
        assert!(!e.message.is_ascii());
    }
}
