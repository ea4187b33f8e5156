//! A table (GB/T 9704 §8) as every output draws it: the cells on the grid (merges
//! resolved once), which rows are the header repeated on every page, the column
//! widths inside the text block, the cells' type size, and whether the table is too
//! wide for the portrait block and goes on a landscape page.
//!
//! Widths are in millimetres of the block the table stands in: the portrait block
//! (156 mm) or, turned, the landscape one (225 mm). Full width by default, each
//! column's share from the table's width hints or else from its cells' text, never
//! below its floor: the longest run its cells' lines never break (a number with its
//! 千分位 and 小数点, a date, a word, a character with its brackets —
//! [`longest_unbreakable_em`]) and at least [`MIN_COLUMN_EM`] characters, at their
//! natural size, plus the padding and a rule. When the floors do not fit the portrait block, the table is marked
//! `landscape`. Before the rest is shared out, a column is given (as far as the block
//! allows, the cheapest first) the width of its longest short cell (≤ [`SHORT_CELL_CHARS`] characters:
//! 已完成, 持续推进), so that such a cell is one line, not 已完/成.

use fazhi_core::model::{Cell, Table};
use fazhi_core::Paragraph;
use serde::Serialize;

use crate::geometry::{
    cell_mm, BLOCK_HEIGHT_MM, BLOCK_LEFT_MM, BLOCK_TOP_MM, BLOCK_WIDTH_MM, BODY_PT, PAGE_HEIGHT_MM,
};
use crate::width::{em_width, longest_unbreakable_em};

/// Space between a cell's rules and its text, left and right (Word's default cell
/// margin is 1.9 mm; a little less keeps narrow columns readable).
pub const CELL_PAD_MM: f64 = 1.5;
/// The narrowest readable column: two characters of the cells' size (序号, 单位) and
/// the padding. A table that cannot give every column this much turns landscape.
pub const MIN_COLUMN_EM: f64 = 2.0;
/// A column asks for at most this many characters of width from its text: longer
/// text wraps rather than starving the other columns.
const WANT_CAP_EM: f64 = 12.0;
/// A cell line this short (已完成, 持续推进, 其他行政处罚) is given its width before the
/// rest is shared out, and a cell of such lines is centred.
pub const SHORT_CELL_CHARS: usize = 6;
/// The grid lines' thickness (a hairline that prints: 0.5 pt).
pub const GRID_RULE_MM: f64 = 0.18;

/// The landscape block in the turned page's frame (the sheet turned a quarter so
/// that its left, binding, edge is the top): 225 mm wide, 156 mm high, its left edge
/// the sheet's bottom margin (35 mm) and its top the binding margin (28 mm).
pub const TURNED_BLOCK_LEFT_MM: f64 = PAGE_HEIGHT_MM - BLOCK_TOP_MM - BLOCK_HEIGHT_MM;
pub const TURNED_BLOCK_TOP_MM: f64 = BLOCK_LEFT_MM;
pub const TURNED_BLOCK_WIDTH_MM: f64 = BLOCK_HEIGHT_MM;
pub const TURNED_BLOCK_HEIGHT_MM: f64 = BLOCK_WIDTH_MM;

/// One cell at its place on the grid.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableCell<'a> {
    pub row: usize,
    pub col: usize,
    pub colspan: usize,
    pub rowspan: usize,
    /// In the header rows (repeated on every page; `<th>`, 黑体).
    pub header: bool,
    pub paragraphs: Vec<&'a Paragraph>,
}

impl TableCell<'_> {
    /// The cell's text, one line per paragraph (blank paragraphs dropped).
    pub fn lines(&self) -> Vec<&str> {
        self.paragraphs
            .iter()
            .map(|p| p.text.trim())
            .filter(|t| !t.is_empty())
            .collect()
    }
}

/// A table laid out for every output.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TableBlock<'a> {
    pub node_id: &'a str,
    /// 表题, centred above the table.
    pub title: Option<String>,
    /// The first rows, repeated at the top of every page the table spans.
    pub header_rows: usize,
    pub rows: usize,
    pub columns: usize,
    /// One per column, in mm, summing to the block's width (portrait or landscape).
    pub widths_mm: Vec<f64>,
    /// The cells' type size: 16 (三号, the body's) unless the table asks for less.
    pub cell_pt: f64,
    /// Too wide for the portrait block: set on landscape pages, its top towards the
    /// binding edge (GB/T 9704 §8).
    pub landscape: bool,
    /// Row by row, left to right; merged cells once, where they start.
    pub cells: Vec<TableCell<'a>>,
}

impl TableBlock<'_> {
    /// The width of the block the table fills.
    pub fn width_mm(&self) -> f64 {
        self.widths_mm.iter().sum()
    }

    /// Left edges of the columns and the right edge of the last, from the block's
    /// left edge.
    pub fn column_edges_mm(&self) -> Vec<f64> {
        let mut x = 0.0;
        let mut out = vec![0.0];
        for w in &self.widths_mm {
            x += w;
            out.push(x);
        }
        out
    }

    /// The width of `c`'s text: its columns less the padding.
    pub fn text_width_mm(&self, c: &TableCell) -> f64 {
        let end = (c.col + c.colspan).min(self.columns);
        let w: f64 = self.widths_mm[c.col.min(end)..end].iter().sum();
        (w - 2.0 * CELL_PAD_MM).max(char_mm(self.cell_pt))
    }

    /// Whether `c`'s text is centred: a header cell, short lines (a number, a word:
    /// 已完成, never spread as 已　　完/成), or one line that fits; longer text is set
    /// flush left and spread like the body (its last line not).
    pub fn centred(&self, c: &TableCell) -> bool {
        let lines = c.lines();
        c.header
            || lines.iter().all(|l| l.chars().count() <= SHORT_CELL_CHARS)
            || lines.len() <= 1
                && lines.first().is_none_or(|l| {
                    em_width(l) * char_mm(self.cell_pt) <= self.text_width_mm(c) + 1e-6
                })
    }

    /// The cells starting in row `r`.
    pub fn row_cells(&self, r: usize) -> impl Iterator<Item = &TableCell<'_>> {
        self.cells.iter().filter(move |c| c.row == r)
    }
}

/// The width of one character of `pt` text, as the grid counts it (三号 = 156/28 mm).
pub fn char_mm(pt: f64) -> f64 {
    cell_mm() * pt / BODY_PT
}

/// The narrowest readable column for cells of `pt`.
pub fn min_column_mm(pt: f64) -> f64 {
    run_mm(MIN_COLUMN_EM, pt)
}

/// Cells on their grid places. A table whose merges do not make a rectangle (the
/// validator refuses it on save; an old file might still hold one) is drawn with its
/// spans dropped and short rows filled, never refused here.
fn place_cells(t: &Table) -> (Vec<TableCell<'_>>, usize) {
    let header_rows = t.header_rows as usize;
    fn cell(r: usize, col: usize, c: &Cell, spans: (usize, usize), header: bool) -> TableCell<'_> {
        TableCell {
            row: r,
            col,
            colspan: spans.0,
            rowspan: spans.1,
            header,
            paragraphs: c.paragraphs.iter().collect(),
        }
    }
    match t.grid() {
        Ok(g) => {
            let mut out = Vec::new();
            for (r, (row, places)) in t.rows.iter().zip(&g.places).enumerate() {
                for (c, at) in row.iter().zip(places) {
                    out.push(cell(
                        r,
                        at.col,
                        c,
                        (c.colspan as usize, c.rowspan as usize),
                        r < header_rows,
                    ));
                }
            }
            (out, g.columns)
        }
        Err(_) => {
            let columns = t.rows.iter().map(Vec::len).max().unwrap_or(0);
            let mut out = Vec::new();
            for (r, row) in t.rows.iter().enumerate() {
                for (i, c) in row.iter().enumerate() {
                    out.push(cell(r, i, c, (1, 1), r < header_rows));
                }
            }
            (out, columns)
        }
    }
}

/// The one-column cells of each column.
fn column_cells<'c, 'a>(
    cells: &'c [TableCell<'a>],
    columns: usize,
) -> impl Iterator<Item = (usize, &'c TableCell<'a>)> {
    cells
        .iter()
        .filter(move |c| c.colspan == 1 && c.col < columns)
        .map(|c| (c.col, c))
}

/// Each column's floor: its longest unbreakable run (never less than
/// [`MIN_COLUMN_EM`]) plus the padding.
fn floors(cells: &[TableCell], columns: usize, pt: f64) -> Vec<f64> {
    let mut em = vec![MIN_COLUMN_EM; columns];
    for (col, c) in column_cells(cells, columns) {
        for l in c.lines() {
            em[col] = em[col].max(longest_unbreakable_em(l));
        }
    }
    em.into_iter().map(|e| run_mm(e, pt)).collect()
}

/// A column holding `em` characters of `pt` text on one line in every output: the
/// characters at their natural size (a word processor sets a cell's text off the
/// body's 28-character grid: 三号 is 5.64 mm there, 5.57 mm on the grid, and
/// LibreOffice put 吊销许可证 one character a line in a column of 2 grid characters),
/// the padding and a grid rule.
fn run_mm(em: f64, pt: f64) -> f64 {
    em * pt * 25.4 / 72.0 + 2.0 * CELL_PAD_MM + GRID_RULE_MM
}

/// What each column would like at least: its floor, or the width of its longest
/// short cell line (≤ [`SHORT_CELL_CHARS`] characters) if wider.
fn short_cells(cells: &[TableCell], floor: &[f64], pt: f64) -> Vec<f64> {
    let mut out = floor.to_vec();
    for (col, c) in column_cells(cells, floor.len()) {
        for l in c.lines() {
            if l.chars().count() <= SHORT_CELL_CHARS {
                out[col] = out[col].max(run_mm(em_width(l), pt));
            }
        }
    }
    out
}

/// What each column asks for: its hint, or the widest text of its one-column cells
/// (capped), never less than the readable minimum.
fn wanted(t: &Table, cells: &[TableCell], columns: usize, pt: f64) -> Vec<f64> {
    let min = min_column_mm(pt);
    let hinted = t.widths.len() == columns && t.widths.iter().all(|w| *w > 0);
    if hinted {
        return t.widths.iter().map(|w| f64::from(*w)).collect();
    }
    let mut want = vec![min; columns];
    for (col, c) in column_cells(cells, columns) {
        let em = c
            .lines()
            .iter()
            .map(|l| em_width(l))
            .fold(0.0, f64::max)
            .min(WANT_CAP_EM);
        let w = em * char_mm(pt) + 2.0 * CELL_PAD_MM;
        want[col] = want[col].max(w);
    }
    want
}

/// `want` scaled to fill `total`, no column below its floor: columns that would fall
/// below theirs are held at it and the rest share what is left in proportion. Floors
/// that do not fit `total` are scaled down to it together.
pub fn fit_widths(want: &[f64], floor: &[f64], total: f64) -> Vec<f64> {
    let n = want.len();
    if n == 0 {
        return Vec::new();
    }
    let floor_sum: f64 = floor.iter().sum();
    if floor_sum >= total {
        return floor.iter().map(|f| f / floor_sum * total).collect();
    }
    let mut held = vec![false; n];
    loop {
        let free = total - (0..n).filter(|&i| held[i]).map(|i| floor[i]).sum::<f64>();
        let share: f64 = (0..n).filter(|&i| !held[i]).map(|i| want[i]).sum();
        let open = held.iter().filter(|h| !**h).count();
        let widths: Vec<f64> = (0..n)
            .map(|i| {
                if held[i] {
                    floor[i]
                } else if share > 0.0 {
                    want[i] / share * free
                } else {
                    free / open as f64
                }
            })
            .collect();
        let mut changed = false;
        for i in 0..n {
            if !held[i] && widths[i] < floor[i] - 1e-9 {
                held[i] = true;
                changed = true;
            }
        }
        if !changed {
            return widths;
        }
    }
}

/// The floors a table is fitted with in `total`: each column's `short` width when all
/// fit; else columns get theirs whole, the cheapest first, while what the floors leave
/// lasts (a column given part of its short width would still break its short cell:
/// 行政许/可), and the rest is shared out as the text asks.
fn held_widths(floor: &[f64], short: &[f64], total: f64) -> Vec<f64> {
    if short.iter().sum::<f64>() <= total + 1e-9 {
        return short.to_vec();
    }
    let mut left = total - floor.iter().sum::<f64>();
    let mut order: Vec<usize> = (0..floor.len()).collect();
    order.sort_by(|&a, &b| (short[a] - floor[a]).total_cmp(&(short[b] - floor[b])));
    let mut out = floor.to_vec();
    for i in order {
        let need = short[i] - floor[i];
        if need <= left + 1e-9 {
            out[i] = short[i];
            left -= need;
        }
    }
    out
}

/// The table of paragraph `p` laid out, or `None` when it has no cells.
pub fn table_block(p: &Paragraph) -> Option<TableBlock<'_>> {
    let t = p.table.as_ref()?;
    let (cells, columns) = place_cells(t);
    if cells.is_empty() || columns == 0 {
        return None;
    }
    let cell_pt = f64::from(t.cell_size.unwrap_or_default().points());
    let want = wanted(t, &cells, columns, cell_pt);
    let floor = floors(&cells, columns, cell_pt);
    let landscape = floor.iter().sum::<f64>() > BLOCK_WIDTH_MM + 1e-9;
    let total = if landscape {
        TURNED_BLOCK_WIDTH_MM
    } else {
        BLOCK_WIDTH_MM
    };
    let title = t
        .title
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string);
    Some(TableBlock {
        node_id: &p.id,
        title,
        header_rows: (t.header_rows as usize).min(t.rows.len()),
        rows: t.rows.len(),
        columns,
        widths_mm: fit_widths(
            &want,
            &held_widths(&floor, &short_cells(&cells, &floor, cell_pt), total),
            total,
        ),
        cell_pt,
        landscape,
        cells,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::model::CellSize;

    fn para(t: Table) -> Paragraph {
        let mut p = Paragraph::new("");
        p.table = Some(t);
        p
    }

    #[test]
    fn full_width_by_default_with_narrow_columns_for_short_text() {
        let p = para(Table::from_texts(
            [
                ["序号", "工作任务", "完成情况"],
                ["1", "推进行政决策合法性审查全覆盖", "已完成"],
            ],
            1,
        ));
        let t = table_block(&p).unwrap();
        assert!(!t.landscape);
        assert!((t.width_mm() - BLOCK_WIDTH_MM).abs() < 1e-6);
        assert!(t.widths_mm[0] < t.widths_mm[2] && t.widths_mm[2] < t.widths_mm[1]);
        assert!(t.widths_mm[0] >= min_column_mm(16.0) - 1e-9);
        assert_eq!(t.header_rows, 1);
        assert!(t.cells[0].header && !t.cells[3].header);
        assert_eq!(t.column_edges_mm().len(), 4);
    }

    #[test]
    fn hints_set_the_proportions() {
        let mut tb = Table::from_texts([["甲", "乙", "丙"]], 0);
        tb.widths = vec![1, 3, 1];
        let p = para(tb);
        let t = table_block(&p).unwrap();
        assert!((t.widths_mm[1] - 3.0 * t.widths_mm[0]).abs() < 1e-6);
        assert!((t.width_mm() - BLOCK_WIDTH_MM).abs() < 1e-6);
    }

    #[test]
    fn too_many_columns_turn_landscape_and_a_smaller_size_fits_more() {
        // Eleven columns of two characters at their natural size, the padding and a
        // rule: 159 mm in 三号, 144 mm in 四号.
        let row: Vec<String> = (0..11).map(|i| format!("列{i}")).collect();
        let p = para(Table::from_texts([row.clone()], 1));
        let t = table_block(&p).unwrap();
        assert!(t.landscape);
        assert!((t.width_mm() - TURNED_BLOCK_WIDTH_MM).abs() < 1e-6);
        // The same eleven columns in 四号 fit the portrait block.
        let mut tb = Table::from_texts([row], 1);
        tb.cell_size = Some(CellSize::Sihao);
        let p = para(tb);
        let t = table_block(&p).unwrap();
        assert!(!t.landscape);
        assert_eq!(t.cell_pt, 14.0);
        assert!(t.widths_mm.iter().all(|w| *w >= min_column_mm(14.0) - 1e-9));
    }

    #[test]
    fn merges_are_placed_on_the_grid() {
        let tb = Table {
            header_rows: 1,
            rows: vec![
                vec![Cell::spanning("类别", 1, 2), Cell::spanning("案件数", 2, 1)],
                vec![Cell::new("复议"), Cell::new("诉讼")],
                vec![Cell::new("合计"), Cell::new("3"), Cell::new("4")],
            ],
            ..Table::default()
        };
        let p = para(tb);
        let t = table_block(&p).unwrap();
        assert_eq!(t.columns, 3);
        let places: Vec<(usize, usize, usize, usize)> = t
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.colspan, c.rowspan))
            .collect();
        assert_eq!(
            places,
            [
                (0, 0, 1, 2),
                (0, 1, 2, 1),
                (1, 1, 1, 1),
                (1, 2, 1, 1),
                (2, 0, 1, 1),
                (2, 1, 1, 1),
                (2, 2, 1, 1)
            ]
        );
    }

    #[test]
    fn a_ragged_table_is_drawn_not_refused() {
        let tb = Table {
            rows: vec![
                vec![Cell::new("甲"), Cell::new("乙")],
                vec![Cell::new("丙")],
            ],
            ..Table::default()
        };
        let p = para(tb);
        let t = table_block(&p).unwrap();
        assert_eq!(t.columns, 2);
        assert_eq!(t.cells.len(), 3);
        assert!(table_block(&para(Table::default())).is_none());
    }

    #[test]
    fn widths_never_fall_below_the_minimum() {
        let w = fit_widths(&[1.0, 100.0, 1.0], &[20.0, 20.0, 30.0], 156.0);
        assert!((w[0] - 20.0).abs() < 1e-9 && (w[2] - 30.0).abs() < 1e-9);
        assert!((w.iter().sum::<f64>() - 156.0).abs() < 1e-9);
        let w = fit_widths(&[1.0; 10], &[20.0; 10], 156.0);
        assert!(w.iter().all(|x| (x - 15.6).abs() < 1e-9));
    }

    /// The 行政处罚 table of 庆元县's 2023 report (fazhi-import's real-tables fixture
    /// trs-qingyuan.html): 11 columns, long header cells, one row of numbers.
    fn qingyuan() -> Table {
        Table::from_texts(
            [
                vec![
                    "警告、通报批评",
                    "罚款",
                    "没收违法所得、没收非法财物",
                    "暂扣许可证、执照，降低资质等级",
                    "吊销许可证、执照",
                    "限制开展生产经营活动",
                    "责令停产停业、责令关闭、限制从业",
                    "行政拘留",
                    "其他行政处罚",
                    "合计（宗）",
                    "罚没金额（万元）",
                ],
                vec![
                    "12175", "94,929", "235", "189", "101", "0", "11", "504", "12", "108,156",
                    "1753.79",
                ],
            ],
            1,
        )
    }

    #[test]
    fn no_column_is_narrower_than_its_numbers_and_brackets() {
        // Before: every column held only at 2 characters (14.1 mm), the table portrait
        // (11 × 14.1 < 156 mm) and 1753.79 (3.5 em) in 2.5 em of text.
        let p = para(qingyuan());
        let t = table_block(&p).unwrap();
        assert!(t.landscape, "the floors do not fit 156 mm");
        assert!((t.width_mm() - TURNED_BLOCK_WIDTH_MM).abs() < 1e-6);
        let ch = char_mm(t.cell_pt);
        for c in &t.cells {
            for l in c.lines() {
                let need = longest_unbreakable_em(l) * ch;
                assert!(
                    t.text_width_mm(c) >= need - 1e-6,
                    "{l}: {:.1} mm for {need:.1}",
                    t.text_width_mm(c)
                );
            }
        }
        // 合计（宗）: （宗） is 3 characters, never （宗 / ）.
        assert!(t.text_width_mm(&t.cells[9]) >= 3.0 * ch - 1e-6);
    }

    #[test]
    fn a_short_cell_gets_its_width_before_the_rest_is_shared() {
        // The hanweb tasks table (西平县, real-tables hanweb-tasks.html): 完成情况 took
        // 2.6 em of text and 已完成 was set 已　　完 / 成.
        let p = para(Table::from_texts(
            [
                ["序号", "任务类别", "重点任务", "责任单位", "完成情况"],
                [
                    "1",
                    "依法全面履行政府职能",
                    "为推动经济高质量发展提供法治保障",
                    "县政府办公室县司法局",
                    "已完成",
                ],
                [
                    "3",
                    "规范性文件监督管理",
                    "严格落实重大行政决策程序制度，推行合法性审查全覆盖",
                    "县卫健委",
                    "持续推进",
                ],
            ],
            1,
        ));
        let t = table_block(&p).unwrap();
        let ch = char_mm(t.cell_pt);
        for c in t
            .cells
            .iter()
            .filter(|c| c.row > 0 && [0, 4].contains(&c.col))
        {
            let l = c.lines()[0];
            assert!(
                t.text_width_mm(c) >= em_width(l) * ch - 1e-6,
                "{l} in {:.1} mm",
                t.text_width_mm(c)
            );
            assert!(t.centred(c), "{l}");
        }
        let task = t.cells.iter().find(|c| c.row == 1 && c.col == 2).unwrap();
        assert!(!t.centred(task), "the long task is set flush left");
    }

    #[test]
    fn floors_wider_than_the_landscape_block_share_it() {
        let row: Vec<String> = (0..20).map(|i| format!("{}", 1_000_000 + i)).collect();
        let p = para(Table::from_texts([row], 0));
        let t = table_block(&p).unwrap();
        assert!(t.landscape);
        assert!((t.width_mm() - TURNED_BLOCK_WIDTH_MM).abs() < 1e-6);
        assert!(t.widths_mm.windows(2).all(|w| (w[0] - w[1]).abs() < 1e-9));
    }
}
