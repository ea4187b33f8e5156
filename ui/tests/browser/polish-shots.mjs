// Screenshots of the report view at office-laptop sizes, for issue #20's note:
// node tests/browser/polish-shots.mjs <prefix> (BUNDLE, FAZHI_BIN as for run.mjs).
// Not a test: it only records what the window looks like.
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launch, serve, startBackend } from "./harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLE = resolve(here, "../../../assets/samples/meihekou-2019-web.txt");
const prefix = process.argv[2] ?? "/tmp/20-shot";
const b = await startBackend();
const server = await serve(resolve(process.env.BUNDLE ?? "dist-test"), async () => b);
const browser = await launch();
try {
  await b.reset();
  await b.call("set_identity", { name: "王起草", role: "drafter" });
  await b.dialog("IMPORT", SAMPLE);
  const preview = await b.call("pick_import", {});
  await b.call("confirm_import", { token: preview.token, options: { issuer: "梅河口市人民政府", year: 2019, template_id: null } });
  for (const [w, hgt] of [[1366, 768], [1280, 800]]) {
    const ctx = await browser.newContext({ viewport: { width: w, height: hgt }, locale: "zh-CN", timezoneId: "Asia/Shanghai" });
    const page = await ctx.newPage();
    await page.goto(server.url + "?backend=real");
    await page.locator('[data-testid="report-row"] .open-link').first().click();
    await page.getByTestId("editor").waitFor();
    await page.getByTestId("checks-toggle").click();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `${prefix}-${w}x${hgt}.png` });
    await ctx.close();
  }
} finally {
  await browser.close();
  await server.close();
  await b.close();
}
