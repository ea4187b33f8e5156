// The table UI: 插入表格 (a rows × columns picker for the toolbar) and the small
// table toolbar that floats above a table while the caret is in it (rows,
// columns, merge/split, 标题行, 表题, 删除表格). Only its own elements outside the
// editable DOM change, and nothing during an IME composition.
import { Plugin, PluginKey, type Command } from "prosemirror-state";
import {
  CellSelection,
  addColumnAfter,
  addColumnBefore,
  addRowAfter,
  addRowBefore,
  deleteColumn,
  deleteRow,
  mergeCells,
  splitCell,
} from "prosemirror-tables";
import type { EditorView } from "prosemirror-view";
import { h } from "../dom";
import {
  currentTable,
  deleteWholeTable,
  insertTable,
  paragraphAfterTable,
  setTableTitle,
  toggleHeaderRows,
} from "./tables";
import { trackingState } from "./tracking";

/** Largest table the picker's grid offers; bigger ones through the two number fields. */
const GRID_ROWS = 8;
const GRID_COLS = 8;
/** The core's caps (model.rs `Table::MAX_ROWS`, `MAX_COLUMNS`). */
const MAX_ROWS = 2000;
const MAX_COLS = 60;

/** 插入表格 ▾: hover or arrow over the grid and click, or type 行数 and 列数. */
export function tablePicker(editor: EditorView): HTMLElement {
  const label = h("div", { className: "table-picker-label", testid: "table-picker-label" }, "插入表格");
  const cells: HTMLButtonElement[] = [];
  const rowsIn = h("input", { type: "number", min: 1, max: MAX_ROWS, value: 3, "aria-label": "行数", testid: "table-rows" });
  const colsIn = h("input", { type: "number", min: 1, max: MAX_COLS, value: 3, "aria-label": "列数", testid: "table-cols" });
  const menu = h("details", { className: "table-picker", testid: "table-picker" });
  const insert = (rows: number, cols: number) => {
    menu.open = false;
    insertTable(rows, cols)(editor.state, editor.dispatch, editor);
    editor.focus();
  };
  const mark = (rows: number, cols: number) => {
    for (const c of cells) c.classList.toggle("on", Number(c.dataset.r) <= rows && Number(c.dataset.c) <= cols);
    label.textContent = `${rows} 行 × ${cols} 列`;
  };
  const grid = h("div", { className: "table-picker-grid", role: "grid", "aria-label": "选择行数和列数" });
  for (let r = 1; r <= GRID_ROWS; r++)
    for (let c = 1; c <= GRID_COLS; c++) {
      const b = h("button", {
        type: "button",
        "data-r": r,
        "data-c": c,
        "aria-label": `${r} 行 × ${c} 列`,
        testid: `table-pick-${r}x${c}`,
        onmouseenter: () => mark(r, c),
        onfocus: () => mark(r, c),
        onclick: () => insert(r, c),
      });
      cells.push(b);
      grid.append(b);
    }
  const clamp = (v: string, max: number) => Math.min(max, Math.max(1, Math.floor(Number(v)) || 1));
  menu.append(
    h("summary", { title: "插入表格（选择行数和列数）", testid: "table-picker-button" }, "插入表格 ▾"),
    h("div", { className: "table-picker-panel" },
      label,
      grid,
      h("div", { className: "table-picker-size" },
        h("label", {}, "行数 ", rowsIn),
        h("label", {}, "列数 ", colsIn),
        h("button", { type: "button", testid: "table-insert", onclick: () => insert(clamp(rowsIn.value, MAX_ROWS), clamp(colsIn.value, MAX_COLS)) }, "插入"))),
  );
  menu.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape" && menu.open) menu.open = false;
  });
  document.addEventListener("pointerdown", (ev) => {
    if (menu.open && !menu.contains(ev.target as Node)) menu.open = false;
  });
  return menu;
}

/** The floating table toolbar, as a plugin view of the editor. */
export function tableToolbarPlugin(): Plugin {
  return new Plugin({ key: new PluginKey("table-toolbar"), view: (view) => new TableToolbar(view) });
}

class TableToolbar {
  private readonly bar: HTMLElement;
  private readonly title: HTMLInputElement;
  private readonly merge: HTMLButtonElement;
  private readonly split: HTMLButtonElement;
  /** The buttons that change the table's structure (修订 records text only). */
  private readonly structural: HTMLButtonElement[] = [];

  constructor(private readonly view: EditorView) {
    const run = (cmd: Command) => () => {
      cmd(view.state, view.dispatch, view);
      view.focus();
    };
    // mousedown would take the focus (and the cell selection) from the editor.
    const button = (text: string, testid: string, cmd: Command, title = text) => {
      const b = h("button", { type: "button", testid, title, onmousedown: (e: Event) => e.preventDefault(), onclick: run(cmd) }, text);
      this.structural.push(b);
      return b;
    };
    this.title = h("input", { type: "text", className: "table-title-input", placeholder: "表题（可不填）", title: "表题：印在表格上方居中，按回车确定", "aria-label": "表题", testid: "table-title-input", maxlength: 100 });
    const commitTitle = () => {
      setTableTitle(this.title.value)(view.state, view.dispatch, view);
    };
    this.title.addEventListener("change", commitTitle);
    this.title.addEventListener("keydown", (e) => {
      if (e.key === "Enter" && !e.isComposing) {
        e.preventDefault();
        commitTitle();
        view.focus();
      }
    });
    this.merge = button("合并", "table-merge", mergeCells, "合并单元格（先用鼠标拖选或 Shift+方向键选中多个单元格）");
    this.split = button("拆分", "table-split", splitCell, "拆分合并过的单元格");
    this.bar = h("div", { className: "table-toolbar", role: "toolbar", "aria-label": "表格工具", testid: "table-toolbar", hidden: true },
      this.title,
      h("span", { className: "group" },
        button("上插行", "table-row-before", addRowBefore, "在上方插入一行"),
        button("下插行", "table-row-after", addRowAfter, "在下方插入一行（最后一格按 Tab 也可）"),
        button("删行", "table-row-delete", deleteRow, "删除所在行")),
      h("span", { className: "group" },
        button("左插列", "table-col-before", addColumnBefore, "在左侧插入一列"),
        button("右插列", "table-col-after", addColumnAfter, "在右侧插入一列"),
        button("删列", "table-col-delete", deleteColumn, "删除所在列")),
      h("span", { className: "group" }, this.merge, this.split,
        button("标题行", "table-header", toggleHeaderRows, "把表格开头到当前行设为标题行（跨页时重复），或取消")),
      h("span", { className: "group" },
        button("表后段落", "table-para-after", paragraphAfterTable, "在表格后插入一个段落"),
        button("删表格", "table-delete", deleteWholeTable, "删除整个表格")),
    );
    view.dom.parentElement?.append(this.bar);
    this.update();
  }

  update(): void {
    const view = this.view;
    if (view.composing) return;
    const t = view.editable ? currentTable(view.state) : null;
    if (!t) {
      if (!this.bar.hidden) this.bar.hidden = true;
      return;
    }
    this.bar.hidden = false;
    if (document.activeElement !== this.title) this.title.value = (t.node.attrs.title as string | null) ?? "";
    // With 修订 on only text is edited: rows, columns, merges, 标题行 and 表题 wait until it is off.
    const tracked = trackingState(view.state)?.on === true;
    const why = tracked ? "修订模式下不能改动表格的行、列、合并、标题行和表题，只能修改单元格中的文字" : "";
    if (this.bar.title !== why) this.bar.title = why;
    for (const b of this.structural) b.disabled = tracked;
    this.title.disabled = tracked;
    this.merge.disabled = tracked || !(view.state.selection instanceof CellSelection) || !mergeCells(view.state);
    this.split.disabled = tracked || !splitCell(view.state);
    // Just above the table block, in the host's coordinates (unaffected by the page zoom).
    const dom = view.nodeDOM(t.pos) as HTMLElement | null;
    const host = view.dom.parentElement;
    if (!dom || !host) return;
    let top = 0;
    for (let e: HTMLElement | null = dom; e && e !== host; e = e.offsetParent as HTMLElement | null) top += e.offsetTop;
    this.bar.style.top = `${Math.max(0, top - this.bar.offsetHeight - 4)}px`;
  }

  destroy(): void {
    this.bar.remove();
  }
}
