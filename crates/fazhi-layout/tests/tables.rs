//! Done means of [tables] #21 (export): a two-page table in an attachment exports to
//! PDF (ours) and to DOCX (rendered by LibreOffice) with its header repeated at the
//! top of page two, its grid lines drawn, every row once and none cut; a table too
//! wide for the block goes on a landscape page. Measured from the PDFs by
//! scripts/pdf-measure.py (pdfplumber) and pdftotext, never by eye.
//!
//! Needs `libreoffice`, `pdftoppm`, `pdftotext` and python3 with pdfplumber
//! (scripts/setup-test.sh); fails, never skips, without them. The files and the table
//! pages' PNGs are kept in `target/tmp/tables/` for the issue's note.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use fazhi_core::model::{Attachment, Table};
use fazhi_core::{Document, Paragraph};
use fazhi_export::{docx, DocxOptions, Profile};
use serde_json::Value;

use common::{measure, run};

const HEADER: [&str; 4] = ["序号", "重点任务", "责任单位", "完成情况"];
const ROWS: usize = 36;

fn document(table: Table) -> Document {
    let (mut d, _) = fazhi_core::template::latest("statutory")
        .unwrap()
        .instantiate("某县人民政府", 2023, false);
    d.date = Some("2024-03-01".into());
    d.preface = vec![Paragraph::new("现将本县2023年度法治政府建设情况报告如下。")];
    let mut a = Attachment::new("某县2023年度法治政府建设重点任务完成情况表");
    a.paragraphs = vec![Paragraph::table(table)];
    d.attachments.push(a);
    d
}

/// A table of `ROWS` tasks under a one-row header: two pages in both outputs.
fn long_table() -> Table {
    let units = ["县司法局", "县政府办公室", "县市场监管局", "县生态环境局"];
    let mut t = Table::from_texts(
        std::iter::once(HEADER.map(String::from).to_vec()).chain((1..=ROWS).map(|i| {
            vec![
                i.to_string(),
                format!("第{i}项任务推进落实"),
                units[i % units.len()].to_string(),
                "已完成".to_string(),
            ]
        })),
        1,
    );
    t.title = Some("重点任务完成情况表".into());
    t.widths = vec![1, 4, 3, 2];
    t
}

struct Outputs {
    pdf: PathBuf,
    lo_pdf: PathBuf,
}

/// Our PDF and LibreOffice's rendering of the DOCX of `doc`, named `name`.
fn outputs(doc: &Document, name: &str) -> Outputs {
    let (pdf, lo_pdf) = common::outputs(doc, "tables", name);
    Outputs { pdf, lo_pdf }
}

fn text(l: &Value) -> String {
    l["text"]
        .as_str()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn num(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or(f64::NAN)
}

/// PNGs of pages `first..=last` of `pdf`, as `prefix-N.png`.
fn pictures(pdf: &Path, prefix: &str, first: usize, last: usize) {
    let dir = pdf.parent().unwrap();
    run(
        Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", &first.to_string(), "-l"])
            .arg(last.to_string())
            .arg(pdf)
            .arg(dir.join(prefix)),
        "pdftoppm",
    );
}

/// The pages holding table rows: for each, the header line's and the rows' tops.
struct TablePage {
    index: usize,
    header_top: f64,
    first_row_top: f64,
    rows: Vec<usize>,
    vertical_rules: usize,
}

/// Reads the table off the measured pages: the header is the line reading
/// 序号重点任务责任单位完成情况; a row is a line starting with its number and task.
fn table_pages(pages: &[Value]) -> Vec<TablePage> {
    let header = HEADER.concat();
    let mut out = Vec::new();
    for (index, p) in pages.iter().enumerate() {
        let lines = p["lines"].as_array().unwrap();
        let mut rows = Vec::new();
        let mut first_row_top = f64::MAX;
        for l in lines {
            let t = text(l);
            if let Some(i) = (1..=ROWS)
                .rev()
                .find(|i| t.starts_with(&format!("{i}第{i}项任务推进落实")))
            {
                rows.push(i);
                first_row_top = first_row_top.min(num(l, "top_mm"));
            }
        }
        if rows.is_empty() {
            continue;
        }
        let header_top = lines
            .iter()
            .find(|l| text(l) == header)
            .map(|l| num(l, "top_mm"))
            .unwrap_or_else(|| panic!("page {}: no header line above the rows", index + 1));
        let vertical_rules = p["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| (num(r, "x1_mm") - num(r, "x0_mm")).abs() < 0.5)
            .count();
        out.push(TablePage {
            index,
            header_top,
            first_row_top,
            rows,
            vertical_rules,
        });
    }
    out
}

fn check_two_pages(pages: &[Value], who: &str) -> (usize, usize) {
    let tp = table_pages(pages);
    assert_eq!(tp.len(), 2, "{who}: the table spans two pages");
    assert_eq!(tp[1].index, tp[0].index + 1, "{who}: consecutive pages");
    for p in &tp {
        assert!(
            p.header_top < p.first_row_top,
            "{who}: page {}: the header stands above the rows",
            p.index + 1
        );
    }
    // Every row once, in order, split between the pages.
    let all: Vec<usize> = tp.iter().flat_map(|p| p.rows.clone()).collect();
    assert_eq!(all, (1..=ROWS).collect::<Vec<_>>(), "{who}: rows");
    // Page two starts with the header at the top of the text block.
    let top = fazhi_layout::geometry::BLOCK_TOP_MM;
    assert!(
        (tp[1].header_top - top).abs() < 8.0,
        "{who}: header on page two at {:.1} mm, block top {top} mm",
        tp[1].header_top
    );
    (tp[0].index, tp[1].index)
}

#[test]
fn a_two_page_table_repeats_its_header_in_the_pdf_and_in_libreoffice_s_docx() {
    let doc = document(long_table());
    let o = outputs(&doc, "two-page-table");

    let ours = measure(&o.pdf);
    let (a, b) = check_two_pages(&ours, "PDF");
    // Our grid: a vertical line at each of the five column edges on both pages.
    for p in table_pages(&ours) {
        assert!(p.vertical_rules >= 5, "PDF page {}: grid", p.index + 1);
    }
    pictures(&o.pdf, "two-page-table-pdf", a + 1, b + 1);

    assert_eq!(
        b + 1,
        ours.len(),
        "PDF: the table's second page is the last"
    );
    let lo = measure(&o.lo_pdf);
    let (a, b) = check_two_pages(&lo, "LibreOffice");
    assert_eq!(
        b + 1,
        lo.len(),
        "LibreOffice: no empty page after the table"
    );
    pictures(&o.lo_pdf, "two-page-table-docx", a + 1, b + 1);

    // The same text in both, by pdftotext.
    let plain = |pdf: &Path| -> String {
        String::from_utf8_lossy(&run(
            Command::new("pdftotext").arg(pdf).arg("-"),
            "pdftotext",
        ))
        .matches("重点任务")
        .count()
        .to_string()
    };
    // The header's 重点任务 once per page, plus the attachment's title and 表题.
    assert_eq!(plain(&o.pdf), plain(&o.lo_pdf));
}

#[test]
fn a_wide_table_goes_on_a_landscape_page() {
    let names = [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三",
    ];
    let row: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    let mut t = Table::from_texts([row.clone(), row.iter().map(|_| "12".into()).collect()], 1);
    t.title = Some("行政执法数据统计表".into());
    let doc = document(t);
    let o = outputs(&doc, "landscape-table");

    // Our PDF: the page stays A4 portrait with its page number below the block; the
    // table's text runs upwards (top towards the binding edge on the left).
    let pdf = std::fs::read(&o.pdf).unwrap();
    let info =
        String::from_utf8_lossy(&run(Command::new("pdfinfo").arg(&o.pdf), "pdfinfo")).to_string();
    assert!(
        info.contains("595.276 x 841.89") || info.contains("595.28 x 841.89"),
        "{info}"
    );
    assert!(!pdf.is_empty());
    let raw = String::from_utf8_lossy(&run(
        Command::new("python3")
            .args([
                "-c",
                r#"
import pdfplumber, sys, json
out = []
with pdfplumber.open(sys.argv[1]) as pdf:
    for pg in pdf.pages:
        turned = [c for c in pg.chars if not c["upright"]]
        out.append({
            "turned": "".join(c["text"] for c in turned),
            "matrix": [list(c["matrix"]) for c in turned[:1]],
            "text": pg.extract_text() or "",
        })
print(json.dumps(out, ensure_ascii=False))
"#,
            ])
            .arg(&o.pdf),
        "python3 pdfplumber",
    ))
    .to_string();
    let pages: Vec<Value> = serde_json::from_str(&raw).unwrap();
    let turned = pages
        .iter()
        .position(|p| p["turned"].as_str().unwrap_or("").contains("十一十二十三"))
        .expect("a page with the table turned");
    let m = &pages[turned]["matrix"][0];
    // Text direction (b, a) = (1, 0) rotated: reads bottom to top.
    let (ma, mb) = (m[0].as_f64().unwrap(), m[1].as_f64().unwrap());
    assert!(ma.abs() < 1e-3 && mb > 0.0, "text runs upwards: {m}");
    assert!(
        pages[turned]["text"]
            .as_str()
            .unwrap()
            .contains(&format!("— {} —", turned + 1)),
        "the page number stays on the sheet"
    );
    pictures(&o.pdf, "landscape-table-pdf", turned + 1, turned + 1);

    // LibreOffice's rendering of the DOCX: a landscape page holding the table.
    let lo = measure(&o.lo_pdf);
    let info = String::from_utf8_lossy(&run(
        Command::new("pdfinfo")
            .args(["-f", "1", "-l", "99"])
            .arg(&o.lo_pdf),
        "pdfinfo",
    ))
    .to_string();
    let landscape_page = lo
        .iter()
        .position(|p| {
            p["lines"]
                .as_array()
                .unwrap()
                .iter()
                .any(|l| text(l).contains("十一十二十三"))
        })
        .expect("the table in LibreOffice's rendering");
    let size_line = info
        .lines()
        .find(|l| l.starts_with(&format!("Page {:>4} size:", landscape_page + 1)))
        .unwrap_or_else(|| panic!("{info}"));
    assert!(size_line.contains("841.8"), "landscape: {size_line}");
    let header = lo[landscape_page]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|l| text(l).starts_with("一二三"))
        .expect("the header on one line");
    assert_eq!(text(header), names.concat());
    // No empty page after it (the last section is the landscape one).
    assert_eq!(landscape_page + 1, lo.len(), "the table's page is the last");
    pictures(
        &o.lo_pdf,
        "landscape-table-docx",
        landscape_page + 1,
        landscape_page + 1,
    );
}

/// The statistics table of the import fixtures: 项目 and 备注 two header rows
/// tall, 数量 two columns wide, 纠错率下降 two body rows tall.
fn merged_table() -> Table {
    use fazhi_core::model::Cell;
    let cell = |t: &str, colspan: u32, rowspan: u32| Cell {
        colspan,
        rowspan,
        paragraphs: vec![Paragraph::new(t)],
    };
    Table {
        title: Some("2023年行政复议、行政应诉案件情况统计表".into()),
        header_rows: 2,
        rows: vec![
            vec![cell("项目", 1, 2), cell("数量", 2, 1), cell("备注", 1, 2)],
            vec![cell("2022年", 1, 1), cell("2023年", 1, 1)],
            vec![
                cell("收到行政复议申请", 1, 1),
                cell("48", 1, 1),
                cell("56", 1, 1),
                cell("同比增长16.7%", 1, 1),
            ],
            vec![
                cell("其中：撤销、变更", 1, 1),
                cell("5", 1, 1),
                cell("3", 1, 1),
                cell("纠错率下降", 1, 2),
            ],
            vec![
                cell("行政应诉案件", 1, 1),
                cell("21", 1, 1),
                cell("19", 1, 1),
            ],
        ],
        ..Table::default()
    }
}

/// Tables as (title, header rows, cells as (text, colspan, rowspan)).
type Shape = (Option<String>, u32, Vec<Vec<(String, u32, u32)>>);

fn shapes(d: &Document) -> Vec<Shape> {
    d.nodes()
        .filter_map(|n| match n.item {
            fazhi_core::model::NodeRef::Table(_, t) => Some((
                t.title.clone(),
                t.header_rows,
                t.rows
                    .iter()
                    .map(|r| r.iter().map(|c| (c.text(), c.colspan, c.rowspan)).collect())
                    .collect(),
            )),
            _ => None,
        })
        .collect()
}

/// Our HTML (`<table>`, `<caption>`, `<thead>` of `<th>`, colspan/rowspan) and
/// our DOCX (`w:tbl`, `w:gridSpan`, `w:vMerge`, `w:tblHeader`) read back by our
/// importer give the tables we wrote: a merged table in a section and one in an
/// 附件, same cells, spans, header rows and 表题.
#[test]
fn our_html_and_docx_import_back_with_the_same_tables() {
    let mut doc = document(long_table());
    doc.parts[0].paragraphs = vec![
        Paragraph::new("全年行政复议、行政应诉情况见下表。"),
        Paragraph::table(merged_table()),
        Paragraph::new("行政机关负责人出庭应诉率达到100%。"),
    ];
    let want = shapes(&doc);
    assert_eq!(want.len(), 2);
    let opts = fazhi_import::ImportOptions::default();

    let page = fazhi_export::html(&doc, Profile::Filing);
    assert!(page.contains("<thead>") && page.contains("<th"), "{page}");
    let from_html = fazhi_import::import_bytes("report.html", page.as_bytes(), &opts)
        .expect("our HTML imports");
    assert_eq!(shapes(&from_html.document), want, "HTML");

    let bytes = docx(
        &doc,
        &DocxOptions {
            profile: Profile::Filing,
            ..DocxOptions::default()
        },
    )
    .unwrap();
    let from_docx =
        fazhi_import::import_bytes("report.docx", &bytes, &opts).expect("our DOCX imports");
    assert_eq!(shapes(&from_docx.document), want, "DOCX");
}

/// The numbers of 庆元县's 行政处罚 table (fazhi-import's real-tables fixture
/// trs-qingyuan.html).
const QINGYUAN_NUMBERS: [&str; 11] = [
    "12175", "94,929", "235", "189", "101", "0", "11", "504", "12", "108,156", "1753.79",
];

/// That table: 11 columns under long header cells, one row of numbers.
fn qingyuan() -> Table {
    let mut t = Table::from_texts(
        [
            vec![
                "警告、通报批评",
                "罚款",
                "没收违法所得、没收非法财物",
                "暂扣许可证、执照，降低资质等级",
                "吊销许可证、执照",
                "限制开展生产经营活动",
                "责令停产停业、责令关闭、限制从业",
                "行政拘留",
                "其他行政处罚",
                "合计（宗）",
                "罚没金额（万元）",
            ],
            QINGYUAN_NUMBERS.to_vec(),
        ],
        1,
    );
    t.title = Some("行政处罚实施数量（宗）".into());
    t
}

/// The text of `pdf` as pdftotext reads it, page by page.
fn pdf_text(pdf: &Path) -> String {
    String::from_utf8_lossy(&run(
        Command::new("pdftotext").arg(pdf).arg("-"),
        "pdftotext",
    ))
    .to_string()
}

/// Every number of the table whole on a line, no line starting with a closing mark.
fn check_numbers(text: &str, who: &str) {
    for n in QINGYUAN_NUMBERS.iter().filter(|n| n.len() > 2) {
        assert!(
            text.lines()
                .any(|l| l.split_whitespace().any(|w| w.contains(n))),
            "{who}: {n} is broken:\n{text}"
        );
    }
    for l in text.lines().map(str::trim) {
        assert!(
            !l.starts_with(['）', '、', '，']),
            "{who}: a line starts with a closing mark: {l}\n{text}"
        );
    }
}

#[test]
fn real_numbers_are_never_broken_in_the_pdf_nor_in_libreoffice_s_docx() {
    // Before (庆元县's table exported, session 9): our PDF 1217|5, 94,|929, 1753|.79,
    // 合计 / （宗 / ）; LibreOffice's rendering of the DOCX 121|75, 108|,15|6, 175|3.7|9:
    // every column held at 2 characters (14.1 mm), the table portrait.
    let doc = document(qingyuan());
    let o = outputs(&doc, "real-numbers");
    check_numbers(&pdf_text(&o.pdf), "our PDF");
    check_numbers(&pdf_text(&o.lo_pdf), "LibreOffice");
    // The DOCX grid takes the layout's widths.
    let p = &doc.attachments[0].paragraphs[0];
    let t = fazhi_layout::table::table_block(p).unwrap();
    assert!(t.landscape);
    let docx = o.lo_pdf.with_extension("docx");
    let xml = String::from_utf8_lossy(&run(
        Command::new("unzip")
            .arg("-p")
            .arg(&docx)
            .arg("word/document.xml"),
        "unzip",
    ))
    .to_string();
    let grid: Vec<f64> = xml
        .split("<w:gridCol w:w=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].parse().unwrap())
        .collect();
    assert_eq!(grid.len(), t.columns, "{xml}");
    for (g, w) in grid.iter().zip(&t.widths_mm) {
        let twips = w * 1440.0 / 25.4;
        assert!((g - twips).abs() <= 3.0, "grid {g} twips, layout {w:.2} mm");
    }
    pictures(&o.pdf, "real-numbers-pdf", 1, 9);
    pictures(&o.lo_pdf, "real-numbers-docx", 1, 9);
}

/// The runs of `t`'s cells that hold a digit and are at least 3 characters long
/// (12175, 94,929, 2024-03-28, 98.5%): what a narrow column used to break.
fn number_runs(t: &Table) -> Vec<String> {
    let mut out = Vec::new();
    for cell in t.rows.iter().flatten() {
        for p in &cell.paragraphs {
            let chars: Vec<char> = p.text.trim().chars().collect();
            for r in fazhi_layout::width::unbreakable_runs(p.text.trim()) {
                let run: String = chars[r].iter().collect();
                if run.chars().count() >= 3 && run.chars().any(|c| c.is_ascii_digit()) {
                    out.push(run);
                }
            }
        }
    }
    out
}

#[test]
fn the_real_tables_numbers_stay_whole_in_both_outputs() {
    // Every table of fazhi-import's real-tables fixtures (TRS, Hanweb, Founder,
    // WordPress, Excel pasted, Word's web page and DOCX, pipes), exported: each number
    // of three characters or more on one line of our PDF and of LibreOffice's
    // rendering of the DOCX.
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fazhi-import/tests/fixtures/real-tables");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| {
            [".html", ".htm", ".docx", ".txt"]
                .iter()
                .any(|x| n.ends_with(x))
        })
        .collect();
    names.sort();
    let mut checked = 0;
    for name in &names {
        let bytes = std::fs::read(dir.join(name)).unwrap();
        let imported = fazhi_import::import_bytes(name, &bytes, &Default::default()).unwrap();
        let tables: Vec<Table> = imported
            .document
            .nodes()
            .filter_map(|n| match n.item {
                fazhi_core::model::NodeRef::Table(_, t) => Some(t.clone()),
                _ => None,
            })
            .collect();
        if tables.is_empty() {
            continue;
        }
        let mut runs: Vec<String> = tables.iter().flat_map(number_runs).collect();
        // Short cells (已完成, 持续推进) whole too, in a column of short cells of a
        // portrait table: the column gets their width before long text is given any
        // (a landscape table of 11 columns has not the room for every one).
        for t in &tables {
            let p = Paragraph::table(t.clone());
            if fazhi_layout::table::table_block(&p).unwrap().landscape {
                continue;
            }
            let texts = |col: usize| {
                t.rows
                    .iter()
                    .flat_map(move |r| r.get(col))
                    .filter(|c| c.colspan == 1)
                    .map(|c| c.text().trim().to_string())
            };
            for col in 0..t.rows.iter().map(Vec::len).max().unwrap_or(0) {
                if texts(col).all(|x| x.chars().count() <= 6) {
                    runs.extend(
                        texts(col)
                            .filter(|x| x.chars().count() >= 2 && !x.contains(char::is_whitespace)),
                    );
                }
            }
        }
        let (mut d, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2023, false);
        d.date = Some("2024-03-01".into());
        let mut a = Attachment::new("统计表");
        a.paragraphs = tables.into_iter().map(Paragraph::table).collect();
        d.attachments.push(a);
        let o = outputs(&d, &format!("real-{name}"));
        for (who, pdf) in [("our PDF", &o.pdf), ("LibreOffice", &o.lo_pdf)] {
            let text = pdf_text(pdf);
            // pdftotext sets a space between digits and Chinese (2022 年).
            let lines: Vec<String> = text
                .lines()
                .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
                .collect();
            for r in &runs {
                let r: String = r.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(
                    lines.iter().any(|l| l.contains(r.as_str())),
                    "{name}, {who}: {r} is broken:\n{text}"
                );
                checked += 1;
            }
            for l in &lines {
                assert!(
                    !l.starts_with(['）', '、', '，', '。', '；', '：', '》', '”']),
                    "{name}, {who}: a line starts with a closing mark: {l}\n{text}"
                );
            }
        }
    }
    println!("{checked} runs checked");
    assert!(checked > 100, "{checked} runs checked");
}
