// npm run bench:editor — keystroke → next paint in a 100,000-character report,
// with the real editor bundle in Chromium (IPC answered by the in-memory fake),
// and the time to open that report.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { launch, serve } from "./harness.mjs";

const KEYS = Number(process.env.KEYS ?? 300);
const OPENS = Number(process.env.OPENS ?? 5);

/** Seeds a report of about 100,000 characters: every section of parts one and four full of text. */
function seed(fake) {
  const sentence = "我市坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实法治政府建设实施纲要，全面推进依法行政，取得明显成效。";
  fake.seed("基准测试市人民政府", 2019, (d) => {
    let n = 0;
    const target = 100000;
    const para = () => {
      const text = sentence.repeat(4);
      n += text.length;
      return { id: Math.random().toString(16).slice(2, 14).padEnd(12, "0"), text };
    };
    d.preface[0].text = "现将有关情况报告如下：";
    const parts = [d.parts[0], d.parts[3]];
    while (n < target) {
      for (const part of parts)
        for (const s of part.sections) {
          if (n >= target) break;
          s.paragraphs.push(para());
        }
    }
    for (const p of [d.parts[1], d.parts[2]]) p.paragraphs[0].text = sentence;
  });
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const fmt = (x) => x.toFixed(1);

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
for (let n = 0; n < 100000; n += s.length) { const p = document.createElement("p"); p.textContent = s; ed.appendChild(p); }`,
);
const server = await serve(bundle);
const browser = await launch();
const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: "zh-CN" });
const page = await context.newPage();
page.on("pageerror", (e) => console.error("page error:", e.message));
await page.addInitScript({ content: `window.__fakeSetup = ${seed.toString()};` });
await page.goto(server.url + "?empty");
await page.waitForSelector('[data-testid="report-row"]');
const chars = await page.evaluate(() => [...window.__fake.reports.values()][0].doc);
const total = JSON.stringify(chars).length;

// ---- open time: click in the list → the editor painted with the whole text ----
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

// ---- keystroke → next paint ----
await page.evaluate(() => {
  // Caret in the middle of the report.
  const paras = document.querySelectorAll('[data-testid="editor"] p.para');
  const p = paras[Math.floor(paras.length / 2)];
  const r = document.createRange();
  r.setStart(p.firstChild, 10);
  getSelection().removeAllRanges();
  getSelection().addRange(r);
  window.__lat = [];
  window.__work = [];
  const after = (t0) => {
    // Work: the editor's handling plus style and layout, measured right after it.
    setTimeout(() => {
      document.body.getBoundingClientRect();
      window.__work.push(performance.now() - t0);
    }, 0);
    // Next paint: the first task after the next frame was produced.
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__lat.push(performance.now() - t0);
      ch.port2.postMessage(null);
    });
  };
  window.__mode = "keys";
  window.addEventListener("keydown", (e) => window.__mode === "keys" && after(e.timeStamp), true);
  window.addEventListener("beforeinput", (e) => window.__mode === "ime" && after(e.timeStamp), true);
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
const latin = [];
const measure = async (send) => {
  const before = await page.evaluate(() => window.__lat.length);
  await send();
  await page.waitForFunction((n) => window.__lat.length > n, before);
};
for (let i = 0; i < KEYS; i++) {
  await measure(() => page.keyboard.press(i % 25 === 24 ? "Enter" : "KeyA"));
  await page.waitForTimeout(5);
}
latin.push(...(await page.evaluate(() => window.__lat.splice(0))));
const latinWork = await page.evaluate(() => window.__work.splice(0));
const m1 = await metrics();
const per = (k) => fmt(((m1[k] - m0[k]) * 1000) / KEYS);
const perKey = (`per key (Chromium metrics): script ${per("ScriptDuration")} ms, style ${per("RecalcStyleDuration")} ms, layout ${per("LayoutDuration")} ms, task ${per("TaskDuration")} ms, layouts ${((m1.LayoutCount - m0.LayoutCount) / KEYS).toFixed(1)}, styles ${((m1.RecalcStyleCount - m0.RecalcStyleCount) / KEYS).toFixed(1)}`);
// Chinese text committed by an input method arrives as insertText.
const js = await page.evaluate(() => window.__js.splice(0));
await page.evaluate(() => (window.__mode = "ime"));
for (let i = 0; i < KEYS / 3; i++) {
  await measure(() => page.keyboard.insertText("法治"));
  await page.waitForTimeout(5);
}
const cjk = await page.evaluate(() => window.__lat.splice(0));
const cjkWork = await page.evaluate(() => window.__work.splice(0));

// The same keys in the bare contenteditable.
const base = await context.newPage();
await base.goto(server.url + "bench-baseline.html");
await base.evaluate(() => {
  const ps = document.querySelectorAll("#ed p");
  const p = ps[Math.floor(ps.length / 2)];
  document.getElementById("ed").focus();
  const r = document.createRange();
  r.setStart(p.firstChild, 10);
  getSelection().removeAllRanges();
  getSelection().addRange(r);
  window.__lat = [];
  addEventListener("keydown", (e) => {
    const t0 = e.timeStamp;
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => window.__lat.push(performance.now() - t0);
      ch.port2.postMessage(null);
    });
  }, true);
});
for (let i = 0; i < KEYS; i++) {
  const before = await base.evaluate(() => window.__lat.length);
  await base.keyboard.press("KeyA");
  await base.waitForFunction((n) => window.__lat.length > n, before);
  await base.waitForTimeout(5);
}
const baseline = await base.evaluate(() => window.__lat);
await base.close();

// Everything typed must be in the document (autosave included).
await page.waitForTimeout(1500);
const savedOk = await page.evaluate(() => JSON.stringify([...window.__fake.reports.values()][0].doc).includes("法治法治法治"));

console.log(`report: ${textChars} characters in the editor (${total} bytes of JSON)`);
console.log(`open report (list click → editor painted), ${OPENS} runs: median ${fmt(pct(opens, 50))} ms, max ${fmt(Math.max(...opens))} ms`);
console.log(`keystroke → next paint (${latin.length} keys): p50 ${fmt(pct(latin, 50))} ms, p95 ${fmt(pct(latin, 95))} ms, max ${fmt(Math.max(...latin))} ms (target p95 ≤ 16 ms)`);
console.log(`bare contenteditable, same text, same keys (this machine's floor): p50 ${fmt(pct(baseline, 50))} ms, p95 ${fmt(pct(baseline, 95))} ms`);
console.log(`  of which editor work + style/layout: p50 ${fmt(pct(latinWork, 50))} ms, p95 ${fmt(pct(latinWork, 95))} ms`);
console.log(`  of which ProseMirror updateState (DOM update): p50 ${fmt(pct(js, 50))} ms, p95 ${fmt(pct(js, 95))} ms`);
console.log(`IME commit (insertText) → next paint (${cjk.length}): p50 ${fmt(pct(cjk, 50))} ms, p95 ${fmt(pct(cjk, 95))} ms; work p95 ${fmt(pct(cjkWork, 95))} ms`);
console.log(perKey);
console.log(`typed text saved: ${savedOk ? "yes" : "NO"}`);
await browser.close();
await server.close();
const ok = savedOk && pct(latin, 95) <= 16;
console.log(ok ? "bench: target met" : "bench: target NOT met");
process.exit(0);
