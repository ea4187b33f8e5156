// The editor state: schema, plugins and key bindings.
import { baseKeymap, chainCommands } from "prosemirror-commands";
import { history, redo, undo } from "prosemirror-history";
import { InputRule, inputRules, undoInputRule } from "prosemirror-inputrules";
import { keymap } from "prosemirror-keymap";
import type { Node as PMNode } from "prosemirror-model";
import { EditorState, TextSelection, type Command, type Plugin, type Transaction } from "prosemirror-state";
import {
  addSection,
  demote,
  guardBackspace,
  guardDelete,
  guardEnter,
  moveSectionDown,
  moveSectionUp,
  numberingToSection,
  promote,
  removeSection,
} from "./commands";
import { checkMarksPlugin } from "./check-marks";
import { controlCharsPlugin } from "./control-chars";
import { findPlugin } from "./find";
import { idPlugin, lockPlugin, numberingPlugin } from "./plugins";
import { runInPlugin } from "./run-in";
import { T } from "./schema";
import { tablePlugins } from "./tables";
import { tableToolbarPlugin } from "./tables-menu";

/** Typing （三）, 1. or （1） into an empty paragraph makes it a section. */
const numberingRule = new InputRule(
  /^(?:[（(][一二三四五六七八九十]+[）)]|[0-9０-９]+[.．、]|[（(][0-9０-９]+[）)])$/,
  (state, match, start, end) => {
    // The rule sees the text before the typed character is inserted: insert it,
    // then restructure, as one transaction.
    const tr = state.tr.insertText(match[0], start, end);
    const after = state.apply(tr);
    let structural: Transaction | null = null;
    const ok = numberingToSection(after, (t) => (structural = t));
    if (!ok || !structural) return null;
    const s = structural as Transaction;
    for (const step of s.steps) tr.step(step);
    return tr.setSelection(TextSelection.create(tr.doc, s.selection.from));
  },
);

/**
 * Backspace/Delete with the caret outside any text (on a locked part heading or
 * the title, which are not editable): refused, and nothing else happens — the
 * key must not fall through to the browser, which would send a keypress with
 * charCode 8/127 (WebKitGTK) or edit the DOM itself.
 */
export const refuseOutsideText: Command = (state) => {
  const { $from, $to } = state.selection;
  return !$from.parent.inlineContent || !$to.parent.inlineContent;
};

const inHeading: Command = (state) => state.selection.$from.parent.type === T.sectionHeading;
const when =
  (cond: Command, cmd: Command): Command =>
  (state, dispatch, view) =>
    cond(state) ? cmd(state, dispatch, view) : false;

/** Undo and redo: the page's keys, and the 提纲's (report/outline.ts). */
export const HISTORY_KEYS: Record<string, Command> = { "Mod-z": undo, "Mod-y": redo, "Shift-Mod-z": redo };

export function editorKeymap(extra: Record<string, Command>): Plugin {
  return keymap({
    ...HISTORY_KEYS,
    "Mod-Enter": addSection,
    "Shift-Mod-k": removeSection,
    "Alt-Shift-ArrowUp": moveSectionUp,
    "Alt-Shift-ArrowDown": moveSectionDown,
    "Alt-Shift-ArrowLeft": promote,
    "Alt-Shift-ArrowRight": demote,
    Tab: when(inHeading, demote),
    "Shift-Tab": when(inHeading, promote),
    Enter: guardEnter,
    Backspace: chainCommands(refuseOutsideText, undoInputRule, guardBackspace),
    Delete: chainCommands(refuseOutsideText, guardDelete),
    ...extra,
  });
}

export function createState(doc: PMNode, onRefused: () => void, extraKeys: Record<string, Command> = {}): EditorState {
  return EditorState.create({
    doc,
    plugins: [
      lockPlugin(onRefused),
      controlCharsPlugin(),
      idPlugin(),
      numberingPlugin(),
      runInPlugin(),
      findPlugin(),
      checkMarksPlugin(),
      inputRules({ rules: [numberingRule] }),
      history({ newGroupDelay: 800 }),
      // Before the editor's keys: a cell selection's Backspace/Delete and Tab between cells.
      ...tablePlugins(),
      tableToolbarPlugin(),
      editorKeymap(extraKeys),
      keymap(baseKeymap),
    ],
  });
}
