// [tracking #17] Pending changes ⇄ the editor's 修订 marks.
//
// The core keeps the ORIGINAL text and each pending change beside it: a start
// and an end (node id + offset in Unicode scalars of that node's original
// text; the end may be in a later node, the node breaks between then belong to
// the change) and the new text. In the editor a change is shown in place: its
// old text struck through (`deletion` mark), its new text right after it
// (`insertion` mark), both carrying the change's id.
//
// On load `layChanges` lays the changes over the original text; on save
// `originalText` gives each block's original text (what `fromPM` saves) and
// `changeUpdates` every change's current place and new text, counted in the
// original text (inserted text does not count, struck text does).
import type { Mark, Node as PMNode } from "prosemirror-model";
import type { EditorState, Transaction } from "prosemirror-state";
import type { TrackedChange } from "../bindings/TrackedChange";
export type { TrackedChange };
import type { ChangePos } from "../bindings/ChangePos";
import type { ChangeUpdate } from "../bindings/ChangeUpdate";
import { cpToUtf16, utf16ToCp } from "../review/anchors";
import { T } from "./schema";
import { BREAK, originalText } from "./suggest-marks";
import { DEL, INS, UNTRACKED, changeMark } from "./tracking";

/** A textblock that carries a node's text, with the core's node id. */
export interface Block {
  id: string;
  pos: number;
  node: PMNode;
}

/** The node id whose text a textblock holds: a paragraph's own, a section heading's section's. */
export function blockId(node: PMNode, parent: PMNode | null): string | null {
  if (node.type === T.paragraph) return (node.attrs.id as string | null) ?? null;
  if (node.type === T.sectionHeading && parent) return (parent.attrs.id as string | null) ?? null;
  return null;
}

/** Every textblock with a node id, in reading order. */
export function blocks(doc: PMNode): Block[] {
  const out: Block[] = [];
  doc.descendants((n, pos, parent) => {
    if (!n.isTextblock) return true;
    const id = blockId(n, parent);
    if (id) out.push({ id, pos, node: n });
    return false;
  });
  return out;
}

/** Whether the document shows any pending change. */
export function hasChanges(doc: PMNode): boolean {
  let found = false;
  doc.descendants((n) => {
    if (found) return false;
    if (n.isText && changeMark(n.marks)) found = true;
    return !n.isText;
  });
  return found;
}

// ---- save: the changes' current places ----------------------------------------------------

interface Acc {
  struck: boolean;
  start: ChangePos;
  end: ChangePos;
  new: string;
}

/** Every change shown in the editor, in reading order, as the save sends it. */
export function changeUpdates(doc: PMNode): ChangeUpdate[] {
  const byId = new Map<string, Acc>();
  const list = blocks(doc);
  list.forEach((b, i) => {
    const orig = originalText(b.node);
    let u16 = 0; // offset in the block's original text (UTF-16)
    b.node.forEach((c) => {
      const text = c.text ?? "";
      const m = changeMark(c.marks);
      const here = (): ChangePos => ({ node_id: b.id, offset: utf16ToCp(orig, u16) });
      if (m) {
        const id = m.attrs.id as string;
        let acc = byId.get(id);
        if (!acc) byId.set(id, (acc = { struck: false, start: here(), end: here(), new: "" }));
        if (m.type === INS) {
          // An inserted ¶ is a new paragraph break: "\n" in the core's new text.
          acc.new += text.replaceAll(BREAK, "\n");
          // New text after struck text stands at its end: the end stays.
          if (!acc.struck) acc.end = here();
        } else {
          u16 += text.replaceAll(BREAK, "").length;
          acc.struck = true;
          acc.end = here();
          // A struck ¶ is the break after this block: the change ends at the next one's start.
          const next = list[i + 1];
          if (text.includes(BREAK) && next) acc.end = { node_id: next.id, offset: 0 };
        }
      } else u16 += text.length;
    });
  });
  return [...byId.entries()].map(([id, a]) => ({ id, start: a.start, end: a.end, new: a.new }));
}

// ---- load: laying the changes over the original text ------------------------------------

/** PM position of a core position, or null when the node is not a textblock here or the offset is past its text. */
function place(index: Map<string, Block>, p: ChangePos): { block: Block; pos: number } | null {
  const b = index.get(p.node_id);
  if (!b) return null;
  const text = b.node.textContent;
  if (p.offset > [...text].length) return null;
  return { block: b, pos: b.pos + 1 + cpToUtf16(text, p.offset) };
}

/** Why a pending change is listed but not shown in the text (null: it is shown). */
export type Unshown = "orphaned" | "elsewhere";

/**
 * Lays the pending changes over `state`'s document (the original text, as
 * loaded) in one untracked transaction. Returns it, and the changes it could
 * not show in the text with the reason (listed only; the save leaves them as
 * they are).
 */
export function layChanges(state: EditorState, changes: readonly TrackedChange[]): { tr: Transaction; unshown: Map<string, Unshown> } {
  const tr = state.tr.setMeta(UNTRACKED, true).setMeta("addToHistory", false);
  const unshown = new Map<string, Unshown>();
  const list = blocks(state.doc);
  const index = new Map(list.map((b) => [b.id, b]));
  const order = new Map(list.map((b, i) => [b.id, i]));
  const placed: { c: TrackedChange; s: { block: Block; pos: number }; e: { block: Block; pos: number }; between: Block[] }[] = [];
  for (const c of changes) {
    if (c.status !== "pending") continue;
    if (c.orphaned) {
      unshown.set(c.id, "orphaned");
      continue;
    }
    const s = place(index, c.start);
    const e = place(index, c.end);
    if (!s || !e || e.pos < s.pos) {
      unshown.set(c.id, "elsewhere");
      continue;
    }
    // The blocks it crosses must follow each other here as in the core's reading order.
    const si = order.get(s.block.id) ?? -1;
    const ei = order.get(e.block.id) ?? -1;
    let contiguous = true;
    state.doc.nodesBetween(s.pos, e.pos, (n, pos, parent) => {
      if (n.isTextblock && pos >= s.block.pos && pos <= e.block.pos && !blockId(n, parent)) contiguous = false;
      if (n.type === T.partHeading && pos > s.block.pos && pos < e.block.pos) contiguous = false;
      return !n.isTextblock;
    });
    if (si < 0 || ei < si || !contiguous) {
      unshown.set(c.id, "elsewhere");
      continue;
    }
    // The blocks whose break after them the change deletes (struck ¶ at their end).
    placed.push({ c, s, e, between: list.slice(si, ei) });
  }
  // From the end of the document, so that earlier positions stay valid.
  placed.sort((x, y) => y.s.pos - x.s.pos || y.e.pos - x.e.pos);
  // Positions of the loaded document, mapped through what was laid so far
  // (changes that touch at one point stay in order: this one before the next).
  const at = (pos: number) => tr.mapping.map(pos, -1);
  for (const { c, s, e, between } of placed) {
    const attrs = { id: c.id, author: c.author, role: c.role, time: c.created_at };
    // A "\n" in the new text is a paragraph break, shown as an inserted ¶.
    if (c.new !== "") tr.insert(at(e.pos), state.schema.text(c.new.replaceAll("\n", BREAK), [INS.create(attrs)]));
    const del = DEL.create(attrs);
    if (e.pos > s.pos) tr.addMark(at(s.pos), at(e.pos), del);
    for (let k = between.length - 1; k >= 0; k--) {
      const b = between[k];
      tr.insert(at(b.pos + b.node.nodeSize - 1), state.schema.text(BREAK, [del]));
    }
  }
  return { tr, unshown };
}

/** Where a change is shown: its first and last position, or null when it is not in the text. */
export function changeRange(doc: PMNode, id: string): { from: number; to: number } | null {
  let from = -1;
  let to = -1;
  doc.descendants((n, pos) => {
    if (!n.isText) return true;
    const m = changeMark(n.marks);
    if (m && m.attrs.id === id) {
      if (from < 0) from = pos;
      to = pos + n.nodeSize;
    }
    return false;
  });
  return from < 0 ? null : { from, to };
}

/** The change whose mark is at `pos` (the text right after it, else right before it). */
export function changeAt(doc: PMNode, pos: number): Mark | null {
  const $p = doc.resolve(pos);
  const after = $p.nodeAfter ? changeMark($p.nodeAfter.marks) : null;
  if (after) return after;
  return $p.nodeBefore ? changeMark($p.nodeBefore.marks) : null;
}

/** A displayed offset (scalars of the block's text as shown) as an offset in its original text. */
export function originalOffset(node: PMNode, shown: number): number {
  let seen = 0;
  let orig = 0;
  let out = -1;
  node.forEach((c) => {
    if (out >= 0) return;
    const text = c.text ?? "";
    const inserted = INS.isInSet(c.marks) !== undefined;
    const n = [...text].length;
    // Original text: not inserted, and not a struck ¶ (a deleted break).
    const kept = inserted ? 0 : [...text.replaceAll(BREAK, "")].length;
    if (shown <= seen + n) out = inserted ? orig : orig + Math.min(shown - seen, kept);
    else {
      seen += n;
      orig += kept;
    }
  });
  return out >= 0 ? out : orig;
}

/** Comment ranges (counted in the text as shown) counted in the original text the save sends. */
export function anchorsToOriginal<A extends { node_id: string | null; start: number; end: number }>(doc: PMNode, anchors: A[]): A[] {
  if (!anchors.some((a) => a.node_id) || !hasChanges(doc)) return anchors;
  const index = new Map(blocks(doc).map((b) => [b.id, b]));
  return anchors.map((a) => {
    const b = a.node_id ? index.get(a.node_id) : undefined;
    if (!b) return a;
    return { ...a, start: originalOffset(b.node, a.start), end: originalOffset(b.node, a.end) };
  });
}
