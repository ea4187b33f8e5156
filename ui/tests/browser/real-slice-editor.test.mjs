// slice.test.mjs and editor.test.mjs ported to the real Rust backend
// (`fazhi serve-ipc`): the state is checked through `b.call(...)`, never a fake.
import { assert, equal, test, until } from "./harness.mjs";
import { library, openRow, rows } from "./real-library.mjs";

const rowTexts = (page) => rows(page).allInnerTexts();

/** Puts the caret in the editor block whose text is `text` (at its end by default). */
async function caretIn(page, text, { atEnd = true, nth = 0 } = {}) {
  await page.evaluate(
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
    },
    { text, atEnd, nth },
  );
  await frames(page);
}

const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const stored = (b, id) => b.call("get_report", { id });
const allText = (doc) => JSON.stringify(doc);
const status = (page) => page.getByTestId("save-status").innerText();
const outlineText = async (page) => (await page.getByTestId("outline").innerText()).replace(/\s/g, "");
/**
 * A refused command is an HTTP 400 from the backend, which the browser logs as
 * a console error; drops those (at least one expected), keeps any other problem.
 */
function expectRefusals(problems) {
  const refusal = (p) => p.includes("status of 400 (Bad Request)");
  assert(problems.some(refusal), "the backend refused (HTTP 400)");
  problems.splice(0, problems.length, ...problems.filter((p) => !refusal(p)));
}
const revisions = async (b, id) => (await b.call("list_revisions", { id })).sort((x, y) => x.revision - y.revision);

test("real: search filters the list through list_reports", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019], ["通化市人民政府", 2021]]);
  const page = await open({ real: true });
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.getByTestId("search-input").fill("通化");
  await until(async () => (await rows(page).count()) === 1, "one row");
  assert((await rowTexts(page))[0].includes("通化市人民政府"), "the matching report");
  // Full text: a section of the 2015—2020 outline (the 2019 report), not of the title.
  await page.getByTestId("search-input").fill("依法全面履行政府职能");
  await until(async () => (await rowTexts(page)).join().includes("梅河口"), "body match");
  equal(await rows(page).count(), 1, "only the body match");
  const last = await page.evaluate(() => window.__ipc.calls.filter((c) => c.cmd === "list_reports").at(-1).args);
  equal(last, { query: "依法全面履行政府职能" }, "query sent to the backend");
  await page.getByTestId("search-input").fill("没有这个词");
  await until(() => page.getByTestId("report-list-empty").isVisible(), "no results");
  assert((await page.getByTestId("report-list-empty").innerText()).includes("没有找到包含“没有这个词”的报告"), "message");
  await page.getByTestId("search-input").fill("");
  await until(async () => (await rows(page).count()) === 2, "all again");
});

test("real: opening a report shows its structure, and back returns to the list", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019], ["通化市人民政府", 2020]]);
  const page = await open({ real: true });
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await openRow(page, "梅河口");
  await until(() => page.getByTestId("report-view").isVisible(), "report view");
  const view = await page.getByTestId("editor").innerText();
  assert(view.includes("依法全面履行政府职能"), "2015—2020 outline preset in part one");
  const outline = await outlineText(page);
  assert(outline.includes("（一）依法全面履行政府职能"), "numbered in the outline");
  assert(outline.includes("（八）完善法治政府建设组织保障和落实机制"), `numbering by position: ${outline}`);
  const nums = await page.locator(".sec-heading").evaluateAll((els) => els.map((e) => e.getAttribute("data-num")));
  assert(nums[0] === "（一）" && nums[7] === "（八）", `numbers rendered on the headings: ${nums}`);
  await page.getByTestId("back-button").click();
  await until(() => page.getByTestId("report-list").isVisible(), "list");
  const focused = await page.evaluate(() => document.activeElement?.closest("tr")?.innerText ?? "");
  assert(focused.includes("梅河口"), `focus on the row: ${focused}`);
});

test("real: delete asks for confirmation and then deletes", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019], ["通化市人民政府", 2020]]);
  const page = await open({ real: true });
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await openRow(page, "通化");
  await until(() => page.getByTestId("report-view").isVisible(), "report view");
  await page.getByTestId("delete-button").click();
  await until(() => page.getByTestId("confirm-delete").isVisible(), "confirmation");
  const question = await page.getByTestId("delete-dialog").innerText();
  assert(question.includes("确定要删除《通化市人民政府关于2020年法治政府建设情况的报告》吗"), question);
  await page.keyboard.press("Enter");
  await until(async () => (await page.getByTestId("delete-dialog").count()) === 0, "cancelled");
  equal((await b.call("list_reports", {})).length, 2, "still there");
  await page.getByTestId("delete-button").click();
  await page.getByTestId("confirm-delete").click();
  await until(() => page.getByTestId("report-list").isVisible(), "back to the list");
  await until(async () => (await rows(page).count()) === 1, "one row left");
  assert(!(await rowTexts(page)).join().includes("通化"), "gone from the list");
  const left = await b.call("list_reports", {});
  equal(left.length, 1, "gone from the backend");
  assert(left[0].issuer.includes("梅河口"), left[0].issuer);
});

test("real: part headings cannot be typed into, deleted or merged", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  const before = await page.getByTestId("part-heading").allInnerTexts();
  await page.getByTestId("part-heading").nth(1).click();
  await page.keyboard.insertText("乱码");
  await page.keyboard.press("Backspace");
  const p2 = await page.evaluate(() => document.querySelectorAll(".pm .part")[1].querySelector("p.para").textContent);
  equal(p2, "", "part two starts with an empty paragraph");
  await page.evaluate(() => {
    const parts = document.querySelectorAll(".pm .part");
    const a = parts[0].querySelectorAll(".sec-heading");
    const from = a[a.length - 1].firstChild;
    const to = parts[2].querySelector("p.para");
    const r = document.createRange();
    r.setStart(from, 2);
    r.setEnd(to, 0);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  });
  await frames(page);
  await page.keyboard.press("Delete");
  await page.keyboard.insertText("X");
  await frames(page);
  equal(await page.getByTestId("part-heading").allInnerTexts(), before, "headings unchanged");
  const hint = await page.getByTestId("editor-hint").innerText();
  assert(hint.includes("部分标题由模板和年度生成"), `explains why: ${hint}`);
  await page.waitForTimeout(1300);
  const doc = await stored(b, id);
  equal(doc.parts.map((p) => p.heading), before.map((t) => t.replace(/^[一二三四五]、/, "")), "backend unchanged");
});

test("real: a refused (invalid) save shows the core's message and offers undo", async ({ open, backend, problems }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  // The core allows at most 500 characters in a 小标题: a longer heading is refused.
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.insertText("甲".repeat(501));
  await until(async () => (await status(page)).startsWith("保存失败（"), "the core's message shown", 15000);
  const msg = await status(page);
  assert(msg.includes("小标题") && msg.includes("500"), `names the field and the limit: ${msg}`);
  await page.getByTestId("save-undo").click();
  await frames(page);
  assert(!(await page.getByTestId("editor").innerText()).includes("甲甲甲"), "undone");
  await until(async () => (await status(page)).startsWith("已保存"), "then saved", 15000);
  const doc = await stored(b, id);
  assert(!allText(doc).includes("甲甲甲"), "backend never got it");
  equal(doc.parts[0].sections[0].heading, "依法全面履行政府职能", "heading as before");
  expectRefusals(problems);
});

test("real: Ctrl+S saves a version with an optional message", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("讨论稿的内容");
  await page.keyboard.press("Control+s");
  await until(() => page.getByTestId("save-version-dialog").isVisible(), "dialog");
  await page.keyboard.insertText("讨论稿");
  await page.keyboard.press("Enter");
  await until(async () => (await page.getByTestId("editor-hint").innerText()).includes("已保存第 1 版：讨论稿"), "confirmation");
  const revs = await revisions(b, id);
  equal(revs.map((r) => [r.revision, r.message]), [[1, "讨论稿"]], "one revision");
  const old = await b.call("get_revision", { id, revision: 1 });
  assert(allText(old).includes("讨论稿的内容"), "the revision holds the text typed just before");
});

test("real: an old version is shown read-only; 恢复此版本 restores it and keeps the text before", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("第一稿的内容");
  await page.keyboard.press("Control+s");
  await page.getByTestId("version-message").fill("初稿");
  await page.getByTestId("save-version-confirm").click();
  await until(() => page.getByTestId("save-version-dialog").isHidden(), "version saved");
  await caretIn(page, "第一稿的内容");
  await page.keyboard.insertText("，又改了");
  await page.getByTestId("revisions-button").click();
  await until(() => page.getByTestId("revisions-dialog").isVisible(), "history");
  await page.getByTestId("view-revision").first().click();
  await until(() => page.getByTestId("revision-view").isVisible(), "revision view");
  const banner = await page.getByTestId("revision-banner").innerText();
  assert(banner.includes("第1版") && banner.includes("初稿"), banner);
  const ro = page.getByTestId("revision-editor");
  equal(await ro.getAttribute("contenteditable"), "false", "read-only");
  const text = await ro.innerText();
  assert(text.includes("第一稿的内容") && !text.includes("又改了"), "the old text");
  await page.getByTestId("revision-back").click();
  await until(() => page.getByTestId("editor").isVisible(), "back to the editor");
  assert((await page.getByTestId("editor").innerText()).includes("第一稿的内容，又改了"), "current text untouched");
  await page.getByTestId("revisions-button").click();
  await page.getByTestId("view-revision").first().click();
  await page.getByTestId("revision-restore").click();
  await until(async () => {
    const t = await page.getByTestId("editor").innerText().catch(() => "");
    return t.includes("第一稿的内容") && !t.includes("又改了");
  }, "restored");
  await until(async () => {
    const d = allText(await stored(b, id));
    return d.includes("第一稿的内容") && !d.includes("又改了");
  }, "restored in the library", 15000);
  const revs = await revisions(b, id);
  equal(revs.map((r) => r.message), ["初稿", "恢复第1版前的内容", "恢复自第1版"], "the text before the restore was kept as a version");
  const before = await b.call("get_revision", { id, revision: 2 });
  assert(allText(before).includes("第一稿的内容，又改了"), "revision 2 holds the text before the restore");
});

test("real: the new-report dialog validates in Chinese and sends nothing while invalid", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019], ["通化市人民政府", 2020]]);
  const page = await open({ real: true });
  await until(async () => (await rows(page).count()) === 2, "rows");
  await page.getByTestId("search-input").focus();
  await page.keyboard.press("Tab");
  equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "new-report-button", "tab order");
  await page.keyboard.press("Enter");
  await until(() => page.getByTestId("new-report-dialog").isVisible(), "dialog");
  await page.getByTestId("issuer-input").fill("");
  await page.getByTestId("year-input").fill("19");
  await page.keyboard.press("Enter");
  const text = await page.getByTestId("new-report-dialog").innerText();
  assert(text.includes("请填写发文机关"), `issuer message: ${text}`);
  await page.getByTestId("issuer-input").fill("梅河口市人民政府");
  await page.getByTestId("create-button").click();
  assert((await page.getByTestId("new-report-dialog").innerText()).includes("请用四位阿拉伯数字填写年度"), "year message");
  equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "year-input", "focus on the bad field");
  await page.getByTestId("year-input").fill("1999");
  await page.getByTestId("create-button").click();
  assert((await page.getByTestId("new-report-dialog").innerText()).includes("年度应在2000至2100年之间"), "range message");
  const creates = await page.evaluate(() => window.__ipc.calls.filter((c) => c.cmd === "create_report").length);
  equal(creates, 0, "nothing sent while invalid");
  await page.keyboard.press("Escape");
  await until(async () => (await page.getByTestId("new-report-dialog").count()) === 0, "Escape closes");
  equal((await b.call("list_reports", {})).length, 2, "nothing created");
});

test("real: the optional fifth part and the leadership-first order are stored by Rust", async ({ open, backend }) => {
  const b = await backend();
  await library(b);
  const page = await open({ real: true });
  await until(() => page.getByTestId("report-list-empty").isVisible(), "empty library");
  await page.getByTestId("new-report-button").click();
  await page.getByTestId("issuer-input").fill("某省司法厅");
  await page.getByTestId("year-input").fill("2023");
  await page.getByTestId("template-select").selectOption("leadership-first");
  await page.getByTestId("optional-input").check();
  await page.getByTestId("create-button").click();
  await until(() => page.getByTestId("report-view").isVisible(), "report view");
  const headings = await page.getByTestId("part-heading").allInnerTexts();
  equal(headings.length, 5, "five parts");
  assert(headings[0].startsWith("一、2023年党政主要负责人履行推进法治建设第一责任人职责"), headings[0]);
  assert(headings[4].startsWith("五、其他需要报告的情况"), headings[4]);
  const [r] = await b.call("list_reports", {});
  const doc = await b.call("get_report", { id: r.id });
  equal(doc.parts.length, 5, "five parts stored");
});

test("real: a create_report error is shown in the dialog, the input kept, and a retry works", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await until(async () => (await rows(page).count()) === 1, "row");
  await page.evaluate(() =>
    window.__ipc.failNext("create_report", { code: "disk_full", message: "磁盘空间不足，保存失败；已保存的内容不受影响" }),
  );
  await page.getByTestId("new-report-button").click();
  await page.getByTestId("issuer-input").fill("梅河口市人民政府");
  await page.getByTestId("year-input").fill("2020");
  await page.getByTestId("create-button").click();
  await until(async () => (await page.getByTestId("dialog-error").innerText()).includes("磁盘空间不足"), "dialog error");
  assert(await page.getByTestId("new-report-dialog").isVisible(), "the dialog stays open with the input");
  equal(await page.getByTestId("issuer-input").inputValue(), "梅河口市人民政府", "input kept");
  equal((await b.call("list_reports", {})).length, 1, "nothing stored");
  await page.getByTestId("create-button").click();
  await until(() => page.getByTestId("report-view").isVisible(), "created on retry");
  equal((await b.call("list_reports", {})).length, 2, "stored on retry");
});

test("real: changing the year updates the title and headings; the metadata is saved by Rust", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await page.getByTestId("meta-toggle").click();
  await page.getByTestId("meta-year").fill("2021");
  await frames(page);
  const heads = await page.getByTestId("part-heading").allInnerTexts();
  assert(heads[0] === "一、2021年推进法治政府建设的主要举措和成效", heads[0]);
  assert(heads[3] === "四、2022年推进法治政府建设的主要安排", heads[3]);
  equal(await page.getByTestId("doc-title").innerText(), "梅河口市人民政府关于2021年法治政府建设情况的报告", "title");
  await page.getByTestId("meta-year").fill("20");
  assert((await page.getByTestId("meta-year-error").innerText()).includes("四位"), "year validation");
  await page.getByTestId("meta-year").fill("2021");
  await page.getByTestId("meta-date").fill("2022-03-13");
  equal(await page.getByTestId("meta-date-official").innerText(), "公文中显示为：2022年3月13日", "official date");
  await page.getByTestId("meta-addressee").fill("通化市人民政府");
  await page.getByTestId("meta-docnumber").fill("梅政发〔2022〕1号");
  await frames(page);
  equal(await page.getByTestId("addressee").innerText(), "通化市人民政府：", "addressee line");
  assert((await page.getByTestId("signature-block").innerText()).includes("2022年3月13日"), "date under the signature");
  await until(async () => {
    const d = await stored(b, id);
    return d.year === 2021 && d.date === "2022-03-13" && d.parts[3].heading.startsWith("2022年") && d.doc_number === "梅政发〔2022〕1号" && d.addressee === "通化市人民政府";
  }, "saved", 15000);
});

test("real: a failed save keeps the edits, says why in Chinese and is retried", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await page.evaluate(() => window.__ipc.failNext("save_report", { code: "disk_full", message: "磁盘空间不足，保存失败；已保存的内容不受影响" }));
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("一段重要的文字。");
  await until(async () => (await status(page)).includes("保存失败（磁盘空间不足，保存失败；已保存的内容不受影响）"), "failure shown", 15000);
  assert((await page.getByTestId("editor").innerText()).includes("一段重要的文字。"), "the text stays");
  assert(!allText(await stored(b, id)).includes("一段重要的文字。"), "not stored yet");
  await page.getByTestId("save-retry").click();
  await until(async () => allText(await stored(b, id)).includes("一段重要的文字。"), "saved on retry", 15000);
  await until(async () => (await status(page)).startsWith("已保存"), "status back to saved");
});

test("real: a report changed elsewhere warns instead of overwriting", async ({ open, backend, problems }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  // Another writer (the CLI, another window) saves the report meanwhile.
  const view = await stored(b, id);
  const { id: _i, status: _s, status_label: _l, version, created_at: _c, updated_at: _u, title: _t, ...document } = view;
  document.preface = [{ ...document.preface[0], text: "命令行写入的内容" }, ...document.preface.slice(1)];
  await b.call("save_report", { id, expectedVersion: version, document });
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("本窗口的修改");
  await until(async () => (await status(page)).includes("报告已被其他窗口或命令行修改"), "warned", 15000);
  await page.waitForTimeout(1500);
  equal((await stored(b, id)).preface[0].text, "命令行写入的内容", "not overwritten silently");
  await page.getByTestId("save-overwrite").click();
  await until(async () => allText(await stored(b, id)).includes("本窗口的修改"), "overwritten on request", 15000);
  assert(!allText(await stored(b, id)).includes("命令行写入的内容"), "this window's text won");
  expectRefusals(problems);
});

test("real: leaving the report or closing the window saves first", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("马上返回");
  await page.getByTestId("back-button").click();
  await until(() => page.getByTestId("report-list").isVisible(), "list");
  assert(allText(await stored(b, id)).includes("马上返回"), "saved before leaving");
  await openRow(page, "梅河口");
  await caretIn(page, "马上返回");
  await page.keyboard.insertText("，然后关闭窗口");
  await page.evaluate(() => window.__fazhiRequestClose());
  await until(async () => (await b.host()).closed, "window closed", 15000);
  assert(allText(await stored(b, id)).includes("马上返回，然后关闭窗口"), "saved before the window closed");
});

/** Saves `edit(document)` into report `id` through the real save_report, as another writer would. */
async function rewrite(b, id, edit) {
  const { id: _i, status: _s, status_label: _l, version, created_at: _c, updated_at: _u, title: _t, ...document } = await stored(b, id);
  edit(document);
  await b.call("save_report", { id, expectedVersion: version, document });
}

test("real: the app title is shown and the list lists the library's reports", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019], ["通化市人民政府", 2020]]);
  const page = await open({ real: true });
  await until(async () => (await rows(page).count()) === 2, "two rows");
  equal(await page.title(), "法治报告编写器", "document.title");
  equal(await page.locator("h1").innerText(), "法治报告编写器", "visible title");
  const mei = (await rowTexts(page)).find((t) => t.includes("梅河口市人民政府关于2019年法治政府建设情况的报告"));
  assert(mei, "a row with the 2019 title");
  assert(mei.includes("2019年") && mei.includes("草稿"), `issuer, year and status: ${mei}`);
  assert(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(mei), `last saved in local time: ${mei}`);
  equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "search-input", "initial focus");
});

test("real: an empty library says so in Chinese", async ({ open, backend }) => {
  const b = await backend();
  await library(b);
  const page = await open({ real: true });
  await until(() => page.getByTestId("report-list-empty").isVisible(), "empty message");
  assert((await page.getByTestId("report-list-empty").innerText()).includes("还没有报告"), "empty text");
});

test("real: typing Chinese into part one is autosaved into （一） with an id", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("深化“放管服”改革，取消行政许可事项12项。");
  await until(async () => allText(await stored(b, id)).includes("取消行政许可事项12项。"), "saved", 15000);
  const doc = await stored(b, id);
  equal(doc.parts[0].sections[0].paragraphs.map((p) => p.text), ["深化“放管服”改革，取消行政许可事项12项。"], "the paragraph is in （一）");
  assert(/^[0-9a-f]{12}$/.test(doc.parts[0].sections[0].paragraphs[0].id), "it has an id");
  await until(async () => /已保存 \d{2}:\d{2}:\d{2}/.test(await status(page)), "status");
});

test("real: find and replace across the report with a count (Ctrl+F / Ctrl+H)", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["辉南县人民政府", 2020]]);
  await rewrite(b, id, (d) => {
    d.preface[0].text = "全县推进依法行政。";
    d.parts[1].paragraphs[0].text = "依法行政意识有待提高，依法行政能力不足。";
  });
  const page = await open({ real: true });
  await openRow(page, "辉南");
  await caretIn(page, "全县推进依法行政。");
  await page.keyboard.press("Control+f");
  await until(() => page.getByTestId("find-panel").isVisible(), "find panel");
  await page.keyboard.insertText("依法行政");
  const d = await stored(b, id);
  const texts = [];
  const walk = (s) => { texts.push(s.heading, ...s.paragraphs.map((p) => p.text)); s.sections.forEach(walk); };
  texts.push(...d.preface.map((p) => p.text));
  d.parts.forEach((p) => { texts.push(...p.paragraphs.map((x) => x.text)); p.sections.forEach(walk); });
  const expected = texts.reduce((n, t) => n + t.split("依法行政").length - 1, 0);
  assert(expected >= 3, `fixture has several matches: ${expected}`);
  await until(async () => (await page.getByTestId("find-count").innerText()).includes(`共 ${expected} 处`), `count of ${expected}`);
  equal(await page.locator(".find-hit").count(), expected, "highlighted");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Control+h");
  await page.getByTestId("find-input").fill("依法行政能力不足");
  await page.getByTestId("replace-input").fill("依法行政水平不足");
  await until(async () => (await page.getByTestId("find-count").innerText()).includes("共 1 处"), "one match");
  await page.getByTestId("replace-all").click();
  await until(async () => (await stored(b, id)).parts[1].paragraphs[0].text === "依法行政意识有待提高，依法行政水平不足。", "replaced and saved", 15000);
});

test("real: a list_reports error is shown as the Chinese message", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await until(async () => (await rows(page).count()) === 1, "row");
  await page.evaluate(() => window.__ipc.failNext("list_reports", { code: "busy", message: "资料库正被其他程序占用，请稍后再试" }));
  await page.getByTestId("search-input").fill("梅河口");
  await until(() => page.getByTestId("error-message").isVisible(), "banner");
  equal(await page.getByTestId("error-message").locator(".banner-text").innerText(), "资料库正被其他程序占用，请稍后再试", "banner text");
});

test("real: outline: click jumps to the section; character counts per part and in total", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  const total0 = await page.getByTestId("total-chars").innerText();
  await page.getByTestId("outline-item").filter({ hasText: "坚持严格规范公正文明执法" }).first().click();
  await frames(page);
  const where = await page.evaluate(() => getSelection().anchorNode?.parentElement?.closest(".sec-heading, .para")?.textContent);
  equal(where, "坚持严格规范公正文明执法", "caret in the heading");
  const count0 = await page.getByTestId("part-chars").first().innerText();
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("十二个字的一段新的执法文字");
  await until(async () => (await page.getByTestId("part-chars").first().innerText()) !== count0, "part count updated");
  const n0 = Number(count0.replace("字", ""));
  equal(await page.getByTestId("part-chars").first().innerText(), `${n0 + 13}字`, "13 more characters");
  assert((await page.getByTestId("total-chars").innerText()) !== total0, "total updated");
});

test("real: closing the window is held back while the save fails", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await page.evaluate(() => window.__ipc.failNext("save_report", { code: "read_only", message: "资料库文件只读，无法保存；已保存的内容不受影响" }));
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("不能丢");
  await page.evaluate(() => window.__fazhiRequestClose());
  await until(() => page.getByTestId("error-message").isVisible(), "explained");
  equal((await b.host()).closed, false, "window kept open");
  assert((await page.getByTestId("editor").innerText()).includes("不能丢"), "text still there");
  assert(!allText(await stored(b, id)).includes("不能丢"), "not stored");
});
