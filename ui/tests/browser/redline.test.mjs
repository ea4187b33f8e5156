// [tracking #17] The app's non-editor parts of 修订, against the real Rust backend:
// 历史版本 → 导出花脸稿 (two versions, or a version and the current text, as a PDF
// from our typesetter and as a DOCX; the changed number red and blue, measured from
// the PDF's colours), 导出 → 含修订 (the DOCX carries w:ins / w:del), and
// 导入Word修订 (a hand-made reviewed DOCX's w:ins / w:del become suggestions, listed;
// one whose text is gone is listed as having lost its place).
// REDLINE_SHOT=dir writes the screenshot of the 花脸稿 dialog (redline-dialog.png) and the
// PDF's first page at 60 dpi (redline-pdf-p1.png).
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { assert, equal, test, until } from "./harness.mjs";
import { calls, openRow, PREFACE, rewrite, usual } from "./real-library.mjs";

const SAVED = 15000;
const drafter = { name: "张三", role: "drafter" };
const reviewer = { name: "李审核", role: "reviewer" };

const withNumber = (n) => PREFACE.replace("现将", `全年办理行政复议案件${n}件。现将`);
const setPreface = (b, id, text) => rewrite(b, id, (d) => {
  d.preface = [{ ...d.preface[0], text }, ...d.preface.slice(1)];
});

/** The PDF's characters by fill colour (pdfplumber), and its first page's text. */
function pdfColours(path) {
  const py = `
import json, sys, pdfplumber
def rgb(c):
    if c is None: return None
    if isinstance(c, (int, float)): return [float(c)] * 3
    c = list(c)
    if len(c) == 1: return [float(c[0])] * 3
    if len(c) == 4:
        k = float(c[3]); return [(1 - float(x)) * (1 - k) for x in c[:3]]
    return [float(x) for x in c[:3]]
red, blue, first = [], [], ""
with pdfplumber.open(sys.argv[1]) as pdf:
    first = pdf.pages[0].extract_text() or ""
    for p in pdf.pages:
        for ch in p.chars:
            c = rgb(ch.get("non_stroking_color"))
            if not c: continue
            if c[0] > 0.6 and c[1] < 0.4 and c[2] < 0.4: red.append(ch["text"])
            elif c[2] > 0.6 and c[0] < 0.4: blue.append(ch["text"])
print(json.dumps({"red": "".join(red), "blue": "".join(blue), "first": first}, ensure_ascii=False))
`;
  const out = JSON.parse(execFileSync("python3", ["-c", py, path]).toString());
  // pdfplumber spaces out CJK text; compare without white space.
  return { ...out, first: out.first.replace(/\s/g, "") };
}

const unzip = (docx, part = "word/document.xml") => execFileSync("unzip", ["-p", docx, part]).toString();

/** The usual 梅河口 report saved as 第1版 (120件) and 第2版 (135件); the page opened on it. */
async function twoVersions(b, open) {
  const [id] = await usual(b, drafter);
  await setPreface(b, id, withNumber(120));
  await b.call("save_version", { id, message: "初稿" });
  await setPreface(b, id, withNumber(135));
  await b.call("save_version", { id, message: "二稿" });
  const page = await open();
  await openRow(page, "梅河口");
  return { id, page };
}

async function exportFrom(page, b, path, format) {
  await b.dialog("EXPORT", path);
  await page.getByTestId(`redline-format-${format}`).check();
  const before = (await calls(page, "export_redline")).length;
  await page.getByTestId("redline-export").click();
  await until(async () => (await calls(page, "export_redline")).length === before + 1, "export_redline called");
  await until(async () => {
    const t = await page.getByTestId("redline-status").innerText();
    return t.includes("已导出花脸稿") && t.includes(path);
  }, "exported, the path shown", SAVED);
  return (await calls(page, "export_redline")).at(-1);
}

test("redline: 花脸稿: 历史版本 → two versions → PDF (the changed number red and blue) and DOCX", async ({ open, backend }) => {
  const b = await backend();
  const { page } = await twoVersions(b, open);
  await page.getByTestId("revisions-button").click();
  await until(() => page.getByTestId("revisions-dialog").isVisible(), "历史版本");
  await page.getByTestId("redline-open").click();
  const dialog = page.getByTestId("redline-dialog");
  await until(() => dialog.isVisible(), "the 花脸稿 dialog");
  // Newest version against the current text by default.
  equal(await page.getByTestId("redline-from").inputValue(), "2", "from: the newest version");
  equal(await page.getByTestId("redline-to").inputValue(), "", "to: 当前内容");
  assert(await page.getByTestId("redline-format-pdf").isChecked(), "PDF by default");
  // The two versions chosen.
  await page.getByTestId("redline-from").selectOption("1");
  await page.getByTestId("redline-to").selectOption("2");
  assert(!(await page.getByTestId("redline-same").isVisible()), "two different versions");
  const shots = process.env.REDLINE_SHOT;
  if (shots) {
    mkdirSync(shots, { recursive: true });
    await dialog.screenshot({ path: join(shots, "redline-dialog.png") });
  }

  const pdf = join(b.dir, "花脸稿.pdf");
  const args = await exportFrom(page, b, pdf, "pdf");
  equal([args.from, args.to, args.format], [1, 2, "pdf"], "the chosen versions and format");
  equal((await readFile(pdf)).subarray(0, 5).toString(), "%PDF-", "a PDF written where the dialog said");
  const c = pdfColours(pdf);
  assert(c.first.includes("花脸稿") && c.first.includes("第1版") && c.first.includes("第2版"), `the header names both versions: ${c.first.slice(0, 120)}`);
  assert(c.red.includes("20"), `the deleted digits in red: ${c.red}`);
  assert(c.blue.includes("35"), `the inserted digits in blue: ${c.blue}`);
  assert(!c.blue.includes("20") && !c.red.includes("35"), `each in its own colour: red ${c.red}, blue ${c.blue}`);
  await until(() => page.getByTestId("export-toast").isVisible(), "the toast with 打开所在文件夹");
  if (shots) execFileSync("pdftoppm", ["-r", "60", "-f", "1", "-l", "1", "-png", "-singlefile", pdf, join(shots, "redline-pdf-p1")]);

  // The same two versions as a DOCX; the dialog stayed open.
  const docx = join(b.dir, "花脸稿.docx");
  const args2 = await exportFrom(page, b, docx, "docx");
  equal([args2.from, args2.to, args2.format], [1, 2, "docx"], "DOCX");
  const xml = unzip(docx);
  assert(xml.includes("20") && xml.includes("35"), "both numbers in the DOCX");
  assert(/<w:strike\b/.test(xml) && /<w:u\b/.test(xml), "struck through and underlined runs");

  // Cancelling the save dialog writes nothing and says so.
  await b.dialog("EXPORT", null);
  await page.getByTestId("redline-export").click();
  await until(async () => (await page.getByTestId("redline-status").innerText()).includes("未导出"), "cancelled", SAVED);
  await page.getByTestId("redline-close").click();
  await until(async () => (await dialog.count()) === 0, "closed");
});

test("redline: 花脸稿: from 比较版本, a version against the current text", async ({ open, backend }) => {
  const b = await backend();
  const { id, page } = await twoVersions(b, open);
  await page.getByTestId("revisions-button").click();
  await until(() => page.getByTestId("revisions-dialog").isVisible(), "历史版本");
  // 第1版 compared with the current text (the row's 比较).
  await page.locator('[data-testid="compare-revision"][data-revision="1"]').click();
  await until(() => page.getByTestId("compare-dialog").isVisible(), "比较版本");
  await until(async () => (await page.getByTestId("compare-summary").innerText()).includes("第1版 → 当前内容"), "compared");
  await page.getByTestId("compare-redline").click();
  await until(() => page.getByTestId("redline-dialog").isVisible(), "the 花脸稿 dialog over it");
  equal(await page.getByTestId("redline-from").inputValue(), "1", "the compare dialog's versions");
  equal(await page.getByTestId("redline-to").inputValue(), "", "and the current text");
  const pdf = join(b.dir, "当前.pdf");
  const args = await exportFrom(page, b, pdf, "pdf");
  equal([args.id, args.from, args.to], [id, 1, null], "version 1 against the working copy");
  const c = pdfColours(pdf);
  assert(c.first.includes("当前内容"), "the header names the current text");
  assert(c.red.includes("20") && c.blue.includes("35"), `red ${c.red}, blue ${c.blue}`);
});

test("redline: 导出 含修订: a DOCX 报送版 with the pending suggestions as w:ins / w:del", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, drafter);
  await b.call("set_identity", reviewer);
  await b.call("suggest_change", { id, target: { kind: "quote", quote: "坚强领导", occurrence: null }, newText: "正确领导" });
  await b.call("set_identity", drafter);
  const docx = join(b.dir, "含修订.docx");
  await b.dialog("EXPORT", docx);
  const page = await open();
  await openRow(page, "梅河口");
  await page.getByTestId("export-button").click();
  await until(() => page.getByTestId("export-dialog").isVisible(), "export dialog");
  await until(async () => (await page.getByTestId("export-changes-hint").innerText()).includes("1处待处理的修订"), "the hint counts the pending change");
  await page.getByTestId("export-profile-publication").check();
  assert(!(await page.getByTestId("export-changes").isVisible()), "含修订 not offered for 公开版");
  await page.getByTestId("export-format-pdf").check();
  await page.getByTestId("export-profile-filing").check();
  assert(!(await page.getByTestId("export-changes").isVisible()), "nor for a PDF");
  await page.getByTestId("export-format-docx").check();
  await page.getByTestId("export-changes").check();
  await page.getByTestId("export-confirm").click();
  await until(async () => (await page.getByTestId("export-warning").isVisible()) || (await calls(page, "export_docx_with_changes")).length > 0, "warned or exporting", 8000);
  if (await page.getByTestId("export-warning").isVisible()) await page.getByTestId("export-confirm").click();
  await until(async () => (await calls(page, "export_docx_with_changes")).length === 1, "exported with changes");
  equal((await calls(page, "export_report")).length, 0, "not the plain export");
  await until(() => page.getByTestId("export-toast").isVisible(), "written", SAVED);
  const xml = unzip(docx);
  assert(/<w:ins\b[^>]*w:author="李审核"/.test(xml), "a w:ins by the reviewer");
  assert(/<w:del\b[^>]*w:author="李审核"/.test(xml), "a w:del by the reviewer");
  assert(/<w:delText[^>]*>[^<]*坚强[^<]*<\/w:delText>/.test(xml), "the deleted words as w:delText");

  // Unchecked: the plain 报送版 (no tracked changes).
  const plain = join(b.dir, "报送版.docx");
  await b.dialog("EXPORT", plain);
  await page.getByTestId("export-button").click();
  await until(() => page.getByTestId("export-dialog").isVisible(), "export dialog again");
  assert(!(await page.getByTestId("export-changes").isChecked()), "含修订 unchecked by default");
  await page.getByTestId("export-confirm").click();
  await until(async () => (await page.getByTestId("export-warning").isVisible()) || (await calls(page, "export_report")).length > 0, "warned or exporting", 8000);
  if (await page.getByTestId("export-warning").isVisible()) await page.getByTestId("export-confirm").click();
  await until(async () => (await calls(page, "export_report")).length === 1, "plain export");
  await until(async () => (await page.getByTestId("export-dialog").count()) === 0, "dialog closed", SAVED);
  assert(!/<w:ins\b/.test(unzip(plain)), "no w:ins without 含修订");
});

/**
 * A reviewed DOCX made by hand: the report's plain DOCX with, in the run holding
 * `quote`, `del` deleted and `ins` inserted after it by 王审核 (Word's markup).
 */
function reviewed(src, out, edits) {
  const py = `
import re, sys, json, zipfile
src, out, edits = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
zin = zipfile.ZipFile(src)
xml = zin.read("word/document.xml").decode("utf-8")
n = 900
for e in edits:
    m = None
    for r in re.finditer(r"<w:r>((?:(?!</w:r>).)*?)<w:t(?: [^>]*)?>([^<]*)</w:t></w:r>", xml, re.S):
        if e["del"] in r.group(2): m = r; break
    assert m, "no run holds " + e["del"]
    rpr, text = m.group(1), m.group(2)
    i = text.index(e["del"])
    before, after = text[:i], text[i + len(e["del"]):]
    run = lambda t: '<w:r>%s<w:t xml:space="preserve">%s</w:t></w:r>' % (rpr, t) if t else ""
    who = 'w:author="王审核" w:date="2026-12-01T10:00:00Z"'
    new = run(before) + '<w:del w:id="%d" %s><w:r>%s<w:delText xml:space="preserve">%s</w:delText></w:r></w:del>' % (n, who, rpr, e["del"])
    if e["ins"]: new += '<w:ins w:id="%d" %s>%s</w:ins>' % (n + 1, who, run(e["ins"]))
    new += run(after)
    n += 2
    xml = xml[:m.start()] + new + xml[m.end():]
zout = zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED)
for item in zin.infolist():
    data = xml.encode("utf-8") if item.filename == "word/document.xml" else zin.read(item.filename)
    zout.writestr(item, data)
zout.close()
`;
  execFileSync("python3", ["-c", py, src, out, JSON.stringify(edits)]);
}

test("redline: 导入Word修订: a reviewed DOCX's w:ins / w:del become suggestions, listed; one whose text is gone loses its place", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, drafter);
  const plain = join(b.dir, "报送版.docx");
  await b.dialog("EXPORT", plain);
  await b.call("export_report", { id, format: "docx", profile: "filing", withComments: false });
  const docx = join(b.dir, "审阅后.docx");
  // 坚强领导 → 正确领导 (a replacement), and 现将 deleted — which the drafter then rewrites away.
  reviewed(plain, docx, [{ del: "坚强", ins: "正确" }, { del: "现将", ins: "" }]);
  const xml = unzip(docx);
  assert(xml.includes("<w:ins ") && xml.includes("<w:del "), "the hand-made DOCX has w:ins and w:del");
  await setPreface(b, id, PREFACE.replace("现将有关情况报告如下", "有关情况报告如下"));
  await b.dialog("COMMENTS_DOCX", docx);

  const page = await open();
  await openRow(page, "梅河口");
  await page.getByTestId("review-import-button").click();
  await page.getByTestId("import-docx-changes").click();
  await until(() => page.getByTestId("word-changes-result").isVisible(), "the result dialog", SAVED);
  equal((await calls(page, "import_docx_changes")).length, 1, "the import command");
  const summary = await page.getByTestId("word-changes-summary").innerText();
  assert(summary.includes("共有 Word 修订"), summary);
  const listed = await page.getByTestId("word-change").allInnerTexts();
  const pending = await b.call("list_changes", { id, filter: null });
  const placed = pending.filter((c) => !c.orphaned).length;
  const lost = pending.filter((c) => c.orphaned).length;
  assert(placed >= 1 && lost === 1, `stored: ${JSON.stringify(pending.map((c) => [c.old, c.new, c.orphaned]))}`);
  assert(summary.includes(`导入 ${pending.length} 处，${lost} 处失去位置`), summary);
  equal(listed.length, pending.length, `each imported suggestion listed: ${listed}`);
  assert(listed.some((t) => t.includes("王审核") && t.includes("坚强") && t.includes("正确")), `the replacement with its author: ${listed}`);
  assert(listed.some((t) => t.includes("现将") && t.includes("失去位置")), `the one whose text is gone: ${listed}`);
  assert(pending.every((c) => c.author === "王审核"), "Word's author kept");
  await page.getByTestId("word-changes-ok").click();
  await until(async () => (await page.getByTestId("word-changes-result").count()) === 0, "closed");

  // Reopened, the 修订 list has them (with the author) for the drafter to accept or reject.
  await page.getByTestId("back-button").click();
  await openRow(page, "梅河口");
  await page.getByTestId("changes-button").click();
  await until(() => page.getByTestId("changes-panel").isVisible(), "the 修订 list");
  await until(async () => (await page.getByTestId("changes-list").innerText()).includes("王审核"), "the imported suggestions listed", SAVED);
});
