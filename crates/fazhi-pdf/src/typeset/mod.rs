//! GB/T 9704 typesetting, free of any GUI or PDF code: a document becomes pages of lines,
//! each line a list of glyphs placed in millimetres from the page's top-left corner.
//! The PDF writer draws exactly this, and the app's 打印预览 can draw it too.
//!
//! The grid: A4, text block 156 × 225 mm at 37 mm from the top and 28 mm from the left,
//! 22 rows of 28 cells. A cell is 156/28 mm (a hair narrower than the 16 pt em, as in the
//! Word/WPS templates), a row 225/22 mm. Every glyph line is centred vertically in its row.
//!
//! The stages, in the order a document goes through them (each module holds one):
//! - `items`: the layout model's blocks (`fazhi_layout`: what the profile shows, worded,
//!   with the title's lines and the 版头's places decided) set in type, in order;
//! - `shape`: text to grid characters and the clusters never broken, using the 禁则
//!   character classes of `classes`;
//! - `linebreak` and `title`: clusters to lines (the title's lines are given), placed on
//!   the line by `place`;
//! - `pager`: lines to the rows of pages, then page numbers;
//! - `imprint`: the 版记 on the last even page.
//!
//! `grid` holds the page's measures, `metrics` the fonts' roles and widths, `page` the
//! layout handed out.

mod classes;
mod grid;
mod imprint;
mod items;
mod linebreak;
mod metrics;
mod page;
mod pager;
mod place;
// [tracking #17] the 花脸稿 set on the grid, its marks drawn by the writer.
pub(crate) mod redline;
mod shape;
// [tables #21] tables set in type and paged (header repeated, landscape pages).
mod table;
#[cfg(test)]
mod testing;
mod title;

use fazhi_core::profile::Profile;
use fazhi_core::Document;

use crate::PdfOptions;

pub use classes::{hangable, is_wide, no_line_end, no_line_start};
pub use grid::{
    baseline_mm, block_right_mm, cell_mm, row_mm, BLOCK_HEIGHT_MM, BLOCK_LEFT_MM, BLOCK_TOP_MM,
    BLOCK_WIDTH_MM, BODY_PT, CHARS_PER_LINE, LINES_PER_PAGE, PAGE_HEIGHT_MM, PAGE_NUMBER_GAP_MM,
    PAGE_NUMBER_PT, PAGE_WIDTH_MM, TITLE_PT,
};
pub use imprint::{IMPRINT_THICK_MM, IMPRINT_THIN_MM};
pub use linebreak::break_body_text;
pub use metrics::{FontRole, Metrics, SimpleMetrics};
pub use page::{Glyph, Layout, Line, LineKind, Page, Rule, Turned};
pub use redline::{redline_layout, SpanMark};
pub use title::title_lines;

/// Lays the document out on GB/T 9704 pages.
pub fn layout(doc: &Document, opts: &PdfOptions, metrics: &dyn Metrics) -> Layout {
    let mut pager = pager::Pager::new();
    for item in items::items(doc, opts.profile, metrics) {
        pager.put(item);
    }
    let (mut pages, rows_used) = pager.finish();
    let mut unnumbered = 0;
    if opts.profile == Profile::Filing {
        if let Some(im) = imprint::imprint(doc, metrics) {
            unnumbered = imprint::place_imprint(&mut pages, rows_used, im);
        }
    }
    let numbered = pages.len() - unnumbered;
    for p in &mut pages[..numbered] {
        p.lines
            .push(pager::page_number_line(p.page_number, metrics));
    }
    Layout {
        page_width_mm: PAGE_WIDTH_MM,
        page_height_mm: PAGE_HEIGHT_MM,
        pages,
    }
}

/// Number of pages the document takes.
pub fn page_count(doc: &Document, opts: &PdfOptions, metrics: &dyn Metrics) -> usize {
    layout(doc, opts, metrics).page_count()
}
