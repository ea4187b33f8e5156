//! DOCX: the blocks set in the official layout with docx-rs, review comments as
//! Word comments, re-packed deflated.
//!
//! [`styles`] holds the paragraph styles and the styles.xml patches, [`body`]
//! turns the blocks into paragraphs and the 版记 table, [`imprint`] puts that table on
//! the page our typesetter gives the 版记, [`comments`] anchors the review comments in
//! them; this module sets up the page and writes the package.

mod body;
// [tracking #17] pending changes as w:ins/w:del; the 花脸稿 as a DOCX.
mod changes;
mod comments;
// [official #16] the 版记 at the foot of the last, even page.
mod imprint;
mod redline;
mod styles;
// [tables #21] tables as w:tbl (header rows, merges, landscape sections).
mod table;

use body::Insert;

pub use changes::{changes_for_export, export_changes, ExportChange};
pub use redline::redline_docx;

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, DocGrid, DocGridType, Docx, FieldCharType, Footer, InstrPAGE, InstrText,
    LineSpacing, LineSpacingType, Paragraph, Run, RunFonts,
};
use fazhi_core::Document;

use crate::layout::*;
use crate::{DocxOptions, ExportComment, ExportError, Profile};
use fazhi_layout::blocks;

use comments::{word_date, Comments};
use styles::{patch_styles, STYLE_FOOTER};

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .east_asia(name)
        .cs(name)
}

fn exact_lines() -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(LINE_PITCH)
        .before(0)
        .after(0)
}

/// XML 1.0 forbids most control characters; one pasted into a paragraph would
/// make Word refuse the whole file. They carry no meaning in a report.
fn allowed_in_xml(c: char) -> bool {
    !(c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}')
}

fn clean(s: &str) -> String {
    s.chars().filter(|c| allowed_in_xml(*c)).collect()
}

/// "— N —" with a PAGE field whose runs all carry the 宋体 font and 四号 size
/// (docx-rs's PageNum would drop them).
fn page_number_paragraph(odd: bool) -> Paragraph {
    let run = || Run::new().fonts(fonts(FONT_SONG)).size(PAGE_NUMBER_SIZE);
    let p = Paragraph::new()
        .style(STYLE_FOOTER)
        .add_run(run().add_text("— "))
        .add_run(run().add_field_char(FieldCharType::Begin, false))
        .add_run(run().add_instr_text(InstrText::PAGE(InstrPAGE::new())))
        .add_run(run().add_field_char(FieldCharType::Separate, false))
        .add_run(run().add_text("1"))
        .add_run(run().add_field_char(FieldCharType::End, false))
        .add_run(run().add_text(" —"));
    if odd {
        p.align(AlignmentType::Right)
            .indent(None, None, Some(PAGE_NUMBER_INSET), None)
    } else {
        p.align(AlignmentType::Left)
            .indent(Some(PAGE_NUMBER_INSET), None, None, None)
    }
}

/// An empty A4 document with the GB/T 9704 page: margins, the 22-line grid,
/// default font, styles, page numbers left and right, the document's date.
fn page(doc: &Document) -> Docx {
    let mut docx = Docx::new()
        .page_size(PAGE_WIDTH, PAGE_HEIGHT)
        .page_margin(
            docx_rs::PageMargin::new()
                .top(MARGIN_TOP)
                .left(MARGIN_LEFT)
                .right(MARGIN_RIGHT)
                .bottom(MARGIN_BOTTOM)
                .header(mm(15.0))
                .footer(FOOTER_DISTANCE)
                .gutter(0),
        )
        .default_fonts(fonts(FONT_FANGSONG))
        .default_size(BODY_SIZE)
        .footer(Footer::new().add_paragraph(page_number_paragraph(true)))
        .even_footer(Footer::new().add_paragraph(page_number_paragraph(false)));
    if let Some(d) = doc.date.as_deref().filter(|d| d.len() == 10) {
        docx = docx.created_at(&word_date(d)).updated_at(&word_date(d));
    }
    for s in styles::styles() {
        docx = docx.add_style(s);
    }
    docx.document.section_property.doc_grid = Some(
        DocGrid::new()
            .grid_type(DocGridType::Lines)
            .line_pitch(LINE_PITCH as usize),
    );
    docx
}

/// The document with its comments and (as tracked changes) pending changes, both
/// in the filing profile only.
fn build(doc: &Document, opts: &DocxOptions, changes: &[ExportChange]) -> Docx {
    let (shown, changes): (&[ExportComment], &[ExportChange]) = match opts.profile {
        Profile::Filing => (&opts.comments, changes),
        Profile::Publication => (&[], &[]),
    };
    let mut comments = Comments::new(shown).with_changes(changes);
    let bs = blocks(doc, opts.profile);
    // [official #16] the pagination our typesetter gives the filing copy: the 版记's
    // page; the seal's rows it kept before the signature and the lines it carried
    // along to the signature's page.
    let typeset = match opts.profile {
        Profile::Filing => imprint::typeset(doc, opts.profile),
        Profile::Publication => None,
    };
    let closing = body::ClosingPage {
        seal_rows: typeset.as_ref().and_then(imprint::seal_rows),
        carried: typeset.as_ref().and_then(imprint::carried_paragraphs),
    };
    let mut body = body::body(&bs, &mut comments, closing);

    // Comments whose paragraph is gone are kept on the title, marked as such,
    // rather than silently dropped.
    if let Some(t) = body.title_index {
        if let Some(p) = comments.orphans_on_title(&body.title_lines) {
            body.paragraphs[t] = p;
        }
    }

    let mut docx = page(doc);
    // [tables #21] the tables and section ends go between the paragraphs.
    let portrait = docx.document.section_property.clone();
    // [official #16] the 版记 on the page the typesetter puts it; on a page of its own
    // (after a blank page or not) the body's section ends at its last element.
    let place = typeset.as_ref().and_then(imprint::place);
    let own_page = matches!(
        place,
        Some(imprint::Place {
            page: imprint::Page::AfterBlank | imprint::Page::Next,
            ..
        })
    );
    let n_paragraphs = body.paragraphs.len();
    let trailing = body.inserts.iter().any(|(at, _)| *at >= n_paragraphs);
    if own_page && !trailing {
        if let Some(last) = body.paragraphs.pop() {
            body.paragraphs
                .push(last.section_property(portrait.clone()));
        }
    }
    let mut inserts = body.inserts.into_iter().peekable();
    for (i, p) in body.paragraphs.into_iter().enumerate() {
        while let Some((_, ins)) = inserts.next_if(|(at, _)| *at <= i) {
            docx = table::insert(docx, ins, &portrait).0;
        }
        docx = docx.add_paragraph(p);
    }
    let mut ends_in_table = false;
    let trailing: Vec<Insert> = inserts.map(|(_, ins)| ins).collect();
    let n = trailing.len();
    for (i, ins) in trailing.into_iter().enumerate() {
        // A landscape table at the very end: its section is the document's last (an
        // empty portrait section after it would print an empty page).
        if i + 1 == n && body.imprint.is_none() {
            if let Insert::SectionEnd { landscape: true } = ins {
                docx.document.section_property = table::landscape(&portrait);
                continue;
            }
        }
        (docx, ends_in_table) = table::insert(docx, ins, &portrait);
    }
    if ends_in_table && (body.imprint.is_none() || own_page) {
        let mut closing = table::closing_paragraph();
        if own_page {
            closing = closing.section_property(portrait.clone());
        }
        docx = docx.add_paragraph(closing);
    }
    if let Some(t) = body.imprint {
        docx = imprint::add(docx, t, place);
    }
    docx
}

/// docx-rs stores its parts uncompressed; offices mail these files around, so
/// re-pack them deflated, patching the styles and putting property elements in
/// schema order on the way.
fn repack(stored: &[u8]) -> Result<Vec<u8>, ExportError> {
    let err = |e: &dyn std::fmt::Display| ExportError::Package(e.to_string());
    let mut zin = zip::ZipArchive::new(Cursor::new(stored)).map_err(|e| err(&e))?;
    let mut zout = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(stored.len() / 3)));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let mut parts = Vec::with_capacity(zin.len());
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).map_err(|e| err(&e))?;
        let mut buf = Vec::new();
        f.read_to_end(&mut buf).map_err(|e| err(&e))?;
        parts.push((f.name().to_string(), buf));
    }
    // [tables #21] landscape pages' page numbers where the portrait pages have them.
    table::turned_page_numbers(&mut parts);
    for (name, buf) in &parts {
        zout.start_file(name.as_str(), options)
            .map_err(|e| err(&e))?;
        let name = name.as_str();
        if name.starts_with("word/") && name.ends_with(".xml") {
            let xml = String::from_utf8_lossy(buf);
            let xml = if name == "word/styles.xml" {
                patch_styles(&xml)
            } else if name == "word/document.xml" {
                // [tracking #17] tracked changes' ids apart from the comments'.
                changes::renumber_revisions(&xml)
            } else {
                xml.into_owned()
            };
            // [print #19] the families chosen in 设置 → 字体 (crate::font_names).
            let xml = crate::font_names::apply(xml);
            // [tables #21] w:tblHeader on the header rows.
            let xml = if name == "word/document.xml" {
                table::mark_header_rows(&xml)
            } else {
                xml
            };
            let ordered = crate::order::schema_order(&xml).map_err(|e| err(&e))?;
            zout.write_all(ordered.as_bytes()).map_err(|e| err(&e))?;
        } else {
            zout.write_all(buf).map_err(|e| err(&e))?;
        }
    }
    let out = zout.finish().map_err(|e| err(&e))?;
    Ok(out.into_inner())
}

/// The report as a DOCX file for `opts.profile`, with the review comments
/// (filing profile only).
pub fn docx(doc: &Document, opts: &DocxOptions) -> Result<Vec<u8>, ExportError> {
    docx_with_changes(doc, opts, &[])
}

/// [`docx`] with the report's pending changes as Word tracked changes (`w:ins`/`w:del`
/// with author and date; filing profile only).
pub fn docx_with_changes(
    doc: &Document,
    opts: &DocxOptions,
    changes: &[ExportChange],
) -> Result<Vec<u8>, ExportError> {
    let mut stored = Cursor::new(Vec::new());
    build(doc, opts, changes)
        .build()
        .pack(&mut stored)
        .map_err(|e| ExportError::Package(e.to_string()))?;
    repack(stored.get_ref())
}
