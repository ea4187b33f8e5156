// [print #19, official #16] 打印预览 in the real app draws the 签发人 line as the PDF
// does: "签发人：" in 正文's font (仿宋), the names in 二级标题's (楷体) — each run's
// @font-face loaded by WebKit from the fazhi-font scheme — the names ending one
// character in from the text block's right edge (GB/T 9704 7.2.4), at the x the Rust
// layout gives (preview_pdf, which the Rust tests compare with the exported PDF).
// PREVIEW_SHOT=dir writes page one of the preview, drawn with the real fonts.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { startDriver, openApp, tempLibrary, appEnv, byTestId, waitForTexts } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

const PX_PER_MM = 96 / 25.4;
const NAMES_RIGHT_MM = 28 + 156 - 156 / 28;

test("打印预览 draws the 签发人's names in the 楷体 role's loaded font at the layout's x", async () => {
  const db = tempLibrary();
  const cli = (args) => execFileSync(process.env.FAZHI_CLI, ["--db", db, ...args], { env: { ...process.env, ...appEnv(db) }, encoding: "utf8" });
  const { id } = JSON.parse(cli(["new", "--issuer", "梅河口市人民政府", "--year", "2019", "--json"]));
  const doc = JSON.parse(cli(["show", id, "--json"]));
  doc.doc_number = "梅政发〔2020〕1号";
  doc.signer = "王某某";
  const file = join(dirname(db), "report.json");
  writeFileSync(file, JSON.stringify(doc));
  cli(["put", id, file]);

  const app = await openApp(driver.port, db);
  try {
    await waitForTexts(app, "report-row", (t) => t.length >= 1, "the report is listed");
    await (await (await byTestId(app, "report-row")).$("button.open-link")).click();
    await byTestId(app, "report-view");
    await (await byTestId(app, "print-preview-button")).click();
    await byTestId(app, "preview-page", 60000);
    const sel = '[data-testid="preview-line"][data-kind="doc_number"] [data-testid="preview-run"]';
    await app.waitUntil(async () => (await app.execute((s) => document.querySelectorAll(s).length, sel)) === 2,
      { timeout: 20000, timeoutMsg: "the 签发人 line's two runs" });
    // The layout's figures, from the same command the page drew.
    const model = await app.executeAsync((reportId, done) => {
      window.__TAURI_INTERNALS__.invoke("preview_pdf", { id: reportId, profile: "filing" }).then(done, (e) => done({ error: String(e) }));
    }, id);
    const runs = model.pages[0].lines.find((l) => l.kind === "doc_number").runs;
    const drawn = await app.executeAsync((s, pxPerMm, done) => {
      const sheet = document.querySelector('[data-testid="preview-page"]').getBoundingClientRect();
      const els = [...document.querySelectorAll(s)];
      Promise.all(els.map((e) => document.fonts.load(`16px ${e.style.fontFamily.split(",")[0]}`, e.textContent))).then(() =>
        done(els.map((e) => ({
          text: e.textContent,
          font: e.dataset.font,
          family: e.style.fontFamily,
          loaded: document.fonts.check(`16px ${e.style.fontFamily.split(",")[0]}`, e.textContent),
          leftMm: (e.getBoundingClientRect().left - sheet.left) / pxPerMm,
          rightMm: (e.getBoundingClientRect().right - sheet.left) / pxPerMm,
        }))), (err) => done([{ error: String(err) }]));
    }, sel, PX_PER_MM);
    const [label, name] = drawn;
    assert.deepEqual([label.text, label.font, name.text, name.font], ["梅政发〔2020〕1号签发人：", "fang", "王某某", "kai"], JSON.stringify(drawn));
    assert.match(name.family, /^"?fazhi-pv-heading2"?,/, name.family);
    assert.match(label.family, /^"?fazhi-pv-body"?,/, label.family);
    assert.ok(name.loaded && label.loaded, `WebKit loaded both faces: ${JSON.stringify(drawn)}`);
    assert.ok(Math.abs(name.leftMm - runs[1].xMm) < 0.1, `王 at ${name.leftMm.toFixed(2)} mm, the layout's ${runs[1].xMm} mm`);
    assert.ok(Math.abs(name.rightMm - NAMES_RIGHT_MM) < 0.5, `names end at ${name.rightMm.toFixed(2)} mm, one character in: ${NAMES_RIGHT_MM.toFixed(2)}`);
    const shots = process.env.PREVIEW_SHOT;
    if (shots) {
      mkdirSync(shots, { recursive: true });
      const zoom = async (label, times, shown) => {
        for (let i = 0; i < times; i++) await (await app.$(`[data-testid="preview-dialog"] button[aria-label="${label}"]`)).click();
        await app.waitUntil(async () => (await (await byTestId(app, "preview-zoom")).getText()) === shown, { timeout: 5000 });
      };
      // The whole page at 50 % (the window is 800 px high), then the 签发人 line at 200 %.
      await zoom("缩小", 2, "50%");
      await (await byTestId(app, "preview-page")).saveScreenshot(join(shots, "preview-page1-signer-runs-app.png"));
      await zoom("放大", 5, "200%");
      await app.execute((s) => document.querySelectorAll(s)[1].scrollIntoView({ block: "center", inline: "center" }), sel);
      await app.saveScreenshot(join(shots, "preview-signer-line-app-200.png"));
    }
  } finally {
    await app.deleteSession();
  }
});
