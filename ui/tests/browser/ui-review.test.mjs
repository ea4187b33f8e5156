// [proofing #18] Screens read at a small desktop (1280×800 and 1366×768) on the real
// backend, from the session's screen-by-screen review (notes/ui-review.md).
import { assert, test, until } from "./harness.mjs";
import { openRow, withSample } from "./real-library.mjs";

for (const viewport of [{ width: 1280, height: 800 }, { width: 1366, height: 768 }]) {
  test(`ui-review: 校对 findings read across the panel, their actions on one line each (${viewport.width}×${viewport.height})`, async ({ open, backend }) => {
    const b = await backend();
    await withSample(b);
    const page = await open({ real: true, viewport });
    await openRow(page, "梅河口");
    await page.getByTestId("checks-toggle").click();
    await until(async () => (await page.getByTestId("check-ignore").count()) > 3, "findings with 忽略", 30000);
    const items = await page.evaluate(() => [...document.querySelectorAll('[data-testid="check-item"]')]
      .filter((li) => li.getBoundingClientRect().height > 0)
      .slice(0, 12)
      .map((li) => {
        const box = li.getBoundingClientRect();
        const go = li.querySelector('[data-testid="check-go"]').getBoundingClientRect();
        const buttons = [...li.querySelectorAll("button:not(.check-go)")].map((btn) => {
          const r = btn.getBoundingClientRect();
          const line = parseFloat(getComputedStyle(btn).lineHeight) || 20;
          return { text: btn.textContent, lines: Math.round((r.height - parseFloat(getComputedStyle(btn).paddingTop) - parseFloat(getComputedStyle(btn).paddingBottom)) / line) };
        });
        return { message: li.querySelector('[data-testid="check-message"]').textContent.slice(0, 20), item: Math.round(box.width), go: Math.round(go.width), buttons };
      }));
    assert(items.length >= 4, `findings shown: ${items.length}`);
    for (const it of items) {
      // The message and its context use the item's width (they were squeezed into a column
      // of two or three characters beside 采纳建议 忽略 忽略并记住 所有报告).
      assert(it.go >= it.item * 0.9, `the finding reads across the panel: ${JSON.stringify(it)}`);
      for (const btn of it.buttons) assert(btn.lines === 1, `“${btn.text}” on one line: ${JSON.stringify(it)}`);
    }
  });
}

test("ui-review: beside an open side panel the 提纲's part titles keep a readable width (1280×800)", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true, viewport: { width: 1280, height: 800 } });
  await openRow(page, "梅河口");
  await page.getByTestId("checks-toggle").click();
  await until(async () => (await page.locator('[data-testid="outline-part"] .check-badge').count()) > 0, "the parts' badges", 30000);
  const parts = await page.evaluate(() => [...document.querySelectorAll('[data-testid="outline-part"]')].map((item) => {
    const text = [...item.childNodes].find((n) => n.nodeType === 3);
    const range = document.createRange();
    range.selectNodeContents(text);
    const widths = [...range.getClientRects()].map((r) => r.width);
    return { text: text.textContent, outline: Math.round(item.closest("nav").getBoundingClientRect().width), widest: Math.round(Math.max(...widths)), lines: widths.length };
  }));
  assert(parts.length === 4, `four parts: ${JSON.stringify(parts)}`);
  for (const p of parts) {
    // The title, not its 字数 and badges, takes the row: six characters of 14 px at least
    // (it was squeezed to three: 2019年 / 法治政 / 府建设 / …).
    assert(p.widest >= 6 * 14, `the part's title has room: ${JSON.stringify(p)}`);
  }
});

test("ui-review: the side panel's 修订 tab keeps its title and 关闭, as the 批注 tab does", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true, viewport: { width: 1280, height: 800 } });
  await openRow(page, "梅河口");
  await page.getByTestId("changes-button").click();
  await until(() => page.getByTestId("changes-panel").isVisible(), "the 修订 tab");
  const head = page.locator('[data-testid="comments-panel"] .panel-head');
  assert(await head.isVisible(), "the panel's head shows on the 修订 tab");
  assert((await head.locator("h2").textContent()) === "修订", `its title: ${await head.locator("h2").textContent()}`);
  await head.getByRole("button", { name: "关闭" }).click();
  await until(async () => !(await page.getByTestId("comments-panel").isVisible()), "关闭 closes the panel");
});

test("ui-review: 报告信息's text boxes are all as wide as the panel (the 发文字号 example is not cut)", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true, viewport: { width: 1280, height: 800 } });
  await openRow(page, "梅河口");
  await page.getByTestId("meta-toggle").click();
  await until(() => page.getByTestId("meta-panel").isVisible(), "报告信息");
  const boxes = await page.evaluate(() => [...document.querySelectorAll('[data-testid="meta-panel"] .field input[type="text"], [data-testid="meta-panel"] .field input:not([type])')]
    .filter((i) => !i.closest(".date-row") && i.getBoundingClientRect().width > 0)
    .map((i) => ({ label: i.closest(".field")?.querySelector("label")?.textContent, width: Math.round(i.getBoundingClientRect().width), fits: i.scrollWidth <= i.clientWidth })));
  assert(boxes.length >= 6, JSON.stringify(boxes));
  const widest = Math.max(...boxes.map((x) => x.width));
  // (the 版头/版记 group is inset a little)
  for (const x of boxes) assert(x.width >= widest * 0.9, `${x.label} as wide as the others: ${JSON.stringify(boxes)}`);
});

test("ui-review: 打印预览 at 200 % scrolls to the sheet's left edge (none of the page out of reach)", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true, viewport: { width: 1280, height: 800 } });
  await openRow(page, "梅河口");
  await page.getByTestId("print-preview-button").click();
  await until(async () => (await page.getByTestId("preview-line").count()) > 0, "the first page", 30000);
  for (let i = 0; i < 4; i++) await page.locator('[data-testid="preview-dialog"] button[aria-label="放大"]').click();
  await until(async () => (await page.getByTestId("preview-zoom").textContent()) === "200%", "200 %");
  await until(async () => (await page.getByTestId("preview-line").count()) > 0, "the page at 200 %");
  const at = await page.evaluate(() => {
    const stage = document.querySelector('[data-testid="preview-stage"]');
    stage.scrollLeft = 0;
    const s = stage.getBoundingClientRect();
    const left = document.querySelector('[data-testid="preview-page"]').getBoundingClientRect().left - s.left;
    stage.scrollLeft = stage.scrollWidth;
    const right = s.right - document.querySelector('[data-testid="preview-page"]').getBoundingClientRect().right;
    return { left: Math.round(left), right: Math.round(right), sheet: Math.round(document.querySelector('[data-testid="preview-page"]').getBoundingClientRect().width), stage: Math.round(s.width) };
  });
  assert(at.sheet > at.stage, `the sheet is wider than the stage at 200 %: ${JSON.stringify(at)}`);
  // Scrolled fully left, the sheet's left edge shows (it was centred into negative space:
  // 梅政发〔 and the left margin could not be reached); fully right, its right edge.
  assert(at.left >= 0, `the sheet's left edge in reach: ${JSON.stringify(at)}`);
  assert(at.right >= 0, `the sheet's right edge in reach: ${JSON.stringify(at)}`);
});

test("ui-review: 打印's controls are one height (打印机, 份数, 页码范围, 版本)", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true, viewport: { width: 1280, height: 800 } });
  await openRow(page, "梅河口");
  await page.getByTestId("print-button").click();
  await until(() => page.getByTestId("print-dialog").isVisible(), "the 打印 dialog");
  const heights = await page.evaluate(() => Object.fromEntries(["print-printer", "print-copies", "print-pages", "print-profile"]
    .map((id) => [id, Math.round(document.querySelector(`[data-testid="${id}"]`).getBoundingClientRect().height)])));
  assert(new Set(Object.values(heights)).size === 1, `one height: ${JSON.stringify(heights)}`);
});

test("ui-review: 设置 → 词库 is wide enough for its table, and its 条件 box shows no English", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true, viewport: { width: 1280, height: 800 } });
  await until(() => page.getByTestId("settings-button").isVisible(), "设置");
  await page.getByTestId("settings-button").click();
  await page.getByTestId("settings-lexicon").click();
  await until(async () => (await page.getByTestId("lexicon-row").count()) > 0, "the entries");
  const got = await page.evaluate(() => {
    const d = document.querySelector('[data-testid="lexicon"]').getBoundingClientRect();
    const row = document.querySelector('[data-testid="lexicon-row"]');
    // A cell's text height in lines of its own font (a Range's line boxes).
    const cells = [...row.children].map((td) => { const r = document.createRange(); r.selectNodeContents(td); return { text: td.textContent, lines: new Set([...r.getClientRects()].filter((x) => x.width > 0).map((x) => Math.round(x.top))).size }; });
    return { width: Math.round(d.width), cells };
  });
  assert(got.width >= 1000, `the 词库 dialog is ${got.width} px wide at 1280 px`);
  const group = got.cells[4];
  assert(group.text === "错别字" && group.lines <= 1, `分组 on one line: ${JSON.stringify(got.cells)}`);
  const cond = await page.getByTestId("lex-condition").inputValue();
  assert(cond === "", `the 条件 box is empty for no condition (was “always”): ${cond}`);
});

for (const viewport of [{ width: 1280, height: 800 }, { width: 1366, height: 768 }]) {
  test(`ui-review: 设置 → 校对规则 fits the window, 保存 in sight without scrolling (${viewport.width}×${viewport.height})`, async ({ open, backend }) => {
    const b = await backend();
    await withSample(b);
    const page = await open({ real: true, viewport });
    await until(() => page.getByTestId("settings-button").isVisible(), "设置");
    await page.getByTestId("settings-button").click();
    await page.getByTestId("settings-rules").click();
    await until(async () => (await page.getByTestId("rule-row").count()) > 5, "the rules");
    const got = await page.evaluate(() => {
      const d = document.querySelector('[data-testid="rule-settings"]');
      const save = document.querySelector('[data-testid="rule-settings-save"]').getBoundingClientRect();
      const r = document.createRange();
      r.selectNodeContents(d.querySelector("thead th"));
      const th = new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size;
      return { scrolls: d.scrollHeight > d.clientHeight + 1, saveBottom: Math.round(save.bottom), height: innerHeight, th };
    });
    assert(!got.scrolls && got.saveBottom <= got.height, `the dialog fits, 保存 visible: ${JSON.stringify(got)}`);
    assert(got.th === 1, `启用 on one line: ${got.th} lines`);
  });
}

test("ui-review: 历史版本, 比较版本 and 审计日志 are as wide as their tables (1280×800)", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true, viewport: { width: 1280, height: 800 } });
  await openRow(page, "梅河口");
  await page.locator('[data-testid="editor"] p.para').first().click();
  await page.keyboard.type("本年度");
  await until(async () => /已保存/.test(await page.getByTestId("save-status").textContent()), "the edit saved", 15000);
  await page.getByTestId("more-button").click();
  await page.getByTestId("save-version-button").click();
  await page.getByTestId("save-version-confirm").click();
  await until(async () => (await page.getByTestId("save-version-dialog").count()) === 0, "the version saved");
  const fits = (id) => page.evaluate((id) => {
    const d = document.querySelector(`[data-testid="${id}"]`);
    const heads = [...d.querySelectorAll("th")].filter((th) => th.textContent).map((th) => {
      const r = document.createRange();
      r.selectNodeContents(th);
      return [th.textContent, new Set([...r.getClientRects()].map((x) => Math.round(x.top))).size];
    });
    const overflow = Math.max(...[d, ...d.querySelectorAll(".audit-scroll")].map((e) => e.scrollWidth - e.clientWidth));
    return { width: Math.round(d.getBoundingClientRect().width), overflow, wrapped: heads.filter(([, n]) => n > 1).map(([t]) => t) };
  }, id);
  await page.getByTestId("revisions-button").click();
  await until(async () => (await page.getByTestId("revision-row").count()) === 1, "第1版");
  const revisions = await fits("revisions-dialog");
  assert(revisions.overflow <= 0 && revisions.wrapped.length === 0, `历史版本: ${JSON.stringify(revisions)}`);
  await page.getByTestId("compare-revision").click();
  await until(async () => (await page.getByTestId("compare-summary").count()) === 1, "比较版本");
  const compare = await fits("compare-result").catch(() => null);
  const compareWidth = await page.evaluate(() => Math.round(document.querySelector("dialog.wide").getBoundingClientRect().width));
  assert(compareWidth >= 900, `比较版本 is the wide dialog it asks to be: ${compareWidth} px (${JSON.stringify(compare)})`);
  await page.keyboard.press("Escape");
  await page.getByTestId("audit-log-button").click();
  await until(async () => (await page.getByTestId("audit-log-dialog").count()) === 1, "审计日志");
  await until(async () => (await page.getByTestId("audit-row").count()) > 0, `审计日志's rows: ${await page.getByTestId("audit-log-dialog").textContent()}`);
  const audit = await fits("audit-log-dialog");
  assert(audit.overflow <= 0, `审计日志: ${JSON.stringify(audit)}`);
});

test("ui-review: the keyboard focus shows on the red title bar (a white ring, not the blue one on red)", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true, viewport: { width: 1280, height: 800 } });
  await until(async () => (await page.getByTestId("report-row").count()) > 0, "the list (it focuses its search box when shown)");
  await until(async () => (await page.evaluate(() => document.activeElement?.dataset.testid)) === "search-input", "the search box focused");
  await page.getByTestId("settings-button").focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  const ring = await page.evaluate(() => {
    const el = document.activeElement;
    const cs = getComputedStyle(el);
    return { id: el.dataset.testid, visible: el.matches(":focus-visible"), style: cs.outlineStyle, color: cs.outlineColor };
  });
  assert(ring.id === "settings-button" && ring.visible, JSON.stringify(ring));
  assert(ring.style === "solid" && ring.color === "rgb(255, 255, 255)", `a white ring on the red bar: ${JSON.stringify(ring)}`);
});

test("ui-review: the report's state shows once (the workflow bar's, which follows 送审; not a second 草稿 fixed at opening)", async ({ open, backend }) => {
  const b = await backend();
  await withSample(b);
  const page = await open({ real: true, viewport: { width: 1280, height: 800 } });
  await openRow(page, "梅河口");
  await until(() => page.getByTestId("workflow-status").isVisible(), "the workflow bar");
  const shown = await page.evaluate(() => [...document.querySelectorAll('[data-testid="report-view"] .status-label, [data-testid="workflow-status"]')]
    .filter((e) => e.getBoundingClientRect().width > 0).map((e) => e.textContent));
  assert(shown.length === 1 && shown[0] === "草稿", `one state shown: ${JSON.stringify(shown)}`);
});
