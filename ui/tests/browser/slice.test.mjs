// The [slice] UI: list, search, 新建报告, structure view, deletion, errors —
// against the real Rust backend (`fazhi serve-ipc`).
import { assert, equal, test, until } from "./harness.mjs";
import { calls, library, openRow, rows, usual } from "./real-library.mjs";

const rowTexts = (page) => rows(page).allInnerTexts();

test("the app title is shown and the list lists the library's reports", async ({ open, backend }) => {
  await usual(await backend());
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  equal(await page.title(), "法治报告编写器", "document.title");
  equal(await page.locator("h1").innerText(), "法治报告编写器", "visible title");
  const texts = await rowTexts(page);
  const mei = texts.find((t) => t.includes("梅河口市人民政府关于2019年法治政府建设情况的报告"));
  assert(mei, `a row with the 2019 title: ${texts}`);
  assert(mei.includes("2019年") && mei.includes("草稿"), `issuer, year and status: ${mei}`);
  assert(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/.test(mei), `last saved in local time: ${mei}`);
  // The search box has focus so the user can type at once.
  equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "search-input", "initial focus");
});

test("an empty library says so in Chinese", async ({ open, backend }) => {
  await library(await backend());
  const page = await open();
  await until(() => page.getByTestId("report-list-empty").isVisible(), "empty message");
  assert((await page.getByTestId("report-list-empty").innerText()).includes("还没有报告"), "empty text");
});

test("a new report appears with its four year-bearing part headings and in the list", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.getByTestId("new-report-button").click();
  const dialog = page.getByTestId("new-report-dialog");
  await until(() => dialog.isVisible(), "dialog open");
  equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "issuer-input", "focus in issuer");
  const prefilled = await page.getByTestId("issuer-input").inputValue();
  assert(prefilled === "通化市人民政府" || prefilled === "梅河口市人民政府", `issuer of the latest report offered: ${prefilled}`);
  await page.getByTestId("issuer-input").fill("辉南县人民政府");
  await page.getByTestId("year-input").fill("2021");
  const options = await page.getByTestId("template-select").locator("option").allInnerTexts();
  assert(options.includes("法定顺序") && options.includes("第一责任人履职情况在前"), `template options: ${options}`);
  await page.getByTestId("template-select").selectOption("statutory");
  await page.getByTestId("create-button").click();
  await until(() => page.getByTestId("report-view").isVisible(), "report view");
  await until(async () => !(await dialog.count()), "dialog closed", 8000);
  const headings = await page.getByTestId("part-heading").allInnerTexts();
  equal(headings.length, 4, "four parts");
  assert(headings[0].startsWith("一、2021年推进法治政府建设的主要举措和成效"), headings[0]);
  assert(headings[1].startsWith("二、2021年推进法治政府建设存在的不足和原因"), headings[1]);
  assert(headings[2].startsWith("三、2021年党政主要负责人履行推进法治建设第一责任人职责"), headings[2]);
  assert(headings[3].startsWith("四、2022年推进法治政府建设的主要安排"), headings[3]);
  // textContent: the title stands on the layout model's lines ([official]).
  const title = await page.getByTestId("doc-title").textContent();
  equal(title, "辉南县人民政府关于2021年法治政府建设情况的报告", "title");
  // Part one carries the 2021—2025 outline's tasks as （一）… sections.
  const secs = await page.getByTestId("outline-item").allInnerTexts();
  assert(secs[0].replace(/\s/g, "") === "（一）健全政府机构职能体系", `first preset: ${secs[0]}`);
  equal((await b.call("list_reports", {})).length, 3, "stored in the library");
  await page.getByTestId("back-button").click();
  await until(async () => (await rows(page).count()) === 3, "three rows");
  assert((await rowTexts(page)).some((t) => t.includes("辉南县人民政府关于2021年法治政府建设情况的报告")), "new row");
});

test("the optional fifth part and the leadership-first order are offered", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
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
  const created = (await b.call("list_reports", {})).find((r) => r.issuer === "某省司法厅");
  equal((await b.call("get_report", { id: created.id })).parts.length, 5, "five parts stored by Rust");
});

test("the new-report dialog validates in Chinese and is keyboard operable", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "rows");
  // Keyboard: from the search box, Tab reaches 新建报告; Enter opens the dialog.
  await page.getByTestId("search-input").focus();
  await page.keyboard.press("Tab");
  equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "new-report-button", "tab order");
  await page.keyboard.press("Enter");
  await until(() => page.getByTestId("new-report-dialog").isVisible(), "dialog");
  await page.getByTestId("issuer-input").fill("");
  await page.getByTestId("year-input").fill("19");
  await page.keyboard.press("Enter"); // submits the form
  const text = await page.getByTestId("new-report-dialog").innerText();
  assert(text.includes("请填写发文机关"), `issuer message: ${text}`);
  await page.getByTestId("issuer-input").fill("梅河口市人民政府");
  await page.getByTestId("create-button").click();
  assert((await page.getByTestId("new-report-dialog").innerText()).includes("请用四位阿拉伯数字填写年度"), "year message");
  equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "year-input", "focus on the bad field");
  await page.getByTestId("year-input").fill("1999");
  await page.getByTestId("create-button").click();
  assert((await page.getByTestId("new-report-dialog").innerText()).includes("年度应在2000至2100年之间"), "range message");
  equal((await calls(page, "create_report")).length, 0, "nothing sent while invalid");
  await page.keyboard.press("Escape");
  await until(async () => (await page.getByTestId("new-report-dialog").count()) === 0, "Escape closes");
  equal(await rows(page).count(), 2, "nothing created");
  equal((await b.call("list_reports", {})).length, 2, "nothing stored");
});

test("search filters the list through list_reports", async ({ open, backend }) => {
  await usual(await backend());
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.getByTestId("search-input").fill("通化");
  await until(async () => (await rows(page).count()) === 1, "one row");
  assert((await rowTexts(page))[0].includes("通化市人民政府"), "the matching report");
  // Full text: a word of the preface, not of the title.
  await page.getByTestId("search-input").fill("习近平法治思想");
  await until(async () => (await rowTexts(page)).join().includes("梅河口"), "body match");
  equal(await rows(page).count(), 1, "only the body match");
  const last = (await calls(page, "list_reports")).at(-1);
  equal(last, { query: "习近平法治思想" }, "query sent to the backend");
  await page.getByTestId("search-input").fill("没有这个词");
  await until(() => page.getByTestId("report-list-empty").isVisible(), "no results");
  assert((await page.getByTestId("report-list-empty").innerText()).includes("没有找到包含“没有这个词”的报告"), "message");
  await page.getByTestId("search-input").fill("");
  await until(async () => (await rows(page).count()) === 2, "all again");
});

test("opening a report shows its structure, and back returns to the list", async ({ open, backend }) => {
  await usual(await backend());
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await rows(page).filter({ hasText: "梅河口" }).getByRole("button").click();
  await until(() => page.getByTestId("report-view").isVisible(), "report view");
  const view = await page.getByTestId("editor").innerText();
  assert(view.includes("现将有关情况报告如下："), "preface shown");
  assert(view.includes("依法全面履行政府职能"), "2015—2020 outline preset in part one");
  const outline = (await page.getByTestId("outline").innerText()).replace(/\s/g, "");
  assert(outline.includes("（一）依法全面履行政府职能"), "numbered in the outline");
  assert(outline.includes("（八）完善法治政府建设组织保障和落实机制"), "numbering by position");
  const nums = await page.locator(".sec-heading").evaluateAll((els) => els.map((e) => e.getAttribute("data-num")));
  assert(nums[0] === "（一）" && nums[7] === "（八）", `numbers rendered on the headings: ${nums}`);
  await page.getByTestId("back-button").click();
  await until(() => page.getByTestId("report-list").isVisible(), "list");
  // Focus returns to the report that was open.
  const focused = await page.evaluate(() => document.activeElement?.closest("tr")?.innerText ?? "");
  assert(focused.includes("梅河口"), `focus on the row: ${focused}`);
});

test("delete asks for confirmation and then deletes", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await rows(page).filter({ hasText: "通化" }).click();
  await until(() => page.getByTestId("report-view").isVisible(), "report view");
  await page.getByTestId("delete-button").click();
  await until(() => page.getByTestId("confirm-delete").isVisible(), "confirmation");
  const question = await page.getByTestId("delete-dialog").innerText();
  assert(question.includes("确定要删除《通化市人民政府关于2020年法治政府建设情况的报告》吗"), question);
  // Cancel keeps the report (the default focus is on 取消, so Enter cannot delete by accident).
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

test("backend errors are shown to the user as the Chinese message", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  const page = await open({
    setup: (ipc) => ipc.failNext("list_reports", { code: "busy", message: "资料库正被其他程序占用，请稍后再试" }),
  });
  await until(() => page.getByTestId("error-message").isVisible(), "banner");
  equal(await page.getByTestId("error-message").locator(".banner-text").innerText(), "资料库正被其他程序占用，请稍后再试", "banner text");
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
  equal((await b.call("list_reports", {})).length, 2, "nothing stored");
  // Trying again works.
  await page.getByTestId("create-button").click();
  await until(() => page.getByTestId("report-view").isVisible(), "created on retry");
  equal((await b.call("list_reports", {})).length, 3, "stored on retry");
});

test("start-up notices from the backend are shown", async ({ open, backend }) => {
  const b = await backend();
  // A first start on an empty library imports the sample report and says so (startup.rs).
  await b.reset({ sample: true });
  await b.call("set_identity", { name: "王起草", role: "drafter" });
  const page = await open();
  await until(async () => (await page.getByTestId("notices").innerText()).includes("已导入示例报告"), "notice");
  assert((await page.getByTestId("notices").innerText()).includes("梅河口市"), "names the sample");
});
