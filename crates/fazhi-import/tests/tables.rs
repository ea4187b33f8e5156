//! Tables (#21): a hand-made DOCX (`w:gridSpan`, `w:vMerge` restart/continue,
//! `w:tblHeader`) and a web page (`colspan`/`rowspan`, `<th>`, `<thead>`)
//! holding the same merged table import as tables with the same cells, their
//! titles taken from the line above, where they stood (a section, an 附件);
//! tables laying out a page or a signature are read through as text.

use fazhi_core::model::{NodeKind, Table};
use fazhi_core::Document;
use fazhi_import::{import_bytes, ImportOptions, ImportResult};

fn fixture(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/tables/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(name: &str) -> ImportResult {
    import_bytes(name, &fixture(name), &ImportOptions::default()).unwrap()
}

/// Every table of the document in reading order.
fn tables(doc: &Document) -> Vec<&Table> {
    doc.nodes()
        .filter_map(|n| match n.item {
            fazhi_core::model::NodeRef::Table(_, t) => Some(t),
            _ => None,
        })
        .collect()
}

/// A table's cells as (text, colspan, rowspan), row by row.
fn cells(t: &Table) -> Vec<Vec<(String, u32, u32)>> {
    t.rows
        .iter()
        .map(|r| r.iter().map(|c| (c.text(), c.colspan, c.rowspan)).collect())
        .collect()
}

fn c(text: &str, colspan: u32, rowspan: u32) -> (String, u32, u32) {
    (text.to_string(), colspan, rowspan)
}

/// The statistics table both fixtures hold: 项目 and 备注 two header rows tall,
/// 数量 two columns wide, 纠错率下降 two body rows tall.
fn statistics() -> Vec<Vec<(String, u32, u32)>> {
    vec![
        vec![c("项目", 1, 2), c("数量", 2, 1), c("备注", 1, 2)],
        vec![c("2022年", 1, 1), c("2023年", 1, 1)],
        vec![
            c("收到行政复议申请", 1, 1),
            c("48", 1, 1),
            c("56", 1, 1),
            c("同比增长16.7%", 1, 1),
        ],
        vec![
            c("其中：撤销、变更", 1, 1),
            c("5", 1, 1),
            c("3", 1, 1),
            c("纠错率下降", 1, 2),
        ],
        vec![c("行政应诉案件", 1, 1), c("21", 1, 1), c("19", 1, 1)],
    ]
}

fn tasks() -> Vec<Vec<(String, u32, u32)>> {
    vec![
        vec![c("序号", 1, 1), c("重点任务", 1, 1), c("完成情况", 1, 1)],
        vec![
            c("1", 1, 1),
            c("健全重大行政决策程序制度", 1, 1),
            c("已完成", 1, 1),
        ],
        vec![
            c("2", 1, 1),
            c("推进行政执法“三项制度”全覆盖\n开展执法案卷评查", 1, 1),
            c("已完成", 1, 1),
        ],
    ]
}

/// What both fixtures must give: the statistics table in section （一） after
/// its lead-in, titled by the line above it, two header rows; the tasks table
/// in the 附件 (whose title stays the attachment's), one header row; the
/// signature and date recognised, no table elsewhere.
fn assert_report(r: &ImportResult) {
    let doc = &r.document;
    fazhi_core::validate::validated(doc.clone()).expect("the import passes the template check");
    let ts = tables(doc);
    assert_eq!(ts.len(), 2, "{ts:#?}");
    let (stats, tasks_table) = (ts[0], ts[1]);
    assert_eq!(cells(stats), statistics());
    assert_eq!(stats.header_rows, 2);
    assert_eq!(
        stats.title.as_deref(),
        Some("2023年行政复议、行政应诉案件情况统计表")
    );
    assert_eq!(stats.grid().unwrap().columns, 4);
    let section = &doc.parts[0].sections[0];
    assert_eq!(section.heading, "完善行政复议应诉工作");
    let texts: Vec<String> = section
        .paragraphs
        .iter()
        .map(|p| match &p.table {
            Some(_) => "[表格]".to_string(),
            None => p.text.clone(),
        })
        .collect();
    assert_eq!(
        texts,
        [
            "全年行政复议、行政应诉情况见下表。",
            "[表格]",
            "行政机关负责人出庭应诉率达到100%。"
        ]
    );
    // The title line is the table's, not a paragraph any more.
    assert!(!doc
        .paragraphs()
        .iter()
        .any(|(p, _)| p.text == "2023年行政复议、行政应诉案件情况统计表"));
    assert!(doc
        .nodes()
        .any(|n| n.kind == NodeKind::Table && n.text.ends_with("情况统计表")));

    assert_eq!(cells(tasks_table), tasks());
    assert_eq!(tasks_table.header_rows, 1);
    assert_eq!(tasks_table.title, None);
    assert_eq!(doc.attachments.len(), 1);
    let a = &doc.attachments[0];
    assert_eq!(a.title, "2023年度法治政府建设重点任务完成情况表");
    assert_eq!(a.paragraphs.len(), 1);
    assert!(a.paragraphs[0].is_table());

    assert_eq!(doc.date.as_deref(), Some("2024-03-01"));
    assert_eq!(doc.issuer, "某县人民政府");
    assert!(doc.closing.iter().all(|p| !p.is_table()));
    // No paragraph lost its text to a table or was emptied.
    assert!(doc
        .paragraphs()
        .iter()
        .all(|(p, _)| p.is_table() || !p.text.trim().is_empty() || p.id.is_empty()));
}

#[test]
fn a_word_table_with_merged_cells_and_a_header_row() {
    let r = import("merged-table.docx");
    assert_report(&r);
    // The signature's one-row layout table was read as text, not kept.
    assert!(tables(&r.document)
        .iter()
        .all(|t| !t.paragraphs().any(|p| p.text.contains("2024年3月1日"))));
}

#[test]
fn a_web_page_table_with_colspan_rowspan_and_th() {
    let r = import("merged-table.html");
    assert_report(&r);
}

#[test]
fn the_same_cells_from_word_and_from_the_web() {
    let docx = import("merged-table.docx").document;
    let html = import("merged-table.html").document;
    let a: Vec<_> = tables(&docx).into_iter().map(cells).collect();
    let b: Vec<_> = tables(&html).into_iter().map(cells).collect();
    assert_eq!(a, b);
}

#[test]
fn a_page_laid_out_with_tables_is_unwrapped_and_its_data_table_kept() {
    let r = import("layout-wrapped.html");
    let doc = &r.document;
    fazhi_core::validate::validated(doc.clone()).unwrap();
    let ts = tables(doc);
    assert_eq!(ts.len(), 1, "only the data table is kept: {ts:#?}");
    assert_eq!(ts[0].title.as_deref(), Some("2022年人民调解工作情况一览表"));
    assert_eq!(
        cells(ts[0])[1],
        [c("婚姻家庭纠纷", 1, 1), c("215", 1, 1), c("209", 1, 1)]
    );
    assert_eq!(ts[0].header_rows, 1);
    // The layout cells' text reads as the report: parts, sections, signature.
    assert_eq!(doc.issuer, "某区司法局");
    assert_eq!(doc.date.as_deref(), Some("2023-02-15"));
    assert_eq!(doc.parts[0].sections.len(), 2);
    assert_eq!(
        doc.parts[0].sections[1]
            .paragraphs
            .last()
            .map(|p| p.is_table()),
        Some(true)
    );
    assert_eq!(
        doc.parts[1].paragraphs[0].text,
        "一是执法人员法治素养有待提升；二是基层法治力量相对薄弱。"
    );
    // The page around the article (navigation, the column of links, footer) is listed as removed.
    let removed: Vec<&str> = r.removed.iter().map(|x| x.text.as_str()).collect();
    assert!(
        removed.iter().any(|t| t.contains("栏目导航")),
        "{removed:?}"
    );
    assert!(!doc.plain_text().contains("版权所有"));
}

#[test]
fn one_cell_and_one_column_tables_inside_the_article_are_read_through() {
    let p = |lines: &[&str]| -> String { lines.iter().map(|l| format!("<p>{l}</p>")).collect() };
    let first = p(&[
        "一、2023年推进法治政府建设的主要举措和成效",
        "全面推行行政执法公示制度，公示执法信息1200余条。",
        "二、2023年推进法治政府建设存在的不足和原因",
        "基层执法力量不足，执法人员培训有待加强。",
    ]);
    let second = p(&[
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "主要负责人带头学法，专题研究法治政府建设工作。",
    ]);
    let third = p(&[
        "四、2024年推进法治政府建设的主要安排",
        "深化行政执法体制改革。",
    ]);
    // The article holds text of its own and, inside it, a one-cell table and a
    // one-column table of two rows wrapping the rest (as site editors do).
    let page = format!(
        "<html><body><div class=nav>首页 政务公开</div><div class=article>         <h1>某县人民政府关于2023年法治政府建设情况的报告</h1>{first}         <table><tbody><tr><td>{second}</td></tr></tbody></table>         <table><tr><td>{third}</td></tr><tr><td><p>某县人民政府</p><p>2024年3月1日</p></td></tr></table>         </div></body></html>"
    );
    let r = import_bytes("page.html", page.as_bytes(), &ImportOptions::default()).unwrap();
    let doc = &r.document;
    assert!(tables(doc).is_empty(), "{:#?}", tables(doc));
    assert_eq!(doc.parts.len(), 4);
    assert_eq!(
        doc.parts[2].paragraphs[0].text,
        "主要负责人带头学法，专题研究法治政府建设工作。"
    );
    assert_eq!(doc.parts[3].paragraphs[0].text, "深化行政执法体制改革。");
    assert_eq!(doc.date.as_deref(), Some("2024-03-01"));
}

/// Files a real office program wrote (tests/fixtures/tables/make_lo.sh):
/// LibreOffice read the web page and wrote `lo-merged-table.docx` (its own
/// `w:vMerge w:val="continue"`, `w:tblHeader w:val="true"`, cell borders and
/// widths), then read that DOCX and wrote `lo-merged-table.html` (its own
/// `<thead>`, `<th>`, `colspan`/`rowspan`, `<col>` widths, a `<table>` per
/// table). Both import with the cells of the source table.
#[test]
fn libreoffice_s_docx_and_web_page_import_with_the_source_s_cells() {
    let source = import("merged-table.html").document;
    for name in ["lo-merged-table.docx", "lo-merged-table.html"] {
        let r = import(name);
        let doc = &r.document;
        fazhi_core::validate::validated(doc.clone()).unwrap_or_else(|e| panic!("{name}: {e}"));
        let ts = tables(doc);
        assert_eq!(ts.len(), 2, "{name}: {ts:#?}");
        assert_eq!(cells(ts[0]), statistics(), "{name}");
        assert_eq!(ts[0].header_rows, 2, "{name}: <thead> / w:tblHeader rows");
        assert_eq!(
            ts[0].title.as_deref(),
            Some("2023年行政复议、行政应诉案件情况统计表"),
            "{name}"
        );
        assert_eq!(cells(ts[1]), tasks(), "{name}");
        // Where they stand: right after the lead-in of （一）, and in the 附件.
        // (LibreOffice styles the page's <h1> as Heading 1, which the import
        // reads as a part heading: the sections around differ, not the table.)
        let order: Vec<(NodeKind, &str)> = doc.nodes().map(|n| (n.kind, n.text)).collect();
        let lead = order
            .iter()
            .position(|(_, t)| t.ends_with("全年行政复议、行政应诉情况见下表。"))
            .unwrap_or_else(|| panic!("{name}: the lead-in"));
        assert_eq!(order[lead + 1].0, NodeKind::Table, "{name}");
        assert_eq!(doc.attachments.len(), 1, "{name}");
        assert!(doc.attachments[0].paragraphs.iter().any(|p| p.is_table()));
        // The same cells as the page LibreOffice read.
        let a: Vec<_> = tables(doc).into_iter().map(cells).collect();
        let b: Vec<_> = tables(&source).into_iter().map(cells).collect();
        assert_eq!(a, b, "{name}");
    }
}
