// Empty paragraphs made with Enter, outline drag across parts, the page fonts,
// and how a comparison from fazhi-core (core::diff) is summed up.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitBlock } from "prosemirror-commands";
import { undo } from "prosemirror-history";
import { EditorState, TextSelection, type Command, type Transaction } from "prosemirror-state";
import type { Document } from "../../src/bindings/Document";
import { fromPM, metaOf, toPM } from "../../src/editor/convert";
import { createState } from "../../src/editor/editor";
import { dropSection, dropSectionInPart, setNotifier } from "../../src/editor/commands";
import { comparisons, templateDoc } from "./fixtures";
import { comparisonSummary } from "../../src/history";
import { fontBase, fontSources } from "../../src/editor/fonts";

function base(): Document {
  const d = templateDoc();
  d.preface = [{ id: "pre1", text: "2019年，我市深入推进法治政府建设。" }];
  d.parts[0].sections = [
    { id: "a1", heading: "依法全面履行政府职能", paragraphs: [{ id: "pa1", text: "深化“放管服”改革。" }], sections: [] },
    {
      id: "a2", heading: "完善依法行政制度体系", paragraphs: [], sections: [
        { id: "a21", heading: "加强立法", paragraphs: [], sections: [{ id: "a211", heading: "四级", paragraphs: [], sections: [] }] },
      ],
    },
  ];
  d.parts[1].sections = [{ id: "b1", heading: "存在的不足", paragraphs: [{ id: "pb1", text: "一是……" }], sections: [] }];
  d.parts[1].paragraphs = [];
  return d;
}

const stateOf = (d: Document) => createState(toPM(d), () => {});
function run(state: EditorState, cmd: Command): EditorState {
  let next = state;
  cmd(state, (tr: Transaction) => (next = state.apply(tr)));
  return next;
}
function caretAtEndOf(state: EditorState, text: string): EditorState {
  let at = -1;
  state.doc.descendants((n, pos) => {
    if (at < 0 && n.isTextblock && n.textContent === text) at = pos + 1 + n.content.size;
    return at < 0;
  });
  if (at < 0) throw new Error(`no block ${text}`);
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, at)));
}
const save = (s: EditorState, d: Document) => fromPM(s.doc, metaOf(d));

describe("empty paragraphs made with Enter", () => {
  it("are saved (with an id), in the preface and in a section", () => {
    const d = base();
    let st = run(caretAtEndOf(stateOf(d), "2019年，我市深入推进法治政府建设。"), splitBlock);
    const out = save(st, d);
    expect(out.preface.map((p) => p.text)).toEqual(["2019年，我市深入推进法治政府建设。", ""]);
    expect(out.preface[1].id).toMatch(/^[0-9a-f]{12}$/);
    st = run(caretAtEndOf(st, "深化“放管服”改革。"), splitBlock);
    st = run(st, splitBlock);
    const s = save(st, d).parts[0].sections[0];
    expect(s.paragraphs.map((p) => p.text)).toEqual(["深化“放管服”改革。", "", ""]);
    expect(new Set(s.paragraphs.map((p) => p.id)).size).toBe(3);
    // Reloading keeps them.
    expect(fromPM(toPM(save(st, d)), metaOf(d)).parts[0].sections[0].paragraphs.length).toBe(3);
  });
  it("the lone placeholder of an empty part or closing is still not saved", () => {
    const d = base();
    const st = stateOf(d);
    // Unrelated structural edit elsewhere runs the id pass over the whole document.
    const after = run(caretAtEndOf(st, "2019年，我市深入推进法治政府建设。"), splitBlock);
    const out = save(after, d);
    expect(out.parts[1].paragraphs).toEqual([]);
    expect(out.closing).toEqual([]);
  });
});

describe("outline drag across parts", () => {
  it("moves a section with its subsections into another part, one undo step", () => {
    const d = base();
    const st = stateOf(d);
    const moved = run(st, dropSection("a1", "b1", true));
    const out = save(moved, d);
    expect(out.parts[0].sections.map((s) => s.id)).toEqual(["a2"]);
    expect(out.parts[1].sections.map((s) => s.id)).toEqual(["b1", "a1"]);
    expect(out.parts[1].sections[1].paragraphs).toEqual([{ id: "pa1", text: "深化“放管服”改革。" }]);
    // Part headings untouched; the caret is in the moved heading.
    expect(out.parts.map((p) => p.heading)).toEqual(d.parts.map((p) => p.heading));
    expect(moved.selection.$from.parent.textContent).toBe("依法全面履行政府职能");
    const back = run(moved, undo);
    expect(save(back, d)).toEqual(save(st, d));
  });
  it("takes the target's level and refuses a fifth level", () => {
    const d = base();
    const st = stateOf(d);
    let said = "";
    setNotifier((m) => (said = m));
    // a2 is three levels high: under b1 (level 3) it would need a fifth.
    d.parts[1].sections[0].sections = [{ id: "b11", heading: "三级", paragraphs: [], sections: [] }];
    const st2 = stateOf(d);
    expect(run(st2, dropSection("a2", "b11", false)).doc.eq(st2.doc)).toBe(true);
    expect(said).toContain("四级");
    // A leaf dropped next to a level-3 section becomes level 3 there.
    const leaf = run(st2, dropSection("a1", "b11", true));
    expect(save(leaf, d).parts[1].sections[0].sections.map((s) => s.id)).toEqual(["b11", "a1"]);
    setNotifier(() => {});
    void st;
  });
  it("dropped on a part, becomes its first （一）; the emptied part keeps a placeholder", () => {
    const d = base();
    d.parts[1].sections = [];
    const st = stateOf(d);
    const moved = run(run(st, dropSectionInPart("a1", d.parts[1].id)), dropSectionInPart("a2", d.parts[2].id));
    const out = save(moved, d);
    expect(out.parts[0].sections).toEqual([]);
    expect(out.parts[1].sections.map((s) => s.id)).toEqual(["a1"]);
    expect(out.parts[2].sections[0].id).toBe("a2");
    expect(out.parts[2].sections[0].sections[0].sections[0].id).toBe("a211");
    expect(save(run(run(moved, undo), undo), d)).toEqual(save(st, d));
  });
});

describe("page fonts", () => {
  const css = readFileSync(new URL("../../src/styles.css", import.meta.url), "utf8");
  it("declares the Fandol faces served by the fazhi-font scheme in the app, local-only elsewhere", () => {
    const app = fontSources(fontBase({ protocol: "tauri:", hostname: "localhost" }));
    for (const f of ["FandolFang", "FandolHei", "FandolKai"]) {
      const face = app.find((x) => x.family === f);
      expect(face?.src, f).toBe(`local("${f}-Regular"), local("${f}"), url("fazhi-font://localhost/${f}-Regular.otf") format("opentype")`);
    }
    expect(fontBase({ protocol: "http:", hostname: "tauri.localhost" })).toBe("http://fazhi-font.localhost/");
    // A test server or vite dev: no scheme, no request.
    expect(fontBase({ protocol: "http:", hostname: "127.0.0.1" })).toBeNull();
    expect(fontSources(null).every((f) => !f.src.includes("url("))).toBe(true);
    expect(app.filter((f) => f.family === "Noto Serif SC").map((f) => f.weight)).toEqual([400, 700]);
  });
  it("names the official fonts first, then Fandol", () => {
    const fang = css.match(/--font-fang: ([^;]+);/)?.[1] ?? "";
    expect(fang.indexOf("仿宋_GB2312")).toBe(1);
    expect(fang.indexOf("仿宋_GB2312")).toBeLessThan(fang.indexOf("FandolFang"));
    expect(css.match(/--font-kai: ([^;]+);/)?.[1]).toMatch(/楷体_GB2312.*FandolKai/);
    expect(css.match(/--font-hei: ([^;]+);/)?.[1]).toMatch(/黑体.*FandolHei/);
  });
  it("the Tauri CSP lets the page load fonts from the scheme and nothing remote", () => {
    const conf = JSON.parse(readFileSync(new URL("../../../src-tauri/tauri.conf.json", import.meta.url), "utf8")) as { app: { security: { csp: string } } };
    const fontSrc = conf.app.security.csp.split(";").map((s) => s.trim()).find((s) => s.startsWith("font-src")) ?? "";
    expect(fontSrc).toContain("fazhi-font:");
    expect(fontSrc).not.toMatch(/https:|\*/);
  });
});

describe("compare (fazhi-core's comparison, fixtures/compare.json)", () => {
  it("marks changed paragraphs with character spans, and added/removed blocks", () => {
    // 深化“放管服”改革。 became 深入推进“放管服”改革。 and 特此报告。 was added.
    const { changed: c, same } = comparisons();
    const changed = c.blocks.filter((x) => x.change !== "same");
    expect(changed.map((x) => x.change)).toEqual(["changed", "added"]);
    expect(changed[0].spans).toEqual([
      { change: "same", text: "深" },
      { change: "removed", text: "化" },
      { change: "added", text: "入推进" },
      { change: "same", text: "“放管服”改革。" },
    ]);
    expect(comparisonSummary(c, "第1版", "当前内容")).toBe("第1版 → 当前内容：新增1处，删除0处，修改1处（增8字，删1字）");
    expect(comparisonSummary(same, "第1版", "第1版")).toBe("第1版与第1版内容相同");
  });
});
