// [files] 导入 (dialog and drop), 下一年度报告 with the reference pane, 导出, 打印预览.
import { assert, equal, test, until } from "./harness.mjs";

const rows = (page) => page.locator('[data-testid="report-row"]');
const calls = (page, cmd) => page.evaluate((c) => window.__fake.calls.filter((x) => x.cmd === c).map((x) => x.args), cmd);

async function openFirst(page, title = "梅河口市人民政府关于2019年") {
  await until(async () => (await rows(page).count()) >= 1, "rows");
  await rows(page).filter({ hasText: title }).first().locator(".open-link").click();
  await until(() => page.getByTestId("report-view").isVisible(), "report view");
}

test("导入: the preview lists structure, encoding, removed chrome and uncertain items; 确认导入 opens the new report", async ({ open }) => {
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.getByTestId("import-button").click();
  const dialog = page.getByTestId("import-dialog");
  await until(() => dialog.isVisible(), "preview dialog");
  const file = await page.getByTestId("import-file").innerText();
  assert(file.includes("梅河口市2019年法治政府建设报告.txt") && file.includes("纯文本") && file.includes("GB18030"), file);
  equal(await page.getByTestId("import-issuer").inputValue(), "梅河口市", "inferred issuer offered");
  equal(await page.getByTestId("import-year").inputValue(), "2019", "inferred year offered");
  assert((await dialog.innerText()).includes("由文件内容推断的发文机关"), "says the issuer was inferred");
  const parts = page.getByTestId("import-part");
  equal(await parts.count(), 4, "four parts");
  equal(await parts.evaluateAll((els) => els.map((e) => e.getAttribute("data-role"))), ["measures", "shortcomings", "leadership", "plans"], "roles");
  const firstPartSections = parts.nth(0).getByTestId("import-section");
  equal(await firstPartSections.count(), 8, "part one's 8 sections");
  assert((await firstPartSections.nth(0).innerText()).startsWith("（一）依法全面履行政府职能"), await firstPartSections.nth(0).innerText());
  assert((await page.getByTestId("import-title").innerText()).includes("梅河口市2019年法治政府建设情况报告"), "title");
  assert((await page.getByTestId("import-preface").innerText()).includes("1段"), "preface count");
  assert((await page.getByTestId("import-closing").innerText()).includes("2020年3月13日"), "closing date");
  // Uncertain: listed and highlighted in the structure.
  equal(await page.getByTestId("import-uncertain-item").count(), 1, "one uncertain item");
  assert(await firstPartSections.nth(7).evaluate((e) => e.classList.contains("uncertain")), "uncertain section highlighted");
  // Removed chrome is listed (in a collapsed list).
  const removed = await page.getByTestId("import-removed-item").allTextContents();
  equal(removed.length, 3, "three removed lines");
  assert(removed.some((t) => t.includes("站群导航")) && removed.some((t) => t.includes("轻度污染")), removed.join("|"));
  // Correct the issuer, then confirm.
  await page.getByTestId("import-issuer").fill("梅河口市人民政府");
  await page.getByTestId("import-confirm").click();
  await until(() => page.getByTestId("report-view").isVisible(), "new report opens");
  assert(!(await dialog.count()), "dialog closed");
  equal(await page.getByTestId("doc-title").innerText(), "梅河口市人民政府关于2019年法治政府建设情况的报告", "title from the corrected issuer");
  const confirm = (await calls(page, "confirm_import"))[0];
  equal(confirm.options, { issuer: "梅河口市人民政府", year: 2019, template_id: null }, "options sent");
  equal(await page.evaluate(() => window.__fake.reports.size), 3, "stored");
  const sections = await page.getByTestId("outline-item").allInnerTexts();
  assert(sections.some((s) => s.replace(/\s/g, "").includes("依法全面履行政府职能")), sections.join("|"));
});

test("导入: 取消 writes nothing; a cancelled file dialog shows nothing; wrong year is refused in Chinese", async ({ open }) => {
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "rows");
  await page.getByTestId("import-button").click();
  await until(() => page.getByTestId("import-dialog").isVisible(), "dialog");
  await page.getByTestId("import-year").fill("19");
  await page.getByTestId("import-confirm").click();
  assert((await page.getByTestId("import-dialog").innerText()).includes("请用四位阿拉伯数字填写年度"), "year message");
  equal((await calls(page, "confirm_import")).length, 0, "nothing sent");
  await page.getByTestId("import-cancel").click();
  await until(async () => !(await page.getByTestId("import-dialog").count()), "closed");
  equal(await page.evaluate(() => window.__fake.reports.size), 2, "nothing stored");
  equal((await calls(page, "confirm_import")).length, 0, "no confirm");
  // The user closes the native dialog without choosing.
  await page.evaluate(() => (window.__fake.importFile = null));
  await page.getByTestId("import-button").click();
  await until(async () => (await calls(page, "pick_import")).length === 2, "second pick");
  await page.waitForTimeout(100);
  equal(await page.getByTestId("import-dialog").count(), 0, "no preview");
  // A file the importer refuses: the Chinese message is shown.
  await page.evaluate(() => window.__fake.failNext("pick_import", { code: "import", message: "无法导入“坏文件.docx”：文件已损坏" }));
  await page.getByTestId("import-button").click();
  await until(() => page.getByTestId("import-error-dialog").isVisible(), "error dialog");
  assert((await page.getByTestId("import-error").innerText()).includes("坏文件.docx"), "names the file");
});

test("导入: a backend refusal on confirm stays in the dialog with its message", async ({ open }) => {
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "rows");
  await page.getByTestId("import-button").click();
  await until(() => page.getByTestId("import-dialog").isVisible(), "dialog");
  await page.evaluate(() => window.__fake.failNext("confirm_import", { code: "invalid", message: "文档不符合报告模板：缺少第二部分" }));
  await page.getByTestId("import-confirm").click();
  await until(async () => (await page.getByTestId("import-error").innerText()).includes("缺少第二部分"), "message");
  assert(await page.getByTestId("import-confirm").isEnabled(), "can retry");
  await page.getByTestId("import-confirm").click();
  await until(() => page.getByTestId("report-view").isVisible(), "retry worked");
});

test("拖入文件: the backend's drop outcome opens the same preview, or a message; the page never navigates", async ({ open }) => {
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "rows");
  await openFirst(page);
  // While dragging, the window says what will happen.
  await page.evaluate(() => window.__fazhiDragHover(true));
  assert(await page.getByTestId("drop-overlay").isVisible(), "overlay while hovering");
  await page.evaluate(() => window.__fazhiDragHover(false));
  assert(!(await page.getByTestId("drop-overlay").isVisible()), "overlay gone");
  // Rust calls this with the parsed preview of the dropped file.
  await page.evaluate(async () => {
    const preview = await window.__fake.handle("pick_import");
    window.__fazhiImportDropped({ preview });
  });
  await until(() => page.getByTestId("import-dialog").isVisible(), "preview from the drop");
  equal(await page.getByTestId("import-part").count(), 4, "same preview");
  await page.getByTestId("import-confirm").click();
  await until(async () => (await page.getByTestId("doc-title").innerText()).includes("梅河口市关于2019年"), "the imported report replaced the open one");
  equal(await page.evaluate(() => window.__fake.reports.size), 3, "stored");
  // An error outcome (two files, a folder…) is shown in Chinese.
  await page.evaluate(() => window.__fazhiImportDropped({ error: { code: "many_files", message: "一次只能导入一个文件（拖入了2个），请逐个拖入" } }));
  await until(() => page.getByTestId("import-error-dialog").isVisible(), "error");
  assert((await page.getByTestId("import-error").innerText()).includes("一次只能导入一个文件"), "message");
  // A file dropped on the webview itself is not opened as a page.
  const prevented = await page.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(["x"], "a.txt", { type: "text/plain" }));
    const ev = new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true });
    document.body.dispatchEvent(ev);
    return ev.defaultPrevented;
  });
  assert(prevented, "file drop default prevented");
});

test("下一年度报告 opens the new report with 参考：上年度报告 beside it, toggleable", async ({ open }) => {
  const page = await open({
    setup: (fake) => {
      const id = [...fake.reports.values()][0].id;
      const r = fake.reports.get(id);
      r.doc.parts[1].paragraphs[0].text = "去年的不足：执法规范化水平有待提高。";
    },
  });
  await openFirst(page);
  await page.getByTestId("next-year-button").click();
  await until(async () => (await page.getByTestId("doc-title").innerText()) === "梅河口市人民政府关于2020年法治政府建设情况的报告", "2020 report open");
  equal((await calls(page, "next_year_report")).length, 1, "one call");
  const pane = page.getByTestId("reference-pane");
  await until(() => pane.isVisible(), "reference shown");
  const text = await page.getByTestId("reference-body").innerText();
  assert(text.includes("梅河口市人民政府关于2019年法治政府建设情况的报告"), "last year's title");
  assert(text.includes("去年的不足：执法规范化水平有待提高。"), "last year's text");
  assert(text.includes("一、2019年推进法治政府建设的主要举措和成效"), "numbered part headings");
  equal(await page.getByTestId("reference-body").evaluate((e) => e.isContentEditable || !!e.querySelector("[contenteditable=true], input, textarea")), false, "read-only");
  const toggle = page.getByTestId("reference-toggle");
  equal(await toggle.getAttribute("aria-pressed"), "true", "pressed");
  await toggle.click();
  assert(!(await pane.isVisible()), "hidden");
  equal(await toggle.getAttribute("aria-pressed"), "false", "not pressed");
  await toggle.click();
  assert(await pane.isVisible(), "shown again");
  // The 2019 report itself has no reference.
  await page.getByTestId("back-button").click();
  await openFirst(page, "关于2019年");
  await page.waitForTimeout(100);
  assert(!(await page.getByTestId("reference-toggle").isVisible()), "no toggle without a source");
});

test("导出: format and profile, check errors warn first, native save, toast with 打开所在文件夹", async ({ open }) => {
  const page = await open({
    setup: (fake) => {
      const r = [...fake.reports.values()][0];
      r.doc.preface[0].text = "现将有关情况汇报如下：";
    },
  });
  await openFirst(page);
  await page.getByTestId("export-button").click();
  const dialog = page.getByTestId("export-dialog");
  await until(() => dialog.isVisible(), "export dialog");
  assert(await page.getByTestId("export-format-docx").isChecked(), "DOCX by default");
  assert(await page.getByTestId("export-profile-filing").isChecked(), "报送版 by default");
  assert(await page.getByTestId("export-comments").isDisabled(), "含批注 disabled without comments");
  assert((await page.getByTestId("export-comments-hint").innerText()).includes("没有未解决的批注"), "hint");
  await page.getByTestId("export-profile-publication").check();
  await page.getByTestId("export-confirm").click();
  // The sample has a 错误 (汇报如下): warn first, nothing exported yet.
  await until(() => page.getByTestId("export-warning").isVisible(), "warning");
  assert((await page.getByTestId("export-warning").innerText()).includes("校对发现1处错误"), await page.getByTestId("export-warning").innerText());
  equal((await calls(page, "export_report")).length, 0, "not exported before the user agrees");
  equal(await page.getByTestId("export-confirm").innerText(), "仍然导出…", "button says so");
  await page.getByTestId("export-confirm").click();
  await until(() => page.getByTestId("export-toast").isVisible(), "toast");
  equal((await calls(page, "export_report"))[0].format, "docx", "format");
  equal((await calls(page, "export_report"))[0].profile, "publication", "profile");
  assert(!(await dialog.count()), "dialog closed");
  assert((await page.getByTestId("export-toast").innerText()).includes("/home/用户/文档/报告.docx"), "path shown");
  await page.getByTestId("reveal-export").click();
  await until(async () => (await page.evaluate(() => window.__fake.revealed.length)) === 1, "revealed");
  // PDF, user cancels the save dialog: the dialog stays, nothing written.
  await page.evaluate(() => (window.__fake.exportPath = null));
  await page.getByTestId("export-button").click();
  await until(() => dialog.isVisible(), "dialog again");
  await page.getByTestId("export-format-pdf").check();
  assert(!(await page.getByTestId("export-comments").isVisible()), "含批注 only for DOCX");
  await page.getByTestId("export-confirm").click();
  await until(() => page.getByTestId("export-warning").isVisible(), "warned again");
  await page.getByTestId("export-confirm").click();
  await until(async () => (await calls(page, "export_report")).length === 2, "second export call");
  await page.waitForTimeout(50);
  assert(await dialog.isVisible(), "still open after a cancelled save dialog");
  equal(await page.evaluate(() => window.__fake.exported.length), 1, "nothing more written");
});

test("导出 含批注: offered for a DOCX 报送版 when open comments exist, and passed to export_report", async ({ open }) => {
  const page = await open();
  await page.waitForFunction(() => window.__fake !== undefined);
  await page.evaluate(async () => {
    const fake = window.__fake;
    const id = [...fake.reports.keys()][0];
    await fake.handle("set_identity", { name: "李审核", role: "reviewer" });
    await fake.handle("add_comment", { id, target: { kind: "quote", quote: "法治政府", occurrence: 1 }, text: "请核实" });
  });
  await openFirst(page);
  await page.getByTestId("export-button").click();
  await until(() => page.getByTestId("export-dialog").isVisible(), "export dialog");
  await until(async () => !(await page.getByTestId("export-comments").isDisabled()), "含批注 enabled with an open comment");
  await page.getByTestId("export-profile-publication").check();
  assert(!(await page.getByTestId("export-comments").isVisible()), "含批注 not offered for 公开版");
  await page.getByTestId("export-profile-filing").check();
  await page.getByTestId("export-comments").check();
  await page.getByTestId("export-confirm").click();
  if (await page.getByTestId("export-warning").isVisible()) await page.getByTestId("export-confirm").click();
  await until(async () => (await calls(page, "export_report")).length === 1, "exported");
  equal((await calls(page, "export_report"))[0].withComments, true, "with comments");
});

test("导出 without check errors goes straight to the save dialog; an export error is shown", async ({ open }) => {
  const page = await open();
  await openFirst(page);
  await page.getByTestId("export-button").click();
  await until(() => page.getByTestId("export-dialog").isVisible(), "dialog");
  await page.getByTestId("export-format-html").check();
  await page.evaluate(() => window.__fake.failNext("export_report", { code: "io", message: "无法写入文件：磁盘已满" }));
  await page.getByTestId("export-confirm").click();
  await until(async () => (await page.getByTestId("export-error").innerText()).includes("磁盘已满"), "error");
  assert(!(await page.getByTestId("export-warning").isVisible()), "no warning without errors");
  await page.getByTestId("export-confirm").click();
  await until(() => page.getByTestId("export-toast").isVisible(), "exported");
  equal((await calls(page, "export_report")).at(-1).format, "html", "html");
});

test("打印预览: A4 pages to scale with page count, 上一页/下一页, zoom, profile and 导出 PDF", async ({ open }) => {
  const page = await open({
    setup: (fake) => {
      const r = [...fake.reports.values()][0];
      r.doc.parts[1].paragraphs[0].text = "存在的不足。".repeat(200);
    },
  });
  await openFirst(page);
  await page.getByTestId("print-preview-button").click();
  const dialog = page.getByTestId("preview-dialog");
  await until(() => dialog.isVisible(), "preview");
  await until(async () => /第 1 页，共 \d+ 页/.test(await page.getByTestId("preview-count").innerText()), "count");
  const total = Number((await page.getByTestId("preview-count").innerText()).match(/共 (\d+) 页/)[1]);
  assert(total >= 3, `several pages: ${total}`);
  const box = await page.getByTestId("preview-page").boundingBox();
  assert(Math.abs(box.width / box.height - 210 / 297) < 0.01, `A4 proportions ${box.width}×${box.height}`);
  assert(Math.abs(box.width - 210 * 96 / 25.4) < 2, `100% = 96 dpi: ${box.width}`);
  const first = page.getByTestId("preview-line").first();
  equal(await first.getAttribute("data-kind"), "title", "title first");
  assert((await first.textContent()).includes("梅河口市人民政府"), `title text: ${await first.textContent()}`);
  assert(await page.getByTestId("preview-prev").isDisabled(), "no previous page");
  await page.getByTestId("preview-next").click();
  await until(async () => (await page.getByTestId("preview-count").innerText()).startsWith("第 2 页"), "page 2");
  equal(await page.getByTestId("preview-page").getAttribute("data-page"), "2", "page 2 drawn");
  const num = await page.locator('[data-testid="preview-line"][data-kind="page_number"]').textContent();
  assert(num.includes("2"), `page number ${num}`);
  await page.keyboard.press("PageDown");
  await until(async () => (await page.getByTestId("preview-count").innerText()).startsWith("第 3 页"), "PageDown");
  await page.getByTestId("preview-prev").click();
  await until(async () => (await page.getByTestId("preview-count").innerText()).startsWith("第 2 页"), "back");
  await dialog.getByRole("button", { name: "放大" }).click();
  equal(await page.getByTestId("preview-zoom").innerText(), "125%", "zoom label");
  const bigger = await page.getByTestId("preview-page").boundingBox();
  assert(Math.abs(bigger.width / box.width - 1.25) < 0.01, "drawn larger");
  await page.getByTestId("preview-profile").selectOption("publication");
  await until(async () => (await calls(page, "preview_pdf")).some((a) => a.profile === "publication"), "re-laid out for 公开版");
  await page.getByTestId("preview-export-pdf").click();
  await until(() => page.getByTestId("export-dialog").isVisible(), "export dialog");
  assert(await page.getByTestId("export-format-pdf").isChecked(), "PDF chosen");
  assert(!(await dialog.count()), "preview closed");
});

test("打印预览 draws the 版记 between its rules on the last page (报送版 only); Home/End jump", async ({ open }) => {
  const page = await open({
    setup: (fake) => {
      const r = [...fake.reports.values()][0];
      r.doc.parts[1].paragraphs[0].text = "存在的不足。".repeat(120);
      r.doc.copy_to = "市委办公室，市人大常委会办公室。";
      r.doc.printed_by = "梅河口市人民政府办公室";
    },
  });
  await openFirst(page);
  await page.getByTestId("print-preview-button").click();
  await until(async () => /第 1 页，共 \d+ 页/.test(await page.getByTestId("preview-count").innerText()), "count");
  const total = Number((await page.getByTestId("preview-count").innerText()).match(/共 (\d+) 页/)[1]);
  equal(await page.getByTestId("preview-rule").count(), 0, "no rules on page one");
  await page.keyboard.press("End");
  await until(async () => (await page.getByTestId("preview-count").innerText()).startsWith(`第 ${total} 页`), "End → last page");
  const rules = page.getByTestId("preview-rule");
  equal(await rules.count(), 3, "thick, thin, thick");
  const boxes = await Promise.all([0, 1, 2].map((i) => rules.nth(i).boundingBox()));
  const pageBox = await page.getByTestId("preview-page").boundingBox();
  const mm = 96 / 25.4;
  for (const b of boxes) {
    assert(Math.abs(b.width - 156 * mm) < 1, `rule spans the text block: ${b.width}`);
    assert(Math.abs(b.x - pageBox.x - 28 * mm) < 1, `rule starts at the block's left edge: ${b.x - pageBox.x}`);
  }
  assert(boxes[0].height > boxes[1].height, `thick above, thin between: ${boxes[0].height} / ${boxes[1].height}`);
  const imprint = page.locator('[data-testid="preview-line"][data-kind="imprint"]');
  equal(await imprint.count(), 2, "抄送 and 印发");
  assert((await imprint.first().textContent()).startsWith("抄送："), "抄送 first");
  const copyBox = await imprint.first().boundingBox();
  assert(boxes[0].y < copyBox.y && copyBox.y + copyBox.height < boxes[2].y + 1, "抄送 between the rules");
  await page.keyboard.press("Home");
  await until(async () => (await page.getByTestId("preview-count").innerText()).startsWith("第 1 页"), "Home → first page");
  await page.getByTestId("preview-profile").selectOption("publication");
  await until(async () => (await calls(page, "preview_pdf")).some((a) => a.profile === "publication"), "公开版");
  await until(async () => (await page.getByTestId("preview-count").innerText()).startsWith("第"), "公开版 laid out");
  await page.keyboard.press("End");
  await until(async () => /第 (\d+) 页，共 \1 页/.test(await page.getByTestId("preview-count").innerText()), "last page of 公开版");
  equal(await page.getByTestId("preview-rule").count(), 0, "公开版 has no 版记");
});

test("打印预览 shows the backend's error in Chinese", async ({ open }) => {
  const page = await open();
  await openFirst(page);
  await page.evaluate(() => window.__fake.failNext("preview_pdf", { code: "export", message: "找不到字体目录：请把字体放在程序旁的 fonts 文件夹中" }));
  await page.getByTestId("print-preview-button").click();
  await until(async () => (await page.getByTestId("preview-error").innerText()).includes("找不到字体目录"), "error");
});
