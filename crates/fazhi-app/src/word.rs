//! [tracking #17] The Word/WPS round trip of 修订 and the 花脸稿: the DOCX with the
//! pending changes as tracked changes (导出 → 含修订), a reviewed DOCX's tracked changes
//! brought back as suggestions (导入Word修订), and the 花脸稿 of two versions (历史版本 →
//! 导出花脸稿). Files only through the host's dialogs, as every file command.

use fazhi_core::review::ChangesAdded;
use fazhi_core::Store;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::lock;
use crate::error::{AppError, CmdResult};
use crate::files::{ExportFonts, ExportFormat, Exported};
use crate::host::{DialogKind, FileDialog, Purpose};
use crate::reports::check_id;
use crate::App;

/// What 导入Word修订 did: how many tracked changes the file had, and what the core
/// made of them (stored ids, the ones whose text is no longer in the report —
/// stored as orphaned and listed, never dropped — and the refused ones with why).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct WordChangesImport {
    pub file_name: String,
    pub found: u32,
    pub added: ChangesAdded,
}

/// A reviewed DOCX's tracked changes stored as suggestions on report `id`: each
/// anchored by its text and the report's text around it (the context the DOCX gives,
/// fitted to the report).
pub fn import_word_changes(
    s: &mut Store,
    id: &str,
    path: &std::path::Path,
) -> CmdResult<WordChangesImport> {
    let mut found = fazhi_import::docx_changes_file(path)
        .map_err(|e| AppError::new(e.code(), e.to_string()))?;
    let doc = s.get_report(id).map_err(AppError::from)?.document;
    let text = fazhi_core::change::Flat::of(&doc)
        .chars
        .into_iter()
        .collect::<String>();
    fazhi_import::fit_context(&mut found, &text);
    let n = u32::try_from(found.len()).unwrap_or(u32::MAX);
    let added = s
        .add_changes(id, found.into_iter().map(Into::into).collect())
        .map_err(AppError::from)?;
    Ok(WordChangesImport {
        file_name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        found: n,
        added,
    })
}

impl App {
    /// 导出 DOCX（含修订）: the filing DOCX with the pending changes as Word tracked
    /// changes (and the open comments as Word comments when `with_comments`).
    pub fn export_docx_with_changes(
        &self,
        id: String,
        with_comments: Option<bool>,
    ) -> CmdResult<Option<Exported>> {
        check_id(&id)?;
        let (report, comments, changes, notices) = self.with_store(|s| {
            // The chosen families named in the DOCX, as 导出 names them; a vanished one said.
            let notices = crate::fonts::apply(s);
            let report = s.get_report(&id)?;
            let comments = if with_comments.unwrap_or(false) {
                fazhi_export::comments_for_export(s, &id)?
            } else {
                Vec::new()
            };
            let changes = fazhi_export::changes_for_export(s, &id)?;
            Ok((report, comments, changes, notices))
        })?;
        let dialog = FileDialog {
            purpose: Purpose::Export,
            title: "导出报告（含修订）",
            filter_name: "DOCX".into(),
            extensions: vec!["docx"],
            suggested_name: Some(format!("{}（含修订）.docx", report.title)),
        };
        let Some(path) = self.host.choose_file(DialogKind::Save, &dialog) else {
            return Ok(None);
        };
        let opts = fazhi_export::DocxOptions {
            profile: fazhi_core::profile::Profile::Filing,
            comments,
        };
        let bytes = fazhi_export::docx_with_changes(&report.document, &opts, &changes)
            .map_err(|e| AppError::new("export", e.to_string()))?;
        self.write_export(&path, &bytes, notices).map(Some)
    }

    /// 导入Word修订: a reviewed DOCX chosen in the open dialog, its `w:ins`/`w:del`
    /// stored as suggestions with their authors and dates.
    pub fn import_docx_changes(&self, id: String) -> CmdResult<Option<WordChangesImport>> {
        check_id(&id)?;
        let dialog = FileDialog {
            purpose: Purpose::CommentsDocx,
            title: "导入Word修订",
            filter_name: "Word 文档".into(),
            extensions: vec!["docx"],
            suggested_name: None,
        };
        let Some(path) = self.host.choose_file(DialogKind::Open, &dialog) else {
            return Ok(None);
        };
        let mut store = self.store_guard();
        import_word_changes(&mut store, &id, &path).map(Some)
    }

    /// 历史版本 → 导出花脸稿: versions `from` and `to` (`None` = the working copy)
    /// compared, as a PDF (our typesetter) or a DOCX.
    pub fn export_redline(
        &self,
        id: String,
        from: Option<i64>,
        to: Option<i64>,
        format: ExportFormat,
    ) -> CmdResult<Option<Exported>> {
        check_id(&id)?;
        if format == ExportFormat::Html {
            return Err(AppError::new("bad_format", "花脸稿只能导出为 PDF 或 DOCX"));
        }
        let (doc, r, title, fonts) = self.with_store(|s| {
            let (doc, r) = fazhi_export::redline_versions(s, &id, from, to)?;
            let title = s.get_report(&id)?.title;
            Ok((doc, r, title, ExportFonts::read(s, format)))
        })?;
        let fonts = fonts?;
        let ext = format.extension();
        let dialog = FileDialog {
            purpose: Purpose::Export,
            title: "导出花脸稿",
            filter_name: ext.to_uppercase(),
            extensions: vec![ext],
            suggested_name: Some(format!("{title}（花脸稿）.{ext}")),
        };
        let Some(path) = self.host.choose_file(DialogKind::Save, &dialog) else {
            return Ok(None);
        };
        let failed = |e: &dyn std::fmt::Display| AppError::new("export", e.to_string());
        // The fonts as 导出 reads them, and their notices: one rule for both exports.
        let (bytes, notices) = match fonts {
            ExportFonts::Pdf(resolved) => {
                let chosen = fazhi_pdf::choice::render_redline_resolved(&doc, &r, *resolved)
                    .map_err(|e| failed(&e))?;
                (chosen.pdf.bytes, chosen.notices)
            }
            ExportFonts::Docx(notices) => (
                fazhi_export::redline_docx(&doc, &r).map_err(|e| failed(&e))?,
                notices,
            ),
            ExportFonts::Html => {
                return Err(AppError::new("bad_format", "花脸稿只能导出为 PDF 或 DOCX"))
            }
        };
        self.write_export(&path, &bytes, notices).map(Some)
    }

    /// Writes an export the user chose the place of, and remembers it for 打开所在文件夹.
    fn write_export(
        &self,
        path: &std::path::Path,
        bytes: &[u8],
        notices: Vec<String>,
    ) -> CmdResult<Exported> {
        fazhi_export::write_file_atomic(path, bytes)
            .map_err(|e| AppError::new("io", e.to_string()))?;
        lock(&self.files.exported).push(path.to_path_buf());
        Ok(Exported {
            path: path.display().to_string(),
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            notices,
        })
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::{Arc, Mutex};

    use fazhi_core::review::ReviewRole;
    use fazhi_core::store::NewReport;
    use serde_json::json;

    use crate::host::{DialogKind, FileDialog, Host};
    use crate::App;

    /// Answers every dialog with the file it holds: the export is saved there and the
    /// import opens it, as a user exporting, sending and importing the same file would.
    struct OneFile(Arc<Mutex<PathBuf>>);
    impl Host for OneFile {
        fn choose_file(&self, _: DialogKind, _: &FileDialog) -> Option<PathBuf> {
            Some(self.0.lock().unwrap().clone())
        }
        fn reveal(&self, _: &Path) -> Result<(), String> {
            Ok(())
        }
        fn close_window(&self) -> Result<(), String> {
            Ok(())
        }
    }

    fn report(app: &App) -> String {
        let r = app
            .create_report(NewReport {
                issuer: "某县人民政府".into(),
                year: 2023,
                template_id: None,
                include_optional: false,
            })
            .unwrap()
            .report;
        let mut doc = r.document.clone();
        doc.parts[0].paragraphs = vec![fazhi_core::Paragraph::new(
            "全年办理行政复议案件120件，纠错15件。",
        )];
        app.save_report(r.id.clone(), None, doc).unwrap();
        r.id
    }

    #[test]
    fn word_commands_through_dispatch_export_import_and_redline() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("含修订.docx");
        let chosen = Arc::new(Mutex::new(file.clone()));
        let app = App::start(
            dir.path().join("library.sqlite3"),
            Box::new(OneFile(chosen.clone())),
        );
        app.set_identity("张起草".into(), ReviewRole::Drafter)
            .unwrap();
        let id = report(&app);
        let copy = report(&app);
        app.set_identity("李审核".into(), ReviewRole::Reviewer)
            .unwrap();
        crate::dispatch(
            &app,
            "suggest_change",
            json!({ "id": id, "target": { "kind": "quote", "quote": "120件" }, "newText": "135件" }),
        )
        .unwrap();

        // 导出 → 含修订: a DOCX with the change as w:ins/w:del.
        let out = crate::dispatch(&app, "export_docx_with_changes", json!({ "id": id })).unwrap();
        assert_eq!(out["path"], file.display().to_string());
        let changes =
            fazhi_import::docx_changes_file(&file).expect("our DOCX reads back with its changes");
        assert_eq!(changes.len(), 1);
        assert_eq!(
            (changes[0].old.as_str(), changes[0].new.as_str()),
            ("20", "35")
        );

        // 导入Word修订 on the drafter's copy: stored with the reviewer's name.
        app.set_identity("张起草".into(), ReviewRole::Drafter)
            .unwrap();
        let done = crate::dispatch(&app, "import_docx_changes", json!({ "id": copy })).unwrap();
        assert_eq!(done["found"], 1, "{done}");
        assert_eq!(done["added"]["ids"].as_array().unwrap().len(), 1, "{done}");
        let list = crate::dispatch(&app, "list_changes", json!({ "id": copy })).unwrap();
        assert_eq!(list[0]["author"], "李审核");

        // 导出花脸稿 of the working copy against itself works (PDF); HTML is refused in
        // Chinese, and so is a version that does not exist.
        let pdf = dir.path().join("花脸稿.pdf");
        *chosen.lock().unwrap() = pdf.clone();
        crate::dispatch(&app, "export_redline", json!({ "id": id, "format": "pdf" })).unwrap();
        assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
        let err = crate::dispatch(
            &app,
            "export_redline",
            json!({ "id": id, "format": "html" }),
        )
        .unwrap_err();
        assert!(err.message.contains("PDF 或 DOCX"), "{}", err.message);
        let err = crate::dispatch(
            &app,
            "export_redline",
            json!({ "id": id, "from": 42, "format": "docx" }),
        )
        .unwrap_err();
        assert!(err.message.contains("第42版"), "{}", err.message);
        // A file that is not a DOCX: refused in Chinese, nothing stored.
        std::fs::write(&pdf, "不是文档").unwrap();
        let err = crate::dispatch(&app, "import_docx_changes", json!({ "id": copy })).unwrap_err();
        assert!(err.message.contains("不是 Word 文档"), "{}", err.message);
    }
}
