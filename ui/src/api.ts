// The UI's view of the backend, grouped as the screens use it. Every function
// is bound to the generated bindings/commands.ts (one per entry of the Rust
// command table); ipc.ts is the only caller of invoke.
import { commands as c } from "./bindings/commands";
import type { AppInfo } from "./bindings/AppInfo";
import type { Document } from "./bindings/Document";
import type { NewReport } from "./bindings/NewReport";
import type { ReportView } from "./bindings/ReportView";
import type { RuleConfig } from "./bindings/RuleConfig";
import type { ImportOptions } from "./bindings/ImportOptions";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { Profile } from "./bindings/Profile";
import type { Finding } from "./bindings/Finding";
import type { IgnoreScope } from "./bindings/IgnoreScope";
import type { LexEntry } from "./bindings/LexEntry";
import type { PrintRequest } from "./bindings/PrintRequest";
import type { ChangeFilter } from "./bindings/ChangeFilter";
import type { ChangeUpdate } from "./bindings/ChangeUpdate";

export type { AppInfo };

export type { ApiError } from "./ipc";
export { isApiError, toApiError } from "./ipc";

export const api = {
  appInfo: () => c.appInfo(),
  listTemplates: () => c.listTemplates(),
  listReports: (query: string | null) => c.listReports(query),
  createReport: (input: NewReport) => c.createReport(input),
  getReport: (id: string) => c.getReport(id),
  saveReport: (id: string, expectedVersion: number | null, document: Document) =>
    c.saveReport(id, expectedVersion, document),
  deleteReport: (id: string) => c.deleteReport(id),
  saveVersion: (id: string, message: string | null) => c.saveVersion(id, message),
  listRevisions: (id: string) => c.listRevisions(id),
  getRevision: (id: string, revision: number) => c.getRevision(id, revision),
  restoreRevision: (id: string, revision: number) => c.restoreRevision(id, revision),
  /** Two versions compared; a null revision is the working copy. */
  compareRevisions: (id: string, from: number | null, to: number | null) =>
    c.compareRevisions(id, from, to),
  // ---- files (import, next year, export, print preview): dialogs are opened by Rust
  /** 导入: native file dialog, then the parsed preview; null when the user cancelled. */
  pickImport: () => c.pickImport(),
  confirmImport: (token: string, options: ImportOptions) => c.confirmImport(token, options),
  nextYearReport: (id: string) => c.nextYearReport(id),
  /** The report this one was made from by 下一年度报告 (null when none or deleted). */
  referenceReport: (id: string) => c.referenceReport(id),
  /** 导出: native save dialog; null when the user cancelled. */
  exportReport: (id: string, format: ExportFormat, profile: Profile, withComments = false) =>
    c.exportReport(id, format, profile, withComments),
  revealExport: (path: string) => c.revealExport(path),
  previewPdf: (id: string, profile: Profile) => c.previewPdf(id, profile),
  /** [official] 报告信息: why a metadata field's value is refused (null when fine). */
  checkField: (field: string, value: string) => c.checkField(field, value),
  /** [official] 成文日期 as typed (2020年3月13日, 2020-03-13, 2020.3.13, 2020/3/13) → ISO. */
  parseDate: (text: string) => c.parseDate(text),
  /** [official] The page's title lines, 主送, 附件说明, signature block and 版记 as the layout model decides them. */
  pageView: (document: Document, profile: Profile) => c.pageView(document, profile),
  /** 校对: every enabled rule over the document (the backend re-reads only changed
   * nodes); also the warning before export and the check before 提交审核. */
  checkDocument: (document: Document) => c.checkDocument(document),
  listRules: () => c.listRules(),
  getRuleConfig: () => c.getRuleConfig(),
  setRuleConfig: (config: RuleConfig) => c.setRuleConfig(config),
  /** Closes the window for good (after the pending save went through). */
  closeWindow: () => c.closeWindow(),
  /** [polish #20] The library's report for the same issuer and year, if any (新建报告 warns). */
  findSameReport: (issuer: string, year: number) => c.findSameReport(issuer, year),
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
    // [official]: the filing copy's 版头, seal and attachments.
    issuer_mark: v.issuer_mark ?? null,
    copy_number: v.copy_number ?? null,
    secrecy: v.secrecy ?? null,
    urgency: v.urgency ?? null,
    sealed: v.sealed ?? true,
    attachments: v.attachments ?? [],
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
import type { CommentFilter } from "./bindings/CommentFilter";
import type { CommentTarget } from "./bindings/CommentTarget";
import type { ReviewRole } from "./bindings/ReviewRole";
import type { TransitionRequest } from "./bindings/TransitionRequest";

/** Today in the user's time zone, ISO `YYYY-MM-DD` (deadlines are calendar days). */
export function localToday(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

export const reviewApi = {
  /** Who this library acts as; `name` is "" until set (comments and transitions need it). */
  getIdentity: () => c.getIdentity(),
  setIdentity: (name: string, role: ReviewRole) => c.setIdentity(name, role),
  /** Threads (roots with `replies`), in document order; orphaned ones last. */
  listComments: (id: string, filter: CommentFilter | null = null) =>
    c.listComments(id, filter),
  commentCounts: (id: string) => c.commentCounts(id),
  /** On a node range ({kind:"range", node_id, start, end}, Unicode scalar offsets) or a quote. */
  addComment: (id: string, target: CommentTarget, text: string) =>
    c.addComment(id, target, text),
  replyComment: (id: string, parentId: string, text: string) =>
    c.replyComment(id, parentId, text),
  editComment: (commentId: string, text: string) => c.editComment(commentId, text),
  deleteComment: (commentId: string) => c.deleteComment(commentId),
  resolveComment: (commentId: string) => c.resolveComment(commentId),
  reopenComment: (commentId: string) => c.reopenComment(commentId),
  /** save_report plus the exact comment ranges from the editor's marks (node_id null = text deleted). */
  saveReportWithAnchors: (id: string, expectedVersion: number | null, document: Document, anchors: AnchorUpdate[]) =>
    c.saveReportWithAnchors(id, expectedVersion, document, anchors),
  workflowInfo: (id: string) => c.workflowInfo(id),
  /** The backend counts the check errors itself (request.check_errors is ignored). */
  transitionReport: (id: string, request: TransitionRequest) =>
    c.transitionReport(id, request),
  auditLog: (id: string) => c.auditLog(id),
  listDeadlines: (today: string = localToday()) => c.listDeadlines(today),
  /** Native dialogs; null when the user cancelled. */
  exportReviewPackage: (id: string) => c.exportReviewPackage(id),
  openReviewPackage: () => c.openReviewPackage(),
  /** The package the app was started with (double-click on a .fzbg); null when none. */
  openLaunchPackage: () => c.openLaunchPackage(),
  mergeReviewPackage: () => c.mergeReviewPackage(),
  importDocxComments: (id: string) => c.importDocxComments(id),
  // [polish #20]
  /** 已处理: a reply saying what was done; its author or a 签发人 closes it. */
  markCommentHandled: (commentId: string, reply: string) => c.markCommentHandled(commentId, reply),
  /** The audit log to read: names, times, what changed in words. */
  auditTable: (id: string) => c.auditTable(id),
  /** Save dialog; the path, or null when cancelled. Times in this window's zone. */
  exportAuditLog: (id: string) => c.exportAuditLog(id, -new Date().getTimezoneOffset()),
};

// ---- backups and recovery (src-tauri/src/backup.rs over fazhi_core::backup) ----------

export const backupApi = {
  /** Why the library could not be opened at start ("ok" when it was). */
  libraryHealth: () => c.libraryHealth(),
  /** Newest first. */
  listBackups: () => c.listBackups(),
  createBackup: () => c.createBackup(),
  /** By id from listBackups; the current library is kept aside first. */
  restoreBackup: (id: string) => c.restoreBackup(id),
  /** Recovery screen only: sets the unusable file aside, opens an empty library; returns where it went. */
  newLibrary: () => c.newLibrary(),
};

/** [proofing #18] 校对 with ignores (忽略、忽略并记住、恢复) and 设置 → 词库. */
export const proofingApi = {
  /** Findings with the library's ignores applied, and the ignored ones apart. */
  checkReport: (id: string, document: Document) => c.checkReport(id, document),
  ignoreFinding: (id: string, finding: Finding, scope: IgnoreScope) => c.ignoreFinding(id, finding, scope),
  listIgnored: (id: string) => c.listIgnored(id),
  restoreIgnored: (ignoredId: number) => c.restoreIgnored(ignoredId),
  listLexicon: () => c.listLexicon(),
  saveLexiconEntry: (entry: LexEntry, replaces: string | null) => c.saveLexiconEntry(entry, replaces),
  removeLexiconEntry: (key: string) => c.removeLexiconEntry(key),
  /** 导出词库: native save dialog ("csv" | "xlsx"); null when cancelled. */
  exportLexicon: (format: string) => c.exportLexicon(format),
  /** 导入词库: native open dialog; null when cancelled. */
  importLexicon: () => c.importLexicon(),
};

/** [print #19] 打印 through CUPS and 设置 → 字体. */
export const printApi = {
  /** The printers the system knows, the default first. */
  listPrinters: () => c.listPrinters(),
  /** Prints the report's PDF (the export's, in the chosen fonts); resolves with the job's outcome. */
  printReport: (id: string, request: PrintRequest) => c.printReport(id, request),
  fontSettings: () => c.fontSettings(),
  /** `family` null: 内置. */
  setFont: (role: string, family: string | null) => c.setFont(role, family),
};

/** [tracking #17] 修订: the pending changes, accept/reject, and the editor's save in 修订. */
export const changesApi = {
  /** Pending changes (oldest first); `"all"` with the decided ones. */
  listChanges: (id: string, filter: ChangeFilter | null = null) => c.listChanges(id, filter),
  acceptChange: (changeId: string, expectedVersion: number | null = null) => c.acceptChange(changeId, expectedVersion),
  rejectChange: (changeId: string) => c.rejectChange(changeId),
  /** Every pending change, or only `author`'s. */
  acceptAllChanges: (id: string, author: string | null = null, expectedVersion: number | null = null) =>
    c.acceptAllChanges(id, author, expectedVersion),
  rejectAllChanges: (id: string, author: string | null = null) => c.rejectAllChanges(id, author),
  /** The original text, the comment ranges and every change the editor shows (its marks). */
  saveReportReviewed: (id: string, expectedVersion: number | null, document: Document, anchors: AnchorUpdate[], changes: ChangeUpdate[]) =>
    c.saveReportReviewed(id, expectedVersion, document, anchors, changes),
};
