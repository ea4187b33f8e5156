// 设置 → 字体: for each role (标题 小标宋, 正文 仿宋, 一级标题 黑体, 二级标题 楷体,
// 页码 宋体) 内置 or one of the fonts installed on this machine. Rust finds the fonts
// (fontconfig), stores the choice and uses it for the export, the print and 打印预览.
import { printApi, toApiError } from "./api";
import type { FontSettings } from "./bindings/FontSettings";
import { h } from "./dom";
import { reloadPreviewFonts } from "./preview";

/** Opens the 字体 settings dialog. */
export function fontSettingsDialog(): void {
  document.querySelector<HTMLDialogElement>('[data-testid="font-settings"]')?.close();
  const body = h("div", { className: "font-roles" }, h("p", { className: "hint" }, "正在查找本机字体……"));
  const err = h("p", { className: "field-error", role: "alert", testid: "font-error" });
  const close = h("button", { type: "button", testid: "font-close" }, "关闭");
  const d = h("dialog", { className: "dialog font-settings", testid: "font-settings", "aria-label": "字体设置" },
    h("h2", {}, "字体"),
    h("p", { className: "hint" }, "选择各用途使用的字体。“内置”为随程序提供的免费字体；本机装有方正小标宋简体、仿宋_GB2312 等公文字体时可选用。所选字体缺少的字会逐字改用后备字体，导出时会提示。"),
    body, err, h("div", { className: "dialog-buttons" }, close));
  document.body.append(d);
  d.addEventListener("close", () => d.remove());
  close.addEventListener("click", () => d.close());

  const render = (s: FontSettings) => {
    body.replaceChildren(
      ...s.warnings.map((w) => h("p", { className: "export-warning", role: "alert" }, w)),
      ...s.roles.map((r) => {
        const select = h("select", { testid: `font-${r.role}`, "aria-label": `${r.label}字体` },
          h("option", { value: "", selected: r.choice === null }, `内置（${r.style}）`),
          ...s.installed.map((f) =>
            h("option", { value: f.family, selected: r.choice === f.family }, f.family)));
        select.addEventListener("change", () => {
          err.textContent = "";
          printApi.setFont(r.role, select.value || null).then((next) => {
            // 打印预览 fetches the roles' fonts again (Rust serves the new choice).
            reloadPreviewFonts();
            render(next);
          }, (e) => {
            err.textContent = toApiError(e).message;
          });
        });
        return h("label", { className: "field" }, h("span", {}, `${r.label}（${r.style}）`), select,
          h("span", { className: "hint" }, r.inUse ? `正在使用：${r.inUse}` : "正在使用：内置"));
      }));
  };
  printApi.fontSettings().then(render, (e) => {
    body.replaceChildren();
    err.textContent = toApiError(e).message;
  });
  d.showModal();
}
