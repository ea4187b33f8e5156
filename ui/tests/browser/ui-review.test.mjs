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
