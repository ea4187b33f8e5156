//! 备份与恢复: the commands behind the 从备份恢复 dialog and the recovery screen
//! shown when the library cannot be opened at start.
//!
//! The webview names a backup only by the id `list_backups` gave it, never by a
//! path. Restoring while the app runs closes the store (it is swapped for an
//! empty in-memory one), restores, and reopens.

use std::path::Path;

use fazhi_core::backup::{self, BackupInfo, HealthStatus, LibraryHealth, Reason, Restored};
use fazhi_core::Store;

use crate::app::lock;
use crate::error::{AppError, CmdResult};
use crate::App;

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

impl App {
    pub fn library_health(&self) -> CmdResult<LibraryHealth> {
        Ok(match lock(&self.problem).clone() {
            Some(problem) => problem,
            None => LibraryHealth {
                status: HealthStatus::Ok,
                path: self.library.display().to_string(),
                message: "资料库完好".into(),
                detail: None,
            },
        })
    }

    pub fn list_backups(&self) -> CmdResult<Vec<BackupInfo>> {
        Ok(backup::list_backups(&self.library)?)
    }

    pub fn create_backup(&self) -> CmdResult<BackupInfo> {
        if self.in_recovery() {
            return Err(AppError::new(
                "recovery",
                "资料库无法打开，不能备份；请先从备份恢复或新建资料库",
            ));
        }
        self.with_store(|s| backup::create_backup(s, Reason::Manual))
    }

    /// Replaces the library with a backup; the current file is kept aside.
    pub fn restore_backup(&self, id: String) -> CmdResult<Restored> {
        check_backup_id(&id)?;
        self.swap_library(|p| backup::restore_backup(p, &id))
    }

    /// 新建资料库 on the recovery screen: the unusable file is moved aside (never
    /// deleted) and an empty library is created in its place. Returns where the
    /// old file went.
    pub fn new_library(&self) -> CmdResult<Option<String>> {
        if !self.in_recovery() {
            return Err(AppError::new(
                "not_needed",
                "资料库完好，无需新建；如需重新开始，请先备份",
            ));
        }
        let aside = self.swap_library(|p| backup::set_aside(p, "damaged"))?;
        Ok(aside.map(|p| p.display().to_string()))
    }

    /// Closes the store, runs `f` on the library path, and reopens the library.
    /// If it then cannot be opened the app stays on the recovery screen.
    fn swap_library<T>(&self, f: impl FnOnce(&Path) -> fazhi_core::Result<T>) -> CmdResult<T> {
        let mut guard = self.store_guard();
        let stand_in = Store::open_in_memory()?;
        // Dropping the old store closes its connection (and checkpoints its WAL).
        drop(std::mem::replace(&mut *guard, stand_in));
        let outcome = f(&self.library);
        let mut problem = lock(&self.problem);
        let health = backup::inspect_library(&self.library);
        let reopened = if health.is_usable() {
            Store::open(&self.library).map_err(|e| LibraryHealth {
                status: HealthStatus::Damaged,
                path: self.library.display().to_string(),
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::host::NoWindow;

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

    #[test]
    fn restore_while_running_reopens_the_restored_library() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::start(dir.path().join("library.sqlite3"), Box::new(NoWindow));
        // The first start imported the sample.
        let id = app.list_reports(None).unwrap()[0].id.clone();
        let b = app.create_backup().unwrap();
        app.delete_report(id.clone()).unwrap();
        assert!(app.list_reports(None).unwrap().is_empty());
        let restored = app.restore_backup(b.id).unwrap();
        assert!(restored.set_aside.is_some());
        // The running app now sees the restored library.
        let list = app.list_reports(None).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].id, id);
        assert!(!app.in_recovery());
    }

    #[test]
    fn new_library_sets_a_damaged_file_aside_and_opens_an_empty_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        std::fs::write(&path, b"this is not a database, but it is the user's file").unwrap();
        let app = App::start(path.clone(), Box::new(NoWindow));
        assert!(app.in_recovery());
        assert_eq!(
            app.library_health().unwrap().status,
            HealthStatus::NotSqlite
        );
        assert_eq!(app.create_backup().unwrap_err().code, "recovery");
        let aside = app.new_library().unwrap().unwrap();
        assert_eq!(
            std::fs::read(&aside).unwrap(),
            b"this is not a database, but it is the user's file"
        );
        assert!(!app.in_recovery());
        assert!(app.list_reports(None).unwrap().is_empty());
        assert_eq!(backup::inspect_library(&path).status, HealthStatus::Ok);
    }
}
