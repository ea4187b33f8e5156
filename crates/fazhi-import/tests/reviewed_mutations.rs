//! [tracking #17] Reviewed DOCX files cut about: every hand-written fixture of
//! tests/fixtures/reviewed with elements removed, duplicated or moved at random
//! (the XML stays well formed, as a writer's would), through 导入Word修订 and
//! 导入Word批注's readers and the store: never a panic, every change stored or
//! listed (orphaned or refused with a reason), none dropped.

use std::io::{Cursor, Write};
use std::path::Path;

use fazhi_core::identity::ReviewRole;
use fazhi_core::store::NewReport;
use fazhi_core::Store;

const FIXTURES: &[&str] = &[
    "word-move",
    "word-format",
    "word-paragraphs",
    "word-table",
    "word-cells",
    "word-runs",
    "word-wrappers",
    "word-authors",
    "word-comments",
    "word-interleaved",
];

/// A small deterministic generator (xorshift), so that a failure reproduces.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}

fn read(name: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reviewed")
        .join(name);
    std::fs::read_to_string(path).ok()
}

/// `xml` with one element (below the body) removed, doubled, or moved before another.
fn mutate(xml: &str, rng: &mut Rng) -> String {
    let doc = roxmltree::Document::parse(xml).expect("fixture parses");
    let ranges: Vec<std::ops::Range<usize>> = doc
        .descendants()
        .filter(|n| n.is_element() && n.ancestors().any(|a| a.tag_name().name() == "body"))
        .filter(|n| n.tag_name().name() != "body")
        .map(|n| n.range())
        .collect();
    let r = ranges[rng.below(ranges.len())].clone();
    let piece = &xml[r.clone()];
    match rng.below(3) {
        0 => format!("{}{}", &xml[..r.start], &xml[r.end..]),
        1 => format!("{}{piece}{}", &xml[..r.end], &xml[r.end..]),
        _ => {
            // Before another element that is not inside this one.
            let others: Vec<_> = ranges
                .iter()
                .filter(|o| o.end <= r.start || o.start >= r.end)
                .collect();
            let Some(to) = others.get(rng.below(others.len())) else {
                return xml.to_string();
            };
            let without = format!("{}{}", &xml[..r.start], &xml[r.end..]);
            let at = if to.start > r.start {
                to.start - piece.len()
            } else {
                to.start
            };
            format!("{}{piece}{}", &without[..at], &without[at..])
        }
    }
}

fn pack(document: &str, comments: Option<&str>) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    );
    if comments.is_some() {
        rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#);
    }
    rels.push_str("</Relationships>");
    let mut parts = vec![
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/_rels/document.xml.rels", rels),
        ("word/styles.xml", r#"<?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>"#.to_string()),
        ("word/document.xml", document.to_string()),
    ];
    if let Some(c) = comments {
        parts.push(("word/comments.xml", c.to_string()));
    }
    for (name, text) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn mutated_reviewed_files_never_panic_nor_drop_a_change() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_identity("起草人甲", ReviewRole::Approver).unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let (mut runs, mut changes) = (0, 0);
    for name in FIXTURES {
        let xml = read(&format!("{name}.xml")).expect("fixture");
        let comments = read(&format!("{name}.comments.xml"));
        for _ in 0..40 {
            let mut doc = xml.clone();
            for _ in 0..=rng.below(3) {
                doc = mutate(&doc, &mut rng);
            }
            let bytes = pack(&doc, comments.as_deref());
            let found = fazhi_import::docx_changes("审阅稿.docx", &bytes)
                .unwrap_or_else(|e| panic!("{name}: well-formed XML refused: {e}\n{doc}"));
            // The comments' reader: a result or a Chinese refusal, never a panic.
            let _ = fazhi_import::import_bytes("审阅稿.docx", &bytes, &Default::default());
            // A fresh report each time: what the store makes of the changes.
            let id = s
                .create_report(&NewReport {
                    issuer: "某县人民政府".into(),
                    year: 2025,
                    template_id: None,
                    include_optional: false,
                })
                .unwrap()
                .report
                .id;
            let n = found.len();
            let added = s
                .add_changes(&id, found.into_iter().map(Into::into).collect())
                .unwrap();
            assert_eq!(
                added.ids.len() + added.refused.len(),
                n,
                "{name}: every change stored (placed or listed) or refused with a reason"
            );
            runs += 1;
            changes += n;
        }
    }
    assert!(
        runs == FIXTURES.len() * 40 && changes > 500,
        "{runs} runs, {changes} changes"
    );
}
