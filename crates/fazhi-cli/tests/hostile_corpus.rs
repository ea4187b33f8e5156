//! Every file of the hostile corpus (`tests/hostile/`, see its README) goes in
//! where such a file enters — import, `put`, review packages, settings — through
//! the real `fazhi` binary under a memory limit (prlimit) and a time bound. Each
//! must give a Chinese error and exit code 2 (never a panic, 101, or a signal),
//! and leave the library byte for byte as it was. Big files (50 MB of text, zip
//! bombs) are generated here, not committed.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Debug build on a shared 2-core machine: generous, yet far below a hang.
const TIME_BOUND: Duration = Duration::from_secs(30);
/// Address-space limit of the child (a bomb inflating in memory dies here).
const MEMORY_BOUND: u64 = 3 << 30;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/hostile")
}

struct Lib {
    _dir: tempfile::TempDir,
    dir: PathBuf,
    db: PathBuf,
    id: String,
}

impl Lib {
    fn new() -> Lib {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.sqlite3");
        let mut lib = Lib {
            dir: dir.path().to_path_buf(),
            _dir: dir,
            db,
            id: String::new(),
        };
        lib.id = lib.ok(&["new", "--issuer", "梅河口市人民政府", "--year", "2019"]);
        lib.ok(&["whoami", "--name", "张审核", "--role", "reviewer"]);
        lib
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = Command::new(env!("CARGO_BIN_EXE_fazhi"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("FAZHI_DB")
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// Every file of the library folder with its bytes (the library, its WAL
    /// if any, backups).
    fn snapshot(&self) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(&self.dir)
            .unwrap()
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    }

    /// Runs `fazhi` bounded in time and memory; returns (exit code, stderr).
    fn refused(&self, label: &str, args: &[&std::ffi::OsStr]) -> String {
        let before = self.snapshot();
        let started = Instant::now();
        let mut child = Command::new("prlimit")
            .arg(format!("--as={MEMORY_BOUND}"))
            .arg("--")
            .arg(env!("CARGO_BIN_EXE_fazhi"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("FAZHI_DB")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("prlimit (util-linux)");
        let status = loop {
            if let Some(s) = child.try_wait().unwrap() {
                break s;
            }
            if started.elapsed() > TIME_BOUND {
                let _ = child.kill();
                panic!("{label}: no answer within {TIME_BOUND:?}");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let mut err = String::new();
        use std::io::Read;
        child
            .stderr
            .take()
            .unwrap()
            .read_to_string(&mut err)
            .unwrap();
        assert_eq!(
            status.code(),
            Some(2),
            "{label}: expected a refusal (exit 2), got {status:?}: {err}"
        );
        assert!(!err.contains("panicked"), "{label}: panic: {err}");
        assert!(err.starts_with("错误："), "{label}: {err}");
        assert!(
            err.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{label}: not Chinese: {err}"
        );
        let after = self.snapshot();
        assert!(before == after, "{label}: the library folder changed");
        err
    }
}

fn files(kind: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(corpus().join(kind))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

fn os(s: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(s)
}

#[test]
fn the_corpus_has_at_least_forty_files_and_each_is_listed_in_the_readme() {
    let readme = std::fs::read_to_string(corpus().join("README.md")).unwrap();
    let mut n = 0;
    for kind in ["import", "document", "package", "settings"] {
        for f in files(kind) {
            n += 1;
            let name = f.file_name().unwrap().to_string_lossy().into_owned();
            assert!(
                readme.contains(&format!("`{kind}/{name}`")),
                "{kind}/{name} is not described in tests/hostile/README.md"
            );
        }
    }
    assert!(n >= 40, "only {n} hostile files");
}

#[test]
fn hostile_imports_are_refused_and_change_nothing() {
    let lib = Lib::new();
    for f in files("import") {
        let label = format!("import {}", f.display());
        lib.refused(&label, &[os("import"), f.as_os_str()]);
    }
}

#[test]
fn hostile_document_json_is_refused_and_changes_nothing() {
    let lib = Lib::new();
    for f in files("document") {
        let label = format!("put {}", f.display());
        lib.refused(&label, &[os("put"), os(&lib.id), f.as_os_str()]);
    }
}

#[test]
fn hostile_review_packages_are_refused_and_change_nothing() {
    let lib = Lib::new();
    for f in files("package") {
        for sub in ["info", "open", "merge"] {
            let label = format!("package {sub} {}", f.display());
            lib.refused(&label, &[os("package"), os(sub), f.as_os_str()]);
        }
    }
}

#[test]
fn hostile_rule_settings_are_refused_by_check_and_fix() {
    let cases: Vec<(String, String)> = files("settings")
        .into_iter()
        .map(|f| {
            (
                f.display().to_string(),
                String::from_utf8_lossy(&std::fs::read(&f).unwrap()).into_owned(),
            )
        })
        .collect();
    for (label, json) in cases {
        let lib = Lib::new();
        {
            let mut store = fazhi_core::Store::open(&lib.db).unwrap();
            store
                .set_setting(fazhi_checks::config::SETTINGS_KEY, &json)
                .unwrap();
        }
        for sub in ["check", "fix"] {
            lib.refused(&format!("{sub} with {label}"), &[os(sub), os(&lib.id)]);
        }
    }
}

// ---- generated big files -----------------------------------------------------------

#[test]
fn fifty_megabytes_of_text_is_refused_in_bounded_time_and_memory() {
    let lib = Lib::new();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("五十兆.txt");
    let line = "一、坚持依法行政，推进法治政府建设取得新成效。\n".repeat(1000);
    let mut text = String::with_capacity(51 << 20);
    while text.len() < 50 << 20 {
        text.push_str(&line);
    }
    std::fs::write(&p, text).unwrap();
    lib.refused("50 MB text", &[os("import"), p.as_os_str()]);
}

#[test]
fn zip_bombs_are_refused_in_bounded_time_and_memory() {
    let lib = Lib::new();
    let dir = tempfile::tempdir().unwrap();
    // 1 GiB of zeros in about 6.5 MB, declared honestly, and declared as 1 KB.
    let inflated: u64 = 1 << 30;
    let deflated = zeros_deflate(inflated);
    for (name, declared) in [("bomb.docx", inflated), ("bomb-lying.docx", 1024)] {
        let p = dir.path().join(name);
        std::fs::write(&p, docx_with_document(&deflated, declared)).unwrap();
        lib.refused(name, &[os("import"), p.as_os_str()]);
    }
}

/// A raw DEFLATE stream (fixed Huffman) that inflates to `n` zero bytes: one
/// literal 0, then copies of 258 bytes at distance 1.
fn zeros_deflate(n: u64) -> Vec<u8> {
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        len: u32,
    }
    impl Bits {
        fn put(&mut self, v: u64, n: u32) {
            self.acc |= v << self.len;
            self.len += n;
            while self.len >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.len -= 8;
            }
        }
        /// Huffman codes go most significant bit first.
        fn code(&mut self, c: u64, n: u32) {
            let mut r = 0;
            for i in 0..n {
                r |= ((c >> i) & 1) << (n - 1 - i);
            }
            self.put(r, n);
        }
    }
    let mut b = Bits {
        out: Vec::new(),
        acc: 0,
        len: 0,
    };
    b.put(1, 1); // final block
    b.put(1, 2); // fixed Huffman
    b.code(0x30, 8); // literal 0
    let mut left = n - 1;
    while left >= 258 {
        b.code(0xC5, 8); // length 258 (symbol 285)
        b.code(0, 5); // distance 1
        left -= 258;
    }
    for _ in 0..left {
        b.code(0x30, 8);
    }
    b.code(0, 7); // end of block
    if b.len > 0 {
        b.out.push(b.acc as u8);
    }
    b.out
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// A zip with `[Content_Types].xml` (stored) and `word/document.xml` (the given
/// deflate stream, declaring `declared` bytes inflated; zip64 is not needed).
/// (name, method, data, crc, inflated size)
type ZipEntry<'a> = (&'a [u8], u16, &'a [u8], u32, u32);

fn docx_with_document(deflated: &[u8], declared: u64) -> Vec<u8> {
    let ct = br#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
    let entries: [ZipEntry; 2] = [
        (b"[Content_Types].xml", 0, ct, crc32(ct), ct.len() as u32),
        (
            b"word/document.xml",
            8,
            deflated,
            0, // never checked: the reader must stop long before the end
            declared.min(u64::from(u32::MAX - 1)) as u32,
        ),
    ];
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, method, data, crc, size) in entries {
        let offset = out.len() as u32;
        let le16 = |v: u16| v.to_le_bytes();
        let le32 = |v: u32| v.to_le_bytes();
        out.extend(le32(0x0403_4b50));
        out.extend(le16(20));
        out.extend(le16(0));
        out.extend(le16(method));
        out.extend(le16(0));
        out.extend(le16(0x21));
        out.extend(le32(crc));
        out.extend(le32(data.len() as u32));
        out.extend(le32(size));
        out.extend(le16(name.len() as u16));
        out.extend(le16(0));
        out.extend(name);
        out.extend(data);
        central.extend(le32(0x0201_4b50));
        central.extend(le16(20));
        central.extend(le16(20));
        central.extend(le16(0));
        central.extend(le16(method));
        central.extend(le16(0));
        central.extend(le16(0x21));
        central.extend(le32(crc));
        central.extend(le32(data.len() as u32));
        central.extend(le32(size));
        central.extend(le16(name.len() as u16));
        central.extend([0u8; 12]);
        central.extend(le32(offset));
        central.extend(name);
    }
    let cd_offset = out.len() as u32;
    let cd_len = central.len() as u32;
    out.extend(central);
    out.extend(0x0605_4b50u32.to_le_bytes());
    out.extend([0u8; 4]);
    out.extend(2u16.to_le_bytes());
    out.extend(2u16.to_le_bytes());
    out.extend(cd_len.to_le_bytes());
    out.extend(cd_offset.to_le_bytes());
    out.extend(0u16.to_le_bytes());
    out
}
