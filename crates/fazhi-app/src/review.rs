//! Review commands: identity, comments, the workflow, the audit log, deadlines
//! and review packages. Each is a thin wrapper over a `fazhi_core` call; file
//! paths come from the host's dialogs, never from the webview.

use std::path::PathBuf;

use fazhi_checks::proofing::{self, ReportErrors};
use fazhi_core::review::{
    audit_csv, AnchorUpdate, AuditEntry, AuditRow, Comment, CommentCounts, CommentFilter,
    CommentTarget, Deadline, ExternalComment, ExternalImport, Identity, MergeOutcome, PackageInfo,
    PackageOpened, ReviewRole, TransitionOutcome, TransitionRequest, WorkflowInfo,
};
use fazhi_core::store::Saved;
use fazhi_core::{ids, Document, Store};

use crate::app::lock;
use crate::error::{AppError, CmdResult};
use crate::host::{DialogKind, FileDialog, Purpose};
use crate::reports::check_id;
use crate::App;

fn check_comment_id(id: &str) -> CmdResult<()> {
    if ids::is_valid_id(id) {
        Ok(())
    } else {
        Err(AppError::new("bad_id", "批注编号无效"))
    }
}

const MAX_ANCHOR_UPDATES: usize = 10_000;

fn package_dialog(purpose: Purpose, title: &'static str) -> FileDialog {
    FileDialog {
        purpose,
        title,
        filter_name: "审阅包".into(),
        extensions: vec!["fzbg"],
        suggested_name: None,
    }
}

impl App {
    // ---- identity --------------------------------------------------------------

    pub fn get_identity(&self) -> CmdResult<Identity> {
        self.with_store(|s| s.identity())
    }

    pub fn set_identity(&self, name: String, role: ReviewRole) -> CmdResult<Identity> {
        self.with_store(|s| s.set_identity(&name, role))
    }

    // ---- comments --------------------------------------------------------------

    pub fn list_comments(
        &self,
        id: String,
        filter: Option<CommentFilter>,
    ) -> CmdResult<Vec<Comment>> {
        check_id(&id)?;
        self.with_store(|s| s.list_comments(&id, &filter.unwrap_or_default()))
    }

    pub fn comment_counts(&self, id: String) -> CmdResult<CommentCounts> {
        check_id(&id)?;
        self.with_store(|s| s.comment_counts(&id))
    }

    pub fn add_comment(
        &self,
        id: String,
        target: CommentTarget,
        text: String,
    ) -> CmdResult<Comment> {
        check_id(&id)?;
        self.with_store(|s| s.add_comment(&id, &target, &text))
    }

    pub fn reply_comment(&self, id: String, parent_id: String, text: String) -> CmdResult<Comment> {
        check_id(&id)?;
        check_comment_id(&parent_id)?;
        self.with_store(|s| s.reply_comment(&id, &parent_id, &text))
    }

    pub fn edit_comment(&self, comment_id: String, text: String) -> CmdResult<Comment> {
        check_comment_id(&comment_id)?;
        self.with_store(|s| s.edit_comment(&comment_id, &text))
    }

    pub fn delete_comment(&self, comment_id: String) -> CmdResult<()> {
        check_comment_id(&comment_id)?;
        self.with_store(|s| s.delete_comment(&comment_id))
    }

    pub fn resolve_comment(&self, comment_id: String) -> CmdResult<Comment> {
        check_comment_id(&comment_id)?;
        self.with_store(|s| s.resolve_comment(&comment_id))
    }

    pub fn reopen_comment(&self, comment_id: String) -> CmdResult<Comment> {
        check_comment_id(&comment_id)?;
        self.with_store(|s| s.reopen_comment(&comment_id))
    }

    /// 已处理: the drafter's answer to a comment (a reply), for its author or a
    /// 签发人 to close.
    pub fn mark_comment_handled(&self, comment_id: String, reply: String) -> CmdResult<Comment> {
        check_comment_id(&comment_id)?;
        self.with_store(|s| s.mark_comment_handled(&comment_id, &reply))
    }

    /// `save_report` with the editor's comment ranges (from its marks).
    pub fn save_report_with_anchors(
        &self,
        id: String,
        expected_version: Option<i64>,
        document: Document,
        anchors: Vec<AnchorUpdate>,
    ) -> CmdResult<Saved> {
        check_id(&id)?;
        if anchors.len() > MAX_ANCHOR_UPDATES {
            return Err(AppError::new("bad_anchor", "批注位置过多"));
        }
        self.with_store(|s| s.save_report_with_anchors(&id, document, expected_version, &anchors))
    }

    // ---- workflow --------------------------------------------------------------

    pub fn workflow_info(&self, id: String) -> CmdResult<WorkflowInfo> {
        check_id(&id)?;
        self.with_store(|s| s.workflow_info(&id))
    }

    pub fn transition_report(
        &self,
        id: String,
        request: TransitionRequest,
    ) -> CmdResult<TransitionOutcome> {
        check_id(&id)?;
        transition_in(&mut self.store_guard(), &id, request)
    }

    /// The report's errors as stored, ignores applied: the count (and the messages)
    /// the 导出 dialog warns with — the number `fazhi export` and the 定稿 gates give.
    pub fn report_errors(&self, id: String) -> CmdResult<ReportErrors> {
        check_id(&id)?;
        let store = self.store_guard();
        let doc = store.get_report(&id)?.document;
        proofing::report_errors(&store, &id, &doc).map_err(crate::lexicon::proofing_error)
    }

    pub fn audit_log(&self, id: String) -> CmdResult<Vec<AuditEntry>> {
        check_id(&id)?;
        self.with_store(|s| s.audit_log(&id))
    }

    /// The audit log as a table to read: names, times, what changed in words.
    pub fn audit_table(&self, id: String) -> CmdResult<Vec<AuditRow>> {
        check_id(&id)?;
        self.with_store(|s| s.audit_table(&id))
    }

    /// 导出审计日志: the readable log as CSV where the user chooses; times in
    /// the window's zone (`utc_offset_minutes`, east positive). The path, or
    /// `None` when cancelled.
    pub fn export_audit_log(
        &self,
        id: String,
        utc_offset_minutes: i32,
    ) -> CmdResult<Option<String>> {
        check_id(&id)?;
        if !(-14 * 60..=14 * 60).contains(&utc_offset_minutes) {
            return Err(AppError::new("bad_offset", "时区偏移无效"));
        }
        let (title, rows) =
            self.with_store(|s| Ok((s.get_report(&id)?.title, s.audit_table(&id)?)))?;
        let dialog = FileDialog {
            purpose: Purpose::Export,
            title: "导出审计日志",
            filter_name: "CSV 表格".into(),
            extensions: vec!["csv"],
            suggested_name: Some(format!("{title}（审计日志）.csv")),
        };
        let Some(path) = self.host.choose_file(DialogKind::Save, &dialog) else {
            return Ok(None);
        };
        let csv = audit_csv(&rows, utc_offset_minutes);
        fazhi_export::write_file_atomic(&path, csv.as_bytes())
            .map_err(|e| AppError::new("io", e.to_string()))?;
        Ok(Some(path.display().to_string()))
    }

    /// Deadlines of every report as seen on `today` (the webview's local date,
    /// ISO); today in UTC when absent or malformed.
    pub fn list_deadlines(&self, today: Option<String>) -> CmdResult<Vec<Deadline>> {
        let today = today
            .filter(|t| t.len() <= 10 && fazhi_core::dates::parse_iso(t).is_some())
            .unwrap_or_else(fazhi_core::review::deadline::today_utc);
        self.with_store(|s| s.deadlines(&today))
    }

    // ---- packages --------------------------------------------------------------

    /// 导出审阅包: asks where to save.
    pub fn export_review_package(&self, id: String) -> CmdResult<Option<PackageInfo>> {
        check_id(&id)?;
        let title = self.with_store(|s| s.get_report(&id).map(|r| r.title))?;
        let dialog = FileDialog {
            suggested_name: Some(format!("{title}（审阅包）.fzbg")),
            ..package_dialog(Purpose::PackageExport, "导出审阅包")
        };
        let Some(path) = self.host.choose_file(DialogKind::Save, &dialog) else {
            return Ok(None);
        };
        self.with_store(|s| s.export_package(&id, &path)).map(Some)
    }

    /// 打开审阅包: a review copy of the package's report in this library.
    pub fn open_review_package(&self) -> CmdResult<Option<PackageOpened>> {
        let dialog = package_dialog(Purpose::PackageOpen, "打开审阅包");
        let Some(path) = self.host.choose_file(DialogKind::Open, &dialog) else {
            return Ok(None);
        };
        self.with_store(|s| s.open_package(&path)).map(Some)
    }

    /// The package the app was started with (double-click on a `.fzbg`), opened
    /// once. On failure (no identity yet, a damaged package) the path is kept,
    /// so the UI can say why and try again.
    pub fn open_launch_package(&self) -> CmdResult<Option<PackageOpened>> {
        let mut slot = lock(&self.launch);
        let Some(path) = slot.clone() else {
            return Ok(None);
        };
        let opened = self.with_store(|s| s.open_package(&path))?;
        *slot = None;
        Ok(Some(opened))
    }

    /// 导入审阅意见: merges a returned package's new comments and replies.
    pub fn merge_review_package(&self) -> CmdResult<Option<MergeOutcome>> {
        let dialog = package_dialog(Purpose::PackageMerge, "导入审阅意见");
        let Some(path) = self.host.choose_file(DialogKind::Open, &dialog) else {
            return Ok(None);
        };
        self.with_store(|s| s.merge_package(&path)).map(Some)
    }

    /// 导入批注: comments a reviewer wrote in Word/WPS, anchored to the same text here.
    pub fn import_docx_comments(&self, id: String) -> CmdResult<Option<ExternalImport>> {
        check_id(&id)?;
        let dialog = FileDialog {
            purpose: Purpose::CommentsDocx,
            title: "导入Word批注",
            filter_name: "Word 文档".into(),
            extensions: vec!["docx"],
            suggested_name: None,
        };
        let Some(path) = self.host.choose_file(DialogKind::Open, &dialog) else {
            return Ok(None);
        };
        let comments = docx_comments(&path)?;
        self.with_store(|s| s.import_external_comments(&id, &comments))
            .map(Some)
    }
}

/// A transition as the app makes it: the check errors are counted here, on the
/// stored text, whatever the webview says — the library's one count
/// ([`proofing::stored_error_count`]), ignored errors left out, as `fazhi status`.
pub fn transition_in(
    s: &mut Store,
    id: &str,
    mut request: TransitionRequest,
) -> CmdResult<TransitionOutcome> {
    request.check_errors = if request.to == fazhi_core::Status::Final {
        proofing::stored_error_count(s, id).map_err(crate::lexicon::proofing_error)?
    } else {
        0
    };
    Ok(s.transition(id, &request)?)
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

/// What the shell evaluates in a running window when a second launch hands it a
/// package (the launch package is set first).
pub const OPEN_LAUNCH_PACKAGE_SCRIPT: &str =
    "window.__fazhiOpenLaunchPackage && window.__fazhiOpenLaunchPackage()";

/// The first `.fzbg` argument after the program name: the package a double-click
/// in the file manager (whose desktop entry passes `%f`) asks the app to open.
/// That path is the user's own choice, like a dialog's answer.
pub fn package_arg<I: IntoIterator<Item = String>>(args: I) -> Option<PathBuf> {
    args.into_iter().skip(1).map(PathBuf::from).find(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("fzbg"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::AppError;
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
        assert!(proofing::stored_error_count(&s, &id).unwrap() > 0);
        let err = transition_in(&mut s, &id, TransitionRequest::to(Status::Final)).unwrap_err();
        assert_eq!(err.code, "finalize_blocked");
        transition_in(&mut s, &id, with_reason(Status::Final, "领导同意")).unwrap();
    }

    /// An ignored error does not hold 定稿 back: the gate counts what `fazhi check`
    /// lists (ignores applied), the number the 导出 dialog and `fazhi export` give.
    #[test]
    fn ignored_errors_do_not_hold_final_back() {
        use fazhi_core::store::ignored::IgnoreScope;
        let (mut s, id) = store();
        transition_in(&mut s, &id, TransitionRequest::to(Status::Review)).unwrap();
        let doc = s.get_report(&id).unwrap().document;
        let cfg = fazhi_checks::RuleConfig::load(&s).unwrap();
        let errors: Vec<_> = fazhi_checks::check(&doc, &cfg)
            .into_iter()
            .filter(|f| f.severity == fazhi_checks::Severity::Error)
            .collect();
        assert!(errors.len() >= 2, "{errors:?}");
        proofing::ignore(&mut s, &id, &errors[0].id, IgnoreScope::Once).unwrap();
        let left = proofing::report_errors(&s, &id, &doc).unwrap();
        assert_eq!(left.count, errors.len() - 1);
        let err = transition_in(&mut s, &id, TransitionRequest::to(Status::Final)).unwrap_err();
        assert_eq!(err.code, "finalize_blocked");
        assert!(
            err.message.contains(&format!("{}项检查错误", left.count)),
            "{}",
            err.message
        );
        for f in &left.findings {
            proofing::ignore(&mut s, &id, &f.id, IgnoreScope::Once).unwrap();
        }
        let out = transition_in(&mut s, &id, TransitionRequest::to(Status::Final)).unwrap();
        assert_eq!(out.entry.action, "finalize");
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

        drop(drafter);
        let reviewer = App::start(
            dir.path().join("b.sqlite3"),
            Box::new(crate::host::NoWindow),
        );
        reviewer.set_launch_package(pkg);
        // No identity yet: refused, and the path is kept for the retry.
        assert!(reviewer.open_launch_package().is_err());
        assert!(reviewer.launch.lock().unwrap().is_some());
        reviewer
            .set_identity("李审核".into(), ReviewRole::Reviewer)
            .unwrap();
        let opened = reviewer.open_launch_package().unwrap().expect("opened");
        assert_eq!(opened.report.id, id);
        assert!(reviewer.open_launch_package().unwrap().is_none());
    }
}
