// 附件 in the editor (#16): sections after the closing, each a title and its
// paragraphs and tables; numbered 附件1, 附件2… from position (plugins.ts). The
// commands add one, remove the one holding the caret, and jump to one.
import type { Node as PMNode } from "prosemirror-model";
import { TextSelection, type Command, type EditorState } from "prosemirror-state";
import { newId } from "../model";
import { notify } from "./commands";
import { T } from "./schema";

/** The 附件 around the selection: its node and position. */
export function currentAttachment(state: EditorState): { node: PMNode; pos: number } | null {
  const $from = state.selection.$from;
  if ($from.depth < 1 || $from.node(1).type !== T.attachment) return null;
  return { node: $from.node(1), pos: $from.before(1) };
}

/** Position of the 附件 with this id. */
export function findAttachment(doc: PMNode, id: string): number | null {
  let found: number | null = null;
  doc.forEach((n, off) => {
    if (n.type === T.attachment && n.attrs.id === id) found = off;
  });
  return found;
}

/** 添加附件: a new 附件 after the last one (after the closing), caret in its title. */
export const addAttachment: Command = (state, dispatch) => {
  if (dispatch) {
    const at = state.doc.content.size;
    const node = T.attachment.create({ id: newId() }, [T.attachmentTitle.create(), T.paragraph.create()]);
    const tr = state.tr.insert(at, node);
    dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 2)).scrollIntoView());
  }
  return true;
};

/** 删除附件: the 附件 holding the caret, with its text (Ctrl+Z brings it back). */
export const removeAttachment: Command = (state, dispatch) => {
  const a = currentAttachment(state);
  if (!a) {
    notify("光标不在附件内，没有可删除的附件");
    return true;
  }
  if (dispatch) {
    const tr = state.tr.delete(a.pos, a.pos + a.node.nodeSize);
    const $at = tr.doc.resolve(Math.min(a.pos, tr.doc.content.size));
    dispatch(tr.setSelection(TextSelection.near($at, -1)).scrollIntoView());
  }
  return true;
};

/** Puts the caret at the end of the 附件's title (the outline's jump). */
export function jumpToAttachment(id: string): Command {
  return (state, dispatch) => {
    const pos = findAttachment(state.doc, id);
    if (pos === null) return false;
    const title = state.doc.nodeAt(pos + 1);
    if (dispatch) dispatch(state.tr.setSelection(TextSelection.create(state.doc, pos + 2 + (title?.content.size ?? 0))).scrollIntoView());
    return true;
  };
}
