// tables (#21) in the editor, against the real Rust backend: insert, type
// (keys and IME) in cells, Tab between cells, merge, 标题行/表题, save, reopen; a
// Word table pasted stays a table.
import { assert, equal, test, until } from "./harness.mjs";
import { PREFACE, caretIn, frames, openRow, rewrite, select, stored, usual } from "./real-library.mjs";

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

// ---- a table put in the preface through the backend, then edited in the page ----

let seq = 0;
/** A fresh 12-hex id for a seeded cell paragraph. */
const hex = () => (0xc00000000000 + ++seq).toString(16);
const cell = (text, colspan = 1, rowspan = 1) => ({ colspan, rowspan, paragraphs: [{ id: hex(), text }] });
/** The preface as PREFACE, then `table` (as a block with id `tid`), then 特此报告。 */
async function seedTable(b, id, table, tid = "7ab1e0000001") {
  await rewrite(b, id, (d) => {
    d.preface = [d.preface[0], { id: tid, text: "", table }, { text: "特此报告。" }];
  });
}
const spansOf = (t) => t.rows.map((r) => r.map((c) => `${c.colspan}x${c.rowspan}`));
/** The editor's cell paragraph holding exactly `text`, clicked. */
const clickCell = async (page, text) => {
  await page.locator('[data-testid="editor"] table p.para').filter({ hasText: new RegExp(`^${text}$`) }).first().click();
  await frames(page);
};
const toolbar = async (page, testid) => {
  await until(() => page.getByTestId("table-toolbar").isVisible(), "the table toolbar shows");
  await page.getByTestId(testid).click();
  await frames(page);
};

test("tables: the toolbar deletes a row and a column, adds a column, splits a merged cell and sets header rows; saved and reopened so", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await seedTable(b, id, {
    header_rows: 1,
    rows: [
      [cell("序号"), cell("任务"), cell("完成情况"), cell("备注")],
      [cell("1"), cell("深化改革", 2), cell("甲")],
      [cell("2"), cell("依法决策"), cell("已完成"), cell("乙")],
      [cell("3"), cell("删除本行"), cell("丙"), cell("丁")],
    ],
  });
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await domCells(page)).length === 4, "the seeded table in the page");

  await clickCell(page, "删除本行");
  await toolbar(page, "table-row-delete");
  await until(async () => (await domCells(page)).length === 3, "删行 removed the row");
  await clickCell(page, "甲");
  await toolbar(page, "table-col-delete");
  equal(await domCells(page), [["序号", "任务", "完成情况"], ["1", "深化改革"], ["2", "依法决策", "已完成"]], "删列 removed 备注");
  await clickCell(page, "深化改革");
  assert(await page.getByTestId("table-split").isEnabled(), "拆分 offered in a merged cell");
  await toolbar(page, "table-split");
  equal(await domCells(page), [["序号", "任务", "完成情况"], ["1", "深化改革", ""], ["2", "依法决策", "已完成"]], "拆分 split the merged cell");
  await clickCell(page, "完成情况");
  await toolbar(page, "table-col-after");
  equal(await domCells(page), [["序号", "任务", "完成情况", ""], ["1", "深化改革", "", ""], ["2", "依法决策", "已完成", ""]], "右插列 added a column");
  // 标题行 on the second row: the first two rows become header rows; on the first, none.
  await clickCell(page, "1");
  await toolbar(page, "table-header");
  equal(await page.locator('[data-testid="editor"] table th').count(), 8, "two header rows");
  await clickCell(page, "序号");
  await toolbar(page, "table-header");
  equal(await page.locator('[data-testid="editor"] table th').count(), 0, "no header row");
  await clickCell(page, "1");
  await toolbar(page, "table-header");
  equal(await page.locator('[data-testid="editor"] table th').count(), 8, "two header rows again");

  const expected = [["序号", "任务", "完成情况", ""], ["1", "深化改革", "", ""], ["2", "依法决策", "已完成", ""]];
  await until(async () => {
    const t = await storedTable(b, id);
    return t && JSON.stringify(cellTexts(t)) === JSON.stringify(expected) && t.header_rows === 2;
  }, "the edited table saved", SAVED);
  const t = await storedTable(b, id);
  equal(spansOf(t), expected.map((r) => r.map(() => "1x1")), "no merge left");
  equal((await stored(b, id)).preface.map((p) => p.text), [PREFACE, "", "特此报告。"], "the blocks around the table untouched");
  const ids = t.rows.flat().flatMap((c) => c.paragraphs.map((p) => p.id));
  assert(ids.every((x) => /^[0-9a-f]{12}$/.test(x)) && new Set(ids).size === ids.length, "every cell paragraph (new ones too) has its own id");

  await page.getByTestId("back-button").click();
  await openRow(page, "梅河口");
  await until(async () => JSON.stringify(await domCells(page)) === JSON.stringify(expected), "the same cells after reopening");
  equal(await page.locator('[data-testid="editor"] table tr:nth-child(2) th').count(), 4, "two header rows after reopening");
  equal(await page.locator('[data-testid="editor"] table tr:nth-child(3) th').count(), 0, "the third row a data row");
  equal(cellTexts(await storedTable(b, id)), expected, "stored unchanged by reopening");
});

// Clipboard HTML as WPS and a government web page put it there (the fixtures of
// tests/unit/paste.test.ts: WPS's <font> and pt widths; an article in a layout table).
const WPS_TABLE = `<html><head><meta charset="utf-8"><meta name="generator" content="WPS Office"><style>p{margin:0}</style></head><body>
<!--StartFragment--><table border="1" cellspacing="0" cellpadding="0" style="border-collapse:collapse;width:426.10pt;mso-table-layout-alt:fixed;border:none;mso-padding-alt:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;">
<tr><td width="71" valign="top" style="width:53.2500pt;padding:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;border-left:1.0000pt solid windowtext;mso-border-left-alt:0.5000pt solid windowtext;"><p class="MsoNormal" style="text-align:center;"><span style="font-family:仿宋_GB2312;font-size:12.0000pt;"><font face="仿宋_GB2312">序号</font></span></p></td>
<td width="497" valign="top" style="width:372.8500pt;padding:0.0000pt 5.4000pt 0.0000pt 5.4000pt ;"><p class="MsoNormal"><span style="font-family:仿宋_GB2312;"><font face="仿宋_GB2312">重点任务</font></span></p></td></tr>
<tr><td width="71" valign="top" style="width:53.2500pt;"><p class="MsoNormal"><span>1</span></p></td>
<td width="497" valign="top" style="width:372.8500pt;"><p class="MsoNormal"><span style="font-family:仿宋_GB2312;"><font face="仿宋_GB2312">深化</font>“<font face="仿宋_GB2312">放管服</font>”<font face="仿宋_GB2312">改革</font></span></p></td></tr>
</table><!--EndFragment--></body></html>`;
const WEB_PAGE = `<meta charset='utf-8'><table width="100%" border="0" cellspacing="0" cellpadding="0" class="layout"><tr><td class="main" style="padding:20px">
<div class="TRS_Editor"><p style="text-indent:2em;font-family:SimSun">一、基本情况</p>
<table border="1" class="data" style="width:600px;color:#333"><thead><tr><th>序号</th><th>任务</th><th>完成情况</th></tr></thead>
<tbody><tr><td>1<td>深化“放管服”改革<td>已完成
<tr><td>2</td><td>推进<br>依法决策</td><td rowspan="2">已完成</td></tr>
<tr><td colspan="2">合计</td></tr></tbody></table>
<p>特此报告。</p></div></td><td class="sidebar"><ul><li>相关链接</li></ul></td></tr></table>`;

/** A synthetic paste of `html` (with `text` as its plain text) into the editor. */
const paste = (page, html, text) =>
  page.evaluate(([html, text]) => {
    const dt = new DataTransfer();
    dt.setData("text/html", html);
    dt.setData("text/plain", text);
    document.querySelector('[data-testid="editor"]').dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  }, [html, text]);
const storedTables = async (b, id) => (await stored(b, id)).preface.filter((p) => p.table).map((p) => p.table);

test("tables: a WPS table and a web page's table pasted stay tables (spans, header rows, widths), cleaned of their styles, and are saved so", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await rewrite(b, id, (d) => {
    d.preface = [d.preface[0], { text: "特此报告。" }];
  });
  const page = await open();
  await openRow(page, "梅河口");
  await caretIn(page, PREFACE);
  await paste(page, WPS_TABLE, "序号\t重点任务\n1\t深化“放管服”改革");
  await until(async () => (await page.locator('[data-testid="editor"] table').count()) === 1, "the WPS table in the page");
  equal(await domCells(page), [["序号", "重点任务"], ["1", "深化“放管服”改革"]], "its cells");
  // The web page: its layout table unwrapped, the data table kept, at the start of 特此报告。
  await caretIn(page, "特此报告。", { atEnd: false });
  await paste(page, WEB_PAGE, "一、基本情况\n序号\t任务\t完成情况");
  await until(async () => (await page.locator('[data-testid="editor"] table').count()) === 2, "the web page's table in the page");

  const foreign = await page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="editor"] .table-block *')]
      .filter((e) => e.tagName === "FONT" || e.tagName === "SPAN" || (e.hasAttribute("style") && e.tagName !== "COL") || /Mso|data|layout/.test(e.className))
      .map((e) => e.outerHTML.slice(0, 80)),
  );
  equal(foreign, [], "no foreign element, class or style inside the tables");
  await until(async () => (await storedTables(b, id)).length === 2, "both tables saved", SAVED);
  const [wps, web] = await storedTables(b, id);
  equal(cellTexts(wps), [["序号", "重点任务"], ["1", "深化“放管服”改革"]], "WPS: the cells");
  equal([wps.header_rows, wps.widths], [0, [71, 497]], "WPS: no header row; its widths as relative widths");
  equal(cellTexts(web), [["序号", "任务", "完成情况"], ["1", "深化“放管服”改革", "已完成"], ["2", "推进/依法决策", "已完成"], ["合计"]], "web: the cells, a <br> as two paragraphs");
  equal(spansOf(web), [["1x1", "1x1", "1x1"], ["1x1", "1x1", "1x1"], ["1x1", "1x1", "1x2"], ["2x1"]], "web: rowspan and colspan kept");
  equal(web.header_rows, 1, "web: the <thead> row is a header row");
  const texts = (await stored(b, id)).preface.map((p) => p.text);
  equal(texts, [PREFACE, "", "一、基本情况", "", "特此报告。", "相关链接特此报告。"], "the page's text around the tables as paragraphs");
  const json = JSON.stringify(await stored(b, id));
  assert(!/mso|MsoNormal|font-family|color|windowtext|TRS_Editor|&nbsp;|</.test(json), "no foreign style stored");
});

/** The cells of a small statistics table; `ids` names two of its paragraphs for the tests. */
const TASKS = () => ({
  header_rows: 1,
  title: "重点任务完成情况表",
  rows: [
    [cell("序号"), cell("任务"), cell("完成情况")],
    [cell("1"), { colspan: 1, rowspan: 1, paragraphs: [{ id: "ce11000000a1", text: "推进依法决策" }] }, { colspan: 1, rowspan: 1, paragraphs: [{ id: "ce11000000a2", text: "取消许可事项12项,下放权限5项" }] }],
    [cell("2"), cell("删除本行"), cell("已完成")],
  ],
});
/** The text of the editor's paragraph with id `pid`, and whether it stands in a table cell. */
const pmPara = (page, pid) =>
  page.evaluate((pid) => {
    const v = window.__pmView;
    let out = null;
    v.state.doc.descendants((n, pos) => {
      if (n.type.name === "paragraph" && n.attrs.id === pid) out = { text: n.textContent, inCell: /table_(cell|header)/.test(v.state.doc.resolve(pos).parent.type.name) };
    });
    return out;
  }, pid);
const storedCellText = async (b, id, pid) => (await storedTable(b, id))?.rows.flat().flatMap((c) => c.paragraphs).find((p) => p.id === pid)?.text;

test("tables: text in a cell takes a comment (anchored to the cell paragraph) and is proofread: the finding is listed, located and fixed in the cell", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, { name: "张三", role: "drafter" });
  await seedTable(b, id, TASKS());
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await domCells(page)).length === 3, "the table in the page");

  // 添加批注 on 依法决策 in a cell.
  await until(async () => {
    if (await page.getByTestId("comment-input").isVisible()) return true;
    await select(page, "依法决策");
    await page.getByTestId("add-comment").click({ timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(150);
    return page.getByTestId("comment-input").isVisible();
  }, "the comment input opens", 8000);
  await page.getByTestId("comment-input").fill("请写明决策事项");
  await page.getByTestId("comment-submit").click();
  await until(async () => (await page.getByTestId("comment-thread").count()) === 1, "the comment listed", 8000);
  const [c] = await b.call("list_comments", { id, filter: null });
  equal([c.anchor.node_id, c.anchor.quote, c.anchor.start, c.anchor.end, c.text], ["ce11000000a1", "依法决策", 2, 6, "请写明决策事项"], "stored on the cell paragraph's words");
  await until(async () => (await page.locator('[data-testid="editor"] td .comment-anchor').allInnerTexts()).join("|") === "依法决策", "highlighted in the cell");

  // 校对: the half-width comma in a cell.
  const items = page.locator('[data-testid="check-item"][data-rule="punct.halfwidth"]');
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await items.count()) === 1, "the comma in the cell listed", 8000);
  assert((await items.first().locator("mark").innerText()) === ",", "the offending comma shown");
  await items.first().getByTestId("check-go").click();
  await frames(page);
  const sel = await page.evaluate(() => {
    const s = window.__pmView.state.selection;
    return [window.__pmView.state.doc.textBetween(s.from, s.to), s.$from.parent.attrs.id, s.$from.parentOffset];
  });
  equal(sel, [",", "ce11000000a2", 9], "定位 selects the comma in the cell");
  equal(await page.locator('[data-testid="editor"] td .check-selected').allInnerTexts(), [","], "highlighted in the cell");
  await items.first().getByTestId("check-fix").click();
  equal(await pmPara(page, "ce11000000a2"), { text: "取消许可事项12项，下放权限5项", inCell: true }, "修正 fixed it in the cell");
  await until(async () => (await items.count()) === 0, "no finding left after the re-check", 8000);
  await until(async () => (await storedCellText(b, id, "ce11000000a2")) === "取消许可事项12项，下放权限5项", "the fix saved in the cell", SAVED);
  equal(cellTexts(await storedTable(b, id)), [["序号", "任务", "完成情况"], ["1", "推进依法决策", "取消许可事项12项，下放权限5项"], ["2", "删除本行", "已完成"]], "the rest of the table untouched");
});

test("tables: Ctrl+Z brings a deleted row back; Backspace and Delete on a whole-table selection leave a sound document", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await seedTable(b, id, TASKS());
  const seeded = await storedTable(b, id);
  const headings = (await stored(b, id)).parts.map((p) => p.heading);
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await domCells(page)).length === 3, "the table in the page");
  const before = await domCells(page);

  await clickCell(page, "删除本行");
  await toolbar(page, "table-row-delete");
  await until(async () => (await domCells(page)).length === 2, "删行");
  await until(async () => (await storedTable(b, id))?.rows.length === 2, "the deletion saved", SAVED);
  await page.keyboard.press("Control+z");
  equal(await domCells(page), before, "Ctrl+Z brought the row back");
  await until(async () => JSON.stringify((await storedTable(b, id))?.rows) === JSON.stringify(seeded.rows), "saved with the row back, its paragraph ids included", SAVED);

  // Every cell selected (click the first, Shift+click the last), then Backspace: the cells empty, the grid stays.
  await page.locator('[data-testid="editor"] table tr:nth-child(1) th:nth-child(1)').click();
  await page.keyboard.down("Shift");
  await page.locator('[data-testid="editor"] table tr:nth-child(3) td:nth-child(3)').click();
  await page.keyboard.up("Shift");
  await until(async () => (await page.locator('[data-testid="editor"] .selectedCell').count()) === 9, "the whole table selected");
  await page.keyboard.press("Backspace");
  equal(await domCells(page), before.map((r) => r.map(() => "")), "Backspace emptied the cells, the grid stays");
  await page.keyboard.press("Delete");
  equal(await domCells(page), before.map((r) => r.map(() => "")), "Delete on it again changes nothing");
  await until(async () => JSON.stringify(cellTexts(await storedTable(b, id))) === JSON.stringify(before.map((r) => r.map(() => ""))), "the emptied table saved", SAVED);
  let t = await storedTable(b, id);
  equal([t.header_rows, t.title, spansOf(t)], [1, "重点任务完成情况表", seeded.rows.map((r) => r.map(() => "1x1"))], "shape, header row and title kept");
  const pids = (t) => t.rows.map((r) => r.map((c) => c.paragraphs.map((p) => p.id).join("/")));
  equal(pids(t), pids(seeded), "each emptied cell keeps its paragraph's id");
  await page.keyboard.press("Control+z");
  equal(await domCells(page), before, "Ctrl+Z brought the text back");

  // A text selection from the paragraph above to the one below, over the whole table: Delete takes the table out.
  await caretIn(page, PREFACE);
  await page.evaluate(() => {
    const v = window.__pmView;
    let from = 0;
    let to = 0;
    v.state.doc.descendants((n, pos) => {
      if (n.type.name === "paragraph" && n.textContent === "2019年，在市委的坚强领导下，我市深入贯彻落实习近平法治思想。现将有关情况报告如下：") from = pos + 1 + n.content.size - 5;
      if (n.type.name === "paragraph" && n.textContent === "特此报告。") to = pos + 1 + 2;
    });
    v.dispatch(v.state.tr.setSelection(v.state.selection.constructor.create(v.state.doc, from, to)));
    v.focus();
  });
  await page.keyboard.press("Delete");
  await frames(page);
  equal(await page.locator('[data-testid="editor"] table').count(), 0, "the table taken out");
  const joined = PREFACE.slice(0, -5) + "报告。";
  await until(async () => JSON.stringify((await stored(b, id)).preface.map((p) => p.text)) === JSON.stringify([joined]), "saved: the two paragraphs joined, no table, no stray cell paragraph", SAVED);
  equal((await stored(b, id)).parts.map((p) => p.heading), headings, "part headings untouched");
  await page.keyboard.press("Control+z");
  await until(async () => (await domCells(page)).length === 3, "Ctrl+Z brought the table back");
  await until(async () => (await storedTable(b, id))?.rows.length === 3, "saved with the table back", SAVED);
  t = await storedTable(b, id);
  equal(cellTexts(t), before, "with its text");
});

test("tables: the page shows a table as the exports set it: grid lines, header row in 黑体 centred, 表题 centred above, full width, a short cell centred", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  const long = "深化“放管服”改革，全年取消行政许可事项12项，下放审批权限5项，压缩办理时限百分之五十以上";
  await seedTable(b, id, { title: "重点任务完成情况表", header_rows: 1, rows: [[cell("序号"), cell("任务"), cell("完成情况")], [cell("1"), cell(long), cell("已完成")]] });
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await domCells(page)).length === 2, "the table in the page");
  const m = await page.evaluate(([preface, long]) => {
    const root = document.querySelector('[data-testid="editor"]');
    const table = root.querySelector("table.report-table");
    const title = root.querySelector(".table-title");
    const cells = [...table.querySelectorAll("th, td")];
    const cs = (e) => getComputedStyle(e);
    const textBox = (e) => {
      const r = document.createRange();
      r.selectNodeContents(e);
      return r.getBoundingClientRect();
    };
    const centre = (r) => r.left + r.width / 2;
    const para = [...root.querySelectorAll("p.para")].find((p) => p.textContent === preface);
    const cellOf = (text) => cells.find((c) => c.textContent === text);
    const inner = (c) => {
      const r = c.getBoundingClientRect();
      const s = cs(c);
      return { left: r.left + parseFloat(s.borderLeftWidth) + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.borderRightWidth) - parseFloat(s.paddingRight) };
    };
    const one = cellOf("1");
    const longCell = cellOf(long);
    return {
      grid: [...new Set(cells.flatMap((c) => ["Top", "Right", "Bottom", "Left"].map((side) => `${cs(c)[`border${side}Style`]} ${cs(c)[`border${side}Color`]} ${parseFloat(cs(c)[`border${side}Width`]) > 0}`)))],
      collapse: cs(table).borderCollapse,
      header: [...new Set([...table.querySelectorAll("th")].map((c) => `${cs(c).fontFamily.split(",")[0]} ${cs(c).textAlign} ${cs(c).fontWeight}`))],
      body: cs(one).fontFamily.split(",")[0],
      title: [title.textContent, cs(title).fontFamily.split(",")[0], cs(title).display],
      titleAbove: title.getBoundingClientRect().bottom <= table.getBoundingClientRect().top + 0.5,
      titleOffCentre: Math.abs(centre(textBox(title)) - centre(table.getBoundingClientRect())),
      widthOff: Math.abs(table.getBoundingClientRect().width - para.getBoundingClientRect().width),
      leftOff: Math.abs(table.getBoundingClientRect().left - para.getBoundingClientRect().left),
      shortOffCentre: Math.abs(centre(textBox(one.querySelector("p"))) - (inner(one).left + inner(one).right) / 2),
      longLeftOff: Math.abs(textBox(longCell.querySelector("p")).left - inner(longCell).left),
      longLines: Math.round(textBox(longCell.querySelector("p")).height / parseFloat(cs(longCell).lineHeight)),
    };
  }, [PREFACE, long]);
  equal(m.grid, ["solid rgb(0, 0, 0) true"], "every cell ruled on all four sides in black");
  equal(m.collapse, "collapse", "one rule between cells");
  equal(m.header, ["黑体 center 400"], "header cells: 黑体, centred, not bold");
  equal(m.body, "仿宋_GB2312", "body cells in the body font");
  equal(m.title, ["重点任务完成情况表", "黑体", "block"], "表题 shown in 黑体");
  assert(m.titleAbove, "表题 above the table");
  assert(m.titleOffCentre < 2, `表题 centred over the table (off by ${m.titleOffCentre}px)`);
  assert(m.widthOff < 1 && m.leftOff < 1, `the table as wide as the text block (off by ${m.widthOff}px, ${m.leftOff}px)`);
  assert(m.shortOffCentre < 2, `a one-line cell centred (off by ${m.shortOffCentre}px)`);
  assert(m.longLines > 1 && m.longLeftOff < 1, `longer text flush left (${m.longLines} lines, off by ${m.longLeftOff}px)`);
});

test("tables: with 修订 (a reviewer in 审阅中) typing (keys and IME) in a cell is a change on the cell paragraph; the toolbar's structural buttons are off, a new row and emptying cells are refused; reopened, accepted into the cell", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, { name: "张三", role: "drafter" });
  await seedTable(b, id, TASKS());
  await b.call("transition_report", { id, request: { to: "review", reason: null, override_checks: false, check_errors: 0, date: null, recipients: null, address: null } });
  await b.call("set_identity", { name: "李审核", role: "reviewer" });
  const seeded = await storedTable(b, id);
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await page.getByTestId("tracking-toggle").getAttribute("aria-pressed")) === "true", "修订 on for the reviewer");
  await until(async () => (await domCells(page)).length === 3, "the table in the page");

  await select(page, "依法决策");
  await page.keyboard.type("科学决策");
  await frames(page);
  equal(await page.evaluate(() => [...document.querySelectorAll('[data-testid="editor"] td del.sg-del, [data-testid="editor"] td ins.sg-ins')].map((e) => e.textContent)), ["依法决策", "科学决策"], "struck through and inserted in the cell");
  let list = [];
  await until(async () => (list = await b.call("list_changes", { id, filter: null })).length === 1, "the change stored", SAVED);
  const [c] = list;
  equal([c.kind, c.old, c.new, c.start.node_id, c.author], ["replace", "依法决策", "科学决策", "ce11000000a1", "李审核"], "a replace on the cell paragraph");
  equal(await storedTable(b, id), seeded, "the stored table keeps the original text");

  // An IME composition in another cell: one insertion there once it ends.
  await select(page, "已完成", true);
  const cdp = await page.context().newCDPSession(page);
  for (const t of ["b", "bu", "bu'f", "bu'fen"]) {
    await cdp.send("Input.imeSetComposition", { text: t, selectionStart: t.length, selectionEnd: t.length });
    await page.waitForTimeout(30);
  }
  await cdp.send("Input.insertText", { text: "部分" });
  await until(async () => (list = await b.call("list_changes", { id, filter: null })).length === 2, "the IME text stored as a second change", SAVED);
  const ime = list.find((x) => x.id !== c.id);
  equal([ime.kind, ime.old, ime.new, ime.start.node_id, ime.start.offset], ["insert", "", "部分", seeded.rows[2][2].paragraphs[0].id, 0], "an insertion at the start of the cell paragraph");
  assert(!JSON.stringify(list).includes("bu"), "no pre-edit text saved");

  // The toolbar's structural buttons and 表题 are off while 修订 is on, and say why.
  await clickCell(page, "删除本行");
  await until(() => page.getByTestId("table-toolbar").isVisible(), "the table toolbar shows");
  for (const t of ["table-row-before", "table-row-after", "table-row-delete", "table-col-before", "table-col-after", "table-col-delete", "table-merge", "table-split", "table-header", "table-para-after", "table-delete", "table-title-input"])
    assert(await page.getByTestId(t).isDisabled(), `${t} disabled with 修订 on`);
  assert((await page.getByTestId("table-toolbar").getAttribute("title")).startsWith("修订模式下不能改动表格"), "the toolbar says why");
  // Tab in the last cell would add a row: refused with a reason.
  await clickCell(page, "部分已完成");
  await page.keyboard.press("End");
  await page.keyboard.press("Tab");
  await until(async () => (await page.getByTestId("editor-hint").textContent()).includes("修订模式下"), "a new row refused with a reason");
  equal((await domCells(page)).length, 3, "no row added");
  await page.locator('[data-testid="editor"] table tr:nth-child(3) td:nth-child(2)').click();
  await page.keyboard.down("Shift");
  await page.locator('[data-testid="editor"] table tr:nth-child(3) td:nth-child(3)').click();
  await page.keyboard.up("Shift");
  await until(async () => (await page.locator('[data-testid="editor"] .selectedCell').count()) === 2, "two cells selected");
  await page.keyboard.press("Backspace");
  await frames(page);
  equal((await domCells(page))[2], ["2", "删除本行", "部分已完成"], "the cells not emptied");
  await page.waitForTimeout(1500);
  equal(await storedTable(b, id), seeded, "the stored table untouched");
  equal((await b.call("list_changes", { id, filter: null })).length, 2, "still two changes");

  // Reopened, the change is laid over the cell again; accepted, it is the cell's text.
  await page.getByTestId("back-button").click();
  await openRow(page, "梅河口");
  await until(async () => JSON.stringify(await page.evaluate(() => [...document.querySelectorAll('[data-testid="editor"] td del.sg-del, [data-testid="editor"] td ins.sg-ins')].map((e) => e.textContent))) === '["依法决策","科学决策","部分"]', "the changes shown in the cells after reopening");
  await b.call("set_identity", { name: "张三", role: "drafter" });
  await b.call("accept_change", { changeId: c.id, expectedVersion: null });
  equal(await storedCellText(b, id, "ce11000000a1"), "推进科学决策", "accepted: the cell's text");
});

test("tables: a whole table copied (Ctrl+C on every cell) and pasted (Ctrl+V) after a paragraph is a second table with its title, header row and fresh ids", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await seedTable(b, id, TASKS());
  const page = await open();
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await openRow(page, "梅河口");
  await until(async () => (await domCells(page)).length === 3, "the table in the page");
  await page.locator('[data-testid="editor"] table tr:nth-child(1) th:nth-child(1)').click();
  await page.keyboard.down("Shift");
  await page.locator('[data-testid="editor"] table tr:nth-child(3) td:nth-child(3)').click();
  await page.keyboard.up("Shift");
  await until(async () => (await page.locator('[data-testid="editor"] .selectedCell').count()) === 9, "the whole table selected");
  await page.keyboard.press("Control+c");
  await caretIn(page, "特此报告。");
  await page.keyboard.press("Control+v");
  await until(async () => (await page.locator('[data-testid="editor"] table').count()) === 2, "a second table in the page");
  await until(async () => (await storedTables(b, id)).length === 2, "saved", SAVED);
  const preface = (await stored(b, id)).preface;
  equal(preface.map((p) => (p.table ? "表" : p.text)), [PREFACE, "表", "特此报告。", "表"], "the copy after 特此报告。");
  const [a, c] = preface.filter((p) => p.table);
  equal([cellTexts(c.table), c.table.header_rows, c.table.title], [cellTexts(a.table), 1, "重点任务完成情况表"], "the same cells, header row and title");
  const ids = [a, c].flatMap((t) => [t.id, ...t.table.rows.flat().flatMap((x) => x.paragraphs.map((p) => p.id))]);
  assert(new Set(ids).size === ids.length && ids.every((x) => /^[0-9a-f]{12}$/.test(x)), "every block and cell paragraph id unique");
  equal(a.id, "7ab1e0000001", "the original keeps its id");
});

test("tables: the toolbar splits a cell merged down, inserts a row above and a column left, and 删表格 takes the table out; each saved", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await seedTable(b, id, { header_rows: 1, rows: [[cell("类别"), cell("件数")], [cell("行政复议", 1, 2), cell("12")], [cell("9")]] });
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await domCells(page)).length === 3, "the table in the page");
  await clickCell(page, "行政复议");
  await toolbar(page, "table-split");
  equal(await domCells(page), [["类别", "件数"], ["行政复议", "12"], ["", "9"]], "拆分 split the two-row cell");
  await clickCell(page, "12");
  await toolbar(page, "table-row-before");
  equal(await domCells(page), [["类别", "件数"], ["", ""], ["行政复议", "12"], ["", "9"]], "上插行 added a row above");
  await clickCell(page, "件数");
  await toolbar(page, "table-col-before");
  equal(await domCells(page), [["类别", "", "件数"], ["", "", ""], ["行政复议", "", "12"], ["", "", "9"]], "左插列 added a column left");
  equal(await page.locator('[data-testid="editor"] table tr:first-child th').count(), 3, "the new column's first cell a header cell");
  await until(async () => {
    const t = await storedTable(b, id);
    return t && t.rows.length === 4 && t.rows.every((r) => r.length === 3 && r.every((c) => c.rowspan === 1 && c.colspan === 1)) && t.header_rows === 1;
  }, "saved: 4 × 3, no merge, one header row", SAVED);
  equal(cellTexts(await storedTable(b, id)), [["类别", "", "件数"], ["", "", ""], ["行政复议", "", "12"], ["", "", "9"]], "the stored cells");

  await toolbar(page, "table-delete");
  await until(async () => (await page.locator('[data-testid="editor"] table').count()) === 0, "删表格 took it out");
  await until(async () => JSON.stringify((await stored(b, id)).preface.map((p) => (p.table ? "表" : p.text))) === JSON.stringify([PREFACE, "特此报告。"]), "saved without the table", SAVED);
  await page.keyboard.press("Control+z");
  await until(async () => (await storedTables(b, id)).length === 1, "Ctrl+Z brought it back, saved", SAVED);
});
