// The core's `Table` ⇄ the table node, lossless: block id, cell paragraph ids
// and texts, merges (colspan/rowspan), header rows (leading rows of header
// cells), title, relative widths and cell size.
import type { Node as PMNode } from "prosemirror-model";
import { TableMap } from "prosemirror-tables";
import type { Cell } from "../bindings/Cell";
import type { CellSize } from "../bindings/CellSize";
import type { Table } from "../bindings/Table";
import { newId } from "../model";
import { T } from "./schema";
import { originalText } from "./suggest-marks";

function cellNode(c: Cell, header: boolean): PMNode {
  const paras = (c.paragraphs.length ? c.paragraphs : [{ id: "", text: "" }]).map((p) =>
    T.paragraph.create({ id: p.id || null }, p.text === "" ? null : T.doc.schema.text(p.text)),
  );
  return (header ? T.tableHeader : T.tableCell).create({ colspan: c.colspan, rowspan: c.rowspan }, paras);
}

/** The table node of a table block with this id. */
export function tableNode(id: string | null, t: Table): PMNode {
  const rows = t.rows.map((cells, r) => T.tableRow.create(null, cells.map((c) => cellNode(c, r < t.header_rows))));
  return T.table.create(
    { id, title: t.title ?? null, widths: t.widths && t.widths.length ? [...t.widths] : null, cellSize: t.cell_size ?? null },
    rows,
  );
}

/** Leading rows whose every cell is a header cell. */
export function headerRows(n: PMNode): number {
  let count = 0;
  for (let r = 0; r < n.childCount; r++) {
    const row = n.child(r);
    let all = row.childCount > 0;
    row.forEach((c) => (all &&= c.type === T.tableHeader));
    if (!all) break;
    count++;
  }
  return count;
}

/** The core's `Table` of a table node (cell paragraphs without an id get one). */
export function tableOf(n: PMNode): Table {
  const rows: Cell[][] = [];
  n.forEach((row) => {
    const cells: Cell[] = [];
    row.forEach((c) => {
      const paragraphs: Cell["paragraphs"] = [];
      // With 修订 the original text is saved; the changes go beside it (changes-convert.ts).
      c.forEach((p) => paragraphs.push({ id: (p.attrs.id as string | null) ?? newId(), text: originalText(p) }));
      cells.push({ colspan: c.attrs.colspan as number, rowspan: c.attrs.rowspan as number, paragraphs });
    });
    rows.push(cells);
  });
  const t: Table = { header_rows: headerRows(n), rows };
  if (n.attrs.title !== null) t.title = n.attrs.title as string;
  // Widths of columns since added or deleted no longer fit: the outputs choose.
  const widths = n.attrs.widths as number[] | null;
  if (widths !== null && widths.length === TableMap.get(n).width) t.widths = [...widths];
  if (n.attrs.cellSize !== null) t.cell_size = n.attrs.cellSize as CellSize;
  return t;
}

/** A fresh rows × cols table, the first row a header row. */
export function newTable(rows: number, cols: number): Table {
  return {
    header_rows: rows > 1 ? 1 : 0,
    rows: Array.from({ length: rows }, () =>
      Array.from({ length: cols }, () => ({ colspan: 1, rowspan: 1, paragraphs: [{ id: newId(), text: "" }] })),
    ),
  };
}
