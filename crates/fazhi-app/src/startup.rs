//! What happens before the window opens: find and open the library, and on the
//! very first launch give the user a report to look at.

use std::path::PathBuf;

use fazhi_core::backup::{self, HealthStatus, LibraryHealth};
use fazhi_core::Store;
use fazhi_import::ImportOptions;

/// Set once the first launch has offered the sample report.
pub const FIRST_RUN_KEY: &str = "app.first_run_done";

/// The published 2019 report of 梅河口市 as scraped from its website, page chrome
/// and real defects included: what offices start from.
const SAMPLE_NAME: &str = "meihekou-2019-web.txt";
const SAMPLE: &[u8] = include_bytes!("../../../assets/samples/meihekou-2019-web.txt");

/// The library as the app starts with it.
pub struct Opened {
    pub store: Store,
    pub path: PathBuf,
    /// Why the library could not be opened; the app then runs on an empty
    /// in-memory stand-in and the UI shows the recovery screen.
    pub problem: Option<LibraryHealth>,
    pub notices: Vec<String>,
}

/// Opens the library at `path`, or finds out — without modifying the file — why it cannot
/// be opened. Never exits: a damaged library leads to the recovery screen.
/// On the first launch of the day the library is backed up.
pub fn open_or_recover_at(path: PathBuf) -> Opened {
    let health = backup::inspect_library(&path);
    let opened = if health.is_usable() {
        Store::open(&path).map_err(|e| LibraryHealth {
            status: match &e {
                fazhi_core::Error::LibraryTooNew { .. } => HealthStatus::NewerSchema,
                fazhi_core::Error::NotALibrary(_) => HealthStatus::NotOurs,
                _ => HealthStatus::Damaged,
            },
            path: path.display().to_string(),
            message: format!("无法打开资料库：{e}"),
            detail: None,
        })
    } else {
        Err(health)
    };
    match opened {
        Ok(mut store) => {
            let mut notices = Vec::new();
            if let Err(e) = backup::daily_backup_if_due(&mut store) {
                notices.push(format!("今日的自动备份未能完成：{e}"));
            }
            Opened {
                store,
                path,
                problem: None,
                notices,
            }
        }
        Err(problem) => Opened {
            // An empty stand-in so that every command still has a store; the
            // UI shows the recovery screen instead of the list.
            store: Store::open_in_memory().expect("an in-memory SQLite database"),
            path,
            problem: Some(problem),
            notices: Vec::new(),
        },
    }
}

/// On the first launch with an empty library: the sample report, imported.
/// Done once; a user who deletes every report is not given it again.
pub fn seed_first_run(store: &mut Store) -> Result<Vec<String>, fazhi_core::Error> {
    if store.setting(FIRST_RUN_KEY)?.is_some() {
        return Ok(Vec::new());
    }
    let mut notices = Vec::new();
    if store.report_count()? == 0 {
        match fazhi_import::import_bytes(SAMPLE_NAME, SAMPLE, &ImportOptions::default()) {
            Ok(imported) => {
                let report = store.create_from_document(imported.document)?;
                notices.push(format!("已导入示例报告：{}", report.title));
            }
            Err(e) => notices.push(format!("示例报告未能导入：{e}")),
        }
    }
    store.set_setting(FIRST_RUN_KEY, "1")?;
    Ok(notices)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::Role;

    #[test]
    fn a_damaged_library_opens_the_recovery_screen_and_is_not_touched() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let bytes = b"PK\x03\x04 a Word file saved over the library".to_vec();
        std::fs::write(&path, &bytes).unwrap();
        let opened = open_or_recover_at(path.clone());
        let problem = opened.problem.expect("recovery");
        assert_eq!(problem.status, HealthStatus::NotSqlite);
        assert!(
            problem.message.contains("不是资料库"),
            "{}",
            problem.message
        );
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
        assert_eq!(opened.store.report_count().unwrap(), 0);
    }

    #[test]
    fn a_good_library_opens_and_is_backed_up_once_a_day() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("library.sqlite3");
        let mut s = Store::open(&path).unwrap();
        seed_first_run(&mut s).unwrap();
        drop(s);
        let opened = open_or_recover_at(path.clone());
        assert!(opened.problem.is_none());
        assert!(opened.notices.is_empty(), "{:?}", opened.notices);
        drop(opened);
        let backups = backup::list_backups(&path).unwrap();
        assert_eq!(backups.len(), 1);
        assert_eq!(backups[0].reason, backup::Reason::Daily);
        drop(open_or_recover_at(path.clone()));
        assert_eq!(backup::list_backups(&path).unwrap().len(), 1);
    }

    #[test]
    fn first_run_imports_the_sample_once() {
        let mut s = Store::open_in_memory().unwrap();
        let notices = seed_first_run(&mut s).unwrap();
        assert!(notices[0].starts_with("已导入示例报告"), "{notices:?}");
        let list = s.list_reports(None).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].year, 2019);
        assert!(list[0].issuer.contains("梅河口市"));
        let doc = s.get_report(&list[0].id).unwrap().document;
        assert_eq!(doc.parts.len(), 4);
        assert_eq!(doc.part(Role::Measures).unwrap().sections.len(), 8);
        s.delete_report(&list[0].id).unwrap();
        assert!(seed_first_run(&mut s).unwrap().is_empty());
        assert_eq!(s.report_count().unwrap(), 0);
    }
}
