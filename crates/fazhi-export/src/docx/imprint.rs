//! [official #16] The 版记 (GB/T 9704 7.4) at the foot of the last page, which is an
//! even page, on the page our typesetter puts it.
//!
//! Which page that is depends on pagination, which the typesetter (fazhi-pdf) decides
//! once: the 版记 shares the body's last page when that page is even and has room, else
//! it stands on the next page; when the body ends on an even page without room, a blank
//! page comes first and neither page carries a number (GB/T 9704 7.5). The DOCX reads
//! that decision from the typesetter's pages (where the 版记's lines are, whether a blank
//! page precedes, how many rows the body takes on its last page) and never makes it
//! again.
//!
//! The Word constructs, chosen so that Word, WPS and LibreOffice lay them out alike:
//! - the 版记 stays the block-wide table of `body::imprint_table` (its rules are table
//!   borders), moved down by an empty paragraph of an exact height (the 版头's
//!   technique): exact line heights are laid out to the twip by every word processor,
//!   and the body is on the 22-row grid, so the table's top lands on the row the
//!   typesetter gives (lifted by at most the room its rules and the closing 1 pt
//!   paragraph need, < 1 mm). The table's rows have exact heights (`w:trHeight
//!   w:hRule="exact"`, the typesetter's line count, `w:cantSplit`), so that no word
//!   processor adds the rules' widths to them and pushes the last row over the edge;
//! - on a page of its own the 版记 is the last section, which starts on an even page
//!   (`w:type w:val="evenPage"`): should a word processor end the body on another page
//!   than ours, the 版记 still stands on an even page (the word processor adds the blank
//!   page; LibreOffice's PDF export leaves such a page out but numbers the pages as
//!   printed);
//! - the blank page and the 版记 page after it go unnumbered through sections: the body's
//!   section ends at its last paragraph (`w:sectPr` in its `w:pPr`, page numbers as
//!   before), then a section holding one empty paragraph (the blank page) and the last
//!   section (the 版记), both `w:titlePg` with an empty first-page footer — the footer
//!   every word processor uses on a section's first page.
//!
//! Tried and refused in LibreOffice 7.4: a section with `w:vAlign w:val="bottom"` (page
//! vertical alignment is not imported: the table stays at the top), a floating table
//! (`w:tblpPr`, `w:tblpYSpec="bottom"` or an absolute `w:tblpY`: laid out in the flow),
//! and a frame (`w:framePr` with `w:yAlign="bottom"`): bottom-anchored as long as its
//! paragraphs carry no border, but the 版记's rules are borders.

use docx_rs::{Docx, Footer, HeightRule, Paragraph, SectionType, Table, TableChild};
use fazhi_core::profile::Profile;
use fazhi_core::Document;
use fazhi_layout::geometry;
use fazhi_pdf::{Layout, Line, LineKind, PdfOptions};

use crate::layout::*;

use super::body::spacer;
use super::styles::{STYLE_FLUSH, STYLE_FOOTER};

/// The 版记's page, relative to the body's last page, as the typesetter set it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Page {
    /// The body's last page (even, with room); the body takes `rows_used` rows of it.
    Same { rows_used: usize },
    /// The page after the body's last (odd) page, numbered.
    Next,
    /// After a blank page (the body ends on an even page without room); neither page
    /// is numbered.
    AfterBlank,
}

/// Where the typesetter put the 版记: its page and its first grid row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Place {
    pub page: Page,
    pub first_row: usize,
}

/// How our typesetter lays `doc` out in `profile`, or `None` when it cannot (no font
/// files: then the word processor's pagination alone decides, as before).
pub(super) fn typeset(doc: &Document, profile: Profile) -> Option<Layout> {
    let opts = PdfOptions {
        profile,
        fonts: None,
    };
    fazhi_pdf::layout_with_fonts(doc, &opts).ok()
}

/// Grid row of a line (the typesetter's, else from its baseline).
fn row_of(l: &Line) -> usize {
    l.row.unwrap_or_else(|| {
        ((f64::from(l.y_mm) - geometry::BLOCK_TOP_MM) / geometry::row_mm()).max(0.0) as usize
    })
}

/// The blank rows the typesetter left between the text and the signature (the seal's
/// room): fewer than the layout model's when the signature block only fitted on the
/// page that way (GB/T 9704 7.3.5.1: the seal's top may come within one line of the
/// text). `None` when the signature starts its page or there is none.
pub(super) fn seal_rows(layout: &Layout) -> Option<usize> {
    layout.pages.iter().find_map(|p| {
        let sig = p.lines.iter().find(|l| l.kind == LineKind::Signature)?;
        let at = row_of(sig);
        let above = p
            .lines
            .iter()
            .filter(|l| l.kind != LineKind::PageNumber)
            .map(row_of)
            .filter(|r| *r < at)
            .max()?;
        Some(at - above - 1)
    })
}

/// The whole paragraphs our typesetter put at the top of the signature's page, before
/// it, when they are what it carries along when the signature block does not fit below
/// the text (GB/T 9704 7.3.5.4: no page holds the signature alone): two lines, or a
/// paragraph of three (no orphan), with the standalone headings right above them: the
/// DOCX starts a page with them too (counted as paragraphs, a heading is one), so the
/// page break lands on the first heading. `None` when the page starts inside a
/// paragraph, with more text, or with anything but body text and headings.
pub(super) fn carried_paragraphs(layout: &Layout) -> Option<usize> {
    let pages = &layout.pages;
    let (i, sig) = pages.iter().enumerate().find_map(|(i, p)| {
        p.lines
            .iter()
            .find(|l| l.kind == LineKind::Signature)
            .map(|l| (i, l))
    })?;
    let at = row_of(sig);
    let above: Vec<&Line> = pages[i]
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::PageNumber && row_of(l) < at)
        .collect();
    if above.is_empty()
        || !above
            .iter()
            .all(|l| matches!(l.kind, LineKind::Body | LineKind::Heading(_)))
    {
        return None;
    }
    // Past two lines, only what the typesetter takes along with them: the whole
    // headings right above (Heading lines, the last ending its paragraph) and the
    // carried paragraph's own first line (a paragraph of three, never one line left).
    let is_heading = |l: &&Line| matches!(l.kind, LineKind::Heading(_));
    let fits = |h: usize| {
        let (heads, rest) = above.split_at(h);
        let one_paragraph = rest.iter().rev().skip(1).all(|l| !l.paragraph_end);
        heads.iter().all(is_heading)
            && heads.last().is_none_or(|l| l.paragraph_end)
            && !rest.is_empty()
            && (rest.len() <= 2 || rest.len() == 3 && one_paragraph)
    };
    if !(0..above.len()).any(fits) {
        return None;
    }
    let before = pages[i.checked_sub(1)?]
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::PageNumber)
        .max_by_key(|l| row_of(l))?;
    before
        .paragraph_end
        .then(|| above.iter().filter(|l| l.paragraph_end).count())
        .filter(|k| *k > 0)
}

/// Where the typesetter put the 版记, or `None` when it set none.
pub(super) fn place(layout: &Layout) -> Option<Place> {
    let pages = &layout.pages;
    let last = pages.last()?;
    let first_row = last
        .lines
        .iter()
        .filter(|l| l.kind == LineKind::Imprint)
        .filter_map(|l| l.row)
        .min()?;
    let body_rows = last
        .lines
        .iter()
        .filter(|l| !matches!(l.kind, LineKind::Imprint | LineKind::PageNumber))
        .map(row_of)
        .max();
    let page = match body_rows {
        Some(r) => Page::Same { rows_used: r + 1 },
        None => {
            let before = pages.len().checked_sub(2).map(|i| &pages[i]);
            let blank = before
                .is_some_and(|p| p.lines.is_empty() && p.rules.is_empty() && p.turned.is_none());
            if blank {
                Page::AfterBlank
            } else {
                Page::Next
            }
        }
    };
    Some(Place { page, first_row })
}

/// Height of the paragraph after the table (a body cannot end with a table), in twips.
const TAIL: i32 = 20;

/// Room kept free below the table: the rules' widths that LibreOffice lays out beyond
/// the rows' exact heights (a thick rule, 1 pt, above and below).
const RULES: i32 = 40;

/// Twips from the block's top to grid row `row`'s top, as the typesetter places it.
fn row_top(row: usize) -> i32 {
    ((geometry::row_top_mm(row) - geometry::BLOCK_TOP_MM) * TWIPS_PER_MM).round() as i32
}

/// Where the table's top must stand: the typesetter's first row, unless the table
/// (`lines` rows [`LINE_PITCH`] high, its rules) and the tail paragraph would then pass
/// the block's lower edge — then as low as they fit.
fn table_top(first_row: usize, lines: usize) -> i32 {
    let block = (geometry::BLOCK_HEIGHT_MM * TWIPS_PER_MM).floor() as i32;
    row_top(first_row).min(block - lines as i32 * LINE_PITCH - RULES - TAIL)
}

/// The table's rows at exact heights, the rules within them (otherwise LibreOffice and
/// Word add the rules' widths to the rows): the last row (印发, one line) one
/// [`LINE_PITCH`], the first (抄送) the rest of the typesetter's `lines`.
fn exact_rows(mut table: Table, lines: usize) -> Table {
    let n = table.rows.len();
    for (i, row) in table.rows.iter_mut().enumerate() {
        let TableChild::TableRow(r) = row;
        let rows_here = if n == 1 {
            lines
        } else if i + 1 == n {
            1
        } else {
            lines.saturating_sub(n - 1)
        };
        *r = r
            .clone()
            .row_height((rows_here.max(1) as i32 * LINE_PITCH) as f32)
            .height_rule(HeightRule::Exact)
            .cant_split();
    }
    table
}

/// Adds the 版记 table where `place` says, after the body (whose section the caller has
/// ended with [`Page::AfterBlank`]).
pub(super) fn add(docx: Docx, table: Table, place: Option<Place>) -> Docx {
    let Some(place) = place else {
        // No typesetter: after the body, as the word processor paginates.
        return docx
            .add_table(table)
            .add_paragraph(Paragraph::new().style(STYLE_FLUSH));
    };
    let lines = LINES_PER_PAGE.saturating_sub(place.first_row);
    let top = table_top(place.first_row, lines);
    let table = exact_rows(table, lines);
    let mut docx = docx;
    let lead = match place.page {
        Page::Same { rows_used } => {
            let at = rows_used as i32 * LINE_PITCH;
            spacer(top - at).keep_next(true)
        }
        Page::Next => {
            // The last section starts on the next even page: the page after the body's
            // last, numbered as the body's pages are.
            docx.document.section_property.section_type = Some(SectionType::EvenPage);
            spacer(top).keep_next(true)
        }
        Page::AfterBlank => {
            // The blank page: a section of one empty paragraph; the 版记's page: the
            // last section. Both show their first-page footer, which is empty.
            let empty = Footer::new().add_paragraph(Paragraph::new().style(STYLE_FOOTER));
            docx = docx.first_footer(empty);
            let blank = docx.document.section_property.clone();
            docx = docx.add_paragraph(Paragraph::new().style(STYLE_FLUSH).section_property(blank));
            docx.document.section_property.section_type = Some(SectionType::EvenPage);
            spacer(top).keep_next(true)
        }
    };
    docx.add_paragraph(lead)
        .add_table(table)
        .add_paragraph(spacer(TAIL))
}
