// [reliability] One window per library: a second launch on the same library
// hands over to the running window and exits; a second launch with a review
// package (.fzbg, as a double-click in the file manager does) opens it in the
// running window. The single-instance plugin talks over the D-Bus session bus,
// so this test starts a private one.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { APP, appEnv, byTestId, openApp, startDriver, tempLibrary, textsOf, waitForTexts } from "./helpers.mjs";

const CLI = process.env.FAZHI_CLI;
if (!CLI) throw new Error("FAZHI_CLI (path of the fazhi binary) is not set; run through scripts/e2e.sh");

const bus = spawn("dbus-daemon", ["--session", "--nofork", "--print-address=1"], { stdio: ["ignore", "pipe", "inherit"] });
const address = await new Promise((resolve, reject) => {
  bus.stdout.once("data", (d) => resolve(String(d).trim()));
  bus.once("error", reject);
});
const driver = await startDriver();
after(() => {
  driver.stop();
  bus.kill();
});

const fazhi = (db, ...args) =>
  execFileSync(CLI, ["--db", db, "--json", ...args], { encoding: "utf8", env: { ...process.env, FAZHI_DB: "" } });

/** Starts the app binary directly (as the desktop would) and waits for it to exit. */
function secondLaunch(db, args = []) {
  const child = spawn(APP, args, {
    env: { ...process.env, ...appEnv(db), DBUS_SESSION_BUS_ADDRESS: address },
    stdio: "ignore",
  });
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve("still running after 20 s");
    }, 20000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}

test("a second launch hands over and exits; with a .fzbg it opens the package in the running window", async () => {
  const db = tempLibrary();
  const app = await openApp(driver.port, db, { DBUS_SESSION_BUS_ADDRESS: address });
  try {
    await waitForTexts(app, "report-row", (t) => t.some((x) => x.includes("梅河口")), "the report list");

    assert.equal(await secondLaunch(db), 0, "the second instance exits at once");
    assert.ok((await textsOf(app, "report-row")).length > 0, "the first window is still there");

    // A package made in another library (the drafter's), double-clicked here.
    const other = join(dirname(db), "drafter.sqlite3");
    fazhi(other, "whoami", "--name", "王起草", "--role", "drafter");
    const id = JSON.parse(fazhi(other, "new", "--issuer", "临江县人民政府", "--year", "2020")).id;
    const pkg = join(dirname(db), "临江县审阅包.fzbg");
    fazhi(other, "package", "export", id, "-o", pkg);
    fazhi(db, "whoami", "--name", "李审核", "--role", "reviewer");

    assert.equal(await secondLaunch(db, [pkg]), 0, "the second instance exits after handing the package over");
    const banner = await byTestId(app, "lock-banner");
    await app.waitUntil(async () => (await banner.getText()).includes("审阅副本"), {
      timeout: 15000,
      timeoutMsg: "the package opened as a review copy in the running window",
    });
    const copies = JSON.parse(fazhi(db, "list")).filter((r) => r.id === id);
    assert.equal(copies.length, 1, "the review copy is in this library");
  } finally {
    await app.deleteSession();
  }
});
