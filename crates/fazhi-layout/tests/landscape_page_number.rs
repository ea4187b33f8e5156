//! [tables #21] A table too wide for the portrait block goes on landscape pages in the
//! DOCX; there the page number must stand where GB/T 9704 puts it on the printed
//! sheet, as on the portrait pages (7.5: odd pages right, even pages left, one
//! character in, under the block) — not along a long edge of the sheet, where a
//! landscape section's own footer would put it. Measured in LibreOffice's rendering
//! of our DOCX with pdfplumber: each landscape page's number, mapped back onto the
//! sheet (the table's top at the sheet's left, binding, edge, as in our PDF), against
//! the portrait pages' numbers.
//!
//! Needs `libreoffice` and python3 with pdfplumber (scripts/setup-test.sh); fails,
//! never skips, without them. Files in `target/tmp/landscape-page-number/`.

use std::path::Path;
use std::process::Command;

use fazhi_core::model::{Attachment, Table};
use fazhi_core::{Document, Paragraph};
use fazhi_export::{docx, DocxOptions, Profile};
use serde_json::Value;

/// A 13-column table of `rows` rows: landscape, two landscape pages at 20 rows.
fn wide_table(rows: usize) -> Table {
    let header: Vec<String> = (1..=13).map(|i| format!("第{i}项")).collect();
    let mut t = Table::from_texts(
        std::iter::once(header)
            .chain((1..=rows).map(|r| (1..=13).map(|c| format!("{}", r * c)).collect())),
        1,
    );
    t.title = Some("行政执法数据统计表".into());
    t
}

fn document() -> Document {
    let (mut d, _) = fazhi_core::template::latest("statutory")
        .unwrap()
        .instantiate("某县人民政府", 2023, false);
    d.date = Some("2024-03-01".into());
    d.preface = vec![Paragraph::new("现将本县2023年度法治政府建设情况报告如下。")];
    let mut a = Attachment::new("某县2023年度行政执法数据统计表");
    a.paragraphs = vec![Paragraph::table(wide_table(20))];
    d.attachments.push(a);
    d
}

fn run(cmd: &mut Command, what: &str) -> Vec<u8> {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what} 无法运行（scripts/setup-test.sh 会安装）：{e}"));
    assert!(
        out.status.success(),
        "{what} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Each page: its size and the page number's characters (text, box in mm, upright),
/// the number being the 四号 (14 pt) characters among — and digits.
const NUMBERS: &str = r#"
import json, sys, pdfplumber
MM = 25.4 / 72.0
out = []
with pdfplumber.open(sys.argv[1]) as pdf:
    for p in pdf.pages:
        chars = []
        for c in p.chars:
            if c["text"] in "—0123456789" and abs(c["x1"] - c["x0"]) < 20 and abs(c["bottom"] - c["top"]) < 20:
                chars.append({"t": c["text"], "x0": c["x0"] * MM, "x1": c["x1"] * MM,
                              "top": c["top"] * MM, "bottom": c["bottom"] * MM,
                              "upright": bool(c["upright"])})
        out.append({"w": float(p.width) * MM, "h": float(p.height) * MM, "chars": chars})
json.dump(out, sys.stdout, ensure_ascii=False)
"#;

/// The page number of a page as on the sheet: its text, its left and right ends and
/// its top and bottom in mm from the sheet's top-left corner. On a landscape page
/// (297 × 210 mm) the sheet is turned back a quarter: the landscape page's left edge
/// is the sheet's bottom, its top the sheet's left; (x, y) → (y, 297 − x).
fn number_on_sheet(page: &Value) -> (String, f64, f64, f64, f64) {
    let f = |v: &Value, k: &str| v[k].as_f64().unwrap();
    let landscape = f(page, "w") > f(page, "h");
    let chars: Vec<&Value> = page["chars"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| {
            if landscape {
                // Turned characters, near the left edge (the sheet's bottom).
                !c["upright"].as_bool().unwrap() && f(c, "x1") < 40.0
            } else {
                c["upright"].as_bool().unwrap() && f(c, "top") > 262.0
            }
        })
        .collect();
    assert!(!chars.is_empty(), "no page number on {page}");
    let height = f(page, if landscape { "w" } else { "h" });
    let mut on_sheet: Vec<(String, f64, f64, f64, f64)> = chars
        .iter()
        .map(|c| {
            let t = c["t"].as_str().unwrap().to_string();
            if landscape {
                (
                    t,
                    f(c, "top"),
                    f(c, "bottom"),
                    height - f(c, "x1"),
                    height - f(c, "x0"),
                )
            } else {
                (t, f(c, "x0"), f(c, "x1"), f(c, "top"), f(c, "bottom"))
            }
        })
        .collect();
    on_sheet.sort_by(|a, b| a.1.partial_cmp(&b.1).unwrap());
    let text: String = on_sheet.iter().map(|c| c.0.as_str()).collect();
    let min = |k: fn(&(String, f64, f64, f64, f64)) -> f64| {
        on_sheet.iter().map(k).fold(f64::MAX, f64::min)
    };
    let max = |k: fn(&(String, f64, f64, f64, f64)) -> f64| {
        on_sheet.iter().map(k).fold(f64::MIN, f64::max)
    };
    (text, min(|c| c.1), max(|c| c.2), min(|c| c.3), max(|c| c.4))
}

#[test]
fn a_landscape_page_s_number_stands_where_the_portrait_pages_have_theirs_in_libreoffice() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("landscape-page-number");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("landscape.docx");
    let opts = DocxOptions {
        profile: Profile::Filing,
        ..DocxOptions::default()
    };
    std::fs::write(&path, docx(&document(), &opts).expect("the DOCX")).unwrap();
    run(
        Command::new("libreoffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.join("lo-profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&dir)
            .arg(&path),
        "libreoffice --headless --convert-to pdf",
    );
    let out = run(
        Command::new("python3")
            .args(["-c", NUMBERS])
            .arg(dir.join("landscape.pdf")),
        "python3 pdfplumber",
    );
    let pages: Vec<Value> = serde_json::from_slice(&out).unwrap();
    let landscape: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i]["w"].as_f64() > pages[i]["h"].as_f64())
        .collect();
    // The table takes two landscape pages: one odd, one even.
    assert_eq!(landscape.len(), 2, "landscape pages {landscape:?}");
    let portrait = |odd: bool| {
        (0..pages.len())
            .find(|&i| !landscape.contains(&i) && (i % 2 == 0) == odd)
            .map(|i| number_on_sheet(&pages[i]))
            .expect("a portrait page of that parity")
    };
    let (odd, even) = (portrait(true), portrait(false));
    for &i in &landscape {
        let n = i + 1;
        let (text, left, right, top, bottom) = number_on_sheet(&pages[i]);
        // Read in order along the sheet's bottom: "— N —".
        assert_eq!(text, format!("—{n}—"), "page {n}");
        let want = if n % 2 == 1 { &odd } else { &even };
        // Odd pages: the right end as on an odd portrait page; even: the left end.
        let (got, at) = if n % 2 == 1 {
            (right, want.2)
        } else {
            (left, want.1)
        };
        eprintln!(
            "page {n}: number {text} on the sheet x {left:.1}–{right:.1} y {top:.1}–{bottom:.1} mm; portrait x {:.1}–{:.1} y {:.1}–{:.1} mm",
            want.1, want.2, want.3, want.4
        );
        assert!(
            (got - at).abs() < 1.0,
            "page {n}: end at {got:.1} mm, portrait {at:.1} mm"
        );
        assert!(
            (top - want.3).abs() < 1.0 && (bottom - want.4).abs() < 1.0,
            "page {n}: {top:.1}–{bottom:.1} mm down the sheet, portrait {:.1}–{:.1} mm",
            want.3,
            want.4
        );
    }
}
