//! Pending changes (修订) as Word tracked changes: deleted text as `w:del` runs with
//! `w:delText`, inserted text as `w:ins` runs, each with `w:author` and `w:date`, so
//! that Word, WPS and LibreOffice show them as changes to accept or reject there.
//!
//! A change reaches the DOCX as [`ExportChange`]s, one per node it touches (a change
//! across paragraphs is cut at their ends); [`super::comments::Comments`] places them
//! in the runs of their paragraph or heading, beside the comments.

use docx_rs::{Delete, Insert, Paragraph, Run};
use serde::{Deserialize, Serialize};

use super::{clean, fonts};

/// One node's part of a pending change: `start..end` (Unicode scalar values of the
/// node's own text: the paragraph, or the heading without its number) is deleted and
/// `inserted` stands after it. `start == end` is a pure insertion; an empty `inserted`
/// a pure deletion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportChange {
    pub node_id: String,
    pub start: usize,
    pub end: usize,
    pub inserted: String,
    pub author: String,
    /// ISO date or date-time.
    pub date: String,
}

/// Word wants `YYYY-MM-DDTHH:MM:SSZ`: a bare date becomes midnight, fractions of a
/// second (as the store writes them) are dropped.
pub(crate) fn change_date(d: &str) -> String {
    let d = super::comments::word_date(d);
    match (d.find('.'), d.ends_with('Z')) {
        (Some(dot), true) if dot > 10 => format!("{}Z", &d[..dot]),
        _ => d,
    }
}

fn with_font(run: Run, font: &str) -> Run {
    if font.is_empty() {
        run
    } else {
        run.fonts(fonts(font))
    }
}

/// `text` deleted by `c`, set in `font` ("" = the paragraph style's).
pub(super) fn add_deleted(p: Paragraph, c: &ExportChange, text: &str, font: &str) -> Paragraph {
    if text.is_empty() {
        return p;
    }
    let run = with_font(Run::new().add_delete_text(clean(text)), font);
    p.add_delete(
        Delete::new()
            .author(clean(&c.author))
            .date(change_date(&c.date))
            .add_run(run),
    )
}

/// What `c` inserts, set in `font`.
pub(super) fn add_inserted(p: Paragraph, c: &ExportChange, font: &str) -> Paragraph {
    if c.inserted.is_empty() {
        return p;
    }
    let run = with_font(Run::new().add_text(clean(&c.inserted)), font);
    p.add_insert(
        Insert::new(run)
            .author(clean(&c.author))
            .date(change_date(&c.date)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_word_date_times() {
        assert_eq!(change_date("2026-12-04"), "2026-12-04T00:00:00Z");
        assert_eq!(
            change_date("2026-12-04T04:30:15.123Z"),
            "2026-12-04T04:30:15Z"
        );
        assert_eq!(change_date("2026-12-04T04:30:15Z"), "2026-12-04T04:30:15Z");
    }
}
