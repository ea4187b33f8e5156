// The table nodes (prosemirror-tables), shaped after the core's `Table`: the
// table keeps its block id, its title (表题, shown centred above it as the
// exports print it), the relative column widths and the cell type size; a cell
// holds paragraphs with ids (never a table); header rows are rows of
// `table_header` cells counted from the top.
import type { DOMOutputSpec, Node as PMNode, NodeSpec } from "prosemirror-model";
import { tableNodes } from "prosemirror-tables";

const base = tableNodes({ tableGroup: "block", cellContent: "paragraph+", cellAttributes: {} });

/** Widths as percentages of their sum, for the page's <colgroup>. */
function colgroup(widths: number[] | null): DOMOutputSpec[] {
  if (!widths || widths.length === 0) return [];
  const sum = widths.reduce((a, b) => a + b, 0) || 1;
  return [["colgroup", {}, ...widths.map((w): DOMOutputSpec => ["col", { style: `width:${((w / sum) * 100).toFixed(2)}%` }])]];
}

function parseWidths(s: string | undefined): number[] | null {
  if (!s) return null;
  const ws = s.split(",").map(Number);
  return ws.every((w) => Number.isInteger(w) && w > 0) ? ws : null;
}

const table: NodeSpec = {
  ...base.table,
  attrs: {
    id: { default: null },
    title: { default: null },
    widths: { default: null },
    cellSize: { default: null },
  },
  toDOM: (n: PMNode): DOMOutputSpec => {
    const title = n.attrs.title as string | null;
    return [
      "div",
      {
        class: "table-block",
        "data-id": (n.attrs.id as string | null) ?? "",
        "data-title": title ?? "",
        "data-widths": ((n.attrs.widths as number[] | null) ?? []).join(","),
        "data-cell-size": (n.attrs.cellSize as string | null) ?? "",
      },
      ["p", { class: title ? "table-title" : "table-title empty", contenteditable: "false", "data-testid": "table-title" }, title ?? ""],
      ["table", { class: "report-table" }, ...colgroup(n.attrs.widths as number[] | null), ["tbody", 0]],
    ];
  },
  // Copy and paste inside the editor keeps a table's attributes (paste.ts
  // handles everything else); a bare <table> is prosemirror-tables' rule.
  parseDOM: [
    {
      tag: "div.table-block",
      contentElement: "tbody",
      getAttrs: (dom: HTMLElement) => ({
        id: dom.dataset.id || null,
        title: dom.dataset.title || null,
        widths: parseWidths(dom.dataset.widths),
        cellSize: dom.dataset.cellSize || null,
      }),
    },
    ...(base.table.parseDOM ?? []),
  ],
};

export const tableSpecs: Record<string, NodeSpec> = {
  table,
  table_row: base.table_row,
  table_cell: base.table_cell,
  table_header: base.table_header,
};
