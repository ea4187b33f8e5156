// [review] in an open report: comment anchors in the editor, the 批注 panel, the
// workflow bar with its lock banner, and the review-package buttons. The report
// view creates one `ReviewUi` and mounts its pieces; saves go through `save`,
// which sends the editor's comment ranges with the document.
import type { EditorView } from "prosemirror-view";
import { toApiError, type ApiError } from "../api";
import type { Document } from "../bindings/Document";
import type { Saved } from "../bindings/Saved";
import type { WorkflowInfo } from "../bindings/WorkflowInfo";
import { h } from "../dom";
import { AnchorController, anchorUpdates, anchorsPlugin } from "./anchors";
import { anchorsToOriginal } from "../editor/changes-convert";
import { ChangesUi, changesRapi, type ChangesReviewApi } from "./changes-panel";
import { CommentsPanel } from "./panel";
import { identity } from "./identity";
import { packageTools } from "./packages";
import { rapi, type ReviewApi } from "./rapi";
import { WorkflowBar } from "./workflow";

export interface ReviewUiOptions {
  editor: EditorView;
  reportId: string;
  /** Fetched with the report (null when the backend could not say). */
  workflow: WorkflowInfo | null;
  flush(): Promise<boolean>;
  snapshot(): Document;
  say(m: string): void;
  onError(e: ApiError | null): void;
  /** Reopens the report (after a workflow step). */
  reload(): void;
  openReport?(id: string): void;
  api?: ReviewApi;
  /** [tracking #17] 修订's commands (a stand-in in unit tests). */
  changesApi?: ChangesReviewApi;
}

export class ReviewUi {
  /** The workflow bar and the lock banner, under the toolbar. */
  readonly bar: HTMLElement;
  /** 添加批注 · 批注 · package buttons, for the toolbar. */
  readonly group: HTMLElement;
  readonly files: HTMLElement;
  readonly panel: CommentsPanel;
  readonly workflow: WorkflowBar;
  /** [tracking #17] 修订: the mode, the list beside 批注, accept/reject. */
  readonly changes: ChangesUi;
  private readonly api: ReviewApi;
  private readonly changesApi: ChangesReviewApi;
  private readonly anchors: AnchorController;
  private disposed = false;
  private readonly unsubscribe: () => void;

  constructor(private readonly o: ReviewUiOptions) {
    this.api = o.api ?? rapi;
    const view = o.editor;
    this.anchors = new AnchorController(() => (this.disposed ? null : view));
    this.panel = new CommentsPanel({
      reportId: o.reportId,
      view,
      api: this.api,
      anchors: this.anchors,
      say: o.say,
      onError: (e) => o.onError(e),
      flush: o.flush,
      onCounts: () => this.workflow?.render(),
    });
    view.updateState(view.state.reconfigure({
      plugins: [...view.state.plugins, anchorsPlugin({
        open: (id) => this.panel.openThread(id),
        add: () => void this.panel.startAdd(),
        changed: (st) => this.panel.anchorsChanged(st),
        compositionEnd: () => this.anchors.flush(),
      })],
    }));
    this.workflow = new WorkflowBar({
      reportId: o.reportId,
      api: this.api,
      info: o.workflow,
      snapshot: o.snapshot,
      flush: o.flush,
      say: o.say,
      onError: o.onError,
      reload: o.reload,
      openComments: () => this.panel.openCount,
    });
    this.bar = h("div", { className: "review-bar" }, this.workflow.banner, this.workflow.el);
    // [tracking #17] 修订 and its list, in the same side panel as 批注 (two tabs).
    this.changesApi = o.changesApi ?? changesRapi;
    const wf = o.workflow;
    this.changes = new ChangesUi({
      reportId: o.reportId,
      view,
      api: this.changesApi,
      status: wf?.status ?? null,
      locked: wf ? wf.locked || (wf.status !== "draft" && wf.status !== "review") : false,
      say: o.say,
      onError: (e) => o.onError(e),
      flush: o.flush,
      reload: o.reload,
      show: () => this.showTab("changes"),
    });
    this.mountTabs();
    const add = h("button", { type: "button", "data-keep": "1", testid: "add-comment", title: "对选中的文字添加批注（Ctrl+Alt+M）",
      onmousedown: (ev: Event) => ev.preventDefault(), onclick: () => void this.panel.startAdd() }, "添加批注");
    this.group = h("span", { className: "group review-tools" }, add, this.panel.button, this.changes.toggle, this.changes.button);
    this.files = packageTools({
      reportId: o.reportId,
      api: this.api,
      flush: o.flush,
      reloadComments: () => void this.panel.load(),
      // After 导入Word修订: reopened, the editor lays the imported suggestions over the text.
      reload: o.reload,
      say: o.say,
      onError: o.onError,
      openReport: o.openReport,
      reviewCopy: o.workflow?.review_copy === true,
    });
    this.workflow.el.append(this.files);
    // 我的 and edit/delete follow who is acting.
    this.unsubscribe = identity.onChange(() => void this.panel.load());
    void this.panel.load();
  }

  /**
   * The report view's save: with the comment ranges when there are any (the
   * core then knows exactly where each comment is), else the plain save.
   */
  async save(id: string, expected: number | null, doc: Document): Promise<Saved> {
    const state = this.o.editor.state;
    // Counted in the original text, which is what is saved ([tracking #17]).
    const anchors = anchorsToOriginal(state.doc, anchorUpdates(state));
    const changes = this.changes.updates();
    let saved: Saved;
    if (changes !== null) {
      // [tracking #17] the original text, the comment ranges and every change the editor shows.
      const r = await this.changesApi.saveReportReviewed(id, expected, doc, anchors, changes);
      this.changes.saved(r.changes);
      saved = { id: r.id, version: r.version, updated_at: r.updated_at };
    } else if (anchors.length === 0) return this.api.saveReport(id, expected, doc);
    else saved = await this.api.saveReportWithAnchors(id, expected, doc, anchors);
    const gone = anchors.filter((a) => a.node_id === null).map((a) => a.comment_id);
    if (gone.length > 0) {
      this.anchors.set({ forget: gone });
      // The core has marked them 原文已删除: show its word on it.
      void this.panel.load();
    }
    return saved;
  }

  /** 批注 | 修订: two tabs of the one side panel (the report view closes it with the others). */
  private mountTabs(): void {
    const el = this.panel.el;
    const tab = (label: string, which: "comments" | "changes") =>
      h("button", { type: "button", role: "tab", testid: `review-tab-${which}`, "aria-selected": "false", onclick: () => this.showTab(which) }, label);
    const tabs = h("div", { className: "review-tabs", role: "tablist" }, tab("批注", "comments"), tab("修订", "changes"));
    el.querySelector(".panel-head")?.after(tabs);
    el.append(this.changes.el);
    this.panel.button.addEventListener("click", () => this.markTab("comments"));
    this.markTab("comments");
  }

  private markTab(which: "comments" | "changes"): void {
    const el = this.panel.el;
    el.classList.toggle("show-changes", which === "changes");
    for (const b of el.querySelectorAll<HTMLElement>(".review-tabs [role=tab]")) b.setAttribute("aria-selected", String(b.dataset.testid === `review-tab-${which}`));
    const title = el.querySelector(".panel-head h2");
    if (title) title.textContent = which === "changes" ? "修订" : "批注";
  }

  showTab(which: "comments" | "changes"): void {
    this.markTab(which);
    this.panel.toggle(true);
    if (which === "changes") this.changes.render();
  }

  renderBadges(host: HTMLElement): void {
    this.panel.renderBadges(host);
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.workflow.dispose();
    this.changes.dispose();
    this.panel.dispose();
  }
}

/** Workflow info for opening a report; null when the backend cannot say. */
export async function loadWorkflow(id: string, api: ReviewApi = rapi): Promise<WorkflowInfo | null> {
  try {
    return await api.workflowInfo(id);
  } catch (e) {
    void toApiError(e);
    return null;
  }
}
