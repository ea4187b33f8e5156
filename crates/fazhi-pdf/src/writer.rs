//! Draws a [`Layout`] into a PDF: one text run per line and font, each glyph at the
//! position the typesetter chose (TJ offsets carry the squeezing and spreading).

use std::collections::BTreeMap;

use fazhi_core::Document;
use printpdf::{
    FontId, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Pt, TextItem, TextMatrix,
};

use crate::fonts::LoadedFonts;
use crate::typeset::{FontRole, Glyph, Layout};

const MM_PER_PT: f32 = 25.4 / 72.0;

fn mm_to_pt(mm: f32) -> Pt {
    Pt(mm / MM_PER_PT)
}

/// Text items for a run of glyphs of one font and size starting at `glyphs[0]`.
fn run_items(glyphs: &[Glyph], size_pt: f32) -> Vec<TextItem> {
    let em_mm = size_pt * MM_PER_PT;
    let mut items = Vec::new();
    let mut text = String::new();
    for (i, g) in glyphs.iter().enumerate() {
        if i > 0 {
            let prev = &glyphs[i - 1];
            let delta = g.x_mm - (prev.x_mm + prev.advance_mm);
            // TJ numbers are thousandths of an em, positive moving left.
            let offset = -delta / em_mm * 1000.0;
            if offset.abs() > 0.05 {
                if !text.is_empty() {
                    items.push(TextItem::Text(std::mem::take(&mut text)));
                }
                items.push(TextItem::Offset(offset));
            }
        }
        text.push(g.ch);
    }
    if !text.is_empty() {
        items.push(TextItem::Text(text));
    }
    items
}

pub fn write(doc: &Document, layout: &Layout, fonts: &LoadedFonts) -> Vec<u8> {
    let title = doc.title();
    let mut pdf = PdfDocument::new(&title);
    let info = &mut pdf.metadata.info;
    info.author = doc.issuer.clone();
    info.creator = "法治报告编写器".to_string();
    info.producer = "法治报告编写器 (fazhi-pdf)".to_string();
    info.subject = format!("{}年法治政府建设情况的报告", doc.year);
    let now = printpdf::date::OffsetDateTime::now();
    info.creation_date = now;
    info.modification_date = now;
    info.metadata_date = now;

    // Only the faces the layout uses are embedded.
    let mut ids: BTreeMap<FontRole, FontId> = BTreeMap::new();
    for page in &layout.pages {
        for line in &page.lines {
            for g in &line.glyphs {
                ids.entry(g.font)
                    .or_insert_with(|| pdf.add_font(&fonts.get(g.font).parsed));
            }
        }
    }

    let mut pages = Vec::with_capacity(layout.pages.len());
    for page in &layout.pages {
        let mut ops = vec![Op::StartTextSection];
        for line in &page.lines {
            let y = mm_to_pt(layout.page_height_mm - line.y_mm);
            let mut start = 0;
            while start < line.glyphs.len() {
                let font = line.glyphs[start].font;
                let mut end = start + 1;
                while end < line.glyphs.len() && line.glyphs[end].font == font {
                    end += 1;
                }
                let run = &line.glyphs[start..end];
                if let Some(id) = ids.get(&font) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id.clone()),
                        size: Pt(line.size_pt),
                    });
                    ops.push(Op::SetTextMatrix {
                        matrix: TextMatrix::Translate(mm_to_pt(run[0].x_mm), y),
                    });
                    ops.push(Op::ShowText {
                        items: run_items(run, line.size_pt),
                    });
                }
                start = end;
            }
        }
        ops.push(Op::EndTextSection);
        pages.push(PdfPage::new(
            Mm(layout.page_width_mm),
            Mm(layout.page_height_mm),
            ops,
        ));
    }
    pdf.with_pages(pages);
    let mut warnings = Vec::new();
    pdf.save(&PdfSaveOptions::default(), &mut warnings)
}
