//! The 花脸稿 (redline) as a DOCX: `fazhi_layout::redline`'s blocks on the report's page
//! and in its styles, inserted text blue and underlined, deleted text red and struck
//! through. These are formatting, not tracked changes: a 花脸稿 is printed to compare
//! two versions, not accepted or rejected.
//!
//! [tables #21] A table is a `w:tbl` as the export writes it (`docx::table`: grid,
//! merges, header rows), each cell's runs marked; as in the PDF 花脸稿, a table too
//! wide for the portrait block stays on it, its columns narrowed in proportion.

use docx_rs::{AlignmentType, BreakType, Paragraph, Run};
use fazhi_core::Document;
use fazhi_layout::redline::{Mark, Piece, Redline, RedlineBlock, RedlineCell, RedlineTable};

use crate::layout::FONT_HEI;
use crate::ExportError;

use super::styles::{heading_style_id, STYLE_BODY, STYLE_FLUSH, STYLE_TITLE};
use super::{clean, fonts, page, repack};

/// Inserted text (the PDF's blue).
pub(crate) const INSERTED_HEX: &str = "0033CC";

pub(super) fn run(p: &Piece) -> Run {
    let r = Run::new().add_text(clean(&p.text));
    match p.mark {
        Mark::Same => r,
        Mark::Inserted => r.color(INSERTED_HEX).underline("single"),
        Mark::Deleted => r.color(fazhi_layout::geometry::RED_HEX).strike(),
    }
}

fn add_pieces(mut p: Paragraph, pieces: &[Piece]) -> Paragraph {
    for piece in pieces.iter().filter(|p| !p.text.is_empty()) {
        p = p.add_run(run(piece));
    }
    p
}

fn paragraph(b: &RedlineBlock) -> Paragraph {
    match b {
        RedlineBlock::Header { text } => Paragraph::new()
            .style(STYLE_FLUSH)
            .add_run(Run::new().fonts(fonts(FONT_HEI)).add_text(clean(text))),
        RedlineBlock::Legend { text } => Paragraph::new()
            .style(STYLE_FLUSH)
            .add_run(Run::new().add_text(clean(text))),
        RedlineBlock::Title { lines } => {
            let mut p = Paragraph::new()
                .style(STYLE_TITLE)
                .align(AlignmentType::Center);
            for (i, line) in lines.iter().enumerate() {
                if i > 0 {
                    p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
                }
                p = add_pieces(p, line);
            }
            p
        }
        RedlineBlock::Blank => Paragraph::new().style(STYLE_FLUSH),
        RedlineBlock::Heading {
            level,
            number,
            pieces,
        } => add_pieces(
            Paragraph::new()
                .style(&heading_style_id(*level))
                .add_run(Run::new().add_text(clean(number))),
            pieces,
        ),
        RedlineBlock::Para { pieces } => add_pieces(Paragraph::new().style(STYLE_BODY), pieces),
        RedlineBlock::ListHeading { text } => Paragraph::new()
            .style(&heading_style_id(1))
            .add_run(Run::new().add_text(clean(text))),
        // Written by `table` (never reached: `redline_docx` takes tables apart).
        RedlineBlock::Table(_) => Paragraph::new().style(STYLE_FLUSH),
        RedlineBlock::ListItem { label, pieces } => add_pieces(
            Paragraph::new()
                .style(STYLE_BODY)
                .add_run(Run::new().add_text(clean(&format!("{label}：")))),
            pieces,
        ),
    }
}

/// A 花脸稿's table: its title (marked) and the `w:tbl` with marked runs, then an
/// empty paragraph (two tables never touch).
fn table(mut docx: docx_rs::Docx, t: &RedlineTable) -> docx_rs::Docx {
    let shown = fazhi_core::Paragraph::table(t.shown());
    let Some(mut block) = fazhi_layout::table::table_block(&shown) else {
        return docx;
    };
    block.landscape = false;
    if !t.title.is_empty() {
        let title = Paragraph::new()
            .style(STYLE_FLUSH)
            .align(AlignmentType::Center)
            .keep_next(true);
        let mut title = add_pieces(title, &t.title);
        title.children = std::mem::take(&mut title.children)
            .into_iter()
            .map(|ch| match ch {
                docx_rs::ParagraphChild::Run(r) => {
                    docx_rs::ParagraphChild::Run(Box::new(r.fonts(fonts(FONT_HEI))))
                }
                other => other,
            })
            .collect();
        docx = docx.add_paragraph(title);
    }
    let cells: Vec<&RedlineCell> = t.cells().collect();
    let mut comments = super::comments::Comments::new(&[]);
    docx = docx.add_table(super::table::marked_table(
        &block,
        &mut comments,
        Some(&cells),
    ));
    docx.add_paragraph(Paragraph::new().style(STYLE_FLUSH))
}

/// The 花脸稿 `r` as a DOCX on the page of `doc` (the newer version).
pub fn redline_docx(doc: &Document, r: &Redline) -> Result<Vec<u8>, ExportError> {
    let mut docx = page(doc);
    for b in &r.blocks {
        docx = match b {
            RedlineBlock::Table(t) => table(docx, t),
            _ => docx.add_paragraph(paragraph(b)),
        };
    }
    let mut stored = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut stored)
        .map_err(|e| ExportError::Package(e.to_string()))?;
    repack(stored.get_ref())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn marks_become_coloured_struck_and_underlined_runs() {
        let (old, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2019, false);
        let mut old = old;
        old.parts[0].sections[0].paragraphs =
            vec![fazhi_core::Paragraph::new("办理行政复议案件120件。")];
        let mut new = old.clone();
        new.parts[0].sections[0].paragraphs[0].text = "办理行政复议案件135件。".into();
        let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
        let bytes = redline_docx(&new, &r).expect("docx");
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains("花脸稿　第1版 → 第2版"));
        // Each marked run's properties: red and struck, or blue and underlined.
        let props: Vec<&str> = xml
            .split("<w:rPr>")
            .skip(1)
            .map(|r| r.split("</w:rPr>").next().unwrap())
            .collect();
        let red = fazhi_layout::geometry::RED_HEX;
        assert!(
            props
                .iter()
                .any(|p| p.contains("<w:strike") && p.contains(red)),
            "{props:?}"
        );
        assert!(
            props
                .iter()
                .any(|p| p.contains("<w:u w:val=\"single\"") && p.contains(INSERTED_HEX)),
            "{props:?}"
        );
        // Deleted "20" and inserted "35" are both in the text.
        assert!(xml.contains(">20<") && xml.contains(">35<"), "{xml}");
    }
}
