// [files] 导入 (dialog and drop), 下一年度报告 with the reference pane, 导出, 打印预览 —
// against the real Rust importer, exporters and typesetter.
import { execFileSync } from "node:child_process";
import { mkdtemp, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tmpdir } from "node:os";
import { assert, equal, test, until } from "./harness.mjs";
import { calls, expectRefusals, rewrite, rows, SAMPLE, stored, usual } from "./real-library.mjs";

const SAVED = 15000;

/**
 * The scraped sample with its title line and its signature and date (which the
 * web page had lost), as an office would have saved it on Windows: in the
 * legacy Chinese encoding, under a Chinese file name. Returns its path.
 */
async function gbSample() {
  const dir = await mkdtemp(join(tmpdir(), "fazhi-import-"));
  const path = join(dir, "梅河口市2019年法治政府建设报告.txt");
  const text = (await readFile(SAMPLE, "utf8"))
    .replace("为贯彻落实中共中央", "梅河口市2019年法治政府建设情况报告\n\n为贯彻落实中共中央")
    .trimEnd() + "\n\n梅河口市人民政府\n2020年3月13日\n";
  // Node has no GB18030 encoder: iconv writes it, TextDecoder checks the round trip.
  await writeFile(path, execFileSync("iconv", ["-f", "UTF-8", "-t", "GB18030"], { input: text }));
  assert(new TextDecoder("gb18030").decode(await readFile(path)) === text, "GB18030 round trip");
  return path;
}

async function openFirst(page, title = "梅河口市人民政府关于2019年") {
  await until(async () => (await rows(page).count()) >= 1, "rows");
  await rows(page).filter({ hasText: title }).first().locator(".open-link").click();
  await until(() => page.getByTestId("report-view").isVisible(), "report view");
}

/** The 错误 findings the Rust checker reports on the stored report. */
async function checkErrors(b, id) {
  const { id: _i, status: _s, status_label: _l, version: _v, created_at: _c, updated_at: _u, title: _t, ...document } = await stored(b, id);
  return (await b.call("check_document", { document })).filter((f) => f.severity === "error");
}


test("导入: the preview lists structure, encoding, removed chrome and uncertain items; 确认导入 opens the new report", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  const path = await gbSample();
  await b.dialog("IMPORT", path);
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "two rows");
  await page.getByTestId("import-button").click();
  const dialog = page.getByTestId("import-dialog");
  await until(() => dialog.isVisible(), "preview dialog", 8000);
  const file = await page.getByTestId("import-file").innerText();
  // Common characters in GB18030 are GBK's bytes: the decoder names the smaller charset.
  assert(file.includes("梅河口市2019年法治政府建设报告.txt") && file.includes("纯文本") && file.includes("GBK"), file);
  // The Rust importer infers the full 发文机关 from the signature.
  equal(await page.getByTestId("import-issuer").inputValue(), "梅河口市人民政府", "inferred issuer offered");
  equal(await page.getByTestId("import-year").inputValue(), "2019", "inferred year offered");
  assert((await dialog.innerText()).includes("由文件内容推断的发文机关"), "says the issuer was inferred");
  const parts = page.getByTestId("import-part");
  equal(await parts.count(), 4, "four parts");
  equal(await parts.evaluateAll((els) => els.map((e) => e.getAttribute("data-role"))), ["measures", "shortcomings", "leadership", "plans"], "roles");
  const firstPartSections = parts.nth(0).getByTestId("import-section");
  equal(await firstPartSections.count(), 8, "part one's 8 sections");
  assert((await firstPartSections.nth(0).innerText()).startsWith("（一）依法全面履行政府职能"), await firstPartSections.nth(0).innerText());
  assert((await page.getByTestId("import-title").innerText()).includes("梅河口市2019年法治政府建设情况报告"), "title");
  assert((await page.getByTestId("import-preface").innerText()).includes("2段"), "preface count");
  assert((await page.getByTestId("import-closing").innerText()).includes("2020年3月13日"), "closing date");
  // Uncertain: listed and highlighted in the structure (the leadership part's
  // heading, whose half-width comma the importer normalised).
  equal(await page.getByTestId("import-uncertain-item").count(), 1, "one uncertain item");
  assert((await page.getByTestId("import-uncertain-item").innerText()).includes("请核对"), "says what to check");
  assert(await parts.nth(2).evaluate((e) => e.classList.contains("uncertain")), "uncertain part highlighted");
  equal(await page.locator('[data-testid="import-section"].uncertain').count(), 0, "nothing else highlighted");
  // Removed chrome is listed (in a collapsed list).
  const removed = await page.getByTestId("import-removed-item").allTextContents();
  equal(removed.length, 8, "eight removed lines");
  assert(removed.some((t) => t.includes("站群导航")) && removed.some((t) => t.includes("轻度污染")), removed.join("|"));
  // Correct the issuer (here: type it again), then confirm.
  await page.getByTestId("import-issuer").fill("梅河口市人民政府");
  await page.getByTestId("import-confirm").click();
  await until(() => page.getByTestId("report-view").isVisible(), "new report opens", 8000);
  await until(async () => !(await dialog.count()), "dialog closed", 8000);
  // The Rust importer keeps the title the file had.
  equal(await page.getByTestId("doc-title").innerText(), "梅河口市2019年法治政府建设情况报告", "the file's own title");
  const confirm = (await calls(page, "confirm_import"))[0];
  equal(confirm.options, { issuer: "梅河口市人民政府", year: 2019, template_id: null }, "options sent");
  const list = await b.call("list_reports", {});
  equal(list.length, 3, "stored");
  assert(list.some((r) => r.issuer === "梅河口市人民政府" && r.year === 2019 && r.title === "梅河口市2019年法治政府建设情况报告"), "stored with the issuer and year confirmed");
  const sections = await page.getByTestId("outline-item").allInnerTexts();
  assert(sections.some((s) => s.replace(/\s/g, "").includes("依法全面履行政府职能")), sections.join("|"));
});

test("导入: 取消 writes nothing; a cancelled file dialog shows nothing; wrong year is refused in Chinese", async ({ open, backend, problems }) => {
  const b = await backend();
  await usual(b);
  await b.dialog("IMPORT", await gbSample());
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "rows");
  await page.getByTestId("import-button").click();
  await until(() => page.getByTestId("import-dialog").isVisible(), "dialog", 8000);
  await page.getByTestId("import-year").fill("19");
  await page.getByTestId("import-confirm").click();
  assert((await page.getByTestId("import-dialog").innerText()).includes("请用四位阿拉伯数字填写年度"), "year message");
  equal((await calls(page, "confirm_import")).length, 0, "nothing sent");
  await page.getByTestId("import-cancel").click();
  await until(async () => !(await page.getByTestId("import-dialog").count()), "closed");
  equal((await b.call("list_reports", {})).length, 2, "nothing stored");
  equal((await calls(page, "confirm_import")).length, 0, "no confirm");
  // The user closes the native dialog without choosing.
  await b.dialog("IMPORT", null);
  await page.getByTestId("import-button").click();
  await until(async () => (await calls(page, "pick_import")).length === 2, "second pick");
  await page.waitForTimeout(100);
  equal(await page.getByTestId("import-dialog").count(), 0, "no preview");
  // A file the importer refuses: the Rust importer's Chinese message names it.
  const bad = join(b.dir, "坏文件.docx");
  await writeFile(bad, "PK\x03\x04 not really a Word file");
  await b.dialog("IMPORT", bad);
  await page.getByTestId("import-button").click();
  await until(() => page.getByTestId("import-error-dialog").isVisible(), "error dialog", 8000);
  assert((await page.getByTestId("import-error").innerText()).includes("坏文件.docx"), "names the file");
  equal((await b.call("list_reports", {})).length, 2, "still nothing stored");
  expectRefusals(problems);
});

test("导入: a backend refusal on confirm stays in the dialog with its message", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  await b.dialog("IMPORT", await gbSample());
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "rows");
  await page.getByTestId("import-button").click();
  await until(() => page.getByTestId("import-dialog").isVisible(), "dialog", 8000);
  await page.evaluate(() => window.__ipc.failNext("confirm_import", { code: "invalid", message: "文档不符合报告模板：缺少第二部分" }));
  await page.getByTestId("import-confirm").click();
  await until(async () => (await page.getByTestId("import-error").innerText()).includes("缺少第二部分"), "message");
  assert(await page.getByTestId("import-confirm").isEnabled(), "can retry");
  await page.getByTestId("import-confirm").click();
  await until(() => page.getByTestId("report-view").isVisible(), "retry worked", 8000);
  equal((await b.call("list_reports", {})).length, 3, "stored on retry");
});

test("拖入文件: the backend's drop outcome opens the same preview, or a message; the page never navigates", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  const path = await gbSample();
  const page = await open();
  await until(async () => (await rows(page).count()) === 2, "rows");
  await openFirst(page);
  // While dragging, the window says what will happen.
  await page.evaluate(() => window.__fazhiDragHover(true));
  assert(await page.getByTestId("drop-overlay").isVisible(), "overlay while hovering");
  await page.evaluate(() => window.__fazhiDragHover(false));
  assert(!(await page.getByTestId("drop-overlay").isVisible()), "overlay gone");
  // Rust parses the dropped file (App::preview_dropped) and calls the page with the outcome.
  await page.evaluate(await b.drop([path]));
  await until(() => page.getByTestId("import-dialog").isVisible(), "preview from the drop", 8000);
  equal(await page.getByTestId("import-part").count(), 4, "same preview");
  assert((await page.getByTestId("import-file").innerText()).includes("梅河口市2019年法治政府建设报告.txt"), "the dropped file");
  await page.getByTestId("import-issuer").fill("梅河口市");
  await page.getByTestId("import-confirm").click();
  await until(async () => (await page.getByTestId("doc-title").innerText()) === "梅河口市2019年法治政府建设情况报告", "the imported report replaced the open one", 8000);
  const list = await b.call("list_reports", {});
  equal(list.length, 3, "stored");
  assert(list.some((r) => r.issuer === "梅河口市"), "with the issuer as corrected");
  // An error outcome (two files, a folder…) is shown in Chinese.
  await page.evaluate(await b.drop([path, path]));
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

test("下一年度报告 opens the new report with 参考：上年度报告 beside it, toggleable", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await rewrite(b, id, (d) => {
    d.parts[1].paragraphs[0].text = "去年的不足：执法规范化水平有待提高。";
  });
  const page = await open();
  await openFirst(page);
  await page.getByTestId("next-year-button").click();
  // textContent: the title stands on the layout model's lines ([official]).
  await until(async () => (await page.getByTestId("doc-title").textContent()) === "梅河口市人民政府关于2020年法治政府建设情况的报告", "2020 report open", 8000);
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
  equal((await b.call("list_reports", {})).filter((r) => r.issuer === "梅河口市人民政府").map((r) => r.year).sort(), [2019, 2020], "stored in Rust");
  // The 2019 report itself has no reference.
  await page.getByTestId("back-button").click();
  await openFirst(page, "关于2019年");
  await until(async () => (await calls(page, "reference_report")).length >= 2, "asked for a reference");
  await page.waitForTimeout(100);
  assert(!(await page.getByTestId("reference-toggle").isVisible()), "no toggle without a source");
});

test("导出: format and profile, check errors warn first, native save, toast with 打开所在文件夹", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await rewrite(b, id, (d) => {
    d.preface[0].text = "现将有关情况汇报如下：";
  });
  // The real checker's 错误 on this report: 汇报 among them (the template's empty parts are the others).
  const errors = await checkErrors(b, id);
  assert(errors.some((f) => f.rule === "genre.huibao"), errors.map((f) => f.rule).join());
  // An ignored 错误 is not counted: the dialog gives Rust's count (fazhi export's, 定稿's).
  const huibao = errors.find((f) => f.rule === "genre.huibao");
  await b.call("ignore_finding", { id, finding: huibao, scope: "once" });
  const counted = await b.call("report_errors", { id });
  equal(counted.count, errors.length - 1, "the ignored error left out");
  const docx = join(b.dir, "报告.docx");
  await b.dialog("EXPORT", docx);
  const page = await open();
  await openFirst(page);
  await page.getByTestId("export-button").click();
  const dialog = page.getByTestId("export-dialog");
  await until(() => dialog.isVisible(), "export dialog");
  assert(await page.getByTestId("export-format-docx").isChecked(), "DOCX by default");
  assert(await page.getByTestId("export-profile-filing").isChecked(), "报送版 by default");
  await until(async () => (await page.getByTestId("export-comments-hint").innerText()).includes("没有未解决的批注"), "hint");
  assert(await page.getByTestId("export-comments").isDisabled(), "含批注 disabled without comments");
  await page.getByTestId("export-profile-publication").check();
  await page.getByTestId("export-confirm").click();
  // Check errors: warn first, nothing exported yet.
  await until(() => page.getByTestId("export-warning").isVisible(), "warning", 8000);
  assert((await page.getByTestId("export-warning").innerText()).includes(`校对发现${counted.count}处错误`), await page.getByTestId("export-warning").innerText());
  equal((await calls(page, "export_report")).length, 0, "not exported before the user agrees");
  equal(await page.getByTestId("export-confirm").innerText(), "仍然导出…", "button says so");
  await page.getByTestId("export-confirm").click();
  await until(() => page.getByTestId("export-toast").isVisible(), "toast", SAVED);
  equal((await calls(page, "export_report"))[0].format, "docx", "format");
  equal((await calls(page, "export_report"))[0].profile, "publication", "profile");
  await until(async () => !(await dialog.count()), "dialog closed", 8000);
  assert((await page.getByTestId("export-toast").innerText()).includes(docx), "path shown");
  assert((await readFile(docx)).subarray(0, 2).toString() === "PK", "a DOCX written where the dialog said");
  await page.getByTestId("reveal-export").click();
  await until(async () => (await b.host()).revealed.length === 1, "revealed");
  equal((await b.host()).revealed, [b.dir], "its folder");
  // PDF, user cancels the save dialog: the dialog stays, nothing written.
  await b.dialog("EXPORT", null);
  const before = (await readdir(b.dir)).sort();
  await page.getByTestId("export-button").click();
  await until(() => dialog.isVisible(), "dialog again");
  await page.getByTestId("export-format-pdf").check();
  assert(!(await page.getByTestId("export-comments").isVisible()), "含批注 only for DOCX");
  await page.getByTestId("export-confirm").click();
  await until(() => page.getByTestId("export-warning").isVisible(), "warned again", 8000);
  await page.getByTestId("export-confirm").click();
  await until(async () => (await calls(page, "export_report")).length === 2, "second export call");
  await until(async () => (await page.getByTestId("export-confirm").isEnabled()), "the call has answered", SAVED);
  await page.waitForTimeout(50);
  assert(await dialog.isVisible(), "still open after a cancelled save dialog");
  equal((await readdir(b.dir)).sort(), before, "nothing more written");
});

test("导出 含批注: offered for a DOCX 报送版 when open comments exist, and passed to export_report", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, { name: "李审核", role: "reviewer" });
  await b.call("add_comment", { id, target: { kind: "quote", quote: "法治政府", occurrence: 1 }, text: "请核实" });
  const docx = join(b.dir, "含批注.docx");
  await b.dialog("EXPORT", docx);
  const page = await open();
  await openFirst(page);
  await page.getByTestId("export-button").click();
  await until(() => page.getByTestId("export-dialog").isVisible(), "export dialog");
  await until(async () => !(await page.getByTestId("export-comments").isDisabled()), "含批注 enabled with an open comment");
  await page.getByTestId("export-profile-publication").check();
  assert(!(await page.getByTestId("export-comments").isVisible()), "含批注 not offered for 公开版");
  await page.getByTestId("export-profile-filing").check();
  await page.getByTestId("export-comments").check();
  await page.getByTestId("export-confirm").click();
  await until(async () => (await page.getByTestId("export-warning").isVisible()) || (await calls(page, "export_report")).length > 0, "warned or exporting", 8000);
  if (await page.getByTestId("export-warning").isVisible()) await page.getByTestId("export-confirm").click();
  await until(async () => (await calls(page, "export_report")).length === 1, "exported");
  equal((await calls(page, "export_report"))[0].withComments, true, "with comments");
  await until(() => page.getByTestId("export-toast").isVisible(), "written", SAVED);
  // The Word file holds the comment (word/comments.xml).
  const { execFileSync: run } = await import("node:child_process");
  const xml = run("unzip", ["-p", docx, "word/comments.xml"]).toString();
  assert(xml.includes("请核实"), "the comment is in the DOCX");
});

test("导出 without check errors goes straight to the save dialog; an export error is shown", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  // Every statutory part written: the real checker finds no 错误.
  await rewrite(b, id, (d) => {
    d.parts[0].sections[0].paragraphs = [{ text: "深化行政审批制度改革，取消行政许可事项12项。" }];
    d.parts[1].paragraphs[0].text = "执法规范化水平有待提高，主要原因是执法人员培训不足。";
    d.parts[2].paragraphs[0].text = "市政府主要负责人亲自部署法治政府建设，主持研究重大事项。";
    d.parts[3].paragraphs = [{ text: "继续深化法治政府建设。" }];
  });
  equal((await checkErrors(b, id)).map((f) => f.rule), [], "no 错误");
  const html = join(b.dir, "报告.html");
  await b.dialog("EXPORT", html);
  const page = await open();
  await openFirst(page);
  await page.getByTestId("export-button").click();
  await until(() => page.getByTestId("export-dialog").isVisible(), "dialog");
  await page.getByTestId("export-format-html").check();
  await page.evaluate(() => window.__ipc.failNext("export_report", { code: "io", message: "无法写入文件：磁盘已满" }));
  await page.getByTestId("export-confirm").click();
  await until(async () => (await page.getByTestId("export-error").innerText()).includes("磁盘已满"), "error", 8000);
  assert(!(await page.getByTestId("export-warning").isVisible()), "no warning without errors");
  await page.getByTestId("export-confirm").click();
  await until(() => page.getByTestId("export-toast").isVisible(), "exported", SAVED);
  equal((await calls(page, "export_report")).at(-1).format, "html", "html");
  assert((await readFile(html, "utf8")).includes("梅河口市人民政府关于2019年法治政府建设情况的报告"), "the page written");
});

test("打印预览: A4 pages to scale with page count, 上一页/下一页, zoom, profile and 导出 PDF", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await rewrite(b, id, (d) => {
    d.parts[1].paragraphs[0].text = "存在的不足。".repeat(200);
  });
  const page = await open();
  await openFirst(page);
  await page.getByTestId("print-preview-button").click();
  const dialog = page.getByTestId("preview-dialog");
  await until(() => dialog.isVisible(), "preview");
  await until(async () => /第 1 页，共 \d+ 页/.test(await page.getByTestId("preview-count").innerText()), "count", SAVED);
  const total = Number((await page.getByTestId("preview-count").innerText()).match(/共 (\d+) 页/)[1]);
  assert(total >= 3, `several pages: ${total}`);
  const box = await page.getByTestId("preview-page").boundingBox();
  assert(Math.abs(box.width / box.height - 210 / 297) < 0.01, `A4 proportions ${box.width}×${box.height}`);
  assert(Math.abs(box.width - 210 * 96 / 25.4) < 2, `100% = 96 dpi: ${box.width}`);
  // The 报送版 opens with the 版头 (GB/T 9704: the 发文机关标志 above a red rule), then the title.
  const kinds = await page.getByTestId("preview-line").evaluateAll((els) => els.slice(0, 2).map((e) => `${e.dataset.kind}:${e.textContent}`));
  equal(kinds[0], "issuer_mark:梅河口市人民政府", "the 发文机关标志 first");
  assert(kinds[1].startsWith("title:") && kinds[1].includes("梅河口市人民政府"), `then the title: ${kinds[1]}`);
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

test("打印预览 draws the 版记 between its rules on the last page (报送版 only); Home/End jump", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b);
  await rewrite(b, id, (d) => {
    d.parts[1].paragraphs[0].text = "存在的不足。".repeat(120);
    d.copy_to = "市委办公室，市人大常委会办公室。";
    d.printed_by = "梅河口市人民政府办公室";
  });
  const page = await open();
  await openFirst(page);
  await page.getByTestId("print-preview-button").click();
  await until(async () => /第 1 页，共 \d+ 页/.test(await page.getByTestId("preview-count").innerText()), "count", SAVED);
  const total = Number((await page.getByTestId("preview-count").innerText()).match(/共 (\d+) 页/)[1]);
  // Page one's only rule is the 版头's red one: the 版记's rules are on the last page.
  const colours = () => page.getByTestId("preview-rule").evaluateAll((els) => els.map((e) => e.style.background !== ""));
  equal(await colours(), [true], "only the 版头's red rule on page one");
  await page.keyboard.press("End");
  await until(async () => (await page.getByTestId("preview-count").innerText()).startsWith(`第 ${total} 页`), "End → last page");
  const rules = page.getByTestId("preview-rule");
  await until(async () => (await rules.count()) > 0, "rules drawn");
  equal(await colours(), [false, false, false], "the 版记's black rules");
  equal(await rules.count(), 3, "thick, thin, thick");
  const boxes = await Promise.all([0, 1, 2].map((i) => rules.nth(i).boundingBox()));
  const pageBox = await page.getByTestId("preview-page").boundingBox();
  const mm = 96 / 25.4;
  for (const r of boxes) {
    assert(Math.abs(r.width - 156 * mm) < 1, `rule spans the text block: ${r.width}`);
    assert(Math.abs(r.x - pageBox.x - 28 * mm) < 1, `rule starts at the block's left edge: ${r.x - pageBox.x}`);
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

test("打印预览 shows the backend's error in Chinese", async ({ open, backend }) => {
  const b = await backend();
  await usual(b);
  const page = await open();
  await openFirst(page);
  await page.evaluate(() => window.__ipc.failNext("preview_pdf", { code: "export", message: "找不到字体目录：请把字体放在程序旁的 fonts 文件夹中" }));
  await page.getByTestId("print-preview-button").click();
  await until(async () => (await page.getByTestId("preview-error").innerText()).includes("找不到字体目录"), "error");
});
