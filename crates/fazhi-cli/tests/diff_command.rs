//! `fazhi diff ID A B`: compare two revisions, or a revision and the current text.

mod common;

use common::Lib;
use serde_json::Value;

#[test]
fn diff_lists_added_removed_and_changed_text() {
    let lib = Lib::new();
    let id = lib.ok(&["new", "--issuer", "梅河口市人民政府", "--year", "2019"]);
    let id = id.trim();
    let mut doc: Value = serde_json::from_str(&lib.ok(&["show", id, "--json"])).unwrap();
    doc["preface"] =
        serde_json::json!([{ "text": "深化“放管服”改革。" }, { "text": "优化营商环境。" }]);
    lib.put(id, &doc);
    assert_eq!(lib.ok(&["save-version", id]).trim(), "1");
    let mut doc: Value = serde_json::from_str(&lib.ok(&["show", id, "--json"])).unwrap();
    doc["preface"][0]["text"] = "深入推进“放管服”改革。".into();
    doc["preface"].as_array_mut().unwrap().remove(1);
    doc["closing"] = serde_json::json!([{ "text": "特此报告。" }]);
    lib.put(id, &doc);

    let text = lib.ok(&["diff", id, "1"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "第1版 → 当前内容：新增1处，删除1处，修改1处（增8字，删8字）"
    );
    assert!(
        lines.contains(&"~ 　　深[-化-]{+入推进+}“放管服”改革。"),
        "{text}"
    );
    assert!(lines.contains(&"- 　　优化营商环境。"), "{text}");
    assert!(lines.contains(&"+ 　　特此报告。"), "{text}");

    let json: Value =
        serde_json::from_str(&lib.ok(&["diff", id, "1", "current", "--json"])).unwrap();
    assert_eq!(json["stats"]["changed"], 1);
    let changed = json["blocks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["change"] == "changed")
        .unwrap();
    assert_eq!(changed["old"], "深化“放管服”改革。");
    assert_eq!(changed["new"], "深入推进“放管服”改革。");

    assert_eq!(
        lib.ok(&["diff", id, "1", "1"]).trim(),
        "第1版与第1版内容相同"
    );
}

#[test]
fn diff_with_bad_revisions_says_why_in_chinese() {
    let lib = Lib::new();
    let id = lib.ok(&["new", "--issuer", "某县人民政府", "--year", "2023"]);
    let id = id.trim();
    let out = lib.run(&["diff", id, "abc"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是版本号"));
    let out = lib.run(&["diff", id, "3"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到版本"));
}
