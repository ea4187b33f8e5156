// [print #19] Nothing of the editor below paints through a modal dialog. WebKitGTK draws
// an overflow box's overlay scrollbar after the rest of the page — over the top layer —
// so 打印预览 showed the 提纲's scrollbar as a thin grey line across the blank sheet
// (x≈265 at 1280×800). While a modal dialog is open the scrollers below it show no
// scrollbar (styles.css, overflow: hidden; they keep their scroll position). Checked on a
// screenshot: the sheet's left margin, where the 提纲's scrollbar lies, is all white.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { inflateSync } from "node:zlib";
import { setTimeout as sleep } from "node:timers/promises";
import { startDriver, openApp, tempLibrary, byTestId, waitForTexts } from "./helpers.mjs";

const driver = await startDriver();
after(() => driver.stop());

/** A PNG (8-bit RGB or RGBA, not interlaced, as WebKitWebDriver writes) → pixel reader. */
function decodePng(buf) {
  let pos = 8;
  let width = 0, height = 0, channels = 0;
  const idat = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString("latin1", pos + 4, pos + 8);
    const data = buf.subarray(pos + 8, pos + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      assert.equal(data[8], 8, "8-bit PNG");
      assert.equal(data[12], 0, "not interlaced");
      channels = { 2: 3, 6: 4 }[data[9]];
      assert.ok(channels, `colour type ${data[9]}`);
    } else if (type === "IDAT") idat.push(data);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const px = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? px[y * stride + i - channels] : 0;
      const b = y > 0 ? px[(y - 1) * stride + i] : 0;
      const c = y > 0 && i >= channels ? px[(y - 1) * stride + i - channels] : 0;
      let v = line[i];
      if (filter === 1) v += a;
      else if (filter === 2) v += b;
      else if (filter === 3) v += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        v += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      px[y * stride + i] = v & 0xff;
    }
  }
  return { width, height, at: (x, y) => [...px.subarray(y * stride + x * channels, y * stride + x * channels + 3)] };
}

test("打印预览: no scrollbar of the editor below paints over the sheet", async () => {
  const app = await openApp(driver.port, tempLibrary());
  try {
    await waitForTexts(app, "report-row", (t) => t.length >= 1, "the sample report is listed");
    await app.execute(() => document.querySelector('[data-testid="identity-cancel"]')?.click());
    await (await (await byTestId(app, "report-row")).$("button.open-link")).click();
    await byTestId(app, "report-view");
    await waitForTexts(app, "outline-part", (t) => t.length >= 4, "the outline lists the parts");
    const scrolled = await app.execute(() => {
      const o = document.querySelector('[data-testid="outline"]');
      o.scrollTop = 40;
      return { overflows: o.scrollHeight > o.clientHeight, top: o.scrollTop };
    });
    assert.ok(scrolled.overflows && scrolled.top > 0, `the sample's outline scrolls at this size: ${JSON.stringify(scrolled)}`);
    await (await byTestId(app, "print-preview-button")).click();
    await byTestId(app, "preview-page", 60000);
    await app.waitUntil(async () => app.execute(() => document.querySelectorAll('[data-testid="preview-line"]').length > 0),
      { timeout: 20000, timeoutMsg: "the first page's lines" });
    // Scrolling the outline below the dialog (as the wheel or a relayout does) shows its
    // overlay scrollbar at once.
    const geom = await app.execute(() => {
      const o = document.querySelector('[data-testid="outline"]');
      o.scrollTop = 20;
      const sheet = document.querySelector('[data-testid="preview-page"]').getBoundingClientRect();
      const stage = document.querySelector('[data-testid="preview-stage"]').getBoundingClientRect();
      const first = Math.min(...[...document.querySelectorAll('[data-testid="preview-page"] [data-testid="preview-line"], [data-testid="preview-page"] [data-testid="preview-rule"]')]
        .map((e) => e.getBoundingClientRect().left).filter((x) => x > 0));
      const out = o.getBoundingClientRect();
      return { sheet: { left: sheet.left, top: Math.max(sheet.top, stage.top), bottom: Math.min(sheet.bottom, stage.bottom) },
        textLeft: first, outlineRight: out.right, dpr: devicePixelRatio, kept: o.scrollTop };
    });
    assert.equal(geom.dpr, 1);
    assert.equal(geom.kept, 20, "the outline keeps its scroll position below the dialog");
    // The 提纲's scrollbar (its right 16 px) falls inside the sheet's blank left margin.
    const x0 = Math.ceil(geom.sheet.left) + 2, x1 = Math.floor(geom.textLeft) - 2;
    assert.ok(geom.outlineRight - 16 > x0 && geom.outlineRight <= x1, `the outline's edge within the margin: ${JSON.stringify(geom)}`);
    await sleep(300);
    const png = decodePng(Buffer.from(await app.takeScreenshot(), "base64"));
    const y0 = Math.ceil(geom.sheet.top) + 2, y1 = Math.floor(geom.sheet.bottom) - 2;
    const marks = [];
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const [r, g, b] = png.at(x, y);
        if (r < 250 || g < 250 || b < 250) { marks.push(`(${x}, ${y}) rgb(${r}, ${g}, ${b})`); break; }
      }
    }
    assert.deepEqual(marks, [], `the sheet's margin (x ${x0}–${x1}, y ${y0}–${y1}) is white`);
    // Closed, the editor's scrollers scroll again where they were.
    await (await byTestId(app, "preview-close")).click();
    const after = await app.execute(() => {
      const o = document.querySelector('[data-testid="outline"]');
      return { overflow: getComputedStyle(o).overflowY, top: o.scrollTop };
    });
    assert.deepEqual(after, { overflow: "auto", top: 20 });
  } finally {
    await app.deleteSession();
  }
});
