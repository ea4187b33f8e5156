//! Backups of the library and what to do when the library is damaged.
//!
//! Backups are whole copies made with SQLite's online backup API (consistent
//! even while the app writes), kept in a `backups/` folder beside the library:
//! `<stem>-<UTC timestamp>-<reason>.sqlite3`. They are made daily on the first
//! launch of the day, before every migration, at every 定稿 and on request; the
//! newest `backup.keep` (default 20) are kept.
//!
//! Restoring never destroys anything: the current file (with its `-wal`/`-shm`)
//! is first moved aside to `<library>.before-restore-<timestamp>`, then the
//! backup is copied in atomically (temporary file, fsync, rename).
//!
//! [`inspect_library`] tells why a library cannot be opened without writing a
//! single byte to it, so that the app can offer a way out instead of exiting.

use std::fs::{self, File};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::store::schema::{APPLICATION_ID, SCHEMA_VERSION};
use crate::store::{settings, Store};
use crate::{Error, Result};

/// Setting: how many backups to keep.
pub const KEEP_SETTING: &str = "backup.keep";
/// Setting: the local date (YYYY-MM-DD) of the last daily backup.
pub const LAST_DAILY_SETTING: &str = "backup.last_daily";
pub const DEFAULT_KEEP: usize = 20;
const BACKUP_DIR: &str = "backups";
const BACKUP_EXT: &str = "sqlite3";

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export, rename = "BackupReason")]
pub enum Reason {
    /// 每日备份: the first launch of the day.
    Daily,
    /// 升级前备份: before a migration changes the file.
    BeforeMigration,
    /// 定稿备份: when a report is finalised.
    Final,
    /// 手动备份: the user asked for it.
    Manual,
}

impl Reason {
    pub const ALL: [Reason; 4] = [
        Reason::Daily,
        Reason::BeforeMigration,
        Reason::Final,
        Reason::Manual,
    ];

    /// The word used in file names.
    pub fn slug(self) -> &'static str {
        match self {
            Reason::Daily => "daily",
            Reason::BeforeMigration => "before-migration",
            Reason::Final => "final",
            Reason::Manual => "manual",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Reason::Daily => "每日备份",
            Reason::BeforeMigration => "升级前备份",
            Reason::Final => "定稿备份",
            Reason::Manual => "手动备份",
        }
    }

    fn from_slug(s: &str) -> Option<Reason> {
        Reason::ALL.into_iter().find(|r| r.slug() == s)
    }
}

/// One backup as the 从备份恢复 dialog lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupInfo {
    /// The file name inside `backups/`; the only handle the UI gets.
    pub id: String,
    /// UTC, ISO 8601 with milliseconds.
    pub created_at: String,
    pub reason: Reason,
    pub reason_label: String,
    #[ts(type = "number")]
    pub size: u64,
    /// Reports in the backup; `None` when the backup cannot be read.
    #[ts(type = "number | null")]
    pub reports: Option<i64>,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export, rename = "BackupRestored")]
pub struct Restored {
    pub backup: BackupInfo,
    /// Where the replaced library was moved (`None` when there was none).
    pub set_aside: Option<String>,
}

/// The state of a library file, found without modifying it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum HealthStatus {
    /// A library of ours that passes `PRAGMA quick_check` (or an empty file).
    Ok,
    /// No file yet: a new library will be created.
    Missing,
    /// The file is not an SQLite database at all.
    NotSqlite,
    /// An SQLite database, but not a Fazhi Studio library.
    NotOurs,
    /// Written by a newer version of the program.
    NewerSchema,
    /// Ours, but damaged (`quick_check` fails or pages cannot be read).
    Damaged,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct LibraryHealth {
    pub status: HealthStatus,
    pub path: String,
    /// The explanation shown to the user (Chinese).
    pub message: String,
    /// Technical detail (SQLite's words), for the 详细信息 fold.
    pub detail: Option<String>,
}

impl LibraryHealth {
    /// The app can open this library as it is.
    pub fn is_usable(&self) -> bool {
        matches!(self.status, HealthStatus::Ok | HealthStatus::Missing)
    }
}

// ---- time --------------------------------------------------------------------

/// (compact for file names, ISO 8601) of the current UTC time, in milliseconds.
fn now_stamps() -> (String, String) {
    let d = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or(Duration::ZERO);
    stamps(d)
}

fn stamps(d: Duration) -> (String, String) {
    let secs = d.as_secs() as i64;
    let ms = d.subsec_millis();
    let (y, m, day) = civil_from_days(secs.div_euclid(86_400));
    let sod = secs.rem_euclid(86_400);
    let (hh, mm, ss) = (sod / 3600, sod % 3600 / 60, sod % 60);
    (
        format!("{y:04}{m:02}{day:02}T{hh:02}{mm:02}{ss:02}{ms:03}Z"),
        format!("{y:04}-{m:02}-{day:02}T{hh:02}:{mm:02}:{ss:02}.{ms:03}Z"),
    )
}

/// Days since 1970-01-01 → (year, month, day) (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

/// "20261127T215500123Z" → "2026-11-27T21:55:00.123Z".
fn iso_from_compact(c: &str) -> Option<String> {
    let b = c.as_bytes();
    if b.len() != 19 || b[8] != b'T' || b[18] != b'Z' {
        return None;
    }
    let digits =
        |r: std::ops::Range<usize>| c.get(r).filter(|s| s.bytes().all(|x| x.is_ascii_digit()));
    Some(format!(
        "{}-{}-{}T{}:{}:{}.{}Z",
        digits(0..4)?,
        digits(4..6)?,
        digits(6..8)?,
        digits(9..11)?,
        digits(11..13)?,
        digits(13..15)?,
        digits(15..18)?
    ))
}

// ---- paths -------------------------------------------------------------------

/// `backups/` beside the library.
pub fn backup_dir(library: &Path) -> PathBuf {
    match library.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) => dir.join(BACKUP_DIR),
        None => PathBuf::from(BACKUP_DIR),
    }
}

fn stem(library: &Path) -> String {
    library
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "library".into())
}

fn io_err(path: &Path, e: std::io::Error) -> Error {
    if e.raw_os_error() == Some(28) {
        return Error::DiskFull;
    }
    Error::Io {
        path: path.display().to_string(),
        reason: crate::error::io_reason(&e),
    }
}

/// Parses `<stem>-<compact time>-<reason>.sqlite3`.
fn parse_name(library: &Path, name: &str) -> Option<(String, Reason)> {
    let rest = name
        .strip_prefix(&stem(library))?
        .strip_prefix('-')?
        .strip_suffix(&format!(".{BACKUP_EXT}"))?;
    let (compact, reason) = rest.split_once('-')?;
    Some((iso_from_compact(compact)?, Reason::from_slug(reason)?))
}

fn sync_dir(dir: &Path) {
    // Makes a rename durable; not possible (nor needed) on every platform.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

// ---- opening -----------------------------------------------------------------

impl Store {
    /// Opens (or creates) the library at `path` and brings its schema up to date;
    /// an older library of ours is backed up first ([`backup_before_migration`]).
    /// A library written by a newer schema, or a file that is not a library, is
    /// refused without being modified.
    ///
    /// (Defined here rather than in [`crate::store`] so that the store does not
    /// depend on the backups: this module sits above it.)
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, |conn, path| {
            backup_before_migration(conn, path, SCHEMA_VERSION).map(|_| ())
        })
    }
}

// ---- creating ----------------------------------------------------------------

/// Backs up the open library (the app and the CLI); keeps the newest
/// `backup.keep`. The hook for 定稿 is `create_backup(store, Reason::Final)`.
pub fn create_backup(store: &Store, reason: Reason) -> Result<BackupInfo> {
    let library = store
        .path()
        .ok_or_else(|| Error::Database("内存中的资料库无法备份".into()))?
        .to_path_buf();
    let keep = keep_setting(store.connection());
    backup_connection(store.connection(), &library, reason, keep)
}

/// Backs up the library file at `path` (opened read-only for the copy).
pub fn create_backup_of_file(path: &Path, reason: Reason) -> Result<BackupInfo> {
    let conn = open_read_only(path)?;
    let keep = keep_setting(&conn);
    backup_connection(&conn, path, reason, keep)
}

/// Called by `Store::open` on an existing library before migrations run: an
/// older library of ours (0 < user_version < `target`) is backed up first.
/// Returns the backup made, if any.
pub fn backup_before_migration(
    conn: &Connection,
    library: &Path,
    target: i64,
) -> Result<Option<BackupInfo>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if app_id != APPLICATION_ID || version <= 0 || version >= target {
        return Ok(None);
    }
    let keep = keep_setting(conn);
    backup_connection(conn, library, Reason::BeforeMigration, keep).map(Some)
}

fn keep_setting(conn: &Connection) -> usize {
    settings::get(conn, KEEP_SETTING)
        .ok()
        .flatten()
        .and_then(|v| v.trim().parse::<usize>().ok())
        .filter(|&n| n >= 1)
        .unwrap_or(DEFAULT_KEEP)
}

fn backup_connection(
    src: &Connection,
    library: &Path,
    reason: Reason,
    keep: usize,
) -> Result<BackupInfo> {
    let dir = backup_dir(library);
    fs::create_dir_all(&dir).map_err(|e| io_err(&dir, e))?;
    let (mut compact, mut iso) = now_stamps();
    let mut name = format!("{}-{compact}-{}.{BACKUP_EXT}", stem(library), reason.slug());
    // Two backups in the same millisecond: wait for the next one.
    while dir.join(&name).exists() {
        std::thread::sleep(Duration::from_millis(2));
        (compact, iso) = now_stamps();
        name = format!("{}-{compact}-{}.{BACKUP_EXT}", stem(library), reason.slug());
    }
    let final_path = dir.join(&name);
    let tmp = dir.join(format!(".{name}.partial"));
    let _ = fs::remove_file(&tmp);
    let result = (|| -> Result<()> {
        let mut dst = Connection::open(&tmp)?;
        {
            let backup = rusqlite::backup::Backup::new(src, &mut dst)?;
            // 256 pages a step; a writer in between makes SQLite restart the
            // copy, so the result is always one consistent state.
            backup.run_to_completion(256, Duration::from_millis(0), None)?;
        }
        // A self-contained file (no -wal beside it).
        dst.pragma_update(None, "journal_mode", "DELETE")?;
        drop(dst);
        File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| io_err(&tmp, e))?;
        fs::rename(&tmp, &final_path).map_err(|e| io_err(&final_path, e))?;
        sync_dir(&dir);
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(e);
    }
    let size = fs::metadata(&final_path).map(|m| m.len()).unwrap_or(0);
    let reports = count_reports(&final_path);
    prune(library, keep, &name)?;
    Ok(BackupInfo {
        id: name,
        created_at: iso,
        reason,
        reason_label: reason.label().into(),
        size,
        reports,
    })
}

/// Deletes the oldest backups beyond `keep`, never `except` (the one just made).
fn prune(library: &Path, keep: usize, except: &str) -> Result<()> {
    let list = list_backups(library)?;
    for old in list.iter().skip(keep.max(1)) {
        if old.id != except {
            let p = backup_dir(library).join(&old.id);
            fs::remove_file(&p).map_err(|e| io_err(&p, e))?;
        }
    }
    Ok(())
}

/// On the first launch of a (local) day, backs the library up. An empty
/// library is not backed up. Returns the backup made, if any.
pub fn daily_backup_if_due(store: &mut Store) -> Result<Option<BackupInfo>> {
    let today: String =
        store
            .connection()
            .query_row("SELECT date('now', 'localtime')", [], |r| r.get(0))?;
    if store.setting(LAST_DAILY_SETTING)?.as_deref() == Some(today.as_str()) {
        return Ok(None);
    }
    if store.report_count()? == 0 {
        return Ok(None);
    }
    let info = create_backup(store, Reason::Daily)?;
    store.set_setting(LAST_DAILY_SETTING, &today)?;
    Ok(Some(info))
}

// ---- listing -----------------------------------------------------------------

/// The backups of the library at `library`, newest first.
pub fn list_backups(library: &Path) -> Result<Vec<BackupInfo>> {
    let dir = backup_dir(library);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err(&dir, e)),
    };
    let mut out = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some((created_at, reason)) = parse_name(library, &name) else {
            continue;
        };
        let path = entry.path();
        let Ok(meta) = fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        out.push(BackupInfo {
            reports: count_reports(&path),
            id: name,
            created_at,
            reason,
            reason_label: reason.label().into(),
            size: meta.len(),
        });
    }
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then(b.id.cmp(&a.id)));
    Ok(out)
}

fn count_reports(path: &Path) -> Option<i64> {
    let conn = open_read_only(path).ok()?;
    conn.query_row("SELECT count(*) FROM reports", [], |r| r.get(0))
        .ok()
}

fn open_read_only(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| match Error::from(e) {
        Error::NotALibrary(_) => Error::NotALibrary(path.display().to_string()),
        other => other,
    })?;
    conn.busy_timeout(Duration::from_secs(5))?;
    Ok(conn)
}

// ---- restoring ---------------------------------------------------------------

/// Replaces the library with the backup named `id` (an id from
/// [`list_backups`], never a path). The store must be closed. The replaced file
/// is kept as `<library>.before-restore-<timestamp>`.
pub fn restore_backup(library: &Path, id: &str) -> Result<Restored> {
    let backup = list_backups(library)?
        .into_iter()
        .find(|b| b.id == id)
        .ok_or_else(|| Error::BackupNotFound(id.to_string()))?;
    let src = backup_dir(library).join(&backup.id);
    let health = inspect_library(&src);
    if health.status != HealthStatus::Ok {
        return Err(Error::BackupDamaged {
            id: id.to_string(),
            reason: health.message,
        });
    }
    // Fold the WAL into the file we set aside, when it is a healthy library.
    if inspect_library(library).status == HealthStatus::Ok {
        if let Ok(conn) = Connection::open(library) {
            let _ = conn.busy_timeout(Duration::from_secs(5));
            let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        }
    }
    let set_aside = set_aside(library, "before-restore")?;
    let dir = library
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.restoring",
        library.file_name().unwrap_or_default().to_string_lossy()
    ));
    let result = (|| -> std::io::Result<()> {
        let mut from = File::open(&src)?;
        let mut to = File::create(&tmp)?;
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = from.read(&mut buf)?;
            if n == 0 {
                break;
            }
            to.write_all(&buf[..n])?;
        }
        to.sync_all()?;
        drop(to);
        fs::rename(&tmp, library)?;
        sync_dir(dir);
        Ok(())
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        // Put the original back: the user is never left without a library.
        if let Some(aside) = &set_aside {
            let _ = fs::rename(aside, library);
        }
        return Err(io_err(library, e));
    }
    Ok(Restored {
        backup,
        set_aside: set_aside.map(|p| p.display().to_string()),
    })
}

/// Moves the library (and its `-wal`/`-shm`) aside to
/// `<library>.<label>-<timestamp>`; nothing is deleted. Returns the new path of
/// the main file, or `None` when there was no file. Used before a restore and by
/// 新建资料库 on a damaged library.
pub fn set_aside(library: &Path, label: &str) -> Result<Option<PathBuf>> {
    if !library.exists() {
        return Ok(None);
    }
    let (compact, _) = now_stamps();
    let mut aside = PathBuf::from(format!("{}.{label}-{compact}", library.display()));
    let mut n = 1;
    while aside.exists() {
        n += 1;
        aside = PathBuf::from(format!("{}.{label}-{compact}-{n}", library.display()));
    }
    // -wal first: a crash in between leaves the main file with its WAL or the
    // set-aside copy with it, never a WAL paired with the wrong file.
    for suffix in ["-wal", "-shm"] {
        let from = PathBuf::from(format!("{}{suffix}", library.display()));
        if from.exists() {
            let to = PathBuf::from(format!("{}{suffix}", aside.display()));
            fs::rename(&from, &to).map_err(|e| io_err(&from, e))?;
        }
    }
    fs::rename(library, &aside).map_err(|e| io_err(library, e))?;
    if let Some(dir) = library.parent().filter(|p| !p.as_os_str().is_empty()) {
        sync_dir(dir);
    }
    Ok(Some(aside))
}

// ---- health ------------------------------------------------------------------

/// `PRAGMA integrity_check` on a read-only connection: `["ok"]` when sound.
pub fn integrity_check(path: &Path) -> Result<Vec<String>> {
    let conn = open_read_only(path)?;
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Why the library at `path` can or cannot be opened. Reads only: the file is
/// opened read-only and nothing is written to it.
pub fn inspect_library(path: &Path) -> LibraryHealth {
    let shown = path.display().to_string();
    let make = |status: HealthStatus, message: String, detail: Option<String>| LibraryHealth {
        status,
        path: shown.clone(),
        message,
        detail,
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return make(HealthStatus::Missing, "资料库尚不存在，将新建".into(), None)
        }
        Err(e) => {
            return make(
                HealthStatus::Damaged,
                format!("无法读取资料库文件“{shown}”"),
                Some(e.to_string()),
            )
        }
    };
    if meta.is_dir() {
        return make(
            HealthStatus::NotSqlite,
            format!("“{shown}”是一个文件夹，不是资料库文件"),
            None,
        );
    }
    if meta.len() == 0 {
        return make(HealthStatus::Ok, "资料库为空，将初始化".into(), None);
    }
    let mut header = [0u8; 16];
    let read = File::open(path).and_then(|mut f| {
        let mut n = 0;
        while n < header.len() {
            let k = f.read(&mut header[n..])?;
            if k == 0 {
                break;
            }
            n += k;
        }
        Ok(n)
    });
    match read {
        Ok(n) if n == 16 && &header == b"SQLite format 3\0" => {}
        Ok(_) => {
            return make(
                HealthStatus::NotSqlite,
                format!(
                    "文件“{shown}”不是资料库（不是SQLite数据库文件），可能已被其他程序覆盖或损坏"
                ),
                None,
            )
        }
        Err(e) => {
            return make(
                HealthStatus::Damaged,
                format!("无法读取资料库文件“{shown}”"),
                Some(e.to_string()),
            )
        }
    }
    let damaged = |detail: String| {
        make(
            HealthStatus::Damaged,
            format!("资料库文件“{shown}”已损坏，无法正常读取"),
            Some(detail),
        )
    };
    let conn = match open_read_only(path) {
        Ok(c) => c,
        Err(e) => return damaged(e.to_string()),
    };
    let pragmas = (|| -> rusqlite::Result<(i64, i64, i64)> {
        let v = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let a = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let t = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        Ok((v, a, t))
    })();
    let (version, app_id, tables) = match pragmas {
        Ok(x) => x,
        Err(e) => return damaged(e.to_string()),
    };
    if app_id != APPLICATION_ID {
        if version == 0 && tables == 0 {
            return make(HealthStatus::Ok, "资料库为空，将初始化".into(), None);
        }
        return make(
            HealthStatus::NotOurs,
            format!("文件“{shown}”是其他程序的数据库，不是本程序的资料库"),
            None,
        );
    }
    if version > SCHEMA_VERSION {
        return make(
            HealthStatus::NewerSchema,
            format!(
                "资料库由更新版本的程序创建（结构版本{version}，本程序支持到{}），请升级程序；为保护数据，本程序不会修改它",
                SCHEMA_VERSION
            ),
            None,
        );
    }
    let check = (|| -> rusqlite::Result<Vec<String>> {
        let mut stmt = conn.prepare("PRAGMA quick_check")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })();
    match check {
        Ok(lines) if lines.len() == 1 && lines[0] == "ok" => {
            make(HealthStatus::Ok, "资料库完好".into(), None)
        }
        Ok(lines) => damaged(lines.into_iter().take(5).collect::<Vec<_>>().join("；")),
        Err(e) => damaged(e.to_string()),
    }
}
