// [editor] in the real app (WebKitGTK): the page fonts come from the app's
// fazhi-font: scheme; an empty paragraph made with Enter survives a restart; an
// old version is shown read-only with its banner.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startDriver, openApp, tempLibrary, byTestId, textsOf } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

const shortcomingParas = (app) =>
  app.execute(() => Array.from(document.querySelectorAll('[data-testid="editor"] .part[data-role="shortcomings"] > p.para')).map((e) => e.textContent ?? ""));

async function waitSaved(app) {
  await app.waitUntil(async () => (await textsOf(app, "save-status")).some((t) => t.startsWith("已保存")), {
    timeout: 15000,
    timeoutMsg: "the edit was not saved",
  });
}

test("fonts are served by the app, an empty paragraph survives a restart, an old version is read-only", async () => {
  const db = tempLibrary();
  let app = await openApp(driver.port, db);
  try {
    await byTestId(app, "report-list");
    await (await byTestId(app, "new-report-button")).click();
    await (await byTestId(app, "issuer-input")).setValue("柳河县人民政府");
    await (await byTestId(app, "year-input")).setValue("2022");
    await (await byTestId(app, "create-button")).click();
    await byTestId(app, "editor");

    // Fonts: FandolFang loads from fazhi-font://localhost/ (no official 仿宋 on this machine).
    const fonts = await app.executeAsync((done) => {
      document.fonts
        .load('16pt "FandolFang"', "法治政府")
        .then(() => document.fonts.load('16pt "FandolHei"', "法治"))
        .then(() => document.fonts.load('16pt "FandolKai"', "法治"))
        .then(() => {
          const faces = Array.from(document.fonts).map((f) => `${f.family.replace(/"/g, "")}:${f.status}`);
          done({ faces, check: document.fonts.check('16pt "FandolFang"', "法治政府"), body: getComputedStyle(document.querySelector('[data-testid="editor"] p.para')).fontFamily });
        })
        .catch((e) => done({ error: String(e) }));
    });
    assert.equal(fonts.error, undefined, fonts.error);
    assert.ok(fonts.faces.includes("FandolFang:loaded"), JSON.stringify(fonts));
    assert.ok(fonts.faces.includes("FandolHei:loaded"), JSON.stringify(fonts));
    assert.ok(fonts.faces.includes("FandolKai:loaded"), JSON.stringify(fonts));
    assert.equal(fonts.check, true);
    assert.match(fonts.body, /FandolFang/);

    // Text, an empty paragraph (Enter twice), more text.
    const para = await app.$('.part[data-role="shortcomings"] p.para');
    await para.waitForExist({ timeout: 10000 });
    await para.click();
    await app.keys("第一段文字。");
    await app.keys(["Enter"]);
    await app.keys(["Enter"]);
    await app.keys("第三段文字。");
    await app.waitUntil(async () => JSON.stringify(await shortcomingParas(app)) === JSON.stringify(["第一段文字。", "", "第三段文字。"]), {
      timeout: 5000,
      timeoutMsg: "paragraphs not as typed",
    });
    await waitSaved(app);

    // A version, then a change, then the version shown read-only.
    await app.keys(["Control", "s"]);
    await (await byTestId(app, "version-message")).setValue("初稿");
    await (await byTestId(app, "save-version-confirm")).click();
    await app.waitUntil(async () => (await textsOf(app, "editor-hint")).some((t) => t.includes("已保存第 1 版")), { timeout: 10000 });
    await para.click();
    await app.keys(["End"]);
    await app.keys("又改了");
    await waitSaved(app);
    await (await byTestId(app, "revisions-button")).click();
    await (await byTestId(app, "view-revision")).click();
    await byTestId(app, "revision-view");
    const [banner] = await textsOf(app, "revision-banner");
    assert.match(banner, /第1版/);
    assert.match(banner, /初稿/);
    const ro = await app.execute(() => {
      const ed = document.querySelector('[data-testid="revision-editor"]');
      return { editable: ed.getAttribute("contenteditable"), text: ed.textContent, editorShown: document.querySelector('[data-testid="editor"]').offsetParent !== null };
    });
    assert.equal(ro.editable, "false");
    assert.ok(ro.text.includes("第一段文字。") && !ro.text.includes("又改了"), ro.text);
    assert.equal(ro.editorShown, false);
    await (await byTestId(app, "revision-back")).click();
    await app.waitUntil(async () => app.execute(() => document.querySelector('[data-testid="editor"]').offsetParent !== null), { timeout: 5000 });
  } finally {
    await app.deleteSession();
  }

  app = await openApp(driver.port, db);
  try {
    await app.waitUntil(async () => (await textsOf(app, "report-row")).some((x) => x.includes("柳河县人民政府")), { timeout: 20000 });
    const rows = await textsOf(app, "report-row");
    const row = (await app.$$('[data-testid="report-row"]'))[rows.findIndex((x) => x.includes("柳河县人民政府"))];
    await (await row.$("button.open-link")).click();
    await byTestId(app, "editor");
    await app.waitUntil(async () => (await shortcomingParas(app)).length === 3, { timeout: 10000, timeoutMsg: "three paragraphs after restart" });
    const paras = await shortcomingParas(app);
    assert.equal(paras[1], "", "the empty paragraph is there");
    assert.ok(paras[0].startsWith("第一段文字。"));
    assert.equal(paras[2], "第三段文字。");
  } finally {
    await app.deleteSession();
  }
});
