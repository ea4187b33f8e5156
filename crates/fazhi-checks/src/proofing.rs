//! The library-side proofing operations the CLI and the app share: the
//! lexicon in force, its import and export, a report checked with its
//! ignores applied, ignoring and restoring findings.

use std::path::Path;

use fazhi_core::store::ignored::{IgnoreScope, IgnoredFinding, NewIgnore};
use fazhi_core::{Document, Store};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::config::{ConfigError, RuleConfig};
use crate::lexicon::{self, file, LexEntry, LexSource};
use crate::model::Finding;

#[derive(Debug, thiserror::Error)]
pub enum ProofingError {
    #[error(transparent)]
    Store(#[from] fazhi_core::Error),
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    File(#[from] file::FileError),
    #[error("报告中没有编号为“{0}”的问题（问题编号见 fazhi check --json 的 id，或问题已修改）")]
    NoSuchFinding(String),
    #[error("词库中没有“{0}”这一条")]
    NoSuchEntry(String),
}

impl ProofingError {
    pub fn code(&self) -> &'static str {
        match self {
            ProofingError::Store(e) => e.code(),
            ProofingError::Config(_) => "config",
            ProofingError::File(_) => "lexicon_file",
            ProofingError::NoSuchFinding(_) => "no_such_finding",
            ProofingError::NoSuchEntry(_) => "no_such_entry",
        }
    }
}

/// The entries in force in this library (built-in with overrides, then the
/// library's own), each with its source.
pub fn lexicon(store: &Store) -> Result<Vec<LexEntry>, ProofingError> {
    Ok(lexicon::effective(&lexicon::store::load(store)?))
}

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LexiconImport {
    /// Rows read from the file.
    #[ts(type = "number")]
    pub rows: usize,
    /// New entries (keys not in force before).
    #[ts(type = "number")]
    pub added: usize,
    /// Entries whose key was in force and whose fields changed.
    #[ts(type = "number")]
    pub changed: usize,
    /// Rows equal to the entry in force.
    #[ts(type = "number")]
    pub unchanged: usize,
}

/// Merges entries into the library (same key replaces; a row equal to the
/// built-in entry drops the override). Takes effect at the next check.
pub fn import_entries(
    store: &mut Store,
    entries: &[LexEntry],
) -> Result<LexiconImport, ProofingError> {
    let before = lexicon(store)?;
    let same = |a: &LexEntry, b: &LexEntry| {
        a.suggestion == b.suggestion
            && a.level == b.level
            && a.group == b.group
            && a.explanation == b.explanation
            && a.enabled == b.enabled
            && a.example == b.example
            && a.counter == b.counter
    };
    let mut out = LexiconImport {
        rows: entries.len(),
        added: 0,
        changed: 0,
        unchanged: 0,
    };
    let mut changed_rows = Vec::new();
    for e in entries {
        match before.iter().find(|b| b.key() == e.key()) {
            None => {
                out.added += 1;
                changed_rows.push(e.clone());
            }
            Some(b) if same(b, e) => out.unchanged += 1,
            Some(_) => {
                out.changed += 1;
                changed_rows.push(e.clone());
            }
        }
    }
    let library = lexicon::store::load(store)?;
    let merged = lexicon::merge(&library, &changed_rows);
    lexicon::store::save(store, &merged)?;
    Ok(out)
}

/// Reads a CSV or XLSX file and merges it.
pub fn import_file(store: &mut Store, path: &Path) -> Result<LexiconImport, ProofingError> {
    let entries = file::read(path)?;
    import_entries(store, &entries)
}

/// Writes the entries in force to a CSV or XLSX file; returns how many.
pub fn export_file(store: &Store, path: &Path) -> Result<usize, ProofingError> {
    let all = lexicon(store)?;
    file::write(path, &all)?;
    Ok(all.len())
}

/// Adds or changes one entry (`replaces`: the key it had before an edit that
/// changed its wrong form or condition).
pub fn save_entry(
    store: &mut Store,
    entry: &LexEntry,
    replaces: Option<&str>,
) -> Result<(), ProofingError> {
    entry
        .validate(1)
        .map_err(|e| ConfigError::Lexicon(e.to_string()))?;
    let mut library = lexicon::store::load(store)?;
    if let Some(old) = replaces.filter(|k| *k != entry.key()) {
        let builtin = lexicon::builtin().iter().any(|b| b.key() == old);
        library.retain(|e| e.key() != old);
        if builtin {
            // A built-in entry cannot be deleted; editing its key switches
            // the built-in one off and adds the new one.
            if let Some(b) = lexicon::builtin().iter().find(|b| b.key() == old) {
                library.push(LexEntry {
                    enabled: false,
                    source: LexSource::Override,
                    ..b.clone()
                });
            }
        }
    }
    let merged = lexicon::merge(&library, std::slice::from_ref(entry));
    lexicon::store::save(store, &merged)?;
    Ok(())
}

/// Deletes a library entry, or resets a built-in one to its shipped form.
pub fn remove_entry(store: &mut Store, key: &str) -> Result<(), ProofingError> {
    let mut library = lexicon::store::load(store)?;
    let n = library.len();
    library.retain(|e| e.key() != key);
    if library.len() == n {
        return Err(ProofingError::NoSuchEntry(key.to_string()));
    }
    lexicon::store::save(store, &library)?;
    Ok(())
}

/// A report's findings with the library's ignores applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Checked {
    pub findings: Vec<Finding>,
    /// Findings set aside by an ignore (listed so that they can be restored).
    pub ignored: Vec<Finding>,
}

/// Checks a document as it is in the library's report `report_id` (or as
/// given, for the editor's unsaved text), with the library's configuration
/// and ignores.
pub fn check_with_ignores(
    store: &Store,
    report_id: &str,
    doc: &Document,
) -> Result<Checked, ProofingError> {
    let cfg = RuleConfig::load(store)?;
    let all = crate::check(doc, &cfg);
    let ignores = store.ignored_findings(report_id)?;
    let (findings, ignored) = crate::ignore::partition(all, &ignores);
    Ok(Checked { findings, ignored })
}

/// The report's errors as every caller counts them: the 错误 findings `fazhi check`
/// lists, with the library's ignores applied (an ignored error is not counted
/// anywhere — ignoring a false alarm is how a user clears it for 定稿), each with its
/// message for the 导出 warning.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ReportErrors {
    /// How many: the number `fazhi export`, the 定稿 gates and the app's 导出 give.
    #[ts(type = "number")]
    pub count: usize,
    /// The errors themselves, in the check's order.
    pub findings: Vec<Finding>,
}

/// What the count reads from the library: its rule configuration and the report's
/// ignores (read once, so that a thread beside an export's render can count).
pub fn error_inputs(
    store: &Store,
    report_id: &str,
) -> Result<(RuleConfig, Vec<IgnoredFinding>), ProofingError> {
    Ok((RuleConfig::load(store)?, store.ignored_findings(report_id)?))
}

/// The errors of the report (see [`ReportErrors`]): those of [`check_with_ignores`],
/// found by [`crate::check_errors`] (the rules that cannot give an error under the
/// library's settings are not run).
pub fn report_errors(
    store: &Store,
    report_id: &str,
    doc: &Document,
) -> Result<ReportErrors, ProofingError> {
    let (cfg, ignores) = error_inputs(store, report_id)?;
    let findings = errors_with_ignores(doc, &cfg, &ignores);
    Ok(ReportErrors {
        count: findings.len(),
        findings,
    })
}

/// How many errors (findings of severity 错误) `fazhi check` lists for the report:
/// the one count — `fazhi export`, `fazhi status --to final`, the app's 导出 and 定稿
/// all tell this number.
pub fn error_count(store: &Store, report_id: &str, doc: &Document) -> Result<usize, ProofingError> {
    let (cfg, ignores) = error_inputs(store, report_id)?;
    Ok(count_errors(doc, &cfg, &ignores))
}

/// [`error_count`] of the report as stored (the 定稿 gates count the text that is
/// finalized, whatever a caller says).
pub fn stored_error_count(store: &Store, report_id: &str) -> Result<u32, ProofingError> {
    let doc = store.get_report(report_id)?.document;
    let n = error_count(store, report_id, &doc)?;
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// [`error_count`] with the configuration and the report's ignores read already
/// ([`error_inputs`]; a thread beside an export's render cannot share the library's
/// connection).
pub fn count_errors(doc: &Document, cfg: &RuleConfig, ignores: &[IgnoredFinding]) -> usize {
    errors_with_ignores(doc, cfg, ignores).len()
}

fn errors_with_ignores(
    doc: &Document,
    cfg: &RuleConfig,
    ignores: &[IgnoredFinding],
) -> Vec<Finding> {
    crate::check_errors(doc, cfg)
        .into_iter()
        .filter(|f| !ignores.iter().any(|i| crate::ignore::covers(i, f)))
        .collect()
}

/// Ignores the finding `finding_id` of the report as it stands in the library:
/// once, or remembered for the report or the library.
pub fn ignore(
    store: &mut Store,
    report_id: &str,
    finding_id: &str,
    scope: IgnoreScope,
) -> Result<IgnoredFinding, ProofingError> {
    let doc = store.get_report(report_id)?.document;
    let cfg = RuleConfig::load(store)?;
    let f = crate::check(&doc, &cfg)
        .into_iter()
        .find(|f| f.id == finding_id)
        .ok_or_else(|| ProofingError::NoSuchFinding(finding_id.to_string()))?;
    ignore_seen(store, report_id, &f, scope)
}

/// Ignores a finding as the editor shows it (its text may be unsaved): the
/// finding's own id, rule and text are recorded.
pub fn ignore_seen(
    store: &mut Store,
    report_id: &str,
    f: &Finding,
    scope: IgnoreScope,
) -> Result<IgnoredFinding, ProofingError> {
    let id = store.ignore_finding(&NewIgnore {
        report_id,
        scope,
        finding_id: &f.id,
        rule: &f.rule,
        text: &f.text,
        message: &f.message,
        node_id: Some(&f.location.node_id),
    })?;
    store
        .ignored_findings(report_id)?
        .into_iter()
        .find(|i| i.id == id)
        .ok_or(ProofingError::Store(fazhi_core::Error::IgnoredNotFound(id)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Severity;
    use fazhi_core::store::NewReport;

    fn shown_errors(store: &Store, id: &str, doc: &Document) -> usize {
        check_with_ignores(store, id, doc)
            .expect("check")
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count()
    }

    /// The count is the check's number of errors, ignores applied: an error ignored
    /// once (by its id) or remembered (by rule and text) is not counted.
    #[test]
    fn error_count_is_the_checks_count_of_errors_with_ignores() {
        let mut store = Store::open_in_memory().expect("store");
        let id = store
            .create_report(&NewReport {
                issuer: "某县人民政府".into(),
                year: 2019,
                template_id: None,
                include_optional: false,
            })
            .expect("report")
            .report
            .id;
        let mut doc = store.get_report(&id).expect("report").document;
        doc.preface = vec![
            fazhi_core::Paragraph::new("我县认真部署,加强领导;全面推进依法行政。"),
            fazhi_core::Paragraph::new("全年开展执法检查,共计20次。"),
        ];
        store.save_report(&id, doc, None).expect("save");
        let doc = store.get_report(&id).expect("report").document;
        let errors = shown_errors(&store, &id, &doc);
        assert!(errors >= 3, "the half-width marks are errors: {errors}");
        assert_eq!(error_count(&store, &id, &doc).expect("count"), errors);

        let all = crate::check(&doc, &RuleConfig::load(&store).expect("config"));
        let first = all
            .iter()
            .find(|f| f.severity == Severity::Error)
            .expect("an error");
        ignore(&mut store, &id, &first.id, IgnoreScope::Once).expect("ignore once");
        assert_eq!(shown_errors(&store, &id, &doc), errors - 1);
        assert_eq!(error_count(&store, &id, &doc).expect("count"), errors - 1);

        let comma = all
            .iter()
            .filter(|f| f.severity == Severity::Error && f.text == ",")
            .nth(1)
            .expect("a second half-width comma");
        ignore(&mut store, &id, &comma.id, IgnoreScope::Report).expect("remember");
        let left = shown_errors(&store, &id, &doc);
        assert!(left < errors - 1, "every comma of the report is ignored");
        assert_eq!(error_count(&store, &id, &doc).expect("count"), left);
    }

    /// The 定稿 gates' count is the same: an ignored error does not hold 定稿 back,
    /// and the errors listed for 导出 are the ones counted.
    #[test]
    fn the_stored_count_and_the_listed_errors_leave_ignored_errors_out() {
        let mut store = Store::open_in_memory().expect("store");
        let id = store
            .create_report(&NewReport {
                issuer: "某县人民政府".into(),
                year: 2019,
                template_id: None,
                include_optional: false,
            })
            .expect("report")
            .report
            .id;
        let mut doc = store.get_report(&id).expect("report").document;
        doc.preface = vec![fazhi_core::Paragraph::new("我县认真部署,加强领导。")];
        store.save_report(&id, doc, None).expect("save");
        let doc = store.get_report(&id).expect("report").document;
        let before = stored_error_count(&store, &id).expect("count");
        assert_eq!(before as usize, shown_errors(&store, &id, &doc));
        let listed = report_errors(&store, &id, &doc).expect("errors");
        assert_eq!(listed.count, before as usize);
        assert_eq!(listed.findings.len(), listed.count);
        let comma = listed
            .findings
            .iter()
            .find(|f| f.text == ",")
            .expect("the half-width comma is an error");
        ignore(&mut store, &id, &comma.id, IgnoreScope::Once).expect("ignore");
        assert_eq!(stored_error_count(&store, &id).expect("count"), before - 1);
        let listed = report_errors(&store, &id, &doc).expect("errors");
        assert_eq!(listed.count as u32, before - 1);
        assert!(listed.findings.iter().all(|f| f.id != comma.id));
    }
}
