// editor2: empty paragraphs, drag across parts, 历史版本 (read-only view, compare),
// 版记 fields, page fonts — against the real Rust backend.
import { assert, equal, test, until } from "./harness.mjs";
import { caretIn, openRow, stored, usual } from "./real-library.mjs";

const SAVED = 15000;
const outlineText = async (page) => (await page.getByTestId("outline").innerText()).replace(/\s/g, "");
const revisions = async (b, id) => (await b.call("list_revisions", { id })).sort((x, y) => x.revision - y.revision);

async function openUsual(b, open) {
  const [id] = await usual(b);
  const page = await open();
  await openRow(page, "梅河口");
  return { page, id };
}

async function saveVersion(page, message) {
  await page.keyboard.press("Control+s");
  await page.getByTestId("version-message").fill(message);
  await page.getByTestId("save-version-confirm").click();
  await until(() => page.getByTestId("save-version-dialog").isHidden(), "version saved", SAVED);
}

test("editor2: an empty paragraph made with Enter is saved and comes back", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  // A loaded machine can lose the first key before the editor holds the caret: place
  // it and press again only while the new paragraph is still missing.
  const paraCount = () =>
    page.evaluate(() => document.querySelectorAll('[data-testid="editor"] .sec.level-2')[0].querySelectorAll(":scope > p.para").length);
  const n0 = await paraCount();
  for (let i = 0; i < 3 && (await paraCount()) === n0; i++) {
    await caretIn(page, "依法全面履行政府职能");
    await page.keyboard.press("Enter");
    await until(async () => (await paraCount()) > n0, "a new paragraph", 3000).catch(() => {});
  }
  await page.keyboard.insertText("第一段");
  await page.keyboard.press("Enter");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("第三段");
  await until(async () => JSON.stringify((await stored(b, id)).parts[0].sections[0].paragraphs.map((p) => p.text)) === JSON.stringify(["第一段", "", "第三段"]), "saved with the empty paragraph", SAVED);
  await page.getByTestId("back-button").click();
  await openRow(page, "梅河口");
  const paras = await page.evaluate(() => [...document.querySelectorAll('[data-testid="editor"] .sec.level-2')][0].querySelectorAll(":scope > p.para").length);
  equal(paras, 3, "three paragraphs after reopening");
});

test("editor2: a section can be dragged into another part in the outline, and undone", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  const item = (t) => page.getByTestId("outline-item").filter({ hasText: t }).first();
  // A section in part two to drop next to.
  await page.getByTestId("outline-part").nth(1).click();
  await page.keyboard.press("Control+Enter");
  await page.keyboard.insertText("存在的不足");
  await until(async () => (await stored(b, id)).parts[1].sections[0]?.heading === "存在的不足", "part two has a section", SAVED);
  const before = await stored(b, id);
  const moving = before.parts[0].sections[1];
  const target = before.parts[1].sections[0];
  await item(moving.heading).dragTo(item(target.heading), { targetPosition: { x: 20, y: 2 } });
  await until(async () => (await stored(b, id)).parts[1].sections[0].id === moving.id, "moved into part two", SAVED);
  const after = await stored(b, id);
  assert(!after.parts[0].sections.some((s) => s.id === moving.id), "gone from part one");
  equal(after.parts.map((p) => p.heading), before.parts.map((p) => p.heading), "part headings untouched");
  // Onto a part item: first （一） of that part.
  await item(moving.heading).dragTo(page.getByTestId("outline-part").nth(2));
  await until(async () => (await stored(b, id)).parts[2].sections[0]?.id === moving.id, "moved onto part three", SAVED);
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  await until(async () => (await stored(b, id)).parts[0].sections[1]?.id === moving.id, "undone back into part one", SAVED);
  await until(async () => (await outlineText(page)).includes(`（二）${moving.heading}`), "outline re-rendered");
});

test("editor2: an old version is shown read-only with a banner; 返回 and 恢复此版本", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("第一稿的内容");
  await saveVersion(page, "初稿");
  await caretIn(page, "第一稿的内容");
  await page.keyboard.insertText("，又改了");
  await page.getByTestId("revisions-button").click();
  await until(() => page.getByTestId("revisions-dialog").isVisible(), "history");
  await page.getByTestId("view-revision").first().click();
  await until(() => page.getByTestId("revision-view").isVisible(), "revision view");
  const banner = await page.getByTestId("revision-banner").innerText();
  assert(banner.includes("第1版") && banner.includes("初稿") && /\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(banner), banner);
  const ro = page.getByTestId("revision-editor");
  equal(await ro.getAttribute("contenteditable"), "false", "read-only");
  const text = await ro.innerText();
  assert(text.includes("第一稿的内容") && !text.includes("又改了"), "the old text");
  assert(text.includes("一、"), "parts numbered like the page");
  assert(await ro.locator('[data-num="（一）"]').count(), "sections numbered like the page");
  assert(await page.getByTestId("editor").isHidden(), "the editor is covered");
  await ro.click();
  await page.keyboard.insertText("不能输入");
  assert(!(await ro.innerText()).includes("不能输入"), "typing does nothing");
  await page.getByTestId("revision-back").click();
  await until(() => page.getByTestId("editor").isVisible(), "back to the editor");
  assert((await page.getByTestId("editor").innerText()).includes("第一稿的内容，又改了"), "current text untouched");
  // View again and restore.
  await page.getByTestId("revisions-button").click();
  await page.getByTestId("view-revision").first().click();
  await page.getByTestId("revision-restore").click();
  await until(async () => {
    const t = await page.getByTestId("editor").innerText().catch(() => "");
    return t.includes("第一稿的内容") && !t.includes("又改了");
  }, "restored", SAVED);
  await until(async () => {
    const d = JSON.stringify(await stored(b, id));
    return d.includes("第一稿的内容") && !d.includes("又改了");
  }, "restored in the library", SAVED);
  equal((await revisions(b, id)).map((r) => r.message), ["初稿", "恢复第1版前的内容", "恢复自第1版"], "the text before the restore was kept as a version");
  assert(JSON.stringify(await b.call("get_revision", { id, revision: 2 })).includes("第一稿的内容，又改了"), "revision 2 holds the text before the restore");
});

test("editor2: compare two versions: paragraph level with character highlights", async ({ open, backend }) => {
  const b = await backend();
  const { page } = await openUsual(b, open);
  await caretIn(page, "依法全面履行政府职能");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("深化放管服改革。");
  await saveVersion(page, "初稿");
  await caretIn(page, "深化放管服改革。");
  await page.keyboard.insertText("取得实效");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("新增的一段。");
  await page.getByTestId("revisions-button").click();
  await page.getByTestId("compare-revision").first().click();
  await until(async () => (await page.getByTestId("compare-summary").innerText()).includes("修改"), "compared", SAVED);
  const summary = await page.getByTestId("compare-summary").innerText();
  assert(summary.startsWith("第1版 → 当前内容：新增1处，删除0处，修改1处"), summary);
  const changed = page.locator('[data-testid="diff-block"][data-change="changed"]');
  equal(await changed.count(), 1, "one changed block");
  equal(await changed.locator("ins").allInnerTexts(), ["取得实效"], "inserted characters highlighted");
  const added = page.locator('[data-testid="diff-block"][data-change="added"]');
  assert((await added.innerText()).includes("新增的一段。"), "added paragraph");
  equal(await page.locator('[data-testid="diff-block"][data-change="same"]').first().isVisible(), false, "unchanged blocks hidden");
  await page.getByTestId("compare-only-changes").uncheck();
  equal(await page.locator('[data-testid="diff-block"][data-change="same"]').first().isVisible(), true, "unchanged blocks shown");
  // Same version on both sides.
  await page.getByTestId("compare-to").selectOption("1");
  await until(async () => (await page.getByTestId("compare-summary").innerText()) === "第1版与第1版内容相同", "same", SAVED);
});

test("editor2: 版记 fields (抄送机关, 印发机关, 印发日期) are saved and shown", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  await page.getByTestId("meta-toggle").click();
  await page.getByTestId("meta-copy-to").fill("市委办公室，市人大常委会办公室");
  await page.getByTestId("meta-printed-by").fill("梅河口市人民政府办公室");
  await page.getByTestId("meta-printed-on").fill("2020-03-13");
  // [official] the date is checked by the core (parse_date) before it is taken.
  await until(async () => (await page.getByTestId("meta-printed-on-official").innerText()) === "版记中显示为：2020年3月13日印发", "official date");
  await until(async () => (await page.getByTestId("banji").innerText()).includes("2020年3月13日印发"), "版记 shows the date");
  const banji = await page.getByTestId("banji").innerText();
  assert(banji.includes("抄送：市委办公室，市人大常委会办公室。") && banji.includes("2020年3月13日印发"), banji);
  await until(async () => {
    const d = await stored(b, id);
    return d.copy_to === "市委办公室，市人大常委会办公室" && d.printed_by === "梅河口市人民政府办公室" && d.printed_on === "2020-03-13";
  }, "saved", SAVED);
  await page.getByTestId("meta-printed-on").fill("");
  await until(async () => (await stored(b, id)).printed_on === null, "cleared", SAVED);
});

test("editor2: the page text asks for the official 仿宋 then FandolFang, declared as a font face", async ({ open, backend }) => {
  const b = await backend();
  const { page } = await openUsual(b, open);
  const r = await page.evaluate(() => {
    const p = document.querySelector('[data-testid="editor"] p.para');
    const kai = document.querySelector('[data-testid="editor"] .sec.level-2 > .sec-heading');
    const hei = document.querySelector('[data-testid="part-heading"]');
    const faces = [...document.fonts].map((f) => f.family.replace(/"/g, ""));
    const page = document.querySelector(".page");
    return {
      body: getComputedStyle(p).fontFamily,
      size: getComputedStyle(p).fontSize,
      kai: getComputedStyle(kai).fontFamily,
      hei: getComputedStyle(hei).fontFamily,
      faces,
      width: page.clientWidth - parseFloat(getComputedStyle(page).paddingLeft) - parseFloat(getComputedStyle(page).paddingRight),
    };
  });
  assert(/^"?仿宋_GB2312"?,.*FandolFang/.test(r.body), r.body);
  assert(/楷体_GB2312.*FandolKai/.test(r.kai), r.kai);
  assert(/黑体.*FandolHei/.test(r.hei), r.hei);
  for (const f of ["FandolFang", "FandolHei", "FandolKai", "Noto Serif SC"]) assert(r.faces.includes(f), `${f} in ${r.faces}`);
  equal(r.size, "21.3333px", "三号 = 16pt");
  equal(Math.round(r.width / parseFloat(r.size)), 28, "28 characters per line at 100 %");
});
