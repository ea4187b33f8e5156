// [print #19] 打印预览 in the real app draws its glyphs with the fonts chosen in 设置 → 字体:
// each role's @font-face loads the fazhi-font scheme's role address, and WebKit really
// fetches and accepts the face served there (src-tauri/src/fonts.rs, which file for which
// role decided by fazhi_pdf::choice::preview_face). A fresh library: every role 内置.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startDriver, openApp, tempLibrary, byTestId, waitForTexts } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

test("打印预览 loads each role's font from the scheme's role address", async () => {
  const app = await openApp(driver.port, tempLibrary());
  try {
    await waitForTexts(app, "report-row", (t) => t.length >= 1, "the sample report is listed");
    await (await (await byTestId(app, "report-row")).$("button.open-link")).click();
    await byTestId(app, "report-view");
    await (await byTestId(app, "print-preview-button")).click();
    await byTestId(app, "preview-page", 60000);
    const css = await app.execute(() => document.getElementById("pv-fonts")?.textContent ?? "");
    for (const role of ["title", "body", "heading1", "heading2", "page_number"]) {
      assert.match(css, new RegExp(`font-family: "fazhi-pv-${role}"; src: url\\("fazhi-font://localhost/role/${role}\\?v=\\d+"\\)`), css);
    }
    const family = await app.execute(() =>
      document.querySelector('[data-testid="preview-line"][data-kind="title"]')?.style.fontFamily ?? "");
    assert.match(family, /^"?fazhi-pv-title"?,/, family);
    // WebKit fetches the role address and accepts the face (a failed load rejects or
    // leaves the face in "error").
    const loaded = await app.executeAsync((done) => {
      Promise.all(["title", "body", "heading1", "heading2", "page_number"].map((r) =>
        document.fonts.load(`16px "fazhi-pv-${r}"`, "国").then((faces) =>
          `${r}:${faces.map((f) => `${f.family}=${f.status}`).join("|")}`)))
        .then((all) => done(all), (e) => done([`error ${e}`]));
    });
    for (const role of ["title", "body", "heading1", "heading2", "page_number"]) {
      assert.ok(loaded.some((l) => l.startsWith(`${role}:`) && /=loaded/.test(l)), JSON.stringify(loaded));
    }
    // An address that names no role is refused, so its face does not load.
    const refused = await app.executeAsync((done) => {
      new FontFace("fazhi-pv-none", 'url("fazhi-font://localhost/role/footer")').load()
        .then((f) => done(f.status), () => done("error"));
    });
    assert.equal(refused, "error");
  } finally {
    await app.deleteSession();
  }
});
