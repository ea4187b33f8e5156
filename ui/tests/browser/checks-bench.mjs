// [checks] Keystroke latency with the 校对 panel open on a 100,000-character report
// with ~300 findings, and the cost of one re-check cycle on the main thread
// (snapshot, IPC serialisation, underlines, panel), against the real Rust checker
// through `fazhi serve-ipc`. Run after building a test bundle and fazhi-cli:
//   BUNDLE=dist-test-<name> node tests/browser/checks-bench.mjs
import { launch, serve, startBackend } from "./harness.mjs";
import { bigReport } from "./real-library.mjs";

const KEYS = Number(process.env.KEYS ?? 200);

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x) => x.toFixed(1);

const backend = await startBackend();
await bigReport(backend, { faultyEvery: 5 });
const server = await serve(process.env.BUNDLE ?? "dist-test", async () => backend);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1600, height: 900 }, locale: "zh-CN" });
const page = await context.newPage();
page.on("pageerror", (e) => console.error("page error:", e.message));
await page.goto(server.url);
await page.click('[data-testid="report-row"] button');
await page.waitForSelector('[data-testid="editor"]');
await page.click('[data-testid="checks-toggle"]');
await page.waitForFunction(() => document.querySelectorAll('[data-testid="check-item"]').length > 0);
const findings = await page.evaluate(() => document.querySelectorAll(".pm .check-mark").length);
const chars = await page.evaluate(() => document.querySelector('[data-testid="editor"]').textContent.length);

// Main-thread cost of the pieces of one re-check.
const cycle = await page.evaluate(async () => {
  const v = window.__pmView;
  const times = { stringify: [], check: [] };
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    // What the IPC sends: the document as JSON (the app's snapshot is fromPM).
    const doc = window.__ipc.calls.filter((c) => c.cmd === "check_report").at(-1).args;
    JSON.stringify(doc);
    times.stringify.push(performance.now() - t0);
  }
  // One full cycle as the panel does it, timed through a long-task observer.
  return times;
});

await page.evaluate(() => {
  window.__long = [];
  new PerformanceObserver((l) => window.__long.push(...l.getEntries().map((e) => e.duration))).observe({ type: "longtask", buffered: false });
  const paras = document.querySelectorAll('[data-testid="editor"] p.para');
  const p = paras[Math.floor(paras.length / 2)];
  const r = document.createRange();
  r.setStart(p.firstChild, 10);
  getSelection().removeAllRanges();
  getSelection().addRange(r);
  window.__lat = [];
  addEventListener(
    "keydown",
    (e) => {
      const t0 = e.timeStamp;
      requestAnimationFrame(() => {
        const ch = new MessageChannel();
        ch.port1.onmessage = () => window.__lat.push(performance.now() - t0);
        ch.port2.postMessage(null);
      });
    },
    true,
  );
});
const checkCount = () => page.evaluate(() => window.__ipc.calls.filter((c) => c.cmd === "check_report").length);
const calls0 = await checkCount();
// Typing in bursts of 10 keys with a pause past the debounce after each, so the
// re-check lands between bursts (and sometimes during the next one).
for (let i = 0; i < KEYS; i++) {
  const before = await page.evaluate(() => window.__lat.length);
  await page.keyboard.press(i % 7 === 3 ? "Comma" : "KeyA");
  await page.waitForFunction((n) => window.__lat.length > n, before);
  await page.waitForTimeout(i % 10 === 9 ? 330 + (i % 3) * 40 : 20);
}
const lat = await page.evaluate(() => window.__lat);
const long = await page.evaluate(() => window.__long);
const measures = await page.evaluate(() => {
  const by = {};
  for (const m of performance.getEntriesByType("measure")) if (m.name.startsWith("校对:")) (by[m.name] ??= []).push(m.duration);
  return by;
});
const checkTimes = await page.evaluate(async () => {
  const body = JSON.stringify(window.__ipc.calls.filter((c) => c.cmd === "check_report").at(-1).args);
  const t = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    await (await fetch("/__ipc/check_report", { method: "POST", body })).json();
    t.push(performance.now() - t0);
  }
  return t;
});
const calls = (await checkCount()) - calls0;
console.log(`report: ${chars} characters, ${findings} underlined findings, panel open`);
console.log(`keystroke → next paint (${lat.length} keys, ${calls} re-checks between bursts): p50 ${fmt(pct(lat, 50))} ms, p95 ${fmt(pct(lat, 95))} ms, max ${fmt(Math.max(...lat))} ms`);
console.log(`document → JSON for check_report: p50 ${fmt(pct(cycle.stringify, 50))} ms`);
for (const [k, v] of Object.entries(measures)) console.log(`${k} per re-check: p50 ${fmt(pct(v, 50))} ms, max ${fmt(Math.max(...v))} ms`);
console.log(`check_report round trip to the Rust checker (debug build, loopback HTTP; off the page's main thread): p50 ${fmt(pct(checkTimes, 50))} ms`);
console.log(`long tasks (>50 ms) during the run: ${long.length}${long.length ? `, max ${fmt(Math.max(...long))} ms` : ""}`);
await browser.close();
await server.close();
await backend.close();
