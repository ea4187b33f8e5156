//! [official #16] The filing copy over the variations real offices produce: short, long
//! and joint 发文机关标志 (2, 3, 4 issuers, with 文件 on the right), an overriding mark;
//! 发文字号 forms and 1, 2, 3, 5 签发人; 份号, 密级 and 紧急程度 in combinations; titles of
//! 20–70 characters; a long 主送; 附件说明 with one and five long titles and their pages;
//! joint 署名, unsealed signatures, long dates; a long 抄送 in the 版记; bodies that put the
//! signature at the top or the foot of a page; a wide table.
//!
//! Each variation is exported through the functions the app uses (`fazhi_pdf::render`,
//! `fazhi_export::docx`); the DOCX files are rendered by LibreOffice in one call, both
//! PDFs measured by scripts/pdf-measure.py (pdfplumber) in one python process. For each:
//! the same page count and the same text on every page; the title's lines those of the
//! layout, in 22 pt; every line of the 发文机关标志 on one line, red, inside the block,
//! its top where the standard puts it; the red rule where the layout puts it; the 版记 on
//! the last page, which is even; the 附件说明's and the 抄送's continuation lines hanging;
//! nothing outside the 156 × 225 mm text block but page numbers.
//!
//! Needs `libreoffice` and python3 with pdfplumber (scripts/setup-test.sh); fails, never
//! skips, without them. Files in `target/tmp/filing-variations/`.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use fazhi_core::model::{Attachment, Table};
use fazhi_core::{template, Document, Paragraph};
use fazhi_export::{docx, DocxOptions, Profile};
use fazhi_layout::geometry::{self, BLOCK_LEFT_MM, BLOCK_TOP_MM, MM_PER_PT};
use fazhi_layout::Block;
use fazhi_pdf::{LineKind, PdfOptions};
use serde_json::Value;

use common::run;

const RIGHT: f64 = BLOCK_LEFT_MM + geometry::BLOCK_WIDTH_MM;
const BOTTOM: f64 = BLOCK_TOP_MM + geometry::BLOCK_HEIGHT_MM;

const SENTENCES: [&str; 6] = [
    "全年共审查行政规范性文件23件，提出修改意见41条，均被采纳。",
    "办理行政复议案件156件，依法纠正违法或者不当行政行为12件，纠错率7.7%。",
    "组织行政执法人员法律知识培训和考试，参训人员1200余人次，考试合格率98.5%。",
    "推行行政执法公示、执法全过程记录、重大执法决定法制审核制度，执法行为进一步规范。",
    "落实重大行政决策程序规定，对涉及群众切身利益的8项决策事项组织听证和风险评估。",
    "健全政府法律顾问制度，聘请法律顾问15名，参与处理涉法事务230余件。",
];

/// A report of the statutory template with `n` sentences in each preset section.
fn base(issuer: &str, n: usize) -> Document {
    let (mut d, _) = template::latest("statutory")
        .unwrap()
        .instantiate(issuer, 2023, false);
    d.date = Some("2024-02-20".into());
    d.preface = vec![Paragraph::new(
        "2023年，我们坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻习近平法治思想，全面推进法治政府建设。现将有关情况报告如下：",
    )];
    let mut k = 0;
    for part in &mut d.parts {
        if part.sections.is_empty() {
            part.paragraphs = (0..n)
                .map(|_| {
                    k += 1;
                    Paragraph::new(SENTENCES[k % SENTENCES.len()])
                })
                .collect();
        }
        part.sections.truncate(3);
        for s in &mut part.sections {
            s.paragraphs = vec![Paragraph::new(
                (0..n)
                    .map(|_| {
                        k += 1;
                        SENTENCES[k % SENTENCES.len()]
                    })
                    .collect::<String>(),
            )];
        }
    }
    d
}

/// `base` with `extra` one-row paragraphs ending the text.
fn with_extra(mut d: Document, extra: usize) -> Document {
    let part = d.parts.last_mut().unwrap();
    let sink = match part.sections.last_mut() {
        Some(s) => &mut s.paragraphs,
        None => &mut part.paragraphs,
    };
    for i in 0..extra {
        sink.push(Paragraph::new(format!("补充说明第{}项。", i + 1)));
    }
    d
}

fn attachment(title: &str, paragraphs: usize) -> Attachment {
    let mut a = Attachment::new(title);
    a.paragraphs = (0..paragraphs)
        .map(|i| Paragraph::new(SENTENCES[i % SENTENCES.len()]))
        .collect();
    a
}

fn wide_table() -> Paragraph {
    let header: Vec<String> = [
        "序号",
        "单位",
        "规范性文件",
        "合法性审查",
        "行政复议",
        "行政诉讼",
        "败诉",
        "执法人员",
        "持证率",
        "培训",
        "听证",
        "公示",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let mut rows = vec![header];
    for i in 1..=4 {
        let mut r = vec![i.to_string(), format!("第{i}单位")];
        r.extend((0..10).map(|j| format!("{}", (i * 7 + j * 3) % 40)));
        rows.push(r);
    }
    let mut t = Table::from_texts(rows, 1);
    t.title = Some("2023年各单位法治政府建设主要指标统计表".into());
    Paragraph::table(t)
}

/// Where our typesetter puts the signature: its row, and the rows of text above it on
/// its page (the page it stands on included).
fn signature_rows(doc: &Document) -> (usize, usize, usize) {
    let opts = PdfOptions {
        profile: Profile::Filing,
        fonts: None,
    };
    let layout = fazhi_pdf::layout_with_fonts(doc, &opts).expect("our layout");
    for (i, p) in layout.pages.iter().enumerate() {
        if let Some(sig) = p.lines.iter().find(|l| l.kind == LineKind::Signature) {
            let r = sig.row.expect("the signature's row");
            let above = p
                .lines
                .iter()
                .filter(|l| l.kind != LineKind::PageNumber && l.row.is_some_and(|x| x < r))
                .count();
            return (i, r, above);
        }
    }
    panic!("no signature");
}

/// Whether our typesetter puts the 版记 on a page of its own after a blank one.
fn blank_before_imprint(doc: &Document) -> bool {
    let opts = PdfOptions {
        profile: Profile::Filing,
        fonts: None,
    };
    let layout = fazhi_pdf::layout_with_fonts(doc, &opts).expect("our layout");
    let n = layout.pages.len();
    n >= 2 && layout.pages[n - 2].lines.is_empty()
}

fn variations() -> Vec<(&'static str, Document)> {
    let mut out: Vec<(&'static str, Document)> = Vec::new();

    // A short mark, nothing else in the 版头.
    let d = base("司法局", 1);
    out.push(("short-mark", d));

    // The mark overrides the issuer; one signer; 附注.
    let mut d = base("梅河口市人民政府", 1);
    d.issuer_mark = Some("梅河口市人民政府办公室文件".into());
    d.doc_number = Some("梅府发〔2020〕3号".into());
    d.signer = Some("王某某".into());
    d.addressee = Some("通化市人民政府".into());
    d.note = Some("联系人：张三，电话：0435-1234567".into());
    out.push(("override-1-signer", d));

    // A long mark (25 characters): shrunk, never wrapped; a long 发文字号, two signers.
    let mut d = base("伊犁哈萨克自治州人民政府办公室", 1);
    d.issuer_mark = Some("新疆维吾尔自治区伊犁哈萨克自治州人民政府办公室文件".into());
    d.doc_number = Some("新伊州政办发〔2024〕128号".into());
    d.signer = Some("艾尔肯·吐尔逊、王某某".into());
    out.push(("long-mark-2-signers", d));

    // Joint issuers: two, each with 文件; three signers.
    let mut d = base("某某县人民政府", 1);
    d.issuer_mark = Some("中共某某县委员会文件 某某县人民政府文件".into());
    d.title_override = Some("中共某某县委 某某县人民政府关于2023年法治政府建设情况的报告".into());
    d.signature = Some("中共某某县委员会 某某县人民政府".into());
    d.doc_number = Some("某发〔2024〕2号".into());
    d.signer = Some("张三、李四、王五".into());
    out.push(("joint-2", d));

    // Three joint issuers, 文件 once at the end; five signers.
    let mut d = base("某某市人民政府", 1);
    d.issuer_mark = Some("中共某某市委员会 某某市人民政府 某某市人大常委会 文件".into());
    d.doc_number = Some("某发〔2024〕5号".into());
    d.signer = Some("张三、李四、王五、赵六、钱七".into());
    d.signature = Some("中共某某市委员会 某某市人民政府 某某市人大常委会".into());
    d.sealed = false;
    out.push(("joint-3-5-signers-unsealed", d));

    // Four joint issuers, without 文件.
    let mut d = base("某某区司法局", 1);
    d.issuer_mark =
        Some("某某区司法局 某某区发展和改革委员会 某某区财政局 某某区人力资源和社会保障局".into());
    d.doc_number = Some("某司联〔2024〕1号".into());
    d.signer = Some("张三".into());
    out.push(("joint-4", d));

    // 份号, 密级和保密期限, 紧急程度 in combinations.
    let mut d = base("某某市人民政府", 1);
    d.copy_number = Some("000123".into());
    d.secrecy = Some("机密★1年".into());
    d.urgency = Some("特急".into());
    d.doc_number = Some("某政发〔2024〕3号".into());
    d.signer = Some("张三、李四".into());
    out.push(("copy-secret-urgent", d));
    let mut d = base("某某市人民政府", 1);
    d.copy_number = Some("000001".into());
    d.urgency = Some("加急".into());
    out.push(("copy-urgent", d));
    let mut d = base("某某市人民政府", 1);
    d.secrecy = Some("秘密".into());
    d.doc_number = Some("某政发〔2024〕3号".into());
    out.push(("secret-only", d));

    // Titles of 20 to 70 characters.
    for (name, title) in [
        ("title-20", "某县2023年法治政府建设情况的年度报告"),
        (
            "title-45",
            "某某自治州人民政府关于2023年度法治政府建设工作情况和2024年工作安排的报告",
        ),
        (
            "title-70",
            "中共新疆维吾尔自治区伊犁哈萨克自治州委员会全面依法治州委员会办公室伊犁哈萨克自治州人民政府办公室关于2023年度法治政府建设工作情况和2024年度主要工作安排的报告",
        ),
    ] {
        let mut d = base("某某市人民政府", 1);
        d.title_override = Some(title.into());
        out.push((name, d));
    }

    // A long 主送; one attachment with a long title; a long 抄送.
    let mut d = base("某某市人民政府", 1);
    d.addressee = Some(
        "自治区人民政府，伊犁哈萨克自治州党委、人民政府，自治区党委全面依法治区委员会办公室，自治区司法厅".into(),
    );
    d.attachments.push(attachment(
        "某某市2023年法治政府建设重点任务完成情况及2024年重点任务分解落实责任清单",
        3,
    ));
    d.copy_to = Some(
        "自治区党委办公厅，自治区人大常委会办公厅，自治区政协办公厅，自治区高级人民法院，自治区人民检察院，州党委全面依法治州委员会办公室，州司法局".into(),
    );
    d.printed_by = Some("某某市人民政府办公室".into());
    d.printed_on = Some("2024-02-21".into());
    out.push(("addressee-1-attachment-imprint", d));

    // Five attachments with long titles; unsealed; a long date.
    let mut d = base("某某县人民政府", 1);
    for t in [
        "某某县2023年度行政规范性文件合法性审查及备案审查工作情况统计表",
        "某某县2023年度行政复议和行政应诉案件办理情况及败诉案件原因分析",
        "某某县2023年度重大行政决策事项目录",
        "某某县2023年度行政执法“三项制度”落实情况及执法人员持证上岗情况一览表",
        "某某县2024年法治政府建设重点任务分工方案",
    ] {
        d.attachments.push(attachment(t, 2));
    }
    d.date = Some("2023-12-31".into());
    d.sealed = false;
    d.printed_by = Some("某某县人民政府办公室".into());
    d.printed_on = Some("2023-12-31".into());
    out.push(("5-attachments-unsealed", d));

    // A wide table in the body (landscape pages), with the 版记.
    let mut d = base("某某市司法局", 1);
    d.parts[0].sections[0].paragraphs.push(wide_table());
    d.parts[0].sections[0]
        .paragraphs
        .push(Paragraph::new("上表为各单位主要指标完成情况。"));
    d.copy_to = Some("市委办公室，市人大常委会办公室".into());
    d.printed_by = Some("某某市司法局办公室".into());
    d.printed_on = Some("2024-02-20".into());
    out.push(("wide-table", d));

    // A long signature (sealed: the date moves in), a 附注 of two lines, the 版记 with
    // 印发 only; run-in headings.
    let mut d = base("伊犁哈萨克自治州人民政府办公室", 2);
    d.signature = Some("新疆维吾尔自治区伊犁哈萨克自治州人民政府办公室".into());
    d.note = Some(
        "此件依申请公开。联系人：张三，联系电话：0999-8021234，电子邮箱：fzb@example.gov.cn".into(),
    );
    d.settings.heading_style = fazhi_core::model::HeadingStyle::RunIn;
    d.printed_by = Some("伊犁哈萨克自治州人民政府办公室".into());
    d.printed_on = Some("2024-01-05".into());
    out.push(("long-signature-note-runin", d));

    // A crowded 版头: 份号, 密级, 紧急程度, four joint issuers with 文件, five signers; a
    // 抄送 of three lines.
    let mut d = base("某某区司法局", 1);
    d.copy_number = Some("000018".into());
    d.secrecy = Some("秘密★6个月".into());
    d.urgency = Some("特急".into());
    d.issuer_mark = Some(
        "某某区司法局 某某区发展和改革委员会 某某区财政局 某某区人力资源和社会保障局 文件".into(),
    );
    d.doc_number = Some("某司联发〔2024〕12号".into());
    d.signer = Some("张三、李四、王五、赵六、钱七".into());
    d.copy_to = Some(
        "区委办公室，区人大常委会办公室，区政协办公室，区纪委监委，区法院，区检察院，区委全面依法治区委员会办公室，区委组织部，区委宣传部，区委政法委，各街道办事处，各镇人民政府".into(),
    );
    d.printed_by = Some("某某区司法局办公室".into());
    d.printed_on = Some("2024-02-20".into());
    out.push(("crowded-masthead-long-copy-to", d));

    // A 37-character mark; titles with 《》 and brackets; no date.
    let mut d = base("某某州委全面依法治州委员会办公室", 1);
    d.issuer_mark =
        Some("中国共产党新疆维吾尔自治区伊犁哈萨克自治州委员会全面依法治州委员会办公室文件".into());
    d.title_override = Some(
        "关于贯彻落实《法治政府建设实施纲要（2021—2025年）》推进2023年度法治政府建设情况的报告"
            .into(),
    );
    d.date = None;
    out.push(("mark-37-title-brackets-no-date", d));
    let mut d = base("某某市人民政府", 1);
    d.title_override =
        Some("某某市2023年度法治政府建设工作报告（2023年1月1日至2023年12月31日）".into());
    out.push(("title-digits", d));

    // An attachment that is a wide table (its pages landscape).
    let mut d = base("某某市司法局", 1);
    let mut a = Attachment::new("2023年各单位法治政府建设主要指标统计表");
    a.paragraphs.push(wide_table());
    d.attachments.push(a);
    d.printed_by = Some("某某市司法局办公室".into());
    d.printed_on = Some("2024-02-20".into());
    out.push(("attachment-wide-table", d));

    // Long Latin runs in the body (a web address, a credit code), a title with Latin
    // letters, deep and long headings; four signers; a 版记 of 抄送 only.
    let mut d = base("某某市数据局", 1);
    d.title_override = Some("某某市数据局关于2023年度APP和政务服务网法治化建设情况的报告".into());
    d.doc_number = Some("某数发〔2024〕7号".into());
    d.signer = Some("张三、李四、王五、赵六".into());
    d.parts[0].sections[0].paragraphs.push(Paragraph::new(
        "相关文件已在门户网站公开（网址：https://www.example.gov.cn/zwgk/fdzdgknr/zcwj/art/2024/art_8f3a2c1d9e7b4a6f.html），统一社会信用代码为11650100MB1234567X，欢迎监督。",
    ));
    let mut deep = fazhi_core::model::Section::new(
        "深入推进行政执法体制改革和综合行政执法队伍建设并健全行政执法协调监督工作体系",
    );
    let mut l3 = fazhi_core::model::Section::new("完善行政裁量权基准制度并动态调整");
    let mut l4 = fazhi_core::model::Section::new("细化量化行政处罚裁量标准");
    l4.paragraphs.push(Paragraph::new(SENTENCES[3]));
    l3.sections.push(l4);
    deep.sections.push(l3);
    d.parts[0].sections.push(deep);
    d.copy_to = Some("市委网信办，市政务服务中心".into());
    out.push(("latin-runs-deep-headings-copy-to-only", d));

    // Attachments: one with a title only, one running over two pages; then the 版记.
    let mut d = base("某某县人民政府", 1);
    d.attachments
        .push(attachment("某某县2023年度法治政府建设考核评分细则", 0));
    d.attachments
        .push(attachment("某某县2023年度法治政府建设重点工作台账", 36));
    d.copy_to = Some("市司法局".into());
    d.printed_by = Some("某某县人民政府办公室".into());
    d.printed_on = Some("2024-02-20".into());
    out.push(("attachments-empty-and-long", d));

    // Bodies that put the signature at the foot of a page (the seal's rows shrunk) and
    // at the top of one (lines carried along), the 附注 with it; and a 版记 that needs a
    // blank page before it.
    let sig_base = || {
        let mut d = base("梅河口市人民政府", 2);
        d.doc_number = Some("梅府发〔2020〕3号".into());
        d.signer = Some("王某某".into());
        d.note = Some("此件公开发布".into());
        d.copy_to = Some("通化市司法局".into());
        d.printed_by = Some("梅河口市人民政府办公室".into());
        d.printed_on = Some("2020-03-13".into());
        d
    };
    let (mut foot, mut top, mut blank) = (None, None, None);
    for extra in 0..44 {
        let d = with_extra(sig_base(), extra);
        let (_, row, above) = signature_rows(&d);
        if blank.is_none() && blank_before_imprint(&d) {
            blank = Some(d.clone());
        }
        if foot.is_none() && row + 3 >= geometry::LINES_PER_PAGE - 1 && above > 3 {
            foot = Some(d);
        } else if top.is_none() && above <= 2 {
            top = Some(d);
        }
    }
    out.push((
        "imprint-after-blank-page",
        blank.expect("a body leaving no room for the 版记 on an even page"),
    ));
    out.push((
        "signature-at-foot",
        foot.expect("a body putting the signature at a foot"),
    ));
    out.push((
        "signature-at-top",
        top.expect("a body putting the signature at a top"),
    ));
    out
}

/// Published reports (tests/fixtures/import-real) imported as the app imports them and
/// given a filing copy's metadata: real text, real lengths, the web's punctuation
/// (`FAZHI_FILING_PUNCT=fix` makes it full-width first, as 校对 would). A fixed few by
/// default ([`REAL`]); `FAZHI_FILING_REAL=all` takes all of them (a survey, not CI).
fn real_reports() -> Vec<(String, Document)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import-real");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/import-real")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    let all = std::env::var("FAZHI_FILING_REAL").is_ok_and(|v| v == "all");
    if !all {
        names.retain(|n| REAL.iter().any(|r| n.starts_with(r)));
    }
    names
        .into_iter()
        .map(|n| {
            let bytes = std::fs::read(dir.join(&n)).unwrap();
            let mut doc =
                fazhi_import::import_bytes(&n, &bytes, &fazhi_import::ImportOptions::default())
                    .unwrap_or_else(|e| panic!("{n}: {e}"))
                    .document;
            if std::env::var("FAZHI_FILING_PUNCT").is_ok_and(|v| v == "fix") {
                common::full_width_punctuation(&mut doc);
            }
            if doc.issuer.trim().is_empty() {
                doc.issuer = "某某市人民政府".into();
            }
            doc.doc_number
                .get_or_insert_with(|| format!("某发〔{}〕3号", doc.year + 1));
            doc.signer.get_or_insert_with(|| "张某某".into());
            doc.addressee.get_or_insert_with(|| "某某省人民政府".into());
            doc.date
                .get_or_insert_with(|| format!("{}-02-20", doc.year + 1));
            doc.copy_to = Some("某某省司法厅，某某市委全面依法治市委员会办公室".into());
            doc.printed_by = Some(format!("{}办公室", doc.issuer.trim()));
            doc.printed_on = doc.date.clone();
            (format!("real-{}", n.trim_end_matches(".txt")), doc)
        })
        .collect()
}

/// The published reports of the default run: a ministry, a prefecture, a city, a county
/// department, a town, a street office. Of all of them (`FAZHI_FILING_REAL=all`, 97 at
/// the time of writing, their web punctuation kept), 9 break some body line elsewhere in
/// LibreOffice than in our PDF, so that a page ends a line earlier or later, none a page
/// longer — 35 and 8 (the 版记 then on an odd page) while our typesetter squeezed marks;
/// with the punctuation made full-width (`FAZHI_FILING_PUNCT=fix`) 22 and none. What
/// remains is LibreOffice's fifth of an em at each change between Chinese and digits (it
/// ignores the DOCX's autoSpaceDE/DN, which Word honours). These six agree.
const REAL: [&str; 6] = ["07-", "54-", "27-", "36-", "60-", "52-"];

/// Measures every PDF in one python process: scripts/pdf-measure.py's lines and rules,
/// the page's size, and every character outside the text block.
fn measure_all(pdfs: &[PathBuf]) -> Vec<Vec<Value>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pdf-measure.py");
    let code = r#"
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("pm", sys.argv[1])
pm = importlib.util.module_from_spec(spec); spec.loader.exec_module(pm)
import pdfplumber
MM = 25.4 / 72.0
out = []
for path in sys.argv[2:]:
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            chars = [{"c": ch["text"], "x0": ch["x0"] * MM, "x1": ch["x1"] * MM,
                      "top": ch["top"] * MM, "bottom": ch["bottom"] * MM,
                      "base": (float(page.height) - ch["matrix"][5]) * MM,
                      "size": float(ch["size"])}
                     for ch in page.chars if ch["text"].strip()]
            pages.append({"w_mm": float(page.width) * MM, "h_mm": float(page.height) * MM,
                          "lines": pm.lines_of(page), "rules": pm.rules_of(page),
                          "chars": chars,
                          "turned": sum(1 for ch in page.chars if not ch.get("upright", True))
                                    + (1 if page.width > page.height else 0)})
    out.append(pages)
json.dump(out, sys.stdout, ensure_ascii=False)
"#;
    let out = run(
        Command::new("python3")
            .arg("-c")
            .arg(code)
            .arg(script)
            .args(pdfs),
        "python3 (pdfplumber)",
    );
    let v: Value = serde_json::from_slice(&out).expect("measure JSON");
    v.as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_array().unwrap().clone())
        .collect()
}

fn text(l: &Value) -> String {
    l["text"]
        .as_str()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn f(l: &Value, key: &str) -> f64 {
    l[key].as_f64().unwrap_or(f64::NAN)
}

fn lines(page: &Value) -> Vec<&Value> {
    page["lines"].as_array().unwrap().iter().collect()
}

fn is_page_number(t: &str) -> bool {
    t.starts_with('—') && t.ends_with('—') && t.chars().any(|c| c.is_ascii_digit())
}

/// The text block on `page`: x0, x1, y0, y1 in mm.
fn block_box(page: &Value) -> (f64, f64, f64, f64) {
    if f(page, "w_mm") > f(page, "h_mm") {
        // The block turned: 225 mm across, 156 mm down (a margin of 26 or 28 mm above,
        // as the sheet turns).
        (BLOCK_TOP_MM, BOTTOM, 26.0, 28.0 + geometry::BLOCK_WIDTH_MM)
    } else {
        (BLOCK_LEFT_MM, RIGHT, BLOCK_TOP_MM, BOTTOM)
    }
}

/// A turned page's letters and digits inside the text block, sorted: the page number
/// (set upright below the block by us, turned beside it by the word processor) left out.
fn turned_words(page: &Value) -> String {
    let (x0, x1, y0, y1) = block_box(page);
    let mut v: Vec<char> = page["chars"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            f(c, "x0") > x0 - 2.0
                && f(c, "x1") < x1 + 2.0
                && f(c, "top") > y0 - 2.0
                && f(c, "bottom") < y1 + 2.0
        })
        .flat_map(|c| c["c"].as_str().unwrap_or("").chars().collect::<Vec<_>>())
        .filter(|c| c.is_alphanumeric())
        .collect();
    v.sort_unstable();
    v.into_iter().collect()
}

/// A page's words: letters and digits, page numbers left out. LibreOffice squeezes a
/// 、 at a line's end to nothing in places (official.rs), so marks are not compared.
fn page_words(page: &Value) -> String {
    lines(page)
        .into_iter()
        .map(text)
        .filter(|t| !is_page_number(t))
        .flat_map(|t| {
            t.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The 发文机关标志 as the standard writes it: the issuers, one a line (as typed, separated
/// by spaces); a joint mark's 文件 once, beside them.
fn expected_mark(doc: &Document) -> (Vec<String>, Option<String>) {
    let typed = doc
        .issuer_mark
        .as_deref()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or(&doc.issuer);
    let mut lines: Vec<String> = typed
        .split([' ', '\u{3000}'])
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    if lines.len() > 1 && lines.iter().any(|l| l.ends_with("文件")) {
        lines = lines
            .into_iter()
            .map(|l| l.strip_suffix("文件").unwrap_or(&l).to_string())
            .filter(|l| !l.is_empty())
            .collect();
        return (lines, Some("文件".into()));
    }
    (lines, None)
}

fn title_of(doc: &Document) -> Vec<String> {
    fazhi_layout::blocks(doc, Profile::Filing)
        .into_iter()
        .find_map(|b| match b {
            Block::Title { lines } => Some(lines),
            _ => None,
        })
        .unwrap()
}

/// Every check of one rendering; failures as sentences.
fn check(doc: &Document, pages: &[Value], tol: f64, who: &str) -> Vec<String> {
    let mut fails = Vec::new();
    let mut fail = |s: String| fails.push(format!("{who}: {s}"));
    let bs = fazhi_layout::blocks(doc, Profile::Filing);
    let mark = bs
        .iter()
        .find_map(|b| match b {
            Block::IssuerMark(m) => Some(m.clone()),
            _ => None,
        })
        .unwrap();
    let signer_rows = bs
        .iter()
        .find_map(|b| match b {
            Block::DocNumber(r) => Some(r.signer_lines.len().max(1)),
            _ => None,
        })
        .unwrap();
    let g = geometry::masthead(mark.lines.len(), mark.size_pt, signer_rows);
    let p0 = lines(&pages[0]);

    // The 发文机关标志: each issuer on one line, red, inside the block, at its place; a
    // joint mark's 文件 once, to the right of the names, centred on them (GB/T 9704 7.2.4).
    let (names, suffix) = expected_mark(doc);
    if mark.lines.len() != names.len() {
        fail(format!(
            "the layout's mark {:?}, the standard's {names:?}",
            mark.lines
        ));
    }
    let mut right_of_names = BLOCK_LEFT_MM;
    for (i, want) in names.iter().enumerate() {
        let top = g.mark_top_mm + i as f64 * g.mark_pitch_mm;
        let got = p0
            .iter()
            .find(|l| text(l).starts_with(want.as_str()) && (f(l, "top_mm") - top).abs() < 6.0);
        let Some(l) = got else {
            let red: Vec<String> = p0
                .iter()
                .filter(|l| f(l, "red_chars") > 0.0)
                .map(|l| format!("{} @{:.1}", text(l), f(l, "top_mm")))
                .collect();
            fail(format!(
                "mark line {want:?} not on one line at {top:.1} mm (red lines: {red:?})"
            ));
            continue;
        };
        let n = want.chars().count() as f64;
        if f(l, "red_chars") < n {
            fail(format!("mark line {want:?} not red"));
        }
        if (f(l, "top_mm") - top).abs() > tol {
            fail(format!(
                "mark line {want:?} top {:.2} mm, layout {top:.2} mm",
                f(l, "top_mm")
            ));
        }
        if f(l, "x0_mm") < BLOCK_LEFT_MM - tol || f(l, "x1_mm") > RIGHT + tol {
            fail(format!(
                "mark line {want:?} outside the block: {:.1}–{:.1} mm",
                f(l, "x0_mm"),
                f(l, "x1_mm")
            ));
        }
        if (f(l, "size_pt") - mark.size_pt).abs() > 0.6 {
            fail(format!(
                "mark line {want:?} {:.1} pt, layout {:.1} pt",
                f(l, "size_pt"),
                mark.size_pt
            ));
        }
        // The names' right edge (a line may carry the 文件 beside it).
        let name_right =
            f(l, "x0_mm") + (f(l, "x1_mm") - f(l, "x0_mm")) * n / text(l).chars().count() as f64;
        right_of_names = right_of_names.max(name_right);
    }
    if let Some(suffix) = &suffix {
        let first_top = g.mark_top_mm;
        let last_bottom =
            g.mark_top_mm + (names.len() - 1) as f64 * g.mark_pitch_mm + mark.size_pt * MM_PER_PT;
        let centre = (first_top + last_bottom) / 2.0;
        let chars: Vec<&Value> = pages[0]["chars"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["c"].as_str() == Some(&suffix[..3]) && f(c, "bottom") < g.rule_y_mm)
            .collect();
        let beside = chars.iter().find(|c| f(c, "x0") >= right_of_names - 0.5);
        match beside {
            None => fail(format!(
                "the joint mark's {suffix:?} not right of the names (names end at {right_of_names:.1} mm)"
            )),
            Some(c) => {
                // The centre of its em box (the names' tops are their em boxes' too).
                let em = f(c, "size") * MM_PER_PT;
                let mid = f(c, "base") - 0.88 * em + em / 2.0;
                if (mid - centre).abs() > tol + 1.0 {
                    fail(format!(
                        "the joint mark's {suffix:?} centred at {mid:.1} mm, the names' centre {centre:.1} mm"
                    ));
                }
                if f(c, "x1") > RIGHT + tol {
                    fail(format!("the joint mark's {suffix:?} outside the block"));
                }
            }
        }
    }

    // A joint 署名: each issuer on a line of its own.
    let sig = doc.signature_or_issuer();
    let sig_names: Vec<&str> = sig
        .split([' ', '\u{3000}'])
        .filter(|s| !s.is_empty())
        .collect();
    if sig_names.len() > 1 {
        for n in &sig_names {
            let alone = pages.iter().enumerate().any(|(i, p)| {
                lines(p)
                    .into_iter()
                    .any(|l| text(l) == *n && (i > 0 || f(l, "top_mm") > g.rule_y_mm))
            });
            if !alone {
                fail(format!("the joint 署名's {n:?} not on a line of its own"));
            }
        }
    }

    // The red rule.
    let rule = pages[0]["rules"].as_array().unwrap().iter().find(|r| {
        let c = &r["color"];
        c[0].as_f64().unwrap_or(0.0) > 0.8 && c[1].as_f64().unwrap_or(1.0) < 0.4
    });
    match rule {
        None => fail("no red rule on page 1".into()),
        Some(r) => {
            if (f(r, "y_mm") - g.rule_y_mm).abs() > tol {
                fail(format!(
                    "red rule at {:.2} mm, layout {:.2} mm",
                    f(r, "y_mm"),
                    g.rule_y_mm
                ));
            }
            if (f(r, "x0_mm") - BLOCK_LEFT_MM).abs() > tol || (f(r, "x1_mm") - RIGHT).abs() > tol {
                fail(format!(
                    "red rule {:.1}–{:.1} mm, not the block's width",
                    f(r, "x0_mm"),
                    f(r, "x1_mm")
                ));
            }
        }
    }

    // The title's lines in 22 pt, below the rule.
    let want: Vec<String> = title_of(doc)
        .iter()
        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    let got: Vec<String> = p0
        .iter()
        .filter(|l| (f(l, "size_pt") - 22.0).abs() < 0.5 && f(l, "top_mm") > g.rule_y_mm)
        .map(|l| text(l))
        .collect();
    if got != want {
        fail(format!("title lines {got:?}, layout {want:?}"));
    }
    if want.len() > 1 && want.iter().any(|l| l.chars().count() <= 2) {
        fail(format!("a title line of two characters or fewer: {want:?}"));
    }

    // Nothing outside the text block but page numbers.
    for (i, p) in pages.iter().enumerate() {
        let landscape = f(p, "w_mm") > f(p, "h_mm");
        let (x0, x1, y0, y1) = block_box(p);
        let numbers: Vec<&Value> = lines(p)
            .into_iter()
            .filter(|l| is_page_number(&text(l)))
            .collect();
        let outside: String = p["chars"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| {
                let (cx0, cx1, ct, cb) = (f(c, "x0"), f(c, "x1"), f(c, "top"), f(c, "bottom"));
                let out = cx0 < x0 - tol || cx1 > x1 + tol || ct < y0 - tol || cb > y1 + tol;
                // A page number's characters (— 12 —), on a line of its own.
                let number = c["c"]
                    .as_str()
                    .is_some_and(|s| s.chars().all(|ch| ch == '—' || ch.is_ascii_digit()))
                    && (!numbers.is_empty() || landscape);
                // A closing mark hung past the right edge (标点悬挂: our typesetter's
                // `place_hanging`, Word's 允许标点溢出边界) starts at the edge and inks
                // half a cell; one squeezed at a line's end (LibreOffice) inks its left
                // half inside and reaches past with its empty right half.
                let hung = c["c"].as_str().is_some_and(|s| {
                    s.chars()
                        .all(|ch| fazhi_pdf::typeset::hangable(ch) || "！？".contains(ch))
                }) && ((cx0 - x1).abs() <= tol || (cx0 + cx1) / 2.0 <= x1 + tol)
                    && ct >= y0 - tol
                    && cb <= y1 + tol;
                out && !number && !hung
            })
            .map(|c| c["c"].as_str().unwrap_or("").to_string())
            .collect();
        if !outside.is_empty() {
            fail(format!(
                "page {}: outside the text block: {outside:?}",
                i + 1
            ));
        }
    }

    // The 版记 on the last page, which is even.
    if doc.imprint_text().is_some() {
        let last = pages.len();
        let on_last = lines(&pages[last - 1])
            .into_iter()
            .any(|l| text(l).ends_with("印发") || text(l).starts_with("抄送："));
        if !on_last {
            fail(format!("the 版记 not on the last page ({last})"));
        }
        if !last.is_multiple_of(2) {
            fail(format!("the 版记's page {last} is odd"));
        }
        // 抄送's continuation lines align after 抄送：(one 四号 character in, then three).
        let ch = 14.0 * MM_PER_PT;
        let ls = lines(&pages[last - 1]);
        if let Some(k) = ls.iter().position(|l| text(l).starts_with("抄送：")) {
            if (f(ls[k], "x0_mm") - (BLOCK_LEFT_MM + ch)).abs() > tol {
                fail(format!("抄送 starts at {:.2} mm", f(ls[k], "x0_mm")));
            }
            for l in &ls[k + 1..] {
                let t = text(l);
                if t.ends_with("印发") || is_page_number(&t) {
                    break;
                }
                if (f(l, "x0_mm") - (BLOCK_LEFT_MM + 4.0 * ch)).abs() > tol {
                    fail(format!(
                        "抄送's continuation {t:?} at {:.2} mm, not under the first organ ({:.2} mm)",
                        f(l, "x0_mm"),
                        BLOCK_LEFT_MM + 4.0 * ch
                    ));
                }
            }
        }
    }

    let cell = geometry::cell_mm();
    let by_text = |want: &str| -> Vec<(usize, &Value)> {
        pages
            .iter()
            .enumerate()
            .flat_map(|(i, p)| lines(p).into_iter().map(move |l| (i, l)))
            .filter(|(_, l)| text(l) == want)
            .collect()
    };

    // 份号, 密级, 紧急程度: flush left on the first rows, in that order.
    let heads: Vec<String> = bs
        .iter()
        .filter_map(|b| match b {
            Block::CopyNumber { text } | Block::Secrecy { text } | Block::Urgency { text } => {
                Some(text.clone())
            }
            _ => None,
        })
        .collect();
    for (k, h) in heads.iter().enumerate() {
        let want: String = h.chars().filter(|c| !c.is_whitespace()).collect();
        match p0.iter().find(|l| text(l) == want) {
            None => fail(format!("{h:?} not on page 1")),
            Some(l) => {
                let row_base = BLOCK_TOP_MM + (k as f64 + 0.5) * geometry::row_mm();
                if (f(l, "x0_mm") - BLOCK_LEFT_MM).abs() > tol
                    || (f(l, "baseline_mm") - row_base).abs() > geometry::row_mm() / 2.0
                {
                    fail(format!(
                        "{h:?} at x {:.1} mm, baseline {:.1} mm: not flush left on row {}",
                        f(l, "x0_mm"),
                        f(l, "baseline_mm"),
                        k + 1
                    ));
                }
            }
        }
    }

    // 发文字号 one character in; the 签发人 column ending one character from the right.
    if let Some(row) = bs.iter().find_map(|b| match b {
        Block::DocNumber(r) => Some(r),
        _ => None,
    }) {
        if let Some(n) = &row.number {
            match p0.iter().find(|l| text(l).starts_with(n.as_str())) {
                None => fail(format!("发文字号 {n:?} not starting a line")),
                Some(l) => {
                    if (f(l, "x0_mm") - (BLOCK_LEFT_MM + cell)).abs() > tol {
                        fail(format!("发文字号 at {:.2} mm", f(l, "x0_mm")));
                    }
                    if let Some(last) = row.signer_lines.last() {
                        let names: String = last.chars().filter(|c| !c.is_whitespace()).collect();
                        if !text(l).ends_with(&names) {
                            fail(format!(
                                "发文字号 not on the last signer line: {:?}",
                                text(l)
                            ));
                        }
                    }
                }
            }
        }
        if !row.signer_lines.is_empty() {
            let right = p0
                .iter()
                .filter(|l| f(l, "top_mm") < g.rule_y_mm && f(l, "size_pt") < 17.0)
                .filter(|l| {
                    row.signer_lines.iter().any(|s| {
                        let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                        text(l).ends_with(&s)
                    })
                })
                .map(|l| f(l, "x1_mm"))
                .fold(f64::MIN, f64::max);
            if (right - (RIGHT - cell)).abs() > tol {
                fail(format!(
                    "签发人 column ends at {right:.2} mm, not one character from the right ({:.2} mm)",
                    RIGHT - cell
                ));
            }
        }
    }

    // 主送 flush left, continuation lines too.
    if let Some(a) = bs.iter().find_map(|b| match b {
        Block::Addressee { text } => Some(text.clone()),
        _ => None,
    }) {
        let want: String = a.chars().filter(|c| !c.is_whitespace()).collect();
        let mut got = String::new();
        let ls: Vec<&Value> = pages.iter().flat_map(|p| lines(p)).collect();
        if let Some(k) = ls.iter().position(|l| {
            want.starts_with(&text(l)) && !text(l).is_empty() && f(l, "size_pt") < 17.0
        }) {
            for l in &ls[k..] {
                if got.chars().count() >= want.chars().count() {
                    break;
                }
                got.push_str(&text(l));
                if (f(l, "x0_mm") - BLOCK_LEFT_MM).abs() > tol {
                    fail(format!(
                        "主送 line {:?} at {:.2} mm, not flush left",
                        text(l),
                        f(l, "x0_mm")
                    ));
                }
            }
        }
        if got != want {
            fail(format!("主送 {got:?}, layout {want:?}"));
        }
    }

    // 署名 and 成文日期 at their places, on one page.
    if let Some(c) = bs.iter().find_map(|b| match b {
        Block::Closing(c) => Some(c),
        _ => None,
    }) {
        let mut sig_pages = Vec::new();
        for (name, right_em) in &c.issuer_lines {
            let want: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            let Some(&(pg, l)) = by_text(&want).last() else {
                fail(format!("署名 {name:?} not on a line of its own"));
                continue;
            };
            sig_pages.push(pg);
            let want_right = RIGHT - right_em * cell;
            if (f(l, "x1_mm") - want_right).abs() > tol {
                fail(format!(
                    "署名 {name:?} ends at {:.2} mm, layout {want_right:.2} mm",
                    f(l, "x1_mm")
                ));
            }
        }
        if let Some(d) = &c.date {
            match by_text(d).last() {
                None => fail(format!("成文日期 {d:?} not on a line of its own")),
                Some(&(pg, l)) => {
                    sig_pages.push(pg);
                    let want_right = RIGHT - c.place.date_right_em * cell;
                    if (f(l, "x1_mm") - want_right).abs() > tol {
                        fail(format!(
                            "成文日期 ends at {:.2} mm, layout {want_right:.2} mm",
                            f(l, "x1_mm")
                        ));
                    }
                }
            }
        }
        if sig_pages.windows(2).any(|w| w[0] != w[1]) {
            fail(format!("署名 and 成文日期 split over pages {sig_pages:?}"));
        }
    }

    // Each 附件 on a page of its own: its label first, flush left; its title in 22 pt.
    for b in &bs {
        if let Block::Attachment(a) = b {
            let found = pages
                .iter()
                .enumerate()
                .find(|(_, p)| lines(p).first().is_some_and(|l| text(l) == a.label));
            match found {
                None => fail(format!("no page starts with {:?}", a.label)),
                Some((_, p)) => {
                    let ls = lines(p);
                    if (f(ls[0], "x0_mm") - BLOCK_LEFT_MM).abs() > tol {
                        fail(format!("{:?} at {:.2} mm", a.label, f(ls[0], "x0_mm")));
                    }
                    let title: Vec<String> = ls
                        .iter()
                        .filter(|l| (f(l, "size_pt") - 22.0).abs() < 0.5)
                        .map(|l| text(l))
                        .collect();
                    let want: Vec<String> = a
                        .title_lines
                        .iter()
                        .map(|l| l.chars().filter(|c| !c.is_whitespace()).collect())
                        .collect();
                    if title != want {
                        fail(format!(
                            "{:?} title lines {title:?}, layout {want:?}",
                            a.label
                        ));
                    }
                }
            }
        }
    }

    // The 版记's rules: block-wide, black, the first and last 0.35 mm, those between
    // 0.25 mm; the last at the foot of the block.
    if doc.imprint_text().is_some() {
        let last = &pages[pages.len() - 1];
        let mut rules: Vec<(f64, f64)> = last["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| f(r, "x1_mm") - f(r, "x0_mm") > 150.0)
            .filter(|r| r["color"][0].as_f64().unwrap_or(0.0) < 0.3)
            .map(|r| (f(r, "y_mm"), f(r, "width_mm")))
            .collect();
        rules.sort_by(|a, b| a.0.total_cmp(&b.0));
        rules.dedup_by(|a, b| (a.0 - b.0).abs() < 0.2);
        let im = doc.imprint_text().unwrap();
        let sections = usize::from(im.copy_to.is_some())
            + usize::from(im.printed_by.is_some() || im.printed_on.is_some());
        if rules.len() != sections + 1 {
            fail(format!("版记 rules {rules:?}, want {}", sections + 1));
        } else {
            for (k, (_, w)) in rules.iter().enumerate() {
                let want = if k == 0 || k + 1 == rules.len() {
                    0.35
                } else {
                    0.25
                };
                if (w - want).abs() > 0.06 {
                    fail(format!("版记 rule {k} {w:.2} mm thick, want {want} mm"));
                }
            }
            let foot = rules.last().unwrap().0;
            if (foot - BOTTOM).abs() > tol + 1.0 {
                fail(format!(
                    "版记's last rule at {foot:.1} mm, the block ends at {BOTTOM:.1} mm"
                ));
            }
        }
    }

    // 附件说明: numbers under the first number, continuation lines under the title.
    if let Some(note) = bs.iter().find_map(|b| match b {
        Block::AttachmentNote(n) => Some(n),
        _ => None,
    }) {
        let found = pages.iter().find_map(|p| {
            let ls = lines(p);
            ls.iter()
                .position(|l| text(l).starts_with("附件："))
                .map(|k| ls[k..].to_vec())
        });
        match found {
            None => fail("no 附件说明".into()),
            Some(ls) => {
                let mut item = 0;
                let mut seen = String::new();
                for (k, l) in ls.iter().enumerate() {
                    let t = text(l);
                    let want_all: String = note
                        .items
                        .iter()
                        .map(|(n, t)| format!("{n}{t}"))
                        .collect::<String>()
                        .chars()
                        .filter(|c| !c.is_whitespace())
                        .collect();
                    if seen.chars().count() >= want_all.chars().count() + 3 {
                        break;
                    }
                    let (num, _) = &note.items[item.min(note.items.len() - 1)];
                    let next = note.items.get(item + 1);
                    let starts_next = k > 0 && next.is_some_and(|(n, _)| t.starts_with(n.as_str()));
                    if starts_next {
                        item += 1;
                    }
                    let numw = fazhi_layout::width::em_width(&note.items[item].0);
                    let want = if k == 0 {
                        2.0
                    } else if starts_next {
                        5.0
                    } else {
                        5.0 + if num.is_empty() { 0.0 } else { numw }
                    };
                    if (f(l, "x0_mm") - (BLOCK_LEFT_MM + want * cell)).abs() > tol {
                        fail(format!(
                            "附件说明 line {t:?} at {:.2} mm, want {:.2} mm ({want} characters in)",
                            f(l, "x0_mm"),
                            BLOCK_LEFT_MM + want * cell
                        ));
                    }
                    seen.push_str(&t);
                }
            }
        }
    }
    fails
}

/// Both renderings agree: page count, each page's text, the signature's page and row.
fn agree(ours: &[Value], lo: &[Value]) -> Vec<String> {
    let mut fails = Vec::new();
    if ours.len() != lo.len() {
        fails.push(format!("pages: PDF {}, DOCX {}", ours.len(), lo.len()));
    }
    for (i, (a, b)) in ours.iter().zip(lo).enumerate() {
        // A landscape table's page: the characters read in another order (turned
        // glyphs on our portrait sheet, a landscape page in LibreOffice's).
        let turned = f(a, "turned") > 0.0 || f(b, "turned") > 0.0;
        let (a, b) = if turned {
            (turned_words(a), turned_words(b))
        } else {
            (page_words(a), page_words(b))
        };
        if a != b {
            let at = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
            let ctx = |t: &str| {
                t.chars()
                    .skip(at.saturating_sub(8))
                    .take(24)
                    .collect::<String>()
            };
            fails.push(format!(
                "page {} text differs at char {at}: PDF {:?} / DOCX {:?}",
                i + 1,
                ctx(&a),
                ctx(&b)
            ));
            break;
        }
    }
    fails
}

#[test]
fn the_filing_copy_holds_on_the_variations_real_offices_produce() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("filing-variations");
    std::fs::create_dir_all(&dir).unwrap();
    let mut vs: Vec<(String, Document)> = variations()
        .into_iter()
        .map(|(n, d)| (n.to_string(), d))
        .collect();
    vs.extend(real_reports());
    let mut docx_paths = Vec::new();
    for (name, doc) in &vs {
        let opts = PdfOptions {
            profile: Profile::Filing,
            fonts: None,
        };
        let pdf = fazhi_pdf::render(doc, &opts).expect("our PDF");
        std::fs::write(dir.join(format!("{name}.pdf")), pdf).unwrap();
        let opts = DocxOptions {
            profile: Profile::Filing,
            comments: Vec::new(),
        };
        let path = dir.join(format!("{name}-docx.docx"));
        std::fs::write(&path, docx(doc, &opts).expect("the DOCX")).unwrap();
        docx_paths.push(path);
    }
    // One LibreOffice for every DOCX.
    run(
        Command::new("libreoffice")
            .env("FONTCONFIG_FILE", common::fonts_conf(&dir))
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.join("lo-profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&dir)
            .args(&docx_paths),
        "libreoffice --headless --convert-to pdf",
    );
    let mut pdfs = Vec::new();
    for (name, _) in &vs {
        pdfs.push(dir.join(format!("{name}.pdf")));
        pdfs.push(dir.join(format!("{name}-docx.pdf")));
    }
    let measured = measure_all(&pdfs);
    let mut report = Vec::new();
    let mut failed = 0;
    for (k, (name, doc)) in vs.iter().enumerate() {
        let (ours, lo) = (&measured[2 * k], &measured[2 * k + 1]);
        let mut fails = check(doc, ours, 1.0, "PDF");
        fails.extend(check(doc, lo, 2.0, "DOCX"));
        fails.extend(agree(ours, lo));
        if !fails.is_empty() {
            failed += 1;
        }
        report.push(format!(
            "{name}: {} pages (DOCX {}) — {}",
            ours.len(),
            lo.len(),
            if fails.is_empty() {
                "ok".to_string()
            } else {
                fails.join("\n    ")
            }
        ));
    }
    let summary = format!(
        "{failed} of {} variations fail\n  {}",
        vs.len(),
        report.join("\n  ")
    );
    eprintln!("{summary}");
    std::fs::write(dir.join("report.txt"), &summary).unwrap();
    assert_eq!(failed, 0, "{summary}");
}
