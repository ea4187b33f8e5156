// 历史版本: the list of saved versions, one version shown read-only in the page
// view, two versions compared (paragraph level, characters highlighted), and
// restoring a version (the current text is kept as a version first).
import { EditorState } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { api, toApiError, type ApiError } from "./api";
import type { Comparison } from "./bindings/Comparison";
import type { DiffBlock } from "./bindings/DiffBlock";
import type { Document } from "./bindings/Document";
import type { RevisionInfo } from "./bindings/RevisionInfo";
import { clear, h } from "./dom";
import { toPM } from "./editor/convert";
import { numberingPlugin } from "./editor/plugins";
import { isoToOfficial, localDateTime } from "./model";
import { redlineDialog } from "./redline";

export interface HistoryHost {
  reportId: string;
  /** The open report's element: the read-only view covers it while shown. */
  root: HTMLElement;
  /** Saves what the editor holds; rejects with the reason when it cannot. */
  flush(): Promise<void>;
  /** The report changed underneath (a restore): reopen it. */
  reload(): void;
  /** Puts the caret back in the editor. */
  focusEditor(): void;
  /** Whether the report may be changed (drafts and reports in review). */
  editable: boolean;
  onError(e: ApiError): void;
}

function modal(testid: string, label: string, ...content: Node[]): HTMLDialogElement {
  const d = h("dialog", { className: "dialog", testid, "aria-label": label }, ...content);
  d.addEventListener("close", () => d.remove());
  document.body.append(d);
  return d;
}

const revName = (r: number | null) => (r === null ? "当前内容" : `第${r}版`);

/** 第3版，张三，2026-11-27 21:05 */
export function revisionBanner(r: RevisionInfo): string {
  return [`第${r.revision}版`, r.author ?? "（未署名）", localDateTime(r.created_at)].join("，") + (r.message ? `（${r.message}）` : "");
}

export class History {
  private viewer: { dom: HTMLElement; pm: EditorView } | null = null;
  constructor(private host: HistoryHost) {}

  /** Newest first, whatever order the backend lists them in. */
  private async revisions(): Promise<RevisionInfo[]> {
    const list = await api.listRevisions(this.host.reportId);
    return [...list].sort((a, b) => b.revision - a.revision);
  }

  async openList(): Promise<void> {
    let revisions: RevisionInfo[];
    try {
      revisions = await this.revisions();
    } catch (e) {
      this.host.onError(toApiError(e));
      return;
    }
    const close = h("button", { type: "button" }, "关闭");
    const err = h("p", { className: "field-error", role: "alert" });
    const rows = revisions.map((r) => {
      const view = h("button", { type: "button", className: "link", testid: "view-revision", "data-revision": r.revision }, "查看");
      const compare = h("button", { type: "button", className: "link", testid: "compare-revision", "data-revision": r.revision, title: "与当前内容比较" }, "比较");
      const restore = h("button", { type: "button", className: "link", testid: "restore-revision", "data-revision": r.revision, disabled: !this.host.editable }, "恢复此版本");
      view.addEventListener("click", () => {
        d.close();
        void this.show(r);
      });
      compare.addEventListener("click", () => {
        d.close();
        void this.compareDialog(r.revision, null);
      });
      restore.addEventListener("click", async () => {
        restore.disabled = true;
        err.textContent = "";
        try {
          await this.restore(r.revision);
          d.close();
        } catch (e) {
          err.textContent = toApiError(e).message;
          restore.disabled = false;
        }
      });
      return h("tr", { testid: "revision-row" },
        h("td", { className: "num" }, `第${r.revision}版`),
        h("td", { className: "num" }, localDateTime(r.created_at)),
        h("td", {}, r.author ?? ""),
        h("td", {}, r.message ?? ""),
        h("td", { className: "num" }, `${r.chars}字`),
        h("td", { className: "row-actions" }, view, compare, restore));
    });
    const compareTwo = h("button", { type: "button", testid: "compare-open", disabled: revisions.length === 0 }, "比较两个版本…");
    compareTwo.addEventListener("click", () => {
      d.close();
      void this.compareDialog(revisions[0]?.revision ?? null, null);
    });
    // [tracking #17] 花脸稿: the newest version against the current text, any two to choose.
    const redline = h("button", { type: "button", testid: "redline-open", disabled: revisions.length === 0,
      title: "比较两个版本，导出红蓝标记的花脸稿（PDF 或 Word）" }, "导出花脸稿…");
    redline.addEventListener("click", () => {
      d.close();
      void this.redline(revisions);
    });
    const d = modal("revisions-dialog", "历史版本",
      h("h2", {}, "历史版本"),
      revisions.length === 0
        ? h("p", { className: "hint" }, "还没有保存过版本。按 Ctrl+S 可保存当前内容为一个版本。")
        : h("table", { className: "report-list revisions" },
            h("thead", {}, h("tr", {}, h("th", {}, "版本"), h("th", {}, "时间"), h("th", {}, "作者"), h("th", {}, "说明"), h("th", {}, "字数"), h("th", {}, ""))),
            h("tbody", {}, rows)),
      h("p", { className: "hint" }, "恢复时，当前内容会先另存为一个版本，不会丢失。"),
      err,
      h("div", { className: "dialog-buttons" }, redline, compareTwo, close));
    close.addEventListener("click", () => d.close());
    d.addEventListener("close", () => {
      if (!this.viewer && !document.querySelector('[data-testid="redline-dialog"]')) this.host.focusEditor();
    });
    d.showModal();
    close.focus();
  }

  /** 导出花脸稿 for `from` → `to` (null: the current text; `from` undefined: the newest version). */
  async redline(revisions?: RevisionInfo[], from?: number | null, to: number | null = null): Promise<void> {
    let list = revisions;
    if (!list) {
      try {
        list = await this.revisions();
      } catch (e) {
        this.host.onError(toApiError(e));
        return;
      }
    }
    await redlineDialog({ reportId: this.host.reportId, flush: () => this.host.flush() }, list, from, to);
    if (!this.viewer && !document.querySelector("dialog[open]")) this.host.focusEditor();
  }

  /** Restores `revision` as the working copy, keeping the current text as a version first. */
  async restore(revision: number): Promise<void> {
    await this.host.flush();
    await api.saveVersion(this.host.reportId, `恢复第${revision}版前的内容`);
    await api.restoreRevision(this.host.reportId, revision);
    this.closeViewer();
    this.host.reload();
  }

  /** The revision in the page view, read-only, under a banner. */
  async show(r: RevisionInfo): Promise<void> {
    let doc: Document;
    try {
      doc = await api.getRevision(this.host.reportId, r.revision);
    } catch (e) {
      this.host.onError(toApiError(e));
      return;
    }
    this.closeViewer();
    const err = h("span", { className: "field-error", role: "alert" });
    const restore = h("button", { type: "button", className: "primary", testid: "revision-restore", disabled: !this.host.editable }, "恢复此版本");
    const compare = h("button", { type: "button", testid: "revision-compare" }, "与当前内容比较");
    const back = h("button", { type: "button", testid: "revision-back" }, "返回");
    restore.addEventListener("click", async () => {
      restore.disabled = true;
      err.textContent = "";
      try {
        await this.restore(r.revision);
      } catch (e) {
        err.textContent = toApiError(e).message;
        restore.disabled = false;
      }
    });
    compare.addEventListener("click", () => void this.compareDialog(r.revision, null));
    back.addEventListener("click", () => this.closeViewer());
    const banner = h("div", { className: "revision-banner", role: "status", testid: "revision-banner" },
      h("strong", {}, revisionBanner(r)), h("span", { className: "muted" }, "只读，不能修改"), err,
      h("span", { className: "spacer" }), compare, restore, back);
    const pmHost = h("div", { className: "editor-host" });
    const sig = doc.signature && doc.signature.trim() !== "" ? doc.signature : doc.issuer;
    const closing = h("div", { className: "closing-block" },
      h("p", { className: "signature" }, sig), h("p", { className: "date" }, doc.date ? isoToOfficial(doc.date) : "（成文日期）"));
    const page = h("div", { className: "page readonly" + (doc.settings.heading_style === "run_in" ? " run-in" : "") }, pmHost, closing);
    const dom = h("section", { className: "revision-view", testid: "revision-view", "aria-label": `${revName(r.revision)}（只读）` },
      banner, h("div", { className: "page-scroller" }, page));
    const pm = new EditorView(pmHost, {
      state: EditorState.create({ doc: toPM(doc), plugins: [numberingPlugin()] }),
      editable: () => false,
      attributes: { "data-testid": "revision-editor", class: "pm", lang: "zh-CN", "aria-label": `${revName(r.revision)}正文（只读）`, "aria-readonly": "true" },
    });
    dom.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape" && !document.querySelector("dialog[open]")) this.closeViewer();
    });
    this.viewer = { dom, pm };
    this.host.root.dataset.viewing = "revision";
    this.host.root.append(dom);
    back.focus();
  }

  closeViewer(): void {
    if (!this.viewer) return;
    this.viewer.pm.destroy();
    this.viewer.dom.remove();
    this.viewer = null;
    delete this.host.root.dataset.viewing;
    this.host.focusEditor();
  }

  get viewing(): boolean {
    return this.viewer !== null;
  }

  /** Two versions side by side in one list; null is the current text. */
  async compareDialog(from: number | null, to: number | null): Promise<void> {
    let revisions: RevisionInfo[];
    try {
      revisions = await this.revisions();
    } catch (e) {
      this.host.onError(toApiError(e));
      return;
    }
    const select = (testid: string, value: number | null) => {
      const s = h("select", { testid },
        h("option", { value: "" }, "当前内容"),
        ...revisions.map((r) => h("option", { value: String(r.revision) }, `第${r.revision}版${r.message ? `（${r.message}）` : ""}`)));
      s.value = value === null ? "" : String(value);
      return s;
    };
    const fromIn = select("compare-from", from);
    const toIn = select("compare-to", to);
    fromIn.id = "cmp-from";
    toIn.id = "cmp-to";
    const onlyChanges = h("input", { type: "checkbox", id: "cmp-only", testid: "compare-only-changes", checked: true });
    const summary = h("p", { className: "diff-summary", testid: "compare-summary", role: "status" });
    const result = h("div", { className: "diff-result", testid: "compare-result" });
    const close = h("button", { type: "button" }, "关闭");
    const val = (s: HTMLSelectElement) => (s.value === "" ? null : Number(s.value));
    // [tracking #17] The two versions chosen here, as a 花脸稿 (PDF or DOCX).
    const redline = h("button", { type: "button", testid: "compare-redline", title: "把这两个版本的比较导出为花脸稿（PDF 或 Word）" }, "导出花脸稿…");
    redline.addEventListener("click", () => void this.redline(revisions, val(fromIn), val(toIn)));
    let last: Comparison | null = null;
    const render = () => {
      clear(result);
      if (!last) return;
      result.classList.toggle("only-changes", onlyChanges.checked);
      result.append(...last.blocks.map(diffBlock));
    };
    const run = async () => {
      summary.textContent = "正在比较…";
      clear(result);
      try {
        if (val(fromIn) === null || val(toIn) === null) await this.host.flush();
        last = await api.compareRevisions(this.host.reportId, val(fromIn), val(toIn));
        summary.textContent = comparisonSummary(last, revName(val(fromIn)), revName(val(toIn)));
        render();
      } catch (e) {
        last = null;
        summary.textContent = toApiError(e).message;
      }
    };
    fromIn.addEventListener("change", () => void run());
    toIn.addEventListener("change", () => void run());
    onlyChanges.addEventListener("change", render);
    const d = modal("compare-dialog", "比较版本",
      h("h2", {}, "比较版本"),
      h("div", { className: "compare-pickers" },
        h("label", { for: "cmp-from" }, "原版本"), fromIn,
        h("span", { "aria-hidden": "true" }, "→"),
        h("label", { for: "cmp-to" }, "新版本"), toIn,
        h("span", { className: "field check" }, onlyChanges, h("label", { for: "cmp-only" }, "只显示改动"))),
      h("p", { className: "hint" }, h("ins", {}, "下划线"), " 为新增文字，", h("del", {}, "删除线"), " 为删去文字。"),
      summary,
      result,
      h("div", { className: "dialog-buttons" }, redline, close));
    d.classList.add("wide");
    close.addEventListener("click", () => d.close());
    d.showModal();
    fromIn.focus();
    await run();
  }
}

export function comparisonSummary(c: Comparison, from: string, to: string): string {
  const s = c.stats;
  // A name ending in 内容 (当前内容) is not followed by a second 内容.
  if (c.blocks.every((b) => b.change === "same")) return `${from}与${to}${to.endsWith("内容") ? "" : "内容"}相同`;
  return `${from} → ${to}：新增${s.added}处，删除${s.removed}处，修改${s.changed}处（增${s.chars_added}字，删${s.chars_removed}字）`;
}

const CHANGE_LABEL = { same: "", added: "新增", removed: "删除", changed: "修改" } as const;

function diffBlock(b: DiffBlock): HTMLElement {
  const lead =
    b.kind === "title" ? "标题：" : b.kind === "meta" ? `${b.label}：` : b.kind === "heading" ? b.number : "";
  const body = b.spans.map((s) =>
    s.change === "added" ? h("ins", {}, s.text) : s.change === "removed" ? h("del", {}, s.text) : document.createTextNode(s.text));
  const cls = `diff-block ${b.kind}${b.kind === "heading" ? ` level-${b.level}` : ""}`;
  return h("div", { className: cls, testid: "diff-block", "data-change": b.change },
    b.change === "same" ? null : h("span", { className: "diff-tag" }, CHANGE_LABEL[b.change]),
    h("span", { className: "diff-text" }, lead, ...body, b.spans.length === 0 ? h("span", { className: "muted" }, "（空段落）") : null));
}
