// [polish] #20 on the real Rust backend: no control character enters the
// document by any input path, the save time is the last save's, a locked part
// heading refuses keys without side effects.
import { assert, equal, test, until } from "./harness.mjs";
import { library, openRow as openRowOnly } from "./real-library.mjs";

/** Opens a report and waits for the workflow bar, whose arrival moves the page (clicks land after it). */
async function openRow(page, text) {
  await openRowOnly(page, text);
  await until(async () => (await page.getByTestId("workflow-status").innerText()) !== "", "workflow bar");
  await frames(page);
}

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const stored = (b, id) => b.call("get_report", { id });
// C0 (tab aside, which the core accepts), DEL and C1: what the core refuses.
const CONTROL = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f]/;
const saveState = (page) => page.getByTestId("save-status").getAttribute("data-state");

/** Puts the DOM caret inside the `n`-th part heading (contenteditable=false), as a click there does in WebKit. */
async function caretOnPartHeading(page, n) {
  await page.evaluate((n) => {
    const root = document.querySelector('[data-testid="editor"]');
    const h = document.querySelectorAll('[data-testid="part-heading"]')[n];
    root.focus();
    const r = document.createRange();
    r.setStart(h.lastChild.firstChild ?? h.lastChild, 2);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  }, n);
  await frames(page);
}

/** What WebKitGTK sends for Backspace (charCode 8) and Delete (127) after an unhandled keydown. */
async function webkitKeypress(page, charCode) {
  await page.evaluate((charCode) => {
    const root = document.querySelector('[data-testid="editor"]');
    root.dispatchEvent(new KeyboardEvent("keypress", { charCode, keyCode: charCode, bubbles: true, cancelable: true }));
  }, charCode);
  await frames(page);
}

test("real-polish: Backspace/Delete on a locked part heading insert nothing; autosave keeps working", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  const before = await page.getByTestId("part-heading").allInnerTexts();
  for (const n of [1, 2]) {
    await page.getByTestId("part-heading").nth(n).click();
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Delete");
    await caretOnPartHeading(page, n);
    await page.keyboard.press("Backspace");
    await page.keyboard.press("Delete");
    await webkitKeypress(page, 8);
    await webkitKeypress(page, 127);
  }
  const text = await page.getByTestId("editor").evaluate((e) => e.textContent);
  assert(!CONTROL.test(text), `no control character in the editor: ${JSON.stringify(text.match(CONTROL))}`);
  equal(await page.getByTestId("part-heading").allInnerTexts(), before, "headings unchanged");
  // Later typing is saved: nothing poisoned the document.
  await page.locator(".pm .part").nth(1).locator("p.para").first().click();
  await page.keyboard.insertText("后来输入的文字");
  await until(async () => (await saveState(page)) === "saved" && JSON.stringify(await stored(b, id)).includes("后来输入的文字"), "saved", 15000);
  assert(!CONTROL.test(JSON.stringify((await stored(b, id)).parts)), "stored without control characters");
});

test("real-polish: pasted and typed-in text lose their control characters", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await page.locator(".pm .part").nth(1).locator("p.para").first().click();
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData("text/plain", "粘\u0008贴\u007f的\u0000文字\u0085");
    document.querySelector('[data-testid="editor"] .ProseMirror, [data-testid="editor"]').dispatchEvent(
      new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }),
    );
  });
  await frames(page);
  // Text typed through the input pipeline (an IME commits text this way).
  await page.keyboard.insertText("输\u0007入");
  await until(async () => {
    const all = JSON.stringify(await stored(b, id));
    return (await saveState(page)) === "saved" && all.includes("粘贴的文字") && all.includes("输入");
  }, "saved", 15000);
  const doc = JSON.stringify(await stored(b, id));
  assert(doc.includes("粘贴的文字") && doc.includes("输入"), `the text itself is kept: ${doc.slice(0, 300)}`);
  assert(!/\\u00[01]|\\u007f|\u0085/.test(doc), "no control character stored");
});

test("real-polish: 已保存 shows the time of the last save, not of opening", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const saved = (await stored(b, id)).updated_at;
  const clock = (iso) =>
    new Date(iso).toLocaleTimeString("zh-CN", { hour12: false, timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", second: "2-digit" });
  await new Promise((r) => setTimeout(r, 2100));
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  const shown = await page.getByTestId("save-status").innerText();
  equal(shown.trim(), `已保存 ${clock(saved)}`, "the report's last save on opening");
  await new Promise((r) => setTimeout(r, 1100));
  await page.locator(".pm .part").nth(1).locator("p.para").first().click();
  await page.keyboard.insertText("新内容");
  await until(async () => (await saveState(page)) === "saved" && JSON.stringify(await stored(b, id)).includes("新内容"), "saved", 15000);
  const after = (await stored(b, id)).updated_at;
  equal((await page.getByTestId("save-status").innerText()).trim(), `已保存 ${clock(after)}`, "the new save's time");
});

test("real-polish: a safe fix reaches a locked part heading (职责,加强 → 职责，加强) and is saved", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const doc = await stored(b, id);
  const heading = "2019年度党政主要负责人履行推进法治建设第一责任人职责,加强法治政府建设";
  doc.parts[2].heading = heading;
  await b.call("save_report", { id, expectedVersion: doc.version, document: doc });
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await page.getByTestId("checks-toggle").click();
  const item = page.locator('[data-testid="check-item"][data-rule="punct.halfwidth"]').filter({ hasText: "," }).first();
  await until(() => item.isVisible(), "the heading's finding", 15000);
  await item.getByTestId("check-fix").click();
  await frames(page);
  equal(await page.getByTestId("part-heading").nth(2).innerText(), `三、${heading.replace(",", "，")}`, "the heading shows the fix");
  await until(async () => (await stored(b, id)).parts[2].heading === heading.replace(",", "，"), "saved", 15000);
  // Undo brings the source's heading back (a fix is an ordinary edit).
  await page.locator(".pm .part").nth(1).locator("p.para").first().click();
  await page.keyboard.press("Control+z");
  await until(async () => (await stored(b, id)).parts[2].heading === heading, "undone and saved", 15000);
});

test("real-polish: find-and-replace puts no control character into the text", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const doc = await stored(b, id);
  doc.parts[1].paragraphs = [{ text: "执法水平有待提高，执法能力不足。" }];
  await b.call("save_report", { id, expectedVersion: doc.version, document: doc });
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await page.locator(".pm .part").nth(1).locator("p.para").first().click();
  await page.keyboard.press("Control+h");
  await until(() => page.getByTestId("find-panel").isVisible(), "find panel");
  await page.getByTestId("find-input").fill("执法");
  // A value set by a script or pasted from a terminal can hold control characters.
  await page.getByTestId("replace-input").evaluate((el) => {
    el.value = "行政\u0007执法\u0085";
    el.dispatchEvent(new Event("input", { bubbles: true }));
  });
  await page.getByTestId("replace-all").click();
  await until(async () => (await saveState(page)) === "saved" && (await stored(b, id)).parts[1].paragraphs[0].text.includes("行政执法水平"), "replaced and saved", 15000);
  const text = (await stored(b, id)).parts[1].paragraphs[0].text;
  equal(text, "行政执法水平有待提高，行政执法能力不足。", "replaced without the control characters");
});
