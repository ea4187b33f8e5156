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
                "  {}：「{}」{fix}  {}  [{}]",
                place(doc, &f.location.node_id, f.location.start),
                f.text,
                f.message,
                f.id
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
    let doc = &report.document;
    // The library's ignores apply: ignored findings are counted, not listed
    // (fazhi ignored ID lists them).
    let checked = fazhi_checks::proofing::check_with_ignores(&store, &report.id, doc)
        .map_err(super::lexicon::err)?;
    let findings = checked.findings;
    let value = json!({
        "id": report.id,
        "version": report.version,
        "counts": counts(&findings),
        "ignored": checked.ignored.len(),
        "findings": findings.iter().map(|f| finding_json(doc, f)).collect::<Vec<_>>(),
    });
    let ignored = checked.ignored.len();
    ctx.emit(&value, || {
        let mut s = findings_text(doc, &findings);
        if ignored > 0 {
            s.push_str(&format!(
                "\n另有{ignored}处已忽略（fazhi ignored {}）",
                report.id
            ));
        }
        s
    });
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

    fn findings_of(ctx: &Ctx, id: &str) -> fazhi_checks::proofing::Checked {
        let store = ctx.store().unwrap();
        let doc = store.get_report(id).unwrap().document;
        fazhi_checks::proofing::check_with_ignores(&store, id, &doc).unwrap()
    }

    /// Done means: a user entry added through the CSV is found by the next check.
    #[test]
    fn a_user_entry_imported_from_csv_is_found_by_the_next_check() {
        let lib = library("lexicon", CLEAN);
        let (ctx, id) = (&lib.ctx, lib.id.clone());
        let mut store = ctx.store().unwrap();
        let mut doc = store.get_report(&id).unwrap().document;
        doc.parts[0].sections[0].paragraphs[0].text = "推行阳光执法台帐管理。".into();
        store.save_report(&id, doc, None).unwrap();
        drop(store);
        assert!(!findings_of(ctx, &id)
            .findings
            .iter()
            .any(|f| f.text == "阳光执法"));
        let csv = lib.dir.join("mine.csv");
        std::fs::write(
            &csv,
            "错误写法,建议写法,级别,条件,分组,说明\n阳光执法,公开透明执法,错误,always,公文用语,本单位统一说法\n台帐,台账,提示,always,错别字,改为提示\n",
        )
        .unwrap();
        let args = crate::cmd::lexicon::LexiconArgs {
            cmd: crate::cmd::lexicon::LexiconCmd::Import { file: csv.clone() },
        };
        crate::cmd::lexicon::lexicon(ctx, args).unwrap();
        let after = findings_of(ctx, &id).findings;
        let mine = after
            .iter()
            .find(|f| f.text == "阳光执法")
            .expect("the user entry");
        assert_eq!(mine.rule, "lex.style");
        assert_eq!(mine.severity, Severity::Error);
        let taizhang = after
            .iter()
            .find(|f| f.text == "台帐")
            .expect("built-in entry");
        assert_eq!(taizhang.severity, Severity::Info, "the override's level");
        // Exported and listed with the library's entries.
        let xlsx = lib.dir.join("all.xlsx");
        let args = crate::cmd::lexicon::LexiconArgs {
            cmd: crate::cmd::lexicon::LexiconCmd::Export {
                output: xlsx.clone(),
            },
        };
        crate::cmd::lexicon::lexicon(ctx, args).unwrap();
        let back = fazhi_checks::lexicon::file::read(&xlsx).unwrap();
        assert!(back.iter().any(|e| e.wrong == "阳光执法"));
        assert!(back.len() > 200);
        let bad = lib.dir.join("bad.txt");
        std::fs::write(&bad, "x").unwrap();
        let args = crate::cmd::lexicon::LexiconArgs {
            cmd: crate::cmd::lexicon::LexiconCmd::Import { file: bad },
        };
        let e = crate::cmd::lexicon::lexicon(ctx, args).unwrap_err();
        assert!(e.message.contains(".csv"), "{}", e.message);
    }

    /// Done means: an ignored-and-remembered finding stays away after an edit
    /// elsewhere; ignore-once keeps its finding id across such an edit; a
    /// restored ignore brings the finding back.
    #[test]
    fn ignores_survive_edits_elsewhere_and_can_be_restored() {
        let lib = library("ignore", CLEAN);
        let (ctx, id) = (&lib.ctx, lib.id.clone());
        let mut store = ctx.store().unwrap();
        let mut doc = store.get_report(&id).unwrap().document;
        doc.parts[0].sections[0].paragraphs[0].text = "统一布署，及时布署。认真贯切落实。".into();
        store.save_report(&id, doc, None).unwrap();
        drop(store);
        let first = findings_of(ctx, &id).findings;
        let busu: Vec<_> = first.iter().filter(|f| f.text == "布署").collect();
        assert_eq!(busu.len(), 2);
        let guanqie = first.iter().find(|f| f.text == "贯切").unwrap().id.clone();
        crate::cmd::ignore::ignore(
            ctx,
            crate::cmd::ignore::IgnoreArgs {
                id: id.clone(),
                finding_id: busu[0].id.clone(),
                remember: true,
                library: false,
            },
        )
        .unwrap();
        crate::cmd::ignore::ignore(
            ctx,
            crate::cmd::ignore::IgnoreArgs {
                id: id.clone(),
                finding_id: guanqie.clone(),
                remember: false,
                library: false,
            },
        )
        .unwrap();
        // An edit elsewhere: another paragraph changes, one is added before.
        let mut store = ctx.store().unwrap();
        let mut doc = store.get_report(&id).unwrap().document;
        doc.parts[3].sections[0].paragraphs[0].text = "深入推进法治政府建设，再接再励。".into();
        doc.parts[0].sections[0]
            .paragraphs
            .insert(0, fazhi_core::Paragraph::new("新增一段，统一按排。"));
        store.save_report(&id, doc, None).unwrap();
        drop(store);
        let now = findings_of(ctx, &id);
        assert!(!now
            .findings
            .iter()
            .any(|f| f.text == "布署" || f.text == "贯切"));
        assert!(now.findings.iter().any(|f| f.text == "再接再励"));
        assert_eq!(now.ignored.len(), 3, "two 布署 remembered, 贯切 once");
        let listed = ctx.store().unwrap().ignored_findings(&id).unwrap();
        assert_eq!(listed.len(), 2);
        // Restored: the findings are back.
        crate::cmd::ignore::ignored(
            ctx,
            crate::cmd::ignore::IgnoredArgs {
                id: id.clone(),
                restore: Some(listed[0].id),
            },
        )
        .unwrap();
        let back = findings_of(ctx, &id);
        assert_eq!(back.findings.iter().filter(|f| f.text == "布署").count(), 2);
        // An unknown finding id is a Chinese error.
        let e = crate::cmd::ignore::ignore(
            ctx,
            crate::cmd::ignore::IgnoreArgs {
                id: id.clone(),
                finding_id: "000000000000".into(),
                remember: false,
                library: false,
            },
        )
        .unwrap_err();
        assert_eq!(e.code, "no_such_finding");
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
