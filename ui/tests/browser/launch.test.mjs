// A review package double-clicked in the file manager: the app starts with it
// (or a second launch hands it over) and opens it as a review copy.
import { assert, equal, test, until } from "./harness.mjs";

const withLaunchPackage = (fake) => {
  fake.review.identity = { name: "李审核", role: "reviewer" };
  const original = [...fake.reports.values()].find((r) => r.doc.issuer.includes("梅河口"));
  const report = structuredClone(original);
  report.id = "a1b2c3d4e5f6";
  report.revisions = [];
  fake.review.packages.set("/tmp/审阅包.fzbg", { report, comments: [], exported_by: "王起草", exported_at: "2026-02-01T08:00:00.000Z" });
  fake.reports.delete(original.id);
  fake.review.launchPackagePath = "/tmp/审阅包.fzbg";
};

test("launch: a .fzbg the app was started with opens as a read-only review copy, once", async ({ open }) => {
  const page = await open({ setup: withLaunchPackage });
  await until(() => page.getByTestId("lock-banner").isVisible(), "review copy opened");
  assert((await page.getByTestId("lock-banner").textContent()).includes("审阅副本"), "banner");
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "false", "read-only");
  equal(await page.evaluate(() => window.__fake.review.launchPackagePath), null, "consumed");
  equal(await page.evaluate(() => window.__fake.review.copies.has("a1b2c3d4e5f6")), true, "a copy in the library");
});

test("launch: a second launch hands a package over through __fazhiOpenLaunchPackage", async ({ open }) => {
  const page = await open({ setup: (fake) => { fake.review.identity = { name: "李审核", role: "reviewer" }; } });
  await until(async () => (await page.getByTestId("report-row").count()) > 0, "list");
  equal(await page.getByTestId("lock-banner").count(), 0, "nothing opened without a package");
  await page.evaluate(() => {
    const fake = window.__fake;
    const original = [...fake.reports.values()][0];
    const report = structuredClone(original);
    report.id = "0f0e0d0c0b0a";
    report.revisions = [];
    fake.review.packages.set("/tmp/第二个.fzbg", { report, comments: [], exported_by: "王起草", exported_at: "2026-02-01T08:00:00.000Z" });
    fake.reports.delete(original.id);
    fake.review.launchPackagePath = "/tmp/第二个.fzbg";
    return window.__fazhiOpenLaunchPackage();
  });
  await until(() => page.getByTestId("lock-banner").isVisible(), "opened");
});
