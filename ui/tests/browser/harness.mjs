// A minimal browser test runner: serves a built bundle with the app's CSP, drives
// Debian's Chromium through playwright-core, prints "N passed, N failed".
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { chromium } from "playwright-core";

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src ipc: http://ipc.localhost";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".map": "application/json",
  ".json": "application/json",
  ".woff2": "font/woff2",
  ".otf": "font/otf",
  ".ttf": "font/ttf",
  ".svg": "image/svg+xml",
  ".png": "image/png",
};

export async function serve(dir) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(root)) throw new Error("outside");
      if ((await stat(path)).isDirectory()) path = join(path, "index.html");
      const body = await readFile(path);
      res.writeHead(200, {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "content-security-policy": CSP,
        "cache-control": "no-store",
      });
      res.end(body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((ok) => server.close(ok)) };
}

/** Launches headless Chromium; `args` are extra command-line switches appended to the usual ones. */
export async function launch({ args = [] } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
      "--disable-quic",
      ...args,
    ],
  });
}

const tests = [];
export function test(name, fn) {
  tests.push({ name, fn });
}

export class AssertionError extends Error {}
export function assert(cond, message) {
  if (!cond) throw new AssertionError(message);
}
export function equal(actual, expected, message) {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) throw new AssertionError(`${message}\n    expected: ${e}\n    actual:   ${a}`);
}

/** Polls `fn` until it returns a truthy value. */
export async function until(fn, message, timeout = 5000) {
  const start = Date.now();
  let last;
  for (;;) {
    try {
      last = await fn();
      if (last) return last;
    } catch (e) {
      last = e;
    }
    if (Date.now() - start > timeout) throw new AssertionError(`timed out: ${message} (last: ${last})`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Opens the app in a fresh context. `setup` (a function of the fake backend,
 * serialised into the page) runs before the app starts.
 */
async function openApp(browser, base, problems, { setup, query = "", viewport } = {}) {
  const context = await browser.newContext({ viewport: viewport ?? { width: 1280, height: 900 }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  // The app runs with Tauri's freezePrototype: so do the tests.
  await page.addInitScript({ content: "Object.freeze(Object.prototype);" });
  if (setup) await page.addInitScript({ content: `window.__fakeSetup = ${setup.toString()};` });
  await page.goto(base + (query ? `?${query}` : ""));
  return { page, context };
}

export async function run(filter) {
  const built = resolve(process.env.BUNDLE ?? "dist-test");
  const server = await serve(built);
  const browser = await launch();
  let passed = 0;
  let failed = 0;
  const only = filter ? tests.filter((t) => t.name.includes(filter)) : tests;
  for (const t of only) {
    const problems = [];
    const contexts = [];
    const started = Date.now();
    try {
      await t.fn({
        open: async (opts) => {
          const r = await openApp(browser, server.url, problems, opts);
          contexts.push(r.context);
          return r.page;
        },
        problems,
      });
      assert(problems.length === 0, `unexpected errors in the page:\n    ${problems.join("\n    ")}`);
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - started} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${t.name}\n    ${e instanceof AssertionError ? e.message : e?.stack ?? e}`);
    } finally {
      for (const c of contexts) await c.close().catch(() => {});
    }
  }
  await browser.close();
  await server.close();
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}
