//! [official #16] The 版记 of the filing DOCX, as LibreOffice lays it out, stands where our
//! PDF puts it: at the foot of the last page, which is even, the page count the same —
//! for a body ending on an odd page (the 版记 on the next page, numbered), on an even
//! page with room (the same page) and on an even page without room (a blank page, then
//! the 版记's page, neither numbered). Its rules (thick, thin, thick) and its last line
//! within ±2 mm of the PDF's, measured by scripts/pdf-measure.py (pdfplumber). And with
//! the signature block at a page's end (the seal's rows shrunk, or two lines carried
//! along), the DOCX pages it as our PDF does, so that the 版记 still follows.
//!
//! Needs `libreoffice`, `pdftoppm` and python3 with pdfplumber (scripts/setup-test.sh);
//! fails, never skips, without them. Files are kept in `target/tmp/imprint-docx/`
//! (LibreOffice's last page of each case as `<case>-docx-last.png`).

mod common;

use std::process::Command;

use common::{measure, run};

use fazhi_core::{Document, Paragraph};
use fazhi_export::Profile;
use fazhi_pdf::{LineKind, PdfOptions};
use serde_json::Value;

const SAMPLE: &[u8] = include_bytes!("../../../assets/samples/meihekou-2019-web.txt");

/// The sample with a 版头, a signature and a 版记 (抄送 on two lines, 印发机关, 印发日期).
fn sample() -> Document {
    let mut doc = fazhi_import::import_bytes(
        "meihekou-2019-web.txt",
        SAMPLE,
        &fazhi_import::ImportOptions::default(),
    )
    .expect("the sample imports")
    .document;
    common::full_width_punctuation(&mut doc);
    doc.addressee = Some("通化市人民政府".into());
    doc.doc_number = Some("梅政发〔2020〕1号".into());
    doc.signer = Some("王某某".into());
    doc.date = Some("2020-03-13".into());
    doc.copy_to =
        Some("吉林省人民政府办公厅，通化市人大常委会办公室，通化市政协办公室，通化市司法局".into());
    doc.printed_by = Some("梅河口市人民政府办公室".into());
    doc.printed_on = Some("2020-03-13".into());
    doc
}

/// Where our typesetter puts the body's end and the 版记.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Case {
    /// The body ends on an odd page: the 版记 on the next page.
    Odd,
    /// The body ends on an even page with room: the 版记 on it.
    EvenRoom,
    /// The body ends on an even page without room: a blank page, then the 版记.
    EvenFull,
}

fn case_of(doc: &Document) -> Case {
    let opts = PdfOptions {
        profile: Profile::Filing,
        fonts: None,
    };
    let layout = fazhi_pdf::layout_with_fonts(doc, &opts).expect("our layout");
    let pages = &layout.pages;
    let last = pages.last().unwrap();
    assert!(last.lines.iter().any(|l| l.kind == LineKind::Imprint));
    let body_on_last = last
        .lines
        .iter()
        .any(|l| !matches!(l.kind, LineKind::Imprint | LineKind::PageNumber));
    if body_on_last {
        Case::EvenRoom
    } else if pages[pages.len() - 2].lines.is_empty() {
        Case::EvenFull
    } else {
        Case::Odd
    }
}

/// The sample with `extra` one-row paragraphs at the end of the body.
fn with_extra(extra: usize) -> Document {
    let mut doc = sample();
    let part = doc.parts.last_mut().unwrap();
    let sink = match part.sections.last_mut() {
        Some(s) => &mut s.paragraphs,
        None => &mut part.paragraphs,
    };
    for i in 0..extra {
        sink.push(Paragraph::new(format!("补充说明第{}项。", i + 1)));
    }
    doc
}

/// One document of each case, adding one row at a time: the middle of the first run of
/// extra rows giving that case, so that the body ends well inside the case (the
/// signature block at a page's end is the second test's).
fn documents() -> Vec<(Case, usize, Document)> {
    let cases: Vec<Case> = (0..60).map(|extra| case_of(&with_extra(extra))).collect();
    let mut out = Vec::new();
    for want in [Case::Odd, Case::EvenRoom, Case::EvenFull] {
        let start = cases
            .iter()
            .position(|c| *c == want)
            .unwrap_or_else(|| panic!("{want:?} within 60 rows: {cases:?}"));
        let len = cases[start..].iter().take_while(|c| **c == want).count();
        let extra = start + len / 2;
        out.push((want, extra, with_extra(extra)));
    }
    out
}

fn text(l: &Value) -> String {
    l["text"]
        .as_str()
        .unwrap_or("")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn f(v: &Value, key: &str) -> f64 {
    v[key].as_f64().unwrap_or(f64::NAN)
}

fn lines(page: &Value) -> Vec<&Value> {
    page["lines"].as_array().unwrap().iter().collect()
}

fn is_page_number(l: &Value) -> bool {
    let t = text(l);
    t.starts_with('—') && t.ends_with('—')
}

/// The 版记 of one rendering: its page (1-based), its 印发 line's baseline and its rules'
/// heights (top to bottom), the page numbers of the last two pages.
#[derive(Debug)]
struct Imprint {
    pages: usize,
    page: usize,
    printed_baseline: f64,
    copy_to_baseline: f64,
    rules: Vec<(f64, f64)>,
    last_numbered: bool,
    before_last: String,
}

fn imprint(pages: &[Value]) -> Imprint {
    let (i, printed) = pages
        .iter()
        .enumerate()
        .find_map(|(i, p)| {
            lines(p)
                .into_iter()
                .find(|l| text(l).ends_with("2020年3月13日印发"))
                .map(|l| (i, l))
        })
        .expect("a 印发 line");
    let copy_to = lines(&pages[i])
        .into_iter()
        .find(|l| text(l).starts_with("抄送："))
        .expect("the 抄送 line on the 版记's page");
    let mut rules: Vec<(f64, f64)> = pages[i]["rules"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| f(r, "x1_mm") - f(r, "x0_mm") > 150.0)
        .map(|r| (f(r, "y_mm"), f(r, "width_mm")))
        .collect();
    rules.sort_by(|a, b| a.0.total_cmp(&b.0));
    let before = &pages[pages.len().saturating_sub(2)];
    Imprint {
        pages: pages.len(),
        page: i + 1,
        printed_baseline: f(printed, "baseline_mm"),
        copy_to_baseline: f(copy_to, "baseline_mm"),
        rules,
        last_numbered: lines(pages.last().unwrap()).into_iter().any(is_page_number),
        before_last: lines(before)
            .into_iter()
            .map(text)
            .collect::<Vec<_>>()
            .join("/"),
    }
}

fn near(what: &str, got: f64, want: f64, tol: f64) {
    assert!(
        (got - want).abs() <= tol,
        "{what}: {got:.2} mm, our PDF {want:.2} mm (±{tol} mm)"
    );
}

#[test]
fn the_filing_docx_puts_the_imprint_at_the_foot_of_the_last_even_page_as_the_pdf_does() {
    for (case, extra, doc) in documents() {
        let name = format!("{case:?}").to_lowercase();
        let (pdf, lo_pdf) = common::outputs(&doc, "imprint-docx", &name);
        let ours = imprint(&measure(&pdf));
        let lo = imprint(&measure(&lo_pdf));
        // LibreOffice's last page as an image, for the issue's note.
        let png = lo_pdf.with_file_name(format!("{name}-docx-last"));
        let last = lo.pages.to_string();
        run(
            Command::new("pdftoppm")
                .args(["-png", "-r", "60", "-f", &last, "-l", &last, "-singlefile"])
                .arg(&lo_pdf)
                .arg(&png),
            "pdftoppm",
        );
        eprintln!("{case:?} (+{extra} rows): PDF {ours:?}\n  LibreOffice {lo:?}");
        let who = format!("{case:?}");
        assert_eq!(ours.page, ours.pages, "{who}: our 版记 on the last page");
        assert_eq!(ours.pages % 2, 0, "{who}: our last page even");
        assert_eq!(lo.pages, ours.pages, "{who}: LibreOffice's page count");
        assert_eq!(
            lo.page, lo.pages,
            "{who}: LibreOffice's 版记 on the last page"
        );
        near(
            &format!("{who} 印发 line (the last) baseline"),
            lo.printed_baseline,
            ours.printed_baseline,
            2.0,
        );
        near(
            &format!("{who} 抄送 baseline"),
            lo.copy_to_baseline,
            ours.copy_to_baseline,
            2.0,
        );
        assert_eq!(ours.rules.len(), 3, "{who}: our rules {:?}", ours.rules);
        assert_eq!(
            lo.rules.len(),
            3,
            "{who}: LibreOffice's rules {:?}",
            lo.rules
        );
        for (k, (a, b)) in lo.rules.iter().zip(&ours.rules).enumerate() {
            near(&format!("{who} rule {k}"), a.0, b.0, 2.0);
            near(&format!("{who} rule {k} thickness"), a.1, b.1, 0.1);
        }
        // Page numbers: the 版记's page carries one unless a blank page precedes it;
        // the blank page carries none.
        assert_eq!(
            ours.last_numbered,
            case != Case::EvenFull,
            "{who}: our 版记 page number"
        );
        assert_eq!(
            lo.last_numbered, ours.last_numbered,
            "{who}: LibreOffice's 版记 page number"
        );
        if case == Case::EvenFull {
            assert_eq!(ours.before_last, "", "{who}: our blank page");
            assert_eq!(lo.before_last, "", "{who}: LibreOffice's blank page");
        }
    }
}

/// How our typesetter paged the signature block of `doc`: the blank rows above it on its
/// page (the seal's room) and the text lines above it there.
fn signature_page(doc: &Document) -> (usize, usize) {
    let opts = PdfOptions {
        profile: Profile::Filing,
        fonts: None,
    };
    let layout = fazhi_pdf::layout_with_fonts(doc, &opts).expect("our layout");
    for p in &layout.pages {
        if let Some(sig) = p.lines.iter().find(|l| l.kind == LineKind::Signature) {
            let r = sig.row.expect("the signature's row");
            let above: Vec<usize> = p
                .lines
                .iter()
                .filter(|l| l.kind != LineKind::PageNumber)
                .filter_map(|l| l.row)
                .filter(|x| *x < r)
                .collect();
            let gap = r - above.iter().max().map_or(0, |m| m + 1);
            return (gap, above.len());
        }
    }
    panic!("no signature");
}

/// The page (1-based) and baseline of the signature in a rendering: the issuer's name
/// last printed alone on a line (the first is the 版头's mark).
fn signature(pages: &[Value]) -> (usize, f64) {
    pages
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, p)| {
            lines(p)
                .into_iter()
                .rfind(|l| text(l) == "梅河口市人民政府")
                .map(|l| (i + 1, f(l, "baseline_mm")))
        })
        .expect("the signature")
}

#[test]
fn the_filing_docx_pages_the_signature_block_as_the_pdf_so_the_imprint_follows() {
    // The signature block at a page's end: our typesetter keeps fewer rows for the seal
    // (shrunk: the seal may come within one line of the text) or carries the last two
    // lines along to the next page (carried: no page holds the signature alone). The
    // DOCX pages it the same way, so LibreOffice's pages end as ours and the 版记 follows.
    let mut found: Vec<(&str, usize)> = Vec::new();
    for extra in 0..60 {
        let (gap, above) = signature_page(&with_extra(extra));
        let kind = if gap < 2 {
            "shrunk"
        } else if above <= 2 {
            "carried"
        } else {
            continue;
        };
        if !found.iter().any(|(k, _)| *k == kind) {
            found.push((kind, extra));
        }
    }
    assert_eq!(found.len(), 2, "both within 60 rows: {found:?}");
    for (kind, extra) in found {
        let doc = with_extra(extra);
        let (pdf, lo_pdf) = common::outputs(&doc, "imprint-docx", kind);
        let (ours_pages, lo_pages) = (measure(&pdf), measure(&lo_pdf));
        let (ours, lo) = (imprint(&ours_pages), imprint(&lo_pages));
        let (a, b) = (signature(&ours_pages), signature(&lo_pages));
        eprintln!("{kind} (+{extra} rows): signature PDF {a:?}, LibreOffice {b:?}; 版记 PDF {ours:?}\n  LibreOffice {lo:?}");
        assert_eq!(b.0, a.0, "{kind}: the signature's page");
        near(&format!("{kind} signature baseline"), b.1, a.1, 2.0);
        assert_eq!(lo.pages, ours.pages, "{kind}: LibreOffice's page count");
        assert_eq!(
            lo.page, lo.pages,
            "{kind}: LibreOffice's 版记 on the last page"
        );
        assert_eq!(ours.pages % 2, 0, "{kind}: our last page even");
        near(
            &format!("{kind} 印发 line (the last) baseline"),
            lo.printed_baseline,
            ours.printed_baseline,
            2.0,
        );
    }
}

/// The section heading [`with_heading_tail`] adds.
const TAIL_HEADING: &str = "关于下一步工作的安排";

/// The sample with `extra` one-row paragraphs, then a section heading on its own line and
/// a paragraph of two lines ending the text, right before the closing (every section
/// heading on its own line).
fn with_heading_tail(extra: usize) -> Document {
    let mut doc = with_extra(extra);
    // The sample's sections are run-in; here each heading stands on its own line.
    doc.settings.heading_style = fazhi_core::model::HeadingStyle::Separate;
    let mut s = fazhi_core::model::Section::new(TAIL_HEADING);
    s.paragraphs.push(Paragraph::new(format!(
        "{}。",
        "全面推进依法行政工作".repeat(5)
    )));
    doc.parts.last_mut().unwrap().sections.push(s);
    doc
}

/// When our typesetter carries the tail (heading + two lines) to the signature's page:
/// that page's text above the signature is exactly the heading and its two lines, and
/// the page before ends at least three rows early (the rows they left stay empty).
fn heading_carried(doc: &Document) -> bool {
    let opts = PdfOptions {
        profile: Profile::Filing,
        fonts: None,
    };
    let layout = fazhi_pdf::layout_with_fonts(doc, &opts).expect("our layout");
    let Some(i) = layout
        .pages
        .iter()
        .position(|p| p.lines.iter().any(|l| l.kind == LineKind::Signature))
    else {
        return false;
    };
    let page = &layout.pages[i];
    let sig = page
        .lines
        .iter()
        .find(|l| l.kind == LineKind::Signature)
        .and_then(|l| l.row)
        .unwrap();
    let mut above: Vec<_> = page
        .lines
        .iter()
        .filter(|l| l.kind != LineKind::PageNumber && l.row.is_some_and(|r| r < sig))
        .collect();
    above.sort_by_key(|l| l.row);
    let kinds: Vec<_> = above.iter().map(|l| l.kind).collect();
    let before_ends = i
        .checked_sub(1)
        .and_then(|b| layout.pages[b].lines.iter().filter_map(|l| l.row).max());
    kinds.len() == 3
        && matches!(kinds[0], LineKind::Heading(_))
        && above[0].text.contains(TAIL_HEADING)
        && kinds[1..].iter().all(|k| *k == LineKind::Body)
        && before_ends.is_some_and(|r| r + 3 < fazhi_layout::geometry::LINES_PER_PAGE)
}

/// The page (1-based) of the first line containing `s` in a rendering.
fn page_of(pages: &[Value], s: &str) -> Option<usize> {
    pages
        .iter()
        .position(|p| lines(p).into_iter().any(|l| text(l).contains(s)))
        .map(|i| i + 1)
}

#[test]
fn a_heading_before_the_carried_lines_goes_on_with_the_signature_in_both() {
    // The text ends with a section heading and a paragraph of two lines, the signature
    // block not fitting below them: our typesetter carries the heading along with the two
    // lines (never a heading alone at a page's foot); the DOCX breaks the page before the
    // heading, so LibreOffice's pages are ours.
    let extra = (0..60)
        .find(|e| heading_carried(&with_heading_tail(*e)))
        .expect("within 60 rows, our typesetter carries the heading with the signature");
    let doc = with_heading_tail(extra);
    let (pdf, lo_pdf) = common::outputs(&doc, "imprint-docx", "heading-carried");
    let (ours_pages, lo_pages) = (measure(&pdf), measure(&lo_pdf));
    let (a, b) = (signature(&ours_pages), signature(&lo_pages));
    let (ha, hb) = (
        page_of(&ours_pages, TAIL_HEADING),
        page_of(&lo_pages, TAIL_HEADING),
    );
    eprintln!(
        "heading carried (+{extra} rows): heading PDF p{ha:?}, LibreOffice p{hb:?}; \
         signature PDF {a:?}, LibreOffice {b:?}; pages {} / {}",
        ours_pages.len(),
        lo_pages.len()
    );
    assert_eq!(ha, Some(a.0), "our heading on the signature's page");
    assert_eq!(lo_pages.len(), ours_pages.len(), "LibreOffice's page count");
    assert_eq!(hb, ha, "LibreOffice's page of the heading");
    assert_eq!(b.0, a.0, "the signature's page");
    near("signature baseline", b.1, a.1, 2.0);
    let (ours, lo) = (imprint(&ours_pages), imprint(&lo_pages));
    assert_eq!(lo.page, lo.pages, "LibreOffice's 版记 on the last page");
    near(
        "印发 line (the last) baseline",
        lo.printed_baseline,
        ours.printed_baseline,
        2.0,
    );
}
