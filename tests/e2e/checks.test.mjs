// [checks] 校对 in the real app (WebKitGTK, the Rust rules): the first launch
// imports the sample; open it, open 校对, see the 标点 findings (the half-width
// commas of the web page), 修正 one, the text changes and the finding is gone.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startDriver, openApp, tempLibrary, byTestId, waitForTexts, textsOf } from "./helpers.mjs";

// tauri-driver hands its own environment to the app it starts, so the fresh
// library (and HOME) must be set before the driver is spawned: otherwise the app
// opens the machine's default library, shared with every other run.
const db = tempLibrary();
const home = mkdtempSync(join(tmpdir(), "fazhi-home-"));
Object.assign(process.env, { FAZHI_DB: db, HOME: home, XDG_DATA_HOME: join(home, ".local/share") });
const driver = await startDriver();
after(() => driver.stop());

// The rule's count ("203处"): the list itself shows only the first findings of a rule.
const halfwidthCount = (app) =>
  app.execute(() => Number(/\d+/.exec(document.querySelector('[data-testid="check-rule"][data-rule="punct.halfwidth"] [data-testid="rule-count"]')?.textContent ?? "")?.[0] ?? -1));

test("校对 on the sample: 标点 findings, 修正 changes the text", async () => {
  const app = await openApp(driver.port, db);
  try {
    await waitForTexts(app, "report-row", (t) => t.some((x) => x.includes("梅河口")), "the first launch imports the sample");
    const rowsText = await textsOf(app, "report-row");
    await app.execute(() => {
      const row = Array.from(document.querySelectorAll('[data-testid="report-row"]')).find((r) => (r.textContent ?? "").includes("梅河口"));
      row?.querySelector("button")?.click();
    });
    await byTestId(app, "editor");
    await (await byTestId(app, "checks-toggle")).click();
    let cats;
    try {
      cats = await waitForTexts(app, "check-category", (t) => t.some((x) => x.startsWith("标点")), "a 标点 group", 30000);
    } catch (e) {
      const panel = await app.execute(() => `rows: ${Array.from(document.querySelectorAll("[data-testid=report-row]")).map((r) => r.textContent).join(" / ")}; editor chars: ${document.querySelector(".pm")?.textContent?.length}; ` + (document.querySelector('[data-testid="checks-panel"]')?.textContent ?? "(no panel)"));
      throw new Error(`${e.message}; rows before: ${rowsText.join(" / ")}; the panel shows: ${panel.slice(0, 300)}`);
    }
    const punct = cats.find((x) => x.startsWith("标点")) ?? "";
    const m = /错误\s*(\d+)/.exec(punct);
    assert.ok(m && Number(m[1]) > 200, `over 200 punctuation errors: ${punct}`);
    // Underlines in the page.
    const marks = await app.execute(() => document.querySelectorAll(".pm .check-mark.sev-error").length);
    assert.ok(marks > 200, `underlines: ${marks}`);

    // 修正 the first half-width comma.
    const before = await halfwidthCount(app);
    const target = await app.execute(() => ({
      key: document.querySelector('[data-testid="check-item"][data-rule="punct.halfwidth"]')?.getAttribute("data-key") ?? "",
    }));
    assert.ok(target.key, "a half-width finding is listed");
    const paraText = (app2, key) =>
      app2.execute((k) => {
        const mark = document.querySelector(`.pm [data-check="${CSS.escape(k)}"]`);
        return mark ? (mark.closest("p, .sec-heading")?.textContent ?? null) : null;
      }, key);
    const textBefore = await paraText(app, target.key);
    assert.ok(textBefore && textBefore.includes(","), `the underlined paragraph: ${textBefore}`);
    await app.execute(() => {
      const item = document.querySelector('[data-testid="check-item"][data-rule="punct.halfwidth"]');
      item?.querySelector('[data-testid="check-fix"]')?.click();
    });
    // Some paragraph now reads like the one before with exactly one "," become "，".
    const oneCommaFixed = (t) => {
      const a = [...t];
      const b = [...textBefore];
      if (a.length !== b.length) return false;
      const diff = a.flatMap((c, i) => (c === b[i] ? [] : [[b[i], c]]));
      return diff.length === 1 && diff[0][0] === "," && diff[0][1] === "，";
    };
    await app.waitUntil(
      async () => (await app.execute(() => Array.from(document.querySelectorAll(".pm p.para, .pm .sec-heading")).map((p) => p.textContent ?? ""))).some(oneCommaFixed),
      { timeout: 5000, timeoutMsg: "the text did not change" },
    );
    await app.waitUntil(async () => (await halfwidthCount(app)) === before - 1, { timeout: 10000, timeoutMsg: "the finding did not go away after the re-check" });
    await app.waitUntil(async () => (await app.execute(() => document.querySelector('[data-testid="save-status"]')?.textContent ?? "")).startsWith("已保存"), {
      timeout: 15000,
      timeoutMsg: "the fix was not saved",
    });
  } finally {
    await app.deleteSession();
  }
});
