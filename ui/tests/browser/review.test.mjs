// [review] in the browser against the fake backend: identity, comments anchored
// to the text (following edits, 原文已删除), threads, the workflow and the lock,
// review copies, deadlines.
import { assert, equal, test, until } from "./harness.mjs";

const PREFACE = "2019年，在市委的坚强领导下，我市深入贯彻落实习近平法治思想。现将有关情况报告如下：";
const as = (name, role) => `(fake) => { fake.review.identity = { name: ${JSON.stringify(name)}, role: ${JSON.stringify(role)} }; }`;
const drafter = new Function(`return ${as("张三", "drafter")}`)();
const approver = new Function(`return ${as("李四", "approver")}`)();

async function openReport(page, titlePart = "梅河口") {
  await until(async () => (await page.locator('[data-testid="report-row"]').count()) > 0, "rows");
  await page.locator('[data-testid="report-row"]', { hasText: titlePart }).getByRole("button").click();
  await until(() => page.getByTestId("editor").isVisible(), "editor");
  return page.evaluate((t) => [...window.__fake.reports.values()].find((r) => r.doc.issuer.includes(t)).id, titlePart);
}
const frames = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

/** Selects `quote` (or puts the caret before it) in the block that holds it, across decoration spans. */
async function select(page, quote, caretOnly = false) {
  await page.evaluate(([quote, caretOnly]) => {
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
    if (caretOnly) r.collapse(true);
    else r.setEnd(...point(at + quote.length));
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  }, [quote, caretOnly]);
  await frames(page);
}
const caretBefore = (page, text) => select(page, text, true);
const highlighted = (page) => page.evaluate(() => [...document.querySelectorAll('[data-testid="editor"] .comment-anchor')].map((e) => e.textContent).join("|"));
const stored = (page, id) => page.evaluate((id) => window.__fake.review.comments.get(id) ?? [], id);

async function addComment(page, quote, text) {
  await select(page, quote);
  await page.getByTestId("add-comment").click();
  await page.getByTestId("comment-input").fill(text);
  await page.getByTestId("comment-submit").click();
  await until(async () => (await page.getByTestId("comment-thread").count()) > 0 && (await page.getByTestId("comment-new").isHidden()), "comment added");
}

test("review: first launch asks 姓名 and 角色; the header shows them; 设置 → 身份 changes them", async ({ open }) => {
  const page = await open({ query: "askidentity" });
  await until(() => page.getByTestId("identity-dialog").isVisible(), "identity dialog on first launch");
  await page.getByTestId("identity-save").click();
  await until(async () => (await page.getByTestId("identity-error").textContent()) === "请填写姓名", "empty name refused");
  await page.getByTestId("identity-name").fill("王五");
  await page.getByTestId("identity-role").selectOption("reviewer");
  await page.getByTestId("identity-save").click();
  await until(() => page.getByTestId("identity-dialog").isHidden(), "dialog closes");
  equal(await page.getByTestId("identity-chip").textContent(), "王五（审核人）", "header shows the identity");
  equal(await page.evaluate(() => window.__fake.review.identity), { name: "王五", role: "reviewer" }, "stored through set_identity");
  await page.getByTestId("settings-button").click();
  await page.getByTestId("settings-identity").click();
  await page.getByTestId("identity-role").selectOption("approver");
  await page.getByTestId("identity-save").click();
  await until(async () => (await page.getByTestId("identity-chip").textContent()) === "王五（签发人）", "changed in 设置");
});

test("review: a comment stays on its words while text is typed before it; the saved anchor moves", async ({ open }) => {
  const page = await open({ setup: drafter });
  const id = await openReport(page);
  await addComment(page, "习近平法治思想", "表述请与纲要一致");
  equal(await highlighted(page), "习近平法治思想", "the selection is highlighted");
  let [c] = await stored(page, id);
  equal([c.anchor.quote, c.anchor.start, c.text, c.author], ["习近平法治思想", PREFACE.indexOf("习近平"), "表述请与纲要一致", "张三"], "stored on the range");
  await caretBefore(page, "在市委");
  await page.keyboard.insertText("全年");
  await page.keyboard.type("我们");
  await frames(page);
  equal(await highlighted(page), "习近平法治思想", "the highlight stays on the same words");
  await until(async () => {
    [c] = await stored(page, id);
    return c.anchor.start === PREFACE.indexOf("习近平") + 4 && c.anchor.quote === "习近平法治思想";
  }, "the saved anchor moved by four characters", 5000);
  const calls = await page.evaluate(() => window.__fake.calls.filter((x) => x.cmd === "save_report_with_anchors").length);
  assert(calls > 0, "saves carry the anchors");
  // Typing right after the comment does not extend it.
  await caretBefore(page, "。现将");
  await page.keyboard.insertText("精神");
  await frames(page);
  equal(await highlighted(page), "习近平法治思想", "text typed at the end is not part of it");
});

test("review: deleting the commented text shows 原文已删除 with its quote; the comment is kept", async ({ open }) => {
  const page = await open({ setup: drafter });
  const id = await openReport(page);
  await addComment(page, "坚强领导", "删掉试试");
  await select(page, "在市委的坚强领导下，");
  await page.keyboard.press("Delete");
  await frames(page);
  equal(await highlighted(page), "", "no highlight left");
  await until(async () => (await page.getByTestId("comment-orphaned").count()) === 1, "原文已删除 at once");
  await until(async () => (await stored(page, id))[0]?.orphaned === true, "the save orphaned it", 5000);
  await page.getByTestId("comment-filter-state").selectOption("all");
  const thread = page.getByTestId("comment-thread").first();
  assert((await thread.textContent()).includes("原文已删除"), "marked");
  assert((await thread.getByTestId("comment-quote").textContent()).includes("坚强领导"), "quote kept");
  equal((await stored(page, id)).length, 1, "never lost");
});

test("review: reply, resolve and reopen; filters; own comments edited; click text ↔ thread; outline count", async ({ open }) => {
  const page = await open({ setup: drafter });
  const id = await openReport(page);
  await addComment(page, "习近平法治思想", "第一条");
  // outline: nothing in parts (the preface belongs to no part)
  equal(await page.getByTestId("comment-badge").count(), 0, "no part badge for a preface comment");
  const thread = page.getByTestId("comment-thread").first();
  await thread.getByTestId("reply-button").click();
  await page.getByTestId("reply-input").fill("已修改");
  await page.getByTestId("reply-submit").click();
  await until(async () => (await page.getByTestId("comment-reply").count()) === 1, "reply shown");
  equal(await page.getByTestId("comment-reply").getByTestId("comment-text").textContent(), "已修改", "reply text");
  // edit own
  await page.getByTestId("comment-item").getByTestId("comment-edit").click();
  await page.getByTestId("edit-input").fill("第一条（改）");
  await page.getByTestId("edit-save").click();
  await until(async () => (await page.getByTestId("comment-item").getByTestId("comment-text").textContent()) === "第一条（改）", "edited");
  // resolve: leaves the 未解决 filter, shows under 已解决
  await page.getByTestId("comment-thread").first().getByTestId("resolve-button").click();
  await until(async () => (await page.getByTestId("comment-thread").count()) === 0, "resolved leaves 未解决");
  await page.getByTestId("comment-filter-state").selectOption("resolved");
  await until(async () => (await page.getByTestId("comment-thread").count()) === 1, "shown under 已解决");
  await page.getByTestId("comment-thread").first().getByTestId("resolve-button").click();
  await until(async () => (await stored(page, id)).find((c) => c.parent_id === null)?.resolved === false, "reopened");
  await page.getByTestId("comment-filter-state").selectOption("open");
  await until(async () => (await page.getByTestId("comment-thread").count()) === 1, "back under 未解决");
  // someone else's comment: no edit/delete; 我的 filter hides it
  await page.evaluate((id) => {
    const list = window.__fake.review.comments.get(id);
    const mine = list.find((c) => c.parent_id === null);
    list.push({ ...structuredClone(mine), id: "0123456789ab", author: "赵六", role: "reviewer", text: "别人的", anchor: { ...mine.anchor } });
  }, id);
  await page.getByTestId("comment-filter-mine").check();
  await page.getByTestId("comment-filter-state").selectOption("all");
  await page.getByTestId("comments-button").click();
  await page.getByTestId("comments-button").click();
  // reload the list through a reply to force a refresh
  await page.getByTestId("comment-thread").first().getByTestId("reply-button").click();
  await page.getByTestId("reply-input").fill("再回复");
  await page.getByTestId("reply-submit").click();
  await until(async () => (await page.getByTestId("comment-reply").count()) === 2, "second reply");
  equal(await page.getByTestId("comment-thread").count(), 1, "我的 hides 赵六's thread");
  await page.getByTestId("comment-filter-mine").uncheck();
  await until(async () => (await page.getByTestId("comment-thread").count()) === 2, "both threads");
  const other = page.locator('[data-comment-id="0123456789ab"]');
  equal(await other.getByTestId("comment-edit").count(), 0, "no edit on another's comment");
  // click the highlighted text: its thread becomes active
  await page.locator('[data-testid="editor"] .comment-anchor').first().click();
  await until(async () => (await page.locator(".thread.active").count()) === 1, "clicking the text opens a thread");
  // click a thread's quote: its text is highlighted as selected
  await page.getByTestId("comment-thread").first().getByTestId("comment-quote").click();
  await until(async () => (await page.locator('[data-testid="editor"] .comment-selected').count()) >= 1, "jump highlights the text");
});

test("review: part counts in the outline and the 按部分 filter", async ({ open }) => {
  const page = await open({ setup: drafter });
  const id = await openReport(page);
  const heading = await page.evaluate((id) => window.__fake.reports.get(id).doc.parts[0].sections[0]?.heading ?? null, id);
  assert(heading, "the seeded report has a section in part one");
  await addComment(page, heading.slice(0, 4), "小节标题的批注");
  await until(async () => (await page.getByTestId("comment-badge").count()) === 1, "part badge");
  equal(await page.getByTestId("comment-badge").textContent(), "批注1", "one open comment in part one");
  const parts = await page.evaluate((id) => window.__fake.reports.get(id).doc.parts.map((p) => p.id), id);
  await page.getByTestId("comment-filter-part").selectOption(parts[1]);
  await until(async () => (await page.getByTestId("comment-thread").count()) === 0, "none in part two");
  await page.getByTestId("comment-filter-part").selectOption(parts[0]);
  await until(async () => (await page.getByTestId("comment-thread").count()) === 1, "one in part one");
});

test("review: 送审 → 定稿 needs an override reason with open comments; then the editor is read-only with a banner", async ({ open }) => {
  const page = await open({ setup: drafter });
  const id = await openReport(page);
  await addComment(page, "坚强领导", "未解决");
  equal(await page.getByTestId("workflow-status").textContent(), "草稿", "status badge");
  await page.locator('[data-testid="wf-action"][data-to="review"]').click();
  await page.getByTestId("transition-confirm").click();
  await until(async () => (await page.getByTestId("workflow-status").textContent()) === "审阅中", "审阅中 after 送审", 5000);
  // 定稿 is for 签发人 only
  assert(await page.locator('[data-testid="wf-action"][data-to="final"]').isDisabled(), "起草人 cannot 定稿");
  await page.evaluate(() => (window.__fake.review.identity = { name: "李四", role: "approver" }));
  await page.getByTestId("back-button").click();
  await openReport(page);
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
  assert(await page.getByTestId("lock-banner").isVisible(), "banner");
  assert((await page.getByTestId("lock-banner").textContent()).includes("已锁定"), "banner says why");
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "false", "editor read-only");
  const before = await page.evaluate((id) => JSON.stringify(window.__fake.reports.get(id).doc), id);
  await page.getByTestId("editor").click();
  await page.keyboard.type("改动");
  await page.waitForTimeout(1300);
  equal(await page.evaluate((id) => JSON.stringify(window.__fake.reports.get(id).doc), id), before, "typing refused");
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
  await until(async () => (await page.getByTestId("workflow-status").textContent()) === "草稿", "草稿 again", 5000);
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "true", "editable again");
  assert(await page.getByTestId("lock-banner").isHidden(), "no banner");
});

test("review: 登记报送 asks date and recipients", async ({ open }) => {
  const page = await open({ setup: (fake) => {
    fake.review.identity = { name: "李四", role: "approver" };
    for (const r of fake.reports.values()) if (r.doc.issuer.includes("梅河口")) r.status = "final";
  } });
  const id = await openReport(page);
  await page.locator('[data-testid="wf-action"][data-to="filed"]').click();
  await page.getByTestId("transition-confirm").click();
  await until(async () => ((await page.getByTestId("transition-error").textContent()) ?? "").includes("报送机关"), "recipients needed");
  await page.getByTestId("transition-date").fill("2020-03-01");
  await page.getByTestId("transition-recipients").fill("市委、市人大常委会");
  await page.getByTestId("transition-confirm").click();
  await until(async () => (await page.getByTestId("workflow-status").textContent()) === "已报送", "已报送", 5000);
  equal(await page.evaluate((id) => window.__fake.review.filing.get(id).filed_to, id), "市委、市人大常委会", "recorded");
});

test("review: a review copy opens read-only with 审阅副本（只读，可批注） and still takes comments", async ({ open }) => {
  const page = await open({ setup: (fake) => {
    fake.review.identity = { name: "王五", role: "reviewer" };
    for (const r of fake.reports.values()) if (r.doc.issuer.includes("梅河口")) fake.review.copies.add(r.id);
  } });
  const id = await openReport(page);
  await until(() => page.getByTestId("lock-banner").isVisible(), "banner");
  assert((await page.getByTestId("lock-banner").textContent()).includes("审阅副本（只读，可批注）"), "review-copy banner");
  equal(await page.getByTestId("editor").getAttribute("contenteditable"), "false", "read-only");
  equal(await page.getByTestId("wf-action").count(), 0, "no workflow steps in a copy");
  equal(await page.getByTestId("merge-package").count(), 0, "no 导入审阅意见 in a copy");
  await addComment(page, "坚强领导", "审阅意见");
  equal((await stored(page, id)).length, 1, "comment stored");
});

test("review: package buttons call the commands; deadlines show in the list", async ({ open }) => {
  const page = await open({ setup: drafter });
  await until(async () => (await page.getByTestId("deadline-badge").count()) > 0, "deadline badges");
  const row = page.locator('[data-testid="report-row"]', { hasText: "梅河口" });
  equal(await row.getByTestId("deadline-badge").textContent(), "逾期", "the 2019 report is late");
  await openReport(page);
  await page.getByTestId("export-package").click();
  await until(async () => (await page.getByTestId("editor-hint").textContent()).includes("已导出审阅包"), "exported");
  const cmds = await page.evaluate(() => window.__fake.calls.map((c) => c.cmd));
  assert(cmds.includes("export_review_package"), "export command");
  await page.getByTestId("import-docx-comments").click();
  await until(() => page.getByTestId("package-result").isVisible(), "result dialog");
  await page.getByTestId("package-result-ok").click();
});

test("review: no comment decoration changes while an IME composition is active; applied at compositionend", async ({ open }) => {
  const page = await open({ setup: drafter });
  await openReport(page);
  await select(page, "坚强领导");
  await page.getByTestId("add-comment").click();
  await page.getByTestId("comment-input").fill("输入法");
  await page.evaluate(() => (window.__fake.delay = 400));
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
  await until(async () => (await page.evaluate(() => [...window.__fake.review.comments.values()].flat().length)) === 1, "stored", 3000);
  await page.waitForTimeout(900);
  equal(await decos(), at, "still unchanged during the composition");
  await cdp.send("Input.insertText", { text: "新的" });
  await until(async () => !(await decos()).includes("__pending__") && (await decos()) !== "", "the comment's own highlight after the commit", 3000);
  equal(await highlighted(page), "坚强领导", "on the same words");
});
