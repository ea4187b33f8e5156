//! The checks on the real published report (梅河口市 2019, from its website)
//! with its real defects: what must be found, what must not, a golden snapshot
//! of every finding, and what `fix` may change.
//!
//! Regenerate the snapshot with `UPDATE_GOLDEN=1 cargo test -p fazhi-checks --test sample`.

use std::collections::BTreeMap;
use std::path::PathBuf;

use fazhi_checks::{check, fix, node_label, Finding, RuleConfig};
use fazhi_core::Document;

const SAMPLE: &str = include_str!("../../../assets/samples/meihekou-2019-web.txt");

/// The sample as the app imports it (page chrome removed, four parts, run-in
/// subsection headings split off), text otherwise untouched.
fn sample_doc() -> Document {
    let mut doc = fazhi_import::import_bytes(
        "meihekou-2019-web.txt",
        SAMPLE.as_bytes(),
        &fazhi_import::ImportOptions::default(),
    )
    .expect("the sample imports")
    .document;
    fazhi_core::validate::assign_missing_ids(&mut doc);
    fazhi_core::validate::validate(&doc).expect("the sample makes a valid report");
    assert_eq!((doc.issuer.as_str(), doc.year), ("梅河口市人民政府", 2019));
    doc
}

/// The same text split by the simple test builder: the checks must not depend
/// on which of the two made the document.
#[test]
fn same_findings_as_the_simple_builder() {
    let simple = fazhi_checks::testing::document_from_text(SAMPLE, "梅河口市人民政府", 2019);
    let imported = sample_doc();
    let key = |d: &Document| {
        let mut v: Vec<(String, String, String)> = check(d, &RuleConfig::default())
            .into_iter()
            .map(|f| {
                let at = node_label(d, &f.location.node_id).unwrap_or_default();
                (at, f.rule, f.text)
            })
            .collect();
        v.sort();
        v
    };
    assert_eq!(key(&simple), key(&imported));
}

fn golden_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden/meihekou-2019.findings.txt")
}

/// One line per finding: where, what, the text as it stands and the fix;
/// headed by the count per rule.
fn render(doc: &Document, findings: &[Finding]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for f in findings {
        *counts.entry(f.rule.as_str()).or_default() += 1;
    }
    let mut out = String::from("# 梅河口市2019年法治政府建设情况报告（网页版）的校对结果\n");
    out.push_str(&format!("# 共{}处\n", findings.len()));
    for (rule, n) in &counts {
        out.push_str(&format!("# {rule}: {n}\n"));
    }
    for f in findings {
        let fix = match &f.fix {
            Some(x) if x.safe => format!("→「{}」", x.replacement),
            Some(x) => format!("?→「{}」", x.replacement),
            None => "-".into(),
        };
        out.push_str(&format!(
            "{} [{}..{}] {} {} 「{}」 {} | {}\n",
            node_label(doc, &f.location.node_id).unwrap_or_else(|| f.location.node_id.clone()),
            f.location.start,
            f.location.end,
            f.severity.label(),
            f.rule,
            f.text,
            fix,
            f.message
        ));
    }
    out
}

#[test]
fn golden_findings_on_the_sample() {
    let doc = sample_doc();
    let got = render(&doc, &check(&doc, &RuleConfig::default()));
    let path = golden_path();
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &got).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(
        got == want,
        "findings on the sample changed; diff against {} (UPDATE_GOLDEN=1 to accept)\n{got}",
        path.display()
    );
}

fn texts_of<'a>(fs: &'a [Finding], rule: &str) -> Vec<&'a str> {
    fs.iter()
        .filter(|f| f.rule == rule)
        .map(|f| f.text.as_str())
        .collect()
}

#[test]
fn finds_every_known_defect() {
    let doc = sample_doc();
    let fs = check(&doc, &RuleConfig::default());
    let half = texts_of(&fs, "punct.halfwidth");
    let count = |c: &str| half.iter().filter(|t| **t == c).count();
    assert!(count(",") > 200, "half-width commas: {}", count(","));
    assert!(count("(") >= 5 && count("(") == count(")"));
    assert_eq!(count(":"), 3);
    assert_eq!(count(";"), 3);
    let docnums = texts_of(&fs, "docnum.format");
    assert_eq!(docnums, ["〔20191号", "〔201939号"]);
    assert_eq!(texts_of(&fs, "punct.year_span"), ["20152020"]);
    assert_eq!(texts_of(&fs, "punct.nested_title"), ["<", ">"]);
    // 我市今年机构改革完成后: 今年 in a report written the year after.
    assert_eq!(texts_of(&fs, "year.jinnian"), ["今年"]);
}

#[test]
fn leaves_decimals_and_counts_alone() {
    let doc = sample_doc();
    let fs = check(&doc, &RuleConfig::default());
    for (p, _) in doc.paragraphs() {
        for needle in ["20.2", "6.9", "890项", "404项", "313个", "303个"] {
            let Some(byte) = p.text.find(needle) else {
                continue;
            };
            let start = p.text[..byte].chars().count();
            let end = start + needle.chars().count();
            let touching: Vec<_> = fs
                .iter()
                .filter(|f| f.location.node_id == p.id)
                .filter(|f| f.location.start < end && start < f.location.end)
                .collect();
            assert!(touching.is_empty(), "{needle} flagged: {touching:?}");
        }
    }
}

/// What a safe fix may turn each character into.
const CHANGES: [(char, char); 7] = [
    (',', '，'),
    (':', '：'),
    (';', '；'),
    ('(', '（'),
    (')', '）'),
    ('<', '〈'),
    ('>', '〉'),
];
/// Characters a safe fix may add: the lost 〕 and the lost 一字线.
const INSERTED: [char; 2] = ['〕', '—'];

#[test]
fn fix_changes_only_the_defective_characters_and_leaves_no_such_error() {
    let mut doc = sample_doc();
    let before = doc.plain_text();
    let applied = fix(&mut doc, &RuleConfig::default(), None);
    let after = doc.plain_text();
    assert!(applied.len() > 240, "{} fixes", applied.len());
    assert_ne!(before, after);

    // Strip every character a fix may touch: what remains is identical, in order.
    let touched =
        |c: char| CHANGES.iter().any(|(a, b)| c == *a || c == *b) || INSERTED.contains(&c);
    let strip = |s: &str| s.chars().filter(|c| !touched(*c)).collect::<String>();
    assert_eq!(strip(&before), strip(&after));
    // Each half-width mark became its full-width form, one for one.
    let n = |s: &str, c: char| s.chars().filter(|x| *x == c).count();
    for (half, full) in CHANGES {
        assert_eq!(n(&after, half), 0, "{half} left");
        assert_eq!(
            n(&before, half) + n(&before, full),
            n(&after, full),
            "{half}→{full}"
        );
    }
    assert_eq!(n(&after, '〕') - n(&before, '〕'), 2);
    assert_eq!(n(&after, '—') - n(&before, '—'), 1);
    assert!(after.contains("梅政办明电〔2019〕1号"));
    assert!(after.contains("吉政办发〔2019〕39号"));
    assert!(after.contains("法治政府建设实施纲要（2015—2020年）"));

    let left = check(&doc, &RuleConfig::default());
    for rule in [
        "punct.halfwidth",
        "docnum.format",
        "punct.year_span",
        "punct.nested_title",
    ] {
        assert!(
            left.iter().all(|f| f.rule != rule),
            "{rule} still found after fix"
        );
    }
    // The web page put the 〉 after the outer title's words; with the outer 》
    // right after it the move is unambiguous, so fix made it too.
    assert!(after.contains("《关于贯彻〈法治政府建设实施纲要（2015—2020年）〉的实施意见》"));
    assert!(left.iter().all(|f| f.rule != "cite.outline"), "{left:?}");
    // No error is left (`fazhi check` exits 0); what is left needs a person:
    // 今年, causes of shortcomings (warnings).
    let errors: Vec<_> = left
        .iter()
        .filter(|f| f.severity == fazhi_checks::Severity::Error)
        .collect();
    assert!(errors.is_empty(), "errors left after fix: {errors:?}");
    assert!(left.iter().all(|f| f.fix.as_ref().is_none_or(|x| !x.safe)));
}
