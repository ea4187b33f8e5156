//! Commands that touch files: import, export, next year. Paths never come from
//! the webview: the command asks the user through the host's dialog, so the UI
//! cannot name a file the user did not choose.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use fazhi_core::profile::Profile;
use fazhi_core::store::{ReportView, Store};
use fazhi_import::{ImportOptions, ImportResult};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::app::lock;
use crate::error::{AppError, CmdResult};
use crate::host::{DialogKind, FileDialog, Purpose};
use crate::reports::check_id;
use crate::App;

/// A file read for import, kept until the user confirms or cancels the preview.
pub struct PendingImport {
    token: String,
    file_name: String,
    bytes: Vec<u8>,
}

#[derive(Default)]
pub struct FileState {
    pub(crate) pending: Mutex<Option<PendingImport>>,
    pub(crate) exported: Mutex<Vec<PathBuf>>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ImportPreview {
    pub token: String,
    pub file_name: String,
    pub result: ImportResult,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
#[ts(export)]
pub enum ExportFormat {
    Docx,
    Html,
    Pdf,
}

impl ExportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ExportFormat::Docx => "docx",
            ExportFormat::Html => "html",
            ExportFormat::Pdf => "pdf",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct Exported {
    pub path: String,
    pub bytes: u32,
    /// What the user should hear about the export's fonts, in Chinese — the lines
    /// `fazhi export` prints ([`fazhi_pdf::choice::render_chosen`]): a chosen font gone
    /// from this machine (内置 used instead; PDF and DOCX), then the characters a
    /// chosen face lacked, drawn glyph by glyph from another face (PDF: the one
    /// format that embeds the fonts). Empty when there is nothing to say.
    pub notices: Vec<String>,
}

/// An export's bytes and its font notices ([`Exported::notices`]).
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub notices: Vec<String>,
}

const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

fn read_for_import(path: &Path) -> CmdResult<PendingImport> {
    let file_name = display_name(path);
    let meta = std::fs::metadata(path)
        .map_err(|e| AppError::new("io", format!("无法读取文件“{file_name}”：{e}")))?;
    if meta.len() > MAX_IMPORT_BYTES {
        return Err(AppError::new(
            "too_large",
            format!("文件“{file_name}”过大（超过64 MB），不像是一份年度报告"),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| AppError::new("io", format!("无法读取文件“{file_name}”：{e}")))?;
    Ok(PendingImport {
        token: fazhi_core::ids::new_id(),
        file_name,
        bytes,
    })
}

fn parse(p: &PendingImport, opts: &ImportOptions) -> CmdResult<ImportResult> {
    fazhi_import::import_bytes(&p.file_name, &p.bytes, opts)
        .map_err(|e| AppError::new("import", e.to_string()))
}

impl App {
    /// 导入: asks for a file, parses it and returns the preview. Nothing is stored yet.
    pub fn pick_import(&self) -> CmdResult<Option<ImportPreview>> {
        let dialog = FileDialog {
            purpose: Purpose::Import,
            title: "导入报告",
            filter_name: "报告（文本、Word、网页）".into(),
            extensions: vec!["txt", "docx", "html", "htm"],
            suggested_name: None,
        };
        let Some(path) = self.host.choose_file(DialogKind::Open, &dialog) else {
            return Ok(None);
        };
        preview_path(&self.files, &path).map(Some)
    }

    /// Files dropped on the window (the user's choice, like a pick in the dialog).
    pub fn preview_dropped(&self, paths: &[PathBuf]) -> DroppedImport {
        preview_dropped(&self.files, paths)
    }

    /// Confirms the previewed import with the issuer and year the user checked.
    pub fn confirm_import(&self, token: String, options: ImportOptions) -> CmdResult<ReportView> {
        let pending = lock(&self.files.pending)
            .take()
            .filter(|p| p.token == token)
            .ok_or_else(|| AppError::new("no_import", "没有待确认的导入，请重新选择文件"))?;
        let result = parse(&pending, &options)?;
        self.with_store(|s| s.create_from_document(result.document))
    }

    /// 下一年度报告: a new report for year+1 from this one; the source is
    /// recorded so the new report can show last year's text beside the editor.
    pub fn next_year_report(&self, id: String) -> CmdResult<ReportView> {
        check_id(&id)?;
        self.with_store(|s| next_year_in(s, &id))
    }

    /// 参考：上年度报告 — the report this one was made from by 下一年度报告,
    /// if it still exists.
    pub fn reference_report(&self, id: String) -> CmdResult<Option<ReportView>> {
        check_id(&id)?;
        self.with_store(|s| reference_in(s, &id))
    }

    /// 导出: asks where to save, writes the file, returns its path.
    pub fn export_report(
        &self,
        id: String,
        format: ExportFormat,
        profile: Profile,
        with_comments: Option<bool>,
    ) -> CmdResult<Option<Exported>> {
        check_id(&id)?;
        let report = self.with_store(|s| s.get_report(&id))?;
        // Comments go only into the DOCX of the filing profile: the publication
        // profile never carries internal review notes.
        let comments = if with_comments.unwrap_or(false)
            && format == ExportFormat::Docx
            && profile == Profile::Filing
        {
            self.with_store(|s| fazhi_export::comments_for_export(s, &id))?
        } else {
            Vec::new()
        };
        let dialog = FileDialog {
            purpose: Purpose::Export,
            title: "导出报告",
            filter_name: format.extension().to_uppercase(),
            extensions: vec![format.extension()],
            suggested_name: Some(format!(
                "{}（{}）.{}",
                report.title,
                profile.label(),
                format.extension()
            )),
        };
        let Some(path) = self.host.choose_file(DialogKind::Save, &dialog) else {
            return Ok(None);
        };
        let fonts = ExportFonts::read(&self.store_guard(), format)?;
        let Rendered { bytes, notices } = render(&report, profile, comments, fonts)?;
        fazhi_export::write_file_atomic(&path, &bytes)
            .map_err(|e| AppError::new("io", e.to_string()))?;
        lock(&self.files.exported).push(path.clone());
        Ok(Some(Exported {
            path: path.display().to_string(),
            bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
            notices,
        }))
    }

    /// 打开所在文件夹, for a file this session exported (and no other path).
    pub fn reveal_export(&self, path: String) -> CmdResult<()> {
        let known = lock(&self.files.exported)
            .iter()
            .any(|p| p.display().to_string() == path);
        if !known {
            return Err(AppError::new(
                "bad_path",
                "只能打开本次导出文件所在的文件夹",
            ));
        }
        let dir = Path::new(&path).parent().unwrap_or(Path::new("."));
        self.host
            .reveal(dir)
            .map_err(|e| AppError::new("io", format!("无法打开文件夹：{e}")))
    }
}

/// Reads and parses `path` and keeps it as the pending import (replacing any
/// earlier one, whose preview the user abandoned).
pub fn preview_path(files: &FileState, path: &Path) -> CmdResult<ImportPreview> {
    let pending = read_for_import(path)?;
    let result = parse(&pending, &ImportOptions::default())?;
    let preview = ImportPreview {
        token: pending.token.clone(),
        file_name: pending.file_name.clone(),
        result,
    };
    *lock(&files.pending) = Some(pending);
    Ok(preview)
}

/// What a file dropped on the window became: the preview to confirm, or why not.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub enum DroppedImport {
    Preview(Box<ImportPreview>),
    Error(AppError),
}

/// Files dropped on the window (the user's choice, like a pick in the dialog):
/// one file is previewed; several, a folder or an unreadable file give a message.
pub fn preview_dropped(files: &FileState, paths: &[PathBuf]) -> DroppedImport {
    let outcome = match paths {
        [] => Err(AppError::new("no_file", "没有收到拖入的文件")),
        [path] if path.is_dir() => Err(AppError::new(
            "not_a_file",
            format!(
                "“{}”是文件夹，请拖入一个报告文件（文本、Word 或网页）",
                display_name(path)
            ),
        )),
        [path] => preview_path(files, path),
        _ => Err(AppError::new(
            "many_files",
            format!(
                "一次只能导入一个文件（拖入了{}个），请逐个拖入",
                paths.len()
            ),
        )),
    };
    match outcome {
        Ok(p) => DroppedImport::Preview(Box::new(p)),
        Err(e) => DroppedImport::Error(e),
    }
}

/// The JavaScript that hands a dropped file's outcome to the UI. The payload is
/// JSON (a JavaScript literal), with the two line separators JSON allows but
/// older script engines do not escaped as well.
pub fn dropped_script(outcome: &DroppedImport) -> String {
    let json = serde_json::to_string(outcome)
        .unwrap_or_else(|_| r#"{"error":{"code":"internal","message":"程序内部错误"}}"#.into())
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    format!("window.__fazhiImportDropped && window.__fazhiImportDropped({json})")
}

fn display_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Settings key recording which report a next-year report was made from.
pub fn source_key(id: &str) -> String {
    format!("next_year.source.{id}")
}

pub fn next_year_in(s: &mut Store, id: &str) -> fazhi_core::Result<ReportView> {
    let last = s.get_report(id)?;
    let created = s.create_from_document(fazhi_import::next_year(&last.document))?;
    s.set_setting(&source_key(&created.id), id)?;
    Ok(created)
}

pub fn reference_in(s: &Store, id: &str) -> fazhi_core::Result<Option<ReportView>> {
    let Some(source) = s.setting(&source_key(id))? else {
        return Ok(None);
    };
    if !fazhi_core::ids::is_valid_id(&source) {
        return Ok(None);
    }
    match s.get_report(&source) {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.code() == "not_found" => Ok(None),
        Err(e) => Err(e),
    }
}

/// What an export takes from the library's 设置 → 字体 besides the report, per format,
/// read while the library is held (the PDF is drawn after it is let go).
pub enum ExportFonts {
    /// The chosen families named in the DOCX (made the process's fonts, as at start),
    /// with the warnings about chosen fonts gone from this machine.
    Docx(Vec<String>),
    /// HTML names no font.
    Html,
    /// The chosen fonts resolved for the PDF.
    Pdf(Box<fazhi_pdf::choice::Resolved>),
}

impl ExportFonts {
    pub fn read(store: &Store, format: ExportFormat) -> CmdResult<ExportFonts> {
        Ok(match format {
            ExportFormat::Docx => ExportFonts::Docx(crate::fonts::apply(store)),
            ExportFormat::Html => ExportFonts::Html,
            ExportFormat::Pdf => ExportFonts::Pdf(Box::new(
                fazhi_pdf::choice::resolve_store(store)
                    .map_err(|e| AppError::new("export", e.to_string()))?,
            )),
        })
    }
}

/// The export's bytes in the format `fonts` was read for, with what the user should
/// hear about its fonts; a PDF's are `fazhi export`'s
/// ([`fazhi_pdf::choice::render_resolved`]).
pub fn render(
    report: &ReportView,
    profile: Profile,
    comments: Vec<fazhi_export::ExportComment>,
    fonts: ExportFonts,
) -> CmdResult<Rendered> {
    let doc = &report.document;
    let failed = |e: &dyn std::fmt::Display| AppError::new("export", e.to_string());
    Ok(match fonts {
        ExportFonts::Docx(notices) => Rendered {
            bytes: fazhi_export::docx(doc, &fazhi_export::DocxOptions { profile, comments })
                .map_err(|e| failed(&e))?,
            notices,
        },
        ExportFonts::Html => Rendered {
            bytes: fazhi_export::html(doc, profile).into_bytes(),
            notices: Vec::new(),
        },
        ExportFonts::Pdf(resolved) => {
            let pdf = fazhi_pdf::choice::render_resolved(doc, profile, *resolved)
                .map_err(|e| failed(&e))?;
            Rendered {
                bytes: pdf.pdf.bytes,
                notices: pdf.notices,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_file(dir: &Path) -> PathBuf {
        let p = dir.join("梅河口市2019年报告.txt");
        std::fs::write(
            &p,
            include_bytes!("../../../assets/samples/meihekou-2019-web.txt"),
        )
        .unwrap();
        p
    }

    fn temp_dir(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "fazhi-files-{name}-{}-{}",
            std::process::id(),
            fazhi_core::ids::new_id()
        ));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn a_dropped_file_becomes_the_pending_preview() {
        let dir = temp_dir("drop");
        let files = FileState::default();
        let DroppedImport::Preview(p) = preview_dropped(&files, &[sample_file(&dir)]) else {
            panic!("expected a preview");
        };
        assert_eq!(p.file_name, "梅河口市2019年报告.txt");
        assert_eq!(p.result.year, 2019);
        assert!(p.result.issuer.contains("梅河口市"));
        assert_eq!(p.result.document.parts[0].sections.len(), 8);
        assert!(!p.result.removed.is_empty(), "the site's chrome is listed");
        let pending = files.pending.lock().unwrap();
        assert_eq!(
            pending.as_ref().map(|x| x.token.as_str()),
            Some(p.token.as_str())
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn several_files_a_folder_or_a_bad_file_give_chinese_messages_and_no_pending() {
        let dir = temp_dir("bad");
        let files = FileState::default();
        let f = sample_file(&dir);
        let bad = dir.join("坏文件.docx");
        std::fs::write(&bad, b"PK\x03\x04 not really a zip").unwrap();
        for (paths, needle) in [
            (vec![f.clone(), f.clone()], "一次只能导入一个文件"),
            (vec![dir.clone()], "文件夹"),
            (vec![bad], "坏文件.docx"),
            (vec![dir.join("不存在.txt")], "无法读取文件"),
            (vec![], "没有收到"),
        ] {
            match preview_dropped(&files, &paths) {
                DroppedImport::Error(e) => assert!(e.message.contains(needle), "{}", e.message),
                DroppedImport::Preview(_) => panic!("{paths:?} should be refused"),
            }
            assert!(files.pending.lock().unwrap().is_none());
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn the_drop_script_is_a_safe_javascript_call() {
        let outcome = DroppedImport::Error(AppError::new(
            "x",
            "引号\"、反斜杠\\、</script>、\u{2028}换行\u{2029}",
        ));
        let js = dropped_script(&outcome);
        assert!(js.starts_with("window.__fazhiImportDropped && window.__fazhiImportDropped({"));
        assert!(!js.contains('\u{2028}') && !js.contains('\u{2029}'));
        let arg = &js[js.find("Dropped({").unwrap() + 8..js.len() - 1];
        let back: DroppedImport = serde_json::from_str(arg).unwrap();
        let DroppedImport::Error(e) = back else {
            panic!()
        };
        assert_eq!(
            e.message,
            "引号\"、反斜杠\\、</script>、\u{2028}换行\u{2029}"
        );
    }

    #[test]
    fn next_year_records_its_source_for_the_reference_pane() {
        let mut s = Store::open_in_memory().unwrap();
        let bytes = include_bytes!("../../../assets/samples/meihekou-2019-web.txt");
        let doc = fazhi_import::import_bytes("a.txt", bytes, &ImportOptions::default())
            .unwrap()
            .document;
        let last = s.create_from_document(doc).unwrap();
        let next = next_year_in(&mut s, &last.id).unwrap();
        assert_eq!(next.document.year, 2020);
        let r = reference_in(&s, &next.id)
            .unwrap()
            .expect("source recorded");
        assert_eq!(r.id, last.id);
        assert!(reference_in(&s, &last.id).unwrap().is_none());
        s.delete_report(&last.id).unwrap();
        assert!(
            reference_in(&s, &next.id).unwrap().is_none(),
            "deleted source: no pane"
        );
    }
}
