//! 校对: findings for the document being edited. The checker keeps its
//! per-paragraph cache between calls, so a re-check after typing re-runs the
//! rules only on what changed.

use fazhi_checks::proofing::Checked;
use fazhi_checks::{Finding, RuleConfig, RuleInfo};
use fazhi_core::store::ignored::{IgnoreScope, IgnoredFinding};
use fazhi_core::Document;

use crate::app::lock;
use crate::error::{AppError, CmdResult};
use crate::App;

impl App {
    pub fn check_document(&self, document: Document) -> CmdResult<Vec<Finding>> {
        Ok(lock(&self.checker).check(&document))
    }

    pub fn list_rules(&self) -> CmdResult<Vec<RuleInfo>> {
        Ok(fazhi_checks::rules())
    }

    pub fn get_rule_config(&self) -> CmdResult<RuleConfig> {
        self.with_store(|s| Ok(RuleConfig::load(s)))?
            .map_err(|e| AppError::new("config", e.to_string()))
    }

    pub fn set_rule_config(&self, config: RuleConfig) -> CmdResult<()> {
        self.with_store(|s| Ok(config.save(s)))?
            .map_err(|e| AppError::new("config", e.to_string()))?;
        // The lexicon is not part of the JSON the UI sends: reload it too.
        self.reload_checker()
    }

    /// 校对 of an open report: its findings with the library's ignores
    /// applied, and the ignored ones apart (for 已忽略 and 恢复).
    pub fn check_report(&self, id: String, document: Document) -> CmdResult<Checked> {
        crate::reports::check_id(&id)?;
        let (lexicon, ignores) = {
            let store = self.store_guard();
            let lexicon = fazhi_checks::lexicon::store::load(&store)
                .map_err(|e| AppError::new("config", e.to_string()))?;
            (lexicon, store.ignored_findings(&id)?)
        };
        // A package or another window may have changed the lexicon.
        if lock(&self.checker).config().lexicon != lexicon {
            self.reload_checker()?;
        }
        let all = lock(&self.checker).check(&document);
        let (findings, ignored) = fazhi_checks::ignore::partition(all, &ignores);
        Ok(Checked { findings, ignored })
    }

    /// 忽略 (scope once) or 忽略并记住 (report or library) a finding as shown.
    pub fn ignore_finding(
        &self,
        id: String,
        finding: Finding,
        scope: IgnoreScope,
    ) -> CmdResult<IgnoredFinding> {
        crate::reports::check_id(&id)?;
        if finding.id.len() > 64 || finding.rule.len() > 64 || finding.text.chars().count() > 500 {
            return Err(AppError::new("bad_arguments", "问题数据过长"));
        }
        fazhi_checks::proofing::ignore_seen(&mut self.store_guard(), &id, &finding, scope)
            .map_err(crate::lexicon::proofing_error)
    }

    /// The ignores that apply to a report, for 已忽略.
    pub fn list_ignored(&self, id: String) -> CmdResult<Vec<IgnoredFinding>> {
        crate::reports::check_id(&id)?;
        self.with_store(|s| s.ignored_findings(&id))
    }

    /// 恢复: the ignore is removed; the finding shows again at the next check.
    pub fn restore_ignored(&self, ignored_id: i64) -> CmdResult<()> {
        self.with_store(|s| s.restore_ignored(ignored_id))
    }
}
