// Starting the real app through tauri-driver, one library file per test.
import { spawn } from "node:child_process";
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import net from "node:net";
import { remote } from "webdriverio";

export const APP = process.env.FAZHI_APP;
if (!APP) throw new Error("FAZHI_APP (path of the app binary) is not set; run through scripts/e2e.sh");

function portOpen(port) {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.on("connect", () => { s.end(); resolve(true); });
    s.on("error", () => resolve(false));
  });
}

/** A port nothing listens on now (the system picks it). Random ports collided:
 * the test files run in parallel, and one driver's port was once another's
 * native port. */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/**
 * Starts tauri-driver on free ports; returns { port, stop }.
 *
 * Its output (and the app's, which inherits it) goes to a file, copied to
 * stderr at `stop`: an app left running — a session start that tauri-driver
 * retried after "connection refused" launched the app twice, and the first
 * never got a session — would otherwise hold the test runner's stderr open,
 * and `node --test` waits for it for ever (a CI run hung 25 min on one). `stop`
 * also kills any app still running on a library this file opened.
 */
export async function startDriver() {
  const port = await freePort();
  const nativePort = await freePort();
  const logFile = join(mkdtempSync(join(tmpdir(), "fazhi-driver-")), "tauri-driver.log");
  const log = openSync(logFile, "a");
  const child = spawn("tauri-driver", ["--port", String(port), "--native-port", String(nativePort)], {
    stdio: ["ignore", log, log],
  });
  closeSync(log);
  let exited = false;
  child.once("exit", () => (exited = true));
  for (let i = 0; i < 100 && !exited; i++) {
    if (await portOpen(port)) break;
    await sleep(100);
  }
  if (exited) throw new Error(`tauri-driver exited at start (port ${port})`);
  return {
    port,
    stop: () => {
      child.kill();
      killLeftoverApps();
      const out = readFileSync(logFile, "utf8");
      if (out.trim()) process.stderr.write(out);
    },
  };
}

/** The libraries `openApp` started the app on, in this test file. */
const opened = new Set();

/** SIGKILLs every process still running with FAZHI_DB set to a library this file opened. */
function killLeftoverApps() {
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d)).map(Number)) {
    if (pid === process.pid) continue;
    let environ;
    try {
      environ = readFileSync(`/proc/${pid}/environ`, "utf8");
    } catch {
      continue; // gone, or not ours to read
    }
    const db = environ.split("\0").find((v) => v.startsWith("FAZHI_DB="))?.slice("FAZHI_DB=".length);
    if (!db || !opened.has(db)) continue;
    try {
      process.kill(pid, "SIGKILL");
    } catch {
      // exited meanwhile
    }
  }
}

export function tempLibrary() {
  return join(mkdtempSync(join(tmpdir(), "fazhi-e2e-")), "library.sqlite3");
}

/** The environment the app runs with on `db`: the library, and a HOME beside it. */
export function appEnv(db) {
  const home = join(dirname(db), "home");
  mkdirSync(join(home, ".local/share"), { recursive: true });
  return { FAZHI_DB: db, HOME: home, XDG_DATA_HOME: join(home, ".local/share") };
}

/**
 * Opens the app on `db`, with a HOME of its own next to it (the same one when the
 * app is reopened on the same library, as after a restart).
 *
 * The app is started by WebKitWebDriver, a child of tauri-driver, so it inherits
 * the driver's environment, not this process's: setting process.env here would
 * come too late. A small launcher script per library carries the environment
 * and execs the real binary (same pid, same /proc/<pid>/environ).
 */
export async function openApp(port, db, extraEnv = {}) {
  const env = { ...appEnv(db), ...extraEnv };
  opened.add(env.FAZHI_DB);
  Object.assign(process.env, env);
  const launcher = join(dirname(db), "launch-app.sh");
  const q = (s) => `'${String(s).replaceAll("'", "'\\''")}'`;
  writeFileSync(
    launcher,
    `#!/bin/sh\n${Object.entries(env).map(([k, v]) => `export ${k}=${q(v)}`).join("\n")}\nexec ${q(APP)} "$@"\n`,
  );
  chmodSync(launcher, 0o755);
  return remote({
    hostname: "127.0.0.1",
    port,
    logLevel: "error",
    connectionRetryCount: 2,
    capabilities: {
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: launcher },
    },
  });
}

export async function byTestId(browser, id, timeout = 20000) {
  const el = await browser.$(`[data-testid="${id}"]`);
  await el.waitForExist({ timeout });
  return el;
}

/**
 * The text of every element with this test id, read in one script call: the
 * editor re-renders nodes, and element references taken a moment earlier can go
 * stale in WebKitWebDriver.
 */
export async function textsOf(browser, id) {
  return browser.execute(
    (sel) => Array.from(document.querySelectorAll(sel)).map((e) => e.textContent ?? ""),
    `[data-testid="${id}"]`,
  );
}

/** Waits until `textsOf(id)` satisfies `pred`; returns the texts. */
export async function waitForTexts(browser, id, pred, message, timeout = 15000) {
  let last = [];
  await browser.waitUntil(async () => {
    last = await textsOf(browser, id);
    return pred(last);
  }, { timeout, timeoutMsg: `${message} (saw: ${JSON.stringify(last).slice(0, 300)})` });
  return last;
}
