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

/// An 附件: its title and its text, printed on its own pages after the body
/// (GB/T 9704 7.3.7); listed in the 附件说明 under the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Attachment {
    #[serde(default)]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
}

impl Attachment {
    pub fn new(title: impl Into<String>) -> Self {
        Attachment {
            id: crate::ids::new_id(),
            title: title.into(),
            paragraphs: Vec::new(),
        }
    }
}

fn sealed_default() -> bool {
    true
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
    /// 发文机关标志 in the 版头 (e.g. 梅河口市人民政府文件); the issuer when not set.
    /// Joint issuers: one per line.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub issuer_mark: Option<String>,
    /// 份号: 6 Arabic digits (filing profile only).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub copy_number: Option<String>,
    /// 密级和保密期限, e.g. 秘密★1年 (filing profile only).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub secrecy: Option<String>,
    /// 紧急程度: 特急 or 加急 (filing profile only).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub urgency: Option<String>,
    /// Whether the filed copy is sealed (加盖印章): decides where signature and
    /// date stand (GB/T 9704 7.3.5). Sealed when absent.
    #[serde(default = "sealed_default")]
    #[ts(as = "Option<bool>", optional)]
    pub sealed: bool,
    /// 附件, after the closing; each printed on its own pages.
    #[serde(default)]
    #[ts(as = "Option<Vec<Attachment>>", optional)]
    pub attachments: Vec<Attachment>,
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

    /// Every node of the document in reading order: preface paragraphs, then
    /// each part (its heading, its paragraphs, its sections depth first, each
    /// heading before its paragraphs and subsections), then the closing
    /// paragraphs, then each attachment (its title, then its paragraphs). The one walk over the tree: search rows, anchors, the
    /// template check, diffs and counts are built on it.
    pub fn nodes(&self) -> Nodes<'_> {
        Nodes {
            doc: self,
            stage: Stage::Preface(0),
            stack: Vec::new(),
        }
    }

    /// Every paragraph in reading order, with the id of the part/section that holds it
    /// (`None` for preface and closing).
    pub fn paragraphs(&self) -> Vec<(&Paragraph, Option<&str>)> {
        self.nodes()
            .filter_map(|n| match n.item {
                NodeRef::Paragraph(p) => Some((p, n.parent_id)),
                _ => None,
            })
            .collect()
    }

    /// All the text of the report in reading order, headings included, one block
    /// per line. Used for full-text search and character counts.
    pub fn plain_text(&self) -> String {
        let mut out = vec![self.title()];
        if let Some(a) = &self.addressee {
            out.push(a.clone());
        }
        out.extend(self.nodes().map(|n| n.text.to_string()));
        out.join("\n")
    }
}

/// What a [`Node`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NodeKind {
    /// A top-level part; its text is the heading.
    Part,
    /// A (nested) section; its text is the heading.
    Section,
    /// A paragraph of the preface, of a part or section, of the closing or of
    /// an attachment.
    Paragraph,
    /// An 附件; its text is the attachment's title.
    Attachment,
}

/// Where a paragraph stands outside the parts, or that it is inside one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    Preface,
    Body,
    Closing,
    /// An 附件's title and paragraphs.
    Attachment,
}

/// The node itself, for callers that need more than its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeRef<'a> {
    Part(&'a Part),
    Section(&'a Section),
    Paragraph(&'a Paragraph),
    Attachment(&'a Attachment),
}

/// One node of [`Document::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Node<'a> {
    pub id: &'a str,
    pub kind: NodeKind,
    /// The heading (part, section) or the paragraph's text.
    pub text: &'a str,
    /// Heading level counting the part as 1 (section （一） is 2, 1. is 3,
    /// （1） is 4); for a paragraph, the level of the heading it stands under
    /// (0 in the preface and closing).
    pub level: usize,
    /// Position among its siblings of the same kind (parts among parts,
    /// sections among the sections of one parent, paragraphs among the
    /// paragraphs of one holder): `numbering::prefix(level, index)` for headings.
    pub index: usize,
    /// Top-level part holding the node (itself for a part; `None` for preface,
    /// closing and attachments).
    pub part_id: Option<&'a str>,
    /// The part, section or attachment directly holding the node (`None` for
    /// parts, attachments and preface and closing paragraphs).
    pub parent_id: Option<&'a str>,
    pub region: Region,
    pub item: NodeRef<'a>,
}

#[derive(Debug, Clone, Copy)]
enum Stage {
    Preface(usize),
    Parts(usize),
    Closing(usize),
    Attachments(usize),
    Done,
}

/// A container whose children are still being visited.
#[derive(Debug)]
struct Frame<'a> {
    id: &'a str,
    /// `None` inside an attachment.
    part_id: Option<&'a str>,
    region: Region,
    level: usize,
    paragraphs: &'a [Paragraph],
    sections: &'a [Section],
    next_paragraph: usize,
    next_section: usize,
}

/// The iterator of [`Document::nodes`] (depth first, no allocation per node).
#[derive(Debug)]
pub struct Nodes<'a> {
    doc: &'a Document,
    stage: Stage,
    stack: Vec<Frame<'a>>,
}

impl<'a> Iterator for Nodes<'a> {
    type Item = Node<'a>;

    fn next(&mut self) -> Option<Node<'a>> {
        let doc = self.doc;
        let loose = |p: &'a Paragraph, index: usize, region: Region| Node {
            id: &p.id,
            kind: NodeKind::Paragraph,
            text: &p.text,
            level: 0,
            index,
            part_id: None,
            parent_id: None,
            region,
            item: NodeRef::Paragraph(p),
        };
        loop {
            if let Some(top) = self.stack.last_mut() {
                if let Some(p) = top.paragraphs.get(top.next_paragraph) {
                    top.next_paragraph += 1;
                    return Some(Node {
                        id: &p.id,
                        kind: NodeKind::Paragraph,
                        text: &p.text,
                        level: top.level,
                        index: top.next_paragraph - 1,
                        part_id: top.part_id,
                        parent_id: Some(top.id),
                        region: top.region,
                        item: NodeRef::Paragraph(p),
                    });
                }
                if let Some(s) = top.sections.get(top.next_section) {
                    top.next_section += 1;
                    let (index, parent, part_id, level) =
                        (top.next_section - 1, top.id, top.part_id, top.level + 1);
                    self.stack.push(Frame {
                        id: &s.id,
                        part_id,
                        region: Region::Body,
                        level,
                        paragraphs: &s.paragraphs,
                        sections: &s.sections,
                        next_paragraph: 0,
                        next_section: 0,
                    });
                    return Some(Node {
                        id: &s.id,
                        kind: NodeKind::Section,
                        text: &s.heading,
                        level,
                        index,
                        part_id,
                        parent_id: Some(parent),
                        region: Region::Body,
                        item: NodeRef::Section(s),
                    });
                }
                self.stack.pop();
                continue;
            }
            match self.stage {
                Stage::Preface(i) => match doc.preface.get(i) {
                    Some(p) => {
                        self.stage = Stage::Preface(i + 1);
                        return Some(loose(p, i, Region::Preface));
                    }
                    None => self.stage = Stage::Parts(0),
                },
                Stage::Parts(i) => match doc.parts.get(i) {
                    Some(part) => {
                        self.stage = Stage::Parts(i + 1);
                        self.stack.push(Frame {
                            id: &part.id,
                            part_id: Some(&part.id),
                            region: Region::Body,
                            level: 1,
                            paragraphs: &part.paragraphs,
                            sections: &part.sections,
                            next_paragraph: 0,
                            next_section: 0,
                        });
                        return Some(Node {
                            id: &part.id,
                            kind: NodeKind::Part,
                            text: &part.heading,
                            level: 1,
                            index: i,
                            part_id: Some(&part.id),
                            parent_id: None,
                            region: Region::Body,
                            item: NodeRef::Part(part),
                        });
                    }
                    None => self.stage = Stage::Closing(0),
                },
                Stage::Closing(i) => match doc.closing.get(i) {
                    Some(p) => {
                        self.stage = Stage::Closing(i + 1);
                        return Some(loose(p, i, Region::Closing));
                    }
                    None => self.stage = Stage::Attachments(0),
                },
                Stage::Attachments(i) => match doc.attachments.get(i) {
                    Some(a) => {
                        self.stage = Stage::Attachments(i + 1);
                        // Paragraphs of an attachment stand at level 0, like
                        // the preface's: an attachment has no numbered headings.
                        self.stack.push(Frame {
                            id: &a.id,
                            part_id: None,
                            region: Region::Attachment,
                            level: 0,
                            paragraphs: &a.paragraphs,
                            sections: &[],
                            next_paragraph: 0,
                            next_section: 0,
                        });
                        return Some(Node {
                            id: &a.id,
                            kind: NodeKind::Attachment,
                            text: &a.title,
                            level: 0,
                            index: i,
                            part_id: None,
                            parent_id: None,
                            region: Region::Attachment,
                            item: NodeRef::Attachment(a),
                        });
                    }
                    None => self.stage = Stage::Done,
                },
                Stage::Done => return None,
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The template's document with a preface, closing, part paragraphs and
    /// sections nested to the fourth level.
    fn sample() -> Document {
        let mut doc = crate::template::latest("statutory")
            .unwrap()
            .instantiate("梅河口市人民政府", 2019, false)
            .0;
        let mut s4 = Section::new("（1）级");
        s4.paragraphs.push(Paragraph::new("第四级的段落"));
        let mut s3 = Section::new("1.级");
        s3.paragraphs.push(Paragraph::new("第三级的段落"));
        s3.sections.push(s4);
        s3.sections.push(Section::new("（2）级"));
        doc.parts[0].sections[0].sections.push(s3);
        doc.parts[1].paragraphs.push(Paragraph::new("部分下的段落"));
        doc.closing.push(Paragraph::new("特此报告。"));
        doc
    }

    #[test]
    fn nodes_walk_the_whole_tree_in_reading_order() {
        let doc = sample();
        let nodes: Vec<Node> = doc.nodes().collect();
        let ids: std::collections::HashSet<&str> = nodes.iter().map(|n| n.id).collect();
        assert_eq!(ids.len(), nodes.len(), "an id visited twice");
        // Counted by hand: every paragraph, part and section once.
        fn count(s: &Section) -> usize {
            1 + s.paragraphs.len() + s.sections.iter().map(count).sum::<usize>()
        }
        let expected = doc.preface.len()
            + doc.closing.len()
            + doc
                .parts
                .iter()
                .map(|p| 1 + p.paragraphs.len() + p.sections.iter().map(count).sum::<usize>())
                .sum::<usize>();
        assert_eq!(nodes.len(), expected);

        let first = &nodes[0];
        assert_eq!(
            (first.kind, first.region, first.level, first.part_id),
            (NodeKind::Paragraph, Region::Preface, 0, None)
        );
        let last = nodes.last().unwrap();
        assert_eq!((last.text, last.region), ("特此报告。", Region::Closing));

        let find = |text: &str| *nodes.iter().find(|n| n.text == text).unwrap();
        let s3 = find("1.级");
        assert_eq!((s3.kind, s3.level, s3.index), (NodeKind::Section, 3, 0));
        assert_eq!(s3.parent_id, Some(doc.parts[0].sections[0].id.as_str()));
        assert_eq!(s3.part_id, Some(doc.parts[0].id.as_str()));
        let s4b = find("（2）级");
        assert_eq!((s4b.level, s4b.index), (4, 1));
        let p4 = find("第四级的段落");
        assert_eq!((p4.kind, p4.level), (NodeKind::Paragraph, 4));
        let pp = find("部分下的段落");
        assert_eq!(
            (pp.level, pp.parent_id),
            (1, Some(doc.parts[1].id.as_str()))
        );
        let part2 = find(&doc.parts[1].heading);
        assert_eq!(
            (part2.kind, part2.level, part2.index),
            (NodeKind::Part, 1, 1)
        );
        assert!(matches!(part2.item, NodeRef::Part(p) if p.role == Role::Shortcomings));

        // Reading order: a section's heading, its paragraphs, then its subsections.
        let pos = |text: &str| nodes.iter().position(|n| n.text == text).unwrap();
        assert!(pos("1.级") < pos("第三级的段落"));
        assert!(pos("第三级的段落") < pos("（1）级"));
        assert!(pos("（1）级") < pos("第四级的段落"));
        assert!(pos("第四级的段落") < pos("（2）级"));

        // The helpers built on it.
        let paras = doc.paragraphs();
        assert_eq!(
            paras.len(),
            nodes
                .iter()
                .filter(|n| n.kind == NodeKind::Paragraph)
                .count()
        );
        assert!(doc.plain_text().contains("（1）级\n第四级的段落\n（2）级"));
    }

    #[test]
    fn nodes_reach_the_attachments_last() {
        let mut doc = sample();
        let mut a = Attachment::new("2019年法治政府建设重点工作完成情况表");
        a.paragraphs.push(Paragraph::new("附件正文"));
        doc.attachments.push(a);
        doc.attachments.push(Attachment::new("第二个附件"));
        let nodes: Vec<Node> = doc.nodes().collect();
        let n = nodes.len();
        assert_eq!(
            (nodes[n - 3].kind, nodes[n - 3].text, nodes[n - 3].region),
            (
                NodeKind::Attachment,
                "2019年法治政府建设重点工作完成情况表",
                Region::Attachment
            )
        );
        let p = nodes[n - 2];
        assert_eq!(
            (p.kind, p.text, p.region),
            (NodeKind::Paragraph, "附件正文", Region::Attachment)
        );
        assert_eq!(p.parent_id, Some(doc.attachments[0].id.as_str()));
        assert_eq!((p.part_id, p.level), (None, 0));
        assert_eq!(
            (nodes[n - 1].kind, nodes[n - 1].index),
            (NodeKind::Attachment, 1)
        );
        assert!(doc.plain_text().ends_with("附件正文\n第二个附件"));
    }

    #[test]
    fn nodes_of_an_empty_document() {
        let mut doc = sample();
        doc.preface.clear();
        doc.parts.clear();
        doc.closing.clear();
        assert_eq!(doc.nodes().count(), 0);
        assert_eq!(doc.plain_text(), doc.title());
    }
}
