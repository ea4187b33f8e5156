//! The [review] CLI, driven as a user would: comments, workflow and lock,
//! the audit log, and review packages between two library files.

mod common;

use common::{write, Lib};

impl Lib {
    /// A report whose first part holds `text` in paragraph `p1`.
    fn report_with(&self, text: &str) -> String {
        let id = self.new_report("梅河口市人民政府", "2019");
        self.put_text(&id, text);
        id
    }

    fn put_text(&self, id: &str, text: &str) {
        let mut doc = self.json(&["show", id]);
        doc["parts"][0]["paragraphs"] = serde_json::json!([{ "id": "p1", "text": text }]);
        self.put(id, &doc);
    }
}

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

#[test]
fn whoami_sets_and_shows_the_identity() {
    let lib = Lib::new();
    assert!(lib.ok(&["whoami"]).contains("尚未设置身份"));
    let err = lib.fails(&["whoami", "--name", "张三", "--role", "boss"]);
    assert!(err.contains("未知的角色“boss”"), "{err}");
    lib.ok(&["whoami", "--name", "张三", "--role", "reviewer"]);
    let me = lib.json(&["whoami"]);
    assert_eq!(me["name"], "张三");
    assert_eq!(me["role"], "reviewer");
    assert!(lib.ok(&["whoami"]).contains("张三（审核人）"));
}

#[test]
fn a_comment_survives_edits_around_it_and_is_kept_when_its_text_goes() {
    let lib = Lib::new();
    let id = lib.report_with("全年共审查规范性文件12件，纠正违法文件2件。");
    let err = lib.fails(&["comment", "add", &id, "--quote", "纠正", "--text", "x"]);
    assert!(err.contains("fazhi whoami"), "{err}");
    lib.ok(&["whoami", "--name", "张三", "--role", "reviewer"]);
    let c = lib.json(&[
        "comment",
        "add",
        &id,
        "--quote",
        "纠正违法文件",
        "--text",
        "请写明文件名称",
    ]);
    let cid = c["id"].as_str().unwrap().to_string();
    assert_eq!(c["anchor"]["start"], 14);
    let err = lib.fails(&[
        "comment",
        "add",
        &id,
        "--quote",
        "文件",
        "--occurrence",
        "9",
        "--text",
        "x",
    ]);
    assert!(err.contains("找不到“文件”（第9处）"), "{err}");

    // Text added before and after the commented words.
    let edited = "2019年，全年共审查规范性文件12件，依法纠正违法文件2件，均已备案。";
    lib.put_text(&id, edited);
    let list = lib.json(&["comment", "list", &id]);
    let a = &list[0]["anchor"];
    let (s, e) = (
        a["start"].as_u64().unwrap() as usize,
        a["end"].as_u64().unwrap() as usize,
    );
    let on: String = chars(edited)[s..e].iter().collect();
    assert_eq!(on, "纠正违法文件");
    assert_eq!(list[0]["orphaned"], false);

    // Reply, resolve, filters.
    lib.ok(&["whoami", "--name", "李四", "--role", "drafter"]);
    lib.ok(&["comment", "reply", &id, &cid, "--text", "已补充"]);
    // A drafter does not close a reviewer's comment (#20): its author or a 签发人 does.
    let err = lib.fails(&["comment", "resolve", &id, &cid]);
    assert!(err.contains("批注人或签发人"), "{err}");
    lib.ok(&["whoami", "--name", "王五", "--role", "approver"]);
    lib.ok(&["comment", "resolve", &id, &cid]);
    assert_eq!(
        lib.json(&["comment", "list", &id, "--open"])
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let resolved = lib.json(&["comment", "list", &id, "--resolved"]);
    assert_eq!(resolved[0]["replies"].as_array().unwrap().len(), 1);
    let err = lib.fails(&["comment", "delete", &id, &cid]);
    assert!(err.contains("只能修改或删除自己的批注"), "{err}");
    lib.ok(&["comment", "reopen", &id, &cid]);

    // The words deleted: the comment stays, orphaned, with its quote.
    lib.put_text(&id, "全年共审查规范性文件12件。");
    let list = lib.json(&["comment", "list", &id]);
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["orphaned"], true);
    assert_eq!(list[0]["anchor"]["quote"], "纠正违法文件");
    assert!(lib.ok(&["comment", "list", &id]).contains("原文已删除"));
}

#[test]
fn workflow_lock_refuses_put_and_restore_until_unfinalized() {
    let lib = Lib::new();
    let id = lib.report_with("全年共审查规范性文件12件。");
    lib.ok(&["save-version", &id, "--message", "初稿"]);
    lib.ok(&["whoami", "--name", "李四", "--role", "drafter"]);
    let err = lib.fails(&["status", &id, "--to", "final"]);
    assert!(err.contains("请先送审"), "{err}");
    lib.ok(&["status", &id, "--to", "review"]);
    let err = lib.fails(&["status", &id, "--to", "final"]);
    assert!(err.contains("只能由签发人执行"), "{err}");
    lib.ok(&["whoami", "--name", "王五", "--role", "approver"]);
    lib.ok(&[
        "comment",
        "add",
        &id,
        "--quote",
        "规范性文件",
        "--text",
        "数字再核",
    ]);
    // The fresh template leaves parts empty: the checks report errors.
    let err = lib.fails(&["status", &id, "--to", "final"]);
    assert!(
        err.contains("定稿前须处理完") && err.contains("1条未解决批注"),
        "{err}"
    );
    let err = lib.fails(&["status", &id, "--to", "final", "--override"]);
    assert!(err.contains("须填写理由"), "{err}");
    let out = lib.json(&[
        "status",
        &id,
        "--to",
        "final",
        "--override",
        "--reason",
        "经主要负责人同意",
    ]);
    assert_eq!(out["status"], "final");
    assert_eq!(out["entry"]["action"], "finalize_override");

    // Locked: put and restore are refused, nothing changes.
    let before = lib.json(&["show", &id]);
    let mut doc = before.clone();
    doc["parts"][0]["paragraphs"][0]["text"] = "改动".into();
    let f = write(lib.dir.path(), "locked.json", &doc);
    let err = lib.fails(&["put", &id, f.to_str().unwrap()]);
    assert!(err.contains("已定稿") && err.contains("撤销定稿"), "{err}");
    let err = lib.fails(&["restore", &id, "1"]);
    assert!(err.contains("内容已锁定"), "{err}");
    assert_eq!(lib.json(&["show", &id])["version"], before["version"]);
    // Comments remain possible on a final report.
    lib.ok(&[
        "comment",
        "add",
        &id,
        "--quote",
        "12件",
        "--text",
        "定稿后意见",
    ]);

    let err = lib.fails(&["status", &id, "--to", "filed", "--date", "2020-02-28"]);
    assert!(err.contains("报送对象"), "{err}");
    lib.ok(&[
        "status",
        &id,
        "--to",
        "filed",
        "--date",
        "2020-02-28",
        "--recipients",
        "市委、市人大常委会",
    ]);
    let err = lib.fails(&["status", &id, "--to", "draft"]);
    assert!(err.contains("撤销定稿") && err.contains("理由"), "{err}");
    lib.ok(&["status", &id, "--to", "draft", "--reason", "数据有误"]);
    lib.ok(&["put", &id, f.to_str().unwrap()]);

    let log = lib.json(&["log", &id]);
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    for a in [
        "submit",
        "comment_add",
        "finalize_override",
        "file",
        "unfinalize",
    ] {
        assert!(actions.contains(&a), "{a} not in {actions:?}");
    }
    let text = lib.ok(&["log", &id]);
    assert!(
        text.contains("王五（签发人）") && text.contains("理由：经主要负责人同意"),
        "{text}"
    );
}

#[test]
fn package_round_trip_between_two_library_files_is_idempotent() {
    let drafter = Lib::new();
    let reviewer = Lib::new();
    let id = drafter.report_with("全年共审查规范性文件12件，纠正违法文件2件。");
    drafter.ok(&["whoami", "--name", "李四", "--role", "drafter"]);
    drafter.ok(&[
        "comment",
        "add",
        &id,
        "--quote",
        "规范性文件",
        "--text",
        "请审核人重点看数字",
    ]);
    let pkg = drafter.dir.path().join("审阅包.fzbg");
    let info = drafter.json(&["package", "export", &id, "-o", pkg.to_str().unwrap()]);
    assert_eq!(info["report_id"], id.as_str());

    reviewer.ok(&["whoami", "--name", "张三", "--role", "reviewer"]);
    let opened = reviewer.json(&["package", "open", pkg.to_str().unwrap()]);
    assert_eq!(opened["report"]["id"], id.as_str());
    // The review copy's text is read-only there.
    let doc = reviewer.json(&["show", &id]);
    let f = write(reviewer.dir.path(), "copy.json", &doc);
    let err = reviewer.fails(&["put", &id, f.to_str().unwrap()]);
    assert!(err.contains("审阅副本"), "{err}");
    let first = reviewer.json(&["comment", "list", &id]);
    let cid = first[0]["id"].as_str().unwrap().to_string();
    reviewer.ok(&["comment", "reply", &id, &cid, "--text", "数字无误"]);
    reviewer.ok(&[
        "comment",
        "add",
        &id,
        "--quote",
        "纠正违法文件",
        "--text",
        "写明文号",
    ]);
    let back = reviewer.dir.path().join("返回.fzbg");
    reviewer.ok(&["package", "export", &id, "-o", back.to_str().unwrap()]);

    // Meanwhile the drafter edited the paragraph.
    drafter.put_text(&id, "2019年全年共审查规范性文件12件，纠正违法文件2件。");
    let merged = drafter.json(&["package", "merge", back.to_str().unwrap()]);
    assert_eq!(merged["added_comments"], 1);
    assert_eq!(merged["added_replies"], 1);
    assert!(
        merged["notices"].to_string().contains("重新定位"),
        "{merged}"
    );
    let list = drafter.json(&["comment", "list", &id]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    let new = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"] == "写明文号")
        .unwrap();
    assert_eq!(new["author"], "张三");
    assert_eq!(new["anchor"]["start"], 19);
    let again = drafter.json(&["package", "merge", back.to_str().unwrap()]);
    assert_eq!(again["added_comments"], 0);
    assert_eq!(again["added_replies"], 0);
    assert_eq!(
        drafter
            .json(&["comment", "list", &id])
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert!(drafter.ok(&["log", &id]).contains("导入审阅意见"));

    // A package for a report this library does not have, and a non-package.
    let other = Lib::new();
    other.ok(&["whoami", "--name", "赵六", "--role", "drafter"]);
    let err = other.fails(&["package", "merge", back.to_str().unwrap()]);
    assert!(err.contains("另一份报告"), "{err}");
    let err = other.fails(&["package", "merge", drafter.db.to_str().unwrap()]);
    assert!(err.contains("不是法治报告审阅包"), "{err}");
}

/// #20 headless: the drafter marks a comment 已处理 with a reply; `log` reads
/// as names and changes, and `--csv` writes the table.
#[test]
fn comment_handled_and_the_readable_log_with_csv() {
    let lib = Lib::new();
    let id = lib.report_with("全年共审查规范性文件12件，纠正违法文件2件。");
    lib.ok(&["whoami", "--name", "张三", "--role", "reviewer"]);
    let c = lib.json(&[
        "comment",
        "add",
        &id,
        "--quote",
        "纠正违法文件",
        "--text",
        "请写明文件名称",
    ]);
    let cid = c["id"].as_str().unwrap().to_string();
    lib.ok(&["whoami", "--name", "李四", "--role", "drafter"]);
    let err = lib.fails(&["comment", "handled", &id, &cid, "--text", " "]);
    assert!(err.contains("已处理"), "{err}");
    let h = lib.json(&["comment", "handled", &id, &cid, "--text", "已写明文号"]);
    assert_eq!(h["handled"], true);
    assert_eq!(h["resolved"], false);
    let text = lib.ok(&["log", &id]);
    assert!(
        text.contains("李四（起草人）  标记批注已处理  批注“请写明文件名称”"),
        "{text}"
    );
    assert!(text.contains("变更身份"), "{text}");
    let csv = lib.dir.path().join("log.csv");
    lib.ok(&[
        "log",
        &id,
        "--csv",
        csv.to_str().unwrap(),
        "--utc-offset",
        "480",
    ]);
    let written = std::fs::read_to_string(&csv).unwrap();
    assert!(
        written.starts_with("\u{feff}时间,人员,角色,操作,内容,理由"),
        "{written}"
    );
    assert!(written.contains("标记批注已处理"), "{written}");
}

/// One count of 错误 for a report: after an ignore `fazhi export` and `fazhi status
/// --to final` give the same number (`fazhi check`'s, ignores applied), and once
/// every error is ignored 定稿 goes through without --override.
#[test]
fn export_and_finalize_count_the_same_errors_after_an_ignore() {
    let lib = Lib::new();
    let id = lib.report_with("全年共审查规范性文件12件,均已备案。");
    lib.ok(&["whoami", "--name", "王五", "--role", "approver"]);
    lib.ok(&["status", &id, "--to", "review"]);
    let errors = |lib: &Lib| -> Vec<String> {
        let out = lib.run(&["check", &id, "--json"]);
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["severity"] == "error")
            .map(|f| f["id"].as_str().unwrap().to_string())
            .collect()
    };
    let exported = |lib: &Lib| {
        let out = lib.dir.path().join("r.html");
        let v = lib.json(&[
            "export",
            &id,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ]);
        v["check_errors"].as_u64().unwrap()
    };
    let gate = |lib: &Lib| lib.fails(&["status", &id, "--to", "final"]);
    let all = errors(&lib);
    assert!(all.len() >= 2, "{all:?}");
    lib.ok(&["ignore", &id, &all[0]]);
    let left = errors(&lib).len();
    assert_eq!(left, all.len() - 1);
    assert_eq!(exported(&lib), left as u64);
    let err = gate(&lib);
    assert!(
        err.contains(&format!("定稿前须处理完：{left}项检查错误")),
        "{err}"
    );
    for f in errors(&lib) {
        lib.ok(&["ignore", &id, &f]);
    }
    assert_eq!(exported(&lib), 0);
    let out = lib.json(&["status", &id, "--to", "final"]);
    assert_eq!(out["status"], "final");
    assert_eq!(out["entry"]["action"], "finalize");
}
