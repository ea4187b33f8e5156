// [reliability] The app killed with SIGKILL during autosave, three times: after
// each kill the library passes the full integrity check (fazhi check-library
// --full) and holds everything the status line had reported as 已保存; the
// restarted app shows it.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { startDriver, openApp, tempLibrary, byTestId, textsOf, waitForTexts } from "./helpers.mjs";

const CLI = process.env.FAZHI_CLI;
if (!CLI) throw new Error("FAZHI_CLI (path of the fazhi binary) is not set; run through scripts/e2e.sh");

const driver = await startDriver();
after(() => driver.stop());

const fazhi = (db, ...args) => execFileSync(CLI, ["--db", db, ...args], { encoding: "utf8", env: { ...process.env, FAZHI_DB: "" } });

/** The app process holding this library open (found by its open files). */
function appPids(db) {
  const pids = [];
  for (const d of readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const exe = readFileSync(`/proc/${d}/cmdline`, "latin1").split("\0")[0];
      if (!exe.endsWith("fazhi-studio")) continue;
      const open = readdirSync(`/proc/${d}/fd`).map((fd) => {
        try {
          return readlinkSync(`/proc/${d}/fd/${fd}`);
        } catch {
          return "";
        }
      });
      if (open.includes(db)) pids.push(Number(d));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}

const shortcomingsText = (app) =>
  app.execute(() => document.querySelector('.part[data-role="shortcomings"]')?.textContent ?? "");

async function waitSaved(app) {
  await app.waitUntil(async () => (await textsOf(app, "save-status")).some((t) => t.startsWith("已保存")), {
    timeout: 15000,
    timeoutMsg: "the edit was not saved",
  });
}

async function openTheReport(app) {
  const rows = await waitForTexts(app, "report-row", (t) => t.some((x) => x.includes("辉南县人民政府")), "report listed");
  const row = (await app.$$('[data-testid="report-row"]'))[rows.findIndex((x) => x.includes("辉南县人民政府"))];
  await (await row.$("button.open-link")).click();
  await byTestId(app, "editor");
}

test("kill -9 during autosave, three times: integrity ok and every saved edit kept", async () => {
  const db = tempLibrary();
  const saved = [];
  for (let round = 1; round <= 3; round++) {
    const app = await openApp(driver.port, db);
    try {
      if (round === 1) {
        await byTestId(app, "report-list");
        await (await byTestId(app, "new-report-button")).click();
        await (await byTestId(app, "issuer-input")).setValue("辉南县人民政府");
        await (await byTestId(app, "year-input")).setValue("2022");
        await (await byTestId(app, "create-button")).click();
        await byTestId(app, "editor");
      } else {
        await openTheReport(app);
        const text = await shortcomingsText(app);
        for (const s of saved) assert.ok(text.includes(s), `round ${round}: “${s}” shown after the kill`);
      }
      const para = await app.$('.part[data-role="shortcomings"] p.para');
      await para.waitForExist({ timeout: 10000 });
      await para.click();
      await app.keys(["End"]);
      const mark = `第${round}轮已保存的文字。`;
      await app.keys(mark);
      await waitSaved(app);
      saved.push(mark);
      // More typing, then the kill while its autosave is pending or in flight.
      await app.keys(`第${round}轮未必保存的文字`);
      await sleep(200 + round * 150);
    } catch (e) {
      await app.deleteSession().catch(() => {});
      throw e;
    }
    const pids = appPids(db);
    assert.ok(pids.length >= 1, `round ${round}: the app process was found`);
    for (const pid of pids) process.kill(pid, "SIGKILL");
    await app.deleteSession().catch(() => {});
    await sleep(300);
    // The library is sound and holds every edit reported as saved.
    fazhi(db, "check-library", "--full");
    const [id] = JSON.parse(fazhi(db, "list", "--json")).map((r) => r.id);
    const shown = fazhi(db, "show", id, "--json");
    for (const s of saved) assert.ok(shown.includes(s), `round ${round}: “${s}” in the library`);
  }
  const app = await openApp(driver.port, db);
  try {
    await openTheReport(app);
    const text = await shortcomingsText(app);
    for (const s of saved) assert.ok(text.includes(s), `after the last kill: “${s}” shown`);
  } finally {
    await app.deleteSession();
  }
});
