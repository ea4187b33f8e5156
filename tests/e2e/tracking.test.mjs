// [tracking #17] 修订 in the real app (WebKitGTK): the drafter writes and sends
// the report to review; a reviewer (设置 → 身份) types Chinese suggestions with
// 修订 forced on; after a restart the drafter sees them in the text and in the
// 修订 list, accepts one from the list and rejects the other from the context
// menu over it in the text, and the text shows the result.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { startDriver, openApp, tempLibrary, byTestId, textsOf, appEnv } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

const PARA_SEL = '.part[data-role="shortcomings"] p.para';
const ORIGINAL = "执法队伍专业化水平有待提高，原因是培训不足。";
const paraText = (app) => app.execute((sel) => document.querySelector(sel)?.textContent ?? "", PARA_SEL);
const marks = (app, tag) =>
  app.execute((tag) => Array.from(document.querySelectorAll(`[data-testid="editor"] ${tag}`)).map((e) => e.textContent ?? "").join("|"), tag);

/** Selects `quote` in the paragraph (or puts the caret before it), as a mouse would. */
async function select(app, quote, caret = false) {
  await app.execute(
    (sel, quote, caret) => {
      const block = document.querySelector(sel);
      const at = block.textContent.indexOf(quote);
      const point = (offset) => {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          if (offset <= seen + n.data.length) return [n, offset - seen];
          seen += n.data.length;
        }
        throw new Error("outside");
      };
      document.querySelector('[data-testid="editor"]').focus();
      const r = document.createRange();
      r.setStart(...point(at));
      if (caret) r.collapse(true);
      else r.setEnd(...point(at + quote.length));
      getSelection().removeAllRanges();
      getSelection().addRange(r);
    },
    PARA_SEL,
    quote,
    caret,
  );
  await new Promise((r) => setTimeout(r, 300));
}

async function waitSaved(app) {
  await app.waitUntil(async () => (await textsOf(app, "save-status")).some((t) => t.startsWith("已保存")), {
    timeout: 15000,
    timeoutMsg: "the edit was not saved",
  });
}

async function setIdentity(app, name, role) {
  await (await byTestId(app, "settings-button")).click();
  await (await byTestId(app, "settings-identity")).click();
  const input = await byTestId(app, "identity-name");
  await input.clearValue();
  await input.setValue(name);
  await (await byTestId(app, "identity-role")).selectByAttribute("value", role);
  await (await byTestId(app, "identity-save")).click();
  const label = { drafter: "起草人", reviewer: "审核人", approver: "签发人" }[role];
  await app.waitUntil(async () => (await textsOf(app, "identity-chip"))[0] === `${name}（${label}）`, {
    timeout: 10000,
    timeoutMsg: `the identity is not ${name}`,
  });
}

async function openRow(app, issuer) {
  await app.waitUntil(async () => (await textsOf(app, "report-row")).some((t) => t.includes(issuer)), { timeout: 15000 });
  const rows = await textsOf(app, "report-row");
  const row = (await app.$$('[data-testid="report-row"]'))[rows.findIndex((x) => x.includes(issuer))];
  await (await row.$("button.open-link")).click();
  await byTestId(app, "editor");
  await new Promise((r) => setTimeout(r, 800));
}

/** Clicks a button of the 修订 list's item holding `text`. */
async function decide(app, text, testid) {
  await app.waitUntil(async () => (await textsOf(app, "change-item")).some((t) => t.includes(text)), {
    timeout: 10000,
    timeoutMsg: `no item with ${text} in the 修订 list`,
  });
  const items = await textsOf(app, "change-item");
  const item = (await app.$$('[data-testid="change-item"]'))[items.findIndex((t) => t.includes(text))];
  await (await item.$(`[data-testid="${testid}"]`)).click();
}

test("a reviewer's 修订 are seen by the drafter after a restart; one accepted, one rejected", async () => {
  const db = tempLibrary();
  let app = await openApp(driver.port, db);
  try {
    await byTestId(app, "identity-dialog");
    await (await byTestId(app, "identity-name")).setValue("王起草");
    await (await byTestId(app, "identity-role")).selectByAttribute("value", "drafter");
    await (await byTestId(app, "identity-save")).click();
    await app.waitUntil(async () => (await textsOf(app, "identity-chip"))[0] === "王起草（起草人）", { timeout: 10000 });

    await (await byTestId(app, "new-report-button")).click();
    await (await byTestId(app, "issuer-input")).setValue("辉南县人民政府");
    await (await byTestId(app, "year-input")).setValue("2022");
    await (await byTestId(app, "create-button")).click();
    await byTestId(app, "editor");
    const para = await app.$(PARA_SEL);
    await para.waitForExist({ timeout: 10000 });
    await para.click();
    await app.keys(ORIGINAL);
    await app.waitUntil(async () => (await paraText(app)) === ORIGINAL, { timeout: 8000, timeoutMsg: "typed text did not appear" });
    await waitSaved(app);

    // 送审
    await (await app.$('[data-testid="wf-action"][data-to="review"]')).click();
    await (await byTestId(app, "transition-confirm")).click();
    await app.waitUntil(async () => (await textsOf(app, "workflow-status"))[0] === "审阅中", { timeout: 10000, timeoutMsg: "not 审阅中" });

    // The reviewer: 修订 is forced on.
    await setIdentity(app, "李审核", "reviewer");
    await app.waitUntil(async () => (await (await byTestId(app, "tracking-toggle")).getAttribute("aria-pressed")) === "true", {
      timeout: 10000,
      timeoutMsg: "修订 is not on for the reviewer",
    });
    assert.equal(await (await byTestId(app, "tracking-toggle")).isEnabled(), false, "the reviewer cannot switch 修订 off");

    // A replacement and an insertion, typed in Chinese.
    await select(app, "有待提高");
    await app.keys("亟需提升");
    await select(app, "执法队伍", true);
    await app.keys("全县");
    await app.waitUntil(async () => (await marks(app, "ins.sg-ins")) === "全县|亟需提升" && (await marks(app, "del.sg-del")) === "有待提高", {
      timeout: 8000,
      timeoutMsg: `suggestions not marked (ins ${await marks(app, "ins.sg-ins")}, del ${await marks(app, "del.sg-del")})`,
    });
    await waitSaved(app);
  } finally {
    await app.deleteSession();
  }

  // The original text is what the library holds; the suggestions are beside it.
  const cli = (args) => execFileSync(process.env.FAZHI_CLI, ["--db", db, ...args], { env: { ...process.env, ...appEnv(db) }, encoding: "utf8" });
  const [row] = JSON.parse(cli(["list", "--json"]));
  const listed = JSON.parse(cli(["changes", "list", row.id, "--json"]));
  assert.deepEqual(listed.map((c) => [c.kind, c.old, c.new, c.author]).sort(), [["insert", "", "全县", "李审核"], ["replace", "有待提高", "亟需提升", "李审核"]]);

  app = await openApp(driver.port, db);
  try {
    await setIdentity(app, "王起草", "drafter");
    await openRow(app, "辉南县人民政府");
    await app.waitUntil(async () => (await marks(app, "ins.sg-ins")) === "全县|亟需提升" && (await marks(app, "del.sg-del")) === "有待提高", {
      timeout: 10000,
      timeoutMsg: "after a restart the drafter does not see the suggestions",
    });
    assert.equal(await (await byTestId(app, "tracking-toggle")).getAttribute("aria-pressed"), "false", "the drafter edits directly by default");

    await (await byTestId(app, "changes-button")).click();
    await app.waitUntil(async () => (await textsOf(app, "change-item")).length === 2, { timeout: 10000, timeoutMsg: "two items in the 修订 list" });
    const authors = await textsOf(app, "change-author");
    assert.ok(authors.every((a) => a === "李审核（审核人）"), `authors shown (${authors})`);

    await decide(app, "亟需提升", "change-accept");
    await app.waitUntil(async () => (await paraText(app)).includes("亟需提升") && !(await paraText(app)).includes("有待提高"), {
      timeout: 15000,
      timeoutMsg: "the accepted change is not in the text",
    });
    // The other from the context menu over the change in the text.
    const target = await app.$('[data-testid="editor"] ins.sg-ins');
    await target.waitForExist({ timeout: 10000 });
    assert.equal(await target.getText(), "全县");
    await target.click({ button: "right" });
    const menu = await byTestId(app, "change-menu");
    assert.ok((await menu.getText()).includes("李审核的修订"), "the menu names the author");
    await (await byTestId(app, "menu-reject")).click();
    await app.waitUntil(async () => (await paraText(app)) === "执法队伍专业化水平亟需提升，原因是培训不足。", {
      timeout: 15000,
      timeoutMsg: `the text does not show the result (${await paraText(app)})`,
    });
    assert.equal(await marks(app, "ins.sg-ins"), "", "no insertion left");
    assert.equal(await marks(app, "del.sg-del"), "", "no deletion left");
  } finally {
    await app.deleteSession();
  }
  const after = JSON.parse(cli(["changes", "list", JSON.parse(cli(["list", "--json"]))[0].id, "--all", "--json"]));
  assert.deepEqual(after.map((c) => [c.new, c.status]).sort(), [["亟需提升", "accepted"], ["全县", "rejected"]]);
});
