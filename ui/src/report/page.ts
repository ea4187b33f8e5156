// The page: the editor's host, the signature block under it (署名, 成文日期, 附注
// and the 版记 as the 报送版 prints them) and the page zoom.
import { clear, h } from "../dom";
import type { Meta } from "../editor/convert";
import { isoToOfficial } from "../model";

export class Page {
  readonly el: HTMLElement;
  /** Where the ProseMirror view mounts. */
  readonly editorHost = h("div", { className: "editor-host" });
  private readonly closing = h("div", { className: "closing-block", testid: "signature-block" });

  constructor() {
    this.el = h("div", { className: "page" }, this.editorHost, this.closing);
  }

  /** Redraws what the page shows of the metadata: the closing block and the heading style. */
  render(meta: Meta): void {
    const closing = this.closing;
    clear(closing);
    const sig = meta.signature && meta.signature.trim() !== "" ? meta.signature : meta.issuer;
    const date = meta.date ? isoToOfficial(meta.date) : null;
    closing.append(h("p", { className: "signature" }, sig), h("p", { className: "date" }, date ?? "（成文日期）"));
    if (meta.note) closing.append(h("p", { className: "note" }, `（${meta.note.replace(/^[（(]|[）)]$/g, "")}）`));
    const printedOn = meta.printed_on ? isoToOfficial(meta.printed_on) : null;
    if (meta.copy_to || meta.printed_by || printedOn) {
      closing.append(h("div", { className: "banji", testid: "banji", "aria-label": "版记（报送版）", title: "版记：只印在报送版末页" },
        meta.copy_to ? h("p", { className: "copy-to" }, `抄送：${meta.copy_to.replace(/[。.]$/, "")}。`) : null,
        meta.printed_by || printedOn ? h("p", { className: "printed" }, h("span", {}, meta.printed_by ?? ""), h("span", {}, printedOn ? `${printedOn}印发` : "")) : null));
    }
    this.el.classList.toggle("run-in", meta.settings.heading_style === "run_in");
  }
}

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
