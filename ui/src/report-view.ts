// A report opened: its structure, read-only for now (the editor replaces the body).
import type { ApiError } from "./api";
import type { Paragraph } from "./bindings/Paragraph";
import type { ReportView } from "./bindings/ReportView";
import type { Section } from "./bindings/Section";
import { h } from "./dom";
import { documentTitle, numberPrefix } from "./model";

export interface OpenReport {
  /** Flushes pending work; false when the user chose to stay. */
  close(): Promise<boolean>;
  /** Drops the view without saving (the report was deleted). */
  discard(): void;
}

export interface ReportCallbacks {
  onBack(): void;
  onDelete(): void;
  onError(e: ApiError | null): void;
}

function paragraphs(ps: Paragraph[]): HTMLElement[] {
  return ps.map((p) => h("p", { className: "para", "data-id": p.id }, p.text));
}

function section(s: Section, level: number, index: number): HTMLElement {
  return h("section", { className: `sec level-${level}`, "data-id": s.id },
    h(level === 2 ? "h4" : "h5", { className: `heading level-${level}`, testid: "section-heading" },
      h("span", { className: "num" }, numberPrefix(level, index)), s.heading),
    paragraphs(s.paragraphs),
    s.sections.map((c, i) => section(c, level + 1, i)),
  );
}

export function openReport(host: HTMLElement, view: ReportView, cb: ReportCallbacks): OpenReport {
  const back = h("button", { type: "button", testid: "back-button", onclick: () => cb.onBack() }, "← 返回列表");
  const del = h("button", { type: "button", className: "danger", testid: "delete-button", onclick: () => cb.onDelete() }, "删除报告");
  const page = h("article", { className: "page" },
    h("h2", { className: "doc-title", testid: "doc-title" }, documentTitle(view)),
    paragraphs(view.preface),
    view.parts.map((p, i) =>
      h("section", { className: "part", "data-id": p.id, "data-role": p.role },
        h("h3", { className: "heading level-1", testid: "part-heading" },
          h("span", { className: "num" }, numberPrefix(1, i)), p.heading),
        paragraphs(p.paragraphs),
        p.sections.map((s, j) => section(s, 2, j)),
      ),
    ),
    paragraphs(view.closing),
  );
  const root = h("section", { className: "report-view", testid: "report-view", "aria-label": documentTitle(view) },
    h("div", { className: "toolbar" }, back, h("span", { className: "status-label" }, view.status_label), h("span", { className: "spacer" }), del),
    h("div", { className: "page-scroller" }, page),
  );
  host.append(root);
  back.focus();
  return {
    close: async () => true,
    discard: () => root.remove(),
  };
}
