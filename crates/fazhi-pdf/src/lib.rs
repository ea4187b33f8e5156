//! PDF export of a report, typeset by ourselves on the GB/T 9704 grid.
//!
//! [`typeset`] turns a document into positioned lines (pure, testable, reusable for the
//! app's print preview); [`render`] draws that layout into a PDF with the fonts of
//! [`FontConfig`] embedded as subsets (with ToUnicode maps, so the text can be searched and
//! copied).

pub mod choice;
mod fallback;
mod fonts;
// [tracking #17] the 花脸稿 as a PDF.
mod redline;
pub mod system;
pub mod typeset;
mod writer;

use std::path::PathBuf;

use fazhi_core::profile::Profile;
use fazhi_core::Document;

pub use fallback::{fallbacks, FellBack};
pub use fonts::{default_font_dir, set_chosen_fonts, FontConfig, FontFile, FontMetrics};
pub use redline::{render_redline, render_redline_reporting};
pub use typeset::{layout, page_count, FontRole, Layout, Line, LineKind, Metrics, Page, Rule};

#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    pub profile: Profile,
    /// The font files; `None` takes the process's chosen fonts ([`set_chosen_fonts`]),
    /// else the bundled set from [`default_font_dir`].
    pub fonts: Option<FontConfig>,
}

#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    #[error("找不到字体目录：请把字体放在程序旁的 fonts 文件夹中，或用环境变量 FAZHI_FONTS 指定字体文件夹。")]
    NoFontDir,
    #[error("找不到{role}字体文件：{}", path.display())]
    FontMissing { role: &'static str, path: PathBuf },
    #[error("无法读取{role}字体文件 {}：{reason}", path.display())]
    FontUnreadable {
        role: &'static str,
        path: PathBuf,
        reason: String,
    },
    #[error("{role}字体文件 {} 已损坏或格式不受支持（需要 OpenType/TrueType 字体）：{reason}", path.display())]
    FontInvalid {
        role: &'static str,
        path: PathBuf,
        reason: String,
    },
}

/// The fonts a render uses: those `opts` names, or the process's chosen ones.
pub(crate) fn config_of(opts: &PdfOptions) -> Result<FontConfig, PdfError> {
    match &opts.fonts {
        Some(c) => Ok(c.clone()),
        None => fonts::configured(),
    }
}

/// Typesets `doc` and writes it as a PDF.
pub fn render(doc: &Document, opts: &PdfOptions) -> Result<Vec<u8>, PdfError> {
    let fonts = fonts::load(&config_of(opts)?)?;
    let metrics = FontMetrics::new(&fonts);
    let layout = typeset::layout(doc, opts, &metrics);
    writer::write(doc, &layout, &metrics)
}

/// A PDF and the characters its fonts lacked.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub page_count: usize,
    /// Characters drawn from the fallback face (or from none), per role.
    pub fell_back: Vec<FellBack>,
}

/// [`render`], also saying which characters fell back to another face.
pub fn render_reporting(doc: &Document, opts: &PdfOptions) -> Result<Rendered, PdfError> {
    let fonts = fonts::load(&config_of(opts)?)?;
    let metrics = FontMetrics::new(&fonts);
    let layout = typeset::layout(doc, opts, &metrics);
    let bytes = writer::write(doc, &layout, &metrics)?;
    Ok(Rendered {
        bytes,
        page_count: layout.page_count(),
        fell_back: fallbacks(&layout, &metrics),
    })
}

/// Typesets with the real fonts (for the print preview): same lines as [`render`] draws.
pub fn layout_with_fonts(doc: &Document, opts: &PdfOptions) -> Result<Layout, PdfError> {
    let fonts = fonts::load(&config_of(opts)?)?;
    let metrics = FontMetrics::new(&fonts);
    Ok(typeset::layout(doc, opts, &metrics))
}
