// The table commands of the editor (插入表格, 删除表格, 标题行, 表题, Tab between
// cells) and its table plugins. The grid work itself (rows, columns, merge,
// split, cell selection, fixing) is prosemirror-tables'.
import type { Node as PMNode, ResolvedPos } from "prosemirror-model";
import { TextSelection, type Command, type EditorState, type Plugin } from "prosemirror-state";
import { keymap } from "prosemirror-keymap";
import {
  CellSelection,
  TableMap,
  addRow,
  goToNextCell,
  isInTable,
  selectedRect,
  tableEditing,
} from "prosemirror-tables";
import { newId } from "../model";
import { notify } from "./commands";
import { T, sectionLevel } from "./schema";
import { headerRows, newTable, tableNode } from "./tables-convert";

// ---- where the caret is ----------------------------------------------------

/** Depth of the table around `$pos`, or 0. */
export function tableDepth($pos: ResolvedPos): number {
  for (let d = $pos.depth; d > 0; d--) if ($pos.node(d).type === T.table) return d;
  return 0;
}

/** The table around the selection: its node and position. */
export function currentTable(state: EditorState): { node: PMNode; pos: number } | null {
  const $pos = state.selection.$anchor;
  const d = tableDepth($pos);
  return d ? { node: $pos.node(d), pos: $pos.before(d) } : null;
}

const isBlockContainer = (n: PMNode): boolean =>
  n.type === T.preface || n.type === T.closing || n.type === T.part || n.type === T.attachment || sectionLevel(n.type) > 0;

// ---- commands --------------------------------------------------------------

/** 插入表格: after the caret's paragraph (in its place when it is empty), caret in the first cell. */
export function insertTable(rows: number, cols: number): Command {
  return (state, dispatch) => {
    const { $from } = state.selection;
    if (tableDepth($from)) {
      notify("表格的单元格内不能再插入表格");
      return true;
    }
    const parent = $from.parent;
    const container = $from.depth >= 1 ? $from.node($from.depth - 1) : null;
    if (!parent.isTextblock || !container || !isBlockContainer(container)) {
      notify("请先把光标放在正文段落中，再插入表格");
      return true;
    }
    if (!dispatch) return true;
    const node = tableNode(newId(), newTable(rows, cols));
    const tr = state.tr;
    let at: number;
    if (parent.type === T.paragraph && parent.content.size === 0) {
      // An empty paragraph becomes the table, with a paragraph kept after it
      // so that writing can go on below the table.
      at = $from.before();
      tr.replaceWith(at, $from.after(), [node, T.paragraph.create()]);
    } else {
      at = $from.after();
      const after = state.doc.resolve(at).nodeAfter;
      tr.insert(at, after && after.type === T.paragraph ? node : [node, T.paragraph.create()]);
    }
    // at → table, +1 row, +1 cell, +1 paragraph.
    tr.setSelection(TextSelection.create(tr.doc, at + 4));
    dispatch(tr.scrollIntoView());
    return true;
  };
}

/** 删除表格: the whole table; an emptied preface or closing keeps an empty paragraph. */
export const deleteWholeTable: Command = (state, dispatch) => {
  const t = currentTable(state);
  if (!t) return false;
  if (dispatch) {
    const tr = state.tr;
    const $t = state.doc.resolve(t.pos);
    const onlyBlock = $t.parent.childCount === 1 || ($t.parent.type === T.part && $t.parent.childCount === 2);
    if (onlyBlock) tr.replaceWith(t.pos, t.pos + t.node.nodeSize, T.paragraph.create());
    else tr.delete(t.pos, t.pos + t.node.nodeSize);
    tr.setSelection(TextSelection.near(tr.doc.resolve(Math.min(t.pos + 1, tr.doc.content.size))));
    dispatch(tr.scrollIntoView());
  }
  return true;
};

/** 在表格后插入段落: a paragraph right after the table, caret in it. */
export const paragraphAfterTable: Command = (state, dispatch) => {
  const t = currentTable(state);
  if (!t) return false;
  if (dispatch) {
    const at = t.pos + t.node.nodeSize;
    const tr = state.tr.insert(at, T.paragraph.create());
    dispatch(tr.setSelection(TextSelection.create(tr.doc, at + 1)).scrollIntoView());
  }
  return true;
};

/** Sets how many leading rows are header rows: every cell above becomes a header cell, every other a data cell. */
function setHeaderRows(count: number): Command {
  return (state, dispatch) => {
    const t = currentTable(state);
    if (!t) return false;
    if (dispatch) {
      const tr = state.tr;
      let pos = t.pos + 1;
      t.node.forEach((row, _o, r) => {
        let cpos = pos + 1;
        row.forEach((cell) => {
          const want = r < count ? T.tableHeader : T.tableCell;
          if (cell.type !== want) tr.setNodeMarkup(cpos, want, cell.attrs);
          cpos += cell.nodeSize;
        });
        pos += row.nodeSize;
      });
      if (tr.docChanged) dispatch(tr);
    }
    return true;
  };
}

/** 标题行: the rows down to the caret's become header rows, or, on a header row, stop being one (from it down). */
export const toggleHeaderRows: Command = (state, dispatch) => {
  const t = currentTable(state);
  if (!t) return false;
  const rect = selectedRect(state);
  const current = headerRows(t.node);
  return setHeaderRows(rect.top < current ? rect.top : rect.bottom)(state, dispatch);
};

/** 表题: sets (or with an empty text removes) the table's title. */
export function setTableTitle(title: string): Command {
  return (state, dispatch) => {
    const t = currentTable(state);
    if (!t) return false;
    const clean = title.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim();
    const value = clean === "" ? null : clean;
    if (value === t.node.attrs.title) return true;
    if (dispatch) dispatch(state.tr.setNodeAttribute(t.pos, "title", value));
    return true;
  };
}

/** Tab: the next cell; in the last cell a new row first. */
export const nextCell: Command = (state, dispatch) => {
  if (!isInTable(state)) return false;
  if (goToNextCell(1)(state, dispatch)) return true;
  if (!dispatch) return true;
  // One transaction (one undo): the row and the caret in its first cell.
  const rect = selectedRect(state);
  const tr = addRow(state.tr, rect, rect.map.height);
  const table = tr.doc.nodeAt(rect.tableStart - 1);
  if (!table) return true;
  const map = TableMap.get(table);
  const cell = rect.tableStart + map.map[rect.map.height * map.width];
  dispatch(tr.setSelection(TextSelection.create(tr.doc, cell + 2)).scrollIntoView());
  return true;
};

/** Shift+Tab: the previous cell (in the first cell, nothing). */
export const previousCell: Command = (state, dispatch) => {
  if (!isInTable(state)) return false;
  goToNextCell(-1)(state, dispatch);
  return true;
};

/**
 * Backspace/Delete on a cell selection: empties the selected cells, each
 * keeping its first paragraph (and that paragraph's id); cells already empty
 * are left alone, so that a second press is no edit (and no empty undo step).
 */
export const clearCells: Command = (state, dispatch) => {
  const sel = state.selection;
  if (!(sel instanceof CellSelection)) return false;
  if (dispatch) {
    const tr = state.tr;
    sel.forEachCell((cell, pos) => {
      const first = cell.firstChild;
      if (!first || (cell.childCount === 1 && first.content.size === 0)) return;
      const para = T.paragraph.create({ id: first.type === T.paragraph ? first.attrs.id : null });
      tr.replaceWith(tr.mapping.map(pos + 1), tr.mapping.map(pos + cell.nodeSize - 1), para);
    });
    if (tr.docChanged) dispatch(tr);
  }
  return true;
};

/** Whether the selection covers several cells (合并单元格 can run). */
export function cellsSelected(state: EditorState): boolean {
  return state.selection instanceof CellSelection;
}

/** Rows × columns of the table around the selection. */
export function tableSize(state: EditorState): { rows: number; cols: number } | null {
  const t = currentTable(state);
  if (!t) return null;
  const map = TableMap.get(t.node);
  return { rows: map.height, cols: map.width };
}

/**
 * The plugins that make tables editable: prosemirror-tables' cell selection and
 * fixing, Tab, and Backspace/Delete on a cell selection (before the package's own,
 * which re-empties empty cells and drops their paragraph ids).
 */
export function tablePlugins(): Plugin[] {
  return [
    keymap({ Backspace: clearCells, Delete: clearCells, "Mod-Backspace": clearCells, "Mod-Delete": clearCells }),
    tableEditing({ allowTableNodeSelection: false }),
    keymap({ Tab: nextCell, "Shift-Tab": previousCell }),
  ];
}
