//! The 花脸稿 (redline) of two versions of a report, as blocks every output draws alike
//! (the PDF typesetter and the DOCX exporter): a header line naming the two versions, a
//! legend, the title and the body with every character marked as kept, inserted (blue,
//! underlined) or deleted (red, struck through), then the list of heading and metadata
//! changes (headings are also marked in place; metadata is not in the body).
//!
//! The comparison itself is `fazhi_core::diff` (blocks matched in reading order,
//! character spans inside a changed block); this module only decides what is shown.

use fazhi_core::diff::{compare, BlockKind, Change, DiffBlock, DiffStats, Span};
use fazhi_core::Document;
use serde::Serialize;

use crate::title::title_lines;

/// How a piece of text of the redline is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mark {
    /// In both versions: black.
    Same,
    /// Only in the newer version: blue, underlined.
    Inserted,
    /// Only in the older version: red, struck through.
    Deleted,
}

/// A run of text drawn one way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Piece {
    pub text: String,
    pub mark: Mark,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum RedlineBlock {
    /// The line naming the two versions (黑体, the first line of page one).
    Header {
        text: String,
    },
    /// What the colours mean and how much changed (仿宋, under the header).
    Legend {
        text: String,
    },
    /// The title, broken into lines as the report's title is (each line's pieces).
    Title {
        lines: Vec<Vec<Piece>>,
    },
    Blank,
    /// A part or section heading (level 1 = 一、 … 4 = （1）) or an attachment's title.
    Heading {
        level: usize,
        number: String,
        pieces: Vec<Piece>,
    },
    Para {
        pieces: Vec<Piece>,
    },
    /// The heading of the list of heading and metadata changes.
    ListHeading {
        text: String,
    },
    /// One listed change: what changed (标题（一）, 成文日期…) and old → new, marked.
    ListItem {
        label: String,
        pieces: Vec<Piece>,
    },
}

/// A 花脸稿: its blocks in reading order, and the comparison's counts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Redline {
    pub blocks: Vec<RedlineBlock>,
    pub stats: DiffStats,
    /// Whether the two versions differ at all.
    pub changed: bool,
}

/// The pieces of a diff block: its character spans, or its whole text.
fn pieces(b: &DiffBlock) -> Vec<Piece> {
    let mark = |c: Change| match c {
        Change::Added => Mark::Inserted,
        Change::Removed => Mark::Deleted,
        Change::Same | Change::Changed => Mark::Same,
    };
    let of = |s: &Span| Piece {
        text: s.text.clone(),
        mark: match b.change {
            // A whole block added or removed is marked whole.
            Change::Added => Mark::Inserted,
            Change::Removed => Mark::Deleted,
            _ => mark(s.change),
        },
    };
    b.spans
        .iter()
        .map(of)
        .filter(|p| !p.text.is_empty())
        .collect()
}

/// The pieces' text in reading order (deleted and inserted text both shown).
pub fn shown_text(pieces: &[Piece]) -> String {
    pieces.iter().map(|p| p.text.as_str()).collect()
}

/// `pieces` cut where `lines` (a breaking of their shown text) break.
fn split_lines(pieces: &[Piece], lines: &[String]) -> Vec<Vec<Piece>> {
    let mut chars = pieces
        .iter()
        .flat_map(|p| p.text.chars().map(move |c| (c, p.mark)));
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut ps: Vec<Piece> = Vec::new();
        for want in line.chars() {
            // The title's lines are the shown text, trimmed: skip what was trimmed.
            let Some((c, mark)) = chars.by_ref().find(|(c, _)| *c == want) else {
                break;
            };
            match ps.last_mut() {
                Some(p) if p.mark == mark => p.text.push(c),
                _ => ps.push(Piece {
                    text: c.to_string(),
                    mark,
                }),
            }
        }
        out.push(ps);
    }
    out
}

/// What a listed change is called: 标题 for the title, 一级标题“一、” for a heading,
/// the metadata field's name otherwise.
fn list_label(b: &DiffBlock) -> String {
    let what = match b.change {
        Change::Added => "（新增）",
        Change::Removed => "（删除）",
        _ => "",
    };
    match b.kind {
        BlockKind::Title => format!("报告标题{what}"),
        BlockKind::Heading => {
            let level = ["", "一级", "二级", "三级", "四级"]
                .get(b.level as usize)
                .copied()
                .unwrap_or("");
            format!("{level}标题“{}”{what}", b.number.trim())
        }
        _ => format!("{}{what}", b.label),
    }
}

/// Level of a heading block for the typesetter: attachments' titles are level 1.
fn level(b: &DiffBlock) -> usize {
    usize::from(b.level.clamp(1, 4))
}

/// The 花脸稿 from `old` (named `from`, e.g. 第2版) to `new` (named `to`).
pub fn redline(old: &Document, new: &Document, from: &str, to: &str) -> Redline {
    let c = compare(old, new);
    let s = &c.stats;
    let mut blocks = vec![
        RedlineBlock::Header {
            text: format!("花脸稿　{from} → {to}"),
        },
        RedlineBlock::Legend {
            text: if c.is_same() {
                "两个版本的文字相同。".to_string()
            } else {
                format!(
                    "红色删除线为删去的文字，蓝色下划线为新增的文字。新增{}段、删除{}段、修改{}段；增{}字、删{}字。",
                    s.added, s.removed, s.changed, s.chars_added, s.chars_removed
                )
            },
        },
        RedlineBlock::Blank,
    ];
    let mut listed = Vec::new();
    for b in &c.blocks {
        let ps = pieces(b);
        match b.kind {
            BlockKind::Title => {
                let lines = title_lines(&shown_text(&ps));
                blocks.push(RedlineBlock::Title {
                    lines: split_lines(&ps, &lines),
                });
                blocks.push(RedlineBlock::Blank);
            }
            BlockKind::Heading => blocks.push(RedlineBlock::Heading {
                level: level(b),
                number: b.number.clone(),
                pieces: ps.clone(),
            }),
            BlockKind::Paragraph => {
                if !ps.is_empty() {
                    blocks.push(RedlineBlock::Para { pieces: ps.clone() });
                }
            }
            BlockKind::Meta => {}
        }
        if b.change != Change::Same && b.kind != BlockKind::Paragraph {
            listed.push(RedlineBlock::ListItem {
                label: list_label(b),
                pieces: ps,
            });
        }
    }
    if !listed.is_empty() {
        blocks.push(RedlineBlock::Blank);
        blocks.push(RedlineBlock::ListHeading {
            text: "标题和报告信息的修改".into(),
        });
        blocks.extend(listed);
    }
    Redline {
        changed: !c.is_same(),
        stats: c.stats,
        blocks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::{template, Paragraph, Section};

    fn doc() -> Document {
        let (mut d, _) =
            template::latest("statutory")
                .unwrap()
                .instantiate("某县人民政府", 2019, false);
        d.date = Some("2020-03-01".into());
        d.parts[0].sections.truncate(1);
        d.parts[0].sections[0].paragraphs =
            vec![Paragraph::new("全年办理行政复议案件120件，纠错15件。")];
        d
    }

    fn marked(r: &Redline, mark: Mark) -> Vec<String> {
        let mut out = Vec::new();
        for b in &r.blocks {
            if let RedlineBlock::Para { pieces } = b {
                out.extend(
                    pieces
                        .iter()
                        .filter(|p| p.mark == mark)
                        .map(|p| p.text.clone()),
                );
            }
        }
        out
    }

    #[test]
    fn a_changed_number_is_deleted_and_inserted_in_place() {
        let old = doc();
        let mut new = old.clone();
        new.parts[0].sections[0].paragraphs[0].text =
            "全年办理行政复议案件135件，纠错15件。".into();
        let r = redline(&old, &new, "第1版", "当前内容");
        assert!(r.changed);
        assert!(
            matches!(&r.blocks[0], RedlineBlock::Header { text } if text == "花脸稿　第1版 → 当前内容")
        );
        assert_eq!(marked(&r, Mark::Deleted).concat(), "20");
        assert_eq!(marked(&r, Mark::Inserted).concat(), "35");
        // Only text changed: nothing listed.
        assert!(!r
            .blocks
            .iter()
            .any(|b| matches!(b, RedlineBlock::ListHeading { .. })));
    }

    #[test]
    fn heading_and_metadata_changes_are_listed() {
        let old = doc();
        let mut new = old.clone();
        new.parts[0].sections[0].heading = "全面履行政府职能".into();
        new.parts[0].sections.push(Section::new("新增一节"));
        new.date = Some("2020-03-13".into());
        let r = redline(&old, &new, "第1版", "第2版");
        let items: Vec<(String, String)> = r
            .blocks
            .iter()
            .filter_map(|b| match b {
                RedlineBlock::ListItem { label, pieces } => {
                    Some((label.clone(), shown_text(pieces)))
                }
                _ => None,
            })
            .collect();
        assert!(
            items
                .iter()
                .any(|(l, t)| l == "二级标题“（一）”" && t == "依法全面履行政府职能"),
            "{items:?}"
        );
        assert!(
            items.iter().any(|(l, _)| l == "二级标题“（二）”（新增）"),
            "{items:?}"
        );
        assert!(
            items
                .iter()
                .any(|(l, t)| l == "成文日期" && t.contains("13")),
            "{items:?}"
        );
        // The heading is marked in place too.
        assert!(r.blocks.iter().any(|b| matches!(b,
            RedlineBlock::Heading { level: 2, pieces, .. }
                if pieces.iter().any(|p| p.mark == Mark::Deleted && p.text.contains("依法")))));
    }

    #[test]
    fn a_changed_title_keeps_its_marks_across_lines() {
        let old = doc();
        let mut new = old.clone();
        new.year = 2020;
        let r = redline(&old, &new, "第1版", "第2版");
        let lines = r
            .blocks
            .iter()
            .find_map(|b| match b {
                RedlineBlock::Title { lines } => Some(lines.clone()),
                _ => None,
            })
            .unwrap();
        let all: Vec<Piece> = lines.concat();
        assert!(all
            .iter()
            .any(|p| p.mark == Mark::Inserted && p.text.contains('2')));
        assert!(all.iter().any(|p| p.mark == Mark::Deleted));
        let shown: String = all.iter().map(|p| p.text.as_str()).collect();
        assert!(shown.contains("法治政府建设情况的报告"), "{shown}");
    }

    #[test]
    fn identical_versions_say_so() {
        let d = doc();
        let r = redline(&d, &d.clone(), "第1版", "第1版");
        assert!(!r.changed);
        assert!(marked(&r, Mark::Deleted).is_empty() && marked(&r, Mark::Inserted).is_empty());
        assert!(matches!(&r.blocks[1], RedlineBlock::Legend { text } if text.contains("相同")));
    }
}
