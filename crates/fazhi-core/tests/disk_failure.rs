//! A save that fails for lack of space or because the library became read-only
//! leaves the previous state intact, says so in Chinese, and succeeds once the
//! cause is gone.
//!
//! Disk full is simulated two ways: a real 2 MB tmpfs filled to the last byte
//! (needs `mount`, i.e. root — CI runs as root), else SQLite's
//! `max_page_count`, which fails a write exactly as a full disk does. Read-only
//! is a tmpfs remounted read-only, else a file with mode 0444 (non-root).

#![cfg(unix)]

use std::fs;
use std::path::Path;
use std::process::Command;

use fazhi_core::store::NewReport;
use fazhi_core::{Document, Error, Paragraph, Store};

fn new_report(store: &mut Store) -> String {
    store
        .create_report(&NewReport {
            issuer: "梅河口市人民政府".into(),
            year: 2019,
            template_id: None,
            include_optional: false,
        })
        .unwrap()
        .report
        .id
}

/// The document with `n` more paragraphs of about 1 KB each.
fn grown(store: &Store, id: &str, n: usize, tag: &str) -> Document {
    let mut doc = store.get_report(id).unwrap().document;
    for i in 0..n {
        doc.parts[0].paragraphs.push(Paragraph::new(format!(
            "{tag}第{i}段：{}",
            "坚持依法行政，推进法治政府建设。".repeat(20)
        )));
    }
    doc
}

fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
        && !s.contains("disk I/O")
        && !s.contains("database or disk is full")
        && !s.contains("unable to open")
}

/// A mounted tmpfs, unmounted on drop. `None` when mounting is not possible.
struct Tmpfs {
    dir: tempfile::TempDir,
}

impl Tmpfs {
    fn mount(size: &str) -> Option<Tmpfs> {
        let dir = tempfile::tempdir().ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .map(|s| s.success())
            .unwrap_or(false);
        ok.then_some(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    fn remount(&self, mode: &str) {
        let st = Command::new("mount")
            .args(["-o", &format!("remount,{mode}")])
            .arg(self.path())
            .status()
            .unwrap();
        assert!(st.success(), "remount {mode}");
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// Writes zeros to `path` until the file system is full.
fn fill(path: &Path) {
    use std::io::Write;
    let mut f = fs::File::create(path).unwrap();
    let chunk = vec![0u8; 4096];
    loop {
        if f.write_all(&chunk).is_err() {
            break;
        }
    }
    let _ = f.sync_all();
}

fn assert_failed_save_kept_state(
    store: &mut Store,
    id: &str,
    err: Error,
    expected_code: &[&str],
    before: &fazhi_core::store::ReportView,
) {
    let msg = err.to_string();
    assert!(expected_code.contains(&err.code()), "{err:?}");
    assert!(is_chinese(&msg), "message not Chinese: {msg}");
    assert!(msg.contains("已保存的内容不受影响"), "{msg}");
    // The previous state, exactly, through this connection …
    assert_eq!(&store.get_report(id).unwrap(), before);
}

#[test]
fn disk_full_by_page_limit_keeps_the_previous_state_and_recovers() {
    let dir = tempfile::tempdir().unwrap();
    page_limit_case(&dir.path().join("library.sqlite3"));
}

fn page_limit_case(path: &Path) {
    let path = path.to_path_buf();
    // The cap is per connection: a few pages above the current size.
    let mut store = Store::open(&path).unwrap();
    let id = new_report(&mut store);
    let doc = grown(&store, &id, 5, "初稿");
    store.save_report(&id, doc, None).unwrap();
    let before = store.get_report(&id).unwrap();
    let pages: i64 = store
        .connection()
        .query_row("PRAGMA page_count", [], |r| r.get(0))
        .unwrap();
    store
        .connection()
        .pragma_update(None, "max_page_count", pages + 2)
        .unwrap();
    let big = grown(&store, &id, 3000, "扩写");
    let err = store
        .save_report(&id, big.clone(), Some(before.version))
        .unwrap_err();
    assert_failed_save_kept_state(&mut store, &id, err, &["disk_full"], &before);
    assert_eq!(Store::open(&path).unwrap().get_report(&id).unwrap(), before);
    store
        .connection()
        .pragma_update(None, "max_page_count", 1_073_741_823i64)
        .unwrap();
    store.save_report(&id, big, Some(before.version)).unwrap();
}

#[test]
fn disk_full_on_a_real_file_system() {
    match Tmpfs::mount("2m") {
        Some(fs_) => {
            let lib = fs_.path().join("library.sqlite3");
            let filler = fs_.path().join("filler.bin");
            // Fill the disk after the library exists, before the big save.
            let mut store = Store::open(&lib).unwrap();
            let id = new_report(&mut store);
            let doc = grown(&store, &id, 5, "初稿");
            store.save_report(&id, doc, None).unwrap();
            let before = store.get_report(&id).unwrap();
            fill(&filler);
            let big = grown(&store, &id, 3000, "扩写");
            let err = store
                .save_report(&id, big.clone(), Some(before.version))
                .unwrap_err();
            assert_failed_save_kept_state(&mut store, &id, err, &["disk_full"], &before);
            drop(store);
            fs::remove_file(&filler).unwrap();
            let mut store = Store::open(&lib).unwrap();
            assert_eq!(store.get_report(&id).unwrap(), before);
            // 3000 paragraphs do not fit in 2 MB twice over: grow less.
            let smaller = grown(&store, &id, 400, "扩写");
            store
                .save_report(&id, smaller, Some(before.version))
                .unwrap();
        }
        None => {
            eprintln!("mount not permitted: disk full simulated with max_page_count");
            let dir = tempfile::tempdir().unwrap();
            page_limit_case(&dir.path().join("library.sqlite3"));
        }
    }
}

#[test]
fn library_that_becomes_read_only_keeps_its_state_and_recovers() {
    // As root only a read-only mount stops writes; otherwise file modes do.
    let tmpfs = Tmpfs::mount("8m");
    let plain = tempfile::tempdir().unwrap();
    let dir: &Path = tmpfs.as_ref().map_or(plain.path(), |t| t.path());
    let lib = dir.join("library.sqlite3");
    let mut store = Store::open(&lib).unwrap();
    let id = new_report(&mut store);
    let before = store.get_report(&id).unwrap();
    let doc = grown(&store, &id, 50, "修改");
    drop(store);
    let bytes = fs::read(&lib).unwrap();

    let make_ro = |ro: bool| match &tmpfs {
        Some(t) => t.remount(if ro { "ro" } else { "rw" }),
        None => {
            use std::os::unix::fs::PermissionsExt;
            let (file, folder) = if ro { (0o444, 0o555) } else { (0o644, 0o755) };
            fs::set_permissions(&lib, fs::Permissions::from_mode(file)).unwrap();
            fs::set_permissions(dir, fs::Permissions::from_mode(folder)).unwrap();
        }
    };
    make_ro(true);
    match Store::open(&lib) {
        // SQLite opens a write-protected file read-only: reading works, the
        // save is refused in Chinese and changes nothing.
        Ok(mut store) => {
            assert_eq!(store.get_report(&id).unwrap(), before);
            let err = store
                .save_report(&id, doc.clone(), Some(before.version))
                .unwrap_err();
            assert_failed_save_kept_state(&mut store, &id, err, &["read_only"], &before);
        }
        Err(e) => {
            eprintln!("read-only library refused at open: {e}");
            assert!(is_chinese(&e.to_string()), "{e}");
        }
    }
    assert_eq!(fs::read(&lib).unwrap(), bytes, "read-only library modified");
    make_ro(false);
    let mut store = Store::open(&lib).unwrap();
    assert_eq!(store.get_report(&id).unwrap(), before);
    store.save_report(&id, doc, Some(before.version)).unwrap();
}
