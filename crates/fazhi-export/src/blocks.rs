//! The report as a flat sequence of blocks for one profile: what is shown, in
//! order, with numbering derived from position. DOCX and HTML both render this,
//! so the two formats cannot disagree on content.

use fazhi_core::model::{HeadingStyle, ImprintText};
use fazhi_core::numbering::prefix;
use fazhi_core::{Document, Paragraph, Section};

use crate::Profile;

/// A heading set in the paragraph it opens (（一）依法全面履行政府职能。…).
#[derive(Debug, Clone, PartialEq)]
pub struct RunIn<'a> {
    pub level: usize,
    /// Number and heading, with a full stop added when the heading has none.
    pub text: String,
    /// Where the heading's own text starts inside `text` (after the number).
    pub heading_offset: usize,
    pub node_id: &'a str,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Block<'a> {
    /// 发文字号 and 签发人 (upward document: on one line, number left, signer right).
    DocNumber {
        number: Option<&'a str>,
        signer: Option<&'a str>,
    },
    Title(Vec<String>),
    Blank,
    Addressee(String),
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
    Signature(&'a str),
    Date(String),
    Note(String),
    /// 版记 (filing only): 抄送 line text (抄送：…。) and 印发机关 / 印发日期 (…印发).
    Imprint(ImprintText),
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Ends a run-in heading as a sentence, as the standard's examples do.
fn sentence(heading: &str) -> String {
    let h = heading.trim();
    match h.chars().last() {
        Some('。' | '！' | '？' | '：' | '；') | None => h.to_string(),
        _ => format!("{h}。"),
    }
}

fn addressee_line(a: &str) -> String {
    let a = a.trim().trim_end_matches([':', '：']);
    format!("{a}：")
}

/// 附注 goes in round brackets, once.
fn note_line(n: &str) -> String {
    let n = n.trim();
    if (n.starts_with('（') && n.ends_with('）')) || (n.starts_with('(') && n.ends_with(')')) {
        let inner: String = {
            let mut c = n.chars();
            c.next();
            c.next_back();
            c.collect()
        };
        format!("（{inner}）")
    } else {
        format!("（{n}）")
    }
}

fn push_paragraphs<'a>(out: &mut Vec<Block<'a>>, ps: &'a [Paragraph]) {
    for p in ps {
        if !p.text.trim().is_empty() {
            out.push(Block::Para {
                node_id: Some(&p.id),
                lead: None,
                text: &p.text,
            });
        }
    }
}

fn push_section<'a>(
    out: &mut Vec<Block<'a>>,
    s: &'a Section,
    level: usize,
    index: usize,
    style: HeadingStyle,
) {
    let number = prefix(level, index);
    let body: Vec<&Paragraph> = s
        .paragraphs
        .iter()
        .filter(|p| !p.text.trim().is_empty())
        .collect();
    match style {
        HeadingStyle::Separate => {
            out.push(Block::Heading {
                level,
                number,
                text: s.heading.trim(),
                node_id: &s.id,
            });
            for p in body {
                out.push(Block::Para {
                    node_id: Some(&p.id),
                    lead: None,
                    text: &p.text,
                });
            }
        }
        HeadingStyle::RunIn => {
            let heading_offset = number.chars().count();
            let lead = RunIn {
                level,
                text: format!("{number}{}", sentence(&s.heading)),
                heading_offset,
                node_id: &s.id,
            };
            match body.split_first() {
                Some((first, rest)) => {
                    out.push(Block::Para {
                        node_id: Some(&first.id),
                        lead: Some(lead),
                        text: &first.text,
                    });
                    for p in rest {
                        out.push(Block::Para {
                            node_id: Some(&p.id),
                            lead: None,
                            text: &p.text,
                        });
                    }
                }
                None => out.push(Block::Para {
                    node_id: None,
                    lead: Some(lead),
                    text: "",
                }),
            }
        }
    }
    for (i, c) in s.sections.iter().enumerate() {
        push_section(out, c, level + 1, i, style);
    }
}

/// The blocks of `doc` for `profile`, in reading order.
pub fn blocks(doc: &Document, profile: Profile) -> Vec<Block<'_>> {
    let mut out = Vec::new();
    let filing = profile == Profile::Filing;
    if filing {
        let number = non_empty(&doc.doc_number);
        let signer = non_empty(&doc.signer);
        if number.is_some() || signer.is_some() {
            out.push(Block::DocNumber { number, signer });
            out.push(Block::Blank);
        }
    }
    out.push(Block::Title(crate::layout::title_lines(&doc.title())));
    out.push(Block::Blank);
    if filing {
        if let Some(a) = non_empty(&doc.addressee) {
            out.push(Block::Addressee(addressee_line(a)));
        }
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
    out.push(Block::Blank);
    out.push(Block::Signature(doc.signature_or_issuer().trim()));
    if let Some(d) = doc.date_official() {
        out.push(Block::Date(d));
    }
    if let Some(n) = non_empty(&doc.note) {
        out.push(Block::Note(note_line(n)));
    }
    // The 版记 is for the filed copy only.
    if let Some(im) = filing.then(|| doc.imprint_text()).flatten() {
        out.push(Block::Imprint(im));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn filing_carries_metadata_publication_does_not() {
        let d = doc();
        let f = blocks(&d, Profile::Filing);
        assert!(matches!(
            f[0],
            Block::DocNumber {
                number: Some("某政发〔2020〕1号"),
                signer: Some("张某")
            }
        ));
        assert!(f.contains(&Block::Addressee("某市人民政府：".into())));
        let p = blocks(&d, Profile::Publication);
        assert!(matches!(p[0], Block::Title(_)));
        assert!(!p
            .iter()
            .any(|b| matches!(b, Block::DocNumber { .. } | Block::Addressee(_))));
        // both end with signature, date and note
        for bs in [&f, &p] {
            let n = bs.len();
            assert_eq!(bs[n - 3], Block::Signature("某县人民政府"));
            assert_eq!(bs[n - 2], Block::Date("2020年3月13日".into()));
            assert_eq!(bs[n - 1], Block::Note("（此件公开发布）".into()));
        }
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
        assert_eq!(hs[2], "（二）完善依法行政制度体系");
        assert_eq!(hs[3], "1.小项");
        assert_eq!(hs[4], "二、2019年推进法治政府建设存在的不足和原因");
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
        // a section without text still shows its heading
        assert_eq!(leads[1], ("（二）完善依法行政制度体系。".into(), ""));
        assert_eq!(leads[2], ("1.小项。".into(), ""));
        // the second paragraph stands alone
        assert!(bs.iter().any(|b| matches!(
            b,
            Block::Para {
                lead: None,
                text: "乙。",
                ..
            }
        )));
        // parts stay separate headings
        assert!(bs
            .iter()
            .any(|b| matches!(b, Block::Heading { level: 1, .. })));
        assert!(!bs
            .iter()
            .any(|b| matches!(b, Block::Heading { level: 2.., .. })));
    }

    #[test]
    fn addressee_and_note_are_normalised() {
        assert_eq!(addressee_line("某市人民政府:"), "某市人民政府：");
        assert_eq!(note_line("（此件公开发布）"), "（此件公开发布）");
        assert_eq!(note_line("(此件公开发布)"), "（此件公开发布）");
        assert_eq!(sentence("依法行政？"), "依法行政？");
    }
}
