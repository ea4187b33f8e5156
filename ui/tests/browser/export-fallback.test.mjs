// [print] #19 on the real Rust backend: 导出 says what the fonts did, in the dialog's
// result (not in a toast that goes away). A font installed for this test (a copy of a
// bundled face, found through its own fontconfig file by a backend of this test's own)
// is chosen for 正文 in 设置 → 字体; the PDF of a report holding 堃 and 喆, which that font
// lacks, names them; once the font is uninstalled, the DOCX says 内置 is used instead.
import { copyFile, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { assert, serve, startBackend, test, until } from "./harness.mjs";
import { openRow, PREFACE, rewrite, usual } from "./real-library.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const SAVED = 15000;

/** A backend of its own that sees only the fonts in `dir` (FONTCONFIG_FILE). */
async function backendWithFonts(dir) {
  const conf = join(dir, "fonts.conf");
  await writeFile(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(dir, "fonts")}</dir>\n</fontconfig>\n`);
  const before = process.env.FONTCONFIG_FILE;
  process.env.FONTCONFIG_FILE = conf;
  try {
    return await startBackend();
  } finally {
    if (before === undefined) delete process.env.FONTCONFIG_FILE;
    else process.env.FONTCONFIG_FILE = before;
  }
}

/** 导出 with `format`, past the check's warning, on to the export's answer. */
async function exportAs(page, format) {
  await page.getByTestId("export-button").click();
  await until(() => page.getByTestId("export-dialog").isVisible(), "export dialog");
  await page.getByTestId(`export-format-${format}`).check();
  await page.getByTestId("export-confirm").click();
  const answered = async () => (await page.getByTestId("export-result").isVisible()) || (await page.getByTestId("export-toast").isVisible());
  await until(async () => (await page.getByTestId("export-warning").isVisible()) || (await answered()), "warned or exported", SAVED);
  if (await page.getByTestId("export-warning").isVisible()) await page.getByTestId("export-confirm").click();
  await until(answered, "exported", SAVED);
}

test("export-fallback: 导出 names the characters the chosen font lacks and a chosen font gone from the machine", async ({ open, backend, problems }) => {
  // The shared backend first, so that it never starts with this test's fonts.
  await backend();
  const dir = await mkdtemp(join(tmpdir(), "fazhi-export-fallback-"));
  const { mkdir } = await import("node:fs/promises");
  await mkdir(join(dir, "fonts"));
  // FandolKai has neither 堃 nor 喆 (the bundled fallback face has both).
  const installed = join(dir, "fonts", "test-kai.otf");
  await copyFile(resolve(here, "../../../assets/fonts/FandolKai-Regular.otf"), installed);
  const b = await backendWithFonts(dir);
  const server = await serve(resolve(process.env.BUNDLE ?? "dist-test"), async () => b);
  try {
    const [id] = await usual(b);
    await rewrite(b, id, (d) => {
      d.preface = [{ ...d.preface[0], text: `张堃、王喆同志牵头。${PREFACE}` }, ...d.preface.slice(1)];
    });
    // A page of this test's backend, set up as the harness sets up its pages.
    const page = await (await open()).context().newPage();
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console error: ${m.text()}`);
    });
    await page.addInitScript({ content: "Object.freeze(Object.prototype);" });
    await page.goto(server.url);

    // 设置 → 字体: the installed font for 正文.
    await until(() => page.getByTestId("settings-button").isVisible(), "设置 button");
    await page.getByTestId("settings-button").click();
    await page.getByTestId("settings-fonts").click();
    const body = page.getByTestId("font-body");
    await until(async () => (await body.locator("option").count()) === 2, "内置 and the one installed font");
    const family = await body.locator("option").nth(1).getAttribute("value");
    await body.selectOption(family);
    await until(async () => (await b.call("font_settings", {})).roles[1].inUse === family, `正文 set to ${family}`);
    await page.getByTestId("font-close").click();

    // The PDF: the characters the chosen 正文 font lacks, named in the dialog.
    await openRow(page, "梅河口");
    const pdf = join(dir, "报告.pdf");
    await b.dialog("EXPORT", pdf);
    await exportAs(page, "pdf");
    const notices = page.getByTestId("export-font-notices");
    await until(() => notices.isVisible(), "the font notices in the dialog");
    const text = await notices.innerText();
    assert(text.includes("字体提示"), text);
    assert(/仿宋（正文）字体缺少“[^”]*堃[^”]*喆[^”]*”的字形，已逐字改用后备字体/.test(text), text);
    assert(!text.includes("已不在本机"), text);
    assert((await page.getByTestId("export-result").innerText()).includes(pdf), "the file's path");
    assert((await readFile(pdf)).subarray(0, 4).toString() === "%PDF", "a PDF written where the dialog said");
    // It stays: no toast in its place, the dialog open until closed.
    await page.waitForTimeout(1500);
    assert(await notices.isVisible(), "still shown");
    assert(!(await page.getByTestId("export-toast").isVisible()), "not a toast");
    await page.getByTestId("export-result-reveal").click();
    await until(async () => (await b.host()).revealed.length === 1, "打开所在文件夹");
    await page.getByTestId("export-result-close").click();
    await until(async () => (await page.getByTestId("export-dialog").count()) === 0, "closed");

    // The font is uninstalled: the DOCX says 内置 is used.
    await rm(installed);
    const docx = join(dir, "报告.docx");
    await b.dialog("EXPORT", docx);
    await exportAs(page, "docx");
    await until(() => notices.isVisible(), "the warning in the dialog");
    const gone = await notices.innerText();
    assert(gone.includes(`所选正文字体“${family}”已不在本机，已改用内置字体`), gone);
    assert((await readFile(docx)).subarray(0, 2).toString() === "PK", "a DOCX written");
    await page.keyboard.press("Escape");
    await until(async () => (await page.getByTestId("export-dialog").count()) === 0, "Esc closes");

    // Nothing to say about the fonts (HTML): the usual toast.
    await b.dialog("EXPORT", join(dir, "报告.html"));
    await exportAs(page, "html");
    assert(await page.getByTestId("export-toast").isVisible(), "the toast");
    assert(!(await page.getByTestId("export-result").isVisible()), "no result in the dialog");

    // The 花脸稿 (历史版本 → 导出花脸稿) says it too, in its dialog.
    await b.call("save_version", { id, message: "送审稿" });
    await page.getByTestId("revisions-button").click();
    await until(() => page.getByTestId("revisions-dialog").isVisible(), "历史版本");
    await page.getByTestId("redline-open").click();
    await until(() => page.getByTestId("redline-dialog").isVisible(), "the 花脸稿 dialog");
    await b.dialog("EXPORT", join(dir, "花脸稿.pdf"));
    await page.getByTestId("redline-export").click();
    await until(async () => (await page.getByTestId("redline-status").innerText()).includes("已导出花脸稿"), "花脸稿 exported", SAVED);
    const redNotices = page.getByTestId("redline-font-notices");
    assert(await redNotices.isVisible(), "the 花脸稿's font notices shown");
    assert((await redNotices.innerText()).includes("已不在本机"), await redNotices.innerText());
  } finally {
    await server.close();
    await b.close();
    await rm(dir, { recursive: true, force: true });
  }
});
