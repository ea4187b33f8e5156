// A minimal browser test runner: serves a built bundle with the app's CSP, drives
// Debian's Chromium through playwright-core, prints "N passed, N failed".
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
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

/**
 * The backend: `fazhi serve-ipc --test-hooks` on a scratch library. Every page
 * talks to it (the page's IPC goes to /__ipc/*,
 * which `serve` forwards with the token); `call`, `reset` and `dialog` let a
 * test prepare the library with the same commands the app uses.
 */
export async function startBackend() {
  const here = dirname(fileURLToPath(import.meta.url));
  const bin = process.env.FAZHI_BIN ?? resolve(here, "../../../target/debug/fazhi");
  const dir = await mkdtemp(join(tmpdir(), "fazhi-browser-"));
  const child = spawn(bin, ["--db", join(dir, "library.sqlite3"), "serve-ipc", "--port", "0", "--test-hooks"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise((ok, fail) => {
    child.once("error", fail);
    child.once("exit", (code) => fail(new Error(`fazhi serve-ipc exited (${code}); is ${bin} built?`)));
    createInterface({ input: child.stdout }).once("line", ok);
  });
  const { url, token } = JSON.parse(first);
  const headers = { "x-fazhi-token": token, "content-type": "application/json" };
  async function post(path, body) {
    const r = await fetch(url + path, { method: "POST", headers, body: JSON.stringify(body ?? {}) });
    const json = await r.json();
    if (!r.ok) throw new AssertionError(`${path}: ${json.message ?? JSON.stringify(json)}`);
    return json;
  }
  return {
    url,
    token,
    dir,
    /** A command of the app, as the UI would call it (camelCase arguments). */
    call: (cmd, args) => post(`/ipc/${cmd}`, args),
    /** A fresh library; `{ sample: true }` lets the first start import the sample. */
    reset: (opts) => post("/__test/reset", opts),
    /** What the next dialog of `purpose` (IMPORT, EXPORT, PACKAGE_OPEN…) answers; null cancels. */
    dialog: (purpose, path) => post("/__test/dialog", { purpose, path }),
    /** Files dropped on the window: the script the Tauri shell would run in the page. */
    drop: async (paths) => (await post("/__test/drop", { paths })).script,
    /** A launch with `args` (a .fzbg): the script that hands it to a running window. */
    launch: async (args) => (await post("/__test/launch", { args })).script,
    host: async () => (await fetch(`${url}/__test/host`, { headers })).json(),
    close: async () => {
      child.kill();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Forwards the page's /__ipc/<command> to the backend, with the token. */
async function forward(req, res, backend) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const r = await fetch(`${backend.url}/ipc/${req.url.slice("/__ipc/".length)}`, {
    method: "POST",
    headers: { "x-fazhi-token": backend.token, "content-type": "application/json" },
    body: Buffer.concat(chunks),
  });
  res.writeHead(r.status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(Buffer.from(await r.arrayBuffer()));
}

export async function serve(dir, getBackend = async () => null) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    try {
      if (req.method === "POST" && req.url?.startsWith("/__ipc/")) {
        const backend = await getBackend();
        if (!backend) throw new Error("no backend");
        await forward(req, res, backend);
        return;
      }
      const url = new URL(req.url ?? "/", "http://localhost");
      let path = normalize(join(root, decodeURIComponent(url.pathname)));
      if (!path.startsWith(root)) throw new Error("outside");
      if ((await stat(path)).isDirectory()) path = join(path, "index.html");
      const body = await readFile(path);
      res.writeHead(200, {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        // The test build fetches /__ipc/* from this same origin; the app's
        // own CSP is otherwise unchanged.
        "content-security-policy": CSP.replace("connect-src ", "connect-src 'self' "),
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
 * Opens the app in a fresh context, on the real backend. `setup` (a function of
 * the page's IPC probe, `window.__ipc`, serialised into the page) runs before
 * the app starts, e.g. to make its first call fail.
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
  if (setup) await page.addInitScript({ content: `window.__ipcSetup = ${setup.toString()};` });
  await page.goto(base + (query ? `?${query}` : ""));
  return { page, context };
}

export async function run(filter) {
  const built = resolve(process.env.BUNDLE ?? "dist-test");
  // Started at the first test that asks for it; one server, a fresh library per reset.
  let backendStarted = null;
  const getBackend = () => (backendStarted ??= startBackend());
  const server = await serve(built, getBackend);
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
        backend: getBackend,
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
  if (backendStarted) await (await backendStarted).close();
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 && passed > 0;
}
