// The report's ProseMirror view: the page's editable text, read-only when the
// report is locked, typing through transactions, and one hook for every
// transaction applied.
import type { Node as PMNode } from "prosemirror-model";
import type { Command, Transaction } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { createState } from "../editor/editor";
import { hasControlChars, stripControlChars } from "../editor/control-chars";
import { handlePaste } from "../editor/paste";
import { Refusal, composingRaw, trackTransaction } from "../editor/tracking";
import { pageOf } from "./page";
import { onCurrentSelection, readPendingSelection } from "./unread-selection";

export interface ReportEditorOptions {
  host: HTMLElement;
  doc: PMNode;
  /** Extra keys for the keymap (keys.ts). */
  keys: Record<string, Command>;
  /** A report past review: nothing may change its document. */
  locked: boolean;
  say(m: string): void;
  /** True once the report view is gone: transactions are dropped. */
  disposed(): boolean;
  /** After each transaction is applied. */
  applied(tr: Transaction): void;
}

export function createReportEditor(o: ReportEditorOptions): EditorView {
  const editor: EditorView = new EditorView(o.host, {
    state: createState(o.doc, () => o.say("部分标题由模板和年度生成，不能修改、删除或合并；请在各部分内编写正文。"), o.keys),
    attributes: { "data-testid": "editor", class: "pm", spellcheck: "false", lang: "zh-CN", "aria-label": "报告正文", role: "textbox", "aria-multiline": "true" },
    editable: () => !o.locked,
    handlePaste: (v, ev) => handlePaste(v, ev),
    handleKeyPress: typeDirectly,
    handleDOMEvents: {
      beforeinput: (view, e) => insertDirectly(view, e),
      compositionend: (view) => {
        compositionEnded.set(view, Date.now());
        return false;
      },
    },
    dispatchTransaction(raw: Transaction) {
      if (o.disposed() || (o.locked && raw.docChanged)) return;
      raw = onCurrentSelection(editor, raw); // a caret moved but not read yet comes along (unread-selection.ts)
      // [tracking #17] With 修订 on, an edit becomes a suggestion (editor/tracking.ts);
      // an input method's text is taken as written and settled at compositionend.
      const tr = composingRaw(editor) ? raw : trackTransaction(editor.state, raw);
      if (tr instanceof Refusal) {
        o.say(tr.message);
        return;
      }
      editor.updateState(editor.state.apply(tr));
      o.applied(tr);
      page?.edited(tr);
    },
  });
  // The page shows the layout model's run-in stops after the headings (page.ts, run-in.ts).
  const page = pageOf(o.host);
  page?.attach(editor);
  // Test builds expose the view to the benchmark and tests.
  if (import.meta.env.MODE === "test") (window as unknown as { __pmView?: EditorView }).__pmView = editor;
  return editor;
}

/**
 * Inserts a typed character through a transaction instead of letting the browser
 * edit the DOM: Chromium's native insertion in a 100,000-character editable
 * costs ~10 ms per key, the transaction well under 1 ms. Input rules still run.
 * Composition (IME) never comes through here.
 */
function typeDirectly(view: EditorView, event: KeyboardEvent): boolean {
  if (view.composing || event.isComposing || !event.charCode) return false;
  const text = String.fromCharCode(event.charCode);
  if (/[\r\n]/.test(text)) return false;
  // Backspace (8) and Delete (127) arrive as keypress in WebKitGTK when no
  // command took the keydown: a refused key does nothing.
  if (hasControlChars(text)) return true;
  readPendingSelection(view);
  insertText(view, text);
  return true;
}

/**
 * Text that arrives without a keypress — an input method committing without a
 * composition (Chinese punctuation often does), the system's emoji or voice
 * input — into an empty paragraph goes in through a transaction too. Left to
 * the browser, text put into the empty paragraph that Enter had just made could
 * land with the DOM caret before it (ProseMirror then read the caret there), so
 * the next text went in front or into another paragraph: 已全部审结。 typed right
 * after Enter became 全部审结。已. Text into a paragraph that has text, and a
 * composition's own text, stay the browser's: that path is sound, and an input
 * method's commit must meet its composition's text in the DOM.
 */
function insertDirectly(view: EditorView, event: Event): boolean {
  const e = event as InputEvent;
  if (e.inputType !== "insertText" || !e.data || /[\r\n]/.test(e.data)) return false;
  if (view.composing || e.isComposing || Date.now() - (compositionEnded.get(view) ?? 0) < COMPOSITION_SETTLE_MS) return false;
  readPendingSelection(view); // a click just before: the text goes where it put the caret
  const { $from, empty } = view.state.selection;
  if (!empty || !$from.parent.isTextblock || $from.parent.content.size > 0) return false;
  e.preventDefault();
  const text = stripControlChars(e.data);
  if (text) insertText(view, text);
  return true;
}

/** When each view's last composition ended: its commit may still be on its way. */
const compositionEnded = new WeakMap<EditorView, number>();
const COMPOSITION_SETTLE_MS = 100;

/** `text` in place of the selection, through the input rules (handleTextInput) like typing. */
function insertText(view: EditorView, text: string): void {
  const { from, to } = view.state.selection;
  const deflt = () => view.state.tr.insertText(text, from, to).scrollIntoView();
  if (!view.someProp("handleTextInput", (f) => f(view, from, to, text, deflt))) view.dispatch(deflt());
}
