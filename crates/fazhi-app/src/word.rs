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
use crate::files::{ExportFormat, Exported};
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
        let (report, comments, changes) = self.with_store(|s| {
            let report = s.get_report(&id)?;
            let comments = if with_comments.unwrap_or(false) {
                fazhi_export::comments_for_export(s, &id)?
            } else {
                Vec::new()
            };
            let changes = fazhi_export::changes_for_export(s, &id)?;
            Ok((report, comments, changes))
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
        self.write_export(&path, &bytes).map(Some)
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
        let (doc, r, title) = self.with_store(|s| {
            let (doc, r) = fazhi_export::redline_versions(s, &id, from, to)?;
            let title = s.get_report(&id)?.title;
            Ok((doc, r, title))
        })?;
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
        let bytes = match format {
            ExportFormat::Pdf => {
                fazhi_pdf::render_redline(&doc, &r, &fazhi_pdf::PdfOptions::default())
                    .map_err(|e| AppError::new("export", e.to_string()))?
            }
            _ => fazhi_export::redline_docx(&doc, &r)
                .map_err(|e| AppError::new("export", e.to_string()))?,
        };
        self.write_export(&path, &bytes).map(Some)
    }

    /// Writes an export the user chose the place of, and remembers it for 打开所在文件夹.
    fn write_export(&self, path: &std::path::Path, bytes: &[u8]) -> CmdResult<Exported> {
        fazhi_export::write_file_atomic(path, bytes)
            .map_err(|e| AppError::new("io", e.to_string()))?;
        lock(&self.files.exported).push(path.to_path_buf());
        Ok(Exported {
            path: path.display().to_string(),
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
        })
    }
}
