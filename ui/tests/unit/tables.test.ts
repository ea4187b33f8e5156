import { describe, expect, it } from "vitest";
import { EditorState, TextSelection, type Command, type Transaction } from "prosemirror-state";
import { CellSelection, addColumnAfter, deleteRow, mergeCells, splitCell } from "prosemirror-tables";
import { undo } from "prosemirror-history";
import { templateDoc } from "./fixtures";
import type { Document } from "../../src/bindings/Document";
import type { Table } from "../../src/bindings/Table";
import { fromPM, metaOf, toPM } from "../../src/editor/convert";
import { createState } from "../../src/editor/editor";
import { addSection } from "../../src/editor/commands";
import { T } from "../../src/editor/schema";
import { handlePaste } from "../../src/editor/paste";
import type { EditorView } from "prosemirror-view";
import { INS, Refusal, changeMark, trackTransaction, trackingPlugin } from "../../src/editor/tracking";
import {
  clearCells,
  deleteWholeTable,
  insertTable,
  nextCell,
  paragraphAfterTable,
  previousCell,
  setTableTitle,
  toggleHeaderRows,
} from "../../src/editor/tables";

/** 3 columns; the first row a header, 件数 spanning two columns, 合计 two rows. */
function statsTable(k = ""): Table {
  const c = (id: string, text: string, colspan = 1, rowspan = 1) => ({ colspan, rowspan, paragraphs: [{ id: id + k, text }] });
  return {
    title: "2019年度行政复议案件情况统计表",
    header_rows: 1,
    widths: [2, 1, 1],
    cell_size: "sihao",
    rows: [
      [c("h1", "类别"), c("h2", "件数", 2)],
      [c("a1", "行政复议", 1, 2), c("a2", "12"), { colspan: 1, rowspan: 1, paragraphs: [{ id: "a3" + k, text: "其中：" }, { id: "a4" + k, text: "撤销3件" }] }],
      [c("b2", "9"), c("b3", "")],
    ],
  };
}

function tableDoc(): Document {
  const d = templateDoc(true);
  d.preface = [
    { id: "pre1", text: "2019年，我市深入推进法治政府建设。" },
    { id: "tpre", text: "", table: { header_rows: 0, rows: [[{ colspan: 1, rowspan: 1, paragraphs: [{ id: "x1", text: "前言表格" }] }]] } },
  ];
  d.parts[0].paragraphs = [{ id: "tpart", text: "", table: statsTable() }];
  d.parts[0].sections[0].paragraphs = [
    { id: "p11", text: "深化“放管服”改革。" },
    { id: "tsec", text: "", table: statsTable("s") },
  ];
  delete d.parts[0].sections[0].paragraphs[1].table!.title;
  delete d.parts[0].sections[0].paragraphs[1].table!.widths;
  delete d.parts[0].sections[0].paragraphs[1].table!.cell_size;
  d.closing = [{ id: "c1", text: "特此报告。" }];
  return d;
}

const stateOf = (d: Document) => createState(toPM(d), () => {});
const docOf = (s: EditorState, d: Document) => fromPM(s.doc, metaOf(d));

function run(state: EditorState, cmd: Command): EditorState {
  let next = state;
  cmd(state, (tr: Transaction) => (next = next.apply(tr)));
  return next;
}

/** Caret inside the first textblock whose text is `text`. */
function caret(state: EditorState, text: string): EditorState {
  let at = -1;
  state.doc.descendants((n, pos) => {
    if (at >= 0) return false;
    if (n.isTextblock && n.textContent === text) at = pos + 1;
    return true;
  });
  if (at < 0) throw new Error(`no block "${text}"`);
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
}

const type = (s: EditorState, text: string) => s.apply(s.tr.insertText(text));
const cellText = (s: EditorState) => s.selection.$from.parent.textContent;

describe("tables ⇄ ProseMirror", () => {
  it("round-trips tables in the preface, a part and a section losslessly (ids, merges, header, title, widths, size)", () => {
    const d = tableDoc();
    const back = fromPM(toPM(d), metaOf(d));
    expect(back).toEqual(d);
    // Absent optional fields stay absent (not null, not undefined keys).
    expect(Object.keys(back.parts[0].sections[0].paragraphs[1].table!).sort()).toEqual(["header_rows", "rows"]);
  });
  it("shows header rows as header cells and keeps a table as a block beside paragraphs", () => {
    const pm = toPM(tableDoc());
    const tables: string[] = [];
    pm.descendants((n) => {
      if (n.type === T.table) tables.push(n.attrs.id as string);
      return true;
    });
    expect(tables).toEqual(["tpre", "tpart", "tsec"]);
    let headers = 0;
    pm.descendants((n) => {
      if (n.type === T.tableHeader) headers++;
      return true;
    });
    expect(headers).toBe(4); // 2 header cells in each of the two statistics tables
  });
  it("section commands rebuild a part without losing its tables", () => {
    const d = tableDoc();
    let s = caret(stateOf(d), "深化“放管服”改革。");
    s = run(s, addSection);
    const out = docOf(s, d);
    expect(out.parts[0].paragraphs).toEqual(d.parts[0].paragraphs);
    expect(out.parts[0].sections[0].paragraphs).toEqual(d.parts[0].sections[0].paragraphs);
  });
});

describe("table commands", () => {
  const d = tableDoc();
  it("inserts a rows × columns table after the caret's paragraph, header row first, caret in the first cell", () => {
    let s = caret(stateOf(d), "特此报告。");
    s = run(s, insertTable(3, 3));
    s = type(s, "项目");
    const out = docOf(s, d);
    expect(out.closing.length).toBe(3); // 特此报告。, the table, an empty paragraph to go on writing
    const t = out.closing[1].table!;
    expect(t.header_rows).toBe(1);
    expect(t.rows.map((r) => r.length)).toEqual([3, 3, 3]);
    expect(t.rows[0][0].paragraphs[0].text).toBe("项目");
    // Every cell paragraph has an id, none twice.
    const ids = t.rows.flat().flatMap((c) => c.paragraphs.map((p) => p.id));
    expect(new Set(ids).size).toBe(9);
    expect(out.closing[2]).toMatchObject({ text: "" });
    expect(out.closing[2].id).toMatch(/^[0-9a-f]{12}$/);
  });
  it("refuses a table inside a table", () => {
    let s = caret(stateOf(d), "12");
    const before = s.doc;
    s = run(s, insertTable(2, 2));
    expect(s.doc.eq(before)).toBe(true);
  });
  it("Tab and Shift+Tab move between cells; Tab in the last cell adds a row", () => {
    let s = caret(stateOf(d), "类别");
    s = run(s, nextCell);
    expect(cellText(s)).toBe("件数");
    s = run(s, previousCell);
    expect(cellText(s)).toBe("类别");
    s = caret(s, "9");
    s = run(s, nextCell);
    s = run(s, nextCell); // from the last cell
    s = type(s, "新行");
    const t = docOf(s, d).parts[0].paragraphs[0].table!;
    expect(t.rows.length).toBe(4);
    expect(t.rows[3][0].paragraphs[0].text).toBe("新行");
    // One undo takes the row away again.
    let u = s;
    undo(u, (tr) => (u = u.apply(tr)));
    undo(u, (tr) => (u = u.apply(tr)));
    expect(docOf(u, d).parts[0].paragraphs[0].table!.rows.length).toBe(3);
  });
  it("merges and splits cells, adds a column, deletes a row; the result stays a valid table", () => {
    let s = caret(stateOf(d), "12");
    // Select 12 and 其中：/撤销3件 (two cells in a row).
    const $a = s.selection.$from;
    const cellA = $a.before($a.depth - 1);
    const cellB = cellA + s.doc.nodeAt(cellA)!.nodeSize;
    s = s.apply(s.tr.setSelection(CellSelection.create(s.doc, cellA, cellB)));
    s = run(s, mergeCells);
    let t = docOf(s, d).parts[0].paragraphs[0].table!;
    expect(t.rows[1].length).toBe(2);
    expect(t.rows[1][1]).toMatchObject({ colspan: 2 });
    expect(t.rows[1][1].paragraphs.map((p) => p.text)).toEqual(["12", "其中：", "撤销3件"]);
    expect(t.rows[1][1].paragraphs.map((p) => p.id)).toEqual(["a2", "a3", "a4"]);
    s = caret(s, "12");
    s = run(s, splitCell);
    t = docOf(s, d).parts[0].paragraphs[0].table!;
    expect(t.rows[1].map((c) => c.colspan)).toEqual([1, 1, 1]);
    s = caret(s, "9");
    s = run(s, addColumnAfter);
    t = docOf(s, d).parts[0].paragraphs[0].table!;
    expect(t.rows.map((r) => r.reduce((n, c) => n + c.colspan, 0))).toEqual([4, 4, 3]); // the rowspan covers row 3's first column
    expect(t.widths).toBeUndefined(); // the old widths no longer fit
    s = caret(s, "9");
    s = run(s, deleteRow);
    t = docOf(s, d).parts[0].paragraphs[0].table!;
    expect(t.rows.length).toBe(2);
    expect(t.rows[1][0]).toMatchObject({ rowspan: 1 });
  });
  it("标题行 makes the rows down to the caret's header rows, and back", () => {
    let s = caret(stateOf(d), "12");
    s = run(s, toggleHeaderRows);
    expect(docOf(s, d).parts[0].paragraphs[0].table!.header_rows).toBe(2);
    s = caret(s, "类别");
    s = run(s, toggleHeaderRows);
    expect(docOf(s, d).parts[0].paragraphs[0].table!.header_rows).toBe(0);
  });
  it("Backspace on a cell selection empties the cells keeping their first paragraph's id; on empty cells it is no edit", () => {
    let s = caret(stateOf(d), "12");
    const $a = s.selection.$from;
    const cellA = $a.before($a.depth - 1);
    const cellB = cellA + s.doc.nodeAt(cellA)!.nodeSize;
    s = s.apply(s.tr.setSelection(CellSelection.create(s.doc, cellA, cellB)));
    const cleared = run(s, clearCells);
    const t = docOf(cleared, d).parts[0].paragraphs[0].table!;
    expect(t.rows[1].map((c) => c.paragraphs)).toEqual([[{ id: "a1", text: "行政复议" }], [{ id: "a2", text: "" }], [{ id: "a3", text: "" }]]);
    expect(cleared.selection).toBeInstanceOf(CellSelection);
    let dispatched = 0;
    expect(clearCells(cleared, () => dispatched++)).toBe(true);
    expect(dispatched).toBe(0);
    expect(clearCells(caret(stateOf(d), "12"))).toBe(false);
  });
  it("表题 is set, cleaned of control characters and removed when empty", () => {
    let s = caret(stateOf(d), "12");
    s = run(s, setTableTitle(" 复议\u0007情况表 "));
    expect(docOf(s, d).parts[0].paragraphs[0].table!.title).toBe("复议情况表");
    s = run(s, setTableTitle(""));
    expect("title" in docOf(s, d).parts[0].paragraphs[0].table!).toBe(false);
  });
  it("deletes a whole table; a paragraph can be added after one", () => {
    let s = caret(stateOf(d), "前言表格");
    s = run(s, paragraphAfterTable);
    s = type(s, "表后文字");
    expect(docOf(s, d).preface.map((p) => p.text)).toEqual(["2019年，我市深入推进法治政府建设。", "", "表后文字"]);
    s = caret(s, "前言表格");
    s = run(s, deleteWholeTable);
    expect(docOf(s, d).preface.map((p) => p.table ?? p.text)).toEqual(["2019年，我市深入推进法治政府建设。", "表后文字"]);
  });
  it("no control character enters a cell, and the part headings stay locked with tables around", () => {
    let s = caret(stateOf(d), "类别");
    s = type(s, "a\u0008b\u001f");
    expect(cellText(s)).toBe("ab类别");
    const headings = docOf(s, d).parts.map((p) => p.heading);
    // Select from inside the table across the next part heading and delete: refused.
    let partTwo = -1;
    let k = 0;
    s.doc.forEach((n, off) => {
      if (n.type === T.part && k++ === 1) partTwo = off;
    });
    const from = s.selection.from;
    const refused = s.apply(s.tr.delete(from, partTwo + 5));
    expect(docOf(refused, d).parts.map((p) => p.heading)).toEqual(headings);
  });
});

describe("paste into the editor", () => {
  /** Just what handlePaste uses of a view. */
  function fakeView(s: EditorState) {
    const v = {
      state: s,
      dispatch(tr: Transaction) {
        v.state = v.state.apply(tr);
      },
    };
    return v;
  }
  const clip = (html: string) => ({ clipboardData: { getData: (t: string) => (t === "text/html" ? html : "") } }) as unknown as ClipboardEvent;
  const HTML = `<p class=MsoNormal>统计如下：</p><table border=1><tr><td><p class=MsoNormal style='color:red'>类别</p></td><td>件数</td></tr><tr><td>复议</td><td>12</td></tr></table><p>以上。</p>`;

  it("a pasted table lands as a table with fresh ids between the split paragraph's halves", () => {
    const d = tableDoc();
    const v = fakeView(caret(stateOf(d), "特此报告。"));
    handlePaste(v as unknown as EditorView, clip(HTML));
    const closing = docOf(v.state, d).closing;
    expect(closing.map((p) => (p.table ? "[table]" : p.text))).toEqual(["统计如下：", "[table]", "以上。特此报告。"]);
    const cells = closing[1].table!.rows.flat().flatMap((c) => c.paragraphs);
    expect(cells.map((p) => p.text)).toEqual(["类别", "件数", "复议", "12"]);
    for (const p of cells) expect(p.id).toMatch(/^[0-9a-f]{12}$/);
    expect(closing[1].id).toMatch(/^[0-9a-f]{12}$/);
  });
  it("in a cell, a pasted table with text around becomes lines of text", () => {
    const d = tableDoc();
    const v = fakeView(caret(stateOf(d), "9"));
    handlePaste(v as unknown as EditorView, clip(HTML));
    const t = docOf(v.state, d).parts[0].paragraphs[0].table!;
    expect(t.rows[2][0].paragraphs.map((p) => p.text)).toEqual(["统计如下：", "类别 件数", "复议 12", "以上。9"]);
  });
});

describe("Backspace after a table", () => {
  it("never merges into the table nor deletes it: the caret goes to its last cell, an empty paragraph goes away", async () => {
    const { guardBackspace } = await import("../../src/editor/commands");
    const d = tableDoc();
    d.preface.push({ id: "after", text: "表后" }, { id: "empty", text: "" });
    // Caret at the start of 表后.
    let s = caret(stateOf(d), "表后");
    s = run(s, guardBackspace);
    expect(s.selection.$from.parent.textContent).toBe("前言表格");
    expect(docOf(s, d).preface).toEqual(d.preface);
    // An empty paragraph right after the table is taken away.
    const e = tableDoc();
    e.preface.push({ id: "empty", text: "" });
    s = stateOf(e);
    let at = -1;
    s.doc.descendants((n, pos) => {
      if (n.type === T.paragraph && n.attrs.id === "empty") at = pos + 1;
      return true;
    });
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, at)));
    s = run(s, guardBackspace);
    expect(docOf(s, e).preface.map((p) => p.id)).toEqual(["pre1", "tpre"]);
    expect(s.selection.$from.parent.textContent).toBe("前言表格");
  });
});

describe("附件 in the editor (#16)", () => {
  const withAttachments = (): Document => {
    const d = tableDoc();
    d.attachments = [
      { id: "att1", title: "2019年法治政府建设重点工作完成情况表", paragraphs: [{ id: "att1t", text: "", table: statsTable("a") }, { id: "att1p", text: "说明：数据截至年底。" }] },
      { id: "att2", title: "第二个附件", paragraphs: [] },
    ];
    return d;
  };
  it("round-trips 附件 after the closing, tables and an empty one included; labels 附件1, 附件2", async () => {
    const { numberDecorations } = await import("../../src/editor/plugins");
    const d = withAttachments();
    const pm = toPM(d);
    expect(pm.lastChild!.type).toBe(T.attachment);
    expect(fromPM(pm, metaOf(d))).toEqual(d);
    const labels = numberDecorations(pm)
      .find()
      .map((x) => (x as unknown as { type: { attrs: Record<string, string> } }).type.attrs["data-num"])
      .filter((l) => l.startsWith("附件"));
    expect(labels).toEqual(["附件1", "附件2"]);
    const one = withAttachments();
    one.attachments = one.attachments!.slice(0, 1);
    expect(numberDecorations(toPM(one)).find().some((x) => (x as unknown as { type: { attrs: Record<string, string> } }).type.attrs["data-num"] === "附件")).toBe(true);
  });
  it("adds an 附件 (title then text saved, ids given), removes one, guards its title", async () => {
    const { addAttachment, removeAttachment } = await import("../../src/editor/attachments");
    const { guardBackspace, guardEnter } = await import("../../src/editor/commands");
    const d = tableDoc();
    let s = stateOf(d);
    s = run(s, addAttachment);
    s = type(s, "行政复议案件统计");
    let out = docOf(s, d);
    expect(out.attachments!.map((a) => a.title)).toEqual(["行政复议案件统计"]);
    expect(out.attachments![0].paragraphs).toEqual([]); // the placeholder is not saved while empty
    expect(out.attachments![0].id).toMatch(/^[0-9a-f]{12}$/);
    // Enter at the end of the title goes into its text; the paragraph gets an id once typed in.
    s = run(s, guardEnter);
    expect(s.selection.$from.parent.type).toBe(T.paragraph);
    s = type(s, "正文一段");
    out = docOf(s, d);
    expect(out.attachments![0].paragraphs.map((p) => p.text)).toEqual(["正文一段"]);
    // Backspace at the start of the text or of the title: nothing merges.
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, s.selection.$from.start())));
    s = run(s, guardBackspace);
    s = caret(s, "行政复议案件统计");
    s = run(s, guardBackspace);
    expect(docOf(s, d).attachments).toEqual(out.attachments);
    // A table goes into an 附件 like anywhere else.
    s = caret(s, "正文一段");
    s = run(s, insertTable(2, 2));
    expect(docOf(s, d).attachments![0].paragraphs.map((p) => (p.table ? "[table]" : p.text))).toEqual(["正文一段", "[table]", ""]);
    s = run(s, removeAttachment);
    expect(docOf(s, d).attachments).toEqual([]);
    expect(docOf(s, d).closing).toEqual(d.closing);
  });
  it("keys at the 附件's edges never corrupt it: Enter, Backspace, Delete; add and remove undo", async () => {
    const { addAttachment, removeAttachment } = await import("../../src/editor/attachments");
    const { guardBackspace, guardDelete } = await import("../../src/editor/commands");
    const { undo } = await import("prosemirror-history");
    const { splitBlock } = await import("prosemirror-commands");
    const d = withAttachments();
    d.attachments![1].paragraphs = [{ id: "b1", text: "第二正文" }];
    const base = stateOf(d);
    // Backspace at the start of an empty first paragraph: to the end of the title
    // (the paragraph goes when more follows, stays when it is the only one).
    // Enter at the end of the title adds an empty paragraph (not saved while empty).
    let s = caret(base, "第二个附件");
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, s.selection.from + 5)));
    s = run(s, splitBlock);
    expect(s.selection.$from.parent.type).toBe(T.paragraph);
    expect(s.doc.lastChild!.childCount).toBe(3);
    s = run(s, guardBackspace);
    expect(s.selection.$from.parent.type).toBe(T.attachmentTitle);
    expect(s.selection.$from.parentOffset).toBe(5);
    expect(s.doc.lastChild!.childCount).toBe(2);
    expect(docOf(s, d)).toEqual(d);
    // Delete at the end of the title never merges its text into it.
    s = run(s, guardDelete);
    expect(docOf(s, d)).toEqual(d);
    // Enter inside the title: the rest becomes the 附件's first paragraph.
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, s.selection.from - 2)));
    s = run(s, splitBlock);
    let out = docOf(s, d).attachments![1];
    expect(out.title).toBe("第二个");
    expect(out.paragraphs.map((p) => p.text)).toEqual(["附件", "第二正文"]);
    // Backspace at the start of a non-empty first paragraph: nothing merges.
    s = run(s, guardBackspace);
    expect(docOf(s, d).attachments![1]).toEqual(out);
    // Add, remove, and undo both.
    s = run(base, addAttachment);
    expect(docOf(s, d).attachments!.length).toBe(3);
    s = run(s, undo);
    expect(docOf(s, d)).toEqual(d);
    s = run(caret(base, "说明：数据截至年底。"), removeAttachment);
    expect(docOf(s, d).attachments!.map((a) => a.id)).toEqual(["att2"]);
    s = run(s, undo);
    expect(docOf(s, d)).toEqual(d);
    out = docOf(s, d).attachments![0];
    expect(out.paragraphs[0].table).toEqual(d.attachments![0].paragraphs[0].table);
  });
  it("a selection from the body into an 附件 is refused whole (no throw, nothing changed)", async () => {
    const { guardBackspace, guardDelete, guardEnter, cutsIntoAttachment } = await import("../../src/editor/commands");
    const d = withAttachments();
    const base = stateOf(d);
    const from = caret(base, "特此报告。").selection.from + 2;
    const to = caret(base, "说明：数据截至年底。").selection.from + 2;
    const s = base.apply(base.tr.setSelection(TextSelection.create(base.doc, from, to)));
    expect(cutsIntoAttachment(s)).toBe(true);
    // As the keymap runs them: the guard first, then ProseMirror's own (which would throw).
    const { baseKeymap, chainCommands } = await import("prosemirror-commands");
    for (const [guard, key] of [[guardBackspace, "Backspace"], [guardDelete, "Delete"], [guardEnter, "Enter"]] as const)
      expect(docOf(run(s, chainCommands(guard, baseKeymap[key])), d)).toEqual(d);
    // Without the guard the 附件 would be cut: here its text joins the closing.
    expect(docOf(run(s, baseKeymap.Backspace), d).closing[0].text).toBe("特此：数据截至年底。");
    // Inside the 附件, or from one 附件 into the next, a selection is edited as usual.
    const inner = caret(base, "说明：数据截至年底。").selection.from;
    const t = base.apply(base.tr.setSelection(TextSelection.create(base.doc, inner, inner + 3)));
    expect(cutsIntoAttachment(t)).toBe(false);
    expect(docOf(t.apply(t.tr.deleteSelection()), d).attachments![0].paragraphs[1].text).toBe("数据截至年底。");
  });
  it("comments and 校对 locate in 附件 titles and text", async () => {
    const { rangeToAnchor, targets } = await import("../../src/review/anchors");
    const { indexDoc, locate } = await import("../../src/checks/locate");
    const d = withAttachments();
    const s = stateOf(d);
    const title = caret(s, "2019年法治政府建设重点工作完成情况表").selection.from;
    expect(rangeToAnchor(s.doc, title + 5, title + 9)).toMatchObject({ node_id: "att1", start: 5, end: 9, quote: "法治政府" });
    const para = caret(s, "说明：数据截至年底。").selection.from;
    expect(rangeToAnchor(s.doc, para + 3, para + 5)).toMatchObject({ node_id: "att1p", start: 3, end: 5, quote: "数据" });
    expect(targets(s.doc).get("att1")?.pos).toBe(title - 1);
    const index = indexDoc(s.doc);
    const f = (node_id: string, start: number, end: number, text: string) =>
      ({ location: { node_id, start, end }, text }) as unknown as Parameters<typeof locate>[1];
    expect(locate(index, f("att1", 5, 9, "法治政府"))).toMatchObject({ from: title + 5, to: title + 9, kind: "inline", editable: true });
    expect(locate(index, f("att1p", 3, 5, "数据"))).toMatchObject({ from: para + 3, to: para + 5 });
    expect(locate(index, f("a4a", 0, 2, "撤销"))).not.toBeNull(); // a cell of the 附件's table
    // The 附件's outline entry counts the findings in it.
    const { badgeCounts } = await import("../../src/checks/locate");
    const found = [{ ...f("att1p", 3, 5, "数据"), severity: "error" }, { ...f("a4a", 0, 2, "撤销"), severity: "warning" }] as Parameters<typeof badgeCounts>[0];
    expect(badgeCounts(found, index).get("att1")).toEqual({ error: 1, warning: 1, info: 0 });
  });
  it("find reaches 附件 titles and cell text", async () => {
    const { findMatches } = await import("../../src/editor/find");
    const pm = toPM(withAttachments());
    expect(findMatches(pm, "完成情况表").length).toBe(1);
    expect(findMatches(pm, "撤销3件").length).toBe(3); // the part's, the section's and the 附件's table
  });
});

describe("修订 in a cell", () => {
  const d = tableDoc();
  const who = { name: "张审核", role: "reviewer" as const };
  const tracked = () => {
    const s = stateOf(d);
    return s.reconfigure({ plugins: [...s.plugins, trackingPlugin({ on: true, forcedBy: null, who }, { refused: () => {} })] });
  };
  const posOf = (s: EditorState, id: string, off: number) => {
    let at = -1;
    s.doc.descendants((n, p) => {
      if (n.attrs.id === id && n.isTextblock) at = p + 1 + off;
      return at < 0;
    });
    return at;
  };
  it("replacing and deleting text inside a cell's paragraph are suggestions there; a range out of the cell is refused", () => {
    const s = tracked();
    const from = posOf(s, "a4", 0);
    const out = trackTransaction(s, s.tr.insertText("驳回", from, from + 2));
    expect(out).not.toBeInstanceOf(Refusal);
    const next = s.apply(out as Transaction);
    const cell = docOf(next, d).parts[0].paragraphs[0].table!.rows[1][2].paragraphs[1];
    expect(cell).toEqual({ id: "a4", text: "撤销3件" }); // the original text is what is saved
    const marks: string[] = [];
    next.doc.descendants((n) => {
      const m = n.isText ? changeMark(n.marks) : null;
      if (m) marks.push(`${m.type === INS ? "+" : "-"}${n.text}`);
    });
    expect(marks).toEqual(["-撤销", "+驳回"]);
    const del = trackTransaction(s, s.tr.delete(from, from + 2));
    expect(del).not.toBeInstanceOf(Refusal);
    const out2 = trackTransaction(s, s.tr.delete(posOf(s, "a2", 1), posOf(s, "a4", 1)));
    expect(out2).toBeInstanceOf(Refusal);
  });
});
