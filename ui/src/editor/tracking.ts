// [tracking #17] 修订 mode: with it on, an edit does not change the text, it
// suggests: deleted text stays, struck through (a `deletion` mark), typed text
// is marked as an `insertion`, each with the change's id, author, role and time.
// Typing next to one's own pending insertion extends it, deleting one's own
// insertion removes it for good, and another person's pending change is not
// edited over (accept or reject it first).
//
// The editor's dispatch passes every transaction through `trackTransaction`
// (report/editor-view.ts); the rules of what a change *means* (accepting,
// rejecting, the template check of both outcomes) live in Rust. This module only
// turns keystrokes into marks.
//
// Input methods: while a composition is active the text is left as the IME
// writes it (re-rendering under it would break the composition); on
// compositionend the composed text becomes one tracked replace.
import type { Mark, Node as PMNode } from "prosemirror-model";
import { Fragment, Slice, type ResolvedPos } from "prosemirror-model";
import { Plugin, PluginKey, TextSelection, type EditorState, type Transaction } from "prosemirror-state";
import { ReplaceStep } from "prosemirror-transform";
import type { EditorView } from "prosemirror-view";
import { newId } from "../model";
import { ALLOW_LOCKED } from "./plugins";
import { schema } from "./schema";
import { BREAK } from "./suggest-marks";

export interface Actor {
  name: string;
  role: string | null;
}

export interface TrackingState {
  /** 修订 is on for this window. */
  on: boolean;
  /** Why it cannot be switched off (审阅中 and a reviewer), or null. */
  forcedBy: string | null;
  who: Actor;
}

/** What `tr.setMeta(trackingKey, …)` may change. */
export type TrackingMeta = Partial<TrackingState>;

export const trackingKey = new PluginKey<TrackingState>("tracking");

/** Transactions carrying this meta are applied as they are (loading changes, accept/reject results). */
export const UNTRACKED = "fazhi-untracked";

export const INS = schema.marks.insertion;
export const DEL = schema.marks.deletion;

export function trackingState(state: EditorState): TrackingState | undefined {
  return trackingKey.getState(state);
}

/** The change mark on a text node, if any. */
export function changeMark(marks: readonly Mark[]): Mark | null {
  return marks.find((m) => m.type === INS || m.type === DEL) ?? null;
}

// ---- the transform -------------------------------------------------------------------------

/** Why an edit was refused (shown in the status line). */
export class Refusal {
  constructor(readonly message: string) {}
}

const sameAuthor = (m: Mark | null, who: Actor): boolean => !!m && m.attrs.author === who.name;

/** A slice of plain text (or nothing): what typing, deleting and a one-line paste replace with. */
function textSlice(slice: Slice): boolean {
  if (slice.openStart !== 0 || slice.openEnd !== 0) return false;
  let textOnly = true;
  slice.content.forEach((n) => (textOnly &&= n.isText));
  return textOnly;
}

interface Seg {
  from: number;
  to: number;
  node: PMNode;
}

/** The text pieces of [from, to) inside one textblock. */
function segments(doc: PMNode, from: number, to: number): Seg[] {
  const out: Seg[] = [];
  doc.nodesBetween(from, to, (n, pos) => {
    if (!n.isText) return true;
    const a = Math.max(pos, from);
    const b = Math.min(pos + n.nodeSize, to);
    if (b > a) out.push({ from: a, to: b, node: n.cut(a - pos, b - pos) });
    return false;
  });
  return out;
}

function otherPersons(m: Mark): string {
  return `此处是${m.attrs.author as string}${m.type === INS ? "插入" : "删除"}的修订，请先接受或拒绝，再修改这里`;
}

/** One's own change mark right before `before` or after `after` (the change an edit there continues). */
function ownNeighbour(doc: PMNode, before: number, after: number, who: Actor): Mark | null {
  const b = doc.resolve(before).nodeBefore;
  const a = doc.resolve(after).nodeAfter;
  return [b, a].map((n) => (n ? changeMark(n.marks) : null)).find((m) => m && sameAuthor(m, who)) ?? null;
}

/** Refuses when [a, b) holds another person's pending insertion (it is theirs to change). */
function checkOthers(doc: PMNode, a: number, b: number, who: Actor): void {
  doc.nodesBetween(a, b, (n) => {
    const m = n.isText ? changeMark(n.marks) : null;
    if (m && m.type === INS && !sameAuthor(m, who)) throw new Refusal(otherPersons(m));
    return true;
  });
}

/**
 * Strikes [a, b) of one textblock with `del`: one's own insertions go for
 * good, plain text is marked, struck text stays. Returns the range's new end
 * and whether anything was newly struck.
 */
function strike(out: Transaction, a: number, b: number, del: Mark): { end: number; made: boolean } {
  if (b <= a) return { end: a, made: false };
  const nodes: PMNode[] = [];
  let made = false;
  for (const s of segments(out.doc, a, b)) {
    const m = changeMark(s.node.marks);
    if (m && m.type === INS) continue; // one's own insertion: removed for good
    if (m) nodes.push(s.node);
    else {
      nodes.push(s.node.mark([del]));
      made = true;
    }
  }
  out.replaceWith(a, b, nodes);
  return { end: a + Fragment.from(nodes).size, made };
}

/** Inserts `inserted` at `at` (moved past struck text) as an insertion; returns the caret after it. */
function insertSuggested(out: Transaction, at: number, inserted: Fragment, who: Actor, fresh: () => Record<string, unknown>, made: Mark | null): number {
  for (;;) {
    const $p = out.doc.resolve(at);
    const n = $p.nodeAfter;
    const m = n ? changeMark(n.marks) : null;
    const pm = $p.nodeBefore ? changeMark($p.nodeBefore.marks) : null;
    // Inside a struck run: move past its end.
    if (n && m && m.type === DEL && pm && pm.type === DEL && pm.eq(m)) at += n.nodeSize;
    else break;
  }
  const $at = out.doc.resolve(at);
  const beforeMark = $at.nodeBefore ? changeMark($at.nodeBefore.marks) : null;
  const afterMark = $at.nodeAfter ? changeMark($at.nodeAfter.marks) : null;
  // Typing inside another person's insertion would split their change.
  if (beforeMark && afterMark && beforeMark.type === INS && beforeMark.eq(afterMark) && !sameAuthor(beforeMark, who)) throw new Refusal(otherPersons(beforeMark));
  // The text replacing what was just struck belongs to the same change.
  const near = made ?? ownNeighbour(out.doc, at, at, who);
  const ins = INS.create(near ? near.attrs : fresh());
  const nodes: PMNode[] = [];
  inserted.forEach((n) => nodes.push(schema.text(n.text ?? "", [ins])));
  out.insert(at, nodes);
  return at + Fragment.from(nodes).size;
}

/** The node id whose text a textblock holds, or null (a placeholder paragraph). */
function textblockId($p: ResolvedPos): string | null {
  const n = $p.parent;
  if (n.type === schema.nodes.paragraph) return (n.attrs.id as string | null) ?? null;
  if (n.type === schema.nodes.section_heading) return ($p.node($p.depth - 1).attrs.id as string | null) ?? null;
  return null;
}

/**
 * A replace of [a, b) of `out.doc` by `inserted` (plain text), as a suggestion.
 * The core's change is one replace (old → new): a deletion and the insertion
 * right after it share one id, and so does an edit next to one's own pending
 * change. A range over several textblocks strikes the text of each and the
 * breaks between them (a struck ¶ at each block's end: accepted, they merge).
 * Returns where the caret goes.
 */
function suggestReplace(out: Transaction, a: number, b: number, inserted: Fragment, who: Actor, time: string, backwards: boolean): number {
  const fresh = () => ({ id: newId(), author: who.name, role: who.role, time });
  checkOthers(out.doc, a, b, who);
  let made: Mark | null = null;
  let end = b;
  if (b > a) {
    const near = ownNeighbour(out.doc, a, b, who);
    const del = DEL.create(near ? near.attrs : fresh());
    // The textblocks the range touches, each with its part of the range.
    const parts: { from: number; to: number; blockEnd: number }[] = [];
    let inCell = false;
    out.doc.nodesBetween(a, b, (n, pos) => {
      if (n.isTextblock) {
        const $in = out.doc.resolve(pos + 1);
        if (!textblockId($in)) throw new Refusal("修订只能改动已有的段落和小节标题：所选范围含空白段落，请退出修订后修改");
        inCell ||= inTableCell(out.doc, pos + 1);
        parts.push({ from: Math.max(a, pos + 1), to: Math.min(b, pos + n.nodeSize - 1), blockEnd: pos + n.nodeSize - 1 });
        return false;
      }
      if (n.isAtom || n.isLeaf) throw new Refusal("部分标题由模板生成，修订不能删除或合并部分标题");
      return true;
    });
    // Within one cell's paragraph a change is like any other; across blocks it may not touch a cell.
    if (inCell && parts.length > 1) throw new Refusal("修订不能跨越表格：请分别修改表格内外的文字");
    let struck = false;
    const m0 = out.steps.length;
    // From the last block, so that earlier positions stay valid.
    for (let k = parts.length - 1; k >= 0; k--) {
      const p = parts[k];
      if (k < parts.length - 1) {
        // The break after this block: struck (unless it already is).
        const last = out.doc.resolve(p.blockEnd).nodeBefore;
        const lm = last ? changeMark(last.marks) : null;
        if (!(last?.text?.endsWith(BREAK) && lm && lm.type === DEL)) {
          out.insert(p.blockEnd, schema.text(BREAK, [del]));
          struck = true;
        }
      }
      struck = strike(out, p.from, p.to, del).made || struck;
    }
    if (struck) made = del;
    end = out.mapping.slice(m0).map(b);
  }
  if (inserted.size === 0) return backwards ? a : end;
  return insertSuggested(out, end, inserted, who, fresh, made);
}

/**
 * Paragraphs of plain text open on both sides (Enter: two empty ones; a pasted
 * multi-line text) as one text with a ¶ for each paragraph break, or null.
 */
function flatParagraphs(slice: Slice): string | null {
  const c = slice.content;
  if (slice.openStart !== 1 || slice.openEnd !== 1 || c.childCount < 2) return null;
  const lines: string[] = [];
  for (let i = 0; i < c.childCount; i++) {
    const p = c.child(i);
    if (p.type !== schema.nodes.paragraph) return null;
    let plain = true;
    p.forEach((t) => (plain &&= t.isText));
    if (!plain) return null;
    lines.push(p.textContent);
  }
  return lines.join(BREAK);
}

/** Whether `pos` is inside a table cell (the core keeps changes there within one cell). */
function inTableCell(doc: PMNode, pos: number): boolean {
  const $p = doc.resolve(pos);
  for (let d = $p.depth; d > 0; d--) if ($p.node(d).type.spec.tableRole === "cell" || $p.node(d).type.spec.tableRole === "header_cell") return true;
  return false;
}

/** Maps a position of `tr.docs[i]` to the tracked transaction's current document. */
function rebase(pos: number, tr: Transaction, i: number, out: Transaction): number {
  let p = pos;
  for (let k = i - 1; k >= 0; k--) p = tr.steps[k].getMap().invert().map(p);
  return out.mapping.map(p);
}

/**
 * The suggestion version of `tr` (made on `state`), or a Refusal. Transactions
 * that change no text, undo/redo and the editor's own bookkeeping pass as they are.
 */
export function trackTransaction(state: EditorState, tr: Transaction, now: () => string = () => new Date().toISOString()): Transaction | Refusal {
  const st = trackingState(state);
  if (!tr.docChanged || tr.getMeta(UNTRACKED) || tr.getMeta("history$") || tr.getMeta(ALLOW_LOCKED)) return tr;
  if (!st?.on) return guardUntracked(tr);
  if (!st.who.name) return new Refusal("修订需要署名：请先在“设置 → 身份”中填写姓名");
  const out = state.tr;
  const time = now();
  let caret: number | null = null;
  try {
    for (let i = 0; i < tr.steps.length; i++) {
      const step = tr.steps[i];
      const doc = tr.docs[i];
      if (!(step instanceof ReplaceStep)) return new Refusal(STRUCTURAL);
      const $from = doc.resolve(step.from);
      // Enter or pasted lines: new paragraph breaks, suggested as inserted ¶ (the core's "\n").
      let content = step.slice.content;
      const flat = flatParagraphs(step.slice);
      if (flat !== null) {
        if ($from.parent.type !== schema.nodes.paragraph) return new Refusal("修订模式下小节标题中不能分段");
        content = flat === "" ? Fragment.empty : Fragment.from(schema.text(flat));
      } else if (!textSlice(step.slice)) return new Refusal(STRUCTURAL);
      const $to = doc.resolve(step.to);
      if (!$from.parent.isTextblock || !$to.parent.isTextblock) return new Refusal(STRUCTURAL);
      if (!textblockId($from)) return new Refusal("修订只能改动已有的段落：这是一个空白段落，请退出修订后输入，或以批注提出");
      if (!$from.sameParent($to) && (inTableCell(doc, step.from) || inTableCell(doc, step.to)))
        return new Refusal("修订不能跨越表格：请分别修改表格内外的文字");
      const a = rebase(step.from, tr, i, out);
      const b = rebase(step.to, tr, i, out);
      // Backspace: the caret was at the end of what it deletes, and goes before it.
      const sel = state.selection;
      const backwards = sel.empty ? sel.head === step.to : true;
      caret = suggestReplace(out, a, b, content, st.who, time, backwards);
    }
  } catch (e) {
    if (e instanceof Refusal) return e;
    throw e;
  }
  if (caret !== null) out.setSelection(TextSelection.create(out.doc, caret));
  if (tr.scrolledIntoView) out.scrollIntoView();
  for (const [k, v] of Object.entries((tr as unknown as { meta: Record<string, unknown> }).meta ?? {})) out.setMeta(k, v);
  return out;
}

const STRUCTURAL = "修订模式下只能修改文字、分段和合并段落：新增、删除、移动小节和升降级请在退出修订后进行";

/**
 * With 修订 off, text is edited directly, but a pending change is not edited
 * over: deleting or typing into one would change what someone suggested.
 */
export function guardUntracked(tr: Transaction): Transaction | Refusal {
  for (let i = 0; i < tr.steps.length; i++) {
    const step = tr.steps[i];
    if (!(step instanceof ReplaceStep)) {
      let hit: Mark | null = null;
      const m = step.getMap();
      m.forEach((s, e) => {
        tr.docs[i].nodesBetween(s, e, (n) => {
          hit ??= changeMark(n.marks);
          return !hit;
        });
      });
      if (hit) return new Refusal(otherPersons(hit));
      continue;
    }
    let hit: Mark | null = null;
    if (step.to > step.from)
      tr.docs[i].nodesBetween(step.from, step.to, (n) => {
        hit ??= changeMark(n.marks);
        return !hit;
      });
    step.slice.content.descendants((n) => {
      hit ??= changeMark(n.marks);
      return !hit;
    });
    if (hit) return new Refusal(otherPersons(hit));
  }
  return tr;
}

// ---- the plugin ------------------------------------------------------------------------------

export interface TrackingHooks {
  /** A composition's text could not become a suggestion (and was taken back). */
  refused(message: string): void;
}

/**
 * The state each view's composition started from, until it is settled. The
 * IME's last text can reach ProseMirror after compositionend (its DOM change is
 * read in a microtask or at the end of the composition): until the settle it
 * is applied as written too, else that text would be tracked on its own.
 */
const composing = new WeakMap<EditorView, EditorState>();

/** Whether a transaction must be applied as it is: the IME is writing (settled after compositionend). */
export function composingRaw(view: EditorView): boolean {
  return trackingState(view.state)?.on === true && (view.composing || composing.has(view));
}

/** After compositionend: ProseMirror reads the composition's last DOM change and ends it (20 ms) first. */
const SETTLE_MS = 30;

/** Holds the mode and, during a composition, the document it started from. */
export function trackingPlugin(initial: TrackingState, hooks: TrackingHooks): Plugin<TrackingState> {
  return new Plugin<TrackingState>({
    key: trackingKey,
    state: {
      init: () => initial,
      apply(tr, st) {
        const meta = tr.getMeta(trackingKey) as TrackingMeta | undefined;
        return meta ? { ...st, ...meta } : st;
      },
    },
    props: {
      handleDOMEvents: {
        compositionstart(view) {
          // The earliest start: a composition may begin before the last one settled.
          if (trackingState(view.state)?.on && !composing.has(view)) composing.set(view, view.state);
          return false;
        },
      },
    },
    view(view) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        const start = composing.get(view);
        if (!start) return;
        if (view.composing) {
          timer = setTimeout(settle, 50);
          return;
        }
        composing.delete(view);
        settleComposition(view, start, hooks);
      };
      const onEnd = () => {
        clearTimeout(timer);
        timer = setTimeout(settle, SETTLE_MS);
      };
      view.dom.addEventListener("compositionend", onEnd);
      return {
        destroy: () => {
          clearTimeout(timer);
          composing.delete(view);
          view.dom.removeEventListener("compositionend", onEnd);
        },
      };
    },
  });
}

/**
 * A composition was applied as the IME wrote it: replay its net change on the
 * state it started from as one tracked replace, and put the result in place.
 */
export function settleComposition(view: EditorView, start: EditorState, hooks: TrackingHooks): void {
  const now = view.state;
  const a = start.doc.content.findDiffStart(now.doc.content);
  if (a === null) return;
  const ends = start.doc.content.findDiffEnd(now.doc.content);
  if (!ends) return;
  let { a: oldEnd, b: newEnd } = ends;
  // findDiffEnd may overlap the start when text repeats.
  if (oldEnd < a) newEnd += a - oldEnd, (oldEnd = a);
  if (newEnd < a) oldEnd += a - newEnd, (newEnd = a);
  const slice = now.doc.slice(a, newEnd);
  const replay = start.tr.step(new ReplaceStep(a, oldEnd, new Slice(slice.content, slice.openStart, slice.openEnd)));
  replay.setSelection(TextSelection.create(replay.doc, newEnd));
  const tracked = trackTransaction(start, replay);
  // Undo the raw composition and apply the tracked one, as one change in the history.
  const tr = now.tr;
  if (tracked instanceof Refusal) {
    tr.replace(a, newEnd, start.doc.slice(a, oldEnd)).setMeta(UNTRACKED, true);
    view.dispatch(tr);
    hooks.refused(tracked.message);
    return;
  }
  const target = tracked.doc;
  const s = now.doc.content.findDiffStart(target.content);
  if (s === null) return;
  const e = now.doc.content.findDiffEnd(target.content);
  if (!e) return;
  let { a: ea, b: eb } = e;
  if (ea < s) eb += s - ea, (ea = s);
  if (eb < s) ea += s - eb, (eb = s);
  tr.replace(s, ea, target.slice(s, eb)).setMeta(UNTRACKED, true);
  tr.setSelection(TextSelection.create(tr.doc, Math.min(tracked.selection.head, tr.doc.content.size)));
  view.dispatch(tr);
}
