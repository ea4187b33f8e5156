//! The 花脸稿 of two versions of a stored report: each version loaded (a revision, or
//! the working copy) and named for the header line, so that the CLI's `fazhi redline`
//! and the app's 历史版本 → 导出花脸稿 say the same.

use fazhi_core::{Document, Store};
use fazhi_layout::redline::{redline, Redline};

/// How a version is named in the header: 第3版（2026-12-01 09:30，张三） or 当前内容.
pub fn version_label(store: &Store, id: &str, revision: Option<i64>) -> fazhi_core::Result<String> {
    let Some(n) = revision else {
        return Ok("当前内容".to_string());
    };
    let info = store
        .list_revisions(id)?
        .into_iter()
        .find(|r| r.revision == n);
    Ok(match info {
        Some(r) => {
            // 2026-12-01T09:30:00.000Z → 2026-12-01 09:30 (as stored, UTC).
            let when: String = r.created_at.replace('T', " ").chars().take(16).collect();
            match r.author.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
                Some(a) => format!("第{n}版（{when}，{a}）"),
                None => format!("第{n}版（{when}）"),
            }
        }
        None => format!("第{n}版"),
    })
}

/// One version of the report: a revision, or the working copy (`None`).
pub fn load_version(
    store: &Store,
    id: &str,
    revision: Option<i64>,
) -> fazhi_core::Result<Document> {
    match revision {
        Some(n) => store.get_revision(id, n),
        None => store.get_report(id).map(|v| v.document),
    }
}

/// The 花脸稿 from version `from` to version `to` (`None` = the working copy), and the
/// newer document (its title and issuer name the file).
pub fn redline_versions(
    store: &Store,
    id: &str,
    from: Option<i64>,
    to: Option<i64>,
) -> fazhi_core::Result<(Document, Redline)> {
    let old = load_version(store, id, from)?;
    let new = load_version(store, id, to)?;
    let r = redline(
        &old,
        &new,
        &version_label(store, id, from)?,
        &version_label(store, id, to)?,
    );
    Ok((new, r))
}
