//! The signature block (GB/T 9704 7.3.5.1, sealed): two blank rows for the seal, the
//! issuer centred over the date, the date right-aligned four characters in, and the 附注
//! on the row after; kept together on one page.

use fazhi_core::Document;

use super::grid::{block_right_mm, cell_mm, BLOCK_LEFT_MM, BODY_PT};
use super::items::{given, Item};
use super::linebreak::set_paragraph;
use super::metrics::{FontRole, Metrics};
use super::page::{Glyph, LineKind};
use super::place::{run_width, set_run, shifted, Draft};

/// The block as one [`Item::Together`]; the 附注 only in the filing profile.
pub(super) fn signature_block(doc: &Document, filing: bool, metrics: &dyn Metrics) -> Item {
    let cell = cell_mm();
    let mut tail = vec![Item::Blank, Item::Blank];
    let date_run = doc
        .date_official()
        .map(|d| set_run(&[(d, FontRole::Fang)], BODY_PT, cell, metrics));
    // The date's right edge; the signature is centred on the date's centre.
    let right = block_right_mm() - 4.0 * cell;
    if let Some(sig) = signature_line(doc, date_run.as_deref(), right, metrics) {
        tail.push(Item::Line(sig));
    }
    if let Some(run) = date_run {
        let w = run_width(&run);
        tail.push(Item::Line(Draft::single(
            LineKind::Date,
            shifted(run, right - w),
        )));
    }
    if let Some(note) = given(&doc.note).filter(|_| filing) {
        for d in note_lines(note, metrics) {
            tail.push(Item::Line(d));
        }
    }
    Item::Together(tail)
}

/// The signer (or issuing organ) centred over the date (or over the date's place when
/// there is none), kept inside the block.
fn signature_line(
    doc: &Document,
    date_run: Option<&[Glyph]>,
    right: f32,
    metrics: &dyn Metrics,
) -> Option<Draft> {
    let sig = doc.signature_or_issuer().trim().to_string();
    if sig.is_empty() {
        return None;
    }
    let run = set_run(&[(sig, FontRole::Fang)], BODY_PT, cell_mm(), metrics);
    let w = run_width(&run);
    let centre = match date_run {
        Some(d) => right - run_width(d) / 2.0,
        None => right - w / 2.0,
    };
    let left = (centre - w / 2.0)
        .min(block_right_mm() - w)
        .max(BLOCK_LEFT_MM);
    Some(Draft::single(LineKind::Signature, shifted(run, left)))
}

/// 附注: 居左空二字, in parentheses.
fn note_lines(note: String, metrics: &dyn Metrics) -> Vec<Draft> {
    let text = if note.starts_with('（') {
        note
    } else {
        format!("（{note}）")
    };
    set_paragraph(&[(text, FontRole::Fang)], LineKind::Note, 2.0, metrics)
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::page::Line;
    use super::super::testing::{m, sample_doc};
    use super::*;
    use crate::PdfOptions;

    #[test]
    fn signature_and_date_follow_the_standard() {
        let doc = sample_doc();
        let l = layout(&doc, &PdfOptions::default(), &m());
        let last = l.pages.last().unwrap();
        let date = last
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Date)
            .unwrap();
        let sig = last
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Signature)
            .unwrap();
        assert_eq!(date.text, "2020年3月13日");
        assert!((date.right_mm - (block_right_mm() - 4.0 * cell_mm())).abs() < 1e-3);
        let c = |l: &Line| (l.x_mm + l.right_mm) / 2.0;
        assert!((c(date) - c(sig)).abs() < 1e-3);
        assert_eq!(date.row.unwrap(), sig.row.unwrap() + 1);
        let note = last
            .lines
            .iter()
            .find(|l| l.kind == LineKind::Note)
            .unwrap();
        assert_eq!(note.row.unwrap(), date.row.unwrap() + 1);
    }
}
