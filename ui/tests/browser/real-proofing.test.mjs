// [proofing] #18 on the real Rust backend: 设置 → 词库 (add, search, switch off,
// export and import through the host's dialogs), and in the 校对 panel 忽略并记住
// with 已忽略 and 恢复. The entry added in the 词库 is found by the next check; a
// remembered ignore stays away when the report changes elsewhere.
import { mkdtempSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { assert, equal, test, until } from "./harness.mjs";
import { expectRefusals, library, openRow, rewrite, stored } from "./real-library.mjs";

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
  await until(async () => /共\d{3,}条/.test(await page.getByTestId("lexicon-status").textContent()), "the built-in lexicon is listed");
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

test("real-proofing: 词库 shows conditions in Chinese (后接：…); an entry added with a Chinese condition is saved and found only where it holds", async ({ open, backend, problems }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  await rewrite(b, id, (d) => {
    d.preface = [{ ...(d.preface[0] ?? {}), text: "推行清单制管理，完善清单制。现将有关情况报告如下：" }, ...d.preface.slice(1)];
  });
  const page = await open({ real: true });
  await until(() => page.getByTestId("settings-button").isVisible(), "设置 button");
  await page.getByTestId("settings-button").click();
  await page.getByTestId("settings-lexicon").click();
  await until(async () => /共\d{3,}条/.test(await page.getByTestId("lexicon-status").textContent()), "the built-in lexicon is listed");
  const cell = (wrong) => page.getByTestId("lexicon-row").filter({ has: page.locator("td.lex-wrong", { hasText: new RegExp(`^${wrong}$`) }) }).getByTestId("lex-row-condition");
  // A built-in condition (stored as followed_by:法律|…) reads in Chinese.
  await page.getByTestId("lexicon-search").fill("制订");
  await until(async () => (await cell("制订").count()) === 1, "制订 listed");
  const builtin = await cell("制订").textContent();
  assert(builtin.startsWith("后接：法律｜法规｜"), `the built-in condition in Chinese: ${builtin}`);
  const shown = await page.locator("table").getByTestId("lex-row-condition").allTextContents();
  assert(shown.every((t) => !/_by|regex|always/.test(t)), `no English keyword in the table: ${shown}`);
  assert((await page.getByTestId("lex-condition").getAttribute("title")).includes("不前接："), "the tooltip explains the Chinese syntax");
  assert((await page.getByTestId("lex-condition-help").textContent()).includes("后接："), "so does the help under the form");

  // A bad condition is refused in Chinese, naming the keywords.
  await page.getByTestId("lex-wrong").fill("清单制");
  await page.getByTestId("lex-suggestion").fill("清单制度");
  await page.getByTestId("lex-group").selectOption("公文用语");
  await page.getByTestId("lex-condition").fill("后面是管理");
  await page.getByTestId("lex-save").click();
  await until(async () => (await page.getByTestId("lexicon-error").textContent()).includes("后接："), "refused in Chinese");
  // Typed in Chinese: saved, listed in Chinese, stored in the library's syntax.
  await page.getByTestId("lex-condition").fill("后接：管理｜工作");
  await page.getByTestId("lex-save").click();
  await until(async () => (await page.getByTestId("lexicon-status").textContent()).includes("已添加"), "added");
  await page.getByTestId("lexicon-search").fill("清单制");
  await until(async () => (await cell("清单制").count()) === 1, "search finds it");
  equal(await cell("清单制").textContent(), "后接：管理｜工作", "listed as typed");
  const saved = (await b.call("list_lexicon", {})).find((e) => e.wrong === "清单制");
  equal(saved.condition, "followed_by:管理|工作", "stored in the library's syntax");
  equal(saved.condition_label, "后接：管理｜工作");
  // 修改 shows the Chinese form in the edit box.
  await page.locator('[data-testid="lexicon-row"][data-source="user"]').getByTestId("lex-edit").click();
  equal(await page.getByTestId("lex-condition").inputValue(), "后接：管理｜工作", "the edit box shows the Chinese form");
  await page.getByTestId("lexicon-close").click();

  // 校对: 清单制 followed by 管理 is flagged, the one before 。 is not.
  await openRow(page, "梅河口");
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await items(page, "lex.style").filter({ hasText: "清单制度" }).count()) === 1, "the new entry is found once");
  const { id: _i, status: _s, status_label: _l, version: _v, created_at: _c, updated_at: _u, title: _t, ...doc } = await stored(b, id);
  const checked = await b.call("check_report", { id, document: doc });
  equal(checked.findings.filter((f) => f.text === "清单制").length, 1, "only where the condition holds");
  expectRefusals(problems);
});
