// Paste cleaning: whatever Word, WPS or a web page puts on the clipboard becomes
// plain paragraphs and tables (no styles, fonts, colours or empty spans);
// paragraph breaks stay, a layout table is unwrapped (tables-paste.ts).
import { Fragment, Slice, type Node as PMNode } from "prosemirror-model";
import { handlePaste as pasteCells } from "prosemirror-tables";
import type { EditorView } from "prosemirror-view";
import type { Table } from "../bindings/Table";
import { newId } from "../model";
import { notify } from "./commands";
import { T } from "./schema";
import { tableNode } from "./tables-convert";
import { tableDepth } from "./tables";
import { htmlToBlocks, type Block } from "./tables-paste";

/** HTML from the clipboard → the texts of its paragraphs (a table's rows become lines, cells separated by a space). */
export function htmlToParagraphs(html: string): string[] {
  return htmlToBlocks(html, textToParagraphs).flatMap((b) => (typeof b === "string" ? [b] : tableLines(b)));
}

/** A table as lines of text: one per row, its cells' texts separated by a space. */
export function tableLines(t: Table): string[] {
  return t.rows
    .map((cells) => cells.flatMap((c) => c.paragraphs.map((p) => p.text)).filter((x) => x !== "").join(" "))
    .filter((l) => l !== "");
}

/** Plain text → paragraphs: one per line, trimmed, empty lines dropped. */
export function textToParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, "\n")
    .split("\n")
    .map(cleanLine)
    .filter((l) => l !== "");
}

function cleanLine(l: string): string {
  return (
    l
      // Control characters (the backend refuses them), zero-width characters and BOMs.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200d\u2060\ufeff]/g, "")
      .replace(/[\t\u00a0\u3000 ]+/g, (m, off: number, all: string) => {
        // Indentation made of spaces, full-width spaces or tabs is layout, not text.
        if (off === 0 || off + m.length === all.length) return "";
        // Spaces between two CJK characters are artefacts of copying.
        const before = all[off - 1];
        const after = all[off + m.length];
        return isCJK(before) && isCJK(after) ? "" : " ";
      })
      .trim()
  );
}

function isCJK(c: string | undefined): boolean {
  return c !== undefined && /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(c);
}

export const TABLE_FLATTENED = "单元格内不能再放表格：粘贴的表格已转为文字（每行一段，单元格以空格分隔），请核对。";

/** Blocks → a slice that splits the current block where needed (open only into paragraphs). */
export function blocksSlice(blocks: Block[]): Slice {
  const nodes: PMNode[] = blocks.map((b) =>
    typeof b === "string" ? T.paragraph.create(null, b ? T.doc.schema.text(b) : null) : tableNode(newId(), b),
  );
  const open = (n: PMNode | undefined) => (n && n.type === T.paragraph ? 1 : 0);
  return new Slice(Fragment.fromArray(nodes), open(nodes[0]), open(nodes[nodes.length - 1]));
}

/** The editor's paste handler: inserts cleaned paragraphs, and tables where a table may stand. */
export function handlePaste(view: EditorView, event: ClipboardEvent): boolean {
  const data = event.clipboardData;
  if (!data) return false;
  const html = data.getData("text/html");
  // Copied from this editor: let ProseMirror keep the sections and tables (the
  // schema's parse rules accept only our own structure; everything else is dropped).
  if (html.includes("data-pm-slice")) return false;
  const text = data.getData("text/plain");
  let blocks: Block[] = html ? htmlToBlocks(html, textToParagraphs) : textToParagraphs(text);
  if (blocks.length === 0) return true;
  const { state } = view;
  const $from = state.selection.$from;
  const tables = blocks.filter((b) => typeof b !== "string");
  if (tables.length > 0 && tableDepth($from)) {
    // A table pasted into a table fills its cells (prosemirror-tables); anything
    // else with a table in it becomes text in the cell.
    if (blocks.length === 1 && pasteCells(view, event, blocksSlice(blocks))) return true;
    blocks = blocks.flatMap((b) => (typeof b === "string" ? [b] : tableLines(b)));
    notify(TABLE_FLATTENED);
  } else if (tables.length > 0 && $from.parent.type !== T.paragraph) {
    // A section heading cannot be split around a table: the table goes as lines.
    blocks = blocks.flatMap((b) => (typeof b === "string" ? [b] : tableLines(b)));
  }
  const only = blocks.length === 1 ? blocks[0] : null;
  const tr = typeof only === "string" ? state.tr.insertText(only) : state.tr.replaceSelection(blocksSlice(blocks));
  view.dispatch(tr.scrollIntoView().setMeta("uiEvent", "paste"));
  return true;
}
