//! DOCX files built with docx-rs at test time (no binary fixtures to go stale).
#![allow(dead_code)] // each test file uses a part of this

use std::io::Cursor;

use docx_rs::{
    AbstractNumbering, Comment, Docx, IndentLevel, Level, LevelJc, LevelOverride, LevelText,
    NumberFormat, Numbering, NumberingId, Paragraph, Run, Start, Style, StyleType,
};

pub fn pack(docx: Docx) -> Vec<u8> {
    let mut buf = Cursor::new(Vec::new());
    docx.build().pack(&mut buf).expect("docx-rs packs");
    buf.into_inner()
}

pub fn p(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text))
}

/// A small report with typed numbers, a title, addressee, signature and date.
pub fn report_docx() -> Vec<u8> {
    let lines = [
        "某县人民政府关于2022年法治政府建设情况的报告",
        "某市人民政府：",
        "现将我县2022年法治政府建设情况报告如下：",
        "一、2022年推进法治政府建设的主要举措和成效",
        "（一）健全政府机构职能体系。深化“放管服”改革。",
        "（二）健全依法行政制度体系。加强规范性文件管理。",
        "二、存在的不足和原因",
        "一是法治意识有待增强。部分干部学法不够。",
        "二是执法队伍力量不足。人员结构不合理。",
        "三、党政主要负责人履行推进法治建设第一责任人职责情况",
        "县长带头学法。",
        "四、2023年工作安排",
        "（一）深化行政执法改革。全面推行三项制度。",
        "特此报告。",
        "某县人民政府",
        "2023年3月1日",
        "（此件公开发布）",
    ];
    pack(lines.iter().fold(Docx::new(), |d, l| d.add_paragraph(p(l))))
}

/// A DOCX of about `chars` characters: four parts, sections with run-in headings.
pub fn large_docx(chars: usize) -> Vec<u8> {
    let sentence =
        "全面推进依法行政，深化行政执法体制改革，严格规范公正文明执法，持续优化法治化营商环境。";
    let per_para = sentence.chars().count() * 6;
    let paras = chars / per_para + 1;
    let mut d = Docx::new().add_paragraph(p("某市人民政府关于2022年法治政府建设情况的报告"));
    let heads = [
        "一、2022年推进法治政府建设的主要举措和成效",
        "二、2022年推进法治政府建设存在的不足和原因",
        "三、2022年党政主要负责人履行推进法治建设第一责任人职责，加强法治政府建设的有关情况",
        "四、2023年推进法治政府建设的主要安排",
    ];
    let per_part = paras / 4 + 1;
    for h in heads {
        d = d.add_paragraph(p(h));
        for i in 0..per_part {
            let text = if i % 10 == 0 {
                format!(
                    "（{}）健全依法行政制度体系。{}",
                    fazhi_core::numbering::chinese_numeral(i / 10 + 1),
                    sentence.repeat(6)
                )
            } else {
                sentence.repeat(6)
            };
            d = d.add_paragraph(p(&text));
        }
    }
    pack(d)
}

/// Parts and sections numbered by Word (numbering.xml), not typed.
pub fn auto_numbered_docx() -> Vec<u8> {
    let level = |i: usize, fmt: &str, text: &str| {
        Level::new(
            i,
            Start::new(1),
            NumberFormat::new(fmt),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    let abs = AbstractNumbering::new(5)
        .add_level(level(0, "chineseCounting", "%1、"))
        .add_level(level(1, "chineseCounting", "（%2）"))
        .add_level(level(2, "decimal", "%3."));
    let num =
        |text: &str, lvl: usize| p(text).numbering(NumberingId::new(5), IndentLevel::new(lvl));
    pack(
        Docx::new()
            .add_abstract_numbering(abs)
            .add_numbering(Numbering::new(5, 5))
            .add_paragraph(p("某区人民政府关于2021年法治政府建设情况的报告"))
            .add_paragraph(num("2021年推进法治政府建设的主要举措和成效", 0))
            .add_paragraph(num("健全政府机构职能体系", 1))
            .add_paragraph(num("深化简政放权", 2))
            .add_paragraph(p("取消行政许可事项12项。"))
            .add_paragraph(num("优化营商环境", 2))
            .add_paragraph(num("健全依法行政制度体系", 1))
            .add_paragraph(p("出台规范性文件3件。"))
            .add_paragraph(num("2021年推进法治政府建设存在的不足和原因", 0))
            .add_paragraph(p("基层执法力量薄弱。"))
            .add_paragraph(num("党政主要负责人履行推进法治建设第一责任人职责情况", 0))
            .add_paragraph(p("区长带头学法。"))
            .add_paragraph(num("2022年推进法治政府建设的主要安排", 0))
            .add_paragraph(p("继续深化改革。")),
    )
}

/// Headings marked by heading styles only, no numbers at all.
pub fn heading_styled_docx() -> Vec<u8> {
    let h = |id: &str, text: &str| p(text).style(id);
    pack(
        Docx::new()
            .add_style(Style::new("Heading1", StyleType::Paragraph).name("heading 1"))
            .add_style(Style::new("Heading2", StyleType::Paragraph).name("heading 2"))
            .add_paragraph(p("某县2020年法治政府建设年度报告"))
            .add_paragraph(p("2020年，我县坚持依法行政。"))
            .add_paragraph(h(
                "Heading1",
                "党政主要负责人履行推进法治建设第一责任人职责情况",
            ))
            .add_paragraph(p("县委书记主持专题会议。"))
            .add_paragraph(h("Heading1", "主要措施和成效"))
            .add_paragraph(h("Heading2", "依法全面履行政府职能"))
            .add_paragraph(p("推进放管服改革。"))
            .add_paragraph(h("Heading1", "存在的问题"))
            .add_paragraph(p("执法不够规范。"))
            .add_paragraph(h("Heading1", "下一步工作打算"))
            .add_paragraph(p("加强培训。")),
    )
}

/// A DOCX whose second paragraph carries a reviewer's comment.
pub fn commented_docx() -> Vec<u8> {
    let c = Comment::new(1)
        .author("李审核")
        .date("2020-03-10T09:00:00Z")
        .add_paragraph(p("数字请与统计局核对"));
    pack(
        Docx::new()
            .add_paragraph(p("梅河口市人民政府关于2019年法治政府建设情况的报告"))
            .add_paragraph(p("一、2019年法治政府建设的主要举措和成效"))
            .add_paragraph(
                Paragraph::new()
                    .add_run(Run::new().add_text("录入政务服务事项"))
                    .add_comment_start(c)
                    .add_run(Run::new().add_text("890项"))
                    .add_comment_end(1)
                    .add_run(Run::new().add_text("。")),
            )
            .add_paragraph(p("二、存在的不足和原因"))
            .add_paragraph(p("三、党政主要负责人履行推进法治建设第一责任人职责情况"))
            .add_paragraph(p("四、2020年推进法治政府建设的主要安排")),
    )
}

/// Word lists as offices' files have them: parts in one list; part one's （一）…
/// split over two numbering instances of one abstract list (so they keep
/// counting); part four's sections a restarted instance (w:startOverride), with
/// a sub-list whose instance redefines the level as 1. 2. (w:lvlOverride/w:lvl).
pub fn restarted_numbering_docx() -> Vec<u8> {
    let level = |i: usize, fmt: &str, text: &str| {
        Level::new(
            i,
            Start::new(1),
            NumberFormat::new(fmt),
            LevelText::new(text),
            LevelJc::new("left"),
        )
    };
    let parts = AbstractNumbering::new(5).add_level(level(0, "chineseCounting", "%1、"));
    let sections = AbstractNumbering::new(6).add_level(level(0, "chineseCounting", "（%1）"));
    let num = |text: &str, id: usize| p(text).numbering(NumberingId::new(id), IndentLevel::new(0));
    pack(
        Docx::new()
            .add_abstract_numbering(parts)
            .add_abstract_numbering(sections)
            .add_numbering(Numbering::new(5, 5))
            .add_numbering(Numbering::new(6, 6))
            .add_numbering(Numbering::new(8, 6))
            .add_numbering(Numbering::new(7, 6).add_override(LevelOverride::new(0).start(1)))
            .add_numbering(
                Numbering::new(10, 6).add_override(
                    LevelOverride::new(0)
                        .start(1)
                        .level(level(0, "decimal", "%1.")),
                ),
            )
            .add_paragraph(p("某县人民政府关于2023年法治政府建设情况的报告"))
            .add_paragraph(num("2023年推进法治政府建设的主要举措和成效", 5))
            .add_paragraph(num("健全政府机构职能体系", 6))
            .add_paragraph(p("深化放管服改革。"))
            .add_paragraph(num("健全依法行政制度体系", 6))
            .add_paragraph(p("出台规范性文件3件。"))
            .add_paragraph(num("健全行政决策制度体系", 8))
            .add_paragraph(p("重大决策全部经过合法性审查。"))
            .add_paragraph(num("2023年推进法治政府建设存在的不足和原因", 5))
            .add_paragraph(p("基层执法力量薄弱。"))
            .add_paragraph(num("党政主要负责人履行推进法治建设第一责任人职责情况", 5))
            .add_paragraph(p("县长带头学法。"))
            .add_paragraph(num("2024年推进法治政府建设的主要安排", 5))
            .add_paragraph(num("持续深化改革", 7))
            .add_paragraph(num("推进综合执法", 10))
            .add_paragraph(p("整合执法队伍。"))
            .add_paragraph(num("规范执法程序", 10))
            .add_paragraph(num("加强法治宣传", 7))
            .add_paragraph(p("落实普法责任制。")),
    )
}
