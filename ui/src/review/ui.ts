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
}

export class ReviewUi {
  /** The workflow bar and the lock banner, under the toolbar. */
  readonly bar: HTMLElement;
  /** 添加批注 · 批注 · package buttons, for the toolbar. */
  readonly group: HTMLElement;
  readonly files: HTMLElement;
  readonly panel: CommentsPanel;
  readonly workflow: WorkflowBar;
  private readonly api: ReviewApi;
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
    const add = h("button", { type: "button", "data-keep": "1", testid: "add-comment", title: "对选中的文字添加批注（Ctrl+Alt+M）",
      onmousedown: (ev: Event) => ev.preventDefault(), onclick: () => void this.panel.startAdd() }, "添加批注");
    this.group = h("span", { className: "group review-tools" }, add, this.panel.button);
    this.files = packageTools({
      reportId: o.reportId,
      api: this.api,
      flush: o.flush,
      reloadComments: () => void this.panel.load(),
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
    const anchors = anchorUpdates(this.o.editor.state);
    if (anchors.length === 0) return this.api.saveReport(id, expected, doc);
    const saved = await this.api.saveReportWithAnchors(id, expected, doc, anchors);
    const gone = anchors.filter((a) => a.node_id === null).map((a) => a.comment_id);
    if (gone.length > 0) {
      this.anchors.set({ forget: gone });
      // The core has marked them 原文已删除: show its word on it.
      void this.panel.load();
    }
    return saved;
  }

  renderBadges(host: HTMLElement): void {
    this.panel.renderBadges(host);
  }

  dispose(): void {
    this.disposed = true;
    this.unsubscribe();
    this.workflow.dispose();
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
