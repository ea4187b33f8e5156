// npm run bench:editor — keystroke → next paint in a 100,000-character report,
// with the real editor bundle in Chromium (IPC answered by the real Rust through
// `fazhi serve-ipc`, so the open time includes fetching the report over loopback
// HTTP), and the time to open that report.
//
// Headless Chromium produces frames on a 60 Hz clock, so "keystroke → next paint"
// in a default launch includes waiting 0–16.7 ms for the next frame tick whatever
// the page does. The keystroke figures that decide the target are therefore taken
// in a Chromium whose frame clock is unlocked (--disable-frame-rate-limit
// --disable-gpu-vsync): the next frame is produced as soon as the keystroke's work
// is done, so the figure is the editor's own latency. The 60 Hz figures are
// measured in the same run and printed next to them. A self-check (a keydown, and a
// frame callback, that busy-wait 30 ms must measure ≥ 30 ms; the unlocked clock
// must run far above 60 frames a second) exits with code 1 when it fails.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { launch, serve, startBackend, until } from "./harness.mjs";
import { bigReport } from "./real-library.mjs";

const KEYS = Number(process.env.KEYS ?? 300);
const OPENS = Number(process.env.OPENS ?? 5);
const TARGET = 16;
const UNLOCKED = ["--disable-frame-rate-limit", "--disable-gpu-vsync"];
const BUSY = 30;
// rAF callbacks per second, with a change each frame, above which the frame clock counts as unlocked.
const FAST = 120;

const pct = (xs, p) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x) => (Number.isFinite(x) ? x.toFixed(1) : "—");
const p5095 = (xs) => `p50 ${fmt(pct(xs, 50))} ms, p95 ${fmt(pct(xs, 95))} ms`;

const bundle = process.env.BUNDLE ?? "dist-test";
// Baseline: a bare contenteditable with the same amount of text and no editor,
// to tell the editor's cost from this machine's (headless, software rendering).
await writeFile(
  join(bundle, "bench-baseline.html"),
  `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><link rel="icon" href="data:,"><style>body{font-family:"Noto Serif CJK SC",serif;font-size:16pt;width:calc(28em + 120px);margin:auto;line-height:1.75}p{text-indent:2em;margin:0}</style></head><body><div id="ed" contenteditable="true" spellcheck="false"></div><script src="bench-baseline.js"></script></body></html>`,
);
await writeFile(
  join(bundle, "bench-baseline.js"),
  `const s = "我市坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实法治政府建设实施纲要，全面推进依法行政，取得明显成效。".repeat(4);
const ed = document.getElementById("ed");
for (let n = 0; n < 100000; n += s.length) { const p = document.createElement("p"); p.textContent = s; ed.appendChild(p); }
// Self-check (?busy=N): each keydown busy-waits N ms; (?busy-frame=N): each keydown
// asks for an animation frame callback (after the bench's) that busy-waits N ms.
const q = new URLSearchParams(location.search);
const spin = (ms) => { const t = performance.now(); while (performance.now() - t < ms); };
if (q.has("busy")) addEventListener("keydown", () => spin(Number(q.get("busy"))));
if (q.has("busy-frame")) addEventListener("keydown", () => requestAnimationFrame(() => spin(Number(q.get("busy-frame")))));`,
);

/**
 * In the page: records, for each keydown (or beforeinput once `window.__probe` is
 * "beforeinput"), the time from the event to the first task after the next frame
 * was produced (`__lat`), to the start of that frame (`__start`: handling plus any
 * wait for the frame tick), and to the end of the handling plus style and layout
 * (`__work`, a task queued after the event; when the frame came first it includes it).
 * Registered in the capture phase on window, so its animation frame callback is
 * the first of the frame: the MessageChannel task runs only after every callback,
 * style, layout and paint of that frame.
 */
function installProbe() {
  window.__lat = [];
  window.__work = [];
  window.__start = [];
  window.__probe = "keydown";
  window.__resolve = () => {};
  const after = (t0) => {
    // Work: the page's handling plus style and layout, measured right after it.
    setTimeout(() => {
      document.body.getBoundingClientRect();
      window.__work.push(performance.now() - t0);
    }, 0);
    // Next paint: the first task after the next frame was produced.
    requestAnimationFrame(() => {
      window.__start.push(performance.now() - t0);
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        window.__lat.push(performance.now() - t0);
        window.__resolve();
      };
      ch.port2.postMessage(null);
    });
  };
  addEventListener("keydown", (e) => window.__probe === "keydown" && after(e.timeStamp), true);
  addEventListener("beforeinput", (e) => window.__probe === "beforeinput" && after(e.timeStamp), true);
}

/** Puts the caret 10 characters into the middle paragraph of `selector`. */
function caretInMiddle(selector) {
  const ps = document.querySelectorAll(selector);
  const p = ps[Math.floor(ps.length / 2)];
  p.closest("[contenteditable]").focus();
  const r = document.createRange();
  r.setStart(p.firstChild, 10);
  getSelection().removeAllRanges();
  getSelection().addRange(r);
}

/**
 * Sends `count` inputs with `send(i)` and returns { lat, start, work } (ms). Waits for each
 * measurement without polling in the page (no timers, no animation frames of its own).
 */
async function series(page, count, send) {
  for (let i = 0; i < count; i++) {
    const before = await page.evaluate(() => window.__lat.length);
    await send(i);
    await page.evaluate(
      (n) => window.__lat.length > n || new Promise((ok) => (window.__resolve = () => window.__lat.length > n && ok())),
      before,
    );
    await page.waitForTimeout(5);
  }
  return page.evaluate(() => ({ lat: window.__lat.splice(0), start: window.__start.splice(0), work: window.__work.splice(0) }));
}

/** The bare contenteditable page (optionally a self-check variant), caret placed and probe installed. */
async function openBaseline(context, query = "") {
  const page = await context.newPage();
  await page.goto(server.url + "bench-baseline.html" + query);
  await page.evaluate(caretInMiddle, "#ed p");
  await page.evaluate(installProbe);
  return page;
}

async function newBenchPage(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(server.url);
  await page.waitForSelector('[data-testid="report-row"] button');
  return { context, page };
}

/**
 * The keystroke series in `page` (the editor open on the report): Latin keys (an
 * Enter every 25), IME commits (insertText), then the same Latin keys in a bare
 * contenteditable of the same browser. Ends by checking the typed text was saved.
 */
async function keystrokes(page, id) {
  await page.evaluate(caretInMiddle, '[data-testid="editor"] p.para');
  await page.evaluate(installProbe);
  await page.evaluate(() => {
    const v = window.__pmView;
    window.__js = [];
    const orig = v.updateState.bind(v);
    v.updateState = (s) => {
      const t = performance.now();
      orig(s);
      window.__js.push(performance.now() - t);
    };
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const metrics = async () => Object.fromEntries((await cdp.send("Performance.getMetrics")).metrics.map((m) => [m.name, m.value]));
  const m0 = await metrics();
  const latin = await series(page, KEYS, (i) => page.keyboard.press(i % 25 === 24 ? "Enter" : "KeyA"));
  const m1 = await metrics();
  const per = (k) => fmt(((m1[k] - m0[k]) * 1000) / KEYS);
  const perKey = `script ${per("ScriptDuration")} ms, style ${per("RecalcStyleDuration")} ms, layout ${per("LayoutDuration")} ms, task ${per("TaskDuration")} ms, layouts ${((m1.LayoutCount - m0.LayoutCount) / KEYS).toFixed(1)}, styles ${((m1.RecalcStyleCount - m0.RecalcStyleCount) / KEYS).toFixed(1)}`;
  const js = await page.evaluate(() => window.__js.splice(0));
  // Chinese text committed by an input method arrives as insertText.
  await page.evaluate(() => (window.__probe = "beforeinput"));
  const ime = await series(page, Math.round(KEYS / 3), () => page.keyboard.insertText("法治"));

  const base = await openBaseline(page.context());
  const baseline = await series(base, KEYS, () => base.keyboard.press("KeyA"));
  await base.close();

  // Everything typed must be in the library (autosave included).
  const saved = await until(async () => JSON.stringify(await backend.call("get_report", { id })).includes("法治法治法治"), "saved", 15000).catch(() => false);
  return { latin, ime, baseline, js, perKey, saved };
}

/** rAF callbacks per second over one second: with nothing changing, and with a change each frame. */
async function frameRate(browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.setContent(`<div id="box" style="width:50px;height:50px;background:#888"></div>`);
  const rate = (animate) =>
    page.evaluate(
      (animate) =>
        new Promise((ok) => {
          const box = document.getElementById("box");
          let n = 0;
          const t0 = performance.now();
          const tick = () => {
            n++;
            if (animate) box.style.transform = `translateX(${n % 100}px)`;
            const t = performance.now() - t0;
            if (t < 1000) requestAnimationFrame(tick);
            else ok((n * 1000) / t);
          };
          requestAnimationFrame(tick);
        }),
      animate,
    );
  const idle = await rate(false);
  const changing = await rate(true);
  await context.close();
  return { idle, changing };
}

/** In `browser`: keydown busy-waits BUSY ms, and a frame callback busy-waits BUSY ms; both must measure ≥ BUSY. */
async function selfCheck(browser) {
  const context = await browser.newContext();
  const out = {};
  for (const [name, query] of [["handler", `?busy=${BUSY}`], ["frame", `?busy-frame=${BUSY}`]]) {
    const page = await openBaseline(context, query);
    out[name] = (await series(page, 30, () => page.keyboard.press("KeyA"))).lat;
    await page.close();
  }
  await context.close();
  return out;
}

const backend = await startBackend();
const server = await serve(bundle, async () => backend);

// ---- 60 Hz frame clock (the default launch): open time, then the keystrokes ----
const lockedId = await bigReport(backend);
const locked = await launch();
const { page } = await newBenchPage(locked);
const total = JSON.stringify(await backend.call("get_report", { id: lockedId })).length;
// open time: click in the list → the editor painted with the whole text
const opens = [];
for (let i = 0; i < OPENS; i++) {
  await page.waitForSelector('[data-testid="report-row"] button');
  const ms = await page.evaluate(async () => {
    const t0 = performance.now();
    document.querySelector('[data-testid="report-row"] button').click();
    await new Promise((ok) => {
      const check = () => (document.querySelector('[data-testid="editor"]') ? ok() : setTimeout(check, 0));
      check();
    });
    await new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)));
    return performance.now() - t0;
  });
  opens.push(ms);
  if (i < OPENS - 1) {
    await page.getByTestId("back-button").click();
  }
}
const textChars = await page.evaluate(() => document.querySelector('[data-testid="editor"]').textContent.length);
const lockedRate = await frameRate(locked);
const lk = await keystrokes(page, lockedId);
await locked.close();

// ---- frame clock unlocked: the editor's own latency ----
const unlocked = await launch({ args: UNLOCKED });
const unlockedRate = await frameRate(unlocked);
const check = await selfCheck(unlocked);
// A fresh library, so that this run's typing is checked on its own.
const unlockedId = await bigReport(backend);
const u = await newBenchPage(unlocked);
await u.page.click('[data-testid="report-row"] button');
await u.page.waitForSelector('[data-testid="editor"]');
const ul = await keystrokes(u.page, unlockedId);
await unlocked.close();
await server.close();
await backend.close();

const rate = (r) => `${r.changing.toFixed(0)} rAF/s with a change every frame, ${r.idle.toFixed(0)} rAF/s with nothing changing`;
console.log(`report: ${textChars} characters in the editor (${total} bytes of JSON)`);
console.log(`open report (list click → editor painted), ${OPENS} runs: median ${fmt(pct(opens, 50))} ms, max ${fmt(Math.max(...opens))} ms`);
console.log(`frame clock: default launch ${rate(lockedRate)}; with ${UNLOCKED.join(" ")} ${rate(unlockedRate)}`);
console.log(`keystroke → next paint, frame clock unlocked (the editor's latency), ${ul.latin.lat.length} keys: ${p5095(ul.latin.lat)}, max ${fmt(Math.max(...ul.latin.lat))} ms (target p95 ≤ ${TARGET} ms)`);
console.log(`  bare contenteditable, same text, same keys (this machine's floor): ${p5095(ul.baseline.lat)}`);
console.log(`  of which until the frame starts: ${p5095(ul.latin.start)}; editor work + style/layout: ${p5095(ul.latin.work)}`);
console.log(`  of which ProseMirror updateState (DOM update): ${p5095(ul.js)}`);
console.log(`  per key (Chromium metrics): ${ul.perKey}`);
console.log(`IME commit (insertText) → next paint, frame clock unlocked, ${ul.ime.lat.length} commits: ${p5095(ul.ime.lat)}; work p95 ${fmt(pct(ul.ime.work, 95))} ms`);
console.log(`keystroke → next paint, 60 Hz frame clock (includes a 0–16.7 ms wait for the frame tick when one is running): ${p5095(lk.latin.lat)}; bare contenteditable: ${p5095(lk.baseline.lat)}; IME commit: ${p5095(lk.ime.lat)}`);
console.log(`  (60 Hz run: until the frame starts ${p5095(lk.latin.start)}, unlocked ${p5095(ul.latin.start)}; work + style/layout ${p5095(lk.latin.work)}; updateState ${p5095(lk.js)})`);
const checkOk = Math.min(...check.handler) >= BUSY && Math.min(...check.frame) >= BUSY && unlockedRate.changing > FAST;
console.log(
  `bench self-check (frame clock unlocked): keydown busy-waiting ${BUSY} ms measures min ${fmt(Math.min(...check.handler))} ms, p50 ${fmt(pct(check.handler, 50))} ms; ` +
    `a frame callback busy-waiting ${BUSY} ms measures min ${fmt(Math.min(...check.frame))} ms, p50 ${fmt(pct(check.frame, 50))} ms; ` +
    `frame clock unlocked: ${unlockedRate.changing > FAST ? "yes" : "NO"} — ${checkOk ? "ok" : "FAILED"}`,
);
console.log(`typed text saved: ${ul.saved && lk.saved ? "yes" : `NO (unlocked run ${ul.saved ? "yes" : "no"}, 60 Hz run ${lk.saved ? "yes" : "no"})`}`);
if (!checkOk) {
  console.log("bench: self-check FAILED, the figures above are not trustworthy");
  process.exit(1);
}
const ok = ul.saved && lk.saved && pct(ul.latin.lat, 95) <= TARGET;
console.log(ok ? "bench: target met" : "bench: target NOT met");
process.exit(0);
