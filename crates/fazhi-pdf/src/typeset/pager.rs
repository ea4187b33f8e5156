//! Pages: items go onto the rows of a page until it is full; blank rows vanish at the top
//! of a page; the signature block stays on one page and never stands there alone. Then
//! each page gets its number.
//!
//! Paragraphs break over pages as Word and LibreOffice break them with `w:widowControl`
//! (the DOCX declares it, so that both agree on every page): never one line of a
//! paragraph alone at a page's foot (orphan) or head (widow) — the paragraph gives a line
//! more to the next page, or goes there whole. A heading on its own line (`w:keepNext`)
//! never ends a page: when what follows it starts on the next page, the heading (and the
//! headings right before it) go there too. The rows they leave stay empty: the 22-row
//! grid never squeezes.

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
    /// The headings just set that must share a page with what follows them.
    keep: Option<Kept>,
    /// The last run of standalone headings set: where it starts, and the index (on the
    /// same page) of the line after it — the signature's carry takes them along.
    heads: Option<(Kept, usize)>,
}

/// Where the run of headings kept with what follows starts: the page, its first line's
/// index in the page's lines, its row.
#[derive(Debug, Clone, Copy)]
struct Kept {
    page: usize,
    line: usize,
    row: usize,
}

/// How many of a paragraph's `n` lines go on a page with `left` rows free (`left` ≥ 1):
/// all if they fit; else never the last line alone on the next page (widow), and never
/// the first alone on this one (orphan) — 0 when the paragraph must start on the next
/// page. A fresh page takes at least all but one of a paragraph longer than a page.
pub(super) fn lines_here(n: usize, left: usize) -> usize {
    if n <= left {
        return n;
    }
    let mut k = left;
    if n - k == 1 {
        k -= 1;
    }
    if k == 1 {
        k = 0;
    }
    if left == LINES_PER_PAGE {
        k = k.max(left - 1);
    }
    k
}

impl Pager {
    /// A pager at the top of page 1.
    pub(super) fn new() -> Pager {
        let mut pager = Pager {
            pages: Vec::new(),
            row: 0,
            keep: None,
            heads: None,
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
        let kept = self.keep.take();
        match item {
            Item::Blank => {
                if self.row > 0 && self.row < LINES_PER_PAGE {
                    self.row += 1;
                }
            }
            Item::Line(d) => self.put_line(d),
            Item::Together(items) => self.put_together(items, kept),
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
            Item::Table(t) => {
                if t.starts_next_page(self.row) {
                    self.break_keeping(kept);
                }
                super::table::put_table(self, *t)
            }
            Item::Para { lines, keep_next } => self.put_para(lines, keep_next, kept),
        }
    }

    /// A paragraph's lines, broken over pages by `lines_here`; a heading's start is
    /// remembered (with the headings kept before it on the same page) for what follows.
    fn put_para(&mut self, lines: Vec<Draft>, keep_next: bool, kept: Option<Kept>) {
        if lines.is_empty() {
            self.keep = kept;
            return;
        }
        let mut kept = kept.filter(|k| k.page + 1 == self.pages.len());
        if self.row >= LINES_PER_PAGE || lines_here(lines.len(), self.rows_left()) == 0 {
            kept = self.break_keeping(kept);
        }
        let mut start = Kept {
            page: self.pages.len() - 1,
            line: self.pages.last().map_or(0, |p| p.lines.len()),
            row: self.row,
        };
        let mut rest = lines.into_iter().peekable();
        while rest.peek().is_some() {
            if self.row >= LINES_PER_PAGE {
                self.new_page();
                kept = None;
                start = Kept {
                    page: self.pages.len() - 1,
                    line: 0,
                    row: 0,
                };
            }
            let k = lines_here(rest.len(), self.rows_left());
            for d in rest.by_ref().take(k) {
                let row = self.row;
                self.row += 1;
                if let Some(p) = self.pages.last_mut() {
                    p.lines.push(d.into_line(row));
                }
            }
            if rest.peek().is_some() {
                self.row = LINES_PER_PAGE;
            }
        }
        if keep_next {
            let from = kept.unwrap_or(start);
            self.keep = Some(from);
            let end = self.pages.last().map_or(0, |p| p.lines.len());
            self.heads = Some((from, end));
        }
    }

    /// Starts a new page; the headings kept with what comes next (`kept`, set at the foot
    /// of this page, not at its top) move to it. Where they now stand.
    fn break_keeping(&mut self, kept: Option<Kept>) -> Option<Kept> {
        let mut moved = Vec::new();
        // A 花脸稿's marks of the moved lines go with them.
        let mut marks = Vec::new();
        if let Some(k) = kept.filter(|k| k.page + 1 == self.pages.len() && k.row > 0) {
            if let Some(p) = self.pages.last_mut() {
                moved = p.lines.split_off(k.line);
                let (stay, go): (Vec<_>, Vec<_>) = p.marks.drain(..).partition(|m| m.line < k.line);
                p.marks = stay;
                marks = go;
                for m in &mut marks {
                    m.line -= k.line;
                }
            }
        }
        self.new_page();
        if moved.is_empty() {
            return None;
        }
        if let Some(p) = self.pages.last_mut() {
            p.marks = marks;
        }
        if let (Some(k), Some((h, end))) = (kept, self.heads) {
            if h.page == k.page && h.line >= k.line && end >= h.line {
                let line = h.line - k.line;
                let page = self.pages.len() - 1;
                self.heads = Some((
                    Kept {
                        page,
                        line,
                        row: line,
                    },
                    end - k.line,
                ));
            }
        }
        for mut l in moved {
            let row = self.row;
            self.row += 1;
            l.y_mm = baseline_mm(row, l.size_pt);
            l.row = Some(row);
            if let Some(p) = self.pages.last_mut() {
                p.lines.push(l);
            }
        }
        Some(Kept {
            page: self.pages.len() - 1,
            line: 0,
            row: 0,
        })
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
    /// enough they move to the next page, taking the last text lines with them — or,
    /// when the text ends with headings (parts left blank), those headings: they are kept
    /// with what follows, as the DOCX's keepNext carries them with the signature.
    fn put_together(&mut self, mut items: Vec<Item>, kept: Option<Kept>) {
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
                if kept.is_some_and(|k| k.page + 1 == self.pages.len() && k.row > 0) {
                    self.break_keeping(kept);
                } else {
                    self.new_page_carrying_text();
                }
            }
        }
        for i in items {
            self.put(i);
        }
    }

    /// Starts a new page with the last two text lines of this one: no page may hold the
    /// signature alone (7.3.5.4, no 此页无正文). The rules of a paragraph break hold
    /// there too: a paragraph's first line never stays alone (it goes along), and the
    /// standalone headings right above the carried lines go with them (keep-with-next,
    /// as the DOCX's page break before the first of them does). The rows they leave stay
    /// empty.
    fn new_page_carrying_text(&mut self) {
        let mut carried: Vec<Line> = Vec::new();
        let this = self.pages.len() - 1;
        let heads = self.heads.filter(|(h, _)| h.page == this);
        if let Some(page) = self.pages.last_mut() {
            let is_text = |l: &Line| matches!(l.kind, LineKind::Body | LineKind::Heading(_));
            let carry = |page: &mut Page, carried: &mut Vec<Line>| {
                if page.lines.len() > 2 && page.lines.last().is_some_and(is_text) {
                    carried.extend(page.lines.pop());
                    true
                } else {
                    false
                }
            };
            while carried.len() < 2 && carry(page, &mut carried) {}
            // The carried paragraph's first line, were it to stay alone (an orphan).
            let n = page.lines.len();
            let orphan = n >= 2
                && is_text(&page.lines[n - 1])
                && !page.lines[n - 1].paragraph_end
                && (!is_text(&page.lines[n - 2]) || page.lines[n - 2].paragraph_end);
            if orphan {
                carry(page, &mut carried);
            }
            // The standalone headings right above what is carried.
            if let Some((h, end)) = heads {
                if end == page.lines.len() && end - h.line < LINES_PER_PAGE / 2 {
                    while page.lines.len() > h.line.max(1) && carry(page, &mut carried) {}
                }
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
            Item::Para { lines, .. } => lines.len(),
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
        // block took its last text lines from (it never stands alone on a page) — full
        // but for the rows left empty by a run of headings that moved on with their
        // paragraph's first lines (here 四、 and （一） with an orphan: three rows).
        let sig_page = l
            .pages
            .iter()
            .position(|p| p.lines.iter().any(|l| l.kind == LineKind::Signature))
            .unwrap();
        for p in &l.pages[..sig_page.saturating_sub(1)] {
            let rows: Vec<usize> = p.lines.iter().filter_map(|l| l.row).collect();
            assert!(
                *rows.last().unwrap() >= LINES_PER_PAGE - 4,
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

    /// The standalone headings' texts (number and heading) of `doc`'s filing copy.
    fn heading_texts(doc: &fazhi_core::Document) -> Vec<String> {
        fazhi_layout::blocks(doc, fazhi_core::profile::Profile::Filing)
            .iter()
            .filter_map(|b| match b {
                fazhi_layout::Block::Heading { number, text, .. } => {
                    Some(format!("{number}{}", text.trim()))
                }
                _ => None,
            })
            .collect()
    }

    fn plain(s: &str) -> String {
        s.chars().filter(|c| !c.is_whitespace()).collect()
    }

    /// The text lines of a page (body, headings) in row order.
    fn text_lines(p: &Page) -> Vec<&Line> {
        let mut v: Vec<&Line> = p
            .lines
            .iter()
            .filter(|l| matches!(l.kind, LineKind::Body | LineKind::Heading(_)))
            .collect();
        v.sort_by_key(|l| l.row);
        v
    }

    /// Checks every page break of `l`: no standalone heading ends a page followed by
    /// another, no paragraph leaves one line alone at a page's foot or head, every line
    /// on its grid row. Returns how many pages end with rows left empty before a
    /// heading that opens the next page.
    fn check_breaks(l: &super::super::Layout, headings: &[String], what: &str) -> usize {
        let mut moved = 0;
        for p in &l.pages {
            for line in &p.lines {
                if let Some(r) = line.row {
                    assert!(r < LINES_PER_PAGE, "{what}: row {r}");
                    assert!((line.y_mm - baseline_mm(r, line.size_pt)).abs() < 1e-3);
                }
            }
        }
        for w in l.pages.windows(2) {
            // A page ending with a table's row: its rows are the table's to keep.
            let foot = w[0]
                .lines
                .iter()
                .filter(|l| l.row.is_some())
                .max_by_key(|l| l.row);
            if foot.is_some_and(|l| !matches!(l.kind, LineKind::Body | LineKind::Heading(_))) {
                continue;
            }
            let (a, b) = (text_lines(&w[0]), text_lines(&w[1]));
            let (Some(last), Some(first)) = (a.last(), b.first()) else {
                continue;
            };
            // The paragraph ending the page: its lines from the last paragraph end.
            let from = a[..a.len() - 1]
                .iter()
                .rposition(|l| l.paragraph_end)
                .map_or(0, |i| i + 1);
            let tail: String = a[from..].iter().map(|l| plain(&l.text)).collect();
            if last.paragraph_end {
                assert!(
                    !headings.iter().any(|h| plain(h) == tail),
                    "{what}: page {} ends with the heading {tail}",
                    w[0].page_number
                );
            } else {
                assert!(
                    a.len() - from >= 2,
                    "{what}: orphan at the foot of page {}: {tail}",
                    w[0].page_number
                );
                assert!(
                    !first.paragraph_end,
                    "{what}: widow at the head of page {}: {}",
                    w[1].page_number, first.text
                );
            }
            let last_row = w[0].lines.iter().filter_map(|l| l.row).max().unwrap_or(0);
            if last_row < LINES_PER_PAGE - 1
                && headings
                    .iter()
                    .any(|h| plain(h).starts_with(&plain(&first.text)))
                && first.row == Some(0)
                && w[0].lines.iter().all(|l| l.kind != LineKind::Signature)
            {
                moved += 1;
            }
        }
        moved
    }

    #[test]
    fn lines_here_never_leaves_one_line_alone() {
        // (lines, rows left) → lines on this page.
        let cases = [
            (1, 1, 1),
            (2, 1, 0),
            (2, 2, 2),
            (3, 2, 0),
            (4, 2, 2),
            (4, 3, 2),
            (5, 3, 3),
            (5, 4, 3),
            (9, 1, 0),
            (23, 22, 21),
            (30, 22, 22),
        ];
        for (n, left, k) in cases {
            assert_eq!(lines_here(n, left), k, "{n} lines, {left} rows left");
        }
    }

    #[test]
    fn a_heading_never_ends_a_page_and_no_line_stands_alone() {
        // The preface grows a line at a time, so every heading and paragraph of the
        // report meets every row of a page's foot.
        let mut moved = 0;
        for k in 1..=44 {
            let mut doc = sample_doc();
            doc.preface[0].text = han(28 * k - 2);
            let headings = heading_texts(&doc);
            assert!(headings.len() >= 4);
            let l = layout(&doc, &PdfOptions::default(), &m());
            moved += check_breaks(&l, &headings, &format!("preface of {k} lines"));
        }
        // Some of these put a part heading on a page's last row: it went on.
        assert!(moved > 0, "no heading was moved on");
    }

    #[test]
    fn a_heading_on_the_last_row_moves_with_its_first_line() {
        // The part heading 一、 right after a preface filling page 1 but its last row.
        let mut doc = sample_doc();
        doc.doc_number = None;
        doc.signer = None;
        let headings = heading_texts(&doc);
        let first_heading = plain(&headings[0]);
        let mut seen = false;
        for k in 1..=30 {
            doc.preface[0].text = han(28 * k - 2);
            let l = layout(&doc, &PdfOptions::default(), &m());
            let p1 = &l.pages[0];
            // The preface's last line (a paragraph's end) on row 20.
            let ends_on_20 = text_lines(p1).iter().any(|l| {
                l.kind == LineKind::Body && l.paragraph_end && l.row == Some(LINES_PER_PAGE - 2)
            });
            if !ends_on_20 {
                continue;
            }
            seen = true;
            // Row 21 stays empty; page 2 opens with the heading and its first line.
            assert!(p1.lines.iter().all(|l| l.row != Some(LINES_PER_PAGE - 1)));
            let p2 = text_lines(&l.pages[1]);
            assert_eq!(plain(&p2[0].text), first_heading);
            assert_eq!(p2[0].row, Some(0));
            // Then （一） (kept with what follows too) and the section's first lines.
            for (i, l) in p2.iter().take(4).enumerate() {
                assert_eq!(l.row, Some(i));
            }
            let body = p2.iter().position(|l| l.kind == LineKind::Body).unwrap();
            assert!((1..=2).contains(&body), "{body}");
        }
        assert!(seen, "no preface ended on row 20");
    }

    #[test]
    fn a_heading_stays_with_the_table_after_it() {
        // The first section opens with a table (表题, header, rows): its heading never
        // ends a page the table starts after.
        let mut moved = 0;
        for k in 1..=24 {
            let mut doc = sample_doc();
            doc.preface[0].text = han(28 * k - 2);
            let mut t = fazhi_core::model::Table::from_texts(
                std::iter::once(vec!["序号".to_string(), "工作任务".to_string()])
                    .chain((1..=4).map(|i| vec![i.to_string(), format!("第{i}项任务")])),
                1,
            );
            t.title = Some("重点任务完成情况表".into());
            let s = &mut doc.parts[0].sections[0];
            s.paragraphs.insert(0, fazhi_core::Paragraph::table(t));
            let headings = heading_texts(&doc);
            let l = layout(&doc, &PdfOptions::default(), &m());
            check_breaks(
                &l,
                &headings,
                &format!("table after a preface of {k} lines"),
            );
            for w in l.pages.windows(2) {
                let Some(foot) = w[0]
                    .lines
                    .iter()
                    .filter(|l| l.row.is_some())
                    .max_by_key(|l| l.row)
                else {
                    continue;
                };
                let next_is_table = w[1]
                    .lines
                    .iter()
                    .filter(|l| l.row.is_some())
                    .min_by_key(|l| l.row)
                    .is_some_and(|l| l.kind == LineKind::TableTitle);
                if next_is_table {
                    assert!(
                        !matches!(foot.kind, LineKind::Heading(_)),
                        "{k}: page {} ends with {} before the table",
                        w[0].page_number,
                        foot.text
                    );
                }
                // The heading (after 一、, kept too) opens the page, the 表题 below it.
                let opens = w[1].lines.iter().find(|l| l.row == Some(0));
                let title = w[1].lines.iter().find(|l| l.kind == LineKind::TableTitle);
                if opens.is_some_and(|l| matches!(l.kind, LineKind::Heading(_)))
                    && title.is_some_and(|t| t.row.is_some_and(|r| (1..=2).contains(&r)))
                    && foot.row.is_some_and(|r| r < LINES_PER_PAGE - 1)
                {
                    moved += 1;
                }
            }
        }
        assert!(moved > 0, "no heading moved on with its table");
    }

    #[test]
    fn headings_of_blank_parts_go_on_with_the_signature() {
        // Parts 二 to 四 left blank (30 of the 43 real texts end so, 22 among them): their
        // headings end the text. When the signature block does not fit, they go on with
        // it whole — never 三、's second line alone with 四、, its first left behind.
        let mut with_chain = 0;
        for k in 1..=44 {
            let mut doc = sample_doc();
            doc.preface[0].text = han(28 * k - 2);
            for p in &mut doc.parts[1..] {
                p.sections.clear();
                p.paragraphs.clear();
            }
            let headings = heading_texts(&doc);
            let l = layout(&doc, &PdfOptions::default(), &m());
            check_breaks(&l, &headings, &format!("blank parts, preface of {k} lines"));
            let last = l.pages.last().unwrap();
            let sig = last
                .lines
                .iter()
                .find(|l| l.kind == LineKind::Signature)
                .unwrap();
            let above: Vec<&Line> = text_lines(last)
                .into_iter()
                .filter(|l| l.row < sig.row)
                .collect();
            assert!(!above.is_empty(), "{k}: the signature alone");
            if l.pages.len() > 1 && above[0].row == Some(0) && above[0].text.starts_with("二、") {
                // The three headings, whole, on rows 0… of the signature's page.
                let text: String = above.iter().map(|l| plain(&l.text)).collect();
                assert!(text.starts_with("二、"), "{k}: {text}");
                assert!(above.iter().all(|l| matches!(l.kind, LineKind::Heading(1))));
                with_chain += 1;
            }
        }
        assert!(
            with_chain > 0,
            "the headings never went on with the signature"
        );
    }

    #[test]
    fn a_heading_and_its_short_paragraph_go_on_with_the_signature() {
        // The text ends with 二、 三、 (parts left blank), 四、 and one paragraph of 2
        // (then 3) lines. When the signature block does not fit, the carried lines take
        // the headings along (none ends the page before) and never leave the
        // paragraph's first line behind.
        for lines in [2, 3] {
            let mut carried = 0;
            for k in 1..=44 {
                let mut doc = sample_doc();
                doc.preface[0].text = han(28 * k - 2);
                for p in &mut doc.parts[1..] {
                    p.sections.clear();
                    p.paragraphs.clear();
                }
                let last = doc.parts.len() - 1;
                doc.parts[last]
                    .paragraphs
                    .push(fazhi_core::Paragraph::new(han(28 * lines - 2)));
                let headings = heading_texts(&doc);
                let what = format!("{lines}-line paragraph, preface of {k} lines");
                let l = layout(&doc, &PdfOptions::default(), &m());
                check_breaks(&l, &headings, &what);
                let page = l.pages.last().unwrap();
                let sig = page
                    .lines
                    .iter()
                    .find(|l| l.kind == LineKind::Signature)
                    .unwrap();
                let above: Vec<&Line> = text_lines(page)
                    .into_iter()
                    .filter(|l| l.row < sig.row)
                    .collect();
                if l.pages.len() > 1 && above.first().is_some_and(|l| l.text.starts_with("二、"))
                {
                    // The headings of the blank parts, 四、 and the whole paragraph on
                    // rows 0… of the signature's page.
                    let heads = above
                        .iter()
                        .take_while(|l| matches!(l.kind, LineKind::Heading(1)))
                        .count();
                    assert!(above[heads - 1].paragraph_end, "{what}");
                    let text: String = above[..heads].iter().map(|l| plain(&l.text)).collect();
                    assert!(text.contains("四、"), "{what}: {text}");
                    assert_eq!(above.len() - heads, lines, "{what}");
                    for (r, l) in above.iter().enumerate() {
                        assert_eq!(l.row, Some(r), "{what}");
                    }
                    carried += 1;
                }
            }
            assert!(
                carried > 0,
                "{lines} lines: 四、 never went on with the signature"
            );
        }
    }
}
