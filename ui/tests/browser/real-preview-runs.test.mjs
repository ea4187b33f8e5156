// [print #19, official #16] 打印预览 on the real Rust backend draws each line as the
// runs the PDF draws, each in its face's chosen font at the PDF's place: the 签发人
// line's names in 楷体 (GB/T 9704 7.2.4: "签发人：" in 仿宋, the names in 楷体, ending
// one character in from the right edge) and a run-in heading's lead before its
// paragraph in 仿宋. The positions are compared in millimetres with the Rust layout's
// (preview_pdf, which the Rust tests compare with the PDF the export writes).
// PREVIEW_SHOT=dir writes page one of the preview there.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { assert, equal, test, until } from "./harness.mjs";
import { openRow, rewrite, withSample } from "./real-library.mjs";

/** CSS pixels per millimetre at 100 % (the preview opens at 100 %). */
const PX_PER_MM = 96 / 25.4;
/** GB/T 9704's text block: 28 mm from the left, 156 mm wide, 28 characters a line. */
const BLOCK_RIGHT_MM = 28 + 156;
const CELL_MM = 156 / 28;

/** Where the preview draws the elements matching `selector` on the page shown: box in mm, family, text. */
const drawn = (page, selector) =>
  page.evaluate(({ selector, pxPerMm }) => {
    const sheet = document.querySelector('[data-testid="preview-page"]').getBoundingClientRect();
    return [...document.querySelectorAll(`[data-testid="preview-page"] ${selector}`)].map((e) => {
      const r = e.getBoundingClientRect();
      return {
        text: e.textContent,
        font: e.dataset.font,
        family: getComputedStyle(e).fontFamily,
        leftMm: (r.left - sheet.left) / pxPerMm,
        rightMm: (r.right - sheet.left) / pxPerMm,
        firstCharMm: (e.firstElementChild.getBoundingClientRect().left - sheet.left) / pxPerMm,
      };
    });
  }, { selector, pxPerMm: PX_PER_MM });

test("real-preview-runs: 打印预览 draws the 签发人's names in the 楷体 role's font where the PDF draws them, and a run-in heading as two runs", async ({ open, backend }) => {
  const b = await backend();
  const id = await withSample(b);
  await rewrite(b, id, (d) => {
    d.doc_number = "梅政发〔2020〕1号";
    d.signer = "王某某";
    d.settings = { ...d.settings, heading_style: "run_in" };
  });
  // The Rust layout's figures: the 签发人 line's runs as the PDF draws them.
  const model = await b.call("preview_pdf", { id, profile: "filing" });
  const signerLine = model.pages[0].lines.find((l) => l.kind === "doc_number");
  equal(signerLine.runs.map((r) => [r.text, r.font]), [["梅政发〔2020〕1号签发人：", "fang"], ["王某某", "kai"]],
    "the 发文字号 and 签发人： in 仿宋, the name in 楷体");
  const names = signerLine.runs[1];
  assert(Math.abs(names.xMm + names.widthMm - (BLOCK_RIGHT_MM - CELL_MM)) < 0.5,
    `the names end one character in from the right edge: ${names.xMm} + ${names.widthMm}`);

  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await page.getByTestId("print-preview-button").evaluate((btn) => btn.click());
  const run = '[data-testid="preview-line"][data-kind="doc_number"] [data-testid="preview-run"]';
  await until(async () => (await page.locator(run).count()) === 2, "the 签发人 line's two runs drawn");
  const [label, name] = await drawn(page, run);
  equal([label.text, label.font, name.text, name.font], ["梅政发〔2020〕1号签发人：", "fang", "王某某", "kai"], "runs by face");
  // The name in the 楷体 role's chosen font (设置 → 字体's 二级标题), the rest in 正文's.
  assert(/^"?fazhi-pv-heading2"?,/.test(name.family), `name family: ${name.family}`);
  assert(name.family.includes("FandolKai") || name.family.includes("楷体"), `the page's 楷体 stack after the role: ${name.family}`);
  assert(/^"?fazhi-pv-body"?,/.test(label.family), `label family: ${label.family}`);
  // Where the PDF draws the name: its left edge and its first character at the layout's x.
  assert(Math.abs(name.leftMm - names.xMm) < 0.1, `name's left ${name.leftMm.toFixed(2)} mm, the layout's ${names.xMm} mm`);
  assert(Math.abs(name.firstCharMm - names.xMm) < 0.1, `王 at ${name.firstCharMm.toFixed(2)} mm, the layout's ${names.xMm} mm`);
  assert(Math.abs(name.rightMm - (BLOCK_RIGHT_MM - CELL_MM)) < 0.5, `name's right ${name.rightMm.toFixed(2)} mm: one character in`);
  // 签发人： ends where the name begins (GB/T 9704: the label right before the names).
  const sign = await page.evaluate(({ run, pxPerMm }) => {
    const sheet = document.querySelector('[data-testid="preview-page"]').getBoundingClientRect();
    const chars = [...document.querySelector(run).children];
    const colon = chars[chars.length - 1].getBoundingClientRect();
    return (colon.left - sheet.left) / pxPerMm;
  }, { run, pxPerMm: PX_PER_MM });
  assert(Math.abs(sign + CELL_MM - names.xMm) < 0.5, `the colon's cell ends at the name: ${sign.toFixed(2)} + ${CELL_MM.toFixed(2)}`);
  const shots = process.env.PREVIEW_SHOT;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    // Tall enough for the whole A4 page at 100 %.
    const size = page.viewportSize();
    await page.setViewportSize({ width: size.width, height: 1400 });
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.getByTestId("preview-page").screenshot({ path: join(shots, "preview-page1-signer-runs.png") });
    await page.setViewportSize(size);
  }

  // A run-in heading: the lead in its heading's face, then the paragraph in 仿宋.
  const at = model.pages.findIndex((p) => p.lines.some((l) => l.kind === "heading2"));
  assert(at >= 0, "a run-in （一） heading");
  for (let i = 0; i < at; i++) {
    await page.getByTestId("preview-next").click();
  }
  await until(async () => (await page.getByTestId("preview-count").textContent()).startsWith(`第 ${at + 1} 页`), "the heading's page");
  const heading = model.pages[at].lines.find((l) => l.kind === "heading2");
  const headRuns = await drawn(page, '[data-testid="preview-line"][data-kind="heading2"] [data-testid="preview-run"]');
  const first = headRuns.slice(0, heading.runs.length);
  equal(first.map((r) => [r.text, r.font]), heading.runs.map((r) => [r.text, r.font]), "the heading line's runs");
  equal(first.map((r) => r.font), ["kai", "fang"], "two runs: 楷体 lead, 仿宋 paragraph");
  assert(/^"?fazhi-pv-heading2"?,/.test(first[0].family) && /^"?fazhi-pv-body"?,/.test(first[1].family), "each run in its role's font");
  for (const [i, r] of heading.runs.entries()) {
    assert(Math.abs(first[i].leftMm - r.xMm) < 0.1, `run ${i} at ${first[i].leftMm.toFixed(2)} mm, the layout's ${r.xMm} mm`);
  }
});
