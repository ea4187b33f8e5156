//! The whole office workflow, through the real `fazhi` binary, on ten published
//! reports of tests/fixtures/import-real and tests/fixtures/corpus (the CLI sweep of
//! session 9 ran it on all 237 texts: /work/notes/s9/cli-sweep.md): import (with
//! --issuer where the import asks for it), 成文日期/主送/发文字号/签发人 through
//! `show --json` / `put`, check (text and JSON), a comment and a 修订, 送审 → 定稿
//! refused while they are open and while the check finds errors, then 定稿 with
//! --override, export PDF/DOCX/HTML in both profiles, the 花脸稿 of two versions.
//! Every step: the exit code, no panic, a Chinese message on failure, a valid output.
//! Then the output paths a user mistypes — a folder, a folder that does not exist —
//! refused at once in Chinese, and nothing said about an export that did not happen.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

use common::Lib;
use serde_json::Value;

/// Ten reports of different kinds: 部委, 省, 市局, 区县, 街道, 乡镇; a covering
/// letter with its 附件; one whose issuer the import cannot read (given by --issuer).
const REPORTS: [&str; 10] = [
    "import-real/07-sifabu-2022.txt",
    "import-real/05-shanghai-shengtai-2021.txt",
    "import-real/09-zhoushan-shuili-2024.txt",
    "import-real/15-minzhengbu-2022.txt",
    "import-real/21-sandu-zhen-2025.txt",
    "import-real/59-binhai-gaoxinqu-2023.txt",
    "import-real/82-lizi-xiang-2025.txt",
    "corpus/20-zhongyuanqu-2024.txt",
    "corpus/set2/39-xinhui-tongji-2022.txt",
    "corpus/set3/10-yuanjianglu-jiedao-2024.txt",
];

/// A debug build on a shared 2-core machine: far above the sweep's slowest step
/// (0.1 s for these), far below a hang.
const STEP_BOUND: Duration = Duration::from_secs(10);

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures")
        .join(rel)
}

fn has_han(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Runs one step; never a panic, a signal or a hang; a failure says why in Chinese.
fn step(lib: &Lib, what: &str, args: &[&str]) -> Output {
    let t = Instant::now();
    let out = lib.run(args);
    let took = t.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(took < STEP_BOUND, "{what}: {took:?} for fazhi {args:?}");
    assert!(
        !err.contains("panicked") && !err.contains("RUST_BACKTRACE"),
        "{what}: panic: {err}"
    );
    let code = out.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "{what}: exit {code:?} for fazhi {args:?}: {err}"
    );
    if code != Some(0) && code != Some(1) {
        assert!(
            has_han(&err),
            "{what}: failure without a Chinese message: {err}"
        );
        assert!(
            !err.contains("os error"),
            "{what}: the system's text: {err}"
        );
    }
    out
}

fn ok(lib: &Lib, what: &str, args: &[&str]) -> String {
    let out = step(lib, what, args);
    assert!(
        out.status.success(),
        "{what}: fazhi {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn refused(lib: &Lib, what: &str, args: &[&str]) -> String {
    let out = step(lib, what, args);
    assert_eq!(
        out.status.code(),
        Some(2),
        "{what}: fazhi {args:?} should be refused"
    );
    String::from_utf8(out.stderr).unwrap()
}

/// The paragraphs' texts of the report in reading order (not its headings: a 修订
/// there could take a statutory part's name away, which the core rightly refuses).
fn texts(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("text", Value::String(s)) => out.push(s.clone()),
                    ("heading", _) => {}
                    _ => texts(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| texts(x, out)),
        _ => {}
    }
}

/// `n` Han characters in a row from the report's body, the `skip`-th such run.
fn quote(doc: &Value, skip: usize, n: usize) -> String {
    let mut all = Vec::new();
    texts(&doc["preface"], &mut all);
    texts(&doc["parts"], &mut all);
    all.iter()
        .filter_map(|t| {
            let c: Vec<char> = t.chars().collect();
            c.windows(n)
                .find(|w| w.iter().all(|ch| ('\u{4e00}'..='\u{9fff}').contains(ch)))
                .map(|w| w.iter().collect::<String>())
        })
        .nth(skip)
        .unwrap_or_else(|| panic!("no quotable text in {doc}"))
}

fn valid_output(path: &Path, format: &str, title_bit: &str) {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    match format {
        "pdf" => {
            assert!(bytes.starts_with(b"%PDF-"), "{}", path.display());
            let tail =
                String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(64)..]).into_owned();
            assert!(
                tail.contains("%%EOF"),
                "{} ends without %%EOF",
                path.display()
            );
        }
        "docx" => {
            assert!(bytes.starts_with(b"PK\x03\x04"), "{}", path.display());
            let s = String::from_utf8_lossy(&bytes);
            assert!(s.contains("word/document.xml"), "{}", path.display());
        }
        _ => {
            let s = String::from_utf8(bytes).expect("HTML in UTF-8");
            assert!(
                s.trim_start().to_lowercase().starts_with("<!doctype html"),
                "{}",
                path.display()
            );
            assert!(s.trim_end().ends_with("</html>"), "{}", path.display());
            assert!(!s.contains("<script"), "{}", path.display());
            assert!(s.contains(title_bit), "{}: no {title_bit}", path.display());
        }
    }
}

/// The issuer the import cannot read, as an office would give it.
fn given_issuer(rel: &str) -> &'static str {
    if rel.contains("zhoushan-shuili") {
        "舟山市水利局"
    } else {
        "某某市人民政府"
    }
}

fn workflow(rel: &str) {
    let lib = Lib::new();
    let src = fixture(rel);
    let src = src.to_str().unwrap();
    ok(
        &lib,
        "whoami",
        &["whoami", "--name", "张三", "--role", "drafter"],
    );
    let out = step(&lib, "import", &["import", src, "--json"]);
    let imported: Value = if out.status.success() {
        serde_json::from_slice(&out.stdout).unwrap()
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains("--issuer"), "{rel}: import failed: {err}");
        let issuer = given_issuer(rel);
        serde_json::from_str(&ok(
            &lib,
            "import --issuer",
            &["import", src, "--issuer", issuer, "--json"],
        ))
        .unwrap()
    };
    let id = imported["id"].as_str().unwrap().to_string();
    let id = id.as_str();

    // 报告信息 through show --json / put, kept as given.
    let mut doc: Value = serde_json::from_str(&ok(&lib, "show", &["show", id, "--json"])).unwrap();
    let year = doc["year"].as_i64().unwrap();
    doc["date"] = format!("{}-01-20", year + 1).into();
    doc["addressee"] = "市人民政府".into();
    doc["doc_number"] = format!("法办〔{}〕3号", year + 1).into();
    doc["signer"] = "王五".into();
    lib.put(id, &doc);
    let doc: Value = serde_json::from_str(&ok(&lib, "show", &["show", id, "--json"])).unwrap();
    for k in ["date", "addressee", "doc_number", "signer"] {
        assert!(doc[k].is_string(), "{rel}: {k} not kept");
    }
    let title = doc["title"].as_str().unwrap().to_string();
    let title_bit: String = title
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(4)
        .collect();

    // The check: exit 0 (nothing) or 1 (findings), the JSON's error count.
    step(&lib, "check", &["check", id]);
    let out = step(&lib, "check --json", &["check", id, "--json"]);
    let findings: Value = serde_json::from_slice(&out.stdout).expect("check --json is JSON");
    let list = findings
        .as_array()
        .or_else(|| findings["findings"].as_array())
        .expect("a list of findings");
    let errors = list.iter().filter(|f| f["severity"] == "error").count();

    ok(&lib, "save-version", &["save-version", id, "-m", "初稿"]);
    let q1 = quote(&doc, 0, 6);
    let q2 = quote(&doc, 1, 4);
    let c: Value = serde_json::from_str(&ok(
        &lib,
        "comment add",
        &[
            "comment",
            "add",
            id,
            "--quote",
            &q1,
            "--text",
            "请核实此处表述",
            "--json",
        ],
    ))
    .unwrap();
    let cid = c["id"].as_str().unwrap().to_string();
    ok(&lib, "送审", &["status", id, "--to", "review"]);
    ok(
        &lib,
        "whoami",
        &["whoami", "--name", "李四", "--role", "reviewer"],
    );
    let with = format!("{q2}等");
    ok(
        &lib,
        "changes suggest",
        &["changes", "suggest", id, "--quote", &q2, "--with", &with],
    );
    ok(
        &lib,
        "whoami",
        &["whoami", "--name", "赵六", "--role", "approver"],
    );
    let err = refused(&lib, "定稿 refused", &["status", id, "--to", "final"]);
    assert!(
        err.contains("未解决批注") && err.contains("待处理修订"),
        "{rel}: {err}"
    );
    ok(&lib, "changes accept", &["changes", "accept", id, "--all"]);
    ok(&lib, "comment resolve", &["comment", "resolve", id, &cid]);
    if errors > 0 {
        let err = refused(
            &lib,
            "定稿 refused for errors",
            &["status", id, "--to", "final"],
        );
        assert!(err.contains(&format!("{errors}项检查错误")), "{rel}: {err}");
        ok(
            &lib,
            "定稿 --override",
            &[
                "status",
                id,
                "--to",
                "final",
                "--override",
                "--reason",
                "已逐条核对",
            ],
        );
    } else {
        ok(&lib, "定稿", &["status", id, "--to", "final"]);
    }

    let dir = lib.dir.path();
    for profile in ["filing", "publication"] {
        for format in ["pdf", "docx", "html"] {
            let o = dir.join(format!("{profile}.{format}"));
            let o_s = o.to_str().unwrap();
            ok(
                &lib,
                "export",
                &[
                    "export",
                    id,
                    "--format",
                    format,
                    "--profile",
                    profile,
                    "-o",
                    o_s,
                ],
            );
            valid_output(&o, format, &title_bit);
        }
    }
    // The 花脸稿 of the first version against the 定稿 (the accepted 修订).
    for format in ["pdf", "docx"] {
        let o = dir.join(format!("redline.{format}"));
        let out = ok(
            &lib,
            "redline",
            &[
                "redline",
                id,
                "--from",
                "1",
                "--format",
                format,
                "-o",
                o.to_str().unwrap(),
            ],
        );
        assert!(
            !out.contains("两个版本文字相同"),
            "{rel}: the accepted 修订 is a change: {out}"
        );
        valid_output(&o, format, &title_bit);
    }
}

#[test]
fn the_office_workflow_runs_on_ten_real_reports() {
    let t = Instant::now();
    for rel in REPORTS {
        workflow(rel);
    }
    eprintln!("ten reports, whole workflow: {:?}", t.elapsed());
}

/// An output path the user mistyped is refused before any work, in Chinese (it was the
/// system's "Is a directory (os error 21)" after the whole render; a package's missing
/// folder was blamed on the library), and an export that failed never says
/// 仍已按要求导出.
#[test]
fn a_folder_or_a_missing_folder_as_output_is_said_in_chinese() {
    let lib = Lib::new();
    ok(
        &lib,
        "whoami",
        &["whoami", "--name", "张三", "--role", "drafter"],
    );
    let src = fixture("import-real/07-sifabu-2022.txt");
    let id = ok(&lib, "import", &["import", src.to_str().unwrap()]);
    let id = id.lines().last().unwrap().trim().to_string();
    let id = id.as_str();
    ok(&lib, "save-version", &["save-version", id]);
    let folder = lib.dir.path().to_str().unwrap().to_string();
    let missing = lib.dir.path().join("没有这个文件夹").join("报告.pdf");
    let missing = missing.to_str().unwrap();
    let not_a_folder = lib.db.join("报告.pdf");
    let not_a_folder = not_a_folder.to_str().unwrap();
    for args in [
        vec!["export", id, "--format", "pdf", "-o", &folder],
        vec!["export", id, "--format", "docx", "-o", &folder],
        vec!["redline", id, "--from", "1", "-o", &folder],
        vec!["package", "export", id, "-o", &folder],
        vec!["log", id, "--csv", &folder],
        vec!["lexicon", "export", "-o", &folder],
    ] {
        let err = refused(&lib, "output is a folder", &args);
        assert!(err.contains("这是一个文件夹"), "{args:?}: {err}");
        assert!(!err.contains("仍已按要求导出"), "{args:?}: {err}");
    }
    for args in [
        vec!["export", id, "--format", "pdf", "-o", missing],
        vec!["export", id, "--format", "html", "-o", missing],
        vec![
            "redline", id, "--from", "1", "--format", "docx", "-o", missing,
        ],
        vec!["package", "export", id, "-o", missing],
        vec!["log", id, "--csv", missing],
    ] {
        let err = refused(&lib, "folder missing", &args);
        assert!(err.contains("没有这个文件夹”不存在"), "{args:?}: {err}");
        assert!(
            !err.contains("资料库"),
            "{args:?}: blamed on the library: {err}"
        );
        assert!(!err.contains("仍已按要求导出"), "{args:?}: {err}");
    }
    // A folder given where a file is read (it was the system's "Is a directory").
    let err = refused(&lib, "put a folder", &["put", id, &folder]);
    assert!(err.contains("这是一个文件夹"), "{err}");
    let err = refused(
        &lib,
        "not a folder",
        &["export", id, "--format", "pdf", "-o", not_a_folder],
    );
    assert!(err.contains("不是文件夹"), "{err}");
    // Nothing was left behind, and the library still exports.
    let names: Vec<_> = std::fs::read_dir(lib.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp") || n.contains(".part"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
    let good = lib.dir.path().join("报告.pdf");
    ok(
        &lib,
        "export",
        &[
            "export",
            id,
            "--format",
            "pdf",
            "-o",
            good.to_str().unwrap(),
        ],
    );
}

/// 第几处 counts from 1: --occurrence 0 is refused, not taken as the first.
#[test]
fn occurrence_zero_is_refused() {
    let lib = Lib::new();
    ok(
        &lib,
        "whoami",
        &["whoami", "--name", "张三", "--role", "drafter"],
    );
    let src = fixture("import-real/07-sifabu-2022.txt");
    let id = ok(&lib, "import", &["import", src.to_str().unwrap()]);
    let id = id.lines().last().unwrap().trim().to_string();
    for args in [
        vec![
            "comment",
            "add",
            &id,
            "--quote",
            "司法部",
            "--text",
            "x",
            "--occurrence",
            "0",
        ],
        vec![
            "changes",
            "suggest",
            &id,
            "--quote",
            "司法部",
            "--with",
            "x",
            "--occurrence",
            "0",
        ],
    ] {
        let err = refused(&lib, "occurrence 0", &args);
        assert!(err.contains("--occurrence"), "{err}");
    }
    let list: Value =
        serde_json::from_str(&ok(&lib, "comments", &["comment", "list", &id, "--json"])).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(0), "{list}");
}

/// Three people comment on one library at once (the app open and two `fazhi` runs):
/// every comment is stored. Each write took SQLite's write lock only when it first
/// wrote, so one that had read before another's commit failed at once as
/// 资料库正被其他程序占用 without waiting (27 of 45 refused here before).
#[test]
fn concurrent_writers_on_one_library_all_succeed() {
    let lib = Lib::new();
    ok(
        &lib,
        "whoami",
        &["whoami", "--name", "张三", "--role", "drafter"],
    );
    let src = fixture("import-real/07-sifabu-2022.txt");
    let id = ok(&lib, "import", &["import", src.to_str().unwrap()]);
    let id = id.lines().last().unwrap().trim().to_string();
    let per_writer = 12;
    std::thread::scope(|s| {
        for w in 0..3 {
            let (lib, id) = (&lib, id.as_str());
            s.spawn(move || {
                for i in 0..per_writer {
                    let text = format!("第{w}人第{i}条");
                    ok(
                        lib,
                        "comment add",
                        &["comment", "add", id, "--quote", "司法部", "--text", &text],
                    );
                }
            });
        }
        let (lib, id) = (&lib, id.as_str());
        s.spawn(move || {
            for _ in 0..per_writer {
                ok(lib, "save-version", &["save-version", id]);
            }
        });
    });
    let list: Value =
        serde_json::from_str(&ok(&lib, "comments", &["comment", "list", &id, "--json"])).unwrap();
    assert_eq!(
        list.as_array().map(Vec::len),
        Some(3 * per_writer),
        "{list}"
    );
    let revs: Value =
        serde_json::from_str(&ok(&lib, "revisions", &["revisions", &id, "--json"])).unwrap();
    assert_eq!(revs.as_array().map(Vec::len), Some(per_writer), "{revs}");
}
