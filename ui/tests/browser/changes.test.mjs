// [tracking #17] 修订 in the browser against the real Rust backend: a reviewer
// in 审阅中 can only suggest (the toggle is forced on); the suggestions are
// saved beside the original text (list_changes) and come back as marks; the
// drafter switches 修订 on for themselves (button and Ctrl+Shift+E), extends and
// withdraws their own insertion, accepts one change from the list, rejects one
// from the context menu, all of one person's; changes across paragraphs (Enter,
// Backspace at a paragraph's start: ¶ marks); 定稿 refused with pending changes;
// an IME composition is left alone until compositionend. CHANGES_SHOT=dir writes the screenshots of the note.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { assert, equal, test, until } from "./harness.mjs";
import { calls, expectRefusals, frames, openRow, PREFACE, rewrite, select, stored, usual } from "./real-library.mjs";

const SAVED = 15000;
const drafter = { name: "张三", role: "drafter" };
const reviewer = { name: "李审核", role: "reviewer" };
const reviewer2 = { name: "赵科长", role: "reviewer" };
const toReview = { to: "review", reason: null, override_checks: false, check_errors: 0, date: null, recipients: null, address: null };

const pending = (b, id) => b.call("list_changes", { id, filter: null });
const ins = (page) => page.evaluate(() => [...document.querySelectorAll('[data-testid="editor"] ins.sg-ins')].map((e) => e.textContent).join("|"));
const del = (page) => page.evaluate(() => [...document.querySelectorAll('[data-testid="editor"] del.sg-del')].map((e) => e.textContent).join("|"));
const prefaceShown = (page) => page.evaluate(() => document.querySelector('[data-testid="editor"] .preface p.para')?.textContent ?? "");
const selected = (page) => page.evaluate(() => {
  const v = window.__pmView;
  return v.state.doc.textBetween(v.state.selection.from, v.state.selection.to);
});
const shot = async (page, name) => {
  const dir = process.env.CHANGES_SHOT;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, name) });
};

/** The usual library with its 2019 report sent to review by the drafter; the page opened as `who`. */
async function inReview(b, open, who) {
  const [id] = await usual(b, drafter);
  await b.call("transition_report", { id, request: toReview });
  await b.call("set_identity", who);
  const page = await open();
  await openRow(page, "梅河口");
  return { page, id };
}

/** A suggestion made through the app's own command, as `who`. */
async function suggest(b, id, who, quote, replacement) {
  await b.call("set_identity", who);
  return b.call("suggest_change", { id, target: { kind: "quote", quote, occurrence: null }, newText: replacement });
}

async function openList(page) {
  await page.getByTestId("changes-button").click();
  await until(() => page.getByTestId("changes-panel").isVisible(), "the 修订 list shows");
}

test("changes: a reviewer in 审阅中 can only suggest; replace, insert and delete are saved beside the original text", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await inReview(b, open, reviewer);
  const toggle = page.getByTestId("tracking-toggle");
  await until(async () => (await toggle.getAttribute("aria-pressed")) === "true", "修订 is on for the reviewer");
  assert(await toggle.isDisabled(), "and cannot be switched off");
  assert((await toggle.getAttribute("title")).includes("审阅中"), "the tooltip says why");
  // Ctrl+Shift+E does not switch it off either.
  await select(page, "坚强领导", true);
  await page.keyboard.press("Control+Shift+E");
  equal(await toggle.getAttribute("aria-pressed"), "true", "still on after Ctrl+Shift+E");

  // Replace: select and type over.
  await select(page, "坚强领导");
  await page.keyboard.type("正确领导");
  // Insert.
  await select(page, "深入贯彻", true);
  await page.keyboard.type("全面");
  // Delete with Backspace.
  await select(page, "现将");
  await page.keyboard.press("Backspace");
  await frames(page);
  equal(await del(page), "坚强领导|现将", "the old words struck through, in place");
  equal(await ins(page), "正确领导|全面", "the new words underlined, after them");
  // Typing on at one's own insertion extends it.
  await page.keyboard.press("End");
  await select(page, "全面深入", true);
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("地");
  await until(async () => (await ins(page)) === "正确领导|全面地", "the own insertion grew");

  // Saved as three changes beside the ORIGINAL text.
  let list = [];
  await until(async () => {
    list = await pending(b, id);
    return list.length === 3 && list.some((c) => c.new === "全面地");
  }, "three pending changes stored", SAVED);
  const byNew = Object.fromEntries(list.map((c) => [c.new || "(删除)", c]));
  equal([byNew["正确领导"].kind, byNew["正确领导"].old], ["replace", "坚强领导"], "a replace");
  equal([byNew["全面地"].kind, byNew["全面地"].old], ["insert", ""], "an insertion");
  equal([byNew["(删除)"].kind, byNew["(删除)"].old], ["delete", "现将"], "a deletion");
  assert(list.every((c) => c.author === "李审核" && c.role === "reviewer"), "by the reviewer");
  equal((await stored(b, id)).preface[0].text, PREFACE, "the stored text is the original");
  assert((await calls(page, "save_report_reviewed")).length > 0, "saved through save_report_reviewed");

  // The list: author, role, old and new; a click selects the change in the text.
  await openList(page);
  await until(async () => (await page.getByTestId("change-item").count()) === 3, "three items");
  const first = page.getByTestId("change-item").first();
  assert((await first.getByTestId("change-author").textContent()) === "李审核（审核人）", "author and role");
  assert(await page.getByTestId("changes-accept-all").isDisabled(), "a reviewer cannot accept");
  await page.getByTestId("change-item").nth(1).click();
  await until(async () => (await selected(page)) === "全面地", "click selects the change in the text");

  // Reopened: the marks come back from the core.
  await page.reload();
  await openRow(page, "梅河口");
  await until(async () => (await del(page)) === "坚强领导|现将" && (await ins(page)) === "正确领导|全面地", "marks laid over the text again");
  // The reviewer withdraws their own deletion from the list (撤回 = reject).
  await openList(page);
  const item = page.getByTestId("change-item").filter({ hasText: "现将" });
  equal(await item.getByTestId("change-reject").textContent(), "撤回", "own change: 撤回");
  await item.getByTestId("change-reject").click();
  await until(async () => (await pending(b, id)).length === 2, "withdrawn", SAVED);
  await until(async () => (await del(page)) === "坚强领导", "the mark is gone after the reload");
  await until(() => page.getByTestId("changes-panel").isVisible(), "the list is open again after the reload");
});

test("changes: the drafter accepts from the list, rejects from the context menu, and decides all of one person's", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, drafter);
  await b.call("transition_report", { id, request: toReview });
  await suggest(b, id, reviewer, "坚强领导", "正确领导");
  await suggest(b, id, reviewer, "深入贯彻", "全面深入贯彻");
  await suggest(b, id, reviewer2, "现将有关情况", "现将2019年有关情况");
  await suggest(b, id, reviewer2, "习近平法治思想", "习近平新时代中国特色社会主义思想");
  await b.call("set_identity", drafter);
  const page = await open();
  await openRow(page, "梅河口");
  // The core keeps a suggestion's least change (坚强领导 → 正确领导 is 坚强 → 正确).
  await until(async () => (await ins(page)) === "正确|全面|新时代中国特色社会主义|2019年", `four changes shown (${await ins(page)})`);
  const toggle = page.getByTestId("tracking-toggle");
  equal(await toggle.getAttribute("aria-pressed"), "false", "the drafter edits directly by default");
  assert(!(await toggle.isDisabled()), "and may switch 修订 on");
  // Each author in their own colour.
  const colours = await page.evaluate(() => [...document.querySelectorAll('[data-testid="editor"] ins.sg-ins')].map((e) => `${e.dataset.author}:${getComputedStyle(e).color}`));
  equal(new Set(colours.filter((c) => c.startsWith("李审核")).map((c) => c.split(":")[1])).size, 1, "one colour per author");
  assert(new Set(colours.map((c) => c.split(":")[1])).size === 2, `two authors, two colours (${colours})`);
  if (process.env.CHANGES_SHOT) {
    await page.setViewportSize({ width: 1280, height: 800 });
    await shot(page, "tracking-editor.png");
  }
  await openList(page);
  await until(async () => (await page.getByTestId("change-item").count()) === 4, "four items");
  await shot(page, "tracking-panel.png");

  // Accept one from the list.
  await page.getByTestId("change-item").filter({ hasText: "正确" }).getByTestId("change-accept").click();
  await until(async () => (await stored(b, id)).preface[0].text.includes("正确领导"), "accepted into the text", SAVED);
  await until(async () => (await prefaceShown(page)).includes("正确领导") && !(await del(page)).includes("坚强"), "the editor shows the accepted text");

  // Reject one from the editor's context menu.
  const target = page.locator('[data-testid="editor"] ins.sg-ins', { hasText: "全面" });
  await target.click({ button: "right" });
  await until(() => page.getByTestId("change-menu").isVisible(), "context menu over the change");
  assert((await page.getByTestId("change-menu").textContent()).includes("李审核的修订"), "names the author");
  await page.getByTestId("menu-reject").click();
  await until(async () => !(await ins(page)).includes("全面"), "rejected: the insertion is gone", SAVED);

  // All of 赵科长's, from the list's author filter.
  await until(() => page.getByTestId("changes-panel").isVisible(), "list open again");
  await page.getByTestId("changes-author").selectOption("赵科长");
  equal(await page.getByTestId("changes-accept-all").textContent(), "接受赵科长的全部修订", "the button names the person");
  await page.getByTestId("changes-accept-all").click();
  await until(async () => (await pending(b, id)).length === 0, "nothing pending", SAVED);
  const text = (await stored(b, id)).preface[0].text;
  equal(text, PREFACE.replace("坚强领导", "正确领导").replace("现将有关情况", "现将2019年有关情况").replace("习近平法治思想", "习近平新时代中国特色社会主义思想"), "the text shows the result");
  await until(async () => (await prefaceShown(page)) === text, "and so does the editor");
  const audit = await b.call("audit_table", { id });
  const words = JSON.stringify(audit);
  assert(words.includes("接受修订") && words.includes("拒绝修订"), "accept and reject are in the audit log");
});

test("changes: the drafter rejects all of one person's from the context menu, then all the rest from the list", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, drafter);
  await b.call("transition_report", { id, request: toReview });
  await suggest(b, id, reviewer, "坚强领导", "正确领导");
  await suggest(b, id, reviewer, "深入贯彻", "全面深入贯彻");
  await suggest(b, id, reviewer2, "现将有关情况", "现将2019年有关情况");
  await b.call("set_identity", drafter);
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await ins(page)) === "正确|全面|2019年", `three changes shown (${await ins(page)})`);
  await page.locator('[data-testid="editor"] ins.sg-ins', { hasText: "全面" }).click({ button: "right" });
  await until(() => page.getByTestId("change-menu").isVisible(), "context menu");
  equal(await page.getByTestId("menu-reject-author").textContent(), "拒绝李审核的全部修订", "names the person");
  await page.getByTestId("menu-reject-author").click();
  await until(async () => (await ins(page)) === "2019年" && (await del(page)) === "", "李审核's two are gone, 赵科长's stays", SAVED);
  equal((await pending(b, id)).map((c) => c.author), ["赵科长"], "in the core too");
  await openList(page);
  await until(async () => (await page.getByTestId("change-item").count()) === 1, "one item left");
  await page.getByTestId("changes-reject-all").click();
  await until(async () => (await pending(b, id)).length === 0, "all rejected", SAVED);
  equal((await stored(b, id)).preface[0].text, PREFACE, "the original text stays");
  await until(async () => (await ins(page)) === "" && (await page.getByTestId("changes-empty").isVisible()), "the list says there is nothing left");
  const decided = await b.call("list_changes", { id, filter: "all" });
  equal(decided.map((c) => c.status), ["rejected", "rejected", "rejected"], "all three rejected");
});

test("changes: the drafter switches 修订 on (button, Ctrl+Shift+E); own insertion extends and is withdrawn by deleting it; a pending change is protected with 修订 off", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, drafter);
  await suggest(b, id, reviewer, "坚强领导", "正确领导");
  await b.call("set_identity", drafter);
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await ins(page)) === "正确", "the reviewer's change is shown");
  const toggle = page.getByTestId("tracking-toggle");
  // With 修订 off: typing inside the reviewer's change is refused, plain text is edited directly.
  await select(page, "正确领导");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.type("的");
  await until(async () => (await page.getByTestId("editor-hint").textContent()).includes("请先接受或拒绝"), "refused with a reason");
  equal(await ins(page), "正确", "the change is untouched");
  await select(page, "2019年", true);
  await page.keyboard.type("回顾");
  await until(async () => (await stored(b, id)).preface[0].text.startsWith("回顾2019年"), `a direct edit of the original (stored: ${(await stored(b, id)).preface[0].text})`, SAVED);

  // On with the button, off and on with Ctrl+Shift+E.
  await toggle.click();
  equal(await toggle.getAttribute("aria-pressed"), "true", "on");
  await select(page, "深入贯彻", true);
  await page.keyboard.press("Control+Shift+E");
  equal(await toggle.getAttribute("aria-pressed"), "false", "Ctrl+Shift+E: off");
  await page.keyboard.press("Control+Shift+E");
  equal(await toggle.getAttribute("aria-pressed"), "true", "Ctrl+Shift+E: on");
  await page.keyboard.type("全面");
  await page.keyboard.type("地");
  await until(async () => (await ins(page)) === "正确|全面地", "one own insertion, extended");
  await until(async () => (await pending(b, id)).some((c) => c.new === "全面地" && c.author === "张三"), "saved as the drafter's suggestion", SAVED);
  // Deleting one's own insertion removes it for good: no deletion left behind.
  for (let i = 0; i < 3; i++) await page.keyboard.press("Backspace");
  await until(async () => (await ins(page)) === "正确" && (await del(page)) === "坚强", "withdrawn by deleting it");
  await until(async () => (await pending(b, id)).length === 1, "and withdrawn in the core", SAVED);
});

test("changes: across paragraphs — a reviewer's Enter and Backspace at a paragraph's start are suggested breaks (¶); reopened; the drafter accepts them and the paragraphs split and merge", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, drafter);
  const SECOND = "全市法治政府建设取得新进展。";
  await rewrite(b, id, (d) => {
    d.preface = [d.preface[0], { text: SECOND }];
  });
  await b.call("transition_report", { id, request: toReview });
  await b.call("set_identity", reviewer);
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await page.getByTestId("tracking-toggle").getAttribute("aria-pressed")) === "true", "修订 forced on");
  // Backspace at the start of the second paragraph: the break is struck, the paragraphs stay apart until accepted.
  await select(page, SECOND, true);
  await page.keyboard.press("Backspace");
  await until(async () => (await del(page)) === "¶", "a struck ¶ at the end of the first paragraph");
  // Enter before 现将, then text: a new paragraph suggested (an inserted ¶ and the text).
  await select(page, "现将", true);
  await page.keyboard.press("Enter");
  await page.keyboard.type("特此");
  await until(async () => (await ins(page)) === "¶特此", `an inserted ¶ with the text (${await ins(page)})`);
  const paras = await page.evaluate(() => document.querySelectorAll('[data-testid="editor"] .preface p.para').length);
  equal(paras, 2, "no paragraph split or merge in the text yet");
  let list = [];
  await until(async () => {
    list = await pending(b, id);
    return list.length === 2;
  }, "two changes stored", SAVED);
  const merge = list.find((c) => c.old === "\n");
  const split = list.find((c) => c.new === "\n特此");
  assert(merge && merge.start.node_id !== merge.end.node_id && merge.end.offset === 0, `the merge spans the break (${JSON.stringify(list)})`);
  assert(split && split.kind === "insert", "the split is an insertion of a paragraph break");
  equal((await stored(b, id)).preface.map((p) => p.text), [PREFACE, SECOND], "the original text is unchanged");
  await openList(page);
  await until(async () => (await page.getByTestId("change-item").count()) === 2, "two items listed");
  // Reopened by the drafter: the marks are back.
  await b.call("set_identity", drafter);
  await page.reload();
  await openRow(page, "梅河口");
  await until(async () => (await del(page)) === "¶" && (await ins(page)) === "¶特此", "the ¶ marks laid over the text again");
  // The drafter accepts both: the first paragraph splits at 现将, the second is merged into it.
  await openList(page);
  await page.getByTestId("changes-accept-all").click();
  await until(async () => (await pending(b, id)).length === 0, "nothing pending", SAVED);
  const texts = (await stored(b, id)).preface.map((p) => p.text);
  const at = PREFACE.indexOf("现将");
  equal(texts, [PREFACE.slice(0, at), "特此" + PREFACE.slice(at) + SECOND], "split and merged as suggested");
  await until(async () => (await page.evaluate(() => [...document.querySelectorAll('[data-testid="editor"] .preface p.para')].map((p) => p.textContent))).join("|") === texts.join("|"), "and the editor shows it");
});

/** Selects from `from[1]` characters into the block whose text is `from[0]` to `to[1]` into the block whose text is `to[0]`. */
async function selectAcross(page, from, to) {
  await page.evaluate(([from, to]) => {
    const root = document.querySelector('[data-testid="editor"]');
    const point = ([text, offset]) => {
      const block = [...root.querySelectorAll("p.para, .sec-heading")].find((b) => b.textContent === text);
      if (!block) throw new Error(`no block ${text}`);
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
    r.setStart(...point(from));
    r.setEnd(...point(to));
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  }, [from, to]);
  await frames(page);
}

test("changes: across sections — a reviewer deletes from a section's paragraph into the next section's heading; the drafter accepts and the heading's rest joins the paragraph", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, drafter);
  await rewrite(b, id, (d) => {
    d.parts[0].sections[0].paragraphs = [{ text: "第一段内容。" }];
  });
  const before = await stored(b, id);
  const [s1, s2] = before.parts[0].sections;
  await b.call("transition_report", { id, request: toReview });
  await b.call("set_identity", reviewer);
  const page = await open();
  await openRow(page, "梅河口");
  await until(async () => (await page.getByTestId("tracking-toggle").getAttribute("aria-pressed")) === "true", "修订 forced on");
  await selectAcross(page, ["第一段内容。", 3], [s2.heading, 2]);
  await page.keyboard.press("Backspace");
  await until(async () => (await del(page)) === `内容。¶|${s2.heading.slice(0, 2)}`, `struck in the paragraph, over the break and in the heading (${await del(page)})`);
  let list = [];
  await until(async () => {
    list = await pending(b, id);
    return list.length === 1;
  }, "one change stored", SAVED);
  equal([list[0].kind, list[0].old, list[0].start.node_id, list[0].end.node_id], ["delete", `内容。\n${s2.heading.slice(0, 2)}`, s1.paragraphs[0].id, s2.id], "one deletion from the paragraph into the next section's heading");
  equal((await stored(b, id)).parts[0].sections.length, before.parts[0].sections.length, "the original text is unchanged");
  // The drafter, after a reload: the same marks, accepted from the context menu.
  await b.call("set_identity", drafter);
  await page.reload();
  await openRow(page, "梅河口");
  await until(async () => (await del(page)) === `内容。¶|${s2.heading.slice(0, 2)}`, "the marks laid over the text again");
  await page.locator('[data-testid="editor"] del.sg-del').first().click({ button: "right" });
  await page.getByTestId("menu-accept").click();
  await until(async () => (await pending(b, id)).length === 0, "accepted", SAVED);
  const after = (await stored(b, id)).parts[0].sections;
  equal(after.length, before.parts[0].sections.length - 1, "the second section's heading is gone");
  equal(after[0].paragraphs[0].text, `第一段${s2.heading.slice(2)}`, "its rest joined the paragraph");
  await until(async () => (await del(page)) === "" && (await page.evaluate(() => document.querySelector('[data-testid="editor"] .part .sec p.para')?.textContent)) === `第一段${s2.heading.slice(2)}`, "and the editor shows it");
});

test("changes: text of several lines pasted by a reviewer is one suggestion with its paragraph breaks", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await inReview(b, open, reviewer);
  await until(async () => (await page.getByTestId("tracking-toggle").getAttribute("aria-pressed")) === "true", "修订 forced on");
  await select(page, "现将", true);
  await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.setData("text/plain", "一是强化考核。\n二是压实责任。");
    document.querySelector('[data-testid="editor"]').dispatchEvent(new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  await until(async () => (await ins(page)) === "一是强化考核。¶二是压实责任。", `pasted as one insertion (${await ins(page)})`);
  let list = [];
  await until(async () => {
    list = await pending(b, id);
    return list.length === 1;
  }, "stored", SAVED);
  equal([list[0].kind, list[0].new], ["insert", "一是强化考核。\n二是压实责任。"], "with its paragraph break");
  equal((await stored(b, id)).preface[0].text, PREFACE, "the original text is unchanged");
});

test("changes: 定稿 with pending changes is refused by the core with its Chinese message; the dialog lists them once known", async ({ open, backend, problems }) => {
  const b = await backend();
  const [id] = await usual(b, drafter);
  await b.call("transition_report", { id, request: toReview });
  const approver = { name: "李四", role: "approver" };
  // No proofreading errors to hold 定稿 (the template's empty parts): their rules off in this library.
  const { id: _i, status: _s, status_label: _l, version: _v, created_at: _c, updated_at: _u, title: _t, ...document } = await stored(b, id);
  const errors = (await b.call("check_document", { document })).filter((f) => f.severity === "error");
  const rules = Object.fromEntries([...new Set(errors.map((f) => f.rule))].map((r) => [r, { enabled: false, severity: null }]));
  await b.call("set_rule_config", { config: { rules, typos: [], sensitive_terms: [], names: [] } });
  await b.call("set_identity", approver);
  const page = await open();
  await openRow(page, "梅河口");
  // Meanwhile a reviewer suggests (another window): the approver's page does not know yet.
  await suggest(b, id, reviewer, "坚强领导", "正确领导");
  await b.call("set_identity", approver);
  await page.locator('[data-testid="wf-action"][data-to="final"]').click();
  await page.getByTestId("transition-confirm").click();
  await until(async () => ((await page.getByTestId("transition-error").textContent()) ?? "").includes("1处待处理修订"), `the core's refusal in Chinese (${await page.getByTestId("transition-error").textContent()})`, SAVED);
  assert(await page.getByTestId("override-checkbox").isVisible(), "仍要定稿 offered");
  equal((await stored(b, id)).status, "review", "still 审阅中");
  await page.keyboard.press("Escape");
  // Reopened: the dialog names the pending change before anything is sent.
  await page.reload();
  await openRow(page, "梅河口");
  await page.locator('[data-testid="wf-action"][data-to="final"]').click();
  await until(async () => ((await page.getByTestId("finalize-blockers").textContent()) ?? "").includes("1 处修订待接受或拒绝"), "listed among the blockers");
  expectRefusals(problems);
});

test("changes: an IME composition in 修订 is left as typed (no mark under it) and becomes one insertion at compositionend", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await inReview(b, open, reviewer);
  await until(async () => (await page.getByTestId("tracking-toggle").getAttribute("aria-pressed")) === "true", "修订 on");
  await select(page, "深入贯彻", true);
  const cdp = await page.context().newCDPSession(page);
  for (const t of ["q", "qu", "quan", "quan'mian"]) {
    await cdp.send("Input.imeSetComposition", { text: t, selectionStart: t.length, selectionEnd: t.length });
    await page.waitForTimeout(120);
    equal(await ins(page), "", `no insertion mark while composing “${t}”`);
  }
  await page.waitForTimeout(1500);
  equal((await calls(page, "save_report_reviewed")).length, 0, "nothing saved mid-composition");
  await cdp.send("Input.insertText", { text: "全面" });
  await until(async () => (await ins(page)) === "全面", `one insertion after the commit (ins ${await ins(page)}, text ${await prefaceShown(page)})`);
  assert(!(await prefaceShown(page)).includes("quan"), "no pinyin left");
  await until(async () => (await pending(b, id)).some((c) => c.new === "全面" && c.kind === "insert"), "saved as a suggestion", SAVED);
  equal((await stored(b, id)).preface[0].text, PREFACE, "the original text is unchanged");
});
