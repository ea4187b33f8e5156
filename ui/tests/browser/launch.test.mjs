// A review package double-clicked in the file manager: the app starts with it
// (or a second launch hands it over) and opens it as a review copy. The
// package is a real one, exported by export_review_package; the launch goes
// through the test server's /__test/launch, which sets it as the Tauri shell does.
import { join } from "node:path";
import { assert, equal, test, until } from "./harness.mjs";
import { library } from "./real-library.mjs";

/** A package of a 梅河口 2019 report written by 王起草; then a fresh library where 李审核 reviews. Returns [path, id]. */
async function packageFromDrafter(b, name) {
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const path = join(b.dir, name);
  await b.dialog("PACKAGE_EXPORT", path);
  await b.call("export_review_package", { id });
  await library(b, [["通化市人民政府", 2020]], { name: "李审核", role: "reviewer" });
  return [path, id];
}

test("launch: a .fzbg the app was started with opens as a read-only review copy, once", async ({ open, backend }) => {
  const b = await backend();
  const [path, id] = await packageFromDrafter(b, "审阅包.fzbg");
  await b.launch([path]); // the command line the app was started with
  const page = await open();
  await until(() => page.getByTestId("lock-banner").isVisible(), "review copy opened");
  assert((await page.getByTestId("lock-banner").textContent()).includes("审阅副本"), "banner");
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "false", "read-only");
  equal(await b.call("open_launch_package", {}), null, "consumed");
  assert((await b.call("list_reports", {})).some((r) => r.id === id), "a copy in the library");
  equal((await b.call("workflow_info", { id })).review_copy, true, "kept as a review copy");
});

test("launch: a second launch hands a package over through __fazhiOpenLaunchPackage", async ({ open, backend }) => {
  const b = await backend();
  const [path, id] = await packageFromDrafter(b, "第二个.fzbg");
  const page = await open();
  await until(async () => (await page.getByTestId("report-row").count()) > 0, "list");
  equal(await page.getByTestId("lock-banner").count(), 0, "nothing opened without a package");
  // What the shell runs in the window when a second launch passes a package.
  const script = await b.launch([path]);
  await page.evaluate(script);
  await until(() => page.getByTestId("lock-banner").isVisible(), "opened");
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "false", "read-only");
  equal((await b.call("workflow_info", { id })).review_copy, true, "a review copy in the library");
});
