//! [tracking #17] Reviewed DOCX files as Word, WPS and LibreOffice write them, through
//! the path 导入Word修订 / `fazhi changes import-docx` takes (`docx_changes_file`, the
//! context fitted to the report, `Store::add_changes`) and the one 导入Word批注 /
//! `fazhi comment import-docx` takes (`import_file`'s comments,
//! `Store::import_external_comments`). Each file's changes, accepted, must give the
//! text the reviewer saw; a change that cannot be placed is listed, never dropped.
//!
//! Fixtures (tests/fixtures/reviewed/): `lo-*.docx` were written by LibreOffice 7.4
//! (`soffice --headless --convert-to docx` of the `.fodt` beside them); `word-*.xml`
//! are `word/document.xml` parts written by hand after the XML Word 2016+ and WPS
//! write (ECMA-376 Part 1 §17.13), packed here with the parts every DOCX has.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use fazhi_core::change::Flat;
use fazhi_core::identity::ReviewRole;
use fazhi_core::model::{Cell, Paragraph, Table};
use fazhi_core::review::{ChangesAdded, CommentFilter, ExternalComment};
use fazhi_core::store::NewReport;
use fazhi_core::Store;
use fazhi_import::DocxChange;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/reviewed")
        .join(name)
}

/// A DOCX of the hand-written `word/document.xml` `name`.xml, with its
/// `name`.comments.xml and `name`.commentsExtended.xml when present.
fn pack(name: &str) -> Vec<u8> {
    let read = |f: &str| std::fs::read_to_string(fixture(f)).ok();
    let document = read(&format!("{name}.xml")).expect("fixture");
    let comments = read(&format!("{name}.comments.xml"));
    let extended = read(&format!("{name}.commentsExtended.xml"));
    let mut types = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    );
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    );
    if comments.is_some() {
        types.push_str(r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/>"#);
        rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="comments.xml"/>"#);
    }
    if extended.is_some() {
        types.push_str(r#"<Override PartName="/word/commentsExtended.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.commentsExtended+xml"/>"#);
        rels.push_str(r#"<Relationship Id="rId3" Type="http://schemas.microsoft.com/office/2011/relationships/commentsExtended" Target="commentsExtended.xml"/>"#);
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let root_rels = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#;
    let mut parts = vec![
        ("[Content_Types].xml", types),
        ("_rels/.rels", root_rels.to_string()),
        ("word/_rels/document.xml.rels", rels),
        ("word/styles.xml", styles.to_string()),
        ("word/document.xml", document),
    ];
    if let Some(c) = comments {
        parts.push(("word/comments.xml", c));
    }
    if let Some(e) = extended {
        parts.push(("word/commentsExtended.xml", e));
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, opts).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The bytes of fixture `name`: a LibreOffice file as written, or a hand-written part packed.
fn bytes(name: &str) -> Vec<u8> {
    if name.ends_with(".docx") {
        std::fs::read(fixture(name)).expect("fixture")
    } else {
        pack(name)
    }
}

enum Block<'a> {
    P(&'a str),
    T(&'a [&'a [&'a str]]),
}

/// A report whose first part holds `blocks` (the text the reviewer was sent), and
/// the library's identity a 签发人 (who may accept every change).
fn report(blocks: &[Block]) -> (Store, String) {
    let mut s = Store::open_in_memory().unwrap();
    s.set_identity("起草人甲", ReviewRole::Approver).unwrap();
    let created = s
        .create_report(&NewReport {
            issuer: "某县人民政府".into(),
            year: 2025,
            template_id: None,
            include_optional: false,
        })
        .unwrap();
    let id = created.report.id.clone();
    let mut doc = created.report.document;
    let para = |t: &str| Paragraph {
        id: String::new(),
        text: t.to_string(),
        table: None,
    };
    doc.parts[0].paragraphs = blocks
        .iter()
        .map(|b| match b {
            Block::P(t) => para(t),
            Block::T(rows) => Paragraph {
                id: String::new(),
                text: String::new(),
                table: Some(Table {
                    rows: rows
                        .iter()
                        .map(|r| {
                            r.iter()
                                .map(|c| Cell {
                                    colspan: 1,
                                    rowspan: 1,
                                    paragraphs: vec![para(c)],
                                })
                                .collect()
                        })
                        .collect(),
                    ..Table::default()
                }),
            },
        })
        .collect();
    doc.parts[0].sections.clear();
    let v = s.get_report(&id).unwrap().version;
    s.save_report(&id, doc, Some(v)).unwrap();
    (s, id)
}

/// 导入Word修订 as `fazhi_app::word::import_word_changes` does it.
fn import_changes(s: &mut Store, id: &str, name: &str) -> (Vec<DocxChange>, ChangesAdded) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("审阅稿.docx");
    std::fs::write(&path, bytes(name)).unwrap();
    let mut found = fazhi_import::docx_changes_file(&path).expect("the file reads");
    let doc = s.get_report(id).unwrap().document;
    let text: String = Flat::of(&doc).chars.into_iter().collect();
    fazhi_import::fit_context(&mut found, &text);
    let added = s
        .add_changes(id, found.iter().cloned().map(Into::into).collect())
        .expect("add_changes");
    (found, added)
}

/// The first part's text with every change accepted: paragraphs, a table's cells
/// as `a|b` rows.
fn accepted(s: &Store, id: &str) -> Vec<String> {
    let doc = s.accepted_view(id).unwrap();
    doc.parts[0]
        .paragraphs
        .iter()
        .map(|p| match &p.table {
            None => p.text.clone(),
            Some(t) => t
                .rows
                .iter()
                .map(|r| {
                    r.iter()
                        .map(|c| {
                            c.paragraphs
                                .iter()
                                .map(|p| p.text.as_str())
                                .collect::<Vec<_>>()
                                .join("/")
                        })
                        .collect::<Vec<_>>()
                        .join("|")
                })
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect()
}

fn summary(found: &[DocxChange]) -> Vec<(String, String, String)> {
    found
        .iter()
        .map(|c| (c.author.clone(), c.old.clone(), c.new.clone()))
        .collect()
}

fn t(a: &str, old: &str, new: &str) -> (String, String, String) {
    (a.to_string(), old.to_string(), new.to_string())
}

/// Every change placed (none orphaned or refused), and the accepted text.
fn assert_all_placed(added: &ChangesAdded, found: &[DocxChange]) {
    assert!(
        added.orphaned.is_empty() && added.refused.is_empty(),
        "all placed: {added:?}\n{found:#?}"
    );
    assert_eq!(added.ids.len(), found.len());
}

/// Every change placed but those inserting `listed` (stored orphaned, listed).
fn assert_all_placed_but(added: &ChangesAdded, found: &[DocxChange], listed: &[&str]) {
    assert!(added.refused.is_empty(), "{added:?}");
    assert_eq!(added.ids.len(), found.len());
    let orphaned: Vec<&str> = found
        .iter()
        .zip(&added.ids)
        .filter(|(_, id)| added.orphaned.contains(id))
        .map(|(c, _)| c.new.as_str())
        .collect();
    assert_eq!(orphaned, listed, "{found:#?}");
}

#[test]
fn moved_text_comes_back_as_a_deletion_and_an_insertion() {
    for name in ["word-move", "lo-rt-move.docx"] {
        let (mut s, id) = report(&[
            Block::P("一是法治意识有待增强。部分干部学法不够。"),
            Block::P("二是执法队伍力量不足。"),
            Block::P("三是制度建设滞后。"),
            Block::P("四是考核机制不健全。"),
            Block::P("五是宣传教育不够深入。"),
        ]);
        let (found, added) = import_changes(&mut s, &id, name);
        assert_eq!(
            summary(&found),
            vec![
                t("王科长", "部分干部学法不够。", ""),
                t("王科长", "", "四是考核机制不健全。\n"),
                t("王科长", "", "部分干部学法不够。"),
                t("王科长", "四是考核机制不健全。\n", ""),
            ]
        );
        assert_all_placed(&added, &found);
        assert_eq!(
            accepted(&s, &id),
            [
                "一是法治意识有待增强。",
                "四是考核机制不健全。",
                "二是执法队伍力量不足。",
                "三是制度建设滞后。部分干部学法不够。",
                "五是宣传教育不够深入。",
            ]
        );
    }
}

#[test]
fn formatting_changes_are_not_text_changes() {
    let found = fazhi_import::docx_changes("审阅稿.docx", &bytes("word-format")).unwrap();
    assert_eq!(
        found,
        Vec::new(),
        "rPrChange/pPrChange/tblPrChange/sectPrChange"
    );
}

#[test]
fn paragraph_marks_deleted_and_inserted() {
    for name in ["word-paragraphs", "lo-rt-paragraphs.docx"] {
        let (mut s, id) = report(&[
            Block::P("加强规范性文件管理。"),
            Block::P("全面推行行政执法三项制度。"),
            Block::P("严格落实重大行政决策程序。"),
            Block::P("深化行政复议体制改革。"),
            Block::P("加强行政应诉工作。"),
        ]);
        let (found, added) = import_changes(&mut s, &id, name);
        assert_all_placed(&added, &found);
        assert_eq!(
            accepted(&s, &id),
            [
                "加强规范性文件管理。全面推行行政执法三项制度。",
                "健全行政执法协调监督体系。",
                "严格落实重大行政决策程序。",
                "坚持科学民主依法决策。",
                "加强行政应诉工作。",
            ]
        );
    }
}

#[test]
fn changes_in_table_cells_and_whole_rows() {
    for name in ["word-table", "lo-rt-table.docx"] {
        let (mut s, id) = report(&[
            Block::P("办理案件情况如下。"),
            Block::T(&[&["项目", "数量"], &["行政复议", "120"], &["行政诉讼", "45"]]),
            Block::P("以上数据截至年底。"),
        ]);
        let (found, added) = import_changes(&mut s, &id, name);
        // The inserted row is listed (the report's 修订 cannot add a row); the rest placed.
        let placed: Vec<_> = summary(&found);
        assert!(placed.contains(&t("李审核", "20", "35")), "{found:#?}");
        assert!(
            found
                .iter()
                .any(|c| c.new.contains("行政赔偿") && c.new.contains('3')),
            "the inserted row is not lost: {found:#?}"
        );
        assert_all_placed_but(&added, &found, &["行政赔偿\t3"]);
        let text = accepted(&s, &id);
        assert_eq!(text[0], "办理案件情况如下。");
        assert!(
            text[1].starts_with("项目|数量\n行政复议|135\n|"),
            "{text:?}"
        );
        assert_eq!(text[2], "以上数据截至2025年年底。");
    }
}

/// An inserted cell (`w:cellIns`) and an inserted row holding a nested table: each
/// listed once, the rest of the table's text unchanged.
#[test]
fn inserted_cells_are_listed_once() {
    let (mut s, id) = report(&[
        Block::T(&[&["行政复议", "120"]]),
        Block::P("以上数据截至年底。"),
    ]);
    let (found, added) = import_changes(&mut s, &id, "word-cells");
    assert_eq!(
        summary(&found),
        vec![
            t("欧阳晓明", "", "同比增长"),
            t("欧阳晓明", "", "行政赔偿\t3\t"),
        ]
    );
    assert_all_placed_but(&added, &found, &["同比增长", "行政赔偿\t3\t"]);
    assert_eq!(accepted(&s, &id), ["行政复议|120", "以上数据截至年底。"]);
}

#[test]
fn runs_with_fields_tabs_breaks_symbols_and_hyphens() {
    let (mut s, id) = report(&[
        Block::P("具体见第2页。"),
        Block::P("做好行政应诉工作（见表1）。"),
        Block::P("主要指标如下。"),
        Block::P("依据执行。"),
        Block::P("详见政府网站。"),
    ]);
    let (found, added) = import_changes(&mut s, &id, "word-runs");
    for c in &found {
        assert!(
            !c.new.contains("PAGEREF") && !c.old.contains("REF") && !c.new.contains("HYPERLINK"),
            "field codes are not text: {c:?}"
        );
    }
    assert_all_placed(&added, &found);
    assert_eq!(
        accepted(&s, &id),
        [
            "具体见第2页和第5页。",
            "做好行政应诉工作。",
            "主要指标如下。",
            "复议\t135件",
            "依据国发-2号文件—执行。",
            "详见政府门户网站。",
        ]
    );
}

#[test]
fn runs_wrapped_in_smart_tags_custom_xml_sdt_and_hyperlinks() {
    let (mut s, id) = report(&[
        Block::P("推进严格规范公正文明执法。"),
        Block::P("优化法治化营商环境。"),
        Block::P("详见政府网站公告。"),
        Block::P("加强行政执法监督。"),
        Block::P("坚持依法决策。"),
        Block::P("规范执法行为。"),
        Block::P("完善执法程序。"),
    ]);
    let (found, added) = import_changes(&mut s, &id, "word-wrappers");
    assert!(
        summary(&found).contains(&t("李审核", "", "全方位")),
        "an insertion split by proofErr/bookmarkStart is one: {found:#?}"
    );
    assert_all_placed(&added, &found);
    assert_eq!(
        accepted(&s, &id),
        [
            "推进全面严格规范公正文明执法。",
            "优化市场化法治化国际化营商环境。",
            "详见门户网站公告。",
            "加强全方位行政执法监督。",
            "坚持科学民主依法决策。",
            "规范公正执法行为。",
            "完善行政执法程序。",
        ]
    );
}

#[test]
fn authors_dates_replacements_and_interleaved_authors() {
    let (mut s, id) = report(&[
        Block::P("全年办理行政复议案件120件。"),
        Block::P("纠错15件，纠错率12%。"),
        Block::P("依法履行政府职能。"),
    ]);
    let (found, added) = import_changes(&mut s, &id, "word-authors");
    assert_eq!(
        summary(&found),
        vec![
            t("李审核", "20", "35"),
            t("王科长", "15", ""),
            t("欧阳晓明", "", "18"),
            t("张三", "", "全面"),
            t("李四", "", "各项"),
        ]
    );
    assert_eq!(found[0].date.as_deref(), Some("2026-11-30T10:00:00Z"));
    assert_eq!(found[1].date, None, "no w:date");
    assert_eq!(found[2].date.as_deref(), Some("2026-12-01T09:30:00"));
    // Every change is stored or listed with its reason; none is dropped.
    assert_eq!(
        added.ids.len() + added.refused.len(),
        found.len(),
        "{added:?}"
    );
    let changes = s.list_changes(&id, Default::default()).unwrap();
    for c in &changes {
        assert!(!c.created_at.is_empty() || c.author == "王科长", "{c:?}");
    }
    assert!(
        added.refused.is_empty() && added.orphaned.is_empty(),
        "{added:?}"
    );
    assert_eq!(
        accepted(&s, &id),
        [
            "全年办理行政复议案件135件。",
            "纠错18件，纠错率12%。",
            "依法全面履行政府各项职能。",
        ]
    );
}

/// The report changed since the file was sent: a change whose text is gone is
/// stored orphaned and listed with its texts and author, the others placed.
#[test]
fn changes_whose_text_is_gone_are_listed() {
    let (mut s, id) = report(&[
        Block::P("全年共办理行政复议案件128件。"),
        Block::P("纠错15件，纠错率12%。"),
        Block::P("依法履行政府职能。"),
    ]);
    let (found, added) = import_changes(&mut s, &id, "word-authors");
    assert_all_placed_but(&added, &found, &["35"]);
    let listed = s
        .list_changes(&id, Default::default())
        .unwrap()
        .into_iter()
        .filter(|c| c.orphaned)
        .map(|c| (c.author, c.old, c.new))
        .collect::<Vec<_>>();
    assert_eq!(listed, [t("李审核", "20", "35")]);
}

/// Changes in what our export adds around the report's text — the title, the 署名,
/// the 成文日期 — are listed, not placed on the same few characters in the body; the
/// change in a run-in heading's paragraph is placed.
#[test]
fn changes_outside_the_reports_text_are_listed_not_put_in_the_body() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_identity("起草人甲", ReviewRole::Approver).unwrap();
    let created = s
        .create_report(&NewReport {
            issuer: "某县人民政府".into(),
            year: 2025,
            template_id: None,
            include_optional: false,
        })
        .unwrap();
    let id = created.report.id.clone();
    let mut doc = created.report.document;
    doc.parts[0].sections.truncate(1);
    doc.parts[0].sections[0].heading = "健全依法行政制度体系".into();
    doc.parts[0].sections[0].sections.clear();
    doc.parts[0].sections[0].paragraphs = vec![Paragraph {
        id: String::new(),
        text: "严格落实《某县人民政府管理办法》。".into(),
        table: None,
    }];
    let v = s.get_report(&id).unwrap().version;
    s.save_report(&id, doc, Some(v)).unwrap();
    let (found, added) = import_changes(&mut s, &id, "word-metadata");
    assert_eq!(
        summary(&found),
        vec![
            t("王科长", "", "（修改稿）"),
            t("王科长", "", "规范性文件"),
            t("王科长", "", "办公室"),
            t("王科长", "5", "6"),
        ]
    );
    assert_all_placed_but(&added, &found, &["（修改稿）", "办公室", "6"]);
    let doc = s.accepted_view(&id).unwrap();
    assert_eq!(
        doc.parts[0].sections[0].paragraphs[0].text,
        "严格落实《某县人民政府规范性文件管理办法》。"
    );
}

/// The same revisions in a “Strict Open XML” document (Word's 另存为 Strict):
/// the same changes.
#[test]
fn strict_open_xml_reads_alike() {
    let transitional = fazhi_import::docx_changes("审阅稿.docx", &bytes("word-authors")).unwrap();
    let xml = std::fs::read_to_string(fixture("word-authors.xml"))
        .unwrap()
        .replace(
            "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
            "http://purl.oclc.org/ooxml/wordprocessingml/main",
        );
    let strict = with_part(&bytes("word-authors"), "word/document.xml", &xml);
    let found = fazhi_import::docx_changes("审阅稿.docx", &strict).unwrap();
    assert_eq!(found, transitional);
    assert_eq!(found.len(), 5);
}

/// A paragraph the drafter edited since the export is still the report's: a change
/// elsewhere in it is placed by its context (“20” stands three times in it now).
#[test]
fn a_change_in_a_paragraph_edited_since_is_placed() {
    let (mut s, id) = report(&[
        Block::P("全年办理行政复议案件120件，其中2020年受理。"),
        Block::P("纠错15件，纠错率12%。"),
        Block::P("依法履行政府职能。"),
    ]);
    let (found, added) = import_changes(&mut s, &id, "word-authors");
    assert_all_placed(&added, &found);
    assert_eq!(
        accepted(&s, &id)[0],
        "全年办理行政复议案件135件，其中2020年受理。"
    );
}

/// word-authors.xml opened and saved by LibreOffice 7.4 (it dates the undated change).
#[test]
fn libreoffice_saved_replacements_and_interleaved_authors() {
    let (mut s, id) = report(&[
        Block::P("全年办理行政复议案件120件。"),
        Block::P("纠错15件，纠错率12%。"),
        Block::P("依法履行政府职能。"),
    ]);
    let (found, added) = import_changes(&mut s, &id, "lo-rt-authors.docx");
    assert_all_placed(&added, &found);
    assert_eq!(
        accepted(&s, &id),
        [
            "全年办理行政复议案件135件。",
            "纠错18件，纠错率12%。",
            "依法全面履行政府各项职能。",
        ]
    );
}

/// Two reviewers on one place: 李审核 inserting inside 王科长's deletion, 李审核
/// deleting part of 王科长's insertion (never there: left out).
#[test]
fn interleaved_reviewers() {
    let (mut s, id) = report(&[
        Block::P("全年办理行政复议案件120件。"),
        Block::P("依法履行政府职能。"),
    ]);
    let (found, added) = import_changes(&mut s, &id, "word-interleaved");
    assert_eq!(
        summary(&found),
        vec![
            t("王科长", "行政", ""),
            t("李审核", "", "各类"),
            t("王科长", "复议", ""),
            t("王科长", "", "全面"),
        ]
    );
    assert_all_placed(&added, &found);
    assert_eq!(
        accepted(&s, &id),
        ["全年办理各类案件120件。", "依法全面履行政府职能。"]
    );
}

#[test]
fn libreoffice_tracked_changes() {
    let (mut s, id) = report(&[
        Block::P("全年办理行政复议案件120件，纠错15件。"),
        Block::P("我们进一步深化改革，优化营商环境。"),
        Block::P("加强规范性文件管理。"),
        Block::P(""),
        Block::P("全面推行行政执法三项制度。"),
        Block::P("严格落实。"),
    ]);
    let (found, added) = import_changes(&mut s, &id, "lo-review.docx");
    assert_eq!(
        summary(&found),
        vec![
            t("李审核", "120", "135"),
            t("欧阳晓明", "进一步", ""),
            t("欧阳晓明", "", "“放管服”"),
            t("李审核", "\n", ""),
            t("李审核", "", "重大行政决策程序。\n新增一段说明"),
        ]
    );
    assert_all_placed(&added, &found);
    assert_eq!(
        accepted(&s, &id),
        [
            "全年办理行政复议案件135件，纠错15件。",
            "我们深化“放管服”改革，优化营商环境。",
            "加强规范性文件管理。",
            "全面推行行政执法三项制度。",
            "严格落实重大行政决策程序。",
            "新增一段说明。",
        ]
    );
}

/// 导入Word批注 as `fazhi_app::review::docx_comments` + `import_external_comments`.
fn import_comments(s: &mut Store, id: &str, name: &str) -> Vec<fazhi_core::review::Comment> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("审阅稿.docx");
    std::fs::write(&path, bytes(name)).unwrap();
    let result = fazhi_import::import_file(&path, &Default::default()).expect("imports");
    let comments: Vec<ExternalComment> = result.comments.into_iter().map(Into::into).collect();
    s.import_external_comments(id, &comments).unwrap();
    s.list_comments(id, &CommentFilter::default()).unwrap()
}

fn quote_of(c: &[fazhi_core::review::Comment], text: &str) -> Option<(String, bool)> {
    let c = c.iter().find(|c| c.text == text)?;
    Some((
        c.anchor
            .as_ref()
            .map(|a| a.quote.clone())
            .unwrap_or_default(),
        c.orphaned,
    ))
}

#[test]
fn word_comments_ranges_replies_changes_and_bare_references() {
    for name in ["word-comments", "lo-rt-comments.docx"] {
        let (mut s, id) = report(&[
            Block::P("全年办理行政复议案件120件，纠错15件。"),
            Block::P("我们深化“放管服”改革。"),
            Block::P("优化营商环境取得实效。"),
            Block::P("加强规范性文件管理。"),
            Block::P("严格落实行政决策程序。"),
            Block::P("做好行政应诉工作。"),
            Block::P("加强行政执法监督。"),
            Block::P("完善执法程序。"),
        ]);
        let c = import_comments(&mut s, &id, name);
        let q = |t: &str| quote_of(&c, t).unwrap_or_else(|| panic!("{t} imported: {c:#?}"));
        assert_eq!(q("数字请核对。"), ("行政复议案件120件".into(), false));
        if name == "word-comments" {
            let root = c.iter().find(|c| c.text == "数字请核对。").unwrap();
            assert!(
                root.replies.iter().any(|r| r.text == "已核对，无误。"),
                "the reply joins its thread: {c:#?}"
            );
        } else {
            // LibreOffice 7.4 writes no commentsExtended.xml: the reply stands alone
            // on the same text.
            assert_eq!(q("已核对，无误。"), ("行政复议案件120件".into(), false));
        }
        assert_eq!(
            q("这两段可合并。"),
            ("“放管服”改革。".into(), false),
            "a range over two paragraphs: its first paragraph's part"
        );
        assert_eq!(
            q("补充备案数据。"),
            ("加强规范性文件管理".into(), false),
            "a bare w:commentReference: the sentence it follows"
        );
        assert_eq!(q("“重大”二字是否必要？"), ("行政决策".into(), false));
        assert_eq!(q("不宜删去“行政”。"), ("行政应诉".into(), false));
        assert_eq!(q("本段请补充数据。"), ("加强行政执法监督。".into(), false));
        assert_eq!(q("程序名称请统一。"), ("执法程序".into(), false));
    }
}

/// A comment without w:date has no date (docx-rs says 1970-01-01), the others
/// theirs as written; Chinese authors kept.
#[test]
fn comment_dates_and_authors_as_written() {
    let r = fazhi_import::import_bytes("审阅稿.docx", &bytes("word-comments"), &Default::default())
        .expect("imports");
    let of = |t: &str| r.comments.iter().find(|c| c.text == t).expect(t);
    assert_eq!(of("补充备案数据。").date, None);
    assert_eq!(of("补充备案数据。").author, "张三");
    assert_eq!(
        of("这两段可合并。").date.as_deref(),
        Some("2026-11-30T12:00:00")
    );
    assert_eq!(
        of("数字请核对。").date.as_deref(),
        Some("2026-11-30T10:00:00Z")
    );
}

/// `bytes` with the part `name` replaced by `text`.
fn with_part(bytes: &[u8], name: &str, text: &str) -> Vec<u8> {
    let mut zin = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut zout = zip::ZipWriter::new(Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut e = zin.by_index(i).unwrap();
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut e, &mut data).unwrap();
        if e.name() == name {
            data = text.as_bytes().to_vec();
        }
        zout.start_file(e.name(), zip::write::SimpleFileOptions::default())
            .unwrap();
        zout.write_all(&data).unwrap();
    }
    zout.finish().unwrap().into_inner()
}

/// A w15:commentEx without w15:paraId (docx-rs panics on it): the file is read,
/// its comments and the replies the other entries name are kept.
#[test]
fn a_comment_extension_without_para_id_does_not_refuse_the_file() {
    let ext = std::fs::read_to_string(fixture("word-comments.commentsExtended.xml"))
        .unwrap()
        .replace(
            "</w15:commentsEx>",
            r#"<w15:commentEx w15:done="0"/></w15:commentsEx>"#,
        );
    let bytes = with_part(&bytes("word-comments"), "word/commentsExtended.xml", &ext);
    let r = fazhi_import::import_bytes("审阅稿.docx", &bytes, &Default::default())
        .expect("the file is read");
    assert_eq!(r.comments.len(), 8);
    let reply = r
        .comments
        .iter()
        .find(|c| c.text == "已核对，无误。")
        .unwrap();
    assert_eq!(reply.reply_to, Some(0));
}

/// A comment on a quote that repeats (the second 2019年, the second 常务会议) stands
/// on its own occurrence, not on the first: its quote grows by the text around it
/// until it occurs once.
#[test]
fn a_comment_on_a_repeated_quote_stands_where_it_was_made() {
    let (mut s, id) = report(&[
        Block::P("现将我市2019年法治政府建设情况报告如下："),
        Block::P("召开常务会议2次。"),
        Block::P("我市将法治政府建设纳入2019年度重点工作计划，召开常务会议3次。"),
    ]);
    let c = import_comments(&mut s, &id, "word-repeated");
    let doc = s.get_report(&id).unwrap().document;
    let third = &doc.parts[0].paragraphs[2];
    for (text, quote) in [
        ("年份请核对。", "2019年度"),
        ("是否为专题会议？", "常务会议3"),
    ] {
        let a = c
            .iter()
            .find(|c| c.text == text)
            .and_then(|c| c.anchor.clone())
            .expect(text);
        assert_eq!(
            (a.node_id.as_str(), a.quote.as_str()),
            (third.id.as_str(), quote),
            "{text}"
        );
    }
}

#[test]
fn libreoffice_comments() {
    let (mut s, id) = report(&[
        Block::P("全年办理行政复议案件120件，纠错15件。"),
        Block::P("我们深化“放管服”改革。"),
        Block::P("优化营商环境取得实效。"),
        Block::P("加强规范性文件管理。"),
        Block::P("全面推行行政执法三项制度。"),
    ]);
    let c = import_comments(&mut s, &id, "lo-comments.docx");
    let q = |t: &str| quote_of(&c, t).unwrap_or_else(|| panic!("{t} imported: {c:#?}"));
    assert_eq!(q("数字请核对。"), ("行政复议案件120件".into(), false));
    assert_eq!(q("这两段可合并。"), ("“放管服”改革。".into(), false));
    assert_eq!(q("补充备案数据。"), ("加强规范性文件管理".into(), false));
    assert_eq!(q("已核对，无误。"), ("全面推行".into(), false));
}

/// A reviewed DOCX imported as a new report is what the reviewer saw with every
/// change accepted: moved text once, at its new place; paragraphs inside
/// block-level content controls kept.
#[test]
fn reviewed_docx_imported_as_a_report_keeps_moved_and_wrapped_text() {
    let text = |name: &str| {
        let r = fazhi_import::import_bytes("审阅稿.docx", &bytes(name), &Default::default())
            .expect("imports");
        serde_json::to_string(&r.document).unwrap()
    };
    let moved = text("word-move");
    assert_eq!(moved.matches("部分干部学法不够").count(), 1, "{moved}");
    assert!(
        moved.contains("三是制度建设滞后。部分干部学法不够。"),
        "{moved}"
    );
    assert_eq!(moved.matches("四是考核机制不健全").count(), 1, "{moved}");
    let wrapped = text("word-wrappers");
    for kept in [
        "坚持科学民主依法决策。",
        "规范公正执法行为。",
        "完善行政执法程序。",
    ] {
        assert!(wrapped.contains(kept), "{kept}: {wrapped}");
    }
    let runs = text("word-runs");
    assert!(runs.contains("文件—执行"), "w:sym: {runs}");
    let paragraphs = text("word-paragraphs");
    assert!(
        paragraphs.contains("加强规范性文件管理。全面推行行政执法三项制度。"),
        "a deleted paragraph mark joins the paragraphs: {paragraphs}"
    );
    assert!(!paragraphs.contains("深化行政复议"), "{paragraphs}");
    let table =
        fazhi_import::import_bytes("审阅稿.docx", &bytes("word-table"), &Default::default())
            .expect("imports");
    let table = table
        .document
        .parts
        .iter()
        .flat_map(|p| {
            p.paragraphs
                .iter()
                .chain(p.sections.iter().flat_map(|s| s.paragraphs.iter()))
        })
        .chain(table.document.preface.iter())
        .find_map(|p| p.table.clone())
        .expect("the table is imported");
    let rows: Vec<Vec<String>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| c.paragraphs[0].text.clone()).collect())
        .collect();
    assert_eq!(
        rows,
        [["项目", "数量"], ["行政复议", "135"], ["行政赔偿", "3"]],
        "the deleted row gone, the inserted one kept"
    );
}

/// A damaged main part is refused with a Chinese reason, never a panic.
#[test]
fn a_damaged_document_part_is_refused_in_chinese() {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    zip.start_file("word/document.xml", opts).unwrap();
    zip.write_all("<w:document><w:body><w:p><w:ins w:author=\"李\">".as_bytes())
        .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let err = fazhi_import::docx_changes("坏.docx", &bytes).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("坏.docx") && msg.contains("损坏"), "{msg}");
}
