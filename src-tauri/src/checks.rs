//! 校对: findings for the document being edited. The checker keeps its
//! per-paragraph cache between calls, so a re-check after typing re-runs the
//! rules only on what changed.

use std::sync::Mutex;

use fazhi_checks::{Checker, Finding, RuleConfig, RuleInfo};
use fazhi_core::Document;
use tauri::State;

use crate::commands::AppState;
use crate::error::{AppError, CmdResult};

pub struct CheckState {
    checker: Mutex<Checker>,
}

impl CheckState {
    pub fn new(cfg: RuleConfig) -> Self {
        CheckState {
            checker: Mutex::new(Checker::new(cfg)),
        }
    }
}

#[tauri::command(async)]
pub fn check_document(checks: State<'_, CheckState>, document: Document) -> Vec<Finding> {
    checks
        .checker
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .check(&document)
}

#[tauri::command]
pub fn list_rules() -> Vec<RuleInfo> {
    fazhi_checks::rules()
}

#[tauri::command(async)]
pub fn get_rule_config(state: State<'_, AppState>) -> CmdResult<RuleConfig> {
    state
        .with_store(|s| Ok(RuleConfig::load(s)))?
        .map_err(|e| AppError::new("config", e.to_string()))
}

#[tauri::command(async)]
pub fn set_rule_config(
    state: State<'_, AppState>,
    checks: State<'_, CheckState>,
    config: RuleConfig,
) -> CmdResult<()> {
    state
        .with_store(|s| Ok(config.save(s)))?
        .map_err(|e| AppError::new("config", e.to_string()))?;
    *checks.checker.lock().unwrap_or_else(|p| p.into_inner()) = Checker::new(config);
    Ok(())
}
