//! Done means of #17 (Word/WPS round trip): a DOCX with our pending changes opens in
//! LibreOffice with them as tracked changes — the file converted to flat ODF
//! (`soffice --headless --convert-to fodt`) holds `text:tracked-changes` with a
//! `text:changed-region` per change, its author and date — and reading the same DOCX
//! back (fazhi-import) gives the same changes with their authors and dates.
//!
//! Needs `soffice` (LibreOffice, scripts/setup-test.sh); fails, never skips, without
//! it. The files are kept in `target/tmp/tracked-changes/`.

use std::path::Path;
use std::process::Command;

use fazhi_core::{Document, Paragraph};
use fazhi_export::{docx_with_changes, DocxOptions, ExportChange};

fn doc() -> Document {
    let (mut d, _) = fazhi_core::template::latest("statutory")
        .unwrap()
        .instantiate("某县人民政府", 2019, false);
    d.parts[0].sections[0].paragraphs = vec![
        Paragraph::new("全年办理行政复议案件120件，纠错15件，依法公开政府信息。"),
        Paragraph::new("推进依法行政。"),
    ];
    d
}

fn change(node: &str, start: usize, end: usize, inserted: &str, author: &str) -> ExportChange {
    ExportChange {
        node_id: node.into(),
        start,
        end,
        inserted: inserted.into(),
        mark_deleted: false,
        author: author.into(),
        date: "2026-12-04T05:06:07.000Z".into(),
    }
}

fn changes(d: &Document) -> Vec<ExportChange> {
    let p = &d.parts[0].sections[0].paragraphs;
    vec![
        // 120 → 135
        change(&p[0].id, 11, 13, "35", "李审核"),
        // "，纠错15件" deleted
        change(&p[0].id, 14, 20, "", "李审核"),
        // "全面" inserted before 依法行政
        change(&p[1].id, 2, 2, "全面", "王主任"),
    ]
}

fn soffice_fodt(docx: &Path, dir: &Path) -> String {
    let out = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "fodt", "--outdir"])
        .arg(dir)
        .arg(docx)
        .output()
        .expect("soffice runs (LibreOffice: scripts/setup-test.sh)");
    assert!(
        out.status.success(),
        "soffice --convert-to fodt failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let fodt = dir.join(docx.file_stem().unwrap()).with_extension("fodt");
    std::fs::read_to_string(&fodt).expect("the flat ODF file")
}

/// The text between `<tag` … `</tag>` of each element named `tag`.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&open) {
        let Some(j) = rest[i..].find(&close) else {
            break;
        };
        out.push(&rest[i..i + j + close.len()]);
        rest = &rest[i + j + close.len()..];
    }
    out
}

#[test]
fn libreoffice_reads_our_changes_as_tracked_changes() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tracked-changes");
    std::fs::create_dir_all(&dir).unwrap();
    let d = doc();
    let bytes = docx_with_changes(&d, &DocxOptions::default(), &changes(&d)).expect("DOCX");
    let path = dir.join("with-changes.docx");
    std::fs::write(&path, &bytes).unwrap();

    let fodt = soffice_fodt(&path, &dir);
    let tracked = elements(&fodt, "text:tracked-changes");
    assert_eq!(tracked.len(), 1, "one list of tracked changes");
    let regions = elements(tracked[0], "text:changed-region");
    // 120→135 is a deletion and an insertion; the other two one each.
    assert!(
        regions.len() >= 4,
        "{} regions: {}",
        regions.len(),
        tracked[0]
    );
    let of = |kind: &str, author: &str| {
        regions
            .iter()
            .filter(|r| r.contains(&format!("<text:{kind}>")))
            .filter(|r| r.contains(&format!("<dc:creator>{author}</dc:creator>")))
            .count()
    };
    assert_eq!(of("deletion", "李审核"), 2, "{}", tracked[0]);
    assert_eq!(of("insertion", "李审核"), 1, "{}", tracked[0]);
    assert_eq!(of("insertion", "王主任"), 1, "{}", tracked[0]);
    assert!(
        tracked[0].contains("<dc:date>2026-12-04T05:06:07"),
        "the date is kept"
    );
    // Each region marks its text in the body between change-start and change-end
    // (deleted text included, as LibreOffice shows it struck through).
    let body = &fodt[fodt.find("<office:body>").expect("body")..];
    let marked = |kind: &str| -> Vec<String> {
        regions
            .iter()
            .filter(|r| r.contains(&format!("<text:{kind}>")))
            .filter_map(|r| {
                let id = r.split("text:id=\"").nth(1)?.split('"').next()?;
                let start = format!("<text:change-start text:change-id=\"{id}\"/>");
                let end = format!("<text:change-end text:change-id=\"{id}\"/>");
                let a = body.find(&start)? + start.len();
                let b = a + body[a..].find(&end)?;
                Some(strip_tags(&body[a..b]))
            })
            .collect()
    };
    let deleted = marked("deletion");
    let inserted = marked("insertion");
    assert!(deleted.contains(&"20".to_string()), "{deleted:?}");
    assert!(deleted.contains(&"，纠错15件".to_string()), "{deleted:?}");
    assert!(inserted.contains(&"35".to_string()), "{inserted:?}");
    assert!(inserted.contains(&"全面".to_string()), "{inserted:?}");
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
fn our_docx_reads_back_with_the_same_changes() {
    let d = doc();
    let bytes = docx_with_changes(&d, &DocxOptions::default(), &changes(&d)).expect("DOCX");
    let got = fazhi_import::docx_changes("含修订.docx", &bytes).expect("read back");
    let summary: Vec<(&str, &str, &str, Option<&str>)> = got
        .iter()
        .map(|c| {
            (
                c.old.as_str(),
                c.new.as_str(),
                c.author.as_str(),
                c.date.as_deref(),
            )
        })
        .collect();
    let when = Some("2026-12-04T05:06:07Z");
    assert_eq!(
        summary,
        vec![
            ("20", "35", "李审核", when),
            ("，纠错15件", "", "李审核", when),
            ("", "全面", "王主任", when),
        ]
    );
    // The context is the original text around each change.
    assert!(got[0].prefix.ends_with("行政复议案件1"), "{:?}", got[0]);
    assert!(got[0].suffix.starts_with("件，纠错15件"), "{:?}", got[0]);
    assert_eq!(
        (got[2].prefix.as_str(), got[2].suffix.as_str()),
        ("推进", "依法行政。")
    );
}
