//! An installed font chosen for the body is found through fontconfig by its family
//! name and embedded in the PDF; when it disappears the export falls back to 内置.

#[path = "common/mod.rs"]
mod common;
#[path = "support/rename_font.rs"]
mod rename_font;

use std::process::Command;

use fazhi_core::Store;
use fazhi_pdf::choice::{self, Choice, Slot};
use fazhi_pdf::{system, PdfOptions};

#[test]
fn an_installed_font_chosen_for_the_body_is_embedded_and_a_vanished_one_falls_back() {
    let tmp = tempfile::tempdir().unwrap();
    let fonts = tmp.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    // A free font installed under another family name, as 仿宋_GB2312 would be.
    let bundled = fazhi_pdf::default_font_dir().expect("bundled fonts");
    let original = std::fs::read(bundled.join("FandolKai-Regular.otf")).unwrap();
    let renamed = rename_font::rename_family(&original, "TestOfficeFang", "测试公文仿宋");
    let installed = fonts.join("test-office-fang.otf");
    std::fs::write(&installed, renamed).unwrap();
    let conf = tmp.path().join("fonts.conf");
    std::fs::write(&conf, rename_font::fontconfig_file(&fonts)).unwrap();
    // This test binary holds this one test: nothing else reads the environment.
    std::env::set_var("FONTCONFIG_FILE", &conf);

    let faces = system::installed();
    let face = system::find(&faces, "测试公文仿宋").expect("found through fontconfig");
    assert_eq!(face.family, "测试公文仿宋", "the Chinese name is shown");
    assert!(face.names.iter().any(|n| n == "TestOfficeFang"));
    assert_eq!(face.path, installed);

    let mut store = Store::open_in_memory().unwrap();
    let chosen = Choice {
        family: face.family.clone(),
        path: face.path.clone(),
        index: face.index,
    };
    choice::save(&mut store, Slot::Body, Some(&chosen)).unwrap();
    let resolved = choice::resolve_store(&store).unwrap();
    assert!(resolved.warnings.is_empty(), "{:?}", resolved.warnings);
    assert_eq!(resolved.family(Slot::Body), Some("测试公文仿宋"));
    assert_eq!(resolved.config.fang.path, installed);

    let doc = common::sample_document();
    let opts = PdfOptions {
        fonts: Some(resolved.config.clone()),
        ..Default::default()
    };
    let rendered = fazhi_pdf::render_reporting(&doc, &opts).unwrap();
    let pdf = tmp.path().join("chosen.pdf");
    std::fs::write(&pdf, &rendered.bytes).unwrap();
    let listed = Command::new("pdffonts")
        .arg(&pdf)
        .output()
        .expect("pdffonts (poppler-utils)");
    let listed = String::from_utf8_lossy(&listed.stdout);
    let line = listed
        .lines()
        .find(|l| l.contains("+TestOfficeFang-Regular"))
        .unwrap_or_else(|| panic!("the chosen body font is embedded:\n{listed}"));
    assert!(
        line.contains(" yes yes yes "),
        "embedded, subset, ToUnicode: {line}"
    );
    // The body's text reads back through the chosen font's ToUnicode map.
    let text = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("依法全面履行政府职能"), "{text}");

    // The font disappears: the export uses 内置 and says so.
    std::fs::remove_file(&installed).unwrap();
    let resolved = choice::resolve_store(&store).unwrap();
    assert_eq!(resolved.family(Slot::Body), None);
    assert_eq!(resolved.config, fazhi_pdf::FontConfig::in_dir(&bundled));
    assert!(
        resolved.warnings[0].contains("测试公文仿宋"),
        "{:?}",
        resolved.warnings
    );
}
