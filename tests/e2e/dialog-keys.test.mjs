// [proofing #18] In the real app (WebKitGTK) Esc closes 设置 → 词库 as it closes every
// dialog: the dialog opens with the focus in its search box (type=search), and WebKit's
// search field took the Esc for itself (clearing an empty box) so the dialog stayed.
// An Esc in the box with text clears it; the next one closes the dialog.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { setTimeout as sleep } from "node:timers/promises";
import { startDriver, openApp, tempLibrary, byTestId, waitForTexts } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

test("Esc closes 词库 from its search box (text first cleared)", async () => {
  const app = await openApp(driver.port, tempLibrary());
  try {
    await waitForTexts(app, "report-row", (t) => t.length >= 1, "the sample report is listed");
    await app.execute(() => document.querySelector('[data-testid="identity-cancel"]')?.click());
    await (await byTestId(app, "settings-button")).click();
    await (await byTestId(app, "settings-lexicon")).click();
    await waitForTexts(app, "lexicon-row", (t) => t.length > 0, "the entries");
    const open = () => app.execute(() => !!document.querySelector('[data-testid="lexicon"]')?.open);
    assert.equal(await app.execute(() => document.activeElement?.dataset.testid), "lexicon-search", "the focus starts in the search box");
    await (await byTestId(app, "lexicon-search")).setValue("即使");
    await app.keys(["Escape"]);
    await sleep(300);
    assert.equal(await open(), true, "the first Esc clears the box, the dialog stays");
    assert.equal(await (await byTestId(app, "lexicon-search")).getValue(), "");
    await app.keys(["Escape"]);
    await app.waitUntil(async () => !(await open()), { timeout: 3000, timeoutMsg: "Esc in the empty search box closes 词库" });
  } finally {
    await app.deleteSession();
  }
});
