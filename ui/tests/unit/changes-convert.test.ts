// [tracking #17] Pending changes ⇄ the editor's marks: the core's changes laid
// over the original text, and what the save sends back — the original text
// (fromPM) and each change's place counted in it (inserted text does not
// count, struck text does; Unicode scalars like the core).
import { describe, expect, it } from "vitest";
import { Fragment, Slice } from "prosemirror-model";
import { EditorState, TextSelection } from "prosemirror-state";
import type { Document } from "../../src/bindings/Document";
import type { TrackedChange } from "../../src/bindings/TrackedChange";
import { anchorsToOriginal, changeAt, changeRange, changeUpdates, hasChanges, layChanges, originalOffset } from "../../src/editor/changes-convert";
import { fromPM, metaOf, toPM } from "../../src/editor/convert";
import { createState } from "../../src/editor/editor";
import { INS, Refusal, changeMark, trackTransaction, trackingPlugin } from "../../src/editor/tracking";
import { templateDoc } from "./fixtures";

const PARA = "推进依法行政，建设法治政府。";

function base(): Document {
  const d = templateDoc();
  d.preface = [{ id: "pre1", text: "2019年，我市深入推进法治政府建设。" }];
  d.parts[0].paragraphs = [{ id: "p1", text: PARA }, { id: "p2", text: "𠀀𠀁依法行政" }];
  d.parts[0].sections = [{ id: "s1", heading: "依法全面履行政府职能", paragraphs: [{ id: "p3", text: "深化放管服改革。" }], sections: [] }];
  return d;
}

let n = 0;
function chg(p: Partial<TrackedChange> & Pick<TrackedChange, "start" | "end" | "old" | "new">): TrackedChange {
  n++;
  return {
    id: p.id ?? `c${String(n).padStart(11, "0")}`,
    report_id: "r1",
    kind: p.old && p.new ? "replace" : p.old ? "delete" : "insert",
    prefix: "",
    suffix: "",
    author: "李审核",
    role: "reviewer",
    created_at: "2026-12-04T05:00:00.000Z",
    status: "pending",
    decided_by: null,
    decided_at: null,
    orphaned: false,
    part_id: null,
    location: "",
    mine: false,
    ...p,
  };
}

const at = (node_id: string, offset: number) => ({ node_id, offset });

function laid(changes: TrackedChange[], doc = base()): { state: EditorState; unshown: Map<string, string> } {
  const s = createState(toPM(doc), () => {});
  const { tr, unshown } = layChanges(s, changes);
  return { state: s.apply(tr), unshown };
}

/** The block's text as runs: plain, +inserted+, -deleted-. */
function runs(s: EditorState, id: string): string {
  let out = "";
  s.doc.descendants((nd, _p, parent) => {
    const bid = nd.type.name === "section_heading" ? parent?.attrs.id : nd.attrs.id;
    if (!nd.isTextblock || bid !== id) return true;
    nd.forEach((c) => {
      const m = changeMark(c.marks);
      out += !m ? c.text : m.type === INS ? `+${c.text}+` : `-${c.text}-`;
    });
    return false;
  });
  return out;
}

describe("laying the core's changes over the original text", () => {
  it("a replace, an insertion and a deletion in one paragraph; the saved text stays the original", () => {
    const d = base();
    const changes = [
      chg({ start: at("p1", 7), end: at("p1", 9), old: "建设", new: "加快建设" }),
      chg({ start: at("p1", 0), end: at("p1", 0), old: "", new: "全面" }),
      chg({ start: at("p1", 13), end: at("p1", 14), old: "。", new: "" }),
    ];
    const { state } = laid(changes, d);
    expect(runs(state, "p1")).toBe("+全面+推进依法行政，-建设-+加快建设+法治政府-。-");
    expect(fromPM(state.doc, metaOf(d))).toEqual(d);
    // And back: the same places and new texts.
    const back = changeUpdates(state.doc);
    expect(back).toEqual([
      { id: changes[1].id, start: at("p1", 0), end: at("p1", 0), new: "全面" },
      { id: changes[0].id, start: at("p1", 7), end: at("p1", 9), new: "加快建设" },
      { id: changes[2].id, start: at("p1", 13), end: at("p1", 14), new: "" },
    ]);
  });

  it("offsets are Unicode scalars (a character outside the BMP counts once)", () => {
    const c = chg({ start: at("p2", 2), end: at("p2", 4), old: "依法", new: "严格依法" });
    const { state } = laid([c]);
    expect(runs(state, "p2")).toBe("𠀀𠀁-依法-+严格依法+行政");
    expect(changeUpdates(state.doc)).toEqual([{ id: c.id, start: at("p2", 2), end: at("p2", 4), new: "严格依法" }]);
  });

  it("a deletion across paragraphs is struck in both, the break as a struck ¶, and comes back as one change over the break", () => {
    const d = base();
    const c = chg({ start: at("p1", 11), end: at("p2", 2), old: "政府。\n𠀀𠀁", new: "" });
    const { state } = laid([c], d);
    expect(runs(state, "p1")).toBe("推进依法行政，建设法治-政府。¶-");
    expect(runs(state, "p2")).toBe("-𠀀𠀁-依法行政");
    expect(changeUpdates(state.doc)).toEqual([{ id: c.id, start: at("p1", 11), end: at("p2", 2), new: "" }]);
    // The struck ¶ is not original text.
    expect(fromPM(state.doc, metaOf(d))).toEqual(d);
  });

  it("only the break deleted (two paragraphs merged when accepted): a struck ¶ alone", () => {
    const d = base();
    const c = chg({ start: at("p1", 14), end: at("p2", 0), old: "\n", new: "" });
    const { state } = laid([c], d);
    expect(runs(state, "p1")).toBe(`${PARA}-¶-`);
    expect(runs(state, "p2")).toBe("𠀀𠀁依法行政");
    expect(changeUpdates(state.doc)).toEqual([{ id: c.id, start: at("p1", 14), end: at("p2", 0), new: "" }]);
    expect(fromPM(state.doc, metaOf(d))).toEqual(d);
    const r = changeRange(state.doc, c.id)!;
    expect(state.doc.textBetween(r.from, r.to)).toBe("¶");
  });

  it("a paragraph break in the new text is shown as an inserted ¶ and saved as \\n", () => {
    const d = base();
    const split = chg({ start: at("p1", 7), end: at("p1", 7), old: "", new: "\n另起一段" });
    const { state, unshown } = laid([split], d);
    expect(unshown.size).toBe(0);
    expect(runs(state, "p1")).toBe("推进依法行政，+¶另起一段+建设法治政府。");
    expect(changeUpdates(state.doc)).toEqual([{ id: split.id, start: at("p1", 7), end: at("p1", 7), new: "\n另起一段" }]);
    expect(fromPM(state.doc, metaOf(d))).toEqual(d);
  });

  it("two changes meeting at one point keep their places", () => {
    const a = chg({ start: at("p1", 11), end: at("p2", 0), old: "政府。\n", new: "" });
    const b = chg({ start: at("p2", 0), end: at("p2", 0), old: "", new: "并且" });
    const { state } = laid([a, b]);
    expect(runs(state, "p1")).toBe("推进依法行政，建设法治-政府。¶-");
    expect(runs(state, "p2")).toBe("+并且+𠀀𠀁依法行政");
    expect(changeUpdates(state.doc)).toEqual([
      { id: a.id, start: at("p1", 11), end: at("p2", 0), new: "" },
      { id: b.id, start: at("p2", 0), end: at("p2", 0), new: "并且" },
    ]);
  });

  it("a section heading carries changes under its section's id", () => {
    const c = chg({ start: at("s1", 2), end: at("s1", 4), old: "全面", new: "" });
    const { state } = laid([c]);
    expect(runs(state, "s1")).toBe("依法-全面-履行政府职能");
    expect(changeUpdates(state.doc)[0]).toMatchObject({ start: at("s1", 2), end: at("s1", 4) });
  });

  it("orphaned changes and vanished nodes are listed, not shown", () => {
    const orphan = chg({ start: at("p1", 0), end: at("p1", 2), old: "推进", new: "", orphaned: true });
    const gone = chg({ start: at("nope", 0), end: at("nope", 1), old: "x", new: "" });
    const { state, unshown } = laid([orphan, gone]);
    expect(runs(state, "p1")).toBe(PARA);
    expect(Object.fromEntries(unshown)).toEqual({ [orphan.id]: "orphaned", [gone.id]: "elsewhere" });
    expect(hasChanges(state.doc)).toBe(false);
  });

  it("the changes' ranges and the change under a position", () => {
    const c = chg({ start: at("p1", 7), end: at("p1", 9), old: "建设", new: "加快" });
    const { state } = laid([c]);
    const r = changeRange(state.doc, c.id)!;
    expect(state.doc.textBetween(r.from, r.to)).toBe("建设加快");
    expect(changeAt(state.doc, r.from)?.attrs.id).toBe(c.id);
    expect(changeAt(state.doc, r.from)?.attrs.author).toBe("李审核");
  });
});

describe("edits made in 修订 come back in original offsets", () => {
  it("a fresh change after another's insertion counts only original text", () => {
    const d = base();
    const c = chg({ start: at("p1", 0), end: at("p1", 0), old: "", new: "全面" });
    let { state } = laid([c], d);
    state = state.reconfigure({ plugins: [...state.plugins, trackingPlugin({ on: true, forcedBy: null, who: { name: "张审核", role: "reviewer" } }, { refused: () => {} })] });
    // Strike 依法 (displayed offset 4..6, original 2..4).
    let p1 = -1;
    state.doc.descendants((nd, pos) => {
      if (nd.attrs.id === "p1") p1 = pos + 1;
      return p1 < 0;
    });
    const tr = trackTransaction(state, state.tr.delete(p1 + 4, p1 + 6));
    if (tr instanceof Refusal) throw tr;
    state = state.apply(tr);
    expect(runs(state, "p1")).toBe("+全面+推进-依法-行政，建设法治政府。");
    const ups = changeUpdates(state.doc);
    expect(ups[0]).toEqual({ id: c.id, start: at("p1", 0), end: at("p1", 0), new: "全面" });
    expect(ups[1]).toMatchObject({ start: at("p1", 2), end: at("p1", 4), new: "" });
    expect(ups[1].id).toMatch(/^[0-9a-f]{12}$/);
    expect(fromPM(state.doc, metaOf(d))).toEqual(d);
  });

  it("comment ranges are counted in the original text", () => {
    const c = chg({ start: at("p1", 0), end: at("p1", 0), old: "", new: "全面" });
    const { state } = laid([c]);
    const p1 = state.doc.child(2).child(1); // part 1: heading, p1
    expect(originalOffset(p1, 2)).toBe(0);
    expect(originalOffset(p1, 6)).toBe(4);
    const a = anchorsToOriginal(state.doc, [{ comment_id: "k", node_id: "p1", start: 4, end: 8 }, { comment_id: "g", node_id: null, start: 0, end: 0 }]);
    expect(a).toEqual([{ comment_id: "k", node_id: "p1", start: 2, end: 6 }, { comment_id: "g", node_id: null, start: 0, end: 0 }]);
  });

  function tracked(d = base()) {
    const s0 = createState(toPM(d), () => {});
    return s0.reconfigure({ plugins: [...s0.plugins, trackingPlugin({ on: true, forcedBy: null, who: { name: "张审核", role: "reviewer" } }, { refused: () => {} })] });
  }
  const posIn = (s: EditorState, id: string, off: number) => {
    let p = -1;
    s.doc.descendants((nd, pos) => {
      if (nd.isTextblock && nd.attrs.id === id) p = pos + 1 + off;
      return p < 0;
    });
    return p;
  };
  const apply = (s: EditorState, tr: ReturnType<typeof trackTransaction>) => {
    if (tr instanceof Refusal) throw new Error(tr.message);
    return s.apply(tr);
  };

  it("Enter in 修订 is an inserted ¶, saved as a new paragraph break (\\n) with the text typed after it", () => {
    const d = base();
    let s = tracked(d);
    const p = posIn(s, "p1", 7);
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, p)));
    s = apply(s, trackTransaction(s, s.tr.split(p)));
    s = apply(s, trackTransaction(s, s.tr.insertText("另起一段")));
    expect(runs(s, "p1")).toBe("推进依法行政，+¶另起一段+建设法治政府。");
    const ups = changeUpdates(s.doc);
    expect(ups).toHaveLength(1);
    expect(ups[0]).toMatchObject({ start: at("p1", 7), end: at("p1", 7), new: "\n另起一段" });
    expect(fromPM(s.doc, metaOf(d))).toEqual(d);
  });

  it("pasted lines in 修订 are one insertion with a ¶ per paragraph break, saved with \\n", () => {
    const d = base();
    let s = tracked(d);
    const a = posIn(s, "p1", 7);
    const b = posIn(s, "p1", 9);
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, a, b)));
    const P = s.schema.nodes.paragraph;
    const slice = new Slice(Fragment.from([P.create(null, s.schema.text("加快")), P.create(null, s.schema.text("建设"))]), 1, 1);
    s = apply(s, trackTransaction(s, s.tr.replaceSelection(slice)));
    expect(runs(s, "p1")).toBe("推进依法行政，-建设-+加快¶建设+法治政府。");
    expect(changeUpdates(s.doc)[0]).toMatchObject({ start: at("p1", 7), end: at("p1", 9), new: "加快\n建设" });
    expect(fromPM(s.doc, metaOf(d))).toEqual(d);
  });

  it("Backspace at a paragraph's start strikes the break (a struck ¶): one change from the end of one paragraph to the start of the next", () => {
    const d = base();
    let s = tracked(d);
    const p = posIn(s, "p2", 0);
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, p)));
    // What ProseMirror's joinBackward does: delete from the end of p1 to the start of p2.
    s = apply(s, trackTransaction(s, s.tr.delete(p - 2, p)));
    expect(runs(s, "p1")).toBe(`${PARA}-¶-`);
    expect(runs(s, "p2")).toBe("𠀀𠀁依法行政");
    // Backspace again extends the same deletion into p1.
    const caret = s.selection.head;
    s = apply(s, trackTransaction(s, s.tr.delete(caret - 1, caret)));
    expect(runs(s, "p1")).toBe("推进依法行政，建设法治政府-。¶-");
    const ups = changeUpdates(s.doc);
    expect(ups).toHaveLength(1);
    expect(ups[0]).toMatchObject({ start: at("p1", 13), end: at("p2", 0), new: "" });
    expect(fromPM(s.doc, metaOf(d))).toEqual(d);
  });

  it("typing over a selection across paragraphs: both parts and the break struck, the new text after them, one change", () => {
    const d = base();
    let s = tracked(d);
    const a = posIn(s, "p1", 11);
    const b = posIn(s, "p2", 4); // after 𠀀𠀁 (UTF-16)
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, a, b)));
    s = apply(s, trackTransaction(s, s.tr.insertText("政府。", a, b)));
    expect(runs(s, "p1")).toBe("推进依法行政，建设法治-政府。¶-");
    expect(runs(s, "p2")).toBe("-𠀀𠀁-+政府。+依法行政");
    const ups = changeUpdates(s.doc);
    expect(ups).toHaveLength(1);
    expect(ups[0]).toMatchObject({ start: at("p1", 11), end: at("p2", 2), new: "政府。" });
  });

  it("a deletion from a section's paragraph into the next section's heading: one change over the break, laid again the same way", () => {
    const d = base();
    d.parts[0].sections = [
      { id: "s1", heading: "第一小节", paragraphs: [{ id: "p3", text: "第一段内容。" }], sections: [] },
      { id: "s2", heading: "第二小节", paragraphs: [{ id: "p4", text: "第二段内容。" }], sections: [] },
    ];
    let s = tracked(d);
    const a = posIn(s, "p3", 3);
    let b = -1;
    s.doc.descendants((nd, pos, parent) => {
      if (nd.type.name === "section_heading" && parent?.attrs.id === "s2") b = pos + 1 + 2;
      return b < 0;
    });
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, a, b)));
    s = apply(s, trackTransaction(s, s.tr.deleteSelection()));
    expect(runs(s, "p3")).toBe("第一段-内容。¶-");
    expect(runs(s, "s2")).toBe("-第二-小节");
    const ups = changeUpdates(s.doc);
    expect(ups).toHaveLength(1);
    expect(ups[0]).toMatchObject({ start: at("p3", 3), end: at("s2", 2), new: "" });
    expect(fromPM(s.doc, metaOf(d))).toEqual(d);
    // As the core lists it, laid over the original text: the same marks.
    const c = chg({ id: ups[0].id, start: at("p3", 3), end: at("s2", 2), old: "内容。\n第二", new: "" });
    const again = laid([c], d).state;
    expect(runs(again, "p3")).toBe("第一段-内容。¶-");
    expect(runs(again, "s2")).toBe("-第二-小节");
    expect(changeUpdates(again.doc)).toEqual([{ id: c.id, start: at("p3", 3), end: at("s2", 2), new: "" }]);
  });

  it("a comment range after a struck ¶'s block is unaffected; offsets never count the ¶", () => {
    const c = chg({ start: at("p1", 14), end: at("p2", 0), old: "\n", new: "" });
    const { state } = laid([c]);
    const p1 = state.doc.child(2).child(1);
    expect(originalOffset(p1, 14)).toBe(14);
    expect(originalOffset(p1, 15)).toBe(14);
  });
});
