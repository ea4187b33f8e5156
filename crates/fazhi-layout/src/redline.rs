//! The 花脸稿 (redline) of two versions of a report, as blocks every output draws alike
//! (the PDF typesetter and the DOCX exporter): a header line naming the two versions, a
//! legend, the title and the body with every character marked as kept, inserted (blue,
//! underlined) or deleted (red, struck through), then the list of heading and metadata
//! changes (headings are also marked in place; metadata is not in the body).
//!
//! The comparison itself is `fazhi_core::diff` (blocks matched in reading order,
//! character spans inside a changed block); this module only decides what is shown.

use fazhi_core::diff::{
    compare, BlockKind, Change, DiffBlock, DiffStats, Span, CELL_LABEL, TABLE_LABEL,
};
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

/// A metadata value as read: a date as 2020年3月13日, anything else as stored.
fn meta_value(b: &DiffBlock, v: &str) -> String {
    if b.label.contains("日期") {
        if let Some(d) = fazhi_core::dates::iso_to_official(v) {
            return d;
        }
    }
    v.to_string()
}

/// The pieces of a listed metadata change: the old value struck whole, then the new
/// one underlined whole (a date or a 发文字号 read character by character is no help).
fn meta_pieces(b: &DiffBlock) -> Vec<Piece> {
    let mut out = Vec::new();
    if let Some(old) = b.old.as_deref().filter(|_| b.change != Change::Added) {
        out.push(Piece {
            text: meta_value(b, old),
            mark: Mark::Deleted,
        });
    }
    if let Some(new) = b.new.as_deref().filter(|_| b.change != Change::Removed) {
        out.push(Piece {
            text: meta_value(b, new),
            mark: Mark::Inserted,
        });
    }
    out.retain(|p| !p.text.is_empty());
    out
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
/// 表格“表题”第2行第3列 for a table cell (`table`: the title of the table it is in),
/// 表题 for a table's title, the metadata field's name otherwise.
fn list_label(b: &DiffBlock, table: &str) -> String {
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
        BlockKind::Paragraph if b.label == CELL_LABEL => {
            if table.is_empty() {
                format!("表格{}{what}", b.number)
            } else {
                format!("表格“{table}”{}{what}", b.number)
            }
        }
        BlockKind::Paragraph if b.label == TABLE_LABEL => format!("表格{what}"),
        _ => format!("{}{what}", b.label),
    }
}

/// Level of a heading block for the typesetter: attachments' titles are level 1.
fn level(b: &DiffBlock) -> usize {
    usize::from(b.level.clamp(1, 4))
}

/// A heading's number as set before its text: 一、 and （一） carry their own
/// punctuation; an attachment's 附件1 is set apart from its title by a space
/// (else "附件1" ran into "2023年度…" as 附件12023年度…).
fn heading_number(b: &DiffBlock) -> String {
    if b.number.starts_with("附件") {
        format!("{}　", b.number)
    } else {
        b.number.clone()
    }
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
    // The title of the table whose cells follow (cells come after their table).
    let mut table = String::new();
    for b in &c.blocks {
        let ps = pieces(b);
        if b.label == TABLE_LABEL {
            table = b.new.clone().or_else(|| b.old.clone()).unwrap_or_default();
        }
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
                number: heading_number(b),
                pieces: ps.clone(),
            }),
            BlockKind::Paragraph => {
                if !ps.is_empty() {
                    blocks.push(RedlineBlock::Para { pieces: ps.clone() });
                }
            }
            BlockKind::Meta => {}
        }
        // Headings, metadata and tables' cells and titles are listed with their
        // place: a table's cells stand in the body as paragraphs, so the list says
        // which cell of which table changed.
        let in_table = b.label == CELL_LABEL || b.label == TABLE_LABEL;
        if b.change != Change::Same && (b.kind != BlockKind::Paragraph || in_table) {
            let pieces = if b.kind == BlockKind::Meta {
                meta_pieces(b)
            } else {
                ps
            };
            listed.push(RedlineBlock::ListItem {
                label: list_label(b, &table),
                pieces,
            });
        }
    }
    if !listed.is_empty() {
        blocks.push(RedlineBlock::Blank);
        let tables = listed.iter().any(
            |b| matches!(b, RedlineBlock::ListItem { label, .. } if label.starts_with("表格")),
        );
        blocks.push(RedlineBlock::ListHeading {
            text: if tables {
                "标题、报告信息和表格的修改".into()
            } else {
                "标题和报告信息的修改".into()
            },
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

    fn listed(r: &Redline) -> Vec<(String, Vec<Piece>)> {
        r.blocks
            .iter()
            .filter_map(|b| match b {
                RedlineBlock::ListItem { label, pieces } => Some((label.clone(), pieces.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn a_metadata_value_is_listed_whole_old_then_new() {
        let old = doc();
        let mut new = old.clone();
        new.date = Some("2020-03-13".into());
        new.doc_number = Some("梅政呈〔2020〕3号".into());
        let r = redline(&old, &new, "第1版", "第2版");
        let items = listed(&r);
        let date = &items.iter().find(|(l, _)| l == "成文日期").unwrap().1;
        assert_eq!(
            date,
            &vec![
                Piece {
                    text: "2020年3月1日".into(),
                    mark: Mark::Deleted
                },
                Piece {
                    text: "2020年3月13日".into(),
                    mark: Mark::Inserted
                },
            ]
        );
        let number = &items
            .iter()
            .find(|(l, _)| l.starts_with("发文字号"))
            .unwrap()
            .1;
        assert_eq!(shown_text(number), "梅政呈〔2020〕3号");
        assert!(number.iter().all(|p| p.mark == Mark::Inserted));
    }

    #[test]
    fn a_changed_table_cell_is_in_the_body_and_listed_with_its_place() {
        use fazhi_core::model::{Cell, Table};
        let cell = |t: &str| Cell {
            colspan: 1,
            rowspan: 1,
            paragraphs: vec![Paragraph::new(t)],
        };
        let mut old = doc();
        let mut table = Paragraph::new("");
        table.table = Some(Table {
            title: Some("行政复议案件统计表".into()),
            header_rows: 1,
            rows: vec![
                vec![cell("类别"), cell("件数")],
                vec![cell("受理"), cell("全年120件")],
            ],
            ..Table::default()
        });
        old.parts[0].sections[0].paragraphs.push(table);
        let mut new = old.clone();
        new.parts[0].sections[0].paragraphs[1]
            .table
            .as_mut()
            .unwrap()
            .rows[1][1]
            .paragraphs[0]
            .text = "全年135件".into();
        let r = redline(&old, &new, "第1版", "第2版");
        // In the body, in its place after the paragraph before the table.
        let deleted = marked(&r, Mark::Deleted).concat();
        let inserted = marked(&r, Mark::Inserted).concat();
        assert!(deleted.contains("20"), "{deleted}");
        assert!(inserted.contains("35"), "{inserted}");
        // And listed, with the table and the cell named.
        let items = listed(&r);
        assert!(
            items
                .iter()
                .any(|(l, p)| l.starts_with("表格“行政复议案件统计表”第2行第2列")
                    && shown_text(p).contains("35")),
            "{items:?}"
        );
        assert!(r
            .blocks
            .iter()
            .any(|b| matches!(b, RedlineBlock::ListHeading { text } if text.contains("表格"))));
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
    fn an_attachment_s_number_is_set_apart_from_its_title() {
        use fazhi_core::model::Attachment;
        let old = doc();
        let mut new = old.clone();
        new.attachments
            .push(Attachment::new("2023年度重点任务完成情况表"));
        let r = redline(&old, &new, "第1版", "第2版");
        let number = r
            .blocks
            .iter()
            .find_map(|b| match b {
                RedlineBlock::Heading { number, .. } if number.starts_with("附件") => {
                    Some(number.clone())
                }
                _ => None,
            })
            .unwrap();
        assert_eq!(number, "附件1　");
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
