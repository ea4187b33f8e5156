//! Pages: items go onto the rows of a page until it is full; blank rows vanish at the top
//! of a page; the signature block stays on one page and never stands there alone. Then
//! each page gets its number.

use super::grid::{
    baseline_mm, block_right_mm, cell_mm, BLOCK_HEIGHT_MM, BLOCK_LEFT_MM, BLOCK_TOP_MM, EM_ASCENT,
    LINES_PER_PAGE, MM_PER_PT, PAGE_NUMBER_GAP_MM, PAGE_NUMBER_PT,
};
use super::items::Item;
use super::metrics::{FontRole, Metrics};
use super::page::{Line, LineKind, Page};
use super::place::{run_width, set_run, shifted, Draft};

pub(super) struct Pager {
    pub(super) pages: Vec<Page>,
    /// The next free row on the last page (of its turned frame on a landscape page).
    pub(super) row: usize,
}

impl Pager {
    /// A pager at the top of page 1.
    pub(super) fn new() -> Pager {
        let mut pager = Pager {
            pages: Vec::new(),
            row: 0,
        };
        pager.new_page();
        pager
    }

    /// The pages, and the rows the text takes on the last one (the 版记 needs the rest).
    pub(super) fn finish(self) -> (Vec<Page>, usize) {
        let rows_used = self.row;
        let mut pages = self.pages;
        if pages.len() > 1
            && pages
                .last()
                .is_some_and(|p| p.lines.is_empty() && p.turned.is_none())
        {
            pages.pop();
        }
        (pages, rows_used)
    }

    fn rows_left(&self) -> usize {
        LINES_PER_PAGE - self.row
    }

    pub(super) fn new_page(&mut self) {
        let n = self.pages.len() + 1;
        self.pages.push(Page::blank(n));
        self.row = 0;
    }

    pub(super) fn put(&mut self, item: Item) {
        match item {
            Item::Blank => {
                if self.row > 0 && self.row < LINES_PER_PAGE {
                    self.row += 1;
                }
            }
            Item::Line(d) => self.put_line(d),
            Item::Together(items) => self.put_together(items),
            Item::Fixed(line) => {
                if let Some(p) = self.pages.last_mut() {
                    p.lines.push(line);
                }
            }
            Item::Rule(rule) => {
                if let Some(p) = self.pages.last_mut() {
                    p.rules.push(rule);
                }
            }
            Item::ToRow(row) => self.row = self.row.max(row.min(LINES_PER_PAGE)),
            Item::NewPage => {
                if self.row > 0 {
                    self.new_page();
                }
            }
            Item::Table(t) => super::table::put_table(self, *t),
        }
    }

    fn put_line(&mut self, d: Draft) {
        if self.row >= LINES_PER_PAGE {
            self.new_page();
        }
        let row = self.row;
        self.row += 1;
        if let Some(p) = self.pages.last_mut() {
            p.lines.push(d.into_line(row));
        }
    }

    /// Rows that must share a page. When they do not fit in what is left of this one,
    /// the blank rows they start with (the seal space) shrink first; if that is not
    /// enough they move to the next page, taking the last text lines with them.
    fn put_together(&mut self, mut items: Vec<Item>) {
        let rows = count_rows(&items);
        let blanks = items
            .iter()
            .take_while(|i| matches!(i, Item::Blank))
            .count();
        if self.row > 0 && rows > self.rows_left() {
            if rows - blanks <= self.rows_left() {
                // The seal space shrinks before the block leaves the page: the
                // seal's top may come within one line of the text (7.3.5.1).
                let drop = rows - self.rows_left();
                items.drain(..drop);
            } else if rows <= LINES_PER_PAGE {
                self.new_page_carrying_text();
            }
        }
        for i in items {
            self.put(i);
        }
    }

    /// Starts a new page with the last two text lines of this one: no page may hold the
    /// signature alone (7.3.5.4, no 此页无正文).
    fn new_page_carrying_text(&mut self) {
        let mut carried = Vec::new();
        if let Some(page) = self.pages.last_mut() {
            while carried.len() < 2
                && page.lines.len() > 2
                && page
                    .lines
                    .last()
                    .is_some_and(|l| matches!(l.kind, LineKind::Body | LineKind::Heading(_)))
            {
                carried.extend(page.lines.pop());
            }
        }
        self.new_page();
        for mut l in carried.into_iter().rev() {
            let row = self.row;
            self.row += 1;
            l.y_mm = baseline_mm(row, l.size_pt);
            l.row = Some(row);
            if let Some(p) = self.pages.last_mut() {
                p.lines.push(l);
            }
        }
    }
}

fn count_rows(items: &[Item]) -> usize {
    items
        .iter()
        .map(|i| match i {
            Item::Together(v) => count_rows(v),
            _ => 1,
        })
        .sum()
}

/// The page number of page `n`: 四号 半角 Arabic digits between two 一字线, odd pages
/// right and even pages left, one character in; the dash (at the em box's middle) 7 mm
/// below the block.
pub(super) fn page_number_line(n: usize, metrics: &dyn Metrics) -> Line {
    let text = format!("— {n} —");
    let em = PAGE_NUMBER_PT * MM_PER_PT;
    let run = set_run(
        &[(text.clone(), FontRole::Song)],
        PAGE_NUMBER_PT,
        em,
        metrics,
    );
    let w = run_width(&run);
    let cell = cell_mm();
    let left = if n % 2 == 1 {
        block_right_mm() - cell - w
    } else {
        BLOCK_LEFT_MM + cell
    };
    let dash_y = BLOCK_TOP_MM + BLOCK_HEIGHT_MM + PAGE_NUMBER_GAP_MM;
    let y = dash_y + (EM_ASCENT - 0.5) * em;
    let glyphs = shifted(run, left);
    Line {
        kind: LineKind::PageNumber,
        text,
        x_mm: left,
        y_mm: y,
        right_mm: left + w,
        size_pt: PAGE_NUMBER_PT,
        font: FontRole::Song,
        row: None,
        justified: false,
        paragraph_end: true,
        red: false,
        glyphs,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{han, m, sample_doc};
    use super::super::{layout, page_count};
    use super::*;
    use crate::PdfOptions;

    #[test]
    fn pages_fill_all_22_rows_and_numbers_alternate() {
        let doc = sample_doc();
        let l = layout(&doc, &PdfOptions::default(), &m());
        assert!(l.pages.len() >= 3);
        // Every page before the signature's is full, except the one the signature
        // block took its last text lines from (it never stands alone on a page).
        let sig_page = l
            .pages
            .iter()
            .position(|p| p.lines.iter().any(|l| l.kind == LineKind::Signature))
            .unwrap();
        for p in &l.pages[..sig_page.saturating_sub(1)] {
            let rows: Vec<usize> = p.lines.iter().filter_map(|l| l.row).collect();
            assert_eq!(
                *rows.last().unwrap(),
                LINES_PER_PAGE - 1,
                "page {}",
                p.page_number
            );
        }
        for p in &l.pages {
            let n = p
                .lines
                .iter()
                .find(|l| l.kind == LineKind::PageNumber)
                .unwrap();
            assert_eq!(n.text, format!("— {} —", p.page_number));
            if p.page_number % 2 == 1 {
                assert!((n.right_mm - (block_right_mm() - cell_mm())).abs() < 1e-3);
            } else {
                assert!((n.x_mm - (BLOCK_LEFT_MM + cell_mm())).abs() < 1e-3);
            }
        }
        assert_eq!(
            page_count(&doc, &PdfOptions::default(), &m()),
            l.pages.len()
        );
    }

    #[test]
    fn the_signature_never_stands_alone_on_a_page() {
        // Grow the closing until the signature block no longer fits on the page, for
        // each possible number of rows left.
        for extra in 0..30 {
            let mut doc = sample_doc();
            for _ in 0..extra {
                doc.closing.push(fazhi_core::Paragraph::new(han(20)));
            }
            let l = layout(&doc, &PdfOptions::default(), &m());
            let last = l.pages.last().unwrap();
            let sig = last
                .lines
                .iter()
                .find(|l| l.kind == LineKind::Signature)
                .unwrap();
            let date = last
                .lines
                .iter()
                .find(|l| l.kind == LineKind::Date)
                .unwrap();
            assert_eq!(date.row.unwrap(), sig.row.unwrap() + 1);
            assert!(
                last.lines.iter().any(|l| l.kind == LineKind::Body),
                "extra {extra}: signature alone on page {}",
                last.page_number
            );
            let body_rows: Vec<usize> = last
                .lines
                .iter()
                .filter(|l| l.kind == LineKind::Body)
                .filter_map(|l| l.row)
                .collect();
            assert!(body_rows.iter().all(|&r| r < sig.row.unwrap()));
        }
    }
}
