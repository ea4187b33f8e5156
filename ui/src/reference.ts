// 参考：上年度报告 — in a report made by 下一年度报告, last year's text shown
// read-only beside the editor. The pane and its toggle appear only when the
// backend knows the source report (reference_report) and it still exists.
import { api, toApiError } from "./api";
import type { Paragraph } from "./bindings/Paragraph";
import type { ReportView } from "./bindings/ReportView";
import type { Section } from "./bindings/Section";
import { clear, h } from "./dom";
import { numberPrefix } from "./model";

/** Renders a report as read-only text (title, preface, numbered parts and sections, closing). */
export function renderReadOnly(v: ReportView): HTMLElement {
  const paras = (ps: Paragraph[]) =>
    ps.filter((p) => p.text.trim() !== "").map((p) => h("p", { className: "ref-para" }, p.text));
  const sections = (ss: Section[], level: number): HTMLElement[] =>
    ss.map((s, i) =>
      h("div", { className: "ref-section" },
        h("p", { className: `ref-heading ref-h${level}` }, `${numberPrefix(level, i)}${s.heading}`),
        paras(s.paragraphs),
        sections(s.sections, level + 1)));
  return h("article", { className: "ref-doc", lang: "zh-CN" },
    h("h3", { className: "ref-title" }, v.title),
    paras(v.preface),
    v.parts.map((p, i) =>
      h("div", { className: "ref-part" },
        h("p", { className: "ref-heading ref-h1" }, `${numberPrefix(1, i)}${p.heading}`),
        paras(p.paragraphs),
        sections(p.sections, 2))),
    paras(v.closing),
    v.signature ? h("p", { className: "ref-sign" }, v.signature) : null,
  );
}

export interface ReferencePane {
  /** 参考：上年度报告 toggle (hidden until a source report is found). */
  toggle: HTMLButtonElement;
  /** The pane to place beside the page (hidden until toggled on). */
  pane: HTMLElement;
}

/** Toggle and pane for `reportId`; looks the source up in the background. */
export function referencePane(reportId: string): ReferencePane {
  const body = h("div", { className: "ref-body", testid: "reference-body", tabindex: 0 });
  const close = h("button", { type: "button", className: "link", "aria-label": "关闭参考" }, "关闭");
  const pane = h("aside", { className: "reference-pane", testid: "reference-pane", "aria-label": "参考：上年度报告", hidden: true },
    h("div", { className: "ref-header" }, h("strong", {}, "参考：上年度报告"), h("span", { className: "hint" }, "（只读）"),
      h("span", { className: "spacer" }), close),
    body);
  const toggle = h("button", { type: "button", "data-keep": "1", testid: "reference-toggle", "aria-pressed": "false",
    title: "在编辑器旁显示上年度报告的原文（只读）", hidden: true }, "参考：上年度报告");
  const set = (on: boolean) => {
    pane.hidden = !on;
    toggle.setAttribute("aria-pressed", String(on));
  };
  toggle.addEventListener("click", () => set(pane.hidden));
  close.addEventListener("click", () => {
    set(false);
    toggle.focus();
  });
  void (async () => {
    try {
      const source = await api.referenceReport(reportId);
      if (!source) return;
      clear(body);
      body.append(renderReadOnly(source));
      toggle.hidden = false;
      // A report just made from last year's opens with the reference shown.
      set(true);
    } catch (e) {
      body.append(h("p", { className: "field-error", role: "alert" }, toApiError(e).message));
    }
  })();
  return { toggle, pane };
}
