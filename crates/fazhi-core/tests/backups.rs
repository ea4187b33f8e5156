//! Backups (online backup API, keep-N, restore with the current file set aside)
//! and the read-only health check of a library file.

use std::fs;
use std::path::{Path, PathBuf};

use fazhi_core::backup::{self, HealthStatus, Reason};
use fazhi_core::store::{NewReport, SCHEMA_VERSION};
use fazhi_core::{Error, Store};
use rusqlite::Connection;

fn lib(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("library.sqlite3")
}

fn new_report(store: &mut Store, year: i32) -> String {
    store
        .create_report(&NewReport {
            issuer: "梅河口市人民政府".into(),
            year,
            template_id: None,
            include_optional: false,
        })
        .unwrap()
        .report
        .id
}

fn report_count_of(path: &Path) -> i64 {
    let c = Connection::open(path).unwrap();
    c.query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn backup_is_listed_with_reason_time_size_and_report_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut store = Store::open(&path).unwrap();
    new_report(&mut store, 2019);
    new_report(&mut store, 2020);
    let info = backup::create_backup(&store, Reason::Manual).unwrap();
    assert_eq!(info.reports, Some(2));
    assert_eq!(info.reason, Reason::Manual);
    assert_eq!(info.reason_label, "手动备份");
    assert!(info.id.starts_with("library-") && info.id.ends_with("-manual.sqlite3"));
    assert!(info.created_at.ends_with('Z') && info.created_at.len() == 24);
    let file = dir.path().join("backups").join(&info.id);
    assert!(file.is_file());
    assert_eq!(info.size, fs::metadata(&file).unwrap().len());
    // A self-contained copy: no -wal beside it, and it opens as a library.
    assert!(!dir
        .path()
        .join("backups")
        .join(format!("{}-wal", info.id))
        .exists());
    assert_eq!(report_count_of(&file), 2);
    let list = backup::list_backups(&path).unwrap();
    assert_eq!(list, vec![info]);
    // Nothing else in the folder is taken for a backup.
    fs::write(dir.path().join("backups/notes.txt"), "x").unwrap();
    fs::write(
        dir.path().join("backups/library-garbage-daily.sqlite3"),
        "x",
    )
    .unwrap();
    assert_eq!(backup::list_backups(&path).unwrap().len(), 1);
}

#[test]
fn keeps_the_newest_n_and_never_the_one_just_made() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut store = Store::open(&path).unwrap();
    new_report(&mut store, 2019);
    store.set_setting(backup::KEEP_SETTING, "3").unwrap();
    let mut made = Vec::new();
    for _ in 0..5 {
        made.push(backup::create_backup(&store, Reason::Daily).unwrap().id);
    }
    let list: Vec<String> = backup::list_backups(&path)
        .unwrap()
        .into_iter()
        .map(|b| b.id)
        .collect();
    assert_eq!(
        list,
        vec![made[4].clone(), made[3].clone(), made[2].clone()]
    );
    // keep = 0 or garbage falls back to a sane value, and the newest survives.
    store.set_setting(backup::KEEP_SETTING, "0").unwrap();
    let last = backup::create_backup(&store, Reason::Final).unwrap();
    assert_eq!(backup::list_backups(&path).unwrap()[0].id, last.id);
}

#[test]
fn restore_sets_the_current_file_aside_and_brings_the_backup_back() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut store = Store::open(&path).unwrap();
    let id = new_report(&mut store, 2019);
    let b = backup::create_backup(&store, Reason::Manual).unwrap();
    new_report(&mut store, 2020);
    store.delete_report(&id).unwrap();
    drop(store);

    let restored = backup::restore_backup(&path, &b.id).unwrap();
    let aside = PathBuf::from(restored.set_aside.clone().unwrap());
    assert!(aside
        .file_name()
        .unwrap()
        .to_string_lossy()
        .starts_with("library.sqlite3.before-restore-"));
    // The replaced library, with the work done after the backup, is intact.
    let old = Store::open(&aside).unwrap();
    let years: Vec<i32> = old
        .list_reports(None)
        .unwrap()
        .iter()
        .map(|r| r.year)
        .collect();
    assert_eq!(years, vec![2020]);
    drop(old);
    let store = Store::open(&path).unwrap();
    let list = store.list_reports(None).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].id, id);
    assert_eq!(
        backup::inspect_library(&path).status,
        HealthStatus::Ok,
        "restored library is healthy"
    );
}

#[test]
fn restore_takes_only_an_id_from_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut store = Store::open(&path).unwrap();
    new_report(&mut store, 2019);
    drop(store);
    let before = fs::read(&path).unwrap();
    fs::write(dir.path().join("other.sqlite3"), b"x").unwrap();
    for bad in [
        "../other.sqlite3",
        "/etc/passwd",
        "library-20260101T000000000Z-manual.sqlite3",
        "",
    ] {
        let e = backup::restore_backup(&path, bad).unwrap_err();
        assert!(matches!(e, Error::BackupNotFound(_)), "{bad}: {e:?}");
        assert!(e.to_string().starts_with("找不到备份"));
    }
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_damaged_backup_is_refused_and_the_library_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut store = Store::open(&path).unwrap();
    new_report(&mut store, 2019);
    let b = backup::create_backup(&store, Reason::Manual).unwrap();
    drop(store);
    fs::write(
        dir.path().join("backups").join(&b.id),
        b"not a database at all",
    )
    .unwrap();
    let before = fs::read(&path).unwrap();
    let e = backup::restore_backup(&path, &b.id).unwrap_err();
    assert!(matches!(e, Error::BackupDamaged { .. }), "{e:?}");
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(backup::list_backups(&path).unwrap()[0].reports, None);
}

#[test]
fn daily_backup_once_a_day_and_not_of_an_empty_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut store = Store::open(&path).unwrap();
    assert!(backup::daily_backup_if_due(&mut store).unwrap().is_none());
    new_report(&mut store, 2019);
    let first = backup::daily_backup_if_due(&mut store).unwrap().unwrap();
    assert_eq!(first.reason, Reason::Daily);
    assert!(backup::daily_backup_if_due(&mut store).unwrap().is_none());
    // Yesterday's date in the setting: due again.
    store
        .set_setting(backup::LAST_DAILY_SETTING, "2000-01-01")
        .unwrap();
    assert!(backup::daily_backup_if_due(&mut store).unwrap().is_some());
    assert_eq!(backup::list_backups(&path).unwrap().len(), 2);
}

#[test]
fn in_memory_store_cannot_be_backed_up_but_says_so() {
    let store = Store::open_in_memory().unwrap();
    let e = backup::create_backup(&store, Reason::Manual).unwrap_err();
    assert!(e.to_string().contains("无法备份"), "{e}");
}

/// A library as build 1 wrote it: only migration 001, user_version 1.
fn v1_library(path: &Path) {
    let c = Connection::open(path).unwrap();
    c.execute_batch("PRAGMA journal_mode = WAL;").unwrap();
    c.execute_batch(include_str!("../src/store/migrations/001_init.sql"))
        .unwrap();
    c.execute_batch("PRAGMA user_version = 1; PRAGMA application_id = 1180321875;")
        .unwrap();
    c.execute(
        "INSERT INTO settings (key, value) VALUES ('marker', 'v1')",
        [],
    )
    .unwrap();
}

#[test]
fn an_older_library_is_backed_up_before_migrations_run() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    v1_library(&path);
    let store = Store::open(&path).unwrap();
    let backups = backup::list_backups(&path).unwrap();
    if SCHEMA_VERSION > 1 {
        assert_eq!(backups.len(), 1, "{backups:?}");
        assert_eq!(backups[0].reason, Reason::BeforeMigration);
        let copy = Connection::open(dir.path().join("backups").join(&backups[0].id)).unwrap();
        let v: i64 = copy
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            v, 1,
            "the backup holds the library as it was before the migration"
        );
        let m: String = copy
            .query_row("SELECT value FROM settings WHERE key = 'marker'", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(m, "v1");
    } else {
        assert!(backups.is_empty());
    }
    drop(store);
    // Opening an up-to-date library again makes no further backup.
    Store::open(&path).unwrap();
    assert_eq!(
        backup::list_backups(&path).unwrap().len(),
        usize::from(SCHEMA_VERSION > 1)
    );
}

#[test]
fn the_migration_hook_backs_up_exactly_when_the_schema_is_behind() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut store = Store::open(&path).unwrap();
    new_report(&mut store, 2019);
    let conn = store.connection();
    assert!(backup::backup_before_migration(conn, &path, SCHEMA_VERSION)
        .unwrap()
        .is_none());
    let made = backup::backup_before_migration(conn, &path, SCHEMA_VERSION + 1)
        .unwrap()
        .unwrap();
    assert_eq!(made.reason, Reason::BeforeMigration);
    assert_eq!(made.reports, Some(1));
    // A brand-new (empty) file is not backed up.
    let fresh = dir.path().join("fresh.sqlite3");
    let c = Connection::open(&fresh).unwrap();
    assert!(
        backup::backup_before_migration(&c, &fresh, SCHEMA_VERSION + 1)
            .unwrap()
            .is_none()
    );
}

// ---- health ------------------------------------------------------------------

/// Every file beside the library, with its bytes.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    v
}

fn assert_health_unchanged(path: &Path, expected: HealthStatus) -> String {
    let dir = path.parent().unwrap();
    let before = snapshot(dir);
    let h = backup::inspect_library(path);
    assert_eq!(h.status, expected, "{h:?}");
    assert!(!h.message.is_empty());
    let after = snapshot(dir);
    // Byte for byte: the library (and anything beside it) is not modified.
    let main = path.file_name().unwrap().to_string_lossy().into_owned();
    let pick = |s: &Vec<(String, Vec<u8>)>| s.iter().find(|(n, _)| *n == main).cloned();
    assert_eq!(pick(&before), pick(&after), "{expected:?}: file modified");
    for (name, bytes) in &before {
        let now = after.iter().find(|(n, _)| n == name);
        assert_eq!(now.map(|(_, b)| b), Some(bytes), "{name} changed");
    }
    h.message
}

#[test]
fn health_of_a_good_library_and_a_missing_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    assert_eq!(backup::inspect_library(&path).status, HealthStatus::Missing);
    assert!(!path.exists(), "inspecting does not create the file");
    let mut store = Store::open(&path).unwrap();
    new_report(&mut store, 2019);
    drop(store);
    assert_health_unchanged(&path, HealthStatus::Ok);
    assert!(backup::inspect_library(&path).is_usable());
}

#[test]
fn health_while_the_app_holds_the_library_open_with_a_wal() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut store = Store::open(&path).unwrap();
    new_report(&mut store, 2019);
    assert_eq!(backup::inspect_library(&path).status, HealthStatus::Ok);
}

#[test]
fn health_of_a_file_that_is_not_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut bytes = b"PK\x03\x04 this is a zip, or a Word file saved over the library".to_vec();
    bytes.extend((0..5000u32).map(|i| (i * 7 % 251) as u8));
    fs::write(&path, &bytes).unwrap();
    let msg = assert_health_unchanged(&path, HealthStatus::NotSqlite);
    assert!(msg.contains("不是资料库"), "{msg}");
    // Store::open refuses it without modifying it either.
    let e = Store::open(&path).err().expect("refused");
    assert!(matches!(e, Error::NotALibrary(_)), "{e:?}");
    assert_eq!(fs::read(&path).unwrap(), bytes);
    // A truncated header.
    fs::write(&path, b"SQLite for").unwrap();
    assert_health_unchanged(&path, HealthStatus::NotSqlite);
}

#[test]
fn health_of_another_programs_database_and_a_newer_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    {
        let c = Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
            .unwrap();
    }
    let msg = assert_health_unchanged(&path, HealthStatus::NotOurs);
    assert!(msg.contains("其他程序"), "{msg}");
    fs::remove_file(&path).unwrap();
    {
        let mut s = Store::open(&path).unwrap();
        new_report(&mut s, 2019);
        s.connection()
            .execute_batch("PRAGMA user_version = 99;")
            .unwrap();
    }
    let msg = assert_health_unchanged(&path, HealthStatus::NewerSchema);
    assert!(msg.contains("更新版本"), "{msg}");
}

#[test]
fn health_of_a_damaged_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    {
        let mut s = Store::open(&path).unwrap();
        for y in 2001..2041 {
            new_report(&mut s, y);
        }
        s.connection()
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
            .unwrap();
    }
    let mut bytes = fs::read(&path).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page, "{}", bytes.len());
    // Scribble over pages 3..6 (b-tree pages of the tables), keep the header.
    for (i, b) in bytes[2 * page..6 * page].iter_mut().enumerate() {
        *b = (i * 31 % 256) as u8;
    }
    fs::write(&path, &bytes).unwrap();
    let msg = assert_health_unchanged(&path, HealthStatus::Damaged);
    assert!(msg.contains("已损坏"), "{msg}");
    assert!(!backup::inspect_library(&path).is_usable());
}

#[test]
fn a_zero_length_file_is_a_new_library() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    fs::write(&path, b"").unwrap();
    assert_health_unchanged(&path, HealthStatus::Ok);
    let dir_as_lib = dir.path().join("folder.sqlite3");
    fs::create_dir(&dir_as_lib).unwrap();
    assert_eq!(
        backup::inspect_library(&dir_as_lib).status,
        HealthStatus::NotSqlite
    );
}

#[test]
fn set_aside_moves_the_file_with_its_wal_and_deletes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    fs::write(&path, b"damaged").unwrap();
    fs::write(dir.path().join("library.sqlite3-wal"), b"wal").unwrap();
    let aside = backup::set_aside(&path, "damaged").unwrap().unwrap();
    assert!(!path.exists());
    assert_eq!(fs::read(&aside).unwrap(), b"damaged");
    assert_eq!(
        fs::read(format!("{}-wal", aside.display())).unwrap(),
        b"wal"
    );
    assert!(backup::set_aside(&path, "damaged").unwrap().is_none());
}

#[test]
fn finalising_a_report_backs_the_library_up_and_says_so_in_the_audit_log() {
    use fazhi_core::review::{ReviewRole, TransitionRequest};
    use fazhi_core::Status;
    let dir = tempfile::tempdir().unwrap();
    let path = lib(&dir);
    let mut store = Store::open(&path).unwrap();
    let id = new_report(&mut store, 2019);
    store.set_identity("张签发", ReviewRole::Approver).unwrap();
    store
        .transition(&id, &TransitionRequest::to(Status::Review))
        .unwrap();
    assert!(backup::list_backups(&path)
        .unwrap()
        .iter()
        .all(|b| b.reason != Reason::Final));
    store
        .transition(&id, &TransitionRequest::to(Status::Final))
        .unwrap();
    let finals: Vec<_> = backup::list_backups(&path)
        .unwrap()
        .into_iter()
        .filter(|b| b.reason == Reason::Final)
        .collect();
    assert_eq!(finals.len(), 1, "one 定稿 backup");
    assert_eq!(finals[0].reports, Some(1));
    let log = store.audit_log(&id).unwrap();
    assert!(log
        .iter()
        .any(|e| e.action == "backup_final" && e.action_label == "定稿备份"));
    // The outcome's entry is still the transition's own.
    assert_eq!(log.iter().filter(|e| e.action == "finalize").count(), 1);
}

#[test]
fn a_finalised_report_cannot_be_deleted_until_the_final_is_withdrawn() {
    use fazhi_core::review::{ReviewRole, TransitionRequest};
    use fazhi_core::Status;
    let mut store = Store::open_in_memory().unwrap();
    let id = new_report(&mut store, 2019);
    store.set_identity("张签发", ReviewRole::Approver).unwrap();
    store
        .transition(&id, &TransitionRequest::to(Status::Review))
        .unwrap();
    store
        .transition(&id, &TransitionRequest::to(Status::Final))
        .unwrap();
    let err = store.delete_report(&id).unwrap_err();
    assert_eq!(err.code(), "locked", "{err}");
    assert!(store.get_report(&id).is_ok(), "still there");
    let mut back = TransitionRequest::to(Status::Review);
    back.reason = Some("需要修改".into());
    store.transition(&id, &back).unwrap();
    store.delete_report(&id).unwrap();
}
