//! 校对: findings for the document being edited. The checker keeps its
//! per-paragraph cache between calls, so a re-check after typing re-runs the
//! rules only on what changed.

use fazhi_checks::{Checker, Finding, RuleConfig, RuleInfo};
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
        *lock(&self.checker) = Checker::new(config);
        Ok(())
    }
}
