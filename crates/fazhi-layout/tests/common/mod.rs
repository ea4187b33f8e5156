//! What the LibreOffice layout tests share: our filing PDF beside LibreOffice's rendering
//! of our filing DOCX (the official family names mapped to the bundled faces), and the
//! sample with its web punctuation fixed as 校对 would.
//!
//! Needs `libreoffice` (scripts/setup-test.sh); fails, never skips, without it.

// Each test binary uses its own subset of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use fazhi_core::Document;
use fazhi_export::{docx, DocxOptions, Profile};
use fazhi_pdf::PdfOptions;
use serde_json::Value;

/// The web text's half-width punctuation, as 校对 would fix it: with it, LibreOffice
/// breaks some lines elsewhere than the grid does.
pub fn full_width_punctuation(doc: &mut Document) {
    let clean = |s: &str| {
        s.replace(',', "，")
            .replace(':', "：")
            .replace(';', "；")
            .replace('(', "（")
            .replace(')', "）")
    };
    for p in doc.preface.iter_mut().chain(doc.closing.iter_mut()) {
        p.text = clean(&p.text);
    }
    fn walk(s: &mut fazhi_core::Section, clean: &dyn Fn(&str) -> String) {
        s.heading = clean(&s.heading);
        s.paragraphs
            .iter_mut()
            .for_each(|p| p.text = clean(&p.text));
        s.sections.iter_mut().for_each(|c| walk(c, clean));
    }
    for part in &mut doc.parts {
        part.heading = clean(&part.heading);
        part.paragraphs
            .iter_mut()
            .for_each(|p| p.text = clean(&p.text));
        part.sections.iter_mut().for_each(|s| walk(s, &clean));
    }
}

pub fn run(cmd: &mut Command, what: &str) -> Vec<u8> {
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

/// LibreOffice with the official family names mapped to the faces our PDF embeds.
pub fn fonts_conf(dir: &Path) -> PathBuf {
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/fonts");
    let alias = |from: &str, to: &str| {
        format!(
            r#"<match target="pattern"><test name="family"><string>{from}</string></test><edit name="family" mode="assign" binding="strong"><string>{to}</string></edit></match>"#
        )
    };
    let conf = format!(
        r#"<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
<include ignore_missing="yes">/etc/fonts/fonts.conf</include>
<dir>{}</dir>
<cachedir>{}</cachedir>
{}{}{}{}{}
</fontconfig>
"#,
        fonts.canonicalize().unwrap_or(fonts).display(),
        dir.join("fc-cache").display(),
        alias("仿宋_GB2312", "FandolFang"),
        alias("黑体", "FandolHei"),
        alias("楷体_GB2312", "FandolKai"),
        alias("宋体", "FandolSong"),
        alias("方正小标宋简体", "Noto Serif CJK SC"),
    );
    let path = dir.join("fonts.conf");
    std::fs::write(&path, conf).unwrap();
    path
}

static LIBREOFFICE: Mutex<()> = Mutex::new(());

/// Our filing PDF and LibreOffice's rendering of the filing DOCX of `doc`, as
/// `<folder>/<name>.pdf` and `<folder>/<name>-docx.pdf` (`folder` under the target's tmp).
pub fn outputs(doc: &Document, folder: &str, name: &str) -> (PathBuf, PathBuf) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join(format!("{name}.pdf"));
    let opts = PdfOptions {
        profile: Profile::Filing,
        fonts: None,
    };
    std::fs::write(&pdf, fazhi_pdf::render(doc, &opts).expect("our PDF")).unwrap();
    let docx_path = dir.join(format!("{name}-docx.docx"));
    let opts = DocxOptions {
        profile: Profile::Filing,
        comments: Vec::new(),
    };
    std::fs::write(&docx_path, docx(doc, &opts).expect("the DOCX")).unwrap();
    // One LibreOffice at a time: the tests share its profile.
    let _one = LIBREOFFICE.lock().unwrap_or_else(|e| e.into_inner());
    run(
        Command::new("libreoffice")
            .env("FONTCONFIG_FILE", fonts_conf(&dir))
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.join("lo-profile").display()
            ))
            .args(["--headless", "--convert-to", "pdf", "--outdir"])
            .arg(&dir)
            .arg(&docx_path),
        "libreoffice --headless --convert-to pdf",
    );
    (pdf, dir.join(format!("{name}-docx.pdf")))
}

/// Each page of `pdf` as scripts/pdf-measure.py (pdfplumber) measures it: lines with
/// their text, baseline and size in mm, rules, colours.
pub fn measure(pdf: &Path) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pdf-measure.py");
    let out = run(
        Command::new("python3").arg(script).arg(pdf),
        "python3 scripts/pdf-measure.py (pdfplumber)",
    );
    let v: Value = serde_json::from_slice(&out).expect("measure JSON");
    v["pages"].as_array().expect("pages").clone()
}
