//! The 花脸稿 (redline) as a DOCX: `fazhi_layout::redline`'s blocks on the report's page
//! and in its styles, inserted text blue and underlined, deleted text red and struck
//! through. These are formatting, not tracked changes: a 花脸稿 is printed to compare
//! two versions, not accepted or rejected.
//!
//! [tables #21] A table is a `w:tbl` as the export writes it (`docx::table`: grid,
//! merges, header rows), each cell's runs marked; a table too wide for the portrait
//! block (the layout model's `table_block` decides, as for the report) goes in a
//! landscape section of its own between section ends, as the report's DOCX puts it
//! (`docx::table::insert`, the turned page numbers added on re-packing).

use docx_rs::{AlignmentType, BreakType, Paragraph, Run, SectionProperty};
use fazhi_core::Document;
use fazhi_layout::redline::{Mark, Piece, Redline, RedlineBlock, RedlineCell, RedlineTable};

use crate::layout::FONT_HEI;
use crate::ExportError;

use super::body::Insert;
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
/// empty paragraph (two tables never touch). A landscape table stands with its title
/// in a section of its own, as in the report's DOCX: the portrait section ends before
/// it, the landscape one after it (`last`: the 花脸稿 ends with it, so its section is
/// the document's last, as the report's DOCX makes it).
fn table(
    mut docx: docx_rs::Docx,
    t: &RedlineTable,
    portrait: &SectionProperty,
    last: bool,
) -> docx_rs::Docx {
    let shown = fazhi_core::Paragraph::table(t.shown());
    let Some(block) = fazhi_layout::table::table_block(&shown) else {
        return docx;
    };
    if block.landscape {
        docx = super::table::insert(docx, Insert::SectionEnd { landscape: false }, portrait).0;
    }
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
    if !block.landscape {
        return docx.add_paragraph(Paragraph::new().style(STYLE_FLUSH));
    }
    if last {
        // An empty portrait section after it would print an empty page.
        docx.document.section_property = super::table::landscape(portrait);
        return docx.add_paragraph(super::table::closing_paragraph());
    }
    super::table::insert(docx, Insert::SectionEnd { landscape: true }, portrait).0
}

/// The 花脸稿 `r` as a DOCX on the page of `doc` (the newer version).
pub fn redline_docx(doc: &Document, r: &Redline) -> Result<Vec<u8>, ExportError> {
    let mut docx = page(doc);
    let portrait = docx.document.section_property.clone();
    for (i, b) in r.blocks.iter().enumerate() {
        docx = match b {
            RedlineBlock::Table(t) => table(docx, t, &portrait, i + 1 == r.blocks.len()),
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

    fn document_xml(bytes: Vec<u8>) -> String {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        xml
    }

    /// [tables #21] A report whose table of 13 columns is too wide for the portrait
    /// block, and the same with one cell changed.
    fn wide() -> (fazhi_core::Document, fazhi_core::Document) {
        let (mut old, _) = fazhi_core::template::latest("statutory")
            .unwrap()
            .instantiate("某县人民政府", 2019, false);
        let header: Vec<String> = (1..=13).map(|i| format!("第{i}列")).collect();
        let body: Vec<String> = (1..=13).map(|i| format!("{i}")).collect();
        let t = fazhi_core::model::Table::from_texts([header, body], 1);
        old.parts[0].sections[0].paragraphs = vec![fazhi_core::Paragraph::table(t)];
        let mut new = old.clone();
        new.parts[0].sections[0].paragraphs[0]
            .table
            .as_mut()
            .unwrap()
            .rows[1][2]
            .paragraphs[0]
            .text = "30".into();
        (old, new)
    }

    #[test]
    fn a_wide_table_is_in_a_landscape_section_of_its_own() {
        let (old, new) = wide();
        let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
        let xml = document_xml(redline_docx(&new, &r).unwrap());
        let sects: Vec<&str> = xml.split("<w:sectPr").skip(1).collect();
        let landscape = |s: &&str| s.contains(r#"w:orient="landscape""#);
        // Portrait before the table, landscape after it, portrait for the rest.
        assert_eq!(sects.len(), 3, "{xml}");
        assert_eq!(
            sects.iter().map(landscape).collect::<Vec<_>>(),
            [false, true, false]
        );
        let table = xml.find("<w:tbl>").unwrap();
        let ends: Vec<usize> = xml.match_indices("<w:sectPr").map(|(i, _)| i).collect();
        assert!(ends[0] < table && table < ends[1]);
        // The marked run in the table: 3 → 30, the 0 blue and underlined.
        let tbl = &xml[table..xml.find("</w:tbl>").unwrap()];
        let blue = &tbl[tbl.find(INSERTED_HEX).expect("a blue run")..];
        assert!(blue.contains("<w:u w:val=\"single\""));
        assert!(blue[..blue.find("</w:r>").unwrap()].ends_with(">0</w:t>"));
    }

    #[test]
    fn a_wide_table_ending_the_redline_makes_the_last_section_landscape() {
        let (old, new) = wide();
        let mut r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
        let at = r
            .blocks
            .iter()
            .position(|b| matches!(b, RedlineBlock::Table(_)))
            .unwrap();
        r.blocks.truncate(at + 1);
        let xml = document_xml(redline_docx(&new, &r).unwrap());
        let sects: Vec<&str> = xml.split("<w:sectPr").skip(1).collect();
        // The portrait section ends before the table; the body's own (last) section
        // is the landscape one: no empty portrait page after it.
        assert_eq!(sects.len(), 2, "{xml}");
        assert!(!sects[0].contains(r#"w:orient="landscape""#));
        assert!(sects[1].contains(r#"w:orient="landscape""#));
        let after = &xml[xml.find("</w:tbl>").unwrap()..];
        assert_eq!(
            after.matches("<w:p>").count() + after.matches("<w:p ").count(),
            1
        );
    }
}
