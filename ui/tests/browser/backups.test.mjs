// 备份与恢复: the dialog from the report list, and the recovery screen at start
// when the library cannot be opened.
import { assert, equal, test, until } from "./harness.mjs";

const rows = (page) => page.locator('[data-testid="report-row"]');

/** Two backups: yesterday's with both seeded reports, an older one with none. */
function withBackups(fake) {
  fake.backups.add(fake, "2026-11-26T01:00:00.000Z", "daily");
  fake.backups.add({ reports: new Map() }, "2026-11-20T01:00:00.000Z", "before-migration");
}

test("backups: 备份与恢复 lists backups with time, kind and report count, and restores one after confirmation", async ({ open }) => {
  const page = await open({ setup: withBackups });
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.getByTestId("backups-button").click();
  const dialog = page.getByTestId("backups-dialog");
  await until(() => dialog.isVisible(), "dialog open");
  const list = page.getByTestId("backup-list");
  await until(() => list.isVisible(), "backup list");
  const texts = await list.locator("tbody tr").allInnerTexts();
  equal(texts.length, 2, "two backups");
  // Newest first, in local time (Asia/Shanghai): 01:00Z is 09:00.
  assert(texts[0].includes("2026-11-26 09:00") && texts[0].includes("每日备份") && texts[0].includes("2份"), texts[0]);
  assert(texts[1].includes("升级前备份") && texts[1].includes("0份"), texts[1]);

  // Cancelling the confirmation changes nothing.
  await list.getByTestId("restore-backup").nth(1).click();
  const confirm = page.getByTestId("restore-confirm");
  await until(() => confirm.isVisible(), "confirmation");
  const question = await confirm.innerText();
  assert(question.includes("不会删除") && question.includes("0份报告"), question);
  await page.getByTestId("confirm-cancel").click();
  await until(async () => !(await confirm.count()), "confirmation closed");
  equal(await page.evaluate(() => window.__fake.calls.filter((c) => c.cmd === "restore_backup").length), 0, "no restore");

  // Confirmed: the library is the backup's (no reports), and the user is told
  // where the replaced library went.
  await list.getByTestId("restore-backup").nth(1).click();
  await until(() => confirm.isVisible(), "confirmation again");
  await page.getByTestId("confirm-ok").click();
  await until(async () => !(await dialog.count()), "dialog closed");
  await until(() => page.getByTestId("report-list-empty").isVisible(), "list reloaded from the backup");
  const notice = await page.getByTestId("notices").innerText();
  assert(notice.includes("已从") && notice.includes("恢复前的资料库已另存为"), notice);
  const calls = await page.evaluate(() => window.__fake.calls.filter((c) => c.cmd === "restore_backup").map((c) => c.args));
  equal(calls, [{ id: "library-20261120T010000000Z-before-migration.sqlite3" }], "restored by id only");
});

test("backups: 立即备份 adds a backup to the list", async ({ open }) => {
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.getByTestId("backups-button").click();
  await until(() => page.getByTestId("backups-empty").isVisible(), "no backups yet");
  assert((await page.getByTestId("backups-empty").innerText()).includes("还没有备份"), "empty text");
  await page.getByTestId("backup-now").click();
  await until(async () => (await page.getByTestId("backup-list").locator("tbody tr").count()) === 1, "one backup");
  const row = await page.getByTestId("backup-list").locator("tbody tr").innerText();
  assert(row.includes("手动备份") && row.includes("2份"), row);
});

test("backups: a failed restore is explained in Chinese and the dialog stays open", async ({ open }) => {
  const page = await open({ setup: withBackups });
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.evaluate(() => window.__fake.failNext("restore_backup", { code: "disk_full", message: "磁盘空间不足，保存失败；已保存的内容不受影响" }));
  await page.getByTestId("backups-button").click();
  await until(() => page.getByTestId("backup-list").isVisible(), "list");
  await page.getByTestId("restore-backup").first().click();
  await page.getByTestId("confirm-ok").click();
  await until(async () => (await page.getByTestId("backups-error").innerText()).includes("磁盘空间不足"), "error shown");
  assert(await page.getByTestId("backups-dialog").isVisible(), "dialog still open");
  assert(await page.getByTestId("restore-backup").first().isEnabled(), "can retry");
});

function damaged(fake) {
  // (Serialised into the page: no helpers from this file.)
  fake.backups.add(fake, "2026-11-26T01:00:00.000Z", "daily");
  fake.backups.add({ reports: new Map() }, "2026-11-20T01:00:00.000Z", "before-migration");
  fake.backups.health = {
    status: "damaged",
    path: "/home/用户/.local/share/fazhi-studio/library.sqlite3",
    message: "资料库文件“/home/用户/.local/share/fazhi-studio/library.sqlite3”已损坏，无法正常读取",
    detail: "*** in database main ***\nPage 3: btreeInitPage() returns error code 11",
  };
  // The app runs on an empty stand-in while the library is unusable.
  fake.reports.clear();
}

test("backups: a damaged library opens on the recovery screen; 从最近的备份恢复 brings the reports back", async ({ open }) => {
  const page = await open({ setup: damaged });
  const screen = page.getByTestId("recovery-screen");
  await until(() => screen.isVisible(), "recovery screen");
  assert(!(await page.getByTestId("search-input").count()), "no report list behind it");
  const msg = await page.getByTestId("recovery-message").innerText();
  assert(msg.includes("已损坏"), msg);
  const text = await screen.innerText();
  assert(text.includes("不会删除") && text.includes("2026-11-26 09:00"), text);
  await page.getByTestId("restore-latest").click();
  const confirm = page.getByTestId("restore-confirm");
  await until(() => confirm.isVisible(), "confirmation");
  assert((await confirm.innerText()).includes("2份报告"), "the latest backup is offered");
  await page.getByTestId("confirm-ok").click();
  await until(async () => (await rows(page).count()) === 2, "reports of the backup listed");
  assert(!(await screen.count()), "recovery screen gone");
  assert((await page.getByTestId("notices").innerText()).includes("已从"), "notice");
});

test("backups: 新建资料库 on the recovery screen keeps the damaged file and opens an empty library", async ({ open }) => {
  const page = await open({ setup: damaged });
  await until(() => page.getByTestId("recovery-screen").isVisible(), "recovery screen");
  await page.getByTestId("new-library").click();
  const confirm = page.getByTestId("new-library-confirm");
  await until(() => confirm.isVisible(), "confirmation");
  assert((await confirm.innerText()).includes("不会删除"), "says nothing is deleted");
  await page.getByTestId("confirm-ok").click();
  await until(() => page.getByTestId("report-list-empty").isVisible(), "empty library");
  const notice = await page.getByTestId("notices").innerText();
  assert(notice.includes("已新建资料库") && notice.includes("library.sqlite3.damaged-"), notice);
});

test("backups: the recovery screen without any backup offers only a new library", async ({ open }) => {
  const page = await open({
    setup: (fake) => {
      fake.backups.health = { status: "not-sqlite", path: "/tmp/library.sqlite3", message: "文件“/tmp/library.sqlite3”不是资料库（不是SQLite数据库文件）", detail: null };
      fake.reports.clear();
    },
  });
  await until(() => page.getByTestId("recovery-screen").isVisible(), "recovery screen");
  assert(await page.getByTestId("restore-latest").isDisabled(), "no backup to restore");
  assert(await page.getByTestId("new-library").isEnabled(), "new library offered");
  assert((await page.getByTestId("backups-empty").innerText()).includes("还没有备份"), "says there is none");
});
