// 设置 is the one entry for the program's settings: from the header's 设置 menu each
// page opens on the real Rust backend — 身份, 字体, 词库, 校对规则 — and the report
// list's toolbar no longer carries separate 词库/字体 buttons. The menu works by
// keyboard too (Enter opens it, ↓ moves, Escape closes).
import { assert, equal, test, until } from "./harness.mjs";
import { usual } from "./real-library.mjs";

const menuItems = ["settings-identity", "settings-fonts", "settings-lexicon", "settings-rules"];

async function openMenu(page) {
  await page.getByTestId("settings-button").click();
  await until(() => page.getByTestId("settings-menu").isVisible(), "设置 menu opens");
}

test("settings: 设置 reaches 身份, 字体, 词库 and 校对规则; no separate 词库/字体 buttons on the list", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  const page = await open({ real: true });
  await until(() => page.getByTestId("report-list").isVisible(), "report list");
  equal(await page.locator('[data-testid="lexicon-button"], [data-testid="fonts-button"]').count(), 0, "the list toolbar has no 词库/字体 buttons");

  await openMenu(page);
  equal(await page.getByTestId("settings-menu").locator('[role="menuitem"]').evaluateAll((els) => els.map((e) => e.dataset.testid)),
    menuItems, "身份, 字体, 词库, 校对规则 in this order");
  equal(await page.getByTestId("settings-menu").locator('[role="menuitem"]').allTextContents(),
    ["身份（姓名和角色）…", "字体…", "词库…", "校对规则…"], "the items' names");

  // 身份
  await page.getByTestId("settings-identity").click();
  await until(() => page.getByTestId("identity-dialog").isVisible(), "身份 opens");
  assert(await page.getByTestId("settings-menu").isHidden(), "the menu closed");
  await page.getByTestId("identity-cancel").click();
  await until(() => page.getByTestId("identity-dialog").isHidden(), "身份 closes");

  // 字体: the five roles, each 内置 or an installed family (from Rust).
  await openMenu(page);
  await page.getByTestId("settings-fonts").click();
  await until(() => page.getByTestId("font-settings").isVisible(), "字体 opens");
  assert(await page.getByTestId("settings-menu").isHidden(), "the menu closed");
  await until(async () => (await page.getByTestId("font-settings").locator("select").count()) === 5, "five roles");
  await page.getByTestId("font-close").click();
  await until(async () => (await page.getByTestId("font-settings").count()) === 0, "字体 closes");

  // 词库: the built-in lexicon listed (from Rust).
  await openMenu(page);
  await page.getByTestId("settings-lexicon").click();
  await until(() => page.getByTestId("lexicon").isVisible(), "词库 opens");
  await until(async () => /共\d{3,}条/.test(await page.getByTestId("lexicon-status").textContent()), "the built-in lexicon is listed");
  await page.getByTestId("lexicon-close").click();
  await until(async () => (await page.getByTestId("lexicon").count()) === 0, "词库 closes");

  // 校对规则: every registered rule, and saving reaches the library.
  await openMenu(page);
  await page.getByTestId("settings-rules").click();
  await until(() => page.getByTestId("rule-settings").isVisible(), "校对规则 opens");
  const rules = await b.call("list_rules", {});
  await until(async () => (await page.getByTestId("rule-row").count()) === rules.length, "every rule listed");
  await page.locator('[data-testid="rule-enabled"][data-rule="year.jinnian"]').uncheck();
  await page.getByTestId("rule-settings-save").click();
  await until(async () => (await page.getByTestId("rule-settings").count()) === 0, "saved and closed");
  await until(async () => (await b.call("get_rule_config", {})).rules["year.jinnian"]?.enabled === false, "stored in the library");

  // By keyboard: Enter on 设置 opens the menu on its first item, ↓ moves to 字体, Enter opens it.
  await page.getByTestId("settings-button").focus();
  await page.keyboard.press("Enter");
  await until(() => page.getByTestId("settings-menu").isVisible(), "menu by keyboard");
  await until(async () => (await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))) === "settings-identity", "first item focused");
  await page.keyboard.press("ArrowDown");
  equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "settings-fonts", "↓ moves to 字体");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  equal(await page.evaluate(() => document.activeElement?.getAttribute("data-testid")), "settings-rules", "↑ wraps to 校对规则");
  await page.keyboard.press("Escape");
  await until(() => page.getByTestId("settings-menu").isHidden(), "Escape closes the menu");
});
