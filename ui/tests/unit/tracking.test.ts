// [tracking #17] 修订 mode in the editor: edits become insertion/deletion marks
// with author, role and time; one's own pending insertion is extended or really
// deleted; another person's change is not edited over; with 修订 off a pending
// change is protected as well.
import { describe, expect, it } from "vitest";
import { EditorState, TextSelection, type Transaction } from "prosemirror-state";
import type { Document } from "../../src/bindings/Document";
import { toPM } from "../../src/editor/convert";
import { createState } from "../../src/editor/editor";
import { INS, Refusal, changeMark, trackTransaction, trackingKey, trackingPlugin, type Actor } from "../../src/editor/tracking";
import { templateDoc } from "./fixtures";

const PARA = "推进依法行政，建设法治政府。";
const ZHANG: Actor = { name: "张审核", role: "reviewer" };
const LI: Actor = { name: "李科长", role: "reviewer" };

function base(): Document {
  const d = templateDoc();
  d.preface = [{ id: "pre1", text: "2019年，我市深入推进法治政府建设。" }];
  d.parts[0].paragraphs = [{ id: "p1", text: PARA }, { id: "p2", text: "第二段" }];
  return d;
}

function state(on = true, who: Actor = ZHANG): EditorState {
  const s = createState(toPM(base()), () => {});
  return s.reconfigure({ plugins: [...s.plugins, trackingPlugin({ on, forcedBy: null, who }, { refused: () => {} })] });
}

/** Position inside paragraph `id` at UTF-16 offset `off` of its (displayed) text. */
function at(s: EditorState, id: string, off: number): number {
  let pos = -1;
  s.doc.descendants((n, p) => {
    if (n.attrs.id === id && n.isTextblock) pos = p + 1 + off;
    return pos < 0;
  });
  if (pos < 0) throw new Error(`no block ${id}`);
  return pos;
}

function text(s: EditorState, id: string): string {
  let t = "";
  s.doc.descendants((n) => {
    if (n.attrs.id === id && n.isTextblock) t = n.textContent;
    return t === "";
  });
  return t;
}

/** The block's text as runs: plain, +inserted+, -deleted- (with author initials when asked). */
function runs(s: EditorState, id: string, withWho = false): string {
  let out = "";
  s.doc.descendants((n) => {
    if (n.attrs.id !== id || !n.isTextblock) return true;
    n.forEach((c) => {
      const m = changeMark(c.marks);
      const who = withWho && m ? `@${(m.attrs.author as string).slice(0, 1)}` : "";
      out += !m ? c.text : m.type === INS ? `+${c.text}${who}+` : `-${c.text}${who}-`;
    });
    return false;
  });
  return out;
}

const ids = (s: EditorState, id: string): string[] => {
  const out: string[] = [];
  s.doc.descendants((n) => {
    if (n.attrs.id !== id || !n.isTextblock) return true;
    n.forEach((c) => {
      const m = changeMark(c.marks);
      if (m) out.push(m.attrs.id as string);
    });
    return false;
  });
  return out;
};

function dispatch(s: EditorState, make: (s: EditorState) => Transaction): EditorState {
  const t = trackTransaction(s, make(s), () => "2026-12-04T05:00:00.000Z");
  if (t instanceof Refusal) throw t;
  return s.apply(t);
}

function refused(s: EditorState, make: (s: EditorState) => Transaction): string {
  const t = trackTransaction(s, make(s));
  if (!(t instanceof Refusal)) throw new Error("not refused");
  return t.message;
}

const caretAt = (s: EditorState, pos: number) => s.apply(s.tr.setSelection(TextSelection.create(s.doc, pos)));
const type = (pos: number, t: string) => (s: EditorState) => s.tr.insertText(t, pos);
const backspace = (pos: number) => (s: EditorState) => s.tr.delete(pos - 1, pos);
/** Backspace with the caret at `pos` (the transform reads the caret from the state). */
const bs = (s: EditorState, pos: number) => dispatch(caretAt(s, pos), backspace(pos));

describe("修订 on: edits become suggestions", () => {
  it("typed text is an insertion with author, role and time; the original text stays", () => {
    let s = state();
    s = dispatch(s, type(at(s, "p1", 4), "全面"));
    expect(runs(s, "p1")).toBe("推进依法+全面+行政，建设法治政府。");
    let mark = null as ReturnType<typeof changeMark>;
    s.doc.descendants((n) => {
      mark ??= changeMark(n.marks);
    });
    expect(mark!.type).toBe(INS);
    expect(mark!.attrs).toMatchObject({ author: "张审核", role: "reviewer", time: "2026-12-04T05:00:00.000Z" });
    expect(mark!.attrs.id).toMatch(/^[0-9a-f]{12}$/);
    expect(s.selection.head).toBe(at(s, "p1", 6));
  });

  it("typing on at the end of one's own insertion extends it (one change)", () => {
    let s = state();
    s = dispatch(s, type(at(s, "p1", 4), "全"));
    s = dispatch(s, type(at(s, "p1", 5), "面"));
    expect(runs(s, "p1")).toBe("推进依法+全面+行政，建设法治政府。");
    expect(new Set(ids(s, "p1")).size).toBe(1);
  });

  it("Backspace strikes plain text through, the caret goes before it, and repeated Backspace grows one deletion", () => {
    let s = state();
    const end = at(s, "p1", 6); // after 行政
    s = bs(s, end);
    expect(runs(s, "p1")).toBe("推进依法行-政-，建设法治政府。");
    expect(s.selection.head).toBe(end - 1);
    s = bs(s, end - 1);
    expect(runs(s, "p1")).toBe("推进依法-行政-，建设法治政府。");
    expect(new Set(ids(s, "p1")).size).toBe(1);
    expect(text(s, "p1")).toBe(PARA);
  });

  it("Delete (forward) strikes the next character and moves the caret past it", () => {
    let s = state();
    const p = at(s, "p1", 0);
    s = caretAt(s, p);
    s = dispatch(s, (x) => x.tr.delete(p, p + 1));
    expect(runs(s, "p1")).toBe("-推-进依法行政，建设法治政府。");
    expect(s.selection.head).toBe(p + 1);
  });

  it("deleting one's own insertion removes it for good", () => {
    let s = state();
    s = dispatch(s, type(at(s, "p1", 4), "全面"));
    s = bs(s, at(s, "p1", 6));
    s = bs(s, at(s, "p1", 5));
    expect(runs(s, "p1")).toBe(PARA);
  });

  it("typing over a selection: the old words struck, the new ones after them", () => {
    let s = state();
    const a = at(s, "p1", 7);
    const b = at(s, "p1", 9); // 建设
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, a, b)));
    s = dispatch(s, (x) => x.tr.insertText("加快建设", a, b));
    expect(runs(s, "p1")).toBe("推进依法行政，-建设-+加快建设+法治政府。");
    expect(s.selection.head).toBe(at(s, "p1", 13));
    expect(new Set(ids(s, "p1")).size).toBe(1); // one replace: old → new
  });

  it("typing inside struck text lands after it", () => {
    let s = state();
    const a = at(s, "p1", 7);
    s = s.apply(s.tr.setSelection(TextSelection.create(s.doc, a, a + 2)));
    s = dispatch(s, (x) => x.tr.delete(a, a + 2));
    s = dispatch(s, type(a + 1, "推进"));
    expect(runs(s, "p1")).toBe("推进依法行政，-建设-+推进+法治政府。");
  });

  it("another person's change is not edited over: deleting into it or typing inside it is refused", () => {
    let s = state(true, LI);
    s = dispatch(s, type(at(s, "p1", 4), "全面"));
    s = s.apply(s.tr.setMeta(trackingKey, { who: ZHANG }));
    expect(refused(s, backspace(at(s, "p1", 6)))).toContain("李科长插入的修订");
    expect(refused(s, type(at(s, "p1", 5), "地"))).toContain("李科长");
    // Next to it is fine, and is a change of one's own.
    s = dispatch(s, type(at(s, "p1", 6), "地"));
    expect(runs(s, "p1", true)).toBe("推进依法+全面@李++地@张+行政，建设法治政府。");
  });

  it("Enter in 修订 is a suggested paragraph break (an inserted ¶); a structural edit is refused", () => {
    let s = state();
    s = dispatch(caretAt(s, at(s, "p1", 3)), (x) => x.tr.split(at(x, "p1", 3)));
    expect(runs(s, "p1")).toBe("推进依+¶+法行政，建设法治政府。");
    expect(text(s, "p2")).toBe("第二段");
    // Deleting a whole paragraph node (not its text) is structural.
    const p2 = at(s, "p2", 0) - 1;
    expect(refused(s, (x) => x.tr.delete(p2, p2 + x.doc.resolve(p2 + 1).parent.nodeSize))).toContain("修订模式下");
  });

  it("undo passes as it is (it takes back the suggestion itself)", () => {
    let s = state();
    s = dispatch(s, type(at(s, "p1", 4), "全面"));
    const raw = s.tr.delete(at(s, "p1", 4), at(s, "p1", 6)).setMeta("history$", { redo: false });
    expect(trackTransaction(s, raw)).toBe(raw);
  });

  it("a transaction with several replaces (全部替换) is tracked step by step", () => {
    let s = state();
    const p = at(s, "p1", 0);
    const tr = s.tr.insertText("着力", p + 7, p + 9).insertText("加强", p, p + 2);
    s = dispatch(s, () => tr);
    expect(runs(s, "p1")).toBe("-推进-+加强+依法行政，-建设-+着力+法治政府。");
  });
});

describe("修订 off: pending changes are protected", () => {
  it("plain text is edited directly; a change is not typed into or deleted", () => {
    let s = state(true, LI);
    s = dispatch(s, type(at(s, "p1", 4), "全面"));
    s = s.apply(s.tr.setMeta(trackingKey, { on: false, who: { name: "王起草", role: "drafter" } }));
    s = dispatch(s, type(at(s, "p1", 0), "着力"));
    expect(runs(s, "p1")).toBe("着力推进依法+全面+行政，建设法治政府。");
    expect(refused(s, (x) => x.tr.delete(at(x, "p1", 5), at(x, "p1", 8)))).toContain("李科长");
    expect(refused(s, type(at(s, "p1", 7), "地"))).toContain("李科长");
  });
});
