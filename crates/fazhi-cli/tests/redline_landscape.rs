//! [tables #21] `fazhi redline` of a report whose table is too wide for the portrait
//! block: in the PDF the table stands on a turned page as in the report's own export
//! (text running upwards, the page number upright where the other pages have it),
//! the changed cell's old figures red and struck, the new ones blue and underlined;
//! in the DOCX the table has a landscape section of its own. Measured with pdfplumber
//! (characters' fill colours, drawn lines), never by eye.
//!
//! Needs python3 with pdfplumber (scripts/setup-test.sh); fails, never skips.

mod common;

use std::path::Path;
use std::process::Command;

use common::Lib;
use serde_json::Value;

/// Each page: its turned characters (text, colour, box), its upright text, and its
/// red and blue strokes (box), in mm.
const PAGES: &str = r#"
import json, sys, pdfplumber
MM = 25.4 / 72.0
def cls(c):
    if not c: return "black"
    c = list(c) if not isinstance(c, (int, float)) else [c]
    if len(c) == 1: c = [c[0]] * 3
    r, g, b = [float(v) for v in c[:3]]
    if r > 0.8 and g < 0.4 and b < 0.4: return "red"
    if b > 0.6 and r < 0.3 and g < 0.4: return "blue"
    return "black"
out = []
with pdfplumber.open(sys.argv[1]) as pdf:
    for p in pdf.pages:
        box = lambda o: [o["x0"] * MM, o["x1"] * MM, o["top"] * MM, o["bottom"] * MM]
        out.append({
            "turned": [{"t": c["text"], "c": cls(c.get("non_stroking_color")), "box": box(c)}
                       for c in p.chars if not c["upright"]],
            "upright": "".join(c["text"] for c in p.chars if c["upright"]),
            "strokes": [{"c": cls(l.get("stroking_color")), "box": box(l)}
                        for l in p.lines if cls(l.get("stroking_color")) != "black"],
        })
json.dump(out, sys.stdout, ensure_ascii=False)
"#;

fn pages(pdf: &Path) -> Vec<Value> {
    let out = Command::new("python3")
        .args(["-c", PAGES])
        .arg(pdf)
        .output()
        .expect("python3 runs (scripts/setup-test.sh installs pdfplumber)");
    assert!(
        out.status.success(),
        "pdfplumber: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Value>(&out.stdout)
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn num(v: &Value, i: usize) -> f64 {
    v["box"][i].as_f64().unwrap()
}

/// A report whose first section holds a 13-column table, saved as version 1, then
/// the 受理 row's 120 changed to 135 in the working copy.
fn report(lib: &Lib) -> String {
    let id = lib.new_report("某县人民政府", "2023");
    let mut doc: Value = serde_json::from_str(&lib.ok(&["show", &id, "--json"])).unwrap();
    let header: Vec<Value> = [
        "类别", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ]
    .iter()
    .map(|t| serde_json::json!({ "text": t }))
    .collect();
    let mut row = vec![
        serde_json::json!({ "text": "受理" }),
        serde_json::json!({ "text": "120" }),
    ];
    row.extend((11..22).map(|n| serde_json::json!({ "text": n.to_string() })));
    doc["parts"][0]["sections"][0]["paragraphs"] = serde_json::json!([
        { "text": "全年办理行政复议案件情况如下表。" },
        { "text": "", "table": { "title": "行政复议案件统计表", "header_rows": 1,
            "rows": [header, row] } },
    ]);
    lib.put(&id, &doc);
    assert_eq!(lib.ok(&["save-version", &id]).trim(), "1");
    let mut doc: Value = serde_json::from_str(&lib.ok(&["show", &id, "--json"])).unwrap();
    doc["parts"][0]["sections"][0]["paragraphs"][1]["table"]["rows"][1][1]["paragraphs"][0]
        ["text"] = "135".into();
    lib.put(&id, &doc);
    id
}

#[test]
fn fazhi_redline_puts_a_wide_table_on_a_turned_page_with_its_marks() {
    let lib = Lib::new();
    let id = report(&lib);
    let pdf = lib.dir.path().join("花脸稿.pdf");
    lib.ok(&[
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
    let ps = pages(&pdf);
    let (i, page) = ps
        .iter()
        .enumerate()
        .find(|(_, p)| {
            let t: String = p["turned"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| c["t"].as_str().unwrap())
                .collect();
            t.contains("十一十二")
        })
        .expect("the table on a turned page");
    // Only the page number stays upright, in its place on the sheet.
    assert_eq!(
        page["upright"].as_str().unwrap().replace(' ', ""),
        format!("—{}—", i + 1)
    );
    // The report's own export turns the same table on its page too.
    let report_pdf = lib.dir.path().join("report.pdf");
    lib.ok(&[
        "export",
        &id,
        "--format",
        "pdf",
        "-o",
        report_pdf.to_str().unwrap(),
    ]);
    assert!(pages(&report_pdf)
        .iter()
        .any(|p| p["turned"].as_array().is_some_and(|t| !t.is_empty())));

    let chars = page["turned"].as_array().unwrap();
    let of = |c: &str| -> Vec<&Value> { chars.iter().filter(|ch| ch["c"] == c).collect() };
    let text = |cs: &[&Value]| -> String { cs.iter().map(|c| c["t"].as_str().unwrap()).collect() };
    let (red, blue) = (of("red"), of("blue"));
    let mut r: Vec<char> = text(&red).chars().collect();
    r.sort_unstable();
    let mut b: Vec<char> = text(&blue).chars().collect();
    b.sort_unstable();
    assert_eq!((r, b), (vec!['0', '2'], vec!['3', '5']));
    // A red stroke through the red figures (vertical on the sheet, through their
    // middle) and a blue one under the blue figures (just right of them on the sheet).
    let strokes = page["strokes"].as_array().unwrap();
    let covers = |s: &Value, cs: &[&Value]| {
        cs.iter().all(|c| {
            let y = (num(c, 2) + num(c, 3)) / 2.0;
            num(s, 2) < y && y < num(s, 3)
        })
    };
    assert!(
        strokes.iter().any(|s| s["c"] == "red"
            && covers(s, &red)
            && red
                .iter()
                .all(|c| num(c, 0) < num(s, 0) && num(s, 1) < num(c, 1))),
        "{strokes:?}"
    );
    assert!(
        strokes.iter().any(|s| s["c"] == "blue"
            && covers(s, &blue)
            && blue
                .iter()
                .all(|c| (num(c, 0) + num(c, 1)) / 2.0 < num(s, 0) && num(s, 0) < num(c, 1) + 1.5)),
        "{strokes:?}"
    );

    // The DOCX: the table in a landscape section of its own.
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
    let out = Command::new("python3")
        .args([
            "-c",
            "import zipfile, sys; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read('word/document.xml').decode())",
        ])
        .arg(&docx)
        .output()
        .expect("python3 runs");
    let xml = String::from_utf8(out.stdout).unwrap();
    let after = &xml[xml.find("</w:tbl>").unwrap()..];
    let sect = &after[after.find("<w:sectPr").expect("a section after the table")..];
    assert!(sect[..sect.find("</w:sectPr>").unwrap()].contains(r#"w:orient="landscape""#));
}
