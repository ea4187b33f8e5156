//! The layout proof: the sample exported to DOCX, converted to PDF by
//! LibreOffice, measured with `pdftotext -bbox-layout`.
//!
//! Needs `libreoffice` (libreoffice-writer-nogui) and `pdftotext` (poppler-utils),
//! installed by `scripts/setup-system.sh`; the test fails, never skips, without them.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use fazhi_core::model::HeadingStyle;
use fazhi_export::layout::{char_em, LINE_PITCH, TWIPS_PER_MM};
use fazhi_export::{docx, DocxOptions, Profile};
use quick_xml::events::Event;

const PT_TO_MM: f64 = 25.4 / 72.0;
const LEFT: f64 = 28.0;
const RIGHT: f64 = 28.0 + 156.0;
const TOP: f64 = 37.0;
/// The sample's title (its lines are off the 16 pt grid).
const TITLE: &str = "梅河口市人民政府关于2019年法治政府建设情况的报告";
const BOTTOM: f64 = 37.0 + 225.0;
/// One body character on the grid: 16 pt − 5 twips.
const CELL: f64 = 315.0 / TWIPS_PER_MM;
const PITCH: f64 = LINE_PITCH as f64 / TWIPS_PER_MM;

#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
    words: Vec<String>,
}

fn require(tool: &str, version_flag: &str, package: &str) {
    let ok = Command::new(tool)
        .arg(version_flag)
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    assert!(
        ok,
        "版式测试需要 `{tool}`（Debian 包 {package}），请先运行 scripts/setup-system.sh 安装"
    );
}

fn convert(dir: &Path, docs: &[(&str, Vec<u8>)]) -> Vec<PathBuf> {
    require("libreoffice", "--version", "libreoffice-writer-nogui");
    require("pdftotext", "-v", "poppler-utils");
    let mut args = vec![
        format!(
            "-env:UserInstallation=file://{}",
            dir.join("lo-profile").display()
        ),
        "--headless".into(),
        "--convert-to".into(),
        "pdf".into(),
        "--outdir".into(),
        dir.display().to_string(),
    ];
    for (name, bytes) in docs {
        let p = dir.join(format!("{name}.docx"));
        std::fs::write(&p, bytes).expect("write docx");
        args.push(p.display().to_string());
    }
    let out = Command::new("libreoffice")
        .args(&args)
        .output()
        .expect("run libreoffice");
    assert!(
        out.status.success(),
        "libreoffice failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    docs.iter()
        .map(|(name, _)| {
            let pdf = dir.join(format!("{name}.pdf"));
            assert!(pdf.exists(), "LibreOffice wrote no {}", pdf.display());
            pdf
        })
        .collect()
}

fn attr(e: &quick_xml::events::BytesStart, name: &str) -> f64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .and_then(|a| String::from_utf8_lossy(&a.value).parse::<f64>().ok())
        .unwrap_or_else(|| panic!("bbox element without {name}"))
}

/// Lines per page, in mm from the page's top-left corner.
fn bbox(pdf: &Path) -> Vec<Vec<Line>> {
    let out = Command::new("pdftotext")
        .arg("-bbox-layout")
        .arg(pdf)
        .arg("-")
        .output()
        .expect("run pdftotext");
    assert!(out.status.success(), "pdftotext failed");
    let xml = String::from_utf8(out.stdout).expect("utf-8 from pdftotext");
    let mut r = quick_xml::Reader::from_str(&xml);
    let mut pages: Vec<Vec<Line>> = Vec::new();
    let mut line: Option<Line> = None;
    let mut in_word = false;
    loop {
        match r.read_event().expect("pdftotext output parses") {
            Event::Start(e) => match e.name().as_ref() {
                b"page" => pages.push(Vec::new()),
                b"line" => {
                    line = Some(Line {
                        x0: attr(&e, "xMin") * PT_TO_MM,
                        y0: attr(&e, "yMin") * PT_TO_MM,
                        x1: attr(&e, "xMax") * PT_TO_MM,
                        y1: attr(&e, "yMax") * PT_TO_MM,
                        text: String::new(),
                        words: Vec::new(),
                    })
                }
                b"word" => in_word = true,
                _ => {}
            },
            Event::Text(t) if in_word => {
                if let Some(l) = line.as_mut() {
                    let w = t.decode().expect("text").into_owned();
                    l.text.push_str(&w);
                    l.words.push(w);
                }
            }
            Event::GeneralRef(g) if in_word => {
                // pdftotext escapes & < > as entities
                if let Some(l) = line.as_mut() {
                    let s = match &*g {
                        b"amp" => "&",
                        b"lt" => "<",
                        b"gt" => ">",
                        _ => "?",
                    };
                    l.text.push_str(s);
                }
            }
            Event::End(e) => match e.name().as_ref() {
                b"word" => in_word = false,
                b"line" => {
                    if let (Some(l), Some(p)) = (line.take(), pages.last_mut()) {
                        p.push(l);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    pages
}

/// Rows of body text on a page (lines side by side, such as 发文字号 and 签发人,
/// make one row), top to bottom, and the footer lines.
fn split(page: &[Line]) -> (Vec<Line>, Vec<Line>) {
    let (mut body, footer): (Vec<Line>, Vec<Line>) =
        page.iter().cloned().partition(|l| l.y1 <= BOTTOM + 0.5);
    body.sort_by(|a, b| a.y1.total_cmp(&b.y1).then(a.x0.total_cmp(&b.x0)));
    let mut rows: Vec<Line> = Vec::new();
    for l in body {
        match rows.last_mut() {
            Some(r) if (r.y1 - l.y1).abs() < 0.3 => {
                r.text.push_str(&l.text);
                r.x1 = r.x1.max(l.x1);
            }
            _ => rows.push(l),
        }
    }
    (rows, footer)
}

const NO_LINE_START: &str = "，。、；：？！）》”’…—〉」』】〕";
const NO_LINE_END: &str = "（《“‘〈「『【〔";
const HANGING: &str = "，。、；：？！";

/// Checks the 28-character grid on one full line; `next` is the following row.
fn check_full_line(l: &Line, next: Option<&Line>, ctx: &str) {
    let mut text: Vec<char> = l.text.chars().collect();
    // CJK typography lets a final 。，、 hang in the margin; it takes no cell.
    if l.x1 > RIGHT + 1.0 && text.last().is_some_and(|c| HANGING.contains(*c)) {
        text.pop();
    }
    let indent = ((l.x0 - LEFT) / CELL).round();
    let cells: f64 = indent + text.iter().map(|c| char_em(*c)).sum::<f64>();
    let pure = text.iter().all(|c| char_em(*c) == 1.0);
    if pure {
        if (cells - 28.0).abs() < 0.01 {
            return;
        }
        // A shorter line only where a line-breaking rule (避头尾, unbreakable
        // Latin digits) moved the break back.
        let nt: Vec<char> = next.map(|n| n.text.chars().collect()).unwrap_or_default();
        let pushed = nt
            .first()
            .is_some_and(|c| NO_LINE_END.contains(*c) || char_em(*c) < 1.0)
            || nt.get(1).is_some_and(|c| NO_LINE_START.contains(*c))
            || nt.first().is_some_and(|c| NO_LINE_START.contains(*c));
        assert!(
            pushed && (24.0..28.0).contains(&cells),
            "{ctx}: a full line must hold 28 characters, this one holds {cells}: {} | next: {:?}",
            l.text,
            next.map(|n| &n.text)
        );
    } else {
        // Latin digits fall back to a wider font than 仿宋's half-width digits:
        // the line may hold less, never more.
        assert!(
            cells <= 28.0 + 0.01,
            "{ctx}: more than 28 characters on a line: {}",
            l.text
        );
    }
}

/// `first_row_is_title`: page 1 starts with the title (公开版); otherwise with the 版头,
/// whose places crates/fazhi-layout/tests/official.rs measures.
fn check_pdf(pages: &[Vec<Line>], name: &str, first_row_is_title: bool) {
    assert!(
        pages.len() >= 8,
        "{name}: the sample fills many pages, got {}",
        pages.len()
    );
    // [official #16] The 版记 may have the last page to itself (the body ending on an odd
    // page): the body's last page, which need not be full, is the one with the date.
    let last = pages
        .iter()
        .rposition(|p| {
            p.iter()
                .any(|l| l.text.starts_with("2020年3月13日") && !l.text.ends_with("印发"))
        })
        .unwrap_or(pages.len() - 1);
    let mut full_lines = 0;
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let ctx = format!("{name} page {n}");
        let (rows, footer) = split(page);

        // Page number: "— N —", 四号, right one character in on odd pages, left on
        // even ones, its 一字线 7 mm below the text block.
        assert_eq!(
            footer.len(),
            1,
            "{ctx}: one page number line, got {footer:?}"
        );
        let f = &footer[0];
        assert_eq!(
            f.words.join(" "),
            format!("— {n} —"),
            "{ctx}: page number text"
        );
        let inset = 14.0 * PT_TO_MM;
        if n % 2 == 1 {
            assert!(
                (f.x1 - (RIGHT - inset)).abs() < 0.5,
                "{ctx}: odd page number right edge {:.2}",
                f.x1
            );
        } else {
            assert!(
                (f.x0 - (LEFT + inset)).abs() < 0.5,
                "{ctx}: even page number left edge {:.2}",
                f.x0
            );
        }
        let mid = (f.y0 + f.y1) / 2.0;
        assert!(
            (mid - (BOTTOM + 7.0)).abs() < 0.5,
            "{ctx}: page number at {mid:.2} mm"
        );

        // Every body row sits in its cell of the 22-line grid that starts at 37 mm.
        for r in &rows {
            assert!(
                r.y0 >= TOP - 0.5 && r.y1 <= BOTTOM + 0.5,
                "{ctx}: row outside the text block: {r:?}"
            );
        }
        if i < last {
            let ongrid: Vec<&Line> = rows
                .iter()
                // 16 pt rows: the title and the 版头's mark are off the 16 pt grid
                .filter(|r| {
                    r.y1 - r.y0 < PITCH * 0.85 && !(i == 0 && TITLE.contains(r.text.as_str()))
                })
                .collect();
            let slot = |r: &Line| (r.y1 - TOP) / PITCH;
            let first = ongrid.first().expect("rows");
            let lastrow = ongrid.last().expect("rows");
            // glyph boxes of the first and the 22nd row inside their cells
            assert!(
                i == 0 || first.y0 >= TOP && slot(first) <= 1.0 + 0.5 / PITCH,
                "{ctx}: first row at {:.2}–{:.2} mm",
                first.y0,
                first.y1
            );
            // Full, but for the rows left empty when a paragraph's last lines or a
            // heading moved on (widowControl, keepNext: as our typesetter pages).
            let foot = (22.0 - slot(lastrow)).floor().max(0.0) as usize;
            assert!(
                foot <= 3 && lastrow.y1 <= BOTTOM,
                "{ctx}: last row at {:.2}–{:.2} mm, the page is not full",
                lastrow.y0,
                lastrow.y1
            );
            for r in &ongrid {
                let s = slot(r);
                assert!(
                    (s - s.round()).abs() < 0.05,
                    "{ctx}: row off the grid: {r:?}"
                );
            }
            if i > 0 {
                // the only blank line allowed on a full page is the one before
                // the signature (正文下空一行)
                let mut blank = 0;
                for w in ongrid.windows(2) {
                    let gap = (slot(w[1]) - slot(w[0])).round() as usize - 1;
                    if gap > 0 {
                        assert!(
                            gap == 1 && w[1].text == "梅河口市人民政府",
                            "{ctx}: {gap} empty lines before {:?}",
                            w[1].text
                        );
                        blank += gap;
                    }
                }
                assert_eq!(
                    rows.len() + blank + foot,
                    22,
                    "{ctx}: 22 lines on a full page"
                );
            } else if first_row_is_title {
                // page 1: title and blank lines included, every slot of 22 used or blank
                // (a filing copy's page 1 starts with the 版头: official.rs measures it)
                let blanks = 1;
                let title_rows = rows.len() - ongrid.len();
                assert_eq!(
                    ongrid.len() + title_rows + blanks,
                    22,
                    "{ctx}: 22 lines on the first page"
                );
            }
            // left edge and the 28-character grid
            // The row after a page's last is the next page's first.
            let next_page_first = pages.get(i + 1).and_then(|p| split(p).0.into_iter().next());
            for (k, r) in rows.iter().enumerate() {
                if r.x1 >= RIGHT - 0.6 {
                    check_full_line(r, rows.get(k + 1).or(next_page_first.as_ref()), &ctx);
                    full_lines += 1;
                }
            }
            let left = rows.iter().map(|r| r.x0).fold(f64::MAX, f64::min);
            assert!(
                (left - LEFT).abs() < 0.5,
                "{ctx}: left edge at {left:.2} mm"
            );
        }
        if i == 0 && first_row_is_title {
            // GB/T 9704: the text block (and so the title's first line) starts 37 mm from
            // the top. The title is 22 pt centred in its exact row as in our PDF (no
            // raised baseline: LibreOffice read `w:position` as a 58 % superscript), so
            // its box, in LibreOffice's fallback font here, starts about 1 mm lower;
            // official.rs checks it against our PDF with the official faces' stand-ins.
            assert!(
                (rows[0].y0 - TOP).abs() <= 1.2,
                "{ctx}: title top at {:.2} mm",
                rows[0].y0
            );
        }
    }
    assert!(
        full_lines > 150,
        "{name}: only {full_lines} full lines checked"
    );
}

#[test]
fn sample_lays_out_22_lines_of_28_characters_in_libreoffice() {
    let dir = tempfile::tempdir().expect("temp dir");
    let filing = docx(
        &common::sample::sample_document(HeadingStyle::RunIn),
        &DocxOptions {
            profile: Profile::Filing,
            comments: vec![],
        },
    )
    .expect("export");
    let publication = docx(
        &common::sample::sample_document(HeadingStyle::Separate),
        &DocxOptions {
            profile: Profile::Publication,
            comments: vec![],
        },
    )
    .expect("export");
    let pdfs = convert(
        dir.path(),
        &[("filing", filing), ("publication", publication)],
    );
    let f = bbox(&pdfs[0]);
    let p = bbox(&pdfs[1]);
    check_pdf(&f, "报送版（标题段中）", false);
    check_pdf(&p, "公开版（标题单列）", true);

    // filing page 1: 发文字号 one character in, 签发人 one character from the right
    let first = &f[0];
    let num = first
        .iter()
        .find(|l| l.text.starts_with("梅政发"))
        .expect("发文字号 line");
    assert!(
        (num.x0 - (LEFT + CELL)).abs() < 0.5,
        "发文字号 at {:.2}",
        num.x0
    );
    let signer = first
        .iter()
        .find(|l| l.text.starts_with("签发人"))
        .expect("签发人 line");
    assert!(
        (signer.x1 - (RIGHT - CELL)).abs() < 0.5,
        "签发人 ends at {:.2}",
        signer.x1
    );
    assert!(first
        .iter()
        .any(|l| l.text == "通化市人民政府：" && (l.x0 - LEFT).abs() < 0.5));
    assert!(!p[0].iter().any(|l| l.text.contains("梅政发")));
    // 公开版 keeps the addressee
    assert!(p[0].iter().any(|l| l.text == "通化市人民政府："));

    // last page: sealed (filing), the date four characters from the right with the
    // signature centred over it; unsealed (公开版), the signature two characters from the
    // right and the date two characters right of its start — as the layout places them
    for (pages, sealed) in [(&f, true), (&p, false)] {
        // the closing block may straddle the last two pages
        let end: Vec<&Line> = pages[pages.len().saturating_sub(2)..]
            .iter()
            .flatten()
            .collect();
        let date = *end
            .iter()
            .find(|l| l.text.starts_with("2020年3月13日"))
            .expect("date line");
        let sig = *end
            .iter()
            .find(|l| l.text == "梅河口市人民政府")
            .expect("signature");
        let place =
            fazhi_layout::signature_place("梅河口市人民政府", Some("2020年3月13日"), sealed);
        assert!(
            (date.x1 - (RIGHT - place.date_right_em * CELL)).abs() < 0.6,
            "date ends at {:.2}",
            date.x1
        );
        // where the layout puts the signature (LibreOffice here draws the date's digits
        // with extra space around them, so the drawn date is longer than set)
        assert!(
            (sig.x1 - (RIGHT - place.issuer_right_em * CELL)).abs() < 0.6,
            "signature ends at {:.2}",
            sig.x1
        );
        assert!(
            date.y0 > sig.y1 && date.y0 - sig.y1 < 4.0,
            "date right under the signature"
        );
    }
    // the 附注 only in the filing copy
    let has_note =
        |pages: &[Vec<Line>]| pages.iter().flatten().any(|l| l.text == "（此件公开发布）");
    assert!(has_note(&f) && !has_note(&p));
    // a run-in heading starts its paragraph, two characters in
    let runin = f
        .iter()
        .flatten()
        .find(|l| l.text.starts_with("（一）依法全面履行政府职能。全面推行"))
        .expect("run-in heading");
    assert!((runin.x0 - (LEFT + 2.0 * CELL)).abs() < 0.5);
    let sep = p
        .iter()
        .flatten()
        .find(|l| l.text == "（一）依法全面履行政府职能")
        .expect("separate heading");
    assert!((sep.x0 - (LEFT + 2.0 * CELL)).abs() < 0.5);
}
