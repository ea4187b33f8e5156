// A caret just moved — a click, an arrow key, or a test placing it — is in the
// DOM before ProseMirror knows it: ProseMirror reads the DOM selection when the
// browser's "selectionchange" event arrives, a task later. A transaction
// dispatched in between by an answer landing (校对's underlines, comment
// highlights, the run-in stops) redraws decorations and writes the state's old
// selection back into the DOM: the caret jumps back and the next key lands
// where it was. Right after opening a report the first check answers within
// that window often enough that the first key typed was lost.
import type { Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";

/**
 * `tr` made for the selection the DOM holds now. A transaction that neither
 * edits nor sets the selection (metadata only, such as decorations) first lets
 * ProseMirror read a pending DOM selection — the event it waits for is sent
 * now, and the browser's own one then finds nothing new — and carries it over.
 * When that reading applied an edit made in the DOM, `tr` was made for the
 * document before it: an empty transaction stands in (its sender answers the
 * edit again).
 */
export function onCurrentSelection(view: EditorView, tr: Transaction): Transaction {
  if (tr.docChanged || tr.selectionSet || view.composing || !view.hasFocus()) return tr;
  const before = view.state;
  readPendingSelection(view);
  const now = view.state;
  if (now === before) return tr;
  if (now.doc !== tr.doc) return now.tr;
  return tr.setSelection(now.selection);
}

/**
 * Lets ProseMirror read a DOM selection it has not read yet: the event it waits
 * for is sent now (the browser's own one then finds nothing new). Text the
 * editor inserts itself goes where the caret is, not where it was.
 */
export function readPendingSelection(view: EditorView): void {
  if (!view.composing && view.hasFocus()) view.dom.ownerDocument.dispatchEvent(new Event("selectionchange"));
}
