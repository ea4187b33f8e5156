//! Structure recognition on small texts: variants seen in real reports, and
//! nothing dropped silently.

use fazhi_core::{validate::validate, Role};
use fazhi_import::{import_bytes, ImportOptions, ImportResult, ValueSource};

fn import(text: &str) -> ImportResult {
    let r = import_bytes("报告.txt", text.as_bytes(), &ImportOptions::default())
        .unwrap_or_else(|e| panic!("{e}"));
    let mut d = r.document.clone();
    if d.issuer.is_empty() {
        d.issuer = "某县人民政府".into();
    }
    validate(&d).unwrap_or_else(|e| panic!("{e}"));
    r
}

fn roles(r: &ImportResult) -> Vec<Role> {
    r.document.parts.iter().map(|p| p.role).collect()
}

const STATUTORY: [Role; 4] = [
    Role::Measures,
    Role::Shortcomings,
    Role::Leadership,
    Role::Plans,
];

#[test]
fn a_part_that_fits_no_item_is_kept_in_the_nearest_part_and_flagged() {
    let r = import(
        "一、2021年主要工作情况\n推进改革。\n二、工作亮点\n创新执法方式。\n三、存在的问题\n力量不足。\n四、第一责任人履职情况\n书记带头。\n五、2022年工作计划\n继续推进。\n",
    );
    assert_eq!(roles(&r), STATUTORY);
    let measures = &r.document.parts[0];
    assert_eq!(measures.sections.len(), 1);
    // Its number is its place now (（一）): the source's 二、 is not kept in
    // the heading, or it prints twice.
    assert_eq!(measures.sections[0].heading, "工作亮点");
    assert_eq!(measures.sections[0].paragraphs[0].text, "创新执法方式。");
    let u = r
        .uncertain
        .iter()
        .find(|u| u.message.contains("工作亮点"))
        .expect("flagged");
    assert_eq!(u.node_id.as_deref(), Some(measures.sections[0].id.as_str()));
}

#[test]
fn a_duplicated_part_is_merged_and_flagged() {
    let r = import("一、主要举措和成效\n甲。\n二、存在的不足\n乙。\n三、又一批措施和成效\n丙。\n四、第一责任人\n丁。\n五、2022年主要安排\n戊。\n");
    assert_eq!(roles(&r), STATUTORY);
    assert_eq!(r.document.parts[0].sections[0].paragraphs[0].text, "丙。");
    assert!(r.uncertain.iter().any(|u| u.message.contains("重复")));
}

#[test]
fn missing_parts_are_added_empty_and_flagged() {
    let r = import("某县人民政府关于2021年法治政府建设情况的报告\n一、2021年推进法治政府建设的主要举措和成效\n推进改革。\n");
    assert_eq!(roles(&r), STATUTORY);
    assert_eq!(
        r.document.parts[3].heading,
        "2022年推进法治政府建设的主要安排"
    );
    assert_eq!(
        r.uncertain
            .iter()
            .filter(|u| u.message.contains("已按模板补上"))
            .count(),
        3
    );
}

/// Source parts that take no statutory item go into the first part, added
/// for want of its heading: its "added blank" note says so instead.
#[test]
fn parts_that_take_no_item_fill_the_first_part_and_its_note_says_so() {
    let r = import(
        "某县人民政府关于2021年法治政府建设情况的报告\n一、加强组织\n甲。\n二、完善机制\n乙。\n",
    );
    assert_eq!(roles(&r), STATUTORY);
    let first = &r.document.parts[0];
    let notes: Vec<&str> = r
        .uncertain
        .iter()
        .filter(|u| u.node_id.as_deref() == Some(first.id.as_str()))
        .map(|u| u.message.as_str())
        .collect();
    assert_eq!(
        notes,
        ["原文没有写明“主要举措和成效”的部分标题，已按模板补上标题，原文的2个部分作为其中的小标题，请核对。"],
        "{:?}",
        r.uncertain
    );
    // The other parts stay blank, and say so.
    assert_eq!(
        r.uncertain
            .iter()
            .filter(|u| u.message.contains("已按模板补上空白部分"))
            .count(),
        3
    );
}

#[test]
fn text_without_part_headings_goes_to_the_first_part() {
    let r = import(
        "某县人民政府关于2021年法治政府建设情况的报告\n今年我县推进依法行政。\n执法更加规范。\n",
    );
    assert_eq!(r.document.parts[0].paragraphs.len(), 2);
    assert!(r.document.preface.is_empty());
    assert!(r.uncertain.iter().any(|u| u.message.contains("没有找到")));
}

#[test]
fn leadership_first_reports_take_that_template() {
    let r = import("一、党政主要负责人履行推进法治建设第一责任人职责情况\n甲。\n二、2023年主要举措和成效\n乙。\n三、存在的不足和原因\n丙。\n四、2024年工作安排\n丁。\n");
    assert_eq!(r.document.template.id, "leadership-first");
    assert_eq!(r.document.parts[0].role, Role::Leadership);
    assert_eq!(r.year, 2023);
}

#[test]
fn parts_in_another_order_follow_the_template_and_say_so() {
    let r = import("一、存在的问题\n甲。\n二、主要措施和成效\n乙。\n三、第一责任人\n丙。\n四、下一步打算\n丁。\n");
    assert_eq!(roles(&r), STATUTORY);
    assert_eq!(r.document.parts[0].paragraphs[0].text, "乙。");
    assert!(r.uncertain.iter().any(|u| u.message.contains("顺序")));
}

#[test]
fn nesting_by_order_of_appearance_and_fifth_level_kept_as_text() {
    let r = import(
        "一、主要举措和成效\n（一）甲\n1.乙\n（1）丙\n①丁。戊。\n（2）己\n2.庚\n（二）辛\n二、存在的不足\n三、第一责任人\n四、主要安排\n",
    );
    let s = &r.document.parts[0].sections;
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].sections.len(), 2, "1. and 2.");
    assert_eq!(s[0].sections[0].sections.len(), 2, "（1） and （2）");
    let deep = &s[0].sections[0].sections[0];
    assert_eq!(deep.heading, "丙");
    assert_eq!(
        deep.paragraphs[0].text, "①丁。戊。",
        "fifth level stays text, verbatim"
    );
    assert!(r.uncertain.iter().any(|u| u.message.contains("第五级")));
}

#[test]
fn level_three_directly_under_a_part_is_level_two() {
    let r = import("一、主要举措和成效\n1.深化改革。正文一。\n2.强化监督。正文二。\n二、不足\n三、第一责任人\n四、安排\n");
    let s = &r.document.parts[0].sections;
    assert_eq!(s.len(), 2);
    assert_eq!(s[1].heading, "强化监督");
}

#[test]
fn numbering_gaps_are_flagged() {
    let r = import("一、主要举措和成效\n（一）甲\n（三）乙\n二、不足\n三、第一责任人\n四、安排\n");
    assert!(
        r.uncertain.iter().any(|u| u.message.contains("编号不连续")),
        "{:?}",
        r.uncertain
    );
}

#[test]
fn joint_report_issuer_and_doc_number_and_signer() {
    let r = import(
        "中共某县委 某县人民政府关于2022年法治政府建设情况的报告\n某政发〔2023〕3号\n签发人：王某\n某市人民政府：\n现将有关情况报告如下：\n一、2022年主要举措和成效\n甲。\n二、不足\n三、第一责任人\n四、2023年安排\n中共某县委\n某县人民政府\n二〇二三年二月二十日\n",
    );
    assert_eq!(r.issuer, "中共某县委 某县人民政府");
    assert_eq!(r.document.doc_number.as_deref(), Some("某政发〔2023〕3号"));
    assert_eq!(r.document.signer.as_deref(), Some("王某"));
    assert_eq!(r.document.addressee.as_deref(), Some("某市人民政府"));
    assert_eq!(r.document.date.as_deref(), Some("2023-02-20"));
    assert_eq!(r.document.signature, None);
    assert_eq!(r.document.preface[0].text, "现将有关情况报告如下：");
}

#[test]
fn year_from_the_plans_heading_and_issuer_from_the_signature() {
    let r = import("一、主要举措和成效\n甲。\n二、不足\n三、第一责任人\n四、2021年工作安排\n丁。\n某区司法局\n2021年1月5日\n");
    assert_eq!(r.year, 2020);
    assert_eq!(r.issuer, "某区司法局");
    assert_eq!(r.issuer_source, ValueSource::Inferred);
}

#[test]
fn missing_issuer_is_reported_not_invented() {
    let r = import("一、2021年主要举措和成效\n甲。\n");
    assert_eq!(r.issuer_source, ValueSource::Missing);
    assert!(r.document.issuer.is_empty());
    assert!(r.uncertain.iter().any(|u| u.message.contains("发文机关")));
}

/// A table in the report's body whose header names 名称 and 文号 keeps its
/// header row: only an index row's labels carry their colon (| 名称: |),
/// a body table's (| 名称 | 文号 |) do not, and it is not website chrome.
#[test]
fn a_body_table_header_naming_documents_is_kept() {
    let header = "| 名称 | 文号 | 发布日期 |";
    let row = "| 某县行政执法公示办法 | 某政发〔2023〕1号 | 2023年3月1日 |";
    let r = import(&format!(
        "关于2023年法治政府建设情况的报告\n一、2023年主要举措和成效\n本年度制定规范性文件如下：\n{header}\n{row}\n二、存在的不足和原因\n力量不足。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n书记带头。\n四、2024年工作打算\n继续推进。\n"
    ));
    assert!(
        !r.removed.iter().any(|x| x.text.contains("名称")),
        "{:?}",
        r.removed
    );
    let kept = format!("{:?}", r.document);
    assert!(kept.contains("发布日期"), "{kept}");
    assert!(kept.contains("某政发〔2023〕1号"), "{kept}");
    // The index rows above a copied article still go (fixture 14's).
    let r = import(
        "| 索引号: | 4300000001/2026-00628 | 分类: | |\n| 名称: | |||\n| 文号 : | |||\n关于2023年法治政府建设情况的报告\n一、2023年主要举措和成效\n推进改革。\n",
    );
    assert_eq!(r.removed.len(), 3, "{:?}", r.removed);
}

/// A 县 bureau's report (我局 only) implementing its superior's documents:
/// the superior named in the titles it cites is not taken as the issuer — the
/// import asks; a title the bureau wrote itself (印发《…》) names it.
#[test]
fn a_superior_named_in_cited_titles_is_not_the_issuer() {
    let body = "一、2022年主要举措和成效\n推进改革。\n二、存在的不足和原因\n力量不足。\n三、党政主要负责人履行推进法治建设第一责任人职责情况\n书记带头。\n四、2023年工作打算\n继续推进。\n";
    let r = import(&format!(
        "现将我局2022年度法治政府建设情况报告如下：我局认真贯彻《江门市交通运输局关于加强行政执法监督的实施意见》，我局严格执行《江门市交通运输局行政处罚裁量权基准》。\n{body}"
    ));
    assert_eq!(r.document.issuer, "", "{:?}", r.uncertain);
    assert_eq!(r.issuer_source, ValueSource::Missing);
    let r = import(&format!(
        "现将我局2022年度法治政府建设情况报告如下：我局高度重视，印发《开平市交通运输局行政执法公示办法》，认真贯彻《江门市交通运输局关于加强行政执法监督的实施意见》。\n{body}"
    ));
    assert_eq!(r.document.issuer, "开平市交通运输局");
    assert_eq!(r.issuer_source, ValueSource::Inferred);
}
