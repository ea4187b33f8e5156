//! 修订 (tracked changes) through the CLI, as users would: a reviewer suggests
//! in 审阅中, the drafter (a new process each time: survives restarts) lists,
//! accepts one, rejects one, accepts all of one reviewer; 定稿 waits for
//! pending changes; packages carry them; the audit log records each decision.

mod common;

use common::Lib;
use serde_json::Value;

impl Lib {
    fn report_in_review(&self) -> String {
        self.ok(&["whoami", "--name", "王起草", "--role", "drafter"]);
        let id = self.new_report("梅河口市人民政府", "2019");
        let mut doc = self.json(&["show", &id]);
        doc["parts"][0]["paragraphs"] = serde_json::json!([
            { "id": "p1", "text": "全年共审查规范性文件12件，纠正违法文件2件。" },
            { "id": "p2", "text": "办理行政复议案件30件，行政应诉案件15件。" }
        ]);
        doc["parts"][1]["paragraphs"] =
            serde_json::json!([{ "id": "p3", "text": "行政执法规范化水平有待提高。" }]);
        self.put(&id, &doc);
        self.ok(&["status", &id, "--to", "review"]);
        id
    }

    fn suggest(&self, id: &str, quote: &str, with: &str) -> String {
        self.ok(&["changes", "suggest", id, "--quote", quote, "--with", with])
            .trim()
            .to_string()
    }

    fn paragraph(&self, id: &str, part: usize, i: usize) -> String {
        let doc = self.json(&["show", id]);
        doc["parts"][part]["paragraphs"][i]["text"]
            .as_str()
            .unwrap()
            .to_string()
    }
}

fn ids(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn reviewers_suggest_and_the_drafter_decides_across_restarts() {
    let lib = Lib::new();
    let id = lib.report_in_review();
    let original = lib.json(&["show", &id]);

    lib.ok(&["whoami", "--name", "李审核", "--role", "reviewer"]);
    let a = lib.suggest(&id, "12件", "15件");
    assert_eq!(a.len(), 12, "prints the change id: {a}");
    let b = lib.suggest(&id, "纠正违法文件2件", "");
    let c = lib.json(&[
        "changes", "suggest", &id, "--quote", "30件", "--with", "32件",
    ]);
    assert_eq!(c["kind"], "replace");
    assert_eq!(c["author"], "李审核");
    assert_eq!(c["role"], "reviewer");
    lib.ok(&["whoami", "--name", "赵审核", "--role", "reviewer"]);
    let d = lib.suggest(&id, "有待提高", "仍需进一步提高");

    // The original text is unchanged; a reviewer's direct edit is refused.
    let now = lib.json(&["show", &id]);
    assert_eq!(now["parts"], original["parts"]);
    assert_eq!(now["version"], original["version"]);
    let mut edited = now.clone();
    edited["parts"][0]["paragraphs"][0]["text"] = "直接改写".into();
    let f = common::write(lib.dir.path(), "edited.json", &edited);
    let err = lib.fails(&["put", &id, f.to_str().unwrap()]);
    assert!(err.contains("审核人不能直接修改正文"), "{err}");

    // New process, the drafter: the list is there with author, role, time, texts, place.
    lib.ok(&["whoami", "--name", "王起草", "--role", "drafter"]);
    let list = lib.json(&["changes", "list", &id]);
    assert_eq!(ids(&list).len(), 4);
    let first = &list[0];
    for key in [
        "id",
        "kind",
        "author",
        "role",
        "created_at",
        "old",
        "new",
        "location",
    ] {
        assert!(!first[key].is_null(), "{key} missing in {first}");
    }
    assert_eq!(first["old"], "2");
    assert_eq!(first["new"], "5");
    let human = lib.ok(&["changes", "list", &id]);
    assert!(human.contains("李审核（审核人）"), "{human}");
    assert!(human.contains("删除"), "{human}");

    // 定稿 waits for them.
    lib.ok(&["whoami", "--name", "张签发", "--role", "approver"]);
    let err = lib.fails(&["status", &id, "--to", "final"]);
    assert!(err.contains("4处待处理修订"), "{err}");
    lib.ok(&["whoami", "--name", "王起草", "--role", "drafter"]);

    // Accept one, reject one.
    let out = lib.ok(&["changes", "accept", &id, &a]);
    assert!(out.contains("已接受修订1处"), "{out}");
    assert_eq!(
        lib.paragraph(&id, 0, 0),
        "全年共审查规范性文件15件，纠正违法文件2件。"
    );
    lib.ok(&["changes", "reject", &id, &b]);
    assert_eq!(
        lib.paragraph(&id, 0, 0),
        "全年共审查规范性文件15件，纠正违法文件2件。"
    );
    let err = lib.fails(&["changes", "accept", &id, &b]);
    assert!(err.contains("已拒绝"), "{err}");

    // Accept all of 李审核's: only the 30件 one is left of theirs.
    let out = lib.json(&["changes", "accept", &id, "--all", "--author", "李审核"]);
    assert_eq!(out["decided"].as_array().unwrap().len(), 1);
    assert_eq!(
        lib.paragraph(&id, 0, 1),
        "办理行政复议案件32件，行政应诉案件15件。"
    );
    assert_eq!(lib.paragraph(&id, 1, 0), "行政执法规范化水平有待提高。");
    let left = lib.json(&["changes", "list", &id]);
    assert_eq!(ids(&left), vec![d.clone()]);
    lib.ok(&["changes", "reject", &id, "--all"]);
    assert!(lib
        .ok(&["changes", "list", &id])
        .contains("没有待处理的修订"));
    let all = lib.json(&["changes", "list", &id, "--all"]);
    assert_eq!(ids(&all).len(), 4);

    // Every decision is in the audit log.
    let log = lib.json(&["log", &id]);
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(
        actions.iter().filter(|a| **a == "change_suggest").count(),
        4
    );
    assert_eq!(actions.iter().filter(|a| **a == "change_accept").count(), 2);
    assert_eq!(actions.iter().filter(|a| **a == "change_reject").count(), 2);
    let human = lib.ok(&["log", &id]);
    assert!(human.contains("接受修订"), "{human}");

    // Nothing pending: 定稿 no longer waits for changes (only for the
    // check's findings on this short test text).
    lib.ok(&["whoami", "--name", "张签发", "--role", "approver"]);
    let err = lib.fails(&["status", &id, "--to", "final"]);
    assert!(!err.contains("修订"), "{err}");
}

#[test]
fn a_suggestion_deleting_a_statutory_heading_is_refused() {
    let lib = Lib::new();
    let id = lib.report_in_review();
    lib.ok(&["whoami", "--name", "李审核", "--role", "reviewer"]);
    let doc = lib.json(&["show", &id]);
    let heading = doc["parts"][2]["heading"].as_str().unwrap().to_string();
    let err = lib.fails(&["changes", "suggest", &id, "--quote", &heading, "--with", ""]);
    assert!(err.contains("不符合法定结构"), "{err}");
    let err = lib.fails(&[
        "changes",
        "suggest",
        &id,
        "--quote",
        "没有这句话",
        "--with",
        "x",
    ]);
    assert!(err.contains("找不到"), "{err}");
    let err = lib.fails(&["changes", "accept", &id, "not-an-id!"]);
    assert!(err.contains("修订编号无效"), "{err}");
    let err = lib.fails(&["changes", "accept", &id, "aaaaaaaaaaaa"]);
    assert!(err.contains("找不到修订"), "{err}");
    assert!(lib
        .ok(&["changes", "list", &id])
        .contains("没有待处理的修订"));
}

#[test]
fn review_packages_carry_changes_and_merge_once() {
    let drafter = Lib::new();
    let id = drafter.report_in_review();
    let out = drafter.dir.path().join("out.fzbg");
    drafter.ok(&["package", "export", &id, "-o", out.to_str().unwrap()]);

    let reviewer = Lib::new();
    reviewer.ok(&["whoami", "--name", "李审核", "--role", "reviewer"]);
    reviewer.ok(&["package", "open", out.to_str().unwrap()]);
    let c = reviewer.suggest(&id, "15件", "16件");
    let back = reviewer.dir.path().join("back.fzbg");
    reviewer.ok(&["package", "export", &id, "-o", back.to_str().unwrap()]);

    let m = drafter.json(&["package", "merge", back.to_str().unwrap()]);
    assert_eq!(m["changes_added"], 1);
    let again = drafter.json(&["package", "merge", back.to_str().unwrap()]);
    assert_eq!(again["changes_added"], 0);
    let list = drafter.json(&["changes", "list", &id]);
    assert_eq!(ids(&list), vec![c.clone()]);
    assert_eq!(list[0]["author"], "李审核");
    drafter.ok(&["changes", "accept", &id, &c]);
    assert_eq!(
        drafter.paragraph(&id, 0, 1),
        "办理行政复议案件30件，行政应诉案件16件。"
    );
}

/// The flags exactly as #17 names them: `suggest … --occurrence N --json`,
/// `reject ID --all --author NAME`, and CHANGE_ID and --all excluding each other.
#[test]
fn the_flags_of_the_issue_work_as_written() {
    let lib = Lib::new();
    let id = lib.report_in_review();
    lib.ok(&["whoami", "--name", "李审核", "--role", "reviewer"]);
    // "件" stands four times in the first paragraph (文件, 12件, 文件, 2件): the fifth
    // is the one of 案件 in the second.
    let c = lib.json(&[
        "changes",
        "suggest",
        &id,
        "--quote",
        "件",
        "--with",
        "宗",
        "--occurrence",
        "5",
    ]);
    assert_eq!(c["kind"], "replace");
    assert_eq!(c["author"], "李审核");
    assert!(c["location"].as_str().unwrap().contains("第2段"), "{c}");
    assert!(
        c["prefix"].as_str().unwrap().ends_with("办理行政复议案"),
        "{c}"
    );
    lib.ok(&["whoami", "--name", "赵法制", "--role", "reviewer"]);
    lib.suggest(&id, "有待提高", "仍需提高");

    lib.ok(&["whoami", "--name", "王起草", "--role", "drafter"]);
    let out = lib.json(&["changes", "reject", &id, "--all", "--author", "赵法制"]);
    assert_eq!(out["decided"].as_array().unwrap().len(), 1, "{out}");
    assert_eq!(out["decided"][0]["author"], "赵法制");
    let left = lib.json(&["changes", "list", &id]);
    assert_eq!(ids(&left), vec![c["id"].as_str().unwrap().to_string()]);
    // CHANGE_ID or --all, not both, not neither; --author only with --all.
    let cid = c["id"].as_str().unwrap();
    assert!(!lib
        .run(&["changes", "accept", &id, cid, "--all"])
        .status
        .success());
    assert!(!lib.run(&["changes", "accept", &id]).status.success());
    let err = lib.fails(&["changes", "accept", &id, cid, "--author", "李审核"]);
    assert!(err.contains("--author 只能与 --all 一起使用"), "{err}");
    // A change id of another report is refused in Chinese.
    let other = lib.new_report("某县人民政府", "2023");
    let err = lib.fails(&["changes", "accept", &other, cid]);
    assert!(err.contains("没有修订"), "{err}");
    lib.ok(&["changes", "accept", &id, cid]);
    assert_eq!(
        lib.paragraph(&id, 0, 1),
        "办理行政复议案宗30件，行政应诉案件15件。"
    );
}
