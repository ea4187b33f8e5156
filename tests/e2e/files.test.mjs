// [files] in the real app: 导入 the sample through the UI (the native dialog is
// answered by the debug-only FAZHI_E2E_IMPORT), see the preview, confirm, see part
// one's 8 sections in the editor; 导出 DOCX (FAZHI_E2E_EXPORT) and check the file.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startDriver, openApp, tempLibrary, byTestId, textsOf, waitForTexts } from "./helpers.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const SAMPLE = resolve(here, "../../assets/samples/meihekou-2019-web.txt");
const outDir = mkdtempSync(join(tmpdir(), "fazhi-e2e-export-"));
const EXPORTED = join(outDir, "梅河口市报告.docx");

// The app inherits tauri-driver's environment: set it before the driver starts.
const db = tempLibrary();
process.env.FAZHI_DB = db;
process.env.FAZHI_E2E_IMPORT = SAMPLE;
process.env.FAZHI_E2E_EXPORT = EXPORTED;
const home = mkdtempSync(join(tmpdir(), "fazhi-home-"));
process.env.HOME = home;
process.env.XDG_DATA_HOME = join(home, ".local/share");

const driver = await startDriver();
after(() => driver.stop());

const PART_ONE = [
  "依法全面履行政府职能",
  "完善法治政府建设组织保障和落实机制",
];

test("import the sample through the preview, then export it as DOCX", async () => {
  const app = await openApp(driver.port, db);
  try {
    await byTestId(app, "report-list");
    await (await byTestId(app, "import-button")).click();
    await byTestId(app, "import-dialog");
    const file = (await textsOf(app, "import-file"))[0];
    assert.match(file, /meihekou-2019-web\.txt/);
    assert.match(file, /编码：UTF-8/);
    const parts = await waitForTexts(app, "import-part", (t) => t.length === 4, "the preview shows four parts");
    assert.match(parts[0], /主要举措和成效/);
    const partOneSections = await app.execute(() =>
      document.querySelectorAll('[data-testid="import-part"]')[0].querySelectorAll('[data-testid="import-section"]').length);
    assert.equal(partOneSections, 8, "part one's 8 sections in the preview");
    const removed = await textsOf(app, "import-removed-item");
    assert.ok(removed.some((t) => t.includes("站群导航")), `removed chrome listed: ${removed.slice(0, 5)}`);
    const issuer = await (await byTestId(app, "import-issuer")).getValue();
    assert.match(issuer, /梅河口市/);
    assert.equal(await (await byTestId(app, "import-year")).getValue(), "2019");

    await (await byTestId(app, "import-confirm")).click();
    await byTestId(app, "report-view");
    const headings = await waitForTexts(app, "part-heading", (t) => t.length === 4, "the imported report opens with four parts");
    assert.match(headings[0], /^一、2019年/);
    // Part one's sections, as the editor shows them (level-2 headings inside part one).
    const inPartOne = await app.execute(() => {
      const part = document.querySelector('[data-testid="editor"] section.part');
      if (!part) return [];
      return Array.from(part.querySelectorAll(":scope > section.sec.level-2"))
        .map((s) => s.querySelector(".sec-heading")?.textContent ?? "");
    });
    assert.equal(inPartOne.length, 8, `part one has 8 sections: ${JSON.stringify(inPartOne)}`);
    assert.ok(inPartOne[0].includes(PART_ONE[0]), inPartOne[0]);
    assert.ok(inPartOne[7].includes(PART_ONE[1]), inPartOne[7]);

    // 导出 → DOCX (the default) → the save dialog answered by FAZHI_E2E_EXPORT.
    await (await byTestId(app, "export-button")).click();
    await byTestId(app, "export-dialog");
    await (await byTestId(app, "export-confirm")).click();
    // A report with check errors warns first: agree and export anyway.
    await app.waitUntil(async () => app.execute(() =>
      !!document.querySelector('[data-testid="export-toast"]') ||
      !document.querySelector('[data-testid="export-warning"]')?.hidden), { timeout: 20000, timeoutMsg: "neither exported nor warned" });
    if (!(await app.execute(() => !!document.querySelector('[data-testid="export-toast"]')))) {
      await (await byTestId(app, "export-confirm")).click();
    }
    const toast = await byTestId(app, "export-toast", 30000);
    assert.match(await toast.getText(), /已导出/);
    assert.ok(existsSync(EXPORTED), "the DOCX was written where the dialog said");
    const bytes = readFileSync(EXPORTED);
    assert.ok(bytes.length > 2000, `a real file: ${bytes.length} bytes`);
    assert.deepEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], "a zip (DOCX) file");
  } finally {
    await app.deleteSession();
  }
});
