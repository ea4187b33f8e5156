// The [slice] acceptance path in the real app: create a report, see it in the
// list, restart the app, see it still there.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startDriver, openApp, tempLibrary, byTestId } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

test("a report created in the app survives a restart", async () => {
  const db = tempLibrary();
  let app = await openApp(driver.port, db);
  try {
    assert.equal(await app.getTitle(), "法治报告编写器");
    await byTestId(app, "report-list");
    // first launch seeds the sample report
    const seeded = await app.$$('[data-testid="report-row"]');
    assert.ok(seeded.length >= 1, "the first launch shows the sample report");

    await (await byTestId(app, "new-report-button")).click();
    await byTestId(app, "new-report-dialog");
    const issuer = await byTestId(app, "issuer-input");
    await issuer.setValue("通化市司法局");
    const year = await byTestId(app, "year-input");
    await year.setValue("2021");
    await (await byTestId(app, "create-button")).click();

    // the new report opens; its four statutory parts carry the years
    await byTestId(app, "report-view");
    const headings = await app.$$('[data-testid="part-heading"]');
    const texts = await Promise.all(headings.map((h) => h.getText()));
    assert.equal(texts.length, 4, texts.join(" | "));
    assert.match(texts[0], /^一、2021年/);
    assert.match(texts[3], /^四、2022年/);

    await (await byTestId(app, "back-button")).click();
    await byTestId(app, "report-list");
    await app.waitUntil(async () => (await app.$$('[data-testid="report-row"]')).length === seeded.length + 1, {
      timeout: 10000,
      timeoutMsg: "the new report is not in the list",
    });
  } finally {
    await app.deleteSession();
  }

  // restart on the same library
  app = await openApp(driver.port, db);
  try {
    await byTestId(app, "report-list");
    await app.waitUntil(async () => {
      const rows = await app.$$('[data-testid="report-row"]');
      const texts = await Promise.all(rows.map((r) => r.getText()));
      return texts.some((t) => t.includes("通化市司法局"));
    }, { timeout: 10000, timeoutMsg: "after a restart the report is gone" });
  } finally {
    await app.deleteSession();
  }
});
