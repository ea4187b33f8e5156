// 查找替换: the find/replace bar under the toolbar (Ctrl+F, Ctrl+H). The matches
// live in the editor's find plugin (editor/find.ts); this is its input and count.
import type { EditorState, Transaction } from "prosemirror-state";
import type { EditorView } from "prosemirror-view";
import { h } from "../dom";
import { findState, replaceAll, replaceCurrent, setQuery, step } from "../editor/find";

/** Transactions from this bar carry it, so the editor refreshes the count. */
export const FIND_UI = "find-ui";

export class FindBar {
  readonly el: HTMLElement;
  private readonly findIn = h("input", { type: "search", testid: "find-input", "aria-label": "查找", placeholder: "查找" });
  private readonly count = h("span", { className: "find-count", testid: "find-count", role: "status" });
  private readonly replaceRow: HTMLElement;

  constructor(private readonly editor: EditorView, say: (m: string) => void) {
    const replaceIn = h("input", { type: "text", testid: "replace-input", "aria-label": "替换为", placeholder: "替换为" });
    this.replaceRow = h("span", { className: "replace-row" }, replaceIn,
      h("button", { type: "button", testid: "replace-one", onclick: () => this.run((s) => replaceCurrent(s, replaceIn.value)) }, "替换"),
      h("button", { type: "button", testid: "replace-all", onclick: () => {
        const r = replaceAll(editor.state, replaceIn.value);
        if (r) {
          editor.dispatch(r.tr);
          say(`已替换 ${r.count} 处`);
        }
      } }, "全部替换"));
    this.el = h("div", { className: "find-panel", testid: "find-panel", hidden: true, role: "search" },
      this.findIn, this.count,
      h("button", { type: "button", "aria-label": "上一处", onclick: () => this.run((s) => step(s, -1)) }, "↑"),
      h("button", { type: "button", "aria-label": "下一处", testid: "find-next", onclick: () => this.run((s) => step(s, 1)) }, "↓"),
      this.replaceRow,
      h("button", { type: "button", className: "link", onclick: () => this.close() }, "关闭"));
    this.findIn.addEventListener("input", () => this.run((s) => setQuery(s, this.findIn.value)));
    this.el.addEventListener("keydown", (ev) => {
      if (ev.key === "Escape") this.close();
      else if (ev.key === "Enter" && ev.target === this.findIn) this.run((s) => step(s, ev.shiftKey ? -1 : 1));
    });
  }

  /** Opens the bar with the selected text as the query; `withReplace` shows the replace row. */
  open(withReplace: boolean): void {
    const editor = this.editor;
    this.el.hidden = false;
    this.replaceRow.hidden = !withReplace;
    const sel = editor.state.selection;
    if (!sel.empty) this.findIn.value = editor.state.doc.textBetween(sel.from, sel.to);
    this.findIn.focus();
    this.findIn.select();
    this.run((s) => setQuery(s, this.findIn.value));
  }

  close(): void {
    this.el.hidden = true;
    this.run((s) => setQuery(s, ""));
    this.editor.focus();
  }

  /** Shows the current match's number (after an edit or a step). */
  sync(): void {
    if (this.el.hidden) return;
    const st = findState(this.editor.state);
    this.count.textContent = st.query === "" ? "" : st.matches.length === 0 ? "无结果" : `第 ${st.current + 1} 处，共 ${st.matches.length} 处`;
  }

  private run(make: (s: EditorState) => Transaction | null): void {
    const tr = make(this.editor.state);
    if (tr) this.editor.dispatch(tr.setMeta(FIND_UI, true));
  }
}
