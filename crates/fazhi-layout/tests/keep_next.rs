//! [print #19] Headings never end a page, and no paragraph leaves one line alone at a
//! page's foot or head — in our PDF and in LibreOffice's rendering of our DOCX alike
//! (the DOCX declares `w:keepNext` on the heading styles and `w:widowControl` on the
//! body's), so that both break pages at the same places and the DOCX's 版记, placed from
//! our typesetter's pagination, still follows the body.
//!
//! - A real report (tests/fixtures/import-real/22: 下蜀镇, 2025): its part heading 一、 was
//!   the last line of page 1, its first section on page 2. It now opens page 2.
//! - The sample grown a row at a time until a part heading falls on a page's last row:
//!   our PDF moves it on with its first line, and LibreOffice's rendering of the DOCX
//!   has as many pages, as many lines on each, each page ending on the same row, every
//!   heading on the same page and row.
//! - The same with a table opening part 二: the heading moves on with the 表题, the header
//!   and the first row, in both.
//!
//! Needs `libreoffice` and python3 with pdfplumber (scripts/setup-test.sh); fails, never
//! skips, without them. Files are kept in `target/tmp/keep-next/`.

mod common;

use std::path::Path;
use std::process::Command;

use common::run;

use fazhi_core::{Document, Paragraph};
use fazhi_export::Profile;
use fazhi_layout::Block;
use fazhi_pdf::{Layout, Line, LineKind, PdfOptions};
use serde_json::Value;

const REAL_22: &[u8] =
    include_bytes!("../../../tests/fixtures/import-real/22-xiashu-zhen-2025.txt");
const SAMPLE: &[u8] = include_bytes!("../../../assets/samples/meihekou-2019-web.txt");

fn import(name: &str, bytes: &[u8]) -> Document {
    fazhi_import::import_bytes(name, bytes, &fazhi_import::ImportOptions::default())
        .expect("the text imports")
        .document
}

fn layout(doc: &Document) -> Layout {
    let opts = PdfOptions {
        profile: Profile::Filing,
        fonts: None,
    };
    fazhi_pdf::layout_with_fonts(doc, &opts).expect("our layout")
}

fn plain(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The standalone headings (number and text) of the filing copy.
fn headings(doc: &Document) -> Vec<String> {
    fazhi_layout::blocks(doc, Profile::Filing)
        .iter()
        .filter_map(|b| match b {
            Block::Heading { number, text, .. } => Some(plain(&format!("{number}{text}"))),
            _ => None,
        })
        .collect()
}

/// A page's body lines and headings in row order.
fn text_lines(lines: &[Line]) -> Vec<&Line> {
    let mut v: Vec<&Line> = lines
        .iter()
        .filter(|l| matches!(l.kind, LineKind::Body | LineKind::Heading(_)))
        .collect();
    v.sort_by_key(|l| l.row);
    v
}

/// The paragraph ending a page (its lines since the last paragraph end), as text.
fn last_paragraph(lines: &[&Line]) -> String {
    let from = lines[..lines.len().saturating_sub(1)]
        .iter()
        .rposition(|l| l.paragraph_end)
        .map_or(0, |i| i + 1);
    lines[from..].iter().map(|l| plain(&l.text)).collect()
}

/// No page but the last ends with a standalone heading.
fn assert_no_heading_ends_a_page(l: &Layout, headings: &[String], what: &str) {
    for p in &l.pages[..l.pages.len() - 1] {
        let t = text_lines(&p.lines);
        if t.last().is_some_and(|l| l.paragraph_end) {
            let tail = last_paragraph(&t);
            assert!(
                !headings.contains(&tail),
                "{what}: page {} ends with the heading {tail}",
                p.page_number
            );
        }
    }
}

#[test]
fn the_real_report_s_part_heading_does_not_end_page_one() {
    let doc = import("22-xiashu-zhen-2025.txt", REAL_22);
    let hs = headings(&doc);
    let part = hs
        .iter()
        .find(|h| h.starts_with("一、2025年推进"))
        .expect("the part heading 一、");
    let l = layout(&doc);
    let p1 = text_lines(&l.pages[0].lines);
    let p2 = text_lines(&l.pages[1].lines);
    assert_ne!(
        &last_paragraph(&p1),
        part,
        "一、 is the last line of page 1"
    );
    // It opens page 2, its section heading and that section's first lines below it; the
    // rows it left on page 1 stay empty (the grid holds: page 2's lines on rows 0, 1, …).
    assert_eq!(&plain(&p2[0].text), part);
    for (i, line) in p2.iter().take(4).enumerate() {
        assert_eq!(line.row, Some(i), "{}", line.text);
    }
    let last_row = p1.last().and_then(|l| l.row).unwrap();
    assert!(last_row < 21, "page 1 full to row {last_row}");
    assert_no_heading_ends_a_page(&l, &hs, "22");
}

/// Each page's lines (page numbers left out), top to bottom, with their grid rows
/// (0-based, from the baseline), measured by scripts/pdf-measure.py (pdfplumber).
fn measured_pages(pdf: &Path) -> Vec<Vec<(String, usize)>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pdf-measure.py");
    let out = run(
        Command::new("python3").arg(script).arg(pdf),
        "python3 scripts/pdf-measure.py (pdfplumber)",
    );
    let v: Value = serde_json::from_slice(&out).expect("measure JSON");
    let pitch = 225.0 / 22.0;
    v["pages"]
        .as_array()
        .expect("pages")
        .iter()
        .map(|p| {
            let mut ls: Vec<(String, f64)> = p["lines"]
                .as_array()
                .unwrap()
                .iter()
                .map(|l| {
                    (
                        plain(l["text"].as_str().unwrap_or("")),
                        l["baseline_mm"].as_f64().unwrap_or(f64::NAN),
                    )
                })
                .filter(|(t, _)| !(t.is_empty() || t.starts_with('—') && t.ends_with('—')))
                .collect();
            ls.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap());
            ls.into_iter()
                // A line's baseline lies in the lower part of its row.
                .map(|(t, y)| (t, ((y - 37.0) / pitch).floor().max(0.0) as usize))
                .collect()
        })
        .collect()
}

/// The sample (版头, signature, full-width punctuation as 校对 would fix it) with `extra`
/// one-row paragraphs after the preface.
fn sample_with(extra: usize) -> Document {
    let mut doc = import("meihekou-2019-web.txt", SAMPLE);
    common::full_width_punctuation(&mut doc);
    doc.addressee = Some("通化市人民政府".into());
    doc.doc_number = Some("梅政发〔2020〕1号".into());
    doc.signer = Some("王某某".into());
    doc.date = Some("2020-03-13".into());
    for i in 0..extra {
        doc.preface
            .push(Paragraph::new(format!("补充说明第{}项。", i + 1)));
    }
    doc
}

/// Whether a page of `l` leaves its last row empty and the next opens with a
/// standalone heading: a heading that fell on a page's foot and moved on.
fn moves_a_heading(l: &Layout, hs: &[String]) -> bool {
    l.pages.windows(2).any(|w| {
        let last_row = w[0].lines.iter().filter_map(|l| l.row).max().unwrap_or(0);
        let first = text_lines(&w[1].lines);
        last_row < 21
            && first.first().is_some_and(|f| {
                f.row == Some(0) && hs.iter().any(|h| h.starts_with(&plain(&f.text)))
            })
            && w[0].lines.iter().all(|l| l.kind != LineKind::Signature)
    })
}

#[test]
fn libreoffice_breaks_the_docx_where_our_pdf_moves_a_heading_on() {
    let (extra, doc) = (0..40)
        .map(|e| (e, sample_with(e)))
        .find(|(_, d)| moves_a_heading(&layout(d), &headings(d)))
        .expect("a heading on a page's last row within 40 rows");
    let hs = headings(&doc);
    let l = layout(&doc);
    assert_no_heading_ends_a_page(&l, &hs, &format!("sample + {extra}"));
    let (ours, lo) = common::outputs(&doc, "keep-next", "sample-heading-moved");
    let (ours, lo) = (measured_pages(&ours), measured_pages(&lo));
    assert_eq!(
        ours.len(),
        lo.len(),
        "pages: ours {}, LibreOffice's {}",
        ours.len(),
        lo.len()
    );
    // A line may break a character or two elsewhere in LibreOffice (its 禁则 are not
    // ours), but every page holds as many lines, ends on the same row (the rows a
    // moved heading or widow left are empty in both), and every heading's first line
    // stands on the same page and row.
    let heading_rows = |page: &[(String, usize)]| -> Vec<(String, usize)> {
        page.iter()
            .filter(|(t, _)| t.chars().count() >= 4 && hs.iter().any(|h| h.starts_with(t.as_str())))
            .map(|(t, row)| (t.chars().take(8).collect(), *row))
            .collect()
    };
    let mut empty_feet = 0;
    for (i, (a, b)) in ours.iter().zip(&lo).enumerate() {
        let what = format!("page {} (sample + {extra} rows)", i + 1);
        assert_eq!(a.len(), b.len(), "{what}: lines, ours vs LibreOffice's");
        assert_eq!(
            a.last().map(|l| l.1),
            b.last().map(|l| l.1),
            "{what}: last row, ours vs LibreOffice's"
        );
        assert_eq!(heading_rows(a), heading_rows(b), "{what}: headings");
        if i + 1 < ours.len() && a.last().is_some_and(|l| l.1 < 21) {
            empty_feet += 1;
        }
    }
    // Both left rows empty where a heading (and a widow or an orphan) moved on.
    assert!(empty_feet >= 1);
}

/// The sample with a table (表题, header, 4 rows) opening part 二, after `extra` rows.
fn sample_with_table(extra: usize) -> Document {
    let mut doc = sample_with(extra);
    let mut t = fazhi_core::model::Table::from_texts(
        std::iter::once(vec!["序号".to_string(), "存在的不足".to_string()])
            .chain((1..=4).map(|i| vec![i.to_string(), format!("第{i}项不足和原因")])),
        1,
    );
    t.title = Some("存在的不足一览表".into());
    doc.parts[1].paragraphs.insert(0, Paragraph::table(t));
    doc
}

/// Whether part 二's heading opens a page of `l`, the 表题 right below it, the page
/// before it ending early.
fn moves_the_heading_with_its_table(l: &Layout) -> bool {
    l.pages.windows(2).any(|w| {
        let last_row = w[0].lines.iter().filter_map(|l| l.row).max().unwrap_or(0);
        let first = w[1].lines.iter().find(|l| l.row == Some(0));
        let title = w[1].lines.iter().find(|l| l.kind == LineKind::TableTitle);
        last_row < 21
            && first.is_some_and(|f| f.kind == LineKind::Heading(1) && f.text.starts_with("二、"))
            && title.is_some_and(|t| t.row == Some(1))
    })
}

#[test]
fn libreoffice_keeps_a_heading_with_the_table_after_it_as_our_pdf() {
    let (extra, doc) = (0..40)
        .map(|e| (e, sample_with_table(e)))
        .find(|(_, d)| moves_the_heading_with_its_table(&layout(d)))
        .expect("part 二 and its table moved on within 40 rows");
    let (ours, lo) = common::outputs(&doc, "keep-next", "sample-table-heading-moved");
    let (ours, lo) = (measured_pages(&ours), measured_pages(&lo));
    assert_eq!(ours.len(), lo.len(), "pages (sample + {extra} rows)");
    let opening = |pages: &[Vec<(String, usize)>]| {
        pages.iter().position(|p| {
            p.first()
                .is_some_and(|(t, r)| t.starts_with("二、") && *r == 0)
        })
    };
    let at = opening(&ours).expect("二、 opens a page of our PDF");
    assert_eq!(Some(at), opening(&lo), "二、 opens page {} in ours", at + 1);
    for (i, (a, b)) in ours.iter().zip(&lo).enumerate() {
        assert_eq!(
            a.last().map(|l| l.1),
            b.last().map(|l| l.1),
            "page {}'s last row (sample + {extra} rows)",
            i + 1
        );
    }
    // The 表题 right below the heading in both.
    for p in [&ours[at], &lo[at]] {
        assert_eq!(p[1], ("存在的不足一览表".to_string(), 1));
    }
}
