//! Tables (GB/T 9704 §8) set in type from the layout model's [`TableBlock`] (cells on
//! the grid, column widths, cell size, landscape decided there): each cell's text
//! broken with the same 禁则 as the body, one line per grid row, centred in its cell's
//! rows; the grid lines; then onto pages — the title kept with the header and the
//! first row, the header rows repeated at the top of every page the table spans, a
//! row (rows joined by a vertical merge) kept whole unless it is taller than a page.
//!
//! A landscape table goes on pages of their own, set in the turned frame
//! ([`Turned`]): the sheet turned a quarter, its top the binding edge; the page
//! numbers stay where every other page has them.

use fazhi_layout::redline::Mark;
use fazhi_layout::table::{
    CELL_PAD_MM, GRID_RULE_MM, TURNED_BLOCK_HEIGHT_MM, TURNED_BLOCK_LEFT_MM, TURNED_BLOCK_TOP_MM,
    TURNED_BLOCK_WIDTH_MM,
};
use fazhi_layout::width::unbreakable_runs;
use fazhi_layout::{TableBlock, TableCell};

use super::grid::{
    cell_mm, row_mm, BLOCK_LEFT_MM, BLOCK_TOP_MM, BLOCK_WIDTH_MM, BODY_PT, LINES_PER_PAGE,
};
use super::linebreak::break_clusters;
use super::metrics::{FontRole, Metrics};
use super::page::{LineKind, Rule, Turned};
use super::pager::Pager;
use super::place::{place, run_width, shifted, Draft};
use super::shape::{clusters, shape, Cluster};

/// The block a table is set in: the portrait text block, or the landscape block of
/// a turned page (in the turned frame).
#[derive(Debug, Clone, Copy)]
pub(super) struct Surface {
    left_mm: f32,
    top_mm: f32,
    width_mm: f32,
    /// Grid rows on one page.
    rows: usize,
    turned: bool,
}

impl Surface {
    fn portrait() -> Surface {
        Surface {
            left_mm: BLOCK_LEFT_MM,
            top_mm: BLOCK_TOP_MM,
            width_mm: BLOCK_WIDTH_MM,
            rows: LINES_PER_PAGE,
            turned: false,
        }
    }

    /// The landscape block at the body's row pitch: 15 rows in its 156 mm.
    fn turned() -> Surface {
        Surface {
            left_mm: TURNED_BLOCK_LEFT_MM as f32,
            top_mm: TURNED_BLOCK_TOP_MM as f32,
            width_mm: TURNED_BLOCK_WIDTH_MM as f32,
            rows: (TURNED_BLOCK_HEIGHT_MM as f32 / row_mm()).floor() as usize,
            turned: true,
        }
    }

    fn row_top(&self, row: usize) -> f32 {
        self.top_mm + row as f32 * row_mm()
    }

    fn right_mm(&self) -> f32 {
        self.left_mm + self.width_mm
    }
}

/// A line of a band: its row from the band's top, the line, and (花脸稿) each
/// glyph's mark (empty: unmarked).
type BandLine = (usize, Draft, Vec<Mark>);

/// A grid line of a band, in rows from the band's top.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Stroke {
    /// Along the top of row `row` (a cell's bottom edge).
    H { row: usize, x0: f32, x1: f32 },
    /// Down from the top of `row0` to the top of `row1` (a cell's left edge).
    V { x: f32, row0: usize, row1: usize },
}

/// Table rows that stay together on a page: one row, or rows joined by a vertical
/// merge. Its lines and strokes are in rows from its top; its top edge is drawn by
/// what is above it (the previous band's cells, or the rule opening a page).
#[derive(Debug, Clone)]
pub(super) struct Band {
    rows: usize,
    lines: Vec<BandLine>,
    strokes: Vec<Stroke>,
}

impl Band {
    /// The first `k` rows and the rest (a band taller than a page is cut).
    fn split(self, k: usize) -> (Band, Band) {
        let mut a = Band {
            rows: k,
            lines: Vec::new(),
            strokes: Vec::new(),
        };
        let mut b = Band {
            rows: self.rows - k,
            lines: Vec::new(),
            strokes: Vec::new(),
        };
        for (r, d, m) in self.lines {
            if r < k {
                a.lines.push((r, d, m));
            } else {
                b.lines.push((r - k, d, m));
            }
        }
        for s in self.strokes {
            match s {
                Stroke::H { row, .. } if row <= k => a.strokes.push(s),
                Stroke::H { row, x0, x1 } => b.strokes.push(Stroke::H {
                    row: row - k,
                    x0,
                    x1,
                }),
                Stroke::V { x, row0, row1 } => {
                    if row0 < k {
                        a.strokes.push(Stroke::V {
                            x,
                            row0,
                            row1: row1.min(k),
                        });
                    }
                    if row1 > k {
                        b.strokes.push(Stroke::V {
                            x,
                            row0: row0.saturating_sub(k),
                            row1: row1 - k,
                        });
                    }
                }
            }
        }
        (a, b)
    }
}

/// A table set in type, ready for the pager.
#[derive(Debug, Clone)]
pub(super) struct SetTable {
    surface: Surface,
    /// The 表题's lines, each glyph's mark (花脸稿; empty: unmarked).
    title: Vec<(Draft, Vec<Mark>)>,
    /// The header rows, repeated on every page.
    header: Option<Band>,
    body: Vec<Band>,
}

/// The width of one character of `pt` text on the grid.
fn unit_mm(pt: f32) -> f32 {
    cell_mm() * pt / BODY_PT
}

/// Lines of `text` in `font`, each at most `cap` characters of `unit` mm wide, centred
/// between `x0` and `x1` (`centre`) or flush left at `x0` and spread but for the last.
#[allow(clippy::too_many_arguments)]
fn set_lines(
    text: &str,
    font: FontRole,
    kind: LineKind,
    (x0, x1): (f32, f32),
    pt: f32,
    centre: bool,
    metrics: &dyn Metrics,
) -> Vec<Draft> {
    let unit = unit_mm(pt);
    let cap = ((x1 - x0) / unit).max(1.0);
    let chars = shape(&[(text.to_string(), font)], metrics);
    if chars.is_empty() {
        return Vec::new();
    }
    let broken = break_clusters(&chars, kept_whole(text, clusters(&chars)), cap, cap, false);
    let n = broken.len();
    broken
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let last = i + 1 == n;
            let justify = !centre && !last;
            let glyphs = place(&chars[line.range], cap, justify, unit, pt, 0.0);
            let left = if centre {
                x0 + ((x1 - x0) - run_width(&glyphs)).max(0.0) / 2.0
            } else {
                x0
            };
            Draft {
                kind,
                font,
                size_pt: pt,
                glyphs: shifted(glyphs, left),
                justified: justify,
                paragraph_end: last,
            }
        })
        .collect()
}

/// `cl` joined where the layout's [`unbreakable_runs`] of `text` go on (94,929 and
/// 1753.79 whole, as the column floors count them): a cell line never breaks inside a
/// number, a word or a character with its brackets.
fn kept_whole(text: &str, cl: Vec<Cluster>) -> Vec<Cluster> {
    // The characters as `shape` keeps them.
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\n' | '\r' | '\t'))
        .collect();
    let mut starts = vec![false; text.chars().count() + 1];
    for r in unbreakable_runs(&text) {
        starts[r.start] = true;
    }
    let mut out: Vec<Cluster> = Vec::with_capacity(cl.len());
    for c in cl {
        match out.last_mut() {
            Some(last) if !starts.get(c.start).copied().unwrap_or(true) => last.end = c.end,
            _ => out.push(c),
        }
    }
    out
}

/// A cell's lines: header cells in 黑体, body cells in 仿宋; centred as the layout
/// says (headers, one short line), else flush left and spread like the body.
fn cell_lines(
    c: &TableCell,
    (x0, x1): (f32, f32),
    pt: f32,
    centre: bool,
    metrics: &dyn Metrics,
) -> Vec<Draft> {
    let (font, kind) = if c.header {
        (FontRole::Hei, LineKind::TableHeader)
    } else {
        (FontRole::Fang, LineKind::TableCell)
    };
    let pad = CELL_PAD_MM as f32;
    let inner = (x0 + pad, (x1 - pad).max(x0 + pad + unit_mm(pt)));
    c.lines()
        .iter()
        .flat_map(|text| set_lines(text, font, kind, inner, pt, centre, metrics))
        .collect()
}

/// Groups of rows kept together, from `start`: each row and every row a vertical
/// merge starting in the group reaches; the first group is at least `min_end` rows.
fn groups(t: &TableBlock, min_end: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < t.rows {
        let mut end = if start == 0 {
            min_end.max(1)
        } else {
            start + 1
        };
        let mut r = start;
        while r < end {
            for c in t.row_cells(r) {
                end = end.max(r + c.rowspan);
            }
            r += 1;
        }
        let end = end.min(t.rows);
        out.push(start..end);
        start = end;
    }
    out
}

/// Rows `range` of the table as a band.
fn band(
    t: &TableBlock,
    range: std::ops::Range<usize>,
    heights: &[usize],
    lines: &[Vec<(Draft, Vec<Mark>)>],
    edges: &[f32],
) -> Band {
    let mut off = vec![0usize; range.len() + 1];
    for (i, r) in range.clone().enumerate() {
        off[i + 1] = off[i] + heights[r];
    }
    let at = |r: usize| off[r.min(range.end) - range.start];
    let mut b = Band {
        rows: off[range.len()],
        lines: Vec::new(),
        strokes: Vec::new(),
    };
    for (c, ls) in t.cells.iter().zip(lines) {
        if !range.contains(&c.row) {
            continue;
        }
        let (top, bottom) = (at(c.row), at(c.row + c.rowspan));
        let first = top + (bottom - top).saturating_sub(ls.len()) / 2;
        b.lines.extend(
            ls.iter()
                .enumerate()
                .map(|(i, (d, m))| (first + i, d.clone(), m.clone())),
        );
        let (x0, x1) = (
            edges[c.col],
            edges[(c.col + c.colspan).min(edges.len() - 1)],
        );
        b.strokes.push(Stroke::V {
            x: x0,
            row0: top,
            row1: bottom,
        });
        b.strokes.push(Stroke::H {
            row: bottom,
            x0,
            x1,
        });
    }
    if let Some(&right) = edges.last() {
        b.strokes.push(Stroke::V {
            x: right,
            row0: 0,
            row1: b.rows,
        });
    }
    b
}

/// The table of the layout model set in type.
pub(super) fn set_table(t: &TableBlock, metrics: &dyn Metrics) -> SetTable {
    set_marked_table(t, None, metrics)
}

/// The marks of a 花脸稿's table: the title's characters and each cell's (in the
/// order of [`TableBlock::cells`]), in order, with their marks.
pub(super) struct TableMarks<'m> {
    pub(super) title: &'m [(char, Mark)],
    pub(super) cells: &'m [Vec<(char, Mark)>],
}

/// [tables #21] The table set in type, each glyph taking its mark from `marks`.
pub(super) fn set_marked_table(
    t: &TableBlock,
    marks: Option<&TableMarks>,
    metrics: &dyn Metrics,
) -> SetTable {
    let surface = if t.landscape {
        Surface::turned()
    } else {
        Surface::portrait()
    };
    // The layout's widths fill the block; scaled in case of rounding.
    let scale = surface.width_mm / (t.width_mm() as f32).max(1.0);
    let edges: Vec<f32> = t
        .column_edges_mm()
        .iter()
        .map(|e| surface.left_mm + *e as f32 * scale)
        .collect();
    let pt = t.cell_pt as f32;
    let last = edges.len() - 1;
    let lines: Vec<Vec<(Draft, Vec<Mark>)>> = t
        .cells
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let x1 = edges[(c.col + c.colspan).min(last)];
            let drafts = cell_lines(c, (edges[c.col.min(last)], x1), pt, t.centred(c), metrics);
            let marks = match marks.and_then(|m| m.cells.get(i)) {
                Some(source) => super::redline::glyph_marks(&drafts, source),
                None => vec![Vec::new(); drafts.len()],
            };
            drafts.into_iter().zip(marks).collect()
        })
        .collect();
    // Each row as high as its tallest one-row cell; a merged cell that needs more
    // than its rows give lengthens its last row.
    let mut heights = vec![1usize; t.rows];
    for (c, ls) in t.cells.iter().zip(&lines) {
        if c.rowspan == 1 {
            heights[c.row] = heights[c.row].max(ls.len());
        }
    }
    for (c, ls) in t.cells.iter().zip(&lines) {
        let end = (c.row + c.rowspan).min(t.rows);
        let have: usize = heights[c.row..end].iter().sum();
        if ls.len() > have {
            heights[end - 1] += ls.len() - have;
        }
    }
    let mut bands: Vec<Band> = groups(t, t.header_rows)
        .into_iter()
        .map(|g| band(t, g, &heights, &lines, &edges))
        .collect();
    // A header as tall as a page cannot repeat: it is set as rows like the others.
    let header = (t.header_rows > 0 && !bands.is_empty())
        .then(|| bands.remove(0))
        .and_then(|h| {
            if h.rows < surface.rows {
                Some(h)
            } else {
                bands.insert(0, h);
                None
            }
        });
    let title = t
        .title
        .as_deref()
        .map(|s| {
            set_lines(
                s,
                FontRole::Hei,
                LineKind::TableTitle,
                (surface.left_mm, surface.right_mm()),
                BODY_PT,
                true,
                metrics,
            )
        })
        .unwrap_or_default();
    let title_marks = match marks {
        Some(m) => super::redline::glyph_marks(&title, m.title),
        None => vec![Vec::new(); title.len()],
    };
    let title = title.into_iter().zip(title_marks).collect();
    SetTable {
        surface,
        title,
        header,
        body: bands,
    }
}

/// The lines, rules and (花脸稿) marks of the page being filled: the page's, or its
/// turned frame's.
type Target<'p> = (
    &'p mut Vec<super::page::Line>,
    &'p mut Vec<Rule>,
    &'p mut Vec<super::redline::SpanMark>,
);

fn target(p: &mut Pager, turned: bool) -> Option<Target<'_>> {
    let page = p.pages.last_mut()?;
    if turned {
        let t = page.turned.get_or_insert_with(Turned::default);
        Some((&mut t.lines, &mut t.rules, &mut t.marks))
    } else {
        Some((&mut page.lines, &mut page.rules, &mut page.marks))
    }
}

fn grid_rule_mm() -> f32 {
    GRID_RULE_MM as f32
}

/// Draws `band` with its top on row `row` of the page being filled; marked glyphs
/// (花脸稿) become the marks of the page or of its turned frame, beside their lines.
fn put_band(p: &mut Pager, s: &Surface, band: &Band, row: usize) {
    let Some((lines, rules, marks)) = target(p, s.turned) else {
        return;
    };
    for (r, d, m) in &band.lines {
        marks.extend(super::redline::span_marks(lines.len(), m));
        let mut l = d.clone().into_line(row + r);
        l.y_mm += s.top_mm - BLOCK_TOP_MM;
        lines.push(l);
    }
    for st in &band.strokes {
        rules.push(match *st {
            Stroke::H { row: r, x0, x1 } => {
                Rule::horizontal(x0, x1, s.row_top(row + r), grid_rule_mm(), false)
            }
            Stroke::V { x, row0, row1 } => Rule::vertical(
                x,
                s.row_top(row + row0),
                s.row_top(row + row1),
                grid_rule_mm(),
            ),
        });
    }
}

/// A full-width rule along the top of row `row`: the table's top edge on each page,
/// and its bottom edge where a row is cut.
fn put_edge(p: &mut Pager, s: &Surface, row: usize) {
    if let Some((_, rules, _)) = target(p, s.turned) {
        rules.push(Rule::horizontal(
            s.left_mm,
            s.right_mm(),
            s.row_top(row),
            grid_rule_mm(),
            false,
        ));
    }
}

/// The table's top edge and its header rows on the page being filled.
fn open_page(p: &mut Pager, t: &SetTable) {
    put_edge(p, &t.surface, p.row);
    if let Some(h) = &t.header {
        put_band(p, &t.surface, h, p.row);
        p.row += h.rows;
    }
}

fn new_page(p: &mut Pager, t: &SetTable) {
    p.new_page();
    if t.surface.turned {
        if let Some(page) = p.pages.last_mut() {
            page.turned = Some(Turned::default());
        }
    }
}

impl SetTable {
    /// Whether `put_table` starts the table on a new portrait page when the pager is at
    /// `row` (the title, the header and the first row do not fit below it).
    pub(super) fn starts_next_page(&self, row: usize) -> bool {
        let s = &self.surface;
        if s.turned {
            return false;
        }
        let header_rows = self.header.as_ref().map_or(0, |h| h.rows);
        let first = self.body.first().map_or(0, |b| b.rows);
        let need = (self.title.len() + header_rows + first).min(s.rows);
        row >= s.rows || (row > 0 && need > s.rows - row)
    }
}

/// Puts the table on the pages from the pager's row on.
pub(super) fn put_table(p: &mut Pager, t: SetTable) {
    let s = t.surface;
    if s.turned {
        // A landscape table has pages of its own.
        if p.row > 0 || p.pages.last().is_some_and(|pg| !pg.lines.is_empty()) {
            p.new_page();
        }
        if let Some(page) = p.pages.last_mut() {
            page.turned = Some(Turned::default());
        }
        p.row = 0;
    } else if t.starts_next_page(p.row) {
        // The title stays with the header and the first row.
        new_page(p, &t);
    }
    let header_rows = t.header.as_ref().map_or(0, |h| h.rows);
    for (d, m) in &t.title {
        let band = Band {
            rows: 1,
            lines: vec![(0, d.clone(), m.clone())],
            strokes: Vec::new(),
        };
        put_band(p, &s, &band, p.row);
        p.row += 1;
    }
    open_page(p, &t);
    let room = s.rows - header_rows;
    for mut band in t.body.iter().cloned() {
        loop {
            let left = s.rows.saturating_sub(p.row);
            if band.rows <= left {
                put_band(p, &s, &band, p.row);
                p.row += band.rows;
                break;
            }
            // A row fits a fresh page below the header: it moves there whole.
            if band.rows <= room || left == 0 {
                new_page(p, &t);
                open_page(p, &t);
                continue;
            }
            // Taller than a page: cut where this page ends.
            let (here, rest) = band.split(left);
            put_band(p, &s, &here, p.row);
            p.row += left;
            put_edge(p, &s, p.row);
            new_page(p, &t);
            open_page(p, &t);
            band = rest;
        }
    }
    if s.turned {
        // What follows goes on a new portrait page.
        p.row = LINES_PER_PAGE;
    }
}

#[cfg(test)]
mod tests {
    use super::super::classes::{no_line_end, no_line_start};
    use super::super::layout;
    use super::super::page::{Layout, Line};
    use super::super::testing::{m, sample_doc};
    use super::*;
    use crate::PdfOptions;
    use fazhi_core::model::{Attachment, Cell, CellSize, Table};
    use fazhi_core::{Document, Paragraph};

    fn with_table(t: Table) -> Document {
        let mut doc = sample_doc();
        let mut a = Attachment::new("重点任务完成情况表");
        a.paragraphs.push(Paragraph::table(t));
        doc.attachments.push(a);
        doc
    }

    fn long_table(rows: usize) -> Table {
        let mut t = Table::from_texts(
            std::iter::once(vec![
                "序号".to_string(),
                "工作任务".to_string(),
                "完成情况".to_string(),
            ])
            .chain((1..=rows).map(|i| {
                vec![
                    i.to_string(),
                    format!("第{i}项重点任务推进落实"),
                    "已完成".to_string(),
                ]
            })),
            1,
        );
        t.title = Some("2023年度法治政府建设重点任务完成情况表".into());
        t
    }

    fn table_pages(l: &Layout) -> Vec<(usize, Vec<&Line>)> {
        l.pages
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let lines: Vec<&Line> = p
                    .lines
                    .iter()
                    .chain(p.turned.iter().flat_map(|t| &t.lines))
                    .filter(|l| {
                        matches!(
                            l.kind,
                            LineKind::TableHeader | LineKind::TableCell | LineKind::TableTitle
                        )
                    })
                    .collect();
                (i, lines)
            })
            .filter(|(_, ls)| !ls.is_empty())
            .collect()
    }

    #[test]
    fn the_header_repeats_on_every_page_the_table_spans() {
        let doc = with_table(long_table(40));
        let l = layout(&doc, &PdfOptions::default(), &m());
        let pages = table_pages(&l);
        assert!(pages.len() >= 2, "{} pages", pages.len());
        for (i, (page, lines)) in pages.iter().enumerate() {
            let header: Vec<&&Line> = lines
                .iter()
                .filter(|l| l.kind == LineKind::TableHeader)
                .collect();
            assert_eq!(
                header.iter().map(|l| l.text.as_str()).collect::<Vec<_>>(),
                ["序号", "工作任务", "完成情况"],
                "page {page}"
            );
            assert_eq!(header[0].glyphs[0].font, FontRole::Hei);
            // The header is the table's first row on the page (after the title).
            let first_cell = lines
                .iter()
                .filter(|l| l.kind == LineKind::TableCell)
                .map(|l| l.row.unwrap())
                .min()
                .unwrap();
            assert!(header[0].row.unwrap() < first_cell);
            if i > 0 {
                assert_eq!(header[0].row, Some(0), "page {page}");
            }
            // Grid lines: the top edge over the header, a vertical at each edge.
            let rules = &l.pages[*page].rules;
            let top = rules
                .iter()
                .filter(|r| r.y1_mm == r.y_mm)
                .map(|r| r.y_mm)
                .fold(f32::MAX, f32::min);
            assert!(top < header[0].y_mm - 5.0);
            let verticals = rules.iter().filter(|r| r.x0_mm == r.x1_mm).count();
            assert!(verticals >= 4, "{verticals}");
        }
        // Every row once, in order, none lost.
        let cells: Vec<String> = pages
            .iter()
            .flat_map(|(_, ls)| ls.iter())
            .filter(|l| l.kind == LineKind::TableCell && l.text.starts_with('第'))
            .map(|l| l.text.clone())
            .collect();
        assert_eq!(cells.len(), 40);
        assert_eq!(cells[39], "第40项重点任务推进落实");
        // The title centred above the first page's header only.
        let titles: Vec<&&Line> = pages
            .iter()
            .flat_map(|(_, ls)| ls.iter())
            .filter(|l| l.kind == LineKind::TableTitle)
            .collect();
        assert_eq!(titles.len(), 1);
        let t = titles[0];
        let (left, right) = (
            t.x_mm - BLOCK_LEFT_MM,
            BLOCK_LEFT_MM + BLOCK_WIDTH_MM - t.right_mm,
        );
        assert!((left - right).abs() < 0.01, "{left} {right}");
    }

    #[test]
    fn a_row_is_kept_whole_unless_taller_than_a_page() {
        // Rows of three lines: none may be cut between pages.
        let mut t = long_table(0);
        for i in 0..20 {
            t.rows.push(vec![
                Cell::new(format!("{i}")),
                Cell::new("很长的任务内容".repeat(6)),
                Cell::new("已完成"),
            ]);
        }
        let l = layout(&with_table(t), &PdfOptions::default(), &m());
        for (page, lines) in table_pages(&l) {
            // Each row's number sits on the middle line of its lines.
            let numbers = lines
                .iter()
                .filter(|l| l.kind == LineKind::TableCell && l.text.parse::<u32>().is_ok())
                .count();
            let long = lines
                .iter()
                .filter(|l| l.kind == LineKind::TableCell && l.text.contains('很'))
                .count();
            assert_eq!(long % numbers.max(1), 0, "page {page}: a row was cut");
        }
        // A single row taller than a page is cut, with the header on the next page.
        let mut t = long_table(0);
        t.rows.push(vec![
            Cell::new("1"),
            Cell::new("很长".repeat(200)),
            Cell::new("已完成"),
        ]);
        let l = layout(&with_table(t), &PdfOptions::default(), &m());
        let pages = table_pages(&l);
        assert!(pages.len() >= 2);
        for (_, lines) in &pages {
            assert!(lines.iter().any(|l| l.kind == LineKind::TableHeader));
        }
    }

    #[test]
    fn merged_cells_span_their_rows_and_columns() {
        let t = Table {
            header_rows: 1,
            rows: vec![
                vec![Cell::spanning("类别", 1, 2), Cell::spanning("案件数", 2, 1)],
                vec![Cell::new("复议"), Cell::new("诉讼")],
                vec![Cell::new("合计"), Cell::new("3"), Cell::new("4")],
            ],
            ..Table::default()
        };
        let l = layout(&with_table(t), &PdfOptions::default(), &m());
        let (page, lines) = table_pages(&l).remove(0);
        let find = |s: &str| lines.iter().find(|l| l.text == s).unwrap();
        // 类别 spans two rows: its line sits between them; 案件数 centred over two columns.
        let (kind, fuyi) = (find("类别"), find("复议"));
        assert_eq!(kind.row.unwrap() + 1, fuyi.row.unwrap());
        let (count, susong) = (find("案件数"), find("诉讼"));
        let centre = (count.x_mm + count.right_mm) / 2.0;
        assert!(centre > fuyi.right_mm && centre < susong.x_mm);
        // No vertical rule crosses the merged header between its two columns.
        let rules = &l.pages[page].rules;
        let mid = (fuyi.right_mm + susong.x_mm) / 2.0;
        let split = rules
            .iter()
            .find(|r| r.x0_mm == r.x1_mm && (r.x0_mm - mid).abs() < 15.0 && r.x0_mm > fuyi.right_mm)
            .unwrap();
        assert!(
            split.y_mm > count.y_mm,
            "the column line starts under 案件数"
        );
    }

    #[test]
    fn a_wide_table_turns_landscape_with_the_page_number_in_place() {
        let row: Vec<String> = (1..=12).map(|i| format!("第{i}列")).collect();
        let mut t = Table::from_texts([row.clone(), row], 1);
        t.title = Some("宽表".into());
        let l = layout(&with_table(t), &PdfOptions::default(), &m());
        let (page, _) = table_pages(&l).remove(0);
        let p = &l.pages[page];
        let turned = p.turned.as_ref().expect("a turned page");
        assert!(p.lines.iter().all(|l| l.kind == LineKind::PageNumber));
        let header: Vec<&Line> = turned
            .lines
            .iter()
            .filter(|l| l.kind == LineKind::TableHeader)
            .collect();
        assert_eq!(header.len(), 12);
        // Inside the landscape block of the turned frame.
        let right = (TURNED_BLOCK_LEFT_MM + TURNED_BLOCK_WIDTH_MM) as f32;
        for l in &turned.lines {
            assert!(l.x_mm >= TURNED_BLOCK_LEFT_MM as f32 && l.right_mm <= right + 0.01);
            assert!(l.y_mm > TURNED_BLOCK_TOP_MM as f32);
        }
        // The page number where a portrait page has it; what follows on a new page.
        let n = p
            .lines
            .iter()
            .find(|l| l.kind == LineKind::PageNumber)
            .unwrap();
        assert_eq!(n.text, format!("— {} —", p.page_number));
        assert!(page + 1 == l.pages.len() || l.pages[page + 1].turned.is_none());
    }

    #[test]
    fn the_smaller_cell_size_is_used() {
        let mut t = long_table(2);
        t.cell_size = Some(CellSize::Sihao);
        let l = layout(&with_table(t), &PdfOptions::default(), &m());
        let (_, lines) = table_pages(&l).remove(0);
        for l in lines.iter().filter(|l| l.kind != LineKind::TableTitle) {
            assert_eq!(l.size_pt, 14.0, "{}", l.text);
        }
    }

    /// The 行政处罚 table of 庆元县's report (fazhi-import's real-tables fixture
    /// trs-qingyuan.html), its 表题 as published.
    fn qingyuan() -> Table {
        let mut t = Table::from_texts(
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
                NUMBERS.to_vec(),
            ],
            1,
        );
        t.title = Some("行政处罚实施数量（宗）".into());
        t
    }

    const NUMBERS: [&str; 11] = [
        "12175", "94,929", "235", "189", "101", "0", "11", "504", "12", "108,156", "1753.79",
    ];

    #[test]
    fn a_cell_line_never_breaks_a_number_nor_starts_with_a_closing_mark() {
        // Before: 1217|5, 94,|929, 108,|156, 1753|.79 and 合计 / （宗 / ）.
        let l = layout(&with_table(qingyuan()), &PdfOptions::default(), &m());
        let pages = table_pages(&l);
        let lines: Vec<&&Line> = pages.iter().flat_map(|(_, ls)| ls.iter()).collect();
        let cells: Vec<&str> = lines
            .iter()
            .filter(|l| l.kind == LineKind::TableCell)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(cells, NUMBERS, "one line a number, whole");
        for l in lines.iter().filter(|l| l.kind == LineKind::TableHeader) {
            let first = l.text.chars().next().unwrap();
            assert!(
                !no_line_start(first),
                "a header line starts with {first}: {}",
                l.text
            );
            let last = l.text.chars().last().unwrap();
            assert!(
                !no_line_end(last),
                "a header line ends with {last}: {}",
                l.text
            );
        }
        assert!(lines.iter().any(|l| l.text.ends_with("（宗）")));
        // Too wide for the portrait block at its columns' floors: a turned page.
        assert!(l.pages[pages[0].0].turned.is_some());
    }

    #[test]
    fn a_short_cell_is_one_centred_line() {
        // Before: 已　　完 / 成 in a 2.6-em column, its first line spread.
        let t = Table::from_texts(
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
        );
        let l = layout(&with_table(t), &PdfOptions::default(), &m());
        let (_, lines) = table_pages(&l).remove(0);
        let header = lines.iter().find(|l| l.text == "完成情况").unwrap();
        let centre = (header.x_mm + header.right_mm) / 2.0;
        for s in ["已完成", "持续推进"] {
            let cell = lines.iter().find(|l| l.text == s).unwrap_or_else(|| {
                panic!(
                    "{s} on one line: {:?}",
                    lines.iter().map(|l| &l.text).collect::<Vec<_>>()
                )
            });
            assert!(!cell.justified, "{s} spread");
            assert!(
                ((cell.x_mm + cell.right_mm) / 2.0 - centre).abs() < 0.01,
                "{s} centred"
            );
        }
    }
}
