// Plugins that keep the document inside the template and its numbering derived.
import type { Node as PMNode } from "prosemirror-model";
import { Plugin, PluginKey, Selection, type EditorState, type Transaction } from "prosemirror-state";
import { ReplaceStep } from "prosemirror-transform";
import { Decoration, DecorationSet, type EditorView, type NodeView } from "prosemirror-view";
import { newId, numberPrefix } from "../model";
import { ACROSS_ATTACHMENT, cutsIntoAttachment, notify } from "./commands";
import { T, sectionLevel } from "./schema";

/** Meta key for the editor's own changes to locked nodes (a year or issuer change). */
export const ALLOW_LOCKED = "fazhi-allow-locked";

/**
 * Replaces a part heading's text (a safe fix of 校对 on an imported heading):
 * one of the editor's own changes to a locked node, so the lock lets it through.
 */
export function setPartHeadingText(tr: Transaction, pos: number, text: string): Transaction {
  const node = tr.doc.nodeAt(pos);
  if (!node || node.type !== T.partHeading || node.attrs.text === text) return tr;
  return tr.setNodeMarkup(pos, null, { ...node.attrs, text }).setMeta(ALLOW_LOCKED, true);
}

/** What must never change by editing: the title and each part's id, role and heading. */
function lockedSignature(doc: PMNode): string {
  const out: string[] = [];
  doc.forEach((n) => {
    if (n.type === T.title) out.push("t:" + (n.attrs.text as string));
    else if (n.type === T.part) {
      const h = n.firstChild;
      out.push(`p:${n.attrs.id as string}:${n.attrs.role as string}:${h && h.type === T.partHeading ? (h.attrs.text as string) : "?"}`);
    }
  });
  return out.join("\n");
}

/**
 * Refuses every transaction that would edit, delete, split, merge, move or type
 * into a part heading (or the title), whatever command or input produced it.
 */
export function lockPlugin(onRefused: () => void): Plugin {
  // [#16] A selection running from the body into an 附件 cannot be replaced (its
  // 附件 would lose its title or be joined onto the closing): every key, typing,
  // paste, cut and drop over it is refused, before any command builds a step.
  const across = (view: EditorView, e?: Event): boolean => {
    if (!cutsIntoAttachment(view.state)) return false;
    e?.preventDefault();
    notify(ACROSS_ATTACHMENT);
    return true;
  };
  return new Plugin({
    key: new PluginKey("lock"),
    props: {
      handleTextInput: (view) => across(view),
      handleDOMEvents: {
        keydown(view, e) {
          if (!cutsIntoAttachment(view.state) || e.ctrlKey || e.metaKey || e.altKey) return false;
          // An input method composes at a caret: the selection collapses to its
          // head first (a keydown cannot stop the composition).
          if (e.key === "Process" || e.keyCode === 229) {
            view.dispatch(view.state.tr.setSelection(Selection.near(view.state.selection.$head)));
            notify(ACROSS_ATTACHMENT);
            return false;
          }
          return ["Backspace", "Delete", "Enter"].includes(e.key) || e.key.length === 1 ? across(view, e) : false;
        },
        beforeinput: (view, e) => (e.inputType.startsWith("insert") || e.inputType.startsWith("delete") ? across(view, e) : false),
        paste: (view, e) => across(view, e),
        cut: (view, e) => across(view, e),
        drop: (view, e) => across(view, e),
      },
    },
    filterTransaction(tr) {
      if (!tr.docChanged || tr.getMeta(ALLOW_LOCKED)) return true;
      // Undo/redo replays the editor's own changes (a fixed heading): the only
      // heading changes in the history are allowed ones (a year change is kept
      // out of it, see metadata-panel.ts).
      if (tr.getMeta("history$")) return true;
      // A step that stays inside one textblock cannot touch a part heading.
      if (!structural(tr)) return true;
      if (lockedSignature(tr.before) === lockedSignature(tr.doc)) return true;
      onRefused();
      return false;
    },
  });
}

/** Whether step `i` of `tr` only changed text inside one textblock. */
function insideOneTextblock(tr: Transaction, i: number): boolean {
  const step = tr.steps[i];
  if (!(step instanceof ReplaceStep) || step.slice.openStart !== 0 || step.slice.openEnd !== 0) return false;
  let textOnly = true;
  step.slice.content.forEach((n) => (textOnly &&= n.isText));
  if (!textOnly) return false;
  const doc = tr.docs[i] ?? tr.before;
  const $a = doc.resolve(step.from);
  return $a.parent.isTextblock && $a.sameParent(doc.resolve(step.to));
}

/** Whether the transaction changed the block structure (split, join, paste, structural command). */
export function structural(tr: Transaction): boolean {
  return tr.steps.some((_s, i) => !insideOneTextblock(tr, i));
}

/**
 * Gives a paragraph an id as soon as it holds text, and a fresh id to the second
 * of two nodes sharing one (a split copies the attributes).
 */
export function idPlugin(): Plugin {
  return new Plugin({
    key: new PluginKey("ids"),
    appendTransaction(trs, _old, state) {
      const changed = trs.filter((t) => t.docChanged);
      if (!changed.length) return null;
      const tr = state.tr;
      if (changed.some(structural)) {
        const seen = new Set<string>();
        state.doc.descendants((n, pos, parent) => {
          if (n.type === T.paragraph || sectionLevel(n.type) || n.type === T.part || n.type === T.table || n.type === T.attachment) {
            const id = n.attrs.id as string | null;
            if (id !== null && seen.has(id) && n.type !== T.part) tr.setNodeAttribute(pos, "id", newId());
            // Sections always need one; paragraphs once they hold text or once
            // they are more than the placeholder (an empty paragraph made with
            // Enter is kept: it is legitimate while drafting).
            else if (id === null && (n.type !== T.paragraph || n.content.size > 0 || !isPlaceholder(n, parent))) tr.setNodeAttribute(pos, "id", newId());
            else if (id !== null) seen.add(id);
          }
          return n.type !== T.paragraph && n.type !== T.sectionHeading && n.type !== T.attachmentTitle;
        });
      } else {
        // Typing: only the textblocks the steps touched can have gained text.
        for (const t of changed)
          for (const s of t.steps) {
            if (!(s instanceof ReplaceStep)) continue;
            const pos = t.mapping.slice(t.steps.indexOf(s)).map(s.from);
            const mapped = trs.slice(trs.indexOf(t) + 1).reduce((p, later) => later.mapping.map(p), pos);
            if (mapped > state.doc.content.size) continue;
            const $p = state.doc.resolve(mapped);
            const n = $p.parent;
            if (n.type === T.paragraph && n.attrs.id === null && n.content.size > 0) tr.setNodeAttribute($p.before(), "id", newId());
          }
      }
      if (!tr.docChanged) return null;
      return tr.setMeta("addToHistory", true);
    },
  });
}

/**
 * An empty paragraph without id that is the only block of a preface, closing,
 * part or 附件: it is there for the caret and is not saved while empty.
 */
export function isPlaceholder(n: PMNode, parent: PMNode | null): boolean {
  if (n.type !== T.paragraph || n.attrs.id !== null || n.content.size > 0 || !parent) return false;
  if (parent.type !== T.preface && parent.type !== T.closing && parent.type !== T.part && parent.type !== T.attachment) return false;
  // Blocks, tables included: the empty paragraph after a table is kept.
  let blocks = 0;
  parent.forEach((c) => {
    if (c.type === T.paragraph || c.type === T.table) blocks++;
  });
  return blocks === 1;
}

export const numberingKey = new PluginKey<DecorationSet>("numbering");

/** Numbers from position: 一、 on parts, （一） 1. （1） on sections, as node decorations. */
export function numberDecorations(doc: PMNode): DecorationSet {
  const decos: Decoration[] = [];
  const sections = (node: PMNode, start: number, level: number) => {
    let index = 0;
    node.forEach((c, off) => {
      if (sectionLevel(c.type) !== level) return;
      const pos = start + off;
      const heading = c.firstChild;
      if (heading) {
        decos.push(
          Decoration.node(pos + 1, pos + 1 + heading.nodeSize, { "data-num": numberPrefix(level, index) }),
        );
      }
      index++;
      if (level < 4) sections(c, pos + 1, level + 1);
    });
  };
  let part = 0;
  // 附件 alone, or 附件1, 附件2… as the exports label them (fazhi-layout).
  let attachments = 0;
  doc.forEach((n) => void (n.type === T.attachment && attachments++));
  let attachment = 0;
  doc.forEach((n, off) => {
    if (n.type === T.attachment && n.firstChild) {
      const label = attachments > 1 ? `附件${++attachment}` : "附件";
      decos.push(Decoration.node(off + 1, off + 1 + n.firstChild.nodeSize, { "data-num": label }));
    }
    if (n.type !== T.part) return;
    const h = n.firstChild;
    if (h) decos.push(Decoration.node(off + 1, off + 1 + h.nodeSize, { "data-num": numberPrefix(1, part) }));
    part++;
    sections(n, off + 1, 2);
  });
  return DecorationSet.create(doc, decos);
}

export function numberingPlugin(): Plugin<DecorationSet> {
  return new Plugin<DecorationSet>({
    key: numberingKey,
    state: {
      init: (_c, state: EditorState) => numberDecorations(state.doc),
      apply(tr, set) {
        if (!tr.docChanged) return set;
        // Typing inside a block cannot renumber anything: map instead of recomputing.
        return structural(tr) || tr.getMeta(ALLOW_LOCKED) ? numberDecorations(tr.doc) : set.map(tr.mapping, tr.doc);
      },
    },
    props: {
      decorations: (state) => numberingKey.getState(state),
      nodeViews: { part_heading: (node, _view, _pos, decos) => new PartHeadingView(node, decos) },
    },
  });
}

/** The part heading shows its number as real text (it is never edited anyway). */
class PartHeadingView implements NodeView {
  dom: HTMLElement;
  private num: HTMLSpanElement;
  private text: HTMLSpanElement;
  constructor(node: PMNode, decos: readonly Decoration[]) {
    this.dom = document.createElement("h3");
    this.dom.className = "heading level-1";
    this.dom.dataset.testid = "part-heading";
    this.dom.contentEditable = "false";
    this.num = this.dom.appendChild(document.createElement("span"));
    this.num.className = "num";
    this.text = this.dom.appendChild(document.createElement("span"));
    this.update(node, decos);
  }
  update(node: PMNode, decos: readonly Decoration[]): boolean {
    if (node.type !== T.partHeading) return false;
    const num = numberOf(decos);
    if (this.num.textContent !== num) this.num.textContent = num;
    if (this.text.textContent !== node.attrs.text) this.text.textContent = node.attrs.text as string;
    return true;
  }
  stopEvent(): boolean {
    return false;
  }
  ignoreMutation(): boolean {
    return true;
  }
}

function numberOf(decos: readonly Decoration[]): string {
  for (const d of decos) {
    const attrs = (d as unknown as { type: { attrs?: Record<string, string> } }).type.attrs;
    if (attrs && attrs["data-num"]) return attrs["data-num"];
  }
  return "";
}

/** The view of the title node, kept current when the issuer or year changes. */
export function titleText(view: EditorView): string {
  return (view.state.doc.firstChild?.attrs.text as string) ?? "";
}
