//! Tables as real offices and government sites write them (#21): pages as
//! TRS WCM, Hanweb and Founder CMSs and Word's "save as web page" emit them,
//! and DOCX tables as Word and LibreOffice write them
//! (tests/fixtures/real-tables/README.md names each source).

use fazhi_core::model::{NodeKind, Table};
use fazhi_core::Document;
use fazhi_import::{import_bytes, ImportOptions, ImportResult};

fn import(name: &str) -> ImportResult {
    let path = format!(
        "{}/tests/fixtures/real-tables/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    import_bytes(name, &bytes, &ImportOptions::default()).unwrap()
}

fn tables(doc: &Document) -> Vec<&Table> {
    doc.nodes()
        .filter_map(|n| match n.item {
            fazhi_core::model::NodeRef::Table(_, t) => Some(t),
            _ => None,
        })
        .collect()
}

fn cells(t: &Table) -> Vec<Vec<(String, u32, u32)>> {
    t.rows
        .iter()
        .map(|r| r.iter().map(|c| (c.text(), c.colspan, c.rowspan)).collect())
        .collect()
}

fn c(text: &str, colspan: u32, rowspan: u32) -> (String, u32, u32) {
    (text.to_string(), colspan, rowspan)
}

fn row(texts: &[&str]) -> Vec<(String, u32, u32)> {
    texts.iter().map(|t| c(t, 1, 1)).collect()
}

/// The nodes' kinds and texts in reading order, a table as `[表格 title]`
/// and its cells left out.
fn order(doc: &Document) -> Vec<String> {
    doc.nodes()
        .filter(|n| n.cell.is_none())
        .map(|n| match n.kind {
            NodeKind::Table => format!("[表格 {}]", n.text),
            _ => n.text.to_string(),
        })
        .collect()
}

/// `before` stands right before `after` in reading order.
fn adjacent(doc: &Document, before: &str, after: &str) {
    let o = order(doc);
    let i = o
        .iter()
        .position(|t| t == before)
        .unwrap_or_else(|| panic!("{before:?} not in {o:#?}"));
    assert_eq!(o.get(i + 1).map(String::as_str), Some(after), "{o:#?}");
}

fn valid(r: &ImportResult) {
    fazhi_core::validate::validated(r.document.clone()).expect("passes the template check");
}

/// A TRS WCM page: 表头 in bold <td>s (no <th>, no <tbody>), a colspan over
/// the 11 columns, <br> inside cells, the table number (表一) and the 表题 on
/// two centred lines above, 说明 below; a second table titled 表二&nbsp;&nbsp;….
#[test]
fn trs_page_bold_td_headers_and_a_two_line_title() {
    let r = import("trs-qingyuan.html");
    valid(&r);
    let doc = &r.document;
    let ts = tables(doc);
    assert_eq!(ts.len(), 2);
    let (fines, permits) = (ts[0], ts[1]);
    assert_eq!(fines.grid().unwrap().columns, 11);
    assert_eq!(fines.rows.len(), 3);
    assert_eq!(fines.header_rows, 2, "bold <td> rows are the 表头");
    assert_eq!(
        fines.title.as_deref(),
        Some("表一 庆元县2024年度行政处罚实施情况统计表")
    );
    assert_eq!(cells(fines)[0], [c("行政处罚实施数量（宗）", 11, 1)]);
    assert_eq!(cells(fines)[1][2].0, "没收违法\n所得、没收\n非法财物");
    assert_eq!(
        cells(fines)[2],
        row(&[
            "12175", "94,929", "235", "189", "101", "0", "11", "504", "12", "108,156", "1753.79"
        ])
    );
    assert_eq!(permits.header_rows, 2);
    assert_eq!(
        permits.title.as_deref(),
        Some("表二 庆元县2024年度行政许可实施情况统计表"),
        "&nbsp;&nbsp; after the number read as one space"
    );
    assert_eq!(permits.grid().unwrap().columns, 5);
    // In place: lead-in, table, 说明; 表一 is no paragraph of its own.
    adjacent(
        doc,
        "全面推行行政执法公示制度、执法全过程记录制度、重大执法决定法制审核制度，全年行政处罚实施情况如下：",
        "[表格 表一 庆元县2024年度行政处罚实施情况统计表]",
    );
    adjacent(
        doc,
        "[表格 表一 庆元县2024年度行政处罚实施情况统计表]",
        "说明：",
    );
    // The numbered 说明 lines are the table's notes, not sections (1. 2.).
    adjacent(
        doc,
        "说明：",
        "1.行政处罚实施数量的统计范围为统计年度1月1日至12月31日期间作出行政处罚决定的数量。",
    );
    assert_eq!(doc.parts[0].sections.len(), 1, "{:#?}", order(doc));
    adjacent(
        doc,
        "[表格 表二 庆元县2024年度行政许可实施情况统计表]",
        "注：“申请数量”的统计范围为统计年度1月1日至12月31日期间许可机关收到当事人许可申请的数量。",
    );
    assert!(!order(doc)
        .iter()
        .any(|t| t == "表一" || t.contains('\u{a0}')));
    assert_eq!(doc.date.as_deref(), Some("2025-01-17"));
}

/// Word's "save as web page" (GB2312, MsoTableGrid, <p class=MsoNormal> in
/// every cell, <o:p>&nbsp;</o:p> in empty ones, a bold first row, Word's
/// closing `<![if !supportMisc]>` row of widths): the 司法部 2019 statistics
/// table, eight columns, its 总计 row's empty cells merged.
#[test]
fn word_web_page_table() {
    let r = import("word-sjb.htm");
    valid(&r);
    let doc = &r.document;
    let ts = tables(doc);
    assert_eq!(ts.len(), 1);
    let t = ts[0];
    assert_eq!(t.rows.len(), 6, "Word's row of column widths is no row");
    assert_eq!(t.grid().unwrap().columns, 8);
    assert_eq!(t.header_rows, 1);
    assert_eq!(
        cells(t)[0],
        row(&["省份", "数量", "省份", "数量", "省份", "数量", "省份", "数量"])
    );
    assert_eq!(
        cells(t)[1],
        row(&[
            "广东",
            "31392",
            "河北",
            "7040",
            "黑龙江",
            "3868",
            "山西",
            "1726"
        ])
    );
    assert_eq!(
        cells(t)[5],
        [c("总计", 1, 1), c("183489", 1, 1), c("", 6, 1)]
    );
    assert_eq!(
        t.title.as_deref(),
        Some("表1：省区市和兵团受理行政复议案件情况（按数量降序排列）")
    );
    adjacent(
        doc,
        "全年各地受理行政复议案件情况如下表。",
        &format!("[表格 {}]", t.title.as_deref().unwrap()),
    );
    adjacent(
        doc,
        &format!("[表格 {}]", t.title.as_deref().unwrap()),
        "注：数据来源于全国行政复议、行政应诉案件统计。",
    );
    assert_eq!(doc.issuer, "某市司法局");
    assert_eq!(doc.date.as_deref(), Some("2020-03-20"));
}

/// The 重点任务 table of a Hanweb (大汉) page: the article inside a layout
/// table (navigation column beside it), two <tbody>s, <th> header, <caption>
/// title, 序号 and 任务类别 merged down, <br> and &nbsp; inside cells.
fn hanweb_tasks() -> Vec<Vec<(String, u32, u32)>> {
    vec![
        row(&["序号", "任务类别", "重点任务", "责任单位", "完成情况"]),
        vec![
            c("1", 1, 2),
            c("依法全面履行\n政府职能", 1, 2),
            c("为推动经济高质量发展提供法治保障", 1, 1),
            c("县政府办公室\n县司法局", 1, 1),
            c("已完成", 1, 1),
        ],
        row(&["全面提高依法防控依法治理能力", "县卫健委", "已完成"]),
        row(&[
            "2",
            "加强重大行政决策管理",
            "严格落实重大行政决策程序制度，推行合法性审查全覆盖",
            "县司法局",
            "",
        ]),
        row(&[
            "3",
            "规范性文件监督管理",
            "开展规范性文件清理",
            "各有关部门",
            "持续推进",
        ]),
    ]
}

#[test]
fn hanweb_page_rowspan_down_the_number_column_in_a_layout_table() {
    let r = import("hanweb-tasks.html");
    valid(&r);
    let doc = &r.document;
    let ts = tables(doc);
    assert_eq!(ts.len(), 1, "the layout tables are read through");
    let t = ts[0];
    assert_eq!(cells(t), hanweb_tasks(), "&nbsp; after ， is no space");
    assert_eq!(t.header_rows, 1);
    assert_eq!(
        t.title.as_deref(),
        Some("2020年度法治政府建设重点任务分工落实情况表")
    );
    adjacent(
        doc,
        "年度重点任务落实情况见下表。",
        "[表格 2020年度法治政府建设重点任务分工落实情况表]",
    );
    adjacent(
        doc,
        "[表格 2020年度法治政府建设重点任务分工落实情况表]",
        "注：完成情况截至2020年12月31日。",
    );
    assert_eq!(doc.date.as_deref(), Some("2021-03-15"));
    let removed: Vec<&str> = r.removed.iter().map(|x| x.text.as_str()).collect();
    assert!(removed.contains(&"栏目导航"), "{removed:?}");
}

/// LibreOffice's DOCX of the Hanweb page: the data table sits in a cell of the
/// page's layout table, as in a Word document pasted from such a page.
#[test]
fn lo_hanweb_tasks_docx_keeps_the_nested_data_table() {
    let r = import("lo-hanweb-tasks.docx");
    valid(&r);
    let ts = tables(&r.document);
    assert_eq!(
        ts.len(),
        1,
        "the data table inside the layout table is kept"
    );
    assert_eq!(cells(ts[0]), hanweb_tasks());
    assert_eq!(ts[0].header_rows, 1);
}

/// A Founder (方正) page: <thead> rows of <td style="font-weight:bold">, a
/// body without <tbody>, 千分位 and 百分号, &nbsp;-indented 其中 rows.
fn founder_review() -> Vec<Vec<(String, u32, u32)>> {
    vec![
        vec![c("项目", 1, 2), c("案件数（件）", 2, 1), c("同比", 1, 2)],
        row(&["2022年", "2023年"]),
        row(&["新收行政复议申请", "1,026", "1,318", "+28.5%"]),
        row(&["其中：受理", "874", "1,135", "+29.9%"]),
        row(&["调解和解结案", "312", "503", "+61.2%"]),
        row(&["直接纠错率", "9.8%", "11.2%", "+1.4个百分点"]),
        row(&["行政应诉案件", "", "287", "—"]),
    ]
}

#[test]
fn founder_page_thead_of_bold_tds_and_numbers() {
    let r = import("founder-review.html");
    valid(&r);
    let doc = &r.document;
    let ts = tables(doc);
    assert_eq!(ts.len(), 1);
    assert_eq!(cells(ts[0]), founder_review());
    assert_eq!(ts[0].header_rows, 2);
    assert_eq!(ts[0].title, None, "the lead-in names no table");
    adjacent(doc, "全年行政复议、行政应诉案件情况见下表：", "[表格 ]");
    adjacent(doc, "[表格 ]", "注：2022年行政应诉案件数据未单独统计。");
    assert_eq!(doc.date.as_deref(), Some("2024-03-25"));
}

/// Page text copied as it renders (the search corpus's pages show tables so):
/// cells closed by `|`, a heading row over all columns (`… | ||||||||||`).
#[test]
fn text_with_pipe_rows_becomes_tables() {
    let r = import("pasted-pipes.txt");
    valid(&r);
    let doc = &r.document;
    let ts = tables(doc);
    assert_eq!(ts.len(), 2, "{:#?}", order(doc));
    assert_eq!(
        ts[0].title.as_deref(),
        Some("表一 庆元县2024年度行政处罚实施情况统计表")
    );
    assert_eq!(cells(ts[0])[0], [c("行政处罚实施数量(宗)", 11, 1)]);
    // The page's <br> rendered as a space: kept as one (it may part two names).
    assert_eq!(cells(ts[0])[1][2].0, "没收违法 所得、没收 非法财物");
    assert_eq!(cells(ts[0])[1][7].0, "行政拘留");
    assert_eq!(ts[0].rows.len(), 3);
    assert_eq!(ts[0].header_rows, 2, "the rows above the numbers");
    assert_eq!(ts[1].grid().unwrap().columns, 8);
    assert_eq!(ts[1].header_rows, 1);
    assert_eq!(
        cells(ts[1])[3],
        [
            c("总计", 1, 1),
            c("183489", 1, 1),
            c("", 1, 1),
            c("", 1, 1),
            c("", 1, 1),
            c("", 1, 1),
            c("", 1, 1),
            c("", 1, 1)
        ]
    );
    adjacent(
        doc,
        "[表格 表一 庆元县2024年度行政处罚实施情况统计表]",
        "说明：“罚没金额”以处罚决定书确定的金额为准。",
    );
    assert!(!doc.plain_text().contains('|'));
    assert_eq!(doc.issuer, "庆元县人民政府");
}

/// LibreOffice's DOCX of the Founder page (tests/fixtures/real-tables/make_lo.sh):
/// the same cells and header rows as the page.
#[test]
fn libreoffice_docx_of_the_founder_page() {
    let r = import("lo-founder-review.docx");
    valid(&r);
    let ts = tables(&r.document);
    assert_eq!(ts.len(), 1);
    assert_eq!(cells(ts[0]), founder_review());
    assert_eq!(ts[0].header_rows, 2);
}

/// A DOCX as Word writes it (make_word.py): w:tblHeader, w:tcW, w:vMerge
/// restart / bare continue, w:gridSpan across a 备注 row, the 表题 above.
#[test]
fn word_docx_vmerge_gridspan_and_tblheader() {
    let r = import("word-tasks.docx");
    valid(&r);
    let doc = &r.document;
    let ts = tables(doc);
    assert_eq!(ts.len(), 2);
    let t = ts[0];
    assert_eq!(t.header_rows, 1);
    assert_eq!(
        t.title.as_deref(),
        Some("2020年度法治政府建设重点任务分工落实情况表")
    );
    assert_eq!(
        cells(t),
        vec![
            row(&["序号", "任务类别", "重点任务", "责任单位", "完成情况"]),
            vec![
                c("1", 1, 2),
                c("依法全面履行政府职能", 1, 2),
                c("为推动经济高质量发展提供法治保障", 1, 1),
                c("县政府办公室\n县司法局", 1, 1),
                c("已完成", 1, 1),
            ],
            row(&["全面提高依法防控依法治理能力", "县卫健委", "已完成"]),
            row(&[
                "2",
                "加强重大行政决策管理",
                "严格落实重大行政决策程序制度",
                "县司法局",
                "已完成"
            ]),
            vec![c("备注：完成情况截至2020年12月31日", 5, 1)],
        ]
    );
    assert_eq!(
        ts[1].title.as_deref(),
        Some("行政许可实施情况统计表（单位：宗）")
    );
    assert_eq!(ts[1].header_rows, 1, "the bold row above the numbers");
    assert_eq!(
        cells(ts[1])[1],
        row(&["26569", "26569", "26462", "102", "5"])
    );
    adjacent(
        doc,
        "年度重点任务落实情况见下表。",
        "[表格 2020年度法治政府建设重点任务分工落实情况表]",
    );
    assert_eq!(doc.issuer, "西平县人民政府");
    assert_eq!(doc.date.as_deref(), Some("2021-03-15"));
}

/// WordPress's table block: `<figure class="wp-block-table">`, the 表题 as a
/// first row of one cell across the table (as site editors type it), or as a
/// `<figcaption>` after the table; 合　　计 spread with full-width spaces.
#[test]
fn wordpress_title_row_and_figcaption() {
    let r = import("wordpress-figure.html");
    valid(&r);
    let doc = &r.document;
    let ts = tables(doc);
    assert_eq!(ts.len(), 2);
    assert_eq!(
        ts[0].title.as_deref(),
        Some("2022年便民服务中心办件情况统计表")
    );
    assert_eq!(ts[0].rows.len(), 4, "the title row is no row");
    assert_eq!(ts[0].header_rows, 1);
    assert_eq!(cells(ts[0])[3], row(&["合计", "3,161", "3,155", "99.81%"]));
    assert_eq!(ts[1].title.as_deref(), Some("2022年行政执法检查情况表"));
    assert_eq!(ts[1].header_rows, 1);
    adjacent(doc, "[表格 2022年行政执法检查情况表]", "存在的不足和原因");
    assert!(!order(doc).iter().any(|t| t == "2022年行政执法检查情况表"));
    assert_eq!(doc.date.as_deref(), Some("2023-02-20"));
}

/// A range pasted from Excel into a CMS (Excel's own HTML: <col>s, x:num,
/// classes xl65/xl66 with the bold in the stylesheet, a hidden column of
/// empty cells): the 表题 and the 单位 typed as spanning rows of the range.
#[test]
fn excel_range_title_and_unit_rows_and_an_empty_column() {
    let r = import("excel-pasted.html");
    valid(&r);
    let doc = &r.document;
    let ts = tables(doc);
    assert_eq!(ts.len(), 1);
    let t = ts[0];
    assert_eq!(
        t.title.as_deref(),
        Some("2023年度行政执法数据统计表（单位：件）")
    );
    assert_eq!(
        t.grid().unwrap().columns,
        6,
        "the empty column is no column"
    );
    assert_eq!(t.rows.len(), 4);
    assert_eq!(t.header_rows, 1, "the row above the numbers");
    assert_eq!(
        cells(t)[3],
        row(&["合计", "1,523", "1,157", "90", "3,436", "6,206"])
    );
    adjacent(
        doc,
        "全县行政执法主体年度数据见下表。",
        "[表格 2023年度行政执法数据统计表（单位：件）]",
    );
    assert_eq!(doc.date.as_deref(), Some("2024-01-30"));
}
