// 打印: the printers CUPS knows, copies, page range, 双面 (on by default: GB/T 9704
// prints both sides), 报送版/公开版; then a progress line and the job's result or the
// printer's error, as Rust reports them. What is printed is the export's PDF.
import { printApi, toApiError } from "./api";
import type { Printer } from "./bindings/Printer";
import type { Profile } from "./bindings/Profile";
import { h } from "./dom";

export interface PrintContext {
  reportId: string;
  /** Saves pending edits; false when they could not be saved. */
  flush(): Promise<boolean>;
  profile?: Profile;
}

/** Opens the 打印 dialog. */
export function printDialog(ctx: PrintContext): void {
  document.querySelector<HTMLDialogElement>('[data-testid="print-dialog"]')?.close();
  const printer = h("select", { testid: "print-printer", "aria-label": "打印机" });
  const copies = h("input", { type: "number", min: "1", max: "99", value: "1", testid: "print-copies", "aria-label": "份数" });
  const pages = h("input", { type: "text", placeholder: "全部（或如 1-3）", testid: "print-pages", "aria-label": "页码范围" });
  const duplex = h("input", { type: "checkbox", checked: true, id: "print-duplex", testid: "print-duplex" });
  const profile = h("select", { testid: "print-profile", "aria-label": "版本" },
    h("option", { value: "filing", selected: ctx.profile !== "publication" }, "报送版"),
    h("option", { value: "publication", selected: ctx.profile === "publication" }, "公开版"));
  const status = h("p", { className: "hint", role: "status", testid: "print-status" }, "正在查找打印机……");
  const err = h("p", { className: "field-error", role: "alert", testid: "print-error" });
  const ok = h("button", { type: "submit", className: "primary", testid: "print-confirm", disabled: true }, "打印");
  const cancel = h("button", { type: "button", testid: "print-cancel" }, "关闭");
  const row = (label: string, el: HTMLElement) => h("label", { className: "field" }, h("span", {}, label), el);
  const form = h("form", { method: "dialog", novalidate: true },
    h("h2", {}, "打印报告"),
    row("打印机", printer), row("份数", copies), row("页码范围", pages),
    h("div", { className: "check" }, duplex, h("label", { for: "print-duplex" }, "双面打印（长边翻页）")),
    row("版本", profile), status, err,
    h("div", { className: "dialog-buttons" }, cancel, ok));
  const d = h("dialog", { className: "dialog print-dialog", testid: "print-dialog", "aria-label": "打印报告" }, form);
  document.body.append(d);
  d.addEventListener("close", () => d.remove());
  cancel.addEventListener("click", () => d.close());

  let printers: Printer[] = [];
  printApi.listPrinters().then(
    (list) => {
      printers = list;
      printer.replaceChildren(...list.map((p) =>
        h("option", { value: p.name }, `${p.name}${p.isDefault ? "（默认）" : ""} — ${p.state}`)));
      status.textContent = list.length === 0 ? "本机没有打印机：请先在系统设置中添加打印机。" : "";
      ok.disabled = list.length === 0;
    },
    (e) => {
      status.textContent = "";
      err.textContent = toApiError(e).message;
    },
  );
  printer.addEventListener("change", () => {
    const p = printers.find((x) => x.name === printer.value);
    if (p && !p.duplex) status.textContent = "这台打印机没有报告双面打印功能，双面设置可能无效。";
    else status.textContent = "";
  });

  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    err.textContent = "";
    ok.disabled = true;
    try {
      if (!(await ctx.flush())) throw { code: "unsaved", message: "当前修改尚未保存，请等保存完成后再打印" };
      status.textContent = `正在发送到“${printer.value}”……`;
      const result = await printApi.printReport(ctx.reportId, {
        printer: printer.value,
        copies: Number(copies.value) || 0,
        pages: pages.value.trim() || null,
        duplex: duplex.checked,
        profile: profile.value as Profile,
      });
      status.replaceChildren(h("strong", { testid: "print-result" }, result.message),
        ...result.notices.map((n) => h("span", { className: "hint" }, ` ${n}`)));
    } catch (e) {
      status.textContent = "";
      err.textContent = toApiError(e).message;
    } finally {
      ok.disabled = printers.length === 0;
    }
  });
  d.showModal();
}
