//! The 花脸稿 (`fazhi_layout::redline`) set on the report's grid: the same page, fonts,
//! line breaking and page numbers as a report, each glyph remembering whether it was
//! inserted or deleted. The marks go on the pages as [`SpanMark`]s (glyph ranges of a
//! line); the writer draws marked glyphs in colour ([`glyph_colours`]) and adds the
//! underlines and strike-throughs ([`mark_strokes`]).
//!
//! [tables #21] A table ([`RedlineBlock::Table`]) is set as the export sets tables
//! (`typeset::table`: grid lines, header rows repeated, merges, rows kept whole) with
//! each cell's glyphs marked. A table too wide for the portrait block goes on
//! landscape pages exactly as in the report (the layout model's `table_block`
//! decides, on the table as shown): its marks are the turned frame's
//! ([`super::page::Turned::marks`]), drawn by the writer in that frame.

use fazhi_layout::redline::{Mark, Piece, Redline, RedlineBlock, RedlineTable};
use serde::Serialize;

use super::grid::{MM_PER_PT, PAGE_HEIGHT_MM, PAGE_WIDTH_MM};
use super::items::Item;
use super::linebreak::set_paragraph;
use super::metrics::{FontRole, Metrics};
use super::page::{Layout, Line, LineKind};
use super::pager::{page_number_line, Pager};
use super::place::Draft;
use super::table::{put_table, set_marked_table, SetTable, TableMarks};
use super::title::set_title;

/// A marked stretch of one line: glyphs `start..end` of `lines[line]`, the lines of the
/// page (`Page::marks`) or of its turned frame (`Turned::marks`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SpanMark {
    pub line: usize,
    pub start: usize,
    pub end: usize,
    pub mark: Mark,
}

/// A colour as PDF values 0..1.
pub type Rgb = (f32, f32, f32);

/// Deleted text: the standard's print red.
pub const DELETED_RGB: Rgb = (
    fazhi_layout::geometry::RED_RGB.0 as f32 / 255.0,
    fazhi_layout::geometry::RED_RGB.1 as f32 / 255.0,
    fazhi_layout::geometry::RED_RGB.2 as f32 / 255.0,
);
/// Inserted text: a dark blue that stays blue on office printers.
pub const INSERTED_RGB: Rgb = (0.0, 0.2, 0.8);

/// An underline or strike-through, in mm from the top-left corner of the page (or of
/// the turned frame) its line is on.
#[derive(Debug, Clone, PartialEq)]
pub struct Stroke {
    pub x0_mm: f32,
    pub x1_mm: f32,
    pub y_mm: f32,
    pub width_mm: f32,
    pub rgb: Rgb,
}

fn heading_font(level: usize) -> FontRole {
    match level {
        1 => FontRole::Hei,
        2 => FontRole::Kai,
        _ => FontRole::Fang,
    }
}

/// The characters of `pieces` with their marks, as the shaper keeps them.
fn marked_chars(pieces: &[Piece]) -> Vec<(char, Mark)> {
    pieces
        .iter()
        .flat_map(|p| p.text.chars().map(move |c| (c, p.mark)))
        .filter(|(c, _)| !matches!(c, '\n' | '\r' | '\t'))
        .collect()
}

/// Each glyph's mark: the glyphs are the source characters in order (the typesetter
/// may leave some out, never adds any), so each glyph takes the mark of the next
/// source character that is the same character.
pub(super) fn glyph_marks(drafts: &[Draft], source: &[(char, Mark)]) -> Vec<Vec<Mark>> {
    let mut at = 0;
    drafts
        .iter()
        .map(|d| {
            d.glyphs
                .iter()
                .map(
                    |g| match source[at..].iter().position(|(c, _)| *c == g.ch) {
                        Some(k) => {
                            at += k + 1;
                            source[at - 1].1
                        }
                        None => Mark::Same,
                    },
                )
                .collect()
        })
        .collect()
}

/// Spans of text in one font each, from the pieces after an unmarked lead.
fn spans(lead: &str, pieces: &[Piece], font: FontRole) -> Vec<(String, FontRole)> {
    let text = format!(
        "{lead}{}",
        pieces.iter().map(|p| p.text.as_str()).collect::<String>()
    );
    vec![(text, font)]
}

/// Sets `pieces` as one paragraph after an unmarked `lead` (a heading's number).
fn paragraph(
    lead: &str,
    pieces: &[Piece],
    font: FontRole,
    kind: LineKind,
    indent: f32,
    metrics: &dyn Metrics,
) -> (Vec<Draft>, Vec<Vec<Mark>>) {
    let drafts = set_paragraph(&spans(lead, pieces, font), kind, indent, metrics);
    let mut source: Vec<(char, Mark)> = lead.chars().map(|c| (c, Mark::Same)).collect();
    source.extend(marked_chars(pieces));
    let marks = glyph_marks(&drafts, &source);
    (drafts, marks)
}

/// One block of the 花脸稿 set in type.
fn set_block(b: &RedlineBlock, metrics: &dyn Metrics) -> (Vec<Draft>, Vec<Vec<Mark>>) {
    match b {
        RedlineBlock::Header { text } => {
            paragraph(text, &[], FontRole::Hei, LineKind::Masthead, 0.0, metrics)
        }
        RedlineBlock::Legend { text } => {
            paragraph(text, &[], FontRole::Fang, LineKind::Note, 0.0, metrics)
        }
        RedlineBlock::Title { lines } => {
            let texts: Vec<String> = lines
                .iter()
                .map(|ps| ps.iter().map(|p| p.text.as_str()).collect())
                .collect();
            let drafts = set_title(&texts, metrics);
            let marks = glyph_marks(&drafts, &marked_chars(&lines.concat()));
            (drafts, marks)
        }
        RedlineBlock::Blank => (Vec::new(), Vec::new()),
        RedlineBlock::Heading {
            level,
            number,
            pieces,
        } => paragraph(
            number,
            pieces,
            heading_font(*level),
            LineKind::Heading(*level),
            2.0,
            metrics,
        ),
        RedlineBlock::Para { pieces } => {
            paragraph("", pieces, FontRole::Fang, LineKind::Body, 2.0, metrics)
        }
        RedlineBlock::ListHeading { text } => {
            paragraph(text, &[], FontRole::Hei, LineKind::Heading(1), 2.0, metrics)
        }
        // Set by `table` and put by the table pager.
        RedlineBlock::Table(_) => (Vec::new(), Vec::new()),
        RedlineBlock::ListItem { label, pieces } => paragraph(
            &format!("{label}："),
            pieces,
            FontRole::Fang,
            LineKind::Body,
            2.0,
            metrics,
        ),
    }
}

/// A 花脸稿's table set in type, its glyphs marked (`None`: a table with no cells): on
/// the portrait block, or turned when the layout model says the table is too wide.
fn table(t: &RedlineTable, metrics: &dyn Metrics) -> Option<SetTable> {
    let shown = fazhi_core::Paragraph::table(t.shown());
    let block = fazhi_layout::table::table_block(&shown)?;
    let cells: Vec<Vec<(char, Mark)>> = t
        .cells()
        .map(|c| marked_chars(&c.paragraphs.concat()))
        .collect();
    let title = marked_chars(&t.title);
    let marks = TableMarks {
        title: &title,
        cells: &cells,
    };
    Some(set_marked_table(&block, Some(&marks), metrics))
}

/// Runs of marked glyphs of one line as [`SpanMark`]s.
pub(super) fn span_marks(line: usize, marks: &[Mark]) -> Vec<SpanMark> {
    let mut out: Vec<SpanMark> = Vec::new();
    for (i, m) in marks.iter().enumerate() {
        if *m == Mark::Same {
            continue;
        }
        match out.last_mut() {
            Some(s) if s.mark == *m && s.end == i => s.end = i + 1,
            _ => out.push(SpanMark {
                line,
                start: i,
                end: i + 1,
                mark: *m,
            }),
        }
    }
    out
}

/// The 花脸稿 on GB/T 9704 pages, numbered as a report's are.
pub fn redline_layout(r: &Redline, metrics: &dyn Metrics) -> Layout {
    let mut pager = Pager::new();
    for b in &r.blocks {
        match b {
            RedlineBlock::Blank => pager.put(Item::Blank),
            RedlineBlock::Table(t) => {
                if let Some(set) = table(t, metrics) {
                    put_table(&mut pager, set);
                }
            }
            RedlineBlock::Title { .. } => {
                let (drafts, marks) = set_block(b, metrics);
                for (d, m) in drafts.into_iter().zip(marks) {
                    let n = d.glyphs.len();
                    pager.put(Item::Line(d));
                    // The pager puts a line on its page at once: the last line.
                    if let Some(p) = pager.pages.last_mut() {
                        let i = p.lines.len() - 1;
                        if m.len() == n {
                            p.marks.extend(span_marks(i, &m));
                        }
                    }
                }
            }
            // Paragraphs paged as the report's (widow and orphan control, headings kept
            // with what follows), as the DOCX's styles declare them.
            _ => {
                let (drafts, marks) = set_block(b, metrics);
                let n = drafts.len();
                let keep_next = matches!(
                    b,
                    RedlineBlock::Heading { .. } | RedlineBlock::ListHeading { .. }
                );
                pager.put(Item::Para {
                    lines: drafts,
                    keep_next,
                });
                // Its lines are the last `n` the pager holds, in page order.
                let mut places: Vec<(usize, usize)> = pager
                    .pages
                    .iter()
                    .enumerate()
                    .rev()
                    .flat_map(|(pi, p)| (0..p.lines.len()).rev().map(move |li| (pi, li)))
                    .take(n)
                    .collect();
                places.reverse();
                for ((pi, li), m) in places.into_iter().zip(marks) {
                    let p = &mut pager.pages[pi];
                    if m.len() == p.lines[li].glyphs.len() {
                        p.marks.extend(span_marks(li, &m));
                    }
                }
            }
        }
    }
    let (mut pages, _) = pager.finish();
    for p in &mut pages {
        p.lines.push(page_number_line(p.page_number, metrics));
    }
    Layout {
        page_width_mm: PAGE_WIDTH_MM,
        page_height_mm: PAGE_HEIGHT_MM,
        pages,
    }
}

/// The fill colour of each glyph of line `line` (`n` glyphs, `base` unmarked) of the
/// lines `marks` belong to (a page's, or its turned frame's).
pub(crate) fn glyph_colours(marks: &[SpanMark], line: usize, n: usize, base: Rgb) -> Vec<Rgb> {
    let mut out = vec![base; n];
    for s in marks.iter().filter(|s| s.line == line) {
        let rgb = match s.mark {
            Mark::Inserted => INSERTED_RGB,
            Mark::Deleted => DELETED_RGB,
            Mark::Same => base,
        };
        for c in out.iter_mut().take(s.end.min(n)).skip(s.start) {
            *c = rgb;
        }
    }
    out
}

/// The underlines of inserted text and the strike-throughs of deleted text of `lines`
/// (a page's, or its turned frame's: the strokes are in the same frame).
pub(crate) fn mark_strokes(lines: &[Line], marks: &[SpanMark]) -> Vec<Stroke> {
    marks
        .iter()
        .filter_map(|s| {
            let line = lines.get(s.line)?;
            let first = line.glyphs.get(s.start)?;
            let last = line.glyphs.get(s.end.checked_sub(1)?)?;
            let em = line.size_pt * MM_PER_PT;
            // Under the ideographic em box (descent 0.12 em), or through its middle.
            let (dy, rgb) = match s.mark {
                Mark::Inserted => (0.16 * em, INSERTED_RGB),
                Mark::Deleted => (-0.38 * em, DELETED_RGB),
                Mark::Same => return None,
            };
            Some(Stroke {
                x0_mm: first.x_mm,
                x1_mm: last.x_mm + last.width_mm.max(last.advance_mm.min(em)),
                y_mm: line.y_mm + dy,
                width_mm: 0.05 * em,
                rgb,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::page::Page;
    use super::super::testing::m;
    use super::*;
    use fazhi_core::Paragraph;

    fn docs() -> (fazhi_core::Document, fazhi_core::Document) {
        let (mut old, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2019, false);
        old.parts[0].sections[0].paragraphs = vec![Paragraph::new(
            "全年办理行政复议案件120件，纠错15件，依法公开政府信息。",
        )];
        let mut new = old.clone();
        new.parts[0].sections[0].paragraphs[0].text =
            "全年办理行政复议案件135件，纠错15件，依法公开政府信息。".into();
        (old, new)
    }

    #[test]
    fn a_changed_number_is_marked_on_its_line() {
        let (old, new) = docs();
        let r = fazhi_layout::redline::redline(&old, &new, "第1版", "当前内容");
        let l = redline_layout(&r, &m());
        let page = &l.pages[0];
        assert_eq!(page.lines[0].kind, LineKind::Masthead);
        assert!(page.lines[0].text.contains("第1版"));
        let (i, line) = page
            .lines
            .iter()
            .enumerate()
            .find(|(_, l)| l.text.contains("全年办理"))
            .unwrap();
        let marked = |mark: Mark| -> String {
            page.marks
                .iter()
                .filter(|s| s.line == i && s.mark == mark)
                .flat_map(|s| line.glyphs[s.start..s.end].iter().map(|g| g.ch))
                .collect()
        };
        assert_eq!(marked(Mark::Deleted), "20");
        assert_eq!(marked(Mark::Inserted), "35");
        let colours = glyph_colours(&page.marks, i, line.glyphs.len(), (0.0, 0.0, 0.0));
        assert!(colours.contains(&DELETED_RGB) && colours.contains(&INSERTED_RGB));
        let strokes = mark_strokes(&page.lines, &page.marks);
        assert!(strokes
            .iter()
            .any(|s| s.rgb == INSERTED_RGB && s.y_mm > line.y_mm));
        assert!(strokes
            .iter()
            .any(|s| s.rgb == DELETED_RGB && s.y_mm < line.y_mm));
        // Page numbers as in a report.
        assert!(page.lines.iter().any(|l| l.kind == LineKind::PageNumber));
    }

    #[test]
    fn a_marked_heading_moves_on_with_its_marks_and_never_ends_a_page() {
        // The first section's heading gains 正确; the preface grows a line at a time so
        // that the heading meets every row of page 1's foot (the 花脸稿 is paged as the
        // report, as its DOCX's styles declare: keepNext, widowControl).
        let mut moved = 0;
        for k in 1..=24 {
            let (mut old, _) = docs();
            old.preface = vec![Paragraph::new(super::super::testing::han(28 * k - 2))];
            let mut new = old.clone();
            new.parts[0].sections[0].heading = "依法全面正确履行政府职能".into();
            old.parts[0].sections[0].heading = "依法全面履行政府职能".into();
            let r = fazhi_layout::redline::redline(&old, &new, "第1版", "当前内容");
            let l = redline_layout(&r, &m());
            let (pi, i) = l
                .pages
                .iter()
                .enumerate()
                .find_map(|(pi, p)| {
                    p.lines
                        .iter()
                        .position(|l| l.text.contains("正确"))
                        .map(|i| (pi, i))
                })
                .expect("the heading");
            let page = &l.pages[pi];
            let line = &page.lines[i];
            let inserted: String = page
                .marks
                .iter()
                .filter(|s| s.line == i && s.mark == Mark::Inserted)
                .flat_map(|s| line.glyphs[s.start..s.end].iter().map(|g| g.ch))
                .collect();
            assert_eq!(inserted, "正确", "preface of {k} lines");
            let last_row = page.lines.iter().filter_map(|l| l.row).max();
            assert!(
                line.row != last_row || pi + 1 == l.pages.len(),
                "preface of {k} lines: the heading ends page {}",
                pi + 1
            );
            // Moved on (after 一、, kept with it), leaving page 1's last row empty.
            let before_ends = pi
                .checked_sub(1)
                .and_then(|b| l.pages[b].lines.iter().filter_map(|l| l.row).max());
            if line.row.is_some_and(|r| r <= 1) && before_ends.is_some_and(|r| r < 21) {
                moved += 1;
            }
        }
        assert!(moved > 0, "the heading never moved on");
    }

    #[test]
    fn a_long_merged_table_keeps_its_grid_header_and_marks_over_pages() {
        use fazhi_core::model::{Cell, Table};
        let (mut old, _) = docs();
        let mut rows = vec![
            vec![Cell::spanning("类别", 1, 2), Cell::spanning("案件数", 2, 1)],
            vec![Cell::new("复议"), Cell::new("诉讼")],
        ];
        for i in 1..=40 {
            rows.push(vec![
                Cell::new(format!("第{i}类")),
                Cell::new(format!("{}", i * 10)),
                Cell::new("5"),
            ]);
        }
        let t = Table {
            header_rows: 2,
            rows,
            ..Table::default()
        };
        old.parts[0].sections[0]
            .paragraphs
            .push(Paragraph::table(t));
        let mut new = old.clone();
        // The last row's first number changes: 400 → 450, on the table's second page.
        let t = new.parts[0].sections[0].paragraphs[1]
            .table
            .as_mut()
            .unwrap();
        t.rows[41][1].paragraphs[0].text = "450".into();
        let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
        let l = redline_layout(&r, &m());
        let with_table: Vec<&Page> = l
            .pages
            .iter()
            .filter(|p| p.lines.iter().any(|l| l.kind == LineKind::TableCell))
            .collect();
        assert!(with_table.len() >= 2, "{} pages", with_table.len());
        for p in &with_table {
            // The two header rows on every page, the merged 案件数 once.
            let header: Vec<&str> = p
                .lines
                .iter()
                .filter(|l| l.kind == LineKind::TableHeader)
                .map(|l| l.text.as_str())
                .collect();
            assert_eq!(
                header,
                ["类别", "案件数", "复议", "诉讼"],
                "page {}",
                p.page_number
            );
            // Grid lines.
            assert!(p.rules.iter().filter(|r| r.x0_mm == r.x1_mm).count() >= 4);
        }
        let last = with_table.last().unwrap();
        let (i, line) = last
            .lines
            .iter()
            .enumerate()
            .find(|(_, l)| l.text == "4050")
            .expect("the changed cell, shown old and new");
        let marked = |mark: Mark| -> String {
            last.marks
                .iter()
                .filter(|s| s.line == i && s.mark == mark)
                .flat_map(|s| line.glyphs[s.start..s.end].iter().map(|g| g.ch))
                .collect()
        };
        assert_eq!(
            (marked(Mark::Deleted), marked(Mark::Inserted)),
            ("0".into(), "5".into())
        );
        // No other table line is marked.
        for (j, l) in last.lines.iter().enumerate() {
            if j != i && matches!(l.kind, LineKind::TableCell | LineKind::TableHeader) {
                assert!(!last.marks.iter().any(|s| s.line == j), "{}", l.text);
            }
        }
    }

    #[test]
    fn a_wide_table_turns_landscape_as_in_the_report_with_its_marks_in_the_turned_frame() {
        use fazhi_core::model::Table;
        let (mut old, _) = docs();
        let header: Vec<String> = (1..=12).map(|i| format!("第{i}列")).collect();
        let body: Vec<String> = (1..=12).map(|i| format!("{}", i * 10)).collect();
        let mut t = Table::from_texts([header, body], 1);
        t.title = Some("宽表".into());
        old.parts[0].sections[0]
            .paragraphs
            .push(Paragraph::table(t));
        let mut new = old.clone();
        let t = new.parts[0].sections[0].paragraphs[1]
            .table
            .as_mut()
            .unwrap();
        t.rows[1][5].paragraphs[0].text = "65".into();
        // The report's own layout turns this table: the 花脸稿 follows the same decision.
        let p = &new.parts[0].sections[0].paragraphs[1];
        assert!(fazhi_layout::table::table_block(p).unwrap().landscape);
        let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
        let l = redline_layout(&r, &m());
        let turned: Vec<&Page> = l.pages.iter().filter(|p| p.turned.is_some()).collect();
        assert_eq!(turned.len(), 1);
        let page = turned[0];
        let frame = page.turned.as_ref().unwrap();
        // The table in the frame, the page keeping only its number.
        assert!(page.lines.iter().all(|l| l.kind == LineKind::PageNumber));
        assert!(page.marks.is_empty());
        assert_eq!(
            frame
                .lines
                .iter()
                .filter(|l| l.kind == LineKind::TableHeader)
                .count(),
            12
        );
        let (i, line) = frame
            .lines
            .iter()
            .enumerate()
            .find(|(_, l)| l.text == "605")
            .unwrap_or_else(|| {
                panic!(
                    "the changed cell, shown old and new: {:?}",
                    frame.lines.iter().map(|l| &l.text).collect::<Vec<_>>()
                )
            });
        let marked = |mark: Mark| -> String {
            frame
                .marks
                .iter()
                .filter(|s| s.line == i && s.mark == mark)
                .flat_map(|s| line.glyphs[s.start..s.end].iter().map(|g| g.ch))
                .collect()
        };
        assert_eq!(
            (marked(Mark::Deleted), marked(Mark::Inserted)),
            ("0".into(), "5".into())
        );
        // Only the changed cell is marked.
        assert!(frame.marks.iter().all(|s| s.line == i));
        // The strokes are in the frame: under (inserted) and through (deleted) the line.
        let strokes = mark_strokes(&frame.lines, &frame.marks);
        assert!(strokes
            .iter()
            .any(|s| s.rgb == INSERTED_RGB && s.y_mm > line.y_mm));
        assert!(strokes
            .iter()
            .any(|s| s.rgb == DELETED_RGB && s.y_mm < line.y_mm));
        // What follows (the list of changes) is on a portrait page after it, marked there.
        let after = l
            .pages
            .iter()
            .find(|p| p.page_number == page.page_number + 1)
            .expect("a page after the table");
        assert!(after.turned.is_none());
        assert!(after.lines.iter().any(|l| l.text.contains("第2行第6列")));
        assert!(!after.marks.is_empty());
    }

    #[test]
    fn a_long_wide_table_keeps_its_header_on_every_turned_page_and_its_marks_on_the_last() {
        use fazhi_core::model::Table;
        let (mut old, _) = docs();
        let header: Vec<String> = (1..=12).map(|i| format!("第{i}列")).collect();
        let rows = (1..=40).map(|r| (1..=12).map(|c| format!("{}", r * 100 + c)).collect());
        let t = Table::from_texts(std::iter::once(header).chain(rows), 1);
        old.parts[0].sections[0]
            .paragraphs
            .push(Paragraph::table(t));
        let mut new = old.clone();
        // The last row's third cell: 4003 → 4093, on the table's last page.
        new.parts[0].sections[0].paragraphs[1]
            .table
            .as_mut()
            .unwrap()
            .rows[40][2]
            .paragraphs[0]
            .text = "4093".into();
        let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
        let l = redline_layout(&r, &m());
        let turned: Vec<&Page> = l.pages.iter().filter(|p| p.turned.is_some()).collect();
        assert!(turned.len() >= 3, "{} turned pages", turned.len());
        // Consecutive pages, each with the twelve header cells and its page number.
        for (k, p) in turned.iter().enumerate() {
            assert_eq!(p.page_number, turned[0].page_number + k);
            let frame = p.turned.as_ref().unwrap();
            let header = frame
                .lines
                .iter()
                .filter(|l| l.kind == LineKind::TableHeader)
                .count();
            assert_eq!(header, 12, "page {}", p.page_number);
            assert!(p.lines.iter().any(|l| l.kind == LineKind::PageNumber));
        }
        // The marks: only on the last turned page, on the changed cell.
        let last = turned.last().unwrap().turned.as_ref().unwrap();
        for p in &turned[..turned.len() - 1] {
            assert!(p.turned.as_ref().unwrap().marks.is_empty());
        }
        let (i, line) = last
            .lines
            .iter()
            .enumerate()
            .find(|(_, l)| l.text == "40093")
            .expect("the changed cell, shown old and new");
        let marked: Vec<(Mark, String)> = last
            .marks
            .iter()
            .map(|s| {
                assert_eq!(s.line, i);
                (
                    s.mark,
                    line.glyphs[s.start..s.end].iter().map(|g| g.ch).collect(),
                )
            })
            .collect();
        assert_eq!(
            marked,
            [
                (Mark::Deleted, "0".to_string()),
                (Mark::Inserted, "9".into())
            ]
        );
    }
}
