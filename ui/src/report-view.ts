// A report opened in the editor. This wires the parts together: the editor
// (report/editor-view.ts), autosave, toolbar, outline, page, metadata panel,
// find bar, status line and dialogs (report/*), 校对 (checks/), [review]
// (review/ui.ts), 历史版本 (history.ts) and the file tools (export-dialog.ts).
import { undo } from "prosemirror-history";
import { TextSelection, type Transaction } from "prosemirror-state";
import { api, documentOf, proofingApi, type ApiError } from "./api";
import type { Document } from "./bindings/Document";
import type { ReportView } from "./bindings/ReportView";
import type { Saved } from "./bindings/Saved";
import type { WorkflowInfo } from "./bindings/WorkflowInfo";
import { CheckPanel } from "./checks/panel";
import { h } from "./dom";
import { Saver } from "./editor/autosave";
import { setNotifier } from "./editor/commands";
import { fromPM, metaOf, toPM } from "./editor/convert";
import { installFonts } from "./editor/fonts";
import { ALLOW_LOCKED, structural } from "./editor/plugins";
import { reportFileTools } from "./export-dialog";
import { History } from "./history";
import { documentTitle } from "./model";
import { leaveDialog, reloadDialog, saveVersionDialog } from "./report/dialogs";
import { createReportEditor } from "./report/editor-view";
import { FIND_UI, FindBar } from "./report/find-bar";
import { bindReportKeys, editorKeys } from "./report/keys";
import { printDialog } from "./print-dialog";
import { MetadataPanel, syncGenerated } from "./report/metadata-panel";
import { Outline, touchesHeading } from "./report/outline";
import { Page, Zoom } from "./report/page";
import { StatusLine, inParens } from "./report/status-line";
import { reportToolbar, setDeleteRefusal } from "./report/toolbar";
import { ReviewUi } from "./review/ui";

export interface OpenReport {
  /** Saves what is pending; false when the user chose to stay. */
  close(): Promise<boolean>;
  /** Saves what is pending; resolves whether everything is saved. */
  flush(): Promise<boolean>;
  /** Drops the view without saving (the report was deleted). */
  discard(): void;
}

export interface ReportCallbacks {
  onBack(): void;
  /** The report's workflow state, fetched with it ([review]); a review copy opens read-only. */
  workflow?: WorkflowInfo | null;
  onDelete(): void;
  onError(e: ApiError | null): void;
  onReload(): void;
  /** Opens another report in the editor (下一年度报告). */
  onOpen?(id: string): void;
}

export function openReport(host: HTMLElement, view: ReportView, cb: ReportCallbacks): OpenReport {
  installFonts();
  let disposed = false;
  // The core refuses saves of a report past review (已定稿、已报送、已公开): show it read-only.
  const locked = (view.status !== "draft" && view.status !== "review") || cb.workflow?.locked === true;
  const reopen = (): void => {
    dispose();
    cb.onReload();
  };

  const status = new StatusLine({
    retry: () => void saver.retry(),
    overwrite: () => void saver.overwrite(),
    undo: () => {
      undo(editor.state, editor.dispatch);
      editor.focus();
    },
    reload: () => reloadDialog(reopen),
  });
  const say = (m: string): void => status.say(m);
  setNotifier(say);

  const page = new Page();
  const metaPanel = new MetadataPanel({
    meta: metaOf(documentOf(view)),
    locked,
    onChange: (meta, oldYear) => {
      syncGenerated(editor, meta, oldYear);
      page.render(meta);
      saver.changed();
      checks.changed();
    },
  });
  const saveVersion = (): void => void saveVersionDialog({ reportId: view.id, saver, say, focusEditor: () => editor.focus() });
  const openFind = (withReplace: boolean): void => find.open(withReplace);
  const editor = createReportEditor({
    host: page.editorHost,
    doc: toPM(documentOf(view)),
    keys: editorKeys({ saveVersion, openFind }),
    locked,
    say,
    disposed: () => disposed,
    applied: (tr: Transaction) => {
      if (tr.docChanged) {
        // Transient hints ("已是本层第一个小节…") end with the next edit that goes
        // through; a hint about this very edit is said after it is applied.
        status.clearHint();
        saver.changed();
        checks.changed();
        outline.schedule(structural(tr) || tr.getMeta(ALLOW_LOCKED) === true, touchesHeading(tr));
      }
      if (tr.getMeta(FIND_UI) || tr.docChanged) find.sync();
    },
  });
  const find = new FindBar(editor, say);

  const snapshot = (): Document => fromPM(editor.state.doc, metaPanel.meta);
  const saver = new Saver({
    id: view.id,
    version: view.version,
    savedAt: view.updated_at,
    // With the comment ranges of the editor when there are comments (review/ui.ts).
    save: (id, expected, doc): Promise<Saved> => review.save(id, expected, doc),
    snapshot,
    busy: () => editor.composing,
    onStatus: (s) => status.render(s),
  });
  // 校对: findings, underlines, fixes and outline badges (checks/panel.ts).
  const checks = new CheckPanel({ view: editor, snapshot, api, say, locked, showMeta: () => metaPanel.show(),
    ignore: { reportId: view.id, api: proofingApi } });
  // [review]: comment anchors, 批注 panel, workflow bar with the lock banner, review packages (review/ui.ts).
  const review: ReviewUi = new ReviewUi({
    editor,
    reportId: view.id,
    workflow: cb.workflow ?? null,
    flush: (): Promise<boolean> => saver.flush(),
    snapshot,
    say,
    onError: (e) => cb.onError(e),
    reload: reopen,
  });
  // 历史版本: list, read-only view, compare, restore (history.ts).
  const versions = new History({
    reportId: view.id,
    get root() {
      return root;
    },
    flush: async () => {
      if (!(await saver.flush())) throw "error" in saver.status ? saver.status.error : { code: "unsaved", message: "当前修改尚未保存" };
    },
    reload: reopen,
    focusEditor: () => editor.focus(),
    editable: !locked,
    onError: (e) => cb.onError(e),
  });
  status.render(saver.status);

  const outline = new Outline({
    editor,
    onTotal: (chars) => status.setTotal(chars),
    renderBadges: (list) => { checks.renderBadges(list); review.renderBadges(list); },
  });
  const zoom = new Zoom(page.el);
  // 下一年度报告, 导出, 打印预览, 参考：上年度报告 (export-dialog.ts, preview.ts, reference.ts).
  const fileTools = reportFileTools({ reportId: view.id, flush: () => saver.flush(), document: snapshot,
    open: (id) => cb.onOpen?.(id), onError: (e) => cb.onError(e) });
  const toolbar = reportToolbar({
    editor,
    statusLabel: view.status_label,
    locked,
    zoom,
    reviewGroup: review.group, fileTools: fileTools.group, checksButton: checks.button, metaToggle: metaPanel.toggle,
    onBack: () => cb.onBack(),
    onDelete: () => cb.onDelete(),
    openFind,
    saveVersion,
    revisions: () => void versions.openList(),
    print: () => printDialog({ reportId: view.id, flush: () => saver.flush() }),
  });

  setDeleteRefusal(toolbar, cb.workflow?.delete_refusal ?? null);
  // The toolbar and the workflow bar share two rows (styles.css: .report-head).
  const root = h("section", { className: "report-view", testid: "report-view", "aria-label": documentTitle(metaPanel.meta) },
    h("div", { className: "report-head" }, toolbar, review.bar), find.el,
    h("div", { className: "workspace" }, outline.el, h("div", { className: "page-scroller" }, page.el), fileTools.pane, metaPanel.el, checks.el, review.panel.el),
    status.el);
  bindReportKeys(root, { saveVersion, openFind, zoomBy: (d) => zoom.by(d),
    print: () => printDialog({ reportId: view.id, flush: () => saver.flush() }) });
  const stopOnePanel = onePanelAtATime([
    { el: checks.el, close: () => checks.toggle(false) },
    { el: review.panel.el, close: () => review.panel.toggle(false) },
    { el: metaPanel.el, close: () => { metaPanel.el.hidden = true; metaPanel.toggle.setAttribute("aria-expanded", "false"); } },
  ]);
  if (locked) status.showLocked(view.status_label);
  host.append(root);
  page.render(metaPanel.meta);
  outline.render();

  const stopFlushOnLeave = flushOnLeave(() => void saver.flush());

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    saver.dispose();
    versions.closeViewer();
    checks.dispose();
    review.dispose();
    stopFlushOnLeave();
    stopOnePanel();
    outline.dispose();
    status.dispose();
    setNotifier(() => {});
    editor.destroy();
    root.remove();
  }

  // Put the caret at the start of the preface, the usual place to begin.
  editor.dispatch(editor.state.tr.setSelection(TextSelection.near(editor.state.doc.resolve(editor.state.doc.child(0).nodeSize + 1))));
  editor.focus();

  return {
    flush: () => saver.flush(),
    async close() {
      if (!(await saveOrLeave(saver))) return false;
      dispose();
      return true;
    },
    discard: dispose,
  };
}

/**
 * One side panel at a time (校对, 批注, 报告信息): opening one closes the
 * others, so that the page, the outline and that panel fit side by side on an
 * office laptop (1366×768). Returns the unsubscribe.
 */
function onePanelAtATime(panels: Array<{ el: HTMLElement; close(): void }>): () => void {
  const obs = new MutationObserver((records) => {
    for (const r of records) {
      const shown = r.target as HTMLElement;
      if (shown.hidden) continue;
      for (const p of panels) if (p.el !== shown && !p.el.hidden) p.close();
    }
  });
  for (const p of panels) obs.observe(p.el, { attributes: true, attributeFilter: ["hidden"] });
  return () => obs.disconnect();
}

/** Leaving the window (blur, pagehide) saves at once; returns the unsubscribe. */
function flushOnLeave(flush: () => void): () => void {
  const onBlur = () => flush();
  window.addEventListener("blur", onBlur);
  const onHide = () => flush();
  window.addEventListener("pagehide", onHide);
  return () => {
    window.removeEventListener("blur", onBlur);
    window.removeEventListener("pagehide", onHide);
  };
}

/** Saves what is pending; when that fails, asks whether to leave anyway. */
async function saveOrLeave(saver: Saver): Promise<boolean> {
  if (await saver.flush()) return true;
  const s = saver.status;
  return leaveDialog("error" in s ? `保存失败${inParens(s.error.message)}` : "修改尚未保存");
}
