//! Review commands: identity, comments, the workflow, the audit log, deadlines
//! and review packages. Each is a thin wrapper over a `fazhi_core` call; file
//! paths come from native dialogs, never from the webview.

use std::path::PathBuf;
use std::sync::Mutex;

use fazhi_core::review::{
    AnchorUpdate, AuditEntry, Comment, CommentCounts, CommentFilter, CommentTarget, Deadline,
    ExternalComment, ExternalImport, Identity, MergeOutcome, PackageInfo, PackageOpened,
    ReviewRole, TransitionOutcome, TransitionRequest, WorkflowInfo,
};
use fazhi_core::store::Saved;
use fazhi_core::{ids, Document, Store};
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::commands::{check_id, AppState};
use crate::error::{AppError, CmdResult};

fn check_comment_id(id: &str) -> CmdResult<()> {
    if ids::is_valid_id(id) {
        Ok(())
    } else {
        Err(AppError::new("bad_id", "批注编号无效"))
    }
}

/// In debug builds an end-to-end test answers a dialog through
/// `FAZHI_E2E_<NAME>` (WebDriver cannot drive native dialogs).
fn test_answer(name: &str) -> Option<PathBuf> {
    if cfg!(debug_assertions) {
        std::env::var_os(format!("FAZHI_E2E_{name}")).map(PathBuf::from)
    } else {
        None
    }
}

const MAX_ANCHOR_UPDATES: usize = 10_000;

// ---- identity ------------------------------------------------------------------

#[tauri::command(async)]
pub fn get_identity(state: State<'_, AppState>) -> CmdResult<Identity> {
    state.with_store(|s| s.identity())
}

#[tauri::command(async)]
pub fn set_identity(
    state: State<'_, AppState>,
    name: String,
    role: ReviewRole,
) -> CmdResult<Identity> {
    state.with_store(|s| s.set_identity(&name, role))
}

// ---- comments ------------------------------------------------------------------

#[tauri::command(async)]
pub fn list_comments(
    state: State<'_, AppState>,
    id: String,
    filter: Option<CommentFilter>,
) -> CmdResult<Vec<Comment>> {
    check_id(&id)?;
    state.with_store(|s| s.list_comments(&id, &filter.unwrap_or_default()))
}

#[tauri::command(async)]
pub fn comment_counts(state: State<'_, AppState>, id: String) -> CmdResult<CommentCounts> {
    check_id(&id)?;
    state.with_store(|s| s.comment_counts(&id))
}

#[tauri::command(async)]
pub fn add_comment(
    state: State<'_, AppState>,
    id: String,
    target: CommentTarget,
    text: String,
) -> CmdResult<Comment> {
    check_id(&id)?;
    state.with_store(|s| s.add_comment(&id, &target, &text))
}

#[tauri::command(async)]
pub fn reply_comment(
    state: State<'_, AppState>,
    id: String,
    parent_id: String,
    text: String,
) -> CmdResult<Comment> {
    check_id(&id)?;
    check_comment_id(&parent_id)?;
    state.with_store(|s| s.reply_comment(&id, &parent_id, &text))
}

#[tauri::command(async)]
pub fn edit_comment(
    state: State<'_, AppState>,
    comment_id: String,
    text: String,
) -> CmdResult<Comment> {
    check_comment_id(&comment_id)?;
    state.with_store(|s| s.edit_comment(&comment_id, &text))
}

#[tauri::command(async)]
pub fn delete_comment(state: State<'_, AppState>, comment_id: String) -> CmdResult<()> {
    check_comment_id(&comment_id)?;
    state.with_store(|s| s.delete_comment(&comment_id))
}

#[tauri::command(async)]
pub fn resolve_comment(state: State<'_, AppState>, comment_id: String) -> CmdResult<Comment> {
    check_comment_id(&comment_id)?;
    state.with_store(|s| s.resolve_comment(&comment_id))
}

#[tauri::command(async)]
pub fn reopen_comment(state: State<'_, AppState>, comment_id: String) -> CmdResult<Comment> {
    check_comment_id(&comment_id)?;
    state.with_store(|s| s.reopen_comment(&comment_id))
}

/// `save_report` with the editor's comment ranges (from its marks).
#[tauri::command(async)]
pub fn save_report_with_anchors(
    state: State<'_, AppState>,
    id: String,
    expected_version: Option<i64>,
    document: Document,
    anchors: Vec<AnchorUpdate>,
) -> CmdResult<Saved> {
    check_id(&id)?;
    if anchors.len() > MAX_ANCHOR_UPDATES {
        return Err(AppError::new("bad_anchor", "批注位置过多"));
    }
    state.with_store(|s| s.save_report_with_anchors(&id, document, expected_version, &anchors))
}

// ---- workflow ------------------------------------------------------------------

#[tauri::command(async)]
pub fn workflow_info(state: State<'_, AppState>, id: String) -> CmdResult<WorkflowInfo> {
    check_id(&id)?;
    state.with_store(|s| s.workflow_info(&id))
}

/// Number of 错误 findings of the checks on the report as stored.
pub fn check_errors(s: &Store, id: &str) -> fazhi_core::Result<u32> {
    let doc = s.get_report(id)?.document;
    let cfg = fazhi_checks::RuleConfig::load(s).unwrap_or_default();
    let n = fazhi_checks::check(&doc, &cfg)
        .iter()
        .filter(|f| f.severity == fazhi_checks::Severity::Error)
        .count();
    Ok(u32::try_from(n).unwrap_or(u32::MAX))
}

/// A transition as the app makes it: the check errors are counted here, on the
/// stored text, whatever the webview says.
pub fn transition_in(
    s: &mut Store,
    id: &str,
    mut request: TransitionRequest,
) -> fazhi_core::Result<TransitionOutcome> {
    request.check_errors = if request.to == fazhi_core::Status::Final {
        check_errors(s, id)?
    } else {
        0
    };
    s.transition(id, &request)
}

#[tauri::command(async)]
pub fn transition_report(
    state: State<'_, AppState>,
    id: String,
    request: TransitionRequest,
) -> CmdResult<TransitionOutcome> {
    check_id(&id)?;
    state.with_store(|s| transition_in(s, &id, request))
}

#[tauri::command(async)]
pub fn audit_log(state: State<'_, AppState>, id: String) -> CmdResult<Vec<AuditEntry>> {
    check_id(&id)?;
    state.with_store(|s| s.audit_log(&id))
}

/// Deadlines of every report as seen on `today` (the webview's local date,
/// ISO); today in UTC when absent or malformed.
#[tauri::command(async)]
pub fn list_deadlines(
    state: State<'_, AppState>,
    today: Option<String>,
) -> CmdResult<Vec<Deadline>> {
    let today = today
        .filter(|t| t.len() <= 10 && fazhi_core::dates::parse_iso(t).is_some())
        .unwrap_or_else(fazhi_core::review::deadline::today_utc);
    state.with_store(|s| s.deadlines(&today))
}

// ---- packages ------------------------------------------------------------------

fn pick_package(app: &AppHandle, title: &str) -> Option<PathBuf> {
    app.dialog()
        .file()
        .set_title(title)
        .add_filter("审阅包", &["fzbg"])
        .blocking_pick_file()
        .and_then(|f| f.into_path().ok())
}

/// 导出审阅包: asks where to save.
#[tauri::command(async)]
pub fn export_review_package(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Option<PackageInfo>> {
    check_id(&id)?;
    let title = state.with_store(|s| s.get_report(&id).map(|r| r.title))?;
    let path = match test_answer("PACKAGE_EXPORT") {
        Some(p) => p,
        None => match app
            .dialog()
            .file()
            .set_title("导出审阅包")
            .set_file_name(format!("{title}（审阅包）.fzbg"))
            .add_filter("审阅包", &["fzbg"])
            .blocking_save_file()
            .and_then(|f| f.into_path().ok())
        {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    state.with_store(|s| s.export_package(&id, &path)).map(Some)
}

/// 打开审阅包: a review copy of the package's report in this library.
#[tauri::command(async)]
pub fn open_review_package(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<PackageOpened>> {
    let Some(path) = test_answer("PACKAGE_OPEN").or_else(|| pick_package(&app, "打开审阅包"))
    else {
        return Ok(None);
    };
    state.with_store(|s| s.open_package(&path)).map(Some)
}

/// 导入审阅意见: merges a returned package's new comments and replies.
#[tauri::command(async)]
pub fn merge_review_package(
    app: AppHandle,
    state: State<'_, AppState>,
) -> CmdResult<Option<MergeOutcome>> {
    let Some(path) = test_answer("PACKAGE_MERGE").or_else(|| pick_package(&app, "导入审阅意见"))
    else {
        return Ok(None);
    };
    state.with_store(|s| s.merge_package(&path)).map(Some)
}

/// The comments of a DOCX, as the core takes them.
pub fn docx_comments(path: &std::path::Path) -> CmdResult<Vec<ExternalComment>> {
    let result = fazhi_import::import_file(path, &fazhi_import::ImportOptions::default())
        .map_err(|e| AppError::new("import", e.to_string()))?;
    Ok(result
        .comments
        .into_iter()
        .map(ExternalComment::from)
        .collect())
}

/// 导入批注: comments a reviewer wrote in Word/WPS, anchored to the same text here.
#[tauri::command(async)]
pub fn import_docx_comments(
    app: AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> CmdResult<Option<ExternalImport>> {
    check_id(&id)?;
    let path = match test_answer("COMMENTS_DOCX") {
        Some(p) => p,
        None => match app
            .dialog()
            .file()
            .set_title("导入Word批注")
            .add_filter("Word 文档", &["docx"])
            .blocking_pick_file()
            .and_then(|f| f.into_path().ok())
        {
            Some(p) => p,
            None => return Ok(None),
        },
    };
    let comments = docx_comments(&path)?;
    state
        .with_store(|s| s.import_external_comments(&id, &comments))
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fazhi_core::store::NewReport;
    use fazhi_core::Status;

    fn store() -> (Store, String) {
        let mut s = Store::open_in_memory().unwrap();
        let id = s
            .create_report(&NewReport {
                issuer: "梅河口市人民政府".into(),
                year: 2019,
                template_id: None,
                include_optional: false,
            })
            .unwrap()
            .report
            .id;
        s.set_identity("王五", ReviewRole::Approver).unwrap();
        (s, id)
    }

    fn with_reason(to: Status, reason: &str) -> TransitionRequest {
        TransitionRequest {
            reason: Some(reason.into()),
            override_checks: true,
            ..TransitionRequest::to(to)
        }
    }

    #[test]
    fn the_app_counts_check_errors_itself() {
        let (mut s, id) = store();
        transition_in(&mut s, &id, TransitionRequest::to(Status::Review)).unwrap();
        // The fresh template has empty parts: the checks report errors, and a
        // webview claiming zero errors does not get past that.
        assert!(check_errors(&s, &id).unwrap() > 0);
        let err = transition_in(&mut s, &id, TransitionRequest::to(Status::Final)).unwrap_err();
        assert_eq!(err.code(), "finalize_blocked");
        transition_in(&mut s, &id, with_reason(Status::Final, "领导同意")).unwrap();
    }

    #[test]
    fn a_final_report_refuses_the_writes_the_commands_make() {
        let (mut s, id) = store();
        let doc = s.get_report(&id).unwrap().document;
        s.save_version(&id, Some("初稿"), None).unwrap();
        transition_in(&mut s, &id, TransitionRequest::to(Status::Review)).unwrap();
        transition_in(&mut s, &id, with_reason(Status::Final, "领导同意")).unwrap();
        // save_report_with_anchors, save_report and restore_revision commands.
        let err = s
            .save_report_with_anchors(&id, doc.clone(), None, &[])
            .unwrap_err();
        assert_eq!(AppError::from(err).code, "locked");
        let err = s.save_report(&id, doc.clone(), None).unwrap_err();
        assert!(AppError::from(err).message.contains("已定稿"));
        let err = s.restore_revision(&id, 1, None).unwrap_err();
        assert_eq!(err.code(), "locked");
        // Comments are still allowed.
        let part = doc.parts[0].id.clone();
        s.add_comment(
            &id,
            &CommentTarget::Range {
                node_id: part,
                start: 0,
                end: 2,
            },
            "定稿后意见",
        )
        .unwrap();
        // 撤销定稿 unlocks.
        transition_in(&mut s, &id, with_reason(Status::Draft, "需修改数据")).unwrap();
        s.save_report(&id, doc, None).unwrap();
    }
}

// ---- a package opened from the file manager ---------------------------------------

/// The review package the app was started with (double-click on a `.fzbg`, whose
/// desktop entry passes `%f`), or handed over by a second launch. That path is
/// the user's own choice, like a dialog's answer; nothing else is opened.
#[derive(Default)]
pub struct LaunchPackage(pub Mutex<Option<PathBuf>>);

/// The first `.fzbg` argument after the program name.
pub fn package_arg<I: IntoIterator<Item = String>>(args: I) -> Option<PathBuf> {
    args.into_iter().skip(1).map(PathBuf::from).find(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("fzbg"))
    })
}

/// Opens the launch package as a review copy, once. On failure (no identity yet,
/// a damaged package) the path is kept, so the UI can say why and try again.
pub fn open_launch_package_in(
    store: &mut Store,
    launch: &LaunchPackage,
) -> fazhi_core::Result<Option<PackageOpened>> {
    let mut slot = launch.0.lock().unwrap_or_else(|p| p.into_inner());
    let Some(path) = slot.clone() else {
        return Ok(None);
    };
    let opened = store.open_package(&path)?;
    *slot = None;
    Ok(Some(opened))
}

#[tauri::command(async)]
pub fn open_launch_package(
    state: State<'_, AppState>,
    launch: State<'_, LaunchPackage>,
) -> CmdResult<Option<PackageOpened>> {
    state.with_store(|s| open_launch_package_in(s, &launch))
}

#[cfg(test)]
mod launch_tests {
    use super::*;

    #[test]
    fn only_a_fzbg_argument_is_taken() {
        let args = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(package_arg(args(&["fazhi-studio"])), None);
        assert_eq!(package_arg(args(&["fazhi-studio", "/tmp/a.docx"])), None);
        assert_eq!(
            package_arg(args(&["fazhi-studio", "--x", "/tmp/审阅包.FZBG"])),
            Some(PathBuf::from("/tmp/审阅包.FZBG"))
        );
        // The program name itself never counts.
        assert_eq!(package_arg(args(&["/opt/a.fzbg"])), None);
    }

    #[test]
    fn the_launch_package_opens_as_a_review_copy_once() {
        use fazhi_core::review::ReviewRole;
        use fazhi_core::store::NewReport;
        let dir = tempfile::tempdir().unwrap();
        let mut drafter = Store::open(&dir.path().join("a.sqlite3")).unwrap();
        drafter.set_identity("王起草", ReviewRole::Drafter).unwrap();
        let id = drafter
            .create_report(&NewReport {
                issuer: "梅河口市人民政府".into(),
                year: 2019,
                template_id: None,
                include_optional: false,
            })
            .unwrap()
            .report
            .id;
        let pkg = dir.path().join("审阅包.fzbg");
        drafter.export_package(&id, &pkg).unwrap();

        let mut reviewer = Store::open(&dir.path().join("b.sqlite3")).unwrap();
        let launch = LaunchPackage(Mutex::new(Some(pkg)));
        // No identity yet: refused, and the path is kept for the retry.
        assert!(open_launch_package_in(&mut reviewer, &launch).is_err());
        assert!(launch.0.lock().unwrap().is_some());
        reviewer
            .set_identity("李审核", ReviewRole::Reviewer)
            .unwrap();
        let opened = open_launch_package_in(&mut reviewer, &launch)
            .unwrap()
            .expect("opened");
        assert_eq!(opened.report.id, id);
        assert!(open_launch_package_in(&mut reviewer, &launch)
            .unwrap()
            .is_none());
    }
}
