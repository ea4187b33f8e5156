// A report opened in the editor: toolbar, outline, the page, metadata panel,
// find/replace and the save status line.
import { redo, undo } from "prosemirror-history";
import type { Node as PMNode } from "prosemirror-model";
import { TextSelection, type Command, type EditorState, type Transaction } from "prosemirror-state";
import { EditorView } from "prosemirror-view";
import { api, documentOf, toApiError, type ApiError } from "./api";
import type { Document } from "./bindings/Document";
import type { ReportView } from "./bindings/ReportView";
import { CheckPanel } from "./checks/panel";
import { clear, h } from "./dom";
import { reportFileTools } from "./export-dialog";
import { History } from "./history";
import { Saver, type SaveStatus } from "./editor/autosave";
import {
  addSection,
  demote,
  dropSection,
  dropSectionInPart,
  findSection,
  moveSectionDown,
  moveSectionUp,
  onSection,
  promote,
  removeSection,
  setNotifier,
} from "./editor/commands";
import { addresseeText, fromPM, metaOf, toPM, type Meta } from "./editor/convert";
import { createState } from "./editor/editor";
import { installFonts } from "./editor/fonts";
import { findState, replaceAll, replaceCurrent, setQuery, step } from "./editor/find";
import { handlePaste } from "./editor/paste";
import { ALLOW_LOCKED, structural } from "./editor/plugins";
import { T, sectionLevel } from "./editor/schema";
import { clockTime, countChars, documentTitle, isoToOfficial, numberPrefix, shiftYears } from "./model";
import type { Saved } from "./bindings/Saved";
import type { WorkflowInfo } from "./bindings/WorkflowInfo";
import { ReviewUi } from "./review/ui";

export interface OpenReport {
  /** Saves what is pending; false when the user chose to stay. */
  close(): Promise<boolean>;
  /** Saves what is pending; resolves whether everything is saved. */
  flush(): Promise<boolean>;
  /** Drops the view without saving (the report was deleted). */
  discard(): void;
}

export interface ReportCallbacks {
  onBack(): void;
  /** The report's workflow state, fetched with it ([review]); a review copy opens read-only. */
  workflow?: WorkflowInfo | null;
  onDelete(): void;
  onError(e: ApiError | null): void;
  onReload(): void;
  /** Opens another report in the editor (下一年度报告). */
  onOpen?(id: string): void;
}

const ZOOMS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

export function openReport(host: HTMLElement, view: ReportView, cb: ReportCallbacks): OpenReport {
  installFonts();
  let meta: Meta = metaOf(documentOf(view));
  let disposed = false;
  // The core refuses saves of a report past review (已定稿、已报送、已公开): show it read-only.
  const locked = (view.status !== "draft" && view.status !== "review") || cb.workflow?.locked === true;

  // ---- status line -------------------------------------------------------
  const statusText = h("span", { className: "save-text" });
  const statusActions = h("span", { className: "save-actions" });
  const saveStatus = h("div", { className: "save-status", testid: "save-status", role: "status", "aria-live": "polite" }, statusText, statusActions);
  const hint = h("div", { className: "hint-line", testid: "editor-hint", role: "status", "aria-live": "polite" });
  const totalChars = h("span", { className: "total-chars", testid: "total-chars" });
  let hintTimer: number | undefined;
  const say = (m: string) => {
    hint.textContent = m;
    window.clearTimeout(hintTimer);
    hintTimer = window.setTimeout(() => (hint.textContent = ""), 6000);
  };
  setNotifier(say);

  // ---- the editor -----------------------------------------------------------
  const keys: Record<string, Command> = {
    "Mod-s": () => (void saveVersionDialog(), true),
    "Mod-f": () => (openFind(false), true),
    "Mod-h": () => (openFind(true), true),
  };
  const pmHost = h("div", { className: "editor-host" });
  const editor = new EditorView(pmHost, {
    state: createState(toPM(documentOf(view)), () => say("部分标题由模板和年度生成，不能修改、删除或合并；请在各部分内编写正文。"), keys),
    attributes: { "data-testid": "editor", class: "pm", spellcheck: "false", lang: "zh-CN", "aria-label": "报告正文", role: "textbox", "aria-multiline": "true" },
    editable: () => !locked,
    handlePaste: (v, ev) => handlePaste(v, ev),
    handleKeyPress: typeDirectly,
    dispatchTransaction(tr: Transaction) {
      if (disposed || (locked && tr.docChanged)) return;
      editor.updateState(editor.state.apply(tr));
      if (tr.docChanged) {
        saver.changed();
        checks.changed();
        scheduleOutline(structural(tr) || tr.getMeta(ALLOW_LOCKED) === true, touchesHeading(tr));
      }
      if (tr.getMeta("find-ui") || tr.docChanged) syncFindCount();
    },
  });

  // Test builds expose the view to the benchmark and tests.
  if (import.meta.env.MODE === "test") (window as unknown as { __pmView?: EditorView }).__pmView = editor;
  const snapshot = (): Document => fromPM(editor.state.doc, meta);
  const saver = new Saver({
    id: view.id,
    version: view.version,
    // With the comment ranges of the editor when there are comments (review/ui.ts).
    save: (id, expected, doc): Promise<Saved> => review.save(id, expected, doc),
    snapshot,
    busy: () => editor.composing,
    onStatus: renderStatus,
  });
  // 校对: findings, underlines, fixes and outline badges (checks/panel.ts).
  const checks = new CheckPanel({
    view: editor,
    snapshot,
    api,
    say: (m) => say(m),
    locked,
    showMeta: () => {
      metaPanel.hidden = false;
      metaToggle.setAttribute("aria-expanded", "true");
    },
  });

  // [review]: comment anchors, 批注 panel, workflow bar with the lock banner, review packages (review/ui.ts).
  const review: ReviewUi = new ReviewUi({
    editor,
    reportId: view.id,
    workflow: cb.workflow ?? null,
    flush: (): Promise<boolean> => saver.flush(),
    snapshot,
    say: (m) => say(m),
    onError: (e) => cb.onError(e),
    reload: () => {
      dispose();
      cb.onReload();
    },
  });

  // 历史版本: list, read-only view, compare, restore (history.ts).
  const versions = new History({
    reportId: view.id,
    get root() {
      return root;
    },
    flush: async () => {
      if (!(await saver.flush())) throw "error" in saver.status ? saver.status.error : { code: "unsaved", message: "当前修改尚未保存" };
    },
    reload: () => {
      dispose();
      cb.onReload();
    },
    focusEditor: () => editor.focus(),
    editable: !locked,
    onError: (e) => cb.onError(e),
  });

  function renderStatus(s: SaveStatus): void {
    clear(statusActions);
    saveStatus.dataset.state = s.kind;
    switch (s.kind) {
      case "saved":
        statusText.textContent = `已保存 ${clockTime(s.at)}`;
        break;
      case "dirty":
      case "saving":
        statusText.textContent = "正在保存…";
        break;
      case "failed":
        statusText.textContent = `保存失败（${s.error.message}）`;
        statusActions.append(
          h("button", { type: "button", className: "link", testid: "save-retry", onclick: () => void saver.retry() }, "重试"),
          h("span", { className: "muted" }, s.retryAt ? "修改仍在编辑器中，稍后将自动重试" : "修改仍在编辑器中"),
        );
        break;
      case "invalid":
        statusText.textContent = `保存失败（${s.error.message}）`;
        statusActions.append(
          h("button", { type: "button", className: "link", testid: "save-undo", onclick: () => { undo(editor.state, editor.dispatch); editor.focus(); } }, "撤销上一步修改"),
          h("button", { type: "button", className: "link", testid: "save-retry", onclick: () => void saver.retry() }, "重试"),
        );
        break;
      case "conflict":
        statusText.textContent = `未保存：${s.error.message}`;
        statusActions.append(
          h("button", { type: "button", className: "link", testid: "save-overwrite", onclick: () => void saver.overwrite() }, "以本窗口内容覆盖"),
          h("button", { type: "button", className: "link", testid: "save-reload", onclick: () => void reloadDialog() }, "放弃本窗口的修改并重新打开"),
        );
        break;
    }
  }
  renderStatus(saver.status);

  // ---- outline ---------------------------------------------------------------
  const outlineList = h("ol", { className: "outline-list" });
  const outline = h("nav", { className: "outline", testid: "outline", "aria-label": "提纲" }, h("h2", {}, "提纲"), outlineList);
  let outlineTimer: number | undefined;
  let dragging: string | null = null;
  // Typing inside a paragraph only changes counts: the outline is rebuilt when
  // the structure or a heading changed, else only the counts are refreshed, and
  // each part's count is cached by node (typing changes one part's node only).
  let outlineFull = false;
  function scheduleOutline(now: boolean, full = true): void {
    window.clearTimeout(outlineTimer);
    outlineFull ||= full;
    // A structural change shows in the outline right after the keystroke's paint,
    // not before it (the page renumbers at once through decorations).
    outlineTimer = window.setTimeout(() => (outlineFull ? renderOutline() : updateCounts()), now ? 30 : 300);
  }
  const charCache = new WeakMap<PMNode, number>();
  function nodeChars(n: PMNode): number {
    let c = charCache.get(n);
    if (c === undefined) {
      if (n.type === T.title) c = countChars(n.attrs.text as string);
      else if (n.type === T.part) c = countChars(n.firstChild?.attrs.text as string) + countChars(n.textContent);
      else c = countChars(n.textContent);
      charCache.set(n, c);
    }
    return c;
  }
  function updateCounts(): void {
    let total = 0;
    let i = 0;
    const spans = outlineList.querySelectorAll('[data-testid="part-chars"]');
    editor.state.doc.forEach((n) => {
      const c = nodeChars(n);
      total += c;
      if (n.type === T.part) {
        const span = spans[i++];
        if (span && span.textContent !== `${c}字`) span.textContent = `${c}字`;
      }
    });
    totalChars.textContent = `全文 ${total} 字`;
  }
  function renderOutline(focusId?: string): void {
    outlineFull = false;
    const doc = editor.state.doc;
    clear(outlineList);
    let total = 0;
    let partIndex = 0;
    const sections = (n: PMNode, level: number, into: HTMLElement) => {
      let i = 0;
      n.forEach((c) => {
        if (sectionLevel(c.type) !== level) return;
        const id = c.attrs.id as string;
        const heading = c.firstChild?.textContent ?? "";
        const item = h("button", { type: "button", className: `outline-item level-${level}`, testid: "outline-item", "data-id": id, title: "Alt+Shift+↑/↓ 移动，Alt+Shift+←/→ 升级/降级" },
          h("span", { className: "num" }, numberPrefix(level, i)), heading === "" ? h("span", { className: "muted" }, "（无标题）") : heading,
          // Room for check findings ([checks]) and comment counts ([review]).
          h("span", { className: "badges", "data-badges-for": id }));
        item.addEventListener("click", () => jumpToSection(id));
        item.addEventListener("keydown", (ev) => outlineKey(ev, id));
        item.draggable = true;
        item.addEventListener("dragstart", (ev) => {
          ev.dataTransfer?.setData("application/x-fazhi-section", id);
          if (ev.dataTransfer) ev.dataTransfer.effectAllowed = "move";
          dragging = id;
        });
        item.addEventListener("dragend", () => (dragging = null));
        item.addEventListener("dragover", (ev) => {
          if (!dragging || dragging === id) return;
          ev.preventDefault();
          const r = item.getBoundingClientRect();
          item.dataset.drop = ev.clientY > r.top + r.height / 2 ? "after" : "before";
        });
        item.addEventListener("dragleave", () => delete item.dataset.drop);
        item.addEventListener("drop", (ev) => {
          ev.preventDefault();
          const from = dragging;
          const after = item.dataset.drop === "after";
          delete item.dataset.drop;
          dragging = null;
          if (!from) return;
          dropSection(from, id, after)(editor.state, editor.dispatch);
          window.clearTimeout(outlineTimer);
          renderOutline(from);
        });
        const li = h("li", {}, item);
        into.append(li);
        if (level < 4) {
          const sub = h("ol", {});
          sections(c, level + 1, sub);
          if (sub.childElementCount) li.append(sub);
        }
        i++;
      });
    };
    doc.forEach((n) => {
      if (n.type !== T.part) total += nodeChars(n);
      else {
        const heading = n.firstChild?.attrs.text as string;
        const chars = nodeChars(n);
        total += chars;
        const idx = partIndex++;
        const item = h("button", { type: "button", className: "outline-item level-1", testid: "outline-part", "data-id": n.attrs.id as string },
          h("span", { className: "num" }, numberPrefix(1, idx)), heading, h("span", { className: "count", testid: "part-chars" }, `${chars}字`),
          h("span", { className: "badges", "data-badges-for": n.attrs.id as string }));
        item.addEventListener("click", () => jumpToPart(n.attrs.id as string));
        // A section dropped on a part becomes its first （一）.
        item.addEventListener("dragover", (ev) => {
          if (!dragging) return;
          ev.preventDefault();
          item.dataset.drop = "into";
        });
        item.addEventListener("dragleave", () => delete item.dataset.drop);
        item.addEventListener("drop", (ev) => {
          ev.preventDefault();
          const from = dragging;
          delete item.dataset.drop;
          dragging = null;
          if (!from) return;
          dropSectionInPart(from, n.attrs.id as string)(editor.state, editor.dispatch);
          window.clearTimeout(outlineTimer);
          renderOutline(from);
        });
        const li = h("li", {}, item);
        const sub = h("ol", {});
        sections(n, 2, sub);
        if (sub.childElementCount) li.append(sub);
        outlineList.append(li);
      }
    });
    totalChars.textContent = `全文 ${total} 字`;
    checks.renderBadges(outlineList);
    review.renderBadges(outlineList);
    if (focusId) outlineList.querySelector<HTMLElement>(`[data-id="${focusId}"]`)?.focus();
  }
  function jumpToSection(id: string): void {
    const pos = findSection(editor.state.doc, id);
    if (pos === null) return;
    const heading = editor.state.doc.nodeAt(pos + 1);
    const sel = TextSelection.create(editor.state.doc, pos + 2 + (heading?.content.size ?? 0));
    editor.dispatch(editor.state.tr.setSelection(sel).scrollIntoView());
    editor.focus();
    scrollTo(pos);
  }
  function jumpToPart(id: string): void {
    let at = -1;
    editor.state.doc.forEach((n, off) => {
      if (n.type === T.part && n.attrs.id === id) at = off;
    });
    if (at < 0) return;
    const sel = TextSelection.near(editor.state.doc.resolve(at + 2));
    editor.dispatch(editor.state.tr.setSelection(sel).scrollIntoView());
    editor.focus();
    scrollTo(at);
  }
  function scrollTo(pos: number): void {
    const dom = editor.nodeDOM(pos);
    if (dom instanceof HTMLElement) dom.scrollIntoView({ block: "start" });
  }
  function outlineKey(ev: KeyboardEvent, id: string): void {
    if (!ev.altKey || !ev.shiftKey) return;
    const cmd = { ArrowUp: moveSectionUp, ArrowDown: moveSectionDown, ArrowLeft: promote, ArrowRight: demote }[ev.key];
    if (!cmd) return;
    ev.preventDefault();
    onSection(id, cmd)(editor.state, editor.dispatch);
    window.clearTimeout(outlineTimer);
    renderOutline(id);
  }

  // ---- metadata panel ----------------------------------------------------------
  const field = (label: string, input: HTMLElement, help?: HTMLElement) =>
    h("div", { className: "field" }, h("label", { for: input.id }, label), input, help);
  const text = (id: string, testid: string, value: string | null, placeholder = "") =>
    h("input", { id, type: "text", testid, value: value ?? "", placeholder, autocomplete: "off" });
  const issuerIn = text("m-issuer", "meta-issuer", meta.issuer);
  const yearIn = h("input", { id: "m-year", type: "text", inputmode: "numeric", maxlength: 4, testid: "meta-year", value: String(meta.year) });
  const yearErr = h("p", { className: "field-error", role: "alert", testid: "meta-year-error" });
  const issuerErr = h("p", { className: "field-error", role: "alert" });
  const titleIn = text("m-title", "meta-title", meta.title_override, "留空则按发文机关和年度生成");
  const addresseeIn = text("m-addressee", "meta-addressee", meta.addressee, "例如：通化市人民政府");
  const docNumberIn = text("m-docnumber", "meta-docnumber", meta.doc_number, "例如：梅政发〔2020〕1号");
  const signerIn = text("m-signer", "meta-signer", meta.signer);
  const signatureIn = text("m-signature", "meta-signature", meta.signature, "留空则用发文机关");
  const dateIn = h("input", { id: "m-date", type: "date", testid: "meta-date", value: meta.date ?? "" });
  const dateShown = h("p", { className: "hint", testid: "meta-date-official" });
  const noteIn = text("m-note", "meta-note", meta.note, "例如：此件公开发布");
  // 版记 (GB/T 9704): printed on the last page of the 报送版 only.
  const copyToIn = text("m-copyto", "meta-copy-to", meta.copy_to, "例如：市委办公室，市人大常委会办公室");
  const printedByIn = text("m-printedby", "meta-printed-by", meta.printed_by, "例如：梅河口市人民政府办公室");
  const printedOnIn = h("input", { id: "m-printedon", type: "date", testid: "meta-printed-on", value: meta.printed_on ?? "" });
  const printedOnShown = h("p", { className: "hint", testid: "meta-printed-on-official" });
  const styleIn = h("select", { id: "m-style", testid: "meta-heading-style" },
    h("option", { value: "separate" }, "小标题单独成行"), h("option", { value: "run_in" }, "小标题与正文接排"));
  styleIn.value = meta.settings.heading_style;
  const metaPanel = h("aside", { className: "meta-panel", testid: "meta-panel", "aria-label": "报告信息", hidden: true },
    h("h2", {}, "报告信息"),
    field("发文机关", issuerIn, issuerErr),
    field("报告年度", yearIn, yearErr),
    field("标题", titleIn),
    field("主送机关", addresseeIn),
    field("发文字号", docNumberIn),
    field("签发人", signerIn),
    field("署名", signatureIn),
    field("成文日期", dateIn, dateShown),
    field("附注", noteIn),
    field("小标题格式", styleIn),
    h("fieldset", { className: "banji-fields", testid: "meta-banji" },
      h("legend", {}, "版记（报送版）"),
      h("p", { className: "hint" }, "印在报送版末页；公开版不印版记。"),
      field("抄送机关", copyToIn),
      field("印发机关", printedByIn),
      field("印发日期", printedOnIn, printedOnShown)),
  );
  const optional = (s: string): string | null => (s.trim() === "" ? null : s.trim());
  const closingBlock = h("div", { className: "closing-block", testid: "signature-block" });
  function renderClosing(): void {
    clear(closingBlock);
    const sig = meta.signature && meta.signature.trim() !== "" ? meta.signature : meta.issuer;
    const date = meta.date ? isoToOfficial(meta.date) : null;
    closingBlock.append(h("p", { className: "signature" }, sig), h("p", { className: "date" }, date ?? "（成文日期）"));
    if (meta.note) closingBlock.append(h("p", { className: "note" }, `（${meta.note.replace(/^[（(]|[）)]$/g, "")}）`));
    dateShown.textContent = date ? `公文中显示为：${date}` : "";
    const printedOn = meta.printed_on ? isoToOfficial(meta.printed_on) : null;
    printedOnShown.textContent = printedOn ? `版记中显示为：${printedOn}印发` : "";
    if (meta.copy_to || meta.printed_by || printedOn) {
      closingBlock.append(h("div", { className: "banji", testid: "banji", "aria-label": "版记（报送版）", title: "版记：只印在报送版末页" },
        meta.copy_to ? h("p", { className: "copy-to" }, `抄送：${meta.copy_to.replace(/[。.]$/, "")}。`) : null,
        meta.printed_by || printedOn ? h("p", { className: "printed" }, h("span", {}, meta.printed_by ?? ""), h("span", {}, printedOn ? `${printedOn}印发` : "")) : null));
    }
    pageEl.classList.toggle("run-in", meta.settings.heading_style === "run_in");
  }
  /** Puts the generated title/addressee and year-bearing headings in line with `meta`. */
  function syncGenerated(oldYear: number): void {
    const tr = editor.state.tr;
    const title = editor.state.doc.firstChild;
    const wanted = { text: documentTitle(meta), addressee: addresseeText(meta.addressee) };
    if (title && (title.attrs.text !== wanted.text || title.attrs.addressee !== wanted.addressee)) tr.setNodeMarkup(0, undefined, wanted);
    if (oldYear !== meta.year) {
      editor.state.doc.forEach((n, off) => {
        if (n.type !== T.part) return;
        const t = n.firstChild?.attrs.text as string;
        const shifted = shiftYears(t, oldYear, meta.year);
        if (shifted !== t) tr.setNodeAttribute(off + 1, "text", shifted);
      });
    }
    if (tr.docChanged) editor.dispatch(tr.setMeta(ALLOW_LOCKED, true).setMeta("addToHistory", false));
  }
  function metaChanged(oldYear = meta.year): void {
    syncGenerated(oldYear);
    renderClosing();
    saver.changed();
    checks.changed();
  }
  issuerIn.addEventListener("input", () => {
    const v = issuerIn.value.trim();
    issuerErr.textContent = v === "" ? "发文机关不能为空。" : v.length > 200 ? "发文机关过长（上限200字）。" : "";
    if (issuerErr.textContent) return;
    meta = { ...meta, issuer: v };
    metaChanged();
  });
  yearIn.addEventListener("input", () => {
    const v = yearIn.value.trim();
    if (!/^\d{4}$/.test(v)) {
      yearErr.textContent = "请用四位阿拉伯数字填写年度，例如2019。";
      return;
    }
    const y = Number(v);
    if (y < 2000 || y > 2100) {
      yearErr.textContent = "年度应在2000至2100年之间。";
      return;
    }
    yearErr.textContent = "";
    if (y === meta.year) return;
    const old = meta.year;
    meta = { ...meta, year: y, title_override: meta.title_override === null ? null : shiftYears(meta.title_override, old, y) };
    if (meta.title_override !== null) titleIn.value = meta.title_override;
    metaChanged(old);
  });
  const bindOptional = (input: HTMLInputElement, key: "title_override" | "addressee" | "doc_number" | "signer" | "signature" | "note" | "copy_to" | "printed_by") =>
    input.addEventListener("input", () => {
      meta = { ...meta, [key]: optional(input.value) };
      metaChanged();
    });
  bindOptional(titleIn, "title_override");
  bindOptional(addresseeIn, "addressee");
  bindOptional(docNumberIn, "doc_number");
  bindOptional(signerIn, "signer");
  bindOptional(signatureIn, "signature");
  bindOptional(noteIn, "note");
  bindOptional(copyToIn, "copy_to");
  bindOptional(printedByIn, "printed_by");
  printedOnIn.addEventListener("input", () => {
    meta = { ...meta, printed_on: printedOnIn.value === "" ? null : printedOnIn.value };
    metaChanged();
  });
  dateIn.addEventListener("input", () => {
    meta = { ...meta, date: dateIn.value === "" ? null : dateIn.value };
    metaChanged();
  });
  styleIn.addEventListener("change", () => {
    meta = { ...meta, settings: { ...meta.settings, heading_style: styleIn.value === "run_in" ? "run_in" : "separate" } };
    metaChanged();
  });

  // ---- find / replace -------------------------------------------------------------
  const findIn = h("input", { type: "search", testid: "find-input", "aria-label": "查找", placeholder: "查找" });
  const replaceIn = h("input", { type: "text", testid: "replace-input", "aria-label": "替换为", placeholder: "替换为" });
  const findCount = h("span", { className: "find-count", testid: "find-count", role: "status" });
  const replaceRow = h("span", { className: "replace-row" }, replaceIn,
    h("button", { type: "button", testid: "replace-one", onclick: () => run((s) => replaceCurrent(s, replaceIn.value)) }, "替换"),
    h("button", { type: "button", testid: "replace-all", onclick: () => {
      const r = replaceAll(editor.state, replaceIn.value);
      if (r) {
        editor.dispatch(r.tr);
        say(`已替换 ${r.count} 处`);
      }
    } }, "全部替换"));
  const findPanel = h("div", { className: "find-panel", testid: "find-panel", hidden: true, role: "search" },
    findIn, findCount,
    h("button", { type: "button", "aria-label": "上一处", onclick: () => run((s) => step(s, -1)) }, "↑"),
    h("button", { type: "button", "aria-label": "下一处", testid: "find-next", onclick: () => run((s) => step(s, 1)) }, "↓"),
    replaceRow,
    h("button", { type: "button", className: "link", onclick: () => closeFind() }, "关闭"));
  function run(make: (s: EditorState) => Transaction | null): void {
    const tr = make(editor.state);
    if (tr) editor.dispatch(tr.setMeta("find-ui", true));
  }
  function syncFindCount(): void {
    if (findPanel.hidden) return;
    const st = findState(editor.state);
    findCount.textContent = st.query === "" ? "" : st.matches.length === 0 ? "无结果" : `第 ${st.current + 1} 处，共 ${st.matches.length} 处`;
  }
  function openFind(withReplace: boolean): void {
    findPanel.hidden = false;
    replaceRow.hidden = !withReplace;
    const sel = editor.state.selection;
    if (!sel.empty) findIn.value = editor.state.doc.textBetween(sel.from, sel.to);
    findIn.focus();
    findIn.select();
    run((s) => setQuery(s, findIn.value));
  }
  function closeFind(): void {
    findPanel.hidden = true;
    run((s) => setQuery(s, ""));
    editor.focus();
  }
  findIn.addEventListener("input", () => run((s) => setQuery(s, findIn.value)));
  findPanel.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") closeFind();
    else if (ev.key === "Enter" && ev.target === findIn) run((s) => step(s, ev.shiftKey ? -1 : 1));
  });

  // ---- toolbar -----------------------------------------------------------------------
  const cmdButton = (label: string, testid: string, cmd: Command, keysHint: string) =>
    h("button", { type: "button", testid, title: `${label}（${keysHint}）`, onclick: () => { cmd(editor.state, editor.dispatch, editor); editor.focus(); } }, label);
  let zoom = 1;
  const zoomLabel = h("span", { className: "zoom-label", testid: "zoom-label" }, "100%");
  const setZoom = (z: number) => {
    zoom = z;
    pageEl.style.setProperty("zoom", String(z));
    zoomLabel.textContent = `${Math.round(z * 100)}%`;
  };
  const zoomBy = (d: 1 | -1) => setZoom(ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(zoom) + d))] ?? 1);
  const metaToggle = h("button", { type: "button", testid: "meta-toggle", "aria-expanded": "false", onclick: () => {
    metaPanel.hidden = !metaPanel.hidden;
    metaToggle.setAttribute("aria-expanded", String(!metaPanel.hidden));
    if (!metaPanel.hidden) issuerIn.focus();
  } }, "报告信息");
  const back = h("button", { type: "button", testid: "back-button", onclick: () => cb.onBack() }, "← 返回列表");
  const del = h("button", { type: "button", className: "danger", testid: "delete-button", onclick: () => cb.onDelete() }, "删除报告");
  // 下一年度报告, 导出, 打印预览, 参考：上年度报告 (export-dialog.ts, preview.ts, reference.ts).
  const fileTools = reportFileTools({ reportId: view.id, flush: () => saver.flush(), document: snapshot,
    open: (id) => cb.onOpen?.(id), onError: (e) => cb.onError(e) });
  const toolbar = h("div", { className: "toolbar editor-toolbar", role: "toolbar", "aria-label": "编辑工具" },
    back,
    h("span", { className: "status-label" }, view.status_label),
    review.group,
    h("span", { className: "group" },
      cmdButton("撤销", "undo-button", undo, "Ctrl+Z"),
      cmdButton("重做", "redo-button", redo, "Ctrl+Y")),
    h("span", { className: "group" },
      cmdButton("新增小节", "add-section", addSection, "Ctrl+Enter"),
      cmdButton("删除小节", "remove-section", removeSection, "Ctrl+Shift+K"),
      cmdButton("上移", "move-up", moveSectionUp, "Alt+Shift+↑"),
      cmdButton("下移", "move-down", moveSectionDown, "Alt+Shift+↓"),
      cmdButton("升级", "promote", promote, "Alt+Shift+←"),
      cmdButton("降级", "demote", demote, "Alt+Shift+→")),
    h("span", { className: "group" },
      h("button", { type: "button", "data-keep": "1", testid: "find-button", title: "查找替换（Ctrl+F / Ctrl+H）", onclick: () => openFind(true) }, "查找替换"),
      h("button", { type: "button", testid: "save-version-button", title: "保存版本（Ctrl+S）", onclick: () => void saveVersionDialog() }, "保存版本"),
      h("button", { type: "button", "data-keep": "1", testid: "revisions-button", title: "查看和恢复已保存的版本", onclick: () => void revisionsDialog() }, "历史版本")),
    h("span", { className: "group" },
      h("button", { type: "button", "data-keep": "1", "aria-label": "缩小", title: "缩小（Ctrl+-）", onclick: () => zoomBy(-1) }, "−"),
      zoomLabel,
      h("button", { type: "button", "data-keep": "1", "aria-label": "放大", title: "放大（Ctrl+=）", onclick: () => zoomBy(1) }, "+")),
    fileTools.group,
    h("span", { className: "spacer" }),
    checks.button,
    metaToggle,
    del,
  );

  const pageEl = h("div", { className: "page" }, pmHost, closingBlock);
  const root = h("section", { className: "report-view", testid: "report-view", "aria-label": documentTitle(meta) },
    toolbar,
    review.bar,
    findPanel,
    h("div", { className: "workspace" }, outline, h("div", { className: "page-scroller" }, pageEl), fileTools.pane, metaPanel, checks.el),
    h("footer", { className: "statusbar" }, saveStatus, hint, h("span", { className: "spacer" }), totalChars),
  );
  root.addEventListener("keydown", (ev) => {
    const mod = ev.ctrlKey || ev.metaKey;
    // A version shown read-only (history.ts) has no find, zoom or save.
    if (!mod || root.dataset.viewing) return;
    const k = ev.key.toLowerCase();
    if (k === "s") {
      ev.preventDefault();
      void saveVersionDialog();
    } else if (k === "f" || k === "h") {
      ev.preventDefault();
      openFind(k === "h");
    } else if (k === "=" || k === "+") {
      ev.preventDefault();
      zoomBy(1);
    } else if (k === "-") {
      ev.preventDefault();
      zoomBy(-1);
    }
  });
  if (locked) {
    for (const el of metaPanel.querySelectorAll("input, select")) (el as HTMLInputElement).disabled = true;
    for (const el of toolbar.querySelectorAll<HTMLButtonElement>(".group button")) if (!el.dataset.keep) el.disabled = true;
    statusText.textContent = `报告处于“${view.status_label}”状态，内容已锁定，只能查看`;
    saveStatus.dataset.state = "locked";
  }
  root.querySelector(".workspace")?.append(review.panel.el);
  host.append(root);
  renderClosing();
  renderOutline();

  // Leaving the window saves at once.
  const onBlur = () => void saver.flush();
  window.addEventListener("blur", onBlur);
  const onHide = () => void saver.flush();
  window.addEventListener("pagehide", onHide);

  // ---- dialogs -------------------------------------------------------------------------
  function modal(testid: string, label: string, ...content: Node[]): HTMLDialogElement {
    const d = h("dialog", { className: "dialog", testid, "aria-label": label }, ...content);
    d.addEventListener("close", () => d.remove());
    document.body.append(d);
    return d;
  }
  async function saveVersionDialog(): Promise<void> {
    if (document.querySelector('[data-testid="save-version-dialog"]')) return;
    const msg = h("input", { type: "text", id: "sv-message", testid: "version-message", placeholder: "例如：讨论稿、提交审阅前" });
    const err = h("p", { className: "field-error", role: "alert" });
    const ok = h("button", { type: "submit", className: "primary", testid: "save-version-confirm" }, "保存版本");
    const cancel = h("button", { type: "button" }, "取消");
    const form = h("form", { method: "dialog" },
      h("h2", {}, "保存版本"),
      h("p", { className: "hint" }, "保存当前内容为一个不可更改的版本，以后可以查看或恢复。"),
      h("div", { className: "field" }, h("label", { for: "sv-message" }, "版本说明（可不填）"), msg),
      err,
      h("div", { className: "dialog-buttons" }, cancel, ok));
    const d = modal("save-version-dialog", "保存版本", form);
    cancel.addEventListener("click", () => d.close());
    d.addEventListener("close", () => editor.focus());
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      ok.disabled = true;
      err.textContent = "";
      try {
        if (!(await saver.flush())) {
          const s = saver.status;
          throw "error" in s ? s.error : { code: "unsaved", message: "当前修改尚未保存，请稍后再试" };
        }
        const rev = await api.saveVersion(view.id, optional(msg.value));
        d.close();
        say(`已保存第 ${rev.revision} 版${rev.message ? `：${rev.message}` : ""}`);
      } catch (e) {
        err.textContent = toApiError(e).message;
        ok.disabled = false;
      }
    });
    d.showModal();
    msg.focus();
  }
  function revisionsDialog(): Promise<void> {
    return versions.openList();
  }
  async function reloadDialog(): Promise<void> {
    const cancel = h("button", { type: "button" }, "取消");
    const ok = h("button", { type: "button", className: "danger", testid: "confirm-reload" }, "放弃并重新打开");
    const d = modal("reload-dialog", "重新打开",
      h("h2", {}, "重新打开报告"),
      h("p", {}, "本窗口中尚未保存的修改将被放弃，改为显示资料库中的最新内容。"),
      h("div", { className: "dialog-buttons" }, cancel, ok));
    cancel.addEventListener("click", () => d.close());
    ok.addEventListener("click", () => {
      d.close();
      dispose();
      cb.onReload();
    });
    d.showModal();
    cancel.focus();
  }
  function leaveDialog(reason: string): Promise<boolean> {
    return new Promise((resolve) => {
      const stay = h("button", { type: "button", className: "primary", testid: "stay-button" }, "留在此处");
      const leave = h("button", { type: "button", className: "danger", testid: "leave-button" }, "放弃修改并离开");
      const d = modal("leave-dialog", "修改尚未保存",
        h("h2", {}, "修改尚未保存"),
        h("p", {}, `${reason}。留在此处可以继续重试保存；离开将丢失尚未保存的修改。`),
        h("div", { className: "dialog-buttons" }, leave, stay));
      let result = false;
      stay.addEventListener("click", () => d.close());
      leave.addEventListener("click", () => {
        result = true;
        d.close();
      });
      d.addEventListener("close", () => resolve(result));
      d.showModal();
      stay.focus();
    });
  }

  function dispose(): void {
    if (disposed) return;
    disposed = true;
    saver.dispose();
    versions.closeViewer();
    checks.dispose();
    review.dispose();
    window.removeEventListener("blur", onBlur);
    window.removeEventListener("pagehide", onHide);
    window.clearTimeout(outlineTimer);
    window.clearTimeout(hintTimer);
    setNotifier(() => {});
    editor.destroy();
    root.remove();
  }

  // Put the caret at the start of the preface, the usual place to begin.
  editor.dispatch(editor.state.tr.setSelection(TextSelection.near(editor.state.doc.resolve(editor.state.doc.child(0).nodeSize + 1))));
  editor.focus();

  return {
    flush: () => saver.flush(),
    async close() {
      if (!(await saver.flush())) {
        const s = saver.status;
        const reason = "error" in s ? `保存失败（${s.error.message}）` : "修改尚未保存";
        if (!(await leaveDialog(reason))) return false;
      }
      dispose();
      return true;
    },
    discard: dispose,
  };
}

/**
 * Inserts a typed character through a transaction instead of letting the browser
 * edit the DOM: Chromium's native insertion in a 100,000-character editable
 * costs ~10 ms per key, the transaction well under 1 ms. Input rules still run.
 * Composition (IME) never comes through here.
 */
function typeDirectly(view: EditorView, event: KeyboardEvent): boolean {
  if (view.composing || event.isComposing || !event.charCode) return false;
  const text = String.fromCharCode(event.charCode);
  if (/[\r\n]/.test(text)) return false;
  const { from, to } = view.state.selection;
  const deflt = () => view.state.tr.insertText(text, from, to).scrollIntoView();
  if (!view.someProp("handleTextInput", (f) => f(view, from, to, text, deflt))) view.dispatch(deflt());
  return true;
}

/** Whether a transaction changed the text of a section heading (the outline shows it). */
function touchesHeading(tr: Transaction): boolean {
  return tr.steps.some((step, i) => {
    const doc = tr.docs[i] ?? tr.before;
    const { from, to } = step as unknown as { from?: number; to?: number };
    if (from === undefined || to === undefined) return true;
    let hit = false;
    doc.nodesBetween(from, Math.max(from, to), (n) => {
      if (n.type === T.sectionHeading) hit = true;
      return !hit && !n.isTextblock;
    });
    // An insertion at a heading's edge: the position's parent.
    return hit || doc.resolve(Math.min(from, doc.content.size)).parent.type === T.sectionHeading;
  });
}
