// The page: the editor's host, the blocks around the text (附件说明, 署名, 成文日期,
// 附注 and the 版记 as the 报送版 prints them) and the page zoom. What those blocks
// say and where the signature and date stand come from the layout model
// (`page_view`), the same decisions the DOCX and the PDF are made from; so does
// the stop after each run-in heading (editor/run-in.ts) and the lines of each 附件's
// title (line-break widgets at the layout's break points).
import type { Node as PMNode } from "prosemirror-model";
import type { EditorState, Transaction } from "prosemirror-state";
import { Decoration, DecorationSet, type EditorView } from "prosemirror-view";
import { api } from "../api";
import type { Document } from "../bindings/Document";
import type { PageView } from "../bindings/PageView";
import { clear, h } from "../dom";
import { fromPM, type Meta } from "../editor/convert";
import { ALLOW_LOCKED, structural } from "../editor/plugins";
import { setRunInStops } from "../editor/run-in";
import { T } from "../editor/schema";
import { touchesHeading } from "./outline";

/** The page whose editor host is `host` (the report editor finds its page by it). */
const pages = new WeakMap<HTMLElement, Page>();
export const pageOf = (host: HTMLElement): Page | undefined => pages.get(host);

/** How long the page waits after an edit of a heading or the structure before asking the model again. */
const EDIT_DELAY_MS = 250;

export class Page {
  readonly el: HTMLElement;
  /** Where the ProseMirror view mounts. */
  readonly editorHost = h("div", { className: "editor-host" });
  // 附件说明, 署名, 成文日期 and 附注 stand between the closing and the 附件 (a widget
  // in the editor); the 版记 after the 附件, at the very end.
  private readonly closing = h("div", { className: "closing-block", testid: "signature-block", contenteditable: "false" });
  private readonly end = h("div", { className: "closing-block banji-slot" });
  private seq = 0;
  private meta: Meta | null = null;
  private view: EditorView | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** 附件 id → its title's lines, as the layout model breaks them. */
  private attachmentLines = new Map<string, string[]>();

  /**
   * The title on the lines the layout model breaks it into (the PDF's and the
   * DOCX's), not wherever the page's width falls. The title is an atom of the
   * editor without editable content: ProseMirror leaves its inner DOM alone until
   * it redraws the node, after which the next `render` breaks it again.
   */
  breakTitle(lines: string[]): void {
    const el = this.editorHost.querySelector<HTMLElement>(".doc-title");
    if (!el || lines.length === 0 || squeeze(el.textContent ?? "") !== squeeze(lines.join(""))) return;
    if (el.dataset.lines === lines.join("\n")) return;
    el.replaceChildren(...lines.flatMap((l, i) => (i === 0 ? [l] : [h("br"), l])));
    el.dataset.lines = lines.join("\n");
  }

  constructor() {
    this.el = h("div", { className: "page" }, this.editorHost, this.closing, this.end);
    pages.set(this.editorHost, this);
  }

  /** The editor on this page: its headings get the model's run-in stops. */
  attach(view: EditorView): void {
    this.view = view;
    const closing = this.closing;
    view.setProps({
      decorations: (state: EditorState) =>
        DecorationSet.create(state.doc, [signatureWidget(state.doc, closing), ...attachmentTitleBreaks(state.doc, this.attachmentLines)]),
    });
    if (this.meta) this.render(this.meta);
  }

  /** After an applied transaction: a heading or the structure changed asks the model again. */
  edited(tr: Transaction): void {
    if (!this.meta || !tr.docChanged || !(structural(tr) || tr.getMeta(ALLOW_LOCKED) || touchesHeading(tr))) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.meta) this.render(this.meta);
    }, EDIT_DELAY_MS);
  }

  /** Redraws what the page shows of the metadata: the closing block and the heading style. */
  render(meta: Meta): void {
    this.meta = meta;
    this.el.classList.toggle("run-in", meta.settings.heading_style === "run_in");
    const mine = ++this.seq;
    const view = this.view;
    // The whole document once the editor is there: the run-in stops are the body's.
    let doc: Document = { ...meta, preface: [], parts: [], closing: [] };
    if (view) doc = fromPM(view.state.doc, meta);
    void api
      .pageView(doc, "filing")
      .then((v) => {
        if (mine !== this.seq) return;
        this.draw(v);
        this.breakAttachmentTitles(v.attachments.map((a) => [a.id, a.titleLines]));
        if (view && !view.isDestroyed) setRunInStops(view, v.runIn);
      })
      .catch(() => {
        // The page keeps what it shows; the save reports a refused document.
      });
  }

  /** Each 附件 title on the layout's lines: the page's decorations are drawn again when they changed. */
  private breakAttachmentTitles(list: [string, string[]][]): void {
    const next = new Map(list);
    const old = this.attachmentLines;
    if (old.size === next.size && [...next].every(([k, v]) => old.get(k)?.join("\n") === v.join("\n"))) return;
    this.attachmentLines = next;
    const view = this.view;
    if (view && !view.isDestroyed) view.setProps({});
  }

  private draw(v: PageView): void {
    this.breakTitle(v.titleLines);
    const closing = this.closing;
    clear(closing);
    for (const line of v.attachmentNote) {
      closing.append(h("p", { className: "attachment-note", testid: "attachment-note" }, line));
    }
    // Right edges where the layout puts them, in characters from the block's edge.
    closing.style.paddingRight = "0";
    const at = (p: HTMLElement, em: number) => {
      p.style.paddingRight = `${em}em`;
      return p;
    };
    // Joint issuers sign one a line, each where the layout puts it.
    const lines = v.issuerLines.length > 0 ? v.issuerLines : [{ text: v.issuer, rightEm: v.issuerRightEm }];
    closing.append(
      ...lines.map((l) => at(h("p", { className: "signature" }, l.text), l.rightEm)),
      at(h("p", { className: "date" }, v.date ?? "（成文日期）"), v.dateRightEm),
    );
    if (v.note) closing.append(h("p", { className: "note" }, v.note));
    clear(this.end);
    if (v.imprint.length > 0) {
      const [copyTo, ...printed] = v.imprint;
      const isCopy = copyTo.startsWith("抄送：");
      const rest = isCopy ? printed : v.imprint;
      const banji = h("div", { className: "banji", testid: "banji", "aria-label": "版记（报送版）", title: "版记：只印在报送版末页" },
        isCopy ? h("p", { className: "copy-to" }, copyTo) : null,
        rest.length > 0 ? h("p", { className: "printed" }, ...rest.map((t) => h("span", {}, t))) : null);
      banji.style.marginRight = "0";
      this.end.append(banji);
    }
  }
}

/** The signature block right after the closing: before the 附件, as printed. */
function signatureWidget(doc: PMNode, el: HTMLElement): Decoration {
  let at = doc.content.size;
  doc.forEach((n, off) => {
    if (n.type === T.closing) at = off + n.nodeSize;
  });
  return Decoration.widget(at, el, { key: "signature-block", side: -1, ignoreSelection: true, stopEvent: () => true });
}

/** What the layout leaves off an 附件 title's end (fazhi-layout `attachment_title`). */
const TITLE_END = /^[。，；：.,;:、]*$/;

/**
 * [official #16] A line break in each 附件 title where the layout model breaks it
 * (`page_view`'s `attachments`, the DOCX's and the PDF's lines), so the browser
 * never breaks it elsewhere. Only while the title's text is the one the lines were
 * made of: after an edit the title wraps freely until the model's new lines come.
 */
function attachmentTitleBreaks(doc: PMNode, lines: Map<string, string[]>): Decoration[] {
  if (lines.size === 0) return [];
  const out: Decoration[] = [];
  doc.forEach((n, off) => {
    const title = n.type === T.attachment ? n.firstChild : null;
    const ls = lines.get(n.attrs.id as string);
    if (!title || title.type !== T.attachmentTitle || !ls || ls.length < 2) return;
    const text = squeeze(title.textContent);
    const joined = squeeze(ls.join(""));
    if (!text.startsWith(joined) || !TITLE_END.test(text.slice(joined.length))) return;
    // The break points as counts of non-space characters, then their positions.
    let count = 0;
    const stops = ls.slice(0, -1).map((l) => (count += squeeze(l).length));
    let seen = 0;
    let k = 0;
    title.descendants((t, pos) => {
      if (!t.isText || k >= stops.length) return k < stops.length;
      const s = t.text ?? "";
      for (let i = 0; i < s.length && k < stops.length; i++) {
        if (/\s/.test(s[i])) continue;
        if (++seen === stops[k]) {
          const at = off + 2 + pos + i + 1;
          out.push(Decoration.widget(at, titleBreak, { key: `attachment-title-break:${k}`, side: 1, marks: [], ignoreSelection: true }));
          k++;
        }
      }
      return false;
    });
  });
  return out;
}

/** A line break inside a span: the title's "empty title" placeholder looks for a `<br>` child. */
const titleBreak = (): HTMLElement => h("span", { className: "attachment-title-break" }, h("br"));

/** Whitespace aside, the text of `s`. */
const squeeze = (s: string): string => s.replace(/\s/g, "");

const ZOOMS = [0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];

/** The page's zoom steps and their label (缩小 − 100% + 放大, Ctrl+- / Ctrl+=). */
export class Zoom {
  readonly label = h("span", { className: "zoom-label", testid: "zoom-label" }, "100%");
  private zoom = 1;

  constructor(private readonly target: HTMLElement) {}

  by(d: 1 | -1): void {
    this.set(ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(this.zoom) + d))] ?? 1);
  }

  private set(z: number): void {
    this.zoom = z;
    this.target.style.setProperty("zoom", String(z));
    this.label.textContent = `${Math.round(z * 100)}%`;
  }
}
