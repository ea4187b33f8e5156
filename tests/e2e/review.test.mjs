// The [review] acceptance path in the real app (WebKitGTK): set the identity on
// the first launch, comment on words, edit text around them, restart — the
// comment is still on the same words; 送审 → 定稿 (with an override reason for
// the open comment and any check errors), then typing is refused and the
// backend refuses a save through IPC as well.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { startDriver, openApp, tempLibrary, byTestId, textsOf } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

const PARA_SEL = '.part[data-role="shortcomings"] p.para';
const highlighted = (app) =>
  app.execute(() => Array.from(document.querySelectorAll('[data-testid="editor"] .comment-anchor')).map((e) => e.textContent ?? "").join("|"));
const paraText = (app) => app.execute((sel) => document.querySelector(sel)?.textContent ?? "", PARA_SEL);

/** Selects `quote` in the paragraph (collapsed before it with `caret`), as a mouse would. */
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
  await new Promise((r) => setTimeout(r, 200));
}

async function waitSaved(app) {
  await app.waitUntil(async () => (await textsOf(app, "save-status")).some((t) => t.startsWith("已保存")), {
    timeout: 15000,
    timeoutMsg: "the edit was not saved",
  });
}

async function openRow(app, issuer) {
  await app.waitUntil(async () => (await textsOf(app, "report-row")).some((t) => t.includes(issuer)), { timeout: 15000 });
  const rows = await textsOf(app, "report-row");
  const row = (await app.$$('[data-testid="report-row"]'))[rows.findIndex((x) => x.includes(issuer))];
  await (await row.$("button.open-link")).click();
  await byTestId(app, "editor");
}

test("a comment stays on its words across edits and a restart; 定稿 locks the text", async () => {
  const db = tempLibrary();
  let app = await openApp(driver.port, db);
  try {
    // first launch: who are you?
    await byTestId(app, "identity-dialog");
    await (await byTestId(app, "identity-name")).setValue("李四");
    await (await byTestId(app, "identity-role")).selectByAttribute("value", "approver");
    await (await byTestId(app, "identity-save")).click();
    await app.waitUntil(async () => (await textsOf(app, "identity-chip"))[0] === "李四（签发人）", {
      timeout: 10000,
      timeoutMsg: "the header does not show the identity",
    });

    await (await byTestId(app, "new-report-button")).click();
    await (await byTestId(app, "issuer-input")).setValue("辉南县人民政府");
    await (await byTestId(app, "year-input")).setValue("2022");
    await (await byTestId(app, "create-button")).click();
    await byTestId(app, "editor");
    const para = await app.$(PARA_SEL);
    await para.waitForExist({ timeout: 10000 });
    await para.click();
    await app.keys("执法队伍专业化水平有待提高，原因是培训不足。");
    await app.waitUntil(async () => (await paraText(app)).includes("培训不足"), { timeout: 5000, timeoutMsg: "typed text did not appear" });
    await waitSaved(app);

    // comment on 专业化水平
    await select(app, "专业化水平");
    await (await byTestId(app, "add-comment")).click();
    await (await byTestId(app, "comment-input")).setValue("请补充具体数据");
    await (await byTestId(app, "comment-submit")).click();
    await app.waitUntil(async () => (await highlighted(app)) === "专业化水平", { timeout: 10000, timeoutMsg: "no highlight" });

    // edit around it: before and after
    await select(app, "执法队伍", true);
    await app.keys("全县");
    await select(app, "有待提高", true);
    await app.keys("仍");
    await app.waitUntil(async () => (await paraText(app)).startsWith("全县执法队伍专业化水平仍有待提高"), {
      timeout: 5000,
      timeoutMsg: `edits did not appear (${await paraText(app)})`,
    });
    assert.equal(await highlighted(app), "专业化水平", "the highlight stayed on the words");
    await waitSaved(app);
  } finally {
    await app.deleteSession();
  }

  app = await openApp(driver.port, db);
  try {
    await openRow(app, "辉南县人民政府");
    await app.waitUntil(async () => (await highlighted(app)) === "专业化水平", {
      timeout: 10000,
      timeoutMsg: "after a restart the comment is not on the same words",
    });

    // 送审
    await (await app.$('[data-testid="wf-action"][data-to="review"]')).click();
    await (await byTestId(app, "transition-confirm")).click();
    await app.waitUntil(async () => (await textsOf(app, "workflow-status"))[0] === "审阅中", { timeout: 10000, timeoutMsg: "not 审阅中" });

    // 定稿: the open comment blocks it; override with a reason
    await (await app.$('[data-testid="wf-action"][data-to="final"]')).click();
    await byTestId(app, "finalize-blockers");
    await (await byTestId(app, "override-checkbox")).click();
    await (await byTestId(app, "transition-reason")).setValue("领导已审定，批注在下一年度落实");
    await (await byTestId(app, "transition-confirm")).click();
    await app.waitUntil(async () => (await textsOf(app, "workflow-status"))[0] === "已定稿", { timeout: 10000, timeoutMsg: "not 已定稿" });
    const banner = await byTestId(app, "lock-banner");
    assert.ok((await banner.getText()).includes("已锁定"), "the banner says why");

    // typing is refused
    const before = await paraText(app);
    assert.equal(await (await byTestId(app, "editor")).getAttribute("contenteditable"), "false");
    await (await app.$(PARA_SEL)).click();
    await app.keys("改动");
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await paraText(app), before, "the text did not change");

    // and the backend refuses a save through the IPC command itself
    const refused = await app.executeAsync((done) => {
      const inv = window.__TAURI_INTERNALS__.invoke;
      inv("list_reports", { query: null })
        .then((rows) => inv("get_report", { id: rows.find((r) => r.issuer === "辉南县人民政府").id }))
        .then((v) => {
          const { id, status: _s, status_label: _l, version, created_at: _c, updated_at: _u, title: _t, ...doc } = v;
          return inv("save_report", { id, expectedVersion: version, document: { ...doc, preface: [{ id: "abcdefabcdef", text: "改动" }] } });
        })
        .then(() => done("saved"), (e) => done(e && e.code ? e.code : String(e)));
    });
    assert.equal(refused, "locked", "save_report refused on a final report");
  } finally {
    await app.deleteSession();
  }
});
