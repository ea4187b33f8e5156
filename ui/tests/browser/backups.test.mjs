// 备份与恢复: the dialog from the report list, and the recovery screen at start
// when the library cannot be opened — real backups made by the Rust core.
import { copyFile, mkdir, readFile, rename } from "node:fs/promises";
import { dirname, join } from "node:path";
import { assert, equal, test, until } from "./harness.mjs";
import { calls, library, rows } from "./real-library.mjs";

const backupsDir = async (b) => join(dirname((await b.host()).library), "backups");
/** A real backup (create_backup), renamed to the time and kind it stands for. */
async function backupAs(b, compact, kind) {
  const made = await b.call("create_backup", {});
  const dir = await backupsDir(b);
  const id = `library-${compact}-${kind}.sqlite3`;
  await rename(join(dir, made.id), join(dir, id));
  return id;
}
/** Two backups: yesterday's with both reports, an older one with none; returns their ids. */
async function withBackups(b) {
  await library(b);
  const older = await backupAs(b, "20261120T010000000Z", "before-migration");
  for (const [issuer, year] of [["梅河口市人民政府", 2019], ["通化市人民政府", 2020]]) await b.call("create_report", { input: { issuer, year } });
  const daily = await backupAs(b, "20261126T010000000Z", "daily");
  return [daily, older];
}
/**
 * The app started on `bytes` instead of a library, with the backups of the
 * current library beside it (the recovery screen reads them when it opens).
 */
async function startOn(b, bytes) {
  const from = await backupsDir(b);
  const ids = (await b.call("list_backups", {})).map((x) => x.id);
  await b.reset({ bytes: [...bytes] });
  const to = await backupsDir(b);
  await mkdir(to, { recursive: true });
  for (const id of ids) await copyFile(join(from, id), join(to, id));
}
/** A library whose table pages were overwritten: SQLite opens it, the integrity check fails. */
async function damagedBytes(b, id) {
  const bytes = Buffer.from(await readFile(join(await backupsDir(b), id)));
  const pageSize = bytes.readUInt16BE(16) === 1 ? 65536 : bytes.readUInt16BE(16);
  for (let i = pageSize * 2; i < Math.min(bytes.length, pageSize * 6); i++) bytes[i] = 0x5a;
  return bytes;
}

test("backups: 备份与恢复 lists backups with time, kind and report count, and restores one after confirmation", async ({ open, backend }) => {
  const b = await backend();
  const [, older] = await withBackups(b);
  const page = await open();
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
  equal((await calls(page, "restore_backup")).length, 0, "no restore");
  equal((await b.call("list_reports", {})).length, 2, "library unchanged");

  // Confirmed: the library is the backup's (no reports), and the user is told
  // where the replaced library went.
  await list.getByTestId("restore-backup").nth(1).click();
  await until(() => confirm.isVisible(), "confirmation again");
  await page.getByTestId("confirm-ok").click();
  await until(async () => !(await dialog.count()), "dialog closed", 8000);
  await until(() => page.getByTestId("report-list-empty").isVisible(), "list reloaded from the backup");
  const notice = await page.getByTestId("notices").innerText();
  assert(notice.includes("已从") && notice.includes("恢复前的资料库已另存为"), notice);
  equal(await calls(page, "restore_backup"), [{ id: older }], "restored by id only");
  equal((await b.call("list_reports", {})).length, 0, "Rust reads the restored library");
});

test("backups: 立即备份 adds a backup to the list", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019], ["通化市人民政府", 2020]]);
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.getByTestId("backups-button").click();
  await until(() => page.getByTestId("backups-empty").isVisible(), "no backups yet");
  assert((await page.getByTestId("backups-empty").innerText()).includes("还没有备份"), "empty text");
  await page.getByTestId("backup-now").click();
  await until(async () => (await page.getByTestId("backup-list").locator("tbody tr").count()) === 1, "one backup", 8000);
  const row = await page.getByTestId("backup-list").locator("tbody tr").innerText();
  assert(row.includes("手动备份") && row.includes("2份"), row);
  equal((await b.call("list_backups", {})).length, 1, "made by Rust");
});

test("backups: a failed restore is explained in Chinese and the dialog stays open", async ({ open, backend }) => {
  const b = await backend();
  await withBackups(b);
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.evaluate(() => window.__ipc.failNext("restore_backup", { code: "disk_full", message: "磁盘空间不足，保存失败；已保存的内容不受影响" }));
  await page.getByTestId("backups-button").click();
  await until(() => page.getByTestId("backup-list").isVisible(), "list");
  await page.getByTestId("restore-backup").first().click();
  await page.getByTestId("confirm-ok").click();
  await until(async () => (await page.getByTestId("backups-error").innerText()).includes("磁盘空间不足"), "error shown");
  assert(await page.getByTestId("backups-dialog").isVisible(), "dialog still open");
  assert(await page.getByTestId("restore-backup").first().isEnabled(), "can retry");
  equal((await b.call("list_reports", {})).length, 2, "library unchanged");
});

test("backups: a damaged library opens on the recovery screen; 从最近的备份恢复 brings the reports back", async ({ open, backend }) => {
  const b = await backend();
  const [daily] = await withBackups(b);
  await startOn(b, await damagedBytes(b, daily));
  const page = await open();
  const screen = page.getByTestId("recovery-screen");
  await until(() => screen.isVisible(), "recovery screen");
  assert(!(await page.getByTestId("search-input").count()), "no report list behind it");
  const msg = await page.getByTestId("recovery-message").innerText();
  assert(msg.includes("已损坏"), msg);
  await until(async () => (await screen.innerText()).includes("2026-11-26 09:00"), "the latest backup named");
  const text = await screen.innerText();
  assert(text.includes("不会删除") && text.includes("2026-11-26 09:00"), text);
  const confirm = page.getByTestId("restore-confirm");
  await page.getByTestId("restore-latest").click();
  await until(() => confirm.isVisible(), "confirmation");
  assert((await confirm.innerText()).includes("2份报告"), "the latest backup is offered");
  await page.getByTestId("confirm-ok").click();
  await until(async () => (await rows(page).count()) === 2, "reports of the backup listed", 8000);
  assert(!(await screen.count()), "recovery screen gone");
  assert((await page.getByTestId("notices").innerText()).includes("已从"), "notice");
  equal((await b.call("list_reports", {})).length, 2, "Rust reads the restored library");
  equal((await b.call("library_health", {})).status, "ok", "healthy again");
});

test("backups: 新建资料库 on the recovery screen keeps the damaged file and opens an empty library", async ({ open, backend }) => {
  const b = await backend();
  const [daily] = await withBackups(b);
  await startOn(b, await damagedBytes(b, daily));
  const page = await open();
  await until(() => page.getByTestId("recovery-screen").isVisible(), "recovery screen");
  await page.getByTestId("new-library").click();
  const confirm = page.getByTestId("new-library-confirm");
  await until(() => confirm.isVisible(), "confirmation");
  assert((await confirm.innerText()).includes("不会删除"), "says nothing is deleted");
  await page.getByTestId("confirm-ok").click();
  await until(() => page.getByTestId("report-list-empty").isVisible(), "empty library", 8000);
  const notice = await page.getByTestId("notices").innerText();
  assert(notice.includes("已新建资料库") && notice.includes("library.sqlite3.damaged-"), notice);
  equal((await b.call("library_health", {})).status, "ok", "the new library is healthy");
});

test("backups: the recovery screen without any backup offers only a new library", async ({ open, backend }) => {
  const b = await backend();
  await library(b);
  await startOn(b, Buffer.from("PK\x03\x04 a Word file saved over the library"));
  const page = await open();
  await until(() => page.getByTestId("recovery-screen").isVisible(), "recovery screen");
  assert((await page.getByTestId("recovery-message").innerText()).includes("不是资料库"), "says why");
  await until(() => page.getByTestId("backups-empty").isVisible(), "the backup list has arrived");
  assert(await page.getByTestId("restore-latest").isDisabled(), "no backup to restore");
  assert(await page.getByTestId("new-library").isEnabled(), "new library offered");
  assert((await page.getByTestId("backups-empty").innerText()).includes("还没有备份"), "says there is none");
});
