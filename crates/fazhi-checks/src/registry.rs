//! The rule table: every rule the engine knows, with its defaults.

use crate::model::{Category, RuleInfo, Severity};

pub(crate) struct RuleDef {
    pub id: &'static str,
    pub category: Category,
    pub severity: Severity,
    pub description: &'static str,
    pub has_safe_fix: bool,
}

use crate::ids;
use Category as C;
use Severity as S;

const fn r(
    id: &'static str,
    category: Category,
    severity: Severity,
    has_safe_fix: bool,
    description: &'static str,
) -> RuleDef {
    RuleDef {
        id,
        category,
        severity,
        description,
        has_safe_fix,
    }
}

pub(crate) const RULES: &[RuleDef] = &[
    r(ids::STRUCTURE_EMPTY_PART, C::Structure, S::Error, false,
      "法定部分（举措和成效、不足和原因、第一责任人履职、下一年度安排）没有内容"),
    r(ids::STRUCTURE_NO_CAUSES, C::Structure, S::Warning, false,
      "“存在的不足和原因”部分只列问题，没有分析原因"),
    r(ids::STRUCTURE_LEADERSHIP_ACTIONS, C::Structure, S::Warning, false,
      "第一责任人履职部分没有写党政主要负责人本人做了什么"),
    r(ids::NUMBERING_SEQUENCE, C::Numbering, S::Error, false,
      "正文中的序号（一是、二是，（一）（二），1. 2.）重复或跳号"),
    r(ids::NUMBERING_LEVEL, C::Numbering, S::Warning, false,
      "正文中的序号跳级（如“一、”下直接用“1.”），应依次用“一、”“（一）”“1.”“（1）”（GB/T 9704—2012 7.3.3）"),
    r(ids::YEAR_TITLE, C::Year, S::Error, false,
      "标题中的年份与报告年度不一致"),
    r(ids::YEAR_HEADING, C::Year, S::Error, false,
      "部分标题中的年份与报告年度不一致（主要安排应为下一年度）"),
    r(ids::YEAR_BODY, C::Year, S::Error, false,
      "“现将……情况报告如下”中的年份与报告年度不一致"),
    r(ids::YEAR_PLACEHOLDER, C::Year, S::Error, true,
      "模板占位词未替换：上一年度、下一年度、20XX、XX、××"),
    r(ids::YEAR_JINNIAN, C::Year, S::Warning, false,
      "“今年”“明年”“去年”所指年份（按成文日期）与所在部分的年度不符；未填成文日期时，“今年”指代不明，应写明年份"),
    r(ids::PUNCT_HALFWIDTH, C::Punctuation, S::Error, true,
      "中文语境中使用了半角标点 , ; : ( ) ? !（不含小数、“1.”序号、时间、网址）"),
    r(ids::PUNCT_UNBALANCED, C::Punctuation, S::Error, false,
      "括号、引号、书名号不成对"),
    r(ids::PUNCT_NESTED_TITLE, C::Punctuation, S::Error, true,
      "书名号嵌套应为《…〈…〉…》，不应使用 < > 或《《"),
    r(ids::PUNCT_TITLE_DUNHAO, C::Punctuation, S::Warning, false,
      "连续的书名之间不用顿号"),
    r(ids::PUNCT_SPACE, C::Punctuation, S::Warning, true,
      "中文文字之间有多余空格"),
    r(ids::PUNCT_FULLWIDTH_ALNUM, C::Punctuation, S::Error, true,
      "使用了全角数字或全角字母，应使用半角"),
    r(ids::PUNCT_TITLE_END, C::Punctuation, S::Error, true,
      "标题末尾不加标点"),
    r(ids::PUNCT_YEAR_SPAN, C::Punctuation, S::Error, true,
      "年份起止应使用一字线“—”（如2015—2020年），不应丢失或使用“-”“～”"),
    r(ids::PUNCT_NUM_RANGE, C::Punctuation, S::Warning, false,
      "数值范围的起止应使用浪纹线“～”（如3～5个工作日），不用“-”“~”"),
    r(ids::PUNCT_HEADING_END, C::Punctuation, S::Warning, false,
      "同级小标题末尾的标点应一致（都以“。”结尾或都不加）"),
    r(ids::DOCNUM_FORMAT, C::DocNumber, S::Error, true,
      "发文字号应为“机关代字〔四位年份〕序号号”，用六角括号，不加“第”，不编虚位（GB/T 9704—2012 7.2.5）"),
    r(ids::DATE_FORMAT, C::Date, S::Error, true,
      "日期应写作“2020年3月13日”：阿拉伯数字、年份写全、月日不编虚位（GB/T 9704—2012 7.3.5）"),
    r(ids::CITE_OUTLINE, C::Citation, S::Error, true,
      "法治政府建设实施纲要的名称应完整准确，写明起止年份和“年”"),
    r(ids::CITE_RULE_TITLE, C::Citation, S::Error, false,
      "《党政主要负责人履行推进法治建设第一责任人职责规定》《法治政府建设与责任落实督察工作规定》名称应准确"),
    r(ids::GENRE_HUIBAO, C::Genre, S::Error, false,
      "报告应写“报告如下”，不用“汇报”"),
    r(ids::GENRE_QINGSHI, C::Genre, S::Error, false,
      "报告中不得夹带请示事项（请批准、请批示等）"),
    r(ids::SECRET_MARKING, C::Secrecy, S::Error, false,
      "公开前不得含有密级标志或“内部资料”“不得外传”等字样"),
    r(ids::SECRET_ID_NUMBER, C::Secrecy, S::Error, false,
      "公开前不得含有公民身份号码"),
    r(ids::SECRET_MOBILE, C::Secrecy, S::Warning, false,
      "公开前应核实手机号码是否属于个人信息"),
    r(ids::SECRET_TERM, C::Secrecy, S::Warning, false,
      "含有本资料库设定的敏感词"),
    r(ids::FIGURE_INCONSISTENT, C::Figures, S::Warning, false,
      "同一数量在不同位置表述的数字不一致"),
    r(ids::FIGURE_PERCENT, C::Figures, S::Warning, false,
      "百分比超过100%，且不是增长率"),
    r(ids::WORD_TYPO, C::Wording, S::Warning, false,
      "常见错别字（词表可在设置中编辑）"),
    r(ids::WORD_NAME, C::Wording, S::Warning, false,
      "机关名称与本资料库设定的规范名称不一致，或发文机关名称漏写“县”“区”等（如“鲁山人民政府”）"),
    // The curated lexicon (assets/lexicon, 设置 → 词库): one rule per group; each
    // finding takes its entry's level unless the library set the rule's severity.
    r(ids::LEX_TYPO, C::Wording, S::Error, false,
      "错别字（词库）"),
    r(ids::LEX_CONFUSION, C::Wording, S::Warning, false,
      "近义词、同音词混用，如截止/截至、做出/作出、反应/反映（词库）"),
    r(ids::LEX_GRAMMAR, C::Wording, S::Warning, false,
      "语病：重复用字、的地得误用、语义重复、句式杂糅（词库）"),
    r(ids::LEX_STYLE, C::Wording, S::Info, false,
      "公文用语不规范：口语、并列机关之间缺顿号等（词库）"),
    r(ids::LEX_ADDRESS, C::Wording, S::Warning, false,
      "称谓不规范：职务、身份的正式称谓（词库）"),
    r(ids::LEX_LEGAL, C::Wording, S::Warning, false,
      "法治术语不规范，如“法制政府”应为“法治政府”（仍含“法制”的机构、制度名称除外）（词库）"),
    r(ids::CITE_LAW_TITLE, C::Citation, S::Error, false,
      "引用的法律、法规、党内法规名称与现行名称不一致（多字、少字或改字）"),
    r(ids::DATE_WEEKDAY, C::Date, S::Error, false,
      "日期后括注的星期与日期不符"),
    r(ids::NUMBER_ZERO, C::Figures, S::Error, true,
      "汉字数字中的“〇”不应写作阿拉伯数字“0”、字母“O”或“○”“零”（GB/T 15835—2011）"),
    r(ids::NUMBER_MIXED, C::Figures, S::Warning, false,
      "阿拉伯数字与汉字数字混用，如“3万5千”（“万”“亿”以外的单位不与阿拉伯数字连用，GB/T 15835—2011）"),
    r(ids::NUMBER_APPROX, C::Figures, S::Warning, false,
      "确数后不加“余”“多”：“余”只跟在整数（个位为0）后，如“460余场”，不写“464余场”"),
    r(ids::NUMBER_ARTICLE, C::Figures, S::Warning, false,
      "引用法律法规的条文序号用汉字数字，如“第二十三条”，不写“第23条”"),
];

pub(crate) fn def(id: &str) -> Option<&'static RuleDef> {
    RULES.iter().find(|r| r.id == id)
}

/// The definition of a rule that is emitting a finding. A finding of an id
/// missing from [`RULES`] is dropped (it would have no category); under test
/// that fails loudly instead, so a rule written with an unregistered id cannot
/// go unnoticed (see `every_finding_is_of_a_registered_rule`).
pub(crate) fn def_of_emitted(id: &str) -> Option<&'static RuleDef> {
    let d = def(id);
    #[cfg(test)]
    assert!(
        d.is_some(),
        "rule id “{id}” is emitted but not registered in RULES"
    );
    d
}

/// Every rule, in the order the 校对 panel lists them.
pub fn rules() -> Vec<RuleInfo> {
    RULES
        .iter()
        .map(|r| RuleInfo {
            id: r.id.to_string(),
            category: r.category,
            default_severity: r.severity,
            description: r.description.to_string(),
            has_safe_fix: r.has_safe_fix,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_and_described() {
        let mut seen = HashSet::new();
        for r in RULES {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            assert!(!r.description.is_empty());
            assert!(r.id.contains('.'));
        }
        assert!(rules().len() >= 25);
    }
}
