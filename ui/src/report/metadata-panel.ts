// 报告信息: the metadata form (发文机关, 年度, 标题, 主送机关, 发文字号, 签发人, 署名,
// 成文日期, 附注, 小标题格式, the 版头 fields 发文机关标志/份号/密级/紧急程度/加盖印章,
// the 版记 fields 抄送机关/印发机关/印发日期) with its toolbar toggle; the 附件 are
// edited in the page, after the closing (editor/attachments.ts).
// It holds the current metadata and reports each valid change: a field the core
// refuses (asked through `check_field`, the core's own rule) shows its reason beside
// it and is not passed on, so the rest of the report keeps saving. Dates are typed
// as people write them (`parse_date`) and shown 2020年3月13日, with a calendar.
// `syncGenerated` puts the editor's generated title and year-bearing part headings
// in line with it.
import type { EditorView } from "prosemirror-view";
import { api, toApiError } from "../api";
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

type OptionalKey = "title_override" | "addressee" | "doc_number" | "signer" | "signature" | "note" | "copy_to" | "printed_by"
  | "issuer_mark" | "copy_number" | "secrecy" | "urgency";
type DateKey = "date" | "printed_on";

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
    const dateIn = this.dateField("m-date", "meta-date", "date");
    const printedOnIn = this.dateField("m-printedon", "meta-printed-on", "printed_on");
    const styleIn = h("select", { id: "m-style", testid: "meta-heading-style" },
      h("option", { value: "separate" }, "小标题单独成行"), h("option", { value: "run_in" }, "小标题与正文接排"));
    styleIn.value = meta.settings.heading_style;
    // Each field is checked by the core where it is typed; a refused value stays in
    // the field with its reason and is not passed on (the rest keeps saving).
    const opt = (id: string, testid: string, key: OptionalKey, placeholder?: string) => {
      const input = text(id, testid, meta[key] ?? null, placeholder);
      const err = h("p", { className: "field-error", role: "alert", testid: `${testid}-error` });
      let seq = 0;
      input.addEventListener("input", async () => {
        const mine = ++seq;
        const value = input.value;
        const why = await api.checkField(key, value.trim()).catch((e) => toApiError(e).message);
        if (mine !== seq) return;
        err.textContent = why ?? "";
        input.setAttribute("aria-invalid", String(why !== null));
        if (why === null) this.set({ [key]: optional(value) });
      });
      return h("div", { className: "field-input" }, input, err);
    };
    const urgencyIn = h("select", { id: "m-urgency", testid: "meta-urgency" },
      h("option", { value: "" }, "（无）"), h("option", { value: "特急" }, "特急"), h("option", { value: "加急" }, "加急"));
    urgencyIn.value = meta.urgency ?? "";
    urgencyIn.addEventListener("change", () => this.set({ urgency: optional(urgencyIn.value) }));
    const sealedIn = h("input", { id: "m-sealed", type: "checkbox", testid: "meta-sealed" });
    sealedIn.checked = meta.sealed ?? true;
    sealedIn.addEventListener("change", () => this.set({ sealed: sealedIn.checked }));
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
      field("附注", opt("m-note", "meta-note", "note", "例如：（联系人：张三，电话：0435-1234567）")),
      field("小标题格式", styleIn),
      // 版头 (GB/T 9704 7.2): printed at the top of the 报送版's first page.
      h("fieldset", { className: "banji-fields", testid: "meta-masthead" },
        h("legend", {}, "版头（报送版）"),
        field("发文机关标志", opt("m-mark", "meta-issuer-mark", "issuer_mark", "留空则用发文机关，如：梅河口市人民政府文件")),
        field("份号", opt("m-copynumber", "meta-copy-number", "copy_number", "6位数字，如 000001")),
        field("密级和保密期限", opt("m-secrecy", "meta-secrecy", "secrecy", "如：秘密★1年")),
        field("紧急程度", urgencyIn),
        h("div", { className: "field" }, h("label", { for: "m-sealed" }, sealedIn, " 加盖印章（署名居中于成文日期之上，右空四字）"))),
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
    styleIn.addEventListener("change", () =>
      this.set({ settings: { ...this.current.settings, heading_style: styleIn.value === "run_in" ? "run_in" : "separate" } }));
    if (o.locked) for (const el of this.el.querySelectorAll("input, select, textarea, button")) (el as HTMLInputElement).disabled = true;
    this.renderDates();
  }


  /** A 成文日期-style field: typed as people write dates, checked by the core
   * (`parse_date`), shown 2020年3月13日, with a calendar to pick from. */
  private dateField(id: string, testid: string, key: DateKey): HTMLElement {
    const iso = this.o.meta[key];
    const input = h("input", { id, type: "text", testid, autocomplete: "off", inputmode: "text",
      placeholder: "如 2020年3月13日", value: iso ? isoToOfficial(iso) ?? iso : "" });
    const err = h("p", { className: "field-error", role: "alert", testid: `${testid}-error` });
    const cal = h("div", { className: "date-calendar", testid: `${testid}-calendar`, hidden: true });
    const accept = async (typed: string, show: boolean) => {
      if (typed.trim() === "") {
        err.textContent = "";
        this.set({ [key]: null });
        return;
      }
      try {
        const v = await api.parseDate(typed);
        err.textContent = "";
        input.setAttribute("aria-invalid", "false");
        if (show) input.value = isoToOfficial(v) ?? v;
        this.set({ [key]: v });
      } catch (e) {
        err.textContent = toApiError(e).message;
        input.setAttribute("aria-invalid", "true");
      }
    };
    input.addEventListener("input", () => void accept(input.value, false));
    input.addEventListener("change", () => void accept(input.value, true));
    const open = h("button", { type: "button", className: "date-pick", testid: `${testid}-pick`, "aria-label": "选择日期",
      onclick: () => {
        cal.hidden = !cal.hidden;
        if (!cal.hidden) this.drawCalendar(cal, this.current[key] ?? null, (picked) => {
          cal.hidden = true;
          input.value = picked;
          void accept(picked, true);
        });
      } }, "日历");
    return h("div", { className: "field-input date-field" }, h("div", { className: "date-row" }, input, open), err, cal);
  }

  /** A month of days; picking one hands back its date in the official form. */
  private drawCalendar(cal: HTMLElement, iso: string | null, pick: (official: string) => void): void {
    const now = new Date();
    const m = iso?.match(/^(\d{4})-(\d{2})-(\d{2})$/);
    let year = m ? Number(m[1]) : now.getFullYear();
    let month = m ? Number(m[2]) : now.getMonth() + 1;
    const draw = () => {
      cal.replaceChildren();
      const days = new Date(year, month, 0).getDate();
      const first = new Date(year, month - 1, 1).getDay();
      const step = (d: number) => () => {
        month += d;
        if (month < 1) { month = 12; year -= 1; }
        if (month > 12) { month = 1; year += 1; }
        draw();
      };
      cal.append(h("div", { className: "cal-head" },
        h("button", { type: "button", testid: "cal-prev", onclick: step(-1), "aria-label": "上个月" }, "‹"),
        h("span", { testid: "cal-month" }, `${year}年${month}月`),
        h("button", { type: "button", testid: "cal-next", onclick: step(1), "aria-label": "下个月" }, "›")));
      const grid = h("div", { className: "cal-grid" }, ...["日", "一", "二", "三", "四", "五", "六"].map((d) => h("span", { className: "cal-dow" }, d)));
      for (let i = 0; i < first; i++) grid.append(h("span", {}));
      for (let d = 1; d <= days; d++) {
        grid.append(h("button", { type: "button", className: "cal-day", testid: "cal-day", "data-day": d,
          onclick: () => pick(`${year}年${month}月${d}日`) }, String(d)));
      }
      cal.append(grid);
    };
    draw();
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
