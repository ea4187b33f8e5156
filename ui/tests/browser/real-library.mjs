// What the browser tests share: a fresh library prepared through the app's own
// commands (the real Rust, `fazhi serve-ipc`), opening one of its reports, and
// a few editor helpers.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, until } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
/** The published 2019 report of 梅河口市 as scraped from its website (the first-run sample). */
export const SAMPLE = resolve(here, "../../../assets/samples/meihekou-2019-web.txt");
/** The preface the usual library's 2019 report is given. */
export const PREFACE = "2019年，在市委的坚强领导下，我市深入贯彻落实习近平法治思想。现将有关情况报告如下：";

export const rows = (page) => page.locator('[data-testid="report-row"]');
export const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** A fresh library with `identity` and the reports `reports` ([issuer, year]); returns their ids. */
export async function library(b, reports = [], identity = { name: "王起草", role: "drafter" }) {
  await b.reset();
  await b.call("set_identity", identity);
  const ids = [];
  for (const [issuer, year] of reports) ids.push((await b.call("create_report", { input: { issuer, year } })).report.id);
  return ids;
}

/**
 * The usual library: 梅河口市人民政府 2019 (with `PREFACE`) and 通化市人民政府 2020,
 * both from the templates; returns [梅河口, 通化] ids.
 */
export async function usual(b, identity) {
  const ids = await library(b, [["梅河口市人民政府", 2019], ["通化市人民政府", 2020]], identity);
  await rewrite(b, ids[0], (d) => {
    d.preface = [{ ...(d.preface[0] ?? {}), text: PREFACE }, ...d.preface.slice(1)];
  });
  return ids;
}

/** A library holding the imported sample (real text to check, comment and lay out); returns its id. */
export async function withSample(b, identity) {
  await library(b, [], identity);
  await b.dialog("IMPORT", SAMPLE);
  const preview = await b.call("pick_import", {});
  await b.call("confirm_import", { token: preview.token, options: { issuer: "梅河口市人民政府", year: 2019, template_id: null } });
  return (await b.call("list_reports", {}))[0].id;
}

/** The stored report (the view of get_report: the document's fields and its status). */
export const stored = (b, id) => b.call("get_report", { id });

/** Saves `edit(document)` into report `id` through save_report, as another writer (the CLI) would. */
export async function rewrite(b, id, edit) {
  const { id: _i, status: _s, status_label: _l, version, created_at: _c, updated_at: _u, title: _t, ...document } = await stored(b, id);
  edit(document);
  return b.call("save_report", { id, expectedVersion: version, document });
}

/** Opens the first report whose row holds `text`, and waits for its editor. */
export async function openRow(page, text = "梅河口") {
  await until(async () => (await rows(page).count()) > 0, "rows");
  await rows(page).filter({ hasText: text }).first().locator(".open-link").click();
  await until(() => page.getByTestId("editor").isVisible(), "editor");
}

/** The arguments of every call of `cmd` the page made so far. */
export const calls = (page, cmd) => page.evaluate((c) => window.__ipc.calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);

/**
 * Waits until ProseMirror has read the DOM selection a test just set: it reads it on
 * `selectionchange`, a task that a loaded machine can run after the next animation
 * frame, and keys typed before then would go to the old place.
 */
export async function selectionRead(page) {
  await page.waitForFunction(() => {
    const v = window.__pmView;
    const s = getSelection();
    if (!v || !s || !s.anchorNode || !s.focusNode) return true;
    try {
      const anchor = v.posAtDOM(s.anchorNode, s.anchorOffset);
      const head = v.posAtDOM(s.focusNode, s.focusOffset);
      return v.state.selection.anchor === anchor && v.state.selection.head === head;
    } catch {
      return true;
    }
  }, null, { timeout: 5000, polling: 20 });
}

/**
 * Runs `set` (a function run in the page that sets the DOM selection) until
 * ProseMirror's selection is the one it set. A selection set right after the
 * editor took focus (within 200 ms) at the document's first position is taken
 * by ProseMirror for the browser's reset-on-focus and replaced by its old one
 * (prosemirror-view's DOMObserver.flush); a person does not click that fast,
 * a test does, so the helper places it again.
 */
async function place(page, set, arg) {
  for (let tries = 0; ; tries++) {
    const wanted = await page.evaluate(set, arg);
    await frames(page);
    await selectionRead(page);
    const held = await page.evaluate(([a, h]) => {
      const s = window.__pmView?.state.selection;
      return !s || (s.anchor === a && s.head === h);
    }, wanted);
    if (held) return;
    if (tries === 20) throw new Error(`ProseMirror did not take the selection ${wanted}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Puts the caret in the editor block whose text is `text` (at its end by default). */
export async function caretIn(page, text, { atEnd = true, nth = 0 } = {}) {
  await place(
    page,
    ({ text, atEnd, nth }) => {
      const root = document.querySelector('[data-testid="editor"]');
      const blocks = [...root.querySelectorAll("p.para, .sec-heading")].filter((b) => b.textContent === text);
      const el = blocks[nth];
      if (!el) throw new Error(`no block with text ${text}`);
      root.focus();
      const sel = getSelection();
      const range = document.createRange();
      const node = el.lastChild && el.lastChild.nodeType === 3 ? el.lastChild : el;
      range.setStart(node, atEnd && node.nodeType === 3 ? node.length : 0);
      sel.removeAllRanges();
      sel.addRange(range);
      const v = window.__pmView;
      return v ? [v.posAtDOM(sel.anchorNode, sel.anchorOffset), v.posAtDOM(sel.focusNode, sel.focusOffset)] : [0, 0];
    },
    { text, atEnd, nth },
  );
}

/** Selects `quote` (or puts the caret before it) in the block that holds it, across decoration spans. */
export async function select(page, quote, caretOnly = false) {
  await place(
    page,
    ([quote, caretOnly]) => {
      const root = document.querySelector('[data-testid="editor"]');
      const block = [...root.querySelectorAll("p.para, .sec-heading")].find((b) => b.textContent.includes(quote));
      if (!block) throw new Error(`no text ${quote}`);
      const at = block.textContent.indexOf(quote);
      const point = (offset) => {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (offset <= seen + n.data.length) return [n, offset - seen];
          seen += n.data.length;
        }
        throw new Error("offset outside the block");
      };
      root.focus();
      const r = document.createRange();
      r.setStart(...point(at));
      if (caretOnly) r.collapse(true);
      else r.setEnd(...point(at + quote.length));
      const sel = getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      const v = window.__pmView;
      return v ? [v.posAtDOM(sel.anchorNode, sel.anchorOffset), v.posAtDOM(sel.focusNode, sel.focusOffset)] : [0, 0];
    },
    [quote, caretOnly],
  );
}

/**
 * A refused command is an HTTP 400 from the backend, which the browser logs as
 * a console error; drops those (at least one expected), keeps any other problem.
 */
export function expectRefusals(problems) {
  const refusal = (p) => p.includes("status of 400 (Bad Request)");
  assert(problems.some(refusal), "the backend refused (HTTP 400)");
  problems.splice(0, problems.length, ...problems.filter((p) => !refusal(p)));
}

/** Clicks `target` until `shown` is visible (a panel re-rendering as an answer arrives can swallow a click). */
export async function clickUntil(page, target, shown, message) {
  await until(async () => {
    if (await shown.isVisible()) return true;
    await target.click({ timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(150);
    return shown.isVisible();
  }, message, 8000);
}

/**
 * Moves report `id` through the workflow as the app's users would: 送审 by a
 * 起草人, 定稿 by a 签发人 (with an override and reason when something blocks
 * it), then leaves `identity` acting.
 */
export async function finalize(b, id, identity = { name: "李四", role: "approver" }) {
  await b.call("set_identity", { name: "张三", role: "drafter" });
  await b.call("transition_report", { id, request: { to: "review", reason: null, override_checks: false, check_errors: 0, date: null, recipients: null, address: null } });
  await b.call("set_identity", { name: "李四", role: "approver" });
  await b.call("transition_report", { id, request: { to: "final", reason: "测试准备", override_checks: true, check_errors: 0, date: null, recipients: null, address: null } });
  await b.call("set_identity", identity);
}

/**
 * The benches' report: 基准测试市人民政府 2019 with about 100,000 characters in
 * the sections of parts one and four; with `faultyEvery` n, one paragraph in n
 * carries three half-width commas (findings for the checker). Returns its id.
 */
export async function bigReport(b, { faultyEvery = 0 } = {}) {
  const plain = "我市坚持以习近平新时代中国特色社会主义思想为指导，深入贯彻落实法治政府建设实施纲要，全面推进依法行政，取得明显成效。";
  const faulty = plain.replaceAll("，", ",");
  const [id] = await library(b, [["基准测试市人民政府", 2019]]);
  await rewrite(b, id, (d) => {
    let n = 0;
    let k = 0;
    const para = () => {
      const text = (faultyEvery && k++ % faultyEvery === 0 ? faulty : plain) + plain.repeat(3);
      n += text.length;
      return { text };
    };
    d.preface[0].text = "现将有关情况报告如下：";
    while (n < 100000)
      for (const part of [d.parts[0], d.parts[3]])
        for (const s of part.sections) if (n < 100000) s.paragraphs.push(para());
    for (const p of [d.parts[1], d.parts[2]]) p.paragraphs[0].text = plain;
  });
  return id;
}
