// 打印预览: the pages the PDF export typesets (GB/T 9704 grid), drawn to scale.
// The backend sends positioned lines (preview_pdf), each as the runs of one face the
// PDF draws (the 签发人 line: "签发人：" in 仿宋, the names in 楷体; a run-in heading's
// lead, then 仿宋; a fallback glyph): each run in its face's font at the PDF's x, each
// character at its typeset offset, so justification and punctuation squeezing show as
// in the PDF. Nothing is measured here: every position comes from the Rust layout.
// [print #19] The glyphs are drawn with the fonts chosen in 设置 → 字体, the same files
// the export embeds: each role's @font-face loads the `fazhi-font:` scheme's role
// address (src-tauri/src/fonts.rs), where Rust decides which file draws the role
// (fazhi_pdf::choice::preview_face). Outside the app (no scheme) the page's fonts stand in.
import { api, toApiError } from "./api";
import type { PdfPreview } from "./bindings/PdfPreview";
import type { PreviewLine } from "./bindings/PreviewLine";
import type { PreviewPage } from "./bindings/PreviewPage";
import type { Profile } from "./bindings/Profile";
import { clear, h } from "./dom";
import { fontBase } from "./editor/fonts";
import { printDialog } from "./print-dialog";

export interface PreviewContext {
  reportId: string;
  /** Saves pending edits first: the preview shows what is stored. */
  flush(): Promise<boolean>;
  /** 导出 PDF from the preview. */
  exportPdf(): void;
}

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2];
/** CSS pixels per millimetre at 100 %. */
const PX_PER_MM = 96 / 25.4;
const PX_PER_PT = 96 / 72;
/** Top of the em box above the baseline (as the typesetter centres lines). */
const EM_ASCENT = 0.88;

const FONT_VAR: Record<string, string> = {
  fang: "var(--font-fang)",
  hei: "var(--font-hei)",
  kai: "var(--font-kai)",
  song: "var(--font-song, var(--font-fang))",
  title: "var(--font-title)",
  // The PDF's fallback face is the bundled Noto Serif SC (fazhi-pdf fonts.rs).
  fallback: '"Noto Serif SC", var(--font-fang)',
};

/** The typesetter's face → the 设置 → 字体 role that draws it (the fallback face has none). */
const FONT_ROLE: Record<string, string> = {
  title: "title",
  fang: "body",
  hei: "heading1",
  kai: "heading2",
  song: "page_number",
};

/** The CSS family of a role's chosen font in the preview. */
function roleFamily(role: string): string {
  return `"fazhi-pv-${role}"`;
}

/**
 * The preview's @font-face rules: each role's chosen font from the scheme's role
 * address (`version` makes a new address after the choice changed, so it is fetched
 * again). Empty when the page has no scheme.
 */
export function previewFontFaces(base: string | null, version: number): string {
  if (!base) return "";
  return Object.values(FONT_ROLE)
    .map((role) => `@font-face { font-family: ${roleFamily(role)}; src: url("${base}role/${role}?v=${version}"); font-display: block; }`)
    .join("\n");
}

let fontVersion = 0;

/** (Re)declares the roles' fonts: on opening the preview and after 设置 → 字体 changed. */
export function reloadPreviewFonts(): void {
  fontVersion += 1;
  let style = document.getElementById("pv-fonts");
  if (!style) {
    style = document.createElement("style");
    style.id = "pv-fonts";
    document.head.append(style);
  }
  style.textContent = previewFontFaces(fontBase(location), fontVersion);
}

/** Draws one page at `zoom` (1 = A4 at 96 dpi). */
export function drawPage(page: PreviewPage, widthMm: number, heightMm: number, zoom: number): HTMLElement {
  const k = PX_PER_MM * zoom;
  const el = h("div", { className: "pv-page", testid: "preview-page", "data-page": page.number,
    "aria-label": `第${page.number}页`, role: "img" });
  el.style.width = `${widthMm * k}px`;
  el.style.height = `${heightMm * k}px`;
  drawLines(el, page.lines, zoom);
  drawRules(el, page.rules, zoom);
  // [tables #21] A landscape page's table, in the turned frame (297 × 210 mm, its top
  // the sheet's left edge): drawn upright, then turned a quarter anticlockwise onto
  // the sheet as the PDF turns it.
  if (page.turnedLines.length > 0 || page.turnedRules.length > 0) {
    const frame = h("div", { className: "pv-turned", testid: "preview-turned" });
    frame.style.position = "absolute";
    frame.style.left = "0";
    frame.style.top = "0";
    frame.style.width = `${heightMm * k}px`;
    frame.style.height = `${widthMm * k}px`;
    frame.style.transformOrigin = "0 0";
    frame.style.transform = `translateY(${heightMm * k}px) rotate(-90deg)`;
    drawLines(frame, page.turnedLines, zoom);
    drawRules(frame, page.turnedRules, zoom);
    el.append(frame);
  }
  return el;
}

/**
 * The CSS family of a face: the role's chosen font first; characters it lacks, and a
 * page without the scheme, fall back to the page's fonts.
 */
export function faceFamily(face: string): string {
  const role = FONT_ROLE[face];
  const fallback = FONT_VAR[face] ?? FONT_VAR.fang;
  return role ? `${roleFamily(role)}, ${fallback}` : fallback;
}

/** A run as drawn: its box inside the line's box and each character's left edge in it, in px. */
export interface PlacedRun {
  text: string;
  face: string;
  family: string;
  leftPx: number;
  widthPx: number;
  chars: { ch: string; leftPx: number }[];
}

/** Where a line's runs and characters go at `k` px per mm: the Rust layout's positions, scaled. */
export function placeRuns(line: PreviewLine, k: number): PlacedRun[] {
  return line.runs.map((run) => ({
    text: run.text,
    face: run.font,
    family: faceFamily(run.font),
    leftPx: (run.xMm - line.xMm) * k,
    widthPx: run.widthMm * k,
    chars: Array.from(run.text).map((ch, i) => ({ ch, leftPx: ((run.xs[i] ?? 0) / 100) * k })),
  }));
}

function drawLines(el: HTMLElement, lines: PreviewPage["lines"], zoom: number): void {
  const k = PX_PER_MM * zoom;
  for (const line of lines) {
    const size = line.sizePt * PX_PER_PT * zoom;
    const div = h("div", { className: `pv-line pv-${line.kind}`, testid: "preview-line", "data-kind": line.kind });
    div.style.left = `${line.xMm * k}px`;
    div.style.top = `${line.yMm * k - EM_ASCENT * size}px`;
    div.style.fontSize = `${size}px`;
    div.style.fontFamily = faceFamily(line.runs[0]?.font ?? "fang");
    if (line.color) div.style.color = line.color;
    for (const run of placeRuns(line, k)) {
      const span = h("span", { className: "pv-run", testid: "preview-run", "data-font": run.face });
      span.style.left = `${run.leftPx}px`;
      span.style.width = `${run.widthPx}px`;
      span.style.height = "1em";
      span.style.fontFamily = run.family;
      for (const c of run.chars) {
        const ch = h("span", {}, c.ch);
        ch.style.left = `${c.leftPx}px`;
        span.append(ch);
      }
      div.append(span);
    }
    el.append(div);
  }
}

/** Rules as the PDF strokes them: horizontal, or vertical (a table's column lines). */
function drawRules(el: HTMLElement, rules: PreviewPage["rules"], zoom: number): void {
  const k = PX_PER_MM * zoom;
  for (const rule of rules) {
    // At least one device pixel, so the thin 0.25 mm rule survives 50 % zoom.
    const thickness = Math.max(1 / devicePixelRatio, rule.widthMm * k);
    const line = h("div", { className: "pv-rule", testid: "preview-rule", "aria-hidden": "true" });
    if (rule.x0Mm === rule.x1Mm && rule.y1Mm !== rule.yMm) {
      line.style.left = `${rule.x0Mm * k - thickness / 2}px`;
      line.style.width = `${thickness}px`;
      line.style.top = `${rule.yMm * k}px`;
      line.style.height = `${(rule.y1Mm - rule.yMm) * k}px`;
    } else {
      line.style.left = `${rule.x0Mm * k}px`;
      line.style.width = `${(rule.x1Mm - rule.x0Mm) * k}px`;
      line.style.top = `${rule.yMm * k - thickness / 2}px`;
      line.style.height = `${thickness}px`;
    }
    if (rule.color) line.style.background = rule.color;
    el.append(line);
  }
}

/** Opens the preview dialog for the report. */
export async function printPreview(ctx: PreviewContext): Promise<void> {
  document.querySelector<HTMLDialogElement>('[data-testid="preview-dialog"]')?.close();
  reloadPreviewFonts();
  let profile: Profile = "filing";
  let data: PdfPreview | null = null;
  let index = 0;
  let zoom = 1;

  const stage = h("div", { className: "pv-stage", testid: "preview-stage", tabindex: 0 });
  const status = h("span", { className: "pv-count", testid: "preview-count", role: "status", "aria-live": "polite" }, "正在排版…");
  const notice = h("p", { className: "notice pv-notice", testid: "preview-notice", hidden: true });
  const prev = h("button", { type: "button", testid: "preview-prev", title: "上一页（PageUp）" }, "上一页");
  const next = h("button", { type: "button", testid: "preview-next", title: "下一页（PageDown；Home/End 首页/末页）" }, "下一页");
  const zoomLabel = h("span", { className: "zoom-label", testid: "preview-zoom" }, "100%");
  const zoomOut = h("button", { type: "button", "aria-label": "缩小", title: "缩小" }, "−");
  const zoomIn = h("button", { type: "button", "aria-label": "放大", title: "放大" }, "+");
  const profileSel = h("select", { testid: "preview-profile", "aria-label": "版本" },
    h("option", { value: "filing" }, "报送版"), h("option", { value: "publication" }, "公开版"));
  const exportPdf = h("button", { type: "button", className: "primary", testid: "preview-export-pdf" }, "导出 PDF…");
  // [print #19] 打印 (Ctrl+P) of the profile shown.
  const printBtn = h("button", { type: "button", testid: "preview-print", title: "打印（Ctrl+P）" }, "打印…");
  const openPrint = () => printDialog({ reportId: ctx.reportId, flush: () => ctx.flush(), profile });
  const close = h("button", { type: "button", testid: "preview-close" }, "关闭");
  const d = h("dialog", { className: "dialog preview-dialog", testid: "preview-dialog", "aria-label": "打印预览" },
    h("div", { className: "toolbar pv-toolbar" },
      h("h2", {}, "打印预览"), profileSel,
      h("span", { className: "group" }, prev, status, next),
      h("span", { className: "group" }, zoomOut, zoomLabel, zoomIn),
      h("span", { className: "spacer" }), printBtn, exportPdf, close),
    notice, stage);
  d.addEventListener("close", () => d.remove());
  document.body.append(d);

  const render = () => {
    clear(stage);
    zoomLabel.textContent = `${Math.round(zoom * 100)}%`;
    if (!data) return;
    const total = data.pages.length;
    index = Math.max(0, Math.min(total - 1, index));
    const page = data.pages[index];
    status.textContent = page ? `第 ${index + 1} 页，共 ${total} 页` : "没有内容";
    prev.disabled = index <= 0;
    next.disabled = index >= total - 1;
    if (page) stage.append(drawPage(page, data.pageWidthMm, data.pageHeightMm, zoom));
  };
  const load = async () => {
    status.textContent = "正在排版…";
    prev.disabled = next.disabled = true;
    try {
      if (!(await ctx.flush())) throw { code: "unsaved", message: "当前修改尚未保存，预览显示的是上次保存的内容" };
    } catch (e) {
      notice.textContent = toApiError(e).message;
      notice.hidden = false;
    }
    try {
      data = await api.previewPdf(ctx.reportId, profile);
      if (data.notice) {
        notice.textContent = data.notice;
        notice.hidden = false;
      }
      render();
    } catch (e) {
      data = null;
      clear(stage);
      status.textContent = "";
      stage.append(h("p", { className: "field-error", role: "alert", testid: "preview-error" }, toApiError(e).message));
    }
  };
  const go = (delta: number) => {
    index += delta;
    render();
    stage.scrollTop = 0;
  };
  const zoomBy = (delta: 1 | -1) => {
    zoom = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(zoom) + delta))] ?? 1;
    render();
  };
  prev.addEventListener("click", () => go(-1));
  next.addEventListener("click", () => go(1));
  zoomOut.addEventListener("click", () => zoomBy(-1));
  zoomIn.addEventListener("click", () => zoomBy(1));
  profileSel.addEventListener("change", () => {
    profile = profileSel.value as Profile;
    notice.hidden = true;
    void load();
  });
  exportPdf.addEventListener("click", () => {
    d.close();
    ctx.exportPdf();
  });
  close.addEventListener("click", () => d.close());
  printBtn.addEventListener("click", openPrint);
  d.addEventListener("keydown", (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === "p") {
      ev.preventDefault();
      openPrint();
      return;
    }
    if (ev.target instanceof HTMLSelectElement) return;
    if (ev.key === "PageDown" || (ev.key === "ArrowRight" && !ev.altKey)) {
      ev.preventDefault();
      if (data && index < data.pages.length - 1) go(1);
    } else if (ev.key === "PageUp" || (ev.key === "ArrowLeft" && !ev.altKey)) {
      ev.preventDefault();
      if (index > 0) go(-1);
    } else if ((ev.key === "Home" || ev.key === "End") && data && data.pages.length > 0) {
      ev.preventDefault();
      const target = ev.key === "Home" ? 0 : data.pages.length - 1;
      if (target !== index) go(target - index);
    } else if ((ev.ctrlKey || ev.metaKey) && (ev.key === "=" || ev.key === "+")) {
      ev.preventDefault();
      zoomBy(1);
    } else if ((ev.ctrlKey || ev.metaKey) && ev.key === "-") {
      ev.preventDefault();
      zoomBy(-1);
    }
  });
  d.showModal();
  stage.focus();
  await load();
}
