//! Tables among the blocks. They take no part in the text phases (a table is
//! no title, heading, signature or date): the line naming a table just above
//! it becomes its 表题 first, and once the report is built each table is put
//! back right after the node its preceding block became — in the preface, a
//! part or section, the closing or an 附件 — so it stands where it stood.

use fazhi_core::model::{Attachment, Paragraph, Section};
use fazhi_core::Document;

use super::headings::{Heading, Kind};
use super::{attachments, Block, Builder, Line};
use crate::tables::{RawCell, RawTable};
use crate::Uncertain;

/// Blocks holding a table: their indexes.
pub(super) fn positions(blocks: &[Block]) -> Vec<usize> {
    (0..blocks.len())
        .filter(|&i| blocks[i].table.is_some())
        .collect()
}

/// A one-line block just above a table that names it (…情况表, 表1 …, or only
/// its number 表一) becomes the table's title, its spaces cleaned, with a
/// number line above it (表一 / 庆元县…统计表 on two lines) joined in front;
/// unless it is an 附件's own title (the line after 附件1).
pub(super) fn take_titles(blocks: &mut [Block]) {
    for k in 0..blocks.len() {
        if let Some(t) = blocks[k].table.as_mut() {
            t.take_title_row();
        }
        if blocks[k].table.as_ref().is_none_or(|t| t.caption.is_some()) {
            continue;
        }
        let filled = |b: &Block| b.table.is_some() || !b.text.trim().is_empty();
        let Some(mut j) = (0..k).rev().find(|&j| filled(&blocks[j])) else {
            continue;
        };
        // 单位：件 between the 表题 and the table (set right-aligned by many
        // offices): the title is the line above it, the unit goes with it.
        let mut unit = None;
        if blocks[j].table.is_none() && crate::tables::unit_line(&blocks[j].text) {
            match (0..j).rev().find(|&i| filled(&blocks[i])) {
                Some(i) => {
                    unit = Some(j);
                    j = i;
                }
                None => continue,
            }
        }
        let text = blocks[j].text.trim().to_string();
        let number = crate::tables::number_only(&text);
        if blocks[j].table.is_some()
            || text.contains('\n')
            || !(crate::tables::title_like(&text) || number)
        {
            continue;
        }
        let above = (0..j).rev().find(|&i| filled(&blocks[i]));
        if above.is_some_and(|i| attachments::is_label(&blocks[i].text)) {
            continue;
        }
        let mut title = crate::tables::title_text(&text);
        // 表一 on its own line above the 表题: one title, 表一 庆元县…统计表.
        if let Some(i) = above.filter(|&i| {
            !number && blocks[i].table.is_none() && crate::tables::number_only(&blocks[i].text)
        }) {
            let n = crate::tables::title_text(&blocks[i].text);
            title = format!("{} {title}", n.trim_end_matches(['：', ':']));
            blocks[i].text.clear();
        }
        if let Some(u) = unit {
            let line = crate::tables::cell_text(&blocks[u].text);
            let inner = line
                .trim_start_matches(['（', '('])
                .trim_end_matches(['）', ')']);
            if !title.contains("单位") {
                title = format!("{title}（{inner}）");
            }
            blocks[u].text.clear();
        }
        if let Some(t) = blocks[k].table.as_mut() {
            t.caption = Some(title);
        }
        blocks[j].text.clear();
    }
}

/// A line that only announces a table's notes: 说明： 注： 备注：.
fn note_label(text: &str) -> bool {
    let t = text.trim().trim_end_matches(['：', ':']).trim();
    matches!(t, "说明" | "注" | "备注" | "注释" | "填表说明" | "数据说明")
}

/// The numbered notes under a table (说明： then 1.… 2.…, as 行政执法数据 tables
/// are published) are the table's notes, not sections: the 1./（1）/① lines
/// right after a note label that follows a table lose their heading reading.
pub(super) fn notes_are_no_headings(
    lines: &[Line],
    headings: &mut [Option<Heading>],
    table_blocks: &[usize],
) {
    for i in 0..lines.len() {
        if !note_label(&lines[i].text) {
            continue;
        }
        let from = i.checked_sub(1).map_or(0, |p| lines[p].block);
        let after_table = table_blocks
            .iter()
            .any(|&t| t >= from && t < lines[i].block);
        if !after_table {
            continue;
        }
        for h in headings.iter_mut().skip(i + 1) {
            match h {
                Some(x) if matches!(x.kind, Kind::Dot | Kind::ParenNum | Kind::Circled) => {
                    *h = None
                }
                _ => break,
            }
        }
    }
}

/// Puts each table into the built report after the node of the nearest block
/// above it that became one (the start of the preface when none did).
pub(super) fn put_back(b: &mut Builder, doc: &mut Document, tables: Vec<(usize, RawTable)>) {
    for (k, raw) in tables {
        let Some((table, note)) = raw.into_table() else {
            continue;
        };
        let p = Paragraph::table(table);
        let id = p.id.clone();
        let after = (0..k.min(b.block_last.len()))
            .rev()
            .find_map(|j| b.block_last[j].clone());
        place(doc, after.as_deref(), p);
        b.note_block(k, &id);
        if let Some(message) = note {
            b.uncertain.push(Uncertain {
                node_id: Some(id),
                message: format!("{message}，请核对。"),
                excerpt: String::new(),
            });
        }
    }
}

/// Inserts `p` after the node `after` (a paragraph: after it in its list; a
/// part, section or attachment: first among its paragraphs), or at the start
/// of the preface.
fn place(doc: &mut Document, after: Option<&str>, p: Paragraph) {
    let Some(id) = after else {
        doc.preface.insert(0, p);
        return;
    };
    fn in_list(ps: &mut Vec<Paragraph>, id: &str, p: &mut Option<Paragraph>) {
        if let Some(i) = ps.iter().position(|x| x.id == id) {
            if let Some(p) = p.take() {
                ps.insert(i + 1, p);
            }
        }
    }
    fn in_section(s: &mut Section, id: &str, p: &mut Option<Paragraph>) {
        if s.id == id {
            if let Some(p) = p.take() {
                s.paragraphs.insert(0, p);
            }
            return;
        }
        in_list(&mut s.paragraphs, id, p);
        for c in &mut s.sections {
            if p.is_some() {
                in_section(c, id, p);
            }
        }
    }
    let mut p = Some(p);
    in_list(&mut doc.preface, id, &mut p);
    for part in &mut doc.parts {
        if p.is_none() {
            return;
        }
        if part.id == id {
            if let Some(p) = p.take() {
                part.paragraphs.insert(0, p);
            }
            return;
        }
        in_list(&mut part.paragraphs, id, &mut p);
        for s in &mut part.sections {
            if p.is_some() {
                in_section(s, id, &mut p);
            }
        }
    }
    in_list(&mut doc.closing, id, &mut p);
    for a in &mut doc.attachments {
        if p.is_none() {
            return;
        }
        attachment(a, id, &mut p);
    }
    // The node was not found (never expected): the table is kept, at the end
    // of the body.
    if let Some(p) = p {
        match doc.parts.last_mut() {
            Some(part) => part.paragraphs.push(p),
            None => doc.preface.push(p),
        }
    }
}

fn attachment(a: &mut Attachment, id: &str, p: &mut Option<Paragraph>) {
    if a.id == id {
        if let Some(p) = p.take() {
            a.paragraphs.insert(0, p);
        }
        return;
    }
    if let Some(i) = a.paragraphs.iter().position(|x| x.id == id) {
        if let Some(p) = p.take() {
            a.paragraphs.insert(i + 1, p);
        }
    }
}

/// Cells of a line that is a table row as a page's text shows one: cells
/// closed by `|` (`省份  | 数量  | 广东  | 31392  |`, as copied from a
/// rendered page) or a Markdown row (`| 项目 | 数量 |`); `None` for any
/// other line, a Markdown rule (`|---|---|`) included.
fn pipe_cells(line: &str) -> Option<Vec<String>> {
    let t = line.trim();
    let t = t.strip_suffix(['|', '｜'])?;
    let t = t.strip_prefix(['|', '｜']).unwrap_or(t);
    let cells: Vec<String> = t.split(['|', '｜']).map(|c| c.trim().to_string()).collect();
    let text = cells.iter().filter(|c| !c.is_empty()).count();
    (cells.len() >= 2 && text >= 1).then_some(cells)
}

fn markdown_rule(line: &str) -> bool {
    let t = line.trim();
    t.starts_with(['|', '｜'])
        && t.contains('-')
        && t.chars()
            .all(|c| matches!(c, '|' | '｜' | '-' | ':' | ' ' | '\u{3000}'))
}

/// Runs of two or more table-row lines in plain text (a page's text copied
/// as it renders, a Markdown table) → one table block each: a cell per `|`,
/// a row whose only text is its first cell (行政处罚实施数量（宗） | |||| —
/// a heading over the columns) spanning the table, a Markdown header rule
/// making the rows above it header rows. A run with a line of the page's
/// chrome (索引号 | … | 发文字号 | …) is left to the chrome rules.
pub(super) fn from_text_rows(blocks: &mut Vec<Block>) {
    let row =
        |b: &Block| b.table.is_none() && (pipe_cells(&b.text).is_some() || markdown_rule(&b.text));
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        let start = i;
        while i < blocks.len() && row(&blocks[i]) {
            i += 1;
        }
        let run = &blocks[start..i];
        let rows = run.iter().filter(|b| pipe_cells(&b.text).is_some()).count();
        let chrome = run
            .iter()
            .any(|b| crate::chrome::reason(b.text.trim()).is_some());
        if rows < 2 || chrome {
            if i == start {
                i += 1;
            }
            out.extend(blocks[start..i].iter().cloned());
            continue;
        }
        let mut raw = RawTable::default();
        for b in run {
            if markdown_rule(&b.text) {
                if raw.header_rows == 0 {
                    raw.header_rows = raw.rows.len() as u32;
                }
                continue;
            }
            let cells = pipe_cells(&b.text).unwrap_or_default();
            let lead_only = cells.len() >= 2 && cells[1..].iter().all(String::is_empty);
            let row: Vec<RawCell> = if lead_only {
                vec![RawCell {
                    colspan: cells.len() as u32,
                    ..RawCell::new(vec![cells[0].clone()])
                }]
            } else {
                cells.into_iter().map(|c| RawCell::new(vec![c])).collect()
            };
            raw.rows.push(row);
        }
        out.push(Block {
            table: Some(raw),
            ..blocks[start].clone()
        });
        out.last_mut().expect("pushed").text.clear();
    }
    *blocks = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks(lines: &[&str]) -> Vec<Block> {
        lines
            .iter()
            .map(|l| Block {
                text: l.to_string(),
                ..Block::default()
            })
            .collect()
    }

    #[test]
    fn pipe_rows_and_markdown_tables() {
        let mut b = blocks(&[
            "首页 | 政务公开 | 无障碍",
            "项目 | 2023年 |",
            "收案 | 12 |",
            "其中：撤销 | 3 |",
            "正文一段。",
            "| 序号 | 任务 |",
            "|---|:---:|",
            "| 1 | 普法 |",
            "段落。",
            "只有一行 | 不成表 |",
        ]);
        from_text_rows(&mut b);
        let texts: Vec<&str> = b.iter().map(|x| x.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "首页 | 政务公开 | 无障碍",
                "",
                "正文一段。",
                "",
                "段落。",
                "只有一行 | 不成表 |"
            ]
        );
        let t = b[1].table.clone().unwrap().into_table().unwrap().0;
        assert_eq!(
            (t.rows.len(), t.header_rows),
            (3, 1),
            "the row above the numbers"
        );
        let m = b[3].table.as_ref().unwrap();
        assert_eq!((m.rows.len(), m.header_rows), (2, 1));
        assert_eq!(m.rows[1][1].lines, ["普法"]);
    }

    #[test]
    fn an_index_block_stays_for_the_chrome_rules() {
        // As the yongchang.gov.cn page's text shows its 信息公开 index.
        let mut b = blocks(&[
            "索 引 号 | 11620300013909010R/2025-48086 | 主题分类 | 金政发 |",
            "发文字号 | 金政发〔2025〕33号 | 制发机构 | |",
            "有效性 | |||",
            "成文日期 | 2025-06-13 | 发布日期 | 2025-06-30 |",
            "标 题 | 金昌市人民政府关于印发《金昌市创建全国法治政府建设示范市实施方案》的通知 |",
        ]);
        from_text_rows(&mut b);
        assert!(b.iter().all(|x| x.table.is_none()));
    }

    #[test]
    fn a_unit_line_between_title_and_table_goes_with_the_title() {
        let mut b = blocks(&["见下表：", "行政复议案件统计表", "单位：件"]);
        b.push(Block {
            table: Some(RawTable::default()),
            ..Block::default()
        });
        take_titles(&mut b);
        assert_eq!(
            b[3].table.as_ref().unwrap().caption.as_deref(),
            Some("行政复议案件统计表（单位：件）")
        );
        assert_eq!((b[1].text.as_str(), b[2].text.as_str()), ("", ""));
        // No title above the unit: the unit line stays.
        let mut b = blocks(&["见下表：", "（单位：万元）"]);
        b.push(Block {
            table: Some(RawTable::default()),
            ..Block::default()
        });
        take_titles(&mut b);
        assert_eq!(b[1].text, "（单位：万元）");
        assert!(b[2].table.as_ref().unwrap().caption.is_none());
    }

    #[test]
    fn a_number_line_joins_the_title_below_it() {
        let mut b = blocks(&["见下表：", "表一", "行政处罚情况统计表"]);
        b.push(Block {
            table: Some(RawTable::default()),
            ..Block::default()
        });
        take_titles(&mut b);
        assert_eq!(
            b[3].table.as_ref().unwrap().caption.as_deref(),
            Some("表一 行政处罚情况统计表")
        );
        assert_eq!((b[1].text.as_str(), b[2].text.as_str()), ("", ""));
        assert_eq!(b[0].text, "见下表：");
    }
}
