//! `fazhi lexicon export/import` with conditions in Chinese: the export writes
//! 后接：…, an import reads the Chinese and the English syntax, and the next
//! `fazhi check` finds the entry only where its condition holds.

mod common;

use common::Lib;

fn hits(lib: &Lib, id: &str, text: &str) -> usize {
    let out = lib.run(&["check", id, "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["text"] == text)
        .count()
}

#[test]
fn a_chinese_condition_round_trips_through_csv_and_is_found_by_the_next_check() {
    let lib = Lib::new();
    let id = lib.new_report("某县人民政府", "2026");
    let mut doc = lib.json(&["show", &id]);
    doc["preface"][0]["text"] = "推行清单制管理，完善清单制。".into();
    lib.put(&id, &doc);
    assert_eq!(hits(&lib, &id, "清单制"), 0);

    // Imported in Chinese (full-width ：｜), alongside an English row.
    let mine = lib.dir.path().join("本单位词库.csv");
    std::fs::write(
        &mine,
        "错误写法,建议写法,级别,条件,分组,说明\n\
         清单制,清单制度,错误,后接：管理｜工作,公文用语,本单位统一说法\n\
         台帐,台账,提示,always,错别字,本库改为提示\n",
    )
    .unwrap();
    lib.ok(&["lexicon", "import", mine.to_str().unwrap()]);
    assert_eq!(hits(&lib, &id, "清单制"), 1, "only 清单制 followed by 管理");
    let all = lib.json(&["lexicon", "list"]);
    let e = all
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["wrong"] == "清单制")
        .unwrap();
    assert_eq!(
        e["condition"], "followed_by:管理|工作",
        "kept in the stored syntax"
    );
    // The text listing shows it in Chinese, as 设置 → 词库 does.
    let listed = lib.ok(&["lexicon", "list"]);
    let line = listed
        .lines()
        .find(|l| l.starts_with("清单制 "))
        .unwrap_or_else(|| panic!("{listed}"));
    assert!(line.contains("后接：管理｜工作"), "{line}");
    assert!(
        !listed.contains("followed_by"),
        "no English keyword in the listing"
    );

    // Exported in Chinese, built-in entries included; read back unchanged.
    let out = lib.dir.path().join("导出.csv");
    lib.ok(&["lexicon", "export", "--output", out.to_str().unwrap()]);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(
        text.contains("清单制,清单制度,错误,后接：管理｜工作,"),
        "{text}"
    );
    assert!(
        text.contains("后接：法律｜法规｜"),
        "a built-in condition in Chinese"
    );
    assert!(
        !text.contains("followed_by") && !text.contains("regex:") && !text.contains(",always,"),
        "no English condition in the export"
    );
    let back = lib.json(&["lexicon", "import", out.to_str().unwrap()]);
    assert_eq!(back["added"], 0, "{back}");
    assert_eq!(back["changed"], 0, "{back}");
    assert_eq!(hits(&lib, &id, "清单制"), 1);

    // The same file in a fresh library: the Chinese condition works there too.
    let other = Lib::new();
    let id2 = other.new_report("某县人民政府", "2026");
    other.put(&id2, &doc);
    other.ok(&["lexicon", "import", out.to_str().unwrap()]);
    assert_eq!(hits(&other, &id2, "清单制"), 1);

    // A bad Chinese condition: refused in Chinese, naming the keywords.
    let bad = lib.dir.path().join("错.csv");
    std::fs::write(
        &bad,
        "错误写法,建议写法,级别,条件\n清单制,清单制度,错误,后面是管理\n",
    )
    .unwrap();
    let err = lib.fails(&["lexicon", "import", bad.to_str().unwrap()]);
    assert!(
        err.contains("第2行")
            && err.contains("后接：")
            && err.contains("不前接：")
            && err.contains("正则："),
        "{err}"
    );
}
