// [print] #19 on the real Rust backend: 打印 from the report view sends the report to
// the cups-pdf test queue (scripts/cups-test-queue.sh starts CUPS and the queue; it
// fails loudly when CUPS is missing), two-sided by default; 设置 → 字体 lists each role.
import { execFileSync } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { equal, test, until } from "./harness.mjs";
import { openRow, usual } from "./real-library.mjs";

const here = dirname(fileURLToPath(import.meta.url));

test("real-print: 打印 sends the report to a CUPS printer and reports the result; 设置 → 字体 lists the roles", async ({ open, backend, problems }) => {
  const queue = execFileSync("bash", [resolve(here, "../../../scripts/cups-test-queue.sh")]).toString().trim().split(" ")[0];
  const b = await backend();
  await usual(b);
  const page = await open({ real: true });

  await until(() => page.getByTestId("settings-button").isVisible(), "设置 button");
  await page.getByTestId("settings-button").click();
  await page.getByTestId("settings-fonts").click();
  await until(async () => (await page.locator('[data-testid^="font-"] >> xpath=self::select').count()) === 5, "five roles");
  equal(await page.getByTestId("font-body").inputValue(), "", "正文 is 内置 by default");
  await page.getByTestId("font-close").click();

  await openRow(page, "梅河口");
  await page.keyboard.press("Control+p");
  await until(() => page.getByTestId("print-dialog").isVisible(), "Ctrl+P opens 打印");
  await until(async () => (await page.getByTestId("print-printer").locator(`option[value="${queue}"]`).count()) === 1, "the queue is listed");
  equal(await page.getByTestId("print-duplex").isChecked(), true, "双面 by default");
  await page.getByTestId("print-printer").selectOption(queue);
  await page.getByTestId("print-confirm").click();
  await until(async () => (await page.getByTestId("print-status").textContent()).includes("已打印"), "the job completed", 40000);
  await page.getByTestId("print-pages").fill("9-1");
  await page.getByTestId("print-confirm").click();
  await until(async () => (await page.getByTestId("print-error").textContent()).includes("页码范围"), "a bad range is refused in Chinese");
  // The refusal travels as the command's error (HTTP 400 in this test mode): expected.
  const expected = problems.filter((p) => p.includes("400 (Bad Request)"));
  equal(expected.length, 1, "one refused command");
  problems.splice(0, problems.length, ...problems.filter((p) => !p.includes("400 (Bad Request)")));
});
