//! A table (GB/T 9704 §8) as every output draws it: the cells on the grid (merges
//! resolved once), which rows are the header repeated on every page, the column
//! widths inside the text block, the cells' type size, and whether the table is too
//! wide for the portrait block and goes on a landscape page.
//!
//! Widths are in millimetres of the block the table stands in: the portrait block
//! (156 mm) or, turned, the landscape one (225 mm). Full width by default, each
//! column's share from the table's width hints or else from its cells' text, never
//! below [`MIN_COLUMN_EM`] characters of the cells' size plus the padding — when that
//! cannot hold in portrait, the table is marked `landscape`.

use fazhi_core::model::{Cell, Table};
use fazhi_core::Paragraph;
use serde::Serialize;

use crate::geometry::{
    cell_mm, BLOCK_HEIGHT_MM, BLOCK_LEFT_MM, BLOCK_TOP_MM, BLOCK_WIDTH_MM, BODY_PT, PAGE_HEIGHT_MM,
};
use crate::width::em_width;

/// Space between a cell's rules and its text, left and right (Word's default cell
/// margin is 1.9 mm; a little less keeps narrow columns readable).
pub const CELL_PAD_MM: f64 = 1.5;
/// The narrowest readable column: two characters of the cells' size (序号, 单位) and
/// the padding. A table that cannot give every column this much turns landscape.
pub const MIN_COLUMN_EM: f64 = 2.0;
/// A column asks for at most this many characters of width from its text: longer
/// text wraps rather than starving the other columns.
const WANT_CAP_EM: f64 = 12.0;
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

    /// Whether `c`'s text is centred: a header cell, or one short line (a number, a
    /// word); longer text is set flush left and spread like the body.
    pub fn centred(&self, c: &TableCell) -> bool {
        let lines = c.lines();
        c.header
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
    MIN_COLUMN_EM * char_mm(pt) + 2.0 * CELL_PAD_MM
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

/// What each column asks for: its hint, or the widest text of its one-column cells
/// (capped), never less than the readable minimum.
fn wanted(t: &Table, cells: &[TableCell], columns: usize, pt: f64) -> Vec<f64> {
    let min = min_column_mm(pt);
    let hinted = t.widths.len() == columns && t.widths.iter().all(|w| *w > 0);
    if hinted {
        return t.widths.iter().map(|w| f64::from(*w)).collect();
    }
    let mut want = vec![min; columns];
    for c in cells.iter().filter(|c| c.colspan == 1) {
        let em = c
            .lines()
            .iter()
            .map(|l| em_width(l))
            .fold(0.0, f64::max)
            .min(WANT_CAP_EM);
        let w = em * char_mm(pt) + 2.0 * CELL_PAD_MM;
        if let Some(x) = want.get_mut(c.col) {
            *x = x.max(w);
        }
    }
    want
}

/// `want` scaled to fill `total`, no column below `min`: columns that would fall
/// below it are held at it and the rest share what is left in proportion.
pub fn fit_widths(want: &[f64], min: f64, total: f64) -> Vec<f64> {
    let n = want.len();
    if n == 0 {
        return Vec::new();
    }
    if min * n as f64 >= total {
        return vec![total / n as f64; n];
    }
    let mut held = vec![false; n];
    loop {
        let free = total - min * held.iter().filter(|h| **h).count() as f64;
        let share: f64 = (0..n).filter(|&i| !held[i]).map(|i| want[i]).sum();
        let widths: Vec<f64> = (0..n)
            .map(|i| {
                if held[i] {
                    min
                } else if share > 0.0 {
                    want[i] / share * free
                } else {
                    free / (n - held.iter().filter(|h| **h).count()) as f64
                }
            })
            .collect();
        let mut changed = false;
        for i in 0..n {
            if !held[i] && widths[i] < min - 1e-9 {
                held[i] = true;
                changed = true;
            }
        }
        if !changed {
            return widths;
        }
    }
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
    let min = min_column_mm(cell_pt);
    let landscape = min * columns as f64 > BLOCK_WIDTH_MM + 1e-9;
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
        widths_mm: fit_widths(&want, min, total),
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
        let row: Vec<String> = (0..12).map(|i| format!("列{i}")).collect();
        let p = para(Table::from_texts([row.clone()], 1));
        let t = table_block(&p).unwrap();
        assert!(t.landscape);
        assert!((t.width_mm() - TURNED_BLOCK_WIDTH_MM).abs() < 1e-6);
        // The same twelve columns in 四号 fit the portrait block.
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
        let w = fit_widths(&[1.0, 100.0, 1.0], 20.0, 156.0);
        assert!((w[0] - 20.0).abs() < 1e-9 && (w[2] - 20.0).abs() < 1e-9);
        assert!((w.iter().sum::<f64>() - 156.0).abs() < 1e-9);
        let w = fit_widths(&[1.0; 10], 20.0, 156.0);
        assert!(w.iter().all(|x| (x - 15.6).abs() < 1e-9));
    }
}
