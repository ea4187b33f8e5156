// 报告信息: the metadata form (发文机关, 年度, 标题, 主送机关, 发文字号, 签发人, 署名,
// 成文日期, 附注, 小标题格式 and the 版记 fields 抄送机关/印发机关/印发日期) with its
// toolbar toggle. It holds the current metadata and reports each valid change;
// `syncGenerated` puts the editor's generated title and year-bearing part
// headings in line with it.
import type { EditorView } from "prosemirror-view";
import { h } from "../dom";
import { addresseeText, type Meta } from "../editor/convert";
import { ALLOW_LOCKED } from "../editor/plugins";
import { T } from "../editor/schema";
import { documentTitle, isoToOfficial, shiftYears } from "../model";

export interface MetadataPanelOptions {
  meta: Meta;
  /** A report past review: every field disabled. */
  locked: boolean;
  /** A field changed `meta` (already the panel's); `oldYear` is the year before it. */
  onChange(meta: Meta, oldYear: number): void;
}

type OptionalKey = "title_override" | "addressee" | "doc_number" | "signer" | "signature" | "note" | "copy_to" | "printed_by";

/** A trimmed value, null when blank. */
export const optional = (s: string): string | null => (s.trim() === "" ? null : s.trim());

const field = (label: string, input: HTMLElement, help?: HTMLElement) =>
  h("div", { className: "field" }, h("label", { for: input.id }, label), input, help);
const text = (id: string, testid: string, value: string | null, placeholder = "") =>
  h("input", { id, type: "text", testid, value: value ?? "", placeholder, autocomplete: "off" });

export class MetadataPanel {
  readonly el: HTMLElement;
  /** 报告信息 in the toolbar: shows and hides the panel. */
  readonly toggle: HTMLButtonElement;
  private current: Meta;
  private readonly issuerIn: HTMLInputElement;
  private readonly dateShown = h("p", { className: "hint", testid: "meta-date-official" });
  private readonly printedOnShown = h("p", { className: "hint", testid: "meta-printed-on-official" });

  constructor(private readonly o: MetadataPanelOptions) {
    const meta = (this.current = o.meta);
    this.issuerIn = text("m-issuer", "meta-issuer", meta.issuer);
    const issuerErr = h("p", { className: "field-error", role: "alert" });
    const yearIn = h("input", { id: "m-year", type: "text", inputmode: "numeric", maxlength: 4, testid: "meta-year", value: String(meta.year) });
    const yearErr = h("p", { className: "field-error", role: "alert", testid: "meta-year-error" });
    const titleIn = text("m-title", "meta-title", meta.title_override, "留空则按发文机关和年度生成");
    const dateIn = h("input", { id: "m-date", type: "date", testid: "meta-date", value: meta.date ?? "" });
    const printedOnIn = h("input", { id: "m-printedon", type: "date", testid: "meta-printed-on", value: meta.printed_on ?? "" });
    const styleIn = h("select", { id: "m-style", testid: "meta-heading-style" },
      h("option", { value: "separate" }, "小标题单独成行"), h("option", { value: "run_in" }, "小标题与正文接排"));
    styleIn.value = meta.settings.heading_style;
    const opt = (id: string, testid: string, key: OptionalKey, placeholder?: string) => {
      const input = text(id, testid, meta[key], placeholder);
      input.addEventListener("input", () => this.set({ [key]: optional(input.value) }));
      return input;
    };
    this.el = h("aside", { className: "meta-panel", testid: "meta-panel", "aria-label": "报告信息", hidden: true },
      h("h2", {}, "报告信息"),
      field("发文机关", this.issuerIn, issuerErr),
      field("报告年度", yearIn, yearErr),
      field("标题", titleIn),
      field("主送机关", opt("m-addressee", "meta-addressee", "addressee", "例如：通化市人民政府")),
      field("发文字号", opt("m-docnumber", "meta-docnumber", "doc_number", "例如：梅政发〔2020〕1号")),
      field("签发人", opt("m-signer", "meta-signer", "signer")),
      field("署名", opt("m-signature", "meta-signature", "signature", "留空则用发文机关")),
      field("成文日期", dateIn, this.dateShown),
      field("附注", opt("m-note", "meta-note", "note", "例如：此件公开发布")),
      field("小标题格式", styleIn),
      // 版记 (GB/T 9704): printed on the last page of the 报送版 only.
      h("fieldset", { className: "banji-fields", testid: "meta-banji" },
        h("legend", {}, "版记（报送版）"),
        h("p", { className: "hint" }, "印在报送版末页；公开版不印版记。"),
        field("抄送机关", opt("m-copyto", "meta-copy-to", "copy_to", "例如：市委办公室，市人大常委会办公室")),
        field("印发机关", opt("m-printedby", "meta-printed-by", "printed_by", "例如：梅河口市人民政府办公室")),
        field("印发日期", printedOnIn, this.printedOnShown)),
    );
    this.toggle = h("button", { type: "button", testid: "meta-toggle", "aria-expanded": "false", onclick: () => {
      this.el.hidden = !this.el.hidden;
      this.toggle.setAttribute("aria-expanded", String(!this.el.hidden));
      if (!this.el.hidden) this.issuerIn.focus();
    } }, "报告信息");

    this.issuerIn.addEventListener("input", () => {
      const v = this.issuerIn.value.trim();
      issuerErr.textContent = v === "" ? "发文机关不能为空。" : v.length > 200 ? "发文机关过长（上限200字）。" : "";
      if (issuerErr.textContent) return;
      this.set({ issuer: v });
    });
    yearIn.addEventListener("input", () => {
      const v = yearIn.value.trim();
      const y = Number(v);
      yearErr.textContent = !/^\d{4}$/.test(v) ? "请用四位阿拉伯数字填写年度，例如2019。" : y < 2000 || y > 2100 ? "年度应在2000至2100年之间。" : "";
      if (yearErr.textContent || y === this.current.year) return;
      const old = this.current.year;
      const t = this.current.title_override;
      const title_override = t === null ? null : shiftYears(t, old, y);
      if (title_override !== null) titleIn.value = title_override;
      this.set({ year: y, title_override });
    });
    titleIn.addEventListener("input", () => this.set({ title_override: optional(titleIn.value) }));
    dateIn.addEventListener("input", () => this.set({ date: dateIn.value === "" ? null : dateIn.value }));
    printedOnIn.addEventListener("input", () => this.set({ printed_on: printedOnIn.value === "" ? null : printedOnIn.value }));
    styleIn.addEventListener("change", () =>
      this.set({ settings: { ...this.current.settings, heading_style: styleIn.value === "run_in" ? "run_in" : "separate" } }));
    if (o.locked) for (const el of this.el.querySelectorAll("input, select")) (el as HTMLInputElement).disabled = true;
    this.renderDates();
  }

  get meta(): Meta {
    return this.current;
  }

  show(): void {
    this.el.hidden = false;
    this.toggle.setAttribute("aria-expanded", "true");
  }

  private set(change: Partial<Meta>): void {
    const oldYear = this.current.year;
    this.current = { ...this.current, ...change };
    this.renderDates();
    this.o.onChange(this.current, oldYear);
  }

  /** The dates as the documents print them, under their fields. */
  private renderDates(): void {
    const date = this.current.date ? isoToOfficial(this.current.date) : null;
    this.dateShown.textContent = date ? `公文中显示为：${date}` : "";
    const printedOn = this.current.printed_on ? isoToOfficial(this.current.printed_on) : null;
    this.printedOnShown.textContent = printedOn ? `版记中显示为：${printedOn}印发` : "";
  }
}

/** Puts the generated title/addressee and year-bearing headings in line with `meta`. */
export function syncGenerated(editor: EditorView, meta: Meta, oldYear: number): void {
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
