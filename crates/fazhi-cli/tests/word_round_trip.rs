//! #17, the Word/WPS round trip and the 花脸稿 from the command line:
//! `fazhi redline` marks a changed number red (struck) and blue (underlined) in our
//! PDF — measured from the PDF's colours by scripts/pdf-measure.py (pdfplumber) — and
//! `fazhi export --with-changes` / `fazhi changes import-docx` carry a suggestion out
//! to a DOCX as w:ins/w:del and back with its author.
//!
//! Needs python3 with pdfplumber (scripts/setup-test.sh); fails, never skips.

mod common;

use std::path::Path;
use std::process::Command;

use common::Lib;
use serde_json::Value;

const BEFORE: &str = "全年办理行政复议案件120件，纠错15件，依法公开政府信息。";
const AFTER: &str = "全年办理行政复议案件135件，纠错15件，依法公开政府信息。";

/// A report whose first section holds `text`, and its id.
fn report(lib: &Lib, text: &str) -> String {
    let id = lib.new_report("某县人民政府", "2023");
    set_text(lib, &id, text);
    id
}

fn set_text(lib: &Lib, id: &str, text: &str) {
    let mut doc: Value = serde_json::from_str(&lib.ok(&["show", id, "--json"])).unwrap();
    doc["parts"][0]["sections"][0]["paragraphs"] = serde_json::json!([{ "text": text }]);
    lib.put(id, &doc);
}

fn measure(pdf: &Path) -> Value {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pdf-measure.py");
    let out = Command::new("python3")
        .arg(script)
        .arg(pdf)
        .output()
        .expect("python3 runs (scripts/setup-test.sh installs pdfplumber)");
    assert!(
        out.status.success(),
        "pdf-measure failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn is_blue(c: &Value) -> bool {
    let v: Vec<f64> = c
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    v.len() == 3 && v[2] > 0.6 && v[0] < 0.3 && v[1] < 0.4
}

fn is_red(c: &Value) -> bool {
    let v: Vec<f64> = c
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_default();
    v.len() == 3 && v[0] > 0.8 && v[1] < 0.4 && v[2] < 0.4
}

#[test]
fn the_redline_pdf_marks_a_changed_number_in_red_and_blue() {
    let lib = Lib::new();
    let id = report(&lib, BEFORE);
    assert_eq!(lib.ok(&["save-version", &id]).trim(), "1");
    set_text(&lib, &id, AFTER);

    let pdf = lib.dir.path().join("花脸稿.pdf");
    let out = lib.json(&[
        "redline",
        &id,
        "--from",
        "1",
        "--to",
        "current",
        "--format",
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ]);
    assert_eq!(out["changed"], true);
    assert_eq!(out["stats"]["changed"], 1);

    let m = measure(&pdf);
    let page = &m["pages"][0];
    let lines = page["lines"].as_array().unwrap();
    assert!(
        lines[0]["text"].as_str().unwrap().starts_with("花脸稿"),
        "the header line names the versions: {}",
        lines[0]["text"]
    );
    assert!(lines[0]["text"].as_str().unwrap().contains("第1版"));
    assert!(lines[0]["text"].as_str().unwrap().contains("当前内容"));
    // The changed line: 1[20 red][35 blue]件 — both numbers shown, each in its colour.
    let line = lines
        .iter()
        .find(|l| l["text"].as_str().unwrap().contains("行政复议案件"))
        .expect("the changed paragraph");
    assert!(
        line["text"].as_str().unwrap().contains("12035件"),
        "{}",
        line["text"]
    );
    assert_eq!(line["red_text"], "20", "{line}");
    assert_eq!(line["blue_text"], "35", "{line}");
    // Same size as the report's body (三号), on the grid.
    assert!((line["size_pt"].as_f64().unwrap() - 16.0).abs() < 0.1);
    // The strike-through (red) crosses the glyphs, the underline (blue) is under them.
    let base = line["baseline_mm"].as_f64().unwrap();
    let top = line["top_mm"].as_f64().unwrap();
    let rules = page["rules"].as_array().unwrap();
    let near = |r: &Value| {
        let y = r["y_mm"].as_f64().unwrap();
        (top - 1.0..base + 3.0).contains(&y)
    };
    assert!(
        rules
            .iter()
            .any(|r| near(r) && is_red(&r["color"]) && r["y_mm"].as_f64().unwrap() < base),
        "a red strike-through on the line: {rules:?}"
    );
    assert!(
        rules
            .iter()
            .any(|r| near(r) && is_blue(&r["color"]) && r["y_mm"].as_f64().unwrap() > base),
        "a blue underline under the line: {rules:?}"
    );
    // The DOCX 花脸稿 too.
    let docx = lib.dir.path().join("花脸稿.docx");
    lib.ok(&[
        "redline",
        &id,
        "--from",
        "1",
        "--format",
        "docx",
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert!(std::fs::read(&docx).unwrap().starts_with(b"PK"));
    // Bad input is refused in Chinese.
    let err = lib.fails(&[
        "redline",
        &id,
        "--from",
        "abc",
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert!(err.contains("不是版本号"), "{err}");
    let err = lib.fails(&[
        "redline",
        &id,
        "--from",
        "1",
        "--format",
        "html",
        "-o",
        docx.to_str().unwrap(),
    ]);
    assert!(err.contains("pdf 或 docx"), "{err}");
}

#[test]
fn a_suggestion_goes_to_word_and_comes_back_with_its_author() {
    let lib = Lib::new();
    let id = report(&lib, BEFORE);
    lib.ok(&["whoami", "--name", "李审核", "--role", "reviewer"]);
    lib.ok(&[
        "changes", "suggest", &id, "--quote", "120件", "--with", "135件",
    ]);

    let docx = lib.dir.path().join("含修订.docx");
    lib.ok(&[
        "export",
        &id,
        "--format",
        "docx",
        "--with-changes",
        "--no-check",
        "-o",
        docx.to_str().unwrap(),
    ]);
    // The reviewed file imported on the drafter's copy (same text): the suggestion
    // comes back with its author, as one replacement narrowed to the number.
    lib.ok(&["whoami", "--name", "张起草", "--role", "drafter"]);
    let copy = report(&lib, BEFORE);
    let out = lib.json(&["changes", "import-docx", &copy, docx.to_str().unwrap()]);
    assert_eq!(out["found"], 1, "{out}");
    assert_eq!(out["added"]["ids"].as_array().unwrap().len(), 1, "{out}");
    assert!(out["added"]["orphaned"].as_array().unwrap().is_empty());
    let list = lib.json(&["changes", "list", &copy]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["author"], "李审核");
    assert_eq!(
        (list[0]["old"].as_str(), list[0]["new"].as_str()),
        (Some("20"), Some("35"))
    );
    assert_eq!(list[0]["orphaned"], false);
    // Importing the same file again adds nothing.
    let again = lib.json(&["changes", "import-docx", &copy, docx.to_str().unwrap()]);
    assert_eq!(again["added"]["ids"], out["added"]["ids"]);
    assert_eq!(
        lib.json(&["changes", "list", &copy])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // Nor does it bring back a suggestion the drafter rejected.
    lib.ok(&["changes", "reject", &id, "--all"]);
    lib.ok(&["changes", "import-docx", &id, docx.to_str().unwrap()]);
    assert!(lib
        .json(&["changes", "list", &id])
        .as_array()
        .unwrap()
        .is_empty());

    // Text edited away meanwhile: the change is kept, orphaned and listed.
    let other = report(&lib, "全年办理行政复议案件若干件。");
    let out = lib.json(&["changes", "import-docx", &other, docx.to_str().unwrap()]);
    assert_eq!(
        out["added"]["orphaned"].as_array().unwrap().len(),
        1,
        "{out}"
    );
    let text = lib.ok(&["changes", "import-docx", &other, docx.to_str().unwrap()]);
    assert!(text.contains("原文已不在报告中"), "{text}");

    // --with-changes is for DOCX only.
    let err = lib.fails(&[
        "export",
        &id,
        "--format",
        "html",
        "--with-changes",
        "-o",
        lib.dir.path().join("x.html").to_str().unwrap(),
    ]);
    assert!(err.contains("--with-changes"), "{err}");
}
