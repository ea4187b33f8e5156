// Review packages and Word comments: 导出审阅包, 导入审阅意见, 导入批注（DOCX）
// in an open report, 打开审阅包 in the header. The native file dialogs are
// opened by the backend; null means the user cancelled.
import { toApiError, type ApiError } from "../api";
import { dropMenu } from "../report/toolbar";
import type { Deadline } from "../bindings/Deadline";
import type { PackageOpened } from "../bindings/PackageOpened";
import { h } from "../dom";
import { importWordChanges } from "../word-changes";
import { requireIdentity } from "./identity";
import { localToday, rapi, type ReviewApi } from "./rapi";

/** A short result dialog (what was merged, what the user should know). */
export function resultDialog(title: string, lines: string[]): void {
  const ok = h("button", { type: "button", className: "primary", testid: "package-result-ok" }, "确定");
  const d = h("dialog", { className: "dialog", testid: "package-result", "aria-label": title },
    h("h2", {}, title), h("ul", { className: "result-lines" }, lines.map((l) => h("li", {}, l))),
    h("div", { className: "dialog-buttons" }, ok));
  d.addEventListener("close", () => d.remove());
  ok.addEventListener("click", () => d.close());
  document.body.append(d);
  d.showModal();
  ok.focus();
}

export interface PackageToolOptions {
  reportId: string;
  api?: ReviewApi;
  flush(): Promise<boolean>;
  /** Comments changed (merged or imported). */
  reloadComments(): void;
  say(m: string): void;
  onError(e: ApiError | null): void;
  /** The report a merge went into, when it is not this one. */
  openReport?(id: string): void;
  /** [tracking #17] Reopens this report (after 导入Word修订, to show the new suggestions). */
  reload?(): void;
  reviewCopy: boolean;
}

/** The toolbar group of an open report. */
export function packageTools(o: PackageToolOptions): HTMLElement {
  const api = o.api ?? rapi;
  const run = async (btn: HTMLButtonElement, f: () => Promise<void>) => {
    if (!(await requireIdentity())) return;
    btn.disabled = true;
    o.onError(null);
    try {
      await f();
    } catch (e) {
      o.onError(toApiError(e));
    } finally {
      btn.disabled = false;
    }
  };
  const exp = h("button", { type: "button", "data-keep": "1", testid: "export-package", title: "把报告和批注导出为一个审阅包（.fzbg），发给审阅人" }, "导出审阅包");
  exp.addEventListener("click", () => void run(exp, async () => {
    if (!(await o.flush())) throw { code: "unsaved", message: "正文尚未保存，请稍后再导出" };
    const info = await api.exportReviewPackage(o.reportId);
    if (info) o.say(`已导出审阅包（第${info.report_version}版，含${info.comments}条批注）`);
  }));
  const group = h("span", { className: "group review-files" }, exp);
  if (o.reviewCopy) return group;
  const merge = h("button", { type: "button", "data-keep": "1", testid: "merge-package", title: "打开审阅人交回的审阅包，把新的批注和回复并入本报告" }, "导入审阅意见");
  merge.addEventListener("click", () => void run(merge, async () => {
    const out = await api.mergeReviewPackage();
    if (!out) return;
    const lines = [
      `新增批注 ${out.added_comments} 条，新增回复 ${out.added_replies} 条`,
      out.already_present > 0 ? `${out.already_present} 条此前已导入，未重复添加` : "",
      out.orphaned > 0 ? `${out.orphaned} 条批注的原文已不在报告中（标为“原文已删除”）` : "",
      out.skipped > 0 ? `${out.skipped} 条回复找不到对应的批注，未导入` : "",
      ...out.notices,
    ].filter((l) => l !== "");
    resultDialog(`已导入审阅意见：${out.title}`, lines);
    if (out.report_id === o.reportId) o.reloadComments();
    else o.openReport?.(out.report_id);
  }));
  const docx = h("button", { type: "button", "data-keep": "1", testid: "import-docx-comments", title: "导入审阅人在 Word 或 WPS 中写的批注" }, "导入批注（DOCX）");
  docx.addEventListener("click", () => void run(docx, async () => {
    const out = await api.importDocxComments(o.reportId);
    if (!out) return;
    resultDialog("已导入 Word 批注", [
      `新增批注 ${out.added} 条`,
      out.duplicates > 0 ? `${out.duplicates} 条此前已导入，未重复添加` : "",
      out.orphaned > 0 ? `${out.orphaned} 条批注在报告中找不到对应文字（标为“原文已删除”）` : "",
    ].filter((l) => l !== ""));
    o.reloadComments();
  }));
  // [tracking #17] 导入Word修订 beside it: the reviewer's tracked changes as suggestions (word-changes.ts).
  const changes = h("button", { type: "button", "data-keep": "1", testid: "import-docx-changes", title: "导入审阅人在 Word 或 WPS 中以修订方式做的修改，作为修改建议" }, "导入Word修订");
  changes.addEventListener("click", () => void run(changes, async () => {
    await importWordChanges({ reportId: o.reportId, flush: o.flush, reload: o.reload });
  }));
  // The three imports of a reviewer's answer share one menu, so the toolbar keeps two rows.
  group.append(dropMenu({ label: "导入审阅结果 ▾", title: "导入审阅人交回的审阅包、Word 批注或 Word 修订", testid: "review-import" }, merge, docx, changes));
  return group;
}

/** 打开审阅包 (header): opens the package's report as a review copy. */
/** A package opened as a review copy: says what happened (refreshed, notices), then opens it. */
function openedCopy(out: PackageOpened, open: (id: string) => void): void {
  if (out.notices.length > 0 || out.refreshed)
    resultDialog(`审阅副本：${out.report.title}`, [out.refreshed ? "已用新的审阅包更新此审阅副本" : "", ...out.notices].filter((l) => l !== ""));
  open(out.report.id);
}

export function openPackageButton(open: (id: string) => void, onError: (e: ApiError | null) => void, api: ReviewApi = rapi): HTMLButtonElement {
  const b = h("button", { type: "button", className: "link", testid: "open-package", title: "打开起草人发来的审阅包（审阅副本：正文只读，可以批注）" }, "打开审阅包");
  b.addEventListener("click", async () => {
    b.disabled = true;
    onError(null);
    try {
      const out = await api.openReviewPackage();
      if (!out) return;
      openedCopy(out, open);
    } catch (e) {
      onError(toApiError(e));
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

/**
 * A package double-clicked in the file manager: the app was started with it, or
 * a second launch handed it over (the backend then calls
 * `window.__fazhiOpenLaunchPackage`). Opens it as a review copy, like 打开审阅包.
 */
export function installLaunchPackage(open: (id: string) => void, onError: (e: ApiError | null) => void, api: ReviewApi = rapi): Promise<void> {
  const run = async () => {
    try {
      const out = await api.openLaunchPackage();
      if (!out) return;
      openedCopy(out, open);
    } catch (e) {
      onError(toApiError(e));
    }
  };
  (window as unknown as { __fazhiOpenLaunchPackage?: () => Promise<void> }).__fazhiOpenLaunchPackage = run;
  return run();
}

/** Adds 逾期/即将到期 badges to the report list's rows (`data-report-id`). */
export async function decorateDeadlines(host: HTMLElement, api: ReviewApi = rapi): Promise<void> {
  let list: Deadline[];
  try {
    list = await api.listDeadlines(localToday());
  } catch {
    return;
  }
  for (const d of list) {
    if (d.state !== "late" && d.state !== "soon") continue;
    const row = host.querySelector<HTMLElement>(`[data-report-id="${d.report_id}"]`);
    const cell = row?.querySelector(".status")?.parentElement;
    if (!cell || cell.querySelector(".deadline-badge")) continue;
    cell.append(" ", h("span", { className: `deadline-badge deadline-${d.state}`, testid: "deadline-badge", "data-state": d.state, title: d.label },
      d.state === "late" ? "逾期" : "即将到期"));
  }
}
