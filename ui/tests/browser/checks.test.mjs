// [checks] The 校对 panel against the real Rust checker (check_report: findings with the library's ignores):
// grouping and counts, underlines, click to go, 修正 and 全部修正（此类） as
// undoable edits, outline badges, re-check as you type, no decoration change
// during an IME composition, rule settings (stored by set_rule_config).
import { assert, equal, test, until } from "./harness.mjs";
import { calls, frames, openRow, rewrite, stored, usual } from "./real-library.mjs";

const SAVED = 15000;

/**
 * The 梅河口 report with every statutory part written (so the structure rules
 * have nothing to say) and three defective paragraphs in part one's first
 * sections; returns its id.
 */
async function seedDefects(b) {
  const [id] = await usual(b);
  await rewrite(b, id, (d) => {
    const s = d.parts[0].sections;
    s[0].paragraphs.push({ id: "a00000000001", text: "我市深化改革,取消许可事项12项,下放权限5项。" });
    // 如下 takes a colon (the lexicon's style rule): only 汇报 is wrong here.
    s[1].paragraphs.push({ id: "a00000000002", text: "坚持依法决策,规范程序。现将情况汇报如下：" });
    s[2].paragraphs.push({ id: "a00000000003", text: "全年办结案件1,200件。" });
    d.parts[1].paragraphs[0].text = "执法规范化水平有待提高，主要原因是执法人员培训不足。";
    d.parts[2].paragraphs[0].text = "市政府主要负责人亲自部署法治政府建设，主持研究重大事项。";
    d.parts[3].paragraphs = [{ id: "a00000000009", text: "继续深化法治政府建设。" }];
  });
  return id;
}

async function openDefects(b, open) {
  const id = await seedDefects(b);
  const page = await open();
  await openRow(page, "梅河口");
  return { page, id };
}

const paraText = (page, id) =>
  page.evaluate((id) => {
    const v = window.__pmView;
    let t = null;
    v.state.doc.descendants((n) => {
      if (n.attrs && n.attrs.id === id && n.type.name === "paragraph") t = n.textContent;
    });
    return t;
  }, id);
async function savedPara(b, rid, pid) {
  const find = (ss) => {
    for (const s of ss) {
      const p = s.paragraphs.find((x) => x.id === pid) ?? find(s.sections);
      if (p) return p;
    }
    return null;
  };
  return find((await stored(b, rid)).parts[0].sections)?.text ?? null;
}
const checkCalls = async (page) => (await calls(page, "check_report")).length;
const items = (page, rule) => page.locator(`[data-testid="check-item"][data-rule="${rule}"]`);

/** Puts the caret at the end of the paragraph whose text is `text`. */
async function caretAtEnd(page, text) {
  await page.evaluate((text) => {
    const root = document.querySelector('[data-testid="editor"]');
    const el = [...root.querySelectorAll("p.para")].find((b) => b.textContent === text);
    if (!el) throw new Error(`no paragraph ${text}`);
    root.focus();
    const r = document.createRange();
    r.selectNodeContents(el);
    r.collapse(false);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  }, text);
  await frames(page);
}

test("checks: findings grouped by category and severity with counts, underlined, with outline badges; no false alarm on 1,200", async ({ open, backend }) => {
  const b = await backend();
  const { page, id } = await openDefects(b, open);
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await page.getByTestId("check-item").count()) === 4, "four findings", 8000);
  const cats = await page.getByTestId("check-category").evaluateAll((els) => els.map((e) => [e.dataset.category, e.querySelector("summary").innerText.replace(/\s+/g, " ").trim()]));
  equal(cats, [["标点", "标点 错误 3"], ["文种", "文种 错误 1"]], "categories in order, counts per severity");
  equal((await page.getByTestId("checks-summary").innerText()).replace(/\s+/g, " "), "错误 4 警告 0 提示 0", "summary");
  equal(await items(page, "punct.halfwidth").count(), 3, "three commas (1,200 is a number)");
  const first = items(page, "punct.halfwidth").first();
  assert((await first.getByTestId("check-message").innerText()).includes("全角逗号"), "message");
  assert((await first.locator("mark").innerText()) === ",", "offending text shown in context");
  // Underlines in the editor, coloured by severity.
  await until(async () => (await page.locator(".pm .check-mark.sev-error").count()) === 4, "underlines");
  // Badges: section （一） has 2 errors, （二） 2, part one 4.
  const badge = (nid) => page.locator(`[data-badges-for="${nid}"] [data-testid="check-badge"]`).allInnerTexts();
  const part = (await stored(b, id)).parts[0];
  await until(async () => JSON.stringify(await badge(part.id)) === '["4"]', "badges drawn");
  equal(await badge(part.sections[0].id), ["2"], "badge of （一）");
  equal(await badge(part.sections[1].id), ["2"], "badge of （二）");
  equal(await badge(part.sections[2].id), [], "no badge on （三）");
  equal(await badge(part.id), ["4"], "badge of part one");
});

test("checks: clicking a finding selects and highlights its range; 修正 is an undoable, autosaved edit", async ({ open, backend }) => {
  const b = await backend();
  const { page, id: rid } = await openDefects(b, open);
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await items(page, "punct.halfwidth").count()) === 3, "findings", 8000);
  await items(page, "punct.halfwidth").nth(1).getByTestId("check-go").click();
  await frames(page);
  equal(await page.locator(".pm .check-selected").allInnerTexts(), [","], "the selected finding is highlighted");
  const sel = await page.evaluate(() => {
    const s = window.__pmView.state.selection;
    return window.__pmView.state.doc.textBetween(s.from, s.to) + "@" + window.__pmView.state.doc.resolve(s.from).parentOffset;
  });
  equal(sel, ",@16", "the editor selects the second comma");
  // 修正 the first one.
  await items(page, "punct.halfwidth").first().getByTestId("check-fix").click();
  equal(await paraText(page, "a00000000001"), "我市深化改革，取消许可事项12项,下放权限5项。", "fixed in place");
  await until(async () => (await items(page, "punct.halfwidth").count()) === 2, "two left after the re-check", 8000);
  await until(async () => (await savedPara(b, rid, "a00000000001")) === "我市深化改革，取消许可事项12项,下放权限5项。", "autosaved", SAVED);
  // Ctrl+Z brings the comma back, and the finding with it.
  await page.getByTestId("editor").focus();
  await page.keyboard.press("Control+z");
  equal(await paraText(page, "a00000000001"), "我市深化改革,取消许可事项12项,下放权限5项。", "undone");
  await until(async () => (await items(page, "punct.halfwidth").count()) === 3, "found again after undo", 8000);
  await until(async () => (await savedPara(b, rid, "a00000000001")) === "我市深化改革,取消许可事项12项,下放权限5项。", "undo autosaved", SAVED);
});

test("checks: 全部修正（此类） fixes every safe finding of the rule in one undoable step; badges follow", async ({ open, backend }) => {
  const b = await backend();
  const { page, id: rid } = await openDefects(b, open);
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await items(page, "punct.halfwidth").count()) === 3, "findings", 8000);
  const rule = page.locator('[data-testid="check-rule"][data-rule="punct.halfwidth"]');
  await rule.getByTestId("fix-all").click();
  equal(await paraText(page, "a00000000001"), "我市深化改革，取消许可事项12项，下放权限5项。", "both fixed");
  await until(async () => (await items(page, "punct.halfwidth").count()) === 0 && (await items(page, "genre.huibao").count()) === 1, "only 汇报 left", 8000);
  const sec0 = (await stored(b, rid)).parts[0].sections[0].id;
  await until(async () => (await page.locator(`[data-badges-for="${sec0}"] [data-testid="check-badge"]`).count()) === 0, "badge gone");
  equal(await page.getByTestId("editor-hint").innerText(), "已修正 3 处（Ctrl+Z 可撤销）", "status says what was done");
  await until(async () => (await savedPara(b, rid, "a00000000001")) === "我市深化改革，取消许可事项12项，下放权限5项。", "saved", SAVED);
  await page.getByTestId("editor").focus();
  await page.keyboard.press("Control+z");
  equal(await paraText(page, "a00000000001"), "我市深化改革,取消许可事项12项,下放权限5项。", "one undo restores both");
  await page.keyboard.press("Control+y");
  equal(await paraText(page, "a00000000001"), "我市深化改革，取消许可事项12项，下放权限5项。", "redo");
});

test("checks: re-checked about 300 ms after typing stops, not on every key", async ({ open, backend }) => {
  const b = await backend();
  const { page } = await openDefects(b, open);
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await page.getByTestId("check-item").count()) === 4, "initial findings", 8000);
  await caretAtEnd(page, "全年办结案件1,200件。");
  // Key and check times are taken in the page, so a loaded machine that stalls
  // Playwright between two keys cannot be mistaken for a debounce failure: a check
  // is allowed only once 300 ms have passed since the key before it.
  await page.evaluate(() => {
    window.__keyTimes = [];
    window.__checkTimes = [];
    addEventListener("beforeinput", () => window.__keyTimes.push(performance.now()), true);
    const calls = window.__ipc.calls;
    const push = calls.push.bind(calls);
    calls.push = (...c) => {
      for (const x of c) if (x.cmd === "check_report") window.__checkTimes.push(performance.now());
      return push(...c);
    };
  });
  for (const ch of ["另", "外", ",", "还", "有", ",", "两", "件"]) {
    await page.keyboard.insertText(ch);
    await page.waitForTimeout(60);
  }
  await until(async () => (await items(page, "punct.halfwidth").count()) === 5, "new commas found", 8000);
  const { keys, checks } = await page.evaluate(() => ({ keys: window.__keyTimes, checks: window.__checkTimes }));
  equal(keys.length, 8, "every key seen");
  assert(checks.length >= 1, "checked after the burst");
  for (const t of checks) {
    const lastKey = Math.max(...keys.filter((k) => k <= t));
    assert(t - lastKey >= 250, `a check ${Math.round(t - lastKey)} ms after a key (keys at ${keys.map(Math.round)}, checks at ${checks.map(Math.round)})`);
  }
  const last = keys[keys.length - 1];
  const after = checks.filter((t) => t > last);
  equal(after.length, 1, "one check after the last key");
  assert(after[0] - last < 1500, `checked ${Math.round(after[0] - last)} ms after the last key`);
  // Checks inside the burst only where the machine stalled ≥ 300 ms between keys.
  const stalls = keys.slice(1).filter((k, i) => k - keys[i] >= 300).length;
  assert(checks.length - 1 <= stalls, `${checks.length - 1} checks while typing, ${stalls} stalls`);
});

test("checks: no decoration changes while an IME composition is active; applied at compositionend", async ({ open, backend }) => {
  const b = await backend();
  const { page } = await openDefects(b, open);
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await page.getByTestId("check-item").count()) === 4, "initial findings", 8000);
  await page.evaluate(() => window.__ipc.delay("check_report", 400));
  await caretAtEnd(page, "全年办结案件1,200件。");
  const before = await checkCalls(page);
  await page.keyboard.insertText("另外,");
  // The check is sent after 300 ms and answers 400 ms later: start composing in between.
  await until(async () => (await checkCalls(page)) > before, "sent", 2000);
  const callsAtStart = await checkCalls(page);
  const cdp = await page.context().newCDPSession(page);
  // Both what is drawn and the decoration set itself (ProseMirror may hold back
  // drawing the composing block, but the set must not change either).
  const marks = () =>
    page.evaluate(() => {
      const drawn = [...document.querySelectorAll(".pm .check-mark")].map((e) => e.textContent).join("|");
      const st = window.__pmView.state["check-marks$"];
      const set = st.decos.find().map((d) => `${d.from}-${d.to}`).join(",");
      return `${drawn} / ${set}`;
    });
  const at = await marks();
  for (const t of ["y", "yi", "yi'j", "yi'jian"]) {
    await cdp.send("Input.imeSetComposition", { text: t, selectionStart: t.length, selectionEnd: t.length });
    await page.waitForTimeout(150);
    equal(await marks(), at, `decorations unchanged while composing “${t}”`);
  }
  // Long past the debounce and the answer: still nothing changed, and no check read the pre-edit text.
  await page.waitForTimeout(1200);
  equal(await marks(), at, "unchanged during the composition");
  const sentDuring = (await calls(page, "check_report")).slice(callsAtStart);
  assert(sentDuring.every((c) => !JSON.stringify(c).includes("yi'j")), "no pre-edit text sent");
  await cdp.send("Input.insertText", { text: "一件" });
  await until(async () => (await page.locator('.pm .check-mark[data-check*="punct.halfwidth"]').count()) === 4, "the new comma is underlined after the commit", 4000);
  await until(async () => (await paraText(page, "a00000000003")) === "全年办结案件1,200件。另外,一件", "committed once");
});

test("checks: 规则设置 turns a rule off and changes a severity; the findings follow", async ({ open, backend }) => {
  const b = await backend();
  const { page } = await openDefects(b, open);
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await page.getByTestId("check-item").count()) === 4, "initial findings", 8000);
  await page.getByTestId("checks-settings").click();
  const dlg = page.getByTestId("rule-settings");
  await until(() => dlg.isVisible(), "dialog");
  await dlg.locator('[data-testid="rule-enabled"][data-rule="genre.huibao"]').uncheck();
  await dlg.locator('[data-testid="rule-severity"][data-rule="punct.halfwidth"]').selectOption("warning");
  await dlg.getByTestId("rule-terms").fill("某项目代号\n\n某项目代号");
  await dlg.getByTestId("rule-typos").fill("布署 部署\n坏行");
  await dlg.getByTestId("rule-settings-save").click();
  assert((await dlg.getByTestId("rule-settings-error").innerText()).includes("第2行"), "bad line refused in Chinese");
  await dlg.getByTestId("rule-typos").fill("布署 → 部署");
  await dlg.getByTestId("rule-settings-save").click();
  await until(async () => !(await dlg.count()), "closed");
  const cfg = await b.call("get_rule_config", {});
  equal(Object.fromEntries(Object.entries(cfg.rules).sort()), { "genre.huibao": { enabled: false, severity: null }, "punct.halfwidth": { enabled: true, severity: "warning" } }, "only changes stored");
  equal(cfg.sensitive_terms, ["某项目代号"], "terms");
  equal(cfg.typos.map(({ wrong, right }) => ({ wrong, right })), [{ wrong: "布署", right: "部署" }], "typos");
  await until(async () => (await page.getByTestId("check-item").count()) === 3, "汇报 no longer checked", 8000);
  const cats = await page.getByTestId("check-category").evaluateAll((els) => els.map((e) => e.querySelector("summary").innerText.replace(/\s+/g, " ").trim()));
  equal(cats, ["标点 警告 3"], "severity follows the setting");
  await until(async () => (await page.locator(".pm .check-mark.sev-warning").count()) === 3, "underlines recoloured");
});
