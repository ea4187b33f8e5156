//! The command table: every IPC command, declared once. From it come
//! [`COMMANDS`] (the Tauri shell's permissions and capability file are built
//! from it), [`dispatch`] (the one entry point of the Tauri shell and of the
//! test server) and [`typescript`] (the UI's generated `bindings/commands.ts`).
//!
//! Each entry names an [`App`] method and its arguments; the webview sends the
//! arguments as a JSON object with camelCase keys, as Tauri's own commands take
//! them.

use fazhi_checks::lexicon::LexEntry;
use fazhi_checks::proofing::{Checked, LexiconImport, ReportErrors};
use fazhi_checks::{Finding, RuleConfig, RuleInfo};
use fazhi_core::backup::{BackupInfo, LibraryHealth, Restored};
use fazhi_core::diff::Comparison;
use fazhi_core::profile::Profile;
use fazhi_core::review::{
    AnchorUpdate, AuditEntry, AuditRow, Comment, CommentCounts, CommentFilter, CommentTarget,
    Deadline, ExternalImport, Identity, MergeOutcome, PackageInfo, PackageOpened, ReviewRole,
    TransitionOutcome, TransitionRequest, WorkflowInfo,
};
use fazhi_core::store::ignored::{IgnoreScope, IgnoredFinding};
use fazhi_core::store::{Created, NewReport, ReportSummary, ReportView, RevisionInfo, Saved};
use fazhi_core::template::TemplateInfo;
use fazhi_core::Document;
use fazhi_import::ImportOptions;
use fazhi_print::Printer;
use serde_json::Value;

use crate::error::{AppError, CmdResult};
use crate::files::{ExportFormat, Exported, ImportPreview};
use crate::fonts::FontSettings;
use crate::lexicon::LexEntryView;
use crate::preview::{PageView, PdfPreview};
use crate::print::{PrintRequest, PrintResult};
use crate::reports::AppInfo;
use crate::typescript::{CommandSig, TsType};
use crate::word::WordChangesImport;
use crate::App;
// [tracking-core #17]
use fazhi_core::review::{
    Change as TrackedChange, ChangeFilter, ChangeTarget, ChangeUpdate, ChangesDecided, NodeRuns,
    SavedReviewed,
};

/// Arguments arrive as a JSON object (or nothing, for a command without any).
fn parse_args<T: serde::de::DeserializeOwned>(command: &str, args: Value) -> CmdResult<T> {
    let args = if args.is_null() {
        Value::Object(Default::default())
    } else {
        args
    };
    serde_json::from_value(args)
        .map_err(|e| AppError::new("bad_arguments", format!("命令“{command}”的参数无效：{e}")))
}

fn to_json<T: serde::Serialize>(value: T) -> CmdResult<Value> {
    serde_json::to_value(value).map_err(|e| AppError::new("internal", format!("程序内部错误：{e}")))
}

macro_rules! command_table {
    ($( $name:ident ( $( $arg:ident : $ty:ty ),* ) -> $ret:ty ; )*) => {
        /// Every IPC command by name, in the table's order.
        pub const COMMANDS: &[&str] = &[$( stringify!($name) ),*];

        /// Runs the command `name` with its JSON arguments.
        pub fn dispatch(app: &App, name: &str, args: Value) -> CmdResult<Value> {
            match name {
                $( stringify!($name) => {
                    #[derive(serde::Deserialize)]
                    #[serde(rename_all = "camelCase")]
                    struct Args { $( $arg: $ty ),* }
                    let Args { $( $arg ),* } = parse_args(name, args)?;
                    let out: $ret = App::$name(app $(, $arg)*)?;
                    to_json(out)
                } )*
                _ => Err(AppError::new(
                    "unknown_command",
                    format!("没有名为“{name}”的命令"),
                )),
            }
        }

        /// Each command's argument names and TypeScript types, for `typescript()`.
        pub fn signatures() -> Vec<CommandSig> {
            vec![$( CommandSig {
                name: stringify!($name),
                args: vec![$( (stringify!($arg), TsType::of::<$ty>()) ),*],
                ret: TsType::of::<$ret>(),
            } ),*]
        }
    };
}

command_table! {
    // reports, versions
    app_info() -> AppInfo;
    list_templates() -> Vec<TemplateInfo>;
    list_reports(query: Option<String>) -> Vec<ReportSummary>;
    create_report(input: NewReport) -> Created;
    get_report(id: String) -> ReportView;
    save_report(id: String, expected_version: Option<i64>, document: Document) -> Saved;
    delete_report(id: String) -> ();
    save_version(id: String, message: Option<String>) -> RevisionInfo;
    list_revisions(id: String) -> Vec<RevisionInfo>;
    get_revision(id: String, revision: i64) -> Document;
    restore_revision(id: String, revision: i64) -> RevisionInfo;
    compare_revisions(id: String, from: Option<i64>, to: Option<i64>) -> Comparison;
    // files
    pick_import() -> Option<ImportPreview>;
    confirm_import(token: String, options: ImportOptions) -> ReportView;
    next_year_report(id: String) -> ReportView;
    export_report(id: String, format: ExportFormat, profile: Profile, with_comments: Option<bool>) -> Option<Exported>;
    reveal_export(path: String) -> ();
    reference_report(id: String) -> Option<ReportView>;
    preview_pdf(id: String, profile: Profile) -> PdfPreview;
    // 校对
    check_document(document: Document) -> Vec<Finding>;
    list_rules() -> Vec<RuleInfo>;
    get_rule_config() -> RuleConfig;
    set_rule_config(config: RuleConfig) -> ();
    // window
    close_window() -> ();
    // backups, recovery
    library_health() -> LibraryHealth;
    list_backups() -> Vec<BackupInfo>;
    create_backup() -> BackupInfo;
    restore_backup(id: String) -> Restored;
    new_library() -> Option<String>;
    // review
    get_identity() -> Identity;
    set_identity(name: String, role: ReviewRole) -> Identity;
    list_comments(id: String, filter: Option<CommentFilter>) -> Vec<Comment>;
    comment_counts(id: String) -> CommentCounts;
    add_comment(id: String, target: CommentTarget, text: String) -> Comment;
    reply_comment(id: String, parent_id: String, text: String) -> Comment;
    edit_comment(comment_id: String, text: String) -> Comment;
    delete_comment(comment_id: String) -> ();
    resolve_comment(comment_id: String) -> Comment;
    reopen_comment(comment_id: String) -> Comment;
    save_report_with_anchors(id: String, expected_version: Option<i64>, document: Document, anchors: Vec<AnchorUpdate>) -> Saved;
    workflow_info(id: String) -> WorkflowInfo;
    transition_report(id: String, request: TransitionRequest) -> TransitionOutcome;
    audit_log(id: String) -> Vec<AuditEntry>;
    list_deadlines(today: Option<String>) -> Vec<Deadline>;
    export_review_package(id: String) -> Option<PackageInfo>;
    open_review_package() -> Option<PackageOpened>;
    open_launch_package() -> Option<PackageOpened>;
    merge_review_package() -> Option<MergeOutcome>;
    import_docx_comments(id: String) -> Option<ExternalImport>;
    // [polish #20] comment rights (已处理), the readable audit log, duplicate reports
    mark_comment_handled(comment_id: String, reply: String) -> Comment;
    audit_table(id: String) -> Vec<AuditRow>;
    export_audit_log(id: String, utc_offset_minutes: i32) -> Option<String>;
    find_same_report(issuer: String, year: i32) -> Option<ReportSummary>;
    // [official #16] the metadata panel: each field checked where it is typed, 成文日期 as typed
    check_field(field: String, value: String) -> Option<String>;
    parse_date(text: String) -> String;
    page_view(document: Document, profile: Profile) -> PageView;
    // [proofing #18] 校对 with ignores (忽略、忽略并记住、恢复) and 设置 → 词库
    check_report(id: String, document: Document) -> Checked;
    ignore_finding(id: String, finding: Finding, scope: IgnoreScope) -> IgnoredFinding;
    list_ignored(id: String) -> Vec<IgnoredFinding>;
    restore_ignored(ignored_id: i64) -> ();
    list_lexicon() -> Vec<LexEntryView>;
    save_lexicon_entry(entry: LexEntry, replaces: Option<String>) -> Vec<LexEntryView>;
    remove_lexicon_entry(key: String) -> Vec<LexEntryView>;
    export_lexicon(format: String) -> Option<String>;
    import_lexicon() -> Option<LexiconImport>;
    // [print #19] 打印 through CUPS, 设置 → 字体
    list_printers() -> Vec<Printer>;
    print_report(id: String, request: PrintRequest) -> PrintResult;
    font_settings() -> FontSettings;
    set_font(role: String, family: Option<String>) -> FontSettings;
    // [tracking-word #17] 修订 to and from Word/WPS (w:ins/w:del), the 花脸稿
    export_docx_with_changes(id: String, with_comments: Option<bool>) -> Option<Exported>;
    import_docx_changes(id: String) -> Option<WordChangesImport>;
    export_redline(id: String, from: Option<i64>, to: Option<i64>, format: ExportFormat) -> Option<Exported>;
    // [tracking-core #17] 修订 (tracked changes): list, suggest, accept/reject, the editor's reviewed save
    list_changes(id: String, filter: Option<ChangeFilter>) -> Vec<TrackedChange>;
    suggest_change(id: String, target: ChangeTarget, new_text: String) -> TrackedChange;
    accept_change(change_id: String, expected_version: Option<i64>) -> ChangesDecided;
    reject_change(change_id: String) -> ChangesDecided;
    accept_all_changes(id: String, author: Option<String>, expected_version: Option<i64>) -> ChangesDecided;
    reject_all_changes(id: String, author: Option<String>) -> ChangesDecided;
    save_report_reviewed(id: String, expected_version: Option<i64>, document: Document, anchors: Vec<AnchorUpdate>, changes: Vec<ChangeUpdate>) -> SavedReviewed;
    change_runs(id: String) -> Vec<NodeRuns>;
    // [proofing #18] the one count of 错误 (ignores applied) the 导出 dialog warns with
    report_errors(id: String) -> ReportErrors;
}

impl App {
    /// The UI has saved everything: close for good.
    pub fn close_window(&self) -> CmdResult<()> {
        self.host
            .close_window()
            .map_err(|e| AppError::new("window", format!("无法关闭窗口：{e}")))
    }
}
