// The review commands this UI uses (wrappers in api.ts), as one interface so
// the panel and the workflow bar can be given a stand-in in unit tests.
import { api, localToday, reviewApi } from "../api";
import { commands } from "../bindings/commands";
import type { ReportErrors } from "../bindings/ReportErrors";
import type { AuditEntry } from "../bindings/AuditEntry";
import type { AuditRow } from "../bindings/AuditRow";
import type { Comment } from "../bindings/Comment";
import type { CommentFilter } from "../bindings/CommentFilter";
import type { CommentTarget } from "../bindings/CommentTarget";
import type { AnchorUpdate } from "../bindings/AnchorUpdate";
import type { Deadline } from "../bindings/Deadline";
import type { Document } from "../bindings/Document";
import type { ExternalImport } from "../bindings/ExternalImport";
import type { Identity } from "../bindings/Identity";
import type { MergeOutcome } from "../bindings/MergeOutcome";
import type { PackageInfo } from "../bindings/PackageInfo";
import type { PackageOpened } from "../bindings/PackageOpened";
import type { ReviewRole } from "../bindings/ReviewRole";
import type { Saved } from "../bindings/Saved";
import type { TransitionOutcome } from "../bindings/TransitionOutcome";
import type { TransitionRequest } from "../bindings/TransitionRequest";
import type { WorkflowInfo } from "../bindings/WorkflowInfo";

export interface ReviewApi {
  getIdentity(): Promise<Identity>;
  setIdentity(name: string, role: ReviewRole): Promise<Identity>;
  listComments(id: string, filter: CommentFilter | null): Promise<Comment[]>;
  addComment(id: string, target: CommentTarget, text: string): Promise<Comment>;
  replyComment(id: string, parentId: string, text: string): Promise<Comment>;
  editComment(commentId: string, text: string): Promise<Comment>;
  deleteComment(commentId: string): Promise<null>;
  resolveComment(commentId: string): Promise<Comment>;
  reopenComment(commentId: string): Promise<Comment>;
  saveReportWithAnchors(id: string, expectedVersion: number | null, document: Document, anchors: AnchorUpdate[]): Promise<Saved>;
  saveReport(id: string, expectedVersion: number | null, document: Document): Promise<Saved>;
  workflowInfo(id: string): Promise<WorkflowInfo>;
  transitionReport(id: string, request: TransitionRequest): Promise<TransitionOutcome>;
  auditLog(id: string): Promise<AuditEntry[]>;
  auditTable(id: string): Promise<AuditRow[]>;
  exportAuditLog(id: string): Promise<string | null>;
  markCommentHandled(commentId: string, reply: string): Promise<Comment>;
  listDeadlines(today: string | null): Promise<Deadline[]>;
  exportReviewPackage(id: string): Promise<PackageInfo | null>;
  openReviewPackage(): Promise<PackageOpened | null>;
  openLaunchPackage(): Promise<PackageOpened | null>;
  mergeReviewPackage(): Promise<MergeOutcome | null>;
  importDocxComments(id: string): Promise<ExternalImport | null>;
  reportErrors(id: string): Promise<ReportErrors>;
}

export const rapi: ReviewApi = {
  ...reviewApi,
  listDeadlines: (today) => reviewApi.listDeadlines(today ?? localToday()),
  saveReport: api.saveReport,
  reportErrors: commands.reportErrors,
};

export { localToday };
