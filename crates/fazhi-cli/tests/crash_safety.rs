//! Crash safety: `fazhi stress-save` saves a growing report (and versions of it)
//! in a loop; we SIGKILL it at random moments, 200 times. After every kill the
//! library passes `PRAGMA integrity_check`, and every save and version the
//! process reported as committed is there.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use serde_json::Value;

fn fazhi(db: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_fazhi"));
    c.arg("--db").arg(db).env_remove("FAZHI_DB");
    c
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = fazhi(db).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "fazhi {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A small xorshift generator: reproducible kill times (seed printed on failure).
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[derive(Default, Debug)]
struct Committed {
    version: i64,
    paragraphs: usize,
    revision: i64,
}

#[test]
fn sigkill_during_saves_loses_nothing_that_was_reported_saved() {
    let dir = tempfile::tempdir().unwrap();
    let db: PathBuf = dir.path().join("library.sqlite3");
    let id = ok(
        &db,
        &["new", "--issuer", "梅河口市人民政府", "--year", "2019"],
    )
    .trim()
    .to_string();
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    let mut known = Committed {
        version: 1,
        ..Default::default()
    };
    let started = Instant::now();
    let mut kills_mid_write = 0;
    const KILLS: usize = 200;
    for round in 0..KILLS {
        let mut child = fazhi(&db)
            .args([
                "stress-save",
                &id,
                "--count",
                "100000",
                "--version-every",
                "7",
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Wait for the first commit (process started, library open), then a
        // random 0–40 ms more, so kills land at every stage of a save.
        let first = rx
            .recv_timeout(Duration::from_secs(20))
            .unwrap_or_else(|_| panic!("round {round}: stress-save printed nothing (seed {seed})"));
        let mut lines = vec![first];
        std::thread::sleep(Duration::from_micros(rng.next() % 40_000));
        child.kill().unwrap(); // SIGKILL
        let status = child.wait().unwrap();
        reader.join().unwrap();
        lines.extend(rx.try_iter());
        if status.code().is_none() {
            kills_mid_write += 1;
        }
        for line in &lines {
            let mut it = line.split_whitespace();
            match (it.next(), it.next(), it.next()) {
                (Some("saved"), Some(v), Some(n)) => {
                    known.version = v.parse().unwrap();
                    known.paragraphs = n.parse().unwrap();
                }
                (Some("revision"), Some(r), None) => known.revision = r.parse().unwrap(),
                _ => panic!("round {round}: unexpected output {line:?}"),
            }
        }

        // Integrity after every kill.
        let check = fazhi(&db)
            .args(["check-library", "--full"])
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "round {round} (seed {seed}): {}",
            String::from_utf8_lossy(&check.stderr)
        );
        // Every committed save is there: the report is at the reported version
        // or one later (committed, killed before printing), never earlier.
        let shown: Value = serde_json::from_str(&ok(&db, &["show", &id, "--json"])).unwrap();
        let version = shown["version"].as_i64().unwrap();
        let paragraphs = shown["parts"][0]["paragraphs"].as_array().unwrap();
        assert!(
            version == known.version || version == known.version + 1,
            "round {round} (seed {seed}): version {version}, last reported {}",
            known.version
        );
        assert!(paragraphs.len() >= known.paragraphs, "round {round}");
        let last = paragraphs[known.paragraphs.max(1) - 1]["text"]
            .as_str()
            .unwrap();
        if known.paragraphs > 0 {
            assert!(
                last.starts_with(&format!("第{}次保存的段落。", known.paragraphs)),
                "round {round}: {last}"
            );
        }
        known.version = version;
        known.paragraphs = paragraphs.len();
        let revs: Value = serde_json::from_str(&ok(&db, &["revisions", &id, "--json"])).unwrap();
        let revs = revs.as_array().unwrap();
        let newest = revs.last().map_or(0, |r| r["revision"].as_i64().unwrap());
        assert!(
            newest >= known.revision,
            "round {round}: revision {} reported, newest {newest}",
            known.revision
        );
        // Revisions are numbered 1..n without a gap.
        for (i, r) in revs.iter().enumerate() {
            assert_eq!(r["revision"].as_i64().unwrap(), i as i64 + 1);
        }
        known.revision = newest;
    }
    assert!(
        kills_mid_write > KILLS / 2,
        "most kills should hit a running process ({kills_mid_write})"
    );
    assert!(
        known.version > KILLS as i64,
        "saves made progress: {known:?}"
    );
    eprintln!(
        "crash safety: {KILLS} kills in {:.1} s, {} saves, {} versions, seed {seed}",
        started.elapsed().as_secs_f64(),
        known.version - 1,
        known.revision
    );
}
