// [review] in the browser against the real Rust backend: identity, comments
// anchored to the text (following edits, 原文已删除), threads, the workflow and
// the lock, review copies, deadlines. Comments are read back with list_comments.
import { join } from "node:path";
import { assert, equal, test, until } from "./harness.mjs";
import { calls, finalize, frames, library, openRow, PREFACE, select, stored, usual } from "./real-library.mjs";

const SAVED = 15000;
const drafter = { name: "张三", role: "drafter" };
const caretBefore = (page, text) => select(page, text, true);
const highlighted = (page) => page.evaluate(() => [...document.querySelectorAll('[data-testid="editor"] .comment-anchor')].map((e) => e.textContent).join("|"));
/** The stored comments of report `id`, each thread followed by its replies. */
const comments = async (b, id) => (await b.call("list_comments", { id, filter: null })).flatMap((c) => [c, ...(c.replies ?? [])]);
const threads = (b, id) => b.call("list_comments", { id, filter: null });

async function openUsual(b, open, identity = drafter, opts) {
  const [id] = await usual(b, identity);
  const page = await open(opts);
  await openRow(page, "梅河口");
  return { page, id };
}

async function addComment(page, quote, text) {
  const before = await page.getByTestId("comment-thread").count();
  // The panel re-renders as answers arrive and can swallow a click: select and
  // click again until the input is there.
  await until(async () => {
    if (await page.getByTestId("comment-input").isVisible()) return true;
    await select(page, quote);
    await page.getByTestId("add-comment").click({ timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(150);
    return page.getByTestId("comment-input").isVisible();
  }, "the comment input opens", 8000);
  await page.getByTestId("comment-input").fill(text);
  await page.getByTestId("comment-submit").click();
  await until(async () => (await page.getByTestId("comment-thread").count()) > before && (await page.getByTestId("comment-new").isHidden()), "comment added", 8000);
}

test("review: first launch asks 姓名 and 角色; the header shows them; 设置 → 身份 changes them", async ({ open, backend }) => {
  const b = await backend();
  await b.reset();
  // Test builds ask only when the page says so.
  const page = await open({ query: "askidentity" });
  await until(() => page.getByTestId("identity-dialog").isVisible(), "identity dialog on first launch");
  await page.getByTestId("identity-save").click();
  await until(async () => (await page.getByTestId("identity-error").textContent()) === "请填写姓名", "empty name refused");
  await page.getByTestId("identity-name").fill("王五");
  await page.getByTestId("identity-role").selectOption("reviewer");
  await page.getByTestId("identity-save").click();
  await until(() => page.getByTestId("identity-dialog").isHidden(), "dialog closes");
  await until(async () => (await page.getByTestId("identity-chip").textContent()) === "王五（审核人）", "header shows the identity");
  const who = await b.call("get_identity", {});
  equal({ name: who?.name, role: who?.role }, { name: "王五", role: "reviewer" }, "stored through set_identity");
  await page.getByTestId("settings-button").click();
  await page.getByTestId("settings-identity").click();
  await page.getByTestId("identity-role").selectOption("approver");
  await page.getByTestId("identity-save").click();
  await until(async () => (await page.getByTestId("identity-chip").textContent()) === "王五（签发人）", "changed in 设置");
  await until(async () => (await b.call("get_identity", {}))?.role === "approver", "changed in Rust");
});

test("review: a comment stays on its words while text is typed before it; the saved anchor moves", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  await addComment(page, "习近平法治思想", "表述请与纲要一致");
  equal(await highlighted(page), "习近平法治思想", "the selection is highlighted");
  let [c] = await comments(b, id);
  equal([c.anchor.quote, c.anchor.start, c.text, c.author], ["习近平法治思想", PREFACE.indexOf("习近平"), "表述请与纲要一致", "张三"], "stored on the range");
  await caretBefore(page, "在市委");
  await page.keyboard.insertText("全年");
  await page.keyboard.type("我们");
  await frames(page);
  equal(await highlighted(page), "习近平法治思想", "the highlight stays on the same words");
  await until(async () => {
    [c] = await comments(b, id);
    return c.anchor.start === PREFACE.indexOf("习近平") + 4 && c.anchor.quote === "习近平法治思想";
  }, "the saved anchor moved by four characters", SAVED);
  assert((await calls(page, "save_report_with_anchors")).length > 0, "saves carry the anchors");
  // Typing right after the comment does not extend it.
  await caretBefore(page, "。现将");
  await page.keyboard.insertText("精神");
  await frames(page);
  equal(await highlighted(page), "习近平法治思想", "text typed at the end is not part of it");
});

test("review: deleting the commented text shows 原文已删除 with its quote; the comment is kept", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  await addComment(page, "坚强领导", "删掉试试");
  await select(page, "在市委的坚强领导下，");
  await page.keyboard.press("Delete");
  await frames(page);
  equal(await highlighted(page), "", "no highlight left");
  await until(async () => (await page.getByTestId("comment-orphaned").count()) === 1, "原文已删除 at once");
  await until(async () => (await comments(b, id))[0]?.orphaned === true, "the save orphaned it", SAVED);
  await page.getByTestId("comment-filter-state").selectOption("all");
  const thread = page.getByTestId("comment-thread").first();
  assert((await thread.textContent()).includes("原文已删除"), "marked");
  assert((await thread.getByTestId("comment-quote").textContent()).includes("坚强领导"), "quote kept");
  equal((await comments(b, id)).length, 1, "never lost");
});

test("review: reply, resolve and reopen; filters; own comments edited; click text ↔ thread; outline count", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  await addComment(page, "习近平法治思想", "第一条");
  // outline: nothing in parts (the preface belongs to no part)
  equal(await page.getByTestId("comment-badge").count(), 0, "no part badge for a preface comment");
  const clickUntilShown = async (target, shown, message) =>
    until(async () => {
      if (await shown.isVisible()) return true;
      await target.click({ timeout: 1000 }).catch(() => {});
      await page.waitForTimeout(150);
      return shown.isVisible();
    }, message, 8000);
  await clickUntilShown(page.getByTestId("comment-thread").first().getByTestId("reply-button"), page.getByTestId("reply-input"), "reply box");
  await page.getByTestId("reply-input").fill("已修改");
  await page.getByTestId("reply-submit").click();
  await until(async () => (await page.getByTestId("comment-reply").count()) === 1, "reply shown");
  equal(await page.getByTestId("comment-reply").getByTestId("comment-text").textContent(), "已修改", "reply text");
  equal((await threads(b, id))[0].replies.map((r) => r.text), ["已修改"], "reply stored");
  // edit own
  await clickUntilShown(page.getByTestId("comment-item").getByTestId("comment-edit"), page.getByTestId("edit-input"), "edit box");
  await page.getByTestId("edit-input").fill("第一条（改）");
  await page.getByTestId("edit-save").click();
  await until(async () => (await page.getByTestId("comment-item").getByTestId("comment-text").textContent()) === "第一条（改）", "edited");
  equal((await threads(b, id))[0].text, "第一条（改）", "edit stored");
  // resolve: leaves the 未解决 filter, shows under 已解决
  await page.getByTestId("comment-thread").first().getByTestId("resolve-button").click();
  await until(async () => (await page.getByTestId("comment-thread").count()) === 0, "resolved leaves 未解决");
  await until(async () => (await threads(b, id))[0].resolved === true, "resolved in Rust");
  await page.getByTestId("comment-filter-state").selectOption("resolved");
  await until(async () => (await page.getByTestId("comment-thread").count()) === 1, "shown under 已解决");
  await page.getByTestId("comment-thread").first().getByTestId("resolve-button").click();
  await until(async () => (await threads(b, id))[0]?.resolved === false, "reopened");
  await page.getByTestId("comment-filter-state").selectOption("open");
  await until(async () => (await page.getByTestId("comment-thread").count()) === 1, "back under 未解决");
  // someone else's comment (赵六, a reviewer, on the same words): no edit/delete; 我的 filter hides it
  await b.call("set_identity", { name: "赵六", role: "reviewer" });
  const other = await b.call("add_comment", { id, target: { kind: "quote", quote: "习近平法治思想", occurrence: null }, text: "别人的" });
  await b.call("set_identity", drafter);
  await page.getByTestId("comment-filter-mine").check();
  await page.getByTestId("comment-filter-state").selectOption("all");
  await page.getByTestId("comments-button").click();
  await page.getByTestId("comments-button").click();
  // reload the list through a reply to force a refresh
  await clickUntilShown(page.getByTestId("comment-thread").first().getByTestId("reply-button"), page.getByTestId("reply-input"), "reply box again");
  await page.getByTestId("reply-input").fill("再回复");
  await page.getByTestId("reply-submit").click();
  await until(async () => (await page.getByTestId("comment-reply").count()) === 2, "second reply");
  equal(await page.getByTestId("comment-thread").count(), 1, "我的 hides 赵六's thread");
  await page.getByTestId("comment-filter-mine").uncheck();
  await until(async () => (await page.getByTestId("comment-thread").count()) === 2, "both threads");
  const others = page.locator(`[data-comment-id="${other.id}"]`);
  equal(await others.getByTestId("comment-edit").count(), 0, "no edit on another's comment");
  // click the highlighted text: its thread becomes active
  await page.locator('[data-testid="editor"] .comment-anchor').first().click();
  await until(async () => (await page.locator(".thread.active").count()) === 1, "clicking the text opens a thread");
  // click a thread's quote: its text is highlighted as selected
  await page.getByTestId("comment-thread").first().getByTestId("comment-quote").click();
  await until(async () => (await page.locator('[data-testid="editor"] .comment-selected').count()) >= 1, "jump highlights the text");
});

test("review: part counts in the outline and the 按部分 filter", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  const doc = await stored(b, id);
  const heading = doc.parts[0].sections[0]?.heading ?? null;
  assert(heading, "the report has a section in part one");
  await addComment(page, heading.slice(0, 4), "小节标题的批注");
  await until(async () => (await page.getByTestId("comment-badge").count()) === 1, "part badge");
  equal(await page.getByTestId("comment-badge").textContent(), "批注1", "one open comment in part one");
  const parts = doc.parts.map((p) => p.id);
  await page.getByTestId("comment-filter-part").selectOption(parts[1]);
  await until(async () => (await page.getByTestId("comment-thread").count()) === 0, "none in part two");
  await page.getByTestId("comment-filter-part").selectOption(parts[0]);
  await until(async () => (await page.getByTestId("comment-thread").count()) === 1, "one in part one");
});

test("review: 送审 → 定稿 needs an override reason with open comments; then the editor is read-only with a banner", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  await addComment(page, "坚强领导", "未解决");
  equal(await page.getByTestId("workflow-status").textContent(), "草稿", "status badge");
  await page.locator('[data-testid="wf-action"][data-to="review"]').click();
  await page.getByTestId("transition-confirm").click();
  await until(async () => (await page.getByTestId("workflow-status").textContent()) === "审阅中", "审阅中 after 送审", SAVED);
  // 定稿 is for 签发人 only
  assert(await page.locator('[data-testid="wf-action"][data-to="final"]').isDisabled(), "起草人 cannot 定稿");
  // The 签发人 opens the app (who acts is read at start).
  await b.call("set_identity", { name: "李四", role: "approver" });
  await page.reload();
  await openRow(page, "梅河口");
  await page.locator('[data-testid="wf-action"][data-to="final"]').click();
  await until(() => page.getByTestId("finalize-blockers").isVisible(), "blockers shown");
  await until(async () => (await page.getByTestId("finalize-blockers").textContent()).includes("1 条未解决的批注"), "open comment listed");
  await page.getByTestId("transition-confirm").click();
  await until(async () => ((await page.getByTestId("transition-error").textContent()) ?? "").includes("仍要定稿"), "override needed");
  await page.getByTestId("override-checkbox").check();
  await page.getByTestId("transition-confirm").click();
  await until(async () => ((await page.getByTestId("transition-error").textContent()) ?? "").includes("理由"), "reason needed");
  await page.getByTestId("transition-reason").fill("领导已同意，批注留待下年");
  await page.getByTestId("transition-confirm").click();
  await until(async () => (await page.getByTestId("workflow-status").textContent()) === "已定稿", "已定稿", SAVED);
  assert(await page.getByTestId("lock-banner").isVisible(), "banner");
  assert((await page.getByTestId("lock-banner").textContent()).includes("已锁定"), "banner says why");
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "false", "editor read-only");
  const before = JSON.stringify(await stored(b, id));
  await page.getByTestId("editor").click();
  await page.keyboard.type("改动");
  await page.waitForTimeout(1300);
  equal(JSON.stringify(await stored(b, id)), before, "typing refused");
  assert(!(await page.getByTestId("editor").textContent()).includes("改动"), "nothing typed");
  // comments still allowed on a final text
  await addComment(page, "深入贯彻", "定稿后的意见");
  // 审计日志 shows the override with its reason
  await page.getByTestId("audit-log-button").click();
  await until(async () => (await page.getByTestId("audit-row").count()) >= 3, "audit rows");
  assert((await page.getByTestId("audit-log-dialog").textContent()).includes("领导已同意"), "reason in the log");
  await page.keyboard.press("Escape");
  // 撤销定稿 needs a reason and unlocks
  await page.locator('[data-testid="wf-action"][data-to="draft"]').click();
  await page.getByTestId("transition-confirm").click();
  await until(async () => ((await page.getByTestId("transition-error").textContent()) ?? "").includes("理由"), "reason needed for 撤销定稿");
  await page.getByTestId("transition-reason").fill("需补充数据");
  await page.getByTestId("transition-confirm").click();
  await until(async () => (await page.getByTestId("workflow-status").textContent()) === "草稿", "草稿 again", SAVED);
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "true", "editable again");
  assert(await page.getByTestId("lock-banner").isHidden(), "no banner");
  equal((await stored(b, id)).status, "draft", "草稿 in Rust");
});

test("review: 登记报送 asks date and recipients", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await finalize(b, id, { name: "李四", role: "approver" });
  const page = await open();
  await openRow(page, "梅河口");
  await page.locator('[data-testid="wf-action"][data-to="filed"]').click();
  await page.getByTestId("transition-confirm").click();
  await until(async () => ((await page.getByTestId("transition-error").textContent()) ?? "").includes("报送机关"), "recipients needed");
  await page.getByTestId("transition-date").fill("2020-03-01");
  await page.getByTestId("transition-recipients").fill("市委、市人大常委会");
  await page.getByTestId("transition-confirm").click();
  await until(async () => (await page.getByTestId("workflow-status").textContent()) === "已报送", "已报送", SAVED);
  equal((await b.call("workflow_info", { id })).filed_to, "市委、市人大常委会", "recorded");
});

test("review: a review copy opens read-only with 审阅副本（只读，可批注） and still takes comments", async ({ open, backend }) => {
  const b = await backend();
  // The drafter's library exports a package; the reviewer's library opens it as a copy.
  const [id] = await usual(b);
  const path = join(b.dir, "审阅副本.fzbg");
  await b.dialog("PACKAGE_EXPORT", path);
  await b.call("export_review_package", { id });
  await library(b, [["通化市人民政府", 2020]], { name: "王五", role: "reviewer" });
  await b.dialog("PACKAGE_OPEN", path);
  await b.call("open_review_package", {});
  const page = await open();
  await openRow(page, "梅河口");
  await until(() => page.getByTestId("lock-banner").isVisible(), "banner");
  assert((await page.getByTestId("lock-banner").textContent()).includes("审阅副本（只读，可批注）"), "review-copy banner");
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "false", "read-only");
  equal(await page.getByTestId("wf-action").count(), 0, "no workflow steps in a copy");
  equal(await page.getByTestId("merge-package").count(), 0, "no 导入审阅意见 in a copy");
  await addComment(page, "坚强领导", "审阅意见");
  equal((await comments(b, id)).length, 1, "comment stored");
});

test("review: package buttons call the commands; deadlines show in the list", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, drafter);
  // A comment exported into Word (导出 含批注), to come back through 导入批注.
  await b.call("add_comment", { id, target: { kind: "quote", quote: "坚强领导", occurrence: null }, text: "请核实" });
  const docx = join(b.dir, "含批注.docx");
  await b.dialog("EXPORT", docx);
  await b.call("export_report", { id, format: "docx", profile: "filing", withComments: true });
  await b.dialog("PACKAGE_EXPORT", join(b.dir, "审阅包.fzbg"));
  await b.dialog("COMMENTS_DOCX", docx);
  const page = await open();
  await until(async () => (await page.getByTestId("deadline-badge").count()) > 0, "deadline badges");
  const row = page.locator('[data-testid="report-row"]', { hasText: "梅河口" });
  equal(await row.getByTestId("deadline-badge").textContent(), "逾期", "the 2019 report is late");
  await openRow(page, "梅河口");
  await page.getByTestId("export-package").click();
  await until(async () => (await page.getByTestId("editor-hint").textContent()).includes("已导出审阅包"), "exported", SAVED);
  assert((await calls(page, "export_review_package")).length === 1, "export command");
  await page.getByTestId("review-import-button").click();
  await page.getByTestId("import-docx-comments").click();
  await until(() => page.getByTestId("package-result").isVisible(), "result dialog", SAVED);
  assert((await calls(page, "import_docx_comments")).length === 1, "import command");
  await page.getByTestId("package-result-ok").click();
});

test("review: no comment decoration changes while an IME composition is active; applied at compositionend", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openUsual(b, open);
  await until(async () => {
    if (await page.getByTestId("comment-input").isVisible()) return true;
    await select(page, "坚强领导");
    await page.getByTestId("add-comment").click({ timeout: 1000 }).catch(() => {});
    await page.waitForTimeout(150);
    return page.getByTestId("comment-input").isVisible();
  }, "the comment input opens", 8000);
  await page.getByTestId("comment-input").fill("输入法");
  await page.evaluate(() => window.__ipc.delay("add_comment", 400));
  await page.getByTestId("comment-submit").click();
  // While add_comment is on its way, the user composes elsewhere in the same paragraph.
  await select(page, "现将有关", true);
  const cdp = await page.context().newCDPSession(page);
  const decos = () =>
    page.evaluate(() => window.__pmView.state["comment-anchors$"].decos.find().map((d) => `${d.from}-${d.to}-${d.spec.id}`).join(","));
  await cdp.send("Input.imeSetComposition", { text: "x", selectionStart: 1, selectionEnd: 1 });
  const at = await decos();
  assert(at.includes("__pending__"), `the range being commented is highlighted (${at})`);
  for (const t of ["xi", "xin", "xin'd"]) {
    await cdp.send("Input.imeSetComposition", { text: t, selectionStart: t.length, selectionEnd: t.length });
    await page.waitForTimeout(200);
    equal(await decos(), at, `decorations unchanged while composing “${t}”`);
  }
  // The comment was stored meanwhile; its decoration waits for the end of the composition.
  await until(async () => (await comments(b, id)).length === 1, "stored", SAVED);
  await page.waitForTimeout(900);
  equal(await decos(), at, "still unchanged during the composition");
  await cdp.send("Input.insertText", { text: "新的" });
  await until(async () => !(await decos()).includes("__pending__") && (await decos()) !== "", "the comment's own highlight after the commit", 3000);
  equal(await highlighted(page), "坚强领导", "on the same words");
});
