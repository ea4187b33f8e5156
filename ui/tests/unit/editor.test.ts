import { describe, expect, it } from "vitest";
import { joinBackward, joinForward, deleteSelection, selectAll, splitBlock } from "prosemirror-commands";
import { undo } from "prosemirror-history";
import { EditorState, TextSelection, type Command, type Transaction } from "prosemirror-state";
import { templateDoc } from "./fixtures";
import type { Document } from "../../src/bindings/Document";
import { fromPM, metaOf, toPM } from "../../src/editor/convert";
import { createState } from "../../src/editor/editor";
import {
  addSection,
  demote,
  guardBackspace,
  moveSectionDown,
  moveSectionUp,
  numberingToSection,
  promote,
  removeSection,
  typedLevel,
} from "../../src/editor/commands";
import { ALLOW_LOCKED, numberDecorations } from "../../src/editor/plugins";
import { T } from "../../src/editor/schema";
import { findState, replaceAll, setQuery, step } from "../../src/editor/find";

function fullDoc(): Document {
  const d = templateDoc(true);
  d.title_override = "梅河口市2019年法治政府建设年度报告";
  d.addressee = "通化市人民政府";
  d.doc_number = "梅政发〔2020〕1号";
  d.signer = "张三";
  d.signature = "梅河口市人民政府";
  d.date = "2020-03-13";
  d.note = "此件公开发布";
  d.settings.heading_style = "run_in";
  d.preface = [
    { id: "pre1", text: "2019年，我市深入推进法治政府建设。" },
    { id: "pre2", text: "现将有关情况报告如下：" },
  ];
  const s = d.parts[0].sections[0];
  s.paragraphs = [{ id: "p11", text: "深化“放管服”改革。" }, { id: "p12", text: "" }];
  s.sections = [
    {
      id: "s111",
      heading: "推进简政放权",
      paragraphs: [{ id: "p111", text: "取消行政许可事项12项。" }],
      sections: [{ id: "s1111", heading: "清理证明事项", paragraphs: [{ id: "p1111", text: "清理证明事项37项。" }], sections: [] }],
    },
  ];
  d.parts[1].paragraphs = [{ id: "p2a", text: "一是……" }, { id: "p2b", text: "二是……" }];
  d.closing = [{ id: "c1", text: "特此报告。" }];
  return d;
}

const stateOf = (d: Document) => createState(toPM(d), () => {});

/** Position just inside the first textblock whose text is `text` (or the nth paragraph). */
function posOfText(state: EditorState, text: string, atEnd = false): number {
  let at = -1;
  state.doc.descendants((n, pos) => {
    if (at >= 0) return false;
    if (n.isTextblock && n.textContent === text) {
      at = pos + 1 + (atEnd ? n.content.size : 0);
      return false;
    }
    return true;
  });
  if (at < 0) throw new Error(`no block "${text}"`);
  return at;
}

function caret(state: EditorState, text: string, atEnd = false): EditorState {
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, posOfText(state, text, atEnd))));
}

function run(state: EditorState, cmd: Command): EditorState {
  let next = state;
  cmd(state, (tr: Transaction) => (next = state.apply(tr)));
  return next;
}

const doc = (s: EditorState, meta: Document) => fromPM(s.doc, metaOf(meta));
const headings = (d: Document) => d.parts[0].sections.map((s) => s.heading);

describe("document ⇄ ProseMirror", () => {
  it("round-trips a full document keeping every id and text", () => {
    const d = fullDoc();
    expect(fromPM(toPM(d), metaOf(d))).toEqual(d);
  });
  it("round-trips empty preface, closing and part paragraphs (placeholders vanish)", () => {
    const d = fullDoc();
    d.preface = [];
    d.closing = [];
    d.parts[1].paragraphs = [];
    const pm = toPM(d);
    expect(pm.child(1).childCount).toBe(1); // a placeholder to type in
    expect(fromPM(pm, metaOf(d))).toEqual(d);
  });
  it("the schema has no fifth level and no marks but 修订's (never saved)", () => {
    expect(T.section[4]!.spec.content).not.toMatch(/section\d/);
    expect(Object.keys(T.doc.schema.marks)).toEqual(["insertion", "deletion"]);
  });
});

describe("the part headings are locked", () => {
  const d = fullDoc();
  const s0 = stateOf(d);
  const partPos = (state: EditorState, i: number) => {
    let pos = -1;
    let k = 0;
    state.doc.forEach((n, off) => {
      if (n.type === T.part && k++ === i) pos = off;
    });
    return pos;
  };
  const refused = (tr: Transaction) => expect(s0.apply(tr).doc.eq(s0.doc)).toBe(true);

  it("refuses deleting a part heading", () => {
    const p = partPos(s0, 1);
    refused(s0.tr.delete(p + 1, p + 2));
  });
  it("refuses changing a part heading's text", () => {
    refused(s0.tr.setNodeAttribute(partPos(s0, 0) + 1, "text", "2019年的工作"));
  });
  it("refuses deleting a whole part, or moving one", () => {
    const p = partPos(s0, 1);
    const node = s0.doc.nodeAt(p)!;
    refused(s0.tr.delete(p, p + node.nodeSize));
    const q = partPos(s0, 2);
    refused(s0.tr.delete(p, p + node.nodeSize).insert(q - node.nodeSize + s0.doc.nodeAt(q)!.nodeSize, node));
  });
  it("refuses select-all and typing, and deleting across two parts", () => {
    const all = run(s0, selectAll);
    refused(all.tr.insertText("x"));
    const a = posOfText(s0, "二是……");
    const b = partPos(s0, 2) + 3; // inside part three's first paragraph
    expect(s0.doc.resolve(b).parent.type).toBe(T.paragraph);
    const st = s0.apply(s0.tr.setSelection(TextSelection.create(s0.doc, a + 1, b)));
    expect(run(st, deleteSelection).doc.eq(s0.doc)).toBe(true);
  });
  it("refuses merging the first paragraph of a part into the previous part (Backspace, joinBackward)", () => {
    const st = caret(s0, "一是……");
    expect(guardBackspace(st)).toBe(true); // the key does nothing
    expect(run(st, joinBackward).doc.eq(s0.doc)).toBe(true); // and the raw command is filtered
  });
  it("refuses merging the end of a part into the next part (Delete, joinForward)", () => {
    const st = caret(s0, "二是……", true);
    expect(run(st, joinForward).doc.eq(s0.doc)).toBe(true);
  });
  it("lets the editor itself change a heading for a new year", () => {
    const tr = s0.tr.setNodeAttribute(partPos(s0, 0) + 1, "text", "2020年推进法治政府建设的主要举措和成效").setMeta(ALLOW_LOCKED, true);
    expect(s0.apply(tr).doc.eq(s0.doc)).toBe(false);
  });
  it("still allows typing and splitting inside a part", () => {
    const st = caret(s0, "一是……", true);
    const typed = st.apply(st.tr.insertText("加强"));
    expect(typed.doc.eq(s0.doc)).toBe(false);
    const split = run(typed, splitBlock);
    const more = split.apply(split.tr.insertText("新的一段"));
    expect(doc(more, d).parts[1].paragraphs.map((p) => p.text)).toEqual(["一是……加强", "新的一段", "二是……"]);
  });
});

describe("ids", () => {
  it("a split paragraph gets a fresh id; typing into a placeholder gives it one", () => {
    const d = fullDoc();
    let st = caret(stateOf(d), "一是……");
    st = st.apply(st.tr.setSelection(TextSelection.create(st.doc, st.selection.from + 1)));
    st = run(st, splitBlock);
    const ps = doc(st, d).parts[1].paragraphs;
    expect(ps.map((p) => p.text)).toEqual(["一", "是……", "二是……"]);
    expect(new Set(ps.map((p) => p.id)).size).toBe(3);
    expect(ps[0].id).toBe("p2a");
    const d2 = fullDoc();
    d2.parts[2].paragraphs = [];
    let s2 = stateOf(d2);
    const at = posOfText(s2, "", false);
    s2 = s2.apply(s2.tr.setSelection(TextSelection.create(s2.doc, at)));
    // The placeholder in part two? find the one in part three by position order.
    s2 = s2.apply(s2.tr.insertText("加强领导"));
    const out = doc(s2, d2);
    const typed = out.parts.flatMap((p) => p.paragraphs).find((p) => p.text === "加强领导");
    expect(typed?.id).toMatch(/^[0-9a-f]{12}$/);
    // A second save of the same state keeps the same id.
    expect(doc(s2, d2).parts.flatMap((p) => p.paragraphs).find((p) => p.text === "加强领导")?.id).toBe(typed?.id);
  });
});

describe("numbering", () => {
  it("is derived from position for parts and every section level", () => {
    const st = stateOf(fullDoc());
    const nums = numberDecorations(st.doc)
      .find()
      .map((x) => (x as unknown as { type: { attrs: Record<string, string> } }).type.attrs["data-num"]);
    expect(nums.slice(0, 4)).toEqual(["一、", "（一）", "1.", "（1）"]);
    expect(nums).toContain("（八）");
    expect(nums.filter((n) => /^[一二三四五六]、$/.test(n))).toEqual(["一、", "二、", "三、", "四、", "五、"]);
  });
});

describe("section commands", () => {
  const d = fullDoc();
  it("Ctrl+Enter adds a sibling section after the current one, with the caret in its heading", () => {
    let st = caret(stateOf(d), "深化“放管服”改革。");
    st = run(st, addSection);
    expect(headings(doc(st, d)).slice(0, 3)).toEqual(["依法全面履行政府职能", "", "完善依法行政制度体系"]);
    expect(st.selection.$from.parent.type).toBe(T.sectionHeading);
    st = st.apply(st.tr.insertText("新小节"));
    expect(headings(doc(st, d))[1]).toBe("新小节");
    // In a part without sections, it adds （一）.
    let s2 = run(caret(stateOf(d), "一是……"), addSection);
    s2 = s2.apply(s2.tr.insertText("存在的主要问题"));
    expect(doc(s2, d).parts[1].sections.map((s) => s.heading)).toEqual(["存在的主要问题"]);
  });
  it("deletes a section with its content, and undo brings it back", () => {
    const st0 = caret(stateOf(d), "取消行政许可事项12项。");
    const st = run(st0, removeSection);
    expect(doc(st, d).parts[0].sections[0].sections).toEqual([]);
    const back = run(st, undo);
    expect(doc(back, d)).toEqual(d);
  });
  it("moves sections up and down among their siblings", () => {
    let st = caret(stateOf(d), "完善依法行政制度体系", true);
    st = run(st, moveSectionUp);
    expect(headings(doc(st, d)).slice(0, 2)).toEqual(["完善依法行政制度体系", "依法全面履行政府职能"]);
    expect(st.selection.$from.parent.textContent).toBe("完善依法行政制度体系"); // caret follows
    st = run(st, moveSectionDown);
    expect(doc(st, d)).toEqual(d);
  });
  it("demotes under the previous sibling and promotes back, keeping text order", () => {
    let st = caret(stateOf(d), "完善依法行政制度体系");
    st = run(st, demote);
    const x = doc(st, d);
    expect(x.parts[0].sections[0].sections.map((s) => s.heading)).toEqual(["推进简政放权", "完善依法行政制度体系"]);
    st = run(st, promote);
    expect(doc(st, d)).toEqual(d);
  });
  it("refuses to demote past four levels or to promote a （一） into a part", () => {
    let st = caret(stateOf(d), "推进简政放权");
    // 依法全面履行政府职能 > 推进简政放权 > 清理证明事项: demoting 完善依法行政制度体系 twice is fine,
    // but 依法全面履行 cannot be demoted (no previous sibling) and its subtree is already four deep.
    const before = st.doc;
    st = run(caret(st, "依法全面履行政府职能"), promote);
    expect(st.doc.eq(before)).toBe(true);
    let s3 = caret(stateOf(d), "完善依法行政制度体系");
    s3 = run(s3, demote); // level 3 under （一）
    s3 = run(s3, demote); // level 4 under 推进简政放权
    const deep = doc(s3, d).parts[0].sections[0].sections[0].sections.map((s) => s.heading);
    expect(deep).toEqual(["清理证明事项", "完善依法行政制度体系"]);
    const again = run(s3, demote);
    expect(again.doc.eq(s3.doc)).toBe(true);
  });
  it("typing a numbering prefix into an empty paragraph makes a section of that level", () => {
    expect(typedLevel("（三）")).toBe(2);
    expect(typedLevel("1.")).toBe(3);
    expect(typedLevel("12、")).toBe(3);
    expect(typedLevel("（1）")).toBe(4);
    expect(typedLevel("（三）加强")).toBe(0);
    // In part two (no sections): "（一）" turns the paragraph into （一）, the following paragraph moves in.
    let st = caret(stateOf(d), "一是……");
    st = st.apply(st.tr.insertText("（一）", posOfText(st, "一是……"), posOfText(st, "一是……", true)));
    st = run(caret(st, "（一）", true), numberingToSection);
    const p2 = doc(st, d).parts[1];
    expect(p2.paragraphs).toEqual([]);
    expect(p2.sections.map((s) => [s.heading, s.paragraphs.map((p) => p.text)])).toEqual([["", ["二是……"]]]);
    // "1." inside a level-2 section's paragraph becomes its first level-3 subsection.
    let s2 = caret(stateOf(d), "");
    s2 = caret(s2, "深化“放管服”改革。", true);
    s2 = s2.apply(s2.tr.split(s2.selection.from));
    s2 = s2.apply(s2.tr.insertText("1."));
    s2 = run(s2, numberingToSection);
    const sec = doc(s2, d).parts[0].sections[0];
    expect(sec.sections.map((s) => s.heading)).toEqual(["", "推进简政放权"]);
    expect(sec.sections[0].paragraphs.map((p) => p.text)).toEqual([""]);
  });
});

describe("find and replace", () => {
  it("counts, steps through and replaces across the report but never in part headings", () => {
    const d = fullDoc();
    let st = stateOf(d);
    st = st.apply(setQuery(st, "2019"));
    // The title and the part headings hold 2019 too; only the preface paragraph counts.
    expect(findState(st).matches.length).toBe(1);
    st = st.apply(setQuery(st, "项"));
    expect(findState(st).matches.length).toBe(5);
    st = st.apply(step(st, 1)!);
    const r = replaceAll(st, "件")!;
    expect(r.count).toBe(5);
    st = st.apply(r.tr);
    const out = doc(st, d);
    expect(out.parts[0].sections[0].sections[0].paragraphs[0].text).toBe("取消行政许可事件12件。");
    expect(findState(st).matches.length).toBe(0);
  });
});

describe("outline drag and drop", () => {
  it("moves a section before another, taking its level, and refuses a fifth level or its own subtree", async () => {
    const { dropSection } = await import("../../src/editor/commands");
    const d = fullDoc();
    d.parts[0].sections[1].sections = [
      { id: "t3", heading: "三级", paragraphs: [], sections: [{ id: "t4", heading: "四级", paragraphs: [], sections: [] }] },
    ];
    const st = stateOf(d);
    const third = d.parts[0].sections[2].id;
    const moved = run(st, dropSection(third, "s111", false));
    expect(doc(moved, d).parts[0].sections[0].sections.map((s) => s.heading)).toEqual(["推进行政决策科学化、民主化、法治化", "推进简政放权"]);
    // s111 holds a level-4 subsection: dropped at level 4 it would need a fifth level.
    expect(run(st, dropSection("s111", "t4", false)).doc.eq(st.doc)).toBe(true);
    // A section cannot go inside itself.
    expect(run(st, dropSection(d.parts[0].sections[0].id, "s1111", true)).doc.eq(st.doc)).toBe(true);
    // A leaf can go to level 4.
    const deep = run(st, dropSection(third, "t4", true));
    expect(doc(deep, d).parts[0].sections[1].sections[0].sections.map((s) => s.heading)).toEqual(["四级", "推进行政决策科学化、民主化、法治化"]);
  });
});

describe("Enter in a section heading", () => {
  it("splits the heading's text into the first paragraph in the middle, does nothing at the start", async () => {
    const { guardEnter } = await import("../../src/editor/commands");
    const d = fullDoc();
    const st = caret(stateOf(d), "依法全面履行政府职能", true);
    const mid = st.apply(st.tr.setSelection(TextSelection.create(st.doc, st.selection.from - 4)));
    const split = run(mid, splitBlock);
    const sec = doc(split.apply(split.tr.insertText("x")), d).parts[0].sections[0];
    expect(sec.heading).toBe("依法全面履行");
    expect(sec.paragraphs[0].text).toBe("x政府职能");
    const start = caret(stateOf(d), "依法全面履行政府职能", false);
    expect(guardEnter(start)).toBe(true);
  });
});

describe("the lock holds whatever the edit (randomised)", () => {
  it("no deletion, replacement or insertion anywhere changes a part heading, role or id, or the title", () => {
    const d = fullDoc();
    const st = stateOf(d);
    const sig = (s: EditorState) => {
      const out: string[] = [];
      s.doc.forEach((n) => {
        if (n.type === T.part) out.push(`${n.attrs.id as string}/${n.attrs.role as string}/${n.firstChild!.attrs.text as string}`);
        if (n.type === T.title) out.push(n.attrs.text as string);
      });
      return out.join("|");
    };
    const want = sig(st);
    let seed = 20260213;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const size = st.doc.content.size;
    let applied = 0;
    for (let i = 0; i < 3000; i++) {
      const a = rnd(size + 1);
      const b = Math.min(size, a + rnd(i % 3 === 0 ? size : 40));
      const kind = rnd(4);
      let tr: Transaction;
      try {
        if (kind === 0) tr = st.tr.delete(a, b);
        else if (kind === 1) tr = st.tr.insertText("字", a, b);
        else if (kind === 2) tr = st.tr.replaceWith(a, b, T.paragraph.create(null, T.doc.schema.text("段")));
        else tr = st.apply(st.tr.setSelection(TextSelection.near(st.doc.resolve(a)))).tr.deleteSelection();
      } catch {
        continue; // not a valid step at all
      }
      const next = st.apply(tr);
      if (!next.doc.eq(st.doc)) applied++;
      expect(sig(next)).toBe(want);
    }
    // Plenty of edits went through: the lock is not refusing everything.
    expect(applied).toBeGreaterThan(300);
  });
});
