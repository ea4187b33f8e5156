//! A fresh library file per test, and the `fazhi` binary run against it as a user
//! would (never the `FAZHI_DB` of the machine running the tests).

// Each test binary uses its own subset of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

pub struct Lib {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

impl Lib {
    pub fn new() -> Lib {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("library.sqlite3");
        Lib { dir, db }
    }

    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_fazhi"))
            .arg("--db")
            .arg(&self.db)
            .args(args)
            .env_remove("FAZHI_DB")
            .output()
            .unwrap()
    }

    /// Stdout of a command that must succeed.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "fazhi {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Stderr of a command that must fail.
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(!out.status.success(), "fazhi {args:?} should fail");
        String::from_utf8(out.stderr).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = args.to_vec();
        all.push("--json");
        serde_json::from_str(&self.ok(&all)).unwrap()
    }

    /// `fazhi new`: the new report's id.
    pub fn new_report(&self, issuer: &str, year: &str) -> String {
        self.ok(&["new", "--issuer", issuer, "--year", year])
            .trim()
            .to_string()
    }

    /// `fazhi put ID FILE` with `doc` written to a file in the library's folder.
    pub fn put(&self, id: &str, doc: &Value) {
        let f = write(self.dir.path(), "doc.json", doc);
        self.ok(&["put", id, f.to_str().unwrap()]);
    }
}

pub fn write(dir: &Path, name: &str, v: &Value) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}
