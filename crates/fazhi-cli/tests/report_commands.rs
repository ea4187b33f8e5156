//! The [slice] CLI, driven as a user would: a fresh library per test.

mod common;

use std::process::Command;

use common::{write, Lib};
use serde_json::Value;

#[test]
fn new_prints_the_id_and_list_shows_it() {
    let lib = Lib::new();
    let id = lib.new_report("梅河口市人民政府", "2019");
    assert_eq!(id.len(), 12, "{id}");
    let list = lib.json(&["list"]);
    let rows = list.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["id"], id.as_str());
    assert_eq!(rows[0]["issuer"], "梅河口市人民政府");
    assert_eq!(rows[0]["year"], 2019);
    assert_eq!(rows[0]["status"], "draft");
    assert_eq!(rows[0]["status_label"], "草稿");
    let text = lib.ok(&["list"]);
    assert!(text.contains("梅河口市人民政府") && text.contains("草稿"));
}

#[test]
fn show_json_has_parts_in_order_with_roles_headings_and_sections() {
    let lib = Lib::new();
    let id = lib.new_report("梅河口市人民政府", "2019");
    let r = lib.json(&["show", &id]);
    assert_eq!(r["id"], id.as_str());
    assert_eq!(
        r["title"],
        "梅河口市人民政府关于2019年法治政府建设情况的报告"
    );
    let parts = r["parts"].as_array().unwrap();
    let roles: Vec<&str> = parts.iter().map(|p| p["role"].as_str().unwrap()).collect();
    assert_eq!(roles, ["measures", "shortcomings", "leadership", "plans"]);
    assert_eq!(
        parts[0]["heading"],
        "2019年推进法治政府建设的主要举措和成效"
    );
    assert_eq!(parts[3]["heading"], "2020年推进法治政府建设的主要安排");
    let s = &parts[0]["sections"][0];
    assert_eq!(s["heading"], "依法全面履行政府职能");
    assert!(s["paragraphs"].is_array() && s["sections"].is_array());
    // human form: numbering derived from position
    let text = lib.ok(&["show", &id]);
    assert!(text.contains("一、2019年推进法治政府建设的主要举措和成效"));
    assert!(text.contains("（八）完善法治政府建设组织保障和落实机制"));
    assert!(text.contains("四、2020年推进法治政府建设的主要安排"));
}

#[test]
fn leadership_first_template_and_fifth_part() {
    let lib = Lib::new();
    let id = lib
        .ok(&[
            "new",
            "--issuer",
            "某县人民政府",
            "--year",
            "2023",
            "--template",
            "leadership-first",
            "--with-other",
        ])
        .trim()
        .to_string();
    let r = lib.json(&["show", &id]);
    let roles: Vec<&str> = r["parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["role"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        ["leadership", "measures", "shortcomings", "plans", "other"]
    );
}

#[test]
fn year_past_the_outline_table_is_announced() {
    let lib = Lib::new();
    let out = lib.run(&["new", "--issuer", "某县人民政府", "--year", "2027"]);
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("不在纲要对照表内"), "{err}");
}

#[test]
fn put_validates_exactly_like_the_app_and_changes_nothing_when_refused() {
    let lib = Lib::new();
    let id = lib.new_report("梅河口市人民政府", "2019");
    let dir = tempfile::tempdir().unwrap();
    let before = lib.json(&["show", &id]);

    // a part removed
    let mut doc = before.clone();
    doc["parts"].as_array_mut().unwrap().remove(1);
    let f = write(dir.path(), "missing.json", &doc);
    let out = lib.run(&["put", &id, f.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("缺少法定部分“存在的不足和原因”"));

    // parts reordered
    let mut doc = before.clone();
    doc["parts"].as_array_mut().unwrap().swap(0, 3);
    let f = write(dir.path(), "order.json", &doc);
    let out = lib.run(&["put", &id, f.to_str().unwrap()]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("顺序不符合模板"));

    // an unknown role
    let mut doc = before.clone();
    doc["parts"][1]["role"] = "achievements".into();
    let f = write(dir.path(), "role.json", &doc);
    let out = lib.run(&["put", &id, f.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert!(err["error"]["message"]
        .as_str()
        .unwrap()
        .contains("未知的部分类型"));

    // a heading that no longer names its item
    let mut doc = before.clone();
    doc["parts"][2]["heading"] = "2019年工作亮点".into();
    let f = write(dir.path(), "heading.json", &doc);
    assert!(!lib.run(&["put", &id, f.to_str().unwrap()]).status.success());

    // five levels deep
    let mut doc = before.clone();
    doc["parts"][0]["sections"][0]["sections"] = serde_json::json!([
        {"heading": "1.", "sections": [{"heading": "（1）", "sections": [{"heading": "第五级"}]}]}
    ]);
    let f = write(dir.path(), "deep.json", &doc);
    let out = lib.run(&["put", &id, f.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("层级过深"));

    let after = lib.json(&["show", &id]);
    assert_eq!(after, before, "a refused put must change nothing");

    // and a valid edit goes through, ids assigned to new nodes
    let mut doc = before.clone();
    doc["parts"][1]["paragraphs"] = serde_json::json!([{ "text": "一是法治意识有待提高。" }]);
    let f = write(dir.path(), "ok.json", &doc);
    let saved = lib.json(&["put", &id, f.to_str().unwrap()]);
    assert_eq!(saved["id"], id.as_str());
    let after = lib.json(&["show", &id]);
    let p = &after["parts"][1]["paragraphs"][0];
    assert_eq!(p["text"], "一是法治意识有待提高。");
    assert_eq!(p["id"].as_str().unwrap().len(), 12);
}

#[test]
fn versions_can_be_saved_listed_and_restored() {
    let lib = Lib::new();
    let id = lib.new_report("梅河口市人民政府", "2019");
    let dir = tempfile::tempdir().unwrap();
    let mut doc = lib.json(&["show", &id]);
    doc["preface"][0]["text"] = "初稿前言。".into();
    lib.ok(&[
        "put",
        &id,
        write(dir.path(), "a.json", &doc).to_str().unwrap(),
    ]);
    assert_eq!(lib.ok(&["save-version", &id, "-m", "初稿"]).trim(), "1");
    doc["preface"][0]["text"] = "修改后的前言。".into();
    lib.ok(&[
        "put",
        &id,
        write(dir.path(), "b.json", &doc).to_str().unwrap(),
    ]);
    let revs = lib.json(&["revisions", &id]);
    assert_eq!(revs[0]["message"], "初稿");
    assert_eq!(revs[0]["id"], id.as_str());
    let restored = lib.json(&["restore", &id, "1"]);
    assert_eq!(restored["revision"], 2);
    assert_eq!(lib.json(&["show", &id])["preface"][0]["text"], "初稿前言。");
    let out = lib.run(&["restore", &id, "7"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到版本"));
}

#[test]
fn search_and_delete() {
    let lib = Lib::new();
    let a = lib.new_report("梅河口市人民政府", "2019");
    let _b = lib.new_report("通化市司法局", "2021");
    let hits = lib.json(&["search", "梅河口"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["id"], a.as_str());
    assert_eq!(
        lib.json(&["list", "--search", "司法局"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let del = lib.json(&["delete", &a]);
    assert_eq!(del["id"], a.as_str());
    assert_eq!(lib.json(&["list"]).as_array().unwrap().len(), 1);
    let out = lib.run(&["show", &a]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("找不到报告"));
}

#[test]
fn bad_input_gets_a_chinese_message_not_a_panic() {
    let lib = Lib::new();
    let id = lib.new_report("梅河口市人民政府", "2019");
    let dir = tempfile::tempdir().unwrap();
    let junk = dir.path().join("junk.json");
    std::fs::write(&junk, [0xff, 0xfe, 0x00, 0x01]).unwrap();
    let out = lib.run(&["put", &id, junk.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是 UTF-8"));
    let out = lib.run(&["put", &id, "/nonexistent/x.json"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("文件不存在"));
    let out = lib.run(&["new", "--issuer", " ", "--year", "2019"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("发文机关不能为空"));
    // a file that is not a library is refused and left alone
    let notlib = dir.path().join("notes.txt");
    std::fs::write(&notlib, "会议纪要".repeat(100)).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .args(["--db", notlib.to_str().unwrap(), "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("不是本程序的资料库"));
    assert_eq!(
        std::fs::read_to_string(&notlib).unwrap(),
        "会议纪要".repeat(100)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
}

#[test]
fn version_flag() {
    let out = Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("fazhi "));
}
