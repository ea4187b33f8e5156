// [print #19] 打印预览 draws a line as the runs the PDF draws, each in its face's
// chosen font at the Rust layout's positions (nothing measured in TypeScript).
import { describe, expect, it } from "vitest";
import type { PreviewLine } from "../../src/bindings/PreviewLine";
import { faceFamily, placeRuns } from "../../src/preview";

/** The 签发人 line of a filing copy, as preview_pdf sends it. */
const signer: PreviewLine = {
  kind: "doc_number",
  text: "梅政发〔2020〕1号签发人：王某某",
  xMm: 33.57,
  yMm: 116.4,
  sizePt: 16,
  runs: [
    { text: "梅政发〔2020〕1号签发人：", font: "fang", xMm: 33.57, widthMm: 145.0, xs: [0, 557, 1114, 1671, 2229, 2500, 2771, 3043, 3314, 3586, 3857, 12314, 12871, 13429] },
    { text: "王某某", font: "kai", xMm: 161.71, widthMm: 16.71, xs: [0, 557, 1114] },
  ],
  color: null,
};

describe("preview runs", () => {
  it("draws each run in its face's role font, then the page's stack", () => {
    expect(faceFamily("kai")).toBe('"fazhi-pv-heading2", var(--font-kai)');
    expect(faceFamily("fang")).toBe('"fazhi-pv-body", var(--font-fang)');
    expect(faceFamily("hei")).toBe('"fazhi-pv-heading1", var(--font-hei)');
    expect(faceFamily("title")).toBe('"fazhi-pv-title", var(--font-title)');
    expect(faceFamily("song")).toBe('"fazhi-pv-page_number", var(--font-song, var(--font-fang))');
    // The PDF's fallback face is the bundled Noto Serif SC; no role chooses it.
    expect(faceFamily("fallback")).toBe('"Noto Serif SC", var(--font-fang)');
  });

  it("places each run and character where the layout says, scaled", () => {
    const k = 2; // px per mm
    const [number, names] = placeRuns(signer, k);
    expect(number).toMatchObject({ face: "fang", leftPx: 0, widthPx: 290, text: "梅政发〔2020〕1号签发人：" });
    expect(names).toMatchObject({ face: "kai", text: "王某某", family: '"fazhi-pv-heading2", var(--font-kai)' });
    // The names' run starts at its own x (161.71 mm on the page), not after the 仿宋 text.
    expect(names.leftPx).toBeCloseTo((161.71 - 33.57) * k, 6);
    expect(names.widthPx).toBeCloseTo(16.71 * k, 6);
    expect(names.chars.map((c) => c.ch).join("")).toBe("王某某");
    expect(names.chars.map((c) => c.leftPx)).toEqual([0, 11.14, 22.28]);
    // The gap between 发文字号 and 签发人 is the layout's, inside the 仿宋 run.
    expect(number.chars[11]).toEqual({ ch: "签", leftPx: 246.28 });
  });
});
