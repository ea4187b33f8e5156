//! [official] / #20: a source's 附件说明 and 附件 pages become the report's
//! attachments, not a paragraph plus a subsection "1.".

use fazhi_import::{import_bytes, ImportOptions};

const REPORT: &str = "梅河口市人民政府关于2019年法治政府建设情况的报告
通化市人民政府：
现将我市2019年法治政府建设情况报告如下：
一、2019年推进法治政府建设的主要举措和成效
（一）依法全面履行政府职能
全面推行行政审批制度改革。
二、2019年推进法治政府建设存在的不足和原因
一是法治理念有待进一步增强。
三、党政主要负责人履行推进法治建设第一责任人职责情况
市委书记亲自主持召开会议。
四、2020年推进法治政府建设的主要安排
深入推进法治政府建设。
附件：1.2019年法治政府建设重点工作完成情况
2.2019年行政复议典型案例
梅河口市人民政府
2020年3月13日
附件1
2019年法治政府建设重点工作完成情况
行政决策合法性审查全覆盖。
执法公示平台运行良好。
附件2
2019年行政复议典型案例
案例一：某公司诉某局。
";

#[test]
fn the_attachment_list_and_pages_become_attachments() {
    let r = import_bytes("report.txt", REPORT.as_bytes(), &ImportOptions::default()).unwrap();
    let d = r.document;
    let titles: Vec<&str> = d.attachments.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "2019年法治政府建设重点工作完成情况",
            "2019年行政复议典型案例"
        ]
    );
    let texts: Vec<&str> = d.attachments[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        texts,
        ["行政决策合法性审查全覆盖。", "执法公示平台运行良好。"]
    );
    assert_eq!(
        d.attachments[1].paragraphs[0].text,
        "案例一：某公司诉某局。"
    );
    // Nothing of them in the last part: no paragraph "附件：…", no subsection "1.".
    let plans = d.parts.last().unwrap();
    assert!(plans.sections.is_empty(), "{:?}", plans.sections);
    assert!(plans
        .paragraphs
        .iter()
        .all(|p| !p.text.contains("附件") && !p.text.contains("典型案例")));
    assert_eq!(d.date.as_deref(), Some("2020-03-13"));
    fazhi_core::validate::validated(d).unwrap();
}

#[test]
fn a_list_without_pages_keeps_the_titles() {
    let src = REPORT.split("附件1\n").next().unwrap();
    let d = import_bytes("report.txt", src.as_bytes(), &ImportOptions::default())
        .unwrap()
        .document;
    assert_eq!(d.attachments.len(), 2);
    assert!(d.attachments.iter().all(|a| a.paragraphs.is_empty()));
    assert!(d.parts.last().unwrap().sections.is_empty());
}
