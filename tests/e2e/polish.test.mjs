// [polish] #20 in the real app (WebKitGTK under Xvfb): Backspace/Delete with
// the caret on a locked part heading put no control character into the text
// (WebKitGTK sends them as keypress 8/127) and saving goes on; at 1366×768 the
// toolbar keeps to two rows, the page is not covered by 校对 and the status
// line stays in the window.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDriver, openApp, tempLibrary, byTestId, waitForTexts, textsOf } from "./helpers.mjs";

// The fresh library (and HOME) before the driver starts: it hands its
// environment to the app (see checks.test.mjs).
const db = tempLibrary();
const home = mkdtempSync(join(tmpdir(), "fazhi-home-"));
Object.assign(process.env, { FAZHI_DB: db, HOME: home, XDG_DATA_HOME: join(home, ".local/share") });
const driver = await startDriver();
after(() => driver.stop());

// C0 (but tab), DEL, C1: what the core refuses.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;

test("Backspace/Delete on a locked heading change nothing; 1366×768 keeps the page, two toolbar rows and the status line", async () => {
  const app = await openApp(driver.port, db);
  try {
    await app.setWindowSize(1366, 768);
    await waitForTexts(app, "report-row", (t) => t.some((x) => x.includes("梅河口")), "the first launch imports the sample");
    await app.execute(() => {
      const row = Array.from(document.querySelectorAll('[data-testid="report-row"]')).find((r) => (r.textContent ?? "").includes("梅河口"));
      row?.querySelector("button")?.click();
    });
    await byTestId(app, "editor");

    // The caret on part three's heading (the click a user makes), then the keys.
    const heading = (await app.$$('[data-testid="part-heading"]'))[2];
    await heading.click();
    await app.keys(["Backspace"]);
    await app.keys(["Delete"]);
    // And with the caret inside the heading's text, as WebKit puts it on a click there.
    for (const key of ["Backspace", "Delete"]) {
      await app.execute(() => {
        const h = document.querySelectorAll('[data-testid="part-heading"]')[2];
        const t = h.lastChild?.firstChild ?? h.lastChild;
        const r = document.createRange();
        r.setStart(t, 3);
        (document.querySelector('[data-testid="editor"]'))?.focus();
        getSelection()?.removeAllRanges();
        getSelection()?.addRange(r);
      });
      await app.keys([key]);
    }
    const text = await app.execute(() => document.querySelector('[data-testid="editor"]')?.textContent ?? "");
    assert.ok(!CONTROL.test(text), `no control character: ${JSON.stringify(text.match(CONTROL))}`);
    // Typing afterwards is saved: nothing poisoned the report.
    const para = await app.$('.part[data-role="plans"] p.para');
    await para.click();
    await app.keys("补充一句。");
    await app.waitUntil(async () => (await textsOf(app, "save-status")).some((t) => t.startsWith("已保存")), {
      timeout: 15000,
      timeoutMsg: `not saved: ${(await textsOf(app, "save-status")).join()}`,
    });

    // The window at an office laptop's size, 校对 open.
    await (await byTestId(app, "checks-toggle")).click();
    await byTestId(app, "checks-panel");
    await app.pause(500);
    const g = await app.execute(() => {
      const r = (sel) => {
        const b = document.querySelector(sel)?.getBoundingClientRect();
        return b ? { top: b.top, bottom: b.bottom, left: b.left, right: b.right } : null;
      };
      const buttons = Array.from(document.querySelectorAll(".editor-toolbar button, .editor-toolbar summary, .workflow-bar button")).filter((b) => b.offsetParent !== null);
      const mids = buttons.map((b) => { const x = b.getBoundingClientRect(); return (x.top + x.bottom) / 2; }).sort((a, b) => a - b);
      return {
        w: innerWidth,
        h: innerHeight,
        rows: mids.filter((m, i) => i === 0 || m - mids[i - 1] > 20).length,
        page: r(".page"),
        panel: r(".checks-panel"),
        status: r(".statusbar"),
      };
    });
    assert.ok(g.rows <= 2, `toolbar rows: ${g.rows} at ${g.w}×${g.h}`);
    assert.ok(g.page.right <= g.panel.left + 1, `校对 covers the page: page to ${g.page.right}, panel from ${g.panel.left}`);
    assert.ok(g.status.bottom <= g.h, `status line out of the window: ${g.status.bottom} > ${g.h}`);
  } finally {
    await app.deleteSession();
  }
});
