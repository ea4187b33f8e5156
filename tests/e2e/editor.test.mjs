// The [editor] acceptance path in the real app (WebKitGTK): type Chinese text
// into a part, add a section, move it, restart, find text and order intact.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startDriver, openApp, tempLibrary, byTestId, waitForTexts, textsOf } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

const measuresHeadings = (app) =>
  app.execute(() =>
    Array.from(document.querySelectorAll('.part[data-role="measures"] > .sec > .sec-heading')).map((e) => e.textContent ?? ""),
  );
const shortcomingsText = (app) =>
  app.execute(() => document.querySelector('.part[data-role="shortcomings"]')?.textContent ?? "");

async function waitSaved(app) {
  await app.waitUntil(async () => (await textsOf(app, "save-status")).some((t) => t.startsWith("已保存")), {
    timeout: 15000,
    timeoutMsg: "the edit was not saved",
  });
}

test("typed Chinese text and a moved section survive a restart", async () => {
  const db = tempLibrary();
  let app = await openApp(driver.port, db);
  let order;
  try {
    await byTestId(app, "report-list");
    await (await byTestId(app, "new-report-button")).click();
    await (await byTestId(app, "issuer-input")).setValue("辉南县人民政府");
    await (await byTestId(app, "year-input")).setValue("2022");
    await (await byTestId(app, "create-button")).click();
    await byTestId(app, "editor");

    // Chinese text into part two (不足和原因)
    const para = await app.$('.part[data-role="shortcomings"] p.para');
    await para.waitForExist({ timeout: 10000 });
    await para.click();
    await app.keys("执法队伍专业化水平有待提高，原因是培训不足。");
    await app.waitUntil(async () => (await shortcomingsText(app)).includes("执法队伍专业化水平有待提高"), {
      timeout: 5000,
      timeoutMsg: "typed text did not appear",
    });

    // a new section after the second one of part one, then moved up once
    const before = await measuresHeadings(app);
    const second = (await app.$$('.part[data-role="measures"] > .sec > .sec-heading'))[1];
    await second.click();
    await app.keys(["End"]);
    await app.keys(["Control", "Enter"]);
    await app.keys("新增测试小节");
    const withNew = await waitForTexts2(app, (h) => h.some((t) => t.includes("新增测试小节")));
    const at = withNew.findIndex((t) => t.includes("新增测试小节"));
    assert.equal(withNew.length, before.length + 1);
    await app.keys(["Alt", "Shift", "ArrowUp"]);
    await app.waitUntil(async () => (await measuresHeadings(app)).findIndex((t) => t.includes("新增测试小节")) === at - 1, {
      timeout: 5000,
      timeoutMsg: "the section did not move up",
    });
    order = await measuresHeadings(app);
    await waitSaved(app);
  } finally {
    await app.deleteSession();
  }

  app = await openApp(driver.port, db);
  try {
    const rows = await waitForTexts(app, "report-row", (t) => t.some((x) => x.includes("辉南县人民政府")), "report listed");
    const row = (await app.$$('[data-testid="report-row"]'))[rows.findIndex((x) => x.includes("辉南县人民政府"))];
    await (await row.$("button.open-link")).click();
    await byTestId(app, "editor");
    await app.waitUntil(async () => (await measuresHeadings(app)).length === order.length, { timeout: 10000 });
    assert.deepEqual(await measuresHeadings(app), order, "section order after restart");
    assert.ok((await shortcomingsText(app)).includes("执法队伍专业化水平有待提高，原因是培训不足。"));
  } finally {
    await app.deleteSession();
  }

  async function waitForTexts2(browser, pred) {
    let last = [];
    await browser.waitUntil(async () => pred((last = await measuresHeadings(browser))), {
      timeout: 5000,
      timeoutMsg: `no new section (saw ${JSON.stringify(last)})`,
    });
    return last;
  }
});
