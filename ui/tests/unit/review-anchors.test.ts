// Comment anchors in the editor: placing the core's anchors (scalar offsets),
// following edits around them, noticing deletion, and what is sent with a save.
import { describe, expect, it } from "vitest";
import { EditorState, TextSelection } from "prosemirror-state";
import type { Document } from "../../src/bindings/Document";
import type { Anchor } from "../../src/bindings/Anchor";
import { toPM } from "../../src/editor/convert";
import { createState } from "../../src/editor/editor";
import { templateDoc } from "./fixtures";
import {
  anchorUpdates,
  anchorsKey,
  anchorsPlugin,
  anchorsState,
  commentAt,
  cpToUtf16,
  placeComments,
  rangeToAnchor,
  utf16ToCp,
  type AnchorsMeta,
} from "../../src/review/anchors";
import { filterThreads, openByPart } from "../../src/review/panel";
import type { Comment } from "../../src/bindings/Comment";

const PARA = "推进依法行政，建设法治政府。";

function base(): Document {
  const d = templateDoc();
  d.preface = [{ id: "pre1", text: "2019年，我市深入推进法治政府建设。" }];
  d.parts[0].paragraphs = [{ id: "p1", text: PARA }, { id: "p2", text: "𠀀𠀁依法行政" }];
  d.parts[0].sections = [{ id: "s1", heading: "依法全面履行政府职能", paragraphs: [], sections: [] }];
  return d;
}

const calls: string[] = [];
function state(doc = base()): EditorState {
  const s = createState(toPM(doc), () => {});
  return s.reconfigure({
    plugins: [...s.plugins, anchorsPlugin({ open: (id) => calls.push(`open:${id}`), add: () => calls.push("add"), changed: () => {}, compositionEnd: () => {} })],
  });
}

function anchor(node_id: string, text: string, quote: string, nth = 0): Anchor {
  let at = -1;
  for (let i = 0; i <= nth; i++) at = text.indexOf(quote, at + 1);
  const start = utf16ToCp(text, at);
  return { node_id, start, end: start + [...quote].length, quote, prefix: "", suffix: "" };
}

function comment(id: string, a: Anchor | null, extra: Partial<Comment> = {}): Comment {
  return {
    id, report_id: "r", parent_id: null, author: "张三", role: "reviewer", created_at: "2026-11-27T20:00:00Z", edited_at: null,
    text: "意见", resolved: false, resolved_by: null, resolved_at: null, handled: false, may_close: true, anchor: a, orphaned: false, part_id: null, mine: true, replies: [], ...extra,
  };
}

function withAnchors(s: EditorState, comments: Comment[]): EditorState {
  const meta: AnchorsMeta = { placed: placeComments(s.doc, comments) };
  return s.apply(s.tr.setMeta(anchorsKey, meta));
}

/** Position of the first occurrence of `text` in the document. */
function posOf(s: EditorState, text: string): number {
  let found = -1;
  s.doc.descendants((n, pos) => {
    if (found >= 0) return false;
    if (n.isText && n.text) {
      const i = n.text.indexOf(text);
      if (i >= 0) found = pos + i;
    }
    return true;
  });
  if (found < 0) throw new Error(`no ${text}`);
  return found;
}

function quoteOf(s: EditorState, id: string): string {
  const p = anchorsState(s).placed.find((x) => x.id === id);
  return p ? s.doc.textBetween(p.from, p.to) : "(none)";
}

describe("offsets", () => {
  it("converts scalar offsets and UTF-16 offsets both ways (astral characters count once)", () => {
    const t = "𠀀𠀁依法行政";
    expect(cpToUtf16(t, 2)).toBe(4);
    expect(utf16ToCp(t, 4)).toBe(2);
    expect(cpToUtf16(t, 99)).toBe(t.length);
    expect(utf16ToCp(t, t.length)).toBe(6);
  });
});

describe("placing stored anchors", () => {
  it("puts each anchor on its words, in paragraphs, section headings and after astral characters", () => {
    let s = state();
    s = withAnchors(s, [
      comment("c1", anchor("p1", PARA, "法治政府")),
      comment("c2", anchor("p2", "𠀀𠀁依法行政", "依法")),
      comment("c3", anchor("s1", "依法全面履行政府职能", "政府职能")),
    ]);
    expect(quoteOf(s, "c1")).toBe("法治政府");
    expect(quoteOf(s, "c2")).toBe("依法");
    expect(quoteOf(s, "c3")).toBe("政府职能");
  });

  it("finds the quote in its node when the offsets are stale, and skips orphaned or missing ones", () => {
    let s = state();
    const stale = { ...anchor("p1", PARA, "法治政府"), start: 0, end: 4 };
    s = withAnchors(s, [
      comment("c1", stale),
      comment("c2", anchor("p1", PARA, "依法行政"), { orphaned: true }),
      comment("c3", { ...anchor("p1", PARA, "依法"), node_id: "nowhere" }),
      comment("c4", { ...anchor("p1", PARA, "依法"), quote: "不存在的话" }),
    ]);
    expect(quoteOf(s, "c1")).toBe("法治政府");
    expect(anchorsState(s).placed.map((p) => p.id)).toEqual(["c1"]);
  });
});

describe("following edits", () => {
  it("typing before the comment moves it; the saved anchor names the same words at new offsets", () => {
    let s = withAnchors(state(), [comment("c1", anchor("p1", PARA, "法治政府"))]);
    const before = anchorUpdates(s);
    expect(before).toEqual([{ comment_id: "c1", node_id: "p1", start: 9, end: 13 }]);
    const at = posOf(s, "推进依法");
    s = s.apply(s.tr.insertText("全面", at));
    expect(quoteOf(s, "c1")).toBe("法治政府");
    expect(anchorUpdates(s)).toEqual([{ comment_id: "c1", node_id: "p1", start: 11, end: 15 }]);
  });

  it("text typed at either edge is not part of the comment; text typed inside is", () => {
    let s = withAnchors(state(), [comment("c1", anchor("p1", PARA, "法治政府"))]);
    const p = anchorsState(s).placed[0]!;
    s = s.apply(s.tr.insertText("甲", p.from));
    s = s.apply(s.tr.insertText("乙", anchorsState(s).placed[0]!.to));
    expect(quoteOf(s, "c1")).toBe("法治政府");
    const q = anchorsState(s).placed[0]!;
    s = s.apply(s.tr.insertText("的", q.from + 2));
    expect(quoteOf(s, "c1")).toBe("法治的政府");
  });

  it("deleting the commented text marks it deleted and the save says node_id null", () => {
    let s = withAnchors(state(), [comment("c1", anchor("p1", PARA, "法治政府")), comment("c2", anchor("p1", PARA, "依法行政"))]);
    const p = anchorsState(s).placed.find((x) => x.id === "c1")!;
    s = s.apply(s.tr.delete(p.from - 2, p.to + 1));
    expect(anchorsState(s).deleted.has("c1")).toBe(true);
    expect(anchorsState(s).decos.find().length).toBe(1);
    expect(anchorUpdates(s)).toContainEqual({ comment_id: "c1", node_id: null, start: 0, end: 0 });
    expect(anchorUpdates(s)).toContainEqual({ comment_id: "c2", node_id: "p1", start: 2, end: 6 });
    // once saved, the deletion is not sent again
    s = s.apply(s.tr.setMeta(anchorsKey, { forget: ["c1"] } satisfies AnchorsMeta));
    expect(anchorUpdates(s).map((u) => u.comment_id)).toEqual(["c2"]);
  });

  it("a paragraph split inside the range keeps the first block's part for the save", () => {
    let s = withAnchors(state(), [comment("c1", anchor("p1", PARA, "依法行政，建设"))]);
    const p = anchorsState(s).placed[0]!;
    s = s.apply(s.tr.split(p.from + 2));
    const [u] = anchorUpdates(s);
    expect(u).toEqual({ comment_id: "c1", node_id: "p1", start: 2, end: 4 });
  });

  it("a comment moved with its paragraph (text pasted before it in another block) keeps its node", () => {
    let s = withAnchors(state(), [comment("c1", anchor("p2", "𠀀𠀁依法行政", "行政"))]);
    s = s.apply(s.tr.insertText("新增的文字", posOf(s, "推进")));
    expect(anchorUpdates(s)).toEqual([{ comment_id: "c1", node_id: "p2", start: 4, end: 6 }]);
  });

  it("the pending range of a comment being written is highlighted but never sent", () => {
    let s = state();
    const from = posOf(s, "建设");
    s = s.apply(s.tr.setMeta(anchorsKey, { add: { id: "__pending__", from, to: from + 2, kind: "inline", resolved: false } } satisfies AnchorsMeta));
    expect(anchorsState(s).decos.find().length).toBe(1);
    expect(anchorUpdates(s)).toEqual([]);
    s = s.apply(s.tr.delete(from, from + 2));
    expect(anchorUpdates(s)).toEqual([]);
  });
});

describe("helpers", () => {
  it("rangeToAnchor gives the core's view of a selection in a section heading", () => {
    const s = state();
    const from = posOf(s, "政府职能");
    expect(rangeToAnchor(s.doc, from, from + 4)).toEqual({ node_id: "s1", start: 6, end: 10, quote: "政府职能" });
    expect(rangeToAnchor(s.doc, from, from)).toBeNull();
  });

  it("commentAt finds the innermost comment under a position", () => {
    const s = withAnchors(state(), [comment("outer", anchor("p1", PARA, "依法行政，建设")), comment("inner", anchor("p1", PARA, "行政"))]);
    expect(commentAt(s, posOf(s, "行政") + 1)).toBe("inner");
    expect(commentAt(s, posOf(s, "，建设") + 2)).toBe("outer");
    expect(commentAt(s, posOf(s, "推进依法"))).toBeNull();
  });

  it("a selection-only transaction keeps the anchors state object (no redraw)", () => {
    const s = withAnchors(state(), [comment("c1", anchor("p1", PARA, "法治政府"))]);
    const t = s.apply(s.tr.setSelection(TextSelection.create(s.doc, posOf(s, "推进"))));
    expect(anchorsKey.getState(t)).toBe(anchorsKey.getState(s));
  });

  it("filters threads by state, author and part, and counts open threads per part", () => {
    const list = [
      comment("a", null, { part_id: "P1" }),
      comment("b", null, { part_id: "P1", resolved: true }),
      comment("c", null, { part_id: "P2", mine: false }),
    ];
    expect(filterThreads(list, { state: "open", mine: false, part: null }).map((c) => c.id)).toEqual(["a", "c"]);
    expect(filterThreads(list, { state: "resolved", mine: false, part: null }).map((c) => c.id)).toEqual(["b"]);
    expect(filterThreads(list, { state: "all", mine: true, part: null }).map((c) => c.id)).toEqual(["a", "b"]);
    expect(filterThreads(list, { state: "all", mine: false, part: "P2" }).map((c) => c.id)).toEqual(["c"]);
    expect([...openByPart(list)]).toEqual([["P1", 1], ["P2", 1]]);
  });
});
