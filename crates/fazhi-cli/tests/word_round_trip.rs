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

// ---------------------------------------------------------------------------------
// Word and LibreOffice files: a hand-made DOCX as Word writes tracked changes, and
// what LibreOffice makes of ours.

/// A part of a DOCX (a ZIP) as text, read by python3's zipfile.
fn docx_part(docx: &Path, part: &str) -> String {
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
        ])
        .arg(docx)
        .arg(part)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{part} of {}: {}",
        docx.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A DOCX package of `parts` (name, XML), zipped by python3's zipfile (deflated).
fn zip_docx(path: &Path, parts: &[(&str, &str)]) {
    let dir = path.with_extension("parts");
    for (name, xml) in parts {
        let p = dir.join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, xml).unwrap();
    }
    let names: Vec<&str> = parts.iter().map(|(n, _)| *n).collect();
    let out = Command::new("python3")
        .args([
            "-c",
            "import sys, zipfile, os\n\
             z = zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED)\n\
             for n in sys.argv[3:]: z.write(os.path.join(sys.argv[2], n), n)\n\
             z.close()",
        ])
        .arg(path)
        .arg(&dir)
        .args(&names)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#;

const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>"#;

/// The reviewed report as Word writes it with 修订 on: runs split by fonts and
/// proofing marks, a bookmark, `w:del` runs holding `w:delText`, `w:ins` runs, each
/// with w:id, w:author and w:date. Two reviewers. The last paragraph is not in our
/// report (the drafter removed it meanwhile): its change must come back orphaned.
const REVIEWED_DOCUMENT: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>
<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="方正小标宋简体" w:eastAsia="方正小标宋简体"/><w:sz w:val="44"/></w:rPr><w:t>某县人民政府关于2023年法治政府建设情况的报告</w:t></w:r></w:p>
<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii="楷体_GB2312" w:eastAsia="楷体_GB2312"/></w:rPr><w:t>（一）健全政府机构职能体系</w:t></w:r></w:p>
<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:bookmarkStart w:id="0" w:name="_GoBack"/><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr><w:t>全年办理行政</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr><w:t>复议案件1</w:t></w:r><w:proofErr w:type="spellEnd"/><w:del w:id="11" w:author="李审核" w:date="2026-11-30T09:15:00Z"><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr><w:delText>20</w:delText></w:r></w:del><w:ins w:id="12" w:author="李审核" w:date="2026-11-30T09:15:00Z"><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr><w:t>35</w:t></w:r></w:ins><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr><w:t>件，纠错15件</w:t></w:r><w:del w:id="13" w:author="王主任" w:date="2026-12-01T10:30:00Z"><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr><w:delText>，依法公开</w:delText></w:r><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr><w:delText>政府信息</w:delText></w:r></w:del><w:r><w:rPr><w:rFonts w:ascii="仿宋_GB2312" w:eastAsia="仿宋_GB2312"/></w:rPr><w:t>。</w:t></w:r><w:bookmarkEnd w:id="0"/></w:p>
<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:r><w:t>推进</w:t></w:r><w:ins w:id="14" w:author="王主任" w:date="2026-12-01T10:31:00Z"><w:r><w:t>全面</w:t></w:r></w:ins><w:r><w:t>依法行政。</w:t></w:r></w:p>
<w:p><w:pPr><w:ind w:firstLineChars="200" w:firstLine="640"/></w:pPr><w:r><w:t>年内开展</w:t></w:r><w:del w:id="15" w:author="王主任" w:date="2026-12-01T10:32:00Z"><w:r><w:delText>道路交通安全专项整治</w:delText></w:r></w:del><w:r><w:t>行动三次。</w:t></w:r></w:p>
<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr>
</w:body></w:document>"#;

/// The report the reviewed DOCX was made from (the drafter's copy).
fn drafters_copy(lib: &Lib) -> String {
    let id = lib.new_report("某县人民政府", "2023");
    let mut doc: Value = serde_json::from_str(&lib.ok(&["show", &id, "--json"])).unwrap();
    doc["parts"][0]["sections"][0]["paragraphs"] =
        serde_json::json!([{ "text": BEFORE }, { "text": "推进依法行政。" }]);
    lib.put(&id, &doc);
    id
}

#[test]
fn a_hand_made_word_docx_with_tracked_changes_imports_as_suggestions() {
    let lib = Lib::new();
    lib.ok(&["whoami", "--name", "张起草", "--role", "drafter"]);
    let id = drafters_copy(&lib);
    let docx = lib.dir.path().join("审核后.docx");
    zip_docx(
        &docx,
        &[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/document.xml", REVIEWED_DOCUMENT),
        ],
    );

    let out = lib.json(&["changes", "import-docx", &id, docx.to_str().unwrap()]);
    assert_eq!(out["found"], 4, "{out}");
    assert_eq!(out["added"]["ids"].as_array().unwrap().len(), 4, "{out}");
    assert!(
        out["added"]["refused"].as_array().unwrap().is_empty(),
        "{out}"
    );
    assert_eq!(
        out["added"]["orphaned"].as_array().unwrap().len(),
        1,
        "{out}"
    );

    let list = lib.json(&["changes", "list", &id]);
    let list = list.as_array().unwrap();
    let find = |old: &str, new: &str| {
        list.iter()
            .find(|c| c["old"] == old && c["new"] == new)
            .unwrap_or_else(|| panic!("{old} → {new} in {list:?}"))
    };
    // Authors and dates as Word wrote them; placed by the text around them.
    let c = find("20", "35");
    assert_eq!(c["author"], "李审核");
    assert!(
        c["created_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-11-30T09:15:00"),
        "{c}"
    );
    assert_eq!(c["kind"], "replace");
    assert_eq!(c["orphaned"], false);
    assert_eq!(c["location"], "（一）健全政府机构职能体系 第1段");
    // Deleted text split over two runs in one w:del is one deletion.
    let c = find("，依法公开政府信息", "");
    assert_eq!(c["author"], "王主任");
    assert!(
        c["created_at"]
            .as_str()
            .unwrap()
            .starts_with("2026-12-01T10:30:00"),
        "{c}"
    );
    assert_eq!(c["orphaned"], false);
    let c = find("", "全面");
    assert_eq!(c["author"], "王主任");
    assert_eq!(c["location"], "（一）健全政府机构职能体系 第2段");
    // The paragraph the drafter removed: listed as orphaned, not dropped.
    let c = find("道路交通安全专项整治", "");
    assert_eq!(c["orphaned"], true, "{c}");
    assert_eq!(c["author"], "王主任");
    let text = lib.ok(&["changes", "list", &id]);
    assert!(text.contains("已失效：原文已变"), "{text}");

    // They are suggestions like any other: the drafter accepts 李审核's.
    lib.ok(&["changes", "accept", &id, "--all", "--author", "李审核"]);
    let doc: Value = serde_json::from_str(&lib.ok(&["show", &id, "--json"])).unwrap();
    assert_eq!(
        doc["parts"][0]["sections"][0]["paragraphs"][0]["text"],
        AFTER
    );
    assert_eq!(
        lib.json(&["changes", "list", &id])
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

/// `soffice --headless --convert-to FORMAT` of `input` into `outdir`, with a private
/// profile; the converted file.
fn soffice(input: &Path, format: &str, outdir: &Path) -> std::path::PathBuf {
    std::fs::create_dir_all(outdir).unwrap();
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            outdir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", format, "--outdir"])
        .arg(outdir)
        .arg(input)
        .output()
        .expect("soffice runs (LibreOffice: scripts/setup-test.sh)");
    assert!(
        out.status.success(),
        "soffice --convert-to {format}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ext = format.split(':').next().unwrap();
    let converted = outdir.join(input.file_stem().unwrap()).with_extension(ext);
    assert!(
        converted.exists(),
        "soffice wrote no {}: {}",
        converted.display(),
        String::from_utf8_lossy(&out.stdout)
    );
    converted
}

/// The elements `<tag …>…</tag>` (or `<tag>…</tag>`) in `xml`, not nested.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let after = rest[i + open.len()..].chars().next();
        if !matches!(after, Some(' ' | '>')) {
            rest = &rest[i + open.len()..];
            continue;
        }
        let Some(j) = rest[i..].find(&close) else {
            break;
        };
        out.push(&rest[i..i + j + close.len()]);
        rest = &rest[i + j + close.len()..];
    }
    out
}

fn strip_tags(xml: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in xml.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

#[test]
fn libreoffice_opens_our_export_with_the_changes_tracked_and_keeps_them() {
    let lib = Lib::new();
    let id = drafters_copy(&lib);
    lib.ok(&["whoami", "--name", "李审核", "--role", "reviewer"]);
    lib.ok(&[
        "changes", "suggest", &id, "--quote", "120件", "--with", "135件",
    ]);
    lib.ok(&[
        "changes",
        "suggest",
        &id,
        "--quote",
        "，依法公开政府信息",
        "--with",
        "",
    ]);
    lib.ok(&["whoami", "--name", "王主任", "--role", "reviewer"]);
    lib.ok(&[
        "changes",
        "suggest",
        &id,
        "--quote",
        "依法行政",
        "--with",
        "全面依法行政",
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
    // Our file: real w:ins/w:del with author, date and w:delText.
    let xml = docx_part(&docx, "word/document.xml");
    let dels = elements(&xml, "w:del");
    let inss = elements(&xml, "w:ins");
    assert!(
        dels.iter().any(|d| d.contains("w:author=\"李审核\"")
            && d.contains("w:date=\"")
            && d.contains(">20</w:delText>")),
        "{dels:?}"
    );
    assert!(
        dels.iter()
            .any(|d| d.contains(">，依法公开政府信息</w:delText>")),
        "{dels:?}"
    );
    assert!(
        inss.iter()
            .any(|i| i.contains("w:author=\"王主任\"") && i.contains(">全面</w:t>")),
        "{inss:?}"
    );

    // LibreOffice opens it with them as tracked changes: as ODF, one changed region per
    // deletion and insertion, with the author, the deleted text in the region and the
    // inserted text marked in the body.
    let tmp = lib.dir.path().join("lo");
    let odt = soffice(&docx, "fodt", &tmp);
    let fodt = std::fs::read_to_string(&odt).unwrap();
    let tracked = elements(&fodt, "text:tracked-changes");
    assert_eq!(tracked.len(), 1, "no tracked changes in LibreOffice's file");
    let regions = elements(tracked[0], "text:changed-region");
    assert_eq!(regions.len(), 4, "{}", tracked[0]);
    // Each region: its kind, author, and the text it marks in the body between
    // change-start and change-end (LibreOffice shows deleted text struck there).
    let marked: Vec<String> = regions
        .iter()
        .map(|r| {
            let kind = if r.contains("<text:deletion>") {
                "删"
            } else if r.contains("<text:insertion>") {
                "增"
            } else {
                "?"
            };
            let id = r
                .split("text:id=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let creator = r
                .split("<dc:creator>")
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap();
            let start = format!("<text:change-start text:change-id=\"{id}\"/>");
            let end = format!("<text:change-end text:change-id=\"{id}\"/>");
            let a = fodt.find(&start).expect("change start") + start.len();
            let b = a + fodt[a..].find(&end).expect("change end");
            format!("{kind}:{creator}:{}", strip_tags(&fodt[a..b]))
        })
        .collect();
    for want in [
        "删:李审核:20",
        "增:李审核:35",
        "删:李审核:，依法公开政府信息",
        "增:王主任:全面",
    ] {
        assert!(marked.iter().any(|m| m == want), "{want} in {marked:?}");
    }
    assert!(tracked[0].contains("<dc:date>"), "dates kept");

    // Saved again as DOCX by LibreOffice (DOCX → DOCX): still w:ins/w:del, and that file
    // — written by LibreOffice — imports on the drafter's copy with the same changes.
    let again = soffice(&docx, "docx:MS Word 2007 XML", &tmp.join("docx"));
    let xml = docx_part(&again, "word/document.xml");
    assert!(
        elements(&xml, "w:del")
            .iter()
            .any(|d| d.contains("w:author=\"李审核\"") && d.contains(">20</w:delText>")),
        "LibreOffice's DOCX lost the deletion"
    );
    assert!(
        elements(&xml, "w:ins")
            .iter()
            .any(|i| i.contains("w:author=\"王主任\"") && i.contains(">全面</w:t>")),
        "LibreOffice's DOCX lost the insertion"
    );
    lib.ok(&["whoami", "--name", "张起草", "--role", "drafter"]);
    let copy = drafters_copy(&lib);
    let out = lib.json(&["changes", "import-docx", &copy, again.to_str().unwrap()]);
    assert_eq!(out["found"], 3, "{out}");
    assert!(
        out["added"]["orphaned"].as_array().unwrap().is_empty(),
        "{out}"
    );
    let mut got: Vec<(String, String, String)> = lib
        .json(&["changes", "list", &copy])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["author"].as_str().unwrap().to_string(),
                c["old"].as_str().unwrap().to_string(),
                c["new"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    got.sort();
    let want = |a: &str, o: &str, n: &str| (a.to_string(), o.to_string(), n.to_string());
    assert_eq!(
        got,
        vec![
            want("李审核", "20", "35"),
            want("李审核", "，依法公开政府信息", ""),
            want("王主任", "", "全面"),
        ]
    );
}

#[test]
fn bad_word_files_and_versions_are_refused_in_chinese() {
    let lib = Lib::new();
    lib.ok(&["whoami", "--name", "张起草", "--role", "drafter"]);
    let id = drafters_copy(&lib);
    // Not a DOCX at all.
    let fake = lib.dir.path().join("假的.docx");
    std::fs::write(&fake, "这不是 Word 文档").unwrap();
    let err = lib.fails(&["changes", "import-docx", &id, fake.to_str().unwrap()]);
    assert!(err.contains("不是 Word 文档"), "{err}");
    // A ZIP cut short.
    let cut = lib.dir.path().join("截断.docx");
    std::fs::write(&cut, b"PK\x03\x04\x14\x00").unwrap();
    let err = lib.fails(&["changes", "import-docx", &id, cut.to_str().unwrap()]);
    assert!(err.contains("已损坏"), "{err}");
    // A missing file.
    let err = lib.fails(&["changes", "import-docx", &id, "无此文件.docx"]);
    assert!(err.contains("文件不存在"), "{err}");
    // A DOCX without tracked changes: said so, nothing stored.
    let plain = lib.dir.path().join("无修订.docx");
    lib.ok(&[
        "export",
        &id,
        "--format",
        "docx",
        "--no-check",
        "-o",
        plain.to_str().unwrap(),
    ]);
    let err = lib.fails(&["changes", "import-docx", &id, plain.to_str().unwrap()]);
    assert!(err.contains("没有 Word 修订"), "{err}");
    assert!(lib
        .json(&["changes", "list", &id])
        .as_array()
        .unwrap()
        .is_empty());
    // An unknown report.
    let err = lib.fails(&[
        "changes",
        "import-docx",
        "0123456789ab",
        plain.to_str().unwrap(),
    ]);
    assert!(err.contains("找不到报告"), "{err}");
    // 花脸稿 of a version that does not exist, or not a version at all.
    let out = lib.dir.path().join("花脸稿.pdf");
    let err = lib.fails(&["redline", &id, "--from", "9", "-o", out.to_str().unwrap()]);
    assert!(err.contains("找不到版本") && err.contains("第9版"), "{err}");
    let err = lib.fails(&[
        "redline",
        &id,
        "--from",
        "current",
        "--to",
        "7",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert!(err.contains("第7版"), "{err}");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn the_redline_lists_heading_metadata_and_table_changes_on_the_reports_page() {
    let lib = Lib::new();
    let id = lib.new_report("某县人民政府", "2023");
    let mut doc: Value = serde_json::from_str(&lib.ok(&["show", &id, "--json"])).unwrap();
    doc["date"] = "2024-03-01".into();
    doc["parts"][0]["sections"][0]["paragraphs"] = serde_json::json!([
        { "text": BEFORE },
        { "text": "", "table": { "title": "行政复议案件统计表", "header_rows": 1, "rows": [
            [ { "text": "类别" }, { "text": "件数" } ],
            [ { "text": "受理" }, { "text": "全年120件" } ] ] } },
    ]);
    lib.put(&id, &doc);
    lib.ok(&["save-version", &id]);
    let mut doc: Value = serde_json::from_str(&lib.ok(&["show", &id, "--json"])).unwrap();
    doc["date"] = "2024-03-13".into();
    doc["parts"][0]["sections"][0]["heading"] = "全面健全政府机构职能体系".into();
    doc["parts"][0]["sections"][0]["paragraphs"][1]["table"]["rows"][1][1]["paragraphs"][0]
        ["text"] = "全年135件".into();
    lib.put(&id, &doc);

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
    let m = measure(&pdf);
    let lines: Vec<&Value> = m["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["lines"].as_array().unwrap())
        .collect();
    let all: String = lines.iter().map(|l| l["text"].as_str().unwrap()).collect();
    let red: String = lines
        .iter()
        .map(|l| l["red_text"].as_str().unwrap())
        .collect();
    let blue: String = lines
        .iter()
        .map(|l| l["blue_text"].as_str().unwrap())
        .collect();
    // The heading marked in place, and the list of heading, metadata and table changes.
    let heading = lines
        .iter()
        .find(|l| l["text"] == "（一）全面健全政府机构职能体系")
        .expect("the changed heading in place");
    assert_eq!(heading["blue_text"], "全面");
    assert!(all.contains("标题、报告信息和表格的修改"), "{all}");
    assert!(
        all.contains("二级标题“（一）”：全面健全政府机构职能体系"),
        "{all}"
    );
    assert!(all.contains("成文日期：2024年3月1日2024年3月13日"), "{all}");
    assert!(
        red.contains("2024年3月1日") && blue.contains("2024年3月13日"),
        "{red} / {blue}"
    );
    // The table's cell: in the body and listed by its place, never dropped.
    assert!(all.contains("表格“行政复议案件统计表”第2行第2列"), "{all}");
    let cell = lines
        .iter()
        // A table row's cells stand on one baseline (the grid): the row reads 受理…全年12035件.
        .find(|l| {
            l["text"]
                .as_str()
                .is_some_and(|t| t.replace(' ', "").ends_with("全年12035件"))
        })
        .expect("the changed cell in the body");
    assert_eq!(
        (
            cell["red_text"].as_str().map(str::trim),
            cell["blue_text"].as_str().map(str::trim)
        ),
        (Some("20"), Some("35"))
    );
    assert!(all.contains("第2行第2列：全年12035件"), "{all}");

    // The report's own page: the 花脸稿's body lines start where the report's PDF's do,
    // same size, same line pitch (the GB/T 9704 grid).
    let report_pdf = lib.dir.path().join("报告.pdf");
    lib.ok(&[
        "export",
        &id,
        "--format",
        "pdf",
        "--no-check",
        "-o",
        report_pdf.to_str().unwrap(),
    ]);
    let r = measure(&report_pdf);
    let first_of = |m: &Value, prefix: &str| -> (f64, f64, f64) {
        for p in m["pages"].as_array().unwrap() {
            let ls = p["lines"].as_array().unwrap();
            if let Some(i) = ls
                .iter()
                .position(|l| l["text"].as_str().unwrap().starts_with(prefix))
            {
                let pitch = ls[i + 1]["baseline_mm"].as_f64().unwrap()
                    - ls[i]["baseline_mm"].as_f64().unwrap();
                return (
                    ls[i]["x0_mm"].as_f64().unwrap(),
                    ls[i]["size_pt"].as_f64().unwrap(),
                    pitch,
                );
            }
        }
        panic!("no line starting {prefix}");
    };
    let (x_ours, size_ours, _) = first_of(&m, "全年办理行政复议");
    let (x_report, size_report, _) = first_of(&r, "全年办理行政复议");
    assert!((x_ours - x_report).abs() < 0.5, "{x_ours} vs {x_report}");
    assert!((size_ours - size_report).abs() < 0.1);
    let (_, _, pitch) = first_of(&m, "（二）健全依法行政制度体系");
    let (_, _, pitch_report) = first_of(&r, "（二）健全依法行政制度体系");
    assert!(
        (pitch - pitch_report).abs() < 0.3,
        "{pitch} vs {pitch_report}"
    );

    // The DOCX 花脸稿 as LibreOffice prints it: the same marks in red and blue.
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
    let xml = docx_part(&docx, "word/document.xml");
    assert!(xml.contains("<w:strike"), "struck runs");
    assert!(xml.contains("<w:u w:val=\"single\""), "underlined runs");
    let printed = soffice(&docx, "pdf", &lib.dir.path().join("lo"));
    let m = measure(&printed);
    let lines: Vec<&Value> = m["pages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|p| p["lines"].as_array().unwrap())
        .collect();
    let red: String = lines
        .iter()
        .map(|l| l["red_text"].as_str().unwrap())
        .collect();
    let blue: String = lines
        .iter()
        .map(|l| l["blue_text"].as_str().unwrap())
        .collect();
    assert!(red.contains("20") && blue.contains("35"), "{red} / {blue}");
    assert!(blue.contains("全面"), "{blue}");
    let first: &str = lines[0]["text"].as_str().unwrap();
    assert!(
        first.starts_with("花脸稿") && first.contains("第1版"),
        "{first}"
    );
}

#[test]
fn a_change_in_a_table_cell_goes_to_word_and_back_in_its_cell() {
    let lib = Lib::new();
    lib.ok(&["whoami", "--name", "张起草", "--role", "drafter"]);
    let table = serde_json::json!([
        { "text": BEFORE },
        { "text": "", "table": { "title": "行政复议案件统计表", "header_rows": 1, "rows": [
            [ { "text": "类别" }, { "text": "件数" } ],
            [ { "text": "受理" }, { "text": "全年120件" } ] ] } },
    ]);
    let make = || {
        let id = lib.new_report("某县人民政府", "2023");
        let mut doc: Value = serde_json::from_str(&lib.ok(&["show", &id, "--json"])).unwrap();
        doc["parts"][0]["sections"][0]["paragraphs"] = table.clone();
        lib.put(&id, &doc);
        id
    };
    let id = make();
    lib.ok(&["whoami", "--name", "李审核", "--role", "reviewer"]);
    lib.ok(&[
        "changes",
        "suggest",
        &id,
        "--quote",
        "全年120件",
        "--with",
        "全年135件",
    ]);
    let docx = lib.dir.path().join("表格修订.docx");
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
    // The tracked change stands in the table's cell.
    let xml = docx_part(&docx, "word/document.xml");
    let cells = elements(&xml, "w:tc");
    assert!(
        cells.iter().any(|c| c.contains("w:author=\"李审核\"")
            && c.contains(">20</w:delText>")
            && c.contains(">35</w:t>")),
        "no tracked change in a cell: {cells:?}"
    );
    lib.ok(&["whoami", "--name", "张起草", "--role", "drafter"]);
    let copy = make();
    let out = lib.json(&["changes", "import-docx", &copy, docx.to_str().unwrap()]);
    assert_eq!(out["added"]["ids"].as_array().unwrap().len(), 1, "{out}");
    let list = lib.json(&["changes", "list", &copy]);
    assert_eq!(list[0]["author"], "李审核");
    assert_eq!(
        (list[0]["old"].as_str(), list[0]["new"].as_str()),
        (Some("20"), Some("35"))
    );
    assert_eq!(
        list[0]["location"],
        "（一）健全政府机构职能体系 第1个表格第2行第2列"
    );
    lib.ok(&["changes", "accept", &copy, "--all"]);
    let doc: Value = serde_json::from_str(&lib.ok(&["show", &copy, "--json"])).unwrap();
    assert_eq!(
        doc["parts"][0]["sections"][0]["paragraphs"][1]["table"]["rows"][1][1]["paragraphs"][0]
            ["text"],
        "全年135件"
    );
}

/// Word's paragraph-level 修订: a deleted paragraph mark (`w:del` in the mark's
/// `w:rPr`: the next paragraph joins this one) and a new paragraph (its mark `w:ins`,
/// its text in `w:ins`).
const PARAGRAPH_MARKS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>
<w:p><w:r><w:t>（一）健全政府机构职能体系</w:t></w:r></w:p>
<w:p><w:pPr><w:rPr><w:del w:id="21" w:author="王主任" w:date="2026-12-02T08:00:00Z"/></w:rPr></w:pPr><w:r><w:t>全年办理行政复议案件120件，纠错15件，依法公开政府信息。</w:t></w:r></w:p>
<w:p><w:pPr><w:rPr><w:ins w:id="22" w:author="李审核" w:date="2026-12-02T09:00:00Z"/></w:rPr></w:pPr><w:r><w:t>推进依法行政。</w:t></w:r></w:p>
<w:p><w:ins w:id="23" w:author="李审核" w:date="2026-12-02T09:00:00Z"><w:r><w:t>加强行政执法监督。</w:t></w:r></w:ins></w:p>
<w:p><w:r><w:t>（二）健全依法行政制度体系</w:t></w:r></w:p>
</w:body></w:document>"#;

#[test]
fn word_paragraph_marks_import_as_a_join_and_a_new_paragraph() {
    let lib = Lib::new();
    lib.ok(&["whoami", "--name", "张起草", "--role", "drafter"]);
    let id = drafters_copy(&lib);
    let docx = lib.dir.path().join("段落修订.docx");
    zip_docx(
        &docx,
        &[
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", RELS),
            ("word/_rels/document.xml.rels", DOCUMENT_RELS),
            ("word/document.xml", PARAGRAPH_MARKS),
        ],
    );
    let out = lib.json(&["changes", "import-docx", &id, docx.to_str().unwrap()]);
    assert_eq!(out["added"]["ids"].as_array().unwrap().len(), 2, "{out}");
    let list = lib.json(&["changes", "list", &id]);
    let got: Vec<(&str, &str, &str)> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["author"].as_str().unwrap(),
                c["old"].as_str().unwrap(),
                c["new"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(got.contains(&("王主任", "\n", "")), "{got:?}");
    assert!(
        got.contains(&("李审核", "", "\n加强行政执法监督。")),
        "{got:?}"
    );
    lib.ok(&["changes", "accept", &id, "--all"]);
    let doc: Value = serde_json::from_str(&lib.ok(&["show", &id, "--json"])).unwrap();
    let texts: Vec<&str> = doc["parts"][0]["sections"][0]["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        vec![
            "全年办理行政复议案件120件，纠错15件，依法公开政府信息。推进依法行政。",
            "加强行政执法监督。"
        ]
    );
}
