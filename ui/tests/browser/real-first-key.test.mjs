// The first key typed right after opening a report lands where the caret was put.
// ProseMirror reads a moved DOM caret on the browser's "selectionchange", a task
// later; the first check's underlines arriving in between wrote the old caret
// back (report/unread-selection.ts), so the key went to the start of the preface.
import { assert, test, until } from "./harness.mjs";
import { caretIn, rewrite, rows, usual } from "./real-library.mjs";

const headings = (page) => page.locator('[data-testid="editor"] .sec-heading').evaluateAll((els) => els.map((e) => (e.getAttribute("data-num") ?? "") + e.textContent));

/** A usual library whose preface holds a typo, so that the first check underlines something. */
async function withFinding(b) {
  const [id] = await usual(b);
  await rewrite(b, id, (d) => {
    d.preface[0].text = `统一布署，${d.preface[0].text}`;
  });
}

/** Holds the answers of `check_report` (already fetched) until the test releases them. */
function holdChecks() {
  const fetchNow = window.fetch.bind(window);
  window.__held = [];
  window.fetch = async (url, init) => {
    const res = await fetchNow(url, init);
    if (!String(url).endsWith("/check_report")) return res;
    const body = await res.json();
    await new Promise((release) => window.__held.push(release));
    return { ok: res.ok, json: async () => body };
  };
}

test("first key: the first check answering between a caret move and its selectionchange does not move the caret back", async ({ open, backend }) => {
  const b = await backend();
  await withFinding(b);
  const page = await open({ setup: holdChecks });
  await until(async () => (await rows(page).count()) > 0, "rows");
  await rows(page).filter({ hasText: "梅河口" }).first().locator(".open-link").click();
  await until(() => page.getByTestId("editor").isVisible(), "editor");
  await until(() => page.evaluate(() => window.__held.length > 0), "the first check answered (held)");
  // The caret moves and the answer lands in the same task: before "selectionchange".
  await page.evaluate(() => {
    const root = document.querySelector('[data-testid="editor"]');
    const el = [...root.querySelectorAll(".sec-heading")].find((e) => e.textContent === "依法全面履行政府职能");
    root.focus();
    const range = document.createRange();
    range.setStart(el.lastChild, el.lastChild.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    for (const release of window.__held.splice(0)) release();
  });
  await until(() => page.locator('[data-testid="editor"] .check-mark').count(), "the check's underlines arrived");
  await page.keyboard.press("Control+Enter");
  await page.keyboard.insertText("加强政务诚信建设");
  const hs = await headings(page);
  assert(hs.slice(0, 3).join("|") === "（一）依法全面履行政府职能|（二）加强政务诚信建设|（三）完善依法行政制度体系", `the new section after the caret's heading: ${hs.slice(0, 3).join("|")}`);
  const preface = await page.locator('[data-testid="editor"] p.para').first().textContent();
  assert(preface.startsWith("统一布署"), `nothing typed into the preface: ${preface}`);
});

test("first key: on a CPU-throttled page the first key typed as soon as the editor shows lands at the caret", async ({ open, backend }) => {
  const b = await backend();
  await withFinding(b);
  for (let round = 1; round <= 6; round++) {
    const page = await open();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await until(async () => (await rows(page).count()) > 0, "rows");
    await rows(page).filter({ hasText: "梅河口" }).first().locator(".open-link").click();
    await until(() => page.getByTestId("editor").isVisible(), "editor");
    await caretIn(page, "依法全面履行政府职能");
    await page.keyboard.press("Control+Enter");
    await until(async () => (await headings(page))[1] === "（二）", `round ${round}: the first key (Ctrl+Enter) added （二） after the caret's heading`, 3000);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
    await page.close();
  }
});
