// [official] #16 (and #20's metadata points) on the real Rust backend: the 报告信息
// panel's 版头 fields, a refused field shown beside itself while the rest keeps
// saving, the Chinese date field (typed forms, calendar, impossible dates refused
// inline), 附件 written in the page, and 打印预览 showing the 版头 in red and the attachment's
// own page as the PDF lays them out.
import { assert, equal, test, until } from "./harness.mjs";
import { caretIn, expectRefusals, frames, library, openRow, PREFACE, rewrite, stored, usual } from "./real-library.mjs";

const saveState = (page) => page.getByTestId("save-status").getAttribute("data-state");
const openPanel = async (page) => {
  if (await page.getByTestId("meta-panel").isHidden()) await page.getByTestId("meta-toggle").click();
};

test("real-official: a refused 发文字号 shows its reason beside it and the rest of the report still saves", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await openPanel(page);
  await page.getByTestId("meta-docnumber").fill("梅政发(2020)01号");
  await until(async () => (await page.getByTestId("meta-docnumber-error").textContent()).includes("六角括号"), "reason beside the field");
  // Another field still saves, and the refused value never reached the store.
  await page.getByTestId("meta-addressee").fill("通化市人民政府");
  await until(async () => (await stored(b, id)).addressee === "通化市人民政府", "the rest saved", 15000);
  equal((await stored(b, id)).doc_number, null, "the refused 发文字号 is not stored");
  await page.getByTestId("meta-docnumber").fill("梅政发〔2020〕1号");
  await until(async () => (await stored(b, id)).doc_number === "梅政发〔2020〕1号", "fixed value saved", 15000);
  equal(await page.getByTestId("meta-docnumber-error").textContent(), "", "reason gone");
  // 份号 and 紧急程度 are the 版头's.
  await page.getByTestId("meta-copy-number").fill("12");
  await until(async () => (await page.getByTestId("meta-copy-number-error").textContent()).includes("6位"), "份号 reason");
  await page.getByTestId("meta-urgency").selectOption("特急");
  await until(async () => (await stored(b, id)).urgency === "特急", "紧急程度 saved", 15000);
});

test("real-official: 成文日期 takes the usual written forms, shows 2020年3月13日, offers a calendar and refuses impossible dates", async ({ open, backend, problems }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await openPanel(page);
  const date = page.getByTestId("meta-date");
  equal(await date.getAttribute("type"), "text", "not a locale-formatted <input type=date>");
  for (const typed of ["2020-03-13", "2020.3.13", "2020/3/13", "2020年3月13日"]) {
    await date.fill(typed);
    await date.dispatchEvent("change");
    await until(async () => (await date.inputValue()) === "2020年3月13日", `${typed} shown officially`);
    await until(async () => (await stored(b, id)).date === "2020-03-13", `${typed} stored as ISO`, 15000);
  }
  await date.fill("2019-02-29");
  await until(async () => (await page.getByTestId("meta-date-error").textContent()) === "2019年2月没有29日", "impossible date refused inline");
  equal((await stored(b, id)).date, "2020-03-13", "the refused date is not stored");
  // The calendar: pick the 5th of the shown month.
  await page.getByTestId("meta-date-pick").click();
  const month = await page.getByTestId("cal-month").textContent();
  equal(month, "2020年3月", "the calendar opens on the field's month");
  await page.getByTestId("meta-date-calendar").locator('[data-day="5"]').click();
  await until(async () => (await date.inputValue()) === "2020年3月5日", "picked date shown");
  await until(async () => (await stored(b, id)).date === "2020-03-05", "picked date stored", 15000);
  assert((await saveState(page)) !== "error", "saving never stopped");
  // parse_date refused the impossible date (an HTTP 400 the browser logs).
  expectRefusals(problems);
});

test("real-official: an 附件 edited in the page is saved and 打印预览 shows the red 版头 and the attachment's page", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await openPanel(page);
  await page.getByTestId("meta-docnumber").fill("梅政发〔2020〕1号");
  await page.getByTestId("meta-signer").fill("王某某");
  // [#16] 附件 are written in the page after the closing: 更多 → 添加附件.
  await page.getByTestId("more-button").click();
  await page.getByTestId("add-attachment").click();
  await until(() => page.locator('[data-testid="editor"] .attachment-title').isVisible(), "an 附件 in the page");
  await page.keyboard.insertText("2019年法治政府建设重点工作完成情况");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("行政决策合法性审查全覆盖。");
  await page.keyboard.press("Enter");
  await page.keyboard.insertText("执法公示平台运行良好。");
  await until(async () => {
    const a = (await stored(b, id)).attachments ?? [];
    return a.length === 1 && a[0].paragraphs.length === 2 && a[0].title.startsWith("2019年");
  }, "attachment saved", 15000);
  await until(async () => (await stored(b, id)).signer === "王某某", "signer saved", 15000);
  // The title on the layout model's lines (the PDF's and the DOCX's), not cut mid-word.
  await until(async () => (await page.getByTestId("doc-title").innerText()) === "梅河口市人民政府关于\n2019年法治政府建设情况的报告", "title lines");
  // The page words the 附件说明 and the 附注 as the layout model does (not "（(附件略)）").
  await page.getByTestId("meta-note").fill("(附件略)");
  await until(async () => (await page.getByTestId("attachment-note").first().innerText()) === "附件：2019年法治政府建设重点工作完成情况", "附件说明 on the page");
  await until(async () => (await page.getByTestId("signature-block").innerText()).includes("（附件略）"), "附注 normalised once");
  assert(!(await page.getByTestId("signature-block").innerText()).includes("（("), "no doubled bracket");
  // 打印预览 (报送版): the mark in red, the red rule, 附件说明 and the 附件 page.
  const preview = await b.call("preview_pdf", { id, profile: "filing" });
  const first = preview.pages[0];
  const mark = first.lines.find((l) => l.kind === "issuer_mark");
  equal(mark?.text, "梅河口市人民政府", "the mark");
  assert(mark.color && first.rules.some((r) => r.color === mark.color), "red mark and red rule");
  // The button may sit in a toolbar menu: press it as the menu item does.
  await page.getByTestId("print-preview-button").evaluate((btn) => btn.click());
  await until(async () => (await page.locator('[data-kind="issuer_mark"]').count()) > 0, "mark drawn");
  const color = await page.locator('[data-kind="issuer_mark"]').first().evaluate((e) => getComputedStyle(e).color);
  equal(color, "rgb(255, 51, 51)", "drawn in the standard's red");
  const label = preview.pages.findIndex((p) => p.lines.some((l) => l.kind === "attachment_label"));
  assert(label > 0, "the attachment has its own page");
  assert(preview.pages.slice(0, label).some((p) => p.lines.some((l) => l.kind === "attachment_note" && l.text.startsWith("附件："))),
    "附件说明 under the body");
});

// ---- 附件 in the page (#16): written after the closing like the body ----------------

const ATT = '[data-testid="editor"] section.attachment';
/** What the page shows of each 附件: its label, title and paragraphs. */
const pageAttachments = (page) =>
  page.locator(ATT).evaluateAll((els) =>
    els.map((s) => {
      const t = s.querySelector(".attachment-title");
      return { label: t.dataset.num ?? "", title: t.textContent, paragraphs: [...s.querySelectorAll(":scope > p.para")].map((p) => p.textContent) };
    }),
  );
const storedAttachments = async (b, id) =>
  ((await stored(b, id)).attachments ?? []).map((a) => ({ title: a.title, paragraphs: a.paragraphs.map((p) => p.text) }));
/** The block holding the caret (its node type and text) and the caret's offset in it. */
const caretAt = (page) =>
  page.evaluate(() => {
    const $f = window.__pmView.state.selection.$from;
    return { type: $f.parent.type.name, text: $f.parent.textContent, offset: $f.parentOffset, inAttachment: $f.depth > 0 && $f.node(1).type.name === "attachment" };
  });
/** Puts the caret at the start or end of the `nth` element matching `selector` in the editor. */
async function caretInto(page, selector, atEnd, nth = 0) {
  await page.evaluate(({ selector, atEnd, nth }) => {
    const root = document.querySelector('[data-testid="editor"]');
    const el = root.querySelectorAll(selector)[nth];
    root.focus();
    const r = document.createRange();
    const texts = [];
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) texts.push(n);
    const node = atEnd ? texts[texts.length - 1] : texts[0];
    if (node) r.setStart(node, atEnd ? node.length : 0);
    else r.setStart(el, 0);
    getSelection().removeAllRanges();
    getSelection().addRange(r);
  }, { selector, atEnd, nth });
  await frames(page);
}
/** Selects `quote` inside the `nth` element matching `selector` in the editor. */
async function selectIn(page, selector, quote, nth = 0) {
  await page.evaluate(({ selector, quote, nth }) => {
    const root = document.querySelector('[data-testid="editor"]');
    const el = root.querySelectorAll(selector)[nth];
    const w = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const i = n.data.indexOf(quote);
      if (i < 0) continue;
      root.focus();
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + quote.length);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
      return;
    }
    throw new Error(`no ${quote} in ${selector}`);
  }, { selector, quote, nth });
  await frames(page);
}

test("real-official: an 附件 added from the toolbar is written in the page (keys and input method), its edges hold, it is saved and reopened the same, removed and undone", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const closing = (await stored(b, id)).closing;
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await page.getByTestId("more-button").click();
  await page.getByTestId("add-attachment").click();
  await until(() => page.locator(`${ATT} .attachment-title`).isVisible(), "an 附件 in the page");
  equal((await caretAt(page)).type, "attachment_title", "the caret is in the new 附件's title");
  // The title: keys, then an input method's composition committed once.
  await page.keyboard.type("行政复议");
  const cdp = await page.context().newCDPSession(page);
  for (const t of ["a", "an", "anj"]) {
    await cdp.send("Input.imeSetComposition", { text: t, selectionStart: t.length, selectionEnd: t.length });
    await page.waitForTimeout(30);
  }
  await cdp.send("Input.insertText", { text: "案件统计" });
  await page.keyboard.press("Enter");
  equal(await caretAt(page), { type: "paragraph", text: "", offset: 0, inAttachment: true }, "Enter at the title's end goes into its text");
  await page.keyboard.insertText("全年收到行政复议申请12件。");
  await page.keyboard.press("Enter");
  await page.keyboard.type("已全部审结。");
  const written = [{ label: "附件", title: "行政复议案件统计", paragraphs: ["全年收到行政复议申请12件。", "已全部审结。"] }];
  equal(await pageAttachments(page), written, "written in the page");
  await until(async () => JSON.stringify(await storedAttachments(b, id)) === JSON.stringify(written.map(({ label: _, ...a }) => a)), "saved as written", 15000);

  // Its edges: Backspace at the start of the title or of its first paragraph merges
  // nothing; Enter at the title's start does nothing; Delete at the closing's end
  // does not pull the 附件 in.
  await caretInto(page, `${ATT} .attachment-title`, false);
  await page.keyboard.press("Backspace");
  await page.keyboard.press("Enter");
  await caretInto(page, `${ATT} > p.para`, false);
  await page.keyboard.press("Backspace");
  await caretInto(page, '[data-testid="editor"] .closing > p.para', true);
  await page.keyboard.press("Delete");
  // A selection from the closing into the 附件 is refused whole, whatever key.
  await page.evaluate(() => {
    const v = window.__pmView;
    let from = 0;
    let to = 0;
    v.state.doc.forEach((n, off) => {
      if (n.type.name === "closing") from = off + n.nodeSize - 3;
      if (n.type.name === "attachment") to = off + 4;
    });
    v.dispatch(v.state.tr.setSelection(v.state.selection.constructor.create(v.state.doc, from, to)));
    v.focus();
  });
  await page.keyboard.press("Backspace");
  await page.keyboard.type("字");
  await frames(page);
  equal(await pageAttachments(page), [{ label: "附件", title: "行政复议案件统计", paragraphs: ["全年收到行政复议申请12件。", "已全部审结。"] }], "the 附件 is whole");
  await page.waitForTimeout(1500);
  equal(await storedAttachments(b, id), [{ title: "行政复议案件统计", paragraphs: ["全年收到行政复议申请12件。", "已全部审结。"] }], "nothing else saved");
  equal((await stored(b, id)).closing, closing, "the closing untouched");
  // The outline lists it.
  await until(async () => (await page.getByTestId("outline-attachment").allTextContents()).some((t) => t.startsWith("附件 行政复议案件统计")), "in the outline");

  // Reopen: the same 附件 in the page.
  await page.getByTestId("back-button").click();
  await openRow(page, "梅河口");
  await until(async () => (await pageAttachments(page)).length === 1, "the 附件 reopened");
  equal(await pageAttachments(page), [{ label: "附件", title: "行政复议案件统计", paragraphs: ["全年收到行政复议申请12件。", "已全部审结。"] }], "reopened the same");

  // 删除附件 with the caret in it, and Ctrl+Z brings it back.
  await caretInto(page, `${ATT} > p.para`, true, 1);
  await page.getByTestId("more-button").click();
  await page.getByTestId("remove-attachment").click();
  await until(async () => (await page.locator(ATT).count()) === 0, "removed from the page");
  await until(async () => (await storedAttachments(b, id)).length === 0, "removal saved", 15000);
  await page.keyboard.press("Control+z");
  await until(async () => (await page.locator(ATT).count()) === 1, "undo brings it back");
  await until(async () => (await storedAttachments(b, id)).length === 1, "and it is saved again", 15000);
  equal(await storedAttachments(b, id), [{ title: "行政复议案件统计", paragraphs: ["全年收到行政复议申请12件。", "已全部审结。"] }], "with its text");
});


test("real-official: text typed right after Enter goes into the new paragraph, in order (an 附件 and the body)", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await usual(b, { name: "王起草", role: "drafter" });
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  await page.getByTestId("more-button").click();
  await page.getByTestId("add-attachment").click();
  await until(() => page.locator(`${ATT} .attachment-title`).isVisible(), "an 附件 in the page");
  await page.keyboard.type("统计表");
  await page.keyboard.press("Enter");
  // Text that comes without a keypress (an input method's commit, insertText) right
  // after Enter, with no pause: Chromium used to put the caret before it, and the next
  // text went in front (已全部审结。 became 全部审结。已 in about a third of the runs).
  const lines = ["第一段已审结。", "第二段已审结。", "第三段已审结。", "第四段已审结。", "第五段已审结。", "第六段已审结。"];
  for (const [i, line] of lines.entries()) {
    if (i > 0) await page.keyboard.press("Enter");
    await page.keyboard.type(line);
  }
  equal((await pageAttachments(page))[0].paragraphs, lines, "the 附件's paragraphs, in order");
  await until(async () => JSON.stringify((await storedAttachments(b, id))[0]?.paragraphs) === JSON.stringify(lines), "saved in order", 15000);
  // The same in the body: after the preface's last paragraph.
  await caretIn(page, PREFACE);
  for (const line of lines.slice(0, 4)) {
    await page.keyboard.press("Enter");
    await page.keyboard.type(line);
  }
  await until(async () => JSON.stringify((await stored(b, id)).preface.map((p) => p.text)) === JSON.stringify([PREFACE, ...lines.slice(0, 4)]), "the preface's new paragraphs saved in order", 15000);
});
test("real-official: the page shows 附件1 and 附件2 as printed; the outline lists them and jumps there; 查找替换 reaches them; a comment on 附件 text; a 校对 finding in an 附件 is located", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const hex = () => Math.random().toString(16).slice(2, 14).padEnd(12, "0");
  const [a1, p1, a2, p2] = [hex(), hex(), hex(), hex()];
  await rewrite(b, id, (d) => {
    d.attachments = [
      { id: a1, title: "2019年重点工作完成情况", paragraphs: [{ id: p1, text: "全年办理行政复议案件12件,均已审结。" }] },
      { id: a2, title: "行政执法统计", paragraphs: [{ id: p2, text: "全年开展行政执法检查300余次。" }] },
    ];
  });
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  // The page labels them as the exports do, each on a new sheet: 附件N in 黑体 at the
  // left, the title centred in 22 pt, after the signature block.
  await until(async () => (await pageAttachments(page)).map((a) => a.label).join() === "附件1,附件2", "附件1, 附件2 in the page");
  const look = await page.locator(ATT).first().evaluate((s) => {
    const t = s.querySelector(".attachment-title");
    const label = getComputedStyle(t, "::before");
    const sign = document.querySelector('[data-testid="signature-block"]');
    return {
      label: [label.content, label.textAlign, label.fontFamily.split(",")[0].trim().replace(/"/g, "")],
      title: [getComputedStyle(t).textAlign, Math.round((parseFloat(getComputedStyle(t).fontSize) * 72) / 96)],
      newSheet: parseFloat(getComputedStyle(s).borderTopWidth) > 0,
      afterSignature: sign.compareDocumentPosition(s) === Node.DOCUMENT_POSITION_FOLLOWING,
    };
  });
  equal(look, { label: ['"附件1"', "left", "黑体"], title: ["center", 22], newSheet: true, afterSignature: true }, "the page shows the 附件 as printed");
  const items = page.getByTestId("outline-attachment");
  await until(async () => (await items.count()) === 2, "two 附件 in the outline");
  assert((await items.nth(0).textContent()).startsWith("附件1 2019年重点工作完成情况"), await items.nth(0).textContent());
  assert((await items.nth(1).textContent()).startsWith("附件2 行政执法统计"), await items.nth(1).textContent());
  // Jump: the caret in 附件2's title, which is in view.
  await items.nth(1).click();
  await until(async () => (await caretAt(page)).text === "行政执法统计", "the caret in 附件2's title");
  const inView = await page.locator(ATT).nth(1).evaluate((el) => {
    const r = el.getBoundingClientRect();
    const s = el.closest(".page-scroller").getBoundingClientRect();
    return r.top >= s.top - 2 && r.top < s.bottom;
  });
  assert(inView, "附件2 scrolled into view");
  await page.keyboard.insertText("表");
  await until(async () => (await storedAttachments(b, id))[1]?.title === "行政执法统计表", "typed at the jump's caret", 15000);
  // 查找替换 reaches 附件 titles and text.
  await page.keyboard.press("Control+h");
  await page.getByTestId("find-input").fill("行政执法");
  await page.getByTestId("replace-input").fill("综合执法");
  await until(async () => /共 \d+ 处/.test(await page.getByTestId("find-count").innerText()), "matches counted");
  await page.getByTestId("replace-all").click();
  await until(async () => {
    const a = await storedAttachments(b, id);
    return a[1]?.title === "综合执法统计表" && a[1].paragraphs[0] === "全年开展综合执法检查300余次。";
  }, "replaced in 附件2's title and text and saved", 15000);
  await page.keyboard.press("Escape");

  // A comment on the 附件's text is anchored to it.
  const addComment = async (selector, quote, text) => {
    const before = await page.getByTestId("comment-thread").count();
    await until(async () => {
      if (await page.getByTestId("comment-input").isVisible()) return true;
      await selectIn(page, selector, quote);
      await page.getByTestId("add-comment").click({ timeout: 1000 }).catch(() => {});
      await page.waitForTimeout(150);
      return page.getByTestId("comment-input").isVisible();
    }, "the comment input opens", 8000);
    await page.getByTestId("comment-input").fill(text);
    await page.getByTestId("comment-submit").click();
    await until(async () => (await page.getByTestId("comment-thread").count()) > before, "comment added", 8000);
  };
  if (await page.getByTestId("comments-panel").isHidden()) await page.getByTestId("comments-button").click();
  await addComment(`${ATT} > p.para`, "行政复议案件", "请核对件数");
  const list = await b.call("list_comments", { id, filter: null });
  const on = (t) => list.find((c) => c.text === t);
  equal([on("请核对件数")?.anchor?.node_id, on("请核对件数")?.anchor?.quote], [p1, "行政复议案件"], "comment on the 附件's text");
  await until(async () => (await page.locator(`${ATT} .comment-anchor`).allInnerTexts()).join("|").includes("行政复议案件"), "highlighted in the 附件");

  // 校对: the half-width comma in 附件1's text is found, counted on its outline
  // entry, and a click selects it in the 附件.
  await page.getByTestId("checks-toggle").click();
  const comma = page.locator('[data-testid="check-item"][data-rule="punct.halfwidth"]');
  await until(async () => (await comma.count()) === 1, "the 附件's comma found", 15000);
  await until(async () => (await page.locator(`[data-badges-for="${a1}"] [data-testid="check-badge"]`).allInnerTexts()).join() === "1", "badge on 附件1");
  await comma.getByTestId("check-go").click();
  await frames(page);
  const sel = await page.evaluate(() => {
    const s = window.__pmView.state.selection;
    return { text: window.__pmView.state.doc.textBetween(s.from, s.to), inAttachment: s.$from.node(1).type.name === "attachment", block: s.$from.parent.textContent };
  });
  equal(sel, { text: ",", inAttachment: true, block: "全年办理行政复议案件12件,均已审结。" }, "located in the 附件");
  equal(await page.locator(`${ATT} .check-selected`).allInnerTexts(), [","], "highlighted there");
});

/** The lines the browser shows `el`'s text on (each character's box, grouped by row). */
const renderedLines = (el) =>
  el.evaluate((t) => {
    const rows = [];
    const walker = document.createTreeWalker(t, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      for (let i = 0; i < n.data.length; i++) {
        if (/\s/.test(n.data[i])) continue;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        const box = r.getClientRects()[0];
        if (!box) continue;
        const last = rows[rows.length - 1];
        if (last && Math.abs(box.top - last.top) < box.height / 2) last.text += n.data[i];
        else rows.push({ top: box.top, text: n.data[i] });
      }
    }
    return rows.map((r) => r.text);
  });

test("real-official: an 附件 title stands in the page on the lines the exports print, and follows its edits", async ({ open, backend }) => {
  const b = await backend();
  const [id] = await library(b, [["梅河口市人民政府", 2019]]);
  const hex = () => Math.random().toString(16).slice(2, 14).padEnd(12, "0");
  const long = "梅河口市2019年法治政府建设重点工作完成情况";
  await rewrite(b, id, (d) => {
    d.attachments = [{ id: hex(), title: long, paragraphs: [{ id: hex(), text: "全年办理行政复议案件12件。" }] }];
  });
  /** The layout model's lines for the stored 附件 title (what DOCX and PDF print). */
  const modelLines = async () => {
    const { id: _i, status: _s, status_label: _l, version: _v, created_at: _c, updated_at: _u, title: _t, ...document } = await stored(b, id);
    return (await b.call("page_view", { document, profile: "filing" })).attachments[0].titleLines;
  };
  equal(await modelLines(), ["梅河口市2019年法治政府", "建设重点工作完成情况"], "the layout's lines (fazhi-layout title_lines)");
  const page = await open({ real: true });
  await openRow(page, "梅河口");
  const title = page.locator(`${ATT} .attachment-title`);
  await until(async () => (await title.count()) === 1, "the 附件 in the page");
  let lines = [];
  const shown = (want, what) =>
    until(async () => (lines = await renderedLines(title)).join("/") === want.join("/"), what).catch((e) => {
      throw new Error(`${e.message}; the page shows ${lines.join(" / ")}`);
    });
  await shown(["梅河口市2019年法治政府", "建设重点工作完成情况"], "the page's lines are the layout's");
  equal(await title.textContent(), long, "the breaks add no text");
  // Typed at the title's start: the page takes the model's new lines.
  await caretInto(page, `${ATT} .attachment-title`, false);
  await page.keyboard.insertText("吉林省通化市");
  await until(async () => (await storedAttachments(b, id))[0]?.title === `吉林省通化市${long}`, "the edited title saved", 15000);
  const next = await modelLines();
  assert(next.join("/") !== "梅河口市2019年法治政府/建设重点工作完成情况" && next.length >= 2, `new lines: ${next.join(" / ")}`);
  await shown(next, `the page follows the model's new lines ${next.join(" / ")}`);
  equal(await caretAt(page), { type: "attachment_title", text: `吉林省通化市${long}`, offset: 6, inAttachment: true }, "the caret stays where it was typed");
});
