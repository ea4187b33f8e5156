//! The one layout model of a report (GB/T 9704-2012), shared by every output: the
//! DOCX and HTML exporters, the PDF typesetter, 打印预览 and the editor's page view.
//!
//! What a profile shows, in which order, worded and numbered how, and where the title
//! breaks, is decided here once ([`blocks`]); the outputs only decide how to draw a
//! block. The 版头's vertical measures, which every output must agree on, are in
//! [`geometry`]; the character widths the decisions use in [`width`].

mod blocks;
pub mod geometry;
// [tracking #17] the 花脸稿's blocks (two versions compared, marked).
pub mod redline;
mod signature;
// [tables #21] tables: cells on the grid, widths, landscape.
pub mod table;
mod title;
pub mod width;

pub use blocks::{
    blocks, AttachmentNote, AttachmentPage, Block, Closing, DocNumberRow, IssuerMark, RunIn,
};
pub use fazhi_core::profile::Profile;
pub use signature::{signature_place, SignaturePlace};
pub use table::{TableBlock, TableCell};
pub use title::{title_lines, TITLE_CAPACITY_EM};
