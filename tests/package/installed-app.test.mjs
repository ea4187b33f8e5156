// The INSTALLED app (FAZHI_APP=/usr/bin/fazhi-studio), started through tauri-driver
// by tests/package/install-test.sh with an empty HOME and no FAZHI_DB: it must open
// its window, create its library in the platform data directory and show the report
// list with the sample report of the first launch.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { startDriver, byTestId, waitForTexts } from "../e2e/helpers.mjs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { execFileSync } from "node:child_process";

// webdriverio lives in tests/e2e/node_modules (installed by scripts/setup.sh).
const req = createRequire(new URL("../e2e/package.json", import.meta.url));
const wdioPath = req.resolve("webdriverio").replace(/index\.cjs$/, "node.js");
const { remote } = await import(pathToFileURL(wdioPath).href);

const APP = process.env.FAZHI_APP;
const HOME = process.env.HOME;
assert.ok(APP?.startsWith("/usr/"), `FAZHI_APP must be the installed binary, not ${APP}`);
assert.equal(process.env.FAZHI_DB, undefined, "FAZHI_DB must not be set: the app uses its default library");

const driver = await startDriver();
after(() => driver.stop());

test("the installed app starts on an empty home and shows the report list", async () => {
  const app = await remote({
    hostname: "127.0.0.1",
    port: driver.port,
    logLevel: "error",
    connectionRetryCount: 2,
    capabilities: {
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: APP },
    },
  });
  try {
    assert.equal(await app.getTitle(), "法治报告编写器");
    await byTestId(app, "report-list", 30000);
    const rows = await waitForTexts(app, "report-row", (t) => t.length >= 1,
      "the first launch of the installed app shows the sample report", 30000);
    assert.ok(rows.some((r) => r.includes("梅河口市")), JSON.stringify(rows));
    // The desktop entry's StartupWMClass=fazhi-studio must match the window's
    // WM_CLASS, or docks show a generic icon instead of the app's.
    const tree = execFileSync("xwininfo", ["-root", "-tree"], { encoding: "utf8" });
    const win = tree.split("\n").find((l) => l.includes('"法治报告编写器"') && l.includes("("));
    assert.ok(win, `no window titled 法治报告编写器 with a WM_CLASS:\n${tree.slice(0, 2000)}`);
    assert.match(win, /\("fazhi-studio" /, `WM_CLASS is not fazhi-studio: ${win}`);
  } finally {
    await app.deleteSession();
  }
  const lib = join(HOME, ".local/share/fazhi-studio/library.sqlite3");
  assert.ok(existsSync(lib), `the library is not in the platform data directory (${lib})`);
});
