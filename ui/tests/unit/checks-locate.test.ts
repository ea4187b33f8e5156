// [checks] Findings → editor positions (char offsets, UTF-16 surrogates, headings,
// generated nodes, stale findings), grouping and counts, outline badge counts,
// the decoration plugin's mapping, and the rule settings' word-list parsing.
import { describe, expect, it } from "vitest";
import { EditorState } from "prosemirror-state";
import type { Document } from "../../src/bindings/Document";
import type { Finding } from "../../src/bindings/Finding";
import { badgeCounts, charToUtf16, context, findingKey, groupFindings, indexDoc, locate } from "../../src/checks/locate";
import { parsePairs, parseTerms } from "../../src/checks/settings";
import { checkMarks, checkMarksKey, checkMarksPlugin } from "../../src/editor/check-marks";
import { toPM } from "../../src/editor/convert";
import { checkedDoc } from "./fixtures";

/**
 * A report with half-width commas in the preface (after two astral
 * characters), a section heading, its paragraph and a nested section
 * (fixtures/generate.mjs).
 */
const doc = (): Document => checkedDoc().document;

const finding = (node_id: string, start: number, end: number, text: string, over: Partial<Finding> = {}): Finding => ({
  id: `${node_id}:${start}:${end}`,
  rule: "punct.halfwidth",
  category: "标点",
  severity: "error",
  message: "m",
  location: { node_id, start, end },
  text,
  fix: { replacement: "，", safe: true, label: "改为“，”" },
  ...over,
});

describe("finding → position", () => {
  it("counts chars, not UTF-16 units (𠀀 is two units, one char)", () => {
    expect(charToUtf16("a𠀀b", 0)).toBe(0);
    expect(charToUtf16("a𠀀b", 2)).toBe(3);
    expect(charToUtf16("a𠀀b", 3)).toBe(4);
    expect(charToUtf16("a𠀀b", 9)).toBe(4);
  });

  it("maps paragraphs, section headings and nested sections onto the text they name", () => {
    const d = doc();
    const pm = toPM(d);
    const index = indexDoc(pm);
    // The comma after 𠀀𠀁 in the preface: char 13, UTF-16 15.
    const chars = [...d.preface[0].text];
    const at = chars.indexOf(",", 6);
    const f = finding("p00000000001", at, at + 1, ",");
    const loc = locate(index, f);
    expect(loc).not.toBeNull();
    expect(pm.textBetween(loc!.from, loc!.to)).toBe(",");
    expect(loc!.kind).toBe("inline");
    expect(loc!.editable).toBe(true);
    // A section heading.
    const hs = locate(index, finding(d.parts[0].sections[0].id, 10, 11, ","));
    expect(pm.textBetween(hs!.from, hs!.to)).toBe(",");
    // A paragraph of a nested section.
    const nested = locate(index, finding("p00000000003", 4, 5, ","));
    expect(pm.textBetween(nested!.from, nested!.to)).toBe(",");
    // Every finding of the Rust checker on this document lands on its own text.
    const { findings } = checkedDoc();
    expect(findings.length).toBeGreaterThan(5);
    for (const g of findings) {
      const l = locate(index, g);
      expect(l, JSON.stringify(g)).not.toBeNull();
      if (l!.kind === "inline") expect(pm.textBetween(l!.from, l!.to)).toBe(g.text);
    }
  });

  it("points part headings, the title and metadata at their generated node, without a fix", () => {
    const d = doc();
    const pm = toPM(d);
    const index = indexDoc(pm);
    const part = locate(index, finding(d.parts[1].id, 0, 4, "2019", { rule: "year.heading", fix: null }));
    expect(part).toEqual({ from: expect.any(Number), to: expect.any(Number), kind: "node", editable: false });
    expect(pm.nodeAt(part!.from)!.type.name).toBe("part_heading");
    const meta = locate(index, finding("meta:doc_number", 0, 3, "梅政发", { fix: null }));
    expect(pm.nodeAt(meta!.from)!.type.name).toBe("title");
  });

  it("refuses a stale finding (the text changed since the check) and an unknown node", () => {
    const index = indexDoc(toPM(doc()));
    expect(locate(index, finding("p00000000002", 6, 7, "，"))).toBeNull();
    expect(locate(index, finding("p00000000002", 60, 61, ","))).toBeNull();
    expect(locate(index, finding("nope00000000", 0, 1, ","))).toBeNull();
  });
});

describe("grouping and counts", () => {
  const fs: Finding[] = [
    finding("a", 0, 1, ","),
    finding("b", 0, 2, "今年", { rule: "year.jinnian", category: "年份", severity: "warning", fix: null }),
    finding("c", 0, 1, " ", { rule: "punct.space", severity: "warning" }),
    finding("d", 0, 1, ","),
    finding("e", 0, 2, "汇报", { rule: "genre.huibao", category: "文种", fix: null }),
  ];

  it("groups by category in the reviewers' order, rules most severe first, with counts", () => {
    const { counts, groups } = groupFindings(fs);
    expect(counts).toEqual({ error: 3, warning: 2, info: 0 });
    expect(groups.map((g) => g.category)).toEqual(["年份", "标点", "文种"]);
    const punct = groups[1];
    expect(punct.counts).toEqual({ error: 2, warning: 1, info: 0 });
    expect(punct.rules.map((r) => [r.rule, r.findings.length])).toEqual([
      ["punct.halfwidth", 2],
      ["punct.space", 1],
    ]);
  });

  it("counts badges per part and per enclosing section", () => {
    const d = doc();
    const index = indexDoc(toPM(d));
    const s0 = d.parts[0].sections[0].id;
    const b = badgeCounts(
      [
        finding("p00000000002", 4, 5, ","),
        finding("p00000000003", 4, 5, ",", { severity: "warning" }),
        finding(s0, 10, 11, ","),
        finding("p00000000001", 5, 6, ","),
      ],
      index,
    );
    expect(b.get(d.parts[0].id)).toEqual({ error: 2, warning: 1, info: 0 });
    expect(b.get(s0)).toEqual({ error: 2, warning: 1, info: 0 });
    expect(b.get("s00000000009")).toEqual({ error: 0, warning: 1, info: 0 });
    expect(b.has(d.parts[1].id)).toBe(false);
  });

  it("keys findings uniquely and shows a little context", () => {
    expect(findingKey(fs[0])).toBe("punct.halfwidth|a|0|1");
    expect(context("一二三四五六七八九十", 4, 5, 2)).toEqual({ before: "…三四", hit: "五", after: "六七…" });
  });
});

describe("check-marks plugin", () => {
  it("underlines by severity, highlights the selected one, and moves marks with edits", () => {
    const pm = toPM(doc());
    let state = EditorState.create({ doc: pm, plugins: [checkMarksPlugin()] });
    const index = indexDoc(pm);
    const loc = locate(index, finding("p00000000002", 7, 8, ","))!;
    expect(loc).not.toBeNull();
    state = state.apply(state.tr.setMeta(checkMarksKey, { marks: [{ ...loc, severity: "error", key: "k1" }], selected: "k1" }));
    let decos = checkMarks(state).decos.find();
    expect(decos).toHaveLength(1);
    expect((decos[0] as unknown as { type: { attrs: { class: string } } }).type.attrs.class).toBe("check-mark sev-error check-selected");
    // Typing before it moves it; deleting it removes it.
    state = state.apply(state.tr.insertText("新", loc.from - 2));
    decos = checkMarks(state).decos.find();
    expect([decos[0].from, decos[0].to]).toEqual([loc.from + 1, loc.to + 1]);
    expect(checkMarks(state).marks[0].from).toBe(loc.from + 1);
    state = state.apply(state.tr.insertText("，", loc.from + 1, loc.to + 1));
    expect(checkMarks(state).marks).toHaveLength(0);
    expect(checkMarks(state).decos.find()).toHaveLength(0);
  });
});

describe("rule settings word lists", () => {
  it("reads one pair a line with →, spaces, = or a comma, and names the bad lines", () => {
    expect(parsePairs("布署 → 部署\n按排 安排\n\n截止目前=截至目前\n坏\n同 同")).toEqual({
      pairs: [
        { wrong: "布署", right: "部署" },
        { wrong: "按排", right: "安排" },
        { wrong: "截止目前", right: "截至目前" },
      ],
      bad: [5, 6],
    });
    expect(parseTerms(" 甲 \n\n乙\n甲")).toEqual(["甲", "乙"]);
  });
});
