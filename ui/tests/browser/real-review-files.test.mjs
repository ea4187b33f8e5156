// [review], [files] and [backups] against the real Rust backend (`fazhi serve-ipc`):
// identity, comments, the workflow, 打印预览, 下一年度报告, 导入 取消, 备份.
import { copyFile, mkdir } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, equal, test, until } from "./harness.mjs";
import { library as sharedLibrary, openRow, rows } from "./real-library.mjs";

const library = (b, reports = [], identity = { name: "张三", role: "drafter" }) => sharedLibrary(b, reports, identity);

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLE = resolve(here, "../../../assets/samples/meihekou-2019-web.txt");
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** A library holding the imported sample (text to comment on and to lay out); returns its id. */
async function withSample(b, identity) {
  await library(b, [], identity);
  await b.dialog("IMPORT", SAMPLE);
  const preview = await b.call("pick_import", {});
  await b.call("confirm_import", { token: preview.token, options: { issuer: "梅河口市人民政府", year: 2019, template_id: null } });
  return (await b.call("list_reports", {}))[0].id;
}

/** Selects `quote` in the block that holds it, across decoration spans. */
async function select(page, quote) {
  await page.evaluate((quote) => {
    const root = document.querySelector('[data-testid="editor"]');
    const block = [...root.querySelectorAll("p.para, .sec-heading")].find((b) => b.textContent.includes(quote));
    if (!block) throw new Error(`no text ${quote}`);
    const at = block.textContent.indexOf(quote);
    const point = (offset) => {
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
      let seen = 0;
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (offset <= seen + n.data.length) return [n, offset - seen];
        seen += n.data.length;
      }
      throw new Error("offset outside the block");
    };
    root.focus();
    const r = document.createRange();
    r.setStart(...point(at));
    r.setEnd(...point(at + quote.length));
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  }, quote);
  await frames(page);
}

/** Clicks `target` until `shown` is visible (a panel re-rendering as an answer arrives can swallow a click). */
async function clickUntil(page, target, shown, message) {
  await until(async () => {
    if (await shown.isVisible()) return true;
    await target.click({ timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(150);
    return shown.isVisible();
  }, message, 8000);
}

async function addComment(page, quote, text) {
  const before = await page.getByTestId("comment-thread").count();
  // The panel re-renders as answers arrive and can swallow the click: select
  // and click again until the input is there.
  await until(async () => {
    if (await page.getByTestId("comment-input").isVisible()) return true;
    await select(page, quote);
    await page.getByTestId("add-comment").click({ timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(150);
    return page.getByTestId("comment-input").isVisible();
  }, "the comment input opens", 8000);
  await page.getByTestId("comment-input").fill(text);
  await page.getByTestId("comment-submit").click();
  await until(async () => (await page.getByTestId("comment-thread").count()) > before && (await page.getByTestId("comment-new").isHidden()), "comment added");
}

test("real: review first launch asks 姓名 and 角色; set_identity stores them in Rust", async ({ open, backend }) => {
  const b = await backend();
  await b.reset();
  // Test builds ask only when the page says so.
  const page = await open({ real: true, query: "askidentity" });
  await until(() => page.getByTestId("identity-dialog").isVisible(), "identity dialog on first launch");
  await page.getByTestId("identity-save").click();
  await until(async () => (await page.getByTestId("identity-error").textContent()) === "请填写姓名", "empty name refused");
  await page.getByTestId("identity-name").fill("王五");
  await page.getByTestId("identity-role").selectOption("reviewer");
  await page.getByTestId("identity-save").click();
  await until(() => page.getByTestId("identity-dialog").isHidden(), "dialog closes");
  await until(async () => (await page.getByTestId("identity-chip").textContent()) === "王五（审核人）", "header shows the identity");
  const id = await b.call("get_identity", {});
  equal([id?.name, id?.role], ["王五", "reviewer"], "stored in the library");
  await page.getByTestId("settings-button").click();
  await page.getByTestId("settings-identity").click();
  await page.getByTestId("identity-role").selectOption("approver");
  await page.getByTestId("identity-save").click();
  await until(async () => (await page.getByTestId("identity-chip").textContent()) === "王五（签发人）", "changed in 设置");
  await until(async () => (await b.call("get_identity", {}))?.role === "approver", "changed in Rust");
});

test("real: review adds a comment, a reply, resolves and reopens it — all stored by Rust", async ({ open, backend }) => {
  const b = await backend();
  const id = await withSample(b);
  const page = await open({ real: true });
  await openRow(page);
  await addComment(page, "正确领导", "表述请与纲要一致");
  let [c] = await b.call("list_comments", { id, filter: null });
  equal([c?.anchor?.quote, c?.text, c?.author, c?.resolved], ["正确领导", "表述请与纲要一致", "张三", false], "stored on the range");
  await page.waitForTimeout(300);
  await clickUntil(page, page.getByTestId("comment-thread").first().getByTestId("reply-button"), page.getByTestId("reply-input"), "reply box");
  await page.getByTestId("reply-input").fill("已修改");
  await page.getByTestId("reply-submit").click();
  await until(async () => (await page.getByTestId("comment-reply").count()) === 1, "reply shown");
  [c] = await b.call("list_comments", { id, filter: null });
  equal(c.replies.map((r) => r.text), ["已修改"], "reply stored");
  await page.waitForTimeout(300);
  await page.getByTestId("comment-thread").first().getByTestId("resolve-button").click();
  await until(async () => (await page.getByTestId("comment-thread").count()) === 0, "resolved leaves 未解决");
  await until(async () => (await b.call("list_comments", { id, filter: null }))[0].resolved === true, "resolved in Rust");
  await page.getByTestId("comment-filter-state").selectOption("resolved");
  await until(async () => (await page.getByTestId("comment-thread").count()) === 1, "shown under 已解决");
  await page.waitForTimeout(300);
  await page.getByTestId("comment-thread").first().getByTestId("resolve-button").click();
  await until(async () => (await b.call("list_comments", { id, filter: null }))[0].resolved === false, "reopened in Rust");
});

test("real: review 送审 → 定稿 needs an override reason with open comments; then the editor is read-only", async ({ open, backend }) => {
  const b = await backend();
  const id = await withSample(b);
  const page = await open({ real: true });
  await openRow(page);
  await addComment(page, "正确领导", "未解决");
  equal(await page.getByTestId("workflow-status").textContent(), "草稿", "status badge");
  await page.locator('[data-testid="wf-action"][data-to="review"]').click();
  await page.getByTestId("transition-confirm").click();
  await until(async () => (await page.getByTestId("workflow-status").textContent()) === "审阅中", "审阅中 after 送审", 5000);
  assert(await page.locator('[data-testid="wf-action"][data-to="final"]').isDisabled(), "起草人 cannot 定稿");
  await b.call("set_identity", { name: "李四", role: "approver" });
  await page.reload();
  await openRow(page);
  await page.locator('[data-testid="wf-action"][data-to="final"]').click();
  await until(() => page.getByTestId("finalize-blockers").isVisible(), "blockers shown");
  assert((await page.getByTestId("finalize-blockers").textContent()).includes("1 条未解决的批注"), "open comment listed");
  await page.getByTestId("transition-confirm").click();
  await until(async () => ((await page.getByTestId("transition-error").textContent()) ?? "").includes("仍要定稿"), "override needed");
  await page.getByTestId("override-checkbox").check();
  await page.getByTestId("transition-confirm").click();
  await until(async () => ((await page.getByTestId("transition-error").textContent()) ?? "").includes("理由"), "reason needed");
  await page.getByTestId("transition-reason").fill("领导已同意，批注留待下年");
  await page.getByTestId("transition-confirm").click();
  await until(async () => (await page.getByTestId("workflow-status").textContent()) === "已定稿", "已定稿", 5000);
  assert((await page.getByTestId("lock-banner").textContent()).includes("已锁定"), "banner says why");
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "false", "editor read-only");
  const before = JSON.stringify((await b.call("get_report", { id })).doc);
  await page.getByTestId("editor").click();
  await page.keyboard.type("改动");
  await page.waitForTimeout(1300);
  equal(JSON.stringify((await b.call("get_report", { id })).doc), before, "typing refused");
  assert(!(await page.getByTestId("editor").textContent()).includes("改动"), "nothing typed");
});

test("real: 打印预览 shows A4 pages laid out by the Rust typesetter", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true });
  await openRow(page);
  await page.getByTestId("print-preview-button").click();
  const dialog = page.getByTestId("preview-dialog");
  await until(() => dialog.isVisible(), "preview");
  await until(async () => /第 1 页，共 \d+ 页/.test(await page.getByTestId("preview-count").innerText()), "count", 10000);
  const total = Number((await page.getByTestId("preview-count").innerText()).match(/共 (\d+) 页/)[1]);
  assert(total >= 3, `several pages: ${total}`);
  const box = await page.getByTestId("preview-page").boundingBox();
  assert(Math.abs(box.width / box.height - 210 / 297) < 0.01, `A4 proportions ${box.width}×${box.height}`);
  const first = page.getByTestId("preview-line").first();
  equal(await first.getAttribute("data-kind"), "title", "title first");
  assert((await first.textContent()).includes("梅河口市人民政府"), `title text: ${await first.textContent()}`);
  await page.getByTestId("preview-next").click();
  await until(async () => (await page.getByTestId("preview-count").innerText()).startsWith("第 2 页"), "page 2");
  equal(await page.getByTestId("preview-page").getAttribute("data-page"), "2", "page 2 drawn");
});

test("real: 下一年度报告 opens the new report with 参考：上年度报告 beside it", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true });
  await openRow(page);
  await page.getByTestId("next-year-button").click();
  await until(async () => (await page.getByTestId("doc-title").innerText()) === "梅河口市人民政府关于2020年法治政府建设情况的报告", "2020 report open", 8000);
  const pane = page.getByTestId("reference-pane");
  await until(() => pane.isVisible(), "reference shown");
  const text = await page.getByTestId("reference-body").innerText();
  assert(text.includes("梅河口市人民政府关于2019年法治政府建设情况的报告"), "last year's title");
  assert(text.includes("正确领导"), "last year's text");
  const toggle = page.getByTestId("reference-toggle");
  equal(await toggle.getAttribute("aria-pressed"), "true", "pressed");
  await toggle.click();
  assert(!(await pane.isVisible()), "hidden");
  const list = await b.call("list_reports", {});
  equal(list.map((r) => r.year).sort(), [2019, 2020], "stored in Rust");
});

test("real: 导入 取消 writes nothing; a cancelled file dialog shows nothing", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["通化市人民政府", 2020]]);
  await b.dialog("IMPORT", SAMPLE);
  const page = await open({ real: true });
  await until(async () => (await rows(page).count()) === 1, "rows");
  await page.getByTestId("import-button").click();
  await until(() => page.getByTestId("import-dialog").isVisible(), "dialog");
  await page.getByTestId("import-year").fill("19");
  await page.getByTestId("import-confirm").click();
  assert((await page.getByTestId("import-dialog").innerText()).includes("请用四位阿拉伯数字填写年度"), "year message");
  await page.getByTestId("import-cancel").click();
  await until(async () => !(await page.getByTestId("import-dialog").count()), "closed");
  equal((await b.call("list_reports", {})).length, 1, "nothing stored");
  await b.dialog("IMPORT", null);
  await page.getByTestId("import-button").click();
  await until(async () => (await page.evaluate(() => window.__ipc.calls.filter((c) => (c.cmd ?? c[0] ?? c) === "pick_import").length)) >= 2, "second pick");
  await page.waitForTimeout(200);
  equal(await page.getByTestId("import-dialog").count(), 0, "no preview");
  equal((await b.call("list_reports", {})).length, 1, "still nothing stored");
});

test("real: backups 立即备份 adds a backup to the list", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019], ["通化市人民政府", 2020]]);
  const page = await open({ real: true });
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.getByTestId("backups-button").click();
  const existing = (await b.call("list_backups", {})).length;
  const list = page.getByTestId("backup-list").locator("tbody tr");
  if (existing === 0) await until(() => page.getByTestId("backups-empty").isVisible(), "no backups yet");
  await page.getByTestId("backup-now").click();
  await until(async () => (await list.count()) === existing + 1, "one more backup");
  equal((await b.call("list_backups", {})).length, existing + 1, "stored by Rust");
  const texts = await list.allInnerTexts();
  assert(texts.some((t) => t.includes("手动备份") && t.includes("2份")), texts.join("|"));
});

test("real: backups a damaged library opens on the recovery screen; 从最近的备份恢复 brings the reports back", async ({ open, backend }) => {
  const b = await backend();
  await library(b, [["梅河口市人民政府", 2019], ["通化市人民政府", 2020]]);
  const backup = await b.call("create_backup", {});
  // Each reset is a new lib<n> folder: put the backup where the next library's backups/ will be.
  const { library: current } = await b.host();
  const dir = dirname(current);
  const n = Number(/lib(\d+)$/.exec(dir)[1]);
  const next = join(dirname(dir), `lib${n + 1}`);
  await mkdir(join(next, "backups"), { recursive: true });
  await copyFile(join(dir, "backups", backup.id), join(next, "backups", backup.id));
  await b.reset({ bytes: [...Buffer.from("PK\x03\x04 a Word file saved over the library")] });
  equal(dirname((await b.host()).library), next, "the library the backup was put beside");
  const page = await open({ real: true });
  const screen = page.getByTestId("recovery-screen");
  await until(() => screen.isVisible(), "recovery screen");
  assert(!(await page.getByTestId("search-input").count()), "no report list behind it");
  await until(async () => await page.getByTestId("restore-latest").isEnabled(), "a backup to restore");
  const confirm = page.getByTestId("restore-confirm");
  // The screen may still re-render as its backup list arrives: click until asked.
  await until(async () => {
    if (await confirm.isVisible()) return true;
    await page.getByTestId("restore-latest").click({ timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(200);
    return confirm.isVisible();
  }, "confirmation", 8000);
  assert((await confirm.innerText()).includes("2份报告"), "the latest backup is offered");
  await page.getByTestId("confirm-ok").click();
  await until(async () => (await rows(page).count()) === 2, "reports of the backup listed", 8000);
  assert(!(await screen.count()), "recovery screen gone");
  assert((await page.getByTestId("notices").innerText()).includes("已从"), "notice");
  equal((await b.call("list_reports", {})).length, 2, "Rust reads the restored library");
  equal((await b.call("library_health", {})).status, "ok", "healthy again");
});
