//! 打印预览 and the page view against the PDF they must match.

use super::*;
use fazhi_core::store::Store;

fn sample() -> Document {
    let bytes = include_bytes!("../../../../assets/samples/meihekou-2019-web.txt");
    fazhi_import::import_bytes(
        "meihekou-2019-web.txt",
        bytes,
        &fazhi_import::ImportOptions::default(),
    )
    .unwrap()
    .document
}

#[test]
fn preview_has_the_pages_of_the_pdf_layout_with_compact_lines() {
    let doc = sample();
    let p = preview_of(&doc, Profile::Filing);
    let opts = PdfOptions::default();
    let expected = match fazhi_pdf::layout_with_fonts(&doc, &opts) {
        Ok(l) => l,
        Err(_) => typeset::layout(&doc, &opts, &SimpleMetrics::default()),
    };
    assert_eq!(p.pages.len(), expected.page_count());
    assert!(p.pages.len() >= 3, "the sample takes several pages");
    assert!((p.page_width_mm - 210.0).abs() < 0.01);
    for (i, page) in p.pages.iter().enumerate() {
        assert_eq!(page.number as usize, i + 1);
        let num = page.lines.iter().find(|l| l.kind == "page_number").unwrap();
        assert!(num.text.contains(&(i + 1).to_string()), "{}", num.text);
        for l in &page.lines {
            let joined: String = l.runs.iter().map(|r| r.text.as_str()).collect();
            assert_eq!(joined, l.text);
            assert_eq!(l.runs[0].x_mm, l.x_mm, "{}", l.text);
            for r in &l.runs {
                assert_eq!(r.xs.len(), r.text.chars().count(), "{}", r.text);
                assert_eq!(r.xs[0], 0);
                assert!(r.xs.windows(2).all(|w| w[0] < w[1]), "{}", l.text);
                assert!(r.width_mm * 100.0 > *r.xs.last().unwrap() as f32);
            }
            // Runs change face where they meet, in reading order.
            for w in l.runs.windows(2) {
                assert_ne!(w[0].font, w[1].font, "{}", l.text);
                assert!(w[1].x_mm >= w[0].x_mm + w[0].width_mm - 0.02, "{}", l.text);
            }
        }
    }
    let body = p.pages[0].lines.iter().filter(|l| l.kind == "body").count();
    assert!(body > 5, "body lines on page one");
    let title = &p.pages[0].lines.iter().find(|l| l.kind == "title").unwrap();
    assert!(title.runs.iter().all(|r| r.font == "title"), "{title:?}");
    assert!(title.text.contains("梅河口"));
    // Every character of part one's first section heading is there, in order.
    let all: String = p
        .pages
        .iter()
        .flat_map(|pg| pg.lines.iter().map(|l| l.text.as_str()))
        .collect();
    assert!(all.contains("依法全面履行政府职能"));
    // Compact: well under a kilobyte of JSON per line on average (the line's text
    // and its runs' — the same characters by face — with one offset a character).
    let json = serde_json::to_string(&p).unwrap();
    let lines: usize = p.pages.iter().map(|pg| pg.lines.len()).sum();
    assert!(
        json.len() / lines < 500,
        "{} bytes for {lines} lines",
        json.len()
    );
}

#[test]
fn the_imprint_comes_with_its_rules_on_the_last_page() {
    let mut doc = sample();
    doc.copy_to = Some("市委办公室，市人大常委会办公室，市政协办公室。".into());
    doc.printed_by = Some("梅河口市人民政府办公室".into());
    doc.printed_on = Some("2020-03-13".into());
    let p = preview_of(&doc, Profile::Filing);
    let last = p.pages.last().unwrap();
    let imprint: Vec<&PreviewLine> = last.lines.iter().filter(|l| l.kind == "imprint").collect();
    assert!(imprint[0].text.starts_with("抄送："), "{imprint:?}");
    assert!(
        imprint.iter().any(|l| l.text.contains("印发")),
        "{imprint:?}"
    );
    // Thick above, thin between 抄送 and 印发, thick on the block's lower edge,
    // each spanning the text block; only the 版记 page has rules.
    assert_eq!(last.rules.len(), 3, "{:?}", last.rules);
    assert!(last.rules[0].width_mm > last.rules[1].width_mm);
    for r in &last.rules {
        assert!((r.x1_mm - r.x0_mm - 156.0).abs() < 0.1, "{r:?}");
    }
    assert!(last.rules[0].y_mm < imprint[0].y_mm);
    assert!(last.rules[2].y_mm > imprint.last().unwrap().y_mm);
    // Before it, only page one has a rule: the 版头's, in the standard's red.
    assert_eq!(p.pages[0].rules.len(), 1);
    assert_eq!(p.pages[0].rules[0].color.as_deref(), Some("#FF3333"));
    assert!(last.rules.iter().all(|r| r.color.is_none()));
    let mark = p.pages[0]
        .lines
        .iter()
        .find(|l| l.kind == "issuer_mark")
        .unwrap();
    assert_eq!(
        (mark.text.as_str(), mark.color.as_deref()),
        (doc.issuer.as_str(), Some("#FF3333"))
    );
    assert!(p.pages[1..p.pages.len() - 1]
        .iter()
        .all(|pg| pg.rules.is_empty()));
    // The publication profile has no 版记.
    let public = preview_of(&doc, Profile::Publication);
    assert!(public
        .pages
        .iter()
        .all(|pg| pg.rules.is_empty() && pg.lines.iter().all(|l| l.kind != "imprint")));
}

#[test]
fn the_page_view_is_the_layout_models() {
    let mut doc = sample();
    doc.addressee = Some("通化市人民政府".into());
    doc.note = Some("(附件略)".into());
    doc.date = Some("2020-03-13".into());
    doc.attachments
        .push(fazhi_core::model::Attachment::new("重点工作完成情况。"));
    let v = page_view_of(&doc, Profile::Filing);
    assert_eq!(v.title_lines, fazhi_layout::title_lines(&doc.title()));
    assert_eq!(v.addressee.as_deref(), Some("通化市人民政府："));
    assert_eq!(v.note.as_deref(), Some("（附件略）"));
    assert_eq!(v.attachment_note, ["附件：重点工作完成情况"]);
    assert!(v.sealed && v.date_right_em == 4.0);
    let p = page_view_of(&doc, Profile::Publication);
    assert!(p.note.is_none() && p.attachment_note.is_empty() && !p.sealed);
    doc.settings.heading_style = fazhi_core::model::HeadingStyle::Separate;
    let v = page_view_of(&doc, Profile::Filing);
    assert!(v.run_in.is_empty(), "separate headings have no run-in stop");
}

/// [official #16] A joint 署名 stands in the editor's page as printed: one issuer a
/// line, each at the layout model's right edge.
#[test]
fn the_page_view_signs_a_joint_document_one_issuer_a_line() {
    let mut doc = sample();
    doc.signature = Some("中共梅河口市委员会 梅河口市人民政府".into());
    doc.date = Some("2020-03-13".into());
    let v = page_view_of(&doc, Profile::Filing);
    let texts: Vec<&str> = v.issuer_lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["中共梅河口市委员会", "梅河口市人民政府"]);
    let Some(fazhi_layout::Block::Closing(c)) = fazhi_layout::blocks(&doc, Profile::Filing)
        .into_iter()
        .find(|b| matches!(b, fazhi_layout::Block::Closing(_)))
    else {
        panic!("a closing block");
    };
    let edges: Vec<f64> = v.issuer_lines.iter().map(|l| l.right_em).collect();
    let model: Vec<f64> = c.issuer_lines.iter().map(|(_, e)| *e).collect();
    assert_eq!(edges, model);
}

/// [official #16] The editor breaks each 附件's title where DOCX and PDF do.
#[test]
fn the_page_view_gives_each_attachment_title_its_lines() {
    use fazhi_core::model::Attachment;
    let mut doc = sample();
    let long = "梅河口市2019年法治政府建设重点工作完成情况";
    doc.attachments.push(Attachment::new(long));
    doc.attachments.push(Attachment::new("统计表。"));
    let v = page_view_of(&doc, Profile::Filing);
    assert_eq!(v.attachments.len(), 2);
    assert_eq!(v.attachments[0].id, doc.attachments[0].id);
    assert_eq!(
        v.attachments[0].title_lines,
        ["梅河口市2019年法治政府", "建设重点工作完成情况"]
    );
    assert_eq!(
        v.attachments[0].title_lines,
        fazhi_layout::title_lines(long)
    );
    assert_eq!(v.attachments[1].id, doc.attachments[1].id);
    assert_eq!(v.attachments[1].title_lines, ["统计表"]);
}

#[test]
fn the_page_view_gives_each_run_in_heading_its_stop() {
    let mut doc = sample();
    doc.settings.heading_style = fazhi_core::model::HeadingStyle::RunIn;
    let sections: Vec<&fazhi_core::Section> = {
        fn walk<'a>(s: &'a fazhi_core::Section, out: &mut Vec<&'a fazhi_core::Section>) {
            out.push(s);
            s.sections.iter().for_each(|c| walk(c, out));
        }
        let mut out = Vec::new();
        doc.parts
            .iter()
            .flat_map(|p| &p.sections)
            .for_each(|s| walk(s, &mut out));
        out
    };
    let v = page_view_of(&doc, Profile::Filing);
    assert_eq!(v.run_in.len(), sections.len());
    for (r, s) in v.run_in.iter().zip(&sections) {
        assert_eq!(r.section_id, s.id);
        let ends_in_stop = s.heading.trim().ends_with(['。', '！', '？', '：', '；']);
        assert_eq!(
            r.stop,
            if ends_in_stop { "" } else { "。" },
            "{}",
            s.heading
        );
    }
}

#[test]
fn preview_without_fonts_still_lays_out_and_says_why() {
    let layout = typeset::layout(&sample(), &PdfOptions::default(), &SimpleMetrics::default());
    let p = from_layout(&layout, Some("找不到字体".into()));
    assert_eq!(p.notice.as_deref(), Some("找不到字体"));
    assert_eq!(p.pages.len(), layout.page_count());
}

/// [tables #21] A table's grid lines (vertical ones included) and a landscape
/// page's turned table reach the preview.
#[test]
fn tables_send_their_grid_and_landscape_pages() {
    use fazhi_core::model::{Attachment, Table};
    let mut doc = sample();
    let mut a = Attachment::new("统计表");
    let narrow = Table::from_texts([["项目", "数量"], ["复议", "12"]], 1);
    let row: Vec<String> = (1..=14).map(|i| i.to_string()).collect();
    let wide = Table::from_texts([row.clone(), row], 1);
    a.paragraphs = vec![
        fazhi_core::Paragraph::table(narrow),
        fazhi_core::Paragraph::table(wide),
    ];
    doc.attachments.push(a);
    let p = preview_of(&doc, Profile::Filing);
    let grid = p
        .pages
        .iter()
        .find(|pg| pg.lines.iter().any(|l| l.kind == "table_header"))
        .expect("the narrow table on a portrait page");
    assert!(grid
        .rules
        .iter()
        .any(|r| r.x0_mm == r.x1_mm && r.y1_mm > r.y_mm + 5.0));
    let turned = p
        .pages
        .iter()
        .find(|pg| !pg.turned_lines.is_empty())
        .expect("the wide table on a landscape page");
    assert!(turned.turned_lines.iter().any(|l| l.kind == "table_header"));
    assert!(turned.turned_rules.len() > 14);
    assert!(turned.lines.iter().any(|l| l.kind == "page_number"));
}

#[test]
fn publication_profile_drops_internal_metadata() {
    let mut store = Store::open_in_memory().unwrap();
    let mut doc = sample();
    doc.doc_number = Some("梅政文〔2020〕5号".into());
    let v = store.create_from_document(doc).unwrap();
    let text = |p: &PdfPreview| -> String {
        p.pages
            .iter()
            .flat_map(|pg| pg.lines.iter().map(|l| l.text.clone()))
            .collect()
    };
    let filing = preview_of(&v.document, Profile::Filing);
    let public = preview_of(&v.document, Profile::Publication);
    assert!(text(&filing).contains("梅政文"));
    assert!(!text(&public).contains("梅政文"));
}

/// One glyph of a PDF as pdfplumber reads it: the character, its origin and
/// baseline in mm from the page's top-left corner, and the embedded font's name.
#[derive(Debug, serde::Deserialize)]
struct PdfChar {
    text: String,
    x_mm: f32,
    baseline_mm: f32,
    font: String,
    size_pt: f32,
    rgb: Option<Vec<f32>>,
}

/// A stroked line of a PDF page (a rule), in mm from the top-left corner.
#[derive(Debug, serde::Deserialize)]
struct PdfStroke {
    x0_mm: f32,
    x1_mm: f32,
    top_mm: f32,
    bottom_mm: f32,
    rgb: Option<Vec<f32>>,
}

#[derive(Debug, serde::Deserialize)]
struct PdfPage {
    chars: Vec<PdfChar>,
    strokes: Vec<PdfStroke>,
}

/// The bundled fonts, named explicitly: a test elsewhere in the process may
/// choose others for a while.
fn bundled(profile: Profile) -> PdfOptions {
    let dir = fazhi_pdf::default_font_dir().expect("assets/fonts (scripts/fetch-fonts.sh)");
    PdfOptions {
        profile,
        fonts: Some(fazhi_pdf::FontConfig::in_dir(dir)),
    }
}

/// The pages of the PDF the export writes, measured by pdfplumber
/// (scripts/setup-test.sh installs it; the test fails, never skips, without it).
fn pdf_pages(doc: &Document, opts: &PdfOptions) -> Vec<PdfPage> {
    let bytes = fazhi_pdf::render(doc, opts).expect("the PDF export");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.pdf");
    std::fs::write(&path, bytes).unwrap();
    let script = r#"
import json, sys, pdfplumber
MM = 25.4 / 72.0
def rgb(c):
    return None if c is None else [float(v) for v in (c if isinstance(c, (list, tuple)) else [c])]
with pdfplumber.open(sys.argv[1]) as pdf:
    out = []
    for p in pdf.pages:
        h = float(p.height)
        out.append({
            "chars": [{"text": c["text"], "x_mm": c["matrix"][4] * MM,
                "baseline_mm": (h - c["matrix"][5]) * MM,
                "font": c.get("fontname", ""), "size_pt": c["size"],
                "rgb": rgb(c.get("non_stroking_color"))} for c in p.chars],
            "strokes": [{"x0_mm": l["x0"] * MM, "x1_mm": l["x1"] * MM,
                "top_mm": l["top"] * MM, "bottom_mm": l["bottom"] * MM,
                "rgb": rgb(l.get("stroking_color"))} for l in p.lines]})
    print(json.dumps(out))
"#;
    let out = std::process::Command::new("python3")
        .arg("-c")
        .arg(script)
        .arg(&path)
        .output()
        .expect("python3 with pdfplumber (scripts/setup-test.sh)");
    assert!(
        out.status.success(),
        "pdfplumber: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The embedded font of a face, as the PDF names it (subset tag + PostScript name).
fn pdf_font_of(face: &str) -> &'static str {
    match face {
        "fang" => "FandolFang",
        "hei" => "FandolHei",
        "kai" => "FandolKai",
        "song" => "FandolSong",
        "title" => "NotoSerifCJKsc-Bold",
        "fallback" => "NotoSerifCJKsc-Regular",
        other => panic!("unknown face {other}"),
    }
}

/// The standard's print red (#FF3333) as pdfplumber reads a colour.
fn is_red(rgb: &Option<Vec<f32>>) -> bool {
    rgb.as_ref()
        .is_some_and(|c| c.len() == 3 && c[0] > 0.9 && c[1] < 0.3 && c[2] < 0.3)
}

/// Every character of the preview's page is one the PDF draws there (same
/// character, same face, size and colour, same origin and baseline ±0.5 mm), every glyph the PDF
/// draws is in the preview, and every rule is one the PDF strokes there, in its
/// colour.
fn assert_page_is_the_pdfs(page: &PreviewPage, pdf: &PdfPage) {
    // A landscape page's table is set in the turned frame: frame (u, v) is sheet
    // (v, 297 − u), where the PDF draws it.
    let sheet = |u: f32, v: f32, turned: bool| if turned { (v, 297.0 - u) } else { (u, v) };
    let all = page
        .lines
        .iter()
        .map(|l| (l, false))
        .chain(page.turned_lines.iter().map(|l| (l, true)));
    let mut seen = 0;
    for (l, turned) in all {
        for r in &l.runs {
            for (ch, dx) in r.text.chars().zip(&r.xs) {
                let (x, y) = sheet(r.x_mm + *dx as f32 / 100.0, l.y_mm, turned);
                let hit = pdf.chars.iter().find(|c| {
                    c.text == ch.to_string()
                        && (c.x_mm - x).abs() < 0.5
                        && (c.baseline_mm - y).abs() < 0.5
                });
                let Some(c) = hit else {
                    panic!(
                        "page {}: {ch} of {:?} at ({x:.2}, {y:.2}): not in the PDF",
                        page.number, l.text
                    )
                };
                assert!(
                    c.font.contains(pdf_font_of(&r.font)),
                    "page {}: {ch} of {:?}: preview face {} but the PDF draws {}",
                    page.number,
                    l.text,
                    r.font,
                    c.font
                );
                // (pdfminer reads a turned glyph's size from its box: not the size.)
                assert!(
                    turned || (c.size_pt - l.size_pt).abs() < 0.1,
                    "page {}: {ch} of {:?}: {} pt, the PDF's {} pt",
                    page.number,
                    l.text,
                    l.size_pt,
                    c.size_pt
                );
                assert_eq!(
                    l.color.is_some(),
                    is_red(&c.rgb),
                    "page {}: {ch} of {:?}: {:?}, the PDF's {:?}",
                    page.number,
                    l.text,
                    l.color,
                    c.rgb
                );
                seen += 1;
            }
        }
    }
    let drawn = pdf
        .chars
        .iter()
        .filter(|c| !c.text.trim().is_empty())
        .count();
    let previewed = page
        .lines
        .iter()
        .chain(&page.turned_lines)
        .flat_map(|l| l.text.chars())
        .filter(|c| !c.is_whitespace())
        .count();
    assert_eq!(
        previewed, drawn,
        "page {}: the preview shows every glyph the PDF draws",
        page.number
    );
    assert!(seen > 0);
    let rules = page
        .rules
        .iter()
        .map(|r| (r, false))
        .chain(page.turned_rules.iter().map(|r| (r, true)));
    assert_eq!(
        page.rules.len() + page.turned_rules.len(),
        pdf.strokes.len(),
        "page {}",
        page.number
    );
    for (r, turned) in rules {
        let (ax, ay) = sheet(r.x0_mm, r.y_mm, turned);
        let (bx, by) = sheet(r.x1_mm, r.y1_mm, turned);
        let hit = pdf.strokes.iter().find(|s| {
            (s.x0_mm - ax.min(bx)).abs() < 0.5
                && (s.x1_mm - ax.max(bx)).abs() < 0.5
                && (s.top_mm - ay.min(by)).abs() < 0.5
                && (s.bottom_mm - ay.max(by)).abs() < 0.5
        });
        let Some(s) = hit else {
            panic!("page {}: rule {r:?} not in the PDF", page.number)
        };
        assert_eq!(
            r.color.is_some(),
            is_red(&s.rgb),
            "page {}: {r:?} {s:?}",
            page.number
        );
    }
}

/// [official #16] 打印预览 shows the filing copy exactly as the PDF: every page —
/// the 版头 (份号, 密级, 紧急程度, the red mark and rule, 发文字号 and 签发人), run-in
/// headings, the 附件说明, the signature block, the 附件 pages with a table (one of them
/// on a landscape page) and the 版记 —
/// glyph by glyph in the PDF's faces and places, and its rules.
#[test]
fn every_page_of_the_filing_copy_is_the_pdfs() {
    use fazhi_core::model::Attachment;
    let mut doc = sample();
    doc.copy_number = Some("000001".into());
    doc.secrecy = Some("秘密★1年".into());
    doc.urgency = Some("特急".into());
    doc.doc_number = Some("梅政发〔2020〕1号".into());
    doc.signer = Some("王某某、张堃、李四".into());
    doc.addressee = Some("通化市人民政府".into());
    doc.date = Some("2020-03-13".into());
    doc.note = Some("（此件公开发布）".into());
    doc.settings.heading_style = fazhi_core::model::HeadingStyle::RunIn;
    let mut a = Attachment::new("梅河口市2019年法治政府建设重点工作完成情况");
    a.paragraphs
        .push(fazhi_core::Paragraph::new("行政决策合法性审查全覆盖。"));
    // A table: header cells in 黑体, body cells in 仿宋, its grid's rules; and one
    // too wide for the portrait block, on a landscape page (GB/T 9704 §8).
    a.paragraphs.push(fazhi_core::Paragraph::table(
        fazhi_core::model::Table::from_texts([["项目", "数量"], ["行政复议", "12"]], 1),
    ));
    let row: Vec<String> = (1..=14).map(|i| format!("第{i}项")).collect();
    a.paragraphs.push(fazhi_core::Paragraph::table(
        fazhi_core::model::Table::from_texts([row.clone(), row], 1),
    ));
    doc.attachments.push(a);
    doc.copy_to = Some("市委办公室，市人大常委会办公室，市政协办公室。".into());
    doc.printed_by = Some("梅河口市人民政府办公室".into());
    doc.printed_on = Some("2020-03-13".into());
    let opts = bundled(Profile::Filing);
    let p = preview_with(&doc, &opts);
    assert!(p.notice.is_none(), "{:?}", p.notice);
    let pdf = pdf_pages(&doc, &opts);
    assert_eq!(p.pages.len(), pdf.len());
    for (page, measured) in p.pages.iter().zip(&pdf) {
        assert_page_is_the_pdfs(page, measured);
    }
    let label = p
        .pages
        .iter()
        .flat_map(|pg| &pg.lines)
        .find(|l| l.kind == "attachment_label")
        .unwrap();
    assert_eq!((label.runs.len(), label.runs[0].font.as_str()), (1, "hei"));
    let lines = || p.pages.iter().flat_map(|pg| &pg.lines);
    let header = lines().find(|l| l.kind == "table_header").unwrap();
    assert_eq!(header.runs[0].font, "hei");
    assert!(lines().any(|l| l.kind == "table_cell" && l.runs[0].font == "fang"));
    assert!(lines().any(|l| l.kind == "imprint"));
    assert!(p.pages.iter().any(|pg| !pg.turned_lines.is_empty()));
    assert!(p
        .pages
        .iter()
        .flat_map(|pg| &pg.rules)
        .any(|r| r.x0_mm == r.x1_mm));
}

/// [official #16, print #19] The 签发人 line mixes faces as the PDF draws it
/// (GB/T 9704 7.2.4): "签发人：" and the 发文字号 in 仿宋, the names in 楷体, a
/// character 楷体 lacks in the fallback face; each run where the PDF puts it.
#[test]
fn the_signers_names_are_a_kai_run_where_the_pdf_draws_them() {
    let mut doc = sample();
    doc.doc_number = Some("梅政发〔2020〕1号".into());
    doc.signer = Some("王某某、张堃、李四".into());
    let opts = bundled(Profile::Filing);
    let p = preview_with(&doc, &opts);
    assert!(p.notice.is_none(), "{:?}", p.notice);
    let rows: Vec<&PreviewLine> = p.pages[0]
        .lines
        .iter()
        .filter(|l| l.kind == "doc_number")
        .collect();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let faces = |l: &PreviewLine| -> Vec<(String, String)> {
        l.runs
            .iter()
            .map(|r| (r.text.clone(), r.font.clone()))
            .collect()
    };
    let pair = |t: &str, f: &str| (t.to_string(), f.to_string());
    assert_eq!(
        faces(rows[0]),
        [
            pair("签发人：", "fang"),
            pair("王某某\u{3000}张", "kai"),
            pair("堃", "fallback")
        ]
    );
    assert_eq!(
        faces(rows[1]),
        [pair("梅政发〔2020〕1号", "fang"), pair("李四", "kai")]
    );
    // The names stand where the PDF draws them, in the PDF's 楷体.
    let pdf = pdf_pages(&doc, &opts);
    let names = &rows[0].runs[1];
    let wang = pdf[0]
        .chars
        .iter()
        .find(|c| c.text == "王" && (c.baseline_mm - rows[0].y_mm).abs() < 0.5)
        .expect("王 in the PDF");
    assert!(
        (wang.x_mm - names.x_mm).abs() < 0.5,
        "PDF {} preview {}",
        wang.x_mm,
        names.x_mm
    );
    assert!(wang.font.contains("FandolKai"), "{}", wang.font);
    // GB/T 9704: the first line's names end one character in from the right edge;
    // the last line's names start under the first line's.
    let cell = fazhi_pdf::typeset::cell_mm();
    let right = fazhi_pdf::typeset::block_right_mm() - cell;
    let fallback = &rows[0].runs[2];
    assert!((fallback.x_mm + fallback.width_mm - right).abs() < 0.05);
    assert!((rows[1].runs[1].x_mm - names.x_mm).abs() < 0.05);
    assert_page_is_the_pdfs(&p.pages[0], &pdf[0]);
}

/// [print #19] A run-in heading's line has two runs: the lead in its heading's
/// face, then the paragraph in 仿宋, each where the PDF draws it.
#[test]
fn a_run_in_heading_line_has_two_runs_as_the_pdf() {
    let mut doc = sample();
    doc.settings.heading_style = fazhi_core::model::HeadingStyle::RunIn;
    let opts = bundled(Profile::Filing);
    let p = preview_with(&doc, &opts);
    let (page, line) = p
        .pages
        .iter()
        .enumerate()
        .find_map(|(i, pg)| {
            pg.lines
                .iter()
                .find(|l| l.kind == "heading2")
                .map(|l| (i, l))
        })
        .expect("a run-in （一） heading");
    assert_eq!(line.runs.len(), 2, "{line:?}");
    assert_eq!(
        (line.runs[0].text.as_str(), line.runs[0].font.as_str()),
        ("（一）依法全面履行政府职能。", "kai")
    );
    assert_eq!(line.runs[1].font, "fang");
    assert_eq!(line.runs[1].text, "全面推行行政审批制度改革。");
    // The paragraph's text follows the lead without a gap.
    let lead = &line.runs[0];
    assert!((line.runs[1].x_mm - (lead.x_mm + lead.width_mm)).abs() < 0.05);
    let pdf = pdf_pages(&doc, &opts);
    assert_page_is_the_pdfs(&p.pages[page], &pdf[page]);
}
