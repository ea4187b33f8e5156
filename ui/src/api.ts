// The only place that talks to the Tauri backend: one typed function per command.
import { invoke } from "@tauri-apps/api/core";
import type { AppError } from "./bindings/AppError";
import type { AppInfo } from "./bindings/AppInfo";
import type { Comparison } from "./bindings/Comparison";
import type { Created } from "./bindings/Created";
import type { Document } from "./bindings/Document";
import type { Finding as CheckFinding } from "./bindings/Finding";
import type { NewReport } from "./bindings/NewReport";
import type { ReportSummary } from "./bindings/ReportSummary";
import type { ReportView } from "./bindings/ReportView";
import type { RevisionInfo } from "./bindings/RevisionInfo";
import type { RuleConfig } from "./bindings/RuleConfig";
import type { RuleInfo } from "./bindings/RuleInfo";
import type { Saved } from "./bindings/Saved";
import type { TemplateInfo } from "./bindings/TemplateInfo";

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
  /** 校对: every enabled rule over the document (the backend re-reads only changed nodes). */
  checkDocument: (document: Document) => call<CheckFinding[]>("check_document", { document }),
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
