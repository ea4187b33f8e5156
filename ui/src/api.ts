// The only place that talks to the Tauri backend: one typed function per command.
import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { AppInfo } from "./bindings/AppInfo";
import type { Comparison } from "./bindings/Comparison";
import type { Created } from "./bindings/Created";
import type { Document } from "./bindings/Document";
import type { NewReport } from "./bindings/NewReport";
import type { ReportSummary } from "./bindings/ReportSummary";
import type { ReportView } from "./bindings/ReportView";
import type { RevisionInfo } from "./bindings/RevisionInfo";
import type { RuleConfig } from "./bindings/RuleConfig";
import type { RuleInfo } from "./bindings/RuleInfo";
import type { Saved } from "./bindings/Saved";
import type { TemplateInfo } from "./bindings/TemplateInfo";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { Exported } from "./bindings/Exported";
import type { Profile } from "./bindings/Profile";
import type { PdfPreview } from "./bindings/PdfPreview";
import type { Finding } from "./bindings/Finding";

export type { AppInfo };

/** What every failed command rejects with; `message` is Chinese, shown as is. */
export type ApiError = AppError;

export function isApiError(e: unknown): e is ApiError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as ApiError).code === "string" &&
    typeof (e as ApiError).message === "string"
  );
}

/** Anything thrown (a backend error, a plain string, a crash) as an ApiError. */
export function toApiError(e: unknown): ApiError {
  if (isApiError(e)) return e;
  if (typeof e === "string") return { code: "unknown", message: e };
  if (e instanceof Error) return { code: "unknown", message: `程序内部错误：${e.message}` };
  return { code: "unknown", message: "程序内部错误" };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toApiError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  listTemplates: () => call<TemplateInfo[]>("list_templates"),
  listReports: (query: string | null) => call<ReportSummary[]>("list_reports", { query }),
  createReport: (input: NewReport) => call<Created>("create_report", { input }),
  getReport: (id: string) => call<ReportView>("get_report", { id }),
  saveReport: (id: string, expectedVersion: number | null, document: Document) =>
    call<Saved>("save_report", { id, expectedVersion, document }),
  deleteReport: (id: string) => call<null>("delete_report", { id }),
  saveVersion: (id: string, message: string | null) => call<RevisionInfo>("save_version", { id, message }),
  listRevisions: (id: string) => call<RevisionInfo[]>("list_revisions", { id }),
  getRevision: (id: string, revision: number) => call<Document>("get_revision", { id, revision }),
  restoreRevision: (id: string, revision: number) => call<RevisionInfo>("restore_revision", { id, revision }),
  /** Two versions compared; a null revision is the working copy. */
  compareRevisions: (id: string, from: number | null, to: number | null) =>
    call<Comparison>("compare_revisions", { id, from, to }),
  // ---- files (import, next year, export, print preview): dialogs are opened by Rust
  /** 导入: native file dialog, then the parsed preview; null when the user cancelled. */
  pickImport: () => call<ImportPreview | null>("pick_import"),
  confirmImport: (token: string, options: ImportOptions) => call<ReportView>("confirm_import", { token, options }),
  nextYearReport: (id: string) => call<ReportView>("next_year_report", { id }),
  /** The report this one was made from by 下一年度报告 (null when none or deleted). */
  referenceReport: (id: string) => call<ReportView | null>("reference_report", { id }),
  /** 导出: native save dialog; null when the user cancelled. */
  exportReport: (id: string, format: ExportFormat, profile: Profile, withComments = false) =>
    call<Exported | null>("export_report", { id, format, profile, withComments }),
  revealExport: (path: string) => call<null>("reveal_export", { path }),
  previewPdf: (id: string, profile: Profile) => call<PdfPreview>("preview_pdf", { id, profile }),
  /** 校对: every enabled rule over the document (the backend re-reads only changed
   * nodes); also the warning before export and the check before 提交审核. */
  checkDocument: (document: Document) => call<Finding[]>("check_document", { document }),
  listRules: () => call<RuleInfo[]>("list_rules"),
  getRuleConfig: () => call<RuleConfig>("get_rule_config"),
  setRuleConfig: (config: RuleConfig) => call<null>("set_rule_config", { config }),
  /** Closes the window for good (after the pending save went through). */
  closeWindow: () => call<null>("close_window"),
};

/** The document part of a report view (drops the workflow fields). */
export function documentOf(v: ReportView): Document {
  return {
    schema_version: v.schema_version,
    issuer: v.issuer,
    year: v.year,
    title_override: v.title_override,
    addressee: v.addressee,
    doc_number: v.doc_number,
    signer: v.signer,
    signature: v.signature,
    date: v.date,
    note: v.note,
    copy_to: v.copy_to,
    printed_by: v.printed_by,
    printed_on: v.printed_on,
    template: v.template,
    settings: v.settings,
    preface: v.preface,
    parts: v.parts,
    closing: v.closing,
  };
}

// ---- review (comments, workflow, audit log, deadlines, review packages) ------------
// Rust: src-tauri/src/review.rs over fazhi-core's review module (see the API
// summary at the top of crates/fazhi-core/src/review/mod.rs).
import type { AnchorUpdate } from "./bindings/AnchorUpdate";
import type { AuditEntry } from "./bindings/AuditEntry";
import type { Comment } from "./bindings/Comment";
import type { CommentCounts } from "./bindings/CommentCounts";
import type { CommentFilter } from "./bindings/CommentFilter";
import type { CommentTarget } from "./bindings/CommentTarget";
import type { Deadline } from "./bindings/Deadline";
import type { ExternalImport } from "./bindings/ExternalImport";
import type { Identity } from "./bindings/Identity";
import type { MergeOutcome } from "./bindings/MergeOutcome";
import type { PackageInfo } from "./bindings/PackageInfo";
import type { PackageOpened } from "./bindings/PackageOpened";
import type { ReviewRole } from "./bindings/ReviewRole";
import type { TransitionOutcome } from "./bindings/TransitionOutcome";
import type { TransitionRequest } from "./bindings/TransitionRequest";
import type { WorkflowInfo } from "./bindings/WorkflowInfo";

/** Today in the user's time zone, ISO `YYYY-MM-DD` (deadlines are calendar days). */
export function localToday(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const reviewApi = {
  /** Who this library acts as; `name` is "" until set (comments and transitions need it). */
  getIdentity: () => call<Identity>("get_identity"),
  setIdentity: (name: string, role: ReviewRole) => call<Identity>("set_identity", { name, role }),
  /** Threads (roots with `replies`), in document order; orphaned ones last. */
  listComments: (id: string, filter: CommentFilter | null = null) =>
    call<Comment[]>("list_comments", { id, filter }),
  commentCounts: (id: string) => call<CommentCounts>("comment_counts", { id }),
  /** On a node range ({kind:"range", node_id, start, end}, Unicode scalar offsets) or a quote. */
  addComment: (id: string, target: CommentTarget, text: string) =>
    call<Comment>("add_comment", { id, target, text }),
  replyComment: (id: string, parentId: string, text: string) =>
    call<Comment>("reply_comment", { id, parentId, text }),
  editComment: (commentId: string, text: string) => call<Comment>("edit_comment", { commentId, text }),
  deleteComment: (commentId: string) => call<null>("delete_comment", { commentId }),
  resolveComment: (commentId: string) => call<Comment>("resolve_comment", { commentId }),
  reopenComment: (commentId: string) => call<Comment>("reopen_comment", { commentId }),
  /** save_report plus the exact comment ranges from the editor's marks (node_id null = text deleted). */
  saveReportWithAnchors: (id: string, expectedVersion: number | null, document: Document, anchors: AnchorUpdate[]) =>
    call<Saved>("save_report_with_anchors", { id, expectedVersion, document, anchors }),
  workflowInfo: (id: string) => call<WorkflowInfo>("workflow_info", { id }),
  /** The backend counts the check errors itself (request.check_errors is ignored). */
  transitionReport: (id: string, request: TransitionRequest) =>
    call<TransitionOutcome>("transition_report", { id, request }),
  auditLog: (id: string) => call<AuditEntry[]>("audit_log", { id }),
  listDeadlines: (today: string = localToday()) => call<Deadline[]>("list_deadlines", { today }),
  /** Native dialogs; null when the user cancelled. */
  exportReviewPackage: (id: string) => call<PackageInfo | null>("export_review_package", { id }),
  openReviewPackage: () => call<PackageOpened | null>("open_review_package"),
  /** The package the app was started with (double-click on a .fzbg); null when none. */
  openLaunchPackage: () => call<PackageOpened | null>("open_launch_package"),
  mergeReviewPackage: () => call<MergeOutcome | null>("merge_review_package"),
  importDocxComments: (id: string) => call<ExternalImport | null>("import_docx_comments", { id }),
};

// ---- backups and recovery (src-tauri/src/backup.rs over fazhi_core::backup) ----------
import type { BackupInfo } from "./bindings/BackupInfo";
import type { BackupRestored } from "./bindings/BackupRestored";
import type { LibraryHealth } from "./bindings/LibraryHealth";

export const backupApi = {
  /** Why the library could not be opened at start ("ok" when it was). */
  libraryHealth: () => call<LibraryHealth>("library_health"),
  /** Newest first. */
  listBackups: () => call<BackupInfo[]>("list_backups"),
  createBackup: () => call<BackupInfo>("create_backup"),
  /** By id from listBackups; the current library is kept aside first. */
  restoreBackup: (id: string) => call<BackupRestored>("restore_backup", { id }),
  /** Recovery screen only: sets the unusable file aside, opens an empty library; returns where it went. */
  newLibrary: () => call<string | null>("new_library"),
};
