// [tracking #17] 导入Word修订: a DOCX a reviewer marked up in Word or WPS with 修订
// on; its w:ins / w:del come back as suggestions on this report, with their
// authors and dates, anchored by the text around them. Changes whose text is no
// longer in the report are kept (原文已变, listed, can only be rejected), never
// dropped. The command opens the native file dialog itself and does the
// anchoring in Rust (`import_docx_changes`); this file shows what it did.
import "./redline.css";
import { toApiError } from "./api";
import { commands } from "./bindings/commands";
import type { TrackedChange } from "./bindings/TrackedChange";
import type { WordChangesImport } from "./bindings/WordChangesImport";
import { h } from "./dom";
import { localDateTime } from "./model";

export interface WordChangesHost {
  reportId: string;
  /** Saves pending edits (the import anchors on the saved text); false when it could not. */
  flush(): Promise<boolean>;
  /** Reopens the report so the editor and the 修订 list show the new suggestions. */
  reload?(): void;
}

/** 导入 N 处，M 处失去位置 (and the refused ones). */
export function importSummary(r: WordChangesImport): string[] {
  const placed = r.added.ids.length;
  const lost = r.added.orphaned.length;
  if (r.found === 0) return [`${r.fileName} 中没有 Word 修订。`];
  return [
    `${r.fileName}：共有 Word 修订 ${r.found} 处`,
    `导入 ${placed} 处，${lost} 处失去位置${lost > 0 ? "（原文已变，列在修订列表中，只能拒绝）" : ""}`,
    ...r.added.refused.map((x) => `第${x.index + 1}处未导入：${x.reason}`),
  ];
}

const clip = (s: string, n = 40) => {
  const t = s.replaceAll("\n", "¶");
  return t.length > n ? `${t.slice(0, n)}…` : t;
};

function changeItem(c: TrackedChange): HTMLElement {
  const what = c.old !== "" && c.new !== ""
    ? [h("del", { className: "redline-del" }, clip(c.old)), " → ", h("ins", { className: "redline-ins" }, clip(c.new))]
    : c.new !== "" ? ["插入 ", h("ins", { className: "redline-ins" }, clip(c.new))]
      : ["删除 ", h("del", { className: "redline-del" }, clip(c.old))];
  return h("li", { testid: "word-change", "data-orphaned": c.orphaned ? "1" : "0" },
    h("span", { className: "who" }, [c.author, c.created_at ? localDateTime(c.created_at) : "", c.location].filter((x) => x !== "").join(" · ")),
    ...what,
    c.orphaned ? h("span", { className: "lost" }, "（失去位置）") : null);
}

/** What the import did, with the imported suggestions listed. */
function resultDialog(r: WordChangesImport, imported: TrackedChange[], reload: (() => void) | undefined): void {
  const ok = h("button", { type: "button", className: "primary", testid: "word-changes-ok" }, "确定");
  const d = h("dialog", { className: "dialog", testid: "word-changes-result", "aria-label": "已导入 Word 修订" },
    h("h2", {}, "已导入 Word 修订"),
    h("ul", { className: "result-lines", testid: "word-changes-summary" }, importSummary(r).map((l) => h("li", {}, l))),
    imported.length > 0 ? h("ul", { className: "word-changes-list", testid: "word-changes-list" }, imported.map(changeItem)) : null,
    imported.length > 0 ? h("p", { className: "hint" }, "这些修订已作为修改建议加入报告，可在“修订列表”中逐条接受或拒绝。") : null,
    h("div", { className: "dialog-buttons" }, ok));
  d.addEventListener("close", () => {
    d.remove();
    // The editor lays the core's changes over the text when the report opens.
    if (imported.length > 0) reload?.();
  });
  ok.addEventListener("click", () => d.close());
  document.body.append(d);
  d.showModal();
  ok.focus();
}

/**
 * 导入Word修订: saves, lets the user choose the DOCX (native dialog), stores its
 * tracked changes as suggestions and shows the result. Resolves with what the
 * command answered (null when cancelled); rejects with the command's error.
 */
export async function importWordChanges(host: WordChangesHost): Promise<WordChangesImport | null> {
  if (!(await host.flush())) throw { code: "unsaved", message: "正文尚未保存，请稍后再导入" };
  const r = await commands.importDocxChanges(host.reportId);
  if (!r) return null;
  let imported: TrackedChange[] = [];
  try {
    const ids = new Set(r.added.ids);
    imported = (await commands.listChanges(host.reportId, "pending")).filter((c) => ids.has(c.id));
  } catch (e) {
    // The import itself is done; only the list could not be shown.
    console.warn("list_changes", toApiError(e).message);
  }
  resultDialog(r, imported, host.reload);
  return r;
}
