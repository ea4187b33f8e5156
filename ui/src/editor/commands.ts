// Editing commands: section add/delete/move/promote/demote, typed numbering,
// and the guards that keep Backspace/Delete from merging across structure.
import type { Node as PMNode, ResolvedPos } from "prosemirror-model";
import { Selection, TextSelection, type Command, type EditorState, type Transaction } from "prosemirror-state";
import { closeHistory } from "prosemirror-history";
import { MAX_LEVEL, newId } from "../model";
import { partNode, treePart, type Recorder, type Reverse } from "./convert";
import { T, sectionLevel } from "./schema";
import {
  Refused,
  addSectionAfter,
  deleteSection,
  demoteSection,
  height,
  locate,
  moveSection,
  moveSectionTo,
  paragraphToSection,
  promoteSection,
  type TPara,
  type TPart,
  type TSection,
} from "./tree";

/** Tells the user why a command did nothing (set by the editor). */
let notifyFn: (message: string) => void = () => {};
export function notify(message: string): void {
  if (message) notifyFn(message);
}
export function setNotifier(fn: (message: string) => void): void {
  notifyFn = fn;
}

export const newSection = (heading = ""): TSection => ({ id: newId(), heading, paragraphs: [], sections: [] });

interface Where {
  part: PMNode;
  partPos: number;
  /** Innermost section around the caret. */
  sectionId: string | null;
  sectionLevel: number;
}

export function where($pos: ResolvedPos): Where | null {
  if ($pos.depth < 1 || $pos.node(1).type !== T.part) return null;
  let sectionId: string | null = null;
  let level = 0;
  for (let d = $pos.depth; d >= 2; d--) {
    const l = sectionLevel($pos.node(d).type);
    if (l) {
      sectionId = $pos.node(d).attrs.id as string;
      level = l;
      break;
    }
  }
  return { part: $pos.node(1), partPos: $pos.before(1), sectionId, sectionLevel: level };
}

type Target = { obj: object; offset: number } | { obj: null; offset: number };

/**
 * Runs a tree operation on the part holding the caret and replaces the part in
 * one step (one undo). `op` returns where the caret goes: a tree object (a
 * paragraph, or a section for its heading) and an offset in it.
 */
function restructure(
  state: EditorState,
  dispatch: ((tr: Transaction) => void) | undefined,
  op: (part: TPart, w: Where, caret: object | null) => Target,
): boolean {
  const { $from } = state.selection;
  const w = where($from);
  if (!w) return false;
  const rev: Reverse = new Map();
  const tree = treePart(w.part, rev);
  const caret = rev.get($from.parent) ?? null;
  let target: Target;
  try {
    target = op(tree, w, caret);
  } catch (e) {
    if (e instanceof Refused) {
      notify(e.message);
      return true;
    }
    throw e;
  }
  if (!dispatch) return true;
  const rec: Recorder = new Map();
  const node = partNode(tree, rec);
  // Replace everything but the locked heading, so that undoing this step can
  // never bring back a heading text of another year.
  const headingSize = w.part.child(0).nodeSize;
  const tr = state.tr.replaceWith(
    w.partPos + 1 + headingSize,
    w.partPos + w.part.nodeSize - 1,
    node.content.cut(headingSize),
  );
  const block = target.obj ? rec.get(target.obj) : undefined;
  let sel: Selection | null = null;
  if (block) {
    let at = -1;
    node.descendants((n, pos) => {
      if (at >= 0) return false;
      if (n === block) at = w.partPos + 1 + pos + 1;
      return true;
    });
    if (at >= 0) sel = TextSelection.create(tr.doc, at + Math.min(target.offset, block.content.size));
  }
  tr.setSelection(sel ?? Selection.near(tr.doc.resolve(Math.min(w.partPos + 2, tr.doc.content.size))));
  // A structural change is its own undo step, apart from the typing around it.
  dispatch(closeHistory(tr).scrollIntoView());
  return true;
}

const keep = (caret: object | null, state: EditorState): Target => ({ obj: caret, offset: state.selection.$from.parentOffset });

/** 新增小节: a sibling after the current section, or the first （一） of a part. */
export const addSection: Command = (state, dispatch) =>
  restructure(state, dispatch, (part, w) => {
    const s = addSectionAfter(part, w.sectionId, () => newSection());
    return { obj: s, offset: 0 };
  });

export const removeSection: Command = (state, dispatch) =>
  restructure(state, dispatch, (part, w) => {
    if (!w.sectionId) throw new Refused("光标不在小节内，没有可删除的小节");
    const { before, parent } = deleteSection(part, w.sectionId);
    const last = (s: TSection): Target => {
      if (s.sections.length) return last(s.sections[s.sections.length - 1]);
      const p = s.paragraphs[s.paragraphs.length - 1];
      return p ? { obj: p, offset: p.text.length } : { obj: s, offset: s.heading.length };
    };
    if (before) return last(before);
    const p = parent.paragraphs[parent.paragraphs.length - 1];
    if (p) return { obj: p, offset: p.text.length };
    return "role" in parent ? { obj: null, offset: 0 } : { obj: parent, offset: (parent as TSection).heading.length };
  });

export const moveSectionUp: Command = (state, dispatch) =>
  restructure(state, dispatch, (part, w, caret) => {
    if (!w.sectionId) throw new Refused("光标不在小节内");
    moveSection(part, w.sectionId, -1);
    return keep(caret, state);
  });

export const moveSectionDown: Command = (state, dispatch) =>
  restructure(state, dispatch, (part, w, caret) => {
    if (!w.sectionId) throw new Refused("光标不在小节内");
    moveSection(part, w.sectionId, 1);
    return keep(caret, state);
  });

export const demote: Command = (state, dispatch) =>
  restructure(state, dispatch, (part, w, caret) => {
    if (!w.sectionId) throw new Refused("光标不在小节内");
    demoteSection(part, w.sectionId);
    return keep(caret, state);
  });

export const promote: Command = (state, dispatch) =>
  restructure(state, dispatch, (part, w, caret) => {
    if (!w.sectionId) throw new Refused("光标不在小节内");
    promoteSection(part, w.sectionId);
    return keep(caret, state);
  });

/** The part holding the section or part `id`: its node and position. */
function partHolding(doc: PMNode, id: string): { node: PMNode; pos: number } | null {
  let found: { node: PMNode; pos: number } | null = null;
  doc.forEach((n, pos) => {
    if (found || n.type !== T.part) return;
    if (n.attrs.id === id) found = { node: n, pos };
    else
      n.descendants((c) => {
        if (found) return false;
        if (sectionLevel(c.type) && c.attrs.id === id) found = { node: n, pos };
        return c.type !== T.paragraph && c.type !== T.sectionHeading;
      });
  });
  return found;
}

/**
 * Moves section `id` out of its part into another part as one step (one undo):
 * `place` puts it into the other part's tree (and may refuse). The caret goes to
 * the moved section's heading.
 */
function moveToOtherPart(
  state: EditorState,
  dispatch: ((tr: Transaction) => void) | undefined,
  id: string,
  destId: string,
  place: (dest: TPart, moved: TSection) => void,
): boolean {
  const src = partHolding(state.doc, id);
  const dst = partHolding(state.doc, destId);
  if (!src || !dst) return false;
  const from = treePart(src.node);
  const to = treePart(dst.node);
  try {
    const { removed } = deleteSection(from, id);
    place(to, removed);
  } catch (e) {
    if (e instanceof Refused) {
      notify(e.message);
      return true;
    }
    throw e;
  }
  if (!dispatch) return true;
  const tr = state.tr;
  // The later part first, so that the earlier one's positions still hold.
  const jobs = [{ at: src, tree: from }, { at: dst, tree: to }].sort((a, b) => b.at.pos - a.at.pos);
  for (const { at, tree } of jobs) {
    const node = partNode(tree);
    const headingSize = at.node.child(0).nodeSize;
    tr.replaceWith(at.pos + 1 + headingSize, at.pos + at.node.nodeSize - 1, node.content.cut(headingSize));
  }
  const pos = findSection(tr.doc, id);
  if (pos !== null) tr.setSelection(TextSelection.create(tr.doc, pos + 2));
  dispatch(closeHistory(tr).scrollIntoView());
  return true;
}

const tooDeep = "移动后层级超过四级（最多到“（1）”一级），不能移到这里";

/**
 * Outline drag and drop: moves section `id` (with its subsections) before/after
 * section `targetId`, taking its level; across parts too.
 */
export function dropSection(id: string, targetId: string, after: boolean): Command {
  return (state, dispatch) => {
    const src = partHolding(state.doc, id);
    const dst = partHolding(state.doc, targetId);
    if (!src || !dst) return false;
    if (src.pos === dst.pos)
      return onSection(id, (st, d) =>
        restructure(st, d, (part, _w, caret) => {
          moveSectionTo(part, id, targetId, after);
          return keep(caret, st);
        }),
      )(state, dispatch);
    return moveToOtherPart(state, dispatch, id, targetId, (dest, moved) => {
      const at = locate(dest, targetId);
      if (!at) throw new Refused("找不到要移动的小节");
      if (at.level + height(moved) - 1 > MAX_LEVEL) throw new Refused(tooDeep);
      at.siblings.splice(after ? at.index + 1 : at.index, 0, moved);
    });
  };
}

/** Outline drag onto a part: section `id` becomes that part's first （一）. */
export function dropSectionInPart(id: string, partId: string): Command {
  return (state, dispatch) => {
    const src = partHolding(state.doc, id);
    if (!src) return false;
    if (src.node.attrs.id === partId)
      return onSection(id, (st, d) =>
        restructure(st, d, (part, _w, caret) => {
          const { removed } = deleteSection(part, id);
          part.sections.unshift(removed);
          return keep(caret, st);
        }),
      )(state, dispatch);
    return moveToOtherPart(state, dispatch, id, partId, (dest, moved) => {
      if (1 + height(moved) > MAX_LEVEL) throw new Refused(tooDeep);
      dest.sections.unshift(moved);
    });
  };
}

/** Acts on a given section (outline sidebar): puts the caret in it, then runs `cmd`. */
export function onSection(id: string, cmd: Command): Command {
  return (state, dispatch) => {
    const pos = findSection(state.doc, id);
    if (pos === null) return false;
    const s = state.apply(state.tr.setSelection(TextSelection.create(state.doc, pos + 2)));
    return cmd(s, dispatch ? (tr) => dispatch(tr) : undefined);
  };
}

/** Position of the section node with this id. */
export function findSection(doc: PMNode, id: string): number | null {
  let found: number | null = null;
  doc.descendants((n, pos) => {
    if (found !== null) return false;
    if (sectionLevel(n.type) && n.attrs.id === id) {
      found = pos;
      return false;
    }
    return n.type !== T.paragraph && n.type !== T.sectionHeading;
  });
  return found;
}

/** Level typed as a numbering prefix: （三） → 2, 1. → 3, （1） → 4. */
export function typedLevel(text: string): number {
  if (/^[（(][一二三四五六七八九十]+[）)]$/.test(text)) return 2;
  if (/^[0-9０-９]+[.．、]$/.test(text)) return 3;
  if (/^[（(][0-9０-９]+[）)]$/.test(text)) return 4;
  return 0;
}

/** Typing a numbering prefix into an empty paragraph makes it a section of that level. */
export function numberingToSection(state: EditorState, dispatch?: (tr: Transaction) => void): boolean {
  const { $from, empty } = state.selection;
  if (!empty || $from.parent.type !== T.paragraph) return false;
  const text = $from.parent.textContent;
  if ($from.parentOffset !== text.length) return false;
  const level = typedLevel(text);
  if (!level) return false;
  let ok = false;
  const ran = restructure(state, dispatch, (part, _w, caret) => {
    const s = paragraphToSection(part, caret as TPara, level, (h) => newSection(h));
    if (!s) throw new Refused("");
    ok = true;
    return { obj: s, offset: 0 };
  });
  return ran && ok;
}

export const ACROSS_ATTACHMENT = "选区从正文跨入了附件，不能一并修改；请分别选择正文和附件中的内容";

/**
 * [#16] Whether the selection starts outside the 附件 and ends inside one:
 * replacing it would cut that 附件's title off or join it onto the closing.
 */
export function cutsIntoAttachment(state: EditorState): boolean {
  const { $from, $to, empty } = state.selection;
  if (empty || $to.depth < 1 || $to.node(1).type !== T.attachment) return false;
  return $from.depth < 1 || $from.node(1).type !== T.attachment;
}

/** A key that would replace a selection from the body into an 附件: refused with its reason. */
function refuseAcross(state: EditorState): boolean {
  if (!cutsIntoAttachment(state)) return false;
  notify(ACROSS_ATTACHMENT);
  return true;
}

/** Backspace at the start of a block: never merge across a part, preface or closing, nor dissolve a section. */
export const guardBackspace: Command = (state, dispatch) => {
  if (refuseAcross(state)) return true;
  const { $from, empty } = state.selection;
  if (!empty || $from.parentOffset !== 0) return false;
  const parent = $from.parent;
  const container = $from.node($from.depth - 1);
  const index = $from.index($from.depth - 1);
  if (parent.type === T.sectionHeading) {
    const section = container;
    if (section.textContent === "" && section.childCount === 1) return removeSection(state, dispatch);
    notify("小节标题不能与前文合并；如需删除整个小节，请用“删除小节”（Ctrl+Shift+K）");
    return true;
  }
  // Right after a table: never merge into it (nor select it for the next key to
  // delete); the caret goes to the end of its last cell, taking an empty
  // paragraph away.
  const before = index > 0 ? container.child(index - 1) : null;
  if (before && before.type === T.table) {
    if (dispatch) {
      const tableEnd = $from.before();
      const tr = state.tr;
      if (parent.content.size === 0) tr.delete($from.before(), $from.after());
      tr.setSelection(Selection.near(tr.doc.resolve(tableEnd - 1), -1));
      dispatch(tr.scrollIntoView());
    }
    return true;
  }
  if (parent.type === T.attachmentTitle) {
    // An empty 附件 (no title, one empty paragraph) goes; otherwise its title stays.
    if (container.textContent === "" && container.childCount === 2) {
      if (dispatch) {
        const at = $from.before($from.depth - 1);
        const tr = state.tr.delete(at, at + container.nodeSize);
        dispatch(tr.setSelection(Selection.near(tr.doc.resolve(Math.min(at, tr.doc.content.size)), -1)).scrollIntoView());
      }
      return true;
    }
    notify("附件标题不能与前文合并；如需删除整个附件，请用“删除附件”（更多菜单）");
    return true;
  }
  // The first block of an 附件 never merges into its title; an empty one is
  // left for the end of the title (and goes, unless it is the only block).
  if (container.type === T.attachment && index === 1) {
    if (parent.content.size === 0 && dispatch) {
      const tr = state.tr;
      if (container.childCount > 2) tr.delete($from.before(), $from.after());
      tr.setSelection(TextSelection.create(tr.doc, $from.before() - 1));
      dispatch(tr.scrollIntoView());
    }
    return true;
  }
  // The first block of a part, the preface or the closing: nothing to merge with.
  if (container.type === T.part && index === 1) return true;
  if ((container.type === T.preface || container.type === T.closing) && index === 0) return true;
  return false;
};

/**
 * Enter at the very start of a section heading would move the heading's text
 * into a paragraph and leave the heading empty: do nothing instead. At the end
 * of an 附件's title, Enter goes into its empty first paragraph.
 */
export const guardEnter: Command = (state, dispatch) => {
  if (refuseAcross(state)) return true;
  const { $from, empty } = state.selection;
  // At the end of an 附件's title with its empty first paragraph below: go there.
  if (empty && $from.parent.type === T.attachmentTitle && $from.parentOffset === $from.parent.content.size) {
    const next = state.doc.resolve($from.after()).nodeAfter;
    if (next && next.type === T.paragraph && next.content.size === 0) {
      dispatch?.(state.tr.setSelection(TextSelection.create(state.doc, $from.after() + 1)).scrollIntoView());
      return true;
    }
  }
  const heading = $from.parent.type === T.sectionHeading || $from.parent.type === T.attachmentTitle;
  return empty && heading && $from.parentOffset === 0 && $from.parent.content.size > 0;
};

/** Delete at the end of a block: only merge with a following paragraph of the same container. */
export const guardDelete: Command = (state, dispatch) => {
  if (refuseAcross(state)) return true;
  const { $from, empty } = state.selection;
  if (!empty || $from.parentOffset !== $from.parent.content.size) return false;
  const container = $from.node($from.depth - 1);
  const index = $from.index($from.depth - 1);
  const next = index + 1 < container.childCount ? container.child(index + 1) : null;
  if ($from.parent.type === T.attachmentTitle) {
    // An 附件's text never merges into its title; an empty first paragraph goes
    // when more follows.
    if (next && next.type === T.paragraph && next.content.size === 0 && container.childCount > 2)
      dispatch?.(state.tr.delete($from.after(), $from.after() + next.nodeSize).scrollIntoView());
    return true;
  }
  return !(next && next.type === T.paragraph);
};
