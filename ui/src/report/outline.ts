// 提纲: the parts and their sections as buttons (click to jump, Alt+Shift+arrows
// to move/promote/demote, drag within and across parts or onto a part), each
// part's character count and the total. Typing inside a paragraph only changes
// counts: the outline is rebuilt when the structure or a heading changed, else
// only the counts are refreshed, and each part's count is cached by node
// (typing changes one part's node only).
import type { Node as PMNode } from "prosemirror-model";
import { keydownHandler } from "prosemirror-keymap";
import { TextSelection, type Command, type Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { clear, h } from "../dom";
import { HISTORY_KEYS } from "../editor/editor";
import { demote, dropSection, dropSectionInPart, findSection, moveSectionDown, moveSectionUp, onSection, promote } from "../editor/commands";
import { T, sectionLevel } from "../editor/schema";
import { findAttachment, jumpToAttachment } from "../editor/attachments";
import { countChars, numberPrefix } from "../model";

export interface OutlineOptions {
  editor: EditorView;
  /** The whole text's character count changed. */
  onTotal(chars: number): void;
  /** Fills the `data-badges-for` slots of a freshly built list ([checks], [review]). */
  renderBadges(list: HTMLElement): void;
}

const SECTION_DRAG = "application/x-fazhi-section";

// A history key is the outline's even with nothing to undo: never the browser's own undo.
const historyKeys = keydownHandler(
  Object.fromEntries(Object.entries(HISTORY_KEYS).map(([key, cmd]): [string, Command] => [key, (s, d, v) => (cmd(s, d, v), true)])),
);

export class Outline {
  readonly el: HTMLElement;
  private readonly list = h("ol", { className: "outline-list" });
  private timer: number | undefined;
  private dragging: string | null = null;
  private full = false;
  private readonly charCache = new WeakMap<PMNode, number>();

  constructor(private readonly o: OutlineOptions) {
    this.el = h("nav", { className: "outline", testid: "outline", "aria-label": "提纲" }, h("h2", {}, "提纲"), this.list);
    this.el.addEventListener("keydown", (ev) => this.historyKey(ev));
  }

  /**
   * Ctrl+Z / Ctrl+Y (Ctrl+Shift+Z) with the focus in the outline — after a drag or
   * a move there — undo and redo the report's edits as in the page. Left to the
   * browser they undid its own last text insertion at best, and nothing after
   * text typed through transactions.
   */
  private historyKey(ev: KeyboardEvent): void {
    if (historyKeys(this.o.editor, ev)) ev.preventDefault();
  }

  /** The document changed: rebuild (`full`) or recount, 30 ms (`now`) or 300 ms later. */
  schedule(now: boolean, full = true): void {
    window.clearTimeout(this.timer);
    this.full ||= full;
    // A structural change shows in the outline right after the keystroke's paint,
    // not before it (the page renumbers at once through decorations).
    this.timer = window.setTimeout(() => (this.full ? this.render() : this.updateCounts()), now ? 30 : 300);
  }

  dispose(): void {
    window.clearTimeout(this.timer);
  }

  render(focusId?: string): void {
    this.full = false;
    clear(this.list);
    let total = 0;
    let partIndex = 0;
    let attachments = 0;
    this.o.editor.state.doc.forEach((n) => void (n.type === T.attachment && attachments++));
    let attachment = 0;
    this.o.editor.state.doc.forEach((n) => {
      const chars = this.nodeChars(n);
      total += chars;
      if (n.type === T.part) this.list.append(this.partItem(n, partIndex++, chars));
      else if (n.type === T.attachment) this.list.append(this.attachmentItem(n, attachments > 1 ? `附件${++attachment}` : "附件", chars));
    });
    this.o.onTotal(total);
    this.o.renderBadges(this.list);
    if (focusId) this.list.querySelector<HTMLElement>(`[data-id="${focusId}"]`)?.focus();
  }

  private nodeChars(n: PMNode): number {
    let c = this.charCache.get(n);
    if (c === undefined) {
      if (n.type === T.title) c = countChars(n.attrs.text as string);
      else if (n.type === T.part) c = countChars(n.firstChild?.attrs.text as string) + countChars(n.textContent);
      else c = countChars(n.textContent);
      this.charCache.set(n, c);
    }
    return c;
  }

  private updateCounts(): void {
    let total = 0;
    let i = 0;
    const spans = this.list.querySelectorAll('[data-testid="part-chars"]');
    this.o.editor.state.doc.forEach((n) => {
      const c = this.nodeChars(n);
      total += c;
      if (n.type === T.part) {
        const span = spans[i++];
        if (span && span.textContent !== `${c}字`) span.textContent = `${c}字`;
      }
    });
    this.o.onTotal(total);
  }

  /** A part's entry; a section dropped on a part becomes its first （一）. */
  private partItem(n: PMNode, index: number, chars: number): HTMLElement {
    const id = n.attrs.id as string;
    const item = h("button", { type: "button", className: "outline-item level-1", testid: "outline-part", "data-id": id },
      h("span", { className: "num" }, numberPrefix(1, index)), n.firstChild?.attrs.text as string, // 字数 above the badges, at the right: the title keeps the row's width.
      h("span", { className: "side" }, h("span", { className: "count", testid: "part-chars" }, `${chars}字`),
        h("span", { className: "badges", "data-badges-for": id })));
    item.addEventListener("click", () => jumpToPart(this.o.editor, id));
    item.addEventListener("dragover", (ev) => {
      if (!this.dragging) return;
      ev.preventDefault();
      item.dataset.drop = "into";
    });
    item.addEventListener("dragleave", () => delete item.dataset.drop);
    item.addEventListener("drop", (ev) => {
      ev.preventDefault();
      const from = this.dragging;
      delete item.dataset.drop;
      this.dragging = null;
      if (!from) return;
      this.apply(dropSectionInPart(from, id), from);
    });
    const li = h("li", {}, item);
    const sub = h("ol", {});
    this.sectionItems(n, 2, sub);
    if (sub.childElementCount) li.append(sub);
    return li;
  }

  /** An 附件's entry (#16): its label and title; click to jump. */
  private attachmentItem(n: PMNode, label: string, chars: number): HTMLElement {
    const id = n.attrs.id as string;
    const title = n.firstChild?.textContent ?? "";
    const item = h("button", { type: "button", className: "outline-item level-1 attachment-item", testid: "outline-attachment", "data-id": id },
      h("span", { className: "num" }, `${label} `), title === "" ? h("span", { className: "muted" }, "（无标题）") : title,
      h("span", { className: "side" }, h("span", { className: "count" }, `${chars}字`), h("span", { className: "badges", "data-badges-for": id })));
    item.addEventListener("click", () => {
      const editor = this.o.editor;
      if (!jumpToAttachment(id)(editor.state, editor.dispatch)) return;
      editor.focus();
      const pos = findAttachment(editor.state.doc, id);
      if (pos !== null) scrollToNode(editor, pos);
    });
    return h("li", {}, item);
  }

  /** The sections of `level` directly inside `n`, each with its subsections. */
  private sectionItems(n: PMNode, level: number, into: HTMLElement): void {
    let i = 0;
    n.forEach((c) => {
      if (sectionLevel(c.type) !== level) return;
      const li = h("li", {}, this.sectionItem(c, level, i));
      into.append(li);
      if (level < 4) {
        const sub = h("ol", {});
        this.sectionItems(c, level + 1, sub);
        if (sub.childElementCount) li.append(sub);
      }
      i++;
    });
  }

  private sectionItem(c: PMNode, level: number, index: number): HTMLElement {
    const id = c.attrs.id as string;
    const heading = c.firstChild?.textContent ?? "";
    const item = h("button", { type: "button", className: `outline-item level-${level}`, testid: "outline-item", "data-id": id, title: "Alt+Shift+↑/↓ 移动，Alt+Shift+←/→ 升级/降级" },
      h("span", { className: "num" }, numberPrefix(level, index)), heading === "" ? h("span", { className: "muted" }, "（无标题）") : heading,
      // Room for check findings ([checks]) and comment counts ([review]).
      h("span", { className: "badges", "data-badges-for": id }));
    item.addEventListener("click", () => jumpToSection(this.o.editor, id));
    item.addEventListener("keydown", (ev) => this.sectionKey(ev, id));
    item.draggable = true;
    item.addEventListener("dragstart", (ev) => {
      ev.dataTransfer?.setData(SECTION_DRAG, id);
      if (ev.dataTransfer) ev.dataTransfer.effectAllowed = "move";
      this.dragging = id;
    });
    item.addEventListener("dragend", () => (this.dragging = null));
    item.addEventListener("dragover", (ev) => {
      if (!this.dragging || this.dragging === id) return;
      ev.preventDefault();
      const r = item.getBoundingClientRect();
      item.dataset.drop = ev.clientY > r.top + r.height / 2 ? "after" : "before";
    });
    item.addEventListener("dragleave", () => delete item.dataset.drop);
    item.addEventListener("drop", (ev) => {
      ev.preventDefault();
      const from = this.dragging;
      const after = item.dataset.drop === "after";
      delete item.dataset.drop;
      this.dragging = null;
      if (!from) return;
      this.apply(dropSection(from, id, after), from);
    });
    return item;
  }

  private sectionKey(ev: KeyboardEvent, id: string): void {
    if (!ev.altKey || !ev.shiftKey) return;
    const cmd = { ArrowUp: moveSectionUp, ArrowDown: moveSectionDown, ArrowLeft: promote, ArrowRight: demote }[ev.key];
    if (!cmd) return;
    ev.preventDefault();
    this.apply(onSection(id, cmd), id);
  }

  /** Runs a structural command from the outline and rebuilds it at once, focus on `focusId`. */
  private apply(cmd: Command, focusId: string): void {
    const editor = this.o.editor;
    cmd(editor.state, editor.dispatch);
    window.clearTimeout(this.timer);
    this.render(focusId);
  }
}

function jumpToSection(editor: EditorView, id: string): void {
  const pos = findSection(editor.state.doc, id);
  if (pos === null) return;
  const heading = editor.state.doc.nodeAt(pos + 1);
  const sel = TextSelection.create(editor.state.doc, pos + 2 + (heading?.content.size ?? 0));
  editor.dispatch(editor.state.tr.setSelection(sel).scrollIntoView());
  editor.focus();
  scrollToNode(editor, pos);
}

function jumpToPart(editor: EditorView, id: string): void {
  let at = -1;
  editor.state.doc.forEach((n, off) => {
    if (n.type === T.part && n.attrs.id === id) at = off;
  });
  if (at < 0) return;
  const sel = TextSelection.near(editor.state.doc.resolve(at + 2));
  editor.dispatch(editor.state.tr.setSelection(sel).scrollIntoView());
  editor.focus();
  scrollToNode(editor, at);
}

function scrollToNode(editor: EditorView, pos: number): void {
  const dom = editor.nodeDOM(pos);
  if (dom instanceof HTMLElement) dom.scrollIntoView({ block: "start" });
}

/** Whether a transaction changed the text of a section heading or an 附件's title (the outline shows them). */
export function touchesHeading(tr: Transaction): boolean {
  return tr.steps.some((step, i) => {
    const doc = tr.docs[i] ?? tr.before;
    const { from, to } = step as unknown as { from?: number; to?: number };
    if (from === undefined || to === undefined) return true;
    let hit = false;
    doc.nodesBetween(from, Math.max(from, to), (n) => {
      if (n.type === T.sectionHeading || n.type === T.attachmentTitle) hit = true;
      return !hit && !n.isTextblock;
    });
    // An insertion at a heading's edge: the position's parent.
    const at = doc.resolve(Math.min(from, doc.content.size)).parent.type;
    return hit || at === T.sectionHeading || at === T.attachmentTitle;
  });
}
