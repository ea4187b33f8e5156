//! 版记 (GB/T 9704 7.4): 抄送 and 印发机关/印发日期 in 四号仿宋 between rules, at the bottom
//! of the last page, which must be an even page (the back of the last sheet).

use fazhi_core::Document;

use super::grid::{
    block_right_mm, row_mm, BLOCK_HEIGHT_MM, BLOCK_LEFT_MM, BLOCK_TOP_MM, BLOCK_WIDTH_MM,
    LINES_PER_PAGE, MM_PER_PT, PAGE_NUMBER_PT,
};
use super::linebreak::break_clusters;
use super::metrics::{FontRole, Metrics};
use super::page::{Glyph, LineKind, Page, Rule};
use super::place::{place, run_width, set_run, shifted, Draft};
use super::shape::{clusters, shape};

/// 首条、末条分隔线 (thick) and the 中间分隔线 (thin), recommended heights.
pub const IMPRINT_THICK_MM: f32 = 0.35;
pub const IMPRINT_THIN_MM: f32 = 0.25;

pub(super) struct Imprint {
    /// 抄送 lines (the first starts with 抄送：, the others align after the colon).
    copy_to: Vec<Vec<Glyph>>,
    /// 印发机关 left one character in, 印发日期 right one character in, on one row.
    printed: Option<Vec<Glyph>>,
}

impl Imprint {
    fn rows(&self) -> usize {
        self.copy_to.len() + usize::from(self.printed.is_some())
    }
}

/// The document's 版记 set in 四号, or `None` when it has nothing to show.
pub(super) fn imprint(doc: &Document, metrics: &dyn Metrics) -> Option<Imprint> {
    let text = doc.imprint_text()?;
    let copy_to = text
        .copy_to
        .map(|c| copy_to_lines(c, metrics))
        .unwrap_or_default();
    let printed = printed_row(text.printed_by, text.printed_on, metrics);
    let im = Imprint { copy_to, printed };
    (im.rows() > 0).then_some(im)
}

/// 抄送：A，B，C。 — 左右各空一字; a second line aligns with the first organ.
fn copy_to_lines(copy_to: String, metrics: &dyn Metrics) -> Vec<Vec<Glyph>> {
    let em = PAGE_NUMBER_PT * MM_PER_PT;
    let chars = shape(&[(copy_to, FontRole::Fang)], metrics);
    let cap = ((BLOCK_WIDTH_MM - 2.0 * em) / em).floor();
    let lines = break_clusters(&chars, clusters(&chars), cap, cap - 3.0, false);
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let indent = if i == 0 { 1.0 } else { 4.0 };
            let glyphs = place(&chars[l.range], f32::MAX, false, em, PAGE_NUMBER_PT, 0.0);
            shifted(glyphs, BLOCK_LEFT_MM + indent * em)
        })
        .collect()
}

/// 印发机关 and 印发日期 on one row, each one character in from its edge.
fn printed_row(
    by: Option<String>,
    on: Option<String>,
    metrics: &dyn Metrics,
) -> Option<Vec<Glyph>> {
    if by.is_none() && on.is_none() {
        return None;
    }
    let em = PAGE_NUMBER_PT * MM_PER_PT;
    let mut glyphs = Vec::new();
    if let Some(by) = by {
        let run = set_run(&[(by, FontRole::Fang)], PAGE_NUMBER_PT, em, metrics);
        glyphs.extend(shifted(run, BLOCK_LEFT_MM + em));
    }
    if let Some(on) = on {
        let run = set_run(&[(on, FontRole::Fang)], PAGE_NUMBER_PT, em, metrics);
        let w = run_width(&run);
        glyphs.extend(shifted(run, block_right_mm() - em - w));
    }
    Some(glyphs)
}

/// Puts the 版记 on the last rows of the last even page (see [`imprint_page`]). Returns
/// how many pages at the end go without a page number.
pub(super) fn place_imprint(pages: &mut Vec<Page>, rows_used: usize, im: Imprint) -> usize {
    let rows = im.rows().min(LINES_PER_PAGE);
    let unnumbered = imprint_page(pages, rows_used, rows);
    let Some(page) = pages.last_mut() else {
        return 0;
    };
    let first = LINES_PER_PAGE - rows;
    let n_copy = im.copy_to.len();
    for (row, g) in (first..).zip(im.copy_to.into_iter().take(rows)) {
        page.lines.push(imprint_line(g).into_line(row));
    }
    if let Some(g) = im.printed {
        page.lines
            .push(imprint_line(g).into_line(LINES_PER_PAGE - 1));
    }
    page.rules
        .extend(imprint_rules(first, n_copy > 0 && rows > n_copy));
    unnumbered
}

/// Makes the last page one for a 版记 of `rows` rows: the last page itself when it is
/// even and has room below the text (one row kept free), else a new even page (after a
/// blank page when the text ends on an even page). Returns how many pages at the end go
/// without a page number: 版记 pages after a blank page carry none (GB/T 9704 7.5).
fn imprint_page(pages: &mut Vec<Page>, rows_used: usize, rows: usize) -> usize {
    let n = pages.len();
    let fits = n.is_multiple_of(2) && rows_used + 1 + rows <= LINES_PER_PAGE;
    if fits {
        return 0;
    }
    let mut unnumbered = 0;
    if n.is_multiple_of(2) {
        pages.push(Page::blank(n + 1));
        unnumbered = 2;
    }
    let k = pages.len() + 1;
    pages.push(Page::blank(k));
    unnumbered
}

fn imprint_line(glyphs: Vec<Glyph>) -> Draft {
    Draft {
        kind: LineKind::Imprint,
        font: FontRole::Fang,
        size_pt: PAGE_NUMBER_PT,
        glyphs,
        justified: false,
        paragraph_end: true,
    }
}

/// The first rule sits above the first element (row `first`), the last one on the
/// block's lower edge; a thin rule parts 抄送 from 印发 (`parted`).
fn imprint_rules(first: usize, parted: bool) -> Vec<Rule> {
    let row_top = |r: usize| BLOCK_TOP_MM + r as f32 * row_mm();
    let rule =
        |y: f32, width: f32| Rule::horizontal(BLOCK_LEFT_MM, block_right_mm(), y, width, false);
    let mut rules = vec![rule(row_top(first), IMPRINT_THICK_MM)];
    if parted {
        rules.push(rule(row_top(LINES_PER_PAGE - 1), IMPRINT_THIN_MM));
    }
    rules.push(rule(
        BLOCK_TOP_MM + BLOCK_HEIGHT_MM - IMPRINT_THICK_MM / 2.0,
        IMPRINT_THICK_MM,
    ));
    rules
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::page::Line;
    use super::super::testing::{han, m, sample_doc};
    use super::*;
    use crate::PdfOptions;
    use fazhi_core::profile::Profile;

    #[test]
    fn imprint_closes_the_last_even_page_in_the_filing_profile_only() {
        let filing = PdfOptions {
            profile: Profile::Filing,
            fonts: None,
        };
        let mut parities = [false; 2];
        let mut blank_before = false;
        for extra in 0..48 {
            let mut doc = sample_doc();
            for _ in 0..extra {
                doc.closing.push(fazhi_core::Paragraph::new(han(20)));
            }
            doc.copy_to = Some(format!("{}，市人大常委会办公室，市政协办公室", han(30)));
            doc.printed_by = Some("梅河口市人民政府办公室".into());
            doc.printed_on = Some("2020-03-13".into());
            let plain = layout(&doc, &filing, &m());
            let text_pages = {
                let mut d = doc.clone();
                d.copy_to = None;
                d.printed_by = None;
                d.printed_on = None;
                layout(&d, &filing, &m()).pages.len()
            };
            parities[text_pages % 2] = true;
            let n = plain.pages.len();
            assert_eq!(n % 2, 0, "extra {extra}: the 版记 page is even");
            let last = plain.pages.last().unwrap();
            let imprint: Vec<&Line> = last
                .lines
                .iter()
                .filter(|l| l.text.starts_with("抄送") || l.text.contains("印发"))
                .collect();
            // 抄送 wraps onto a second line aligned after 抄送：; 印发 on the last row.
            let copy: Vec<&Line> = last
                .lines
                .iter()
                .filter(|l| l.kind == LineKind::Imprint)
                .collect();
            assert_eq!(copy.len(), 3, "extra {extra}");
            assert!(copy[0].text.starts_with("抄送："));
            assert!(copy[1].text.ends_with("市政协办公室。"), "{}", copy[1].text);
            let em = PAGE_NUMBER_PT * MM_PER_PT;
            assert!((copy[0].x_mm - (BLOCK_LEFT_MM + em)).abs() < 1e-3);
            assert!((copy[1].x_mm - (BLOCK_LEFT_MM + 4.0 * em)).abs() < 1e-3);
            assert!(copy
                .iter()
                .all(|l| l.right_mm <= block_right_mm() - em + 1e-3));
            let printed = imprint.last().unwrap();
            assert_eq!(printed.row, Some(LINES_PER_PAGE - 1));
            assert!(printed.text.starts_with("梅河口市人民政府办公室"));
            assert!(printed.text.ends_with("2020年3月13日印发"));
            assert!((printed.right_mm - (block_right_mm() - em)).abs() < 1e-3);
            // Rules: thick above, thin between 抄送 and 印发, thick on the block's edge.
            let rules = &last.rules;
            assert_eq!(rules.len(), 3);
            assert_eq!(rules[0].width_mm, IMPRINT_THICK_MM);
            assert_eq!(rules[1].width_mm, IMPRINT_THIN_MM);
            assert_eq!(rules[2].width_mm, IMPRINT_THICK_MM);
            let bottom = BLOCK_TOP_MM + BLOCK_HEIGHT_MM;
            assert!((rules[2].y_mm + IMPRINT_THICK_MM / 2.0 - bottom).abs() < 1e-3);
            assert!((rules[0].y_mm - (BLOCK_TOP_MM + 19.0 * row_mm())).abs() < 1e-3);
            // Nothing of the text below the first rule.
            for l in &last.lines {
                if l.kind != LineKind::Imprint && l.kind != LineKind::PageNumber {
                    assert!(
                        l.row.unwrap() < 19,
                        "extra {extra}: {} under the 版记",
                        l.text
                    );
                }
            }
            // A blank page before the 版记 page when the text ends on an even page
            // with no room; those two pages carry no number.
            if n == text_pages + 2 {
                blank_before = true;
                assert!(plain.pages[n - 2].lines.is_empty());
                assert!(!last.lines.iter().any(|l| l.kind == LineKind::PageNumber));
            } else {
                assert!(last.lines.iter().any(|l| l.kind == LineKind::PageNumber));
            }
            // Not in the publication profile.
            let publication = PdfOptions {
                profile: Profile::Publication,
                fonts: None,
            };
            let public = layout(&doc, &publication, &m());
            assert!(public.pages.iter().all(|p| p.rules.is_empty()
                && !p
                    .lines
                    .iter()
                    .any(|l| l.text.contains("抄送") || l.text.contains("印发"))));
        }
        assert!(parities[0] && parities[1], "both parities tried");
        assert!(blank_before, "the blank-page case was reached");
    }
}
