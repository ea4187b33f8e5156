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
    let mut child = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(["--db"])
        .arg(dir.join("lib.sqlite3"))
        .args(["serve-ipc", "--port", "0", "--test-hooks"])
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
