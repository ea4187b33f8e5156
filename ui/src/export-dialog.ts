// 导出: format and profile, a warning first when the check finds 错误, then the
// native save dialog (opened by Rust) and a toast with 打开所在文件夹 — or, when the
// export's fonts did not all come out as chosen (a character the chosen font lacks, a
// chosen font gone from this machine: Rust's notices), the result and the notices in
// the dialog until the user closes it.
// [tracking #17] 含修订: a DOCX 报送版 with the pending 修订 as Word tracked changes
// (w:ins / w:del with author and date) through `export_docx_with_changes`.
import "./redline.css";
import { api, reviewApi, toApiError, type ApiError } from "./api";
import { commands } from "./bindings/commands";
import type { Document } from "./bindings/Document";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { Exported } from "./bindings/Exported";
import type { Profile } from "./bindings/Profile";
import { h } from "./dom";
import { printPreview } from "./preview";
import { referencePane } from "./reference";

export interface ExportContext {
  reportId: string;
  /** Saves pending edits; false when they could not be saved. */
  flush(): Promise<boolean>;
  /** The document as it stands in the editor. */
  document(): Document;
  /** Whether the report has review comments (含批注 is offered only then). */
  hasComments?: () => boolean;
}

const FORMATS: { value: ExportFormat; label: string; hint: string }[] = [
  { value: "docx", label: "Word 文档（DOCX）", hint: "报送上级、在 Word 或 WPS 中继续修改" },
  { value: "pdf", label: "PDF", hint: "按 GB/T 9704 排版，适合存档和打印" },
  { value: "html", label: "网页（HTML）", hint: "在政府网站公开发布" },
];
const PROFILES: { value: Profile; label: string; hint: string }[] = [
  { value: "filing", label: "报送版", hint: "含发文字号、签发人、主送机关、附注和版记" },
  { value: "publication", label: "公开版", hint: "只含标题、正文、署名和日期，不含内部信息" },
];

let exportSeq = 0;

/** Opens the 导出 dialog; resolves with the exported file, or null when cancelled. */
export function exportDialog(ctx: ExportContext, initial: ExportFormat = "docx"): Promise<Exported | null> {
  document.querySelector<HTMLDialogElement>('[data-testid="export-dialog"]')?.close();
  const n = ++exportSeq;
  const radio = <T extends string>(name: string, value: T, label: string, hint: string, checked: boolean) =>
    h("label", { className: "radio" },
      h("input", { type: "radio", name, value, checked, testid: `${name}-${value}` }),
      h("span", {}, label), h("span", { className: "hint" }, hint));
  const formatSet = h("fieldset", { className: "field" }, h("legend", {}, "格式"),
    FORMATS.map((f) => radio(`export-format`, f.value, f.label, f.hint, f.value === initial)));
  const profileSet = h("fieldset", { className: "field" }, h("legend", {}, "版本"),
    PROFILES.map((p) => radio(`export-profile`, p.value, p.label, p.hint, p.value === "filing")));
  const comments = h("input", { type: "checkbox", id: `ex-comments-${n}`, testid: "export-comments", disabled: true });
  const commentsHint = h("p", { className: "hint", testid: "export-comments-hint" }, "正在查看批注……");
  const setCommentsOn = (on: boolean) => {
    comments.disabled = !on;
    if (!on) comments.checked = false;
    commentsHint.textContent = on
      ? "把未解决的审阅批注作为 Word 批注导出（仅报送版）。"
      : "本报告没有未解决的批注；审阅时添加批注后可以一并导出。";
  };
  // Asked fresh each time: comments change while the dialog is closed.
  const known = ctx.hasComments?.();
  if (known !== undefined) setCommentsOn(known);
  else
    reviewApi.commentCounts(ctx.reportId).then(
      (c) => setCommentsOn(c.open - c.orphaned > 0),
      () => setCommentsOn(false),
    );
  const commentsRow = h("div", { className: "field" },
    h("div", { className: "check" }, comments, h("label", { for: `ex-comments-${n}` }, "含批注")), commentsHint);
  // 含修订: offered whatever the count (a suggestion typed a moment ago is saved at 导出);
  // the hint says how many are pending when the dialog opened.
  const changes = h("input", { type: "checkbox", id: `ex-changes-${n}`, testid: "export-changes" });
  const changesHint = h("p", { className: "hint", testid: "export-changes-hint" },
    "把待处理的修订作为 Word 修订导出，可在 Word、WPS 中逐条接受或拒绝（仅报送版）。");
  commands.listChanges(ctx.reportId, "pending").then(
    (list) => {
      changesHint.textContent = list.length > 0
        ? `本报告有${list.length}处待处理的修订，勾选后作为 Word 修订导出，可在 Word、WPS 中逐条接受或拒绝（仅报送版）。`
        : "本报告目前没有待处理的修订；勾选后，导出时正文中的修订会作为 Word 修订写入（仅报送版）。";
    },
    () => {},
  );
  const changesRow = h("div", { className: "field" },
    h("div", { className: "check" }, changes, h("label", { for: `ex-changes-${n}` }, "含修订")), changesHint);
  const warning = h("div", { className: "export-warning", testid: "export-warning", role: "alert", hidden: true });
  const err = h("p", { className: "field-error", role: "alert", testid: "export-error" });
  const ok = h("button", { type: "submit", className: "primary", testid: "export-confirm" }, "导出…");
  const cancel = h("button", { type: "button", testid: "export-cancel" }, "取消");
  const form = h("form", { method: "dialog", novalidate: true },
    h("h2", {}, "导出报告"), formatSet, profileSet, commentsRow, changesRow, warning, err,
    h("div", { className: "dialog-buttons" }, cancel, ok));
  const d = h("dialog", { className: "dialog export-dialog", testid: "export-dialog", "aria-label": "导出报告" }, form);
  document.body.append(d);

  const selected = <T extends string>(name: string): T =>
    (form.querySelector<HTMLInputElement>(`input[name="${name}"]:checked`)?.value ?? "") as T;
  const syncComments = () => {
    const docx = selected<ExportFormat>("export-format") === "docx";
    commentsRow.hidden = !docx || selected<Profile>("export-profile") !== "filing";
    changesRow.hidden = commentsRow.hidden;
  };
  form.addEventListener("change", () => {
    syncComments();
    // A changed choice needs a fresh look at the warning.
    warned = false;
    warning.hidden = true;
    ok.textContent = "导出…";
  });
  syncComments();
  let warned = false;

  return new Promise((resolve) => {
    let result: Exported | null = null;
    d.addEventListener("close", () => {
      d.remove();
      resolve(result);
    });
    cancel.addEventListener("click", () => d.close());
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      err.textContent = "";
      ok.disabled = true;
      try {
        if (!(await ctx.flush())) throw { code: "unsaved", message: "当前修改尚未保存，请等保存完成后再导出" };
        if (!warned) {
          // The report as saved (just flushed), counted by Rust: the errors `fazhi check`
          // lists with the ignores applied — the number `fazhi export` and 定稿 give.
          let count = 0;
          let messages: string[] = [];
          try {
            const errors = await commands.reportErrors(ctx.reportId);
            count = errors.count;
            messages = errors.findings.map((f) => f.message);
          } catch (e) {
            err.textContent = `校对未能完成（${toApiError(e).message}），仍可导出。`;
          }
          if (count > 0) {
            warned = true;
            warning.replaceChildren(
              h("strong", {}, `校对发现${count}处错误，建议改正后再导出：`),
              h("ul", {}, messages.slice(0, 5).map((m) => h("li", {}, m))),
              h("p", { className: "hint", hidden: count <= 5 }, `……另有${count - 5}处`),
              h("p", {}, "仍要导出吗？"));
            warning.hidden = false;
            ok.textContent = "仍然导出…";
            ok.disabled = false;
            ok.focus();
            return;
          }
        }
        const format = selected<ExportFormat>("export-format");
        const profile = selected<Profile>("export-profile");
        const withComments = format === "docx" && profile === "filing" && comments.checked;
        const withChanges = format === "docx" && profile === "filing" && changes.checked;
        const exported = withChanges
          ? await commands.exportDocxWithChanges(ctx.reportId, withComments)
          : await api.exportReport(ctx.reportId, format, profile, withComments);
        if (exported === null) {
          // The user closed the save dialog: stay here, nothing written.
          ok.disabled = false;
          return;
        }
        result = exported;
        if (exported.notices.length === 0) {
          d.close();
          exportedToast(exported);
        } else {
          // The fonts did not all come out as chosen: the dialog stays with the result
          // and the notices until the user closes it.
          form.replaceChildren(h("h2", {}, "导出报告"), ...exportedResult(exported, () => d.close()));
          form.querySelector<HTMLButtonElement>('[data-testid="export-result-close"]')?.focus();
        }
      } catch (e) {
        err.textContent = toApiError(e).message;
        ok.disabled = false;
      }
    });
    d.showModal();
    ok.focus();
  });
}

/**
 * The dialog's result when the export has font notices (Rust's Chinese lines: a chosen
 * font gone from this machine, the characters a chosen font lacked): 已导出, the
 * notices under a heading, 打开所在文件夹 and 关闭.
 */
function exportedResult(exported: Exported, done: () => void): HTMLElement[] {
  const err = h("p", { className: "field-error", role: "alert" });
  const kb = Math.max(1, Math.round(exported.bytes / 1024));
  const reveal = h("button", { type: "button", testid: "export-result-reveal", onclick: async () => {
    err.textContent = "";
    try {
      await api.revealExport(exported.path);
    } catch (e) {
      err.textContent = toApiError(e).message;
    }
  } }, "打开所在文件夹");
  const close = h("button", { type: "button", className: "primary", testid: "export-result-close", onclick: done }, "关闭");
  return [
    h("p", { className: "export-done", testid: "export-result", role: "status" }, `已导出：${exported.path}（${kb} KB）`),
    h("div", { className: "export-font-notices", testid: "export-font-notices", role: "alert" },
      h("strong", {}, "字体提示：导出的文件中有文字没有使用所选字体"),
      h("ul", {}, exported.notices.map((n) => h("li", {}, n)))),
    err,
    h("div", { className: "dialog-buttons" }, reveal, close),
  ];
}

/** 已导出 toast with 打开所在文件夹; stays until closed or replaced. */
export function exportedToast(exported: Exported): void {
  document.querySelector('[data-testid="export-toast"]')?.remove();
  const err = h("span", { className: "field-error", role: "alert" });
  const kb = Math.max(1, Math.round(exported.bytes / 1024));
  const toast = h("div", { className: "toast", testid: "export-toast", role: "status" },
    h("span", { className: "toast-text" }, `已导出：${exported.path}（${kb} KB）`),
    h("button", { type: "button", className: "link", testid: "reveal-export", onclick: async () => {
      err.textContent = "";
      try {
        await api.revealExport(exported.path);
      } catch (e) {
        err.textContent = toApiError(e).message;
      }
    } }, "打开所在文件夹"),
    err,
    h("button", { type: "button", className: "link", "aria-label": "关闭提示", onclick: () => toast.remove() }, "关闭"));
  document.body.append(toast);
}

export interface FileToolsContext extends ExportContext {
  /** Opens another report in the editor (after this one is saved and closed). */
  open(id: string): void;
  onError(e: ApiError): void;
}

/**
 * The report view's file tools: 下一年度报告, 导出, 打印预览 and the
 * 参考：上年度报告 toggle, plus the reference pane to place beside the page.
 */
export function reportFileTools(ctx: FileToolsContext): { group: HTMLElement; pane: HTMLElement } {
  const ref = referencePane(ctx.reportId);
  const nextYear = h("button", { type: "button", "data-keep": "1", testid: "next-year-button",
    title: "以本报告为基础新建下一年度的报告（保留第一、四部分的小标题，正文留空）" }, "下一年度报告");
  nextYear.addEventListener("click", async () => {
    nextYear.disabled = true;
    try {
      if (!(await ctx.flush())) throw { code: "unsaved", message: "当前修改尚未保存，请等保存完成后再试" };
      const created = await api.nextYearReport(ctx.reportId);
      ctx.open(created.id);
    } catch (e) {
      ctx.onError(toApiError(e));
    } finally {
      nextYear.disabled = false;
    }
  });
  const exp = h("button", { type: "button", "data-keep": "1", testid: "export-button", title: "导出为 Word、PDF 或网页" }, "导出");
  exp.addEventListener("click", () => void exportDialog(ctx));
  const pv = h("button", { type: "button", "data-keep": "1", testid: "print-preview-button", title: "按导出 PDF 的版式预览各页" }, "打印预览");
  pv.addEventListener("click", () =>
    void printPreview({ reportId: ctx.reportId, flush: () => ctx.flush(), exportPdf: () => void exportDialog(ctx, "pdf") }));
  return { group: h("span", { className: "group" }, nextYear, exp, pv, ref.toggle), pane: ref.pane };
}
