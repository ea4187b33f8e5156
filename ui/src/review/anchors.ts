// Comment anchors in the editor. The schema has no marks (the model is plain
// text), so a comment's place is a decoration: this plugin keeps, per comment
// id, a range of the ProseMirror document, maps it through every transaction's
// mapping (text typed before or after it moves it; text typed at its edges is
// not part of it) and notices when its text was deleted. At save time the
// ranges become `AnchorUpdate`s — node id and Unicode-scalar offsets in the
// node's own text, as the core stores anchors — sent with the document.
//
// Nothing here changes the decorations by itself while an input method is
// composing: new anchors, the selected comment and a refreshed list arrive
// through `AnchorController.set*`, which defers them until compositionend.
import type { Node as PMNode } from "prosemirror-model";
import { Plugin, PluginKey, type EditorState, type Transaction } from "prosemirror-state";
import { Decoration, DecorationSet, type EditorView } from "prosemirror-view";
import type { Anchor } from "../bindings/Anchor";
import type { AnchorUpdate } from "../bindings/AnchorUpdate";
import { T, sectionLevel } from "../editor/schema";

/** A comment's range in the editor. `node`: a part heading (generated, atom). */
export interface Placed {
  id: string;
  from: number;
  to: number;
  kind: "inline" | "node";
  resolved: boolean;
}

export interface AnchorsState {
  placed: Placed[];
  /** Comments whose text was deleted in this editor (原文已删除 once saved). */
  deleted: ReadonlySet<string>;
  selected: string | null;
  decos: DecorationSet;
}

/** What a transaction may set through `tr.setMeta(anchorsKey, …)`. */
export interface AnchorsMeta {
  /** Replaces every anchor (the comment list was loaded). */
  placed?: Placed[];
  /** Adds or replaces one anchor (a comment was just added). */
  add?: Placed;
  /** These deletions were saved: no need to send them again. */
  forget?: string[];
  /** Drops one anchor (applied before `add`). */
  remove?: string;
  selected?: string | null;
}

export const anchorsKey = new PluginKey<AnchorsState>("comment-anchors");

// ---- offsets: the core counts Unicode scalar values, JavaScript UTF-16 units ----

/** UTF-16 offset of the `cp`-th scalar value of `text` (clamped to its length). */
export function cpToUtf16(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

/** Number of scalar values in the first `u` UTF-16 units of `text`. */
export function utf16ToCp(text: string, u: number): number {
  let n = 0;
  for (let i = 0; i < u && i < text.length; n++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return n;
}

// ---- where nodes are --------------------------------------------------------

/** A node that can carry a comment: its text block and what kind it is. */
interface Target {
  /** Position of the text block (paragraph / section heading) or part heading. */
  pos: number;
  node: PMNode;
  kind: "inline" | "node";
}

/** Node id → the text block that holds its text (paragraph, section heading, part heading). */
export function targets(doc: PMNode): Map<string, Target> {
  const out = new Map<string, Target>();
  doc.descendants((n, pos) => {
    const id = n.attrs.id as string | null | undefined;
    if (n.type === T.paragraph) {
      if (id) out.set(id, { pos, node: n, kind: "inline" });
      return false;
    }
    if (id && (sectionLevel(n.type) || n.type === T.part || n.type === T.attachment)) {
      const head = n.firstChild;
      if (head) out.set(id, { pos: pos + 1, node: head, kind: n.type === T.part ? "node" : "inline" });
    }
    return n.type !== T.title && n.type !== T.sectionHeading && n.type !== T.partHeading;
  });
  return out;
}

/**
 * Where a stored anchor sits in this document, or null when its node or its
 * quote is not there (the comment is then listed without a highlight). When the
 * text at the stored offsets is not the quote, the occurrence of the quote in the
 * same node nearest the old offset is taken.
 */
export function placeAnchor(index: Map<string, Target>, a: Anchor): { from: number; to: number; kind: "inline" | "node" } | null {
  const t = index.get(a.node_id);
  if (!t) return null;
  if (t.kind === "node") return { from: t.pos, to: t.pos + t.node.nodeSize, kind: "node" };
  const text = t.node.textContent;
  let s = cpToUtf16(text, a.start);
  let e = cpToUtf16(text, a.end);
  if (text.slice(s, e) !== a.quote || a.quote === "") {
    if (a.quote === "") return null;
    let best = -1;
    for (let at = text.indexOf(a.quote); at >= 0; at = text.indexOf(a.quote, at + 1))
      if (best < 0 || Math.abs(at - s) < Math.abs(best - s)) best = at;
    if (best < 0) return null;
    s = best;
    e = best + a.quote.length;
  }
  return { from: t.pos + 1 + s, to: t.pos + 1 + e, kind: "inline" };
}

/**
 * The core's view of a range: node id and scalar offsets in that node's text.
 * A range that came to span several blocks (a paragraph split inside it) keeps
 * its part in the first block. Null when the block has no id yet.
 */
export function rangeToAnchor(doc: PMNode, from: number, to: number): { node_id: string; start: number; end: number; quote: string } | null {
  if (from < 0 || to > doc.content.size || to <= from) return null;
  const $from = doc.resolve(from);
  const block = $from.parent;
  let id: string | null = null;
  if (block.type === T.paragraph) id = block.attrs.id as string | null;
  else if (block.type === T.sectionHeading || block.type === T.attachmentTitle) id = $from.node($from.depth - 1).attrs.id as string | null;
  if (!id) return null;
  const text = block.textContent;
  const s = $from.parentOffset;
  const e = Math.min(to, $from.end()) - $from.start();
  if (e <= s) return null;
  return { node_id: id, start: utf16ToCp(text, s), end: utf16ToCp(text, e), quote: text.slice(s, e) };
}

/** What to send with a save: every inline anchor's current place; deleted ones with node_id null. */
export function anchorUpdates(state: EditorState): AnchorUpdate[] {
  const st = anchorsKey.getState(state);
  if (!st) return [];
  const out: AnchorUpdate[] = [];
  for (const p of st.placed) {
    if (p.kind !== "inline" || p.id.startsWith("__")) continue;
    const a = rangeToAnchor(state.doc, p.from, p.to);
    if (a) out.push({ comment_id: p.id, node_id: a.node_id, start: a.start, end: a.end });
  }
  for (const id of st.deleted) if (!id.startsWith("__")) out.push({ comment_id: id, node_id: null, start: 0, end: 0 });
  return out;
}

// ---- the plugin -------------------------------------------------------------------

function decorate(doc: PMNode, placed: Placed[], selected: string | null): DecorationSet {
  const size = doc.content.size;
  const decos: Decoration[] = [];
  for (const p of placed) {
    if (p.from < 0 || p.to > size || p.to <= p.from) continue;
    const cls = `comment-anchor${p.resolved ? " resolved" : ""}${p.id === selected ? " comment-selected" : ""}`;
    if (p.kind === "node") decos.push(Decoration.node(p.from, p.to, { class: cls, "data-comment": p.id }, { id: p.id }));
    else decos.push(Decoration.inline(p.from, p.to, { class: cls, "data-comment": p.id }, { id: p.id }));
  }
  return DecorationSet.create(doc, decos);
}

/** Maps anchors through an edit; those whose text is gone move to `deleted`. */
export function mapPlaced(placed: Placed[], tr: Transaction, deleted: Set<string>): Placed[] {
  const out: Placed[] = [];
  for (const p of placed) {
    if (p.kind === "node") {
      const a = tr.mapping.mapResult(p.from, 1);
      if (a.deleted) deleted.add(p.id);
      else out.push({ ...p, from: a.pos, to: a.pos + (tr.doc.nodeAt(a.pos)?.nodeSize ?? 1) });
      continue;
    }
    const from = tr.mapping.map(p.from, 1);
    const to = tr.mapping.map(p.to, -1);
    if (to > from) out.push({ ...p, from, to });
    else deleted.add(p.id);
  }
  return out;
}

export interface AnchorHooks {
  /** Highlighted text was clicked: open the thread. */
  open(id: string): void;
  /** Ctrl+Alt+M. */
  add(): void;
  /** The anchors changed (moved, deleted, replaced). */
  changed(state: AnchorsState): void;
  compositionEnd(): void;
}

export function anchorsPlugin(hooks: AnchorHooks): Plugin<AnchorsState> {
  return new Plugin<AnchorsState>({
    key: anchorsKey,
    state: {
      init: () => ({ placed: [], deleted: new Set(), selected: null, decos: DecorationSet.empty }),
      apply(tr, st): AnchorsState {
        const meta = tr.getMeta(anchorsKey) as AnchorsMeta | undefined;
        let { placed, deleted, selected } = st;
        if (tr.docChanged) {
          const del = new Set(deleted);
          placed = mapPlaced(placed, tr, del);
          deleted = del;
        }
        if (!meta) {
          if (!tr.docChanged) return st;
          return { placed, deleted, selected, decos: st.decos.map(tr.mapping, tr.doc) };
        }
        if (meta.placed) {
          placed = meta.placed;
          // Comments placed again are no longer deleted; the rest stay deleted until saved.
          const ids = new Set(placed.map((p) => p.id));
          deleted = new Set([...deleted].filter((id) => !ids.has(id)));
        }
        if (meta.forget) {
          const f = new Set(meta.forget);
          deleted = new Set([...deleted].filter((id) => !f.has(id)));
        }
        if (meta.remove !== undefined) {
          const gone = meta.remove;
          placed = placed.filter((p) => p.id !== gone);
          if (deleted.has(gone)) deleted = new Set([...deleted].filter((id) => id !== gone));
        }
        if (meta.add) {
          const add = meta.add;
          placed = [...placed.filter((p) => p.id !== add.id), add];
        }
        if (meta.selected !== undefined) selected = meta.selected;
        return { placed, deleted, selected, decos: decorate(tr.doc, placed, selected) };
      },
    },
    props: {
      decorations: (state) => anchorsKey.getState(state)?.decos,
      handleClick(view, pos) {
        const hit = commentAt(view.state, pos);
        if (hit) hooks.open(hit);
        return false;
      },
      handleKeyDown(_view, ev) {
        if ((ev.ctrlKey || ev.metaKey) && ev.altKey && !ev.shiftKey && (ev.code === "KeyM" || ev.key.toLowerCase() === "m")) {
          ev.preventDefault();
          hooks.add();
          return true;
        }
        return false;
      },
    },
    view: (view) => {
      // ProseMirror finishes the composition's transaction first. (A DOM
      // listener: the plugin may be added after the view was created.)
      const onEnd = () => window.setTimeout(() => hooks.compositionEnd(), 0);
      view.dom.addEventListener("compositionend", onEnd);
      return {
        update(view: EditorView, prev: EditorState) {
          const now = anchorsKey.getState(view.state);
          if (now && now !== anchorsKey.getState(prev)) hooks.changed(now);
        },
        destroy: () => view.dom.removeEventListener("compositionend", onEnd),
      };
    },
  });
}

/** The comment whose highlighted text holds `pos` (the shortest one when nested). */
export function commentAt(state: EditorState, pos: number): string | null {
  const st = anchorsKey.getState(state);
  if (!st) return null;
  let best: Placed | null = null;
  for (const p of st.placed) {
    if (p.kind !== "inline" || pos < p.from || pos > p.to) continue;
    if (!best || p.to - p.from < best.to - best.from) best = p;
  }
  return best?.id ?? null;
}

export function anchorsState(state: EditorState): AnchorsState {
  return anchorsKey.getState(state) ?? { placed: [], deleted: new Set(), selected: null, decos: DecorationSet.empty };
}

/**
 * Sends anchor changes to the view, holding them while an input method is
 * composing (a decoration changing at the caret would break the composition).
 */
export class AnchorController {
  private pending: AnchorsMeta[] = [];

  constructor(private readonly view: () => EditorView | null) {}

  set(meta: AnchorsMeta): void {
    const v = this.view();
    if (!v) return;
    if (v.composing) {
      this.pending.push(meta);
      return;
    }
    v.dispatch(v.state.tr.setMeta(anchorsKey, meta).setMeta("addToHistory", false));
  }

  /** After compositionend: what was held back, in order. */
  flush(): void {
    const held = this.pending;
    this.pending = [];
    for (const m of held) this.set(m);
  }

  get deferred(): boolean {
    return this.pending.length > 0;
  }
}

/** The editor ranges of a comment list's anchored, not orphaned threads. */
export function placeComments(doc: PMNode, comments: readonly { id: string; anchor: Anchor | null; orphaned: boolean; resolved: boolean }[]): Placed[] {
  const index = targets(doc);
  const out: Placed[] = [];
  for (const c of comments) {
    if (!c.anchor || c.orphaned) continue;
    const at = placeAnchor(index, c.anchor);
    if (at) out.push({ id: c.id, ...at, resolved: c.resolved });
  }
  return out;
}
