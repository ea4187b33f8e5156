//! 备份与恢复: the commands behind the 从备份恢复 dialog and the recovery screen
//! shown when the library cannot be opened at start.
//!
//! The webview names a backup only by the id `list_backups` gave it, never by a
//! path. Restoring while the app runs closes the store (it is swapped for an
//! empty in-memory one), restores, and reopens.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use fazhi_core::backup::{self, BackupInfo, HealthStatus, LibraryHealth, Reason, Restored};
use fazhi_core::Store;
use tauri::State;

use crate::commands::AppState;
use crate::error::{AppError, CmdResult};

/// Where the library is and, when it could not be opened at start, why.
pub struct RecoveryState {
    pub path: PathBuf,
    /// `Some` while the app runs on a stand-in store because the library is
    /// unusable; cleared once a backup is restored or a new library made.
    pub problem: Mutex<Option<LibraryHealth>>,
}

impl RecoveryState {
    pub fn new(path: PathBuf, problem: Option<LibraryHealth>) -> Self {
        RecoveryState {
            path,
            problem: Mutex::new(problem),
        }
    }

    pub fn active(&self) -> bool {
        self.problem
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .is_some()
    }
}

/// Longest id `create_backup` makes is well under this.
const MAX_ID_LEN: usize = 255;

/// A backup id as `list_backups` gives it: a plain file name, nothing else.
pub fn check_backup_id(id: &str) -> CmdResult<()> {
    let ok = !id.is_empty()
        && id.len() <= MAX_ID_LEN
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
    if ok {
        Ok(())
    } else {
        Err(AppError::new("bad_backup_id", "备份编号无效"))
    }
}

#[tauri::command]
pub fn library_health(recovery: State<'_, RecoveryState>) -> LibraryHealth {
    match recovery
        .problem
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .clone()
    {
        Some(problem) => problem,
        None => LibraryHealth {
            status: HealthStatus::Ok,
            path: recovery.path.display().to_string(),
            message: "资料库完好".into(),
            detail: None,
        },
    }
}

#[tauri::command(async)]
pub fn list_backups(recovery: State<'_, RecoveryState>) -> CmdResult<Vec<BackupInfo>> {
    Ok(backup::list_backups(&recovery.path)?)
}

#[tauri::command(async)]
pub fn create_backup(
    state: State<'_, AppState>,
    recovery: State<'_, RecoveryState>,
) -> CmdResult<BackupInfo> {
    if recovery.active() {
        return Err(AppError::new(
            "recovery",
            "资料库无法打开，不能备份；请先从备份恢复或新建资料库",
        ));
    }
    state.with_store(|s| backup::create_backup(s, Reason::Manual))
}

/// Replaces the library with a backup; the current file is kept aside.
#[tauri::command(async)]
pub fn restore_backup(
    state: State<'_, AppState>,
    recovery: State<'_, RecoveryState>,
    id: String,
) -> CmdResult<Restored> {
    check_backup_id(&id)?;
    swap_library(&state, &recovery, |p| backup::restore_backup(p, &id))
}

/// 新建资料库 on the recovery screen: the unusable file is moved aside (never
/// deleted) and an empty library is created in its place. Returns where the old
/// file went.
#[tauri::command(async)]
pub fn new_library(
    state: State<'_, AppState>,
    recovery: State<'_, RecoveryState>,
) -> CmdResult<Option<String>> {
    if !recovery.active() {
        return Err(AppError::new(
            "not_needed",
            "资料库完好，无需新建；如需重新开始，请先备份",
        ));
    }
    let aside = swap_library(&state, &recovery, |p| backup::set_aside(p, "damaged"))?;
    Ok(aside.map(|p| p.display().to_string()))
}

/// Closes the store, runs `f` on the library path, and reopens the library.
/// If it then cannot be opened the app stays on the recovery screen.
fn swap_library<T>(
    state: &AppState,
    recovery: &RecoveryState,
    f: impl FnOnce(&Path) -> fazhi_core::Result<T>,
) -> CmdResult<T> {
    let mut guard = state.store.lock().unwrap_or_else(|p| p.into_inner());
    let stand_in = Store::open_in_memory()?;
    // Dropping the old store closes its connection (and checkpoints its WAL).
    drop(std::mem::replace(&mut *guard, stand_in));
    let outcome = f(&recovery.path);
    let mut problem = recovery.problem.lock().unwrap_or_else(|p| p.into_inner());
    let health = backup::inspect_library(&recovery.path);
    let reopened = if health.is_usable() {
        Store::open(&recovery.path).map_err(|e| LibraryHealth {
            status: HealthStatus::Damaged,
            path: recovery.path.display().to_string(),
            message: e.to_string(),
            detail: None,
        })
    } else {
        Err(health)
    };
    match reopened {
        Ok(store) => {
            *guard = store;
            *problem = None;
        }
        Err(h) => *problem = Some(h),
    }
    Ok(outcome?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backup_ids_are_plain_file_names() {
        check_backup_id("library-20261127T215500123Z-daily.sqlite3").unwrap();
        for bad in [
            "",
            "../library.sqlite3",
            "/etc/passwd",
            "a/b.sqlite3",
            "a\\b",
            ".hidden",
            "备份.sqlite3",
            &"x".repeat(300),
        ] {
            let e = check_backup_id(bad).unwrap_err();
            assert_eq!(e.code, "bad_backup_id", "{bad}");
        }
    }

    fn state_on(path: &Path) -> (AppState, RecoveryState) {
        let store = Store::open(path).unwrap();
        (
            AppState {
                store: Mutex::new(store),
                db_path: path.display().to_string(),
                notices: vec![],
            },
            RecoveryState::new(path.to_path_buf(), None),
        )
    }

    #[test]
    fn restore_while_running_reopens_the_restored_library() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let (app, rec) = state_on(&path);
        let id = app
            .with_store(|s| {
                s.create_report(&fazhi_core::store::NewReport {
                    issuer: "梅河口市人民政府".into(),
                    year: 2019,
                    template_id: None,
                    include_optional: false,
                })
            })
            .unwrap()
            .report
            .id;
        let b = app
            .with_store(|s| backup::create_backup(s, Reason::Manual))
            .unwrap();
        app.with_store(|s| s.delete_report(&id)).unwrap();
        let restored = swap_library(&app, &rec, |p| backup::restore_backup(p, &b.id)).unwrap();
        assert!(restored.set_aside.is_some());
        // The running app now sees the restored library.
        let list = app.with_store(|s| s.list_reports(None)).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].id, id);
        assert!(!rec.active());
    }

    #[test]
    fn new_library_sets_a_damaged_file_aside_and_opens_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        std::fs::write(&path, b"this is not a database, but it is the user's file").unwrap();
        let health = backup::inspect_library(&path);
        assert_eq!(health.status, HealthStatus::NotSqlite);
        let app = AppState {
            store: Mutex::new(Store::open_in_memory().unwrap()),
            db_path: path.display().to_string(),
            notices: vec![],
        };
        let rec = RecoveryState::new(path.clone(), Some(health));
        assert!(rec.active());
        let aside = swap_library(&app, &rec, |p| backup::set_aside(p, "damaged"))
            .unwrap()
            .unwrap();
        assert_eq!(
            std::fs::read(&aside).unwrap(),
            b"this is not a database, but it is the user's file"
        );
        assert!(!rec.active());
        assert_eq!(app.with_store(|s| s.report_count()).unwrap(), 0);
        assert_eq!(backup::inspect_library(&path).status, HealthStatus::Ok);
    }
}
