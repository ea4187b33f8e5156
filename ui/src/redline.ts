// [tracking #17] 历史版本 → 导出花脸稿: two versions (or a version and the current
// text) compared and exported as a redline — deletions struck through in red,
// insertions underlined in blue, the report's GB/T 9704 page layout, heading and
// 报告信息 changes listed, a header line naming the two versions. The PDF comes
// from our own typesetter, the DOCX from the DOCX writer; both through the
// `export_redline` command, which opens the native save dialog itself (the page
// never names a path). This file only chooses the versions and the format.
import "./redline.css";
import { toApiError } from "./api";
import { commands } from "./bindings/commands";
import type { ExportFormat } from "./bindings/ExportFormat";
import type { Exported } from "./bindings/Exported";
import type { RevisionInfo } from "./bindings/RevisionInfo";
import { h } from "./dom";
import { exportedToast } from "./export-dialog";

export interface RedlineHost {
  reportId: string;
  /** Saves what the editor holds (the current text is compared as saved); rejects with the reason. */
  flush(): Promise<void>;
}

/** The two formats a 花脸稿 is exported in. */
const FORMATS: { value: ExportFormat; label: string; hint: string }[] = [
  { value: "pdf", label: "PDF", hint: "按 GB/T 9704 排版，适合打印送审" },
  { value: "docx", label: "Word 文档（DOCX）", hint: "在 Word 或 WPS 中查看、转发" },
];

const versionName = (r: number | null) => (r === null ? "当前内容" : `第${r}版`);

let seq = 0;

/**
 * Opens 导出花脸稿 with `from` → `to` chosen (null: the current text); when
 * `from` is undefined the newest saved version is compared with the current text.
 * Resolves with the last file written (null when none) once the dialog closes.
 */
export function redlineDialog(
  host: RedlineHost,
  revisions: RevisionInfo[],
  from?: number | null,
  to: number | null = null,
): Promise<Exported | null> {
  document.querySelector<HTMLDialogElement>('[data-testid="redline-dialog"]')?.close();
  const n = ++seq;
  const newest = [...revisions].sort((a, b) => b.revision - a.revision);
  const select = (testid: string, id: string, value: number | null) => {
    const s = h("select", { testid, id },
      h("option", { value: "" }, "当前内容"),
      ...newest.map((r) => h("option", { value: String(r.revision) },
        `第${r.revision}版${r.message ? `（${r.message}）` : ""}${r.author ? ` ${r.author}` : ""}`)));
    s.value = value === null ? "" : String(value);
    return s;
  };
  const fromIn = select("redline-from", `rl-from-${n}`, from === undefined ? (newest[0]?.revision ?? null) : from);
  const toIn = select("redline-to", `rl-to-${n}`, to);
  const val = (s: HTMLSelectElement) => (s.value === "" ? null : Number(s.value));

  const formatSet = h("fieldset", { className: "field" }, h("legend", {}, "格式"),
    FORMATS.map((f) => h("label", { className: "radio" },
      h("input", { type: "radio", name: `redline-format-${n}`, value: f.value, checked: f.value === "pdf", testid: `redline-format-${f.value}` }),
      h("span", {}, f.label), h("span", { className: "hint" }, f.hint))));
  const same = h("p", { className: "hint", testid: "redline-same", hidden: true }, "两边是同一版本，花脸稿中不会有改动标记。");
  const status = h("p", { className: "redline-status", testid: "redline-status", role: "status" });
  const err = h("p", { className: "field-error", role: "alert", testid: "redline-error" });
  // Rust's font notices of the export (a chosen font gone, characters it lacked), as 导出 shows them.
  const fontNotices = h("div", { className: "export-font-notices", testid: "redline-font-notices", role: "alert", hidden: true });
  const ok = h("button", { type: "submit", className: "primary", testid: "redline-export" }, "导出…");
  const close = h("button", { type: "button", testid: "redline-close" }, "关闭");
  const form = h("form", { method: "dialog", novalidate: true },
    h("h2", {}, "导出花脸稿"),
    h("p", { className: "hint" }, "比较两个版本，按报告的版式排出：删去的文字",
      h("del", { className: "redline-del" }, "红色删除线"), "，新增的文字",
      h("ins", { className: "redline-ins" }, "蓝色下划线"), "；标题和报告信息的改动一并列出，页首写明比较的两个版本。"),
    h("div", { className: "field redline-pickers" },
      h("label", { for: `rl-from-${n}` }, "原版本"), fromIn,
      h("span", { "aria-hidden": "true" }, "→"),
      h("label", { for: `rl-to-${n}` }, "新版本"), toIn),
    same, formatSet, status, fontNotices, err,
    h("div", { className: "dialog-buttons" }, close, ok));
  const d = h("dialog", { className: "dialog redline-dialog", testid: "redline-dialog", "aria-label": "导出花脸稿" }, form);
  document.body.append(d);

  const sync = () => {
    same.hidden = fromIn.value !== toIn.value;
  };
  form.addEventListener("change", () => {
    sync();
    err.textContent = "";
  });
  sync();

  return new Promise((resolve) => {
    let last: Exported | null = null;
    d.addEventListener("close", () => {
      d.remove();
      resolve(last);
    });
    close.addEventListener("click", () => d.close());
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const format = (form.querySelector<HTMLInputElement>(`input[name="redline-format-${n}"]:checked`)?.value ?? "pdf") as ExportFormat;
      const a = val(fromIn);
      const b = val(toIn);
      err.textContent = "";
      fontNotices.hidden = true;
      ok.disabled = true;
      status.textContent = `正在生成花脸稿（${versionName(a)} → ${versionName(b)}，${format.toUpperCase()}）…`;
      try {
        // The current text is compared as saved.
        if (a === null || b === null) await host.flush();
        const out = await commands.exportRedline(host.reportId, a, b, format);
        if (out === null) {
          status.textContent = "未导出（已取消保存）。";
          return;
        }
        last = out;
        const kb = Math.max(1, Math.round(out.bytes / 1024));
        status.textContent = `已导出花脸稿（${versionName(a)} → ${versionName(b)}）：${out.path}（${kb} KB）`;
        fontNotices.replaceChildren(
          h("strong", {}, "字体提示：导出的文件中有文字没有使用所选字体"),
          h("ul", {}, out.notices.map((n) => h("li", {}, n))));
        fontNotices.hidden = out.notices.length === 0;
        exportedToast(out);
      } catch (e) {
        status.textContent = "";
        err.textContent = `花脸稿未能导出：${toApiError(e).message}`;
      } finally {
        ok.disabled = false;
      }
    });
    d.showModal();
    ok.focus();
  });
}
