//! `fazhi serve-ipc`: the app's commands over loopback HTTP, as the browser
//! tests use them — the real Rust behind every answer.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};

struct Server {
    child: Child,
    addr: String,
    token: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &std::path::Path) -> Server {
    start_with(dir, true)
}

fn start_with(dir: &std::path::Path, hooks: bool) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(["--db"])
        .arg(dir.join("lib.sqlite3"))
        .args(["serve-ipc", "--port", "0"])
        .args(hooks.then_some("--test-hooks"))
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(&line).unwrap();
    Server {
        child,
        addr: v["url"]
            .as_str()
            .unwrap()
            .trim_start_matches("http://")
            .into(),
        token: v["token"].as_str().unwrap().into(),
    }
}

/// (status, JSON body) of one request.
fn request(
    s: &Server,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> (u16, serde_json::Value) {
    let mut tcp = TcpStream::connect(&s.addr).unwrap();
    write!(
        tcp,
        "{method} {path} HTTP/1.1\r\nHost: {}\r\nx-fazhi-token: {token}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        s.addr,
        body.len()
    )
    .unwrap();
    let mut out = String::new();
    tcp.read_to_string(&mut out).unwrap();
    let status = out[9..12].parse().unwrap();
    let json = out.split_once("\r\n\r\n").unwrap().1;
    (
        status,
        serde_json::from_str(json).unwrap_or(serde_json::Value::Null),
    )
}

fn call(s: &Server, cmd: &str, args: serde_json::Value) -> (u16, serde_json::Value) {
    request(
        s,
        "POST",
        &format!("/ipc/{cmd}"),
        &s.token,
        &args.to_string(),
    )
}

#[test]
fn the_test_server_answers_the_app_s_commands_with_the_real_backend() {
    let dir = tempfile::tempdir().unwrap();
    let s = start(dir.path());

    // No token, no answer.
    let (status, body) = request(&s, "POST", "/ipc/list_reports", "wrong", "{}");
    assert_eq!(status, 403, "{body}");

    // The first start imported the sample, as the app does.
    let (status, list) = call(&s, "list_reports", serde_json::json!({}));
    assert_eq!(status, 200, "{list}");
    assert_eq!(list.as_array().unwrap().len(), 1);

    // A fresh library without the sample.
    let (status, _) = request(&s, "POST", "/__test/reset", &s.token, "{}");
    assert_eq!(status, 200);
    let (_, list) = call(&s, "list_reports", serde_json::json!({}));
    assert_eq!(list, serde_json::json!([]));

    let (status, created) = call(
        &s,
        "create_report",
        serde_json::json!({ "input": { "issuer": "通化市人民政府", "year": 2020 } }),
    );
    assert_eq!(status, 200, "{created}");
    let id = created["report"]["id"].as_str().unwrap().to_string();

    // The core's own refusal, in Chinese: a control character (U+0085, which a
    // hand-written check in the UI once let through).
    let (_, view) = call(&s, "get_report", serde_json::json!({ "id": id }));
    let mut doc = view.clone();
    doc["preface"] = serde_json::json!([{ "text": "前言\u{85}" }]);
    let (status, err) = call(
        &s,
        "save_report",
        serde_json::json!({ "id": id, "expectedVersion": view["version"], "document": doc }),
    );
    assert_eq!(status, 400, "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("控制字符"),
        "{err}"
    );

    // A dialog answered by the test: the export lands where it said.
    let out = dir.path().join("导出.docx");
    let (status, _) = request(
        &s,
        "POST",
        "/__test/dialog",
        &s.token,
        &serde_json::json!({ "purpose": "EXPORT", "path": out }).to_string(),
    );
    assert_eq!(status, 200);
    let (status, exported) = call(
        &s,
        "export_report",
        serde_json::json!({ "id": id, "format": "docx", "profile": "filing" }),
    );
    assert_eq!(status, 200, "{exported}");
    assert!(std::fs::read(&out).unwrap().starts_with(b"PK"));

    // Unknown commands and bad arguments are refused with a reason.
    let (status, err) = call(&s, "format_disk", serde_json::json!({}));
    assert_eq!(
        (status, err["code"].as_str()),
        (400, Some("unknown_command"))
    );
    let (status, err) = call(&s, "get_report", serde_json::json!({ "id": 5 }));
    assert_eq!((status, err["code"].as_str()), (400, Some("bad_arguments")));
}

fn hook(s: &Server, path: &str, args: serde_json::Value) -> (u16, serde_json::Value) {
    request(s, "POST", path, &s.token, &args.to_string())
}

/// The argument of `window.__fazhiImportDropped(…)` in the script the drop hook answers.
fn dropped_outcome(script: &str) -> serde_json::Value {
    let json = script
        .split_once("window.__fazhiImportDropped(")
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or_else(|| panic!("not the drop script: {script}"));
    serde_json::from_str(json).unwrap()
}

#[test]
fn test_hooks_drop_files_and_launch_with_a_package_through_the_app_layer() {
    let dir = tempfile::tempdir().unwrap();
    let s = start(dir.path());
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../assets/samples/meihekou-2019-web.txt"
    );

    // Start-up notices: a first start imports the sample and says so.
    let (status, _) = hook(&s, "/__test/reset", serde_json::json!({ "sample": true }));
    assert_eq!(status, 200);
    let (_, info) = call(&s, "app_info", serde_json::json!({}));
    assert!(
        info["notices"][0]
            .as_str()
            .unwrap()
            .starts_with("已导入示例报告"),
        "{info}"
    );
    hook(&s, "/__test/reset", serde_json::json!({}));
    let (_, info) = call(&s, "app_info", serde_json::json!({}));
    assert_eq!(info["notices"], serde_json::json!([]), "{info}");

    // A dropped file: the same preview as the import dialog's, and it can be confirmed.
    let (status, dropped) = hook(&s, "/__test/drop", serde_json::json!({ "paths": [sample] }));
    assert_eq!(status, 200, "{dropped}");
    let outcome = dropped_outcome(dropped["script"].as_str().unwrap());
    let preview = &outcome["preview"];
    assert_eq!(preview["fileName"], "meihekou-2019-web.txt", "{outcome}");
    let (status, view) = call(
        &s,
        "confirm_import",
        serde_json::json!({ "token": preview["token"], "options": { "issuer": "梅河口市人民政府", "year": 2019, "template_id": null } }),
    );
    assert_eq!(status, 200, "{view}");
    // Two files, or a folder: a message in Chinese, nothing pending.
    let (_, two) = hook(
        &s,
        "/__test/drop",
        serde_json::json!({ "paths": [sample, sample] }),
    );
    let outcome = dropped_outcome(two["script"].as_str().unwrap());
    assert_eq!(outcome["error"]["code"], "many_files", "{outcome}");
    let (_, folder) = hook(
        &s,
        "/__test/drop",
        serde_json::json!({ "paths": [dir.path()] }),
    );
    let outcome = dropped_outcome(folder["script"].as_str().unwrap());
    assert!(
        outcome["error"]["message"]
            .as_str()
            .unwrap()
            .contains("是文件夹"),
        "{outcome}"
    );

    // A review package on the command line opens once, as a review copy.
    let id = view["id"].as_str().unwrap().to_string();
    call(
        &s,
        "set_identity",
        serde_json::json!({ "name": "王起草", "role": "drafter" }),
    );
    let package = dir.path().join("审阅包.fzbg");
    hook(
        &s,
        "/__test/dialog",
        serde_json::json!({ "purpose": "PACKAGE_EXPORT", "path": package }),
    );
    let (status, exported) = call(&s, "export_review_package", serde_json::json!({ "id": id }));
    assert_eq!(status, 200, "{exported}");
    hook(&s, "/__test/reset", serde_json::json!({}));
    call(
        &s,
        "set_identity",
        serde_json::json!({ "name": "李审核", "role": "reviewer" }),
    );
    let (status, _) = hook(
        &s,
        "/__test/launch",
        serde_json::json!({ "args": ["--verbose"] }),
    );
    assert_eq!(status, 400, "no package among the arguments");
    let (status, launched) = hook(
        &s,
        "/__test/launch",
        serde_json::json!({ "args": [package] }),
    );
    assert_eq!(status, 200, "{launched}");
    assert!(launched["script"]
        .as_str()
        .unwrap()
        .contains("window.__fazhiOpenLaunchPackage()"));
    let (status, opened) = call(&s, "open_launch_package", serde_json::json!({}));
    assert_eq!(status, 200, "{opened}");
    assert_eq!(opened["report"]["id"], id.as_str(), "{opened}");
    let (_, again) = call(&s, "open_launch_package", serde_json::json!({}));
    assert_eq!(again, serde_json::Value::Null, "opened once");

    // Without --test-hooks there are no hooks.
    let plain_dir = tempfile::tempdir().unwrap();
    let plain = start_with(plain_dir.path(), false);
    let (status, _) = hook(
        &plain,
        "/__test/drop",
        serde_json::json!({ "paths": [sample] }),
    );
    assert_eq!(status, 404);
    let (status, _) = hook(
        &plain,
        "/__test/launch",
        serde_json::json!({ "args": [package] }),
    );
    assert_eq!(status, 404);
    // And a hook without the token is refused like any request.
    let (status, _) = request(&s, "POST", "/__test/drop", "wrong", "{}");
    assert_eq!(status, 403);
}
