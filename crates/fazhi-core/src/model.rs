//! The report document: what a report holds, as stored (JSON) and sent over IPC.
//!
//! Numbering (一、（一）1.（1）) is never stored: it is derived from position
//! (see [`crate::numbering`]). Every part, section and paragraph carries a stable id
//! so that comments, checks and diffs can anchor to it.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Version of the document JSON layout. Bumped when the shape changes; the store
/// refuses documents written by a newer version.
pub const DOC_SCHEMA_VERSION: u32 = 1;

/// Statutory role of a top-level part (厅字〔2019〕28号 第二十五条).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum Role {
    /// 主要举措和成效
    Measures,
    /// 存在的不足和原因
    Shortcomings,
    /// 党政主要负责人履行第一责任人职责情况
    Leadership,
    /// 下一年度主要安排
    Plans,
    /// 其他需要报告的情况（可选）
    Other,
}

impl Role {
    pub const ALL: [Role; 5] = [
        Role::Measures,
        Role::Shortcomings,
        Role::Leadership,
        Role::Plans,
        Role::Other,
    ];

    /// The statutory item in words, as used in messages.
    pub fn label(self) -> &'static str {
        match self {
            Role::Measures => "主要举措和成效",
            Role::Shortcomings => "存在的不足和原因",
            Role::Leadership => "第一责任人履职情况",
            Role::Plans => "下一年度主要安排",
            Role::Other => "其他需要报告的情况",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Measures => "measures",
            Role::Shortcomings => "shortcomings",
            Role::Leadership => "leadership",
            Role::Plans => "plans",
            Role::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Paragraph {
    #[serde(default)]
    pub id: String,
    pub text: String,
}

/// A numbered section inside a part: （一） at depth 1, 1. at depth 2, （1） at depth 3.
/// Its paragraphs come before its subsections.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Section {
    #[serde(default)]
    pub id: String,
    /// The heading without its number, e.g. 依法全面履行政府职能
    pub heading: String,
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

/// A top-level part (一、二、三、四、五). The heading comes from the template; the
/// role says which statutory item the part is, whatever its wording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Part {
    #[serde(default)]
    pub id: String,
    pub role: Role,
    pub heading: String,
    /// Paragraphs that stand before the part's first section.
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    #[serde(default)]
    pub sections: Vec<Section>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TemplateRef {
    pub id: String,
    pub version: u32,
}

/// How section headings are shown and exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum HeadingStyle {
    /// The heading on its own line.
    #[default]
    Separate,
    /// （一）依法全面履行政府职能。followed by the first paragraph's text.
    RunIn,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DocSettings {
    #[serde(default)]
    pub heading_style: HeadingStyle,
}

/// The whole content of a report. Workflow state (status, timestamps, version)
/// lives beside it in the store, not inside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Document {
    #[serde(default = "default_schema")]
    pub schema_version: u32,
    /// 发文机关, e.g. 梅河口市人民政府
    pub issuer: String,
    /// The year reported on (the 2019 report is written in 2020).
    pub year: i32,
    /// Replaces the derived title when set.
    #[serde(default)]
    pub title_override: Option<String>,
    /// 主送机关
    #[serde(default)]
    pub addressee: Option<String>,
    /// 发文字号, e.g. 梅政发〔2020〕1号
    #[serde(default)]
    pub doc_number: Option<String>,
    /// 签发人
    #[serde(default)]
    pub signer: Option<String>,
    /// 署名; the issuer when not set.
    #[serde(default)]
    pub signature: Option<String>,
    /// 成文日期 as ISO `YYYY-MM-DD`; rendered 2020年3月13日.
    #[serde(default)]
    pub date: Option<String>,
    /// 附注, e.g. 此件公开发布
    #[serde(default)]
    pub note: Option<String>,
    /// 版记: 抄送机关, e.g. 市委办公室，市人大常委会办公室 (filing profile only).
    #[serde(default)]
    pub copy_to: Option<String>,
    /// 版记: 印发机关, e.g. 梅河口市人民政府办公室 (filing profile only).
    #[serde(default)]
    pub printed_by: Option<String>,
    /// 版记: 印发日期 as ISO `YYYY-MM-DD` (filing profile only).
    #[serde(default)]
    pub printed_on: Option<String>,
    pub template: TemplateRef,
    #[serde(default)]
    pub settings: DocSettings,
    #[serde(default)]
    pub preface: Vec<Paragraph>,
    pub parts: Vec<Part>,
    /// Paragraphs after the last part, before the signature.
    #[serde(default)]
    pub closing: Vec<Paragraph>,
}

fn default_schema() -> u32 {
    DOC_SCHEMA_VERSION
}

/// The 版记's lines as printed ([`Document::imprint_text`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImprintText {
    /// `抄送：A，B。`
    pub copy_to: Option<String>,
    pub printed_by: Option<String>,
    /// `2020年3月13日印发`
    pub printed_on: Option<String>,
}

impl Document {
    /// The title: the override when set, else 〈issuer〉关于〈year〉年法治政府建设情况的报告.
    pub fn title(&self) -> String {
        match &self.title_override {
            Some(t) if !t.trim().is_empty() => t.clone(),
            _ => derived_title(&self.issuer, self.year),
        }
    }

    /// The signature line: the explicit one, else the issuer.
    pub fn signature_or_issuer(&self) -> &str {
        match &self.signature {
            Some(s) if !s.trim().is_empty() => s,
            _ => &self.issuer,
        }
    }

    /// The date in official form (2020年3月13日), if it parses.
    pub fn date_official(&self) -> Option<String> {
        self.date.as_deref().and_then(crate::dates::iso_to_official)
    }

    /// The 版记's wording (GB/T 9704 7.4), the same in every export: `抄送：A，B。`,
    /// the 印发机关, and `2020年3月13日印发`. `None` when none of the three is given.
    pub fn imprint_text(&self) -> Option<ImprintText> {
        let given = |o: &Option<String>| {
            o.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let im = ImprintText {
            copy_to: given(&self.copy_to)
                .map(|c| format!("抄送：{}。", c.trim_end_matches(['。', '，', '、', '；']))),
            printed_by: given(&self.printed_by),
            printed_on: self
                .printed_on
                .as_deref()
                .and_then(crate::dates::iso_to_official)
                .map(|d| format!("{d}印发")),
        };
        (im.copy_to.is_some() || im.printed_by.is_some() || im.printed_on.is_some()).then_some(im)
    }

    pub fn part(&self, role: Role) -> Option<&Part> {
        self.parts.iter().find(|p| p.role == role)
    }

    /// Every paragraph in reading order, with the id of the part/section that holds it
    /// (`None` for preface and closing).
    pub fn paragraphs(&self) -> Vec<(&Paragraph, Option<&str>)> {
        fn walk<'a>(s: &'a Section, out: &mut Vec<(&'a Paragraph, Option<&'a str>)>) {
            out.extend(s.paragraphs.iter().map(|p| (p, Some(s.id.as_str()))));
            for c in &s.sections {
                walk(c, out);
            }
        }
        let mut out: Vec<(&Paragraph, Option<&str>)> =
            self.preface.iter().map(|p| (p, None)).collect();
        for part in &self.parts {
            out.extend(part.paragraphs.iter().map(|p| (p, Some(part.id.as_str()))));
            for s in &part.sections {
                walk(s, &mut out);
            }
        }
        out.extend(self.closing.iter().map(|p| (p, None)));
        out
    }

    /// All the text of the report in reading order, headings included, one block
    /// per line. Used for full-text search and character counts.
    pub fn plain_text(&self) -> String {
        fn walk(s: &Section, out: &mut Vec<String>) {
            out.push(s.heading.clone());
            out.extend(s.paragraphs.iter().map(|p| p.text.clone()));
            for c in &s.sections {
                walk(c, out);
            }
        }
        let mut out = vec![self.title()];
        if let Some(a) = &self.addressee {
            out.push(a.clone());
        }
        out.extend(self.preface.iter().map(|p| p.text.clone()));
        for part in &self.parts {
            out.push(part.heading.clone());
            out.extend(part.paragraphs.iter().map(|p| p.text.clone()));
            for s in &part.sections {
                walk(s, &mut out);
            }
        }
        out.extend(self.closing.iter().map(|p| p.text.clone()));
        out.join("\n")
    }
}

pub fn derived_title(issuer: &str, year: i32) -> String {
    format!("{}关于{}年法治政府建设情况的报告", issuer.trim(), year)
}

impl Paragraph {
    pub fn new(text: impl Into<String>) -> Self {
        Paragraph {
            id: crate::ids::new_id(),
            text: text.into(),
        }
    }
}

impl Section {
    pub fn new(heading: impl Into<String>) -> Self {
        Section {
            id: crate::ids::new_id(),
            heading: heading.into(),
            paragraphs: Vec::new(),
            sections: Vec::new(),
        }
    }

    /// Depth of the deepest subsection below this one (0 when it has none).
    pub fn depth_below(&self) -> usize {
        self.sections
            .iter()
            .map(|s| 1 + s.depth_below())
            .max()
            .unwrap_or(0)
    }
}
