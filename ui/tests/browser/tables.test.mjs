// tables (#21) in the editor, against the real Rust backend: insert, type
// (keys and IME) in cells, Tab between cells, merge, 标题行/表题, save, reopen; a
// Word table pasted stays a table.
import { assert, equal, test, until } from "./harness.mjs";
import { PREFACE, caretIn, frames, openRow, stored, usual } from "./real-library.mjs";

const SAVED = 15000;

async function openUsual(b, open) {
  const [id] = await usual(b);
  const page = await open();
  await openRow(page, "梅河口");
  return { page, id };
}

/** The texts of the editor's table cells, row by row (cell paragraphs joined by /). */
const domCells = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="editor"] table tr')].map((tr) =>
      [...tr.children].map((c) => [...c.querySelectorAll("p")].map((p) => p.textContent).join("/")),
    ),
  );

const storedTable = async (b, id) => (await stored(b, id)).preface.find((p) => p.table)?.table;
const cellTexts = (t) => t.rows.map((r) => r.map((c) => c.paragraphs.map((p) => p.text).join("/")));

test("tables: insert a 3×3 table, type Chinese (keys and IME) in cells, Tab moves, merge two cells, saved and reopened with the same cells", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  await caretIn(page, PREFACE);
  await page.getByTestId("table-picker-button").click();
  await page.getByTestId("table-pick-3x3").hover();
  equal(await page.getByTestId("table-picker-label").textContent(), "3 行 × 3 列", "the picker names the size");
  await page.getByTestId("table-pick-3x3").click();
  await until(async () => (await domCells(page)).length === 3, "a 3-row table in the page");
  await until(() => page.getByTestId("table-toolbar").isVisible(), "the table toolbar shows with the caret in the table");
  // Header row: 3 header cells.
  equal(await page.locator('[data-testid="editor"] table tr:first-child th').count(), 3, "the first row is a header row");

  await page.keyboard.insertText("序号");
  await page.keyboard.press("Tab");
  await page.keyboard.insertText("任务");
  await page.keyboard.press("Tab");
  // An IME composition inside a cell commits once, in place.
  const cdp = await page.context().newCDPSession(page);
  for (const t of ["w", "wa", "wan", "wan'c"]) {
    await cdp.send("Input.imeSetComposition", { text: t, selectionStart: t.length, selectionEnd: t.length });
    await page.waitForTimeout(30);
  }
  await page.waitForTimeout(1200);
  assert(!JSON.stringify(await stored(b, id)).includes("wan"), "no pre-edit text saved mid-composition");
  await cdp.send("Input.insertText", { text: "完成情况" });
  await page.keyboard.press("Tab");
  await page.keyboard.insertText("1");
  await page.keyboard.press("Tab");
  await page.keyboard.insertText("深化“放管服”改革");
  // Back two cells: 完成情况, selected as Tab selects a cell's text; End keeps it.
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("End");
  await page.keyboard.insertText("（完成）");
  await frames(page);
  equal(await domCells(page), [["序号", "任务", "完成情况（完成）"], ["1", "深化“放管服”改革", ""], ["", "", ""]], "Tab and Shift+Tab moved between cells");

  // On to the last cell (r1c3 → r3c3: six Tabs); Tab there adds a row.
  for (let i = 0; i < 7; i++) await page.keyboard.press("Tab");
  await page.keyboard.insertText("新增一行");
  await until(async () => (await domCells(page)).length === 4, "Tab in the last cell added a row");

  // Merge 序号 with 任务: drag a cell selection, then 合并单元格.
  const first = page.locator('[data-testid="editor"] table tr:nth-child(1) th:nth-child(1)');
  const second = page.locator('[data-testid="editor"] table tr:nth-child(1) th:nth-child(2)');
  // The page re-renders what it shows around the text shortly after a structural edit.
  await page.waitForTimeout(500);
  await first.click();
  await page.keyboard.down("Shift");
  await second.click();
  await page.keyboard.up("Shift");
  await until(async () => (await page.locator('[data-testid="editor"] .selectedCell').count()) === 2, "two cells selected");
  await page.getByTestId("table-merge").click();
  await until(async () => (await domCells(page))[0].length === 2, "merged into one cell");

  // 表题 through the table toolbar.
  await page.locator('[data-testid="editor"] table tr:nth-child(2) td:nth-child(1) p').click();
  await page.getByTestId("table-title-input").fill("2019年度重点任务完成情况表");
  await page.getByTestId("table-title-input").press("Enter");
  await until(async () => (await page.getByTestId("table-title").first().textContent()) === "2019年度重点任务完成情况表", "the title shows above the table");

  if (process.env.TABLE_SHOT) await page.screenshot({ path: process.env.TABLE_SHOT });
  const expected = [["序号/任务", "完成情况（完成）"], ["1", "深化“放管服”改革", ""], ["", "", ""], ["新增一行", "", ""]];
  await until(async () => {
    const t = await storedTable(b, id);
    return t && JSON.stringify(cellTexts(t)) === JSON.stringify(expected) && t.title === "2019年度重点任务完成情况表";
  }, "the table saved", SAVED);
  const t = await storedTable(b, id);
  equal(t.header_rows, 1, "one header row saved");
  equal(t.rows[0].map((c) => c.colspan), [2, 1], "the merge saved as a colspan");
  const ids = t.rows.flat().flatMap((c) => c.paragraphs.map((p) => p.id));
  assert(ids.every((x) => /^[0-9a-f]{12}$/.test(x)) && new Set(ids).size === ids.length, "every cell paragraph has its own id");
  equal((await stored(b, id)).preface[0].text, PREFACE, "the paragraph before the table untouched");

  // Reopen: the same cells, from the backend.
  await page.getByTestId("back-button").click();
  await openRow(page, "梅河口");
  await until(async () => JSON.stringify(await domCells(page)) === JSON.stringify(expected), "the same cells after reopening");
  equal(await page.locator('[data-testid="editor"] table tr:first-child th').count(), 2, "the header row after reopening");
  equal(cellTexts(await storedTable(b, id)), expected, "stored unchanged by reopening");
});

test("tables: a Word table pasted stays a table (merges, title), saved as such; the part headings stay locked", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  await caretIn(page, PREFACE);
  const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><body><!--StartFragment-->
<p class=MsoNormal align=center style='text-align:center'><span style='font-family:黑体'>行政复议案件情况统计表</span></p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse;mso-yfti-tbllook:1184'>
<tr style='mso-yfti-irow:0'><td width=142 rowspan=2 style='width:106.5pt;color:red'><p class=MsoNormal>类别<o:p></o:p></p></td><td width=284 colspan=2><p class=MsoNormal>件数</p></td></tr>
<tr><td width=142><p class=MsoNormal>受理</p></td><td width=142><p class=MsoNormal>办结</p></td></tr>
</table><!--EndFragment--></body></html>`;
  await page.evaluate((html) => {
    const dt = new DataTransfer();
    dt.setData("text/html", html);
    dt.setData("text/plain", "类别\t件数\n受理\t办结");
    document.querySelector('[data-testid="editor"]').dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, html);
  await until(async () => (await domCells(page)).length === 2, "a table in the page");
  await until(async () => {
    const t = await storedTable(b, id);
    return t && JSON.stringify(cellTexts(t)) === JSON.stringify([["类别", "件数"], ["受理", "办结"]]);
  }, "the pasted table saved", SAVED);
  const t = await storedTable(b, id);
  equal(t.title, "行政复议案件情况统计表", "the line above became its title");
  equal(t.rows.map((r) => r.map((c) => `${c.colspan}x${c.rowspan}`)), [["1x2", "2x1"], ["1x1", "1x1"]], "merges kept");
  assert(!(await page.locator('[data-testid="editor"] table [style*="color"]').count()), "no foreign style in the page");
  // Backspace from the first cell of a table next to a part heading cannot touch it.
  const headings = (await stored(b, id)).parts.map((p) => p.heading);
  await page.locator('[data-testid="editor"] table tr:nth-child(2) td:nth-child(2) p').click();
  await page.keyboard.press("End");
  for (let i = 0; i < 6; i++) await page.keyboard.press("Delete");
  await page.waitForTimeout(300);
  equal((await stored(b, id)).parts.map((p) => p.heading), headings, "part headings untouched");
});
