//! Commands that touch files: import, export. Paths never come from the
//! webview: the command itself asks the user with a native dialog, so the UI
//! cannot name a file the user did not choose.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use fazhi_core::profile::Profile;
use fazhi_core::store::ReportView;
use fazhi_import::{ImportOptions, ImportResult};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::commands::{check_id, AppState};
use crate::error::{AppError, CmdResult};

/// A file read for import, kept until the user confirms or cancels the preview.
pub struct PendingImport {
    token: String,
    file_name: String,
    bytes: Vec<u8>,
}

#[derive(Default)]
pub struct FileState {
    pending: Mutex<Option<PendingImport>>,
    exported: Mutex<Vec<PathBuf>>,
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
    fn extension(self) -> &'static str {
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
}

/// Where a dialog would answer; in debug builds an end-to-end test may answer
/// instead through `FAZHI_E2E_<NAME>` (WebDriver cannot drive native dialogs).
fn test_answer(name: &str) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os(format!("FAZHI_E2E_{name}")).map(PathBuf::from)
    } else {
        None
    }
}

const MAX_IMPORT_BYTES: u64 = 64 * 1024 * 1024;

fn read_for_import(path: &Path) -> CmdResult<PendingImport> {
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
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

/// 导入: asks for a file, parses it and returns the preview. Nothing is stored yet.
#[tauri::command(async)]
pub fn pick_import(
    app: AppHandle,
    files: State<'_, FileState>,
) -> CmdResult<Option<ImportPreview>> {
    let path = match test_answer("IMPORT") {
        Some(p) => p,
        None => match app
            .dialog()
            .file()
            .set_title("导入报告")
            .add_filter("报告（文本、Word、网页）", &["txt", "docx", "html", "htm"])
            .blocking_pick_file()
            .and_then(|f| f.into_path().ok())
        {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let pending = read_for_import(&path)?;
    let result = parse(&pending, &ImportOptions::default())?;
    let preview = ImportPreview {
        token: pending.token.clone(),
        file_name: pending.file_name.clone(),
        result,
    };
    *files.pending.lock().unwrap_or_else(|p| p.into_inner()) = Some(pending);
    Ok(Some(preview))
}

/// Confirms the previewed import with the issuer and year the user checked.
#[tauri::command(async)]
pub fn confirm_import(
    state: State<'_, AppState>,
    files: State<'_, FileState>,
    token: String,
    options: ImportOptions,
) -> CmdResult<ReportView> {
    let pending = files
        .pending
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .take()
        .filter(|p| p.token == token)
        .ok_or_else(|| AppError::new("no_import", "没有待确认的导入，请重新选择文件"))?;
    let result = parse(&pending, &options)?;
    state.with_store(|s| s.create_from_document(result.document))
}

/// 下一年度报告: a new report for year+1 from this one.
#[tauri::command(async)]
pub fn next_year_report(state: State<'_, AppState>, id: String) -> CmdResult<ReportView> {
    check_id(&id)?;
    state.with_store(|s| {
        let last = s.get_report(&id)?;
        s.create_from_document(fazhi_import::next_year(&last.document))
    })
}

/// 导出: asks where to save, writes the file, returns its path.
#[tauri::command(async)]
pub fn export_report(
    app: AppHandle,
    state: State<'_, AppState>,
    files: State<'_, FileState>,
    id: String,
    format: ExportFormat,
    profile: Profile,
) -> CmdResult<Option<Exported>> {
    check_id(&id)?;
    let report = state.with_store(|s| s.get_report(&id))?;
    let suggested = format!(
        "{}（{}）.{}",
        report.title,
        profile.label(),
        format.extension()
    );
    let path = match test_answer("EXPORT") {
        Some(p) => p,
        None => match app
            .dialog()
            .file()
            .set_title("导出报告")
            .set_file_name(&suggested)
            .add_filter(format.extension().to_uppercase(), &[format.extension()])
            .blocking_save_file()
            .and_then(|f| f.into_path().ok())
        {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let bytes = render(&report, format, profile)?;
    fazhi_export::write_file_atomic(&path, &bytes)
        .map_err(|e| AppError::new("io", e.to_string()))?;
    files
        .exported
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(path.clone());
    Ok(Some(Exported {
        path: path.display().to_string(),
        bytes: u32::try_from(bytes.len()).unwrap_or(u32::MAX),
    }))
}

pub fn render(report: &ReportView, format: ExportFormat, profile: Profile) -> CmdResult<Vec<u8>> {
    let doc = &report.document;
    match format {
        ExportFormat::Docx => fazhi_export::docx(
            doc,
            &fazhi_export::DocxOptions {
                profile,
                comments: Vec::new(),
            },
        )
        .map_err(|e| AppError::new("export", e.to_string())),
        ExportFormat::Html => Ok(fazhi_export::html(doc, profile).into_bytes()),
        ExportFormat::Pdf => fazhi_pdf::render(
            doc,
            &fazhi_pdf::PdfOptions {
                profile,
                ..Default::default()
            },
        )
        .map_err(|e| AppError::new("export", e.to_string())),
    }
}

/// 打开所在文件夹, for a file this session exported (and no other path).
#[tauri::command(async)]
pub fn reveal_export(files: State<'_, FileState>, path: String) -> CmdResult<()> {
    let known = files
        .exported
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .any(|p| p.display().to_string() == path);
    if !known {
        return Err(AppError::new(
            "bad_path",
            "只能打开本次导出文件所在的文件夹",
        ));
    }
    let dir = Path::new(&path).parent().unwrap_or(Path::new("."));
    let opener = if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(opener)
        .arg(dir)
        .spawn()
        .map(|_| ())
        .map_err(|e| AppError::new("io", format!("无法打开文件夹：{e}")))
}
