//! The library side of proofing: entries saved in one library travel with a
//! review package to another, where the next check finds them; stored
//! ignores apply to a check of the report.

use fazhi_checks::lexicon::{LexEntry, LexGroup, LexSource};
use fazhi_checks::proofing;
use fazhi_checks::Severity;
use fazhi_core::identity::ReviewRole;
use fazhi_core::Store;

struct Dir(std::path::PathBuf);

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn dir(name: &str) -> Dir {
    let d = std::env::temp_dir().join(format!(
        "fazhi-proofing-{name}-{}-{}",
        std::process::id(),
        fazhi_core::ids::new_id()
    ));
    std::fs::create_dir_all(&d).unwrap();
    Dir(d)
}

/// A statutory report of `issuer` whose first section holds `text`.
fn report(issuer: &str, text: &str) -> fazhi_core::Document {
    let (mut d, _) = fazhi_core::template::latest("statutory")
        .unwrap()
        .instantiate(issuer, 2019, false);
    d.parts[0].sections[0]
        .paragraphs
        .push(fazhi_core::Paragraph::new(text));
    d
}

fn entry(wrong: &str, right: &str) -> LexEntry {
    LexEntry {
        wrong: wrong.into(),
        suggestion: right.into(),
        level: Severity::Error,
        condition: "always".into(),
        group: LexGroup::Style,
        explanation: "本单位统一说法".into(),
        enabled: true,
        example: String::new(),
        counter: String::new(),
        source: LexSource::User,
    }
}

#[test]
fn lexicon_entries_travel_with_review_packages() {
    let d = dir("package");
    let mut drafter = Store::open(&d.0.join("a.sqlite3")).unwrap();
    drafter.set_identity("张三", ReviewRole::Drafter).unwrap();
    let doc = report("某市人民政府", "推行阳光执法，效果良好。");
    let id = drafter.create_from_document(doc).unwrap().id;
    proofing::import_entries(&mut drafter, &[entry("阳光执法", "公开透明执法")]).unwrap();
    let pkg = d.0.join("r.fzbg");
    drafter.export_package(&id, &pkg).unwrap();

    let mut reviewer = Store::open(&d.0.join("b.sqlite3")).unwrap();
    reviewer.set_identity("李四", ReviewRole::Reviewer).unwrap();
    let opened = reviewer.open_package(&pkg).unwrap();
    assert!(
        opened.notices.iter().any(|n| n.contains("词库")),
        "{:?}",
        opened.notices
    );
    let doc = reviewer.get_report(&id).unwrap().document;
    let checked = proofing::check_with_ignores(&reviewer, &id, &doc).unwrap();
    assert!(checked.findings.iter().any(|f| f.text == "阳光执法"));
    // The reviewer's own edit of the same entry wins over a later package.
    let mut off = entry("阳光执法", "公开透明执法");
    off.enabled = false;
    proofing::save_entry(&mut reviewer, &off, None).unwrap();
    reviewer.open_package(&pkg).unwrap();
    let all = proofing::lexicon(&reviewer).unwrap();
    assert!(!all.iter().find(|e| e.wrong == "阳光执法").unwrap().enabled);
}

#[test]
fn remembered_ignores_for_the_library_apply_to_every_report() {
    let d = dir("library-ignore");
    let mut store = Store::open(&d.0.join("a.sqlite3")).unwrap();
    let text = "各项工作统一布署。统一布署执法检查。";
    let a = store
        .create_from_document(report("某市人民政府", text))
        .unwrap()
        .id;
    let b = store
        .create_from_document(report("某县人民政府", text))
        .unwrap()
        .id;
    let doc_a = store.get_report(&a).unwrap().document;
    let f = proofing::check_with_ignores(&store, &a, &doc_a)
        .unwrap()
        .findings
        .into_iter()
        .find(|f| f.text == "布署")
        .unwrap();
    proofing::ignore(
        &mut store,
        &a,
        &f.id,
        fazhi_core::store::ignored::IgnoreScope::Library,
    )
    .unwrap();
    let doc_b = store.get_report(&b).unwrap().document;
    let checked = proofing::check_with_ignores(&store, &b, &doc_b).unwrap();
    assert!(!checked.findings.iter().any(|f| f.text == "布署"));
    assert_eq!(
        checked.ignored.iter().filter(|f| f.text == "布署").count(),
        2
    );
    assert_eq!(store.ignored_findings(&b).unwrap().len(), 1);
}
