//! The IPC commands: each checks its arguments and makes one call into the core.

use std::sync::Mutex;

use fazhi_core::store::{Created, NewReport, ReportSummary, ReportView, RevisionInfo, Saved};
use fazhi_core::template::{self, TemplateInfo};
use fazhi_core::{ids, Document, Store};
use serde::{Deserialize, Serialize};
use tauri::State;
use ts_rs::TS;

use crate::error::{AppError, CmdResult};

pub struct AppState {
    pub store: Mutex<Store>,
    pub db_path: String,
    pub notices: Vec<String>,
}

impl AppState {
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> fazhi_core::Result<T>,
    ) -> CmdResult<T> {
        // A panic while holding the lock poisons it; the store itself is still
        // consistent (every write is a transaction), so carry on with it.
        let mut guard = self.store.lock().unwrap_or_else(|p| p.into_inner());
        f(&mut guard).map_err(AppError::from)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct AppInfo {
    pub version: String,
    pub db_path: String,
    pub notices: Vec<String>,
}

pub fn check_id(id: &str) -> CmdResult<()> {
    if ids::is_valid_id(id) {
        Ok(())
    } else {
        Err(AppError::new("bad_id", "报告编号无效"))
    }
}

const MAX_QUERY_CHARS: usize = 200;
const MAX_MESSAGE_CHARS: usize = 500;

#[tauri::command]
pub fn app_info(state: State<'_, AppState>) -> AppInfo {
    AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        db_path: state.db_path.clone(),
        notices: state.notices.clone(),
    }
}

#[tauri::command]
pub fn list_templates() -> Vec<TemplateInfo> {
    template::list()
}

#[tauri::command(async)]
pub fn list_reports(
    state: State<'_, AppState>,
    query: Option<String>,
) -> CmdResult<Vec<ReportSummary>> {
    if query
        .as_ref()
        .is_some_and(|q| q.chars().count() > MAX_QUERY_CHARS)
    {
        return Err(AppError::new("bad_query", "搜索内容过长"));
    }
    state.with_store(|s| s.list_reports(query.as_deref()))
}

#[tauri::command(async)]
pub fn create_report(state: State<'_, AppState>, input: NewReport) -> CmdResult<Created> {
    state.with_store(|s| s.create_report(&input))
}

#[tauri::command(async)]
pub fn get_report(state: State<'_, AppState>, id: String) -> CmdResult<ReportView> {
    check_id(&id)?;
    state.with_store(|s| s.get_report(&id))
}

#[tauri::command(async)]
pub fn save_report(
    state: State<'_, AppState>,
    id: String,
    expected_version: Option<i64>,
    document: Document,
) -> CmdResult<Saved> {
    check_id(&id)?;
    state.with_store(|s| s.save_report(&id, document, expected_version))
}

#[tauri::command(async)]
pub fn delete_report(state: State<'_, AppState>, id: String) -> CmdResult<()> {
    check_id(&id)?;
    state.with_store(|s| s.delete_report(&id))
}

#[tauri::command(async)]
pub fn save_version(
    state: State<'_, AppState>,
    id: String,
    message: Option<String>,
) -> CmdResult<RevisionInfo> {
    check_id(&id)?;
    if message
        .as_ref()
        .is_some_and(|m| m.chars().count() > MAX_MESSAGE_CHARS)
    {
        return Err(AppError::new("bad_message", "版本说明过长（上限500字）"));
    }
    state.with_store(|s| {
        let author = s.setting("identity.name")?;
        s.save_version(&id, message.as_deref(), author.as_deref())
    })
}

#[tauri::command(async)]
pub fn list_revisions(state: State<'_, AppState>, id: String) -> CmdResult<Vec<RevisionInfo>> {
    check_id(&id)?;
    state.with_store(|s| s.list_revisions(&id))
}

#[tauri::command(async)]
pub fn get_revision(state: State<'_, AppState>, id: String, revision: i64) -> CmdResult<Document> {
    check_id(&id)?;
    state.with_store(|s| s.get_revision(&id, revision))
}

#[tauri::command(async)]
pub fn restore_revision(
    state: State<'_, AppState>,
    id: String,
    revision: i64,
) -> CmdResult<RevisionInfo> {
    check_id(&id)?;
    state.with_store(|s| {
        let author = s.setting("identity.name")?;
        s.restore_revision(&id, revision, author.as_deref())
    })
}

/// Compares two versions of a report: `from`/`to` are revision numbers, or null
/// for the working copy (what the editor last saved).
#[tauri::command(async)]
pub fn compare_revisions(
    state: State<'_, AppState>,
    id: String,
    from: Option<i64>,
    to: Option<i64>,
) -> CmdResult<fazhi_core::diff::Comparison> {
    check_id(&id)?;
    state.with_store(|s| {
        let load = |s: &Store, rev: Option<i64>| match rev {
            Some(n) => s.get_revision(&id, n),
            None => s.get_report(&id).map(|v| v.document),
        };
        let a = load(s, from)?;
        let b = load(s, to)?;
        Ok(fazhi_core::diff::compare(&a, &b))
    })
}
