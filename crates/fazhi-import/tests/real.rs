//! Real published reports found after the corpus was made
//! (tests/fixtures/import-real, sources.tsv gives each page's address and
//! what the report names): issuer, year and title as the text gives them, as
//! plain text and as a web page holding the same lines, and nothing lost.

use std::path::{Path, PathBuf};

use fazhi_import::{import_bytes, ImportOptions, ImportResult, RecognisedKind, ValueSource};

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/import-real")
}

struct Row {
    file: String,
    issuer: String,
    short: String,
    year: i32,
    title: String,
    /// Whether the source writes its title on a line of its own (08, a
    /// document site's copy without line breaks, does not).
    title_line: bool,
    /// Source text the import drops on purpose (附件 before an attached
    /// report, a title restated on two lines); `-` for none.
    dropped: String,
}

fn rows() -> Vec<Row> {
    let table = std::fs::read_to_string(dir().join("sources.tsv")).expect("sources.tsv");
    table
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            Row {
                file: f[0].into(),
                issuer: f[2].into(),
                short: f[3].into(),
                year: f[4].parse().expect("year"),
                title: f[5].into(),
                title_line: match f[6] {
                    "yes" => true,
                    "no" => false,
                    other => panic!("{}: title_line {other:?}", f[0]),
                },
                dropped: f[7].trim_start_matches('-').into(),
            }
        })
        .collect()
}

/// The text's lines as a saved page: one <p> per line.
fn as_page(text: &str) -> String {
    let body: String = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let l = l.replace('&', "&amp;").replace('<', "&lt;");
            format!("<p>{l}</p>\n")
        })
        .collect();
    format!("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>报告</title></head><body><div class=\"content\">\n{body}</div></body></html>")
}

fn title_of(r: &ImportResult) -> Option<String> {
    r.recognised
        .iter()
        .find(|x| x.kind == RecognisedKind::Title)
        .map(|x| x.text.clone())
}

#[test]
fn issuer_year_and_title_of_real_reports() {
    let mut wrong = Vec::new();
    let rows = rows();
    assert!(rows.len() >= 20);
    for row in &rows {
        let bytes = std::fs::read(dir().join(&row.file)).expect("fixture");
        let r = import_bytes(&row.file, &bytes, &ImportOptions::default()).expect("imports");
        if r.year != row.year || r.year_source == ValueSource::Missing {
            wrong.push(format!(
                "{}: year {} ({:?})",
                row.file, r.year, r.year_source
            ));
        }
        if row.issuer == "-" {
            // Named nowhere (我局): asked for, not guessed.
            if r.issuer_source != ValueSource::Missing {
                wrong.push(format!("{}: guessed issuer {}", row.file, r.issuer));
            }
        } else if r.issuer != row.issuer {
            // A name without its place is a guess the user is told about.
            let told = r.uncertain.iter().any(|u| u.message.contains("发文机关"));
            let short = row.short != "-" && r.issuer.contains(&row.short);
            if !(short && told) {
                wrong.push(format!(
                    "{}: issuer {} ({:?})",
                    row.file, r.issuer, r.issuer_source
                ));
            }
        }
        if row.title != "-" && row.title_line && title_of(&r).as_deref() != Some(row.title.as_str())
        {
            wrong.push(format!("{}: title {:?}", row.file, title_of(&r)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn a_page_with_the_same_lines_imports_alike_and_neither_loses_text() {
    let mut wrong = Vec::new();
    for row in rows() {
        let text = std::fs::read_to_string(dir().join(&row.file)).expect("fixture");
        let opts = ImportOptions {
            issuer: (row.issuer == "-").then(|| "某局".to_string()),
            ..ImportOptions::default()
        };
        let plain = import_bytes(&row.file, text.as_bytes(), &opts).expect("text imports");
        let name = row.file.replace(".txt", ".html");
        let page = import_bytes(&name, as_page(&text).as_bytes(), &opts).expect("page imports");
        if (page.issuer.as_str(), page.year) != (plain.issuer.as_str(), plain.year) {
            wrong.push(format!(
                "{}: page {} {} / text {} {}",
                row.file, page.issuer, page.year, plain.issuer, plain.year
            ));
        }
        for (r, form) in [(&plain, "text"), (&page, "page")] {
            if let Some(lost) = lost(&text, &row.dropped, r) {
                wrong.push(format!("{} ({form}): {lost}", row.file));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// How many times each Chinese character occurs, heading numbers'
/// characters (一、 （十二）, 第) left out: the importer keeps a heading's
/// number as its place, not as text.
fn han_counts(s: &str) -> std::collections::HashMap<char, usize> {
    let mut m = std::collections::HashMap::new();
    for c in s.chars() {
        if ('\u{4E00}'..='\u{9FFF}').contains(&c) && !"一二三四五六七八九十第".contains(c)
        {
            *m.entry(c).or_insert(0) += 1;
        }
    }
    m
}

/// Every text the import keeps: the issuer, the document's fields, preface, parts,
/// sections, tables, closing, attachments, and what it recognised as it
/// found it (the title, a part's heading the template's replaced).
fn kept_text(r: &ImportResult) -> String {
    fn paragraphs(ps: &[fazhi_core::Paragraph], out: &mut String) {
        for p in ps {
            out.push_str(&p.text);
            out.push('\n');
            if let Some(t) = &p.table {
                out.push_str(t.title.as_deref().unwrap_or(""));
                for c in t.rows.iter().flatten() {
                    paragraphs(&c.paragraphs, out);
                }
            }
        }
    }
    fn sections(ss: &[fazhi_core::Section], out: &mut String) {
        for s in ss {
            out.push_str(&s.heading);
            out.push('\n');
            paragraphs(&s.paragraphs, out);
            sections(&s.sections, out);
        }
    }
    let d = &r.document;
    // The issuer, printed as the signature when none is set (某县人民政府
    // under the text becomes the issuer).
    let mut out = format!("{}\n", d.issuer);
    for f in [
        &d.title_override,
        &d.addressee,
        &d.doc_number,
        &d.signer,
        &d.signature,
        &d.date,
        &d.note,
        &d.copy_to,
        &d.printed_by,
        &d.printed_on,
        &d.issuer_mark,
        &d.copy_number,
        &d.secrecy,
        &d.urgency,
    ] {
        out.push_str(f.as_deref().unwrap_or(""));
        out.push('\n');
    }
    paragraphs(&d.preface, &mut out);
    for p in &d.parts {
        out.push_str(&p.heading);
        out.push('\n');
        paragraphs(&p.paragraphs, &mut out);
        sections(&p.sections, &mut out);
    }
    paragraphs(&d.closing, &mut out);
    for a in &d.attachments {
        out.push_str(&a.title);
        out.push('\n');
        paragraphs(&a.paragraphs, &mut out);
    }
    let found_as_is = [RecognisedKind::Title, RecognisedKind::Part];
    for x in r
        .recognised
        .iter()
        .filter(|x| found_as_is.contains(&x.kind))
    {
        out.push_str(&x.text);
        out.push('\n');
    }
    out
}

/// Nothing lost: every Chinese character of the source, less the lines
/// taken out as page chrome (`removed`) and what sources.tsv says is
/// dropped on purpose, is in what the import keeps — closing and 附件
/// included. The date is kept as 2022-01-21, the signer without its label
/// and a part's heading as the template's (年, not 年度): their 年月日,
/// 签发人 and 度 count as kept. None, or what was lost.
fn lost(text: &str, dropped: &str, r: &ImportResult) -> Option<String> {
    let mut source = han_counts(text);
    let removed = r.removed.iter().map(|x| x.text.as_str());
    for t in removed.chain([dropped]) {
        for (c, n) in han_counts(t) {
            let s = source.entry(c).or_insert(0);
            *s = s.saturating_sub(n);
        }
    }
    let mut kept = kept_text(r);
    if r.document.date.is_some() {
        kept.push_str("年月日");
    }
    if r.document.signer.is_some() {
        kept.push_str("签发人");
    }
    // 附件 are printed with their 附件说明 (附件：1.…) and a 附件1 label each.
    if !r.document.attachments.is_empty() {
        kept.push_str("附件");
    }
    for a in &r.document.attachments {
        kept.push_str("附件");
        kept.push_str(&a.title);
    }
    // A part's heading written 2022年度推进…, kept as the template's 2022年推进….
    for p in &r.document.parts {
        if let Some(k) = p.heading.find('年') {
            let (year, rest) = p.heading.split_at(k + '年'.len_utf8());
            if text.contains(&format!("{year}度{rest}")) {
                kept.push('度');
            }
        }
    }
    let kept = han_counts(&kept);
    let mut lost: Vec<(char, usize)> = source
        .iter()
        .filter_map(|(c, n)| {
            let k = kept.get(c).copied().unwrap_or(0);
            (k < *n).then(|| (*c, n - k))
        })
        .collect();
    lost.sort();
    let n: usize = lost.iter().map(|l| l.1).sum();
    (n > 0).then(|| format!("{n} lost {lost:?}"))
}

/// A heading's own number (一、 （一） 1.) is its place in the report: none
/// is left in a heading's text, or the exports print two numbers
/// (（一）一、坚持以法治思想为统领…, 16-zhaoxian before the fix).
#[test]
fn no_heading_keeps_its_source_number() {
    fn check(s: &[fazhi_core::Section], file: &str, wrong: &mut Vec<String>) {
        for s in s {
            let h = s.heading.trim_start_matches(['（', '(']);
            let numbered = h
                .chars()
                .next()
                .is_some_and(|c| "一二三四五六七八九十".contains(c) || c.is_ascii_digit())
                && h.chars().nth(1).is_some_and(|c| "、）).．".contains(c));
            if numbered {
                wrong.push(format!("{file}: {}", s.heading));
            }
            check(&s.sections, file, wrong);
        }
    }
    let mut wrong = Vec::new();
    for row in rows() {
        let bytes = std::fs::read(dir().join(&row.file)).expect("fixture");
        let opts = ImportOptions {
            issuer: (row.issuer == "-").then(|| "某局".to_string()),
            ..ImportOptions::default()
        };
        let r = import_bytes(&row.file, &bytes, &opts).expect("imports");
        for p in &r.document.parts {
            check(&p.sections, &row.file, &mut wrong);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A part said to be missing and added blank is blank: the source's parts
/// kept under it as sections (16-zhaoxian, 13-sichuan: 一、坚持以法治思想为统领…)
/// make it the report's text, not a part to write.
#[test]
fn a_part_called_blank_is_blank() {
    let mut wrong = Vec::new();
    for row in rows() {
        let bytes = std::fs::read(dir().join(&row.file)).expect("fixture");
        let opts = ImportOptions {
            issuer: (row.issuer == "-").then(|| "某局".to_string()),
            ..ImportOptions::default()
        };
        let r = import_bytes(&row.file, &bytes, &opts).expect("imports");
        for u in r
            .uncertain
            .iter()
            .filter(|u| u.message.contains("补上空白部分"))
        {
            let part = r
                .document
                .parts
                .iter()
                .find(|p| Some(p.id.as_str()) == u.node_id.as_deref())
                .expect("the note names its part");
            let blank =
                part.sections.is_empty() && part.paragraphs.iter().all(|p| p.text.is_empty());
            if !blank {
                wrong.push(format!("{}: {}", row.file, u.message));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// A covering letter with the report as its 附件 (05-shanghai): the report's
/// title after 附件, the letter's organ as the issuer, its date as the date,
/// its addressee kept; the letter's signature and date are not preface text,
/// and the user is told the letter's words stayed in the preface.
#[test]
fn a_covering_letter_with_the_report_attached() {
    let bytes = std::fs::read(dir().join("05-shanghai-shengtai-2021.txt")).expect("fixture");
    let r = import_bytes("05.txt", &bytes, &ImportOptions::default()).expect("imports");
    let d = &r.document;
    assert_eq!(r.issuer, "上海市生态环境局");
    assert_eq!(r.year, 2021);
    assert_eq!(d.addressee.as_deref(), Some("生态环境部"));
    assert_eq!(d.date.as_deref(), Some("2022-01-21"));
    assert_eq!(
        title_of(&r).as_deref(),
        Some("上海市生态环境局关于2021年度法治政府建设情况的报告")
    );
    assert!(d
        .preface
        .iter()
        .all(|p| p.text != "上海市生态环境局" && p.text != "2022年1月21日" && p.text != "附件"));
    assert!(r.uncertain.iter().any(|u| u.message.contains("报送函")));
    // The report's own preface is kept.
    assert!(d
        .preface
        .iter()
        .any(|p| p.text.contains("本市环境空气质量六项指标")));
}

/// A document site's watermark (17-gaozihui: 公文汇 www.gongwenhui.com after
/// headings and on a line alone) is set aside, not kept in a heading.
#[test]
fn a_site_watermark_is_not_report_text() {
    let bytes = std::fs::read(dir().join("17-gaozihui-ju-2022.txt")).expect("fixture");
    let opts = ImportOptions {
        issuer: Some("某局".into()),
        ..ImportOptions::default()
    };
    let r = import_bytes("17.txt", &bytes, &opts).expect("imports");
    fn headings(s: &[fazhi_core::Section], out: &mut Vec<String>) {
        for s in s {
            out.push(s.heading.clone());
            headings(&s.sections, out);
        }
    }
    let mut all = Vec::new();
    for p in &r.document.parts {
        all.push(p.heading.clone());
        headings(&p.sections, &mut all);
    }
    assert!(all.iter().all(|h| !h.contains("www.")), "{all:?}");
    assert!(r.document.preface.iter().all(|p| !p.text.contains("www.")));
    assert!(r
        .removed
        .iter()
        .any(|x| x.text.contains("www.gongwenhui.com")));
}

/// A copy whose paragraph breaks became spaces (40-zhuoni: …报告如下: 一、年度…
/// (一)深入学习…): its parts and sections are found, not one long paragraph.
#[test]
fn parts_run_together_on_one_line_are_found() {
    let bytes = std::fs::read(dir().join("40-zhuoni-jiaoyu-2024.txt")).expect("fixture");
    let opts = ImportOptions {
        issuer: Some("卓尼县教育局".into()),
        ..ImportOptions::default()
    };
    let r = import_bytes("40.txt", &bytes, &opts).expect("imports");
    assert!(
        !r.uncertain.iter().any(|u| u.message.contains("没有找到")),
        "{:?}",
        r.uncertain
    );
    let measures = &r.document.parts[0];
    assert_eq!(measures.role, fazhi_core::Role::Measures);
    assert!(measures.sections[0]
        .heading
        .starts_with("深入学习贯彻习近平法治思想"));
    assert!(r.document.preface[0]
        .text
        .starts_with("根据《法治政府建设实施纲要"));
    assert_eq!(r.year, 2024);
}

/// The title restated below in other words (35-yubei: the page's …关于2023年法治
/// 政府建设情况的报告, then the document's own 重庆市公安局渝北区分局 / 关于2023年度…)
/// is one title, not two preface paragraphs.
#[test]
fn a_title_restated_in_other_words_is_one_title() {
    let bytes = std::fs::read(dir().join("35-yubei-gongan-2023.txt")).expect("fixture");
    let r = import_bytes("35.txt", &bytes, &ImportOptions::default()).expect("imports");
    assert_eq!(r.document.preface.len(), 1, "{:?}", r.document.preface);
    assert!(r.document.preface[0].text.starts_with("按照有关规定"));
    assert_eq!(
        title_of(&r).as_deref(),
        Some("重庆市公安局渝北区分局关于2023年度法治政府建设情况的报告")
    );
}

/// An issuer read from the text (08-hubei, a copy without line breaks: 湖北省人民政府
/// most named) is complete; the note says where it came from, not that it
/// lacks its place.
#[test]
fn an_issuer_from_the_text_is_not_called_incomplete() {
    let bytes = std::fs::read(dir().join("08-hubei-2023.txt")).expect("fixture");
    let r = import_bytes("08.txt", &bytes, &ImportOptions::default()).expect("imports");
    assert_eq!(r.issuer, "湖北省人民政府");
    let notes: Vec<&str> = r
        .uncertain
        .iter()
        .map(|u| u.message.as_str())
        .filter(|m| m.contains("发文机关"))
        .collect();
    assert_eq!(
        notes,
        ["发文机关按正文中最常提到的“湖北省人民政府”暂定，请核对。"]
    );
}

/// A development zone's report (44-ninghe): its 管委会 is the issuer, the part
/// heading the source closed with ；and its 1、 sections are found.
#[test]
fn a_development_zone_and_a_heading_closed_with_a_semicolon() {
    let bytes = std::fs::read(dir().join("44-ninghe-kaifaqu-2024.txt")).expect("fixture");
    let r = import_bytes("44.txt", &bytes, &ImportOptions::default()).expect("imports");
    assert_eq!(r.issuer, "宁河经济开发区管委会");
    let measures = &r.document.parts[0];
    assert_eq!(measures.role, fazhi_core::Role::Measures);
    let headings: Vec<&str> = measures
        .sections
        .iter()
        .map(|s| s.heading.as_str())
        .collect();
    assert_eq!(headings, ["强化法治学习", "持续加强法治宣传"]);
}

/// The 信息公开 index broken over lines (39-shuangpai: - 索 引 号:… 分 类:, -, 发文机关:,
/// 双牌县教育局 发文日期:… - 名称:, the title with - 文号: after it) is page chrome:
/// no addressee from it, no preface lines, the title read without the label.
#[test]
fn an_index_broken_over_lines_is_chrome() {
    let bytes = std::fs::read(dir().join("39-shuangpai-jiaoyu-2024.txt")).expect("fixture");
    let r = import_bytes("39.txt", &bytes, &ImportOptions::default()).expect("imports");
    assert_eq!(r.document.addressee, None);
    assert_eq!(r.document.preface.len(), 1, "{:?}", r.document.preface);
    assert!(r.document.preface[0]
        .text
        .starts_with("2024年,双牌县教育局"));
    assert_eq!(r.issuer, "双牌县教育局");
    assert_eq!(
        title_of(&r).as_deref(),
        Some("中共双牌县教育局党组2024年度法治政府建设年度报告")
    );
}

/// The corpus's reports (tests/fixtures/corpus and set2, with closings,
/// signatures and 附件) lose no text either.
#[test]
fn corpus_reports_lose_no_text() {
    let corpus = dir().join("../corpus");
    let mut files = Vec::new();
    for d in [corpus.clone(), corpus.join("set2")] {
        for e in std::fs::read_dir(&d).expect("corpus") {
            let p = e.expect("entry").path();
            if p.extension().is_some_and(|x| x == "txt") {
                files.push(p);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 60, "{}", files.len());
    let mut wrong = Vec::new();
    for p in files {
        let text = std::fs::read_to_string(&p).expect("corpus file");
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let opts = ImportOptions {
            issuer: Some("某局".to_string()),
            ..ImportOptions::default()
        };
        let r = import_bytes(&name, text.as_bytes(), &opts).expect("imports");
        if let Some(lost) = lost(&text, "", &r) {
            wrong.push(format!("{name}: {lost}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The check covers the closing, the signature and the 附件 (no report
/// above has a closing or 附件): a report with them loses nothing, and a
/// signature, closing or attachment's text left out would show.
#[test]
fn closing_and_attachments_are_checked_too() {
    let text = "某县人民政府关于2019年法治政府建设情况的报告
一、2019年推进法治政府建设的主要举措和成效
全面推行行政审批制度改革。
二、2019年推进法治政府建设存在的不足和原因
法治理念有待增强。
三、党政主要负责人履行推进法治建设第一责任人职责情况
县长亲自主持召开会议。
四、2020年推进法治政府建设的主要安排
深入推进法治政府建设。
特此报告。
附件：1.重点工作完成情况
2.行政复议典型案例
某县人民政府
2020年3月13日
附件1
重点工作完成情况
行政决策合法性审查全覆盖。
附件2
行政复议典型案例
案例一：某公司诉某局。
";
    let r = import_bytes("报告.txt", text.as_bytes(), &ImportOptions::default()).expect("imports");
    assert_eq!(r.document.attachments.len(), 2);
    assert_eq!(lost(text, "", &r), None);
    let mut cut = r.clone();
    cut.document.issuer.clear();
    assert!(lost(text, "", &cut).is_some_and(|l| l.contains('县')));
    // 特此报告。 stays in the last part here; as the closing it counts there.
    let mut closed = r.clone();
    let last = closed.document.parts[3].paragraphs.pop().expect("特此报告");
    assert_eq!(last.text, "特此报告。");
    closed.document.closing.push(last);
    assert_eq!(lost(text, "", &closed), None);
    closed.document.closing.clear();
    assert!(lost(text, "", &closed).is_some_and(|l| l.contains('此')));
    let mut cut = r.clone();
    cut.document.attachments[1].paragraphs.clear();
    assert!(lost(text, "", &cut).is_some_and(|l| l.contains('诉')));
}

/// Held-out batch 5 (47–73): the 信息公开 index as a list (65: - 索 引 号:…, - 标 题:…;
/// 67: • 公开方式:公开), as a table with bracketed labels or none (66: | [ 索引号 ] |…;
/// 68: | 索引号 | … | 发文字号 | |), a breadcrumb with slashes (49) or wrapped onto
/// a line of its own (72: > 政务公开 > …), an elderly-mode bar (72): all set aside,
/// so the title is found above them and the preface is the report's own text.
#[test]
fn index_lists_tables_and_breadcrumbs_are_chrome() {
    for (file, addressee, preface) in [
        (
            "49-yangling-2025.txt",
            Some("区人大常委会"),
            "2025年,在示范区党工委",
        ),
        ("65-baogou-zhen-2025.txt", None, "2025年,鲍沟镇坚持"),
        ("66-shuren-zhen-2025.txt", None, "2025年,树人镇坚持"),
        ("67-wanghe-zhen-2025.txt", None, "2025年,在县委、县政府"),
        (
            "68-damaying-zhen-2025.txt",
            Some("山丹县人民政府"),
            "2025年,大马营镇坚持",
        ),
        (
            "72-duqiao-zhen-2025.txt",
            None,
            "根据《法治政府建设与责任落实督察工作规定》",
        ),
        // Batch 7: the bracketed labels without the table's bars.
        ("82-lizi-xiang-2025.txt", None, "2025年,在县委、县政府"),
    ] {
        let bytes = std::fs::read(dir().join(file)).expect("fixture");
        let r = import_bytes(file, &bytes, &ImportOptions::default()).expect("imports");
        let d = &r.document;
        assert!(title_of(&r).is_some(), "{file}: no title");
        assert_eq!(d.addressee.as_deref(), addressee, "{file}");
        assert!(
            d.preface[0].text.starts_with(preface),
            "{file}: {:?}",
            d.preface
        );
        let chrome = ["索引号", "索 引 号", "首页", "老年模式", "发布机构", "| "];
        assert!(
            d.preface
                .iter()
                .all(|p| !chrome.iter().any(|c| p.text.contains(c))),
            "{file}: {:?}",
            d.preface
        );
    }
}

/// A section numbered 一) (82: its opening bracket lost) is still a section.
#[test]
fn a_section_number_without_its_opening_bracket() {
    let bytes = std::fs::read(dir().join("82-lizi-xiang-2025.txt")).expect("fixture");
    let r = import_bytes("82.txt", &bytes, &ImportOptions::default()).expect("imports");
    let measures = &r.document.parts[0];
    assert_eq!(measures.role, fazhi_core::Role::Measures);
    assert_eq!(measures.sections.len(), 1);
    assert_eq!(
        measures.sections[0].heading,
        "纵深推进学悟笃行习近平法治思想"
    );
}

/// A copy that lost its line breaks ran the addressee into the preface
/// (69: 市人大常委会: 2024年,我市…): the addressee is read, the preface starts
/// after it.
#[test]
fn an_addressee_run_into_the_preface_is_the_addressee() {
    let bytes = std::fs::read(dir().join("69-liupanshui-2024.txt")).expect("fixture");
    let r = import_bytes("69.txt", &bytes, &ImportOptions::default()).expect("imports");
    assert_eq!(r.document.addressee.as_deref(), Some("市人大常委会"));
    assert!(r.document.preface[0]
        .text
        .starts_with("2024年,我市始终坚持"));
    assert_eq!(r.document.parts[0].role, fazhi_core::Role::Measures);
}

/// Issuers of batch 5 named in unseen ways: a news copy's headline (53:
/// 司法部发布2023年…报告), the committee and the government together (55: 巴州党委、
/// 政府坚持…, a guess told), a 区 bureau whose district is written only in the
/// district's documents it implements (62: 区人社局, 《汕头市澄海区…工作要点》),
/// a part headed 主要做法 (55) as the measures.
#[test]
fn issuers_named_in_unseen_ways() {
    let told = |r: &ImportResult| r.uncertain.iter().any(|u| u.message.contains("发文机关"));
    let import = |f: &str| {
        let bytes = std::fs::read(dir().join(f)).expect("fixture");
        import_bytes(f, &bytes, &ImportOptions::default()).expect("imports")
    };
    let r = import("53-sifabu-2023.txt");
    assert_eq!(
        (r.issuer.as_str(), r.issuer_source),
        ("司法部", ValueSource::Inferred)
    );
    let r = import("55-bazhou-2023.txt");
    assert_eq!(r.issuer, "巴州人民政府");
    assert!(told(&r), "{:?}", r.uncertain);
    assert_eq!(r.document.parts[0].role, fazhi_core::Role::Measures);
    assert!(r.document.parts[0].sections[0]
        .heading
        .starts_with("坚持党对法治政府建设的领导"));
    // Batch 7: 我局 only, its whole name opening one sentence (…新成效。盐城市交通
    // 运输局被交通运输部表彰…).
    let r = import("79-yancheng-jiaotong-2021.txt");
    assert_eq!(r.issuer, "盐城市交通运输局");
    assert!(told(&r), "{:?}", r.uncertain);
    let r = import("62-chenghai-renshe-2024.txt");
    assert_eq!(r.issuer, "汕头市澄海区人社局");
    assert!(told(&r), "{:?}", r.uncertain);
}

/// The same file imports alike every time: no choice is left to a HashMap's
/// random order (54-changji's issuer note came and went between runs).
#[test]
fn an_import_is_the_same_every_time() {
    for row in rows() {
        let bytes = std::fs::read(dir().join(&row.file)).expect("fixture");
        let seen = |r: &ImportResult| {
            let notes: Vec<&str> = r.uncertain.iter().map(|u| u.message.as_str()).collect();
            let found: Vec<&str> = r.recognised.iter().map(|x| x.text.as_str()).collect();
            format!("{} {} {notes:?} {found:?}", r.issuer, r.year)
        };
        let first = seen(&import_bytes(&row.file, &bytes, &ImportOptions::default()).unwrap());
        for _ in 0..3 {
            let again = import_bytes(&row.file, &bytes, &ImportOptions::default()).unwrap();
            assert_eq!(seen(&again), first, "{}", row.file);
        }
    }
}

/// A news copy's lead above the report's title (76: 3月27日,生态环境部发布…报告。/
/// 报告文件指出,… / 详情如下:): the title after 如下 is found and the lead is
/// listed as the page's words, not kept as the report's preface.
#[test]
fn a_news_lead_above_the_title_is_not_the_preface() {
    let bytes = std::fs::read(dir().join("76-shengtaihuanjingbu-2024.txt")).expect("fixture");
    let r = import_bytes("76.txt", &bytes, &ImportOptions::default()).expect("imports");
    assert_eq!(
        title_of(&r).as_deref(),
        Some("生态环境部2024年法治政府建设情况的报告")
    );
    assert_eq!(r.issuer, "生态环境部");
    assert_eq!(r.document.preface.len(), 1, "{:?}", r.document.preface);
    assert!(r.document.preface[0]
        .text
        .starts_with("2024年,生态环境部坚持"));
    assert!(r.removed.iter().any(|x| x.text == "详情如下:"));
}

/// Batch 8: a 新区 run by a 管委会 the text names (86: 现将郑东新区…报告如下, 《…郑东新区
/// 管委会2025年度领导干部学法计划》) is the 管委会, told; a title copied as a
/// one-cell table row (87: | 东疆综合保税区2025年度…报告 |) is the title without
/// its bars, its restatement on two lines below is not preface, and the zone's
/// issuer is its 管委会.
#[test]
fn zones_and_a_title_in_a_table_cell() {
    let import = |f: &str| {
        let bytes = std::fs::read(dir().join(f)).expect("fixture");
        import_bytes(f, &bytes, &ImportOptions::default()).expect("imports")
    };
    let r = import("86-zhengdong-2025.txt");
    assert_eq!(r.issuer, "郑东新区管委会");
    assert!(r.uncertain.iter().any(|u| u.message.contains("发文机关")));
    let r = import("87-dongjiang-baoshuiqu-2025.txt");
    assert_eq!(
        title_of(&r).as_deref(),
        Some("东疆综合保税区2025年度法治政府建设情况报告")
    );
    assert_eq!(r.issuer, "东疆综合保税区管委会");
    assert_eq!(r.document.preface.len(), 1, "{:?}", r.document.preface);
}

/// A news copy's dateline and lead (53: 中新网 3月29日电 据司法部网站消息,…。具体报告
/// 如下:) and an aggregator's timestamp row (52: 浙江/台州-2026-01-27 00:00:00) are
/// the pages' words: listed as removed, not kept as preface.
#[test]
fn a_dateline_lead_and_a_timestamp_row_are_not_preface() {
    let import = |f: &str| {
        let bytes = std::fs::read(dir().join(f)).expect("fixture");
        import_bytes(f, &bytes, &ImportOptions::default()).expect("imports")
    };
    let r = import("53-sifabu-2023.txt");
    assert!(r.document.preface.is_empty(), "{:?}", r.document.preface);
    assert!(r
        .removed
        .iter()
        .any(|x| x.text.starts_with("中新网 3月29日电")));
    let r = import("52-gucheng-jiedao-2025.txt");
    assert!(r
        .removed
        .iter()
        .any(|x| x.text == "浙江/台州-2026-01-27 00:00:00"));
}
