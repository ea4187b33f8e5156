// [official] #16 (and #20's metadata points) on the real Rust backend: the 报告信息
// panel's 版头 fields, a refused field shown beside itself while the rest keeps
// saving, the Chinese date field (typed forms, calendar, impossible dates refused
// inline), the 附件 editor, and 打印预览 showing the 版头 in red and the attachment's
// own page as the PDF lays them out.
import { assert, equal, test, until } from "./harness.mjs";
import { expectRefusals, library, openRow, stored } from "./real-library.mjs";

const saveState = (page) => page.getByTestId("save-status").getAttribute("data-state");
const openPanel = async (page) => {
  if (await page.getByTestId("meta-panel").isHidden()) await page.getByTestId("meta-toggle").click();
};

test("real-official: a refused 发文字号 shows its reason beside it and the rest of the report still saves", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await openPanel(page);
  await page.getByTestId("meta-docnumber").fill("梅政发(2020)01号");
  await until(async () => (await page.getByTestId("meta-docnumber-error").textContent()).includes("六角括号"), "reason beside the field");
  // Another field still saves, and the refused value never reached the store.
  await page.getByTestId("meta-addressee").fill("通化市人民政府");
  await until(async () => (await stored(b, id)).addressee === "通化市人民政府", "the rest saved", 15000);
  equal((await stored(b, id)).doc_number, null, "the refused 发文字号 is not stored");
  await page.getByTestId("meta-docnumber").fill("梅政发〔2020〕1号");
  await until(async () => (await stored(b, id)).doc_number === "梅政发〔2020〕1号", "fixed value saved", 15000);
  equal(await page.getByTestId("meta-docnumber-error").textContent(), "", "reason gone");
  // 份号 and 紧急程度 are the 版头's.
  await page.getByTestId("meta-copy-number").fill("12");
  await until(async () => (await page.getByTestId("meta-copy-number-error").textContent()).includes("6位"), "份号 reason");
  await page.getByTestId("meta-urgency").selectOption("特急");
  await until(async () => (await stored(b, id)).urgency === "特急", "紧急程度 saved", 15000);
});

test("real-official: 成文日期 takes the usual written forms, shows 2020年3月13日, offers a calendar and refuses impossible dates", async ({ open, backend, problems }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await openPanel(page);
  const date = page.getByTestId("meta-date");
  equal(await date.getAttribute("type"), "text", "not a locale-formatted <input type=date>");
  for (const typed of ["2020-03-13", "2020.3.13", "2020/3/13", "2020年3月13日"]) {
    await date.fill(typed);
    await date.dispatchEvent("change");
    await until(async () => (await date.inputValue()) === "2020年3月13日", `${typed} shown officially`);
    await until(async () => (await stored(b, id)).date === "2020-03-13", `${typed} stored as ISO`, 15000);
  }
  await date.fill("2019-02-29");
  await until(async () => (await page.getByTestId("meta-date-error").textContent()) === "2019年2月没有29日", "impossible date refused inline");
  equal((await stored(b, id)).date, "2020-03-13", "the refused date is not stored");
  // The calendar: pick the 5th of the shown month.
  await page.getByTestId("meta-date-pick").click();
  const month = await page.getByTestId("cal-month").textContent();
  equal(month, "2020年3月", "the calendar opens on the field's month");
  await page.getByTestId("meta-date-calendar").locator('[data-day="5"]').click();
  await until(async () => (await date.inputValue()) === "2020年3月5日", "picked date shown");
  await until(async () => (await stored(b, id)).date === "2020-03-05", "picked date stored", 15000);
  assert((await saveState(page)) !== "error", "saving never stopped");
  // parse_date refused the impossible date (an HTTP 400 the browser logs).
  expectRefusals(problems);
});

test("real-official: an 附件 edited in the panel is saved and 打印预览 shows the red 版头 and the attachment's page", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await openPanel(page);
  await page.getByTestId("meta-docnumber").fill("梅政发〔2020〕1号");
  await page.getByTestId("meta-signer").fill("王某某");
  await page.getByTestId("meta-attachment-add").click();
  await page.getByTestId("meta-attachment-title").fill("2019年法治政府建设重点工作完成情况");
  await page.getByTestId("meta-attachment-body").fill("行政决策合法性审查全覆盖。\n执法公示平台运行良好。");
  await until(async () => {
    const a = (await stored(b, id)).attachments ?? [];
    return a.length === 1 && a[0].paragraphs.length === 2 && a[0].title.startsWith("2019年");
  }, "attachment saved", 15000);
  await until(async () => (await stored(b, id)).signer === "王某某", "signer saved", 15000);
  // The title on the layout model's lines (the PDF's and the DOCX's), not cut mid-word.
  await until(async () => (await page.getByTestId("doc-title").innerText()) === "梅河口市人民政府关于\n2019年法治政府建设情况的报告", "title lines");
  // The page words the 附件说明 and the 附注 as the layout model does (not "（(附件略)）").
  await page.getByTestId("meta-note").fill("(附件略)");
  await until(async () => (await page.getByTestId("attachment-note").first().innerText()) === "附件：2019年法治政府建设重点工作完成情况", "附件说明 on the page");
  await until(async () => (await page.getByTestId("signature-block").innerText()).includes("（附件略）"), "附注 normalised once");
  assert(!(await page.getByTestId("signature-block").innerText()).includes("（("), "no doubled bracket");
  // 打印预览 (报送版): the mark in red, the red rule, 附件说明 and the 附件 page.
  const preview = await b.call("preview_pdf", { id, profile: "filing" });
  const first = preview.pages[0];
  const mark = first.lines.find((l) => l.kind === "issuer_mark");
  equal(mark?.text, "梅河口市人民政府", "the mark");
  assert(mark.color && first.rules.some((r) => r.color === mark.color), "red mark and red rule");
  // The button may sit in a toolbar menu: press it as the menu item does.
  await page.getByTestId("print-preview-button").evaluate((btn) => btn.click());
  await until(async () => (await page.locator('[data-kind="issuer_mark"]').count()) > 0, "mark drawn");
  const color = await page.locator('[data-kind="issuer_mark"]').first().evaluate((e) => getComputedStyle(e).color);
  equal(color, "rgb(255, 51, 51)", "drawn in the standard's red");
  const label = preview.pages.findIndex((p) => p.lines.some((l) => l.kind === "attachment_label"));
  assert(label > 0, "the attachment has its own page");
  assert(preview.pages.slice(0, label).some((p) => p.lines.some((l) => l.kind === "attachment_note" && l.text.startsWith("附件："))),
    "附件说明 under the body");
});
