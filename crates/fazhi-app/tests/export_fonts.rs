//! [print #19] The app's 导出 says what its fonts did, as `fazhi export` does: with a
//! font installed for the test under another family name chosen for 正文 in 设置 → 字体,
//! a PDF of a report holding characters that font lacks names them (drawn glyph by
//! glyph from another face); once the font is gone from the machine, the PDF and the
//! DOCX both say so and 内置 is used.

#[path = "../../fazhi-pdf/tests/support/rename_font.rs"]
mod rename_font;

use std::path::{Path, PathBuf};

use fazhi_app::files::ExportFormat;
use fazhi_app::{App, DialogKind, FileDialog, Host};
use fazhi_core::profile::Profile;

/// Answers every save dialog with `out.<extension>` in its folder.
struct SaveTo(PathBuf);

impl Host for SaveTo {
    fn choose_file(&self, kind: DialogKind, dialog: &FileDialog) -> Option<PathBuf> {
        assert!(matches!(kind, DialogKind::Save));
        Some(self.0.join(format!("out.{}", dialog.extensions[0])))
    }
    fn reveal(&self, _: &Path) -> Result<(), String> {
        Ok(())
    }
    fn close_window(&self) -> Result<(), String> {
        Ok(())
    }
}

#[test]
fn an_export_names_the_characters_the_chosen_font_lacks_and_a_vanished_font() {
    let tmp = tempfile::tempdir().unwrap();
    let fonts = tmp.path().join("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    // A free font installed under an office's name: FandolKai has neither 堃 nor 喆.
    let bundled = fazhi_pdf::default_font_dir().expect("bundled fonts");
    let original = std::fs::read(bundled.join("FandolKai-Regular.otf")).unwrap();
    let installed = fonts.join("fs-test.otf");
    std::fs::write(
        &installed,
        rename_font::rename_family(&original, "FangSongTestGB", "测试仿宋_GB2312"),
    )
    .unwrap();
    let conf = tmp.path().join("fonts.conf");
    std::fs::write(&conf, rename_font::fontconfig_file(&fonts)).unwrap();
    // This test binary holds this one test: nothing else reads the environment.
    std::env::set_var("FONTCONFIG_FILE", &conf);

    let out = tmp.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let app = App::start(
        tmp.path().join("lib.sqlite3"),
        Box::new(SaveTo(out.clone())),
    );
    let s = app
        .set_font("body".into(), Some("测试仿宋_GB2312".into()))
        .unwrap();
    assert_eq!(s.roles[1].in_use.as_deref(), Some("测试仿宋_GB2312"));
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);

    let id = app.list_reports(None).unwrap()[0].id.clone();
    let report = app.get_report(id.clone()).unwrap();
    let mut doc = report.document;
    doc.preface[0].text = format!("张堃、王喆同志牵头。{}", doc.preface[0].text);
    app.save_report(id.clone(), Some(report.version), doc)
        .unwrap();

    // Through the command table, as the webview calls it.
    let v = fazhi_app::dispatch(
        &app,
        "export_report",
        serde_json::json!({"id": id, "format": "pdf", "profile": "filing"}),
    )
    .unwrap();
    let notices: Vec<String> = serde_json::from_value(v["notices"].clone()).expect("notices");
    let body = notices
        .iter()
        .find(|n| n.contains("仿宋（正文）"))
        .unwrap_or_else(|| panic!("a notice for the body: {notices:?}"));
    assert!(
        body.contains('堃') && body.contains('喆') && body.contains("后备字体"),
        "{body}"
    );
    assert!(
        !notices.iter().any(|n| n.contains("已不在本机")),
        "{notices:?}"
    );
    assert!(std::fs::read(out.join("out.pdf"))
        .unwrap()
        .starts_with(b"%PDF"));
    // The DOCX names the chosen family; Word draws what it lacks: nothing to say.
    let docx = app
        .export_report(id.clone(), ExportFormat::Docx, Profile::Filing, None)
        .unwrap()
        .expect("exported");
    assert!(docx.notices.is_empty(), "{:?}", docx.notices);

    // The 花脸稿 of a version against the working copy names the characters too.
    let v = app.save_version(id.clone(), Some("送审稿".into())).unwrap();
    let red = app
        .export_redline(id.clone(), Some(v.revision), None, ExportFormat::Pdf)
        .unwrap()
        .expect("exported");
    assert!(
        red.notices
            .iter()
            .any(|n| n.contains("仿宋（正文）") && n.contains('堃')),
        "{:?}",
        red.notices
    );

    // The font is uninstalled: 内置 is used, and both exports say so.
    std::fs::remove_file(&installed).unwrap();
    // 打印预览 resolves the choice again as the exports do: it lays out with 内置's files
    // (no "approximate widths" notice from a font file that has gone).
    let preview = app.preview_pdf(id.clone(), Profile::Filing).unwrap();
    assert!(preview.notice.is_none(), "{:?}", preview.notice);
    for format in [ExportFormat::Pdf, ExportFormat::Docx] {
        let e = app
            .export_report(id.clone(), format, Profile::Filing, None)
            .unwrap()
            .expect("exported");
        let gone = e.notices.first().map(String::as_str).unwrap_or_default();
        assert!(
            gone.contains("测试仿宋_GB2312")
                && gone.contains("已不在本机")
                && gone.contains("内置"),
            "{format:?}: {:?}",
            e.notices
        );
    }
    // The 花脸稿 (PDF and DOCX) and the DOCX with changes say it as well.
    for format in [ExportFormat::Pdf, ExportFormat::Docx] {
        let e = app
            .export_redline(id.clone(), Some(v.revision), None, format)
            .unwrap()
            .expect("exported");
        assert!(
            e.notices.iter().any(|n| n.contains("已不在本机")),
            "花脸稿 {format:?}: {:?}",
            e.notices
        );
    }
    let with_changes = app
        .export_docx_with_changes(id.clone(), None)
        .unwrap()
        .expect("exported");
    assert!(
        with_changes
            .notices
            .iter()
            .any(|n| n.contains("已不在本机")),
        "{:?}",
        with_changes.notices
    );
    // HTML names no font.
    let html = app
        .export_report(id, ExportFormat::Html, Profile::Filing, None)
        .unwrap()
        .expect("exported");
    assert!(html.notices.is_empty(), "{:?}", html.notices);
}
