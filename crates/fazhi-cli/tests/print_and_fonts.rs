//! `fazhi print` through a real CUPS server and its cups-pdf virtual printer: the
//! printed file has the export's pages and text. `fazhi fonts` finds a font installed
//! for the test under another family name, and the exported PDF embeds it.
//!
//! CUPS is part of the test setup (scripts/setup-test.sh installs cups and
//! printer-driver-cups-pdf; scripts/cups-test-queue.sh starts cupsd and adds the
//! queue): without it these tests fail with that message rather than skip.

#[path = "../../fazhi-pdf/tests/support/rename_font.rs"]
mod rename_font;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fazhi(db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fazhi"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run fazhi")
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "fazhi failed: {}\n{}",
        String::from_utf8_lossy(&o.stderr),
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A library holding the sample report; its id.
fn library(dir: &Path) -> (PathBuf, String) {
    let db = dir.join("lib.sqlite3");
    let sample = repo().join("assets/samples/meihekou-2019-web.txt");
    let out = ok(&fazhi(&db, &["--json", "import", sample.to_str().unwrap()]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    let id = v["id"]
        .as_str()
        .or_else(|| v["report"]["id"].as_str())
        .expect("report id")
        .to_string();
    (db, id)
}

fn pdftotext(pdf: &Path, page: usize) -> String {
    let page = page.to_string();
    let o = Command::new("pdftotext")
        .args(["-f", &page, "-l", &page])
        .arg(pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils)");
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn pages(pdf: &Path) -> usize {
    let o = Command::new("pdfinfo").arg(pdf).output().expect("pdfinfo");
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("page count")
}

/// The glyphs of a page (its text without layout whitespace), counted.
fn glyphs(pdf: &Path, page: usize) -> usize {
    pdftotext(pdf, page)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
}

#[test]
fn a_report_printed_through_cups_pdf_has_the_exports_pages_and_text() {
    let queue = Command::new("bash")
        .arg(repo().join("scripts/cups-test-queue.sh"))
        .output()
        .expect("bash");
    assert!(
        queue.status.success(),
        "CUPS with a cups-pdf queue is needed (run scripts/setup-test.sh): {}",
        String::from_utf8_lossy(&queue.stderr)
    );
    let line = String::from_utf8_lossy(&queue.stdout).trim().to_string();
    let (printer, out_dir) = line.split_once(' ').expect("QUEUE OUT_DIR");
    let out_dir = PathBuf::from(out_dir);

    let tmp = tempfile::tempdir().unwrap();
    let (db, id) = library(tmp.path());
    let export = tmp.path().join("export.pdf");
    ok(&fazhi(
        &db,
        &[
            "export",
            &id,
            "--format",
            "pdf",
            "-o",
            export.to_str().unwrap(),
        ],
    ));

    // The printers CUPS knows include the queue, ready.
    let list: serde_json::Value =
        serde_json::from_str(&ok(&fazhi(&db, &["--json", "printers"]))).unwrap();
    let q = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == printer)
        .unwrap_or_else(|| panic!("{printer} listed: {list}"));
    assert_eq!(q["ready"], true, "{q}");

    let printed: serde_json::Value = serde_json::from_str(&ok(&fazhi(
        &db,
        &[
            "--json",
            "print",
            &id,
            "--printer",
            printer,
            "--copies",
            "1",
        ],
    )))
    .unwrap();
    assert_eq!(printed["outcome"], "completed", "{printed}");
    assert_eq!(printed["duplex"], true, "two-sided by default");
    let job = printed["job_id"].as_str().unwrap();
    let number = job.rsplit('-').next().unwrap();
    // cups-pdf names its file after the title and the job (Label 2: "…-job_N.pdf").
    let suffix = format!("job_{number}.pdf");
    let deadline = Instant::now() + Duration::from_secs(30);
    let file = loop {
        let found = std::fs::read_dir(&out_dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .find(|p| p.to_string_lossy().ends_with(&suffix));
        if let Some(f) = found {
            // Written by cups-pdf: wait until it is a complete PDF.
            let bytes = std::fs::read(&f).unwrap_or_default();
            if bytes.windows(5).rev().take(64).any(|w| w == b"%%EOF") {
                break f;
            }
        }
        assert!(
            Instant::now() < deadline,
            "no {suffix} in {}",
            out_dir.display()
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    let n = pages(&export);
    assert_eq!(pages(&file), n, "same page count");
    assert!(pdftotext(&export, 1).contains("梅河口市人民政府"));
    // cups-pdf re-distils the job through PostScript and Ghostscript, which turns the
    // fonts into Type 3 glyphs without ToUnicode maps: the printed text cannot be read
    // back, but each page must carry the export's glyphs (within the few marks the
    // re-distilling merges or splits), page by page.
    for page in 1..=n {
        let (a, b) = (glyphs(&export, page), glyphs(&file, page));
        assert!(a > 0, "page {page} of the export has text");
        let off = a.abs_diff(b) as f64 / a as f64;
        assert!(off < 0.05, "page {page}: {a} glyphs exported, {b} printed");
    }

    // An unknown printer: a non-zero exit and a Chinese message.
    let o = fazhi(&db, &["print", &id, "--printer", "没有这台打印机"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("找不到打印机“没有这台打印机”"), "{err}");
    // A page range beyond the report.
    let o = fazhi(
        &db,
        &["print", &id, "--printer", printer, "--pages", "2-999"],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("超出了报告的"));
}

#[test]
fn a_font_installed_under_an_official_name_is_listed_chosen_and_embedded() {
    let tmp = tempfile::tempdir().unwrap();
    let fonts = tmp.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    let bundled = repo().join("assets/fonts/FandolKai-Regular.otf");
    let renamed = rename_font::rename_family(
        &std::fs::read(bundled).unwrap(),
        "FangSongTestGB",
        "测试仿宋_GB2312",
    );
    std::fs::write(fonts.join("fs-test.otf"), renamed).unwrap();
    let conf = tmp.path().join("fonts.conf");
    std::fs::write(&conf, rename_font::fontconfig_file(&fonts)).unwrap();
    let (db, id) = library(tmp.path());
    let with_fonts = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_fazhi"))
            .env("FONTCONFIG_FILE", &conf)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&with_fonts(&["--json", "fonts"]))).unwrap();
    assert!(
        listed["installed"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["family"] == "测试仿宋_GB2312"),
        "{listed}"
    );
    assert_eq!(listed["roles"][1]["role"], "body");
    assert!(listed["roles"][1]["in_use"].is_null(), "内置 until chosen");

    ok(&with_fonts(&["fonts", "set", "正文", "FangSongTestGB"]));
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&with_fonts(&["--json", "fonts"]))).unwrap();
    assert_eq!(listed["roles"][1]["in_use"], "测试仿宋_GB2312", "{listed}");
    let pdf = tmp.path().join("chosen.pdf");
    ok(&with_fonts(&[
        "export",
        &id,
        "--format",
        "pdf",
        "-o",
        pdf.to_str().unwrap(),
    ]));
    let fonts_out = Command::new("pdffonts").arg(&pdf).output().unwrap();
    let fonts_out = String::from_utf8_lossy(&fonts_out.stdout);
    assert!(
        fonts_out.contains("+FangSongTestGB-Regular"),
        "the chosen body font is embedded:\n{fonts_out}"
    );

    // The DOCX names the chosen family.
    let docx = tmp.path().join("chosen.docx");
    ok(&with_fonts(&[
        "export",
        &id,
        "--format",
        "docx",
        "-o",
        docx.to_str().unwrap(),
    ]));
    let unzip = Command::new("unzip")
        .args(["-p"])
        .arg(&docx)
        .arg("word/styles.xml")
        .output();
    let styles = String::from_utf8_lossy(&unzip.expect("unzip").stdout).into_owned();
    assert!(
        styles.contains("=\"测试仿宋_GB2312\""),
        "the DOCX names the chosen body font"
    );
    // The chosen font gone from this machine: both exports say so and use 内置.
    std::fs::remove_file(fonts.join("fs-test.otf")).unwrap();
    for format in ["docx", "pdf"] {
        let out = tmp.path().join(format!("gone.{format}"));
        let o = with_fonts(&[
            "export",
            &id,
            "--format",
            format,
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(o.status.success(), "{err}");
        assert!(
            err.contains("提示：") && err.contains("已不在本机") && err.contains("内置"),
            "{format}: {err}"
        );
    }
    let o = with_fonts(&["fonts", "set", "body", "没有这种字体"]);
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("本机没有安装字体"));
    ok(&with_fonts(&["fonts", "set", "body", "default"]));
    let listed: serde_json::Value =
        serde_json::from_str(&ok(&with_fonts(&["--json", "fonts"]))).unwrap();
    assert!(listed["roles"][1]["choice"].is_null());
}
