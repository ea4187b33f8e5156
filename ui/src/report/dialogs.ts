// The open report's dialogs: 保存版本, 重新打开 (after a conflict) and 修改尚未保存
// (leaving with a failed save).
import { api, toApiError } from "../api";
import { h } from "../dom";
import type { Saver } from "../editor/autosave";
import { optional } from "./metadata-panel";

function modal(testid: string, label: string, ...content: Node[]): HTMLDialogElement {
  const d = h("dialog", { className: "dialog", testid, "aria-label": label }, ...content);
  d.addEventListener("close", () => d.remove());
  document.body.append(d);
  return d;
}

export interface SaveVersionOptions {
  reportId: string;
  saver: Pick<Saver, "flush" | "status">;
  say(m: string): void;
  /** Back to the editor when the dialog closes. */
  focusEditor(): void;
}

/** 保存版本 (Ctrl+S): saves what is pending, then a named revision. Opens once. */
export async function saveVersionDialog(o: SaveVersionOptions): Promise<void> {
  if (document.querySelector('[data-testid="save-version-dialog"]')) return;
  const msg = h("input", { type: "text", id: "sv-message", testid: "version-message", placeholder: "例如：讨论稿、提交审阅前" });
  const err = h("p", { className: "field-error", role: "alert" });
  const ok = h("button", { type: "submit", className: "primary", testid: "save-version-confirm" }, "保存版本");
  const cancel = h("button", { type: "button" }, "取消");
  const form = h("form", { method: "dialog" },
    h("h2", {}, "保存版本"),
    h("p", { className: "hint" }, "保存当前内容为一个不可更改的版本，以后可以查看或恢复。"),
    h("div", { className: "field" }, h("label", { for: "sv-message" }, "版本说明（可不填）"), msg),
    err,
    h("div", { className: "dialog-buttons" }, cancel, ok));
  const d = modal("save-version-dialog", "保存版本", form);
  cancel.addEventListener("click", () => d.close());
  d.addEventListener("close", () => o.focusEditor());
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    ok.disabled = true;
    err.textContent = "";
    try {
      if (!(await o.saver.flush())) {
        const s = o.saver.status;
        throw "error" in s ? s.error : { code: "unsaved", message: "当前修改尚未保存，请稍后再试" };
      }
      const rev = await api.saveVersion(o.reportId, optional(msg.value));
      d.close();
      o.say(`已保存第 ${rev.revision} 版${rev.message ? `：${rev.message}` : ""}`);
    } catch (e) {
      err.textContent = toApiError(e).message;
      ok.disabled = false;
    }
  });
  d.showModal();
  msg.focus();
}

/** 放弃本窗口的修改并重新打开: `onConfirm` when the user confirms. */
export function reloadDialog(onConfirm: () => void): void {
  const cancel = h("button", { type: "button" }, "取消");
  const ok = h("button", { type: "button", className: "danger", testid: "confirm-reload" }, "放弃并重新打开");
  const d = modal("reload-dialog", "重新打开",
    h("h2", {}, "重新打开报告"),
    h("p", {}, "本窗口中尚未保存的修改将被放弃，改为显示资料库中的最新内容。"),
    h("div", { className: "dialog-buttons" }, cancel, ok));
  cancel.addEventListener("click", () => d.close());
  ok.addEventListener("click", () => {
    d.close();
    onConfirm();
  });
  d.showModal();
  cancel.focus();
}

/** 修改尚未保存: resolves true when the user leaves anyway. */
export function leaveDialog(reason: string): Promise<boolean> {
  return new Promise((resolve) => {
    const stay = h("button", { type: "button", className: "primary", testid: "stay-button" }, "留在此处");
    const leave = h("button", { type: "button", className: "danger", testid: "leave-button" }, "放弃修改并离开");
    const d = modal("leave-dialog", "修改尚未保存",
      h("h2", {}, "修改尚未保存"),
      h("p", {}, `${reason}。留在此处可以继续重试保存；离开将丢失尚未保存的修改。`),
      h("div", { className: "dialog-buttons" }, leave, stay));
    let result = false;
    stay.addEventListener("click", () => d.close());
    leave.addEventListener("click", () => {
      result = true;
      d.close();
    });
    d.addEventListener("close", () => resolve(result));
    d.showModal();
    stay.focus();
  });
}
