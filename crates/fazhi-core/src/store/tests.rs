use super::*;
use crate::model::{Paragraph, Role, Section};
use proptest::prelude::*;
use rusqlite::params;

fn new_report(store: &mut Store) -> ReportView {
    store
        .create_report(&NewReport {
            issuer: "梅河口市人民政府".into(),
            year: 2019,
            template_id: None,
            include_optional: false,
        })
        .unwrap()
        .report
}

#[test]
fn create_list_show() {
    let mut s = Store::open_in_memory().unwrap();
    let r = new_report(&mut s);
    assert_eq!(r.status, Status::Draft);
    assert_eq!(r.title, "梅河口市人民政府关于2019年法治政府建设情况的报告");
    let list = s.list_reports(None).unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].issuer, "梅河口市人民政府");
    assert_eq!(list[0].status_label, "草稿");
    let shown = s.get_report(&r.id).unwrap();
    assert_eq!(shown.document.parts.len(), 4);
}

#[test]
fn saving_a_document_that_breaks_the_template_changes_nothing() {
    let mut s = Store::open_in_memory().unwrap();
    let r = new_report(&mut s);
    let mut doc = r.document.clone();
    doc.parts.remove(2);
    let err = s.save_report(&r.id, doc, Some(r.version)).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert!(err.to_string().contains("缺少法定部分"));
    let after = s.get_report(&r.id).unwrap();
    assert_eq!(after.document, r.document);
    assert_eq!(after.version, r.version);
}

#[test]
fn stale_version_is_refused() {
    let mut s = Store::open_in_memory().unwrap();
    let r = new_report(&mut s);
    let mut doc = r.document.clone();
    doc.preface[0].text = "第一次".into();
    s.save_report(&r.id, doc.clone(), Some(r.version)).unwrap();
    doc.preface[0].text = "第二次".into();
    let err = s.save_report(&r.id, doc, Some(r.version)).unwrap_err();
    assert!(matches!(err, Error::Conflict { .. }));
    assert_eq!(
        s.get_report(&r.id).unwrap().document.preface[0].text,
        "第一次"
    );
}

#[test]
fn revisions_are_immutable_and_restorable() {
    let mut s = Store::open_in_memory().unwrap();
    let r = new_report(&mut s);
    let mut doc = r.document.clone();
    doc.preface[0].text = "初稿".into();
    s.save_report(&r.id, doc.clone(), None).unwrap();
    let v1 = s.save_version(&r.id, Some("初稿"), Some("张三")).unwrap();
    assert_eq!(v1.revision, 1);
    doc.preface[0].text = "修改稿".into();
    s.save_report(&r.id, doc, None).unwrap();
    s.save_version(&r.id, None, None).unwrap();
    let restored = s.restore_revision(&r.id, 1, Some("张三")).unwrap();
    assert_eq!(restored.revision, 3);
    assert_eq!(restored.message.as_deref(), Some("恢复自第1版"));
    assert_eq!(
        s.get_report(&r.id).unwrap().document.preface[0].text,
        "初稿"
    );
    assert_eq!(s.get_revision(&r.id, 2).unwrap().preface[0].text, "修改稿");
    assert_eq!(s.list_revisions(&r.id).unwrap().len(), 3);
    assert!(matches!(
        s.get_revision(&r.id, 9),
        Err(Error::RevisionNotFound { .. })
    ));
}

#[test]
fn search_finds_long_and_short_queries() {
    let mut s = Store::open_in_memory().unwrap();
    let r = new_report(&mut s);
    let other = s
        .create_report(&NewReport {
            issuer: "通化市司法局".into(),
            year: 2021,
            template_id: None,
            include_optional: false,
        })
        .unwrap()
        .report;
    let mut doc = r.document.clone();
    doc.preface[0].text = "全面推行行政审批制度改革，录入政务服务事项890项。".into();
    s.save_report(&r.id, doc, None).unwrap();
    let hits = s.search("行政审批制度").unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].id, r.id);
    assert!(hits[0].snippet.contains("行政审批制度"));
    // two characters: below the trigram size
    assert_eq!(s.search("审批").unwrap().len(), 1);
    // titles are indexed
    assert_eq!(s.search("通化市").unwrap()[0].id, other.id);
    // quotes in the query do not break the FTS syntax
    assert!(s.search("\"行政").unwrap().is_empty());
    assert_eq!(s.list_reports(Some("890项")).unwrap().len(), 1);
}

#[test]
fn deleting_removes_report_revisions_and_index() {
    let mut s = Store::open_in_memory().unwrap();
    let r = new_report(&mut s);
    s.save_version(&r.id, None, None).unwrap();
    s.delete_report(&r.id).unwrap();
    assert!(matches!(s.get_report(&r.id), Err(Error::ReportNotFound(_))));
    assert!(s.search("梅河口").unwrap().is_empty());
    let revs: i64 = s
        .connection()
        .query_row("SELECT count(*) FROM revisions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(revs, 0);
}

#[test]
fn locked_reports_refuse_saves() {
    let mut s = Store::open_in_memory().unwrap();
    let r = new_report(&mut s);
    s.connection()
        .execute("UPDATE reports SET status = 'final' WHERE id = ?1", [&r.id])
        .unwrap();
    let err = s.save_report(&r.id, r.document.clone(), None).unwrap_err();
    assert!(matches!(err, Error::Locked("已定稿")));
}

#[test]
fn file_library_uses_wal_and_survives_reopen() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("sub").join("lib.sqlite3");
    let id = {
        let mut s = Store::open(&path).unwrap();
        new_report(&mut s).id
    };
    let s = Store::open(&path).unwrap();
    let mode: String = s
        .connection()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    let fk: i64 = s
        .connection()
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert_eq!(fk, 1);
    assert_eq!(s.get_report(&id).unwrap().document.parts.len(), 4);
}

#[test]
fn newer_schema_is_refused_and_not_modified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lib.sqlite3");
    drop(Store::open(&path).unwrap());
    {
        let c = Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", SCHEMA_VERSION + 5)
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(&path).err().unwrap();
    assert!(matches!(err, Error::LibraryTooNew { .. }));
    assert!(err.to_string().contains("更新版本"));
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn foreign_files_are_refused_and_not_modified() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.sqlite3");
    std::fs::write(&text, "这不是数据库".repeat(200)).unwrap();
    let err = Store::open(&text).err().unwrap();
    assert!(matches!(err, Error::NotALibrary(_)), "{err:?}");
    assert_eq!(
        std::fs::read_to_string(&text).unwrap(),
        "这不是数据库".repeat(200)
    );

    let other = dir.path().join("other.sqlite3");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    assert!(matches!(Store::open(&other), Err(Error::NotALibrary(_))));
}

fn arb_text() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just('法'),
            Just('治'),
            Just('，'),
            Just('。'),
            Just('“'),
            Just('"'),
            Just('\\'),
            Just('a'),
            Just('1'),
            Just(' '),
            Just('〔'),
            Just('😀'),
        ],
        0..40,
    )
    .prop_map(|v| v.into_iter().collect())
}

prop_compose! {
    fn arb_paragraphs()(texts in proptest::collection::vec(arb_text(), 0..4)) -> Vec<Paragraph> {
        texts.into_iter().map(Paragraph::new).collect()
    }
}

fn arb_section(depth: u32) -> BoxedStrategy<Section> {
    let leaf = (arb_text(), arb_paragraphs()).prop_map(|(h, ps)| {
        let mut s = Section::new(h);
        s.paragraphs = ps;
        s
    });
    if depth == 0 {
        return leaf.boxed();
    }
    (
        arb_text(),
        arb_paragraphs(),
        proptest::collection::vec(arb_section(depth - 1), 0..3),
    )
        .prop_map(|(h, ps, subs)| {
            let mut s = Section::new(h);
            s.paragraphs = ps;
            s.sections = subs;
            s
        })
        .boxed()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever valid document is saved comes back identical.
    #[test]
    fn save_load_round_trip_is_lossless(
        preface in arb_paragraphs(),
        measures in proptest::collection::vec(arb_section(2), 0..4),
        plans_paras in arb_paragraphs(),
        title in proptest::option::of(arb_text()),
        other in any::<bool>(),
        attachments in proptest::collection::vec((arb_text(), arb_paragraphs()), 0..3),
        official in (
            proptest::option::of(arb_text()),
            proptest::option::of(arb_text()),
            proptest::option::of(arb_text()),
            any::<bool>(),
            proptest::option::of(prop_oneof![Just("000001".to_string()), Just("123456".to_string())]),
            proptest::option::of(prop_oneof![Just("特急".to_string()), Just("加急".to_string())]),
        ),
    ) {
        let mut s = Store::open_in_memory().unwrap();
        let r = s.create_report(&NewReport {
            issuer: "某县人民政府".into(), year: 2022, template_id: None, include_optional: other,
        }).unwrap().report;
        let mut doc = r.document.clone();
        doc.preface = preface;
        doc.parts[0].sections = measures;
        doc.parts.iter_mut().find(|p| p.role == Role::Plans).unwrap().paragraphs = plans_paras;
        doc.title_override = title;
        // The filing copy's fields ([official]) come back too.
        let (issuer_mark, secrecy, doc_number, sealed, copy_number, urgency) = official;
        doc.issuer_mark = issuer_mark;
        doc.secrecy = secrecy;
        doc.doc_number = doc_number;
        doc.sealed = sealed;
        doc.copy_number = copy_number;
        doc.urgency = urgency;
        doc.attachments = attachments
            .into_iter()
            .map(|(t, ps)| {
                let mut a = crate::model::Attachment::new(t);
                a.paragraphs = ps;
                a
            })
            .collect();
        s.save_report(&r.id, doc.clone(), Some(r.version)).unwrap();
        let back = s.get_report(&r.id).unwrap();
        prop_assert_eq!(back.document, doc);
    }
}

#[test]
fn a_version_1_library_migrates_to_review_schema_keeping_its_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v1.sqlite3");
    // A library as the first release wrote it.
    let doc = {
        let mut s = Store::open_in_memory().unwrap();
        new_report(&mut s).document
    };
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("migrations/001_init.sql"))
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.execute(
            "INSERT INTO reports (id, issuer, year, title, template_id, template_version, status,
                 content, content_schema, chars, version, created_at, updated_at)
             VALUES ('abc123def456', ?1, 2019, ?2, 'statutory', 1, 'final', ?3, 1, 10, 3,
                 '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')",
            params![
                doc.issuer,
                doc.title(),
                serde_json::to_string(&doc).unwrap()
            ],
        )
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    let v: i64 = s
        .connection()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, SCHEMA_VERSION);
    let r = s.get_report("abc123def456").unwrap();
    assert_eq!((r.status, r.version), (Status::Final, 3));
    let part = r.document.parts[0].id.clone();
    // The new tables work, and the old final report is locked.
    s.set_identity("张三", crate::review::ReviewRole::Reviewer)
        .unwrap();
    s.add_comment(
        "abc123def456",
        &crate::review::CommentTarget::Range {
            node_id: part,
            start: 0,
            end: 2,
        },
        "意见",
    )
    .unwrap();
    assert_eq!(s.open_comment_count("abc123def456").unwrap(), 1);
    assert!(matches!(
        s.save_report("abc123def456", r.document, None),
        Err(Error::Locked(_))
    ));
    assert!(s.audit_log("abc123def456").unwrap().len() == 1);
}

// ---- one writer, one derivation ----------------------------------------------

/// The stored row and search rows of `id` are exactly what `ReportRow::derive`
/// computes from the stored document, and the search rows are one per node
/// with text (plus the title).
fn assert_derived_columns_match(s: &Store, id: &str) {
    let conn = s.connection();
    let mut stored = conn
        .query_row(
            "SELECT issuer, year, title, template_id, template_version, content,
                    content_schema, chars FROM reports WHERE id = ?1",
            [id],
            |r| {
                Ok(reports::ReportRow {
                    issuer: r.get(0)?,
                    year: r.get(1)?,
                    title: r.get(2)?,
                    template_id: r.get(3)?,
                    template_version: r.get(4)?,
                    content: r.get(5)?,
                    content_schema: r.get(6)?,
                    chars: r.get(7)?,
                    search_rows: Vec::new(),
                })
            },
        )
        .unwrap();
    stored.search_rows = fts::rows(conn, id).unwrap();
    let doc = validate::checked(json::parse_document(&stored.content).unwrap()).unwrap();
    let mut want = reports::ReportRow::derive(&doc).unwrap();
    want.search_rows.sort();
    assert_eq!(stored, want);
    // Independently of derive: the title, the count and one row per text.
    assert_eq!(stored.title, doc.title());
    let chars = doc
        .plain_text()
        .chars()
        .filter(|c| !c.is_whitespace())
        .count();
    assert_eq!(stored.chars, chars as i64);
    let texts = doc.nodes().filter(|n| !n.text.is_empty()).count();
    assert_eq!(stored.search_rows.len(), texts + 1);
}

#[test]
fn derived_columns_match_after_create_save_restore_and_package() {
    use crate::review::ReviewRole;
    let mut s = Store::open_in_memory().unwrap();
    s.set_identity("张三", ReviewRole::Drafter).unwrap();
    let r = new_report(&mut s);
    assert_derived_columns_match(&s, &r.id);

    let mut doc = r.document.clone();
    doc.preface[0].text = "第一稿，法治政府建设。".into();
    doc.parts[0].sections[0]
        .paragraphs
        .push(Paragraph::new("审查规范性文件12件。"));
    doc.parts[0].sections[0]
        .sections
        .push(Section::new("推进政务公开"));
    s.save_report(&r.id, doc.clone(), None).unwrap();
    assert_derived_columns_match(&s, &r.id);
    s.save_version(&r.id, Some("第一稿"), None).unwrap();

    doc.title_override = Some("关于法治政府建设的报告".into());
    doc.issuer = "某县人民政府".into();
    doc.parts[0].sections[0].paragraphs.clear();
    doc.preface[0].text = String::new();
    s.save_report(&r.id, doc, None).unwrap();
    assert_derived_columns_match(&s, &r.id);

    s.restore_revision(&r.id, 1, None).unwrap();
    assert_derived_columns_match(&s, &r.id);
    assert_eq!(
        s.get_report(&r.id).unwrap().document.issuer,
        "梅河口市人民政府"
    );

    let from_doc = s
        .create_from_document(s.get_report(&r.id).unwrap().document)
        .unwrap();
    assert_derived_columns_match(&s, &from_doc.id);

    // Opening a package, then opening a newer one (the refresh).
    let dir = tempfile::tempdir().unwrap();
    let mut t = Store::open_in_memory().unwrap();
    t.set_identity("李四", ReviewRole::Reviewer).unwrap();
    let first = dir.path().join("a.fzbg");
    s.export_package(&r.id, &first).unwrap();
    t.open_package(&first).unwrap();
    assert_derived_columns_match(&t, &r.id);
    let mut doc = s.get_report(&r.id).unwrap().document;
    doc.closing = vec![Paragraph::new("特此报告。")];
    doc.parts[1].heading = "2019年法治政府建设存在的不足和原因".into();
    s.save_report(&r.id, doc, None).unwrap();
    let second = dir.path().join("b.fzbg");
    s.export_package(&r.id, &second).unwrap();
    t.open_package(&second).unwrap();
    assert_derived_columns_match(&t, &r.id);
    assert_eq!(
        t.get_report(&r.id).unwrap().document.closing[0].text,
        "特此报告。"
    );
}

/// The raw bytes of a report's row and search rows.
fn raw_state(s: &Store, id: &str) -> (String, String, i64, Vec<(String, String)>) {
    let (content, title, version) = s
        .connection()
        .query_row(
            "SELECT content, title, version FROM reports WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    (
        content,
        title,
        version,
        fts::rows(s.connection(), id).unwrap(),
    )
}

#[test]
fn every_writer_refuses_an_invalid_document_leaving_the_bytes_unchanged() {
    let mut s = Store::open_in_memory().unwrap();
    let r = new_report(&mut s);
    let mut bad = r.document.clone();
    bad.parts.remove(1);

    // create
    let before = s.report_count().unwrap();
    let err = s.create_from_document(bad.clone()).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert_eq!(s.report_count().unwrap(), before);

    // save (and save with anchors)
    let state = raw_state(&s, &r.id);
    assert!(s.save_report(&r.id, bad.clone(), None).is_err());
    assert!(s
        .save_report_with_anchors(&r.id, bad.clone(), None, &[])
        .is_err());
    assert_eq!(raw_state(&s, &r.id), state);

    // restore: a revision that no longer passes the template check (written
    // behind the store's back) is refused like any other document.
    s.save_version(&r.id, Some("好的"), None).unwrap();
    s.connection()
        .execute(
            "UPDATE revisions SET content = ?2 WHERE report_id = ?1 AND seq = 1",
            params![r.id, serde_json::to_string(&bad).unwrap()],
        )
        .unwrap();
    let err = s.restore_revision(&r.id, 1, None).unwrap_err();
    assert!(matches!(err, Error::Invalid(_)), "{err:?}");
    assert_eq!(raw_state(&s, &r.id), state);
    assert_eq!(s.list_revisions(&r.id).unwrap().len(), 1);
}

// ---- Document::nodes ------------------------------------------------------------

/// Every id of the tree, collected by hand (the walk `nodes()` replaces).
fn ids_by_hand(doc: &Document) -> Vec<String> {
    fn section(s: &Section, out: &mut Vec<String>) {
        out.push(s.id.clone());
        out.extend(s.paragraphs.iter().map(|p| p.id.clone()));
        for c in &s.sections {
            section(c, out);
        }
    }
    let mut out: Vec<String> = doc.preface.iter().map(|p| p.id.clone()).collect();
    for part in &doc.parts {
        out.push(part.id.clone());
        out.extend(part.paragraphs.iter().map(|p| p.id.clone()));
        for s in &part.sections {
            section(s, &mut out);
        }
    }
    out.extend(doc.closing.iter().map(|p| p.id.clone()));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// `nodes()` visits every id exactly once, in reading order, with levels
    /// that follow the nesting.
    #[test]
    fn nodes_visit_every_id_exactly_once(
        preface in arb_paragraphs(),
        measures in proptest::collection::vec(arb_section(3), 0..4),
        plans in proptest::collection::vec(arb_section(1), 0..3),
        closing in arb_paragraphs(),
    ) {
        let mut doc = crate::template::latest("statutory").unwrap()
            .instantiate("某县人民政府", 2022, true).0;
        doc.preface = preface;
        doc.parts[0].sections = measures;
        doc.parts[3].sections = plans;
        doc.closing = closing;
        let walked: Vec<String> = doc.nodes().map(|n| n.id.to_string()).collect();
        prop_assert_eq!(&walked, &ids_by_hand(&doc));
        let unique: std::collections::HashSet<&String> = walked.iter().collect();
        prop_assert_eq!(unique.len(), walked.len());
        let mut last_heading = 0;
        for n in doc.nodes() {
            match n.kind {
                crate::model::NodeKind::Part => prop_assert_eq!(n.level, 1),
                crate::model::NodeKind::Section => {
                    prop_assert!(n.level >= 2 && n.level <= last_heading + 1);
                }
                crate::model::NodeKind::Paragraph | crate::model::NodeKind::Table => {
                    prop_assert!(n.level == 0 || n.level == last_heading);
                }
                crate::model::NodeKind::Attachment => prop_assert_eq!(n.level, 0),
            }
            if !matches!(n.kind, crate::model::NodeKind::Paragraph | crate::model::NodeKind::Table) {
                last_heading = n.level;
            }
        }
    }
}
