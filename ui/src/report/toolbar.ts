// The report's toolbar: 返回列表, the status, the review group, undo/redo, the
// section commands, 查找替换/保存版本/历史版本, zoom, the file tools, 校对,
// 报告信息, 删除报告 and the 更多 menu of rarely used actions. A locked report
// keeps only the buttons marked data-keep; 删除报告 says why it is refused.
import { redo, undo } from "prosemirror-history";
import type { Command } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { h } from "../dom";
import { addSection, demote, moveSectionDown, moveSectionUp, promote, removeSection } from "../editor/commands";
import { tablePicker } from "../editor/tables-menu";
import { addAttachment, removeAttachment } from "../editor/attachments";
import type { Zoom } from "./page";

export interface ToolbarOptions {
  editor: EditorView;
  statusLabel: string;
  locked: boolean;
  zoom: Zoom;
  /** Groups and buttons owned by other parts, placed in order. */
  reviewGroup: HTMLElement;
  fileTools: HTMLElement;
  checksButton: HTMLElement;
  metaToggle: HTMLElement;
  onBack(): void;
  onDelete(): void;
  openFind(withReplace: boolean): void;
  saveVersion(): void;
  revisions(): void;
  /** [print #19] 打印 (Ctrl+P). */
  print?(): void;
  /** Rarely used actions of other parts, for the 更多 menu. */
  moreItems?: HTMLElement[];
}

export function reportToolbar(o: ToolbarOptions): HTMLElement {
  const editor = o.editor;
  const deleteButton = h("button", { type: "button", className: "danger", testid: "delete-button", onclick: () => o.onDelete() }, "删除报告");
  const cmdButton = (label: string, testid: string, cmd: Command, keysHint: string) =>
    h("button", { type: "button", testid, title: `${label}（${keysHint}）`, onclick: () => { cmd(editor.state, editor.dispatch, editor); editor.focus(); } }, label);
  const toolbar = h("div", { className: "toolbar editor-toolbar", role: "toolbar", "aria-label": "编辑工具" },
    h("button", { type: "button", testid: "back-button", onclick: () => o.onBack() }, "← 返回列表"),
    h("span", { className: "status-label" }, o.statusLabel),
    o.reviewGroup,
    h("span", { className: "group" },
      cmdButton("撤销", "undo-button", undo, "Ctrl+Z"),
      cmdButton("重做", "redo-button", redo, "Ctrl+Y")),
    h("span", { className: "group" },
      cmdButton("新增小节", "add-section", addSection, "Ctrl+Enter"),
      cmdButton("上移", "move-up", moveSectionUp, "Alt+Shift+↑"),
      cmdButton("下移", "move-down", moveSectionDown, "Alt+Shift+↓"),
      // [tables #21] 插入表格 ▾ (rows × columns).
      tablePicker(editor)),
    h("span", { className: "group" },
      h("button", { type: "button", "data-keep": "1", testid: "find-button", title: "查找替换（Ctrl+F / Ctrl+H）", onclick: () => o.openFind(true) }, "查找替换"),
      h("button", { type: "button", "data-keep": "1", testid: "revisions-button", title: "查看和恢复已保存的版本", onclick: () => o.revisions() }, "历史版本")),
    h("span", { className: "group" },
      h("button", { type: "button", "data-keep": "1", "aria-label": "缩小", title: "缩小（Ctrl+-）", onclick: () => o.zoom.by(-1) }, "−"),
      o.zoom.label,
      h("button", { type: "button", "data-keep": "1", "aria-label": "放大", title: "放大（Ctrl+=）", onclick: () => o.zoom.by(1) }, "+")),
    o.fileTools,
    o.print ? h("button", { type: "button", "data-keep": "1", testid: "print-button", title: "打印（Ctrl+P）", onclick: () => o.print?.() }, "打印…") : "",
    h("span", { className: "spacer" }),
    o.checksButton,
    o.metaToggle,
    deleteButton,
    // Rarely used actions (each has its key or lives elsewhere too): one menu,
    // so that the toolbar keeps to two rows at 1366×768.
    moreMenu(
      cmdButton("删除小节", "remove-section", removeSection, "Ctrl+Shift+K"),
      cmdButton("升级", "promote", promote, "Alt+Shift+←"),
      cmdButton("降级", "demote", demote, "Alt+Shift+→"),
      h("button", { type: "button", testid: "save-version-button", title: "保存版本（Ctrl+S）", onclick: () => o.saveVersion() }, "保存版本…"),
      // [#16] 附件 are edited in the page, after the closing.
      h("button", { type: "button", testid: "add-attachment", title: "在文末添加一个附件（另页印在正文之后）", onclick: () => { addAttachment(editor.state, editor.dispatch, editor); editor.focus(); } }, "添加附件"),
      h("button", { type: "button", testid: "remove-attachment", title: "删除光标所在的附件（可撤销）", onclick: () => { removeAttachment(editor.state, editor.dispatch, editor); editor.focus(); } }, "删除附件"),
      ...(o.moreItems ?? []),
    ),
  );
  if (o.locked) for (const el of toolbar.querySelectorAll<HTMLButtonElement>(".group button, .more-menu button")) if (!el.dataset.keep) el.disabled = true;
  if (o.locked) toolbar.querySelector(".table-picker")?.remove();
  return toolbar;
}

/** 删除报告, disabled with the core's reason on a finalised report (the lock banner says it too). */
export function setDeleteRefusal(toolbar: HTMLElement, reason: string | null): void {
  const b = toolbar.querySelector<HTMLButtonElement>('[data-testid="delete-button"]');
  if (!b) return;
  b.disabled = reason !== null;
  b.title = reason ?? "删除本报告及其全部版本（无法恢复）";
}

/** A 更多 menu: a button that opens a list; closes on a choice, Escape or a click elsewhere. */
function moreMenu(...items: HTMLElement[]): HTMLElement {
  return dropMenu({ label: "更多 ▾", title: "更多操作", testid: "more" }, ...items);
}

export interface DropMenuOptions {
  label: string;
  title: string;
  /** Test ids `${testid}-menu`, `${testid}-button`, `${testid}-list`. */
  testid: string;
}

/** A button that opens a list of actions; closes on a choice, Escape or a click elsewhere. */
export function dropMenu(o: DropMenuOptions, ...items: HTMLElement[]): HTMLElement {
  const list = h("div", { className: "more-list", role: "menu", testid: `${o.testid}-list` }, ...items);
  const menu = h("details", { className: "more-menu", testid: `${o.testid}-menu` },
    h("summary", { "data-keep": "1", testid: `${o.testid}-button`, title: o.title }, o.label), list);
  for (const it of items) it.setAttribute("role", "menuitem");
  list.addEventListener("click", (ev) => {
    if ((ev.target as HTMLElement).closest("button")) menu.open = false;
  });
  document.addEventListener("pointerdown", (ev) => {
    if (menu.open && !menu.contains(ev.target as Node)) menu.open = false;
  });
  menu.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && menu.open) {
      menu.open = false;
      menu.querySelector("summary")?.focus();
    }
  });
  return menu;
}
