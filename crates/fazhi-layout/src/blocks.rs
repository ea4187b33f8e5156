//! The report as a flat sequence of blocks for one profile: what is shown, in order,
//! worded, numbered and punctuated once. Every output renders this list.
//!
//! 报送版 (filing): 版头 (份号, 密级, 紧急程度, 发文机关标志, 发文字号 and 签发人, the red
//! rule), title, 主送, body, 附件说明, 署名/成文日期 (sealed or not), 附注, the 附件 pages,
//! 版记. 公开版 (publication): title, 主送, body, signature and date only.

use fazhi_core::model::{HeadingStyle, ImprintText};
use fazhi_core::numbering::prefix;
use fazhi_core::{Document, Paragraph, Section};
use serde::Serialize;

use crate::geometry::{mark_size_pt, BLOCK_WIDTH_MM, MARK_LEADING, MM_PER_PT};
use crate::signature::{signature_place, SignaturePlace};
use crate::table::{table_block, TableBlock};
use crate::title::title_lines;
use crate::width::em_width;
use crate::Profile;

/// A heading set in the paragraph it opens (（一）依法全面履行政府职能。…).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunIn<'a> {
    pub level: usize,
    /// Number and heading, with a full stop added when the heading has none.
    pub text: String,
    /// Where the heading's own text starts inside `text` (after the number).
    pub heading_offset: usize,
    /// What the layout adds after the heading as written ("。", or "" when the heading
    /// ends in its own stop): the editor shows it after the heading it cannot edit.
    pub stop: String,
    pub node_id: &'a str,
}

/// The 发文机关标志: one line per issuer (joint issuers stacked, the lead one first).
/// A joint mark with 文件 prints it once, right of the names and centred on them
/// (GB/T 9704 7.2.4), the names spread to one width.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssuerMark {
    pub lines: Vec<String>,
    /// 36 pt, shrunk so that the whole mark (names, and 文件 beside them) fits the block.
    pub size_pt: f64,
    /// A joint mark's 文件, printed once beside the stacked names.
    pub suffix: Option<String>,
    /// The names' column, in em of the mark: the widest name.
    pub names_em: f64,
}

/// Between a joint mark's names and its 文件, in em of the mark.
pub const MARK_SUFFIX_GAP_EM: f64 = 1.0;

impl IssuerMark {
    fn em_mm(&self) -> f64 {
        self.size_pt * MM_PER_PT
    }

    /// The mark's width in em: the names' column, and the gap and 文件 of a joint mark.
    pub fn width_em(&self) -> f64 {
        self.names_em
            + self
                .suffix
                .as_deref()
                .map_or(0.0, |s| MARK_SUFFIX_GAP_EM + em_width(s))
    }

    /// Where the names' column starts, in mm from the block's left edge (the mark is
    /// centred on the block).
    pub fn names_left_mm(&self) -> f64 {
        (BLOCK_WIDTH_MM - self.width_em() * self.em_mm()) / 2.0
    }

    /// Where a joint mark's 文件 starts, in mm from the block's left edge.
    pub fn suffix_left_mm(&self) -> Option<f64> {
        self.suffix
            .as_ref()
            .map(|_| self.names_left_mm() + (self.names_em + MARK_SUFFIX_GAP_EM) * self.em_mm())
    }

    /// How far a joint mark's 文件 stands below the first name's top, in mm: centred on
    /// the names (their pitch [`MARK_LEADING`] times the size).
    pub fn suffix_drop_mm(&self) -> f64 {
        (self.lines.len().max(1) - 1) as f64 * self.em_mm() * MARK_LEADING / 2.0
    }

    /// The space after each character but the last of name `i`, in mm, that spreads it
    /// to the names' column — a joint mark with 文件 only (else 0).
    pub fn spread_mm(&self, i: usize) -> f64 {
        let Some(l) = self.lines.get(i).filter(|_| self.suffix.is_some()) else {
            return 0.0;
        };
        let n = l.chars().count();
        if n < 2 {
            return 0.0;
        }
        ((self.names_em - em_width(l)) * self.em_mm() / (n - 1) as f64).max(0.0)
    }
}

/// 发文字号 (left, one character in) on the line of the last 签发人 (right, one character
/// in, two names a line, later lines aligned with the first name).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocNumberRow {
    pub number: Option<String>,
    /// The names, two a line, separated by a full-width space.
    pub signer_lines: Vec<String>,
    /// Where the names start, in em from the block's left edge ("签发人：" stands 4 em
    /// before); the first line ends one character from the right edge.
    pub names_left_em: f64,
}

/// 附件说明: "附件：" two characters in, then the titles (numbered when more than one),
/// each without final punctuation; continuation lines align with the title.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttachmentNote {
    /// (number such as "1." or "", title)
    pub items: Vec<(String, String)>,
}

/// 署名, 成文日期 and 附注, never split over two pages.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Closing {
    pub issuer: String,
    /// The 署名's lines with their right edges (em from the block's right edge): one
    /// per issuer of a joint document (typed apart by spaces), stacked — sealed, each
    /// centred over the date; unsealed, all starting where the widest starts.
    pub issuer_lines: Vec<(String, f64)>,
    pub date: Option<String>,
    pub sealed: bool,
    pub place: SignaturePlace,
    /// 附注 in round brackets, one line under the date, two characters in.
    pub note: Option<String>,
}

/// An 附件 on its own pages: "附件1" in 黑体 top left, the title centred on the third
/// line, the paragraphs in the body style.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AttachmentPage<'a> {
    /// "附件" alone for a single attachment, else "附件1", "附件2"…
    pub label: String,
    pub title: String,
    /// The title's lines (the same cost function as the report's title).
    pub title_lines: Vec<String>,
    pub node_id: &'a str,
    /// The text paragraphs (tables left out).
    pub paragraphs: Vec<&'a Paragraph>,
    /// The content in order: `Para` and `Table` blocks (an 附件 is most often a table).
    pub body: Vec<Block<'a>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block<'a> {
    /// 份号, top left.
    CopyNumber {
        text: String,
    },
    /// 密级和保密期限 (黑体), top left.
    Secrecy {
        text: String,
    },
    /// 紧急程度 (黑体), top left.
    Urgency {
        text: String,
    },
    IssuerMark(IssuerMark),
    DocNumber(DocNumberRow),
    /// The red rule under the 发文字号 row, as wide as the block.
    RedRule,
    Title {
        lines: Vec<String>,
    },
    Blank,
    Addressee {
        text: String,
    },
    Heading {
        level: usize,
        number: String,
        text: &'a str,
        node_id: &'a str,
    },
    Para {
        /// The paragraph's id; `None` for a run-in heading with no paragraph.
        node_id: Option<&'a str>,
        lead: Option<RunIn<'a>>,
        text: &'a str,
    },
    /// A table (GB/T 9704 §8), its 表题 above it.
    Table(TableBlock<'a>),
    AttachmentNote(AttachmentNote),
    Closing(Closing),
    /// Starts a new page.
    Attachment(AttachmentPage<'a>),
    /// 版记 (filing only).
    Imprint {
        copy_to: Option<String>,
        printed_by: Option<String>,
        printed_on: Option<String>,
    },
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Ends a run-in heading as a sentence, as the standard's examples do.
pub(crate) fn sentence(heading: &str) -> String {
    let h = heading.trim();
    match h.chars().last() {
        Some('。' | '！' | '？' | '：' | '；') | None => h.to_string(),
        _ => format!("{h}。"),
    }
}

/// 主送机关 always ends in one full-width colon.
pub(crate) fn addressee_line(a: &str) -> String {
    let a = a.trim().trim_end_matches([':', '：', '。', '，', ',']);
    format!("{a}：")
}

/// 附注 goes in full-width round brackets, once, however it was typed:
/// "(附件略)", "（附件略）" and "附件略" all print "（附件略）".
pub(crate) fn note_line(n: &str) -> String {
    let mut inner = n.trim();
    loop {
        let stripped = inner
            .strip_prefix(['（', '('])
            .and_then(|s| s.strip_suffix(['）', ')']));
        match stripped {
            Some(s) => inner = s.trim(),
            None => break,
        }
    }
    format!("（{inner}）")
}

/// An attachment's title as listed: no final punctuation (7.3.4).
fn attachment_title(t: &str) -> String {
    t.trim()
        .trim_end_matches(['。', '，', '；', '：', '.', ',', ';', ':', '、'])
        .to_string()
}

/// Names of 签发人 as typed: separated by 、，, spaces.
fn signer_names(s: &str) -> Vec<String> {
    s.split(['、', '，', ',', ' ', '\u{3000}', ';', '；'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

fn doc_number_row(number: Option<&str>, signer: Option<&str>) -> DocNumberRow {
    let names = signer.map(signer_names).unwrap_or_default();
    let right = crate::geometry::CHARS_PER_LINE as f64 - 1.0;
    // The 发文字号 ends here (one character in); what shares its line keeps a character
    // clear of it.
    let number_end = number.map_or(0.0, |n| 1.0 + em_width(n) + 1.0);
    let lay = |per_line: usize| {
        let lines: Vec<String> = names.chunks(per_line).map(|c| c.join("\u{3000}")).collect();
        // Later lines align with the first name: the column is as wide as the widest.
        let widest = lines.iter().map(|l| em_width(l)).fold(0.0, f64::max);
        let names_left = right - widest;
        let last_left = if lines.len() > 1 {
            names_left
        } else {
            names_left - em_width("签发人：")
        };
        (lines, names_left, last_left >= number_end - 1e-9)
    };
    // Two names a line (GB/T 9704 7.2.3); one a line when two would run into the 发文字号.
    let (mut signer_lines, mut names_left_em, fits) = lay(2);
    if !fits && names.len() > 1 {
        (signer_lines, names_left_em, _) = lay(1);
    }
    DocNumberRow {
        number: number.map(str::to_string),
        signer_lines,
        names_left_em,
    }
}

fn issuer_mark(doc: &Document) -> IssuerMark {
    let text = non_empty(&doc.issuer_mark).unwrap_or(doc.issuer.trim());
    // Joint issuers: one per line as typed (or separated by spaces in the issuer).
    let mut lines: Vec<String> = text
        .split(['\n', ' ', '\u{3000}'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    // 文件 of a joint mark — after each name or once at the end — stands once beside them.
    let mut suffix = None;
    if lines.len() > 1 && lines.iter().any(|l| l.ends_with(FILE)) {
        let names: Vec<String> = lines
            .iter()
            .map(|l| l.strip_suffix(FILE).unwrap_or(l).trim().to_string())
            .filter(|l| !l.is_empty())
            .collect();
        if names.len() > 1 {
            lines = names;
            suffix = Some(FILE.to_string());
        } else {
            lines = vec![format!("{}{FILE}", names.concat())];
        }
    }
    let names_em = lines.iter().map(|l| em_width(l)).fold(0.0, f64::max);
    let mut mark = IssuerMark {
        size_pt: 0.0,
        lines,
        suffix,
        names_em,
    };
    mark.size_pt = mark_size_pt(mark.width_em());
    mark
}

const FILE: &str = "文件";

/// A paragraph's block: a table, or its text (`None` when empty: nothing is shown).
fn paragraph_block(p: &Paragraph) -> Option<Block<'_>> {
    if p.table.is_some() {
        return table_block(p).map(Block::Table);
    }
    (!p.text.trim().is_empty()).then_some(Block::Para {
        node_id: Some(&p.id),
        lead: None,
        text: &p.text,
    })
}

fn push_paragraphs<'a>(out: &mut Vec<Block<'a>>, ps: &'a [Paragraph]) {
    out.extend(ps.iter().filter_map(paragraph_block));
}

fn push_section<'a>(
    out: &mut Vec<Block<'a>>,
    s: &'a Section,
    level: usize,
    index: usize,
    style: HeadingStyle,
) {
    let number = prefix(level, index);
    let body: Vec<Block<'a>> = s.paragraphs.iter().filter_map(paragraph_block).collect();
    match style {
        HeadingStyle::Separate => {
            out.push(Block::Heading {
                level,
                number,
                text: s.heading.trim(),
                node_id: &s.id,
            });
            out.extend(body);
        }
        HeadingStyle::RunIn => {
            let heading_offset = number.chars().count();
            let heading = s.heading.trim();
            let full = sentence(heading);
            let lead = RunIn {
                level,
                stop: full[heading.len()..].to_string(),
                text: format!("{number}{full}"),
                heading_offset,
                node_id: &s.id,
            };
            let mut body = body.into_iter();
            match body.next() {
                Some(Block::Para { node_id, text, .. }) => out.push(Block::Para {
                    node_id,
                    lead: Some(lead),
                    text,
                }),
                // A heading is never run into a table: it stands alone before it.
                first => {
                    out.push(Block::Para {
                        node_id: None,
                        lead: Some(lead),
                        text: "",
                    });
                    out.extend(first);
                }
            }
            out.extend(body);
        }
    }
    for (i, c) in s.sections.iter().enumerate() {
        push_section(out, c, level + 1, i, style);
    }
}

/// Where the 署名's lines stand: joint issuers (typed apart by spaces) one a line, placed
/// by the widest (GB/T 9704 7.3.5).
fn signature_lines(
    issuer: &str,
    date: Option<&str>,
    sealed: bool,
) -> (SignaturePlace, Vec<(String, f64)>) {
    let names: Vec<&str> = issuer
        .split([' ', '\u{3000}'])
        .filter(|n| !n.is_empty())
        .collect();
    if names.len() < 2 {
        let place = signature_place(issuer, date, sealed);
        let lines = if issuer.is_empty() {
            Vec::new()
        } else {
            vec![(issuer.to_string(), place.issuer_right_em)]
        };
        return (place, lines);
    }
    let widest = names
        .iter()
        .copied()
        .max_by(|a, b| em_width(a).total_cmp(&em_width(b)))
        .unwrap_or_default();
    let place = signature_place(widest, date, sealed);
    let w = em_width(widest);
    let lines = names
        .iter()
        .map(|n| {
            let d = w - em_width(n);
            let right = if sealed {
                place.issuer_right_em + d / 2.0
            } else {
                place.issuer_right_em + d
            };
            (n.to_string(), right)
        })
        .collect();
    (place, lines)
}

/// The 版头 blocks (filing only): 份号, 密级, 紧急程度, the mark, 发文字号/签发人, the rule.
fn masthead<'a>(doc: &Document, out: &mut Vec<Block<'a>>) {
    if let Some(c) = non_empty(&doc.copy_number) {
        out.push(Block::CopyNumber { text: c.into() });
    }
    if let Some(s) = non_empty(&doc.secrecy) {
        out.push(Block::Secrecy { text: s.into() });
    }
    if let Some(u) = non_empty(&doc.urgency) {
        out.push(Block::Urgency { text: u.into() });
    }
    out.push(Block::IssuerMark(issuer_mark(doc)));
    out.push(Block::DocNumber(doc_number_row(
        non_empty(&doc.doc_number),
        non_empty(&doc.signer),
    )));
    out.push(Block::RedRule);
}

/// The blocks of `doc` for `profile`, in reading order.
pub fn blocks(doc: &Document, profile: Profile) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let filing = profile == Profile::Filing;
    if filing {
        masthead(doc, &mut out);
    }
    out.push(Block::Title {
        lines: title_lines(&doc.title()),
    });
    out.push(Block::Blank);
    if let Some(a) = non_empty(&doc.addressee) {
        out.push(Block::Addressee {
            text: addressee_line(a),
        });
    }
    push_paragraphs(&mut out, &doc.preface);
    let style = doc.settings.heading_style;
    for (i, part) in doc.parts.iter().enumerate() {
        out.push(Block::Heading {
            level: 1,
            number: prefix(1, i),
            text: part.heading.trim(),
            node_id: &part.id,
        });
        push_paragraphs(&mut out, &part.paragraphs);
        for (j, s) in part.sections.iter().enumerate() {
            push_section(&mut out, s, 2, j, style);
        }
    }
    push_paragraphs(&mut out, &doc.closing);
    let attachments: Vec<_> = doc
        .attachments
        .iter()
        .filter(|a| !a.title.trim().is_empty())
        .collect();
    if filing && !attachments.is_empty() {
        out.push(Block::Blank);
        let numbered = attachments.len() > 1;
        out.push(Block::AttachmentNote(AttachmentNote {
            items: attachments
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    let n = if numbered {
                        format!("{}.", i + 1)
                    } else {
                        String::new()
                    };
                    (n, attachment_title(&a.title))
                })
                .collect(),
        }));
    }
    // A document printed without a seal (公开版 is read on screen) needs no room for it.
    let sealed = filing && doc.sealed;
    let issuer = doc.signature_or_issuer().trim().to_string();
    let date = doc.date_official();
    let (place, issuer_lines) = signature_lines(&issuer, date.as_deref(), sealed);
    out.push(Block::Closing(Closing {
        issuer,
        issuer_lines,
        date,
        sealed,
        place,
        note: non_empty(&doc.note).filter(|_| filing).map(note_line),
    }));
    if filing {
        let numbered = attachments.len() > 1;
        for (i, a) in attachments.iter().enumerate() {
            out.push(Block::Attachment(AttachmentPage {
                label: if numbered {
                    format!("附件{}", i + 1)
                } else {
                    "附件".into()
                },
                title: attachment_title(&a.title),
                title_lines: title_lines(&attachment_title(&a.title)),
                node_id: &a.id,
                paragraphs: a
                    .paragraphs
                    .iter()
                    .filter(|p| p.table.is_none() && !p.text.trim().is_empty())
                    .collect(),
                body: a.paragraphs.iter().filter_map(paragraph_block).collect(),
            }));
        }
    }
    // The 版记 is for the filed copy only.
    if let Some(ImprintText {
        copy_to,
        printed_by,
        printed_on,
    }) = filing.then(|| doc.imprint_text()).flatten()
    {
        out.push(Block::Imprint {
            copy_to,
            printed_by,
            printed_on,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::model::Attachment;
    use fazhi_core::template;

    fn doc() -> Document {
        let (mut d, _) =
            template::latest("statutory")
                .unwrap()
                .instantiate("某县人民政府", 2019, false);
        d.addressee = Some("某市人民政府".into());
        d.doc_number = Some("某政发〔2020〕1号".into());
        d.signer = Some("张某".into());
        d.date = Some("2020-03-13".into());
        d.note = Some("此件公开发布".into());
        d.preface = vec![Paragraph::new("现将情况报告如下：")];
        d.parts[0].sections.truncate(2);
        d.parts[0].sections[0].paragraphs = vec![Paragraph::new("甲。"), Paragraph::new("乙。")];
        d.parts[0].sections[1].sections = vec![Section::new("小项")];
        d
    }

    #[test]
    fn filing_has_the_masthead_publication_does_not() {
        let mut d = doc();
        d.copy_number = Some("000001".into());
        d.urgency = Some("特急".into());
        let f = blocks(&d, Profile::Filing);
        assert!(matches!(&f[0], Block::CopyNumber { text } if text == "000001"));
        assert!(matches!(&f[1], Block::Urgency { text } if text == "特急"));
        assert!(matches!(&f[2], Block::IssuerMark(m) if m.lines == ["某县人民政府"]));
        match &f[3] {
            Block::DocNumber(r) => {
                assert_eq!(r.number.as_deref(), Some("某政发〔2020〕1号"));
                assert_eq!(r.signer_lines, ["张某"]);
                assert_eq!(r.names_left_em, 25.0);
            }
            b => panic!("{b:?}"),
        }
        assert_eq!(f[4], Block::RedRule);
        assert!(f.contains(&Block::Addressee {
            text: "某市人民政府：".into()
        }));
        let p = blocks(&d, Profile::Publication);
        assert!(matches!(p[0], Block::Title { .. }));
        assert!(!p.iter().any(|b| matches!(
            b,
            Block::DocNumber(_) | Block::IssuerMark(_) | Block::RedRule | Block::CopyNumber { .. }
        )));
        // 公开版 keeps the addressee, signature and date, not the 附注.
        assert!(p.contains(&Block::Addressee {
            text: "某市人民政府：".into()
        }));
        match (f.last().unwrap(), p.last().unwrap()) {
            (Block::Closing(a), Block::Closing(b)) => {
                assert_eq!(a.note.as_deref(), Some("（此件公开发布）"));
                assert_eq!(b.note, None);
                assert!(a.sealed && !b.sealed);
                assert_eq!(a.date.as_deref(), Some("2020年3月13日"));
                assert_eq!(b.issuer, "某县人民政府");
            }
            x => panic!("{x:?}"),
        }
    }

    #[test]
    fn attachments_are_listed_and_paged_in_the_filing_copy() {
        let mut d = doc();
        let mut a = Attachment::new("2019年法治政府建设重点工作台账。");
        a.paragraphs.push(Paragraph::new("台账正文"));
        d.attachments.push(a);
        let f = blocks(&d, Profile::Filing);
        let note = f
            .iter()
            .position(|b| matches!(b, Block::AttachmentNote(_)))
            .unwrap();
        let closing = f
            .iter()
            .position(|b| matches!(b, Block::Closing(_)))
            .unwrap();
        let page = f
            .iter()
            .position(|b| matches!(b, Block::Attachment(_)))
            .unwrap();
        assert!(note < closing && closing < page);
        match (&f[note], &f[page]) {
            (Block::AttachmentNote(n), Block::Attachment(p)) => {
                assert_eq!(
                    n.items,
                    [(String::new(), "2019年法治政府建设重点工作台账".to_string())]
                );
                assert_eq!(p.label, "附件");
                assert_eq!(p.paragraphs[0].text, "台账正文");
            }
            x => panic!("{x:?}"),
        }
        d.attachments.push(Attachment::new("第二件"));
        let f = blocks(&d, Profile::Filing);
        let labels: Vec<&str> = f
            .iter()
            .filter_map(|b| match b {
                Block::Attachment(p) => Some(p.label.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(labels, ["附件1", "附件2"]);
        assert!(f
            .iter()
            .any(|b| matches!(b, Block::AttachmentNote(n) if n.items[1].0 == "2.")));
        assert!(!blocks(&d, Profile::Publication)
            .iter()
            .any(|b| matches!(b, Block::Attachment(_) | Block::AttachmentNote(_))));
    }

    #[test]
    fn tables_stand_where_paragraphs_stand() {
        use fazhi_core::model::Table;
        let table = |title: &str| {
            let mut p = Paragraph::new("");
            let mut t = Table::from_texts([["项目", "数量"], ["复议", "12"]], 1);
            t.title = Some(title.into());
            p.table = Some(t);
            p
        };
        let mut d = doc();
        d.settings.heading_style = HeadingStyle::RunIn;
        // A run-in heading whose first content is a table stands alone before it.
        d.parts[0].sections[1].paragraphs = vec![table("正文表"), Paragraph::new("表后。")];
        let mut a = Attachment::new("统计表");
        a.paragraphs = vec![Paragraph::new("说明。"), table("附件表")];
        d.attachments.push(a);
        let f = blocks(&d, Profile::Filing);
        let i = f
            .iter()
            .position(|b| matches!(b, Block::Table(t) if t.title.as_deref() == Some("正文表")))
            .unwrap();
        assert!(
            matches!(&f[i - 1], Block::Para { lead: Some(l), text: "", node_id: None } if l.text.starts_with("（二）"))
        );
        assert!(matches!(
            &f[i + 1],
            Block::Para {
                text: "表后。", ..
            }
        ));
        let page = f
            .iter()
            .find_map(|b| match b {
                Block::Attachment(p) => Some(p),
                _ => None,
            })
            .unwrap();
        assert_eq!(page.paragraphs.len(), 1);
        assert!(matches!(
            &page.body[0],
            Block::Para {
                text: "说明。", ..
            }
        ));
        match &page.body[1] {
            Block::Table(t) => {
                assert_eq!(t.title.as_deref(), Some("附件表"));
                assert_eq!((t.rows, t.columns, t.header_rows), (2, 2, 1));
            }
            b => panic!("{b:?}"),
        }
    }

    #[test]
    fn signers_go_two_a_line() {
        let r = doc_number_row(Some("某政发〔2020〕1号"), Some("张三、李四、王五"));
        assert_eq!(r.signer_lines, ["张三\u{3000}李四", "王五"]);
        assert_eq!(r.names_left_em, 28.0 - 1.0 - 5.0);
        // A later line wider than the first: the column takes the widest, inside the block.
        let r = doc_number_row(None, Some("张三、李四、欧阳明远、王五"));
        assert_eq!(r.names_left_em, 28.0 - 1.0 - 7.0);
    }

    #[test]
    fn signers_that_would_run_into_a_long_number_go_one_a_line() {
        // 12.5 em of 发文字号 from 1 em in; "签发人：" and two names (11 em) would start
        // at 12 em, inside it.
        let r = doc_number_row(
            Some("新伊州政办发〔2024〕128号"),
            Some("艾尔肯·吐尔逊、王某某"),
        );
        assert_eq!(r.signer_lines, ["艾尔肯·吐尔逊", "王某某"]);
        assert_eq!(r.names_left_em, 27.0 - 7.0);
        // Short ones stay two a line.
        let r = doc_number_row(Some("新伊州政办发〔2024〕128号"), Some("张三、李四"));
        assert_eq!(r.signer_lines, ["张三\u{3000}李四"]);
    }

    #[test]
    fn joint_issuers_stack_and_long_marks_shrink() {
        let mut d = doc();
        d.issuer_mark = Some("中共某某县委员会\n某某县人民政府".into());
        let m = issuer_mark(&d);
        assert_eq!(m.lines, ["中共某某县委员会", "某某县人民政府"]);
        d.issuer_mark = Some("某某自治州某某自治县人民政府办公室文件".into());
        let m = issuer_mark(&d);
        assert_eq!(m.lines.len(), 1);
        assert!(m.size_pt < crate::geometry::MARK_PT);
        assert_eq!(m.suffix, None);
    }

    #[test]
    fn a_joint_mark_prints_its_wenjian_once_beside_the_names() {
        let mut d = doc();
        for typed in [
            "中共某某县委员会文件 某某县人民政府文件",
            "中共某某县委员会 某某县人民政府 文件",
            "中共某某县委员会 某某县人民政府文件",
        ] {
            d.issuer_mark = Some(typed.into());
            let m = issuer_mark(&d);
            assert_eq!(m.lines, ["中共某某县委员会", "某某县人民政府"], "{typed}");
            assert_eq!(m.suffix.as_deref(), Some("文件"));
            assert_eq!((m.names_em, m.width_em()), (8.0, 11.0));
            // Centred on the block; 文件 a character right of the names, half a pitch
            // below the first name's top.
            let em = m.size_pt * MM_PER_PT;
            assert!((m.names_left_mm() * 2.0 + 11.0 * em - BLOCK_WIDTH_MM).abs() < 1e-9);
            assert!((m.suffix_left_mm().unwrap() - m.names_left_mm() - 9.0 * em).abs() < 1e-9);
            assert!((m.suffix_drop_mm() - em * MARK_LEADING / 2.0).abs() < 1e-9);
            // The shorter name spread to the column: 7 characters over 8 em.
            assert_eq!(m.spread_mm(0), 0.0);
            assert!((m.spread_mm(1) - em / 6.0).abs() < 1e-9);
        }
        // One issuer and 文件 typed apart: one line.
        d.issuer_mark = Some("某某县人民政府 文件".into());
        let m = issuer_mark(&d);
        assert_eq!((m.lines.len(), m.suffix.as_deref()), (1, None));
        assert_eq!(m.lines[0], "某某县人民政府文件");
        // Four long names and 文件 shrink together to the block.
        d.issuer_mark = Some(
            "某某自治州人力资源和社会保障局 某某自治州发展和改革委员会 某某自治州财政局 文件"
                .into(),
        );
        let m = issuer_mark(&d);
        let w = m.width_em() * m.size_pt * MM_PER_PT;
        assert!(w < BLOCK_WIDTH_MM && w > BLOCK_WIDTH_MM - m.width_em() * 0.55 * MM_PER_PT);
    }

    #[test]
    fn joint_signatures_stack() {
        // Sealed: each centred over the date, as the widest is.
        let (p, lines) = signature_lines(
            "中共某某县委员会 某某县人民政府",
            Some("2024年2月20日"),
            true,
        );
        assert_eq!(lines.len(), 2);
        let date_centre = p.date_right_em + em_width("2024年2月20日") / 2.0;
        for (n, right) in &lines {
            assert!(
                (right + em_width(n) / 2.0 - date_centre).abs() < 1e-9,
                "{n}"
            );
        }
        // Unsealed: all start where the widest starts.
        let (_, lines) = signature_lines(
            "中共某某县委员会 某某县人民政府",
            Some("2024年2月20日"),
            false,
        );
        let starts: Vec<f64> = lines.iter().map(|(n, r)| r + em_width(n)).collect();
        assert!((starts[0] - starts[1]).abs() < 1e-9);
        // One issuer: one line at the place.
        let (p, lines) = signature_lines("某某县人民政府", Some("2024年2月20日"), true);
        assert_eq!(lines, [("某某县人民政府".to_string(), p.issuer_right_em)]);
    }

    #[test]
    fn wording_is_normalised_once() {
        assert_eq!(addressee_line("通化市人民政府"), "通化市人民政府：");
        assert_eq!(addressee_line("通化市人民政府:"), "通化市人民政府：");
        assert_eq!(addressee_line("通化市人民政府："), "通化市人民政府：");
        assert_eq!(note_line("(附件略)"), "（附件略）");
        assert_eq!(note_line("（附件略）"), "（附件略）");
        assert_eq!(note_line("附件略"), "（附件略）");
        assert_eq!(note_line("((附件略))"), "（附件略）");
        assert_eq!(sentence("依法行政？"), "依法行政？");
        assert_eq!(sentence("依法行政"), "依法行政。");
    }

    #[test]
    fn separate_headings_are_numbered_by_position() {
        let d = doc();
        let hs: Vec<String> = blocks(&d, Profile::Filing)
            .into_iter()
            .filter_map(|b| match b {
                Block::Heading { number, text, .. } => Some(format!("{number}{text}")),
                _ => None,
            })
            .collect();
        assert_eq!(hs[0], "一、2019年推进法治政府建设的主要举措和成效");
        assert_eq!(hs[1], "（一）依法全面履行政府职能");
        assert_eq!(hs[3], "1.小项");
    }

    #[test]
    fn run_in_headings_join_the_first_paragraph() {
        let mut d = doc();
        d.settings.heading_style = HeadingStyle::RunIn;
        let bs = blocks(&d, Profile::Filing);
        let leads: Vec<(String, &str)> = bs
            .iter()
            .filter_map(|b| match b {
                Block::Para {
                    lead: Some(l),
                    text,
                    ..
                } => Some((l.text.clone(), *text)),
                _ => None,
            })
            .collect();
        assert_eq!(leads[0], ("（一）依法全面履行政府职能。".into(), "甲。"));
        assert_eq!(leads[1], ("（二）完善依法行政制度体系。".into(), ""));
    }

    #[test]
    fn a_run_in_heading_s_stop_is_what_the_layout_adds_after_its_text() {
        let mut d = doc();
        d.settings.heading_style = HeadingStyle::RunIn;
        d.parts[0].sections[0].heading = "依法全面履行政府职能 ".into();
        d.parts[0].sections[1].heading = "完善依法行政制度体系：".into();
        let stops: Vec<(&str, String)> = blocks(&d, Profile::Filing)
            .into_iter()
            .filter_map(|b| match b {
                Block::Para { lead: Some(l), .. } => Some((l.node_id, l.stop)),
                _ => None,
            })
            .collect();
        assert_eq!(
            stops[0],
            (d.parts[0].sections[0].id.as_str(), "。".to_string())
        );
        assert_eq!(
            stops[1],
            (d.parts[0].sections[1].id.as_str(), String::new())
        );
    }
}
