//! Each rule with the text it must flag and the text it must leave alone (the
//! false alarms reviewers would not forgive: decimals, 1. numbering, times,
//! URLs, counts of items).

use fazhi_core::{template, Document, Paragraph, Role};

use crate::config::{RuleConfig, WordPair};
use crate::model::{Finding, Severity};
use crate::{check, fix};

fn base() -> Document {
    template::latest("statutory")
        .unwrap()
        .instantiate("梅河口市人民政府", 2019, false)
        .0
}

/// A document whose first section holds `text` as its only paragraph.
fn doc_with(text: &str) -> (Document, String) {
    let mut d = base();
    let p = Paragraph::new(text);
    let id = p.id.clone();
    d.parts[0].sections[0].paragraphs.push(p);
    (d, id)
}

fn hits_in(d: &Document, rule: &str) -> Vec<Finding> {
    check(d, &RuleConfig::default())
        .into_iter()
        .filter(|f| f.rule == rule)
        .collect()
}

fn hits(text: &str, rule: &str) -> Vec<Finding> {
    hits_in(&doc_with(text).0, rule)
}

/// The texts of the findings of `rule`.
fn found(text: &str, rule: &str) -> Vec<String> {
    hits(text, rule).into_iter().map(|f| f.text).collect()
}

/// The paragraph after applying every safe fix.
fn fixed(text: &str) -> String {
    let (mut d, id) = doc_with(text);
    fix(&mut d, &RuleConfig::default(), None);
    crate::nodes::find(&d, &id).unwrap().text.to_string()
}

fn none(text: &str, rule: &str) {
    let h = hits(text, rule);
    assert!(h.is_empty(), "{rule} should not flag «{text}»: {h:?}");
}

#[test]
fn halfwidth_punctuation_in_chinese_text() {
    assert_eq!(found("2019年,在省委领导下", "punct.halfwidth"), [","]);
    assert_eq!(found("报告如下:", "punct.halfwidth"), [":"]);
    assert_eq!(found("一是加强;二是规范", "punct.halfwidth"), [";"]);
    assert_eq!(found("是吗?好!", "punct.halfwidth"), ["?", "!"]);
    assert_eq!(found("调委会(党组)成员", "punct.halfwidth"), ["(", ")"]);
    let f = &hits("2019年,在", "punct.halfwidth")[0];
    assert_eq!(f.severity, Severity::Error);
    assert_eq!((f.location.start, f.location.end), (5, 6));
    assert!(f.message.contains("GB/T 15834"));
    assert_eq!(
        fixed("2019年,在省委(党组)领导下:一是;二是?"),
        "2019年，在省委（党组）领导下：一是；二是？"
    );
}

#[test]
fn halfwidth_false_alarms() {
    none(
        "平均办理时限由20.2个工作日缩短到6.9个工作日。",
        "punct.halfwidth",
    );
    assert_eq!(
        found(
            "录入政务服务事项890项,行政许可项目404项。",
            "punct.halfwidth"
        ),
        [","]
    );
    none("1.加强组织领导。2.完善制度。", "punct.halfwidth");
    none("会议于14:30召开，共1,000人参加。", "punct.halfwidth");
    none(
        "详见http://www.meihekou.gov.cn/a.php?id=1,2&b=3!",
        "punct.halfwidth",
    );
    none(
        "The Rule of Law (2019) Report, volume 2; see: p. 3?",
        "punct.halfwidth",
    );
    // Leaves decimals and counts alone through a whole fix.
    let t = "由20.2个工作日缩短到6.9个工作日,录入890项";
    assert_eq!(fixed(t), "由20.2个工作日缩短到6.9个工作日，录入890项");
}

#[test]
fn unbalanced_pairs() {
    assert_eq!(found("制定《法治政府建设规划", "punct.unbalanced"), ["《"]);
    assert_eq!(found("推行“三项制度", "punct.unbalanced"), ["“"]);
    assert_eq!(found("除外）。", "punct.unbalanced"), ["）"]);
    none("《纲要》（2019）“三项制度”〈办法〉", "punct.unbalanced");
    none("（涉及国家秘密的内容除外)", "punct.unbalanced");
}

#[test]
fn nested_titles() {
    let t = "按照《关于贯彻<法治政府建设实施纲要（2015—2020年）的实施意见>》内容";
    let h = hits(t, "punct.nested_title");
    assert_eq!(h.len(), 2);
    assert!(h[0].message.contains("“〉”应紧接其后"), "{}", h[0].message);
    // The marks become 〈〉 and the 〉 moves after the outline's title (cite.outline).
    assert_eq!(
        fixed(t),
        "按照《关于贯彻〈法治政府建设实施纲要（2015—2020年）〉的实施意见》内容"
    );
    assert_eq!(
        fixed("《关于贯彻《立法法》的意见》"),
        "《关于贯彻〈立法法〉的意见》"
    );
    none("《关于贯彻〈立法法〉的意见》", "punct.nested_title");
    let h = hits("学习<立法法>", "punct.nested_title");
    assert_eq!(h.len(), 2);
    assert!(h.iter().all(|f| f.fix.is_none()));
    // Two < inside one title: which pairs with which is unclear, so no fix.
    let h = hits("《关于<甲<乙>的意见》", "punct.nested_title");
    assert!(!h.is_empty() && h.iter().all(|f| f.fix.is_none()));
    none("当x<3时", "punct.nested_title");
}

#[test]
fn dunhao_between_titles_is_a_warning() {
    let h = hits("学习《宪法》、《立法法》", "punct.title_dunhao");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].severity, Severity::Warning);
    assert!(!h[0].fix.as_ref().unwrap().safe);
    none("学习《宪法》《立法法》", "punct.title_dunhao");
    none("学习宪法、立法法", "punct.title_dunhao");
}

#[test]
fn stray_spaces() {
    assert_eq!(found("法治 政府", "punct.space"), [" "]);
    assert_eq!(fixed("法治　政府"), "法治政府");
    none("采用PPP 模式", "punct.space");
    // Joint issuers are written with a space between the organs' names.
    none(
        "中共浚县县委 浚县人民政府关于2024年法治政府建设情况的报告",
        "punct.space",
    );
    none("根据中共中央办公厅 国务院办公厅印发的规定", "punct.space");
    none("市委 市政府", "punct.space");
    assert_eq!(found("县政府 推进依法行政", "punct.space"), [" "]);
    assert_eq!(found("我局 认真落实", "punct.space"), [" "]);
    assert_eq!(found("司法局 局长", "punct.space"), [" "]);
    none("Rule of law", "punct.space");
    let mut d = base();
    d.signer = Some("张  三".into());
    assert!(hits_in(&d, "punct.space").is_empty());
}

#[test]
fn fullwidth_digits_and_letters() {
    assert_eq!(
        found("共１２３项ＡＢ", "punct.fullwidth_alnum"),
        ["１２３", "ＡＢ"]
    );
    assert_eq!(fixed("共１２３项"), "共123项");
    none("共123项AB", "punct.fullwidth_alnum");
}

#[test]
fn title_ends_without_punctuation() {
    let mut d = base();
    d.title_override = Some("梅河口市人民政府关于2019年法治政府建设情况的报告。".into());
    assert_eq!(hits_in(&d, "punct.title_end").len(), 1);
    fix(&mut d, &RuleConfig::default(), Some("punct.title_end"));
    assert_eq!(
        d.title_override.as_deref(),
        Some("梅河口市人民政府关于2019年法治政府建设情况的报告")
    );
}

#[test]
fn year_spans() {
    assert_eq!(found("纲要(20152020年)", "punct.year_span"), ["20152020"]);
    assert_eq!(fixed("纲要（20152020年）"), "纲要（2015—2020年）");
    assert_eq!(fixed("2015-2020年"), "2015—2020年");
    assert_eq!(fixed("2015～2020年"), "2015—2020年");
    assert_eq!(fixed("2015 ~ 2020年"), "2015—2020年");
    assert_eq!(found("2015－2020年", "punct.year_span").len(), 1);
    none("2015—2020年", "punct.year_span");
    none(
        "《法治政府建设实施纲要（2015－2020年）》",
        "punct.year_span",
    );
    none("电话0435-4229999", "punct.year_span");
    none("2020-03-13", "punct.year_span");
    none("共20152个", "punct.year_span");
    none("编号20202015年", "punct.year_span");
    // ～ between years is wrong too (the list), and says why.
    let h = hits("2015～2020年", "punct.year_span");
    assert_eq!(h.len(), 1);
    assert!(h[0].message.contains("不用“～”"), "{}", h[0].message);
    assert!(h[0].message.contains("GB/T 15834—2011 4.13"));
    // A year span is not a numeric range as well.
    none("2015～2020年", "punct.num_range");
    none("2015-2020年", "punct.num_range");
}

#[test]
fn numeric_ranges_take_the_wave_dash() {
    assert_eq!(
        found("办理时限压缩至3-5个工作日", "punct.num_range"),
        ["3-5"]
    );
    let h = hits("办理时限压缩至3~5个工作日", "punct.num_range");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "3～5");
    assert!(!h[0].fix.as_ref().unwrap().safe);
    assert!(h[0].message.contains("GB/T 15834—2011 4.13"));
    assert_eq!(h[0].severity, Severity::Warning);
    assert_eq!(
        hits("覆盖率达到10%-15%以上", "punct.num_range")[0]
            .fix
            .as_ref()
            .unwrap()
            .replacement,
        "10%～15%"
    );
    assert_eq!(found("每人1.5－2.5万元", "punct.num_range"), ["1.5－2.5"]);
    // A span of time takes the 一字线.
    let h = hits("1-3月共受理案件", "punct.num_range");
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "1—3");
    assert!(h[0].message.contains("一字线"));
    // Already right, or not a range.
    none("办理时限压缩至3～5个工作日", "punct.num_range");
    none("1—3月共受理案件", "punct.num_range");
    none("电话0435-4229999", "punct.num_range");
    none("2020-03-13发布", "punct.num_range");
    none("成文于2020-3-13日", "punct.num_range");
    none("型号A3-5型", "punct.num_range");
    none("比分5-3", "punct.num_range");
    none("第5-3号", "punct.num_range");
}

#[test]
fn sibling_headings_end_alike() {
    let mut d = base();
    let n = d.parts[0].sections.len();
    assert!(n >= 3);
    for (i, s) in d.parts[0].sections.iter_mut().enumerate() {
        s.heading = format!("第{i}项工作");
    }
    let h = hits_in(&d, "punct.heading_end");
    assert!(h.is_empty(), "{h:?}");
    // One of many ends with 。: that one is flagged, the suggestion removes it.
    d.parts[0].sections[1].heading.push('。');
    let h = hits_in(&d, "punct.heading_end");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].location.node_id, d.parts[0].sections[1].id);
    assert_eq!(h[0].text, "。");
    assert_eq!(h[0].severity, Severity::Warning);
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "");
    assert!(!h[0].fix.as_ref().unwrap().safe);
    // All but one end with 。: the one without is flagged, the suggestion adds it.
    for s in d.parts[0].sections.iter_mut() {
        if !s.heading.ends_with('。') {
            s.heading.push('。');
        }
    }
    d.parts[0].sections[0].heading = "第0项工作".into();
    let h = hits_in(&d, "punct.heading_end");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].location.node_id, d.parts[0].sections[0].id);
    assert_eq!(h[0].text, "作");
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "作。");
    // Headings of different levels or parts are not siblings.
    let mut d = base();
    d.parts[0].sections.truncate(1);
    d.parts[0].sections[0].heading = "甲。".into();
    d.parts[3].sections.truncate(1);
    d.parts[3].sections[0].heading = "乙".into();
    assert!(hits_in(&d, "punct.heading_end").is_empty());
}

#[test]
fn document_numbers() {
    assert_eq!(fixed("梅政办明电〔20191号"), "梅政办明电〔2019〕1号");
    assert_eq!(fixed("吉政办发〔201939号"), "吉政办发〔2019〕39号");
    assert_eq!(fixed("梅政发(2019)5号"), "梅政发〔2019〕5号");
    assert_eq!(fixed("梅政发[2019]5号"), "梅政发〔2019〕5号");
    assert_eq!(fixed("梅政发【2019】5号"), "梅政发〔2019〕5号");
    assert_eq!(fixed("梅政发〔2019〕第5号"), "梅政发〔2019〕5号");
    assert_eq!(fixed("梅政发〔2019〕05号"), "梅政发〔2019〕5号");
    let h = hits("梅政发〔19〕5号", "docnum.format");
    assert_eq!(h.len(), 1);
    assert!(h[0].fix.is_none() && h[0].message.contains("7.2.5"));
    // Brackets of a wrong number are reported once, as a document number.
    none("梅政发(2019)5号", "punct.halfwidth");
    none("梅政发〔2019〕5号", "docnum.format");
    none("（2019）吉0581民初123号", "docnum.format");
    none("（2019年）共5号楼", "docnum.format");
    let mut d = base();
    d.doc_number = Some("梅政发[2020]1号".into());
    let h = hits_in(&d, "docnum.format");
    assert_eq!(h[0].location.node_id, "meta:doc_number");
    fix(&mut d, &RuleConfig::default(), None);
    assert_eq!(d.doc_number.as_deref(), Some("梅政发〔2020〕1号"));
}

#[test]
fn dates() {
    assert_eq!(fixed("2020年03月13日"), "2020年3月13日");
    assert_eq!(fixed("于2020.3.13印发"), "于2020年3月13日印发");
    assert_eq!(fixed("于2020-03-13印发"), "于2020年3月13日印发");
    assert_eq!(fixed("二〇二〇年三月十三日"), "2020年3月13日");
    assert_eq!(fixed("二〇一九年十二月"), "2019年12月");
    none("2020年3月13日", "date.format");
    none("由20.2个工作日缩短到6.9个工作日", "date.format");
    none("版本1.2.3", "date.format");
    none("见http://a.cn/2020-03-13/x", "date.format");
    none("2020.13.45", "date.format");
    // A year without its 年 (real reports, corpus set2/33 and set2/39).
    assert_eq!(
        fixed("2022全年开展统计执法4次"),
        "2022年全年开展统计执法4次"
    );
    assert_eq!(
        found("开展2023“我们的节日”等系列活动", "date.format").len(),
        1
    );
    none("2022年全年开展统计执法4次", "date.format");
    none("2023年以来，我局累计办理4200余件", "date.format");
    none("累计发放2023份“明白纸”", "date.format");
    // Month-day names of days and events take the 间隔号 (real report, set2/12).
    assert_eq!(
        fixed("利用“4.15”国家安全教育日开展宣传"),
        "利用“4·15”国家安全教育日开展宣传"
    );
    none("利用“4·15”国家安全教育日开展宣传", "date.format");
    none("推出营商环境“4.0”版改革", "date.format");
    none("评分“3.5”分以上", "date.format");
}

#[test]
fn years_in_title_headings_and_preface() {
    // A title's year without 年 (the report's year or the next).
    let mut d = base();
    d.title_override = Some("梅河口市2019法治政府建设年度报告".into());
    let h = hits_in(&d, "date.format");
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "2019年");
    for title in [
        "梅河口市2019年法治政府建设年度报告",
        "梅河口市人民政府关于2019年度法治政府建设情况的报告",
        "梅河口市2019届毕业生就业报告",
        "梅河口市2035远景目标报告",
    ] {
        d.title_override = Some(title.into());
        assert!(hits_in(&d, "date.format").is_empty(), "{title}");
    }
    // A heading's count that happens to equal the year is a count, not a year
    // (its safe fix would have made 化解矛盾纠纷2019年件).
    let mut d = base();
    d.parts[0].sections[0].heading = "化解矛盾纠纷2019件".into();
    assert!(hits_in(&d, "date.format").is_empty());
    d.parts[0].sections[0].heading = "培训执法人员2020人次".into();
    assert!(hits_in(&d, "date.format").is_empty());
    d.parts[0].sections[0].heading = "2020工作安排".into();
    assert_eq!(hits_in(&d, "date.format").len(), 1);
    // In the body four figures before a word may be a count: left alone.
    none("共接待群众2019人次", "date.format");
    none("受理案件2020件", "date.format");
    let mut d = base();
    d.title_override = Some("梅河口市人民政府关于2018年法治政府建设情况的报告".into());
    assert_eq!(hits_in(&d, "year.title").len(), 1);
    d.title_override = Some("某县人民政府关于2019年法治政府建设和2020年工作安排的报告".into());
    assert!(hits_in(&d, "year.title").is_empty());
    d.title_override = None;
    assert!(hits_in(&d, "year.title").is_empty());
    assert!(hits_in(&d, "year.heading").is_empty());
    d.parts[3].heading = "2019年推进法治政府建设的主要安排".into();
    d.parts[0].heading = "2018年推进法治政府建设的主要举措和成效".into();
    let h = hits_in(&d, "year.heading");
    assert_eq!(h.len(), 2);
    assert!(h.iter().any(|f| f.message.contains("应为2020年")));
    d.preface[0].text = "现将我市2018年法治政府建设情况报告如下：".into();
    assert_eq!(hits_in(&d, "year.body").len(), 1);
    d.preface[0].text = "现将我市2019年法治政府建设情况报告如下：".into();
    assert!(hits_in(&d, "year.body").is_empty());
}

#[test]
fn placeholders() {
    let mut d = base();
    d.parts[0].heading = "上一年度推进法治政府建设的主要举措和成效".into();
    d.parts[3].heading = "20XX年推进法治政府建设的主要安排".into();
    assert_eq!(hits_in(&d, "year.placeholder").len(), 2);
    fix(&mut d, &RuleConfig::default(), None);
    assert_eq!(d.parts[0].heading, "2019年推进法治政府建设的主要举措和成效");
    assert_eq!(d.parts[3].heading, "2020年推进法治政府建设的主要安排");
    let h = hits("XX市司法局牵头", "year.placeholder");
    assert_eq!(h.len(), 1);
    assert!(h[0].fix.is_none());
    none("受理案件数比上年度增长10%", "year.placeholder");
    none("XXL型号", "year.placeholder");
}

#[test]
fn jinnian() {
    let h = hits("我市今年机构改革完成后", "year.jinnian");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].severity, Severity::Warning);
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "2019年");
    none("今天召开会议", "year.jinnian");
}

/// A 2019 report dated `date`, with `text` as a paragraph of the part of `role`.
fn dated_with(date: Option<&str>, role: Role, text: &str) -> Document {
    let mut d = base();
    d.date = date.map(str::to_string);
    let part = d.parts.iter_mut().find(|p| p.role == role).unwrap();
    match part.sections.first_mut() {
        Some(s) => s.paragraphs.push(Paragraph::new(text)),
        None => part.paragraphs.push(Paragraph::new(text)),
    }
    d
}

fn relative_years(date: Option<&str>, role: Role, text: &str) -> Vec<(String, String)> {
    hits_in(&dated_with(date, role, text), "year.jinnian")
        .into_iter()
        .map(|f| (f.text, f.message))
        .collect()
}

#[test]
fn jinnian_read_against_the_date_written_the_year_after() {
    // The 2019 report dated 2020: 今年 in the measures is 2020 — the writer meant 2019.
    let h = hits_in(
        &dated_with(
            Some("2020-03-13"),
            Role::Measures,
            "今年以来，我市开展执法检查12次",
        ),
        "year.jinnian",
    );
    assert_eq!(h.len(), 1);
    assert_eq!(
        h[0].message,
        "报告成文于2020年，“今年”指2020年；本部分总结2019年工作，宜写“2019年”或“本年度”。"
    );
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "2019年");
    assert!(!h[0].fix.as_ref().unwrap().safe);
    // The same in the part on shortcomings and in the preface.
    assert_eq!(
        relative_years(
            Some("2020-03-13"),
            Role::Shortcomings,
            "今年执法检查仍有短板"
        )
        .len(),
        1
    );
    // In the plans 今年 is the year planned: right.
    assert!(relative_years(Some("2020-03-13"), Role::Plans, "今年将继续推进执法规范化").is_empty());
    // 明年 in the plans is 2021: the writer meant 今年/2020年.
    assert_eq!(
        relative_years(Some("2020-03-13"), Role::Plans, "明年将继续推进执法规范化"),
        [(
            "明年".to_string(),
            "报告成文于2020年，“明年”指2021年；本部分安排2020年工作，宜写“2020年”或“今年”。"
                .to_string()
        )]
    );
    // 明年 in the measures is 2021 too: as written in December, it meant 2020.
    assert_eq!(
        relative_years(Some("2020-03-13"), Role::Measures, "明年将全面推开"),
        [(
            "明年".to_string(),
            "报告成文于2020年，“明年”指2021年；如指2020年，宜写“2020年”或“今年”。".to_string()
        )]
    );
    // 去年 is 2019, the year reported on.
    assert!(
        relative_years(Some("2020-03-13"), Role::Measures, "去年共办理复议案件12件").is_empty()
    );
    assert!(relative_years(Some("2020-03-13"), Role::Plans, "在去年基础上继续推进").is_empty());
}

#[test]
fn jinnian_read_against_the_date_written_in_december() {
    // The 2019 report dated December 2019 reads the other way.
    assert!(relative_years(
        Some("2019-12-20"),
        Role::Measures,
        "今年以来，我市开展执法检查12次"
    )
    .is_empty());
    assert!(relative_years(Some("2019-12-20"), Role::Measures, "受理案件比去年增长10%").is_empty());
    assert!(relative_years(Some("2019-12-20"), Role::Plans, "明年将继续推进执法规范化").is_empty());
    assert!(relative_years(Some("2019-12-20"), Role::Measures, "明年将全面推开").is_empty());
    assert_eq!(
        relative_years(Some("2019-12-20"), Role::Plans, "今年将继续推进执法规范化"),
        [(
            "今年".to_string(),
            "报告成文于2019年，“今年”指2019年；本部分安排2020年工作，宜写“2020年”或“明年”。"
                .to_string()
        )]
    );
    // 去年 in the plans of a December report is 2018, two years before the plans.
    assert_eq!(
        relative_years(Some("2019-12-20"), Role::Plans, "巩固去年成果").len(),
        1
    );
}

#[test]
fn jinnian_without_a_date_is_as_before() {
    // Without a 成文日期 only 今年 is read, everywhere, as possibly the report year.
    for role in [Role::Measures, Role::Plans] {
        assert_eq!(
            relative_years(None, role, "今年将继续推进，明年全面推开，去年已试点"),
            [(
                "今年".to_string(),
                "报告在2020年成文，“今年”指代不明；如指报告年度，应写“2019年”".to_string()
            )]
        );
    }
    // An unreadable date counts as none.
    assert_eq!(
        relative_years(Some("2020-13-40"), Role::Plans, "今年将继续推进").len(),
        1
    );
}

#[test]
fn jinnian_leaves_longer_words_alone() {
    for date in [None, Some("2020-03-13")] {
        for text in [
            "如今年轻干部占多数",
            "当今年代法治日益重要",
            "比过去年度有所提高",
            "说明年度目标已完成",
            "表明年初的部署见效",
            "声明年度报告已公开",
        ] {
            assert!(
                relative_years(date, Role::Measures, text).is_empty(),
                "{text}"
            );
        }
    }
    // In the title and preface the advice names the report.
    let mut d = base();
    d.date = Some("2020-03-13".into());
    d.preface
        .push(Paragraph::new("今年，我市法治政府建设取得新成效"));
    let h = hits_in(&d, "year.jinnian");
    assert_eq!(h.len(), 1);
    assert!(
        h[0].message.contains("本报告总结2019年工作"),
        "{}",
        h[0].message
    );
}

#[test]
fn issuer_named_without_its_level() {
    // The sample's issuer is 梅河口市人民政府.
    let h = hits("梅河口人民政府坚持依法行政", "word.name");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].text, "梅河口人民政府");
    assert_eq!(
        h[0].message,
        "机关名称不全：本报告发文机关为“梅河口市人民政府”，此处写作“梅河口人民政府”"
    );
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "梅河口市人民政府");
    none("梅河口市人民政府坚持依法行政", "word.name");
    none("梅河口市政府、市人民政府办公室", "word.name");
    // A department: 呼中区教育局 written 呼中教育局.
    let mut d = base();
    d.issuer = "呼中区教育局".into();
    d.preface.push(Paragraph::new(
        "现将呼中教育局2025年法治政府建设情况报告如下：",
    ));
    d.preface.push(Paragraph::new("呼中区教育局坚持依法治教。"));
    let h = hits_in(&d, "word.name");
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0].text, "呼中教育局");
    // The level character is the place's, not one inside the organ's own name
    // (市场, 城乡, 城市, 乡村): 鲁山县市场监督管理局 written 鲁山市场监督管理局.
    for (issuer, short) in [
        ("鲁山县市场监督管理局", "鲁山市场监督管理局"),
        ("鲁山县住房和城乡建设局", "鲁山住房和城乡建设局"),
        ("鲁山县城市管理局", "鲁山城市管理局"),
        ("鲁山县乡村振兴局", "鲁山乡村振兴局"),
    ] {
        let mut d = base();
        d.issuer = issuer.into();
        d.preface
            .push(Paragraph::new(format!("{short}坚持依法行政。")));
        d.preface
            .push(Paragraph::new(format!("{issuer}坚持依法行政。")));
        let h = hits_in(&d, "word.name");
        assert_eq!(h.len(), 1, "{issuer}: {h:?}");
        assert_eq!(h[0].text, short);
    }
    // Joint issuers and one-character place names are left alone.
    for issuer in [
        "中共浚县县委 浚县人民政府",
        "浚县人民政府",
        "县人民政府",
        "",
    ] {
        let mut d = base();
        d.issuer = issuer.into();
        d.preface.push(Paragraph::new(
            "浚人民政府、浚县委、浚县人民政府、中共浚县委",
        ));
        assert!(hits_in(&d, "word.name").is_empty(), "{issuer}");
    }
}

#[test]
fn outline_citations() {
    let h = hits("《法治政府建设实施纲要（2015—2020）》", "cite.outline");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "（2015—2020年）");
    assert_eq!(found("《法治政府建设实施纲要》", "cite.outline").len(), 1);
    assert_eq!(
        found("《法治政府建设实施纲要（2016—2020年）》", "cite.outline").len(),
        1
    );
    none("《法治政府建设实施纲要（2021—2025年）》", "cite.outline");
    none("法治政府建设实施纲要(20152020年)", "cite.outline");
    none("落实法治政府建设实施纲要确定的目标", "cite.outline");
    // A local outline has its own title and period (real reports, corpus/set2).
    none(
        "深入贯彻落实《广东省法治政府建设实施纲要》《广州市法治政府建设实施纲要》的具体要求",
        "cite.outline",
    );
    none(
        "《浙江省法治政府建设实施纲要（2021年—2025年）》",
        "cite.outline",
    );
    none(
        "贯彻《江西省法治政府建设实施纲要（2016—2020年）》",
        "cite.outline",
    );
    assert_eq!(
        found(
            "按照党中央、国务院《法治政府建设实施纲要》要求",
            "cite.outline"
        )
        .len(),
        1
    );
    let h = hits(
        "《关于贯彻〈法治政府建设实施纲要（2015—2020年）的实施意见〉》",
        "cite.outline",
    );
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].text, "的实施意见〉");
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "〉的实施意见");
    // The outer 》 follows at once: the move is unambiguous, so safe.
    assert!(h[0].fix.as_ref().unwrap().safe);
    assert_eq!(
        fixed("省政府《关于贯彻<法治政府建设实施纲要(20152020年)的实施意见>》内容"),
        "省政府《关于贯彻〈法治政府建设实施纲要（2015—2020年）〉的实施意见》内容"
    );
    // More words before the outer 》: only a suggestion, never applied by fix.
    let h = hits(
        "《关于贯彻〈法治政府建设实施纲要（2015—2020年）的实施意见〉的通知》",
        "cite.outline",
    );
    assert_eq!(h.len(), 1);
    assert!(!h[0].fix.as_ref().unwrap().safe);
    assert_eq!(
        fixed("《关于贯彻〈法治政府建设实施纲要（2015—2020年）的实施意见〉的通知》"),
        "《关于贯彻〈法治政府建设实施纲要（2015—2020年）的实施意见〉的通知》"
    );
    none(
        "《关于贯彻〈法治政府建设实施纲要（2015—2020年）〉的实施意见》",
        "cite.outline",
    );
}

#[test]
fn rule_titles() {
    let h = hits(
        "《党政主要负责人履行推进法治政府建设第一责任人职责规定》",
        "cite.rule_title",
    );
    assert_eq!(h.len(), 1);
    assert!(h[0]
        .message
        .contains("《党政主要负责人履行推进法治建设第一责任人职责规定》"));
    assert_eq!(
        found("《法治政府建设与责任落实督查工作规定》", "cite.rule_title").len(),
        1
    );
    none(
        "《党政主要负责人履行推进法治建设第一责任人职责规定》",
        "cite.rule_title",
    );
    none("《法治政府建设与责任落实督察工作规定》", "cite.rule_title");
    none(
        "《关于贯彻〈党政主要负责人履行推进法治建设第一责任人职责规定〉的实施办法》",
        "cite.rule_title",
    );
}

#[test]
fn genre() {
    assert_eq!(found("现将有关情况汇报如下：", "genre.huibao"), ["汇报"]);
    assert_eq!(
        found("现将我市法治政府建设情况向市委汇报。", "genre.huibao"),
        ["汇报"]
    );
    none("重大事项及时向人大常委会汇报。", "genre.huibao");
    none("每年听取法治政府建设工作汇报。", "genre.huibao");
    assert_eq!(found("妥否，请批示。", "genre.qingshi").len(), 1);
    assert_eq!(found("以上意见请批准。", "genre.qingshi").len(), 1);
    none("按程序报请批准后实施。", "genre.qingshi");
}

#[test]
fn secrecy() {
    assert_eq!(found("秘密★1年", "secret.marking").len(), 1);
    assert_eq!(found("本材料为内部资料", "secret.marking"), ["内部资料"]);
    none(
        "涉及国家秘密、商业秘密和个人隐私的内容除外",
        "secret.marking",
    );
    let mut d = base();
    d.preface[0].text = "机密 关于某事项的情况".into();
    assert_eq!(hits_in(&d, "secret.marking").len(), 1);
    assert_eq!(
        found("当事人身份证号110101199003071233", "secret.id_number").len(),
        1
    );
    none("编号110101199003071234", "secret.id_number");
    assert_eq!(found("联系电话13812345678", "secret.mobile").len(), 1);
    none("电话0435-4229999", "secret.mobile");
    none("金额138123456789元", "secret.mobile");
    let mut cfg = RuleConfig::default();
    cfg.sensitive_terms.push("某专项代号".into());
    let (d, _) = doc_with("开展某专项代号行动");
    let h: Vec<_> = check(&d, &cfg)
        .into_iter()
        .filter(|f| f.rule == "secret.term")
        .collect();
    assert_eq!(h.len(), 1);
}

#[test]
fn percentages() {
    assert_eq!(found("覆盖率达到120%", "figure.percent").len(), 1);
    none("收案数同比增长120%", "figure.percent");
    none("覆盖率达到100%", "figure.percent");
    none("完成年度任务的105%", "figure.percent");
}

#[test]
fn same_quantity_two_numbers() {
    let (mut d, _) = doc_with("全年开展法治讲座75场。");
    d.parts[0].sections[1]
        .paragraphs
        .push(Paragraph::new("全年开展法治讲座80场。"));
    let h = hits_in(&d, "figure.inconsistent");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].text, "80场");
    assert!(h[0].message.contains("75场"));
    d.parts[0].sections[1].paragraphs[0].text = "全年开展法治讲座75场。".into();
    assert!(hits_in(&d, "figure.inconsistent").is_empty());
    d.parts[0].sections[0].paragraphs[0].text = "2018年开展法治讲座60场。".into();
    d.parts[0].sections[1].paragraphs[0].text = "2019年开展法治讲座75场。".into();
    assert!(hits_in(&d, "figure.inconsistent").is_empty());
    none("审批时限由20个工作日缩短到6个工作日", "figure.inconsistent");
    // The label (its last six characters) is the same, the bodies differ
    // (a real report, corpus 43-wushan-sifaju-2024).
    let (mut d, _) = doc_with("完成县政府规范性文件备案6件。");
    d.parts[0].sections[1]
        .paragraphs
        .push(Paragraph::new("县政府部门规范性文件备案2件。"));
    assert!(hits_in(&d, "figure.inconsistent").is_empty());
    // A counting word before the label does not make another figure.
    let (mut d, _) = doc_with("全年共开展法治讲座75场。");
    d.parts[0].sections[1]
        .paragraphs
        .push(Paragraph::new("全年开展法治讲座80场。"));
    assert_eq!(hits_in(&d, "figure.inconsistent").len(), 1);
}

#[test]
fn word_lists() {
    // The built-in misspellings are the lexicon's (lex.*); word.typo holds a
    // library's own pairs.
    assert_eq!(found("统一布署", "lex.typo"), ["布署"]);
    none("统一布署", "word.typo");
    let mut cfg = RuleConfig::default();
    cfg.typos.push(WordPair::new("某错字", "某正字"));
    let (d, _) = doc_with("出现某错字");
    assert!(check(&d, &cfg).iter().any(|f| f.rule == "word.typo"));
    let mut cfg = RuleConfig::default();
    cfg.names.push(WordPair::new("市法制办", "市司法局"));
    let (d, _) = doc_with("由市法制办牵头");
    let h: Vec<_> = check(&d, &cfg)
        .into_iter()
        .filter(|f| f.rule == "word.name")
        .collect();
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "市司法局");
}

#[test]
fn structure() {
    let mut d = base();
    let h = hits_in(&d, "structure.empty_part");
    assert_eq!(h.len(), 4, "a fresh report has four empty statutory parts");
    for p in &mut d.parts {
        p.paragraphs = vec![Paragraph::new("我市高度重视。")];
        p.sections.clear();
    }
    assert!(hits_in(&d, "structure.empty_part").is_empty());
    assert_eq!(hits_in(&d, "structure.no_causes").len(), 1);
    assert_eq!(hits_in(&d, "structure.leadership_actions").len(), 1);
    let i = d
        .parts
        .iter()
        .position(|p| p.role == Role::Shortcomings)
        .unwrap();
    d.parts[i].paragraphs[0].text = "究其原因，一是思想认识不到位。".into();
    let j = d
        .parts
        .iter()
        .position(|p| p.role == Role::Leadership)
        .unwrap();
    d.parts[j].paragraphs[0].text = "市委书记亲自主持召开专题会议。".into();
    assert!(hits_in(&d, "structure.no_causes").is_empty());
    assert!(hits_in(&d, "structure.leadership_actions").is_empty());
}

#[test]
fn list_numbering() {
    assert_eq!(
        found("一是加强。二是规范。二是完善。", "numbering.sequence"),
        ["二是"]
    );
    assert_eq!(
        found("一是加强。三是完善。", "numbering.sequence"),
        ["三是"]
    );
    none("一是加强；二是规范；三是完善。", "numbering.sequence");
    none("统一是关键，二是……", "numbering.sequence");
    let mut d = base();
    let p = &mut d.parts[1];
    p.paragraphs = vec![
        Paragraph::new("（一）认识不到位。"),
        Paragraph::new("（三）机制不健全。"),
    ];
    let h = hits_in(&d, "numbering.sequence");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].text, "（三）");
    d.parts[1].paragraphs = vec![Paragraph::new("1.认识不到位。")];
    let h = hits_in(&d, "numbering.level");
    assert_eq!(h.len(), 1, "1. directly under 二、 skips （一）");
    d.parts[1].paragraphs = vec![Paragraph::new("一、认识不到位。")];
    assert_eq!(hits_in(&d, "numbering.level").len(), 1);
    d.parts[1].paragraphs = vec![
        Paragraph::new("（一）认识不到位。"),
        Paragraph::new("1.个别部门认识不到位。"),
        Paragraph::new("2.个别干部认识不到位。"),
        Paragraph::new("（二）机制不健全。"),
    ];
    assert!(hits_in(&d, "numbering.level").is_empty());
    assert!(hits_in(&d, "numbering.sequence").is_empty());
}

#[test]
fn configuration_turns_rules_off_and_changes_severity() {
    let (d, _) = doc_with("2019年,在");
    let mut cfg = RuleConfig::default();
    cfg.set_severity("punct.halfwidth", Severity::Info).unwrap();
    let h: Vec<_> = check(&d, &cfg)
        .into_iter()
        .filter(|f| f.rule == "punct.halfwidth")
        .collect();
    assert_eq!(h[0].severity, Severity::Info);
    cfg.set_enabled("punct.halfwidth", false).unwrap();
    assert!(check(&d, &cfg).iter().all(|f| f.rule != "punct.halfwidth"));
    let mut d2 = d.clone();
    assert!(fix(&mut d2, &cfg, None)
        .iter()
        .all(|a| a.rule != "punct.halfwidth"));
}

#[test]
fn fix_of_one_rule_only() {
    let (mut d, id) = doc_with("2019年,在(2015-2020年)");
    let applied = fix(&mut d, &RuleConfig::default(), Some("punct.year_span"));
    assert_eq!(applied.len(), 1);
    assert_eq!(applied[0].before, "2015-2020");
    assert_eq!(applied[0].after, "2015—2020");
    assert_eq!(
        crate::nodes::find(&d, &id).unwrap().text,
        "2019年,在(2015—2020年)"
    );
}

#[test]
fn findings_carry_char_offsets_and_the_text() {
    let (d, id) = doc_with("法治,政府");
    let f = &hits_in(&d, "punct.halfwidth")[0];
    assert_eq!(f.location.node_id, id);
    assert_eq!((f.location.start, f.location.end), (2, 3));
    assert_eq!(f.text, ",");
    let json = serde_json::to_value(f).unwrap();
    assert_eq!(json["severity"], "error");
    assert_eq!(json["category"], "标点");
    assert_eq!(json["rule"], "punct.halfwidth");
}

#[test]
fn check_paragraph_matches_the_full_check_for_that_node() {
    let (d, id) = doc_with("2019年,在省委领导下(党组)今年20152020年");
    let cfg = RuleConfig::default();
    let one = crate::check_paragraph(&d, &id, &cfg);
    let all: Vec<_> = check(&d, &cfg)
        .into_iter()
        .filter(|f| f.location.node_id == id)
        .collect();
    assert_eq!(one, all);
    assert!(one.len() >= 4);
    assert!(crate::check_paragraph(&d, "nope", &cfg).is_empty());
}

/// Every rule run over the sample report and over crafted texts that set each
/// one off: every finding names a registered rule (an unregistered id also
/// fails the emission itself, see `registry::def_of_emitted`), and every
/// registered rule was heard from, so that the inputs reach all of them.
#[test]
fn every_finding_is_of_a_registered_rule() {
    use std::collections::BTreeSet;

    let registered: BTreeSet<String> = crate::rules().into_iter().map(|r| r.id).collect();
    let mut cfg = RuleConfig::default();
    cfg.sensitive_terms.push("某专项代号".into());
    cfg.names.push(WordPair::new("市法制办", "市司法局"));
    cfg.typos.push(WordPair::new("某错字", "某正字"));

    let sample = include_str!("../../../../assets/samples/meihekou-2019-web.txt");
    let mut docs = vec![crate::testing::document_from_text(
        sample,
        "梅河口市人民政府",
        2019,
    )];
    for text in [
        "2019年,在省委(党组)领导下:一是;二是?",
        "制定《法治政府建设规划",
        "按照《关于贯彻<法治政府建设实施纲要（2015—2020年）的实施意见>》内容",
        "学习《宪法》、《立法法》",
        "法治 政府",
        "共１２３项ＡＢ",
        "纲要(20152020年)，2015～2020年",
        "办理时限压缩至3-5个工作日",
        "梅政发〔2019〕第05号",
        "于2020.3.13印发，2020年03月13日，二〇二〇年三月十三日",
        "XX市司法局牵头，上一年度推进法治政府建设",
        "我市今年机构改革完成后",
        "《法治政府建设实施纲要（2015—2020）》",
        "《党政主要负责人履行推进法治政府建设第一责任人职责规定》",
        "现将有关情况汇报如下：妥否，请批示。",
        "本材料为内部资料，当事人身份证号110101199003071233，联系电话13812345678",
        "开展某专项代号行动，由市法制办牵头，统一布署",
        "覆盖率达到120%",
        "一是加强。三是完善。",
        "某错字。2023年3月1日（星期二）召开会议，二0二三年，罚款3万5千元。",
        "积极的推进依法行政，截止目前已办结，抄报市司法局，推进法制政府建设。",
        "严格执行《重大行政决策程序条例》，依法做出处罚决定，县人大主任带队。",
        "开展464余场次，依据第23条处理。",
    ] {
        docs.push(doc_with(text).0);
    }
    // Rules that look at the document's shape rather than one text.
    let mut d = base();
    d.title_override = Some("梅河口市人民政府关于2018年法治政府建设情况的报告。".into());
    d.parts[0].heading = "2018年推进法治政府建设的主要举措和成效".into();
    d.preface[0].text = "现将我市2018年法治政府建设情况报告如下：".into();
    d.parts[0].sections[1].heading.push('。');
    d.parts[1].paragraphs = vec![Paragraph::new("1.认识不到位。")];
    d.parts[2]
        .paragraphs
        .push(Paragraph::new("全年开展法治讲座75场。"));
    d.parts[3]
        .paragraphs
        .push(Paragraph::new("全年开展法治讲座80场。"));
    docs.push(d);
    let mut d = base();
    for p in &mut d.parts {
        p.paragraphs = vec![Paragraph::new("我市高度重视。")];
        p.sections.clear();
    }
    docs.push(d);

    let mut heard = BTreeSet::new();
    for d in &docs {
        for f in check(d, &cfg) {
            assert!(registered.contains(&f.rule), "unregistered rule {}", f.rule);
            heard.insert(f.rule);
        }
        let mut fixed = d.clone();
        for a in fix(&mut fixed, &cfg, None) {
            assert!(registered.contains(&a.rule), "unregistered rule {}", a.rule);
        }
    }
    let silent: Vec<_> = registered.difference(&heard).collect();
    assert!(silent.is_empty(), "no input sets off {silent:?}");
}

#[test]
fn weekdays_must_match_their_dates() {
    assert_eq!(
        found("定于2023年3月1日（星期二）召开", "date.weekday"),
        ["星期二"]
    );
    let h = hits("定于2023年3月1日（星期二）召开", "date.weekday");
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "星期三");
    none("定于2023年3月1日（星期三）召开", "date.weekday");
    none("2024年2月29日(周四)完成", "date.weekday");
    // Without its year: the year named before it in the paragraph.
    assert_eq!(
        found("2023年3月1日召开会议，3月5日（星期六）复会", "date.weekday"),
        ["星期六"]
    );
    none("2023年3月1日召开会议，3月5日（星期日）复会", "date.weekday");
    none("3月5日（星期六）复会", "date.weekday");
}

#[test]
fn numbers_per_gb_t_15835() {
    assert_eq!(found("二0二三年是开局之年", "number.zero"), ["二0二三"]);
    assert_eq!(fixed("二0二三年是开局之年"), "二〇二三年是开局之年");
    assert_eq!(found("二零二三年", "number.zero"), ["二零二三"]);
    none("二〇二三年，2020年，O2O年", "number.zero");
    let h = hits("罚款3万5千元", "number.mixed");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "3.5万");
    assert_eq!(found("培训2千余人", "number.mixed"), ["2千"]);
    none(
        "罚款1.5万元，绿道12.5千米，装机2.4千瓦，3亿4500万元",
        "number.mixed",
    );
    assert_eq!(found("开展464余场次", "number.approx"), ["464余"]);
    // The example in the message is a round number: 460余, and 10余 for one digit (not 0余).
    let msg = |text: &str| {
        hits(text, "number.approx")
            .into_iter()
            .map(|f| f.message)
            .next()
            .unwrap_or_default()
    };
    assert!(
        msg("开展464余场次").contains("如“460余”"),
        "{}",
        msg("开展464余场次")
    );
    assert!(
        msg("培训4余人").contains("如“10余”"),
        "{}",
        msg("培训4余人")
    );
    none("开展460余场次，1.5万余元，10多人", "number.approx");
    let h = hits("依据第23条处理", "number.article");
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "第二十三条");
    none("依据第二十三条处理", "number.article");
}

#[test]
fn law_titles_close_to_a_listed_one() {
    let h = hits("严格执行《重大行政决策程序条例》", "cite.law_title");
    assert_eq!(h.len(), 1);
    assert_eq!(
        h[0].fix.as_ref().unwrap().replacement,
        "重大行政决策程序暂行条例"
    );
    // The regulation's title has no 中华人民共和国: the right title is given whole.
    let h = hits(
        "贯彻《中华人民共和国优化营商环境管理条例》",
        "cite.law_title",
    );
    assert_eq!(h[0].fix.as_ref().unwrap().replacement, "优化营商环境条例");
    assert_eq!(
        found("落实《优化营商环境管理条例》", "cite.law_title"),
        ["优化营商环境管理条例"]
    );
    none(
        "学习《行政复议法》《中华人民共和国行政复议法》《民法典》",
        "cite.law_title",
    );
    none(
        "贯彻《吉林省优化营商环境条例》《关于进一步加强行政执法工作的通知》",
        "cite.law_title",
    );
}

/// 附件 are part of the report ([official]): their title and paragraphs are
/// proofread, located by a reviewer's words and fixed like the body.
#[test]
fn attachments_are_checked_located_and_fixed() {
    let mut d = base();
    let mut a = fazhi_core::model::Attachment::new("2019年度重点任务完成情况");
    let p = Paragraph::new("全年办结行政复议案件12件,纠错率下降。");
    let pid = p.id.clone();
    a.paragraphs.push(p);
    d.attachments.push(a);
    let h = hits_in(&d, "punct.halfwidth");
    assert_eq!(h.len(), 1, "{h:?}");
    assert_eq!(h[0].location.node_id, pid);
    assert_eq!(
        crate::nodes::node_label(&d, &pid).as_deref(),
        Some("附件1第1段")
    );
    fix(&mut d, &RuleConfig::default(), None);
    assert_eq!(
        d.attachments[0].paragraphs[0].text,
        "全年办结行政复议案件12件，纠错率下降。"
    );
}

/// The rare patterns run only when the text holds a literal each of their
/// matches contains (patterns/mod.rs `has`, `digit_run`); every alternative
/// of those patterns must still be found.
#[test]
fn guarded_patterns_still_see_every_alternative() {
    for t in ["机密★", "内部资料", "不得外传", "内部文件"] {
        assert_eq!(found(t, "secret.marking"), vec![t.to_string()], "{t}");
    }
    // Full-width digits are `\d` too: the digit-run guard counts them.
    assert_eq!(
        found("联系电话13８１２３４５６７８", "secret.mobile").len(),
        1
    );
    for t in [
        "定于2023年3月1日（周二）召开",
        "定于2023年3月1日（礼拜二）召开",
        "2023年工作中，3月1日（星期二）召开",
    ] {
        assert!(!found(t, "date.weekday").is_empty(), "{t}");
    }
    for t in ["20xx年", "20ｘｘ年", "20××年", "20ＸＸ年"] {
        assert!(!found(t, "year.placeholder").is_empty(), "{t}");
    }
    assert!(!found("由××负责", "year.placeholder").is_empty());
    assert!(!found("现将有关情况汇报", "genre.huibao").is_empty());
    assert!(!found("汇报如下：", "genre.huibao").is_empty());
    // LEADING_SECRET after leading spaces, and alone.
    for t in ["\u{3000}\u{3000}绝密 关于某事项的情况", " 秘密"] {
        let mut d = base();
        d.preface[0].text = t.into();
        assert_eq!(hits_in(&d, "secret.marking").len(), 1, "{t}");
    }
    for t in ["妥否，请予以批准。", "以上请审批。", "妥否，请核准。"] {
        assert!(!found(t, "genre.qingshi").is_empty(), "{t}");
    }
}

/// The patterns that run only where one of their findings is possible (a condition
/// every finding needs, read off the rule's code): each kind of finding is still made.
#[test]
fn patterns_skipped_without_a_possible_finding_still_find_every_kind() {
    for t in [
        "《纲要（20152020年）》",
        "2015-2020年",
        "2015 ～ 2020年",
        "2015－2020",
    ] {
        assert_eq!(found(t, "punct.year_span").len(), 1, "{t}");
    }
    for t in [
        "2020年03月05日",
        "2020年3月05日",
        "2020年03月",
        "2020.3.5召开",
        "于2020/03/05召开",
        "开展“4.15”全民国家安全教育日活动",
        "“12．4”国家宪法日",
        // One item of a list whose name follows the list.
        "结合“3·15”、“6.26”、“12·4”等普法节日",
        "结合“3·15”“6.26”“12·4”等重要节点开展宣传",
        "2022全年",
        "开展2023“我们的节日”活动",
        "20２２以来",
        "二○一九年",
        "二0二0年",
    ] {
        assert_eq!(
            found(t, "date.format").len() + found(t, "number.zero").len(),
            1,
            "{t}"
        );
    }
    for t in [
        "2020年3月5日",
        "2020年以来",
        "“4.15”",
        "二〇一九年",
        "“1.5”倍",
        // A list of figures, not of days.
        "增速分别为“1.5”、“2.3”，高于全省",
        "版本号为“3.2”、“4.1”。",
    ] {
        assert!(found(t, "date.format").is_empty(), "{t}");
        assert!(found(t, "number.zero").is_empty(), "{t}");
    }
    let mut d = base();
    d.title_override = Some("梅河口市人民政府关于2018年法治政府建设情况的报告".into());
    d.preface[0].text = "现将我市2018年法治政府建设情况报告如下：".into();
    assert_eq!(hits_in(&d, "year.title").len(), 1);
    assert_eq!(hits_in(&d, "year.body").len(), 1);
    d.title_override = Some("梅河口市人民政府关于2019年法治政府建设情况的报告".into());
    d.preface[0].text = "现将我市2019年法治政府建设情况报告如下：".into();
    assert!(hits_in(&d, "year.title").is_empty());
    assert!(hits_in(&d, "year.body").is_empty());
}

/// A paragraph that is one long list of quoted month-days without a comma: each
/// item looked for its list's name to the paragraph's end (20,000 items took
/// 216 s in a debug build); now a short window.
#[test]
fn a_long_list_of_quoted_month_days_is_checked_in_linear_time() {
    let text = "“3.15”、".repeat(16_000) + "等节日";
    let t = std::time::Instant::now();
    let h = hits(&text, "date.format");
    let took = t.elapsed();
    // About 1 s now, before over a minute: a bound loose enough for a loaded machine.
    assert!(took.as_secs() < 10, "{took:?}");
    // The last items still see the list's name.
    assert!(h.len() >= 10, "{}", h.len());
}

/// A paragraph of many spaces: each looked back and forth through the whole
/// paragraph for the quote marks around it (40,000 spaces took 22 s in a debug
/// build); the quoted-title exception still holds.
#[test]
fn a_paragraph_of_many_spaces_is_checked_in_linear_time() {
    let text = "的的 的的的 ".repeat(40_000);
    let t = std::time::Instant::now();
    let h = hits(&text, "punct.space");
    let took = t.elapsed();
    // About 1 s alone, before about a minute: a bound loose enough for a loaded machine.
    assert!(took.as_secs() < 10, "{took:?}");
    assert_eq!(h.len(), 79_999);
    none("“学习贯彻安全生产法 牢固树立安全发展理念”", "punct.space");
    assert_eq!(hits("学习贯彻 安全生产法“法治”", "punct.space").len(), 1);
}
