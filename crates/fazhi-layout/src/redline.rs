//! The 花脸稿 (redline) of two versions of a report, as blocks every output draws alike
//! (the PDF typesetter and the DOCX exporter): a header line naming the two versions, a
//! legend, the title and the body with every character marked as kept, inserted (blue,
//! underlined) or deleted (red, struck through), then the list of heading and metadata
//! changes (headings are also marked in place; metadata is not in the body).
//!
//! The comparison itself is `fazhi_core::diff` (blocks matched in reading order,
//! character spans inside a changed block); this module only decides what is shown.
//!
//! [tables #21] A table is shown as a table ([`RedlineBlock::Table`]), on the grid of
//! the newer version (its header rows, merges, widths and cell size), each cell's
//! text marked by the same character diff as a paragraph. The rule when the two
//! versions' tables differ in shape:
//! - rows are matched by their text in order (longest common subsequence); between
//!   two matched rows, an older and a newer row with the same number of cells
//!   and alike (their first cells equal, or at least 40 % of their characters
//!   shared, the diff's rule for paragraphs) are the same row changed (each cell
//!   diffed by place), else the newer row is inserted (its text blue) and the
//!   older one removed;
//! - a removed row is not on the grid (the grid is the newer table's): it is listed
//!   in red under the table as 删去的行（第1版第R行）：cell　cell…;
//! - a table only in the newer version is set whole in blue, a table only in the
//!   older one on its own grid whole in red;
//! - inside a matched cell, paragraphs pair by place; extra ones are inserted or
//!   deleted.
//!
//! Changed cells are also listed by their place (表格“表题”第R行第C列) in the list
//! of heading, metadata and table changes.

use fazhi_core::diff::char_spans;
use fazhi_core::diff::{
    compare, BlockKind, Change, DiffBlock, DiffStats, Span, CELL_LABEL, TABLE_LABEL,
};
use fazhi_core::model::{Cell, CellSize, NodeKind, NodeRef, Table};
use fazhi_core::{Document, Paragraph};
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
    /// [tables #21] A table on the newer version's grid, its cells marked.
    Table(RedlineTable),
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

/// [tables #21] One cell of a [`RedlineTable`]: its span and its paragraphs' pieces.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedlineCell {
    pub colspan: u32,
    pub rowspan: u32,
    pub paragraphs: Vec<Vec<Piece>>,
}

/// [tables #21] A table of the 花脸稿: the grid of the version that has it (the newer
/// one when both do), each cell's text marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RedlineTable {
    /// 表题, marked (empty: none).
    pub title: Vec<Piece>,
    pub header_rows: u32,
    pub widths: Vec<u32>,
    pub cell_size: Option<CellSize>,
    pub rows: Vec<Vec<RedlineCell>>,
}

impl RedlineTable {
    /// The table as the outputs' table layout takes it: every cell's shown text
    /// (deleted and inserted both), so that the grid, the column widths and the line
    /// breaks make room for both.
    pub fn shown(&self) -> Table {
        let title = shown_text(&self.title);
        Table {
            title: (!title.trim().is_empty()).then_some(title),
            header_rows: self.header_rows,
            rows: self
                .rows
                .iter()
                .map(|row| {
                    row.iter()
                        .map(|c| Cell {
                            colspan: c.colspan,
                            rowspan: c.rowspan,
                            paragraphs: c
                                .paragraphs
                                .iter()
                                .map(|ps| Paragraph::new(shown_text(ps)))
                                .collect(),
                        })
                        .collect()
                })
                .collect(),
            widths: self.widths.clone(),
            cell_size: self.cell_size,
        }
    }

    /// The cells' pieces in the order the table layout lists its cells (row by row,
    /// left to right), each cell's paragraphs in order.
    pub fn cells(&self) -> impl Iterator<Item = &RedlineCell> {
        self.rows.iter().flatten()
    }
}

/// Pieces of `text` all marked `mark`.
fn whole(text: &str, mark: Mark) -> Vec<Piece> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Piece {
            text: text.to_string(),
            mark,
        }]
    }
}

/// The pieces from `old` to `new` by the character diff.
fn diff_pieces(old: &str, new: &str) -> Vec<Piece> {
    char_spans(old, new)
        .into_iter()
        .filter(|s| !s.text.is_empty())
        .map(|s| Piece {
            mark: match s.change {
                Change::Added => Mark::Inserted,
                Change::Removed => Mark::Deleted,
                _ => Mark::Same,
            },
            text: s.text,
        })
        .collect()
}

/// A cell of one version, every paragraph marked `mark`.
fn cell_whole(c: &Cell, mark: Mark) -> RedlineCell {
    RedlineCell {
        colspan: c.colspan,
        rowspan: c.rowspan,
        paragraphs: c.paragraphs.iter().map(|p| whole(&p.text, mark)).collect(),
    }
}

/// The newer cell `new` marked against the older `old`: paragraphs paired by place.
fn cell_diff(old: &Cell, new: &Cell) -> RedlineCell {
    let n = old.paragraphs.len().max(new.paragraphs.len());
    let paragraphs = (0..n)
        .map(|i| match (old.paragraphs.get(i), new.paragraphs.get(i)) {
            (Some(o), Some(x)) => diff_pieces(&o.text, &x.text),
            (None, Some(x)) => whole(&x.text, Mark::Inserted),
            (Some(o), None) => whole(&o.text, Mark::Deleted),
            (None, None) => Vec::new(),
        })
        .collect();
    RedlineCell {
        colspan: new.colspan,
        rowspan: new.rowspan,
        paragraphs,
    }
}

/// A row's text as compared: its cells' paragraphs, separated.
fn row_key(row: &[Cell]) -> String {
    row.iter()
        .map(|c| {
            c.paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\t")
}

/// Whether an older and a newer row are one row changed (the module comment's rule).
fn same_row(old: &[Cell], new: &[Cell]) -> bool {
    if old.len() != new.len() {
        return false;
    }
    let first = |r: &[Cell]| r.first().map(|c| row_key(std::slice::from_ref(c)));
    if first(old) == first(new) && first(old).is_some_and(|t| !t.trim().is_empty()) {
        return true;
    }
    let (a, b) = (row_key(old), row_key(new));
    let total = a.chars().count() + b.chars().count();
    let shared: usize = char_spans(&a, &b)
        .iter()
        .filter(|s| s.change == Change::Same)
        .map(|s| s.text.chars().count())
        .sum();
    total > 0 && (2 * shared) as f64 >= 0.4 * total as f64
}

/// Pairs of equal items of `a` and `b` in order (a longest common subsequence).
fn common(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    let mut len = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            len[i][j] = if a[i] == b[j] {
                len[i + 1][j + 1] + 1
            } else {
                len[i + 1][j].max(len[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n && j < m {
        if a[i] == b[j] {
            out.push((i, j));
            i += 1;
            j += 1;
        } else if len[i + 1][j] >= len[i][j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    out
}

/// Older rows not on the newer grid: their 0-based place and their cells.
type Removed<'t> = Vec<(usize, &'t [Cell])>;

/// The newer table `new` marked against the older `old` (the rule in the module
/// comment), and the older rows not on the newer grid (0-based, with their cells).
fn table_diff<'t>(old: &'t Table, new: &Table) -> (Vec<Vec<RedlineCell>>, Removed<'t>) {
    let ka: Vec<String> = old.rows.iter().map(|r| row_key(r)).collect();
    let kb: Vec<String> = new.rows.iter().map(|r| row_key(r)).collect();
    let mut pairs = common(&ka, &kb);
    pairs.push((old.rows.len(), new.rows.len()));
    let mut rows = Vec::with_capacity(new.rows.len());
    let mut removed = Vec::new();
    let (mut i, mut j) = (0, 0);
    for (pi, pj) in pairs {
        // The gap before the pair: older rows i..pi, newer rows j..pj.
        while j < pj {
            // The first older row of the gap that is this row changed; the older
            // rows before it are removed.
            match (i..pi).find(|&k| same_row(&old.rows[k], &new.rows[j])) {
                Some(k) => {
                    removed.extend((i..k).map(|r| (r, old.rows[r].as_slice())));
                    rows.push(
                        old.rows[k]
                            .iter()
                            .zip(&new.rows[j])
                            .map(|(a, b)| cell_diff(a, b))
                            .collect(),
                    );
                    i = k + 1;
                }
                None => rows.push(
                    new.rows[j]
                        .iter()
                        .map(|c| cell_whole(c, Mark::Inserted))
                        .collect(),
                ),
            }
            j += 1;
        }
        while i < pi {
            removed.push((i, old.rows[i].as_slice()));
            i += 1;
        }
        if pj < new.rows.len() {
            rows.push(
                new.rows[pj]
                    .iter()
                    .map(|c| cell_whole(c, Mark::Same))
                    .collect(),
            );
        }
        i = pi + 1;
        j = pj + 1;
    }
    (rows, removed)
}

/// The 花脸稿's blocks for a table of `old` and/or `new` (`from`: the older version's
/// name): the table, then the older rows it does not show.
fn table_blocks(old: Option<&Table>, new: Option<&Table>, from: &str) -> Vec<RedlineBlock> {
    let title = |t: Option<&Table>| t.and_then(|t| t.title.clone()).unwrap_or_default();
    let (grid, rows, removed) = match (old, new) {
        (Some(o), Some(n)) => {
            let (rows, removed) = table_diff(o, n);
            (n, rows, removed)
        }
        (None, Some(n)) => (
            n,
            n.rows
                .iter()
                .map(|r| r.iter().map(|c| cell_whole(c, Mark::Inserted)).collect())
                .collect(),
            Vec::new(),
        ),
        (Some(o), None) => (
            o,
            o.rows
                .iter()
                .map(|r| r.iter().map(|c| cell_whole(c, Mark::Deleted)).collect())
                .collect(),
            Vec::new(),
        ),
        (None, None) => return Vec::new(),
    };
    let title = match (old, new) {
        (Some(_), Some(_)) => diff_pieces(&title(old), &title(new)),
        (None, _) => whole(&title(new), Mark::Inserted),
        (_, None) => whole(&title(old), Mark::Deleted),
    };
    let mut out = vec![RedlineBlock::Table(RedlineTable {
        title,
        header_rows: grid.header_rows,
        widths: grid.widths.clone(),
        cell_size: grid.cell_size,
        rows,
    })];
    for (r, cells) in removed {
        let text: Vec<String> = cells
            .iter()
            .map(|c| {
                c.paragraphs
                    .iter()
                    .map(|p| p.text.trim())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let mut pieces = whole(&format!("删去的行（{from}第{}行）：", r + 1), Mark::Same);
        pieces.extend(whole(&text.join("　"), Mark::Deleted));
        out.push(RedlineBlock::Para { pieces });
    }
    out
}

/// The tables of `doc` in reading order.
fn tables(doc: &Document) -> Vec<&Table> {
    doc.nodes()
        .filter(|n| n.kind == NodeKind::Table)
        .filter_map(|n| match n.item {
            NodeRef::Table(_, t) => Some(t),
            _ => None,
        })
        .collect()
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
    // The tables of each version, taken in order as their 表格 blocks come.
    let (old_tables, new_tables) = (tables(old), tables(new));
    let (mut old_at, mut new_at) = (0, 0);
    for b in &c.blocks {
        let ps = pieces(b);
        if b.label == TABLE_LABEL {
            table = b.new.clone().or_else(|| b.old.clone()).unwrap_or_default();
            let o = b.old.is_some().then(|| old_tables.get(old_at)).flatten();
            let n = b.new.is_some().then(|| new_tables.get(new_at)).flatten();
            old_at += usize::from(b.old.is_some());
            new_at += usize::from(b.new.is_some());
            blocks.extend(table_blocks(o.copied(), n.copied(), from));
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
            // A table and its cells are set as the table above.
            BlockKind::Paragraph if b.label == TABLE_LABEL || b.label == CELL_LABEL => {}
            BlockKind::Paragraph => {
                if !ps.is_empty() {
                    blocks.push(RedlineBlock::Para { pieces: ps.clone() });
                }
            }
            BlockKind::Meta => {}
        }
        // Headings, metadata and tables' cells and titles are listed with their
        // place: the list says which cell of which table changed.
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
            let ps: Vec<&Piece> = match b {
                RedlineBlock::Para { pieces } => pieces.iter().collect(),
                RedlineBlock::Table(t) => t
                    .cells()
                    .flat_map(|c| c.paragraphs.iter().flatten())
                    .collect(),
                _ => Vec::new(),
            };
            out.extend(ps.iter().filter(|p| p.mark == mark).map(|p| p.text.clone()));
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

    fn table_doc(rows: &[&[&str]]) -> Document {
        use fazhi_core::model::Table;
        let mut d = doc();
        let mut t = Table::from_texts(
            rows.iter()
                .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
            1,
        );
        t.title = Some("行政复议案件统计表".into());
        d.parts[0].sections[0].paragraphs.push(Paragraph::table(t));
        d
    }

    fn the_table(r: &Redline) -> &RedlineTable {
        r.blocks
            .iter()
            .find_map(|b| match b {
                RedlineBlock::Table(t) => Some(t),
                _ => None,
            })
            .expect("a table block")
    }

    /// Each cell's pieces as text with [..] around deleted and {..} around inserted.
    fn cells(t: &RedlineTable) -> Vec<Vec<String>> {
        t.rows
            .iter()
            .map(|row| {
                row.iter()
                    .map(|c| {
                        c.paragraphs
                            .iter()
                            .flatten()
                            .map(|p| match p.mark {
                                Mark::Same => p.text.clone(),
                                Mark::Deleted => format!("[{}]", p.text),
                                Mark::Inserted => format!("{{{}}}", p.text),
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn a_table_is_one_block_on_the_grid_its_cells_marked() {
        let old = table_doc(&[&["类别", "件数"], &["受理", "120"], &["纠错", "15"]]);
        let new = table_doc(&[&["类别", "件数"], &["受理", "135"], &["纠错", "15"]]);
        let r = redline(&old, &new, "第1版", "第2版");
        let t = the_table(&r);
        assert_eq!(t.header_rows, 1);
        assert_eq!(
            cells(t),
            [["类别", "件数"], ["受理", "1[20]{35}"], ["纠错", "15"]]
        );
        assert_eq!(shown_text(&t.title), "行政复议案件统计表");
        // The cells are not set again as paragraphs under the table.
        assert!(!r.blocks.iter().any(
            |b| matches!(b, RedlineBlock::Para { pieces } if shown_text(pieces).contains("受理"))
        ));
        // The layout's table takes the shown text: both numbers have room.
        let shown = t.shown();
        assert_eq!(shown.rows[1][1].paragraphs[0].text, "12035");
        assert_eq!(shown.title.as_deref(), Some("行政复议案件统计表"));
    }

    #[test]
    fn an_added_row_is_blue_on_the_grid_and_a_removed_row_is_listed_in_red_below() {
        let old = table_doc(&[
            &["类别", "件数"],
            &["受理", "120"],
            &["纠错", "15"],
            &["调解", "8"],
        ]);
        let new = table_doc(&[
            &["类别", "件数"],
            &["受理", "120"],
            &["复议", "30"],
            &["调解", "9"],
        ]);
        let r = redline(&old, &new, "第1版", "第2版");
        let t = the_table(&r);
        // 纠错/15 and 复议/30 share no text: the newer row is inserted, the older
        // removed; 调解 is the same row changed.
        assert_eq!(
            cells(t),
            [
                vec!["类别", "件数"],
                vec!["受理", "120"],
                vec!["{复议}", "{30}"],
                vec!["调解", "[8]{9}"],
            ]
        );
        let i = r
            .blocks
            .iter()
            .position(|b| matches!(b, RedlineBlock::Table(_)))
            .unwrap();
        match &r.blocks[i + 1] {
            RedlineBlock::Para { pieces } => {
                assert_eq!(pieces[0].text, "删去的行（第1版第3行）：");
                assert_eq!(pieces[0].mark, Mark::Same);
                assert_eq!(pieces[1].text, "纠错　15");
                assert_eq!(pieces[1].mark, Mark::Deleted);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_added_table_is_blue_and_a_removed_one_red_on_its_own_grid() {
        let old = doc();
        let new = table_doc(&[&["类别", "件数"], &["受理", "120"]]);
        let r = redline(&old, &new, "第1版", "第2版");
        let t = the_table(&r);
        assert!(t
            .cells()
            .flat_map(|c| c.paragraphs.iter().flatten())
            .all(|p| p.mark == Mark::Inserted));
        assert!(t.title.iter().all(|p| p.mark == Mark::Inserted));
        let r = redline(&new, &old, "第2版", "第3版");
        let t = the_table(&r);
        assert_eq!(cells(t)[1], ["[受理]", "[120]"]);
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
