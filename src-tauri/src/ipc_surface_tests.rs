//! The IPC surface is listed once (`command_list::COMMANDS`); the handler, the
//! capability file and the generated permissions must agree with that list, so
//! a command cannot be exposed without being listed and allowed on purpose.

use std::collections::BTreeSet;

use crate::COMMANDS;

fn listed() -> BTreeSet<String> {
    COMMANDS.iter().map(|c| c.to_string()).collect()
}

#[test]
fn capability_allows_exactly_the_listed_commands() {
    let cap: serde_json::Value =
        serde_json::from_str(include_str!("../capabilities/default.json")).unwrap();
    let perms: BTreeSet<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let expected: BTreeSet<String> = COMMANDS
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        perms, expected,
        "capabilities/default.json must allow exactly COMMANDS"
    );
    assert!(
        perms.iter().all(|p| !p.contains(':')),
        "no core or plugin permission may be granted"
    );
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
}

#[test]
fn handler_registers_exactly_the_listed_commands() {
    let src = include_str!("lib.rs");
    let start = src.find("generate_handler![").unwrap();
    let end = start + src[start..].find(']').unwrap();
    let registered: BTreeSet<String> = src[start..end]
        .split(',')
        .filter_map(|s| s.trim().rsplit("::").next())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty() && !s.contains('['))
        .collect();
    assert_eq!(registered, listed());
}

#[test]
fn csp_is_strict_and_local() {
    let conf: serde_json::Value = serde_json::from_str(include_str!("../tauri.conf.json")).unwrap();
    let csp = conf["app"]["security"]["csp"].as_str().unwrap();
    assert!(csp.contains("default-src 'self'"));
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"));
    assert!(!csp.contains("http://") || csp.contains("http://ipc.localhost"));
    assert!(!csp.contains("https:"), "no remote origin");
    assert_eq!(conf["app"]["windows"][0]["title"], "法治报告编写器");
}
