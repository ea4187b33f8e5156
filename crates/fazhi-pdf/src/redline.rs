//! The 花脸稿 (redline) of two versions as a PDF: `fazhi_layout::redline`'s blocks set
//! by our typesetter on the report's grid ([`crate::typeset::redline_layout`]), drawn by
//! the same writer, inserted text blue and underlined, deleted text red and struck
//! through.

use fazhi_core::Document;
use fazhi_layout::redline::Redline;

use crate::fonts::{self, FontMetrics};
use crate::{typeset, writer, PdfError, PdfOptions};

/// Writes `r` as a PDF; `doc` (the newer version) gives the file's title and author.
/// Only `opts.fonts` is used: a 花脸稿 has no profile.
pub fn render_redline(doc: &Document, r: &Redline, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let config = match &opts.fonts {
        Some(c) => c.clone(),
        None => fonts::configured()?,
    };
    let fonts = fonts::load(&config)?;
    let metrics = FontMetrics::new(&fonts);
    let layout = typeset::redline_layout(r, &metrics);
    writer::write(doc, &layout, &metrics)
}
