// 导入 preview: what the importer recognised in the file (structure, encoding,
// removed page chrome, uncertain items), with the issuer and year for the user to
// confirm or correct. 确认导入 stores it; 取消 writes nothing.
import { api, toApiError } from "./api";
import type { ImportPreview } from "./bindings/ImportPreview";
import type { ImportResult } from "./bindings/ImportResult";
import type { ReportView } from "./bindings/ReportView";
import type { Role } from "./bindings/Role";
import type { Section } from "./bindings/Section";
import { h } from "./dom";
import { documentTitle, numberPrefix } from "./model";

const FORMAT_LABEL: Record<ImportResult["format"], string> = {
  text: "纯文本",
  html: "网页",
  docx: "Word 文档（DOCX）",
};

const ROLE_LABEL: Record<Role, string> = {
  measures: "主要举措和成效",
  shortcomings: "存在的不足和原因",
  leadership: "第一责任人履职情况",
  plans: "下一年度主要安排",
  other: "其他需要报告的情况",
};

/** Checks the issuer and year as the 新建报告 dialog does; messages in Chinese. */
export function checkIssuerYear(issuer: string, year: string): { issuer?: string; year?: string } {
  const errors: { issuer?: string; year?: string } = {};
  const iss = issuer.trim();
  if (iss === "") errors.issuer = "请填写发文机关，例如“梅河口市人民政府”。";
  else if (iss.length > 200) errors.issuer = "发文机关过长（上限200字）。";
  const y = year.trim();
  if (!/^\d{4}$/.test(y)) errors.year = "请用四位阿拉伯数字填写年度，例如2019。";
  else if (Number(y) < 2000 || Number(y) > 2100) errors.year = "年度应在2000至2100年之间。";
  return errors;
}

const sourceHint = (s: ImportResult["issuer_source"], what: string): string =>
  s === "inferred" ? `由文件内容推断的${what}，请核对。` : s === "missing" ? `文件中没有找到${what}，请填写。` : "";

/**
 * Shows the preview; resolves with the stored report after 确认导入, or null
 * when the user cancelled (nothing written).
 */
export function importDialog(preview: ImportPreview): Promise<ReportView | null> {
  // One preview at a time: a new one (a second drop) replaces the old, whose
  // pending file the backend has already replaced too.
  document.querySelector<HTMLDialogElement>('[data-testid="import-dialog"]')?.close();
  const r = preview.result;
  const doc = r.document;
  const uncertainIds = new Set(r.uncertain.map((u) => u.node_id).filter((x): x is string => x !== null));
  const mark = (id: string | null) => (id && uncertainIds.has(id) ? " uncertain" : "");

  const issuer = h("input", { id: "imp-issuer", type: "text", testid: "import-issuer", autocomplete: "off", value: r.issuer,
    placeholder: "例如：梅河口市人民政府", "aria-describedby": "imp-issuer-hint imp-issuer-err" });
  const year = h("input", { id: "imp-year", type: "text", inputmode: "numeric", maxlength: 4, testid: "import-year",
    value: r.year > 0 ? String(r.year) : "", "aria-describedby": "imp-year-hint imp-year-err" });
  const issuerErr = h("p", { className: "field-error", id: "imp-issuer-err", role: "alert" });
  const yearErr = h("p", { className: "field-error", id: "imp-year-err", role: "alert" });
  const formErr = h("p", { className: "field-error", role: "alert", testid: "import-error" });
  const ok = h("button", { type: "submit", className: "primary", testid: "import-confirm" }, "确认导入");
  const cancel = h("button", { type: "button", testid: "import-cancel" }, "取消");

  const title = r.recognised.find((x) => x.kind === "title")?.text ?? null;
  const closing = r.recognised.filter((x) => x.kind === "signature" || x.kind === "date" || x.kind === "closing");
  const sectionItems = (sections: Section[], level: number): HTMLElement | null =>
    sections.length === 0
      ? null
      : h("ul", { className: "imp-sections" },
          sections.map((s, i) =>
            h("li", { className: `imp-section${mark(s.id)}`, testid: "import-section", "data-level": level },
              `${numberPrefix(level, i)}${s.heading}`,
              sectionItems(s.sections, level + 1))));

  const structure = h("div", { className: "imp-structure", testid: "import-structure" },
    h("p", { testid: "import-title" }, h("span", { className: "imp-label" }, "标题："),
      title ?? h("span", { className: "muted" }, `未识别（将使用“${documentTitle(doc)}”）`)),
    h("p", { testid: "import-preface" }, h("span", { className: "imp-label" }, "导语："),
      doc.preface.filter((p) => p.text.trim() !== "").length > 0
        ? `${doc.preface.filter((p) => p.text.trim() !== "").length}段`
        : h("span", { className: "muted" }, "无")),
    h("ol", { className: "imp-parts" },
      doc.parts.map((p, i) =>
        h("li", { className: `imp-part${mark(p.id)}`, testid: "import-part", "data-role": p.role },
          h("div", { className: "imp-part-heading" },
            `${numberPrefix(1, i)}${p.heading}`,
            h("span", { className: "imp-role" }, `（${ROLE_LABEL[p.role]}，${p.sections.length}个小节，${p.paragraphs.filter((x) => x.text.trim() !== "").length}段）`)),
          sectionItems(p.sections, 2)))),
    h("p", { testid: "import-closing" }, h("span", { className: "imp-label" }, "落款："),
      closing.length > 0 ? closing.map((c) => c.text).join("　") : h("span", { className: "muted" }, "未识别")),
  );

  const uncertain = r.uncertain.length === 0
    ? null
    : h("div", { className: "imp-uncertain", testid: "import-uncertain" },
        h("h3", {}, `需要留意（${r.uncertain.length}处）`),
        h("ul", {}, r.uncertain.map((u) =>
          h("li", { className: "uncertain", testid: "import-uncertain-item" }, u.message,
            // The excerpt on its own line: after a message's 。 a "：" would read "。：".
            u.excerpt ? h("div", { className: "muted" }, `原文：“${u.excerpt}”`) : null))));
  const removed = r.removed.length === 0
    ? null
    : h("details", { className: "imp-removed", testid: "import-removed" },
        h("summary", {}, `已去除的网页内容（${r.removed.length}项）`),
        h("ul", {}, r.removed.map((x) =>
          h("li", { testid: "import-removed-item" }, h("span", { className: "imp-reason" }, `${x.reason}：`), x.text))));
  const comments = r.comments.length === 0
    ? null
    : h("p", { className: "hint", testid: "import-comments" }, `文件中有${r.comments.length}条批注，导入时不带入正文。`);

  const form = h("form", { method: "dialog", novalidate: true },
    h("h2", {}, "导入预览"),
    h("p", { className: "imp-file", testid: "import-file" },
      `文件：${preview.fileName}　格式：${FORMAT_LABEL[r.format]}　编码：${r.encoding}`),
    h("div", { className: "imp-fields" },
      h("div", { className: "field" }, h("label", { for: "imp-issuer" }, "发文机关"), issuer,
        h("p", { className: "hint", id: "imp-issuer-hint" }, sourceHint(r.issuer_source, "发文机关")), issuerErr),
      h("div", { className: "field" }, h("label", { for: "imp-year" }, "报告年度"), year,
        h("p", { className: "hint", id: "imp-year-hint" }, sourceHint(r.year_source, "年度")), yearErr)),
    uncertain,
    h("h3", {}, "识别出的结构"),
    structure,
    removed,
    comments,
    formErr,
    h("div", { className: "dialog-buttons" }, cancel, ok),
  );
  const d = h("dialog", { className: "dialog import-dialog", testid: "import-dialog", "aria-label": "导入预览" }, form);
  document.body.append(d);

  return new Promise((resolve) => {
    let result: ReportView | null = null;
    d.addEventListener("close", () => {
      d.remove();
      resolve(result);
    });
    cancel.addEventListener("click", () => d.close());
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      formErr.textContent = "";
      const errors = checkIssuerYear(issuer.value, year.value);
      issuerErr.textContent = errors.issuer ?? "";
      yearErr.textContent = errors.year ?? "";
      issuer.setAttribute("aria-invalid", String(!!errors.issuer));
      year.setAttribute("aria-invalid", String(!!errors.year));
      if (errors.issuer) return issuer.focus();
      if (errors.year) return year.focus();
      ok.disabled = true;
      try {
        result = await api.confirmImport(preview.token, {
          issuer: issuer.value.trim(),
          year: Number(year.value.trim()),
          template_id: null,
        });
        d.close();
      } catch (e) {
        formErr.textContent = toApiError(e).message;
        ok.disabled = false;
      }
    });
    d.showModal();
    (r.issuer_source === "missing" ? issuer : r.year_source === "missing" ? year : ok).focus();
  });
}

/** A small modal telling why a file cannot be imported (bad drop, unreadable file). */
export function importErrorDialog(message: string): void {
  const close = h("button", { type: "button", className: "primary" }, "知道了");
  const d = h("dialog", { className: "dialog", testid: "import-error-dialog", "aria-label": "无法导入" },
    h("h2", {}, "无法导入"),
    h("p", { role: "alert", testid: "import-error" }, message),
    h("div", { className: "dialog-buttons" }, close));
  d.addEventListener("close", () => d.remove());
  close.addEventListener("click", () => d.close());
  document.body.append(d);
  d.showModal();
  close.focus();
}
