// [proofing] #18 on the real Rust backend: 设置 → 词库 (add, search, switch off,
// export and import through the host's dialogs), and in the 校对 panel 忽略并记住
// with 已忽略 and 恢复. The entry added in the 词库 is found by the next check; a
// remembered ignore stays away when the report changes elsewhere.
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assert, equal, test, until } from "./harness.mjs";
import { library, openRow, rewrite, stored } from "./real-library.mjs";

const items = (page, rule) => page.locator(`[data-testid="check-item"][data-rule="${rule}"]`);

test("real-proofing: an entry added in 词库 is found by the next 校对; 忽略并记住 survives an edit elsewhere; 恢复 brings it back", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  await rewrite(b, id, (d) => {
    d.preface = [{ ...(d.preface[0] ?? {}), text: "统一布署，推行阳光执法。现将有关情况报告如下：" }, ...d.preface.slice(1)];
  });
  const page = await open({ real: true });

  // 词库: add an entry of this library.
  await until(() => page.getByTestId("settings-button").isVisible(), "设置 button");
  await page.getByTestId("settings-button").click();
  await page.getByTestId("settings-lexicon").click();
  await until(async () => /共3\d\d条/.test(await page.getByTestId("lexicon-status").textContent()), "the built-in lexicon is listed");
  equal(await page.getByTestId("lexicon-row").count(), 100, "the first hundred rows, then 显示更多");
  await page.getByTestId("lex-wrong").fill("阳光执法");
  await page.getByTestId("lex-suggestion").fill("公开透明执法");
  await page.getByTestId("lex-group").selectOption("公文用语");
  await page.getByTestId("lex-level").selectOption("error");
  await page.getByTestId("lex-save").click();
  await until(async () => (await page.getByTestId("lexicon-status").textContent()).includes("已添加"), "added");
  await page.getByTestId("lexicon-search").fill("阳光执法");
  await until(async () => (await page.getByTestId("lexicon-row").count()) === 1, "search finds it");
  equal(await page.getByTestId("lexicon-row").getAttribute("data-source"), "user", "a library entry");
  // Export to XLSX and import a CSV through the host's dialogs.
  const dir = mkdtempSync(join(tmpdir(), "fazhi-lexicon-"));
  await b.dialog("EXPORT", join(dir, "词库.xlsx"));
  await page.getByTestId("lexicon-export-xlsx").click();
  await until(async () => (await page.getByTestId("lexicon-status").textContent()).includes("已导出"), "exported");
  assert(existsSync(join(dir, "词库.xlsx")), "the XLSX file was written");
  const csv = join(dir, "mine.csv");
  writeFileSync(csv, "错误写法,建议写法,级别,条件,分组,说明\n台帐,台账,提示,always,错别字,本库改为提示\n");
  await b.dialog("IMPORT", csv);
  await page.getByTestId("lexicon-import").click();
  await until(async () => (await page.getByTestId("lexicon-status").textContent()).includes("修改1条"), "imported and merged");
  await page.getByTestId("lexicon-close").click();

  // 校对 finds the new entry.
  await openRow(page, "梅河口");
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await items(page, "lex.style").filter({ hasText: "阳光执法" }).count()) === 1, "the new entry is found");
  await until(async () => (await items(page, "lex.typo").filter({ hasText: "布署" }).count()) === 1, "布署 flagged");

  // 忽略并记住 布署.
  await items(page, "lex.typo").filter({ hasText: "布署" }).getByTestId("check-ignore-remember").click();
  await until(async () => (await items(page, "lex.typo").filter({ hasText: "布署" }).count()) === 0, "布署 ignored");
  const ignored = await b.call("list_ignored", { id });
  equal(ignored.length, 1, "one remembered ignore");
  equal(ignored[0].scope, "report");

  // An edit elsewhere (another paragraph), checked by the same backend: still ignored.
  const { id: _i, status: _s, status_label: _l, version: _v, created_at: _c, updated_at: _u, title: _t, ...doc } = await stored(b, id);
  doc.parts[0].sections[0].paragraphs = [{ text: "新增内容，统一按排。" }];
  const checked = await b.call("check_report", { id, document: doc });
  assert(!checked.findings.some((f) => f.text === "布署"), "still away after an edit elsewhere");
  assert(checked.ignored.some((f) => f.text === "布署"), "listed as ignored");
  assert(checked.findings.some((f) => f.text === "按排"), "the new text is checked");

  // 已忽略 → 恢复.
  await until(() => page.getByTestId("checks-ignored").isVisible(), "已忽略 section");
  await page.getByTestId("checks-ignored").locator("summary").click();
  await until(async () => (await page.getByTestId("ignored-item").count()) === 1, "ignored listed");
  await page.getByTestId("ignored-restore").click();
  await until(async () => (await items(page, "lex.typo").filter({ hasText: "布署" }).count()) === 1, "布署 back after 恢复");
  equal((await b.call("list_ignored", { id })).length, 0, "the ignore is gone");

  // 所有报告: remembered for the whole library (report_id null).
  await items(page, "lex.style").filter({ hasText: "阳光执法" }).getByTestId("check-ignore-library").click();
  await until(async () => (await items(page, "lex.style").filter({ hasText: "阳光执法" }).count()) === 0, "ignored everywhere");
  const everywhere = await b.call("list_ignored", { id });
  equal(everywhere[0].scope, "library");
  equal(everywhere[0].report_id, null, "library-wide");
});
