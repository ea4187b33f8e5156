// The UI against the real Rust backend (`fazhi serve-ipc`): every answer below
// comes from fazhi-app and the core, not from a stand-in.
import { readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, equal, test, until } from "./harness.mjs";
import { library, openRow } from "./real-library.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLE = resolve(here, "../../../assets/samples/meihekou-2019-web.txt");

test("real: 导入 through the dialog — the Rust importer's preview of the sample, then 确认导入 stores it", async ({ open, backend }) => {
  const b = await backend();
  await library(b);
  await b.dialog("IMPORT", SAMPLE);
  const page = await open();
  await until(() => page.getByTestId("report-list-empty").isVisible(), "empty library");
  await page.getByTestId("import-button").click();
  const dialog = page.getByTestId("import-dialog");
  await until(() => dialog.isVisible(), "preview dialog");
  assert((await page.getByTestId("import-file").innerText()).includes("meihekou-2019-web.txt"), "file name");
  equal(await page.getByTestId("import-year").inputValue(), "2019", "year inferred by Rust");
  equal(await page.getByTestId("import-part").count(), 4, "four parts");
  equal(await page.getByTestId("import-part").nth(0).getByTestId("import-section").count(), 8, "part one's 8 sections");
  await page.getByTestId("import-confirm").click();
  await until(() => page.getByTestId("report-view").isVisible(), "the new report opens");
  const list = await b.call("list_reports", {});
  equal(list.length, 1, "stored");
  assert(list[0].issuer.includes("梅河口市"), list[0].issuer);
});

test("real: 导出 writes the HTML where the save dialog said", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019]]);
  const out = join(b.dir, "导出的报告.html");
  await b.dialog("EXPORT", out);
  const page = await open();
  await openRow(page, "梅河口");
  await page.getByTestId("export-button").click();
  await until(() => page.getByTestId("export-dialog").isVisible(), "dialog");
  await page.getByTestId("export-format-html").check();
  await page.getByTestId("export-confirm").click();
  // The template's empty parts are check errors: the dialog warns first.
  await until(async () => (await page.getByTestId("export-toast").isVisible()) || (await page.getByTestId("export-warning").isVisible()), "warning or done");
  if (await page.getByTestId("export-warning").isVisible()) await page.getByTestId("export-confirm").click();
  await until(() => page.getByTestId("export-toast").isVisible(), "exported");
  const html = await readFile(out, "utf8");
  assert(html.includes("梅河口市人民政府关于2019年法治政府建设情况的报告"), "the exported page has the title");
});

test("real: a file that is not a library opens the recovery screen; 新建资料库 sets it aside", async ({ open, backend }) => {
  const b = await backend();
  await b.reset({ bytes: [...Buffer.from("PK\x03\x04 a Word file saved over the library")] });
  const page = await open();
  await until(() => page.getByTestId("recovery-screen").isVisible(), "recovery screen");
  await until(() => page.getByTestId("backups-empty").isVisible(), "says there is no backup");
  assert(await page.getByTestId("restore-latest").isDisabled(), "no backup to restore");
  await page.getByTestId("new-library").click();
  await until(() => page.getByTestId("new-library-confirm").isVisible(), "confirmation");
  await page.getByTestId("confirm-ok").click();
  await until(() => page.getByTestId("report-list-empty").isVisible(), "empty library");
  const { library: path } = await b.host();
  const aside = (await b.call("library_health", {})).status;
  equal(aside, "ok", "the new library is healthy");
  assert(typeof path === "string" && path.endsWith("library.sqlite3"), path);
});

test("real: 校对 runs the Rust rules on the imported sample", async ({ open, backend }) => {
  const b = await backend();
  await library(b);
  await b.dialog("IMPORT", SAMPLE);
  const preview = await b.call("pick_import", {});
  await b.call("confirm_import", { token: preview.token, options: { issuer: "梅河口市人民政府", year: 2019, template_id: null } });
  const page = await open();
  await openRow(page, "梅河口");
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await page.getByTestId("check-category").count()) > 0, "findings listed", 8000);
  const cats = await page.getByTestId("check-category").evaluateAll((els) => els.map((e) => e.dataset.category));
  assert(cats.includes("标点"), `a 标点 group from the Rust rules: ${cats}`);
  // The sample's half-width commas: the real count, not a stand-in's.
  const summary = await page.getByTestId("checks-summary").innerText();
  const errors = Number(/错误\s*(\d+)/.exec(summary)?.[1] ?? 0);
  assert(errors > 200, `over 200 errors in the scraped sample: ${summary}`);
});
