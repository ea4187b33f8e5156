//! [tables #21] The 花脸稿 sets a table as a table: a cell whose number changed
//! between two versions is drawn on the table's grid (its rules around it) with the
//! old figures red and struck and the new ones blue and underlined, in our PDF and in
//! the DOCX (a `w:tbl` with the marked runs, and LibreOffice's rendering of it); an
//! added row is blue on the grid and a removed row is listed in red under it.
//! Measured from the PDFs with scripts/pdf-measure.py (pdfplumber: each line's
//! red_text/blue_text) and pdfplumber's characters and rules, never by eye.
//!
//! Needs `libreoffice`, `pdftoppm` and python3 with pdfplumber (scripts/setup-test.sh);
//! fails, never skips, without them. Files and the page image are kept in
//! `target/tmp/redline-tables/`.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use fazhi_core::model::Table;
use fazhi_core::{Document, Paragraph};
use serde_json::Value;

fn document(rows: &[&[&str]]) -> Document {
    let (mut d, _) = fazhi_core::template::latest("statutory")
        .unwrap()
        .instantiate("某县人民政府", 2023, false);
    d.date = Some("2024-03-01".into());
    d.parts[0].sections.truncate(1);
    let mut t = Table::from_texts(
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
        1,
    );
    t.title = Some("行政复议案件统计表".into());
    d.parts[0].sections[0].paragraphs = vec![
        Paragraph::new("全年办理行政复议案件情况如下表。"),
        Paragraph::table(t),
    ];
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

fn dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("redline-tables");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// pdf-measure.py's lines of every page (text, red_text, blue_text, baseline…).
fn measured_lines(pdf: &Path) -> Vec<Vec<Value>> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pdf-measure.py");
    let out = run(
        Command::new("python3").arg(script).arg(pdf),
        "python3 scripts/pdf-measure.py (pdfplumber)",
    );
    let v: Value = serde_json::from_slice(&out).expect("measure JSON");
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["lines"].as_array().unwrap().clone())
        .collect()
}

/// Every character (text, colour class, box in mm) and every rule segment (a drawn
/// line, or a rectangle thinner than 1 mm, as its box in mm) of page `page`.
const CHARS_AND_RULES: &str = r#"
import json, sys, pdfplumber
MM = 25.4 / 72.0
def cls(c):
    if not c: return "black"
    c = list(c) if not isinstance(c, (int, float)) else [c]
    if len(c) == 4:
        k = float(c[3]); c = [(1 - float(v)) * (1 - k) for v in c[:3]]
    if len(c) == 1: c = [c[0]] * 3
    r, g, b = [float(v) for v in c]
    if r > 0.8 and g < 0.4 and b < 0.4: return "red"
    if b > 0.6 and r < 0.3 and g < 0.4: return "blue"
    return "black"
with pdfplumber.open(sys.argv[1]) as pdf:
    p = pdf.pages[int(sys.argv[2])]
    chars = [{"t": ch["text"], "c": cls(ch.get("non_stroking_color")),
              "x0": ch["x0"] * MM, "x1": ch["x1"] * MM,
              "top": ch["top"] * MM, "bottom": ch["bottom"] * MM,
              "up": bool(ch["upright"]), "m": [float(v) for v in ch["matrix"][:2]]}
             for ch in p.chars]
    rules = []
    for l in p.lines:
        rules.append({"x0": l["x0"] * MM, "x1": l["x1"] * MM, "top": l["top"] * MM,
                      "bottom": l["bottom"] * MM, "c": cls(l.get("stroking_color"))})
    for r in p.rects:
        w, h = r["x1"] - r["x0"], r["bottom"] - r["top"]
        if min(w, h) < 1.0 / MM:
            col = r.get("non_stroking_color") if r.get("fill") else r.get("stroking_color")
            rules.append({"x0": r["x0"] * MM, "x1": r["x1"] * MM, "top": r["top"] * MM,
                          "bottom": r["bottom"] * MM, "c": cls(col)})
    json.dump({"chars": chars, "rules": rules, "size": [float(p.width) * MM, float(p.height) * MM]},
              sys.stdout, ensure_ascii=False)
"#;

struct Geometry {
    chars: Vec<Value>,
    rules: Vec<Value>,
    /// The page's width and height in mm.
    size: (f64, f64),
}

fn geometry(pdf: &Path, page: usize) -> Geometry {
    let out = run(
        Command::new("python3")
            .args(["-c", CHARS_AND_RULES])
            .arg(pdf)
            .arg(page.to_string()),
        "python3 pdfplumber (characters and rules)",
    );
    let v: Value = serde_json::from_slice(&out).unwrap();
    Geometry {
        chars: v["chars"].as_array().unwrap().clone(),
        rules: v["rules"].as_array().unwrap().clone(),
        size: (
            v["size"][0].as_f64().unwrap(),
            v["size"][1].as_f64().unwrap(),
        ),
    }
}

fn f(v: &Value, k: &str) -> f64 {
    v[k].as_f64().unwrap()
}

/// The black grid rules: vertical ones (x, top, bottom) and horizontal ones
/// (y, x0, x1), in mm.
/// A rule segment: its position across, and where it starts and ends along it.
type Segment = (f64, f64, f64);

fn grid(g: &Geometry) -> (Vec<Segment>, Vec<Segment>) {
    let mut v = Vec::new();
    let mut h = Vec::new();
    for r in g.rules.iter().filter(|r| r["c"] == "black") {
        let (w, ht) = (f(r, "x1") - f(r, "x0"), f(r, "bottom") - f(r, "top"));
        if w < 1.0 && ht > 3.0 {
            v.push(((f(r, "x0") + f(r, "x1")) / 2.0, f(r, "top"), f(r, "bottom")));
        } else if ht < 1.0 && w > 3.0 {
            h.push(((f(r, "top") + f(r, "bottom")) / 2.0, f(r, "x0"), f(r, "x1")));
        }
    }
    (v, h)
}

/// The box (x0, x1, top, bottom) of the grid cell holding the point, from the nearest
/// rules on each side that cross its row and column; `None` if a side has none.
fn cell_around(g: &Geometry, x: f64, y: f64) -> Option<(f64, f64, f64, f64)> {
    let (v, h) = grid(g);
    let crosses_v = |&&(_, t, b): &&Segment| t <= y && y <= b;
    let crosses_h = |&&(_, x0, x1): &&Segment| x0 <= x && x <= x1;
    let left = v
        .iter()
        .filter(crosses_v)
        .map(|r| r.0)
        .filter(|&rx| rx < x)
        .fold(None, |m: Option<f64>, rx| Some(m.map_or(rx, |m| m.max(rx))))?;
    let right = v
        .iter()
        .filter(crosses_v)
        .map(|r| r.0)
        .filter(|&rx| rx > x)
        .fold(None, |m: Option<f64>, rx| Some(m.map_or(rx, |m| m.min(rx))))?;
    let top = h
        .iter()
        .filter(crosses_h)
        .map(|r| r.0)
        .filter(|&ry| ry < y)
        .fold(None, |m: Option<f64>, ry| Some(m.map_or(ry, |m| m.max(ry))))?;
    let bottom = h
        .iter()
        .filter(crosses_h)
        .map(|r| r.0)
        .filter(|&ry| ry > y)
        .fold(None, |m: Option<f64>, ry| Some(m.map_or(ry, |m| m.min(ry))))?;
    Some((left, right, top, bottom))
}

/// The characters of colour `c`, in reading order.
fn coloured<'g>(g: &'g Geometry, c: &str) -> Vec<&'g Value> {
    let mut out: Vec<&Value> = g.chars.iter().filter(|ch| ch["c"] == c).collect();
    out.sort_by(|a, b| {
        (f(a, "top").round(), f(a, "x0"))
            .partial_cmp(&(f(b, "top").round(), f(b, "x0")))
            .unwrap()
    });
    out
}

/// Checks the PDF `pdf` (ours or LibreOffice's): the old 20 red and the new 35 blue,
/// inside one cell of the grid that holds the cell's kept 1 in black, in the row that
/// reads `row` (受理12035…).
fn check_cell(pdf: &Path, who: &str, row: &str) -> usize {
    let pages = measured_lines(pdf);
    let (page, line) = pages
        .iter()
        .enumerate()
        .find_map(|(i, ls)| {
            ls.iter()
                .find(|l| {
                    let t = |k: &str| l[k].as_str().unwrap_or("").trim().to_string();
                    t("red_text") == "20" && t("blue_text") == "35"
                })
                .map(|l| (i, l.clone()))
        })
        .unwrap_or_else(|| panic!("{who}: no line with red 20 and blue 35: {pages:?}"));
    // The row reads 受理 then the cell 1 20 35 (pdf-measure joins a row's cells).
    let text: String = line["text"]
        .as_str()
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert_eq!(text, row, "{who}");
    let g = geometry(pdf, page);
    let red: String = coloured(&g, "red")
        .iter()
        .map(|c| c["t"].as_str().unwrap())
        .collect();
    let blue: String = coloured(&g, "blue")
        .iter()
        .map(|c| c["t"].as_str().unwrap())
        .collect();
    assert!(
        red.contains("20") && blue.contains("35"),
        "{who}: {red} / {blue}"
    );
    // Grid lines: the table's columns (3 verticals) and rows (4 horizontals).
    let (v, h) = grid(&g);
    assert!(v.len() >= 3 && h.len() >= 4, "{who}: rules {v:?} {h:?}");
    // The red 2 and the blue 3 stand in one cell with the kept black 1.
    let find = |t: &str, c: &str| {
        g.chars
            .iter()
            .filter(|ch| ch["t"] == t && ch["c"] == c)
            .min_by(|a, b| {
                (f(a, "top") - f(&line, "top_mm"))
                    .abs()
                    .partial_cmp(&(f(b, "top") - f(&line, "top_mm")).abs())
                    .unwrap()
            })
            .unwrap_or_else(|| panic!("{who}: no {c} {t}"))
            .clone()
    };
    let mid = |ch: &Value| {
        (
            (f(ch, "x0") + f(ch, "x1")) / 2.0,
            (f(ch, "top") + f(ch, "bottom")) / 2.0,
        )
    };
    let one = find("1", "black");
    let (x, y) = mid(&one);
    let cell = cell_around(&g, x, y).unwrap_or_else(|| panic!("{who}: 1 is in no cell"));
    for ch in [
        find("2", "red"),
        find("0", "red"),
        find("3", "blue"),
        find("5", "blue"),
    ] {
        let (x, y) = mid(&ch);
        assert!(
            cell.0 < x && x < cell.1 && cell.2 < y && y < cell.3,
            "{who}: {ch} outside the cell {cell:?}"
        );
    }
    // 受理 stands in the cell to the left: a vertical rule between them.
    let shou = find("受", "black");
    assert!(
        f(&shou, "x1") <= cell.0 + 0.5,
        "{who}: 受理 left of the cell"
    );
    page
}

fn versions() -> (Document, Document) {
    let old = document(&[&["类别", "件数"], &["受理", "120"], &["纠错", "15"]]);
    let mut new = old.clone();
    let t = new.parts[0].sections[0].paragraphs[1]
        .table
        .as_mut()
        .unwrap();
    t.rows[1][1].paragraphs[0].text = "135".into();
    (old, new)
}

#[test]
fn a_changed_cell_number_is_red_and_blue_inside_the_table_grid_in_our_pdf() {
    let (old, new) = versions();
    let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
    let pdf = dir().join("redline-table.pdf");
    let bytes = fazhi_pdf::render_redline(&new, &r, &fazhi_pdf::PdfOptions::default())
        .expect("the 花脸稿 PDF");
    std::fs::write(&pdf, bytes).unwrap();
    let page = check_cell(&pdf, "our PDF", "受理12035");
    // The cells are not set again under the table as paragraphs: 纠错 once.
    let all: String = measured_lines(&pdf)
        .iter()
        .flatten()
        .map(|l| l["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(all.matches("纠错").count(), 1, "{all}");
    // …and the changed cell is listed by its place.
    assert!(all.contains("表格“行政复议案件统计表”第2行第2列"), "{all}");
    // The page image for the note.
    run(
        Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f"])
            .arg((page + 1).to_string())
            .arg("-l")
            .arg((page + 1).to_string())
            .arg(&pdf)
            .arg(dir().join("redline-table-pdf")),
        "pdftoppm",
    );
}

#[test]
fn an_added_row_is_blue_on_the_grid_and_a_removed_row_red_below_it_in_our_pdf() {
    let old = document(&[
        &["类别", "件数"],
        &["受理", "120"],
        &["纠错", "15"],
        &["调解", "8"],
    ]);
    let new = document(&[
        &["类别", "件数"],
        &["受理", "120"],
        &["复议", "30"],
        &["调解", "9"],
    ]);
    let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
    let pdf = dir().join("redline-table-rows.pdf");
    let bytes = fazhi_pdf::render_redline(&new, &r, &fazhi_pdf::PdfOptions::default())
        .expect("the 花脸稿 PDF");
    std::fs::write(&pdf, bytes).unwrap();
    let lines: Vec<Value> = measured_lines(&pdf).into_iter().flatten().collect();
    let row = |t: &str| {
        lines
            .iter()
            .find(|l| l["text"].as_str().unwrap().replace(' ', "") == t)
            .unwrap_or_else(|| panic!("no line {t}: {lines:?}"))
    };
    // The added row: blue, on the grid.
    assert_eq!(row("复议30")["blue_text"], "复议30");
    // The changed row: 8 red, 9 blue.
    let l = row("调解89");
    assert_eq!(
        (l["red_text"].as_str(), l["blue_text"].as_str()),
        (Some("8"), Some("9"))
    );
    // The removed row: under the table, red, named by its place in the older version.
    let removed = lines
        .iter()
        .find(|l| {
            l["text"]
                .as_str()
                .unwrap()
                .starts_with("删去的行（第1版第3行）")
        })
        .expect("the removed row listed");
    assert_eq!(
        removed["red_text"].as_str().unwrap().replace(' ', ""),
        "纠错　15"
    );
    let table_bottom = f(row("调解89"), "baseline_mm");
    assert!(f(removed, "baseline_mm") > table_bottom);
}

#[test]
fn the_docx_redline_has_a_table_with_the_marked_runs_and_libreoffice_draws_them_in_the_cell() {
    let (old, new) = versions();
    let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
    let bytes = fazhi_export::redline_docx(&new, &r).expect("the 花脸稿 DOCX");
    let mut zip = zip_archive(&bytes);
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // One table, holding the marked runs (red struck 20, blue underlined 35).
    assert_eq!(xml.matches("<w:tbl>").count(), 1, "{xml}");
    let tbl = &xml[xml.find("<w:tbl>").unwrap()..xml.find("</w:tbl>").unwrap()];
    let run_of = |text: &str| {
        let at = tbl
            .find(&format!(">{text}</w:t>"))
            .unwrap_or_else(|| panic!("no run {text} in the table: {tbl}"));
        let start = tbl[..at].rfind("<w:r>").unwrap();
        tbl[start..at].to_string()
    };
    let red = fazhi_layout::geometry::RED_HEX;
    let old_run = run_of("20");
    assert!(
        old_run.contains("<w:strike") && old_run.contains(red),
        "{old_run}"
    );
    let new_run = run_of("35");
    assert!(
        new_run.contains("<w:u w:val=\"single\"") && new_run.contains("0033CC"),
        "{new_run}"
    );
    // The cells are not repeated as body paragraphs outside the table.
    let outside = xml.replace(tbl, "");
    assert!(!outside.contains(">纠错<"), "纠错 outside the table");

    // LibreOffice's rendering: the same grid and colours.
    let d = dir();
    let docx = d.join("redline-table-docx.docx");
    std::fs::write(&docx, &bytes).unwrap();
    run(
        Command::new("libreoffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                d.join("lo-profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&d)
            .arg(&docx),
        "libreoffice --headless --convert-to pdf",
    );
    check_cell(
        &d.join("redline-table-docx.pdf"),
        "LibreOffice(DOCX)",
        "受理12035",
    );
}

/// [tables #21] A table of 13 columns (too wide for the portrait block at 三号) whose
/// 受理 row's 120 became 135, and that row's text as LibreOffice reads it.
fn wide_versions() -> (Document, Document, String) {
    let header = [
        "类别", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ];
    let accepted = [
        "受理", "120", "11", "12", "13", "14", "15", "16", "17", "18", "19", "21", "22",
    ];
    let corrected = [
        "纠错", "15", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11",
    ];
    let old = document(&[&header, &accepted, &corrected]);
    let mut new = old.clone();
    let t = new.parts[0].sections[0].paragraphs[1]
        .table
        .as_mut()
        .unwrap();
    t.rows[1][1].paragraphs[0].text = "135".into();
    // The report's own layout turns this table: the 花脸稿 must follow it.
    let p = &new.parts[0].sections[0].paragraphs[1];
    assert!(fazhi_layout::table::table_block(p).unwrap().landscape);
    let row = format!("受理12035{}", accepted[2..].concat());
    (old, new, row)
}

/// Upright characters at the foot of the sheet (below 240 mm): the page number, as
/// its text, left edge and top in mm.
fn page_number(g: &Geometry) -> Option<(String, f64, f64)> {
    let chars: Vec<&Value> = g
        .chars
        .iter()
        .filter(|c| c["up"] == true && f(c, "top") > 240.0)
        .collect();
    let first = chars.first()?;
    let text: String = chars.iter().map(|c| c["t"].as_str().unwrap()).collect();
    let x0 = chars
        .iter()
        .map(|c| f(c, "x0"))
        .fold(f(first, "x0"), f64::min);
    let top = chars
        .iter()
        .map(|c| f(c, "top"))
        .fold(f(first, "top"), f64::min);
    Some((text, x0, top))
}

fn page_count(pdf: &Path) -> usize {
    let info =
        String::from_utf8_lossy(&run(Command::new("pdfinfo").arg(pdf), "pdfinfo")).to_string();
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("{info}"))
}

/// The page of `pdf` whose turned (not upright) characters hold `text`.
fn turned_page(pdf: &Path, text: &str) -> Option<(usize, Geometry)> {
    (0..page_count(pdf)).find_map(|i| {
        let g = geometry(pdf, i);
        let turned: String = g
            .chars
            .iter()
            .filter(|c| c["up"] == false)
            .map(|c| c["t"].as_str().unwrap())
            .collect();
        turned.contains(text).then_some((i, g))
    })
}

/// The middle of a character's box.
fn centre(ch: &Value) -> (f64, f64) {
    (
        (f(ch, "x0") + f(ch, "x1")) / 2.0,
        (f(ch, "top") + f(ch, "bottom")) / 2.0,
    )
}

#[test]
fn a_wide_table_is_on_a_landscape_page_in_our_pdf_its_marks_in_colour_and_in_place() {
    let (old, new, _) = wide_versions();
    let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
    let pdf = dir().join("redline-wide.pdf");
    let bytes = fazhi_pdf::render_redline(&new, &r, &fazhi_pdf::PdfOptions::default())
        .expect("the 花脸稿 PDF");
    std::fs::write(&pdf, bytes).unwrap();
    // The report's own PDF of the newer version, for how a landscape page is made.
    let report = dir().join("redline-wide-report.pdf");
    let bytes = fazhi_pdf::render(&new, &fazhi_pdf::PdfOptions::default()).expect("our PDF");
    std::fs::write(&report, bytes).unwrap();

    // The table is on a turned page, as in the report: the sheet stays A4 portrait,
    // the table's text runs upwards (its top towards the binding edge on the left).
    let (page, g) = turned_page(&pdf, "十一十二").expect("the table on a turned page");
    let (_, rg) = turned_page(&report, "十一十二").expect("the report's turned page");
    assert!(
        (g.size.0 - rg.size.0).abs() < 0.01 && (g.size.1 - rg.size.1).abs() < 0.01,
        "{:?} {:?}",
        g.size,
        rg.size
    );
    assert!((g.size.0 - 210.0).abs() < 0.1, "{:?}", g.size);
    let turned = |g: &Geometry| -> Vec<f64> {
        let c = g.chars.iter().find(|c| c["up"] == false).unwrap();
        c["m"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect()
    };
    let (m, rm) = (turned(&g), turned(&rg));
    assert!(m[0].abs() < 1e-3 && m[1] > 0.0, "text runs upwards: {m:?}");
    assert!(rm[0].abs() < 1e-3 && rm[1] > 0.0, "{rm:?}");
    // Every table character is turned; nothing of the table stays upright.
    assert!(!g
        .chars
        .iter()
        .any(|c| c["up"] == true && f(c, "top") < 240.0));

    // The deleted 20 red, the inserted 35 blue, all turned; nothing else coloured.
    let red: Vec<&Value> = coloured(&g, "red");
    let blue: Vec<&Value> = coloured(&g, "blue");
    let text = |cs: &[&Value]| -> String { cs.iter().map(|c| c["t"].as_str().unwrap()).collect() };
    let mut red_text: Vec<&str> = red.iter().map(|c| c["t"].as_str().unwrap()).collect();
    red_text.sort_unstable();
    let mut blue_text: Vec<&str> = blue.iter().map(|c| c["t"].as_str().unwrap()).collect();
    blue_text.sort_unstable();
    assert_eq!(red_text, ["0", "2"], "red: {}", text(&red));
    assert_eq!(blue_text, ["3", "5"], "blue: {}", text(&blue));
    assert!(red.iter().chain(&blue).all(|c| c["up"] == false));

    // Inside one cell of the grid with the kept black 1; 受理 in the cell before it
    // (below, the text running upwards).
    let (x, y) = centre(red[0]);
    let cell = cell_around(&g, x, y).expect("the red 2 in a grid cell");
    let inside = |ch: &Value| {
        let (x, y) = centre(ch);
        cell.0 < x && x < cell.1 && cell.2 < y && y < cell.3
    };
    for ch in red.iter().chain(&blue) {
        assert!(inside(ch), "{ch} outside the cell {cell:?}");
    }
    assert!(
        g.chars
            .iter()
            .any(|c| c["t"] == "1" && c["c"] == "black" && inside(c)),
        "the kept 1 in the cell"
    );
    let shou = g
        .chars
        .iter()
        .find(|c| c["t"] == "受")
        .expect("受理 on the page");
    assert!(
        !inside(shou) && centre(shou).1 > cell.3,
        "受理 below the cell"
    );

    // The strike line through the red figures and the underline under the blue ones
    // (in the turned frame: a vertical stroke on the sheet, through the middle of the
    // red glyphs, just right of the blue ones — below them as they read).
    let strokes = |c: &str| -> Vec<(f64, f64, f64)> {
        g.rules
            .iter()
            .filter(|r| r["c"] == c)
            .map(|r| ((f(r, "x0") + f(r, "x1")) / 2.0, f(r, "top"), f(r, "bottom")))
            .collect()
    };
    let spans = |cs: &[&Value], (x, top, bottom): (f64, f64, f64)| {
        cs.iter().all(|ch| {
            let (_, y) = centre(ch);
            top < y && y < bottom && x > f(ch, "x0") - 2.0 && x < f(ch, "x1") + 2.0
        })
    };
    let strike = strokes("red");
    assert!(
        strike.iter().any(|&s| spans(&red, s)
            && red.iter().all(|ch| f(ch, "x0") < s.0 && s.0 < f(ch, "x1"))),
        "a red stroke through 20: {strike:?} / {red:?}"
    );
    let underline = strokes("blue");
    assert!(
        underline.iter().any(|&s| spans(&blue, s)
            && blue
                .iter()
                .all(|ch| centre(ch).0 < s.0 && s.0 < f(ch, "x1") + 1.5)),
        "a blue stroke under 35: {underline:?} / {blue:?}"
    );

    // The page number where the report's pages of the same side have it.
    let (n, x0, top) = page_number(&g).expect("a page number on the turned page");
    assert_eq!(n.replace(' ', ""), format!("—{}—", page + 1));
    let same_side = (0..page_count(&report))
        .filter(|i| i % 2 == page % 2)
        .find_map(|i| page_number(&geometry(&report, i)))
        .expect("a report page of the same side");
    assert!(
        (x0 - same_side.1).abs() < 0.3 && (top - same_side.2).abs() < 0.3,
        "{n} at ({x0:.2}, {top:.2}); the report's {} at ({:.2}, {:.2})",
        same_side.0,
        same_side.1,
        same_side.2
    );

    // The portrait pages are as before: nothing turned on them, the page before the
    // table upright with the header, the one after it listing the changed cell.
    let first = geometry(&pdf, 0);
    assert!(first.chars.iter().all(|c| c["up"] == true));
    let lines: Vec<Value> = measured_lines(&pdf).into_iter().flatten().collect();
    assert!(lines
        .iter()
        .any(|l| l["text"].as_str().unwrap().starts_with("花脸稿")));
    let listed = |label: &str, colour: &str| {
        lines
            .iter()
            .find(|l| {
                l["text"]
                    .as_str()
                    .unwrap()
                    .contains(&format!("表格“行政复议案件统计表”第2行第2列（{label}）"))
            })
            .unwrap_or_else(|| panic!("the changed cell listed: {lines:?}"))[colour]
            .as_str()
            .unwrap()
            .trim()
            .to_string()
    };
    assert_eq!(listed("删除", "red_text"), "120");
    assert_eq!(listed("新增", "blue_text"), "135");

    // The page image for the note.
    run(
        Command::new("pdftoppm")
            .args(["-png", "-r", "70", "-f"])
            .arg((page + 1).to_string())
            .arg("-l")
            .arg((page + 1).to_string())
            .arg(&pdf)
            .arg(dir().join("redline-wide-pdf")),
        "pdftoppm",
    );
}

/// LibreOffice's PDF of `docx` (in the same directory; a profile of its own, so that
/// tests running at once do not share one).
fn libreoffice_pdf(docx: &Path) -> PathBuf {
    let d = docx.parent().unwrap();
    let stem = docx.file_stem().unwrap().to_string_lossy();
    run(
        Command::new("libreoffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                d.join(format!("lo-profile-{stem}")).display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(d)
            .arg(docx),
        "libreoffice --headless --convert-to pdf",
    );
    docx.with_extension("pdf")
}

#[test]
fn a_wide_table_is_in_a_landscape_section_of_the_docx_redline_as_in_the_report() {
    let (old, new, row) = wide_versions();
    let r = fazhi_layout::redline::redline(&old, &new, "第1版", "第2版");
    let bytes = fazhi_export::redline_docx(&new, &r).expect("the 花脸稿 DOCX");
    let mut xml = String::new();
    zip_archive(&bytes)
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    // The table between a portrait section end and a landscape one, which shows its
    // page number turned (the report's footers for landscape pages).
    let (start, end) = (xml.find("<w:tbl>").unwrap(), xml.find("</w:tbl>").unwrap());
    let before = &xml[..start];
    let after = &xml[end..];
    let last_sect = before
        .rfind("<w:sectPr")
        .expect("a section ends before the table");
    assert!(!before[last_sect..].contains(r#"w:orient="landscape""#));
    let next_sect = &after[after.find("<w:sectPr").expect("a section ends after it")..];
    let next_sect = &next_sect[..next_sect.find("</w:sectPr>").unwrap()];
    assert!(next_sect.contains(r#"w:orient="landscape""#), "{next_sect}");
    assert!(
        next_sect.contains("Turned"),
        "turned page numbers: {next_sect}"
    );
    // The same section as the report's DOCX gives the table.
    let report = fazhi_export::docx(&new, &fazhi_export::DocxOptions::default()).unwrap();
    let mut rxml = String::new();
    zip_archive(&report)
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut rxml)
        .unwrap();
    let rend = rxml.find("</w:tbl>").unwrap();
    let rsect = &rxml[rend..][rxml[rend..].find("<w:sectPr").unwrap()..];
    let rsect = &rsect[..rsect.find("</w:sectPr>").unwrap()];
    assert_eq!(next_sect, rsect);

    // LibreOffice: the table on a landscape page, 20 red and 35 blue in the cell of
    // the kept 1 (LibreOffice may wrap the narrow cell's 1 and 2035 apart), 受理 in
    // the cell left of it.
    let docx = dir().join("redline-wide-docx.docx");
    std::fs::write(&docx, &bytes).unwrap();
    let lo = libreoffice_pdf(&docx);
    let (page, g) = (0..page_count(&lo))
        .map(|i| (i, geometry(&lo, i)))
        .find(|(_, g)| !coloured(g, "red").is_empty() && g.chars.iter().any(|c| c["t"] == "受"))
        .expect("the table with its marks in LibreOffice's rendering");
    assert!(g.size.0 > g.size.1, "a landscape page: {:?}", g.size);
    let header: String = g.chars.iter().map(|c| c["t"].as_str().unwrap()).collect();
    assert!(header.contains("十一十二"), "{header}");
    let red = coloured(&g, "red");
    let blue = coloured(&g, "blue");
    let text =
        |cs: &[&Value]| -> String { cs.iter().map(|c| c["t"].as_str().unwrap().trim()).collect() };
    assert_eq!((text(&red), text(&blue)), ("20".into(), "35".into()));
    let (x, y) = centre(red[0]);
    let cell = cell_around(&g, x, y).expect("the red 2 in a grid cell");
    let inside = |ch: &Value| {
        let (x, y) = centre(ch);
        cell.0 < x && x < cell.1 && cell.2 < y && y < cell.3
    };
    assert!(red.iter().chain(&blue).all(|c| inside(c)), "{cell:?}");
    assert!(g
        .chars
        .iter()
        .any(|c| c["t"] == "1" && c["c"] == "black" && inside(c)));
    let shou = g.chars.iter().find(|c| c["t"] == "受").unwrap();
    assert!(f(shou, "x1") <= cell.0 + 0.5, "受理 left of the cell");
    // The row's text, as the report's table has it.
    let row_chars: String = g
        .chars
        .iter()
        .filter(|c| (f(c, "top") - f(shou, "top")).abs() < 12.0)
        .map(|c| c["t"].as_str().unwrap())
        .collect();
    for cell_text in ["受理", "11", "19", "2122"] {
        assert!(row_chars.contains(cell_text), "{row_chars} / {row}");
    }
    run(
        Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f"])
            .arg((page + 1).to_string())
            .arg("-l")
            .arg((page + 1).to_string())
            .arg(&lo)
            .arg(dir().join("redline-wide-docx-lo")),
        "pdftoppm",
    );
}

fn zip_archive(bytes: &[u8]) -> ZipArchive {
    ZipArchive::new(bytes.to_vec())
}

/// The few bytes of a DOCX package this test reads (stored or deflated entries),
/// read with the zip reader python has, to need no zip crate here.
struct ZipArchive {
    dir: PathBuf,
}

impl ZipArchive {
    fn new(bytes: Vec<u8>) -> ZipArchive {
        let dir = tempfile::tempdir().unwrap().keep();
        let path = dir.join("p.docx");
        std::fs::write(&path, bytes).unwrap();
        run(
            Command::new("python3")
                .args([
                    "-c",
                    "import zipfile,sys; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])",
                ])
                .arg(&path)
                .arg(&dir),
            "python3 zipfile",
        );
        ZipArchive { dir }
    }

    fn by_name(&mut self, name: &str) -> std::io::Result<std::fs::File> {
        std::fs::File::open(self.dir.join(name))
    }
}
