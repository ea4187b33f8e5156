// Generated from the command table (crates/fazhi-app/src/table.rs) by `cargo test`. Do not edit.
import { call } from "../ipc";
import type { AnchorUpdate } from "./AnchorUpdate";
import type { AppInfo } from "./AppInfo";
import type { AuditEntry } from "./AuditEntry";
import type { AuditRow } from "./AuditRow";
import type { BackupInfo } from "./BackupInfo";
import type { BackupRestored } from "./BackupRestored";
import type { ChangeFilter } from "./ChangeFilter";
import type { ChangeTarget } from "./ChangeTarget";
import type { ChangeUpdate } from "./ChangeUpdate";
import type { ChangesDecided } from "./ChangesDecided";
import type { Checked } from "./Checked";
import type { Comment } from "./Comment";
import type { CommentCounts } from "./CommentCounts";
import type { CommentFilter } from "./CommentFilter";
import type { CommentTarget } from "./CommentTarget";
import type { Comparison } from "./Comparison";
import type { Created } from "./Created";
import type { Deadline } from "./Deadline";
import type { Document } from "./Document";
import type { ExportFormat } from "./ExportFormat";
import type { Exported } from "./Exported";
import type { ExternalImport } from "./ExternalImport";
import type { Finding } from "./Finding";
import type { FontSettings } from "./FontSettings";
import type { Identity } from "./Identity";
import type { IgnoreScope } from "./IgnoreScope";
import type { IgnoredFinding } from "./IgnoredFinding";
import type { ImportOptions } from "./ImportOptions";
import type { ImportPreview } from "./ImportPreview";
import type { LexEntry } from "./LexEntry";
import type { LexEntryView } from "./LexEntryView";
import type { LexiconImport } from "./LexiconImport";
import type { LibraryHealth } from "./LibraryHealth";
import type { MergeOutcome } from "./MergeOutcome";
import type { NewReport } from "./NewReport";
import type { NodeRuns } from "./NodeRuns";
import type { PackageInfo } from "./PackageInfo";
import type { PackageOpened } from "./PackageOpened";
import type { PageView } from "./PageView";
import type { PdfPreview } from "./PdfPreview";
import type { PrintRequest } from "./PrintRequest";
import type { PrintResult } from "./PrintResult";
import type { Printer } from "./Printer";
import type { Profile } from "./Profile";
import type { ReportErrors } from "./ReportErrors";
import type { ReportSummary } from "./ReportSummary";
import type { ReportView } from "./ReportView";
import type { ReviewRole } from "./ReviewRole";
import type { RevisionInfo } from "./RevisionInfo";
import type { RuleConfig } from "./RuleConfig";
import type { RuleInfo } from "./RuleInfo";
import type { Saved } from "./Saved";
import type { SavedReviewed } from "./SavedReviewed";
import type { TemplateInfo } from "./TemplateInfo";
import type { TrackedChange } from "./TrackedChange";
import type { TransitionOutcome } from "./TransitionOutcome";
import type { TransitionRequest } from "./TransitionRequest";
import type { WordChangesImport } from "./WordChangesImport";
import type { WorkflowInfo } from "./WorkflowInfo";

/** Every IPC command, typed. */
export const commands = {
  appInfo: (): Promise<AppInfo> => call("app_info"),
  listTemplates: (): Promise<Array<TemplateInfo>> => call("list_templates"),
  listReports: (query: string | null): Promise<Array<ReportSummary>> => call("list_reports", { query }),
  createReport: (input: NewReport): Promise<Created> => call("create_report", { input }),
  getReport: (id: string): Promise<ReportView> => call("get_report", { id }),
  saveReport: (id: string, expectedVersion: number | null, document: Document): Promise<Saved> => call("save_report", { id, expectedVersion, document }),
  deleteReport: (id: string): Promise<null> => call("delete_report", { id }),
  saveVersion: (id: string, message: string | null): Promise<RevisionInfo> => call("save_version", { id, message }),
  listRevisions: (id: string): Promise<Array<RevisionInfo>> => call("list_revisions", { id }),
  getRevision: (id: string, revision: number): Promise<Document> => call("get_revision", { id, revision }),
  restoreRevision: (id: string, revision: number): Promise<RevisionInfo> => call("restore_revision", { id, revision }),
  compareRevisions: (id: string, from: number | null, to: number | null): Promise<Comparison> => call("compare_revisions", { id, from, to }),
  pickImport: (): Promise<ImportPreview | null> => call("pick_import"),
  confirmImport: (token: string, options: ImportOptions): Promise<ReportView> => call("confirm_import", { token, options }),
  nextYearReport: (id: string): Promise<ReportView> => call("next_year_report", { id }),
  exportReport: (id: string, format: ExportFormat, profile: Profile, withComments: boolean | null): Promise<Exported | null> => call("export_report", { id, format, profile, withComments }),
  revealExport: (path: string): Promise<null> => call("reveal_export", { path }),
  referenceReport: (id: string): Promise<ReportView | null> => call("reference_report", { id }),
  previewPdf: (id: string, profile: Profile): Promise<PdfPreview> => call("preview_pdf", { id, profile }),
  checkDocument: (document: Document): Promise<Array<Finding>> => call("check_document", { document }),
  listRules: (): Promise<Array<RuleInfo>> => call("list_rules"),
  getRuleConfig: (): Promise<RuleConfig> => call("get_rule_config"),
  setRuleConfig: (config: RuleConfig): Promise<null> => call("set_rule_config", { config }),
  closeWindow: (): Promise<null> => call("close_window"),
  libraryHealth: (): Promise<LibraryHealth> => call("library_health"),
  listBackups: (): Promise<Array<BackupInfo>> => call("list_backups"),
  createBackup: (): Promise<BackupInfo> => call("create_backup"),
  restoreBackup: (id: string): Promise<BackupRestored> => call("restore_backup", { id }),
  newLibrary: (): Promise<string | null> => call("new_library"),
  getIdentity: (): Promise<Identity> => call("get_identity"),
  setIdentity: (name: string, role: ReviewRole): Promise<Identity> => call("set_identity", { name, role }),
  listComments: (id: string, filter: CommentFilter | null): Promise<Array<Comment>> => call("list_comments", { id, filter }),
  commentCounts: (id: string): Promise<CommentCounts> => call("comment_counts", { id }),
  addComment: (id: string, target: CommentTarget, text: string): Promise<Comment> => call("add_comment", { id, target, text }),
  replyComment: (id: string, parentId: string, text: string): Promise<Comment> => call("reply_comment", { id, parentId, text }),
  editComment: (commentId: string, text: string): Promise<Comment> => call("edit_comment", { commentId, text }),
  deleteComment: (commentId: string): Promise<null> => call("delete_comment", { commentId }),
  resolveComment: (commentId: string): Promise<Comment> => call("resolve_comment", { commentId }),
  reopenComment: (commentId: string): Promise<Comment> => call("reopen_comment", { commentId }),
  saveReportWithAnchors: (id: string, expectedVersion: number | null, document: Document, anchors: Array<AnchorUpdate>): Promise<Saved> => call("save_report_with_anchors", { id, expectedVersion, document, anchors }),
  workflowInfo: (id: string): Promise<WorkflowInfo> => call("workflow_info", { id }),
  transitionReport: (id: string, request: TransitionRequest): Promise<TransitionOutcome> => call("transition_report", { id, request }),
  auditLog: (id: string): Promise<Array<AuditEntry>> => call("audit_log", { id }),
  listDeadlines: (today: string | null): Promise<Array<Deadline>> => call("list_deadlines", { today }),
  exportReviewPackage: (id: string): Promise<PackageInfo | null> => call("export_review_package", { id }),
  openReviewPackage: (): Promise<PackageOpened | null> => call("open_review_package"),
  openLaunchPackage: (): Promise<PackageOpened | null> => call("open_launch_package"),
  mergeReviewPackage: (): Promise<MergeOutcome | null> => call("merge_review_package"),
  importDocxComments: (id: string): Promise<ExternalImport | null> => call("import_docx_comments", { id }),
  markCommentHandled: (commentId: string, reply: string): Promise<Comment> => call("mark_comment_handled", { commentId, reply }),
  auditTable: (id: string): Promise<Array<AuditRow>> => call("audit_table", { id }),
  exportAuditLog: (id: string, utcOffsetMinutes: number): Promise<string | null> => call("export_audit_log", { id, utcOffsetMinutes }),
  findSameReport: (issuer: string, year: number): Promise<ReportSummary | null> => call("find_same_report", { issuer, year }),
  checkField: (field: string, value: string): Promise<string | null> => call("check_field", { field, value }),
  parseDate: (text: string): Promise<string> => call("parse_date", { text }),
  pageView: (document: Document, profile: Profile): Promise<PageView> => call("page_view", { document, profile }),
  checkReport: (id: string, document: Document): Promise<Checked> => call("check_report", { id, document }),
  ignoreFinding: (id: string, finding: Finding, scope: IgnoreScope): Promise<IgnoredFinding> => call("ignore_finding", { id, finding, scope }),
  listIgnored: (id: string): Promise<Array<IgnoredFinding>> => call("list_ignored", { id }),
  restoreIgnored: (ignoredId: number): Promise<null> => call("restore_ignored", { ignoredId }),
  listLexicon: (): Promise<Array<LexEntryView>> => call("list_lexicon"),
  saveLexiconEntry: (entry: LexEntry, replaces: string | null): Promise<Array<LexEntryView>> => call("save_lexicon_entry", { entry, replaces }),
  removeLexiconEntry: (key: string): Promise<Array<LexEntryView>> => call("remove_lexicon_entry", { key }),
  exportLexicon: (format: string): Promise<string | null> => call("export_lexicon", { format }),
  importLexicon: (): Promise<LexiconImport | null> => call("import_lexicon"),
  listPrinters: (): Promise<Array<Printer>> => call("list_printers"),
  printReport: (id: string, request: PrintRequest): Promise<PrintResult> => call("print_report", { id, request }),
  fontSettings: (): Promise<FontSettings> => call("font_settings"),
  setFont: (role: string, family: string | null): Promise<FontSettings> => call("set_font", { role, family }),
  exportDocxWithChanges: (id: string, withComments: boolean | null): Promise<Exported | null> => call("export_docx_with_changes", { id, withComments }),
  importDocxChanges: (id: string): Promise<WordChangesImport | null> => call("import_docx_changes", { id }),
  exportRedline: (id: string, from: number | null, to: number | null, format: ExportFormat): Promise<Exported | null> => call("export_redline", { id, from, to, format }),
  listChanges: (id: string, filter: ChangeFilter | null): Promise<Array<TrackedChange>> => call("list_changes", { id, filter }),
  suggestChange: (id: string, target: ChangeTarget, newText: string): Promise<TrackedChange> => call("suggest_change", { id, target, newText }),
  acceptChange: (changeId: string, expectedVersion: number | null): Promise<ChangesDecided> => call("accept_change", { changeId, expectedVersion }),
  rejectChange: (changeId: string): Promise<ChangesDecided> => call("reject_change", { changeId }),
  acceptAllChanges: (id: string, author: string | null, expectedVersion: number | null): Promise<ChangesDecided> => call("accept_all_changes", { id, author, expectedVersion }),
  rejectAllChanges: (id: string, author: string | null): Promise<ChangesDecided> => call("reject_all_changes", { id, author }),
  saveReportReviewed: (id: string, expectedVersion: number | null, document: Document, anchors: Array<AnchorUpdate>, changes: Array<ChangeUpdate>): Promise<SavedReviewed> => call("save_report_reviewed", { id, expectedVersion, document, anchors, changes }),
  changeRuns: (id: string): Promise<Array<NodeRuns>> => call("change_runs", { id }),
  reportErrors: (id: string): Promise<ReportErrors> => call("report_errors", { id }),
};

/** The command names, as the Rust table lists them. */
export const COMMAND_NAMES = [
  "app_info",
  "list_templates",
  "list_reports",
  "create_report",
  "get_report",
  "save_report",
  "delete_report",
  "save_version",
  "list_revisions",
  "get_revision",
  "restore_revision",
  "compare_revisions",
  "pick_import",
  "confirm_import",
  "next_year_report",
  "export_report",
  "reveal_export",
  "reference_report",
  "preview_pdf",
  "check_document",
  "list_rules",
  "get_rule_config",
  "set_rule_config",
  "close_window",
  "library_health",
  "list_backups",
  "create_backup",
  "restore_backup",
  "new_library",
  "get_identity",
  "set_identity",
  "list_comments",
  "comment_counts",
  "add_comment",
  "reply_comment",
  "edit_comment",
  "delete_comment",
  "resolve_comment",
  "reopen_comment",
  "save_report_with_anchors",
  "workflow_info",
  "transition_report",
  "audit_log",
  "list_deadlines",
  "export_review_package",
  "open_review_package",
  "open_launch_package",
  "merge_review_package",
  "import_docx_comments",
  "mark_comment_handled",
  "audit_table",
  "export_audit_log",
  "find_same_report",
  "check_field",
  "parse_date",
  "page_view",
  "check_report",
  "ignore_finding",
  "list_ignored",
  "restore_ignored",
  "list_lexicon",
  "save_lexicon_entry",
  "remove_lexicon_entry",
  "export_lexicon",
  "import_lexicon",
  "list_printers",
  "print_report",
  "font_settings",
  "set_font",
  "export_docx_with_changes",
  "import_docx_changes",
  "export_redline",
  "list_changes",
  "suggest_change",
  "accept_change",
  "reject_change",
  "accept_all_changes",
  "reject_all_changes",
  "save_report_reviewed",
  "change_runs",
  "report_errors",
] as const;
