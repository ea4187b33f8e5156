//! Tables (#21) through the core's whole path: JSON as `put` reads it, the
//! store (save, load, search, revisions, diff), comments on cell text, the
//! review package, and the validation messages.

use fazhi_core::diff::{self, Change};
use fazhi_core::json::{parse_document, parse_document_strict};
use fazhi_core::model::{Attachment, Cell, CellSize, NodeKind, Paragraph, Table};
use fazhi_core::review::comments::CommentTarget;
use fazhi_core::review::ReviewRole;
use fazhi_core::store::NewReport;
use fazhi_core::{Document, Error, Store, ValidationError};
use proptest::prelude::*;

fn new_report(s: &mut Store) -> (String, Document) {
    let r = s
        .create_report(&NewReport {
            issuer: "某县人民政府".into(),
            year: 2023,
            template_id: None,
            include_optional: false,
        })
        .unwrap()
        .report;
    (r.id, r.document)
}

/// 2023年行政复议案件统计: a two-row header (项目 over both rows, 数量 over two columns).
fn statistics() -> Table {
    Table {
        title: Some("2023年行政复议案件情况统计表".into()),
        header_rows: 2,
        rows: vec![
            vec![Cell::spanning("项目", 1, 2), Cell::spanning("数量", 2, 1)],
            vec![Cell::new("2022年"), Cell::new("2023年")],
            vec![Cell::new("收到复议申请"), Cell::new("48"), Cell::new("56")],
            vec![Cell::new("决定撤销或变更"), Cell::new("5"), Cell::new("3")],
        ],
        widths: vec![3, 1, 1],
        cell_size: Some(CellSize::Sihao),
    }
}

/// Tables in the preface, a section, the closing and an attachment.
fn with_tables(mut doc: Document) -> Document {
    doc.preface
        .push(Paragraph::table(Table::from_texts([["前言表"]], 0)));
    doc.parts[0].sections[0]
        .paragraphs
        .push(Paragraph::new("全年行政复议情况见下表。"));
    doc.parts[0].sections[0]
        .paragraphs
        .push(Paragraph::table(statistics()));
    doc.closing
        .push(Paragraph::table(Table::from_texts([["结尾表"]], 0)));
    let mut a = Attachment::new("2023年度法治政府建设重点任务完成情况表");
    a.paragraphs.push(Paragraph::table(Table::from_texts(
        [
            vec!["序号", "任务", "完成情况"],
            vec!["1", "健全重大行政决策程序", "已完成"],
        ],
        1,
    )));
    doc.attachments.push(a);
    doc
}

fn cell_id(doc: &Document, text: &str) -> String {
    doc.nodes()
        .find(|n| n.cell.is_some() && n.text == text)
        .unwrap_or_else(|| panic!("no cell {text}"))
        .id
        .to_string()
}

#[test]
fn a_table_survives_save_load_search_revisions_and_diff() {
    let mut s = Store::open_in_memory().unwrap();
    let (id, doc) = new_report(&mut s);
    let doc = with_tables(doc);
    s.save_report(&id, doc.clone(), None).unwrap();
    let loaded = s.get_report(&id).unwrap().document;
    assert_eq!(loaded, doc, "a table changed on the way through the store");
    assert_eq!(
        loaded.nodes().filter(|n| n.kind == NodeKind::Table).count(),
        4
    );

    // Cell text is searched like paragraphs.
    let hits = s.search("决定撤销或变更").unwrap();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert!(!s.search("重点任务完成情况表").unwrap().is_empty());

    // A cell edited: the diff names the cell, the revision keeps the old table.
    s.save_version(&id, Some("初稿"), None).unwrap();
    let mut edited = loaded.clone();
    let cid = cell_id(&edited, "56");
    edited.paragraph_mut(&cid).unwrap().text = "58".into();
    s.save_report(&id, edited.clone(), None).unwrap();
    let c = diff::compare(&loaded, &edited);
    let changed: Vec<_> = c
        .blocks
        .iter()
        .filter(|b| b.change != Change::Same)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].label, diff::CELL_LABEL);
    assert_eq!(changed[0].number, "第3行第3列");
    assert_eq!(
        (changed[0].old.as_deref(), changed[0].new.as_deref()),
        (Some("56"), Some("58"))
    );
    let revs = s.list_revisions(&id).unwrap();
    let old = s.get_revision(&id, revs[0].revision).unwrap();
    assert_eq!(old, doc);

    // A removed table shows as removed blocks: its title and its cells.
    let mut gone = edited.clone();
    gone.parts[0].sections[0].paragraphs.pop();
    let c = diff::compare(&edited, &gone);
    assert_eq!(c.stats.removed, 1 + 10);
    assert!(c
        .blocks
        .iter()
        .any(|b| b.label == diff::TABLE_LABEL && b.change == Change::Removed));
}

#[test]
fn show_json_round_trips_through_put_and_the_shorthand_is_read() {
    let mut s = Store::open_in_memory().unwrap();
    let (id, doc) = new_report(&mut s);
    s.save_report(&id, with_tables(doc), None).unwrap();
    let shown = serde_json::to_string_pretty(&s.get_report(&id).unwrap().document).unwrap();
    let put = parse_document_strict(&shown).unwrap();
    assert_eq!(put, s.get_report(&id).unwrap().document);

    // The JSON: `text` cells without ids, ids given at the save.
    let mut v: serde_json::Value = serde_json::from_str(&shown).unwrap();
    v["preface"] = serde_json::json!([{ "table": { "header_rows": 1, "rows": [
        [ { "text": "项目", "colspan": 2, "rowspan": 1 } ],
        [ { "text": "甲" }, { "text": "乙" } ] ] } }]);
    let doc = parse_document_strict(&v.to_string()).unwrap();
    s.save_report(&id, doc, None).unwrap();
    let saved = s.get_report(&id).unwrap().document;
    let t = saved.preface[0].table.as_ref().unwrap();
    assert_eq!(t.rows[0][0].colspan, 2);
    assert_eq!(t.rows[1][1].text(), "乙");
    assert!(t.paragraphs().all(|p| p.id.len() == 12));
    assert!(saved.preface[0].id.len() == 12);

    // A misspelt key inside a cell is named.
    v["preface"] =
        serde_json::json!([{ "table": { "rows": [ [ { "text": "甲", "colspn": 2 } ] ] } }]);
    let err = parse_document_strict(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("preface[0].table.rows[0][0].colspn"), "{err}");
    v["preface"] = serde_json::json!([{ "table": { "rows": [], "head_rows": 1 } }]);
    let err = parse_document_strict(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(err.contains("preface[0].table.head_rows"), "{err}");
    v["preface"] =
        serde_json::json!([{ "table": { "rows": [ [ { "paragraphs": [ { "txt": "甲" } ] } ] ] } }]);
    let err = parse_document_strict(&v.to_string())
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("preface[0].table.rows[0][0].paragraphs[0].txt"),
        "{err}"
    );
}

#[test]
fn comments_anchor_on_cell_text_and_follow_edits() {
    let mut s = Store::open_in_memory().unwrap();
    s.set_identity("张三", ReviewRole::Reviewer).unwrap();
    let (id, doc) = new_report(&mut s);
    s.save_report(&id, with_tables(doc), None).unwrap();
    let doc = s.get_report(&id).unwrap().document;
    let cid = cell_id(&doc, "收到复议申请");
    let by_range = s
        .add_comment(
            &id,
            &CommentTarget::Range {
                node_id: cid.clone(),
                start: 2,
                end: 6,
            },
            "请核对口径",
        )
        .unwrap();
    let a = by_range.anchor.as_ref().unwrap();
    assert_eq!(
        (a.node_id.as_str(), a.quote.as_str()),
        (cid.as_str(), "复议申请")
    );
    assert_eq!(by_range.part_id.as_deref(), Some(doc.parts[0].id.as_str()));
    let by_quote = s
        .add_comment(
            &id,
            &CommentTarget::Quote {
                quote: "健全重大行政决策程序".into(),
                occurrence: None,
            },
            "附件表格中的任务名称",
        )
        .unwrap();
    let tcell = cell_id(&doc, "健全重大行政决策程序");
    assert_eq!(by_quote.anchor.as_ref().unwrap().node_id, tcell);

    // The cell's text is edited: the comment follows its words.
    let mut edited = doc.clone();
    edited.paragraph_mut(&cid).unwrap().text = "全年收到复议申请".into();
    s.save_report(&id, edited, None).unwrap();
    let c = s.get_comment(&by_range.id).unwrap();
    let a = c.anchor.unwrap();
    assert_eq!((a.start, a.end, a.quote.as_str()), (4, 8, "复议申请"));
    assert!(!c.orphaned);
}

#[test]
fn a_table_survives_the_review_package() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = Store::open(&dir.path().join("a.sqlite3")).unwrap();
    a.set_identity("李四", ReviewRole::Drafter).unwrap();
    let (id, doc) = new_report(&mut a);
    a.save_report(&id, with_tables(doc), None).unwrap();
    let doc = a.get_report(&id).unwrap().document;
    a.add_comment(
        &id,
        &CommentTarget::Quote {
            quote: "决定撤销或变更".into(),
            occurrence: None,
        },
        "数字待核",
    )
    .unwrap();
    let pkg = dir.path().join("审阅.fzbg");
    a.export_package(&id, &pkg).unwrap();
    let mut b = Store::open(&dir.path().join("b.sqlite3")).unwrap();
    b.set_identity("张三", ReviewRole::Reviewer).unwrap();
    let opened = b.open_package(&pkg).unwrap();
    assert_eq!(opened.report.document, doc);
    assert_eq!(opened.comments_added, 1);
}

fn invalid(doc: &Document) -> String {
    match fazhi_core::validate::validate(doc) {
        Err(Error::Invalid(v @ ValidationError::BadTable { .. })) => v.to_string(),
        Err(Error::Invalid(v @ ValidationError::ControlChars { .. })) => v.to_string(),
        Err(Error::Invalid(v @ ValidationError::DuplicateId(_))) => v.to_string(),
        other => panic!("expected a table error, got {other:?}"),
    }
}

#[test]
fn broken_tables_are_refused_naming_the_place() {
    let (base, _) = fazhi_core::template::latest("statutory")
        .unwrap()
        .instantiate("某县人民政府", 2023, false);
    let base = with_tables(base);
    fazhi_core::validate::validate(&base).unwrap();
    // The second table in reading order is the statistics table.
    let with = |f: &dyn Fn(&mut Table)| {
        let mut d = base.clone();
        f(d.parts[0].sections[0].paragraphs[1].table.as_mut().unwrap());
        invalid(&d)
    };
    let m = with(&|t| {
        t.rows[2].pop();
    });
    assert!(
        m.contains("第2个表格第3行合并单元格后占2列，与第1行的3列不一致"),
        "{m}"
    );
    let m = with(&|t| t.rows[3][0].rowspan = 2);
    assert!(
        m.contains("第2个表格第4行第1列的单元格向下合并超出了表格的最后一行"),
        "{m}"
    );
    let m = with(&|t| t.header_rows = 9);
    assert!(
        m.contains("第2个表格的表头行数（9）多于表格的行数（4）"),
        "{m}"
    );
    let m = with(&|t| t.widths = vec![1, 1]);
    assert!(m.contains("列宽有2个，表格有3列"), "{m}");
    let m = with(&|t| t.rows[2][1].paragraphs[0].text = "4\u{7}8".into());
    assert!(
        m.starts_with("第2个表格第3行第2列的文字“48”含有控制字符"),
        "{m}"
    );
    let m = with(&|t| t.rows[2][1].paragraphs[0].text = "字".repeat(Table::MAX_CELL_CHARS + 1));
    assert!(m.contains("过长"), "{m}");
    let m = with(&|t| t.rows[1][0].paragraphs.clear());
    assert!(m.contains("第2个表格第2行第2列的单元格没有段落"), "{m}");
    let m = with(&|t| {
        let inner = Paragraph::table(Table::from_texts([["嵌套"]], 0));
        t.rows[1][0].paragraphs.push(inner);
    });
    assert!(m.contains("不能再放表格"), "{m}");
    let m = with(&|t| t.rows = Vec::new());
    assert!(m.contains("第2个表格没有任何行"), "{m}");
    let m = with(&|t| {
        t.rows = (0..=Table::MAX_ROWS).map(|_| vec![Cell::new("")]).collect();
    });
    assert!(m.contains("上限2000行"), "{m}");
    let m = with(&|t| t.title = Some("表\n题".into()));
    assert!(m.contains("第2个表格的表题"), "{m}");
    let m = with(&|t| {
        let id = t.rows[0][0].paragraphs[0].id.clone();
        t.rows[3][2].paragraphs[0].id = id;
    });
    assert!(m.contains("编号重复"), "{m}");
    let mut d = base.clone();
    d.closing[0].text = "表格旁的文字".into();
    assert!(invalid(&d).contains("第3个表格所在的段落还有文字"));
}

/// A rectangular table of `rows` × `cols` grid places with random merges:
/// each place either starts a cell (of random span, clipped to what is free)
/// or is covered.
fn arb_table() -> impl Strategy<Value = Table> {
    (
        1usize..6,
        1usize..5,
        0u32..3,
        prop::collection::vec((1u32..3, 1u32..3, "[甲乙丙１2３,。 ]{0,6}"), 30),
    )
        .prop_map(|(rows, cols, header, spans)| {
            let mut taken = vec![vec![false; cols]; rows];
            let mut out: Vec<Vec<Cell>> = vec![Vec::new(); rows];
            let mut k = 0;
            for r in 0..rows {
                for c in 0..cols {
                    if taken[r][c] {
                        continue;
                    }
                    let (cs, rs, text) = &spans[k % spans.len()];
                    k += 1;
                    let mut w = 1;
                    while w < *cs as usize && c + w < cols && !taken[r][c + w] {
                        w += 1;
                    }
                    let h = (*rs as usize).min(rows - r);
                    for row in taken.iter_mut().skip(r).take(h) {
                        for place in row.iter_mut().skip(c).take(w) {
                            *place = true;
                        }
                    }
                    out[r].push(Cell::spanning(text.clone(), w as u32, h as u32));
                }
            }
            // A row wholly covered from above has no cell of its own: allowed.
            Table {
                header_rows: header.min(rows as u32),
                rows: out,
                ..Table::default()
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_rectangular_table_round_trips(t in arb_table()) {
        let grid = t.grid().unwrap();
        prop_assert!(grid.columns >= 1);
        let (mut doc, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2023, false);
        doc.attachments.push(Attachment::new("附表"));
        doc.attachments[0].paragraphs.push(Paragraph::table(t));
        let doc = fazhi_core::validate::validated(doc).unwrap().into_inner();
        let json = serde_json::to_string(&doc).unwrap();
        prop_assert_eq!(&parse_document(&json).unwrap(), &doc);
        prop_assert_eq!(&parse_document_strict(&json).unwrap(), &doc);
        let mut s = Store::open_in_memory().unwrap();
        let created = s.create_from_document(doc.clone()).unwrap();
        prop_assert_eq!(&created.document, &doc);
        // Every cell paragraph is a node, once.
        let cells = doc.nodes().filter(|n| n.cell.is_some()).count();
        prop_assert_eq!(cells, doc.attachments[0].paragraphs[0].table.as_ref().unwrap().paragraphs().count());
    }
}
