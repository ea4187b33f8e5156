//! What the document gives, in reading order, as [`Item`]s for the pager: the 发文字号
//! row, the title, 主送机关, the text with its numbered headings, and the signature block.

use fazhi_core::model::{HeadingStyle, Section};
use fazhi_core::profile::Profile;
use fazhi_core::{numbering, Document};

use super::grid::{block_right_mm, cell_mm, BLOCK_LEFT_MM, BODY_PT};
use super::linebreak::set_paragraph;
use super::metrics::{FontRole, Metrics};
use super::page::LineKind;
use super::place::{run_width, set_run, shifted, Draft};
use super::signature::signature_block;
use super::title::set_title;

pub(super) enum Item {
    Line(Draft),
    /// An empty row; dropped at the top of a page.
    Blank,
    /// Rows that must stay on one page (signature, date, note).
    Together(Vec<Item>),
}

/// A metadata field the user filled in, trimmed.
pub(super) fn given(o: &Option<String>) -> Option<String> {
    o.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The document's rows in order. The 发文字号 row, 主送机关 and 附注 are internal: only
/// the filing profile (报送版) shows them.
pub(super) fn items(doc: &Document, profile: Profile, metrics: &dyn Metrics) -> Vec<Item> {
    let filing = profile == Profile::Filing;
    let mut items = Vec::new();
    if filing {
        if let Some(row) = doc_number_row(doc, metrics) {
            items.push(Item::Line(row));
            items.push(Item::Blank);
        }
    }
    for d in set_title(&doc.title(), metrics) {
        items.push(Item::Line(d));
    }
    items.push(Item::Blank);
    if let Some(a) = given(&doc.addressee).filter(|_| filing) {
        for d in set_paragraph(&[(a, FontRole::Fang)], LineKind::Addressee, 0.0, metrics) {
            items.push(Item::Line(d));
        }
    }
    text(doc, metrics, &mut items);
    items.push(signature_block(doc, filing, metrics));
    items
}

/// 发文字号 flush left one character in, 签发人 right one character in, on one row;
/// `None` when the document has neither.
fn doc_number_row(doc: &Document, metrics: &dyn Metrics) -> Option<Draft> {
    let doc_number = given(&doc.doc_number);
    let signer = given(&doc.signer);
    if doc_number.is_none() && signer.is_none() {
        return None;
    }
    let cell = cell_mm();
    let mut glyphs = Vec::new();
    if let Some(n) = &doc_number {
        glyphs.extend(shifted(
            set_run(&[(n.clone(), FontRole::Fang)], BODY_PT, cell, metrics),
            BLOCK_LEFT_MM + cell,
        ));
    }
    if let Some(s) = &signer {
        let run = set_run(
            &[
                ("签发人：".to_string(), FontRole::Fang),
                (s.clone(), FontRole::Kai),
            ],
            BODY_PT,
            cell,
            metrics,
        );
        let w = run_width(&run);
        glyphs.extend(shifted(run, block_right_mm() - cell - w));
    }
    Some(Draft::single(LineKind::DocNumber, glyphs))
}

/// The text: preface, the parts with their sections, and the closing paragraphs.
fn text(doc: &Document, metrics: &dyn Metrics, items: &mut Vec<Item>) {
    for p in &doc.preface {
        body(&p.text, metrics, items);
    }
    let run_in = doc.settings.heading_style == HeadingStyle::RunIn;
    for (pi, part) in doc.parts.iter().enumerate() {
        let head = format!("{}{}", numbering::prefix(1, pi), part.heading.trim());
        for d in set_paragraph(&[(head, FontRole::Hei)], LineKind::Heading(1), 2.0, metrics) {
            items.push(Item::Line(d));
        }
        for p in &part.paragraphs {
            body(&p.text, metrics, items);
        }
        for (si, s) in part.sections.iter().enumerate() {
            section(s, 2, si, run_in, metrics, items);
        }
    }
    for p in &doc.closing {
        body(&p.text, metrics, items);
    }
}

fn heading_font(level: usize) -> FontRole {
    match level {
        1 => FontRole::Hei,
        2 => FontRole::Kai,
        _ => FontRole::Fang,
    }
}

/// A run-in heading sentence ends with a full stop unless it already ends with a mark.
fn run_in_heading(text: &str) -> String {
    let t = text.trim_end();
    match t.chars().last() {
        Some('。' | '？' | '！' | '：' | '；') | None => t.to_string(),
        _ => format!("{t}。"),
    }
}

/// A body paragraph, indented two characters; nothing for an empty one.
fn body(text: &str, metrics: &dyn Metrics, items: &mut Vec<Item>) {
    let t = text.trim();
    if t.is_empty() {
        return;
    }
    for d in set_paragraph(
        &[(t.to_string(), FontRole::Fang)],
        LineKind::Body,
        2.0,
        metrics,
    ) {
        items.push(Item::Line(d));
    }
}

/// A section at heading `level` (its number from `index`), its paragraphs and
/// subsections. A run-in heading (`run_in`) opens its first paragraph instead of
/// standing on its own line.
fn section(
    s: &Section,
    level: usize,
    index: usize,
    run_in: bool,
    metrics: &dyn Metrics,
    items: &mut Vec<Item>,
) {
    let number = numbering::prefix(level, index);
    let font = heading_font(level);
    let mut paras = s.paragraphs.iter().filter(|p| !p.text.trim().is_empty());
    if run_in {
        let head = run_in_heading(&format!("{number}{}", s.heading.trim()));
        let mut spans = vec![(head, font)];
        if let Some(first) = paras.next() {
            spans.push((first.text.trim().to_string(), FontRole::Fang));
        }
        for d in set_paragraph(&spans, LineKind::Heading(level), 2.0, metrics) {
            items.push(Item::Line(d));
        }
    } else {
        let head = format!("{number}{}", s.heading.trim());
        for d in set_paragraph(&[(head, font)], LineKind::Heading(level), 2.0, metrics) {
            items.push(Item::Line(d));
        }
    }
    for p in paras {
        body(&p.text, metrics, items);
    }
    for (i, c) in s.sections.iter().enumerate() {
        section(c, level + 1, i, run_in, metrics, items);
    }
}

#[cfg(test)]
mod tests {
    use super::super::layout;
    use super::super::testing::{m, sample_doc};
    use super::*;
    use crate::PdfOptions;

    #[test]
    fn profiles_differ_in_internal_metadata() {
        let doc = sample_doc();
        let text = |p: Profile| -> String {
            let l = layout(
                &doc,
                &PdfOptions {
                    profile: p,
                    fonts: None,
                },
                &m(),
            );
            l.pages
                .iter()
                .flat_map(|p| p.lines.iter().map(|l| l.text.clone()))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let filing = text(Profile::Filing);
        let public = text(Profile::Publication);
        for s in [
            "梅政发〔2020〕1号",
            "签发人：张堃",
            "通化市人民政府：",
            "（此件公开发布）",
        ] {
            assert!(filing.contains(s), "{s}");
            assert!(!public.contains(s), "{s}");
        }
        for s in ["梅河口市人民政府关于", "2020年3月13日", "一、2019年"] {
            assert!(public.contains(s), "{s}");
        }
    }

    #[test]
    fn run_in_headings_share_the_paragraph() {
        let mut doc = sample_doc();
        doc.settings.heading_style = HeadingStyle::RunIn;
        let l = layout(&doc, &PdfOptions::default(), &m());
        let first = l
            .pages
            .iter()
            .flat_map(|p| &p.lines)
            .find(|l| l.kind == LineKind::Heading(2))
            .unwrap();
        assert!(
            first.text.starts_with("（一）依法全面履行政府职能。法治"),
            "{}",
            first.text
        );
        assert_eq!(first.glyphs[2].font, FontRole::Kai);
        assert_eq!(first.glyphs[first.glyphs.len() - 1].font, FontRole::Fang);
    }
}
