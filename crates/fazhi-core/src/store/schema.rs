//! The library's schema: the file's marks (`application_id`, `user_version`),
//! the migrations, and the pragmas every connection gets.

use std::time::Duration;

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use crate::{Error, Result};

/// 'FZHS': marks a SQLite file as a Fazhi Studio library.
pub const APPLICATION_ID: i64 = 0x465A_4853;

/// Schema version this build writes (the number of migrations).
pub const SCHEMA_VERSION: i64 = 4;

fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(include_str!("migrations/001_init.sql")),
        M::up(include_str!("migrations/002_review.sql")),
        M::up(include_str!("migrations/003_proofing.sql")),
        M::up(include_str!("migrations/004_changes.sql")),
    ])
}

/// Checks that `conn` is a library of ours (or empty) and not newer than this
/// build, then sets the pragmas and runs the migrations (in a transaction).
/// Nothing is written to a file that fails the checks. `wal`: a file library.
pub(crate) fn init(conn: &mut Connection, wal: bool) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    // Read-only checks first: nothing is written to a file we do not own.
    let user_version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app_id: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    if (user_version > 0 || tables > 0) && app_id != APPLICATION_ID {
        return Err(Error::NotALibrary(String::new()));
    }
    if user_version > SCHEMA_VERSION {
        return Err(Error::LibraryTooNew {
            found: user_version,
            supported: SCHEMA_VERSION,
        });
    }
    if wal {
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        debug_assert_eq!(mode.to_lowercase(), "wal");
    }
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Every transaction takes the write lock at BEGIN, waiting out the busy timeout for
    // another process's write. A deferred one (rusqlite's default) that read first and
    // then writes fails at once with SQLITE_BUSY when another connection committed in
    // between — the busy handler is never called for it: 27 of 45 `fazhi comment add`
    // run by three processes at once on one library were refused as 资料库正被其他程序占用.
    conn.set_transaction_behavior(rusqlite::TransactionBehavior::Immediate);
    // FULL: a commit is on disk before we report it saved (power loss included).
    conn.pragma_update(None, "synchronous", "FULL")?;
    migrations().to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
        other => Error::Database(other.to_string()),
    })?;
    if app_id != APPLICATION_ID {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}
