// The [slice] acceptance path in the real app: create a report, see it in the
// list, restart the app, see it still there.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startDriver, openApp, tempLibrary, byTestId, waitForTexts } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

test("a report created in the app survives a restart", async () => {
  const db = tempLibrary();
  let app = await openApp(driver.port, db);
  try {
    assert.equal(await app.getTitle(), "法治报告编写器");
    await byTestId(app, "report-list");
    // first launch seeds the sample report
    const seeded = await waitForTexts(app, "report-row", (t) => t.length >= 1,
      "the first launch shows the sample report");

    await (await byTestId(app, "new-report-button")).click();
    await byTestId(app, "new-report-dialog");
    const issuer = await byTestId(app, "issuer-input");
    await issuer.setValue("通化市司法局");
    const year = await byTestId(app, "year-input");
    await year.setValue("2021");
    await (await byTestId(app, "create-button")).click();

    // the new report opens; its four statutory parts carry the years
    await byTestId(app, "report-view");
    const texts = await waitForTexts(app, "part-heading", (t) => t.length === 4,
      "the new report shows its four parts");
    assert.match(texts[0], /^一、2021年/);
    assert.match(texts[3], /^四、2022年/);

    await (await byTestId(app, "back-button")).click();
    await byTestId(app, "report-list");
    await waitForTexts(app, "report-row", (t) => t.length === seeded.length + 1,
      "the new report is not in the list");
  } finally {
    await app.deleteSession();
  }

  // restart on the same library
  app = await openApp(driver.port, db);
  try {
    await byTestId(app, "report-list");
    await waitForTexts(app, "report-row", (t) => t.some((x) => x.includes("通化市司法局")),
      "after a restart the report is gone");
  } finally {
    await app.deleteSession();
  }
});
