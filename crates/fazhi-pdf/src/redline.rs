//! The 花脸稿 (redline) of two versions as a PDF: `fazhi_layout::redline`'s blocks set
//! by our typesetter on the report's grid ([`crate::typeset::redline_layout`]), drawn by
//! the same writer, inserted text blue and underlined, deleted text red and struck
//! through.

use fazhi_core::Document;
use fazhi_layout::redline::Redline;

use crate::fonts::{self, FontMetrics};
use crate::{fallbacks, typeset, writer, PdfError, PdfOptions, Rendered};

/// Writes `r` as a PDF; `doc` (the newer version) gives the file's title and author.
/// Only `opts.fonts` is used: a 花脸稿 has no profile.
pub fn render_redline(doc: &Document, r: &Redline, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    render_redline_reporting(doc, r, opts).map(|p| p.bytes)
}

/// [`render_redline`], also saying which characters fell back to another face.
pub fn render_redline_reporting(
    doc: &Document,
    r: &Redline,
    opts: &PdfOptions,
) -> Result<Rendered, PdfError> {
    let fonts = fonts::load(&crate::config_of(opts)?)?;
    let metrics = FontMetrics::new(&fonts);
    let layout = typeset::redline_layout(r, &metrics);
    let bytes = writer::write(doc, &layout, &metrics)?;
    Ok(Rendered {
        bytes,
        page_count: layout.page_count(),
        fell_back: fallbacks(&layout, &metrics),
    })
}
