// [official #16] The editor's page on the real Rust backend shows what the layout
// model decides around the text: the stop DOCX and PDF print after a run-in heading
// ("1.加强组织领导。" then the paragraph) stands after the heading as a widget nobody
// can edit; it goes when the heading ends in its own stop or the headings are set
// on their own lines — because the model (page_view) says so, not the page.
import { assert, equal, test, until } from "./harness.mjs";
import { frames, library, openRow, rewrite, stored } from "./real-library.mjs";

const S2 = "a1a1a1a1a1a1";
const S3 = "b2b2b2b2b2b2";
const S3B = "c3c3c3c3c3c3";

const stops = (page, sid) => page.locator(`section.sec[data-id="${sid}"] > .sec-heading [data-testid="run-in-stop"]`);

test("real-editor-layout: a run-in heading shows the 。 the DOCX and the PDF print after it, from the layout model", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  await rewrite(b, id, (d) => {
    d.settings.heading_style = "run_in";
    d.parts[0].sections = [{
      id: S2, heading: "依法全面履行政府职能", paragraphs: [{ id: "d1d1d1d1d1d1", text: "深化放管服改革。" }],
      sections: [
        { id: S3, heading: "加强组织领导", paragraphs: [{ id: "e1e1e1e1e1e1", text: "成立工作领导小组。" }], sections: [] },
        { id: S3B, heading: "健全工作机制：", paragraphs: [{ id: "f1f1f1f1f1f1", text: "每季度调度一次。" }], sections: [] },
      ],
    }];
  });
  // What the PDF prints (the 打印预览 is the typesetter's own pages).
  const preview = await b.call("preview_pdf", { id, profile: "filing" });
  const printed = preview.pages.flatMap((p) => p.lines.map((l) => l.text)).join("");
  assert(printed.includes("1.加强组织领导。成立工作领导小组"), "the PDF sets 。 after the run-in heading");
  assert(printed.includes("2.健全工作机制：每季度") && !printed.includes("：。"), "and none after a heading with its own stop");

  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await until(async () => (await stops(page, S3).count()) === 1, "a stop after 1.加强组织领导");
  equal(await stops(page, S3).textContent(), "。", "the stop is 。");
  equal(await stops(page, S2).textContent(), "。", "a level-2 heading run in gets it too");
  equal(await stops(page, S3B).count(), 0, "no stop after 健全工作机制：");
  equal(await stops(page, S3).getAttribute("contenteditable"), "false", "the stop cannot be edited");
  // The page reads as the PDF prints: heading, stop, paragraph.
  const run = await page.locator(`section.sec[data-id="${S3}"]`).evaluate((s) => s.textContent);
  assert(run.startsWith("加强组织领导。成立工作领导小组"), `heading and paragraph run on: ${run}`);

  // The stop is not text of the report: an edit elsewhere saves the heading as written.
  // Typing a stop of one's own at the heading's end: the model adds none.
  await page.evaluate((sid) => {
    const root = document.querySelector('[data-testid="editor"]');
    const heading = root.querySelector(`section.sec[data-id="${sid}"] > .sec-heading`);
    const text = [...heading.childNodes].find((n) => n.nodeType === 3);
    root.focus();
    const range = document.createRange();
    range.setStart(text, text.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }, S3);
  await frames(page);
  await page.keyboard.type("；");
  await until(async () => (await stored(b, id)).parts[0].sections[0].sections[0].heading === "加强组织领导；", "the heading saved as typed", 15000);
  await until(async () => (await stops(page, S3).count()) === 0, "the model adds no stop after 加强组织领导；");
  equal(await stops(page, S2).count(), 1, "the other heading keeps its stop");

  // Headings on their own lines: the model gives no stops, the page shows none.
  if (await page.getByTestId("meta-panel").isHidden()) await page.getByTestId("meta-toggle").click();
  await page.getByTestId("meta-heading-style").selectOption("separate");
  await until(async () => (await page.locator('[data-testid="run-in-stop"]').count()) === 0, "no stops with separate headings");
  await page.getByTestId("meta-heading-style").selectOption("run_in");
  await until(async () => (await stops(page, S2).count()) === 1, "back with run-in headings");
});
